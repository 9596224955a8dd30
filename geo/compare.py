"""Two dates side by side: what changed between them, from the temporal join."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from geo.model import Dispute
from geo.names import display_name
from geo.timeline import boundaries_valid_at, events_between, state_at


@dataclass(frozen=True)
class IslandChange:
    """One island whose administrator or claimants differ between the two dates."""

    island_id: str
    name: str
    administered_before: str
    administered_after: str
    claimed_before: tuple[str, ...]
    claimed_after: tuple[str, ...]


@dataclass(frozen=True)
class Comparison:
    """What differs between the maps of two dates.

    Attributes
    ----------
    first, second : datetime.date
        The earlier and the later date.
    islands : list of IslandChange
        Islands whose administrator or claimants changed, in the pack's order.
    lines_appeared, lines_gone : list of str
        Names of boundary lines valid at the second date but not the first, and
        the other way round.
    events : pandas.DataFrame
        The events after the first date up to and including the second.
    """

    first: dt.date
    second: dt.date
    islands: list[IslandChange]
    lines_appeared: list[str]
    lines_gone: list[str]
    events: pd.DataFrame


def compare(dispute: Dispute, one: dt.date, other: dt.date, worldview: str) -> Comparison:
    """The changes between the maps of two dates (given in either order).

    Parameters
    ----------
    dispute : Dispute
    one, other : datetime.date
        The two days compared.
    worldview : str
        The naming of the islands in the result.

    Returns
    -------
    Comparison

    Examples
    --------
    >>> from geo.pack import load_dispute
    >>> changes = compare(load_dispute(), dt.date(1944, 12, 31), dt.date(1947, 12, 31), "neutral")
    >>> sorted({c.administered_after for c in changes.islands})
    ['SU']
    """
    first, second = sorted((one, other))
    before, after = state_at(dispute, first), state_at(dispute, second)
    islands = []
    for (_, old), (_, new) in zip(before.iterrows(), after.iterrows(), strict=True):
        if (old["administered_by"], tuple(old["claimed_by"])) != (
            new["administered_by"],
            tuple(new["claimed_by"]),
        ):
            islands.append(
                IslandChange(
                    island_id=str(new["id"]),
                    name=display_name(new, dispute.manifest, worldview),
                    administered_before=str(old["administered_by"]),
                    administered_after=str(new["administered_by"]),
                    claimed_before=tuple(old["claimed_by"]),
                    claimed_after=tuple(new["claimed_by"]),
                )
            )
    valid_first = set(boundaries_valid_at(dispute, first))
    valid_second = set(boundaries_valid_at(dispute, second))
    lines = dispute.boundaries
    names = dict(zip(lines["id"], lines["name"], strict=True)) if not lines.empty else {}
    return Comparison(
        first=first,
        second=second,
        islands=islands,
        lines_appeared=sorted(names[i] for i in valid_second - valid_first),
        lines_gone=sorted(names[i] for i in valid_first - valid_second),
        events=events_between(dispute, first + dt.timedelta(days=1), second),
    )
