"""Response-style cautions (docs/scoring.md §8) through the real command line: `score`,
`report` and `batch` (person reports and the cohort report), in German and English.

"all 5", "all 3" and "mostly no-score" answers get their caution, a varied profile none;
agreement tendency is checked only where the questionnaire has enough reversals
(tests/fixtures/style has a balanced set, the bundled questionnaires too few)."""

from __future__ import annotations

import csv
import itertools
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import FIXTURES, MINI, invoke, run_cli
from netzkompetenz.core.answers import Respondent
from netzkompetenz.core.model import CANNOT_JUDGE, NOT_APPLICABLE, Questionnaire
from netzkompetenz.io.answers_file import new_answers, write_answers
from netzkompetenz.io.catalog import Catalog
from walk import bundled_coordinator

STYLE = FIXTURES / "style"

Pattern = Callable[[int, bool], int | str]  # (position, reverse-keyed) -> answer


def _cycle(values: list[int | str]) -> Pattern:
    return lambda n, _reverse: values[n % len(values)]


PATTERNS: dict[str, Pattern] = {
    "all 5": lambda _n, _r: 5,
    "all 3": lambda _n, _r: 3,
    # rejects every statement, so every situation of a `premise` reversal too: those are not
    # scored (docs/scoring.md §1) but still count as the same answer, not as no-score ones
    "all 1": lambda _n, _r: 1,
    # four of five without a score, the rest varied
    "mostly no-score": lambda n, _r: [CANNOT_JUDGE, NOT_APPLICABLE, 2, CANNOT_JUDGE, 4][n % 5],
    # the same, but the few scale answers alike: not "the same answer on nearly every item";
    # every other reverse-keyed statement agreed with, wherever the reversals stand
    "mostly no-score, rest alike": lambda n, r: (
        4 if r and n % 2 == 0 else [CANNOT_JUDGE, NOT_APPLICABLE, 4, CANNOT_JUDGE, 4][n % 5]
    ),
    "varied": _cycle([2, 3, 4, 5, 4, 3]),
    # agrees with regular and reverse-keyed statements alike, but not the same answer
    "agrees with both": lambda n, _r: [4, 5][n % 2],
    # agrees with the statements and disagrees with their reversals: consistent
    "consistent": lambda n, r: [2, 1][n % 2] if r else [4, 5][n % 2],
}

TEXTS = {
    "de": {
        "heading": "Zu Ihren Antworten",
        "agree": "Sie haben den Aussagen im Mittel zugestimmt, auch den gegensätzlich "
        "formulierten.",
        "same": "Sie haben fast alle Aussagen gleich beantwortet („{label}“ bei {count} von {n}).",
        "no score": "Sie haben {count} von {n} Aussagen mit „{cj}“",
        "reversals": "Dieser Fragebogen hat zu wenige umgekehrt gewertete",
        "unscored": "Diese Hinweise ändern keinen Wert, keine Stufe und kein Modul.",
    },
    "en": {
        "heading": "About your answers",
        "agree": "You agreed with the statements on average, and also with those worded the "
        "other way round.",
        "same": "You gave nearly every statement the same answer (“{label}” on {count} of {n}).",
        "no score": "You answered {count} of {n} statements with “{cj}”",
        "reversals": "This questionnaire has too few reverse-keyed",
        "unscored": "These notes change no score, level or module.",
    },
}

# A part of each caution that nothing else on the page says: absent when it is not given.
MARKS = {
    "de": {"agree": "im Mittel zugestimmt", "same": "fast alle Aussagen gleich",
           "no score": "Aussagen mit „"},
    "en": {"agree": "agreed with the statements on average",
           "same": "nearly every statement the same answer", "no score": "statements with “"},
}  # fmt: skip


def _answers(
    q: Questionnaire, pattern: Pattern, *, na: bool = True, context: dict[str, str] | None = None
) -> dict[str, int | str]:
    """The pattern's answers to every item asked without a condition, or on a context
    condition the given context answers meet."""
    context = context or {}
    items = [
        i
        for i in q.items
        if i.condition is None
        or (i.condition.context and context.get(i.condition.context) in (i.condition.in_ or []))
    ]
    values = {i.id: pattern(n, i.reverse) for n, i in enumerate(items)}
    if not na:
        values = {k: CANNOT_JUDGE if v == NOT_APPLICABLE else v for k, v in values.items()}
    return values


def _answers_file(
    tmp_path: Path, catalog: Catalog, role: str, name: str, lang: str
) -> tuple[Path, dict[str, int | str], Questionnaire]:
    profile = catalog.profile_for_role(role)
    q = catalog.questionnaire_of(profile)
    values = _answers(q, PATTERNS[name], na=q.scale.not_applicable is not None)
    answers = new_answers(q, profile.id, Respondent(name="Erika", organisation=""), lang)
    answers = answers.model_copy(update={"values": values, "status": "complete"})
    path = tmp_path / f"{re.sub(r'[^a-z0-9]+', '-', name)}-{lang}.json"
    write_answers(path, answers)
    return path, values, q


def _label(q: Questionnaire, value: int, lang: str) -> str:
    return next(p.label[lang] for p in q.scale.points if p.value == value)


def _flat(text: str) -> str:
    """Terminal text with its wrapping undone."""
    return " ".join(text.split())


def _expected(q: Questionnaire, values: dict[str, int | str], lang: str) -> dict[str, str | None]:
    """The cautions this person should get, worked out here from the answers."""
    t = TEXTS[lang]
    scale_values = [v for v in values.values() if isinstance(v, int)]
    no_score = len(values) - len(scale_values)
    top, count = max(
        ((v, scale_values.count(v)) for v in sorted(set(scale_values))), key=lambda x: x[1]
    )
    same = len(scale_values) >= 10 and count >= 0.9 * len(values)
    reverse = {i.id for i in q.items if i.reverse}
    # a reversal with a situation in it ("premise") rejected at the scale's bottom counts on
    # neither side; answered higher, it counts like any reversal (docs/scoring.md §8)
    rejected = {i.id for i in q.items if i.premise and values.get(i.id) == q.scale.min}
    given_rev = [v for k, v in values.items() if k in reverse - rejected and isinstance(v, int)]
    given_reg = [v for k, v in values.items() if k not in reverse and isinstance(v, int)]
    agree = (
        len(given_rev) >= 4
        and len(given_reg) >= 4
        and sum(given_rev) / len(given_rev) >= 4
        and sum(given_reg) / len(given_reg) >= 4
    )
    return {
        "agree": t["agree"] if agree else None,
        "same": t["same"].format(label=_label(q, top, lang), count=count, n=len(values))
        if same
        else None,
        "no score": t["no score"].format(
            count=no_score, n=len(values), cj=q.scale.cannot_judge[lang]
        )
        if len(values) >= 10 and no_score >= 0.4 * len(values)
        else None,
    }


def _assert_cautions(text: str, expected: dict[str, str | None], lang: str, few: bool) -> None:
    t = TEXTS[lang]
    for key, sentence in expected.items():
        if sentence is None:
            assert MARKS[lang][key] not in text, key
        else:
            assert sentence in text, (key, sentence)
    shown = any(expected.values())
    assert (t["heading"] in text) is shown
    assert (t["unscored"] in text) is shown
    assert (t["reversals"] in text) is (shown and few)


# --- score and report on the bundled questionnaire (enough reversals since content 3.0) -------


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize(
    "name", ["all 5", "all 3", "all 1", "mostly no-score", "mostly no-score, rest alike", "varied"]
)
def test_score_and_report_on_the_bundled_questionnaire(
    tmp_path: Path, name: str, lang: str
) -> None:
    catalog, _ = bundled_coordinator()
    path, values, q = _answers_file(tmp_path, catalog, "coordinator", name, lang)
    expected = _expected(q, values, lang)
    assert bool(any(expected.values())) is (name != "varied")  # the patterns do what they say
    # content 3.0: two reversals per dimension, so "all 5" is caught as agreement tendency
    assert (expected["agree"] is not None) is (name in ("all 5", "mostly no-score, rest alike"))
    if name.startswith("mostly"):
        assert expected["same"] is None and expected["no score"] is not None

    done = run_cli("--lang", lang, "score", str(path), env={"COLUMNS": "100"})
    assert done.returncode == 0, done.stderr
    _assert_cautions(_flat(done.stdout), expected, lang, few=False)

    for suffix in ("md", "html"):
        out = tmp_path / f"report.{suffix}"
        done = run_cli("--lang", lang, "report", str(path), "-o", str(out))
        assert done.returncode == 0, done.stderr
        page = _flat(out.read_text(encoding="utf-8"))
        if suffix == "md":
            page = page.replace("\\", "")  # Markdown escapes
        _assert_cautions(page, expected, lang, few=False)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_rejected_situations_are_not_scored_and_the_report_says_why(
    tmp_path: Path, lang: str
) -> None:
    catalog, _ = bundled_coordinator()
    path, values, q = _answers_file(tmp_path, catalog, "coordinator", "all 1", lang)
    rejected = [i for i in q.items if i.reverse and i.premise and values.get(i.id) == 1]
    assert len(rejected) >= 3
    done = run_cli("--lang", lang, "score", str(path), "--format", "json")
    assert done.returncode == 0, done.stderr
    (result,) = json.loads(done.stdout)
    by_dimension = {d["id"]: d["premise_rejected"] for d in result["dimensions"]}
    for d in q.dimensions:
        assert by_dimension[d.id] == sum(1 for i in rejected if i.dimension == d.id), d.id
    out = tmp_path / "report.md"
    done = run_cli("--lang", lang, "report", str(path), "-o", str(out))
    assert done.returncode == 0, done.stderr
    page = _flat(out.read_text(encoding="utf-8")).replace("\\", "")
    note = {
        "de": "„{label}“ bei Aussagen, die mit einer Situation beginnen: {n} ×.",
        "en": "“{label}” to statements that begin with a situation: {n} ×.",
    }[lang]
    assert note.format(label=_label(q, 1, lang), n=len(rejected)) in page
    # the terminal summary says it too, as the report does
    done = run_cli("--lang", lang, "score", str(path), env={"COLUMNS": "100"})
    assert done.returncode == 0, done.stderr
    assert note.format(label=_label(q, 1, lang), n=len(rejected)) in _flat(done.stdout)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_rejecting_only_the_situations_one_never_met_is_still_agreement(
    tmp_path: Path, lang: str
) -> None:
    """Agreeing with everything except the reversals that begin with a situation (`premise`:
    „Wenn ein Konflikt … offen ausbricht …“) is agreement tendency: those rejections may only
    say that the situation never arose."""
    catalog, _ = bundled_coordinator()
    profile = catalog.profile("coordinator")
    q = catalog.questionnaire_of(profile)
    assert sum(i.premise for i in q.items) >= 2
    values: dict[str, int | str] = {
        i.id: 1 if i.premise else [4, 5][n % 2] for n, i in enumerate(q.items) if not i.condition
    }
    answers = new_answers(q, profile.id, Respondent(name="Erika", organisation=""), lang)
    path = tmp_path / "a.json"
    write_answers(path, answers.model_copy(update={"values": values, "status": "complete"}))
    expected = _expected(q, values, lang)
    assert expected["agree"] is not None and expected["same"] is None

    done = run_cli("--lang", lang, "score", str(path), env={"COLUMNS": "100"})
    assert done.returncode == 0, done.stderr
    _assert_cautions(_flat(done.stdout), expected, lang, few=False)


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("situations", [5, 1])
def test_agreeing_with_situations_counts_towards_agreement_and_rejecting_them_does_not(
    tmp_path: Path, situations: int, lang: str
) -> None:
    """Only the `premise` reversals answered on the scale, the others „kann ich nicht
    einschätzen“, the regular statements agreed with: agreeing with the situations is
    agreement with opposites and is judged so; rejecting them says nothing, so too few
    reversals are left to judge (docs/scoring.md §8)."""
    catalog, _ = bundled_coordinator()
    profile = catalog.profile("coordinator")
    q = catalog.questionnaire_of(profile)
    assert sum(i.premise for i in q.items) >= 4
    values: dict[str, int | str] = {
        i.id: (situations if i.premise else CANNOT_JUDGE) if i.reverse else [4, 5][n % 2]
        for n, i in enumerate(q.items)
        if not i.condition
    }
    answers = new_answers(q, profile.id, Respondent(name="Erika", organisation=""), lang)
    path = tmp_path / "a.json"
    write_answers(path, answers.model_copy(update={"values": values, "status": "complete"}))
    expected = _expected(q, values, lang)
    assert (expected["agree"] is not None) is (situations == 5)

    done = run_cli("--lang", lang, "score", str(path), env={"COLUMNS": "100"})
    assert done.returncode == 0, done.stderr
    _assert_cautions(_flat(done.stdout), expected, lang, few=False)


# --- agreement tendency on a questionnaire with a balanced set of reversals ----------------


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("name", ["all 5", "agrees with both", "consistent", "all 3"])
def test_agreement_tendency_with_enough_reversals(tmp_path: Path, name: str, lang: str) -> None:
    catalog = Catalog.load([STYLE])
    profile = catalog.profile("balanced-coordinator")
    q = catalog.questionnaire_of(profile)
    values = _answers(q, PATTERNS[name])
    answers = new_answers(q, profile.id, Respondent(name="Erika", organisation=""), lang)
    path = tmp_path / "a.json"
    write_answers(path, answers.model_copy(update={"values": values, "status": "complete"}))
    expected = _expected(q, values, lang)
    assert (expected["agree"] is not None) is (name in ("all 5", "agrees with both"))

    done = invoke("--data", str(STYLE), "--lang", lang, "score", str(path))
    assert done.returncode == 0, done.stderr
    _assert_cautions(_flat(done.stdout), expected, lang, few=False)


# --- batch: person reports and the cohort report -------------------------------------------


def _export(path: Path, q: Questionnaire, groups: list[tuple[str, int]]) -> None:
    """A survey export: `count` people per pattern, one row each."""
    items = [i.id for i in q.items]
    counter = itertools.count(1)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", *items])
        for name, count in groups:
            values = _answers(q, PATTERNS[name], na=False)
            for _ in range(count):
                writer.writerow([f"{name} {next(counter)}", *(values[i] for i in items)])


def _cohort_rows(page: str) -> dict[str, str]:
    section = page.split("## ")
    found = next(s for s in section if s.startswith(("How people answered", "Wie geantwortet")))
    rows = re.findall(r"^\| (.+?) \| (\S+) \|$", found.replace("\\", ""), flags=re.MULTILINE)
    return dict(rows[1:])  # Markdown escapes removed, the header row left out


@pytest.mark.parametrize("lang", ["de", "en"])
def test_batch_person_reports_and_cohort_counts(tmp_path: Path, lang: str) -> None:
    catalog = Catalog.load([STYLE])
    q = catalog.questionnaire("balanced")
    groups = [("all 5", 5), ("all 3", 5), ("agrees with both", 3), ("mostly no-score", 6)]
    groups.append(("consistent", 5))
    export = tmp_path / "export.csv"
    _export(export, q, groups)
    out = tmp_path / "out"
    done = invoke(
        "--data", str(STYLE), "--lang", lang, "batch", str(export), "--questionnaire",
        "balanced", "-o", str(out), "--reports", "md",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr

    rows = _cohort_rows((out / "cohort.md").read_text(encoding="utf-8"))
    labels = {
        "de": ("Aussagen und ihrem Gegenteil zugestimmt", "Fast überall dieselbe Antwort",
               "Viele Antworten ohne Wert"),
        "en": ("Agreed with statements and with their reversals",
               "The same answer on nearly every statement", "Many answers without a score"),
    }[lang]  # fmt: skip
    # all 5 agree with both kinds and answer alike; 3 people who agree with both is too few
    # to show alone, but they are in the counts they share with others
    assert rows == dict(zip(labels, ["8", "10", "6"], strict=True))

    reports = sorted((out / "reports").iterdir())
    assert len(reports) == sum(n for _, n in groups)
    t = TEXTS[lang]
    first, last = reports[0].read_text("utf-8"), reports[-1].read_text("utf-8")
    assert t["heading"] in first and t["agree"] in _flat(first.replace("\\", ""))
    assert t["heading"] not in last  # consistent


@pytest.mark.parametrize("lang", ["de", "en"])
def test_cohort_counts_the_rejected_situations_per_statement(tmp_path: Path, lang: str) -> None:
    """The pilot's question (docs/content.md): how often is a statement that begins with a
    situation answered „trifft nicht zu“? Six people reject everything, so each `premise`
    reversal is rejected six times; a statement without a situation shows no count."""
    _, q = bundled_coordinator()
    values = _answers(q, PATTERNS["all 1"], na=False)
    export = tmp_path / "export.csv"
    with export.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", *values])
        for n in range(6):
            writer.writerow([f"Person {n}", *values.values()])
    out = tmp_path / "out"
    done = invoke(
        "--lang", lang, "batch", str(export), "--questionnaire", q.id, "-o", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    page = (out / "cohort.md").read_text(encoding="utf-8").replace("\\", "")
    label = {"de": "Situation verneint", "en": "situation rejected"}[lang]
    table = page.split("\n| ")
    for item in q.items:
        if item.id not in values:
            continue
        row = next(r for r in table if r.startswith(f"**{item.id}**"))
        text = row.split("|")[0]  # the statement's cell: the count stands beside its text
        assert (f"({label}: 6)" in text) is item.premise, (item.id, row)
        assert text.count(label) == int(item.premise), (item.id, row)


def test_cohort_suppresses_small_counts_and_says_when_agreement_is_not_checked(
    tmp_path: Path,
) -> None:
    catalog = Catalog.load([STYLE])
    q = catalog.questionnaire("balanced")
    export = tmp_path / "export.csv"
    _export(export, q, [("all 3", 3), ("consistent", 4)])
    out = tmp_path / "out"
    done = invoke(
        "--data", str(STYLE), "--lang", "en", "batch", str(export), "--questionnaire",
        "balanced", "-o", str(out), "--reports", "md",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    rows = _cohort_rows((out / "cohort.md").read_text(encoding="utf-8"))
    assert rows["The same answer on nearly every statement"] == "<5"
    assert rows["Agreed with statements and with their reversals"] == "0"

    # the mini questionnaire has one reversal: agreement is not checked, and it says so
    export = tmp_path / "mini.jsonl"
    export.write_text(
        "".join(json.dumps({"name": f"P{n}", "A1": 5, "A2": 5, "B1": 5}) + "\n" for n in range(6)),
        encoding="utf-8",
    )
    out = tmp_path / "mini"
    done = invoke(
        "--data", str(MINI), "--lang", "en", "batch", str(export), "--questionnaire", "mini",
        "-o", str(out), "--reports", "md",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    page = (out / "cohort.md").read_text(encoding="utf-8")
    assert _cohort_rows(page)["Agreed with statements and with their reversals"] == "–"
    assert "too few reverse-keyed (oppositely worded) statements (1; at least 4" in _flat(page)


# --- no module on agreement alone (content 3.0, seventh read) ------------------------------


def _keyed(q: Questionnaire, item_id: str, value: int) -> int:
    item = next(i for i in q.items if i.id == item_id)
    low, high = q.scale.points[0].value, q.scale.points[-1].value
    return low + high - value if item.reverse else value


@pytest.mark.parametrize(
    ("name", "pattern"),
    [
        ("all 5", PATTERNS["all 5"]),
        ("all 4", lambda _n, _r: 4),
        ("agrees with both", PATTERNS["agrees with both"]),
        # the two regular trigger items low, everything else agreed with as the statement runs
        ("low on F6_01 and F6_09", None),
    ],
)
def test_no_leader_module_on_agreement_alone(tmp_path: Path, name: str, pattern) -> None:
    """`kollegiale-beratung-fuehrung` rested on two reversals of three items, so agreeing with
    everything sent a leader there. Its trigger is recomputed here from the profile and the
    answers: the module is recommended exactly when the keyed mean of its items is below it."""
    catalog = Catalog.load([])
    profile = catalog.profile_for_role("leader")
    q = catalog.questionnaire_of(profile)
    module = next(m for m in profile.modules if m.id == "kollegiale-beratung-fuehrung")
    trigger = module.trigger
    assert trigger.items and trigger.below is not None
    # a leader responsible for a coordinator's remit: the statements about the coordinator
    # (the trigger's items among them) are asked too (tenth read)
    context = {"remit": "auftrag"}
    if pattern is None:
        values = _answers(q, lambda _n, r: 2 if r else 4, context=context)  # consistent, competent
        regular = [i for i in trigger.items if not next(x for x in q.items if x.id == i).reverse]
        assert len(regular) >= 2  # the trigger rests on regular items
        values.update({i: 2 for i in regular})
    else:
        values = _answers(q, pattern, context=context)
    asked = [i for i in trigger.items if i in values]  # F6_20 is asked only without a remit
    mean = sum(_keyed(q, i, int(values[i])) for i in asked) / len(asked)
    fires = mean < trigger.below
    assert fires is (pattern is None), (name, mean)  # agreement alone never fires it

    recommended = _recommended(tmp_path, q, profile.id, values, context)
    assert (module.id in recommended) is fires, (name, sorted(recommended))


def _recommended(
    tmp_path: Path, q: Questionnaire, profile: str, values: dict, context: dict[str, str]
) -> set[str]:
    """The modules `score` recommends for these answers, read from its JSON."""
    answers = new_answers(q, profile, Respondent(name="Erika", organisation=""), "de")
    path = tmp_path / "a.json"
    update = {"values": values, "context": context, "status": "complete"}
    write_answers(path, answers.model_copy(update=update))
    done = run_cli("score", str(path), "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    result = data[0] if isinstance(data, list) else data
    return {r["module"] for r in result["recommendations"]}


@pytest.mark.parametrize("own_stance", [2, 4])
def test_a_leader_without_a_coordinator_can_be_sent_to_the_peer_format(
    tmp_path: Path, own_stance: int
) -> None:
    """Twenty-first read (a): the trigger of `kollegiale-beratung-fuehrung` rested only on
    statements about a coordinator, so a leader with `remit: keine` could never get it. A
    low answer on the regular item about their own stance (F1_08) now can."""
    catalog = Catalog.load([])
    profile = catalog.profile_for_role("leader")
    q = catalog.questionnaire_of(profile)
    module = next(m for m in profile.modules if m.id == "kollegiale-beratung-fuehrung")
    context = {"remit": "keine"}
    values = _answers(q, lambda _n, r: 2 if r else 4, context=context)
    asked = [i for i in (module.trigger.items or []) if i in values]
    assert asked and not any(next(x for x in q.items if x.id == i).reverse for i in asked)
    values.update({i: own_stance for i in asked})
    recommended = _recommended(tmp_path, q, profile.id, values, context)
    assert (module.id in recommended) is (own_stance < module.trigger.below), sorted(recommended)
