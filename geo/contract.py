"""The contract between Python and the browser: the typed scene, its JSON, its JSON Schema.

The page learns from Python exactly one thing, the :class:`Scene`: every
distinct state of the map for a pack, a naming and a set of filters, and every
fact the page needs to show them (the coordinate scale, the colours, the places
a name may take, the words of a date, the title). The page's plugins
(``geo/js/kuril.*.js``) only look things up in it; no fact of Python's has a
copy in JavaScript.

The scene travels as JSON (:func:`to_json`), with field names as written here;
``geo/schemas/scene.schema.json`` describes it and is made from these classes
(:func:`json_schema`; a test keeps the file in step).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import types
import typing
from dataclasses import dataclass, field
from typing import Any

from geo.theme import LabelPlace

SCENE_VERSION = 2


def _json_name(name: str) -> dict[str, str]:
    """Field metadata: the name a field has in the JSON (Leaflet's own option names)."""
    return {"json": name}


@dataclass(frozen=True, slots=True)
class EncodedGeometry:
    """A (multi)polygon or (multi)line, quantised and delta-encoded (see :mod:`geo.webgeom`).

    ``deltas`` holds, per ring or line, the first point then the differences,
    as integers: degrees times the scene's ``scale``.
    """

    type: str
    deltas: list[Any]


@dataclass(frozen=True, slots=True)
class Island:
    """An island's shape, group and name, and its popup's fixed part (an index into
    ``texts``)."""

    id: str
    group: str
    geometry: EncodedGeometry
    name: str
    info: int
    # one Tab stop per group (its largest island): twenty islets would stand between a
    # keyboard and the time bar
    tab_stop: bool = True


@dataclass(frozen=True, slots=True)
class PathStyle:
    """Leaflet path options, under Leaflet's own names in the JSON."""

    color: str
    weight: float
    opacity: float | None = None
    fill_color: str | None = field(default=None, metadata=_json_name("fillColor"))
    fill_opacity: float | None = field(default=None, metadata=_json_name("fillOpacity"))
    dash_array: str | None = field(default=None, metadata=_json_name("dashArray"))
    class_name: str | None = field(default=None, metadata=_json_name("className"))


@dataclass(frozen=True, slots=True)
class HatchPattern:
    """A fill of stripes: who administers (``base``) and who also claims (``stripe``)."""

    id: str
    base: str
    stripe: str
    opacity: float


@dataclass(frozen=True, slots=True)
class IslandLook:
    """An island in one state: its style (an index into ``styles``) and its texts (indexes
    into ``texts``): the tooltip, the popup's part that follows the date, and the label a
    screen reader announces."""

    style: int
    tooltip: int
    popup: int
    label: int


@dataclass(frozen=True, slots=True)
class LineDrawing:
    """A boundary line as one depiction draws it: a border, or a line of control;
    ``label_places`` are where its label may sit (lat, lon), the middle first."""

    id: str
    geometry: EncodedGeometry
    label_places: list[tuple[float, float]]
    kind: str
    style: PathStyle
    label: str
    popup: str


@dataclass(frozen=True, slots=True)
class State:
    """What the map draws from a day on, apart from the events.

    ``islands`` follows the scene's ``islands``; ``lines`` are indexes into the
    scene's ``lines``; ``key`` is the key's rows (HTML, escaped), ``sources`` the
    links to what the drawing follows and ``caption`` how the chosen side draws it
    (both shown one click further, under "About this map").
    """

    islands: list[IslandLook]
    lines: list[int]
    key: str
    sources: str
    caption: str


@dataclass(frozen=True, slots=True)
class Span:
    """The state in force from a day (``start``, ISO) until the next span's start."""

    start: str
    state: int


@dataclass(frozen=True, slots=True)
class GroupName:
    """A group's name in the naming, and the point it is placed beside (lat, lon)."""

    id: str
    name: str
    at: tuple[float, float]


@dataclass(frozen=True, slots=True)
class EventMarker:
    """An event: its place, its number among its year's events, its title and popup;
    ``everywhere``: it concerns all the islands, so the map lists it along its edge
    rather than at a place."""

    id: str
    lat: float
    lon: float
    number: int
    title: str
    year: int
    popup: int
    everywhere: bool


@dataclass(frozen=True, slots=True)
class YearEvents:
    """Which markers show in each year from ``start_year`` to ``end_year``: the year's own
    events are ``events[own[0]:own[1]]``, the earlier ones ``events[earlier[0]:earlier[1]]``
    (the same as :func:`geo.presentation.events_for_view`)."""

    start_year: int
    end_year: int
    own: tuple[int, int]
    earlier: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Band:
    """A run of years on the time axis with the same administrators, in their colour."""

    start_year: int
    end_year: int
    color: str
    label: str


@dataclass(frozen=True, slots=True)
class DateWords:
    """How a date is said (see :mod:`geo.dates`): the month names and, per precision, a
    pattern with ``{day}``, ``{month}`` and ``{year}``; ``year_end`` says a year's end."""

    months: list[str]
    day: str
    month: str
    year: str
    year_end: str
    # the month names as a date known only to its month says them (Russian: "август",
    # not "августа"); the same as ``months`` in English
    month_alone: list[str]


@dataclass(frozen=True, slots=True)
class Labels:
    """The words of the page's own controls and notices, in the view's language.

    ``lang`` is the language's code (the page's ``lang``); ``words`` the texts by
    name (from the catalogue, :func:`geo.i18n.texts`); ``counts`` the texts that
    hold a ``{count}``, one per plural form of the language; ``plural`` the form of
    each count from 0 to 199 (a larger count takes the form of ``100 + count % 100``:
    the plural rules of the explorer's languages look no further).
    """

    lang: str
    words: dict[str, str]
    counts: dict[str, list[str]]
    plural: list[int]


@dataclass(frozen=True, slots=True)
class Titles:
    """The map's title, as patterns: at a year's end (``{year}``), on a day (``{date}``,
    the day in words) and in a month or year a date is only known to (``{date}``)."""

    at_year_end: str
    on_day: str
    in_period: str


@dataclass(frozen=True, slots=True)
class Scene:
    """Everything the page shows, for every day, for one pack, naming and set of filters.

    Attributes
    ----------
    version : int
        Of this contract.
    first_year, last_year : int
        The years the time control offers.
    scale : int
        Encoded coordinates are degrees times this.
    islands, styles, patterns : lists
        The islands; the distinct path styles and hatch patterns their states use.
    land : list of EncodedGeometry
        The land around them (the pack's context): the background drawn with no
        network, and what a group's name must never lie on.
    states, spans : lists
        The distinct states, and which state holds from which day on (oldest first).
    lines : list of LineDrawing
        Every boundary line in every way a state draws it.
    names : list of GroupName
        The groups' names and their anchors.
    name_places : list of LabelPlace
        Where a name may sit beside its anchor, nearest first (screen pixels, y down).
    name_touch, name_far
        How near its group's coast a name must be (pixels), and how many times further
        out than its places it may sit on a leader line.
    small_group, symbol_radius
        Under how many pixels across a group is also drawn as a round symbol, and the
        symbol's radius (pixels).
    events, event_years : lists
        The event markers in date order, and which show in which years.
    ticks, bands, change_years : lists
        Years with events (ticks on the time axis), runs of years by administrator,
        years in which the map changes (for Play).
    titles, words : Titles, DateWords
        The map's title and the words of a date, in the view's language.
    labels : Labels
        The words of the page's own controls (the time bar, the key, the strip, the
        markers' names for a screen reader), in the view's language.
    event_key : str
        The key's lines for the events (HTML, escaped), with ``year_slot`` where
        the year goes.
    caption : str
        The key's note when a state has none of its own.
    colors : dict
        The palette the style sheet reads (:func:`geo.theme.css_colors`).
    texts : list of str
        Strings the other fields point to by index (each sent once).
    """

    version: int
    first_year: int
    last_year: int
    scale: int
    islands: list[Island]
    land: list[EncodedGeometry]
    styles: list[PathStyle]
    patterns: list[HatchPattern]
    states: list[State]
    spans: list[Span]
    lines: list[LineDrawing]
    names: list[GroupName]
    name_places: list[LabelPlace]
    name_touch: float
    name_far: list[float]
    small_group: float
    symbol_radius: float
    events: list[EventMarker]
    event_years: list[YearEvents]
    ticks: list[int]
    bands: list[Band]
    change_years: list[int]
    titles: Titles
    words: DateWords
    labels: Labels
    event_key: str
    year_slot: str
    caption: str
    colors: dict[str, str]
    texts: list[str]


@functools.cache
def _fields(cls: type) -> tuple[tuple[str, str, bool], ...]:
    """A dataclass's fields as (attribute, JSON name, left out when None)."""
    return tuple(
        (f.name, f.metadata.get("json", f.name), f.default is None) for f in dataclasses.fields(cls)
    )


def to_json(value: Any) -> Any:
    """A contract value as plain JSON data (dicts, lists, strings, numbers).

    Optional fields that are ``None`` are left out.

    Examples
    --------
    >>> to_json(PathStyle(color="#222222", weight=2, dash_array="8 5"))
    {'color': '#222222', 'weight': 2, 'dashArray': '8 5'}
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {}
        for attribute, name, optional in _fields(type(value)):
            item = getattr(value, attribute)
            if item is None and optional:
                continue
            out[name] = to_json(item)
        return out
    if isinstance(value, list | tuple):
        return [to_json(item) for item in value]
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    return value


def json_schema(cls: type = Scene) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of a contract class and every class it holds.

    Examples
    --------
    >>> json_schema(Span)["$defs"]["Span"]["required"]
    ['start', 'state']
    """
    definitions: dict[str, Any] = {}

    def schema_of(hint: Any) -> dict[str, Any]:
        origin, args = typing.get_origin(hint), typing.get_args(hint)
        if hint is Any:
            return {}
        if hint is str:
            return {"type": "string"}
        if hint is bool:
            return {"type": "boolean"}
        if hint is int:
            return {"type": "integer"}
        if hint is float:
            return {"type": "number"}
        if origin in (types.UnionType, typing.Union):
            kept = [a for a in args if a is not type(None)]
            return schema_of(kept[0]) if len(kept) == 1 else {"anyOf": [schema_of(a) for a in kept]}
        if origin is list:
            return {"type": "array", "items": schema_of(args[0])}
        if origin is tuple:
            return {
                "type": "array",
                "prefixItems": [schema_of(a) for a in args],
                "minItems": len(args),
                "maxItems": len(args),
            }
        if origin is dict:
            return {"type": "object", "additionalProperties": schema_of(args[1])}
        if isinstance(hint, type) and dataclasses.is_dataclass(hint):
            define(hint)
            return {"$ref": f"#/$defs/{hint.__name__}"}
        raise TypeError(f"no JSON Schema for {hint!r}")

    def define(kind: type) -> None:
        if kind.__name__ in definitions:
            return
        definitions[kind.__name__] = {}  # taken before its fields (a class may hold itself)
        hints = typing.get_type_hints(kind)
        properties, required = {}, []
        for attribute, name, optional in _fields(kind):
            properties[name] = schema_of(hints[attribute])
            if not optional:
                required.append(name)
        definitions[kind.__name__] = {
            "type": "object",
            "description": (kind.__doc__ or "").strip().splitlines()[0],
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }

    define(cls)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{cls.__name__.lower()}.schema.json",
        "title": cls.__name__,
        "$ref": f"#/$defs/{cls.__name__}",
        "$defs": dict(sorted(definitions.items())),
    }


def schema_text(cls: type = Scene) -> str:
    """The JSON Schema of a contract class as the file in ``geo/schemas`` holds it."""
    return json.dumps(json_schema(cls), indent=1, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # python -m geo.contract > geo/schemas/scene.schema.json
    print(schema_text(), end="")
