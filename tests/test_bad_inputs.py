"""A corpus of bad inputs and faults (docs/batch.md, "Guarantees"): each case names what it
gives the tool and what must come out — the exit code, a fragment of the message, never a
traceback, and the state of the outputs: an earlier run's folder untouched, or the new
run's complete set with exactly the expected people scored (no silent wrong score).

Every case runs the real command line code in process (an uncaught exception fails the
test: there is no crash handler in between); the faults that need a process of their own
(a file-size limit) run it as a subprocess.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pytest

from helpers import MINI, ROOT

HEADER = ["Name", "Organisation", "A1", "A2", "B1", "B2"]
PEOPLE = [
    ["Anna", "Stadt", "4", "2", "5", "4"],
    ["Bernd", "Dorf", "3", "3", "3", "3"],
    ["Clara", "Stadt", "5", "1", "4", "4"],
]
GOOD = {"Anna": "2", "Bernd": "3", "Clara": "4"}  # name -> row


def csv_bytes(rows: list[list[str]], delimiter: str = ";", encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def good_csv(encoding: str = "utf-8", people=PEOPLE) -> bytes:
    return csv_bytes([HEADER, *people], encoding=encoding)


def xlsx_bytes(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def answers_json(values: dict | str, **changes) -> bytes:
    doc = json.loads((ROOT / "tests/fixtures/answers/mini-complete.json").read_text())
    doc.update(changes)
    if isinstance(values, str):  # raw JSON text for the values
        text = json.dumps(doc).replace('"values": {}', f'"values": {values}')
        return text.encode()
    doc["values"] = values
    return json.dumps(doc).encode()


def answers_raw(values_text: str) -> bytes:
    return answers_json({}).replace(b'"values": {}', f'"values": {values_text}'.encode())


# --- the table -------------------------------------------------------------------------------


@dataclass
class Case:
    id: str
    files: dict[str, bytes]  # written into the case's folder
    args: list[str]  # {dir} is the case's folder, {out} the output folder
    code: int
    message: str  # a fragment of stdout + stderr
    outputs: str = "untouched"  # untouched | new | none (no batch output involved)
    scored: dict[str, str] | None = None  # for "new": name -> row of every scored person
    prepare: Callable[[Path], None] | None = None
    not_in_output: list[str] = field(default_factory=list)


def batch_case(
    id: str,
    export: bytes,
    code: int,
    message: str,
    suffix: str = ".csv",
    outputs: str | None = None,
    scored: dict[str, str] | None = None,
    extra: list[str] | None = None,
    **kw,
) -> Case:
    if outputs is None:
        outputs = "untouched" if code == 2 or code == 3 else "new"
    return Case(
        id,
        {f"export{suffix}": export},
        [
            "batch",
            "{dir}/export" + suffix,
            "--questionnaire",
            "mini",
            "-o",
            "{out}",
            "--reports",
            "md",
            *(extra or []),
        ],
        code,
        message,
        outputs,
        scored,
        **kw,
    )


CASES: list[Case] = []
add = CASES.append

# Decoding.
for byte in (0x81, 0x8D, 0x8F, 0x90, 0x9D):
    add(
        batch_case(
            f"cp1252-undefined-{byte:02x}",
            good_csv().replace(b"Bernd", b"Be" + bytes([byte]) + b"rnd"),
            2,
            f":3:3: byte 0x{byte:02X} is neither UTF-8 nor Windows-1252",
        )
    )
add(
    batch_case(
        "utf8-with-stray-latin1",
        csv_bytes([HEADER, ["Jörg", "Groß", "4", "2", "5", "4"]])
        + "Zoë;X;3;3;3;3\r\n".encode("latin-1"),
        2,
        ":3:3: mixed encodings",
    )
)
add(
    batch_case(
        "utf8-typographic-quote-and-latin1",
        csv_bytes([HEADER, ["„Anna“", "Stadt", "4", "2", "5", "4"]]) + b"B\xe4r;Dorf;3;3;3;3\r\n",
        2,
        "mixed encodings",
    )
)
for enc in ("utf-16", "utf-16-be", "utf-32", "utf-32-be"):
    data = good_csv(people=[["Jörg Groß", "Öhringen", "4", "2", "5", "4"]]).decode()
    raw = data.encode(enc)  # "utf-16" and "utf-32" write their BOM, the -be ones do not
    bom = {"utf-16-be": b"\xfe\xff", "utf-32-be": b"\x00\x00\xfe\xff"}.get(enc, b"")
    add(batch_case(f"bom-{enc}", bom + raw, 0, "1 row scored", scored={"Jörg Groß": "2"}))
add(batch_case("utf16-without-bom", good_csv().decode().encode("utf-16-le"), 2, "NUL byte"))
add(
    batch_case(
        "cp1252-umlauts",
        good_csv("cp1252", [["Jürgen Äpfel", "Köln", "4", "2", "5", "4"]]),
        0,
        "scored",
        scored={"Jürgen Äpfel": "2"},
    )
)
add(batch_case("utf8-bom", b"\xef\xbb\xbf" + good_csv(), 0, "3 rows", scored=GOOD))
add(
    batch_case(
        "cp1252-quote-after-sharp-s",
        good_csv("cp1252", [["„Groß“", "X", "4", "2", "5", "4"]]),
        0,
        "1 row ",
        scored={"„Groß“": "2"},
    )
)  # 0xDF 0x93 looks like UTF-8, is not

# Row shape.
add(
    batch_case(
        "ragged-extra-cell",
        good_csv().replace(b"Bernd;Dorf", b"Bernd;Dorf;Amt"),
        1,
        "1 rejected",
        scored={"Anna": "2", "Clara": "4"},
    )
)
add(
    batch_case(
        "ragged-missing-cell",
        good_csv().replace(b"Bernd;Dorf;", b"Bernd;"),
        1,
        "1 rejected",
        scored={"Anna": "2", "Clara": "4"},
    )
)
add(
    batch_case(
        "unquoted-delimiter-in-organisation",
        good_csv().replace(b"Anna;Stadt", b"Anna;Stadt; Jugendamt"),
        1,
        "rejected",
        scored={"Bernd": "3", "Clara": "4"},
    )
)
add(
    batch_case(
        "trailing-empty-cells",
        csv_bytes([HEADER]) + good_csv().split(b"\r\n", 1)[1].replace(b"\r\n", b";;\r\n"),
        0,
        "3 rows",
        scored=GOOD,
    )
)
add(
    batch_case(
        "unterminated-quote",
        good_csv() + b'"Dora;X;1;1;1;1\r\nEmil;Y;2;2;2;2\r\n',
        2,
        ':5: unreadable CSV: a quote (") opened in this row is never closed',
    )
)
add(batch_case("header-only", csv_bytes([HEADER]), 1, "no answers", outputs="untouched"))
add(
    batch_case(
        "header-and-blank-lines",
        csv_bytes([HEADER]) + b"\r\n;;;;;\r\n\r\n",
        1,
        "no answers",
        outputs="untouched",
    )
)
add(batch_case("empty-file", b"", 2, "empty or has no header line"))
add(batch_case("only-whitespace", b"   \r\n\r\n", 2, "empty or has no header line"))
add(
    batch_case(
        "huge-cell",
        good_csv() + b"Dora;" + b"x" * 200_000 + b";1;1;1;1\r\n",
        2,
        ":5: unreadable CSV: a cell longer than",
    )
)
add(
    batch_case(
        "no-item-column", csv_bytes([["Name", "Frage"], ["A", "1"]]), 2, "no column matches an item"
    )
)
add(
    batch_case(
        "two-columns-one-item",
        csv_bytes([["Name", "A1", "a1"], ["A", "1", "2"]]),
        2,
        "both hold item 'A1'",
    )
)
add(batch_case("nul-in-the-middle", good_csv().replace(b"Bernd", b"Be\x00rnd"), 2, "NUL byte"))
add(batch_case("binary-garbage", bytes(range(256)) * 4, 2, ""))
add(
    batch_case(
        "text-after-closing-quote", good_csv().replace(b"Anna", b'"An"na'), 2, ":2: unreadable CSV"
    )
)
add(
    batch_case(
        "quote-inside-unquoted-cell",
        good_csv().replace(b"Anna", b'An"na'),
        0,
        "3 rows",
        scored={'An"na': "2", "Bernd": "3", "Clara": "4"},
    )
)

# Cell values.
for label, cell in [
    ("out-of-range", "9"),
    ("zero", "0"),
    ("true", "true"),
    ("text", "egal"),
    ("half", "4.5"),
    ("negative", "-3"),
    ("exponent", "1e400"),
    ("5000-digits", "9" * 5000),
    ("formula", "=1+3"),
    ("nan", "nan"),
    ("infinity", "inf"),
    ("ansi", "\x1b[31m4"),
]:
    people = [PEOPLE[0], [*PEOPLE[1][:2], cell, *PEOPLE[1][3:]], PEOPLE[2]]
    add(
        batch_case(
            f"cell-{label}",
            good_csv(people=people),
            1,
            "1 rejected",
            scored={"Anna": "2", "Clara": "4"},
        )
    )
add(
    batch_case(
        "decimal-comma-and-codes",
        good_csv(people=[["Anna", "Stadt", "4,0", "A2", "trifft voll zu", "4"]]),
        0,
        "1 row ",
        scored={"Anna": "2"},
    )
)
add(
    batch_case(
        "no-answer-at-all",
        good_csv(people=[["Anna", "Stadt", "", "", "", ""], PEOPLE[1]]),
        1,
        "1 rejected",
        scored={"Bernd": "3"},
    )
)

# Duplicates: the last submission counts.
add(
    batch_case(
        "same-person-three-times",
        good_csv(people=[PEOPLE[0], PEOPLE[1], PEOPLE[0], PEOPLE[0]]),
        1,
        "2 earlier submissions of the same person not counted (rows 2, 4)",
        scored={"Bernd": "3", "Anna": "5"},
    )
)
add(
    batch_case(
        "same-person-case-and-spaces",
        good_csv(people=[PEOPLE[0], ["  anna ", "STADT", "3", "3", "3", "3"]]),
        1,
        "(rows 2)",
        scored={"anna": "3"},
    )
)
add(
    batch_case(
        "same-name-other-organisation",
        good_csv(people=[PEOPLE[0], ["Anna", "Dorf", "3", "3", "3", "3"]]),
        0,
        "2 rows",
    )
)  # two people
add(
    batch_case(
        "same-limesurvey-id",
        csv_bytes([["id", *HEADER], ["7", *PEOPLE[0]], ["7", *PEOPLE[1]], ["8", *PEOPLE[2]]]),
        1,
        "(rows 2)",
        scored={"Bernd": "3", "Clara": "4"},
    )
)
add(
    batch_case(
        "rows-without-name-never-duplicates",
        good_csv(people=[["", "Stadt", "4", "2", "5", "4"], ["", "Stadt", "4", "2", "5", "4"]]),
        0,
        "2 rows",
        scored={"row-2": "2", "row-3": "3"},
    )
)
add(
    batch_case(
        "two-name-columns-first-empty",
        xlsx_bytes(
            [
                ["ID", "Name", "Ihr Name", "A1", "A2", "B1", "B2"],
                [1, None, "Anna", 4, 2, 5, 4],
                [2, None, "Bernd", 3, 3, 3, 3],
            ]
        ),
        0,
        "2 rows",
        suffix=".xlsx",
        scored={"Anna": "2", "Bernd": "3"},
    )
)

# JSON exports.
add(
    batch_case(
        "json-nested-200000",
        b"[" * 200_000 + b"]" * 200_000,
        2,
        "nested too deeply",
        suffix=".json",
    )
)
add(
    batch_case(
        "jsonl-nested",
        b'{"A1": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n",
        2,
        "nested too deeply",
        suffix=".jsonl",
    )
)
add(
    batch_case(
        "json-5000-digit-integer",
        b'[{"Name": "A", "A1": ' + b"9" * 5000 + b"}]",
        2,
        "more than 4,300 digits",
        suffix=".json",
    )
)
add(
    batch_case(
        "jsonl-5000-digit-integer",
        b'{"Name": "A", "A1": ' + b"9" * 5000 + b"}\n",
        2,
        "more than 4,300 digits",
        suffix=".jsonl",
    )
)
add(batch_case("json-syntax", b'[{"Name": "A", "A1": 4,}]', 2, "invalid JSON", suffix=".json"))
add(batch_case("json-not-a-list", b'{\n"responses": 5}', 2, "expected a list", suffix=".json"))
add(
    batch_case(
        "json-object-without-items", b'{"responses": 5}', 2, "no column matches", suffix=".json"
    )
)
add(batch_case("json-list-of-numbers", b"[1, 2]", 2, "response 1 is not an object", suffix=".json"))
add(batch_case("json-empty-list", b"[]", 2, "no responses", suffix=".json"))
add(
    batch_case(
        "jsonl-line-not-object",
        b'{"Name": "A", "A1": 4}\n[1]\n',
        2,
        ":2:1: expected one JSON object per line",
        suffix=".jsonl",
    )
)
add(
    batch_case(
        "json-utf16",
        json.dumps([dict(zip(HEADER, PEOPLE[0], strict=True))]).encode("utf-16"),
        0,
        "1 row ",
        suffix=".json",
        scored={"Anna": "2"},
    )
)
add(
    batch_case(
        "json-bool-value",
        b'[{"Name": "A", "A1": true, "A2": 3}]',
        1,
        "rejected",
        suffix=".json",
        scored={},
    )
)

# XLSX exports.
add(batch_case("xlsx-not-a-zip", b"Name;A1\nA;1\n", 2, "not a readable XLSX file", suffix=".xlsx"))
add(
    batch_case(
        "xlsx-zip-without-workbook",
        (
            lambda: (
                b := io.BytesIO(),
                zipfile.ZipFile(b, "w").writestr("x.txt", "x"),
                b.getvalue(),
            )[2]
        )(),
        2,
        "not a readable XLSX",
        suffix=".xlsx",
    )
)
add(
    batch_case(
        "xlsx-header-only",
        xlsx_bytes([HEADER]),
        1,
        "no answers",
        suffix=".xlsx",
        outputs="untouched",
    )
)
add(
    batch_case(
        "xlsx-cells-beyond-header",
        xlsx_bytes([HEADER, [*PEOPLE[0], "stray"]]),
        0,
        "1 row ",
        suffix=".xlsx",
        scored={"Anna": "2"},
    )
)
add(batch_case("unknown-suffix", b"%PDF-1.4", 2, "unknown file type", suffix=".pdf"))


# The mapping file (YAML).
def mapping_case(id: str, mapping: bytes, code: int, message: str) -> Case:
    return Case(
        id,
        {"export.csv": good_csv(), "map.yaml": mapping},
        [
            "batch",
            "{dir}/export.csv",
            "--questionnaire",
            "mini",
            "-o",
            "{out}",
            "--mapping",
            "{dir}/map.yaml",
        ],
        code,
        message,
        "untouched" if code == 2 else "new",
        GOOD if code != 2 else None,
    )


add(
    mapping_case(
        "yaml-flow-nested-100000",
        b"columns: " + b"[" * 100_000 + b"]" * 100_000,
        2,
        "nested too deeply",
    )
)
add(
    mapping_case(
        "yaml-flow-nested-1000", b"columns: " + b"{a: " * 1000 + b"}" * 1000, 2, "nested too deeply"
    )
)
add(
    mapping_case(
        "yaml-block-nested-200",
        b"columns:\n" + b"".join(b" " * (i + 1) + b"k%d:\n" % i for i in range(200)),
        2,
        "too deeply",
    )
)
add(mapping_case("yaml-dash-nested", b"columns: \n" + b"- " * 300 + b"x\n", 2, "too deeply"))
add(
    mapping_case(
        "yaml-5000-digit-integer",
        b"answers:\n  A6: " + b"9" * 5000 + b"\n",
        2,
        ":2:7: a number too long to read",
    )
)
add(mapping_case("yaml-alias", b"columns: &a\n  Q1: A1\nrespondent: *a\n", 2, "aliases"))
add(mapping_case("yaml-duplicate-key", b"columns:\n  Q1: A1\n  Q1: A2\n", 2, "duplicate key"))
add(mapping_case("yaml-not-utf8", b"columns:\n  Fr\xe4ge: A1\n", 2, "not UTF-8"))
add(mapping_case("yaml-python-tag", b"columns: !!python/object:os.system {}\n", 2, ""))
add(mapping_case("yaml-unknown-item", b"columns:\n  Q1: Z9\n", 2, "'Z9' is not an item"))
add(mapping_case("yaml-tab-indent", b"columns:\n\tQ1: A1\n", 2, "invalid YAML"))
add(
    mapping_case("yaml-brackets-in-quotes-are-fine", b"columns:\n  '[[[[[[': ignore\n", 0, "3 rows")
)


# The output folder.
def out_case(
    id: str,
    code: int,
    message: str,
    prepare: Callable[[Path], None],
    out: str = "{out}",
    outputs: str = "untouched",
) -> Case:
    return Case(
        id,
        {"export.csv": good_csv()},
        ["batch", "{dir}/export.csv", "--questionnaire", "mini", "-o", out],
        code,
        message,
        outputs,
        GOOD if outputs == "new" else None,
        prepare,
    )


def _file_as_out(d: Path) -> None:
    (d / "plain").write_text("mine")


def _foreign_file(d: Path) -> None:
    (d / "out" / "notes.txt").write_text("my notes")


def _foreign_folder(d: Path) -> None:
    shutil.rmtree(d / "out")
    (d / "out").mkdir()
    (d / "out" / "scores.csv").write_text("not from the tool")


def _scores_is_a_folder(d: Path) -> None:
    (d / "out" / "scores.csv").unlink()
    (d / "out" / "scores.csv").mkdir()
    (d / "out" / "scores.csv" / "x").write_text("x")


def _export_inside(d: Path) -> None:
    shutil.copy(d / "export.csv", d / "out" / "export.csv")


def _empty_out(d: Path) -> None:
    shutil.rmtree(d / "out")
    (d / "out").mkdir()


def _stale_staging(d: Path) -> None:
    (d / ".out.staging-999-x").mkdir()
    (d / ".out.staging-999-x" / "scores.csv").write_text("half")


def _killed_between_renames(d: Path) -> None:
    (d / "out").rename(d / ".out.previous-999-x")


def _symlink(link: Path, to: Path) -> None:
    try:
        link.symlink_to(to, target_is_directory=True)
    except OSError as exc:  # Windows without the right to make symbolic links
        pytest.skip(f"cannot make a symbolic link: {exc}")


def _link_to_out(d: Path) -> None:
    _symlink(d / "link", d / "out")


def _link_loop(name: str) -> Callable[[Path], None]:
    return lambda d: _symlink(d / name, d / name)


add(
    out_case(
        "out-is-a-file",
        2,
        "this is a file, not a folder",
        _file_as_out,
        "{dir}/plain",
        outputs="none",
    )
)
add(
    out_case(
        "out-below-a-file",
        2,
        "is a file, not a folder",
        _file_as_out,
        "{dir}/plain/out",
        outputs="none",
    )
)
add(
    out_case(
        "out-holds-a-foreign-file", 2, "an earlier run did not write (notes.txt)", _foreign_file
    )
)
add(
    out_case(
        "out-folder-not-the-tools",
        2,
        "files this tool did not write",
        _foreign_folder,
        outputs="none",
    )
)
add(out_case("out-scores-csv-is-a-folder", 2, "scores.csv/x", _scores_is_a_folder, outputs="none"))
add(
    Case(
        "out-holds-the-export",
        {"export.csv": good_csv()},
        ["batch", "{out}/export.csv", "--questionnaire", "mini", "-o", "{out}"],
        2,
        "the folder holds the input",
        "none",
        prepare=_export_inside,
    )
)
add(
    out_case(
        "out-is-the-export-folder", 2, "the folder holds the input", lambda d: None, out="{dir}"
    )
)
add(out_case("out-empty-folder", 0, "3 rows", _empty_out, outputs="new"))
add(out_case("out-earlier-run-replaced", 0, "3 rows", lambda d: None, outputs="new"))
add(out_case("out-stale-staging-cleaned", 0, "3 rows", _stale_staging, outputs="new"))
add(
    out_case(
        "out-backup-of-killed-run-restored", 0, "3 rows", _killed_between_renames, outputs="new"
    )
)
add(
    out_case(
        "out-new-nested-folder", 0, "3 rows", lambda d: None, out="{dir}/a/b/out", outputs="none"
    )
)
# A run replaces DIR by renames: through a link it would replace the link, not its folder.
add(
    out_case(
        "out-symlink-to-an-earlier-run",
        2,
        "link: this is a symbolic link (to ",
        _link_to_out,
        out="{dir}/link",
    )
)
add(
    out_case(
        "out-below-a-symlink-loop",
        2,
        "loop is a symbolic link that leads back to itself",
        _link_loop("loop"),
        out="{dir}/loop/out",
    )
)
add(
    Case(
        "export-a-symlink-loop",
        {},
        ["batch", "{dir}/e.csv", "--questionnaire", "mini", "-o", "{out}"],
        2,
        "e.csv: a symbolic link that leads back to itself",
        prepare=_link_loop("e.csv"),
    )
)
add(
    Case(
        "outputs-option-bad",
        {"export.csv": good_csv()},
        [
            "batch",
            "{dir}/export.csv",
            "--questionnaire",
            "mini",
            "-o",
            "{out}",
            "--outputs",
            "csv,pdf",
        ],
        2,
        "--outputs takes one or more of",
    )
)
add(
    Case(
        "unknown-questionnaire",
        {"export.csv": good_csv()},
        ["batch", "{dir}/export.csv", "--questionnaire", "nope", "-o", "{out}"],
        2,
        "nope",
    )
)
add(
    Case(
        "export-missing",
        {},
        ["batch", "{dir}/missing.csv", "--questionnaire", "mini", "-o", "{out}"],
        2,
        "file not found",
    )
)
add(
    Case(
        "export-is-a-folder",
        {"sub/x": b""},
        ["batch", "{dir}/sub", "--questionnaire", "mini", "-o", "{out}"],
        2,
        "not a regular file",
    )
)

# Re-runs: no report of someone who is not in the new run, no real name after --pseudonymize.
add(
    Case(
        "rerun-fewer-people",
        {"export.csv": good_csv(people=PEOPLE[:1])},
        ["batch", "{dir}/export.csv", "--questionnaire", "mini", "-o", "{out}", "--reports", "md"],
        0,
        "1 row ",
        "new",
        {"Anna": "2"},
        not_in_output=["Bernd", "Clara"],
    )
)
add(
    Case(
        "rerun-pseudonymized",
        {"export.csv": good_csv()},
        [
            "batch",
            "{dir}/export.csv",
            "--questionnaire",
            "mini",
            "-o",
            "{out}",
            "--reports",
            "md",
            "--pseudonymize",
        ],
        0,
        "3 rows",
        "new",
        None,
        not_in_output=["Anna", "Bernd", "Clara"],
    )
)

# The terminal: control characters from a file are shown as escapes.
add(
    batch_case(
        "ansi-in-a-header",
        csv_bytes([[*HEADER, "\x1b[2J\x1b[31mrot"], [*PEOPLE[0], "x"]]),
        0,
        "\\x1b[2J\\x1b[31mrot",
        scored={"Anna": "2"},
    )
)
add(
    batch_case(
        "bidi-override-in-a-header",
        csv_bytes([[*HEADER, "a\u202eb"], [*PEOPLE[0], ""]]),
        0,
        "a\\u202eb",
        scored={"Anna": "2"},
    )
)


# Answers files (score, report, compare).
def score_case(id: str, content: bytes, code: int, message: str, command: str = "score") -> Case:
    args = {
        "score": ["score", "{dir}/a.json"],
        "report": ["report", "{dir}/a.json", "-o", "{dir}/r.html"],
        "compare": [
            "compare",
            "{dir}/a.json",
            str(ROOT / "tests/fixtures/answers/mini-complete.json"),
            "-o",
            "{dir}/c.md",
        ],
    }[command]
    return Case(id, {"a.json": content}, args, code, message, "none")


add(score_case("answers-true", answers_json({"A1": True}), 2, "expected a whole number"))
add(score_case("answers-string-4", answers_json({"A1": "4"}), 2, "expected a whole number"))
add(score_case("answers-float", answers_json({"A1": 4.5}), 2, "expected a whole number"))
add(
    score_case(
        "answers-5000-digits",
        answers_raw('{"A1": ' + "9" * 5000 + "}"),
        2,
        "more than 4,300 digits",
    )
)
add(
    score_case(
        "answers-nested-100000", answers_raw("[" * 100_000 + "]" * 100_000), 2, "nested too deeply"
    )
)
add(score_case("answers-nested-500", answers_raw("[" * 500 + "]" * 500), 2, "nested too deeply"))
add(
    score_case(
        "answers-not-utf8",
        answers_json({"A1": 3}).replace(b"Erika", b"Er\xefka"),
        2,
        "not UTF-8 text",
    )
)
add(score_case("answers-empty", b"", 2, "invalid JSON"))
add(score_case("answers-a-list", b"[]", 2, ""))
add(score_case("answers-unknown-item", answers_json({"Z9": 3}), 2, "unknown item"))
add(score_case("answers-out-of-range", answers_json({"A1": 7}), 2, "not a value of the scale"))
add(
    score_case(
        "answers-missing-respondent",
        answers_json({"A1": 3}).replace(b'"respondent"', b'"someone"'),
        2,
        "respondent",
    )
)
add(
    score_case(
        "answers-ansi-name",
        answers_json({"A1": 3}).replace(b"Erika Mustermann", b"\\u001b[2JErika"),
        0,
        "Erika",
        "score",
    )
)
add(
    score_case(
        "answers-true-in-report", answers_json({"A1": True}), 2, "expected a whole number", "report"
    )
)
add(
    score_case(
        "answers-nested-in-compare",
        answers_raw("[" * 3000 + "]" * 3000),
        2,
        "nested too deeply",
        "compare",
    )
)

# An output named as a folder where a file is meant, or not named at all ("" would be the
# current folder).
for command, out in (("report", "r.html"), ("compare", "c.md")):
    case = score_case(f"{command}-o-a-folder-with-force", answers_json({"A1": 3}), 2, "", command)
    case.args = [*case.args[:-1], "{dir}/" + out, "--force"]
    case.files[out + "/kept.txt"] = b"mine"
    case.message = f"{out} is a folder; name a file"
    add(case)


# Questionnaire files (validate).
def validate_case(
    id: str, content: bytes | None, code: int, message: str, path: str = "{dir}/q.yaml"
) -> Case:
    return Case(
        id,
        {"q.yaml": content} if content is not None else {},
        ["validate", path],
        code,
        message,
        "none",
    )


add(
    validate_case(
        "validate-nested-100000",
        b"items: " + b"[" * 100_000 + b"]" * 100_000,
        2,
        "nested too deeply",
    )
)
add(
    validate_case(
        "validate-5000-digits",
        b"kind: questionnaire\nversion: " + b"9" * 5000,
        2,
        "a number too long to read",
    )
)
add(validate_case("validate-dev-zero", None, 2, "not a regular file", "/dev/zero"))
add(validate_case("validate-missing", None, 2, "file not found", "{dir}/none.yaml"))
add(validate_case("validate-binary", bytes(range(256)), 2, "not UTF-8"))


# User templates (report --template), with the limits made small for the test.
def template_case(id: str, template: bytes, code: int, message: str) -> Case:
    return Case(
        id,
        {"t.html": template},
        [
            "report",
            str(ROOT / "tests/fixtures/answers/mini-complete.json"),
            "-o",
            "{dir}/r.html",
            "--template",
            "{dir}/t.html",
        ],
        code,
        message,
        "none",
    )


add(
    template_case(
        "template-endless-loop",
        b"{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        2,
        "ran longer than",
    )
)
add(template_case("template-huge-repetition", b"{{ 'x' * 10**9 }}", 2, "too large"))
add(template_case("template-huge-power", b"{{ 10 ** 100000000 }}", 2, "too large"))
add(template_case("template-power-left-to-right", b"{{ 10 ** 10 ** 10 }}", 0, "Report written"))
add(template_case("template-huge-center", b"{{ 'x'|center(1000000000) }}", 2, "too large"))
add(template_case("template-huge-format", b"{{ '%1000000000d'|format(1) }}", 2, "format width"))
add(
    template_case(
        "template-output-too-big",
        b"{% for i in range(30) %}{{ 'y' * 1000000 }}{% endfor %}",
        2,
        "output is larger than",
    )
)
add(template_case("template-format-method", b"{{ '{:>1000000000}'.format(1) }}", 2, "format width"))
add(template_case("template-escape-attempt", b"{{ ''.__class__.__mro__ }}", 2, "not allowed"))
add(template_case("template-syntax", b"{% for %}", 2, "template error"))
add(template_case("template-undefined", b"{{ nothing.here }}", 2, "template error"))
add(template_case("template-division-by-zero", b"{{ 1 / 0 }}", 2, "ZeroDivisionError"))
add(template_case("template-not-utf8", b"\xff\xfe{{ x }}", 2, "not UTF-8"))
add(template_case("template-fine", b"{{ people|length }} Person", 0, "Report written"))


# plan inputs.
add(
    Case(
        "plan-results-nested",
        {"results.jsonl": b"[" * 100_000 + b"]" * 100_000},
        ["plan", "{dir}/results.jsonl", "-o", "{dir}/plan.csv"],
        2,
        "",
        "none",
    )
)


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 100
    assert len({c.id for c in CASES}) == len(CASES)


# --- running a case -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def earlier_run(tmp_path_factory) -> Path:
    """An earlier run's complete output folder (four people, reports in Markdown)."""
    from helpers import FIXTURES

    folder = tmp_path_factory.mktemp("earlier")
    done = invoke(
        [
            "batch",
            str(FIXTURES / "exports" / "limesurvey.csv"),
            "--questionnaire",
            "mini",
            "--mapping",
            str(FIXTURES / "exports" / "limesurvey-mapping.yaml"),
            "-o",
            str(folder / "out"),
            "--reports",
            "md",
        ]
    )
    assert done[0] == 1, done
    return folder / "out"


def invoke(args: list[str]) -> tuple[int, str]:
    from typer.testing import CliRunner

    from netzkompetenz.cli import app

    # in English, whatever the machine's locale (after the command: a command's own
    # choice of language would override a --lang before it)
    result = CliRunner().invoke(app, ["--data", str(MINI), *args, "--lang", "en"])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise AssertionError("uncaught exception (a traceback for the user)") from result.exception
    return result.exit_code, result.stdout + result.stderr


def snapshot(folder: Path) -> dict[str, str]:
    """Every file below `folder` with the hash of its content."""
    if not folder.is_dir():
        return {}
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def leftovers(parent: Path) -> list[str]:
    """What a run may leave only while it runs: staging folders, backups, temporary files,
    lock files and the notes of their holders."""
    return [
        p.name
        for p in parent.iterdir()
        if ".staging-" in p.name or ".previous-" in p.name or ".lock" in p.name
    ] + [str(p) for p in parent.rglob("*.tmp")]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_bad_input(case: Case, tmp_path: Path, earlier_run: Path, monkeypatch) -> None:
    from netzkompetenz.views import render

    monkeypatch.setattr(render, "TEMPLATE_SECONDS", 0.5)
    monkeypatch.setenv("NETZKOMPETENZ_PSEUDONYM_KEY", "test-key")
    for name, content in case.files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(content)
    out = tmp_path / "out"
    shutil.copytree(earlier_run, out)
    if case.prepare:
        case.prepare(tmp_path)
    before = snapshot(out)
    args = [a.replace("{dir}", str(tmp_path)).replace("{out}", str(out)) for a in case.args]
    code, text = invoke(args)
    assert code == case.code, text
    assert case.message in text
    assert "Traceback" not in text and "\x1b" not in text and "\u202e" not in text
    assert not leftovers(tmp_path), leftovers(tmp_path)
    if case.outputs == "untouched":
        assert snapshot(out) == before
    if case.outputs == "new":
        check_new_outputs(out, case)


def check_new_outputs(out: Path, case: Case) -> None:
    """A complete new set: every file the marker lists and nothing else, exactly the
    expected people scored, no report or line of anyone else."""
    from netzkompetenz.io.outdir import MARKER, written_files

    files = snapshot(out)
    assert set(files) == written_files(out) | {MARKER}
    assert {
        "scores.csv",
        "scores.xlsx",
        "results.jsonl",
        "cohort.html",
        "cohort.md",
        "rejected.csv",
    } <= set(files)
    with (out / "scores.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if case.scored is not None:
        assert {r["name"]: r["row"] for r in rows} == case.scored
    # the cohort is built from the same rows: each person once
    assert f"People scored: {len(rows)} " in (out / "cohort.md").read_text()
    reports = (
        sorted(p.name for p in (out / "reports").glob("*")) if (out / "reports").exists() else []
    )
    assert len(reports) in (0, len(rows))
    everything = "".join(
        (out / f).read_text(encoding="utf-8", errors="replace")
        for f in files
        if not f.endswith(".xlsx")
    ) + " ".join(reports)
    for name in case.not_in_output:
        assert name not in everything


def test_too_many_rows_for_a_spreadsheet_leave_out_only_the_xlsx(tmp_path, monkeypatch):
    """The limit is checked before each chunk is written to the sheet (here made small: a
    million rows would take minutes); the other outputs are complete."""
    from netzkompetenz.io import xlsx_out

    monkeypatch.setattr(xlsx_out, "XLSX_MAX_ROWS", 3)  # the header and two rows
    (tmp_path / "export.csv").write_bytes(good_csv())
    code, text = invoke(
        [
            "batch",
            str(tmp_path / "export.csv"),
            "--questionnaire",
            "mini",
            "-o",
            str(tmp_path / "out"),
        ]
    )
    assert code == 1 and "scores.xlsx not written: 3 rows" in text
    out = tmp_path / "out"
    assert not (out / "scores.xlsx").exists()
    check_new_outputs_without_xlsx = {"scores.csv", "results.jsonl", "cohort.md", "rejected.csv"}
    assert check_new_outputs_without_xlsx <= {p.name for p in out.iterdir()}
    assert len((out / "results.jsonl").read_text().splitlines()) == 3


def test_a_folder_that_cannot_be_moved_exits_3_and_stays(tmp_path, monkeypatch, earlier_run):
    """Windows refuses to rename a folder while a file in it is open (scores.xlsx in
    Excel): the run says so, exit 3, and the earlier outputs stay as they were."""
    import errno

    out = tmp_path / "out"
    shutil.copytree(earlier_run, out)
    before = snapshot(out)
    real_replace = os.replace

    def replace(src, dst):
        if Path(src) == out:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    (tmp_path / "export.csv").write_bytes(good_csv())
    code, text = invoke(
        ["batch", str(tmp_path / "export.csv"), "--questionnaire", "mini", "-o", str(out)]
    )
    assert code == 3 and "e.g. in Excel" in text and "unchanged" in text
    assert snapshot(out) == before and not leftovers(tmp_path)


EMPTY_O = {
    "batch": ["batch", "{dir}/export.csv", "--questionnaire", "mini", "-o"],
    "report": ["report", "{dir}/a.json", "-o"],
    "compare": ["compare", "{dir}/a.json", "{dir}/a.json", "-o"],
    "plan": ["plan", "{dir}/a.json", "-o"],
    "export": ["export", "mini", "--format", "csv-template", "-o"],
    "check": ["check", "--report"],
    "check-answers": ["check", "--answers"],
}


@pytest.mark.parametrize("args", EMPTY_O.values(), ids=EMPTY_O.keys())
def test_an_empty_output_name_is_refused(tmp_path: Path, args: list[str]) -> None:
    """`-o ""` (an unset variable in a script) is not the current folder: exit 2 before
    anything is read or written. The real command line: Typer reads the option before the
    command sets the language, from the command line as given."""
    from helpers import run_cli

    (tmp_path / "export.csv").write_bytes(good_csv())
    (tmp_path / "a.json").write_bytes(answers_json({"A1": 3}))
    before = sorted(tmp_path.iterdir())
    done = run_cli(
        "--data", str(MINI), *(a.replace("{dir}", str(tmp_path)) for a in args), "", "--lang", "en",
        cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "an empty name; name a file or folder" in done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(tmp_path.iterdir()) == before


def test_ctrl_c_just_after_the_staging_folder_is_made_leaves_none(
    tmp_path, monkeypatch, earlier_run
):
    """Ctrl-C (or SIGTERM) in the instant after the staging folder is made, before the
    run has it in hand: exit 130, and the folder goes all the same (it was seen left behind
    by a signal that arrived just then)."""
    import tempfile

    out = tmp_path / "out"
    shutil.copytree(earlier_run, out)
    before = snapshot(out)
    real_mkdtemp = tempfile.mkdtemp

    def interrupted_mkdtemp(*args, **kwargs):
        real_mkdtemp(*args, **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(tempfile, "mkdtemp", interrupted_mkdtemp)
    (tmp_path / "export.csv").write_bytes(good_csv())
    code, text = invoke(
        ["batch", str(tmp_path / "export.csv"), "--questionnaire", "mini", "-o", str(out)]
    )
    assert code == 130, text
    assert snapshot(out) == before and not leftovers(tmp_path)
