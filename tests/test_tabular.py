"""Reading and writing tables: encodings, delimiters, decimal commas, formula safety."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import openpyxl
import pytest

from netzkompetenz.errors import InputError
from netzkompetenz.io.csv_format import write_csv
from netzkompetenz.io.table import parse_number, render_column, safe_text
from netzkompetenz.io.tabular import open_table
from netzkompetenz.io.xlsx_out import write_xlsx


@pytest.mark.parametrize(
    "encoding,delimiter", [("utf-8-sig", ";"), ("utf-8", ","), ("cp1252", "\t"), ("cp1252", ";")]
)
def test_csv_encodings_and_delimiters(tmp_path: Path, encoding: str, delimiter: str) -> None:
    path = tmp_path / "export.csv"
    lines = [
        ["Name", "Frage für Ämter", "Wert"],
        ["Jörg", "trifft zu", "7,5"],
        ["", "", ""],
        ["Zoë", '"zitiert"', "3"],
    ]
    text = "\r\n".join(
        delimiter.join(c if delimiter not in c else f'"{c}"' for c in line) for line in lines
    )
    path.write_bytes(text.encode(encoding))
    table = open_table(path)
    assert table.delimiter == delimiter
    assert table.header == ["Name", "Frage für Ämter", "Wert"]
    rows = list(table.rows)
    assert rows[0] == (2, ["Jörg", "trifft zu", "7,5"])
    assert rows[2][0] == 4  # row numbers as in the spreadsheet, blank rows counted


LIMESURVEY_CODE_AND_TEXT = [
    "id. Antwort ID",
    "K1[K104]. Wie sehr treffen die folgenden Aussagen auf Sie zu? [Ich weiß, welche "
    "Angebote, Akteur*innen und Stellen es vor Ort gibt.]",
    "K1[K105]. Wie sehr treffen die folgenden Aussagen auf Sie zu? [Ich kann, wenn nötig, "
    "zwischen Verwaltung, Trägern und Politik vermitteln.]",
]


@pytest.mark.parametrize("quoted", [True, False], ids=["quoted", "bare"])
def test_semicolon_csv_whose_header_texts_hold_more_commas(tmp_path: Path, quoted: bool) -> None:
    """LimeSurvey's "code & text" headings with `;`: the question texts hold more commas
    than the header has delimiters; LimeSurvey quotes every cell, a spreadsheet may not."""
    rows = [["1", "A4", "KE"], ["2", "", "A2"], ["3", "A1", "A5"]]
    cell = (lambda c: f'"{c}"') if quoted else str
    path = tmp_path / "results-survey255886.csv"
    text = "\r\n".join(";".join(map(cell, line)) for line in [LIMESURVEY_CODE_AND_TEXT, *rows])
    path.write_text(text + "\r\n", encoding="utf-8-sig")
    table = open_table(path)
    assert table.delimiter == ";"
    assert table.header == LIMESURVEY_CODE_AND_TEXT
    assert list(table.rows) == [(2, rows[0]), (3, rows[1]), (4, rows[2])]


def test_comma_csv_keeps_comma_when_quoted_texts_hold_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text('Name,"Frage; mit Semikolon; und mehr",Wert\nAda,4,5\n', encoding="utf-8")
    table = open_table(path)
    assert table.delimiter == "," and table.header[1] == "Frage; mit Semikolon; und mehr"
    assert list(table.rows) == [(2, ["Ada", "4", "5"])]


def test_one_column_csv_and_a_header_longer_than_the_sample(tmp_path: Path) -> None:
    path = tmp_path / "one.csv"
    path.write_text("Name\nAda\n", encoding="utf-8")
    assert open_table(path).delimiter == ","
    long_header = [f"Spalte {n}, mit Komma" for n in range(4000)]  # > 64 KiB
    path = tmp_path / "wide.csv"
    path.write_text(
        ";".join(f'"{h}"' for h in long_header) + "\n" + ";".join("1" * 4000) + "\n",
        encoding="utf-8",
    )
    table = open_table(path)
    assert table.delimiter == ";" and table.header == long_header
    assert list(table.rows) == [(2, ["1"] * 4000)]


def test_parse_number_and_safe_text() -> None:
    assert parse_number("7,5") == 7.5 and parse_number(" 4 ") == 4.0
    assert parse_number("-3") == -3.0 and parse_number("A4") is None
    assert parse_number("1.000,5") is None
    for formula in ("=1+1", "+49", "-x", "@SUM(A1)", "\tx", "\rx"):
        assert safe_text(formula) == "'" + formula
    assert safe_text("Anna") == "Anna"


def test_written_tables_neutralise_formulas(tmp_path: Path) -> None:
    rows = [['=HYPERLINK("x")', -3, 2.5, "@me", "<b>&</b>"]]
    write_csv(tmp_path / "t.csv", ["a", "b", "c", "d", "e"], rows)
    text = (tmp_path / "t.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[1] == '\'=HYPERLINK(""x"")",-3,2.5,\'@me,<b>&</b>'.replace(
        "'=HYPERLINK", "\"'=HYPERLINK"
    )
    write_xlsx(tmp_path / "t.xlsx", ["a", "b", "c", "d", "e"], rows)
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    values = list(sheet.iter_rows(values_only=True))
    assert values[1] == ('\'=HYPERLINK("x")', -3, 2.5, "'@me", "<b>&</b>")
    assert sheet["A2"].data_type == "s"


def test_xlsx_and_json_inputs(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["Name", "A1"])
    book.active.append(["Ada", 4.0])
    book.save(tmp_path / "in.xlsx")
    table = open_table(tmp_path / "in.xlsx")
    assert table.header == ["Name", "A1"] and list(table.rows) == [(2, ["Ada", "4"])]
    (tmp_path / "in.json").write_text(
        '{"responses": [{"Name": "Ada", "A1": 4}, {"Name": "Bob", "B1": null}]}'
    )
    table = open_table(tmp_path / "in.json")
    assert table.header == ["Name", "A1", "B1"]
    assert list(table.rows) == [(2, ["Ada", "4", ""]), (3, ["Bob", "", ""])]


def test_unreadable_inputs(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text('[{"a": 1},\n {"b": }]')
    with pytest.raises(InputError, match=r"bad.json:2:8: ungültiges JSON"):
        open_table(tmp_path / "bad.json")
    (tmp_path / "bad.xlsx").write_text("not a zip")
    with pytest.raises(InputError, match="keine lesbare XLSX-Datei"):
        open_table(tmp_path / "bad.xlsx")
    (tmp_path / "empty.csv").write_text("")
    with pytest.raises(InputError, match="empty"):
        open_table(tmp_path / "empty.csv")


def test_render_column_renders_each_distinct_value_once() -> None:
    calls: list = []

    def render(value) -> str:
        calls.append(value)
        return "" if value != value else f"{value:.2f}"

    numbers = np.array([2.5, np.nan, 1.0, 2.5, np.nan])
    assert render_column(numbers, render) == ["2.50", "", "1.00", "2.50", ""]
    assert len(calls) == 3  # nan counts once
    assert render_column(["b", "a", "b"], str.upper) == ["B", "A", "B"]


def test_an_xlsx_thrown_away_unfinished_makes_no_noise(tmp_path, monkeypatch):
    """Ctrl-C just as a batch begins can come before scores.xlsx's clean-up is in place:
    its file is closed and removed, and the unfinished sheet is collected later. It must
    not write into the closed file then ("Exception ignored … seek of closed file" and a
    traceback on the screen of an interrupted run)."""
    import gc
    import sys

    from netzkompetenz.io.xlsx_out import XlsxOut

    noise = []
    monkeypatch.setattr(sys, "unraisablehook", noise.append)
    handle = (tmp_path / "scores.xlsx").open("wb")
    out = XlsxOut(handle)
    out.row(["name", 1])
    handle.close()  # what atomic_writer does on a failure
    del out
    gc.collect()
    assert [str(n.exc_value) for n in noise] == []


@pytest.mark.parametrize("ending", ["\r\n", "\n"])
def test_a_lone_cr_in_a_cell_rejects_its_row_and_splits_nothing(tmp_path: Path, ending: str):
    """A CR typed into an unquoted cell once split the row: its second half ("rrnd;Dorf;…")
    was scored as a person of its own (robustness review 2026-12, S9)."""
    from helpers import MINI, read_csv, run_cli

    lines = ["Name;Organisation;A1;A2;B1;B2", "Anna;Stadt;4;2;5;4", "Be\rrnd;Dorf;3;3;3;3"]
    lines.append("Clara;Stadt;5;1;4;4")
    export = tmp_path / "e.csv"
    export.write_bytes(ending.join([*lines, ""]).encode("utf-8"))
    out = tmp_path / "out"
    done = run_cli(
        "--lang", "en", "--data", str(MINI), "batch", str(export), "--questionnaire", "mini",
        "-o", str(out),
    )  # fmt: skip
    assert done.returncode == 1, done.stdout + done.stderr
    assert "2 rows scored, 1 rejected" in done.stdout
    assert [s["name"] for s in read_csv(out / "scores.csv")] == ["Anna", "Clara"]
    (rejected,) = read_csv(out / "rejected.csv")
    assert rejected["row"] == "3" and "lone carriage return" in rejected["reason"]
    assert [s["row"] for s in read_csv(out / "scores.csv")] == ["2", "4"]  # rows as written


def test_a_file_whose_lines_end_in_cr_alone_reads(tmp_path: Path):
    """Excel for Mac's "CSV (Macintosh)" ends lines with CR alone."""
    from helpers import MINI, read_csv, run_cli

    export = tmp_path / "mac.csv"
    export.write_bytes(b"Name;Organisation;A1;A2;B1;B2\rAnna;Stadt;4;2;5;4\rBernd;Dorf;3;3;3;3\r")
    out = tmp_path / "out"
    done = run_cli(
        "--lang", "en", "--data", str(MINI), "batch", str(export), "--questionnaire", "mini",
        "-o", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert [s["name"] for s in read_csv(out / "scores.csv")] == ["Anna", "Bernd"]
