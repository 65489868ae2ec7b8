"""Reading a batch's results.jsonl back as dimension scores per person (for a cohort's
before/after); problems as file:line."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from netzkompetenz.core.compare import Measured
from netzkompetenz.errors import InputError, Problem
from netzkompetenz.i18n import _
from netzkompetenz.io.files import read_text

RESULTS_FILE = "results.jsonl"
T = TypeVar("T")


def results_path(path: Path) -> Path:
    """A results.jsonl, or a batch output folder holding one."""
    if path.is_dir():
        path = path / RESULTS_FILE
    if not path.is_file():
        raise InputError.single(
            path,
            _("not found (expected a batch's {file} or its output folder)").format(
                file=RESULTS_FILE
            ),
        )
    return path


def is_batch_output(path: Path) -> bool:
    return path.suffix == ".jsonl" or (path.is_dir() and (path / RESULTS_FILE).is_file())


def read_results(path: Path, person: Callable[[Any, str], T]) -> list[T]:
    """The one reader of a results.jsonl: each line's JSON object made into `person(record,
    "file:line")`; every problem of the file at once, as file:line(:column)."""
    lines = read_text(path).splitlines()
    found: list[T] = []
    problems: list[Problem] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            found.append(person(json.loads(line), f"{path}:{number}"))
        except json.JSONDecodeError as exc:
            problems.append(
                Problem(
                    str(path), _("invalid JSON: {reason}").format(reason=exc.msg), number, exc.colno
                )
            )
        except RecursionError:
            problems.append(Problem(str(path), _("invalid JSON: nested too deeply"), number))
        except (KeyError, TypeError, ValueError) as exc:
            problems.append(Problem(str(path), str(exc).strip("'\""), number))
        except InputError as exc:
            problems.append(
                Problem(
                    str(path), "; ".join(f"{p.source}: {p.message}" for p in exc.problems), number
                )
            )
    if problems:
        raise InputError(problems)
    return found


def read_measured(path: Path) -> list[Measured]:
    return read_results(results_path(path), _measured)


def _measured(record: Any, source: str) -> Measured:
    if not isinstance(record, dict):
        raise ValueError(_("expected a JSON object per line"))
    who, questionnaire = record.get("respondent"), record.get("questionnaire")
    if not isinstance(who, dict) or not isinstance(who.get("name"), str) or not who["name"]:
        raise ValueError(_("missing respondent.name"))
    if not isinstance(questionnaire, dict) or not isinstance(questionnaire.get("id"), str):
        raise ValueError(_("missing questionnaire.id"))
    dims = record.get("dimensions")
    if not isinstance(dims, list):
        raise ValueError(_("missing dimensions (a list)"))
    percent: dict[str, float | None] = {}
    answered: dict[str, int] = {}
    for d in dims:
        if not isinstance(d, dict) or not isinstance(d.get("id"), str):
            raise ValueError(_("a dimension without an id"))
        value, count = d.get("percent"), d.get("answered", 0)
        if value is not None and not isinstance(value, int | float) or isinstance(value, bool):
            raise ValueError(_("dimension '{id}': percent is not a number").format(id=d["id"]))
        if not isinstance(count, int) or isinstance(count, bool):
            raise ValueError(
                _("dimension '{id}': answered is not a whole number").format(id=d["id"])
            )
        percent[d["id"]] = None if value is None else float(value)
        answered[d["id"]] = count
    return Measured(
        who["name"],
        str(who.get("organisation") or ""),
        questionnaire["id"],
        source,
        percent,
        answered,
    )
