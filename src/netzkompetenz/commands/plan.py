"""`plan`: a training plan from answers files and batch outputs."""

from __future__ import annotations

from pathlib import Path

from netzkompetenz.core.plan import courses, make_plan
from netzkompetenz.i18n import _, choose_language, ngettext, set_language
from netzkompetenz.io.agreed import following_agreements
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.io.csv_format import CSV_DIALECTS, write_csv
from netzkompetenz.io.files import atomic_write, check_output, output_format
from netzkompetenz.io.plan_inputs import read_inputs
from netzkompetenz.io.xlsx_out import write_xlsx
from netzkompetenz.views import output as output_
from netzkompetenz.views.plan_page import following_note, plan_rows, render_plan


def run(
    catalog: Catalog,
    inputs: list[Path],
    output: Path | None,
    *,
    lang: str | None = None,
    csv_dialect: str = "standard",
    agreed: list[Path] | None = None,
    force: bool = False,
) -> None:
    """The plan to `output` (.md, .html, .csv, .xlsx), or read in the terminal without it."""
    suffix = (
        "terminal"
        if output is None
        else output_format(
            output,
            {".md": "md", ".html": "html", ".csv": "csv", ".xlsx": "xlsx"},
            _(
                "{file}: the format follows from the extension; use .md, .html, .csv or .xlsx."
            ).format(file=output),
        )
    )
    if output is not None:
        check_output(output, force)
    people, duplicates = read_inputs(catalog, inputs)
    for d in duplicates:
        output_.warn(
            _(
                "Note: {name} appears twice in the inputs ({first} and {second}); the last "
                "one counts."
            ).format(name=d.name, first=d.first, second=d.second)
        )
    profiles = [catalog.profile(pid) for pid in dict.fromkeys(p.profile for p in people)]
    first = catalog.questionnaire_of(profiles[0]).languages[0] if profiles else None
    set_language(choose_language(lang, first))
    if agreed:
        people = following_agreements(catalog, agreed, people)
    plan = make_plan(people, courses(profiles))
    followed = following_note(plan) if agreed else ""
    if suffix in ("html", "md", "terminal"):
        page = render_plan(plan, "html" if suffix == "html" else "md", followed)
        if output is None:
            output_.show_markdown(page)
            return
        atomic_write(output, page, private=True)
    else:
        header, rows = plan_rows(plan)
        assert output is not None  # csv or xlsx: the suffix of output
        if suffix == "csv":
            write_csv(output, header, rows, private=True, dialect=CSV_DIALECTS[csv_dialect])
        else:
            write_xlsx(output, header, rows, private=True)
    output_.say(
        _("Wrote the training plan: {file} ({people}, {modules}, {groups})").format(
            file=output,
            people=ngettext("{count} person", "{count} people", len(plan.people)).format(
                count=len(plan.people)
            ),
            modules=ngettext("{count} module", "{count} modules", len(plan.modules)).format(
                count=len(plan.modules)
            ),
            groups=ngettext(
                "{count} course group",
                "{count} course groups",
                sum(len(d.groups) for d in plan.modules),
            ).format(count=sum(len(d.groups) for d in plan.modules)),
        )
    )
    if followed:
        output_.say(followed)
