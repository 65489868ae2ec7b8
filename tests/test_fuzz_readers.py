"""Fuzzing the readers of what users hand the tool: a survey export (CSV, JSON, JSON Lines),
an answers file and a YAML document. Whatever the bytes, the only exception is the
project's own InputError (a message with a position), never a crash. Bounded by the number
of examples, not by time, so that CI stays fast and repeatable."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from netzkompetenz.errors import InputError

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Bytes that make the hard cases likely: delimiters, quotes, line ends, BOMs, bytes that are
# not UTF-8 or not Windows-1252, NUL, deep brackets and long numbers.
PIECES = [
    b";",
    b",",
    b"\t",
    b'"',
    b"\r\n",
    b"\n",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\x81",
    b"\x9d",
    b"\xc3\xa4",
    b"\xe4",
    b"\x00",
    b"[",
    b"]",
    b"{",
    b"}",
    b":",
    b"A1",
    b"Name",
    b"4",
    b"9" * 50,
    b"[" * 300,
    b"true",
    b"null",
    b"\x1b[31m",
    b" ",
]
fuzz_bytes = st.one_of(
    st.binary(max_size=400),
    st.lists(st.sampled_from(PIECES) | st.binary(max_size=8), max_size=60).map(b"".join),
)


def read_table(path: Path) -> None:
    from netzkompetenz.io.tabular import open_table

    table = open_table(path)
    for _, row in table.rows:
        assert all(isinstance(c, str) for c in row)


@SETTINGS
@given(data=fuzz_bytes, suffix=st.sampled_from([".csv", ".json", ".jsonl"]))
@example(data=b"Name;A1\n" + b'"x' * 3, suffix=".csv")
@example(data=b"[" * 100_000, suffix=".json")
@example(data=b'{"A1": ' + b"9" * 5000 + b"}\n", suffix=".jsonl")
def test_export_reader_raises_only_input_errors(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("fuzz") / f"export{suffix}"
    path.write_bytes(data)
    try:
        read_table(path)
    except InputError as exc:
        assert exc.problems and all(p.message for p in exc.problems)


def _answers_text(values: str) -> str:
    return (
        '{"format": "netzkompetenz-answers/1", "questionnaire": {"id": "mini", '
        '"version": "1.0", "hash": "x"}, "profile": "mini-coordinator", '
        '"respondent": {"name": "A"}, "values": ' + values + "}"
    )


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=4)
    ),
    max_leaves=20,
)


@SETTINGS
@given(
    raw=fuzz_bytes
    | st.dictionaries(st.sampled_from(["A1", "A2", "B1", "Z9", ""]), json_values, max_size=5).map(
        lambda v: _answers_text(json.dumps(v)).encode()
    )
)
@example(raw=_answers_text('{"A1": ' + "9" * 5000 + "}").encode())
@example(raw=_answers_text("[" * 50_000 + "]" * 50_000).encode())
@example(raw=_answers_text('{"A1": true, "A2": "4"}').encode())
def test_answers_reader_raises_only_input_errors(tmp_path_factory, raw):
    from netzkompetenz.io.answers_file import read_answers

    path = tmp_path_factory.mktemp("fuzz") / "answers.json"
    path.write_bytes(raw)
    try:
        answers = read_answers(path)
    except InputError as exc:
        assert exc.problems and all(p.message for p in exc.problems)
    else:  # what is accepted is strictly typed: no true, no "4" read as a number
        assert all(type(v) is int or v == "cannot_judge" for v in answers.values.values())


YAML_PIECES = [
    "a: ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    "\n",
    "  ",
    "\t",
    "&x ",
    "*x",
    "!!python/name:os",
    "<<: ",
    "? ",
    "'",
    '"',
    "#",
    "|",
    ">",
    "9" * 60,
    "key",
    ": ",
    ",",
    "---\n",
    "\x85",
    "\ufeff",
    "\x00",
    "- " * 80,
    "[" * 200,
]
fuzz_yaml = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(YAML_PIECES) | st.text(max_size=5), max_size=60).map("".join),
)


@SETTINGS
@given(text=fuzz_yaml)
@example(text="a: " + "[" * 100_000 + "]" * 100_000)
@example(text="a: " + "9" * 5000)
@example(text="".join(" " * i + f"k{i}:\n" for i in range(300)))
def test_yaml_loader_raises_only_input_errors(text):
    from netzkompetenz.io.yamlsource import parse_yaml

    try:
        parse_yaml(text, "fuzz.yaml")
    except InputError as exc:
        assert exc.problems and all(p.message for p in exc.problems)
