"""An Excel template for typing in answers from paper: one row per respondent.

Sheet "Antworten"/"Answers": the header row `batch` understands (name, organisation,
tandem, then the item ids), each item's text as the header cell's comment, and in every
answer cell a drop-down of the scale labels and "cannot judge" (a list on the sheet
"Werte"/"Values", so labels may hold commas). Sheet "Fragen"/"Items": id, dimension, text
and the allowed answers. batch reads the file back unchanged: labels are answers it knows.
"""

from __future__ import annotations

import io

from netzkompetenz.core.model import Questionnaire
from netzkompetenz.i18n import pick
from netzkompetenz.io.survey_tools import RESPONDENT_FIELDS

ROWS = 500  # answer rows with a drop-down
SHEETS = {"de": ("Antworten", "Fragen", "Werte"), "en": ("Answers", "Items", "Values")}
ITEM_HEADER = {"de": ("Spalte", "Dimension", "Aussage", "Bedingung"),
               "en": ("column", "dimension", "statement", "condition")}
HOW_TO = {
    "de": "Eine Zeile je Person. In jeder Antwortzelle eine Antwort aus der Liste wählen; "
          "leer lassen, wenn nicht beantwortet. „{cannot}“ zählt nicht als niedrige "
          "Bewertung (im Check die 0).",
    "en": "One row per person. In each answer cell choose an answer from the list; leave it "
          "empty if not answered. “{cannot}” does not count as a low rating (0 in the check).",
}


def template_bytes(questionnaire: Questionnaire, lang: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.worksheet import Worksheet

    q = questionnaire
    lang = lang if lang in q.languages else q.languages[0]
    answers_name, items_name, values_name = SHEETS.get(lang, SHEETS["en"])
    labels = [pick(p.label, lang) for p in q.scale.points] + \
        [pick(q.scale.cannot_judge, lang)]
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)  # a new workbook starts with one worksheet
    sheet.title = answers_name
    header = [*RESPONDENT_FIELDS, *(item.id for item in q.items)]
    for col, value in enumerate(header, 1):
        cell = sheet.cell(row=1, column=col, value=value)
        cell.data_type = "s"
    first = len(RESPONDENT_FIELDS) + 1
    for col, item in enumerate(q.items, first):
        sheet.cell(row=1, column=col).comment = Comment(pick(item.text, lang), "netzkompetenz")
    sheet.freeze_panes = "B2"

    values = book.create_sheet(values_name)
    for row, label in enumerate(labels, 1):
        values.cell(row=row, column=1, value=label).data_type = "s"
    values.sheet_state = "hidden"
    choice = DataValidation(type="list", allow_blank=True, showErrorMessage=True,
                            formula1=f"'{values_name}'!$A$1:$A${len(labels)}",
                            errorTitle="netzkompetenz", error=" / ".join(labels))
    last = _column(len(header))
    choice.add(f"{_column(first)}2:{last}{ROWS + 1}")
    sheet.add_data_validation(choice)

    items = book.create_sheet(items_name)
    items.append([HOW_TO.get(lang, HOW_TO["en"]).format(cannot=labels[-1])])
    items.append(list(ITEM_HEADER.get(lang, ITEM_HEADER["en"])))
    for item in q.items:
        condition = item.condition
        rule = "" if condition is None else f"{condition.item}: " \
            f"{q.scale.min if condition.min is None else condition.min}–" \
            f"{q.scale.max if condition.max is None else condition.max}"
        items.append([item.id, pick(q.dimension(item.dimension).title, lang),
                      pick(item.text, lang), rule])
    items.append([])
    items.append([" / ".join(labels)])
    for row in items.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # texts, never formulas
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _column(n: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(n)
