"""The layers of the package (docs/architecture.md), checked on the source itself.

core      pure domain: models, scoring, cohort statistics, check flow, compare and plan logic.
          No command line, prompts, terminal output, templates, texts, file formats, no I/O.
io        files and formats: YAML, answers files, survey exports, outputs.
views     presentation: terminal views, page view-models, templates, texts, prompts.
commands  one module per command: options in, core and io called, views printed.

The templates get plain view-models (checked by rendering every page): data, no core
objects and no functions.
"""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "netzkompetenz"

# Which of our own packages each layer may import (errors and i18n are shared leaves).
ALLOWED_OWN = {
    "core": {"core", "errors"},
    "io": {"core", "io", "errors", "i18n"},
    "views": {"core", "io", "views", "errors", "i18n"},
    "commands": {"core", "io", "views", "commands", "errors", "i18n"},
}
# Third-party and standard-library modules a layer must not import.
FORBIDDEN = {
    "core": {
        "typer",
        "click",
        "rich",
        "questionary",
        "prompt_toolkit",
        "jinja2",
        "yaml",
        "openpyxl",
        "csv",
        "os",
        "shutil",
        "tempfile",
        "io",
        "sys",
        "subprocess",
        "sqlite3",
        "zipfile",
        "socket",
        "urllib",
        "http",
        "filelock",
        "platformdirs",
    },
    "io": {"typer", "click", "rich", "questionary", "prompt_toolkit"},
    "views": {"typer", "click"},
    "commands": set(),
}
# Calls that do I/O; the core makes none of them.
IO_CALLS = {
    "open",
    "print",
    "input",
    "read_text",
    "write_text",
    "read_bytes",
    "write_bytes",
    "mkdir",
    "unlink",
    "rename",
    "iterdir",
    "glob",
    "rglob",
    "exists",
    "is_file",
    "is_dir",
    "stat",
}


def _modules(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


def _package_of(path: Path) -> list[str]:
    """netzkompetenz/views/output.py -> ["netzkompetenz", "views"]."""
    return ["netzkompetenz", *path.parent.relative_to(PACKAGE).parts]


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every import of the module, at any depth (lazy ones in functions too), as absolute
    names: `from . import texts` in views/ is `netzkompetenz.views.texts`."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = _package_of(path)[: len(_package_of(path)) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.append((node.lineno, module))
            if module.startswith("netzkompetenz"):
                # `from netzkompetenz import launch`, `from . import texts`: the names may be
                # modules (the import graph below keeps those that are)
                found += [(node.lineno, f"{module}.{a.name}") for a in node.names]
    return found


def _own(module: str) -> str | None:
    """'netzkompetenz.views.texts' -> 'views.texts' (matched by prefix below)."""
    if not module.startswith("netzkompetenz."):
        return None
    return module.removeprefix("netzkompetenz.")


@pytest.mark.parametrize("layer", sorted(ALLOWED_OWN))
def test_layer_imports_only_what_it_may(layer):
    wrong = []
    for path in _modules(layer):
        for line, module in _imports(path):
            own = _own(module)
            if own is not None:
                if not any(own == a or own.startswith(a + ".") for a in ALLOWED_OWN[layer]):
                    wrong.append(f"{path.relative_to(PACKAGE)}:{line} imports {module}")
            elif module.split(".")[0] in FORBIDDEN[layer]:
                wrong.append(f"{path.relative_to(PACKAGE)}:{line} imports {module}")
    assert not wrong, "\n".join(wrong)


def test_core_does_no_io():
    calls = []
    for path in _modules("core"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = (
                    node.func.attr
                    if isinstance(node.func, ast.Attribute)
                    else getattr(node.func, "id", None)
                )
                if name in IO_CALLS:
                    calls.append(f"{path.relative_to(PACKAGE)}:{node.lineno} calls {name}()")
    assert not calls, "\n".join(calls)


# Reading the clock makes a result depend on when it was computed; the core gets the time
# from its caller (io.answers_file.new_answers, io.ratings_file.new_rating).
CLOCK_CALLS = {
    "now",
    "utcnow",
    "today",
    "time",
    "time_ns",
    "monotonic",
    "monotonic_ns",
    "perf_counter",
    "perf_counter_ns",
    "process_time",
    "localtime",
    "gmtime",
}


def test_core_reads_no_clock():
    calls = []
    for path in _modules("core"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in CLOCK_CALLS
            ) or (
                isinstance(node, ast.ImportFrom)
                and node.module in ("time", "datetime")
                and any(a.name in CLOCK_CALLS for a in node.names)
            ):
                calls.append(f"{path.relative_to(PACKAGE)}:{node.lineno} reads the clock")
    assert not calls, "\n".join(calls)


def test_the_contract_catches_a_violation(tmp_path, monkeypatch):
    """The checks above can fail: a core module that prints and imports rich is caught."""
    bad = tmp_path / "core"
    bad.mkdir()
    (bad / "bad.py").write_text(
        "import rich\nfrom netzkompetenz.views import texts\nprint('x')\n", encoding="utf-8"
    )
    monkeypatch.setattr(__import__(__name__), "PACKAGE", tmp_path)
    with pytest.raises(AssertionError, match="imports rich"):
        test_layer_imports_only_what_it_may("core")
    with pytest.raises(AssertionError, match="calls print"):
        test_core_does_no_io()
    (bad / "clock.py").write_text("from datetime import datetime\nstamp = datetime.now()\n")
    with pytest.raises(AssertionError, match="clock.py:2 reads the clock"):
        test_core_reads_no_clock()


def test_every_module_is_in_a_layer():
    """Only the entry points (the command line is the package cli/) and the shared leaves
    live outside the four layers."""
    top = {p.name for p in PACKAGE.glob("*.py")}
    entry = {"__init__.py", "__main__.py", "launch.py"}
    assert top <= entry | {"errors.py", "i18n.py"}, top
    folders = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert folders <= {"cli", "commands", "core", "io", "views"}, folders


# What the modules outside the layers may import of our own: the shared leaves nothing but
# each other (errors translates its messages through i18n when they are shown), the entry
# points everything.
TOP_LEVEL_OWN = {
    "errors.py": {"i18n"},
    "i18n.py": {"errors"},
    "__init__.py": set(),
}


def test_the_shared_leaves_import_no_layer():
    wrong = []
    for name, allowed in TOP_LEVEL_OWN.items():
        for line, module in _imports(PACKAGE / name):
            own = _own(module)
            if own is not None and own.split(".")[0] not in allowed:
                wrong.append(f"{name}:{line} imports {module}")
    assert not wrong, "\n".join(wrong)


def test_relative_imports_are_read_too(tmp_path, monkeypatch):
    """A relative import is no way round the contract."""
    bad = tmp_path / "core"
    bad.mkdir()
    (bad / "bad.py").write_text("from ..views import texts\nfrom . import rules\n")
    monkeypatch.setattr(__import__(__name__), "PACKAGE", tmp_path)
    assert (1, "netzkompetenz.views.texts") in _imports(bad / "bad.py")
    assert (1, "netzkompetenz.views") in _imports(bad / "bad.py")
    assert (2, "netzkompetenz.core.rules") in _imports(bad / "bad.py")
    with pytest.raises(AssertionError, match="imports netzkompetenz.views"):
        test_layer_imports_only_what_it_may("core")


# --- the language of a run, passed one way --------------------------------------------------

# The language of a run is set once, where the command starts (cli/, commands/: --lang, the
# answers' language, the questionnaire's, the locale; a batch worker is started in it), and
# read below (i18n: `_`, `pick`, `format_number`, `current_language`). A `lang` parameter
# is what the command line gave, not yet the run's language (commands/, `str | None`; a
# chosen one only where it is set), or one language of a file that carries every language
# (io/: the survey forms), picked and translated with that same language
# (`pick(text, lang)`, `gettext_in(lang, …)`).
LANGUAGE_NAMES = {"lang", "language"}
# views/: none, but the bundled templates compiled and cached per language (called with
# i18n.current_language() only) and the language question, asked before there is one.
VIEWS_WITH_A_LANGUAGE = {
    "views/render.py": {"_environment", "_translated_when_compiled"},
}
GETTEXT_IN_VIEWS = {"views/prompts.py"}
# io/: the builders of a form's part in one of its languages, and the language a new
# answers or rating file records.
IO_WITH_A_LANGUAGE = {
    "io/forms.py": {"language_column"},
    "io/limesurvey.py": {"_question", "_answer", "language", "context", "dimension", "framework"},
    "io/survey_tools.py": {
        "respondent_texts",
        "reflection_hint",
        "not_applicable_remark",
        "dimension_page_text",
    },
    "io/rater_forms.py": {"rater_texts"},
    "io/unscored.py": {"framework_labels", "context_note"},
    "io/template_cache.py": {"bytecode_cache"},
    "io/answers_file.py": {"new_answers"},
    "io/ratings_file.py": {"new_rating"},
}


def _functions(path: Path) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]


def _language_parameters(node: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.arg]:
    a = node.args
    return [x for x in [*a.posonlyargs, *a.args, *a.kwonlyargs] if x.arg in LANGUAGE_NAMES]


def _sets_the_language(node: ast.AST, from_i18n: set[str]) -> bool:
    """`set_language(…)`, `language(…)` (the context manager) as imported from i18n, or
    `i18n.set_language(…)`, `i18n.language(…)`."""
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    if isinstance(func, ast.Name):
        return func.id in from_i18n
    return (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id == "i18n"
        and func.attr in {"set_language", "language"}
    )


def _from_i18n(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "netzkompetenz.i18n":
            names |= {a.asname or a.name for a in node.names}
    return names & {"set_language", "language"}


def test_the_language_is_passed_one_way():
    wrong = []
    allowed = {"views": VIEWS_WITH_A_LANGUAGE, "io": IO_WITH_A_LANGUAGE}
    for layer in ("views", "io"):
        for path in _modules(layer):
            name = str(path.relative_to(PACKAGE)).replace("\\", "/")
            setters = _from_i18n(path)
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if _sets_the_language(node, setters):
                    wrong.append(f"{name}:{node.lineno} sets the language (the command does)")
                if (
                    layer == "views"
                    and isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and (
                        (node.func.id == "pick" and len(node.args) + len(node.keywords) > 1)
                        or (node.func.id == "gettext_in" and name not in GETTEXT_IN_VIEWS)
                    )
                ):
                    wrong.append(f"{name}:{node.lineno} picks a language of its own")
            for func in _functions(path):
                if _language_parameters(func) and func.name not in allowed[layer].get(name, ()):
                    wrong.append(f"{name}:{func.lineno} {func.name}() takes a language")
    for path in _modules("commands"):
        name = str(path.relative_to(PACKAGE)).replace("\\", "/")
        setters = _from_i18n(path)
        for func in _functions(path):
            # a chosen language is handed only to where it is set (a worker process starts)
            sets = any(_sets_the_language(n, setters) for n in ast.walk(func))
            for arg in _language_parameters(func):
                given = ast.unparse(arg.annotation) if arg.annotation else ""
                if given != "str | None" and not sets:  # --lang as given, or the edge
                    wrong.append(f"{name}:{func.lineno} {func.name}() takes a chosen language")
    assert not wrong, "\n".join(wrong)


def test_a_language_passed_beside_the_run_s_is_caught(tmp_path, monkeypatch):
    """The check above can fail: a view with a lang parameter, a view that switches the
    language, and a command helper handed the chosen language are each found."""
    for layer in ("views", "io", "commands"):
        (tmp_path / layer).mkdir()
    (tmp_path / "views" / "page.py").write_text(
        "from netzkompetenz.i18n import language, pick\n"
        "def render_page(view, fmt, lang):\n"
        "    with language(lang):\n"
        "        return pick(view.title, lang)\n",
        encoding="utf-8",
    )
    (tmp_path / "commands" / "step.py").write_text(
        "def write(found, lang: str) -> None: ...\n", encoding="utf-8"
    )
    monkeypatch.setattr(__import__(__name__), "PACKAGE", tmp_path)
    with pytest.raises(AssertionError) as caught:
        test_the_language_is_passed_one_way()
    said = str(caught.value)
    assert "views/page.py:2 render_page() takes a language" in said
    assert "views/page.py:3 sets the language" in said
    assert "views/page.py:4 picks a language of its own" in said
    assert "commands/step.py:1 write() takes a chosen language" in said


# --- no import circles --------------------------------------------------------------------

# Circles known today, each to be opened: the test fails on any other circle, and when one
# of these is gone (then delete it here).
KNOWN_CIRCLES: set[frozenset[str]] = set()


def _module_name(path: Path) -> str:
    """netzkompetenz/io/files.py -> "io.files"; a package's __init__.py is the package."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Which of our modules each module imports, at any depth (lazy ones, those under
    TYPE_CHECKING and relative ones too): each import by its longest name that is a module."""
    modules = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for _line, imported in _imports(path):
            own = _own(imported)
            parts = own.split(".") if own is not None else []
            while parts and ".".join(parts) not in modules:
                parts.pop()
            if parts and ".".join(parts) != name:
                graph[name].add(".".join(parts))
    return graph


def circles(graph: dict[str, set[str]]) -> set[frozenset[str]]:
    """The modules that reach each other through imports, circle by circle (the strongly
    connected components of more than one module, Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: set[frozenset[str]] = set()

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = {stack.pop()}
            while node not in component:
                component.add(stack.pop())
            if len(component) > 1:
                found.add(frozenset(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_circles():
    """No two modules import each other, directly or around a circle, lazily or not: a
    circle makes the order of imports matter and hides which layer a module belongs to."""
    found = circles(import_graph())
    new = [" <-> ".join(sorted(c)) for c in found - KNOWN_CIRCLES]
    gone = [" <-> ".join(sorted(c)) for c in KNOWN_CIRCLES - found]
    assert not new, "import circles: " + "; ".join(new)
    assert not gone, "no longer circles, remove from KNOWN_CIRCLES: " + "; ".join(gone)


def test_a_circle_is_found_even_through_lazy_and_relative_imports(tmp_path, monkeypatch):
    (tmp_path / "core").mkdir()
    (tmp_path / "core" / "a.py").write_text("from . import b\n")
    (tmp_path / "core" / "b.py").write_text("def f():\n    from netzkompetenz.views import c\n")
    (tmp_path / "views").mkdir()
    (tmp_path / "views" / "c.py").write_text("from netzkompetenz.core.a import x\n")
    (tmp_path / "views" / "d.py").write_text("from netzkompetenz.core import a\n")
    monkeypatch.setattr(__import__(__name__), "PACKAGE", tmp_path)
    assert circles(import_graph()) == {frozenset({"core.a", "core.b", "views.c"})}
    with pytest.raises(AssertionError, match="import circles: core.a <-> core.b <-> views.c"):
        test_no_import_circles()


# --- templates get plain view-models ---------------------------------------------------------

# The pages other than the person report; each is rendered from a view-model of its
# views/*_page.py module. (The person report's context is checked as well, in passing.)
PAGES = {
    f"{page}.{fmt}"
    for page in ("compare", "guide", "cohort_change", "plan", "cohort")
    for fmt in ("html", "md")
}


def not_plain(value: object, where: str) -> list[str]:
    """Where `value` holds something other than plain data: None, bool, int, float, str,
    lists, tuples and dicts of them, or a view-model dataclass (defined in views/) whose
    fields are plain. A core object, a function or a method found is named with its path."""
    if value is None or isinstance(value, bool | int | float | str):
        return []
    if isinstance(value, list | tuple):
        return [w for n, item in enumerate(value) for w in not_plain(item, f"{where}[{n}]")]
    if isinstance(value, dict):
        return [
            w
            for key, item in value.items()
            for w in (
                not_plain(item, f"{where}[{key!r}]")
                if isinstance(key, str)
                else [f"{where}: key {key!r}"]
            )
        ]
    kind = type(value)
    if (
        dataclasses.is_dataclass(value)
        and not isinstance(value, type)
        and kind.__module__.startswith("netzkompetenz.views.")
    ):
        return [
            w
            for f in dataclasses.fields(value)
            for w in not_plain(getattr(value, f.name), f"{where}.{f.name}")
        ]
    return [f"{where}: {kind.__module__}.{kind.__qualname__}"]


def test_not_plain_names_what_a_template_should_not_get():
    from netzkompetenz.core.pairs import PAIR_DIFFERS, PairedStatement
    from netzkompetenz.views.plan_page import Member

    assert not_plain({"a": [1, 2.5, None, ("x", True)], "m": Member("A", "", "B", None)}, "c") == []
    assert not_plain({"f": len}, "c") == ["c['f']: builtins.builtin_function_or_method"]
    pair = PairedStatement("P1", None, None, 1.0, 1.0 + PAIR_DIFFERS)  # items not read here
    assert not_plain([pair], "c") == ["c[0]: netzkompetenz.core.pairs.PairedStatement"]


@pytest.fixture
def template_contexts(monkeypatch):
    """Every (template name, context) rendered by the bundled environment."""
    import jinja2

    seen: list[tuple[str, dict]] = []
    render = jinja2.Template.render

    def spy(self, *args, **kwargs):
        seen.append((self.name, dict(*args, **kwargs)))
        return render(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Template, "render", spy)
    return seen


def test_templates_get_plain_view_models(tmp_path, template_contexts):
    """Each page's template is given plain data only: every wording, number format and
    choice is made in its views/*_page.py; no core object or helper function reaches a
    template (docs/architecture.md). Every page of the tool is rendered here through the
    command line, with the dialogue fixture (paired statements, priorities, then-ratings)."""
    from typer.testing import CliRunner

    from helpers import FIXTURES
    from netzkompetenz.cli import app
    from netzkompetenz.core.answers import Respondent
    from netzkompetenz.core.dialogue import Priority
    from netzkompetenz.io.answers_file import new_answers, write_answers
    from netzkompetenz.io.catalog import Catalog

    data = FIXTURES / "dialogue"
    catalog = Catalog.load([data])

    def answers(name: str, profile: str, person: str, values: dict, **extra) -> str:
        prof = catalog.profile(profile)
        a = new_answers(
            catalog.questionnaire_of(prof), prof.id, Respondent(name=person, tandem="t"), "de"
        )
        a.values, a.status = values, "complete"
        for key, value in extra.items():
            setattr(a, key, value)
        write_answers(tmp_path / name, a)
        return str(tmp_path / name)

    def cli(*args: str) -> None:
        result = CliRunner().invoke(app, ["--data", str(data), *args])
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        assert result.exit_code in (0, 1), result.output  # 1: people in one run only

    leader = answers(
        "leader.json",
        "d-leader",
        "Petra",
        {"L1_01": 5, "L1_02": 4, "L2_01": 2, "L2_02": "cannot_judge"},
        priorities=[Priority(module="rueckendeckung", why="Zeit"), Priority(dimension="L2")],
    )
    coordinator = answers(
        "coordinator.json",
        "d-coordinator",
        "Ali",
        {"D1_01": 2, "D1_02": 3, "D2_01": 3, "D2_02": 3, "D3_01": 4, "D3_02": 4},
    )
    low = {"D1_01": 2, "D1_02": 2, "D2_01": 3, "D2_02": 3, "D3_01": 2, "D3_02": 2}
    before = answers("before.json", "d-coordinator", "Ali", low)
    after = answers(
        "after.json", "d-coordinator", "Ali", {**low, "D1_01": 5}, retro={"D1": 1, "D2": 2}
    )
    header = "name,organisation,tandem,D1_01,D1_02,D2_01,D2_02,D3_01,D3_02\n"
    people = ["Ali", "Bea", "Cem", "Dana", "Eva", "Finn"]
    for run, shift in (("first", 0), ("second", 1)):
        rows = [f"{p},Stadt {p},,{1 + n % 3},2,3,{2 + shift},3,4" for n, p in enumerate(people)]
        (tmp_path / f"{run}.csv").write_text(header + "\n".join(rows[shift:]) + "\n")
    for fmt in ("html", "md"):
        cli("compare", leader, coordinator, "-o", str(tmp_path / f"tandem.{fmt}"))
        cli("compare", leader, coordinator, "--guide", "-o", str(tmp_path / f"guide.{fmt}"))
        cli("compare", before, after, "-o", str(tmp_path / f"before-after.{fmt}"))
        cli("plan", leader, coordinator, before, "-o", str(tmp_path / f"plan.{fmt}"))
    for run in ("first", "second"):
        cli(
            "batch",
            str(tmp_path / f"{run}.csv"),
            "--questionnaire",
            "d-koordination",
            "-o",
            str(tmp_path / run),
            "--outputs",
            "jsonl,cohort",
            "--reports",
            "md",
        )
    for fmt in ("html", "md"):
        cli(
            "compare",
            str(tmp_path / "first"),
            str(tmp_path / "second"),
            "-o",
            str(tmp_path / f"change.{fmt}"),
        )

    rendered = {name for name, _ in template_contexts}
    assert rendered >= PAGES | {"person.md"}, PAGES - rendered
    modes = {c["mode"] for name, c in template_contexts if name.startswith("compare.")}
    assert modes == {"tandem", "before_after"}
    wrong = [w for name, context in template_contexts for w in not_plain(context, name)]
    assert not wrong, "\n".join(wrong)
