"""Every HTML page the tool writes forbids outside requests (Content-Security-Policy)."""

from __future__ import annotations

from helpers import ROOT

TEMPLATES = ROOT / "src" / "netzkompetenz" / "views" / "templates"


def test_every_html_page_carries_the_content_security_policy():
    pages = [
        p
        for p in TEMPLATES.glob("*.html")
        if "<html" in p.read_text() or "{% extends" in p.read_text()
    ]
    assert {p.name for p in pages} >= {"person.html", "cohort.html", "compare.html", "plan.html"}
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "default-src 'none'" in text or '{% extends "page.html" %}' in text, page.name
    assert "default-src 'none'" in (TEMPLATES / "page.html").read_text(encoding="utf-8")
