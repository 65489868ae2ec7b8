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
from netzkompetenz.io.unscored import REFLECTION_SUFFIX, context_note, framework_labels

ROWS = 500  # answer rows with a drop-down
SHEETS = {"de": ("Antworten", "Fragen", "Werte"), "en": ("Answers", "Items", "Values")}
ITEM_HEADER = {
    "de": ("Spalte", "Dimension", "Aussage", "Bedingung"),
    "en": ("column", "dimension", "statement", "condition"),
}
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
    labels = (
        [pick(p.label, lang) for p in q.scale.points]
        + [pick(q.scale.cannot_judge, lang)]
        + ([pick(q.scale.not_applicable, lang)] if q.scale.not_applicable else [])
    )
    reflections = [d for d in q.dimensions if d.reflection is not None]
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)  # a new workbook starts with one worksheet
    sheet.title = answers_name
    header = [
        *RESPONDENT_FIELDS,
        *(item.id for item in q.items),
        *(c.id for c in q.context),
        *(f.id for f in q.framework),
        *(d.id + REFLECTION_SUFFIX for d in reflections),
    ]
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
    choice = DataValidation(
        type="list",
        allow_blank=True,
        showErrorMessage=True,
        formula1=f"'{values_name}'!$A$1:$A${len(labels)}",
        errorTitle="netzkompetenz",
        error=" / ".join(labels),
    )
    choice.add(f"{_column(first)}2:{_column(first + len(q.items) - 1)}{ROWS + 1}")
    sheet.add_data_validation(choice)
    # content v2, not scored: a drop-down of the options per context question and of
    # yes / no / don't know for the framework conditions (lists in further columns of
    # the values sheet); the reflections are free text
    col = first + len(q.items)
    lists = [
        (c.id, pick(c.text, lang), [pick(o.label, lang) for o in c.options]) for c in q.context
    ]
    answers = list(framework_labels(lang).values())
    lists += [(f.id, pick(f.text, lang), answers) for f in q.framework]
    for n, (_id, text, options) in enumerate(lists, 2):
        for row, label in enumerate(options, 1):
            values.cell(row=row, column=n, value=label).data_type = "s"
        letter = _column(n)
        unscored = DataValidation(
            type="list",
            allow_blank=True,
            showErrorMessage=True,
            formula1=f"'{values_name}'!${letter}$1:${letter}${len(options)}",
            errorTitle="netzkompetenz",
            error=" / ".join(options),
        )
        unscored.add(f"{_column(col)}2:{_column(col)}{ROWS + 1}")
        sheet.add_data_validation(unscored)
        sheet.cell(row=1, column=col).comment = Comment(text, "netzkompetenz")
        col += 1
    for dim in reflections:
        assert dim.reflection is not None  # only dimensions with a prompt have a column
        sheet.cell(row=1, column=col).comment = Comment(pick(dim.reflection, lang), "netzkompetenz")
        col += 1

    items = book.create_sheet(items_name)
    items.append([HOW_TO.get(lang, HOW_TO["en"]).format(cannot=labels[-1])])
    items.append(list(ITEM_HEADER.get(lang, ITEM_HEADER["en"])))
    for item in q.items:
        condition = item.condition
        rule = (
            ""
            if condition is None
            else f"{condition.context} = {' / '.join(condition.in_ or [])}"
            if condition.context is not None
            else f"{condition.item}: "
            f"{q.scale.min if condition.min is None else condition.min}–"
            f"{q.scale.max if condition.max is None else condition.max}"
        )
        items.append(
            [item.id, pick(q.dimension(item.dimension).title, lang), pick(item.text, lang), rule]
        )
    for question in q.context:
        items.append(
            [
                question.id,
                "–",
                pick(question.text, lang),
                "",
                " / ".join(f"{o.id} = {pick(o.label, lang)}" for o in question.options),
            ]
        )
    for entry in q.framework:
        items.append(
            [
                entry.id,
                "–",
                pick(entry.text, lang),
                "",
                " / ".join(f"{a} = {label}" for a, label in framework_labels(lang).items()),
            ]
        )
    for dim in reflections:
        assert dim.reflection is not None
        items.append(
            [
                dim.id + REFLECTION_SUFFIX,
                pick(dim.title, lang),
                pick(dim.reflection, lang),
                "",
                "--include-comments",
            ]
        )
    items.append([])
    items.append([" / ".join(labels)])
    if q.context or q.framework:
        items.append([context_note(q, lang)])
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
