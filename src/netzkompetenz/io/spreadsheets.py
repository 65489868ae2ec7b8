"""Spreadsheets read (docs/batch.md, "Spreadsheets"): the first sheet of an .xlsx or .xlsm
with openpyxl's sheet parser, of an .ods, .xls or .xlsb with python-calamine, every cell as
the text a CSV would hold; a formula without a saved result and a cell under a merged range
noted as the row's problem, hidden rows noted."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from netzkompetenz.errors import InputError
from netzkompetenz.i18n import _
from netzkompetenz.io.table import CellProblem, Rows, Table, cell_text


def open_xlsx(path: Path) -> Table:
    """The first sheet, read with openpyxl's own sheet parser rather than its read-only
    worksheet: that one trusts the sheet's `<dimension>` tag, which some writers leave
    stale (rows and columns beyond it were lost). The parser also tells a formula without
    a saved result and hidden rows; merged ranges are looked up before the rows."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        sheet = book.worksheets[0]
        merges = _xlsx_merges(book, sheet)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, SyntaxError) as exc:
        raise InputError.single(
            path, _("not a readable XLSX file ({reason})").format(reason=exc)
        ) from None
    table = Table(path, "xlsx", [], iter(()))
    it = _xlsx_rows(book, sheet, table)
    return _spreadsheet_table(table, it, merges, book.close)


def _xlsx_merges(book: Any, sheet: Any) -> list[tuple[int, int, int, int]]:
    """The merged ranges of the sheet as (min_col, min_row, max_col, max_row). They are
    written after the rows, so the sheet is searched for them first: its plain bytes
    (fast), and only if they hold a merge, its XML."""
    from xml.etree.ElementTree import iterparse

    from openpyxl.utils import range_boundaries

    archive, member = book._archive, sheet._worksheet_path
    with archive.open(member) as source:
        tail = b""
        while block := source.read(1 << 20):
            if b"mergeCell" in tail + block:
                break
            tail = block[-16:]
        else:
            return []
    merges = []
    with archive.open(member) as source:
        for _event, element in iterparse(source):
            if element.tag.endswith("}mergeCell") and element.get("ref"):
                min_col, min_row, max_col, max_row = range_boundaries(element.get("ref", ""))
                # a merge of whole rows or columns has no bound on one side: none in a table
                if min_col and min_row and max_col and max_row:
                    merges.append((min_col, min_row, max_col, max_row))
            element.clear()
    return merges


def _xlsx_rows(book: Any, sheet: Any, table: Table) -> Iterator[tuple[int, list[Any]]]:
    """(row number, values) of every row in the sheet's XML, rows it leaves out as empty
    ones. A formula without a saved result is a `_NoResult`."""
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class Parser(WorkSheetParser):
        def parse_cell(self, element: Any) -> dict[str, Any]:
            cell: dict[str, Any] = super().parse_cell(element)
            # an empty result is saved as an empty text (t="str"); a formula of any other
            # type without a value was never calculated
            if (
                cell["value"] is None
                and element.get("t") != "str"
                and element.find(FORMULA_TAG) is not None
            ):
                cell["value"] = _NoResult("=" + (element.findtext(FORMULA_TAG) or ""))
            return cell

    try:
        with book._archive.open(sheet._worksheet_path) as source:
            parser = Parser(
                source,
                sheet._shared_strings,
                data_only=True,
                epoch=book.epoch,
                date_formats=book._date_formats,
                timedelta_formats=book._timedelta_formats,
            )
            expected = 1
            for number, cells in parser.parse():
                for missing in range(expected, number):
                    yield missing, []
                expected = number + 1
                # kept per row by the parser only when a row has attributes; read and
                # dropped at once, so that memory does not grow with the rows
                attributes = parser.row_dimensions.pop(str(number), None)
                if attributes and attributes.get("hidden") in ("1", "true"):
                    table.hidden.append(number)
                values: list[Any] = [None] * max((c["column"] for c in cells), default=0)
                for cell in cells:
                    values[cell["column"] - 1] = cell["value"]
                yield number, values
    except (zipfile.BadZipFile, KeyError, ValueError, SyntaxError) as exc:
        raise InputError.single(
            table.source, _("not a readable XLSX file ({reason})").format(reason=exc)
        ) from None
    finally:
        book.close()


class _NoResult(str):
    """A formula cell without a saved result (written by a script, never recalculated)."""


def open_calamine(path: Path) -> Table:
    """.ods, .xls and .xlsb: python-calamine (compiled) reads the first sheet whole. It
    tells the merged ranges of .xls and .xlsb; not those of an .ods, nor hidden rows, nor
    a formula without a saved result, and it reads an error value (#DIV/0!) as empty:
    an .ods's are read from its XML (`_ods_layout`)."""
    from python_calamine import CalamineError, CalamineWorkbook

    kind = path.suffix.lower().lstrip(".")
    try:
        book = CalamineWorkbook.from_path(path)
        sheet = book.get_sheet_by_index(0)
        ranges = sheet.merged_cell_ranges or []
        start = sheet.start
        values = sheet.iter_rows()
    except (CalamineError, OSError, ValueError) as exc:
        raise InputError.single(
            path,
            _("not a readable {kind} file ({reason})").format(kind=kind.upper(), reason=exc),
        ) from None
    merges = [(c0 + 1, r0 + 1, c1 + 1, r1 + 1) for (r0, c0), (r1, c1) in ranges]
    table = Table(path, kind, [], iter(()))
    cells_read: dict[int, list[tuple[int, str]]] = {}
    if kind == "ods":
        try:
            merges, table.hidden, cells_read = _ods_layout(path)
        except (zipfile.BadZipFile, KeyError, OSError, SyntaxError) as exc:
            book.close()
            raise InputError.single(
                path, _("not a readable {kind} file ({reason})").format(kind="ODS", reason=exc)
            ) from None
    first_row, first_col = start if start is not None else (0, 0)

    def numbered() -> Iterator[tuple[int, list[Any]]]:
        # calamine starts at the first cell that holds anything: the rows and columns
        # before it are put back, so that numbers are those the spreadsheet shows
        for missing in range(1, first_row + 1):
            yield missing, []
        lead: list[Any] = [None] * first_col
        for number, cells in enumerate(values, start=first_row + 1):
            row = lead + cells
            for col, value in cells_read.pop(number, ()):
                row += [None] * (col + 1 - len(row))
                row[col] = value
            yield number, row

    return _spreadsheet_table(table, numbered(), merges, book.close)


_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ODS_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_ODS_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_ODS_CALC = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"
# what makes an .ods worth a second reading: a merge, a hidden row, a formula, an error
_ODS_LAYOUT = re.compile(rb'-spanned=|visibility="(collapse|filter)"|:formula=|"error"')


def _ods_layout(
    path: Path,
) -> tuple[list[tuple[int, int, int, int]], list[int], dict[int, list[tuple[int, str]]]]:
    """The merged ranges, the hidden rows (those holding anything) and the cells calamine
    reads as empty (row -> (0-based column, value)): a formula without a saved result (a
    `_NoResult`), an error value (its text, "#DIV/0!") of an .ods file's first sheet, from
    its content.xml: only when its bytes hold a merge, a hidden row, a formula or an error
    at all, so that most files are not parsed twice."""
    from xml.etree.ElementTree import iterparse

    with zipfile.ZipFile(path) as archive:
        with archive.open("content.xml") as source:
            tail, found = b"", False
            while block := source.read(1 << 20):
                if _ODS_LAYOUT.search(tail + block):
                    found = True
                    break
                tail = block[-32:]
        if not found:
            return [], [], {}
        merges: list[tuple[int, int, int, int]] = []
        hidden: list[int] = []
        cells_read: dict[int, list[tuple[int, str]]] = {}
        row = 0  # rows before the current one
        tables = 0
        with archive.open("content.xml") as source:
            for event, element in iterparse(source, events=("start", "end")):
                tag = element.tag
                if tag == _ODS_TABLE + "table":
                    if event == "start":
                        tables += 1
                    elif tables == 1:
                        break  # the first sheet is done
                    continue
                if tables != 1 or event != "end":
                    continue
                if tag == _ODS_TABLE + "table-row":
                    repeated = int(element.get(_ODS_TABLE + "number-rows-repeated", "1"))
                    col, filled = 0, False
                    for cell in element:
                        spans = int(cell.get(_ODS_TABLE + "number-columns-repeated", "1"))
                        wide = int(cell.get(_ODS_TABLE + "number-columns-spanned", "1"))
                        high = int(cell.get(_ODS_TABLE + "number-rows-spanned", "1"))
                        if wide > 1 or high > 1:
                            merges.append((col + 1, row + 1, col + wide, row + high))
                        typed = cell.get(_ODS_OFFICE + "value-type") is not None
                        formula = cell.get(_ODS_TABLE + "formula")
                        if formula and not typed:  # LibreOffice saves a result with each
                            value = _NoResult(formula.removeprefix("of:"))
                            cells_read.setdefault(row + 1, []).append((col, value))
                        elif cell.get(_ODS_CALC + "value-type") == "error":
                            shown = cell.findtext(_ODS_TEXT + "p") or "#VALUE!"
                            cells_read.setdefault(row + 1, []).append((col, shown))
                        filled = filled or typed or bool(formula)
                        col += spans
                    if filled and element.get(_ODS_TABLE + "visibility") in ("collapse", "filter"):
                        hidden.extend(range(row + 1, row + repeated + 1))
                    row += repeated
                    element.clear()
        return merges, hidden, cells_read


def _spreadsheet_table(
    table: Table,
    numbered: Iterator[tuple[int, list[Any]]],
    merges: list[tuple[int, int, int, int]],
    close: Callable[[], None],
) -> Table:
    """The header from row 1; the rows as text, each cell's problem noted before its row
    is yielded (docs/batch.md, "Spreadsheets")."""
    from openpyxl.utils import get_column_letter

    path = table.source
    for min_col, min_row, max_col, max_row in merges:
        if min_row == 1 and (max_col > min_col or max_row > min_row):
            close()
            raise InputError.single(
                path,
                _(
                    "the header row has merged cells ({cells}): unmerge them so that every "
                    "column has a header of its own"
                ).format(cells=_range_name(min_col, min_row, max_col, max_row)),
                1,
                min_col,
            )
    covered: dict[int, list[tuple[int, str]]] = {}  # row -> (column, range) under a merge
    for min_col, min_row, max_col, max_row in merges:
        name = _range_name(min_col, min_row, max_col, max_row)
        for row in range(min_row, max_row + 1):
            for col in range(min_col, max_col + 1):
                if (row, col) != (min_row, min_col):
                    covered.setdefault(row, []).append((col - 1, name))
    first = next(numbered, None)
    if first is None:
        close()
        raise InputError.single(path, _("the first sheet is empty"), 1, 1)
    table.header = [cell_text(v) for v in first[1]]
    problems = table.problems

    def rows() -> Rows:
        try:
            for number, values in numbered:
                cells = [cell_text(v) for v in values]
                for col, value in enumerate(values):
                    if isinstance(value, _NoResult):
                        problems.setdefault(number, []).append(
                            CellProblem(
                                col,
                                str(value),
                                _(
                                    "a formula without a saved result (cell {cell}): open the "
                                    "file in Excel or LibreOffice and save it, so that the "
                                    "result is saved with it"
                                ).format(cell=f"{get_column_letter(col + 1)}{number}"),
                            )
                        )
                        cells[col] = ""
                for col, name in covered.pop(number, ()):
                    problems.setdefault(number, []).append(
                        CellProblem(
                            col,
                            "",
                            _(
                                "a cell under the merged range {cells}: only the range's "
                                "first cell keeps a value; unmerge it and fill in every cell"
                            ).format(cells=name),
                        )
                    )
                yield number, cells
        finally:
            close()

    table.rows = rows()
    return table


def _range_name(min_col: int, min_row: int, max_col: int, max_row: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col)}{max_row}"
