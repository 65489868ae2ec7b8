"""CSV files, read and written. Reading finds the delimiter (`;`, `,` or tab) under which
the file reads as a table and streams the rows; a quote never closed is an error naming its
row. Writing follows one rule for every CSV this tool writes (docs/batch.md, "CSV files"):
UTF-8 with BOM, CRLF, quotes only where needed, formulas neutralised, and a `CsvDialect`:
"standard" (`,` and decimal point, for R, Python and databases) or "excel-de" (`;` and
decimal comma, for German Excel)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from netzkompetenz.errors import InputError
from netzkompetenz.i18n import _, format_number
from netzkompetenz.io.encodings import detect_encoding
from netzkompetenz.io.files import atomic_writer
from netzkompetenz.io.table import CellProblem, Column, Rows, Table, rendered, safe_text


@dataclass(frozen=True)
class CsvDialect:
    delimiter: str
    decimal: str


CSV_DIALECTS = {"standard": CsvDialect(",", "."), "excel-de": CsvDialect(";", ",")}
STANDARD = CSV_DIALECTS["standard"]


# --- reading ---------------------------------------------------------------------------------

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


def open_csv(path: Path) -> Table:
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
        cells = rendered(columns, self.field, self._number)
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
