"""The screen of `rate`: the check's screen (views/check_screen.py) with what differs for
someone rating another person – whom and in which relation, the introduction, the
dimensions by their titles only, the end of the rating."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from netzkompetenz.core.checkflow import Walk
from netzkompetenz.core.model import ROLES, Item, Questionnaire
from netzkompetenz.core.ratings import RELATIONS, Rating, Relation
from netzkompetenz.i18n import _, ngettext, pick
from netzkompetenz.views.check_screen import CheckScreen, back_key
from netzkompetenz.views.ratings_page import development_note


def relation_names() -> dict[str, str]:
    return {
        "leader": _("as their leader"),
        "colleague": _("as a colleague"),
        "partner": _("as a network partner"),
    }


class RateScreen(CheckScreen):
    def ask_questionnaire(self) -> str:
        return self.ask(
            _("Whom do you rate?"),
            [
                (
                    {
                        "coordinator": _("A network coordinator"),
                        "leader": _("A leader responsible for a network"),
                    }[role],
                    role,
                    str(n),
                )
                for n, role in enumerate(ROLES, 1)
            ],
        )

    def ask_relation(self, offered: Sequence[Relation] = RELATIONS) -> Relation:
        """`offered`: the relations an invitation names (all without one)."""
        names = relation_names()
        return self.ask(
            _("In which relation do you rate this person?"),
            [(names[r], r, str(n)) for n, r in enumerate(offered, 1)],
        )

    def show_dimension(self, questionnaire: Questionnaire, item: Item) -> None:
        # the title only: the description speaks to the person assessing themselves
        self.blank()
        self.prose(pick(questionnaire.dimension(item.dimension).title), style="bold cyan")

    def show_start(self, path: Path) -> None:
        # no title: the questionnaire's ("Selbsteinschätzung …") is the rated person's
        self.start_page()
        self.prose(_("Your answers are saved after every question in:"))
        self.say(f"  {path}", style="bold")
        self.prose(development_note())
        self.blank()

    def show_rating_introduction(
        self, rating: Rating, questionnaire: Questionnaire, walk: Walk
    ) -> None:
        if self.page is None:
            self.start_page()
        self.prose(
            _("You rate {person} {relation}.").format(
                person=rating.rated.name, relation=relation_names()[rating.relation]
            ),
            style="bold",
        )
        if questionnaire.description:
            self.prose(pick(questionnaire.description))
        if rating.relation == "partner":
            self.prose(_("As a network partner you are not asked for your name."))
        total, _about = walk.total()
        self.prose(ngettext("{count} statement.", "{count} statements.", total).format(count=total))
        self.prose(
            _(
                "“{cannot_judge}” (key 0) is not a low score: choose it whenever you have "
                "not seen this yourself."
            ).format(cannot_judge=pick(questionnaire.scale.cannot_judge)),
            style="bold",
        )
        self.prose(
            _(
                "Answer with the arrow keys or the number, then Enter; {back} goes back "
                "to the previous question."
            ).format(back=back_key())
        )
        self.end_page()

    def show_rating_saved(self, rating: Rating, path: Path, command: str) -> None:
        self.blank()
        self.say(_("Rating saved: {path}").format(path=path), style="bold")
        self.prose(
            _(
                "Please give this file to {person}; their report shows it beside their "
                "self-assessment: {command}"
            ).format(person=rating.rated.name, command=command)
        )
        self.prose(development_note())
