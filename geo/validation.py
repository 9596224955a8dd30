"""Validation: turn a RawPack into a Dispute, or list everything wrong with it.

Each check names the file, the row (CSV rows count the header as row 1) or the
feature, and the problem. All problems are collected and raised together as one
:class:`~geo.errors.DisputeDataError`.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import jsonschema
import pandas as pd
import shapely
from pyproj import Geod
from shapely.geometry import shape

from geo.errors import DisputeDataError, Problem
from geo.io import RawPack, read_schema
from geo.limits import PACK_LIMITS, PackLimits
from geo.model import (
    Depiction,
    Dispute,
    LocalName,
    Manifest,
    NamesLayer,
    Tour,
    TourStep,
    Worldview,
    change_days,
)
from geo.parties import Party

ISLAND_PROPERTIES = ("id", "group", "name_en", "area_km2")
EVENT_COLUMNS = (
    "id",
    "date",
    "date_precision",
    "title",
    "summary",
    "category",
    "islands",
    "lat",
    "lon",
    "source_title",
    "source_url",
)
SOVEREIGNTY_COLUMNS = ("group", "start", "end", "administered_by", "claimed_by", "event_id")
BOUNDARY_PROPERTIES = ("name", "valid_from", "valid_to", "event_id")
DEPICTION_COLUMNS = (
    "worldview",
    "valid_from",
    "valid_to",
    "element",
    "drawn_as",
    "parties",
    "label",
    "source_title",
    "source_url",
    "note",
)
ISLAND_DRAWINGS = ("administration", "territory")
LINE_DRAWINGS = ("border", "line", "hidden")
DATE_PRECISIONS = ("day", "month", "year")
# Each pattern must match the whole text (``fullmatch``: "$" would let a final
# newline through, and a newline in an id ends up in file names and headers).
SLUG = re.compile(r"[a-z0-9][a-z0-9_-]{0,79}", re.ASCII)
PARTY_CODE = re.compile(r"[A-Z][A-Z0-9_]{0,9}", re.ASCII)
HEX_COLOR = re.compile(r"#[0-9A-Fa-f]{6}", re.ASCII)
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
NAME_FIELD = re.compile(r"name_[a-z0-9_]{1,30}", re.ASCII)
HTTP_URL = re.compile(r"https?://[^\s/$.?#][^\s]*")
# C0/C1 control characters (tab and newline are allowed where a text may span lines)
# and lone UTF-16 surrogates, which no encoder can write to a page, a file or a header.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BREAKS = re.compile(r"[\t\n\r]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
MAX_ZOOM = 18
ALL_ISLANDS = "all"
# area_km2 and the geometry's own geodesic area may differ by this much (rounding).
AREA_TOLERANCE = 0.01
WGS84 = Geod(ellps="WGS84")
# A repair that changes a polygon's area by more than this is not safe to accept.
SAFE_REPAIR_AREA_CHANGE = 0.01
CRS_NAMES = (
    "urn:ogc:def:crs:OGC:1.3:CRS84",
    "urn:ogc:def:crs:OGC::CRS84",
    "EPSG:4326",
    "urn:ogc:def:crs:EPSG::4326",
)


def geodesic_area_km2(geometry: shapely.Geometry) -> float:
    """Area on the WGS84 ellipsoid, in square kilometres."""
    area, _ = WGS84.geometry_area_perimeter(shapely.orient_polygons(geometry))
    return abs(area) / 1e6


def parse_iso_date(text: str) -> dt.date:
    """Parse ``YYYY-MM-DD`` strictly; raises ``ValueError`` with a readable reason.

    Examples
    --------
    >>> parse_iso_date("1855-02-07")
    datetime.date(1855, 2, 7)
    """
    if not ISO_DATE.fullmatch(text):
        raise ValueError(f"'{text}' is not an ISO date (YYYY-MM-DD)")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a real date") from None


def text_problem(value: str, max_chars: int, multiline: bool = False) -> str | None:
    """Why a text cannot be shown as it is, or ``None`` when it can.

    Examples
    --------
    >>> text_problem("Etorofu", 100) is None
    True
    >>> text_problem("a\\x00b", 100)
    'contains a control character (U+0000)'
    """
    if len(value) > max_chars:
        return f"is {len(value):,} characters long; at most {max_chars:,}"
    if found := _SURROGATE.search(value):
        return f"contains a lone surrogate (U+{ord(found.group()):04X}), which is not text"
    if found := _CONTROL.search(value) or (None if multiline else _BREAKS.search(value)):
        return f"contains a control character (U+{ord(found.group()):04X})"
    return None


def _text(
    value: Any,
    file: str,
    place: str,
    what: str,
    max_chars: int,
    problems: list[Problem],
    multiline: bool = False,
) -> str:
    """A value as text, recording a problem when it is too long or not printable."""
    text = value if isinstance(value, str) else ("" if value is None else str(value))
    reason = text_problem(text, max_chars, multiline)
    if reason:
        problems.append(Problem(file, place, f"{what} {reason}"))
    return text


def json_text_problems(value: Any, file: str, most: int = 20) -> list[Problem]:
    """Every text in a JSON value (keys too) that cannot be written out: lone surrogates
    and control characters other than tab and line breaks, named by their path.

    JSON may spell any code point (``"\\ud800"``, ``"\\u0000"``); such a text would
    make a page, an SVG or a file name invalid wherever it reached. At most ``most``
    problems are listed.

    Examples
    --------
    >>> [str(p) for p in json_text_problems({"features": [{"id": "a\\x00"}]}, "x.geojson")]
    ['x.geojson:features[0].id: contains a control character (U+0000)']
    """
    found: list[Problem] = []
    stack: list[tuple[Any, str]] = [(value, "")]
    while stack and len(found) < most:
        item, where = stack.pop()
        if isinstance(item, dict):
            for key, child in item.items():
                place = f"{where}.{key}" if where else str(key)
                if isinstance(key, str) and (reason := _unwritable(key)):
                    found.append(Problem(file, where or "file", f"a key {reason}"))
                    continue
                stack.append((child, place))
        elif isinstance(item, list):
            stack.extend((child, f"{where}[{n}]") for n, child in enumerate(item))
        elif isinstance(item, str) and (reason := _unwritable(item)):
            found.append(Problem(file, where or "file", reason))
    return found


def _unwritable(text: str) -> str | None:
    """Why a text cannot be written to a page or a file (surrogates, control characters)."""
    if found := _SURROGATE.search(text):
        return f"contains a lone surrogate (U+{ord(found.group()):04X}), which is not text"
    if found := _CONTROL.search(text):
        return f"contains a control character (U+{ord(found.group()):04X})"
    return None


def _year_in_range(
    date: dt.date, file: str, place: str, what: str, limits: PackLimits, problems: list[Problem]
) -> bool:
    """Whether a date falls in the years the explorer supports (else a problem)."""
    if limits.first_year <= date.year <= limits.last_year:
        return True
    problems.append(
        Problem(
            file,
            place,
            f"{what} {date.isoformat()} is outside the supported years "
            f"{limits.first_year}-{limits.last_year}",
        )
    )
    return False


@dataclass
class _Budget:
    """The limits a pack is checked against and the vertices counted so far."""

    limits: PackLimits
    vertices: int = 0


def _ring_sizes(raw: dict[str, Any]) -> list[int]:
    """Vertices per ring (or line) of a raw GeoJSON geometry, without parsing it."""
    depth = {"LineString": 0, "MultiLineString": 1, "Polygon": 1, "MultiPolygon": 2}
    level = [raw.get("coordinates")]
    for _ in range(depth.get(str(raw.get("type")), 0)):
        level = [part for item in level if isinstance(item, list) for part in item]
    return [len(ring) for ring in level if isinstance(ring, list)]


def _default_view(
    spec: dict[str, Any], worldviews: dict[str, Any], file: str, problems: list[Problem]
) -> dict[str, Any]:
    """Check ``default_view``: a known worldview, a [lat, lon] centre and a whole zoom."""
    view: dict[str, Any] = {}
    if "worldview" in spec:
        if not isinstance(spec["worldview"], str) or spec["worldview"] not in worldviews:
            problems.append(
                Problem(
                    file,
                    "default_view.worldview",
                    f"must be one of the worldviews: {', '.join(map(str, worldviews))}",
                )
            )
        else:
            view["worldview"] = spec["worldview"]
    if "center" in spec:
        center = spec["center"]
        numbers = (
            isinstance(center, list)
            and len(center) == 2
            and all(isinstance(v, int | float) and not isinstance(v, bool) for v in center)
        )
        if not numbers or not all(math.isfinite(v) for v in center):
            problems.append(
                Problem(file, "default_view.center", "must be two numbers: [latitude, longitude]")
            )
        elif not (-90 <= center[0] <= 90 and -180 <= center[1] <= 180):
            problems.append(
                Problem(
                    file,
                    "default_view.center",
                    f"{center} is not [latitude, longitude] in degrees",
                )
            )
        else:
            view["center"] = [float(center[0]), float(center[1])]
    if "zoom" in spec:
        zoom = spec["zoom"]
        if isinstance(zoom, float) and zoom.is_integer():
            zoom = int(zoom)
        if not isinstance(zoom, int) or isinstance(zoom, bool) or not 0 <= zoom <= MAX_ZOOM:
            problems.append(
                Problem(file, "default_view.zoom", f"must be a whole number from 0 to {MAX_ZOOM}")
            )
        else:
            view["zoom"] = zoom
    if "year" in spec:
        if not isinstance(spec["year"], int) or isinstance(spec["year"], bool):
            problems.append(Problem(file, "default_view.year", "must be a whole year"))
        else:
            view["year"] = spec["year"]
    return view


def schema_problems(
    value: Any, schema: dict[str, Any], file: str, place: str = ""
) -> list[Problem]:
    """Where a JSON value breaks a JSON Schema, one problem per violation.

    Examples
    --------
    >>> schema = {"type": "object", "properties": {"zoom": {"type": "integer"}}}
    >>> [str(p) for p in schema_problems({"zoom": "7"}, schema, "pack.json")]
    ["pack.json:zoom: '7' is not of type 'integer'"]
    """
    validator = jsonschema.Draft202012Validator(schema)
    found = []
    for error in sorted(validator.iter_errors(value), key=lambda e: list(map(str, e.path))):
        where = ".".join(str(part) for part in error.path)
        message = error.message if len(error.message) <= 200 else error.message[:197] + "..."
        found.append(Problem(file, ".".join(p for p in (place, where) if p) or "file", message))
    return found


def _overlaps(place: str, problems: Iterable[Problem]) -> bool:
    """Whether a problem was already reported at this place, or inside or around it."""
    return any(
        p.place == place or p.place.startswith(place + ".") or place.startswith(p.place + ".")
        for p in problems
    )


def _manifest(raw: dict[str, Any], problems: list[Problem], limits: PackLimits) -> Manifest | None:
    """Validate ``pack.json``."""
    file = "pack.json"
    before = len(problems)
    for key in ("id", "title", "parties", "groups", "worldviews"):
        if key not in raw:
            problems.append(Problem(file, key, "required key is missing"))
    if len(problems) > before:
        return None
    if not isinstance(raw["id"], str) or not SLUG.fullmatch(raw["id"]) or len(raw["id"]) > 80:
        problems.append(Problem(file, "id", "must be a lowercase slug of at most 80 characters"))
    texts = {
        key: _text(
            raw.get(key, ""),
            file,
            key,
            "text",
            limits.short_text if key in ("title", "subtitle") else limits.long_text,
            problems,
            multiline=key not in ("title", "subtitle"),
        )
        for key in ("title", "subtitle", "description", "licence", "how_to_cite")
    }
    if not texts["title"].strip():
        problems.append(Problem(file, "title", "must be a non-empty text"))
    for key, most in (
        ("parties", limits.parties),
        ("groups", limits.groups),
        ("worldviews", limits.worldviews),
    ):
        if isinstance(raw[key], dict) and len(raw[key]) > most:
            problems.append(Problem(file, key, f"has {len(raw[key])} entries; at most {most}"))
    if len(problems) > before:
        return None
    parties: dict[str, Party] = {}
    raw_parties = raw["parties"] if isinstance(raw["parties"], dict) else {}
    if not raw_parties:
        problems.append(Problem(file, "parties", "must map party codes to name and color"))
    for code, spec in raw_parties.items():
        place = f"parties.{code}"
        if not PARTY_CODE.fullmatch(str(code)):
            problems.append(Problem(file, place, "party code must be 1-10 capitals, e.g. 'JP'"))
            continue
        if not isinstance(spec, dict) or not str(spec.get("name", "")).strip():
            problems.append(Problem(file, place, "needs a non-empty 'name'"))
            continue
        _text(spec["name"], file, f"{place}.name", "name", limits.short_text, problems)
        color = str(spec.get("color", ""))
        if not HEX_COLOR.fullmatch(color):
            problems.append(Problem(file, place, f"color '{color}' is not #RRGGBB"))
            continue
        in_sentence = spec.get("in_sentence", "")
        _text(in_sentence, file, f"{place}.in_sentence", "name", limits.short_text, problems)
        parties[code] = Party(
            code=code,
            name=str(spec["name"]),
            color=color.upper(),
            in_sentence=in_sentence if isinstance(in_sentence, str) else "",
        )
    groups = raw["groups"] if isinstance(raw["groups"], dict) else {}
    if not groups:
        problems.append(Problem(file, "groups", "must map group ids to their names"))
    for group_id, names in groups.items():
        if not SLUG.fullmatch(str(group_id)):
            problems.append(
                Problem(file, f"groups.{group_id}", "group id must be a lowercase slug")
            )
        if not isinstance(names, dict):
            problems.append(Problem(file, f"groups.{group_id}", "must be an object of names"))
            continue
        for field, name in names.items():
            _text(field, file, f"groups.{group_id}", "field name", 40, problems)
            _text(name, file, f"groups.{group_id}.{field}", "name", limits.short_text, problems)
    sources = raw.get("sources", [])
    if not isinstance(sources, list):
        problems.append(Problem(file, "sources", "must be a list of texts"))
        sources = []
    elif len(sources) > limits.events:
        problems.append(
            Problem(file, "sources", f"has {len(sources)} entries; at most {limits.events}")
        )
        sources = []
    for number, source in enumerate(sources, start=1):
        _text(source, file, f"sources[{number}]", "text", limits.long_text, problems)
    worldviews: dict[str, Worldview] = {}
    raw_views = raw["worldviews"] if isinstance(raw["worldviews"], dict) else {}
    for code, spec in raw_views.items():
        if not isinstance(spec, dict) or not all(spec.get(k) for k in ("label", "name_field")):
            problems.append(Problem(file, f"worldviews.{code}", "needs 'label' and 'name_field'"))
            continue
        if not SLUG.fullmatch(str(code)) or len(str(code)) > 20:
            problems.append(
                Problem(file, f"worldviews.{code}", "worldview code must be a short lowercase slug")
            )
            continue
        _text(spec["label"], file, f"worldviews.{code}.label", "label", limits.short_text, problems)
        fields = [spec["name_field"], spec.get("latin_field", spec["name_field"])]
        odd = [str(f) for f in fields if not (isinstance(f, str) and NAME_FIELD.fullmatch(f))]
        if odd:
            problems.append(
                Problem(
                    file,
                    f"worldviews.{code}",
                    f"name field '{odd[0]}' must be a property named like name_xx",
                )
            )
            continue
        worldviews[code] = Worldview(
            code=str(code),
            label=str(spec["label"]),
            name_field=str(spec["name_field"]),
            latin_field=str(spec.get("latin_field", spec["name_field"])),
        )
    if not worldviews:
        problems.append(Problem(file, "worldviews", "needs at least one worldview"))
    extent = raw.get("extent", [-180.0, -90.0, 180.0, 90.0])
    try:
        west, south, east, north = (float(v) for v in extent)
        if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
            raise ValueError
    except (TypeError, ValueError, OverflowError):
        problems.append(Problem(file, "extent", "must be [west, south, east, north] in degrees"))
        west, south, east, north = -180.0, -90.0, 180.0, 90.0
    default_view = raw.get("default_view", {})
    if not isinstance(default_view, dict):
        problems.append(Problem(file, "default_view", "must be an object"))
        default_view = {}
    default_view = _default_view(default_view, worldviews, file, problems)
    coverage_note = raw.get("coverage_note", "")
    if not isinstance(coverage_note, str):
        problems.append(Problem(file, "coverage_note", "must be a text"))
        coverage_note = ""
    _text(coverage_note, file, "coverage_note", "text", limits.long_text, problems, multiline=True)
    layers = _names_layers(raw.get("names_layers", []), problems)
    _nested_texts(raw.get("names_layers", []), file, "names_layers", limits, problems)
    # The schema states every type; the checks above give the friendlier message
    # where they cover the same place.
    for problem in schema_problems(raw, read_schema("pack.schema.json"), file):
        if not _overlaps(problem.place, problems[before:]):
            problems.append(problem)
    if len(problems) > before:
        return None
    return Manifest(
        id=str(raw["id"]),
        title=texts["title"],
        subtitle=texts["subtitle"],
        description=texts["description"],
        licence=texts["licence"],
        how_to_cite=texts["how_to_cite"],
        groups={str(k): {str(a): str(b) for a, b in (v or {}).items()} for k, v in groups.items()},
        parties=parties,
        worldviews=worldviews,
        default_view=default_view,
        extent=(west, south, east, north),
        sources=tuple(str(s) for s in sources),
        coverage_note=coverage_note,
        names_layers=layers,
    )


CERTAINTIES = ("agreed", "single-source", "uncertain")


def _nested_texts(
    value: Any, file: str, place: str, limits: PackLimits, problems: list[Problem]
) -> None:
    """Check every text inside a JSON value (lists and objects, any depth)."""
    stack = [(value, place)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str):
            _text(item, file, where, "text", limits.long_text, problems, multiline=True)
        elif isinstance(item, dict):
            stack.extend((v, f"{where}.{k}") for k, v in item.items())
        elif isinstance(item, list):
            stack.extend((v, f"{where}[{n}]") for n, v in enumerate(item))


def _names_layers(raw: Any, problems: list[Problem]) -> tuple[NamesLayer, ...]:
    """Validate ``names_layers``: every name needs a form, meanings, a certainty and a source."""
    file = "pack.json"
    if not isinstance(raw, list):
        problems.append(Problem(file, "names_layers", "must be a list"))
        return ()
    layers = []
    for number, spec in enumerate(raw):
        place = f"names_layers[{number}]"
        if not isinstance(spec, dict) or not str(spec.get("language", "")).strip():
            problems.append(Problem(file, place, "needs a 'language'"))
            continue
        entries = spec.get("names", {})
        if not isinstance(entries, dict) or not entries:
            problems.append(Problem(file, place, "needs 'names' (group or island id to name)"))
            continue
        names = {}
        for unit, entry in entries.items():
            name = _local_name(entry, f"{place}.names.{unit}", problems)
            if name is not None:
                names[str(unit)] = name
        layers.append(
            NamesLayer(language=str(spec["language"]), note=str(spec.get("note", "")), names=names)
        )
    return tuple(layers)


def _local_name(entry: Any, place: str, problems: list[Problem]) -> LocalName | None:
    """One entry of a names layer, or a problem naming what is missing."""
    file = "pack.json"
    if not isinstance(entry, dict) or not str(entry.get("form", "")).strip():
        problems.append(Problem(file, place, "needs a 'form'"))
        return None
    meanings = entry.get("meanings", [])
    sources = entry.get("sources", [])
    certainty = entry.get("certainty", "")
    ok = True
    if (
        not isinstance(meanings, list)
        or not meanings
        or not all(isinstance(m, dict) and m.get("form") and m.get("meaning") for m in meanings)
    ):
        problems.append(Problem(file, place, "needs 'meanings': a list of {form, meaning}"))
        ok = False
    if certainty not in CERTAINTIES:
        problems.append(Problem(file, place, f"certainty must be one of {', '.join(CERTAINTIES)}"))
        ok = False
    if (
        not isinstance(sources, list)
        or not sources
        or not all(
            isinstance(s, dict) and s.get("title") and HTTP_URL.fullmatch(str(s.get("url", "")))
            for s in sources
        )
    ):
        problems.append(Problem(file, place, "needs 'sources': a list of {title, url}"))
        ok = False
    if not ok:
        return None
    recorded = entry.get("recorded", [])
    return LocalName(
        form=str(entry["form"]),
        recorded=tuple(str(r) for r in recorded) if isinstance(recorded, list) else (),
        meanings=tuple((str(m["form"]), str(m["meaning"])) for m in meanings),
        certainty=str(certainty),
        sources=tuple((str(s["title"]), str(s["url"])) for s in sources),
    )


def _check_crs(collection: dict[str, Any], file: str, problems: list[Problem]) -> None:
    """A declared CRS must be geographic WGS84 (GeoJSON's only CRS)."""
    crs = collection.get("crs")
    if crs is None:
        return
    properties = crs.get("properties") if isinstance(crs, dict) else None
    name = str(properties.get("name", "")) if isinstance(properties, dict) else ""
    if name not in CRS_NAMES:
        problems.append(Problem(file, "crs", f"CRS '{name}' is not EPSG:4326 (degrees)"))


def _properties(
    feature: dict[str, Any], file: str, number: int, problems: list[Problem]
) -> dict[str, Any] | None:
    """A feature's properties, or a problem when they are not an object."""
    props = feature.get("properties")
    if props is None:
        return {}
    if not isinstance(props, dict):
        problems.append(Problem(file, f"feature {number}", "properties must be an object"))
        return None
    return props


def _required_properties(
    feature: dict[str, Any],
    file: str,
    number: int,
    label: str,
    required: Iterable[str],
    problems: list[Problem],
) -> tuple[dict[str, Any], str] | None:
    """A feature's properties and its place name ("feature 3 (etorofu)"), if all are there."""
    props = _properties(feature, file, number, problems)
    if props is None:
        return None
    place = f"feature {number}" + (f" ({props[label]})" if props.get(label) else "")
    missing = [key for key in required if key not in props]
    if missing:
        problems.append(Problem(file, place, f"missing properties: {', '.join(missing)}"))
        return None
    return props, place


def _features(
    collection: dict[str, Any], file: str, problems: list[Problem], budget: _Budget
) -> list[dict]:
    """The features of a FeatureCollection, or a problem."""
    if collection.get("type") != "FeatureCollection" or not isinstance(
        collection.get("features"), list
    ):
        problems.append(Problem(file, "file", "expected a GeoJSON FeatureCollection"))
        return []
    most = budget.limits.features
    if len(collection["features"]) > most:
        problems.append(
            Problem(file, "file", f"has {len(collection['features']):,} features; at most {most:,}")
        )
        return []
    _check_crs(collection, file, problems)
    return [f for f in collection["features"] if isinstance(f, dict)]


def _geometry(
    feature: dict[str, Any],
    file: str,
    place: str,
    kinds: tuple[str, ...],
    extent: tuple[float, float, float, float],
    problems: list[Problem],
    warnings: list[str],
    budget: _Budget,
) -> shapely.Geometry | None:
    """Parse, range-check and (where safe) repair one feature's geometry."""
    raw = feature.get("geometry")
    if not isinstance(raw, dict) or raw.get("type") not in kinds:
        problems.append(Problem(file, place, f"geometry must be one of {', '.join(kinds)}"))
        return None
    # Count before parsing: every later step (repair, simplification, drawing)
    # grows with the vertices, so an oversized shape must stop here.
    sizes = _ring_sizes(raw)
    limits = budget.limits
    if sizes and max(sizes) > limits.ring_vertices:
        problems.append(
            Problem(
                file,
                place,
                f"a ring has {max(sizes):,} vertices; at most {limits.ring_vertices:,} per ring "
                "(simplify the geometry)",
            )
        )
        return None
    budget.vertices += sum(sizes)
    if budget.vertices > limits.pack_vertices:
        problems.append(
            Problem(
                file,
                place,
                f"the pack's geometry passes {limits.pack_vertices:,} vertices in all "
                "(simplify the geometry)",
            )
        )
        return None
    try:
        geometry = shape(raw)
    except (
        ValueError,
        TypeError,
        AttributeError,
        IndexError,
        KeyError,
        OverflowError,
        RecursionError,
        shapely.errors.GEOSException,
    ) as err:
        problems.append(Problem(file, place, f"geometry cannot be read: {err}"))
        return None
    if geometry.is_empty:
        problems.append(Problem(file, place, "geometry is empty"))
        return None
    coords = shapely.get_coordinates(geometry)
    if not all(math.isfinite(v) for v in coords.flat):
        problems.append(Problem(file, place, "geometry has non-finite coordinates"))
        return None
    xmin, ymin = coords.min(axis=0)
    xmax, ymax = coords.max(axis=0)
    if xmin < -180 or xmax > 180 or ymin < -90 or ymax > 90:
        problems.append(
            Problem(
                file,
                place,
                (
                    f"coordinates ({xmax:.0f}, {ymax:.0f}) are not degrees; the file looks "
                    "projected - reproject it to EPSG:4326 (longitude, latitude)"
                ),
            )
        )
        return None
    west, south, east, north = extent
    if xmin < west or xmax > east or ymin < south or ymax > north:
        problems.append(
            Problem(
                file,
                place,
                (f"coordinates fall outside the pack's extent [{west}, {south}, {east}, {north}]"),
            )
        )
        return None
    if geometry.geom_type in ("Polygon", "MultiPolygon") and not geometry.is_valid:
        reason = shapely.is_valid_reason(geometry)
        repaired = shapely.make_valid(geometry)
        repaired = shapely.unary_union(
            [
                g
                for g in getattr(repaired, "geoms", [repaired])
                if g.geom_type in ("Polygon", "MultiPolygon")
            ]
        )
        change = abs(repaired.area - geometry.area) / geometry.area if geometry.area else 1.0
        if repaired.is_empty or not repaired.is_valid or change > SAFE_REPAIR_AREA_CHANGE:
            problems.append(Problem(file, place, f"invalid polygon ({reason}); fix the geometry"))
            return None
        warnings.append(f"{file}:{place}: repaired an invalid polygon ({reason})")
        geometry = repaired
    return geometry


def _islands(
    raw: dict[str, Any],
    file: str,
    manifest: Manifest,
    problems: list[Problem],
    warnings: list[str],
    budget: _Budget,
) -> gpd.GeoDataFrame:
    """Validate the islands FeatureCollection."""
    records = []
    seen: set[str] = set()
    name_fields = list(
        dict.fromkeys(
            field
            for view in manifest.worldviews.values()
            for field in (view.name_field, view.latin_field)
            if field != "name_en"
        )
    )
    required = (*ISLAND_PROPERTIES, *name_fields)
    island_schema = read_schema("island.schema.json")
    features = _features(raw, file, problems, budget)
    if not features and raw.get("type") == "FeatureCollection":
        problems.append(Problem(file, "file", "has no features"))
    for number, feature in enumerate(features, start=1):
        found = _required_properties(feature, file, number, "id", required, problems)
        if found is None:
            continue
        props, place = found
        typed = schema_problems(props, island_schema, file, place)
        if typed:
            problems.extend(typed)
            continue
        island_id = str(props["id"])
        if not SLUG.fullmatch(island_id):
            problems.append(Problem(file, place, f"id '{island_id}' is not a lowercase slug"))
        elif island_id in seen:
            problems.append(Problem(file, place, f"duplicate id '{island_id}'"))
        seen.add(island_id)
        if island_id in manifest.groups and island_id != props["group"]:
            problems.append(Problem(file, place, f"id '{island_id}' is also a group name"))
        if not isinstance(props["group"], str) or props["group"] not in manifest.groups:
            problems.append(
                Problem(
                    file,
                    place,
                    (f"group '{props['group']}' is not one of {', '.join(manifest.groups)}"),
                )
            )
        try:
            area = float(props["area_km2"])
            if not math.isfinite(area) or area <= 0:
                raise ValueError
        except (TypeError, ValueError, OverflowError):
            problems.append(Problem(file, place, "area_km2 must be a positive number"))
            continue
        for key in required:
            if key not in ("id", "area_km2"):
                _text(props[key], file, place, key, budget.limits.short_text, problems)
        geometry = _geometry(
            feature,
            file,
            place,
            ("Polygon", "MultiPolygon"),
            manifest.extent,
            problems,
            warnings,
            budget,
        )
        if geometry is None:
            continue
        measured = geodesic_area_km2(geometry)
        if abs(measured - area) > max(AREA_TOLERANCE * area, 0.05):
            problems.append(
                Problem(
                    file,
                    place,
                    (f"area_km2 says {area:g} but the geometry measures {measured:.2f} km²"),
                )
            )
            continue
        record: dict[str, Any] = {key: str(props[key]) for key in required if key != "area_km2"}
        record.update(area_km2=area, geometry=geometry)
        records.append(record)
    for group_id in manifest.groups:
        if records and not any(r["group"] == group_id for r in records):
            problems.append(Problem(file, "file", f"no island of group '{group_id}'"))
    frame = gpd.GeoDataFrame(
        records, columns=[*required, "geometry"], geometry="geometry", crs="EPSG:4326"
    )
    return frame


def _require_columns(
    frame: pd.DataFrame, file: str, columns: Iterable[str], problems: list[Problem]
) -> bool:
    """Check that a table has its columns and at least one row."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        problems.append(Problem(file, "row 1", f"missing columns: {', '.join(missing)}"))
        return False
    if frame.empty:
        problems.append(Problem(file, "file", "table has no rows"))
        return False
    return True


def _usable_table(
    frame: pd.DataFrame,
    file: str,
    columns: Iterable[str],
    most: tuple[int, str],
    problems: list[Problem],
) -> bool:
    """Whether a table has its columns, some rows and at most ``most`` (count, noun) of them."""
    if not _require_columns(frame, file, columns, problems):
        return False
    limit, noun = most
    if len(frame) > limit:
        problems.append(Problem(file, "file", f"has {len(frame):,} {noun}; at most {limit:,}"))
        return False
    return True


def _events(
    frame: pd.DataFrame, unit_ids: set[str], problems: list[Problem], limits: PackLimits
) -> pd.DataFrame:
    """Validate the history table; ``islands`` becomes a tuple, ``date`` a date."""
    file = "events.csv"
    if not _usable_table(frame, file, EVENT_COLUMNS, (limits.events, "events"), problems):
        return pd.DataFrame(columns=list(EVENT_COLUMNS))
    out = frame.copy()
    dates: list[dt.date | None] = []
    island_lists: list[tuple[str, ...]] = []
    seen: set[str] = set()
    for row, record in frame.iterrows():
        place = f"row {row}"
        event_id = record["id"]
        if not SLUG.fullmatch(event_id):
            problems.append(Problem(file, place, f"id '{event_id}' is not a lowercase slug"))
        elif event_id in seen:
            problems.append(Problem(file, place, f"duplicate id '{event_id}'"))
        seen.add(event_id)
        try:
            date = parse_iso_date(record["date"])
            dates.append(
                date if _year_in_range(date, file, place, "date", limits, problems) else None
            )
        except ValueError as err:
            problems.append(Problem(file, place, f"date {err}"))
            dates.append(None)
        for key in record.index:
            long = key in ("summary", "source_url")
            most = (
                limits.long_text
                if key == "summary"
                else limits.url_text
                if long
                else limits.short_text
            )
            _text(record[key], file, place, key, most, problems, multiline=key == "summary")
        if record["date_precision"] not in DATE_PRECISIONS:
            problems.append(
                Problem(
                    file,
                    place,
                    (f"date_precision '{record['date_precision']}' is not day, month or year"),
                )
            )
        if not SLUG.fullmatch(record["category"]):
            problems.append(Problem(file, place, "category must be a lowercase word"))
        for key in ("title", "summary", "source_title"):
            if not record[key]:
                problems.append(Problem(file, place, f"{key} is empty"))
        if not HTTP_URL.fullmatch(record["source_url"]):
            problems.append(Problem(file, place, "source_url must be an http(s) address"))
        tokens = tuple(t.strip() for t in record["islands"].split(";") if t.strip())
        unknown = [t for t in tokens if t != ALL_ISLANDS and t not in unit_ids]
        if not tokens:
            problems.append(Problem(file, place, "islands is empty"))
        elif unknown:
            problems.append(
                Problem(file, place, f"unknown island or group id: {', '.join(unknown)}")
            )
        island_lists.append(tokens)
        for key, low, high in (("lat", -90, 90), ("lon", -180, 180)):
            try:
                value = float(record[key])
                if not low <= value <= high:
                    raise ValueError
            except ValueError:
                problems.append(
                    Problem(file, place, f"{key} '{record[key]}' is not in [{low}, {high}]")
                )
    out["date"] = dates
    out["islands"] = island_lists
    for key in ("lat", "lon"):
        out[key] = pd.to_numeric(out[key], errors="coerce")
    return out


def _sovereignty(
    frame: pd.DataFrame,
    unit_ids: set[str],
    event_ids: set[str],
    parties: dict[str, Party],
    problems: list[Problem],
    limits: PackLimits,
) -> pd.DataFrame:
    """Validate the periods: known units, parties and events; ordered, no overlap, no gap."""
    file = "sovereignty.csv"
    if not _usable_table(frame, file, SOVEREIGNTY_COLUMNS, (limits.periods, "periods"), problems):
        return pd.DataFrame(columns=list(SOVEREIGNTY_COLUMNS))
    out = frame.copy()
    starts: list[dt.date | None] = []
    ends: list[dt.date | None] = []
    claims: list[tuple[str, ...]] = []
    for row, record in frame.iterrows():
        place = f"row {row}"
        if record["group"] not in unit_ids:
            problems.append(Problem(file, place, f"unknown island or group id '{record['group']}'"))
        start = end = None
        for key in record.index:
            _text(
                record[key], file, place, key, limits.long_text, problems, multiline=key == "note"
            )
        try:
            start = parse_iso_date(record["start"])
            if not _year_in_range(start, file, place, "start", limits, problems):
                start = None
        except ValueError as err:
            problems.append(Problem(file, place, f"start {err}"))
        if record["end"]:
            try:
                end = parse_iso_date(record["end"])
                if not _year_in_range(end, file, place, "end", limits, problems):
                    end = None
            except ValueError as err:
                problems.append(Problem(file, place, f"end {err}"))
        if start and end and end <= start:
            problems.append(Problem(file, place, f"period ends ({end}) before it starts ({start})"))
        if record["administered_by"] not in parties:
            problems.append(
                Problem(
                    file,
                    place,
                    (f"administered_by '{record['administered_by']}' is not a party of pack.json"),
                )
            )
        claimants = tuple(c.strip() for c in record["claimed_by"].split(";") if c.strip())
        unknown = [c for c in claimants if c not in parties]
        if not claimants:
            problems.append(Problem(file, place, "claimed_by is empty"))
        elif unknown:
            problems.append(
                Problem(file, place, f"claimed_by has unknown parties: {', '.join(unknown)}")
            )
        if record["event_id"] and record["event_id"] not in event_ids:
            problems.append(
                Problem(file, place, f"event_id '{record['event_id']}' is not in events.csv")
            )
        starts.append(start)
        ends.append(end)
        claims.append(claimants)
    out["start"] = starts
    out["end"] = ends
    out["claimed_by"] = claims
    _check_continuity(out, file, problems)
    return out


def _check_continuity(frame: pd.DataFrame, file: str, problems: list[Problem]) -> None:
    """Per group or island: periods in order, without overlaps or gaps."""
    usable = frame.dropna(subset=["start"])
    for unit, periods in usable.groupby("group", sort=False):
        ordered = periods.sort_values("start", kind="stable")
        previous: tuple[Any, Any] | None = None
        for row, record in ordered.iterrows():
            start, end = record["start"], record["end"]
            if previous is not None:
                prev_row, prev_end = previous
                if prev_end is None:
                    problems.append(
                        Problem(
                            file,
                            f"row {row}",
                            (
                                f"'{unit}' has a period starting {start} after the "
                                f"open-ended period of row {prev_row}"
                            ),
                        )
                    )
                elif start < prev_end:
                    problems.append(
                        Problem(
                            file,
                            f"row {row}",
                            (
                                f"'{unit}' period starting {start} overlaps the period "
                                f"of row {prev_row} (ends {prev_end})"
                            ),
                        )
                    )
                elif start > prev_end:
                    problems.append(
                        Problem(
                            file,
                            f"row {row}",
                            (
                                f"'{unit}' has a gap: row {prev_row} ends {prev_end} "
                                f"but this period starts {start}"
                            ),
                        )
                    )
            previous = (row, end)


def _boundaries(
    raw: dict[str, Any] | None,
    event_ids: set[str],
    manifest: Manifest,
    problems: list[Problem],
    warnings: list[str],
    budget: _Budget,
) -> gpd.GeoDataFrame:
    """Validate the dated boundary lines."""
    file = "boundaries.geojson"
    records = []
    seen: set[str] = set()
    features = _features(raw, file, problems, budget) if raw else []
    for number, feature in enumerate(features, start=1):
        found = _required_properties(feature, file, number, "name", BOUNDARY_PROPERTIES, problems)
        if found is None:
            continue
        props, place = found
        try:
            valid_from = parse_iso_date(str(props["valid_from"]))
            valid_to = parse_iso_date(str(props["valid_to"])) if props["valid_to"] else None
        except ValueError as err:
            problems.append(Problem(file, place, f"valid_from/valid_to: {err}"))
            continue
        if not all(
            _year_in_range(d, file, place, "validity", budget.limits, problems)
            for d in (valid_from, valid_to)
            if d is not None
        ):
            continue
        _text(props["name"], file, place, "name", budget.limits.short_text, problems)
        _text(props.get("method", ""), file, place, "method", budget.limits.long_text, problems)
        if valid_to is not None and valid_to <= valid_from:
            problems.append(Problem(file, place, "valid_to is not after valid_from"))
        if not isinstance(props["event_id"], str):
            problems.append(Problem(file, place, "event_id must be a text"))
            continue
        line_id = props.get("id", f"line-{number}")
        if not isinstance(line_id, str) or not SLUG.fullmatch(line_id):
            problems.append(
                Problem(file, place, "id must be a lowercase slug of at most 80 characters")
            )
            continue
        if line_id in seen:
            problems.append(Problem(file, place, f"duplicate id '{line_id}'"))
            continue
        seen.add(line_id)
        if props["event_id"] and props["event_id"] not in event_ids:
            problems.append(
                Problem(file, place, f"event_id '{props['event_id']}' is not in events.csv")
            )
        geometry = _geometry(
            feature,
            file,
            place,
            ("LineString", "MultiLineString"),
            manifest.extent,
            problems,
            warnings,
            budget,
        )
        if geometry is None:
            continue
        records.append(
            {
                "id": line_id,
                "name": str(props["name"]),
                "valid_from": valid_from,
                "valid_to": valid_to,
                "event_id": str(props["event_id"]),
                "method": str(props.get("method", "")),
                "geometry": geometry,
            }
        )
    return gpd.GeoDataFrame(
        records,
        columns=["id", "name", "valid_from", "valid_to", "event_id", "method", "geometry"],
        geometry="geometry",
        crs="EPSG:4326",
    )


def _context(
    raw: dict[str, Any] | None,
    manifest: Manifest,
    problems: list[Problem],
    warnings: list[str],
    budget: _Budget,
    file: str = "context.geojson",
) -> gpd.GeoDataFrame:
    """Validate background land: the context or the overview (names optional)."""
    records = []
    features = _features(raw, file, problems, budget) if raw else []
    for number, feature in enumerate(features, start=1):
        props = _properties(feature, file, number, problems)
        if props is None:
            continue
        geometry = _geometry(
            feature,
            file,
            f"feature {number}",
            ("Polygon", "MultiPolygon"),
            (-180.0, -90.0, 180.0, 90.0),
            problems,
            warnings,
            budget,
        )
        if geometry is None:
            continue
        feature_id = props.get("id", number)
        if isinstance(feature_id, bool) or not isinstance(feature_id, str | int):
            problems.append(Problem(file, f"feature {number}", "id must be a text or a number"))
            continue
        _text(feature_id, file, f"feature {number}", "id", 80, problems)
        names = {}
        for key, value in props.items():
            if not NAME_FIELD.fullmatch(str(key)) or not value:
                continue
            if not isinstance(value, str):
                problems.append(Problem(file, f"feature {number}", f"{key} must be a text"))
                continue
            names[key] = _text(
                value, file, f"feature {number}", key, budget.limits.short_text, problems
            )
        records.append({"id": str(feature_id), **names, "geometry": geometry})
    if not records:  # an optional file that is absent or empty
        return gpd.GeoDataFrame({"id": [], "geometry": []}, geometry="geometry", crs="EPSG:4326")
    return gpd.GeoDataFrame(records, geometry="geometry", crs="EPSG:4326")


TOUR_KEYS = (
    "date",
    "date_precision",
    "extent",
    "title",
    "caption",
    "events",
    "source_title",
    "source_url",
)


def _tour_step(
    spec: Any,
    place: str,
    event_ids: set[str],
    manifest: Manifest,
    limits: PackLimits,
    problems: list[Problem],
) -> TourStep | None:
    """One step of a tour, or the problems that stop it."""
    file = "tours.json"
    if not isinstance(spec, dict):
        problems.append(Problem(file, place, "must be an object"))
        return None
    missing = [key for key in TOUR_KEYS if key not in spec]
    if missing:
        problems.append(Problem(file, place, f"missing: {', '.join(missing)}"))
        return None
    before = len(problems)
    date = None
    try:
        date = parse_iso_date(str(spec["date"]))
        if not _year_in_range(date, file, place, "date", limits, problems):
            date = None
    except ValueError as err:
        problems.append(Problem(file, place, f"date {err}"))
    if spec["date_precision"] not in DATE_PRECISIONS:
        problems.append(Problem(file, place, "date_precision must be day, month or year"))
    extent = spec["extent"]
    west, south, east, north = manifest.extent
    if (
        not isinstance(extent, list)
        or len(extent) != 4
        or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in extent)
        or not (west <= extent[0] < extent[2] <= east and south <= extent[1] < extent[3] <= north)
    ):
        problems.append(
            Problem(
                file, place, "extent must be [west, south, east, north] inside the pack's extent"
            )
        )
    texts = {
        key: _text(spec[key], file, place, key, limits.long_text, problems, multiline=True)
        for key in ("title", "caption", "source_title", "source_url")
    }
    if not all(texts.values()):
        problems.append(Problem(file, place, "title, caption and source must not be empty"))
    if not HTTP_URL.fullmatch(texts["source_url"]):
        problems.append(Problem(file, place, "source_url must be an http(s) address"))
    events = spec["events"]
    if not isinstance(events, list) or not all(isinstance(e, str) for e in events):
        problems.append(Problem(file, place, "events must be a list of event ids"))
        events = []
    elif len(events) > limits.step_events:
        problems.append(
            Problem(file, place, f"names {len(events):,} events; at most {limits.step_events}")
        )
        events = []
    elif len(set(events)) != len(events):
        problems.append(Problem(file, place, "names an event more than once"))
        events = []
    unknown = [e for e in events if e not in event_ids]
    if unknown:
        problems.append(Problem(file, place, f"unknown event ids: {', '.join(unknown)}"))
    if len(problems) > before or date is None:
        return None
    return TourStep(
        date=date,
        date_precision=str(spec["date_precision"]),
        extent=(float(extent[0]), float(extent[1]), float(extent[2]), float(extent[3])),
        title=texts["title"],
        caption=texts["caption"],
        events=tuple(events),
        source_title=texts["source_title"],
        source_url=texts["source_url"],
    )


def _tours(
    raw: dict[str, Any] | None,
    event_ids: set[str],
    manifest: Manifest,
    limits: PackLimits,
    problems: list[Problem],
) -> tuple[Tour, ...]:
    """Validate ``tours.json``: ordered steps, each with a date, an extent, a caption,
    known events and a source."""
    if raw is None:
        return ()
    file = "tours.json"
    specs = raw.get("tours")
    if not isinstance(specs, list) or not specs:
        problems.append(Problem(file, "tours", "must be a non-empty list of tours"))
        return ()
    if len(specs) > limits.tours:
        problems.append(Problem(file, "tours", f"has {len(specs)} tours; at most {limits.tours}"))
        return ()
    tours = []
    seen: set[str] = set()
    for number, spec in enumerate(specs, start=1):
        place = f"tour {number}"
        if not isinstance(spec, dict):
            problems.append(Problem(file, place, "must be an object"))
            continue
        tour_id = spec.get("id")
        if not isinstance(tour_id, str) or not SLUG.fullmatch(tour_id) or tour_id in seen:
            problems.append(Problem(file, place, "id must be a new lowercase slug"))
            continue
        seen.add(tour_id)
        place = f"tour {tour_id}"
        title = _text(spec.get("title", ""), file, place, "title", limits.short_text, problems)
        description = _text(
            spec.get("description", ""),
            file,
            place,
            "description",
            limits.long_text,
            problems,
            multiline=True,
        )
        steps_spec = spec.get("steps")
        if not title or not isinstance(steps_spec, list) or not steps_spec:
            problems.append(Problem(file, place, "needs a title and a non-empty list of steps"))
            continue
        if len(steps_spec) > limits.tour_steps:
            problems.append(
                Problem(file, place, f"has {len(steps_spec)} steps; at most {limits.tour_steps}")
            )
            continue
        steps = [
            _tour_step(step, f"{place} step {n}", event_ids, manifest, limits, problems)
            for n, step in enumerate(steps_spec, start=1)
        ]
        kept = [s for s in steps if s is not None]
        for n, (earlier, later) in enumerate(itertools.pairwise(kept), start=2):
            if later.date < earlier.date:
                problems.append(Problem(file, f"{place} step {n}", "steps must be in date order"))
        if len(kept) == len(steps):
            tours.append(Tour(id=tour_id, title=title, description=description, steps=tuple(kept)))
    return tuple(tours)


def _check_states(
    sovereignty: pd.DataFrame,
    boundaries: gpd.GeoDataFrame,
    depictions: tuple[Depiction, ...],
    limits: PackLimits,
    problems: list[Problem],
) -> None:
    """Bound the map's distinct states as the renderers count them: one per day on which
    a status, a line or a depiction starts or ends (the map and the site hold each)."""
    days = change_days(sovereignty, boundaries, depictions)
    if len(days) > limits.states:
        problems.append(
            Problem(
                "sovereignty.csv",
                "file",
                f"the map changes on {len(days):,} different days (a period, a boundary line "
                f"or a depiction starts or ends); at most {limits.states:,}",
            )
        )


def _depiction_row(
    row: Any,
    record: pd.Series,
    manifest: Manifest,
    line_ids: set[str],
    limits: PackLimits,
    problems: list[Problem],
) -> Depiction | None:
    """One row of ``depictions.csv``, or ``None`` (with problems) when it cannot be used."""
    file, place = "depictions.csv", f"row {row}"
    before = len(problems)
    texts = {
        key: _text(
            record[key],
            file,
            place,
            key,
            limits.long_text if key in ("note", "source_url") else limits.short_text,
            problems,
        )
        for key in DEPICTION_COLUMNS
    }
    if texts["worldview"] not in manifest.worldviews:
        problems.append(
            Problem(
                file, place, f"worldview '{texts['worldview']}' is not a worldview of pack.json"
            )
        )
    dates: dict[str, dt.date | None] = {"valid_from": None, "valid_to": None}
    for key in dates:
        if not texts[key] and key == "valid_to":
            continue
        try:
            day = parse_iso_date(texts[key])
        except ValueError as err:
            problems.append(Problem(file, place, f"{key} {err}"))
            continue
        if _year_in_range(day, file, place, key, limits, problems):
            dates[key] = day
    start, end = dates["valid_from"], dates["valid_to"]
    if start and end and end <= start:
        problems.append(Problem(file, place, f"valid_to ({end}) is not after valid_from ({start})"))
    precision = str(record.get("from_precision", "") or "day")
    if precision not in DATE_PRECISIONS:
        problems.append(
            Problem(file, place, f"from_precision must be one of {', '.join(DATE_PRECISIONS)}")
        )
    element, drawn_as = texts["element"], texts["drawn_as"]
    allowed = ISLAND_DRAWINGS if element == "islands" else LINE_DRAWINGS
    if element != "islands" and element not in line_ids:
        problems.append(
            Problem(
                file,
                place,
                f"element '{element}' is neither 'islands' nor a line of boundaries.geojson",
            )
        )
    elif drawn_as not in allowed:
        problems.append(
            Problem(
                file,
                place,
                f"drawn_as '{drawn_as}' is not one of {', '.join(allowed)} (for {element})",
            )
        )
    parties = tuple(p.strip() for p in texts["parties"].split(";") if p.strip())
    unknown = [p for p in parties if p not in manifest.parties]
    if unknown:
        problems.append(Problem(file, place, f"parties has unknown parties: {', '.join(unknown)}"))
    if drawn_as == "territory" and not parties:
        problems.append(Problem(file, place, "parties is empty: name whose territory is drawn"))
    if parties and drawn_as != "territory":
        problems.append(Problem(file, place, "parties is only used when drawn_as is 'territory'"))
    if drawn_as in ("territory", "border", "line") and not texts["label"]:
        problems.append(Problem(file, place, "label is empty: the legend needs it"))
    if not texts["source_title"]:
        problems.append(Problem(file, place, "source_title is empty"))
    if not HTTP_URL.fullmatch(texts["source_url"]):
        problems.append(Problem(file, place, "source_url must be an http(s) address"))
    if len(problems) > before or start is None:
        return None
    return Depiction(
        worldview=texts["worldview"],
        valid_from=start,
        valid_to=end,
        element=element,
        drawn_as=drawn_as,
        parties=parties,
        label=texts["label"],
        source_title=texts["source_title"],
        source_url=texts["source_url"],
        note=texts["note"],
        row=int(row),
        from_precision=precision,
    )


def _depictions(
    frame: pd.DataFrame | None,
    manifest: Manifest,
    boundaries: gpd.GeoDataFrame,
    limits: PackLimits,
    problems: list[Problem],
) -> tuple[Depiction, ...]:
    """Validate ``depictions.csv`` (optional): known worldviews, elements and parties,
    sourced rows, and no two rows for one worldview and element in force on one day."""
    file = "depictions.csv"
    if frame is None:
        return ()
    if not _usable_table(frame, file, DEPICTION_COLUMNS, (limits.depictions, "rows"), problems):
        return ()
    line_ids = set(boundaries["id"]) if not boundaries.empty else set()
    rows = [
        depiction
        for row, record in frame.iterrows()
        if (depiction := _depiction_row(row, record, manifest, line_ids, limits, problems))
    ]
    ordered = sorted(rows, key=lambda d: (d.worldview, d.element, d.valid_from))
    for earlier, later in itertools.pairwise(ordered):
        same = (earlier.worldview, earlier.element) == (later.worldview, later.element)
        if same and (earlier.valid_to is None or later.valid_from < earlier.valid_to):
            problems.append(
                Problem(
                    file,
                    f"row {later.row}",
                    f"overlaps row {earlier.row} ({later.worldview}, {later.element}): "
                    "one row per worldview and element on any day",
                )
            )
    return tuple(rows)


def validate_pack(raw: RawPack, limits: PackLimits = PACK_LIMITS) -> Dispute:
    """Validate every file of a pack and build the typed :class:`~geo.model.Dispute`.

    Parameters
    ----------
    raw : RawPack
        What :func:`geo.io.read_pack` read.
    limits : PackLimits
        The largest pack accepted (see :mod:`geo.limits`).

    Returns
    -------
    Dispute
        The validated pack.

    Raises
    ------
    DisputeDataError
        Listing every problem found, each as ``file:place: message``.
    """
    problems: list[Problem] = []
    warnings: list[str] = []
    budget = _Budget(limits)
    for file, value in (
        ("pack.json", raw.manifest),
        (raw.islands_file, raw.islands),
        ("context.geojson", raw.context),
        ("boundaries.geojson", raw.boundaries),
        ("overview.geojson", raw.overview),
        ("tours.json", raw.tours),
    ):
        problems.extend(json_text_problems(value, file))
    if problems:  # no later check may meet a text that cannot be encoded
        raise DisputeDataError(problems)
    manifest = _manifest(raw.manifest, problems, limits)
    if manifest is None:
        raise DisputeDataError(problems)
    islands = _islands(raw.islands, raw.islands_file, manifest, problems, warnings, budget)
    if problems:
        # Every later table refers to the islands; report their problems first.
        raise DisputeDataError(problems)
    unit_ids = set(islands["id"]) | set(manifest.groups)
    for number, layer in enumerate(manifest.names_layers):
        for unit in layer.names:
            if unit not in unit_ids:
                problems.append(
                    Problem(
                        "pack.json",
                        f"names_layers[{number}].names.{unit}",
                        "is not a group or island id",
                    )
                )
    events = _events(raw.events, unit_ids, problems, limits)
    event_ids = set(events["id"])
    sovereignty = _sovereignty(
        raw.sovereignty, unit_ids, event_ids, manifest.parties, problems, limits
    )
    boundaries = _boundaries(raw.boundaries, event_ids, manifest, problems, warnings, budget)
    context = _context(raw.context, manifest, problems, warnings, budget)
    overview = _context(raw.overview, manifest, problems, warnings, budget, "overview.geojson")
    tours = _tours(raw.tours, event_ids, manifest, limits, problems)
    depictions = _depictions(raw.depictions, manifest, boundaries, limits, problems)
    _check_states(sovereignty, boundaries, depictions, limits, problems)
    if problems:
        raise DisputeDataError(problems)
    events = events.sort_values(["date", "id"], kind="stable").reset_index(drop=True)
    return Dispute(
        manifest=manifest,
        islands=islands,
        events=events,
        sovereignty=sovereignty,
        context=context,
        boundaries=boundaries,
        overview=overview,
        folder=raw.folder,
        warnings=tuple(warnings),
        tours=tours,
        depictions=depictions,
        files=dict(raw.files),
    )
