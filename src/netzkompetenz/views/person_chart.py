"""The person report's chart: the profile against the target as SVG geometry (placed by
templates/person_chart.svg) and as a text bar for Markdown."""

from __future__ import annotations

from typing import Any

# Chart geometry (SVG user units). Label column on the left, bars 0-100 % on the right.
CHART_WIDTH = 680
CHART_LABEL_WIDTH = 270
CHART_BAR_WIDTH = 360
CHART_ROW = 34
CHART_BAR = 16
CHART_TOP = 28
CHART_BOTTOM = 40
CHART_LABEL_CHARS = 36


def text_bar(percent: float | None, target: float, cells: int = 20) -> str:
    """The chart for Markdown: one cell per 5 %, filled up to the score, "│" at the target;
    dots where there are not enough answers."""
    filled = 0 if percent is None else round(percent / 100 * cells)
    bar = ["█" if n < filled else ("·" if percent is None else "░") for n in range(cells)]
    bar.insert(round(target / 100 * cells), "│")
    return "".join(bar)


def label_lines(label: str, width: int = CHART_LABEL_CHARS, lines: int = 2) -> list[str]:
    """A chart label on at most two lines, broken at spaces; "…" when it is still longer."""
    out: list[str] = []
    words = label.split()
    while words and len(out) < lines:
        line = words.pop(0)
        while words and len(line) + 1 + len(words[0]) <= width:
            line += " " + words.pop(0)
        out.append(line)
    if words:
        out[-1] += " " + " ".join(words)
    return [line if len(line) <= width else line[: width - 1].rstrip() + "…" for line in out]


def chart_geometry(dimensions: list[dict[str, Any]]) -> dict[str, Any]:
    """Positions for the profile-against-target chart; one row per dimension."""
    x0 = CHART_LABEL_WIDTH
    rows = []
    for n, dim in enumerate(dimensions):
        y = CHART_TOP + n * CHART_ROW
        percent = dim["percent"]
        bar = 0.0 if percent is None else round(percent / 100 * CHART_BAR_WIDTH, 1)
        target_x = round(x0 + dim["target"] / 100 * CHART_BAR_WIDTH, 1)
        # The value sits right of the bar, or inside it (white) when the bar is long; it
        # moves aside when the target line would run through it.
        inside = bar > CHART_BAR_WIDTH - 60
        if inside:
            end = x0 + bar
            value_x = min(end, target_x) - 6 if end - 34 <= target_x <= end + 2 else end - 6
        else:
            start = x0 + bar
            value_x = target_x + 6 if start - 2 <= target_x <= start + 30 else start + 6
        rows.append(
            {
                "id": dim["id"],
                "lines": label_lines(f"{dim['id']} {dim['title']}"),
                "title": dim["title"],
                "enough": dim["enough"],
                "y": y,
                "bar_y": y + (CHART_ROW - CHART_BAR) / 2,
                "bar_width": bar,
                "text_y": y + CHART_ROW / 2 + 4,
                "value_inside": inside,
                "value_x": round(value_x, 1),
                "target_x": target_x,
                "percent_text": dim["percent_text"],
                "target_text": dim["target_text"],
            }
        )
    height = CHART_TOP + len(rows) * CHART_ROW + CHART_BOTTOM
    ticks = [
        {"x": round(x0 + t / 100 * CHART_BAR_WIDTH, 1), "label": str(t)}
        for t in (0, 25, 50, 75, 100)
    ]
    bottom = CHART_TOP + len(rows) * CHART_ROW
    return {
        "width": CHART_WIDTH,
        "height": height,
        "x0": x0,
        "bar_width": CHART_BAR_WIDTH,
        "top": CHART_TOP,
        "bottom": bottom,
        "legend_y": bottom + 26,
        "rows": rows,
        "ticks": ticks,
    }
