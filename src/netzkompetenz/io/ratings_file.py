"""Rating files (Fremdeinschätzung, issue 24): read strictly, with every problem placed at
line and column, and checked against the questionnaire version they were given to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from netzkompetenz.core.answers import Respondent
from netzkompetenz.core.model import Questionnaire
from netzkompetenz.core.ratings import (
    Invitation,
    Rating,
    Relation,
    invitation,
    rating_begun,
    rating_problems,
)
from netzkompetenz.errors import InputError
from netzkompetenz.i18n import _
from netzkompetenz.io.answers_file import placed_problem, read_json_model
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.io.files import atomic_write


@dataclass(frozen=True)
class RatingFile:
    path: Path
    rating: Rating
    questionnaire: Questionnaire


def new_rating(
    questionnaire: Questionnaire,
    rated: Respondent,
    relation: Relation,
    rater_name: str | None,
    language: str,
) -> Rating:
    """A new, empty rating, begun now."""
    return rating_begun(questionnaire, rated, relation, rater_name, language, datetime.now(UTC))


def new_invitation(
    questionnaire: Questionnaire, rated: Respondent, relations: list[Relation]
) -> Invitation:
    return invitation(questionnaire, rated, relations, datetime.now(UTC))


def write_invitation(path: Path, invitation: Invitation) -> None:
    """Readable by its owner only: it names the person rated."""
    atomic_write(path, (invitation.model_dump_json(indent=2) + "\n").encode("utf-8"), private=True)


def read_invitation(path: Path) -> Invitation:
    """An invitation file (`netzkompetenz invite`); problems placed at line and column."""
    return read_json_model(path, Invitation, _("cannot read invitation file: {reason}"))


def read_rating(path: Path) -> Rating:
    """Read a rating file's structure; problems are reported with line and column."""
    return read_json_model(path, Rating, _("cannot read rating file: {reason}"))


def questionnaire_of(catalog: Catalog, path: Path, rating: Rating | Invitation) -> Questionnaire:
    """The questionnaire version the rating (or invitation) was given to (an archived one
    included), else the current one of that id, whose rater items must then hold the
    rating's answers."""
    ref = rating.questionnaire
    entry = catalog.versions.get((ref.id, ref.version))
    if entry is not None:
        return entry.model
    try:
        return catalog.questionnaire(ref.id)
    except InputError as exc:
        raise placed_problem(
            path, ("questionnaire", "id"), "; ".join(str(p.message) for p in exc.problems)
        ) from None


def check_rating(path: Path, rating: Rating, questionnaire: Questionnaire) -> None:
    found = rating_problems(rating, questionnaire)
    if found:
        from netzkompetenz.io.loader import placed
        from netzkompetenz.io.yamlsource import parse_yaml

        doc = parse_yaml(path.read_text(encoding="utf-8-sig"), str(path))
        raise InputError(placed(doc, found))


def read_checked(catalog: Catalog, path: Path) -> RatingFile:
    rating = read_rating(path)
    questionnaire = questionnaire_of(catalog, path, rating)
    check_rating(path, rating, questionnaire)
    return RatingFile(path, rating, questionnaire)


def read_all(catalog: Catalog, paths: list[Path]) -> list[RatingFile]:
    """Every file read and checked; the problems of all files reported together."""
    found, problems = [], []
    for path in paths:
        try:
            found.append(read_checked(catalog, path))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return found
