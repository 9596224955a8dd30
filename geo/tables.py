"""Tables for people: column labels in words, dates at their precision, names not ids.

The state GeoJSON is the one machine-readable download built here; it keeps
field names and ISO dates.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from geo.annotation import category_word, licence_text
from geo.dates import event_dates, format_event_date
from geo.i18n import DEFAULT_LANGUAGE, format_number, localized, texts
from geo.model import Depiction, Dispute
from geo.names import display_name, group_name, name_list, party_label, worldview_label
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


def _period_date(
    dispute: Dispute, when: dt.date | None, event_id: object, language: str = DEFAULT_LANGUAGE
) -> str:
    """A period bound in words, as precise as the event that opened the period."""
    return format_event_date(when, _precision_of(dispute, event_id), language) if when else ""


def _parties(dispute: Dispute, codes: Iterable[str], language: str) -> str:
    """Party names of a tuple of codes, listed in a language."""
    manifest = dispute.manifest
    return name_list((party_label(manifest, c, language) for c in codes), language)


def unit_name(
    dispute: Dispute, unit_id: str, worldview: str, language: str = DEFAULT_LANGUAGE
) -> str:
    """The name of an island group or island in a worldview (the id if unknown)."""
    if unit_id == ALL_ISLANDS:
        return texts(language).gettext("all islands")
    if unit_id in dispute.manifest.groups:
        return group_name(dispute.manifest, unit_id, worldview)
    rows = dispute.islands[dispute.islands["id"] == unit_id]
    return display_name(rows.iloc[0], dispute.manifest, worldview) if not rows.empty else unit_id


def state_rows(
    dispute: Dispute, when: dt.date, worldview: str = "neutral", language: str = DEFAULT_LANGUAGE
) -> pd.DataFrame:
    """The joined state at a date without geometry, with names and labels for people.

    Examples
    --------
    >>> from geo.pack import load_dispute
    >>> rows = state_rows(load_dispute(), dt.date(1950, 12, 31))
    >>> list(rows.columns)[:4]
    ['Island', 'Group', 'Administered by', 'Claimed by']
    """
    _ = texts(language).gettext
    state = state_at(dispute, when)
    manifest = dispute.manifest
    areas = state["area_km2"].round(1)
    return pd.DataFrame(
        {
            _("Island"): [unit_name(dispute, i, worldview, language) for i in state["id"]],
            _("Group"): [unit_name(dispute, g, worldview, language) for g in state["group"]],
            _("Administered by"): state["administered_by"].map(
                lambda c: party_label(manifest, c, language)
            ),
            _("Claimed by"): state["claimed_by"].map(lambda cs: _parties(dispute, cs, language)),
            _("Contested"): state["contested"].astype(bool),
            _("Since"): [
                _period_date(dispute, d, e, language)
                for d, e in zip(state["period_start"], state["event_id"], strict=True)
            ],
            # a number column in English (sortable); words with the language's separators else
            _("Area (km²)"): areas
            if language == DEFAULT_LANGUAGE
            else areas.map(lambda a: format_number(float(a), language)),
        }
    )


def event_titles(dispute: Dispute, language: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """Each event's title (by id) in a language, English where it has no translation."""
    events = dispute.events
    return {
        str(row["id"]): localized(_record(row), "title", language).text
        for row in events.to_dict("records")
    }


def periods_table(
    dispute: Dispute, island_id: str, language: str = DEFAULT_LANGUAGE
) -> pd.DataFrame:
    """An island's sovereignty periods in words, oldest first.

    Columns: ``From``, ``To``, ``Administered by``, ``Claimed by`` and
    ``Began with`` (the title of the event that opened the period), their
    labels in ``language``.
    """
    _ = texts(language).gettext
    manifest = dispute.manifest
    periods = periods_of(dispute, island_id)
    titles = event_titles(dispute, language)
    return pd.DataFrame(
        {
            _("From"): [
                _period_date(dispute, d, e, language)
                for d, e in zip(periods["start"], periods["event_id"], strict=True)
            ],
            _("To"): [
                format_event_date(d, "day", language) if d else _("ongoing")
                for d in periods["end"]  # an end is the next period's start: known to the day
            ],
            _("Administered by"): periods["administered_by"].map(
                lambda c: party_label(manifest, c, language)
            ),
            _("Claimed by"): periods["claimed_by"].map(lambda cs: _parties(dispute, cs, language)),
            _("Began with"): periods["event_id"].map(lambda e: titles.get(e, "")),
        }
    ).reset_index(drop=True)


def period_bars(
    dispute: Dispute, island_id: str, today: dt.date, language: str = DEFAULT_LANGUAGE
) -> pd.DataFrame:
    """An island's periods for a time chart: ISO bounds, party name (in ``language``) and
    code, claims. The column names are for the chart's code, not for readers."""
    manifest = dispute.manifest
    periods = periods_of(dispute, island_id)
    return pd.DataFrame(
        {
            "start": periods["start"].map(lambda d: d.isoformat()),
            "end": periods["end"].map(lambda d: (d or today).isoformat()),
            "administered_by": periods["administered_by"].map(
                lambda c: party_label(manifest, c, language)
            ),
            "code": periods["administered_by"],
            "claimed_by": periods["claimed_by"].map(lambda cs: _parties(dispute, cs, language)),
        }
    ).reset_index(drop=True)


def events_concerning(dispute: Dispute, unit_id: str) -> pd.DataFrame:
    """Events whose ``islands`` refer to an island or group (directly, via its group, or all)."""
    keep = dispute.events["islands"].map(lambda tokens: unit_id in concerned_units(dispute, tokens))
    return dispute.events[keep]


def events_table(
    dispute: Dispute, events: pd.DataFrame, worldview: str, language: str = DEFAULT_LANGUAGE
) -> pd.DataFrame:
    """Events for reading: date at its precision, names of the islands, source and link.

    Columns: ``Date``, ``Event``, ``Category``, ``Islands``, ``Summary``,
    ``Source``, ``Link`` (their labels in ``language``: ``texts(language).gettext("Link")``).
    Titles and summaries are the pack's translations, English where it has none.
    """
    _ = texts(language).gettext
    return pd.DataFrame(
        {
            _("Date"): list(event_dates(events, language)),
            _("Event"): _pack_texts(events, "title", language),
            _("Category"): [
                category_word(str(c), language).capitalize() for c in events["category"]
            ],
            _("Islands"): [
                name_list((unit_name(dispute, t, worldview, language) for t in tokens), language)
                for tokens in events["islands"]
            ],
            _("Summary"): _pack_texts(events, "summary", language),
            _("Source"): list(events["source_title"]),
            _("Link"): list(events["source_url"]),
        }
    ).reset_index(drop=True)


def _pack_texts(events: pd.DataFrame, field: str, language: str) -> list[Any]:
    """A text column of the events in a language (English: the column as it is)."""
    if language == DEFAULT_LANGUAGE:
        return list(events[field])
    return [localized(_record(row), field, language).text for row in events.to_dict("records")]


def _record(row: Mapping[Any, Any]) -> dict[str, Any]:
    """A row of a table as a record keyed by its column names."""
    return {str(key): value for key, value in row.items()}


def sources_table(dispute: Dispute, language: str = DEFAULT_LANGUAGE) -> pd.DataFrame:
    """Every cited source once, with the years of the events that cite it."""
    _ = texts(language).gettext
    events = dispute.events
    grouped = events.groupby(["source_title", "source_url"], sort=False)["date"].agg(
        lambda dates: ", ".join(sorted({str(d.year) for d in dates}))
    )
    return grouped.reset_index().rename(
        columns={
            "source_title": _("Source"),
            "source_url": _("Link"),
            "date": _("Cited for events of"),
        }
    )


def depictions_table(dispute: Dispute, language: str = DEFAULT_LANGUAGE) -> pd.DataFrame:
    """Each side's map, row by row: worldview, period, what is drawn how, and its source.

    Empty (with its columns) for a pack without ``depictions.csv``. Column labels,
    worldview labels and each row's label and note are in ``language`` (the pack's
    ``label_ja``, ``note_ru``…); English standing in for a missing translation says
    "(not translated)".
    """
    _ = texts(language).gettext
    manifest = dispute.manifest
    columns = [
        _("Worldview"),
        _("From"),
        _("To"),
        _("Element"),
        _("Drawn as"),
        _("Label"),
        _("Source"),
        _("Link"),
        _("Note"),
    ]
    rows = [
        dict(
            zip(
                columns,
                [
                    worldview_label(manifest, d.worldview, language).text,
                    format_event_date(d.valid_from, d.from_precision, language),
                    format_event_date(d.valid_to, "day", language) if d.valid_to else _("ongoing"),
                    d.element,
                    d.drawn_as + (f" ({', '.join(d.parties)})" if d.parties else ""),
                    _depiction_text(d, "label", language),
                    d.source_title,
                    d.source_url,
                    _depiction_text(d, "note", language),
                ],
                strict=True,
            )
        )
        for d in dispute.depictions
    ]
    return pd.DataFrame(rows, columns=columns)


def _depiction_text(row: Depiction, field: str, language: str) -> str:
    """A depiction row's label or note in a language, "(not translated)" after English
    standing in for a missing translation."""
    text = localized(row.texts(), field, language)
    if text.translated or not text.text:
        return text.text
    return texts(language).gettext("{text} (not translated)").format(text=text.text)


def name_field_label(dispute: Dispute, field: str, language: str = DEFAULT_LANGUAGE) -> str:
    """What a name field holds, in words ("Japanese names", "English usage")."""
    _ = texts(language).gettext
    if field == "name_en":
        return _("English usage")
    manifest = dispute.manifest
    for code, worldview in manifest.worldviews.items():
        label = worldview_label(manifest, code, language).text
        if field == worldview.name_field:
            return label
        if field == worldview.latin_field:
            return _("{label} in Latin script").format(label=label)
    return field.replace("_", " ")
