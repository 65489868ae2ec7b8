"""Where a respondent is in the self-check: the next step, going back, resuming. No I/O.

The steps, in order: the context questions (v2, unscored); the items that are asked
(`scoring.applicable_items`: an item with a condition is asked only when the earlier answer or
the context answer it depends on makes it hold), after the last asked item of a dimension its
reflection prompt (v2, when it has one); the framework checklist (v2); and, at a second check
(`retro`), the then-rating per dimension. One walk over all of them, so that going back and
resuming work the same across the kinds.

Forward from a step it goes to the next step that is still open or was already shown in this
session, so that "back, back, forward, forward" steps through the same steps again, while a
resumed or updated answers file goes straight to what is still open. A reflection is done
once shown (an empty text means skipped), a framework entry once answered. A context question
or then-rating may be left without an answer, which the answers file cannot hold: it counts
as done once a later step has an answer (the person went past it).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from netzkompetenz.core.answers import Answers
from netzkompetenz.core.model import (
    FRAMEWORK_ANSWERS,
    ContextQuestion,
    Dimension,
    FrameworkItem,
    Item,
    Questionnaire,
)
from netzkompetenz.core.scoring import AnswerValue, applicable_items

BACK: Final = "__back__"  # the answer that is none: one step back


@dataclass(frozen=True)
class Context:
    """A context question before the items (unscored; decides which items fit)."""

    question: ContextQuestion

    @property
    def id(self) -> str:
        return f"context:{self.question.id}"


@dataclass(frozen=True)
class Reflection:
    """The optional free-text example after a dimension's last item (never scored)."""

    dimension: Dimension

    @property
    def id(self) -> str:
        return f"reflection:{self.dimension.id}"


@dataclass(frozen=True)
class Framework:
    """One entry of the framework checklist: yes / no / unknown."""

    entry: FrameworkItem

    @property
    def id(self) -> str:
        return f"framework:{self.entry.id}"


@dataclass(frozen=True)
class Retro:
    """The then-rating of one dimension at a second check (Howard et al. 1979)."""

    dimension: Dimension

    @property
    def id(self) -> str:
        return f"retro:{self.dimension.id}"


Step = Context | Item | Reflection | Framework | Retro


@dataclass(frozen=True)
class Position:
    """What the respondent sees as "Dimension k/n · Frage i/N" (all 1-based). With
    conditional items the total is fixed up front at every item that may be asked and
    `about` is True ("Frage 33 von etwa 42"): a total that jumps mid-run misleads more.
    A context question, framework entry or then-rating has dimension 0 and its place in
    its own list."""

    dimension: int
    dimensions: int
    index: int
    total: int
    about: bool = False


class Walk:
    def __init__(
        self,
        questionnaire: Questionnaire,
        values: Mapping[str, AnswerValue],
        context: Mapping[str, str] | None = None,
        reflections: Mapping[str, str] | None = None,
        framework: Mapping[str, str] | None = None,
        retro: Mapping[str, int] | None = None,
        *,
        ask_retro: bool = False,
    ):
        self.questionnaire = questionnaire
        self.values = dict(values)
        self.context = dict(context or {})
        self.reflections = dict(reflections or {})
        self.framework = dict(framework or {})
        self.retro = dict(retro or {})
        self.ask_retro = ask_retro
        self.current: Step | None = None
        self.visited: set[str] = set()
        self._came_from: Step | None = None

    def asked(self) -> list[Item]:
        return applicable_items(self.questionnaire, self.values, self.context)

    def steps(self) -> list[Step]:
        q = self.questionnaire
        out: list[Step] = [Context(c) for c in q.context]
        asked = self.asked()
        for n, item in enumerate(asked):
            out.append(item)
            last_of_dimension = n + 1 == len(asked) or asked[n + 1].dimension != item.dimension
            dim = q.dimension(item.dimension)
            if last_of_dimension and dim.reflection is not None:
                out.append(Reflection(dim))
        out += [Framework(entry) for entry in q.framework]
        if self.ask_retro:
            out += [Retro(d) for d in q.dimensions]
        return out

    def _answered(self, step: Step) -> bool:
        if isinstance(step, Context):
            return step.question.id in self.context
        if isinstance(step, Reflection):
            return step.dimension.id in self.reflections
        if isinstance(step, Framework):
            return step.entry.id in self.framework
        if isinstance(step, Retro):
            return step.dimension.id in self.retro
        return step.id in self.values

    def open_steps(self) -> list[Step]:
        out: list[Step] = []
        later_answered = False
        for step in reversed(self.steps()):
            answered = self._answered(step)
            passed = isinstance(step, Context | Retro) and (
                later_answered or step.id in self.visited
            )
            if not answered and not passed:
                out.append(step)
            later_answered = later_answered or answered
        return out[::-1]

    def open_items(self) -> list[Item]:
        return [item for item in self.asked() if item.id not in self.values]

    @property
    def complete(self) -> bool:
        return not self.open_steps()

    def start(self) -> Step | None:
        """Resume at the first open step (None: everything answered)."""
        self._came_from = None
        self.current = next(iter(self.open_steps()), None)
        return self.current

    def review(self) -> Step | None:
        """Go through every step again from the first, answers pre-selected."""
        steps = self.steps()
        self.visited = {step.id for step in steps}
        self._came_from = None
        self.current = steps[0] if steps else None
        return self.current

    def answer(self, value: AnswerValue | str | None) -> Step | None:
        """Record the current step's answer and move on; None when nothing is left. For a
        reflection the value is its text ("" skips it), for a framework entry yes/no/unknown,
        for a context question an option id, for a then-rating a scale value; None leaves a
        context question or then-rating without an answer."""
        step = self.current
        if step is None:
            raise ValueError("no current step to answer")
        if isinstance(step, Context):
            if value is None:
                self.context.pop(step.question.id, None)
            elif value in [o.id for o in step.question.options]:
                self.context[step.question.id] = str(value)
            else:
                raise ValueError(f"'{value}' is not an option of {step.question.id}")
        elif isinstance(step, Retro):
            if value is None:
                self.retro.pop(step.dimension.id, None)
            else:
                self.retro[step.dimension.id] = int(value)
        elif isinstance(step, Reflection):
            self.reflections[step.dimension.id] = str(value or "")
        elif isinstance(step, Framework):
            if value not in FRAMEWORK_ANSWERS:
                raise ValueError(f"framework answer must be one of {FRAMEWORK_ANSWERS}")
            self.framework[step.entry.id] = str(value)
        else:
            if value is None:
                raise ValueError("an item needs an answer")
            self.values[step.id] = value  # type: ignore[assignment]  # a scale value or a no-score code, as answered
        self.visited.add(step.id)
        steps = self.steps()
        later = steps[self._index(steps, step) + 1 :]
        opened = {s.id for s in self.open_steps()}
        nxt = next((s for s in later if s.id in opened or s.id in self.visited), None)
        # An answer changed on the way back can open an item before this one only in theory
        # (conditions point backwards); looking for any open step keeps the walk honest.
        self._move(step, nxt or next(iter(self.open_steps()), None))
        return self.current

    def can_go_back(self) -> bool:
        steps = self.steps()
        return bool(steps) and (self.current is None or self._index(steps, self.current) > 0)

    def back(self) -> Step | None:
        """To the previous step (from the end: to the last one); stays at the first."""
        steps = self.steps()
        if not steps:
            return self.current
        if self.current is None:
            self._move(None, steps[-1])
        else:
            index = self._index(steps, self.current)
            if index > 0:
                self._move(self.current, steps[index - 1])
        if self.current is not None:
            self.visited.add(self.current.id)
        return self.current

    def value(self) -> AnswerValue | str | None:
        """The current step's earlier answer, to pre-select it."""
        step = self.current
        if isinstance(step, Context):
            return self.context.get(step.question.id)
        if isinstance(step, Reflection):
            return self.reflections.get(step.dimension.id)
        if isinstance(step, Framework):
            return self.framework.get(step.entry.id)
        if isinstance(step, Retro):
            return self.retro.get(step.dimension.id)
        return None if step is None else self.values.get(step.id)

    def enters_dimension(self) -> bool:
        """True when the current item is the first shown of its dimension: time to show the
        dimension's title and description."""
        if not isinstance(self.current, Item):
            return False
        return _dimension_of(self._came_from) != self.current.dimension

    def enters(self, kind: type) -> bool:
        """True when the current step is the first of its kind (Context, Framework, Retro)
        shown in a row: time for that part's heading."""
        return isinstance(self.current, kind) and not isinstance(self._came_from, kind)

    def position(self) -> Position:
        """For an item: its place among the asked items; for a context question, framework
        entry or then-rating: its place in its list (dimension 0); for a reflection: that of
        its dimension's last item."""
        step = self.current
        if step is None:
            raise ValueError("no current step")
        q = self.questionnaire
        if isinstance(step, Context | Framework | Retro):
            ids = [s.id for s in self.steps() if isinstance(s, type(step))]
            return Position(0, 0, ids.index(step.id) + 1, len(ids))
        dims = [d.id for d in q.dimensions]
        asked = self.asked()
        if isinstance(step, Reflection):
            item = [i for i in asked if i.dimension == step.dimension.id][-1]
        else:
            item = step
        total, about = self.total()
        return Position(
            dims.index(item.dimension) + 1, len(dims), self._index(asked, item) + 1, total, about
        )

    def total(self) -> tuple[int, bool]:
        """How many questions the run has: the items that may be asked with the context
        given so far (an item for another employer does not count); exact when none of them
        depends on an answer still to come, else an estimate (True)."""
        questions = {c.id for c in self.questionnaire.context}
        past = bool(self.values or self.reflections or self.framework or self.retro)
        passed = {
            c.id
            for c in self.questionnaire.context
            if c.id in self.context or past or Context(c).id in self.visited
        }
        count, about = 0, False
        for item in self.questionnaire.items:
            cond = item.condition
            if cond is not None and cond.context in questions and cond.context in passed:
                if self.context.get(cond.context) not in (cond.in_ or []):
                    continue  # decided: not asked
            elif cond is not None:
                about = True  # decided by an answer still to come
            count += 1
        return count, about

    def answered(self) -> int:
        """Answers given to the items that are asked (for "15 von 42 Fragen")."""
        return sum(1 for item in self.asked() if item.id in self.values)

    def _move(self, came_from: Step | None, to: Step | None) -> None:
        self._came_from = came_from
        self.current = to

    @staticmethod
    def _index(steps: Sequence[Step], step: Step) -> int:
        return [s.id for s in steps].index(step.id)


def walk_of(questionnaire: Questionnaire, answers: Answers, *, ask_retro: bool = False) -> Walk:
    """The walk over an answers file's steps (answers to items the questionnaire no longer
    has left out)."""
    known = {item.id for item in questionnaire.items}
    return Walk(
        questionnaire,
        {k: v for k, v in answers.values.items() if k in known},
        answers.context,
        answers.reflections,
        answers.framework,
        answers.retro,
        ask_retro=ask_retro,
    )


def go_through(
    walk: Walk,
    ask: Callable[[Walk], AnswerValue | str | None],
    finished: Callable[[], bool],
    answered: Callable[[Walk], None],
) -> None:
    """Ask every step until the walk is done and `finished()` confirms the end (else one
    step back). `ask` gives the current step's answer or BACK; `answered` keeps (and
    saves) each answer at once. The check and the rating walk the same way."""
    while True:
        if walk.current is None:
            if finished():
                return
            walk.back()
            continue
        value = ask(walk)
        if value == BACK:
            walk.back()
            continue
        walk.answer(value)
        answered(walk)


def _dimension_of(step: Step | None) -> str | None:
    if isinstance(step, Item):
        return step.dimension
    if isinstance(step, Reflection):
        return step.dimension.id
    return None
