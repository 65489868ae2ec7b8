"""What survey tools write into their exports: system columns, respondent questions, and how
headers and labels are compared. The knowledge of LimeSurvey, Microsoft Forms, Google Forms,
KoBoToolbox and ODK lives here (docs/batch.md lists the tools)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from netzkompetenz.core.model import Dimension, Scale
from netzkompetenz.i18n import gettext_in, pick

RESPONDENT_FIELDS = ("name", "organisation", "tandem")


def respondent_texts(lang: str) -> dict[str, str]:
    """How the exported forms ask for the respondent, in `lang` (a form carries every
    language of its questionnaire): respondent (the group), question (the scale's
    question), and each field of RESPONDENT_FIELDS with its `_hint`."""
    return {
        "respondent": gettext_in(lang, "About you"),
        "question": gettext_in(lang, "How far do the following statements apply to you?"),
        "name": gettext_in(lang, "Name or pseudonym"),
        "name_hint": gettext_in(lang, "A pseudonym is enough."),
        "organisation": gettext_in(lang, "Organisation (municipality, office or provider)"),
        "organisation_hint": gettext_in(lang, "For example: City of Musterstadt, youth office"),
        "tandem": gettext_in(lang, "Tandem id (if any)"),
        "tandem_hint": gettext_in(
            lang, "The leader and the coordinator of one municipality give the same id."
        ),
    }


@dataclass(frozen=True)
class FormHead:
    """What a survey form asks before the items, and how its scale question reads: the
    self-check's respondent (name, organisation, tandem) or, on a rater's form, the rated
    person and the relation (io/rater_forms.py). `texts(lang)` has the keys of
    respondent_texts for these fields; `defaults`: answers filled in beforehand; `allowed`:
    what a template's note row says a field's column may hold; `suffix`: added to the
    XLSForm's form_id (a rater form is a form of its own in KoBo/ODK)."""

    fields: tuple[str, ...]
    texts: Callable[[str], dict[str, str]]
    defaults: Mapping[str, str] = field(default_factory=dict)
    allowed: Mapping[str, str] = field(default_factory=dict)
    suffix: str = ""


SELF_CHECK = FormHead(RESPONDENT_FIELDS, respondent_texts)


def not_applicable_remark(scale: Scale, lang: str) -> str | None:
    """When to choose "not applicable", said above each dimension's statements: in the check
    (views/check_screen.py) and on each dimension's page of a survey form. The introduction
    says it once, which not everyone reads (the thirtieth content read, b). None for a scale
    without that answer (a rater's)."""
    if scale.not_applicable is None:
        return None
    return gettext_in(
        lang,
        "Where a statement describes a situation or task you have not met, choose "
        "“{not_applicable}”, not “{lowest}”.",
    ).format(
        # the label's words before any bracket, as the introduction names it
        not_applicable=pick(scale.not_applicable, lang).split(" (")[0],
        lowest=pick(scale.points[0].label, lang),
    )


def dimension_page_text(scale: Scale, dim: Dimension, lang: str) -> str:
    """The text of a dimension's page in a survey form: its description, then when to
    choose "not applicable" (a paragraph of its own)."""
    remark = not_applicable_remark(scale, lang)
    description = pick(dim.description, lang)
    return f"{description}\n\n{remark}" if remark else description


def reflection_hint(dim: Dimension, lang: str) -> str:
    """What the check says above a dimension's reflection prompt, for the survey forms."""
    return gettext_in(lang, "{dimension} · an example (optional, never scored)").format(
        dimension=f"{dim.id} {pick(dim.title, lang)}"
    )


# The fields LimeSurvey adds to every response (its codes, not answers).
LIMESURVEY_SYSTEM_FIELDS = frozenset(
    {
        "id",
        "submitdate",
        "lastpage",
        "startlanguage",
        "seed",
        "token",
        "startdate",
        "datestamp",
        "ipaddr",
        "refurl",
        "interviewtime",
    }
)

# Column headers survey tools write that are not answers (compared normalised).
SYSTEM_COLUMNS = {
    *LIMESURVEY_SYSTEM_FIELDS,
    # Microsoft Forms
    "start time",
    "completion time",
    "email",
    "e-mail",
    "last modified time",
    "startzeit",
    "fertigstellungszeit",
    "zeitpunkt der letzten änderung",
    "e-mail-adresse",
    # Google Forms
    "timestamp",
    "zeitstempel",
    "email address",
    "score",
    "punktzahl",
    # KoBoToolbox and ODK Central (forms from `netzkompetenz export --format xlsform`)
    "start",
    "end",
    "today",
    "deviceid",
    "_id",
    "_uuid",
    "_submission_time",
    "_validation_status",
    "_notes",
    "_status",
    "_submitted_by",
    "__version__",
    "_tags",
    "_index",
    "meta/instanceid",
    "meta/rootuuid",
    "submissiondate",
    "meta-instanceid",
    "key",
    "submitterid",
    "submittername",
    "attachmentspresent",
    "attachmentsexpected",
    "reviewstate",
    "edits",
    "formversion",
}
SUBMITDATE = "submitdate"
RESPONDENT_HEADERS = {
    "name": {
        "name",
        "respondent",
        "teilnehmer",
        "teilnehmerin",
        "teilnehmende",
        "person",
        "ihr name",
        "your name",
        "vollständiger name",
        "full name",
        "pseudonym",
    },
    "organisation": {
        "organisation",
        "organization",
        "organisation/kommune",
        "kommune",
        "einrichtung",
        "municipality",
        "ihre kommune",
        "ihre organisation",
    },
    "tandem": {"tandem", "tandem-id", "tandem id"},
}


def normalise(value: str) -> str:
    """Header or label text as compared: case, spacing, numbering and end marks ignored."""
    value = unicodedata.normalize("NFC", value).replace("\u00a0", " ").casefold()
    value = re.sub(r"\s+", " ", value).strip()
    value = re.sub(r"^(\(?\d{1,3}[.):]|\d{1,3} -)\s*", "", value)  # "1. ", "(2) ", "3 - "
    return value.strip(" \"'„“”‚‘’*").rstrip(" .:?!*").strip()


def bare_id(value: str) -> str:
    """Ids compared without punctuation: LimeSurvey codes cannot hold '_' (K1_01 = K101)."""
    return re.sub(r"[^0-9a-z]", "", value.casefold())


_GROUP_PATH = re.compile(r"^[A-Za-z_][\w.]*(?:[/-][A-Za-z_][\w.-]*)+$")


def group_tails(header: str) -> list[str]:
    """KoBoToolbox writes `group/question`, ODK Central `group-question`: the question's
    name is one of the tails, longest first (an item id may itself contain '-')."""
    if not _GROUP_PATH.match(header):
        return []
    return [header[m.end() :] for m in re.finditer(r"[/-]", header)]
