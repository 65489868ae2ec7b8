"""A document read with positions: its data, and the line and column of each node, to say
where a problem is. Kept apart from the YAML reader (io/yamlsource.py) so that content kept
read (io/content_cache.py) comes back without importing a YAML parser."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from netzkompetenz.errors import Message, Problem

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class YamlDocument:
    source: str
    data: Any
    positions: dict[Path_, Position]
    key_positions: dict[Path_, Position]

    def position(self, loc: Path_, *, key: bool = False) -> Position | None:
        """Position of the deepest node on `loc` that the document has."""
        loc = tuple(loc)
        if key and loc in self.key_positions:
            return self.key_positions[loc]
        while loc:
            if loc in self.positions:
                return self.positions[loc]
            loc = loc[:-1]
        return self.positions.get(())

    def problem(self, loc: Path_, message: str | Message, *, key: bool = False) -> Problem:
        pos = self.position(loc, key=key)
        if pos is None:
            return Problem(self.source, message)
        return Problem(self.source, message, pos.line, pos.column)
