"""Do two versions of netzkompetenz write the same batch outputs, byte for byte?

Runs `batch` with every output and person reports (HTML, then Markdown, then in English with
the excel-de CSV dialect and pseudonyms) on seeded exports for several questionnaires (the
50-item benchmark one, the bundled ones, the scoring golden cases with item triggers and
conditions): blanks, "cannot judge", bad cells, empty and incomplete rows, the same person
twice. Each interpreter runs the package installed in its own environment; the output
folders must hold the same files with the same bytes.

    python bench/same_outputs.py --before /path/to/main/.venv/bin/python \
        [--after .venv/bin/python] [--rows 1500] [--keep DIR]
"""

from __future__ import annotations

import argparse
import csv
import filecmp
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = [  # data folder (None: bundled), questionnaire, profile, person reports, share of
    # rows that are a person's second submission (0: a run in which nobody answered twice)
    (ROOT / "tests" / "fixtures" / "exports" / "wide", "wide", None, True, 0.02),
    (None, "netzwerkkoordination", "coordinator", True, 0.02),
    (None, "netzwerkkoordination", "coordinator", True, 0.0),
    (None, "netzwerkmanagement", "leader", True, 0.02),
    # no person reports: main's report fails on an item trigger's reason (no dimension)
    (ROOT / "tests" / "data" / "scoring", "golden", "golden-coordinator", False, 0.02),
]
RUNS = [  # extra options of batch
    ["--reports", "html"],
    ["--reports", "md"],
    ["--reports", "md", "--lang", "en", "--csv", "excel-de", "--pseudonymize"],
    ["--reports", "none", "--outputs", "csv,jsonl", "--include-comments"],
]


def item_ids(python: str, data: Path | None, questionnaire: str) -> tuple[list[str], list]:
    code = (
        "import json,sys\nfrom pathlib import Path\n"
        "from netzkompetenz.io.catalog import Catalog\n"
        "q = Catalog.load([Path(a) for a in sys.argv[1:2] if a]).questionnaire(sys.argv[2])\n"
        "print(json.dumps([[i.id for i in q.items], [p.value for p in q.scale.points]]))"
    )
    out = subprocess.run(
        [python, "-c", code, str(data or ""), questionnaire],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    import json

    items, values = json.loads(out)
    return items, values


def generate(
    path: Path, items: list[str], values: list, rows: int, seed: int, twice: float
) -> None:
    rng = random.Random(seed)
    cells = [str(v) for v in values] + ["", "kann ich nicht einschätzen"]
    people = [(f"Person {n}", f"Kommune {n % 7}") for n in range(rows)]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle, delimiter=";")
        out.writerow(["id", "submitdate", "Name", "Kommune", "Tandem"] + items)
        for n in range(1, rows + 1):
            name, org = people[n - 1] if rng.random() >= twice else rng.choice(people[:n])
            row = [rng.choice(cells) for _ in items]
            if rng.random() < 0.2:  # someone who answers alike (few distinct profiles)
                row = [rng.choice(cells[:3])] * len(items)
            if rng.random() < 0.01:
                row[rng.randrange(len(items))] = rng.choice(["7", "x", "=1+1", "2,5"])
            if rng.random() < 0.01:
                row = [""] * len(items)
            submit = "" if rng.random() < 0.01 else "2024-05-02 10:11:12"
            tandem = f"t{n % 50}" if rng.random() < 0.3 else ""
            if n % 97 == 0:
                name = f"<script>alert({n})</script> *x* | y"
            out.writerow([n, submit, name, org, tandem] + row)


def run(
    python: str,
    data: Path | None,
    questionnaire: str,
    profile: str | None,
    export: Path,
    out: Path,
    options: list[str],
) -> str:
    command = [
        python,
        "-m",
        "netzkompetenz",
        *(["--data", str(data)] if data else []),
        "batch",
        str(export),
        "--questionnaire",
        questionnaire,
        *(["--profile", profile] if profile else []),
        "-o",
        str(out),
        *options,
    ]
    env = {**os.environ, "NETZKOMPETENZ_PSEUDONYM_KEY": "same-outputs"}
    proc = subprocess.run(command, capture_output=True, text=True, env=env)
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)}\n{proc.stdout}{proc.stderr}")
    said = f"exit {proc.returncode}\n{proc.stdout}{proc.stderr}"
    return said.replace(str(out), "OUT")  # the folders' names differ, nothing else may


def differences(a: Path, b: Path) -> list[str]:
    found = []
    cmp = filecmp.dircmp(a, b)
    found += [f"only in before: {a / n}" for n in cmp.left_only]
    found += [f"only in after: {b / n}" for n in cmp.right_only]
    for name in cmp.common_files:
        if (a / name).read_bytes() != (b / name).read_bytes():
            found.append(f"differs: {a / name} {b / name}")
    for name in cmp.common_dirs:
        found += differences(a / name, b / name)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--before", required=True, help="python of the version before")
    parser.add_argument("--after", default=sys.executable, help="python of this version")
    parser.add_argument("--rows", type=int, default=1500)
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="nk-same-"))
    work.mkdir(parents=True, exist_ok=True)
    problems, compared = [], 0
    for n, (data, questionnaire, profile, reports, twice) in enumerate(CASES):
        items, values = item_ids(args.after, data, questionnaire)
        export = work / f"{questionnaire}-{n}.csv"
        generate(export, items, values, args.rows, seed=16 + n, twice=twice)
        for k, options in enumerate(RUNS):
            if not reports:
                options = [o if o not in ("html", "md") else "none" for o in options]
            outs = {}
            for label, python in (("before", args.before), ("after", args.after)):
                out = work / f"{questionnaire}-{n}-{k}-{label}"
                outs[label] = (out, run(python, data, questionnaire, profile, export, out, options))
            (a, said_a), (b, said_b) = outs["before"], outs["after"]
            if said_a != said_b:
                problems.append(
                    f"{questionnaire} {options}: messages differ:\n{said_a}\n---\n{said_b}"
                )
            problems += differences(a, b)
            compared += sum(1 for p in a.rglob("*") if p.is_file())
            print(f"{questionnaire} {' '.join(options)}: {said_b.splitlines()[-1]}")
    print(f"{compared} files compared; {len(problems)} differences")
    for p in problems:
        print(p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
