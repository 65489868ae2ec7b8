"""One rule for every CSV this tool writes (scores.csv, rejected.csv, plan.csv, the
template): UTF-8 with BOM, CRLF, and `--csv standard` (`,` and decimal point) or
`--csv excel-de` (`;` and decimal comma). Also: readable file names of person reports, and
the cohort report's note on reverse-keyed item means."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from helpers import FIXTURES, batch, limesurvey, run_cli
from netzkompetenz.io.csv_format import CSV_DIALECTS, csv_bytes
from netzkompetenz.io.files import file_slug

EXPORTS = FIXTURES / "exports"
MINI = FIXTURES / "mini"


def rows(path: Path, delimiter: str) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    return list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=delimiter))


@pytest.mark.parametrize(
    "style, sep, point", [(None, ",", "."), ("standard", ",", "."), ("excel-de", ";", ",")]
)
def test_batch_and_plan_csv_follow_the_chosen_dialect(tmp_path, style, sep, point):
    out = tmp_path / "out"
    more = ("--csv", style) if style else ()
    done = limesurvey(out, "--reports", "none", *more)
    assert done.returncode == 1, done.stderr  # the fixture has rejected rows
    scores = rows(out / "scores.csv", sep)
    header = scores[0]
    assert header[:5] == ["row", "name", "organisation", "role", "tandem"]
    means = [r[header.index("A_mean")] for r in scores[1:]]
    assert means and all(m == "" or (point in m and len(m.split(point)[1]) == 4) for m in means)
    assert any(m for m in means)
    rejected = rows(out / "rejected.csv", sep)
    assert rejected[0] == ["row", "column", "value", "reason"] and len(rejected) > 1
    plan = tmp_path / "plan.csv"
    done = run_cli("--data", str(MINI), "plan", str(out), "-o", str(plan), *more)
    assert done.returncode == 0, done.stderr
    table = rows(plan, sep)
    assert len(table) > 1 and all(len(r) == len(table[0]) for r in table)
    days = {r[4] for r in table[1:]}  # whole days as "2", not "2.0"
    assert days and not any(d.endswith((".0", ",0")) for d in days)


def test_numbers_and_separators_in_cells():
    cells = [["a;b", "c,d", 1.5, 2.0, 3, "=1+1"]]
    standard = csv_bytes(cells, CSV_DIALECTS["standard"]).decode("utf-8-sig")
    assert standard == 'a;b,"c,d",1.5,2,3,\'=1+1\r\n'
    german = csv_bytes(cells, CSV_DIALECTS["excel-de"]).decode("utf-8-sig")
    assert german == '"a;b";c,d;1,5;2;3;\'=1+1\r\n'


def test_unknown_dialect_is_refused(tmp_path):
    done = limesurvey(tmp_path / "out", "--csv", "excel")
    assert done.returncode == 2 and "excel-de" in done.stderr


@pytest.mark.parametrize(
    "name, slug",
    [
        ("Groß", "Gross"),
        ("Yılmaz", "Yilmaz"),
        ("Jörg Müller", "Joerg-Mueller"),
        ("ÄÖÜ ẞ", "AeOeUe-SS"),
        ("İlkay Gündoğan", "Ilkay-Guendogan"),
        ("Łukasz Żak", "Lukasz-Zak"),
        ("Zoë", "Zoe"),
        ("Jo\u0308rg", "Joerg"),
        ("李", ""),
        ("../../etc", "etc"),
    ],
)
def test_file_slug_keeps_readable_letters(name, slug):
    assert file_slug(name) == slug


def test_person_reports_are_named_readably(tmp_path):
    export = tmp_path / "export.csv"
    export.write_text(
        "name;organisation;A1;A2;B1;B2\n"
        "Jürgen Groß;X;4;2;5;4\nAyşe Yılmaz;X;3;3;3;3\n李;X;2;2;2;2\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    done = batch(
        str(export),
        "--questionnaire",
        "mini",
        "-o",
        str(out),
        "--reports",
        "md",
        "--outputs",
        "csv",
    )
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (out / "reports").iterdir()) == [
        "00002-Juergen-Gross.md",
        "00003-Ayse-Yilmaz.md",
        "00004-person.md",
    ]


def test_cohort_report_says_reverse_keyed_means_are_after_reversal(tmp_path):
    export = tmp_path / "export.csv"
    export.write_text(
        "name;A1;A2;B1;B2\n"
        + "".join(f"P{n};{n % 5 + 1};{(n + 2) % 5 + 1};3;4\n" for n in range(6)),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    done = batch(
        str(export),
        "--questionnaire",
        "mini",
        "-o",
        str(out),
        "--reports",
        "none",
        "--outputs",
        "cohort",
    )
    assert done.returncode == 0, done.stderr
    md = (out / "cohort.md").read_text(encoding="utf-8")
    assert "umgekehrt gewertet: Mittelwert nach der Umkehrung" in md
    assert "nach der Umkehrung (1 + 5 − Antwort)" in md
    html = (out / "cohort.html").read_text(encoding="utf-8")
    assert "nach der Umkehrung (1 + 5 − Antwort)" in html
