"""`check`: the interactive self-check. Asks, saves every answer at once, resumes, scores,
shows a summary and writes the report.

Which item comes next, going back and resuming are decided by `core.checkflow.Walk` (pure);
the prompts are in `views.prompts` (the only module importing questionary); this module joins
them with the answers file, the scoring and the report.
"""

from __future__ import annotations

import shlex
from datetime import date
from pathlib import Path

from netzkompetenz.core.answers import (
    Answers,
    Respondent,
    ScoredAnswers,
    changed_items,
    new_answers,
)
from netzkompetenz.core.checkflow import Walk
from netzkompetenz.core.model import CANNOT_JUDGE, ROLES, Item, Profile, Questionnaire
from netzkompetenz.errors import ExitCode, InputError, UsageError
from netzkompetenz.io.answers_file import check_answers_file, read_answers, write_answers
from netzkompetenz.io.catalog import Catalog, bundled_root
from netzkompetenz.views.texts import pick, text

BACK = "__back__"
FINISH = "__finish__"


def default_answers_path(role: str, today: date | None = None, folder: Path | None = None
                         ) -> Path:
    """./netzkompetenz-<role>-<YYYY-MM-DD>.json: one file per role and day, in the folder
    the check was started in (where the person expects to find it)."""
    day = (today or date.today()).isoformat()
    return (folder or Path.cwd()) / f"netzkompetenz-{role}-{day}.json"


def find_partial(folder: Path, role: str | None) -> Path | None:
    """The most recently saved incomplete answers file in `folder` (for a bare --resume)."""
    found: list[tuple[float, Path]] = []
    for path in folder.glob(f"netzkompetenz-{role or '*'}-*.json"):
        try:
            answers = read_answers(path)
        except InputError:
            continue
        if answers.status == "partial":
            found.append((path.stat().st_mtime, path))
    return max(found)[1] if found else None


class _Check:
    """One run of the self-check: what is known so far, and the console to talk on."""

    def __init__(self, catalog: Catalog, lang: str | None):
        from rich.console import Console

        from netzkompetenz.views import prompts

        self.catalog = catalog
        self.prompts = prompts
        self.console = Console(highlight=False)
        self.lang = lang or "de"
        self.path: Path | None = None
        self.answers: Answers | None = None

    def say(self, message: str, style: str | None = None) -> None:
        # soft_wrap: the terminal wraps, so a path or a command stays one line to copy
        self.console.print(message, style=style, markup=False, soft_wrap=True)

    def ask(self, message: str, choices, default=None, instruction: str | None = None):
        return self.prompts.select(message, choices, default=default,
                                   instruction=instruction or text("check_keys", self.lang))

    def save(self) -> None:
        if self.answers is not None and self.path is not None:
            write_answers(self.path, self.answers)

    # --- before the items ------------------------------------------------------------------

    def ask_language(self) -> str:
        # the language is not known yet: say how to answer in both
        return self.ask(text("check_language", "de"),
                        [("Deutsch", "de", "1"), ("English", "en", "2")], default="de",
                        instruction=f"{text('check_keys', 'de')} "
                                    f"{text('check_keys', 'en')}")

    def ask_role(self) -> str:
        return self.ask(text("check_role", self.lang),
                        [(text(f"check_role_{role}", self.lang), role, str(n))
                         for n, role in enumerate(ROLES, 1)])

    def ask_respondent(self, earlier: Respondent | None = None) -> Respondent:
        p = self.prompts
        name = p.ask_text(text("check_name", self.lang), default=earlier.name if earlier else "",
                          required=text("check_name_required", self.lang))
        organisation = p.ask_text(text("check_organisation", self.lang),
                                  default=earlier.organisation if earlier else "")
        tandem = p.ask_text(text("check_tandem", self.lang),
                            default=(earlier.tandem or "") if earlier else "")
        return Respondent(name=name, organisation=organisation, tandem=tandem or None)

    def start_new(self, questionnaire: Questionnaire, profile: Profile,
                  earlier: Respondent | None = None) -> Answers:
        respondent = self.ask_respondent(earlier)
        self.answers = new_answers(questionnaire, profile.id, respondent, self.lang)
        self.save()  # the file exists from now on: an interruption can be resumed
        return self.answers

    def show_welcome(self, questionnaire: Questionnaire) -> None:
        self.say(text("check_welcome", self.lang, title=pick(questionnaire.title, self.lang),
                      path=self.path), style="bold")
        self.say("")

    def update_version(self, answers: Answers, questionnaire: Questionnaire) -> None:
        """Answers given to another version: say what changed, drop the answers to removed
        and changed items (those are asked again) and move the file to this version."""
        if answers.questionnaire.hash == questionnaire.content_hash():
            return
        known = {item.id for item in questionnaire.items}
        if answers.questionnaire.items:
            changes = changed_items(answers, questionnaire)
        else:  # a file without fingerprints: only removed items can be told apart
            changes = {"added": [], "changed": [],
                       "removed": [i for i in answers.values if i not in known]}
        self.say(text("check_version_changed", self.lang, old=answers.questionnaire.version,
                      new=questionnaire.version), style="bold yellow")
        for kind in ("added", "changed", "removed"):
            if not changes[kind]:
                continue
            self.say(text(f"check_{kind}", self.lang))
            for item_id in changes[kind]:
                wording = pick(questionnaire.item(item_id).text, self.lang) \
                    if item_id in known else ""
                self.say(f"  {item_id} {wording}".rstrip())
        for item_id in changes["removed"] + changes["changed"]:
            answers.values.pop(item_id, None)
        fresh = new_answers(questionnaire, answers.profile, answers.respondent, self.lang)
        answers.questionnaire = fresh.questionnaire
        answers.status = "partial"
        self.say("")

    # --- the items ---------------------------------------------------------------------------

    def item_choices(self, questionnaire: Questionnaire, can_go_back: bool):
        choices = [(pick(point.label, self.lang), point.value,
                    str(n) if n <= 9 else None)
                   for n, point in enumerate(questionnaire.scale.points, 1)]
        choices.append((pick(questionnaire.scale.cannot_judge, self.lang), CANNOT_JUDGE, "0"))
        if can_go_back:
            choices.append((text("check_back", self.lang), BACK,
                            text("check_back_key", self.lang)))
        return choices

    def show_dimension(self, questionnaire: Questionnaire, item: Item) -> None:
        dim = questionnaire.dimension(item.dimension)
        self.say("")
        self.say(f"{dim.id} · {pick(dim.title, self.lang)}", style="bold cyan")
        self.say(pick(dim.description, self.lang), style="cyan")

    def walk(self, walk: Walk, questionnaire: Questionnaire) -> None:
        """Ask until every asked item has an answer and the person confirms; save each."""
        assert self.answers is not None
        while True:
            item = walk.current
            if item is None:
                self.say("")
                choice = self.ask(text("check_all_answered", self.lang),
                                  [(text("check_finish", self.lang), FINISH, "1"),
                                   (text("check_back_to_last", self.lang), BACK,
                                    text("check_back_key", self.lang))])
                if choice == FINISH:
                    return
                walk.back()
                continue
            if walk.enters_dimension():
                self.show_dimension(questionnaire, item)
            pos = walk.position()
            self.say(text("check_position", self.lang, **pos.__dict__), style="dim")
            value = self.ask(pick(item.text, self.lang),
                             self.item_choices(questionnaire, walk.can_go_back()),
                             default=walk.value())
            if value == BACK:
                walk.back()
                continue
            walk.answer(value)
            self.answers.values = dict(walk.values)
            self.save()

    # --- after the items ---------------------------------------------------------------------

    def finish(self, questionnaire: Questionnaire, profile: Profile,
               report_path: Path | None) -> None:
        from netzkompetenz.commands.report import write_report
        from netzkompetenz.core.scoring import score
        from netzkompetenz.views.terminal import print_summary

        assert self.answers is not None and self.path is not None
        self.answers.status = "complete"
        self.save()
        values = check_answers_file(self.path, self.answers, questionnaire)
        scored = ScoredAnswers(self.path, self.answers, questionnaire, profile,
                               score(questionnaire, profile, values))
        self.say("")
        self.console.rule(text("check_summary", self.lang))
        print_summary(self.console, scored, self.lang, top=3, detail=False)
        report = report_path or self.path.with_suffix(".html")
        write_report([scored], report, self.lang)
        self.say(text("check_report_written", self.lang, path=report, answers=self.path),
                 style="bold")

    def interrupted(self, catalog_hint: str) -> None:
        if self.answers is not None and self.path is not None:
            self.save()
            saved = text("check_saved", self.lang, count=len(self.answers.values),
                         path=self.path)
            command = f"netzkompetenz{catalog_hint} check --answers " \
                      f"{shlex.quote(str(self.path))} --resume"
            message = "check_interrupted"
        else:
            saved = text("check_nothing_saved", self.lang)
            command = f"netzkompetenz{catalog_hint} check"
            message = "check_interrupted_early"
        try:
            self.console.print()
            self.say(text(message, self.lang, saved=saved, command=command), style="bold")
        except OSError:  # the terminal is gone (SIGHUP): the answers are saved all the same
            pass


def _data_hint(catalog: Catalog, profile_id: str | None) -> str:
    """`--data DIR` for a resume command, when the profile does not come with the tool."""
    entry = catalog.profiles.get(profile_id or "")
    if entry is None:
        return ""
    folder = entry.path.resolve().parent
    if folder == (bundled_root() / "profiles").resolve():
        return ""
    root = folder.parent if folder.name == "profiles" else folder
    return f" --data {shlex.quote(str(root))}"


def run(catalog: Catalog, *, role: str | None, lang: str | None,
              answers_path: Path | None, resume: bool, report_path: Path | None) -> int:
    from netzkompetenz.views import prompts

    if not prompts.interactive():
        raise UsageError(text("check_no_tty", lang or "de"))
    if report_path is not None and report_path.suffix.lower() not in (".md", ".html", ".htm"):
        raise UsageError(f"--report: expected a .md or .html file, not '{report_path}'")

    check = _Check(catalog, lang)
    with prompts.stop_on_signals():
        try:
            _run(check, catalog, role=role, lang=lang, answers_path=answers_path,
                 resume=resume, report_path=report_path)
        except BaseException as exc:
            if not prompts.is_interruption(exc):
                raise
            check.interrupted(_data_hint(catalog, check.answers.profile
                                         if check.answers else None))
            return ExitCode.INTERRUPTED
    return ExitCode.OK


def _run(check: _Check, catalog: Catalog, *, role: str | None, lang: str | None,
         answers_path: Path | None, resume: bool, report_path: Path | None) -> None:
    path = answers_path
    if resume and path is None:
        path = find_partial(Path.cwd(), role)
        if path is None:
            raise UsageError(text("check_nothing_to_resume", check.lang,
                                  where=f" ({Path.cwd()})"))
    existing = read_answers(path) if path is not None and path.exists() else None
    if resume and existing is None:
        raise UsageError(text("check_nothing_to_resume", check.lang, where=f": {path}"))

    if existing is None:
        check.lang = lang or check.ask_language()
        role = role or check.ask_role()
        if path is None:
            path = default_answers_path(role)
            existing = read_answers(path) if path.exists() else None
    check.path = path
    if existing is not None:
        check.lang = lang or existing.language
        profile = catalog.profile(existing.profile)
        if role is not None and profile.role != role:
            raise UsageError(text("check_role_mismatch", check.lang, file=path,
                                  found=profile.role, role=role))
    else:
        profile = catalog.profile_for_role(role)  # type: ignore[arg-type]
    questionnaire = catalog.questionnaire_of(profile)
    check.show_welcome(questionnaire)

    walk: Walk | None = None
    if existing is None:
        check.start_new(questionnaire, profile)
    else:
        if existing.questionnaire.id != questionnaire.id:
            raise InputError.single(path, f"answers to questionnaire "
                                          f"'{existing.questionnaire.id}', but profile "
                                          f"'{profile.id}' uses '{questionnaire.id}'")
        check.answers = existing
        check.update_version(existing, questionnaire)
        existing.values = check_answers_file(path, existing, questionnaire)  # type: ignore
        walk = Walk(questionnaire, existing.values)
        choice = "continue" if resume and existing.status == "partial" \
            else _ask_how_to_go_on(check, existing, walk)
        if choice == "start_over":
            check.start_new(questionnaire, profile, earlier=existing.respondent)
            walk = None
        elif choice == "review":
            walk.review()
        elif choice == "continue":
            walk.start()
        else:  # report only
            check.finish(questionnaire, profile, report_path)
            return
    assert check.answers is not None
    check.save()
    if walk is None:
        walk = Walk(questionnaire, check.answers.values)
        walk.start()
    check.walk(walk, questionnaire)
    check.finish(questionnaire, profile, report_path)


def _ask_how_to_go_on(check: _Check, answers: Answers, walk: Walk) -> str:
    lang = check.lang
    asked = walk.asked()
    answered = sum(1 for item in asked if item.id in walk.values)
    if walk.complete and answers.status == "complete":
        updated = answers.updated.astimezone().strftime("%Y-%m-%d %H:%M") \
            if answers.updated else "?"
        check.say(text("check_found_complete", lang, file=check.path, updated=updated))
        options = ["report_only", "review", "start_over"]
    else:
        started = answers.started.astimezone().strftime("%Y-%m-%d %H:%M") \
            if answers.started else "?"
        check.say(text("check_found_partial", lang, file=check.path, answered=answered,
                       total=len(asked), started=started))
        options = ["continue", "review", "start_over"]
    return check.ask(text("check_what_now", lang),
                     [(text(f"check_{o}", lang), o, str(n)) for n, o in enumerate(options, 1)])
