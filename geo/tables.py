"""Tables for people: column labels in words, dates at their precision, names not ids.

The state GeoJSON is the one machine-readable download built here; it keeps
field names and ISO dates.
"""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd

from geo.annotation import licence_text
from geo.dates import event_dates, format_event_date
from geo.model import Dispute
from geo.names import display_name, group_name
from geo.parties import party_name
from geo.timeline import concerned_units, periods_of, state_at
from geo.validation import ALL_ISLANDS


def state_geojson(dispute: Dispute, when: dt.date) -> str:
    """The joined state at a date as a GeoJSON FeatureCollection (for download).

    Examples
    --------
    >>> from geo.pack import load_dispute
    >>> data = json.loads(state_geojson(load_dispute(), dt.date(1950, 12, 31)))
    >>> data["features"][0]["properties"]["administered_by"]
    'SU'
    """
    state = state_at(dispute, when)
    out = state.assign(
        claimed_by=state["claimed_by"].map(";".join),
        period_start=state["period_start"].map(lambda d: d.isoformat() if d else None),
        period_end=state["period_end"].map(lambda d: d.isoformat() if d else None),
        contested=state["contested"].astype(bool),
        covered=state["covered"].astype(bool),
    )
    collection = json.loads(out.to_json(drop_id=True))
    collection["metadata"] = {
        "state_at": when.isoformat(),
        "pack": dispute.manifest.id,
        "licence": licence_text(dispute),
    }
    return json.dumps(collection, ensure_ascii=False)


def _precision_of(dispute: Dispute, event_id: object) -> str:
    """The date precision of the event that opened a period (``day`` when unknown)."""
    events = dispute.events
    match = events.loc[events["id"] == event_id, "date_precision"]
    return str(match.iloc[0]) if not match.empty else "day"


def _period_date(dispute: Dispute, when: dt.date | None, event_id: object) -> str:
    """A period bound in words, as precise as the event that opened the period."""
    return format_event_date(when, _precision_of(dispute, event_id)) if when else ""


def unit_name(dispute: Dispute, unit_id: str, worldview: str) -> str:
    """The name of an island group or island in a worldview (the id if unknown)."""
    if unit_id == ALL_ISLANDS:
        return "all islands"
    if unit_id in dispute.manifest.groups:
        return group_name(dispute.manifest, unit_id, worldview)
    rows = dispute.islands[dispute.islands["id"] == unit_id]
    return display_name(rows.iloc[0], dispute.manifest, worldview) if not rows.empty else unit_id


def state_rows(dispute: Dispute, when: dt.date, worldview: str = "neutral") -> pd.DataFrame:
    """The joined state at a date without geometry, with names and labels for people.

    Examples
    --------
    >>> from geo.pack import load_dispute
    >>> rows = state_rows(load_dispute(), dt.date(1950, 12, 31))
    >>> list(rows.columns)[:4]
    ['Island', 'Group', 'Administered by', 'Claimed by']
    """
    state = state_at(dispute, when)
    parties = dispute.manifest.parties
    return pd.DataFrame(
        {
            "Island": [unit_name(dispute, i, worldview) for i in state["id"]],
            "Group": [unit_name(dispute, g, worldview) for g in state["group"]],
            "Administered by": state["administered_by"].map(lambda c: party_name(parties, c)),
            "Claimed by": state["claimed_by"].map(
                lambda cs: ", ".join(party_name(parties, c) for c in cs)
            ),
            "Contested": state["contested"].astype(bool),
            "Since": [
                _period_date(dispute, d, e)
                for d, e in zip(state["period_start"], state["event_id"], strict=True)
            ],
            "Area (km²)": state["area_km2"].round(1),
        }
    )


def periods_table(dispute: Dispute, island_id: str) -> pd.DataFrame:
    """An island's sovereignty periods in words, oldest first.

    Columns: ``From``, ``To``, ``Administered by``, ``Claimed by`` and
    ``Began with`` (the title of the event that opened the period).
    """
    parties = dispute.manifest.parties
    periods = periods_of(dispute, island_id)
    titles = dict(zip(dispute.events["id"], dispute.events["title"], strict=True))
    return pd.DataFrame(
        {
            "From": [
                _period_date(dispute, d, e)
                for d, e in zip(periods["start"], periods["event_id"], strict=True)
            ],
            "To": [
                format_event_date(d) if d else "ongoing"
                for d in periods["end"]  # an end is the next period's start: known to the day
            ],
            "Administered by": periods["administered_by"].map(lambda c: party_name(parties, c)),
            "Claimed by": periods["claimed_by"].map(
                lambda cs: ", ".join(party_name(parties, c) for c in cs)
            ),
            "Began with": periods["event_id"].map(lambda e: titles.get(e, "")),
        }
    ).reset_index(drop=True)


def period_bars(dispute: Dispute, island_id: str, today: dt.date) -> pd.DataFrame:
    """An island's periods for a time chart: ISO bounds, party name and code, claims."""
    parties = dispute.manifest.parties
    periods = periods_of(dispute, island_id)
    return pd.DataFrame(
        {
            "start": periods["start"].map(lambda d: d.isoformat()),
            "end": periods["end"].map(lambda d: (d or today).isoformat()),
            "administered_by": periods["administered_by"].map(lambda c: party_name(parties, c)),
            "code": periods["administered_by"],
            "claimed_by": periods["claimed_by"].map(
                lambda cs: ", ".join(party_name(parties, c) for c in cs)
            ),
        }
    ).reset_index(drop=True)


def events_concerning(dispute: Dispute, unit_id: str) -> pd.DataFrame:
    """Events whose ``islands`` refer to an island or group (directly, via its group, or all)."""
    keep = dispute.events["islands"].map(lambda tokens: unit_id in concerned_units(dispute, tokens))
    return dispute.events[keep]


def events_table(dispute: Dispute, events: pd.DataFrame, worldview: str) -> pd.DataFrame:
    """Events for reading: date at its precision, names of the islands, source and link.

    Columns: ``Date``, ``Event``, ``Category``, ``Islands``, ``Summary``,
    ``Source``, ``Link``.
    """
    return pd.DataFrame(
        {
            "Date": event_dates(events),
            "Event": events["title"],
            "Category": events["category"].map(lambda c: str(c).capitalize()),
            "Islands": events["islands"].map(
                lambda tokens: ", ".join(unit_name(dispute, t, worldview) for t in tokens)
            ),
            "Summary": events["summary"],
            "Source": events["source_title"],
            "Link": events["source_url"],
        }
    ).reset_index(drop=True)


def sources_table(dispute: Dispute) -> pd.DataFrame:
    """Every cited source once, with the years of the events that cite it."""
    events = dispute.events
    grouped = events.groupby(["source_title", "source_url"], sort=False)["date"].agg(
        lambda dates: ", ".join(sorted({str(d.year) for d in dates}))
    )
    return grouped.reset_index().rename(
        columns={"source_title": "Source", "source_url": "Link", "date": "Cited for events of"}
    )


def depictions_table(dispute: Dispute) -> pd.DataFrame:
    """Each side's map, row by row: worldview, period, what is drawn how, and its source.

    Empty (with its columns) for a pack without ``depictions.csv``.
    """
    worldviews = dispute.manifest.worldviews
    rows = [
        {
            "Worldview": worldviews[d.worldview].label,
            "From": format_event_date(d.valid_from, d.from_precision),
            "To": format_event_date(d.valid_to, "day") if d.valid_to else "ongoing",
            "Element": d.element,
            "Drawn as": d.drawn_as + (f" ({', '.join(d.parties)})" if d.parties else ""),
            "Label": d.label,
            "Source": d.source_title,
            "Link": d.source_url,
            "Note": d.note,
        }
        for d in dispute.depictions
    ]
    columns = ["Worldview", "From", "To", "Element", "Drawn as", "Label", "Source", "Link", "Note"]
    return pd.DataFrame(rows, columns=columns)


def name_field_label(dispute: Dispute, field: str) -> str:
    """What a name field holds, in words ("Japanese names", "English usage")."""
    if field == "name_en":
        return "English usage"
    for worldview in dispute.manifest.worldviews.values():
        if field == worldview.name_field:
            return worldview.label
        if field == worldview.latin_field:
            return f"{worldview.label} in Latin script"
    return field.replace("_", " ")
