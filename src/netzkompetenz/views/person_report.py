"""Person reports in Markdown and HTML: the view-model and its rendering.

The report context is built here from a scored answers file (plain dicts, lists, strings and
numbers, so that a sandboxed user template can read it); the chart geometry is computed
here too, and the templates in templates/ only place it. docs/reports.md lists the context.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, TypedDict

from netzkompetenz import i18n
from netzkompetenz.core.answers import ScoredAnswers
from netzkompetenz.core.dialogue import Priority, chosen_modules, order_by_priorities
from netzkompetenz.core.grounding import borne_out, middle, own_statements
from netzkompetenz.core.model import Module, ScalePoint
from netzkompetenz.core.scoring import DimensionScore, ItemScore, Reason
from netzkompetenz.errors import InputError
from netzkompetenz.i18n import _, format_date, format_number, ngettext, pick
from netzkompetenz.io.files import output_format
from netzkompetenz.views.cautions import person_cautions

Format = Literal["md", "html"]
FORMATS: dict[str, Format] = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
TEMPLATES: dict[Format, str] = {"md": "person.md", "html": "person.html"}


class LowItem(TypedDict):
    """An item that pulled a dimension down (or an item trigger's item), in a reason."""

    id: str
    text: str
    reverse: bool
    answer: int
    answer_label: str


# Chart geometry (SVG user units). Label column on the left, bars 0-100 % on the right.
CHART_WIDTH = 680
CHART_LABEL_WIDTH = 270
CHART_BAR_WIDTH = 360
CHART_ROW = 34
CHART_BAR = 16
CHART_TOP = 28
CHART_BOTTOM = 40
CHART_LABEL_CHARS = 36


# --- formatting -----------------------------------------------------------------------------


def number(value: float, digits: int, lang: str | None = None) -> str:
    """1.5 -> "1,5" in German, "1.5" in English (the run's language, or `lang`)."""
    return format_number(value, digits, lang)


def text_bar(percent: float | None, target: float, cells: int = 20) -> str:
    """The chart for Markdown: one cell per 5 %, filled up to the score, "│" at the target;
    dots where there are not enough answers."""
    filled = 0 if percent is None else round(percent / 100 * cells)
    bar = ["█" if n < filled else ("·" if percent is None else "░") for n in range(cells)]
    bar.insert(round(target / 100 * cells), "│")
    return "".join(bar)


def label_lines(label: str, width: int = CHART_LABEL_CHARS, lines: int = 2) -> list[str]:
    """A chart label on at most two lines, broken at spaces; "…" when it is still longer."""
    out: list[str] = []
    words = label.split()
    while words and len(out) < lines:
        line = words.pop(0)
        while words and len(line) + 1 + len(words[0]) <= width:
            line += " " + words.pop(0)
        out.append(line)
    if words:
        out[-1] += " " + " ".join(words)
    return [line if len(line) <= width else line[: width - 1].rstrip() + "…" for line in out]


# --- context --------------------------------------------------------------------------------


def chart_geometry(dimensions: list[dict[str, Any]]) -> dict[str, Any]:
    """Positions for the profile-against-target chart; one row per dimension."""
    x0 = CHART_LABEL_WIDTH
    rows = []
    for n, dim in enumerate(dimensions):
        y = CHART_TOP + n * CHART_ROW
        percent = dim["percent"]
        bar = 0.0 if percent is None else round(percent / 100 * CHART_BAR_WIDTH, 1)
        target_x = round(x0 + dim["target"] / 100 * CHART_BAR_WIDTH, 1)
        # The value sits right of the bar, or inside it (white) when the bar is long; it
        # moves aside when the target line would run through it.
        inside = bar > CHART_BAR_WIDTH - 60
        if inside:
            end = x0 + bar
            value_x = min(end, target_x) - 6 if end - 34 <= target_x <= end + 2 else end - 6
        else:
            start = x0 + bar
            value_x = target_x + 6 if start - 2 <= target_x <= start + 30 else start + 6
        rows.append(
            {
                "id": dim["id"],
                "lines": label_lines(f"{dim['id']} {dim['title']}"),
                "title": dim["title"],
                "enough": dim["enough"],
                "y": y,
                "bar_y": y + (CHART_ROW - CHART_BAR) / 2,
                "bar_width": bar,
                "text_y": y + CHART_ROW / 2 + 4,
                "value_inside": inside,
                "value_x": round(value_x, 1),
                "target_x": target_x,
                "percent_text": dim["percent_text"],
                "target_text": dim["target_text"],
            }
        )
    height = CHART_TOP + len(rows) * CHART_ROW + CHART_BOTTOM
    ticks = [
        {"x": round(x0 + t / 100 * CHART_BAR_WIDTH, 1), "label": str(t)}
        for t in (0, 25, 50, 75, 100)
    ]
    bottom = CHART_TOP + len(rows) * CHART_ROW
    return {
        "width": CHART_WIDTH,
        "height": height,
        "x0": x0,
        "bar_width": CHART_BAR_WIDTH,
        "top": CHART_TOP,
        "bottom": bottom,
        "legend_y": bottom + 26,
        "rows": rows,
        "ticks": ticks,
    }


def _dimension(d: DimensionScore, scored: ScoredAnswers, lang: str) -> dict[str, Any]:
    q, p = scored.questionnaire, scored.profile
    dim = q.dimension(d.dimension)
    band = p.level(d.level) if d.enough and d.level is not None else None
    # The anchor says what this level looks like in practice in this dimension; without
    # anchors (a v1 profile) the band's one general text stands in for it.
    anchor, grounded = None, False
    sentences: list[str] = []
    if band is not None and p.anchors and band.id in p.anchors.get(d.dimension, {}):
        given = p.anchors[d.dimension][band.id]
        if isinstance(given, dict):
            anchor = pick(given)
        else:
            # Linked sentences: only those the answers bear out are said of the person, and
            # the level's own description (with its hedges) stays beside them.
            grounded = True
            sentences = [pick(s.text) for s in given if borne_out(s, d, q)]
    own = own_statements(d, q)
    reflection = scored.answers.reflections.get(d.dimension, "").strip()
    return {
        "id": d.dimension,
        "title": pick(dim.title),
        "description": pick(dim.description),
        "enough": d.enough,
        "mean": d.mean,
        "percent": d.percent,
        "gap": d.gap,
        "target": d.target,
        "answered": d.answered,
        "applicable": d.applicable,
        # what the check asked: "n of m answered" counts a "not applicable" as asked too
        "asked": d.applicable + d.not_applicable,
        "cannot_judge": d.cannot_judge,
        "not_applicable": d.not_applicable,
        "level": None
        if band is None
        else {"id": band.id, "label": pick(band.label), "description": pick(band.description)},
        "anchor": anchor,
        "grounded": grounded,
        "sentences": sentences,
        "strengths": [_own_statement(s, scored) for s in own.strengths],
        "development": [_own_statement(s, scored) for s in own.development],
        "reflection": None
        if not reflection
        else {"prompt": pick(dim.reflection) if dim.reflection else None, "text": reflection},
        "mean_text": "–" if d.mean is None else number(d.mean, 2, lang),
        "percent_text": "–" if d.percent is None else number(d.percent, 0, lang),
        "target_text": number(d.target, 0, lang),
        "gap_text": "–" if d.gap is None else number(d.gap, 0, lang),
        "bar": text_bar(d.percent, d.target),
    }


def _own_statement(s: ItemScore, scored: ScoredAnswers) -> dict[str, Any]:
    """One of the person's statements, worded as they answered it (a negatively worded
    item they rejected is quoted as rejected, not turned round)."""
    q = scored.questionnaire
    statement, answer = pick(q.item(s.item).text), _answer_label(scored, s.answer, "")
    if s.answer > middle(q):
        quote = _("You agree: “{statement}” ({answer})")
    elif s.answer < middle(q):
        quote = _("You disagree: “{statement}” ({answer})")
    else:
        quote = _("Only in part: “{statement}” ({answer})")
    return {
        "id": s.item,
        "text": statement,
        "answer": s.answer,
        "answer_label": answer,
        "quote": quote.format(statement=statement, answer=answer),
    }


def _answer_label(scored: ScoredAnswers, value: int, lang: str) -> str:
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
    a negatively worded item carries its own note."""
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


def scale_number(value: float) -> str:
    """A mean or threshold on the answer scale, to one decimal at most: 2,7 / 3,5 / 3."""
    return format_number(round(value, 1), None)


def _reason(
    reason: Reason,
    scored: ScoredAnswers,
    dims: dict[str, dict[str, Any]],
    answers: dict[str, int],
    lang: str,
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
                "answer_label": _answer_label(scored, answers[item_id], lang),
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
            percent=number(reason.percent, 0, lang),
            target=number(reason.target, 0, lang),
            gap=number(reason.gap, 0, lang),
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
        # an item trigger has no target in percent: its items are below a scale value
        "middle_note": None
        if reason.on_items
        else _middle_note(
            scored, [i["answer"] for i in items], [i["reverse"] for i in items], reason.target
        ),
    }


def _framework_notes(scored: ScoredAnswers, low_items: list[str]) -> list[str]:
    """The framework conditions answered "no" that can explain these low answers (the items'
    `framework:`): the setting, not the person, may be what a course cannot change."""
    q, given = scored.questionnaire, scored.answers.framework
    named = dict.fromkeys(f for i in low_items for f in q.item(i).framework if given.get(f) == "no")
    entries = {f.id: f for f in q.framework}
    return [
        _(
            "Your setting: “{condition}” – you answered “no”. That can explain a low answer "
            "here: talk about it in the tandem; a course alone will not change it."
        ).format(condition=pick(entries[f].text))
        for f in named
    ]


def _recommendations(
    scored: ScoredAnswers, dims: dict[str, dict[str, Any]], lang: str
) -> list[dict[str, Any]]:
    p = scored.profile
    result = scored.result
    recommended = {r.module for r in result.recommendations}
    out = []
    answers = {s.item: s.answer for d in result.dimensions for s in d.items}
    for n, rec in enumerate(result.recommendations):
        module = p.module(rec.module)
        out.append(
            {
                "id": module.id,
                "number": n + 1,
                "most_important": n < result.most_important,
                "title": pick(module.title),
                "content": pick(module.content),
                "kind": module.kind,
                "kind_label": kind_label(module.kind),
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
                "prerequisites": [
                    {
                        "id": pre,
                        "title": pick(p.module(pre).title),
                        "recommended": pre in recommended,
                        "note": _prerequisite_note(scored, pre, recommended),
                    }
                    for pre in rec.prerequisites
                ],
                "reasons": [_reason(r, scored, dims, answers, lang) for r in rec.reasons],
                # other ways to the same end (Hospitation, kollegiale Beratung, exchange)
                "alternatives": [_alternative(p.module(alt)) for alt in module.alternatives],
            }
        )
    return out


def _days(days: float) -> str:
    return ngettext("{days} day", "{days} days", days).format(days=format_number(days, None))


# The NZFH quality framework is the person's own only in Frühe Hilfen: cited there alone.
_FRUEHE_HILFEN = ("field", "fruehe_hilfen")


def _conversation(scored: ScoredAnswers) -> str:
    """How the profile is meant to be used: profile, dialogue, priorities, modules."""
    question, option = _FRUEHE_HILFEN
    if scored.answers.context.get(question) == option:
        return _(
            "The profile does most good as the start of a conversation – for instance in the "
            "tandem of leader and network coordinator, in your team or with your trainers. As "
            "with the self-assessments of the NZFH quality framework for Frühe Hilfen (the "
            "German early-support programme for families with children up to three), the "
            "profile is followed by dialogue; from it come shared priorities, and only then "
            "the fitting modules."
        )
    return _(
        "The profile does most good as the start of a conversation – for instance in the tandem "
        "of leader and network coordinator, in your team or with your trainers. The profile is "
        "followed by dialogue; from it come shared priorities, and only then the fitting modules."
    )


def _context_answers(scored: ScoredAnswers) -> list[dict[str, Any]]:
    """The context questions the person answered: unscored, shown as their situation."""
    q, given = scored.questionnaire, scored.answers.context
    out = []
    for question in q.context:
        option = next((o for o in question.options if o.id == given.get(question.id)), None)
        if option is not None:
            out.append(
                {"id": question.id, "question": pick(question.text), "answer": pick(option.label)}
            )
    return out


def _framework(scored: ScoredAnswers) -> list[dict[str, Any]]:
    """The framework checklist as answered (yes / no / don't know): facts, not competence."""
    labels = {"yes": _("yes"), "no": _("no"), "unknown": _("don't know")}
    given = scored.answers.framework
    return [
        {
            "id": f.id,
            "text": pick(f.text),
            "answer": given[f.id],
            "answer_label": labels[given[f.id]],
        }
        for f in scored.questionnaire.framework
        if f.id in given
    ]


def not_yet_note(scored: ScoredAnswers) -> str | None:
    """For someone new in post or in a network being set up (context options marked
    `not_yet`): their "not applicable" answers said as occasions not had yet, not as gaps.
    The numbers are the same; only the reading is theirs (docs/scoring.md §1)."""
    q = scored.questionnaire
    count = sum(d.not_applicable for d in scored.result.dimensions)
    situation = q.not_yet(scored.answers.context)
    if not count or not situation or q.scale.not_applicable is None:
        return None
    return ngettext(
        "“{answer}”: {count} ×. You said “{situation}”: so this is an occasion you have not "
        "had yet, not a gap; the statement does not count in its dimension and recommends no "
        "module. Answer it again once the occasion arises.",
        "“{answer}”: {count} ×. You said “{situation}”: so these are occasions you have not "
        "had yet, not gaps; the statements do not count in their dimension and recommend no "
        "module. Answer them again once the occasions arise.",
        count,
    ).format(
        answer=pick(q.scale.not_applicable),
        count=count,
        situation="”, “".join(pick(o.label) for o in situation),
    )


def kind_label(kind: str) -> str:
    """The module's kind in words: a course, or one of the formats that are not courses."""
    return {
        "course": _("course"),
        "hospitation": _("job shadowing"),
        "peer-consultation": _("peer consultation"),
        "exchange": _("exchange format"),
    }[kind]


def _alternative(module: Module) -> dict[str, Any]:
    return {
        "id": module.id,
        "title": pick(module.title),
        "content": pick(module.content),
        "kind": module.kind,
        "kind_label": kind_label(module.kind),
        "duration_text": _days(module.duration_days),
    }


def _priorities(
    scored: ScoredAnswers, chosen: Sequence[Priority], agreed: bool
) -> dict[str, Any] | None:
    """The person's priorities (own, or agreed in the dialogue), shown first."""
    if not chosen:
        return None
    q, p = scored.questionnaire, scored.profile
    items = []
    for c in chosen:
        title = (
            pick(q.dimension(c.dimension).title) if c.dimension else pick(p.module(c.target).title)
        )  # c.target: the module
        items.append(
            {
                "kind": "dimension" if c.dimension else "module",
                "id": c.target,
                "title": title,
                "why": c.why,
            }
        )
    return {
        "agreed": agreed,
        "items": items,
        "heading": _("Agreed priorities") if agreed else _("Your priorities"),
        "intro": _(
            "Agreed in the conversation; the recommended modules that serve them come first."
        )
        if agreed
        else _(
            "Chosen by you after the self-check; the recommended modules that serve them "
            "come first."
        ),
    }


def person_context(
    scored: ScoredAnswers, lang: str, agreed: Sequence[Priority] | None = None
) -> dict[str, Any]:
    """Everything a report shows about one person, in `lang`; plain data only. `agreed`:
    the priorities agreed in the dialogue (they take the place of the person's own)."""
    answers, q, p = scored.answers, scored.questionnaire, scored.profile
    dims = [_dimension(d, scored, lang) for d in scored.result.dimensions]
    by_id = {d["id"]: d for d in dims}
    chosen = answers.priorities if agreed is None else agreed
    recommendations = _recommendations(scored, by_id, lang)
    order = order_by_priorities([r["id"] for r in recommendations], chosen, p)
    serving = chosen_modules(chosen, p, order)
    for r in recommendations:
        r["chosen"] = r["id"] in serving
    recommendations.sort(key=lambda r: order.index(r["id"]))
    for n, r in enumerate(recommendations):  # the cap counts places in the final order
        r["number"], r["most_important"] = n + 1, n < scored.result.most_important
    respondent = answers.respondent
    return {
        "name": respondent.name,
        "organisation": respondent.organisation,
        "tandem": respondent.tandem,
        "status": answers.status,
        "partial": answers.status != "complete",
        "date": format_date(answers.updated or answers.started),
        "file": None if scored.path is None else str(scored.path),
        "questionnaire": {"id": q.id, "version": q.version, "title": pick(q.title)},
        "profile": {
            "id": p.id,
            "role": p.role,
            "title": pick(p.title),
            "description": pick(p.description),
            "role_label": {
                "coordinator": _("Network coordination"),
                "leader": _("Leader (network management)"),
            }[p.role],
        },
        "levels": [
            {
                "id": b.id,
                "label": pick(b.label),
                "description": pick(b.description),
                "from": b.from_,
                "to": b.to,
            }
            for b in p.levels
        ],
        "dimensions": dims,
        "not_enough": [d for d in dims if not d["enough"]],
        "cannot_judge": sum(d["cannot_judge"] for d in dims),
        "not_applicable": sum(d["not_applicable"] for d in dims),
        "not_yet_note": not_yet_note(scored),
        "labels": {
            "cannot_judge": pick(q.scale.cannot_judge),
            "not_applicable": pick(q.scale.not_applicable) if q.scale.not_applicable else None,
        },
        "conversation": _conversation(scored),
        "context": _context_answers(scored),
        "framework": _framework(scored),
        "reflections": [
            {"dimension": d["id"], "title": d["title"], **d["reflection"]}
            for d in dims
            if d["reflection"]
        ],
        "priorities": _priorities(scored, chosen, agreed is not None),
        "recommendations": recommendations,
        "important": [m for m in recommendations if m["most_important"]],
        "further": [m for m in recommendations if not m["most_important"]],
        "cap": scored.profile.max_recommendations,
        "chart": chart_geometry(dims),
        "response_style": _response_style(scored),
    }


def _response_style(scored: ScoredAnswers) -> dict[str, Any]:
    """How the person answered (docs/scoring.md §8): cautions, never part of the scores."""
    cautions = person_cautions(scored)
    return {
        "notes": list(cautions.notes),
        "reversal_note": cautions.reversal_note,
        "unscored": cautions.unscored,
    }


def report_context(
    people: list[ScoredAnswers],
    lang: str,
    fmt: str,
    agreed: dict[int, Sequence[Priority]] | None = None,
    generated: str | None = None,
) -> dict[str, Any]:
    agreed = agreed or {}
    return {
        "lang": lang,
        "format": fmt,
        "generated": generated or format_date(datetime.now(UTC)),
        "people": [person_context(s, lang, agreed.get(n)) for n, s in enumerate(people)],
    }


# --- rendering and writing ------------------------------------------------------------------


def _render(
    people: list[ScoredAnswers],
    fmt: Format | Literal["text"],
    lang: str,
    template: Path | None = None,
    agreed: dict[int, Sequence[Priority]] | None = None,
) -> str:
    from netzkompetenz.views.render import render, render_user_template

    with i18n.language(lang):  # the page in `lang`, whatever the run's language
        context = report_context(people, lang, fmt, agreed)
        if template is None:
            assert fmt != "text"  # only with a user template
            return render(TEMPLATES[fmt], **context)
        import jinja2

        try:
            return render_user_template(template, **context)
        except (
            jinja2.TemplateError,
            TypeError,
            ValueError,
            ArithmeticError,
            LookupError,
            AttributeError,
        ) as exc:
            # A mistake in the user's template (e.g. `{{ 1 / 0 }}`), not a bug of ours.
            raise InputError.single(
                template, _("template error: {reason}").format(reason=exc)
            ) from None


class PersonPages:
    """A batch's person reports: one page per person from the view-model above, with the
    template looked up once and the run's date formatted once (the same page as
    `report` writes for one answers file)."""

    def __init__(self, fmt: Format, lang: str) -> None:
        from netzkompetenz.views.render import environment

        self.fmt, self.lang = fmt, lang
        self.template = environment(lang).get_template(TEMPLATES[fmt])
        with i18n.language(lang):
            self.generated = format_date(datetime.now(UTC))

    def render(self, scored: ScoredAnswers) -> str:
        with i18n.language(self.lang):
            return self.template.render(
                **report_context([scored], self.lang, self.fmt, generated=self.generated)
            )


def render_person_report(scored: ScoredAnswers, fmt: Format, lang: str | None = None) -> str:
    """One person's report as Markdown ("md") or self-contained HTML ("html")."""
    return _render([scored], fmt, lang or scored.answers.language)


def format_of(path: Path) -> Format:
    wrong = _("{file}: the report file must end in .md or .html.").format(file=path)
    return output_format(Path(path), FORMATS, wrong)


def report_text(
    people: list[ScoredAnswers],
    path: Path,
    lang: str,
    template: Path | None = None,
    agreed: dict[int, Sequence[Priority]] | None = None,
) -> str:
    """The report for `path`: its format follows the extension (.md, .html); a user
    template may write any text format. `agreed`: agreed priorities by person index."""
    fmt: Format | Literal["text"] = (
        FORMATS.get(Path(path).suffix.lower(), "text") if template else format_of(path)
    )
    return _render(people, fmt, lang, template, agreed)
