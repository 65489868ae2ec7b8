"""The HTML report in real headless Chromium (Debian's chromium; .ci/run installs it),
driven over the DevTools protocol (helpers.Browser), so that the test sees every request the
page makes and every console message, not only the final DOM.
"""

from __future__ import annotations

import pytest

from helpers import FIXTURES, MINI, open_browser, run_cli

pytestmark = pytest.mark.browser

XSS = "<script>alert(1)</script>"


def requests(events: list[dict]) -> list[str]:
    return [
        e["params"]["request"]["url"]
        for e in events
        if e.get("method") == "Network.requestWillBeSent"
    ]


def errors(events: list[dict]) -> list[dict]:
    return [
        e
        for e in events
        if (
            e.get("method") == "Runtime.consoleAPICalled"
            and e["params"]["type"] in ("error", "assert")
        )
        or e.get("method") == "Runtime.exceptionThrown"
        or (e.get("method") == "Log.entryAdded" and e["params"]["entry"]["level"] == "error")
    ]


@pytest.fixture(scope="module")
def browser():
    with open_browser() as b:
        yield b


def test_html_report_renders_in_chromium_without_requests_or_errors(browser, tmp_path, artifacts):
    report = tmp_path / "bericht.html"
    proc = run_cli(
        "--data",
        str(MINI),
        "report",
        str(FIXTURES / "answers" / "mini-xss.json"),
        str(FIXTURES / "answers" / "mini-partial.json"),
        "-o",
        str(report),
    )
    assert proc.returncode == 0, proc.stderr
    events = browser.open(report.as_uri())
    # The only request is the file itself: no fonts, images, scripts or styles from outside.
    assert requests(events) == [report.as_uri()]
    assert errors(events) == []
    # The hostile name is text: no <script> element, the heading shows it literally.
    assert browser.evaluate("document.querySelectorAll('script').length") == 0
    headings = browser.evaluate("[...document.querySelectorAll('h1')].map(h => h.textContent)")
    assert headings == [f"Kompetenzprofil: {XSS}", "Kompetenzprofil: Max Beispiel"]
    assert browser.evaluate("document.documentElement.lang") == "de"
    # The organisation's <b> stayed text too.
    assert browser.evaluate("document.querySelectorAll('article b').length") == 0
    # The chart is drawn: one score bar per scored dimension, a label for each dimension.
    charts = browser.evaluate(
        "[...document.querySelectorAll('svg[role=img]')].map(s => "
        "[s.getBoundingClientRect().width, s.querySelectorAll('rect[fill=\"#3d7cc9\"]').length])"
    )
    assert len(charts) == 2
    assert all(width > 300 for width, _ in charts)
    # XSS person: A and B scored (2 bars + legend); partial person: only B (1 bar + legend).
    assert [bars for _, bars in charts] == [3, 2]
    browser.screenshot(artifacts / "report-xss.png")
    assert (artifacts / "report-xss.png").stat().st_size > 10_000


def test_the_browser_check_does_see_requests_and_errors(browser, tmp_path):
    """The checks above can fail: a page that fetches and logs an error is caught."""
    page = tmp_path / "canary.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><body>'
        '<img src="http://127.0.0.1:9/pixel.png" alt="">'
        '<script>console.error("broken")</script></body></html>'
    )
    events = browser.open(page.as_uri())
    assert "http://127.0.0.1:9/pixel.png" in requests(events)
    assert errors(events)


def test_v2_report_in_chromium_shows_situation_anchors_reflection_and_capped_list(
    browser, tmp_path, artifacts
):
    """The bundled v2 coordinator content, answered with context, framework, a hostile
    reflection and both no-score answers: the page renders without requests or errors,
    the reflection stays text, and the sections are where a reader looks for them."""
    from netzkompetenz.core.answers import Respondent
    from netzkompetenz.io.answers_file import new_answers, write_answers
    from netzkompetenz.io.catalog import Catalog

    catalog = Catalog.load([])
    profile = catalog.profile_for_role("coordinator")
    q = catalog.questionnaire_of(profile)
    answers = new_answers(
        q, profile.id, Respondent(name="Anna Beispiel", organisation="Stadt X"), "de"
    )
    pattern = [3, 2, 4, 3, "cannot_judge", 3, "not_applicable", 4]
    answers.values = {i.id: pattern[n % len(pattern)] for n, i in enumerate(q.items)}
    answers.context = {
        "employer": "traeger",
        "field": "jugend",
        "tenure": "ein_bis_drei_jahre",
        "phase": "laufend",
    }
    answers.framework = {f.id: ("yes", "no", "unknown")[n % 3] for n, f in enumerate(q.framework)}
    answers.reflections = {"K1": f"Im Mai {XSS}\nzwei Zeilen.", "K3": "Ein Beispiel."}
    answers.status = "complete"
    path = tmp_path / "anna.json"
    write_answers(path, answers)
    report = tmp_path / "anna.html"
    proc = run_cli("report", str(path), "-o", str(report))
    assert proc.returncode == 0, proc.stderr
    events = browser.open(report.as_uri())
    assert requests(events) == [report.as_uri()] and errors(events) == []
    assert browser.evaluate("document.querySelectorAll('script').length") == 0
    quotes = browser.evaluate(
        "[...document.querySelectorAll('figure.reflection blockquote')].map(b => b.innerText)"
    )
    assert quotes == [f"Im Mai {XSS}\nzwei Zeilen.", "Ein Beispiel."]
    h2 = browser.evaluate("[...document.querySelectorAll('h2')].map(h => h.textContent)")
    assert h2.index("Ihre Situation") < h2.index("Ihr Profil im Vergleich zum Zielprofil")
    assert browser.evaluate("document.querySelectorAll('table.framework tbody tr').length") == len(
        q.framework
    )
    assert browser.evaluate("document.querySelectorAll('p.anchor').length") == len(q.dimensions)
    assert browser.evaluate("document.querySelectorAll('ol.modules > li').length") == 3
    assert browser.evaluate("document.querySelector('ol.further').start") == 4
    # the context list is readable: each question above its answer, not squeezed
    widths = browser.evaluate(
        "[...document.querySelectorAll('dl.context dd')].map(d => d.getBoundingClientRect().width)"
    )
    assert widths and min(widths) > 300
    browser.screenshot(artifacts / "report-v2.png")
    assert (artifacts / "report-v2.png").stat().st_size > 10_000
