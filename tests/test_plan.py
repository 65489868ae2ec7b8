"""plan: module demand, course groups and module order, from the tandem fixtures."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from helpers import FIXTURES, parse, run_cli, screenshot
from netzkompetenz.core.plan import (
    GROUP_MAX,
    GROUP_MIN,
    Course,
    Participant,
    assign_groups,
    group_sizes,
    make_plan,
    module_order,
)

TANDEM = FIXTURES / "tandem"
INPUTS = [
    TANDEM / "batch",
    TANDEM / "answers" / "lange-2025.json",
    TANDEM / "answers" / "script-2025.json",
]


def plan(tmp_path: Path, name: str, *inputs: Path):
    out = tmp_path / name
    proc = run_cli("--data", str(TANDEM), "plan", *map(str, inputs or INPUTS), "-o", str(out))
    return proc, out


def person(
    name: str, role: str = "coordinator", tandem: str | None = None, org: str = "Stadt A"
) -> Participant:
    return Participant(name, org, tandem, role, role, ("m",), "test")


# --- pure rules ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "count, sizes",
    [
        (0, []),
        (1, [1]),
        (19, [19]),
        (20, [20]),
        (30, [30]),
        (31, [16, 15]),
        (45, [23, 22]),
        (61, [21, 20, 20]),
    ],
)
def test_group_sizes(count, sizes):
    assert group_sizes(count) == sizes


def test_from_40_people_every_group_has_20_to_30():
    for count in range(40, 400):
        sizes = group_sizes(count)
        assert sum(sizes) == count
        assert all(GROUP_MIN <= s <= GROUP_MAX for s in sizes), count
        assert max(sizes) - min(sizes) <= 1


def test_tandems_share_a_group_in_a_tandem_module():
    people = (
        [person(f"FK{n}", "leader", f"t{n}") for n in range(25)]
        + [person(f"NK{n}", "coordinator", f"t{n}") for n in range(25)]
        + [person(f"X{n}") for n in range(5)]
    )
    groups = assign_groups(people)
    assert sorted(len(g.members) for g in groups) == [27, 28]
    where = {p.name: g.number for g in groups for p in g.members}
    assert all(where[f"FK{n}"] == where[f"NK{n}"] for n in range(25))
    assert sum(len(g.members) for g in groups) == len(people)


def test_tandems_stay_together_in_every_module_both_attend():
    """Not only in `tandem: true` modules: a course both members of a tandem attend puts
    them into one group too (tandems as participants throughout)."""
    people = (
        [person(f"FK{n}", "leader", f"t{n}", org=f"Stadt {n}") for n in range(20)]
        + [person(f"NK{n}", "coordinator", f"t{n}", org=f"Stadt {n}") for n in range(20)]
        + [person(f"NK{n}b", "coordinator", f"t{n}", org=f"Stadt {n}") for n in range(3)]
    )
    course = Course("m", {"de": "m"}, "in-person", 1, 2, (), False)  # not a tandem module
    plan = make_plan(people, {"m": course})
    groups = plan.modules[0].groups
    assert len(groups) == 2 and not course.tandem
    where = {p.name: g.number for g in groups for p in g.members}
    for n in range(20):
        assert where[f"FK{n}"] == where[f"NK{n}"], n
    for n in range(3):
        assert where[f"NK{n}b"] == where[f"FK{n}"]


def test_order_puts_prerequisites_first_then_priority_and_demand():
    def course(mid, priority, *pre):
        return Course(mid, {"de": mid}, "in-person", 1, priority, pre, False)

    catalogue = {
        "basics": course("basics", 3),
        "advanced": course("advanced", 1, "basics"),
        "urgent": course("urgent", 1),
        "popular": course("popular", 2),
        "rare": course("rare", 2),
    }
    demand = {
        "basics": [person("a")],
        "advanced": [person("b")] * 5,
        "urgent": [person("c")],
        "popular": [person("d")] * 9,
        "rare": [person("e")],
    }
    assert module_order(demand, catalogue) == ["urgent", "popular", "rare", "basics", "advanced"]


# --- the command -------------------------------------------------------------------------


def test_plan_csv_lists_every_assignment_formula_safe(tmp_path):
    proc, out = plan(tmp_path, "plan.csv")
    assert proc.returncode == 0, proc.stderr
    assert "48 Personen" in proc.stdout
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    results = [
        json.loads(line)
        for line in (TANDEM / "batch" / "results.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    expected = sum(len(r["recommendations"]) for r in results)
    script_rows = [r for r in rows if r["Name oder Pseudonym"].startswith("<script>")]
    lange_rows = [r for r in rows if r["Name oder Pseudonym"] == "Dr. Petra Lange"]
    assert len(rows) == expected + len(script_rows) + len(lange_rows)
    assert script_rows and all(r["Organisation"] == '\'=HYPERLINK("x")' for r in script_rows)
    # The order column respects prerequisites.
    order = {r["Modul-ID"]: int(r["Reihenfolge"]) for r in rows}
    assert order["grundlagen"] < order["ziele-wirkung"]
    assert order["grundlagen"] < order["tandem-werkstatt"]
    for r in rows:
        assert int(r["Gruppengröße"]) <= GROUP_MAX
        assert (r["kleine Gruppe"] == "ja") == (int(r["Gruppengröße"]) < GROUP_MIN)


def test_plan_xlsx_has_text_cells_not_formulas(tmp_path):
    from openpyxl import load_workbook

    proc, out = plan(tmp_path, "plan.xlsx")
    assert proc.returncode == 0, proc.stderr
    sheet = load_workbook(out).active
    header = [c.value for c in sheet[1]]
    col = header.index("Organisation")
    cells = [row[col] for row in sheet.iter_rows(min_row=2)]
    unsafe = [c for c in cells if str(c.value).lstrip("'").startswith("=")]
    assert unsafe and all(c.data_type == "s" and c.value.startswith("'") for c in unsafe)


def test_plan_html_groups_tandems_together(tmp_path, artifacts):
    proc, out = plan(tmp_path, "plan.html")
    assert proc.returncode == 0, proc.stderr
    page = out.read_text(encoding="utf-8")
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)" in page
    elements = parse(out)
    demand = [e for e in elements if e["tag"] == "tr" and "data-module" in e]
    ids = [e["data-module"] for e in demand]
    assert ids.index("grundlagen") < ids.index("netzwerkmanagement-fk")
    assert ids.index("grundlagen") < ids.index("tandem-werkstatt")
    # In the tandem module, each tandem's two members are listed in one group.
    section = page.split('id="module-tandem-werkstatt"')[1].split("</section>")[0]
    groups = section.split("<ol ")[1:]
    for n in range(1, 15):
        tag = f"tandem-{n:02d}"
        holding = [g for g in groups if tag in g]
        assert len(holding) <= 1, tag
        if holding:
            assert holding[0].count(tag) in (1, 2)
    summary = next(e for e in elements if e.get("id") == "summary")["text"]
    assert "48 Personen (15 Führungskräfte, 33 Netzwerkkoordinator*innen)" in summary
    screenshot(out, artifacts / "plan.png")


def test_a_person_in_two_inputs_counts_once(tmp_path):
    proc, out = plan(
        tmp_path,
        "plan.csv",
        TANDEM / "answers" / "lange-2025.json",
        TANDEM / "answers" / "lange-2025.json",
    )
    assert proc.returncode == 0, proc.stderr
    assert "(1 Person," in proc.stdout and "zweimal" in proc.stderr


def test_broken_results_line_is_reported_with_its_line(tmp_path):
    lines = (TANDEM / "batch" / "results.jsonl").read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2][:40]
    lines[4] = lines[4].replace('"t-leader"', '"t-unknown"')
    broken = tmp_path / "batch"
    broken.mkdir()
    (broken / "results.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc, out = plan(tmp_path, "plan.html", broken)
    assert proc.returncode == 2
    assert f"{broken / 'results.jsonl'}:3:" in proc.stderr and "ungültiges JSON" in proc.stderr
    assert f"{broken / 'results.jsonl'}:5: " in proc.stderr and "t-unknown" in proc.stderr
    assert "Traceback" not in proc.stderr and not out.exists()


def test_folder_without_results_is_refused(tmp_path):
    proc, out = plan(tmp_path, "plan.csv", tmp_path)
    assert proc.returncode == 2 and "results.jsonl" in proc.stderr


def test_unknown_output_format_is_refused(tmp_path):
    proc, out = plan(tmp_path, "plan.pdf")
    assert proc.returncode == 2 and ".md, .html, .csv oder .xlsx" in proc.stderr


# --- the short list: places for the most important only (issue 21.5) ---------------------


def _coordinators(folder: Path, count: int) -> None:
    """`count` coordinators of the bundled content with varied, mostly middling answers
    (seeded), as answers files in `folder`."""
    import random

    from netzkompetenz.core.answers import Respondent
    from netzkompetenz.io.answers_file import new_answers, write_answers
    from netzkompetenz.io.catalog import Catalog

    catalog = Catalog.load([])
    profile = catalog.profile_for_role("coordinator")
    q = catalog.questionnaire_of(profile)
    rng = random.Random(21)
    folder.mkdir()
    for n in range(count):
        who = Respondent(name=f"Person {n:02d}", organisation=f"Stadt {n % 7}")
        answers = new_answers(q, profile.id, who, "de")
        answers.values = {i.id: rng.choice([1, 2, 2, 3, 3, 3, 4, 4, 5]) for i in q.items}
        answers.status = "complete"
        write_answers(folder / f"p{n:02d}.json", answers)


def test_plan_books_places_for_the_most_important_only(tmp_path):
    folder = tmp_path / "people"
    _coordinators(folder, 60)
    scored = run_cli("score", *sorted(map(str, folder.glob("*.json"))), "--format", "json")
    assert scored.returncode == 0, scored.stderr
    results = json.loads(scored.stdout)
    important = {r["respondent"]["name"]: [] for r in results}
    also: dict[str, int] = {}
    for r in results:
        for rec in r["recommendations"]:
            if rec["most_important"]:
                important[r["respondent"]["name"]].append(rec["module"])
            else:
                also[rec["module"]] = also.get(rec["module"], 0) + 1
    assert all(len(m) <= 3 for m in important.values()) and also  # the generator reaches both

    table = tmp_path / "plan.csv"
    done = run_cli("--lang", "en", "plan", str(folder), "-o", str(table))
    assert done.returncode == 0, done.stderr
    booked: dict[str, list[str]] = {name: [] for name in important}
    with table.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            booked[row["Name or pseudonym"]].append(row["Module id"])
    # exactly the most important of each person, none of the "also possible"
    assert {n: sorted(m) for n, m in booked.items()} == {n: sorted(m) for n, m in important.items()}
    assert sum(map(len, booked.values())) <= 3 * 60

    page = tmp_path / "plan.md"
    done = run_cli("--lang", "de", "plan", str(folder), "-o", str(page))
    assert done.returncode == 0, done.stderr
    text = page.read_text(encoding="utf-8")
    tail = text.split("## Auch möglich (keine Plätze gebucht)")[1]
    assert "Für sie werden keine Plätze gebucht" in tail
    titles = {m["module"]: m["title"] for r in results for m in r["recommendations"]}
    lines = [line.replace("\\", "") for line in tail.splitlines() if line.startswith("- ")]
    # "- Title – 2 Tage: 9 Personen (0 Führungskräfte, 9 Netzwerkkoordinator*innen)"
    entries = [line[2:].rsplit(" – ", 1) for line in lines]
    counts = [int(facts.split(": ")[1].split(" ")[0]) for _title, facts in entries]
    shown = {title: n for (title, _facts), n in zip(entries, counts, strict=True)}
    assert shown == {titles[module]: count for module, count in also.items()}
    assert counts == sorted(counts, reverse=True)  # most people first
