"""From profile to agreed priorities: the person's own priorities, the priorities a tandem
agreed on, and what they change in the recommendations and the plan. Pure: reading the
agreed-priorities file is io/agreed.py; the wording is in views. The rules are described in
docs/compare.md ("The dialogue").

The NZFH quality framework reads a self-assessment as profile -> dialogue -> priorities ->
modules: the profile suggests, the people decide.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field

from netzkompetenz.core.model import Id, Loc, Profile, Questionnaire
from netzkompetenz.core.scoring import Result
from netzkompetenz.errors import N_, Message, msg

MAX_PRIORITIES = 3
"""Three priorities at most: more would not be priorities (and the plan follows them)."""
AGREED_FORMAT: Final = "netzkompetenz-agreed/1"


class Priority(BaseModel):
    """One priority: a dimension of the person's questionnaire or a module of the profile."""

    model_config = ConfigDict(extra="forbid")

    dimension: Id | None = None
    module: Id | None = None
    why: str = Field("", max_length=500, description="Optional: one sentence why.")

    @property
    def target(self) -> str:
        """The dimension or module id (priority_problems checks that there is one)."""
        return self.dimension or self.module or ""


Priorities = list[Priority]


class AgreedPerson(BaseModel):
    """One person's agreed priorities; name and role identify them among the answers."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, description="Name or pseudonym, as in the answers.")
    organisation: str = ""
    role: Literal["coordinator", "leader"]
    profile: Id
    priorities: list[Priority] = Field(default_factory=list, max_length=MAX_PRIORITIES)


class Agreed(BaseModel):
    """The file a tandem (or a person with their leader) fills in after the dialogue."""

    model_config = ConfigDict(extra="forbid")

    format: Literal["netzkompetenz-agreed/1"] = AGREED_FORMAT
    tandem: str | None = Field(None, description="The tandem id in the answers, if any.")
    date: dt.date | None = Field(None, description="The day of the conversation.")
    people: list[AgreedPerson] = Field(min_length=1)
    note: str = ""


# --- checks ----------------------------------------------------------------------------------


def priority_problems(
    priorities: Sequence[Priority], questionnaire: Questionnaire, profile: Profile, loc: Loc = ()
) -> list[tuple[Loc, Message]]:
    """Each priority must name a dimension of the questionnaire or a module of the profile;
    each target once."""
    dims = [d.id for d in questionnaire.dimensions]
    modules = [m.id for m in profile.modules]
    out: list[tuple[Loc, Message]] = []
    seen: set[str] = set()
    for i, p in enumerate(priorities):
        if (p.dimension is None) == (p.module is None):
            out.append(
                (
                    loc + (i,),
                    msg(N_("a priority names either a dimension or a module, not both or neither")),
                )
            )
            continue
        if p.dimension is not None and p.dimension not in dims:
            out.append(
                (
                    loc + (i, "dimension"),
                    msg(
                        N_(
                            "unknown dimension '{id}' in questionnaire '{questionnaire}' (known: "
                            "{known})"
                        ),
                        id=p.dimension,
                        questionnaire=questionnaire.id,
                        known=", ".join(dims),
                    ),
                )
            )
        if p.module is not None and p.module not in modules:
            out.append(
                (
                    loc + (i, "module"),
                    msg(
                        N_("unknown module '{id}' in profile '{profile}'"),
                        id=p.module,
                        profile=profile.id,
                    ),
                )
            )
        if p.target in seen:
            out.append((loc + (i,), msg(N_("'{id}' is named twice"), id=p.target)))
        seen.add(p.target)
    if len(priorities) > MAX_PRIORITIES:
        out.append(
            (
                loc,
                msg(
                    N_("at most {max} priorities, not {count}"),
                    max=MAX_PRIORITIES,
                    count=len(priorities),
                ),
            )
        )
    return out


def same_person(name: str, other: str) -> bool:
    """Names compare without case and surrounding spaces (as everywhere in the tool)."""
    return name.strip().casefold() == other.strip().casefold()


# --- what priorities change ------------------------------------------------------------------


def chosen_modules(
    priorities: Sequence[Priority], profile: Profile, recommended: Sequence[str]
) -> tuple[str, ...]:
    """The modules that serve the priorities, in their order. A module priority is that
    module; a dimension priority is the recommended modules addressing it, else (nothing
    recommended there) the profile's most urgent module addressing it: the people chose the
    dimension, the profile only suggests how to work on it."""
    found: list[str] = []
    for p in priorities:
        if p.module is not None:
            found.append(p.module)
            continue
        addressing = [m for m in profile.modules if p.dimension in m.dimensions]
        recommended_here = [m for m in recommended if any(a.id == m for a in addressing)]
        if recommended_here:
            found += recommended_here
        elif addressing:
            found.append(min(addressing, key=lambda m: m.priority).id)
    return tuple(dict.fromkeys(found))


def order_by_priorities(
    recommended: Sequence[str], priorities: Sequence[Priority], profile: Profile
) -> tuple[str, ...]:
    """Recommended modules, those serving a priority first (in the priorities' order), the
    rest in the profile's ranking. Modules chosen but not recommended are not added here:
    the report shows the priorities themselves above the recommendations."""
    chosen = chosen_modules(priorities, profile, recommended)
    first = [m for m in chosen if m in recommended]
    return tuple(first + [m for m in recommended if m not in first])


# --- whom an agreed-priorities file speaks about ----------------------------------------------


class Someone(BaseModel):
    """A person the tool has answers for (an answers file or a batch row)."""

    model_config = ConfigDict(frozen=True)

    name: str
    organisation: str = ""
    role: str
    profile: str
    tandem: str | None = None


def _matches(entry: AgreedPerson, person: Someone) -> bool:
    return (
        same_person(entry.name, person.name)
        and entry.role == person.role
        and (not entry.organisation or same_person(entry.organisation, person.organisation))
    )


def match_agreed(
    agreed: Agreed, people: Sequence[Someone], *, every_entry: bool
) -> tuple[dict[int, int], list[tuple[Loc, Message]]]:
    """Which agreed entry belongs to which person: {person index: entry index}, and the
    problems. A person is matched by name and role (and organisation when the entry gives
    one). The file's tandem id, when given, must be the person's; `every_entry`: an entry
    that matches nobody given is a problem too (the plan must know every person named)."""
    found: dict[int, int] = {}
    out: list[tuple[Loc, Message]] = []
    for e, entry in enumerate(agreed.people):
        here = [i for i, p in enumerate(people) if _matches(entry, p)]
        if not here:
            if every_entry:
                out.append(
                    (
                        ("people", e, "name"),
                        msg(
                            N_("'{name}' ({role}) is not among the answers given"),
                            name=entry.name,
                            role=entry.role,
                        ),
                    )
                )
            continue
        for i in here:
            person = people[i]
            if agreed.tandem and person.tandem != agreed.tandem:
                out.append(
                    (
                        ("people", e, "name"),
                        msg(
                            N_(
                                "'{name}' is not in tandem '{tandem}' "
                                "(their answers say '{theirs}')"
                            ),
                            name=entry.name,
                            tandem=agreed.tandem,
                            theirs=person.tandem,
                        )
                        if person.tandem
                        else msg(
                            N_(
                                "'{name}' is not in tandem '{tandem}' "
                                "(their answers name no tandem)"
                            ),
                            name=entry.name,
                            tandem=agreed.tandem,
                        ),
                    )
                )
            elif person.profile != entry.profile:
                out.append(
                    (
                        ("people", e, "profile"),
                        msg(
                            N_("'{name}' answered with profile '{theirs}', not '{profile}'"),
                            name=entry.name,
                            theirs=person.profile,
                            profile=entry.profile,
                        ),
                    )
                )
            elif i in found:
                out.append((("people", e), msg(N_("'{id}' is named twice"), id=entry.name)))
            else:
                found[i] = e
    return found, out


def priority_options(result: Result, questionnaire: Questionnaire) -> list[Priority]:
    """What a person can choose as a priority in the check: the recommended modules (in the
    profile's ranking), then every dimension, largest gap first (no score: last)."""
    modules = [Priority(module=r.module) for r in result.recommendations]
    order = {d.id: n for n, d in enumerate(questionnaire.dimensions)}
    dims = sorted(
        result.dimensions, key=lambda d: (d.gap is None, -(d.gap or 0), order[d.dimension])
    )
    return modules + [Priority(dimension=d.dimension) for d in dims]
