"""A training plan for an organisation: module demand, course groups and an order of modules.

Pure planning (`make_plan`) over participants; reading them is io/plan_inputs.py, the
command commands/plan.py. The rules are in docs/compare.md.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from dataclasses import dataclass, replace

from netzkompetenz.core.model import ROLES, Profile

GROUP_MIN = 20
GROUP_MAX = 30
"""Course groups of 20 to 30 participants, the size the training programmes work with."""


@dataclass(frozen=True)
class Participant:
    name: str  # name or pseudonym, as in the input
    organisation: str
    tandem: str | None
    role: str
    profile: str
    modules: tuple[str, ...]  # recommended module ids: the most important, booked
    source: str  # where the person came from (file, or file:line)
    agreed: tuple[str, ...] | None = None  # modules of agreed priorities; None = no agreement
    also: tuple[str, ...] = ()  # "also possible": shown as demand, never booked

    def following_agreement(self) -> Participant:
        """The modules the plan books for this person: those of the agreed priorities first,
        then the other recommendations (the profile suggests, the people decide the order).
        An agreed module is booked even when it was only "also possible"."""
        if self.agreed is None:
            return self
        rest = tuple(m for m in self.modules if m not in self.agreed)
        also = tuple(m for m in self.also if m not in self.agreed)
        return replace(self, modules=self.agreed + rest, also=also)


@dataclass(frozen=True)
class Course:
    """A module as a course. Profiles that share a module id share its courses."""

    module: str
    title: dict[str, str]
    format: str
    duration_days: float
    priority: int  # the most urgent priority any profile gives it
    prerequisites: tuple[str, ...]  # union over the profiles
    tandem: bool


@dataclass(frozen=True)
class Group:
    number: int
    members: tuple[Participant, ...]

    @property
    def small(self) -> bool:
        return len(self.members) < GROUP_MIN


@dataclass(frozen=True)
class ModuleDemand:
    course: Course
    order: int
    participants: tuple[Participant, ...]
    groups: tuple[Group, ...]
    prerequisites_not_in_plan: tuple[str, ...]  # nobody here needs them (may be done already)
    agreed_by: int = 0  # how many people chose it as an agreed priority

    @property
    def by_role(self) -> dict[str, int]:
        counts = Counter(p.role for p in self.participants)
        return {role: counts.get(role, 0) for role in ROLES}

    @property
    def by_organisation(self) -> dict[str, int]:
        return dict(sorted(Counter(p.organisation for p in self.participants).items()))

    @property
    def seats(self) -> int:
        return max(len(self.groups) * GROUP_MAX, len(self.participants))


@dataclass(frozen=True)
class AlsoPossible:
    """A module "also possible" for some people: demand shown apart, no places booked."""

    course: Course
    participants: tuple[Participant, ...]

    @property
    def by_role(self) -> dict[str, int]:
        counts = Counter(p.role for p in self.participants)
        return {role: counts.get(role, 0) for role in ROLES}


@dataclass(frozen=True)
class Plan:
    people: tuple[Participant, ...]
    modules: tuple[ModuleDemand, ...]  # in the order to run them
    also_possible: tuple[AlsoPossible, ...] = ()  # most people first

    @property
    def organisations(self) -> list[str]:
        return sorted({p.organisation for p in self.people})

    @property
    def by_role(self) -> dict[str, int]:
        counts = Counter(p.role for p in self.people)
        return {role: counts.get(role, 0) for role in ROLES}

    @property
    def without_modules(self) -> int:
        return sum(1 for p in self.people if not p.modules)

    @property
    def following_agreement(self) -> int:
        """How many people's agreed priorities the plan followed."""
        return sum(1 for p in self.people if p.agreed is not None)


# --- pure planning -----------------------------------------------------------------------


def courses(profiles: list[Profile]) -> dict[str, Course]:
    found: dict[str, Course] = {}
    for profile in profiles:
        for m in profile.modules:
            old = found.get(m.id)
            found[m.id] = Course(
                m.id,
                old.title if old else dict(m.title),
                m.format,
                max(m.duration_days, old.duration_days) if old else m.duration_days,
                min(m.priority, old.priority) if old else m.priority,
                tuple(dict.fromkeys((old.prerequisites if old else ()) + tuple(m.prerequisites))),
                m.tandem or (old.tandem if old else False),
            )
    return found


def group_sizes(count: int) -> list[int]:
    """As few groups as needed to stay within GROUP_MAX, filled as evenly as possible.
    Fewer than GROUP_MIN people make one small group; 31 to 39 make two small ones."""
    if count <= 0:
        return []
    groups = math.ceil(count / GROUP_MAX)
    return [count // groups + (1 if i < count % groups else 0) for i in range(groups)]


def assign_groups(participants: list[Participant]) -> tuple[Group, ...]:
    """Split people into groups. The members of one tandem (a leader and a coordinator with
    the same tandem id) stay together in one group in every module both attend, not only in
    tandem modules: the programmes want tandems as participants throughout."""
    sizes = group_sizes(len(participants))
    units: dict[tuple[str, object], list[Participant]] = {}
    for p in participants:
        key = ("tandem", p.tandem) if p.tandem else ("person", id(p))
        units.setdefault(key, []).append(p)
    ordered = sorted(units.values(), key=lambda u: (-len(u), u[0].organisation, u[0].name))
    members: list[list[Participant]] = [[] for _ in sizes]
    for unit in ordered:  # biggest units first, each into the group with most room left
        room = [size - len(m) for size, m in zip(sizes, members, strict=True)]
        members[room.index(max(room))].extend(unit)
    return tuple(
        Group(n, tuple(sorted(m, key=lambda p: (p.organisation, p.tandem or "", p.role, p.name))))
        for n, m in enumerate(members, 1)
    )


def module_order(
    demand: dict[str, list[Participant]],
    catalogue: dict[str, Course],
    agreed: dict[str, int] | None = None,
) -> list[str]:
    """Prerequisites first (topological order), then modules that people agreed on as a
    priority (more people first), then by priority, then by demand."""
    agreed = agreed or {}
    needed = set(demand)
    before = {m: [p for p in catalogue[m].prerequisites if p in needed] for m in needed}
    waiting = {m: len(set(pre)) for m, pre in before.items()}
    unlocks: dict[str, list[str]] = {}
    for m, pres in before.items():
        for pre in set(pres):
            unlocks.setdefault(pre, []).append(m)

    def key(m: str) -> tuple[int, int, int, str]:
        return (-agreed.get(m, 0), catalogue[m].priority, -len(demand[m]), m)

    ready = [key(m) for m, n in waiting.items() if n == 0]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        m = heapq.heappop(ready)[-1]
        order.append(m)
        for nxt in unlocks.get(m, []):
            waiting[nxt] -= 1
            if waiting[nxt] == 0:
                heapq.heappush(ready, key(nxt))
    # Profiles checked one by one have no cycles; two profiles together might. Keep going.
    order += sorted((m for m in needed if m not in order), key=key)
    return order


def make_plan(participants: list[Participant], catalogue: dict[str, Course]) -> Plan:
    participants = [p.following_agreement() for p in participants]
    demand: dict[str, list[Participant]] = {}
    agreed: Counter[str] = Counter()
    for p in participants:
        for m in p.modules:
            demand.setdefault(m, []).append(p)
        agreed.update(p.agreed or ())
    modules = []
    for n, m in enumerate(module_order(demand, catalogue, agreed), 1):
        course = catalogue[m]
        modules.append(
            ModuleDemand(
                course,
                n,
                tuple(demand[m]),
                assign_groups(demand[m]),
                tuple(pre for pre in course.prerequisites if pre not in demand),
                agreed[m],
            )
        )
    return Plan(tuple(participants), tuple(modules), _also_possible(participants, catalogue))


def _also_possible(
    participants: list[Participant], catalogue: dict[str, Course]
) -> tuple[AlsoPossible, ...]:
    """The demand for "also possible" modules, most people first, then in the profiles'
    order of modules (the catalogue keeps it)."""
    wanted: dict[str, list[Participant]] = {}
    for p in participants:
        for m in p.also:
            wanted.setdefault(m, []).append(p)
    authored = list(catalogue)
    order = sorted(wanted, key=lambda m: (-len(wanted[m]), authored.index(m)))
    return tuple(AlsoPossible(catalogue[m], tuple(wanted[m])) for m in order)
