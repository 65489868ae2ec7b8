"""`validate` on broken files: each problem named once, at its exact line and column,
exit code 2, no traceback."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import run_cli
from netzkompetenz.cli import app

# Line numbers are written beside the lines so that the expected positions can be checked
# by eye.
QUESTIONNAIRE = """\
kind: questionnaire
id: tiny
version: "1"
languages: [de, en]
title: {de: Klein, en: Small}
scale:
  points:
    - {value: 1, label: {de: nein, en: never}}
    - {value: 2, label: {de: ja, en: always}}
  cannot_judge: {de: weiß nicht, en: cannot say}
dimensions:
  - id: D1
    title: {de: Eins, en: One}
    description: {de: Erste, en: First}
items:
  - id: I1
    dimension: D1
    kind: knowledge
    text: {de: Ich weiß es., en: I know it.}
  - id: I2
    dimension: D1
    kind: social
    reverse: true
    text: {de: Ich zögere., en: I hesitate.}
"""
#  lines: 1 kind, 2 id, 3 version, 4 languages, 5 title, 8-9 points, 10 cannot_judge,
#  12 dimension D1, 16 item I1 (17 dimension, 18 kind, 19 text), 20 item I2 (21-24)

PROFILE = """\
kind: profile
id: tiny-coordinator
role: coordinator
questionnaire: tiny
title: {de: Profil, en: Profile}
description: {de: Test, en: Test}
targets: {D1: 80}
levels:
  - {id: low, from: 0, to: 50, label: {de: Niedrig, en: Low}, description: {de: A, en: A}}
  - {id: high, from: 50, to: 100, label: {de: Hoch, en: High}, description: {de: B, en: B}}
modules:
  - id: m1
    title: {de: Modul, en: Module}
    content: {de: Inhalt, en: Content}
    format: online
    duration_days: 1
    target_group: {de: Alle, en: All}
    dimensions: [D1]
    trigger: {min_gap: 10}
    prerequisites: []
"""
#  lines: 3 role, 4 questionnaire, 7 targets, 9-10 levels, 12 module m1 (15 format,
#  18 dimensions, 19 trigger, 20 prerequisites)

SECOND_MODULE = """\
  - id: m2
    title: {de: Zwei, en: Two}
    content: {de: Mehr, en: More}
    format: in-person
    duration_days: 2
    target_group: {de: Alle, en: All}
    dimensions: [D1]
    trigger: {min_gap: 20}
    prerequisites: [m1]
"""  # lines 21-29 when appended to PROFILE

BROKEN_QUESTIONNAIRES = {
    "misspelt key": (
        ("    dimension: D1\n    kind: knowledge", "    dimesion: D1\n    kind: knowledge"),
        ["q.yaml:17:5: unknown key 'dimesion' (did you mean 'dimension'?)"],
    ),
    "unknown top-level key": (
        ("languages: [de, en]\n", "languages: [de, en]\nauthor: Jo\n"),
        [
            "q.yaml:5:1: unknown key 'author' (allowed: kind, id, version, languages, title, "
            "description, minutes, scale, min_coverage, min_answered, context, dimensions, items, "
            "framework, tandem_when, rater)"
        ],
    ),
    "version as a number": (
        ('version: "1"', "version: 1.10"),
        ["q.yaml:3:10: expected text, got number 1.1 (write it in quotes)"],
    ),
    "more answered items needed than a dimension has": (
        (
            "  cannot_judge: {de: weiß nicht, en: cannot say}\n",
            "  cannot_judge: {de: weiß nicht, en: cannot say}\nmin_answered: 3\n",
        ),
        [
            "q.yaml:11:15: min_answered 3 is more than the 2 items of dimension 'D1': it could "
            "never be scored"
        ],
    ),
    "duplicate key": (
        ("id: tiny\n", "id: tiny\nid: small\n"),
        ["q.yaml:3:1: duplicate key 'id' (first defined at line 2)"],
    ),
    "alias": (
        ("title: {de: Klein, en: Small}\n", "title: &t {de: Klein, en: Small}\ndescription: *t\n"),
        ["q.yaml:6:14: invalid YAML: aliases (*name) are not allowed: write the value out in full"],
    ),
    "alias of a scalar": (
        ('id: tiny\nversion: "1"', "id: &x tiny\nversion: *x"),
        ["q.yaml:3:10: invalid YAML: aliases (*name) are not allowed: write the value out in full"],
    ),
    "missing translation": (
        ("title: {de: Klein, en: Small}", "title: {de: Klein}"),
        ["q.yaml:5:8: missing translation 'en'"],
    ),
    "duplicate item id": (("  - id: I2", "  - id: I1"), ["q.yaml:20:9: duplicate item id 'I1'"]),
    "item on unknown dimension": (
        ("    dimension: D1\n    kind: social", "    dimension: D2\n    kind: social"),
        ["q.yaml:21:16: unknown dimension 'D2' (did you mean 'D1'?)"],
    ),
    "item kind not allowed": (
        ("kind: knowledge", "kind: wisdom"),
        [
            "q.yaml:18:11: 'wisdom' is not allowed here; expected 'knowledge', 'skill', "
            "'social' or 'autonomy'"
        ],
    ),
    "unquoted no as id": (
        ("  - id: I1", "  - id: no"),
        ["q.yaml:16:9: expected text, got yes/no value false (write it in quotes)"],
    ),
    "condition on a later item": (
        ("    kind: knowledge\n", "    kind: knowledge\n    condition: {item: I2, min: 2}\n"),
        [
            "q.yaml:19:23: condition refers to a later item 'I2'; it must name an item asked "
            "before this one"
        ],
    ),
    "python object tag": (
        ("id: tiny", "id: !!python/object/apply:os.system [echo]"),
        ["q.yaml:2:5: the tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"],
    ),
    "unclosed bracket": (
        ("languages: [de, en]", "languages: [de, en"),
        [
            "q.yaml:5:6: invalid YAML: expected ',' / ']', found ':' "
            "(in the list opened with a square bracket)"
        ],
    ),
    "wrong kind": (
        ("kind: questionnaire", "kind: survey"),
        ["q.yaml:1:7: 'kind' must be 'questionnaire' or 'profile', not 'survey'"],
    ),
    "duplicate scale value": (
        ("{value: 2, label: {de: ja", "{value: 1, label: {de: ja"),
        ["q.yaml:9:15: duplicate scale value 1"],
    ),
}

BROKEN_PROFILES = {
    "also possible without a cap": (
        ("targets: {D1: 80}\n", "targets: {D1: 80}\nmax_also_possible: 2\n"),
        ["p.yaml:8:20: 'max_also_possible' needs 'max_recommendations': also possible after what?"],
    ),
    "overlapping level bands": (
        ("{id: high, from: 50", "{id: high, from: 40"),
        ["p.yaml:10:22: level 'high' overlaps the band before it (40 < 50)"],
    ),
    "gap between level bands": (
        ("{id: high, from: 50", "{id: high, from: 60"),
        ["p.yaml:10:22: gap in level bands: nothing covers 50 to 60"],
    ),
    "module on unknown dimension": (
        ("dimensions: [D1]", "dimensions: [D9]"),
        ["p.yaml:18:18: unknown dimension 'D9' (did you mean 'D1'?)"],
    ),
    "unknown questionnaire": (
        ("questionnaire: tiny", "questionnaire: tinny"),
        ["p.yaml:4:16: unknown questionnaire 'tinny' (did you mean 'tiny'?)"],
    ),
    "module that can never trigger": (
        ("min_gap: 10", "min_gap: 90"),
        [
            "p.yaml:19:24: module 'm1' can never be recommended: min_gap 90 is larger than the "
            "largest possible gap (the target) of every dimension it addresses"
        ],
    ),
    "prerequisites in a cycle": (
        ("prerequisites: []\n", "prerequisites: [m2]\n" + SECOND_MODULE),
        ["p.yaml:20:20: prerequisites form a cycle: m1 -> m2 -> m1"],
    ),
    "unknown prerequisite": (
        ("prerequisites: []", "prerequisites: [m0]"),
        ["p.yaml:20:21: unknown module 'm0' (did you mean 'm1'?)"],
    ),
    "missing target": (
        ("targets: {D1: 80}", "targets: {}"),
        ["p.yaml:7:1: no target for dimension 'D1'"],
    ),
    "role misspelt": (
        ("role: coordinator", "role: coordinater"),
        ["p.yaml:3:7: 'coordinater' is not allowed here (did you mean 'coordinator'?)"],
    ),
    "module format not allowed": (
        ("format: online", "format: webinar"),
        [
            "p.yaml:15:13: 'webinar' is not allowed here; expected 'in-person', 'online' "
            "or 'blended'"
        ],
    ),
}


def _validate(tmp_path: Path, questionnaire: str, profile: str | None = None):
    (tmp_path / "q.yaml").write_text(questionnaire, encoding="utf-8")
    args = ["--lang", "en", "validate", "q.yaml"]
    if profile is not None:
        (tmp_path / "p.yaml").write_text(profile, encoding="utf-8")
        args.append("p.yaml")
    runner = CliRunner()
    import os

    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        return runner.invoke(app, args)
    finally:
        os.chdir(cwd)


def _broken(text: str, change: tuple[str, str]) -> str:
    old, new = change
    assert text.count(old) >= 1, old
    return text.replace(old, new, 1)


def test_the_base_files_are_valid(tmp_path):
    result = _validate(tmp_path, QUESTIONNAIRE, PROFILE)
    assert result.exit_code == 0, result.output
    assert "2 files valid." in result.output


@pytest.mark.parametrize("case", list(BROKEN_QUESTIONNAIRES))
def test_broken_questionnaire(tmp_path, case):
    change, expected = BROKEN_QUESTIONNAIRES[case]
    result = _validate(tmp_path, _broken(QUESTIONNAIRE, change))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == expected
    assert "Traceback" not in result.output


@pytest.mark.parametrize("case", list(BROKEN_PROFILES))
def test_broken_profile(tmp_path, case):
    change, expected = BROKEN_PROFILES[case]
    result = _validate(tmp_path, QUESTIONNAIRE, _broken(PROFILE, change))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == expected
    assert "Traceback" not in result.output


def test_every_problem_of_a_file_is_reported_at_once(tmp_path):
    text = _broken(
        _broken(QUESTIONNAIRE, BROKEN_QUESTIONNAIRES["misspelt key"][0]),
        BROKEN_QUESTIONNAIRES["version as a number"][0],
    )
    result = _validate(tmp_path, text)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "q.yaml:3:10: expected text, got number 1.1 (write it in quotes)",
        "q.yaml:17:5: unknown key 'dimesion' (did you mean 'dimension'?)",
    ]


def test_empty_file(tmp_path):
    result = _validate(tmp_path, "")
    assert result.exit_code == 2
    assert result.stderr.strip() == "q.yaml:1:1: the file is empty"


def test_not_utf8(tmp_path):
    (tmp_path / "q.yaml").write_bytes(
        QUESTIONNAIRE.replace("ö", "\udcf6").encode("utf-8", "surrogateescape")
    )
    result = CliRunner().invoke(app, ["--lang", "en", "validate", str(tmp_path / "q.yaml")])
    assert result.exit_code == 2
    assert (
        result.stderr.strip() == f"{tmp_path / 'q.yaml'}:24:1: not UTF-8 text; "
        "save the file as UTF-8"
    )


BILLION_LAUGHS = """\
kind: questionnaire
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_alias_bomb_is_refused_quickly(tmp_path):
    (tmp_path / "bomb.yaml").write_text(BILLION_LAUGHS)
    started = time.monotonic()
    result = run_cli("--lang", "en", "validate", str(tmp_path / "bomb.yaml"), timeout=10)
    # Not a speed test: a generous bound that only an expanded bomb would break.
    assert time.monotonic() - started < 5
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"{tmp_path / 'bomb.yaml'}:3:8: invalid YAML: aliases (*name) are not allowed: "
        "write the value out in full"
    )


def test_real_command_line_reports_without_traceback(tmp_path):
    (tmp_path / "q.yaml").write_text(_broken(QUESTIONNAIRE, ("  - id: I2", "  - id: I1")))
    result = run_cli("validate", "q.yaml", cwd=tmp_path, env={"LANG": "C.UTF-8"})
    assert result.returncode == 2
    # no --lang and no language in the locale: German, like every message of the run
    assert result.stderr == "q.yaml:20:9: doppelte Fragen-Kennung 'I1'\n"
    assert result.stdout == ""
    english = run_cli("validate", "q.yaml", "--lang", "en", cwd=tmp_path)
    assert english.stderr == "q.yaml:20:9: duplicate item id 'I1'\n"
    from_locale = run_cli(
        "validate",
        "q.yaml",
        cwd=tmp_path,
        env={"LANG": "en_GB.UTF-8", "LANGUAGE": "", "LC_ALL": ""},
    )
    assert from_locale.stderr == english.stderr


def test_missing_file(tmp_path):
    result = CliRunner().invoke(app, ["--lang", "en", "validate", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{tmp_path / 'nope.yaml'}: file not found"


def test_profile_is_checked_against_a_questionnaire_from_a_data_folder(tmp_path, mini_data):
    profile = (mini_data / "profiles" / "mini.yaml").read_text()
    (tmp_path / "p.yaml").write_text(profile.replace("A: 75", "X: 75"))
    result = CliRunner().invoke(
        app, ["--lang", "en", "--data", str(mini_data), "validate", str(tmp_path / "p.yaml")]
    )
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert f"{tmp_path / 'p.yaml'}:8:3: unknown dimension 'X'" in lines
    assert f"{tmp_path / 'p.yaml'}:7:1: no target for dimension 'A'" in lines


def test_an_items_framework_link_names_an_entry_of_the_checklist(tmp_path):
    """`framework:` on an item names framework conditions of the same questionnaire: an
    unknown one is one message at its place in the file, exit code 2."""
    from helpers import ROOT

    lines = (ROOT / "questionnaires" / "netzwerkkoordination.yaml").read_text().split("\n")
    n = next(n for n, line in enumerate(lines) if line.startswith("    framework: [R12]"))
    lines[n] = lines[n].replace("[R12]", "[R31]")
    path = tmp_path / "q.yaml"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = run_cli("--lang", "en", "validate", str(path))
    assert result.returncode == 2
    column = lines[n].index("R31") + 1
    assert result.stderr == (
        f"{path}:{n + 1}:{column}: unknown framework condition 'R31' (did you mean 'R3'?)\n"
    )


def test_premise_is_only_on_a_reversal(tmp_path):
    """`premise: true` says how a rejected reversal is read (docs/scoring.md §8): on a
    regular item it is one message at its place in the file, exit code 2."""
    from helpers import ROOT

    lines = (ROOT / "questionnaires" / "netzwerkkoordination.yaml").read_text().split("\n")
    n = next(n for n, line in enumerate(lines) if line.strip() == "kind: skill")
    lines.insert(n + 1, "    premise: true")
    path = tmp_path / "q.yaml"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = run_cli("--lang", "en", "validate", str(path))
    assert result.returncode == 2
    assert result.stderr == f"{path}:{n + 2}:14: 'premise' is only for reverse-keyed items\n"


def test_no_anchor_sentence_rests_on_a_reversal_with_a_premise(tmp_path):
    """A reversal marked `premise` is rejected by everyone who never met its situation, so
    an anchor sentence that links it is one message at its place, exit code 2."""
    from helpers import ROOT

    lines = (ROOT / "profiles" / "coordinator.yaml").read_text().split("\n")
    n = next(n for n, line in enumerate(lines) if line == "        items: [K4_02, K4_01]")
    lines[n] = "        items: [K4_02, K4_11]"
    (tmp_path / "profiles").mkdir()
    (tmp_path / "questionnaires").mkdir()
    path = tmp_path / "profiles" / "coordinator.yaml"
    path.write_text("\n".join(lines), encoding="utf-8")
    q = (ROOT / "questionnaires" / "netzwerkkoordination.yaml").read_text(encoding="utf-8")
    (tmp_path / "questionnaires" / "netzwerkkoordination.yaml").write_text(q, encoding="utf-8")
    result = run_cli("--lang", "en", "--data", str(tmp_path), "validate", str(path))
    assert result.returncode == 2
    column = lines[n].index("K4_11") + 1
    assert result.stderr == (
        f"{path}:{n + 1}:{column}: 'K4_11' begins with a situation not everyone meets "
        "('premise'): no anchor sentence may rest on it\n"
    )
