"""The mapping file (--mapping): which column holds which item or respondent field, and what
a tool's own answer codes mean. Format: docs/batch.md."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from netzkompetenz.core.answers import check_value
from netzkompetenz.core.model import Questionnaire
from netzkompetenz.errors import InputError, Problem
from netzkompetenz.i18n import _
from netzkompetenz.io.survey_tools import RESPONDENT_FIELDS, normalise
from netzkompetenz.io.yamldoc import YamlDocument
from netzkompetenz.io.yamlsource import load_yaml


@dataclass
class ColumnMapping:
    columns: dict[str, str | None] = field(default_factory=dict)  # header -> item, None=skip
    respondent: dict[str, str] = field(default_factory=dict)  # field -> header
    answers: dict[str, int | str] = field(default_factory=dict)  # cell text -> value


def load_mapping(path: Path, questionnaire: Questionnaire) -> ColumnMapping:
    doc = load_yaml(Path(path))
    data = doc.data
    problems: list[Problem] = []
    if not isinstance(data, dict):
        raise InputError(
            [doc.problem((), _("expected a mapping with columns, respondent, answers"))]
        )
    for key in data:
        if key not in ("columns", "respondent", "answers"):
            problems.append(
                doc.problem(
                    (key,),
                    _("unknown key '{key}' (allowed: {keys})").format(
                        key=key, keys="columns, respondent, answers"
                    ),
                    key=True,
                )
            )
    mapping = ColumnMapping()
    items = {item.id for item in questionnaire.items}
    for header, item in _section(doc, "columns", problems).items():
        if item is None or item == "ignore":
            mapping.columns[str(header).strip()] = None
        elif not isinstance(item, str) or item not in items:
            problems.append(
                doc.problem(
                    ("columns", header),
                    _("'{item}' is not an item of questionnaire '{questionnaire}'").format(
                        item=item, questionnaire=questionnaire.id
                    ),
                )
            )
        else:
            mapping.columns[str(header).strip()] = item
    for name, header in _section(doc, "respondent", problems).items():
        if name not in RESPONDENT_FIELDS:
            problems.append(
                doc.problem(
                    ("respondent", name),
                    _("unknown field '{name}' (allowed: {fields})").format(
                        name=name, fields=", ".join(RESPONDENT_FIELDS)
                    ),
                    key=True,
                )
            )
        elif not isinstance(header, str):
            problems.append(doc.problem(("respondent", name), _("expected a column header")))
        else:
            mapping.respondent[name] = header.strip()
    for cell, value in _section(doc, "answers", problems).items():
        checked, reason = check_value(questionnaire, "", value)  # the one validation path
        if reason or checked is None:
            problems.append(doc.problem(("answers", cell), reason or _("expected a value")))
        else:
            mapping.answers[normalise(str(cell))] = checked
    if problems:
        raise InputError(problems)
    return mapping


def _section(doc: YamlDocument, key: str, problems: list[Problem]) -> dict[Any, Any]:
    value = doc.data.get(key) or {}
    if not isinstance(value, dict):
        problems.append(doc.problem((key,), _("'{key}' must be a mapping").format(key=key)))
        return {}
    return value
