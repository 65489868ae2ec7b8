"""`netzkompetenz batch` as a trainer uses it: survey exports in, files out."""

from __future__ import annotations

import csv
import json
import stat
import sys
from pathlib import Path

import openpyxl
import pytest

from helpers import FIXTURES, batch, limesurvey, read_csv, run_cli
from netzkompetenz.core.scoring import score
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.io.resultjson import result_to_dict

EXPORTS = FIXTURES / "exports"
MINI = FIXTURES / "mini"


def test_command_line_end_to_end(tmp_path: Path) -> None:
    done = run_cli(
        "--data",
        str(MINI),
        "batch",
        str(EXPORTS / "limesurvey.csv"),
        "--questionnaire",
        "mini",
        "--mapping",
        str(EXPORTS / "limesurvey-mapping.yaml"),
        "-o",
        str(tmp_path),
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "4 Zeilen ausgewertet, 4 abgelehnt" in done.stdout


def test_limesurvey_export_scores_good_rows_and_lists_broken_ones(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = limesurvey(out, "--reports", "md", "--lang", "en")
    assert done.returncode == 1, done.stderr
    assert f"4 rows scored, 4 rejected: see {out / 'rejected.csv'}" in done.stdout
    rejected = read_csv(out / "rejected.csv")
    assert [(r["row"], r["column"], r["value"]) for r in rejected] == [
        ("4", "Q1[SQ002]", "A7"),  # unknown answer code
        ("5", "Q1[SQ001]", "9"),  # out of range
        ("6", "submitdate", ""),  # incomplete response
        ("7", "Q2[SQ001]", "vielleicht"),  # garbage
    ]
    assert all(r["reason"] for r in rejected)
    assert "incomplete" in rejected[2]["reason"]
    scores = read_csv(out / "scores.csv")
    assert [s["row"] for s in scores] == ["2", "3", "8", "9"]
    assert scores[0]["name"] == "Anna Beispiel" and scores[0]["organisation"] == "Musterstadt"
    assert scores[1]["modules"] == "basics moderation"
    # results.jsonl holds exactly what scoring.score gives for the same answers
    catalog = Catalog.load([MINI])
    q, p = catalog.questionnaire("mini"), catalog.profile("mini-coordinator")
    lines = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert [r["row"] for r in lines] == [2, 3, 8, 9]
    anna = {"A1": 4, "A2": 2, "B1": 5, "B2": 4}
    expected = result_to_dict(score(q, p, anna))
    assert {k: lines[0][k] for k in expected} == expected
    assert lines[0]["respondent"] == {
        "name": "Anna Beispiel",
        "organisation": "Musterstadt",
        "tandem": None,
    }
    cannot = next(r for r in lines if r["row"] == 8)  # A6 -> cannot judge via the mapping
    assert cannot["dimensions"][0]["cannot_judge"] == 1
    assert len(list((out / "reports").glob("*.md"))) == 4
    for name in ("scores.xlsx", "cohort.html", "cohort.md"):
        assert (out / name).stat().st_size > 0
    assert not list(out.glob(".*tmp"))  # atomic writes leave no temporary files


def _forms_rows() -> list[list[str]]:
    return [
        ["Anna", "trifft eher zu", "trifft nicht zu", "trifft voll zu", "teils/teils"],
        [
            "Bernd",
            "teils/teils",
            "kann ich nicht einschätzen",
            "trifft eher zu",
            "trifft eher nicht zu",
        ],
    ]


def test_ms_forms_xlsx_matched_by_item_text(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(
        [
            "ID",
            "Startzeit",
            "Fertigstellungszeit",
            "E-Mail",
            "Name",
            "Ich kenne die Netzwerkarten.",
            "Eine Netzwerkkarte zu erstellen fällt mir schwer",
            " Ich moderiere Sitzungen sicher. ",
            "Ich spreche Konflikte offen an.",
        ]
    )
    for n, row in enumerate(_forms_rows(), 1):
        sheet.append([n, "5/2/24 10:11:12", "5/2/24 10:20:00", "anonymous", *row])
    export = tmp_path / "forms.xlsx"
    book.save(export)
    done = batch(
        str(export), "--questionnaire", "mini", "-o", str(tmp_path / "out"), "--reports", "none"
    )
    assert done.returncode == 0, done.stderr
    scores = read_csv(tmp_path / "out" / "scores.csv")
    assert [s["name"] for s in scores] == ["Anna", "Bernd"]
    # Anna: A1 = 4, A2 = 1 reversed -> 5: mean 4.5
    assert scores[0]["A_mean"] == "4.5000" and scores[0]["A_answered"] == "2"


def test_google_forms_csv_cp1252_grid_headers_in_english(tmp_path: Path) -> None:
    export = tmp_path / "google.csv"
    header = [
        "Timestamp",
        "Name",
        "1. How confident are you? [I know the types of networks.]",
        "2. How confident are you? [I find it hard to draw a network map.]",
        "I facilitate meetings confidently",
        "I address conflicts openly.",
    ]
    rows = [
        [
            "2024/05/02 10:11:12",
            f"Jürgen Ä{n}",
            "rather applies",
            "does not apply",
            "fully applies",
            "partly",
        ]
        for n in range(5)
    ]  # five people, not one five times
    with export.open("w", encoding="cp1252", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    out = tmp_path / "out"
    done = batch(str(export), "--questionnaire", "mini", "-o", str(out), "--reports", "none")
    assert done.returncode == 0, done.stderr
    scores = read_csv(out / "scores.csv")
    assert len(scores) == 5 and scores[0]["name"] == "Jürgen Ä0"
    assert scores[0]["A_mean"] == "4.5000"
    assert "Ausgewertete Personen: 5" in (out / "cohort.md").read_text()


def test_formulas_neutralised_in_csv_and_xlsx(tmp_path: Path) -> None:
    out = tmp_path / "out"
    limesurvey(out, "--reports", "none")
    row = next(r for r in read_csv(out / "scores.csv") if r["row"] == "8")
    assert row["name"].startswith("'=HYPERLINK(")
    assert row["organisation"] == "'+49 30 1234"
    sheet = openpyxl.load_workbook(out / "scores.xlsx").active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:3] == ("row", "name", "organisation")
    hyper = next(v for v in values if v[0] == 8)
    assert hyper[1].startswith("'=HYPERLINK(") and hyper[2] == "'+49 30 1234"
    assert all(c.data_type != "f" for r in sheet.iter_rows() for c in r)
    assert hyper[5] == 1.0 and isinstance(hyper[6], float)  # numbers stay numbers


def test_pseudonyms_are_stable_and_replace_names_everywhere(tmp_path: Path) -> None:
    env = {"NETZKOMPETENZ_PSEUDONYM_KEY": "test-key"}
    runs = []
    for name in ("a", "b"):
        out = tmp_path / name
        done = limesurvey(out, "--reports", "html", "--pseudonymize", env=env)
        assert done.returncode == 1, done.stderr
        runs.append(read_csv(out / "scores.csv"))
        for path in out.rglob("*"):
            if path.is_file() and path.suffix != ".xlsx":
                assert "Anna" not in path.read_text(encoding="utf-8-sig"), path
    assert runs[0][0]["name"].startswith("P-")
    assert [r["name"] for r in runs[0]] == [r["name"] for r in runs[1]]
    other = limesurvey(
        tmp_path / "c", "--pseudonymize", env={"NETZKOMPETENZ_PSEUDONYM_KEY": "another-key"}
    )
    assert other.returncode == 1
    assert read_csv(tmp_path / "c" / "scores.csv")[0]["name"] != runs[0][0]["name"]


def test_small_cohort_shows_no_statistics_and_html_is_escaped(tmp_path: Path) -> None:
    export = tmp_path / "few.csv"
    export.write_text(
        "Name;Organisation;A1;A2;B1;B2\n"
        "<script>alert(1)</script>;<b>Amt</b>;4;2;5;4\n"
        "Zweite;Amt;3;3;3;3\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    done = batch(str(export), "--questionnaire", "mini", "-o", str(out), "--reports", "html")
    assert done.returncode == 0, done.stderr
    cohort = (out / "cohort.html").read_text()
    assert "Weniger als 5 Personen" in cohort and "Cronbach" not in cohort
    person = next((out / "reports").glob("00002-*.html")).read_text()
    assert "<script>alert(1)</script>" not in person
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in person


def test_organisations_below_five_are_pooled(tmp_path: Path) -> None:
    export = tmp_path / "orgs.csv"
    lines = ["Name,Organisation,A1,A2,B1,B2"]
    lines += [f"P{n},<i>Großstadt</i>,2,4,2,2" for n in range(6)]
    lines += [f"Q{n},Kleindorf,2,4,2,2" for n in range(2)]
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert (
        batch(
            str(export), "--questionnaire", "mini", "-o", str(out), "--reports", "none"
        ).returncode
        == 0
    )
    html = (out / "cohort.html").read_text()
    assert "&lt;i&gt;Großstadt&lt;/i&gt;" in html and "<i>Großstadt" not in html
    assert "Kleindorf" not in html and "weitere Organisationen" in html
    md = (out / "cohort.md").read_text()
    assert "Kleindorf" not in md


@pytest.mark.parametrize(
    "content,suffix,expected",
    [
        ("just text", ".pdf", "unbekannter Dateityp"),
        ("Name;Frage X;Frage Y\nA;1;2\n", ".csv", ":1: keine Spalte passt zu einer Frage"),
        (
            "Name;A1;a1\nA;1;2\n",
            ".csv",
            ":1:3: Spalte 'a1' und Spalte 2 enthalten beide die Frage 'A1'",
        ),
        ('[{"A1": 3}, 5]', ".json", "Antwort 2 ist kein Objekt"),
    ],
)
def test_bad_files_exit_2_with_position(
    tmp_path: Path, content: str, suffix: str, expected: str
) -> None:
    export = tmp_path / f"export{suffix}"
    export.write_text(content, encoding="utf-8")
    out = tmp_path / "out"  # an earlier run's output folder (its marker lists scores.csv)
    out.mkdir()
    (out / "scores.csv").write_text("old")
    (out / ".netzkompetenz-batch.json").write_text(
        '{"format": "netzkompetenz-batch-output/1", "files": ["scores.csv"]}'
    )
    done = batch(str(export), "--questionnaire", "mini", "-o", str(out))
    assert done.returncode == 2
    assert expected in done.stderr and "Traceback" not in done.stderr
    assert (out / "scores.csv").read_text() == "old"


def test_malformed_mapping_names_line_and_column(tmp_path: Path) -> None:
    mapping = tmp_path / "map.yaml"
    mapping.write_text("columns:\n  Frage 1: A1\n  Frage 2: Z9\nanswers:\n  A6: 7\n")
    done = batch(
        str(EXPORTS / "limesurvey.csv"),
        "--questionnaire",
        "mini",
        "--mapping",
        str(mapping),
        "-o",
        str(tmp_path / "out"),
    )
    assert done.returncode == 2
    assert f"{mapping}:3:12: 'Z9' ist keine Frage des Fragebogens 'mini'" in done.stderr
    assert f"{mapping}:5:7: kein Wert der Skala" in done.stderr


def test_json_lines_export(tmp_path: Path) -> None:
    export = tmp_path / "answers.jsonl"
    export.write_text(
        '{"name": "Ada", "A1": 4, "A2": "A2", "B1": "trifft voll zu"}\n{"name": "Bob", "A1": 6}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    done = batch(str(export), "--questionnaire", "mini", "-o", str(out), "--reports", "none")
    assert done.returncode == 1
    assert read_csv(out / "rejected.csv")[0] == {
        "row": "3",
        "column": "A1",
        "value": "6",
        "reason": "kein Wert der Skala (1, 2, 3, 4, 5 oder cannot_judge)",
    }  # German run
    assert read_csv(out / "scores.csv")[0]["name"] == "Ada"


def test_outputs_option_writes_only_the_chosen_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = limesurvey(out, "--reports", "none", "--outputs", "csv")
    assert done.returncode == 1, done.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        ".netzkompetenz-batch.json",
        "rejected.csv",
        "scores.csv",
    ]
    assert [s["row"] for s in read_csv(out / "scores.csv")] == ["2", "3", "8", "9"]
    done = limesurvey(tmp_path / "two", "--reports", "none", "--outputs", "jsonl, cohort")
    assert sorted(p.name for p in (tmp_path / "two").iterdir()) == [
        ".netzkompetenz-batch.json",
        "cohort.html",
        "cohort.md",
        "rejected.csv",
        "results.jsonl",
    ]
    bad = limesurvey(tmp_path / "bad", "--outputs", "csv,pdf")
    assert bad.returncode == 2 and "--outputs nimmt eines oder mehrere von" in bad.stderr
    assert not (tmp_path / "bad").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_every_output_is_its_owners_only(tmp_path: Path) -> None:
    """docs/batch.md, "Outputs in DIR": the folders 0700, the files 0600, the marker and
    reports/ included (whatever the umask lets through)."""
    out = tmp_path / "out"
    done = run_cli(
        "--data", str(MINI), "batch", str(EXPORTS / "limesurvey.csv"), "--questionnaire", "mini",
        "--mapping", str(EXPORTS / "limesurvey-mapping.yaml"), "-o", str(out), "--reports", "md",
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    modes = {
        p.relative_to(out).as_posix(): stat.S_IMODE(p.stat().st_mode)
        for p in [out, *out.rglob("*")]
    }
    assert {".", ".netzkompetenz-batch.json", "reports", "scores.csv"} <= set(modes)
    folders = {name for name in modes if (out / name).is_dir()}
    assert {name: mode for name, mode in modes.items() if name in folders} == dict.fromkeys(
        folders, 0o700
    )
    assert {name: mode for name, mode in modes.items() if name not in folders} == dict.fromkeys(
        set(modes) - folders, 0o600
    )
