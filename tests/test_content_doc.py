"""docs/content.md against the bundled content: the claims a reader checks by counting.

The seed coverage table's total is the sum of its rows and names only items that exist; each
reversal in the table under "Reverse items" names a regular item of its own dimension as the
behaviour it reverses (or is one of the exceptions the section names). Both were claims a
fresh expert read found wrong once (content 3.0, second read), so they are counted here from
the document and the questionnaires, not restated.
"""

from __future__ import annotations

import re

from helpers import ROOT
from netzkompetenz.core.model import Item, Profile, Questionnaire
from test_content import catalog, pairs  # noqa: F401  (fixtures)

ITEM_ID = re.compile(r"\b[KF]\d_\d\d\b")


def _doc() -> str:
    return (ROOT / "docs" / "content.md").read_text(encoding="utf-8")


def _section(doc: str, heading: str) -> str:
    return doc.split(heading, 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]


def _rows(section: str) -> list[list[str]]:
    """The body rows of the first Markdown table in a section, as stripped cells."""
    lines = [ln for ln in section.splitlines() if ln.startswith("|")]
    return [[c.strip() for c in ln.strip("|").split("|")] for ln in lines[2:]]


def _items(pairs: list[tuple[Profile, Questionnaire]]) -> dict[str, Item]:  # noqa: F811
    return {i.id: i for _, q in pairs for i in q.items}


def test_coverage_total_is_the_sum_of_the_table(pairs):  # noqa: F811
    doc = _doc()
    section = _section(doc, "## Seed topics and coverage")
    rows = _rows(section)
    assert len(rows) >= 40
    known = _items(pairs)
    total = 0.0
    for number, _topic, items, score in rows:
        value = re.match(r"\d+(\.5)?", score)
        assert value, f"topic {number}: no score in {score!r}"
        total += float(value.group())
        for item_id in ITEM_ID.findall(items):
            assert item_id in known, f"topic {number} names {item_id}, not an item of 3.0"
    share = round(100 * total / len(rows), 1)
    assert f"**Result: {total:g} of {len(rows)} = {share} %**" in section
    assert share >= 90


def test_each_reversal_names_a_regular_twin_of_its_dimension(pairs):  # noqa: F811
    doc = _doc()
    section = _section(doc, "### Reverse items")
    narrative = section.split("\n|", 1)[0]
    known = _items(pairs)
    reverse = {i for i, item in known.items() if item.reverse}
    listed = set()
    for reversal, twin, _why in _rows(section):
        item_id = reversal.split()[0]
        assert item_id in reverse, f"{item_id} is listed as a reversal but is not reverse-keyed"
        listed.add(item_id)
        dimension = known[item_id].dimension
        if twin.startswith("none"):
            # an exception must be named as one in the section's text
            assert f"except {item_id}" in narrative, f"{item_id} has no twin and is not named"
            continue
        twins = [t for t in ITEM_ID.findall(twin) if t in known]
        regular = [t for t in twins if not known[t].reverse and known[t].dimension == dimension]
        assert regular, f"{item_id}: no regular item of {dimension} among {twins}"
    assert listed == reverse
