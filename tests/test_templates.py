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


def test_fixed_texts_are_translated_when_a_template_is_compiled():
    """`_("…")` with a literal becomes the translated text in the compiled template (one
    per language); a call with arguments or a variable stays a call, and `.format` works on
    the translated text."""
    from netzkompetenz.i18n import gettext_in, language
    from netzkompetenz.views.render import environment

    source = (
        '{{ _("Role") }}|{{ _("not enough " "answers") }}|'
        '{{ _("{count} questions").format(count=3) }}|{{ _(word) }}|{{ x._("Role") }}'
    )
    for lang in ("de", "en"):
        with language(lang):
            env = environment()
        code = env.compile(source, raw=True)
        # static text in the compiled code, no look-up of the message when rendered
        assert f"yield '{gettext_in(lang, 'Role')}|" in code
        assert lang == "en" or "'Role'" in code  # only x._("Role") keeps the message id

        class X:
            def _(self, text: str) -> str:
                return "own " + text

        with language(lang):
            out = env.from_string(source).render(word="Gap", x=X())
        assert out == "|".join(
            [
                gettext_in(lang, "Role"),
                gettext_in(lang, "not enough answers"),
                gettext_in(lang, "{count} questions").format(count=3),
                gettext_in(lang, "Gap"),
                "own Role",
            ]
        )
    assert environment().from_string('{{ _("Role") }}').render() == "Rolle"  # German


def test_a_view_model_key_named_like_a_dict_method_stays_the_method():
    """Bundled templates read the view-model's dicts key first (no exception per look-up);
    `d.items` is still the dict's method, as jinja2 gives it."""
    from netzkompetenz.views.render import environment

    template = environment().from_string(
        "{{ d.title }}|{{ d['items'] }}|{{ d.items()|list|length }}"
    )
    assert template.render(d={"title": "T", "items": "I"}) == "T|I|2"
