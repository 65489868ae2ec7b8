"""The tandem and before/after page: wording only; the decisions are made in core/compare.py."""

from __future__ import annotations

from typing import Any

from netzkompetenz.core.answers import ScoredAnswers
from netzkompetenz.core.compare import (
    BeforeAfter,
    DimensionChange,
    Tandem,
    Theme,
    Together,
    _moment,
)
from netzkompetenz.core.guide import PAIR_DIFFERS, PairedStatement
from netzkompetenz.core.model import CANNOT_JUDGE, NOT_APPLICABLE, Item, Profile
from netzkompetenz.i18n import _, format_date, language, pick
from netzkompetenz.views.render import render


def render_compare(found: Tandem | BeforeAfter, fmt: str, lang: str) -> str:
    """The page in `lang` (the language of the run when called by the command)."""
    mode = "tandem" if isinstance(found, Tandem) else "before_after"
    with language(lang):
        return render(
            f"compare.{fmt}",
            mode=mode,
            c=found,
            lang=lang,
            pair_differs=PAIR_DIFFERS,
            **VIEW_HELPERS,
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
        _("the coordinator rates it higher")
        if p.difference > 0
        else _("the leader rates it higher")
    )


def _together_note(t: Together) -> str:
    if t.pairs_differ and not (t.leader or t.coordinator):
        return _(
            "for both: you see paired statements differently (see the conversation "
            "guide, compare --guide)"
        )
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
    return note


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


VIEW_HELPERS: dict[str, Any] = {
    "dim_title": _dim_title,
    "module_title": _module_title,
    "level_label": _level_label,
    "when": _when,
    "theme_note": _theme_note,
    "together_note": _together_note,
    "change_note": _change_note,
    "then_note": _then_note,
    "answer": _answer,
    "pair_note": _pair_note,
}
