"""Real LimeSurvey 6.4.2 response exports of the bundled surveys, batch-scored without a
mapping file and checked against the answers typed in (tests/fixtures/limesurvey-6.4.2/,
README.md there says how each file was exported).

The expected scores are recomputed here from truth.json and the questionnaire's YAML by
docs/scoring.md, written out plainly: nothing of the package's scoring is used, so a rule
that batch gets wrong (e.g. context conditions) shows up as a difference."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest
import yaml

from helpers import FIXTURES, ROOT, read_csv, run_cli

DATA = FIXTURES / "limesurvey-6.4.2"
TRUTH = json.loads((DATA / "truth.json").read_text(encoding="utf-8"))
INCOMPLETE = {"11", "22"}  # no submitdate in either survey

# file -> (questionnaire, CSV delimiter or None for XLSX)
EXPORTS = {
    "nk_csv_code_short_de.csv": ("netzwerkkoordination", ","),
    "nk_csv_DEFAULTS.csv": ("netzwerkkoordination", ","),
    "nm_xls_codetext_long_de.xlsx": ("netzwerkmanagement", None),
    "rpc_nk_csv_codetext_long.csv": ("netzwerkkoordination", ";"),
}
WEB_CODETEXT = "web_nk_csv_codetext_semicolon.csv"  # built from two real files, see below


def questionnaire(qid: str) -> dict:
    """The version the surveys were made of: 2.0, archived since content 3.0."""
    path = ROOT / "questionnaires" / "archive" / f"{qid}-2.0.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def expected_dimensions(q: dict, person: dict) -> dict[str, tuple[float | None, int]]:
    """Dimension id -> (mean or None for "not enough answers", answered), per
    docs/scoring.md §1-3: conditions on items and on context answers, "not applicable"
    leaves `applicable`, reverse keys, weights, the coverage rule (min_answered and
    min_coverage)."""
    values = [p["value"] for p in q["scale"]["points"]]
    low, high = min(values), max(values)
    answers, context = person["answers"], person["context"]
    asked: dict[str, bool] = {}
    for item in q["items"]:  # conditions refer to earlier items only
        condition = item.get("condition")
        if condition is None:
            asked[item["id"]] = True
        elif "context" in condition:
            asked[item["id"]] = context.get(condition["context"]) in condition["in"]
        else:
            earlier = answers.get(condition["item"])
            asked[item["id"]] = (
                asked[condition["item"]]
                and isinstance(earlier, int)
                and earlier >= condition.get("min", low)
                and earlier <= condition.get("max", high)
            )
    result = {}
    for dim in q["dimensions"]:
        total = weights = answered = applicable = 0
        for item in q["items"]:
            if item["dimension"] != dim["id"] or not asked[item["id"]]:
                continue
            answer = answers.get(item["id"])
            if answer == "not_applicable":
                continue
            applicable += 1
            if isinstance(answer, int):
                answered += 1
                score = low + high - answer if item.get("reverse") else answer
                total += item.get("weight", 1) * score
                weights += item.get("weight", 1)
        enough = answered >= max(1, q.get("min_answered", 1)) and answered / applicable >= q.get(
            "min_coverage", 0.5
        )
        result[dim["id"]] = (total / weights if enough else None, answered)
    return result


def response_ids(path: Path, delimiter: str | None) -> list[str]:
    """The response id (first column) of each data row, in file order."""
    if delimiter is None:
        sheet = openpyxl.load_workbook(path, read_only=True).worksheets[0]
        return [str(row[0]) for row in list(sheet.iter_rows(values_only=True))[1:]]
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [row[0] if row else "" for row in list(csv.reader(handle, delimiter=delimiter))[1:]]


def web_codetext_export(folder: Path) -> Path:
    """LimeSurvey's web export with headings "Question code & question text" (`code. text`)
    and `;`: the codes of the real "Question code" export joined with the texts of the
    real default export (the same survey, columns and responses), every cell quoted as
    LimeSurvey writes it (test_tabular.py has headers with more commas than `;`)."""
    with (DATA / "nk_csv_code_short_de.csv").open(encoding="utf-8-sig", newline="") as handle:
        codes = list(csv.reader(handle))
    with (DATA / "nk_csv_DEFAULTS.csv").open(encoding="utf-8-sig", newline="") as handle:
        texts = next(csv.reader(handle))
    header = [f"{code}. {text}" for code, text in zip(codes[0], texts, strict=True)]
    path = folder / WEB_CODETEXT
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, delimiter=";", quoting=csv.QUOTE_ALL).writerows([header, *codes[1:]])
    return path


def run_batch(tmp_path: Path, name: str) -> tuple[Path, str, list[str], object]:
    """batch FILE --questionnaire ID -o DIR through the real command line, no mapping."""
    if name == WEB_CODETEXT:
        export, (qid, delimiter) = web_codetext_export(tmp_path), ("netzwerkkoordination", ";")
    else:
        export, (qid, delimiter) = DATA / name, EXPORTS[name]
    out = tmp_path / "out"
    done = run_cli(
        "batch", str(export), "--questionnaire", qid, "-o", str(out), "--reports", "none"
    )
    return out, qid, response_ids(export, delimiter), done


FILES = [*EXPORTS, WEB_CODETEXT]


@pytest.fixture(scope="module", params=FILES)
def scored(request, tmp_path_factory):
    out, qid, ids, done = run_batch(tmp_path_factory.mktemp("real"), request.param)
    lines = (out / "results.jsonl").read_text(encoding="utf-8").splitlines()
    return {
        "qid": qid,
        "ids": ids,  # ids[n] is row n + 2
        "done": done,
        "results": [json.loads(line) for line in lines],
        "rejected": read_csv(out / "rejected.csv"),
    }


def test_incomplete_responses_are_rejected_and_listed_never_scored(scored):
    done, ids = scored["done"], scored["ids"]
    assert done.returncode == 1, done.stderr  # 1: rows were rejected
    # named by id, each export is scored with version 2.0, which its columns fit, and says so
    assert "Version 2.0" in done.stderr and "aktuell ist 3.0" in done.stderr, done.stderr
    assert all(r["questionnaire"]["version"] == "2.0" for r in scored["results"])
    assert "match no item" not in done.stderr and "passen zu keiner Frage" not in done.stderr
    rows_of = {response: str(n) for n, response in enumerate(ids, 2)}
    rejected = scored["rejected"]
    assert sorted(r["row"] for r in rejected) == sorted(rows_of[i] for i in INCOMPLETE)
    for rejection in rejected:
        assert "submitdate" in rejection["reason"] and rejection["value"] == ""
    scored_ids = {ids[r["row"] - 2] for r in scored["results"]}
    truth = TRUTH[scored["qid"]]["respondents"]
    assert scored_ids == {i for i, person in truth.items() if person["complete"]}
    assert not scored_ids & INCOMPLETE


def test_names_are_the_ones_typed_in(scored):
    truth = TRUTH[scored["qid"]]["respondents"]
    for result in scored["results"]:
        person = truth[scored["ids"][result["row"] - 2]]
        # an empty name gets the row as its placeholder (docs/batch.md)
        assert result["respondent"]["name"] == (person["name"] or f"row-{result['row']}")


def _differences(scored, dimensions: set[str] | None) -> list[str]:
    q = questionnaire(scored["qid"])
    truth = TRUTH[scored["qid"]]["respondents"]
    wrong = []
    for result in scored["results"]:
        response = scored["ids"][result["row"] - 2]
        want = expected_dimensions(q, truth[response])
        for dim in result["dimensions"]:
            if dimensions is not None and dim["id"] not in dimensions:
                continue
            mean, answered = want[dim["id"]]
            got_mean = dim["mean"]
            same_mean = (got_mean is None) == (mean is None) and (
                mean is None or abs(got_mean - mean) < 0.00005
            )
            if not same_mean or dim["answered"] != answered:
                wrong.append(
                    f"response {response} {dim['id']}: batch {got_mean}/{dim['answered']}, "
                    f"expected {mean}/{answered}"
                )
    return wrong


def _context_dimensions(qid: str) -> set[str]:
    q = questionnaire(qid)
    return {i["dimension"] for i in q["items"] if "context" in (i.get("condition") or {})}


def test_dimensions_without_context_conditions_score_as_typed_in(scored):
    q = questionnaire(scored["qid"])
    plain = {d["id"] for d in q["dimensions"]} - _context_dimensions(scored["qid"])
    assert plain, "every dimension has a context condition: nothing checked here"
    assert _differences(scored, plain) == []


def test_every_dimension_scores_as_typed_in_with_context_conditions(scored):
    """Context-conditioned items (nk K1_09/K1_10, nm F2-F4) count only where the person's
    employer asks them (docs/scoring.md §1)."""
    assert _context_dimensions(scored["qid"])  # the case this test is about
    assert _differences(scored, None) == []
