"""YAML document -> validated model, with every problem placed at file:line:column."""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Union

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from netzkompetenz.core.model import AT_KEY, Loc, Profile, Questionnaire
from netzkompetenz.core.model_checks import (
    semantic_problems_profile,
    semantic_problems_questionnaire,
)
from netzkompetenz.errors import InputError, Message, Problem
from netzkompetenz.i18n import _
from netzkompetenz.io.yamldoc import YamlDocument
from netzkompetenz.io.yamlsource import load_yaml

KINDS: dict[str, type[Questionnaire] | type[Profile]] = {
    "questionnaire": Questionnaire,
    "profile": Profile,
}


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class that owns the mapping at `loc` (for key suggestions)."""
    current: Any = model
    parts = list(loc)
    while parts:
        part = parts.pop(0)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = _field_by_key(current, part)
            if field is None:
                return None
            current = field.annotation
            continue
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            parts.insert(0, part)
            continue
        origin = typing.get_origin(current)
        if origin is list:
            current = typing.get_args(current)[0]
        elif origin is dict:
            current = typing.get_args(current)[1]
        else:
            return None
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return current
    return None


def _unwrap(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        for arg in typing.get_args(annotation):
            if arg is not type(None):
                return _unwrap(arg)
    return annotation


def _field_by_key(model: type[BaseModel], key: Any) -> FieldInfo | None:
    for name, field in model.model_fields.items():
        if key in (name, field.alias):
            return field
    return None


def _keys_of(model: type[BaseModel]) -> list[str]:
    return [field.alias or name for name, field in model.model_fields.items()]


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return _("yes/no value {value}").format(value=str(value).lower())
    if isinstance(value, int | float):
        return _("number {value}").format(value=repr(value))
    if isinstance(value, str):
        return f"'{value}'" if len(value) < 40 else f"'{value[:37]}...'"
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a mapping")
    return _("nothing") if value is None else type(value).__name__


def _message(error: ErrorDetails, model: type[BaseModel]) -> tuple[Loc, str, bool, str | None]:
    """Turn one pydantic error into (location, message, points-at-key, suggested key)."""
    loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and "[" in p))
    kind = error["type"]
    value = error.get("input")
    if kind == "extra_forbidden":
        key = loc[-1]
        owner = _model_at(model, loc[:-1])
        if owner is None:
            return loc, _("unknown key '{key}'").format(key=key), True, None
        close = difflib.get_close_matches(str(key), _keys_of(owner), n=1, cutoff=0.6)
        if close:
            return (
                loc,
                _("unknown key '{key}' (did you mean '{name}'?)").format(key=key, name=close[0]),
                True,
                close[0],
            )
        return (
            loc,
            _("unknown key '{key}' (allowed: {keys})").format(
                key=key, keys=", ".join(_keys_of(owner))
            ),
            True,
            None,
        )
    if kind == "missing":
        return loc[:-1], _("missing required key '{key}'").format(key=loc[-1]), False, None
    got = _describe(value)
    if kind == "string_type":
        if isinstance(value, int | float | bool):
            return (
                loc,
                _("expected text, got {value} (write it in quotes)").format(value=got),
                False,
                None,
            )
        return loc, _("expected text, got {value}").format(value=got), False, None
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return loc, _("expected a whole number, got {value}").format(value=got), False, None
    if kind in ("float_type", "float_parsing"):
        return loc, _("expected a number, got {value}").format(value=got), False, None
    if kind in ("bool_type", "bool_parsing"):
        return loc, _("expected true or false, got {value}").format(value=got), False, None
    if kind == "list_type":
        return loc, _("expected a list, got {value}").format(value=got), False, None
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return loc, _("expected a mapping (key: value), got {value}").format(value=got), False, None
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        choices = re.findall(r"'([^']*)'", expected)
        close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.6)
        if close:
            return (
                loc,
                _("{value} is not allowed here (did you mean '{name}'?)").format(
                    value=got, name=close[0]
                ),
                False,
                None,
            )
        return (
            loc,
            _("{value} is not allowed here; expected {expected}").format(
                value=got, expected=expected.replace(" or ", " " + _("or") + " ")
            ),
            False,
            None,
        )
    if kind == "string_pattern_mismatch":
        if "a-z]{2}" in error["ctx"]["pattern"]:
            text = _("{value} is not a valid language code (two lower-case letters, e.g. de)")
        else:
            text = _(
                "{value} is not a valid id (letters, digits, '_', '-', '.'; starting with a letter)"
            )
        return loc, text.format(value=got), False, None
    if kind == "string_too_short":
        return loc, _("must not be empty"), False, None
    if kind == "too_short":
        return (
            loc,
            _("needs at least {count} entries").format(count=error["ctx"]["min_length"]),
            False,
            None,
        )
    if kind == "too_long":
        return (
            loc,
            _("at most {count} entries").format(count=error["ctx"]["max_length"]),
            False,
            None,
        )
    return loc, error["msg"][0].lower() + error["msg"][1:], False, None


def problems_from_validation(
    doc: YamlDocument, exc: ValidationError, model: type[BaseModel]
) -> list[Problem]:
    found = [(_message(error, model), error) for error in exc.errors(include_url=False)]
    # A misspelt key also makes the right one "missing": report the misspelling only.
    suggested = {(loc[:-1], name) for (loc, _m, _k, name), _e in found if name is not None}
    return [
        doc.problem(loc, message, key=at_key)
        for (loc, message, at_key, _n), error in found
        if not (error["type"] == "missing" and (loc, error["loc"][-1]) in suggested)
    ]


def unknown_questionnaire(
    doc: YamlDocument, ref: str, known: Any, version: str | None = None, versions: Any = ()
) -> Problem:
    """The profile names a questionnaire (or a version of it, `questionnaire_version`) that
    is not there; `known` are the ids there are, `versions` the versions of `ref`."""
    if version is not None and ref in known:
        return doc.problem(
            ("questionnaire_version",),
            _("questionnaire '{id}' has no version '{version}' (versions: {versions})").format(
                id=ref, version=version, versions=", ".join(sorted(versions)) or "–"
            ),
        )
    close = difflib.get_close_matches(ref, sorted(known), n=1, cutoff=0.6)
    if close:
        return doc.problem(
            ("questionnaire",),
            _("unknown questionnaire '{id}' (did you mean '{name}'?)").format(
                id=ref, name=close[0]
            ),
        )
    return doc.problem(
        ("questionnaire",),
        _("unknown questionnaire '{id}' (known: {known})").format(
            id=ref, known=", ".join(sorted(known)) or "–"
        ),
    )


def parse_document(doc: YamlDocument, expected_kind: str | None = None) -> Questionnaire | Profile:
    """Validate a parsed YAML document as the model its `kind` names."""
    data = doc.data
    if not isinstance(data, dict):
        raise InputError(
            [doc.problem((), _("expected a mapping with 'kind: questionnaire' or 'kind: profile'"))]
        )
    kind = data.get("kind")
    if kind not in KINDS:
        where = ("kind",) if "kind" in data else ()
        text = (
            _("'kind' must be 'questionnaire' or 'profile'")
            if kind is None
            else _("'kind' must be 'questionnaire' or 'profile', not {value}").format(
                value=_describe(kind)
            )
        )
        raise InputError([doc.problem(where, text)])
    if expected_kind and kind != expected_kind:
        text = (
            _("expected a questionnaire, this file is a profile")
            if expected_kind == "questionnaire"
            else _("expected a profile, this file is a questionnaire")
        )
        raise InputError([doc.problem(("kind",), text)])
    model = KINDS[kind]
    try:
        obj = model.model_validate(data)
    except ValidationError as exc:
        raise InputError(problems_from_validation(doc, exc, model)) from None
    if isinstance(obj, Questionnaire):
        found = semantic_problems_questionnaire(obj)
        if found:
            raise InputError(placed(doc, found))
    return obj


def placed(doc: YamlDocument, found: Sequence[tuple[Loc, Message | str]]) -> list[Problem]:
    """Semantic findings placed in the file (AT_KEY: at the key, not its value)."""
    return [
        doc.problem(loc[:-1], msg, key=True) if loc and loc[-1] == AT_KEY else doc.problem(loc, msg)
        for loc, msg in found
    ]


def check_profile(
    doc: YamlDocument, profile: Profile, questionnaire: Questionnaire | None
) -> list[Problem]:
    return placed(doc, semantic_problems_profile(profile, questionnaire))


def load_document(path: Path) -> tuple[YamlDocument, Questionnaire | Profile]:
    doc = load_yaml(path)
    return doc, parse_document(doc)
