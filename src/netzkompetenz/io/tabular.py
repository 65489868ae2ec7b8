"""Tables in and out: the only module that reads or writes CSV, spreadsheets (XLSX, ODS,
XLS) and tabular JSON.

Reading streams: `open_table` returns the header and an iterator of (row number, cells),
every cell as text, so that memory does not grow with the number of rows. Row numbers are
those a person sees in a spreadsheet (the header is row 1). What a spreadsheet's cell text
cannot say (a formula without a saved result, a cell under a merged range) is noted in
`Table.problems` before its row is yielded; hidden rows in `Table.hidden`.

Writing neutralises spreadsheet formulas (OWASP "CSV injection"): a text cell starting
with = + - @, tab or CR gets a leading apostrophe, in CSV and in XLSX alike.

Every CSV this tool writes follows one rule (docs/batch.md, "CSV files"): UTF-8 with BOM,
CRLF, quotes only where needed, and a `CsvDialect`: "standard" (`,` and decimal point, for
R, Python and databases) or "excel-de" (`;` and decimal comma, for German Excel).
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from netzkompetenz.errors import InputError
from netzkompetenz.i18n import _, format_number
from netzkompetenz.io.files import atomic_writer, is_link_loop, read_bytes, reading
from netzkompetenz.io.jsontext import json_loads

if TYPE_CHECKING:
    import numpy as np

Rows = Iterator[tuple[int, list[str]]]
# A column of a chunk of rows to write: its values (a list, or a numpy array of numbers),
# and the format of its numbers ("%.4f") or None for text. nan (no value): an empty cell.
Column = tuple["Sequence[Any] | np.ndarray", str | None]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_MAX_ROWS = 1_048_576


@dataclass(frozen=True)
class CsvDialect:
    delimiter: str
    decimal: str


CSV_DIALECTS = {"standard": CsvDialect(",", "."), "excel-de": CsvDialect(";", ",")}
STANDARD = CSV_DIALECTS["standard"]


@dataclass(frozen=True)
class CellProblem:
    """A spreadsheet cell whose text is not what the person saw or meant: its row is not
    scored (docs/batch.md, "Spreadsheets")."""

    column: int  # 0-based
    value: str
    reason: str


@dataclass
class Table:
    source: Path
    kind: str  # csv | xlsx | ods | xls | json
    header: list[str]
    rows: Rows
    encoding: str | None = None
    delimiter: str | None = None
    # row number -> its cells' problems, filled by the reader before the row is yielded
    problems: dict[int, list[CellProblem]] = field(default_factory=dict)
    hidden: list[int] = field(default_factory=list)  # hidden rows read so far


# --- cells -----------------------------------------------------------------------------------

_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


def parse_number(cell: str) -> float | None:
    """'4', '4.0', '7,5' (decimal comma) -> a float; anything else -> None."""
    cell = cell.strip()
    if not _NUMBER.match(cell):
        return None
    return float(cell.replace(",", "."))


def safe_text(value: str) -> str:
    """A text cell that no spreadsheet runs as a formula."""
    return "'" + value if value.startswith(FORMULA_START) else value


def render_column(values: Sequence[Any] | np.ndarray, render: Callable[[Any], str]) -> list[str]:
    """render(value) for each value, called once per distinct value: a column of a chunk
    of 4,096 scores holds few distinct numbers (and organisations repeat), so a cell costs
    a look-up instead of a formatting call. A numpy array is looked up by numpy."""
    if hasattr(values, "dtype"):
        import numpy as np  # only a batch writes numpy columns; other commands start faster

        distinct, which = np.unique(values, return_inverse=True)  # all nan: one value
        texts = np.array([render(v) for v in distinct.tolist()], dtype=object)
        rendered: list[str] = texts[which].tolist()
        return rendered
    done = {value: render(value) for value in set(values)}
    return list(map(done.__getitem__, values))


def _cell_text(value: Any) -> str:
    """A cell read from XLSX or JSON as the text a CSV would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- reading ---------------------------------------------------------------------------------


def open_table(path: Path) -> Table:
    path = Path(path)
    if not path.exists():
        if is_link_loop(path):
            raise InputError.single(
                path, _("a symbolic link that leads back to itself; name the export itself")
            )
        raise InputError.single(path, _("file not found"))
    if not path.is_file():
        raise InputError.single(path, _("not a regular file"))
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv", ".txt"):
        return _open_csv(path)
    if suffix in (".xlsx", ".xlsm"):
        return _open_xlsx(path)
    if suffix in (".ods", ".xls", ".xlsb"):
        return _open_calamine(path)
    if suffix in (".json", ".jsonl", ".ndjson"):
        return _open_json(path)
    raise InputError.single(path, _("unknown file type: expected .csv, .xlsx, .ods, .xls or .json"))


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)  # UTF-32 LE first: its BOM starts like UTF-16's
# Bytes Windows-1252 leaves undefined: a file holding one is in neither encoding.
_CP1252_UNDEFINED = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")
# UTF-8 of the letters of names in German municipalities (Latin-1 and Latin Extended-A:
# ä ö ü ß é ı ş ł …) and of typographic quotes and dashes. Read as Windows-1252 they are the
# familiar mojibake ("Ã¼", "Ä±", "â€ž"), which real Windows-1252 text practically never
# holds: a file with such a sequence and a byte that is not UTF-8 has mixed encodings.
_UTF8_LETTER = re.compile(rb"[\xc2-\xc5][\x80-\xbf]|\xe2\x80[\x80-\xbf]")


def detect_encoding(path: Path) -> str:
    """UTF-32 or UTF-16 by their BOM; UTF-8 (with or without Excel's BOM) if every byte
    decodes; Windows-1252 only if the file holds no UTF-8 letter (_UTF8_LETTER) and every
    byte is defined in Windows-1252. Anything else is refused with the line and column of
    the first byte that does not fit, so that no name is read wrongly."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with reading(path):
        try:
            with path.open("rb") as handle:
                start = handle.read(4)
                for bom, encoding in _BOMS:
                    if start.startswith(bom):
                        return encoding
                handle.seek(0)
                while block := handle.read(1 << 20):
                    if b"\x00" in block:  # valid UTF-8, but no text file holds it
                        raise UnicodeDecodeError("utf-8", b"", 0, 0, "NUL")
                    decoder.decode(block)
                decoder.decode(b"", final=True)
                return "utf-8-sig"
        except UnicodeDecodeError:
            pass  # not UTF-8: the whole file is looked at once (rare; the message needs positions)
    data = read_bytes(path)
    if b"\x00" in data:
        line, column = _position(data, data.index(b"\x00"))
        raise InputError.single(
            path,
            _("not a text file (a NUL byte): UTF-16 without its byte order mark? Save it as UTF-8"),
            line,
            column,
        )
    try:
        data.decode("utf-8")
        return "utf-8-sig"  # it was rewritten meanwhile
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    undefined = _CP1252_UNDEFINED.search(data)
    utf8 = _UTF8_LETTER.search(data)
    if undefined is None and utf8 is None:
        return "cp1252"
    line, column = _position(data, first_bad)
    if utf8 is not None:
        raise InputError.single(
            path,
            _(
                "mixed encodings: byte {byte} is not UTF-8, but other "
                "text in the file is; save the file as UTF-8"
            ).format(byte=f"0x{data[first_bad]:02X}"),
            line,
            column,
        )
    assert undefined is not None
    line, column = _position(data, undefined.start())
    raise InputError.single(
        path,
        _("byte {byte} is neither UTF-8 nor Windows-1252; save the file as UTF-8").format(
            byte=f"0x{data[undefined.start()]:02X}"
        ),
        line,
        column,
    )


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in bytes) of a byte offset."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1


_DELIMITERS = (";", ",", "\t")  # in this order where two fit equally well
_SAMPLE_CHARS = 1 << 16
_SAMPLE_RECORDS = 50


def detect_delimiter(sample: str, whole: bool = True) -> str:
    """The delimiter under which the start of the file reads as a table: the header parses
    (each quote closed right before a delimiter), most rows have as many cells as the
    header (see _fits), and then the most cells. Counting characters in the header line
    fails where quoted question texts hold commas (LimeSurvey's "code & text" headings
    with `;`); csv.Sniffer fails on short German files. `whole`: the sample is the whole
    file (else its last record may be cut)."""
    best, best_key = ",", (0, 1)  # one column: no delimiter to tell
    for delimiter in _DELIMITERS:
        records = _records(sample, delimiter, whole)
        width = len(records[0]) if records else 0  # 0: the header does not parse
        key = (sum(_fits(r, width) for r in records[1:]), width)
        if width > 1 and key > best_key:
            best, best_key = delimiter, key
    return best


def _fits(record: list[str], width: int) -> bool:
    """As many cells as the header, or more that are empty (a delimiter ending the line)."""
    return len(record) >= width and not any(record[width:])


def _records(sample: str, delimiter: str, whole: bool) -> list[list[str]]:
    """The first records of the sample (blank lines left out); [] if the header does not
    parse."""
    records: list[list[str]] = []
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter, strict=True)
    try:
        for record in reader:
            if record:
                records.append(record)
            if len(records) > _SAMPLE_RECORDS:
                break
    except csv.Error:  # a broken row is told when it is read; the rows before it count
        return records
    return records if whole or len(records) < 2 else records[:-1]


def _open_csv(path: Path) -> Table:
    encoding = detect_encoding(path)
    handle = path.open(encoding=encoding, newline="", errors="strict")
    first = handle.readline()
    if not first.strip():
        handle.close()
        raise InputError.single(path, _("the file is empty or has no header line"), 1, 1)
    handle.seek(0)
    sample = handle.read(_SAMPLE_CHARS)
    whole = len(sample) < _SAMPLE_CHARS
    delimiter = detect_delimiter(sample + ("" if whole else handle.readline()), whole)
    # Lines end at LF (LF or CR LF), so that a lone CR typed into an unquoted cell does not
    # split its row in two (the second half once scored as a person of its own); a file
    # whose lines all end in CR alone (old Mac) is read with CR as the line end.
    mac = "\r" in sample and "\n" not in sample
    handle.close()
    handle = path.open(encoding=encoding, newline="" if mac else "\n", errors="strict")
    # strict: a quote that is never closed is an error, not a cell that swallows the rest
    reader = csv.reader(handle, delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except csv.Error as exc:
        handle.close()
        raise InputError.single(
            path, _("unreadable CSV header: {reason}").format(reason=_csv_problem(exc)), 1
        ) from None
    table = Table(path, "csv", header, iter(()), encoding, delimiter)

    def rows() -> Rows:
        with handle:
            number = 1
            while True:
                try:
                    cells = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    if "new-line character seen in unquoted field" not in str(exc):
                        raise InputError.single(
                            path,
                            _("unreadable CSV: {reason}").format(reason=_csv_problem(exc)),
                            number + 1,
                        ) from None
                    number += 1  # the reader has taken the whole line: that row only
                    table.problems[number] = [
                        CellProblem(
                            0,
                            "\u240d",  # ␍, the symbol for CR: the raw character would break lines
                            _(
                                "a line break (a lone carriage return, CR) inside a cell that "
                                "is not in quotes: the row cannot be read as it was written; "
                                "not scored"
                            ),
                        )
                    ]
                    yield number, [""] * len(header)
                    continue
                number += 1
                yield number, cells

    table.rows = rows()
    return table


def _csv_problem(exc: csv.Error) -> str:
    message = str(exc)
    if "unexpected end of data" in message:
        return _('a quote (") opened in this row is never closed')
    if "field larger than field limit" in message:
        return _("a cell longer than {limit} characters").format(
            limit=format_number(csv.field_size_limit(), 0)
        )
    return message


def _open_xlsx(path: Path) -> Table:
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


def _open_calamine(path: Path) -> Table:
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
    table.header = [_cell_text(v) for v in first[1]]
    problems = table.problems

    def rows() -> Rows:
        try:
            for number, values in numbered:
                cells = [_cell_text(v) for v in values]
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


def _open_json(path: Path) -> Table:
    """A JSON array of objects (or {"responses": [...]}), or JSON Lines (one object per
    line, read as a stream). Row n is the n-th object, counted from 2 as in a sheet."""
    encoding = detect_encoding(path)
    with path.open(encoding=encoding) as handle:
        head = handle.read(1 << 16).lstrip()
    if head.startswith("[") or (head.startswith("{") and _is_one_document(path, encoding)):
        records = _json_document(path, encoding)

        def source() -> Iterator[tuple[int, Any]]:
            yield from enumerate(records, start=2)

        header = _union_keys(path, records)
    else:
        header = _union_keys(path, (r for _, r in _json_lines(path, encoding)))

        def source() -> Iterator[tuple[int, Any]]:
            yield from _json_lines(path, encoding)

    def rows() -> Rows:
        for number, record in source():
            yield number, [_cell_text(record.get(key)) for key in header]

    return Table(path, "json", header, rows(), encoding)


def _is_one_document(path: Path, encoding: str) -> bool:
    with path.open(encoding=encoding) as handle:
        first = handle.readline()
    try:
        record = json.loads(first)
    except (json.JSONDecodeError, ValueError, RecursionError):
        return True  # an object spread over several lines (or broken: said when read)
    return isinstance(record, dict) and isinstance(record.get("responses"), list)


def _json_document(path: Path, encoding: str) -> list[dict[str, Any]]:
    data = json_loads(path, path.read_text(encoding=encoding))
    if isinstance(data, dict):
        data = data.get("responses")
    if not isinstance(data, list):
        raise InputError.single(
            path, _('expected a list of responses or an object with "responses"'), 1, 1
        )
    for index, record in enumerate(data):
        if not isinstance(record, dict):
            raise InputError.single(
                path, _("response {number} is not an object").format(number=index + 1)
            )
    return data


def _json_lines(path: Path, encoding: str) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open(encoding=encoding) as handle:
        number = 1
        for line_number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            record = json_loads(path, line, line_number)
            if not isinstance(record, dict):
                raise InputError.single(
                    path, _("expected one JSON object per line"), line_number, 1
                )
            number += 1
            yield number, record


def _union_keys(path: Path, records: Iterable[dict[str, Any]]) -> list[str]:
    keys: dict[str, None] = {}
    for record in records:
        keys.update(dict.fromkeys(str(k) for k in record))
    if not keys:
        raise InputError.single(path, _("no responses in the file"))
    return list(keys)


# --- writing ---------------------------------------------------------------------------------


class CsvOut:
    """Rows of text and numbers to a CSV file, streamed and atomic (UTF-8 with BOM so that
    Excel reads the umlauts; delimiter and decimal mark from the dialect)."""

    def __init__(self, handle: IO[bytes], dialect: CsvDialect = STANDARD) -> None:
        self.dialect = dialect
        self._text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="", write_through=False)
        self._writer = csv.writer(self._text, delimiter=dialect.delimiter, lineterminator="\r\n")
        self._quoted = re.compile(f'[{re.escape(dialect.delimiter)}"\r\n]')

    def row(self, cells: Sequence[Any]) -> None:
        self._writer.writerow(list(map(self._cell, cells)))

    def rows(self, rows: Iterable[Sequence[Any]]) -> None:
        self._writer.writerows(list(map(self._cell, r)) for r in rows)

    def _cell(self, value: Any) -> Any:
        if isinstance(value, str):
            return safe_text(value)
        if isinstance(value, float):  # 2.0 -> "2", 1.5 -> "1.5" or "1,5"
            return (
                ""
                if value != value
                else (
                    str(int(value))
                    if value.is_integer()
                    else repr(value).replace(".", self.dialect.decimal)
                )
            )
        return value

    def columns(self, columns: Sequence[Column]) -> None:
        """A chunk of rows given column by column (the fast path of a batch)."""
        cells = _rendered(columns, self.field, self._number)
        sep = self.dialect.delimiter
        self._text.write("".join([sep.join(row) + "\r\n" for row in cells]))

    def field(self, value: str) -> str:
        """One safe, quoted-when-needed field, for callers that build lines themselves."""
        value = safe_text(value)
        if self._quoted.search(value):
            return '"' + value.replace('"', '""') + '"'
        return value

    def _number(self, fmt: str) -> Callable[[Any], str]:
        if self.dialect.decimal == ".":
            return lambda v: "" if v != v else fmt % v
        return lambda v: "" if v != v else (fmt % v).replace(".", self.dialect.decimal)

    def close(self) -> None:
        self._text.flush()
        self._text.detach()


def _rendered(
    columns: Sequence[Column],
    text: Callable[[str], str],
    number: Callable[[str], Callable[[Any], str]],
) -> Iterator[tuple[str, ...]]:
    """The cells of a chunk row by row: text with text(), numbers with number(fmt)."""
    return zip(
        *[render_column(values, text if fmt is None else number(fmt)) for values, fmt in columns],
        strict=True,
    )


def write_csv(
    path: Path,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    private: bool = False,
    dialect: CsvDialect = STANDARD,
) -> None:
    with atomic_writer(path, private=private) as handle:
        out = CsvOut(handle, dialect)
        out.row(header)
        out.rows(rows)
        out.close()


def csv_bytes(rows: Iterable[Sequence[Any]], dialect: CsvDialect = STANDARD) -> bytes:
    """A small CSV file in memory (the export's template), by the same rule."""
    buffer = io.BytesIO()
    out = CsvOut(buffer, dialect)
    out.rows(rows)
    out.close()
    return buffer.getvalue()


_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/xl/workbook.xml" \
ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
<Override PartName="/xl/worksheets/sheet1.xml" \
ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
</Types>"""
_ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" \
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
Target="xl/workbook.xml"/></Relationships>"""
_WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>"""
_WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" \
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" \
Target="worksheets/sheet1.xml"/></Relationships>"""
_SHEET_START = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" \
activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>"""
_SHEET_END = "</sheetData></worksheet>"
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def xlsx_text(value: str) -> str:
    """An inline-string cell: formula-neutralised, XML-escaped."""
    value = _XML_INVALID.sub("", safe_text(value))
    return f'<c t="inlineStr"><is><t xml:space="preserve">{xml_escape(value)}</t></is></c>'


def xlsx_number(value: float | int | None) -> str:
    return "<c/>" if value is None or value != value else f"<c><v>{value}</v></c>"


def _xlsx_number(fmt: str) -> Callable[[Any], str]:
    return lambda v: "<c/>" if v != v else f"<c><v>{fmt % v}</v></c>"


def xml_escape(text: str) -> str:
    """&, < and > escaped for XML text; xml.sax is imported when a spreadsheet is written,
    not by every run that reads JSON through this module (it pulls in urllib and http)."""
    from xml.sax.saxutils import escape

    return escape(text)


def zip_entry(name: str, compress: bool = True) -> zipfile.ZipInfo:
    """A zip entry with a fixed date: the same scores give the same file, byte for byte
    (a re-run can be compared, and a test can tell a complete set by its hashes)."""
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    # the level the ZipFile gives its own entries: `compress_level` from Python 3.13 on
    setattr(info, "compress_level" if hasattr(info, "compress_level") else "_compresslevel", 1)
    return info


class _Zip(zipfile.ZipFile):
    def __del__(self) -> None:
        # Interrupted before `abort` was in place (Ctrl-C just as the run began), the zip
        # would write its end into the file thrown away and closed meanwhile when it is
        # collected: "Exception ignored ... seek of closed file" and a traceback on screen.
        if self.fp is not None and self.fp.closed:
            self.fp = None
        super().__del__()


class XlsxOut:
    """A one-sheet XLSX written as a stream of rows.

    openpyxl needs about 1.3 s per 5,000 rows x 30 cells; this writer emits the sheet XML
    directly (inline strings, no shared-string table), so 100,000 rows take well under a
    second. Cells are text (always stored as text, never as a formula) or numbers.
    """

    def __init__(self, handle: IO[bytes], sheet_name: str = "scores") -> None:
        self._zip = _Zip(handle, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1)
        self._zip.writestr(zip_entry("[Content_Types].xml"), _CONTENT_TYPES)
        self._zip.writestr(zip_entry("_rels/.rels"), _ROOT_RELS)
        self._zip.writestr(
            zip_entry("xl/workbook.xml"), _WORKBOOK.format(name=xml_escape(sheet_name))
        )
        self._zip.writestr(zip_entry("xl/_rels/workbook.xml.rels"), _WORKBOOK_RELS)
        self._sheet = io.TextIOWrapper(
            self._zip.open(zip_entry("xl/worksheets/sheet1.xml"), "w", force_zip64=True),
            encoding="utf-8",
        )
        self._sheet.write(_SHEET_START)
        self.count = 0

    def row(self, cells: Sequence[Any]) -> None:
        self._rows(["".join(xlsx_text(c) if isinstance(c, str) else xlsx_number(c) for c in cells)])

    def columns(self, columns: Sequence[Column]) -> None:
        """A chunk of rows given column by column (the fast path of a batch)."""
        self._rows(["".join(row) for row in _rendered(columns, xlsx_text, _xlsx_number)])

    def _rows(self, rows_xml: list[str]) -> None:
        self.count += len(rows_xml)
        if self.count > XLSX_MAX_ROWS:
            raise OverflowError("more rows than a spreadsheet can hold")
        self._sheet.write("".join([f"<row>{cells}</row>" for cells in rows_xml]))

    def close(self) -> None:
        self._sheet.write(_SHEET_END)
        self._sheet.close()
        self._zip.close()

    def abort(self) -> None:
        """After a failure, before the file is closed: finish the zip into the file that is
        thrown away (otherwise the zip writes its end when it is garbage-collected, into a
        closed file: "Exception ignored ... seek of closed file")."""
        with contextlib.suppress(Exception):
            self._sheet.close()
        with contextlib.suppress(Exception):
            self._zip.close()
        self._zip.fp = None


def write_xlsx(
    path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]], *, private: bool = False
) -> None:
    with atomic_writer(path, private=private) as handle:
        out = XlsxOut(handle)
        out.row(header)
        for cells in rows:
            out.row(cells)
        out.close()
