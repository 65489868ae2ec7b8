"""Two results side by side: a tandem (leader + coordinator of one municipality) or the same
person before and after a training. Pure: the command is commands/compare.py, the wording
views/compare_page.py. The noise rule and the tandem themes are documented in
docs/compare.md.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from netzkompetenz.core.answers import ScoredAnswers
from netzkompetenz.core.model import Profile
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
    if items <= 0:
        return math.inf
    return NOISE_Z * math.sqrt(2) * NOISE_SD * math.sqrt(1 - reliability(items))


# --- before/after --------------------------------------------------------------------------

@dataclass(frozen=True)
class DimensionChange:
    dimension: str
    before: DimensionScore
    after: DimensionScore
    change: float | None  # after - before in percentage points; None = not comparable
    threshold: float | None  # noise threshold for the fewer answered items of the two

    @property
    def within_noise(self) -> bool:
        return self.change is not None and abs(self.change) < self.threshold  # type: ignore


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


def _moment(s: ScoredAnswers):
    return s.answers.updated or s.answers.started


def _scored_items(result: Result) -> set[str]:
    return {item.item for d in result.dimensions for item in d.items}


def _recommended(result: Result) -> list[str]:
    return [r.module for r in result.recommendations]


def before_after(first: ScoredAnswers, second: ScoredAnswers) -> BeforeAfter:
    """The same person twice; the earlier answers are "before" (argument order if undated)."""
    before, after = first, second
    if _moment(first) and _moment(second) and _moment(second) < _moment(first):
        before, after = second, first
    changes = []
    after_dims = {d.dimension: d for d in after.result.dimensions}
    for b in before.result.dimensions:
        a = after_dims.get(b.dimension)
        if a is None:
            continue
        comparable = a.enough and b.enough
        changes.append(DimensionChange(
            b.dimension, b, a,
            a.percent - b.percent if comparable else None,  # type: ignore[operator]
            noise_threshold(min(a.answered, b.answered)) if comparable else None))
    was, now = _scored_items(before.result), _scored_items(after.result)
    old_fp, new_fp = before.answers.questionnaire.items, after.answers.questionnaire.items
    order = [i.id for i in after.questionnaire.items]  # both are scored on the current one
    rec_before, rec_after = _recommended(before.result), _recommended(after.result)
    return BeforeAfter(
        before, after, tuple(changes),
        tuple(i for i in order if i in was - now),
        tuple(i for i in order if i in now - was),
        tuple(i for i in order if i in old_fp and i in new_fp and old_fp[i] != new_fp[i]),
        tuple(m for m in rec_before if m not in rec_after),
        tuple(m for m in rec_after if m not in rec_before),
        tuple(m for m in rec_after if m in rec_before))


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


@dataclass(frozen=True)
class Tandem:
    leader: ScoredAnswers
    coordinator: ScoredAnswers
    tandem_id: str | None  # None: the pair was given explicitly, without a tandem id
    themes: tuple[Theme, ...]
    together: tuple[Together, ...]
    only_leader: tuple[str, ...]  # recommended to the leader only (modules of its profile)
    only_coordinator: tuple[str, ...]


def _theme_percent(result: Result, dimensions: list[str]) -> float | None:
    found = [d.percent for d in result.dimensions if d.dimension in dimensions and d.enough]
    return sum(found) / len(found) if found else None  # type: ignore[arg-type]


def tandem(leader: ScoredAnswers, coordinator: ScoredAnswers) -> Tandem:
    lp, cp = leader.profile, coordinator.profile
    rec_l, rec_c = _recommended(leader.result), _recommended(coordinator.result)
    shared = [m for m in lp.modules if m.id in {x.id for x in cp.modules}]
    themes = tuple(
        Theme(m.id, tuple(m.dimensions), tuple(cp.module(m.id).dimensions),
              _theme_percent(leader.result, m.dimensions),
              _theme_percent(coordinator.result, cp.module(m.id).dimensions),
              m.id in rec_l, m.id in rec_c)
        for m in shared)
    together: list[Together] = []
    for module, profile in [(m, lp) for m in lp.modules] + \
            [(m, cp) for m in cp.modules if m.id not in {x.id for x in lp.modules}]:
        in_l, in_c = module.id in rec_l, module.id in rec_c
        is_tandem = module.tandem or any(x.id == module.id and x.tandem
                                         for x in lp.modules + cp.modules)
        if (in_l and in_c) or (is_tandem and (in_l or in_c)):
            together.append(Together(module.id, profile, is_tandem, in_l, in_c))
    joint = {t.module for t in together}
    ids = {leader.answers.respondent.tandem, coordinator.answers.respondent.tandem}
    return Tandem(leader, coordinator,
                  leader.answers.respondent.tandem if len(ids) == 1 else None,
                  themes, tuple(together),
                  tuple(m for m in rec_l if m not in joint),
                  tuple(m for m in rec_c if m not in joint))


# --- which comparison --------------------------------------------------------------------

def _same_person(a: ScoredAnswers, b: ScoredAnswers) -> bool:
    return a.answers.respondent.name.strip().casefold() == \
        b.answers.respondent.name.strip().casefold()


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
