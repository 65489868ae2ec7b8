"""What survey tools write into the exports of this tool's own forms, recognised without a
mapping file: batch asks here when its own rules (ids, item texts, common names) found
nothing.

- LimeSurvey (a survey from `export --format limesurvey`): headings "question code"
  (`K1[K101]`, or `K1_K101` as expression codes), "full question text" (`Frage [Aussage]`),
  "question code & question text" (`K1[K101]. Frage [Aussage]`, or without a separator
  as RemoteControl's `export_responses` writes it, `K1[K101]Frage [Aussage]`,
  `submitdateDatum Abgeschickt`: split at the survey's own codes), spaces as underscores;
  system columns under their text headings (`Date submitted`, `Datum Abgeschickt`); the
  answer codes A1..A5 and the no-score codes (KE, NZ). Refused, with the setting to
  choose instead: a LimeSurvey export without `submitdate` (io/columns.py) and
  "Abbreviated question text" headings (`HeaderGuide.abbreviated`).
- KoBoToolbox/ODK label exports of `export --format xlsform`: the respondent questions'
  labels („Name oder Pseudonym“ …), with or without the group label in front (`Gruppe/…`).
- Microsoft and Google Forms: a form question for the name beside the built-in `Name`
  column; batch takes the first filled one per row (`prefer_over_builtin`).
- Cells that are answer codes of another tool (`A6`, `-oth-`) get a rejection reason that
  says how to map them.
"""

from __future__ import annotations

import re

from netzkompetenz.core.model import CANNOT_JUDGE, Questionnaire
from netzkompetenz.i18n import _
from netzkompetenz.io import limesurvey
from netzkompetenz.io.survey_tools import RESPONDENT_FIELDS, normalise, respondent_texts

BUILTIN_NAME_HEADERS = {"name"}
"""Microsoft Forms fills its own `Name` column only for signed-in respondents; a form's
own question for the name (possibly a pseudonym) is preferred where both are filled."""
_ABBREVIATED = re.compile(r"^(?P<q>.*?)(?:\.\.)?\s*\[(?P<sq>.*?)(?:\.\.)?\s*\]$", re.S)
_FOREIGN_CODE = re.compile(r"^(A\d{1,3}|SQ\d{1,4}|AO\d{1,3}|-oth-|N/?A|-)$", re.I)


class HeaderGuide:
    def __init__(self, questionnaire: Questionnaire) -> None:
        self.normalise = normalise
        self.q = questionnaire
        self.codes = limesurvey.codes_for(questionnaire)
        self.column_codes = limesurvey.column_codes(questionnaire)
        self.index = {item.id: n for n, item in enumerate(questionnaire.items)}
        self.by_text: dict[str, int | None] = {}
        for n, item in enumerate(questionnaire.items):
            for label in item.text.values():
                key = normalise(label)
                self.by_text[key] = None if self.by_text.get(key, n) != n else n
        self.respondent_labels = {
            normalise(respondent_texts(lang)[f]): f
            for f in RESPONDENT_FIELDS
            for lang in ("de", "en")
        }
        self.item_texts = {_folded(t) for item in questionnaire.items for t in item.text.values()}
        self.question_texts = {_folded(respondent_texts(lang)["question"]) for lang in ("de", "en")}
        self.system_labels = {
            normalise(label): name
            for name, labels in limesurvey.SYSTEM_HEADINGS.items()
            for label in labels
        }

    # --- columns ---

    def item(self, header: str) -> int | None:
        heading = limesurvey.split_heading(header, self.column_codes)
        if heading and heading.subquestion:
            item_id = self.codes.item_at(heading.code, heading.subquestion)
            if item_id is not None:
                return self.index[item_id]
        for candidate in self._texts(header, heading):
            found = self.by_text.get(self.normalise(candidate))
            if found is not None:
                return found
        return None

    def respondent(self, header: str) -> str | None:
        heading = limesurvey.split_heading(header, self.column_codes)
        if (
            heading
            and heading.subquestion is None
            and heading.code.casefold() in RESPONDENT_FIELDS
            and (heading.text is None or self._label(heading.text, self.respondent_labels))
        ):
            return heading.code.casefold()
        for candidate in self._texts(header, heading):
            found = self._label(candidate, self.respondent_labels)
            if found:
                return found
        return None

    def system(self, header: str) -> str | None:
        """The LimeSurvey system field of the column (`submitdate`, `lastpage` …) or None."""
        heading = limesurvey.split_heading(header, self.column_codes)
        code = heading.code.casefold() if heading and heading.subquestion is None else ""
        if code in limesurvey.SYSTEM_FIELDS:
            if heading and heading.text:
                # "code & text": the text must be the column's own, so that an item text
                # starting with "Seed" or "Token" is not taken for a system column
                own = self._system_label(heading.text) == code
                return code if own else self._system_label(header)
            return code
        return self._system_label(header)

    def abbreviated(self, header: str) -> bool:
        """An item column under LimeSurvey's "Abbreviated question text" heading: the
        question's and the statement's text each cut (15 characters by default) and marked
        with `..`, `Wie sehr treffe..  [Ich weiß, welch.. ]`. Several items start alike, so
        the column cannot be placed; batch refuses the file with the setting to choose."""
        parts = _ABBREVIATED.match(header.replace("_", " ").strip())
        if not parts or ".." not in header:
            return False
        question, statement = _folded(parts["q"]), _folded(parts["sq"])
        return (
            bool(question and statement)
            and any(t.startswith(question) for t in self.question_texts)
            and any(t.startswith(statement) for t in self.item_texts)
        )

    def _system_label(self, value: str) -> str | None:
        return self.system_labels.get(self.normalise(value)) or self.system_labels.get(
            self.normalise(value.replace("_", " "))
        )

    def _label(self, value: str, labels: dict[str, str]) -> str | None:
        return labels.get(self.normalise(value))

    def _texts(self, header: str, heading: limesurvey.Heading | None) -> list[str]:
        """The header's text parts: after a LimeSurvey code, in brackets (grids), after a
        group label (`Gruppe/Frage`), with underscores as spaces."""
        texts = [header]
        if heading and heading.text:
            texts.append(heading.text)
        for value in list(texts):
            bracket = re.match(r"^.*?\[([^\]]*)\]\s*$", value, re.S)
            if bracket:
                texts.append(bracket.group(1))
            if "/" in value:
                texts.append(value.rsplit("/", 1)[1])
        return texts + [t.replace("_", " ") for t in texts if "_" in t]

    # --- cells ---

    def answer_names(self) -> dict[str, int | str]:
        """Answer codes of the LimeSurvey survey (normalised like every cell) -> value."""
        return {self.normalise(a.code): a.value for a in self.codes.answers}

    @staticmethod
    def hint(cell: str) -> str:
        """A rejection's advice for a cell that looks like another tool's answer code."""
        value = cell.strip()
        if value == "0":  # the check's key for "cannot judge"; a template user types it
            return "; " + _(
                '0 is no value of the scale: for "cannot judge" write cannot_judge '
                "or its label (kann ich nicht einschätzen), or map it in a "
                "--mapping file (answers: {mapping})"
            ).format(mapping='{"0": cannot_judge}')
        if not _FOREIGN_CODE.match(value):
            return ""
        return "; " + _(
            "'{value}' looks like a survey tool's answer code: if it means "
            '"cannot judge", map it in a --mapping file (answers: {mapping}), or '
            "give a scale value (answers: {example})"
        ).format(value=value, mapping=f'{{"{value}": {CANNOT_JUDGE}}}', example=f'{{"{value}": 3}}')


def _folded(text: str) -> str:
    """Text compared by prefix: case, spacing and LimeSurvey's underscores for spaces ignored."""
    return " ".join(text.replace("_", " ").split()).casefold()


def prefer_over_builtin(headers: list[str], columns: list[int]) -> list[int]:
    """Columns for one respondent field, in the order they are tried per row: a form's own
    question before the tool's built-in `Name` column."""
    return sorted(columns, key=lambda c: headers[c].strip().casefold() in BUILTIN_NAME_HEADERS)
