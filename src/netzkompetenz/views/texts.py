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
    "older_version": {
        "de": "Hinweis: {file} wurde mit Version {old} des Fragebogens beantwortet und mit "
              "dieser Version ausgewertet; aktuell ist {new}.",
        "en": "Note: {file} was answered with version {old} of the questionnaire and is "
              "scored with that version; the current one is {new}."},
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
    "check_bad_lang": {"de": "--lang muss de oder en sein, nicht '{value}'.",
                       "en": "--lang must be de or en, not '{value}'."},
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
    "check_saved": {"de": "Ihre Antworten ({count}) sind gespeichert in {path}.",
                    "en": "Your answers ({count}) are saved in {path}."},
    "check_nothing_saved": {"de": "Es wurde noch nichts gespeichert.",
                            "en": "Nothing was saved yet."},
    "check_interrupted_early": {
        "de": "Unterbrochen. {saved}\nNeu beginnen mit:\n  {command}",
        "en": "Interrupted. {saved}\nStart again with:\n  {command}"},
    "summary_bar": {"de": "Profil  | Ziel", "en": "Profile  | target"},
    "check_summary": {"de": "Ihr Kompetenzprofil", "en": "Your competence profile"},
    "check_more_modules": {"de": "… und {count} weitere im Bericht.",
                           "en": "… and {count} more in the report."},
    "check_report_written": {"de": "Bericht: {path}\nAntworten: {answers}",
                             "en": "Report: {path}\nAnswers: {answers}"},
    # --- end check ---
    # --- compare, plan, export (issue 7) ---
    "compare_tandem": {"de": "Tandem-Vergleich", "en": "tandem comparison"},
    "compare_before_after": {"de": "Vorher-Nachher-Vergleich", "en": "before/after comparison"},
    "compare_written": {"de": "{mode} geschrieben: {file}", "en": "Wrote {mode}: {file}"},
    "compare_bad_suffix": {
        "de": "{file}: Das Format ergibt sich aus der Endung; bitte .md oder .html verwenden.",
        "en": "{file}: the format follows from the extension; use .md or .html."},
    "compare_tandem_mismatch": {
        "de": "Die beiden Antworten gehören zu verschiedenen Tandems ('{a}' und '{b}'); "
              "ein Tandem-Vergleich braucht Führungskraft und Koordination desselben Tandems.",
        "en": "the two answers belong to different tandems ('{a}' and '{b}'); a tandem "
              "comparison needs the leader and the coordinator of the same tandem."},
    "compare_different_people": {
        "de": "Beide Antworten stammen aus demselben Fragebogen, aber von verschiedenen "
              "Personen ('{a}' und '{b}'). Verglichen werden kann dieselbe Person zu zwei "
              "Zeitpunkten (vorher/nachher) oder eine Führungskraft mit einer "
              "Koordinationsfachkraft (Tandem).",
        "en": "both answers use the same questionnaire but come from different people "
              "('{a}' and '{b}'). Compare the same person at two dates (before/after) or a "
              "leader with a coordinator (tandem)."},
    "compare_no_mode": {
        "de": "Diese beiden Antworten lassen sich nicht vergleichen ({a}: {qa}, {b}: {qb}). "
              "Möglich sind: dieselbe Person zu zwei Zeitpunkten mit demselben Fragebogen, "
              "oder eine Führungskraft und eine Koordinationsfachkraft (Tandem).",
        "en": "these two answers cannot be compared ({a}: {qa}, {b}: {qb}). Possible are: "
              "the same person at two dates with the same questionnaire, or a leader and a "
              "coordinator (tandem)."},
    "compare_tandem_title": {"de": "Tandem-Profil: Führung und Koordination",
                             "en": "Tandem profile: leadership and coordination"},
    "compare_leader": {"de": "Führungskraft", "en": "Leader"},
    "compare_coordinator": {"de": "Netzwerkkoordination", "en": "Network coordinator"},
    "compare_tandem_id": {"de": "Tandem: {id}", "en": "Tandem: {id}"},
    "compare_tandem_explicit": {
        "de": "Tandem ohne gemeinsame Tandem-Kennung: Die beiden Dateien wurden ausdrücklich "
              "als Paar angegeben.",
        "en": "Tandem without a shared tandem id: the two files were given explicitly as a "
              "pair."},
    "compare_side_by_side": {"de": "Beide Profile nebeneinander",
                             "en": "Both profiles side by side"},
    "compare_themes": {"de": "Gemeinsame Themen und unterschiedliche Sichtweisen",
                       "en": "Shared topics and differing views"},
    "compare_themes_intro": {
        "de": "Ein gemeinsames Thema ist ein Modul, das beide Profile anbieten; es verbindet "
              "die Dimensionen, die es in jedem Profil anspricht. Ab {points} Prozentpunkten "
              "Unterschied sehen Führung und Koordination das Thema deutlich verschieden – "
              "ein guter Anlass für ein Gespräch im Tandem.",
        "en": "A shared topic is a module both profiles offer; it links the dimensions it "
              "addresses in each profile. From {points} percentage points apart, leader and "
              "coordinator see the topic clearly differently – a good reason to talk it "
              "through as a tandem."},
    "compare_theme": {"de": "Thema (Modul)", "en": "Topic (module)"},
    "compare_difference": {"de": "Differenz (Koordination − Führung)",
                           "en": "Difference (coordinator − leader)"},
    "compare_note": {"de": "Hinweis", "en": "Note"},
    "compare_recommended": {"de": "empfohlen", "en": "recommended"},
    "compare_no_themes": {
        "de": "Die beiden Profile haben keine gemeinsamen Module; ein thematischer Vergleich "
              "ist daher nicht möglich.",
        "en": "The two profiles share no modules, so the topics cannot be compared."},
    "compare_coordinator_higher": {
        "de": "Koordination schätzt sich {points:.0f} Punkte höher ein",
        "en": "the coordinator rates {points:.0f} points higher"},
    "compare_leader_higher": {
        "de": "Führungskraft schätzt sich {points:.0f} Punkte höher ein",
        "en": "the leader rates {points:.0f} points higher"},
    "compare_only_leader": {"de": "nur der Führungskraft empfohlen",
                            "en": "recommended to the leader only"},
    "compare_only_coordinator": {"de": "nur der Koordination empfohlen",
                                 "en": "recommended to the coordinator only"},
    "compare_views_similar": {"de": "ähnliche Einschätzung", "en": "similar view"},
    "compare_together": {"de": "Gemeinsam besuchen", "en": "Attend together"},
    "compare_tandem_module": {"de": "Tandem-Modul", "en": "tandem module"},
    "compare_for_both": {"de": "beiden empfohlen", "en": "recommended to both"},
    "compare_tandem_for_leader": {
        "de": "der Führungskraft empfohlen; als Tandem-Modul gemeinsam mit der Koordination",
        "en": "recommended to the leader; as a tandem module, together with the coordinator"},
    "compare_tandem_for_coordinator": {
        "de": "der Koordination empfohlen; als Tandem-Modul gemeinsam mit der Führungskraft",
        "en": "recommended to the coordinator; as a tandem module, together with the leader"},
    "compare_nothing_together": {"de": "Derzeit kein gemeinsames Modul empfohlen.",
                                 "en": "No module to attend together at present."},
    "compare_separately": {"de": "Einzeln empfohlene Module",
                           "en": "Modules recommended to one of them"},
    "compare_before_after_title": {"de": "Vorher-Nachher-Vergleich",
                                   "en": "Before/after comparison"},
    "compare_before": {"de": "Vorher", "en": "Before"},
    "compare_after": {"de": "Nachher", "en": "After"},
    "compare_version": {"de": "Fragebogen-Version {version}",
                        "en": "questionnaire version {version}"},
    "compare_version_changed": {
        "de": "Achtung: Die beiden Zeitpunkte wurden mit verschiedenen Versionen des "
              "Fragebogens beantwortet ({old} und {new}). Geänderte oder entfernte Fragen "
              "können Veränderungen vortäuschen.",
        "en": "Caution: the two dates used different versions of the questionnaire ({old} "
              "and {new}). Changed or removed items can look like change."},
    "compare_change": {"de": "Veränderung", "en": "Change"},
    "compare_not_comparable": {"de": "nicht vergleichbar (zu wenige Antworten)",
                               "en": "not comparable (not enough answers)"},
    "compare_within_noise": {
        "de": "innerhalb der Messungenauigkeit (unter {threshold:.0f} Punkten)",
        "en": "within measurement noise (below {threshold:.0f} points)"},
    "compare_reliable_change": {
        "de": "deutliche Veränderung (mindestens {threshold:.0f} Punkte)",
        "en": "reliable change (at least {threshold:.0f} points)"},
    "compare_noise_rule": {
        "de": "Eine Selbsteinschätzung schwankt auch ohne echte Veränderung. Als deutlich gilt "
              "eine Veränderung erst ab der Schwelle der Spalte „Hinweis“; sie hängt davon ab, "
              "wie viele Fragen zu beiden Zeitpunkten beantwortet wurden (je weniger, desto "
              "höher). Die Regel ist in docs/compare.md beschrieben.",
        "en": "A self-assessment varies even without real change. A change counts as "
              "reliable only from the threshold in the 'Note' column; it depends on how many "
              "items were answered at both dates (the fewer, the higher). The rule is "
              "described in docs/compare.md."},
    "compare_items": {"de": "Unterschiede bei den beantworteten Fragen",
                      "en": "Differences in the items answered"},
    "compare_only_before": {"de": "nur vorher beantwortet", "en": "answered before only"},
    "compare_only_after": {"de": "nur nachher beantwortet", "en": "answered after only"},
    "compare_reworded": {"de": "zwischen den Versionen geänderte Fragen",
                         "en": "items changed between the versions"},
    "compare_modules_done": {"de": "nicht mehr empfohlen", "en": "no longer recommended"},
    "compare_modules_still": {"de": "weiterhin empfohlen", "en": "still recommended"},
    "compare_modules_new": {"de": "neu empfohlen", "en": "newly recommended"},
    "export_bad_suffix": {
        "de": "{file}: Für --format {format} muss die Datei auf {suffix} enden.",
        "en": "{file}: --format {format} needs a file ending in {suffix}."},
    "export_written": {"de": "{format} mit {items} Fragen geschrieben: {file}",
                       "en": "Wrote {format} with {items} items: {file}"},
    "export_respondent": {"de": "Angaben zur Person", "en": "About you"},
    "template_note": {
        "de": "Erlaubt in den Antwortspalten: {scale}; {cannot_judge} = {cannot} (nicht 0); "
              "leer = nicht beantwortet. Zeilen, die mit # beginnen, wertet batch nicht aus.",
        "en": "Allowed in the answer columns: {scale}; {cannot_judge} = {cannot} (not 0); "
              "empty = not answered. batch skips rows that start with #."},
    "export_question": {"de": "Wie sehr treffen die folgenden Aussagen auf Sie zu?",
                        "en": "How far do the following statements apply to you?"},
    "export_name": {"de": "Name oder Pseudonym", "en": "Name or pseudonym"},
    "export_name_hint": {"de": "Ein Pseudonym genügt.", "en": "A pseudonym is enough."},
    "export_organisation": {"de": "Organisation (Kommune, Amt oder Träger)",
                            "en": "Organisation (municipality, office or provider)"},
    "export_organisation_hint": {"de": "Zum Beispiel: Stadt Musterstadt, Jugendamt",
                                 "en": "For example: City of Musterstadt, youth office"},
    "export_tandem": {"de": "Tandem-Kennung (falls vorhanden)", "en": "Tandem id (if any)"},
    "export_tandem_hint": {
        "de": "Führungskraft und Koordination derselben Kommune geben dieselbe Kennung an.",
        "en": "The leader and the coordinator of one municipality give the same id."},
    "plan_bad_suffix": {
        "de": "{file}: Das Format ergibt sich aus der Endung; bitte .csv, .xlsx oder .html "
              "verwenden.",
        "en": "{file}: the format follows from the extension; use .csv, .xlsx or .html."},
    "plan_written": {
        "de": "Schulungsplan geschrieben: {file} ({people} Personen, {modules} Module, "
              "{groups} Kursgruppen)",
        "en": "Wrote the training plan: {file} ({people} people, {modules} modules, "
              "{groups} course groups)"},
    "plan_duplicate": {
        "de": "Hinweis: {name} steht zweimal in den Eingaben ({first} und {second}); "
              "gezählt wird der letzte Eintrag.",
        "en": "Note: {name} appears twice in the inputs ({first} and {second}); the last "
              "one counts."},
    "plan_title": {"de": "Schulungsplan", "en": "Training plan"},
    "plan_summary": {
        "de": "{people} Personen ({leaders} Führungskräfte, {coordinators} "
              "Netzwerkkoordinator*innen) aus {organisations} Organisationen; {without} "
              "davon ohne Modulempfehlung.",
        "en": "{people} people ({leaders} leaders, {coordinators} network coordinators) from "
              "{organisations} organisations; {without} of them without a recommended "
              "module."},
    "plan_rules": {
        "de": "Kursgruppen haben {min} bis {max} Teilnehmende und sind so gleichmäßig wie "
              "möglich gefüllt; die Reihenfolge beachtet die Voraussetzungen der Module, "
              "danach Priorität und Bedarf. Tandems besuchen Tandem-Module in derselben "
              "Gruppe.",
        "en": "Course groups have {min} to {max} participants and are filled as evenly as "
              "possible; the order respects the modules' prerequisites, then priority and "
              "demand. Tandems attend tandem modules in the same group."},
    "plan_demand": {"de": "Bedarf und Reihenfolge der Module",
                    "en": "Demand and order of modules"},
    "plan_no_demand": {"de": "Niemandem wird ein Modul empfohlen.",
                       "en": "No module is recommended to anyone."},
    "plan_total": {"de": "Bedarf", "en": "Demand"},
    "plan_groups": {"de": "Gruppen", "en": "Groups"},
    "plan_seats": {"de": "Plätze", "en": "Seats"},
    "plan_small": {"de": "kleine Gruppe", "en": "small group"},
    "plan_small_note": {"de": "kleine Gruppe (unter {min} Teilnehmenden)",
                        "en": "small group (fewer than {min} participants)"},
    "plan_by_organisation": {"de": "Bedarf nach Organisation (Spalten: Module in Reihenfolge)",
                             "en": "Demand by organisation (columns: modules in order)"},
    "plan_courses": {"de": "Kursgruppen", "en": "Course groups"},
    "plan_group": {"de": "Gruppe {number} ({size} Teilnehmende)",
                   "en": "Group {number} ({size} participants)"},
    "plan_module_meta": {
        "de": "{days} Tag(e), Priorität {priority}; {people} Teilnehmende, {seats} Plätze, "
              "{free} frei",
        "en": "{days} day(s), priority {priority}; {people} participants, {seats} seats, "
              "{free} free"},
    "plan_prerequisite_elsewhere": {
        "de": "Voraussetzung, die hier niemand mehr braucht (vermutlich schon erfüllt): "
              "{modules}",
        "en": "prerequisite nobody here still needs (probably met already): {modules}"},
    "plan_yes": {"de": "ja", "en": "yes"},
    "plan_no": {"de": "nein", "en": "no"},
    "plan_role_leader": {"de": "Führungskraft", "en": "leader"},
    "plan_role_coordinator": {"de": "Netzwerkkoordination", "en": "network coordinator"},
    "plan_col_order": {"de": "Reihenfolge", "en": "Order"},
    "plan_col_module": {"de": "Modul-ID", "en": "Module id"},
    "plan_col_title": {"de": "Modul", "en": "Module"},
    "plan_col_priority": {"de": "Priorität", "en": "Priority"},
    "plan_col_days": {"de": "Tage", "en": "Days"},
    "plan_col_prerequisites": {"de": "Voraussetzungen", "en": "Prerequisites"},
    "plan_col_group": {"de": "Gruppe", "en": "Group"},
    "plan_col_group_size": {"de": "Gruppengröße", "en": "Group size"},
    "plan_col_small_group": {"de": "kleine Gruppe", "en": "Small group"},
    "plan_col_name": {"de": "Name oder Pseudonym", "en": "Name or pseudonym"},
    "plan_col_organisation": {"de": "Organisation", "en": "Organisation"},
    "plan_col_role": {"de": "Rolle", "en": "Role"},
    "plan_col_tandem": {"de": "Tandem", "en": "Tandem"},
    "compare_bar_legend": {
        "de": "Balken: eigene Einschätzung in Prozent; roter Strich: Zielwert des Profils.",
        "en": "Bars: self-assessment in percent; red line: the profile's target."},
    # --- end compare, plan, export ---
}


# --- report: Markdown/HTML person reports (report.py, templates/person.*) ---
TEXTS.update({
    "report_title": {"de": "Kompetenzprofil", "en": "Competence profile"},
    "report_name": {"de": "Name", "en": "Name"},
    "report_organisation": {"de": "Organisation", "en": "Organisation"},
    "report_tandem": {"de": "Tandem", "en": "Tandem"},
    "report_role": {"de": "Rolle", "en": "Role"},
    "report_profile": {"de": "Zielprofil", "en": "Target profile"},
    "report_questionnaire": {"de": "Fragebogen", "en": "Questionnaire"},
    "report_date": {"de": "Stand der Antworten", "en": "Answers as of"},
    "report_status": {"de": "Status", "en": "Status"},
    "report_status_complete": {"de": "vollständig", "en": "complete"},
    "report_status_partial": {"de": "unvollständig", "en": "incomplete"},
    "report_partial_label": {"de": "Unvollständig", "en": "Incomplete"},
    "report_partial_note": {
        "de": "Diese Selbsteinschätzung ist noch nicht abgeschlossen, nicht alle Fragen sind "
              "beantwortet. Das Profil zeigt nur, was bisher vorliegt.",
        "en": "This self-assessment is not finished yet, not all questions have been "
              "answered. The profile shows only what has been given so far."},
    "report_role_coordinator": {"de": "Netzwerkkoordination", "en": "Network coordination"},
    "report_role_leader": {"de": "Führungskraft (Netzwerkmanagement)",
                           "en": "Leader (network management)"},
    "report_about_heading": {"de": "Wie Sie dieses Ergebnis lesen",
                             "en": "How to read this result"},
    "report_about_1": {
        "de": "Dieses Profil beruht auf Ihrer eigenen Einschätzung. Es zeigt, wo Sie heute "
              "Ihre Stärken sehen und wo Sie sich mehr Sicherheit wünschen – aus Ihrer Sicht "
              "und zu diesem Zeitpunkt.",
        "en": "This profile rests on your own assessment. It shows where you see your "
              "strengths today and where you would like to feel more confident – from your "
              "point of view and at this moment."},
    "report_about_2": {
        "de": "Es ist keine Prüfung, keine Leistungsbeurteilung und kein Vergleich mit anderen: "
              "Ihr Ergebnis hängt allein von Ihren eigenen Antworten ab. Was Sie mit „kann "
              "ich nicht einschätzen“ beantwortet oder ausgelassen haben, zählt nicht als "
              "niedriger Wert. Fehlen in einem Bereich zu viele Antworten, steht dort „nicht "
              "genug Antworten“.",
        "en": "It is not a test, not a performance appraisal and not a comparison with "
              "others: your result depends on your own answers alone. Questions you answered "
              "with “cannot judge” or left out do not count as low values. Where too many "
              "answers are missing in an area, it says “not enough answers”."},
    "report_about_3": {
        "de": "Am meisten bewirkt das Profil als Anfang eines Gesprächs – etwa im Tandem von "
              "Führungskraft und Netzwerkkoordination, im Team oder mit Ihrer Fortbildung. "
              "Wie bei den Selbsteinschätzungen im Qualitätsrahmen Frühe Hilfen des NZFH "
              "folgt auf das Profil der Dialog; daraus entstehen gemeinsame Prioritäten und "
              "erst dann die passenden Module.",
        "en": "The profile does most good as the start of a conversation – for instance in "
              "the tandem of leader and network coordinator, in your team or with your "
              "trainers. As with the self-assessments of the NZFH quality framework for "
              "early childhood intervention (Frühe Hilfen), the profile is followed by "
              "dialogue; from it come shared priorities, and only then the fitting modules."},
    "report_steps": {"de": "Profil → Dialog → Prioritäten → Module",
                     "en": "Profile → dialogue → priorities → modules"},
    "report_profile_heading": {"de": "Ihr Profil im Vergleich zum Zielprofil",
                               "en": "Your profile against the target profile"},
    "report_chart_title": {"de": "Profil und Zielwerte je Dimension",
                           "en": "Profile and targets per dimension"},
    "report_chart_desc": {
        "de": "Balkendiagramm: Für jede Dimension zeigt ein Balken Ihren Wert in Prozent "
              "(0 bis 100), eine senkrechte Linie den Zielwert. Die Zahlen stehen auch in "
              "der Tabelle.",
        "en": "Bar chart: for every dimension a bar shows your score in percent (0 to 100) "
              "and a vertical line the target. The numbers are also in the table."},
    "report_chart_row": {"de": "{dimension}: {percent} % (Ziel {target} %)",
                         "en": "{dimension}: {percent} % (target {target} %)"},
    "report_legend_score": {"de": "Ihr Wert", "en": "Your score"},
    "report_legend_target": {"de": "Zielwert", "en": "Target"},
    "report_table_caption": {
        "de": "Werte je Dimension. Mittelwert auf der Antwortskala, Prozent von 0 bis 100, "
              "Lücke = Zielwert minus Ihr Wert in Prozentpunkten.",
        "en": "Scores per dimension. Mean on the answer scale, percent from 0 to 100, "
              "gap = target minus your score in percentage points."},
    "report_dimension": {"de": "Dimension", "en": "Dimension"},
    "report_mean": {"de": "Mittelwert", "en": "Mean"},
    "report_percent": {"de": "Prozent", "en": "Percent"},
    "report_answered": {"de": "Beantwortet", "en": "Answered"},
    "report_answered_of": {"de": "{answered} von {applicable}",
                           "en": "{answered} of {applicable}"},
    "report_cannot_judge": {"de": "dazu {count} × „kann ich nicht einschätzen“",
                            "en": "plus {count} × “cannot judge”"},
    "report_level": {"de": "Stufe", "en": "Level"},
    "report_target": {"de": "Ziel", "en": "Target"},
    "report_gap": {"de": "Lücke", "en": "Gap"},
    "report_not_enough": {"de": "nicht genug Antworten", "en": "not enough answers"},
    "report_not_enough_label": {"de": "Nicht genug Antworten", "en": "Not enough answers"},
    "report_not_enough_line": {"de": "Ziel {target} % · {answered} Fragen beantwortet",
                               "en": "target {target} % · {answered} questions answered"},
    "report_bar": {"de": "Profil", "en": "Profile"},
    "report_not_enough_note": {
        "de": "Für {dimensions} liegen nicht genug Antworten vor. Das ist kein niedriger "
              "Wert, sondern eine offene Stelle: ein guter Punkt für das Gespräch.",
        "en": "There are not enough answers for {dimensions}. This is not a low score but "
              "an open question: a good point for the conversation."},
    "report_dimensions_heading": {"de": "Die Dimensionen im Einzelnen",
                                  "en": "The dimensions in detail"},
    "report_dimension_line": {
        "de": "{percent} % bei einem Ziel von {target} % · Mittelwert {mean} · "
              "{answered} Fragen beantwortet",
        "en": "{percent} % against a target of {target} % · mean {mean} · "
              "{answered} questions answered"},
    "report_modules_heading": {"de": "Empfohlene Module", "en": "Recommended modules"},
    "report_modules_intro": {
        "de": "Die Reihenfolge folgt der Priorität der Module und der Größe der Lücke; "
              "Module, die ein anderes voraussetzt, stehen davor. Jede Empfehlung nennt "
              "ihren Grund.",
        "en": "The order follows the modules' priority and the size of the gap; a module "
              "that another one requires comes first. Every recommendation gives its "
              "reason."},
    "report_no_modules": {
        "de": "Es wird kein Modul empfohlen: In keiner Dimension liegt Ihr Wert so weit "
              "unter dem Ziel, dass ein Modul angezeigt wäre.",
        "en": "No module is recommended: in no dimension is your score so far below the "
              "target that a module would be called for."},
    "report_content": {"de": "Inhalt", "en": "Content"},
    "report_format": {"de": "Format", "en": "Format"},
    "report_duration": {"de": "Dauer", "en": "Duration"},
    "report_target_group": {"de": "Zielgruppe", "en": "Target group"},
    "report_priority": {"de": "Priorität", "en": "Priority"},
    "report_prerequisites": {"de": "Voraussetzung", "en": "Requires"},
    "report_prerequisite_recommended": {"de": "ebenfalls empfohlen",
                                        "en": "also recommended"},
    "report_tandem_module": {
        "de": "Für Tandems: Führungskraft und Netzwerkkoordination einer Kommune gemeinsam.",
        "en": "For tandems: the leader and the network coordinator of one municipality "
              "together."},
    "report_format_in_person": {"de": "Präsenz", "en": "in person"},
    "report_format_online": {"de": "online", "en": "online"},
    "report_format_blended": {"de": "Blended Learning (Präsenz und online)",
                              "en": "blended (in person and online)"},
    "report_day": {"de": "{days} Tag", "en": "{days} day"},
    "report_days": {"de": "{days} Tage", "en": "{days} days"},
    "report_priority_1": {"de": "hoch", "en": "high"},
    "report_priority_2": {"de": "mittel", "en": "medium"},
    "report_priority_3": {"de": "niedrig", "en": "low"},
    "report_why": {"de": "Warum dieses Modul?", "en": "Why this module?"},
    "report_reason": {
        "de": "{dimension}: {percent} % bei einem Ziel von {target} % "
              "(Lücke {gap} Prozentpunkte)",
        "en": "{dimension}: {percent} % against a target of {target} % "
              "(gap {gap} percentage points)"},
    "report_low_items": {"de": "Diese Aussagen haben den Wert gesenkt:",
                         "en": "These statements pulled the score down:"},
    "report_your_answer": {"de": "Ihre Antwort", "en": "your answer"},
    "report_quoted": {"de": "„{text}“", "en": "“{text}”"},
    "report_reverse": {"de": "negativ formuliert, daher umgekehrt gewertet",
                       "en": "worded negatively, so scored in reverse"},
    "report_generated": {"de": "Erstellt am {date} mit netzkompetenz.",
                         "en": "Created on {date} with netzkompetenz."},
    "report_bad_suffix": {
        "de": "{file}: Die Berichtsdatei muss auf .md oder .html enden.",
        "en": "{file}: the report file must end in .md or .html."},
    "report_bad_lang": {"de": "--lang muss de oder en sein, nicht '{value}'.",
                        "en": "--lang must be de or en, not '{value}'."},
    "report_overwrites_answers": {
        "de": "{file} ist eine der Antwortdateien; der Bericht würde sie überschreiben.",
        "en": "{file} is one of the answers files; the report would overwrite it."},
    "report_written": {"de": "Bericht geschrieben: {file} ({count} Person(en))",
                       "en": "Report written: {file} ({count} person(s))"},
})


# --- batch and cohort report (batch.py, cohort.py, templates/cohort.*) ---
TEXTS.update({
    "batch_summary": {"de": "{scored} Zeilen ausgewertet, keine abgelehnt: Ergebnisse in {out}",
                      "en": "{scored} rows scored, none rejected: results in {out}"},
    "batch_summary_rejected": {
        "de": "{scored} Zeilen ausgewertet, {rejected} abgelehnt: siehe {file}",
        "en": "{scored} rows scored, {rejected} rejected: see {file}"},
    "batch_respondent_columns": {
        "de": "Hinweis: mehrere Spalten für '{field}': {columns}; je Zeile gilt die erste "
              "ausgefüllte.",
        "en": "Note: several columns for '{field}': {columns}; per row the first filled one "
              "is used."},
    "batch_unknown_columns": {
        "de": "Hinweis: Diese Spalten passen zu keiner Frage und werden nicht ausgewertet: "
              "{columns}",
        "en": "Note: these columns match no item and are not scored: {columns}"},
    "batch_progress": {"de": "Zeilen", "en": "Rows"},
    "batch_incomplete": {
        "de": "unvollständige Antwort (submitdate ist leer): nicht ausgewertet",
        "en": "incomplete response (submitdate is empty): not scored"},
    "batch_no_answers": {"de": "keine einzige Frage beantwortet",
                         "en": "not a single item answered"},
    "cohort_title": {"de": "Kohortenbericht", "en": "Cohort report"},
    "cohort_export": {"de": "Export", "en": "Export"},
    "cohort_profile": {"de": "Profil", "en": "Profile"},
    "cohort_people": {"de": "Ausgewertete Personen", "en": "People scored"},
    "cohort_rejected": {"de": "Abgelehnte Zeilen (siehe rejected.csv)",
                        "en": "Rejected rows (see rejected.csv)"},
    "cohort_pseudonymized": {"de": "Namen sind durch Pseudonyme ersetzt.",
                             "en": "Names are replaced by pseudonyms."},
    "cohort_privacy": {
        "de": "Datenschutz: Gruppen mit weniger als {min} Personen werden nicht gezeigt "
              "(„<{min}“); kleine Organisationen sind zusammengefasst.",
        "en": "Privacy: groups of fewer than {min} people are not shown (\"<{min}\"); "
              "small organisations are pooled."},
    "cohort_too_few": {
        "de": "Weniger als {min} Personen ausgewertet: Zum Schutz der Einzelnen zeigt "
              "dieser Bericht keine Kohortenstatistik.",
        "en": "Fewer than {min} people scored: to protect individuals this report shows "
              "no cohort statistics."},
    "cohort_distribution": {"de": "Verteilung je Dimension (Prozent)",
                            "en": "Distribution per dimension (percent)"},
    "cohort_distribution_note": {
        "de": "Kasten: mittlere Hälfte (1. bis 3. Quartil), Strich: Median, Linien: "
              "Minimum bis Maximum, roter Strich: Ziel.",
        "en": "Box: middle half (1st to 3rd quartile), line: median, whiskers: minimum to "
              "maximum, red mark: target."},
    "cohort_n": {"de": "n", "en": "n"},
    "cohort_mean": {"de": "Mittelwert", "en": "Mean"},
    "cohort_sd": {"de": "SD", "en": "SD"},
    "cohort_min": {"de": "Min", "en": "Min"},
    "cohort_q1": {"de": "Q1", "en": "Q1"},
    "cohort_median": {"de": "Median", "en": "Median"},
    "cohort_q3": {"de": "Q3", "en": "Q3"},
    "cohort_max": {"de": "Max", "en": "Max"},
    "cohort_target": {"de": "Ziel", "en": "Target"},
    "cohort_levels": {"de": "Stufen je Dimension (Anzahl Personen)",
                      "en": "Levels per dimension (number of people)"},
    "cohort_not_enough": {"de": "zu wenige Antworten", "en": "not enough answers"},
    "cohort_reliability": {"de": "Reliabilität (Cronbachs α)",
                           "en": "Reliability (Cronbach's α)"},
    "cohort_reliability_note": {
        "de": "Berechnet über alle Personen, die alle Fragen der Dimension mit einem Wert "
              "der Skala beantwortet haben (n); umgekehrt gewertete Fragen sind umgepolt. "
              "Werte unter 0,7 sprechen für eine uneinheitliche Dimension.",
        "en": "Computed over everyone who answered every item of the dimension with a value "
              "of the scale (n); reverse-keyed items are reversed. Values below 0.7 suggest "
              "an inconsistent dimension."},
    "cohort_items_k": {"de": "Fragen", "en": "Items"},
    "cohort_alpha": {"de": "α", "en": "α"},
    "cohort_alpha_low": {"de": "niedrig", "en": "low"},
    "cohort_flags": {"de": "Auffällige Fragen", "en": "Items to look at"},
    "cohort_no_flags": {"de": "Keine Auffälligkeiten.", "en": "Nothing unusual."},
    "cohort_flag_zero_variance": {
        "de": "alle gaben dieselbe Antwort ({value}): die Frage unterscheidet nicht",
        "en": "everyone gave the same answer ({value}): the item does not discriminate"},
    "cohort_flag_negative_item_total": {
        "de": "negative Trennschärfe ({value}): Ist die Frage falsch gepolt (reverse)?",
        "en": "negative item-total correlation ({value}): is the item keyed the wrong way "
              "(reverse)?"},
    "cohort_flag_many_cannot_judge": {
        "de": "{value} % „kann ich nicht einschätzen“: Ist die Frage verständlich?",
        "en": "{value} % \"cannot judge\": is the item clear?"},
    "cohort_demand_role": {"de": "Modulbedarf nach Rolle", "en": "Module demand by role"},
    "cohort_demand_org": {"de": "Modulbedarf nach Organisation",
                          "en": "Module demand by organisation"},
    "cohort_demand_note": {"de": "Anzahl Personen, denen das Modul empfohlen wird.",
                           "en": "Number of people the module is recommended to."},
    "cohort_group": {"de": "Gruppe", "en": "Group"},
    "cohort_module": {"de": "Modul", "en": "Module"},
    "cohort_pooled": {"de": "weitere Organisationen (je unter {min} Personen)",
                      "en": "other organisations (fewer than {min} people each)"},
    "cohort_no_org": {"de": "ohne Angabe", "en": "not given"},
    "cohort_role_coordinator": {"de": "Netzwerkkoordination", "en": "Network coordination"},
    "cohort_role_leader": {"de": "Führungskräfte", "en": "Leaders"},
    "cohort_item_stats": {"de": "Kennwerte der Fragen", "en": "Item statistics"},
    "cohort_item": {"de": "Frage", "en": "Item"},
    "cohort_answered": {"de": "beantwortet", "en": "answered"},
    "cohort_cannot_judge": {"de": "kann ich nicht einschätzen", "en": "cannot judge"},
    "cohort_reverse": {"de": "umgekehrt gewertet: Mittelwert nach der Umkehrung",
                       "en": "reverse-keyed: mean after reversal"},
    "cohort_item_note": {
        "de": "Mittelwerte auf der Antwortskala. Bei umgekehrt gewerteten (negativ "
              "formulierten) Fragen nach der Umkehrung ({low} + {high} − Antwort): Ein hoher "
              "Wert heißt bei jeder Frage mehr Kompetenz.",
        "en": "Means on the answer scale. For reverse-keyed (negatively worded) items after "
              "reversal ({low} + {high} − answer): a high value means more competence on "
              "every item."},
    "cohort_generated": {"de": "Erstellt am {date} mit netzkompetenz.",
                         "en": "Created on {date} with netzkompetenz."},
})


def text(key: str, lang: str, **values) -> str:
    entry = TEXTS[key]
    template = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return template.format(**values) if values else template


def pick(localized: dict[str, str] | None, lang: str) -> str:
    """A content text in `lang`, falling back to German, then to any language."""
    if not localized:
        return ""
    return localized.get(lang) or localized.get(DEFAULT_LANGUAGE) or next(iter(localized.values()))
