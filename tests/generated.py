"""Generated people, questionnaires and profiles for tests/test_one_truth.py, as plain dicts
(what an answers file and the YAML hold), never through netzkompetenz's models.

One generator, two sources of choices: `Seeded` (random.Random with a seed, for the fixed
cohorts that go through every entry path) and `Drawn` (a hypothesis `draw`, for the
property; hypothesis then shrinks a failure to a small case). `people` and `cases` are the
hypothesis strategies.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, TypeVar

import yaml
from hypothesis import strategies as st

from oracle import CANNOT_JUDGE, NOT_APPLICABLE

T = TypeVar("T")
TEXT = {"de": "Text", "en": "Text"}


class Choices(Protocol):
    def pick(self, options: Sequence[T]) -> T: ...
    def number(self, low: int, high: int) -> int: ...


class Seeded:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def pick(self, options: Sequence[T]) -> T:
        return self.rng.choice(list(options))

    def number(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)


class Drawn:
    def __init__(self, draw: Any) -> None:
        self.draw = draw

    def pick(self, options: Sequence[T]) -> T:
        return self.draw(st.sampled_from(list(options)))

    def number(self, low: int, high: int) -> int:
        return self.draw(st.integers(low, high))


# How a person tends to answer: the share of each kind of answer, so that a cohort holds
# low scores (gaps, triggers), high ones (targets reached), sparse answers (not enough
# answers), many "not applicable" and everything between.
TENDENCIES = {
    "low": ["low"] * 6 + ["any"] * 2 + [CANNOT_JUDGE, None],
    "high": ["high"] * 6 + ["any"] * 2 + [CANNOT_JUDGE, None],
    "mixed": ["any"] * 6 + [CANNOT_JUDGE, NOT_APPLICABLE, None],
    "sparse": ["any"] * 2 + [CANNOT_JUDGE] * 3 + [None] * 3 + [NOT_APPLICABLE],
    "not fitting": ["any"] * 3 + [NOT_APPLICABLE] * 4 + [CANNOT_JUDGE, None],
}


def scale_values(questionnaire: dict) -> list[int]:
    return [point["value"] for point in questionnaire["scale"]["points"]]


def person(choose: Choices, questionnaire: dict, number: int) -> dict:
    """One person: respondent fields, an answer (or none) for every item, asked or not (a
    survey export can hold answers to items that were not asked), and context answers."""
    values = scale_values(questionnaire)
    half = max(1, len(values) // 2)
    offers_not_applicable = "not_applicable" in questionnaire["scale"]
    tendency = TENDENCIES[choose.pick(sorted(TENDENCIES))]
    answers: dict[str, Any] = {}
    for item in questionnaire["items"]:
        kind = choose.pick(tendency)
        if kind == NOT_APPLICABLE and not offers_not_applicable:
            kind = CANNOT_JUDGE
        # "low" and "high" mean little or much of the competence: a reverse-keyed item is
        # answered the other way round
        if item.get("reverse") and kind in ("low", "high"):
            kind = "high" if kind == "low" else "low"
        if kind == "low":
            answers[item["id"]] = choose.pick(values[:half])
        elif kind == "high":
            answers[item["id"]] = choose.pick(values[-half:])
        elif kind == "any":
            answers[item["id"]] = choose.pick(values)
        elif kind is not None:
            answers[item["id"]] = kind
    context = {}
    for question in questionnaire.get("context") or []:
        option = choose.pick([None, *(o["id"] for o in question["options"])])
        if option is not None:
            context[question["id"]] = option
    return {
        "name": f"Person {number:03d}",
        "organisation": choose.pick(["Stadt Musterstadt", "Kreis Beispiel", "Träger Nord"]),
        "tandem": "",
        "values": answers,
        "context": context,
    }


def cohort(choose: Choices, questionnaire: dict, size: int) -> list[dict]:
    return [person(choose, questionnaire, n) for n in range(1, size + 1)]


class _Plain(yaml.SafeDumper):
    """Writes a shared dict out in full: the strict YAML reader refuses aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def write_content(folder: Path, questionnaire: dict, profile: dict) -> Path:
    """The questionnaire and profile as YAML files in a `--data` folder."""
    for kind, doc in (("questionnaires", questionnaire), ("profiles", profile)):
        (folder / kind).mkdir(parents=True, exist_ok=True)
        text = yaml.dump(doc, Dumper=_Plain, allow_unicode=True, sort_keys=False)
        (folder / kind / f"{doc['id']}.yaml").write_text(text, encoding="utf-8")
    return folder


# --- small questionnaires and their profiles ------------------------------------------------


def questionnaire(choose: Choices, name: str = "gen") -> dict:
    """A valid v2 questionnaire: a scale of 3–7 or 11 points, context questions, item and context
    conditions, reverse keys, weights, "not applicable" (most of the time)."""
    low = choose.pick([0, 1, 1, 1])
    points = [
        {"value": v, "code": f"A{n}", "label": {"de": f"Stufe {v}", "en": f"level {v}"}}
        for n, v in enumerate(range(low, low + choose.pick([3, 4, 5, 5, 6, 7, 11])), 1)
    ]
    scale: dict[str, Any] = {"points": points, "cannot_judge": {"de": "weiß nicht", "en": "?"}}
    if choose.pick([True, True, False]):
        scale["not_applicable"] = {"de": "passt nicht", "en": "does not fit"}
    context = [
        {
            "id": f"c{n}",
            "text": {"de": f"Kontext {n}?", "en": f"Context {n}?"},
            "options": [
                {"id": f"o{k}", "label": {"de": f"Option {n}.{k}", "en": f"option {n}.{k}"}}
                for k in range(1, choose.number(2, 3) + 1)
            ],
        }
        for n in range(1, choose.number(1, 2) + 1)
    ]
    dimensions: list[dict] = []
    items: list[dict] = []
    for d in range(1, choose.number(2, 3) + 1):
        dimensions.append(
            {
                "id": f"D{d}",
                "title": {"de": f"Bereich {d}", "en": f"Area {d}"},
                "description": TEXT,
            }
        )
        for k in range(1, choose.number(2, 5) + 1):
            item: dict[str, Any] = {
                "id": f"D{d}_{k}",
                "dimension": f"D{d}",
                "kind": "skill",
                "text": {"de": f"Aussage {d}.{k}", "en": f"Statement {d}.{k}"},
            }
            if choose.pick([False, False, True]):
                item["reverse"] = True
            weight = choose.pick([1, 1, 1, 0.5, 1.5, 2])
            if weight != 1:
                item["weight"] = weight
            condition = choose.pick(["none", "none", "none", "item", "context"])
            if condition == "item" and items:
                earlier = choose.pick(items)
                a = choose.pick(points[:-1])["value"]
                b = choose.pick([p["value"] for p in points if p["value"] >= a])
                bounds = choose.pick(["min", "max", "both"])
                item["condition"] = {"item": earlier["id"]}
                if bounds != "max":
                    item["condition"]["min"] = a
                if bounds != "min":
                    item["condition"]["max"] = b
            elif condition == "context":
                question = choose.pick(context)
                options = [o["id"] for o in question["options"]]
                chosen = [o for o in options if choose.pick([True, False])] or options[:1]
                item["condition"] = {"context": question["id"], "in": chosen}
            items.append(item)
    return {
        "kind": "questionnaire",
        "id": name,
        "version": "2.0",
        "languages": ["de", "en"],
        "title": {"de": "Generiert", "en": "Generated"},
        "scale": scale,
        "min_coverage": choose.pick([0.25, 0.5, 0.5, 0.6, 0.75, 1.0]),
        # never more than a dimension has items (validate rejects that)
        "min_answered": min(
            [choose.pick([1, 1, 2, 3])]
            + [sum(i["dimension"] == d["id"] for i in items) for d in dimensions]
        ),
        "context": context,
        "dimensions": dimensions,
        "items": items,
    }


def profile(choose: Choices, q: dict) -> dict:
    """A valid v2 profile for q: targets, three level bands, a dimension trigger per
    dimension (any), one over all dimensions (all), item triggers, priorities,
    prerequisites (sometimes two) and sometimes a cap."""
    dims = [d["id"] for d in q["dimensions"]]
    targets = {d: choose.pick([0, 40, 50, 60, 70, 75, 80, 90, 100]) for d in dims}
    cut = sorted({choose.number(10, 45), choose.number(50, 90)})
    edges = [0, *cut, 100]
    levels = [
        {
            "id": f"L{n}",
            "from": edges[n],
            "to": edges[n + 1],
            "label": {"de": f"Stufe {n}", "en": f"Level {n}"},
            "description": TEXT,
        }
        for n in range(len(edges) - 1)
    ]
    modules: list[dict] = []
    seen: set[tuple] = set()

    def add(dimensions: list[str], trigger: dict) -> None:
        key = (tuple(dimensions), tuple(sorted((k, str(v)) for k, v in trigger.items())))
        if key in seen:  # a v2 profile may not hold two modules with the same trigger
            return
        seen.add(key)
        module = {
            "id": f"m{len(modules) + 1}",
            "title": {"de": f"Modul {len(modules) + 1}", "en": f"Module {len(modules) + 1}"},
            "content": TEXT,
            "format": "online",
            "duration_days": 1,
            "target_group": TEXT,
            "dimensions": dimensions,
            "trigger": trigger,
            "priority": choose.pick([1, 2, 2, 3]),
        }
        earlier = [m["id"] for m in modules]  # only earlier ones: never a cycle
        if earlier and choose.pick([False, True]):
            module["prerequisites"] = sorted(
                {choose.pick(earlier) for _ in range(choose.number(1, 2))}
            )
        modules.append(module)

    for d in dims:
        if targets[d] > 0:  # a min_gap above the target could never be reached
            add([d], {"min_gap": choose.number(1, min(targets[d], 30))})
    if min(targets.values()) > 0:
        add(dims, {"min_gap": choose.number(1, min(min(targets.values()), 20)), "match": "all"})
    values = [p["value"] for p in q["scale"]["points"]]
    for _ in range(choose.number(1, 3)):
        listed = sorted({choose.pick(q["items"])["id"] for _ in range(choose.number(1, 3))})
        below = choose.pick([*values[1:], *(v + 0.5 for v in values[:-1])])
        first = next(i["dimension"] for i in q["items"] if i["id"] == listed[0])
        add([first], {"items": listed, "below": below})
    result = {
        "kind": "profile",
        "id": f"{q['id']}-p",
        "role": "coordinator",
        "questionnaire": q["id"],
        "title": {"de": "Profil", "en": "Profile"},
        "description": TEXT,
        "targets": targets,
        "levels": levels,
        "modules": modules,
    }
    cap = choose.pick([None, None, 1, 2, 3])
    if cap is not None:
        result["max_recommendations"] = cap
        also = choose.pick([None, 0, 1, 3])
        if also is not None:
            result["max_also_possible"] = also
    return result


@st.composite
def cases(draw: Any, size: int = 3) -> tuple[dict, dict, list[dict]]:
    """A generated questionnaire, its profile and a few people (hypothesis)."""
    choose = Drawn(draw)
    q = questionnaire(choose)
    return q, profile(choose, q), cohort(choose, q, draw(st.integers(1, size)))


@st.composite
def people(draw: Any, questionnaire: dict, size: int = 5) -> list[dict]:
    """People for a given questionnaire (hypothesis)."""
    return cohort(Drawn(draw), questionnaire, draw(st.integers(1, size)))
