"""Timeline page: every event on a zoomable time axis; choosing one opens it on the map."""

from __future__ import annotations

import datetime as dt

import altair as alt
import streamlit as st

from geo.timeline import events_between
from ui import controls

dispute, view = controls.page_state("pages/timeline.py")
st.markdown("### Timeline of the dispute")
st.caption("Hover for details, drag to pan, scroll to zoom. Click an event to open it on the map.")

events = events_between(
    dispute,
    dt.date(view.event_start, 1, 1),
    dt.date(view.event_end, 12, 31),
    view.categories,
    view.groups,
)
table = events.assign(
    when=events["date"].map(lambda d: d.isoformat()),
    year=events["date"].map(lambda d: d.year),
)[["id", "when", "year", "title", "category", "source_title"]]
pick = alt.selection_point(fields=["id"], name="pick", on="click")
chart = (
    alt.Chart(table)
    .mark_circle(size=140, opacity=0.85)
    .encode(
        x=alt.X("year:Q", title="Year", scale=alt.Scale(zero=False), axis=alt.Axis(format="d")),
        y=alt.Y("category:N", title=None),
        color=alt.Color("category:N", scale=alt.Scale(scheme="tableau10"), legend=None),
        tooltip=[
            alt.Tooltip("when:N", title="Date"),
            alt.Tooltip("title:N", title="Event"),
            alt.Tooltip("source_title:N", title="Source"),
        ],
    )
    .add_params(pick)
    .interactive(bind_y=False)
    .properties(height=360)
)
selection = st.altair_chart(chart, width="stretch", on_select="rerun", key="timeline")
chosen = (selection or {}).get("selection", {}).get("pick") or []
if chosen:
    event_id = chosen[0].get("id")
    match = events[events["id"] == event_id]
    if not match.empty:
        year = match.iloc[0]["date"].year
        controls.set_view(view.replace(year=year, selected_event=event_id))
        st.switch_page("pages/map.py")

st.dataframe(table.drop(columns=["year", "id"]), hide_index=True, width="stretch")
