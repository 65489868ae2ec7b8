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
    from netzkompetenz.resources import Catalog

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


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        print("\nnetzkompetenz: interrupted", file=sys.stderr)
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()
