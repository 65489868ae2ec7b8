"""The tandem's conversation guide: the paired statements (items with the same `pair:` id
in the leader's and the coordinator's questionnaire) where the two see it differently beyond
measurement noise, and where they agree; the shared conditions (core/pairs.py) they describe
differently, that neither has settled, that both confirm or one cannot say. Pure; the page
is views/guide_page.py, the rule is described in docs/compare.md ("The conversation guide").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from netzkompetenz.core.answers import ScoredAnswers
from netzkompetenz.core.compare import Tandem, Theme
from netzkompetenz.core.dialogue import MAX_PRIORITIES, Priority
from netzkompetenz.core.pairs import (
    ConditionSituation,
    PairedStatement,
    SharedCondition,
    paired_statements,
)


@dataclass(frozen=True)
class Guide:
    """What the tandem talks about: where they see it differently, where they agree, and
    (on the page) each one's own priorities."""

    tandem: Tandem
    pairs: tuple[PairedStatement, ...]

    @property
    def differ(self) -> list[PairedStatement]:
        return [p for p in self.compared_pairs if p.differs]

    @property
    def agree(self) -> list[PairedStatement]:
        return [p for p in self.compared_pairs if p.situation == "agree"]

    @property
    def open(self) -> list[PairedStatement]:
        return [p for p in self.compared_pairs if p.situation == "open"]

    @property
    def compared_pairs(self) -> tuple[PairedStatement, ...]:
        """The pairs set against each other: none when the two do not mean the same leader
        (Tandem.compared); then they stand side by side only (`pairs`)."""
        return self.pairs if self.tandem.compared else ()

    def conditions(self, situation: ConditionSituation) -> list[SharedCondition]:
        """The shared conditions in one situation ("differ", "both_no", "both_yes", "open");
        none when the two are not compared."""
        if not self.tandem.compared:
            return []
        return [c for c in self.tandem.conditions if c.situation == situation]

    @property
    def themes_differ(self) -> list[Theme]:
        """Without paired statements (content before 2.0) the shared modules whose views
        differ are the topics to talk about."""
        return [t for t in self.tandem.themes if t.views_differ]


def guide(found: Tandem) -> Guide:
    return Guide(found, paired_statements(found.leader, found.coordinator))


# --- the tandem's choice of agreed priorities (`agree`) --------------------------------------


MODULES_OFFERED = 3
"""Each one's first three recommended modules are offered, as the check's summary shows
them: the list stays short enough to read together (the others are in the reports)."""


@dataclass(frozen=True)
class AgreedOption:
    """One thing the tandem can agree on, as the priority it becomes for each of them (None:
    not theirs). `source`: "leader" or "coordinator" (that person's own priority), "differs"
    (a paired statement they see differently: the dimension of each one's item), "condition"
    (a shared condition answered yes and no, or no by both: the dimension of the first item
    in each one's questionnaire that names it),
    "recommended" (a recommended module, for each whose profile has it), or "file" (found in
    the agreed-priorities file only: kept on offer, so that nothing written by hand is lost).
    """

    source: Literal["leader", "coordinator", "differs", "condition", "recommended", "file"]
    # "leader"/"coordinator": whose own priority it was (a module then also for the other,
    # when their profile has it)
    leader: Priority | None
    coordinator: Priority | None
    pair: PairedStatement | None = None
    condition: SharedCondition | None = None

    @property
    def targets(self) -> tuple[str, str]:
        return (
            self.leader.target if self.leader else "",
            self.coordinator.target if self.coordinator else "",
        )


def _bare(p: Priority) -> Priority:
    return Priority(dimension=p.dimension, module=p.module)


def _module_for(s: ScoredAnswers, module: str) -> Priority | None:
    return Priority(module=module) if any(m.id == module for m in s.profile.modules) else None


def agreed_options(
    found: Guide, earlier: tuple[Sequence[Priority], Sequence[Priority]] = ((), ())
) -> list[AgreedOption]:
    """What the tandem chooses from: each one's own priorities, the paired statements they
    see differently, the shared conditions they describe differently or neither has settled,
    each one's first recommended modules (in that order, each once), then
    whatever an earlier agreed file names that is none of these."""
    leader, coordinator = found.tandem.leader, found.tandem.coordinator

    def own(side: Literal["leader", "coordinator"], p: Priority) -> AgreedOption:
        # a module both profiles have is for both (a dimension is the person's own)
        if p.module is not None:
            return AgreedOption(
                side, _module_for(leader, p.module), _module_for(coordinator, p.module)
            )
        return AgreedOption(side, *((_bare(p), None) if side == "leader" else (None, _bare(p))))

    options = [own("leader", p) for p in leader.answers.priorities]
    options += [own("coordinator", p) for p in coordinator.answers.priorities]
    options += [
        AgreedOption(
            "differs",
            Priority(dimension=p.leader_item.dimension),
            Priority(dimension=p.coordinator_item.dimension),
            p,
        )
        for p in found.differ
    ]
    options += [
        AgreedOption(
            "condition",
            Priority(dimension=c.leader_dimension) if c.leader_dimension else None,
            Priority(dimension=c.coordinator_dimension) if c.coordinator_dimension else None,
            condition=c,
        )
        for c in found.conditions("differ") + found.conditions("both_no")
        # a condition no item of either questionnaire names has no priority to offer
        if c.leader_dimension or c.coordinator_dimension
    ]
    recommended = [
        r.module for s in (leader, coordinator) for r in s.result.recommendations[:MODULES_OFFERED]
    ]
    options += [
        AgreedOption("recommended", _module_for(leader, m), _module_for(coordinator, m))
        for m in dict.fromkeys(recommended)
    ]
    for n, ours in enumerate(earlier):
        offered = {o.targets[n] for o in options}
        options += [
            AgreedOption("file", *((_bare(p), None) if n == 0 else (None, _bare(p))))
            for p in ours
            if p.target not in offered
        ]
    seen: set[tuple[str, str]] = set()
    unique = []
    for o in options:
        if o.targets not in seen:
            seen.add(o.targets)
            unique.append(o)
    return unique


def earlier_choices(
    options: Sequence[AgreedOption], earlier: tuple[Sequence[Priority], Sequence[Priority]]
) -> list[tuple[AgreedOption, str]]:
    """The options an agreed file already holds, in its order, with their sentence why: an
    option whose priorities are all in the file (the first option that fits each entry)."""
    chosen: dict[int, tuple[int, str]] = {}  # option index -> (position in the file, why)
    for side, ours in enumerate(earlier):
        for position, p in enumerate(ours):
            for n, o in enumerate(options):
                mine = (o.leader, o.coordinator)[side]
                others = (o.coordinator, o.leader)[side]
                other_list = earlier[1 - side]
                if mine is None or mine.target != p.target:
                    continue
                if others is not None and others.target not in {e.target for e in other_list}:
                    continue
                first, why = chosen.get(n, (position, p.why))
                chosen[n] = (min(first, position), why or p.why)
                break
    order = sorted(chosen, key=lambda n: chosen[n][0])
    return [(options[n], chosen[n][1]) for n in order][:MAX_PRIORITIES]


def agreed_priorities(
    chosen: Sequence[tuple[AgreedOption, str]],
) -> tuple[list[Priority], list[Priority]]:
    """The leader's and the coordinator's agreed priorities from the tandem's choices (each
    with its sentence why), each target once per person."""
    out: tuple[list[Priority], list[Priority]] = ([], [])
    for option, why in chosen:
        for side, p in enumerate((option.leader, option.coordinator)):
            if p is not None and p.target not in {q.target for q in out[side]}:
                out[side].append(p.model_copy(update={"why": why}))
    return out
