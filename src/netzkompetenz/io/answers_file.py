"""Answers files: read (with positions for every problem), check, score, write atomically."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from pydantic import ValidationError

from netzkompetenz.core.answers import (
    Answers,
    ScoredAnswers,
    VersionChange,
    changed_items,
    check_values,
)
from netzkompetenz.core.model import Questionnaire
from netzkompetenz.core.scoring import score
from netzkompetenz.errors import InputError
from netzkompetenz.i18n import _
from netzkompetenz.io.catalog import Catalog


def read_answers(path: Path) -> Answers:
    """Read an answers file; problems are reported with line and column."""
    from netzkompetenz.io.loader import problems_from_validation
    from netzkompetenz.io.yamlsource import parse_yaml

    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError.single(path, _("cannot read answers file: {reason}").format(
            reason=exc.strerror)) from None
    except UnicodeDecodeError:
        raise InputError.single(path, _("not UTF-8 text")) from None
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError.single(path, _("invalid JSON: {reason}").format(reason=exc.msg),
                                exc.lineno, exc.colno) from None
    doc = parse_yaml(text, str(path))  # JSON is YAML: this keeps positions, refuses dup keys
    try:
        return Answers.model_validate(doc.data)
    except ValidationError as exc:
        raise InputError(problems_from_validation(doc, exc, Answers)) from None


def check_answers_file(path: Path, answers: Answers, questionnaire: Questionnaire
                       ) -> dict[str, int | str]:
    """The answers' values, checked against the questionnaire; problems name the item."""
    values, problems = check_values(questionnaire, answers.values)
    if problems:
        from netzkompetenz.io.yamlsource import parse_yaml

        doc = parse_yaml(path.read_text(encoding="utf-8-sig"), str(path))
        raise InputError([doc.problem(("values", p.item), _("item '{item}': {reason}").format(
            item=p.item, reason=p.reason), key=p.reason.msgid == "unknown item")
            for p in problems])
    return values


def write_answers(path: Path, answers: Answers) -> None:
    from netzkompetenz.io.files import atomic_write

    answers.updated = datetime.now(UTC)
    atomic_write(path, answers.model_dump_json(indent=2) + "\n", private=True)




def score_file(catalog: Catalog, path: Path) -> ScoredAnswers:
    """Read, check and score one answers file. Answers to an older questionnaire version are
    scored with that version when the catalogue still has it (archive/), else on the items
    of the current version that still exist; the result says which."""
    answers = read_answers(path)
    ref = answers.questionnaire
    older = catalog.versions.get((ref.id, ref.version))
    if older is not None and older.model.content_hash() == ref.hash:  # type: ignore[union-attr]
        questionnaire: Questionnaire = older.model  # type: ignore[assignment]
        profile = catalog.profile_for(answers.profile, questionnaire)
        values = check_answers_file(path, answers, questionnaire)
        return ScoredAnswers(path, answers, questionnaire, profile,
                             score(questionnaire, profile, values, answers.context),
                             current_version=catalog.current_version(questionnaire))
    questionnaire = catalog.questionnaire(ref.id)
    profile = catalog.profile(answers.profile)
    change = None
    if ref.hash != questionnaire.content_hash():
        changes = changed_items(answers, questionnaire) if ref.items \
            else {"added": [], "changed": [],
                  "removed": [i for i in answers.values if i not in
                              {item.id for item in questionnaire.items}]}
        # Answers to items that no longer exist cannot count; say so instead of failing.
        for item_id in changes["removed"]:
            answers.values.pop(item_id, None)
        change = VersionChange(ref.version, questionnaire.version, tuple(changes["added"]),
                               tuple(changes["removed"]), tuple(changes["changed"]))
    values = check_answers_file(path, answers, questionnaire)
    return ScoredAnswers(path, answers, questionnaire, profile,
                         score(questionnaire, profile, values, answers.context), change)


def score_files(catalog: Catalog, paths: list[Path]) -> list[ScoredAnswers]:
    """Score every file; problems of all files are reported together."""
    scored, problems = [], []
    for path in paths:
        try:
            scored.append(score_file(catalog, path))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return scored
