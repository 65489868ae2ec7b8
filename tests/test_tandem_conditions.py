"""The tandem compares shared framework conditions (issue 21): a condition marked `tandem:
true` in both bundled questionnaires is a fact of the setting the two share, answered yes /
no / don't know by each. Run on answers files through the real command line."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from content_copy import PAIRED, data_copy
from helpers import run_cli
from netzkompetenz.core.answers import Respondent
from netzkompetenz.io.answers_file import new_answers, write_answers
from netzkompetenz.io.catalog import Catalog


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load()


@pytest.fixture(scope="module")
def paired(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Catalog]:
    """A --data copy of the bundled content with K5_09 and F6_02 paired as P4 (the bundled
    content has no pair left), and its catalogue: where a test needs a paired statement."""
    data = data_copy(tmp_path_factory.mktemp("paired"), *PAIRED)
    return data, Catalog.load([data])


def shared(catalog: Catalog) -> list[str]:
    """The condition ids marked tandem in both questionnaires (bundled: R8, R9, R16–R18, R20
    and R21)."""
    questionnaires = [
        catalog.questionnaire_of(catalog.profile_for_role(role))
        for role in ("leader", "coordinator")
    ]
    marked = [{f.id for f in q.framework if f.tandem} for q in questionnaires]
    return [f.id for f in questionnaires[0].framework if f.id in marked[0] & marked[1]]


def text_of(catalog: Catalog, condition: str, lang: str) -> str:
    q = catalog.questionnaire_of(catalog.profile_for_role("coordinator"))
    return next(f.text[lang] for f in q.framework if f.id == condition)


def tandem(
    tmp_path: Path,
    catalog: Catalog,
    leader: dict[str, str | None],
    coordinator: dict[str, str | None],
    version: str | None = None,
    context: tuple[dict[str, str], dict[str, str]] = ({}, {}),
    values: tuple[dict[str, int], dict[str, int]] = ({}, {}),
) -> tuple[Path, Path]:
    """Leader and coordinator who answer every item alike ("mostly true", so no paired
    statement differs, unless `values` say otherwise) and every framework condition "yes"
    unless given (None: left out); context questions only as `context` gives them."""
    files = []
    for n, (role, given) in enumerate((("leader", leader), ("coordinator", coordinator))):
        profile = catalog.profile_for_role(role)
        q = catalog.questionnaire_of(profile)
        if version is not None:
            q = catalog.questionnaire(q.id, version)
            profile = catalog.profile_for(profile.id, q)
        answers = new_answers(q, profile.id, Respondent(name=f"T {role}", tandem="t"), "de")
        answers.values = {i.id: 2 if i.reverse else 4 for i in q.items} | values[n]
        answers.context = dict(context[n])
        framework: dict[str, Any] = {f.id: "yes" for f in q.framework} | given
        answers.framework = {k: v for k, v in framework.items() if v is not None}
        answers.status = "complete"
        files.append(tmp_path / f"{role}.json")
        write_answers(files[-1], answers)
    return files[0], files[1]


def page(files: tuple[Path, Path], name: Path, *extra: str, data: Path | None = None) -> str:
    """`compare` of the two files written to `name`, on the content of `data` if given."""
    given = ("--data", str(data)) if data else ()
    done = run_cli(*given, "compare", *map(str, files), "-o", str(name), *extra)
    assert done.returncode == 0, done.stderr
    return name.read_text(encoding="utf-8")


def section(md: str, heading: str) -> str:
    """A Markdown page's section under `## heading`, up to the next `## `."""
    return md.split(f"## {heading}\n")[1].split("\n## ")[0]


def test_the_bundled_shared_conditions(catalog):
    """Goals agreed in writing, regular meetings, the remit settled, decision rights laid
    down, the training need discussed, the priorities agreed (twelfth round, was pair P5),
    when the leader attends the network agreed (thirteenth round, was pair P4): the matters
    between the two (docs/compare.md). Whether the working time is enough (R19) is an
    appraisal each side gives alone (twelfth round), not compared. No paired statement is
    left beside them."""
    assert shared(catalog) == ["R8", "R9", "R16", "R17", "R18", "R20", "R21"]
    for role in ("leader", "coordinator"):
        q = catalog.questionnaire_of(catalog.profile_for_role(role))
        assert [i.id for i in q.items if i.pair] == []


def test_a_condition_answered_yes_and_no_is_talked_about_and_calls_the_workshop(tmp_path, catalog):
    files = tandem(tmp_path, catalog, {"R8": "yes"}, {"R8": "no"})
    r8_de, r8_en = text_of(catalog, "R8", "de"), text_of(catalog, "R8", "en")

    guide = page(files, tmp_path / "guide.md", "--guide", "--lang", "de")
    differ = section(guide, "Hier beschreiben Sie Ihren gemeinsamen Rahmen unterschiedlich")
    assert f"### {r8_de}\n\n- Netzwerkkoordination: nein · Führungskraft: ja" in differ
    assert "1. Woran macht jede*r von Ihnen fest, ob das zwischen Ihnen geklärt ist?" in differ
    assert "R9" not in differ and text_of(catalog, "R9", "de") not in differ
    assert r8_de not in section(guide, "Worin Sie übereinstimmen")

    html = unescape(page(files, tmp_path / "guide.html", "--guide", "--lang", "en"))
    block = html.split('<div id="conditions-differ">')[1].split("<h2")[0]
    assert "<h2>Here you describe your shared setting differently</h2>" in html
    assert 'data-condition="R8" data-situation="differ"' in block and r8_en in block
    assert "Network coordinator: no · Leader: yes" in block
    assert "What would you have to set down so that you both describe it the same way?" in block

    compare = page(files, tmp_path / "tandem.md", "--lang", "de")
    rows = section(compare, "Ihr gemeinsamer Rahmen: was zwischen Ihnen geklärt ist")
    assert f"| R8 {r8_de} | ja | nein | **Sie beschreiben es unterschiedlich** |" in rows
    together = section(compare, "Gemeinsam besuchen")
    workshop = next(line for line in together.splitlines() if "Tandem-Werkstatt" in line)
    assert "für beide: Sie beschreiben Ihren gemeinsamen Rahmen unterschiedlich" in workshop
    assert f"R8 „{r8_de}“" in workshop and "R9" not in workshop

    html = unescape(page(files, tmp_path / "tandem.html", "--lang", "en"))
    assert re.search(r'<tr data-condition="R8" class="differ"><td>R8 [^<]+</td><td>yes</td>', html)
    li = re.search(r'<li data-module="tandem-werkstatt">.*?</li>', html)
    assert li is not None and f"R8 “{r8_en}”" in li.group(0)


def test_both_no_is_an_open_point_to_settle_and_triggers_nothing(tmp_path, catalog):
    files = tandem(tmp_path, catalog, {"R8": "no"}, {"R8": "no"})
    r8 = text_of(catalog, "R8", "de")
    guide = page(files, tmp_path / "guide.md", "--guide", "--lang", "de")
    assert (
        f"- {r8} – Sie sagen beide: noch nicht geklärt. Brauchen Sie das? Wenn ja: Wer geht "
        "bis wann den ersten Schritt?\n" in section(guide, "Offene Punkte")
    )
    assert "Hier beschreiben Sie Ihren gemeinsamen Rahmen unterschiedlich" not in guide
    compare = page(files, tmp_path / "tandem.md", "--lang", "de")
    assert f"| R8 {r8} | nein | nein | noch nicht geklärt, sagen Sie beide |" in compare
    assert "Tandem-Werkstatt" not in section(compare, "Gemeinsam besuchen")


def test_both_yes_is_agreement(tmp_path, catalog):
    files = tandem(tmp_path, catalog, {}, {})
    html = unescape(page(files, tmp_path / "guide.html", "--guide", "--lang", "en"))
    agree = html.split('id="agree"')[1].split("</ul>")[0]
    assert re.findall(r'data-condition="(R\d+)"', agree) == shared(catalog)
    assert f"{text_of(catalog, 'R9', 'en')} – Network coordinator: yes · Leader: yes" in agree
    assert "conditions-differ" not in html and 'data-situation="both_no"' not in html
    md = page(files, tmp_path / "guide.md", "--guide", "--lang", "de")
    r8 = text_of(catalog, "R8", "de")
    assert f"- {r8} – Netzwerkkoordination: ja · Führungskraft: ja\n" in md


def test_dont_know_or_no_answer_is_open(tmp_path, catalog):
    files = tandem(tmp_path, catalog, {"R8": None}, {"R9": "unknown"})
    guide = page(files, tmp_path / "guide.md", "--guide", "--lang", "de")
    open_ = section(guide, "Offene Punkte")
    assert (
        f"- {text_of(catalog, 'R8', 'de')} – Netzwerkkoordination: ja · Führungskraft: "
        "nicht beantwortet. Wer könnte es herausfinden, und wie?" in open_
    )
    assert f"- {text_of(catalog, 'R9', 'de')} – Netzwerkkoordination: weiß nicht · " in open_
    agree = section(guide, "Worin Sie übereinstimmen")
    assert text_of(catalog, "R8", "de") not in agree and text_of(catalog, "R9", "de") not in agree


@pytest.mark.parametrize("unmarked", ["leader", "coordinator"])
def test_a_condition_marked_in_one_questionnaire_only_is_not_compared(tmp_path, catalog, unmarked):
    """One questionnaire of a --data folder leaves R9 unmarked: R9 is no matter of both, so
    its yes and no are not set side by side and call for nothing."""
    name = catalog.questionnaire_of(catalog.profile_for_role(unmarked)).id + ".yaml"
    data = data_copy(tmp_path / "data", (name, "  - id: R9\n    tandem: true\n", "  - id: R9\n"))
    files = tandem(tmp_path, catalog, {"R9": "yes"}, {"R9": "no"})
    compare = page(files, tmp_path / "t.md", data=data)
    rows = section(compare, "Ihr gemeinsamer Rahmen: was zwischen Ihnen geklärt ist")
    assert re.findall(r"^\| (R\d+) ", rows, flags=re.M) == [c for c in shared(catalog) if c != "R9"]
    assert "Tandem-Werkstatt" not in section(compare, "Gemeinsam besuchen")


def test_answers_to_the_older_content_compare_as_before(tmp_path, catalog):
    """Content 2.0 marks no condition: a yes against a no changes nothing on its pages."""
    files = tandem(tmp_path, catalog, {"R8": "yes"}, {"R8": "no"}, version="2.0")
    compare = page(files, tmp_path / "t.html", "--lang", "de")
    guide = page(files, tmp_path / "g.html", "--guide", "--lang", "de")
    for html in (compare, guide):
        assert "data-condition" not in html and "gemeinsamen Rahmen" not in html
    assert 'id="pairs"' in compare and 'id="differ"' in guide
    assert '<li data-module="tandem-werkstatt">' not in compare


@pytest.mark.parametrize("unnamed", [None, "coordinator"])
def test_agree_offers_a_differing_condition_on_the_dimension_that_names_it(
    tmp_path, catalog, unnamed
):
    """A condition answered yes and no (R8) or no by both (R9) is offered as each side's
    priority on the dimension of the first item whose `framework:` list names it; where a
    side's questionnaire names it nowhere (R8 taken out of the coordinator's items in a
    --data copy), that side gets none."""
    from netzkompetenz.core.compare import tandem as compared
    from netzkompetenz.core.guide import agreed_options, guide
    from netzkompetenz.i18n import language
    from netzkompetenz.io.answers_file import score_file
    from netzkompetenz.views.agree_screen import AgreeScreen

    if unnamed:
        change = ("netzwerkkoordination.yaml", "    framework: [R2, R8]", "    framework: [R2]")
        catalog = Catalog.load([data_copy(tmp_path / "data", change)])
    files = tandem(tmp_path, catalog, {"R8": "yes", "R9": "no"}, {"R8": "no", "R9": "no"})
    found = guide(compared(*(score_file(catalog, f) for f in files)))
    offered = {o.condition.id: o for o in agreed_options(found) if o.condition}

    def naming(role: str, condition: str) -> str:
        q = catalog.questionnaire_of(catalog.profile_for_role(role))
        return next((i.dimension for i in q.items if condition in i.framework), "")

    for condition in ("R8", "R9"):
        expected = (naming("leader", condition), naming("coordinator", condition))
        assert offered[condition].targets == expected
    assert (naming("coordinator", "R8") == "") == bool(unnamed)  # the --data copy is read
    assert all(offered["R9"].targets) and offered["R8"].targets[0]
    with language("en"):
        title = AgreeScreen(found).title(offered["R9"])
    assert title == f"Not settled yet, you both say: “{text_of(catalog, 'R9', 'en')}”"


# --- issue 21: "the leader" means the one responsible for the coordinator's remit ----------


def remit(catalog: Catalog, role: str, responsible: bool | None) -> dict[str, str]:
    """The context answer to the questionnaire's `tandem_when` question: an option it lists
    (True), one it does not (False), or none (None: a file from before it was asked)."""
    when = catalog.questionnaire_of(catalog.profile_for_role(role)).tandem_when
    assert when is not None and when.context is not None and when.in_
    if responsible is None:
        return {}
    q = catalog.questionnaire_of(catalog.profile_for_role(role))
    options = next(c.options for c in q.context if c.id == when.context)
    return {when.context: next(o.id for o in options if (o.id in when.in_) == responsible)}


def apart(catalog: Catalog, pair: str) -> tuple[dict[str, int], dict[str, int]]:
    """The paired statement `pair` answered 5 by the leader and 3 by the coordinator (as
    given: a reverse-keyed item the other way round): apart by the two steps that count as
    different, and no low score that would recommend a module to one of them alone (a
    leader not responsible for the remit is not asked F2_19/F2_20, so the Tandem-Werkstatt's
    item trigger would rest on the leader's P4 item alone)."""
    out: list[dict[str, int]] = []
    for role, value in (("leader", 5), ("coordinator", 3)):
        q = catalog.questionnaire_of(catalog.profile_for_role(role))
        item = next(i for i in q.items if i.pair == pair)
        out.append({item.id: 6 - value if item.reverse else value})
    return out[0], out[1]


NOT_COMPARED_DE = (
    "Die Führungskraft in diesem Tandem verantwortet den Koordinationsauftrag nicht selbst"
)


@pytest.mark.parametrize("sides", [(False, False), (False, True), (True, False), (False, None)])
def test_a_leader_not_responsible_for_the_remit_is_shown_side_by_side_not_compared(
    tmp_path, paired, sides
):
    """Leader `remit: dienst` or coordinator `tandem_leader: andere` (either alone is
    enough): R8 yes against no and P4 far apart are shown side by side, filed neither as
    different nor as agreed, and call for no Tandem-Werkstatt."""
    data, catalog = paired
    files = tandem(
        tmp_path,
        catalog,
        {"R8": "yes"},
        {"R8": "no"},
        context=(remit(catalog, "leader", sides[0]), remit(catalog, "coordinator", sides[1])),
        values=apart(catalog, "P4"),
    )
    r8_de, r8_en = text_of(catalog, "R8", "de"), text_of(catalog, "R8", "en")

    guide = page(files, tmp_path / "guide.md", "--guide", "--lang", "de", data=data)
    side = section(guide, "Ihre Antworten nebeneinander, ohne Vergleich")
    assert NOT_COMPARED_DE in side
    assert f"- {r8_de} – Netzwerkkoordination: nein · Führungskraft: ja" in side
    for heading in ("gemeinsamen Rahmen unterschiedlich", "Worin Sie übereinstimmen"):
        assert heading not in guide
    assert "Stufen höher" not in guide  # no pair is filed as apart

    html = unescape(page(files, tmp_path / "guide.html", "--guide", "--lang", "en", data=data))
    assert '<h2 id="side-by-side">Your answers side by side, without comparison</h2>' in html
    block = html.split('<ul id="side-by-side-answers">')[1].split("</ul>")[0]
    assert f'<li data-condition="R8">{r8_en} – Network coordinator: no · Leader: yes</li>' in block
    assert 'data-pair="P4"' in block and "is not the person responsible" in html
    assert 'id="conditions-differ"' not in html and 'id="differ"' not in html

    compare = page(files, tmp_path / "tandem.md", "--lang", "de", data=data)
    side = section(compare, "Ihre Antworten nebeneinander, ohne Vergleich")
    assert NOT_COMPARED_DE in side and f"| R8 {r8_de} | ja | nein |\n" in side
    assert re.findall(r"^\| (P\d+) ", side, flags=re.M) == ["P4"]
    assert "Sie beschreiben es unterschiedlich" not in side and "**" not in side
    assert "Tandem-Werkstatt" not in section(compare, "Gemeinsam besuchen")

    html = unescape(page(files, tmp_path / "tandem.html", "--lang", "en", data=data))
    assert '<tr data-condition="R8"><td>R8 ' in html and 'class="differ"' not in html
    assert 'id="pairs"' not in html and 'id="conditions"' not in html
    assert '<li data-module="tandem-werkstatt">' not in html


@pytest.mark.parametrize("sides", [(True, True), (None, True), (True, None), (None, None)])
def test_with_the_leader_responsible_for_the_remit_the_tandem_compares_as_before(
    tmp_path, paired, sides
):
    """Both say the leader is the one responsible for the remit, or one of them left the
    question unanswered (a file from before it was asked): R8 and P4 are compared. Where the
    leader's answer is missing, the pages are those of a tandem without context answers,
    byte for byte (with `remit: auftrag` the leader is asked more statements)."""
    data, catalog = paired
    context = (remit(catalog, "leader", sides[0]), remit(catalog, "coordinator", sides[1]))
    given = tandem(
        tmp_path, catalog, {"R8": "yes"}, {"R8": "no"}, context=context, values=apart(catalog, "P4")
    )
    if sides[0] is None:
        before = tmp_path / "before"
        before.mkdir()
        plain = tandem(before, catalog, {"R8": "yes"}, {"R8": "no"}, values=apart(catalog, "P4"))
        for name, extra in (("t.md", ()), ("t.html", ()), ("g.md", ("--guide",))):
            assert page(given, tmp_path / name, *extra, data=data) == page(
                plain, before / name, *extra, data=data
            )
    compare = page(given, tmp_path / "de.md", "--lang", "de", data=data)
    assert "ohne Vergleich" not in compare
    p4 = next(line for line in compare.splitlines() if line.startswith("| P4 |"))
    assert p4.endswith("| -2 | **die Antwort der Führungskraft liegt höher** |")  # compared
    together = section(compare, "Gemeinsam besuchen")
    assert "Tandem-Werkstatt" in together and "R8" in together
    guide = page(given, tmp_path / "guide-de.md", "--guide", "--lang", "de", data=data)
    assert "Hier beschreiben Sie Ihren gemeinsamen Rahmen unterschiedlich" in guide


@pytest.mark.parametrize("responsible", [True, False])
def test_agree_offers_differences_only_when_the_two_are_compared(tmp_path, paired, responsible):
    """`agree` offers a paired statement seen differently and a condition described
    differently only when the leader is the one responsible for the remit."""
    from netzkompetenz.core.compare import tandem as compared
    from netzkompetenz.core.guide import agreed_options, guide
    from netzkompetenz.io.answers_file import score_file

    catalog = paired[1]

    context = (remit(catalog, "leader", True), remit(catalog, "coordinator", responsible))
    files = tandem(
        tmp_path, catalog, {"R8": "yes"}, {"R8": "no"}, context=context, values=apart(catalog, "P4")
    )
    found = guide(compared(*(score_file(catalog, f) for f in files)))
    sources = {o.source for o in agreed_options(found)}
    assert ({"differs", "condition"} <= sources) == responsible
    assert not ({"differs", "condition"} & sources) or responsible


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("context: tandem_leadr", "unknown context question 'tandem_leadr' (did you mean"),
        ("in: [auftrg]", "'auftrg' is not an option of context question 'tandem_leader'"),
    ],
)
def test_validate_names_the_place_of_a_wrong_tandem_when(tmp_path, change, message):
    source = Path(__file__).parent.parent / "questionnaires" / "netzwerkkoordination.yaml"
    text = source.read_text(encoding="utf-8")
    line = "tandem_when: {context: tandem_leader, in: [auftrag]}"
    assert text.count(line) == 1
    key = change.split(":")[0]
    wrong = line.replace("context: tandem_leader" if key == "context" else "in: [auftrag]", change)
    broken = tmp_path / "q.yaml"
    broken.write_text(text.replace(line, wrong), encoding="utf-8")
    done = run_cli("validate", str(broken), "--lang", "en")
    assert done.returncode == 2, done.stdout
    row = text.splitlines().index(line) + 1
    assert re.fullmatch(rf"{re.escape(str(broken))}:{row}:\d+: .*\n", done.stderr), done.stderr
    assert message in done.stderr and "Traceback" not in done.stderr
