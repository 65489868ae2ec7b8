"""scores.xlsx and the plan's spreadsheet: a one-sheet XLSX written as a stream of rows,
text cells never stored as formulas; zip entries with a fixed date, so that the same
scores give the same file byte for byte."""

from __future__ import annotations

import contextlib
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape as xml_escape

from netzkompetenz.io.files import atomic_writer
from netzkompetenz.io.table import Column, rendered, safe_text

XLSX_MAX_ROWS = 1_048_576


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
        self._rows(["".join(row) for row in rendered(columns, xlsx_text, _xlsx_number)])

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
