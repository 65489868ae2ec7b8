"""Spreadsheet templates for typing in answers from paper: one row per respondent, as
Excel (.xlsx, openpyxl) and OpenDocument (.ods) file with the same sheets and drop-downs.

Sheet "Antworten"/"Answers": the header row `batch` understands (name, organisation,
tandem, then the item ids), each item's text as the header cell's comment, and in every
answer cell a drop-down of the scale labels and "cannot judge" (a list on the sheet
"Werte"/"Values", so labels may hold commas). Sheet "Fragen"/"Items": id, dimension, text
and the allowed answers. batch reads the file back unchanged: labels are answers it knows.

The content is built once (`template_book`); each writer only lays it out. The .ods is
written as OpenDocument XML with zipfile: no maintained Python library writes ODS
validity lists (odfpy, last released 2020, would need the same XML by hand; pyexcel-ods
and pandas write values only).
"""

from __future__ import annotations

import io
import itertools
import zipfile
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from netzkompetenz.core.model import Questionnaire
from netzkompetenz.i18n import current_language, pick
from netzkompetenz.io.survey_tools import SELF_CHECK, FormHead
from netzkompetenz.io.unscored import REFLECTION_SUFFIX, context_note, framework_labels
from netzkompetenz.io.xlsx_out import zip_entry

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


@dataclass(frozen=True)
class DropDown:
    """A drop-down list: its options, on the values sheet in column `source` (1-based),
    offered in the answer sheet's columns `first` to `last` (1-based), rows 2 to ROWS+1."""

    options: list[str]
    source: int
    first: int
    last: int


@dataclass
class TemplateBook:
    """What both templates hold, whatever the file format."""

    sheets: tuple[str, str, str]  # answers, items, values
    header: list[str]
    comments: dict[int, str] = field(default_factory=dict)  # column (1-based) -> text
    drop_downs: list[DropDown] = field(default_factory=list)
    items: list[list[str]] = field(default_factory=list)  # rows of the items sheet


def template_book(questionnaire: Questionnaire, head: FormHead = SELF_CHECK) -> TemplateBook:
    """The template in the run's language, else (one the questionnaire lacks) in the
    questionnaire's first: every text of the book in that one language."""
    q = questionnaire
    lang = current_language() if current_language() in q.languages else q.languages[0]
    labels = (
        [pick(p.label, lang) for p in q.scale.points]
        + [pick(q.scale.cannot_judge, lang)]
        + ([pick(q.scale.not_applicable, lang)] if q.scale.not_applicable else [])
    )
    reflections = [d for d in q.dimensions if d.reflection is not None]
    book = TemplateBook(
        SHEETS.get(lang, SHEETS["en"]),
        [
            *head.fields,
            *(item.id for item in q.items),
            *(c.id for c in q.context),
            *(f.id for f in q.framework),
            *(d.id + REFLECTION_SUFFIX for d in reflections),
        ],
    )
    first = len(head.fields) + 1
    for col, item in enumerate(q.items, first):
        book.comments[col] = pick(item.text, lang)
    book.drop_downs.append(DropDown(labels, 1, first, first + len(q.items) - 1))
    # content v2, not scored: a drop-down of the options per context question and of
    # yes / no / don't know for the framework conditions (lists in further columns of
    # the values sheet); the reflections are free text
    col = first + len(q.items)
    lists = [(pick(c.text, lang), [pick(o.label, lang) for o in c.options]) for c in q.context]
    answers = list(framework_labels(lang).values())
    lists += [(pick(f.text, lang), answers) for f in q.framework]
    for n, (text, options) in enumerate(lists, 2):
        book.drop_downs.append(DropDown(options, n, col, col))
        book.comments[col] = text
        col += 1
    for dim in reflections:
        assert dim.reflection is not None  # only dimensions with a prompt have a column
        book.comments[col] = pick(dim.reflection, lang)
        col += 1

    items = book.items
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
    return book


def template_bytes(questionnaire: Questionnaire, head: FormHead = SELF_CHECK) -> bytes:
    """The template as an Excel workbook."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.worksheet import Worksheet

    content = template_book(questionnaire, head)
    answers_name, items_name, values_name = content.sheets
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)  # a new workbook starts with one worksheet
    sheet.title = answers_name
    for col, value in enumerate(content.header, 1):
        cell = sheet.cell(row=1, column=col, value=value)
        cell.data_type = "s"
    for col, text in content.comments.items():
        sheet.cell(row=1, column=col).comment = Comment(text, "netzkompetenz")
    sheet.freeze_panes = "B2"

    values = book.create_sheet(values_name)
    for drop_down in content.drop_downs:
        for row, label in enumerate(drop_down.options, 1):
            values.cell(row=row, column=drop_down.source, value=label).data_type = "s"
        letter = _column(drop_down.source)
        validation = DataValidation(
            type="list",
            allow_blank=True,
            showErrorMessage=True,
            formula1=f"'{values_name}'!${letter}$1:${letter}${len(drop_down.options)}",
            errorTitle="netzkompetenz",
            error=" / ".join(drop_down.options),
        )
        validation.add(f"{_column(drop_down.first)}2:{_column(drop_down.last)}{ROWS + 1}")
        sheet.add_data_validation(validation)
    values.sheet_state = "hidden"

    items = book.create_sheet(items_name)
    for cells in content.items:
        items.append(cells)
    for row in items.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # texts, never formulas
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


_ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
_ODS_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" '
    'office:version="1.3"'
)
_ODS_MANIFEST = f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" \
manifest:version="1.3">\
<manifest:file-entry manifest:full-path="/" manifest:version="1.3" \
manifest:media-type="{_ODS_MIMETYPE}"/>\
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>\
</manifest:manifest>"""


def ods_template_bytes(questionnaire: Questionnaire, head: FormHead = SELF_CHECK) -> bytes:
    """The template as an OpenDocument spreadsheet (LibreOffice Calc): the same sheets,
    comments and drop-downs (content validations: a list on the hidden values sheet)."""
    content = template_book(questionnaire, head)
    answers_name, items_name, values_name = content.sheets
    source = _ods_sheet_name(values_name)
    validations = []
    for n, drop_down in enumerate(content.drop_downs, 1):
        letter = _column(drop_down.source)
        ref = f"[{source}.${letter}$1:.${letter}${len(drop_down.options)}]"
        validations.append(
            f'<table:content-validation table:name="list{n}" '
            f'table:condition="of:cell-content-is-in-list({ref})" '
            'table:allow-empty-cell="true" table:display-list="unsorted" '
            f"table:base-cell-address={quoteattr(_ods_sheet_name(answers_name) + '.A1')}>"
            '<table:error-message table:title="netzkompetenz" table:display="true" '
            'table:message-type="stop">'
            f"{_ods_paragraph(' / '.join(drop_down.options))}"
            "</table:error-message></table:content-validation>"
        )
    # the answer rows are alike: one row element, repeated (cells run by validity list)
    validity: list[str | None] = [None] * len(content.header)
    for n, drop_down in enumerate(content.drop_downs, 1):
        for col in range(drop_down.first, drop_down.last + 1):
            validity[col - 1] = f"list{n}"
    runs = [(name, len(list(group))) for name, group in itertools.groupby(validity)]
    answer_row = "".join(
        "<table:table-cell"
        + (f' table:content-validation-name="{name}"' if name else "")
        + (f' table:number-columns-repeated="{count}"' if count > 1 else "")
        + "/>"
        for name, count in runs
    )
    header = "".join(
        _ods_cell(text, content.comments.get(col)) for col, text in enumerate(content.header, 1)
    )
    width = max(d.source for d in content.drop_downs)
    value_rows = []
    for row in range(max(len(d.options) for d in content.drop_downs)):
        cells = [""] * width
        for drop_down in content.drop_downs:
            if row < len(drop_down.options):
                cells[drop_down.source - 1] = drop_down.options[row]
        value_rows.append(cells)
    body = (
        f"<table:content-validations>{''.join(validations)}</table:content-validations>"
        + _ods_table(
            answers_name,
            "visible",
            f"<table:table-row>{header}</table:table-row>"
            f'<table:table-row table:number-rows-repeated="{ROWS}">{answer_row}</table:table-row>',
        )
        + _ods_table(values_name, "hidden", _ods_rows(value_rows))
        + _ods_table(items_name, "visible", _ods_rows(content.items))
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f"<office:document-content {_ODS_NAMESPACES}>"
        "<office:automatic-styles>"
        '<style:style style:name="visible" style:family="table">'
        '<style:table-properties table:display="true"/></style:style>'
        '<style:style style:name="hidden" style:family="table">'
        '<style:table-properties table:display="false"/></style:style>'
        "</office:automatic-styles>"
        f"<office:body><office:spreadsheet>{body}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        # the mimetype first and uncompressed, so that the file type is told by its start
        archive.writestr(zip_entry("mimetype", compress=False), _ODS_MIMETYPE)
        archive.writestr(zip_entry("META-INF/manifest.xml"), _ODS_MANIFEST)
        archive.writestr(zip_entry("content.xml"), document)
    return buffer.getvalue()


def _ods_sheet_name(name: str) -> str:
    """A sheet's name in a cell reference: quoted (the names may be translated)."""
    return "$'" + name.replace("'", "''") + "'"


def _ods_paragraph(text: str) -> str:
    return f"<text:p>{escape(text)}</text:p>"


def _ods_cell(text: str, comment: str | None = None) -> str:
    """A text cell (always text, never a formula), with its comment."""
    if not text and comment is None:
        return "<table:table-cell/>"
    note = (
        ""
        if comment is None
        else f"<office:annotation><dc:creator>netzkompetenz</dc:creator>"
        f"{_ods_paragraph(comment)}</office:annotation>"
    )
    return (
        f'<table:table-cell office:value-type="string">{note}{_ods_paragraph(text)}'
        "</table:table-cell>"
    )


def _ods_rows(rows: list[list[str]]) -> str:
    return "".join(
        f"<table:table-row>{''.join(map(_ods_cell, cells)) or '<table:table-cell/>'}"
        "</table:table-row>"
        for cells in rows
    )


def _ods_table(name: str, style: str, rows: str) -> str:
    return (
        f"<table:table table:name={quoteattr(name)} table:style-name={quoteattr(style)}>"
        f"<table:table-column/>{rows}</table:table>"
    )


def _column(n: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(n)
