"""`priorities`: choose up to three priorities after the self-check, or later without
answering again. The same step runs at the end of `check`; every choice is saved at once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from netzkompetenz.core.answers import Answers, ScoredAnswers
from netzkompetenz.core.dialogue import MAX_PRIORITIES, Priority, priority_options
from netzkompetenz.errors import ExitCode, UsageError
from netzkompetenz.i18n import _, choose_language, set_language
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.views import priorities_screen
from netzkompetenz.views.screen import Screen


def ask_priorities(
    screen: Screen, answers: Answers, scored: ScoredAnswers, save: Callable[[], None]
) -> None:
    """Up to three priorities, each with an optional sentence why; 0 ends (or skips) the
    step. Earlier choices are pre-selected; every choice is saved at once."""
    earlier = list(answers.priorities)
    options = priority_options(scored.result, scored.questionnaire)
    priorities_screen.introduce(screen)
    chosen: list[Priority] = []
    while len(chosen) < MAX_PRIORITIES:
        left = [o for o in options if o.target not in {c.target for c in chosen}]
        before = earlier[len(chosen)] if len(chosen) < len(earlier) else None
        target = priorities_screen.ask_priority(
            screen,
            scored,
            options,
            left,
            len(chosen),
            default=before.target if before else priorities_screen.DONE,
        )
        if target == priorities_screen.DONE:
            break
        option = next(o for o in left if o.target == target)
        why = priorities_screen.ask_why(
            screen, before.why if before and before.target == target else ""
        )
        chosen.append(option.model_copy(update={"why": why}))
        # until the step ends, earlier choices not yet replaced stay (nothing is lost)
        answers.priorities = chosen + [
            e for e in earlier[len(chosen) :] if e.target not in {c.target for c in chosen}
        ]
        save()
    answers.priorities = list(chosen)
    save()


def run(catalog: Catalog, path: Path, *, lang: str | None = None) -> int:
    """Choose or change one's priorities in an answers file (interactive)."""
    from netzkompetenz.io.answers_file import HeldAnswersFile, score_file
    from netzkompetenz.views import prompts

    if not prompts.interactive():
        raise UsageError(_("choosing priorities needs a terminal to answer in"))
    scored = score_file(catalog, path)
    set_language(choose_language(lang, scored.answers.language))
    screen = Screen()
    held: HeldAnswersFile[Answers] = HeldAnswersFile(path)
    answers = scored.answers

    def save() -> None:
        screen.say_kept(held.save(answers), path)

    with held.hold(), prompts.stop_on_signals():  # held for the run, like the check's file
        held.read()
        try:
            ask_priorities(screen, answers, scored, save)
        except BaseException as exc:
            if not prompts.is_interruption(exc):
                raise
            priorities_screen.show_stopped(screen, path)
            return ExitCode.INTERRUPTED
    priorities_screen.show_saved(screen, len(answers.priorities), path)
    return ExitCode.OK
