"""Survey exports in: `open_table` reads a CSV, spreadsheet (XLSX, ODS, XLS) or tabular
JSON file as a `Table` (io/table.py), whose rows stream, so that memory does not grow with
the number of rows. Row numbers are those a person sees in a spreadsheet (the header is row
1). What a spreadsheet's cell text cannot say (a formula without a saved result, a cell
under a merged range) is noted in `Table.problems` before its row is yielded; hidden rows
in `Table.hidden`.

One module per format: io/csv_format.py (CSV, read and written), io/spreadsheets.py
(XLSX with openpyxl, ODS/XLS/XLSB with python-calamine), io/json_tables.py, and
io/encodings.py for the text files' encodings; io/xlsx_out.py writes XLSX. Writing
neutralises spreadsheet formulas (OWASP "CSV injection"): a text cell starting with
= + - @, tab or CR gets a leading apostrophe, in CSV and in XLSX alike (io/table.safe_text).
"""

from __future__ import annotations

from pathlib import Path

from netzkompetenz.errors import InputError
from netzkompetenz.i18n import _
from netzkompetenz.io.csv_format import open_csv
from netzkompetenz.io.files import is_link_loop
from netzkompetenz.io.json_tables import open_json
from netzkompetenz.io.spreadsheets import open_calamine, open_xlsx
from netzkompetenz.io.table import Table


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
        return open_csv(path)
    if suffix in (".xlsx", ".xlsm"):
        return open_xlsx(path)
    if suffix in (".ods", ".xls", ".xlsb"):
        return open_calamine(path)
    if suffix in (".json", ".jsonl", ".ndjson"):
        return open_json(path)
    raise InputError.single(path, _("unknown file type: expected .csv, .xlsx, .ods, .xls or .json"))
