"""Texts and styles shared by both renderers: legend entries, captions, status lines.

Everything that the interactive map and the static export must say alike is
decided here, once, from the state and the view.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from geo.model import Dispute
from geo.parties import NO_DATA_COLOR, NO_DATA_LABEL, party_color, party_name
from geo.timeline import events_between
from geo.view import View

FILL_OPACITY = 0.85
CAPTION = (
    "Fill: the party that administers the island (de facto control). "
    "Hatching: a claim by another party. The map does not judge which claim is valid."
)


@dataclass(frozen=True)
class LegendEntry:
    """One line of the legend."""

    kind: str  # "fill", "hatch", "none", "boundary", "event", "earlier-event"
    label: str
    color: str
    stripe: str = ""


def hatch_id(administrator: str, claimant: str) -> str:
    """Id of the SVG pattern that shows ``claimant``'s claim on land ``administrator`` holds."""
    return f"hatch-{administrator or 'none'}-{claimant}"


def other_claimants(row: Mapping[str, Any]) -> tuple[str, ...]:
    """Claimants other than the administrator, in table order."""
    return tuple(c for c in row["claimed_by"] if c != row["administered_by"])


def status_line(dispute: Dispute, row: Mapping[str, Any]) -> str:
    """'Administered by: Soviet Union. Claimed by: Soviet Union, Japan.'"""
    parties = dispute.manifest.parties
    if not row["covered"]:
        return NO_DATA_LABEL
    admin = party_name(parties, row["administered_by"])
    claims = ", ".join(party_name(parties, c) for c in row["claimed_by"])
    return f"Administered by: {admin}. Claimed by: {claims}."


def period_line(row: Mapping[str, Any]) -> str:
    """'Since 1946-02-02 (until 1991-12-26)' for a covered state."""
    if not row["covered"]:
        return ""
    start: dt.date = row["period_start"]
    end: dt.date | None = row["period_end"]
    return f"From {start.isoformat()}" + (f" to {end.isoformat()}" if end else " (ongoing)")


def legend_entries(
    dispute: Dispute,
    statuses: Sequence[Mapping[str, Any]],
    view: View,
    boundary_names: Iterable[str] = (),
) -> list[LegendEntry]:
    """The legend of a state: fills, hatches, no-data, boundaries and event markers.

    ``statuses`` are the islands' status records (:func:`geo.timeline.status_rows`).
    """
    parties = dispute.manifest.parties
    entries: list[LegendEntry] = []
    administrators = [a for a in dict.fromkeys(s["administered_by"] for s in statuses) if a]
    for code in administrators:
        entries.append(
            LegendEntry(
                "fill", f"{party_name(parties, code)} administers", party_color(parties, code)
            )
        )
    hatches = dict.fromkeys(
        (row["administered_by"], claimant) for row in statuses for claimant in other_claimants(row)
    )
    for administrator, claimant in hatches:
        entries.append(
            LegendEntry(
                "hatch",
                f"{party_name(parties, claimant)} also claims",
                party_color(parties, administrator),
                party_color(parties, claimant),
            )
        )
    if not all(s["covered"] for s in statuses):
        entries.append(LegendEntry("none", NO_DATA_LABEL, NO_DATA_COLOR))
    for name in boundary_names:
        entries.append(LegendEntry("boundary", name, "#222222"))
    if view.show_events:
        entries.append(LegendEntry("event", f"Event in {view.year} (numbered)", "#B2182B"))
        if view.show_earlier:
            entries.append(
                LegendEntry("earlier-event", "Earlier event in the chosen range", "#777777")
            )
    return entries


def map_title(dispute: Dispute, view: View) -> str:
    """The view's own title, else 'The Kuril Islands dispute — situation at the end of 1950'."""
    return view.title or f"{dispute.manifest.title} — situation at the end of {view.year}"


def events_for_view(dispute: Dispute, view: View) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The chosen year's events (numbered from 1) and the earlier ones in the event range.

    Both obey the view's category and group filters. The chosen year's events
    are listed even when the year lies outside the event range, because the
    map is about that year.
    """
    current = events_between(
        dispute, dt.date(view.year, 1, 1), dt.date(view.year, 12, 31), view.categories, view.groups
    )
    earlier = pd.DataFrame(columns=current.columns)
    if view.show_earlier and view.event_start < view.year:
        last = min(view.year - 1, view.event_end)
        if last >= view.event_start:
            earlier = events_between(
                dispute,
                dt.date(view.event_start, 1, 1),
                dt.date(last, 12, 31),
                view.categories,
                view.groups,
            )
    return current, earlier


def boundaries_at(dispute: Dispute, when: dt.date) -> pd.DataFrame:
    """Boundary lines valid on a date (``valid_from <= when < valid_to``)."""
    lines = dispute.boundaries
    if lines.empty:
        return lines
    keep = [
        start <= when and (end is None or when < end)
        for start, end in zip(lines["valid_from"], lines["valid_to"], strict=True)
    ]
    return lines[keep]
