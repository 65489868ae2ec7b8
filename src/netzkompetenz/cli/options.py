"""The option types and the options several commands share, declared once.

Help texts are made on import, in the language of the run: import this module only after
cli.app has chosen it (cli.app imports it in its place)."""

from __future__ import annotations

from enum import Enum, StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from netzkompetenz.i18n import _

# --- option types: checked once, here, by Typer ------------------------------------------


class Language(StrEnum):
    de = "de"
    en = "en"


class Role(StrEnum):
    coordinator = "coordinator"
    leader = "leader"


class RaterRelation(StrEnum):
    leader = "leader"
    colleague = "colleague"
    partner = "partner"


class ScoreFormat(StrEnum):
    table = "table"
    json = "json"


class ReportKind(StrEnum):
    html = "html"
    md = "md"
    none = "none"


class ExportFormat(StrEnum):
    xlsform = "xlsform"
    csv_template = "csv-template"
    limesurvey = "limesurvey"
    xlsx_template = "xlsx-template"
    ods_template = "ods-template"


class CsvStyle(StrEnum):
    standard = "standard"
    excel_de = "excel-de"


def named(value: str) -> Path:
    """A file or folder to write: an empty name would be taken as the current folder."""
    if not value.strip():
        raise typer.BadParameter(_("an empty name; name a file or folder"))
    return Path(value)


def value(option: Enum | None) -> str | None:
    return None if option is None else str(option.value)


def output_option(metavar: str, help: str | None = None) -> Any:
    """`-o/--output FILE`: a file or folder to write (never an empty name)."""
    return typer.Option("-o", "--output", parser=named, metavar=metavar, help=help)


# --- options several commands take ---------------------------------------------------------

Lang = Annotated[
    Language | None,
    typer.Option(
        "--lang",
        case_sensitive=False,
        help=_(
            "Language of the run: de or en (default: the answers' or the questionnaire's "
            "language, else the locale)."
        ),
    ),
]

Csv = Annotated[
    CsvStyle,
    typer.Option(
        "--csv",
        case_sensitive=False,
        help=_("CSV files: standard (, and 2.5) or excel-de (; and 2,5 for German Excel)."),
    ),
]

Force = Annotated[bool, typer.Option("--force", help=_("Replace the output file if it exists."))]

AnswersFiles = Annotated[
    list[Path], typer.Argument(metavar="ANSWERS", help=_("Answers files (JSON)."))
]


TalkingRatings = Annotated[
    list[Path] | None,
    typer.Option(
        "--ratings",
        metavar="RATING.json",
        help=_(
            "Ratings by others of the leader or the coordinator (from `rate`): their "
            "differences from the self-assessment become questions; repeat for each file."
        ),
    ),
]
