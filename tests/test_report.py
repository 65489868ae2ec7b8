"""The `report` command and the report functions other commands reuse."""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from helpers import FIXTURES, MINI, ROOT, run_cli
from netzkompetenz.commands.report import write_report
from netzkompetenz.core.answers import Respondent
from netzkompetenz.i18n import language
from netzkompetenz.io.answers_file import new_answers, score_file, write_answers
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.views.person_chart import chart_geometry, text_bar
from netzkompetenz.views.person_report import render_person_report
from netzkompetenz.views.render import md_escape
from oracle import Oracle, load_yaml

ANSWERS = FIXTURES / "answers"
COMPLETE = ANSWERS / "mini-complete.json"
XSS_FILE = ANSWERS / "mini-xss.json"
PARTIAL = ANSWERS / "mini-partial.json"
XSS = "<script>alert(1)</script>"


def report(*args: str) -> tuple[int, str, str]:
    proc = run_cli("--data", str(MINI), "report", *args)
    return proc.returncode, proc.stdout, proc.stderr


def markdown_to_html(source: str) -> str:
    """How GitHub/GitLab would render it (CommonMark with GFM tables)."""
    return MarkdownIt("commonmark").enable("table").render(source)


# --- the command -----------------------------------------------------------------------------


def test_markdown_report_holds_profile_modules_and_reasons(tmp_path):
    out = tmp_path / "erika.md"
    code, stdout, stderr = report(str(COMPLETE), "-o", str(out))
    assert code == 0, stderr
    assert stdout.strip() == f"Bericht geschrieben: {out} (1 Person)"
    md = out.read_text(encoding="utf-8")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600  # personal data
    assert md.startswith("# Kompetenzprofil: Erika Mustermann\n")
    for expected in (
        "**Organisation:** Stadt Musterstadt, Jugendamt",
        "**Rolle:** Netzwerkkoordination",
        "**Tandem:** musterstadt",
        "**Stand der Antworten:** 06.05.2024",
        "**Status:** vollständig",
        "## Wie Sie dieses Ergebnis lesen",
        "Profil → Dialog → Prioritäten → Module",
        # the table row of A, numbers as in tests/test_scoring.py, German commas
        "| A Netzwerkwissen | 2,00 | 25 % | `█████░░░░░░░░░░│░░░░░` | 2/2 | Einstieg | 75 % | 50 |",
        "| B Moderation | 2,67 | 42 % |",
        "**Stufe: Einstieg.** Am Anfang.",
        "(dazu 1 × „kann ich nicht einschätzen“)",
        "### 1. Grundlagen",
        "### 2. Moderation",
        "- **Dauer:** 2 Tage",
        "- **Format:** online",
        "- **Voraussetzung:** Grundlagen (ebenfalls empfohlen)",
        "- Netzwerkwissen: 25 % bei einem Ziel von 75 % (Lücke 50 Prozentpunkte)",
        "- „Ich kenne die Netzwerkarten.“ – Ihre Antwort: trifft eher nicht zu",
        "- „Eine Netzwerkkarte zu erstellen fällt mir schwer.“ – Ihre Antwort: "
        "trifft eher zu (gegensätzlich formuliert, daher umgekehrt gewertet)",
        "- „Ich moderiere Sitzungen sicher.“",
    ):
        assert expected in md, expected
    # Prerequisite first: basics (Grundlagen) before moderation.
    assert md.index("### 1. Grundlagen") < md.index("### 2. Moderation")
    html = markdown_to_html(md)
    assert html.count("<table>") == 1 and "<th>Dimension</th>" in html


def test_markdown_escapes_user_strings(tmp_path):
    out = tmp_path / "x.md"
    code, _, stderr = report(str(XSS_FILE), "-o", str(out))
    assert code == 0, stderr
    md = out.read_text(encoding="utf-8")
    assert "# Kompetenzprofil: \\<script\\>alert(1)\\</script\\>" in md
    html = markdown_to_html(md)
    assert "<script" not in html and "<b>" not in html
    assert "<a " not in html and "<em>Stadt" not in html
    assert "Kompetenzprofil: &lt;script&gt;alert(1)&lt;/script&gt;</h1>" in html
    assert "*Stadt* | [Link](http://example.invalid) &lt;b&gt;fett&lt;/b&gt; _x_" in html


def test_html_report_is_self_contained_accessible_and_escaped(tmp_path):
    out = tmp_path / "x.html"
    code, _, stderr = report(str(XSS_FILE), "-o", str(out))
    assert code == 0, stderr
    html = out.read_text(encoding="utf-8")
    assert XSS not in html and "<script" not in html
    assert '<h1 id="person-1">Kompetenzprofil: &lt;script&gt;alert(1)&lt;/script&gt;</h1>' in html
    assert "&lt;b&gt;fett&lt;/b&gt;" in html
    # Self-contained: nothing to fetch, no script.
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html)
    assert "@import" not in html and "url(" not in html
    # Accessible: language, one h1 per person, headings in order, table and chart labelled.
    assert html.startswith('<!DOCTYPE html>\n<html lang="de">')
    levels = [int(h) for h in re.findall(r"<h([1-6])[ >]", html)]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))
    assert "<caption" in html and '<th scope="col">' in html and '<th scope="row">' in html
    assert re.search(r'<svg [^>]*role="img" aria-labelledby="chart-1-title chart-1-desc"', html)
    assert '<title id="chart-1-title">' in html and '<desc id="chart-1-desc">' in html
    # Print: A4 page and each person on a new page.
    assert "@page { size: A4" in html and ".person + .person { break-before: page; }" in html


def test_english_report(tmp_path):
    out = tmp_path / "en.html"
    code, stdout, stderr = report(str(COMPLETE), "-o", str(out), "--lang", "en")
    assert code == 0, stderr
    assert "Report written:" in stdout
    html = out.read_text(encoding="utf-8")
    assert '<html lang="en">' in html
    for expected in (
        "Competence profile: Erika Mustermann",
        "How to read this result",
        "Network knowledge",
        "Recommended modules",
        "Why this module?",
        "<q>I know the types of networks.</q> (rather does not apply)",
        "2.67",
        "6 May 2024",
    ):
        assert expected in html, expected
    assert "Lücke" not in html and "Netzwerkwissen" not in html


def test_partial_answers_are_said_clearly(tmp_path):
    out = tmp_path / "p.md"
    code, _, stderr = report(str(PARTIAL), "-o", str(out))
    assert code == 0, stderr
    md = out.read_text(encoding="utf-8")
    assert "**Status:** unvollständig" in md
    assert "> **Unvollständig:** Diese Selbsteinschätzung ist noch nicht abgeschlossen" in md
    # A has no score: "nicht genug Antworten", never a low number.
    assert "| A Netzwerkwissen | – | *nicht genug Antworten* |" in md
    assert "Für Netzwerkwissen liegen nicht genug Antworten vor." in md
    assert "Es wird kein Modul empfohlen" in md


def test_several_files_make_one_document_with_a_section_each(tmp_path):
    out = tmp_path / "all.html"
    code, stdout, stderr = report(str(COMPLETE), str(XSS_FILE), str(PARTIAL), "-o", str(out))
    assert code == 0, stderr
    assert "(3 Personen)" in stdout
    html = out.read_text(encoding="utf-8")
    assert html.count('<article class="person"') == 3
    assert html.count("<h1 ") == 3
    assert (
        html.index("Erika Mustermann") < html.index("&lt;script&gt;") < html.index("Max Beispiel")
    )


@pytest.mark.parametrize(
    "args, message",
    [
        (["-o", "{tmp}/r.pdf"], "muss auf .md oder .html enden"),
        (["-o", "{tmp}/r.html", "--lang", "fr"], "„fr“ ist keiner der Werte 'de', 'en'"),
    ],
)
def test_usage_mistakes_exit_2_without_traceback(tmp_path, args, message):
    code, _, stderr = report(str(COMPLETE), *[a.format(tmp=tmp_path) for a in args])
    assert code == 2
    assert message in stderr and "Traceback" not in stderr
    assert list(tmp_path.iterdir()) == []


def test_report_never_overwrites_an_answers_file(tmp_path):
    answers = tmp_path / "antworten.html"  # an answers file with an unlucky name
    answers.write_bytes(COMPLETE.read_bytes())
    code, _, stderr = report(str(answers), "-o", str(answers))
    assert code == 2 and "würde sie überschreiben" in stderr
    assert answers.read_bytes() == COMPLETE.read_bytes()


def test_bad_answers_file_names_file_line_and_column(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "format": "netzkompetenz-answers/1",\n  "values": {,}\n}\n')
    code, _, stderr = report(str(bad), "-o", str(tmp_path / "r.md"))
    assert code == 2 and "Traceback" not in stderr
    assert re.search(rf"{re.escape(str(bad))}:3:\d+: ungültiges JSON", stderr)
    assert not (tmp_path / "r.md").exists()


# --- user templates --------------------------------------------------------------------------


def test_user_template_gets_the_documented_context(tmp_path):
    template = tmp_path / "kurz.html"
    template.write_text(
        "<h1>{{ people[0].name }}</h1>{% for d in people[0].dimensions %}"
        "<p>{{ d.id }}={{ d.percent_text }} {{ d.level.label if d.enough else '-' }}</p>"
        "{% endfor %}{% for m in people[0].recommendations %}<li>{{ m.title }}: "
        "{% for r in m.reasons %}{{ r.low_items|map(attribute='id')|join(',') }}{% endfor %}"
        "</li>{% endfor %}{{ _('Competence profile') }} {{ ngettext('{days} day', "
        "'{days} days', 2).format(days=format_number(2)) }} "
        "{{ people[0].questionnaire.title }}",
        encoding="utf-8",
    )
    out = tmp_path / "out.txt"
    code, _, stderr = report(
        str(XSS_FILE), str(COMPLETE), "-o", str(out), "--template", str(template)
    )
    assert code == 0, stderr
    assert out.read_text(encoding="utf-8") == (
        "<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1><p>A=50 Fortgeschritten</p>"
        "<p>B=83 Expertise</p><li>Grundlagen: A1,A2</li>Kompetenzprofil 2 Tage "
        "Mini-Fragebogen"
    )


@pytest.mark.parametrize(
    "source, message",
    [
        ("{{ people.__class__.__mro__ }}", "template"),
        ("{{ ''.__class__.__subclasses__() }}", "template"),
        ("{% for x in people %}", "Fehler in der Vorlage"),
        ("{{ 1 / 0 }}", "Fehler in der Vorlage"),
        ("{{ people.append(1) }}", "template"),
    ],
)
def test_user_template_runs_sandboxed(tmp_path, source, message):
    template = tmp_path / "evil.md"
    template.write_text(source, encoding="utf-8")
    code, _, stderr = report(
        str(COMPLETE), "-o", str(tmp_path / "out.md"), "--template", str(template)
    )
    assert code == 2, stderr
    assert str(template) in stderr and message in stderr and "Traceback" not in stderr
    assert not (tmp_path / "out.md").exists()


# --- the functions the check and batch commands call -----------------------------------------


def test_render_and_write_person_report(tmp_path):
    scored = score_file(Catalog.load([MINI]), COMPLETE)
    md = render_person_report(scored, "md")
    assert md.startswith("# Kompetenzprofil: Erika Mustermann")
    with language("en"):
        html = render_person_report(scored, "html")
    assert '<html lang="en">' in html and "Competence profile" in html
    write_report([scored], tmp_path / "sub" / "erika.html")
    assert (
        (tmp_path / "sub" / "erika.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    )
    with language("en"):
        write_report([scored], tmp_path / "erika.md")
    assert "# Competence profile" in (tmp_path / "erika.md").read_text(encoding="utf-8")


def test_report_for_bundled_questionnaires(tmp_path):
    """Any valid questionnaire: every bundled profile's dimensions and modules appear."""
    catalog = Catalog.load()
    for role in ("coordinator", "leader"):
        profile = catalog.profile_for_role(role)
        questionnaire = catalog.questionnaire_of(profile)
        answers = new_answers(questionnaire, profile.id, Respondent(name=f"Test {role}"), "de")
        low = questionnaire.scale.min
        answers.values = {
            i.id: (questionnaire.scale.max if i.reverse else low) for i in questionnaire.items
        }
        answers.status = "complete"
        path = tmp_path / f"{role}.json"
        write_answers(path, answers)
        scored = score_file(catalog, path)
        for fmt in ("md", "html"):
            rendered = render_person_report(scored, fmt)

            def shown(text: str, fmt: str = fmt) -> str:
                return md_escape(text) if fmt == "md" else text.replace("&", "&amp;")

            for dim in questionnaire.dimensions:
                assert shown(dim.title["de"]) in rendered
            assert scored.result.recommendations, role  # all lowest: modules are due
            for rec in scored.result.recommendations:
                assert shown(profile.module(rec.module).title["de"]) in rendered


# --- pieces ----------------------------------------------------------------------------------


def test_md_escape():
    assert md_escape("a*b_c|d") == "a\\*b\\_c\\|d"
    assert md_escape("<x>") == "\\<x\\>"
    assert md_escape("Zeile 1\nZeile 2") == "Zeile 1 Zeile 2"
    assert md_escape("Jugendamt, Stadt-Mitte (Süd)") == "Jugendamt, Stadt-Mitte (Süd)"


def test_text_bar():
    assert text_bar(25, 75) == "█████░░░░░░░░░░│░░░░░"
    assert text_bar(None, 50) == "··········│··········"
    assert text_bar(100, 0) == "│" + "█" * 20


def test_chart_geometry_places_bars_and_targets_by_percent():
    dims = [
        {
            "id": "A",
            "title": "Eins",
            "enough": True,
            "percent": 25.0,
            "target": 75.0,
            "percent_text": "25",
            "target_text": "75",
        },
        {
            "id": "B",
            "title": "Zwei " * 20,
            "enough": False,
            "percent": None,
            "target": 50.0,
            "percent_text": "–",
            "target_text": "50",
        },
    ]
    chart = chart_geometry(dims)
    a, b = chart["rows"]
    x0, width = chart["x0"], chart["bar_width"]
    assert a["bar_width"] == 0.25 * width and a["target_x"] == x0 + 0.75 * width
    assert b["bar_width"] == 0 and b["target_x"] == x0 + 0.5 * width
    assert b["y"] - a["y"] > 0 and chart["height"] > b["y"]
    assert a["lines"] == ["A Eins"]
    assert len(b["lines"]) == 2 and b["lines"][1].endswith("…")
    assert all(len(line) <= 36 for line in b["lines"])
    assert [t["label"] for t in chart["ticks"]] == ["0", "25", "50", "75", "100"]


def test_score_json_is_unchanged_by_reporting(tmp_path):
    """Writing a report does not touch the answers file."""
    before = COMPLETE.read_bytes()
    code, _, _ = report(str(COMPLETE), "-o", str(tmp_path / "r.md"))
    assert code == 0
    assert COMPLETE.read_bytes() == before
    assert json.loads(before)["respondent"]["name"] == "Erika Mustermann"


def test_report_help_lists_options():
    proc = run_cli("report", "--help")
    assert proc.returncode == 0
    for option in ("-o", "--lang", "--template"):
        assert option in proc.stdout
    assert Path(__file__).exists()


def _v2_answers(tmp_path, role: str = "coordinator"):
    """The bundled v2 questionnaire answered with a varied pattern, context, framework,
    reflections (one with markup) and both no-score answers."""
    catalog = Catalog.load()
    profile = catalog.profile_for_role(role)
    q = catalog.questionnaire_of(profile)
    answers = new_answers(q, profile.id, Respondent(name="Anna"), "de")
    pattern = [3, 2, 4, 3, "cannot_judge", 3, "not_applicable", 4]
    answers.values = {i.id: pattern[n % len(pattern)] for n, i in enumerate(q.items)}
    answers.context = {"employer": "traeger", "field": "jugend"}
    answers.framework = {"R1": "yes", "R2": "no", "R3": "unknown"}
    answers.reflections = {q.dimensions[0].id: f"Im Mai {XSS} *fett*"}
    answers.status = "complete"
    path = tmp_path / f"{role}.json"
    write_answers(path, answers)
    return catalog, profile, q, score_file(catalog, path)


def test_v2_report_shows_anchors_reflections_situation_and_the_capped_list(tmp_path):
    catalog, profile, q, scored = _v2_answers(tmp_path)
    result = scored.result
    assert result.most_important == 3 < len(result.recommendations)
    md = render_person_report(scored, "md")
    html = render_person_report(scored, "html")
    for d in result.dimensions:  # the level's own text, and its anchor only where borne out
        description = profile.level(d.level).description["de"]
        assert md_escape(" ".join(description.split())) in md
        sentences = profile.anchors[d.dimension][d.level]
        assert isinstance(sentences, list)
        keyed = {s.item: s.scored for s in d.items}  # asked and answered, reverse keyed
        for sentence in sentences:
            borne_out = all(i in keyed and keyed[i] > 3 for i in sentence.items)
            assert (md_escape(" ".join(sentence.text["de"].split())) in md) == borne_out
    assert XSS not in md and XSS not in html
    assert "Im Mai \\<script\\>alert(1)\\</script\\> \\*fett\\*" in md
    assert "<blockquote>Im Mai &lt;script&gt;alert(1)&lt;/script&gt; *fett*</blockquote>" in html
    # context and framework apart from competence, before the profile
    assert md.index("## Ihre Situation") < md.index("## Ihr Profil im Vergleich")
    assert "Freier oder privater Träger" in md and "| weiß nicht |" in md
    # the two no-score answers counted apart
    na = sum(d.not_applicable for d in result.dimensions)
    cj = sum(d.cannot_judge for d in result.dimensions)
    assert na and cj
    assert f"„keine Gelegenheit (kommt in meiner Arbeit nicht vor)“: {na} ×" in md
    assert f"„kann ich nicht einschätzen“: {cj} ×" in md
    # the most important first, the rest briefly; kinds and alternatives
    assert "Das Wichtigste zuerst: höchstens 3 Module, danach kurz" in md
    important = [profile.module(r.module) for r in result.important]
    for n, module in enumerate(important, 1):
        assert f"### {n}. {md_escape(module.title['de'])}" in md
    assert "### 4." not in md and "### Auch möglich" in md
    further = profile.module(result.recommendations[3].module)
    assert f"- **4. {md_escape(further.title['de'])}**" in md
    # a short list: three "auch möglich" at most, and no sum of their days
    assert len(result.recommendations) == 6 and "- **7." not in md
    tail = md.split("### Auch möglich")[1].split("\n## ")[0]
    assert "Tage insgesamt" not in tail and "Summe" not in tail
    assert "- **Art:** Kurs" in md and "- **Statt eines Kurses oder daneben:**" in md
    # the title says the kind already: not again in brackets (UX review m17)
    assert "  - **Kollegiale Beratung für Netzwerkkoordinator\\*innen** (1 Tag): " in md
    # an item trigger's reason names its mean, worked out here from the answers and the
    # profile's trigger, and the statements answered below its threshold, not the others
    on_items, mean, below, low = _item_trigger_expected(profile, q, scored)
    assert f"Ihre Antworten zu diesen Aussagen liegen im Mittel bei {mean} (unter {below}):" in md
    n = result.recommendations.index(on_items) + 1
    title = md_escape(profile.module(on_items.module).title["de"])
    heading = f"### {n}. {title}" if n <= 3 else f"- **{n}. {title}**"
    why = (
        md.split(heading)[1].split("\n### ")[0].split("\n- **")[0]
        if n > 3
        else (md.split(heading)[1].split("**Warum dieses Modul?**")[1].split("\n### ")[0])
    )
    # the lowest few are quoted, the rest counted (views/person_modules.py): never one
    # answered at or above the threshold, and quoted and counted together are all below it
    quoted = [i for i in on_items.reasons[0].items if md_escape(q.item(i).text["de"]) in why]
    assert quoted and set(quoted) <= low, (quoted, low)
    more = len(low) - len(quoted)
    assert (f"und {more} weitere Aussage" in why) if more else ("weitere Aussage" not in why)


def _item_trigger_expected(profile, q, scored):
    """The first module recommended on single items, the mean of its answered items after
    reverse keying and its threshold (both as the German report writes them), and the items
    answered below the threshold, all from the answers and the profile's trigger."""
    rec = next(r for r in scored.result.recommendations if r.reasons[0].on_items)
    trigger = profile.module(rec.module).trigger
    # an answer to an item its condition did not ask does not count (the oracle decides)
    oracle = Oracle(
        load_yaml(ROOT / "questionnaires" / f"{q.id}.yaml"),
        load_yaml(ROOT / "profiles" / f"{profile.id}.yaml"),
    )
    asked = {i["id"] for i in oracle.asked_items(scored.answers.values, scored.answers.context)}
    keyed = {}
    for item_id in trigger.items:
        answer = scored.answers.values.get(item_id)
        if isinstance(answer, int) and item_id in asked:
            top, bottom = max(p.value for p in q.scale.points), min(p.value for p in q.scale.points)
            keyed[item_id] = top + bottom - answer if q.item(item_id).reverse else answer
    mean = sum(keyed.values()) / len(keyed)
    assert mean < trigger.below
    low = {i for i, v in keyed.items() if v < trigger.below}

    def german(x: float) -> str:
        return f"{x:.1f}".removesuffix(".0").replace(".", ",")  # 2,7 / 3,5 / 3

    return rec, german(mean), german(trigger.below), low


def test_v2_terminal_summary_words_item_reasons_and_the_cap(tmp_path):
    from rich.console import Console

    from netzkompetenz.i18n import language
    from netzkompetenz.views.terminal import print_summary

    _, profile, q, scored = _v2_answers(tmp_path)
    console = Console(record=True, width=200)
    with language("de"):
        print_summary(console, scored)
    text = console.export_text()
    assert "Empfohlene Module, die wichtigsten zuerst" in text
    _, mean, below, _ = _item_trigger_expected(profile, q, scored)
    said = f"Ihre Antworten zu diesen Aussagen liegen im Mittel bei {mean} (unter {below}): „"
    assert said in text
    assert "4." not in text.split("Empfohlene Module")[1].split("Auch möglich")[0]
    assert "Auch möglich: " in text and "Stattdessen oder begleitend: " in text


def test_the_terminal_quotes_statements_in_the_run_s_language(tmp_path):
    _, _, q, scored = _v2_answers(tmp_path)
    english = run_cli("report", str(scored.path), "--lang", "en")
    german = run_cli("report", str(scored.path), "--lang", "de")
    assert english.returncode == german.returncode == 0
    assert "(below 3.5): “" in english.stdout and "„" not in english.stdout
    assert "(unter 3,5): „" in german.stdout


def test_pulled_down_lists_only_answers_below_the_target_s_answer(tmp_path):
    _, _, q, scored = _v2_answers(tmp_path)
    page = tmp_path / "r.md"
    done = run_cli("report", str(scored.path), "-o", str(page), "--lang", "de")
    assert done.returncode == 0, done.stderr
    labels = {p.value: p.label["de"] for p in q.scale.points}
    lists = page.read_text(encoding="utf-8").split("Diese Aussagen haben den Wert gesenkt:")[1:]
    assert lists
    for listed in lists:
        block = listed.split("\n\n- ")[0]  # up to the next reason
        # a reversed statement agreed with is scored low: its answer may read "trifft eher zu"
        kept = [ln for ln in block.splitlines() if "umgekehrt gewertet" not in ln]
        answers = re.findall(r"Ihre Antwort: (.+?)(?: \(|$)", "\n".join(kept), flags=re.M)
        assert answers
        # every target of the bundled profile is about "trifft eher zu" (4) or above
        assert labels[4] not in answers and labels[5] not in answers, block


def test_n_of_m_answered_counts_every_statement_asked(tmp_path):
    from netzkompetenz.core.model import CANNOT_JUDGE, NOT_APPLICABLE
    from netzkompetenz.io.answers_file import read_answers
    from test_dialogue_bundled import answer

    catalog = Catalog.load([])
    path = tmp_path / "kim.json"
    answer(catalog, "coordinator", "Kim", path, middle=3)
    answers = read_answers(path)
    q = catalog.questionnaire_of(catalog.profile_for_role("coordinator"))
    first = q.dimensions[0].id
    mine = [i.id for i in q.items if i.dimension == first and i.id in answers.values]
    answers.values[mine[0]] = NOT_APPLICABLE
    answers.values[mine[1]] = CANNOT_JUDGE
    write_answers(path, answers)
    asked, answered = len(mine), len(mine) - 2
    page = tmp_path / "kim.md"
    done = run_cli("report", str(path), "-o", str(page), "--lang", "de")
    assert done.returncode == 0, done.stderr
    assert f"{answered} von {asked} Fragen beantwortet" in page.read_text(encoding="utf-8")
    shown = run_cli("report", str(path), "--lang", "de")
    assert f"{answered} von {asked} beantwortet" in shown.stdout.split(first)[1].split("\n")[2]


# --- new in post: "keine Gelegenheit" read as "not yet" (issue 21.4) ------------------------


def _answers_in_post(tmp_path: Path, role: str, tenure: str) -> Path:
    """Bundled content: a varied pattern with "keine Gelegenheit" on every fourth item."""
    catalog = Catalog.load()
    profile = catalog.profile_for_role(role)
    q = catalog.questionnaire_of(profile)
    answers = new_answers(q, profile.id, Respondent(name="Neu"), "de")
    pattern = [4, 2, 3, "not_applicable", 5, 3, 2]
    answers.values = {i.id: pattern[n % len(pattern)] for n, i in enumerate(q.items)}
    answers.context = {"employer": "verwaltung", "tenure": tenure}
    answers.status = "complete"
    path = tmp_path / f"{role}-{tenure}.json"
    write_answers(path, answers)
    return path


@pytest.mark.parametrize("role", ["coordinator", "leader"])
def test_no_opportunity_is_not_yet_for_someone_new_in_post(tmp_path, role):
    new = _answers_in_post(tmp_path, role, "unter_einem_jahr")
    old = _answers_in_post(tmp_path, role, "ueber_drei_jahre")
    # the same numbers: only the reading changes
    scores = [
        json.loads(run_cli("score", str(p), "--format", "json").stdout)[0] for p in (new, old)
    ]
    na = sum(d["not_applicable"] for d in scores[0]["dimensions"])
    assert na > 1
    for key in ("dimensions", "recommendations"):
        assert scores[0][key] == scores[1][key]
    said = "Sie haben „weniger als ein Jahr“ angegeben: Das sind also Gelegenheiten"
    for path, new_in_post in ((new, True), (old, False)):
        for suffix in ("md", "html"):
            out = tmp_path / f"{path.stem}.{suffix}"
            done = run_cli("report", str(path), "-o", str(out), "--lang", "de")
            assert done.returncode == 0, done.stderr
            text = out.read_text(encoding="utf-8")
            assert (said in text) is new_in_post, (path, suffix)
            assert (f"“: {na} ×. Sie haben" in text) is new_in_post
            assert ("die Situation kommt in Ihrer Arbeit nicht vor" in text) is not new_in_post
        terminal = run_cli("score", str(path), "--lang", "de")
        assert terminal.returncode == 0, terminal.stderr
        assert (said in " ".join(terminal.stdout.split())) is new_in_post
    english = run_cli("score", str(new), "--lang", "en")
    assert "You said “less than a year”: so these are occasions" in " ".join(english.stdout.split())


def test_the_answers_without_a_score_share_one_bracket(tmp_path):
    """UX review m14: "(dazu 1 × … und 1 × …)", not two brackets in a row; and the count
    is of the statements asked."""
    _, _, q, scored = _v2_answers(tmp_path)
    for suffix in (".md", ".html"):
        page = tmp_path / f"r{suffix}"
        done = run_cli("report", str(scored.path), "-o", str(page), "--lang", "de")
        assert done.returncode == 0, done.stderr
        text = page.read_text(encoding="utf-8")
        assert ") (dazu" not in text
        both = [d for d in scored.result.dimensions if d.cannot_judge and d.not_applicable]
        assert both
        for d in both:
            asked = d.applicable + d.not_applicable
            assert (
                f"{d.answered} von {asked} Fragen beantwortet (dazu {d.cannot_judge} × „kann ich"
                f" nicht einschätzen“ und {d.not_applicable} × „keine Gelegenheit"
            ) in md_unescape(text)


def md_unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def test_a_further_module_names_the_statements_behind_its_reason(tmp_path):
    """UX review m16: "Ihre Antworten zu diesen Aussagen liegen im Mittel bei 1,5 (unter 3)"
    under "Auch möglich" names "diese Aussagen", and the page says once what the threshold
    is."""
    from pages import person

    path = person(tmp_path, "Mareike Koch", "coordinator", "de", 2025)
    for suffix in (".md", ".html"):
        page = tmp_path / f"r{suffix}"
        done = run_cli("report", str(path), "-o", str(page), "--lang", "de")
        assert done.returncode == 0, done.stderr
        # a page's <q> is quoted by the browser in the page's language
        text = page.read_text(encoding="utf-8").replace("<q>", "„").replace("</q>", "“")
        text = md_unescape(text)
        further = text.split("Auch möglich")[1]
        reasons = [line for line in further.splitlines() if "im Mittel bei" in line]
        assert reasons
        for line in reasons:
            assert re.search(r"\(unter [\d,]+\): „[^“]+“ \([^)]+\)", line), line
        assert "(Skala 1 bis 5)" in text


def test_the_terminal_does_not_repeat_a_kind_the_title_says(tmp_path):
    """UX review m17: "Hospitation in einem anderen Netzwerk (Hospitation)"; with content
    3.0 these answers are offered peer consultation, whose title says its kind too."""
    _, _, q, scored = _v2_answers(tmp_path)
    done = run_cli("report", str(scored.path), "--lang", "de")
    assert done.returncode == 0, done.stderr
    said = " ".join(done.stdout.split())
    assert "Kollegiale Beratung für Netzwerkkoordinator*innen" in said
    assert "Kollegiale Beratung für Netzwerkkoordinator*innen (kollegiale Beratung)" not in said


# --- the setting beside a module's reasons (docs/reports.md) --------------------------------


def _lowest_leader(tmp_path: Path, data: Path | None = None) -> tuple[str, dict[str, str]]:
    """The leader's report in German for every answer at the low end and every framework
    condition „nein“; returns the Markdown and each condition's short form."""
    from test_print import lowest
    from walk import CONTEXT, framework_of, items_of, plan, reflections_of

    catalog = Catalog.load([data] if data else [])
    profile = catalog.profile_for_role("leader")
    q = catalog.questionnaire_of(profile)
    answers = new_answers(q, profile.id, Respondent(name="Erika", organisation=""), "de")
    context = {**CONTEXT, "remit": "auftrag"}  # every statement about the coordinator asked
    asked = plan(q, lowest, context=context)
    answers.values, answers.status, answers.context = items_of(asked), "complete", context
    answers.reflections, answers.framework = reflections_of(asked), framework_of(asked)
    path = tmp_path / "answers.json"
    write_answers(path, answers)
    out = tmp_path / "report.md"
    args = ["--data", str(data)] if data else []
    proc = run_cli(*args, "--lang", "de", "report", str(path), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    short = {f.id: f.if_no["de"] if f.if_no else None for f in q.framework}
    return " ".join(out.read_text(encoding="utf-8").replace("\\", "").split()), short


SETTING = "Ihr Rahmen, wie Sie ihn angegeben haben: "


def test_the_setting_names_at_most_three_conditions_by_their_short_form(tmp_path):
    page, short = _lowest_leader(tmp_path)
    notes = [n.split(". Das kann")[0] for n in page.split(SETTING)[1:]]
    assert notes
    more = re.compile(
        r"(\d+) weitere mit „nein“ beantwortete Bedingungen? \(siehe „Ihre Situation“\)"
    )
    counted = 0
    for note in notes:
        parts = note.split("; ")
        named = [p for p in parts if not more.fullmatch(p)]
        assert 1 <= len(named) <= 3 and set(named) <= set(short.values()), note
        if len(parts) > len(named):
            assert len(named) == 3 and more.fullmatch(parts[-1]), note
            counted += 1
    assert counted  # everything „nein“ and every answer low: some module has more than three


def test_a_condition_without_a_short_form_is_quoted(tmp_path):
    """Content without `if_no` still names the condition: quoted, with the answer."""
    from helpers import ROOT

    data = tmp_path / "content"
    for folder in ("questionnaires", "profiles"):
        (data / folder).mkdir(parents=True)
    source = (ROOT / "questionnaires" / "netzwerkmanagement.yaml").read_text(encoding="utf-8")
    stripped = re.sub(r"\n    if_no:\n      de: .*\n      en: .*", "", source)
    assert "if_no" not in stripped
    (data / "questionnaires" / "netzwerkmanagement.yaml").write_text(stripped, encoding="utf-8")
    profile = (ROOT / "profiles" / "leader.yaml").read_text(encoding="utf-8")
    (data / "profiles" / "leader.yaml").write_text(profile, encoding="utf-8")
    page, short = _lowest_leader(tmp_path, data)
    assert set(short.values()) == {None}
    assert SETTING + "„" in page and "“: nein" in page
