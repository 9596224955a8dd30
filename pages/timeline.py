"""Timeline page: every event on a zoomable time axis; choosing one opens it on the map."""

from __future__ import annotations

import datetime as dt

import altair as alt
import streamlit as st

from geo.dates import event_dates
from geo.timeline import events_between
from ui import controls, display, layout
from ui.language import _, language

dispute, view = controls.page_state("pages/timeline.py")
lang = language()
layout.header(_("Timeline of the dispute"), lambda: controls.naming_control(dispute))
controls.show_notices("pages/timeline.py")
st.caption(
    _("Hover for details, drag to pan, scroll to zoom. Click an event to open it on the map.")
)

events = events_between(
    dispute,
    dt.date(view.event_start, 1, 1),
    dt.date(view.event_end, 12, 31),
    view.categories,
    view.groups,
)
table = events.assign(
    when=event_dates(events, lang),
    year=events["date"].map(lambda d: d.year),
    title=[display.plain_text(row, "title", lang) for _row, row in events.iterrows()],
)[["id", "when", "year", "title", "category", "source_title"]]
pick = alt.selection_point(fields=["id"], name="pick", on="click")
chart = (
    alt.Chart(table)
    .mark_circle(size=140, opacity=0.85)
    .encode(
        x=alt.X("year:Q", title=_("Year"), scale=alt.Scale(zero=False), axis=alt.Axis(format="d")),
        y=alt.Y("category:N", title=None),
        color=alt.Color("category:N", scale=alt.Scale(scheme="tableau10"), legend=None),
        tooltip=[
            alt.Tooltip("when:N", title=_("Date")),
            alt.Tooltip("title:N", title=_("Event")),
            alt.Tooltip("source_title:N", title=_("Source")),
        ],
    )
    .add_params(pick)
    .interactive(bind_y=False)
    .properties(height=360)
)
selection = st.altair_chart(chart, width="stretch", on_select="rerun", key="timeline")
chosen = (selection or {}).get("selection", {}).get("pick") or []
if chosen:
    controls.open_event_on_map(dispute, str(chosen[0].get("id", "")))

titles = dict(zip(table["id"], table["when"] + " — " + table["title"], strict=True))
pick_column, button_column = st.columns([4, 1], vertical_alignment="bottom")
picked = pick_column.selectbox(
    _("Or choose an event"),
    list(titles),
    format_func=titles.__getitem__,
    key="w_timeline_event",
    index=None,
    placeholder=_("An event…"),
)
if button_column.button(_("Open on the map"), icon=":material/map:", disabled=picked is None):
    controls.open_event_on_map(dispute, str(picked))

st.dataframe(
    table.drop(columns=["year", "id"]).rename(
        columns={
            "when": _("Date"),
            "title": _("Event"),
            "category": _("Category"),
            "source_title": _("Source"),
        }
    ),
    hide_index=True,
    width="stretch",
)
