"""The personal report on paper: ordinary profiles of the bundled content, and the worst case
(every answer at the low end, so every module is recommended with its reasons, every
framework condition "no"), print on at most three A4 pages in Chromium, the last page not
nearly empty; the compare and plan pages print with the same style."""

from __future__ import annotations

import subprocess

import pytest

from helpers import FIXTURES, pdf_pages, require_tool, run_cli
from netzkompetenz.core.answers import Respondent
from netzkompetenz.io.answers_file import new_answers, write_answers
from netzkompetenz.io.catalog import Catalog
from walk import CONTEXT, FRAMEWORK, REFLECTION, framework_of, items_of, plan, reflections_of

pytestmark = pytest.mark.browser
TANDEM = FIXTURES / "tandem" / "answers"


def lowest(q, step):
    """Every answer at the low end, "no" on every framework condition, no examples. (With
    a two-sentence example in every dimension, both roles' reports take 4 pages: open,
    docs/reports.md.)"""
    if step.startswith(REFLECTION):
        return ""
    if step.startswith(FRAMEWORK):
        return "no"
    points = q.scale.points
    return points[-1].value if q.item(step).reverse else points[0].value


def cycling(*points):
    """Answers that cycle through `points` in questionnaire order (an ordinary, uneven
    profile: some dimensions below target, some at it), "no" on every framework condition."""

    def answer(q, step):
        if step.startswith(REFLECTION):
            return ""
        if step.startswith(FRAMEWORK):
            return "no"
        index = [i.id for i in q.items].index(step)
        return q.scale.points[points[index % len(points)] - 1].value

    return answer


PROFILES = {"lowest": lowest, "1-5": cycling(1, 2, 3, 4, 5), "3-4-2-3": cycling(3, 4, 2, 3)}


@pytest.mark.parametrize(
    "role, lang, kind",
    [(role, "de", kind) for role in ("coordinator", "leader") for kind in PROFILES]
    + [(role, "en", "lowest") for role in ("coordinator", "leader")],
)
def test_a_profile_prints_on_at_most_three_pages(tmp_path, artifacts, role, lang, kind):
    catalog = Catalog.load([])
    profile = catalog.profile_for_role(role)
    q = catalog.questionnaire_of(profile)
    answers = new_answers(
        q,
        profile.id,
        Respondent(
            name="Anna Beispiel-Langname",
            organisation="Stadt Musterstadt, Amt für Jugend",
            tandem="musterstadt",
        ),
        lang,
    )
    # a leader responsible for a coordinator's remit: the longest report (tenth read)
    context = {**CONTEXT, "remit": "auftrag"} if role == "leader" else CONTEXT
    asked = plan(q, PROFILES[kind], context=context)
    answers.values, answers.status = items_of(asked), "complete"
    answers.context = context
    answers.reflections, answers.framework = reflections_of(asked), framework_of(asked)
    path = tmp_path / "answers.json"
    write_answers(path, answers)
    html = tmp_path / "report.html"
    proc = run_cli("report", str(path), "-o", str(html))
    assert proc.returncode == 0, proc.stderr
    assert html.read_text(encoding="utf-8").count('<li class="module ') >= 3  # modules to print
    pdf = artifacts / f"report-print-{role}-{lang}-{kind}.pdf"
    pages = pdf_pages(html, pdf)
    assert 1 <= pages <= 3, f"{pages} pages: {pdf}"
    text = subprocess.run(
        [require_tool("pdftotext"), "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    last = [line for line in text.split("\f")[pages - 1].splitlines() if line.strip()]
    assert len(last) > 2, f"the last page holds only {last}"


@pytest.mark.parametrize("command, suffix", [("compare", "html"), ("plan", "html")])
def test_compare_and_plan_print_in_the_reports_style(tmp_path, command, suffix):
    out = tmp_path / f"{command}.{suffix}"
    proc = run_cli(
        "--data",
        str(FIXTURES / "tandem"),
        command,
        str(TANDEM / "lange-2025.json"),
        str(TANDEM / "yilmaz-2025.json"),
        "-o",
        str(out),
    )
    assert proc.returncode == 0, proc.stderr
    page = out.read_text(encoding="utf-8")
    # the shared style of every page (page_style.css): the report's font, A4 paper
    assert '"Segoe UI", Helvetica' in page and "size: A4" in page
    assert "thead { display: table-header-group; }" in page
    assert pdf_pages(out, tmp_path / f"{command}.pdf") >= 1
