"""`batch`: a survey export in; scores, results, reports and a cohort report out.

The rows stream through in chunks: each cell is turned into a scale value, "cannot judge"
or blank (io/cells.py, with core.answers.check_value deciding what is valid: the same rule
as for every other way answers come in), good rows are scored with the matrix scorer and
folded into the cohort statistics, bad rows are listed in rejected.csv. Nothing keeps all
rows in memory.

All outputs go into a staging folder that replaces the output folder only when everything
is written (io/outdir.py), under a lock (io/locks.py): a fault of the file met in row 5,002
leaves the earlier outputs as they were. Each person's last submission counts
(core.people); which rows a later one replaces is known only at the end, so when there
were any, the staging folder is emptied and the export scored once more without them (a
second pass only then: duplicates are rare, and reading twice would cost every run).

File formats, the mapping file, outputs and exit codes: docs/batch.md.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import operator
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from netzkompetenz.commands.batch_reports import Pages, PersonReports
from netzkompetenz.commands.batch_results import ResultsFile
from netzkompetenz.core.cohort import Cohort
from netzkompetenz.core.matrix import MatrixScorer, Scores
from netzkompetenz.core.model import Profile, Questionnaire
from netzkompetenz.core.people import Submissions, person_key
from netzkompetenz.errors import ExitCode, UsageError
from netzkompetenz.i18n import _, choose_language, format_number, ngettext, set_language
from netzkompetenz.io.catalog import AnyEntry, Catalog
from netzkompetenz.io.cells import BAD, CellCodes
from netzkompetenz.io.columns import Columns, fitting_version, match_columns
from netzkompetenz.io.files import (
    atomic_write,
    atomic_writer,
    sync_written,
)
from netzkompetenz.io.forms import is_note_row
from netzkompetenz.io.interrupts import stop_on_signals
from netzkompetenz.io.mapping import ColumnMapping, load_mapping
from netzkompetenz.io.outdir import check_target, output_folder
from netzkompetenz.io.pseudonyms import pseudonym, pseudonym_key
from netzkompetenz.io.survey_tools import RESPONDENT_FIELDS, normalise
from netzkompetenz.io.tabular import (
    CSV_DIALECTS,
    STANDARD,
    XLSX_MAX_ROWS,
    CellProblem,
    Column,
    CsvDialect,
    CsvOut,
    Table,
    XlsxOut,
    open_table,
    render_column,
    write_csv,
)
from netzkompetenz.io.unscored import RowExtras, Unscored, comments_cell
from netzkompetenz.views import output as output_

if TYPE_CHECKING:
    pass

CHUNK = 4096
# What --outputs can choose (rejected.csv is always written): name -> files.
OUTPUTS = {
    "csv": ("scores.csv",),
    "xlsx": ("scores.xlsx",),
    "jsonl": ("results.jsonl",),
    "cohort": ("cohort.html", "cohort.md"),
}


@dataclass
class BatchReport:
    """Counts what happened to the rows, like Black's report of files: one bad row never
    stops the run; the exit code says whether there were any."""

    out_dir: Path
    scored: int = 0
    rejected: int = 0
    empty: int = 0
    rows: int = 0  # rows that hold anything
    superseded: list[int] = field(default_factory=list)  # rows of earlier submissions
    left_out: list[str] = field(default_factory=list)  # outputs that could not be written
    dropped: int = 0  # context / framework cells left out (the row itself is scored)
    unplaced: int = 0  # item answers left out: the context question they depend on is unanswered
    hidden: list[int] = field(default_factory=list)  # hidden spreadsheet rows read
    rejections: list[tuple[int, str, str, str]] = field(default_factory=list)

    def reject(self, row: int, column: str, value: str, reason: str) -> None:
        self.rejections.append((row, column, value, reason))

    @property
    def exit_code(self) -> int:
        problems = (
            self.rejected or self.superseded or self.left_out or self.dropped or self.unplaced
        )
        return ExitCode.PROBLEMS if problems else ExitCode.OK

    def summary(self, lang: str) -> str:
        text = self._rows_summary()
        if self.dropped:
            text += "; " + ngettext(
                "{count} answer to a context or framework question left out (not one of "
                "its options): see {file}",
                "{count} answers to context or framework questions left out (not one of "
                "their options): see {file}",
                self.dropped,
            ).format(count=self.dropped, file=self.out_dir / "rejected.csv")
        if self.unplaced:
            text += "; " + ngettext(
                "{count} item answer left out (the context question it depends on is not "
                "answered): see {file}",
                "{count} item answers left out (the context questions they depend on are not "
                "answered): see {file}",
                self.unplaced,
            ).format(count=self.unplaced, file=self.out_dir / "rejected.csv")
        if self.hidden:
            text += "; " + ngettext(
                "{count} row is hidden in the spreadsheet and was read like the others "
                "(row {rows})",
                "{count} rows are hidden in the spreadsheet and were read like the others "
                "(rows {rows})",
                len(self.hidden),
            ).format(
                count=len(self.hidden),
                rows=row_list(self.hidden),
            )
        return text

    def _rows_summary(self) -> str:
        if self.rejected or self.superseded:  # a superseded row is listed like a rejected one
            return ngettext(
                "{scored} row scored, {rejected} rejected: see {file}",
                "{scored} rows scored, {rejected} rejected: see {file}",
                self.scored,
            ).format(
                scored=self.scored,
                rejected=self.rejected + len(self.superseded),
                file=self.out_dir / "rejected.csv",
            )
        return ngettext(
            "{scored} row scored, none rejected: results in {out}",
            "{scored} rows scored, none rejected: results in {out}",
            self.scored,
        ).format(scored=self.scored, out=self.out_dir)


def row_list(numbers: list[int]) -> str:
    """Row numbers for a message: the first 20, then "…"."""
    return ", ".join(map(str, numbers[:20])) + (" …" if len(numbers) > 20 else "")


def choose_profile(
    catalog: Catalog, questionnaire: Questionnaire, profile_ref: str | None
) -> Profile:
    if profile_ref:
        profile = catalog.profile(profile_ref)
        if profile.questionnaire_version is None:  # the one kept for an older version
            profile = catalog.profile_for(profile.id, questionnaire)
        if profile.questionnaire != questionnaire.id:
            raise UsageError(
                _(
                    "profile '{profile}' belongs to questionnaire '{belongs}', not "
                    "'{questionnaire}'"
                ).format(
                    profile=profile.id,
                    belongs=profile.questionnaire,
                    questionnaire=questionnaire.id,
                )
            )
        return profile
    fitting = catalog.profiles_of(questionnaire)
    if len(fitting) != 1:
        names = ", ".join(p.id for p in fitting) or "–"
        raise UsageError(
            _(
                "choose a profile with --profile (profiles for questionnaire "
                "'{questionnaire}': {names})"
            ).format(questionnaire=questionnaire.id, names=names)
        )
    return fitting[0]


def run(
    catalog: Catalog,
    export: Path,
    *,
    questionnaire_ref: str,
    profile_ref: str | None,
    mapping_path: Path | None,
    out_dir: Path,
    reports: str,
    pseudonymize: bool,
    lang: str | None,
    outputs: str = ",".join(OUTPUTS),
    csv_dialect: str = "standard",
    include_comments: bool = False,
) -> int:
    chosen = parse_outputs(outputs)
    export, out_dir = Path(export), Path(out_dir)
    questionnaire = catalog.questionnaire(questionnaire_ref)
    lang = set_language(choose_language(lang, questionnaire.languages[0]))
    profile = choose_profile(catalog, questionnaire, profile_ref)
    mapping = load_mapping(mapping_path, questionnaire) if mapping_path else ColumnMapping()
    entries: list[AnyEntry] = [
        *catalog.versions.values(),
        *catalog.profiles.values(),
        *catalog.older_profiles.values(),
    ]
    # every version of the two, as one of them may be the export's
    named = {("questionnaire", questionnaire.id), ("profile", profile.id)}
    inputs = [
        export,
        *([mapping_path] if mapping_path else []),
        *(e.path for e in entries if (e.model.kind, e.model.id) in named),
    ]
    check_target(out_dir, inputs)  # before reading the rows: a wrong -o is told at once
    table = open_table(export)
    if questionnaire_ref in catalog.questionnaires and mapping_path is None:
        # named by id: an export of an older version is scored with that version
        questionnaire = fitting_version(table, catalog.versions_of(questionnaire.id))
        profile = choose_profile(catalog, questionnaire, profile_ref)
    if (current := catalog.current_version(questionnaire)) is not None:
        output_.warn(
            _(
                "Note: {file} holds answers to version {old} of the questionnaire and is "
                "scored with that version; the current one is {new}."
            ).format(file=export, old=questionnaire.version, new=current)
        )
    columns = match_columns(table, questionnaire, mapping)
    if columns.unknown:
        output_.warn(
            _("Note: these columns match no item and are not scored: {columns}").format(
                columns=", ".join(columns.unknown[:10])
                + (" …" if len(columns.unknown) > 10 else "")
            )
        )
    for who, cols in columns.alternatives.items():
        if len(cols) > 1:
            output_.warn(
                _(
                    "Note: several columns for '{field}': {columns}; per row the first "
                    "filled one is used."
                ).format(field=who, columns=", ".join(f"'{table.header[c].strip()}'" for c in cols))
            )
    people = _People(table, columns)
    key = pseudonym_key() if pseudonymize else None

    def scored(table: Table, folder: Path) -> BatchReport:
        return _Run(
            table,
            questionnaire,
            profile,
            columns,
            mapping,
            folder,
            reports,
            key,
            lang,
            chosen,
            people,
            out_dir,
            CSV_DIALECTS[csv_dialect],
            include_comments,
        ).execute()

    try:
        with stop_on_signals(), output_folder(out_dir, inputs) as staging:
            report = scored(table, staging.path)
            if not report.rows:
                raise _NothingToWrite
            if people.submissions.superseded:  # now known: score again without them
                people.known = people.submissions.superseded
                staging.empty()
                report = scored(open_table(export), staging.path)
    except _NothingToWrite:
        output_.warn(_("{file}: no answers (only the header): nothing written").format(file=export))
        return ExitCode.PROBLEMS
    if report.left_out:
        output_.warn(
            _(
                "Note: scores.xlsx not written: {rows} rows do not fit into a "
                "spreadsheet (at most {limit} rows); the other outputs are complete"
            ).format(rows=format_number(report.rows, 0), limit=format_number(XLSX_MAX_ROWS, 0))
        )
    if report.superseded:
        rows = row_list(report.superseded)
        output_.warn(
            ngettext(
                "Note: {count} earlier submission of the same person not counted (rows {rows}); "
                "the last one counts (same id, or same name and organisation)",
                "Note: {count} earlier submissions of the same person not counted (rows {rows}); "
                "the last one counts (same id, or same name and organisation)",
                len(report.superseded),
            ).format(count=len(report.superseded), rows=rows)
        )
    output_.say(report.summary(lang))
    return report.exit_code


class _NothingToWrite(Exception):
    """The export has no answer row: the staging folder is thrown away."""


class _People:
    """Who a row is: name, organisation and tandem (per row from the first filled of two
    columns for one field), its response id, and whether a later row is the same person."""

    def __init__(self, table: Table, columns: Columns) -> None:
        self.columns = columns
        self.kind = table.kind
        self.width = len(table.header)
        self.id_col = next(
            (c for c, h in enumerate(table.header) if normalise(h.lstrip("\ufeff")) == "id"), None
        )
        self.submissions = Submissions()
        self.known: dict[int, int] | None = None  # superseded rows, once a pass found them
        self.name, self.organisation, self.tandem = map(self._getter, RESPONDENT_FIELDS)
        # without name and id columns there is nothing to compare
        self.compare = self.id_col is not None or "name" in columns.respondent

    def shaped(self, row: list[str]) -> list[str] | None:
        """The row with as many cells as the header, or None if its shape does not fit: in a
        CSV a missing or an extra delimiter shifts every later cell, so such a row is never
        realigned and scored. Empty cells beyond the header are dropped (some tools end
        each line with a delimiter); XLSX and JSON rows cannot shift and are padded."""
        width = self.width
        if len(row) == width:
            return row
        if len(row) > width and not any(c.strip() for c in row[width:]):
            return row[:width]
        if self.kind == "csv":
            return None
        return (row + [""] * width)[:width]

    def _getter(self, field_: str) -> Callable[[list[str]], str]:
        """row -> the field's cell, stripped ("" without a column): looked up once, called
        for every row of both passes."""
        alternatives = self.columns.alternatives.get(field_, [])
        if len(alternatives) > 1:
            return lambda row: next(
                (row[c] for c in alternatives if row[c].strip()), row[alternatives[0]]
            ).strip()
        col = self.columns.respondent.get(field_)
        return (lambda row: "") if col is None else (lambda row: row[col].strip())

    def cells(self, rows: list[list[str]]) -> list[tuple[str, str, str]]:
        """Name, organisation and tandem of each row ("" where there is none)."""
        return list(
            zip(*(map(str.strip, self._column(rows, f)) for f in RESPONDENT_FIELDS), strict=True)
        )

    def add(self, numbers: list[int], rows: list[list[str]]) -> None:
        """Note the submissions of a chunk of rows (during the first pass)."""
        if not self.compare:
            return
        submit = self.columns.submitdate
        if submit is not None:
            kept = [(n, r) for n, r in zip(numbers, rows, strict=True) if r[submit].strip()]
            numbers, rows = [n for n, _ in kept], [r for _, r in kept]
        persons = list(
            map(person_key, self._column(rows, "name"), self._column(rows, "organisation"))
        )
        ids = None if self.id_col is None else [r[self.id_col] for r in rows]
        self.submissions.add_all(numbers, persons, ids)

    def _column(self, rows: list[list[str]], field_: str) -> list[str]:
        """A field's cells of many rows (not stripped: person_key ignores spacing)."""
        if len(self.columns.alternatives.get(field_, [])) > 1:
            return list(map(self._getter(field_), rows))
        col = self.columns.respondent.get(field_)
        return [""] * len(rows) if col is None else [r[col] for r in rows]

    def superseded_by(self, number: int) -> int | None:
        """The later row of the same person, once known (in a second pass)."""
        return None if self.known is None else self.known.get(number)


def parse_outputs(outputs: str) -> set[str]:
    """--outputs csv,xlsx,jsonl,cohort (any of them, comma-separated)."""
    chosen = {name.strip() for name in outputs.split(",") if name.strip()}
    unknown = sorted(chosen - OUTPUTS.keys())
    if unknown or not chosen:
        raise UsageError(
            _("--outputs takes one or more of {names} (comma-separated), not '{value}'").format(
                names=", ".join(OUTPUTS), value=outputs
            )
        )
    return chosen


class _Run:
    def __init__(
        self,
        table: Table,
        questionnaire: Questionnaire,
        profile: Profile,
        columns: Columns,
        mapping: ColumnMapping,
        out_dir: Path,
        reports: str,
        key: bytes | None,
        lang: str,
        outputs: set[str],
        people: _People,
        target: Path,
        dialect: CsvDialect = STANDARD,
        include_comments: bool = False,
    ) -> None:
        self.table, self.q, self.profile, self.columns = table, questionnaire, profile, columns
        self.out, self.reports, self.key, self.lang = out_dir, reports, key, lang
        self.outputs, self.people, self.dialect = outputs, people, dialect
        self.codes = CellCodes(questionnaire, mapping)
        # context, framework, reflections: unscored; reflections only when asked for
        self.unscored = Unscored(questionnaire)
        self.unscored.columns = columns.unscored
        self.include_comments = include_comments
        self.scorer = MatrixScorer(questionnaire, profile)
        self.cohort = Cohort(questionnaire, profile)
        self.report = BatchReport(target)
        self.person_reports = (
            None
            if reports == "none"
            else PersonReports(Pages(questionnaire, profile, reports, lang, out_dir / "reports"))
        )
        self.width = len(table.header)
        self.item_cols = sorted(columns.items)
        self.item_index = np.array([columns.items[c] for c in self.item_cols])
        self.item_column = {item: col for col, item in columns.items.items()}
        self.get_items = (
            operator.itemgetter(*self.item_cols)
            if len(self.item_cols) > 1
            else (lambda row, c=self.item_cols[0]: (row[c],))
        )
        dims = self.scorer.dimension_ids
        self.header = (
            ["row", "name", "organisation", "role", "tandem"]
            + [f"{d}_{k}" for d in dims for k in ("mean", "percent", "answered", "level")]
            + ["modules"]
            + (["comments"] if include_comments else [])
        )
        self.level_ids = [b.id for b in profile.levels] + [""]  # index -1: not enough
        # spreadsheet cells that are not what they seem, of the rows of the current chunk
        self.cell_problems: dict[int, list[CellProblem]] = {}
        self.module_ids = [m.id for m in profile.modules]

    def execute(self) -> BatchReport:
        self.out.mkdir(parents=True, exist_ok=True)
        # The rows are lists of short strings without reference cycles; the cyclic garbage
        # collector would scan them again and again for nothing (it doubled the run time).
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            with contextlib.ExitStack() as files, self._progress() as advance:
                handles = {
                    name: files.enter_context(
                        atomic_writer(  # personal data
                            self.out / OUTPUTS[name][0], private=True
                        )
                    )
                    for name in ("csv", "xlsx")
                    if name in self.outputs
                }
                results = (
                    ResultsFile(
                        self.out / OUTPUTS["jsonl"][0],
                        self.table.source,
                        self.q,
                        self.profile,
                        files,
                    )
                    if "jsonl" in self.outputs
                    else None
                )
                scores_csv = CsvOut(handles["csv"], self.dialect) if "csv" in handles else None
                scores_xlsx = XlsxOut(handles["xlsx"]) if "xlsx" in handles else None
                if scores_xlsx:
                    files.callback(scores_xlsx.abort)  # runs first on a failure; no-op after
                    # a close
                for table in (scores_csv, scores_xlsx):
                    if table:
                        table.row(self.header)
                self.scores_xlsx = scores_xlsx
                if self.person_reports is not None:
                    files.callback(self.person_reports.stop)  # on a failure: workers stopped
                for numbers, rows in self._chunks():
                    self._chunk(numbers, rows, scores_csv, self.scores_xlsx, results)
                    advance(len(numbers))
                if results is not None:
                    results.finish()
                if self.person_reports is not None:
                    self.person_reports.finish()
                for table in (scores_csv, self.scores_xlsx):
                    if table:
                        table.close()
        finally:
            if gc_was_enabled:
                gc.enable()
        if self.person_reports is not None:
            sync_written()
        if self.report.left_out:
            (self.out / "scores.xlsx").unlink(missing_ok=True)
        write_csv(
            self.out / "rejected.csv",
            ["row", "column", "value", "reason"],
            sorted(self.report.rejections, key=operator.itemgetter(0)),
            private=True,
            dialect=self.dialect,
        )
        if "cohort" in self.outputs:
            self._cohort_reports()
        return self.report

    def _progress(self) -> contextlib.AbstractContextManager[Callable[[int], object]]:
        if not sys.stdout.isatty():
            return contextlib.nullcontext(lambda n: None)
        return _progress_bar(_("Rows"))

    def _chunks(self) -> Iterator[tuple[list[int], list[list[str]]]]:
        width = self.width
        rows = self.table.rows
        while True:
            chunk = list(itertools.islice(rows, CHUNK))
            if not chunk:
                return
            numbers, cells = [], []
            people = self.people
            problems = self.table.problems
            hidden = set(self.table.hidden)
            self.cell_problems = {}
            for number, row in chunk:
                found = problems.pop(number, None)
                # a cell under a merged range alone does not make a blank row a person's
                if not any(row) and not (found and any(p.value for p in found)):
                    self.report.empty += 1
                    continue
                if is_note_row(row) and not self._answers_in(row):  # e.g. the template's
                    continue  # "allowed values" row; "#1 Anna" with answers is a person
                self.report.rows += 1
                if number in hidden:
                    self.report.hidden.append(number)
                if found:
                    self.cell_problems[number] = found
                shaped = people.shaped(row)
                if shaped is None:
                    self.report.rejected += 1
                    self.report.reject(
                        number,
                        "",
                        "",
                        _(
                            "the row has {cells} cells, the header {header}: a delimiter is "
                            "missing or unquoted inside a cell; not scored"
                        ).format(cells=len(row), header=width),
                    )
                    continue
                if self._is_header(shaped):
                    self.report.rejected += 1
                    self.report.reject(
                        number,
                        "",
                        "",
                        _("the header row again (two exports joined?): not scored"),
                    )
                    continue
                later = people.superseded_by(number)
                if later is not None:
                    self.report.superseded.append(number)
                    self.report.reject(
                        number,
                        "",
                        "",
                        _(
                            "the same person answered again in row {later}: the last submission "
                            "counts"
                        ).format(later=later),
                    )
                    continue
                numbers.append(number)
                cells.append(shaped)
            if people.known is None:
                people.add(numbers, cells)
            yield numbers, cells

    def _answers_in(self, row: list[str]) -> bool:
        """Whether an item cell of the row holds an answer (not blank, not invalid)."""
        codes = self.codes
        return any(c < len(row) and codes[row[c]] not in (0, BAD) for c in self.item_cols)

    def _is_header(self, row: list[str]) -> bool:
        """A row repeating the header in every item column (two exports joined): with item
        ids that are also answer codes (`A1`) it would otherwise be scored as a person."""
        header = self.table.header  # joined exports repeat it as written: no normalising
        return all(row[c].strip() == header[c].strip() for c in self.item_cols)

    def _chunk(
        self,
        numbers: list[int],
        rows: list[list[str]],
        scores_csv: CsvOut | None,
        scores_xlsx: XlsxOut | None,
        results: ResultsFile | None,
    ) -> None:
        if not rows:
            return
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
            return
        extras = self._extras(numbers, rows)
        context = self._context(numbers, rows, codes, extras)
        scores = self.scorer.score(codes, context)
        people = self._respondents(numbers, rows)
        if scores_csv or scores_xlsx:
            columns = self._score_columns(numbers, people, scores)
            if self.include_comments:
                columns.append(([comments_cell(e.reflections) for e in extras], None))
            if scores_csv:
                scores_csv.columns(columns)
            if scores_xlsx:
                self._xlsx_columns(scores_xlsx, columns)
        if results is not None:
            results.add(numbers, people, scores)
        if "cohort" in self.outputs:
            found = self.columns.unscored
            self.cohort.add(
                scores,
                self.profile.role,
                [p[1] for p in people],
                [e.context for e in extras] if found.context else None,
                [e.framework for e in extras] if found.framework else None,
            )
        if self.person_reports is not None:
            self.person_reports.add(numbers, people, scores, extras)
        self.report.scored += len(rows)

    def _extras(self, numbers: list[int], rows: list[list[str]]) -> list[RowExtras]:
        """Context, framework (and, with --include-comments, reflections) of scored rows; a
        cell that is none of the allowed answers is left out and listed, the row stays."""
        if not self.columns.unscored:
            return [RowExtras() for _row in rows]
        header = self.table.header
        extras = [self.unscored.read(row, self.include_comments) for row in rows]
        for number, extra in zip(numbers, extras, strict=True):
            for problem in extra.problems:
                self.report.dropped += 1
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
            self.report.unplaced += 1
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

    def _xlsx_columns(self, scores_xlsx: XlsxOut, columns: list[Column]) -> None:
        """More people than a spreadsheet has rows: scores.xlsx is left out, the other
        outputs go on (XlsxOut checks the limit before it writes a chunk)."""
        try:
            scores_xlsx.columns(columns)
        except OverflowError:
            scores_xlsx.abort()
            self.scores_xlsx = None
            self.report.left_out.append("scores.xlsx")

    def _reject(self, number: int, row: list[str], raw: np.ndarray) -> None:
        self.report.rejected += 1
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

    def _respondents(
        self, numbers: list[int], rows: list[list[str]]
    ) -> list[tuple[str, str, str | None]]:
        people: list[tuple[str, str, str | None]] = []
        for number, (name, organisation, tandem) in zip(
            numbers, self.people.cells(rows), strict=True
        ):
            if self.key is not None and name:
                name = pseudonym(self.key, name, organisation)
            people.append((name or f"row-{number}", organisation, tandem or None))
        return people

    def _score_columns(
        self, numbers: list[int], people: list[tuple[str, str, str | None]], scores: Scores
    ) -> list[Column]:
        """The columns of scores.csv and scores.xlsx for a chunk (the writers format each
        distinct value once: per-cell calls for 100,000 people x 34 cells would cost more
        than the scoring). Mean, percent and level of a dimension without enough answers
        are nan or "": empty cells."""
        names, organisations, tandems = zip(*people, strict=True)
        columns: list[Column] = [
            (numbers, "%d"),
            (names, None),
            (organisations, None),
            ([self.profile.role] * len(people), None),
            ([t or "" for t in tandems], None),
        ]
        for d in range(len(self.scorer.dimension_ids)):
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
        return columns

    def _cohort_reports(self) -> None:
        from netzkompetenz.views.cohort_page import cohort_view, render_cohort

        view = cohort_view(
            self.cohort.summary(),
            self.q,
            self.profile,
            export=self.table.source.name,
            scored=self.report.scored,
            rejected=self.report.rejected,
            pseudonymized=self.key is not None,
            lang=self.lang,
        )
        for fmt in ("html", "md"):
            atomic_write(
                self.out / f"cohort.{fmt}", render_cohort(view, fmt, self.lang), private=True
            )


def _progress_bar(label: str) -> contextlib.AbstractContextManager[Callable[[int], object]]:
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    @contextlib.contextmanager
    def bar() -> Iterator[Callable[[int], object]]:
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed:,} "),
            TimeElapsedColumn(),
            transient=True,
        ) as progress:
            task = progress.add_task(label, total=None)
            yield lambda n: progress.advance(task, n)

    return bar()
