"""Two results side by side: a tandem (leader + coordinator of one municipality) or the same
person before and after a training. Pure: the command is commands/compare.py, the wording
views/compare_page.py. The noise rule and the tandem themes are documented in
docs/compare.md.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from netzkompetenz.core.answers import ScoredAnswers
from netzkompetenz.core.model import Profile, Questionnaire
from netzkompetenz.core.pairs import (
    PairedStatement,
    SharedCondition,
    like_with_like,
    paired_statements,
    shared_conditions,
)
from netzkompetenz.core.scoring import DimensionScore, Result
from netzkompetenz.errors import NetzkompetenzError

# --- the noise rule (Jacobson & Truax 1991, reliable change) -----------------------------
# One person's two scores carry measurement error; a change is "reliable" only when it is
# larger than 1.96 standard errors of a difference: 1.96 * sqrt(2) * SD * sqrt(1 - r).
# For one person neither SD nor reliability can be estimated, so they are assumed:
NOISE_SD = 15.0
"""Assumed spread (SD) of dimension scores between people, in percentage points."""
NOISE_RELIABILITY = 0.80
"""Assumed reliability (Cronbach's alpha) of a dimension with NOISE_REFERENCE_ITEMS items."""
NOISE_REFERENCE_ITEMS = 6
NOISE_Z = 1.96
VIEWS_DIFFER = 20.0
"""Tandem: percentage points between leader and coordinator on a theme that count as
different views (about one scale step on a 5-point scale is 25 points)."""


def reliability(items: int) -> float:
    """Spearman-Brown: the assumed reliability of a dimension scored from `items` items."""
    k = items / NOISE_REFERENCE_ITEMS
    return k * NOISE_RELIABILITY / (1 + (k - 1) * NOISE_RELIABILITY)


def noise_threshold(items: int) -> float:
    """Smallest change in percentage points that is more than measurement noise."""
    return noise_threshold_between(items, items)


def noise_threshold_between(items_a: int, items_b: int) -> float:
    """The same for two scores of unequal reliability (e.g. a dimension score and a single
    then-rating): the standard error of a difference is the root of the two squared
    standard errors of measurement; with equal ones this is Jacobson and Truax's formula."""
    if items_a <= 0 or items_b <= 0:
        return math.inf
    return NOISE_Z * NOISE_SD * math.sqrt((1 - reliability(items_a)) + (1 - reliability(items_b)))


# --- before/after --------------------------------------------------------------------------


@dataclass(frozen=True)
class DimensionChange:
    dimension: str
    before: DimensionScore
    after: DimensionScore
    change: float | None  # after - before in percentage points; None = not comparable
    threshold: float | None  # noise threshold for the fewer answered items of the two
    # The then-test (Howard et al. 1979): at the second check the person rates, once per
    # dimension, how they see their competence before the training, looking back.
    then: float | None = None  # that rating in percent; None = not given
    since_then: float | None = None  # after - then
    then_threshold: float | None = None  # noise of a dimension score against one rating

    @property
    def within_noise(self) -> bool:
        return (
            self.change is not None
            and self.threshold is not None
            and abs(self.change) < self.threshold
        )

    @property
    def since_then_within_noise(self) -> bool:
        return (
            self.since_then is not None
            and self.then_threshold is not None
            and abs(self.since_then) < self.then_threshold
        )

    @property
    def response_shift(self) -> float | None:
        """before - then: how much lower (or higher) the person now rates their earlier
        self than they did at the time; positive = the yardstick moved up."""
        if self.then is None or self.before.percent is None:
            return None
        return self.before.percent - self.then


@dataclass(frozen=True)
class BeforeAfter:
    before: ScoredAnswers
    after: ScoredAnswers
    changes: tuple[DimensionChange, ...]
    only_before: tuple[str, ...]  # items with a scale value before but not after
    only_after: tuple[str, ...]
    reworded: tuple[str, ...]  # items whose text/keying changed between the two versions
    modules_done: tuple[str, ...]  # recommended before, no longer after
    modules_new: tuple[str, ...]  # recommended after, not before
    modules_still: tuple[str, ...]

    @property
    def has_then(self) -> bool:
        return any(ch.then is not None for ch in self.changes)


def _moment(s: ScoredAnswers) -> datetime | None:
    return s.answers.updated or s.answers.started


def _scored_items(result: Result) -> set[str]:
    return {item.item for d in result.dimensions for item in d.items}


def _recommended(result: Result) -> list[str]:
    return [r.module for r in result.recommendations]


def _scale_percent(value: float, questionnaire: Questionnaire) -> float:
    """One answer on the 0-100 scale of the dimension scores (rules.percent_of_sums for a
    single answer of weight 1)."""
    low, high = questionnaire.scale.min, questionnaire.scale.max
    return (value - low) * 100 / (high - low)


def before_after(first: ScoredAnswers, second: ScoredAnswers) -> BeforeAfter:
    """The same person twice; the earlier answers are "before" (argument order if undated)."""
    before, after = first, second
    if (t1 := _moment(first)) and (t2 := _moment(second)) and t2 < t1:
        before, after = second, first
    changes = []
    after_dims = {d.dimension: d for d in after.result.dimensions}
    for b in before.result.dimensions:
        a = after_dims.get(b.dimension)
        if a is None:
            continue
        comparable = a.enough and b.enough
        then = after.answers.retro.get(b.dimension)
        then_percent = None if then is None else _scale_percent(then, after.questionnaire)
        changes.append(
            DimensionChange(
                b.dimension,
                b,
                a,
                a.percent - b.percent if a.percent is not None and b.percent is not None else None,
                noise_threshold(min(a.answered, b.answered)) if comparable else None,
                then_percent,
                a.percent - then_percent
                if a.percent is not None and then_percent is not None
                else None,
                noise_threshold_between(a.answered, 1) if then_percent is not None else None,
            )
        )
    was, now = _scored_items(before.result), _scored_items(after.result)
    old_fp, new_fp = before.answers.questionnaire.items, after.answers.questionnaire.items
    order = [i.id for i in after.questionnaire.items]  # both are scored on the current one
    rec_before, rec_after = _recommended(before.result), _recommended(after.result)
    return BeforeAfter(
        before,
        after,
        tuple(changes),
        tuple(i for i in order if i in was - now),
        tuple(i for i in order if i in now - was),
        tuple(i for i in order if i in old_fp and i in new_fp and old_fp[i] != new_fp[i]),
        tuple(m for m in rec_before if m not in rec_after),
        tuple(m for m in rec_after if m not in rec_before),
        tuple(m for m in rec_after if m in rec_before),
    )


# --- tandem --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Theme:
    """A module both profiles offer: it names the dimensions that are one topic for both."""

    module: str
    leader_dimensions: tuple[str, ...]
    coordinator_dimensions: tuple[str, ...]
    leader_percent: float | None  # mean percent over the module's dimensions with a score
    coordinator_percent: float | None
    leader_recommended: bool
    coordinator_recommended: bool

    @property
    def difference(self) -> float | None:
        if self.leader_percent is None or self.coordinator_percent is None:
            return None
        return self.coordinator_percent - self.leader_percent

    @property
    def views_differ(self) -> bool:
        return self.difference is not None and abs(self.difference) >= VIEWS_DIFFER

    @property
    def recommendation_differs(self) -> bool:
        return self.leader_recommended != self.coordinator_recommended


@dataclass(frozen=True)
class Together:
    module: str
    profile: Profile  # where the module's title and description come from
    tandem: bool  # a tandem module (meant for both)
    leader: bool  # recommended to the leader
    coordinator: bool
    pairs_differ: bool = False  # its trigger has pairs_differ and paired statements differ
    # its trigger has pairs_differ and these shared conditions are answered yes and no
    conditions: tuple[SharedCondition, ...] = ()


@dataclass(frozen=True)
class Tandem:
    leader: ScoredAnswers
    coordinator: ScoredAnswers
    tandem_id: str | None  # None: the pair was given explicitly, without a tandem id
    themes: tuple[Theme, ...]
    together: tuple[Together, ...]
    only_leader: tuple[str, ...]  # recommended to the leader only (modules of its profile)
    only_coordinator: tuple[str, ...]
    # The paired statements (core/pairs.py): the one place where the two views are compared
    # like with like; dimension scores of the two roles are different constructs.
    pairs: tuple[PairedStatement, ...] = ()
    # The shared conditions (core/pairs.py): facts of their shared setting, asked of both.
    conditions: tuple[SharedCondition, ...] = ()
    # False: the leader is not the one responsible for the coordinator's remit (pairs.
    # like_with_like), so the two answer about different people: shown side by side only.
    compared: bool = True


def _theme_percent(result: Result, dimensions: list[str]) -> float | None:
    found = [
        d.percent for d in result.dimensions if d.dimension in dimensions and d.percent is not None
    ]
    return sum(found) / len(found) if found else None


def tandem(leader: ScoredAnswers, coordinator: ScoredAnswers) -> Tandem:
    lp, cp = leader.profile, coordinator.profile
    rec_l, rec_c = _recommended(leader.result), _recommended(coordinator.result)
    shared = [m for m in lp.modules if m.id in {x.id for x in cp.modules}]
    themes = tuple(
        Theme(
            m.id,
            tuple(m.dimensions),
            tuple(cp.module(m.id).dimensions),
            _theme_percent(leader.result, m.dimensions),
            _theme_percent(coordinator.result, cp.module(m.id).dimensions),
            m.id in rec_l,
            m.id in rec_c,
        )
        for m in shared
    )
    pairs = paired_statements(leader, coordinator)
    conditions = shared_conditions(leader, coordinator)
    compared = like_with_like(leader, coordinator)
    pairs_apart = compared and any(p.differs for p in pairs)
    # one "yes" against one "no": they describe one setting differently. Both "no" is no
    # difference between them (an open point the guide lists), so it triggers nothing.
    described_apart = tuple(c for c in conditions if c.differs) if compared else ()
    together: list[Together] = []
    for module, profile in [(m, lp) for m in lp.modules] + [
        (m, cp) for m in cp.modules if m.id not in {x.id for x in lp.modules}
    ]:
        in_l, in_c = module.id in rec_l, module.id in rec_c
        is_tandem = module.tandem or any(
            x.id == module.id and x.tandem for x in lp.modules + cp.modules
        )
        # pairs_differ (format v2): the two see a paired statement differently, or describe
        # a shared condition differently, so the module is for both even when neither
        # profile recommends it on its own
        triggered = any(
            x.id == module.id and x.trigger.pairs_differ for x in lp.modules + cp.modules
        )
        by_pairs = pairs_apart and triggered
        by_conditions = described_apart if triggered else ()
        if (in_l and in_c) or (is_tandem and (in_l or in_c)) or by_pairs or by_conditions:
            by_trigger = by_pairs or bool(by_conditions)
            together.append(
                Together(
                    module.id,
                    profile,
                    is_tandem or by_trigger,
                    in_l,
                    in_c,
                    by_pairs,
                    by_conditions,
                )
            )
    joint = {t.module for t in together}
    ids = {leader.answers.respondent.tandem, coordinator.answers.respondent.tandem}
    return Tandem(
        leader,
        coordinator,
        leader.answers.respondent.tandem if len(ids) == 1 else None,
        themes,
        tuple(together),
        tuple(m for m in rec_l if m not in joint),
        tuple(m for m in rec_c if m not in joint),
        pairs,
        conditions,
        compared,
    )


# --- which comparison --------------------------------------------------------------------


def _same_person(a: ScoredAnswers, b: ScoredAnswers) -> bool:
    return (
        a.answers.respondent.name.strip().casefold() == b.answers.respondent.name.strip().casefold()
    )


class NotComparable(NetzkompetenzError):
    """The two results cannot be compared; `why` says which case (the command words it)."""

    def __init__(self, why: str, a: ScoredAnswers, b: ScoredAnswers) -> None:
        super().__init__(why)
        self.why, self.a, self.b = why, a, b


def compare(a: ScoredAnswers, b: ScoredAnswers) -> Tandem | BeforeAfter:
    """Same questionnaire and same person: before/after. A leader and a coordinator:
    tandem (their tandem ids must agree when both have one). Anything else is refused with
    NotComparable: "tandem_mismatch", "different_people" or "no_mode"."""
    if a.questionnaire.id == b.questionnaire.id and _same_person(a, b):
        return before_after(a, b)
    roles = {a.profile.role: a, b.profile.role: b}
    if set(roles) == {"leader", "coordinator"}:
        ta, tb = a.answers.respondent.tandem, b.answers.respondent.tandem
        if ta and tb and ta != tb:
            raise NotComparable("tandem_mismatch", a, b)
        return tandem(roles["leader"], roles["coordinator"])
    if a.questionnaire.id == b.questionnaire.id:
        raise NotComparable("different_people", a, b)
    raise NotComparable("no_mode", a, b)


# --- a cohort before and after -----------------------------------------------------------


@dataclass(frozen=True)
class Measured:
    """One person's dimension scores from a batch run (a line of its results.jsonl)."""

    name: str  # name or pseudonym (a pseudonymised run keeps the same one for a person)
    organisation: str
    questionnaire: str
    source: str  # file:line
    percent: dict[str, float | None]  # None = not enough answers
    answered: dict[str, int]

    @property
    def key(self) -> tuple[str, str]:
        return self.name.strip().casefold(), self.organisation.strip().casefold()


@dataclass(frozen=True)
class ScoreChange:
    dimension: str
    before: float | None
    after: float | None
    change: float | None  # None = not comparable
    threshold: float | None

    @property
    def improved(self) -> bool:
        return (
            self.change is not None and self.threshold is not None and self.change >= self.threshold
        )

    @property
    def declined(self) -> bool:
        return (
            self.change is not None
            and self.threshold is not None
            and -self.change >= self.threshold
        )

    @property
    def within_noise(self) -> bool:
        return self.change is not None and not (self.improved or self.declined)


@dataclass(frozen=True)
class PersonChange:
    before: Measured
    after: Measured
    changes: tuple[ScoreChange, ...]

    @property
    def improved(self) -> bool:
        """Reliably better on at least one dimension."""
        return any(c.improved for c in self.changes)


@dataclass(frozen=True)
class CohortChange:
    questionnaire: str
    dimensions: tuple[str, ...]
    people: tuple[PersonChange, ...]
    unmatched_before: tuple[Measured, ...]  # in the first run only
    unmatched_after: tuple[Measured, ...]

    def on(self, dimension: str) -> list[ScoreChange]:
        return [c for p in self.people for c in p.changes if c.dimension == dimension]

    def count(self, dimension: str, what: str) -> int:
        """How many people on a dimension: "improved", "declined", "within_noise" or
        "comparable"."""
        found = self.on(dimension)
        if what == "comparable":
            return sum(1 for c in found if c.change is not None)
        return sum(1 for c in found if getattr(c, what))

    def mean_change(self, dimension: str) -> float | None:
        found = [c.change for c in self.on(dimension) if c.change is not None]
        return sum(found) / len(found) if found else None

    @property
    def improved(self) -> int:
        return sum(1 for p in self.people if p.improved)

    @property
    def unmatched(self) -> int:
        return len(self.unmatched_before) + len(self.unmatched_after)


def cohort_change(first: list[Measured], second: list[Measured]) -> CohortChange:
    """The same people in two batch runs, matched by name (or pseudonym) and organisation;
    per person and dimension the change with the reliable-change rule used for one person.
    People in one run only are returned as unmatched (the command lists and skips them).
    A person given twice in one run counts once: the last (as in batch)."""
    questionnaires = {m.questionnaire for m in first + second}
    if len(questionnaires) > 1:
        raise CohortNotComparable(sorted(questionnaires))
    before = {m.key: m for m in first}
    after = {m.key: m for m in second}
    dims: list[str] = []
    for m in list(before.values()) + list(after.values()):
        dims += [d for d in m.percent if d not in dims]
    people = []
    for key, b in before.items():
        a = after.get(key)
        if a is None:
            continue
        changes = []
        for d in dims:
            pb, pa = b.percent.get(d), a.percent.get(d)
            comparable = pb is not None and pa is not None
            k = min(b.answered.get(d, 0), a.answered.get(d, 0))
            changes.append(
                ScoreChange(
                    d,
                    pb,
                    pa,
                    pa - pb if pa is not None and pb is not None else None,
                    noise_threshold(k) if comparable else None,
                )
            )
        people.append(PersonChange(b, a, tuple(changes)))
    return CohortChange(
        questionnaires.pop() if questionnaires else "",
        tuple(dims),
        tuple(people),
        tuple(m for k, m in before.items() if k not in after),
        tuple(m for k, m in after.items() if k not in before),
    )


class CohortNotComparable(NetzkompetenzError):
    """The two runs used different questionnaires."""

    def __init__(self, questionnaires: list[str]) -> None:
        super().__init__(", ".join(questionnaires))
        self.questionnaires = questionnaires
