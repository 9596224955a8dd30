"""What the map in the browser reports back, checked like any other input.

The map's frame reports the day a reader chose, whether it is drawn, and the
window it shows (centre, zoom, bounds). Those values come from a browser and
may be anything JSON can spell (Python's JSON also reads ``Infinity`` and
``NaN``): each is checked here, typed, finite, in range and bounded in size,
before it reaches the view or the link. A report that fails a check counts as
no report.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Any

from geo.view import MAX_ZOOM, MIN_ZOOM

_ID = re.compile(r"[A-Za-z0-9:_.-]{1,64}", re.ASCII)
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_LATITUDE = 85.06  # Web Mercator's edge
_BOUNDS_LATITUDE = 85.0  # as a window in the link ("box") may be


@dataclass(frozen=True)
class MapWindow:
    """The window the map shows: its centre, its zoom, and its bounds."""

    center: tuple[float, float] | None  # (latitude, longitude)
    zoom: int | None
    bounds: tuple[float, float, float, float] | None  # (west, south, east, north)
    moved: bool  # the reader zoomed or panned


@dataclass(frozen=True)
class MapReport:
    """One report of a map's frame (see ``ui/time_map``).

    Attributes
    ----------
    id : str
        Differs for every report, so each is applied once.
    day : datetime.date or None
        The day the reader chose; None when the report carries no day.
    precise : bool
        The reader chose that day (not only its year).
    drawn, ask : bool
        The frame says its map is drawn / asks for the map document.
    window : MapWindow or None
        What the map shows, when reported.
    """

    id: str
    day: dt.date | None
    precise: bool
    drawn: bool
    ask: bool
    window: MapWindow | None


def read_report(answer: Any, first_year: int = 1000, last_year: int = 2100) -> MapReport | None:
    """A map's report, checked, or None when it is not one.

    Parameters
    ----------
    answer : object
        What the component returned.
    first_year, last_year : int
        The years a day may fall in.

    Returns
    -------
    MapReport or None

    Examples
    --------
    >>> read_report({"id": "r1", "date": "1945-09-01", "precise": True}).day
    datetime.date(1945, 9, 1)
    >>> read_report({"id": "r2", "date": "1945-09-01", "view": {"zoom": float("inf")}}).window
    >>> read_report({"id": "x" * 100}) is None
    True
    """
    if not isinstance(answer, dict):
        return None
    report_id = answer.get("id")
    if not isinstance(report_id, str) or not _ID.fullmatch(report_id):
        return None
    return MapReport(
        id=report_id,
        day=_day(answer.get("date"), first_year, last_year),
        precise=answer.get("precise") is True,
        drawn=answer.get("drawn") is True,
        ask=answer.get("ask") is True,
        window=_window(answer.get("view"), answer.get("moved") is True),
    )


def read_day(value: Any, first_year: int = 1000, last_year: int = 2100) -> dt.date | None:
    """A reported day ``YYYY-MM-DD`` within the years, or None."""
    return _day(value, first_year, last_year)


def _day(value: Any, first_year: int, last_year: int) -> dt.date | None:
    """A day ``YYYY-MM-DD`` within the years, or None."""
    if not isinstance(value, str) or not _DAY.fullmatch(value):
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return None
    return day if first_year <= day.year <= last_year else None


def _number(value: Any, low: float, high: float) -> float | None:
    """A finite number within ``[low, high]``, or None (booleans are not numbers)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) and low <= number <= high else None


def _window(value: Any, moved: bool) -> MapWindow | None:
    """The reported window, each part checked; None when no part holds."""
    if not isinstance(value, dict):
        return None
    lat = _number(value.get("lat"), -_LATITUDE, _LATITUDE)
    lng = _number(value.get("lng"), -180.0, 180.0)
    zoom = _number(value.get("zoom"), MIN_ZOOM, MAX_ZOOM)
    center = (lat, lng) if lat is not None and lng is not None else None
    whole_zoom = int(zoom) if zoom is not None and zoom.is_integer() else None
    bounds = _bounds(value.get("bounds"))
    if center is None and whole_zoom is None and bounds is None:
        return None
    return MapWindow(center=center, zoom=whole_zoom, bounds=bounds, moved=moved)


def _bounds(value: Any) -> tuple[float, float, float, float] | None:
    """``[west, south, east, north]`` in degrees, west < east and south < north, or None."""
    if not isinstance(value, list) or len(value) != 4:
        return None
    west, east = (_number(value[i], -180.0, 180.0) for i in (0, 2))
    south, north = (_number(value[i], -_BOUNDS_LATITUDE, _BOUNDS_LATITUDE) for i in (1, 3))
    if west is None or south is None or east is None or north is None:
        return None
    if not (west < east and south < north):
        return None
    return west, south, east, north
