"""Finds questionnaires and profiles: the user's folders first, then the bundled ones.

Search order: folders given with --data or in NETZKOMPETENZ_DATA (separated like PATH),
then the source checkout's top-level folders (editable install), then the copy packaged
in the wheel.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from netzkompetenz.core.model import Profile, Questionnaire
from netzkompetenz.errors import InputError, Problem
from netzkompetenz.io.loader import check_profile, load_document, unknown_questionnaire
from netzkompetenz.io.yamlsource import YamlDocument

ENV_DATA = "NETZKOMPETENZ_DATA"
_PACKAGE = Path(__file__).resolve().parent.parent  # src/netzkompetenz


def bundled_root() -> Path:
    checkout = _PACKAGE.parent.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "questionnaires").is_dir():
        return checkout
    return _PACKAGE / "_data"


def data_roots(extra: list[Path] | None = None) -> list[Path]:
    roots = list(extra or [])
    roots += [Path(p) for p in os.environ.get(ENV_DATA, "").split(os.pathsep) if p]
    roots.append(bundled_root())
    return roots


def yaml_files(root: Path) -> list[Path]:
    folders = [root / "questionnaires", root / "profiles"]
    if not any(f.is_dir() for f in folders):
        folders = [root]
    files: list[Path] = []
    for folder in folders:
        if folder.is_dir():
            files += sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))
    return files


@dataclass
class Entry:
    path: Path
    doc: YamlDocument
    model: Questionnaire | Profile


@dataclass
class Catalog:
    questionnaires: dict[str, Entry] = field(default_factory=dict)
    profiles: dict[str, Entry] = field(default_factory=dict)

    @classmethod
    def load(cls, extra_roots: list[Path] | None = None) -> Catalog:
        catalog = cls()
        problems: list[Problem] = []
        for root in data_roots(extra_roots):
            if not root.is_dir():
                problems.append(Problem(str(root), "data folder does not exist"))
                continue
            for path in yaml_files(root):
                try:
                    catalog.add(path)
                except InputError as exc:
                    problems += exc.problems
        problems += catalog.check_links()
        if problems:
            raise InputError(problems)
        return catalog

    def add(self, path: Path) -> Entry:
        doc, model = load_document(path)
        entry = Entry(path, doc, model)
        table = self.questionnaires if isinstance(model, Questionnaire) else self.profiles
        table.setdefault(model.id, entry)  # earlier roots shadow later ones
        return entry

    def check_links(self) -> list[Problem]:
        problems: list[Problem] = []
        for entry in self.profiles.values():
            profile: Profile = entry.model  # type: ignore[assignment]
            q_entry = self.questionnaires.get(profile.questionnaire)
            if q_entry is None:
                problems.append(unknown_questionnaire(entry.doc, profile.questionnaire,
                                                      self.questionnaires))
                problems += check_profile(entry.doc, profile, None)
            else:
                problems += check_profile(entry.doc, profile, q_entry.model)
        return problems

    # --- look-ups by id or by path -----------------------------------------------------

    def questionnaire(self, ref: str) -> Questionnaire:
        return self._lookup(ref, self.questionnaires, "questionnaire").model  # type: ignore

    def profile(self, ref: str) -> Profile:
        return self._lookup(ref, self.profiles, "profile").model  # type: ignore

    def profile_for_role(self, role: str) -> Profile:
        for entry in self.profiles.values():
            if entry.model.role == role:  # type: ignore[union-attr]
                return entry.model  # type: ignore[return-value]
        raise InputError.single("profiles", f"no profile for role '{role}'")

    def questionnaire_of(self, profile: Profile) -> Questionnaire:
        return self.questionnaire(profile.questionnaire)

    def _lookup(self, ref: str, table: dict[str, Entry], what: str) -> Entry:
        if ref in table:
            return table[ref]
        path = Path(ref)
        if path.suffix in (".yaml", ".yml") or path.exists():
            if not path.is_file():
                raise InputError.single(ref, f"{what} file not found")
            entry = self.add(path)
            if what == "questionnaire" and not isinstance(entry.model, Questionnaire):
                raise InputError.single(ref, "this file is a profile, not a questionnaire")
            if what == "profile":
                if not isinstance(entry.model, Profile):
                    raise InputError.single(ref, "this file is a questionnaire, not a profile")
                q = self.questionnaires.get(entry.model.questionnaire)
                problems = check_profile(entry.doc, entry.model,
                                         q.model if q else None)  # type: ignore[arg-type]
                if problems:
                    raise InputError(problems)
            return entry
        known = ", ".join(sorted(table)) or "none"
        raise InputError.single(ref, f"unknown {what} (known: {known})")
