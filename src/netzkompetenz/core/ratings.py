"""Ratings by others (Fremdeinschätzung, issue 24): the rating format, the rater's view of a
questionnaire, and self beside others. No I/O (files: io/ratings_file.py).

A rating answers the rater versions of a questionnaire's items (`Item.rater`), so every
rating maps one-to-one to the self-assessment's items and dimensions. Others are compared
with the self on the same items only (like with like), and a difference counts only beyond
measurement noise (the rule of before/after, core/compare.py; one statement: core/guide.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt

from netzkompetenz.core import rules
from netzkompetenz.core.answers import QuestionnaireRef, Respondent, questionnaire_ref
from netzkompetenz.core.cohort import MIN_GROUP as COHORT_MIN
from netzkompetenz.core.compare import noise_threshold
from netzkompetenz.core.model import CANNOT_JUDGE, Item, LanguageCode, Loc, Questionnaire
from netzkompetenz.core.pairs import PAIR_DIFFERS
from netzkompetenz.errors import N_, Message, msg

FORMAT: Final = "netzkompetenz-rating/1"
Relation = Literal["leader", "colleague", "partner"]
RELATIONS: Final[tuple[Relation, ...]] = ("leader", "colleague", "partner")
MIN_GROUP: Final = 3
"""Colleagues and partners are shown only as a group of at least three ratings: the usual
minimum for anonymity in multi-rater feedback (docs/compare.md)."""


class Rater(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, description="Only for a leader or a colleague.")


class Rating(BaseModel):
    """One person's rating of another: who is rated, in which relation, on which
    questionnaire version. A partner's rating never holds the rater's name."""

    model_config = ConfigDict(extra="forbid")

    format: Literal["netzkompetenz-rating/1"] = FORMAT
    questionnaire: QuestionnaireRef
    rated: Respondent = Field(description="The person rated (name or pseudonym).")
    relation: Relation
    rater: Rater | None = Field(None, description="Never given for a network partner.")
    language: LanguageCode = "de"
    started: datetime | None = None
    updated: datetime | None = None
    status: Literal["partial", "complete"] = "partial"
    values: dict[str, StrictInt | Literal["cannot_judge"]] = Field(default_factory=dict)


INVITATION_FORMAT: Final = "netzkompetenz-invitation/1"


class Invitation(BaseModel):
    """The rated person's own choice of whom to ask (consent, docs/compare.md): who is
    rated, on which questionnaire version, in which relations. It names no rater: the
    person hands it, or a form made from it, to the people they chose."""

    model_config = ConfigDict(extra="forbid")

    format: Literal["netzkompetenz-invitation/1"] = INVITATION_FORMAT
    questionnaire: QuestionnaireRef
    rated: Respondent = Field(description="The person rated (name or pseudonym).")
    relations: list[Relation] = Field(min_length=1, description="The relations invited.")
    created: datetime | None = None


def invitation(
    questionnaire: Questionnaire, rated: Respondent, relations: Sequence[Relation], now: datetime
) -> Invitation:
    """An invitation made at `now` (io.ratings_file.new_invitation gives the time), each
    relation once, in the order of RELATIONS."""
    return Invitation(
        questionnaire=questionnaire_ref(questionnaire),
        rated=rated,
        relations=[r for r in RELATIONS if r in relations],
        created=now,
    )


def rated_items(questionnaire: Questionnaire, relation: str) -> list[Item]:
    """The items this rater is asked: those with a rater version; a partner only the
    outwardly visible ones."""
    return [
        item
        for item in questionnaire.items
        if item.rater is not None and (relation != "partner" or item.rater.partner)
    ]


def rater_questionnaire(questionnaire: Questionnaire, relation: str) -> Questionnaire:
    """The questionnaire as a rater sees it: the rater items with their third-person text,
    the rater labels, no context, reflections, framework or "does not apply". The check's
    walk (core/checkflow.py) runs on it unchanged."""
    labels = questionnaire.rater
    if labels is None:
        raise ValueError(f"questionnaire {questionnaire.id} has no rater version")
    scale = questionnaire.scale.model_copy(
        update={
            "points": [
                p.model_copy(update={"label": label})
                for p, label in zip(questionnaire.scale.points, labels.points, strict=True)
            ],
            "cannot_judge": labels.cannot_judge,
            "not_applicable": None,
        }
    )
    # a rater is asked every rater item: the context a condition names is the person's,
    # not the rater's (an item condition has no rater version: the model checks it)
    items = [
        i.model_copy(update={"text": i.rater.text, "condition": None})
        for i in rated_items(questionnaire, relation)
        if i.rater is not None
    ]
    shown = {i.dimension for i in items}
    return questionnaire.model_copy(
        update={
            "scale": scale,
            "description": labels.introduction,
            "context": [],
            "framework": [],
            "items": items,
            "dimensions": [
                d.model_copy(update={"reflection": None})
                for d in questionnaire.dimensions
                if d.id in shown
            ],
        }
    )


def rating_begun(
    questionnaire: Questionnaire,
    rated: Respondent,
    relation: Relation,
    rater_name: str | None,
    language: str,
    now: datetime,
) -> Rating:
    """A new, empty rating begun at `now` (io.ratings_file.new_rating gives the time)."""
    return Rating(
        questionnaire=questionnaire_ref(questionnaire),
        rated=rated,
        relation=relation,
        rater=Rater(name=rater_name) if rater_name and relation != "partner" else None,
        language=language,
        started=now,
        updated=now,
    )


def rating_problems(rating: Rating, questionnaire: Questionnaire) -> list[tuple[Loc, Message]]:
    """What a rating file may not hold: a partner's name, answers to items this relation
    is not asked, values off the scale."""
    out: list[tuple[Loc, Message]] = []
    if rating.relation == "partner" and rating.rater is not None:
        out.append((("rater",), msg(N_("a network partner's rating does not name the rater"))))
    asked = {i.id for i in rated_items(questionnaire, rating.relation)}
    values = {p.value for p in questionnaire.scale.points}
    for item_id, value in rating.values.items():
        if item_id not in asked:
            out.append(
                (
                    ("values", item_id),
                    msg(
                        N_("item '{item}' is not asked of a rater in the relation '{relation}'"),
                        item=item_id,
                        relation=rating.relation,
                    ),
                )
            )
        elif value != CANNOT_JUDGE and value not in values:
            out.append(
                (
                    ("values", item_id),
                    msg(
                        N_("item '{item}': {value} is not on the scale"), item=item_id, value=value
                    ),
                )
            )
    return out


# --- self beside others -----------------------------------------------------------------------

Group = Literal["leader", "colleague", "partner", "other"]


@dataclass(frozen=True)
class GroupView:
    """One group of raters as the report shows it: its size and per item the mean rating
    (None: nobody in the group could judge it)."""

    group: Group
    raters: int
    items: dict[str, float | None]


@dataclass(frozen=True)
class Left:
    """A group too small to be shown on its own (its ratings merged or left out)."""

    relation: Relation
    raters: int
    merged: bool


@dataclass(frozen=True)
class Comparison:
    """Self beside one group on one dimension or one statement."""

    self_value: float | None
    others: float | None
    items: int  # statements both sides answered (the noise threshold's k)

    @property
    def difference(self) -> float | None:
        if self.self_value is None or self.others is None:
            return None
        return self.self_value - self.others


def groups(ratings: Sequence[Rating]) -> tuple[list[tuple[Group, list[Rating]]], list[Left]]:
    """The groups shown: the leader's rating(s) as they are; colleagues and partners only
    from MIN_GROUP ratings on. Smaller ones are merged into "other" when together they reach
    MIN_GROUP, else left out; both are returned so that the report can say why."""
    by: dict[str, list[Rating]] = {r: [] for r in RELATIONS}
    for rating in ratings:
        by[rating.relation].append(rating)
    shown: list[tuple[Group, list[Rating]]] = []
    if by["leader"]:
        shown.append(("leader", by["leader"]))
    grouped: tuple[Literal["colleague", "partner"], ...] = ("colleague", "partner")
    small = [r for r in grouped if 0 < len(by[r]) < MIN_GROUP]
    shown += [(r, by[r]) for r in grouped if len(by[r]) >= MIN_GROUP]
    merged = [x for r in small for x in by[r]]
    together = len(small) == 2 and len(merged) >= MIN_GROUP
    if together:
        shown.append(("other", merged))
    return shown, [Left(r, len(by[r]), together) for r in small]


def scored_value(questionnaire: Questionnaire, item: Item, value: object) -> float | None:
    """An answer as it scores, reverse keyed; None for a no-score answer and for a `premise`
    reversal answered at the scale's bottom, which is not scored (docs/scoring.md §1), by
    the person and by raters alike."""
    if not isinstance(value, int) or isinstance(value, bool):
        return None
    if rules.premise_rejected(value, item.premise, questionnaire.scale.min):
        return None
    # reverse keyed: higher is always more competence
    return questionnaire.scale.reversed(value) if item.reverse else value


def item_means(
    questionnaire: Questionnaire, ratings: Sequence[Rating], at_least: int = 1
) -> dict[str, float | None]:
    """Per rater item the group's mean (reverse keyed); None when fewer than `at_least`
    of them could judge it: a group's mean of one or two answers would show one person's
    rating (a statement asked of colleagues only, in "other"; "cannot judge" from most)."""
    out: dict[str, float | None] = {}
    for item in questionnaire.items:
        if item.rater is None:
            continue
        given = [
            v
            for r in ratings
            if (v := scored_value(questionnaire, item, r.values.get(item.id))) is not None
        ]
        out[item.id] = sum(given) / len(given) if given and len(given) >= at_least else None
    return out


def percent(questionnaire: Questionnaire, value: float) -> float:
    scale = questionnaire.scale
    return (value - scale.min) / (scale.max - scale.min) * 100


def dimension_comparison(
    questionnaire: Questionnaire,
    dimension: str,
    self_values: Mapping[str, int | str],
    others: Mapping[str, float | None],
) -> Comparison:
    """Self and a group on the statements of one dimension that both answered, in percent
    of the scale: the same items on both sides, never the self's full dimension score."""
    own_of = {
        item.id: v
        for item in questionnaire.items_of(dimension)
        if item.rater is not None
        and (v := scored_value(questionnaire, item, self_values.get(item.id))) is not None
        and others.get(item.id) is not None
    }
    if not own_of:
        return Comparison(None, None, 0)
    own = list(own_of.values())
    theirs = [others[i] for i in own_of]
    return Comparison(
        percent(questionnaire, sum(own) / len(own)),
        percent(questionnaire, sum(t for t in theirs if t is not None) / len(theirs)),
        len(own_of),
    )


Reading = Literal["blind_spot", "hidden_strength", "within_noise", "not_comparable"]


def dimension_reading(comparison: Comparison) -> Reading:
    """Blind spot: the self clearly above the others; hidden strength: clearly below;
    "clearly" = beyond the before/after noise threshold for this many statements."""
    difference = comparison.difference
    if difference is None:
        return "not_comparable"
    if abs(difference) <= noise_threshold(comparison.items):
        return "within_noise"
    return "blind_spot" if difference > 0 else "hidden_strength"


def statement_reading(self_value: float | None, others: float | None) -> Reading:
    """One statement: apart by PAIR_DIFFERS scale points or more (core/guide.py)."""
    if self_value is None or others is None:
        return "not_comparable"
    difference = self_value - others
    if abs(difference) < PAIR_DIFFERS:
        return "within_noise"
    return "blind_spot" if difference > 0 else "hidden_strength"


@dataclass(frozen=True)
class DimensionRow:
    dimension: str
    self_value: float | None  # the self on this dimension's rater items, in percent
    by_group: dict[str, tuple[Comparison, Reading]]


@dataclass(frozen=True)
class StatementRow:
    item: Item
    self_value: float | None  # reverse keyed; None: not scored (scored_value) or no answer
    by_group: dict[str, tuple[float | None, Reading]]


@dataclass(frozen=True)
class SelfOther:
    """Self beside others for one person: the groups shown, the groups too small to show,
    and per dimension and statement the comparison with each group."""

    questionnaire: Questionnaire
    shown: list[GroupView]
    left: list[Left]
    dimensions: list[DimensionRow]
    statements: list[StatementRow]


def self_other(
    questionnaire: Questionnaire, self_values: Mapping[str, int | str], ratings: Sequence[Rating]
) -> SelfOther:
    shown_groups, left = groups(ratings)
    views = [
        # the leader is known to the person anyway; every other group only from MIN_GROUP
        GroupView(
            g, len(members), item_means(questionnaire, members, 1 if g == "leader" else MIN_GROUP)
        )
        for g, members in shown_groups
    ]
    rater_items = [i for i in questionnaire.items if i.rater is not None]
    dimensions = []
    for dim in questionnaire.dimensions:
        own = [
            v
            for i in rater_items
            if i.dimension == dim.id
            and (v := scored_value(questionnaire, i, self_values.get(i.id))) is not None
        ]
        if not any(i.dimension == dim.id for i in rater_items):
            continue
        by_group: dict[str, tuple[Comparison, Reading]] = {}
        for view in views:
            c = dimension_comparison(questionnaire, dim.id, self_values, view.items)
            by_group[view.group] = (c, dimension_reading(c))
        dimensions.append(
            DimensionRow(
                dim.id,
                percent(questionnaire, sum(own) / len(own)) if own else None,
                by_group,
            )
        )
    statements = []
    for item in rater_items:
        own_value = scored_value(questionnaire, item, self_values.get(item.id))
        statements.append(
            StatementRow(
                item,
                own_value,
                {
                    v.group: (v.items[item.id], statement_reading(own_value, v.items[item.id]))
                    for v in views
                },
            )
        )
    return SelfOther(questionnaire, views, left, dimensions, statements)


# --- a cohort: group-level only ----------------------------------------------------------------


@dataclass(frozen=True)
class CohortGap:
    """Self minus one group of raters on one dimension, over the people of a cohort: never
    a person's own numbers, and nothing at all (None) for fewer people than the cohort
    report shows (core/cohort.MIN_GROUP)."""

    dimension: str
    group: Group
    people: int  # people with a comparison of this dimension with this group
    mean_difference: float | None  # in percentage points; None: suppressed or none
    blind_spots: int | None  # people with a blind spot here (None: suppressed)
    hidden_strengths: int | None


@dataclass(frozen=True)
class CohortSelfOther:
    people: int  # people with ratings
    gaps: list[CohortGap]
    left: dict[Relation, int]  # relation -> people whose ratings by it were too few to show
    merged: dict[Relation, int]  # relation -> people whose ratings by it went into "other"


GROUPS: Final[tuple[Group, ...]] = ("leader", "colleague", "partner", "other")


def cohort_self_other(questionnaire: Questionnaire, found: Sequence[SelfOther]) -> CohortSelfOther:
    """Per dimension and group: how many people were compared, their mean difference and
    how many of them have a blind spot or a hidden strength there, each only from the
    cohort report's privacy minimum of people on (within a person, MIN_GROUP raters made a
    group already); and how many people's small groups were merged or left out."""
    gaps = []
    for dim in questionnaire.dimensions:
        for group in GROUPS:
            pairs = [
                row.by_group[group]
                for person in found
                for row in person.dimensions
                if row.dimension == dim.id and group in row.by_group
            ]
            compared = [(c, r) for c, r in pairs if c.difference is not None]
            if not compared:
                continue
            shown = len(compared) >= COHORT_MIN
            differences = [c.difference for c, _r in compared if c.difference is not None]
            gaps.append(
                CohortGap(
                    dim.id,
                    group,
                    len(compared),
                    sum(differences) / len(differences) if shown else None,
                    sum(r == "blind_spot" for _c, r in compared) if shown else None,
                    sum(r == "hidden_strength" for _c, r in compared) if shown else None,
                )
            )
    left: dict[Relation, int] = {}
    merged: dict[Relation, int] = {}
    for person in found:
        for x in person.left:
            into = merged if x.merged else left
            into[x.relation] = into.get(x.relation, 0) + 1
    return CohortSelfOther(len(found), gaps, left, merged)


@dataclass(frozen=True)
class TalkingPoint:
    """A dimension where the self and a group of raters differ beyond measurement noise:
    a question for the conversation guide and `agree`, never a finding."""

    dimension: str
    group: Group
    raters: int
    reading: Reading  # blind_spot or hidden_strength
    comparison: Comparison


def talking_points(found: SelfOther) -> list[TalkingPoint]:
    return [
        TalkingPoint(row.dimension, view.group, view.raters, reading, comparison)
        for row in found.dimensions
        for view in found.shown
        for comparison, reading in [row.by_group[view.group]]
        if reading in ("blind_spot", "hidden_strength")
    ]
