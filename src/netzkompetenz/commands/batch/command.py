"""The `batch` command step by step: the options checked, the export opened and its columns
matched, then one pass over the rows (rows.py) feeding every chosen output (sinks.py).

All outputs go into a staging folder that replaces the output folder only when everything
is written (io/outdir.py), under a lock (io/locks.py): a fault of the file met in row 5,002
leaves the earlier outputs as they were. Each person's last submission counts
(core/people.py); which rows a later one replaces is known only at the end of the export.
So the pass also sets its scored chunks down in a spill file (io/spill.py); when there were
any such rows, the outputs begun are dropped and written again from the spill without them:
the export is read and scored once.

File formats, the mapping file, outputs and exit codes: docs/batch.md.
"""

from __future__ import annotations

import contextlib
import gc
import operator
from collections.abc import Iterable, Iterator
from pathlib import Path

from netzkompetenz.commands.batch.options import (
    OUTPUTS,
    BatchOptions,
    Exports,
    choose_profile,
    parse_outputs,
)
from netzkompetenz.commands.batch.people import Respondents
from netzkompetenz.commands.batch.ratings import read_exports
from netzkompetenz.commands.batch.report import BatchReport, row_list
from netzkompetenz.commands.batch.rows import RowPass, ScoredChunk
from netzkompetenz.commands.batch.sinks import open_sinks
from netzkompetenz.commands.batch.workers import arrays_of, scores_from
from netzkompetenz.core.matrix import MatrixScorer
from netzkompetenz.core.model import Profile, Questionnaire
from netzkompetenz.errors import ExitCode
from netzkompetenz.i18n import _, choose_language, format_number, ngettext, set_language
from netzkompetenz.io.catalog import AnyEntry, Catalog
from netzkompetenz.io.columns import Columns, fitting_version, match_columns
from netzkompetenz.io.csv_format import CSV_DIALECTS, write_csv
from netzkompetenz.io.files import sync_written
from netzkompetenz.io.interrupts import stop_on_signals
from netzkompetenz.io.mapping import ColumnMapping, load_mapping
from netzkompetenz.io.outdir import Staging, check_target, output_folder
from netzkompetenz.io.pseudonyms import pseudonym_key
from netzkompetenz.io.spill import Spill
from netzkompetenz.io.table import Table
from netzkompetenz.io.tabular import open_table
from netzkompetenz.io.xlsx_out import XLSX_MAX_ROWS
from netzkompetenz.views import output as output_

SPILL = ".scored-rows"  # in the staging folder, gone before it becomes DIR


def run(
    catalog: Catalog,
    exports: Path | Exports,
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
    """`exports`: the survey export, or with it rater exports (Exports)."""
    chosen = parse_outputs(outputs)
    if not isinstance(exports, Exports):
        exports = Exports(Path(exports))
    export, out_dir, rating_paths = exports.self_assessments, Path(out_dir), exports.ratings
    questionnaire = catalog.questionnaire(questionnaire_ref)
    set_language(choose_language(lang, questionnaire.languages[0]))
    profile = choose_profile(catalog, questionnaire, profile_ref)
    mapping = load_mapping(mapping_path, questionnaire) if mapping_path else ColumnMapping()
    inputs = [export, *rating_paths, *([mapping_path] if mapping_path else [])]
    inputs += _catalogue_files(catalog, questionnaire, profile)
    check_target(out_dir, inputs)  # before reading the rows: a wrong -o is told at once
    rater_exports = read_exports(rating_paths, questionnaire)  # a bad file: exit 2 now
    table = open_table(export)
    if questionnaire_ref in catalog.questionnaires and mapping_path is None:
        # named by id: an export of an older version is scored with that version
        questionnaire = fitting_version(table, catalog.versions_of(questionnaire.id))
        profile = choose_profile(catalog, questionnaire, profile_ref)
    _older_version_note(catalog, questionnaire, export)
    columns = match_columns(table, questionnaire, mapping)
    _column_notes(table, columns)
    options = BatchOptions(
        questionnaire=questionnaire,
        profile=profile,
        mapping=mapping,
        target=out_dir,
        reports=reports,
        outputs=chosen,
        key=pseudonym_key() if pseudonymize else None,
        dialect=CSV_DIALECTS[csv_dialect],
        include_comments=include_comments,
        ratings=rater_exports,
    )
    try:
        with stop_on_signals(), output_folder(out_dir, inputs) as staging:
            report = _written(staging, table, columns, options)
    except _NothingToWrite:
        output_.warn(_("{file}: no answers (only the header): nothing written").format(file=export))
        return ExitCode.PROBLEMS
    _final_notes(report)
    output_.say(report.summary())
    return report.exit_code


def _catalogue_files(
    catalog: Catalog, questionnaire: Questionnaire, profile: Profile
) -> list[Path]:
    """The files of the questionnaire and profile, every version of them (one may be the
    export's): inputs that -o must not replace."""
    entries: list[AnyEntry] = [
        *catalog.versions.values(),
        *catalog.profiles.values(),
        *catalog.older_profiles.values(),
    ]
    named = {("questionnaire", questionnaire.id), ("profile", profile.id)}
    return [e.path for e in entries if (e.model.kind, e.model.id) in named]


def _older_version_note(catalog: Catalog, questionnaire: Questionnaire, export: Path) -> None:
    if (current := catalog.current_version(questionnaire)) is not None:
        output_.warn(
            _(
                "Note: {file} holds answers to version {old} of the questionnaire and is "
                "scored with that version; the current one is {new}."
            ).format(file=export, old=questionnaire.version, new=current)
        )


def _column_notes(table: Table, columns: Columns) -> None:
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


def _final_notes(report: BatchReport) -> None:
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


class _NothingToWrite(Exception):
    """The export has no answer row: the staging folder is thrown away."""


class _SetAside(Exception):
    """Rows of earlier submissions found at the end of the pass: the outputs begun are
    dropped (as on any failure) and written again without them."""


def _written(
    staging: Staging, table: Table, columns: Columns, options: BatchOptions
) -> BatchReport:
    """Every output in the staging folder; what became of the rows."""
    report = BatchReport(options.target)
    people = Respondents(table, columns)
    chunks: Iterable[ScoredChunk] = RowPass(table, columns, people, options, report)
    with _without_cyclic_gc(), contextlib.ExitStack() as kept:
        spill = kept.enter_context(Spill(staging.path / SPILL)) if people.compare else None
        try:
            _fill(staging.path, table, columns, options, report, _spilled(chunks, spill), people)
        except _SetAside:
            assert spill is not None  # without it no row can be set aside
            superseded = people.submissions.superseded
            report.set_aside(superseded)
            report.scored, report.left_out = 0, []
            staging.empty(keep=SPILL)
            scorer = MatrixScorer(options.questionnaire, options.profile)
            again = (
                ScoredChunk(numbers, who, scores_from(scorer, arrays), extras).without(superseded)
                for numbers, who, arrays, extras in spill.records()
            )
            _fill(staging.path, table, columns, options, report, again, None)
    if options.reports != "none":
        sync_written()
    for name in report.left_out:
        (staging.path / name).unlink(missing_ok=True)
    write_csv(
        staging.path / "rejected.csv",
        ["row", "column", "value", "reason"],
        sorted(report.rejections, key=operator.itemgetter(0)),
        private=True,
        dialect=options.dialect,
    )
    return report


def _fill(
    folder: Path,
    table: Table,
    columns: Columns,
    options: BatchOptions,
    report: BatchReport,
    chunks: Iterable[ScoredChunk],
    people: Respondents | None,
) -> None:
    """Feed every chunk to the sinks of the chosen outputs and finish them; with `people`,
    first stop (_SetAside) if a later submission replaces an earlier one."""
    with contextlib.ExitStack() as files, output_.rows_progress() as advance:
        sinks = open_sinks(files, folder, table, columns.unscored, options, report)
        for chunk in chunks:
            if not chunk:
                continue
            for sink in sinks:
                sink.add(chunk)
            report.scored += len(chunk)
            advance(len(chunk))
        if not report.rows:
            raise _NothingToWrite
        if people is not None and people.submissions.superseded:
            raise _SetAside
        for sink in sinks:
            sink.finish()


def _spilled(chunks: Iterable[ScoredChunk], spill: Spill | None) -> Iterator[ScoredChunk]:
    """The chunks, each also set down in the spill (its scores without their scorer)."""
    for chunk in chunks:
        if spill is not None:
            spill.add((chunk.numbers, chunk.people, arrays_of(chunk.scores), chunk.extras))
        yield chunk


@contextlib.contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    """The rows are lists of short strings without reference cycles; the cyclic garbage
    collector would scan them again and again for nothing (it doubled the run time)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
