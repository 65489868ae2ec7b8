"""The unscored columns of a survey export (content v2): context questions, the framework
checklist and the reflections per dimension. None of them is scored; batch hands context
and framework answers to the cohort report and, with --include-comments, the reflections
to the person reports and scores.csv/xlsx.

Which column is which (after the items were tried, so an item never loses its column):
- a context question: its id (`employer`, the CSV/XLSX template), its LimeSurvey code
  (`ctxemployer`, also "code & text"), the XLSForm group path (`context/employer`), or its
  text in any language of the questionnaire;
- a framework condition: its id (`R1`), `framework[R1]`/`framework_R1` (LimeSurvey's
  array question of `export --format limesurvey`), the group path (`framework/R1`), or
  its text;
- a reflection: `<dimension>_reflection` (`K1_reflection`, the templates; the XLSForm group
  path `K1/K1_reflection`), its LimeSurvey code (`K1refl`), or the prompt's text.

What a cell may hold: a context option's id, its label in any language or its LimeSurvey
answer code (`O1`, `O2` …); a framework answer `yes`, `no`, `unknown`, LimeSurvey's codes
`Y`, `N`, `U`, or the labels (ja / nein / weiß nicht, LimeSurvey's "Unsicher"); empty: not
given. Anything else is a problem of that cell only: it is dropped (not given) and listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from netzkompetenz.core.model import FRAMEWORK_ANSWERS, Questionnaire
from netzkompetenz.i18n import _, gettext_in, pick
from netzkompetenz.io import limesurvey
from netzkompetenz.io.survey_tools import group_tails, normalise

REFLECTION_SUFFIX = "_reflection"
# LimeSurvey's array (Yes/No/Uncertain) writes these codes and, as full answers, these texts
LIMESURVEY_FRAMEWORK = {
    "y": "yes",
    "n": "no",
    "u": "unknown",
    "uncertain": "unknown",
    "unsicher": "unknown",
    "ja": "yes",
    "nein": "no",
}


def framework_labels(lang: str) -> dict[str, str]:
    """The answers of the framework checklist in `lang` (as the check shows them)."""
    return {
        "yes": gettext_in(lang, "yes"),
        "no": gettext_in(lang, "no"),
        "unknown": gettext_in(lang, "don't know"),
    }


@dataclass
class UnscoredColumns:
    context: dict[int, str] = field(default_factory=dict)  # column -> context question id
    framework: dict[int, str] = field(default_factory=dict)  # column -> framework id
    reflections: dict[int, str] = field(default_factory=dict)  # column -> dimension id

    def __bool__(self) -> bool:
        return bool(self.context or self.framework or self.reflections)


@dataclass(frozen=True)
class CellProblem:
    column: int
    value: str
    reason: str


@dataclass
class RowExtras:
    context: dict[str, str] = field(default_factory=dict)
    framework: dict[str, str] = field(default_factory=dict)
    reflections: dict[str, str] = field(default_factory=dict)
    problems: list[CellProblem] = field(default_factory=list)


class Unscored:
    """Finds the unscored columns of a header and reads their cells."""

    def __init__(self, questionnaire: Questionnaire) -> None:
        q = self.q = questionnaire
        self.columns = UnscoredColumns()
        self.column_codes = limesurvey.column_codes(q)
        self.context_names: dict[str, str] = {}
        self.framework_names: dict[str, str] = {}
        self.reflection_names: dict[str, str] = {}
        for c in q.context:
            for name in (c.id, limesurvey.context_code(c.id), *c.text.values()):
                self.context_names.setdefault(normalise(name), c.id)
        code = limesurvey.framework_code(q)
        for f in q.framework:
            for name in (
                f.id,
                f"{code}[{limesurvey.alnum(f.id)}]",
                f"{code}_{limesurvey.alnum(f.id)}",
                *f.text.values(),
            ):
                self.framework_names.setdefault(normalise(name), f.id)
        codes = limesurvey.codes_for(q)
        for d in q.dimensions:
            if d.reflection is not None:
                # the template's column, LimeSurvey's question code, the prompt's text
                for name in (
                    d.id + REFLECTION_SUFFIX,
                    limesurvey.reflection_code(codes, d.id),
                    *d.reflection.values(),
                ):
                    self.reflection_names.setdefault(normalise(name), d.id)
        self.options: dict[str, dict[str, str]] = {}
        for c in q.context:
            names: dict[str, str] = {}
            answer_codes = limesurvey.context_answer_codes(c.id, codes)
            for o in c.options:
                for name in (o.id, answer_codes[o.id], *o.label.values()):
                    names.setdefault(normalise(name), o.id)
            self.options[c.id] = names
        self.answers: dict[str, str] = dict(LIMESURVEY_FRAMEWORK)
        for lang in {*q.languages, "de", "en"}:
            for answer, label in framework_labels(lang).items():
                self.answers.setdefault(normalise(label), answer)
        self.answers.update({a: a for a in FRAMEWORK_ANSWERS})

    def match(self, col: int, header: str) -> bool:
        """Note the column if it is an unscored one; True if it was."""
        candidates = [header, *group_tails(header)]
        heading = limesurvey.split_heading(header, self.column_codes)
        if heading and heading.text:  # "code & text", with or without separator: the code decides
            candidates.insert(1, header[: len(header) - len(heading.text)].rstrip(" .:-"))
        bracket = re.match(r"^.*?\[([^\]]*)\]\s*$", header, re.S)
        if bracket:  # "full question text": `Frage [Aussage]`
            candidates.append(bracket.group(1))
        candidates += [c.replace("_", " ") for c in candidates if "_" in c]
        for kind, names in (
            (self.columns.context, self.context_names),
            (self.columns.framework, self.framework_names),
            (self.columns.reflections, self.reflection_names),
        ):
            for candidate in candidates:
                found = names.get(normalise(candidate))
                if found is not None and found not in kind.values():
                    kind[col] = found
                    return True
        return False

    def read(self, row: list[str], include_reflections: bool) -> RowExtras:
        extras = RowExtras()
        for col, question_id in self.columns.context.items():
            cell = row[col].strip()
            if not cell:
                continue
            option = self.options[question_id].get(normalise(cell))
            if option is None:
                question = next(c for c in self.q.context if c.id == question_id)
                extras.problems.append(
                    CellProblem(
                        col,
                        row[col],
                        _(
                            "not an option of context question '{question}' (allowed: {options}); "
                            "this answer is left out and the items that depend on it are not "
                            "asked: the row is scored without them"
                        ).format(
                            question=question_id, options=", ".join(o.id for o in question.options)
                        ),
                    )
                )
            else:
                extras.context[question_id] = option
        for col, entry_id in self.columns.framework.items():
            cell = row[col].strip()
            if not cell:
                continue
            answer = self.answers.get(normalise(cell))
            if answer is None:
                extras.problems.append(
                    CellProblem(
                        col,
                        row[col],
                        _(
                            "not an answer of the framework checklist (allowed: yes, no, unknown, "
                            "or Y, N, U); the checklist is not scored: the row is scored, this "
                            "answer left out"
                        ),
                    )
                )
            else:
                extras.framework[entry_id] = answer
        if include_reflections:
            for col, dim_id in self.columns.reflections.items():
                text = row[col].strip()
                if text:
                    extras.reflections[dim_id] = text
        return extras


def comments_cell(reflections: dict[str, str]) -> str:
    """The reflections of a row for scores.csv/xlsx: `K1: …` per dimension, one a line."""
    return "\n".join(dim + ": " + " ".join(text.split()) for dim, text in reflections.items())


def allowed_context(q: Questionnaire, question_id: str) -> str:
    question = next(c for c in q.context if c.id == question_id)
    return " / ".join(o.id for o in question.options)


def context_note(q: Questionnaire, lang: str) -> str:
    """What the template's context and framework columns may hold, in `lang`."""
    parts = [
        f"{c.id}: " + ", ".join(f"{o.id} = {pick(o.label, lang)}" for o in c.options)
        for c in q.context
    ]
    labels = framework_labels(lang)
    if q.framework:
        parts.append(
            gettext_in(lang, "framework conditions ({ids})").format(
                ids=", ".join(f.id for f in q.framework)
            )
            + ": "
            + ", ".join(f"{a} = {labels[a]}" for a in FRAMEWORK_ANSWERS)
        )
    return "; ".join(parts)
