"""`export`: a questionnaire for survey tools."""

from __future__ import annotations

from pathlib import Path

from netzkompetenz.core.model import Questionnaire
from netzkompetenz.core.ratings import RELATIONS
from netzkompetenz.errors import UsageError
from netzkompetenz.i18n import _, choose_language, ngettext, set_language
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.io.csv_format import CSV_DIALECTS
from netzkompetenz.io.files import atomic_write, output_format
from netzkompetenz.io.forms import FORMATS, csv_template, xlsform_bytes
from netzkompetenz.io.rater_forms import development_only, rater_form, rater_head
from netzkompetenz.io.survey_tools import SELF_CHECK
from netzkompetenz.views import output as output_


def run(
    catalog: Catalog,
    questionnaire_ref: str,
    fmt: str,
    output: Path,
    *,
    lang: str | None = None,
    csv_dialect: str = "standard",
    relation: str | None = None,
    rated: str | None = None,
    invitation: Path | None = None,
) -> None:
    """The self-check's form, or with `relation` the rater form for that relation
    (io/rater_forms.py), `rated` prefilled as the rated person."""
    expected = FORMATS[fmt]  # the command line accepts only these formats
    output_format(
        output,
        {expected: fmt},
        _("{file}: --format {format} needs a file ending in {suffix}.").format(
            format=fmt, suffix=expected, file=output
        ),
    )
    questionnaire = catalog.questionnaire(questionnaire_ref)
    if invitation is not None:  # the rated person and the version, as the person invited
        questionnaire, rated = _invited(catalog, invitation, questionnaire, relation, rated)
    set_language(choose_language(lang, questionnaire.languages[0]))
    head = SELF_CHECK
    if relation is not None:
        if questionnaire.rater is None:
            raise UsageError(
                _("Questionnaire '{id}' has no rater version.").format(id=questionnaire.id)
            )
        chosen = next(r for r in RELATIONS if r == relation)  # the command line's choice
        questionnaire, head = rater_form(questionnaire, chosen), rater_head(chosen, rated)
    elif rated:
        raise UsageError(_("--person names the rated person: give --relation too."))
    data: str | bytes
    if fmt == "limesurvey":
        from netzkompetenz.io.limesurvey import survey_file

        data = survey_file(questionnaire, head)
    elif fmt == "xlsx-template":
        from netzkompetenz.io.xlsxtemplate import template_bytes

        data = template_bytes(questionnaire, head)
    elif fmt == "ods-template":
        from netzkompetenz.io.xlsxtemplate import ods_template_bytes

        data = ods_template_bytes(questionnaire, head)
    elif fmt == "xlsform":
        data = xlsform_bytes(questionnaire, head)
    else:
        data = csv_template(questionnaire, CSV_DIALECTS[csv_dialect], head)
    atomic_write(output, data)
    if relation is not None:
        output_.say(development_only())
    output_.say(
        ngettext(
            "Wrote {format} with {items} item: {file}",
            "Wrote {format} with {items} items: {file}",
            len(questionnaire.items),
        ).format(file=output, format=fmt, items=len(questionnaire.items))
    )


def _invited(
    catalog: Catalog,
    path: Path,
    questionnaire: Questionnaire,
    relation: str | None,
    rated: str | None,
) -> tuple[Questionnaire, str]:
    from netzkompetenz.commands.invite import invited

    if relation is None:
        raise UsageError(_("--invitation makes a rater form: give --relation too."))
    found, version = invited(catalog, path, relation)
    if version.id != questionnaire.id:
        raise UsageError(
            _("{file} invites ratings on questionnaire '{invited}', not '{id}'.").format(
                file=path, invited=version.id, id=questionnaire.id
            )
        )
    if rated and rated.strip() != found.rated.name:
        raise UsageError(
            _("{file} invites ratings of '{person}': --person names someone else.").format(
                file=path, person=found.rated.name
            )
        )
    return version, found.rated.name
