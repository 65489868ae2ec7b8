"""The HTML report in real headless Chromium (Debian's chromium; .ci/run installs it).

Chromium is driven over the DevTools protocol on a pipe (--remote-debugging-pipe: requests
on fd 3, replies on fd 4, each a JSON message ending in a NUL byte), so that the test sees
every request the page makes and every console message, not only the final DOM.
"""

from __future__ import annotations

import base64
import json
import os
import select
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from helpers import FIXTURES, MINI, require_tool, run_cli

pytestmark = pytest.mark.browser

XSS = "<script>alert(1)</script>"


class Browser:
    """Just enough of the DevTools protocol: call a method, collect the events."""

    def __init__(self, chromium: str, profile: Path) -> None:
        to_child, self._out = os.pipe()
        self._in, from_child = os.pipe()

        def wire() -> None:  # runs in the child: fd 3 = our requests, fd 4 = its replies
            a, b = os.dup(to_child), os.dup(from_child)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.proc = subprocess.Popen(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--hide-scrollbars",
                f"--user-data-dir={profile}",
                "--window-size=1000,1400",
                "--remote-debugging-pipe",
                "about:blank",
            ],
            pass_fds=(to_child, from_child, 3, 4),
            preexec_fn=wire,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_child)
        os.close(from_child)
        self._buffer = b""
        self._id = 0
        self.events: list[dict] = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        for domain in ("Network", "Runtime", "Log", "Page"):
            self.call(f"{domain}.enable", session=True)

    def _receive(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("chromium did not answer in time")
            ready, _, _ = select.select([self._in], [], [], left)
            if ready:
                chunk = os.read(self._in, 1 << 16)
                if not chunk:
                    raise EOFError("chromium closed the pipe")
                self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def call(
        self, method: str, params: dict | None = None, *, session: bool = False, timeout: float = 20
    ) -> dict:
        self._id += 1
        message = {"id": self._id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        os.write(self._out, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._receive(deadline)
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]
            self.events.append(reply)

    def open(self, url: str, timeout: float = 20) -> list[dict]:
        """Load a page; return the events it caused (requests, console, log)."""
        self.events = []
        self.call("Page.navigate", {"url": url}, session=True)
        deadline = time.monotonic() + timeout
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events):
            self.events.append(self._receive(deadline))
        return self.events

    def evaluate(self, expression: str):
        result = self.call(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=True
        )
        return result["result"]["value"]

    def screenshot(self, path: Path) -> None:
        shot = self.call(
            "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}, session=True
        )
        path.write_bytes(base64.b64decode(shot["data"]))

    def close(self) -> None:
        try:
            self.call("Browser.close", timeout=5)
        except (TimeoutError, EOFError, RuntimeError, OSError):
            pass
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._in)
        os.close(self._out)


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
    chromium = require_tool("chromium", "chromium-browser")
    with tempfile.TemporaryDirectory() as profile:
        b = Browser(chromium, Path(profile))
        try:
            yield b
        finally:
            b.close()


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
        "[s.getBoundingClientRect().width, s.querySelectorAll('rect[fill=\"#1f4e79\"]').length])"
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
    from netzkompetenz.core.answers import Respondent, new_answers
    from netzkompetenz.io.answers_file import write_answers
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
