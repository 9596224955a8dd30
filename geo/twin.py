"""The text twin of a map: the same state in words and as a table, for every reader.

A screen reader gets little from a web map; the twin says what the map shows
at a date — who administers each group and who claims it, since when and by
which event — in the chosen naming. It is generated from the same temporal
join as the map, so the two can never disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from geo.model import Dispute
from geo.names import group_name
from geo.timeline import event_by_id, status_rows

_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def _count_words(count: int) -> str:
    """A count in words up to nine, in figures beyond."""
    return _NUMBER_WORDS[count] if count < len(_NUMBER_WORDS) else str(count)


@dataclass(frozen=True)
class TextTwin:
    """A map's state in words.

    Attributes
    ----------
    sentence : str
        One or more sentences, e.g. "At the end of 1950 all four groups are
        administered by the Soviet Union and claimed by Japan."
    rows : list of dict
        One per group: ``group``, ``administered_by``, ``also_claimed_by``,
        ``since`` and ``opened_by`` (party and group names, not codes).
    """

    sentence: str
    rows: list[dict[str, str]]


def _join(names: list[str]) -> str:
    """English list: "A", "A and B", "A, B and C"."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _when(when: dt.date, end_of_year: bool) -> str:
    """ "At the end of 1950" or "On 1 September 1945"."""
    if end_of_year:
        return f"At the end of {when.year}"
    return f"On {when.day} {when.strftime('%B')} {when.year}"


def _prose(dispute: Dispute, code: str) -> str:
    """A party's name as it reads in a sentence ("the Soviet Union")."""
    party = dispute.manifest.parties.get(code)
    return party.prose if party else code


def _group_status(dispute: Dispute, when: dt.date) -> list[dict[str, Any]]:
    """Per group (manifest order): its first island's status, and whether all its islands agree."""
    rows = status_rows(dispute, when)  # plain records: no geometry copied per call
    groups = []
    for group_id in dispute.group_ids:
        members = [r for r in rows if r["group"] == group_id]
        if not members:
            continue
        first = members[0]
        uniform = all(
            (r["administered_by"], tuple(r["claimed_by"]))
            == (first["administered_by"], tuple(first["claimed_by"]))
            for r in members
        )
        groups.append({"id": group_id, "first": first, "uniform": uniform})
    return groups


def describe(dispute: Dispute, when: dt.date, worldview: str, end_of_year: bool = True) -> TextTwin:
    """What the map shows at a date, as sentences and a table.

    Parameters
    ----------
    dispute : Dispute
    when : datetime.date
        The day the map shows.
    worldview : str
        The naming to use for the groups.
    end_of_year : bool
        Say "at the end of YEAR" (the map's year view) rather than the day.

    Returns
    -------
    TextTwin

    Examples
    --------
    >>> from geo.pack import load_dispute
    >>> twin = describe(load_dispute(), dt.date(1950, 12, 31), "neutral")
    >>> twin.sentence.startswith("At the end of 1950 all four groups are administered by")
    True
    """
    groups = _group_status(dispute, when)
    rows: list[dict[str, str]] = []
    clusters: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    uncovered: list[str] = []
    for group in groups:
        name = group_name(dispute.manifest, group["id"], worldview)
        first = group["first"]
        admin = str(first["administered_by"])
        if not admin:
            uncovered.append(name)
            rows.append(
                {
                    "group": name,
                    "administered_by": "not covered",
                    "also_claimed_by": "",
                    "since": "",
                    "opened_by": "",
                }
            )
            continue
        others = tuple(c for c in first["claimed_by"] if c != admin)
        key = (admin, others) if group["uniform"] else ("", (name,))
        clusters.setdefault(key, []).append(name)
        event = event_by_id(dispute, str(first["event_id"])) if first["event_id"] else None
        start = first["period_start"]
        rows.append(
            {
                "group": name,
                "administered_by": _prose(dispute, admin),
                "also_claimed_by": _join([_prose(dispute, c) for c in others]),
                "since": start.isoformat() if isinstance(start, dt.date) else "",
                "opened_by": str(event["title"]) if event is not None else "",
            }
        )
    parts = []
    for (admin, others), names in clusters.items():
        if not admin:  # a group whose islands differ: say so rather than generalise
            parts.append(f"the islands of {names[0]} are not all held by the same party")
            continue
        subject = (
            ("both groups" if len(names) == 2 else f"all {_count_words(len(names))} groups")
            if len(names) == len(groups) and len(names) > 1
            else _join(names)
        )
        verb = "are" if len(names) > 1 or _plural(names[0]) else "is"
        text = f"{subject} {verb} administered by {_prose(dispute, admin)}"
        if others:
            text += f" and claimed by {_join([_prose(dispute, c) for c in others])}"
        parts.append(text)
    sentence = _when(when, end_of_year)
    if parts:
        sentence += " " + "; ".join(parts) + "."
    if uncovered:
        note = dispute.manifest.coverage_note
        lead = " The table does not cover " if parts else ", the table does not cover "
        sentence += lead + _join(uncovered) + " at this date" + (f". {note}" if note else ".")
    return TextTwin(sentence=sentence, rows=rows)


def _plural(name: str) -> bool:
    """Whether a group's English name is a plural ("Habomai islets"), for the verb after it."""
    for part in name.split("/"):  # "Habomai islets / острова Хабомаи"
        words = part.split()
        last = words[-1].lower() if words else ""
        # "islets", "Islands", "rocks"; not "Cyprus", "Lesbos", "Paris", "Glass"
        if len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "os", "is")):
            return True
    return False
