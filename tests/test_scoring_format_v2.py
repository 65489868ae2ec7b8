"""Format v2 checks of the model (docs/format.md): each broken variant of the golden v2
questionnaire and profile (tests/data/scoring) gives its problem at the right place, and the
v1 files keep loading unchanged."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from netzkompetenz import i18n
from netzkompetenz.core.model import Profile, Questionnaire
from netzkompetenz.core.model_checks import (
    semantic_problems_profile,
    semantic_problems_questionnaire,
)
from netzkompetenz.io.catalog import Catalog


@pytest.fixture(autouse=True)
def english():
    """The messages below are compared in English (their message ids)."""
    i18n.set_language("en")


DATA = Path(__file__).resolve().parent / "data" / "scoring"
Q = yaml.safe_load((DATA / "questionnaires" / "golden.yaml").read_text(encoding="utf-8"))
P = yaml.safe_load((DATA / "profiles" / "golden.yaml").read_text(encoding="utf-8"))


def q_problems(change) -> list:
    doc = copy.deepcopy(Q)
    change(doc)
    return semantic_problems_questionnaire(Questionnaire.model_validate(doc))


def p_problems(change, q_change=None) -> list:
    doc, qdoc = copy.deepcopy(P), copy.deepcopy(Q)
    change(doc)
    if q_change:
        q_change(qdoc)
    return semantic_problems_profile(
        Profile.model_validate(doc), Questionnaire.model_validate(qdoc)
    )


def test_the_golden_v2_files_are_valid():
    assert q_problems(lambda d: None) == []
    assert p_problems(lambda d: None) == []


# Content hashes of the 1.0 questionnaires as shipped before content 2.0: answers files given
# to 1.0 carry them, so the archived files must keep them.
V1_HASHES = {"netzwerkkoordination": "e8488e30140325bc", "netzwerkmanagement": "4860048975772955"}


def test_bundled_v1_files_stay_valid_and_keep_their_hash():
    catalog = Catalog.load([])  # the loader runs every check, archive/ included
    for qid, expected in V1_HASHES.items():
        q = catalog.questionnaire(qid, "1.0")  # from questionnaires/archive/
        assert q.version == "1.0" and catalog.current_version(q) == "3.0"
        assert q.content_hash() == expected, qid
        dumped = q.model_dump()  # v1 files use no v2 key (and unused keys stay out)
        assert "context" not in dumped and "framework" not in dumped
        assert all("pair" not in i for i in dumped["items"])
        assert q.scale.not_applicable is None
        assert (
            catalog.profile_for(
                q.id.replace("netzwerkkoordination", "coordinator").replace(
                    "netzwerkmanagement", "leader"
                ),
                q,
            ).anchors
            is None
        )


QUESTIONNAIRE_CASES = {
    "pair used twice": (
        lambda d: d["items"][3].update(pair="P1"),
        ("items", 3, "pair"),
        "pair 'P1' is already on item 'A2'",
    ),
    "unknown context question": (
        lambda d: d["items"][2]["condition"].update(context="arbeitgeber"),
        ("items", 2, "condition", "context"),
        "unknown context question 'arbeitgeber'",
    ),
    "unknown option": (
        lambda d: d["items"][2]["condition"].update({"in": ["kirche"]}),
        ("items", 2, "condition", "in", 0),
        "'kirche' is not an option",
    ),
    "context with min": (
        lambda d: d["items"][2]["condition"].update(min=2),
        ("items", 2, "condition"),
        "takes 'in' (options), not min/max",
    ),
    "condition on nothing": (
        lambda d: d["items"][2].update(condition={"min": 2}),
        ("items", 2, "condition"),
        "needs 'item'",
    ),
    "n/a code without label": (
        lambda d: d["scale"].pop("not_applicable"),
        ("scale", "codes", "not_applicable"),
        "needs scale.not_appl",
    ),
    "code of a point": (
        lambda d: d["scale"]["codes"].update(cannot_judge="a1"),
        ("scale", "codes", "cannot_judge"),
        "already the code of point 1",
    ),
    "duplicate option": (
        lambda d: d["context"][0]["options"].append(copy.deepcopy(d["context"][0]["options"][0])),
        ("context", 0, "options", 2, "id"),
        "duplicate option 'verwaltung'",
    ),
    "reflection translation": (
        lambda d: d["dimensions"][0]["reflection"].pop("en"),
        ("dimensions", 0, "reflection"),
        "missing translation 'en'",
    ),
}


@pytest.mark.parametrize("name", QUESTIONNAIRE_CASES)
def test_questionnaire_problems(name):
    change, loc, message = QUESTIONNAIRE_CASES[name]
    problems = q_problems(change)
    assert any(at == loc and message in text for at, text in problems), problems


PROFILE_CASES = {
    "same trigger": (
        lambda d: d["modules"][1].update(dimensions=["A"], trigger={"min_gap": 10}),
        ("modules", 1, "trigger"),
        "same trigger as module 'basics'",
    ),
    "same item trigger": (
        lambda d: d["modules"][3].update(trigger={"items": ["B1", "A2"], "below": 3}),
        ("modules", 3, "trigger"),
        "same trigger as module 'peer-conflict'",
    ),
    "unknown trigger item": (
        lambda d: d["modules"][2]["trigger"].update(items=["A9"]),
        ("modules", 2, "trigger", "items", 0),
        "'A9' is not an item",
    ),
    "below at the bottom": (
        lambda d: d["modules"][2]["trigger"].update(below=1),
        ("modules", 2, "trigger", "below"),
        "can never be recommended",
    ),
    "both triggers": (
        lambda d: d["modules"][2]["trigger"].update(min_gap=5),
        ("modules", 2, "trigger"),
        "not both",
    ),
    "items without below": (
        lambda d: d["modules"][2]["trigger"].pop("below"),
        ("modules", 2, "trigger"),
        "needs 'below'",
    ),
    "unknown alternative": (
        lambda d: d["modules"][1].update(alternatives=["peer"]),
        ("modules", 1, "alternatives", 0),
        "unknown module 'peer'",
    ),
    "anchor missing": (
        lambda d: d["anchors"]["B"].pop("expert"),
        ("anchors", "B", "<key>"),
        "no anchor for level 'expert'",
    ),
    "anchor on unknown level": (
        lambda d: d["anchors"]["A"].update(meister={"de": "x", "en": "x"}),
        ("anchors", "A", "meister", "<key>"),
        "unknown level",
    ),
    "dimension without anchors": (
        lambda d: d["anchors"].pop("A"),
        ("anchors", "<key>"),
        "no anchors for dimension 'A'",
    ),
}


@pytest.mark.parametrize("name", PROFILE_CASES)
def test_profile_problems(name):
    change, loc, message = PROFILE_CASES[name]
    problems = p_problems(change)
    assert any(at == loc and message in text for at, text in problems), problems


def test_same_trigger_is_allowed_in_a_v1_profile():
    """The bundled v1 coordinator profile has two K6 modules with one trigger; v1 profiles
    keep loading until the content moves to v2."""

    def v1_with_twins(d):
        for key in ("anchors", "max_recommendations", "max_also_possible"):
            d.pop(key, None)
        d["modules"] = [m for m in d["modules"] if "items" not in m["trigger"]]
        for m in d["modules"]:
            m.pop("kind", None)
            m.pop("alternatives", None)
        d["modules"][1].update(dimensions=["A"], trigger={"min_gap": 10})

    assert p_problems(v1_with_twins) == []
