"""`agree`: after the conversation, the tandem chooses its agreed priorities together
(interactive) and the agreed-priorities file is written, after every choice. Run again on
the same file, it resumes with the choices it holds pre-selected."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from netzkompetenz.core.compare import Tandem
from netzkompetenz.core.dialogue import Priority
from netzkompetenz.core.guide import agreed_options, agreed_priorities, earlier_choices, guide
from netzkompetenz.core.ratings import SelfOther
from netzkompetenz.errors import ExitCode, UsageError
from netzkompetenz.i18n import _, ngettext
from netzkompetenz.io import invocation
from netzkompetenz.io.agreed import agreed_for, template
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.io.files import atomic_write, check_output_folder
from netzkompetenz.views import prompts

if TYPE_CHECKING:
    from netzkompetenz.views.agree_screen import AgreeScreen


def default_output(found: Tandem) -> Path:
    """Next to the coordinator's answers: `<answers>.agreed.yaml`."""
    path = found.coordinator.path
    assert path is not None  # read from a file
    return path.with_name(path.stem + ".agreed.yaml")


def run(
    catalog: Catalog,
    a: Path,
    b: Path,
    output: Path | None,
    *,
    lang: str | None = None,
    rating_paths: list[Path] | None = None,
) -> int:
    from netzkompetenz.commands.compare import (
        agree_command,
        agreed_comments,
        compared,
        tandem_files,
        tandem_people,
    )
    from netzkompetenz.views.agree_screen import AgreeScreen, Chosen

    if not prompts.interactive():
        raise UsageError(_("choosing the agreed priorities needs a terminal to answer in"))
    found = compared(catalog, a, b, lang)
    if not isinstance(found, Tandem):
        raise UsageError(_("agree needs a tandem: the answers of a leader and of a coordinator."))
    path = output or default_output(found)
    check_output_folder(path)
    people = tandem_people(found)
    earlier: tuple[list[Priority], list[Priority]] = ([], [])
    if path.exists():  # resume: what the file holds (written by agree, the guide or by hand)
        agreed, matched = agreed_for(
            catalog, path, [someone for someone, _q, _p in people], every_entry=False
        )
        for side in (0, 1):
            if side in matched:
                earlier[side].extend(agreed.people[matched[side]].priorities)
    others = []
    if rating_paths:  # issue 24: self–other differences as questions before choosing
        from netzkompetenz.commands.self_other import tandem_self_other

        others = tandem_self_other(catalog, found, rating_paths)
    tandem_guide = guide(found)
    options = agreed_options(tandem_guide, earlier)
    comments = agreed_comments(found, path)

    def save(chosen: Chosen) -> None:
        atomic_write(
            path,
            template(
                people,
                found.tandem_id,
                date.today().isoformat(),
                comments,
                agreed_priorities(chosen),
            ),
            private=True,  # names and what the tandem agreed
        )

    screen = AgreeScreen(tandem_guide)
    with prompts.stop_on_signals():
        try:
            screen.introduce()
            _others_see(screen, found, others)
            chosen = screen.choose(options, earlier_choices(options, earlier), save)
        except BaseException as exc:
            if not prompts.is_interruption(exc):
                raise
            try:
                screen.say(
                    _(
                        "Stopped; the agreed priorities chosen so far are saved in {file}.\n"
                        "Continue with:\n  {command}"
                    ).format(
                        file=path.absolute(),
                        command=agree_command(found, path, ("--lang", lang) if lang else ()),
                    ),
                    style="bold",
                )
            except OSError:  # the terminal is gone: the file is saved all the same
                pass
            return ExitCode.INTERRUPTED
    leader, coordinator = tandem_files(found)
    screen.say("")
    screen.say(
        ngettext(
            "Saved {count} agreed priority in {file}.",
            "Saved {count} agreed priorities in {file}.",
            len(chosen),
        ).format(count=len(chosen), file=path.absolute()),
        style="bold",
    )
    screen.say(_("Next:"))
    for words in (
        ("plan", leader, coordinator, "--agreed", path),
        ("report", leader, "--agreed", path),
        ("report", coordinator, "--agreed", path),
    ):
        screen.say(f"  {invocation.command(*words)}")
    return ExitCode.OK


def _others_see(screen: AgreeScreen, found: Tandem, others: list[SelfOther]) -> None:
    """What the ratings by others raise, as questions, before the choice."""
    from netzkompetenz.views.ratings_page import development_note, talking_questions

    names = {
        found.leader.questionnaire.id: found.leader.answers.respondent.name,
        found.coordinator.questionnaire.id: found.coordinator.answers.respondent.name,
    }
    questions = [q for x in others for q in talking_questions(x, names[x.questionnaire.id])]
    if not questions:
        return
    screen.say("")
    screen.say(_("How others see it: questions for the conversation"), style="bold")
    screen.say(development_note())
    for question in questions:
        screen.say(f"- {question}")
    screen.say("")
