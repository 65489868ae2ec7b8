"""A batch run: a survey export in; scores, results, reports and a cohort report out.

The rows stream through in chunks: each cell is turned into a scale value, "cannot judge"
or blank (answers.check_value decides what is valid: the same rule as for every other way
answers come in), good rows are scored with the matrix scorer and folded into the cohort
statistics, bad rows are listed in rejected.csv. Nothing keeps all rows in memory.

File formats, the mapping file, outputs and exit codes: docs/batch.md.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import hmac
import itertools
import json
import operator
import os
import re
import secrets
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from netzkompetenz.answers import Respondent, check_value, new_answers
from netzkompetenz.core.cohort import Cohort
from netzkompetenz.core.matrix import CANNOT, MatrixScorer, Scores
from netzkompetenz.core.model import CANNOT_JUDGE, Profile, Questionnaire
from netzkompetenz.errors import EXIT_OK, EXIT_PROBLEMS, InputError, Problem, UsageError
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.io.files import atomic_write, atomic_writer
from netzkompetenz.io.tabular import (
    Column,
    CsvOut,
    Table,
    XlsxOut,
    open_table,
    parse_number,
    render_column,
    write_csv,
)
from netzkompetenz.views.texts import text

CHUNK = 4096
BAD = 127  # code of a cell that is not a valid answer
_CACHE_LIMIT = 10_000  # distinct cell texts remembered (bounded: garbage can be endless)
RESPONDENT_FIELDS = ("name", "organisation", "tandem")
# What --outputs can choose (rejected.csv is always written): name -> files.
OUTPUTS = {"csv": ("scores.csv",), "xlsx": ("scores.xlsx",), "jsonl": ("results.jsonl",),
           "cohort": ("cohort.html", "cohort.md")}

# Column headers survey tools write that are not answers (compared normalised).
SYSTEM_COLUMNS = {
    # LimeSurvey
    "id", "submitdate", "lastpage", "startlanguage", "seed", "token", "startdate",
    "datestamp", "ipaddr", "refurl", "interviewtime",
    # Microsoft Forms
    "start time", "completion time", "email", "e-mail", "last modified time",
    "startzeit", "fertigstellungszeit", "zeitpunkt der letzten änderung", "e-mail-adresse",
    # Google Forms
    "timestamp", "zeitstempel", "email address", "score", "punktzahl",
    # KoBoToolbox and ODK Central (forms from `netzkompetenz export --format xlsform`)
    "start", "end", "today", "deviceid", "_id", "_uuid", "_submission_time",
    "_validation_status", "_notes", "_status", "_submitted_by", "__version__", "_tags",
    "_index", "meta/instanceid", "meta/rootuuid", "submissiondate", "meta-instanceid", "key",
    "submitterid", "submittername", "attachmentspresent", "attachmentsexpected",
    "reviewstate", "edits", "formversion",
}
SUBMITDATE = "submitdate"
RESPONDENT_HEADERS = {
    "name": {"name", "respondent", "teilnehmer", "teilnehmerin", "teilnehmende", "person",
             "ihr name", "your name", "vollständiger name", "full name", "pseudonym"},
    "organisation": {"organisation", "organization", "organisation/kommune", "kommune",
                     "einrichtung", "municipality", "ihre kommune", "ihre organisation"},
    "tandem": {"tandem", "tandem-id", "tandem id"},
}


def normalise(value: str) -> str:
    """Header or label text as compared: case, spacing, numbering and end marks ignored."""
    value = unicodedata.normalize("NFC", value).replace("\u00a0", " ").casefold()
    value = re.sub(r"\s+", " ", value).strip()
    value = re.sub(r"^(\(?\d{1,3}[.):]|\d{1,3} -)\s*", "", value)  # "1. ", "(2) ", "3 - "
    return value.strip(" \"'„“”‚‘’*").rstrip(" .:?!*").strip()


def _bare(value: str) -> str:
    """Ids compared without punctuation: LimeSurvey codes cannot hold '_' (K1_01 = K101)."""
    return re.sub(r"[^0-9a-z]", "", value.casefold())


# --- the mapping file ------------------------------------------------------------------------

@dataclass
class Mapping:
    columns: dict[str, str | None] = field(default_factory=dict)  # header -> item, None=skip
    respondent: dict[str, str] = field(default_factory=dict)  # field -> header
    answers: dict[str, int | str] = field(default_factory=dict)  # cell text -> value


def load_mapping(path: Path, questionnaire: Questionnaire) -> Mapping:
    from netzkompetenz.io.yamlsource import load_yaml

    doc = load_yaml(Path(path))
    data = doc.data
    problems: list[Problem] = []
    if not isinstance(data, dict):
        raise InputError([doc.problem((), "expected a mapping with columns, respondent, "
                                          "answers")])
    for key in data:
        if key not in ("columns", "respondent", "answers"):
            problems.append(doc.problem((key,), f"unknown key '{key}' (allowed: columns, "
                                                "respondent, answers)", key=True))
    mapping = Mapping()
    items = {item.id for item in questionnaire.items}
    for header, item in _section(doc, "columns", problems).items():
        if item is None or item == "ignore":
            mapping.columns[str(header).strip()] = None
        elif not isinstance(item, str) or item not in items:
            problems.append(doc.problem(("columns", header), f"'{item}' is not an item of "
                                        f"questionnaire '{questionnaire.id}'"))
        else:
            mapping.columns[str(header).strip()] = item
    for name, header in _section(doc, "respondent", problems).items():
        if name not in RESPONDENT_FIELDS:
            problems.append(doc.problem(("respondent", name), f"unknown field '{name}' "
                                        f"(allowed: {', '.join(RESPONDENT_FIELDS)})", key=True))
        elif not isinstance(header, str):
            problems.append(doc.problem(("respondent", name), "expected a column header"))
        else:
            mapping.respondent[name] = header.strip()
    for cell, value in _section(doc, "answers", problems).items():
        checked, reason = check_value(questionnaire, "", value)  # the one validation path
        if reason or checked is None:
            problems.append(doc.problem(("answers", cell), reason or "expected a value"))
        else:
            mapping.answers[normalise(str(cell))] = checked
    if problems:
        raise InputError(problems)
    return mapping


def _section(doc, key: str, problems: list[Problem]) -> dict:
    value = doc.data.get(key) or {}
    if not isinstance(value, dict):
        problems.append(doc.problem((key,), f"'{key}' must be a mapping"))
        return {}
    return value


# --- columns ---------------------------------------------------------------------------------

@dataclass
class Columns:
    """What each column of the export holds."""

    items: dict[int, int]  # column -> item index
    respondent: dict[str, int]  # field -> column
    submitdate: int | None
    unknown: list[str]  # headers that are neither answers nor system columns


def match_columns(table: Table, questionnaire: Questionnaire, mapping: Mapping) -> Columns:
    ids = {item.id: n for n, item in enumerate(questionnaire.items)}
    by_bare = {_bare(i): n for i, n in ids.items()}
    by_text: dict[str, int | None] = {}
    for n, item in enumerate(questionnaire.items):
        for label in item.text.values():
            key = normalise(label)
            by_text[key] = None if key in by_text and by_text[key] != n else n  # ambiguous
    wanted = {v: k for k, v in mapping.respondent.items()}
    items: dict[int, int] = {}
    first: dict[int, int] = {}
    respondent: dict[str, int] = {}
    submitdate, unknown, problems = None, [], []
    for col, raw in enumerate(table.header):
        header = raw.strip().lstrip("\ufeff")
        norm = normalise(header)
        if header in mapping.columns:
            item = None if mapping.columns[header] is None else ids[mapping.columns[header]]
        elif header in wanted:
            respondent.setdefault(wanted[header], col)
            continue
        elif norm in SYSTEM_COLUMNS:
            if norm == SUBMITDATE:
                submitdate = col
            continue
        elif (who := _respondent_field(norm)) and who not in mapping.respondent:
            respondent.setdefault(who, col)
            continue
        else:
            item = _item_of(header, ids, by_bare, by_text)
            if item is None:
                if header:
                    unknown.append(header)
                continue
        if item is None:
            continue
        if item in first:
            problems.append(Problem(str(table.source),
                                    f"column '{header}' and column {first[item] + 1} both "
                                    f"hold item '{questionnaire.items[item].id}'", 1, col + 1))
            continue
        first[item] = col
        items[col] = item
    if problems:
        raise InputError(problems)
    if not items:
        raise InputError.single(
            table.source, f"no column matches an item of questionnaire '{questionnaire.id}' "
            "(by item id, item text or a --mapping file; see docs/batch.md)", 1)
    return Columns(items, respondent, submitdate, unknown)


def _respondent_field(norm: str) -> str | None:
    for candidate in (norm, *_group_tails(norm)):
        found = next((f for f, names in RESPONDENT_HEADERS.items() if candidate in names), None)
        if found:
            return found
    return None


_GROUP_PATH = re.compile(r"^[A-Za-z_][\w.]*(?:[/-][A-Za-z_][\w.-]*)+$")


def _group_tails(header: str) -> list[str]:
    """KoBoToolbox writes `group/question`, ODK Central `group-question`: the question's
    name is one of the tails, longest first (an item id may itself contain '-')."""
    if not _GROUP_PATH.match(header):
        return []
    return [header[m.end():] for m in re.finditer(r"[/-]", header)]


def _item_of(header: str, ids: dict[str, int], by_bare: dict[str, int],
             by_text: dict[str, int | None]) -> int | None:
    """By item id, then by item text; for `X[Y]` headers (LimeSurvey codes, Google Forms
    grids "Question [row]") also by the part in brackets, then by the part before it."""
    candidates = [header]
    bracket = re.match(r"^(.*?)\s*\[([^\]]*)\]\s*$", header)
    if bracket:
        candidates += [bracket.group(2), bracket.group(1)]
    for candidate in candidates + _group_tails(header):
        if candidate in ids:
            return ids[candidate]
    for candidate in candidates:
        bare = _bare(candidate)
        if bare and bare in by_bare:
            return by_bare[bare]
    for candidate in candidates:
        found = by_text.get(normalise(candidate))
        if found is not None:
            return found
    return None


# --- cells -----------------------------------------------------------------------------------

class CellCodes(dict):
    """Cell text -> answer code (0 blank, -1 cannot judge, k = k-th scale point; BAD).

    A memo of check_value: a text not seen before is converted (number with decimal
    point or comma, answer code, label in any language) and checked once."""

    def __init__(self, questionnaire: Questionnaire, mapping: Mapping) -> None:
        super().__init__()
        self.questionnaire = questionnaire
        points = questionnaire.scale.points
        self.code_of_value = {p.value: k + 1 for k, p in enumerate(points)}
        named: dict[str, int | str] = {normalise(CANNOT_JUDGE): CANNOT_JUDGE}
        for label in questionnaire.scale.cannot_judge.values():
            named[normalise(label)] = CANNOT_JUDGE
        for p in points:
            if p.code:
                named[normalise(p.code)] = p.value
            for label in p.label.values():
                named[normalise(label)] = p.value
        named.update(mapping.answers)
        self.named = named
        self[""] = 0

    def convert(self, cell: str) -> int | float | str | None:
        """What a cell says, before it is checked."""
        stripped = cell.strip()
        if not stripped:
            return None
        key = normalise(stripped)
        if key in self.named:
            return self.named[key]
        number = parse_number(stripped)
        return stripped if number is None else number

    def check(self, cell: str) -> tuple[int, str | None]:
        value, reason = check_value(self.questionnaire, "", self.convert(cell))
        if reason:
            return BAD, reason
        if value is None:
            return 0, None
        return (CANNOT if value == CANNOT_JUDGE else self.code_of_value[value]), None

    def __missing__(self, cell: str) -> int:
        code, _ = self.check(cell)
        if len(self) < _CACHE_LIMIT:
            self[cell] = code & 0xFF
        return code & 0xFF


# --- privacy ---------------------------------------------------------------------------------

PSEUDONYM_KEY_ENV = "NETZKOMPETENZ_PSEUDONYM_KEY"


def pseudonym_key() -> bytes:
    """The secret that makes pseudonyms stable: the same person gets the same pseudonym in
    every run with the same key (before/after comparisons), and nobody without the key can
    test names against them. From NETZKOMPETENZ_PSEUDONYM_KEY, else a key file created once
    in the user's config folder (readable by the owner only)."""
    env = os.environ.get(PSEUDONYM_KEY_ENV)
    if env:
        return env.encode()
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    path = base / "netzkompetenz" / "pseudonym.key"
    if path.is_file():
        return path.read_bytes().strip()
    key = secrets.token_hex(32).encode()
    atomic_write(path, key + b"\n", private=True)
    return key


def pseudonym(key: bytes, name: str, organisation: str) -> str:
    person = normalise(name) + "\x1f" + normalise(organisation)
    digest = hmac.new(key, person.encode(), hashlib.sha256).hexdigest()
    return "P-" + digest[:10].upper()


# --- the run ---------------------------------------------------------------------------------

@dataclass
class BatchReport:
    """Counts what happened to the rows, like Black's report of files: one bad row never
    stops the run; the exit code says whether there were any."""

    out_dir: Path
    scored: int = 0
    rejected: int = 0
    empty: int = 0
    rejections: list[tuple[int, str, str, str]] = field(default_factory=list)

    def reject(self, row: int, column: str, value: str, reason: str) -> None:
        self.rejections.append((row, column, value, reason))

    @property
    def exit_code(self) -> int:
        return EXIT_PROBLEMS if self.rejected else EXIT_OK

    def summary(self, lang: str) -> str:
        if self.rejected:
            return text("batch_summary_rejected", lang, scored=self.scored,
                        rejected=self.rejected, file=self.out_dir / "rejected.csv")
        return text("batch_summary", lang, scored=self.scored, out=self.out_dir)


def choose_profile(catalog: Catalog, questionnaire: Questionnaire,
                   profile_ref: str | None) -> Profile:
    if profile_ref:
        profile = catalog.profile(profile_ref)
        if profile.questionnaire != questionnaire.id:
            raise UsageError(f"profile '{profile.id}' belongs to questionnaire "
                             f"'{profile.questionnaire}', not '{questionnaire.id}'")
        return profile
    fitting = [e.model for e in catalog.profiles.values()
               if e.model.questionnaire == questionnaire.id]
    if len(fitting) != 1:
        names = ", ".join(p.id for p in fitting) or "none"
        raise UsageError(f"choose a profile with --profile (profiles for questionnaire "
                         f"'{questionnaire.id}': {names})")
    return fitting[0]  # type: ignore[return-value]


def run_batch(catalog: Catalog, export: Path, *, questionnaire_ref: str,
              profile_ref: str | None, mapping_path: Path | None, out_dir: Path,
              reports: str, pseudonymize: bool, lang: str | None,
              outputs: str = ",".join(OUTPUTS)) -> int:
    lang = lang or "de"
    if lang not in ("de", "en"):
        raise UsageError(f"--lang must be de or en, not '{lang}'")
    if reports not in ("md", "html", "none"):
        raise UsageError(f"--reports must be md, html or none, not '{reports}'")
    chosen = parse_outputs(outputs)
    questionnaire = catalog.questionnaire(questionnaire_ref)
    profile = choose_profile(catalog, questionnaire, profile_ref)
    mapping = load_mapping(mapping_path, questionnaire) if mapping_path else Mapping()
    table = open_table(Path(export))
    columns = match_columns(table, questionnaire, mapping)
    if columns.unknown:
        print(text("batch_unknown_columns", lang, columns=", ".join(columns.unknown[:10])
                   + (" …" if len(columns.unknown) > 10 else "")), file=sys.stderr)
    run = _Run(table, questionnaire, profile, columns, mapping, Path(out_dir), reports,
               pseudonym_key() if pseudonymize else None, lang, chosen)
    report = run.execute()
    print(report.summary(lang))
    return report.exit_code


def parse_outputs(outputs: str) -> set[str]:
    """--outputs csv,xlsx,jsonl,cohort (any of them, comma-separated)."""
    chosen = {name.strip() for name in outputs.split(",") if name.strip()}
    unknown = sorted(chosen - OUTPUTS.keys())
    if unknown or not chosen:
        raise UsageError(f"--outputs takes one or more of {', '.join(OUTPUTS)} "
                         f"(comma-separated), not '{outputs}'")
    return chosen


class _Run:
    def __init__(self, table: Table, questionnaire: Questionnaire, profile: Profile,
                 columns: Columns, mapping: Mapping, out_dir: Path, reports: str,
                 key: bytes | None, lang: str, outputs: set[str]) -> None:
        self.table, self.q, self.profile, self.columns = table, questionnaire, profile, columns
        self.out, self.reports, self.key, self.lang = out_dir, reports, key, lang
        self.outputs = outputs
        self.codes = CellCodes(questionnaire, mapping)
        self.scorer = MatrixScorer(questionnaire, profile)
        self.cohort = Cohort(questionnaire, profile)
        self.report = BatchReport(out_dir)
        self.width = len(table.header)
        self.item_cols = sorted(columns.items)
        self.item_index = np.array([columns.items[c] for c in self.item_cols])
        self.get_items = operator.itemgetter(*self.item_cols) if len(self.item_cols) > 1 \
            else (lambda row, c=self.item_cols[0]: (row[c],))
        dims = self.scorer.dimension_ids
        self.header = ["row", "name", "organisation", "role", "tandem"] + [
            f"{d}_{k}" for d in dims for k in ("mean", "percent", "answered", "level")] \
            + ["modules"]
        self.level_ids = [b.id for b in profile.levels] + [""]  # index -1: not enough
        self.module_ids = [m.id for m in profile.modules]
        self.json_prefix = ('{"file": ' + _json(str(table.source)).replace("%", "%%")
                            + ', "row": %d, "respondent": {"name": %s, "organisation": %s, '
                            '"tandem": %s}, "status": "complete", "updated": null, ')

    def execute(self) -> BatchReport:
        self.out.mkdir(parents=True, exist_ok=True)
        # The rows are lists of short strings without reference cycles; the cyclic garbage
        # collector would scan them again and again for nothing (it doubled the run time).
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            with contextlib.ExitStack() as files, self._progress() as advance:
                handles = {name: files.enter_context(atomic_writer(  # personal data
                    self.out / OUTPUTS[name][0], private=True))
                    for name in ("csv", "xlsx", "jsonl") if name in self.outputs}
                scores_csv = CsvOut(handles["csv"]) if "csv" in handles else None
                scores_xlsx = XlsxOut(handles["xlsx"]) if "xlsx" in handles else None
                for table in (scores_csv, scores_xlsx):
                    if table:
                        table.row(self.header)
                for numbers, rows in self._chunks():
                    self._chunk(numbers, rows, scores_csv, scores_xlsx, handles.get("jsonl"))
                    advance(len(numbers))
                for table in (scores_csv, scores_xlsx):
                    if table:
                        table.close()
        finally:
            if gc_was_enabled:
                gc.enable()
        write_csv(self.out / "rejected.csv", ["row", "column", "value", "reason"],
                  self.report.rejections, private=True)
        if "cohort" in self.outputs:
            self._cohort_reports()
        return self.report

    def _progress(self):
        if not sys.stdout.isatty():
            return contextlib.nullcontext(lambda n: None)
        return _progress_bar(text("batch_progress", self.lang))

    def _chunks(self) -> Iterator[tuple[list[int], list[list[str]]]]:
        width = self.width
        rows = self.table.rows
        while True:
            chunk = list(itertools.islice(rows, CHUNK))
            if not chunk:
                return
            numbers, cells = [], []
            for number, row in chunk:
                if not any(row):
                    self.report.empty += 1
                    continue
                if len(row) != width:
                    row = (row + [""] * width)[:width]
                numbers.append(number)
                cells.append(row)
            yield numbers, cells

    def _chunk(self, numbers: list[int], rows: list[list[str]], scores_csv: CsvOut | None,
               scores_xlsx: XlsxOut | None, jsonl) -> None:
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
        if not good.all():
            for i in np.flatnonzero(~good).tolist():
                self._reject(numbers[i], rows[i], raw[i])
            keep = np.flatnonzero(good)
            rows = [rows[i] for i in keep.tolist()]
            numbers = [numbers[i] for i in keep.tolist()]
            codes = codes[keep]
        if not rows:
            return
        scores = self.scorer.score(codes)
        people = self._respondents(numbers, rows)
        if scores_csv or scores_xlsx:
            columns = self._score_columns(numbers, people, scores)
            for table in (scores_csv, scores_xlsx):
                if table:
                    table.columns(columns)
        if jsonl:
            jsonl.write("".join(self.scorer.result_json(
                scores, self._json_prefixes(numbers, people))).encode())
        if "cohort" in self.outputs:
            self.cohort.add(scores, self.profile.role, [p[1] for p in people])
        if self.reports != "none":
            for i, person in enumerate(people):
                self._person_report(numbers[i], person, codes[i])
        self.report.scored += len(rows)

    def _reject(self, number: int, row: list[str], raw: np.ndarray) -> None:
        self.report.rejected += 1
        header = self.table.header
        bad = np.flatnonzero(raw == BAD).tolist()
        for k in bad:
            col = self.item_cols[k]
            _, reason = self.codes.check(row[col])
            self.report.reject(number, header[col].strip(), row[col], reason or "")
        if bad:
            return
        submit = self.columns.submitdate
        if submit is not None and not row[submit].strip():
            self.report.reject(number, header[submit].strip(), "",
                               text("batch_incomplete", self.lang))
        else:
            self.report.reject(number, "", "", text("batch_no_answers", self.lang))

    def _respondents(self, numbers: list[int], rows: list[list[str]]
                     ) -> list[tuple[str, str, str | None]]:
        cols = self.columns.respondent
        name_col, org_col, tandem_col = (cols.get(f) for f in RESPONDENT_FIELDS)
        people = []
        for number, row in zip(numbers, rows, strict=True):
            name = row[name_col].strip() if name_col is not None else ""
            organisation = row[org_col].strip() if org_col is not None else ""
            tandem = (row[tandem_col].strip() or None) if tandem_col is not None else None
            if self.key is not None and name:
                name = pseudonym(self.key, name, organisation)
            people.append((name or f"row-{number}", organisation, tandem))
        return people

    def _score_columns(self, numbers: list[int], people, scores: Scores) -> list[Column]:
        """The columns of scores.csv and scores.xlsx for a chunk (the writers format each
        distinct value once: per-cell calls for 100,000 people x 34 cells would cost more
        than the scoring). Mean, percent and level of a dimension without enough answers
        are nan or "": empty cells."""
        names, organisations, tandems = zip(*people, strict=True)
        columns: list[Column] = [
            (numbers, "%d"), (names, None), (organisations, None),
            ([self.profile.role] * len(people), None), ([t or "" for t in tandems], None)]
        for d in range(len(self.scorer.dimension_ids)):
            columns += [(scores.mean[:, d], "%.4f"), (scores.percent[:, d], "%.2f"),
                        (scores.answered[:, d], "%d"),
                        (render_column(scores.level[:, d], self.level_ids.__getitem__), None)]
        module_ids = self.module_ids
        columns.append((render_column(scores.modules, lambda ranked: " ".join(
            module_ids[k] for k in ranked)), None))
        return columns

    def _json_prefixes(self, numbers: list[int], people) -> list[str]:
        """The opening keys of each results.jsonl line: file, row, respondent, status."""
        names, organisations, tandems = zip(*people, strict=True)
        return [self.json_prefix % row for row in zip(
            numbers, render_column(names, _json), render_column(organisations, _json),
            render_column(tandems, lambda t: "null" if t is None else _json(t)),
            strict=True)]

    def _person_report(self, number: int, person, codes_row: np.ndarray) -> None:
        from netzkompetenz.core.scoring import score
        from netzkompetenz.report import write_person_report
        from netzkompetenz.results import ScoredAnswers

        name, organisation, tandem = person
        answers = new_answers(self.q, self.profile.id,
                              Respondent(name=name, organisation=organisation, tandem=tandem),
                              self.lang)
        answers.values = self.scorer.values(codes_row)
        answers.status = "complete"
        scored = ScoredAnswers(None, answers, self.q, self.profile,
                               score(self.q, self.profile, answers.values))
        slug = re.sub(r"[^A-Za-z0-9]+", "-", unicodedata.normalize("NFKD", name)
                      .encode("ascii", "ignore").decode()).strip("-")[:40] or "person"
        write_person_report(scored, self.out / "reports" / f"{number:05d}-{slug}.{self.reports}",
                            self.lang)

    def _cohort_reports(self) -> None:
        from datetime import UTC, datetime

        from netzkompetenz.report import date_text, number
        from netzkompetenz.views.render import render

        lang = self.lang
        summary = self.cohort.summary()

        def num(value: float | None, digits: int) -> str:
            return "–" if value is None else number(value, digits, lang)

        def flag_text(flag: dict) -> str:
            digits = 2 if flag["kind"] == "negative_item_total" else 0
            return text(f"cohort_flag_{flag['kind']}", lang, value=num(flag["value"], digits))

        context = {"lang": lang, "cohort": summary, "c_min": summary["min_group"],
                   "questionnaire": self.q, "profile": self.profile,
                   "export": self.table.source.name, "scored": self.report.scored,
                   "rejected": self.report.rejected, "pseudonymized": self.key is not None,
                   "generated": date_text(datetime.now(UTC), lang), "num": num,
                   "flag_text": flag_text}
        for name in ("cohort.html", "cohort.md"):
            atomic_write(self.out / name, render(name, **context), private=True)


_json = json.JSONEncoder(ensure_ascii=False).encode


def _progress_bar(label: str):
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    @contextlib.contextmanager
    def bar():
        with Progress(TextColumn("{task.description}"), BarColumn(),
                      TextColumn("{task.completed:,} "), TimeElapsedColumn(),
                      transient=True) as progress:
            task = progress.add_task(label, total=None)
            yield lambda n: progress.advance(task, n)

    return bar()

