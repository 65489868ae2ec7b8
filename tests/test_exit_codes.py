"""Exit codes a script can trust (README.md): a bug is never 1 or 2, and never a bare
traceback on the screen."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import FIXTURES, MINI
from netzkompetenz.errors import ExitCode

MINI_COMPLETE = FIXTURES / "answers" / "mini-complete.json"

CRASH = """
import sys
from netzkompetenz import cli
from netzkompetenz.commands import list as list_command

def broken(catalog, **options):
    raise RuntimeError("a bug")

list_command.run = broken
sys.argv = ["netzkompetenz", "list"]
cli.main()
"""


def test_the_codes_are_the_documented_ones():
    assert [int(c) for c in ExitCode] == [0, 1, 2, 3, 70, 130]
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for code in ExitCode:
        assert re.search(rf"\b{int(code)}\b", readme.split("Exit codes")[1]), code


def test_an_internal_error_exits_70_with_a_note_and_a_crash_log(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-c", CRASH],
        capture_output=True,
        text=True,
        env={"TMPDIR": str(tmp_path), "PATH": ""},
    )
    assert proc.returncode == ExitCode.INTERNAL
    assert "Programmfehler" in proc.stderr and "Traceback" not in proc.stderr
    logs = list(tmp_path.glob("netzkompetenz-crash-*.txt"))
    assert len(logs) == 1 and str(logs[0]) in proc.stderr
    log = logs[0].read_text(encoding="utf-8")
    assert "RuntimeError: a bug" in log and "Traceback" in log


def test_debug_shows_the_traceback(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-c", CRASH],
        capture_output=True,
        text=True,
        env={"TMPDIR": str(tmp_path), "NETZKOMPETENZ_DEBUG": "1"},
    )
    assert proc.returncode == 1 and "RuntimeError: a bug" in proc.stderr
    assert not list(tmp_path.glob("netzkompetenz-crash-*.txt"))


def test_version_comes_from_the_package_metadata():
    from importlib.metadata import version

    proc = subprocess.run(
        [sys.executable, "-m", "netzkompetenz", "--version"], capture_output=True, text=True
    )
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"netzkompetenz {version('netzkompetenz')}"


WRAPPED_INTERRUPT = """
import os, signal, sys
from pydantic import BaseModel, model_serializer
from netzkompetenz import cli
from netzkompetenz.commands import list as list_command

class Wrapping(BaseModel):
    @model_serializer
    def _dump(self):
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C while pydantic is at work
        return {}

def interrupted_inside_pydantic(*args, **kwargs):
    Wrapping().model_dump()

list_command.run = interrupted_inside_pydantic
sys.argv = ["netzkompetenz", "list"]
cli.main()
"""


def test_ctrl_c_that_a_library_wraps_in_its_own_error_is_still_an_interruption(tmp_path):
    # pydantic turns a KeyboardInterrupt inside a serializer into PydanticSerializationError
    # (seen in CI: Ctrl-C during a batch was reported as a bug).
    proc = subprocess.run(
        [sys.executable, "-c", WRAPPED_INTERRUPT],
        capture_output=True,
        text=True,
        env={"TMPDIR": str(tmp_path), "PATH": ""},
    )
    assert proc.returncode == ExitCode.INTERRUPTED, proc.stderr
    assert "unterbrochen" in proc.stderr and "Programmfehler" not in proc.stderr
    assert not list(tmp_path.glob("netzkompetenz-crash-*.txt"))


@pytest.mark.terminal
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG_DATA_HOME: Linux")
@pytest.mark.parametrize("fault", ["file-in-the-way", "read-only"])
@pytest.mark.parametrize(
    "args", [["check"], ["check", "--role", "coordinator", "--lang", "en"]], ids=["bare", "role"]
)
def test_a_check_that_cannot_save_says_so_before_the_first_question(tmp_path, fault, args):
    """The data folder cannot be made (a file has its name) or written (a read-only
    parent): exit 3 naming the folder, not an internal error after the person has answered
    (review S3). Nothing is typed: a question would wait until the timeout."""
    pexpect = pytest.importorskip("pexpect")
    data = tmp_path / "data"
    data.mkdir()
    if fault == "file-in-the-way":
        (data / "netzkompetenz").write_text("")
    else:
        if os.geteuid() == 0:
            pytest.skip("root writes into a read-only folder anyway")
        data.chmod(0o555)
    env = {
        **os.environ,
        "XDG_DATA_HOME": str(data),
        "PROMPT_TOOLKIT_NO_CPR": "1",
        "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src"),
        "TMPDIR": str(tmp_path),  # where a crash log would go
    }
    env.pop("NETZKOMPETENZ_DATA", None)
    term = pexpect.spawn(
        sys.executable,
        ["-m", "netzkompetenz", *args],
        env=env,
        cwd=str(tmp_path),
        timeout=30,
        encoding="utf-8",
        dimensions=(40, 120),
    )
    try:
        term.expect(pexpect.EOF)
    finally:
        term.close(force=True)
        data.chmod(0o755)
    assert term.exitstatus == ExitCode.CANNOT_WRITE, term.before
    assert str(data / "netzkompetenz") in term.before and "--answers" in term.before
    assert "Traceback" not in term.before
    assert not list(tmp_path.glob("netzkompetenz-crash-*"))


@pytest.mark.terminal
@pytest.mark.skipif(sys.platform == "win32", reason="chmod")
@pytest.mark.parametrize(
    "command", [["priorities"], ["check", "--resume", "--answers"]], ids=["priorities", "check"]
)
def test_a_read_only_answers_file_is_refused_before_the_first_question(tmp_path, command):
    """Each save replaces the answers file (atomically): a file marked read-only (0444)
    would come back writable without a word (review S9). Refused with exit 3 before any
    question; the file keeps its content and its mode."""
    pexpect = pytest.importorskip("pexpect")
    root = Path(__file__).resolve().parent.parent
    path = tmp_path / "a.json"
    path.write_bytes((root / "tests/fixtures/answers/mini-complete.json").read_bytes())
    if command[0] == "check":
        path.write_bytes((root / "tests/fixtures/answers/mini-partial.json").read_bytes())
    content = path.read_bytes()
    path.chmod(0o444)
    env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "PYTHONPATH": str(root / "src")}
    term = pexpect.spawn(
        sys.executable,
        ["-m", "netzkompetenz", "--data", str(root / "tests/fixtures/mini"), *command]
        + [str(path), "--lang", "en"],
        env=env,
        cwd=str(tmp_path),
        timeout=30,
        encoding="utf-8",
        dimensions=(40, 120),
    )
    try:
        term.expect(pexpect.EOF)  # nothing typed: a question would wait until the timeout
    finally:
        term.close(force=True)
    assert term.exitstatus == ExitCode.CANNOT_WRITE, term.before
    assert "a.json: the file is marked read-only" in term.before.replace("\r\n", "")
    assert "Traceback" not in term.before
    assert path.read_bytes() == content and path.stat().st_mode & 0o777 == 0o444
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]  # no lock file left


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal is POSIX")
@pytest.mark.parametrize("command", ["check", "priorities"])
def test_a_terminal_gone_before_its_hang_up_is_no_bug(tmp_path, command):
    """When the terminal closes, reading or writing it fails with EIO, often before the
    SIGHUP arrives (or, without a controlling terminal, with none at all); `priorities`
    then still says where its choices are saved, to the dead terminal. Either way the run
    ends as interrupted, without a crash log in the temporary folder."""
    import pty
    import select
    import shutil

    answers = tmp_path / "answers.json"
    shutil.copy(MINI_COMPLETE, answers)
    args = {
        "check": ["--data", str(tmp_path), "check"],
        "priorities": ["--data", str(MINI), "priorities", str(answers), "--lang", "de"],
    }[command]
    leader, follower = pty.openpty()
    env = {**os.environ, "TMPDIR": str(tmp_path), "PROMPT_TOOLKIT_NO_CPR": "1"}
    env.pop("NETZKOMPETENZ_DEBUG", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "netzkompetenz", *args],
        stdin=follower,
        stdout=follower,
        stderr=subprocess.PIPE,
        env=env,
        cwd=tmp_path,
    )
    os.close(follower)
    seen = b""
    while b"Enter" not in seen:  # a question is on the screen, waiting
        ready, _, _ = select.select([leader], [], [], 30)
        assert ready, seen
        seen += os.read(leader, 4096)
    os.close(leader)  # the terminal goes away
    _, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 130, stderr
    assert b"Traceback" not in stderr and b"Programmfehler" not in stderr
    assert not list(tmp_path.glob("netzkompetenz-crash-*"))
