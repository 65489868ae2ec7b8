"""`priorities`: choose up to three priorities after the self-check, or later without
answering again. The same step runs at the end of `check`; every choice is saved at once."""

from __future__ import annotations

import string
from pathlib import Path
from typing import TYPE_CHECKING

from netzkompetenz.core.answers import ScoredAnswers
from netzkompetenz.core.dialogue import MAX_PRIORITIES, Priority, priority_options
from netzkompetenz.errors import ExitCode, UsageError
from netzkompetenz.i18n import _, choose_language, ngettext, pick, set_language
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.views.terminal import gap_text

if TYPE_CHECKING:
    from netzkompetenz.commands.check import _Check

DONE = "__done__"
# 0 ends the step; the options take 1-9, then letters (z is "back" elsewhere in the check)
KEYS = list("123456789") + [c for c in string.ascii_lowercase if c != "z"]


def option_title(scored: ScoredAnswers, option: Priority) -> str:
    if option.dimension is not None:
        d = scored.result.dimension(option.dimension)
        title = pick(scored.questionnaire.dimension(option.dimension).title)
        gap = "" if d.gap is None else " · " + gap_text(d.gap)  # as in the summary
        return f"{option.dimension} {title}{gap}"
    assert option.module is not None  # not a dimension: a module (priority_problems checks it)
    return _("Module: {title} (recommended)").format(
        title=pick(scored.profile.module(option.module).title)
    )


def ask_priorities(check: _Check, scored: ScoredAnswers) -> None:
    """Up to three priorities, each with an optional sentence why; 0 ends (or skips) the
    step. Earlier choices are pre-selected; every choice is saved at once."""
    answers = check.answers
    assert answers is not None  # the check's or the file's, set before this step
    earlier = list(answers.priorities)
    options = priority_options(scored.result, scored.questionnaire)
    check.say("")
    check.prose(  # running text: wrapped at spaces, not inside a word
        _(
            "Your priorities (optional): choose up to three dimensions or recommended "
            "modules you want to work on first. They come first in your report and can "
            "be the starting point of a conversation with your leader or coordinator."
        ),
        style="bold",
    )
    chosen: list[Priority] = []
    while len(chosen) < MAX_PRIORITIES:
        left = [o for o in options if o.target not in {c.target for c in chosen}]
        before = earlier[len(chosen)] if len(chosen) < len(earlier) else None
        # each option keeps its key from pick to pick (the numbers do not shift)
        key = {o.target: KEYS[n] for n, o in enumerate(options) if n < len(KEYS)}
        choices = [(option_title(scored, o), o.target, key.get(o.target)) for o in left]
        choices.append((_("done") if chosen else _("skip"), DONE, "0"))
        target = check.ask(
            _("Priority {n} of {max}").format(n=len(chosen) + 1, max=MAX_PRIORITIES),
            choices,
            default=before.target if before else DONE,
            instruction=_("(arrow keys or key, then Enter; 0 = done)"),
        )
        if target == DONE:
            break
        option = next(o for o in left if o.target == target)
        why = check.prompts.ask_text(
            _("Why this one? (optional, one sentence)"),
            default=before.why if before and before.target == target else "",
        )
        chosen.append(option.model_copy(update={"why": why}))
        # until the step ends, earlier choices not yet replaced stay (nothing is lost)
        answers.priorities = chosen + [
            e for e in earlier[len(chosen) :] if e.target not in {c.target for c in chosen}
        ]
        check.save()
    answers.priorities = list(chosen)
    check.save()


def run(catalog: Catalog, path: Path, *, lang: str | None = None) -> int:
    """Choose or change one's priorities in an answers file (interactive)."""
    from netzkompetenz.commands.check import _Check
    from netzkompetenz.io.answers_file import score_file
    from netzkompetenz.views import prompts

    if not prompts.interactive():
        raise UsageError(_("choosing priorities needs a terminal to answer in"))
    scored = score_file(catalog, path)
    language = set_language(choose_language(lang, scored.answers.language))
    check = _Check(catalog, language)
    with check.locks, prompts.stop_on_signals():
        check.use_file(path)  # held for the run, like the check's own answers file
        check.answers = scored.answers
        try:
            ask_priorities(check, scored)
        except BaseException as exc:
            if not prompts.is_interruption(exc):
                raise
            check.say(
                _("Stopped; the priorities chosen so far are saved in {file}.").format(file=path)
            )
            return ExitCode.INTERRUPTED
    count = len(check.answers.priorities)
    check.say(
        ngettext(
            "Saved {count} priority in {file}.", "Saved {count} priorities in {file}.", count
        ).format(count=count, file=path),
        style="bold",
    )
    return ExitCode.OK
