"""Reading a large XLSX export: the batch's reader (openpyxl's sheet parser, the whole
sheet whatever its <dimension> says) against openpyxl's read-only worksheet (the reader
before, which trusted the tag) and python-calamine (compiled; reads .ods/.xls/.xlsb here).

    python bench/bench_sheets.py --rows 100000 --runs 3

Each run reads every row and turns every cell into text, as batch does; the figure is the
best of the runs (seconds) and the peak memory of the process (ru_maxrss grows only)."""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from netzkompetenz.io.table import cell_text
from netzkompetenz.io.tabular import open_table
from netzkompetenz.io.xlsx_out import XlsxOut


def generate(path: Path, rows: int, items: int = 50, seed: int = 6) -> None:
    """A sheet like a survey export: name, organisation, then `items` answers 1-5."""
    rng = random.Random(seed)
    with path.open("wb") as handle:
        out = XlsxOut(handle, "export")
        out.row(["Name", "Organisation", *(f"I{k:02d}" for k in range(items))])
        for n in range(rows):
            out.row([f"Person {n}", f"Org {n % 40}", *(rng.randint(1, 5) for _ in range(items))])
        out.close()


def batch_reader(path: Path) -> Iterator[list[str]]:
    yield from (cells for _n, cells in open_table(path).rows)


def read_only_worksheet(path: Path) -> Iterator[list[str]]:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for values in book.worksheets[0].iter_rows(values_only=True):
        yield [cell_text(v) for v in values]
    book.close()


def calamine(path: Path) -> Iterator[list[str]]:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(path)
    for values in book.get_sheet_by_index(0).iter_rows():
        yield [cell_text(v) for v in values]
    book.close()


def best(reader: Callable[[Path], Iterator[list[str]]], path: Path, runs: int) -> tuple[float, int]:
    times, count = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        count = sum(1 for _row in reader(path))
        times.append(time.perf_counter() - start)
    return min(times), count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--reader", choices=["batch", "read-only", "calamine", "all"], default="all"
    )
    args = parser.parse_args()
    readers: dict[str, Any] = {
        "batch": batch_reader,
        "read-only": read_only_worksheet,
        "calamine": calamine,
    }
    chosen = readers if args.reader == "all" else {args.reader: readers[args.reader]}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.xlsx"
        generate(path, args.rows)
        print(f"{args.rows} rows x 52 cells, {path.stat().st_size / 1e6:.1f} MB")
        for name, reader in chosen.items():
            seconds, count = best(reader, path, args.runs)
            print(f"{name:10s} {seconds:6.2f} s  ({count} rows)")
    import resource

    print(f"peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
