"""Grounded level texts (issue 21, item 1): the report says an anchor sentence of a person
only where their answers bear it out, quotes their own highest and lowest statements as
they answered them, and always shows the level's own description with its hedges.

Everything runs through the real command line (`netzkompetenz report`) and is checked
against the YAML read here directly and against the answers given, by a reading of the
rule in docs/reports.md written for this test (no code of the report is reused).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from generated import Seeded, person
from helpers import ROOT, run_cli
from netzkompetenz.core.answers import Respondent
from netzkompetenz.io.answers_file import new_answers, write_answers
from netzkompetenz.io.catalog import Catalog

ROLES = {"coordinator": "netzwerkkoordination", "leader": "netzwerkmanagement"}
OWN = {"de": "Nach Ihrer eigenen Einschätzung: ", "en": "In your own assessment: "}
LEVEL = {"de": "**Stufe: {label}.** ", "en": "**Level: {label}.** "}
PERSON = {"de": "# Kompetenzprofil: ", "en": "# Competence profile: "}
QUOTE = re.compile(
    r"^- (Sie stimmen zu|Sie stimmen nicht zu|Nur zum Teil|You agree|You disagree|Only in part)"
    r": [„“](.+)[“”] \((.+)\)$"
)
AGREE = {"Sie stimmen zu", "You agree"}
DISAGREE = {"Sie stimmen nicht zu", "You disagree"}
HIGHEST = {"de": "Ihre höchsten Antworten in diesem Bereich:", "en": "Your highest answers here:"}
LOWEST = {
    "de": "Ihre niedrigsten Antworten in diesem Bereich – hier können Sie ansetzen:",
    "en": "Your lowest answers here, a place to start:",
}


def _yaml(kind: str, name: str) -> dict[str, Any]:
    return yaml.safe_load((ROOT / kind / f"{name}.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def content() -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    found = ROLES.items()
    return {role: (_yaml("questionnaires", q), _yaml("profiles", role)) for role, q in found}


def _plain(markdown: str) -> str:
    """Markdown text as read: escapes dropped, spaces folded."""
    return " ".join(re.sub(r"\\(.)", r"\1", markdown).split())


def _asked(item: dict[str, Any], values: dict[str, Any], context: dict[str, str]) -> bool:
    condition = item.get("condition")
    if condition is None:
        return True
    if "context" in condition:
        return context.get(condition["context"]) in condition["in"]
    given = values.get(condition["item"])
    if not isinstance(given, int):
        return False
    return condition.get("min", given) <= given <= condition.get("max", given)


def _keyed(q: dict[str, Any], item: dict[str, Any], answer: int) -> int:
    values = [p["value"] for p in q["scale"]["points"]]
    return min(values) + max(values) - answer if item.get("reverse") else answer


def _sections(page: str) -> dict[str, str]:
    """The dimension sections of one person's page, by dimension id."""
    detail = page.split("\n### ", 1)[1].split("\n## ", 1)[0]
    return {part.split(" ", 1)[0]: part for part in ("\n### " + detail).split("\n### ")[1:]}


def check_page(page: str, q: dict[str, Any], profile: dict[str, Any], answers: dict, lang: str):
    """Every sentence said of the person in a level text agrees with every answer they gave
    to its items; every quoted statement is theirs, worded as they answered it; the level's
    description stands in every dimension that has a level. Returns what was said."""
    values, context = answers["values"], answers.get("context", {})
    items = {i["id"]: i for i in q["items"]}
    points = {p["value"]: p["label"][lang] for p in q["scale"]["points"]}
    middle = (min(points) + max(points)) / 2
    said: dict[str, list[str]] = {}
    for dim_id, section in _sections(page).items():
        level = next(
            (b for b in profile["levels"] if LEVEL[lang].format(label=b["label"][lang]) in section),
            None,
        )
        sentences = [s for by in profile["anchors"][dim_id].values() for s in by]
        lines = section.split("\n")
        own = [_plain(line[len(OWN[lang]) :]) for line in lines if line.startswith(OWN[lang])]
        if level is None:  # not enough answers: no level text at all
            assert not own and HIGHEST[lang] not in section, (dim_id, section)
            continue
        assert _plain(level["description"][lang]) in _plain(section), (dim_id, lang)
        said[dim_id] = []
        for paragraph in own:
            rest = paragraph
            for sentence in sentences:
                text = _plain(sentence["text"][lang])
                if text not in paragraph:
                    continue
                rest = rest.replace(text, "")
                said[dim_id].append(text)
                for item_id in sentence["items"]:
                    # every item the sentence speaks of was asked and answered above the
                    # middle: a sentence is never said on half its evidence
                    assert item_id in values, (dim_id, text, item_id, "not answered")
                    assert _asked(items[item_id], values, context), (dim_id, text, item_id)
                    value = values[item_id]
                    assert isinstance(value, int), (dim_id, text, item_id, value)
                    assert _keyed(q, items[item_id], value) > middle, (dim_id, text, item_id, value)
            assert not rest.strip(), f"{dim_id}: unlinked text said of the person: {rest!r}"
        quoted = _check_quotes(section, q, items, values, points, middle, lang, dim_id)
        # what a sentence already says of the person is not quoted again as a strength
        shown = {i for sentence in sentences if _plain(sentence["text"][lang]) in said[dim_id]
                 for i in sentence["items"]}  # fmt: skip
        assert not shown & set(quoted[HIGHEST[lang]]), (dim_id, shown, quoted)
    return said


def _check_quotes(section, q, items, values, points, middle, lang, dim_id):
    """Each quoted statement is the person's, as answered; returns the item ids per part."""
    part = None
    quoted: dict[str, list[str]] = {HIGHEST[lang]: [], LOWEST[lang]: []}
    for line in section.split("\n"):
        if line in (HIGHEST[lang], LOWEST[lang]):
            part = line
        match = QUOTE.match(line)
        if not match:
            continue
        verb, statement, label = match.groups()
        statement = _plain(statement)
        item = next(i for i in items.values() if _plain(i["text"][lang]) == statement)
        assert item["dimension"] == dim_id
        answer = values[item["id"]]
        assert points[answer] == _plain(label), (item["id"], answer, label)
        assert (verb in AGREE) == (answer > middle) and (verb in DISAGREE) == (answer < middle)
        keyed = _keyed(q, item, answer)
        assert keyed > middle if part == HIGHEST[lang] else keyed <= middle, (item["id"], part)
        assert part is not None
        quoted[part].append(item["id"])
    return quoted


def _answers_file(tmp: Path, role: str, name: str, values: dict, context: dict | None = None):
    catalog = Catalog.load([])
    profile = catalog.profile_for_role(role)
    q = catalog.questionnaire_of(profile)
    answers = new_answers(q, profile.id, Respondent(name=name), "de")
    answers.values = dict(values)
    answers.context = dict(context or {})
    answers.status = "complete"
    path = tmp / f"{name}.json"
    write_answers(path, answers)
    return path


def _report(paths: list[Path], out: Path, lang: str) -> dict[str, str]:
    """The Markdown report of these answers files, one page per person name."""
    done = run_cli("report", *map(str, paths), "-o", str(out), "--lang", lang, "--force")
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    first, *rest = text.split("\n" + PERSON[lang])
    pages = [first.split(PERSON[lang], 1)[1], *rest]
    return {page.split("\n", 1)[0]: page for page in pages}


@pytest.mark.parametrize("role", sorted(ROLES))
def test_generated_people_are_told_nothing_their_answers_contradict(role, content, tmp_path):
    """Generated people of every tendency (low, high, mixed, sparse, many "no
    opportunity"), both roles, in German and English."""
    q, profile = content[role]
    choose = Seeded(2112 if role == "coordinator" else 2113)
    people = [person(choose, q, n) for n in range(1, 41)]
    paths = [_answers_file(tmp_path, role, p["name"], p["values"], p["context"]) for p in people]
    said = 0
    for lang in ("de", "en"):
        pages = _report(paths, tmp_path / f"report-{lang}.md", lang)
        assert len(pages) == len(people)
        for p in people:
            shown = check_page(pages[p["name"]], q, profile, p, lang)
            said += sum(map(len, shown.values()))
    assert said > 50  # the generated answers do bear out many sentences


def _persona(q: dict, base: int, changes: dict | None = None) -> dict[str, Any]:
    """Everyone answers `base` (reverse items the same number, as the review's personas did,
    unless `changes` says otherwise)."""
    values = {i["id"]: base for i in q["items"]}
    values.update(changes or {})
    return values


def _dims(q: dict, *dims: str) -> list[str]:
    return [i["id"] for i in q["items"] if i["dimension"] in dims]


def _run_persona(tmp_path, content, role, name, values, context=None, lang="de"):
    q, profile = content[role]
    if context is None and role == "leader":
        # responsible for the coordinator's remit: every statement about her is asked (a leader
        # who does not say so has F6 without enough answers since content round 18)
        context = {"remit": "auftrag"}
    path = _answers_file(tmp_path, role, name, values, context)
    page = _report([path], tmp_path / f"{name}-{lang}.md", lang)[name]
    said = check_page(page, q, profile, {"values": values, "context": context or {}}, lang)
    return page, said


@pytest.mark.parametrize("role", sorted(ROLES))
@pytest.mark.parametrize("lang", ["de", "en"])
def test_persona_a_partly_everywhere_is_told_only_the_level(role, lang, content, tmp_path):
    """(a), (a'): "teils/teils" everywhere bears out no sentence; the honest Einstieg text
    stands in every dimension, and the lowest answers are quoted as "only in part"."""
    q, profile = content[role]
    page, said = _run_persona(tmp_path, content, role, "A", _persona(q, 3), lang=lang)
    assert said == {d["id"]: [] for d in q["dimensions"]}
    entry = _plain(profile["levels"][0]["description"][lang])
    assert _plain(page).count(entry) == len(q["dimensions"])
    assert OWN[lang] not in page and HIGHEST[lang] not in page
    assert page.count("- " + ("Nur zum Teil" if lang == "de" else "Only in part")) == 2 * len(
        q["dimensions"]
    )


def test_persona_b_strong_but_k4_low(content, tmp_path):
    """(b) 5 everywhere, reverse items 1, K4 at 2: nothing of K4's anchors is said of her;
    her K4 statements are quoted as she answered them."""
    q, _ = content["coordinator"]
    values = _persona(q, 5, {i["id"]: 1 for i in q["items"] if i.get("reverse")})
    values.update({i: 2 for i in _dims(q, "K4")})
    page, said = _run_persona(tmp_path, content, "coordinator", "B", values)
    assert said["K4"] == []
    assert all(said[d] for d in said if d != "K4")
    k4 = _sections(page)["K4"]
    assert "Sie stimmen nicht zu: „Ich kann ein Netzwerktreffen so moderieren" in _plain(k4)


def test_persona_c_digital_weakness_does_not_unsay_funding(content, tmp_path):
    """(c) 4 everywhere, K6_03/04/05 at 1: K6 no longer calls funding and project planning
    unfamiliar (she answered 4), and says nothing of video meetings as hers."""
    q, profile = content["coordinator"]
    values = _persona(q, 4, {"K6_03": 1, "K6_04": 1, "K6_05": 1})
    page, said = _run_persona(tmp_path, content, "coordinator", "C", values)
    k6 = _plain(_sections(page)["K6"])
    assert "noch wenig vertraut" not in k6 and "Videokonferenz leiten.“ (trifft nicht zu)" in k6
    assert (
        "Sie können ein Netzwerkvorhaben mit Zeitplan, Zuständigkeiten und Kosten planen."
        in (said["K6"])
    )
    assert not any("Videokonferenz" in s or "virtuelle" in s for s in said["K6"])


def test_persona_d_no_opportunity_is_not_praised(content, tmp_path):
    """(d) leader at a Träger, "no opportunity" on the staff items, the mandate items
    F2_06/13/14 at 2 (F2_09/10 in 2.0): the F6 text no longer praises open talks, workload and
    training that were never possible."""
    q, _ = content["leader"]
    values = _persona(q, 4, {i["id"]: 2 for i in q["items"] if i.get("reverse")})
    values.update({i: "not_applicable" for i in _dims(q, "F6") if i != "F6_14"})
    values.update({"F2_06": 2, "F2_13": 2, "F2_14": 2})
    context = {"employer": "traeger", "level": "bereich"}
    page, said = _run_persona(tmp_path, content, "leader", "D", values, context)
    # F6 rests on one answer: with min_answered 3 it has not enough answers, no level text
    assert not said.get("F6") and OWN["de"] not in _sections(page)["F6"]
    assert "**Nicht genug Antworten**" in _sections(page)["F6"]
    assert not any("Entscheidungsbefugnisse" in s or "herleiten" in s for s in said["F2"])


def test_persona_e_newcomer_with_many_cannot_judge(content, tmp_path):
    """(e) new coordinator, network being built, 26 × "cannot judge": the dimensions
    without enough answers get no level text, the others nothing their answers do not say."""
    q, _ = content["coordinator"]
    values = _persona(q, 3, {i: 2 for i in _dims(q, "K1", "K2")})
    unjudged = _dims(q, "K3", "K5", "K6") + _dims(q, "K2")[:2]
    values.update({i: "cannot_judge" for i in unjudged})
    assert len(unjudged) >= 26  # 26 in the review (2.0); 3.0 has more items there
    context = {"tenure": "unter_einem_jahr", "phase": "aufbau"}
    page, said = _run_persona(tmp_path, content, "coordinator", "E", values, context)
    assert not {"K3", "K5", "K6"} & set(said)
    assert all(s == [] for s in said.values())


@pytest.mark.parametrize("role", sorted(ROLES))
@pytest.mark.parametrize("lang", ["de", "en"])
def test_persona_f_top_everywhere_keeps_the_hedge(role, lang, content, tmp_path):
    """(f) top everywhere: Expertise with its hedge ("Ob andere das ebenso sehen …") in every
    dimension, and no claim about what colleagues or other leaders do."""
    q, profile = content[role]
    values = _persona(q, 5, {i["id"]: 1 for i in q["items"] if i.get("reverse")})
    page, said = _run_persona(tmp_path, content, role, "F", values, lang=lang)
    top = _plain(profile["levels"][-1]["description"][lang])
    hedge = top.rsplit(". ", 1)[1]  # "Ob andere das ebenso sehen, zeigt das Gespräch …"
    assert "Gespräch" in hedge or "conversation" in hedge  # others' view, asked in a talk
    assert _plain(page).count(hedge) == len(q["dimensions"])
    assert all(said[d["id"]] for d in q["dimensions"])
    for claim in ("Kolleg*innen fragen Sie", "holen sich bei Ihnen Rat", "Colleagues ask you"):
        assert claim not in _plain(page)


@pytest.mark.parametrize("remit", ["dienst", "keine"])
def test_a_sentence_is_never_said_on_half_its_evidence(remit, content, tmp_path):
    """Twenty-first content read (b): a sentence that speaks of a statement the person was not
    asked is not said, even when the statements they were asked bear it out. A leader
    without a coordinator (`keine`), or her Träger line manager (`dienst`), answering at the
    top everywhere."""
    q, profile = content["leader"]
    values = _persona(q, 5, {i["id"]: 1 for i in q["items"] if i.get("reverse")})
    context = {"remit": remit}
    items = {i["id"]: i for i in q["items"]}
    partly = [
        sentence
        for levels in profile["anchors"].values()
        for sentences in levels.values()
        for sentence in sentences
        if 0
        < sum(_asked(items[i], values, context) for i in sentence["items"])
        < len(sentence["items"])
    ]
    assert partly, "no sentence speaks of statements asked and not asked: nothing to check"
    page, _ = _run_persona(tmp_path, content, "leader", "G", values, context=context)
    for sentence in partly:
        assert _plain(sentence["text"]["de"]) not in _plain(page), sentence["items"]


def _broken(tmp_path: Path, changes: dict[str, str]) -> tuple[Path, list[str]]:
    """The bundled coordinator profile with some `items:` lines changed."""
    lines = (ROOT / "profiles" / "coordinator.yaml").read_text(encoding="utf-8").split("\n")
    for old, new in changes.items():
        n = next(n for n, line in enumerate(lines) if line.strip() == old)
        lines[n] = lines[n].replace(old, new)
    path = tmp_path / "coordinator.yaml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path, lines


def test_validate_names_file_line_and_column_of_a_wrong_link(tmp_path):
    """A sentence linked to an item of another dimension or to an unknown item: one
    message each, at the item in the file, exit code 2."""
    broken, lines = _broken(tmp_path, {"items: [K1_04]": "items: [K2_01, K1_99]"})
    n = next(n for n, line in enumerate(lines) if "K1_99" in line)
    done = run_cli("validate", str(broken), "--lang", "en")
    assert done.returncode == 2, done.stderr
    column = lines[n].index("K2_01") + 1
    assert done.stderr.splitlines() == [
        f"{broken}:{n + 1}:{column}: 'K2_01' belongs to dimension 'K2', not to 'K1'",
        f"{broken}:{n + 1}:{column + 7}: 'K1_99' is not an item of questionnaire "
        "'netzwerkkoordination' (did you mean 'K1_09'?)",
    ], done.stderr


def test_validate_refuses_a_sentence_without_items(tmp_path):
    broken, lines = _broken(tmp_path, {"items: [K1_08]": "items: []"})
    n = next(n for n, line in enumerate(lines) if "items: []" in line)
    done = run_cli("validate", str(broken), "--lang", "en")
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == [
        f"{broken}:{n + 1}:{lines[n].index('[]') + 1}: needs at least 1 entries"
    ]


LIMESURVEY = ROOT.parent / "shared" / "data" / "limesurvey-6.4.2"


@pytest.mark.skipif(not LIMESURVEY.is_dir(), reason="the real LimeSurvey exports are not here")
@pytest.mark.parametrize(
    ("export", "role"),
    [("nk_csv_code_short_de.csv", "coordinator"), ("nm_xls_codetext_long_de.xlsx", "leader")],
)
def test_batch_person_reports_of_a_real_export_say_nothing_the_answers_contradict(
    export, role, content, tmp_path
):
    """A batch's person reports (rendered from the scores of each row, without an answers
    file) follow the same rule: real LimeSurvey 6.4.2 exports, checked against the
    answers LimeSurvey was given (truth.json). The surveys were of content 2.0, so the
    batch scores them with the archived 2.0, and they are checked against it."""
    import json

    q = _yaml("questionnaires/archive", f"{ROLES[role]}-2.0")
    profile = _yaml("profiles/archive", f"{role}-2.0")
    truth = json.loads((LIMESURVEY / "truth.json").read_text(encoding="utf-8"))[q["id"]]
    out = tmp_path / "out"
    done = run_cli(
        "batch", str(LIMESURVEY / export), "--questionnaire", q["id"], "-o", str(out),
        "--reports", "md", "--lang", "de", "--outputs", "csv",
    )  # fmt: skip
    assert done.returncode == 1, done.stderr  # the two incomplete responses are rejected
    pages = {
        page.read_text(encoding="utf-8").split("\n", 1)[0][len(PERSON["de"]) :]: page
        for page in (out / "reports").glob("*.md")
    }
    complete = [r for r in truth["respondents"].values() if r["complete"]]
    assert len(pages) == len(complete)
    complete = [r for r in complete if r["name"]]  # a nameless one is named by the batch
    assert {r["name"] for r in complete} <= set(pages)
    said = 0
    for person_ in complete:
        page = pages[person_["name"]].read_text(encoding="utf-8")
        shown = check_page(page, q, profile, {**person_, "values": person_["answers"]}, "de")
        said += sum(map(len, shown.values()))
    assert said > 0
