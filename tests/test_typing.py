"""mypy runs in strict mode in CI (.ci/run); where it is told to look away, the line says
what it looks away from and why: `# type: ignore[code]  # reason` (issue 10)."""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("src", "tests", "bench")
IGNORE = re.compile(r"#\s*type:\s*ignore\b")
EXPLAINED = re.compile(
    r"#\s*type:\s*ignore\[[a-z][a-z0-9-]*(\s*,\s*[a-z][a-z0-9-]*)*\]"
    r"\s*#\s*\w"
)


def unexplained(source: str) -> list[int]:
    """Lines with a `# type: ignore` comment that lacks its error codes or a reason (strings
    that merely contain the words are not comments)."""
    return [
        token.start[0]
        for token in tokenize.generate_tokens(io.StringIO(source).readline)
        if token.type == tokenize.COMMENT
        and IGNORE.search(token.string)
        and not EXPLAINED.search(token.string)
    ]


@pytest.mark.parametrize(
    "line, ok",
    [
        ("x = f()  # type: ignore\n", False),
        ("x = f()  # type: ignore[arg-type]\n", False),
        ("x = f()  # type: ignore[arg-type] \n", False),
        ("x = f()  # type: ignore  # the stub is wrong\n", False),
        ("x = f()  # type:ignore[]  # the stub is wrong\n", False),
        ("x = f()  # type: ignore[arg-type]  # the stub is wrong\n", True),
        ("x = f()  # type: ignore[arg-type, no-untyped-call]  # unannotated in the stub\n", True),
        ('x = "# type: ignore"\n', True),
    ],
)
def test_the_rule(line, ok):
    assert (unexplained(line) == []) is ok


def test_every_ignore_names_its_codes_and_says_why():
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for folder in FOLDERS
        for path in sorted((ROOT / folder).rglob("*.py"))
        if ".venv" not in path.parts
        for n in unexplained(path.read_text(encoding="utf-8"))
    ]
    assert not found, "# type: ignore without [code] and '# reason': " + ", ".join(found)
