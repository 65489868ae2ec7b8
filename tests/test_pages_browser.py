"""Every page type, in German and English, in real headless Chromium: on paper it holds
every text the screen shows, and it is accessible beyond the automatic check (issue 22,
items 4 and 6).

The pages are built once per language through the command line (tests/pages.py), each is
printed once with `--print-to-pdf` and read back with pdftotext, and one Chromium (DevTools
protocol, helpers.Browser) opens each page for axe-core (tests/a11y: `npm ci` there, as
.ci/run does), the 200 % zoom check and the screen text.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from helpers import ROOT, open_browser, pdf_pages, require_tool
from pages import PAGE_TYPES, SITUATION, build_pages

pytestmark = pytest.mark.browser

LANGS = ("de", "en")
AXE = ROOT / "tests" / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
# the text a sighted reader sees: text nodes that are rendered, not the SVG's title and desc
# (they are for screen readers) and not what is hidden on screen
SCREEN_TEXT = """(() => {
  const out = [], walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    const element = walk.currentNode.parentElement;
    if (element.closest("title, desc, style, .visually-hidden") || !element.checkVisibility())
      continue;
    out.push(walk.currentNode.data);
  }
  return out.join(" ");
})()"""
# the most A4 pages a page type may take on paper (issue 22.4: report 3, plan 4; the test
# tandem's guide fits on one sheet, agreement form included)
MOST_PAGES = {"report": 3, "batchperson": 3, "plan": 4, "guide": 1}
# the pages whose print type is 9 pt at least (issue 22.4; UX review m15): 12 CSS px
READABLE = ("report", "batchperson", "plan")
# the size of every text a sighted reader sees on paper, the chart's SVG text aside (its
# numbers are in the table beside it): [size in px, element] of those below 12 px
SMALL_TYPE = """(() => {
  const out = [], walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    const element = walk.currentNode.parentElement;
    if (!walk.currentNode.data.trim() || element.closest("svg, style")
        || !element.checkVisibility()) continue;
    const size = parseFloat(getComputedStyle(element).fontSize);
    if (size < 12) out.push([size, element.tagName + "." + element.className]);
  }
  return out;
})()"""


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def paper_words(text: str) -> set[str]:
    """The words of pdftotext's output, with a word hyphenated at a line end also whole."""
    joined = re.sub(r"(\w)-\n\s*(\w)", r"\1\2", text)
    return set(words(text)) | set(words(joined))


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[tuple[str, str], Path]:
    built = {}
    for lang in LANGS:
        for kind, path in build_pages(tmp_path_factory.mktemp(f"pages-{lang}"), lang).items():
            built[(lang, kind)] = path
    return built


@pytest.fixture(scope="module")
def printed(pages, tmp_path_factory) -> dict[tuple[str, str], list[str]]:
    """Each page printed once: the text of every A4 page."""
    pdftotext = require_tool("pdftotext")
    folder = tmp_path_factory.mktemp("pdf")
    found = {}
    for (lang, kind), html in pages.items():
        pdf = folder / f"{kind}-{lang}.pdf"
        count = pdf_pages(html, pdf)
        text = subprocess.run(
            [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        sheets = text.split("\f")[:count]
        assert len(sheets) == count, (kind, lang)
        found[(lang, kind)] = sheets
    return found


@pytest.fixture(scope="module")
def browser():
    with open_browser() as b:
        # the pages allow no scripts (Content-Security-Policy): axe is injected past it
        b.call("Page.setBypassCSP", {"enabled": True}, session=True)
        yield b


@pytest.fixture(scope="module")
def axe_source() -> str:
    require_tool("node")
    if not AXE.is_file():
        message = "axe-core not installed: cd tests/a11y && npm ci"
        if os.environ.get("CI"):
            pytest.fail(message + " (.ci/run must install it)")
        pytest.skip(message)
    return AXE.read_text(encoding="utf-8")


CASES = [(lang, kind) for lang in LANGS for kind in PAGE_TYPES]


@pytest.mark.parametrize("lang, kind", CASES)
def test_paper_holds_every_text_of_the_screen(browser, pages, printed, lang, kind):
    browser.viewport(1280, 900)
    browser.open(pages[(lang, kind)].as_uri())
    screen = words(browser.evaluate(SCREEN_TEXT))
    sheets = printed[(lang, kind)]
    paper = paper_words("\n".join(sheets))
    assert len(screen) > 100
    missing = [w for w in screen if w not in paper]
    assert not missing, f"{kind} ({lang}): not on paper: {missing[:30]}"
    assert len(sheets) <= MOST_PAGES.get(kind, 10), f"{kind} ({lang}): {len(sheets)} pages"
    if len(sheets) > 1:
        last = [line for line in sheets[-1].splitlines() if line.strip()]
        assert len(last) > 2, f"{kind} ({lang}): the last page holds only {last}"


@pytest.mark.parametrize("lang, kind", [(lang, kind) for lang in LANGS for kind in READABLE])
def test_print_type_is_nine_points_at_least(browser, pages, lang, kind):
    browser.call("Emulation.setEmulatedMedia", {"media": "print"}, session=True)
    try:
        browser.viewport(794, 1123)  # A4 at 96 dpi
        browser.open(pages[(lang, kind)].as_uri())
        small = browser.evaluate(SMALL_TYPE)
        assert browser.evaluate("document.body.innerText.length") > 1000
    finally:
        browser.call("Emulation.setEmulatedMedia", {"media": ""}, session=True)
        browser.viewport(1280, 900)
    assert not small, f"{kind} ({lang}): type below 9 pt on paper: {small[:10]}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_situation_answers_are_not_cut_at_the_right_edge(browser, pages, printed, lang):
    """Every word of each 'Your situation' answer on the report's first page, as on screen
    (the long answers fell off the right edge of the paper)."""
    browser.open(pages[(lang, "report")].as_uri())
    answers = browser.evaluate(
        "[...document.querySelectorAll('dl.context dd')].map(d => d.textContent)"
    )
    assert len(answers) == len(SITUATION)  # the context the test person gave
    first = paper_words(printed[(lang, "report")][0])
    for answer in answers:
        assert set(words(answer)) <= first, answer


@pytest.mark.parametrize("lang", LANGS)
def test_the_guides_agreement_form_is_on_its_first_page(printed, lang):
    sheets = printed[(lang, "guide")]
    heading = {"de": "Unsere vereinbarten Prioritäten", "en": "Our agreed priorities"}[lang]
    signature = {"de": "Unterschriften", "en": "Signatures"}[lang]
    on = [n for n, sheet in enumerate(sheets) if heading in sheet]
    # whole, and on the first page: it fits there (the test tandem's guide is one sheet)
    assert on == [0] and signature in sheets[0]


@pytest.mark.parametrize("lang, kind", CASES)
def test_every_page_is_accessible(browser, pages, axe_source, lang, kind):
    uri = pages[(lang, kind)].as_uri()
    # 200 % zoom of a 1280 px screen: the page itself never scrolls sideways
    browser.viewport(640, 900)
    browser.open(uri)
    assert browser.evaluate("document.documentElement.scrollWidth") <= 640
    browser.viewport(1280, 900)
    browser.open(uri)
    assert browser.evaluate("document.querySelectorAll('main').length") == 1
    # every table named and with header cells; a region that scrolls can be reached and named
    tables = browser.evaluate(
        "[...document.querySelectorAll('table')].map(t => ["
        " t.caption?.textContent.trim() || '', t.querySelectorAll('th').length,"
        " [...t.querySelectorAll('th')].every(h => h.textContent.trim())])"
    )
    assert tables and all(caption and th and named for caption, th, named in tables), tables
    regions = browser.evaluate(
        "[...document.querySelectorAll('.wide')].map(r => [r.tabIndex, r.getAttribute('role'),"
        " r.getAttribute('aria-label') || r.getAttribute('aria-labelledby')])"
    )
    assert all(tab == 0 and role == "region" and label for tab, role, label in regions)
    browser.evaluate(axe_source + ";0")
    violations = browser.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: "
        + json.dumps(AXE_TAGS)
        + "}}).then(r => r.violations.map("
        "v => [v.id, v.nodes.map(n => n.target.join(' ')).slice(0, 3)]))",
        timeout=60,
    )
    assert violations == [], f"{kind} ({lang}): {violations}"


# The colours as Chromium renders them: [what, colour, the colour it is seen against] for
# every graphic part that carries meaning. The person chart: each bar on its track and the
# page, the target line on the bar, the track and the page, the scale's grid and the legend's
# keys; the tandem's mini-bars: the fill on the track, the target on both and on the cell,
# the track's edge (its 100 %) on the cell; the cohort's box plots: the axis, the whiskers
# on the axis, the box's outline, the median and the target on the box and the cell.
GRAPHICS = """(() => {
  const style = e => getComputedStyle(e), out = [];
  const behind = e => {
    for (let up = e.parentElement; up; up = up.parentElement) {
      const c = style(up).backgroundColor;
      if (c !== "rgba(0, 0, 0, 0)" && c !== "transparent") return c;
    }
    return "rgb(255, 255, 255)";
  };
  const stroke = e => style(e).stroke, fill = e => style(e).fill;
  for (const svg of document.querySelectorAll("figure.chart svg")) {
    const page = behind(svg);
    svg.querySelectorAll(":scope > line").forEach(l => out.push(["grid", stroke(l), page]));
    for (const g of svg.querySelectorAll(":scope > g")) {
      const rects = [...g.querySelectorAll(":scope > rect")];
      const line = g.querySelector(":scope > line");
      if (!g.querySelector(":scope > title")) {  // the legend: its keys on the page
        rects.forEach(r => out.push(["legend key", fill(r), page]));
        if (line) out.push(["legend line", stroke(line), page]);
        continue;
      }
      const track = fill(rects[0]);
      out.push(["target on track", stroke(line), track], ["target on page", stroke(line), page]);
      if (rects[1]) out.push(["bar on track", fill(rects[1]), track],
        ["bar on page", fill(rects[1]), page], ["target on bar", stroke(line), fill(rects[1])]);
    }
  }
  for (const bar of document.querySelectorAll("span.bar")) {
    const cell = behind(bar), track = style(bar).backgroundColor;
    const fillColour = style(bar.querySelector(".fill")).backgroundColor;
    const target = style(bar.querySelector(".target")).backgroundColor;
    const edge = style(bar).borderTopStyle === "none" ? track : style(bar).borderTopColor;
    out.push(["mini-bar fill on track", fillColour, track], ["track's edge on cell", edge, cell],
      ["mini-bar target on fill", target, fillColour], ["mini-bar target on track", target, track],
      ["mini-bar target on cell", target, cell]);
  }
  for (const svg of document.querySelectorAll("td svg")) {
    const cell = behind(svg), [axis, whisker, median, target] = svg.querySelectorAll("line");
    const box = svg.querySelector("rect");
    out.push(["axis", stroke(axis), cell], ["whisker on axis", stroke(whisker), stroke(axis)],
      ["whisker on cell", stroke(whisker), cell], ["box outline", stroke(box), cell],
      ["median on box", stroke(median), fill(box)], ["target on box", stroke(target), fill(box)],
      ["target on cell", stroke(target), cell]);
  }
  return out;
})()"""


def luminance(colour: str) -> float:
    """WCAG's relative luminance of an `rgb(r, g, b)` as getComputedStyle gives it."""
    channels = [int(c) / 255 for c in re.findall(r"\d+", colour)[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("kind", ["report", "batchperson", "compare", "cohort"])
def test_every_graphic_that_carries_meaning_has_three_to_one(browser, pages, kind):
    """WCAG 1.4.11 (a11y review M2, M3, M5), from the colours Chromium renders: each bar,
    box, line and key at least 3:1 against what it is seen on."""
    browser.viewport(1280, 900)
    browser.open(pages[("de", kind)].as_uri())
    parts = browser.evaluate(GRAPHICS)
    assert len(parts) >= 20, parts  # the page has its graphics
    weak = [(what, a, b, round(contrast(a, b), 2)) for what, a, b in parts if contrast(a, b) < 3]
    assert not weak, f"{kind}: {weak[:8]}"


def test_the_charts_numbers_are_in_a_table_too(browser, pages):
    browser.open(pages[("de", "report")].as_uri())
    rows = browser.evaluate("document.querySelectorAll('table.scores tbody tr').length")
    assert rows == browser.evaluate(
        "document.querySelectorAll('figure.chart svg g > rect + rect').length"
    )


def test_beyond_noise_is_said_in_words(browser, pages):
    for lang, said in (("de", "über dem Messrauschen"), ("en", "beyond noise")):
        browser.open(pages[(lang, "cohortchange")].as_uri())
        cells = browser.evaluate(
            "[...document.querySelectorAll('#people td.num')].map(c => [c.className, c.innerText])"
        )
        beyond = [text for kind, text in cells if "noise" not in kind]
        within = [text for kind, text in cells if "noise" in kind]
        assert beyond and within
        assert all(said in text for text in beyond) and not any(said in t for t in within)


def test_modules_head_the_columns_by_name_and_abbreviations_are_spelled_out(browser, pages):
    browser.open(pages[("en", "cohort")].as_uri())
    text = browser.evaluate("document.body.innerText")
    assert "SD: standard deviation" in text and "Q1 and Q3: first and third quartile" in text
    assert "α: Cronbach's alpha" in text
    for kind, table in (("cohort", "table.stack"), ("plan", "#organisations")):
        browser.open(pages[("en", kind)].as_uri())
        heads = browser.evaluate(
            f"[...document.querySelectorAll('{table} thead th')].slice(1).map(h => h.textContent)"
        )
        assert heads and not any(h.strip().isdigit() for h in heads), heads


@pytest.mark.parametrize("lang", LANGS)
def test_the_report_shows_its_levels_as_one_scale_said_once(browser, pages, lang):
    """UX review m18 and m15: the three levels as a scale, each level's description said
    once (not under every dimension, which made the print long), each dimension's level
    with its place on the scale; on paper a module's facts read "Format: Präsenz"."""
    browser.viewport(1280, 900)
    browser.open(pages[(lang, "report")].as_uri())
    scale = browser.evaluate("[...document.querySelectorAll('ol.levels li')].map(l => l.innerText)")
    assert len(scale) == 3, scale
    text = browser.evaluate("document.body.innerText")
    for level in scale:
        description = level.split(": ", 1)[1]
        assert text.count(description) == 1, description
    anchors = browser.evaluate("[...document.querySelectorAll('p.anchor')].map(p => p.innerText)")
    of = {"de": "von", "en": "of"}[lang]
    assert anchors and all(re.search(rf"\(\d {of} 3\)", a) for a in anchors), anchors
    browser.call("Emulation.setEmulatedMedia", {"media": "print"}, session=True)
    try:
        after = browser.evaluate(
            "getComputedStyle(document.querySelector('li.module .facts dt'), '::after').content"
        )
    finally:
        browser.call("Emulation.setEmulatedMedia", {"media": ""}, session=True)
    assert after == '": "'
