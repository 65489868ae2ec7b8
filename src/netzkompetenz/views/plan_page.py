"""The plan as a table (CSV, XLSX); the HTML page is templates/plan.html."""

from __future__ import annotations

from typing import Any

from netzkompetenz.core.plan import Plan
from netzkompetenz.views.texts import pick, text


def plan_rows(plan: Plan, lang: str) -> tuple[list[str], list[list[Any]]]:
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
