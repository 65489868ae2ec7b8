"""YAML document -> validated model, with every problem placed at file:line:column."""

from __future__ import annotations

import difflib
import re
import types
import typing
from pathlib import Path
from typing import Any, Union

from pydantic import BaseModel, ValidationError

from netzkompetenz.core.model import (
    AT_KEY,
    Loc,
    Profile,
    Questionnaire,
    semantic_problems_profile,
    semantic_problems_questionnaire,
)
from netzkompetenz.errors import InputError, Problem
from netzkompetenz.io.yamlsource import YamlDocument, load_yaml

KINDS: dict[str, type[BaseModel]] = {"questionnaire": Questionnaire, "profile": Profile}


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


def _field_by_key(model: type[BaseModel], key: Any):
    for name, field in model.model_fields.items():
        if key in (name, field.alias):
            return field
    return None


def _keys_of(model: type[BaseModel]) -> list[str]:
    return [field.alias or name for name, field in model.model_fields.items()]


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"yes/no value {str(value).lower()}"
    if isinstance(value, int | float):
        return f"number {value!r}"
    if isinstance(value, str):
        return f"'{value}'" if len(value) < 40 else f"'{value[:37]}...'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "nothing" if value is None else type(value).__name__


def _message(error: dict, model: type[BaseModel]) -> tuple[Loc, str, bool]:
    """Turn one pydantic error into (location, message, points-at-key)."""
    loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and "[" in p))
    kind = error["type"]
    value = error.get("input")
    if kind == "extra_forbidden":
        key = loc[-1]
        owner = _model_at(model, loc[:-1])
        hint = ""
        if owner is not None:
            close = difflib.get_close_matches(str(key), _keys_of(owner), n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else \
                f" (allowed: {', '.join(_keys_of(owner))})"
        return loc, f"unknown key '{key}'{hint}", True
    if kind == "missing":
        return loc[:-1], f"missing required key '{loc[-1]}'", False
    if kind == "string_type":
        hint = " (write it in quotes)" if isinstance(value, int | float | bool) else ""
        return loc, f"expected text, got {_describe(value)}{hint}", False
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return loc, f"expected a whole number, got {_describe(value)}", False
    if kind in ("float_type", "float_parsing"):
        return loc, f"expected a number, got {_describe(value)}", False
    if kind in ("bool_type", "bool_parsing"):
        return loc, f"expected true or false, got {_describe(value)}", False
    if kind == "list_type":
        return loc, f"expected a list, got {_describe(value)}", False
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return loc, f"expected a mapping (key: value), got {_describe(value)}", False
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        choices = re.findall(r"'([^']*)'", expected)
        close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else f"; expected {expected}"
        return loc, f"{_describe(value)} is not allowed here{hint}", False
    if kind == "string_pattern_mismatch":
        what = "language code (two lower-case letters, e.g. de)" if "a-z]{2}" in \
            error["ctx"]["pattern"] else "id (letters, digits, '_', '-', '.'; " \
                                        "starting with a letter)"
        return loc, f"{_describe(value)} is not a valid {what}", False
    if kind == "string_too_short":
        return loc, "must not be empty", False
    if kind == "too_short":
        return loc, f"needs at least {error['ctx']['min_length']} entries", False
    return loc, error["msg"][0].lower() + error["msg"][1:], False


def problems_from_validation(doc: YamlDocument, exc: ValidationError,
                             model: type[BaseModel]) -> list[Problem]:
    messages = [_message(error, model) for error in exc.errors(include_url=False)]
    # A misspelt key also makes the right one "missing": report the misspelling only.
    suggested = {(loc[:-1], m.split("did you mean '")[1].split("'")[0])
                 for loc, m, _ in messages if "did you mean" in m and m.startswith("unknown key")}
    return [doc.problem(loc, message, key=at_key) for loc, message, at_key in messages
            if not (message.startswith("missing required key")
                    and (loc, message.split("'")[1]) in suggested)]


def unknown_questionnaire(doc: YamlDocument, ref: str, known: Any,
                          version: str | None = None, versions: Any = ()) -> Problem:
    """The profile names a questionnaire (or a version of it, `questionnaire_version`) that
    is not there; `known` are the ids there are, `versions` the versions of `ref`."""
    if version is not None and ref in known:
        there = ", ".join(sorted(versions)) or "none"
        return doc.problem(("questionnaire_version",), f"questionnaire '{ref}' has no version "
                                                       f"'{version}' (versions: {there})")
    close = difflib.get_close_matches(ref, sorted(known), n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else \
        f"known: {', '.join(sorted(known)) or 'none'}"
    return doc.problem(("questionnaire",), f"unknown questionnaire '{ref}' ({hint})")


def parse_document(doc: YamlDocument, expected_kind: str | None = None) -> BaseModel:
    """Validate a parsed YAML document as the model its `kind` names."""
    data = doc.data
    if not isinstance(data, dict):
        raise InputError([doc.problem((), "expected a mapping with 'kind: questionnaire' "
                                           "or 'kind: profile'")])
    kind = data.get("kind")
    if kind not in KINDS:
        where = ("kind",) if "kind" in data else ()
        raise InputError([doc.problem(where, "'kind' must be 'questionnaire' or 'profile'"
                                      + ("" if kind is None else f", not {_describe(kind)}"))])
    if expected_kind and kind != expected_kind:
        raise InputError([doc.problem(("kind",), f"expected a {expected_kind}, "
                                                 f"this file is a {kind}")])
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


def placed(doc: YamlDocument, found: list[tuple[Loc, str]]) -> list[Problem]:
    """Semantic findings placed in the file (AT_KEY: at the key, not its value)."""
    return [doc.problem(loc[:-1], msg, key=True) if loc and loc[-1] == AT_KEY
            else doc.problem(loc, msg) for loc, msg in found]


def check_profile(doc: YamlDocument, profile: Profile, questionnaire: Questionnaire | None
                  ) -> list[Problem]:
    return placed(doc, semantic_problems_profile(profile, questionnaire))


def load_document(path: Path) -> tuple[YamlDocument, BaseModel]:
    doc = load_yaml(path)
    return doc, parse_document(doc)
