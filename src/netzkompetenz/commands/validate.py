"""`validate`: questionnaire and profile files, every problem as file:line:column."""

from __future__ import annotations

from pathlib import Path

from netzkompetenz.i18n import ngettext
from netzkompetenz.io.validation import validate_files
from netzkompetenz.views import output


def run(paths: list[Path], data_roots: list[Path]) -> None:
    count = validate_files(paths, data_roots)
    output.say(ngettext("{count} file valid.", "{count} files valid.", count).format(count=count))
