"""What each table of a pack holds, stated once: its columns, what a cell must be,
and which other file a cell refers to.

The JSON files state theirs as JSON Schemas in ``geo/schemas`` (``pack.schema.json``,
``island.schema.json``); the CSV tables state theirs here, as :class:`TableSpec`
values read by :func:`geo.validation.tables.read_table` (the cells) and by
:mod:`geo.validation.rules` (the references between files). DESIGN.md's tables of
columns describe the same specs for readers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from geo.i18n import N_, TRANSLATED, field_in
from geo.validation.text import DATE_PRECISIONS, HTTP_URL, SLUG

# An event's islands may be "all": every island of the pack.
ALL_ISLANDS = "all"

ColumnKind = Literal["text", "pattern", "date", "choice", "number", "list"]
# How long a cell's text may be: a name or title, a summary or note, an address.
TextSize = Literal["short_text", "long_text", "url_text"]
# The sets of ids another file defines, which a cell may refer to.
Known = Literal["units", "events", "parties", "worldviews", "lines"]


@dataclass(frozen=True)
class Column:
    """One column of a table: what its cells must be.

    Attributes
    ----------
    name : str
        The column's header.
    kind : {"text", "pattern", "date", "choice", "number", "list"}
        A free text; a text matching ``pattern``; an ISO date; one of ``choices``;
        a number from ``low`` to ``high``; a ``;``-separated list.
    size : str
        Which of :class:`~geo.limits.PackLimits`' text lengths bounds the cell.
    multiline : bool
        Whether the text may span lines.
    required : bool
        Whether the cell may be empty.
    pattern : re.Pattern or None
        For ``kind="pattern"``.
    choices : tuple of str
        For ``kind="choice"``; ``default`` stands in for an empty cell.
    low, high : float
        For ``kind="number"``.
    message : str
        What a reader is told when the cell is not of its kind, marked for the
        catalogue (``{value}``: the cell, ``{choices}``: a choice's choices).
    refers_to : str or None
        The ids of another file the cell's value (or each item of a list) must be one of.
    also : tuple of str
        Values accepted beside those ids (``all`` islands, the ``islands`` element).
    unknown : str
        What a reader is told of a value that refers to nothing, marked for the
        catalogue (``{value}``: the
        value, ``{values}``: the unknown items of a list).
    """

    name: str
    kind: ColumnKind = "text"
    size: TextSize = "short_text"
    multiline: bool = False
    required: bool = True
    pattern: re.Pattern[str] | None = None
    choices: tuple[str, ...] = ()
    default: str = ""
    low: float = 0.0
    high: float = 0.0
    message: str = ""
    refers_to: Known | None = None
    also: tuple[str, ...] = ()
    unknown: str = ""


@dataclass(frozen=True)
class TableSpec:
    """A CSV table of a pack: its file, its columns, and how many rows it may have.

    Attributes
    ----------
    file : str
        The file's name in the pack.
    columns : tuple of Column
        The columns it must have (a header may add others, checked as ``extra_size`` text).
    most : str
        The :class:`~geo.limits.PackLimits` field that bounds its rows.
    noun : str
        What a row is, in a message ("has 2,001 events; at most 2,000").
    extra_size : str
        The text length allowed in a column the spec does not name.
    optional : tuple of Column
        Columns a table may leave out: then every cell reads as empty.
    """

    file: str
    columns: tuple[Column, ...]
    most: str
    noun: str
    extra_size: TextSize = "short_text"
    optional: tuple[Column, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The headers every table of this kind must have, in order."""
        return tuple(column.name for column in self.columns)


def _source(size_of_title: TextSize = "short_text") -> tuple[Column, Column]:
    """The two columns that give a row's source: a title and an http(s) address."""
    return (
        Column("source_title", size=size_of_title),
        Column(
            "source_url",
            "pattern",
            size="url_text",
            pattern=HTTP_URL,
            message=N_("source_url must be an http(s) address"),
        ),
    )


def _translations(*columns: tuple[str, TextSize]) -> tuple[Column, ...]:
    """Optional columns holding texts' translations (``title_ja``…), each as long as its text."""
    return tuple(
        Column(field_in(name, language), size=size, required=False, multiline=size == "long_text")
        for name, size in columns
        for language in TRANSLATED
    )


EVENTS = TableSpec(
    file="events.csv",
    most="events",
    noun="events",
    columns=(
        Column("id", "pattern", pattern=SLUG, message=N_("id '{value}' is not a lowercase slug")),
        Column("date", "date"),
        Column(
            "date_precision",
            "choice",
            choices=DATE_PRECISIONS,
            message=N_("date_precision '{value}' is not day, month or year"),
        ),
        Column("title"),
        Column("summary", size="long_text", multiline=True),
        Column(
            "category", "pattern", pattern=SLUG, message=N_("category must be a lowercase word")
        ),
        Column(
            "islands",
            "list",
            refers_to="units",
            also=(ALL_ISLANDS,),
            unknown=N_("unknown island or group id: {values}"),
        ),
        Column("lat", "number", low=-90, high=90, message=N_("lat '{value}' is not in [-90, 90]")),
        Column(
            "lon", "number", low=-180, high=180, message=N_("lon '{value}' is not in [-180, 180]")
        ),
        *_source(),
    ),
    optional=_translations(("title", "short_text"), ("summary", "long_text")),
)

SOVEREIGNTY = TableSpec(
    file="sovereignty.csv",
    most="periods",
    noun="periods",
    extra_size="long_text",
    columns=(
        Column(
            "group",
            size="long_text",
            refers_to="units",
            unknown=N_("unknown island or group id '{value}'"),
        ),
        Column("start", "date", size="long_text"),
        Column("end", "date", size="long_text", required=False),
        Column(
            "administered_by",
            size="long_text",
            refers_to="parties",
            unknown=N_("administered_by '{value}' is not a party of pack.json"),
        ),
        Column(
            "claimed_by",
            "list",
            size="long_text",
            refers_to="parties",
            unknown=N_("claimed_by has unknown parties: {values}"),
        ),
        Column(
            "event_id",
            size="long_text",
            required=False,
            refers_to="events",
            unknown=N_("event_id '{value}' is not in events.csv"),
        ),
    ),
    optional=_translations(("note", "long_text")),
)

ISLAND_DRAWINGS = ("administration", "territory")
LINE_DRAWINGS = ("border", "line", "hidden")
# Where a depiction row's element is one of the pack's lines, or the islands themselves.
ISLANDS_ELEMENT = "islands"

DEPICTIONS = TableSpec(
    file="depictions.csv",
    most="depictions",
    noun="rows",
    columns=(
        Column(
            "worldview",
            refers_to="worldviews",
            unknown=N_("worldview '{value}' is not a worldview of pack.json"),
        ),
        Column("valid_from", "date"),
        Column("valid_to", "date", required=False),
        Column(
            "element",
            refers_to="lines",
            also=(ISLANDS_ELEMENT,),
            unknown=N_("element '{value}' is neither 'islands' nor a line of boundaries.geojson"),
        ),
        Column(
            "drawn_as",
            "choice",
            choices=ISLAND_DRAWINGS + LINE_DRAWINGS,
            message=N_("drawn_as '{value}' is not one of {choices}"),
        ),
        Column(
            "parties",
            "list",
            required=False,
            refers_to="parties",
            unknown=N_("parties has unknown parties: {values}"),
        ),
        Column("label", required=False),
        *_source(),
        Column("note", size="long_text", required=False),
    ),
    optional=(
        *_translations(("label", "short_text"), ("note", "long_text")),
        Column(
            "from_precision",
            "choice",
            required=False,
            choices=DATE_PRECISIONS,
            default="day",
            message=N_("from_precision must be one of {choices}"),
        ),
    ),
)

TABLES = (EVENTS, SOVEREIGNTY, DEPICTIONS)
