"""Spreadsheets as people save them (issue 25, issue 20 item 6): the templates filled by a
script, opened and saved by a real LibreOffice Calc (.ods, .xlsx, `;`-CSV, legacy .xls),
score exactly like the file that was filled; the cells a spreadsheet's text cannot tell
(a formula without a saved result, a cell under a merged range, a hidden row, a stale
`<dimension>`), a repeated header row, a JSON key twice and a `#` name are all told with
row and column, through the real command line."""

from __future__ import annotations

import datetime
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from helpers import ROOT, batch, read_csv, run_cli, soffice_convert
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.io.xlsxtemplate import template_book

MINI_ARGS = ("--questionnaire", "mini", "--lang", "en")
# name, organisation, tandem, A1, A2, B1, B2, B3: labels as the drop-down offers them, one
# number typed by hand, a blank, "cannot judge" and a conditional item not asked (B2 > 3)
PEOPLE = [
    ["Jörg Groß", "Stadt Köln", "T1", "trifft eher zu", "trifft nicht zu", "trifft voll zu",
     "teils/teils", "trifft eher zu"],
    ["Anna Schmidt", "Landkreis Nord", None, "kann ich nicht einschätzen",
     "trifft eher nicht zu", "trifft voll zu", "trifft voll zu", None],
    ["Ümit Yılmaz", "Träger e. V.", "T1", 4, "teils/teils", None, "trifft nicht zu",
     "trifft eher nicht zu"],
]  # fmt: skip


def fill(template: Path, filled: Path) -> None:
    """What a script (or a person) does with the template: one row per person."""
    book = openpyxl.load_workbook(template)
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]][:8] == [
        "name", "organisation", "tandem", "A1", "A2", "B1", "B2", "B3"
    ]  # fmt: skip
    for row, person in enumerate(PEOPLE, 2):
        for col, value in enumerate(person, 1):
            sheet.cell(row=row, column=col, value=value)
    book.save(filled)


def scored(export: Path, out: Path, *args: str) -> tuple[int, str, str]:
    """Exit code, scores.csv and rejected.csv of a batch run on the export."""
    done = batch(str(export), *MINI_ARGS, "-o", str(out), *args)
    assert "Traceback" not in done.stderr
    scores = (out / "scores.csv").read_text(encoding="utf-8-sig") if out.exists() else ""
    rejected = (out / "rejected.csv").read_text(encoding="utf-8-sig") if out.exists() else ""
    return done.returncode, scores, rejected


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The Excel template filled by a script, and its scores (the reference)."""
    folder = tmp_path_factory.mktemp("filled")
    template = folder / "vorlage.xlsx"
    done = run_cli("--data", str(ROOT / "tests/fixtures/mini"), "export", "mini",
                   "--format", "xlsx-template", "-o", str(template), "--lang", "de")  # fmt: skip
    assert done.returncode == 0, done.stderr
    fill(template, folder / "antworten.xlsx")
    code, scores, rejected = scored(folder / "antworten.xlsx", folder / "out")
    assert code == 0, rejected
    rows = [r["name"] for r in read_csv(folder / "out/scores.csv")]
    assert rows == ["Jörg Groß", "Anna Schmidt", "Ümit Yılmaz"]
    return folder / "antworten.xlsx", scores


@pytest.mark.parametrize(
    "target",
    ["ods", "xlsx", "csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,true", "xls"],
    ids=["ods", "xlsx", "semicolon-csv", "legacy-xls"],
)
def test_saved_by_libreoffice_scores_identically(
    filled: tuple[Path, str], tmp_path: Path, target: str
) -> None:
    original, reference = filled
    saved = soffice_convert(original, target, tmp_path / "saved")
    if target.startswith("csv"):
        assert saved.read_text(encoding="utf-8").splitlines()[0].startswith("name;organisation;")
    code, scores, rejected = scored(saved, tmp_path / "out")
    assert code == 0, rejected
    assert scores == reference


def test_ods_template_has_working_drop_downs(filled: tuple[Path, str], tmp_path: Path) -> None:
    """The .ods template as LibreOffice reads it: the same sheets and drop-downs as the
    Excel template (read back from the .xlsx LibreOffice saves); filled and saved as .ods
    it scores like the filled Excel template."""
    _original, reference = filled
    template = tmp_path / "vorlage.ods"
    done = run_cli("--data", str(ROOT / "tests/fixtures/mini"), "export", "mini",
                   "--format", "ods-template", "-o", str(template), "--lang", "de")  # fmt: skip
    assert done.returncode == 0, done.stderr
    as_xlsx = soffice_convert(template, "xlsx", tmp_path / "opened")
    book = openpyxl.load_workbook(as_xlsx)
    assert book.sheetnames == ["Antworten", "Werte", "Fragen"]
    assert [s.sheet_state for s in book.worksheets] == ["visible", "hidden", "visible"]
    (validation,) = book.worksheets[0].data_validations.dataValidation
    assert validation.type == "list" and str(validation.sqref) == "D2:H501"
    source = re.fullmatch(r"\$?'?Werte'?!\$A\$1:\$A\$(\d+)", validation.formula1 or "")
    assert source, validation.formula1
    labels = [book["Werte"].cell(row=r, column=1).value for r in range(1, int(source[1]) + 1)]
    assert labels == ["trifft nicht zu", "trifft eher nicht zu", "teils/teils", "trifft eher zu",
                      "trifft voll zu", "kann ich nicht einschätzen"]  # fmt: skip
    assert book.worksheets[0]["D1"].comment.text == "Ich kenne die Netzwerkarten."
    fill(as_xlsx, tmp_path / "antworten.xlsx")
    ods = soffice_convert(tmp_path / "antworten.xlsx", "ods", tmp_path / "saved")
    code, scores, rejected = scored(ods, tmp_path / "out")
    assert code == 0, rejected
    assert scores == reference


def test_ods_template_of_a_v2_questionnaire_matches_the_excel_template(tmp_path: Path) -> None:
    """Context and framework drop-downs too: every list of the template's content, at the
    columns the Excel template has them, as LibreOffice reads the .ods."""
    template = tmp_path / "vorlage.ods"
    done = run_cli("export", "netzwerkkoordination", "--format", "ods-template",
                   "-o", str(template), "--lang", "de")  # fmt: skip
    assert done.returncode == 0, done.stderr
    book = openpyxl.load_workbook(soffice_convert(template, "xlsx", tmp_path / "opened"))
    values = book.worksheets[1]
    found = []
    for validation in book.worksheets[0].data_validations.dataValidation:
        source = re.fullmatch(r"\$?'?Werte'?!\$([A-Z]+)\$1:\$\1\$(\d+)", validation.formula1 or "")
        assert source, validation.formula1
        letter, last = source.groups()
        options = [values[f"{letter}{r}"].value for r in range(1, int(last) + 1)]
        found.append((str(validation.sqref), options))
    content = template_book(Catalog.load().questionnaire("netzwerkkoordination"))  # German
    letter = openpyxl.utils.get_column_letter
    expected = [(f"{letter(d.first)}2:{letter(d.last)}501", d.options) for d in content.drop_downs]
    assert len(expected) > 10  # scale, context questions, framework conditions
    assert sorted(found) == sorted(expected)


# --- what the cells of a spreadsheet cannot say ----------------------------------------

HEADER = ["Name", "Organisation", "A1", "A2", "B1", "B2"]
ROWS = [["Anna", "X", 4, 2, 5, 4], ["Bernd", "X", 3, 3, 4, 4], ["Clara", "Y", 5, 1, 3, 3]]


def sheet(
    path: Path, rows: list[list[object]], change: Callable[[Worksheet], object] | None = None
) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    for row in rows:
        ws.append(row)
    if change:
        change(ws)
    book.save(path)
    return path


def test_stale_dimension_tag_is_not_trusted(tmp_path: Path) -> None:
    """S1: a writer left `<dimension ref="A1:C2"/>` for a sheet of A1:F4: every row and
    column is read, as Excel and LibreOffice show them."""
    plain = sheet(tmp_path / "plain.xlsx", [HEADER, *ROWS])
    stale = tmp_path / "stale.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(stale, "w") as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "xl/worksheets/sheet1.xml":
                data, count = re.subn(
                    rb'<dimension ref="[^"]+" ?/>', b'<dimension ref="A1:C2"/>', data
                )
                assert count == 1
            target.writestr(entry, data)
    code, _scores, rejected = scored(stale, tmp_path / "out")
    assert code == 0, rejected
    rows = read_csv(tmp_path / "out/scores.csv")
    assert [r["name"] for r in rows] == ["Anna", "Bernd", "Clara"]
    assert [r["B_answered"] for r in rows] == ["2", "2", "2"]


def test_formula_without_saved_result_rejects_its_row(tmp_path: Path) -> None:
    """S2: `=2+3` written by a script has no saved result; LibreOffice saves one."""
    export = sheet(tmp_path / "formula.xlsx", [HEADER, ["Anna", "X", 4, 2, 5, "=2+3"], *ROWS[1:]])
    code, _scores, _rejected = scored(export, tmp_path / "out")
    assert code == 1
    (line,) = read_csv(tmp_path / "out/rejected.csv")
    assert (line["row"], line["column"], line["value"]) == ("2", "B2", "'=2+3")
    assert "formula without a saved result (cell F2)" in line["reason"]
    assert [r["name"] for r in read_csv(tmp_path / "out/scores.csv")] == ["Bernd", "Clara"]


def test_formula_saved_by_libreoffice_counts(tmp_path: Path) -> None:
    """Saved results count, an empty text too (`=IF(…; "x"; "")`, saved as an empty
    `<v>` of type text: a result, not a missing one)."""
    export = sheet(
        tmp_path / "formula.xlsx",
        [[*HEADER, "Note"], ["Anna", "X", 4, 2, 5, "=2+3", '=IF(C2>9,"x","")']],
    )
    saved = soffice_convert(export, "xlsx", tmp_path / "saved")
    code, _scores, rejected = scored(saved, tmp_path / "out")
    assert code == 0, rejected
    (anna,) = read_csv(tmp_path / "out/scores.csv")
    assert anna["B_mean"] == "5.0000"  # B1 = 5, B2 = 2+3 (weight 2)


def test_ods_formula_without_saved_result_rejects_its_row(tmp_path: Path) -> None:
    """An .ods written by a script (odfpy, pandas) keeps the formula without its result:
    the result LibreOffice saved is taken out again."""
    export = sheet(tmp_path / "formula.xlsx", [HEADER, ["Anna", "X", 4, 2, 5, "=2+3"], *ROWS[1:]])
    saved = soffice_convert(export, "ods", tmp_path / "saved")
    scripted = tmp_path / "scripted.ods"
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(scripted, "w") as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "content.xml":
                data, count = re.subn(rb'(table:formula="of:=2\+3")[^>]*>', rb"\1>", data)
                assert count == 1
            target.writestr(entry, data)
    code, _scores, _rejected = scored(saved, tmp_path / "out-saved")
    assert code == 0
    code, _scores, _rejected = scored(scripted, tmp_path / "out")
    assert code == 1
    (line,) = read_csv(tmp_path / "out/rejected.csv")
    assert (line["row"], line["column"], line["value"]) == ("2", "B2", "'=2+3")
    assert "formula without a saved result (cell F2)" in line["reason"]


@pytest.mark.parametrize("kind", ["xlsx", "ods"])
def test_typed_cells_saved_by_libreoffice_are_listed(tmp_path: Path, kind: str) -> None:
    """An error value, float noise and a date: the row is rejected with each answer cell
    that is none, in .xlsx (openpyxl) and .ods (calamine, which reads an error as empty:
    its text is taken from the XML)."""
    export = sheet(
        tmp_path / "typed.xlsx",
        [HEADER, ["Anna", datetime.date(2026, 3, 1), "=1/0", 2, 5, 4.000000001], ROWS[1]],
    )
    saved = soffice_convert(export, kind, tmp_path / "saved")
    code, _scores, _rejected = scored(saved, tmp_path / "out")
    assert code == 1
    lines = [(r["row"], r["column"], r["value"]) for r in read_csv(tmp_path / "out/rejected.csv")]
    assert lines == [("2", "A1", "#DIV/0!"), ("2", "B2", "4.000000001")]
    (bernd,) = read_csv(tmp_path / "out/scores.csv")
    assert bernd["name"] == "Bernd"


def merged_organisation(ws: Worksheet) -> None:
    ws.merge_cells("B3:B4")  # Bernd's and Clara's organisation as one cell


@pytest.mark.parametrize("kind", ["xlsx", "xls", "ods"])
def test_cell_under_a_merged_range_rejects_its_row(tmp_path: Path, kind: str) -> None:
    export = sheet(tmp_path / "merged.xlsx", [HEADER, *ROWS], merged_organisation)
    if kind != "xlsx":  # as LibreOffice saves the merge
        export = soffice_convert(export, kind, tmp_path / "saved")
    code, _scores, _rejected = scored(export, tmp_path / "out")
    assert code == 1
    (line,) = read_csv(tmp_path / "out/rejected.csv")
    assert (line["row"], line["column"]) == ("4", "Organisation")
    assert "merged range B3:B4" in line["reason"]
    rows = read_csv(tmp_path / "out/scores.csv")
    assert [(r["name"], r["organisation"]) for r in rows] == [("Anna", "X"), ("Bernd", "X")]


def test_merged_header_refuses_the_file(tmp_path: Path) -> None:
    export = sheet(tmp_path / "merged.xlsx", [HEADER, *ROWS], lambda ws: ws.merge_cells("C1:D1"))
    done = batch(str(export), *MINI_ARGS, "-o", str(tmp_path / "out"))
    assert done.returncode == 2
    assert f"{export}:1:3: the header row has merged cells (C1:D1)" in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "out").exists()


@pytest.mark.parametrize("kind", ["xlsx", "ods"])
def test_hidden_rows_are_named_in_the_summary(tmp_path: Path, kind: str) -> None:
    def hide(ws: Worksheet) -> None:
        ws.row_dimensions[3].hidden = True
        ws.row_dimensions[4].hidden = True

    export = sheet(tmp_path / "hidden.xlsx", [HEADER, *ROWS], hide)
    if kind == "ods":
        export = soffice_convert(export, "ods", tmp_path / "saved")
    done = batch(str(export), *MINI_ARGS, "-o", str(tmp_path / "out"))
    assert done.returncode == 0
    assert "3 rows scored, none rejected" in done.stdout
    assert "2 rows are hidden in the spreadsheet and were read like the others (rows 3, 4)" in (
        done.stdout
    )
    shown = batch(str(sheet(tmp_path / "shown.xlsx", [HEADER, *ROWS])), *MINI_ARGS, "-o",
                  str(tmp_path / "out2"))  # fmt: skip
    assert "hidden in the spreadsheet" not in shown.stdout


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_repeated_header_row_is_rejected(tmp_path: Path, kind: str) -> None:
    """S8: two exports joined; the item ids A1, A2 are also answer codes of the scale, so
    the header row would be a valid row of answers."""
    rows = [HEADER, ROWS[0], HEADER, *ROWS[1:]]
    if kind == "csv":
        export = tmp_path / "joined.csv"
        export.write_text("\n".join(";".join(map(str, r)) for r in rows) + "\n", encoding="utf-8")
    else:
        export = sheet(tmp_path / "joined.xlsx", rows)
    code, _scores, _rejected = scored(export, tmp_path / "out")
    assert code == 1
    (line,) = read_csv(tmp_path / "out/rejected.csv")
    assert line["row"] == "3" and "the header row again" in line["reason"]
    assert [r["name"] for r in read_csv(tmp_path / "out/scores.csv")] == ["Anna", "Bernd", "Clara"]


def test_a_name_starting_with_hash_is_a_person_when_it_holds_answers(tmp_path: Path) -> None:
    """S9: "#1 Anna" with answers is scored; a `#` note row without answers (the CSV
    template's) is still skipped."""
    export = tmp_path / "hash.csv"
    export.write_text(
        "Name;Organisation;A1;A2;B1;B2\n"
        "# allowed: 1 / 2 / 3 / 4 / 5 / cannot_judge;;1 / 2 / 3;;;\n"
        "#1 Anna;X;4;2;5;4\n"
        "Bernd;X;3;3;4;4\n",
        encoding="utf-8",
    )
    code, _scores, rejected = scored(export, tmp_path / "out")
    assert code == 0, rejected
    rows = read_csv(tmp_path / "out/scores.csv")
    assert [(r["row"], r["name"]) for r in rows] == [("3", "#1 Anna"), ("4", "Bernd")]


@pytest.mark.parametrize(
    ("name", "text", "position"),
    [
        ("doc.json", '[{"Name": "Anna", "A1": 1,\n  "A2": 2, "A1": 5}]', ":2:12:"),
        (
            "lines.jsonl",
            '{"Name": "Anna", "A1": 1}\n{"Name": "Bernd", "A1": 1, "A1": 5}\n',
            ":2:28:",
        ),
    ],
)
def test_json_key_twice_refuses_the_file(
    tmp_path: Path, name: str, text: str, position: str
) -> None:
    export = tmp_path / name
    export.write_text(text, encoding="utf-8")
    done = batch(str(export), *MINI_ARGS, "-o", str(tmp_path / "out"))
    assert done.returncode == 2
    assert f"{export}{position} duplicate key 'A1'" in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "out").exists()


@pytest.mark.parametrize("suffix", [".ods", ".xls", ".xlsb"])
def test_unreadable_spreadsheet_is_one_message(tmp_path: Path, suffix: str) -> None:
    export = tmp_path / f"broken{suffix}"
    export.write_bytes(b"Name;A1\nAnna;4\n")
    done = batch(str(export), *MINI_ARGS, "-o", str(tmp_path / "out"))
    assert done.returncode == 2
    kind = suffix[1:].upper()
    assert done.stderr.startswith(f"{export}: not a readable {kind} file (")
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
