"""What several test modules share: paths, the real command line, external tools (one
driver each: tmux, Chromium, LibreOffice), and reading HTML pages. (Fixtures are in
conftest.py; the check's walk as the tests answer it is in walk.py.)"""

from __future__ import annotations

import atexit
import base64
import csv
import functools
import html
import io
import json
import os
import re
import select
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI = FIXTURES / "mini"


def require_tool(*names: str) -> str:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    message = f"{' or '.join(names)} not installed"
    if os.environ.get("CI"):
        pytest.fail(message + " (CI must install it: see .ci/run)")
    pytest.skip(message)


def run_cli(
    *args: str,
    input: str | None = None,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """Run the real command line in a subprocess, as a user would."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop(
        "NETZKOMPETENZ_DATA", None
    ) if env is None or "NETZKOMPETENZ_DATA" not in env else None
    return subprocess.run(
        [sys.executable, "-m", "netzkompetenz", *args],
        input=input,
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env=full_env,
        timeout=timeout,
    )


# --- batch ---------------------------------------------------------------------------------


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@dataclass
class Done:
    returncode: int
    stdout: str
    stderr: str


def invoke(*args: str, env: dict | None = None) -> Done:
    """The command line in process (fast, for many runs); an exception that is not an exit
    is raised as it is."""
    from typer.testing import CliRunner

    from netzkompetenz.cli import app

    result = CliRunner().invoke(app, list(args), env=env)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Done(result.exit_code, result.stdout, result.stderr)


def batch(*args: str, data: Path = MINI, env: dict | None = None) -> Done:
    """In process (fast); test_command_line_end_to_end runs the real program once."""
    return invoke("--data", str(data), "batch", *args, env=env)


def limesurvey(out: Path, *args: str, env: dict[str, str] | None = None) -> Done:
    """The LimeSurvey export of the mini questionnaire with its mapping file, scored into
    out."""
    exports = FIXTURES / "exports"
    return batch(
        str(exports / "limesurvey.csv"),
        "--questionnaire",
        "mini",
        "--mapping",
        str(exports / "limesurvey-mapping.yaml"),
        "-o",
        str(out),
        *args,
        env=env,
    )


# --- LimeSurvey ----------------------------------------------------------------------------


def read_structure(text: str) -> dict:
    """Survey settings, and per language the groups with their questions, subquestions
    and answers, as LimeSurvey's TSV import groups them."""
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:]), delimiter="\t"))
    survey = {r["name"]: r["text"] for r in rows if r["class"] == "S"}
    settings: dict[str, dict[str, str]] = {}
    langs: dict[str, list[dict]] = {}
    group = question = None
    for row in rows:
        kind, lang = row["class"], row["language"]
        if kind == "SL":
            settings.setdefault(lang, {})[row["name"]] = html.unescape(row["text"])
        elif kind == "G":
            group = {
                "seq": row["type/scale"],
                "name": html.unescape(row["name"]),
                "text": html.unescape(row["text"]),
                "questions": [],
            }
            langs.setdefault(lang, []).append(group)
        elif kind == "Q":
            question = {
                "code": row["name"],
                "type": row["type/scale"],
                "text": html.unescape(row["text"]),
                "sub": [],
                "answers": [],
            }
            group["questions"].append(question)
        elif kind == "SQ":
            question["sub"].append((row["name"], row["relevance"], html.unescape(row["text"])))
        elif kind == "A":
            question["answers"].append((row["name"], html.unescape(row["text"])))
            question.setdefault("values", []).append(row["assessment_value"])
    return {"survey": survey, "settings": settings, "languages": langs}


# --- HTML pages ----------------------------------------------------------------------------


class Elements(HTMLParser):
    """Collects elements with data-* attributes and class, with their text."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[dict] = []
        self._open: list[dict] = []

    def handle_starttag(self, tag, attrs):
        entry = {"tag": tag, **dict(attrs), "text": ""}
        if tag in ("tr", "li", "ol", "ul", "p", "h1"):
            self.found.append(entry)
            self._open.append(entry)

    def handle_endtag(self, tag):
        if self._open and self._open[-1]["tag"] == tag:
            self._open.pop()

    def handle_data(self, data):
        for entry in self._open:
            entry["text"] += data


def parse(path: Path) -> list[dict]:
    parser = Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.found


def chromium(profile: Path | str, *args: str) -> list[str]:
    """The one Chromium command line of the tests: headless, with the profile folder
    `profile` and no background connections (this machine has no network)."""
    return [
        require_tool("chromium", "chromium-browser"),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        *args,
    ]


def headless_chromium(*args: str) -> None:
    """Run Chromium once with a fresh profile, as the tests open every page."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(chromium(profile, *args), capture_output=True, timeout=60, check=False)


def screenshot(html: Path, png: Path) -> None:
    """Open the page in headless Chromium, as a person would, and keep a screenshot."""
    headless_chromium("--window-size=1280,1600", f"--screenshot={png}", html.as_uri())
    assert png.is_file() and png.stat().st_size > 10_000, "chromium wrote no screenshot"


def pdf_pages(html: Path, pdf: Path) -> int:
    """Print the page as Chromium prints it (A4 from the page's @page rule); count pages."""
    headless_chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.as_uri())
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF"), "chromium wrote no PDF"
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


class Browser:
    """Just enough of the DevTools protocol: call a method, collect the events.

    Chromium is driven on a pipe (--remote-debugging-pipe: requests on fd 3, replies on fd 4,
    each a JSON message ending in a NUL byte)."""

    def __init__(self, profile: Path) -> None:
        to_child, self._out = os.pipe()
        self._in, from_child = os.pipe()

        def wire() -> None:  # runs in the child: fd 3 = our requests, fd 4 = its replies
            a, b = os.dup(to_child), os.dup(from_child)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.proc = subprocess.Popen(
            chromium(
                profile,
                "--hide-scrollbars",
                "--window-size=1000,1400",
                "--remote-debugging-pipe",
                "about:blank",
            ),
            pass_fds=(to_child, from_child, 3, 4),
            preexec_fn=wire,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_child)
        os.close(from_child)
        self._buffer = b""
        self._id = 0
        self.events: list[dict] = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        for domain in ("Network", "Runtime", "Log", "Page"):
            self.call(f"{domain}.enable", session=True)

    def _receive(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("chromium did not answer in time")
            ready, _, _ = select.select([self._in], [], [], left)
            if ready:
                chunk = os.read(self._in, 1 << 16)
                if not chunk:
                    raise EOFError("chromium closed the pipe")
                self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def call(
        self, method: str, params: dict | None = None, *, session: bool = False, timeout: float = 20
    ) -> dict:
        self._id += 1
        message = {"id": self._id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        os.write(self._out, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._receive(deadline)
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]
            self.events.append(reply)

    def open(self, url: str, timeout: float = 20) -> list[dict]:
        """Load a page; return the events it caused (requests, console, log)."""
        self.events = []
        self.call("Page.navigate", {"url": url}, session=True)
        deadline = time.monotonic() + timeout
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events):
            self.events.append(self._receive(deadline))
        return self.events

    def evaluate(self, expression: str, timeout: float = 20):
        """The value of a JavaScript expression in the page (a promise is awaited)."""
        result = self.call(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
            session=True,
            timeout=timeout,
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression[:60]}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def viewport(self, width: int, height: int) -> None:
        """The window's size in CSS pixels (640 wide = a 1280 px screen at 200 % zoom)."""
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
            session=True,
        )

    def screenshot(self, path: Path) -> None:
        shot = self.call(
            "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}, session=True
        )
        path.write_bytes(base64.b64decode(shot["data"]))

    def close(self) -> None:
        try:
            self.call("Browser.close", timeout=5)
        except (TimeoutError, EOFError, RuntimeError, OSError):
            pass
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._in)
        os.close(self._out)


@contextmanager
def open_browser() -> Iterator[Browser]:
    """A Browser with a profile folder of its own, closed at the end."""
    with tempfile.TemporaryDirectory() as profile:
        browser = Browser(Path(profile))
        try:
            yield browser
        finally:
            browser.close()


# --- a real terminal -----------------------------------------------------------------------

PAUSES = ("Weiter mit Enter", "Continue with Enter")  # the check's pause (views/screen.py)


def paused(screen: str) -> bool:
    """The screen waits at a pause for Enter: its last line that is not empty is one."""
    lines = [line.strip() for line in screen.splitlines() if line.strip()]
    return bool(lines) and lines[-1] in PAUSES


def past_pause(screen, timeout: float = 5.0) -> None:
    """After Enter at a pause: wait until it has left the screen (a second Enter would
    answer the question after it)."""
    import time

    deadline = time.monotonic() + timeout
    while paused(screen()) and time.monotonic() < deadline:
        time.sleep(0.02)


class Terminal:
    """The one tmux driver of the tests: a private tmux server with a window of `width` x
    `height`, typed into as a person types (keys with send-keys, the screen read with
    capture-pane, every wait a poll for text on the screen). The window runs a shell
    (`start`, commands typed in with `type`) or the program alone (`start_program`); either
    prints "[exit N]" when a command ends."""

    def __init__(self, width: int = 80, height: int = 24):
        self.tmux = require_tool("tmux")
        self.socket = _socket_name()
        self.width, self.height = width, height
        self.done = 0  # "[exit N]" lines before the command typed last
        self.status_file: Path | None = None

    def __call__(self, *args: str) -> str:
        done = subprocess.run(
            [self.tmux, "-L", self.socket, *args], capture_output=True, text=True, timeout=10
        )
        if done.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args)}: {done.stderr}")
        return done.stdout

    def start(self, cwd: Path, env: dict[str, str] | None = None) -> None:
        """A shell in `cwd`, with no settings of its own, the prompt "$ "."""
        self._new_session(cwd, env, "bash --norc --noprofile")
        self.wait_for("[exit 0]")

    def start_program(self, args: list[str], cwd: Path) -> None:
        """`netzkompetenz ARGS` (this checkout's) alone in the window, in `cwd`. tmux's own
        pane_dead_status sometimes stays empty for long (the child left unreaped until the
        server's next event), so the shell that runs the program prints its exit status, and
        writes it to `status_file`: that shell survives a hang-up (a trap, which the program
        does not inherit), so the status is known after the terminal has gone too."""
        self.status_file = cwd / "exit-status.txt"
        command = (
            'trap "true" HUP; '
            + shlex.join([sys.executable, "-m", "netzkompetenz", *args])
            + f'; s=$?; echo "$s" > {shlex.quote(str(self.status_file))}; echo "[exit $s]"'
        )
        self._new_session(cwd, {"PYTHONPATH": str(ROOT / "src")}, command)
        self("set-option", "-t", "t", "remain-on-exit", "on")

    def _new_session(self, cwd: Path, env: dict[str, str] | None, command: str) -> None:
        environment = {
            "PROMPT_TOOLKIT_NO_CPR": "1",
            "PS1": "$ ",
            "COLUMNS": "",
            "LINES": "",
            "PROMPT_COMMAND": 'echo "[exit $?]"',
            "NETZKOMPETENZ_DATA": "",
            "PYTHONPATH": "",
            "VIRTUAL_ENV": "",
            **(env or {}),
        }
        options = [x for k, v in environment.items() for x in ("-e", f"{k}={v}")]
        self(
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            str(self.width),
            "-y",
            str(self.height),
            "-c",
            str(cwd),
            *options,
            command,
        )

    def type(self, line: str) -> None:
        """A command line as a person types it, then Enter."""
        self.done = self.screen(history=True).count("[exit ")
        self("send-keys", "-t", "t", "-l", line)
        self("send-keys", "-t", "t", "Enter")

    def send(self, *keys: str, literal: bool = False) -> None:
        """Keys by their tmux names ("Enter", "C-c"), or with `literal` the text as typed."""
        self("send-keys", "-t", "t", *(["-l"] if literal else []), *keys)

    def screen(self, history: bool = False, joined: bool = True) -> str:
        return self(
            "capture-pane",
            "-p",
            *(["-J"] if joined else []),
            "-t",
            "t",
            *(["-S", "-"] if history else []),
        )

    def wait_for(
        self,
        text: str,
        after: str | None = None,
        timeout: float = 20.0,
        history: bool = False,
        through_pauses: bool = True,
    ) -> str:
        """Poll until `text` is on the screen (and `after` follows its last occurrence);
        a pause ("Weiter mit Enter") met meanwhile is answered with Enter, as a reader does
        (unless `through_pauses` is False)."""
        import time

        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen(history=history)
            if text in screen and (after is None or after in screen[screen.rindex(text) :]):
                return screen
            if through_pauses and paused(self.screen()):
                self.send("Enter")
                past_pause(self.screen)
            if time.monotonic() > deadline:
                raise AssertionError(f"waited for {text!r}; the screen shows:\n{screen}")
            time.sleep(0.05)

    def wait_until(self, ready, what: str, timeout: float = 20.0) -> list[str]:
        """Poll until `ready(lines)` holds for the visible screen's lines as drawn."""
        import time

        deadline = time.monotonic() + timeout
        while True:
            lines = self.screen(joined=False).splitlines()
            if ready(lines):
                return lines
            if paused("\n".join(lines)):  # a pause is read, then Enter (as in wait_for)
                self.send("Enter")
                past_pause(self.screen)
            if time.monotonic() > deadline:
                raise AssertionError(f"waited for {what}; the screen shows:\n" + "\n".join(lines))
            time.sleep(0.05)

    def finished(self, timeout: float = 60.0) -> int:
        """The exit status of the command typed last (the shell's "[exit N]" after it)."""
        import re
        import time

        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen(history=True)
            statuses = re.findall(r"\[exit (\d+)\]", screen)
            if len(statuses) > self.done:
                return int(statuses[self.done])
            if time.monotonic() > deadline:
                raise AssertionError("the command did not finish:\n" + screen[-2000:])
            time.sleep(0.05)

    def program_pid(self) -> int:
        """The process id of the program `start_program` runs (a child of the pane's shell)."""
        shell = self("display-message", "-p", "-t", "t", "#{pane_pid}").strip()
        children = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", shell], capture_output=True, text=True
        ).stdout.split()
        assert len(children) == 1, children
        return int(children[0])

    def hang_up(self) -> None:
        """The terminal goes away: tmux hangs up on what runs in it."""
        self("kill-session", "-t", "t")

    def close(self) -> None:
        subprocess.run([self.tmux, "-L", self.socket, "kill-server"], capture_output=True)
        # a fresh server for a next start: the old one may still be shutting down
        self.socket = _socket_name()


def _socket_name() -> str:
    import uuid

    return f"nk-term-{uuid.uuid4().hex[:10]}"


def words_whole(texts: list[str], screen_lines: list[str]) -> list[str]:
    """The words of `texts` that appear on no screen line as a whole token: a word broken
    across two lines ("beruh|t"), or an id or a level cut short, is one of them."""
    tokens = {t for line in screen_lines for t in line.split()}
    return [w for text in texts for w in text.split() if w not in tokens]


# When to choose „keine Gelegenheit“, with 3.0's labels, as written here: said above each
# dimension's statements in the check and on each dimension's page of a survey form (the
# thirtieth content read, b; io/survey_tools.not_applicable_remark)
NO_OPPORTUNITY = {
    "de": "Beschreibt eine Aussage eine Situation oder Aufgabe, die Ihnen nicht begegnet ist, "
    "wählen Sie „keine Gelegenheit“, nicht „trifft nicht zu“.",
    "en": "Where a statement describes a situation or task you have not met, choose "
    "“no opportunity”, not “not true of me”.",
}


@functools.cache
def _soffice_profile() -> Path:
    """LibreOffice's profile folder for this test process: made once (the first start fills
    it, later ones reuse it) and removed when the process ends, so that no run leaves it
    behind in the temp folder."""
    profile = Path(tempfile.gettempdir()) / f"netzkompetenz-tests-lo-{os.getpid()}"
    atexit.register(shutil.rmtree, profile, ignore_errors=True)
    return profile


def soffice_convert(source: Path, target: str, out_dir: Path) -> Path:
    """LibreOffice Calc opens `source` headless and saves it as `target` (an argument of
    --convert-to: "ods", "xls", or "csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,true"
    for `;`, UTF-8, text unquoted as in LibreOffice's dialogue) into out_dir, as a person
    would with "Save as". Its own profile folder per test process, so that
    runs beside each other (or a LibreOffice the developer has open) do not block it."""
    soffice = require_tool("soffice", "libreoffice")
    profile = _soffice_profile()
    out_dir.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(out_dir),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    saved = out_dir / f"{source.stem}.{target.split(':')[0]}"
    assert saved.is_file(), f"LibreOffice wrote no {saved.name}: {done.stdout}{done.stderr}"
    return saved
