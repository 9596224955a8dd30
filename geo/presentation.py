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

from geo import theme
from geo.dates import format_event_date
from geo.depiction import LineDrawing, hidden_notes, island_rule, row_label
from geo.i18n import DEFAULT_LANGUAGE, N_, localized, texts
from geo.model import Depiction, Dispute
from geo.names import name_list, party_in_sentence, party_label
from geo.parties import Party, no_data_label, party_color
from geo.timeline import events_between
from geo.view import View

CAPTION = N_(
    "Fill: the party that administers the island (de facto control). "
    "Hatching: a claim by another party. The map does not judge which claim is valid."
)


@dataclass(frozen=True)
class LegendEntry:
    """One line of the legend."""

    kind: str  # "fill", "hatch", "none", "boundary", "control", "event", "earlier-event"
    label: str
    color: str
    stripe: str = ""


@dataclass(frozen=True)
class IslandStyle:
    """How one island is drawn: its administrator's fill, hatched by another claimant.

    ``stripe`` and ``pattern`` are empty when nobody else claims the island.
    """

    fill: str
    stripe: str = ""
    pattern: str = ""

    @property
    def hatched(self) -> bool:
        """Whether another party's claim is shown (hatching and a coloured outline)."""
        return bool(self.stripe)

    @property
    def edge(self) -> str:
        """Outline colour: the claimant's colour when hatched, else a neutral grey."""
        return self.stripe or theme.ISLAND_EDGE


def island_style(
    parties: dict[str, Party], row: Mapping[str, Any], rule: Depiction | None = None
) -> IslandStyle:
    """The style of an island in a state (one of :func:`geo.timeline.status_rows`' records).

    Both renderers draw islands from this, so they never disagree. With a
    depiction ``rule`` that draws territory (one side's map), an island one of
    the rule's parties claims is filled as that party's territory, unhatched.

    Examples
    --------
    >>> from geo.parties import Party
    >>> parties = {"JP": Party("JP", "Japan", "#0072B2"), "SU": Party("SU", "USSR", "#D55E00")}
    >>> row = {"covered": True, "administered_by": "SU", "claimed_by": ("SU", "JP")}
    >>> island_style(parties, row)
    IslandStyle(fill='#D55E00', stripe='#0072B2', pattern='hatch-SU-JP')
    """
    if not row["covered"]:
        return IslandStyle(theme.NO_DATA)
    owner = territory_of(row, rule)
    if owner:
        return IslandStyle(party_color(parties, owner))
    fill = party_color(parties, row["administered_by"])
    others = other_claimants(row)
    if not others:
        return IslandStyle(fill)
    return IslandStyle(
        fill,
        party_color(parties, others[0]),
        hatch_id(row["administered_by"], others[0]),
    )


def territory_of(row: Mapping[str, Any], rule: Depiction | None) -> str:
    """The party whose territory a depiction draws the island as, or ``""`` (neutral drawing).

    Examples
    --------
    >>> import datetime as dt
    >>> from geo.model import Depiction
    >>> day = dt.date(1946, 2, 2)
    >>> rule = Depiction("ru", day, None, "islands", "territory", ("SU",), "", "", "", "")
    >>> territory_of({"covered": True, "claimed_by": ("SU", "JP")}, rule)
    'SU'
    >>> territory_of({"covered": True, "claimed_by": ("JP",)}, rule)
    ''
    """
    if rule is None or rule.drawn_as != "territory" or not row["covered"]:
        return ""
    return next((p for p in rule.parties if p in row["claimed_by"]), "")


def depiction_caption(
    dispute: Dispute, worldview: str, when: dt.date, language: str = DEFAULT_LANGUAGE
) -> str:
    """What the fill and the lines mean in a worldview's depiction on a day.

    The neutral drawing keeps :data:`CAPTION`; one side's map says whose map it
    is and what it leaves out (the other side's claim, lines it does not draw).
    """
    _ = texts(language).gettext
    rule = island_rule(dispute, worldview, when)
    if rule is None or rule.drawn_as != "territory":
        text = _(CAPTION)
    else:
        side = " / ".join(party_in_sentence(dispute.manifest, p, language) for p in rule.parties)
        text = _(
            "{Side}'s depiction: the islands are filled as {side}'s territory, as its official "
            "maps and statements draw them; the other side's claim and who holds them are not "
            "shown. The neutral view shows administration (fill) and claims (hatching)."
        ).format(Side=f"{side[:1].upper()}{side[1:]}", side=side)
    hidden = hidden_notes(dispute, worldview, when, language)
    return " ".join([text, *(f"{note}." for note in hidden)])


def boundary_valid(start: dt.date, end: dt.date | None, when: dt.date) -> bool:
    """Whether a boundary line valid over ``[start, end)`` is drawn on ``when``."""
    return start <= when and (end is None or when < end)


def hatch_id(administrator: str, claimant: str) -> str:
    """Id of the SVG pattern that shows ``claimant``'s claim on land ``administrator`` holds."""
    return f"hatch-{administrator or 'none'}-{claimant}"


def other_claimants(row: Mapping[str, Any]) -> tuple[str, ...]:
    """Claimants other than the administrator, in table order."""
    return tuple(c for c in row["claimed_by"] if c != row["administered_by"])


def status_line(dispute: Dispute, row: Mapping[str, Any], language: str = DEFAULT_LANGUAGE) -> str:
    """'Administered by: Soviet Union. Claimed by: Soviet Union, Japan.'"""
    if not row["covered"]:
        return no_data_label(language)
    manifest = dispute.manifest
    admin = party_label(manifest, row["administered_by"], language)
    claims = name_list((party_label(manifest, c, language) for c in row["claimed_by"]), language)
    return (
        texts(language)
        .gettext("Administered by: {administrator}. Claimed by: {claimants}.")
        .format(administrator=admin, claimants=claims)
    )


def period_line(
    row: Mapping[str, Any], dispute: Dispute | None = None, language: str = DEFAULT_LANGUAGE
) -> str:
    """'From 2 February 1946 to 26 December 1991' for a covered state.

    With the pack, a date that an event known only to the year or month set
    is given at that precision ("From 1799 to 1821"), never as its 1 January.
    """
    if not row["covered"]:
        return ""
    start: dt.date = row["period_start"]
    end: dt.date | None = row["period_end"]

    def said(day: dt.date) -> str:
        if dispute is None:
            return day.isoformat()
        events = dispute.events
        known = events.loc[events["date"] == day, "date_precision"]
        precision = "day" if known.empty or (known == "day").any() else str(known.iloc[0])
        return format_event_date(day, precision, language)

    _ = texts(language).gettext
    if end:
        return _("From {start} to {end}").format(start=said(start), end=said(end))
    return _("From {start} (ongoing)").format(start=said(start))


def _row_label(row: Depiction, language: str) -> str:
    """A depiction row's label in a language, "(not translated)" after English standing in."""
    label = row_label(row, language)
    if label.translated or not label.text:
        return label.text
    return texts(language).gettext("{text} (not translated)").format(text=label.text)


def legend_entries(
    dispute: Dispute,
    statuses: Sequence[Mapping[str, Any]],
    view: View,
    boundary_names: Iterable[str] = (),
    rule: Depiction | None = None,
    drawings: Sequence[LineDrawing] = (),
) -> list[LegendEntry]:
    """The legend of a state: fills, hatches, no-data, lines and event markers.

    ``statuses`` are the islands' status records (:func:`geo.timeline.status_rows`);
    ``rule`` the depiction's islands row and ``drawings`` its lines (see
    :mod:`geo.depiction`); ``boundary_names`` are lines drawn as borders.
    """
    language = view.lang
    _ = texts(language).gettext
    manifest = dispute.manifest
    parties = manifest.parties
    entries: list[LegendEntry] = []
    owners = dict.fromkeys(o for s in statuses if (o := territory_of(s, rule)))
    # the depiction's label in the language; English standing in says "(not translated)"
    rule_label = _row_label(rule, language) if rule is not None else ""
    for code in owners:
        label = rule_label if len(owners) == 1 else ""
        label = label or f"{party_label(manifest, code, language)}: {rule_label}"
        entries.append(LegendEntry("fill", label, party_color(parties, code)))
    statuses = [s for s in statuses if not territory_of(s, rule)]
    administrators = [a for a in dict.fromkeys(s["administered_by"] for s in statuses) if a]
    for code in administrators:
        entries.append(
            LegendEntry(
                "fill",
                _("{party} administers").format(party=party_label(manifest, code, language)),
                party_color(parties, code),
            )
        )
    hatches = dict.fromkeys(
        (row["administered_by"], claimant) for row in statuses for claimant in other_claimants(row)
    )
    for administrator, claimant in hatches:
        entries.append(
            LegendEntry(
                "hatch",
                _("{party} also claims").format(party=party_label(manifest, claimant, language)),
                party_color(parties, administrator),
                party_color(parties, claimant),
            )
        )
    if not all(s["covered"] for s in statuses):
        entries.append(LegendEntry("none", no_data_label(language), theme.NO_DATA))
    for name in boundary_names:
        entries.append(LegendEntry("boundary", name, theme.BOUNDARY))
    for drawing in drawings:
        kind = "boundary" if drawing.kind == "border" else "control"
        entries.append(LegendEntry(kind, drawing.label, theme.BOUNDARY))
    if view.show_events:
        entries.extend(event_legend_entries(view, view.year))
    return entries


def event_legend_entries(view: View, year: int | str) -> list[LegendEntry]:
    """The legend lines of the event markers (``year`` may be a placeholder for the browser)."""
    _ = texts(view.lang).gettext
    entries = [LegendEntry("event", _("Event in {year} (numbered)").format(year=year), theme.EVENT)]
    if view.show_earlier:
        entries.append(
            LegendEntry("earlier-event", _("Earlier event in the chosen range"), theme.EARLIER)
        )
    return entries


def map_title(dispute: Dispute, view: View) -> str:
    """The view's own title (an editor's, for exports), else 'The Kuril Islands dispute —
    situation at the end of 1950' (or 'on 1 September 1945')."""
    return view.title or title_at(dispute, view.day or view.year, view.lang)


def title_at(dispute: Dispute, when: int | str, language: str = DEFAULT_LANGUAGE) -> str:
    """The map's title for a year (its end) or an ISO day ``YYYY-MM-DD`` (said in words)."""
    at_year_end, on_day, _in_month = title_patterns(dispute, language)
    if isinstance(when, str):
        return on_day.format(date=format_event_date(dt.date.fromisoformat(when), "day", language))
    return at_year_end.format(year=when)


def title_patterns(dispute: Dispute, language: str = DEFAULT_LANGUAGE) -> tuple[str, str, str]:
    """The map's title at a year's end (``{year}``), on a day (``{date}``, in words) and
    in a month or a year a date is only known to (a tour step's: ``{date}`` is "July
    1947" or "1947"); the page fills them in with the same words (its scene carries them).

    The pack's title is its translation in ``language`` (English when it has none)."""
    _ = texts(language).gettext
    own = localized(dispute.manifest.texts(), "title", language).text
    title = own.replace("{", "{{").replace("}", "}}")
    return (
        _("{title} — situation at the end of {year}").format(title=title, year="{year}"),
        _("{title} — situation on {date}").format(title=title, date="{date}"),
        _("{title} — situation in {date}").format(title=title, date="{date}"),
    )


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
        boundary_valid(start, end, when)
        for start, end in zip(lines["valid_from"], lines["valid_to"], strict=True)
    ]
    return lines[keep]
