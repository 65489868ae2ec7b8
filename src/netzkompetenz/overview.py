"""`list`: what the catalogue holds, as rich tables."""

from __future__ import annotations

from netzkompetenz.io.catalog import Catalog
from netzkompetenz.views.texts import pick


def print_overview(catalog: Catalog, lang: str = "de") -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    questionnaires = Table(title="Fragebögen · questionnaires", title_justify="left")
    for column in ("id", "version", "languages", "dimensions", "items", "title"):
        questionnaires.add_column(column)
    for entry in catalog.questionnaires.values():
        q = entry.model
        questionnaires.add_row(q.id, q.version, ", ".join(q.languages), str(len(q.dimensions)),
                               str(len(q.items)), pick(q.title, lang))
    console.print(questionnaires)

    profiles = Table(title="Profile und Rollen · profiles and roles", title_justify="left")
    for column in ("id", "role", "questionnaire", "modules", "title"):
        profiles.add_column(column)
    for entry in catalog.profiles.values():
        p = entry.model
        profiles.add_row(p.id, p.role, p.questionnaire, str(len(p.modules)), pick(p.title, lang))
    console.print(profiles)

    # A module offered to both roles appears once, with the dimensions of each profile.
    modules: dict[str, dict] = {}
    for entry in catalog.profiles.values():
        for m in entry.model.modules:
            row = modules.setdefault(m.id, {"module": m, "profiles": [], "dimensions": []})
            row["profiles"].append(entry.model.id)
            row["dimensions"] += m.dimensions
    table = Table(title="Module · modules", title_justify="left")
    for column in ("id", "profiles", "dimensions", "format", "days", "priority", "title"):
        table.add_column(column)
    for module_id, row in modules.items():
        m = row["module"]
        table.add_row(module_id, ", ".join(row["profiles"]), ", ".join(row["dimensions"]),
                      m.format + (" · tandem" if m.tandem else ""), f"{m.duration_days:g}",
                      str(m.priority), pick(m.title, lang))
    console.print(table)

    languages = sorted({code for e in catalog.questionnaires.values()
                        for code in e.model.languages})
    console.print(f"Sprachen · languages: {', '.join(languages) or '–'}")
    folders = sorted({str(e.path.parent.parent) for e in
                      [*catalog.questionnaires.values(), *catalog.profiles.values()]})
    console.print("Daten · data: " + ("; ".join(folders) or "–"), soft_wrap=True)
