"""Ratings by others through survey tools (issue 24 item 3): the rater forms of
`export --relation`, the exports LimeSurvey and KoBoToolbox write for them (shaped like the
real LimeSurvey 6.4.2 exports in tests/fixtures/limesurvey-6.4.2/: quoted CSV with a BOM,
the system columns first, answer codes), and `batch --ratings` joining them to the
self-assessments – with the same page, byte for byte, as `report SELF --ratings` on
rating files."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from helpers import open_browser, read_csv, read_structure, run_cli
from netzkompetenz.core.answers import Respondent
from netzkompetenz.core.model import CANNOT_JUDGE, Item, Questionnaire
from netzkompetenz.core.ratings import rated_items
from netzkompetenz.io.answers_file import new_answers, write_answers
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.io.limesurvey import codes_for, survey_file
from netzkompetenz.io.ratings_file import new_rating

QID = "netzwerkkoordination"
KIRA, OLE, NOBODY = "Kira Köhler", "Ole Olsen", "Nina Niemand"
SYSTEM = ["id", "submitdate", "lastpage", "startlanguage", "seed"]


@pytest.fixture(scope="module")
def q() -> Questionnaire:
    return Catalog.load().questionnaire(QID)


# What each person answers, as meant (higher = more competence; the files hold reverse-keyed
# statements as given). Kira: strong in K4 by her own view (a blind spot for leader and
# partners), weak in K7 (a hidden strength: her leader sees more).
def kira_self(item: Item) -> int:
    return {"K4": 5, "K7": 2}.get(item.dimension, 4)


def ole_self(item: Item) -> int:
    return 3


def leader_view(item: Item) -> int | str:
    return CANNOT_JUDGE if item.id == "K1_04" else 4  # "kann ich nicht beurteilen" once


def partner_view(item: Item) -> int:
    return 3


def given(q: Questionnaire, item: Item, meant: int | str) -> int | str:
    if isinstance(meant, int) and item.reverse:
        return int(q.scale.reversed(meant))
    return meant


def self_items(q: Questionnaire) -> list[Item]:
    return [i for i in q.items if i.condition is None]


# --- the forms -----------------------------------------------------------------------------


def export_form(tmp_path: Path, fmt: str, suffix: str, *more: str) -> Path:
    out = tmp_path / f"form-{fmt}-{'-'.join(more)}{suffix}"
    done = run_cli("export", QID, "--format", fmt, "-o", str(out), *more)
    assert done.returncode == 0, done.stderr
    if "--relation" in more:
        assert "Zur Entwicklung, nicht zur Beurteilung." in done.stdout
    return out


def test_partner_form_in_every_format(tmp_path: Path, q: Questionnaire) -> None:
    """A partner's form asks only the partner set, in the third person, with the rated
    person (prefilled) and the relation first and "kann ich nicht beurteilen" offered."""
    from openpyxl import load_workbook
    from pyxform.xls2xform import convert

    partner = [i.id for i in rated_items(q, "partner")]
    assert 0 < len(partner) < len([i for i in q.items if i.rater])
    args = ("--relation", "partner", "--person", KIRA)

    limesurvey = export_form(tmp_path, "limesurvey", ".txt", *args).read_text(encoding="utf-8")
    structure = read_structure(limesurvey)
    for lang, welcome in (("de", "Zur Entwicklung, nicht zur Beurteilung."), ("en", "For dev")):
        assert structure["settings"][lang]["surveyls_welcometext"].startswith(welcome)
        groups = structure["languages"][lang]
        assert [x["code"] for x in groups[0]["questions"]] == ["rated", "relation"]
        asked = [
            codes_for(q).item_at(question["code"], sub)
            for group in groups[1:]
            for question in group["questions"]
            for sub, _rule, _text in question["sub"]
        ]
        assert asked == partner
        first = groups[1]["questions"][0]
        assert first["answers"][-1] == ("KE", q.rater.cannot_judge[lang])
        # on every page: when to choose "cannot judge", not the self-check's "your …"
        assert all(q.rater.cannot_judge[lang] in g["text"] for g in groups[1:])
        # nor the self-check's "keine Gelegenheit": a rater has no such answer
        no_opportunity = q.scale.not_applicable[lang].split(" (")[0]
        assert not any(no_opportunity in g["text"] for g in groups[1:])
        assert q.dimensions[1].description[lang] not in [g["text"] for g in groups]
        assert q.item(asked[0]).rater.text[lang] in [t for _s, _r, t in first["sub"]]
    rows = limesurvey.splitlines()
    defaults = [line.split("\t")[12] for line in rows if "\tQ\tS\t" in line]
    assert defaults[:2] == [KIRA, "partner"]

    xlsform = export_form(tmp_path, "xlsform", ".xlsx", *args)
    assert convert(str(xlsform), warnings=[]).xform
    survey = list(load_workbook(xlsform)["survey"].iter_rows(values_only=True))
    by_name = {row[1]: row for row in survey}
    assert by_name["rated"][-1] == KIRA and by_name["relation"][-1] == "partner"
    assert [row[1] for row in survey if row[0] == "select_one scale"] == partner
    settings = list(load_workbook(xlsform)["settings"].iter_rows(values_only=True))
    assert settings[1][1] == f"{QID}-rating-partner"

    template = export_form(tmp_path, "csv-template", ".csv", *args)
    header = next(csv.reader(template.open(encoding="utf-8-sig")))
    assert header == ["rated", "relation", *partner]


def test_a_rated_person_without_a_relation_is_refused(tmp_path: Path) -> None:
    done = run_cli("export", QID, "--format", "csv-template", "--person", KIRA, "-o", "x.csv")
    assert done.returncode == 2
    assert "--relation" in done.stderr and "Traceback" not in done.stderr


# --- the round trip ------------------------------------------------------------------------


def limesurvey_export(path: Path, form: str, rows: list[dict[str, str]]) -> Path:
    """A response export as LimeSurvey 6 writes it ("question code" headings, answer
    codes, all cells quoted, UTF-8 with BOM) for the survey file `form`."""
    columns = []
    for group in read_structure(form)["languages"]["de"]:
        for question in group["questions"]:
            if question["sub"]:
                columns += [f"{question['code']}[{sub}]" for sub, _r, _t in question["sub"]]
            else:
                columns.append(question["code"])
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL)
        writer.writerow(SYSTEM + columns)
        for n, row in enumerate(rows, 1):
            system = [str(n), "2026-12-06 10:00:00", "9", "de", str(1000 + n)]
            writer.writerow(system + [row.get(c, "") for c in columns])
    return path


def kobo_export(path: Path, q: Questionnaire, rows: list[dict[str, str]]) -> Path:
    """A KoBoToolbox CSV export ("XML values and headers": group paths, choice names)."""
    columns = ["start", "end", "respondent/rated", "respondent/relation"]
    columns += [f"{i.dimension}/{i.id}" for i in rated_items(q, "leader")]
    columns += ["_id", "_uuid", "_submission_time", "_index"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(columns)
        for n, row in enumerate(rows, 1):
            cells = {"_id": str(n), "_uuid": f"uuid-{n}", "_index": str(n), **row}
            writer.writerow([cells.get(c, "") for c in columns])
    return path


def answer_code(q: Questionnaire, value: int | str) -> str:
    return next(a.code for a in codes_for(q).answers if a.value == value)


def self_row(q: Questionnaire, name: str, view) -> dict[str, str]:
    codes = codes_for(q)
    row = {"name": name, "organisation": "Stadt Musterstadt", "ctxemployer": "O1"}
    for item in self_items(q):
        row[f"{codes.question_of[item.id]}[{codes.subquestions[item.id]}]"] = answer_code(
            q, given(q, item, view(item))
        )
    return row


def rater_row(q: Questionnaire, tool: str, name: str, relation: str, view) -> dict[str, str]:
    codes = codes_for(q)
    row = {"rated": name, "relation": relation}
    if tool == "kobo":
        row = {"respondent/rated": name, "respondent/relation": relation}
    for item in rated_items(q, relation):
        value = given(q, item, view(item))
        if tool == "kobo":
            row[f"{item.dimension}/{item.id}"] = str(value)
        else:
            row[f"{codes.question_of[item.id]}[{codes.subquestions[item.id]}]"] = answer_code(
                q, value
            )
    return row


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory, q: Questionnaire) -> dict[str, Path]:
    """Kira (coordinator), her leader and three partners; Ole with his leader and two
    partners; a partner's rating of somebody not in the export. The self-assessments come
    from LimeSurvey; the ratings from LimeSurvey (leader form, partner form) and, for the
    second run, from KoBoToolbox (one XLSForm per relation, exported together)."""
    folder = tmp_path_factory.mktemp("raters")
    self_export = limesurvey_export(
        folder / "self.csv",
        survey_file(q),
        [self_row(q, KIRA, kira_self), self_row(q, OLE, ole_self)],
    )
    leader_form = export_form(folder, "limesurvey", ".txt", "--relation", "leader")
    partner_form = export_form(folder, "limesurvey", ".txt", "--relation", "partner")
    leaders = limesurvey_export(
        folder / "leaders.csv",
        leader_form.read_text(encoding="utf-8"),
        [rater_row(q, "ls", p, "leader", leader_view) for p in (KIRA, OLE)],
    )
    partners = limesurvey_export(
        folder / "partners.csv",
        partner_form.read_text(encoding="utf-8"),
        [rater_row(q, "ls", KIRA, "partner", partner_view) for _ in range(3)]
        + [rater_row(q, "ls", OLE, "partner", partner_view) for _ in range(2)]
        + [rater_row(q, "ls", NOBODY, "partner", partner_view)],
    )
    kobo = kobo_export(
        folder / "kobo.csv",
        q,
        [rater_row(q, "kobo", p, "leader", leader_view) for p in (KIRA, OLE)]
        + [rater_row(q, "kobo", KIRA, "partner", partner_view) for _ in range(3)]
        + [rater_row(q, "kobo", OLE, "partner", partner_view) for _ in range(2)]
        + [rater_row(q, "kobo", NOBODY, "partner", partner_view)],
    )
    out = {"self": self_export, "folder": folder}
    for tool, files in (("limesurvey", [leaders, partners]), ("kobo", [kobo])):
        target = folder / f"out-{tool}"
        ratings = [a for f in files for a in ("--ratings", str(f))]
        done = run_cli(
            "batch", str(self_export), "--questionnaire", QID, *ratings, "-o", str(target),
            "--lang", "de",
        )  # fmt: skip
        assert done.returncode == 1, done.stdout + done.stderr  # the rating of Nina Niemand
        assert "Traceback" not in done.stderr
        assert "neben den Selbsteinschätzungen von 2 Personen" in done.stdout
        out[tool] = target
    return out


def page_of(out: Path, name: str) -> Path:
    (page,) = [p for p in (out / "reports").glob("*.ratings.html") if name in p.read_text()]
    return page


@pytest.mark.parametrize("tool", ["limesurvey", "kobo"])
def test_her_report_shows_self_leader_and_partners(round_trip, tool: str) -> None:
    out = round_trip[tool]
    text = page_of(out, KIRA).read_text(encoding="utf-8")
    assert "Führungskraft (1)" in text and "Netzwerkpartner*innen (3)" in text
    assert "mögliche blinde Flecken" in text and "mögliche verborgene Stärken" in text
    assert "Schwelle der Messungenauigkeit" in text  # the noise caution with its threshold
    assert "keiner davon ist der „wahre“ Wert" in text  # never one "true" score
    assert text.count("Zur Entwicklung, nicht zur Beurteilung.") == 2
    # her person report is there too, beside the page
    assert (out / "reports" / page_of(out, KIRA).name.replace(".ratings", "")).exists()


@pytest.mark.parametrize("tool", ["limesurvey", "kobo"])
def test_two_partner_ratings_are_not_a_group(round_trip, tool: str) -> None:
    text = page_of(round_trip[tool], OLE).read_text(encoding="utf-8")
    assert "Führungskraft (1)" in text
    assert "Netzwerkpartner*innen (2)" not in text
    assert "2 Einschätzungen von Netzwerkpartner*innen werden nicht gezeigt" in text


@pytest.mark.parametrize("tool", ["limesurvey", "kobo"])
def test_a_rating_of_nobody_in_the_export_is_listed(round_trip, tool: str) -> None:
    rejected = read_csv(round_trip[tool] / "rejected.csv")
    listed = [r for r in rejected if r["value"] == NOBODY]
    assert len(listed) == 1
    (row,) = listed
    assert row["column"].endswith(": rated") and row["row"] == (
        "9" if tool == "kobo" else "7"
    )  # its line
    assert "nicht vorkommt" in row["reason"]


def write_self(q: Questionnaire, path: Path, name: str, view) -> Path:
    profile = Catalog.load().profile_for_role("coordinator")
    answers = new_answers(q, profile.id, Respondent(name=name), "de")
    answers.context = {"employer": q.context[0].options[0].id}
    answers.values = {i.id: given(q, i, view(i)) for i in self_items(q)}
    answers.status = "complete"
    write_answers(path, answers)
    return path


def write_rating(q: Questionnaire, path: Path, name: str, relation: str, view) -> Path:
    rating = new_rating(q, Respondent(name=name), relation, None, "de")  # type: ignore[arg-type]  # a Relation
    rating.values = {i.id: given(q, i, view(i)) for i in rated_items(q, relation)}
    rating.status = "complete"
    write_answers(path, rating)
    return path


@pytest.mark.parametrize("tool", ["limesurvey", "kobo"])
def test_one_truth_rating_files_and_rater_exports_give_the_same_page(
    round_trip, q: Questionnaire, tool: str
) -> None:
    """The same answers as files: `report --ratings` writes the very page batch wrote."""
    folder = round_trip["folder"] / f"files-{tool}"
    folder.mkdir()
    own = write_self(q, folder / "self.json", KIRA, kira_self)
    ratings = [write_rating(q, folder / "leader.json", KIRA, "leader", leader_view)]
    ratings += [
        write_rating(q, folder / f"partner-{n}.json", KIRA, "partner", partner_view)
        for n in range(3)
    ]
    page = folder / "report.html"
    done = run_cli(
        "report", str(own), "--ratings", *map(str, ratings), "-o", str(page), "--lang", "de"
    )
    assert done.returncode == 0, done.stderr
    assert page.read_bytes() == page_of(round_trip[tool], KIRA).read_bytes()


def test_a_rater_export_without_the_rated_person_is_refused(tmp_path: Path, q) -> None:
    bad = tmp_path / "raters.csv"
    bad.write_text("relation,K4_01\nleader,4\n", encoding="utf-8")
    own = tmp_path / "self.csv"
    limesurvey_export(own, survey_file(q), [self_row(q, KIRA, kira_self)])
    done = run_cli(
        "batch", str(own), "--questionnaire", QID, "--ratings", str(bad), "-o", str(tmp_path / "o")
    )
    assert done.returncode == 2
    assert f"{bad}:1" in done.stderr and "rated" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "o").exists()


@pytest.mark.browser
def test_batch_ratings_page_in_chromium(round_trip, artifacts) -> None:
    from test_report_browser import errors, requests

    page = page_of(round_trip["limesurvey"], OLE)
    with open_browser() as browser:
        events = browser.open(page.as_uri())
        assert requests(events) == [page.as_uri()]
        assert errors(events) == []
        heads = browser.evaluate(
            "[...document.querySelectorAll('#dimensions th')].map(h => h.textContent)"
        )
        assert heads == ["Dimension", "Selbst", "Führungskraft (1)"]
        visible = browser.evaluate("document.body.innerText")
        assert "Zur Entwicklung, nicht zur Beurteilung." in visible
        assert "2 Einschätzungen von Netzwerkpartner*innen werden nicht gezeigt" in visible
        browser.screenshot(artifacts / "batch-ratings-page.png")


# --- the cohort: group level only ------------------------------------------------------------


def template_export(tmp_path: Path, name: str, rows: list[dict[str, str]], *more: str) -> Path:
    """A filled CSV template of `export --format csv-template` (the note row kept)."""
    form = export_form(tmp_path, "csv-template", ".csv", *more)
    header, note = list(csv.reader(form.open(encoding="utf-8-sig")))
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerows([header, note, *([row.get(c, "") for c in header] for row in rows)])
    return path


@pytest.mark.browser
def test_cohort_page_shows_groups_only_and_suppresses_small_ones(
    tmp_path: Path, q: Questionnaire
) -> None:
    """Six people, each rated by their leader (2 where they say 4: self higher by 50
    points); five of them by three partners, one by two. The cohort page has the leader's
    and the partners' mean differences, no name, and says why a group is missing."""
    people = [f"Person {n}" for n in range(6)]
    selves = [
        {"name": p, "organisation": "Kreis", "employer": q.context[0].options[0].id}
        | {i.id: str(given(q, i, 4)) for i in self_items(q)}
        for p in people
    ]
    own = template_export(tmp_path, "self.csv", selves)
    raters = []
    for n, person in enumerate(people):
        raters.append(
            {"rated": person, "relation": "leader"}
            | {i.id: str(given(q, i, 2)) for i in rated_items(q, "leader")}
        )
        for _ in range(3 if n else 2):
            raters.append(
                {"rated": person, "relation": "partner"}
                | {i.id: str(given(q, i, 4)) for i in rated_items(q, "partner")}
            )
    ratings = template_export(tmp_path, "raters.csv", raters, "--relation", "leader")
    out = tmp_path / "out"
    done = run_cli(
        "batch", str(own), "--questionnaire", QID, "--ratings", str(ratings), "-o", str(out),
        "--lang", "de", "--reports", "none",
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    page = (out / "cohort-ratings.md").read_text(encoding="utf-8")
    assert not any(p in page for p in people)  # group level only
    assert "Zur Entwicklung, nicht zur Beurteilung." in page
    header = next(line for line in page.splitlines() if line.startswith("| Dimension"))
    assert "Führungskraft" in header and "Netzwerkpartner" in header
    k4 = next(line for line in page.splitlines() if line.startswith("| K4 "))
    cells = [c.strip() for c in k4.strip("|").split("|")]
    assert cells[1:5] == ["+50", "6", "6", "0"]  # the leader: everybody higher by 50
    assert cells[5:9] == ["0", "5", "0", "0"]  # the partners: as the self, five people
    assert "für \\<5 Personen zu wenige Einschätzungen, weggelassen" in page
    html = out / "cohort-ratings.html"
    from test_report_browser import errors, requests

    with open_browser() as browser:
        events = browser.open(html.as_uri())
        assert requests(events) == [html.as_uri()] and errors(events) == []
        groups = browser.evaluate(
            "[...document.querySelectorAll('#gaps th[data-group]')].map(h => h.textContent)"
        )
        assert groups == ["Führungskraft", "Netzwerkpartner*innen"]
        k4 = browser.evaluate(
            "[...document.querySelectorAll('tr[data-dimension=K4] td')].map(td => td.textContent)"
        )
        assert k4[1:5] == ["+50", "6", "6", "0"]
        visible = browser.evaluate("document.body.innerText")
        assert "Zur Entwicklung, nicht zur Beurteilung." in visible
        assert not any(p in visible for p in people)


def test_pseudonymized_no_name_in_any_output(tmp_path: Path, q: Questionnaire) -> None:
    own = template_export(
        tmp_path,
        "self.csv",
        [{"name": KIRA, "organisation": "Kreis"} | {i.id: "4" for i in self_items(q)}],
    )
    raters = [
        {"rated": person, "relation": "leader"} | {i.id: "3" for i in rated_items(q, "leader")}
        for person in (KIRA, NOBODY)
    ]
    ratings = template_export(tmp_path, "raters.csv", raters, "--relation", "leader")
    out = tmp_path / "out"
    done = run_cli(
        "batch", str(own), "--questionnaire", QID, "--ratings", str(ratings), "-o", str(out),
        "--pseudonymize", "--reports", "md",
        env={"NETZKOMPETENZ_PSEUDONYM_KEY": "test-key"},
    )  # fmt: skip
    assert done.returncode == 1, done.stdout + done.stderr  # NOBODY's rating is listed
    (page,) = (out / "reports").glob("*.ratings.md")
    files = [page, out / "rejected.csv", out / "cohort-ratings.md"]
    for text in (f.read_text(encoding="utf-8") for f in files):
        assert KIRA not in text and NOBODY not in text
    assert "P-" in page.read_text(encoding="utf-8")
    assert len(read_csv(out / "rejected.csv")) >= 1


def test_a_spreadsheet_cell_that_is_not_what_it_seems_rejects_its_rating(
    tmp_path: Path, q: Questionnaire
) -> None:
    """The Excel rater template filled with the drop-down's labels; in one row a formula
    without a saved result: that rating is listed, not counted, and the two left are no
    group of partners."""
    from openpyxl import load_workbook

    own = template_export(
        tmp_path, "self.csv", [{"name": KIRA} | {i.id: "4" for i in self_items(q)}]
    )
    form = export_form(tmp_path, "xlsx-template", ".xlsx", "--relation", "partner")
    book = load_workbook(form)
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    for row in (2, 3, 4):
        sheet.cell(row, 1, KIRA)
        sheet.cell(row, 2, "partner")
        for col in range(3, len(header) + 1):
            sheet.cell(row, col, q.rater.points[2]["de"])  # "teils/teils"
    sheet.cell(3, 4, "=2+2")
    filled = tmp_path / "partners.xlsx"
    book.save(filled)
    out = tmp_path / "out"
    done = run_cli(
        "batch", str(own), "--questionnaire", QID, "--ratings", str(filled), "-o", str(out),
        "--reports", "md", "--lang", "de",
    )  # fmt: skip
    assert done.returncode == 1, done.stdout + done.stderr
    (listed,) = [r for r in read_csv(out / "rejected.csv") if r["column"].startswith("partners")]
    assert listed["row"] == "3" and listed["column"] == f"partners.xlsx: {header[3]}"
    (page,) = (out / "reports").glob("*.ratings.md")
    text = page.read_text(encoding="utf-8")
    assert "Netzwerkpartner\\*innen (" not in text  # Markdown escapes the asterisk
    assert "2 Einschätzungen von Netzwerkpartner\\*innen werden nicht gezeigt" in text
