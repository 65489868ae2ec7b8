"""Validate questionnaire and profile files one by one and together, every problem at once."""

from __future__ import annotations

from pathlib import Path

from netzkompetenz.errors import InputError, Problem
from netzkompetenz.i18n import _
from netzkompetenz.io.catalog import Catalog, yaml_files
from netzkompetenz.io.catalog import data_roots as all_roots
from netzkompetenz.io.loader import check_profile


def _expand(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml"))
        else:
            files.append(path)
    return files


def validate_files(paths: list[Path], data_roots: list[Path]) -> int:
    """Validate the files; profiles are checked against a questionnaire among the files
    or, failing that, one the catalogue knows (linked by the catalogue's one rule: id, and
    version where the profile names one). Returns the number of files checked."""
    problems: list[Problem] = []
    given = Catalog()
    files = _expand(paths)
    for path in files:
        if not path.is_file():
            problems.append(
                Problem(
                    str(path), _("not a regular file") if path.exists() else _("file not found")
                )
            )
            continue
        try:
            given.add(path)
        except InputError as exc:
            problems += exc.problems
    known: Catalog | None = None
    for entry in [*given.profiles.values(), *given.older_profiles.values()]:
        profile = entry.model
        linked = given._linked(profile)
        if linked is None:
            known = known or _lenient_catalog(data_roots)
            linked = known._linked(profile)
        if linked is None:
            problems.append(given.unknown_link(entry, *([known] if known else [])))
        problems += check_profile(entry.doc, profile, linked.model if linked else None)
    if problems:
        raise InputError(problems)
    return len(files)


def _lenient_catalog(data_roots: list[Path]) -> Catalog:
    """Questionnaires from the data folders, skipping files that do not load."""
    found = Catalog()
    for root in all_roots(data_roots):
        for path in yaml_files(root) if root.is_dir() else []:
            try:
                found.add(path)
            except InputError:
                continue
    return found
