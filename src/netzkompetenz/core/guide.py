"""The tandem's conversation guide: the paired statements (items with the same `pair:` id
in the leader's and the coordinator's questionnaire) where the two see it differently beyond
measurement noise, and where they agree. Pure; the page is views/guide_page.py, the rule is
described in docs/compare.md ("The conversation guide").
"""

from __future__ import annotations

from dataclasses import dataclass

from netzkompetenz.core.compare import Tandem, Theme
from netzkompetenz.core.pairs import PairedStatement, paired_statements


@dataclass(frozen=True)
class Guide:
    """What the tandem talks about: where they see it differently, where they agree, and
    (on the page) each one's own priorities."""

    tandem: Tandem
    pairs: tuple[PairedStatement, ...]

    @property
    def differ(self) -> list[PairedStatement]:
        return [p for p in self.pairs if p.differs]

    @property
    def agree(self) -> list[PairedStatement]:
        return [p for p in self.pairs if p.situation == "agree"]

    @property
    def open(self) -> list[PairedStatement]:
        return [p for p in self.pairs if p.situation == "open"]

    @property
    def themes_differ(self) -> list[Theme]:
        """Without paired statements (content before 2.0) the shared modules whose views
        differ are the topics to talk about."""
        return [t for t in self.tandem.themes if t.views_differ]


def guide(found: Tandem) -> Guide:
    return Guide(found, paired_statements(found.leader, found.coordinator))
