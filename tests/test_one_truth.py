"""One truth through every path: generated people, with their context answers, go through
every way into the program (answers files with `score` and `report`; `batch` from CSV, XLSX
and JSON exports, the CSV and XLSX templates, LimeSurvey's response exports in its heading
and answer styles, KoBo/ODK exports; results.jsonl read back by `compare` and `plan`; the
check typed into a terminal) and must give what tests/oracle.py, a naive scorer written from
docs/scoring.md alone, gives. Many people go into ONE export per path, so this stays fast.
"""

from __future__ import annotations

import ast
import csv
import json
import re
import shlex
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings

import generated
from generated import Seeded, cohort, write_content
from helpers import FIXTURES, ROOT, Terminal, batch, invoke, read_csv, read_structure, run_cli
from oracle import CANNOT_JUDGE, NOT_APPLICABLE, Oracle, differences, is_scale_value, load_yaml
from test_survey_exports import SYSTEM
from walk import FRAMEWORK, REFLECTION, answer_items, give_context, items_of, plan

TESTS = Path(__file__).resolve().parent
BUNDLED = {"netzwerkkoordination": "coordinator", "netzwerkmanagement": "leader"}
REAL_EXPORTS = FIXTURES / "limesurvey-6.4.2"  # what LimeSurvey 6.4.2 wrote (README.md there)


@dataclass
class Content:
    """A questionnaire and its profile (as YAML dicts), where they are, the oracle, and a
    cohort of generated people."""

    q: dict
    p: dict
    data: Path
    people: list[dict]

    @property
    def oracle(self) -> Oracle:
        return Oracle(self.q, self.p)

    def expected(self, person: dict) -> dict:
        return self.oracle.score(person["values"], person["context"])

    def asked(self, person: dict) -> set[str]:
        """The items the person was asked (a survey tool leaves the others empty)."""
        return {i["id"] for i in self.oracle.asked_items(person["values"], person["context"])}

    def point(self, value: int) -> dict:
        return next(p for p in self.q["scale"]["points"] if p["value"] == value)

    def label(self, answer, lang: str) -> str:
        """An item answer as its label in `lang` (the drop-downs, full-answer exports)."""
        if answer in (CANNOT_JUDGE, NOT_APPLICABLE):
            return self.q["scale"][answer][lang]
        return self.point(answer)["label"][lang]

    def option_label(self, question_id: str, option_id: str, lang: str) -> str:
        question = next(c for c in self.q["context"] if c["id"] == question_id)
        return next(o for o in question["options"] if o["id"] == option_id)["label"][lang]


def bundled_content(q_id: str, seed: int, size: int, version: str | None = None) -> Content:
    """The bundled questionnaire and profile, the current ones or an archived `version`."""
    if version is None:
        q = load_yaml(ROOT / "questionnaires" / f"{q_id}.yaml")
        p = load_yaml(ROOT / "profiles" / f"{BUNDLED[q_id]}.yaml")
    else:
        q = load_yaml(ROOT / "questionnaires" / "archive" / f"{q_id}-{version}.yaml")
        p = load_yaml(ROOT / "profiles" / "archive" / f"{BUNDLED[q_id]}-{version}.yaml")
    return Content(q, p, ROOT, cohort(Seeded(seed), q, size))


@pytest.fixture(scope="module")
def bundled() -> list[Content]:
    return [bundled_content(q_id, seed, 40) for seed, q_id in enumerate(sorted(BUNDLED), 1)]


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> list[Content]:
    """Three generated questionnaires with their profiles, each in a --data folder."""
    folder = tmp_path_factory.mktemp("content")
    found = []
    for seed in (6, 17, 14):  # 5 points, 11 points with "not applicable", 6 without
        choose = Seeded(seed)
        q = generated.questionnaire(choose, f"gen{seed}")
        p = generated.profile(choose, q)
        # a folder each: `check --role` finds the one profile of the role there
        data = write_content(folder / q["id"], q, p)
        found.append(Content(q, p, data, cohort(choose, q, 25)))
    return found


def everything(bundled: list[Content], small: list[Content]) -> list[Content]:
    return bundled + small


def check_results(content: Content, results: list[dict], how: str) -> None:
    """Every person exactly once, each equal to the oracle (all differences listed)."""
    by_name = {r["respondent"]["name"]: r for r in results}
    assert len(by_name) == len(results), f"{how}: a person twice"
    assert sorted(by_name) == sorted(p["name"] for p in content.people), f"{how}: people lost"
    problems = []
    for person in content.people:
        for problem in differences(by_name[person["name"]], content.expected(person)):
            problems.append(f"{how} {person['name']}{problem}")
    assert not problems, "\n".join(problems[:25]) + f"\n({len(problems)} differences)"


def results_of(out: Path) -> list[dict]:
    lines = (out / "results.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def unplaceable(content: Content, person: dict, exported: set[str]) -> set[str]:
    """The exported item answers batch cannot place (docs/batch.md): the item is asked only
    for some answers of a context question the person did not answer."""
    return {
        i["id"]
        for i in content.q["items"]
        if i["id"] in exported
        and "context" in (i.get("condition") or {})
        and i["condition"]["context"] not in person["context"]
    }


def run_batch(content: Content, export: Path, out: Path, only_asked: bool = False) -> list[dict]:
    """batch on an export of content.people, which holds every answer of a person or
    (only_asked, as the survey tools write them) only those to the items asked. Every row
    is scored; the only cells left out are the answers batch cannot place."""
    done = batch(
        str(export),
        "--questionnaire",
        content.q["id"],
        "-o",
        str(out),
        "--reports",
        "none",
        data=content.data,
    )
    results = results_of(out)
    rejected = read_csv(out / "rejected.csv")
    name_of = {str(r["row"]): r["respondent"]["name"] for r in results}
    # a row rejected whole is in no result: the people not scored, in the export's order
    scored = set(name_of.values())
    unscored = [person["name"] for person in content.people if person["name"] not in scored]
    whole = sorted({r["row"] for r in rejected if r["row"] not in name_of}, key=int)
    assert len(whole) == len(unscored), (whole, unscored)
    name_of.update(zip(whole, unscored, strict=True))
    left_out = sorted((name_of[r["row"]], r["value"] != "") for r in rejected)
    exported = {
        person["name"]: content.asked(person) & set(person["values"])
        if only_asked
        else set(person["values"])
        for person in content.people
    }
    want = sorted(
        [
            (person["name"], True)
            for person in content.people
            for _ in unplaceable(content, person, exported[person["name"]])
        ]
        # docs/batch.md: a row in which not a single item is answered is rejected, whole
        + [(name, False) for name, items in exported.items() if not items]
    )
    assert left_out == want, "rejected.csv: " + (out / "rejected.csv").read_text()
    assert done.returncode == (1 if want else 0), done.stdout + done.stderr
    return results


# --- the oracle itself ----------------------------------------------------------------------


def test_oracle_imports_nothing_of_netzkompetenz() -> None:
    for module in ("oracle.py", "generated.py"):
        tree = ast.parse((TESTS / module).read_text(encoding="utf-8"))
        imported = [
            name
            for node in ast.walk(tree)
            for name in (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
        ]
        assert imported, module
        assert not [n for n in imported if n.split(".")[0] == "netzkompetenz"], module
        assert "numpy" not in imported and "helpers" not in imported, module


def test_oracle_gives_the_golden_cases() -> None:
    """The hand-worked cases of tests/data/scoring/cases.yaml: the oracle agrees with them
    (a check of the oracle by people, not by the code)."""
    data = TESTS / "data" / "scoring"
    pairs = {
        "golden-coordinator": (data / "questionnaires/golden.yaml", data / "profiles/golden.yaml"),
        "golden-ties": (data / "questionnaires/golden.yaml", data / "profiles/golden-ties.yaml"),
        "golden-three": (
            data / "questionnaires/golden-three.yaml",
            data / "profiles/golden-three.yaml",
        ),
        "mini-coordinator": (
            TESTS / "fixtures/mini/questionnaires/mini.yaml",
            TESTS / "fixtures/mini/profiles/mini.yaml",
        ),
    }
    cases = load_yaml(data / "cases.yaml")
    assert len(cases) >= 5
    for case in cases:
        q, p = (load_yaml(path) for path in pairs[case["profile"]])
        got = Oracle(q, p).score(case["answers"], case.get("context") or {})
        want = {k: got[k] for k in case["expected"]}
        # the golden numbers are rounded to 4 decimals, the oracle's are exact
        assert differences(case["expected"], want) == [], case["name"]


def _item_triggers_met(content: Content, values: dict, asked: set[str], result: dict) -> set[str]:
    """An item trigger with one low answer of the several it lists, which recommends
    nothing (docs/scoring.md §4): the generators must reach it for the paths to be
    compared with the oracle on it."""
    enough = {d["id"]: d["enough_answers"] for d in result["dimensions"]}
    items = {item["id"]: item for item in content.q["items"]}
    seen = set()
    for module in content.p["modules"]:
        listed = module["trigger"].get("items") or []
        counted = [
            content.oracle.item_score(items[i], values[i])
            for i in listed
            if i in asked
            and content.oracle.scored_answer(items[i], values.get(i))
            and enough[items[i]["dimension"]]
        ]
        if len(listed) > 1 and len(counted) == 1 and counted[0] < module["trigger"]["below"]:
            seen.add("item trigger with one low answer of several")
    return seen


def test_generated_cohorts_exercise_every_rule(bundled, small) -> None:
    """The generators reach what the rules are about, so a path test cannot pass by never
    meeting a rule."""
    seen: set[str] = set()
    for content in everything(bundled, small):
        low = content.oracle.low
        for person in content.people:
            result = content.expected(person)
            values = person["values"]
            asked = content.asked(person)
            for item in content.q["items"]:
                condition = item.get("condition") or {}
                if "context" in condition:
                    seen.add("context asked" if item["id"] in asked else "context not asked")
                if "item" in condition:
                    seen.add("item asked" if item["id"] in asked else "item not asked")
                if item["id"] not in asked and item["id"] in values:
                    seen.add("answer to an item not asked")
                if item.get("reverse") and isinstance(values.get(item["id"]), int):
                    seen.add("reverse")
                if item.get("weight", 1) != 1 and item["id"] in asked:
                    seen.add("weight")
                answer = values.get(item["id"])
                if item.get("premise") and item["id"] in asked and is_scale_value(answer):
                    # a reversal beginning with a situation: rejected (not scored) or scored
                    rejected = answer == low
                    seen.add("premise rejected" if rejected else "premise scored")
                    if rejected and "context" in condition:
                        seen.add("premise rejected under a context condition")
            for dim in result["dimensions"]:
                seen.add("enough" if dim["enough_answers"] else "not enough answers")
                if dim["not_applicable"]:
                    seen.add("not applicable")
                if dim["cannot_judge"]:
                    seen.add("cannot judge")
                if dim["gap"] is not None:
                    seen.add("gap" if dim["gap"] > 0 else "target reached")
            for rec in result["recommendations"]:
                seen.add("item trigger" if rec["reasons"][0]["dimension"] is None else "dimension")
                seen.add("most important" if rec["most_important"] else "beyond the cap")
                if len(rec["reasons"]) > 1:
                    seen.add("several reasons")
            modules = [r["module"] for r in result["recommendations"]]
            for n, rec in enumerate(result["recommendations"]):
                if any(pre in modules[:n] for pre in rec["prerequisites"]):
                    seen.add("prerequisite placed")
            seen |= _item_triggers_met(content, values, asked, result)
    assert seen >= {
        "context asked",
        "context not asked",
        "item asked",
        "item not asked",
        "answer to an item not asked",
        "reverse",
        "weight",
        "premise rejected",
        "premise scored",
        "premise rejected under a context condition",
        "enough",
        "not enough answers",
        "not applicable",
        "cannot judge",
        "gap",
        "target reached",
        "item trigger",
        "dimension",
        "most important",
        "beyond the cap",
        "several reasons",
        "prerequisite placed",
        "item trigger with one low answer of several",
    }


# --- answers files: score and report --------------------------------------------------------


def write_answers_files(content: Content, folder: Path) -> list[Path]:
    """One answers file per person, as the check writes them (every answer given, asked or
    not: the scorer ignores answers to items that were not asked)."""
    from netzkompetenz.core.answers import Respondent
    from netzkompetenz.io.answers_file import new_answers, write_answers
    from netzkompetenz.io.catalog import Catalog

    model = Catalog.load([content.data]).questionnaire(content.q["id"])
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for person in content.people:
        respondent = Respondent(name=person["name"], organisation=person["organisation"])
        answers = new_answers(model, content.p["id"], respondent, "de")
        answers.values = dict(person["values"])
        answers.context = dict(person["context"])
        answers.status = "complete"
        paths.append(folder / f"{person['name'].replace(' ', '-')}.json")
        write_answers(paths[-1], answers)
    return paths


def test_answers_files_score_as_the_oracle(bundled, small, tmp_path) -> None:
    for content in everything(bundled, small):
        paths = write_answers_files(content, tmp_path / content.q["id"])
        done = run_cli("--data", str(content.data), "score", *map(str, paths), "--format", "json")
        assert done.returncode == 0, done.stderr
        check_results(content, json.loads(done.stdout), f"score {content.q['id']}")


def test_report_states_the_oracles_levels_and_modules(bundled, small, tmp_path) -> None:
    """The Markdown report (English) shows each dimension's level, answered/asked and
    percent as the oracle has them, and the recommended modules in the oracle's order, the
    most important ones as sections."""
    for content in (bundled[0], small[0]):
        people = content.people[:4]
        folder = tmp_path / content.q["id"]
        paths = write_answers_files(Content(content.q, content.p, content.data, people), folder)
        bands = {b["id"]: b["label"]["en"] for b in content.p["levels"]}
        modules = {m["id"]: m["title"]["en"] for m in content.p["modules"]}
        for person, path in zip(people, paths, strict=True):
            page = folder / f"{path.stem}.md"
            done = run_cli(
                "--data", str(content.data), "report", str(path), "-o", str(page), "--lang", "en"
            )
            assert done.returncode == 0, done.stderr
            lines = page.read_text(encoding="utf-8").splitlines()
            want = content.expected(person)
            for dim in want["dimensions"]:
                row = next(x for x in lines if x.startswith(f"| {dim['id']} "))
                cells = [c.strip() for c in row.strip("|").split("|")]
                # answered of asked: a "not applicable" answer was asked too (issue 22.3), and
                # so was a rejected situation (docs/scoring.md §1)
                asked = dim["applicable"] + dim["not_applicable"] + dim["premise_rejected"]
                assert cells[4] == f"{dim['answered']}/{asked}", row
                if dim["level"] is None:
                    assert cells[5] == "–" and cells[2] == "*not enough answers*", row
                else:
                    assert cells[5] == bands[dim["level"]], row
                    assert cells[2] == f"{dim['percent']:.0f} %", row
            shown = [
                (int(n), title, section == "###")
                for section, n, title in re.findall(
                    r"^(###|- \*\*)\s?(\d+)\. (.+?)(?:\*\*.*)?$", "\n".join(lines), re.M
                )
            ]
            assert shown == [
                (n, modules[r["module"]], r["most_important"])
                for n, r in enumerate(want["recommendations"], 1)
            ], person["name"]


# --- batch: exports of any tool, the templates ---------------------------------------------


def columns(content: Content) -> list[str]:
    return [
        "name",
        "organisation",
        "tandem",
        *(i["id"] for i in content.q["items"]),
        *(c["id"] for c in content.q.get("context") or []),
    ]


def cells(content: Content, person: dict, style: str) -> dict[str, object]:
    """A person's row: item answers as values and words (`ids`) or labels in a language
    (`de`, `en`), context answers as option ids or labels."""
    row: dict[str, object] = {k: person[k] for k in ("name", "organisation", "tandem")}
    for item_id, answer in person["values"].items():
        row[item_id] = answer if style == "ids" else content.label(answer, style)
    for question_id, option in person["context"].items():
        row[question_id] = (
            option if style == "ids" else content.option_label(question_id, option, style)
        )
    return row


def write_csv(path: Path, header: list[str], rows: list[dict], sep: str = ",", note=None) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=sep)
        writer.writerow(header)
        if note:
            writer.writerow(note)
        writer.writerows([[row.get(h, "") for h in header] for row in rows])


def export_csv(content: Content, folder: Path) -> Path:
    path = folder / "export.csv"
    rows = [cells(content, p, "ids") for p in content.people]
    write_csv(path, columns(content), rows)
    return path


def export_json(content: Content, folder: Path) -> Path:
    path = folder / "export.json"
    rows = [cells(content, p, "de") for p in content.people]
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return path


def export_xlsx(content: Content, folder: Path) -> Path:
    path = folder / "export.xlsx"
    book = openpyxl.Workbook()
    header = columns(content)
    book.active.append(header)
    for person in content.people:
        row = cells(content, person, "en")
        book.active.append([row.get(h) for h in header])
    book.save(path)
    return path


def export_command(content: Content, form: str, path: Path, *extra: str) -> Path:
    args = ("--data", str(content.data), "export", content.q["id"], "--format", form)
    done = run_cli(*args, "-o", str(path), *extra)
    assert done.returncode == 0, done.stderr
    return path


def csv_template(content: Content, folder: Path) -> Path:
    """The CSV template (German Excel's dialect), filled in below its note row."""
    path = export_command(content, "csv-template", folder / "vorlage.csv", "--csv", "excel-de")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header, note = list(csv.reader(handle, delimiter=";"))
    rows = [cells(content, p, "ids") for p in content.people]
    write_csv(path, header, rows, sep=";", note=note)
    return path


def xlsx_template(content: Content, folder: Path) -> Path:
    """The XLSX template filled in with the labels its drop-downs offer."""
    path = export_command(content, "xlsx-template", folder / "vorlage.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    for r, person in enumerate(content.people, 2):
        row = cells(content, person, "de")
        for c, key in enumerate(header, 1):
            sheet.cell(row=r, column=c, value=row.get(key) or None)
    book.save(path)
    return path


EXPORTS = {
    "csv": export_csv,
    "json": export_json,
    "xlsx": export_xlsx,
    "csv-template": csv_template,
    "xlsx-template": xlsx_template,
}


@pytest.mark.parametrize("form", sorted(EXPORTS))
def test_batch_of_an_export_gives_the_oracles_results(bundled, small, tmp_path, form) -> None:
    for content in everything(bundled, small):
        folder = tmp_path / content.q["id"]
        folder.mkdir()
        export = EXPORTS[form](content, folder)
        results = run_batch(content, export, folder / "out")
        check_results(content, results, f"batch {form} {content.q['id']}")


# --- LimeSurvey, as LimeSurvey writes its response exports ----------------------------------


def limesurvey_export(content: Content, folder: Path, heading: str, answers: str) -> Path:
    """The response export LimeSurvey writes for the survey of `export --format limesurvey`:
    its system columns, then per question (respondent, context, one array per dimension) the
    code, the full question text `Question [subquestion]`, both as "code. text", or the
    expression-manager code; answers as codes (A1…, KE, NZ, O1…) or full answer texts.
    Items whose relevance is false are empty, as LimeSurvey stores them."""
    structure = export_command(content, "limesurvey", folder / "survey.txt")
    groups = read_structure(structure.read_text(encoding="utf-8"))["languages"]["de"]
    points = len(content.q["scale"]["points"])
    columns: list[tuple[str, str, str, list]] = []  # code, heading text, key, its answers
    for group in groups:
        for question in group["questions"]:
            if question["type"] == "C":  # the framework checklist: not scored, left empty
                continue
            if not question["sub"]:
                key = question["code"].removeprefix("ctx")
                columns.append((question["code"], question["text"], key, question["answers"]))
            for sub, _relevance, text in question["sub"]:
                item = next(i["id"] for i in content.q["items"] if i["text"]["de"] == text)
                code, full = f"{question['code']}[{sub}]", f"{question['text']} [{text}]"
                columns.append((code, full, item, question["answers"]))

    def head(code: str, text: str) -> str:
        return {
            "code": code,
            "em": code.replace("[", "_").rstrip("]"),
            "full": text,
            "codetext": f"{code}. {text}",
        }[heading]

    header = [head(f, de) for f, _en, de, _ in SYSTEM] + [head(c, t) for c, t, _, _ in columns]
    rows = []
    for n, person in enumerate(content.people, 1):
        asked = content.asked(person)
        row = [str(n)] + [value for *_, value in SYSTEM[1:]]
        for _code, _text, key, options in columns:
            if key in ("name", "organisation", "tandem"):
                row.append(person[key])
                continue
            if key in person["context"]:  # list answers O1, O2 … in the options' order
                question = next(c for c in content.q["context"] if c["id"] == key)
                at = [o["id"] for o in question["options"]].index(person["context"][key])
            elif key in asked and key in person["values"]:
                answer = person["values"][key]
                at = {CANNOT_JUDGE: points, NOT_APPLICABLE: points + 1}.get(answer)
                if at is None:
                    at = [p["value"] for p in content.q["scale"]["points"]].index(answer)
            else:
                row.append("")
                continue
            code, label = options[at]
            row.append(code if answers == "codes" else label)
        rows.append(row)
    path = folder / "results-survey123456.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        # LimeSurvey quotes every cell; its separator is a choice (here: ; with codes)
        writer = csv.writer(
            handle, delimiter=";" if answers == "codes" else ",", quoting=csv.QUOTE_ALL
        )
        writer.writerows([header, *rows])
    return path


@pytest.mark.parametrize("answers", ["codes", "texts"])
@pytest.mark.parametrize("heading", ["code", "em", "full", "codetext"])
def test_limesurvey_exports_give_the_oracles_results(bundled, small, tmp_path, heading, answers):
    for content in everything(bundled, small):
        folder = tmp_path / content.q["id"]
        folder.mkdir()
        export = limesurvey_export(content, folder, heading, answers)
        results = run_batch(content, export, folder / "out", only_asked=True)
        check_results(content, results, f"LimeSurvey {heading}/{answers} {content.q['id']}")


@pytest.mark.parametrize(
    "export",
    [
        "nk_csv_DEFAULTS.csv",
        "nk_csv_code_short_de.csv",
        "nm_xls_codetext_long_de.xlsx",
        "rpc_nk_csv_codetext_long.csv",
    ],
)
def test_real_limesurvey_exports_give_the_oracles_results(tmp_path, export) -> None:
    """Exports a real LimeSurvey 6.4.2 wrote, with what each respondent answered
    (truth.json): the complete responses score as the oracle says, the incomplete ones are
    rejected, none is lost."""
    truth = json.loads((REAL_EXPORTS / "truth.json").read_text(encoding="utf-8"))
    q_id = "netzwerkkoordination" if export.startswith(("nk", "rpc")) else "netzwerkmanagement"
    content = bundled_content(q_id, 0, 0, version="2.0")  # the surveys were of content 2.0
    respondents = truth[q_id]["respondents"]
    content.people = [  # a row without a name is "row-N" (docs/batch.md), N = id + 1
        {"name": r["name"] or f"row-{int(n) + 1}", "values": r["answers"], "context": r["context"]}
        for n, r in respondents.items()
        if r["complete"]
    ]
    out = tmp_path / "out"
    done = batch(str(REAL_EXPORTS / export), "--questionnaire", q_id, "-o", str(out), data=ROOT)
    assert done.returncode == 1, done.stdout + done.stderr  # the incomplete responses
    # named by id, the export is scored with the version its columns fit, and says so
    assert "2.0" in done.stderr and "3.0" in done.stderr, done.stderr
    incomplete = [n for n, r in respondents.items() if not r["complete"]]
    rejected = read_csv(out / "rejected.csv")
    assert sorted(int(r["row"]) - 1 for r in rejected) == sorted(map(int, incomplete))
    check_results(content, results_of(out), f"LimeSurvey 6.4.2 {export}")


# --- KoBoToolbox / ODK: exports of the XLSForm ---------------------------------------------


def kobo_export(content: Content, folder: Path, style: str) -> Path:
    """What KoBoToolbox exports for the XLSForm of `export --format xlsform`: "XML values
    and headers" (`group/name` headers, choice names) or "labels" (question labels, choice
    labels), with its system columns; questions not relevant stay empty."""
    form = openpyxl.load_workbook(export_command(content, "xlsform", folder / "form.xlsx"))
    survey = list(form["survey"].iter_rows(values_only=True))
    choices = list(form["choices"].iter_rows(values_only=True))
    label = survey[0].index("label::German (de)")
    choice_label = {(r[0], r[1]): r[2] for r in choices[1:]}
    path: list[str] = []
    questions = []  # header, key, choice list (None: text)
    for row in survey[1:]:
        kind, name = row[0], row[1]
        if kind == "begin_group":
            path.append(name)
        elif kind == "end_group":
            path.pop()
        elif kind == "text" or kind.startswith("select_one"):
            lists = kind.split()[1] if kind.startswith("select_one") else None
            head = "/".join([*path, name]) if style == "xml" else row[label]
            questions.append((head, name, lists))
    header = ["start", "end", *(h for h, _, _ in questions), "_id", "_uuid", "_index"]
    rows = []
    for n, person in enumerate(content.people, 1):
        asked = content.asked(person)
        row = ["2026-11-02T10:00", "2026-11-02T10:09"]
        for _head, key, lists in questions:
            if lists is None:
                value = person.get(key, "")
            elif key in person["context"]:
                value = person["context"][key]
            elif key in asked and key in person["values"]:
                value = str(person["values"][key])
            else:
                value = ""
            if value and lists is not None and style == "labels":
                value = choice_label[(lists, value)]
            row.append(value)
        rows.append([*row, str(n), f"uuid-{n}", str(n)])
    export = folder / "kobo.csv"
    with export.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";", quoting=csv.QUOTE_ALL).writerows([header, *rows])
    return export


@pytest.mark.parametrize("style", ["xml", "labels"])
def test_kobo_exports_give_the_oracles_results(bundled, small, tmp_path, style) -> None:
    for content in everything(bundled, small):
        folder = tmp_path / content.q["id"]
        folder.mkdir()
        results = run_batch(
            content, kobo_export(content, folder, style), folder / "out", only_asked=True
        )
        check_results(content, results, f"KoBo {style} {content.q['id']}")


# --- results.jsonl read back: compare and plan ---------------------------------------------


def test_compare_and_plan_read_back_what_the_oracle_says(bundled, small, tmp_path) -> None:
    """A cohort's before/after from two batch runs (the same people, other answers) shows
    the oracle's changes; the training plan from the batch runs books exactly the oracle's
    recommended modules for each person."""
    outputs = []
    for content in (bundled[0], bundled[1], small[0]):
        later = cohort(Seeded(99), content.q, len(content.people))
        for before, after in zip(content.people, later, strict=True):
            after.update(name=before["name"], organisation=before["organisation"])
        runs = []
        for when, people in (("before", content.people), ("after", later)):
            folder = tmp_path / content.q["id"] / when
            folder.mkdir(parents=True)
            moment = Content(content.q, content.p, content.data, people)
            check_results(
                moment, run_batch(moment, export_csv(moment, folder), folder / "out"), when
            )
            runs.append(folder / "out")
        outputs.append(runs[0])
        page = tmp_path / content.q["id"] / "change.md"
        done = run_cli(
            "--data", str(content.data), "compare", *map(str, runs), "-o", str(page), "--lang", "en"
        )
        assert done.returncode == 0, done.stdout + done.stderr
        lines = page.read_text(encoding="utf-8").splitlines()
        dims = [d["id"] for d in content.q["dimensions"]]
        changes: dict[str, list[float]] = {d: [] for d in dims}
        for before, after in zip(content.people, later, strict=True):
            row = next(x for x in lines if x.startswith(f"| {before['name']} |"))
            shown = [c.strip().strip("*") for c in row.strip("|").split("|")][2:]
            first = content.expected(before)["dimensions"]
            second = content.expected(after)["dimensions"]
            for dim, cell, a, b in zip(dims, shown, first, second, strict=True):
                if a["percent"] is None or b["percent"] is None:
                    assert cell == "–", (before["name"], dim, row)
                    continue
                change = b["percent"] - a["percent"]
                changes[dim].append(change)
                assert abs(float(cell) - change) <= 0.5 + 1e-6, (before["name"], dim, row)
        for dim in dims:
            row = next(x for x in lines if x.startswith(f"| {dim} "))
            cells = [c.strip() for c in row.strip("|").split("|")]
            assert int(cells[1]) == len(changes[dim]), row  # comparable: scored both times
            if changes[dim]:
                mean = sum(changes[dim]) / len(changes[dim])
                assert abs(float(cells[5]) - mean) <= 0.5 + 1e-6, row
    # the plan over both roles' first runs together (a module both profiles offer is one
    # course), and over the generated content's
    plans = {"bundled": (bundled, outputs[:2]), "generated": (small[:1], outputs[2:])}
    for name, (contents, runs) in plans.items():
        plan_file = tmp_path / f"plan-{name}.csv"
        done = run_cli(
            "--data",
            str(contents[0].data),
            "plan",
            *map(str, runs),
            "-o",
            str(plan_file),
            "--lang",
            "en",
        )
        assert done.returncode == 0, done.stdout + done.stderr
        booked = sorted(
            (r["Name or pseudonym"], r["Module id"], int(r["Priority"]))
            for r in read_csv(plan_file)
        )
        want = sorted(
            (person["name"], rec["module"], rec["priority"])
            for content in contents
            for person in content.people
            for rec in content.expected(person)["recommendations"]
            if rec["most_important"]  # places for the most important only
        )
        assert booked == want, name


# --- a property: generated questionnaires with context conditions ---------------------------


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generated.cases(size=4))
def test_generated_questionnaires_score_as_the_oracle_by_file_and_by_batch(case) -> None:
    """Any generated questionnaire and profile (item and context conditions, reverse keys,
    weights, "not applicable", dimension and item triggers, prerequisites, a cap), a few
    people: their answers files (`score --format json`) and a CSV export of all of them
    (`batch`) give the oracle's results."""
    q, p, people = case
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        content = Content(q, p, write_content(folder / "data", q, p), people)
        paths = write_answers_files(content, folder / "answers")
        done = invoke("--data", str(content.data), "score", *map(str, paths), "--format", "json")
        assert done.returncode == 0, done.stderr
        check_results(content, json.loads(done.stdout), "score")
        results = run_batch(content, export_csv(content, folder), folder / "out")
        # the rows with no answer at all are rejected (run_batch checks that): the rest scored
        answered = [person for person in people if person["values"]]
        check_results(Content(q, p, content.data, answered), results, "batch")


# --- the check, typed into a terminal ------------------------------------------------------


@pytest.mark.terminal
def test_typed_checks_score_as_the_oracle(bundled, small, tmp_path) -> None:
    """People typed into `check` in a real terminal (tmux): their context, then what the
    check asks them (an unanswered item becomes "cannot judge": the check asks each one).
    The saved answers file holds what was typed and scores as the oracle says."""
    from netzkompetenz.io.catalog import Catalog

    typed = [(small[0], n) for n in (0, 1, 2)] + [(bundled[1], 0)]
    for content, n in typed:
        person = content.people[n]
        model = Catalog.load([content.data]).questionnaire(content.q["id"])

        def answer(q, step, person=person):
            if step.startswith(REFLECTION):
                return ""
            if step.startswith(FRAMEWORK):
                return "unknown"
            return person["values"].get(step, CANNOT_JUDGE)

        asked = plan(model, answer=answer, context=person["context"])
        answers = tmp_path / f"{content.q['id']}-{n}.json"
        term = Terminal(120, 40)
        try:
            term.start(tmp_path, env={"PYTHONPATH": str(ROOT / "src")})
            term.type(
                f"{shlex.quote(sys.executable)} -m netzkompetenz --data {content.data} check "
                f"--role {content.p['role']} --lang de --answers {answers}"
            )
            term.wait_for("Name oder Pseudonym:")
            term.type(person["name"])
            term.wait_for("Organisation")
            term.type(person["organisation"])
            term.wait_for("Tandem")
            term.send("Enter")
            give_context(term, model, person["context"])
            answer_items(term, model, asked)
            term.wait_for("Alle Fragen sind beantwortet.")
            term.send("Enter")
            term.wait_for("Priorität 1 von", after="0 = fertig")
            term.send("0", "Enter")
            assert term.finished() == 0, term.screen(history=True)[-2000:]
        finally:
            term.close()
        saved = json.loads(answers.read_text(encoding="utf-8"))
        assert saved["values"] == items_of(asked) and saved["context"] == person["context"]
        done = run_cli("--data", str(content.data), "score", str(answers), "--format", "json")
        assert done.returncode == 0, done.stderr
        typed_person = {**person, "values": items_of(asked)}
        check_results(
            Content(content.q, content.p, content.data, [typed_person]),
            json.loads(done.stdout),
            f"check {content.q['id']} {n}",
        )
