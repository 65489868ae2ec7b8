"""The check's screen at 80x24 and 40x12, typed in a real terminal (tmux) from the first
question to the report (UX review 2026-12, m1–m6, m12): every answer is echoed with its
words whole – a scale label, a context option that wraps, a long example – the
introduction's first line is on the screen before the first question, and the question
counts agree (the introduction's "bis zu N", the progress line, the end)."""

from __future__ import annotations

import re
import shlex
import sys

import pytest

from helpers import ROOT, Terminal, words_whole
from netzkompetenz.core.checkflow import Walk
from walk import (
    CONTEXT,
    REFLECTION,
    answer_key,
    answer_step,
    bundled_coordinator,
    pattern,
    plan,
    question_total,
)

pytestmark = pytest.mark.terminal

# long words and a long sentence: typed as the first example (m3)
EXAMPLE = (
    "Gemeinsam mit der Kinderärztin und der Familienhebamme haben wir die veraltete "
    "Netzwerkkarte überarbeitet und Zuständigkeiten zwischen Jugendamt und Beratungsstellen "
    "geklärt"
)


def example_first(questionnaire, step):
    if step.startswith(REFLECTION) and pattern(questionnaire, step):
        return EXAMPLE
    return pattern(questionnaire, step)


def broken(lines: list[str], width: int, words: set[str]) -> list[str]:
    """Places where the terminal broke a word: a full line whose last token and the next
    line's first make one of the known `words` ("trifft eh|er", "Beispie|l")."""
    return [
        f"{a!r} | {b!r}"
        for a, b in zip(lines, lines[1:], strict=False)
        if len(a) == width
        and a.split()
        and b.split()
        and a[-1] != " "
        and not b[0].isspace()
        and a.split()[-1] + b.split()[0] in words
    ]


def vocabulary(q) -> set[str]:
    """Every word the check shows from the questionnaire, and the example typed."""
    texts = [q.description["de"], EXAMPLE, q.scale.cannot_judge["de"], q.scale.not_applicable["de"]]
    texts += [p.label["de"] for p in q.scale.points]
    texts += [i.text["de"] for i in q.items] + [f.text["de"] for f in q.framework]
    texts += [c.text["de"] for c in q.context]
    texts += [o.label["de"] for c in q.context for o in c.options]
    texts += [t for d in q.dimensions for t in (d.title["de"], d.description["de"])]
    texts += [d.reflection["de"] for d in q.dimensions if d.reflection]
    return {w for t in texts for w in t.split()}


def at_item(n: int, total: int):
    def shown(lines: list[str]) -> bool:
        # the live list ("0) ") and where one is: the progress line, or in a short window
        # the same in front of the question
        where = (f"Frage {n} von etwa {total}", f"? {n}/{total} · ")
        return any(w in line for w in where for line in lines) and any(
            line.strip().startswith("0) ") for line in lines
        )

    return shown


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
def test_a_full_check_keeps_every_word_whole_and_counts_alike(tmp_path, size, artifacts):
    _, q = bundled_coordinator()
    asked = plan(q, answer=example_first, context=CONTEXT)
    total, about = question_total(q, CONTEXT)
    most, _ = Walk(q, {}).total()  # before the questions about one's situation
    context = {c.id: c for c in q.context}
    chosen = [
        context[k].options[[o.id for o in context[k].options].index(v)] for k, v in CONTEXT.items()
    ]
    echoed = [o.label["de"] for o in chosen] + [EXAMPLE]
    echoed += [p.label["de"] for p in q.scale.points] + [q.scale.not_applicable["de"]]
    term = Terminal(*size)
    try:
        term.start(tmp_path, env={"PYTHONPATH": str(ROOT / "src")})
        term.type(
            f"{shlex.quote(sys.executable)} -m netzkompetenz check --role coordinator "
            f"--lang de --answers {tmp_path / 'a.json'}"
        )
        term.wait_for("Name oder Pseudonym:")
        term.type("Alex")
        term.wait_for("Organisation")
        term.send("Enter")
        term.wait_for("Tandem")
        term.send("Enter")
        # the introduction pauses before its first line scrolls away (m4)
        first_words = " ".join(q.description["de"].split()[:4])
        screen = term.wait_for("Weiter mit Enter", through_pauses=False)
        assert any(line.startswith(first_words) for line in screen.splitlines()), screen
        # the introduction takes many pauses in a small window: through them with time to spare
        term.wait_for(f"1/{len(q.context)}", after="1) ", timeout=90)
        for n, question in enumerate(q.context, 1):
            term.wait_for(f"{n}/{len(q.context)}", after="1) ")
            value = CONTEXT.get(question.id)
            term.send(str([o.id for o in question.options].index(value) + 1) if value else "0")
            term.send("Enter")
        n = 0
        for step, value in asked:
            if step not in {i.id for i in q.items}:
                answer_step(term, q, step, value, n + 1)
                continue
            n += 1
            term.wait_until(at_item(n, total), f"question {n}")
            term.send(answer_key(q, value), "Enter")
        term.wait_for("Alle Fragen sind beantwortet.")
        term.send("Enter")
        # the profile is longer than the window: it waits before the menu pushes it away (m8)
        screen = term.wait_for("Weiter mit Enter", through_pauses=False)
        assert "Priorität 1 von 3" not in screen
        assert re.search(r"Empfohlene Module|\d\. |Ziel|im Mittel", screen), screen
        term.wait_for("Priorität 1 von 3", after="0 = fertig")
        term.send("0", "Enter")
        assert term.finished() == 0
        history = term.screen(history=True, joined=False).splitlines()
        joined = term.screen(history=True)
    finally:
        term.close()
    (artifacts / f"check-screen-{size[0]}x{size[1]}.txt").write_text(
        "\n".join(history), encoding="utf-8"
    )
    cuts = broken(history, size[0], vocabulary(q))
    assert not cuts, cuts
    assert not words_whole(echoed, history)
    # one count everywhere: the most there can be before the situation, then the progress
    flat = " ".join(joined.split())
    assert about and f"Bis zu {most} Fragen" in flat
    assert set(re.findall(r"Frage \d+ von etwa (\d+)", flat)) <= {str(total)}
    assert set(re.findall(r"\? \d+/(\d+) · ", joined)) <= {str(total), str(len(q.context))}
    assert f"Frage {n} von etwa {total}" in flat or f"{n}/{total} · " in flat
    # the report as a link and the command that opens it (m12)
    report = tmp_path / "a.html"
    assert report.exists()
    assert report.as_uri() in flat.replace(" ", "") or report.as_uri() in joined.replace("\n", "")
    assert "xdg-open" in flat or "open " in flat
