"""Stable pseudonyms for --pseudonymize: a keyed hash of name and organisation."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

from netzkompetenz.io.files import atomic_write
from netzkompetenz.io.survey_tools import normalise

PSEUDONYM_KEY_ENV = "NETZKOMPETENZ_PSEUDONYM_KEY"


def pseudonym_key() -> bytes:
    """The secret that makes pseudonyms stable: the same person gets the same pseudonym in
    every run with the same key (before/after comparisons), and nobody without the key can
    test names against them. From NETZKOMPETENZ_PSEUDONYM_KEY, else a key file created once
    in the user's config folder (readable by the owner only)."""
    env = os.environ.get(PSEUDONYM_KEY_ENV)
    if env:
        return env.encode()
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    path = base / "netzkompetenz" / "pseudonym.key"
    if path.is_file():
        return path.read_bytes().strip()
    key = secrets.token_hex(32).encode()
    atomic_write(path, key + b"\n", private=True)
    return key


def pseudonym(key: bytes, name: str, organisation: str) -> str:
    person = normalise(name) + "\x1f" + normalise(organisation)
    digest = hmac.new(key, person.encode(), hashlib.sha256).hexdigest()
    return "P-" + digest[:10].upper()
