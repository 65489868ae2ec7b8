"""Answers: the file format, its checks against a questionnaire, and reading/writing.

`check_values` is the one validation path for answers from every source: the interactive
check, an answers file and a batch row.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from netzkompetenz.core.model import CANNOT_JUDGE, Id, LanguageCode, Questionnaire
from netzkompetenz.errors import InputError

FORMAT = "netzkompetenz-answers/1"


class Respondent(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, description="Name or pseudonym.")
    organisation: str = ""
    tandem: str | None = Field(None, description="Shared by a leader and a coordinator "
                                                 "of one municipality.")


class QuestionnaireRef(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: Id
    version: str
    hash: str
    items: dict[str, str] = Field(default_factory=dict,
                                  description="Fingerprint per item, to tell what changed.")


class Answers(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: Literal["netzkompetenz-answers/1"] = FORMAT
    questionnaire: QuestionnaireRef
    profile: Id
    language: LanguageCode = "de"
    respondent: Respondent
    started: datetime | None = None
    updated: datetime | None = None
    status: Literal["partial", "complete"] = "partial"
    values: dict[str, int | Literal["cannot_judge"]] = Field(default_factory=dict)


def item_fingerprints(questionnaire: Questionnaire) -> dict[str, str]:
    return {item.id: hashlib.sha256(json.dumps(item.model_dump(mode="json"), sort_keys=True,
                                               ensure_ascii=False).encode()).hexdigest()[:10]
            for item in questionnaire.items}


def new_answers(questionnaire: Questionnaire, profile_id: str, respondent: Respondent,
                language: str) -> Answers:
    now = datetime.now(UTC)
    return Answers(
        questionnaire=QuestionnaireRef(id=questionnaire.id, version=questionnaire.version,
                                       hash=questionnaire.content_hash(),
                                       items=item_fingerprints(questionnaire)),
        profile=profile_id, language=language, respondent=respondent,
        started=now, updated=now)


@dataclass(frozen=True)
class ValueProblem:
    item: str
    value: Any
    reason: str


def check_value(questionnaire: Questionnaire, item_id: str, value: Any
                ) -> tuple[int | str | None, str | None]:
    """One answer -> (value, None) if valid, else (None, reason). None/"" = unanswered."""
    if value is None or value == "":
        return None, None
    if value == CANNOT_JUDGE:
        return CANNOT_JUDGE, None
    if isinstance(value, bool):
        return None, "expected a value of the scale, got true/false"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    allowed = [p.value for p in questionnaire.scale.points]
    if isinstance(value, int) and value in allowed:
        return value, None
    return None, (f"not a value of the scale ({', '.join(map(str, allowed))} "
                  f"or {CANNOT_JUDGE})")


def check_values(questionnaire: Questionnaire, raw: Mapping[str, Any]
                 ) -> tuple[dict[str, int | str], list[ValueProblem]]:
    """Validate answers for a questionnaire: known items, values on its scale."""
    known = {item.id for item in questionnaire.items}
    values: dict[str, int | str] = {}
    problems: list[ValueProblem] = []
    for item_id, value in raw.items():
        if item_id not in known:
            problems.append(ValueProblem(item_id, value, "unknown item"))
            continue
        checked, reason = check_value(questionnaire, item_id, value)
        if reason:
            problems.append(ValueProblem(item_id, value, reason))
        elif checked is not None:
            values[item_id] = checked
    return values, problems


def changed_items(answers: Answers, questionnaire: Questionnaire) -> dict[str, list[str]]:
    """What changed between the questionnaire the answers were given to and this one."""
    old = answers.questionnaire.items
    new = item_fingerprints(questionnaire)
    return {
        "added": [i for i in new if i not in old],
        "removed": [i for i in old if i not in new],
        "changed": [i for i in new if i in old and old[i] != new[i]],
    }


def read_answers(path: Path) -> Answers:
    """Read an answers file; problems are reported with line and column."""
    from netzkompetenz.io.loader import problems_from_validation
    from netzkompetenz.io.yamlsource import parse_yaml

    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError.single(path, f"cannot read answers file: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise InputError.single(path, "not UTF-8 text") from None
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError.single(path, f"invalid JSON: {exc.msg}", exc.lineno, exc.colno) \
            from None
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
        raise InputError([doc.problem(("values", p.item), f"item '{p.item}': {p.reason}",
                                      key=p.reason == "unknown item") for p in problems])
    return values


def write_answers(path: Path, answers: Answers) -> None:
    from netzkompetenz.io.files import atomic_write

    answers.updated = datetime.now(UTC)
    atomic_write(path, answers.model_dump_json(indent=2) + "\n", private=True)


