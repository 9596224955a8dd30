"""Validation: turn a RawPack into a Dispute, or list everything wrong with it.

Each check names the file, the row (CSV rows count the header as row 1) or the
feature, and the problem. All problems are collected and raised together as one
:class:`~geo.errors.DisputeDataError`.

The rooms, in the order a pack is checked:

- :mod:`~geo.validation.text` — what every file shares: ids, dates, addresses,
  printable text, and the reading of a JSON Schema's verdict;
- :mod:`~geo.validation.manifest` — ``pack.json`` against ``pack.schema.json``;
- :mod:`~geo.validation.geometry` and :mod:`~geo.validation.layers` — the GeoJSON
  files: readable geometry in degrees, inside the extent, within the vertex budget;
- :mod:`~geo.validation.specs` and :mod:`~geo.validation.tables` — the CSV tables,
  each stated once as a spec of its columns;
- :mod:`~geo.validation.tours` — ``tours.json``;
- :mod:`~geo.validation.rules` — what holds between files: the ids one file names
  exist in another, every group has an island, the map changes on few enough days.
"""

from __future__ import annotations

from geo.errors import DisputeDataError, Problem
from geo.io import RawPack
from geo.limits import PACK_LIMITS, PackLimits
from geo.model import Dispute, Manifest
from geo.validation import rules
from geo.validation.geometry import Budget, geodesic_area_km2
from geo.validation.layers import boundaries_layer, islands_layer, land_layer
from geo.validation.manifest import read_manifest
from geo.validation.specs import ALL_ISLANDS, DEPICTIONS, EVENTS, SOVEREIGNTY
from geo.validation.tables import depictions_table, events_table, sovereignty_table
from geo.validation.text import (
    json_text_problems,
    parse_iso_date,
    schema_problems,
    text_problem,
)
from geo.validation.tours import read_tours

__all__ = [
    "ALL_ISLANDS",
    "geodesic_area_km2",
    "json_text_problems",
    "parse_iso_date",
    "schema_problems",
    "text_problem",
    "validate_pack",
]


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
    warnings: list[Problem] = []
    budget = Budget(limits)
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
    manifest = read_manifest(raw.manifest, limits, problems)
    if manifest is None:
        raise DisputeDataError(problems)
    islands = islands_layer(
        raw.islands,
        raw.islands_file,
        _name_fields(manifest),
        manifest.extent,
        problems,
        warnings,
        budget,
    )
    rules.island_groups(islands, raw.islands_file, manifest, problems)
    if problems:
        # Every later table refers to the islands; report their problems first.
        raise DisputeDataError(problems)
    events = events_table(raw.events, limits, problems)
    sovereignty = sovereignty_table(raw.sovereignty, limits, problems)
    boundaries = boundaries_layer(raw.boundaries, manifest.extent, problems, warnings, budget)
    context = land_layer(raw.context, problems, warnings, budget)
    overview = land_layer(raw.overview, problems, warnings, budget, "overview.geojson")
    tours = read_tours(raw.tours, limits, problems)
    depiction_rows, depictions = depictions_table(raw.depictions, limits, problems)

    known = rules.KnownIds(
        units=frozenset(islands["id"]) | frozenset(manifest.groups),
        events=frozenset(events["id"]),
        parties=frozenset(manifest.parties),
        worldviews=frozenset(manifest.worldviews),
        lines=frozenset(boundaries["id"]),
    )
    rules.name_units(manifest, known.units, problems)
    rules.table_references(events, EVENTS, known, problems)
    rules.table_references(sovereignty, SOVEREIGNTY, known, problems)
    rules.table_references(depiction_rows, DEPICTIONS, known, problems)
    rules.boundary_events(boundaries, known.events, problems)
    rules.tour_references(tours, known.events, manifest, problems)
    rules.state_count(sovereignty, boundaries, depictions, limits, problems)
    if problems:
        raise DisputeDataError(problems)
    return Dispute(
        manifest=manifest,
        islands=islands.drop(columns="feature"),
        events=events.sort_values(["date", "id"], kind="stable").reset_index(drop=True),
        sovereignty=sovereignty,
        context=context,
        boundaries=boundaries.drop(columns="feature"),
        overview=overview,
        folder=raw.folder,
        warnings=tuple(warnings),
        tours=tours,
        depictions=depictions,
        files=dict(raw.files),
    )


def _name_fields(manifest: Manifest) -> tuple[str, ...]:
    """The name properties the pack's worldviews read from each island (besides English)."""
    fields = (
        field
        for view in manifest.worldviews.values()
        for field in (view.name_field, view.latin_field)
        if field != "name_en"
    )
    return tuple(dict.fromkeys(fields))
