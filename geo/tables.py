"""Tables for people: the joined state as GeoJSON/rows, periods, sources, island profiles."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd

from geo.model import Dispute
from geo.parties import party_name
from geo.timeline import concerned_units, periods_of, state_at


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
        "licence": dispute.manifest.licence,
    }
    return json.dumps(collection, ensure_ascii=False)


def state_rows(dispute: Dispute, when: dt.date) -> pd.DataFrame:
    """The joined state at a date without geometry, with party names."""
    state = state_at(dispute, when)
    parties = dispute.manifest.parties
    return pd.DataFrame(
        {
            "island": state["id"],
            "group": state["group"],
            "administered_by": state["administered_by"].map(lambda c: party_name(parties, c)),
            "claimed_by": state["claimed_by"].map(
                lambda cs: ", ".join(party_name(parties, c) for c in cs)
            ),
            "contested": state["contested"].astype(bool),
            "since": state["period_start"].map(lambda d: d.isoformat() if d else ""),
            "area_km2": state["area_km2"],
        }
    )


def periods_table(dispute: Dispute, island_id: str) -> pd.DataFrame:
    """An island's sovereignty periods with party names, oldest first."""
    parties = dispute.manifest.parties
    periods = periods_of(dispute, island_id)
    return pd.DataFrame(
        {
            "start": periods["start"].map(lambda d: d.isoformat()),
            "end": periods["end"].map(lambda d: d.isoformat() if d else "ongoing"),
            "administered_by": periods["administered_by"].map(lambda c: party_name(parties, c)),
            "administered_code": periods["administered_by"],
            "claimed_by": periods["claimed_by"].map(
                lambda cs: ", ".join(party_name(parties, c) for c in cs)
            ),
            "event_id": periods["event_id"],
        }
    ).reset_index(drop=True)


def events_concerning(dispute: Dispute, unit_id: str) -> pd.DataFrame:
    """Events whose ``islands`` refer to an island or group (directly, via its group, or all)."""
    keep = dispute.events["islands"].map(lambda tokens: unit_id in concerned_units(dispute, tokens))
    return dispute.events[keep]


def sources_table(dispute: Dispute) -> pd.DataFrame:
    """Every cited source once, with the events that cite it."""
    events = dispute.events
    grouped = events.groupby(["source_title", "source_url"], sort=False)["date"].agg(
        lambda dates: ", ".join(sorted({str(d.year) for d in dates}))
    )
    return grouped.reset_index().rename(columns={"date": "cited for events of"})
