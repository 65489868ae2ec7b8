"""`rate`: someone else's view of a person (Fremdeinschätzung, issue 24) – their leader, a
colleague or a network partner answers the rater versions of the person's items.

The same machinery as `check`: the walk (core/checkflow.Walk on the rater's view of the
questionnaire, core/ratings.rater_questionnaire), the prompts and their layout (the check's
`_Check`), a file saved after every answer under a lock, back and resume. What differs: the
rating file (core/ratings.Rating), who is asked what, and that a partner's name is never
asked or stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from netzkompetenz.commands.check import _Check
from netzkompetenz.core.answers import Respondent
from netzkompetenz.core.checkflow import Walk
from netzkompetenz.core.model import ROLES, Item, Questionnaire
from netzkompetenz.core.ratings import RELATIONS, Rating, Relation, rater_questionnaire
from netzkompetenz.errors import ExitCode, UsageError
from netzkompetenz.i18n import _, ngettext, pgettext, pick
from netzkompetenz.io import invocation, userfiles
from netzkompetenz.io.answers_file import HeldAnswersFile
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.io.ratings_file import check_rating, new_rating, questionnaire_of, read_rating
from netzkompetenz.views.ratings_page import development_note


def relation_names() -> dict[str, str]:
    return {
        "leader": _("as their leader"),
        "colleague": _("as a colleague"),
        "partner": _("as a network partner"),
    }


class _Rate(_Check):
    """One run of `rate`: the check's console and prompts, a rating file instead of answers."""

    def __init__(self, catalog: Catalog, lang: str | None):
        super().__init__(catalog, lang)
        self.rating: Rating | None = None
        self.rating_file: HeldAnswersFile[Rating] | None = None

    def use_rating_file(self, path: Path) -> Rating | None:
        self.rating_file = HeldAnswersFile(path, read_rating)
        self.locks.enter_context(self.rating_file.hold())
        self.path = path
        return self.rating_file.read()

    def save(self) -> None:
        if self.rating is not None and self.rating_file is not None:
            self.say_kept(self.rating_file.save(self.rating))

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

    def show_dimension(self, questionnaire: Questionnaire, item: Item) -> None:
        # the title only: the description speaks to the person assessing themselves
        self.say("")
        self.prose(pick(questionnaire.dimension(item.dimension).title), style="bold cyan")

    def ask_relation(self, offered: Sequence[Relation] = RELATIONS) -> Relation:
        names = relation_names()
        return self.ask(
            _("In which relation do you rate this person?"),
            [(names[r], r, str(n)) for n, r in enumerate(offered, 1)],
        )

    def show_introduction(self, questionnaire: Questionnaire, walk: Walk) -> None:
        assert self.rating is not None
        self.prose(
            _("You rate {person} {relation}.").format(
                person=self.rating.rated.name, relation=relation_names()[self.rating.relation]
            ),
            style="bold",
        )
        if questionnaire.description:
            self.prose(pick(questionnaire.description))
        if self.rating.relation == "partner":
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
            ).format(back=pgettext("key for back", "b"))
        )

    def end_of_walk(self) -> tuple[str, str]:
        return _("All statements are answered."), _("Finish the rating")

    def keep(self, walk: Walk) -> None:
        assert self.rating is not None
        self.rating.values = dict(walk.values)  # type: ignore[arg-type]  # no "not applicable" is offered

    def interrupted(self, catalog_hint: list[str]) -> None:
        if self.rating is not None and self.path is not None:
            self.save()
            saved = _("Your answers ({count}) are saved in {path}.").format(
                count=len(self.rating.values), path=self.path
            )
            command = invocation.command(*catalog_hint, "rate", "--rating", self.path)
            message = _("Interrupted. {saved}\nResume with:\n  {command}")
        else:
            saved = _("Nothing was saved yet.")
            command = invocation.command(*catalog_hint, "rate")
            message = _("Interrupted. {saved}\nStart again with:\n  {command}")
        try:
            self.console.print()
            self.say(message.format(saved=saved, command=command), style="bold")
        except OSError:  # the terminal is gone (SIGHUP): the answers are saved all the same
            pass


def default_rating_path(relation: str, folder: Path | None = None) -> Path:
    """netzkompetenz-rating-<relation>-<date>.json in the data folder (-2, -3 … for more);
    the person's name stays out of the file name, which is seen in more places."""
    return userfiles.default_answers_path(f"rating-{relation}", date.today(), folder)


def run(
    catalog: Catalog,
    *,
    lang: str | None,
    role: str | None,
    person: str | None,
    relation: str | None,
    rater: str | None,
    rating_path: Path | None,
    invitation_path: Path | None = None,
) -> int:
    from netzkompetenz.views import prompts

    if not prompts.interactive():
        raise UsageError(
            _(
                "The rating needs a terminal to answer in; the input here is not a terminal. "
                "For a survey, export the questionnaire with `{export}`."
            ).format(
                export=invocation.command(
                    "export", "ID", "--relation", "RELATION", "--format", "FORMAT", "-o", "FILE"
                )
            )
        )
    if relation == "partner" and rater:
        raise UsageError(_("--rater: a network partner's rating does not name the rater."))
    session = _Rate(catalog, lang)
    with session.locks, prompts.stop_on_signals():
        try:
            _run(
                session, catalog, lang, role, person, relation, rater, rating_path, invitation_path
            )
        except BaseException as exc:
            if not prompts.is_interruption(exc):
                raise
            session.interrupted([])
            return ExitCode.INTERRUPTED
    return ExitCode.OK


def _run(
    session: _Rate,
    catalog: Catalog,
    lang: str | None,
    role: str | None,
    person: str | None,
    relation: str | None,
    rater: str | None,
    path: Path | None,
    invitation_path: Path | None = None,
) -> None:
    offered: Sequence[Relation] = RELATIONS
    questionnaire: Questionnaire | None = None
    if invitation_path is not None:  # the rated person chose whom to ask
        from netzkompetenz.commands.invite import invited

        found, questionnaire = invited(catalog, invitation_path, relation)
        person, offered = found.rated.name, found.relations
        relation = relation or (offered[0] if len(offered) == 1 else None)
    existing = session.use_rating_file(path) if path is not None else None
    if existing is not None:
        assert path is not None  # read from it
        session.lang = lang or existing.language
        questionnaire = questionnaire_of(catalog, path, existing)
        check_rating(path, existing, questionnaire)
        if relation is not None and relation != existing.relation:
            raise UsageError(
                _("{file} is a rating {found}, not {relation}.").format(
                    file=path,
                    found=relation_names()[existing.relation],
                    relation=relation_names()[relation],
                )
            )
        session.rating = existing
    else:
        session.lang = lang or session.ask_language()
        if questionnaire is None:
            role = role or session.ask_questionnaire()
            questionnaire = catalog.questionnaire_of(catalog.profile_for_role(role))
        if questionnaire.rater is None:
            raise UsageError(
                _("Questionnaire '{id}' has no rater version.").format(id=questionnaire.id)
            )
        name = person or session.ask_text(
            _("Name or pseudonym of the person you rate:"),
            required=_("Please enter a name or a pseudonym."),
        )
        chosen: Relation = relation or session.ask_relation(offered)  # type: ignore[assignment]  # a Relation, from the CLI's choice
        if chosen == "partner" and rater:
            raise UsageError(_("--rater: a network partner's rating does not name the rater."))
        if chosen != "partner" and rater is None:
            rater = session.ask_text(_("Your name (optional):"))
        if path is None:
            path = default_rating_path(chosen)
            session.use_rating_file(path)
        session.rating = new_rating(
            questionnaire, Respondent(name=name), chosen, rater or None, session.lang
        )
    rating = session.rating
    assert rating is not None
    view = rater_questionnaire(questionnaire, rating.relation)
    # no title: the questionnaire's ("Selbsteinschätzung …") is the rated person's
    session.prose(_("Your answers are saved after every question in:"))
    session.say(f"  {path}", style="bold")
    session.prose(development_note())
    session.say("")
    session.save()
    walk = Walk(view, rating.values)
    if rating.status == "complete":
        walk.review()
    else:
        walk.start()
    session.walk(walk, view)
    rating.status = "complete"
    session.save()
    session.say("")
    session.say(_("Rating saved: {path}").format(path=path), style="bold")
    session.prose(
        _(
            "Please give this file to {person}; their report shows it beside their "
            "self-assessment: {command}"
        ).format(
            person=rating.rated.name,
            command=invocation.command("report", "SELF.json", "--ratings", path, "-o", "FILE"),
        )
    )
    session.prose(development_note())
