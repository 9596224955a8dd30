"""The explorer's languages: which there are, texts of a pack in each, dates and numbers.

A pack's own texts are in English; a text may carry translations in fields named
after it with the language's code (``title_ja``, ``summary_ru``, ``note_ja``…).
:func:`localized` picks the reader's language and falls back to English, saying
so, so a page can mark what is not translated. Dates and numbers are written in
each language's own form by Babel (CLDR data), never by hand-made patterns.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import io
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from babel.dates import format_skeleton, get_month_names
from babel.numbers import format_decimal

DEFAULT_LANGUAGE = "en"
# code -> the language's name in itself (what the language picker shows)
LANGUAGES: dict[str, str] = {"en": "English", "ja": "日本語", "ru": "Русский"}
# code -> the CLDR locale whose conventions it follows (British English: "28 August 1945")
LOCALES: dict[str, str] = {"en": "en_GB", "ja": "ja", "ru": "ru"}
TRANSLATED = tuple(code for code in LANGUAGES if code != DEFAULT_LANGUAGE)
# The Babel skeleton of a date at each precision: day, month and year as CLDR writes them.
SKELETONS = {"day": "yMMMMd", "month": "yMMMM", "year": "y"}


def N_(message: str) -> str:  # noqa: N802 (gettext's own name for it)
    """Mark a text for the catalogue where it is defined; it is translated where it is shown."""
    return message


@functools.cache
def texts(language: str) -> gettext.NullTranslations:
    """The interface's words in a language: the compiled catalogue ``geo/locales``.

    English, the language the code is written in, needs no catalogue; an unknown
    code reads as English too (links are checked before they reach here).

    Parameters
    ----------
    language : str
        A code of :data:`LANGUAGES`.

    Returns
    -------
    gettext.NullTranslations
        ``gettext``, ``ngettext`` (the language's plural rules) and ``pgettext``.

    Examples
    --------
    >>> texts("ru").ngettext("{count} island group", "{count} island groups", 5).format(count=5)
    '5 групп островов'
    >>> texts("en").gettext("Help")
    'Help'
    """
    if language not in TRANSLATED:
        return gettext.NullTranslations()
    # imported here: geo.io reports its problems in words of this module (geo.errors)
    from geo.io import read_catalogue

    return gettext.GNUTranslations(io.BytesIO(read_catalogue(language)))


@dataclass(frozen=True)
class Localized:
    """A text in the reader's language, or in English when it has no translation."""

    text: str
    language: str
    translated: bool


def field_in(field: str, language: str) -> str:
    """The name of a field's translation: ``title`` in ``ja`` is ``title_ja``."""
    return field if language == DEFAULT_LANGUAGE else f"{field}_{language}"


def localized(record: Mapping[str, Any], field: str, language: str) -> Localized:
    """A record's text in a language, falling back to its English.

    Parameters
    ----------
    record : mapping
        A row of a table (or a manifest, a tour step) with ``field`` and,
        optionally, ``field_<language>``.
    field : str
    language : str
        A code of :data:`LANGUAGES`.

    Returns
    -------
    Localized
        ``translated`` is false when English stands in for a missing translation.

    Examples
    --------
    >>> localized({"title": "Treaty", "title_ja": "条約"}, "title", "ja").text
    '条約'
    >>> localized({"title": "Treaty"}, "title", "ru")
    Localized(text='Treaty', language='en', translated=False)
    """
    english = _text(record.get(field))
    if language == DEFAULT_LANGUAGE:
        return Localized(english, DEFAULT_LANGUAGE, True)
    own = _text(record.get(field_in(field, language)))
    if own:
        return Localized(own, language, True)
    return Localized(english, DEFAULT_LANGUAGE, False)


def _text(value: object) -> str:
    """A cell as text: missing, ``None`` and NaN are empty."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def format_date(day: dt.date, precision: str, language: str) -> str:
    """A date in words at its precision, as the language writes it (CLDR, via Babel).

    Examples
    --------
    >>> format_date(dt.date(1945, 8, 28), "day", "ja")
    '1945年8月28日'
    >>> format_date(dt.date(1945, 8, 28), "day", "ru")
    '28 августа 1945\u202fг.'
    >>> format_date(dt.date(1945, 8, 1), "month", "ru")
    'август 1945\u202fг.'
    >>> format_date(dt.date(1644, 1, 1), "year", "en")
    '1644'
    """
    words = date_words(language)
    known = precision if precision in SKELETONS else "day"
    months = words.months[known]
    return words.patterns[known].format(
        day=day.day, month=months[day.month - 1] if months else "", year=day.year
    )


def _babel_date(day: dt.date, precision: str, language: str) -> str:
    """Babel's own date at a precision (what :func:`date_words` takes apart)."""
    return format_skeleton(SKELETONS[precision], day, locale=LOCALES.get(language, language))


def format_number(value: float, language: str, digits: int = 1) -> str:
    """A number with the language's separators, to ``digits`` decimals at most.

    Examples
    --------
    >>> format_number(3182.9, "ru")
    '3\\xa0182,9'
    >>> format_number(3182.9, "ja")
    '3,182.9'
    """
    return format_decimal(round(value, digits), locale=LOCALES.get(language, language))


@dataclass(frozen=True)
class DateWords:
    """How a language writes dates, for code that formats many (the map in the browser).

    ``patterns`` hold ``{day}``, ``{month}`` and ``{year}``; ``months`` are the
    month names (or numbers) as they stand in each pattern.
    """

    patterns: dict[str, str]
    months: dict[str, tuple[str, ...]]


@functools.cache
def date_words(language: str) -> DateWords:
    """A language's date patterns and month names, derived from Babel's own formatting.

    Each pattern is Babel's date for a sample day with the day, month and year put
    back as placeholders: :func:`format_date` and the map in the browser fill them,
    and write exactly what Babel writes (a test compares them on every day of a year).
    """
    sample = dt.date(2003, 11, 27)  # day, month and year that cannot be confused
    patterns: dict[str, str] = {}
    months: dict[str, tuple[str, ...]] = {}
    for precision in SKELETONS:
        written = _babel_date(sample, precision, language)
        month_names = _month_names_in(written, language)
        if month_names is not None:
            months[precision] = tuple(month_names[n] for n in range(1, 13))
            written = written.replace(month_names[11], "{month}", 1)
        else:
            months[precision] = ()
        written = written.replace("2003", "{year}", 1)
        if precision == "day":
            written = written.replace("27", "{day}", 1)
        patterns[precision] = written
    return DateWords(patterns, months)


# Babel's month-name forms, in the order tried: November's name in a date says which one
_MONTH_FORMS: tuple[
    tuple[Literal["format", "stand-alone"], Literal["wide", "abbreviated"]], ...
] = (
    ("format", "wide"),
    ("format", "abbreviated"),
    ("stand-alone", "wide"),
    ("stand-alone", "abbreviated"),
)


def _month_names_in(written: str, language: str) -> Mapping[int, str] | None:
    """The month names (by number) a written sample date uses, found by November's."""
    for context, width in _MONTH_FORMS:
        names = get_month_names(width, context=context, locale=LOCALES[language])
        if names[11] in written:
            return names
    return None
