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
from collections.abc import Callable, Mapping

from netzkompetenz.core.model import (
    CANNOT_JUDGE,
    FRAMEWORK_ANSWERS,
    NOT_APPLICABLE,
    Condition,
    Dimension,
    Questionnaire,
)
from netzkompetenz.i18n import _, current_language, gettext_in, pick
from netzkompetenz.io.csv_format import STANDARD, CsvDialect, csv_bytes
from netzkompetenz.io.survey_tools import (
    RESPONDENT_FIELDS,
    SELF_CHECK,
    FormHead,
    dimension_page_text,
    reflection_hint,
)
from netzkompetenz.io.unscored import REFLECTION_SUFFIX

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


Label = Callable[[str], str]  # language -> text


def _picked(text: dict[str, str]) -> Label:
    return lambda lang: pick(text, lang)


def _told(lang_texts: Mapping[str, Mapping[str, str]], key: str) -> Label:
    return lambda lang: lang_texts[lang][key]


class _Survey:
    """The survey sheet, row by row: a label and a hint per language."""

    def __init__(self, langs: list[str], defaults: bool) -> None:
        self.langs = langs
        self.defaults = defaults  # a column `default` only where a form prefills answers
        self.rows = [
            [
                "type",
                "name",
                *(language_column("label", lang) for lang in langs),
                *(language_column("hint", lang) for lang in langs),
                "relevant",
                "appearance",
                *(["default"] if defaults else []),
            ]
        ]

    def add(
        self,
        kind: str,
        name: str,
        label: Label | None = None,
        hint: Label | None = None,
        condition: str = "",
        appearance: str = "",
        default: str = "",
    ) -> None:
        self.rows.append(
            [
                kind,
                name,
                *(label(lang) if label else "" for lang in self.langs),
                *(hint(lang) if hint else "" for lang in self.langs),
                condition,
                appearance,
                *([default] if self.defaults else []),
            ]
        )

    def group(self, name: str, label: Label) -> None:
        self.add("begin_group", name, label, appearance="field-list")  # one page per group

    def end(self) -> None:
        self.add("end_group", "")


def xlsform_sheets(
    questionnaire: Questionnaire, head: FormHead = SELF_CHECK
) -> dict[str, list[list[str]]]:
    """The three XLSForm sheets as rows of cells: survey, choices, settings."""
    q, langs = questionnaire, questionnaire.languages
    survey = _Survey(langs, bool(head.defaults))
    texts = {lang: head.texts(lang) for lang in langs}
    survey.group("respondent", _told(texts, "respondent"))
    for name in head.fields:
        survey.add(
            "text",
            name,
            _told(texts, name),
            _told(texts, f"{name}_hint"),
            default=head.defaults.get(name, ""),
        )
    survey.end()
    if q.context:  # v2: unscored, before the items; the items' relevance refers to them
        survey.group("context", lambda lang: gettext_in(lang, "About your situation"))
        for question in q.context:
            survey.add(f"select_one context_{question.id}", question.id, _picked(question.text))
        survey.end()
    for dim in q.dimensions:
        _dimension_rows(survey, q, dim)
    if q.framework:  # v2: unscored checklist after the items
        survey.group(
            "framework", lambda lang: gettext_in(lang, "Framework conditions (not scored)")
        )
        for entry in q.framework:
            survey.add("select_one framework", entry.id, _picked(entry.text))
        survey.end()
    settings = [
        ["form_title", "form_id", "version", "default_language"],
        [
            pick(q.title, langs[0]),
            q.id + head.suffix,
            q.version,
            f"{LANGUAGE_NAMES.get(langs[0], langs[0])} ({langs[0]})",
        ],
    ]
    return {"survey": survey.rows, "choices": _choices(q), "settings": settings}


def _dimension_rows(survey: _Survey, q: Questionnaire, dim: Dimension) -> None:
    """A dimension's page: its title and description, its items, then its reflection
    prompt as the check asks it (free text, optional, never scored)."""
    name = group_name(q, dim.id)
    survey.group(name, _picked(dim.title))
    survey.add("note", f"{name}_note", lambda lang: dimension_page_text(q.scale, dim, lang))
    for item in q.items_of(dim.id):
        survey.add(
            f"select_one {CHOICE_LIST}",
            item.id,
            _picked(item.text),
            condition=relevant(item.condition),
        )
    if dim.reflection is not None:
        survey.add(
            "text",
            dim.id + REFLECTION_SUFFIX,
            _picked(dim.reflection),
            lambda lang: reflection_hint(dim, lang),
            appearance="multiline",
        )
    survey.end()


def _choices(q: Questionnaire) -> list[list[str]]:
    langs = q.languages
    choices = [["list_name", "name", *(language_column("label", lang) for lang in langs)]]
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
    return choices


def xlsform_bytes(questionnaire: Questionnaire, head: FormHead = SELF_CHECK) -> bytes:
    """The XLSForm as an .xlsx file. Every cell is stored as text, never as a formula;
    no apostrophe is added, because the survey tool would show it in the label."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.worksheets[0])  # the empty sheet a new workbook starts with
    for title, rows in xlsform_sheets(questionnaire, head).items():
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


def template_rows(questionnaire: Questionnaire, head: FormHead = SELF_CHECK) -> list[list[str]]:
    """The header row `batch` understands (respondent columns, one column per item, then
    the unscored columns of content v2: context questions, framework conditions,
    reflections) and a note row: what each cell may hold. batch reads the file back as
    it is. In the run's language."""
    from netzkompetenz.io.unscored import allowed_context, context_note

    q = questionnaire
    no_score = [CANNOT_JUDGE] + ([NOT_APPLICABLE] if q.scale.not_applicable else [])
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
            allowed=context_note(q, current_language())
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
        *head.fields,
        *(item.id for item in q.items),
        *(c.id for c in q.context),
        *(f.id for f in q.framework),
        *(d.id + REFLECTION_SUFFIX for d in reflections),
    ]
    notes = [
        f"{NOTE_MARK} {note}",
        *(head.allowed.get(f, "") for f in head.fields[1:]),
        *[allowed] * len(q.items),
        *(allowed_context(q, c.id) for c in q.context),
        *[" / ".join(FRAMEWORK_ANSWERS)] * len(q.framework),
        *[free_text] * len(reflections),
    ]
    return [header, notes]


def csv_template(
    questionnaire: Questionnaire,
    dialect: CsvDialect = STANDARD,
    head: FormHead = SELF_CHECK,
) -> bytes:
    return csv_bytes(template_rows(questionnaire, head), dialect)
