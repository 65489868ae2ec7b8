"""`batch`: a survey export in; scores, results, reports and a cohort report out.

command.py  the command step by step: options, export, columns, the pass, the outputs
options.py  what a run was asked for (BatchOptions, --outputs, the profile)
rows.py     the pass over the rows: cells to codes, rejections, scoring, chunk by chunk
people.py   who a row is, and which rows are the same person's
sinks.py    one sink per output (scores.csv/xlsx, results.jsonl, cohort, person reports)
report.py   what became of the rows: counts, rejected.csv, the final line, the exit code
reports.py, results.py, workers.py  person reports and results.jsonl, in worker processes
            for large exports

The submodules are imported when used: a worker process imports only what it needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from netzkompetenz.commands.batch.command import run
    from netzkompetenz.commands.batch.options import OUTPUTS

__all__ = ["OUTPUTS", "run"]


def __getattr__(name: str) -> Any:
    if name == "run":
        from netzkompetenz.commands.batch.command import run

        return run
    if name == "OUTPUTS":
        from netzkompetenz.commands.batch.options import OUTPUTS

        return OUTPUTS
    raise AttributeError(name)
