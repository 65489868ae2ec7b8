"""The language of a run: interface texts from gettext catalogs, numbers and dates per locale.

One language per run, held here and nowhere else. The command line and the command pick it
once, at the command's edge (`--lang`, else the answers' or the questionnaire's language,
else the environment's locale) with `set_language`; every message, content text (`pick`),
number and date of the run then comes out in that language without passing `lang` around
(docs/architecture.md, "The language of a run").

Conventions (docs/translating.md):
- Message ids are the English texts; the German catalog is
  `locale/de/LC_MESSAGES/netzkompetenz.po` (compiled to `.mo` next to it, committed).
- Always a string literal as the first argument of `_`, `ngettext`, `pgettext`, `N_`:
  never build a message id at run time (the extraction check fails on it).
- Placeholders are named, `{count}`, and filled after translation with str.format:
  `_("Your answers ({count}) are saved.").format(count=n)`.
- Plurals with `ngettext(singular, plural, n)`; the number is still passed to format.
- `N_` marks a text for extraction without translating it (for code that must not import
  this module, such as the core; the text is translated where it is shown).

Importing this module costs only the standard library; Babel is imported when a number or a
date is formatted.
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

DOMAIN = "netzkompetenz"
LOCALE_DIR = Path(__file__).with_name("locale")
LANGUAGES = ("de", "en")
DEFAULT_LANGUAGE = "de"
# One date format per language (Babel/CLDR patterns).
DATE_PATTERNS = {"de": "dd.MM.yyyy", "en": "d MMM yyyy"}
TIME_PATTERN = "HH:mm"

_translations: dict[str, _gettext.NullTranslations] = {}
_state = {"lang": DEFAULT_LANGUAGE}


def catalog_file(lang: str) -> Path:
    """The compiled catalog of `lang` (none exists for English: the message ids are)."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"


def _catalog(lang: str) -> _gettext.NullTranslations:
    found = _translations.get(lang)
    if found is None:
        path = catalog_file(lang)
        if lang == "en" or not path.is_file():  # the message ids are English
            found = _gettext.NullTranslations()
        else:
            with open(path, "rb") as fp:
                found = _gettext.GNUTranslations(fp)
        _translations[lang] = found
    return found


def set_language(lang: str | None) -> str:
    """Make `lang` the language of the run (None: keep the current one); returns it."""
    if lang is not None:
        if lang not in LANGUAGES:
            raise ValueError(f"unsupported language {lang!r}")
        _state["lang"] = lang
    return _state["lang"]


def current_language() -> str:
    return _state["lang"]


@contextmanager
def language(lang: str) -> Iterator[str]:
    """Another language for a block (tests; the commands set the run's with set_language);
    a language without a catalog gets the English texts (and its own content texts)."""
    before = _state["lang"]
    _state["lang"] = lang
    try:
        yield lang
    finally:
        _state["lang"] = before


def language_from_environment(environ: dict[str, str] | None = None) -> str | None:
    """The first supported language of LANGUAGE, LC_ALL, LC_MESSAGES, LANG (gettext's order);
    None when they name none (e.g. C.UTF-8)."""
    env = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if not value:
            continue
        for part in value.split(":"):
            code = part.split(".")[0].split("@")[0].split("_")[0].lower()
            if code in LANGUAGES:
                return code
        if name != "LANGUAGE":  # LANGUAGE only adds preferences; the others decide
            return None
    return None


def choose_language(explicit: str | None, *fallbacks: str | None) -> str:
    """--lang, else the first supported fallback (e.g. the questionnaire's languages), else
    the environment's locale, else German."""
    if explicit:
        return explicit
    for lang in fallbacks:
        if lang in LANGUAGES:
            return lang
    return language_from_environment() or DEFAULT_LANGUAGE


# --- translating -----------------------------------------------------------------------------


def _(message: str) -> str:
    return _catalog(_state["lang"]).gettext(message)


gettext = _


def _count(n: float) -> int:
    """gettext counts in whole numbers; 0.5 days takes the "other" form (German, English)."""
    return n if isinstance(n, int) else int(n) if float(n).is_integer() else 0


def ngettext(singular: str, plural: str, n: float) -> str:
    return _catalog(_state["lang"]).ngettext(singular, plural, _count(n))


def pgettext(context: str, message: str) -> str:
    return _catalog(_state["lang"]).pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: float) -> str:
    return _catalog(_state["lang"]).npgettext(context, singular, plural, _count(n))


def gettext_in(lang: str, message: str) -> str:
    """A message in a given language, whatever the run's: for files that carry every
    language (the XLSForm export) and for the language prompt itself."""
    return _catalog(lang).gettext(message)


def literal_of_a_template(lang: str, message: str) -> str:
    """A `_("...")` literal of a bundled template, translated when the template is compiled
    (views/render.py); the literal is extracted from the template itself."""
    return _catalog(lang).gettext(message)


def N_(message: str) -> str:
    """Mark a message for extraction; translated later, where it is shown."""
    return message


def translate(
    message: str,
    params: dict[str, Any] | None = None,
    plural: str | None = None,
    n: int | None = None,
    context: str | None = None,
) -> str:
    """A message marked with N_ (and its parameters), translated now and filled in.
    For messages made where this module is not imported (errors.Problem)."""
    catalog = _catalog(_state["lang"])
    if plural is not None:
        count = _count(n if n is not None else (params or {}).get("count", 1))
        text = (
            catalog.npgettext(context, message, plural, count)
            if context
            else catalog.ngettext(message, plural, count)
        )
    else:
        text = catalog.pgettext(context, message) if context else catalog.gettext(message)
    return text.format(**params) if params else text


def pick(localized: dict[str, str] | None, lang: str | None = None) -> str:
    """A content text from the YAML files in the language of the run (`lang`: only for a
    file that carries every language, with gettext_in in that same language), falling
    back to German, then to any language."""
    if not localized:
        return ""
    return (
        localized.get(lang or _state["lang"])
        or localized.get(DEFAULT_LANGUAGE)
        or next(iter(localized.values()))
    )


# --- numbers and dates (Babel, imported on first use) ------------------------------------------


def format_number(value: float, digits: int | None = 0) -> str:
    """1234.5 -> "1.234,5" in German, "1,234.5" in English, with `digits` after the point
    (None: as many as needed, up to 3); -0 shown as 0. In the run's language."""
    lang = _state["lang"]
    key = (type(value), value, digits, lang)
    found = _numbers.get(key)
    if found is not None:
        return found
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * digits if digits else ".###" if digits is None else "")
    out = format_decimal(value, format=pattern, locale=lang)
    out = out[1:] if out.startswith("-") and not out.strip("-0.,") else out
    if len(_numbers) >= 100_000:  # bounded: a batch's reports repeat far fewer numbers
        _numbers.clear()
    _numbers[key] = out
    return out


# Babel takes ~0.1 ms a number; a batch of person reports formats the same few thousand
# values again and again. Keyed by type too: True and 1 compare equal but are not alike.
_numbers: dict[tuple[type, float, int | None, str], str] = {}  # type, value, digits, lang


def format_signed(value: float, digits: int = 0) -> str:
    """+25 / −3 / 0: a difference, with its sign."""
    out = format_number(value, digits)
    if out.strip("0.,") == "":
        return out
    return out.replace("-", "−") if out.startswith("-") else "+" + out


def format_percent(value: float, digits: int = 0) -> str:
    """A value in percent (0-100) with the language's percent sign: "73 %" / "73%"."""
    from babel import Locale
    from babel.numbers import format_percent as babel_percent

    pattern = Locale.parse(_state["lang"]).percent_formats[None].pattern
    if digits > 0:
        pattern = pattern.replace("0", "0." + "0" * digits, 1)
    return babel_percent(value / 100, format=pattern, locale=_state["lang"])


def format_date(moment: date | datetime | None) -> str:
    """22.11.2026 in German, 22 Nov 2026 in English; a datetime in local time."""
    if moment is None:
        return ""
    from babel.dates import format_date as babel_date

    if isinstance(moment, datetime):
        moment = (moment.astimezone() if moment.tzinfo else moment).date()
    key = (moment, _state["lang"])
    if key not in _dates:  # a batch dates every person report alike
        _dates[key] = babel_date(moment, DATE_PATTERNS[_state["lang"]], locale=_state["lang"])
    return _dates[key]


_dates: dict[tuple[date, str], str] = {}


def format_datetime(moment: datetime | None) -> str:
    """The date as format_date, then the local time: 22.11.2026 14:30."""
    if moment is None:
        return ""
    from babel.dates import format_time

    local = moment.astimezone() if moment.tzinfo else moment
    return f"{format_date(local)} {format_time(local, TIME_PATTERN, locale=_state['lang'])}"
