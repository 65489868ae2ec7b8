"""The command line: thin Typer commands. Heavy modules are imported inside the commands
so that `--help` and `list` start fast (see docs/performance.md).

cli/app.py holds the application and the language of the run, cli/options.py the option
types and the options several commands share, cli/person.py and cli/cohort.py the commands'
declarations; here they are put in the order the help lists them, and `main` runs them."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NoReturn

import typer

from netzkompetenz.cli import cohort, person
from netzkompetenz.cli.app import app, read_ahead, version
from netzkompetenz.errors import ExitCode
from netzkompetenz.i18n import _

__all__ = ["app", "main"]

# The order of a person's way through the tool, as the help lists the commands.
ORDER = (
    cohort.list_cmd,
    cohort.validate_cmd,
    person.score_cmd,
    person.check_cmd,
    person.invite_cmd,
    person.rate_cmd,
    person.priorities_cmd,
    person.report_cmd,
    cohort.batch_cmd,
    person.compare_cmd,
    person.agree_cmd,
    cohort.plan_cmd,
    cohort.export_cmd,
)
_PLACE = {f.__name__: n for n, f in enumerate(ORDER)}
app.registered_commands.sort(key=lambda c: _PLACE[getattr(c.callback, "__name__", "")])


def _only_the_called() -> None:
    """Typer builds the options of every registered command on each run (≈ 10 ms): when the
    command line names one, only that one is registered. Without a known name (the help, a
    typo) all are, so that the list and Typer's suggestion stay as they are."""
    name = read_ahead(sys.argv[1:])[0]
    called = [c for c in app.registered_commands if c.name == name]
    if called:
        app.registered_commands = called


def main() -> None:
    """Run the command line. A user's mistake ends with a message and its exit code (in the
    commands); anything else is a bug: a short note, the traceback in a log file (or on the
    screen with NETZKOMPETENZ_DEBUG=1), exit code 70."""
    from netzkompetenz.io.interrupts import asked_to_stop, noting_ctrl_c, terminal_gone

    try:
        from typer._click import exceptions as wrong_call  # Typer >= 0.26 vendors Click
    except ImportError:  # pragma: no cover
        from click import exceptions as wrong_call  # type: ignore[no-redef]  # Typer < 0.26

    _only_the_called()
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
    except Exception as exc:
        if asked_to_stop():  # the interrupt arrived inside a library that wrapped it
            _interrupted()
        if terminal_gone(exc):  # closed before its SIGHUP arrived: no bug, nobody to tell
            sys.exit(ExitCode.INTERRUPTED)
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
            handle.write(f"netzkompetenz {version()}\n{' '.join(sys.argv)}\n\n")
            handle.write(traceback.format_exc())
        return Path(name)
    except OSError:
        return None
