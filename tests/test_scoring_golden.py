"""Golden cases (tests/data/scoring/cases.yaml, worked out by hand from docs/scoring.md) run
against every scoring path: scoring.score and its Result, the matrix scorer on many rows at
once (in two orders), the JSON writer, `score --format json` and `batch`."""

from __future__ import annotations

import csv
import json
from dataclasses import asdict
from pathlib import Path

import numpy as np
import pytest
import yaml

from helpers import MINI, read_csv, run_cli
from netzkompetenz.core.answers import Respondent, check_values
from netzkompetenz.core.matrix import MatrixScorer
from netzkompetenz.core.scoring import Result, score
from netzkompetenz.io.answers_file import new_answers, write_answers
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.io.resultjson import result_lines, result_to_dict

DATA = Path(__file__).resolve().parent / "data" / "scoring"
CASES = yaml.safe_load((DATA / "cases.yaml").read_text(encoding="utf-8"))
DATA_DIRS = {
    "golden-coordinator": DATA,
    "golden-ties": DATA,
    "golden-three": DATA,
    "mini-coordinator": MINI,
}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load([DATA, MINI])


def checked(catalog: Catalog, case: dict) -> tuple:
    profile = catalog.profile(case["profile"])
    questionnaire = catalog.questionnaire_of(profile)
    values, problems = check_values(questionnaire, case["answers"])
    assert problems == []
    return questionnaire, profile, values, case.get("context") or {}


def expected_json(catalog: Catalog, case: dict) -> dict:
    profile = catalog.profile(case["profile"])
    questionnaire = catalog.questionnaire_of(profile)
    return {
        "questionnaire": {"id": questionnaire.id, "version": questionnaire.version},
        "profile": {"id": profile.id, "role": profile.role},
        **case["expected"],
    }


def as_json_shape(result: Result) -> dict:
    """The Result dataclasses in the JSON's terms, rounded as the JSON rounds: a check of
    scoring.result_of that does not go through the JSON writer."""

    def num(x):
        return None if x is None else round(x, 4)

    important = {r.module for r in result.important}
    return {
        "questionnaire": {"id": result.questionnaire, "version": result.questionnaire_version},
        "profile": {"id": result.profile, "role": result.role},
        "dimensions": [
            {
                "id": d.dimension,
                "mean": num(d.mean),
                "percent": num(d.percent),
                "answered": d.answered,
                "applicable": d.applicable,
                "cannot_judge": d.cannot_judge,
                "not_applicable": d.not_applicable,
                "premise_rejected": d.premise_rejected,
                "enough_answers": d.enough,
                "level": d.level,
                "target": d.target,
                "gap": num(d.gap),
            }
            for d in result.dimensions
        ],
        "recommendations": [
            {
                "module": r.module,
                "priority": r.priority,
                "prerequisites": list(r.prerequisites),
                "most_important": r.module in important,
                "reasons": [
                    {
                        **{
                            k: num(v) if isinstance(v, float) else v
                            for k, v in asdict(x).items()
                            if k not in ("mean", "below")
                        },
                        "items": list(x.items),
                        **({"mean": num(x.mean), "below": x.below} if x.on_items else {}),
                    }
                    for x in r.reasons
                ],
            }
            for r in result.recommendations
        ],
    }


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_score_gives_the_golden_result(catalog, case):
    q, p, values, context = checked(catalog, case)
    result = score(q, p, values, context)
    assert result_to_dict(result) == expected_json(catalog, case)
    assert as_json_shape(result) == expected_json(catalog, case)


@pytest.mark.parametrize("profile_id", sorted(DATA_DIRS))
def test_matrix_of_all_cases_gives_the_golden_results(catalog, profile_id):
    cases = [c for c in CASES if c["profile"] == profile_id]
    q, p, _, _ = checked(catalog, cases[0])
    scorer = MatrixScorer(q, p)
    codes = np.vstack([scorer.encode(checked(catalog, c)[2]) for c in cases])
    context = np.vstack([scorer.encode_context(c.get("context")) for c in cases])
    for order in (list(range(len(cases))), list(reversed(range(len(cases))))):
        scores = scorer.score(codes[order], context[order])
        lines = result_lines(scores, [f'{{"case": {n}, ' for n in order])
        for line, n in zip(lines, order, strict=True):
            assert json.loads(line) == {"case": n, **expected_json(catalog, cases[n])}


def test_score_command_gives_the_golden_results(catalog, tmp_path):
    for profile_id, data in DATA_DIRS.items():
        cases = [c for c in CASES if c["profile"] == profile_id]
        paths = []
        for n, case in enumerate(cases):
            q, p, values, context = checked(catalog, case)
            answers = new_answers(q, p.id, Respondent(name=f"case {n}"), "de")
            answers.values, answers.context, answers.status = values, context, "complete"
            paths.append(tmp_path / f"{profile_id}-{n}.json")
            write_answers(paths[-1], answers)
        proc = run_cli("--data", str(data), "score", *map(str, paths), "--format", "json")
        assert proc.returncode == 0, proc.stderr
        for person, case in zip(json.loads(proc.stdout), cases, strict=True):
            shown = {
                k: v
                for k, v in person.items()
                if k not in ("file", "language", "respondent", "status", "updated")
            }
            assert untitled(shown) == expected_json(catalog, case), case["name"]


def untitled(value):
    """score's JSON without the titles beside the ids (tests/test_scoring.py checks them)."""
    if isinstance(value, dict):
        return {k: untitled(v) for k, v in value.items() if k not in ("title", "level_title")}
    if isinstance(value, list):
        return [untitled(v) for v in value]
    return value


def test_batch_gives_the_golden_results(catalog, tmp_path):
    """Every case through a survey export, its context answers in the context columns."""
    for profile_id, data in DATA_DIRS.items():
        cases = [c for c in CASES if c["profile"] == profile_id]
        q = catalog.questionnaire_of(catalog.profile(profile_id))
        context_ids = [c.id for c in q.context]
        export = tmp_path / f"{profile_id}.csv"
        with export.open("w", newline="", encoding="utf-8") as handle:
            out = csv.writer(handle)
            out.writerow(["Name", *context_ids] + [i.id for i in q.items])
            for n, case in enumerate(cases):
                context = case.get("context") or {}
                out.writerow(
                    [f"case {n}", *(context.get(c, "") for c in context_ids)]
                    + [case["answers"].get(i.id, "") for i in q.items]
                )
        out_dir = tmp_path / f"out-{profile_id}"
        proc = run_cli(
            "--data",
            str(data),
            "batch",
            str(export),
            "--questionnaire",
            q.id,
            "--profile",
            profile_id,
            "-o",
            str(out_dir),
            "--reports",
            "none",
            "--outputs",
            "jsonl",
        )
        # an answer to an item asked only for some context, in a row without that context
        # answer, cannot be placed: listed in rejected.csv, the row scored without it
        unplaced = [
            (str(n + 2), i.id)
            for n, case in enumerate(cases)
            for i in q.items
            if i.condition
            and i.condition.context
            and i.condition.context not in (case.get("context") or {})
            and i.id in case["answers"]
        ]
        assert proc.returncode == (1 if unplaced else 0), proc.stderr
        rejected = read_csv(out_dir / "rejected.csv")
        assert [(r["row"], r["column"]) for r in rejected] == unplaced
        lines = (out_dir / "results.jsonl").read_text(encoding="utf-8").splitlines()
        assert len(lines) == len(cases) > 0
        for line, case in zip(lines, cases, strict=True):
            person = json.loads(line)
            shown = {
                k: v
                for k, v in person.items()
                if k not in ("file", "row", "respondent", "status", "updated")
            }
            assert shown == expected_json(catalog, case), case["name"]
