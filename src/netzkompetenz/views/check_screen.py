"""The self-check's screen: what the check shows and asks, step by step – the welcome and
introduction, each kind of question with its keys, the summary and where the report is.
`rate` uses it with its own introduction (views/rate_screen.py). What comes next, going
back, resuming and saving are decided by commands/check.py and core/checkflow.Walk."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final, Literal

from netzkompetenz.core.answers import Answers, Respondent, ScoredAnswers
from netzkompetenz.core.checkflow import BACK, Context, Framework, Reflection, Retro, Walk
from netzkompetenz.core.model import CANNOT_JUDGE, NOT_APPLICABLE, ROLES, Item, Questionnaire
from netzkompetenz.core.scoring import AnswerValue
from netzkompetenz.i18n import (
    _,
    current_language,
    format_date,
    format_datetime,
    ngettext,
    pgettext,
    pick,
)
from netzkompetenz.io.interrupts import terminal_gone
from netzkompetenz.io.survey_tools import not_applicable_remark
from netzkompetenz.views import prompts
from netzkompetenz.views.screen import Screen

LEAVE_OUT: Final = "__leave_out__"
WRITE: Final = "__write__"
SECONDS_PER_ITEM = 20  # the estimate when a questionnaire does not say its `minutes`

Choices = list[tuple[str, Any, str | None]]


def back_key() -> str:
    return pgettext("key for back", "b")


def with_back(choices: Choices, can_go_back: bool) -> Choices:
    if can_go_back:
        choices.append((_("← back"), BACK, back_key()))
    return choices


def scale_choices(questionnaire: Questionnaire) -> Choices:
    """The scale's points by their numbers, 1 the lowest."""
    return [
        (pick(point.label), point.value, str(n) if n <= 9 else None)
        for n, point in enumerate(questionnaire.scale.points, 1)
    ]


def question_count(walk: Walk) -> str:
    """„42 Fragen“, „etwa 42 Fragen“: the count the progress line says too."""
    total, about = walk.total()
    return (
        ngettext("about {count} question", "about {count} questions", total)
        if about
        else ngettext("{count} question", "{count} questions", total)
    ).format(count=total)


class CheckScreen(Screen):
    """The check's texts and questions on the terminal."""

    def ask_language(self) -> str:
        self.console.export_text(clear=True)
        return prompts.ask_language()

    def ask_role(self) -> str:
        return self.ask(
            _("In which role do you assess yourself?"),
            [
                (
                    {
                        "coordinator": _("Network coordination (coordinator)"),
                        "leader": _("Network management (leader)"),
                    }[role],
                    role,
                    str(n),
                )
                for n, role in enumerate(ROLES, 1)
            ],
        )

    def ask_respondent(self, earlier: Respondent | None = None) -> Respondent:
        name = self.ask_text(
            _("Name or pseudonym:"),
            default=earlier.name if earlier else "",
            required=_("Please enter a name or a pseudonym."),
        )
        organisation = self.ask_text(
            _("Organisation / municipality (optional):"),
            default=earlier.organisation if earlier else "",
        )
        tandem = self.ask_text(
            _(
                "Tandem id (optional; the same id for the leader and the "
                "coordinator of one municipality):"
            ),
            default=(earlier.tandem or "") if earlier else "",
        )
        return Respondent(name=name, organisation=organisation, tandem=tandem or None)

    def show_welcome(self, questionnaire: Questionnaire, path: Path | None) -> None:
        """The start of the check's first page (the introduction follows on it)."""
        self.start_page()
        self.prose(pick(questionnaire.title), style="bold")
        self.prose(_("Your answers are saved after every question in:"))
        self.say(f"  {path}", style="bold")
        self.prose(_("You can stop at any time with Ctrl+C and resume later."))
        self.blank()

    def show_introduction(self, questionnaire: Questionnaire, walk: Walk) -> None:
        """Before the first question: what the questionnaire is about, how long it takes,
        what "cannot judge" means and how to answer (said once, not under every question).
        A window too short for it all pauses before its start scrolls away."""
        if self.page is None:
            self.start_page()
        if questionnaire.description:
            self.prose(pick(questionnaire.description))
            self.blank()
        total, _about = walk.total()
        minutes = getattr(questionnaire, "minutes", None) or max(
            1, round(total * SECONDS_PER_ITEM / 60)
        )
        self.prose(
            ngettext(
                "{questions}, about {minutes} minute.",
                "{questions}, about {minutes} minutes.",
                minutes,
            ).format(questions=counted(questionnaire, walk), minutes=minutes)
        )
        self.explain_unscored(questionnaire)
        self.prose(
            _(
                "Answer with the arrow keys or the number, then Enter; {back} goes back "
                "to the previous question."
            ).format(back=back_key())
        )
        self.end_page()

    def explain_unscored(self, questionnaire: Questionnaire) -> None:
        """Keys 0 and 9, and that neither is a low score: said once – by the key alone when
        the questionnaire's description explains the answers already."""
        scale = questionnaire.scale
        cannot_judge = pick(scale.cannot_judge)
        not_applicable = pick(scale.not_applicable) if scale.not_applicable else None
        description = pick(questionnaire.description) if questionnaire.description else ""
        # a label is named in the description by its words before any bracket
        if all(
            label.split(" (")[0] in description for label in (cannot_judge, not_applicable or "")
        ):
            keys = _("Key 0: “{cannot_judge}”.").format(cannot_judge=cannot_judge)
            if not_applicable is not None:
                keys = _("Key 0: “{cannot_judge}”, key 9: “{not_applicable}”.").format(
                    cannot_judge=cannot_judge, not_applicable=not_applicable
                )
            self.prose(keys)
            return
        self.prose(
            _(
                "“{cannot_judge}” (key 0) is not a low score: the question is left out "
                "of your result."
            ).format(cannot_judge=cannot_judge)
        )
        if not_applicable is not None:
            self.prose(
                _(
                    "“{not_applicable}” (key 9) is not a score either: for what does not "
                    "arise in your work."
                ).format(not_applicable=not_applicable)
            )

    # --- the steps --------------------------------------------------------------------------

    def item_choices(
        self, questionnaire: Questionnaire, can_go_back: bool
    ) -> list[tuple[str, AnswerValue | Literal["__back__"], str | None]]:
        choices = scale_choices(questionnaire)
        choices.append((pick(questionnaire.scale.cannot_judge), CANNOT_JUDGE, "0"))
        if questionnaire.scale.not_applicable is not None:
            # 9: a digit like the others, far from the scale (no score, like 0)
            choices.append((pick(questionnaire.scale.not_applicable), NOT_APPLICABLE, "9"))
        return with_back(choices, can_go_back)

    def show_dimension(self, questionnaire: Questionnaire, item: Item) -> None:
        dim = questionnaire.dimension(item.dimension)
        self.blank()
        self.prose(f"{dim.id} · {pick(dim.title)}", style="bold cyan")
        self.prose(pick(dim.description), style="cyan")
        remark = not_applicable_remark(questionnaire.scale, current_language())
        if remark:
            self.prose(remark)

    def ask_end(self, done: str, finish: str) -> bool:
        """The end of the walk: True to finish, False to go back to the last question."""
        self.blank()
        choice = self.ask(
            done,
            [
                (finish, "finish", "1"),
                (_("← back to the last question"), BACK, back_key()),
            ],
        )
        return choice == "finish"

    def ask_step(self, walk: Walk, questionnaire: Questionnaire) -> Any:
        """Show the current step and ask it: the answer (None: left without one), or BACK."""
        step = walk.current
        back = walk.can_go_back()
        if isinstance(step, Context):
            return self.ask_context(walk, step, back)
        if isinstance(step, Reflection):
            return self.ask_reflection(walk, step, back)
        if isinstance(step, Framework):
            return self.ask_framework(walk, step, back)
        if isinstance(step, Retro):
            return self.ask_then(walk, step, questionnaire, back)
        assert isinstance(step, Item)
        if walk.enters_dimension():
            self.show_dimension(questionnaire, step)
        pos = walk.position()
        where = (
            _("Dimension {dimension}/{dimensions} · Question {index} of about {total}")
            if pos.about
            else _("Dimension {dimension}/{dimensions} · Question {index} of {total}")
        )
        self.prose(where.format(**pos.__dict__), style="dim")
        choices = self.item_choices(questionnaire, back)
        return self.ask(
            self.with_position(pick(step.text), pos, choices),
            choices,
            default=walk.value(),
            instruction=" ",  # how to answer was said once, before the first question
        )

    def ask_framework(self, walk: Walk, step: Framework, back: bool) -> Any:
        if walk.enters(Framework):
            self.blank()
            self.prose(_("Framework conditions (not scored)"), style="bold cyan")
            self.prose(_("Does this hold where you work?"), style="cyan")
        pos = walk.position()
        self.prose(
            _("Framework condition {index}/{total}").format(index=pos.index, total=pos.total),
            style="dim",
        )
        choices = with_back(
            [(_("yes"), "yes", "1"), (_("no"), "no", "2"), (_("don't know"), "unknown", "3")],
            back,
        )
        return self.ask(
            self.with_position(pick(step.entry.text), pos, choices),
            choices,
            default=walk.value(),
            instruction=" ",
        )

    def ask_context(self, walk: Walk, step: Context, back: bool) -> Any:
        """A context question (v2), before the items: one option, or none."""
        if walk.enters(Context):
            self.blank()
            # the part's name is on the progress line below: said once
            self.prose(_("Not scored; decides which questions fit you."), style="cyan")
        pos = walk.position()
        self.prose(
            _("About your situation {index}/{total}").format(index=pos.index, total=pos.total),
            style="bold cyan" if walk.enters(Context) else "dim",
        )
        choices = [
            (pick(o.label), o.id, str(n) if n <= 9 else None)
            for n, o in enumerate(step.question.options, 1)
        ]
        choices = with_back(choices + [(_("no answer"), LEAVE_OUT, "0")], back)
        chosen = self.ask(
            self.with_position(pick(step.question.text), pos, choices),
            choices,
            default=walk.value(),
            instruction=" ",
        )
        return None if chosen == LEAVE_OUT else chosen

    def ask_reflection(self, walk: Walk, step: Reflection, back: bool) -> Any:
        """The optional example after a dimension: write (or change) one, or go on."""
        earlier = str(walk.value() or "")
        self.prose(
            _("{dimension} · an example (optional, never scored)").format(
                dimension=f"{step.dimension.id} {pick(step.dimension.title)}"
            ),
            style="dim",
        )
        choices = with_back(
            [
                (_("Change my example") if earlier else _("Write an example"), WRITE, "1"),
                (_("No example, go on"), LEAVE_OUT, "0"),
            ],
            back,
        )
        assert step.dimension.reflection is not None  # only dimensions with a prompt
        chosen = self.ask(
            pick(step.dimension.reflection),
            choices,
            # "no" unless there is an example: the rating rhythm "3, Enter" must not open
            # the text field (the next digit would become the example)
            default=WRITE if earlier else LEAVE_OUT,
            instruction=" ",
        )
        if chosen != WRITE:
            return "" if chosen == LEAVE_OUT else chosen
        return self.ask_text(_("Your example (a few sentences; Enter when done):"), default=earlier)

    def ask_then(self, walk: Walk, step: Retro, questionnaire: Questionnaire, back: bool) -> Any:
        """Then-test (Howard et al. 1979): per dimension, how the person sees their time
        before the training, looking back with what they know now; 0 leaves one out."""
        if walk.enters(Retro):
            self.blank()
            self.prose(
                _("Looking back: how do you rate yourself today for the time before the training?"),
                style="bold",
            )
            self.prose(
                _(
                    "One answer per area, on the same scale as before. Your answers to "
                    "the questions above stay as they are."
                )
            )
        self.blank()
        self.prose(f"{step.dimension.id} · {pick(step.dimension.title)}", style="bold cyan")
        choices = with_back(scale_choices(questionnaire) + [(_("leave out"), LEAVE_OUT, "0")], back)
        value = self.ask(
            _("Before the training, I was confident in this area."), choices, default=walk.value()
        )
        return None if value == LEAVE_OUT else value

    # --- after the steps --------------------------------------------------------------------

    def show_summary(self, scored: ScoredAnswers) -> None:
        """The profile after the last question, in short; a window shorter than it pauses
        before what follows pushes its start away."""
        from netzkompetenz.views.terminal import print_summary

        self.blank()
        self.console.export_text(clear=True)
        self.console.rule(_("Your competence profile"))
        print_summary(self.console, scored, top=3, detail=False)


def counted(questionnaire: Questionnaire, walk: Walk) -> str:
    """The questions of the run as the progress line counts them – before the questions
    about one's situation the most there can be, as these decide some – and the unscored
    ones besides (one's situation, the framework conditions)."""
    total, about = walk.total()
    if about and questionnaire.context and not (walk.context or walk.answered()):
        questions = ngettext("up to {count} question", "up to {count} questions", total).format(
            count=total
        )
    else:
        questions = question_count(walk)
    unscored = len(questionnaire.context) + len(questionnaire.framework)
    if unscored:
        questions = _(
            "{questions}, besides {count} about your situation and working conditions (not scored)"
        ).format(questions=questions, count=unscored)
    return questions[:1].upper() + questions[1:]


def show_version_change(
    screen: Screen,
    old: str,
    new: str,
    listed: Mapping[str, Sequence[str]],
    questionnaire: Questionnaire,
) -> None:
    """What changed since the answers were given (added, changed, removed items)."""
    screen.say(
        _("The questionnaire has changed since you answered it (version {old} → {new}).").format(
            old=old, new=new
        ),
        style="bold yellow",
    )
    known = {item.id for item in questionnaire.items}
    for kind, item_ids in listed.items():
        if not item_ids:
            continue
        screen.say(
            {
                "added": _("New questions (asked now):"),
                "changed": _("Changed questions (asked again):"),
                "removed": _("Removed questions (your answers no longer count):"),
            }[kind]
        )
        for item_id in item_ids:
            wording = pick(questionnaire.item(item_id).text) if item_id in known else ""
            screen.say(f"  {item_id} {wording}".rstrip())
    screen.blank()


def show_end(screen: Screen, report: Path, answers: Path, list_command: str, opener: str) -> None:
    """Where the report and the answers are; the report as a link the terminal can
    open, and the command that opens it (`opener`)."""
    screen.say(_("Report: {path}").format(path=report), style="bold")
    screen.say(f"  {report.absolute().as_uri()}")
    screen.say(_("Answers: {path}").format(path=answers), style="bold")
    screen.prose(_("Open the report in your browser, or print it. To open it from here:"))
    screen.say(f"  {opener}")
    screen.prose(_("Your checks and reports later:"))
    screen.say(f"  {list_command}")


def show_interrupted(screen: Screen, saved: tuple[int, Path] | None, command: str) -> None:
    """Ctrl-C: what is saved where, and how to go on; the path and the command each on
    a line of their own, so that the terminal does not break them amid other words."""
    try:
        screen.console.print()
        if saved is None:
            screen.say(_("Interrupted. Nothing was saved yet."), style="bold")
            screen.say(_("Start again with:"), style="bold")
        else:
            count, path = saved
            screen.say(
                _("Interrupted. Your answers ({count}) are saved in:").format(count=count),
                style="bold",
            )
            screen.say(f"  {path}", style="bold")
            screen.say(_("Resume with:"), style="bold")
        screen.say(f"  {command}", style="bold")
    except OSError as error:  # the terminal is gone (SIGHUP): the answers are saved all the same
        if not terminal_gone(error):
            raise


def progress(walk: Walk) -> str:
    """„15 von etwa 42 Fragen“: how far a check got, counted as its progress line counts."""
    total, about = walk.total()
    return (
        _("{answered} of about {total} questions")
        if about
        else _("{answered} of {total} questions")
    ).format(answered=walk.answered(), total=total)


def ask_how_to_go_on(
    screen: Screen, path: Path | None, answers: Answers, walk: Walk, complete: bool
) -> str:
    """An answers file that was started before: continue, review, start over, or (when
    complete) only the summary and report again."""
    if complete:
        updated = format_datetime(answers.updated) if answers.updated else "?"
        screen.say(
            _("{file}: self-check completed on {updated}.").format(file=path, updated=updated)
        )
        options = ["report_only", "review", "start_over"]
    else:
        started = format_datetime(answers.started) if answers.started else "?"
        screen.say(
            _("{file}: {found} answered (started {started}).").format(
                file=path, found=progress(walk), started=started
            )
        )
        options = ["continue", "review", "start_over"]
    return screen.ask(
        _("How do you want to go on?"),
        [
            (
                {
                    "continue": _("Continue where I stopped"),
                    "report_only": _("Only show the summary and write the report again"),
                    "review": _("Go through my answers and change them"),
                    "start_over": _("Start over (the earlier answers are overwritten)"),
                }[o],
                o,
                str(n),
            )
            for n, o in enumerate(options, 1)
        ],
    )


def offer_unfinished(screen: Screen, unfinished: list[tuple[Path, Answers, Walk]]) -> Path | None:
    """„Unvollständiger Selbstcheck vom 21.11.2026 gefunden (15 von 42 Fragen) – fortsetzen?“
    The chosen file, or None for a new check."""

    def day(answers: Answers) -> str:
        when = answers.started or answers.updated
        return format_date(when) if when else "?"

    new = "__new__"
    if len(unfinished) == 1:
        path, answers, walk = unfinished[0]
        choice = screen.ask(
            _("Incomplete self-check of {date} found ({found}) – continue?").format(
                date=day(answers), found=progress(walk)
            ),
            [(_("Yes, continue"), path, "1"), (_("No, start a new self-check"), new, "2")],
        )
    else:
        choice = screen.ask(
            _("Incomplete self-checks found – which one do you want to continue?"),
            [
                *(
                    (
                        _("{date}: {name}, {found}").format(
                            date=day(a), name=a.respondent.name, found=progress(w)
                        ),
                        p,
                        str(n),
                    )
                    for n, (p, a, w) in enumerate(unfinished[:8], 1)
                ),
                (_("No, start a new self-check"), new, "0"),
            ],
        )
    return choice if isinstance(choice, Path) else None
