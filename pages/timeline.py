"""Timeline page: every event on a zoomable time axis; choosing one opens it on the map."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from geo.timeline import events_between
from ui import charts, controls, layout
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
table = charts.event_table(events, lang)
chart = charts.event_chart(table, lang)
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
