"""The agreed-priorities file around `agree`, from the command line: what compare --guide
says next, agree refused without a terminal, and a hand-edited file's YAML errors in the
run's language."""

from __future__ import annotations

from helpers import run_cli
from netzkompetenz.io.catalog import Catalog
from test_dialogue_bundled import answer


def tandem(tmp_path):
    catalog = Catalog.load([])
    leader, coordinator = tmp_path / "lea.json", tmp_path / "kim.json"
    answer(catalog, "leader", "Lea", leader, middle=3)
    answer(catalog, "coordinator", "Kim", coordinator, middle=3)
    return leader, coordinator


def test_a_broken_agreed_file_is_explained_in_german_only(tmp_path):
    leader, coordinator = tandem(tmp_path)
    agreed = tmp_path / "a.agreed.yaml"
    agreed.write_text(
        "format: netzkompetenz-agreed/1\npeople:\n"
        "  - {name: Kim, role: coordinator, profile: coordinator, priorities: [{module: x]}\n",
        encoding="utf-8",
    )
    done = run_cli("plan", str(leader), str(coordinator), "--agreed", str(agreed), "--lang", "de")
    assert done.returncode == 2
    assert done.stderr.strip() == (
        f"{agreed}:3:81: ungültiges YAML: erwartet: ',' / '}}', gefunden: ']' "
        "(im mit geschweifter Klammer geöffneten Eintrag)"
    )
    agreed.write_text("format: netzkompetenz-agreed/1\npeople:\n\t- x\n", encoding="utf-8")
    done = run_cli("plan", str(leader), str(coordinator), "--agreed", str(agreed), "--lang", "de")
    assert done.returncode == 2
    assert "Tabulatoren" in done.stderr and "token" not in done.stderr


def test_agree_needs_a_terminal_and_says_so(tmp_path):
    leader, coordinator = tandem(tmp_path)
    done = run_cli("agree", str(leader), str(coordinator), "--lang", "en", input="")
    assert done.returncode == 2
    assert "needs a terminal" in done.stderr and "Traceback" not in done.stderr
    assert not list(tmp_path.glob("*.agreed.yaml"))


def test_list_mine_speaks_the_language_of_the_person_s_check(user_data):
    import os

    from netzkompetenz.io.answers_file import read_answers, write_answers

    user_data.mkdir(parents=True)
    path = user_data / "netzkompetenz-leader-2026-12-06.json"
    leader, _ = tandem(user_data.parent)
    english = read_answers(leader)
    english.language = "en"
    write_answers(path, english)
    environment = {"XDG_DATA_HOME": os.environ["XDG_DATA_HOME"], "LANG": "de_DE.UTF-8"}
    done = run_cli("list", "--mine", env=environment)
    assert done.returncode == 0, done.stderr
    assert "Your self-checks" in done.stdout and "Ihre Selbstchecks" not in done.stdout
    done = run_cli("list", "--mine", "--lang", "de", env=environment)
    assert "Ihre Selbstchecks" in done.stdout  # --lang still decides
