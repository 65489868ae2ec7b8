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
    Condition,
    ContextQuestion,
    Questionnaire,
    ScaleCodes,
)
from netzkompetenz.i18n import gettext_in, pick
from netzkompetenz.io.survey_tools import (
    LIMESURVEY_SYSTEM_FIELDS,
    RESPONDENT_FIELDS,
    respondent_texts,
)

NOT_APPLICABLE = "not_applicable"
"""How "trifft nicht zu / not applicable" will be stored in answers (content v2)."""
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


def structure_rows(
    questionnaire: Questionnaire, texts: dict[str, dict[str, str]]
) -> list[dict[str, str]]:
    """The survey as rows of the TSV file: survey settings, then for each language (base
    language first, as LimeSurvey writes it) the language settings, groups, questions,
    subquestions and answers. `texts` holds the few texts the questionnaire has not got
    (keys: respondent, name, organisation, tandem, their `_hint`s, and question), each
    {language: text}."""
    q, codes = questionnaire, codes_for(questionnaire)
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
    for lang in langs:
        rows.append(
            _row(
                "G",
                type_scale="1",
                name=_html(texts["respondent"][lang]),
                relevance="1",
                language=lang,
            )
        )
        for name in RESPONDENT_FIELDS:
            rows.append(
                _row(
                    "Q",
                    type_scale="S",
                    name=name,
                    relevance="1",
                    text=_html(texts[name][lang]),
                    help=_html(texts[f"{name}_hint"][lang]),
                    language=lang,
                    mandatory="N",
                    other="N",
                    same_default="0",
                )
            )
        if q.context:  # v2: a list question per context question, before the items
            rows.append(
                _row(
                    "G",
                    type_scale="2",
                    name=_html(gettext_in(lang, "About your situation")),
                    relevance="1",
                    language=lang,
                )
            )
            for question in q.context:
                rows.append(
                    _row(
                        "Q",
                        type_scale="L",
                        name=context_code(question.id),
                        relevance="1",
                        text=_html(pick(question.text, lang)),
                        language=lang,
                        mandatory="N",
                        other="N",
                        same_default="0",
                    )
                )
                answer_codes = context_answer_codes(question.id, codes)
                for option in question.options:
                    rows.append(
                        _row(
                            "A",
                            type_scale="0",
                            name=answer_codes[option.id],
                            text=_html(pick(option.label, lang)),
                            language=lang,
                            assessment_value="0",
                        )
                    )
        for n, dim in enumerate(q.dimensions, 3 if q.context else 2):
            rows.append(
                _row(
                    "G",
                    type_scale=str(n),
                    name=_html(pick(dim.title, lang)),
                    relevance="1",
                    text=_html(pick(dim.description, lang)),
                    language=lang,
                )
            )
            rows.append(
                _row(
                    "Q",
                    type_scale="F",
                    name=codes.questions[dim.id],
                    relevance="1",
                    text=_html(texts["question"][lang]),
                    language=lang,
                    mandatory="N",
                    other="N",
                    same_default="0",
                )
            )
            for item in q.items_of(dim.id):
                rows.append(
                    _row(
                        "SQ",
                        type_scale="0",
                        name=codes.subquestions[item.id],
                        relevance=relevance(item.condition, codes),
                        text=_html(pick(item.text, lang)),
                        language=lang,
                    )
                )
            for answer in codes.answers:
                rows.append(
                    _row(
                        "A",
                        type_scale="0",
                        name=answer.code,
                        text=_html(pick(answer.labels, lang)),
                        language=lang,
                        assessment_value=str(answer.assessment),
                    )
                )
        if q.framework:  # v2: the unscored checklist after the items, LimeSurvey's
            # Array (Yes/No/Uncertain): answer codes Y, N, U are the question type's own
            rows.append(
                _row(
                    "G",
                    type_scale=str(len(q.dimensions) + (3 if q.context else 2)),
                    name=_html(gettext_in(lang, "Framework conditions (not scored)")),
                    relevance="1",
                    language=lang,
                )
            )
            rows.append(
                _row(
                    "Q",
                    type_scale="C",
                    name=framework_code(q),
                    relevance="1",
                    text=_html(gettext_in(lang, "Which of these applies to your post?")),
                    language=lang,
                    mandatory="N",
                    other="N",
                    same_default="0",
                )
            )
            for entry in q.framework:
                rows.append(
                    _row(
                        "SQ",
                        type_scale="0",
                        name=alnum(entry.id),
                        relevance="1",
                        text=_html(pick(entry.text, lang)),
                        language=lang,
                    )
                )
    return rows


def structure_tsv(questionnaire: Questionnaire, texts: dict[str, dict[str, str]]) -> str:
    """The file as LimeSurvey exports it: UTF-8 with a BOM, tab-separated, a header row."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
    writer.writeheader()
    writer.writerows(structure_rows(questionnaire, texts))
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
    respondent and context questions, `Q[SQ]` and `Q_SQ` of items and framework
    conditions), longest first."""
    codes = codes_for(questionnaire)
    arrays = [(codes.question_of[i], codes.subquestions[i]) for i in codes.subquestions]
    arrays += [(framework_code(questionnaire), alnum(f.id)) for f in questionnaire.framework]
    found = {
        *SYSTEM_FIELDS,
        *RESPONDENT_FIELDS,
        *(context_code(c.id) for c in questionnaire.context),
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


def survey_file(questionnaire: Questionnaire) -> str:
    """The structure file with the tool's own texts for the respondent questions."""
    by_lang = {lang: respondent_texts(lang) for lang in questionnaire.languages}
    texts = {
        name: {lang: by_lang[lang][name] for lang in questionnaire.languages}
        for name in by_lang[questionnaire.languages[0]]
    }
    return structure_tsv(questionnaire, texts)
