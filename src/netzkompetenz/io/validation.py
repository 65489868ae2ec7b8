"""Validate questionnaire and profile files one by one and together, every problem at once."""

from __future__ import annotations

from pathlib import Path

from netzkompetenz.core.model import Profile, Questionnaire
from netzkompetenz.errors import InputError, Problem
from netzkompetenz.io.loader import check_profile, load_document, unknown_questionnaire


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
    or, failing that, one the catalogue knows. Returns the number of files checked."""
    problems: list[Problem] = []
    questionnaires: dict[str, Questionnaire] = {}
    profiles = []
    files = _expand(paths)
    for path in files:
        if not path.is_file():
            problems.append(Problem(str(path), "file not found"))
            continue
        try:
            doc, model = load_document(path)
        except InputError as exc:
            problems += exc.problems
            continue
        if isinstance(model, Questionnaire):
            questionnaires.setdefault(model.id, model)
        else:
            profiles.append((doc, model))
    catalog = None
    for doc, profile in profiles:
        assert isinstance(profile, Profile)
        questionnaire = questionnaires.get(profile.questionnaire)
        if questionnaire is None:
            if catalog is None:
                catalog = _lenient_catalog(data_roots)
            questionnaire = catalog.get(profile.questionnaire)
        if questionnaire is None:
            problems.append(unknown_questionnaire(doc, profile.questionnaire,
                                                  set(questionnaires) | set(catalog or {})))
        problems += check_profile(doc, profile, questionnaire)
    if problems:
        raise InputError(problems)
    return len(files)


def _lenient_catalog(data_roots: list[Path]) -> dict[str, Questionnaire]:
    """Questionnaires from the data folders, skipping files that do not load."""
    from netzkompetenz.io.catalog import data_roots as roots
    from netzkompetenz.io.catalog import yaml_files

    found: dict[str, Questionnaire] = {}
    for root in roots(data_roots):
        for path in yaml_files(root) if root.is_dir() else []:
            try:
                _, model = load_document(path)
            except InputError:
                continue
            if isinstance(model, Questionnaire):
                found.setdefault(model.id, model)
    return found
