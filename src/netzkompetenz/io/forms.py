"""A questionnaire for survey tools: an XLSForm (KoBoToolbox, ODK) and an empty CSV template.

Both are built so that what the tools export back batch-scores without a mapping file:
- question names are the item ids (KoBo/ODK put them in the column headers, with the
  group path in front: `K1/K1_01` in KoBo, `K1-K1_01` in ODK Central);
- choice names are the scale values (`1`..`5`) and, for "kann ich nicht einschätzen",
  `cannot_judge`, which is exactly how answers store it;
- respondent questions are named like the CSV template's columns (name, organisation, tandem).
"""

from __future__ import annotations

import io

from netzkompetenz.core.model import (
    CANNOT_JUDGE,
    FRAMEWORK_ANSWERS,
    NOT_APPLICABLE,
    Condition,
    Questionnaire,
)
from netzkompetenz.i18n import _, gettext_in, language, pick
from netzkompetenz.io.csv_format import STANDARD, CsvDialect, csv_bytes
from netzkompetenz.io.survey_tools import RESPONDENT_FIELDS, respondent_texts

FORMATS = {
    "xlsform": ".xlsx",
    "csv-template": ".csv",
    "limesurvey": ".txt",
    "xlsx-template": ".xlsx",
    "ods-template": ".ods",
}  # -> the file's suffix
CHOICE_LIST = "scale"
NOTE_MARK = "#"
"""A row whose first cell starts with this is a note for people (the template's second
row says which values are allowed): batch skips it."""
LANGUAGE_NAMES = {
    "de": "German",
    "en": "English",
    "fr": "French",
    "tr": "Turkish",
    "ar": "Arabic",
    "uk": "Ukrainian",
    "ru": "Russian",
    "pl": "Polish",
}


def language_column(column: str, lang: str) -> str:
    """XLSForm's language columns look like `label::German (de)`."""
    return f"{column}::{LANGUAGE_NAMES.get(lang, lang)} ({lang})"


def relevant(condition: Condition | None) -> str:
    """The XPath of an item's condition. number() of an empty or `cannot_judge` answer is
    NaN, and every comparison with NaN is false: the item is then not asked, as in scoring."""
    if condition is None:
        return ""
    if condition.context is not None:  # v2: the context question (select_one) by its id
        return " or ".join(
            f"${{{condition.context}}} = '{option}'" for option in condition.in_ or []
        )
    ref = f"number(${{{condition.item}}})"
    parts = []
    if condition.min is not None:
        parts.append(f"{ref} >= {condition.min}")
    if condition.max is not None:
        parts.append(f"{ref} <= {condition.max}")
    return " and ".join(parts)


def group_name(questionnaire: Questionnaire, dimension_id: str) -> str:
    """A dimension's group is named by its id, unless an item has that id already."""
    item_ids = {i.id for i in questionnaire.items} | set(RESPONDENT_FIELDS)
    return dimension_id if dimension_id not in item_ids else f"dim_{dimension_id}"


def xlsform_sheets(questionnaire: Questionnaire) -> dict[str, list[list[str]]]:
    """The three XLSForm sheets as rows of cells: survey, choices, settings."""
    q, langs = questionnaire, questionnaire.languages
    labels = [language_column("label", lang) for lang in langs]
    hints = [language_column("hint", lang) for lang in langs]
    survey = [["type", "name", *labels, *hints, "relevant", "appearance"]]

    def row(
        kind: str,
        name: str,
        label: list[str],
        hint: list[str] | None = None,
        condition: str = "",
        appearance: str = "",
    ) -> list[str]:
        return [kind, name, *label, *(hint or [""] * len(langs)), condition, appearance]

    texts = {lang: respondent_texts(lang) for lang in langs}
    survey.append(
        row(
            "begin_group",
            "respondent",
            [texts[lang]["respondent"] for lang in langs],
            appearance="field-list",
        )
    )
    for field in RESPONDENT_FIELDS:
        survey.append(
            row(
                "text",
                field,
                [texts[lang][field] for lang in langs],
                [texts[lang][f"{field}_hint"] for lang in langs],
            )
        )
    survey.append(row("end_group", "", [""] * len(langs)))
    if q.context:  # v2: unscored, before the items; the items' relevance refers to them
        survey.append(
            row(
                "begin_group",
                "context",
                [gettext_in(lang, "About your situation") for lang in langs],
                appearance="field-list",
            )
        )
        for question in q.context:
            survey.append(
                row(
                    f"select_one context_{question.id}",
                    question.id,
                    [pick(question.text, lang) for lang in langs],
                )
            )
        survey.append(row("end_group", "", [""] * len(langs)))
    for dim in q.dimensions:
        name = group_name(q, dim.id)
        survey.append(
            row(
                "begin_group",
                name,
                [pick(dim.title, lang) for lang in langs],
                appearance="field-list",
            )
        )
        survey.append(row("note", f"{name}_note", [pick(dim.description, lang) for lang in langs]))
        for item in q.items_of(dim.id):
            survey.append(
                row(
                    f"select_one {CHOICE_LIST}",
                    item.id,
                    [pick(item.text, lang) for lang in langs],
                    condition=relevant(item.condition),
                )
            )
        survey.append(row("end_group", "", [""] * len(langs)))
    if q.framework:  # v2: unscored checklist after the items
        survey.append(
            row(
                "begin_group",
                "framework",
                [gettext_in(lang, "Framework conditions (not scored)") for lang in langs],
                appearance="field-list",
            )
        )
        for entry in q.framework:
            survey.append(
                row("select_one framework", entry.id, [pick(entry.text, lang) for lang in langs])
            )
        survey.append(row("end_group", "", [""] * len(langs)))

    choices = [["list_name", "name", *labels]]
    for point in q.scale.points:
        choices.append(
            [CHOICE_LIST, str(point.value), *(pick(point.label, lang) for lang in langs)]
        )
    choices.append(
        [CHOICE_LIST, CANNOT_JUDGE, *(pick(q.scale.cannot_judge, lang) for lang in langs)]
    )
    if q.scale.not_applicable is not None:
        choices.append(
            [CHOICE_LIST, NOT_APPLICABLE, *(pick(q.scale.not_applicable, lang) for lang in langs)]
        )
    for question in q.context:
        choices += [
            [f"context_{question.id}", o.id, *(pick(o.label, lang) for lang in langs)]
            for o in question.options
        ]
    if q.framework:
        choices += [
            ["framework", "yes", *(gettext_in(lang, "yes") for lang in langs)],
            ["framework", "no", *(gettext_in(lang, "no") for lang in langs)],
            ["framework", "unknown", *(gettext_in(lang, "don't know") for lang in langs)],
        ]
    settings = [
        ["form_title", "form_id", "version", "default_language"],
        [
            pick(q.title, langs[0]),
            q.id,
            q.version,
            f"{LANGUAGE_NAMES.get(langs[0], langs[0])} ({langs[0]})",
        ],
    ]
    return {"survey": survey, "choices": choices, "settings": settings}


def xlsform_bytes(questionnaire: Questionnaire) -> bytes:
    """The XLSForm as an .xlsx file. Every cell is stored as text, never as a formula;
    no apostrophe is added, because the survey tool would show it in the label."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.worksheets[0])  # the empty sheet a new workbook starts with
    for title, rows in xlsform_sheets(questionnaire).items():
        sheet = book.create_sheet(title)
        for r, cells in enumerate(rows, 1):
            for c, value in enumerate(cells, 1):
                if value != "":
                    cell = sheet.cell(row=r, column=c, value=value)
                    cell.data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def is_note_row(cells: list[str]) -> bool:
    return bool(cells) and cells[0].lstrip().startswith(NOTE_MARK)


def template_rows(questionnaire: Questionnaire, lang: str) -> list[list[str]]:
    """The header row `batch` understands (respondent columns, one column per item, then
    the unscored columns of content v2: context questions, framework conditions,
    reflections) and a note row: what each cell may hold. batch reads the file back as
    it is."""
    from netzkompetenz.io.unscored import REFLECTION_SUFFIX, allowed_context, context_note

    q = questionnaire
    no_score = [CANNOT_JUDGE] + ([NOT_APPLICABLE] if q.scale.not_applicable else [])
    with language(lang):  # the template's own language
        scale = ", ".join(f"{p.value} = {pick(p.label)}" for p in q.scale.points)
        note = _(
            "Allowed in the answer columns: {scale}; {cannot_judge} = {cannot} (not 0); "
            "empty = not answered. batch skips rows that start with #."
        ).format(scale=scale, cannot_judge=CANNOT_JUDGE, cannot=pick(q.scale.cannot_judge))
        if q.scale.not_applicable:
            note += " " + _("{not_applicable} = {label} (no score either).").format(
                not_applicable=NOT_APPLICABLE, label=pick(q.scale.not_applicable)
            )
        if q.context or q.framework:
            note += " " + _("Not scored: {allowed}; empty = not given.").format(
                allowed=context_note(q, lang)
            )
        reflections = [d for d in q.dimensions if d.reflection is not None]
        if reflections:
            note += " " + _(
                "{column}: an optional example in free text, in the outputs "
                "only with --include-comments."
            ).format(column=f"<{_('dimension')}>{REFLECTION_SUFFIX}")
        free_text = _("free text")
    # "1 / 2 / … / cannot_judge": text with letters, so no spreadsheet reads it as a date
    allowed = " / ".join([*(str(p.value) for p in q.scale.points), *no_score])
    header = [
        *RESPONDENT_FIELDS,
        *(item.id for item in q.items),
        *(c.id for c in q.context),
        *(f.id for f in q.framework),
        *(d.id + REFLECTION_SUFFIX for d in reflections),
    ]
    notes = [
        f"{NOTE_MARK} {note}",
        "",
        "",
        *[allowed] * len(q.items),
        *(allowed_context(q, c.id) for c in q.context),
        *[" / ".join(FRAMEWORK_ANSWERS)] * len(q.framework),
        *[free_text] * len(reflections),
    ]
    return [header, notes]


def csv_template(
    questionnaire: Questionnaire, lang: str = "de", dialect: CsvDialect = STANDARD
) -> bytes:
    return csv_bytes(template_rows(questionnaire, lang), dialect)
