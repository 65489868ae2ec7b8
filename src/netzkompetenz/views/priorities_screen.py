"""The screen of the priorities step (at the end of `check`, and `priorities`): what it is
for, the options with their gap or module, and the sentence why."""

from __future__ import annotations

import string
from collections.abc import Sequence
from pathlib import Path

from netzkompetenz.core.answers import ScoredAnswers
from netzkompetenz.core.dialogue import MAX_PRIORITIES, Priority
from netzkompetenz.i18n import _, ngettext, pick
from netzkompetenz.views.screen import Screen
from netzkompetenz.views.terminal import gap_text

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


def introduce(screen: Screen) -> None:
    screen.blank()
    screen.prose(  # running text: wrapped at spaces, not inside a word
        _(
            "Your priorities (optional): choose up to three dimensions or recommended "
            "modules you want to work on first. They come first in your report and can "
            "be the starting point of a conversation with your leader or coordinator."
        ),
        style="bold",
    )


def ask_priority(
    screen: Screen,
    scored: ScoredAnswers,
    options: Sequence[Priority],
    left: Sequence[Priority],
    n: int,
    default: str,
) -> str:
    """The `n`-th priority (0-based) among the options `left`: its target, or DONE."""
    # each option keeps its key from pick to pick (the numbers do not shift)
    key = {o.target: KEYS[k] for k, o in enumerate(options) if k < len(KEYS)}
    choices = [(option_title(scored, o), o.target, key.get(o.target)) for o in left]
    choices.append((_("done") if n else _("skip"), DONE, "0"))
    return screen.ask(
        _("Priority {n} of {max}").format(n=n + 1, max=MAX_PRIORITIES),
        choices,
        default=default,
        instruction=_("(arrow keys or key, then Enter; 0 = done)"),
    )


def ask_why(screen: Screen, default: str) -> str:
    return screen.ask_text(_("Why this one? (optional, one sentence)"), default=default)


def show_saved(screen: Screen, count: int, path: Path) -> None:
    screen.say(
        ngettext(
            "Saved {count} priority in {file}.", "Saved {count} priorities in {file}.", count
        ).format(count=count, file=path),
        style="bold",
    )


def show_stopped(screen: Screen, path: Path) -> None:
    screen.say(_("Stopped; the priorities chosen so far are saved in {file}.").format(file=path))
