"""`rate`: someone else's view of a person (Fremdeinschätzung, issue 24) – their leader, a
colleague or a network partner answers the rater versions of the person's items.

The same machinery as `check`: the walk (core/checkflow.Walk on the rater's view of the
questionnaire, core/ratings.rater_questionnaire, walked by checkflow.go_through), the check's
screen (views/rate_screen.py), a file saved after every answer under a lock, back and
resume. What differs: the rating file (core/ratings.Rating), who is asked what, and that a
partner's name is never asked or stored.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from netzkompetenz.core.answers import Respondent
from netzkompetenz.core.checkflow import Walk, go_through
from netzkompetenz.core.model import Questionnaire
from netzkompetenz.core.ratings import RELATIONS, Rating, Relation, rater_questionnaire
from netzkompetenz.errors import ExitCode, UsageError
from netzkompetenz.i18n import _, set_language
from netzkompetenz.io import invocation, userfiles
from netzkompetenz.io.answers_file import HeldAnswersFile
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.io.ratings_file import check_rating, new_rating, questionnaire_of, read_rating
from netzkompetenz.views.check_screen import show_interrupted
from netzkompetenz.views.rate_screen import RateScreen, relation_names


class _Rate:
    """One run of `rate`: the rating file, held for the run, and its screen."""

    def __init__(self, lang: str | None):
        self.screen = RateScreen()
        if lang:
            set_language(lang)
        self.rating: Rating | None = None
        self.rating_file: HeldAnswersFile[Rating] | None = None
        self.path: Path | None = None
        self.locks = contextlib.ExitStack()  # the rating file's lock, held for the run

    def use_rating_file(self, path: Path) -> Rating | None:
        self.rating_file = HeldAnswersFile(path, read_rating)
        self.locks.enter_context(self.rating_file.hold())
        self.path = path
        return self.rating_file.read()

    def save(self) -> None:
        if self.rating is not None and self.rating_file is not None:
            self.screen.say_kept(self.rating_file.save(self.rating), self.path)

    def keep(self, walk: Walk) -> None:
        assert self.rating is not None
        self.rating.values = dict(walk.values)  # type: ignore[arg-type]  # no "not applicable" is offered
        self.save()

    def interrupted(self) -> None:
        if self.rating is not None and self.path is not None:
            self.save()
            command = invocation.command("rate", "--rating", self.path)
            show_interrupted(self.screen, (len(self.rating.values), self.path), command)
        else:
            show_interrupted(self.screen, None, invocation.command("rate"))


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
    session = _Rate(lang)
    with session.locks, prompts.stop_on_signals():
        try:
            _run(
                session, catalog, lang, role, person, relation, rater, rating_path, invitation_path
            )
        except BaseException as exc:
            if not prompts.is_interruption(exc):
                raise
            session.interrupted()
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
        set_language(lang or existing.language)
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
        language = set_language(lang or session.screen.ask_language())
        if questionnaire is None:
            role = role or session.screen.ask_questionnaire()
            questionnaire = catalog.questionnaire_of(catalog.profile_for_role(role))
        if questionnaire.rater is None:
            raise UsageError(
                _("Questionnaire '{id}' has no rater version.").format(id=questionnaire.id)
            )
        name = person or session.screen.ask_text(
            _("Name or pseudonym of the person you rate:"),
            required=_("Please enter a name or a pseudonym."),
        )
        chosen: Relation = relation or session.screen.ask_relation(offered)  # type: ignore[assignment]  # a Relation, from the CLI's choice
        if chosen == "partner" and rater:
            raise UsageError(_("--rater: a network partner's rating does not name the rater."))
        if chosen != "partner" and rater is None:
            rater = session.screen.ask_text(_("Your name (optional):"))
        if path is None:
            path = default_rating_path(chosen)
            session.use_rating_file(path)
        session.rating = new_rating(
            questionnaire, Respondent(name=name), chosen, rater or None, language
        )
    rating = session.rating
    assert rating is not None
    view = rater_questionnaire(questionnaire, rating.relation)
    screen = session.screen
    screen.show_start(path)
    session.save()
    walk = Walk(view, rating.values)
    if rating.status == "complete":
        walk.review()
    else:
        walk.start()
    screen.show_rating_introduction(rating, view, walk)
    go_through(
        walk,
        lambda w: screen.ask_step(w, view),
        lambda: screen.ask_end(_("All statements are answered."), _("Finish the rating")),
        session.keep,
    )
    rating.status = "complete"
    session.save()
    screen.show_rating_saved(
        rating, path, invocation.command("report", "SELF.json", "--ratings", path, "-o", "FILE")
    )
