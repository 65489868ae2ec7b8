"""The person report's recommended modules: each with its facts, its alternatives and the
reasons behind it (the gap, the statements that pulled the score down), worded in the run's
language as plain data for the templates."""

from __future__ import annotations

from typing import Any, TypedDict

from netzkompetenz.core.answers import ScoredAnswers
from netzkompetenz.core.model import Module, ScalePoint
from netzkompetenz.core.scoring import Reason
from netzkompetenz.i18n import _, format_number, ngettext, pick


class LowItem(TypedDict):
    """An item that pulled a dimension down (or an item trigger's item), in a reason."""

    id: str
    text: str
    reverse: bool
    answer: int
    answer_label: str


def number(value: float, digits: int) -> str:
    """1.5 -> "1,5" in German, "1.5" in English (the run's language)."""
    return format_number(value, digits)


def scale_number(value: float) -> str:
    """A mean or threshold on the answer scale, to one decimal at most: 2,7 / 3,5 / 3."""
    return format_number(round(value, 1), None)


def answer_label(scored: ScoredAnswers, value: int) -> str:
    scale = scored.questionnaire.scale
    return next((pick(p.label) for p in scale.points if p.value == value), str(value))


def _target_point(scored: ScoredAnswers, target: float) -> ScalePoint:
    """The answer the target is about: the scale point nearest to it (75 % on a 1-5 scale
    is "rather applies")."""
    scale = scored.questionnaire.scale
    goal = scale.min + target / 100 * (scale.max - scale.min)
    return min(scale.points, key=lambda point: (abs(point.value - goal), -point.value))


def _middle_note(
    scored: ScoredAnswers, answers: list[int], reverse: list[bool], target: float
) -> str | None:
    """Why answers at or above the scale's middle are listed as pulling a score down: the
    target can lie higher (75 % is "rather applies" on a 1-5 scale). Said once per reason;
    a reverse-keyed item carries its own note."""
    scale = scored.questionnaire.scale
    middle = (scale.min + scale.max) / 2
    if not any(a >= middle and not r for a, r in zip(answers, reverse, strict=True)):
        return None
    nearest = _target_point(scored, target)
    return _(
        "Answers at or above the middle of the scale are listed too: the target of "
        "{target} % is about “{label}”."
    ).format(target=number(target, 0), label=pick(nearest.label))


def _prerequisite_note(scored: ScoredAnswers, module_id: str, recommended: set[str]) -> str:
    """A prerequisite that is not recommended is not a forgotten one: say why."""
    if module_id in recommended:
        return _("also recommended")
    dims = {d.dimension: d for d in scored.result.dimensions}
    addressed = [dims[d] for d in scored.profile.module(module_id).dimensions if d in dims]
    if addressed and all(d.enough for d in addressed):
        return _("already fine in your profile")
    return _("not enough answers to tell whether you need it")


def _reason(
    reason: Reason,
    scored: ScoredAnswers,
    dims: dict[str, dict[str, Any]],
    answers: dict[str, int],
    quoted: int,
) -> dict[str, Any]:
    q = scored.questionnaire
    items: list[LowItem] = []
    for item_id in reason.items:
        item = q.item(item_id)
        items.append(
            {
                "id": item_id,
                "text": pick(item.text),
                "reverse": item.reverse,
                "answer": answers[item_id],
                "answer_label": answer_label(scored, answers[item_id]),
            }
        )
    if not reason.on_items:
        # "pulled the score down" lists no answer at or above the target's own answer
        # (a "rather applies" at a target of 80 % is where the target is, not below it)
        level = _target_point(scored, reason.target).value
        scale = q.scale
        items = [
            i
            for i in items
            if (scale.reversed(i["answer"]) if i["reverse"] else i["answer"]) < level
        ]
    if reason.on_items:
        # An item trigger looks at single statements, not at a dimension's score; of them,
        # only those answered below its threshold are a reason (a "rather applies" is not)
        assert reason.mean is not None and reason.below is not None  # set for item triggers
        below = reason.below
        items = [
            i
            for i in items
            if (q.scale.reversed(i["answer"]) if i["reverse"] else i["answer"]) < below
        ]
        summary = _("Your answers to these statements average {mean} (below {below}):").format(
            mean=scale_number(reason.mean), below=scale_number(reason.below)
        )
        title = None
    else:
        assert reason.dimension is not None  # a dimension trigger
        title = dims[reason.dimension]["title"]
        summary = _(
            "{dimension}: {percent} % against a target of {target} % (gap {gap} percentage points)"
        ).format(
            dimension=title,
            percent=number(reason.percent, 0),
            target=number(reason.target, 0),
            gap=number(reason.gap, 0),
        )
    return {
        "dimension": reason.dimension,
        "on_items": reason.on_items,
        "framework_notes": _framework_notes(scored, [i["id"] for i in items]),
        "title": title,
        "percent": reason.percent,
        "target": reason.target,
        "gap": reason.gap,
        "mean": reason.mean,
        "below": reason.below,
        "summary": summary,
        "low_items": items,
        # the pages quote the lowest few: eleven statements are a wall, not a reason (and
        # pushed ordinary profiles onto a fourth page)
        "quoted_items": items[:quoted],
        "more_items": more_statements(len(items) - quoted),
        # an item trigger has no target in percent: its items are below a scale value
        "middle_note": None
        if reason.on_items
        else _middle_note(
            scored,
            [i["answer"] for i in items[:quoted]],
            [i["reverse"] for i in items[:quoted]],
            reason.target,
        ),
    }


def quoted_per_reason(further: bool, reasons: int) -> int:
    """How many statements a reason quotes on the pages, lowest first: two for the only
    reason of one of the most important modules, one each where it has several and for a
    further suggestion (the results file lists them all; three pushed ordinary profiles onto
    a fourth printed page)."""
    if further:
        return 1
    return 2 if reasons == 1 else 1


def more_statements(count: int) -> str | None:
    """The statements a reason does not quote, counted (the results file lists them all)."""
    if count <= 0:
        return None
    return ngettext(
        "and {count} more statement",
        "and {count} more statements",
        count,
    ).format(count=count)


NAMED_CONDITIONS = 3
"""Framework conditions a module's note names; the others are counted."""


def _framework_notes(scored: ScoredAnswers, low_items: list[str]) -> list[str]:
    """The framework conditions answered "no" that can explain these low answers (the items'
    `framework:`): the setting, not the person, may be what a course cannot change. One
    note names them all (four notes of the same advice filled a leader's page), each by its
    short form (`if_no`: „kein eigenes Budget für Sachkosten“) where the content has one."""
    q, given = scored.questionnaire, scored.answers.framework
    named = dict.fromkeys(f for i in low_items for f in q.item(i).framework if given.get(f) == "no")
    if not named:
        return []
    entries = {f.id: f for f in q.framework}
    missing = [
        pick(if_no)
        if (if_no := entries[f].if_no)
        else _("“{text}”: no").format(text=pick(entries[f].text))
        for f in named
    ]
    # at most NAMED_CONDITIONS by name, as a reason quotes at most three statements: the
    # person's situation lists every answer
    rest = len(missing) - NAMED_CONDITIONS
    if rest > 0:
        missing[NAMED_CONDITIONS:] = [
            ngettext(
                "{count} more condition answered “no” (see “Your situation”)",
                "{count} more conditions answered “no” (see “Your situation”)",
                rest,
            ).format(count=rest)
        ]
    return [
        ngettext(
            "Your setting, as you described it: {conditions}. That can explain a low answer "
            "here: talk about it in the tandem; a course alone will not change it.",
            "Your setting, as you described it: {conditions}. That can explain low answers "
            "here: talk about it in the tandem; a course alone will not change them.",
            len(named),
        ).format(conditions="; ".join(missing))
    ]


def recommendations(scored: ScoredAnswers, dims: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    p = scored.profile
    result = scored.result
    recommended = {r.module for r in result.recommendations}
    out = []
    answers = {s.item: s.answer for d in result.dimensions for s in d.items}
    numbers = {  # the modules this page describes in full
        r.module: n + 1 for n, r in enumerate(result.recommendations[: result.most_important])
    }
    described: dict[str, int] = {}  # alternative -> the number of the module it is described at
    for n, rec in enumerate(result.recommendations):
        module = p.module(rec.module)
        quoted = quoted_per_reason(n >= result.most_important, len(rec.reasons))
        reasons = [_reason(r, scored, dims, answers, quoted) for r in rec.reasons]
        low = [i["id"] for r in reasons for i in r["low_items"]]
        out.append(
            {
                **_module(module, n, result.most_important),
                "prerequisites": [
                    {
                        "id": pre,
                        "title": pick(p.module(pre).title),
                        "recommended": pre in recommended,
                        "note": _prerequisite_note(scored, pre, recommended),
                    }
                    for pre in rec.prerequisites
                ],
                "reasons": reasons,
                # the setting behind all its reasons, said once (the advice is the same)
                "framework_notes": _framework_notes(scored, low),
                # other ways to the same end (Hospitation, kollegiale Beratung, exchange);
                # one listed on this page itself, or already described under an earlier
                # module, is named by that number, not described twice
                "alternatives": [
                    _alternative(p.module(alt), numbers.get(alt) or described.get(alt))
                    for alt in module.alternatives
                ],
            }
        )
        if n < result.most_important:
            for alt in module.alternatives:
                described.setdefault(alt, numbers.get(alt) or n + 1)
    return out


def chosen_module(scored: ScoredAnswers, module_id: str, agreed: bool) -> dict[str, Any]:
    """A module the person chose as a priority, or agreed on in the conversation, that their
    answers did not call for: shown like a recommendation, with that as its reason."""
    module = scored.profile.module(module_id)
    why = _("agreed together in the conversation") if agreed else _("chosen by you as a priority")
    reason: dict[str, Any] = {
        "dimension": None,
        "on_items": False,
        "title": None,
        "percent": None,
        "target": None,
        "gap": None,
        "mean": None,
        "below": None,
        "summary": why,
        "low_items": [],
        "quoted_items": [],
        "more_items": None,
        "middle_note": None,
        "framework_notes": [],
    }
    return {
        **_module(module, 0, scored.result.most_important),
        "prerequisites": [],
        "reasons": [reason],
        "framework_notes": [],
        "alternatives": [_alternative(scored.profile.module(a)) for a in module.alternatives],
    }


def _module(module: Module, n: int, most_important: int) -> dict[str, Any]:
    """What the page says of a module, whatever brought it there."""
    return {
        "id": module.id,
        "number": n + 1,
        "most_important": n < most_important,
        "title": pick(module.title),
        "content": pick(module.content),
        "kind": module.kind,
        "kind_label": kind_label(module.kind),
        "kind_in_title": kind_in_title(module),
        "course": module.kind == "course",
        "format": module.format,
        "format_label": {
            "in-person": _("in person"),
            "online": _("online"),
            "blended": _("blended (in person and online)"),
        }[module.format],
        "duration_days": module.duration_days,
        "duration_text": _days(module.duration_days),
        "target_group": pick(module.target_group),
        "priority": module.priority,
        "priority_label": {1: _("high"), 2: _("medium"), 3: _("low")}[module.priority],
        "tandem": module.tandem,
    }


def item_trigger_note(scored: ScoredAnswers, modules: list[dict[str, Any]]) -> str | None:
    """What "(below 3.5)" means, said once where a module is called for by single
    statements: the threshold is the module's own, on the answer scale."""
    if not any(r["on_items"] for m in modules for r in m["reasons"]):
        return None
    scale = scored.questionnaire.scale
    return _(
        "Some modules are called for by single statements: when your answers to them average "
        "below the module's value in the target profile (answer scale {low} to {high})."
    ).format(low=scale_number(scale.min), high=scale_number(scale.max))


def _days(days: float) -> str:
    return ngettext("{days} day", "{days} days", days).format(days=format_number(days, None))


def kind_label(kind: str) -> str:
    """The module's kind in words: a course, or one of the formats that are not courses."""
    return {
        "course": _("course"),
        "hospitation": _("job shadowing"),
        "peer-consultation": _("peer consultation"),
        "exchange": _("exchange format"),
    }[kind]


def kind_in_title(module: Module) -> bool:
    """Whether the title already says the kind ("Kollegiale Beratung für …"): then the page
    does not repeat it in brackets."""
    return kind_label(module.kind).casefold() in pick(module.title).casefold()


def _alternative(module: Module, listed: int | None = None) -> dict[str, Any]:
    return {
        "id": module.id,
        "listed": listed,
        "title": pick(module.title),
        "content": pick(module.content),
        "kind": module.kind,
        "kind_label": kind_label(module.kind),
        "kind_in_title": kind_in_title(module),
        "duration_text": _days(module.duration_days),
    }
