"""Where a batch's scored rows go: one sink per output chosen with --outputs, each fed every
scored chunk (`add`) and closed at the end (`finish`). A sink opens its files on the run's
ExitStack, so that a failure or an interruption drops what it began."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from netzkompetenz.commands.batch.options import OUTPUTS, BatchOptions
from netzkompetenz.commands.batch.report import BatchReport
from netzkompetenz.commands.batch.reports import Pages, PersonReports
from netzkompetenz.commands.batch.results import ResultsFile
from netzkompetenz.commands.batch.rows import ScoredChunk
from netzkompetenz.core.cohort import Cohort
from netzkompetenz.io.csv_format import CsvOut
from netzkompetenz.io.files import atomic_write, atomic_writer
from netzkompetenz.io.table import Column, Table, render_column
from netzkompetenz.io.unscored import UnscoredColumns, comments_cell
from netzkompetenz.io.xlsx_out import XlsxOut


class Sink(Protocol):
    def add(self, chunk: ScoredChunk) -> None: ...

    def finish(self) -> None: ...


def open_sinks(
    files: contextlib.ExitStack,
    folder: Path,
    table: Table,
    found: UnscoredColumns,
    options: BatchOptions,
    report: BatchReport,
) -> list[Sink]:
    """The sinks of the chosen outputs, in the order of OUTPUTS, then the person reports,
    then (--ratings) the join of the ratings by others."""
    columns = ScoreColumns(options)
    makers: dict[str, Callable[[], Sink]] = {
        "csv": lambda: ScoresCsv(files, folder, columns, options),
        "xlsx": lambda: ScoresXlsx(files, folder, columns, report),
        "jsonl": lambda: Results(files, folder, table, options),
        "cohort": lambda: CohortPages(folder, table, found, options, report),
    }
    sinks = [makers[name]() for name in OUTPUTS if name in options.outputs]
    if options.reports != "none":
        sinks.append(PersonPages(files, folder, options))
    if options.ratings:
        from netzkompetenz.commands.batch.ratings import RatingsJoin

        sinks.append(RatingsJoin(folder, table.source.name, options, report))
    return sinks


class ScoreColumns:
    """The columns of scores.csv and scores.xlsx for a chunk, made once for both (the
    writers format each distinct value once: per-cell calls for 100,000 people x 34 cells
    would cost more than the scoring). Mean, percent and level of a dimension without
    enough answers are nan or "": empty cells."""

    def __init__(self, options: BatchOptions) -> None:
        profile = options.profile
        self.role = profile.role
        self.include_comments = options.include_comments
        self.level_ids = [b.id for b in profile.levels] + [""]  # index -1: not enough
        self.module_ids = [m.id for m in profile.modules]
        self.dimensions = len(options.questionnaire.dimensions)
        self.header = (
            ["row", "name", "organisation", "role", "tandem"]
            + [
                f"{d.id}_{k}"
                for d in options.questionnaire.dimensions
                for k in ("mean", "percent", "answered", "level")
            ]
            + ["modules"]
            + (["comments"] if options.include_comments else [])
        )
        self._last: tuple[ScoredChunk, list[Column]] | None = None

    def of(self, chunk: ScoredChunk) -> list[Column]:
        if self._last is not None and self._last[0] is chunk:
            return self._last[1]
        scores = chunk.scores
        names, organisations, tandems = zip(*chunk.people, strict=True)
        columns: list[Column] = [
            (chunk.numbers, "%d"),
            (names, None),
            (organisations, None),
            ([self.role] * len(chunk), None),
            ([t or "" for t in tandems], None),
        ]
        for d in range(self.dimensions):
            columns += [
                (scores.mean[:, d], "%.4f"),
                (scores.percent[:, d], "%.2f"),
                (scores.answered[:, d], "%d"),
                (render_column(scores.level[:, d], self.level_ids.__getitem__), None),
            ]
        module_ids = self.module_ids
        columns.append(
            (
                render_column(
                    scores.modules, lambda ranked: " ".join(module_ids[k] for k in ranked)
                ),
                None,
            )
        )
        if self.include_comments:
            columns.append(([comments_cell(e.reflections) for e in chunk.extras], None))
        self._last = (chunk, columns)
        return columns


class ScoresCsv:
    """scores.csv (personal data: private)."""

    def __init__(
        self,
        files: contextlib.ExitStack,
        folder: Path,
        columns: ScoreColumns,
        options: BatchOptions,
    ) -> None:
        handle = files.enter_context(atomic_writer(folder / OUTPUTS["csv"][0], private=True))
        self.out = CsvOut(handle, options.dialect)
        self.out.row(columns.header)
        self.columns = columns

    def add(self, chunk: ScoredChunk) -> None:
        self.out.columns(self.columns.of(chunk))

    def finish(self) -> None:
        self.out.close()


class ScoresXlsx:
    """scores.xlsx; with more people than a spreadsheet has rows it is left out, the other
    outputs go on (XlsxOut checks the limit before it writes a chunk)."""

    def __init__(
        self,
        files: contextlib.ExitStack,
        folder: Path,
        columns: ScoreColumns,
        report: BatchReport,
    ) -> None:
        handle = files.enter_context(atomic_writer(folder / OUTPUTS["xlsx"][0], private=True))
        out = XlsxOut(handle)
        files.callback(out.abort)  # runs first on a failure; no-op after a close
        out.row(columns.header)
        self.out: XlsxOut | None = out
        self.columns, self.report = columns, report

    def add(self, chunk: ScoredChunk) -> None:
        if self.out is None:
            return
        try:
            self.out.columns(self.columns.of(chunk))
        except OverflowError:
            self.out.abort()
            self.out = None
            self.report.left_out.append(OUTPUTS["xlsx"][0])

    def finish(self) -> None:
        if self.out is not None:
            self.out.close()


class Results:
    """results.jsonl (commands/batch/results.py)."""

    def __init__(
        self, files: contextlib.ExitStack, folder: Path, table: Table, options: BatchOptions
    ) -> None:
        self.file = ResultsFile(
            folder / OUTPUTS["jsonl"][0],
            table.source,
            options.questionnaire,
            options.profile,
            files,
        )

    def add(self, chunk: ScoredChunk) -> None:
        self.file.add(chunk.numbers, chunk.people, chunk.scores)

    def finish(self) -> None:
        self.file.finish()


class CohortPages:
    """cohort.html and cohort.md, from running sums (core/cohort.py)."""

    def __init__(
        self,
        folder: Path,
        table: Table,
        found: UnscoredColumns,
        options: BatchOptions,
        report: BatchReport,
    ) -> None:
        self.cohort = Cohort(options.questionnaire, options.profile)
        self.folder, self.export, self.found = folder, table.source.name, found
        self.options, self.report = options, report

    def add(self, chunk: ScoredChunk) -> None:
        found, extras = self.found, chunk.extras
        self.cohort.add(
            chunk.scores,
            self.options.profile.role,
            [p[1] for p in chunk.people],
            [e.context for e in extras] if found.context else None,
            [e.framework for e in extras] if found.framework else None,
        )

    def finish(self) -> None:
        from netzkompetenz.views.cohort_page import cohort_view, render_cohort

        options = self.options
        view = cohort_view(
            self.cohort.summary(),
            options.questionnaire,
            options.profile,
            export=self.export,
            scored=self.report.scored,
            rejected=self.report.rejected,
            pseudonymized=options.key is not None,
        )
        for fmt in ("html", "md"):
            atomic_write(self.folder / f"cohort.{fmt}", render_cohort(view, fmt), private=True)


class PersonPages:
    """One report per scored person in reports/ (commands/batch/reports.py)."""

    def __init__(self, files: contextlib.ExitStack, folder: Path, options: BatchOptions) -> None:
        self.reports = PersonReports(
            Pages(
                options.questionnaire,
                options.profile,
                options.reports,
                folder / "reports",
            )
        )
        files.callback(self.reports.stop)  # on a failure: workers stopped

    def add(self, chunk: ScoredChunk) -> None:
        self.reports.add(chunk.numbers, chunk.people, chunk.scores, chunk.extras)

    def finish(self) -> None:
        self.reports.finish()
