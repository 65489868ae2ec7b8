"""Interface texts in German and English (the content texts live in the YAML files)."""

from __future__ import annotations

LANGUAGES = ("de", "en")
DEFAULT_LANGUAGE = "de"

TEXTS: dict[str, dict[str, str]] = {
    "dimension": {"de": "Dimension", "en": "Dimension"},
    "mean": {"de": "Mittelwert", "en": "Mean"},
    "percent": {"de": "Prozent", "en": "Percent"},
    "answered": {"de": "Antworten", "en": "Answered"},
    "level": {"de": "Stufe", "en": "Level"},
    "target": {"de": "Ziel", "en": "Target"},
    "gap": {"de": "Lücke", "en": "Gap"},
    "not_enough": {"de": "zu wenige Antworten", "en": "not enough answers"},
    "recommended_modules": {"de": "Empfohlene Module", "en": "Recommended modules"},
    "no_modules": {"de": "Keine Module empfohlen: Ihr Profil erreicht die Zielwerte.",
                   "en": "No modules recommended: your profile meets the targets."},
    "reason": {"de": "{dimension}: {percent:.0f} % bei Ziel {target:.0f} % "
                     "(Lücke {gap:.0f} Punkte)",
               "en": "{dimension}: {percent:.0f} % against a target of {target:.0f} % "
                     "(gap {gap:.0f} points)"},
    "low_items": {"de": "niedrig bewertet: {items}", "en": "rated low: {items}"},
    "requires": {"de": "setzt voraus: {modules}", "en": "requires: {modules}"},
    "questionnaire_changed": {
        "de": "Hinweis: {file} wurde mit Version {old} des Fragebogens beantwortet, "
              "aktuell ist {new}.",
        "en": "Note: {file} was answered with version {old} of the questionnaire; "
              "the current one is {new}."},
    "partial": {"de": "unvollständig", "en": "incomplete"},
}


def text(key: str, lang: str, **values) -> str:
    entry = TEXTS[key]
    template = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return template.format(**values) if values else template


def pick(localized: dict[str, str] | None, lang: str) -> str:
    """A content text in `lang`, falling back to German, then to any language."""
    if not localized:
        return ""
    return localized.get(lang) or localized.get(DEFAULT_LANGUAGE) or next(iter(localized.values()))
