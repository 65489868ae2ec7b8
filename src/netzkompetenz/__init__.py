"""netzkompetenz: competence self-assessment for network coordination in municipalities."""

__version__ = "0.1.0"
