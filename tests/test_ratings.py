"""Ratings by others (issue 24): the rater versions in the content, `rate` in a real terminal,
and `report SELF --ratings R...` through the real command line (groups of partners and
colleagues only from three ratings on; blind spots and hidden strengths beyond noise)."""

from __future__ import annotations

import json
import re
import shlex
import sys
from pathlib import Path

import pytest

from helpers import ROOT, Terminal, run_cli
from netzkompetenz.core.answers import Respondent
from netzkompetenz.core.compare import noise_threshold
from netzkompetenz.core.model import Questionnaire
from netzkompetenz.io.answers_file import new_answers, write_answers
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.io.ratings_file import new_rating

PERSON = "Ali Yılmaz"


@pytest.fixture(scope="module")
def bundled() -> tuple[Catalog, Questionnaire]:
    catalog = Catalog.load()
    return catalog, catalog.questionnaire_of(catalog.profile_for_role("coordinator"))


def partner_items(q: Questionnaire) -> list[str]:
    return [i.id for i in q.items if i.rater is not None and i.rater.partner]


def rater_items(q: Questionnaire, relation: str) -> list[str]:
    return partner_items(q) if relation == "partner" else [i.id for i in q.items if i.rater]


def write_self(q: Questionnaire, path: Path, value_of) -> Path:
    """A complete self-assessment of PERSON, `value_of(item)` per unconditional item (as
    meant, before reverse keying: the file stores the answer as given)."""
    catalog = Catalog.load()
    profile = catalog.profile_for_role("coordinator")
    answers = new_answers(q, profile.id, Respondent(name=PERSON), "de")
    answers.context = {c.id: c.options[0].id for c in q.context}
    for item in q.items:
        if item.condition is None:
            meant = value_of(item)
            answers.values[item.id] = q.scale.reversed(meant) if item.reverse else meant
    answers.status = "complete"
    write_answers(path, answers)
    return path


def write_rating(q: Questionnaire, path: Path, relation: str, value_of, name: str = PERSON) -> Path:
    rating = new_rating(q, Respondent(name=name), relation, None, "de")  # type: ignore[arg-type]  # a Relation, given as a str here
    for item_id in rater_items(q, relation):
        item = q.item(item_id)
        meant = value_of(item)
        rating.values[item_id] = int(q.scale.reversed(meant)) if item.reverse else meant
    rating.status = "complete"
    write_answers(path, rating)
    return path


def ratings(q, folder: Path, relation: str, count: int, value_of) -> list[Path]:
    return [
        write_rating(q, folder / f"{relation}-{n}.json", relation, value_of) for n in range(count)
    ]


def report(*args: str | Path) -> tuple[int, str, str]:
    done = run_cli("report", *map(str, args), env={"COLUMNS": "200"})
    return done.returncode, done.stdout, done.stderr


# --- the content --------------------------------------------------------------------------


def test_bundled_rater_versions_are_third_person_observable_and_translated():
    catalog = Catalog.load()
    for entry in catalog.questionnaires.values():
        q = entry.model
        rated = [i for i in q.items if i.rater is not None]
        assert q.rater is not None and len(q.rater.points) == len(q.scale.points)
        assert q.rater.cannot_judge["de"] == "kann ich nicht beurteilen"
        assert len(rated) >= len(q.dimensions) * 2, q.id
        partners = partner_items(q)
        # the partner set is short: only the outwardly visible competences
        assert 5 <= len(partners) <= len(rated) // 2, (q.id, len(partners))
        for item in rated:
            assert set(item.rater.text) == set(q.languages), item.id
            # a context condition names the person's situation, which a rater can judge
            # too; only an item condition (the person's own answer) rules a version out
            assert item.condition is None or item.condition.item is None, item.id
            german = item.rater.text["de"]
            assert re.search(r"\b(Die|die|der) Person\b", german), german  # third person
            assert not re.search(r"/", german), german  # no pair forms such as „Sie/Er“
            assert not re.search(r"\b(Ich|ich|mein\w*|mir)\b", german), german
            assert item.rater.text["de"] != item.text["de"]


def test_validate_places_a_rater_version_on_a_conditional_item(tmp_path):
    source = (ROOT / "questionnaires" / "netzwerkkoordination.yaml").read_text(encoding="utf-8")
    anchor = "    condition: {item: K6_03, min: 1}\n"
    assert anchor in source
    broken = source.replace(
        anchor, anchor + "    rater:\n      text: {de: Die Person hilft., en: They do.}\n"
    )
    path = tmp_path / "q.yaml"
    path.write_text(broken, encoding="utf-8")
    # placed at the rater version itself (its first key, as every problem of a mapping)
    line = broken[: broken.index("      text: {de: Die Person hilft")].count("\n") + 1
    done = run_cli("--lang", "en", "validate", str(path))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"{path}:{line}:7: an item with a condition has no rater version: a rater does not "
        "know the answer it depends on"
    ]


def test_validate_counts_the_rater_labels(tmp_path):
    source = (ROOT / "questionnaires" / "netzwerkkoordination.yaml").read_text(encoding="utf-8")
    last = "    - {de: trifft voll zu, en: completely true of this person}\n"
    path = tmp_path / "q.yaml"
    path.write_text(source.replace(last, ""), encoding="utf-8")
    done = run_cli("--lang", "en", "validate", str(path))
    assert done.returncode == 2
    (message,) = done.stderr.splitlines()
    assert message.endswith(": 4 rater labels for a scale of 5 points"), message
    assert message.startswith(f"{path}:")


# --- the report: groups --------------------------------------------------------------------


def three(item) -> int:
    return 3


def four(item) -> int:
    return 4


def test_two_partner_ratings_are_not_shown_as_a_group_three_are(bundled, tmp_path):
    _, q = bundled
    own = write_self(q, tmp_path / "self.json", four)
    leader = write_rating(q, tmp_path / "leader.json", "leader", four)
    partners = ratings(q, tmp_path, "partner", 3, three)

    code, _out, err = report(
        own, "--ratings", leader, *partners[:2], "-o", tmp_path / "two.md", "--lang", "de"
    )
    assert code == 0, err
    two = (tmp_path / "two.md").read_text(encoding="utf-8")
    assert "Führungskraft (1)" in two
    assert "Netzwerkpartner\\*innen (" not in two  # Markdown: the star escaped
    assert (
        "2 Einschätzungen von Netzwerkpartner\\*innen werden nicht gezeigt: Eine Gruppe "
        "erscheint erst ab 3 Einschätzungen" in two
    )
    # no partner's value reaches the page: the partners rate 3 (50 %) where all others say 4
    assert " 50 " not in two and "| 3,0 " not in two

    code, _out, err = report(
        own, "--ratings", leader, *partners, "-o", tmp_path / "three.md", "--lang", "de"
    )
    assert code == 0, err
    page = (tmp_path / "three.md").read_text(encoding="utf-8")
    assert "Netzwerkpartner\\*innen (3)" in page
    assert "nicht gezeigt" not in page
    k4 = next(line for line in page.splitlines() if line.startswith("| K4 "))
    assert k4.split("|")[2:5] == [" 75 ", " 75 ", " 50 (selbst höher) "], k4


def test_small_groups_are_merged_into_others_when_together_three(bundled, tmp_path):
    _, q = bundled
    own = write_self(q, tmp_path / "self.json", four)
    partners = ratings(q, tmp_path, "partner", 2, four)
    colleague = write_rating(q, tmp_path / "colleague.json", "colleague", four)
    code, out, err = report(own, "--ratings", *partners, colleague, "--lang", "en")
    assert code == 0, err
    text = " ".join(out.split())
    assert "Others (colleagues and partners) (3)" in text
    assert "Colleagues (" not in text and "Network partners (" not in text
    assert "2 ratings by network partners: fewer than 3, so shown only together" in text
    assert "1 rating by colleagues: fewer than 3" in text
    assert "not for a performance appraisal" in text
    # a statement only the one colleague was asked has no "Others" value: it would be hers
    code, _out, err = report(own, "--ratings", *partners, colleague, "-o", tmp_path / "r.md")
    assert code == 0, err
    rows = {
        line.split("|")[1].split()[0]: line.split("|")[2:4]
        for line in (tmp_path / "r.md").read_text(encoding="utf-8").splitlines()
        if re.match(r"\| K\d_\d\d ", line)
    }
    only_colleague = next(i.id for i in q.items if i.rater and not i.rater.partner)
    assert rows[only_colleague] == [" 4,0 ", " – (nicht vergleichbar) "]
    assert rows[partner_items(q)[0]] == [" 4,0 ", " 4,0 "]


# --- the report: blind spots and hidden strengths -------------------------------------------


def test_blind_spots_and_hidden_strengths_beyond_noise_only(bundled, tmp_path):
    _, q = bundled
    own_values = {"K4": 5, "K6": 2}  # self: high on K4, low on K6, 4 elsewhere
    own = write_self(q, tmp_path / "self.json", lambda i: own_values.get(i.dimension, 4))
    # the leader: 4 everywhere except one K3 statement one step lower (noise)
    k3 = [i for i in q.items if i.rater is not None and i.dimension == "K3"]
    leader = write_rating(
        q, tmp_path / "leader.json", "leader", lambda i: 3 if i.id == k3[0].id else 4
    )
    out = tmp_path / "r.html"
    code, _o, err = report(own, "--ratings", leader, "-o", out, "--lang", "en")
    assert code == 0, err
    page = out.read_text(encoding="utf-8")
    readings = dict(
        re.findall(r'<tr data-dimension="(K\d)">.*?data-reading="(\w+)"', page, flags=re.S)
    )
    # K3: one statement of len(k3) one step apart, far below the noise threshold
    k3_gap = 100 / (len(k3) * 4)
    assert k3_gap < noise_threshold(len(k3))
    assert readings == {
        "K1": "within_noise",
        "K2": "within_noise",
        "K3": "within_noise",
        "K4": "blind_spot",
        "K5": "within_noise",
        "K6": "hidden_strength",
        "K7": "within_noise",
    }
    assert "Self clearly higher than others (possible blind spots)" in page
    assert "K4 Facilitation, communication and conflict – Leader (1): self 100, others 75" in page
    assert "K6 Resources, public relations and digital network work – Leader (1): self 25" in page
    assert page.count("not for a performance appraisal") == 2


def test_a_rater_rejecting_a_situation_is_not_scored(bundled, tmp_path):
    """A rater's „trifft nicht zu“ to a reversal that begins with a situation may only say
    that they never saw the person in it: not scored, as in the self-assessment
    (docs/scoring.md §1), so it cannot make the others' view look better."""
    _, q = bundled
    situations = [i for i in q.items if i.rater is not None and i.premise and i.dimension == "K4"]
    assert situations  # the bundled K4 has a reversal beginning with a situation
    own = write_self(q, tmp_path / "self.json", lambda i: 3)
    # meant 5 on the situations is given as 1 („trifft nicht zu“), 3 on everything else
    leader = write_rating(q, tmp_path / "leader.json", "leader", lambda i: 5 if i.premise else 3)
    out = tmp_path / "r.html"
    code, _o, err = report(own, "--ratings", leader, "-o", out, "--lang", "en")
    assert code == 0, err
    page = out.read_text(encoding="utf-8")
    row = re.search(r'<tr data-dimension="K4">(.*?)</tr>', page, flags=re.S)
    assert row is not None
    assert 'data-reading="within_noise"' in row.group(1)
    assert re.findall(r"\b(\d+)\b</td>", row.group(1))[:2] == ["50", "50"], row.group(1)


# --- bad ratings ---------------------------------------------------------------------------


def test_a_partner_rating_naming_the_rater_is_refused_at_its_place(bundled, tmp_path):
    _, q = bundled
    own = write_self(q, tmp_path / "self.json", four)
    bad = write_rating(q, tmp_path / "p.json", "partner", four)
    data = json.loads(bad.read_text(encoding="utf-8"))
    data["rater"] = {"name": "Frau Partnerin"}
    bad.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    line = next(n for n, text in enumerate(bad.read_text().splitlines(), 1) if '"rater"' in text)
    code, _out, err = report(own, "--ratings", bad, "-o", tmp_path / "r.md", "--lang", "en")
    assert code == 2
    assert err.splitlines() == [
        f"{bad}:{line}:12: a network partner's rating does not name the rater"
    ]
    assert not (tmp_path / "r.md").exists()


def test_a_rating_of_someone_else_is_refused(bundled, tmp_path):
    _, q = bundled
    own = write_self(q, tmp_path / "self.json", four)
    other = write_rating(q, tmp_path / "l.json", "leader", four, name="Maria Koch")
    code, _out, err = report(own, "--ratings", other, "--lang", "en")
    assert code == 2
    assert err.splitlines() == [f"{other}: a rating of 'Maria Koch', not of '{PERSON}'"]
    assert "Traceback" not in err


# --- `rate` in a real terminal (80 x 24) ---------------------------------------------------


@pytest.mark.terminal
def test_rate_as_a_partner_in_a_terminal_back_interrupt_resume(bundled, tmp_path, artifacts):
    _, q = bundled
    asked = partner_items(q)
    path = tmp_path / "r.json"
    command = (
        f"{shlex.quote(sys.executable)} -m netzkompetenz rate --role coordinator "
        f"--relation partner --person {shlex.quote(PERSON)} --lang de --rating {path}"
    )
    # answers 4, "cannot judge", then back from the third: the second becomes 2, then 5
    term = Terminal(80, 24)
    try:
        term.start(tmp_path, env={"PYTHONPATH": str(ROOT / "src")})
        term.type(command)
        screen = term.wait_for(f"Frage 1 von {len(asked)}", after="0) kann ich nicht beurteilen")
        assert "nicht nach Ihrem Namen gefragt" in screen or "Namen" in term.screen(True)
        term.send("4", "Enter")
        term.wait_for(f"Frage 2 von {len(asked)}", after="z) ← zurück")
        term.send("0", "Enter")
        term.wait_for(f"Frage 3 von {len(asked)}", after="z) ← zurück")
        term.send("z", "Enter")
        term.wait_for(f"Frage 2 von {len(asked)}", after="z) ← zurück")
        term.send("2", "Enter")
        term.wait_for(f"Frage 3 von {len(asked)}", after="z) ← zurück")
        term.send("5", "Enter")
        term.wait_for(f"Frage 4 von {len(asked)}", after="z) ← zurück")
        # saved after every answer, not only when the rating ends or is interrupted
        saved = json.loads(path.read_text(encoding="utf-8"))
        assert saved["values"] == dict(zip(asked[:3], [4, 2, 5], strict=True))
        term.send("C-c")
        screen = term.wait_for("Fortsetzen mit:")
        assert term.finished() == 130
        assert f"rate --rating {path}" in screen.replace("\n", "")
        saved = json.loads(path.read_text(encoding="utf-8"))
        assert saved["values"] == dict(zip(asked[:3], [4, 2, 5], strict=True))
        assert saved["status"] == "partial"

        term.type(f"{shlex.quote(sys.executable)} -m netzkompetenz rate --rating {path}")
        term.wait_for(f"Frage 4 von {len(asked)}", after="z) ← zurück")
        rest = [(n % 5) + 1 for n in range(len(asked) - 3)]
        for n, value in enumerate(rest, 4):
            term.wait_for(f"Frage {n} von {len(asked)}", after="z) ← zurück")
            term.send(str(value), "Enter")
        term.wait_for("Alle Aussagen sind beantwortet.", after="z) ← zurück")
        term.send("Enter")
        term.wait_for("Einschätzung gespeichert:")
        assert term.finished() == 0
        (artifacts / "rate-tmux.txt").write_text(term.screen(history=True), encoding="utf-8")
        lines = term.screen(joined=False).splitlines()
        assert all(len(line) <= 80 for line in lines)
    finally:
        term.close()
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["status"] == "complete"
    assert saved["relation"] == "partner" and saved["rater"] is None
    assert saved["rated"]["name"] == PERSON
    assert saved["questionnaire"]["version"] == q.version
    assert saved["values"] == dict(zip(asked, [4, 2, 5, *rest], strict=True))
    shown = " ".join((artifacts / "rate-tmux.txt").read_text(encoding="utf-8").split())
    assert "nicht der Leistungsbeurteilung" in shown
    assert "Zur Entwicklung, nicht zur Beurteilung." in shown


# --- the HTML page in Chromium --------------------------------------------------------------


@pytest.mark.browser
def test_ratings_page_in_chromium(bundled, tmp_path, artifacts):
    from helpers import open_browser
    from test_report_browser import errors, requests

    _, q = bundled
    own = write_self(q, tmp_path / "self.json", lambda i: 5 if i.dimension == "K4" else 4)
    leader = write_rating(q, tmp_path / "leader.json", "leader", four)
    partners = ratings(q, tmp_path, "partner", 3, three)
    page = tmp_path / "ratings.html"
    code, _out, err = report(own, "--ratings", leader, *partners, "-o", page, "--lang", "de")
    assert code == 0, err
    with open_browser() as browser:
        events = browser.open(page.as_uri())
        assert requests(events) == [page.as_uri()]
        assert errors(events) == []
        heads = browser.evaluate(
            "[...document.querySelectorAll('#dimensions th')].map(h => h.textContent)"
        )
        assert heads == [
            "Dimension",
            "Selbst",
            "Führungskraft (1)",
            "Netzwerkpartner*innen (3)",
        ]
        k4 = browser.evaluate(
            "[...document.querySelectorAll('tr[data-dimension=K4] td')]"
            ".map(td => td.getAttribute('data-reading'))"
        )
        assert k4 == [None, None, "blind_spot", "blind_spot"]
        shade = browser.evaluate(
            "getComputedStyle(document.querySelector("
            "'tr[data-dimension=K4] td.blind_spot')).backgroundColor"
        )
        assert shade != "rgba(0, 0, 0, 0)"
        visible = browser.evaluate("document.body.innerText")
        assert visible.count("nicht der Leistungsbeurteilung") == 2
        assert "mögliche blinde Flecken" in visible
        moderates = "Die Person moderiert Netzwerktreffen so, dass am Ende klare Vereinbarungen"
        assert moderates in visible
        browser.screenshot(artifacts / "ratings-page.png")


def test_an_item_asked_by_context_is_asked_of_every_rater(tmp_path):
    """A context condition names the person's situation, not the rater's: an item asked only
    of some leaders (F3_08, by level) may have a rater version, and every rater's form has
    it; validate accepts it."""
    data = tmp_path / "content"
    (data / "questionnaires").mkdir(parents=True)
    source = (ROOT / "questionnaires" / "netzwerkmanagement.yaml").read_text(encoding="utf-8")
    anchor = "    condition: {context: level, in: [amt, dezernat]}\n"
    at = source.index("  - id: F3_08\n")
    at = source.index(anchor, at) + len(anchor)
    rater = "Die Person wirbt bei anderen Ämtern überzeugend für die Mitarbeit."
    broken = source[:at] + f"    rater:\n      text: {{de: {rater}, en: x.}}\n" + source[at:]
    path = data / "questionnaires" / "netzwerkmanagement.yaml"
    path.write_text(broken, encoding="utf-8")
    done = run_cli("--lang", "en", "validate", str(path))
    assert done.returncode == 0, done.stderr
    out = tmp_path / "form.csv"
    done = run_cli(
        "--data", str(data), "--lang", "de", "export", "netzwerkmanagement",
        "--format", "csv-template", "--relation", "colleague", "-o", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    header = out.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert "F3_08" in header
    # the rater's walk (the `rate` command) asks it, with no context of the person at all
    from netzkompetenz.core.checkflow import Walk
    from netzkompetenz.core.ratings import rater_questionnaire
    from netzkompetenz.io.catalog import Catalog

    q = Catalog.load([data]).questionnaire("netzwerkmanagement")
    assert "F3_08" in [i.id for i in Walk(rater_questionnaire(q, "colleague"), {}, {}).asked()]
