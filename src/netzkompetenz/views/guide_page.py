"""The tandem's conversation guide (printable, A4, at most two pages): the view-model and its
rendering. What differs is decided in core/guide.py; the questions, answers and sentences
are worded here, so that the templates (guide.html, guide.md) only lay out plain data."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from netzkompetenz.core.answers import ScoredAnswers
from netzkompetenz.core.compare import Tandem
from netzkompetenz.core.dialogue import Priority
from netzkompetenz.core.guide import Guide
from netzkompetenz.core.pairs import (
    PAIR_DIFFERS,
    ConditionSituation,
    PairedStatement,
    SharedCondition,
)
from netzkompetenz.core.ratings import SelfOther
from netzkompetenz.i18n import _, ngettext, pick
from netzkompetenz.views.compare_page import side_by_side_note
from netzkompetenz.views.person_report import framework_answer
from netzkompetenz.views.render import render


@dataclass(frozen=True)
class Statement:
    """A paired statement as the guide shows it: the coordinator's wording first."""

    pair: str
    situation: str  # "leader_higher", "coordinator_higher", "agree" or "open"
    text: str  # the coordinator's statement
    leader_text: str
    coordinator_answer: str
    leader_answer: str
    difference: str | None  # whose answer is how many steps higher; None where they agree
    questions: tuple[str, ...]  # the open questions that fit (after the first one)
    # how many statements the questions are asked for here: where the same side rates
    # higher on several statements in a row, once after the last of them (0 on the others)
    covers: int = 1


@dataclass(frozen=True)
class Condition:
    """A shared condition as the guide shows it: the fact (the coordinator's wording; both
    questionnaires ask the same) and both answers in words."""

    id: str
    situation: str  # "differ", "both_no", "both_yes" or "open"
    text: str
    coordinator_answer: str
    leader_answer: str


@dataclass(frozen=True)
class Topic:
    """A shared module whose views differ (content without paired statements)."""

    module: str
    title: str


@dataclass(frozen=True)
class OwnPriority:
    title: str  # "K3 Title" for a dimension, the module's title for a module
    why: str | None


@dataclass(frozen=True)
class GuideView:
    leader: str  # names
    coordinator: str
    coordinator_organisation: str
    # the leader's, shown only where it is another than the coordinator's (UX review m25)
    leader_organisation: str | None
    tandem_id: str | None
    has_pairs: bool  # the questionnaires have paired statements
    pairs_intro: str
    first_question: str
    differ: tuple[Statement, ...]
    agree: tuple[Statement, ...]
    open: tuple[Statement, ...]
    themes_differ: tuple[Topic, ...]
    leader_priorities: tuple[OwnPriority, ...]
    coordinator_priorities: tuple[OwnPriority, ...]
    agreed_file: str  # where the tandem writes down what they agreed
    # with --ratings: the self–other differences beyond noise, as questions (issue 24)
    others_see: tuple[str, ...] = ()
    development: str = ""
    # the questionnaires share framework conditions (marked tandem): then they, not the
    # scores of two different dimensions, say where the two differ when there are no pairs
    has_shared_conditions: bool = False
    # the shared conditions (framework conditions marked tandem in both), by situation
    conditions_differ: tuple[Condition, ...] = ()
    conditions_both_no: tuple[Condition, ...] = ()
    conditions_agree: tuple[Condition, ...] = ()
    conditions_open: tuple[Condition, ...] = ()
    conditions_intro: str = ""
    condition_questions: tuple[str, ...] = ()
    both_no_question: str = ""
    open_heading: str = ""  # over the statements and conditions one of them left open
    # not compared (the leader is not the one responsible for the remit): why, and the
    # pairs and shared conditions side by side
    side_by_side: str = ""
    pairs_side_by_side: tuple[Statement, ...] = ()
    conditions_side_by_side: tuple[Condition, ...] = ()


def render_guide(
    found: Guide, fmt: str, agreed_file: str, others_see: Sequence[SelfOther] = ()
) -> str:
    """`others_see`: self beside others of the leader, the coordinator or both."""
    view = guide_view(found, agreed_file)
    if any(x.shown for x in others_see):
        from netzkompetenz.views.ratings_page import development_note, talking_questions

        names = {
            found.tandem.leader.questionnaire.id: view.leader,
            found.tandem.coordinator.questionnaire.id: view.coordinator,
        }
        view = dataclasses.replace(
            view,
            others_see=tuple(
                q for x in others_see for q in talking_questions(x, names[x.questionnaire.id])
            ),
            development=development_note(),
        )
    return render(f"guide.{fmt}", g=view)


def guide_view(found: Guide, agreed_file: str) -> GuideView:
    """The guide's content in the active language."""
    t = found.tandem
    return GuideView(
        leader=t.leader.answers.respondent.name,
        coordinator=t.coordinator.answers.respondent.name,
        coordinator_organisation=t.coordinator.answers.respondent.organisation,
        leader_organisation=_other_organisation(t),
        tandem_id=t.tandem_id,
        has_pairs=bool(found.pairs),
        pairs_intro=ngettext(
            "Paired statements: the same matter, each side in its own role. They count as "
            "different when the answers are {n} step or more apart; one step is within "
            "measurement noise.",
            "Paired statements: the same matter, each side in its own role. They count as "
            "different when the answers are {n} steps or more apart; one step is within "
            "measurement noise.",
            PAIR_DIFFERS,
        ).format(n=PAIR_DIFFERS),
        first_question=first_question(),
        differ=asked_once_per_run([_statement(found, p) for p in found.differ]),
        agree=tuple(_statement(found, p) for p in found.agree),
        open=tuple(_statement(found, p) for p in found.open),
        themes_differ=tuple(
            Topic(th.module, pick(t.leader.profile.module(th.module).title))
            for th in found.themes_differ
        ),
        leader_priorities=_priorities(t.leader),
        coordinator_priorities=_priorities(t.coordinator),
        agreed_file=agreed_file,
        has_shared_conditions=bool(t.conditions),
        conditions_differ=_conditions(found, "differ"),
        conditions_both_no=_conditions(found, "both_no"),
        conditions_agree=_conditions(found, "both_yes"),
        conditions_open=_conditions(found, "open"),
        conditions_intro=_(
            "Whether something is settled between you is a fact of the setting you share, "
            "not a matter of view: you both answered the same question with yes, no or "
            "don't know. Here one of you says yes and the other no."
        ),
        condition_questions=(
            _("What tells each of you whether this is settled between you?"),
            _("What would you have to set down so that you both describe it the same way?"),
        ),
        # not a norm: a written form may not be needed at all (twentieth read b)
        both_no_question=_("Do you need it? If so, who takes the first step by when?"),
        open_heading=_open_heading(found),
        side_by_side="" if t.compared else side_by_side_note(),
        pairs_side_by_side=() if t.compared else tuple(_statement(found, p) for p in found.pairs),
        conditions_side_by_side=() if t.compared else tuple(_condition(c) for c in t.conditions),
    )


def _open_heading(found: Guide) -> str:
    # the conditions left open or settled by neither join the statements left open under
    # one heading, so that a short conversation still fits on one sheet with its form
    if found.conditions("open") or found.conditions("both_no"):
        return _("Open points")
    return _("Not answered on the scale by one of you")


def _conditions(found: Guide, situation: ConditionSituation) -> tuple[Condition, ...]:
    return tuple(_condition(c) for c in found.conditions(situation))


def _condition(c: SharedCondition) -> Condition:
    return Condition(
        id=c.id,
        situation=c.situation,
        text=pick(c.coordinator_condition.text),
        coordinator_answer=framework_answer(c.coordinator),
        leader_answer=framework_answer(c.leader),
    )


def condition_option(c: SharedCondition, leader: str, coordinator: str) -> str:
    """A shared condition as `agree` offers it: what it says and both answers."""
    text = pick(c.coordinator_condition.text)
    if c.situation == "both_no":
        return _("Not settled yet, you both say: “{condition}”").format(condition=text)
    return _("Described differently: “{condition}” ({leader}: {a}, {coordinator}: {b})").format(
        condition=text,
        leader=leader,
        coordinator=coordinator,
        a=framework_answer(c.leader),
        b=framework_answer(c.coordinator),
    )


def _other_organisation(t: Tandem) -> str | None:
    """The leader's organisation where it is not the coordinator's (a leader at a freier
    Träger, the coordinator at the Jugendamt)."""
    own = t.leader.answers.respondent.organisation
    return own if own and own != t.coordinator.answers.respondent.organisation else None


def _statement(found: Guide, p: PairedStatement) -> Statement:
    t = found.tandem
    return Statement(
        pair=p.pair,
        situation=p.situation,
        text=pick(p.coordinator_item.text),
        leader_text=pick(p.leader_item.text),
        coordinator_answer=answer(t.coordinator, p.coordinator_item.id),
        leader_answer=answer(t.leader, p.leader_item.id),
        difference=difference(p) if p.differs and t.compared else None,
        questions=tuple(questions(p)),
    )


def _priorities(s: ScoredAnswers) -> tuple[OwnPriority, ...]:
    return tuple(OwnPriority(priority_title(s, p), p.why) for p in s.answers.priorities)


def asked_once_per_run(statements: list[Statement]) -> tuple[Statement, ...]:
    """The same two questions after every statement of a run read as a form, not a
    conversation (and pushed the agreement form off the first sheet): asked once, after
    the last statement of each run in which the same side rates higher."""
    out: list[Statement] = []
    run = 0
    for n, statement in enumerate(statements):
        run += 1
        later = statements[n + 1] if n + 1 < len(statements) else None
        if later is not None and later.situation == statement.situation:
            out.append(dataclasses.replace(statement, covers=0))
        else:
            out.append(dataclasses.replace(statement, covers=run))
            run = 0
    return tuple(out)


def first_question() -> str:
    """The question for every statement where the two differ (printed once, above them)."""
    return _(
        "What does each of you have in mind when you read this statement: which "
        "situation, which example?"
    )


def questions(p: PairedStatement) -> list[str]:
    """Open questions that fit who rates higher (after the first one, for every statement)."""
    if p.situation == "leader_higher":
        return [
            _(
                "What does the coordinator experience day to day that is hard to see "
                "from the leader's position?"
            ),
            _(
                "What would have to change so that the coordinator can agree with their "
                "own statement too, and who does what?"
            ),
        ]
    if p.situation == "coordinator_higher":
        return [
            _(
                "What makes the coordinator confident in their part here, and what "
                "would help the leader with theirs?"
            ),
            _(
                "How can the leader learn more of this in future: reports, joint "
                "meetings, a visit to the network?"
            ),
        ]
    if p.situation == "agree":
        # equal answers on one's own judgement need not mean the same judgement (P4)
        return [
            _(
                "Each of you name an example from the last twelve months: do you mean the "
                "same thing?"
            )
        ]
    return [_("Who could judge this, and how will you find out?")]


def answer(s: ScoredAnswers, item_id: str) -> str:
    """An answer as its scale label and value, or the no-score answer."""
    value = s.answers.values.get(item_id)
    scale = s.questionnaire.scale
    if value is None:
        return _("not answered")
    if isinstance(value, str):
        label = getattr(scale, value, None)
        return pick(label) if isinstance(label, dict) else value
    point = next(p for p in scale.points if p.value == value)
    return f"{pick(point.label)} ({value})"


def difference(p: PairedStatement) -> str:
    steps = round(abs(p.difference or 0))
    if p.situation == "leader_higher":
        return ngettext(
            "The leader's answer is {steps} step higher.",
            "The leader's answer is {steps} steps higher.",
            steps,
        ).format(steps=steps)
    return ngettext(
        "The coordinator's answer is {steps} step higher.",
        "The coordinator's answer is {steps} steps higher.",
        steps,
    ).format(steps=steps)


def priority_title(s: ScoredAnswers, p: Priority) -> str:
    if p.dimension is not None:
        return f"{p.dimension} {pick(s.questionnaire.dimension(p.dimension).title)}"
    assert p.module is not None  # not a dimension: a module (priority_problems checks it)
    return pick(s.profile.module(p.module).title)
