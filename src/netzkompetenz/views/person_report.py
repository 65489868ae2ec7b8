"""Person reports in Markdown and HTML: the view-model and its rendering.

The report context is built here from a scored answers file (plain dicts, lists, strings and
numbers, so that a sandboxed user template can read it): the dimensions, the situation and
the priorities here, the recommended modules in person_modules.py, the chart's geometry in
person_chart.py; the templates in templates/ only place it. docs/reports.md lists the context.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from netzkompetenz import i18n
from netzkompetenz.core.answers import ScoredAnswers
from netzkompetenz.core.dialogue import Priority, chosen_modules, order_by_priorities
from netzkompetenz.core.grounding import borne_out, middle, own_statements
from netzkompetenz.core.scoring import DimensionScore, ItemScore
from netzkompetenz.errors import InputError
from netzkompetenz.i18n import _, format_date, format_number, ngettext, pick
from netzkompetenz.io.files import output_format
from netzkompetenz.views.cautions import person_cautions
from netzkompetenz.views.person_chart import chart_geometry, text_bar
from netzkompetenz.views.person_modules import (
    answer_label,
    chosen_module,
    item_trigger_note,
    number,
)
from netzkompetenz.views.person_modules import recommendations as modules_of

Format = Literal["md", "html"]
FORMATS: dict[str, Format] = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
TEMPLATES: dict[Format, str] = {"md": "person.md", "html": "person.html"}


# --- context --------------------------------------------------------------------------------


def _dimension(d: DimensionScore, scored: ScoredAnswers) -> dict[str, Any]:
    q, p = scored.questionnaire, scored.profile
    dim = q.dimension(d.dimension)
    band = p.level(d.level) if d.enough and d.level is not None else None
    # The anchor says what this level looks like in practice in this dimension; without
    # anchors (a v1 profile) the band's one general text stands in for it.
    anchor, grounded = None, False
    sentences: list[str] = []
    said: frozenset[str] = frozenset()
    if band is not None and p.anchors and band.id in p.anchors.get(d.dimension, {}):
        given = p.anchors[d.dimension][band.id]
        if isinstance(given, dict):
            anchor = pick(given)
        else:
            # Linked sentences: only those the answers bear out are said of the person, and
            # the level's own description (with its hedges) stays beside them.
            grounded = True
            shown = [s for s in given if borne_out(s, d, q)]
            sentences = [pick(s.text) for s in shown]
            said = frozenset(i for s in shown for i in s.items)
    own = own_statements(d, q, said)
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
        # what the check asked: "n of m answered" counts every no-score answer as asked too
        "asked": d.asked,
        "cannot_judge": d.cannot_judge,
        "not_applicable": d.not_applicable,
        "premise_rejected": d.premise_rejected,
        "no_score": no_score_counts(d, scored),
        "level": None
        if band is None
        else {
            "id": band.id,
            "label": pick(band.label),
            "description": pick(band.description),
            # its place on the profile's scale of levels (1 of 3: Einstieg)
            "step": p.levels.index(band) + 1,
            "steps": len(p.levels),
        },
        "anchor": anchor,
        "grounded": grounded,
        "sentences": sentences,
        "strengths": [_own_statement(s, scored) for s in own.strengths],
        "development": [_own_statement(s, scored) for s in own.development],
        "reflection": None
        if not reflection
        else {"prompt": pick(dim.reflection) if dim.reflection else None, "text": reflection},
        "mean_text": "–" if d.mean is None else number(d.mean, 2),
        "percent_text": "–" if d.percent is None else number(d.percent, 0),
        "target_text": number(d.target, 0),
        "gap_text": "–" if d.gap is None else number(d.gap, 0),
        "bar": text_bar(d.percent, d.target),
    }


def _own_statement(s: ItemScore, scored: ScoredAnswers) -> dict[str, Any]:
    """One of the person's statements, worded as they answered it (a reverse-keyed
    item they rejected is quoted as rejected, not turned round)."""
    q = scored.questionnaire
    statement, answer = pick(q.item(s.item).text), answer_label(scored, s.answer)
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
        "of leader and network coordinator, in your team or with your trainers."
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


def framework_answer(given: str | None) -> str:
    """A framework condition's answer in words (also the tandem's shared conditions)."""
    if given is None:
        return _("not answered")
    return {"yes": _("yes"), "no": _("no"), "unknown": _("don't know")}[given]


def _framework(scored: ScoredAnswers) -> list[dict[str, Any]]:
    """The framework checklist as answered (yes / no / don't know): facts, not competence."""
    given = scored.answers.framework
    return [
        {
            "id": f.id,
            "text": pick(f.text),
            "answer": given[f.id],
            "answer_label": framework_answer(given[f.id]),
        }
        for f in scored.questionnaire.framework
        if f.id in given
    ]


def no_score_counts(d: DimensionScore, scored: ScoredAnswers) -> str:
    """A dimension's answers that are not a score, as its figures add them ("" if none)."""
    scale = scored.questionnaire.scale
    parts = []
    if d.cannot_judge:
        parts.append(_("{count} × “cannot judge”").format(count=d.cannot_judge))
    if d.not_applicable and scale.not_applicable is not None:
        parts.append(
            _("{count} × “{answer}”").format(
                count=d.not_applicable, answer=pick(scale.not_applicable)
            )
        )
    if d.premise_rejected:
        parts.append(
            _("{count} × “{answer}” to a situation").format(
                count=d.premise_rejected, answer=answer_label(scored, scale.min)
            )
        )
    if not parts:
        return ""
    if len(parts) > 1:
        parts = [_("{first} and {last}").format(first=", ".join(parts[:-1]), last=parts[-1])]
    return _("plus {counts}").format(counts=parts[0])


def premise_note(scored: ScoredAnswers) -> str | None:
    """The statements beginning with a situation that were answered at the scale's bottom:
    not scored, and why (docs/scoring.md §1)."""
    count = sum(d.premise_rejected for d in scored.result.dimensions)
    if not count:
        return None
    return ngettext(
        "“{answer}” to a statement that begins with a situation: {count} ×. This can mean "
        "that you have not met the situation, or that you do not act so; as it can mean "
        "either, the statement leaves its dimension.",
        "“{answer}” to statements that begin with a situation: {count} ×. This can mean "
        "that you have not met the situation, or that you do not act so; as it can mean "
        "either, the statements leave their dimension.",
        count,
    ).format(answer=answer_label(scored, scored.questionnaire.scale.min), count=count)


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
    scored: ScoredAnswers, agreed: Sequence[Priority] | None = None
) -> dict[str, Any]:
    """Everything a report shows about one person, in the run's language; plain data only. `agreed`:
    the priorities agreed in the dialogue (they take the place of the person's own)."""
    answers, q, p = scored.answers, scored.questionnaire, scored.profile
    dims = [_dimension(d, scored) for d in scored.result.dimensions]
    by_id = {d["id"]: d for d in dims}
    chosen = answers.priorities if agreed is None else agreed
    recommendations = modules_of(scored, by_id)
    order = order_by_priorities([r["id"] for r in recommendations], chosen, p)
    serving = chosen_modules(chosen, p, order)
    # a chosen module the answers did not call for is on the page too, with that reason
    # (UX review m27: an agreed "Tandem-Werkstatt" was named nowhere else), in its place
    extra = [m for m in serving if m not in order]
    if extra:
        recommendations += [chosen_module(scored, m, agreed is not None) for m in extra]
        order = (*serving, *(m for m in order if m not in serving))
    for r in recommendations:
        r["chosen"] = r["id"] in serving
    recommendations.sort(key=lambda r: order.index(r["id"]))
    for n, r in enumerate(recommendations):  # the cap counts places in the final order
        # a chosen module the answers did not call for is shown in full, pushing none out
        r["number"], r["most_important"] = n + 1, n < scored.result.most_important + len(extra)
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
                "range_text": _("{low}–{high} %").format(
                    low=format_number(b.from_, None), high=format_number(b.to, None)
                ),
            }
            for b in p.levels
        ],
        "dimensions": dims,
        "not_enough": [d for d in dims if not d["enough"]],
        "cannot_judge": sum(d["cannot_judge"] for d in dims),
        "not_applicable": sum(d["not_applicable"] for d in dims),
        "not_yet_note": not_yet_note(scored),
        "premise_note": premise_note(scored),
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
        "item_note": item_trigger_note(scored, recommendations),
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
    fmt: str,
    agreed: dict[int, Sequence[Priority]] | None = None,
    generated: str | None = None,
) -> dict[str, Any]:
    agreed = agreed or {}
    return {
        "lang": i18n.current_language(),
        "format": fmt,
        "generated": generated or format_date(datetime.now(UTC)),
        "people": [person_context(s, agreed.get(n)) for n, s in enumerate(people)],
    }


# --- rendering and writing ------------------------------------------------------------------


def _render(
    people: list[ScoredAnswers],
    fmt: Format | Literal["text"],
    template: Path | None = None,
    agreed: dict[int, Sequence[Priority]] | None = None,
) -> str:
    from netzkompetenz.views.render import render, render_user_template

    context = report_context(people, fmt, agreed)
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
    `report` writes for one answers file), in the run's language: a worker process starts
    in it (commands/batch/workers.py)."""

    def __init__(self, fmt: Format) -> None:
        from netzkompetenz.views.render import environment

        self.fmt = fmt
        self.template = environment().get_template(TEMPLATES[fmt])
        self.generated = format_date(datetime.now(UTC))

    def render(self, scored: ScoredAnswers) -> str:
        return self.template.render(**report_context([scored], self.fmt, generated=self.generated))


def render_person_report(scored: ScoredAnswers, fmt: Format) -> str:
    """One person's report as Markdown ("md") or self-contained HTML ("html")."""
    return _render([scored], fmt)


def format_of(path: Path) -> Format:
    wrong = _("{file}: the report file must end in .md or .html.").format(file=path)
    return output_format(Path(path), FORMATS, wrong)


def report_text(
    people: list[ScoredAnswers],
    path: Path,
    template: Path | None = None,
    agreed: dict[int, Sequence[Priority]] | None = None,
) -> str:
    """The report for `path`: its format follows the extension (.md, .html); a user
    template may write any text format. `agreed`: agreed priorities by person index."""
    fmt: Format | Literal["text"] = (
        FORMATS.get(Path(path).suffix.lower(), "text") if template else format_of(path)
    )
    return _render(people, fmt, template, agreed)
