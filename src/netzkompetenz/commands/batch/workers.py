"""Worker processes of a batch (person reports, results.jsonl): started as on Windows
("spawn"), fed with a chunk's scores without their scorer, deaf to Ctrl-C (the main
process handles it, stops them and removes the staging folder), and gone as soon as the
main process is gone, however it ended (kill -9 too). A worker speaks the language of the
run that started it: a spawned process starts afresh, so it is handed over here."""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import fields
from typing import Any

from netzkompetenz import i18n
from netzkompetenz.core.matrix import MatrixScorer, Scores


def start(workers: int, initializer: Callable[..., None], *initargs: Any) -> ProcessPoolExecutor:
    import multiprocessing

    return ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_first_steps,
        initargs=(i18n.current_language(), initializer, *initargs),
    )


def _first_steps(language: str, initializer: Callable[..., None], *initargs: Any) -> None:
    """What every worker does before its own start (`initializer`)."""
    i18n.set_language(language)
    _deaf_to_ctrl_c()
    _end_with_the_main_process()
    initializer(*initargs)


def _end_with_the_main_process() -> None:
    """A worker outlived a main process killed outright: it worked through its queue for
    nothing and held the run's stdout and stderr open, so a script reading them waited
    forever (and so did multiprocessing's resource tracker, which ends when the last
    process of the run has ended). multiprocessing gives a spawned process a sentinel of
    its parent, ready once the parent has ended: the read end of a pipe only the parent
    writes to (POSIX), the parent's process handle (Windows). A thread waits for it; a
    worker still starting up when the main process ends goes at this first step."""
    import multiprocessing
    import threading

    parent = multiprocessing.parent_process()
    if parent is None:  # not started by multiprocessing
        return

    def watch() -> None:
        parent.join()  # returns when the sentinel is ready: the main process has ended
        os._exit(1)  # at once: no clean-up of a run that is no more (the next run does it)

    threading.Thread(target=watch, name="end-with-the-main-process", daemon=True).start()


@contextlib.contextmanager
def ctrl_c_held() -> Iterator[None]:
    """Ctrl-C reaches every process of the terminal's group, also a worker still starting
    up, which would die with a traceback before it can ignore it. Blocked here for a moment
    (a new process inherits the mask; the main process gets the signal right after), and
    ignored by the worker from its first step on. Wrap every submit in it: a pool starts
    its processes when work is submitted."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _deaf_to_ctrl_c() -> None:
    """A worker's first step (see ctrl_c_held)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def arrays_of(scores: Scores) -> dict[str, Any]:
    """A chunk's scores without their scorer (a worker has its own: `scores_from`)."""
    arrays = {f.name: getattr(scores, f.name) for f in fields(Scores)}
    del arrays["scorer"]
    return arrays


def scores_from(scorer: MatrixScorer, arrays: dict[str, Any]) -> Scores:
    return Scores(scorer=scorer, **arrays)
