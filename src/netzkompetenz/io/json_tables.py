"""Survey exports in JSON: an array of objects (or {"responses": [...]}) or JSON Lines,
each object a row and its keys the columns; and `json_loads`, JSON read with every failure
(a key twice in an object too) an InputError with its position."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from netzkompetenz.errors import InputError
from netzkompetenz.i18n import _, format_number
from netzkompetenz.io.encodings import detect_encoding
from netzkompetenz.io.table import Rows, Table, cell_text


def open_json(path: Path) -> Table:
    """A JSON array of objects (or {"responses": [...]}), or JSON Lines (one object per
    line, read as a stream). Row n is the n-th object, counted from 2 as in a sheet."""
    encoding = detect_encoding(path)
    with path.open(encoding=encoding) as handle:
        head = handle.read(1 << 16).lstrip()
    if head.startswith("[") or (head.startswith("{") and _is_one_document(path, encoding)):
        records = _json_document(path, encoding)

        def source() -> Iterator[tuple[int, Any]]:
            yield from enumerate(records, start=2)

        header = _union_keys(path, records)
    else:
        header = _union_keys(path, (r for _, r in _json_lines(path, encoding)))

        def source() -> Iterator[tuple[int, Any]]:
            yield from _json_lines(path, encoding)

    def rows() -> Rows:
        for number, record in source():
            yield number, [cell_text(record.get(key)) for key in header]

    return Table(path, "json", header, rows(), encoding)


def _is_one_document(path: Path, encoding: str) -> bool:
    with path.open(encoding=encoding) as handle:
        first = handle.readline()
    try:
        record = json.loads(first)
    except (json.JSONDecodeError, ValueError, RecursionError):
        return True  # an object spread over several lines (or broken: said when read)
    return isinstance(record, dict) and isinstance(record.get("responses"), list)


def _json_document(path: Path, encoding: str) -> list[dict[str, Any]]:
    data = json_loads(path, path.read_text(encoding=encoding))
    if isinstance(data, dict):
        data = data.get("responses")
    if not isinstance(data, list):
        raise InputError.single(
            path, _('expected a list of responses or an object with "responses"'), 1, 1
        )
    for index, record in enumerate(data):
        if not isinstance(record, dict):
            raise InputError.single(
                path, _("response {number} is not an object").format(number=index + 1)
            )
    return data


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


def _json_lines(path: Path, encoding: str) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open(encoding=encoding) as handle:
        number = 1
        for line_number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            record = json_loads(path, line, line_number)
            if not isinstance(record, dict):
                raise InputError.single(
                    path, _("expected one JSON object per line"), line_number, 1
                )
            number += 1
            yield number, record


def _union_keys(path: Path, records: Iterable[dict[str, Any]]) -> list[str]:
    keys: dict[str, None] = {}
    for record in records:
        keys.update(dict.fromkeys(str(k) for k in record))
    if not keys:
        raise InputError.single(path, _("no responses in the file"))
    return list(keys)
