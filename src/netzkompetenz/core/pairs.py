"""What the tandem compares: the paired statements (items with the same `pair:` id in the
leader's and the coordinator's questionnaire) and when two answers to one differ, and the
shared conditions (framework conditions marked `tandem: true` in both), facts of the
setting the two share. Used by the tandem comparison (core/compare.py, pairs_differ
triggers), the conversation guide and `agree` (core/guide.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from netzkompetenz.core.answers import ScoredAnswers
from netzkompetenz.core.model import FrameworkItem, Item, Questionnaire

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


def _with_the_remit(s: ScoredAnswers) -> bool:
    """Does this side say the leader in the tandem is the one responsible for the
    coordinator's remit (the questionnaire's `tandem_when`)? Without the field, or with the
    context question unanswered (files from before it was asked), it counts as so."""
    when = s.questionnaire.tandem_when
    if when is None or when.context is None:
        return True
    given = s.answers.context.get(when.context)
    return given is None or given in (when.in_ or ())


def like_with_like(leader: ScoredAnswers, coordinator: ScoredAnswers) -> bool:
    """Are the paired statements and shared conditions compared? Only when "the leader"
    means the same person on both sides: the one responsible for the coordinator's remit.
    A line manager at the provider answers about himself while her statements mean the
    commissioning office, so two true answers would read as a difference."""
    return _with_the_remit(leader) and _with_the_remit(coordinator)


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


# --- shared conditions ------------------------------------------------------------------------
# Most pairs set two different acts side by side (she proposes the remit, he states it), so
# both answers can be true at once. Whether something is settled between the two is a fact
# of their shared setting, asked of both in the same words: there equal answers mean the
# same, and a "yes" against a "no" means they describe one setting differently.

ConditionSituation = Literal["differ", "both_no", "both_yes", "open"]


@dataclass(frozen=True)
class SharedCondition:
    """A framework condition marked `tandem: true` in both questionnaires, with each one's
    answer ("yes", "no", "unknown"; None = not answered) and, for `agree`, the dimension of
    the first item in each one's questionnaire whose `framework:` list names it."""

    id: str
    leader_condition: FrameworkItem
    coordinator_condition: FrameworkItem
    leader: str | None
    coordinator: str | None
    leader_dimension: str | None
    coordinator_dimension: str | None

    @property
    def situation(self) -> ConditionSituation:
        """ "differ": one yes, one no; "both_no": nothing settled yet, a point to settle;
        "both_yes": they agree; "open": one of them does not know or did not answer."""
        answers = {self.leader, self.coordinator}
        if not answers <= {"yes", "no"}:
            return "open"
        if len(answers) == 2:
            return "differ"
        return "both_yes" if answers == {"yes"} else "both_no"

    @property
    def differs(self) -> bool:
        return self.situation == "differ"


def _dimension_naming(questionnaire: Questionnaire, condition: str) -> str | None:
    return next((i.dimension for i in questionnaire.items if condition in i.framework), None)


def shared_conditions(
    leader: ScoredAnswers, coordinator: ScoredAnswers
) -> tuple[SharedCondition, ...]:
    """Every condition id marked `tandem: true` in both questionnaires, in the leader's
    order (one marked on one side only is not compared: it is not a matter of both)."""
    theirs = {f.id: f for f in coordinator.questionnaire.framework if f.tandem}
    return tuple(
        SharedCondition(
            f.id,
            f,
            theirs[f.id],
            leader.answers.framework.get(f.id),
            coordinator.answers.framework.get(f.id),
            _dimension_naming(leader.questionnaire, f.id),
            _dimension_naming(coordinator.questionnaire, f.id),
        )
        for f in leader.questionnaire.framework
        if f.tandem and f.id in theirs
    )
