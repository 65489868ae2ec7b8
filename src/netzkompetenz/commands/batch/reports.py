"""The person reports of a batch: one page per scored row, written into the staging folder.

Each page is rendered straight from the row's scores (no answers file, no second scoring).
A page costs a few milliseconds, far more than scoring its row, so a large batch renders
them in worker processes too, one per further core (up to 3), beside the main process
(docs/performance.md). The workers are started with "spawn", as on Windows, and ignore
Ctrl-C: the main process stops them and removes the staging folder.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import netzkompetenz.commands.batch.workers as workers
from netzkompetenz.core.answers import ScoredAnswers
from netzkompetenz.core.matrix import MatrixScorer, Scores
from netzkompetenz.core.model import Profile, Questionnaire
from netzkompetenz.core.scoring import result_of
from netzkompetenz.io.files import file_slug, write_private
from netzkompetenz.io.unscored import RowExtras

if TYPE_CHECKING:
    from netzkompetenz.core.dialogue import Priority
    from netzkompetenz.views.person_report import PersonPages

# Workers help from a chunk of this many people on (starting one costs about as much as
# 200 pages); each task is a slice of this many people. The main process is one renderer.
IN_WORKERS_FROM = 400
SLICE = 100
MAX_WORKERS = 3


@dataclass(frozen=True)
class Respondent:
    name: str
    organisation: str
    tandem: str | None


@dataclass(frozen=True)
class RowAnswers:
    """What a person report reads of an answers file, for a row of the export."""

    respondent: Respondent
    updated: datetime
    status: str = "complete"
    priorities: tuple[Priority, ...] = ()
    # what a survey export does not carry (batch reads answers only): shown as not given
    context: dict[str, str] = field(default_factory=dict)
    framework: dict[str, str] = field(default_factory=dict)
    reflections: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Pages:
    """What every page of a run shares."""

    questionnaire: Questionnaire
    profile: Profile
    fmt: str  # "html" or "md"
    folder: Path


People = Sequence[tuple[str, str, str | None]]  # name, organisation, tandem


def write_pages(
    render: Callable[[ScoredAnswers], str],
    pages: Pages,
    numbers: Sequence[int],
    people: People,
    scores: Scores,
    extras: Sequence[RowExtras],
    now: datetime,
) -> None:
    for i, (name, organisation, tandem) in enumerate(people):
        extra = extras[i]
        answers = RowAnswers(
            Respondent(name, organisation, tandem),
            now,
            context=extra.context,
            framework=extra.framework,
            reflections=extra.reflections,
        )
        scored = ScoredAnswers(
            None,
            answers,  # type: ignore[arg-type]  # the part of Answers a page reads
            pages.questionnaire,
            pages.profile,
            result_of(scores, i),
        )
        slug = file_slug(name) or "person"
        write_private(pages.folder / f"{numbers[i]:05d}-{slug}.{pages.fmt}", render(scored))


def _renderer(pages: Pages) -> PersonPages:
    from netzkompetenz.views.person_report import FORMATS, PersonPages

    return PersonPages(FORMATS[f".{pages.fmt}"])


class PersonReports:
    """The run's person reports. From the first chunk on it is decided whether workers help:
    then the main process hands them slices of people and renders a slice itself whenever
    they have enough to do, and at the end it takes back the slices no worker has begun."""

    def __init__(self, pages: Pages) -> None:
        self.pages = pages
        self.here: PersonPages | None = None
        self.pool: ProcessPoolExecutor | None = None
        self.worker_count = 0
        self.pending: list[tuple[Future[None], _Slice]] = []

    def add(
        self, numbers: list[int], people: People, scores: Scores, extras: list[RowExtras]
    ) -> None:
        now = datetime.now(UTC)
        if self.here is None:
            self.pages.folder.mkdir(mode=0o700, exist_ok=True)  # personal data
            self.here = _renderer(self.pages)
            self.worker_count = min((os.cpu_count() or 1) - 1, MAX_WORKERS)
            if len(numbers) >= IN_WORKERS_FROM and self.worker_count > 0:
                self.pool = workers.start(self.worker_count, _worker_starts, self.pages)
        if self.pool is None:
            self._write(_Slice(numbers, people, scores, extras, now))
            return
        for start in range(0, len(numbers), SLICE):
            end = min(start + SLICE, len(numbers))
            part = _Slice(
                numbers[start:end],
                list(people[start:end]),
                scores.take(list(range(start, end))),
                extras[start:end],
                now,
            )
            self._raise_failure()
            if len(self.pending) >= 2 * self.worker_count:
                self._write(part)  # the workers have enough queued: this one is ours
            else:
                with workers.ctrl_c_held():  # a worker started now must not die of it
                    task = self.pool.submit(_work, *part.for_a_worker())
                self.pending.append((task, part))

    def finish(self) -> None:
        """Wait for every page; a worker's error (a full disk) is raised here."""
        try:
            for task, part in reversed(self.pending):
                if task.cancel():  # not begun by a worker yet
                    self._write(part)
            for task, _part in self.pending:
                if not task.cancelled():
                    task.result()
        finally:
            self.stop()

    def stop(self) -> None:
        """Stop the workers (after an error or an interruption: pages not begun are
        dropped; the staging folder goes with them)."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def _write(self, part: _Slice) -> None:
        assert self.here is not None
        write_pages(self.here.render, self.pages, *part.fields())

    def _raise_failure(self) -> None:
        for task, _part in self.pending:
            if task.done():
                task.result()
        self.pending = [(t, part) for t, part in self.pending if not t.done()]


@dataclass(frozen=True)
class _Slice:
    numbers: list[int]
    people: People
    scores: Scores
    extras: list[RowExtras]
    now: datetime

    def fields(self) -> tuple[list[int], People, Scores, list[RowExtras], datetime]:
        return self.numbers, self.people, self.scores, self.extras, self.now

    def for_a_worker(self) -> tuple[list[int], People, dict[str, Any], list[RowExtras], datetime]:
        return self.numbers, self.people, workers.arrays_of(self.scores), self.extras, self.now


_worker: dict[str, Any] = {}


def _worker_starts(pages: Pages) -> None:
    _worker.update(
        pages=pages,
        scorer=MatrixScorer(pages.questionnaire, pages.profile),
        render=_renderer(pages).render,
    )


def _work(
    numbers: list[int],
    people: People,
    arrays: dict[str, Any],
    extras: list[RowExtras],
    now: datetime,
) -> None:
    scores = workers.scores_from(_worker["scorer"], arrays)
    write_pages(_worker["render"], _worker["pages"], numbers, people, scores, extras, now)
