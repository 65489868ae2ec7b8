"""The Typer application: the language of the run, the global options, help in plain words,
and the `command` decorator that turns a user's mistake into a message and an exit code."""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup

from netzkompetenz import i18n
from netzkompetenz.cli.coercion import plain_conversion
from netzkompetenz.errors import ExitCode, InputError, NetzkompetenzError
from netzkompetenz.i18n import _

# The program's own options that take a value (_options below): on the command line they
# come before the command, so its name is the first other word.
VALUED_OPTIONS = ("--data", "--lang")


def read_ahead(argv: list[str]) -> tuple[str | None, str | None]:
    """What a run needs before Typer parses the command line: the command it names (None
    when the whole program's help is asked for first), and --lang X / --lang=X anywhere in
    it (the help texts are made in that language)."""
    command, langs = None, []
    words = iter(argv)
    for word in words:
        if word in VALUED_OPTIONS:
            value = next(words, None)  # the option's value, never a command
            if word == "--lang":
                langs.append(value)
        elif word.startswith("--lang="):
            langs.append(word.partition("=")[2])
        elif word == "--help" and command is None:
            command = ""
        elif command is None and not word.startswith("-"):
            command = word
    known = [v.lower() for v in langs if v and v.lower() in i18n.LANGUAGES]
    return command or None, (known[0] if known else None)


# One language per run, help texts included: --lang, else the locale, else German.
i18n.set_language(i18n.choose_language(read_ahead(sys.argv[1:])[1]))

# The options' help texts are made on import: only now that the language is chosen.
from netzkompetenz.cli.options import Lang, Language, value  # noqa: E402

if TYPE_CHECKING:
    from netzkompetenz.io.catalog import Catalog, Named


def _plain(text: str) -> str:
    from netzkompetenz.views.usage import help_text

    text = re.sub(r"\{([A-Z][A-Z_]*)\}", r"\1", text)
    text = re.sub(r"<list\[([^\]>]*)\]>", r"<\1>", text)  # a repeatable choice
    return help_text(re.sub(r"^(\s+[A-Z][A-Z_]*) <[^>\s]+>", r"\1", text, flags=re.M))


class _PlainGroupHelp(TyperGroup):
    """The top-level help in the language of the run (see _PlainHelp)."""

    def get_help(self, ctx: Any) -> str:
        return _plain(super().get_help(ctx))

    def get_usage(self, ctx: Any) -> str:
        return _plain(super().get_usage(ctx))

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        plain_conversion(self.get_params(ctx))
        return super().parse_args(ctx, args)


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


# --- errors become a message and an exit code ---------------------------------------------


def _fail(message: str, code: int = ExitCode.BAD_INPUT) -> None:
    from netzkompetenz.views.output import warn

    warn(message)
    raise typer.Exit(code)


F = TypeVar("F", bound=Callable[..., Any])


class _PlainHelp(TyperCommand):
    """Help and usage without Typer's notation a person cannot read: `{ANSWERS}...`
    becomes `ANSWERS...`, and an argument's Python type (`<list[Path]>`) is left out;
    Typer's own headings in the language of the run. The values are converted without
    pydantic where they can be (cli/coercion.py)."""

    def get_help(self, ctx: Any) -> str:
        return _plain(super().get_help(ctx))

    def get_usage(self, ctx: Any) -> str:
        return _plain(super().get_usage(ctx))

    def get_short_help_str(self, limit: int = 45) -> str:
        # The command list wraps a whole first paragraph; Click would cut it at "..."
        return (self.short_help or self.help or "").split("\n\n")[0].strip()

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        plain_conversion(self.get_params(ctx))
        return super().parse_args(ctx, args)


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
            i18n.set_language(i18n.choose_language(value(kw.get("lang")) or _state["lang"]))
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


def data_folders() -> list[Path]:
    """The folders given with --data."""
    return list(_state["data"])


def catalog(named: list[Named] | None = None) -> Catalog:
    """The catalogue with --data; with `named`, only those questionnaires and profiles."""
    from netzkompetenz.io import startup
    from netzkompetenz.io.catalog import Catalog

    loaded = Catalog.load(_state["data"], named)
    startup.started()
    return loaded


def version() -> str:
    import netzkompetenz

    try:
        return netzkompetenz.__version__
    except Exception:  # not installed: a crash log is still worth writing
        return "unknown"


def _print_version(value: bool) -> None:
    if value:
        print(f"netzkompetenz {version()}")
        raise typer.Exit()


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
    from netzkompetenz.io import invocation

    _state["data"] = list(data or [])
    _state["lang"] = value(lang)
    invocation.carry(_state["data"])
