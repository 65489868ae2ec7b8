"""The checks that need the whole document (core/model_checks): a questionnaire and a
profile each broken against many rules at once, through `netzkompetenz validate`. Every
finding is reported, at its place in the file, in the order of the rules (docs/architecture.md,
"A check of a questionnaire or profile"): a document's own texts first, then the ids of each
list, then each item (or module) with everything found in it, then what spans the lists."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import MINI, run_cli

QUESTIONNAIRE = """\
kind: questionnaire
id: mini
version: "1.0"
languages: [de, en]
title:
  de: Mini-Fragebogen
scale:
  points:
    - {value: 1, code: A1, label: {de: trifft nicht zu, en: does not apply}}
    - {value: 2, code: A2, label: {de: teils, en: partly}}
    - {value: 3, code: A3, label: {de: trifft zu, en: applies}}
  cannot_judge: {de: kann ich nicht einschätzen, en: cannot judge}
dimensions:
  - id: A
    title: {de: Wissen, en: Knowledge}
    description: {de: W., en: K.}
  - id: B
    title: {de: Moderation, en: Facilitation}
    description: {de: M., en: F.}
  - id: Z
    title: {de: Leer, en: Empty}
    description: {de: L., en: E.}
items:
  - id: A1
    dimension: A
    kind: knowledge
    text: {de: Eins., en: One.}
  - id: A2
    dimension: A
    kind: skill
    condition: {item: B1, max: 2}
    text: {de: Zwei., en: Two.}
  - id: B1
    dimension: Bee
    kind: social
    text: {de: Drei.}
  - id: B1
    dimension: B
    kind: social
    condition: {item: A1}
    text: {de: Vier., en: Four., fr: Quatre.}
"""

PROFILE = """\
kind: profile
id: mini-coordinator
role: coordinator
questionnaire: mini
title: {de: Mini-Koordination, en: Mini coordination}
description: {de: Klein., en: Small.}
targets:
  A: 75
  C: 50
levels:
  - {id: entry, from: 0, to: 40, label: {de: Einstieg, en: Entry}, description: {de: D., en: D.}}
  - {id: advanced, from: 50, to: 80, label: {de: Fortgeschritten}, description: {de: D., en: D.}}
  - {id: expert, from: 70, to: 90, label: {de: Expertin, en: Expert}, description: {de: D., en: D.}}
modules:
  - id: basics
    title: {de: Grundlagen, en: Basics}
    content: {de: I., en: C.}
    format: online
    duration_days: 1
    target_group: {de: K., en: C.}
    dimensions: [A]
    trigger: {min_gap: 10}
    prerequisites: [moderation]
  - id: moderation
    title: {de: Moderation, en: Facilitation}
    content: {de: I., en: C.}
    format: online
    duration_days: 1
    target_group: {de: K., en: C.}
    dimensions: [B]
    trigger: {min_gap: 5}
    prerequisites: [basics, moderation, nothing]
"""


def validate(folder: Path, *files: str) -> tuple[int, list[str]]:
    done = run_cli("--lang", "en", "--data", ".", "validate", *files, cwd=folder)
    assert done.stdout == "" and "Traceback" not in done.stderr, done.stderr
    return done.returncode, done.stderr.splitlines()


def test_a_questionnaire_against_many_rules(tmp_path):
    (tmp_path / "questionnaires").mkdir()
    (tmp_path / "questionnaires" / "mini.yaml").write_text(QUESTIONNAIRE, encoding="utf-8")
    code, lines = validate(tmp_path, "questionnaires/mini.yaml")
    assert code == 2
    assert [line.removeprefix("questionnaires/mini.yaml:") for line in lines] == [
        "6:3: missing translation 'en'",
        "37:9: duplicate item id 'B1'",
        "31:23: condition refers to a later item 'B1'; it must name an item asked before this one",
        "36:11: missing translation 'en'",
        "34:16: unknown dimension 'Bee' (did you mean 'B'?)",
        "41:38: language 'fr' is not one of the questionnaire's languages (de, en)",
        "40:16: condition needs 'min' or 'max'",
        "20:9: dimension 'Z' has no items",
    ]


def test_a_profile_against_many_rules(tmp_path):
    shutil.copytree(MINI / "questionnaires", tmp_path / "questionnaires")
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles" / "mini.yaml").write_text(PROFILE, encoding="utf-8")
    code, lines = validate(tmp_path, "profiles/mini.yaml")
    assert code == 2
    assert [line.removeprefix("profiles/mini.yaml:") for line in lines] == [
        "12:26: gap in level bands: nothing covers 40 to 50",
        "13:24: level 'expert' overlaps the band before it (70 < 80)",
        "11:3: level bands stop at 90; the last must reach 100",
        "32:29: module 'moderation' cannot be its own prerequisite",
        "32:41: unknown module 'nothing'",
        "23:20: prerequisites form a cycle: basics -> moderation -> basics",
        # against its questionnaire, found in --data
        "12:45: missing translation 'en'",
        "9:3: unknown dimension 'C'",
        "7:1: no target for dimension 'B'",
    ]
