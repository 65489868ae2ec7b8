"""The one jinja2 environment: bundled templates in templates/, user templates sandboxed.

Templates are named by what they produce (`person.html`, `person.md`), because
select_autoescape looks at the last extension only: `*.html` is always escaped.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from netzkompetenz.errors import InputError
from netzkompetenz.i18n import _

AUTOESCAPE_EXTENSIONS = ("html", "htm", "xml", "svg")


def _configure(env):
    """Interface texts through jinja2.ext.i18n, bound to the language of the run:
    `{{ _("Text {name}").format(name=x) }}`, `ngettext(...)`, `pgettext(...)`, and
    `x|pick` for the YAML content texts (docs/translating.md)."""
    from netzkompetenz import i18n

    env.add_extension("jinja2.ext.i18n")
    # Old-style callables: newstyle gettext would %-format every text ("73 %" breaks) and
    # bring a second placeholder syntax; placeholders are {name} + .format as in Python.
    env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=False,
                                  pgettext=i18n.pgettext, npgettext=i18n.npgettext)
    env.globals.update(format_number=i18n.format_number, format_percent=i18n.format_percent,
                       format_date=i18n.format_date, format_signed=i18n.format_signed)
    env.globals["md"] = md_escape  # Markdown templates: md(name) for user-provided text
    env.filters["pick"] = i18n.pick
    return env


_MD_SPECIAL = set("\\`*_[]<>|#~&!")


def md_escape(value: Any) -> str:
    """A user-provided string as literal Markdown text (GitHub/GitLab, also in table cells):
    backslash before every character that could start markup, line breaks as spaces."""
    out = []
    for char in " ".join(str(value).splitlines()):
        out.append("\\" + char if char in _MD_SPECIAL else char)
    return "".join(out)



@functools.cache
def environment():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("netzkompetenz.views", "templates"),
        autoescape=jinja2.select_autoescape(AUTOESCAPE_EXTENSIONS, default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return _configure(env)


def render(template_name: str, **context: Any) -> str:
    return environment().get_template(template_name).render(**context)


def render_user_template(path: Path, **context: Any) -> str:
    """A template the user supplied runs in jinja2's immutable sandbox: it can read the
    context it is given and nothing else."""
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    try:
        source = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError.single(path, _("cannot read template: {reason}").format(
            reason=exc.strerror)) from None
    env = _configure(ImmutableSandboxedEnvironment(
        autoescape=Path(path).suffix.lstrip(".") in AUTOESCAPE_EXTENSIONS
        or path.name.endswith(".html.j2"),
        undefined=jinja2.StrictUndefined))
    try:
        return env.from_string(source).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise InputError.single(
            path, _("template error: {reason}").format(reason=exc.message), exc.lineno
        ) from None
    except jinja2.exceptions.SecurityError as exc:
        raise InputError.single(
            path, _("template not allowed: {reason}").format(reason=exc)
        ) from None
    except jinja2.UndefinedError as exc:
        raise InputError.single(
            path, _("template error: {reason}").format(reason=exc.message)
        ) from None
