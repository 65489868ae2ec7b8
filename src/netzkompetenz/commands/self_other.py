"""`report SELF.json --ratings R...`: the self-assessment beside the ratings by others
(issue 24), as a page (-o FILE.md|FILE.html) or in the terminal."""

from __future__ import annotations

from pathlib import Path

from netzkompetenz.commands.language import use_language
from netzkompetenz.core.answers import ScoredAnswers
from netzkompetenz.core.compare import Tandem
from netzkompetenz.core.people import person_key
from netzkompetenz.core.ratings import Rating, SelfOther, self_other
from netzkompetenz.errors import InputError, UsageError
from netzkompetenz.i18n import _
from netzkompetenz.io.answers_file import score_file
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.io.files import atomic_write, check_output
from netzkompetenz.io.ratings_file import RatingFile, read_all
from netzkompetenz.views import output as output_
from netzkompetenz.views.person_report import format_of
from netzkompetenz.views.ratings_page import print_ratings, ratings_view, render_ratings


def run(
    catalog: Catalog,
    answer_paths: list[Path],
    rating_paths: list[Path],
    output: Path | None,
    lang: str | None,
    force: bool,
) -> None:
    # `report SELF.json --ratings R1 R2 R3`: Typer gives R2 and R3 as further ANSWERS;
    # with --ratings, the first file is the self-assessment and every other one a rating.
    rating_paths = [*rating_paths, *answer_paths[1:]]
    answer_paths = answer_paths[:1]
    fmt = format_of(output) if output is not None else None
    if output is not None:
        inputs = {p.resolve() for p in [*answer_paths, *rating_paths]}
        if output.resolve() in inputs:
            raise UsageError(
                _("{file} is one of the input files; the report would overwrite it.").format(
                    file=output
                )
            )
        check_output(output, force)
    own = score_file(catalog, answer_paths[0])
    person = own.answers.respondent.name
    (ratings,) = ratings_of([own], read_all(catalog, rating_paths))
    use_language(lang, [own])
    compared = self_other(own.questionnaire, own.answers.values, ratings)
    if output is None or fmt is None:
        print_ratings(output_.console(), ratings_view(compared, person))
        return
    atomic_write(
        output,
        render_ratings(compared, person, fmt),
        private=True,
    )
    output_.say(_("Report written: {file}").format(file=output))


def ratings_of(people: list[ScoredAnswers], found: list[RatingFile]) -> list[list[Rating]]:
    """Each person's ratings (`report --ratings`: one person; the tandem's guide and
    `agree`: two). A rating is matched by its questionnaire and the rated person's name
    (case and spaces ignored); one that fits nobody is refused with its file (exit 2)."""
    out: list[list[Rating]] = [[] for _person in people]
    problems = []
    for rating_file in found:
        n = next(
            (k for k, p in enumerate(people) if p.questionnaire.id == rating_file.questionnaire.id),
            None,
        )
        if n is None:
            problems.append(
                InputError.single(
                    rating_file.path,
                    _(
                        "a rating on questionnaire '{rated}', but the self-assessment "
                        "answers '{own}'"
                    ).format(rated=rating_file.questionnaire.id, own=people[0].questionnaire.id),
                ).problems[0]
            )
            continue
        person = people[n].answers.respondent.name
        if person_key(rating_file.rating.rated.name, "") != person_key(person, ""):
            problems.append(
                InputError.single(
                    rating_file.path,
                    _("a rating of '{rated}', not of '{person}'").format(
                        rated=rating_file.rating.rated.name, person=person
                    ),
                ).problems[0]
            )
            continue
        out[n].append(rating_file.rating)
    if problems:
        raise InputError(problems)
    return out


def tandem_self_other(catalog: Catalog, found: Tandem, rating_paths: list[Path]) -> list[SelfOther]:
    """Self beside others for the tandem's leader and coordinator, each with the ratings
    of them among `rating_paths` (for the guide and `agree`, issue 24)."""
    people = [found.leader, found.coordinator]
    per_person = ratings_of(people, read_all(catalog, rating_paths))
    return [
        self_other(p.questionnaire, p.answers.values, ratings)
        for p, ratings in zip(people, per_person, strict=True)
        if ratings
    ]
