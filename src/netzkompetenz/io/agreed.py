"""Agreed-priorities files (`netzkompetenz-agreed/1`, YAML or JSON): read strictly with
positions, checked against the catalogue and the people they speak about; the empty
template the tandem guide writes next to itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import yaml
from pydantic import ValidationError

from netzkompetenz.core.dialogue import (
    AGREED_FORMAT,
    Agreed,
    Priority,
    Someone,
    chosen_modules,
    match_agreed,
    priority_problems,
)
from netzkompetenz.core.model import Loc, Profile, Questionnaire
from netzkompetenz.core.plan import Participant
from netzkompetenz.errors import InputError, Message, Problem
from netzkompetenz.i18n import _
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.io.loader import placed, problems_from_validation
from netzkompetenz.io.yamldoc import YamlDocument
from netzkompetenz.io.yamlsource import load_yaml


def read_agreed(catalog: Catalog, path: Path) -> tuple[Agreed, YamlDocument]:
    """Read and check an agreed-priorities file: its structure, and that every priority
    names a dimension or module of that person's profile. Problems at file:line:column."""
    doc = load_yaml(path)
    try:
        agreed = Agreed.model_validate(doc.data)
    except ValidationError as exc:
        raise InputError(problems_from_validation(doc, exc, Agreed)) from None
    found: list[tuple[Loc, Message | str]] = []
    for e, entry in enumerate(agreed.people):
        try:
            profile = catalog.profile(entry.profile)
        except InputError:
            found.append(
                (
                    ("people", e, "profile"),
                    _("unknown profile '{id}' (known: {known})").format(
                        id=entry.profile, known=", ".join(catalog.profiles)
                    ),
                )
            )
            continue
        if profile.role != entry.role:
            found.append(
                (
                    ("people", e, "role"),
                    _("profile '{id}' is for role '{role}', not '{given}'").format(
                        id=profile.id, role=profile.role, given=entry.role
                    ),
                )
            )
        found += priority_problems(
            entry.priorities,
            catalog.questionnaire_of(profile),
            profile,
            ("people", e, "priorities"),
        )
    if found:
        raise InputError(placed(doc, found))
    return agreed, doc


def agreed_for(
    catalog: Catalog, path: Path, people: Sequence[Someone], *, every_entry: bool
) -> tuple[Agreed, dict[int, int]]:
    """Read the file and match its entries to `people` ({person index: entry index});
    a person not in the file's tandem, or (every_entry) not given at all, is refused."""
    agreed, doc = read_agreed(catalog, path)
    matched, found = match_agreed(agreed, people, every_entry=every_entry)
    if found:
        raise InputError(placed(doc, found))
    return agreed, matched


def template(
    people: Sequence[tuple[Someone, Questionnaire, Profile]],
    tandem: str | None,
    day: str,
    comments: Sequence[str],
    priorities: Sequence[Sequence[Priority]] = (),
) -> str:
    """The agreed-priorities file: the people named, their agreed `priorities` (none yet
    when the guide writes it to fill in), and as comments the ids one may name (dimensions
    and modules of each person's profile), so that it can be edited by hand."""
    lines = [f"# {c}" for c in comments]
    head = {
        "format": AGREED_FORMAT,
        **({"tandem": tandem} if tandem else {}),
        "date": dt.date.fromisoformat(day),
    }
    lines.append(yaml.safe_dump(head, allow_unicode=True, sort_keys=False).rstrip())
    lines.append("people:")
    for n, (person, questionnaire, profile) in enumerate(people):
        entry = {
            "name": person.name,
            "organisation": person.organisation,
            "role": person.role,
            "profile": profile.id,
        }
        block = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False)
        lines += ["  " + line for line in block.rstrip().splitlines()]
        lines.append(f"    # dimension: {', '.join(d.id for d in questionnaire.dimensions)}")
        if profile.modules:
            lines.append(f"    # module: {', '.join(m.id for m in profile.modules)}")
        agreed = [p.model_dump(exclude_defaults=True) for p in priorities[n]] if priorities else []
        if not agreed:
            lines.append("    priorities: []")
            continue
        lines.append("    priorities:")
        block = yaml.safe_dump(agreed, allow_unicode=True, sort_keys=False, width=1000)
        lines += ["      " + line for line in block.rstrip().splitlines()]
    lines.append('note: ""')
    return "\n".join(lines) + "\n"


def following_agreements(
    catalog: Catalog, paths: Sequence[Path], people: list[Participant]
) -> list[Participant]:
    """The plan's participants with the modules of their agreed priorities (from every
    agreed-priorities file given); every person a file names must be among them."""
    people = list(people)
    someone = [
        Someone(
            name=p.name,
            organisation=p.organisation,
            role=p.role,
            profile=p.profile,
            tandem=p.tandem,
        )
        for p in people
    ]
    problems: list[Problem] = []
    named_in: dict[int, Path] = {}
    for path in paths:
        try:
            agreed, matched = agreed_for(catalog, path, someone, every_entry=True)
        except InputError as exc:
            problems += exc.problems
            continue
        for i, e in matched.items():
            if i in named_in:
                problems.append(
                    Problem(
                        str(path),
                        _("'{name}' is also named in {file}").format(
                            name=people[i].name, file=named_in[i]
                        ),
                    )
                )
                continue
            named_in[i] = path
            entry = agreed.people[e]
            if entry.priorities:
                people[i] = replace(
                    people[i],
                    agreed=chosen_modules(
                        entry.priorities, catalog.profile(entry.profile), people[i].modules
                    ),
                )
    if problems:
        raise InputError(problems)
    return people
