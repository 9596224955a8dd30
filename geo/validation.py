"""Validation: turn a RawPack into a Dispute, or list everything wrong with it.

Each check names the file, the row (CSV rows count the header as row 1) or the
feature, and the problem. All problems are collected and raised together as one
:class:`~geo.errors.DisputeDataError`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely
from pyproj import Geod
from shapely.geometry import shape

from geo.errors import DisputeDataError, Problem
from geo.io import RawPack
from geo.model import Dispute, LocalName, Manifest, NamesLayer, Worldview
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
DATE_PRECISIONS = ("day", "month", "year")
SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
PARTY_CODE = re.compile(r"^[A-Z][A-Z0-9_]{0,9}$")
HEX_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
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
    if not ISO_DATE.match(text):
        raise ValueError(f"'{text}' is not an ISO date (YYYY-MM-DD)")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a real date") from None


def _manifest(raw: dict[str, Any], problems: list[Problem]) -> Manifest | None:
    """Validate ``pack.json``."""
    file = "pack.json"
    before = len(problems)
    for key in ("id", "title", "parties", "groups", "worldviews"):
        if key not in raw:
            problems.append(Problem(file, key, "required key is missing"))
    if len(problems) > before:
        return None
    parties: dict[str, Party] = {}
    raw_parties = raw["parties"] if isinstance(raw["parties"], dict) else {}
    if not raw_parties:
        problems.append(Problem(file, "parties", "must map party codes to name and color"))
    for code, spec in raw_parties.items():
        place = f"parties.{code}"
        if not PARTY_CODE.match(str(code)):
            problems.append(Problem(file, place, "party code must be 1-10 capitals, e.g. 'JP'"))
            continue
        if not isinstance(spec, dict) or not str(spec.get("name", "")).strip():
            problems.append(Problem(file, place, "needs a non-empty 'name'"))
            continue
        color = str(spec.get("color", ""))
        if not HEX_COLOR.match(color):
            problems.append(Problem(file, place, f"color '{color}' is not #RRGGBB"))
            continue
        parties[code] = Party(code=code, name=str(spec["name"]), color=color.upper())
    groups = raw["groups"] if isinstance(raw["groups"], dict) else {}
    if not groups:
        problems.append(Problem(file, "groups", "must map group ids to their names"))
    for group_id, names in groups.items():
        if not SLUG.match(str(group_id)):
            problems.append(
                Problem(file, f"groups.{group_id}", "group id must be a lowercase slug")
            )
        if not isinstance(names, dict):
            problems.append(Problem(file, f"groups.{group_id}", "must be an object of names"))
    sources = raw.get("sources", [])
    if not isinstance(sources, list):
        problems.append(Problem(file, "sources", "must be a list of texts"))
    worldviews: dict[str, Worldview] = {}
    raw_views = raw["worldviews"] if isinstance(raw["worldviews"], dict) else {}
    for code, spec in raw_views.items():
        if not isinstance(spec, dict) or not all(spec.get(k) for k in ("label", "name_field")):
            problems.append(Problem(file, f"worldviews.{code}", "needs 'label' and 'name_field'"))
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
    coverage_note = raw.get("coverage_note", "")
    if not isinstance(coverage_note, str):
        problems.append(Problem(file, "coverage_note", "must be a text"))
        coverage_note = ""
    layers = _names_layers(raw.get("names_layers", []), problems)
    if len(problems) > before:
        return None
    return Manifest(
        id=str(raw["id"]),
        title=str(raw["title"]),
        subtitle=str(raw.get("subtitle", "")),
        description=str(raw.get("description", "")),
        licence=str(raw.get("licence", "")),
        how_to_cite=str(raw.get("how_to_cite", "")),
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
            isinstance(s, dict)
            and s.get("title")
            and re.match(r"^https?://\S+$", str(s.get("url", "")))
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


def _features(collection: dict[str, Any], file: str, problems: list[Problem]) -> list[dict]:
    """The features of a FeatureCollection, or a problem."""
    if collection.get("type") != "FeatureCollection" or not isinstance(
        collection.get("features"), list
    ):
        problems.append(Problem(file, "file", "expected a GeoJSON FeatureCollection"))
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
) -> shapely.Geometry | None:
    """Parse, range-check and (where safe) repair one feature's geometry."""
    raw = feature.get("geometry")
    if not isinstance(raw, dict) or raw.get("type") not in kinds:
        problems.append(Problem(file, place, f"geometry must be one of {', '.join(kinds)}"))
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
    features = _features(raw, file, problems)
    if not features and raw.get("type") == "FeatureCollection":
        problems.append(Problem(file, "file", "has no features"))
    for number, feature in enumerate(features, start=1):
        found = _required_properties(feature, file, number, "id", required, problems)
        if found is None:
            continue
        props, place = found
        island_id = str(props["id"])
        if not SLUG.match(island_id):
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
        geometry = _geometry(
            feature, file, place, ("Polygon", "MultiPolygon"), manifest.extent, problems, warnings
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


def _events(frame: pd.DataFrame, unit_ids: set[str], problems: list[Problem]) -> pd.DataFrame:
    """Validate the history table; ``islands`` becomes a tuple, ``date`` a date."""
    file = "events.csv"
    if not _require_columns(frame, file, EVENT_COLUMNS, problems):
        return pd.DataFrame(columns=list(EVENT_COLUMNS))
    out = frame.copy()
    dates: list[dt.date | None] = []
    island_lists: list[tuple[str, ...]] = []
    seen: set[str] = set()
    for row, record in frame.iterrows():
        place = f"row {row}"
        event_id = record["id"]
        if not SLUG.match(event_id):
            problems.append(Problem(file, place, f"id '{event_id}' is not a lowercase slug"))
        elif event_id in seen:
            problems.append(Problem(file, place, f"duplicate id '{event_id}'"))
        seen.add(event_id)
        try:
            dates.append(parse_iso_date(record["date"]))
        except ValueError as err:
            problems.append(Problem(file, place, f"date {err}"))
            dates.append(None)
        if record["date_precision"] not in DATE_PRECISIONS:
            problems.append(
                Problem(
                    file,
                    place,
                    (f"date_precision '{record['date_precision']}' is not day, month or year"),
                )
            )
        if not SLUG.match(record["category"]):
            problems.append(Problem(file, place, "category must be a lowercase word"))
        for key in ("title", "summary", "source_title"):
            if not record[key]:
                problems.append(Problem(file, place, f"{key} is empty"))
        if not re.match(r"^https?://[^\s/$.?#][^\s]*$", record["source_url"]):
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
) -> pd.DataFrame:
    """Validate the periods: known units, parties and events; ordered, no overlap, no gap."""
    file = "sovereignty.csv"
    if not _require_columns(frame, file, SOVEREIGNTY_COLUMNS, problems):
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
        try:
            start = parse_iso_date(record["start"])
        except ValueError as err:
            problems.append(Problem(file, place, f"start {err}"))
        if record["end"]:
            try:
                end = parse_iso_date(record["end"])
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
) -> gpd.GeoDataFrame:
    """Validate the dated boundary lines."""
    file = "boundaries.geojson"
    records = []
    for number, feature in enumerate(_features(raw, file, problems) if raw else [], start=1):
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
        if valid_to is not None and valid_to <= valid_from:
            problems.append(Problem(file, place, "valid_to is not after valid_from"))
        if not isinstance(props["event_id"], str):
            problems.append(Problem(file, place, "event_id must be a text"))
            continue
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
        )
        if geometry is None:
            continue
        records.append(
            {
                "id": str(props.get("id", f"line-{number}")),
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
    file: str = "context.geojson",
) -> gpd.GeoDataFrame:
    """Validate background land: the context or the overview (names optional)."""
    records = []
    for number, feature in enumerate(_features(raw, file, problems) if raw else [], start=1):
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
        )
        if geometry is None:
            continue
        names = {k: str(v) for k, v in props.items() if str(k).startswith("name_") and v}
        records.append({"id": str(props.get("id", number)), **names, "geometry": geometry})
    if not records:  # an optional file that is absent or empty
        return gpd.GeoDataFrame({"id": [], "geometry": []}, geometry="geometry", crs="EPSG:4326")
    return gpd.GeoDataFrame(records, geometry="geometry", crs="EPSG:4326")


def validate_pack(raw: RawPack) -> Dispute:
    """Validate every file of a pack and build the typed :class:`~geo.model.Dispute`.

    Parameters
    ----------
    raw : RawPack
        What :func:`geo.io.read_pack` read.

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
    manifest = _manifest(raw.manifest, problems)
    if manifest is None:
        raise DisputeDataError(problems)
    islands = _islands(raw.islands, raw.islands_file, manifest, problems, warnings)
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
    events = _events(raw.events, unit_ids, problems)
    event_ids = set(events["id"])
    sovereignty = _sovereignty(raw.sovereignty, unit_ids, event_ids, manifest.parties, problems)
    boundaries = _boundaries(raw.boundaries, event_ids, manifest, problems, warnings)
    context = _context(raw.context, manifest, problems, warnings)
    overview = _context(raw.overview, manifest, problems, warnings, "overview.geojson")
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
    )
