"""Shared test fixtures (helpers that tests import are in helpers.py).

External tools (tmux, chromium) are skipped when missing on a developer's machine but are
required under CI (CI=true), where .ci/run installs them: a missing tool must not turn a
red test into a silent skip there.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from helpers import MINI, ROOT

# Under CI the generated cases are the same on every run (derived from each test), so that a
# red build is the code's doing and can be repeated; on a developer's machine they are drawn
# anew each run, to find what a fixed set would not.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(autouse=True)
def _german_run():
    """Every test starts in the default language, German (the language of a run is
    process-wide state: a test that runs the CLI in English must not leak it)."""
    from netzkompetenz import i18n

    i18n.set_language(i18n.DEFAULT_LANGUAGE)
    yield
    i18n.set_language(i18n.DEFAULT_LANGUAGE)


@pytest.fixture(autouse=True)
def _no_carried_data():
    """The --data folders printed commands repeat are process-wide state too (set by each
    run's options): a test that ran the CLI in process with --data must not leak them."""
    from netzkompetenz.io import invocation

    invocation.carry([])
    yield
    invocation.carry([])


@pytest.fixture(autouse=True)
def user_data(tmp_path_factory, monkeypatch) -> Path:
    """The per-user data folder of the check (platformdirs follows XDG_DATA_HOME on Linux),
    private to each test: no test reads or fills the real one."""
    home = tmp_path_factory.mktemp("xdg-data")
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home / "netzkompetenz"


@pytest.fixture(autouse=True, scope="session")
def user_cache(tmp_path_factory) -> Path:
    """The per-user cache folder (compiled report templates: io/template_cache.py), one
    for the whole run: no test writes into the real one."""
    import os

    home = tmp_path_factory.mktemp("xdg-cache")
    os.environ["XDG_CACHE_HOME"] = str(home)
    return home / "netzkompetenz"


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
