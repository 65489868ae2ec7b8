"""Who takes part in a plan: from answers files and batch outputs (results.jsonl)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from netzkompetenz.core.people import person_key
from netzkompetenz.core.plan import Participant
from netzkompetenz.errors import InputError, Problem
from netzkompetenz.i18n import _
from netzkompetenz.io.answers_file import score_file
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.io.results import RESULTS_FILE, read_results


def read_results_jsonl(catalog: Catalog, path: Path) -> list[Participant]:
    """Participants from a batch's results.jsonl (one JSON object per line: respondent,
    profile {id, role}, recommendations [{module}]). Problems name file and line."""
    return read_results(path, lambda record, source: _participant(catalog, record, source))


def _participant(catalog: Catalog, record: dict[str, Any], source: str) -> Participant:
    if not isinstance(record, dict):
        raise ValueError(_("expected a JSON object per line"))
    who, prof = record.get("respondent"), record.get("profile")
    if not isinstance(who, dict) or not isinstance(who.get("name"), str) or not who["name"]:
        raise ValueError(_("missing respondent.name"))
    if not isinstance(prof, dict) or not isinstance(prof.get("id"), str):
        raise ValueError(_("missing profile.id"))
    profile = catalog.profile(prof["id"])
    if prof.get("role", profile.role) != profile.role:
        raise ValueError(
            _("profile '{id}' has role '{role}', not '{given}'").format(
                id=profile.id, role=profile.role, given=prof.get("role")
            )
        )
    recs = record.get("recommendations")
    if not isinstance(recs, list):
        raise ValueError(_("missing recommendations (a list)"))
    known = {m.id for m in profile.modules}
    modules: list[str] = []
    also: list[str] = []
    for rec in recs:
        module = rec.get("module") if isinstance(rec, dict) else None
        if module not in known:
            raise ValueError(
                _("unknown module '{module}' in profile '{profile}'").format(
                    module=module, profile=profile.id
                )
            )
        # "most_important": false is "also possible" (lines without the flag: booked)
        (also if rec.get("most_important") is False else modules).append(module)
    return Participant(
        who["name"],
        str(who.get("organisation") or ""),
        who.get("tandem") or None,
        profile.role,
        profile.id,
        tuple(modules),
        source,
        also=tuple(also),
    )


def read_inputs(catalog: Catalog, inputs: list[Path]) -> tuple[list[Participant], list[Duplicate]]:
    """Answers files, results.jsonl files and folders holding either; all problems at once.
    A person given twice counts once (the last); the duplicates are returned to be told."""
    people: list[Participant] = []
    problems: list[Problem] = []
    for path in inputs:
        try:
            if path.is_dir():
                if (path / RESULTS_FILE).is_file():
                    people += read_results_jsonl(catalog, path / RESULTS_FILE)
                    continue
                files = sorted(path.glob("*.json"))
                if not files:
                    raise InputError.single(
                        path,
                        _("no {results} and no answers files (*.json) in this folder").format(
                            results=RESULTS_FILE
                        ),
                    )
            elif path.suffix == ".jsonl":
                people += read_results_jsonl(catalog, path)
                continue
            elif not path.is_file():
                raise InputError.single(path, _("file not found"))
            else:
                files = [path]
            for file in files:
                s = score_file(catalog, file)
                r = s.answers.respondent
                people.append(
                    Participant(
                        r.name,
                        r.organisation,
                        r.tandem,
                        s.profile.role,
                        s.profile.id,
                        tuple(x.module for x in s.result.important),
                        str(file),
                        also=tuple(x.module for x in s.result.also_possible),
                    )
                )
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return _once(people)


@dataclass(frozen=True)
class Duplicate:
    name: str
    first: str  # where the person was found first
    second: str


def _once(people: list[Participant]) -> tuple[list[Participant], list[Duplicate]]:
    """A person given twice (e.g. an answers file and the batch) counts once: the last, by
    the rule of core.people (same name and organisation, case and spacing aside), within a
    role (a leader and a coordinator are two entries even with the same name)."""
    last: dict[tuple[str | tuple[str, str], str], Participant] = {}
    duplicates = []
    for p in people:
        key = (person_key(p.name, p.organisation) or (p.source, ""), p.role)
        if key in last:
            duplicates.append(Duplicate(p.name, last[key].source, p.source))
        last[key] = p
    return list(last.values()), duplicates
