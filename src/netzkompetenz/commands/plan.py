"""`plan`: a training plan from answers files and batch outputs."""

from __future__ import annotations

from pathlib import Path

from netzkompetenz.core.plan import GROUP_MAX, GROUP_MIN, courses, make_plan
from netzkompetenz.errors import UsageError
from netzkompetenz.io import tabular
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.io.files import atomic_write
from netzkompetenz.io.plan_inputs import read_inputs
from netzkompetenz.views import output as output_
from netzkompetenz.views.plan_page import plan_rows
from netzkompetenz.views.render import render
from netzkompetenz.views.texts import text


def run(catalog: Catalog, inputs: list[Path], output: Path, *, lang: str | None = None,
        csv_dialect: str = "standard") -> None:
    language = lang or "de"
    suffix = output.suffix.lower().lstrip(".")
    if suffix not in ("csv", "xlsx", "html"):
        raise UsageError(text("plan_bad_suffix", language, file=output))
    people, duplicates = read_inputs(catalog, inputs)
    for d in duplicates:
        output_.warn(text("plan_duplicate", language, name=d.name, first=d.first,
                          second=d.second))
    profiles = [catalog.profile(pid) for pid in dict.fromkeys(p.profile for p in people)]
    plan = make_plan(people, courses(profiles))
    if suffix == "html":
        atomic_write(output, render("plan.html", plan=plan, lang=language,
                                    group_min=GROUP_MIN, group_max=GROUP_MAX),
                     private=True)
    else:
        header, rows = plan_rows(plan, language)
        if suffix == "csv":
            tabular.write_csv(output, header, rows, private=True,
                              dialect=tabular.CSV_DIALECTS[csv_dialect])
        else:
            tabular.write_xlsx(output, header, rows, private=True)
    output_.say(text("plan_written", language, file=output, people=len(plan.people),
               modules=len(plan.modules),
               groups=sum(len(d.groups) for d in plan.modules)))
