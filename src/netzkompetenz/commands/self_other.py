"""`report SELF.json --ratings R...`: the self-assessment beside the ratings by others
(issue 24), as a page (-o FILE.md|FILE.html) or in the terminal."""

from __future__ import annotations

from pathlib import Path

from netzkompetenz.core.people import person_key
from netzkompetenz.core.ratings import self_other
from netzkompetenz.errors import InputError, UsageError
from netzkompetenz.i18n import _
from netzkompetenz.io.answers_file import score_file
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.io.files import atomic_write, check_output
from netzkompetenz.io.ratings_file import read_all
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
    ratings = read_all(catalog, rating_paths)
    person = own.answers.respondent.name
    problems = []
    for found in ratings:
        if found.questionnaire.id != own.questionnaire.id:
            problems.append(
                InputError.single(
                    found.path,
                    _(
                        "a rating on questionnaire '{rated}', but the self-assessment "
                        "answers '{own}'"
                    ).format(rated=found.questionnaire.id, own=own.questionnaire.id),
                ).problems[0]
            )
        elif person_key(found.rating.rated.name, "") != person_key(person, ""):
            problems.append(
                InputError.single(
                    found.path,
                    _("a rating of '{rated}', not of '{person}'").format(
                        rated=found.rating.rated.name, person=person
                    ),
                ).problems[0]
            )
    if problems:
        raise InputError(problems)
    language = output_.use_language(lang, [own])
    compared = self_other(
        own.questionnaire, own.answers.values, [found.rating for found in ratings]
    )
    if output is None or fmt is None:
        print_ratings(output_.console(), ratings_view(compared, person))
        return
    atomic_write(
        output,
        render_ratings(compared, person, fmt, language),
        private=True,
    )
    output_.say(_("Report written: {file}").format(file=output))
