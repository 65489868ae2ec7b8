"""`list`: what the catalogue holds."""

from __future__ import annotations

from netzkompetenz.io.catalog import Catalog
from netzkompetenz.views.terminal import print_overview


def run(catalog: Catalog) -> None:
    print_overview(catalog)
