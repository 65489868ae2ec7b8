"""The commands about the content and about cohorts: list, validate, batch, plan, export
(their options; what they do is in commands/)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from netzkompetenz.cli.app import catalog, command, data_folders
from netzkompetenz.cli.options import (
    Csv,
    CsvStyle,
    ExportFormat,
    Force,
    Lang,
    RaterRelation,
    ReportKind,
    output_option,
    value,
)
from netzkompetenz.i18n import _


@command(
    "list",
    _(
        "List questionnaires, profiles, roles, modules and languages; with --mine "
        "your own self-checks and reports."
    ),
)
def list_cmd(
    mine: Annotated[
        bool,
        typer.Option(
            "--mine", help=_("Your self-checks (date, role, status, answered) and reports.")
        ),
    ] = False,
    lang: Lang = None,
) -> None:
    from netzkompetenz.commands import list as list_

    list_.run(catalog(), mine=mine, lang=value(lang))


@command(
    "validate",
    _("Check questionnaire and profile files; report every problem as file:line:column."),
)
def validate_cmd(
    paths: Annotated[
        list[Path], typer.Argument(metavar="FILES", help=_("Questionnaire and profile files."))
    ],
    lang: Lang = None,
) -> None:
    from netzkompetenz.commands import validate
    from netzkompetenz.io import startup

    startup.started()  # validate reads no catalogue: its start is over here
    validate.run(paths, data_folders())


@command("batch", _("Score a whole cohort from a survey export; exit 1 when rows were rejected."))
def batch_cmd(
    export: Annotated[
        Path, typer.Argument(metavar="EXPORT", help=_("Survey export: CSV, XLSX or JSON."))
    ],
    questionnaire: Annotated[str, typer.Option("--questionnaire", metavar="ID|PATH")],
    output: Annotated[Path, output_option("DIR")],
    profile: Annotated[str | None, typer.Option("--profile", metavar="ID|PATH")] = None,
    mapping: Annotated[
        Path | None,
        typer.Option("--mapping", metavar="FILE", help=_("YAML: column -> item id, answer codes.")),
    ] = None,
    reports: Annotated[
        ReportKind, typer.Option("--reports", case_sensitive=False, help=_("md, html or none."))
    ] = ReportKind.html,
    pseudonymize: Annotated[
        bool,
        typer.Option(
            "--pseudonymize", help=_("Replace names with stable pseudonyms in every output.")
        ),
    ] = False,
    lang: Lang = None,
    outputs: Annotated[
        str,
        typer.Option(
            "--outputs",
            metavar="LIST",
            help=_(
                "Any of csv,xlsx,jsonl,cohort (scores.csv, "
                "scores.xlsx, results.jsonl, cohort.html/.md); rejected.csv is always written."
            ),
        ),
    ] = "csv,xlsx,jsonl,cohort",
    csv: Csv = CsvStyle.standard,
    include_comments: Annotated[
        bool,
        typer.Option(
            "--include-comments",
            help=_(
                "Put the free-text reflections into the person reports "
                "and a comments column of scores.csv/xlsx (left out "
                "otherwise)."
            ),
        ),
    ] = False,
    ratings: Annotated[
        list[Path] | None,
        typer.Option(
            "--ratings",
            metavar="RATER_EXPORT",
            help=_(
                "A rater export (forms of export --relation); each person's ratings are "
                "shown beside their self-assessment. Repeat for more files."
            ),
        ),
    ] = None,
) -> None:
    from netzkompetenz.commands import batch
    from netzkompetenz.commands.batch.options import Exports

    raise typer.Exit(
        batch.run(
            catalog(),
            Exports(export, tuple(ratings or ())),
            questionnaire_ref=questionnaire,
            profile_ref=profile,
            mapping_path=mapping,
            out_dir=output,
            reports=reports.value,
            pseudonymize=pseudonymize,
            lang=value(lang),
            outputs=outputs,
            csv_dialect=csv.value,
            include_comments=include_comments,
        )
    )


@command(
    "plan",
    _(
        "Training plan for an organisation: module demand, course groups, order "
        "(without -o: show it in the terminal)."
    ),
)
def plan_cmd(
    inputs: Annotated[
        list[Path],
        typer.Argument(metavar="INPUTS", help=_("Answers files or batch output folders.")),
    ],
    output: Annotated[
        Path | None,
        output_option("FILE.md|.html|.csv|.xlsx", _("Output file; format by extension.")),
    ] = None,
    lang: Lang = None,
    csv: Csv = CsvStyle.standard,
    agreed: Annotated[
        list[Path] | None,
        typer.Option(
            "--agreed",
            metavar="FILE",
            help=_(
                "Agreed priorities (after the tandem's conversation): booked first for the "
                "people named. Repeatable."
            ),
        ),
    ] = None,
    force: Force = False,
) -> None:
    from netzkompetenz.commands import plan

    plan.run(
        catalog(),
        inputs,
        output,
        lang=value(lang),
        csv_dialect=csv.value,
        agreed=agreed or [],
        force=force,
    )


@command(
    "export",
    _(
        "Export a questionnaire for survey tools (KoBoToolbox/ODK XLSForm, "
        "LimeSurvey) or as an empty CSV/Excel template."
    ),
)
def export_cmd(
    questionnaire: Annotated[str, typer.Argument(metavar="QUESTIONNAIRE", help=_("Id or path."))],
    format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            case_sensitive=False,
            help=_("xlsform, limesurvey, csv-template, xlsx-template or ods-template."),
        ),
    ],
    output: Annotated[Path, output_option("FILE")],
    lang: Lang = None,
    csv: Csv = CsvStyle.standard,
    relation: Annotated[
        RaterRelation | None,
        typer.Option(
            "--relation",
            case_sensitive=False,
            help=_("The rater form for leader, colleague or partner (ratings by others)."),
        ),
    ] = None,
    person: Annotated[
        str | None,
        typer.Option(
            "--person", metavar="NAME", help=_("Rater form: the rated person, filled in.")
        ),
    ] = None,
    invitation: Annotated[
        Path | None,
        typer.Option(
            "--invitation",
            metavar="FILE",
            help=_("Rater form for an invitation (invite): its person and version."),
        ),
    ] = None,
) -> None:
    from netzkompetenz.commands import export

    export.run(
        catalog(),
        questionnaire,
        format.value,
        output,
        lang=value(lang),
        csv_dialect=csv.value,
        relation=value(relation),
        rated=person,
        invitation=invitation,
    )
