"""Questionnaires and profiles are found from a checkout, from an installed wheel, and in
the user's own folders (--data and NETZKOMPETENZ_DATA)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import pytest

from helpers import MINI, ROOT, run_cli


@pytest.fixture(scope="module")
def unpacked_wheel(tmp_path_factory):
    """The project built as a wheel and unpacked, as pip would install it."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(out.glob("netzkompetenz-*.whl"))
    site = out / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    return site


def test_wheel_carries_the_bundled_files(unpacked_wheel):
    """Every file, archive/ subfolders (the 1.0 content) included."""
    for folder in ("questionnaires", "profiles", "schema"):
        shipped = sorted(
            str(p.relative_to(ROOT / folder)) for p in (ROOT / folder).rglob("*") if p.is_file()
        )
        data = unpacked_wheel / "netzkompetenz" / "_data" / folder
        packaged = sorted(str(p.relative_to(data)) for p in data.rglob("*") if p.is_file())
        assert packaged == shipped
    assert (
        unpacked_wheel
        / "netzkompetenz"
        / "_data"
        / "questionnaires"
        / "archive"
        / "netzwerkkoordination-1.0.yaml"
    ).is_file()


def test_installed_wheel_finds_its_data_outside_the_checkout(unpacked_wheel, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "NETZKOMPETENZ_DATA"}
    env["PYTHONPATH"] = str(unpacked_wheel)
    env["COLUMNS"] = "200"
    result = subprocess.run(
        [sys.executable, "-m", "netzkompetenz", "list"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert str(unpacked_wheel / "netzkompetenz" / "_data") in result.stdout.replace("\n", "")
    for path in (ROOT / "questionnaires").glob("*.yaml"):
        assert path.stem in result.stdout


def test_data_option_adds_the_users_folder():
    result = run_cli("--data", str(MINI), "list", env={"COLUMNS": "200"})
    assert result.returncode == 0, result.stderr
    assert "mini-coordinator" in result.stdout


def test_environment_variable_adds_the_users_folder():
    result = run_cli("list", env={"NETZKOMPETENZ_DATA": str(MINI), "COLUMNS": "200"})
    assert result.returncode == 0, result.stderr
    assert "mini-coordinator" in result.stdout


def test_missing_data_folder_is_a_clear_error(tmp_path):
    result = run_cli("--data", str(tmp_path / "nowhere"), "list")
    assert result.returncode == 2
    assert result.stderr.strip() == f"{tmp_path / 'nowhere'}: der Datenordner existiert nicht"


def test_wheel_carries_the_compiled_catalogs(unpacked_wheel):
    for po in (ROOT / "src" / "netzkompetenz").rglob("*.po"):
        inside = po.relative_to(ROOT / "src")
        assert (unpacked_wheel / inside).is_file(), inside
        assert (unpacked_wheel / inside.with_suffix(".mo")).read_bytes() == po.with_suffix(
            ".mo"
        ).read_bytes()
