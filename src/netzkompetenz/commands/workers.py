"""Worker processes of a batch (person reports, results.jsonl): started as on Windows
("spawn"), fed with a chunk's scores without their scorer, deaf to Ctrl-C (the main
process handles it, stops them and removes the staging folder)."""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import fields
from typing import Any

from netzkompetenz.core.matrix import MatrixScorer, Scores


def start(workers: int, initializer: Callable[..., None], *initargs: Any) -> ProcessPoolExecutor:
    import multiprocessing

    return ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=initializer,
        initargs=initargs,
    )


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


def deaf_to_ctrl_c() -> None:
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
