"""A training plan for an organisation: module demand, course groups and an order of modules.

Pure planning (`make_plan`) over participants; `run_plan` reads answers files and batch
outputs (results.jsonl), and writes CSV, XLSX or HTML. The rules are in docs/compare.md.
"""

from __future__ import annotations

import heapq
import json
import math
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from netzkompetenz.core.model import ROLES, Profile
from netzkompetenz.errors import InputError, Problem, UsageError
from netzkompetenz.views.texts import pick, text

GROUP_MIN = 20
GROUP_MAX = 30
"""Course groups of 20 to 30 participants, the size the training programmes work with."""
RESULTS_FILE = "results.jsonl"


@dataclass(frozen=True)
class Participant:
    name: str  # name or pseudonym, as in the input
    organisation: str
    tandem: str | None
    role: str
    profile: str
    modules: tuple[str, ...]  # recommended module ids
    source: str  # where the person came from (file, or file:line)


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
class Plan:
    people: tuple[Participant, ...]
    modules: tuple[ModuleDemand, ...]  # in the order to run them

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


# --- pure planning -----------------------------------------------------------------------

def courses(profiles: list[Profile]) -> dict[str, Course]:
    found: dict[str, Course] = {}
    for profile in profiles:
        for m in profile.modules:
            old = found.get(m.id)
            found[m.id] = Course(
                m.id, old.title if old else dict(m.title), m.format,
                max(m.duration_days, old.duration_days) if old else m.duration_days,
                min(m.priority, old.priority) if old else m.priority,
                tuple(dict.fromkeys((old.prerequisites if old else ()) + tuple(m.prerequisites))),
                m.tandem or (old.tandem if old else False))
    return found


def group_sizes(count: int) -> list[int]:
    """As few groups as needed to stay within GROUP_MAX, filled as evenly as possible.
    Fewer than GROUP_MIN people make one small group; 31 to 39 make two small ones."""
    if count <= 0:
        return []
    groups = math.ceil(count / GROUP_MAX)
    return [count // groups + (1 if i < count % groups else 0) for i in range(groups)]


def assign_groups(participants: list[Participant], tandem_course: bool) -> tuple[Group, ...]:
    """Split people into groups. For a tandem module, the members of one tandem (a leader
    and a coordinator with the same tandem id) stay together in one group."""
    sizes = group_sizes(len(participants))
    units: dict[tuple, list[Participant]] = {}
    for p in participants:
        key = ("tandem", p.tandem) if tandem_course and p.tandem else ("person", id(p))
        units.setdefault(key, []).append(p)
    ordered = sorted(units.values(), key=lambda u: (-len(u), u[0].organisation, u[0].name))
    members: list[list[Participant]] = [[] for _ in sizes]
    for unit in ordered:  # biggest units first, each into the group with most room left
        room = [size - len(m) for size, m in zip(sizes, members, strict=True)]
        members[room.index(max(room))].extend(unit)
    return tuple(Group(n, tuple(sorted(m, key=lambda p: (p.organisation, p.tandem or "",
                                                         p.role, p.name))))
                 for n, m in enumerate(members, 1))


def module_order(demand: dict[str, list[Participant]], catalogue: dict[str, Course]
                 ) -> list[str]:
    """Prerequisites first (topological order), then by priority, then by demand."""
    needed = set(demand)
    before = {m: [p for p in catalogue[m].prerequisites if p in needed] for m in needed}
    waiting = {m: len(set(pre)) for m, pre in before.items()}
    unlocks: dict[str, list[str]] = {}
    for m, pres in before.items():
        for pre in set(pres):
            unlocks.setdefault(pre, []).append(m)

    def key(m: str) -> tuple:
        return (catalogue[m].priority, -len(demand[m]), m)

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
    demand: dict[str, list[Participant]] = {}
    for p in participants:
        for m in p.modules:
            demand.setdefault(m, []).append(p)
    modules = []
    for n, m in enumerate(module_order(demand, catalogue), 1):
        course = catalogue[m]
        modules.append(ModuleDemand(
            course, n, tuple(demand[m]), assign_groups(demand[m], course.tandem),
            tuple(pre for pre in course.prerequisites if pre not in demand)))
    return Plan(tuple(participants), tuple(modules))


# --- reading inputs ----------------------------------------------------------------------

def read_results_jsonl(catalog, path: Path) -> list[Participant]:
    """Participants from a batch's results.jsonl (one JSON object per line: respondent,
    profile {id, role}, recommendations [{module}]). Problems name file and line."""
    problems: list[Problem] = []
    found: list[Participant] = []
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError.single(path, f"cannot read: {getattr(exc, 'strerror', exc)}") \
            from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            found.append(_participant(catalog, json.loads(line), f"{path}:{number}"))
        except json.JSONDecodeError as exc:
            problems.append(Problem(str(path), f"invalid JSON: {exc.msg}", number, exc.colno))
        except (KeyError, TypeError, ValueError) as exc:
            problems.append(Problem(str(path), str(exc).strip("'\""), number))
        except InputError as exc:
            problems.append(Problem(str(path), "; ".join(f"{p.source}: {p.message}"
                                                         for p in exc.problems), number))
    if problems:
        raise InputError(problems)
    return found


def _participant(catalog, record: dict, source: str) -> Participant:
    if not isinstance(record, dict):
        raise ValueError("expected a JSON object per line")
    who, prof = record.get("respondent"), record.get("profile")
    if not isinstance(who, dict) or not isinstance(who.get("name"), str) or not who["name"]:
        raise ValueError("missing respondent.name")
    if not isinstance(prof, dict) or not isinstance(prof.get("id"), str):
        raise ValueError("missing profile.id")
    profile = catalog.profile(prof["id"])
    if prof.get("role", profile.role) != profile.role:
        raise ValueError(f"profile '{profile.id}' has role '{profile.role}', "
                         f"not '{prof.get('role')}'")
    recs = record.get("recommendations")
    if not isinstance(recs, list):
        raise ValueError("missing recommendations (a list)")
    known = {m.id for m in profile.modules}
    modules = []
    for rec in recs:
        module = rec.get("module") if isinstance(rec, dict) else None
        if module not in known:
            raise ValueError(f"unknown module '{module}' in profile '{profile.id}'")
        modules.append(module)
    return Participant(who["name"], str(who.get("organisation") or ""),
                       who.get("tandem") or None, profile.role, profile.id, tuple(modules),
                       source)


def read_inputs(catalog, inputs: list[Path], lang: str = "de") -> list[Participant]:
    """Answers files, results.jsonl files and folders holding either; all problems at once."""
    from netzkompetenz.results import score_file

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
                    raise InputError.single(path, f"no {RESULTS_FILE} and no answers files "
                                                  "(*.json) in this folder")
            elif path.suffix == ".jsonl":
                people += read_results_jsonl(catalog, path)
                continue
            elif not path.is_file():
                raise InputError.single(path, "file not found")
            else:
                files = [path]
            for file in files:
                s = score_file(catalog, file)
                r = s.answers.respondent
                people.append(Participant(r.name, r.organisation, r.tandem, s.profile.role,
                                          s.profile.id,
                                          tuple(x.module for x in s.result.recommendations),
                                          str(file)))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return _once(people, lang)


def _once(people: list[Participant], lang: str) -> list[Participant]:
    """A person given twice (e.g. an answers file and the batch) counts once: the last."""
    last: dict[tuple, Participant] = {}
    for p in people:
        key = (p.name, p.organisation, p.role)
        if key in last:
            print(text("plan_duplicate", lang, name=p.name, first=last[key].source,
                       second=p.source), file=sys.stderr)
        last[key] = p
    return list(last.values())


# --- writing -----------------------------------------------------------------------------

def plan_rows(plan: Plan, lang: str) -> tuple[list[str], list[list]]:
    """One row per participant and course group: the table for CSV and XLSX."""
    header = [text(f"plan_col_{c}", lang) for c in (
        "order", "module", "title", "priority", "days", "prerequisites", "group",
        "group_size", "small_group", "name", "organisation", "role", "tandem")]
    rows = []
    for d in plan.modules:
        for g in d.groups:
            for p in g.members:
                rows.append([d.order, d.course.module, pick(d.course.title, lang),
                             d.course.priority, d.course.duration_days,
                             ", ".join(d.course.prerequisites), g.number, len(g.members),
                             text("plan_yes" if g.small else "plan_no", lang), p.name,
                             p.organisation, text(f"plan_role_{p.role}", lang), p.tandem or ""])
    return header, rows


def run_plan(catalog, inputs: list[Path], output: Path, *, lang: str | None = None) -> None:
    language = lang or "de"
    suffix = output.suffix.lower().lstrip(".")
    if suffix not in ("csv", "xlsx", "html"):
        raise UsageError(text("plan_bad_suffix", language, file=output))
    people = read_inputs(catalog, inputs, language)
    profiles = [catalog.profile(pid) for pid in dict.fromkeys(p.profile for p in people)]
    plan = make_plan(people, courses(profiles))
    if suffix == "html":
        from netzkompetenz.io.files import atomic_write
        from netzkompetenz.views.render import render

        atomic_write(output, render("plan.html", plan=plan, lang=language,
                                    group_min=GROUP_MIN, group_max=GROUP_MAX),
                     private=True)
    else:
        from netzkompetenz.io import tabular

        header, rows = plan_rows(plan, language)
        write = tabular.write_csv if suffix == "csv" else tabular.write_xlsx
        write(output, header, rows, private=True)
    print(text("plan_written", language, file=output, people=len(plan.people),
               modules=len(plan.modules),
               groups=sum(len(d.groups) for d in plan.modules)))
