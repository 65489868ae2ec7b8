"""The command line: thin Typer commands. Heavy modules are imported inside the commands
so that `--help` and `list` start fast (see docs/performance.md)."""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Callable
from enum import Enum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup

from netzkompetenz import i18n
from netzkompetenz.errors import ExitCode, InputError, NetzkompetenzError
from netzkompetenz.i18n import _


def _language_of_argv(argv: list[str]) -> str | None:
    """--lang X / --lang=X anywhere on the command line (before Typer parses it: the help
    texts are made in that language)."""
    for n, arg in enumerate(argv):
        value = (
            arg.partition("=")[2]
            if arg.startswith("--lang=")
            else argv[n + 1]
            if arg == "--lang" and n + 1 < len(argv)
            else None
        )
        if value and value.lower() in i18n.LANGUAGES:
            return value.lower()
    return None


# One language per run, help texts included: --lang, else the locale, else German.
i18n.set_language(i18n.choose_language(_language_of_argv(sys.argv[1:])))

if TYPE_CHECKING:
    from netzkompetenz.io.catalog import Catalog


def _plain(text: str) -> str:
    from netzkompetenz.views.usage import help_text

    text = re.sub(r"\{([A-Z][A-Z_]*)\}", r"\1", text)
    return help_text(re.sub(r"^(\s+[A-Z][A-Z_]*) <[^>\s]+>", r"\1", text, flags=re.M))


class _PlainGroupHelp(TyperGroup):
    """The top-level help in the language of the run (see _PlainHelp)."""

    def get_help(self, ctx: Any) -> str:
        return _plain(super().get_help(ctx))

    def get_usage(self, ctx: Any) -> str:
        return _plain(super().get_usage(ctx))


app = typer.Typer(
    cls=_PlainGroupHelp,
    name="netzkompetenz",
    help=_(
        "Competence self-check for network coordinators and leaders in municipalities. "
        "Use --lang de or --lang en for the language (default: the locale, else German)."
    ),
    rich_markup_mode=None,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

_state: dict[str, Any] = {"data": [], "lang": None}


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


def _named(value: str) -> Path:
    """A file or folder to write: an empty name would be taken as the current folder."""
    if not value.strip():
        raise typer.BadParameter(_("an empty name; name a file or folder"))
    return Path(value)


def _value(option: Enum | None) -> str | None:
    return None if option is None else str(option.value)


# --- errors become a message and an exit code ---------------------------------------------


def _fail(message: str, code: int = ExitCode.BAD_INPUT) -> None:
    from netzkompetenz.views.output import warn

    warn(message)
    raise typer.Exit(code)


F = TypeVar("F", bound=Callable[..., Any])


class _PlainHelp(TyperCommand):
    """Help and usage without Typer's notation a person cannot read: `{ANSWERS}...`
    becomes `ANSWERS...`, and an argument's Python type (`<list[Path]>`) is left out;
    Typer's own headings in the language of the run."""

    def get_help(self, ctx: Any) -> str:
        return _plain(super().get_help(ctx))

    def get_usage(self, ctx: Any) -> str:
        return _plain(super().get_usage(ctx))


def command(name: str, help: str) -> Callable[[F], F]:
    """Register a command whose user errors become a message and an exit code, never a
    traceback. `help` is translated (the docstring would not be)."""

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*a: Any, **kw: Any) -> Any:
            # One language per run: --lang, else the environment's locale, else German;
            # a command that reads answers or a questionnaire may refine it when --lang is
            # not given (i18n.choose_language).
            if "lang" in kw and kw["lang"] is None and _state["lang"]:
                kw["lang"] = Language(_state["lang"])  # --lang before the command counts too
            i18n.set_language(i18n.choose_language(_value(kw.get("lang")) or _state["lang"]))
            try:
                return func(*a, **kw)
            except InputError as exc:  # already "file:line:column: message" lines
                _fail(str(exc), exc.exit_code)
            except NetzkompetenzError as exc:
                _fail(f"netzkompetenz: {exc}", exc.exit_code)
            except KeyboardInterrupt:  # Ctrl-C, SIGTERM: click would say "Aborted!", exit 1
                _fail("netzkompetenz: " + _("interrupted"), ExitCode.INTERRUPTED)

        app.command(name, help=help, cls=_PlainHelp)(wrapper)
        return func

    return decorate


def catalog() -> Catalog:
    from netzkompetenz.io.catalog import Catalog

    return Catalog.load(_state["data"])


def _print_version(value: bool) -> None:
    if value:
        print(f"netzkompetenz {_version()}")
        raise typer.Exit()


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


@app.callback()
def _options(
    data: Annotated[
        list[Path] | None,
        typer.Option(
            "--data",
            metavar="DIR",
            help=_(
                "Folder with your own questionnaires/ and profiles/ (searched before the "
                "bundled ones; also NETZKOMPETENZ_DATA)."
            ),
        ),
    ] = None,
    lang: Lang = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            is_eager=True,
            callback=_print_version,
            help=_("Show the version and exit."),
        ),
    ] = False,
) -> None:
    _state["data"] = list(data or [])
    _state["lang"] = _value(lang)


Csv = Annotated[
    CsvStyle,
    typer.Option(
        "--csv",
        case_sensitive=False,
        help=_("CSV files: standard (, and 2.5) or excel-de (; and 2,5 for German Excel)."),
    ),
]


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

    list_.run(catalog(), mine=mine, lang=_value(lang))


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

    validate.run(paths, _state["data"])


@command(
    "score", _("Score answers files: profile per dimension, gap to target, recommended modules.")
)
def score_cmd(
    answers: Annotated[
        list[Path], typer.Argument(metavar="ANSWERS", help=_("Answers files (JSON)."))
    ],
    format: Annotated[
        ScoreFormat, typer.Option("--format", case_sensitive=False, help=_("table or json."))
    ] = ScoreFormat.table,
    lang: Lang = None,
) -> None:
    from netzkompetenz.commands import score

    score.run(catalog(), answers, format.value, _value(lang))


@command("check", _("Interactive self-check in the terminal (saves every answer; resumable)."))
def check_cmd(
    role: Annotated[
        Role | None,
        typer.Option(
            "--role",
            case_sensitive=False,
            help=_("coordinator (Netzwerkkoordination) or leader (Führungskraft)."),
        ),
    ] = None,
    lang: Lang = None,
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            parser=_named,
            metavar="FILE",
            help=_("Answers file, saved after every answer."),
        ),
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help=_("Continue a partial answers file."))
    ] = False,
    report: Annotated[
        Path | None,
        typer.Option(
            "--report", parser=_named, metavar="FILE", help=_("Report file: .md or .html.")
        ),
    ] = None,
    before: Annotated[
        Path | None,
        typer.Option(
            "--before",
            metavar="EARLIER.json",
            help=_(
                "A second check after a training: also asks, per dimension, how you rate your "
                "time before it looking back (then-test), and writes the before/after page."
            ),
        ),
    ] = None,
    retro: Annotated[
        bool,
        typer.Option("--retro", help=_("Ask the retrospective then-ratings (as with --before).")),
    ] = False,
) -> None:
    chosen, loaded = _value(lang), catalog
    if chosen is None and answers is None and not resume and report is None and before is None:
        chosen, loaded = _language_first()
    from netzkompetenz.commands import check

    raise typer.Exit(
        check.run(
            loaded(),
            role=_value(role),
            lang=chosen,
            answers_path=answers,
            resume=resume,
            report_path=report,
            before=before,
            retro=retro,
        )
    )


@command("rate", _("Rate another person's competences (leader, colleague or partner)."))
def rate_cmd(
    role: Annotated[
        Role | None,
        typer.Option(
            "--role",
            case_sensitive=False,
            help=_("The rated person's role: coordinator or leader."),
        ),
    ] = None,
    person: Annotated[
        str | None,
        typer.Option("--person", metavar="NAME", help=_("Name or pseudonym of the rated person.")),
    ] = None,
    relation: Annotated[
        RaterRelation | None,
        typer.Option(
            "--relation",
            case_sensitive=False,
            help=_("Your relation to the person: leader, colleague or partner."),
        ),
    ] = None,
    rater: Annotated[
        str | None,
        typer.Option(
            "--rater", metavar="NAME", help=_("Your name (leader or colleague; never a partner).")
        ),
    ] = None,
    rating: Annotated[
        Path | None,
        typer.Option(
            "--rating",
            metavar="FILE",
            help=_("Rating file, saved after every answer; an existing one is resumed."),
        ),
    ] = None,
    invitation: Annotated[
        Path | None,
        typer.Option(
            "--invitation",
            metavar="FILE",
            help=_("The rated person's invitation (invite): whom you rate, and as what."),
        ),
    ] = None,
    lang: Lang = None,
) -> None:
    from netzkompetenz.commands import rate

    raise typer.Exit(
        rate.run(
            catalog(),
            lang=_value(lang),
            role=_value(role),
            person=person,
            relation=_value(relation),
            rater=rater,
            rating_path=rating,
            invitation_path=invitation,
        )
    )


@command(
    "invite",
    _("Choose whom to ask for a rating of yourself: writes an invitation file."),
)
def invite_cmd(
    role: Annotated[
        Role,
        typer.Option("--role", case_sensitive=False, help=_("Your role: coordinator or leader.")),
    ],
    person: Annotated[
        str, typer.Option("--person", metavar="NAME", help=_("Your name or pseudonym."))
    ],
    relation: Annotated[
        list[RaterRelation],
        typer.Option(
            "--relation",
            case_sensitive=False,
            help=_("Whom you invite: leader, colleague or partner; repeat for more."),
        ),
    ],
    output: Annotated[Path, typer.Option("-o", "--output", parser=_named, metavar="FILE")],
    force: Force = False,
    lang: Lang = None,
) -> None:
    from netzkompetenz.commands import invite

    invite.run(
        catalog(),
        role=role.value,
        person=person,
        relations=[r.value for r in relation],
        output=output,
        force=force,
        lang=_value(lang),
    )


def _language_first() -> tuple[str | None, Callable[[], Catalog]]:
    """A fresh check's first question, the language, before the check and the catalogue
    are loaded (commands/check_start.py); the console script may have asked it already."""
    from netzkompetenz.commands import check_start

    return check_start.answered() or check_start.language_first(_state["data"])


@command(
    "priorities",
    _("Choose up to three priorities after the self-check (saved in the answers file)."),
)
def priorities_cmd(
    answers: Annotated[Path, typer.Argument(help=_("Your answers file (JSON)."))],
    lang: Lang = None,
) -> None:
    from netzkompetenz.commands import priorities

    raise typer.Exit(priorities.run(catalog(), answers, lang=_value(lang)))


Force = Annotated[bool, typer.Option("--force", help=_("Replace the output file if it exists."))]


@command(
    "report",
    _("Write a Markdown or HTML report for answers files (without -o: show it in the terminal)."),
)
def report_cmd(
    answers: Annotated[
        list[Path], typer.Argument(metavar="ANSWERS", help=_("Answers files (JSON)."))
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            parser=_named,
            metavar="FILE.md|FILE.html",
            help=_("Report file; format by extension."),
        ),
    ] = None,
    lang: Lang = None,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template", metavar="FILE", help=_("Your own jinja2 template (runs sandboxed).")
        ),
    ] = None,
    agreed: Annotated[
        Path | None,
        typer.Option(
            "--agreed",
            metavar="FILE",
            help=_(
                "Agreed priorities (after the tandem's conversation): shown first, they order "
                "the recommendations."
            ),
        ),
    ] = None,
    force: Force = False,
    ratings: Annotated[
        list[Path] | None,
        typer.Option(
            "--ratings",
            metavar="RATING.json",
            help=_(
                "Ratings by others (from `rate`), shown beside the one self-assessment given; "
                "repeat the option for each file."
            ),
        ),
    ] = None,
) -> None:
    from netzkompetenz.commands import report

    report.run(
        catalog(),
        answers,
        output,
        lang=_value(lang),
        template=template,
        agreed=agreed,
        force=force,
        ratings=ratings,
    )


@command("batch", _("Score a whole cohort from a survey export; exit 1 when rows were rejected."))
def batch_cmd(
    export: Annotated[
        Path, typer.Argument(metavar="EXPORT", help=_("Survey export: CSV, XLSX or JSON."))
    ],
    questionnaire: Annotated[str, typer.Option("--questionnaire", metavar="ID|PATH")],
    output: Annotated[Path, typer.Option("-o", "--output", parser=_named, metavar="DIR")],
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
            lang=_value(lang),
            outputs=outputs,
            csv_dialect=csv.value,
            include_comments=include_comments,
        )
    )


@command(
    "compare",
    _(
        "Tandem (leader + coordinator), before/after of a person, or of a cohort "
        "(two batch outputs; exit 1 when people are in one of them only); "
        "without -o: shown in the terminal."
    ),
)
def compare_cmd(
    a: Annotated[
        Path,
        typer.Argument(
            metavar="A",
            help=_("Answers file A: leader, or earlier date; or the first batch output."),
        ),
    ],
    b: Annotated[
        Path,
        typer.Argument(
            metavar="B",
            help=_("Answers file B: coordinator, or later date; or the second batch output."),
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            parser=_named,
            metavar="FILE.md|FILE.html",
            help=_("Output file; format by extension."),
        ),
    ] = None,
    guide: Annotated[
        bool,
        typer.Option(
            "--guide",
            help=_(
                "Tandem: a printable conversation guide, and next to it the file "
                "for the agreed priorities (FILE.agreed.yaml)."
            ),
        ),
    ] = False,
    lang: Lang = None,
    force: Force = False,
    ratings: TalkingRatings = None,
) -> None:
    from netzkompetenz.commands import compare

    raise typer.Exit(
        compare.run(
            catalog(),
            a,
            b,
            output,
            lang=_value(lang),
            guide=guide,
            force=force,
            rating_paths=ratings,
        )
    )


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


@command(
    "agree",
    _(
        "After the tandem's conversation: choose the agreed priorities together "
        "(interactive; writes the agreed-priorities file)."
    ),
)
def agree_cmd(
    leader: Annotated[Path, typer.Argument(help=_("The leader's answers file (JSON)."))],
    coordinator: Annotated[Path, typer.Argument(help=_("The coordinator's answers file (JSON)."))],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE.agreed.yaml",
            help=_(
                "The agreed-priorities file; an existing one is continued (default: next "
                "to the coordinator's answers)."
            ),
        ),
    ] = None,
    lang: Lang = None,
    ratings: TalkingRatings = None,
) -> None:
    from netzkompetenz.commands import agree

    raise typer.Exit(
        agree.run(catalog(), leader, coordinator, output, lang=_value(lang), rating_paths=ratings)
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
        typer.Option(
            "-o",
            "--output",
            parser=_named,
            metavar="FILE.md|.html|.csv|.xlsx",
            help=_("Output file; format by extension."),
        ),
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
        lang=_value(lang),
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
    output: Annotated[Path, typer.Option("-o", "--output", parser=_named, metavar="FILE")],
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
        lang=_value(lang),
        csv_dialect=csv.value,
        relation=_value(relation),
        rated=person,
        invitation=invitation,
    )


def main() -> None:
    """Run the command line. A user's mistake ends with a message and its exit code (in the
    commands); anything else is a bug: a short note, the traceback in a log file (or on the
    screen with NETZKOMPETENZ_DEBUG=1), exit code 70."""
    from netzkompetenz.io.interrupts import asked_to_stop, noting_ctrl_c

    try:
        from typer._click import exceptions as wrong_call  # Typer >= 0.26 vendors Click
    except ImportError:  # pragma: no cover
        from click import exceptions as wrong_call  # type: ignore[no-redef]  # Typer < 0.26

    try:
        with noting_ctrl_c():
            # Not standalone: Typer's own error messages are said again in our language.
            code = app(standalone_mode=False)
    except wrong_call.NoArgsIsHelpError as exc:
        print(exc.format_message(), file=sys.stderr)
        sys.exit(ExitCode.BAD_INPUT)
    except wrong_call.UsageError as exc:
        from netzkompetenz.views.usage import usage_error

        ctx = exc.ctx
        print(
            usage_error(
                ctx.get_usage() if ctx else "",
                ctx.command_path if ctx else "netzkompetenz",
                exc.format_message(),
            ),
            file=sys.stderr,
        )
        sys.exit(ExitCode.BAD_INPUT)
    except wrong_call.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except (KeyboardInterrupt, typer.Abort):
        _interrupted()
    except Exception:
        if asked_to_stop():  # the interrupt arrived inside a library that wrapped it
            _interrupted()
        if os.environ.get("NETZKOMPETENZ_DEBUG"):
            raise
        log = _write_crash_log()
        print(
            "netzkompetenz: "
            + (
                _(
                    "an internal error occurred. This is a bug; please report it with the file "
                    "{file}"
                ).format(file=log)
                if log
                else _(
                    "an internal error occurred. This is a bug; please report it (run again with "
                    "NETZKOMPETENZ_DEBUG=1 to see the details)."
                )
            ),
            file=sys.stderr,
        )
        sys.exit(ExitCode.INTERNAL)
    sys.exit(code if isinstance(code, int) else ExitCode.OK)


def _interrupted() -> NoReturn:
    print("\nnetzkompetenz: " + _("interrupted"), file=sys.stderr)
    sys.exit(ExitCode.INTERRUPTED)


def _write_crash_log() -> Path | None:
    """The traceback in a file of its own (it may name local paths: the user decides what
    to send)."""
    import tempfile
    import traceback

    try:
        fd, name = tempfile.mkstemp(prefix="netzkompetenz-crash-", suffix=".txt")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(f"netzkompetenz {_version()}\n{' '.join(sys.argv)}\n\n")
            handle.write(traceback.format_exc())
        return Path(name)
    except OSError:
        return None


def _version() -> str:
    import netzkompetenz

    try:
        return netzkompetenz.__version__
    except Exception:  # not installed: a crash log is still worth writing
        return "unknown"


if __name__ == "__main__":  # pragma: no cover
    main()
