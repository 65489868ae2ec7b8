"""The checks of a questionnaire or profile that need the whole document: ids that refer to
each other, translations, level bands, conditions, module triggers.

Each rule is one function that yields (location, message) findings: the questionnaire's in
`questionnaire.py`, the profile's in `profile.py`, what they share in `common.py`. Each
module's `RULES` lists its rules in the order they run, which is the order `validate`
reports the findings in. Rules about one entry of a list (an item, a module) run entry by
entry (`common.each`), so that an entry's findings stay together.
"""

from __future__ import annotations

from netzkompetenz.core.model import Profile, Questionnaire
from netzkompetenz.core.model_checks import profile, questionnaire
from netzkompetenz.core.model_checks.common import Finding


def semantic_problems_questionnaire(q: Questionnaire) -> list[Finding]:
    return [finding for rule in questionnaire.RULES for finding in rule(q)]


def semantic_problems_profile(p: Profile, q: Questionnaire | None) -> list[Finding]:
    """Checks of a profile; those needing its questionnaire run only when it is known."""
    return [finding for rule in profile.RULES for finding in rule(p, q)]
