"""Dates as people write them, at the precision they are known to.

The history table stores every date as ISO ``YYYY-MM-DD`` with a
``date_precision`` of ``day``, ``month`` or ``year``; a date known only to the
year is stored as the 1st of January. Everything shown to a reader goes through
:func:`format_event_date`, so "1644-01-01" never appears where only "1644" is
known. Downloads keep the ISO date and the precision column.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from geo.i18n import DEFAULT_LANGUAGE, N_, date_words, format_date, texts

_ENGLISH = date_words(DEFAULT_LANGUAGE)
MONTHS = _ENGLISH.months["day"]
# How a date is said at each precision, and a year's end: the static renderer, the pages
# and the map in the browser (which receives them in its scene) all say it this way. The
# patterns come from CLDR through Babel (geo.i18n), as they do for every language.
PATTERNS = dict(_ENGLISH.patterns)
YEAR_END = N_("end of {year}")  # translated where said: texts(language).gettext(YEAR_END)


def format_event_date(
    date: dt.date, precision: str = "day", language: str = DEFAULT_LANGUAGE
) -> str:
    """A date in words, to the precision it is known.

    Parameters
    ----------
    date : datetime.date
    precision : str
        ``day``, ``month`` or ``year``; anything else is treated as ``day``.
    language : str
        A code of :data:`geo.i18n.LANGUAGES`.

    Returns
    -------
    str
        ``"1644"``, ``"August 1711"`` or ``"28 August 1945"``; ``"1945年8月28日"``.

    Examples
    --------
    >>> format_event_date(dt.date(1644, 1, 1), "year")
    '1644'
    >>> format_event_date(dt.date(1711, 8, 1), "month")
    'August 1711'
    >>> format_event_date(dt.date(1945, 8, 28))
    '28 August 1945'
    >>> format_event_date(dt.date(1945, 8, 28), "day", "ja")
    '1945年8月28日'
    """
    return format_date(date, precision, language)


def year_end(year: int | str, language: str = DEFAULT_LANGUAGE) -> str:
    """ "end of 1950" in a language (``year`` may be a placeholder such as ``"{year}"``).

    Examples
    --------
    >>> year_end(1950)
    'end of 1950'
    """
    return texts(language).gettext(YEAR_END).format(year=year)


def event_dates(events: pd.DataFrame, language: str = DEFAULT_LANGUAGE) -> pd.Series:
    """The formatted date of each row of an events table (``date``, ``date_precision``)."""
    precisions = events["date_precision"] if "date_precision" in events else ["day"] * len(events)
    return pd.Series(
        [
            format_event_date(d, str(p), language)
            for d, p in zip(events["date"], precisions, strict=True)
        ],
        index=events.index,
        dtype=object,
    )
