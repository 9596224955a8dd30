"""The validated, typed contents of a dispute pack."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from geo.errors import Problem
from geo.parties import Party


@dataclass(frozen=True)
class Worldview:
    """How a worldview names places: a main name field and its Latin-script field."""

    code: str
    label: str
    name_field: str
    latin_field: str


@dataclass(frozen=True)
class LocalName:
    """A name of a group or island in another language, with its proposed meanings and sources.

    ``meanings`` pairs each proposed form with its meaning; ``certainty`` says
    whether the sources agree (``"agreed"``) or not (``"uncertain"``).
    """

    form: str
    recorded: tuple[str, ...]
    meanings: tuple[tuple[str, str], ...]
    certainty: str
    sources: tuple[tuple[str, str], ...]
    # translations of each meaning, in the order of ``meanings``: ((("meaning_ja", "…"),), …)
    meaning_translations: tuple[tuple[tuple[str, str], ...], ...] = ()

    def meaning_texts(self, number: int) -> dict[str, str]:
        """A meaning with its translations (``meaning``, ``meaning_ja``…), for
        :func:`geo.i18n.localized`."""
        found = self.meaning_translations
        own = dict(found[number]) if number < len(found) else {}
        return {"meaning": self.meanings[number][1], **own}


@dataclass(frozen=True)
class NamesLayer:
    """Names in a language no worldview uses (e.g. Ainu), keyed by group or island id."""

    language: str
    note: str
    names: dict[str, LocalName]
    # translations of its language's name and its note: (("language_ja", "アイヌ語"), …)
    translations: tuple[tuple[str, str], ...] = ()

    def texts(self) -> dict[str, str]:
        """Its language's name and note with their translations, for :func:`geo.i18n.localized`."""
        return {"language": self.language, "note": self.note, **dict(self.translations)}


# Optional forms of a party's name that sentences need besides the name itself: the
# Russian genitive ("под управлением Японии"). Kept with the translations, as
# ``("parties.JP.name_ru_gen", "Японии")``; a sentence without one is worded so the
# nominative reads correctly (see :mod:`geo.twin`).
PARTY_NAME_FORMS = ("name_ru_gen",)


@dataclass(frozen=True)
class Manifest:
    """A pack's description: title, parties, naming, default view, extent, licence."""

    id: str
    title: str
    subtitle: str
    description: str
    licence: str
    how_to_cite: str
    groups: dict[str, dict[str, str]]
    parties: dict[str, Party]
    worldviews: dict[str, Worldview]
    default_view: dict[str, Any]
    extent: tuple[float, float, float, float]
    sources: tuple[str, ...] = ()
    # Why the sovereignty table starts where it does (shown where no period applies).
    coverage_note: str = ""
    names_layers: tuple[NamesLayer, ...] = ()
    # translations of its texts, by where they stand: (("title_ja", "…"), ("licence_ru", "…"),
    # ("worldviews.jp.label_ru", "…"), ("parties.JP.name_ja", "…"), …) and the forms of
    # the parties' names in PARTY_NAME_FORMS (("parties.JP.name_ru_gen", "Японии"), …)
    translations: tuple[tuple[str, str], ...] = ()

    def texts(self, prefix: str = "") -> dict[str, str]:
        """Its translations standing under ``prefix`` (``""``: its own texts, with them;
        ``"worldviews.jp."``: that worldview's), keyed by field."""
        found = {
            key[len(prefix) :]: text for key, text in self.translations if key.startswith(prefix)
        }
        if prefix:
            return found
        own = {
            "title": self.title,
            "subtitle": self.subtitle,
            "description": self.description,
            "coverage_note": self.coverage_note,
            "licence": self.licence,
            "how_to_cite": self.how_to_cite,
        }
        return {**own, **{k: v for k, v in found.items() if "." not in k}}


@dataclass(frozen=True)
class TourStep:
    """One step of a guided tour: a day, a map extent, a caption and its source."""

    date: dt.date
    date_precision: str
    extent: tuple[float, float, float, float]
    title: str
    caption: str
    events: tuple[str, ...]
    source_title: str
    source_url: str
    # translations of its texts: (("title_ja", "…"), ("caption_ru", "…"), …)
    translations: tuple[tuple[str, str], ...] = ()

    def texts(self) -> dict[str, str]:
        """Its title and caption with their translations, for :func:`geo.i18n.localized`."""
        return {"title": self.title, "caption": self.caption, **dict(self.translations)}


@dataclass(frozen=True)
class Tour:
    """An ordered story through the pack's history, for a class or an article."""

    id: str
    title: str
    description: str
    steps: tuple[TourStep, ...]
    translations: tuple[tuple[str, str], ...] = ()

    def texts(self) -> dict[str, str]:
        """Its title and description with their translations."""
        return {"title": self.title, "description": self.description, **dict(self.translations)}


@dataclass(frozen=True)
class Depiction:
    """How one side's maps draw one element over a period (a row of ``depictions.csv``).

    ``element`` is ``"islands"`` (how the islands are filled) or the id of a
    boundary line. For the islands ``drawn_as`` is ``"administration"`` (fill
    by administrator, hatching for another claimant: the neutral drawing) or
    ``"territory"`` (filled as the territory of the first of ``parties`` that
    claims the island, without hatching). For a line it is ``"border"``,
    ``"line"`` (a line of control, not a border) or ``"hidden"`` (not drawn).
    The period is half-open, ``[valid_from, valid_to)``; ``valid_to`` is
    ``None`` while ongoing. ``row`` is the row number in the file.
    """

    worldview: str
    valid_from: dt.date
    valid_to: dt.date | None
    element: str
    drawn_as: str
    parties: tuple[str, ...]
    label: str
    source_title: str
    source_url: str
    note: str
    row: int = 0
    # how precisely valid_from is known (day, month, year): 1 January 1971 stands for 1971
    from_precision: str = "day"
    # translations of its label and note: (("label_ja", "…"), ("note_ru", "…"), …)
    translations: tuple[tuple[str, str], ...] = ()

    def texts(self) -> dict[str, str]:
        """Its label and note with their translations, for :func:`geo.i18n.localized`."""
        return {"label": self.label, "note": self.note, **dict(self.translations)}

    def valid_on(self, when: dt.date) -> bool:
        """Whether the row is in force on a day."""
        return self.valid_from <= when and (self.valid_to is None or when < self.valid_to)


@dataclass(frozen=True)
class Dispute:
    """Everything the renderers need, validated.

    Attributes
    ----------
    manifest : Manifest
        Title, parties, worldviews, default view and extent.
    islands : geopandas.GeoDataFrame
        One row per island: ``id``, ``group``, names, ``area_km2``, geometry (EPSG:4326).
    events : pandas.DataFrame
        The history table; ``date`` holds ``datetime.date`` values, ``islands`` tuples.
    sovereignty : pandas.DataFrame
        Half-open periods ``[start, end)`` per group or island; ``end`` is ``None``
        while ongoing; ``claimed_by`` holds tuples of party codes.
    context : geopandas.GeoDataFrame
        Surrounding land for the offline background (may be empty).
    boundaries : geopandas.GeoDataFrame
        Dated boundary lines (may be empty).
    overview : geopandas.GeoDataFrame
        Coarse land of the wider region for a locator inset (may be empty).
    warnings : tuple of Problem
        Repairs made while loading (e.g. a self-touching ring fixed), each written in
        a language by its ``text(language)`` (``str()`` gives the English line).
    """

    manifest: Manifest
    islands: gpd.GeoDataFrame
    events: pd.DataFrame
    sovereignty: pd.DataFrame
    context: gpd.GeoDataFrame
    boundaries: gpd.GeoDataFrame
    overview: gpd.GeoDataFrame
    folder: Path
    warnings: tuple[Problem, ...] = field(default=())
    tours: tuple[Tour, ...] = field(default=())
    # How each worldview's official maps draw the islands and lines, per period
    # (optional: a pack without ``depictions.csv`` draws every worldview alike).
    depictions: tuple[Depiction, ...] = field(default=())
    # Derived values computed once per loaded pack (lookup indexes, encoded
    # geometry); never part of the data itself.
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    # The bytes of every file the pack was built from, by file name (its SOURCES.md too,
    # when it has one): what the downloads and the static site publish.
    files: dict[str, bytes] = field(default_factory=dict, compare=False, repr=False)

    @property
    def group_ids(self) -> list[str]:
        """The island groups in manifest order."""
        return list(self.manifest.groups)


def change_days(
    sovereignty: pd.DataFrame, boundaries: pd.DataFrame, depictions: tuple[Depiction, ...]
) -> set[dt.date]:
    """Every day on which an island's status, a boundary line or a depiction starts or ends.

    The map has one state from each of these days to the next: the interactive
    map carries one per day, the static site publishes one per day. Validation
    bounds their number with the same function the renderers use.

    Parameters
    ----------
    sovereignty : pandas.DataFrame
        Periods with ``start`` and ``end`` (``datetime.date`` or ``None``).
    boundaries : pandas.DataFrame
        Lines with ``valid_from`` and ``valid_to`` (may be empty).
    depictions : tuple of Depiction
        Each worldview's drawings, with their periods.

    Returns
    -------
    set of datetime.date
    """
    days = {d for d in sovereignty["start"] if isinstance(d, dt.date)}
    days |= {d for d in sovereignty["end"] if isinstance(d, dt.date)}
    if not boundaries.empty:
        days |= {d for d in boundaries["valid_from"] if isinstance(d, dt.date)}
        days |= {d for d in boundaries["valid_to"] if isinstance(d, dt.date)}
    days |= {d.valid_from for d in depictions}
    return days | {d.valid_to for d in depictions if d.valid_to is not None}
