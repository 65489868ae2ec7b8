"""`list`: what the catalogue holds, as rich tables."""

from __future__ import annotations

from netzkompetenz.resources import Catalog
from netzkompetenz.texts import pick


def print_overview(catalog: Catalog, lang: str = "de") -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    questionnaires = Table(title="Fragebögen / questionnaires", title_justify="left")
    for column in ("id", "version", "languages", "dimensions", "items", "title", "file"):
        questionnaires.add_column(column)
    for entry in catalog.questionnaires.values():
        q = entry.model
        questionnaires.add_row(q.id, q.version, ", ".join(q.languages), str(len(q.dimensions)),
                               str(len(q.items)), pick(q.title, lang), str(entry.path))
    console.print(questionnaires)

    profiles = Table(title="Profile und Rollen / profiles and roles", title_justify="left")
    for column in ("id", "role", "questionnaire", "modules", "title", "file"):
        profiles.add_column(column)
    for entry in catalog.profiles.values():
        p = entry.model
        profiles.add_row(p.id, p.role, p.questionnaire, str(len(p.modules)),
                         pick(p.title, lang), str(entry.path))
    console.print(profiles)

    modules = Table(title="Module / modules", title_justify="left")
    for column in ("id", "profile", "dimensions", "format", "days", "priority", "title"):
        modules.add_column(column)
    for entry in catalog.profiles.values():
        for m in entry.model.modules:
            modules.add_row(m.id, entry.model.id, ", ".join(m.dimensions), m.format,
                            f"{m.duration_days:g}", str(m.priority), pick(m.title, lang))
    console.print(modules)
