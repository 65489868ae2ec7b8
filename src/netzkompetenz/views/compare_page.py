"""The tandem and before/after page: the view-model and its rendering. The decisions are made
in core/compare.py; every wording and number format is chosen here, so that the templates
(compare.html, compare.md) only lay out plain data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from netzkompetenz.core.answers import ScoredAnswers
from netzkompetenz.core.compare import (
    BeforeAfter,
    DimensionChange,
    Tandem,
    Theme,
    Together,
    _moment,
)
from netzkompetenz.core.model import CANNOT_JUDGE, NOT_APPLICABLE, Item, Profile
from netzkompetenz.core.pairs import PAIR_DIFFERS, PairedStatement, SharedCondition
from netzkompetenz.i18n import _, format_date, format_number, pick
from netzkompetenz.views.person_report import framework_answer
from netzkompetenz.views.render import render
from netzkompetenz.views.terminal import gap_text

# --- the view-model ---------------------------------------------------------------------


@dataclass(frozen=True)
class DimensionRow:
    """One dimension of a person's profile, numbers as shown."""

    id: str
    title: str
    percent: str
    target: str
    gap: str  # target - percent, signed
    gap_words: str  # the same in words, as the check says it ("26 Prozentpunkte unter dem Ziel")
    level: str
    answered: int
    asked: int  # as in the person report: "answered m of n" counts every item asked
    bar: str  # the bar's width in percent (0 without a score), for the HTML bar
    target_mark: str  # where the target line sits, in percent


@dataclass(frozen=True)
class PersonProfile:
    name: str
    organisation: str
    profile: str  # the profile's title
    dimensions: tuple[DimensionRow, ...]


@dataclass(frozen=True)
class PairRow:
    """A paired statement: both statements, both answers as given, the difference."""

    pair: str
    differs: bool
    leader_text: str
    leader_answer: str
    coordinator_text: str
    coordinator_answer: str
    difference: str  # coordinator - leader, signed
    note: str


@dataclass(frozen=True)
class ConditionRow:
    """A shared condition: the fact (both questionnaires ask it alike), both answers."""

    id: str
    differs: bool
    text: str
    leader_answer: str
    coordinator_answer: str
    note: str


@dataclass(frozen=True)
class ThemeRow:
    """A shared topic (a module both profiles offer) and to whom it is recommended."""

    module: str
    title: str
    recommendation_differs: bool
    leader_dimensions: tuple[str, ...]
    coordinator_dimensions: tuple[str, ...]
    leader_recommended: bool
    coordinator_recommended: bool
    note: str


@dataclass(frozen=True)
class TogetherRow:
    """A module to attend together, and why."""

    module: str
    title: str
    tandem: bool
    note: str


@dataclass(frozen=True)
class TandemView:
    tandem_id: str | None  # None: the two files were given explicitly as a pair
    leader: PersonProfile
    coordinator: PersonProfile
    pairs_intro: str
    pairs: tuple[PairRow, ...]
    themes: tuple[ThemeRow, ...]
    together: tuple[TogetherRow, ...]
    only_leader: tuple[str, ...]  # module titles
    only_coordinator: tuple[str, ...]
    conditions_intro: str = ""
    conditions: tuple[ConditionRow, ...] = ()
    # why the pairs and shared conditions stand side by side only ("": they are compared)
    side_by_side: str = ""


@dataclass(frozen=True)
class ChangeRow:
    """One dimension before and after (and looking back, with then-ratings)."""

    dimension: str
    title: str
    before: str
    after: str
    change: str  # after - before, signed
    then: str
    since_then: str  # after - then, signed
    target: str
    within_noise: bool
    since_then_within_noise: bool
    note: str


@dataclass(frozen=True)
class Survey:
    """One of the two dates."""

    date: str
    version: str  # "questionnaire version 1.0", worded


@dataclass(frozen=True)
class BeforeAfterView:
    name: str
    before: Survey
    after: Survey
    version_caution: str | None  # said when the two dates used different versions
    has_then: bool
    changes: tuple[ChangeRow, ...]
    only_before: tuple[str, ...]  # item ids
    only_after: tuple[str, ...]
    reworded: tuple[str, ...]
    modules_done: tuple[str, ...]  # module titles
    modules_still: tuple[str, ...]
    modules_new: tuple[str, ...]


# --- building it --------------------------------------------------------------------------


def compare_view(found: Tandem | BeforeAfter) -> TandemView | BeforeAfterView:
    """The page's content in the active language."""
    if isinstance(found, Tandem):
        return tandem_view(found)
    return before_after_view(found)


def render_compare(found: Tandem | BeforeAfter, fmt: str, terminal: bool = False) -> str:
    """The page in the run's language; `terminal`:
    the Markdown read in the terminal, gaps said in words as the check says them."""
    mode: Literal["tandem", "before_after"] = (
        "tandem" if isinstance(found, Tandem) else "before_after"
    )
    return render(f"compare.{fmt}", mode=mode, c=compare_view(found), terminal=terminal)


def percent(value: float | None) -> str:
    """A score in whole percent, as the tables show it."""
    return "–" if value is None else f"{value:.0f}"


def signed(value: float | None) -> str:
    """A difference in whole points, with its sign."""
    return "–" if value is None else f"{value:+.0f}"


def tandem_view(t: Tandem) -> TandemView:
    leader_profile = t.leader.profile
    return TandemView(
        tandem_id=t.tandem_id,
        leader=_person(t.leader),
        coordinator=_person(t.coordinator),
        pairs_intro=_(
            "Leader and coordinator answer these statements about the same subject, each from "
            "their own side. Only here are the two views compared like with like; from "
            "{points} answer steps apart they differ clearly – a good point to talk through as "
            "a tandem."
        ).format(points=format_number(PAIR_DIFFERS, None)),
        pairs=tuple(_pair(t, p) for p in t.pairs),
        themes=tuple(
            ThemeRow(
                module=th.module,
                title=_module_title(leader_profile, th.module),
                recommendation_differs=th.recommendation_differs,
                leader_dimensions=th.leader_dimensions,
                coordinator_dimensions=th.coordinator_dimensions,
                leader_recommended=th.leader_recommended,
                coordinator_recommended=th.coordinator_recommended,
                note=_theme_note(th),
            )
            for th in t.themes
        ),
        together=tuple(
            TogetherRow(
                module=tg.module,
                title=_module_title(tg.profile, tg.module),
                tandem=tg.tandem,
                note=_together_note(tg),
            )
            for tg in t.together
        ),
        only_leader=tuple(_module_title(leader_profile, m) for m in t.only_leader),
        only_coordinator=tuple(_module_title(t.coordinator.profile, m) for m in t.only_coordinator),
        conditions_intro=_(
            "Both questionnaires ask these facts of your shared setting in the same words, "
            "answered yes, no or don't know. Unlike the paired statements, equal answers "
            "mean the same here, and a yes against a no means that you describe your "
            "setting differently."
        ),
        side_by_side="" if t.compared else side_by_side_note(),
        conditions=tuple(
            ConditionRow(
                id=c.id,
                differs=c.differs and t.compared,
                text=pick(c.coordinator_condition.text),
                leader_answer=framework_answer(c.leader),
                coordinator_answer=framework_answer(c.coordinator),
                note=_condition_note(c),
            )
            for c in t.conditions
        ),
    )


def before_after_view(c: BeforeAfter) -> BeforeAfterView:
    old, new = c.before.answers.questionnaire.version, c.after.answers.questionnaire.version
    return BeforeAfterView(
        name=c.after.answers.respondent.name,
        before=Survey(_when(c.before), _version(old)),
        after=Survey(_when(c.after), _version(new)),
        version_caution=None
        if old == new
        else _(
            "Caution: the two dates used different versions of the questionnaire ({old} and "
            "{new}). Changed or removed items can look like change."
        ).format(old=old, new=new),
        has_then=c.has_then,
        changes=tuple(_change(c.after, ch) for ch in c.changes),
        only_before=c.only_before,
        only_after=c.only_after,
        reworded=c.reworded,
        modules_done=tuple(_module_title(c.before.profile, m) for m in c.modules_done),
        modules_still=tuple(_module_title(c.after.profile, m) for m in c.modules_still),
        modules_new=tuple(_module_title(c.after.profile, m) for m in c.modules_new),
    )


def _person(s: ScoredAnswers) -> PersonProfile:
    return PersonProfile(
        name=s.answers.respondent.name,
        organisation=s.answers.respondent.organisation,
        profile=pick(s.profile.title),
        dimensions=tuple(
            DimensionRow(
                id=d.dimension,
                title=_dim_title(s, d.dimension),
                percent=percent(d.percent),
                target=percent(d.target),
                gap=signed(d.gap),
                gap_words="–" if d.gap is None else gap_text(d.gap),
                level=_level_label(s.profile, d.level),
                answered=d.answered,
                asked=d.asked,
                bar=f"{d.percent or 0:.1f}",
                target_mark=f"{d.target:.1f}",
            )
            for d in s.result.dimensions
        ),
    )


def side_by_side_note() -> str:
    """Why a tandem's paired statements and shared conditions are not compared (the compare
    page and the conversation guide): the two do not mean the same leader."""
    return _(
        "The leader in this tandem is not the person responsible for the coordination remit "
        "(so one of you said). The statements about the leader therefore do not mean the "
        "same person: talk them through, but do not read differences as different views."
    )


def _pair(t: Tandem, p: PairedStatement) -> PairRow:
    return PairRow(
        pair=p.pair,
        differs=p.differs and t.compared,
        leader_text=pick(p.leader_item.text),
        leader_answer=_answer(t.leader, p.leader_item),
        coordinator_text=pick(p.coordinator_item.text),
        coordinator_answer=_answer(t.coordinator, p.coordinator_item),
        difference=signed(p.difference),
        note=_pair_note(p),
    )


def _change(after: ScoredAnswers, ch: DimensionChange) -> ChangeRow:
    note = _change_note(ch)
    if ch.since_then is not None:
        note += "; " + _then_note(ch)
    return ChangeRow(
        dimension=ch.dimension,
        title=_dim_title(after, ch.dimension),
        before=percent(ch.before.percent),
        after=percent(ch.after.percent),
        change=signed(ch.change),
        then=percent(ch.then),
        since_then=signed(ch.since_then),
        target=percent(ch.after.target),
        within_noise=ch.within_noise,
        since_then_within_noise=ch.since_then_within_noise,
        note=note,
    )


def _dim_title(s: ScoredAnswers, dimension_id: str) -> str:
    return pick(s.questionnaire.dimension(dimension_id).title)


def _module_title(profile: Profile, module_id: str) -> str:
    return pick(profile.module(module_id).title)


def _level_label(profile: Profile, level_id: str | None) -> str:
    if level_id is None:
        return _("not enough answers")
    return pick(profile.level(level_id).label)


def _when(s: ScoredAnswers) -> str:
    moment = _moment(s)
    return format_date(moment) if moment else "–"


def _version(version: str) -> str:
    return _("questionnaire version {version}").format(version=version)


def _theme_note(t: Theme) -> str:
    # Only who gets the module: K and F dimensions are different constructs, so their
    # scores are not set against each other (the paired statements are, above).
    if t.recommendation_differs:
        return (
            _("recommended to the leader only")
            if t.leader_recommended
            else _("recommended to the coordinator only")
        )
    return _("recommended to both") if t.leader_recommended else _("recommended to neither")


def _answer(s: ScoredAnswers, item: Item) -> str:
    """An answer as the person gave it: the scale label, or one of the no-score answers."""
    scale = s.questionnaire.scale
    given = s.answers.values.get(item.id)
    if given is None:
        return "–"
    if given == CANNOT_JUDGE:
        return pick(scale.cannot_judge)
    if given == NOT_APPLICABLE and scale.not_applicable:
        return pick(scale.not_applicable)
    return next((pick(p.label) for p in scale.points if p.value == given), str(given))


def _pair_note(p: PairedStatement) -> str:
    if p.difference is None:
        return _("not comparable (no rating on one side)")
    if not p.differs:
        return _("similar view")
    return (
        _("the coordinator's answer is higher")
        if p.difference > 0
        else _("the leader's answer is higher")
    )


def _condition_note(c: SharedCondition) -> str:
    return {
        "differ": _("you describe it differently"),
        "both_no": _("not settled yet, you both say"),
        "both_yes": _("settled, you both say"),
        "open": _("open: not answered yes or no by one of you"),
    }[c.situation]


def _conditions_named(t: Together) -> str:
    return "; ".join(
        f"{c.id} " + _("“{text}”").format(text=pick(c.coordinator_condition.text))
        for c in t.conditions
    )


def _together_note(t: Together) -> str:
    if t.conditions and not (t.leader or t.coordinator or t.pairs_differ):
        return _(
            "for both: you describe your shared setting differently: {conditions} (see the "
            "conversation guide, compare --guide)"
        ).format(conditions=_conditions_named(t))
    if t.pairs_differ and not (t.leader or t.coordinator):
        note = _(
            "for both: you see paired statements differently (see the conversation "
            "guide, compare --guide)"
        )
        return note + _conditions_too(t)
    if t.leader and t.coordinator:
        note = _("recommended to both")
    else:
        note = (
            _("recommended to the leader; as a tandem module, together with the coordinator")
            if t.leader
            else _("recommended to the coordinator; as a tandem module, together with the leader")
        )
    if t.pairs_differ:
        note += "; " + _("your answers to paired statements differ, too")
    return note + _conditions_too(t)


def _conditions_too(t: Together) -> str:
    if not t.conditions:
        return ""
    return "; " + _("you also describe your shared setting differently: {conditions}").format(
        conditions=_conditions_named(t)
    )


def _change_note(ch: DimensionChange) -> str:
    if ch.change is None:
        return _("not comparable (not enough answers)")
    key = (
        _("within measurement noise (below {threshold:.0f} points)")
        if ch.within_noise
        else _("reliable change (at least {threshold:.0f} points)")
    )
    return key.format(threshold=ch.threshold)


def _then_note(ch: DimensionChange) -> str:
    if ch.since_then is None:
        return ""
    if ch.since_then_within_noise:
        return _("since then: within measurement noise (below {threshold:.0f} points)").format(
            threshold=ch.then_threshold
        )
    return _("since then: more than measurement noise ({threshold:.0f} points)").format(
        threshold=ch.then_threshold
    )
