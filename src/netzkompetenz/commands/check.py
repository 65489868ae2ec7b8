"""`check`: the interactive self-check. Asks, saves every answer at once, resumes, scores,
shows a summary and writes the report.

Which item comes next, going back and resuming are decided by `core.checkflow.Walk` (pure);
the prompts are in `views.prompts` (the only module importing questionary); this module joins
them with the answers file, the scoring and the report.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final, Literal, TypeVar

from netzkompetenz.core.answers import (
    Answers,
    Respondent,
    ScoredAnswers,
    migrate,
)
from netzkompetenz.core.checkflow import (
    Context,
    Framework,
    Position,
    Reflection,
    Retro,
    Walk,
    walk_of,
)
from netzkompetenz.core.model import (
    CANNOT_JUDGE,
    NOT_APPLICABLE,
    ROLES,
    Item,
    Profile,
    Questionnaire,
)
from netzkompetenz.core.scoring import AnswerValue
from netzkompetenz.errors import ExitCode, InputError, OutputError, UsageError
from netzkompetenz.i18n import (
    _,
    current_language,
    format_date,
    format_datetime,
    ngettext,
    pgettext,
    pick,
    set_language,
)
from netzkompetenz.io import invocation, userfiles
from netzkompetenz.io.answers_file import HeldAnswersFile, check_answers_file, new_answers
from netzkompetenz.io.catalog import Catalog, bundled_root
from netzkompetenz.io.files import check_output_folder

BACK: Final = "__back__"
FINISH: Final = "__finish__"
LEAVE_OUT: Final = "__leave_out__"
NEW: Final = "__new__"
WRITE: Final = "__write__"
SECONDS_PER_ITEM = 20  # the estimate when a questionnaire does not say its `minutes`
V = TypeVar("V")  # the value of a choice


def unfinished_checks(catalog: Catalog, role: str | None) -> list[tuple[Path, Answers, Walk]]:
    """This person's incomplete checks in the data folder, most recent first, whatever
    their date, with the walk that says how far each got (for the offer to continue)."""
    found = []
    for own in userfiles.own_checks():
        answers = own.answers
        entry = catalog.profiles.get(answers.profile)
        if answers.status != "partial" or entry is None:
            continue
        if role is not None and entry.model.role != role:
            continue
        try:
            questionnaire = catalog.questionnaire_of(entry.model)
        except InputError:
            continue
        found.append((own.path, answers, walk_of(questionnaire, answers)))
    return found


class _Check:
    """One run of the self-check: what is known so far, and the console to talk on."""

    def __init__(self, catalog: Catalog, lang: str | None):
        from rich.console import Console

        from netzkompetenz.views import prompts

        self.catalog = catalog
        self.prompts = prompts
        self.console = Console(highlight=False)
        if lang:
            self.lang = lang
        self.path: Path | None = None
        self.file: HeldAnswersFile[Answers] | None = None
        self.locks = contextlib.ExitStack()  # the answers file's lock, held for the run
        self.answers: Answers | None = None
        self.resume_options: list[str] = []  # --before FILE or --retro: asked again on resume

    @property
    def lang(self) -> str:
        """The language of the run (i18n): choosing it here sets it for every message."""
        return current_language()

    @lang.setter
    def lang(self, value: str) -> None:
        set_language(value)

    def say(self, message: str, style: str | None = None) -> None:
        # soft_wrap: the terminal wraps, so a path or a command stays one line to copy
        self.console.print(message, style=style, markup=False, soft_wrap=True)

    def prose(self, message: str, style: str | None = None) -> None:
        # running text: rich wraps it at spaces, never inside a word
        self.console.print(message, style=style, markup=False)

    def ask(
        self,
        message: str,
        choices: Sequence[tuple[str, V, str | None]],
        default: object = None,
        instruction: str | None = None,
    ) -> V:
        message, instruction = self.laid_out(
            message, instruction or _("(arrow keys or number, then Enter)")
        )
        return self.prompts.select(
            message, self.wrapped(choices), default=default, instruction=instruction
        )

    def wrapped(
        self, choices: Sequence[tuple[str, V, str | None]]
    ) -> list[tuple[str, V, str | None]]:
        return self.prompts.wrapped(choices)

    def use_file(self, path: Path) -> Answers | None:
        """Take the answers file for this run (refused at once if another run has it) and
        read what it holds, under the lock."""
        self.file = HeldAnswersFile(path)
        self.locks.enter_context(self.file.hold())
        self.path = path
        return self.file.read()

    def laid_out(self, message: str, instruction: str) -> tuple[str, str]:
        return self.prompts.laid_out(message, instruction)

    def with_position(
        self, question: str, pos: Position, choices: list[tuple[str, Any, str | None]]
    ) -> str:
        """In a window too short for the progress line, the question, and its answers, the
        progress goes in front of the question ("14/42 · …"): the line above scrolls away."""
        rows = shutil.get_terminal_size((80, 24)).lines
        lines = sum(title.count("\n") + 1 for title, _value, _key in self.wrapped(choices))
        if 1 + len(self.laid_out(question, "")[0].splitlines()) + lines <= rows:
            return question
        return f"{pos.index}/{pos.total} · {question}"

    def save(self) -> None:
        if self.answers is not None and self.file is not None:
            self.say_kept(self.file.save(self.answers))

    def say_kept(self, kept: Path | None) -> None:
        """Where another program's version of the file was kept before this save, if any."""
        if kept is not None:
            self.say(
                _(
                    "Note: {file} was changed by another program since it was last "
                    "saved. That version is kept as {kept}; your answers stay in "
                    "{file}."
                ).format(file=self.path, kept=kept),
                style="bold yellow",
            )

    # --- before the items ------------------------------------------------------------------

    def ask_language(self) -> str:
        return self.prompts.ask_language()

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

    def ask_text(self, message: str, **options: Any) -> str:
        return self.prompts.ask_text(self.laid_out(message, "")[0], **options)

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

    def start_new(
        self, questionnaire: Questionnaire, profile: Profile, earlier: Respondent | None = None
    ) -> Answers:
        respondent = self.ask_respondent(earlier)
        self.answers = new_answers(questionnaire, profile.id, respondent, self.lang)
        self.save()  # the file exists from now on: an interruption can be resumed
        return self.answers

    def show_welcome(self, questionnaire: Questionnaire) -> None:
        self.prose(pick(questionnaire.title), style="bold")
        self.prose(_("Your answers are saved after every question in:"))
        self.say(f"  {self.path}", style="bold")
        self.prose(_("You can stop at any time with Ctrl+C and resume later."))
        self.say("")

    def show_introduction(self, questionnaire: Questionnaire, walk: Walk) -> None:
        """Before the first question: what the questionnaire is about, how long it takes,
        what "cannot judge" means and how to answer (said once, not under every question)."""
        if questionnaire.description:
            self.prose(pick(questionnaire.description))
            self.say("")
        total, about = walk.total()
        minutes = getattr(questionnaire, "minutes", None) or max(
            1, round(total * SECONDS_PER_ITEM / 60)
        )
        questions = (
            ngettext("about {count} question", "about {count} questions", total)
            if about
            else ngettext("{count} question", "{count} questions", total)
        ).format(count=total)
        self.prose(
            ngettext(
                "{questions}, about {minutes} minute.",
                "{questions}, about {minutes} minutes.",
                minutes,
            ).format(questions=questions, minutes=minutes)
        )
        self.prose(
            _(
                "“{cannot_judge}” (key 0) is not a low score: the question is left out "
                "of your result."
            ).format(cannot_judge=pick(questionnaire.scale.cannot_judge))
        )
        if questionnaire.scale.not_applicable is not None:
            self.prose(
                _(
                    "“{not_applicable}” (key 9) is not a score either: for what does not "
                    "arise in your work."
                ).format(not_applicable=pick(questionnaire.scale.not_applicable))
            )
        self.prose(
            _(
                "Answer with the arrow keys or the number, then Enter; {back} goes back "
                "to the previous question."
            ).format(back=pgettext("key for back", "b"))
        )

    def update_version(self, answers: Answers, questionnaire: Questionnaire) -> None:
        """Answers given to another version: say what changed, drop the answers to removed
        and changed items (those are asked again) and move the file to this version."""
        change = migrate(answers, questionnaire)
        if change is None:
            return
        self.say(
            _(
                "The questionnaire has changed since you answered it (version {old} → {new})."
            ).format(old=change.old, new=change.new),
            style="bold yellow",
        )
        known = {item.id for item in questionnaire.items}
        for kind, item_ids in (
            ("added", change.added),
            ("changed", change.changed),
            ("removed", change.removed),
        ):
            if not item_ids:
                continue
            self.say(
                {
                    "added": _("New questions (asked now):"),
                    "changed": _("Changed questions (asked again):"),
                    "removed": _("Removed questions (your answers no longer count):"),
                }[kind]
            )
            for item_id in item_ids:
                wording = pick(questionnaire.item(item_id).text) if item_id in known else ""
                self.say(f"  {item_id} {wording}".rstrip())
        fresh = new_answers(questionnaire, answers.profile, answers.respondent, self.lang)
        answers.questionnaire = fresh.questionnaire
        answers.status = "partial"
        self.say("")

    # --- the items ---------------------------------------------------------------------------

    def item_choices(
        self, questionnaire: Questionnaire, can_go_back: bool
    ) -> list[tuple[str, AnswerValue | Literal["__back__"], str | None]]:
        choices: list[tuple[str, AnswerValue | Literal["__back__"], str | None]] = [
            (pick(point.label), point.value, str(n) if n <= 9 else None)
            for n, point in enumerate(questionnaire.scale.points, 1)
        ]
        choices.append((pick(questionnaire.scale.cannot_judge), CANNOT_JUDGE, "0"))
        if questionnaire.scale.not_applicable is not None:
            # 9: a digit like the others, far from the scale (no score, like 0)
            choices.append((pick(questionnaire.scale.not_applicable), NOT_APPLICABLE, "9"))
        return self.with_back(choices, can_go_back)

    @staticmethod
    def with_back(
        choices: list[tuple[str, Any, str | None]], can_go_back: bool
    ) -> list[tuple[str, Any, str | None]]:
        if can_go_back:
            choices.append((_("← back"), BACK, pgettext("key for back", "b")))
        return choices

    def show_dimension(self, questionnaire: Questionnaire, item: Item) -> None:
        dim = questionnaire.dimension(item.dimension)
        self.say("")
        self.prose(f"{dim.id} · {pick(dim.title)}", style="bold cyan")
        self.prose(pick(dim.description), style="cyan")

    def walk(self, walk: Walk, questionnaire: Questionnaire) -> None:
        """Ask until every step is done and the person confirms; save each answer."""
        self.show_introduction(questionnaire, walk)
        while True:
            if walk.current is None:
                self.say("")
                done, finish = self.end_of_walk()
                choice = self.ask(
                    done,
                    [
                        (finish, FINISH, "1"),
                        (_("← back to the last question"), BACK, pgettext("key for back", "b")),
                    ],
                )
                if choice == FINISH:
                    return
                walk.back()
                continue
            value = self.ask_step(walk, questionnaire)
            if value == BACK:
                walk.back()
                continue
            walk.answer(value)
            self.keep(walk)
            self.save()

    def end_of_walk(self) -> tuple[str, str]:
        """What the end of the walk says, and its choice to finish."""
        return _("All questions are answered."), _("Score and write the report")

    def keep(self, walk: Walk) -> None:
        """The walk's answers into the record that is saved."""
        assert self.answers is not None
        self.answers.values = dict(walk.values)
        self.answers.context = dict(walk.context)
        self.answers.reflections = dict(walk.reflections)
        self.answers.framework = dict(walk.framework)  # type: ignore[arg-type]  # checked in Walk.answer
        self.answers.retro = dict(walk.retro)

    def ask_step(self, walk: Walk, questionnaire: Questionnaire) -> Any:
        """Show the current step and ask it: the answer (None: left without one), or BACK."""
        step = walk.current
        back = walk.can_go_back()
        if isinstance(step, Context):
            return self.ask_context(walk, step, back)
        if isinstance(step, Reflection):
            return self.ask_reflection(walk, step, back)
        if isinstance(step, Framework):
            if walk.enters(Framework):
                self.say("")
                self.prose(_("Framework conditions (not scored)"), style="bold cyan")
                self.prose(_("Does this hold where you work?"), style="cyan")
            pos = walk.position()
            self.prose(
                _("Framework condition {index}/{total}").format(index=pos.index, total=pos.total),
                style="dim",
            )
            choices = self.with_back(
                [(_("yes"), "yes", "1"), (_("no"), "no", "2"), (_("don't know"), "unknown", "3")],
                back,
            )
            return self.ask(
                self.with_position(pick(step.entry.text), pos, choices),
                choices,
                default=walk.value(),
                instruction=" ",
            )
        if isinstance(step, Retro):
            return self.ask_then(walk, step, questionnaire, back)
        assert isinstance(step, Item)
        if walk.enters_dimension():
            self.show_dimension(questionnaire, step)
        pos = walk.position()
        where = (
            _("Dimension {dimension}/{dimensions} · Question {index} of about {total}")
            if pos.about
            else _("Dimension {dimension}/{dimensions} · Question {index}/{total}")
        )
        self.prose(where.format(**pos.__dict__), style="dim")
        choices = self.item_choices(questionnaire, back)
        return self.ask(
            self.with_position(pick(step.text), pos, choices),
            choices,
            default=walk.value(),
            instruction=" ",  # how to answer was said once, before the first question
        )

    def ask_context(self, walk: Walk, step: Context, back: bool) -> Any:
        """A context question (v2), before the items: one option, or none."""
        if walk.enters(Context):
            self.say("")
            self.prose(
                _("About your situation (not scored; decides which questions fit you)"),
                style="bold cyan",
            )
        pos = walk.position()
        self.prose(
            _("About your situation {index}/{total}").format(index=pos.index, total=pos.total),
            style="dim",
        )
        choices = [
            (pick(o.label), o.id, str(n) if n <= 9 else None)
            for n, o in enumerate(step.question.options, 1)
        ]
        choices = self.with_back(choices + [(_("no answer"), LEAVE_OUT, "0")], back)
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
        choices = self.with_back(
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
            self.say("")
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
        self.say("")
        self.prose(f"{step.dimension.id} · {pick(step.dimension.title)}", style="bold cyan")
        choices: list[tuple[str, Any, str | None]] = [
            (pick(point.label), point.value, str(n) if n <= 9 else None)
            for n, point in enumerate(questionnaire.scale.points, 1)
        ]
        choices = self.with_back(choices + [(_("leave out"), LEAVE_OUT, "0")], back)
        value = self.ask(
            _("Before the training, I was confident in this area."), choices, default=walk.value()
        )
        return None if value == LEAVE_OUT else value

    # --- after the items ---------------------------------------------------------------------

    def finish(
        self,
        questionnaire: Questionnaire,
        profile: Profile,
        report_path: Path | None,
        *,
        priorities: bool = True,
    ) -> None:
        from netzkompetenz.commands.report import write_report
        from netzkompetenz.core.scoring import score
        from netzkompetenz.views.terminal import print_summary

        assert self.answers is not None and self.path is not None
        self.answers.status = "complete"
        self.save()
        values = check_answers_file(self.path, self.answers, questionnaire)
        scored = ScoredAnswers(
            self.path,
            self.answers,
            questionnaire,
            profile,
            score(questionnaire, profile, values, self.answers.context),
        )
        self.say("")
        self.console.rule(_("Your competence profile"))
        print_summary(self.console, scored, self.lang, top=3, detail=False)
        if priorities:
            from netzkompetenz.commands.priorities import ask_priorities

            ask_priorities(self, scored)
        report = report_path or self.path.with_suffix(".html")
        write_report([scored], report, self.lang)
        self.say(_("Report: {path}").format(path=report), style="bold")
        self.say(_("Answers: {path}").format(path=self.path), style="bold")
        self.prose(
            _("Open the report in your browser, or print it. Your checks and reports later:")
        )
        self.say(f"  {invocation.command('list', '--mine')}")

    def interrupted(self, catalog_hint: list[str]) -> None:
        if self.answers is not None and self.path is not None:
            self.save()
            saved = _("Your answers ({count}) are saved in {path}.").format(
                count=len(self.answers.values), path=self.path
            )
            command = invocation.command(
                *catalog_hint, "check", "--answers", self.path, "--resume", *self.resume_options
            )
            message = _("Interrupted. {saved}\nResume with:\n  {command}")
        else:
            saved = _("Nothing was saved yet.")
            command = invocation.command(*catalog_hint, "check")
            message = _("Interrupted. {saved}\nStart again with:\n  {command}")
        try:
            self.console.print()
            self.say(message.format(saved=saved, command=command), style="bold")
        except OSError:  # the terminal is gone (SIGHUP): the answers are saved all the same
            pass


def _data_hint(catalog: Catalog, profile_id: str | None) -> list[str]:
    """`--data DIR` for a resume command, when the profile does not come with the tool."""
    entry = catalog.profiles.get(profile_id or "")
    if entry is None:
        return []
    folder = entry.path.resolve().parent
    if folder == (bundled_root() / "profiles").resolve():
        return []
    root = folder.parent if folder.name == "profiles" else folder
    return ["--data", str(root)]


def interrupted_at_start(catalog: Catalog) -> int:
    """Ctrl-C at the language question, which cli.py asks before this module is loaded."""
    _Check(catalog, None).interrupted(_data_hint(catalog, None))
    return ExitCode.INTERRUPTED


def run(
    catalog: Catalog,
    *,
    role: str | None,
    lang: str | None,
    answers_path: Path | None,
    resume: bool,
    report_path: Path | None,
    before: Path | None = None,
    retro: bool = False,
) -> int:
    from netzkompetenz.views import prompts

    if not prompts.interactive():
        raise UsageError(
            _(
                "The self-check needs a terminal to answer in; the input here is not a "
                "terminal. Score existing answers files with `{score}`, survey exports "
                "with `{batch}`."
            ).format(
                score=invocation.command("score", "FILE"),
                batch=invocation.command("batch", "EXPORT", "--questionnaire", "ID", "-o", "DIR"),
            )
        )
    if report_path is not None:
        if report_path.suffix.lower() not in (".md", ".html", ".htm"):
            raise UsageError(
                _("--report: expected a .md or .html file, not '{file}'").format(file=report_path)
            )
        check_output_folder(report_path)  # said now, not after the last question

    earlier = None
    if before is not None:
        from netzkompetenz.io.answers_file import score_file

        earlier = score_file(catalog, before)  # a broken file is refused before any question
        role = role or earlier.profile.role
    check = _Check(catalog, lang)
    check.resume_options = (
        ["--before", str(before)] if before is not None else (["--retro"] if retro else [])
    )
    with check.locks, prompts.stop_on_signals():
        try:
            _run(
                check,
                catalog,
                role=role,
                lang=lang,
                answers_path=answers_path,
                resume=resume,
                report_path=report_path,
                before=earlier,
                retro=retro or before is not None,
            )
        except BaseException as exc:
            if not prompts.is_interruption(exc):
                raise
            check.interrupted(_data_hint(catalog, check.answers.profile if check.answers else None))
            return ExitCode.INTERRUPTED
    return ExitCode.OK


def _run(
    check: _Check,
    catalog: Catalog,
    *,
    role: str | None,
    lang: str | None,
    answers_path: Path | None,
    resume: bool,
    report_path: Path | None,
    before: ScoredAnswers | None = None,
    retro: bool = False,
) -> None:
    path = answers_path
    if path is None:
        problem = userfiles.data_folder_problem()
        if problem is not None:  # said now, not after the person has answered
            raise OutputError(
                _(
                    "cannot save answers in {folder}: {reason}; name a file in a folder you "
                    "can write to with --answers FILE"
                ).format(
                    folder=userfiles.data_folder(),
                    reason=_("a file of that name is in the way")
                    if isinstance(problem, FileExistsError)
                    else problem.strerror or problem,
                )
            )
        unfinished = unfinished_checks(catalog, role)
        if resume and not unfinished:
            raise UsageError(
                _(
                    "No incomplete answers file found{where}. Start without --resume "
                    "or name the file with --answers FILE."
                ).format(where=f" ({userfiles.data_folder()})")
            )
        if unfinished:
            check.lang = lang or unfinished[0][1].language
            path = unfinished[0][0] if resume else _offer_unfinished(check, unfinished)
            resume = path is not None
            if path is None and not lang:
                lang = check.lang  # the person answered in this language already
    existing = check.use_file(path) if path is not None else None
    if resume and existing is None:
        raise UsageError(
            _(
                "No incomplete answers file found{where}. Start without --resume or "
                "name the file with --answers FILE."
            ).format(where=f": {path}")
        )

    if existing is None:
        check.lang = lang or check.ask_language()
        role = role or check.ask_role()
        if path is None:
            path = userfiles.default_answers_path(role)
            existing = check.use_file(path)
    if existing is not None:
        check.lang = lang or existing.language
        profile = catalog.profile(existing.profile)
        if role is not None and profile.role != role:
            raise UsageError(
                _("{file} belongs to the role '{found}', not '{role}'.").format(
                    file=path, found=profile.role, role=role
                )
            )
    else:
        assert role is not None  # asked above when there were no answers
        profile = catalog.profile_for_role(role)
    questionnaire = catalog.questionnaire_of(profile)
    check.show_welcome(questionnaire)

    walk: Walk | None = None
    if existing is None:
        check.start_new(questionnaire, profile)
    else:
        assert path is not None  # the file the answers came from
        if existing.questionnaire.id != questionnaire.id:
            raise InputError.single(
                path,
                _(
                    "answers to questionnaire '{answered}', but profile '{profile}' uses "
                    "'{questionnaire}'"
                ).format(
                    answered=existing.questionnaire.id,
                    profile=profile.id,
                    questionnaire=questionnaire.id,
                ),
            )
        check.answers = existing
        check.update_version(existing, questionnaire)
        existing.values = check_answers_file(path, existing, questionnaire)
        # then-ratings begun at an earlier run are asked on to the end
        walk = walk_of(questionnaire, existing, ask_retro=retro or bool(existing.retro))
        choice = (
            "continue"
            if resume and existing.status == "partial"
            else _ask_how_to_go_on(check, existing, walk)
        )
        if choice == "start_over":
            check.start_new(questionnaire, profile, earlier=existing.respondent)
            walk = None
        elif choice == "review":
            walk.review()
        elif choice == "continue":
            walk.start()
        else:  # report only
            check.finish(questionnaire, profile, report_path, priorities=False)
            return
    assert check.answers is not None
    check.save()
    if walk is None:
        walk = walk_of(questionnaire, check.answers, ask_retro=retro)
        walk.start()
    check.walk(walk, questionnaire)
    check.finish(questionnaire, profile, report_path)
    if before is not None:
        _write_before_after(check, catalog, before)


def _write_before_after(check: _Check, catalog: Catalog, before: ScoredAnswers) -> None:
    """After a second check with --before: the before/after page next to the answers."""
    from netzkompetenz.core.compare import NotComparable, compare
    from netzkompetenz.io.answers_file import score_file
    from netzkompetenz.io.files import atomic_write
    from netzkompetenz.views.compare_page import render_compare

    assert check.path is not None
    after = score_file(catalog, check.path)
    try:
        found = compare(before, after)
    except NotComparable:
        check.say(
            _(
                "{file} is not an earlier check of the same person with the same "
                "questionnaire; no before/after page."
            ).format(file=before.path)
        )
        return
    page = check.path.with_name(check.path.stem + ".before-after.html")
    atomic_write(page, render_compare(found, "html", check.lang), private=True)
    check.say(_("Before/after: {file}").format(file=page), style="bold")


def _ask_how_to_go_on(check: _Check, answers: Answers, walk: Walk) -> str:
    asked = walk.asked()
    answered = sum(1 for item in asked if item.id in walk.values)
    if walk.complete and answers.status == "complete":
        updated = format_datetime(answers.updated) if answers.updated else "?"
        check.say(
            _("{file}: self-check completed on {updated}.").format(file=check.path, updated=updated)
        )
        options = ["report_only", "review", "start_over"]
    else:
        started = format_datetime(answers.started) if answers.started else "?"
        check.say(
            _("{file}: {answered} of {total} questions answered (started {started}).").format(
                file=check.path, answered=answered, total=len(asked), started=started
            )
        )
        options = ["continue", "review", "start_over"]
    return check.ask(
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


def _offer_unfinished(check: _Check, unfinished: list[tuple[Path, Answers, Walk]]) -> Path | None:
    """„Unvollständiger Selbstcheck vom 21.11.2026 gefunden (15 von 42 Fragen) – fortsetzen?“
    The chosen file, or None for a new check."""

    def found(answers: Answers, walk: Walk) -> str:
        total, about = walk.total()
        return (
            _("{answered} of about {total} questions")
            if about
            else _("{answered} of {total} questions")
        ).format(answered=walk.answered(), total=total)

    def day(answers: Answers) -> str:
        return (
            format_date(answers.started or answers.updated)
            if (answers.started or answers.updated)
            else "?"
        )

    if len(unfinished) == 1:
        path, answers, walk = unfinished[0]
        choice = check.ask(
            _("Incomplete self-check of {date} found ({found}) – continue?").format(
                date=day(answers), found=found(answers, walk)
            ),
            [(_("Yes, continue"), path, "1"), (_("No, start a new self-check"), NEW, "2")],
        )
    else:
        choice = check.ask(
            _("Incomplete self-checks found – which one do you want to continue?"),
            [
                *(
                    (
                        _("{date}: {name}, {found}").format(
                            date=day(a), name=a.respondent.name, found=found(a, w)
                        ),
                        p,
                        str(n),
                    )
                    for n, (p, a, w) in enumerate(unfinished[:8], 1)
                ),
                (_("No, start a new self-check"), NEW, "0"),
            ],
        )
    return choice if isinstance(choice, Path) else None  # else NEW
