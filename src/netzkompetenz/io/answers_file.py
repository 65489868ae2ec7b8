"""Answers files: read (with positions for every problem), check, score, write atomically."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import ValidationError

from netzkompetenz.core.answers import (
    Answers,
    Respondent,
    ScoredAnswers,
    answers_begun,
    check_extras,
    check_values,
    migrate,
    retro_problems,
)
from netzkompetenz.core.dialogue import priority_problems
from netzkompetenz.core.model import Profile, Questionnaire
from netzkompetenz.core.scoring import AnswerValue, score
from netzkompetenz.errors import InputError, OutputError
from netzkompetenz.i18n import _
from netzkompetenz.io.catalog import Catalog, Named
from netzkompetenz.io.files import is_read_only

if TYPE_CHECKING:  # a person's report reads no rating: the module loads when one is read
    from netzkompetenz.core.ratings import Invitation, Rating

T = TypeVar("T")
Held = TypeVar("Held", Answers, "Rating")  # what an interactive run saves after every answer


def os_reason(exc: OSError) -> str:
    """The usual reasons in the language of the run (the system's text is English)."""
    import errno

    return {
        errno.ENOENT: _("no such file"),
        errno.EACCES: _("permission denied"),
        errno.EISDIR: _("this is a folder, not a file"),
    }.get(exc.errno or 0, exc.strerror or str(exc))


def read_answers(path: Path) -> Answers:
    """Read an answers file; problems are reported with line and column."""
    return read_json_model(path, Answers, _("cannot read answers file: {reason}"))


M = TypeVar("M", Answers, "Rating", "Invitation")


def read_json_model(path: Path, model: type[M], cannot_read: str) -> M:
    """An answers or rating file (JSON) as its model; problems placed at line and column."""
    from netzkompetenz.io.json_tables import json_loads
    from netzkompetenz.io.yamlsource import parse_yaml

    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError.single(path, cannot_read.format(reason=os_reason(exc))) from None
    except UnicodeDecodeError as exc:
        raw = path.read_bytes()
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError.single(
            path, _("not UTF-8 text"), line, exc.start - raw.rfind(b"\n", 0, exc.start)
        ) from None
    json_loads(path, text)  # JSON only: YAML would take more than an answers file may hold
    doc = parse_yaml(text, str(path))  # JSON is YAML: this keeps positions, refuses dup keys
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        # the content's reader and checks (io/loader) load only for a file with a problem
        from netzkompetenz.io.loader import problems_from_validation

        raise InputError(problems_from_validation(doc, exc, model)) from None


def named_content(paths: list[Path]) -> list[Named] | None:
    """The questionnaires and profiles these answers files name, read at a glance so that
    only those are loaded (Catalog.load); None when a file does not tell (it is read and
    its problems told as ever)."""
    import json

    named: list[Named] = []
    for path in paths:
        try:
            data = json.loads(path.read_bytes())
            ref = data["questionnaire"]
            named += [(ref["id"], ref["version"]), (data["profile"], ref["version"])]
        except Exception:  # any doubt: the whole catalogue, as before
            return None
        if not all(isinstance(n, str) for pair in named for n in pair):
            return None
    return named


def check_answers_file(
    path: Path, answers: Answers, questionnaire: Questionnaire
) -> dict[str, AnswerValue]:
    """The answers' values, checked against the questionnaire; problems name the item."""
    values, problems = check_values(questionnaire, answers.values)
    extras = check_extras(questionnaire, answers.context, answers.framework, answers.reflections)
    if problems or extras:
        from netzkompetenz.io.yamlsource import parse_yaml

        doc = parse_yaml(path.read_text(encoding="utf-8-sig"), str(path))
        raise InputError(
            [
                doc.problem(
                    ("values", p.item),
                    _("item '{item}': {reason}").format(item=p.item, reason=p.reason),
                    key=p.reason.msgid == "unknown item",
                )
                for p in problems
            ]
            + [
                doc.problem(
                    (e.where, e.key),
                    {
                        "context": _("context question '{id}': {reason}"),
                        "framework": _("framework condition '{id}': {reason}"),
                        "reflections": _("reflection '{id}': {reason}"),
                    }[e.where].format(id=e.key, reason=e.reason),
                    key=e.on_key,
                )
                for e in extras
            ]
        )
    return values


def check_dialogue(
    path: Path, answers: Answers, questionnaire: Questionnaire, profile: Profile
) -> None:
    """The person's priorities and then-ratings, checked against questionnaire and profile;
    problems are placed in the file."""
    found = priority_problems(
        answers.priorities, questionnaire, profile, ("priorities",)
    ) + retro_problems(questionnaire, answers.retro)
    if found:
        from netzkompetenz.io.loader import placed
        from netzkompetenz.io.yamlsource import parse_yaml

        doc = parse_yaml(path.read_text(encoding="utf-8-sig"), str(path))
        raise InputError(placed(doc, found))


def new_answers(
    questionnaire: Questionnaire, profile_id: str, respondent: Respondent, language: str
) -> Answers:
    """A new, empty answers record, begun now."""
    return answers_begun(questionnaire, profile_id, respondent, language, datetime.now(UTC))


def write_answers(path: Path, answers: Answers | Rating) -> bytes:
    from netzkompetenz.io.files import atomic_write

    answers.updated = datetime.now(UTC)
    data = (answers.model_dump_json(indent=2) + "\n").encode("utf-8")
    atomic_write(path, data, private=True)
    return data


class HeldAnswersFile(Generic[Held]):
    """The answers file of one `check` run, or the rating file of one `rate` run
    (docs/check.md, "Two checks on one file").

    `hold()` locks it for the whole run: a second `check` on the same file is refused at
    once, naming the first (io/locks.py), so two runs never interleave their saves. What the
    lock cannot stop is another program writing the file meanwhile (an editor, a sync
    client restoring another version, a copy of the tool without locks): before each save
    the file is compared with what this run last read or wrote, and if it changed, that
    version is first kept under a new name. Nothing is merged, nothing is lost.
    """

    def __init__(self, path: Path, reader: Callable[[Path], Held] | None = None) -> None:
        self.path = Path(path)
        # without a reader: an answers file (the `check` case)
        self._reader: Callable[[Path], Any] = reader or read_answers
        self._known: str | None = None  # digest of the content last read or written

    def hold(self) -> AbstractContextManager[None]:
        from netzkompetenz.io.locks import exclusive

        return exclusive(self.path)

    def read(self) -> Held | None:
        """The answers in the file, None if there is no file yet. A file marked read-only
        is refused (exit 3) before any question: each save replaces the file, which would
        undo the mark without a word."""
        if not self.path.exists():
            self._known = None
            return None
        if is_read_only(self.path):
            raise OutputError(
                _(
                    "cannot write {file}: the file is marked read-only; make it writable "
                    "first to change it"
                ).format(file=self.path)
            )
        answers: Held = self._reader(self.path)
        self._known = _digest(self.path)
        return answers

    def save(self, answers: Held) -> Path | None:
        """Write the answers; returns where another program's version was kept, if any."""
        from netzkompetenz.io.files import atomic_write

        kept = None
        current = _digest(self.path)
        if current is not None and current != self._known:
            stamp = datetime.now(UTC).astimezone().strftime("%Y%m%d-%H%M%S")
            kept = self.path.with_name(f"{self.path.stem}.changed-{stamp}{self.path.suffix}")
            atomic_write(kept, self.path.read_bytes(), private=True)
        data = write_answers(self.path, answers)
        self._known = hashlib.sha256(data).hexdigest()
        return kept


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise InputError.single(
            path, _("cannot read answers file: {reason}").format(reason=exc.strerror)
        ) from None


def score_file(catalog: Catalog, path: Path) -> ScoredAnswers:
    """Read, check and score one answers file. Answers to an older questionnaire version are
    scored with that version when the catalogue still has it (archive/), else on the items
    of the current version that still exist; the result says which."""
    answers = read_answers(path)
    ref = answers.questionnaire
    older = catalog.versions.get((ref.id, ref.version))
    own_version = older is not None and older.model.content_hash() == ref.hash
    if older is not None and own_version:
        questionnaire = older.model
        profile = _named(
            path, ("profile",), lambda: catalog.profile_for(answers.profile, questionnaire)
        )
        change = None
    else:
        questionnaire = _named(path, ("questionnaire", "id"), lambda: catalog.questionnaire(ref.id))
        profile = _named(path, ("profile",), lambda: catalog.profile(answers.profile))
        change = migrate(answers, questionnaire)  # answers to removed and changed items drop
    if profile.questionnaire != questionnaire.id:
        raise placed_problem(
            path,
            ("profile",),
            _(
                "profile '{profile}' belongs to questionnaire '{other}', not to '{id}' that "
                "these answers were given to"
            ).format(profile=profile.id, other=profile.questionnaire, id=questionnaire.id),
        )
    values = check_answers_file(path, answers, questionnaire)
    check_dialogue(path, answers, questionnaire, profile)
    return ScoredAnswers(
        path,
        answers,
        questionnaire,
        profile,
        score(questionnaire, profile, values, answers.context),
        change,
        current_version=catalog.current_version(questionnaire) if own_version else None,
    )


def _named(path: Path, where: tuple[str, ...], lookup: Callable[[], T]) -> T:
    """A questionnaire or profile the answers file names; one that is not known is a
    problem of the file, at the place that names it."""
    try:
        return lookup()
    except InputError as exc:
        raise placed_problem(
            path, where, "; ".join(f"{p.source}: {p.message}" for p in exc.problems)
        ) from None


def placed_problem(path: Path, where: tuple[str, ...], message: str) -> InputError:
    """One problem of a JSON file (answers, rating) at the place `where` names."""
    from netzkompetenz.io.yamlsource import parse_yaml

    doc = parse_yaml(path.read_text(encoding="utf-8-sig"), str(path))
    return InputError([doc.problem(where, message)])


def score_files(catalog: Catalog, paths: list[Path]) -> list[ScoredAnswers]:
    """Score every file; problems of all files are reported together."""
    scored, problems = [], []
    for path in paths:
        try:
            scored.append(score_file(catalog, path))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return scored
