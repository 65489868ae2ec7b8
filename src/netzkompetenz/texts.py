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
    # --- check: the interactive self-check ---
    "check_no_tty": {
        "de": "Der Selbstcheck braucht ein Terminal, in dem Sie antworten können; die "
              "Eingabe ist hier kein Terminal. Vorhandene Antwortdateien werten Sie mit "
              "`netzkompetenz score DATEI` aus, Exporte aus Umfragewerkzeugen mit "
              "`netzkompetenz batch EXPORT --questionnaire ID -o ORDNER`.",
        "en": "The self-check needs a terminal to answer in; the input here is not a "
              "terminal. Score existing answers files with `netzkompetenz score FILE`, "
              "survey exports with `netzkompetenz batch EXPORT --questionnaire ID -o DIR`."},
    "check_bad_lang": {"de": "--lang muss de oder en sein, nicht '{lang}'.",
                       "en": "--lang must be de or en, not '{lang}'."},
    "check_bad_role": {"de": "--role muss coordinator oder leader sein, nicht '{role}'.",
                       "en": "--role must be coordinator or leader, not '{role}'."},
    "check_role_mismatch": {
        "de": "{file} gehört zur Rolle '{found}', nicht zu '{role}'.",
        "en": "{file} belongs to the role '{found}', not '{role}'."},
    "check_nothing_to_resume": {
        "de": "Keine unvollständige Antwortdatei gefunden{where}. Starten Sie ohne --resume "
              "oder geben Sie die Datei mit --answers DATEI an.",
        "en": "No incomplete answers file found{where}. Start without --resume or name "
              "the file with --answers FILE."},
    "check_language": {"de": "Sprache / Language", "en": "Sprache / Language"},
    "check_role": {"de": "In welcher Rolle schätzen Sie sich ein?",
                   "en": "In which role do you assess yourself?"},
    "check_role_coordinator": {"de": "Netzwerkkoordination (Koordinator*in)",
                               "en": "Network coordination (coordinator)"},
    "check_role_leader": {"de": "Netzwerkmanagement (Führungskraft)",
                          "en": "Network management (leader)"},
    "check_welcome": {
        "de": "{title}\nIhre Antworten werden nach jeder Frage gespeichert in:\n  {path}\n"
              "Sie können jederzeit mit Strg+C unterbrechen und später fortsetzen.",
        "en": "{title}\nYour answers are saved after every question in:\n  {path}\n"
              "You can stop at any time with Ctrl+C and resume later."},
    "check_name": {"de": "Name oder Pseudonym:", "en": "Name or pseudonym:"},
    "check_name_required": {"de": "Bitte geben Sie einen Namen oder ein Pseudonym ein.",
                            "en": "Please enter a name or a pseudonym."},
    "check_organisation": {"de": "Organisation / Kommune (optional):",
                           "en": "Organisation / municipality (optional):"},
    "check_tandem": {
        "de": "Tandem-Kennung (optional; gleiche Kennung für Führungskraft und "
              "Koordination einer Kommune):",
        "en": "Tandem id (optional; the same id for the leader and the coordinator of one "
              "municipality):"},
    "check_found_partial": {
        "de": "{file}: {answered} von {total} Fragen beantwortet (begonnen {started}).",
        "en": "{file}: {answered} of {total} questions answered (started {started})."},
    "check_found_complete": {
        "de": "{file}: Selbstcheck abgeschlossen am {updated}.",
        "en": "{file}: self-check completed on {updated}."},
    "check_what_now": {"de": "Wie möchten Sie weitermachen?", "en": "How do you want to go on?"},
    "check_continue": {"de": "Fortsetzen, wo ich aufgehört habe",
                       "en": "Continue where I stopped"},
    "check_report_only": {"de": "Nur Zusammenfassung und Bericht neu erstellen",
                          "en": "Only show the summary and write the report again"},
    "check_review": {"de": "Antworten durchgehen und ändern",
                     "en": "Go through my answers and change them"},
    "check_start_over": {"de": "Neu beginnen (die bisherigen Antworten werden überschrieben)",
                         "en": "Start over (the earlier answers are overwritten)"},
    "check_version_changed": {
        "de": "Der Fragebogen hat sich geändert, seit Sie ihn beantwortet haben "
              "(Version {old} → {new}).",
        "en": "The questionnaire has changed since you answered it "
              "(version {old} → {new})."},
    "check_added": {"de": "Neue Fragen (werden jetzt gestellt):",
                    "en": "New questions (asked now):"},
    "check_changed": {"de": "Geänderte Fragen (werden noch einmal gestellt):",
                      "en": "Changed questions (asked again):"},
    "check_removed": {"de": "Entfallene Fragen (Ihre Antworten zählen nicht mehr):",
                      "en": "Removed questions (your answers no longer count):"},
    "check_position": {"de": "Dimension {dimension}/{dimensions} · Frage {index}/{total}",
                       "en": "Dimension {dimension}/{dimensions} · Question {index}/{total}"},
    "check_keys": {"de": "(Pfeiltasten oder Ziffer, dann Enter)",
                   "en": "(arrow keys or number, then Enter)"},
    "check_back": {"de": "← zurück", "en": "← back"},
    "check_back_key": {"de": "z", "en": "b"},
    "check_all_answered": {"de": "Alle Fragen sind beantwortet.",
                           "en": "All questions are answered."},
    "check_finish": {"de": "Auswerten und Bericht schreiben", "en": "Score and write the report"},
    "check_back_to_last": {"de": "← zurück zur letzten Frage",
                           "en": "← back to the last question"},
    "check_interrupted": {
        "de": "Unterbrochen. {saved}\nFortsetzen mit:\n  {command}",
        "en": "Interrupted. {saved}\nResume with:\n  {command}"},
    "check_saved": {"de": "Ihre {count} Antworten sind gespeichert in {path}.",
                    "en": "Your {count} answers are saved in {path}."},
    "check_nothing_saved": {"de": "Es wurde noch nichts gespeichert.",
                            "en": "Nothing was saved yet."},
    "summary_bar": {"de": "Profil  | Ziel", "en": "Profile  | target"},
    "check_summary": {"de": "Ihr Kompetenzprofil", "en": "Your competence profile"},
    "check_more_modules": {"de": "… und {count} weitere im Bericht.",
                           "en": "… and {count} more in the report."},
    "check_report_written": {"de": "Bericht: {path}\nAntworten: {answers}",
                             "en": "Report: {path}\nAnswers: {answers}"},
    # --- end check ---
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
