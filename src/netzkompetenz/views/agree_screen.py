"""The screen of `agree`: the tandem picks up to three agreed priorities together, each with
an optional sentence why. Every choice is handed to `save` at once; `b` goes back one pick
(that pick pre-selected), and an earlier agreed file's choices are pre-selected, as in the
check (docs/compare.md, "Agreeing on priorities")."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

from netzkompetenz.core.answers import ScoredAnswers
from netzkompetenz.core.dialogue import MAX_PRIORITIES, Priority
from netzkompetenz.core.guide import AgreedOption, Guide
from netzkompetenz.i18n import _, pgettext, pick
from netzkompetenz.views.guide_page import condition_option
from netzkompetenz.views.screen import Screen
from netzkompetenz.views.terminal import gap_text

DONE: Final = "__done__"
BACK: Final = "__back__"
Chosen = list[tuple[AgreedOption, str]]


def _keys(back: str) -> list[str]:
    # 0 ends the step; the options take 1-9, then letters other than the back key
    letters = [chr(c) for c in range(ord("a"), ord("z") + 1) if chr(c) != back]
    return list("123456789") + letters


class AgreeScreen(Screen):
    def __init__(self, found: Guide) -> None:
        super().__init__()
        self.found = found

    def _what(self, s: ScoredAnswers, p: Priority) -> str:
        if p.dimension is not None:
            d = s.result.dimension(p.dimension)
            gap = "" if d.gap is None else " · " + gap_text(d.gap)
            return f"{p.dimension} {pick(s.questionnaire.dimension(p.dimension).title)}{gap}"
        assert p.module is not None  # a priority names a dimension or a module
        return pick(s.profile.module(p.module).title)

    def title(self, option: AgreedOption) -> str:
        leader, coordinator = self.found.tandem.leader, self.found.tandem.coordinator
        names = {
            "leader": leader.answers.respondent.name,
            "coordinator": coordinator.answers.respondent.name,
        }
        if option.source in ("leader", "coordinator", "file"):
            s, p = (
                (leader, option.leader)
                if option.source == "leader" or option.coordinator is None
                else (coordinator, option.coordinator)
            )
            assert p is not None  # an own priority is one person's
            what = self._what(s, p)
            if option.source == "file":
                return _("{what} (in the agreed file, for {name})").format(
                    what=what, name=s.answers.respondent.name
                )
            return _("{name}'s priority: {what}").format(name=names[option.source], what=what)
        if option.source == "differs":
            assert option.pair is not None  # a paired statement seen differently
            pair = option.pair
            return _("Seen differently: “{statement}” ({leader}: {a}, {coordinator}: {b})").format(
                statement=pick(pair.coordinator_item.text),
                leader=names["leader"],
                coordinator=names["coordinator"],
                a=f"{pair.leader:g}",
                b=f"{pair.coordinator:g}",
            )
        if option.source == "condition":
            assert option.condition is not None  # a shared condition
            return condition_option(option.condition, names["leader"], names["coordinator"])
        s, p = (leader, option.leader) if option.leader else (coordinator, option.coordinator)
        assert p is not None and p.module is not None  # a recommended module
        whom = [
            names[side]
            for side, s_ in (("leader", leader), ("coordinator", coordinator))
            if any(r.module == p.module for r in s_.result.recommendations)
        ]
        return _("Module: {title} (recommended for {names})").format(
            title=self._what(s, p), names=", ".join(whom)
        )

    def introduce(self) -> None:
        self.say("")
        self.prose(
            _(
                "Your agreed priorities: choose together up to three things to work on "
                "first – from your own priorities, what you see or describe differently and "
                "the recommended modules – each with a sentence why, if you like. Every "
                "choice is saved at once."
            ),
            style="bold",
        )

    def choose(
        self,
        options: Sequence[AgreedOption],
        earlier: Chosen,
        save: Callable[[Chosen], None],
    ) -> Chosen:
        """Up to three picks; 0 ends, the back key returns to the previous pick. What is
        chosen so far, with the earlier choices not yet replaced, is saved after each."""
        back = pgettext("key for back", "b")
        keys = _keys(back)
        chosen: Chosen = list(earlier)
        n = 0
        while n < MAX_PRIORITIES:
            taken = {o.targets for o, _why in chosen[:n]}
            left = [o for o in options if o.targets not in taken]
            before = chosen[n] if n < len(chosen) else None
            # each option keeps its key from pick to pick (the numbers do not shift)
            key = {o.targets: keys[k] for k, o in enumerate(options) if k < len(keys)}
            choices: list[tuple[str, object, str | None]] = [
                (self.title(o), o.targets, key.get(o.targets)) for o in left
            ]
            choices.append((_("done") if n else _("skip"), DONE, "0"))
            if n:
                choices.append((_("← back"), BACK, back))
            value = self.ask(
                _("Agreed priority {n} of {max}").format(n=n + 1, max=MAX_PRIORITIES),
                choices,
                default=before[0].targets if before else DONE,
                instruction=_("(arrow keys or key, then Enter; 0 = done)"),
            )
            if value == BACK:
                n -= 1
                continue
            if value == DONE:
                break
            option = next(o for o in left if o.targets == value)
            why = self.ask_text(
                _("Why this one? (optional, one sentence)"),
                default=before[1] if before and before[0].targets == value else "",
            )
            # until the step ends, earlier choices not yet replaced stay (nothing is lost)
            kept = [c for c in chosen[n + 1 :] if c[0].targets != option.targets]
            chosen = [*chosen[:n], (option, why), *kept][:MAX_PRIORITIES]
            save(chosen)
            n += 1
        chosen = chosen[:n]
        save(chosen)
        return chosen
