"""Strict YAML: safe types only, no duplicate keys, no aliases, every node's position kept.

The document is composed into nodes with PyYAML's pure-Python SafeLoader and turned into
plain Python data here, so that each value's path (keys and list indices) maps back to a
line and column for error messages.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from netzkompetenz.errors import InputError, Problem
from netzkompetenz.i18n import _, current_language
from netzkompetenz.io.files import read_bytes
from netzkompetenz.io.yamldoc import Path_, Position, YamlDocument


class _StrictLoader(yaml.SafeLoader):
    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        if self.check_event(AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]  # unannotated in types-PyYAML
            raise yaml.composer.ComposerError(
                None,
                None,
                _("aliases (*name) are not allowed: write the value out in full"),
                event.start_mark,
            )
        return super().compose_node(parent, index)


_PLAIN_COLLECTION_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


def _pos(node: Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


class _RetryInPython(Exception):
    """libyaml met an alias (a node reached twice) or an error: the Python parser runs
    again, so that every message and position reads the same whichever parser ran."""


class _Builder:
    def __init__(self, loader: yaml.SafeLoader, source: str) -> None:
        self.loader = loader
        self.source = source
        self.seen: set[int] = set()
        self.positions: dict[Path_, Position] = {}
        self.key_positions: dict[Path_, Position] = {}
        self.problems: list[Problem] = []

    def build(self, node: Node, path: Path_) -> Any:
        if id(node) in self.seen:
            raise _RetryInPython
        self.seen.add(id(node))
        self.positions[path] = _pos(node)
        if not isinstance(node, ScalarNode) and node.tag not in _PLAIN_COLLECTION_TAGS:
            self._add(node, f"the tag '{node.tag}' is not allowed")
            return None
        if isinstance(node, MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self._add(key_node, "merge keys (<<) are not allowed")
                    continue
                if not isinstance(key_node, ScalarNode):
                    self._add(key_node, _("keys must be plain text"))
                    continue
                try:
                    key = self.loader.construct_object(key_node, deep=True)
                except ValueError:  # an integer key beyond Python's 4,300 digits
                    key = str(key_node.value)
                if not isinstance(key, str | int):
                    key = str(key_node.value)
                if key in result:
                    first = self.key_positions[path + (key,)]
                    self._add(
                        key_node,
                        _("duplicate key '{key}' (first defined at line {line})").format(
                            key=key, line=first.line
                        ),
                    )
                    continue
                self.key_positions[path + (key,)] = _pos(key_node)
                result[key] = self.build(value_node, path + (key,))
            return result
        if isinstance(node, SequenceNode):
            return [self.build(child, path + (i,)) for i, child in enumerate(node.value)]
        try:
            return self.loader.construct_object(node, deep=True)
        except ValueError:  # an integer beyond Python's 4,300 digits
            self._add(node, _("a number too long to read"))
            return None

    def _add(self, node: Node, message: str) -> None:
        pos = _pos(node)
        self.problems.append(Problem(self.source, message, pos.line, pos.column))


def _parser_words(problem: str, context: str | None) -> str:
    """PyYAML's own words, in the run's language: the common problems and contexts in ours
    (no English parser text inside a German sentence); another one as PyYAML says it in
    English, and in a general sentence in other languages."""
    english = current_language() == "en"
    found = re.fullmatch(r"expected (.+), but (?:got|found) (.+)", problem)
    if found:
        message = _("expected {expected}, found {found}").format(
            expected=found.group(1).replace(" or ", " / "), found=found.group(2)
        )
    elif problem == "mapping values are not allowed here":
        message = _("a ':' is not allowed here (a text containing ': ' must be in quotes)")
    elif m := re.fullmatch(r"found character (.+) that cannot start any token", problem):
        message = _("the character {char} cannot begin a value (indent with spaces, not tabs)")
        message = message.format(char=m.group(1))
    elif problem == "could not find expected ':'":
        message = _("a ':' is missing")
    elif problem == "found unexpected end of stream":
        message = _("the file ends before a quote or bracket is closed")
    elif problem.startswith("did not find expected"):
        message = _("the indentation does not fit the lines above")
    elif "(*name)" in problem:  # ours says all there is to say
        return problem
    else:
        message = problem if english else _("the text cannot be read as YAML here")
    where = {
        "while parsing a flow sequence": _("in the list opened with a square bracket"),
        "while parsing a flow mapping": _("in the entry opened with a brace"),
        "while scanning a quoted scalar": _("in the text in quotes"),
        "while parsing a block mapping": _("in the indented block"),
        "while parsing a block collection": _("in the indented block"),
        "while scanning a simple key": _("in the key"),
    }
    if not context:
        return message
    if context in where:
        return f"{message} ({where[context]})"
    return f"{message} ({context})" if english else message


def _yaml_error_problem(source: str, exc: yaml.YAMLError | UnicodeEncodeError) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None)
    message = _parser_words(problem, getattr(exc, "context", None)) if problem else str(exc)
    if mark is None:
        return Problem(source, _("invalid YAML: {message}").format(message=message))
    return Problem(
        source, _("invalid YAML: {message}").format(message=message), mark.line + 1, mark.column + 1
    )


MAX_DEPTH = 64  # questionnaires, profiles, mappings and answers files need fewer than 10
_BRACKETS = re.compile(r"""[\[\]{}]|"(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|#[^\n]*""")
_DEEP_INDENT = re.compile(rf"^(?:[ \t]|- ){{{MAX_DEPTH * 2},}}", re.MULTILINE)


def nesting_problem(text: str, source: str) -> Problem | None:
    """A document nested more than MAX_DEPTH levels, found by looking at the text: the
    parsers recurse per level (libyaml's composer in C: 100,000 levels crash the process),
    so the depth is checked before either of them runs. Flow brackets outside quotes and
    comments are counted; block nesting needs indentation, a level at least one column."""
    indent = _DEEP_INDENT.search(text)
    if indent:
        line = text.count("\n", 0, indent.start()) + 1
        return Problem(
            source,
            _("nested or indented too deeply (more than {depth} levels)").format(depth=MAX_DEPTH),
            line,
            1,
        )
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    depth = 0
    for match in _BRACKETS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, match.start()) + 1
                column = match.start() - text.rfind("\n", 0, match.start())
                return Problem(
                    source,
                    _("nested too deeply (more than {depth} levels)").format(depth=MAX_DEPTH),
                    line,
                    column,
                )
        elif token in "]}":
            depth = max(depth - 1, 0)
    return None


def parse_yaml(text: str, source: str) -> YamlDocument:
    """Parse one YAML document strictly; raise InputError listing every problem found.

    libyaml composes about ten times faster than PyYAML's Python parser, but resolves
    aliases silently and words errors differently; in those rare cases the Python parser
    runs again and reports.
    """
    deep = nesting_problem(text, source)
    if deep is not None:
        raise InputError([deep])
    if _CLoader is not None:
        try:
            return _parse_with(_CLoader, text, source)
        except _RetryInPython:
            pass
    return _parse_with(_StrictLoader, text, source)


_CLoader = getattr(yaml, "CSafeLoader", None)


def _parse_with(loader_class: type, text: str, source: str) -> YamlDocument:
    fast = loader_class is not _StrictLoader
    try:
        loader = loader_class(text)  # the Python reader checks the characters here
    except (yaml.YAMLError, UnicodeEncodeError) as exc:
        if fast:
            raise _RetryInPython from None
        raise InputError([_yaml_error_problem(source, exc)]) from None
    try:
        try:
            node = loader.get_single_node()
            if node is None:
                raise InputError([Problem(source, _("the file is empty"), 1, 1)])
            builder = _Builder(loader, source)
            data = builder.build(node, ())
        except (yaml.YAMLError, UnicodeEncodeError) as exc:  # libyaml refuses surrogates
            if fast:
                raise _RetryInPython from None
            raise InputError([_yaml_error_problem(source, exc)]) from None
        except RecursionError:  # a backstop to nesting_problem
            raise InputError([Problem(source, _("nested too deeply"))]) from None
        if builder.problems:
            raise InputError(builder.problems)
        return YamlDocument(source, data, builder.positions, builder.key_positions)
    finally:
        loader.dispose()


def load_yaml(path: Path) -> YamlDocument:
    raw = read_bytes(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError.single(
            path, _("not UTF-8 text; save the file as UTF-8"), line, 1
        ) from None
    return parse_yaml(text, str(path))
