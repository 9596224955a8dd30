"""Each side's map: how a worldview's official maps fill the islands and which lines they draw.

A pack's ``depictions.csv`` says, per worldview and period, how the islands
are filled (by administration and claims, or as one side's territory) and how
each boundary line is drawn (as a border, as a line of control, or not at
all), each row with its source. Both renderers ask this module, so the
interactive map and the exports draw the same depiction. A pack without the
file, or a day no row covers, gets the neutral drawing: every line valid on
that day as a border, islands filled by administration and hatched by claims.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import geopandas as gpd

from geo.i18n import DEFAULT_LANGUAGE, Localized, localized, texts
from geo.model import Depiction, Dispute

ISLANDS = "islands"


@dataclass(frozen=True)
class LineDrawing:
    """A boundary line as a depiction draws it: ``kind`` is ``"border"`` or ``"line"``;
    ``translated`` is false where the label is English standing in for a translation."""

    id: str
    kind: str
    label: str
    translated: bool = True


def rows_at(dispute: Dispute, worldview: str, when: dt.date) -> list[Depiction]:
    """The rows of a worldview in force on a day, in file order."""
    return [d for d in dispute.depictions if d.worldview == worldview and d.valid_on(when)]


def island_rule(dispute: Dispute, worldview: str, when: dt.date) -> Depiction | None:
    """The row saying how the islands are filled on a day, or ``None`` (the neutral drawing)."""
    return next((d for d in rows_at(dispute, worldview, when) if d.element == ISLANDS), None)


def row_label(row: Depiction, language: str = DEFAULT_LANGUAGE) -> Localized:
    """A row's label in a language (its ``label_ja``…, when the pack gives one), else English."""
    record = {"label": row.label, **dict(getattr(row, "translations", ()))}
    return localized(record, "label", language)


def row_note(row: Depiction, language: str = DEFAULT_LANGUAGE) -> Localized:
    """A row's note in a language (its ``note_ja``…, when the pack gives one), else English."""
    record = {"note": row.note, **dict(getattr(row, "translations", ()))}
    return localized(record, "note", language)


def drawn_lines(
    dispute: Dispute, worldview: str, when: dt.date, language: str = DEFAULT_LANGUAGE
) -> list[LineDrawing]:
    """The lines a worldview draws on a day, in the order of ``boundaries.geojson``.

    A line with a row in force is drawn as that row says (even outside its own
    validity: Japan's atlases draw the 1855 line today); a line without one is
    drawn as a border while it is valid. Labels are in ``language`` where the
    pack translates them (a line's ``name_ja``…, a row's ``label_ja``…).

    Examples
    --------
    >>> from geo.pack import load_dispute
    >>> dispute = load_dispute()
    >>> [(d.id, d.kind) for d in drawn_lines(dispute, "ru", dt.date(2024, 12, 31))]
    [('line-of-control', 'border')]
    """
    lines = dispute.boundaries
    if lines.empty:
        return []
    rows = {d.element: d for d in rows_at(dispute, worldview, when) if d.element != ISLANDS}
    drawn = []
    for _, line in lines.iterrows():
        line_id, start, end = line["id"], line["valid_from"], line["valid_to"]
        row = rows.get(line_id)
        if row is not None:
            if row.drawn_as != "hidden":
                label = row_label(row, language)
                drawn.append(LineDrawing(str(line_id), row.drawn_as, label.text, label.translated))
        elif start <= when and (end is None or when < end):
            name = localized({str(k): v for k, v in line.items()}, "name", language)
            drawn.append(LineDrawing(str(line_id), "border", name.text, name.translated))
    return drawn


def lines_frame(
    dispute: Dispute, worldview: str, when: dt.date, language: str = DEFAULT_LANGUAGE
) -> gpd.GeoDataFrame:
    """:func:`drawn_lines` with their geometry: columns ``id``, ``name`` (the label), ``kind``."""
    drawings = drawn_lines(dispute, worldview, when, language)
    geometry = dict(zip(dispute.boundaries["id"], dispute.boundaries.geometry, strict=True))
    return gpd.GeoDataFrame(
        {
            "id": [d.id for d in drawings],
            "name": [d.label for d in drawings],
            "kind": [d.kind for d in drawings],
        },
        geometry=[geometry[d.id] for d in drawings],
        crs=dispute.boundaries.crs or "EPSG:4326",
    )


def hidden_notes(
    dispute: Dispute, worldview: str, when: dt.date, language: str = DEFAULT_LANGUAGE
) -> list[str]:
    """The labels of the rows that hide a line on a day (what the depiction leaves out), in
    a language; English standing in for a missing translation says "(not translated)"."""
    return [
        _marked(row_label(d, language), language)
        for d in rows_at(dispute, worldview, when)
        if d.drawn_as == "hidden" and d.label and _line_exists(dispute, d.element)
    ]


def sources_at(dispute: Dispute, worldview: str, when: dt.date) -> list[tuple[str, str]]:
    """The sources of the rows in force on a day, each once: ``(title, url)``."""
    rows = rows_at(dispute, worldview, when)
    return list(dict.fromkeys((d.source_title, d.source_url) for d in rows))


def short_label(label: str) -> str:
    """A line's label as written on the map; the legend and popup give it in full.

    Examples
    --------
    >>> short_label("Border between Etorofu and Urup, as Japan's school atlases draw it")
    'Border between Etorofu and Urup'
    >>> short_label("Line of actual control since 1945 (approximate median line)")
    'Line of actual control since 1945'
    >>> short_label("1945年以降の実効支配線（概略の中間線）")
    '1945年以降の実効支配線'
    """
    return label.split(" (")[0].split("（")[0].split(", as ")[0]


def _marked(text: Localized, language: str) -> str:
    """A pack's text as plain text, "(not translated)" after English standing in."""
    if text.translated:
        return text.text
    return texts(language).gettext("{text} (not translated)").format(text=text.text)


def _line_exists(dispute: Dispute, line_id: str) -> bool:
    """Whether the pack has a boundary line with this id."""
    return not dispute.boundaries.empty and line_id in set(dispute.boundaries["id"])
