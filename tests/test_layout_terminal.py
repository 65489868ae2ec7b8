"""The check in small windows, in a real terminal (tmux): at 80x24 and at 40x12 every
question (context, item, reflection, framework condition), its answers and "zurück" are on
the screen while it is asked, with the progress line for items; no word is broken over two
lines (the question, the answers, the dimension texts), no id or level is cut; the summary
at the end likewise. Paths are left out of the word check: they have no spaces to break at,
the terminal wraps them where it must."""

from __future__ import annotations

import shlex
import sys
import textwrap

import pytest

from helpers import MINI, NO_OPPORTUNITY, ROOT, Terminal, run_cli, words_whole
from walk import (
    FRAMEWORK,
    REFLECTION,
    answer_key,
    answer_step,
    bundled_coordinator,
    plan,
    question_total,
)

pytestmark = pytest.mark.terminal


def physical(term: Terminal, history: bool = False) -> list[str]:
    """The screen's lines as drawn (not joined), without the lines holding a path."""
    return [
        line
        for line in term.screen(history=history, joined=False).splitlines()
        if "/" not in line or "·" in line
    ]


def fits(size, question: str, answers: list[str]) -> bool:
    """Whether a question and its answers, each wrapped as the check wraps them, fit the
    window's rows."""
    return (
        len(textwrap.wrap(question, size[0] - 3))
        + sum(len(textwrap.wrap(a, size[0] - 7)) for a in answers)
        <= size[1] - 1
    )


def whole_on_screen(term: Terminal, size, texts: list[str]) -> None:
    lines = term.wait_until(lambda lines: not words_whole(texts, lines), texts[0])
    assert len(lines) <= size[1]


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
def test_every_question_fits_the_window_without_broken_words(tmp_path, size, artifacts):
    catalog, q = bundled_coordinator()
    profile = catalog.profile_for_role("coordinator")
    asked = plan(q)  # no context given: the items for every employer are left out
    labels = [p.label["de"] for p in q.scale.points] + [
        q.scale.cannot_judge["de"],
        q.scale.not_applicable["de"],
    ]
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
        # the introduction takes many pauses in a small window: through them with time to spare
        term.wait_for(f"1/{len(q.context)}", after="1) ", timeout=90)
        for n, question in enumerate(q.context):  # each whole on the screen with its answers
            if not fits(
                size,
                question.text["de"],
                [o.label["de"] for o in question.options] + ["keine Angabe", "zurück"],
            ):
                # ten fields of work cannot fit 12 rows: the list runs past such a window
                term.wait_for(f"{n + 1}/{len(q.context)}", after="1) ")
            else:
                whole_on_screen(
                    term,
                    size,
                    [
                        question.text["de"],
                        "keine Angabe",
                        *(o.label["de"] for o in question.options),
                        *(["← zurück"] if n else []),
                    ],
                )
            term.send("0", "Enter")
        total, _ = question_total(q, {})
        n = 0
        for item_id, value in asked:
            if item_id.startswith(REFLECTION):
                dim = q.dimension(item_id[len(REFLECTION) :])
                whole_on_screen(
                    term, size, [dim.reflection["de"], "Kein Beispiel, weiter", "← zurück"]
                )
            elif item_id.startswith(FRAMEWORK):
                entry = next(f for f in q.framework if f"{FRAMEWORK}{f.id}" == item_id)
                whole_on_screen(term, size, [entry.text["de"], "weiß nicht", "← zurück"])
            if item_id not in {i.id for i in q.items}:
                answer_step(term, q, item_id, value, n + 1)
                continue
            n += 1
            item = q.item(item_id)
            # v2 at 40x12: a long statement and the two no-score answers need more than 12
            # rows; then the question and its progress must show, the list runs past
            texts = (
                [item.text["de"], *labels, "← zurück"]
                if fits(size, item.text["de"], [*labels, "zurück"])
                else [item.text["de"]]
            )

            def shown(lines, n=n, texts=texts):
                # the whole question with its answers, and where one is: the progress
                # line, or in a short window the same in front of the question
                where = f"Frage {n} von etwa {total}", f"? {n}/{total} · "
                return not words_whole(texts, lines) and any(
                    w in line for w in where for line in lines
                )

            term.wait_until(shown, f"question {n}")
            if n == 1:  # the dimension's texts and the introduction before it
                history = physical(term, history=True)
                dim = q.dimension(item.dimension)
                texts = [dim.title, dim.description, q.description, NO_OPPORTUNITY]
                assert not words_whole([t["de"] for t in texts], history), history
            term.send(answer_key(q, value))
            term.send("Enter")
        term.wait_for("Alle Fragen sind beantwortet.")
        term.send("Enter")
        term.wait_for("Priorität 1 von 3", after="0 = fertig")
        term.send("0", "Enter")  # no own priorities now
        assert term.finished() == 0
        history = physical(term, history=True)
        (artifacts / f"check-{size[0]}x{size[1]}.txt").write_text(
            "\n".join(history), encoding="utf-8"
        )
        summary = [f"{d.id} {d.title['de']}" for d in q.dimensions]
        summary += [band.label["de"] for band in profile.levels]
        summary += ["Prozentpunkte unter dem Ziel", "Ziel erreicht"]
        shown = [t for t in summary if t.split()[0] in " ".join(history).split()]
        assert not words_whole(shown, history)
        assert all(len(line) <= size[0] for line in history)
    finally:
        term.close()


@pytest.mark.parametrize(
    "command",
    [["list"], ["list", "--mine"], ["score", "tests/fixtures/answers/mini-complete.json"]],
)
def test_score_and_list_fit_80_columns_without_cut_ids(command):
    data = ["--data", str(MINI)]
    proc = run_cli(*data, *command, "--lang", "de", env={"COLUMNS": "80"})
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines), proc.stdout
    listed = run_cli(*data, "list", env={"COLUMNS": "250"}).stdout
    if command == ["list"]:
        # every id one types stands whole on a line of its own
        ids = ["mini", "mini-coordinator", "basics", "moderation", "netzwerkkoordination"]
        assert all(i in [line.strip() for line in lines] for i in ids), proc.stdout
        assert listed.count("\n") >= 10
