"""results.jsonl of a batch: one line of JSON per scored person (io/resultjson.py).

Making these lines is about half of a default run of a large export, so for an export of
BIG_EXPORT bytes or more, with a second core, they are made and written by a second
process fed with each chunk's scores, while the main process reads and scores the next
chunk (docs/performance.md). The file is the same either way.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any, BinaryIO

import netzkompetenz.commands.batch.workers as workers
from netzkompetenz.core.matrix import MatrixScorer, Scores
from netzkompetenz.core.model import Profile, Questionnaire
from netzkompetenz.io.files import atomic_writer
from netzkompetenz.io.resultjson import result_lines
from netzkompetenz.io.table import render_column

BIG_EXPORT = 4_000_000  # bytes: about 25,000 rows of 50 items
QUEUED = 3  # chunks

People = Sequence[tuple[str, str, str | None]]  # name, organisation, tandem
_json = json.JSONEncoder(ensure_ascii=False).encode


def line_heads(source: Path) -> str:
    """The opening keys of each line (file, row, respondent, status) with %-slots."""
    return (
        '{"file": '
        + _json(str(source)).replace("%", "%%")
        + ', "row": %d, "respondent": {"name": %s, "organisation": %s, '
        '"tandem": %s}, "status": "complete", "updated": null, '
    )


def lines(heads: str, numbers: Sequence[int], people: People, scores: Scores) -> bytes:
    names, organisations, tandems = zip(*people, strict=True)
    opened = [
        heads % row
        for row in zip(
            numbers,
            render_column(names, _json),
            render_column(organisations, _json),
            render_column(tandems, lambda t: "null" if t is None else _json(t)),
            strict=True,
        )
    ]
    return "".join(result_lines(scores, opened)).encode()


class ResultsFile:
    """results.jsonl in the staging folder, written here or by a second process."""

    def __init__(
        self,
        path: Path,
        source: Path,
        questionnaire: Questionnaire,
        profile: Profile,
        files: contextlib.ExitStack,
    ) -> None:
        self.heads = line_heads(source)
        self.pool: ProcessPoolExecutor | None = None
        self.pending: list[Future[None]] = []
        self.handle: BinaryIO | None = None
        if (os.cpu_count() or 1) > 1 and _size(source) >= BIG_EXPORT:
            self.pool = workers.start(1, _opens, path, questionnaire, profile, self.heads)
            files.callback(self.stop)  # on a failure: the process stopped, its file dropped
        else:
            self.handle = files.enter_context(atomic_writer(path, private=True))

    def add(self, numbers: list[int], people: People, scores: Scores) -> None:
        if self.handle is not None:
            self.handle.write(lines(self.heads, numbers, people, scores))
            return
        assert self.pool is not None
        # A failure (a full disk) ends the run now; and at most QUEUED chunks wait for the
        # process, so that a slow disk does not pile up a million rows' scores here.
        while self.pending and (self.pending[0].done() or len(self.pending) >= QUEUED):
            self.pending.pop(0).result()
        with workers.ctrl_c_held():
            self.pending.append(
                self.pool.submit(_write, list(numbers), list(people), workers.arrays_of(scores))
            )

    def finish(self) -> None:
        """Every line written and the file in place (raises a failure of the process)."""
        if self.pool is None:
            return
        with workers.ctrl_c_held():
            done = self.pool.submit(_close)
        for task in self.pending:
            task.result()
        done.result()
        self.pool.shutdown()
        self.pool = None

    def stop(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


# --- in the second process -------------------------------------------------------------------

_state: dict[str, Any] = {}


def _opens(path: Path, questionnaire: Questionnaire, profile: Profile, heads: str) -> None:
    stack = contextlib.ExitStack()
    _state.update(
        stack=stack,
        handle=stack.enter_context(atomic_writer(path, private=True)),
        scorer=MatrixScorer(questionnaire, profile),
        heads=heads,
    )


def _write(numbers: list[int], people: People, arrays: dict[str, Any]) -> None:
    scores = workers.scores_from(_state["scorer"], arrays)
    _state["handle"].write(lines(_state["heads"], numbers, people, scores))


def _close() -> None:
    _state["stack"].close()  # the file in place under its name
