"""The plan as a table (CSV, XLSX); the HTML page is templates/plan.html."""

from __future__ import annotations

from typing import Any

from netzkompetenz.core.plan import Plan
from netzkompetenz.i18n import _, pick


def plan_rows(plan: Plan, lang: str) -> tuple[list[str], list[list[Any]]]:
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
                        {"leader": _("leader"), "coordinator": _("network coordinator")}[p.role],
                        p.tandem or "",
                    ]
                )
    return header, rows
