"""The one view state that drives every renderer, and its URL form.

The app builds a :class:`View` from widgets and query parameters, the command
line from flags; the folium map and the static export both take it, so an
export always shows what the interactive map shows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from geo.basemaps import BASEMAPS, OFFLINE
from geo.model import Dispute
from geo.timeline import year_range

SIZE_PRESETS: dict[str, tuple[float, float]] = {
    # name: (width, height) in inches at 100 dpi per 1 inch => pixels = inches * dpi
    "slide": (16.0, 9.0),
    "a4-landscape": (11.69, 8.27),
    "a4-portrait": (8.27, 11.69),
    "square": (10.0, 10.0),
}
_LIST_SEPARATOR = ","
_TOKEN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
MAX_TEXT = 200  # characters of an editor's title, subtitle or note


@dataclass(frozen=True)
class View:
    """What the map shows.

    Attributes
    ----------
    year : int
        The map shows the state at the end of this year.
    worldview : str
        Naming and captions (a key of the pack's ``worldviews``).
    basemap : str
        ``"offline"`` or a key of :data:`geo.basemaps.BASEMAPS`.
    event_start, event_end : int
        Years bounding the events listed and (faded) marked.
    categories, groups : tuple of str
        Event filters; empty means all.
    selected_event : str
        Id of the highlighted event, or ``""``.
    show_earlier : bool
        Also mark (faded) the events before ``year`` within the event range.
    show_events : bool
        Draw event markers and the event key at all.
    size : str
        Export size preset (a key of :data:`SIZE_PRESETS`).
    day : str
        A day inside ``year`` (ISO ``YYYY-MM-DD``) when the map shows that day
        rather than the end of the year; ``""`` otherwise.
    title, subtitle, note : str
        Texts an editor wrote for the export; ``""`` means the default title
        and subtitle, and no note.
    callouts : tuple of str
        Ids of the year's events that get a numbered callout and a key entry;
        empty means all of them.
    zoom : int or None
        Zoom of the interactive map when the reader moved it; ``None`` means the
        pack's default view.
    center : (float, float) or None
        Centre of the interactive map (latitude, longitude) with :attr:`zoom`.
    extent : (float, float, float, float) or None
        ``(west, south, east, north)`` in degrees: the exports show exactly
        this window (the interactive map's extent as on screen); ``None``
        means the pack's default extent (the islands and the numbered events).
    """

    year: int
    worldview: str = "neutral"
    basemap: str = OFFLINE
    event_start: int = 1600
    event_end: int = 2100
    categories: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    selected_event: str = ""
    show_earlier: bool = True
    show_events: bool = True
    size: str = "slide"
    day: str = ""
    title: str = ""
    subtitle: str = ""
    note: str = ""
    callouts: tuple[str, ...] = ()
    zoom: int | None = None
    center: tuple[float, float] | None = None
    extent: tuple[float, float, float, float] | None = None

    def replace(self, **changes: object) -> View:
        """A copy with some fields changed."""
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    @property
    def date(self) -> dt.date:
        """The day the map shows: :attr:`day` if set, else the end of :attr:`year`."""
        if self.day:
            return dt.date.fromisoformat(self.day)
        return dt.date(self.year, 12, 31)

    def at(self, when: dt.date | int) -> View:
        """The same view at a year's end (an ``int``) or on a day (a ``date``)."""
        if isinstance(when, dt.date):
            day = "" if (when.month, when.day) == (12, 31) else when.isoformat()
            return self.replace(year=when.year, day=day)
        return self.replace(year=int(when), day="")


def default_view(dispute: Dispute, basemap: str = OFFLINE, today: dt.date | None = None) -> View:
    """The pack's default view, with the event range spanning the whole table."""
    first, last = year_range(dispute, today)
    spec = dispute.manifest.default_view
    worldviews = dispute.manifest.worldviews
    worldview = str(spec.get("worldview", next(iter(worldviews))))
    year = spec.get("year", last)
    return View(
        year=min(max(int(year) if isinstance(year, int) else last, first), last),
        worldview=worldview if worldview in worldviews else next(iter(worldviews)),
        basemap=basemap if basemap in BASEMAPS else OFFLINE,
        event_start=first,
        event_end=last,
    )


def to_query_params(view: View, default: View) -> dict[str, str]:
    """The URL query parameters that differ from ``default``.

    Examples
    --------
    >>> to_query_params(View(year=1950), View(year=2025))
    {'year': '1950'}
    """
    values = to_query_params_all(view)
    defaults = to_query_params_all(default)
    return {k: v for k, v in values.items() if v != defaults[k]}


def to_query_params_all(view: View) -> dict[str, str]:
    """Every query parameter of a view (used to diff against the default)."""
    return {
        "year": str(view.year),
        "wv": view.worldview,
        "base": view.basemap,
        "from": str(view.event_start),
        "to": str(view.event_end),
        "cat": _LIST_SEPARATOR.join(view.categories),
        "grp": _LIST_SEPARATOR.join(view.groups),
        "ev": view.selected_event,
        "earlier": "1" if view.show_earlier else "0",
        "events": "1" if view.show_events else "0",
        "size": view.size,
        "date": view.day,
        "title": view.title,
        "sub": view.subtitle,
        "note": view.note,
        "call": _LIST_SEPARATOR.join(view.callouts),
        "z": "" if view.zoom is None else str(view.zoom),
        "at": "" if view.center is None else f"{view.center[0]:.4f},{view.center[1]:.4f}",
        "box": "" if view.extent is None else format_extent(view.extent),
    }


def from_query_params(
    params: Mapping[str, str | list[str]],
    dispute: Dispute,
    default: View,
) -> tuple[View, list[str]]:
    """Read a view from URL query parameters; bad values fall back to the default.

    Parameters
    ----------
    params : mapping
        Query parameters (a value may be a list; its last item counts).
    dispute : Dispute
        Gives the valid years, worldviews, categories, groups and events.
    default : View
        What a missing or bad parameter falls back to.

    Returns
    -------
    (View, list of str)
        The view, and one notice per parameter that was ignored.
    """
    notices: list[str] = []
    first, last = default.event_start, default.event_end

    def text(key: str) -> str | None:
        value = params.get(key)
        if isinstance(value, list):
            value = value[-1] if value else None
        return None if value is None else str(value)[:200]

    def year(key: str, fallback: int) -> int:
        raw = text(key)
        if raw is None:
            return fallback
        if re.fullmatch(r"\d{1,4}", raw.strip()) and first <= int(raw) <= last:
            return int(raw)
        notices.append(f"Ignored {key}={raw!r}: expected a year from {first} to {last}.")
        return fallback

    def choice(key: str, allowed: Mapping[str, object] | set[str], fallback: str) -> str:
        raw = text(key)
        if raw is None:
            return fallback
        if raw in allowed:
            return raw
        notices.append(f"Ignored {key}={raw!r}: not one of {', '.join(sorted(allowed))}.")
        return fallback

    def tokens(key: str, allowed: set[str]) -> tuple[str, ...]:
        raw = text(key)
        if raw is None or raw == "":
            return ()
        items = [t for t in raw.split(_LIST_SEPARATOR) if t]
        bad = [t for t in items if not _TOKEN.match(t) or t not in allowed]
        if bad:
            notices.append(f"Ignored unknown {key} value(s): {', '.join(repr(b) for b in bad)}.")
        return tuple(dict.fromkeys(t for t in items if t not in bad))

    def free_text(key: str) -> str:
        raw = text(key)
        if raw is None:
            return ""
        cleaned = clean_text(raw)
        if cleaned != raw.strip():
            notices.append(f"Removed control characters from {key}.")
        return cleaned

    def flag(key: str, fallback: bool) -> bool:
        raw = text(key)
        if raw is None:
            return fallback
        if raw in ("0", "1"):
            return raw == "1"
        notices.append(f"Ignored {key}={raw!r}: expected 0 or 1.")
        return fallback

    event_start = year("from", default.event_start)
    event_end = year("to", default.event_end)
    if event_start > event_end:
        notices.append("Ignored from/to: the range was reversed.")
        event_start, event_end = default.event_start, default.event_end
    view = View(
        year=year("year", default.year),
        worldview=choice("wv", dispute.manifest.worldviews, default.worldview),
        basemap=choice("base", BASEMAPS, default.basemap),
        event_start=event_start,
        event_end=event_end,
        categories=tokens("cat", set(dispute.events["category"])),
        groups=tokens("grp", set(dispute.group_ids)),
        selected_event=choice("ev", set(dispute.events["id"]) | {""}, default.selected_event),
        show_earlier=flag("earlier", default.show_earlier),
        show_events=flag("events", default.show_events),
        size=choice("size", SIZE_PRESETS, default.size),
        title=free_text("title"),
        subtitle=free_text("sub"),
        note=free_text("note"),
        callouts=tokens("call", set(dispute.events["id"])),
    )
    zoom, center = _map_view(text("z"), text("at"), notices)
    if zoom is not None and center is not None:
        view = view.replace(zoom=zoom, center=center)
    raw_box = text("box")
    if raw_box:
        try:
            view = view.replace(extent=parse_extent(raw_box))
        except ValueError as err:
            notices.append(f"Ignored box={raw_box!r}: {err}.")
    raw_day = text("date")
    if raw_day:
        try:
            day = dt.date.fromisoformat(raw_day.strip()) if len(raw_day.strip()) == 10 else None
        except ValueError:
            day = None
        if day is None or not first <= day.year <= last:
            notices.append(
                f"Ignored date={raw_day!r}: expected a day YYYY-MM-DD from {first} to {last}."
            )
        else:
            view = view.at(day)
    return view, notices


def clean_text(raw: str, limit: int = MAX_TEXT) -> str:
    """An editor's text made safe to draw: control characters dropped, length capped.

    Examples
    --------
    >>> clean_text("  Islands\\x00 in 1956 ")
    'Islands in 1956'
    """
    return _CONTROL.sub("", raw).strip()[:limit]


MIN_ZOOM, MAX_ZOOM = 4, 18  # the interactive map's range of zooms


def _map_view(
    raw_zoom: str | None, raw_at: str | None, notices: list[str]
) -> tuple[int | None, tuple[float, float] | None]:
    """The map's zoom and centre from ``z`` and ``at``; both or neither (with a notice)."""
    if raw_zoom is None and raw_at is None:
        return None, None
    zoom: int | None = None
    center: tuple[float, float] | None = None
    if raw_zoom is not None and re.fullmatch(r"\d{1,2}", raw_zoom.strip()):
        zoom = int(raw_zoom)
    parts = (raw_at or "").split(_LIST_SEPARATOR)
    if len(parts) == 2 and all(re.fullmatch(r"-?\d{1,3}(\.\d{1,8})?", p.strip()) for p in parts):
        lat, lon = float(parts[0]), float(parts[1])
        if -85 <= lat <= 85 and -180 <= lon <= 180:
            center = (lat, lon)
    if zoom is None or not MIN_ZOOM <= zoom <= MAX_ZOOM or center is None:
        notices.append(
            f"Ignored z={raw_zoom!r} and at={raw_at!r}: expected a zoom from {MIN_ZOOM} to "
            f"{MAX_ZOOM} and a centre 'latitude,longitude'."
        )
        return None, None
    return zoom, center


def parse_extent(raw: str) -> tuple[float, float, float, float]:
    """A window ``"west,south,east,north"`` in degrees; ``ValueError`` says what is wrong.

    Examples
    --------
    >>> parse_extent("145.2,43.3,146.1,44.0")
    (145.2, 43.3, 146.1, 44.0)
    """
    parts = raw.split(_LIST_SEPARATOR)
    number = r"\s*-?\d{1,3}(\.\d{1,8})?\s*"
    if len(parts) != 4 or not all(re.fullmatch(number, p) for p in parts):
        raise ValueError("expected four numbers 'west,south,east,north' in degrees")
    west, south, east, north = (float(p) for p in parts)
    if not (-180 <= west < east <= 180):
        raise ValueError("expected west < east, both from -180 to 180")
    if not (-85 <= south < north <= 85):
        raise ValueError("expected south < north, both from -85 to 85")
    return west, south, east, north


def format_extent(extent: tuple[float, float, float, float]) -> str:
    """The URL and command-line form of a window, to about 10 m.

    Examples
    --------
    >>> format_extent((145.2, 43.3, 146.123456, 44.0))
    '145.2000,43.3000,146.1235,44.0000'
    """
    return ",".join(f"{value:.4f}" for value in extent)


def with_map_view(view: View, lat: float, lon: float, zoom: int) -> View:
    """The view with the interactive map's centre (rounded to about 10 m) and zoom.

    Examples
    --------
    >>> with_map_view(View(year=1956), 43.912345, 145.5, 9).center
    (43.9123, 145.5)
    """
    return view.replace(
        zoom=min(MAX_ZOOM, max(MIN_ZOOM, int(zoom))), center=(round(lat, 4), round(lon, 4))
    )
