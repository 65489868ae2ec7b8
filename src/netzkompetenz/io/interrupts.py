"""Process signals: SIGTERM and SIGHUP (terminal closed) become the same exception as
Ctrl-C, so that one `except KeyboardInterrupt` path saves answers or removes a batch run's
staging folder, and exits 130. The only module that installs signal handlers."""

from __future__ import annotations

import errno
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class Stopped(KeyboardInterrupt):
    """The process was asked to stop (SIGTERM) or its terminal went away (SIGHUP)."""


_asked_to_stop = False


def asked_to_stop() -> bool:
    """Whether a stop signal arrived. A library may wrap the KeyboardInterrupt it was in
    the middle of into an error of its own (pydantic does); this tells such an error from
    a bug."""
    return _asked_to_stop


def terminal_gone(exc: BaseException | None) -> bool:
    """Whether `exc`, or an error it arose from, is the terminal gone: reading or writing a
    closed pseudo-terminal fails (EIO) before its SIGHUP arrives, often inside prompt_toolkit
    or rich, which may wrap the error or meet it again while cleaning up."""
    while exc is not None:
        if isinstance(exc, OSError) and exc.errno in (errno.EIO, errno.ENXIO, errno.EBADF):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _note_ctrl_c(signum: int, frame: FrameType | None) -> None:
    global _asked_to_stop
    _asked_to_stop = True
    signal.default_int_handler(signum, frame)


@contextmanager
def noting_ctrl_c() -> Iterator[None]:
    """Ctrl-C keeps its usual effect (KeyboardInterrupt) and is remembered."""
    try:
        previous = signal.signal(signal.SIGINT, _note_ctrl_c)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """Raise `Stopped` in the main thread on SIGTERM or SIGHUP; once only, so that the
    saving or cleaning up that follows is not interrupted by a second signal. Windows has
    no SIGHUP, and its SIGTERM is never sent by other processes: Ctrl-C is what remains."""
    stopping = False

    def handler(signum: int, frame: FrameType | None) -> None:
        global _asked_to_stop
        nonlocal stopping
        if stopping:
            return
        stopping = _asked_to_stop = True
        raise Stopped(signal.Signals(signum).name)

    wanted = [
        s
        for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None))
        if s is not None
    ]
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
