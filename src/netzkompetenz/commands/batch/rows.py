"""The rows of an export, chunk by chunk: each cell turned into a scale value, "cannot judge"
or blank (io/cells.py, with core.answers.check_value deciding what is valid: the same rule
as for every other way answers come in), bad rows listed in the report, good rows scored
with the matrix scorer. Nothing keeps all rows in memory."""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from netzkompetenz.commands.batch.options import BatchOptions
from netzkompetenz.commands.batch.people import Respondents
from netzkompetenz.commands.batch.report import BatchReport
from netzkompetenz.core.matrix import MatrixScorer, Scores
from netzkompetenz.i18n import _
from netzkompetenz.io.cells import BAD, CellCodes
from netzkompetenz.io.columns import Columns
from netzkompetenz.io.forms import is_note_row
from netzkompetenz.io.pseudonyms import pseudonym
from netzkompetenz.io.table import CellProblem, Table
from netzkompetenz.io.unscored import RowExtras, Unscored

CHUNK = 4096

People = list[tuple[str, str, str | None]]  # name (or pseudonym, or row-N), organisation, tandem


@dataclass(frozen=True)
class ScoredChunk:
    """The scored rows of one chunk of the export, as every output takes them."""

    numbers: list[int]  # row numbers in the export
    people: People
    scores: Scores
    extras: list[RowExtras]  # context, framework, reflections (not scored)

    def __len__(self) -> int:
        return len(self.numbers)

    def without(self, rows: set[int] | dict[int, int]) -> ScoredChunk:
        """The chunk less the rows with these numbers."""
        keep = [i for i, n in enumerate(self.numbers) if n not in rows]
        if len(keep) == len(self.numbers):
            return self
        return ScoredChunk(
            [self.numbers[i] for i in keep],
            [self.people[i] for i in keep],
            self.scores.take(keep),
            [self.extras[i] for i in keep],
        )


class RowPass:
    """One pass over the export's rows: yields the scored chunks, counts and lists in
    `report` what became of every other row, and notes each submission in `people`."""

    def __init__(
        self,
        table: Table,
        columns: Columns,
        people: Respondents,
        options: BatchOptions,
        report: BatchReport,
    ) -> None:
        questionnaire = options.questionnaire
        self.table, self.columns, self.people, self.report = table, columns, people, report
        self.q, self.key = questionnaire, options.key
        self.include_comments = options.include_comments
        self.codes = CellCodes(questionnaire, options.mapping)
        # context, framework, reflections: unscored; reflections only when asked for
        self.unscored = Unscored(questionnaire)
        self.unscored.columns = columns.unscored
        self.scorer = MatrixScorer(questionnaire, options.profile)
        self.width = len(table.header)
        self.item_cols = sorted(columns.items)
        self.item_index = np.array([columns.items[c] for c in self.item_cols])
        self.item_column = {item: col for col, item in columns.items.items()}
        self.get_items = (
            operator.itemgetter(*self.item_cols)
            if len(self.item_cols) > 1
            else (lambda row, c=self.item_cols[0]: (row[c],))
        )
        # spreadsheet cells that are not what they seem, of the rows of the current chunk
        self.cell_problems: dict[int, list[CellProblem]] = {}

    def __iter__(self) -> Iterator[ScoredChunk]:
        for numbers, rows in self._chunks():
            scored = self._scored(numbers, rows)
            if scored is not None:
                yield scored

    def _chunks(self) -> Iterator[tuple[list[int], list[list[str]]]]:
        """The rows that hold a person's answers, chunk by chunk; the others are counted
        and, where they are a fault, listed."""
        rows = self.table.rows
        report = self.report
        while True:
            chunk = list(itertools.islice(rows, CHUNK))
            if not chunk:
                return
            numbers, cells = [], []
            problems = self.table.problems
            hidden = set(self.table.hidden)
            self.cell_problems = {}
            for number, row in chunk:
                found = problems.pop(number, None)
                # a cell under a merged range alone does not make a blank row a person's
                if not any(row) and not (found and any(p.value for p in found)):
                    report.empty += 1
                    continue
                if is_note_row(row) and not self._answers_in(row):  # e.g. the template's
                    continue  # "allowed values" row; "#1 Anna" with answers is a person
                report.rows += 1
                if number in hidden:
                    report.hidden.append(number)
                if found:
                    self.cell_problems[number] = found
                shaped = self._shaped(number, row)
                if shaped is not None:
                    numbers.append(number)
                    cells.append(shaped)
            self.people.add(numbers, cells)
            yield numbers, cells

    def _shaped(self, number: int, row: list[str]) -> list[str] | None:
        """The row as wide as the header, or None when it is rejected for its shape or as
        the header again."""
        shaped = self.people.shaped(row)
        if shaped is None:
            reason = _(
                "the row has {cells} cells, the header {header}: a delimiter is "
                "missing or unquoted inside a cell; not scored"
            ).format(cells=len(row), header=self.width)
        elif self._is_header(shaped):
            reason = _("the header row again (two exports joined?): not scored")
        else:
            return shaped
        self.report.rejected_rows.append(number)
        self.report.reject(number, "", "", reason)
        return None

    def _answers_in(self, row: list[str]) -> bool:
        """Whether an item cell of the row holds an answer (not blank, not invalid)."""
        codes = self.codes
        return any(c < len(row) and codes[row[c]] not in (0, BAD) for c in self.item_cols)

    def _is_header(self, row: list[str]) -> bool:
        """A row repeating the header in every item column (two exports joined): with item
        ids that are also answer codes (`A1`) it would otherwise be scored as a person."""
        header = self.table.header  # joined exports repeat it as written: no normalising
        return all(row[c].strip() == header[c].strip() for c in self.item_cols)

    def _scored(self, numbers: list[int], rows: list[list[str]]) -> ScoredChunk | None:
        if not rows:
            return None
        m, n_items = len(rows), len(self.q.items)
        flat = itertools.chain.from_iterable(map(self.get_items, rows))
        raw = np.frombuffer(bytes(map(self.codes.__getitem__, flat)), dtype=np.int8)
        raw = raw.reshape(m, len(self.item_cols))
        codes = np.zeros((m, n_items), dtype=np.int8)
        codes[:, self.item_index] = raw
        good = ~(raw == BAD).any(axis=1) & (codes != 0).any(axis=1)
        submit = self.columns.submitdate
        if submit is not None:
            good &= np.array([bool(r[submit].strip()) for r in rows])
        if self.cell_problems:
            good &= np.array([n not in self.cell_problems for n in numbers])
        if not good.all():
            for i in np.flatnonzero(~good).tolist():
                self._reject(numbers[i], rows[i], raw[i])
            keep = np.flatnonzero(good)
            rows = [rows[i] for i in keep.tolist()]
            numbers = [numbers[i] for i in keep.tolist()]
            codes = codes[keep]
        if not rows:
            return None
        extras = self._extras(numbers, rows)
        context = self._context(numbers, rows, codes, extras)
        scores = self.scorer.score(codes, context)
        return ScoredChunk(numbers, self._respondents(numbers, rows), scores, extras)

    def _extras(self, numbers: list[int], rows: list[list[str]]) -> list[RowExtras]:
        """Context, framework (and, with --include-comments, reflections) of scored rows; a
        cell that is none of the allowed answers is left out and listed, the row stays."""
        if not self.columns.unscored:
            return [RowExtras() for _row in rows]
        header = self.table.header
        extras = [self.unscored.read(row, self.include_comments) for row in rows]
        for number, extra in zip(numbers, extras, strict=True):
            for problem in extra.problems:
                self.report.dropped_in.append(number)
                self.report.reject(
                    number, header[problem.column].strip(), problem.value, problem.reason
                )
        return extras

    def _context(
        self, numbers: list[int], rows: list[list[str]], codes: np.ndarray, extras: list[RowExtras]
    ) -> np.ndarray | None:
        """The rows' context answers as option codes, which decide the items asked as in the
        check. An answer to an item whose context question has no readable answer in its
        row cannot be placed: it is left out and listed, the row is scored without it."""
        answer_codes = self.scorer.answer_codes
        if not answer_codes.context_ids:
            return None
        context = answer_codes.encode_contexts([e.context for e in extras])
        header = self.table.header
        for i, item, question in answer_codes.unknown_context(codes, context):
            col = self.item_column[item]
            self.report.unplaced_in.append(numbers[i])
            self.report.reject(
                numbers[i],
                header[col].strip(),
                rows[i][col],
                _(
                    "answer left out: item '{item}' is asked only for some answers to context "
                    "question '{question}', which this row does not answer readably; the row "
                    "is scored without it"
                ).format(item=self.q.items[item].id, question=question),
            )
        return context

    def _reject(self, number: int, row: list[str], raw: np.ndarray) -> None:
        self.report.rejected_rows.append(number)
        header = self.table.header
        bad = np.flatnonzero(raw == BAD).tolist()
        for k in bad:
            col = self.item_cols[k]
            _unused, reason = self.codes.check(row[col])
            self.report.reject(number, header[col].strip(), row[col], reason or "")
        problems = self.cell_problems.get(number, [])
        for problem in problems:
            column = header[problem.column].strip() if problem.column < len(header) else ""
            self.report.reject(number, column, problem.value, problem.reason)
        if bad or problems:
            return
        submit = self.columns.submitdate
        if submit is not None and not row[submit].strip():
            self.report.reject(
                number,
                header[submit].strip(),
                "",
                _("incomplete response (submitdate is empty): not scored"),
            )
        else:
            self.report.reject(number, "", "", _("not a single item answered"))

    def _respondents(self, numbers: list[int], rows: list[list[str]]) -> People:
        people: People = []
        for number, (name, organisation, tandem) in zip(
            numbers, self.people.cells(rows), strict=True
        ):
            if self.key is not None and name:
                name = pseudonym(self.key, name, organisation)
            people.append((name or f"row-{number}", organisation, tandem or None))
        return people
