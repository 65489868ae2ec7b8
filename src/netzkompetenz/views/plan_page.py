"""The training plan as a page (the view-model for templates/plan.{html,md}) and as a table
(CSV, XLSX). The plan is made in core/plan.py; its sentences and numbers are worded here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from netzkompetenz.core.plan import (
    GROUP_MAX,
    GROUP_MIN,
    AlsoPossible,
    Group,
    ModuleDemand,
    Participant,
    Plan,
)
from netzkompetenz.i18n import _, format_number, ngettext, pick
from netzkompetenz.views.render import render


@dataclass(frozen=True)
class Member:
    name: str
    organisation: str
    role: str  # in words
    tandem: str | None


@dataclass(frozen=True)
class CourseGroup:
    number: int
    heading: str  # "Group 1 (24 participants)"
    small: bool  # fewer than GROUP_MIN participants
    members: tuple[Member, ...]


@dataclass(frozen=True)
class ModuleRow:
    """A module in the plan's order: its demand and its course groups."""

    module: str  # id
    order: int
    title: str
    tandem: bool  # a tandem module
    prerequisites: tuple[str, ...]  # module ids
    days: str
    demand: int  # participants
    leaders: int
    coordinators: int
    seats: int
    agreed_by: int  # people who chose it as an agreed priority
    facts: str  # days, priority, participants, seats, free seats
    requires: str | None
    not_in_plan: str | None  # prerequisites nobody here still needs
    without_partner: str | None  # a tandem module booked for one partner of a tandem only
    groups: tuple[CourseGroup, ...]


@dataclass(frozen=True)
class AlsoPossibleRow:
    """A module "also possible" for some people: its demand, no places booked."""

    module: str  # id
    title: str
    days: str
    demand: int  # people
    leaders: int
    coordinators: int
    facts: str  # "2 days: 12 people (3 leaders, 9 network coordinators)"


@dataclass(frozen=True)
class OrganisationRow:
    name: str
    demand: tuple[int, ...]  # participants per module, in the plan's order


@dataclass(frozen=True)
class PlanView:
    summary: str  # people, roles, organisations, and how many have no module
    groups_note: str  # how groups are made
    followed: str  # whose agreed priorities the plan follows; empty without agreements
    small_group_note: str
    modules: tuple[ModuleRow, ...]
    organisations: tuple[OrganisationRow, ...]
    also_note: str  # what "also possible" means here
    also_possible: tuple[AlsoPossibleRow, ...]


def render_plan(plan: Plan, fmt: str, followed: str = "") -> str:
    """The plan's page, "html" or "md" (the Markdown is also what the terminal shows)."""
    return render(f"plan.{fmt}", plan=plan_view(plan, followed))


def following_note(plan: Plan) -> str:
    """Whose agreed priorities the plan follows (said on the page and in the terminal)."""
    return ngettext(
        "The plan follows the agreed priorities of {followed} of {count} person.",
        "The plan follows the agreed priorities of {followed} of {count} people.",
        len(plan.people),
    ).format(followed=plan.following_agreement, count=len(plan.people))


def plan_view(plan: Plan, followed: str = "") -> PlanView:
    """The page's content in the active language."""
    n_people, n_orgs = len(plan.people), len(plan.organisations)
    n_leaders, n_coordinators = plan.by_role["leader"], plan.by_role["coordinator"]
    return PlanView(
        summary=_(
            "{people} ({leaders}, {coordinators}) from {organisations}; {without} of them "
            "without a recommended module."
        ).format(
            people=ngettext("{count} person", "{count} people", n_people).format(count=n_people),
            leaders=ngettext("{count} leader", "{count} leaders", n_leaders).format(
                count=n_leaders
            ),
            coordinators=ngettext(
                "{count} network coordinator", "{count} network coordinators", n_coordinators
            ).format(count=n_coordinators),
            organisations=ngettext("{count} organisation", "{count} organisations", n_orgs).format(
                count=n_orgs
            ),
            without=plan.without_modules,
        ),
        groups_note=_(
            "Course groups have {min} to {max} participants and are filled as evenly as "
            "possible; the order respects the modules' prerequisites, then the weight the "
            "target profiles give them (high, medium, low) and demand. A tandem whose two "
            "partners are both booked for a module attends it in the same group."
        ).format(min=GROUP_MIN, max=GROUP_MAX),
        followed=followed,
        small_group_note=_("small group (fewer than {min} participants)").format(min=GROUP_MIN),
        modules=tuple(_module(d, plan.people) for d in plan.modules),
        organisations=tuple(
            OrganisationRow(org, tuple(d.by_organisation.get(org, 0) for d in plan.modules))
            for org in plan.organisations
        ),
        also_note=_(
            "Modules the answers also call for, after the most important ones. No places are "
            "booked for them: the numbers show the interest, for a later offer."
        ),
        also_possible=tuple(_also(a) for a in plan.also_possible),
    )


def _also(a: AlsoPossible) -> AlsoPossibleRow:
    days, people = a.course.duration_days, len(a.participants)
    leaders, coordinators = a.by_role["leader"], a.by_role["coordinator"]
    return AlsoPossibleRow(
        module=a.course.module,
        title=pick(a.course.title),
        days=format_number(days, None),
        demand=people,
        leaders=leaders,
        coordinators=coordinators,
        facts=_("{days}: {people} ({leaders}, {coordinators})").format(
            days=ngettext("{days} day", "{days} days", days).format(days=format_number(days, None)),
            people=ngettext("{count} person", "{count} people", people).format(count=people),
            leaders=ngettext("{count} leader", "{count} leaders", leaders).format(count=leaders),
            coordinators=ngettext(
                "{count} network coordinator", "{count} network coordinators", coordinators
            ).format(count=coordinators),
        ),
    )


def _without_partner(d: ModuleDemand, everyone: tuple[Participant, ...]) -> str | None:
    """Who attends a tandem module without their tandem partner, who is in the plan but
    not booked for it (UX review m28: the page said tandems attend together)."""
    if not d.course.tandem:
        return None
    booked = {id(p) for p in d.participants}
    alone = [
        p.name
        for p in d.participants
        if p.tandem and any(o.tandem == p.tandem and id(o) not in booked for o in everyone)
    ]
    if not alone:
        return None
    return ngettext(
        "Without the tandem partner, who is not booked for this module: {names}",
        "Without their tandem partners, who are not booked for this module: {names}",
        len(alone),
    ).format(names=", ".join(alone))


def _module(d: ModuleDemand, everyone: tuple[Participant, ...]) -> ModuleRow:
    course, people = d.course, len(d.participants)
    days = course.duration_days
    return ModuleRow(
        module=course.module,
        order=d.order,
        title=pick(course.title),
        tandem=course.tandem,
        prerequisites=course.prerequisites,
        days=format_number(days, None),
        demand=people,
        leaders=d.by_role["leader"],
        coordinators=d.by_role["coordinator"],
        seats=d.seats,
        agreed_by=d.agreed_by,
        facts=_(
            "{days}, weight in the target profiles: {weight}; {people}, {seats}, {free} free"
        ).format(
            days=ngettext("{days} day", "{days} days", days).format(days=format_number(days, None)),
            weight={1: _("high"), 2: _("medium"), 3: _("low")}[course.priority],
            people=ngettext("{count} participant", "{count} participants", people).format(
                count=people
            ),
            seats=ngettext("{count} seat", "{count} seats", d.seats).format(count=d.seats),
            free=d.seats - people,
        ),
        requires=_("requires: {modules}").format(modules=", ".join(course.prerequisites))
        if course.prerequisites
        else None,
        not_in_plan=_(
            "prerequisite nobody here still needs (probably met already): {modules}"
        ).format(modules=", ".join(d.prerequisites_not_in_plan))
        if d.prerequisites_not_in_plan
        else None,
        without_partner=_without_partner(d, everyone),
        groups=tuple(_group(g) for g in d.groups),
    )


def _group(g: Group) -> CourseGroup:
    size = len(g.members)
    return CourseGroup(
        number=g.number,
        heading=ngettext(
            "Group {number} ({size} participant)", "Group {number} ({size} participants)", size
        ).format(number=g.number, size=size),
        small=g.small,
        members=tuple(Member(p.name, p.organisation, _role(p.role), p.tandem) for p in g.members),
    )


def _role(role: str) -> str:
    return {"leader": _("leader"), "coordinator": _("network coordinator")}[role]


def plan_rows(plan: Plan) -> tuple[list[str], list[list[Any]]]:
    """One row per participant and course group: the table for CSV and XLSX."""
    header = [
        {
            "order": _("Order"),
            "module": _("Module id"),
            "title": _("Module"),
            "priority": _("Priority"),
            "days": _("Days"),
            "prerequisites": _("Prerequisites"),
            "group": _("Group"),
            "group_size": _("Group size"),
            "small_group": _("Small group"),
            "name": _("Name or pseudonym"),
            "organisation": _("Organisation"),
            "role": _("Role"),
            "tandem": _("Tandem"),
        }[c]
        for c in (
            "order",
            "module",
            "title",
            "priority",
            "days",
            "prerequisites",
            "group",
            "group_size",
            "small_group",
            "name",
            "organisation",
            "role",
            "tandem",
        )
    ]
    rows = []
    for d in plan.modules:
        for g in d.groups:
            for p in g.members:
                rows.append(
                    [
                        d.order,
                        d.course.module,
                        pick(d.course.title),
                        d.course.priority,
                        d.course.duration_days,
                        ", ".join(d.course.prerequisites),
                        g.number,
                        len(g.members),
                        (_("yes") if g.small else _("no")),
                        p.name,
                        p.organisation,
                        _role(p.role),
                        p.tandem or "",
                    ]
                )
    return header, rows
