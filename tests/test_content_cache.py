"""What a person's `report` reads of the catalogue (docs/performance.md, issue 23): only the
questionnaire and profile its answers file names, the bundled ones kept read and checked in
the user's cache folder (io/content_cache.py); a person's own files (--data) read and checked
on every run."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import FIXTURES, MINI, run_cli
from netzkompetenz.core.answers import Respondent
from netzkompetenz.io.answers_file import new_answers, write_answers
from netzkompetenz.io.catalog import Catalog

MINI_ANSWERS = FIXTURES / "answers" / "mini-complete.json"
BROKEN = "kind: questionnaire\nid: other\nversion: '1.0'\ntitle: [\n"


def bundled_answers(folder: Path, profile_id: str) -> Path:
    """A complete answers file to a bundled questionnaire, as the check writes it."""
    catalog = Catalog.load([])
    profile = catalog.profile(profile_id)
    questionnaire = catalog.questionnaire_of(profile)
    answers = new_answers(questionnaire, profile.id, Respondent(name="Kim"), "de")
    answers.values = {item.id: 3 for item in questionnaire.items}
    answers.status = "complete"
    path = folder / f"{profile_id}.json"
    write_answers(path, answers)
    return path


def report(tmp_path: Path, cache: Path, answers: Path, name: str, *data: str) -> str:
    out = tmp_path / name
    done = run_cli(
        *data, "report", str(answers), "-o", str(out), env={"XDG_CACHE_HOME": str(cache)}
    )
    assert done.returncode == 0, done.stderr
    return out.read_text(encoding="utf-8")


def kept(cache: Path) -> list[Path]:
    return sorted((cache / "netzkompetenz" / "content").glob("*.pickle"))


def test_the_bundled_content_kept_gives_the_same_report(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    answers = bundled_answers(tmp_path, "leader")
    first = report(tmp_path, cache, answers, "first.html")
    assert len(kept(cache)) == 1, "the questionnaire and profile read were not kept"
    inode = kept(cache)[0].stat().st_ino  # an atomic write is a new file
    assert report(tmp_path, cache, answers, "second.html") == first
    assert kept(cache)[0].stat().st_ino == inode  # read, not written again
    # the page is the one made without any cache
    assert report(tmp_path, tmp_path / "other-cache", answers, "fresh.html") == first


def test_the_cache_keeps_the_recently_used_and_lets_go_of_earlier_versions(
    tmp_path: Path,
) -> None:
    """Every update makes a new digest: the folder keeps the twelve most recently used kept
    files, not one more per update."""
    import os

    cache = tmp_path / "cache"
    leader, coordinator = (
        bundled_answers(tmp_path, "leader"),
        bundled_answers(tmp_path, "coordinator"),
    )
    report(tmp_path, cache, leader, "leader.md")
    (used,) = kept(cache)
    folder = used.parent
    for n in range(20):  # earlier versions' files, the oldest first
        old = folder / f"{n:032x}.pickle"
        old.write_bytes(b"earlier")
        os.utime(old, (1_000_000 + n, 1_000_000 + n))
    os.utime(used, (900_000, 900_000))  # kept longest ago, but about to be used
    report(tmp_path, cache, leader, "again.md")  # read: becomes the most recently used
    report(tmp_path, cache, coordinator, "coordinator.md")  # written: the folder is tidied
    left = kept(cache)
    assert len(left) == 12 and used in left
    assert all(int(p.stem, 16) >= 10 for p in left if p.read_bytes() == b"earlier")


def test_a_damaged_cache_is_read_anew(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    answers = bundled_answers(tmp_path, "coordinator")
    first = report(tmp_path, cache, answers, "first.md")
    for path in kept(cache):
        path.write_bytes(path.read_bytes()[:100])
    assert report(tmp_path, cache, answers, "again.md") == first
    for path in kept(cache):
        path.write_bytes(b"")
    assert report(tmp_path, cache, answers, "empty.md") == first


def test_a_persons_own_files_are_read_every_time_and_only_those_named(tmp_path: Path) -> None:
    """With --data nothing is kept; `report` reads the questionnaire and profile its answers
    name, so a broken file of another questionnaire beside them does not stop it, while a
    command that needs the whole catalogue still reports it at its line."""
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    cache = tmp_path / "cache"
    first = report(tmp_path, cache, MINI_ANSWERS, "first.md", "--data", str(data))
    assert not kept(cache)
    (data / "questionnaires" / "other.yaml").write_text(BROKEN, encoding="utf-8")
    assert report(tmp_path, cache, MINI_ANSWERS, "second.md", "--data", str(data)) == first
    listed = run_cli("--data", str(data), "list")
    assert listed.returncode == 2
    assert "other.yaml:5:1:" in listed.stderr


def test_a_name_not_in_the_catalogue_is_told_with_everything_there_is(tmp_path: Path) -> None:
    """An answers file naming an unknown profile: the message lists every profile, as when
    the whole catalogue was read."""
    answers = bundled_answers(tmp_path, "leader")
    text = answers.read_text(encoding="utf-8").replace('"profile": "leader"', '"profile": "lead"')
    answers.write_text(text, encoding="utf-8")
    done = run_cli("report", str(answers), "-o", str(tmp_path / "out.md"))
    assert done.returncode == 2
    assert "lead" in done.stderr and "coordinator, leader" in done.stderr, done.stderr
