"""The dialogue step (#13) with the bundled content, from the command line as a tandem
would use it: a coordinator and a leader of one town (answers files as the check writes
them, the coordinator's second check typed in with its then-ratings), the guide on the
shared topics (content 3.0 has no paired statement since its twelfth read; the guide on a
pair is tested on a --data copy that pairs K5_09 and F6_02 as P4 again), the
agreed-priorities file filled in, plan and report following it, and the before/after with
both differences."""

from __future__ import annotations

import re

import yaml
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from typer.testing import CliRunner

from content_copy import PAIRED, data_copy
from helpers import run_cli
from netzkompetenz.cli import app
from netzkompetenz.core.answers import Respondent
from netzkompetenz.io.answers_file import new_answers, read_answers, write_answers
from netzkompetenz.io.catalog import Catalog
from walk import FRAMEWORK, REFLECTION, past_context, plan

TOWN = Respondent(name="Kim", organisation="Stadt Musterstadt", tandem="musterstadt")


def answer(
    catalog: Catalog,
    role: str,
    name: str,
    path,
    *,
    middle: int,
    paired: int | None = None,
    dimensions: dict[str, int] | None = None,
) -> None:
    """Every item the check asks an administration employee: `paired` on the paired
    statements, the value `dimensions` gives an item's dimension, `middle` elsewhere (all
    read the same way after reverse keying)."""
    profile = catalog.profile_for_role(role)
    q = catalog.questionnaire_of(profile)
    answers = new_answers(q, profile.id, TOWN.model_copy(update={"name": name}), "de")
    answers.context = {"employer": "verwaltung"}
    for item in past_context(q, answers.context).asked():
        value = (dimensions or {}).get(item.dimension, middle)
        value = paired if item.pair and paired is not None else value
        answers.values[item.id] = 6 - value if item.reverse else value
    answers.framework = {f.id: "yes" for f in q.framework}
    answers.status = "complete"
    write_answers(path, answers)


def text_of(page: str) -> str:
    return re.sub(
        r"\s+", " ", re.sub(r"<[^>]+>", " ", re.sub(r"<style.*?</style>", "", page, flags=re.S))
    )


def test_a_tandem_of_one_town_from_the_guide_to_plan_and_report(tmp_path):
    """Lea sees governance (F1) at its best, Kim answers "partly" throughout, both say "yes" to
    every framework condition. The bundled content has no pairs but shared conditions: the
    guide compares those, and does not set Lea's F-scores against Kim's K-scores by module
    (the fallback for content with neither)."""
    catalog = Catalog.load([])
    leader, coordinator = tmp_path / "leader.json", tmp_path / "coordinator.json"
    answer(catalog, "leader", "Lea", leader, middle=3, dimensions={"F1": 5})
    answer(catalog, "coordinator", "Kim", coordinator, middle=3)
    for q in ("netzwerkkoordination", "netzwerkmanagement"):  # since the twelfth read
        assert not [i.id for i in catalog.questionnaire(q).items if i.pair]

    guide = tmp_path / "guide.html"
    done = run_cli("compare", str(leader), str(coordinator), "--guide", "-o", str(guide))
    assert done.returncode == 0, done.stderr
    page = guide.read_text(encoding="utf-8")
    assert "keine gepaarten Aussagen" not in page and 'id="themes"' not in page
    assert 'id="differ"' not in page and "data-pair" not in page
    agree = page.split('<ul class="agree" id="agree">')[1].split("</ul>")[0]
    shared = [f.id for f in catalog.questionnaire("netzwerkkoordination").framework if f.tandem]
    assert re.findall(r'<li data-condition="(R\d+)">', agree) == shared
    assert len(shared) == 7

    agreed = tmp_path / "guide.agreed.yaml"
    doc = yaml.safe_load(agreed.read_text(encoding="utf-8"))
    assert [(p["name"], p["role"], p["priorities"]) for p in doc["people"]] == [
        ("Lea", "leader", []),
        ("Kim", "coordinator", []),
    ]
    chosen = {
        "leader": [
            {"module": "tandem-werkstatt"},
            {"dimension": "F4"},
            {"module": "verhandlung-allianzen"},
        ],
        "coordinator": [
            {"module": "tandem-werkstatt"},
            {"dimension": "K4", "why": "Moderation <zuerst>"},
            {"module": "rolle-haltung"},  # among her "also possible"
        ],
    }
    for person in doc["people"]:
        person["priorities"] = chosen[person["role"]]
    agreed.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")

    plan = tmp_path / "plan.md"
    done = run_cli("plan", str(leader), str(coordinator), "--agreed", str(agreed), "-o", str(plan))
    assert done.returncode == 0, done.stderr
    assert "Der Plan folgt den vereinbarten Prioritäten von 2 der 2 Personen." in done.stdout
    modules = re.findall(r"^### \d+\. (.+)$", plan.read_text(encoding="utf-8"), flags=re.M)
    assert modules[0].startswith("Tandem-Werkstatt")  # agreed by both: booked first
    # the tandem sits in one group in every module both attend
    for block in plan.read_text(encoding="utf-8").split("### ")[1:]:
        if "Lea" in block and "Kim" in block:
            assert re.search(r"Gruppe \d+ \(2 Teilnehmende\)", block), block

    report = tmp_path / "report.html"
    done = run_cli("report", str(coordinator), "--agreed", str(agreed), "-o", str(report))
    assert done.returncode == 0, done.stderr
    page = report.read_text(encoding="utf-8")
    text = text_of(page)
    first = text.index("Vereinbarte Prioritäten")
    assert first < text.index("Ihr Profil im Vergleich zum Zielprofil")
    assert "Moderation &lt;zuerst&gt;" in page and "<zuerst>" not in page
    listed = re.findall(r'<li class="module [^"]*chosen[^"]*" data-module="([^"]+)"', page)
    # the agreed order: the module, the one serving K4, the module
    assert listed == [
        "tandem-werkstatt",
        "moderation-konflikt-koopkurrenz",
        "rolle-haltung",
    ]


def test_the_guide_sets_a_pair_against_its_partner(tmp_path):
    """On content with a paired statement (K5_09 and F6_02 paired as P4 in a --data copy),
    Lea "completely true", Kim "not true": the guide sets the pair against its partner,
    like with like, 4 steps apart, and asks about it."""
    data = data_copy(tmp_path / "data", *PAIRED)
    catalog = Catalog.load([data])
    leader, coordinator = tmp_path / "leader.json", tmp_path / "coordinator.json"
    answer(catalog, "leader", "Lea", leader, middle=3, paired=5)
    answer(catalog, "coordinator", "Kim", coordinator, middle=3, paired=1)
    guide = tmp_path / "guide.html"
    done = run_cli(
        "--data", str(data), "compare", str(leader), str(coordinator), "--guide", "-o", str(guide)
    )
    assert done.returncode == 0, done.stderr
    page = guide.read_text(encoding="utf-8")
    differ = page[page.index('<div id="differ">') :]
    assert re.findall(r'data-pair="(P\d)" data-situation="(\w+)"', differ) == [
        ("P4", "leader_higher")
    ]
    assert "Die Antwort der Führungskraft liegt 4 Stufen höher." in page
    assert "Woran denken Sie beide bei dieser Aussage" in page
    assert "Was erlebt die Koordination im Alltag, das aus Sicht der Führungskraft" in differ
    assert 'id="themes"' not in page  # the pair, not the shared topics


def test_a_second_check_with_then_ratings_on_the_bundled_content(tmp_path):
    catalog = Catalog.load([])
    first, second = tmp_path / "2026.json", tmp_path / "2027.json"
    answer(catalog, "coordinator", "Kim", first, middle=2)
    q = catalog.questionnaire("netzwerkkoordination")

    # typed: the respondent, employer 1 (administration), the other context questions
    # left out (0), 4 on every asked item, no examples (0), "yes" (1) on the checklist,
    # then-ratings 2 except the last (0: left out), "all answered", no priorities (0)
    def given(q, step):
        return "" if step.startswith(REFLECTION) else "yes" if step.startswith(FRAMEWORK) else 4

    steps = plan(q, given, context={"employer": "verwaltung"})
    typed = (
        "Kim\r\rmusterstadt\r"
        + "1\r"
        + "0\r" * (len(q.context) - 1)
        + "".join(
            "0\r" if s.startswith(REFLECTION) else "1\r" if s.startswith(FRAMEWORK) else "4\r"
            for s, _ in steps
        )
        + "2\r" * (len(q.dimensions) - 1)
        + "0\r"
        + "\r"
        + "0\r"
    )
    with create_pipe_input() as pipe:
        pipe.send_text(typed)
        with create_app_session(input=pipe, output=DummyOutput()):
            result = CliRunner().invoke(
                app,
                ["check", "--lang", "de", "--answers", str(second), "--before", str(first)],
                catch_exceptions=False,
            )
    assert result.exit_code == 0, result.output
    saved = read_answers(second)
    assert saved.context == {"employer": "verwaltung"} and saved.status == "complete"
    assert saved.values == {s: v for s, v in steps if ":" not in s}
    assert saved.retro == {d.id: 2 for d in q.dimensions[:-1]}
    page = (tmp_path / "2027.before-after.html").read_text(encoding="utf-8")
    row = re.search(r'<tr data-dimension="K1"[^>]*>(.*?)</tr>', page, flags=re.S)[1]
    cells = [re.sub("<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
    # before 25; after: 4 on the 9 K1 items asked, 2 of them reversals (count 2): mean
    # 32/9, 64 %: +39; then 25 (rated 2): after − then +39
    assert cells[1:6] == ["25", "64", "+39", "25", "+39"], cells
    last = re.search(
        rf'<tr data-dimension="{q.dimensions[-1].id}"[^>]*>(.*?)</tr>', page, flags=re.S
    )[1]
    assert "–" in last  # no then-rating: no second difference


def test_an_agreed_module_her_answers_did_not_call_for_is_in_her_report(tmp_path):
    """UX review m27: "1. Tandem-Werkstatt" agreed, but named nowhere else in her report
    because her answers did not recommend it: now it is there with its description and
    the reason that it was agreed together."""
    catalog = Catalog.load([])
    leader, coordinator = tmp_path / "leader.json", tmp_path / "coordinator.json"
    answer(catalog, "leader", "Lea", leader, middle=3)
    answer(catalog, "coordinator", "Kim", coordinator, middle=5)
    done = run_cli(
        "compare", str(leader), str(coordinator), "--guide", "-o", str(tmp_path / "g.html")
    )
    assert done.returncode == 0, done.stderr
    agreed = tmp_path / "g.agreed.yaml"
    doc = yaml.safe_load(agreed.read_text(encoding="utf-8"))
    for person in doc["people"]:
        person["priorities"] = [{"module": "tandem-werkstatt"}]
    agreed.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    module = catalog.profile_for_role("coordinator").module("tandem-werkstatt")
    for suffix in (".html", ".md"):
        alone = tmp_path / f"alone{suffix}"
        done = run_cli("report", str(coordinator), "-o", str(alone))
        assert done.returncode == 0, done.stderr
        assert module.content["de"][:40] not in alone.read_text(encoding="utf-8")
        report = tmp_path / f"report{suffix}"
        done = run_cli("report", str(coordinator), "--agreed", str(agreed), "-o", str(report))
        assert done.returncode == 0, done.stderr
        text = text_of(report.read_text(encoding="utf-8")).replace("\\", "")
        modules = text[text.index("Empfohlene Module") :]
        assert " ".join(module.content["de"].split())[:60] in modules
        assert "im Gespräch gemeinsam vereinbart" in modules


def test_the_printed_commands_keep_the_data_folder(tmp_path):
    """Content from --data (here a copy with a pair): every command the guide prints repeats
    `--data`, so that typed again it reads the same questionnaires, not the bundled ones. The
    leader answered in English: the printed command for the English guide, run as printed,
    writes a guide that still sets the pair against its partner."""
    data = data_copy(tmp_path / "data", *PAIRED)
    catalog = Catalog.load([data])
    leader, coordinator = tmp_path / "leader.json", tmp_path / "coordinator.json"
    answer(catalog, "leader", "Lea", leader, middle=3, paired=5)
    answer(catalog, "coordinator", "Kim", coordinator, middle=3, paired=1)
    lea = read_answers(leader)
    lea.language = "en"
    write_answers(leader, lea)
    done = run_cli(
        "--data",
        str(data),
        "compare",
        str(leader),
        str(coordinator),
        "--guide",
        "-o",
        str(tmp_path / "guide.html"),
        "--lang",
        "de",
    )
    assert done.returncode == 0, done.stderr
    said = " ".join(done.stdout.split())
    agree = said.split("gemeinsam mit:")[1].split("Der Gesprächsleitfaden")[0]
    assert f"--data {data.absolute()} agree " in agree
    english = run_command(done.stdout.split("Beides auf Englisch:")[1].strip())
    assert english.returncode == 0, english.stderr
    page = (tmp_path / "guide-en.html").read_text(encoding="utf-8")
    assert 'data-pair="P4" data-situation="leader_higher"' in page


def test_the_guide_names_both_organisations_and_comes_in_the_leaders_language(tmp_path):
    """UX review m25 and m26: a leader at the Diakonie who answered in English, a
    coordinator at the Jugendamt who answered in German. The guide names both
    organisations; it is German (the run's language), says so, and the command it prints
    writes guide and agreed file in English."""
    catalog = Catalog.load([])
    leader, coordinator = tmp_path / "jens.json", tmp_path / "mareike.json"
    answer(catalog, "leader", "Jens", leader, middle=3)
    answer(catalog, "coordinator", "Mareike", coordinator, middle=3)
    jens = read_answers(leader)
    jens.language = "en"
    jens.respondent = jens.respondent.model_copy(update={"organisation": "Diakonie Musterstadt"})
    write_answers(leader, jens)
    guide = tmp_path / "guide.html"
    done = run_cli(
        "compare", str(leader), str(coordinator), "--guide", "-o", str(guide), "--lang", "de"
    )
    assert done.returncode == 0, done.stderr
    page = text_of(guide.read_text(encoding="utf-8"))
    assert "Jens (Diakonie Musterstadt)" in page and "Mareike (Stadt Musterstadt)" in page
    # the content has no pairs and both describe their setting alike: nothing to ask about
    # differences, the shared conditions stand where they agree
    assert "Wo Sie es unterschiedlich sehen" not in page and "keine gepaarten" not in page
    assert "Worin Sie übereinstimmen" in page
    assert "Woran denken Sie beide" not in page
    said = " ".join(done.stdout.split())
    assert "sind auf Deutsch; Jens hat auf Englisch geantwortet. Beides auf Englisch:" in said
    assert "--lang de" in said.split("gemeinsam mit:")[1].split("Der Gesprächsleitfaden")[0]
    command = done.stdout.split("Beides auf Englisch:")[1].strip()
    english = run_command(command)
    assert english.returncode == 0, english.stderr
    page = text_of((tmp_path / "guide-en.html").read_text(encoding="utf-8"))
    assert "Conversation guide for the tandem" in page and "Gesprächsleitfaden" not in page
    agreed = (tmp_path / "guide-en.agreed.yaml").read_text(encoding="utf-8")
    assert "# Agreed priorities: up to three per person" in agreed and "--lang en" in agreed
    assert "are in English; Mareike answered in German." in " ".join(english.stdout.split())


def run_command(line: str):
    """A command line as printed, typed into a shell."""
    import shlex
    import subprocess

    return subprocess.run(shlex.split(line), capture_output=True, text=True, timeout=60)


def test_the_plan_says_who_attends_a_tandem_module_without_the_partner(tmp_path):
    """UX review m28: a tandem module lists both partners when both are booked, in one
    group; booked for one partner only, the page says so rather than promise the tandem;
    and the module's "priority" is said in words, as the weight the profiles give it."""
    catalog = Catalog.load([])
    leader, coordinator = tmp_path / "leader.json", tmp_path / "coordinator.json"
    answer(catalog, "leader", "Lea", leader, middle=5)
    answer(catalog, "coordinator", "Kim", coordinator, middle=3)
    done = run_cli(
        "compare", str(leader), str(coordinator), "--guide", "-o", str(tmp_path / "g.md")
    )
    assert done.returncode == 0, done.stderr
    agreed = tmp_path / "g.agreed.yaml"
    doc = yaml.safe_load(agreed.read_text(encoding="utf-8"))
    chosen = {
        "leader": [{"module": "tandem-werkstatt"}],
        "coordinator": [{"module": "tandem-werkstatt"}, {"module": "ziele-wirkung-evaluation"}],
    }
    for person in doc["people"]:
        person["priorities"] = chosen[person["role"]]
    agreed.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    plan = tmp_path / "plan.html"
    done = run_cli("plan", str(leader), str(coordinator), "--agreed", str(agreed), "-o", str(plan))
    assert done.returncode == 0, done.stderr
    page = plan.read_text(encoding="utf-8")
    sections = {
        s.split('"', 1)[0]: text_of(s) for s in page.split('<section class="module" id="module-')
    }
    together = sections["tandem-werkstatt"]
    assert "Lea" in together and "Kim" in together and "Ohne Tandempartner" not in together
    alone = sections["ziele-wirkung-evaluation"]
    assert "Lea" not in alone.split("Gruppe")[1]
    assert "Ohne Tandempartner*in (für dieses Modul nicht eingeplant): Kim" in alone
    assert not re.search(r"Priorität \d", text_of(page))
    assert re.search(r"Gewicht in den Zielprofilen: (hoch|mittel|niedrig)", together)
    assert "danach das Gewicht, das die Zielprofile ihnen geben (hoch, mittel, niedrig)" in page
