"""Shared test helpers.

External tools (tmux, chromium) are skipped when missing on a developer's machine but are
required under CI (CI=true), where .ci/run installs them: a missing tool must not turn a
red test into a silent skip there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
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


def run_cli(*args: str, input: str | None = None, cwd: Path | None = None,
            env: dict[str, str] | None = None, timeout: float = 60
            ) -> subprocess.CompletedProcess[str]:
    """Run the real command line in a subprocess, as a user would."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("NETZKOMPETENZ_DATA", None) if env is None or \
        "NETZKOMPETENZ_DATA" not in env else None
    return subprocess.run([sys.executable, "-m", "netzkompetenz", *args], input=input,
                          capture_output=True, text=True, cwd=cwd or ROOT, env=full_env,
                          timeout=timeout)


@pytest.fixture
def mini_data() -> Path:
    """A small valid questionnaire + profile folder (see tests/fixtures/mini)."""
    return MINI


@pytest.fixture
def artifacts() -> Path:
    """Where tests keep files worth looking at (screenshots, reports)."""
    path = ROOT / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path
