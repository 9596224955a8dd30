"""The GeoJSON layers of a pack: the islands, the dated boundary lines and the
background land (context and overview), each checked on its own.

What a feature refers to elsewhere (a group of ``pack.json``, an event) is checked
in :mod:`geo.validation.rules`.
"""

from __future__ import annotations

import math
from typing import Any

import geopandas as gpd

from geo.errors import Phrase, Problem
from geo.i18n import N_, TRANSLATED, field_in
from geo.io import read_schema
from geo.limits import PackLimits
from geo.validation.geometry import (
    Budget,
    feature_properties,
    features_of,
    geodesic_area_km2,
    read_geometry,
    required_properties,
)
from geo.validation.text import (
    NAME_FIELD,
    SLUG,
    DateError,
    checked_text,
    parse_iso_date,
    schema_problems,
    year_in_range,
)

ISLAND_PROPERTIES = ("id", "group", "name_en")  # area_km2 optional: computed when absent
BOUNDARY_PROPERTIES = ("name", "valid_from", "valid_to", "event_id")
# A line's texts, each with optional translations (name_ja, method_ru…), and how long each may be.
BOUNDARY_TEXTS = (("name", "short_text"), ("method", "long_text"))
BOUNDARY_TRANSLATIONS = tuple(
    field_in(field, language) for field, _size in BOUNDARY_TEXTS for language in TRANSLATED
)
BOUNDARY_COLUMNS = (
    "id",
    "name",
    "valid_from",
    "valid_to",
    "event_id",
    "method",
    *BOUNDARY_TRANSLATIONS,
    "geometry",
)
WORLD = (-180.0, -90.0, 180.0, 90.0)
# area_km2 and the geometry's own geodesic area may differ by this much (rounding).
AREA_TOLERANCE = 0.01
# What a boundary line's valid_from and valid_to are called in a message about their years.
VALIDITY = Phrase(N_("validity"))


def islands_layer(
    raw: dict[str, Any],
    file: str,
    name_fields: tuple[str, ...],
    extent: tuple[float, float, float, float],
    problems: list[Problem],
    warnings: list[Problem],
    budget: Budget,
) -> gpd.GeoDataFrame:
    """The islands: unique ids, the names each naming reads, a true area, a polygon.

    Parameters
    ----------
    raw : dict
        The FeatureCollection as read.
    file : str
        Its name in the pack.
    name_fields : tuple of str
        The name properties the pack's worldviews read (besides ``name_en``).
    extent : tuple of float
        The pack's ``[west, south, east, north]``; every island lies inside.
    problems, warnings : list
        Where problems and notes of repairs are added.
    budget : Budget
        The vertices allowed and counted so far.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per usable island.
    """
    records = []
    seen: set[str] = set()
    required = (*ISLAND_PROPERTIES, *name_fields)
    island_schema = read_schema("island.schema.json")
    features = features_of(raw, file, problems, budget)
    if not features and raw.get("type") == "FeatureCollection":
        problems.append(Problem(file, "file", N_("has no features")))
    for number, feature in enumerate(features, start=1):
        found = required_properties(feature, file, number, "id", required, problems)
        if found is None:
            continue
        props, place = found
        typed = schema_problems(props, island_schema, file, place)
        if typed:
            problems.extend(typed)
            continue
        island_id = str(props["id"])
        if not SLUG.fullmatch(island_id):
            problems.append(
                Problem(file, place, N_("id '{id}' is not a lowercase slug"), {"id": island_id})
            )
        elif island_id in seen:
            problems.append(Problem(file, place, N_("duplicate id '{id}'"), {"id": island_id}))
        seen.add(island_id)
        area: float | None = None
        if props.get("area_km2") is not None:
            try:
                area = float(props["area_km2"])
                if not math.isfinite(area) or area <= 0:
                    raise ValueError
            except (TypeError, ValueError, OverflowError):
                problems.append(
                    Problem(file, place, N_("area_km2 must be a positive number (or left out)"))
                )
                continue
        for key in required:
            if key != "id":
                checked_text(props[key], file, place, key, budget.limits.short_text, problems)
            if key.startswith("name_") and isinstance(props[key], str) and not props[key].strip():
                # a map that labels an island with nothing would pass it over in silence
                problems.append(
                    Problem(file, place, N_("{key} is empty: give the island's name"), {"key": key})
                )
        kinds = ("Polygon", "MultiPolygon")
        geometry = read_geometry(feature, file, place, kinds, extent, problems, warnings, budget)
        if geometry is None:
            continue
        measured = geodesic_area_km2(geometry)
        if area is not None and abs(measured - area) > max(AREA_TOLERANCE * area, 0.05):
            problems.append(
                Problem(
                    file,
                    place,
                    N_(
                        "area_km2 says {area:g} but the geometry measures {measured:.2f} km² "
                        "(they may differ by 1 % or 0.05 km²; leave area_km2 out to have it "
                        "computed)"
                    ),
                    {"area": area, "measured": measured},
                )
            )
            continue
        record: dict[str, Any] = {key: str(props[key]) for key in required}
        record.update(area_km2=measured if area is None else area, geometry=geometry, feature=place)
        records.append(record)
    return gpd.GeoDataFrame(
        records,
        columns=[*required, "area_km2", "feature", "geometry"],
        geometry="geometry",
        crs="EPSG:4326",
    )


def boundaries_layer(
    raw: dict[str, Any] | None,
    extent: tuple[float, float, float, float],
    problems: list[Problem],
    warnings: list[Problem],
    budget: Budget,
) -> gpd.GeoDataFrame:
    """The dated boundary lines (optional): a name, a validity, a unique id, a line."""
    file = "boundaries.geojson"
    records = []
    seen: set[str] = set()
    limits = budget.limits
    features = features_of(raw, file, problems, budget) if raw else []
    for number, feature in enumerate(features, start=1):
        found = required_properties(feature, file, number, "name", BOUNDARY_PROPERTIES, problems)
        if found is None:
            continue
        props, place = found
        try:
            valid_from = parse_iso_date(str(props["valid_from"]))
            valid_to = parse_iso_date(str(props["valid_to"])) if props["valid_to"] else None
        except DateError as err:
            if err.written:
                message = N_("valid_from/valid_to: '{value}' is not a real date")
            else:
                message = N_("valid_from/valid_to: '{value}' is not an ISO date (YYYY-MM-DD)")
            problems.append(Problem(file, place, message, {"value": err.text}))
            continue
        if not all(
            year_in_range(d, file, place, VALIDITY, limits, problems)
            for d in (valid_from, valid_to)
            if d is not None
        ):
            continue
        checked_text(props["name"], file, place, "name", limits.short_text, problems)
        checked_text(props.get("method", ""), file, place, "method", limits.long_text, problems)
        translations = _line_translations(props, file, place, limits, problems)
        if translations is None:
            continue
        if valid_to is not None and valid_to <= valid_from:
            problems.append(Problem(file, place, N_("valid_to is not after valid_from")))
        if not isinstance(props["event_id"], str):
            problems.append(Problem(file, place, N_("event_id must be a text")))
            continue
        line_id = props.get("id", f"line-{number}")
        if not isinstance(line_id, str) or not SLUG.fullmatch(line_id):
            problems.append(
                Problem(file, place, N_("id must be a lowercase slug of at most 80 characters"))
            )
            continue
        if line_id in seen:
            problems.append(Problem(file, place, N_("duplicate id '{id}'"), {"id": line_id}))
            continue
        seen.add(line_id)
        kinds = ("LineString", "MultiLineString")
        geometry = read_geometry(feature, file, place, kinds, extent, problems, warnings, budget)
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
                **translations,
                "geometry": geometry,
                "feature": place,
            }
        )
    return gpd.GeoDataFrame(
        records, columns=[*BOUNDARY_COLUMNS, "feature"], geometry="geometry", crs="EPSG:4326"
    )


def _line_translations(
    props: dict[str, Any], file: str, place: str, limits: PackLimits, problems: list[Problem]
) -> dict[str, str] | None:
    """A line's translations of its name and method (``name_ja``, ``method_ru``…): each
    optional, but when given a non-empty text as long as the English may be; every one
    of :data:`BOUNDARY_TRANSLATIONS` is in the result (``""`` where not given).
    ``None`` when one is not a text."""
    found = dict.fromkeys(BOUNDARY_TRANSLATIONS, "")
    before = len(problems)
    for field, size in BOUNDARY_TEXTS:
        for language in TRANSLATED:
            key = field_in(field, language)
            if key not in props:
                continue
            value = props[key]
            if not isinstance(value, str):
                problems.append(Problem(file, place, N_("{key} must be a text"), {"key": key}))
                continue
            most = limits.short_text if size == "short_text" else limits.long_text
            found[key] = checked_text(value, file, place, key, most, problems).strip()
            if not found[key]:
                problems.append(
                    Problem(
                        file,
                        place,
                        N_("{key} is empty: give the translation or leave the field out"),
                        {"key": key},
                    )
                )
    return found if len(problems) == before else None


def land_layer(
    raw: dict[str, Any] | None,
    problems: list[Problem],
    warnings: list[Problem],
    budget: Budget,
    file: str = "context.geojson",
) -> gpd.GeoDataFrame:
    """Background land, the context or the overview (optional; names optional)."""
    records = []
    features = features_of(raw, file, problems, budget) if raw else []
    for number, feature in enumerate(features, start=1):
        props = feature_properties(feature, file, number, problems)
        if props is None:
            continue
        place = f"feature {number}"
        kinds = ("Polygon", "MultiPolygon")
        geometry = read_geometry(feature, file, place, kinds, WORLD, problems, warnings, budget)
        if geometry is None:
            continue
        feature_id = props.get("id", number)
        if isinstance(feature_id, bool) or not isinstance(feature_id, str | int):
            problems.append(Problem(file, place, N_("id must be a text or a number")))
            continue
        checked_text(feature_id, file, place, "id", 80, problems)
        names = {}
        for key, value in props.items():
            if not NAME_FIELD.fullmatch(str(key)) or not value:
                continue
            if not isinstance(value, str):
                problems.append(Problem(file, place, N_("{key} must be a text"), {"key": key}))
                continue
            names[key] = checked_text(value, file, place, key, budget.limits.short_text, problems)
        records.append({"id": str(feature_id), **names, "geometry": geometry})
    if not records:  # an optional file that is absent or empty
        return gpd.GeoDataFrame({"id": [], "geometry": []}, geometry="geometry", crs="EPSG:4326")
    return gpd.GeoDataFrame(records, geometry="geometry", crs="EPSG:4326")
