"""The six personas of the content review of 2026-12 (section 3), answered to content 3.0:
the report's level texts say nothing of a person that an answer contradicts (the reading of
test_grounded.check_page), every module reason is true to the answers, and each persona gets
the modules, notes and cautions its answers call for.

Each persona goes through the real command line (`netzkompetenz report`, `score --format
json`); percentages, means and labels are worked out here from the YAML and the answers by
docs/scoring.md, without the package's scoring.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from helpers import run_cli
from netzkompetenz.core.answers import Respondent
from netzkompetenz.io.answers_file import new_answers, write_answers
from netzkompetenz.io.catalog import Catalog
from test_grounded import OWN, _plain, _report, _sections, _yaml, check_page

ROLES = {"coordinator": "netzwerkkoordination", "leader": "netzwerkmanagement"}
WHY = "**Warum dieses Modul?**"
DIM_REASON = re.compile(r"^- (.+): (\d+) % bei einem Ziel von (\d+) % \(Lücke (\d+) ")
ITEM_REASON = re.compile(r"^- Ihre Antworten zu diesen Aussagen liegen im Mittel bei ([\d,]+) ")
STATEMENT = re.compile(r"^  - „(.+)“ – Ihre Antwort: (.+?)( \(gegensätzlich formuliert.*)?$")
SETTING = "Ihr Rahmen, wie Sie ihn angegeben haben: "
MORE = re.compile(r"^  - und (\d+) weitere Aussagen?$")


@pytest.fixture(scope="module")
def content() -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    found = ROLES.items()
    return {role: (_yaml("questionnaires", q), _yaml("profiles", role)) for role, q in found}


def _asked(q: dict, values: dict, context: dict) -> list[dict]:
    asked = []
    for item in q["items"]:
        cond = item.get("condition")
        if cond is None:
            asked.append(item)
        elif "context" in cond:
            if context.get(cond["context"]) in cond["in"]:
                asked.append(item)
        else:
            given = values.get(cond["item"])
            if isinstance(given, int) and given >= cond.get("min", given):
                asked.append(item)
    return asked


def persona(q: dict, regular: int, reverse: int, context: dict, changes: dict) -> dict:
    """Every asked item answered `regular`, reverse-keyed ones `reverse`, then `changes`."""
    values: dict[str, Any] = {}
    for item in q["items"]:
        if item["id"] in changes:
            values[item["id"]] = changes[item["id"]]
        else:
            values[item["id"]] = reverse if item.get("reverse") else regular
        if item not in _asked(q, values, context):
            del values[item["id"]]
    return values


def _write(tmp: Path, role: str, name: str, values: dict, context: dict, framework: dict) -> Path:
    catalog = Catalog.load([])
    profile = catalog.profile_for_role(role)
    q = catalog.questionnaire_of(profile)
    answers = new_answers(q, profile.id, Respondent(name=name), "de")
    answers.values, answers.context, answers.framework = dict(values), context, framework
    answers.status = "complete"
    path = tmp / f"{name}.json"
    write_answers(path, answers)
    return path


def _keyed(item: dict, answer: int) -> int:
    return 6 - answer if item.get("reverse") else answer


def _percent(q: dict, dim: str, values: dict, context: dict) -> float | None:
    """docs/scoring.md §1-3: mean of keyed answers of the asked items, >= 3 answered and at
    least half of the applicable ones; percent of the scale range."""
    items = [i for i in _asked(q, values, context) if i["dimension"] == dim]
    given = [values.get(i["id"]) for i in items]
    applicable = [v for v in given if v != "not_applicable"]
    scored = [_keyed(i, values[i["id"]]) for i in items if isinstance(values.get(i["id"]), int)]
    if len(scored) < q["min_answered"] or len(scored) < q["min_coverage"] * len(applicable):
        return None
    return (sum(scored) / len(scored) - 1) / 4 * 100


def check_reasons(page: str, q: dict, profile: dict, values: dict, context: dict) -> list[str]:
    """Every module reason on the page is true to the answers; returns the module titles in
    order. A dimension reason gives the dimension's score and target; an item reason the
    mean of its statements; every statement listed is quoted with the answer given, and
    lies below the threshold; a framework note only where it applies, once per module."""
    items = {_plain(i["text"]["de"]): i for i in q["items"]}
    labels = {p["value"]: p["label"]["de"] for p in q["scale"]["points"]}
    titles = {d["title"]["de"]: d["id"] for d in q["dimensions"]}
    modules = []
    for block in page.split("\n### ")[1:]:
        if WHY not in block:
            continue
        modules.append(block.split("\n", 1)[0].split(". ", 1)[1])
        why = block.split(WHY, 1)[1]
        reasons: list[tuple[str | None, list[dict], int]] = []  # dimension, quoted, more
        for line in why.split("\n"):
            if m := DIM_REASON.match(line):
                dim = titles[_plain(m.group(1))]
                assert round(_percent(q, dim, values, context)) == int(m.group(2)), line
                assert int(m.group(3)) == profile["targets"][dim], line
                reasons.append((dim, [], 0))
            elif m := ITEM_REASON.match(line):
                assert float(m.group(1).replace(",", ".")) < 3.5, line
                reasons.append((None, [], 0))
            elif m := STATEMENT.match(line):
                item = items[_plain(m.group(1))]
                assert labels[values[item["id"]]] == m.group(2), line
                assert _keyed(item, values[item["id"]]) <= 3, line  # a reason, not a strength
                reasons[-1][1].append(item)
            elif m := MORE.match(line):
                reasons[-1] = (reasons[-1][0], reasons[-1][1], int(m.group(1)))
        assert reasons, block  # every module gives a reason the patterns above read
        assert why.count(SETTING) <= 1  # the setting is said once per module
        for dim, quoted, more in reasons:
            _check_quoted(q, profile, values, context, dim, quoted, more, len(reasons))
    return modules


def _check_quoted(q: dict, profile: dict, values: dict, context: dict, dim: str | None,
                  quoted: list[dict], more: int, reasons: int) -> None:  # fmt: skip
    """A reason quotes the lowest few of its statements (three, two each of two reasons,
    one each of more) and counts the rest: for a dimension, every asked statement answered
    below the answer its target stands for (75 % on 1-5: „trifft eher zu“, 4)."""
    assert len(quoted) <= {1: 3, 2: 2}.get(reasons, 1)
    if dim is None:
        return
    goal = 1 + profile["targets"][dim] / 100 * 4
    level = min(range(1, 6), key=lambda point: (abs(point - goal), -point))
    low = [
        i
        for i in _asked(q, values, context)
        if i["dimension"] == dim
        and isinstance(values.get(i["id"]), int)
        and _keyed(i, values[i["id"]]) < level
    ]
    assert len(quoted) + more == len(low), (dim, len(quoted), more, len(low))
    rest = [_keyed(i, values[i["id"]]) for i in low if i not in quoted]
    assert all(_keyed(i, values[i["id"]]) <= min(rest, default=5) for i in quoted), dim


def run(tmp: Path, content: dict, role: str, name: str, values: dict, context: dict,
        framework: dict | None = None) -> tuple[str, dict, list[str]]:  # fmt: skip
    """The persona's report page (checked by check_page and check_reasons), its
    `score --format json` result and the recommended modules' titles."""
    q, profile = content[role]
    path = _write(tmp, role, name, values, context, framework or {})
    page = _report([path], tmp / f"{name}.md", "de")[name]
    check_page(page, q, profile, {"values": values, "context": context}, "de")
    modules = check_reasons(page, q, profile, values, context)
    done = run_cli("score", str(path), "--format", "json", "--lang", "de")
    assert done.returncode == 0, done.stderr
    return page, json.loads(done.stdout)[0], modules


WORKING = {"employer": "verwaltung", "field": "jugend", "tenure": "ueber_drei_jahre"}
LAUFEND = {**WORKING, "phase": "laufend"}


def test_a_partly_true_everywhere_gets_a_short_list(content, tmp_path):
    """(a) „teils/teils“ everywhere, reversals too: Einstieg everywhere, three modules first
    and three "also possible" at most, each for a gap the answers show."""
    for role in ROLES:
        q, _ = content[role]
        # a leader responsible for the coordinator's remit: asked every statement about her
        context = {**LAUFEND, "remit": "auftrag"} if role == "leader" else LAUFEND
        values = persona(q, 3, 3, context, {})
        page, result, modules = run(tmp_path, content, role, f"A-{role}", values, context)
        assert all(round(d["percent"]) == 50 for d in result["dimensions"])
        assert 1 <= len(modules) <= 3 and "Auch möglich" in page
        assert len(page.split("Auch möglich")[1].split("\n- **")) - 1 <= 3


def test_b_strong_with_one_weak_dimension_gets_its_module(content, tmp_path):
    """(b) „trifft voll zu“ everywhere (reversals rejected), K4 at 2: the one module for K4."""
    q, _ = content["coordinator"]
    k4 = {i["id"]: (4 if i.get("reverse") else 2) for i in q["items"] if i["dimension"] == "K4"}
    values = persona(q, 5, 1, LAUFEND, k4)
    page, result, modules = run(tmp_path, content, "coordinator", "B", values, LAUFEND)
    assert modules == ["Moderation, Konflikt und Koopkurrenz"]
    k4 = _sections(page)["K4"]
    assert OWN["de"] not in k4 and "- Sie stimmen nicht zu: „" in k4


def test_c_digital_weakness_names_only_the_digital_statements(content, tmp_path):
    """(c) „trifft eher zu“ everywhere, digital items at 1, no approved video system: the
    digital module, its reasons only the statements answered low, and the framework note."""
    q, _ = content["coordinator"]
    values = persona(q, 4, 2, LAUFEND, {"K6_03": 1, "K6_05": 1})
    page, _, modules = run(
        tmp_path, content, "coordinator", "C", values, LAUFEND, {"R12": "no", "R3": "yes"}
    )
    assert modules[0] == "Digitale Netzwerkarbeit"
    why = page.split(WHY, 1)[1].split("\n### ", 1)[0]
    assert "Videokonferenz leiten" in why and "Informationsfluss" not in why
    r12 = next(f for f in q["framework"] if f["id"] == "R12")["if_no"]["de"]
    assert why.count(SETTING) == 1 and f"{SETTING}{r12}." in _plain(why)


def test_d_traeger_leader_without_own_coordinator(content, tmp_path):
    """(d) leader at a Träger (Bereichsleitung) responsible for no coordinator (`remit:
    keine`, tenth read), „keine Gelegenheit“ on the staff items, the mandate items at 2, no
    written remit and no secured funding: F6 has not enough answers and praises nothing; the
    F2 reasons are abilities; the statements about a coordinator's remit are not asked, so
    its "nein" (R2), like a budget's (R3, R4), is never named as a reason."""
    q, _ = content["leader"]
    context = {
        "employer": "traeger",
        "level": "bereich",
        "tenure": "ueber_drei_jahre",
        "remit": "keine",
    }
    f6 = {i["id"]: "not_applicable" for i in q["items"] if i["dimension"] == "F6"}
    changes = {**f6, "F2_06": 2, "F2_13": 2, "F2_14": 2, "F2_16": 4, "F2_22": 2}
    values = persona(q, 4, 2, context, changes)
    framework = {"R2": "no", "R3": "no", "R4": "no"}
    page, result, modules = run(tmp_path, content, "leader", "D", values, context, framework)
    f6_section = _sections(page)["F6"]
    assert "**Nicht genug Antworten**" in f6_section and OWN["de"] not in f6_section
    assert "Netzwerkmanagement für Führungskräfte" in modules
    # no statement asked of them links the coordinator's remit (R2) or a budget (R3, R4)
    asked = {i["id"] for i in _asked(q, values, context)}
    # nor the powers a coordinator needs (F2_13: `auftrag` and `dienst` since round 16), nor
    # the lasting funding of one (F2_06, nineteenth read b)
    assert not {"F2_06", "F2_13", "F2_14", "F2_16"} & asked and "F2_22" in asked
    linked = {r for i in q["items"] if i["id"] in asked for r in i.get("framework", [])}
    assert not {"R2", "R3", "R4"} & linked
    short = {f["id"]: f["if_no"]["de"] for f in q["framework"]}
    notes = [_plain(line) for line in page.split("\n") if _plain(line).startswith(SETTING)]
    assert not any(short[r] in line for r in ("R2", "R3", "R4") for line in notes)


def test_e_newcomer_reads_no_opportunity_as_not_yet(content, tmp_path):
    """(e) coordinator in post under a year, network being set up, many „kann ich nicht
    einschätzen“ and „keine Gelegenheit“: dimensions without enough answers say so and no
    module comes from them; the report reads „keine Gelegenheit“ as not yet, not as a gap."""
    q, _ = content["coordinator"]
    context = {"employer": "traeger", "tenure": "unter_einem_jahr", "phase": "aufbau"}
    unjudged = {i["id"]: "cannot_judge" for i in q["items"] if i["dimension"] in ("K3", "K6")}
    no_chance = {i["id"]: "not_applicable" for i in q["items"] if i["dimension"] == "K5"}
    values = persona(q, 3, 3, context, {**unjudged, **no_chance, "K2_01": 2, "K2_07": 2})
    page, result, modules = run(tmp_path, content, "coordinator", "E", values, context)
    thin = {d["id"] for d in result["dimensions"] if d["percent"] is None}
    assert {"K3", "K5", "K6"} <= thin
    for dim in thin:
        assert "**Nicht genug Antworten**" in _sections(page)[dim]
    for rec in result["recommendations"]:
        assert not {r.get("dimension") for r in rec["reasons"]} & thin, rec
        for reason in rec["reasons"]:
            assert not {i[:2] for i in reason.get("items", [])} & thin, rec
    assert "noch nicht hatten, keine Lücke" in _plain(page)


@pytest.mark.parametrize("role", sorted(ROLES))
def test_f_top_everywhere_and_all_5(role, content, tmp_path):
    """(f) top everywhere with the reversals rejected: Expertise, no module, no caution.
    (f2) „trifft voll zu“ on everything, reversals too: the agreement caution, and no
    dimension reaches Expertise."""
    q, _ = content[role]
    # a leader responsible for a coordinator's remit is asked everything about them
    context = {**LAUFEND, "remit": "auftrag"} if role == "leader" else LAUFEND
    page, result, modules = run(
        tmp_path, content, role, "F", persona(q, 5, 1, context, {}), context
    )
    assert modules == [] and all(d["level"] == "expertise" for d in result["dimensions"])
    assert "im Mittel zugestimmt" not in _plain(page)
    page, result, modules = run(
        tmp_path, content, role, "F2", persona(q, 5, 5, context, {}), context
    )
    assert "im Mittel zugestimmt, auch den gegensätzlich formulierten" in _plain(page)
    assert not any(d["level"] == "expertise" for d in result["dimensions"])


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_nzfh_framework_is_cited_only_in_fruehe_hilfen(lang, content, tmp_path):
    """UX review m20: the NZFH quality framework is named where it is the person's own
    (field Frühe Hilfen), in English as the named programme, and nowhere else."""
    q, _ = content["coordinator"]
    for field, cited in (("fruehe_hilfen", True), ("jugend", False)):
        context = {**LAUFEND, "field": field}
        path = _write(
            tmp_path, "coordinator", f"N-{field}", persona(q, 4, 2, context, {}), context, {}
        )
        out = tmp_path / f"{field}-{lang}.html"
        done = run_cli("report", str(path), "-o", str(out), "--lang", lang)
        assert done.returncode == 0, done.stderr
        page = out.read_text(encoding="utf-8")
        assert ("NZFH" in page) is cited, field
        assert "early childhood intervention" not in page
        if cited and lang == "en":
            assert "Frühe Hilfen (the German early-support programme for families" in page
