"""Finds questionnaires and profiles: the user's folders first, then the bundled ones.

Search order: folders given with --data or in NETZKOMPETENZ_DATA (separated like PATH),
then the source checkout's top-level folders (editable install), then the copy packaged
in the wheel.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from netzkompetenz.core.model import Profile, Questionnaire
from netzkompetenz.errors import InputError, Problem
from netzkompetenz.i18n import _
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


ARCHIVE = "archive"
"""Subfolder of questionnaires/ and profiles/ with older versions, kept so that answers
given to them still score (docs/format.md, "Versions")."""


def yaml_files(root: Path) -> list[Path]:
    folders = [root / "questionnaires", root / "profiles"]
    if not any(f.is_dir() for f in folders):
        folders = [root]
    folders += [f / ARCHIVE for f in folders]
    files: list[Path] = []
    for folder in folders:
        if folder.is_dir():
            files += sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))
    return files


M = TypeVar("M", Questionnaire, Profile)


@dataclass
class Entry(Generic[M]):
    path: Path
    doc: YamlDocument
    model: M


AnyEntry = Entry[Questionnaire] | Entry[Profile]


@dataclass
class Catalog:
    """Questionnaires and profiles by id (the current version: the highest outside archive/)
    and every version by (id, version); a profile for an older questionnaire version names
    it in `questionnaire_version`."""

    questionnaires: dict[str, Entry[Questionnaire]] = field(default_factory=dict)
    profiles: dict[str, Entry[Profile]] = field(default_factory=dict)
    versions: dict[tuple[str, str], Entry[Questionnaire]] = field(default_factory=dict)
    older_profiles: dict[tuple[str, str], Entry[Profile]] = field(default_factory=dict)

    @classmethod
    def load(cls, extra_roots: list[Path] | None = None) -> Catalog:
        catalog = cls()
        problems: list[Problem] = []
        for root in data_roots(extra_roots):
            if not root.is_dir():
                problems.append(Problem(str(root), _("data folder does not exist")))
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

    def add(self, path: Path) -> AnyEntry:
        """Earlier roots shadow later ones; within a root the current files (outside
        archive/) are the ones looked up by id."""
        doc, model = load_document(path)
        if isinstance(model, Questionnaire):
            q_entry = Entry(path, doc, model)
            self.versions.setdefault((model.id, model.version), q_entry)
            known = self.questionnaires.get(model.id)
            if known is None or (known.path.parent.name == ARCHIVE and path.parent.name != ARCHIVE):
                self.questionnaires[model.id] = q_entry
            return q_entry
        entry = Entry(path, doc, model)
        if model.questionnaire_version is not None:
            self.older_profiles.setdefault((model.id, model.questionnaire_version), entry)
        else:
            self.profiles.setdefault(model.id, entry)
        return entry

    def check_links(self) -> list[Problem]:
        problems: list[Problem] = []
        for entry in [*self.profiles.values(), *self.older_profiles.values()]:
            profile = entry.model
            q_entry = self._linked(profile)
            if q_entry is None:
                problems.append(self.unknown_link(entry))
                problems += check_profile(entry.doc, profile, None)
            else:
                problems += check_profile(entry.doc, profile, q_entry.model)
        return problems

    def unknown_link(self, entry: Entry[Profile], *also: Catalog) -> Problem:
        """The problem of a profile whose questionnaire (version) is in none of these."""
        profile = entry.model
        catalogs = (self, *also)
        return unknown_questionnaire(
            entry.doc,
            profile.questionnaire,
            {q for c in catalogs for q in c.questionnaires},
            profile.questionnaire_version,
            {v for c in catalogs for (q, v) in c.versions if q == profile.questionnaire},
        )

    def _linked(self, profile: Profile) -> Entry[Questionnaire] | None:
        """The one rule that links a profile to its questionnaire: by id, and by version
        when the profile names one."""
        if profile.questionnaire_version is None:
            return self.questionnaires.get(profile.questionnaire)
        return self.versions.get((profile.questionnaire, profile.questionnaire_version))

    # --- look-ups by id or by path -----------------------------------------------------

    def questionnaire(self, ref: str, version: str | None = None) -> Questionnaire:
        """The current questionnaire `ref` (an id or a file), or its given version."""
        if version is not None and (ref, version) in self.versions:
            return self.versions[(ref, version)].model
        return self._lookup(ref, self.questionnaires, Questionnaire)

    def profile(self, ref: str) -> Profile:
        return self._lookup(ref, self.profiles, Profile)

    def profile_for(self, profile_id: str, questionnaire: Questionnaire) -> Profile:
        """Profile `profile_id` as it was for this questionnaire version (an archived one
        for an older version), else the current one."""
        older = self.older_profiles.get((profile_id, questionnaire.version))
        if older is not None:
            return older.model
        return self.profile(profile_id)

    def current_version(self, questionnaire: Questionnaire) -> str | None:
        """The current version when `questionnaire` is an older one, else None."""
        entry = self.questionnaires.get(questionnaire.id)
        if entry is None or entry.model.version == questionnaire.version:
            return None
        return entry.model.version

    def versions_of(self, questionnaire_id: str) -> list[Questionnaire]:
        """Every known version of a questionnaire, the current one first."""
        current = self.questionnaires[questionnaire_id].model
        older = [e.model for (q, v), e in self.versions.items() if q == questionnaire_id]
        return [current, *(q for q in older if q.version != current.version)]

    def profiles_of(self, questionnaire: Questionnaire) -> list[Profile]:
        """The profiles that use this questionnaire version (current or archived)."""
        found = []
        for entry in [*self.profiles.values(), *self.older_profiles.values()]:
            linked = self._linked(entry.model)
            if (
                linked is not None
                and linked.model.id == questionnaire.id
                and linked.model.version == questionnaire.version
            ):
                found.append(entry.model)
        return found

    def profile_for_role(self, role: str) -> Profile:
        for entry in self.profiles.values():
            if entry.model.role == role:
                return entry.model
        raise InputError.single("profiles", _("no profile for role '{role}'").format(role=role))

    def questionnaire_of(self, profile: Profile) -> Questionnaire:
        entry = self._linked(profile)
        if entry is None:
            return self.questionnaire(profile.questionnaire)  # says what is known
        return entry.model

    def _lookup(self, ref: str, table: dict[str, Entry[M]], what: type[M]) -> M:
        if ref in table:
            return table[ref].model
        path = Path(ref)
        if path.suffix in (".yaml", ".yml") or path.exists():
            if not path.is_file():
                raise InputError.single(
                    ref,
                    _("questionnaire file not found")
                    if what is Questionnaire
                    else _("profile file not found"),
                )
            entry = self.add(path)
            if what is Questionnaire and not isinstance(entry.model, Questionnaire):
                raise InputError.single(ref, _("this file is a profile, not a questionnaire"))
            if what is Profile:
                if not isinstance(entry.model, Profile):
                    raise InputError.single(ref, _("this file is a questionnaire, not a profile"))
                q = self._linked(entry.model)
                problems = check_profile(entry.doc, entry.model, q.model if q else None)
                if problems:
                    raise InputError(problems)
            assert isinstance(entry.model, what)  # checked above
            return entry.model
        known = ", ".join(sorted(table)) or "–"
        text = (
            _("unknown questionnaire (known: {known})")
            if what is Questionnaire
            else _("unknown profile (known: {known})")
        )
        raise InputError.single(ref, text.format(known=known))
