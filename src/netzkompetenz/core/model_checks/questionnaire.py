"""The rules of a questionnaire: texts, answer codes, ids, items and their conditions."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from netzkompetenz.core.model import (
    Condition,
    ContextQuestion,
    Dimension,
    FrameworkItem,
    Item,
    Loc,
    Questionnaire,
    ScalePoint,
)
from netzkompetenz.core.model_checks.common import (
    Finding,
    Findings,
    each,
    suggest,
    translated,
    unique,
    unknown_dimension,
)
from netzkompetenz.errors import N_, Message, msg

QuestionnaireRule = Callable[[Questionnaire], Iterable[Finding]]


# --- questionnaire: texts, codes and ids ---------------------------------------------------


def _texts_translated(q: Questionnaire) -> Findings:
    yield from translated(q.title, q.languages, ("title",))
    yield from translated(q.description, q.languages, ("description",))
    yield from translated(q.scale.cannot_judge, q.languages, ("scale", "cannot_judge"))
    yield from translated(q.scale.not_applicable, q.languages, ("scale", "not_applicable"))


def _answer_codes_distinct(q: Questionnaire) -> Findings:
    """The codes of 'cannot judge' and 'not applicable' differ from the points' codes."""
    codes = q.scale.codes
    if codes is None:
        return
    if codes.not_applicable is not None and q.scale.not_applicable is None:
        yield (
            ("scale", "codes", "not_applicable"),
            msg(N_("a code for 'not applicable' needs scale.not_applicable (its label)")),
        )
    # Survey cells are compared without case (io/survey_tools.normalise): codes must differ so.
    taken: dict[str, Message | str] = {
        p.code.casefold(): msg(N_("point {value}"), value=p.value) for p in q.scale.points if p.code
    }
    for name in ("cannot_judge", "not_applicable"):
        code = getattr(codes, name)
        if code is None:
            continue
        if code.casefold() in taken:
            yield (
                ("scale", "codes", name),
                msg(
                    N_("code '{code}' is already the code of {owner}"),
                    code=code,
                    owner=taken[code.casefold()],
                ),
            )
        taken[code.casefold()] = name  # the YAML key: not translated


def _context_question_translated(q: Questionnaire, i: int, question: ContextQuestion) -> Findings:
    yield from translated(question.text, q.languages, ("context", i, "text"))
    for k, option in enumerate(question.options):
        yield from translated(option.label, q.languages, ("context", i, "options", k, "label"))


def _context_options_unique(q: Questionnaire, i: int, question: ContextQuestion) -> Findings:
    options = (o.id for o in question.options)
    yield from unique(options, ("context", i, "options"), N_("duplicate option '{id}'"))


def _context_ids_unique(q: Questionnaire) -> Findings:
    yield from unique(
        (c.id for c in q.context), ("context",), N_("duplicate context question '{id}'")
    )


def _framework_entry_translated(q: Questionnaire, i: int, entry: FrameworkItem) -> Findings:
    yield from translated(entry.text, q.languages, ("framework", i, "text"))
    if entry.if_no is not None:
        yield from translated(entry.if_no, q.languages, ("framework", i, "if_no"))


def _framework_ids_unique(q: Questionnaire) -> Findings:
    yield from unique(
        (f.id for f in q.framework), ("framework",), N_("duplicate framework id '{id}'")
    )


def _scale_point_translated(q: Questionnaire, i: int, point: ScalePoint) -> Findings:
    yield from translated(point.label, q.languages, ("scale", "points", i, "label"))


def _scale_values_unique(q: Questionnaire) -> Findings:
    values = (str(p.value) for p in q.scale.points)
    yield from unique(values, ("scale", "points"), N_("duplicate scale value {value}"), key="value")


def _dimension_translated(q: Questionnaire, i: int, dim: Dimension) -> Findings:
    yield from translated(dim.title, q.languages, ("dimensions", i, "title"))
    yield from translated(dim.description, q.languages, ("dimensions", i, "description"))
    yield from translated(dim.reflection, q.languages, ("dimensions", i, "reflection"))


def _dimension_ids_unique(q: Questionnaire) -> Findings:
    yield from unique(
        (d.id for d in q.dimensions), ("dimensions",), N_("duplicate dimension id '{id}'")
    )


def _item_ids_unique(q: Questionnaire) -> Findings:
    yield from unique((it.id for it in q.items), ("items",), N_("duplicate item id '{id}'"))


def _dimensions_have_items(q: Questionnaire) -> Findings:
    for i, dim in enumerate(q.dimensions):
        if not q.items_of(dim.id):
            yield ("dimensions", i, "id"), msg(N_("dimension '{id}' has no items"), id=dim.id)


def _min_answered_reachable(q: Questionnaire) -> Findings:
    """A dimension with fewer items than min_answered could never be scored."""
    for dim in q.dimensions:
        count = len(q.items_of(dim.id))
        if 0 < count < q.min_answered:
            text = N_(
                "min_answered {min} is more than the {count} items of dimension '{id}': "
                "it could never be scored"
            )
            yield ("min_answered",), msg(text, min=q.min_answered, count=count, id=dim.id)


def _pairs_unique(q: Questionnaire) -> Findings:
    """A pair links one statement to one in the other role's questionnaire."""
    paired: dict[str, str] = {}
    for i, item in enumerate(q.items):
        if item.pair is None:
            continue
        if item.pair in paired:
            yield (
                ("items", i, "pair"),
                msg(
                    N_(
                        "pair '{pair}' is already on item '{item}'; a pair links one "
                        "statement to one in the other role's questionnaire"
                    ),
                    pair=item.pair,
                    item=paired[item.pair],
                ),
            )
        paired.setdefault(item.pair, item.id)


# --- questionnaire: each item and its condition ---------------------------------------------


def _item_translated(q: Questionnaire, i: int, item: Item) -> Findings:
    yield from translated(item.text, q.languages, ("items", i, "text"))


def _item_dimension_known(q: Questionnaire, i: int, item: Item) -> Findings:
    dim_ids = {d.id for d in q.dimensions}
    if item.dimension not in dim_ids:
        yield unknown_dimension(("items", i, "dimension"), item.dimension, dim_ids)


def _item_framework_known(q: Questionnaire, i: int, item: Item) -> Findings:
    """The framework conditions that can explain a low answer are entries of the checklist."""
    entries = {f.id for f in q.framework}
    for k, entry in enumerate(item.framework):
        if entry not in entries:
            hint = suggest(entry, entries)
            text = N_("unknown framework condition '{id}'{hint}")
            yield ("items", i, "framework", k), msg(text, id=entry, hint=hint)


def _premise_on_a_reversal(q: Questionnaire, i: int, item: Item) -> Findings:
    """`premise` says how a rejected reversal is read; a regular item has no such reading."""
    if item.premise and not item.reverse:
        yield ("items", i, "premise"), msg(N_("'premise' is only for reverse-keyed items"))


def _context_condition_valid(q: Questionnaire, i: int, item: Item) -> Findings:
    """A condition without an item names a context question and some of its options."""
    cond = item.condition
    if cond is None or cond.item is not None:
        return
    yield from _context_condition_known(q, cond, ("items", i, "condition"))


def _tandem_when_valid(q: Questionnaire) -> Findings:
    """`tandem_when` names a context question and some of its options, never an item: the
    comparison depends on who the two are, not on an answer."""
    cond = q.tandem_when
    if cond is None:
        return
    if cond.item is not None:
        yield (
            ("tandem_when", "item"),
            msg(N_("'tandem_when' names a context question, not an item")),
        )
        return
    yield from _context_condition_known(q, cond, ("tandem_when",))


def _context_condition_known(q: Questionnaire, cond: Condition, loc: Loc) -> Findings:
    if cond.context is None:
        text = N_("condition needs 'item' (an earlier item) or 'context' (a context question)")
        yield loc, msg(text)
        return
    if cond.min is not None or cond.max is not None:
        yield loc, msg(N_("a context condition takes 'in' (options), not min/max"))
    questions = {c.id: c for c in q.context}
    question = questions.get(cond.context)
    if question is None:
        hint = suggest(cond.context, questions)
        text = N_("unknown context question '{id}'{hint}")
        yield loc + ("context",), msg(text, id=cond.context, hint=hint)
    elif not cond.in_:
        yield loc, msg(N_("a context condition needs 'in': the options that open the item"))
    else:
        yield from _context_options_known(question, cond.in_, loc)


def _context_options_known(question: ContextQuestion, named: list[str], loc: Loc) -> Findings:
    options = [o.id for o in question.options]
    for k, option in enumerate(named):
        if option not in options:
            text = N_("'{option}' is not an option of context question '{id}'{hint}")
            hint = suggest(option, options)
            yield loc + ("in", k), msg(text, option=option, id=question.id, hint=hint)


def _item_condition_names_one_kind(q: Questionnaire, i: int, item: Item) -> Findings:
    cond = item.condition
    if cond is None or cond.item is None:
        return
    if cond.context is not None or cond.in_ is not None:
        text = N_(
            "a condition names either an item (with min/max) or a context question "
            "(with in), not both"
        )
        yield ("items", i, "condition"), msg(text)


def _item_condition_refers_to_earlier(q: Questionnaire, i: int, item: Item) -> Findings:
    """An item's condition names an item asked before it, so the check can evaluate it."""
    cond = item.condition
    if cond is None or cond.item is None:
        return
    if cond.item not in {earlier.id for earlier in q.items[:i]}:
        text = (
            N_(
                "condition refers to a later item '{item}'; it must name an item asked "
                "before this one"
            )
            if cond.item in {it.id for it in q.items}
            else N_(
                "condition refers to an unknown item '{item}'; it must name an item "
                "asked before this one"
            )
        )
        yield ("items", i, "condition", "item"), msg(text, item=cond.item)


def _item_condition_can_hold(q: Questionnaire, i: int, item: Item) -> Findings:
    cond = item.condition
    if cond is None or cond.item is None:
        return
    low, high = cond.min, cond.max
    if low is None and high is None:
        yield ("items", i, "condition"), msg(N_("condition needs 'min' or 'max'"))
    elif (low if low is not None else q.scale.min) > (high if high is not None else q.scale.max):
        yield ("items", i, "condition"), msg(N_("condition can never hold"))


# --- rater versions (Fremdeinschätzung, issue 24) ------------------------------------------


def _rater_labels_translated(q: Questionnaire) -> Findings:
    if q.rater is None:
        return
    for k, label in enumerate(q.rater.points):
        yield from translated(label, q.languages, ("rater", "points", k))
    yield from translated(q.rater.cannot_judge, q.languages, ("rater", "cannot_judge"))
    yield from translated(q.rater.introduction, q.languages, ("rater", "introduction"))


def _rater_label_per_scale_point(q: Questionnaire) -> Findings:
    if q.rater is not None and len(q.rater.points) != len(q.scale.points):
        yield (
            ("rater", "points"),
            msg(
                N_("{found} rater labels for a scale of {points} points"),
                found=len(q.rater.points),
                points=len(q.scale.points),
            ),
        )


def _rater_versions_have_labels(q: Questionnaire) -> Findings:
    rated = [i for i, item in enumerate(q.items) if item.rater is not None]
    if q.rater is None and rated:
        yield (
            ("items", rated[0], "rater"),
            msg(N_("items have rater versions, but the questionnaire has no 'rater' labels")),
        )


def _rater_version_translated(q: Questionnaire, i: int, item: Item) -> Findings:
    if item.rater is not None:
        yield from translated(item.rater.text, q.languages, ("items", i, "rater", "text"))


def _rater_version_without_condition(q: Questionnaire, i: int, item: Item) -> Findings:
    """A condition on an earlier item depends on the person's own answer, which a rater does
    not know: such an item is not one every rater is asked. A context condition names the
    person's situation (a leader responsible for a coordinator): every rater is asked the
    item, and one who cannot see it answers "cannot judge" (core/ratings.py)."""
    if item.rater is not None and item.condition is not None and item.condition.item:
        yield (
            ("items", i, "rater"),
            msg(
                N_(
                    "an item with a condition has no rater version: a rater does not "
                    "know the answer it depends on"
                )
            ),
        )


RULES: tuple[QuestionnaireRule, ...] = (
    _texts_translated,
    _answer_codes_distinct,
    each(lambda q: q.context, _context_question_translated, _context_options_unique),
    _context_ids_unique,
    _tandem_when_valid,
    each(lambda q: q.framework, _framework_entry_translated),
    _framework_ids_unique,
    each(lambda q: q.scale.points, _scale_point_translated),
    _scale_values_unique,
    each(lambda q: q.dimensions, _dimension_translated),
    _dimension_ids_unique,
    _item_ids_unique,
    each(
        lambda q: q.items,
        _item_translated,
        _item_dimension_known,
        _item_framework_known,
        _premise_on_a_reversal,
        _context_condition_valid,
        _item_condition_names_one_kind,
        _item_condition_refers_to_earlier,
        _item_condition_can_hold,
    ),
    _dimensions_have_items,
    _min_answered_reachable,
    _pairs_unique,
    _rater_labels_translated,
    _rater_label_per_scale_point,
    _rater_versions_have_labels,
    each(lambda q: q.items, _rater_version_translated, _rater_version_without_condition),
)
