"""`export`: a questionnaire for survey tools."""

from __future__ import annotations

from pathlib import Path

from netzkompetenz.i18n import _, choose_language, ngettext, set_language
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.io.csv_format import CSV_DIALECTS
from netzkompetenz.io.files import atomic_write, output_format
from netzkompetenz.io.forms import FORMATS, csv_template, xlsform_bytes
from netzkompetenz.views import output as output_


def run(
    catalog: Catalog,
    questionnaire_ref: str,
    fmt: str,
    output: Path,
    *,
    lang: str | None = None,
    csv_dialect: str = "standard",
) -> None:
    expected = FORMATS[fmt]  # the command line accepts only these formats
    output_format(
        output,
        {expected: fmt},
        _("{file}: --format {format} needs a file ending in {suffix}.").format(
            format=fmt, suffix=expected, file=output
        ),
    )
    questionnaire = catalog.questionnaire(questionnaire_ref)
    language = set_language(choose_language(lang, questionnaire.languages[0]))
    data: str | bytes
    if fmt == "limesurvey":
        from netzkompetenz.io.limesurvey import survey_file

        data = survey_file(questionnaire)
    elif fmt == "xlsx-template":
        from netzkompetenz.io.xlsxtemplate import template_bytes

        data = template_bytes(questionnaire, language)
    elif fmt == "ods-template":
        from netzkompetenz.io.xlsxtemplate import ods_template_bytes

        data = ods_template_bytes(questionnaire, language)
    elif fmt == "xlsform":
        data = xlsform_bytes(questionnaire)
    else:
        data = csv_template(questionnaire, language, CSV_DIALECTS[csv_dialect])
    atomic_write(output, data)
    output_.say(
        ngettext(
            "Wrote {format} with {items} item: {file}",
            "Wrote {format} with {items} items: {file}",
            len(questionnaire.items),
        ).format(file=output, format=fmt, items=len(questionnaire.items))
    )
