"""Making a pack: a draft (plain JSON, saved as the author works) turned into pack files.

A draft holds what the author entered — the pack's texts, its area, the islands
(with their shapes, taken from GSHHG or an imported file), the namings, parties,
periods and events — as lists of rows. :func:`pack_files` writes the pack's files
from it; :func:`check_draft` has the pack validator read them, so a draft is
judged by exactly the rules a pack is, and its problems are mapped back to the
rows the author typed (:func:`row_problems`).
"""

from __future__ import annotations

import copy
import csv
import io
import json
import math
import re
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import shapely
from babel.lists import format_list
from shapely.geometry import Polygon, mapping, shape

from geo import paths
from geo.errors import DisputeDataError, Phrase, Problem
from geo.i18n import DEFAULT_LANGUAGE, LOCALES, N_, texts
from geo.limits import PACK_LIMITS
from geo.model import Dispute
from geo.validation.geometry import geodesic_area_km2
from geo.validation.manifest import read_manifest
from geo.validation.specs import EVENTS, SOVEREIGNTY

DRAFT_VERSION = 1
ISLANDS_FILE = "islands.geojson"
# The area an author may search for islands: GSHHG at full resolution over at most this
# many degrees each way (the land of a pack is drawn at full resolution up to 8°).
AREA_MAX_DEGREES = 8.0
CANDIDATES_MAX = 80  # the largest islands of an area offered for ticking
CANDIDATE_MIN_KM2 = 0.05  # GSHHG holds rocks of a few hundred square metres
COORDINATE_DECIMALS = 5  # about a metre: what the shipped packs keep
DEFAULT_LICENCE = "History tables CC BY 4.0; coastlines GSHHG (LGPL-3.0-or-later)"
CATEGORIES = ("treaty", "military", "diplomatic", "statement", "visit", "legal", "other")
# Parties' colours offered in turn (Okabe and Ito's palette, told apart with colour blindness).
PARTY_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")

# The rows of each table, in the order the pack's files hold them.
PARTY_COLUMNS = ("code", "name", "color")
NAMING_COLUMNS = ("field", "label")
EVENT_COLUMNS = EVENTS.names
PERIOD_COLUMNS = (*SOVEREIGNTY.names, "note")
GROUP_COLUMNS = ("id",)
ISLAND_COLUMNS = ("id", "group")
TABLES = ("namings", "parties", "groups", "islands", "periods", "events")


def new_draft() -> dict[str, Any]:
    """An empty draft: English names, no islands, no rows.

    Returns
    -------
    dict
        A JSON-able draft (see the module's docstring).
    """
    return {
        "version": DRAFT_VERSION,
        "about": {
            "id": "",
            "title": "",
            "subtitle": "",
            "description": "",
            "licence": DEFAULT_LICENCE,
            "how_to_cite": "",
            "sources": "",
        },
        "area": None,
        "namings": [{"field": "name_en", "label": "English names"}],
        "parties": [],
        "groups": [],
        "islands": [],
        "periods": [],
        "events": [],
    }


def next_colour(draft: dict[str, Any]) -> str:
    """The first colour of :data:`PARTY_COLOURS` no party of the draft has yet."""
    used = {str(row.get("color") or "").upper() for row in draft["parties"]}
    return next((c for c in PARTY_COLOURS if c not in used), PARTY_COLOURS[0])


def groups_without_period(draft: dict[str, Any]) -> list[str]:
    """The groups no period of the draft names yet."""
    covered = {str(row.get("group") or "").strip() for row in draft["periods"]}
    return [group["id"] for group in draft["groups"] if group["id"] not in covered]


def name_fields(draft: dict[str, Any]) -> list[str]:
    """The name properties each island and group carries: ``name_en`` and the namings'."""
    fields = ["name_en"]
    for row in draft.get("namings", []):
        field = str(row.get("field") or "").strip()
        if field and field not in fields:
            fields.append(field)
    return fields


def check_area(
    area: Any, language: str = DEFAULT_LANGUAGE
) -> tuple[float, float, float, float] | str:
    """The area as ``(west, south, east, north)``, or why it cannot be used (in words).

    Parameters
    ----------
    area : sequence of four numbers
    language : str
        The language of the words (a code of :data:`geo.i18n.LANGUAGES`).

    Returns
    -------
    tuple of float or str
    """
    _ = texts(language).gettext
    try:
        west, south, east, north = (float(v) for v in area)
    except (TypeError, ValueError):
        return _("give the area as four numbers: west, south, east, north (degrees)")
    if not all(math.isfinite(v) for v in (west, south, east, north)):
        return _("the area's corners must be numbers")
    if not (-180 <= west < east <= 180):
        return _("west must be less than east, both from -180 to 180 (e.g. 55.0 and 55.4)")
    if not (-90 <= south < north <= 90):
        return _("south must be less than north, both from -90 to 90 (e.g. 25.8 and 26.3)")
    if east - west > AREA_MAX_DEGREES or north - south > AREA_MAX_DEGREES:
        return _("the area may span at most {degrees}° each way; draw a smaller one").format(
            degrees=f"{AREA_MAX_DEGREES:g}"
        )
    return west, south, east, north


def island_candidates(
    rings: list[Any], area: tuple[float, float, float, float]
) -> gpd.GeoDataFrame:
    """The islands lying wholly inside an area, largest first.

    Parameters
    ----------
    rings : list of array-like
        GSHHG land rings (``geo.io.read_gshhg_rings`` for the area).
    area : (west, south, east, north)

    Returns
    -------
    geopandas.GeoDataFrame
        ``key`` (``c1``, ``c2``… by size), ``area_km2``, ``lat``, ``lon`` and the
        polygon; at most :data:`CANDIDATES_MAX`, none under
        :data:`CANDIDATE_MIN_KM2`.
    """
    window = shapely.box(*area)
    found = []
    for ring in rings:
        if len(ring) < 4:
            continue
        polygon = shapely.make_valid(Polygon(ring))
        if polygon.is_empty or not window.contains(polygon):
            continue
        km2 = geodesic_area_km2(polygon)
        if km2 >= CANDIDATE_MIN_KM2:
            found.append((km2, polygon))
    found.sort(key=lambda item: -item[0])
    found = found[:CANDIDATES_MAX]
    points = [polygon.representative_point() for _, polygon in found]
    return gpd.GeoDataFrame(
        {
            "key": [f"c{n}" for n in range(1, len(found) + 1)],
            "area_km2": [round(km2, 3) for km2, _ in found],
            "lat": [round(p.y, 4) for p in points],
            "lon": [round(p.x, 4) for p in points],
        },
        geometry=[polygon for _, polygon in found],
        crs="EPSG:4326",
    )


def slug(text: str, fallback: str) -> str:
    """A lowercase id made of a text's letters and digits (``fallback`` when none)."""
    made = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]
    return made or fallback


def _rounded(geometry: shapely.Geometry) -> dict[str, Any]:
    """A geometry as GeoJSON with coordinates to :data:`COORDINATE_DECIMALS` places."""
    snapped = shapely.set_precision(geometry, 10**-COORDINATE_DECIMALS)
    return dict(mapping(shapely.make_valid(snapped)))


def add_islands(draft: dict[str, Any], shapes: gpd.GeoDataFrame) -> dict[str, Any]:
    """A copy of the draft with more islands, each its own group until the author groups it.

    Parameters
    ----------
    draft : dict
    shapes : geopandas.GeoDataFrame
        Polygons in EPSG:4326; a ``name`` column, when present, gives ``name_en``.

    Returns
    -------
    dict
        The new draft: an island row per shape (id and group ``island-N``, the
        name fields empty to fill in) and a group row per new group.
    """
    changed = copy.deepcopy(draft)
    taken = {row["id"] for row in changed["islands"]} | {row["id"] for row in changed["groups"]}
    number = len(changed["islands"])
    fields = name_fields(changed)
    for _, item in shapes.iterrows():
        number += 1
        while f"island-{number}" in taken:
            number += 1
        ident = f"island-{number}"
        taken.add(ident)
        name = str(item.get("name") or "") if "name" in shapes.columns else ""
        names = {field: (name if field == "name_en" else "") for field in fields}
        changed["islands"].append({"id": ident, "group": ident, **names})
        changed["islands"][-1]["geometry"] = _rounded(item.geometry)
        changed["groups"].append({"id": ident, **{field: "" for field in fields}})
    return changed


def taken_candidates(draft: dict[str, Any], candidates: gpd.GeoDataFrame) -> list[bool]:
    """For each candidate island, whether the draft has it already (its shapes overlap)."""
    own = [shape(row["geometry"]) for row in draft["islands"] if row.get("geometry")]
    if not own:
        return [False] * len(candidates)
    mine = shapely.union_all(own)
    return [
        bool(mine.intersects(polygon.representative_point())) for polygon in candidates.geometry
    ]


def island_area_km2(row: dict[str, Any]) -> float | None:
    """An island row's area on the WGS84 ellipsoid (``None`` without a shape)."""
    geometry = row.get("geometry")
    return geodesic_area_km2(shape(geometry)) if geometry else None


def drop_island(draft: dict[str, Any], ident: str) -> dict[str, Any]:
    """A copy of the draft without an island (and its group, if no other island has it)."""
    changed = copy.deepcopy(draft)
    changed["islands"] = [row for row in changed["islands"] if row["id"] != ident]
    used = {row["group"] for row in changed["islands"]}
    changed["groups"] = [row for row in changed["groups"] if row["id"] in used]
    return changed


def synced_groups(draft: dict[str, Any]) -> dict[str, Any]:
    """A copy whose groups are exactly those the islands name (new ones added, unused
    ones dropped), with every name field."""
    changed = copy.deepcopy(draft)
    fields = name_fields(changed)
    wanted = []
    for row in changed["islands"]:
        group = str(row.get("group") or "").strip()
        if group and group not in wanted:
            wanted.append(group)
    known = {row["id"]: row for row in changed["groups"]}
    changed["groups"] = [
        {"id": group, **{field: str(known.get(group, {}).get(field) or "") for field in fields}}
        for group in wanted
    ]
    for row in changed["islands"]:
        for field in fields:
            row.setdefault(field, "")
    return changed


def _group_names(draft: dict[str, Any], group: dict[str, Any], fields: list[str]) -> dict:
    """A group's names; a blank one is its only island's name (one island, one name)."""
    members = [row for row in draft["islands"] if row.get("group") == group["id"]]
    names = {}
    for field in fields:
        given = str(group.get(field) or "").strip()
        if not given and len(members) == 1:
            given = str(members[0].get(field) or "").strip()
        if given:
            names[field] = given
    return names


def pack_id(draft: dict[str, Any]) -> str:
    """The pack's id: the one given, else one made from the title."""
    about = draft["about"]
    return str(about.get("id") or "").strip() or slug(str(about.get("title") or ""), "dispute")


def pack_extent(draft: dict[str, Any]) -> tuple[float, float, float, float]:
    """The pack's extent: its area, else its islands with a margin, else the whole globe."""
    area = check_area(draft.get("area"))
    if isinstance(area, tuple):
        return area
    shapes = [shape(row["geometry"]) for row in draft["islands"] if row.get("geometry")]
    if not shapes:
        return (-180.0, -85.0, 180.0, 85.0)
    west, south, east, north = shapely.union_all(shapes).bounds
    pad = max(east - west, north - south, 0.05) * 0.5
    return (
        max(-180.0, west - pad),
        max(-90.0, south - pad),
        min(180.0, east + pad),
        min(90.0, north + pad),
    )


def _zoom_for(extent: tuple[float, float, float, float], pixels: int = 900) -> int:
    """The web map zoom at which an extent is about ``pixels`` wide or tall."""
    west, south, east, north = extent
    middle = math.radians((south + north) / 2)
    across = max((east - west) * math.cos(middle), north - south, 1e-6)
    return int(np.clip(math.floor(math.log2(pixels / 256 * 360 / across)), 2, 14))


def pack_files(draft: dict[str, Any]) -> dict[str, bytes]:
    """The files of the pack a draft describes, as the pack format has them.

    Parameters
    ----------
    draft : dict

    Returns
    -------
    dict of str to bytes
        ``pack.json``, ``islands.geojson``, ``events.csv``, ``sovereignty.csv``.
        Blank cells stay blank: the validator, not this function, says what is
        missing.
    """
    about = draft["about"]
    fields = name_fields(draft)
    namings = [row for row in draft["namings"] if str(row.get("field") or "").strip()]
    worldviews = {}
    for row in namings:
        field = str(row["field"]).strip()
        code = field.removeprefix("name_") or field
        worldviews[code] = {
            "label": str(row.get("label") or "").strip() or field,
            "name_field": field,
            "latin_field": "name_en",
        }
    extent = pack_extent(draft)
    first = next(iter(worldviews), "en")
    manifest = {
        "id": pack_id(draft),
        "title": str(about.get("title") or "").strip(),
        "subtitle": str(about.get("subtitle") or "").strip(),
        "description": str(about.get("description") or "").strip(),
        "licence": str(about.get("licence") or "").strip(),
        "how_to_cite": str(about.get("how_to_cite") or "").strip(),
        "sources": [
            line.strip() for line in str(about.get("sources") or "").splitlines() if line.strip()
        ],
        "islands_file": ISLANDS_FILE,
        "groups": {row["id"]: _group_names(draft, row, fields) for row in draft["groups"]},
        "parties": {
            str(row.get("code") or "").strip(): {
                "name": str(row.get("name") or "").strip(),
                "color": str(row.get("color") or "").strip(),
            }
            for row in draft["parties"]
        },
        "worldviews": worldviews,
        "default_view": _default_view(draft, first, extent),
        "extent": [round(v, 4) for v in extent],
    }
    features = []
    for row in draft["islands"]:
        properties = {"id": row.get("id", ""), "group": row.get("group", "")}
        properties.update({field: str(row.get(field) or "").strip() for field in fields})
        features.append(
            {"type": "Feature", "properties": properties, "geometry": row.get("geometry")}
        )
    islands = {"type": "FeatureCollection", "features": features}
    return {
        paths.MANIFEST_FILE: json.dumps(manifest, ensure_ascii=False, indent=1).encode(),
        ISLANDS_FILE: json.dumps(islands, ensure_ascii=False).encode(),
        paths.EVENTS_FILE: _csv(draft["events"], EVENT_COLUMNS),
        paths.SOVEREIGNTY_FILE: _csv(draft["periods"], PERIOD_COLUMNS),
    }


def _default_view(
    draft: dict[str, Any], worldview: str, extent: tuple[float, float, float, float]
) -> dict[str, Any]:
    """The view the pack opens on: its area, at the year of its latest event or period
    (a pack whose story ends in 1971 does not open on an empty today)."""
    west, south, east, north = extent
    view: dict[str, Any] = {
        "worldview": worldview,
        "center": [round((south + north) / 2, 4), round((west + east) / 2, 4)],
        "zoom": _zoom_for(extent),
    }
    years = [
        int(match.group(1))
        for row in (*draft["events"], *draft["periods"])
        for text in (str(row.get("date") or row.get("start") or ""),)
        if (match := re.fullmatch(r"(\d{4})-\d{2}-\d{2}", text.strip()))
    ]
    if years:
        view["year"] = max(years)
    return view


def _csv(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> bytes:
    """Rows as CSV text with a header (blank cells for missing values)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else str(row.get(c)).strip() for c in columns])
    return out.getvalue().encode("utf-8")


def pack_zip(draft: dict[str, Any]) -> bytes:
    """The draft's pack as a zip of one folder (named by the pack's id), as the explorer
    opens it."""
    files = pack_files(draft)
    folder = slug(pack_id(draft), "dispute")  # a folder name even when the id is not valid
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(files.items()):
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


@dataclass(frozen=True)
class DraftCheck:
    """What the validator said of a draft: the pack when it is usable, else its problems."""

    dispute: Dispute | None
    problems: tuple[Problem, ...]

    @property
    def ready(self) -> bool:
        """Whether the draft is a pack the explorer can open."""
        return self.dispute is not None and not self.problems


class Listed(Phrase):
    """Codes joined as a language lists them: "IR and AE", 「IR、AE」, «IR и AE»."""

    items: tuple[str, ...]

    def __init__(self, items: list[str]) -> None:
        super().__init__(" and ".join(items))
        object.__setattr__(self, "items", tuple(items))

    def text(self, language: str = DEFAULT_LANGUAGE) -> str:
        """The items as a list in a language's words (CLDR, via Babel)."""
        return format_list(list(self.items), locale=LOCALES.get(language, language))


def draft_problems(draft: dict[str, Any]) -> list[Problem]:
    """What the author has not given yet, in words (before the files are checked).

    Each message is a template of the catalogue with its values, so a page writes it
    in its reader's language (:meth:`geo.errors.Problem.text`).
    """
    problems = []
    if not str(draft["about"].get("title") or "").strip():
        problems.append(Problem("pack.json", "title", N_("give the dispute a title")))
    if not draft["islands"]:
        problems.append(
            Problem(
                ISLANDS_FILE,
                "file",
                N_("no islands yet: tick islands of the area or import shapes"),
            )
        )
    fields = name_fields(draft)
    for group in draft["groups"]:
        members = sum(1 for row in draft["islands"] if row.get("group") == group["id"])
        # a group of one island takes the island's name, whose problems its row shows
        if members > 1 and "name_en" not in _group_names(draft, group, fields):
            problems.append(
                Problem(
                    "pack.json",
                    f"groups.{group['id']}",
                    N_("name this group of several islands (name_en, e.g. The Tunbs)"),
                )
            )
    if not draft["parties"]:
        problems.append(
            Problem("pack.json", "parties", N_("add the parties (e.g. IR, Iran, #D55E00)"))
        )
    for group in groups_without_period(draft):
        problems.append(
            Problem(
                "sovereignty.csv",
                "file",
                N_("add a period for group '{group}' (who administered and claimed it)"),
                {"group": group},
            )
        )
    colours: dict[str, list[str]] = {}
    for row in draft["parties"]:
        colours.setdefault(str(row.get("color") or "").upper(), []).append(str(row.get("code")))
    for colour, codes in colours.items():
        if colour and len(codes) > 1:
            problems.append(
                Problem(
                    "pack.json",
                    "parties",
                    N_(
                        "{parties} share the colour {colour}: readers could not tell them "
                        "apart on the map"
                    ),
                    {"parties": Listed(codes), "colour": colour},
                )
            )
    return problems


def check_draft(draft: dict[str, Any]) -> DraftCheck:
    """Write the draft's pack to a temporary folder and have the pack loader check it.

    Parameters
    ----------
    draft : dict

    Returns
    -------
    DraftCheck
        The loaded pack (without land around it) when valid, and every problem
        the validator found, by file and row.
    """
    from geo.io import write_pack_files
    from geo.pack import load_dispute

    missing = draft_problems(draft)
    if not draft["islands"]:
        # the pack cannot be read without islands: its pack.json can be checked already
        found: list[Problem] = []
        read_manifest(json.loads(pack_files(draft)[paths.MANIFEST_FILE]), PACK_LIMITS, found)
        said = {(p.file, p.place) for p in missing} | {(paths.MANIFEST_FILE, "groups")}
        return DraftCheck(None, (*missing, *(p for p in found if (p.file, p.place) not in said)))
    with tempfile.TemporaryDirectory(prefix="draft-") as folder:
        write_pack_files(Path(folder), pack_files(draft))
        try:
            # the land around it is drawn only for the picture (geo.pack.gshhg_land_of):
            # reading GSHHG on every keystroke would make each check take a second
            dispute = load_dispute(Path(folder), gshhg_land=False)
        except DisputeDataError as err:
            said = {(p.file, p.place) for p in missing}
            found = [p for p in err.problems if (p.file, p.place) not in said]
            return DraftCheck(None, (*missing, *found))
    if missing:
        return DraftCheck(None, tuple(missing))
    return DraftCheck(dispute, ())


ROW = re.compile(r"row (\d+)")
FEATURE = re.compile(r"feature (\d+)")


def row_problems(
    problems: tuple[Problem, ...] | list[Problem], file: str, language: str = DEFAULT_LANGUAGE
) -> dict[int, list[str]]:
    """A file's problems by the index of the draft row they concern (CSV row 2 is row 0),
    each in words of ``language`` (a code of :data:`geo.i18n.LANGUAGES`)."""
    found: dict[int, list[str]] = {}
    for problem in problems:
        if problem.file != file:
            continue
        match = ROW.match(problem.place) or FEATURE.match(problem.place)
        if match is None:
            continue
        index = int(match.group(1)) - (2 if ROW.match(problem.place) else 1)
        found.setdefault(index, []).append(problem.text(language))
    return found


def other_problems(problems: tuple[Problem, ...] | list[Problem]) -> list[Problem]:
    """Problems not tied to a row of a table (the pack's texts, whole files)."""
    tied = (paths.EVENTS_FILE, paths.SOVEREIGNTY_FILE, ISLANDS_FILE)
    return [
        p
        for p in problems
        if p.file not in tied or not (ROW.match(p.place) or FEATURE.match(p.place))
    ]


def draft_choices(draft: dict[str, Any]) -> dict[str, list[str]]:
    """What a row may name, from what the draft holds: its parties, events and groups."""
    return {
        "parties": [str(p.get("code") or "") for p in draft["parties"] if p.get("code")],
        "events": [str(e.get("id") or "") for e in draft["events"] if e.get("id")],
        "groups": [g["id"] for g in draft["groups"]],
    }


def form_fields(
    table: str, draft: dict[str, Any], language: str = DEFAULT_LANGUAGE
) -> list[dict[str, Any]]:
    """The fields of the form that adds a row to a table: what each column needs, in words,
    with an example, and the draft's own suggestions (the next free colour, the first
    group without a period).

    Parameters
    ----------
    table : str
        ``parties``, ``namings``, ``events`` or ``periods``.
    draft : dict
    language : str
        The language of the labels, examples and help (a code of
        :data:`geo.i18n.LANGUAGES`); codes, ids, dates and addresses stay as typed.

    Returns
    -------
    list of dict
        Each with ``column`` and ``label``, and optionally ``kind`` (``text``,
        ``area``, ``choice``, ``choices``, ``color``), ``options``, ``option_labels``
        (what a choice shows, by option), ``index``, ``example``, ``value`` and ``help``.
    """
    from geo.annotation import category_word  # the explorer's words for the categories

    words = texts(language)
    _ = words.gettext
    choices = draft_choices(draft)
    if table == "parties":
        return [
            {"column": "code", "label": _("Code"), "example": "IR", "help": _("1–10 capitals")},
            {"column": "name", "label": _("Name"), "example": _("Iran")},
            {
                "column": "color",
                "label": _("Colour"),
                "kind": "color",
                "value": next_colour(draft),
                "help": _("Offered in turn from a palette told apart with colour blindness"),
            },
        ]
    if table == "namings":
        return [
            {"column": "field", "label": _("Name field"), "example": "name_fa"},
            {"column": "label", "label": _("Label readers see"), "example": _("Persian names")},
        ]
    if table == "periods":
        missing = groups_without_period(draft)
        groups = choices["groups"]
        return [
            {
                "column": "group",
                "label": _("Group"),
                "kind": "choice",
                "options": groups,
                "index": groups.index(missing[0]) if missing else 0,
            },
            {"column": "start", "label": _("Start"), "example": "1971-11-30"},
            {"column": "end", "label": _("End (empty: still today)"), "example": ""},
            {
                "column": "administered_by",
                "label": _("Administered by"),
                "kind": "choice",
                "options": choices["parties"],
            },
            {
                "column": "claimed_by",
                "label": _("Claimed by"),
                "kind": "choices",
                "options": choices["parties"],
            },
            {
                "column": "event_id",
                "label": _("Opened by the event"),
                "kind": "choice",
                "options": ["", *choices["events"]],
            },
            {"column": "note", "label": _("Note (optional)"), "kind": "area"},
        ]
    if table == "events":
        return [
            {"column": "id", "label": _("Id"), "example": "iran-lands-1971"},
            {"column": "date", "label": _("Date"), "example": "1971-11-30"},
            {
                "column": "date_precision",
                "label": _("Known to the"),
                "kind": "choice",
                "options": ["day", "month", "year"],
                "option_labels": {
                    "day": words.pgettext("date known to the", "day"),
                    "month": words.pgettext("date known to the", "month"),
                    "year": words.pgettext("date known to the", "year"),
                },
            },
            {"column": "title", "label": _("Title"), "example": _("Iran lands on the islands")},
            {
                "column": "category",
                "label": _("Category"),
                "kind": "choice",
                "options": list(CATEGORIES),
                "option_labels": {c: category_word(c, language) for c in CATEGORIES},
            },
            {
                "column": "islands",
                "label": _("Islands"),
                "value": "all",
                "help": _("all, or island and group ids with ;"),
            },
            {"column": "lat", "label": _("Latitude"), "example": "25.876"},
            {"column": "lon", "label": _("Longitude"), "example": "55.033"},
            {"column": "source_title", "label": _("Source"), "example": _("A newspaper report")},
            {
                "column": "summary",
                "label": _("Summary"),
                "kind": "area",
                "example": _("What happened, as the source says it."),
            },
            {"column": "source_url", "label": _("Source address"), "example": "https://…"},
        ]
    raise ValueError(f"no form for {table!r}")
