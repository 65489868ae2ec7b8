"""JSON text read strictly, for answers and rating files and survey exports alike: every
failure an InputError with its position. Its own module, so that reading one answers file
does not import the readers of every table format (io/tabular.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from netzkompetenz.errors import InputError
from netzkompetenz.i18n import _, format_number


def json_loads(path: Path, text: str, line: int | None = None) -> Any:
    """json.loads with every failure an InputError: bad syntax, nesting too deep for the
    parser (RecursionError), an integer beyond Python's 4,300 digits (ValueError), a key
    twice in one object (json keeps the last value without a word)."""
    try:
        return json.loads(text, object_pairs_hook=_unique_keys)
    except _DuplicateKey as exc:
        raise _duplicate_key(path, text, line, exc.key) from None
    except json.JSONDecodeError as exc:
        raise InputError.single(
            path,
            _("invalid JSON: {reason}").format(reason=exc.msg),
            exc.lineno if line is None else line,
            exc.colno,
        ) from None
    except RecursionError:
        raise InputError.single(path, _("invalid JSON: nested too deeply"), line) from None
    except ValueError:  # "Exceeds the limit (4300 digits) for integer string conversion"
        raise InputError.single(
            path,
            _("invalid JSON: a number with more than {digits} digits").format(
                digits=format_number(sys.get_int_max_str_digits(), 0)
            ),
            line,
        ) from None


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    record = dict(pairs)
    if len(record) != len(pairs):
        keys = [k for k, _v in pairs]
        raise _DuplicateKey(next(k for k in keys if keys.count(k) > 1))
    return record


def _duplicate_key(path: Path, text: str, line: int | None, key: str) -> InputError:
    """The error for a key twice in one object, with its position: the strict YAML reader
    (JSON is YAML) finds it, as for answers files. `line`: the line of a JSON Lines file
    the text is."""
    from netzkompetenz.io.yamlsource import parse_yaml

    try:  # a line of JSON Lines after as many empty lines: the positions are the file's
        parse_yaml("\n" * (line - 1) + text if line else text, str(path))
    except InputError as found:
        return found
    return InputError.single(  # not expected: YAML reads what JSON reads
        path, _("duplicate key '{key}' in a response").format(key=key), line
    )
