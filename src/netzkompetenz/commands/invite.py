"""`invite`: the rated person decides whom to ask for a rating (consent, issue 24). It
writes a small invitation file naming the person, the questionnaire version and the
relations invited; `rate --invitation` and `export --invitation` take the person and the
questionnaire from it, and refuse a relation that was not invited."""

from __future__ import annotations

from pathlib import Path

from netzkompetenz.core.answers import Respondent
from netzkompetenz.core.model import Questionnaire
from netzkompetenz.core.ratings import RELATIONS, Invitation, Relation
from netzkompetenz.errors import UsageError
from netzkompetenz.i18n import _, choose_language, set_language
from netzkompetenz.io import invocation
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.io.files import check_output
from netzkompetenz.io.ratings_file import (
    new_invitation,
    questionnaire_of,
    read_invitation,
    write_invitation,
)
from netzkompetenz.views import output as output_
from netzkompetenz.views.ratings_page import development_note


def run(
    catalog: Catalog,
    *,
    role: str,
    person: str,
    relations: list[str],
    output: Path,
    force: bool,
    lang: str | None = None,
) -> None:
    check_output(output, force)
    questionnaire = catalog.questionnaire_of(catalog.profile_for_role(role))
    set_language(choose_language(lang, questionnaire.languages[0]))
    if questionnaire.rater is None:
        raise UsageError(
            _("Questionnaire '{id}' has no rater version.").format(id=questionnaire.id)
        )
    if not person.strip():
        raise UsageError(_("Please enter a name or a pseudonym."))
    chosen: list[Relation] = [r for r in RELATIONS if r in relations]
    write_invitation(output, new_invitation(questionnaire, Respondent(name=person.strip()), chosen))
    output_.say(_("Invitation written: {file}").format(file=output))
    output_.say(development_note())
    output_.say(_("The people you invite rate you with:"))
    for relation in chosen:
        output_.say(
            "  " + invocation.command("rate", "--invitation", output, "--relation", relation)
        )
    output_.say(_("or with a survey form made from it, e.g.:"))
    output_.say(
        "  "
        + invocation.command(
            "export",
            questionnaire.id,
            "--invitation",
            output,
            "--relation",
            chosen[0],
            "--format",
            "limesurvey",
            "-o",
            "FILE.txt",
        )
    )


def invited(catalog: Catalog, path: Path, relation: str | None) -> tuple[Invitation, Questionnaire]:
    """The invitation in `path` and its questionnaire; a relation that it does not invite
    is refused (the rated person chose whom to ask)."""
    found = read_invitation(path)
    if relation is not None and relation not in found.relations:
        raise UsageError(
            _("{file} invites ratings by {invited} only, not by '{relation}'.").format(
                file=path, invited=", ".join(found.relations), relation=relation
            )
        )
    return found, questionnaire_of(catalog, path, found)
