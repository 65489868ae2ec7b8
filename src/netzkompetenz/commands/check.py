"""`check`: the interactive self-check. Asks, saves every answer at once, resumes, scores,
shows a summary and writes the report.

Which item comes next, going back and resuming are decided by `core.checkflow.Walk` (pure);
what is shown and asked is `views.check_screen`; this module joins them with the answers
file, the scoring and the report.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from netzkompetenz.core.answers import Answers, Respondent, ScoredAnswers, migrate
from netzkompetenz.core.checkflow import Walk, go_through, walk_of
from netzkompetenz.core.model import Profile, Questionnaire
from netzkompetenz.errors import ExitCode, InputError, OutputError, UsageError
from netzkompetenz.i18n import _, current_language, set_language
from netzkompetenz.io import invocation, userfiles
from netzkompetenz.io.answers_file import HeldAnswersFile, check_answers_file, new_answers
from netzkompetenz.io.catalog import Catalog, bundled_root
from netzkompetenz.io.files import check_output_folder
from netzkompetenz.views.check_screen import (
    CheckScreen,
    ask_how_to_go_on,
    offer_unfinished,
    show_end,
    show_interrupted,
    show_version_change,
)


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
    """One run of the self-check: what is known so far (the answers file, held for the run,
    and its answers) and the screen it is asked on."""

    def __init__(self, catalog: Catalog, lang: str | None):
        self.catalog = catalog
        self.screen = CheckScreen()
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

    def use_file(self, path: Path) -> Answers | None:
        """Take the answers file for this run (refused at once if another run has it) and
        read what it holds, under the lock."""
        self.file = HeldAnswersFile(path)
        self.locks.enter_context(self.file.hold())
        self.path = path
        return self.file.read()

    def save(self) -> None:
        if self.answers is not None and self.file is not None:
            self.screen.say_kept(self.file.save(self.answers), self.path)

    def start_new(
        self, questionnaire: Questionnaire, profile: Profile, earlier: Respondent | None = None
    ) -> Answers:
        respondent = self.screen.ask_respondent(earlier)
        self.answers = new_answers(questionnaire, profile.id, respondent, self.lang)
        self.save()  # the file exists from now on: an interruption can be resumed
        return self.answers

    def update_version(self, answers: Answers, questionnaire: Questionnaire) -> None:
        """Answers given to another version: say what changed, drop the answers to removed
        and changed items (those are asked again) and move the file to this version."""
        change = migrate(answers, questionnaire)
        if change is None:
            return
        listed = {"added": change.added, "changed": change.changed, "removed": change.removed}
        show_version_change(self.screen, change.old, change.new, listed, questionnaire)
        fresh = new_answers(questionnaire, answers.profile, answers.respondent, self.lang)
        answers.questionnaire = fresh.questionnaire
        answers.status = "partial"

    def walk(self, walk: Walk, questionnaire: Questionnaire) -> None:
        """Ask until every step is done and the person confirms; save each answer."""
        self.screen.show_introduction(questionnaire, walk)
        go_through(
            walk,
            lambda w: self.screen.ask_step(w, questionnaire),
            lambda: self.screen.ask_end(
                _("All questions are answered."), _("Score and write the report")
            ),
            self.keep,
        )

    def keep(self, walk: Walk) -> None:
        """The walk's answers into the record, saved at once."""
        assert self.answers is not None
        self.answers.values = dict(walk.values)
        self.answers.context = dict(walk.context)
        self.answers.reflections = dict(walk.reflections)
        self.answers.framework = dict(walk.framework)  # type: ignore[arg-type]  # checked in Walk.answer
        self.answers.retro = dict(walk.retro)
        self.save()

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
        self.screen.show_summary(scored)
        if priorities:
            from netzkompetenz.commands.priorities import ask_priorities

            self.screen.pause_if_scrolled()  # the profile first, then the menu below it
            ask_priorities(self.screen, self.answers, scored, self.save)
        report = report_path or self.path.with_suffix(".html")
        write_report([scored], report)
        show_end(
            self.screen,
            report,
            self.path,
            invocation.command("list", "--mine"),
            invocation.opener(report),
        )

    def interrupted(self, catalog_hint: list[str]) -> None:
        if self.answers is not None and self.path is not None:
            self.save()
            command = invocation.command(
                *catalog_hint, "check", "--answers", self.path, "--resume", *self.resume_options
            )
            show_interrupted(self.screen, (len(self.answers.values), self.path), command)
        else:
            show_interrupted(self.screen, None, invocation.command(*catalog_hint, "check"))


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


def _in_data_folder(
    check: _Check, catalog: Catalog, role: str | None, lang: str | None, resume: bool
) -> tuple[Path | None, bool, str | None]:
    """Without --answers: an unfinished check in the data folder to go on with (resumed, or
    offered), else None for a new one; with whether it resumes and the language to use."""
    path: Path | None = None
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
        path = unfinished[0][0] if resume else offer_unfinished(check.screen, unfinished)
        resume = path is not None
        if path is None and not lang:
            lang = check.lang  # the person answered in this language already
    return path, resume, lang


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
        path, resume, lang = _in_data_folder(check, catalog, role, lang, resume)
    existing = check.use_file(path) if path is not None else None
    if resume and existing is None:
        raise UsageError(
            _(
                "No incomplete answers file found{where}. Start without --resume or "
                "name the file with --answers FILE."
            ).format(where=f": {path}")
        )

    if existing is None:
        check.lang = lang or check.screen.ask_language()
        role = role or check.screen.ask_role()
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
    check.screen.show_welcome(questionnaire, check.path)

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
            else ask_how_to_go_on(
                check.screen,
                check.path,
                existing,
                walk,
                complete=walk.complete and existing.status == "complete",
            )
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
        check.screen.say(
            _(
                "{file} is not an earlier check of the same person with the same "
                "questionnaire; no before/after page."
            ).format(file=before.path)
        )
        return
    page = check.path.with_name(check.path.stem + ".before-after.html")
    atomic_write(page, render_compare(found, "html"), private=True)
    check.screen.say(_("Before/after: {file}").format(file=page), style="bold")
