"""A batch run as a process that is killed, interrupted, raced or runs out of disk: the
output folder always holds the earlier run's complete set or the new run's complete set
(file lists and content hashes compared), and nothing of a dead run stays behind once the
next run has started (docs/batch.md, "Guarantees")."""

from __future__ import annotations

import contextlib
import csv
import hashlib
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from helpers import MINI, ROOT

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and rlimits")

ITEMS = ["A1", "A2", "B1", "B2"]


def export(path: Path, rows: int, seed: int, prefix: str = "Person") -> Path:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, delimiter=";")
        out.writerow(["Name", "Organisation", *ITEMS])
        for n in range(rows):
            out.writerow(
                [f"{prefix} {n}", f"Kommune {n % 7}", *(str(rng.randint(1, 5)) for _ in ITEMS)]
            )
    return path


def command(export_path: Path, out: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "netzkompetenz",
        "--data",
        str(MINI),
        "batch",
        str(export_path),
        "--questionnaire",
        "mini",
        "-o",
        str(out),
        "--reports",
        "md",
        "--lang",
        "en",
        *extra,
    ]


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src"), "NETZKOMPETENZ_DATA": ""}


def snapshot(folder: Path) -> dict[str, str]:
    if not folder.is_dir():
        return {}
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def run(args: list[str], **kw) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, env=env(), timeout=120, **kw)


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    """An old and a new export, and the complete output sets each gives (built once)."""
    work = tmp_path_factory.mktemp("runs")
    old = export(work / "old.csv", 40, seed=1, prefix="Alt")
    new = export(work / "new.csv", 80, seed=2, prefix="Neu")
    sets = {}
    for name, source in (("old", old), ("new", new)):
        done = run(command(source, work / name))
        assert done.returncode == 0, done.stderr
        sets[name] = snapshot(work / name)
    assert sets["old"] != sets["new"]
    return work, old, new, sets


def fresh_target(work: Path, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    shutil.copytree(work / "old", out)
    return out


def aside(parent: Path) -> list[Path]:
    return [p for p in parent.iterdir() if ".staging-" in p.name or ".previous-" in p.name]


def test_kill_9_at_random_points_leaves_old_or_new_complete_set(two_runs, tmp_path):
    from netzkompetenz.io.locks import exclusive
    from netzkompetenz.io.outdir import recover

    work, _, new, sets = two_runs
    started = time.monotonic()
    full = run(command(new, tmp_path / "timing"))
    duration = time.monotonic() - started
    assert full.returncode == 0
    rng = random.Random(11)
    seen = {"old": 0, "new": 0}
    for pair in range(10):  # 20 kill points, two runs at a time (the machine has 2 cores)
        runs = []
        for point in (2 * pair, 2 * pair + 1):
            case = tmp_path / f"kill{point}"
            case.mkdir()
            out = fresh_target(work, case)
            runs.append((rng.uniform(0.05, duration * 1.1), point, case, out))
        children = [
            subprocess.Popen(
                command(new, out), env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            for _, _, _, out in runs
        ]
        begun = time.monotonic()
        for (delay, *_), child in sorted(zip(runs, children, strict=True), key=lambda r: r[0][0]):
            time.sleep(max(0.0, begun + delay - time.monotonic()))
            child.send_signal(signal.SIGKILL)
            child.wait()
        for _, point, case, out in runs:
            if not out.exists():  # killed between the two renames: the backup is complete
                backups = [p for p in aside(case) if ".previous-" in p.name]
                assert len(backups) == 1 and snapshot(backups[0]) == sets["old"]
            else:
                assert snapshot(out) in (sets["old"], sets["new"]), (
                    f"kill point {point}: a mixed set"
                )
            with exclusive(out):  # what the next run does first
                recover(out)
            state = snapshot(out)
            assert state in (sets["old"], sets["new"])
            seen["old" if state == sets["old"] else "new"] += 1
            assert not aside(case) and not list(case.rglob("*.tmp"))
    assert seen["old"] > 0  # the points did fall into the run, not only after it


def test_next_run_cleans_up_after_a_killed_run(two_runs, tmp_path):
    work, old, new, sets = two_runs
    out = fresh_target(work, tmp_path)
    child = subprocess.Popen(
        command(new, out), env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 30
    while not any(".staging-" in p.name for p in tmp_path.iterdir()):
        assert time.monotonic() < deadline
        time.sleep(0.01)
    child.send_signal(signal.SIGSTOP)  # caught in the middle of its run (it takes < 0.2 s)
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert aside(tmp_path)  # the dead run's staging folder ...
    done = run(command(old, out))
    assert done.returncode == 0, done.stderr
    assert not aside(tmp_path)  # ... is gone after the next run
    assert snapshot(out) == sets["old"]


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_interrupt_exits_130_and_cleans_up(two_runs, tmp_path, sig):
    work, _, _, sets = two_runs
    out = fresh_target(work, tmp_path)
    # long enough that it is still running when the test sees its staging folder, however
    # loaded the machine (80 rows had finished in between, now and then)
    long = export(work / f"long-{sig}.csv", 3000, seed=3, prefix="Lang")
    child = subprocess.Popen(
        command(long, out), env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 30
    while not any(".staging-" in p.name for p in tmp_path.iterdir()):
        assert time.monotonic() < deadline
        time.sleep(0.01)
    # held while the signal arrives, so that a fast run cannot finish first (a loaded
    # machine once let 0.2 s pass after the staging folder appeared)
    child.send_signal(signal.SIGSTOP)
    child.send_signal(sig)
    child.send_signal(signal.SIGCONT)
    stdout, stderr = child.communicate(timeout=30)
    assert child.returncode == 130, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr
    assert snapshot(out) == sets["old"]
    assert not aside(tmp_path) and not list(tmp_path.rglob("*.tmp"))


def test_second_run_into_the_same_folder_is_refused_naming_the_first(two_runs, tmp_path):
    work, old, new, sets = two_runs
    out = fresh_target(work, tmp_path)
    first = subprocess.Popen(
        command(new, out), env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    holder = tmp_path / ".out.lock.holder"
    deadline = time.monotonic() + 30
    while not holder.exists():
        assert time.monotonic() < deadline and first.poll() is None
        time.sleep(0.01)
    first.send_signal(signal.SIGSTOP)  # paused while it holds the lock: the race is certain
    try:
        second = run(command(old, out))
    finally:
        first.send_signal(signal.SIGCONT)
    assert second.returncode == 2
    assert f"in use by process {first.pid}" in second.stderr and "started" in second.stderr
    first.communicate(timeout=60)
    assert first.returncode == 0
    assert snapshot(out) == sets["new"]  # the first run's set, whole; nothing of the second


def test_lock_of_a_killed_run_is_taken_over(two_runs, tmp_path):
    work, old, new, sets = two_runs
    out = fresh_target(work, tmp_path)
    first = subprocess.Popen(
        command(new, out), env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    holder = tmp_path / ".out.lock.holder"
    deadline = time.monotonic() + 30
    while not holder.exists():
        assert time.monotonic() < deadline
        time.sleep(0.01)
    first.send_signal(signal.SIGKILL)
    first.wait()
    assert holder.exists() and (tmp_path / ".out.lock").exists()  # the dead run's files ...
    # ... and what a run killed while writing its note leaves (or a full disk: S7)
    (tmp_path / f".out.lock.holder.{first.pid}.tmp").write_text('{"pid": ')
    done = run(command(new, out))
    assert done.returncode == 0, done.stderr  # ... but its lock died with it
    assert snapshot(out) == sets["new"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # the next run removed them


def test_a_finished_run_leaves_nothing_beside_its_folder(two_runs, tmp_path):
    work, old, _, sets = two_runs
    for _ in range(2):  # a new folder, then an earlier run's
        done = run(command(old, tmp_path / "out"))
        assert done.returncode == 0, done.stderr
        assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert snapshot(tmp_path / "out") == sets["old"]


def _file_size_limit(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails: EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_disk_full_exits_3_and_leaves_the_outputs_untouched(two_runs, tmp_path):
    work, _, new, sets = two_runs
    out = fresh_target(work, tmp_path)
    done = subprocess.run(
        command(new, out),
        capture_output=True,
        text=True,
        env=env(),
        timeout=120,
        preexec_fn=_file_size_limit(20_000),
    )
    assert done.returncode == 3, done.stderr
    assert "cannot write" in done.stderr and "Traceback" not in done.stderr
    assert snapshot(out) == sets["old"]
    assert not aside(tmp_path) and not list(tmp_path.rglob("*.tmp"))


# --- person reports rendered by worker processes (commands/batch/reports.py) ---------------


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    """An export big enough for workers to help (reports.IN_WORKERS_FROM)."""
    from netzkompetenz.commands.batch.reports import IN_WORKERS_FROM

    work = tmp_path_factory.mktemp("large")
    return work, export(work / "large.csv", IN_WORKERS_FROM + 250, seed=3, prefix="Groß")


def group_members(pgid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # the fields after the name: state, ppid, pgrp
            found.append(int(stat.parent.name))
    return found


def interrupt_while_working(
    args: list[str], tmp_path: Path, working: str, sig: int, old: dict[str, str]
) -> None:
    """Run batch in a process group of its own (as a terminal gives it), and once a file
    matching `working` shows its workers at it, send `sig`: SIGINT to the whole group (as
    Ctrl-C does), another signal to the main process only. Then: exit 130, the earlier
    outputs as they were, no staging folder, no process of the group left running."""
    child = subprocess.Popen(
        args,
        env=env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob(working)):
        assert time.monotonic() < deadline and child.poll() is None
        time.sleep(0.01)
    if sig == signal.SIGINT:
        os.killpg(child.pid, sig)
    else:
        child.send_signal(sig)
    _, stderr = child.communicate(timeout=60)
    assert child.returncode == 130, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr
    assert snapshot(tmp_path / "out") == old
    assert not aside(tmp_path)
    deadline = time.monotonic() + 10
    while group_members(child.pid):
        assert time.monotonic() < deadline, group_members(child.pid)
        time.sleep(0.05)


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="workers need a second core")
def test_reports_from_workers_are_the_reports_of_one_process(large, tmp_path, monkeypatch):
    """The same files, byte for byte, whether the pages come from workers or not."""
    from typer.testing import CliRunner

    from netzkompetenz.cli import app
    from netzkompetenz.commands.batch import reports as batch_reports

    work, source = large
    assert run(command(source, tmp_path / "workers")).returncode == 0
    monkeypatch.setattr(batch_reports, "IN_WORKERS_FROM", 10**9)  # all in this process
    monkeypatch.delenv("NETZKOMPETENZ_DATA", raising=False)
    done = CliRunner().invoke(app, command(source, tmp_path / "alone")[3:])
    assert done.exit_code == 0, done.output
    alone = snapshot(tmp_path / "alone")
    assert len([name for name in alone if name.startswith("reports/")]) == 650
    assert snapshot(tmp_path / "workers") == alone


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="workers need a second core")
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_interrupted_while_workers_render_leaves_nothing_behind(large, two_runs, tmp_path, sig):
    """Ctrl-C reaches every process of the terminal's group; SIGTERM only the main one.
    Either way: exit 130, the earlier outputs as they were, no staging folder, no worker
    left running."""
    work, _, _, sets = two_runs
    _, source = large
    interrupt_while_working(
        command(source, fresh_target(work, tmp_path)),
        tmp_path,
        ".out.staging-*/reports/*.md",
        sig,
        sets["old"],
    )


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="workers need a second core")
def test_a_page_a_worker_cannot_write_ends_the_run_with_its_message(tmp_path):
    """A worker's write error (here: a folder where its page should go) reaches the main
    process as the same OutputError (exit 3) as when the page is written there, in the
    language of the run that started the worker (English here, not the tests' German)."""
    from netzkompetenz.commands.batch.reports import IN_WORKERS_FROM, Pages, PersonReports
    from netzkompetenz.core.matrix import MatrixScorer
    from netzkompetenz.errors import OutputError
    from netzkompetenz.i18n import language
    from netzkompetenz.io.catalog import Catalog
    from netzkompetenz.io.unscored import RowExtras

    catalog = Catalog.load([MINI])
    q = catalog.questionnaire("mini")
    profile = catalog.profiles_of(q)[0]
    scorer = MatrixScorer(q, profile)
    rows = IN_WORKERS_FROM
    codes = np.repeat(scorer.encode({i.id: 3 for i in q.items}), rows, axis=0)
    scores = scorer.score(codes)
    pages = Pages(q, profile, "md", tmp_path / "reports")
    (tmp_path / "reports" / "00001-Person-1.md").mkdir(parents=True)  # in the first slice
    reports = PersonReports(pages)
    try:
        with language("en"), pytest.raises(OutputError, match="cannot write .*00001-Person-1.md"):
            reports.add(
                list(range(1, rows + 1)),
                [(f"Person {n}", "", None) for n in range(1, rows + 1)],
                scores,
                [RowExtras() for _ in range(rows)],
            )
            assert reports.pool is not None  # the first slices went to a worker
            reports.finish()
    finally:
        reports.stop()


# --- results.jsonl from a second process (commands/batch/results.py) ------------------------


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="the second process needs a second core")
def test_results_from_a_second_process_are_the_results_of_one_process(large, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from netzkompetenz.cli import app
    from netzkompetenz.commands.batch import results as batch_results

    _, source = large
    assert source.stat().st_size < batch_results.BIG_EXPORT  # written here, in one process
    alone = run(command(source, tmp_path / "alone", "--outputs", "jsonl,csv"))
    assert alone.returncode == 0, alone.stderr
    monkeypatch.setattr(batch_results, "BIG_EXPORT", 0)  # every export counts as big
    monkeypatch.delenv("NETZKOMPETENZ_DATA", raising=False)
    done = CliRunner().invoke(
        app, command(source, tmp_path / "second", "--outputs", "jsonl,csv")[3:]
    )
    assert done.exit_code == 0, done.output
    assert (tmp_path / "second" / "results.jsonl").stat().st_mode & 0o777 == 0o600
    assert snapshot(tmp_path / "second") == snapshot(tmp_path / "alone")


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="the second process needs a second core")
def test_ctrl_c_while_a_second_process_writes_the_results(two_runs, tmp_path):
    from netzkompetenz.commands.batch.results import BIG_EXPORT

    work, _, _, sets = two_runs
    big = export(tmp_path / "big.csv", BIG_EXPORT // 25, seed=4)  # ≥ 25 bytes a row
    assert big.stat().st_size >= BIG_EXPORT
    interrupt_while_working(
        command(big, fresh_target(work, tmp_path), "--outputs", "jsonl", "--reports", "none"),
        tmp_path,
        ".out.staging-*/.results.jsonl.*.tmp",
        signal.SIGINT,
        sets["old"],
    )


# --- kill -9 while workers run: nothing of the run outlives it (commands/batch/workers.py) --------


def killed_while_working(args: list[str], tmp_path: Path, working: str) -> None:
    """Run batch in a process group of its own, and once a file matching `working` shows
    its workers at it, kill the main process alone with SIGKILL (nothing of it can clean
    up). Within 3 s no process of the group is left (workers, multiprocessing's resource
    tracker) and the run's stdout and stderr reach their end, so a script reading them
    does not wait forever."""
    import threading

    child = subprocess.Popen(
        args, env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 120
        # the main process, the resource tracker and at least one worker
        while not list(tmp_path.glob(working)) or len(group_members(child.pid)) < 3:
            assert time.monotonic() < deadline and child.poll() is None
            time.sleep(0.01)
        child.send_signal(signal.SIGKILL)
        child.wait()
        killed = time.monotonic()
        assert child.stdout is not None and child.stderr is not None
        readers = [
            threading.Thread(target=pipe.read, daemon=True) for pipe in (child.stdout, child.stderr)
        ]
        for reader in readers:
            reader.start()
        for reader in readers:
            reader.join(timeout=max(0.0, killed + 3 - time.monotonic()))
        assert not any(reader.is_alive() for reader in readers), "a pipe of the run is held open"
        while group_members(child.pid):
            assert time.monotonic() < killed + 3, group_members(child.pid)
            time.sleep(0.05)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, signal.SIGKILL)  # a failed check leaves nothing running


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="workers need a second core")
def test_kill_9_while_workers_render_leaves_no_process(large, two_runs, tmp_path):
    work, _, _, _ = two_runs
    _, source = large
    killed_while_working(
        command(source, fresh_target(work, tmp_path)), tmp_path, ".out.staging-*/reports/*.md"
    )


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="the second process needs a second core")
def test_kill_9_while_a_second_process_writes_the_results_leaves_no_process(two_runs, tmp_path):
    from netzkompetenz.commands.batch.results import BIG_EXPORT

    work, _, _, _ = two_runs
    big = export(tmp_path / "big.csv", BIG_EXPORT // 25, seed=4)
    killed_while_working(
        command(big, fresh_target(work, tmp_path), "--outputs", "jsonl", "--reports", "none"),
        tmp_path,
        ".out.staging-*/.results.jsonl.*.tmp",
    )
