"""The command line: thin Typer commands. Heavy modules are imported inside the commands
so that `--help` and `list` start fast (see docs/performance.md)."""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Annotated

import typer

from netzkompetenz.errors import EXIT_BAD_INPUT, InputError, NetzkompetenzError

app = typer.Typer(
    name="netzkompetenz",
    help="Kompetenz-Selbstcheck für Netzwerkkoordination und Netzwerkmanagement in Kommunen. "
         "Competence self-check for network coordinators and leaders in municipalities.",
    rich_markup_mode=None,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

_state: dict[str, list[Path]] = {"data": []}


def _fail(message: str, code: int = EXIT_BAD_INPUT) -> None:
    print(message, file=sys.stderr)
    raise typer.Exit(code)


def command(*args, **kwargs):
    """Register a command whose user errors become a message and an exit code, never a
    traceback."""

    def decorate(func):
        @functools.wraps(func)
        def wrapper(*a, **kw):
            try:
                return func(*a, **kw)
            except InputError as exc:  # already "file:line:column: message" lines
                _fail(str(exc), exc.exit_code)
            except NetzkompetenzError as exc:
                _fail(f"netzkompetenz: {exc}", exc.exit_code)

        return app.command(*args, **kwargs)(wrapper)

    return decorate


def catalog():
    from netzkompetenz.io.catalog import Catalog

    return Catalog.load(_state["data"])


@app.callback()
def _options(
    data: Annotated[list[Path] | None, typer.Option(
        "--data", metavar="DIR",
        help="Folder with your own questionnaires/ and profiles/ (searched before the "
             "bundled ones; also NETZKOMPETENZ_DATA).")] = None,
) -> None:
    _state["data"] = list(data or [])


Lang = Annotated[str | None, typer.Option("--lang", help="Language: de or en.")]


@command("list")
def list_cmd() -> None:
    """List questionnaires, profiles, roles, modules and languages."""
    from netzkompetenz.overview import print_overview

    print_overview(catalog())


@command("validate")
def validate_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Questionnaire and profile files.")],
) -> None:
    """Check questionnaire and profile files; report every problem as file:line:column."""
    from netzkompetenz.validate import validate_files

    count = validate_files(paths, _state["data"])
    print(f"{count} file(s) valid.")


@command("score")
def score_cmd(
    answers: Annotated[list[Path], typer.Argument(help="Answers files (JSON).")],
    format: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    lang: Lang = None,
) -> None:
    """Score answers files: profile per dimension, gap to target, recommended modules."""
    from netzkompetenz.results import print_scores

    if format not in ("table", "json"):
        _fail(f"--format must be table or json, not '{format}'")
    print_scores(catalog(), answers, format, lang)


@command("check")
def check_cmd(
    role: Annotated[str | None, typer.Option(
        "--role", help="coordinator (Netzwerkkoordination) or leader (Führungskraft).")] = None,
    lang: Lang = None,
    answers: Annotated[Path | None, typer.Option(
        "--answers", metavar="FILE", help="Answers file, saved after every answer.")] = None,
    resume: Annotated[bool, typer.Option(
        "--resume", help="Continue a partial answers file.")] = False,
    report: Annotated[Path | None, typer.Option(
        "--report", metavar="FILE", help="Report file: .md or .html.")] = None,
) -> None:
    """Interactive self-check in the terminal (saves every answer; resumable)."""
    from netzkompetenz.selfcheck import run_check

    raise typer.Exit(run_check(catalog(), role=role, lang=lang, answers_path=answers,
                               resume=resume, report_path=report))


@command("report")
def report_cmd(
    answers: Annotated[list[Path], typer.Argument(help="Answers files (JSON).")],
    output: Annotated[Path, typer.Option("-o", "--output", metavar="FILE.md|FILE.html",
                                         help="Report file; format by extension.")],
    lang: Lang = None,
    template: Annotated[Path | None, typer.Option(
        "--template", metavar="FILE", help="Your own jinja2 template (runs sandboxed).")] = None,
) -> None:
    """Write a Markdown or HTML report for answers files."""
    from netzkompetenz.report import write_reports

    write_reports(catalog(), answers, output, lang=lang, template=template)


@command("batch")
def batch_cmd(
    export: Annotated[Path, typer.Argument(help="Survey export: CSV, XLSX or JSON.")],
    questionnaire: Annotated[str, typer.Option("--questionnaire", metavar="ID|PATH")],
    output: Annotated[Path, typer.Option("-o", "--output", metavar="DIR")],
    profile: Annotated[str | None, typer.Option("--profile", metavar="ID|PATH")] = None,
    mapping: Annotated[Path | None, typer.Option(
        "--mapping", metavar="FILE", help="YAML: column -> item id, answer codes.")] = None,
    reports: Annotated[str, typer.Option("--reports", help="md, html or none.")] = "html",
    pseudonymize: Annotated[bool, typer.Option(
        "--pseudonymize", help="Replace names with stable pseudonyms in every output.")] = False,
    lang: Lang = None,
    outputs: Annotated[str, typer.Option(
        "--outputs", metavar="LIST", help="Any of csv,xlsx,jsonl,cohort (scores.csv, "
        "scores.xlsx, results.jsonl, cohort.html/.md); rejected.csv is always written.")
    ] = "csv,xlsx,jsonl,cohort",
) -> None:
    """Score a whole cohort from a survey export; exit 1 when rows were rejected."""
    from netzkompetenz.batch import run_batch

    raise typer.Exit(run_batch(catalog(), export, questionnaire_ref=questionnaire,
                               profile_ref=profile, mapping_path=mapping, out_dir=output,
                               reports=reports, pseudonymize=pseudonymize, lang=lang,
                               outputs=outputs))


@command("compare")
def compare_cmd(
    a: Annotated[Path, typer.Argument(help="Answers file A: leader, or earlier date.")],
    b: Annotated[Path, typer.Argument(help="Answers file B: coordinator, or later date.")],
    output: Annotated[Path, typer.Option("-o", "--output", metavar="FILE.md|FILE.html")],
    lang: Lang = None,
) -> None:
    """Tandem (leader + coordinator) or before/after comparison."""
    from netzkompetenz.compare import run_compare

    run_compare(catalog(), a, b, output, lang=lang)


@command("plan")
def plan_cmd(
    inputs: Annotated[list[Path], typer.Argument(help="Answers files or batch output folders.")],
    output: Annotated[Path, typer.Option("-o", "--output", metavar="FILE.csv|.xlsx|.html")],
    lang: Lang = None,
) -> None:
    """Training plan for an organisation: module demand, course groups, order."""
    from netzkompetenz.plan import run_plan

    run_plan(catalog(), inputs, output, lang=lang)


@command("export")
def export_cmd(
    questionnaire: Annotated[str, typer.Argument(metavar="QUESTIONNAIRE", help="Id or path.")],
    format: Annotated[str, typer.Option("--format", help="xlsform or csv-template.")],
    output: Annotated[Path, typer.Option("-o", "--output", metavar="FILE")],
    lang: Lang = None,
) -> None:
    """Export a questionnaire for survey tools (KoBoToolbox/ODK XLSForm, CSV template)."""
    from netzkompetenz.export import run_export

    run_export(catalog(), questionnaire, format, output, lang=lang)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        print("\nnetzkompetenz: interrupted", file=sys.stderr)
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()
