"""Two dates side by side: what changed between them, from the temporal join."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd
from babel.lists import format_list

from geo.i18n import DEFAULT_LANGUAGE, LOCALES, localized, texts
from geo.model import Dispute
from geo.names import display_name, group_name, party_in_sentence
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
        the other way round, in the language asked for (the pack's ``name_ja``…;
        English standing in for a missing translation says "(not translated)").
    events : pandas.DataFrame
        The events after the first date up to and including the second.
    """

    first: dt.date
    second: dt.date
    islands: list[IslandChange]
    lines_appeared: list[str]
    lines_gone: list[str]
    events: pd.DataFrame


def compare(
    dispute: Dispute,
    one: dt.date,
    other: dt.date,
    worldview: str,
    language: str = DEFAULT_LANGUAGE,
) -> Comparison:
    """The changes between the maps of two dates (given in either order).

    Parameters
    ----------
    dispute : Dispute
    one, other : datetime.date
        The two days compared.
    worldview : str
        The naming of the islands in the result.
    language : str
        The language of the boundary lines' names.

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
    names = {str(line["id"]): _line_name(line, language) for line in lines.to_dict("records")}
    return Comparison(
        first=first,
        second=second,
        islands=islands,
        lines_appeared=sorted(names[i] for i in valid_second - valid_first),
        lines_gone=sorted(names[i] for i in valid_first - valid_second),
        events=events_between(dispute, first + dt.timedelta(days=1), second),
    )


def _line_name(line: dict[Any, Any], language: str) -> str:
    """A boundary line's name in a language, "(not translated)" after English standing in."""
    name = localized({str(k): v for k, v in line.items()}, "name", language)
    if name.translated:
        return name.text
    return texts(language).gettext("{text} (not translated)").format(text=name.text)


def _and_list(names: list[str], language: str) -> str:
    """Names joined as the language lists them ("A, B and C"; "A、B"; "A, B и C")."""
    return format_list(names, locale=LOCALES.get(language, language))


def _party_list(
    dispute: Dispute, codes: tuple[str, ...] | list[str], language: str = DEFAULT_LANGUAGE
) -> str:
    """Party names for running text: "Japan", "the Soviet Union and Japan"; "nobody"."""
    names = [party_in_sentence(dispute.manifest, c, language) for c in codes if c]
    if not names:
        return texts(language).gettext("nobody (not covered by the table)")
    return _and_list(names, language)


def island_change_lines(
    dispute: Dispute, comparison: Comparison, worldview: str, language: str = DEFAULT_LANGUAGE
) -> list[str]:
    """What changed on the islands: one line per kind of change, in a naming.

    Islands with the same change are named together, a whole group by the
    group's name.

    Examples
    --------
    >>> from geo.pack import load_dispute
    >>> dispute = load_dispute()
    >>> changes = compare(dispute, dt.date(1990, 12, 31), dt.date(1992, 12, 31), "neutral")
    >>> island_change_lines(dispute, changes, "neutral")  # doctest: +NORMALIZE_WHITESPACE
    ['Etorofu / Iturup, Kunashiri / Kunashir, Shikotan and Habomai islets (all islands):
      administered by the Soviet Union, then Russia; claimed by the Soviet Union and Japan,
      then Russia and Japan.']
    """
    kinds: dict[tuple[str, str, tuple[str, ...], tuple[str, ...]], list[IslandChange]] = {}
    for change in comparison.islands:
        key = (
            change.administered_before,
            change.administered_after,
            change.claimed_before,
            change.claimed_after,
        )
        kinds.setdefault(key, []).append(change)
    members: dict[str, set[str]] = {}
    for island, group in zip(dispute.islands["id"], dispute.islands["group"], strict=True):
        members.setdefault(str(group), set()).add(str(island))
    _ = texts(language).gettext
    lines = []
    for (admin_before, admin_after, claimed_before, claimed_after), changes in kinds.items():
        ids = {c.island_id for c in changes}
        whole = [g for g in dispute.group_ids if members.get(g) and members[g] <= ids]
        covered = set().union(*(members[g] for g in whole)) if whole else set()
        names = [group_name(dispute.manifest, g, worldview) for g in whole]
        names += [c.name for c in changes if c.island_id not in covered]
        who = _and_list(names, language)
        if len(ids) == len(dispute.islands):
            who = _("{islands} (all islands)").format(islands=who)
        said = {
            "islands": who,
            "admin_before": _party_list(dispute, [admin_before], language),
            "admin_after": _party_list(dispute, [admin_after], language),
            "claims_before": _party_list(dispute, claimed_before, language),
            "claims_after": _party_list(dispute, claimed_after, language),
        }
        admin_changed = admin_before != admin_after
        if claimed_before == claimed_after:
            line = (
                _("{islands}: administered by {admin_before}, then {admin_after}.")
                if admin_changed
                else _("{islands}: administered by {admin_after} throughout.")
            )
        elif admin_changed:
            line = _(
                "{islands}: administered by {admin_before}, then {admin_after}; "
                "claimed by {claims_before}, then {claims_after}."
            )
        else:
            line = _(
                "{islands}: administered by {admin_after} throughout; "
                "claimed by {claims_before}, then {claims_after}."
            )
        lines.append(line.format(**said))
    return lines
