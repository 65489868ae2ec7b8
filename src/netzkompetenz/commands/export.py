"""`export`: a questionnaire for survey tools."""

from __future__ import annotations

from pathlib import Path

from netzkompetenz.errors import UsageError
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.io.files import atomic_write
from netzkompetenz.io.forms import FORMATS, csv_template, xlsform_bytes
from netzkompetenz.views import output as output_
from netzkompetenz.views.texts import text


def run(catalog: Catalog, questionnaire_ref: str, fmt: str, output: Path, *,
               lang: str | None = None) -> None:
    language = lang or "de"
    if fmt not in FORMATS:
        raise UsageError(text("export_bad_format", language, format=fmt))
    expected = ".xlsx" if fmt == "xlsform" else ".csv"
    if output.suffix.lower() != expected:
        raise UsageError(text("export_bad_suffix", language, format=fmt, suffix=expected,
                              file=output))
    questionnaire = catalog.questionnaire(questionnaire_ref)
    data = xlsform_bytes(questionnaire) if fmt == "xlsform" else csv_template(questionnaire)
    atomic_write(output, data)
    output_.say(text("export_written", language, file=output, format=fmt,
               items=len(questionnaire.items)))
