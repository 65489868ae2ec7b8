"""export: XLSForm (checked with pyxform) and CSV template; the round trip through batch.

The survey exports in tests/fixtures/tandem/survey/ are written by hand in the shape the
tools produce: KoBoToolbox ("XML values and headers": `group/question` headers, `;`, every
value quoted, `_id`, `_uuid`, `_submission_time` ...) and ODK Central (`group-question`
headers, `SubmissionDate`, `meta-instanceID`, `KEY` ...).
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from helpers import FIXTURES, run_cli
from netzkompetenz.core.answers import check_values
from netzkompetenz.core.model import CANNOT_JUDGE, NOT_APPLICABLE, Condition
from netzkompetenz.core.scoring import score
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.io.forms import relevant, xlsform_bytes
from netzkompetenz.io.resultjson import result_to_dict
from netzkompetenz.io.survey_tools import RESPONDENT_FIELDS

TANDEM = FIXTURES / "tandem"
SURVEY = TANDEM / "survey"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load([TANDEM])


def export(
    tmp_path: Path, questionnaire: str, fmt: str, name: str, data: Path = TANDEM, *more: str
):
    out = tmp_path / name
    return run_cli(
        "--data", str(data), "export", questionnaire, "--format", fmt, "-o", str(out), *more
    ), out


def xform_paths(xlsx: Path) -> dict[str, str]:
    """pyxform's XForm for the file: question name -> data path below the form's root."""
    from pyxform.xls2xform import convert

    xml = convert(str(xlsx), warnings=[]).xform
    return {
        m.group(2): m.group(1)
        for m in re.finditer(r'<bind nodeset="/[^/"]+/((?:[^"/]+/)*([^"/]+))"', xml)
    }


def test_relevant_mirrors_item_conditions():
    assert relevant(None) == ""
    assert relevant(Condition(item="B2", max=3)) == "number(${B2}) <= 3"
    assert (
        relevant(Condition(item="B2", min=2, max=4)) == "number(${B2}) >= 2 and number(${B2}) <= 4"
    )


def test_every_questionnaire_converts_with_pyxform(tmp_path, catalog):
    """Bundled and fixture questionnaires alike: pyxform accepts the form, every item is a
    question named by its id, and the scale's choices include `cannot_judge`."""
    from openpyxl import load_workbook
    from pyxform.xls2xform import convert

    assert catalog.questionnaires
    for qid, entry in catalog.questionnaires.items():
        out = tmp_path / f"{qid}.xlsx"  # in process: the command is run in the round trip
        out.write_bytes(xlsform_bytes(entry.model))
        warnings: list[str] = []
        xml = convert(str(out), warnings=warnings).xform
        assert not warnings, warnings
        paths = xform_paths(out)
        q = entry.model
        for item in q.items:
            assert paths[item.id] == f"{item.dimension}/{item.id}", item.id
        for field in RESPONDENT_FIELDS:
            assert paths[field] == f"respondent/{field}"
        for lang in q.languages:
            assert 'lang="' in xml and f"({lang})" in xml
        rows = list(load_workbook(out)["choices"].iter_rows(min_row=2))
        choices = [row[1].value for row in rows if row[0].value == "scale"]
        assert choices == [str(p.value) for p in q.scale.points] + [CANNOT_JUDGE] + (
            [NOT_APPLICABLE] if q.scale.not_applicable else []
        )
        for question in q.context:  # v2: a select_one per context question, before the items
            assert paths[question.id] == f"context/{question.id}"
            assert [row[1].value for row in rows if row[0].value == f"context_{question.id}"] == [
                o.id for o in question.options
            ]
        for entry in q.framework:
            assert paths[entry.id] == f"framework/{entry.id}"
        # issue 21: each dimension's reflection prompt, free text on the dimension's page
        survey = {row[1].value: row for row in load_workbook(out)["survey"].iter_rows(min_row=2)}
        lang = q.languages[0]
        for dim in q.dimensions:
            # its description, then when to choose "not applicable" (thirtieth content read, b)
            description, *remark = survey[f"{dim.id}_note"][2].value.split("\n\n")
            assert description == dim.description[lang]
            if q.scale.not_applicable is None:
                assert remark == []
            else:
                (said,) = remark
                assert q.scale.not_applicable[lang].split(" (")[0] in said
                assert q.scale.points[0].label[lang] in said
            name = f"{dim.id}_reflection"
            assert (name in paths) == (dim.reflection is not None), name
            if dim.reflection:
                assert paths[name] == f"{dim.id}/{name}"
                assert survey[name][0].value == "text"
                assert survey[name][2].value == dim.reflection[q.languages[0]]
        for item in q.items:
            if item.condition and item.condition.context:
                option = item.condition.in_[0]
                assert f"/data/context/{item.condition.context}  = '{option}'" in xml.replace(
                    "&apos;", "'"
                )
            elif item.condition:
                assert f"${{{item.condition.item}}}" not in xml  # pyxform resolved it
                assert (
                    f"number( /data/{q.item(item.condition.item).dimension}/"
                    f"{item.condition.item} )" in xml
                )


@pytest.mark.parametrize("style, sep", [(None, ","), ("excel-de", ";")])
def test_csv_template_header_and_what_is_allowed(tmp_path, mini_data, style, sep):
    proc, out = export(
        tmp_path,
        "mini",
        "csv-template",
        "mini.csv",
        mini_data,
        *(("--csv", style) if style else ()),
    )
    assert proc.returncode == 0, proc.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header, note = raw.decode("utf-8-sig").split("\r\n")[:2]
    assert header == sep.join(["name", "organisation", "tandem", "A1", "A2", "B1", "B2", "B3"])
    assert note.startswith('"# Erlaubt in den Antwortspalten: 1 = ')
    assert "cannot_judge = kann ich nicht einschätzen (nicht 0)" in note
    assert note.endswith(sep.join(["", "", "", *["1 / 2 / 3 / 4 / 5 / cannot_judge"] * 5]))


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ("--format", "spss", "-o", "x.sav"),
            "„spss“ ist keiner der Werte 'xlsform', 'csv-template',",
        ),
        (("--format", "xlsform", "-o", "x.csv"), "auf .xlsx enden"),
        (("--format", "csv-template", "-o", "x.xlsx"), "auf .csv enden"),
    ],
)
def test_bad_format_or_extension(tmp_path, args, message):
    proc = run_cli(
        "--data",
        str(TANDEM),
        "export",
        "t-koordination",
        *[str(tmp_path / a) if a.startswith("x.") else a for a in args],
    )
    assert proc.returncode == 2 and message in proc.stderr
    assert "Traceback" not in proc.stderr and not list(tmp_path.iterdir())


def test_unknown_questionnaire(tmp_path):
    proc, out = export(tmp_path, "nope", "xlsform", "x.xlsx")
    assert proc.returncode == 2 and "unbekannter Fragebogen" in proc.stderr


# --- round trip: questionnaire -> XLSForm -> survey tool export -> batch ------------------


def _expected(
    catalog: Catalog, qid: str, pid: str, export_csv: Path, delimiter: str, sep: str
) -> dict[str, dict]:
    """Score the export's rows directly (scoring.score), as batch must."""
    q, p = catalog.questionnaire(qid), catalog.profile(pid)
    with export_csv.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=delimiter))
    expected = {}
    for row in rows:
        raw = {i.id: row[f"{i.dimension}{sep}{i.id}"] for i in q.items}
        values, problems = check_values(
            q, {k: (v if v in ("", CANNOT_JUDGE) else int(v)) for k, v in raw.items()}
        )
        assert not problems
        expected[row[f"respondent{sep}name"]] = result_to_dict(score(q, p, values))
    return expected


@pytest.mark.parametrize(
    "qid, pid, export_name, delimiter, sep",
    [
        ("t-koordination", "t-coordinator", "kobo-t-koordination.csv", ";", "/"),
        ("t-fuehrung", "t-leader", "odk-central-t-fuehrung.csv", ",", "-"),
    ],
)
def test_round_trip_through_batch(tmp_path, catalog, qid, pid, export_name, delimiter, sep):
    pytest.importorskip("netzkompetenz.commands.batch", reason="batch is not there yet")
    # 1. The XLSForm converts, and the export's headers are the form's data paths.
    proc, form = export(tmp_path, qid, "xlsform", "form.xlsx")
    assert proc.returncode == 0, proc.stderr
    paths = xform_paths(form)
    export_csv = SURVEY / export_name
    header = export_csv.read_text(encoding="utf-8-sig").splitlines()[0]
    columns = [c.strip('"') for c in header.split(delimiter)]
    for name, path in paths.items():
        # Notes hold no answer and meta/ is the tools' own: neither needs a column here.
        if not name.endswith("_note") and not path.startswith("meta/"):
            assert path.replace("/", sep) in columns, path
    # 2. batch scores the export without a mapping file.
    out = tmp_path / "batch"
    proc = run_cli(
        "--data",
        str(TANDEM),
        "batch",
        str(export_csv),
        "--questionnaire",
        qid,
        "--profile",
        pid,
        "-o",
        str(out),
        "--reports",
        "none",
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    results = [
        json.loads(line)
        for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    expected = _expected(catalog, qid, pid, export_csv, delimiter, sep)
    assert {r["respondent"]["name"] for r in results} == set(expected)
    for r in results:
        want = expected[r["respondent"]["name"]]
        assert r["respondent"]["organisation"]
        assert [d["id"] for d in r["dimensions"]] == [d["id"] for d in want["dimensions"]]
        for got, exp in zip(r["dimensions"], want["dimensions"], strict=True):
            assert got["answered"] == exp["answered"]
            assert got["cannot_judge"] == exp["cannot_judge"]
            assert (
                got["percent"] == pytest.approx(exp["percent"], abs=1e-3)
                if exp["percent"] is not None
                else got["percent"] is None
            )
        assert [m["module"] for m in r["recommendations"]] == [
            m["module"] for m in want["recommendations"]
        ]
    # 3. The batch output feeds the training plan.
    plan = tmp_path / "plan.csv"
    proc = run_cli("--data", str(TANDEM), "plan", str(out), "-o", str(plan))
    assert proc.returncode == 0, proc.stderr
