"""`list`: what the catalogue holds; `list --mine`: one's own self-checks and reports."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from netzkompetenz.core.answers import Answers
from netzkompetenz.core.checkflow import walk_of
from netzkompetenz.errors import InputError
from netzkompetenz.i18n import _, choose_language, set_language
from netzkompetenz.io import userfiles
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.views.terminal import print_overview, print_own_checks


@dataclass(frozen=True)
class OwnCheck:
    path: Path
    answers: Answers
    role: str | None
    progress: tuple[int, int, bool]  # answered, total, total is an estimate


def run(catalog: Catalog, mine: bool = False, lang: str | None = None) -> None:
    if not mine:
        print_overview(catalog)
        return
    checks = [_progress(catalog, own.path, own.answers) for own in userfiles.own_checks()]
    if lang is None and checks:
        # the language the person chose in their latest check, not the system's locale
        latest = max(checks, key=_when)
        set_language(choose_language(None, latest.answers.language))
    roles = {"coordinator": _("Network coordination"), "leader": _("Leader (network management)")}
    print_own_checks(
        checks,
        userfiles.own_reports(),
        userfiles.data_folder(),
        lambda c: roles.get(c.role or "", c.answers.profile),
    )


def _when(check: OwnCheck) -> float:
    moment = check.answers.updated or check.answers.started
    return moment.timestamp() if moment else 0.0


def _progress(catalog: Catalog, path: Path, answers: Answers) -> OwnCheck:
    entry = catalog.profiles.get(answers.profile)
    if entry is None:  # a profile no longer at hand: the count of answers is all there is
        return OwnCheck(path, answers, None, (len(answers.values), len(answers.values), False))
    try:
        questionnaire = catalog.questionnaire_of(entry.model)
    except InputError:
        return OwnCheck(
            path, answers, entry.model.role, (len(answers.values), len(answers.values), False)
        )
    walk = walk_of(questionnaire, answers)
    if answers.status == "complete":  # finished: the questions it asked, exactly
        return OwnCheck(
            path, answers, entry.model.role, (walk.answered(), len(walk.asked()), False)
        )
    total, about = walk.total()
    return OwnCheck(path, answers, entry.model.role, (walk.answered(), total, about))
