"""LimeSurvey: the survey-structure file (TSV) for a questionnaire, and its codes read back.

`structure_rows` builds the rows of LimeSurvey's "Tab Separated Values" survey structure
(import with "Import survey", LimeSurvey 3-6): one group per dimension holding one Array
question (type F) whose subquestions are the items, and a first group with the respondent
questions. Everything LimeSurvey writes back into a response export is derived from the
questionnaire by the functions here, so `batch` can read that export without a mapping:

- question codes: the dimension id with everything but letters and digits removed
  (`K1`); respondent questions are `name`, `organisation`, `tandem`;
- subquestion codes: the item id likewise (`K1_01` -> `K101`), because LimeSurvey codes hold
  only letters and digits. Where that is ambiguous within a question or longer than 20
  characters, the item's position in its dimension is used instead (`SQ001`). The rule is
  reversible through the questionnaire: `Codes.item_at` maps (question, subquestion)
  back to exactly one item;
- answer codes: each scale point's `code` (A1..A5), else `A` and its position; "cannot
  judge" the scale's `codes.cannot_judge`, else `KE`; "not applicable" (when the scale has
  one) `codes.not_applicable`, else `NZ`.

Format sources: docs/batch.md, section "LimeSurvey".
"""

from __future__ import annotations

import csv
import functools
import html
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from netzkompetenz.core.model import (
    CANNOT_JUDGE,
    NOT_APPLICABLE,
    Condition,
    ContextQuestion,
    Dimension,
    Questionnaire,
    ScaleCodes,
)
from netzkompetenz.i18n import gettext_in, pick
from netzkompetenz.io.survey_tools import (
    LIMESURVEY_SYSTEM_FIELDS,
    RESPONDENT_FIELDS,
    SELF_CHECK,
    FormHead,
    dimension_page_text,
    reflection_hint,
)

DEFAULT_NO_SCORE_CODES = {CANNOT_JUDGE: "KE", NOT_APPLICABLE: "NZ"}
COLUMNS = (
    "id",
    "related_id",
    "class",
    "type/scale",
    "name",
    "relevance",
    "text",
    "help",
    "language",
    "validation",
    "mandatory",
    "other",
    "default",
    "same_default",
    "assessment_value",
)
MAX_QUESTION_CODE = 20  # LimeSurvey's questions.title column
MAX_ANSWER_CODE = 5  # LimeSurvey's answers.code column
_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9]*$")


def alnum(value: str) -> str:
    return re.sub(r"[^A-Za-z0-9]", "", value)


@dataclass
class Answer:
    code: str
    value: int | str  # a scale value, CANNOT_JUDGE or NOT_APPLICABLE
    labels: dict[str, str]
    assessment: int = 0


@dataclass
class Codes:
    """Every code the survey file uses, and the way back from codes to items."""

    questions: dict[str, str]  # dimension id -> question code
    subquestions: dict[str, str]  # item id -> subquestion code
    question_of: dict[str, str]  # item id -> question code
    answers: list[Answer]
    context: list[ContextQuestion] = field(default_factory=list)

    def item_at(self, question: str, subquestion: str) -> str | None:
        """The item behind a response column `question[subquestion]` (codes compared
        without case: spreadsheets and people change it)."""
        key = (question.casefold(), subquestion.casefold())
        return next(
            (
                item
                for item, sub in self.subquestions.items()
                if (self.question_of[item].casefold(), sub.casefold()) == key
            ),
            None,
        )

    def field(self, item_id: str) -> str:
        """The item's variable in expressions (LimeSurvey's "qcode"): `K1_K101`."""
        return f"{self.question_of[item_id]}_{self.subquestions[item_id]}"


def codes_for(questionnaire: Questionnaire) -> Codes:
    q = questionnaire
    questions: dict[str, str] = {}
    taken = {f.casefold() for f in RESPONDENT_FIELDS}
    for n, dim in enumerate(q.dimensions, 1):
        code = alnum(dim.id)
        if code.casefold() in taken or len(code) > MAX_QUESTION_CODE or not _CODE.match(code):
            code = f"D{n}"
        questions[dim.id] = code
        taken.add(code.casefold())
    subquestions: dict[str, str] = {}
    question_of: dict[str, str] = {}
    for dim in q.dimensions:
        items = q.items_of(dim.id)
        plain = [alnum(i.id) for i in items]
        folded = [p.casefold() for p in plain]
        for n, (item, code) in enumerate(zip(items, plain, strict=True), 1):
            if folded.count(code.casefold()) > 1 or len(code) > MAX_QUESTION_CODE:
                code = f"SQ{n:03d}"
            subquestions[item.id] = code
            question_of[item.id] = questions[dim.id]
    return Codes(questions, subquestions, question_of, answer_list(q), list(q.context))


def answer_list(questionnaire: Questionnaire) -> list[Answer]:
    """The answer options of every item: the scale points, then the no-score answers."""
    scale = questionnaire.scale
    codes = dict(DEFAULT_NO_SCORE_CODES)
    codes.update(_mapping(getattr(scale, "codes", None)))
    answers = []
    for n, point in enumerate(scale.points, 1):
        code = (
            point.code
            if point.code and len(point.code) <= MAX_ANSWER_CODE and _CODE.match(point.code)
            else f"A{n}"
        )
        answers.append(Answer(code, point.value, dict(point.label), point.value))
    answers.append(Answer(codes[CANNOT_JUDGE], CANNOT_JUDGE, dict(scale.cannot_judge)))
    not_applicable = getattr(scale, NOT_APPLICABLE, None)
    if not_applicable:
        answers.append(Answer(codes[NOT_APPLICABLE], NOT_APPLICABLE, dict(not_applicable)))
    return answers


def _mapping(value: ScaleCodes | Mapping[str, object] | None) -> dict[str, str]:
    """scale.codes as a dict, whether a dict or a model (content v2 may bring either)."""
    if value is None:
        return {}
    if hasattr(value, "model_dump"):
        value = value.model_dump()
    return {k: v for k, v in dict(value).items() if isinstance(v, str) and v}


def context_code(question_id: str) -> str:
    """A context question's code: its id without the underscores, prefixed `ctx` so that
    it never meets a dimension's or a respondent field's code."""
    return "ctx" + alnum(question_id)


def context_answer_codes(question_id: str, codes: Codes) -> dict[str, str]:
    """Option id -> answer code (LimeSurvey's codes have at most five characters)."""
    question = next(c for c in codes.context if c.id == question_id)
    return {o.id: f"O{n}" for n, o in enumerate(question.options, 1)}


FRAMEWORK_CODE = "framework"


def framework_code(questionnaire: Questionnaire) -> str:
    """The framework checklist's array question: `framework`, unless a dimension's code is
    that already (then `frameworkR`)."""
    taken = {alnum(d.id).casefold() for d in questionnaire.dimensions}
    return FRAMEWORK_CODE if FRAMEWORK_CODE not in taken else FRAMEWORK_CODE + "R"


def relevance(condition: Condition | None, codes: Codes) -> str:
    """An item's condition as an ExpressionScript equation on the earlier item's answer
    code. Codes are text, so the allowed answers are listed; an unanswered, "cannot
    judge" or itself hidden item makes the equation false, as in scoring."""
    if condition is None:
        return "1"
    if condition.context is not None:  # v2: the context question's list answer
        variable = f"{context_code(condition.context)}.NAOK"
        options = context_answer_codes(condition.context, codes)
        return "(" + " or ".join(f"{variable} == '{options[o]}'" for o in condition.in_ or []) + ")"
    allowed = [
        a.code for a in codes.answers if isinstance(a.value, int) and condition.holds(a.value)
    ]
    assert condition.item is not None  # a context condition was answered above
    variable = codes.field(condition.item)
    if not allowed:
        return "0"
    return "(" + " or ".join(f"{variable} == '{code}'" for code in allowed) + ")"


# --- the structure file ----------------------------------------------------------------------


def reflection_code(codes: Codes, dimension_id: str) -> str:
    """A dimension's reflection question (long free text): its question code and `refl`
    (`K1refl`); LimeSurvey codes are letters and digits, at most 20."""
    return codes.questions[dimension_id][: MAX_QUESTION_CODE - 4] + "refl"


def structure_rows(
    questionnaire: Questionnaire, head: FormHead = SELF_CHECK
) -> list[dict[str, str]]:
    """The survey as rows of the TSV file: survey settings, then for each language (base
    language first, as LimeSurvey writes it) the language settings, groups, questions,
    subquestions and answers. `head`: the questions before the items and the texts the
    questionnaire has not got (io/survey_tools.FormHead)."""
    q = questionnaire
    langs = q.languages
    rows = [
        _row("S", name="language", text=langs[0]),
        _row("S", name="additional_languages", text=" ".join(langs[1:])),
        _row("S", name="format", text="G"),  # one page per group
        _row("S", name="showwelcome", text="Y"),
        _row("S", name="showprogress", text="Y"),
        _row("S", name="allowprev", text="Y"),
        _row("S", name="shownoanswer", text="N"),
    ]  # "cannot judge" is an answer here
    for lang in langs:
        rows += [
            _row("SL", name="surveyls_title", text=_html(pick(q.title, lang)), language=lang),
            _row(
                "SL",
                name="surveyls_welcometext",
                text=_html(pick(q.description, lang)),
                language=lang,
            ),
        ]
    structure = _Structure(q, head)
    for lang in langs:
        rows += structure.language(lang)
    return rows


class _Structure:
    """The groups, questions and answers of one language."""

    def __init__(self, questionnaire: Questionnaire, head: FormHead) -> None:
        self.q, self.head, self.codes = questionnaire, head, codes_for(questionnaire)

    def language(self, lang: str) -> list[dict[str, str]]:
        q, texts = self.q, self.head.texts(lang)
        rows = [
            _row("G", type_scale="1", name=_html(texts["respondent"]), relevance="1", language=lang)
        ]
        for name in self.head.fields:
            rows.append(
                _question(
                    "S",
                    name,
                    texts[name],
                    lang,
                    help=_html(texts[f"{name}_hint"]),
                    default=_html(self.head.defaults.get(name, "")),
                )
            )
        if q.context:  # v2: a list question per context question, before the items
            rows += self.context(lang)
        for n, dim in enumerate(q.dimensions, 3 if q.context else 2):
            rows += self.dimension(dim, n, texts["question"], lang)
        if q.framework:  # v2: the unscored checklist after the items
            rows += self.framework(lang)
        return rows

    def context(self, lang: str) -> list[dict[str, str]]:
        name = _html(gettext_in(lang, "About your situation"))
        rows = [_row("G", type_scale="2", name=name, relevance="1", language=lang)]
        for question in self.q.context:
            rows.append(_question("L", context_code(question.id), pick(question.text, lang), lang))
            answer_codes = context_answer_codes(question.id, self.codes)
            rows += [
                _answer(answer_codes[option.id], pick(option.label, lang), lang, "0")
                for option in question.options
            ]
        return rows

    def dimension(
        self, dim: Dimension, number: int, question: str, lang: str
    ) -> list[dict[str, str]]:
        """A dimension's group: the array of its items, then its reflection prompt as a
        long free-text question (optional, never scored), as the check asks it."""
        codes = self.codes
        rows = [
            _row(
                "G",
                type_scale=str(number),
                name=_html(pick(dim.title, lang)),
                relevance="1",
                text=_html(dimension_page_text(self.q.scale, dim, lang)),
                language=lang,
            ),
            _question("F", codes.questions[dim.id], question, lang),
        ]
        rows += [
            _row(
                "SQ",
                type_scale="0",
                name=codes.subquestions[item.id],
                relevance=relevance(item.condition, codes),
                text=_html(pick(item.text, lang)),
                language=lang,
            )
            for item in self.q.items_of(dim.id)
        ]
        rows += [
            _answer(a.code, pick(a.labels, lang), lang, str(a.assessment)) for a in codes.answers
        ]
        if dim.reflection is not None:
            rows.append(
                _question(
                    "T",
                    reflection_code(codes, dim.id),
                    pick(dim.reflection, lang),
                    lang,
                    help=_html(reflection_hint(dim, lang)),
                )
            )
        return rows

    def framework(self, lang: str) -> list[dict[str, str]]:
        """LimeSurvey's Array (Yes/No/Uncertain): answer codes Y, N, U are the question
        type's own."""
        q = self.q
        number = len(q.dimensions) + (3 if q.context else 2)
        name = _html(gettext_in(lang, "Framework conditions (not scored)"))
        text = gettext_in(lang, "Which of these applies to your post?")
        rows = [
            _row("G", type_scale=str(number), name=name, relevance="1", language=lang),
            _question("C", framework_code(q), text, lang),
        ]
        rows += [
            _row(
                "SQ",
                type_scale="0",
                name=alnum(entry.id),
                relevance="1",
                text=_html(pick(entry.text, lang)),
                language=lang,
            )
            for entry in q.framework
        ]
        return rows


def _question(kind: str, code: str, text: str, lang: str, **cells: str) -> dict[str, str]:
    return _row(
        "Q",
        type_scale=kind,
        name=code,
        relevance="1",
        text=_html(text),
        language=lang,
        mandatory="N",
        other="N",
        same_default="0",
        **{k: v for k, v in cells.items() if v},
    )


def _answer(code: str, text: str, lang: str, assessment: str) -> dict[str, str]:
    return _row(
        "A",
        type_scale="0",
        name=code,
        text=_html(text),
        language=lang,
        assessment_value=assessment,
    )


def structure_tsv(questionnaire: Questionnaire, head: FormHead = SELF_CHECK) -> str:
    """The file as LimeSurvey exports it: UTF-8 with a BOM, tab-separated, a header row."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
    writer.writeheader()
    writer.writerows(structure_rows(questionnaire, head))
    return "\ufeff" + out.getvalue()


def _row(kind: str, *, type_scale: str = "", **cells: str) -> dict[str, str]:
    return {"class": kind, "type/scale": type_scale, **cells}


def _html(value: str) -> str:
    """LimeSurvey shows texts as HTML; its exports turn them back into plain text. Quotes
    become entities too: the importer strips a pair of quotes around a whole cell."""
    return html.escape(value.strip()).replace("\r\n", "\n").replace("\n", "<br />")


# --- response exports ------------------------------------------------------------------------

# The system columns of a response export under "full question text" headings (LimeSurvey's
# own English and German texts), by field; under "question code" headings they are the
# field names.
SYSTEM_HEADINGS = {
    "id": {"response id", "antwort id"},
    "submitdate": {"date submitted", "datum abgeschickt"},
    "lastpage": {"last page", "letzte seite"},
    "startlanguage": {"start language", "start-sprache"},
    "seed": {"seed", "zufallsstartwert"},
    "startdate": {"date started", "datum gestartet"},
    "datestamp": {"date last action", "datum letzte aktivität"},
    "ipaddr": {"ip address"},
    "refurl": {"referrer url"},
    "token": {"token"},
}
SYSTEM_FIELDS = LIMESURVEY_SYSTEM_FIELDS
# Fields no other tool writes: an export holding one of them is LimeSurvey's, and so must
# hold `submitdate` to tell complete responses from incomplete ones.
OWN_SYSTEM_FIELDS = frozenset({"lastpage", "startlanguage", "seed", "startdate", "datestamp"})

# `K1[K101]`, `K1_K101` (expression codes) or `name`, optionally followed by the heading
# text ("question code & question text": `K1[K101]. Frage [Aussage]`).
_HEADING = re.compile(
    r"^(?P<q>[A-Za-z][A-Za-z0-9]*)(?:\[(?P<sq>[A-Za-z0-9]+)\]|"
    r"_(?P<em>[A-Za-z0-9]+))?(?:(?P<sep>\.\s|:\s|\s-\s|\s)\s*(?P<text>.+))?$",
    re.S,
)


@dataclass(frozen=True)
class Heading:
    code: str  # the question code, or the field name of a system column
    subquestion: str | None
    text: str | None  # what follows the code in "code & text" headings


def column_codes(questionnaire: Questionnaire) -> tuple[str, ...]:
    """The code of every column a response export of the survey holds (system fields,
    respondent, context and reflection questions, `Q[SQ]` and `Q_SQ` of items and
    framework conditions), longest first."""
    codes = codes_for(questionnaire)
    arrays = [(codes.question_of[i], codes.subquestions[i]) for i in codes.subquestions]
    arrays += [(framework_code(questionnaire), alnum(f.id)) for f in questionnaire.framework]
    found = {
        *SYSTEM_FIELDS,
        *RESPONDENT_FIELDS,
        *(context_code(c.id) for c in questionnaire.context),
        *(reflection_code(codes, d.id) for d in questionnaire.dimensions if d.reflection),
        *(f"{q}[{sq}]" for q, sq in arrays),
        *(f"{q}_{sq}" for q, sq in arrays),
    }
    return tuple(sorted(found, key=lambda code: (-len(code), code)))


def split_heading(header: str, known: tuple[str, ...] = ()) -> Heading | None:
    """The code and text of a heading. With the survey's `known` codes (column_codes) a
    "code & text" heading without a separator is split too (RemoteControl's
    `export_responses` writes `submitdateDatum Abgeschickt`, `K1[K101]Wie sehr …`): at
    the longest known code that starts it, never at a guessed boundary."""
    header = header.strip()
    match = _HEADING.match(header)
    if match and (not known or _code(match).casefold() in _folded(known)):
        return Heading(match["q"], match["sq"] or match["em"], match["text"])
    folded = header.casefold()
    for code in known:
        if len(header) > len(code) and folded.startswith(code.casefold()):
            parts = _HEADING.match(header[: len(code)])
            assert parts is not None  # every known code is a heading of its own
            return Heading(parts["q"], parts["sq"] or parts["em"], header[len(code) :].strip())
    if match:  # a code this survey has not got: as read (a mapping file may name it)
        return Heading(match["q"], match["sq"] or match["em"], match["text"])
    return None


def _code(match: re.Match[str]) -> str:
    if match["sq"]:
        return f"{match['q']}[{match['sq']}]"
    return f"{match['q']}_{match['em']}" if match["em"] else match["q"]


@functools.cache
def _folded(known: tuple[str, ...]) -> frozenset[str]:
    return frozenset(code.casefold() for code in known)


def survey_file(questionnaire: Questionnaire, head: FormHead = SELF_CHECK) -> str:
    """The structure file; the self-check's unless a rater form's `head` is given."""
    return structure_tsv(questionnaire, head)
