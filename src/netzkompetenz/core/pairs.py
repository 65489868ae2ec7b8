"""Paired statements: the items with the same `pair:` id in the leader's and the
coordinator's questionnaire, the one place where the two views are compared like with like,
and when two answers to one differ. Used by the tandem comparison (core/compare.py,
pairs_differ triggers) and the conversation guide (core/guide.py)."""

from __future__ import annotations

from dataclasses import dataclass

from netzkompetenz.core.answers import ScoredAnswers
from netzkompetenz.core.model import Item

PAIR_DIFFERS = 2
"""Two answers to a paired statement "differ" when they are 2 or more scale points apart.
One item is far less reliable than a dimension score: with an item's spread of about one
scale point and a retest reliability of about .6, the reliable-change threshold is
1.96 x sqrt(2) x 1 x sqrt(.4) = 1.75 points, so one step apart is noise and two are not."""


@dataclass(frozen=True)
class PairedStatement:
    """The same matter, each side in its own role: the leader's item and the coordinator's
    item that carry the same `pair:` id."""

    pair: str
    leader_item: Item
    coordinator_item: Item
    leader: float | None  # the answer after reverse keying; None = no scale answer
    coordinator: float | None

    @property
    def difference(self) -> float | None:
        if self.leader is None or self.coordinator is None:
            return None
        return self.coordinator - self.leader

    @property
    def differs(self) -> bool:
        return self.difference is not None and abs(self.difference) >= PAIR_DIFFERS

    @property
    def situation(self) -> str:
        """Which questions fit: "leader_higher", "coordinator_higher", "agree" or "open"
        (one of them gave no answer on the scale)."""
        if self.difference is None:
            return "open"
        if not self.differs:
            return "agree"
        return "coordinator_higher" if self.difference > 0 else "leader_higher"


def _scored(s: ScoredAnswers, item: Item) -> float | None:
    value = s.answers.values.get(item.id)
    if not isinstance(value, int) or isinstance(value, bool):
        return None
    return s.questionnaire.scale.reversed(value) if item.reverse else float(value)


def paired_statements(
    leader: ScoredAnswers, coordinator: ScoredAnswers
) -> tuple[PairedStatement, ...]:
    """Every pair id that is on an item in both questionnaires, in the leader's order."""
    theirs = {i.pair: i for i in coordinator.questionnaire.items if i.pair}
    return tuple(
        PairedStatement(
            i.pair, i, theirs[i.pair], _scored(leader, i), _scored(coordinator, theirs[i.pair])
        )
        for i in leader.questionnaire.items
        if i.pair in theirs
    )
