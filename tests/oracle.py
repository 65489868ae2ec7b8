"""A deliberately naive reference scorer, written from docs/scoring.md alone.

It shares no code with src/: it imports nothing of netzkompetenz (tests/test_one_truth.py
checks this), reads the questionnaire and profile YAML itself and uses plain dicts and loops.
Its result has the shape of one object of `score --format json` (docs/scoring.md §7), with
unrounded numbers; the tests compare it with what every entry path gives. It computes with
exact fractions, so that it states the rules' mathematics: two gaps that are equal are
equal here, whatever order of operations the program's floating point takes.

Where docs/scoring.md left a choice open (the order of several prerequisites, of reasons
with equal gaps), the page now says it; the oracle was written with those readings first
and the program agreed.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import yaml

CANNOT_JUDGE = "cannot_judge"
NOT_APPLICABLE = "not_applicable"


def load_yaml(path: Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def exact(number: Any) -> Fraction:
    """A number from the YAML as the decimal it was written as (0.6 is 3/5)."""
    return Fraction(str(number))


def as_floats(value: Any) -> Any:
    """The result with its fractions as the floats JSON carries."""
    if isinstance(value, Fraction):
        return float(value)
    if isinstance(value, dict):
        return {k: as_floats(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_floats(v) for v in value]
    return value


def is_scale_value(answer: Any) -> bool:
    # a scale value is a whole number; the two no-score answers are strings
    return isinstance(answer, int) and not isinstance(answer, bool)


class Oracle:
    """One questionnaire with one profile (both as loaded from their YAML)."""

    def __init__(self, questionnaire: dict[str, Any], profile: dict[str, Any]) -> None:
        self.q = questionnaire
        self.p = profile
        values = [point["value"] for point in questionnaire["scale"]["points"]]
        self.low = min(values)
        self.high = max(values)
        self.min_coverage = exact(questionnaire.get("min_coverage", 0.5))
        self.min_answered = questionnaire.get("min_answered", 1)
        self.items = questionnaire["items"]

    # §1 which items count ----------------------------------------------------------------

    def asked_items(self, values: dict[str, Any], context: dict[str, str]) -> list[dict]:
        asked: list[dict] = []
        asked_ids: set[str] = set()
        for item in self.items:  # conditions refer to earlier items: one pass decides
            condition = item.get("condition")
            if condition is None:
                is_asked = True
            elif "context" in condition:
                is_asked = context.get(condition["context"]) in condition["in"]
            else:
                other = condition["item"]
                answer = values.get(other)
                is_asked = (
                    other in asked_ids
                    and is_scale_value(answer)
                    and ("min" not in condition or answer >= condition["min"])
                    and ("max" not in condition or answer <= condition["max"])
                )
            if is_asked:
                asked.append(item)
                asked_ids.add(item["id"])
        return asked

    # §2 item scores ----------------------------------------------------------------------

    def premise_rejected(self, item: dict, answer: Any) -> bool:
        # a reversal beginning with a situation, answered at the bottom of the scale: the
        # situation may never have arisen, so the answer is not scored
        return bool(item.get("premise") and item.get("reverse")) and answer == self.low

    def scored_answer(self, item: dict, answer: Any) -> bool:
        return is_scale_value(answer) and not self.premise_rejected(item, answer)

    def item_score(self, item: dict, answer: int) -> int:
        if item.get("reverse", False):
            return self.low + self.high - answer
        return answer

    def percent_of(self, weighted_sum: Fraction, weight_total: Fraction) -> Fraction:
        return (
            (weighted_sum - self.low * weight_total) * 100 / (weight_total * (self.high - self.low))
        )

    # §3 dimension score ------------------------------------------------------------------

    def level_of(self, percent: Fraction) -> str:
        bands = self.p["levels"]
        for band in bands:
            if exact(band["from"]) <= percent < exact(band["to"]):
                return band["id"]
        return bands[-1]["id"]  # the last band includes 100

    def dimension(self, dim_id: str, asked: list[dict], values: dict[str, Any]) -> dict:
        answered = applicable = cannot_judge = not_applicable = premise_rejected = 0
        weighted_sum = Fraction(0)
        weight_total = Fraction(0)
        for item in asked:
            if item["dimension"] != dim_id:
                continue
            answer = values.get(item["id"])
            if answer == NOT_APPLICABLE:
                not_applicable += 1
                continue
            if is_scale_value(answer) and self.premise_rejected(item, answer):
                premise_rejected += 1
                continue
            applicable += 1
            if answer == CANNOT_JUDGE:
                cannot_judge += 1
            elif is_scale_value(answer):
                answered += 1
                weight = exact(item.get("weight", 1))
                weighted_sum += weight * self.item_score(item, answer)
                weight_total += weight
        target = exact(self.p["targets"][dim_id])
        enough = (
            answered >= 1
            and answered >= self.min_answered
            and Fraction(answered, applicable) >= self.min_coverage
        )
        result = {
            "id": dim_id,
            "mean": None,
            "percent": None,
            "answered": answered,
            "applicable": applicable,
            "cannot_judge": cannot_judge,
            "not_applicable": not_applicable,
            "premise_rejected": premise_rejected,
            "enough_answers": enough,
            "level": None,
            "target": target,
            "gap": None,
        }
        if enough:
            percent = self.percent_of(weighted_sum, weight_total)
            result["mean"] = weighted_sum / weight_total
            result["percent"] = percent
            result["level"] = self.level_of(percent)
            result["gap"] = target - percent
        return result

    # §4 recommended modules --------------------------------------------------------------

    def low_items(self, dim: dict, asked: list[dict], values: dict[str, Any]) -> list[str]:
        """The answered items of the dimension scored below its target on the item scale."""
        line = self.low + dim["target"] / 100 * (self.high - self.low)
        found = []
        for item in asked:
            answer = values.get(item["id"])
            if item["dimension"] == dim["id"] and self.scored_answer(item, answer):
                score = self.item_score(item, answer)
                if score < line:
                    found.append((score, item["id"]))
        return [item_id for _score, item_id in sorted(found)]

    def dimension_reasons(
        self, module: dict, dims: dict[str, dict], asked: list[dict], values: dict[str, Any]
    ) -> list[dict]:
        trigger = module["trigger"]
        hits = []
        for dim_id in module["dimensions"]:
            dim = dims[dim_id]
            if dim["enough_answers"] and dim["gap"] >= exact(trigger["min_gap"]):
                hits.append(dim)
        if not hits:
            return []
        if trigger.get("match", "any") == "all" and len(hits) < len(module["dimensions"]):
            return []
        # equal gaps keep the order of the module's `dimensions` (a stable sort)
        hits.sort(key=lambda dim: -dim["gap"])
        return [
            {
                "dimension": dim["id"],
                "percent": dim["percent"],
                "target": dim["target"],
                "gap": dim["gap"],
                "items": self.low_items(dim, asked, values),
            }
            for dim in hits
        ]

    def item_reason(
        self, module: dict, dims: dict[str, dict], asked: list[dict], values: dict[str, Any]
    ) -> list[dict]:
        trigger = module["trigger"]
        asked_ids = {item["id"] for item in asked}
        scores = []
        for item in self.items:
            # an answer in a dimension with "not enough answers" counts for no trigger
            counted = dims[item["dimension"]]["enough_answers"]
            if item["id"] in trigger["items"] and item["id"] in asked_ids and counted:
                answer = values.get(item["id"])
                if self.scored_answer(item, answer):
                    scores.append((self.item_score(item, answer), item["id"]))
        # two answered statements at least, or the one a trigger lists (docs/scoring.md §4)
        if not scores or len(scores) < min(2, len(trigger["items"])):
            return []
        total = Fraction(sum(score for score, _ in scores))
        mean = total / len(scores)  # plain mean: weights play no part here
        below = exact(trigger["below"])
        if not mean < below:
            return []
        percent = self.percent_of(total, Fraction(len(scores)))
        target = (below - self.low) / (self.high - self.low) * 100
        return [
            {
                "dimension": None,
                "percent": percent,
                "target": target,
                "gap": target - percent,
                "items": [item_id for _score, item_id in sorted(scores)],
                "mean": mean,
                "below": below,
            }
        ]

    def recommendations(
        self, dims: dict[str, dict], asked: list[dict], values: dict[str, Any]
    ) -> list[dict]:
        found = {}
        for module in self.p.get("modules") or []:
            if "items" in module["trigger"]:
                reasons = self.item_reason(module, dims, asked, values)
            else:
                reasons = self.dimension_reasons(module, dims, asked, values)
            if reasons:
                found[module["id"]] = (module, reasons)

        authored = [module["id"] for module in self.p.get("modules") or []]

        def rank(module_id: str) -> tuple:
            # largest gap, then priority, then where the profile lists it; never the id
            module, reasons = found[module_id]
            largest = max(reason["gap"] for reason in reasons)
            return (-largest, module.get("priority", 2), authored.index(module_id))

        order: list[str] = []

        def place(module_id: str) -> None:
            # recommended prerequisites go before the module in the order it lists them, each
            # preceded by its own recommended ones; one that is not recommended moves nothing
            for before in found[module_id][0].get("prerequisites") or []:
                if before in found and before not in order:
                    place(before)
            if module_id not in order:
                order.append(module_id)

        for module_id in sorted(found, key=rank):
            place(module_id)
        cap = self.p.get("max_recommendations")
        also = self.p.get("max_also_possible")
        if cap is not None and also is not None:
            order = order[: cap + also]  # at most `also` modules after the most important
        return [
            {
                "module": module_id,
                "priority": found[module_id][0].get("priority", 2),
                "prerequisites": list(found[module_id][0].get("prerequisites") or []),
                "most_important": cap is None or n < cap,
                "reasons": found[module_id][1],
            }
            for n, module_id in enumerate(order)
        ]

    # the whole result ---------------------------------------------------------------------

    def score(self, values: dict[str, Any], context: dict[str, str] | None = None) -> dict:
        asked = self.asked_items(values, context or {})
        dims = {d["id"]: self.dimension(d["id"], asked, values) for d in self.q["dimensions"]}
        return as_floats(
            {
                "questionnaire": {"id": self.q["id"], "version": str(self.q["version"])},
                "profile": {"id": self.p["id"], "role": self.p["role"]},
                "dimensions": [dims[d["id"]] for d in self.q["dimensions"]],
                "recommendations": self.recommendations(dims, asked, values),
            }
        )


def is_number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def differences(got: dict, want: dict, where: str = "") -> list[str]:
    """Where a result as `score --format json` writes it (numbers rounded to 4 decimals)
    differs from the oracle's exact one: a number agrees when it is a correct rounding."""
    found: list[str] = []
    if isinstance(want, dict):
        if not isinstance(got, dict):
            return [f"{where}: {got!r} != {want!r}"]
        for key, value in want.items():
            found += differences(got.get(key, "<missing>"), value, f"{where}.{key}")
    elif isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            return [f"{where}: {got!r} != {want!r}"]
        for n, (a, b) in enumerate(zip(got, want, strict=True)):
            found += differences(a, b, f"{where}[{n}]")
    elif is_number(want) and is_number(got):
        if abs(got - want) > 0.00005 + 1e-9:
            found.append(f"{where}: {got!r} != {want!r}")
    elif got != want or type(got) is not type(want):
        found.append(f"{where}: {got!r} != {want!r}")
    return found
