"""The one view state that drives every renderer, and its URL form.

The app builds a :class:`View` from widgets and query parameters, the command
line from flags; the folium map and the static export both take it, so an
export always shows what the interactive map shows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from geo.basemaps import BASEMAPS, OFFLINE
from geo.i18n import DEFAULT_LANGUAGE, LANGUAGES, N_, texts
from geo.model import Dispute
from geo.timeline import year_range

SIZE_PRESETS: dict[str, tuple[float, float]] = {
    # name: (width, height) in inches at 100 dpi per 1 inch => pixels = inches * dpi
    "slide": (16.0, 9.0),
    "a4-landscape": (11.69, 8.27),
    "a4-portrait": (8.27, 11.69),
    "square": (10.0, 10.0),
}
# each preset's name for readers (marked for the catalogue; translated where shown)
SIZE_LABELS: dict[str, str] = {
    "slide": N_("Slide"),
    "a4-landscape": N_("A4 landscape"),
    "a4-portrait": N_("A4 portrait"),
    "square": N_("Square"),
}
_LIST_SEPARATOR = ","
_TOKEN = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}", re.ASCII)
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
    lang : str
        The interface's language (a code of :data:`geo.i18n.LANGUAGES`); independent
        of :attr:`worldview`, which names the islands.
    """

    year: int
    worldview: str = "neutral"
    basemap: str = OFFLINE
    event_start: int = 1600
    event_end: int = 2100
    categories: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    selected_event: str = ""
    show_earlier: bool = False
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
    lang: str = DEFAULT_LANGUAGE

    def replace(self, **changes: object) -> View:
        """A copy with some fields changed; a new year drops a day of another year (a
        day always lies in the view's year)."""
        year = changes.get("year")
        if year is not None and "day" not in changes and self.day[:4] != f"{year:04}":
            changes["day"] = ""
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
    """The pack's default view, with the event range spanning the whole table.

    Its day is never in the future: in the current year, the map opens on today
    rather than on the year's end.

    Examples
    --------
    >>> from geo.pack import load_dispute
    >>> default_view(load_dispute(), today=dt.date(2026, 12, 4)).date
    datetime.date(2026, 12, 4)
    """
    today = today or dt.date.today()
    first, last = year_range(dispute, today)
    spec = dispute.manifest.default_view
    worldviews = dispute.manifest.worldviews
    worldview = str(spec.get("worldview", next(iter(worldviews))))
    year = spec.get("year", last)
    view = View(
        year=min(max(int(year) if isinstance(year, int) else last, first), last),
        worldview=worldview if worldview in worldviews else next(iter(worldviews)),
        basemap=basemap if basemap in BASEMAPS else OFFLINE,
        event_start=first,
        event_end=last,
    )
    return view.at(today) if view.date > today else view


@dataclass(frozen=True)
class _Reading:
    """What a field's parser knows: the pack, the default view, where notices go, and the
    language they are written in (the link's own)."""

    dispute: Dispute
    default: View
    notices: list[str]
    language: str = DEFAULT_LANGUAGE

    def say(self, message: str, **values: object) -> str:
        """A notice in the reading's language (``message`` is a catalogue's msgid)."""
        return texts(self.language).gettext(message).format(**values)

    @property
    def first(self) -> int:
        return self.default.event_start

    @property
    def last(self) -> int:
        return self.default.event_end


def _year(key: str, raw: str, reading: _Reading) -> int:
    """A year in the pack's range."""
    if re.fullmatch(r"\d{1,4}", raw.strip()) and reading.first <= int(raw) <= reading.last:
        return int(raw)
    raise ValueError(
        reading.say(
            N_("Ignored {key}={value}: expected a year from {first} to {last}."),
            key=key,
            value=repr(raw),
            first=reading.first,
            last=reading.last,
        )
    )


def _choice(allowed: Callable[[_Reading], Mapping[str, object] | set[str]]) -> _Parse:
    """A value among those the pack (or the app) offers."""

    def parse(key: str, raw: str, reading: _Reading) -> str:
        options = allowed(reading)
        if raw in options:
            return raw
        raise ValueError(
            reading.say(
                N_("Ignored {key}={value}: not one of {options}."),
                key=key,
                value=repr(raw),
                options=", ".join(sorted(options)),
            )
        )

    return parse


def _tokens(allowed: Callable[[_Reading], set[str]]) -> _Parse:
    """A list of known ids; the unknown ones are named and left out."""

    def parse(key: str, raw: str, reading: _Reading) -> tuple[str, ...]:
        if raw == "":
            return ()
        known = allowed(reading)
        items = [t for t in raw.split(_LIST_SEPARATOR) if t]
        bad = [t for t in items if not _TOKEN.fullmatch(t) or t not in known]
        if bad:
            reading.notices.append(
                reading.say(
                    N_("Ignored unknown {key} value(s): {values}."),
                    key=key,
                    values=", ".join(repr(b) for b in bad),
                )
            )
        return tuple(dict.fromkeys(t for t in items if t not in bad))

    return parse


def _free_text(key: str, raw: str, reading: _Reading) -> str:
    """An editor's text, drawn as it is (control characters dropped, length capped)."""
    cleaned = clean_text(raw)
    if cleaned != raw.strip():
        reading.notices.append(reading.say(N_("Removed control characters from {key}."), key=key))
    return cleaned


def _flag(key: str, raw: str, reading: _Reading) -> bool:
    """0 or 1."""
    if raw in ("0", "1"):
        return raw == "1"
    raise ValueError(
        reading.say(N_("Ignored {key}={value}: expected 0 or 1."), key=key, value=repr(raw))
    )


_Parse = Callable[[str, str, _Reading], Any]


def _joined(values: tuple[str, ...]) -> str:
    return _LIST_SEPARATOR.join(values)


@dataclass(frozen=True)
class ViewField:
    """One field of :class:`View`: its name in the link, how it is read from it and
    written to it, and what it is part of.

    Attributes
    ----------
    name : str
        The attribute of :class:`View`.
    key : str
        Its query parameter in the link.
    write : callable
        The value as the link writes it (``""``: not in the link).
    read : callable or None
        ``read(key, raw, reading)``: the value a link's text gives, or ``ValueError``
        with the notice to show; ``None`` for fields read with another (below).
    scene : bool
        Part of what a scene depends on (:func:`scene_key`): a change builds a new map.
    one_map : bool
        Belongs to one map, not to a comparison of two (:func:`geo.compareview.side_view`).
    coerce : callable
        The value as the view holds it, from a widget's (a list as a tuple, and so on).
    """

    name: str
    key: str
    write: Callable[[Any], str]
    read: _Parse | None
    scene: bool = False
    one_map: bool = False
    coerce: Callable[[Any], Any] = lambda value: value


FIELDS: tuple[ViewField, ...] = (
    ViewField("year", "year", str, _year, coerce=int),
    ViewField("worldview", "wv", str, _choice(lambda r: r.dispute.manifest.worldviews), True),
    ViewField("basemap", "base", str, _choice(lambda r: BASEMAPS)),
    ViewField("lang", "lang", str, _choice(lambda r: LANGUAGES), True),
    ViewField("event_start", "from", str, _year, True),
    ViewField("event_end", "to", str, _year, True),
    ViewField(
        "categories",
        "cat",
        _joined,
        _tokens(lambda r: set(r.dispute.events["category"])),
        True,
        coerce=tuple,
    ),
    ViewField(
        "groups", "grp", _joined, _tokens(lambda r: set(r.dispute.group_ids)), True, coerce=tuple
    ),
    ViewField(
        "selected_event",
        "ev",
        str,
        _choice(lambda r: set(r.dispute.events["id"]) | {""}),
        one_map=True,
        coerce=lambda value: value or "",
    ),
    ViewField("show_earlier", "earlier", lambda v: "1" if v else "0", _flag, True, coerce=bool),
    ViewField("show_events", "events", lambda v: "1" if v else "0", _flag, True, coerce=bool),
    ViewField("size", "size", str, _choice(lambda r: SIZE_PRESETS)),
    ViewField("day", "date", str, None),  # read with the year (a day sets both)
    ViewField("title", "title", str, _free_text, one_map=True),
    ViewField("subtitle", "sub", str, _free_text, one_map=True),
    ViewField("note", "note", str, _free_text, one_map=True),
    ViewField(
        "callouts", "call", _joined, _tokens(lambda r: set(r.dispute.events["id"])), one_map=True
    ),
    ViewField("zoom", "z", lambda v: "" if v is None else str(v), None),  # read with "at"
    ViewField("center", "at", lambda v: "" if v is None else f"{v[0]:.4f},{v[1]:.4f}", None),
    ViewField("extent", "box", lambda v: "" if v is None else format_extent(v), None),
)
FIELD_BY_NAME = {field.name: field for field in FIELDS}


def scene_key(view: View) -> str:
    """What a scene depends on: the view's fields marked ``scene`` (not the year, the day,
    the highlighted event, the background or the size)."""
    return repr(tuple(getattr(view, field.name) for field in FIELDS if field.scene))


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
    return {field.key: field.write(getattr(view, field.name)) for field in FIELDS}


def from_query_params(
    params: Mapping[str, str | list[str]],
    dispute: Dispute,
    default: View,
) -> tuple[View, list[str]]:
    """Read a view from URL query parameters; bad values fall back to the default.

    Each field is read as :data:`FIELDS` says; a few read together: the event
    range must not be reversed, a zoom comes with a centre, and a day sets the
    year it falls in.

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
        The view, and one notice per parameter that was ignored, in the link's
        language (``lang``, read first), else the default's.
    """

    def text(key: str) -> str | None:
        value = params.get(key)
        if isinstance(value, list):
            value = value[-1] if value else None
        return None if value is None else str(value)[:200]

    asked = text(FIELD_BY_NAME["lang"].key)
    language = asked if asked in LANGUAGES else default.lang
    reading = _Reading(dispute, default, [], language)
    notices = reading.notices

    values: dict[str, Any] = {}
    for field in FIELDS:
        raw = text(field.key)
        if field.read is None or raw is None:
            continue
        try:
            values[field.name] = field.read(field.key, raw, reading)
        except ValueError as err:
            notices.append(str(err))
    start = values.get("event_start", default.event_start)
    end = values.get("event_end", default.event_end)
    if start > end:
        notices.append(reading.say(N_("Ignored from/to: the range was reversed.")))
        values.pop("event_start", None)
        values.pop("event_end", None)
    view = View(
        year=values.get("year", default.year),
        # the default's day (today, in the current year) holds while the year is its own
        day=default.day if values.get("year", default.year) == default.year else "",
        worldview=values.get("worldview", default.worldview),
        basemap=values.get("basemap", default.basemap),
        event_start=values.get("event_start", default.event_start),
        event_end=values.get("event_end", default.event_end),
        categories=values.get("categories", ()),
        groups=values.get("groups", ()),
        selected_event=values.get("selected_event", default.selected_event),
        show_earlier=values.get("show_earlier", default.show_earlier),
        show_events=values.get("show_events", default.show_events),
        size=values.get("size", default.size),
        title=values.get("title", ""),
        subtitle=values.get("subtitle", ""),
        note=values.get("note", ""),
        callouts=values.get("callouts", ()),
        lang=values.get("lang", default.lang),
    )
    zoom, center = _map_view(text("z"), text("at"), reading)
    if zoom is not None and center is not None:
        view = view.replace(zoom=zoom, center=center)
    raw_box = text("box")
    if raw_box:
        try:
            view = view.replace(extent=parse_extent(raw_box, language))
        except ValueError as err:
            notices.append(
                reading.say(N_("Ignored box={value}: {reason}."), value=repr(raw_box), reason=err)
            )
    raw_day = text("date")
    if raw_day:
        first, last = reading.first, reading.last
        try:
            day = dt.date.fromisoformat(raw_day.strip()) if len(raw_day.strip()) == 10 else None
        except ValueError:
            day = None
        if day is None or not first <= day.year <= last:
            notices.append(
                reading.say(
                    N_("Ignored date={value}: expected a day YYYY-MM-DD from {first} to {last}."),
                    value=repr(raw_day),
                    first=first,
                    last=last,
                )
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
    raw_zoom: str | None, raw_at: str | None, reading: _Reading
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
        reading.notices.append(
            reading.say(
                N_(
                    "Ignored z={zoom} and at={at}: expected a zoom from {min} to {max} "
                    "and a centre 'latitude,longitude'."
                ),
                zoom=repr(raw_zoom),
                at=repr(raw_at),
                min=MIN_ZOOM,
                max=MAX_ZOOM,
            )
        )
        return None, None
    return zoom, center


def parse_extent(raw: str, language: str = DEFAULT_LANGUAGE) -> tuple[float, float, float, float]:
    """A window ``"west,south,east,north"`` in degrees; ``ValueError`` says what is wrong
    (in ``language``).

    Examples
    --------
    >>> parse_extent("145.2,43.3,146.1,44.0")
    (145.2, 43.3, 146.1, 44.0)
    """
    _ = texts(language).gettext
    parts = raw.split(_LIST_SEPARATOR)
    number = r"\s*-?\d{1,3}(\.\d{1,8})?\s*"
    if len(parts) != 4 or not all(re.fullmatch(number, p) for p in parts):
        raise ValueError(_("expected four numbers 'west,south,east,north' in degrees"))
    west, south, east, north = (float(p) for p in parts)
    if not (-180 <= west < east <= 180):
        raise ValueError(_("expected west < east, both from -180 to 180"))
    if not (-85 <= south < north <= 85):
        raise ValueError(_("expected south < north, both from -85 to 85"))
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
