"""Answers: the format, and its checks against a questionnaire (reading and writing files:
io/answers_file.py).

`check_values` is the one validation path for answers from every source: the interactive
check, an answers file and a batch row.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt

from netzkompetenz.core.dialogue import MAX_PRIORITIES, Priority
from netzkompetenz.core.model import (
    CANNOT_JUDGE,
    NOT_APPLICABLE,
    Id,
    LanguageCode,
    Profile,
    Questionnaire,
)
from netzkompetenz.core.scoring import AnswerValue, Result
from netzkompetenz.errors import N_, Message, msg

FORMAT: Final = "netzkompetenz-answers/1"


class Respondent(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, description="Name or pseudonym.")
    organisation: str = ""
    tandem: str | None = Field(
        None, description="Shared by a leader and a coordinator of one municipality."
    )


class QuestionnaireRef(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: Id
    version: str
    hash: str
    items: dict[str, str] = Field(
        default_factory=dict, description="Fingerprint per item, to tell what changed."
    )


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
    # strict: `true` and "4" are refused as in a batch, never read as 1 and 4
    values: dict[str, StrictInt | Literal["cannot_judge", "not_applicable"]] = Field(
        default_factory=dict
    )
    context: dict[str, str] = Field(
        default_factory=dict, description="Context question id -> option id (unscored)."
    )
    framework: dict[str, Literal["yes", "no", "unknown"]] = Field(
        default_factory=dict, description="Framework condition id -> yes / no / unknown."
    )
    reflections: dict[str, str] = Field(
        default_factory=dict, description="Dimension id -> free-text example (never scored)."
    )
    priorities: list[Priority] = Field(
        default_factory=list,
        max_length=MAX_PRIORITIES,
        description="The person's own priorities after the summary (dimensions or modules).",
    )
    retro: dict[Id, int] = Field(
        default_factory=dict,
        description='Then-test: per dimension, the retrospective rating "before the '
        "training\", given at the second check (on the scale's values).",
    )


def item_fingerprints(questionnaire: Questionnaire) -> dict[str, str]:
    return {
        item.id: hashlib.sha256(
            json.dumps(item.model_dump(mode="json"), sort_keys=True, ensure_ascii=False).encode()
        ).hexdigest()[:10]
        for item in questionnaire.items
    }


def questionnaire_ref(questionnaire: Questionnaire) -> QuestionnaireRef:
    """What an answers or rating file records of the questionnaire it was given to."""
    return QuestionnaireRef(
        id=questionnaire.id,
        version=questionnaire.version,
        hash=questionnaire.content_hash(),
        items=item_fingerprints(questionnaire),
    )


def answers_begun(
    questionnaire: Questionnaire,
    profile_id: str,
    respondent: Respondent,
    language: str,
    now: datetime,
) -> Answers:
    """A new, empty answers record begun at `now` (the core reads no clock: the caller,
    io.answers_file.new_answers, gives the time)."""
    return Answers(
        questionnaire=questionnaire_ref(questionnaire),
        profile=profile_id,
        language=language,
        respondent=respondent,
        started=now,
        updated=now,
    )


@dataclass(frozen=True)
class ValueProblem:
    item: str
    value: Any
    reason: Message


def check_value(
    questionnaire: Questionnaire, item_id: str, value: Any
) -> tuple[AnswerValue | None, Message | None]:
    """One answer -> (value, None) if valid, else (None, reason). None/"" = unanswered."""
    if value is None or value == "":
        return None, None
    if value == CANNOT_JUDGE:
        return CANNOT_JUDGE, None
    if value == NOT_APPLICABLE and questionnaire.scale.not_applicable is not None:
        return NOT_APPLICABLE, None
    if isinstance(value, bool):
        return None, msg(N_("expected a value of the scale, got true/false"))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    allowed = [p.value for p in questionnaire.scale.points]
    if isinstance(value, int) and value in allowed:
        return value, None
    return None, msg(
        N_("not a value of the scale ({values} or {cannot_judge})"),
        values=", ".join(map(str, allowed)),
        cannot_judge=CANNOT_JUDGE,
    )


def check_values(
    questionnaire: Questionnaire, raw: Mapping[str, Any]
) -> tuple[dict[str, AnswerValue], list[ValueProblem]]:
    """Validate answers for a questionnaire: known items, values on its scale."""
    known = {item.id for item in questionnaire.items}
    values: dict[str, AnswerValue] = {}
    problems: list[ValueProblem] = []
    for item_id, value in raw.items():
        if item_id not in known:
            problems.append(ValueProblem(item_id, value, msg(N_("unknown item"))))
            continue
        checked, reason = check_value(questionnaire, item_id, value)
        if reason:
            problems.append(ValueProblem(item_id, value, reason))
        elif checked is not None:
            values[item_id] = checked
    return values, problems


@dataclass(frozen=True)
class ExtraProblem:
    """A problem in the unscored parts of an answers file: `where` is `context`,
    `framework` or `reflections`, `key` the id; `on_key`: the id itself is wrong."""

    where: str
    key: str
    reason: Message
    on_key: bool


def check_extras(
    questionnaire: Questionnaire,
    context: Mapping[str, Any],
    framework: Mapping[str, Any],
    reflections: Mapping[str, Any],
) -> list[ExtraProblem]:
    """Context, framework and reflection answers against the questionnaire: known ids,
    known options. None of them is scored; context answers decide which items are asked."""
    problems: list[ExtraProblem] = []
    questions = {c.id: c for c in questionnaire.context}
    for question_id, option in context.items():
        question = questions.get(question_id)
        if question is None:
            problems.append(
                ExtraProblem("context", question_id, msg(N_("unknown context question")), True)
            )
        elif option not in [o.id for o in question.options]:
            problems.append(
                ExtraProblem(
                    "context",
                    question_id,
                    msg(
                        N_("'{option}' is not an option ({options})"),
                        option=option,
                        options=", ".join(o.id for o in question.options),
                    ),
                    False,
                )
            )
    entries = {f.id for f in questionnaire.framework}
    for entry_id in framework:
        if entry_id not in entries:
            problems.append(
                ExtraProblem("framework", entry_id, msg(N_("unknown framework condition")), True)
            )
    dims = {d.id: d for d in questionnaire.dimensions}
    for dim_id in reflections:
        if dim_id not in dims:
            problems.append(ExtraProblem("reflections", dim_id, msg(N_("unknown dimension")), True))
        elif dims[dim_id].reflection is None:
            problems.append(
                ExtraProblem(
                    "reflections", dim_id, msg(N_("this dimension has no reflection prompt")), True
                )
            )
    return problems


def changed_items(answers: Answers, questionnaire: Questionnaire) -> dict[str, list[str]]:
    """What changed between the questionnaire the answers were given to and this one."""
    old = answers.questionnaire.items
    new = item_fingerprints(questionnaire)
    return {
        "added": [i for i in new if i not in old],
        "removed": [i for i in old if i not in new],
        "changed": [i for i in new if i in old and old[i] != new[i]],
    }


@dataclass(frozen=True)
class VersionChange:
    """The answers were given to another version of the questionnaire: what changed."""

    old: str
    new: str
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()


def migrate(answers: Answers, questionnaire: Questionnaire) -> VersionChange | None:
    """Answers given to another version of the questionnaire, carried over to this one (the
    one rule for the check and for scoring an answers file): answers to removed and to
    changed items no longer count (a changed item is another statement; the check asks it
    again), nor do context, framework and reflection answers the new version does not have.
    None when the answers are to this very version, or to its version number with the same
    items (a reworded label of the scale is no new version). A file without item fingerprints can
    only tell removed items apart."""
    if answers.questionnaire.hash == questionnaire.content_hash():
        return None
    known = {item.id for item in questionnaire.items}
    if answers.questionnaire.items:
        changes = changed_items(answers, questionnaire)
    else:
        changes = {
            "added": [],
            "changed": [],
            "removed": [i for i in answers.values if i not in known],
        }
    for item_id in changes["removed"] + changes["changed"]:
        answers.values.pop(item_id, None)
    options = {c.id: {o.id for o in c.options} for c in questionnaire.context}
    answers.context = {k: v for k, v in answers.context.items() if v in options.get(k, ())}
    entries = {f.id for f in questionnaire.framework}
    answers.framework = {k: v for k, v in answers.framework.items() if k in entries}
    prompts = {d.id for d in questionnaire.dimensions if d.reflection is not None}
    answers.reflections = {k: v for k, v in answers.reflections.items() if k in prompts}
    same = answers.questionnaire.version == questionnaire.version
    if same and answers.questionnaire.items and not any(changes.values()):
        # the same version with the same items (a label of the scale's unscored answers
        # reworded): the answers stand as they are and now name this content
        answers.questionnaire.hash = questionnaire.content_hash()
        return None
    return VersionChange(
        answers.questionnaire.version,
        questionnaire.version,
        tuple(changes["added"]),
        tuple(changes["removed"]),
        tuple(changes["changed"]),
    )


@dataclass(frozen=True)
class ScoredAnswers:
    """One person's answers with the questionnaire, profile and result they were scored
    with; `version_change` says when the answers are to an older questionnaire version."""

    path: Path | None  # None for answers that came from a batch row
    answers: Answers
    questionnaire: Questionnaire
    profile: Profile
    result: Result
    version_change: VersionChange | None = None  # scored with the current version
    current_version: str | None = None  # scored with its own, older version (kept in archive/)


def retro_problems(
    questionnaire: Questionnaire, retro: Mapping[str, Any]
) -> list[tuple[tuple[str | int, ...], Message]]:
    """Then-ratings: one per dimension of the questionnaire, a value of its scale (a
    retrospective rating has no "cannot judge": it is left out instead)."""
    dims = [d.id for d in questionnaire.dimensions]
    allowed = [p.value for p in questionnaire.scale.points]
    out: list[tuple[tuple[str | int, ...], Message]] = []
    for dim, value in retro.items():
        if dim not in dims:
            out.append(
                (
                    ("retro", dim),
                    msg(
                        N_("unknown dimension '{id}' (known: {known})"),
                        id=dim,
                        known=", ".join(dims),
                    ),
                )
            )
        elif value not in allowed or isinstance(value, bool):
            out.append(
                (
                    ("retro", dim),
                    msg(
                        N_("not a value of the scale ({values})"),
                        values=", ".join(map(str, allowed)),
                    ),
                )
            )
    return out
