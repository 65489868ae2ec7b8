"""What one batch run was asked for: the command line's options, checked once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from netzkompetenz.core.model import Profile, Questionnaire
from netzkompetenz.errors import UsageError
from netzkompetenz.i18n import _
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.io.csv_format import CsvDialect
from netzkompetenz.io.mapping import ColumnMapping
from netzkompetenz.io.rater_export import RaterExport

# What --outputs can choose (rejected.csv is always written): name -> files.
OUTPUTS = {
    "csv": ("scores.csv",),
    "xlsx": ("scores.xlsx",),
    "jsonl": ("results.jsonl",),
    "cohort": ("cohort.html", "cohort.md"),
}


@dataclass(frozen=True)
class Exports:
    """The files a run reads: the export of the self-assessments and, with --ratings, the
    exports of the rater forms (commands/batch/ratings.py)."""

    self_assessments: Path
    ratings: tuple[Path, ...] = ()


@dataclass(frozen=True)
class BatchOptions:
    """The run's choices, the same for every row and every output."""

    questionnaire: Questionnaire
    profile: Profile
    mapping: ColumnMapping
    target: Path  # DIR as named (the final messages point there, not to the staging folder)
    reports: str  # person reports: "html", "md" or "none"
    outputs: frozenset[str]  # names of OUTPUTS
    key: bytes | None  # the pseudonym key with --pseudonymize
    dialect: CsvDialect
    include_comments: bool
    ratings: tuple[RaterExport, ...] = ()  # --ratings: rater exports, read (ratings.py)


def parse_outputs(outputs: str) -> frozenset[str]:
    """--outputs csv,xlsx,jsonl,cohort (any of them, comma-separated)."""
    chosen = {name.strip() for name in outputs.split(",") if name.strip()}
    unknown = sorted(chosen - OUTPUTS.keys())
    if unknown or not chosen:
        raise UsageError(
            _("--outputs takes one or more of {names} (comma-separated), not '{value}'").format(
                names=", ".join(OUTPUTS), value=outputs
            )
        )
    return frozenset(chosen)


def choose_profile(
    catalog: Catalog, questionnaire: Questionnaire, profile_ref: str | None
) -> Profile:
    if profile_ref:
        profile = catalog.profile(profile_ref)
        if profile.questionnaire_version is None:  # the one kept for an older version
            profile = catalog.profile_for(profile.id, questionnaire)
        if profile.questionnaire != questionnaire.id:
            raise UsageError(
                _(
                    "profile '{profile}' belongs to questionnaire '{belongs}', not "
                    "'{questionnaire}'"
                ).format(
                    profile=profile.id,
                    belongs=profile.questionnaire,
                    questionnaire=questionnaire.id,
                )
            )
        return profile
    fitting = catalog.profiles_of(questionnaire)
    if len(fitting) != 1:
        names = ", ".join(p.id for p in fitting) or "–"
        raise UsageError(
            _(
                "choose a profile with --profile (profiles for questionnaire "
                "'{questionnaire}': {names})"
            ).format(questionnaire=questionnaire.id, names=names)
        )
    return fitting[0]
