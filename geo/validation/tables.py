"""The CSV tables of a pack: their cells read by their specs, then the rules that
hold inside one table (unique ids, periods in order, one depiction per day).

What a cell refers to in another file is checked in :mod:`geo.validation.rules`.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from typing import Any

import pandas as pd

from geo.errors import Counted, Problem, ngettext
from geo.i18n import N_, TRANSLATED, field_in
from geo.limits import PackLimits
from geo.model import Depiction
from geo.validation.specs import (
    DEPICTIONS,
    EVENTS,
    ISLAND_DRAWINGS,
    ISLANDS_ELEMENT,
    LINE_DRAWINGS,
    SOVEREIGNTY,
    Column,
    TableSpec,
)
from geo.validation.text import checked_date, checked_text

# The translations a depiction row may carry (label_ja, note_ru…): optional columns.
DEPICTION_TRANSLATIONS = tuple(
    field_in(field, language) for field in ("label", "note") for language in TRANSLATED
)


def read_table(
    frame: pd.DataFrame, spec: TableSpec, limits: PackLimits, problems: list[Problem]
) -> pd.DataFrame | None:
    """Check every cell of a table against its spec and parse it.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table as read (every cell a text; the index is the row's number in the
        file, the header being row 1).
    spec : TableSpec
        What the table holds.
    limits : PackLimits
        The longest texts and most rows accepted.
    problems : list of Problem
        Where each problem found is added.

    Returns
    -------
    pandas.DataFrame or None
        The table with its cells parsed (dates as :class:`datetime.date` or ``None``,
        lists as tuples, numbers as floats or NaN), or ``None`` when the table lacks
        columns or rows or has too many rows.
    """
    file = spec.file
    missing = [name for name in spec.names if name not in frame.columns]
    if missing:
        problems.append(
            Problem(
                file,
                "row 1",
                N_("missing columns: {columns}"),
                {"columns": ", ".join(missing)},
            )
        )
        return None
    if frame.empty:
        problems.append(Problem(file, "file", N_("table has no rows")))
        return None
    most = getattr(limits, spec.most)
    if len(frame) > most:
        problems.append(
            Problem(
                file, "file", _too_many(spec.noun, len(frame)), {"count": len(frame), "most": most}
            )
        )
        return None
    columns = {column.name: column for column in (*spec.columns, *spec.optional)}
    parsed: dict[str, list[Any]] = {name: [] for name in columns}
    for row, record in frame.iterrows():
        place = f"row {row}"
        for key in record.index:
            column = columns.get(str(key))
            size = getattr(limits, column.size if column else spec.extra_size)
            multiline = column.multiline if column else key == "note"
            checked_text(record[key], file, place, str(key), size, problems, multiline)
        for name, column in columns.items():
            text = str(record[name]) if name in record.index else ""
            parsed[name].append(_cell(column, text, file, place, limits, problems))
    out = frame.copy()
    for name, values in parsed.items():
        out[name] = values
    return out


def _cell(
    column: Column, text: str, file: str, place: str, limits: PackLimits, problems: list[Problem]
) -> Any:
    """One cell read as its column's kind (a problem where it is not)."""
    if not text:
        if column.required:
            if column.kind == "date":
                empty = N_("{column} is empty; it must be an ISO date (YYYY-MM-DD)")
            else:
                empty = N_("{column} is empty")
            problems.append(Problem(file, place, empty, {"column": column.name}))
        return () if column.kind == "list" else None if column.kind == "date" else column.default
    if column.kind == "date":
        return checked_date(text, file, place, column.name, limits, problems)
    if column.kind == "list":
        items = tuple(item.strip() for item in text.split(";") if item.strip())
        if not items and column.required:
            problems.append(Problem(file, place, N_("{column} is empty"), {"column": column.name}))
        return items
    if column.kind == "number":
        try:
            number = float(text)
        except ValueError:
            number = math.nan
        if not column.low <= number <= column.high:  # NaN fails too
            problems.append(Problem(file, place, column.message, {"value": text}))
            return math.nan
        return number
    wrong = (
        column.kind == "pattern" and not (column.pattern and column.pattern.fullmatch(text))
    ) or (column.kind == "choice" and text not in column.choices)
    if wrong:
        choices = ", ".join(column.choices)
        problems.append(Problem(file, place, column.message, {"value": text, "choices": choices}))
    return text


def _too_many(noun: str, count: int) -> Counted:
    """ "has 2,001 events; at most 2,000": a table with more rows than a pack may hold."""
    if noun == "events":
        return ngettext(
            "has {count:,} event; at most {most:,}", "has {count:,} events; at most {most:,}", count
        )
    if noun == "periods":
        return ngettext(
            "has {count:,} period; at most {most:,}",
            "has {count:,} periods; at most {most:,}",
            count,
        )
    return ngettext(
        "has {count:,} row; at most {most:,}", "has {count:,} rows; at most {most:,}", count
    )


def events_table(frame: pd.DataFrame, limits: PackLimits, problems: list[Problem]) -> pd.DataFrame:
    """``events.csv``: its cells, and ids that are unique."""
    table = read_table(frame, EVENTS, limits, problems)
    if table is None:
        return pd.DataFrame(columns=list(EVENTS.names))
    _unique(table, "id", EVENTS.file, problems)
    return table


def sovereignty_table(
    frame: pd.DataFrame, limits: PackLimits, problems: list[Problem]
) -> pd.DataFrame:
    """``sovereignty.csv``: its cells, and per group or island periods in order,
    without overlaps or gaps."""
    file = SOVEREIGNTY.file
    table = read_table(frame, SOVEREIGNTY, limits, problems)
    if table is None:
        return pd.DataFrame(columns=list(SOVEREIGNTY.names))
    for row, record in table.iterrows():
        start, end = record["start"], record["end"]
        if start and end and end <= start:
            problems.append(
                Problem(
                    file,
                    f"row {row}",
                    N_("period ends ({end}) before it starts ({start})"),
                    {"end": end, "start": start},
                )
            )
    _check_continuity(table, file, problems)
    return table


def _unique(table: pd.DataFrame, column: str, file: str, problems: list[Problem]) -> None:
    """Each value of a column at most once."""
    seen: set[str] = set()
    for row, value in table[column].items():
        if value in seen:
            problems.append(
                Problem(
                    file,
                    f"row {row}",
                    N_("duplicate {column} '{value}'"),
                    {"column": column, "value": value},
                )
            )
        seen.add(value)


def _check_continuity(frame: pd.DataFrame, file: str, problems: list[Problem]) -> None:
    """Per group or island: periods in order, without overlaps or gaps."""
    usable = frame[frame["start"].map(lambda d: isinstance(d, dt.date))]
    for unit, periods in usable.groupby("group", sort=False):
        ordered = periods.sort_values("start", kind="stable")
        previous: tuple[Any, Any] | None = None
        for row, record in ordered.iterrows():
            start, end = record["start"], record["end"]
            if previous is not None:
                prev_row, prev_end = previous
                if prev_end is None:
                    message = N_(
                        "'{unit}' has a period starting {start} after the "
                        "open-ended period of row {row}"
                    )
                elif start < prev_end:
                    message = N_(
                        "'{unit}' period starting {start} overlaps the period "
                        "of row {row} (ends {end})"
                    )
                elif start > prev_end:
                    message = N_(
                        "'{unit}' has a gap: row {row} ends {end} but this period starts {start}"
                    )
                else:
                    message = ""
                if message:
                    values = {"unit": unit, "start": start, "row": prev_row, "end": prev_end}
                    problems.append(Problem(file, f"row {row}", message, values))
            previous = (row, end)


def depictions_table(
    frame: pd.DataFrame | None, limits: PackLimits, problems: list[Problem]
) -> tuple[pd.DataFrame | None, tuple[Depiction, ...]]:
    """``depictions.csv`` (optional): its cells, a drawing fit for its element, the
    parties and label a drawing needs, and no two rows for one worldview and element
    in force on one day. Returns the table read and the rows that can be drawn."""
    if frame is None:
        return None, ()
    table = read_table(frame, DEPICTIONS, limits, problems)
    if table is None:
        return None, ()
    rows = [
        depiction
        for row, record in table.iterrows()
        if (depiction := _depiction(int(str(row)), record, problems))
    ]
    ordered = sorted(rows, key=lambda d: (d.worldview, d.element, d.valid_from))
    for earlier, later in itertools.pairwise(ordered):
        same = (earlier.worldview, earlier.element) == (later.worldview, later.element)
        if same and (earlier.valid_to is None or later.valid_from < earlier.valid_to):
            problems.append(
                Problem(
                    DEPICTIONS.file,
                    f"row {later.row}",
                    N_(
                        "overlaps row {row} ({worldview}, {element}): "
                        "one row per worldview and element on any day"
                    ),
                    {"row": earlier.row, "worldview": later.worldview, "element": later.element},
                )
            )
    return table, tuple(rows)


def _depiction(row: int, record: pd.Series, problems: list[Problem]) -> Depiction | None:
    """One row of ``depictions.csv``, or ``None`` (with problems) when it cannot be drawn."""
    file, place = DEPICTIONS.file, f"row {row}"
    before = len(problems)
    start, end = record["valid_from"], record["valid_to"]
    if start and end and end <= start:
        problems.append(
            Problem(
                file,
                place,
                N_("valid_to ({end}) is not after valid_from ({start})"),
                {"end": end, "start": start},
            )
        )
    element, drawn_as, parties = record["element"], record["drawn_as"], record["parties"]
    allowed = ISLAND_DRAWINGS if element == ISLANDS_ELEMENT else LINE_DRAWINGS
    if drawn_as in (*ISLAND_DRAWINGS, *LINE_DRAWINGS) and drawn_as not in allowed:
        problems.append(
            Problem(
                file,
                place,
                N_("drawn_as '{value}' is not one of {choices} (for {element})"),
                {"value": drawn_as, "choices": ", ".join(allowed), "element": element},
            )
        )
    if drawn_as == "territory" and not parties:
        problems.append(Problem(file, place, N_("parties is empty: name whose territory is drawn")))
    if parties and drawn_as != "territory":
        problems.append(
            Problem(file, place, N_("parties is only used when drawn_as is 'territory'"))
        )
    if drawn_as in ("territory", "border", "line") and not record["label"]:
        problems.append(Problem(file, place, N_("label is empty: the legend needs it")))
    if len(problems) > before or not isinstance(start, dt.date):
        return None
    return Depiction(
        worldview=str(record["worldview"]),
        valid_from=start,
        valid_to=end,
        element=str(element),
        drawn_as=str(drawn_as),
        parties=tuple(parties),
        label=str(record["label"]),
        source_title=str(record["source_title"]),
        source_url=str(record["source_url"]),
        note=str(record["note"]),
        row=row,
        from_precision=str(record["from_precision"]),
        translations=tuple(
            (key, text.strip())
            for key in DEPICTION_TRANSLATIONS
            if isinstance(text := record.get(key), str) and text.strip()
        ),
    )
