"""Typer's own words in the language of the run: the help page's headings and a usage
error ("Missing argument", "No such option" ...). Typer's vendored Click has no message
catalog, so its fixed English sentences are matched here and said again through ours.
A sentence not in the table stays English (a newer Typer may add some)."""

from __future__ import annotations

import re
from collections.abc import Callable

from netzkompetenz.i18n import _

# (pattern of Click's English sentence, its translation); the translation is looked up when
# used, so that it follows the language chosen for the run.
_SENTENCES: list[tuple[str, Callable[[], str]]] = [
    (r"No such option: (?P<option>\S+)", lambda: _("No such option: {option}")),
    (r"\(Possible options: (?P<options>[^)]*)\)", lambda: _("(Possible options: {options})")),
    (r"No such command '(?P<command>[^']*)'\.", lambda: _("No such command '{command}'.")),
    (r"Did you mean (?P<names>.+)\?$", lambda: _("Did you mean {names}?")),
    (r"Missing argument '(?P<name>[^']*)'\.", lambda: _("Missing argument '{name}'.")),
    (r"Missing option '(?P<name>[^']*)'\.", lambda: _("Missing option '{name}'.")),
    (
        r"Option '(?P<option>[^']*)' requires an argument\.",
        lambda: _("Option '{option}' requires a value."),
    ),
    (
        r"Option '(?P<option>[^']*)' does not take a value\.",
        lambda: _("Option '{option}' does not take a value."),
    ),
    (r"Got unexpected extra arguments? \((?P<args>.*)\)", lambda: _("Too many arguments: {args}")),
    (
        r"Invalid value for (?P<name>'[^']*'|[^:]+): (?:Value error, )?",
        lambda: _("Invalid value for {name}: "),
    ),
    (
        r"'(?P<value>[^']*)' is not one of (?P<choices>.*?)\.$",
        lambda: _("'{value}' is not one of {choices}."),
    ),
    (
        r"(?:Path|File|Directory) '(?P<path>[^']*)' does not exist\.",
        lambda: _("'{path}' does not exist."),
    ),
    (
        r"(?:Path|File) '(?P<path>[^']*)' is a directory\.",
        lambda: _("'{path}' is a folder, not a file."),
    ),
    (r"Directory '(?P<path>[^']*)' is a file\.", lambda: _("'{path}' is a file, not a folder.")),
    (
        r"Value '(?P<value>[^']*)' is not a valid (?P<kind>\w+)\.",
        lambda: _("'{value}' is not a valid {kind}."),
    ),
]

_HEADINGS: list[tuple[str, Callable[[], str]]] = [
    (r"^Usage: ", lambda: _("Usage: ")),
    (r"\[OPTIONS\]", lambda: _("[OPTIONS]")),
    (r"COMMAND \[ARGS\]\.\.\.", lambda: _("COMMAND [ARGS]...")),
    (r"^Options:$", lambda: _("Options:")),
    (r"^Arguments:$", lambda: _("Arguments:")),
    (r"^Commands:$", lambda: _("Commands:")),
    (r"Show this message and exit\.", lambda: _("Show this message and exit.")),
    (r"\[required\]", lambda: _("[required]")),
    (r"\[default: ", lambda: _("[default: ")),
    (r"\[default:$", lambda: _("[default: ").rstrip()),  # wrapped after the colon
]


def _say_again(text: str, table: list[tuple[str, Callable[[], str]]]) -> str:
    for pattern, translated in table:

        def fill(m: re.Match[str], t: Callable[[], str] = translated) -> str:
            return t().format(**m.groupdict())

        text = re.sub(pattern, fill, text, flags=re.M)
    return text


def help_text(text: str) -> str:
    """A help page or usage line with its headings in the language of the run."""
    return _say_again(text, _HEADINGS)


def usage_error(usage: str, command_path: str, message: str) -> str:
    """What a wrong call prints: the usage line, where to find help, and the error."""
    return "\n".join(
        [
            help_text(usage),
            _("Try '{command} --help' for help.").format(command=command_path),
            "",
            _("Error: {message}").format(message=_say_again(message, _SENTENCES)),
        ]
    )
