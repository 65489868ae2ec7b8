"""The bundled templates compiled once and kept in the user's cache folder
(io/template_cache.py): the same report with and without the cache, one folder per
language, and a cache that is damaged or cannot be written is no error."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import FIXTURES, run_cli

ANSWERS = FIXTURES / "answers" / "mini-complete.json"


def report(tmp_path: Path, cache: Path, name: str, *options: str) -> str:
    out = tmp_path / name
    done = run_cli(
        "--data",
        str(FIXTURES / "mini"),
        "report",
        str(ANSWERS),
        "-o",
        str(out),
        *options,
        env={"XDG_CACHE_HOME": str(cache)},
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return out.read_text(encoding="utf-8")


def cached(cache: Path) -> list[Path]:
    return sorted((cache / "netzkompetenz" / "templates").glob("*/*.cache"))


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_the_cached_templates_give_the_same_report(tmp_path: Path, fmt: str) -> None:
    cache = tmp_path / "cache"
    first = report(tmp_path, cache, f"first.{fmt}")
    assert cached(cache), "the compiled templates were not kept"
    assert {p.parent.name[:3] for p in cached(cache)} == {"de-"}
    stamps = {p: p.stat().st_mtime_ns for p in cached(cache)}
    assert report(tmp_path, cache, f"second.{fmt}") == first
    assert {p: p.stat().st_mtime_ns for p in cached(cache)} == stamps  # read, not rewritten
    english = report(tmp_path, cache, f"en.{fmt}", "--lang", "en")
    assert english != first  # compiled with the English texts, in a folder of its own
    assert {p.parent.name[:3] for p in cached(cache)} == {"de-", "en-"}


def test_a_damaged_cache_is_compiled_anew(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = report(tmp_path, cache, "first.html")
    for path in cached(cache):  # the header holds, the compiled code is cut off
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    assert report(tmp_path, cache, "again.html") == first
    for path in cached(cache):
        path.write_bytes(b"")
    assert report(tmp_path, cache, "empty.html") == first


def test_a_cache_folder_that_cannot_be_written_is_no_error(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    without = report(tmp_path, tmp_path / "fresh", "fresh.html")
    assert report(tmp_path, blocked, "blocked.html") == without
    assert blocked.read_text() == "not a folder"
