"""netzkompetenz: competence self-assessment for network coordination in municipalities."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # The version lives in pyproject.toml only; read from the installed metadata on demand,
    # so that importing the package (every start of the tool) does not pay for it.
    if name == "__version__":
        from importlib.metadata import version

        return version("netzkompetenz")
    raise AttributeError(name)
