"""Where a respondent is in the self-check: the next item, going back, resuming. No I/O.

The walk goes through the items that are asked (`scoring.applicable_items`: an item with a
condition is asked only when the earlier answer it depends on makes it hold). Forward from an
item it goes to the next asked item that is unanswered or was already shown in this session,
so that "back, back, forward, forward" steps through the same items again, while a resumed
or updated answers file goes straight to what is still open.
"""

from __future__ import annotations

from dataclasses import dataclass

from netzkompetenz.core.model import Item, Questionnaire
from netzkompetenz.core.scoring import AnswerValue, applicable_items


@dataclass(frozen=True)
class Position:
    """What the respondent sees as "Dimension k/n · Frage i/N" (all 1-based). With
    conditional items the total is fixed up front at every item that may be asked and
    `about` is True ("Frage 33 von etwa 42"): a total that jumps mid-run misleads more."""

    dimension: int
    dimensions: int
    index: int
    total: int
    about: bool = False


class Walk:
    def __init__(self, questionnaire: Questionnaire, values: dict[str, AnswerValue]):
        self.questionnaire = questionnaire
        self.values = dict(values)
        self.current: Item | None = None
        self.visited: set[str] = set()
        self._came_from: Item | None = None

    def asked(self) -> list[Item]:
        return applicable_items(self.questionnaire, self.values)

    def open_items(self) -> list[Item]:
        return [item for item in self.asked() if item.id not in self.values]

    @property
    def complete(self) -> bool:
        return not self.open_items()

    def start(self) -> Item | None:
        """Resume at the first asked item without an answer (None: everything answered)."""
        self._came_from = None
        self.current = next(iter(self.open_items()), None)
        return self.current

    def review(self) -> Item | None:
        """Go through every asked item again from the first, answers pre-selected."""
        asked = self.asked()
        self.visited = {item.id for item in asked}
        self._came_from = None
        self.current = asked[0] if asked else None
        return self.current

    def answer(self, value: AnswerValue) -> Item | None:
        """Record the current item's answer and move on; None when nothing is left."""
        if self.current is None:
            raise ValueError("no current item to answer")
        item = self.current
        self.values[item.id] = value
        self.visited.add(item.id)
        asked = self.asked()
        later = asked[self._index(asked, item) + 1:]
        nxt = next((i for i in later if i.id not in self.values or i.id in self.visited), None)
        # An answer changed on the way back can open an item before this one only in theory
        # (conditions point backwards); looking for any open item keeps the walk honest.
        self._move(item, nxt or next(iter(self.open_items()), None))
        return self.current

    def can_go_back(self) -> bool:
        asked = self.asked()
        return bool(asked) and (self.current is None or self._index(asked, self.current) > 0)

    def back(self) -> Item | None:
        """To the previous asked item (from the end: to the last one); stays at the first."""
        asked = self.asked()
        if not asked:
            return self.current
        if self.current is None:
            self._move(None, asked[-1])
        else:
            index = self._index(asked, self.current)
            if index > 0:
                self._move(self.current, asked[index - 1])
        if self.current is not None:
            self.visited.add(self.current.id)
        return self.current

    def value(self) -> AnswerValue | None:
        """The current item's earlier answer, to pre-select it."""
        return None if self.current is None else self.values.get(self.current.id)

    def enters_dimension(self) -> bool:
        """True when the current item is the first shown of its dimension: time to show the
        dimension's title and description."""
        return self.current is not None and (
            self._came_from is None or self._came_from.dimension != self.current.dimension)

    def position(self) -> Position:
        if self.current is None:
            raise ValueError("no current item")
        dims = [d.id for d in self.questionnaire.dimensions]
        asked = self.asked()
        total, about = self.total()
        return Position(dims.index(self.current.dimension) + 1, len(dims),
                        self._index(asked, self.current) + 1, total, about)

    def total(self) -> tuple[int, bool]:
        """How many questions the run has: exact without conditional items, else every
        item that may be asked (and True: an estimate)."""
        items = self.questionnaire.items
        if any(item.condition is not None for item in items):
            return len(items), True
        return len(items), False

    def answered(self) -> int:
        """Answers given to the items that are asked (for "15 von 42 Fragen")."""
        return sum(1 for item in self.asked() if item.id in self.values)

    def _move(self, came_from: Item | None, to: Item | None) -> None:
        self._came_from = came_from
        self.current = to

    @staticmethod
    def _index(asked: list[Item], item: Item) -> int:
        return [i.id for i in asked].index(item.id)
