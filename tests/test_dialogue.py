"""The dialogue step: own priorities in the answers file, agreed-priorities files, and what
they change (tests/fixtures/dialogue: a small tandem questionnaire pair)."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

from helpers import FIXTURES, parse
from netzkompetenz.core.answers import Respondent
from netzkompetenz.core.dialogue import (
    Priority,
    Someone,
    chosen_modules,
    order_by_priorities,
)
from netzkompetenz.errors import InputError
from netzkompetenz.i18n import language
from netzkompetenz.io.agreed import agreed_for, read_agreed, template
from netzkompetenz.io.answers_file import new_answers, score_file, write_answers
from netzkompetenz.io.catalog import Catalog

DIALOGUE = FIXTURES / "dialogue"


@pytest.fixture(autouse=True)
def english():
    """Messages made in this process in English (the command-line tests choose --lang)."""
    with language("en"):
        yield


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load([DIALOGUE])


def answers_file(
    catalog: Catalog,
    path: Path,
    profile: str,
    name: str,
    values: dict,
    tandem: str | None = "musterstadt",
    **extra,
) -> Path:
    prof = catalog.profile(profile)
    answers = new_answers(
        catalog.questionnaire_of(prof),
        prof.id,
        Respondent(name=name, organisation="Stadt Musterstadt", tandem=tandem),
        "de",
    )
    answers.values = values
    answers.status = "complete"
    for key, value in extra.items():
        setattr(answers, key, value)
    write_answers(path, answers)
    return path


def who(name: str, role: str, profile: str, tandem: str | None = "musterstadt") -> Someone:
    return Someone(
        name=name, organisation="Stadt Musterstadt", role=role, profile=profile, tandem=tandem
    )


# --- priorities in the answers file ----------------------------------------------------------


def test_priorities_and_retro_are_kept_in_the_answers_file(tmp_path, catalog):
    path = answers_file(
        catalog,
        tmp_path / "a.json",
        "d-coordinator",
        "Ali",
        {"D1_01": 2, "D1_02": 2, "D2_01": 3, "D2_02": 3, "D3_01": 2, "D3_02": 2},
        priorities=[
            Priority(dimension="D3", why="Wir wissen nicht, was wirkt."),
            Priority(module="moderation"),
        ],
        retro={"D1": 2, "D3": 1},
    )
    scored = score_file(catalog, path)
    assert [p.target for p in scored.answers.priorities] == ["D3", "moderation"]
    assert scored.answers.priorities[0].why == "Wir wissen nicht, was wirkt."
    assert scored.answers.retro == {"D1": 2, "D3": 1}
    recommended = [r.module for r in scored.result.recommendations]
    # profile ranking, largest gap first: D1 gap 50, D3 70 - 25 = 45, D2 25
    assert recommended == ["auftrag-klaeren", "wirkung", "moderation"]
    assert order_by_priorities(recommended, scored.answers.priorities, scored.profile) == (
        "wirkung",
        "moderation",
        "auftrag-klaeren",
    )


def test_unknown_priority_and_retro_are_refused_with_their_line(tmp_path, catalog):
    path = answers_file(catalog, tmp_path / "a.json", "d-coordinator", "Ali", {"D1_01": 2})
    data = json.loads(path.read_text())
    data["priorities"] = [{"dimension": "K9"}, {"module": "nope", "why": "x"}]
    data["retro"] = {"D1": 7}
    path.write_text(json.dumps(data, indent=2))
    lines = path.read_text().splitlines()
    with pytest.raises(InputError) as caught:
        score_file(catalog, path)
    messages = [str(p) for p in caught.value.problems]
    assert len(messages) == 3
    k9 = next(n for n, line in enumerate(lines, 1) if '"K9"' in line)
    assert messages[0].startswith(f"{path}:{k9}:") and "unknown dimension 'K9'" in messages[0]
    assert "unknown module 'nope' in profile 'd-coordinator'" in messages[1]
    assert "'D1'" not in messages[2] and "not a value of the scale" in messages[2]


def test_a_priority_names_a_dimension_or_a_module_not_both(catalog):
    from netzkompetenz.core.dialogue import priority_problems

    profile = catalog.profile("d-coordinator")
    found = priority_problems(
        [
            Priority(dimension="D1", module="moderation"),
            Priority(why="nothing chosen"),
            Priority(dimension="D2"),
        ],
        catalog.questionnaire_of(profile),
        profile,
        ("priorities",),
    )
    assert [(loc, str(message)) for loc, message in found] == [
        (("priorities", 0), "a priority names either a dimension or a module, not both or neither"),
        (("priorities", 1), "a priority names either a dimension or a module, not both or neither"),
    ]


def test_a_dimension_priority_without_recommendation_takes_the_profiles_module(catalog):
    profile = catalog.profile("d-coordinator")
    chosen = chosen_modules(
        [Priority(dimension="D2"), Priority(module="wirkung")],
        profile,
        recommended=["auftrag-klaeren"],
    )
    assert chosen == ("moderation", "wirkung")


# --- agreed-priorities files -----------------------------------------------------------------

AGREED = """\
format: netzkompetenz-agreed/1
tandem: musterstadt
date: 2026-11-20
people:
  - name: Ali
    role: coordinator
    profile: d-coordinator
    priorities:
      - {dimension: D1, why: Auftrag zuerst}
      - {module: moderation}
  - name: Petra
    role: leader
    profile: d-leader
    priorities:
      - {module: auftrag-klaeren}
"""


@pytest.mark.parametrize("suffix", ["yaml", "json"])
def test_agreed_file_is_read_and_matched_to_the_tandem(tmp_path, catalog, suffix):
    import yaml

    path = tmp_path / f"agreed.{suffix}"
    data = yaml.safe_load(AGREED)
    path.write_text(AGREED if suffix == "yaml" else json.dumps(data, default=str), encoding="utf-8")
    people = [who("Petra", "leader", "d-leader"), who("ali ", "coordinator", "d-coordinator")]
    agreed, matched = agreed_for(catalog, path, people, every_entry=True)
    assert matched == {1: 0, 0: 1}
    assert [p.target for p in agreed.people[0].priorities] == ["D1", "moderation"]
    assert str(agreed.date) == "2026-11-20"


@pytest.mark.parametrize(
    "change, line, message",
    [
        (
            ("{dimension: D1, why: Auftrag zuerst}", "{dimension: L1}"),
            9,
            "unknown dimension 'L1' in questionnaire 'd-koordination'",
        ),
        (
            ("{module: moderation}", "{module: rueckendeckung}"),
            10,
            "unknown module 'rueckendeckung' in profile 'd-coordinator'",
        ),
        (("  - name: Petra", "  - name: Paula"), 11, "'Paula' (leader) is not among the answers"),
        (
            ("tandem: musterstadt", "tandem: beispielkreis"),
            5,
            "'Ali' is not in tandem 'beispielkreis' (their answers say 'musterstadt')",
        ),
        (
            ("profile: d-leader", "profile: d-coordinator"),
            12,
            "profile 'd-coordinator' is for role 'coordinator', not 'leader'",
        ),
        (
            (
                "      - {module: auftrag-klaeren}",
                "      - {module: auftrag-klaeren}\n"
                "      - {dimension: L1}\n      - {dimension: L2}\n"
                "      - {module: rueckendeckung}",
            ),
            15,
            "at most 3 entries",
        ),
    ],
)
def test_bad_agreed_files_are_refused_with_file_and_line(tmp_path, catalog, change, line, message):
    path = tmp_path / "agreed.yaml"
    path.write_text(AGREED.replace(*change), encoding="utf-8")
    people = [who("Petra", "leader", "d-leader"), who("Ali", "coordinator", "d-coordinator")]
    with pytest.raises(InputError) as caught:
        agreed_for(catalog, path, people, every_entry=True)
    problem = caught.value.problems[0]
    assert (problem.source, problem.line) == (str(path), line), str(caught.value)
    assert message in problem.message


def test_the_template_reads_back_with_no_priorities_yet(tmp_path, catalog):
    people = []
    for name, role, profile in (
        ("Petra", "leader", "d-leader"),
        ('Ali: "#1"', "coordinator", "d-coordinator"),
    ):
        prof = catalog.profile(profile)
        people.append((who(name, role, profile), catalog.questionnaire_of(prof), prof))
    path = tmp_path / "agreed.yaml"
    path.write_text(
        template(people, "musterstadt", "2026-11-20", ["Vereinbarte Prioritäten"]), encoding="utf-8"
    )
    agreed, _ = read_agreed(catalog, path)
    assert [p.name for p in agreed.people] == ["Petra", 'Ali: "#1"']
    assert all(p.priorities == [] for p in agreed.people)
    assert "# module: auftrag-klaeren, moderation, wirkung" in path.read_text()


# --- before/after with then-ratings, and a cohort ----------------------------------------------


def test_then_ratings_give_a_second_difference_with_its_own_noise(tmp_path, catalog):
    from netzkompetenz.core.compare import before_after, noise_threshold, noise_threshold_between

    low = {"D1_01": 2, "D1_02": 2, "D2_01": 3, "D2_02": 3, "D3_01": 2, "D3_02": 2}
    high = {"D1_01": 5, "D1_02": 5, "D2_01": 3, "D2_02": 3, "D3_01": 2, "D3_02": 2}
    first = answers_file(catalog, tmp_path / "a.json", "d-coordinator", "Ali", low)
    second = answers_file(
        catalog, tmp_path / "b.json", "d-coordinator", "Ali", high, retro={"D1": 1, "D2": 2}
    )
    found = before_after(score_file(catalog, first), score_file(catalog, second))
    d1, d2, d3 = found.changes
    assert (d1.change, d1.then, d1.since_then, d1.response_shift) == (75, 0, 100, 25)
    assert not d1.within_noise and not d1.since_then_within_noise
    assert (d2.change, d2.since_then) == (0, 25) and d2.since_then_within_noise
    assert d3.then is None and d3.since_then is None and found.has_then
    # a dimension score (2 items) against one rating is noisier than two scores of 2 items
    assert d1.then_threshold == pytest.approx(noise_threshold_between(2, 1))
    assert noise_threshold(2) < d1.then_threshold < noise_threshold(1)
    assert noise_threshold_between(6, 6) == noise_threshold(6)


def test_cohort_change_matches_people_and_counts_reliable_improvements(tmp_path):
    from netzkompetenz.core.compare import cohort_change
    from netzkompetenz.io.results import read_measured

    def run(name: str, people: list[tuple[str, str, float | None, float]]) -> Path:
        path = tmp_path / name
        path.write_text(
            "".join(
                json.dumps(
                    {
                        "respondent": {"name": who_, "organisation": org},
                        "questionnaire": {"id": "d-koordination", "version": "1.0"},
                        "dimensions": [
                            {"id": "D1", "percent": d1, "answered": 2},
                            {"id": "D2", "percent": d2, "answered": 2},
                        ],
                    }
                )
                + "\n"
                for who_, org, d1, d2 in people
            ),
            encoding="utf-8",
        )
        return path

    first = run(
        "first.jsonl",
        [("Ali", "Stadt A", 25, 50), ("Bea", "Stadt B", 50, 50), ("Cem", "Stadt C", 50, 50)],
    )
    second = run(
        "second.jsonl",
        [("ali", "Stadt A ", 75, 25), ("Bea", "Stadt B", 60, 50), ("Dana", "Stadt D", None, 75)],
    )
    found = cohort_change(read_measured(first), read_measured(second))
    assert [p.before.name for p in found.people] == ["Ali", "Bea"]
    assert found.improved == 1  # Ali +50 on D1; Bea's +10 is within noise (27 points)
    assert (found.count("D1", "improved"), found.count("D1", "within_noise")) == (1, 1)
    assert found.count("D2", "declined") == 0  # Ali -25 is within noise too
    assert found.mean_change("D1") == 30
    assert [m.name for m in found.unmatched_before] == ["Cem"]
    assert [m.source for m in found.unmatched_after] == [f"{second}:3"]


def test_a_broken_results_line_is_named_by_file_and_line(tmp_path):
    from netzkompetenz.io.results import read_measured

    path = tmp_path / "results.jsonl"
    path.write_text(
        '{"respondent": {"name": "A"}, "questionnaire": {"id": "q"}, '
        '"dimensions": []}\n{"respondent": {}}\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=rf"{path}:2: missing respondent.name"):
        read_measured(tmp_path)


def test_the_plan_books_agreed_priorities_first_and_counts_whom_it_followed(tmp_path, catalog):
    from netzkompetenz.core.plan import Participant, courses, make_plan
    from netzkompetenz.io.agreed import following_agreements

    def person(name: str, role: str, modules: tuple[str, ...], tandem="musterstadt"):
        return Participant(
            name, "Stadt Musterstadt", tandem, role, f"d-{role}", modules, f"{name}.json"
        )

    people = [
        person("Ali", "coordinator", ("auftrag-klaeren", "wirkung")),
        person("Petra", "leader", ("auftrag-klaeren", "rueckendeckung")),
        person("Olga", "coordinator", ("wirkung",), tandem="anderswo"),
    ]
    path = tmp_path / "agreed.yaml"
    path.write_text(AGREED, encoding="utf-8")
    people = following_agreements(catalog, [path], people)
    # Ali: D1 -> the recommended module on D1; moderation chosen although not recommended
    assert people[0].agreed == ("auftrag-klaeren", "moderation")
    assert people[2].agreed is None
    profiles = [catalog.profile("d-coordinator"), catalog.profile("d-leader")]
    plan = make_plan(people, courses(profiles))
    assert plan.following_agreement == 2
    assert [(d.course.module, d.agreed_by) for d in plan.modules] == [
        ("auftrag-klaeren", 2),
        ("moderation", 1),
        ("rueckendeckung", 0),
        ("wirkung", 0),
    ]
    assert [p.name for p in plan.modules[1].participants] == ["Ali"]
    # a second file naming the same person is refused
    with pytest.raises(InputError, match="'Ali' is also named in"):
        following_agreements(catalog, [path, path], people)


def test_priority_options_are_recommended_modules_then_dimensions_by_gap(tmp_path, catalog):
    from netzkompetenz.core.dialogue import priority_options

    path = answers_file(
        catalog,
        tmp_path / "a.json",
        "d-coordinator",
        "Ali",
        {"D1_01": 4, "D1_02": 4, "D2_01": 1, "D2_02": 2, "D3_01": 3},
    )
    scored = score_file(catalog, path)
    options = priority_options(scored.result, scored.questionnaire)
    assert [o.target for o in options] == ["moderation", "wirkung", "D2", "D3", "D1"]


# --- through the command line -------------------------------------------------------------------


def cli(*args: str):
    from helpers import run_cli

    return run_cli("--data", str(DIALOGUE), *args)


def cells(page: Path, row: str) -> list[str]:
    """The cells (header and data) of the table row whose start tag has these attributes."""
    found = re.search(rf"<tr {row}[^>]*>(.*?)</tr>", page.read_text(encoding="utf-8"))
    assert found, row
    return [re.sub("<[^>]+>", "", c) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", found[1])]


def test_a_cohort_before_after_comes_from_two_batch_runs(tmp_path):
    header = "name,organisation,tandem,D1_01,D1_02,D2_01,D2_02,D3_01,D3_02\n"
    (tmp_path / "first.csv").write_text(
        header + "Ali,Stadt A,,2,2,3,3,2,2\nBea,Stadt B,,3,3,3,3,3,3\nCem,Stadt C,,1,1,1,1,1,1\n"
    )
    (tmp_path / "second.csv").write_text(
        header + "Ali,Stadt A,,5,5,3,3,4,4\nBea,Stadt B,,3,4,3,3,3,3\nDana,Stadt D,,4,4,4,4,4,4\n"
    )
    for run in ("first", "second"):
        done = cli(
            "batch",
            str(tmp_path / f"{run}.csv"),
            "--questionnaire",
            "d-koordination",
            "-o",
            str(tmp_path / run),
            "--outputs",
            "jsonl",
            "--reports",
            "none",
        )
        assert done.returncode == 0, done.stderr
    out = tmp_path / "cohort.html"
    done = cli(
        "compare",
        str(tmp_path / "first"),
        str(tmp_path / "second" / "results.jsonl"),
        "-o",
        str(out),
        "--lang",
        "en",
    )
    assert done.returncode == 1  # people in one run only: listed, skipped, noticed
    assert f"{tmp_path / 'first' / 'results.jsonl'}:3: Cem is in one survey only" in done.stderr
    assert f"{tmp_path / 'second' / 'results.jsonl'}:3: Dana is in one survey only" in done.stderr
    elements = parse(out)
    summary = next(e for e in elements if e.get("id") == "summary")
    assert "1 of 2 people improved beyond measurement noise" in summary["text"]
    assert cells(out, 'data-dimension="D1"') == ["D1 Mandate and role", "2", "1", "1", "0", "+44"]
    assert cells(out, 'data-person="Ali" class="improved"')[2:] == [
        "+75beyond noise",
        "+0",
        "+50beyond noise",
    ]  # a change beyond noise says so in words, not only in bold
    assert cells(out, 'data-person="Bea"')[2:] == ["+12", "+0", "+0"]


def test_the_guide_shows_paired_statements_and_writes_the_agreed_file(tmp_path, catalog):
    # P1 (mandate in writing): leader 5, coordinator 2 -> differ; P2: 4 and 3 -> agree
    leader = answers_file(
        catalog,
        tmp_path / "petra.json",
        "d-leader",
        "Petra <b>",
        {"L1_01": 5, "L1_02": 4, "L2_01": 2, "L2_02": 2},
        priorities=[Priority(module="rueckendeckung", why="*mehr* Zeit")],
    )
    coordinator = answers_file(
        catalog,
        tmp_path / "ali.json",
        "d-coordinator",
        "Ali",
        {"D1_01": 2, "D1_02": 3, "D2_01": 3, "D2_02": 3, "D3_01": 4, "D3_02": 4},
    )
    out = tmp_path / "guide.md"
    done = cli("compare", str(coordinator), str(leader), "--guide", "-o", str(out))
    assert done.returncode == 0, done.stderr
    md = out.read_text(encoding="utf-8")
    differ = md.split("## Wo Ihre Antworten auseinanderliegen")[1].split("\n## ")[0]
    assert "### Mein Auftrag ist schriftlich geklärt." in differ
    assert "Die Antwort der Führungskraft liegt 3 Stufen höher." in differ
    assert "1. Was erlebt die Koordination im Alltag" in differ
    assert "Ich weiß was ich ohne Rückfrage entscheiden darf." not in differ
    agree = md.split("## Worin Sie übereinstimmen")[1].split("\n## ")[0]
    assert (
        "Ich weiß was ich ohne Rückfrage entscheiden darf. – Netzwerkkoordination: "
        "teils/teils (3) · Führungskraft: trifft eher zu (4)" in agree
    )
    assert "Petra \\<b\\>" in md and "Rückendeckung geben – *\\*mehr\\* Zeit*" in md
    agreed = tmp_path / "guide.agreed.yaml"
    assert "guide.agreed.yaml" in md and agreed.is_file()
    agreed_doc, _ = read_agreed(catalog, agreed)
    assert [(p.name, p.role) for p in agreed_doc.people] == [
        ("Petra <b>", "leader"),
        ("Ali", "coordinator"),
    ]
    agreed.write_text(agreed.read_text() + "# filled in\n")
    done = cli("compare", str(coordinator), str(leader), "--guide", "-o", str(out))
    assert done.returncode == 2 and "guide.md gibt es schon; mit --force" in done.stderr
    done = cli("compare", str(coordinator), str(leader), "--guide", "-o", str(out), "--force")
    assert done.returncode == 0, done.stderr
    assert "guide.agreed.yaml gibt es schon" in done.stderr  # --force replaces the guide only
    assert agreed.read_text().endswith("# filled in\n")  # never overwritten
    later = answers_file(  # the same person again: a before/after, not a tandem
        catalog,
        tmp_path / "ali-later.json",
        "d-coordinator",
        "Ali",
        {"D1_01": 3, "D1_02": 3, "D2_01": 3, "D2_02": 3, "D3_01": 4, "D3_02": 4},
    )
    done = cli("compare", str(coordinator), str(later), "--guide", "-o", str(tmp_path / "other.md"))
    assert done.returncode == 2 and "--guide braucht ein Tandem" in done.stderr


def test_the_guide_without_paired_statements_lists_differing_topics(tmp_path):
    from helpers import run_cli

    tandem = FIXTURES / "tandem"  # content without pairs: the shared modules are the topics
    out = tmp_path / "guide.md"
    done = run_cli(
        "--data",
        str(tandem),
        "compare",
        str(tandem / "answers" / "lange-2025.json"),
        str(tandem / "answers" / "yilmaz-2025.json"),
        "--guide",
        "-o",
        str(out),
    )
    assert done.returncode == 0, done.stderr
    differ = out.read_text(encoding="utf-8").split("## Wo Sie es unterschiedlich sehen")[1]
    assert "keine gepaarten Aussagen" in differ
    assert "- Grundlagen: Netzwerke als Steuerungsansatz" in differ.split("\n## ")[0]


def test_from_the_guide_to_a_plan_and_reports_that_follow_the_agreement(tmp_path, catalog):
    leader = answers_file(
        catalog,
        tmp_path / "petra.json",
        "d-leader",
        "Petra",
        {"L1_01": 2, "L1_02": 2, "L2_01": 2, "L2_02": 2},
    )
    coordinator = answers_file(
        catalog,
        tmp_path / "ali.json",
        "d-coordinator",
        "Ali",
        {"D1_01": 2, "D1_02": 2, "D2_01": 2, "D2_02": 2, "D3_01": 1, "D3_02": 1},
        priorities=[Priority(dimension="D2")],
    )
    guide = tmp_path / "guide.html"
    assert (
        cli("compare", str(leader), str(coordinator), "--guide", "-o", str(guide)).returncode == 0
    )
    agreed = tmp_path / "guide.agreed.yaml"
    filled = (
        agreed.read_text(encoding="utf-8")
        .replace("priorities: []", "priorities: [{module: auftrag-klaeren}]", 1)
        .replace(
            "priorities: []",
            "priorities: [{dimension: D3, why: Wirkung zeigen}, {module: auftrag-klaeren}]",
            1,
        )
    )
    agreed.write_text(filled, encoding="utf-8")
    report = tmp_path / "ali.md"
    done = cli("report", str(coordinator), "--agreed", str(agreed), "-o", str(report))
    assert done.returncode == 0, done.stderr
    md = report.read_text(encoding="utf-8")
    assert md.index("## Vereinbarte Prioritäten") < md.index("## Ihr Profil")
    assert "1. **Wirkung** – Wirkung zeigen" in md and "2. **Auftrag klären**" in md
    modules = md.split("## Empfohlene Module")[1]
    assert (
        modules.index("Wirkung auswerten")
        < modules.index("Auftrag klären")
        < modules.index("Moderation")
    )  # agreed first; the profile ranks auftrag, moderation
    plan = tmp_path / "plan.html"
    done = cli("plan", str(leader), str(coordinator), "--agreed", str(agreed), "-o", str(plan))
    assert done.returncode == 0, done.stderr
    assert "Der Plan folgt den vereinbarten Prioritäten von 2 der 2 Personen." in done.stdout
    assert cells(plan, 'data-module="auftrag-klaeren"')[0] == "1"
    assert cells(plan, 'data-module="auftrag-klaeren"')[-1] == "2"  # agreed by both
    # a person of another tandem is refused, with the line
    agreed.write_text(
        filled.replace("tandem: musterstadt", "tandem: beispielkreis"), encoding="utf-8"
    )
    done = cli(
        "plan", str(leader), str(coordinator), "--agreed", str(agreed), "-o", str(plan), "--force"
    )
    line = next(n for n, text in enumerate(filled.splitlines(), 1) if "name: Petra" in text)
    assert done.returncode == 2
    assert f"{agreed}:{line}:" in done.stderr
    assert "gehört nicht zum Tandem 'beispielkreis'" in done.stderr


def test_before_after_page_shows_both_differences_and_explains_them(tmp_path, catalog):
    low = {"D1_01": 2, "D1_02": 2, "D2_01": 3, "D2_02": 3, "D3_01": 2, "D3_02": 2}
    high = {"D1_01": 5, "D1_02": 5, "D2_01": 3, "D2_02": 3, "D3_01": 2, "D3_02": 2}
    first = answers_file(catalog, tmp_path / "a.json", "d-coordinator", "Ali", low)
    second = answers_file(
        catalog, tmp_path / "b.json", "d-coordinator", "Ali", high, retro={"D1": 1, "D2": 2}
    )
    out = tmp_path / "ba.html"
    done = cli("compare", str(first), str(second), "-o", str(out), "--lang", "en")
    assert done.returncode == 0, done.stderr
    # dimension, before, after, after - before, then, after - then, target, note
    d1 = cells(out, 'data-dimension="D1"')
    assert d1[1:6] == ["25", "100", "+75", "0", "+100"]
    assert "since then: more than measurement noise (30 points)" in d1[7]
    assert cells(out, 'data-dimension="D2"')[4:6] == ["25", "+25"]
    assert cells(out, 'data-dimension="D3"')[4:6] == ["–", "–"]
    assert "then-test, Howard et al. 1979" in out.read_text(encoding="utf-8")


def guide_with_pairs(tmp_path: Path, catalog: Catalog, count: int = 3):
    """A tandem's guide with paired statements built by hand from the fixture's items (the
    pairing itself, `pair:` in format v2, is read by core.pairs.paired_statements)."""
    from netzkompetenz.core.compare import tandem
    from netzkompetenz.core.guide import Guide
    from netzkompetenz.core.pairs import PairedStatement

    leader = score_file(
        catalog,
        answers_file(
            catalog,
            tmp_path / "l.json",
            "d-leader",
            "Petra <i>",
            {"L1_01": 5, "L1_02": 4, "L2_01": 2, "L2_02": 2},
            priorities=[Priority(module="rueckendeckung", why="<b>Zeit</b>")],
        ),
    )
    coordinator = score_file(
        catalog,
        answers_file(
            catalog,
            tmp_path / "k.json",
            "d-coordinator",
            "Ali",
            {"D1_01": 2, "D1_02": 3, "D2_01": 4, "D2_02": "cannot_judge", "D3_01": 5, "D3_02": 1},
            priorities=[Priority(dimension="D1", why="Auftrag")],
        ),
    )
    lq, cq = leader.questionnaire, coordinator.questionnaire
    pairs = [
        PairedStatement("P1", lq.item("L1_01"), cq.item("D1_01"), 5.0, 2.0),
        PairedStatement("P2", lq.item("L1_02"), cq.item("D1_02"), 4.0, 3.0),
        PairedStatement("P3", lq.item("L2_02"), cq.item("D2_02"), 2.0, None),
        PairedStatement("P4", lq.item("L2_01"), cq.item("D3_01"), 2.0, 5.0),
    ]
    extra = [
        PairedStatement(f"P{n}", lq.item("L2_01"), cq.item("D3_01"), 1.0, 5.0)
        for n in range(5, count + 2)
    ]
    return Guide(tandem(leader, coordinator), tuple(pairs + extra))


def test_the_guide_asks_questions_where_the_two_differ(tmp_path, catalog):
    from netzkompetenz.views.guide_page import render_guide

    found = guide_with_pairs(tmp_path, catalog)
    assert [p.situation for p in found.pairs] == [
        "leader_higher",
        "agree",
        "open",
        "coordinator_higher",
    ]
    page = tmp_path / "guide.html"
    with language("en"):
        page.write_text(render_guide(found, "html", "guide.agreed.yaml"), encoding="utf-8")
    html = page.read_text(encoding="utf-8")
    differ = html.split('id="differ"')[1].split("<h2")[0]
    assert 'data-pair="P1" data-situation="leader_higher"' in html
    assert "The leader's answer is 3 steps higher." in unescape(html)
    assert "hard to see from the leader" in html and "what would help the leader" in html
    assert "P2" not in differ and 'id="agree"' in html and 'data-pair="P2"' in html
    assert "cannot judge" in html.split('id="open"')[1]
    assert "Petra &lt;i&gt;" in html and "&lt;b&gt;Zeit&lt;/b&gt;" in html
    with language("de"):
        md = render_guide(found, "md", "guide.agreed.yaml")
    assert "Die Antwort der Führungskraft liegt 3 Stufen höher." in md
    assert "Die Antwort der Koordination liegt 3 Stufen höher." in md
    assert "Petra \\<i\\>" in md and "*\\<b\\>Zeit\\</b\\>*" in md


def test_the_questions_are_asked_once_after_a_run_of_the_same_side_higher(tmp_path, catalog):
    """Where the same side rates higher on several statements in a row, the questions that
    fit come once, after the last of them, saying how many they are for."""
    from netzkompetenz.views.guide_page import render_guide

    found = guide_with_pairs(tmp_path, catalog, count=8)
    runs: list[list[str]] = []
    for p in found.differ:
        if runs and found.differ[0] is not p and runs[-1][0] == p.situation:
            runs[-1].append(p.pair)
        else:
            runs.append([p.situation, p.pair])
    assert [len(r) - 1 for r in runs] == [1, 6]  # P1 leader higher, then six the other way
    with language("en"):
        html = render_guide(found, "html", "guide.agreed.yaml")
        md = render_guide(found, "md", "guide.agreed.yaml")
    differ = html.split('id="differ"')[1].split("<h2")[0]
    blocks = differ.split('<div class="asks">')
    assert len(blocks) == len(runs) + 1
    for before, run in zip(blocks, runs, strict=False):
        assert f'data-pair="{run[-1]}"' in before  # asked after the run's last statement
    assert "For the 6 statements above:" in blocks[2] and "statements above" not in blocks[1]
    assert blocks[2].count("what would help the leader") == 1
    assert md.count("what would help the leader") == 1
    assert md.count("hard to see from the leader") == 1


@pytest.mark.browser
def test_seven_differing_statements_still_print_on_two_pages(tmp_path, catalog, artifacts):
    """The worst case of the bundled content (7 pairs, all different) on A4 in Chromium."""
    from helpers import pdf_pages
    from netzkompetenz.views.guide_page import render_guide

    found = guide_with_pairs(tmp_path, catalog, count=8)
    assert len(found.differ) == 7
    page = tmp_path / "guide-7.html"
    with language("de"):
        page.write_text(render_guide(found, "html", "guide.agreed.yaml"), encoding="utf-8")
    pages = pdf_pages(page, artifacts / "guide-7-pairs.pdf")
    assert pages <= 2, f"the guide prints on {pages} pages"


def test_alternatives_to_a_course_are_shown_next_to_the_module(tmp_path, catalog):
    from netzkompetenz.views.person_report import render_person_report

    path = answers_file(
        catalog,
        tmp_path / "ali.json",
        "d-coordinator",
        "Ali",
        {"D1_01": 2, "D1_02": 2, "D2_01": 5, "D2_02": 5, "D3_01": 5, "D3_02": 5},
    )
    scored = score_file(catalog, path)
    with language("de"):
        html = render_person_report(scored, "html")
    module = html.split('data-module="auftrag-klaeren"')[1].split("</li>\n</ol>")[0]
    assert 'data-alternative="hospitation-auftrag"' in module
    # "Hospitation bei …" says its kind: not again in brackets (UX review m17)
    assert "Statt eines Kurses oder daneben:" in module
    assert "Koordination</strong> (1 Tag)" in module
    with language("en"):
        md = render_person_report(scored, "md")
    assert "  - **Shadowing an experienced coordinator** (job shadowing, 1 day)" in md


def test_a_pairs_differ_module_is_for_both_when_a_paired_statement_differs(tmp_path, catalog):
    # both at their target on the mandate (no gap), but P1 is 5 against 3: two steps apart
    leader = answers_file(
        catalog,
        tmp_path / "l.json",
        "d-leader",
        "Petra",
        {"L1_01": 5, "L1_02": 3, "L2_01": 5, "L2_02": 5},
    )
    coordinator = answers_file(
        catalog,
        tmp_path / "k.json",
        "d-coordinator",
        "Ali",
        {"D1_01": 3, "D1_02": 5, "D2_01": 5, "D2_02": 5, "D3_01": 5, "D3_02": 5},
    )
    out = tmp_path / "tandem.md"
    done = cli("compare", str(leader), str(coordinator), "-o", str(out), "--lang", "en")
    assert done.returncode == 0, done.stderr
    together = out.read_text(encoding="utf-8").split("## Attend together")[1].split("##")[0]
    assert (
        "**Clarifying the mandate** (tandem module): for both: you see paired statements "
        "differently" in together
    )
    # one step apart is noise: no module for the pair
    leader = answers_file(
        catalog,
        tmp_path / "l.json",
        "d-leader",
        "Petra",
        {"L1_01": 4, "L1_02": 4, "L2_01": 5, "L2_02": 5},
    )
    done = cli("compare", str(leader), str(coordinator), "-o", str(out), "--lang", "en", "--force")
    assert done.returncode == 0, done.stderr
    assert (
        "Clarifying the mandate"
        not in out.read_text(encoding="utf-8").split("## Attend together")[1].split("##")[0]
    )
