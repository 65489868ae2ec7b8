"""The interface texts: gettext catalogs, the active language, numbers and dates.

The catalog checks here are the extraction check CI runs (docs/translating.md): every
message in the code is in the German catalog and every message there is used, every
translation is done and keeps the placeholders, message ids are never built at run time,
and the committed .mo is the .po compiled.
"""

from __future__ import annotations

import ast
import string
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from netzkompetenz import i18n

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "src" / "netzkompetenz"
LOCALE = PKG / "locale"
PO = LOCALE / "de" / "LC_MESSAGES" / "netzkompetenz.po"
MO = PO.with_suffix(".mo")
# The gettext functions and where their message arguments are (Babel's keyword specs).
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "N_": None,
    "gettext_in": (2,),
}
# Which arguments hold message ids (or contexts), 0-based, per function.
LITERAL_ARGS = {
    "_": (0,),
    "gettext": (0,),
    "ngettext": (0, 1),
    "pgettext": (0, 1),
    "npgettext": (0, 1, 2),
    "N_": (0,),
    "gettext_in": (1,),
}
TEMPLATE_SUFFIXES = (".html", ".md", ".svg", ".txt")


def read_catalog():
    from babel.messages.pofile import read_po

    with open(PO, "rb") as fp:
        return read_po(fp, locale="de")


def extracted() -> dict[tuple[str | None, str], list[str]]:
    """(context, msgid) -> where it is used, for every message in the code and templates."""
    from babel.messages.extract import extract_from_dir

    method_map = [("**.py", "python")] + [
        (f"**/templates/**{suffix}", "jinja2.ext:babel_extract") for suffix in TEMPLATE_SUFFIXES
    ]
    found: dict[tuple[str | None, str], list[str]] = {}
    for filename, lineno, message, _comments, context in extract_from_dir(
        str(PKG), method_map=method_map, keywords=KEYWORDS, comment_tags=()
    ):
        msgid = message[0] if isinstance(message, tuple) else message
        found.setdefault((context, msgid), []).append(f"{filename}:{lineno}")
        if isinstance(message, tuple):
            found.setdefault((context, "plural:" + msgid), []).append(message[1])
    return found


def fields(text: str) -> set[str]:
    """The placeholders of a str.format text, with their format specs: {"count", "p:.0f"}."""
    return {
        name + (":" + spec if spec else "")
        for _lit, name, spec, _conv in string.Formatter().parse(text)
        if name is not None
    }


# --- the catalogs -----------------------------------------------------------------------------


def test_committed_mo_is_the_po_compiled():
    """Forgot `pybabel compile -d src/netzkompetenz/locale -D netzkompetenz`? This fails.

    Compares the messages the .mo holds with the .po's translated, non-fuzzy ones, not the
    bytes: Babel versions write different header lines for the same catalog."""
    from babel.messages.mofile import read_mo

    def messages(catalog) -> dict[tuple[str | None, object], object]:
        return {
            (m.context, tuple(m.id) if m.pluralizable else m.id): (
                tuple(m.string) if m.pluralizable else m.string
            )
            for m in catalog
            if m.id and not m.fuzzy and (all(m.string) if m.pluralizable else m.string)
        }

    with open(MO, "rb") as fp:
        committed = read_mo(fp)
    assert messages(committed) == messages(read_catalog()), (
        "the .mo is stale: pybabel compile -d src/netzkompetenz/locale -D netzkompetenz"
    )


def test_the_catalog_holds_exactly_the_messages_of_the_code():
    """New message: add it to the .po (pybabel update, docs/translating.md). Message gone
    from the code: delete it from the .po too, so no dead translation stays behind."""
    in_code = extracted()
    in_catalog = {}
    for message in read_catalog():
        if not message.id:
            continue
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        in_catalog[(message.context, msgid)] = message
        if isinstance(message.id, tuple):
            in_catalog[(message.context, "plural:" + msgid)] = message
    missing = sorted(
        f"{k[1]!r} ({', '.join(v)})" for k, v in in_code.items() if k not in in_catalog
    )
    unused = sorted(repr(k[1]) for k in in_catalog if k not in in_code)
    plurals = sorted(
        repr(k[1])
        for k, v in in_code.items()
        if k[1].startswith("plural:") and k in in_catalog and in_catalog[k].id[1] not in v
    )
    assert not missing, "not in the German catalog:\n" + "\n".join(missing)
    assert not unused, "in the German catalog but not used:\n" + "\n".join(unused)
    assert not plurals, "plural differs:\n" + "\n".join(plurals)


def test_every_translation_is_done_and_keeps_its_placeholders():
    problems = []
    for message in read_catalog():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strs = message.string if isinstance(message.string, tuple) else (message.string,)
        where = repr(ids[0])
        if message.fuzzy:
            problems.append(f"{where}: fuzzy")
        for n, translation in enumerate(strs):
            if not translation:
                problems.append(f"{where}: no translation")
                continue
            english = ids[min(n, len(ids) - 1)]
            try:
                if fields(translation) != fields(english):
                    problems.append(
                        f"{where}: placeholders {sorted(fields(translation))} "
                        f"instead of {sorted(fields(english))}"
                    )
            except ValueError as exc:
                problems.append(f"{where}: {exc}")
    assert not problems, "\n".join(problems)


def test_placeholders_are_named():
    """{0} or {} cannot be reordered by a translator; %(x)s is the other convention."""
    bad = [
        m.id
        for m in read_catalog()
        if m.id
        and any(
            not f.split(":")[0] or f.split(":")[0].isdigit()
            for f in fields(m.id[0] if isinstance(m.id, tuple) else m.id)
        )
    ]
    assert not bad


def test_no_message_id_is_built_at_run_time():
    """The first argument of _(), ngettext() ... is a string literal, in Python and in the
    templates: a message id made at run time cannot be extracted or checked."""
    problems = []
    for path in sorted(PKG.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in LITERAL_ARGS
            ):
                for i in LITERAL_ARGS[node.func.id]:
                    arg = node.args[i] if i < len(node.args) else None
                    if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                        problems.append(
                            f"{path.relative_to(ROOT)}:{node.lineno}: "
                            f"{node.func.id}() needs a string literal"
                        )
    import jinja2
    from jinja2.ext import extract_from_ast

    env = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    for path in sorted(PKG.rglob("*")):
        if path.suffix not in TEMPLATE_SUFFIXES or "templates" not in path.parts:
            continue
        tree = env.parse(path.read_text(encoding="utf-8"))
        for lineno, func, message in extract_from_ast(tree, tuple(LITERAL_ARGS), babel_style=False):
            strings = message if isinstance(message, tuple) else (message,)
            if (
                any(strings[i] is None for i in LITERAL_ARGS[func] if i < len(strings))
                or not strings
            ):
                problems.append(
                    f"{path.relative_to(ROOT)}:{lineno}: {func}() needs a string literal"
                )
    assert not problems, "\n".join(problems)


# --- the active language ----------------------------------------------------------------------


def test_german_and_english():
    i18n.set_language("de")
    assert i18n._("Recommended modules") == "Empfohlene Module"
    i18n.set_language("en")
    assert i18n._("Recommended modules") == "Recommended modules"
    assert i18n.current_language() == "en"


def test_plurals():
    for lang, expected in (
        ("de", ["0 Tage", "1 Tag", "2 Tage", "0,5 Tage"]),
        ("en", ["0 days", "1 day", "2 days", "0.5 days"]),
    ):
        i18n.set_language(lang)
        got = [
            i18n.ngettext("{days} day", "{days} days", n).format(days=i18n.format_number(n, None))
            for n in (0, 1, 2, 0.5)
        ]
        assert got == expected


def test_context_and_explicit_language():
    i18n.set_language("de")
    assert i18n.pgettext("chart legend", "Target") == "Zielwert"
    assert i18n._("Target") == "Ziel"
    assert i18n.gettext_in("en", "Target") == "Target"
    with i18n.language("en"):
        assert i18n._("Target") == "Target"
    assert i18n.current_language() == "de"


def test_set_language_refuses_what_it_cannot_speak():
    with pytest.raises(ValueError):
        i18n.set_language("fr")


def test_translate_fills_in_after_translating():
    i18n.set_language("de")
    assert i18n.translate("{days} day", {"days": 2}, plural="{days} days", n=2) == "2 Tage"
    assert i18n.translate("not in the catalog {x}", {"x": 1}) == "not in the catalog 1"


def test_pick_falls_back_to_german_then_any():
    i18n.set_language("en")
    assert i18n.pick({"de": "Hallo", "en": "Hello"}) == "Hello"
    assert i18n.pick({"de": "Hallo"}) == "Hallo"
    assert i18n.pick({"fr": "Bonjour"}) == "Bonjour"
    assert i18n.pick(None) == ""
    assert i18n.pick({"de": "Hallo", "en": "Hello"}, "de") == "Hallo"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "de"),
        ({"LANG": "C.UTF-8"}, None),
        ({}, None),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "de_DE.UTF-8"}, "en"),
        ({"LANGUAGE": "fr:en", "LANG": "de_DE.UTF-8"}, "en"),
        ({"LC_MESSAGES": "fr_FR.UTF-8", "LANG": "en_GB.UTF-8"}, None),
    ],
)
def test_language_from_the_environment(environ, expected):
    assert i18n.language_from_environment(environ) == expected


def test_choose_language(monkeypatch):
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert i18n.choose_language("de", "en") == "de"
    assert i18n.choose_language(None, "fr", "de") == "de"
    assert i18n.choose_language(None) == "en"
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert i18n.choose_language(None) == "de"


# --- numbers and dates ------------------------------------------------------------------------


def test_numbers_per_language():
    i18n.set_language("de")
    assert i18n.format_number(1234.5, 1) == "1.234,5"
    assert i18n.format_number(-0.2) == "0"
    assert i18n.format_number(2.25, 2) == "2,25"
    assert i18n.format_number(1.5, None) == "1,5"
    assert i18n.format_signed(25) == "+25"
    assert i18n.format_signed(-3) == "−3"
    assert i18n.format_percent(72.5, 1) == "72,5\xa0%"
    i18n.set_language("en")
    assert i18n.format_number(1234.5, 1) == "1,234.5"
    assert i18n.format_number(3, None) == "3"
    assert i18n.format_percent(73) == "73%"


def test_one_date_format_per_language():
    moment = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
    i18n.set_language("de")
    assert i18n.format_date(date(2026, 11, 22)) == "22.11.2026"
    assert i18n.format_date(moment) == "22.11.2026"
    assert i18n.format_date(None) == ""
    assert i18n.format_datetime(datetime(2026, 11, 2, 9, 5)) == "02.11.2026 09:05"
    i18n.set_language("en")
    assert i18n.format_date(date(2026, 11, 22)) == "22 Nov 2026"
    assert i18n.format_datetime(datetime(2026, 11, 2, 9, 5)) == "2 Nov 2026 09:05"


def test_importing_i18n_costs_only_the_standard_library():
    code = (
        "import sys, netzkompetenz.i18n as i; i._('x'); i.set_language('de'); i._('x');"
        "print(' '.join(sorted(sys.modules)))"
    )
    loaded = set(
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert not {"babel", "jinja2", "typer", "rich"} & {m.split(".")[0] for m in loaded}


def test_lang_before_the_command_counts_like_after_it(tmp_path):
    """`netzkompetenz --lang en batch …` is English all through, not the questionnaire's
    first language (German)."""
    from helpers import run_cli

    export = tmp_path / "e.csv"
    export.write_text("name;K1_01\nA;3\n", encoding="utf-8")
    for args in (
        [
            "--lang",
            "en",
            "batch",
            str(export),
            "--questionnaire",
            "netzwerkkoordination",
            "-o",
            str(tmp_path / "out"),
        ],
        [
            "batch",
            str(export),
            "--questionnaire",
            "netzwerkkoordination",
            "-o",
            str(tmp_path / "out2"),
            "--lang",
            "en",
        ],
    ):
        proc = run_cli(*args)
        assert proc.returncode == 0, proc.stderr
        assert "1 row scored, none rejected" in proc.stdout, proc.stdout
