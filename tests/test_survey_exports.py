"""Exports of this tool's own forms, batch-scored without a mapping file.

LimeSurvey: the survey file from `export --format limesurvey` is read back, and the response
export LimeSurvey writes for it is built from known answers in each heading style
("question code", "full question text", "question code & question text", expression codes,
spaces as underscores) and answer style (codes, full answers), with `;` or `,`. KoBoToolbox
label exports, Microsoft Forms and Google Forms grids are built here in the shape the tools
write them (column order, system columns, built-in columns)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest

from helpers import FIXTURES, ROOT, batch, read_csv, read_structure
from netzkompetenz.core.scoring import score
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.io.limesurvey import survey_file
from netzkompetenz.io.resultjson import result_to_dict

MINI = FIXTURES / "mini"
CATALOG = Catalog.load([MINI])
Q, P = CATALOG.questionnaire("mini"), CATALOG.profile("mini-coordinator")

# Known answers (item -> value or cannot_judge); B3 is asked only when B2 <= 3.
PEOPLE = [
    ("Anna Beispiel", "Musterstadt", "T1", {"A1": 4, "A2": 2, "B1": 5, "B2": 4}),
    ("Bernd Probe", "Musterstadt", "", {"A1": 3, "A2": "cannot_judge", "B1": 3, "B2": 2, "B3": 4}),
    ("Carla Test", "Beispielheim", "T1", {"A1": 5, "A2": 1, "B1": 4, "B2": 3, "B3": 1}),
]
INCOMPLETE = ("Emil Abbruch", "Musterstadt", "", {"A1": 2})

SYSTEM = [  # field, English and German "full question text" heading, a value
    ("id", "Response ID", "Antwort ID", None),
    ("submitdate", "Date submitted", "Datum Abgeschickt", "2026-11-02 10:11:12"),
    ("lastpage", "Last page", "Letzte Seite", "3"),
    ("startlanguage", "Start language", "Start-Sprache", "de"),
    ("seed", "Seed", "Zufallsstartwert", "123456"),
]


def limesurvey_export(
    path: Path, heading: str, answers: str, delimiter: str, lang: str = "de"
) -> None:
    """What LimeSurvey's "Export responses" writes for the survey (CSV, BOM)."""
    structure = read_structure(survey_file(Q))["languages"][lang]
    columns: list[tuple[str, str, str | None]] = []  # (code, text, item id or field)
    for group in structure:
        for question in group["questions"]:
            if not question["sub"]:
                columns.append((question["code"], question["text"], question["code"]))
            for sub, _, text in question["sub"]:
                item = next(i.id for i in Q.items if i.text[lang] == text)
                columns.append((f"{question['code']}[{sub}]", f"{question['text']} [{text}]", item))
            if question["answers"]:  # every array has the same answers
                options = dict(zip(map(int, question["values"]), question["answers"], strict=True))
                options["cannot_judge"] = question["answers"][-1]  # KE, assessment 0
    system_text = {f: (en if lang == "en" else de) for f, en, de, _ in SYSTEM}

    def head(code: str, text: str) -> str:
        if heading == "code":
            return code
        if heading == "em":
            return code.replace("[", "_").rstrip("]")
        if heading == "full":
            return text
        if heading == "underscores":
            return text.replace(" ", "_")
        if heading == "codetext_joined":  # RemoteControl's export_responses: no separator
            return code + text
        return f"{code}. {text}"  # codetext, LimeSurvey's default separator

    header = [head(f, system_text[f]) for f, *_ in SYSTEM] + [head(c, t) for c, t, _ in columns]

    def cell(value) -> str:
        if value is None:
            return ""
        code, label = options[value]
        return code if answers == "codes" else label

    rows = []
    for n, (name, org, tandem, values) in enumerate([*PEOPLE, INCOMPLETE], 1):
        person = {"name": name, "organisation": org, "tandem": tandem}
        system = [str(n)] + [v for *_, v in SYSTEM[1:]]
        if (name, org, tandem, values) == INCOMPLETE:
            system[1] = ""  # not submitted
        rows.append(
            system
            + [person[key] if key in person else cell(values.get(key)) for _, _, key in columns]
        )
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows([header, *rows])


def expected(values: dict) -> dict:
    return result_to_dict(score(Q, P, values))


def check_scores(out: Path, rows: list[int]) -> None:
    lines = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert [r["row"] for r in lines] == rows
    for line, (name, org, tandem, values) in zip(lines, PEOPLE, strict=True):
        assert line["respondent"] == {"name": name, "organisation": org, "tandem": tandem or None}
        want = expected(values)
        assert {k: line[k] for k in want} == want


@pytest.mark.parametrize(
    "heading", ["code", "em", "full", "codetext", "codetext_joined", "underscores"]
)
@pytest.mark.parametrize("answers, delimiter", [("codes", ";"), ("texts", ",")])
def test_limesurvey_round_trip_without_mapping(tmp_path, heading, answers, delimiter):
    export = tmp_path / "results-survey123456.csv"
    limesurvey_export(export, heading, answers, delimiter)
    out = tmp_path / "out"
    done = batch(str(export), "--questionnaire", "mini", "-o", str(out), "--reports", "none")
    assert done.returncode == 1, done.stderr  # the incomplete response is rejected
    assert "Spalten passen zu keiner Frage" not in done.stderr, done.stderr
    check_scores(out, [2, 3, 4])
    rejected = read_csv(out / "rejected.csv")
    assert [(r["row"], r["value"]) for r in rejected] == [("5", "")]
    assert "submitdate" in rejected[0]["column"] or "Abgeschickt" in rejected[0]["column"]


def test_limesurvey_english_full_texts(tmp_path):
    export = tmp_path / "en.csv"
    limesurvey_export(export, "full", "texts", ";", lang="en")
    done = batch(
        str(export), "--questionnaire", "mini", "-o", str(tmp_path / "out"), "--reports", "none"
    )
    assert done.returncode == 1 and "match no item" not in done.stderr, done.stderr
    check_scores(tmp_path / "out", [2, 3, 4])


def _without_column(path: Path, delimiter: str, column: int) -> None:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=delimiter))
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(
            r[:column] + r[column + 1 :] for r in rows
        )


@pytest.mark.parametrize(
    "heading, lang, shown",
    [("code", "de", "lastpage"), ("full", "de", "Letzte Seite"), ("codetext", "en", "lastpage")],
)
def test_limesurvey_export_without_submitdate_is_refused(tmp_path, heading, lang, shown):
    """Without submitdate the incomplete response (row 5) could not be told from the
    complete ones: the file is refused, naming the setting, and nothing is written."""
    export = tmp_path / "results-survey123456.csv"
    limesurvey_export(export, heading, "codes", ";", lang=lang)
    _without_column(export, ";", 1)  # the columns: id, submitdate, lastpage, ...
    out = tmp_path / "out"
    done = batch(str(export), "--questionnaire", "mini", "-o", str(out), "--lang", lang)
    assert done.returncode == 2, done.stdout + done.stderr
    (message,) = done.stderr.strip().splitlines()
    assert message.startswith(f"{export}:1:2: ") and shown in message
    if lang == "en":
        assert 'without the column submitdate ("Date submitted")' in message
        assert 'Export the responses again with the column "Date submitted" selected' in message
    else:
        assert "ohne die Spalte submitdate („Datum Abgeschickt“)" in message
        assert "„Datum Abgeschickt“ mit aus" in message
    assert not out.exists()


def test_export_without_limesurvey_columns_needs_no_submitdate(tmp_path):
    """The rule is LimeSurvey's: an export of another tool (or a template) has no
    submitdate and is scored as before."""
    export = tmp_path / "results-survey123456.csv"
    limesurvey_export(export, "code", "codes", ",")
    for _column in range(4):  # submitdate, lastpage, startlanguage, seed
        _without_column(export, ",", 1)
    done = batch(str(export), "--questionnaire", "mini", "-o", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr  # the incomplete row counts: nothing tells
    assert len((tmp_path / "out" / "results.jsonl").read_text().splitlines()) == 4


def _cut(text: str, length: int = 15) -> str:
    """LimeSurvey's "Abbreviated question text": each text cut after 15 characters and
    marked with '.. ' (Writer::getAbbreviatedHeading)."""
    return text if len(text) <= length else text[:length] + ".. "


@pytest.mark.parametrize("lang, underscores", [("de", False), ("en", False), ("de", True)])
def test_limesurvey_abbreviated_headings_are_refused_naming_the_setting(
    tmp_path, lang, underscores
):
    """The bundled survey's items start alike ("Ich weiß, welch.. " four times in K1), so
    no column can be placed for sure: the file is refused, naming "Question code"."""
    q = Catalog.load([]).questionnaire("netzwerkkoordination")
    structure = read_structure(survey_file(q))["languages"][lang]
    header = [_cut(en if lang == "en" else de) for _f, en, de, _v in SYSTEM]
    items: list[str] = []
    for group in structure:
        for question in group["questions"]:
            if not question["sub"]:
                header.append(_cut(question["text"]))
            for _sub, _rule, text in question["sub"]:
                heading = _cut(question["text"]) + " [" + _cut(text) + "]"
                items += [heading] if question["type"] == "F" else []
                header.append(heading)
    assert len(set(items)) < len(q.items)  # what makes them unplaceable
    if underscores:  # the export option "spaces as underscores" on top
        header = [h.replace(" ", "_") for h in header]
    row = ["1", "2026-12-06 23:04:33", "10", lang, "1000"]
    row += ["Anna", "Diakonie Nord", ""] + ["A3"] * (len(header) - len(row) - 3)
    export = tmp_path / "results-survey255886.csv"
    with export.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, quoting=csv.QUOTE_ALL).writerows([header, row])
    out = tmp_path / "out"
    done = batch(str(export), "--questionnaire", q.id, "-o", str(out), "--lang", lang, data=ROOT)
    assert done.returncode == 2, done.stdout + done.stderr
    (message,) = done.stderr.strip().splitlines()
    first = next(n for n, h in enumerate(header) if "[" in h)  # the first item
    assert message.startswith(f"{export}:1:{first + 1}: ")
    assert f"'{header[first].strip()}'" in message
    if lang == "en":
        assert "Abbreviated question text" in message and 'headings "Question code"' in message
    else:
        assert "„Fragencode“ (englische Oberfläche: „Question code“)" in message
    assert not out.exists()


def test_foreign_answer_codes_are_rejected_with_the_fix(tmp_path):
    export = tmp_path / "ls.csv"
    with export.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(
            [
                ["id", "submitdate", "name", "A[A1]", "A[A2]", "B[B1]", "B[B2]"],
                ["1", "2026-11-02", "Anna", "A4", "A6", "-oth-", "KE"],
            ]
        )
    out = tmp_path / "out"
    done = batch(str(export), "--questionnaire", "mini", "-o", str(out), "--reports", "none")
    assert done.returncode == 1
    # rejected.csv neutralises a leading "-" like every formula-looking cell
    reasons = {r["value"].lstrip("'"): r["reason"] for r in read_csv(out / "rejected.csv")}
    assert set(reasons) == {"A6", "-oth-"}
    for value, reason in reasons.items():
        assert f'answers: {{"{value}": cannot_judge}}' in reason and "--mapping" in reason


# --- KoBoToolbox / ODK label exports of `export --format xlsform` --------------------------


def test_kobo_label_export_with_group_labels(tmp_path):
    """KoBo's default "labels" export: question labels as headers (here with the group
    label in front, `Gruppe/Frage`), choice labels as values, its system columns."""
    items = list(Q.items)
    header = [
        "start",
        "end",
        "Angaben zur Person/Name oder Pseudonym",
        "Angaben zur Person/Organisation (Kommune, Amt oder Träger)",
        "Angaben zur Person/Tandem-Kennung (falls vorhanden)",
        *(f"{Q.dimension(i.dimension).title['de']}/{i.text['de']}" for i in items),
        "_id",
        "_uuid",
        "_submission_time",
        "_validation_status",
        "_index",
    ]
    labels = {p.value: p.label["de"] for p in Q.scale.points}
    labels["cannot_judge"] = Q.scale.cannot_judge["de"]
    rows = [
        [
            "2026-11-02T10:00",
            "2026-11-02T10:09",
            name,
            org,
            tandem,
            *(labels.get(values.get(i.id), "") for i in items),
            str(n),
            f"uuid-{n}",
            "2026-11-02T10:09",
            "",
            str(n),
        ]
        for n, (name, org, tandem, values) in enumerate(PEOPLE, 1)
    ]
    export = tmp_path / "kobo.csv"
    with export.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";", quoting=csv.QUOTE_ALL).writerows([header, *rows])
    out = tmp_path / "out"
    done = batch(str(export), "--questionnaire", "mini", "-o", str(out), "--reports", "none")
    assert done.returncode == 0 and "passen zu keiner" not in done.stderr, done.stderr
    check_scores(out, [2, 3, 4])


def test_kobo_label_export_without_group_labels_in_english(tmp_path):
    header = [
        "Name or pseudonym",
        "Organisation (municipality, office or provider)",
        "Tandem id (if any)",
        *(i.text["en"] for i in Q.items),
    ]
    labels = {p.value: p.label["en"] for p in Q.scale.points}
    labels["cannot_judge"] = Q.scale.cannot_judge["en"]
    rows = [
        [name, org, tandem, *(labels.get(values.get(i.id), "") for i in Q.items)]
        for name, org, tandem, values in PEOPLE
    ]
    export = tmp_path / "kobo.csv"
    with export.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    out = tmp_path / "out"
    done = batch(str(export), "--questionnaire", "mini", "-o", str(out), "--reports", "none")
    assert done.returncode == 0, done.stderr
    check_scores(out, [2, 3, 4])


# --- Microsoft Forms: built-in Name column and the form's own name question --------------


def test_ms_forms_own_name_question_wins_over_the_builtin_name(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(
        [
            "ID",
            "Startzeit",
            "Fertigstellungszeit",
            "E-Mail",
            "Name",
            "Zeitpunkt der letzten Änderung",
            "Name oder Pseudonym",
            "Organisation (Kommune, Amt oder Träger)",
            *(i.text["de"] for i in Q.items),
        ]
    )
    labels = {p.value: p.label["de"] for p in Q.scale.points}
    labels["cannot_judge"] = Q.scale.cannot_judge["de"]
    builtin = ["", "Bernd Probe (Stadt)", ""]  # an anonymous form leaves it empty
    own = ["Anna Beispiel", "", "Carla Test"]  # Bernd skipped the question
    for n, ((_, org, _, values), b, o) in enumerate(zip(PEOPLE, builtin, own, strict=True), 1):
        sheet.append(
            [
                n,
                "11/2/26 10:00:00",
                "11/2/26 10:09:00",
                "anonymous",
                b,
                "",
                o,
                org,
                *(labels.get(values.get(i.id), "") for i in Q.items),
            ]
        )
    export = tmp_path / "forms.xlsx"
    book.save(export)
    out = tmp_path / "out"
    done = batch(str(export), "--questionnaire", "mini", "-o", str(out), "--reports", "none")
    assert done.returncode == 0, done.stderr
    assert "'Name oder Pseudonym', 'Name'" in done.stderr  # the run says which is used
    assert [s["name"] for s in read_csv(out / "scores.csv")] == [
        "Anna Beispiel",
        "Bernd Probe (Stadt)",
        "Carla Test",
    ]


# --- Google Forms: grids "Dimension title [item text]" ------------------------------------


def test_google_forms_grids_per_dimension(tmp_path):
    header = [
        "Zeitstempel",
        "Name oder Pseudonym",
        "Organisation (Kommune, Amt oder Träger)",
        "Tandem-Kennung (falls vorhanden)",
        *(f"{Q.dimension(i.dimension).title['de']} [{i.text['de']}]" for i in Q.items),
    ]
    labels = {p.value: p.label["de"] for p in Q.scale.points}
    labels["cannot_judge"] = Q.scale.cannot_judge["de"]
    rows = [
        [
            "02.11.2026 10:11:12",
            name,
            org,
            tandem,
            *(labels.get(values.get(i.id), "") for i in Q.items),
        ]
        for name, org, tandem, values in PEOPLE
    ]
    export = tmp_path / "google.csv"
    with export.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    out = tmp_path / "out"
    done = batch(str(export), "--questionnaire", "mini", "-o", str(out), "--reports", "none")
    assert done.returncode == 0 and "passen zu keiner" not in done.stderr, done.stderr
    check_scores(out, [2, 3, 4])


# --- templates -----------------------------------------------------------------------------


def test_xlsx_template_has_texts_and_drop_downs_and_reads_back(tmp_path):
    from helpers import run_cli

    template = tmp_path / "vorlage.xlsx"
    done = run_cli(
        "--data", str(MINI), "export", "mini", "--format", "xlsx-template", "-o", str(template)
    )
    assert done.returncode == 0, done.stderr
    book = openpyxl.load_workbook(template)
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header == ["name", "organisation", "tandem", *(i.id for i in Q.items)]
    assert [sheet.cell(row=1, column=4 + n).comment.text for n in range(len(Q.items))] == [
        i.text["de"] for i in Q.items
    ]
    (choice,) = sheet.data_validations.dataValidation
    assert choice.type == "list" and str(choice.sqref) == "D2:H501"
    values = book[choice.formula1.split("!")[0].strip("'")]
    labels = [p.label["de"] for p in Q.scale.points] + [Q.scale.cannot_judge["de"]]
    assert [c.value for c in values["A"]] == labels
    items = book["Fragen"]
    assert [r[0].value for r in items.iter_rows(min_row=3, max_row=2 + len(Q.items))] == [
        i.id for i in Q.items
    ]
    assert "kann ich nicht einschätzen" in items["A1"].value
    # typed in as a trainer would, saved, scored: no mapping, no change to the file's shape
    label = dict(zip([p.value for p in Q.scale.points] + ["cannot_judge"], labels, strict=True))
    for n, (name, org, tandem, answers) in enumerate(PEOPLE, 2):
        for col, value in enumerate(
            [name, org, tandem, *(label.get(answers.get(i.id), None) for i in Q.items)], 1
        ):
            sheet.cell(row=n, column=col, value=value or None)
    book.save(template)
    out = tmp_path / "out"
    done = batch(str(template), "--questionnaire", "mini", "-o", str(out), "--reports", "none")
    assert done.returncode == 0, done.stderr
    check_scores(out, [2, 3, 4])


@pytest.mark.parametrize("style", ["standard", "excel-de"])
def test_csv_template_with_its_note_row_reads_back_unchanged(tmp_path, style):
    """The trainer fills in the template below its "allowed values" row and keeps that row."""
    from helpers import run_cli

    template = tmp_path / "vorlage.csv"
    done = run_cli(
        "--data",
        str(MINI),
        "export",
        "mini",
        "--format",
        "csv-template",
        "--csv",
        style,
        "-o",
        str(template),
    )
    assert done.returncode == 0, done.stderr
    sep = ";" if style == "excel-de" else ","
    lines = [
        ",".join(r)
        for r in csv.reader(template.read_text(encoding="utf-8-sig").splitlines(), delimiter=sep)
    ]
    assert len(lines) == 2 and lines[1].startswith("# ")
    with template.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=sep, lineterminator="\r\n")
        for name, org, tandem, answers in PEOPLE:
            writer.writerow([name, org, tandem, *(answers.get(i.id, "") for i in Q.items)])
    out = tmp_path / "out"
    done = batch(str(template), "--questionnaire", "mini", "-o", str(out), "--reports", "none")
    assert done.returncode == 0, done.stderr
    assert read_csv(out / "rejected.csv") == []
    check_scores(out, [3, 4, 5])


def test_zero_from_the_check_is_refused_with_what_to_write(tmp_path):
    export = tmp_path / "vorlage.csv"
    export.write_text(
        "name;organisation;tandem;A1;A2;B1;B2;B3\nAnna;X;;4;0;3;3;\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    done = batch(str(export), "--questionnaire", "mini", "-o", str(out), "--reports", "none")
    assert done.returncode == 1
    (rejection,) = read_csv(out / "rejected.csv")
    assert rejection["value"] == "0" and "cannot_judge" in rejection["reason"]
    assert "kann ich nicht einschätzen" in rejection["reason"]


def test_guide_does_not_take_item_texts_for_system_or_respondent_columns():
    from netzkompetenz.io.surveyheaders import HeaderGuide

    guide = HeaderGuide(Q)
    assert guide.system("submitdate. Date submitted") == "submitdate"
    assert guide.system("id. Antwort ID") == "id"
    assert guide.system("Token vergeben wir selbst") is None
    assert guide.system("Seed funding is available") is None
    # "code & text" without a separator: split at a known code, the text must be its own
    assert guide.system("submitdateDatum Abgeschickt") == "submitdate"
    assert guide.system("lastpageLast page") == "lastpage"
    assert guide.system("submitdateDatum gestartet") is None
    assert guide.system("Identität") is None and guide.system("Seedling") is None
    assert guide.respondent("nameName oder Pseudonym") == "name"
    assert guide.respondent("nameless") is None
    assert guide.respondent("Tandem partner relationship is good") is None
    assert guide.respondent("name. Name oder Pseudonym") == "name"
    assert guide.item("A[A1]") == 0 and guide.item("a_a2") == 1
    assert guide.item("Q1[SQ001]") is None
