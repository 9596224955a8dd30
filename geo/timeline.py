"""The temporal join: who administers and who claims each island at a date.

Periods are half-open ``[start, end)``. A year alone means the state at the end
of that year (31 December); a year and month, the end of that month.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

import geopandas as gpd
import pandas as pd

from geo.i18n import TRANSLATED, field_in
from geo.model import Dispute
from geo.validation import ALL_ISLANDS

STATE_COLUMNS = (
    "id",
    "group",
    "administered_by",
    "claimed_by",
    "contested",
    "covered",
    "period_start",
    "period_end",
    "event_id",
    "note",
)
WHEN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_when(text: str) -> dt.date:
    """Turn ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` into the date it stands for.

    Examples
    --------
    >>> parse_when("1950")
    datetime.date(1950, 12, 31)
    >>> parse_when("1945-09")
    datetime.date(1945, 9, 30)
    """
    match = WHEN.match(text.strip())
    if not match:
        raise ValueError(f"'{text}' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    try:
        if month is None:
            return dt.date(int(year), 12, 31)
        if day is None:
            last = calendar.monthrange(int(year), int(month))[1]
            return dt.date(int(year), int(month), last)
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        raise ValueError(f"'{text}' is not a real date") from None


def end_of_year(year: int) -> dt.date:
    """The date a bare year stands for."""
    return dt.date(year, 12, 31)


def periods_of(dispute: Dispute, island_id: str) -> pd.DataFrame:
    """The sovereignty periods that apply to one island, oldest first.

    Rows for the island's own id take precedence over rows for its group.
    """
    table = dispute.sovereignty
    own = table[table["group"] == island_id]
    if own.empty:
        group = dispute.islands.loc[dispute.islands["id"] == island_id, "group"]
        own = table[table["group"].isin(group)]
    return own.sort_values("start", kind="stable")


def _period_index(dispute: Dispute) -> dict[str, tuple[list[dt.date], list[dict[str, Any]]]]:
    """Per island: the sorted period starts and the period records (built once per pack)."""
    if "period_index" not in dispute.memo:
        index = {}
        for island_id in dispute.islands["id"]:
            periods = periods_of(dispute, island_id)
            records = [
                {
                    "start": r["start"],
                    "end": r["end"],
                    "administered_by": r["administered_by"],
                    "claimed_by": tuple(r["claimed_by"]),
                    "event_id": r["event_id"],
                    "note": str(r.get("note", "") or ""),
                    "translations": _note_translations(r),
                }
                for _, r in periods.iterrows()
            ]
            index[island_id] = ([r["start"] for r in records], records)
        dispute.memo["period_index"] = index
    return dispute.memo["period_index"]


def _note_translations(record: Mapping[Any, Any] | pd.Series) -> dict[str, str]:
    """A period's note in each translated language (``note_ja``…), where the pack has one."""
    found = {}
    for language in TRANSLATED:
        key = field_in("note", language)
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            found[key] = value.strip()
    return found


def _coverage_translations(dispute: Dispute) -> dict[str, str]:
    """The pack's ``coverage_note`` in each translated language, as a status's ``note_ja``…"""
    own = dispute.manifest.texts()
    found = {}
    for language in TRANSLATED:
        text = own.get(field_in("coverage_note", language), "")
        if text:
            found[field_in("note", language)] = text
    return found


def _status(
    starts: list[dt.date],
    records: list[dict[str, Any]],
    when: dt.date,
    uncovered_note: str = "",
    uncovered_translations: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """One island's status at a date, found by bisection over its ordered periods.

    Outside the table's coverage the note is the pack's ``coverage_note`` (why no
    administrator is shown), never a party. The note's translations, where the pack
    has them, come as ``note_ja``, ``note_ru``… (read with :func:`geo.i18n.localized`).
    """
    position = bisect.bisect_right(starts, when) - 1
    if position >= 0:
        period = records[position]
        if period["end"] is None or when < period["end"]:
            return {
                "administered_by": period["administered_by"],
                "claimed_by": period["claimed_by"],
                "contested": any(c != period["administered_by"] for c in period["claimed_by"]),
                "covered": True,
                "period_start": period["start"],
                "period_end": period["end"],
                "event_id": period["event_id"],
                "note": period["note"],
                **period.get("translations", {}),
            }
    return {
        "administered_by": "",
        "claimed_by": (),
        "contested": False,
        "covered": False,
        "period_start": None,
        "period_end": None,
        "event_id": "",
        "note": uncovered_note,
        **(uncovered_translations or {}),
    }


def status_rows(dispute: Dispute, when: dt.date) -> list[dict[str, Any]]:
    """Each island's status at a date as plain dicts (``id``, ``group`` and the status).

    The fast path for renderers that need no geometry; :func:`state_at` adds
    the island columns and geometry. A record's ``note`` comes with its
    translations (``note_ja``…) where the pack has them.
    """
    index = _period_index(dispute)
    note = dispute.manifest.coverage_note
    translations = _coverage_translations(dispute)
    return [
        {
            "id": island_id,
            "group": group,
            **_status(*index[island_id], when, note, translations),
        }
        for island_id, group in zip(dispute.islands["id"], dispute.islands["group"], strict=True)
    ]


def state_at(dispute: Dispute, when: dt.date) -> gpd.GeoDataFrame:
    """One row per island: its status at ``when``.

    Parameters
    ----------
    dispute : Dispute
        The loaded pack.
    when : datetime.date
        The day (use :func:`parse_when` for a bare year).

    Returns
    -------
    geopandas.GeoDataFrame
        The island columns plus ``administered_by`` (party code, or ``""`` outside
        the table's coverage), ``claimed_by`` (tuple of codes), ``contested`` (a
        party other than the administrator claims it), ``covered``,
        ``period_start``, ``period_end``, ``event_id`` and ``note``.
    """
    index = _period_index(dispute)
    note = dispute.manifest.coverage_note
    rows = [_status(*index[island_id], when, note) for island_id in dispute.islands["id"]]
    status = pd.DataFrame(rows, index=dispute.islands.index, columns=list(STATE_COLUMNS[2:]))
    frame = dispute.islands.copy()
    for column in status.columns:
        frame[column] = status[column]
    return frame


def status_signature_at(
    dispute: Dispute, when: dt.date
) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """The map-relevant state at a date, without building a frame (fast; hashable)."""
    index = _period_index(dispute)
    signature = []
    for island_id in dispute.islands["id"]:
        status = _status(*index[island_id], when)
        signature.append((island_id, status["administered_by"], status["claimed_by"]))
    return tuple(signature)


def status_signature(state: pd.DataFrame) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """What a state looks like on the map (per island: administrator and claimants)."""
    return tuple(zip(state["id"], state["administered_by"], state["claimed_by"], strict=True))


def change_dates(dispute: Dispute) -> list[dt.date]:
    """Every date on which some island's status changes, oldest first."""
    dates = set(dispute.sovereignty["start"].dropna())
    dates |= {end for end in dispute.sovereignty["end"] if end is not None}
    return sorted(dates)


def boundaries_valid_at(dispute: Dispute, when: dt.date) -> tuple[str, ...]:
    """Ids of the boundary lines valid on a date (``valid_from <= when < valid_to``)."""
    lines = dispute.boundaries
    if lines.empty:
        return ()
    return tuple(
        line_id
        for line_id, start, end in zip(
            lines["id"], lines["valid_from"], lines["valid_to"], strict=True
        )
        if start <= when and (end is None or when < end)
    )


def map_state_at(dispute: Dispute, when: dt.date) -> tuple[Any, ...]:
    """Everything the map's colours and lines depend on: statuses and valid boundaries."""
    return (status_signature_at(dispute, when), boundaries_valid_at(dispute, when))


def change_years(dispute: Dispute) -> list[int]:
    """Years whose end-of-year map differs from the previous year's, oldest first.

    The map changes when an island's status changes or a boundary line starts
    or ends. A change undone within the same year is not counted, because the
    map shows the state at the end of the year. Each year returned starts a
    distinct state, so there are as many years as states.
    """
    if "change_years" not in dispute.memo:
        dates = set(change_dates(dispute))
        if not dispute.boundaries.empty:
            dates |= set(dispute.boundaries["valid_from"])
            dates |= {d for d in dispute.boundaries["valid_to"] if d is not None}
        years: list[int] = []
        for year in sorted({d.year for d in dates}):
            now = map_state_at(dispute, end_of_year(year))
            if now != map_state_at(dispute, end_of_year(year - 1)):
                years.append(year)
        dispute.memo["change_years"] = years
    return list(dispute.memo["change_years"])


def year_range(dispute: Dispute, today: dt.date | None = None) -> tuple[int, int]:
    """From the earliest event (or period) to the current year."""
    firsts = [d.year for d in dispute.events["date"]] + [
        d.year for d in dispute.sovereignty["start"]
    ]
    current = (today or dt.date.today()).year
    return min(firsts), max(current, max(firsts))


def _unit_maps(dispute: Dispute) -> tuple[dict[str, set[str]], dict[str, str]]:
    """Islands of each group and the group of each island, built once per pack."""
    if "unit_maps" not in dispute.memo:
        members: dict[str, set[str]] = {}
        group_of: dict[str, str] = {}
        for island, group in zip(dispute.islands["id"], dispute.islands["group"], strict=True):
            members.setdefault(str(group), set()).add(str(island))
            group_of[str(island)] = str(group)
        dispute.memo["unit_maps"] = (members, group_of)
    maps: tuple[dict[str, set[str]], dict[str, str]] = dispute.memo["unit_maps"]
    return maps


def concerned_units(dispute: Dispute, tokens: Iterable[str]) -> set[str]:
    """Island ids and group ids an event's ``islands`` value refers to."""
    tokens = tuple(tokens)
    members, group_of = _unit_maps(dispute)
    if ALL_ISLANDS in tokens:
        return set(group_of) | set(dispute.group_ids)
    units = set(tokens)
    for token in tokens:
        units |= members.get(token, set())
        if token in group_of:
            units.add(group_of[token])
    return units


def events_between(
    dispute: Dispute,
    start: dt.date,
    end: dt.date,
    categories: Iterable[str] | None = None,
    groups: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Events with ``start <= date <= end``, optionally filtered.

    Parameters
    ----------
    dispute : Dispute
    start, end : datetime.date
        Inclusive bounds.
    categories : iterable of str, optional
        Keep only these categories (all when ``None`` or empty).
    groups : iterable of str, optional
        Keep only events that concern one of these groups or their islands.

    Returns
    -------
    pandas.DataFrame
        Rows of ``dispute.events`` in date order, with a ``number`` column
        counting them from 1 (the map's marker numbers).
    """
    wanted_categories = set(categories or ())
    wanted_groups = set(groups or ())
    positions = [
        position
        for position, (date, category, units) in enumerate(_event_index(dispute))
        if start <= date <= end
        and (not wanted_categories or category in wanted_categories)
        and (not wanted_groups or units & wanted_groups)
    ]
    chosen = dispute.events.iloc[positions].copy()
    chosen["number"] = range(1, len(chosen) + 1)
    return chosen


def _event_index(dispute: Dispute) -> list[tuple[dt.date, str, set[str]]]:
    """Per event (in table order): date, category and the units it concerns; built once."""
    if "event_index" not in dispute.memo:
        events = dispute.events
        dispute.memo["event_index"] = [
            (date, category, concerned_units(dispute, tokens))
            for date, category, tokens in zip(
                events["date"], events["category"], events["islands"], strict=True
            )
        ]
    return dispute.memo["event_index"]


def event_by_id(dispute: Dispute, event_id: str) -> pd.Series | None:
    """One event's row, or ``None`` (looked up in an index built once per pack)."""
    if "events_by_id" not in dispute.memo:
        dispute.memo["events_by_id"] = {row["id"]: row for _, row in dispute.events.iterrows()}
    return dispute.memo["events_by_id"].get(event_id)
