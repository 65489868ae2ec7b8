"""Two `check` runs on one answers file (docs/check.md, "Zwei Selbstchecks auf einer
Datei"): the second is refused at once naming the first, the lock of a killed run is taken
over, and no answer is ever lost — with real processes."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sys
import time
from pathlib import Path

import pytest

from helpers import MINI, ROOT, require_tool

ANSWERS = ROOT / "tests" / "fixtures" / "answers" / "mini-partial.json"


def _answer_items(path: str, items: list[str], barrier, report) -> None:
    """One check's saving layer in its own process: take the file, read it under the lock,
    add answers one save at a time (as the check does after each answer)."""
    from netzkompetenz.io.answers_file import HeldAnswersFile
    from netzkompetenz.io.locks import LockHeld

    held = HeldAnswersFile(Path(path))
    barrier.wait()  # both processes race for the lock from here
    while True:
        try:
            with held.hold():
                answers = held.read()
                for item in items:
                    answers.values[item] = 4
                    held.save(answers)
                    time.sleep(0.01)
                report.put(("done", os.getpid()))
                return
        except LockHeld as exc:
            report.put(("refused", exc.holder.get("pid")))
            time.sleep(0.05)  # the person tries again later


def test_two_processes_on_one_file_lose_no_answer(tmp_path):
    path = tmp_path / "answers.json"
    doc = json.loads(ANSWERS.read_text())
    doc["values"] = {}
    path.write_text(json.dumps(doc))
    ctx = multiprocessing.get_context("spawn")
    barrier, report = ctx.Barrier(2), ctx.Queue()
    first = ctx.Process(target=_answer_items, args=(str(path), ["A1", "A2"], barrier, report))
    second = ctx.Process(target=_answer_items, args=(str(path), ["B1", "B2"], barrier, report))
    first.start()
    second.start()
    first.join(60)
    second.join(60)
    assert first.exitcode == 0 and second.exitcode == 0
    events = []
    while not report.empty():
        events.append(report.get())
    done = [pid for what, pid in events if what == "done"]
    refused = [pid for what, pid in events if what == "refused"]
    assert sorted(done) == sorted([first.pid, second.pid])
    assert refused and set(refused) <= {first.pid, second.pid}  # named the holder
    values = json.loads(path.read_text())["values"]
    assert values == {"A1": 4, "A2": 4, "B1": 4, "B2": 4}


def _hold_forever(path: str, ready) -> None:
    from netzkompetenz.io.answers_file import HeldAnswersFile

    held = HeldAnswersFile(Path(path))
    with held.hold():
        ready.set()
        time.sleep(600)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_the_lock_of_a_killed_check_is_taken_over(tmp_path):
    from netzkompetenz.io.answers_file import HeldAnswersFile
    from netzkompetenz.io.locks import LockHeld

    path = tmp_path / "answers.json"
    path.write_text(ANSWERS.read_text())
    ctx = multiprocessing.get_context("spawn")
    ready = ctx.Event()
    holder = ctx.Process(target=_hold_forever, args=(str(path), ready))
    holder.start()
    assert ready.wait(30)
    with pytest.raises(LockHeld) as refused:
        with HeldAnswersFile(path).hold():
            pass
    assert refused.value.holder["pid"] == holder.pid
    assert str(holder.pid) in str(refused.value)  # named in the message, in either language
    os.kill(holder.pid, signal.SIGKILL)
    holder.join(10)
    held = HeldAnswersFile(path)
    with held.hold():  # taken over at once
        assert held.read() is not None


def test_a_change_by_another_program_is_kept_not_overwritten(tmp_path):
    from netzkompetenz.io.answers_file import HeldAnswersFile

    path = tmp_path / "answers.json"
    path.write_text(ANSWERS.read_text())
    held = HeldAnswersFile(path)
    with held.hold():
        answers = held.read()
        answers.values["A1"] = 5
        assert held.save(answers) is None
        edited = path.read_text().replace('"A1": 5', '"A1": 1')  # an editor, a sync client
        path.write_text(edited)
        answers.values["B1"] = 2
        kept = held.save(answers)
    assert kept is not None and kept.read_text() == edited
    assert json.loads(path.read_text())["values"]["B1"] == 2


@pytest.mark.terminal
def test_a_second_check_in_a_terminal_is_refused_with_the_holder(tmp_path):
    pexpect = pytest.importorskip("pexpect")
    require_tool("sh")
    path = tmp_path / "answers.json"
    path.write_text(ANSWERS.read_text())
    env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "PYTHONPATH": str(ROOT / "src")}
    args = [
        "-m",
        "netzkompetenz",
        "--data",
        str(MINI),
        "check",
        "--answers",
        str(path),
        "--lang",
        "en",
    ]
    first = pexpect.spawn(
        sys.executable,
        args,
        env=env,
        cwd=str(tmp_path),
        timeout=30,
        encoding="utf-8",
        dimensions=(40, 120),
    )
    try:
        first.expect("How do you want to go on")  # it holds the file now
        second = pexpect.spawn(
            sys.executable,
            args,
            env=env,
            cwd=str(tmp_path),
            timeout=30,
            encoding="utf-8",
            dimensions=(40, 120),
        )
        second.expect(pexpect.EOF)
        second.close()
        assert second.exitstatus == 2
        assert f"in use by process {first.pid}" in second.before
        assert "Traceback" not in second.before
    finally:
        first.terminate(force=True)


@pytest.mark.terminal
@pytest.mark.skipif(sys.platform == "win32", reason="rlimits")
def test_a_check_on_a_full_disk_leaves_no_lock_files(tmp_path):
    """The disk is full (a file may not grow past 60 bytes): the check cannot save, exits
    3 with the answers file as it was, and leaves neither its lock file nor a half-written
    note of who held it (review S7)."""
    import resource

    pexpect = pytest.importorskip("pexpect")
    path = tmp_path / "a.json"
    path.write_text(ANSWERS.read_text())

    def full_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails: EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (60, 60))

    env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "PYTHONPATH": str(ROOT / "src")}
    check = pexpect.spawn(
        sys.executable,
        ["-m", "netzkompetenz", "--data", str(MINI), "check", "--answers", str(path)]
        + ["--resume", "--lang", "en"],
        env=env,
        cwd=str(tmp_path),
        timeout=30,
        encoding="utf-8",
        dimensions=(40, 120),
        preexec_fn=full_disk,
    )
    check.expect(pexpect.EOF)
    check.close()
    assert check.exitstatus == 3, check.before
    assert "cannot write" in check.before and "Traceback" not in check.before
    assert path.read_text() == ANSWERS.read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]
