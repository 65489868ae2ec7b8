"""The one jinja2 environment: bundled templates in templates/, user templates sandboxed.

Templates are named by what they produce (`person.html`, `person.md`), because
select_autoescape looks at the last extension only: `*.html` is always escaped.
"""

from __future__ import annotations

import functools
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, TypeVar

from netzkompetenz.errors import InputError
from netzkompetenz.i18n import _, format_number

if TYPE_CHECKING:
    import jinja2
    from _typeshed import TraceFunction
    from jinja2.runtime import Context
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    Env = TypeVar("Env", bound=jinja2.Environment)

AUTOESCAPE_EXTENSIONS = ("html", "htm", "xml", "svg")
_DICT_METHODS = frozenset(dir(dict))


def _configure(env: Env) -> Env:
    """Interface texts through jinja2.ext.i18n, bound to the language of the run:
    `{{ _("Text {name}").format(name=x) }}`, `ngettext(...)`, `pgettext(...)`, and
    `x|pick` for the YAML content texts (docs/translating.md)."""
    from netzkompetenz import i18n

    env.add_extension("jinja2.ext.i18n")
    # Old-style callables: newstyle gettext would %-format every text ("73 %" breaks) and
    # bring a second placeholder syntax; placeholders are {name} + .format as in Python.
    env.install_gettext_callables(  # type: ignore[attr-defined]  # added by jinja2.ext.i18n
        i18n.gettext,
        i18n.ngettext,
        newstyle=False,
        pgettext=i18n.pgettext,
        npgettext=i18n.npgettext,
    )
    env.globals.update(
        format_number=i18n.format_number,
        format_percent=i18n.format_percent,
        format_date=i18n.format_date,
        format_signed=i18n.format_signed,
    )
    env.globals["md"] = md_escape  # Markdown templates: md(name) for user-provided text
    env.filters["pick"] = i18n.pick
    return env


_MD_SPECIAL = set("\\`*_[]<>|#~&!")
_MD_ESCAPES = str.maketrans({char: "\\" + char for char in _MD_SPECIAL})


def md_escape(value: Any) -> str:
    """A user-provided string as literal Markdown text (GitHub/GitLab, also in table cells):
    backslash before every character that could start markup, line breaks as spaces."""
    return " ".join(str(value).splitlines()).translate(_MD_ESCAPES)


def environment() -> jinja2.Environment:
    """The bundled templates' environment for the language of the run (one per language:
    their fixed texts are translated when they are compiled)."""
    from netzkompetenz import i18n

    return _environment(i18n.current_language())


@functools.cache
def _environment(lang: str) -> jinja2.Environment:
    import jinja2

    from netzkompetenz import i18n
    from netzkompetenz.io.template_cache import bytecode_cache

    env = _view_model_environment()(
        loader=jinja2.PackageLoader("netzkompetenz.views", "templates"),
        # compiled once per language and catalog, then read from the user's cache folder
        bytecode_cache=bytecode_cache(lang, i18n.catalog_file(lang), Path(__file__)),
        autoescape=jinja2.select_autoescape(AUTOESCAPE_EXTENSIONS, default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # bundled files: no stat of each template at every render
        extensions=[_translated_when_compiled(lang)],
    )
    return _configure(env)


def _view_model_environment() -> type[jinja2.Environment]:
    import jinja2

    class ViewModelEnvironment(jinja2.Environment):
        """The view-models are dicts. For `d.title` jinja2 tries the attribute first, which
        raises and is caught, then the key: ≈ 700 exceptions per person page. A dict's key
        is taken at once, unless it is the name of a dict method (`d.items` stays the
        method, as in jinja2)."""

        def getattr(self, obj: Any, attribute: str) -> Any:
            if type(obj) is dict and attribute in obj and attribute not in _DICT_METHODS:
                return obj[attribute]
            return super().getattr(obj, attribute)

    return ViewModelEnvironment


def _translated_when_compiled(lang: str) -> type[jinja2.ext.Extension]:
    """`_("a fixed text")` in a bundled template becomes the translated text when the
    template is compiled (one compiled template per language), so jinja2 writes it as static
    text instead of calling gettext and escaping the result on every render: a person page
    has about 120 of them. Calls with a variable or further arguments stay calls."""
    import jinja2.ext
    from jinja2.lexer import TOKEN_LPAREN, TOKEN_NAME, TOKEN_RPAREN, TOKEN_STRING, Token

    from netzkompetenz.i18n import literal_of_a_template

    class TranslatedWhenCompiled(jinja2.ext.Extension):
        def filter_stream(self, stream: jinja2.lexer.TokenStream) -> Any:
            tokens = list(stream)
            n = 0
            while n < len(tokens):
                token = tokens[n]
                end = n + 2
                while end < len(tokens) and tokens[end].type == TOKEN_STRING:
                    end += 1  # adjacent literals are one string to jinja2
                if (
                    token.type == TOKEN_NAME
                    and token.value in ("_", "gettext")
                    and end < len(tokens)
                    and tokens[n + 1].type == TOKEN_LPAREN
                    and end > n + 2
                    and tokens[end].type == TOKEN_RPAREN
                    and (n == 0 or tokens[n - 1].value != ".")  # not x._(…)
                ):
                    message = "".join(t.value for t in tokens[n + 2 : end])
                    yield Token(token.lineno, TOKEN_STRING, literal_of_a_template(lang, message))
                    n = end + 1
                    continue
                yield token
                n += 1

    return TranslatedWhenCompiled


def render(template_name: str, **context: Any) -> str:
    """A bundled page in the run's language (`lang`: the page's, e.g. `<html lang>`)."""
    from netzkompetenz import i18n

    page = {"lang": i18n.current_language(), **context}
    return environment().get_template(template_name).render(**page)


# Limits for a user's template: a report is a few hundred KB and renders in well under a
# second; a template that loops for minutes or builds gigabytes is stopped with a message.
TEMPLATE_SECONDS = 10.0
TEMPLATE_MAX_CHARS = 20_000_000
_MAX_SIZE_ARGUMENT = 1_000_000  # a width, count or repetition no report needs
_FORMAT_WIDTH = re.compile(r"[%:{][^%:{}]*?\d{7,}")


class TemplateLimit(Exception):
    """The user's template went over a limit (time, size)."""


def _limited_sandbox() -> type[ImmutableSandboxedEnvironment]:
    """jinja2's immutable sandbox, with limits it does not have itself: sequence repetition
    and powers (`'x' * 10**9`) and calls with huge sizes (`center(10**9)`, a format width
    of a billion) are refused before they allocate."""
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class LimitedSandbox(ImmutableSandboxedEnvironment):
        intercepted_binops = frozenset(["*", "**"])

        def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
            if operator == "**" and _too_big_power(left, right):
                raise TemplateLimit(
                    _("{left} ** {right} is too large").format(left=repr(left), right=repr(right))
                )
            if operator == "*":
                size = _repetition(left, right)
                if size > TEMPLATE_MAX_CHARS:
                    raise TemplateLimit(
                        _("a repetition of {size} elements is too large").format(
                            size=format_number(size, 0)
                        )
                    )
            return super().call_binop(context, operator, left, right)

        def call(
            __self,
            __context: Context,
            __obj: Any,
            *args: Any,  # noqa: N805 (jinja2's names)
            **kwargs: Any,
        ) -> Any:
            # str.format comes wrapped by the sandbox: the string is the wrapped method's
            method = getattr(__obj, "__wrapped__", __obj)
            _check_arguments(args, kwargs, getattr(method, "__self__", None))
            return super().call(__context, __obj, *args, **kwargs)

    return LimitedSandbox


def _check_arguments(args: tuple[Any, ...], kwargs: dict[str, Any], subject: object = None) -> None:
    """Sizes in the arguments of a call; `subject` (a filter's value, a method's object) may
    be a large number but not a format string with a huge width."""
    if isinstance(subject, str) and _FORMAT_WIDTH.search(subject):
        raise TemplateLimit(_("a format width of a million or more"))
    for value in (*args, *kwargs.values()):
        if (
            isinstance(value, int)
            and not isinstance(value, bool)
            and abs(value) > _MAX_SIZE_ARGUMENT
        ):
            raise TemplateLimit(
                _("the number {value} is too large for a call").format(
                    value=format_number(value, 0)
                )
            )
        if isinstance(value, str) and _FORMAT_WIDTH.search(value):
            raise TemplateLimit(_("a format width of a million or more"))


def _limited_filter(func: Callable[..., Any]) -> Callable[..., Any]:
    """Filters are called directly by the compiled template, not through the sandbox's
    call(): the same argument check, in a wrapper (functools.wraps keeps jinja2's marks
    such as pass_context)."""

    @functools.wraps(func)
    def limited(*args: Any, **kwargs: Any) -> Any:
        _check_arguments(args[1:], kwargs, args[0] if args else None)
        return func(*args, **kwargs)

    return limited


def _too_big_power(base: Any, exponent: Any) -> bool:
    if not isinstance(base, int | float) or not isinstance(exponent, int | float):
        return False
    return abs(base) > 1 and exponent > 1000


def _repetition(left: Any, right: Any) -> int:
    for seq, count in ((left, right), (right, left)):
        if isinstance(seq, str | list | tuple) and isinstance(count, int):
            return len(seq) * count
    return 0


def _render_limited(template: jinja2.Template, context: dict[str, Any]) -> str:
    """Render with a time limit that works the same on every system (no signals, which
    Windows lacks): a trace function on the template's own frames looks at the clock at
    every line the template runs, so a loop that outputs nothing is stopped too; the
    output's size is checked as it is produced."""
    deadline = time.monotonic() + TEMPLATE_SECONDS
    code_file = template.root_render_func.__code__.co_filename

    def on_line(frame: FrameType, event: str, arg: Any) -> TraceFunction:
        if time.monotonic() > deadline:
            raise TemplateLimit(
                _("it ran longer than {seconds} seconds").format(
                    seconds=format_number(TEMPLATE_SECONDS, None)
                )
            )
        return on_line

    def on_call(frame: FrameType, event: str, arg: Any) -> TraceFunction | None:
        return on_line if frame.f_code.co_filename == code_file else None

    parts, size = [], 0
    previous = sys.gettrace()
    sys.settrace(on_call)
    try:
        for part in template.generate(**context):
            size += len(part)
            if size > TEMPLATE_MAX_CHARS:
                raise TemplateLimit(
                    _("its output is larger than {limit} characters").format(
                        limit=format_number(TEMPLATE_MAX_CHARS, 0)
                    )
                )
            parts.append(part)
    finally:
        sys.settrace(previous)
    return "".join(parts)


def render_user_template(path: Path, **context: Any) -> str:
    """A template the user supplied runs in jinja2's immutable sandbox: it can read the
    context it is given and nothing else, within the limits above."""
    import jinja2

    try:
        source = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError.single(
            path, _("cannot read template: {reason}").format(reason=exc.strerror)
        ) from None
    except UnicodeDecodeError:
        raise InputError.single(path, _("cannot read template: not UTF-8 text")) from None
    env = _configure(
        _limited_sandbox()(
            autoescape=Path(path).suffix.lstrip(".") in AUTOESCAPE_EXTENSIONS
            or path.name.endswith(".html.j2"),
            undefined=jinja2.StrictUndefined,
        )
    )
    env.filters = {name: _limited_filter(f) for name, f in env.filters.items()}
    try:
        return _render_limited(env.from_string(source), context)
    except jinja2.TemplateSyntaxError as exc:
        raise InputError.single(
            path, _("template error: {reason}").format(reason=exc.message), exc.lineno
        ) from None
    except jinja2.exceptions.SecurityError as exc:
        raise InputError.single(
            path, _("template not allowed: {reason}").format(reason=exc)
        ) from None
    except TemplateLimit as exc:
        raise InputError.single(path, _("template stopped: {reason}").format(reason=exc)) from None
    except OverflowError as exc:  # jinja2's own limit of range()
        raise InputError.single(path, _("template stopped: {reason}").format(reason=exc)) from None
    except jinja2.UndefinedError as exc:
        raise InputError.single(
            path, _("template error: {reason}").format(reason=exc.message)
        ) from None
    except (TypeError, ValueError, ArithmeticError, LookupError) as exc:
        raise InputError.single(
            path, _("template error: {reason}").format(reason=f"{type(exc).__name__}: {exc}")
        ) from None
