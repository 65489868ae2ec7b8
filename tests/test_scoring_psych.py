"""Our dimension means agree with R's psych::scoreItems(impute = "none").

tests/fixtures/psych_reference.csv was written by tests/r/psych_reference.R (psych 2.2.9)
from the answer matrix tests/fixtures/psych/items.csv; the questionnaire in
tests/fixtures/psych/ has the same keys. The first test needs no R; the second re-runs R
when Rscript and psych are installed (Debian: r-base-core r-cran-psych) and is skipped
otherwise, also under CI: the committed reference is what the first test checks.
"""

from __future__ import annotations

import csv
import shutil
import subprocess

import pytest

from helpers import FIXTURES, ROOT
from netzkompetenz.core.answers import check_values
from netzkompetenz.core.scoring import score
from netzkompetenz.io.catalog import Catalog

PSYCH = FIXTURES / "psych"
REFERENCE = FIXTURES / "psych_reference.csv"
SCRIPT = ROOT / "tests" / "r" / "psych_reference.R"


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_means_agree_with_psych_score_items():
    catalog = Catalog.load([PSYCH])
    questionnaire = catalog.questionnaire("psych")
    profile = catalog.profile("psych-coordinator")
    reference = {row["id"]: row for row in read_rows(REFERENCE)}
    rows = read_rows(PSYCH / "items.csv")
    assert len(rows) == len(reference) == 40
    compared = missing = 0
    for row in rows:
        raw = {
            k: (v if v == "cannot_judge" else int(v))
            for k, v in row.items()
            if k != "id" and v != "NA"
        }
        values, problems = check_values(questionnaire, raw)
        assert problems == []
        result = score(questionnaire, profile, values)
        for dim in result.dimensions:
            expected = reference[row["id"]][dim.dimension]
            if expected == "NA":  # psych: no answered item; we: not enough answers
                assert not dim.enough, (row["id"], dim.dimension)
                missing += 1
            else:
                assert dim.mean == pytest.approx(float(expected), abs=1e-9), (
                    row["id"],
                    dim.dimension,
                )
                compared += 1
    assert compared > 100 and missing >= 4  # the edge rows are really in the fixture


def test_reference_is_what_r_computes_today(tmp_path):
    rscript = shutil.which("Rscript")
    if rscript is None:
        pytest.skip("Rscript not installed (apt-get install r-base-core r-cran-psych)")
    check = subprocess.run([rscript, "-e", "library(psych)"], capture_output=True, timeout=60)
    if check.returncode != 0:
        pytest.skip("R package psych not installed (apt-get install r-cran-psych)")
    out = tmp_path / "reference.csv"
    proc = subprocess.run(
        [rscript, str(SCRIPT), str(PSYCH / "items.csv"), str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    fresh, committed = read_rows(out), read_rows(REFERENCE)
    assert [r["id"] for r in fresh] == [r["id"] for r in committed]
    for a, b in zip(fresh, committed, strict=True):
        for dim in ("D1", "D2", "D3"):
            if b[dim] == "NA":
                assert a[dim] == "NA"
            else:
                assert float(a[dim]) == pytest.approx(float(b[dim]), abs=1e-9)
