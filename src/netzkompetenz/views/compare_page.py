"""The tandem and before/after page: wording only; the decisions are made in core/compare.py."""

from __future__ import annotations

from typing import Any

from netzkompetenz.core.answers import ScoredAnswers
from netzkompetenz.core.compare import (
    VIEWS_DIFFER,
    BeforeAfter,
    DimensionChange,
    Tandem,
    Theme,
    Together,
    _moment,
)
from netzkompetenz.core.model import Profile
from netzkompetenz.views.render import render
from netzkompetenz.views.texts import pick, text


def render_compare(found: Tandem | BeforeAfter, fmt: str, lang: str) -> str:
    mode = "tandem" if isinstance(found, Tandem) else "before_after"
    return render(f"compare.{fmt}", mode=mode, c=found, lang=lang, views_differ=VIEWS_DIFFER,
                  **VIEW_HELPERS)


def _dim_title(s: ScoredAnswers, dimension_id: str, lang: str) -> str:
    return pick(s.questionnaire.dimension(dimension_id).title, lang)


def _module_title(profile: Profile, module_id: str, lang: str) -> str:
    return pick(profile.module(module_id).title, lang)


def _level_label(profile: Profile, level_id: str | None, lang: str) -> str:
    if level_id is None:
        return text("not_enough", lang)
    return pick(profile.level(level_id).label, lang)


def _when(s: ScoredAnswers) -> str:
    moment = _moment(s)
    return moment.date().isoformat() if moment else "–"


def _theme_note(t: Theme, lang: str) -> str:
    notes = []
    if t.views_differ:
        key = "compare_coordinator_higher" if t.difference > 0 else "compare_leader_higher"
        notes.append(text(key, lang, points=abs(t.difference)))
    if t.recommendation_differs:
        notes.append(text("compare_only_leader" if t.leader_recommended
                          else "compare_only_coordinator", lang))
    if t.difference is None:
        notes.append(text("not_enough", lang))
    return "; ".join(notes) or text("compare_views_similar", lang)


def _together_note(t: Together, lang: str) -> str:
    if t.leader and t.coordinator:
        return text("compare_for_both", lang)
    return text("compare_tandem_for_leader" if t.leader else "compare_tandem_for_coordinator",
                lang)


def _change_note(ch: DimensionChange, lang: str) -> str:
    if ch.change is None:
        return text("compare_not_comparable", lang)
    key = "compare_within_noise" if ch.within_noise else "compare_reliable_change"
    return text(key, lang, threshold=ch.threshold)


VIEW_HELPERS: dict[str, Any] = {"dim_title": _dim_title, "module_title": _module_title,
                "level_label": _level_label, "when": _when, "theme_note": _theme_note,
                "together_note": _together_note, "change_note": _change_note}
