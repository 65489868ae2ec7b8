"""A table of a survey export as every reader gives it (header, numbered rows, the problems
of cells a spreadsheet shows otherwise than it holds), and the cells that readers and writers
of tables share: numbers read, formulas neutralised, columns rendered."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

Rows = Iterator[tuple[int, list[str]]]
# A column of a chunk of rows to write: its values (a list, or a numpy array of numbers),
# and the format of its numbers ("%.4f") or None for text. nan (no value): an empty cell.
Column = tuple["Sequence[Any] | np.ndarray", str | None]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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


def cell_text(value: Any) -> str:
    """A cell read from XLSX or JSON as the text a CSV would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def rendered(
    columns: Sequence[Column],
    text: Callable[[str], str],
    number: Callable[[str], Callable[[Any], str]],
) -> Iterator[tuple[str, ...]]:
    """The cells of a chunk row by row: text with text(), numbers with number(fmt)."""
    return zip(
        *[render_column(values, text if fmt is None else number(fmt)) for values, fmt in columns],
        strict=True,
    )
