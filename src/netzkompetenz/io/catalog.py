"""Finds questionnaires and profiles: the user's folders first, then the bundled ones.

Search order: folders given with --data or in NETZKOMPETENZ_DATA (separated like PATH),
then the source checkout's top-level folders (editable install), then the copy packaged
in the wheel.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from netzkompetenz.core.model import Profile, Questionnaire
from netzkompetenz.errors import InputError, Problem
from netzkompetenz.i18n import _
from netzkompetenz.io import content_cache
from netzkompetenz.io.yamldoc import YamlDocument

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
    read: list[AnyEntry] = field(default_factory=list)  # in the order they were put

    @classmethod
    def load(
        cls, extra_roots: list[Path] | None = None, named: Collection[Named] | None = None
    ) -> Catalog:
        """Every questionnaire and profile, each checked (what `validate` relies on); with
        `named`, only those (and the questionnaires their profiles name): a person's
        `report` reads two files of the catalogue, not all. When a name is not found in
        the files' first lines, everything is read, so that the error lists what there is."""
        catalog = cls()
        problems: list[Problem] = []
        files: list[Path] = []
        for root in data_roots(extra_roots):
            if not root.is_dir():
                problems.append(Problem(str(root), _("data folder does not exist")))
                continue
            files += yaml_files(root)
        needed = files if named is None else _needed(files, named) or files
        # bundled content only: a person's own files are read and checked on every run
        bundled = not problems and all(bundled_root() in p.parents for p in needed)
        kept = content_cache.load(needed) if bundled else None
        if kept is not None:  # read and checked by an earlier run, unchanged since
            for entry in kept:
                catalog.put(entry.path, entry.doc, entry.model)
            return catalog
        for path in needed:
            try:
                catalog.add(path)
            except InputError as exc:
                problems += exc.problems
        problems += catalog.check_links()
        if problems:
            raise InputError(problems)
        if bundled:
            catalog.keep(needed)
        return catalog

    def keep(self, files: list[Path]) -> None:
        """These files' entries, for the next run (io/content_cache.py); each fingerprint
        made now, so that the next run need not build pydantic's serializer for it."""
        for entry in self.read:
            if isinstance(entry.model, Questionnaire):
                entry.model.content_hash()
        content_cache.keep(files, self.read)

    def all_profiles(self) -> list[Entry[Profile]]:
        return [*self.profiles.values(), *self.older_profiles.values()]

    def add(self, path: Path) -> AnyEntry:
        """Earlier roots shadow later ones; within a root the current files (outside
        archive/) are the ones looked up by id."""
        from netzkompetenz.io.loader import load_document  # YAML: not for content kept read

        doc, model = load_document(path)
        return self.put(path, doc, model)

    def put(self, path: Path, doc: YamlDocument, model: Questionnaire | Profile) -> AnyEntry:
        """A file's entry, read now or kept by an earlier run."""
        if isinstance(model, Questionnaire):
            q_entry = Entry(path, doc, model)
            self.read.append(q_entry)
            self.versions.setdefault((model.id, model.version), q_entry)
            known = self.questionnaires.get(model.id)
            if known is None or (known.path.parent.name == ARCHIVE and path.parent.name != ARCHIVE):
                self.questionnaires[model.id] = q_entry
            return q_entry
        entry = Entry(path, doc, model)
        self.read.append(entry)
        if model.questionnaire_version is not None:
            self.older_profiles.setdefault((model.id, model.questionnaire_version), entry)
        else:
            self.profiles.setdefault(model.id, entry)
        return entry

    def check_links(self) -> list[Problem]:
        from netzkompetenz.io.loader import check_profile

        problems: list[Problem] = []
        for entry in self.all_profiles():
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
        from netzkompetenz.io.loader import unknown_questionnaire

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
        for entry in self.all_profiles():
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
                from netzkompetenz.io.loader import check_profile

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


Named = tuple[str, str | None]
Header = dict[str, str]
"""A questionnaire or profile id and the questionnaire version asked for (None: the
current one)."""

_HEADER = re.compile(
    r"^(kind|id|version|questionnaire|questionnaire_version):[ \t]*"
    r"(?:\"([^\"\n]*)\"|'([^'\n]*)'|([^\s#'\"]+))[ \t]*(?:#.*)?$",
    re.M,
)


def _header(path: Path) -> Header | None:
    """kind, id and versions from a file's top-level lines, without parsing it: enough to
    tell which files a run needs. None when they cannot be told so (then the file is read)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    found: Header = {}
    for m in _HEADER.finditer(text):
        if m.group(1) in found:
            return None  # twice: the strict reader will say so
        found[m.group(1)] = m.group(2) or m.group(3) or m.group(4) or ""
    return found if {"kind", "id"} <= found.keys() else None


def _needed(files: list[Path], named: Collection[Named]) -> list[Path] | None:
    """The files a run needs for `named`, in their order: the current version of each, an
    archived one when its version is asked for, the questionnaires the profiles among them
    name, and every file whose first lines do not tell. None when a name is in no file or a
    profile's questionnaire cannot be told: then every file is read."""
    headers = [(path, _header(path)) for path in files]
    wanted: dict[str, set[str | None]] = {}
    for ref, version in named:
        wanted.setdefault(ref, set()).add(version)
    picked = _picked(headers, wanted)
    if picked is None:
        return None
    linked: dict[str, set[str | None]] = {}
    for _path, header in picked:
        if header is not None and header["kind"] == "profile":
            if "questionnaire" not in header:
                return None
            linked.setdefault(header["questionnaire"], set()).add(
                header.get("questionnaire_version")
            )
    also = _picked([(p, h) for p, h in headers if h and h["kind"] == "questionnaire"], linked)
    if also is None:
        return None
    needed = {path for path, _h in picked + also}
    return [path for path in files if path in needed]


def _picked(
    headers: list[tuple[Path, Header | None]], wanted: dict[str, set[str | None]]
) -> list[tuple[Path, Header | None]] | None:
    """The files of `headers` with a wanted id (None when an id is in none of them)."""
    picked: list[tuple[Path, Header | None]] = []
    seen = set()
    for path, header in headers:
        if header is None:
            picked.append((path, header))
            continue
        if header["id"] not in wanted:
            continue
        seen.add(header["id"])
        version = header.get(
            "version" if header["kind"] == "questionnaire" else "questionnaire_version"
        )
        if path.parent.name != ARCHIVE or version is None or version in wanted[header["id"]]:
            picked.append((path, header))
    return picked if seen >= wanted.keys() else None
