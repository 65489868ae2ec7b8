"""Process signals: SIGTERM and SIGHUP (terminal closed) become the same exception as
Ctrl-C, so that one `except KeyboardInterrupt` path saves answers or removes a batch run's
staging folder, and exits 130. The only module that installs signal handlers."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager


class Stopped(KeyboardInterrupt):
    """The process was asked to stop (SIGTERM) or its terminal went away (SIGHUP)."""


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """Raise `Stopped` in the main thread on SIGTERM or SIGHUP; once only, so that the
    saving or cleaning up that follows is not interrupted by a second signal. Windows has
    no SIGHUP, and its SIGTERM is never sent by other processes: Ctrl-C is what remains."""
    stopping = False

    def handler(signum, frame):
        nonlocal stopping
        if stopping:
            return
        stopping = True
        raise Stopped(signal.Signals(signum).name)

    wanted = [s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None))
              if s is not None]
    previous = {}
    try:
        for sig in wanted:
            previous[sig] = signal.signal(sig, handler)
    except ValueError:  # not the main thread: nothing to install
        pass
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)
