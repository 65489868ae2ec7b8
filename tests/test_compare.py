"""compare: tandem and before/after reports from the fixtures in tests/fixtures/tandem."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from content_copy import PAIRED, data_copy
from helpers import FIXTURES, parse, run_cli, screenshot
from netzkompetenz.core.compare import NOISE_REFERENCE_ITEMS, noise_threshold

TANDEM = FIXTURES / "tandem"
ANSWERS = TANDEM / "answers"


def compare(tmp_path: Path, a: str, b: str, name: str = "out.html", *extra: str):
    out = tmp_path / name
    proc = run_cli(
        "--data", str(TANDEM), "compare", str(ANSWERS / a), str(ANSWERS / b), "-o", str(out), *extra
    )
    return proc, out


# --- the noise rule ------------------------------------------------------------------------


def test_noise_threshold_shrinks_with_more_items():
    thresholds = [noise_threshold(k) for k in range(1, 13)]
    assert thresholds == sorted(thresholds, reverse=True)
    # Documented values (docs/compare.md): 6 items at alpha .80 and SD 15 -> about 19 points.
    assert noise_threshold(NOISE_REFERENCE_ITEMS) == pytest.approx(18.6, abs=0.1)
    assert noise_threshold(1) == pytest.approx(32.2, abs=0.1)
    assert noise_threshold(0) == float("inf")


# --- tandem --------------------------------------------------------------------------------


def test_tandem_markdown_shows_both_profiles_and_shared_modules(tmp_path):
    proc, out = compare(tmp_path, "lange-2025.json", "yilmaz-2025.json", "tandem.md")
    assert proc.returncode == 0, proc.stderr
    md = out.read_text(encoding="utf-8")
    assert "Dr. Petra Lange" in md and "Ali Yılmaz" in md
    assert "Tandem: musterstadt" in md
    assert "| F1 Governance-Verständnis | 25 | 70 | +45 |" in md
    assert "| K4 Moderation, Kommunikation und Konflikt | 100 | 75 | -25 |" in md
    together = md.split("## Gemeinsam besuchen")[1].split("##")[0]
    assert "**Ziele, Wirkung und Evaluation**: beiden empfohlen" in together
    assert "**Tandem-Werkstatt** (Tandem-Modul)" in together
    assert "Grundlagen" not in together  # recommended to the leader only
    assert "nur der Führungskraft empfohlen" in md


def test_tandem_html_marks_differing_recommendations_not_dimension_scores(tmp_path, artifacts):
    proc, out = compare(tmp_path, "yilmaz-2025.json", "lange-2025.json", "tandem.html")
    assert proc.returncode == 0, proc.stderr
    elements = parse(out)
    themes = {e["data-module"]: e for e in elements if e["tag"] == "tr" and "data-module" in e}
    assert set(themes) == {
        "grundlagen",
        "ziele-wirkung",
        "moderation-koopkurrenz",
        "tandem-werkstatt",
    }
    # Different dimensions (F1 against K1) are different constructs: no score difference is
    # shown as "differing views"; a row is marked when only one of them gets the module.
    assert themes["grundlagen"].get("class") == "differ"  # recommended to the leader only
    assert "class" not in themes["ziele-wirkung"]  # recommended to both
    assert "+50" not in themes["grundlagen"]["text"] and "%" not in themes["grundlagen"]["text"]
    # The fixture questionnaires (v1) have no paired statements, and the page says so.
    assert "keine gepaarten Aussagen" in out.read_text(encoding="utf-8")
    together = [e["data-module"] for e in elements if e["tag"] == "li" and "data-module" in e]
    assert together == ["ziele-wirkung", "tandem-werkstatt"]
    # The leader is on the left whatever the argument order.
    headings = out.read_text(encoding="utf-8")
    assert headings.index("Führungskraft: Dr. Petra Lange") < headings.index(
        "Netzwerkkoordination: Ali Yılmaz"
    )
    screenshot(out, artifacts / "compare-tandem.png")


def test_tandem_given_explicitly_escapes_names(tmp_path):
    proc, out = compare(tmp_path, "lange-2025.json", "script-2025.json", "pair.html")
    assert proc.returncode == 0, proc.stderr
    page = out.read_text(encoding="utf-8")
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    tandem_line = next(e for e in parse(out) if e.get("id") == "tandem-id")
    assert "ausdrücklich als Paar" in tandem_line["text"]


def test_different_tandems_are_refused(tmp_path):
    proc, out = compare(tmp_path, "lange-2025.json", "koch-2025.json")
    assert proc.returncode == 2
    assert "koch-2025.json: " in proc.stderr
    assert "'musterstadt' und 'beispielkreis'" in proc.stderr
    assert "Traceback" not in proc.stderr and not out.exists()


def test_two_different_people_with_one_questionnaire_are_refused(tmp_path):
    proc, out = compare(tmp_path, "yilmaz-2025.json", "koch-2025.json", "x.md", "--lang", "en")
    assert proc.returncode == 2
    assert "different people ('Ali Yılmaz' and 'Maria Koch')" in proc.stderr
    assert not out.exists()


def test_unknown_output_format_is_refused(tmp_path):
    proc, out = compare(tmp_path, "lange-2025.json", "yilmaz-2025.json", "out.pdf")
    assert proc.returncode == 2 and ".md oder .html" in proc.stderr


# --- before/after ------------------------------------------------------------------------


def test_before_after_orders_by_date_and_flags_noise(tmp_path):
    # Newer file first: the report still reads 2024 -> 2025.
    proc, out = compare(tmp_path, "yilmaz-2025.json", "yilmaz-2024.json", "ba.html")
    assert proc.returncode == 0, proc.stderr
    elements = parse(out)
    rows = {e["data-dimension"]: e for e in elements if "data-dimension" in e}
    assert "+42" in rows["K1"]["text"] and "deutliche Veränderung" in rows["K1"]["text"]
    assert "class" not in rows["K1"]
    # K4: +25 points, but only one item was answered before: within noise.
    assert "+25" in rows["K4"]["text"] and rows["K4"].get("class") == "noise"
    assert "innerhalb der Messungenauigkeit (unter 32 Punkten)" in rows["K4"]["text"]
    assert rows["K5"].get("class") == "noise"  # no change at all
    items = next(e for e in elements if e.get("id") == "items")["text"]
    assert "nur nachher beantwortet: K3_03, K4_02" in items
    modules = next(e for e in elements if e.get("id") == "modules")["text"]
    assert "nicht mehr empfohlen: Grundlagen" in modules
    page = out.read_text(encoding="utf-8")
    assert page.index("04.03.2024") < page.index("12.03.2025")  # one date format: German


def test_before_after_notes_a_questionnaire_version_change(tmp_path):
    before = json.loads((ANSWERS / "yilmaz-2024.json").read_text(encoding="utf-8"))
    before["questionnaire"]["version"] = "0.9"
    before["questionnaire"]["hash"] = "0" * 16
    before["questionnaire"]["items"]["K1_01"] = "0" * 10  # the item was worded differently
    old = tmp_path / "old.json"
    old.write_text(json.dumps(before), encoding="utf-8")
    out = tmp_path / "ba.md"
    proc = run_cli(
        "--data",
        str(TANDEM),
        "compare",
        str(old),
        str(ANSWERS / "yilmaz-2025.json"),
        "-o",
        str(out),
        "--lang",
        "en",
    )
    assert proc.returncode == 0, proc.stderr
    md = out.read_text(encoding="utf-8")
    assert "different versions of the questionnaire (0.9 and 1.0)" in md
    assert "items changed between the versions: K1_01" in md


def test_tandem_with_the_bundled_profiles(tmp_path):
    """The bundled leader and coordinator profiles share modules: each becomes a topic."""
    from netzkompetenz.core.answers import Respondent
    from netzkompetenz.io.answers_file import new_answers, write_answers
    from netzkompetenz.io.catalog import Catalog

    catalog = Catalog.load()
    files = []
    for role, value in (("leader", 2), ("coordinator", 4)):
        profile = catalog.profile_for_role(role)
        q = catalog.questionnaire_of(profile)
        answers = new_answers(q, profile.id, Respondent(name=f"Test {role}", tandem="t1"), "de")
        answers.values = {item.id: value for item in q.items}
        files.append(tmp_path / f"{role}.json")
        write_answers(files[-1], answers)
    out = tmp_path / "tandem.html"
    proc = run_cli("compare", *map(str, files), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    leader, coordinator = (catalog.profile_for_role(r) for r in ("leader", "coordinator"))
    shared = [m.id for m in leader.modules if m.id in {x.id for x in coordinator.modules}]
    themes = [e["data-module"] for e in parse(out) if e["tag"] == "tr" and "data-module" in e]
    assert shared and themes == shared


def test_tandem_markdown_keeps_names_literal(tmp_path):
    """User-provided text cannot turn into Markdown markup (links, emphasis, tables)."""
    from netzkompetenz.core.answers import Respondent
    from netzkompetenz.io.answers_file import new_answers, write_answers
    from netzkompetenz.io.catalog import Catalog

    catalog = Catalog.load()
    files = []
    for role, name in (
        ("leader", "[klick](http://x.example) *Chefin*"),
        ("coordinator", "Kim | Team_A"),
    ):
        profile = catalog.profile_for_role(role)
        q = catalog.questionnaire_of(profile)
        answers = new_answers(
            q, profile.id, Respondent(name=name, organisation="Amt <5>", tandem="t_1"), "de"
        )
        answers.values = {item.id: 3 for item in q.items}
        files.append(tmp_path / f"{role}.json")
        write_answers(files[-1], answers)
    out = tmp_path / "tandem.md"
    proc = run_cli("compare", *map(str, files), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    text = out.read_text(encoding="utf-8")
    assert "\\[klick\\](http://x.example) \\*Chefin\\*" in text
    assert "Kim \\| Team\\_A" in text
    assert "Amt \\<5\\>" in text
    assert "t\\_1" in text
    assert "[klick](" not in text and "*Chefin*" not in text.replace("\\*", "")


def _bundled_tandem(tmp_path: Path, leader_values, coordinator_values, data: Path | None = None):
    """Answers files of a leader and a coordinator to the bundled questionnaires, or to
    those of the `data` folder."""
    from netzkompetenz.core.answers import Respondent
    from netzkompetenz.io.answers_file import new_answers, write_answers
    from netzkompetenz.io.catalog import Catalog

    catalog = Catalog.load([data] if data else None)
    files = []
    for role, values in (("leader", leader_values), ("coordinator", coordinator_values)):
        profile = catalog.profile_for_role(role)
        q = catalog.questionnaire_of(profile)
        answers = new_answers(q, profile.id, Respondent(name=f"Test {role}", tandem="t"), "de")
        answers.values = {item.id: values(item) for item in q.items}
        answers.status = "complete"
        files.append(tmp_path / f"{role}.json")
        write_answers(files[-1], answers)
    return catalog, files


def test_tandem_compares_paired_statements_like_with_like(tmp_path):
    """P4 (K5_09 and F6_02 paired again in a --data copy: the bundled content has no pair
    left): both answers side by side; two or more steps apart is a difference, and the
    `pairs_differ` module (tandem-werkstatt) is then recommended to the tandem even when
    neither person's own answers call for it."""
    from netzkompetenz.core.compare import tandem
    from netzkompetenz.core.pairs import PAIR_DIFFERS
    from netzkompetenz.io.answers_file import score_file

    def leader(item):  # "mostly true" everywhere, P4 "completely true"
        return 5 if item.pair == "P4" else (2 if item.reverse else 4)

    def coordinator(item):  # the same, but P4 only "partly true": 2 steps apart
        return 3 if item.pair == "P4" else (2 if item.reverse else 4)

    data = data_copy(tmp_path / "data", *PAIRED)
    catalog, files = _bundled_tandem(tmp_path, leader, coordinator, data)
    found = tandem(*(score_file(catalog, f) for f in files))
    assert [p.pair for p in found.pairs] == ["P4"]
    p4 = found.pairs[0]
    assert (p4.leader_item.id, p4.coordinator_item.id) == ("F6_02", "K5_09")
    assert p4.difference == -2 == -PAIR_DIFFERS and p4.differs
    assert "tandem-werkstatt" not in [r.module for r in found.leader.result.recommendations]
    assert "tandem-werkstatt" not in [r.module for r in found.coordinator.result.recommendations]
    workshop = next(t for t in found.together if t.module == "tandem-werkstatt")
    assert workshop.pairs_differ and not (workshop.leader or workshop.coordinator)

    out = tmp_path / "tandem.md"
    proc = run_cli("--data", str(data), "compare", *map(str, files), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    md = out.read_text(encoding="utf-8")
    # each side's own statement, as the bundled questionnaires word it, with its answer
    leader_says, coordinator_says = p4.leader_item.text["de"], p4.coordinator_item.text["de"]
    assert (
        f"| P4 | „{leader_says}“: trifft voll zu | „{coordinator_says}“: teils/teils | -2 | "
        "**die Antwort der Führungskraft liegt höher** |" in md
    )
    assert "**Tandem-Werkstatt** (Tandem-Modul): für beide" in md


def test_one_step_apart_on_a_pair_is_noise(tmp_path):
    from netzkompetenz.core.compare import tandem
    from netzkompetenz.io.answers_file import score_file

    catalog, files = _bundled_tandem(
        tmp_path,
        lambda i: 2 if i.reverse else 4,
        lambda i: 5 if i.pair else (2 if i.reverse else 4),
        data_copy(tmp_path / "data", *PAIRED),
    )
    found = tandem(*(score_file(catalog, f) for f in files))
    assert [p.pair for p in found.pairs] == ["P4"]
    assert all(p.difference == 1 and not p.differs for p in found.pairs)
    assert not any(t.pairs_differ for t in found.together)


def test_tandem_in_80_columns_keeps_whole_words_and_says_gaps_in_words(tmp_path):
    """`compare A B` read in the terminal (UX review m24): no column squeezed until a
    statement's words are cut with "…", each table row stacked instead; a gap said as the
    check says it ("26 Prozentpunkte unter dem Ziel"), not "+26". The statements of a pair
    are the longest cells: K5_09 and F6_02 paired as P4 in a --data copy."""
    from netzkompetenz.core.answers import Respondent
    from netzkompetenz.io.answers_file import new_answers, write_answers
    from netzkompetenz.io.catalog import Catalog

    data = data_copy(tmp_path / "data", *PAIRED)
    catalog = Catalog.load([data])
    files, texts = [], []
    for role, value in (("leader", 2), ("coordinator", 4)):
        profile = catalog.profile_for_role(role)
        q = catalog.questionnaire_of(profile)
        answers = new_answers(q, profile.id, Respondent(name=f"Test {role}", tandem="t1"), "de")
        answers.values = {item.id: value for item in q.items}
        files.append(tmp_path / f"{role}.json")
        write_answers(files[-1], answers)
        texts += [i.text["de"] for i in q.items if i.pair]
    proc = run_cli(
        "--data", str(data), "compare", *map(str, files), "--lang", "de", env={"COLUMNS": "80"}
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert "…" not in proc.stdout
    marks = '„“”":.,'  # quotes and stops around a statement's words
    tokens = {t.strip(marks) for line in lines for t in line.split()}
    cut = [w for t in texts for w in t.split() if w.strip(marks) not in tokens]
    assert len(texts) == 2 and not cut, cut  # both sides of P4
    gaps = [line for line in lines if "Lücke:" in line]
    assert gaps and all(
        re.search(r"Prozentpunkte? (unter|über) dem Ziel|Ziel erreicht|–", g) for g in gaps
    )


def test_tandem_counts_answered_of_asked_as_the_person_report_does(tmp_path):
    """ "answered m of n": n counts every statement asked, "keine Gelegenheit" and a rejected
    situation included, in the tandem page as in each person's report."""
    from netzkompetenz.core.answers import Respondent
    from netzkompetenz.io.answers_file import new_answers, write_answers
    from netzkompetenz.io.catalog import Catalog

    catalog = Catalog.load()
    files, expected = [], []
    for role in ("leader", "coordinator"):
        profile = catalog.profile_for_role(role)
        q = catalog.questionnaire_of(profile)
        answers = new_answers(q, profile.id, Respondent(name=f"Test {role}", tandem="t1"), "de")
        answers.values = {
            item.id: 1 if item.premise else ("not_applicable" if n % 5 == 0 else 4)
            for n, item in enumerate(q.items)
        }
        answers.context = {c.id: c.options[0].id for c in q.context}
        files.append(tmp_path / f"{role}.json")
        write_answers(files[-1], answers)
        done = run_cli("score", str(files[-1]), "--format", "json")
        assert done.returncode == 0, done.stderr
        (result,) = json.loads(done.stdout)
        dims = result["dimensions"]
        assert sum(d["premise_rejected"] for d in dims) and sum(d["not_applicable"] for d in dims)
        asked = [d["applicable"] + d["not_applicable"] + d["premise_rejected"] for d in dims]
        expected.append([f"| {d['answered']}/{n} |" for d, n in zip(dims, asked, strict=True)])
    out = tmp_path / "tandem.md"
    proc = run_cli("compare", *map(str, files), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    rows = [line for line in out.read_text(encoding="utf-8").splitlines() if line.startswith("| ")]
    for cells in expected:
        for cell in cells:
            assert any(row.endswith(cell) for row in rows), cell
