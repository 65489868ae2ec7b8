"""The check's walk as the tests answer it: a plan of (step, value) in the order the check
asks, answered with a fixed, varied pattern; the plan typed into a real terminal
(helpers.Terminal) step by step."""

from __future__ import annotations

from netzkompetenz.core.checkflow import Context, Walk
from netzkompetenz.core.model import CANNOT_JUDGE, NOT_APPLICABLE, Questionnaire
from netzkompetenz.io.catalog import Catalog


def pattern(questionnaire: Questionnaire, item_id: str):
    """A fixed, varied answer per step: every scale point, "cannot judge" and (v2) "not
    applicable" now and then; a text for the first reflection, the others skipped; yes, no
    and don't know in turn on the framework checklist."""
    if item_id.startswith(REFLECTION):
        first = next(d.id for d in questionnaire.dimensions if d.reflection is not None)
        return "Netzwerkkarte mit dem Jugendamt erstellt" if item_id == REFLECTION + first else ""
    if item_id.startswith(FRAMEWORK):
        index = [f.id for f in questionnaire.framework].index(item_id[len(FRAMEWORK) :])
        return ("yes", "no", "unknown")[index % 3]
    index = [i.id for i in questionnaire.items].index(item_id)
    if index % 6 == 5:
        return CANNOT_JUDGE
    if index % 10 == 9 and questionnaire.scale.not_applicable is not None:
        return NOT_APPLICABLE
    points = questionnaire.scale.points
    return points[(index * 3) % len(points)].value


REFLECTION, FRAMEWORK = "reflection:", "framework:"
# the context a test person gives in the bundled questionnaires (the other questions skipped)
CONTEXT = {"employer": "traeger", "tenure": "ueber_drei_jahre"}


def plan(
    questionnaire: Questionnaire,
    answer=pattern,
    values=None,
    context=None,
    reflections=None,
    framework=None,
) -> list[tuple[str, object]]:
    """(step, value) in the order the check asks them after the context questions (given
    by `context`, the others left without an answer; see context_choices), answering with
    `answer`: items by their id, reflections as "reflection:<dimension>", framework
    entries as "framework:<id>"."""
    context = context or {}
    walk = Walk(questionnaire, values or {}, context if values else {}, reflections, framework)
    walk.start()
    asked = []
    while walk.current is not None:
        if isinstance(walk.current, Context):
            walk.answer(context.get(walk.current.question.id))
            continue
        value = answer(questionnaire, walk.current.id)
        asked.append((walk.current.id, value))
        walk.answer(value)
    return asked


def items_of(asked) -> dict:
    """The item answers of a plan, as the answers file's `values`."""
    return {k: v for k, v in asked if not k.startswith((REFLECTION, FRAMEWORK))}


def reflections_of(asked) -> dict:
    return {k[len(REFLECTION) :]: v for k, v in asked if k.startswith(REFLECTION)}


def framework_of(asked) -> dict:
    return {k[len(FRAMEWORK) :]: v for k, v in asked if k.startswith(FRAMEWORK)}


def context_choices(questionnaire: Questionnaire, context: dict) -> list[str]:
    """The key per context question: the option's number, 0 = no answer."""
    return [
        str([o.id for o in c.options].index(context[c.id]) + 1) if c.id in context else "0"
        for c in questionnaire.context
    ]


def answer_key(q: Questionnaire, value) -> str:
    """The key that gives an item's answer in the check: the point's number, 0, 9."""
    if value == CANNOT_JUDGE:
        return "0"
    if value == NOT_APPLICABLE:
        return "9"
    return str([p.value for p in q.scale.points].index(value) + 1)


def answer_step(term, q: Questionnaire, step: str, value, n: int) -> int:
    """One step of a plan typed into a Terminal: an item by its key once "Frage n" shows,
    a reflection by 1 and its text or by 0 (none), a framework entry by 1/2/3. Returns the
    number of the next item."""
    if step.startswith(REFLECTION):
        term.wait_for("0) Kein Beispiel, weiter")  # the live choice (its echo has no key)
        if value:
            term.send("1", "Enter")
            term.wait_for("Ihr Beispiel")
            term.send(value)
        else:
            term.send("0")
        term.send("Enter")
        return n
    if step.startswith(FRAMEWORK):
        index = [f.id for f in q.framework].index(step[len(FRAMEWORK) :]) + 1
        term.wait_for(f"Rahmenbedingung {index}/", after="3) ")
        term.send({"yes": "1", "no": "2", "unknown": "3"}[value], "Enter")
        return n
    term.wait_for(f"Frage {n}", after="0) ")  # "1/6" or "1 von etwa 42"
    term.send(answer_key(q, value), "Enter")
    return n + 1


def answer_items(term, q: Questionnaire, asked, first_index: int = 1) -> None:
    """Every step of a plan, typed in (see answer_step)."""
    n = first_index
    for step, value in asked:
        n = answer_step(term, q, step, value, n)


def give_context(term, q: Questionnaire, context: dict) -> None:
    """The context questions answered with `context` (the others by 0: no answer)."""
    for n, key in enumerate(context_choices(q, context), 1):
        term.wait_for(f"Ihrer Situation {n}/", after="0) ")
        term.send(key, "Enter")


def past_context(q: Questionnaire, context: dict) -> Walk:
    """The check's walk once past the context questions, answered with `context`."""
    walk = Walk(q, {}, context)
    walk.visited = {Context(c).id for c in q.context}
    return walk


def question_total(q: Questionnaire, context: dict) -> tuple[int, bool]:
    """The check's question count once past the context questions, answered with
    `context` ("Frage n von etwa N")."""
    return past_context(q, context).total()


def every_context(q: Questionnaire, ids: tuple[str, ...]) -> list[dict[str, str]]:
    """Every combination of answers to the context questions `ids` the questionnaire has."""
    questions = {c.id: c for c in q.context}
    contexts: list[dict[str, str]] = [{}]
    for cid in ids:
        if cid in questions:
            contexts = [c | {cid: o.id} for c in contexts for o in questions[cid].options]
    return contexts


def bundled_coordinator() -> tuple[Catalog, Questionnaire]:
    """The bundled coordinator profile's catalogue and questionnaire, looked up by role."""
    catalog = Catalog.load([])
    return catalog, catalog.questionnaire_of(catalog.profile_for_role("coordinator"))
