"""The rules between a pack's files: every id one file names exists in the file that
defines it, every group has an island, tours stay inside the pack's extent, and the
map changes on few enough days.

The references of the CSV tables are declared in their specs
(:mod:`geo.validation.specs`, ``refers_to``); those of the JSON files are named here.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from geo.errors import Problem, ngettext
from geo.i18n import N_
from geo.limits import PackLimits
from geo.model import Depiction, Manifest, Tour, change_days
from geo.validation.specs import Known, TableSpec
from geo.validation.tours import FILE as TOURS_FILE


@dataclass(frozen=True)
class KnownIds:
    """The ids each file defines, which other files refer to.

    Attributes
    ----------
    units : frozenset of str
        Island ids and group ids.
    events : frozenset of str
        Event ids of ``events.csv``.
    parties : frozenset of str
        Party codes of ``pack.json``.
    worldviews : frozenset of str
        Worldview codes of ``pack.json``.
    lines : frozenset of str
        Line ids of ``boundaries.geojson``.
    """

    units: frozenset[str] = frozenset()
    events: frozenset[str] = frozenset()
    parties: frozenset[str] = frozenset()
    worldviews: frozenset[str] = frozenset()
    lines: frozenset[str] = frozenset()

    def of(self, kind: Known) -> frozenset[str]:
        """The ids of one kind."""
        ids: frozenset[str] = getattr(self, kind)
        return ids


def table_references(
    table: pd.DataFrame | None, spec: TableSpec, known: KnownIds, problems: list[Problem]
) -> None:
    """Every cell of a table that refers to another file names an id that file defines.

    Parameters
    ----------
    table : pandas.DataFrame or None
        The table as :func:`geo.validation.tables.read_table` parsed it.
    spec : TableSpec
        Its columns, some with ``refers_to``.
    known : KnownIds
        The ids the other files define.
    problems : list of Problem
        Where each unknown id is reported, with the column's own message.
    """
    if table is None or table.empty:
        return
    for column in (*spec.columns, *spec.optional):
        if column.refers_to is None or column.name not in table.columns:
            continue
        ids = known.of(column.refers_to) | set(column.also)
        for row, value in table[column.name].items():
            place = f"row {row}"
            if isinstance(value, tuple):
                unknown = [item for item in value if item not in ids]
                if unknown:
                    values = {"values": ", ".join(unknown)}
                    problems.append(Problem(spec.file, place, column.unknown, values))
            elif value and value not in ids:
                problems.append(Problem(spec.file, place, column.unknown, {"value": value}))


def island_groups(
    islands: gpd.GeoDataFrame, file: str, manifest: Manifest, problems: list[Problem]
) -> None:
    """Each island belongs to a group of ``pack.json``, bears no other group's name, and
    each group has an island."""
    groups = manifest.groups
    for _, island in islands.iterrows():
        place = island["feature"]
        if island["id"] in groups and island["id"] != island["group"]:
            problems.append(
                Problem(file, place, N_("id '{id}' is also a group name"), {"id": island["id"]})
            )
        if island["group"] not in groups:
            problems.append(
                Problem(
                    file,
                    place,
                    N_("group '{group}' is not one of {groups}"),
                    {"group": island["group"], "groups": ", ".join(groups)},
                )
            )
    if not islands.empty:
        for group_id in groups:
            if not (islands["group"] == group_id).any():
                problems.append(
                    Problem(file, "file", N_("no island of group '{group}'"), {"group": group_id})
                )


def name_units(manifest: Manifest, units: frozenset[str], problems: list[Problem]) -> None:
    """Each local name of ``pack.json`` names a group or an island."""
    for number, layer in enumerate(manifest.names_layers):
        for unit in layer.names:
            if unit not in units:
                problems.append(
                    Problem(
                        "pack.json",
                        f"names_layers[{number}].names.{unit}",
                        N_("is not a group or island id"),
                    )
                )


def boundary_events(
    boundaries: gpd.GeoDataFrame, events: frozenset[str], problems: list[Problem]
) -> None:
    """Each boundary line that names the event that drew it names one of ``events.csv``."""
    for _, line in boundaries.iterrows():
        if line["event_id"] and line["event_id"] not in events:
            problems.append(
                Problem(
                    "boundaries.geojson",
                    line["feature"],
                    N_("event_id '{value}' is not in events.csv"),
                    {"value": line["event_id"]},
                )
            )


def tour_references(
    tours: tuple[Tour, ...], events: frozenset[str], manifest: Manifest, problems: list[Problem]
) -> None:
    """Each tour step highlights events of ``events.csv`` and frames a part of the
    pack's extent."""
    west, south, east, north = manifest.extent
    for tour in tours:
        for number, step in enumerate(tour.steps, start=1):
            place = f"tour {tour.id} step {number}"
            unknown = [e for e in step.events if e not in events]
            if unknown:
                problems.append(
                    Problem(
                        TOURS_FILE,
                        place,
                        N_("unknown event ids: {ids}"),
                        {"ids": ", ".join(unknown)},
                    )
                )
            w, s, e, n = step.extent
            if not (west <= w and e <= east and south <= s and n <= north):
                problems.append(
                    Problem(
                        TOURS_FILE,
                        place,
                        N_("extent must be [west, south, east, north] inside the pack's extent"),
                    )
                )


def state_count(
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
                ngettext(
                    "the map changes on {count:,} different day (a period, a boundary line "
                    "or a depiction starts or ends); at most {most:,}",
                    "the map changes on {count:,} different days (a period, a boundary line "
                    "or a depiction starts or ends); at most {most:,}",
                    len(days),
                ),
                {"count": len(days), "most": limits.states},
            )
        )
