"""report, compare and plan take their outputs alike: -o with .md or .html (plan also .csv and
.xlsx), without -o a readable rendering in the terminal; a missing folder is refused (exit 2,
nothing created) and an existing file is replaced only with --force; help without Typer's
notation; compare in the reader's language when the two files disagree."""

from __future__ import annotations

import json
import shutil

import pytest

from helpers import FIXTURES, MINI, run_cli

TANDEM = FIXTURES / "tandem"
LEADER = TANDEM / "answers" / "lange-2025.json"
COORDINATOR = TANDEM / "answers" / "yilmaz-2025.json"
COMPLETE = FIXTURES / "answers" / "mini-complete.json"

COMMANDS = {
    "report": (["--data", str(MINI), "report", str(COMPLETE)], "Erika Mustermann"),
    "compare": (["--data", str(TANDEM), "compare", str(LEADER), str(COORDINATOR)], "Tandem-Profil"),
    "plan": (["--data", str(TANDEM), "plan", str(LEADER), str(COORDINATOR)], "Schulungsplan"),
}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("suffix", [".md", ".html"])
def test_md_and_html_for_every_command(tmp_path, command, suffix):
    args, shown = COMMANDS[command]
    out = tmp_path / f"out{suffix}"
    proc = run_cli(*args, "-o", str(out), "--lang", "de")
    assert proc.returncode == 0, proc.stderr
    assert shown in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("command", COMMANDS)
def test_without_o_the_terminal_shows_it_in_80_columns(tmp_path, command):
    args, shown = COMMANDS[command]
    proc = run_cli(*args, "--lang", "de", cwd=tmp_path, env={"COLUMNS": "80"})
    assert proc.returncode == 0, proc.stderr
    assert shown in proc.stdout
    assert max(len(line) for line in proc.stdout.splitlines()) <= 80
    assert not list(tmp_path.iterdir())  # nothing written


@pytest.mark.parametrize("command", COMMANDS)
def test_a_missing_folder_is_refused_not_created(tmp_path, command):
    args, _ = COMMANDS[command]
    out = tmp_path / "nowhere" / "out.html"
    proc = run_cli(*args, "-o", str(out), "--lang", "en")
    assert proc.returncode == 2
    assert f"The folder {out.parent} does not exist" in proc.stderr
    assert not out.parent.exists()


@pytest.mark.parametrize("command", COMMANDS)
def test_an_existing_file_is_replaced_only_with_force(tmp_path, command):
    args, shown = COMMANDS[command]
    out = tmp_path / "out.md"
    out.write_text("mine", encoding="utf-8")
    proc = run_cli(*args, "-o", str(out), "--lang", "de")
    assert proc.returncode == 2 and "--force" in proc.stderr
    assert out.read_text(encoding="utf-8") == "mine"
    proc = run_cli(*args, "-o", str(out), "--lang", "de", "--force")
    assert proc.returncode == 0, proc.stderr
    assert shown in out.read_text(encoding="utf-8")


def test_plan_also_writes_csv_and_xlsx(tmp_path):
    args, _ = COMMANDS["plan"]
    for name in ("plan.csv", "plan.xlsx"):
        proc = run_cli(*args, "-o", str(tmp_path / name))
        assert proc.returncode == 0, proc.stderr
        assert (tmp_path / name).stat().st_size > 0


@pytest.mark.parametrize(
    "command",
    [
        "report",
        "compare",
        "plan",
        "score",
        "validate",
        "batch",
        "invite",
        "rate",
        "export",
        "agree",
    ],
)
def test_help_has_no_typer_notation(command):
    proc = run_cli(command, "--help", "--lang", "en")
    assert proc.returncode == 0
    assert "{" not in proc.stdout and "<list" not in proc.stdout and "<Path>" not in proc.stdout
    assert "list[" not in proc.stdout


def test_compare_of_files_in_two_languages_follows_the_reader(tmp_path):
    english = tmp_path / "leader-en.json"
    doc = json.loads(LEADER.read_text(encoding="utf-8"))
    doc["language"] = "en"
    english.write_text(json.dumps(doc), encoding="utf-8")
    shutil.copy(COORDINATOR, tmp_path / "coordinator-de.json")
    for first, second in (
        (english, tmp_path / "coordinator-de.json"),
        (tmp_path / "coordinator-de.json", english),
    ):
        for locale, title in (("de_DE.UTF-8", "Tandem-Profil"), ("en_GB.UTF-8", "Tandem profile")):
            proc = run_cli(
                "--data",
                str(TANDEM),
                "compare",
                str(first),
                str(second),
                env={
                    "LANG": locale,
                    "LC_ALL": "",
                    "LANGUAGE": "",
                    "LC_MESSAGES": "",
                    "COLUMNS": "100",
                },
            )
            assert proc.returncode == 0, proc.stderr
            assert title in proc.stdout, (first.name, locale)


def test_report_template_needs_an_output_file(tmp_path):
    template = tmp_path / "t.txt"
    template.write_text("{{ people|length }}", encoding="utf-8")
    proc = run_cli("--data", str(MINI), "report", str(COMPLETE), "--template", str(template))
    assert proc.returncode == 2 and "-o" in proc.stderr
