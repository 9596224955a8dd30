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

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# How a date is said at each precision, and a year's end: the static renderer, the pages
# and the map in the browser (which receives them in its scene) all say it this way.
PATTERNS = {
    "day": "{day} {month} {year}",
    "month": "{month} {year}",
    "year": "{year}",
}
YEAR_END = "end of {year}"


def format_event_date(date: dt.date, precision: str = "day") -> str:
    """A date in words, to the precision it is known.

    Parameters
    ----------
    date : datetime.date
    precision : str
        ``day``, ``month`` or ``year``; anything else is treated as ``day``.

    Returns
    -------
    str
        ``"1644"``, ``"August 1711"`` or ``"28 August 1945"``.

    Examples
    --------
    >>> format_event_date(dt.date(1644, 1, 1), "year")
    '1644'
    >>> format_event_date(dt.date(1711, 8, 1), "month")
    'August 1711'
    >>> format_event_date(dt.date(1945, 8, 28))
    '28 August 1945'
    """
    pattern = PATTERNS.get(precision, PATTERNS["day"])
    return pattern.format(day=date.day, month=MONTHS[date.month - 1], year=date.year)


def event_dates(events: pd.DataFrame) -> pd.Series:
    """The formatted date of each row of an events table (``date``, ``date_precision``)."""
    precisions = events["date_precision"] if "date_precision" in events else ["day"] * len(events)
    return pd.Series(
        [format_event_date(d, str(p)) for d, p in zip(events["date"], precisions, strict=True)],
        index=events.index,
        dtype=object,
    )
