"""Content v2 in batch: context answers, the framework checklist and the reflections from
survey exports (CSV template, XLSX template, JSON, LimeSurvey response exports)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest

from helpers import Done, read_csv, run_cli
from netzkompetenz.core.model import Questionnaire
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.io.limesurvey import (
    codes_for,
    context_answer_codes,
    context_code,
    framework_code,
)

ROOT = Path(__file__).resolve().parent.parent
Q_ID = "netzwerkkoordination"


def batch(*args: str) -> Done:
    """batch with the bundled content (in process)."""
    from typer.testing import CliRunner

    from netzkompetenz.cli import app

    result = CliRunner().invoke(app, ["batch", *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Done(result.exit_code, result.stdout, result.stderr)


@pytest.fixture(scope="module")
def q() -> Questionnaire:
    return Catalog.load([ROOT / "questionnaires", ROOT / "profiles"]).questionnaire(Q_ID)


def _template(tmp_path: Path) -> list[list[str]]:
    path = tmp_path / "vorlage.csv"
    done = run_cli("export", Q_ID, "--format", "csv-template", "-o", str(path))
    assert done.returncode == 0, done.stderr
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def _people(q: Questionnaire, n: int = 6) -> list[dict[str, str]]:
    """n people: every item 4, employer alternating, R1 yes for all but one."""
    rows = []
    for k in range(n):
        row = {"name": f"Person {k}", "organisation": "Musterstadt"}
        row |= {item.id: "4" for item in q.items}
        row["employer"] = "verwaltung" if k % 2 == 0 else "traeger"
        row["R1"] = "yes" if k else "no"
        row["R2"] = "unknown"
        rows.append(row)
    return rows


def _write(
    path: Path, header: list[str], rows: list[dict[str, str]], note: list[str] | None = None
) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        if note:
            writer.writerow(note)
        for row in rows:
            writer.writerow([row.get(h, "") for h in header])
    return path


def test_csv_template_round_trip_shows_context_in_cohort_report(
    tmp_path: Path, q: Questionnaire
) -> None:
    header, note = _template(tmp_path)
    assert [c.id for c in q.context] + [f.id for f in q.framework] == [
        h for h in header if h in {c.id for c in q.context} | {f.id for f in q.framework}
    ]
    assert note[header.index("employer")] == " / ".join(o.id for o in q.context[0].options)
    assert note[header.index("R1")] == "yes / no / unknown"
    assert "not_applicable" in note[0] and "yes = ja" in note[0]
    people = _people(q)
    people[0]["K1_reflection"] = '=HYPERLINK("x") <script>alert(1)</script>'
    export = _write(tmp_path / "filled.csv", header, people, note)
    out = tmp_path / "out"
    done = batch(
        str(export), "--questionnaire", Q_ID, "-o", str(out), "--reports", "md", "--lang", "en"
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "match no item" not in done.stderr  # every column of the template was placed
    cohort = (out / "cohort.md").read_text()
    assert "## Context (not scored)" in cohort
    framework = next(line for line in cohort.splitlines() if line.startswith("| **R1**"))
    assert framework.endswith("| 5 | \\<5 | 0 | 0 |")  # yes, no (suppressed), don't know, -
    r2 = next(line for line in cohort.splitlines() if line.startswith("| **R2**"))
    assert r2.endswith("| 0 | 0 | 6 | 0 |")
    # without --include-comments the reflection is nowhere
    assert "comments" not in read_csv(out / "scores.csv")[0]
    everything = (
        "".join(p.read_text() for p in out.rglob("*.md"))
        + (out / "scores.csv").read_text()
        + (out / "results.jsonl").read_text()
    )
    assert "HYPERLINK" not in everything and "alert" not in everything
    # the person report shows the person's own context
    report = next((out / "reports").glob("00004-*.md")).read_text()  # after the note row
    assert q.context[0].options[1].label["en"] in report  # Person 1: traeger


def test_include_comments_escaped_and_neutralised(tmp_path: Path, q: Questionnaire) -> None:
    header, note = _template(tmp_path)
    people = _people(q, 2)
    people[0]["K1_reflection"] = '=HYPERLINK("x") <script>alert(1)</script>'
    export = _write(tmp_path / "filled.csv", header, people)
    out = tmp_path / "out"
    done = batch(
        str(export),
        "--questionnaire",
        Q_ID,
        "-o",
        str(out),
        "--reports",
        "html",
        "--include-comments",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    scores = read_csv(out / "scores.csv")
    # "K1: " first, so a cell never starts with a formula character; the writers'
    # neutralisation (test_formulas_neutralised_in_csv_and_xlsx) applies to it like any cell
    assert scores[0]["comments"] == 'K1: =HYPERLINK("x") <script>alert(1)</script>'
    assert scores[1]["comments"] == ""
    sheet = openpyxl.load_workbook(out / "scores.xlsx").active
    cells = [c.value for c in sheet[2]]
    assert 'K1: =HYPERLINK("x") <script>alert(1)</script>' in cells
    assert not any(isinstance(c, str) and c.startswith("=") for c in cells)
    html = next((out / "reports").glob("00002-*.html")).read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html
    assert "HYPERLINK" not in (out / "results.jsonl").read_text()


def test_bad_context_and_framework_cells_are_listed_row_still_scored(
    tmp_path: Path, q: Questionnaire
) -> None:
    header, _note = _template(tmp_path)
    people = _people(q, 6)
    people[1]["employer"] = "Ministerium"
    people[2]["R3"] = "vielleicht"
    export = _write(tmp_path / "filled.csv", header, people)
    out = tmp_path / "out"
    done = batch(str(export), "--questionnaire", Q_ID, "-o", str(out), "--lang", "en")
    assert done.returncode == 1 and "Traceback" not in done.stdout + done.stderr
    assert "6 rows scored, none rejected" in done.stdout
    assert "2 answers to context or framework questions left out" in done.stdout
    # without a readable employer, the items asked only for some employers cannot be placed
    assert "2 item answers left out (the context questions they depend on" in done.stdout
    rejected = read_csv(out / "rejected.csv")
    assert [(r["row"], r["column"], r["value"]) for r in rejected] == [
        ("3", "employer", "Ministerium"),
        ("3", "K1_09", "4"),
        ("3", "K1_13", "4"),
        ("4", "R3", "vielleicht"),
    ]
    assert "verwaltung, traeger" in rejected[0]["reason"]
    assert "context question 'employer'" in rejected[1]["reason"]
    assert "yes, no, unknown" in rejected[3]["reason"]
    assert [s["row"] for s in read_csv(out / "scores.csv")] == [str(n) for n in range(2, 8)]
    cohort = (out / "cohort.md").read_text()
    r3 = next(line for line in cohort.splitlines() if line.startswith("| **R3**"))
    assert r3.endswith("| 6 |")  # the dropped answer counts as not given


def test_export_without_context_columns_shows_no_context(tmp_path: Path, q: Questionnaire) -> None:
    conditional = [i.id for i in q.items if i.condition and i.condition.context]
    header = ["name", "organisation", *(i.id for i in q.items if i.id not in conditional)]
    export = _write(tmp_path / "old.csv", header, _people(q))
    out = tmp_path / "out"
    done = batch(str(export), "--questionnaire", Q_ID, "-o", str(out), "--lang", "en")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Context (not scored)" not in (out / "cohort.md").read_text()


def test_answers_whose_context_is_missing_are_listed_not_dropped_silently(
    tmp_path: Path, q: Questionnaire
) -> None:
    """An export without the context column cannot tell whether K1_09 was asked: each such
    answer is listed, the rows are scored without it, exit 1."""
    header = ["name", "organisation", *(i.id for i in q.items)]
    export = _write(tmp_path / "old.csv", header, _people(q, 2))
    out = tmp_path / "out"
    done = batch(str(export), "--questionnaire", Q_ID, "-o", str(out), "--lang", "en")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "2 rows scored, none rejected" in done.stdout
    assert "4 item answers left out" in done.stdout
    rejected = read_csv(out / "rejected.csv")
    assert [(r["row"], r["column"]) for r in rejected] == [
        ("2", "K1_09"),
        ("2", "K1_13"),
        ("3", "K1_09"),
        ("3", "K1_13"),
    ]
    scores = read_csv(out / "scores.csv")
    assert [s["K1_answered"] for s in scores] == ["8", "8"]  # the 10 items less K1_09 and K1_13


def test_context_decides_the_items_asked_in_batch(tmp_path: Path, q: Questionnaire) -> None:
    """K1_09 and K1_13 are asked only for some employers: batch scores them exactly then,
    as the check does (issue 20: batch once scored without the context)."""
    header, _note = _template(tmp_path)
    people = _people(q, 2)
    for person in people:
        person["K1_09"], person["K1_13"] = "1", "5"
    export = _write(tmp_path / "filled.csv", header, people)
    out = tmp_path / "out"
    done = batch(str(export), "--questionnaire", Q_ID, "-o", str(out), "--lang", "en")
    assert done.returncode == 0, done.stdout + done.stderr
    k1 = [i for i in q.items if i.dimension == "K1"]
    scores = read_csv(out / "scores.csv")
    for person, row in zip(people, scores, strict=True):
        asked = [
            i for i in k1 if i.condition is None or person["employer"] in (i.condition.in_ or ())
        ]
        values = [(6 - int(person[i.id])) if i.reverse else int(person[i.id]) for i in asked]
        weights = [i.weight for i in asked]
        mean = sum(v * w for v, w in zip(values, weights, strict=True)) / sum(weights)
        assert row["K1_answered"] == str(len(asked))
        assert row["K1_mean"] == f"{mean:.4f}"
    assert scores[0]["K1_mean"] != scores[1]["K1_mean"]  # the employers open other items


def test_json_and_xlsx_template(tmp_path: Path, q: Questionnaire) -> None:
    template = tmp_path / "vorlage.xlsx"
    done = run_cli("export", Q_ID, "--format", "xlsx-template", "-o", str(template))
    assert done.returncode == 0, done.stderr
    book = openpyxl.load_workbook(template)
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    assert "employer" in header and "R1" in header and "K1_reflection" in header
    # fill it with labels, as the drop-downs give them
    people = _people(q)
    for person in people:
        person["employer"] = "Kommunalverwaltung (zum Beispiel Jugendamt, Sozialamt, Bildungsbüro)"
        person["R1"] = "ja"
    for r, person in enumerate(people, 2):
        for c, h in enumerate(header, 1):
            sheet.cell(row=r, column=c, value=person.get(h) or None)
    book.save(template)
    out = tmp_path / "out"
    done = batch(str(template), "--questionnaire", Q_ID, "-o", str(out), "--lang", "en")
    assert done.returncode == 0, done.stdout + done.stderr
    cohort = (out / "cohort.md").read_text()
    assert "| **R1**" in cohort and "Context (not scored)" in cohort
    # JSON: keys are the columns
    export = tmp_path / "export.json"
    export.write_text(json.dumps(_people(q)), encoding="utf-8")
    out2 = tmp_path / "out2"
    done = batch(str(export), "--questionnaire", Q_ID, "-o", str(out2), "--lang", "en")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Context (not scored)" in (out2 / "cohort.md").read_text()


def test_limesurvey_response_export_codes(tmp_path: Path, q: Questionnaire) -> None:
    """What LimeSurvey writes for the survey of `export --format limesurvey`: context as
    list answer codes (O1 …) under `ctx<id>`, the checklist as `framework[R1]` with Y/N/U."""
    codes = codes_for(q)
    fw = framework_code(q)
    employer = context_answer_codes("employer", codes)
    header = [
        "id",
        "submitdate",
        "name",
        "organisation",
        *(f"{codes.question_of[i.id]}[{codes.subquestions[i.id]}]" for i in q.items),
        context_code("employer"),
        f"{fw}[R1]",
        f"{fw}[R2]",
    ]
    rows = []
    for k in range(6):
        row = {
            "id": str(k + 1),
            "submitdate": "2026-11-01 10:00:00",
            "name": f"P{k}",
            "organisation": "Musterstadt",
        }
        row |= {f"{codes.question_of[i.id]}[{codes.subquestions[i.id]}]": "A4" for i in q.items}
        row[context_code("employer")] = employer["traeger"]
        row[f"{fw}[R1]"] = "Y" if k else "N"
        row[f"{fw}[R2]"] = "U"
        rows.append(row)
    rows[5][f"{fw}[R2]"] = "A9"
    export = _write(tmp_path / "results-survey1.csv", header, rows)
    out = tmp_path / "out"
    done = batch(str(export), "--questionnaire", Q_ID, "-o", str(out), "--lang", "en")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "match no item" not in done.stderr
    assert [(r["row"], r["column"], r["value"]) for r in read_csv(out / "rejected.csv")] == [
        ("7", f"{fw}[R2]", "A9")
    ]
    cohort = (out / "cohort.md").read_text()
    r1 = next(line for line in cohort.splitlines() if line.startswith("| **R1**"))
    assert r1.endswith("| 5 | \\<5 | 0 | 0 |")  # yes, no (suppressed), don't know, not given


@pytest.mark.parametrize("heading", ["code", "em", "full", "codetext"])
def test_limesurvey_structure_round_trip(tmp_path: Path, q: Questionnaire, heading: str) -> None:
    """The survey file of `export --format limesurvey` read back, and the response export
    LimeSurvey writes for it (answer codes) in each heading style: no mapping needed."""
    from helpers import read_structure
    from netzkompetenz.io.limesurvey import survey_file

    structure = read_structure(survey_file(q))["languages"]["de"]
    columns: list[tuple[str, str, str]] = []  # (code, heading text, what)
    for group in structure:
        for question in group["questions"]:
            if not question["sub"]:
                columns.append((question["code"], question["text"], question["type"]))
            for sub, _rule, text in question["sub"]:
                columns.append(
                    (f"{question['code']}[{sub}]", f"{question['text']} [{text}]", question["type"])
                )

    def head(code: str, text: str) -> str:
        return {
            "code": code,
            "em": code.replace("[", "_").rstrip("]"),
            "full": text,
            "codetext": f"{code}. {text}",
        }[heading]

    header = ["id", "submitdate"] + [head(c, t) for c, t, _ in columns]
    rows = []
    for k in range(6):
        cells = [str(k + 1), "2026-11-01 10:00:00"]
        for code, _text, kind in columns:
            cells.append(
                {
                    "S": f"P{k}" if code == "name" else "",
                    "L": "O2" if code == "ctxemployer" else "",
                    "F": "A4",
                    "C": "Y" if k else "N",
                    "T": f"Beispiel {k}",  # issue 21: the reflection, read back unscored
                }[kind]
            )
        rows.append(cells)
    export = tmp_path / "results-survey1.csv"
    with export.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows([header, *rows])
    out = tmp_path / "out"
    done = batch(
        str(export),
        *("--questionnaire", Q_ID, "-o", str(out), "--lang", "en", "--reports", "none"),
        "--include-comments",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "match no item" not in done.stderr
    with (out / "scores.csv").open(encoding="utf-8-sig", newline="") as handle:
        scored = list(csv.DictReader(handle))
    reflected = [d.id for d in q.dimensions if d.reflection]
    assert reflected and [r["comments"] for r in scored] == [
        "\n".join(f"{d}: Beispiel {k}" for d in reflected) for k in range(6)
    ]
    cohort = (out / "cohort.md").read_text()
    for f in q.framework:
        line = next(x for x in cohort.splitlines() if x.startswith(f"| **{f.id}**"))
        assert line.endswith("| 5 | \\<5 | 0 | 0 |")
    employer = q.context[0].options[1].label["en"]  # O2: traeger
    assert f"- {employer}: 6" in cohort


@pytest.mark.parametrize("tool", ["google", "microsoft"])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_forms_exports_score_with_the_context(
    tmp_path: Path, q: Questionnaire, tool: str, lang: str
) -> None:
    """Google Forms (CSV, grids "Dimension [statement]") and Microsoft Forms (XLSX, one
    column per statement) write the context question's text as the heading and the chosen
    option's label as the cell: K1_09 counts for a Träger, K1_13 for the Verwaltung, and
    an answer whose context was skipped is listed, not scored."""
    labels = {p.value: p.label[lang] for p in q.scale.points}
    employer = next(c for c in q.context if c.id == "employer")
    option = {o.id: o.label[lang] for o in employer.options}
    heading = {
        i.id: f"{q.dimension(i.dimension).title[lang]} [{i.text[lang]}]"
        if tool == "google"
        else i.text[lang]
        for i in q.items
    }
    people = [  # name, employer, the conditional item answered, its value
        ("Tina Träger", option["traeger"], "K1_09", 1),
        ("Vera Verwaltung", option["verwaltung"], "K1_13", 5),
        ("Ohne Angabe", "", "K1_09", 1),
    ]
    header = ["Name oder Pseudonym", employer.text[lang], *heading.values()]
    rows = []
    for name, chosen, conditional, value in people:
        cells = {i.id: labels[3] for i in q.items if not (i.condition and i.condition.context)}
        cells[conditional] = labels[value]
        rows.append([name, chosen, *(cells.get(i.id, "") for i in q.items)])
    if tool == "google":
        export = tmp_path / "google.csv"
        with export.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows([header, *rows])
    else:
        export = tmp_path / "forms.xlsx"
        book = openpyxl.Workbook()
        for row in [header, *rows]:
            book.active.append(row)
        book.save(export)
    out = tmp_path / "out"
    done = batch(str(export), "--questionnaire", Q_ID, "-o", str(out), "--lang", "en")
    assert done.returncode == 1, done.stdout + done.stderr  # the third row's K1_09
    assert "none rejected" in done.stdout and "1 item answer left out" in done.stdout
    rejected = read_csv(out / "rejected.csv")
    assert [(r["row"], r["value"]) for r in rejected] == [("4", labels[1])]
    k1 = len([i for i in q.items if i.dimension == "K1" and not i.condition])
    scores = read_csv(out / "scores.csv")
    assert [s["K1_answered"] for s in scores] == [str(k1 + 1), str(k1 + 1), str(k1)]
    assert [s["K1_mean"] for s in scores] == [
        f"{(3 * k1 + 1) / (k1 + 1):.4f}",
        f"{(3 * k1 + 5) / (k1 + 1):.4f}",
        "3.0000",
    ]
