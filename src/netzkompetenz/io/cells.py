"""Cell texts of a survey export as answer codes for the matrix scorer."""

from __future__ import annotations

from netzkompetenz.core.answers import check_value
from netzkompetenz.core.model import CANNOT_JUDGE, NOT_APPLICABLE, Questionnaire
from netzkompetenz.core.rules import CANNOT_JUDGE as CANNOT
from netzkompetenz.core.rules import NOT_APPLICABLE as NOT_APPLICABLE_CODE
from netzkompetenz.io.mapping import ColumnMapping
from netzkompetenz.io.survey_tools import normalise
from netzkompetenz.io.surveyheaders import HeaderGuide
from netzkompetenz.io.table import parse_number

BAD = 127  # code of a cell that is not a valid answer
_CACHE_LIMIT = 10_000  # distinct cell texts remembered (bounded: garbage can be endless)


class CellCodes(dict[str, int]):
    """Cell text -> answer code (0 blank, -1 cannot judge, -2 not applicable, k = k-th
    scale point; BAD).

    A memo of check_value: a text not seen before is converted (number with decimal
    point or comma, answer code, label in any language) and checked once."""

    def __init__(self, questionnaire: Questionnaire, mapping: ColumnMapping) -> None:
        super().__init__()
        self.questionnaire = questionnaire
        points = questionnaire.scale.points
        self.code_of_value = {p.value: k + 1 for k, p in enumerate(points)}
        self.no_score = {CANNOT_JUDGE: CANNOT, NOT_APPLICABLE: NOT_APPLICABLE_CODE}
        scale = questionnaire.scale
        named: dict[str, int | str] = {normalise(CANNOT_JUDGE): CANNOT_JUDGE}
        for answer, labels in (
            (CANNOT_JUDGE, scale.cannot_judge),
            (NOT_APPLICABLE, scale.not_applicable),
        ):
            if labels is None:  # "not applicable" only where the questionnaire offers it
                continue
            named[normalise(answer)] = answer
            for label in labels.values():
                named[normalise(label)] = answer
                # its words before a bracket too: the bracket explains, and an export of a
                # form with an earlier explanation still reads ("keine Gelegenheit (…)")
                short = label.split(" (")[0]
                if short != label:
                    named.setdefault(normalise(short), answer)
            code = getattr(scale.codes, answer, None)
            if code:
                named[normalise(code)] = answer
        for p in points:
            if p.code:
                named[normalise(p.code)] = p.value
            for label in p.label.values():
                named[normalise(label)] = p.value
        named.update(HeaderGuide(questionnaire).answer_names())  # LimeSurvey A1.., KE, NZ
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
        # an unscored answer in an earlier wording: the same words before its bracket
        short = self.named.get(normalise(stripped.split(" (")[0]))
        if isinstance(short, str):
            return short
        number = parse_number(stripped)
        return stripped if number is None else number

    def check(self, cell: str) -> tuple[int, str | None]:
        """The cell's code, or BAD and why (in the language of the run)."""
        value, reason = check_value(self.questionnaire, "", self.convert(cell))
        if reason:
            return BAD, str(reason) + HeaderGuide.hint(cell)
        if value is None:
            return 0, None
        if isinstance(value, str):  # cannot_judge or not_applicable (checked)
            return self.no_score[value], None
        return self.code_of_value[value], None

    def __missing__(self, cell: str) -> int:
        code, _ = self.check(cell)
        if len(self) < _CACHE_LIMIT:
            self[cell] = code & 0xFF
        return code & 0xFF
