"""The pages' charts, in a language: the Timeline page's events and the Islands page's periods.

Each chart's data carries its words in the reader's language (a category through
:func:`geo.annotation.category_word`, dates through :mod:`geo.dates`), and the chart
says what it shows in that language too: its description (the chart's accessible
name), its axes' descriptions and each mark's description (Vega-Lite would write them
in English from the field names otherwise).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import altair as alt
import pandas as pd

from geo.annotation import category_word
from geo.dates import event_dates, format_event_date
from geo.i18n import localized, texts
from geo.names import name_list

TABLE_COLUMNS = ["id", "when", "year", "title", "category", "source_title"]


def event_table(events: pd.DataFrame, language: str) -> pd.DataFrame:
    """The events as the Timeline page shows them, in a language.

    Parameters
    ----------
    events : pandas.DataFrame
        Rows of the pack's events (:func:`geo.timeline.events_between`).
    language : str
        The reader's language.

    Returns
    -------
    pandas.DataFrame
        ``id``, ``when`` (the date in words), ``year``, ``title`` (the pack's
        translation, marked where English stands in), ``category`` (in the
        reader's words) and ``source_title``.
    """
    return events.assign(
        when=event_dates(events, language),
        year=events["date"].map(lambda d: d.year),
        title=[_title(row, language) for row in events.to_dict("records")],
        category=[category_word(str(c), language) for c in events["category"]],
    )[TABLE_COLUMNS].reset_index(drop=True)


def _title(event: dict[Any, Any], language: str) -> str:
    """An event's title as plain text, "(not translated)" after it when English stands
    in (as :func:`ui.display.plain_text` writes it)."""
    text = localized({str(k): v for k, v in event.items()}, "title", language)
    if text.translated:
        return text.text
    return f"{text.text} ({texts(language).gettext('not translated')})"


def chart_description(table: pd.DataFrame, language: str) -> str:
    """What the chart shows, in words: its events' count and years (its accessible name)."""
    catalogue = texts(language)
    if table.empty:
        return catalogue.gettext("Timeline of the dispute: no event passes the filters.")
    count = len(table)
    return catalogue.ngettext(
        "Timeline of the dispute: {count} event from {first} to {last}, by year "
        "(across) and category (down). Choose an event below the chart to open it on the map.",
        "Timeline of the dispute: {count} events from {first} to {last}, by year "
        "(across) and category (down). Choose an event below the chart to open it on the map.",
        count,
    ).format(count=count, first=int(table["year"].min()), last=int(table["year"].max()))


def event_chart(table: pd.DataFrame, language: str) -> alt.Chart:
    """The events of :func:`event_table` as points by year and category, clickable.

    Parameters
    ----------
    table : pandas.DataFrame
        The rows of :func:`event_table`.
    language : str
        The reader's language: the axis title, tooltips and every description.

    Returns
    -------
    altair.Chart
        A chart with a point selection ``pick`` on the events' ``id``.
    """
    catalogue = texts(language)
    _ = catalogue.gettext
    categories = sorted(set(table["category"]))
    data = table.assign(
        described=[
            _("{date}: {title} ({category})").format(
                date=row["when"], title=row["title"], category=row["category"]
            )
            for row in table.to_dict("records")
        ]
    )
    years = (
        _("Year, from {first} to {last}").format(
            first=int(table["year"].min()), last=int(table["year"].max())
        )
        if not table.empty
        else _("Year")
    )
    kinds = _("Categories: {categories}").format(categories=name_list(categories, language))
    pick = alt.selection_point(fields=["id"], name="pick", on="click")
    return (
        alt.Chart(data, description=chart_description(table, language))
        .mark_circle(size=140, opacity=0.85)
        .encode(
            x=alt.X(
                "year:Q",
                title=_("Year"),
                scale=alt.Scale(zero=False),
                axis=alt.Axis(format="d", description=years),
            ),
            y=alt.Y("category:N", title=None, axis=alt.Axis(description=kinds)),
            color=alt.Color("category:N", scale=alt.Scale(scheme="tableau10"), legend=None),
            tooltip=[
                alt.Tooltip("when:N", title=_("Date")),
                alt.Tooltip("title:N", title=_("Event")),
                alt.Tooltip("source_title:N", title=_("Source")),
            ],
            description=alt.Description("described:N"),
        )
        .add_params(pick)
        .interactive(bind_y=False)
        .properties(height=360)
    )


def period_chart(bars: pd.DataFrame, colours: dict[str, str], language: str) -> alt.Chart:
    """An island's sovereignty periods as bars on a time axis, one row per administering party.

    Parameters
    ----------
    bars : pandas.DataFrame
        The rows of :func:`geo.tables.period_bars` (ISO ``start`` and ``end``, the
        party's name in ``administered_by``, its ``code``, and ``claimed_by``).
    colours : dict
        Each party code's colour, as the map fills it.
    language : str
        The reader's language: dates, titles and every description.

    Returns
    -------
    altair.Chart
    """
    _ = texts(language).gettext

    def day(iso: str) -> str:
        return format_event_date(dt.date.fromisoformat(iso), "day", language)

    data = bars.assign(start_text=bars["start"].map(day), end_text=bars["end"].map(day))
    data = data.assign(
        described=[
            _("{start} to {end}: administered by {party}").format(
                start=row["start_text"], end=row["end_text"], party=row["administered_by"]
            )
            for row in data.to_dict("records")
        ]
    )
    first, last = (day(data["start"].min()), day(data["end"].max())) if len(data) else ("", "")
    description = _("Sovereignty periods from {first} to {last}, one bar per period.").format(
        first=first, last=last
    )
    parties = name_list(list(dict.fromkeys(data["administered_by"])), language)
    codes = list(dict.fromkeys(data["code"]))
    return (
        alt.Chart(data, description=description)
        .mark_bar(height=26)
        .encode(
            x=alt.X(
                "start:T",
                title=None,
                axis=alt.Axis(
                    description=_("Time, from {first} to {last}").format(first=first, last=last)
                ),
            ),
            x2="end:T",
            y=alt.Y(
                "administered_by:N",
                # no axis title: rotated along the left edge, a long one was cut ("од управлением");
                # the party names say it, and the axis' description reads it out
                title=None,
                axis=alt.Axis(description=_("Administered by: {parties}").format(parties=parties)),
            ),
            color=alt.Color(
                "code:N",
                legend=None,
                scale=alt.Scale(domain=codes, range=[colours[c] for c in codes]),
            ),
            tooltip=[
                alt.Tooltip("start_text:N", title=_("From")),
                alt.Tooltip("end_text:N", title=_("To")),
                alt.Tooltip("administered_by:N", title=_("Administered by")),
                alt.Tooltip("claimed_by:N", title=_("Claimed by")),
            ],
            description=alt.Description("described:N"),
        )
        .properties(height=140)
    )
