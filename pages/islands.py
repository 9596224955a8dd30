"""Islands page: a profile of each group and island — names, area, status, periods, events."""

from __future__ import annotations

import datetime as dt

import altair as alt
import streamlit as st

from geo.names import display_name, group_name, local_name_lines
from geo.parties import party_color
from geo.presentation import status_line
from geo.tables import events_concerning, name_field_label, period_bars, periods_table
from geo.timeline import state_at
from ui import controls, display, layout

dispute, view = controls.page_state("pages/islands.py")
manifest = dispute.manifest
islands = dispute.islands
layout.header("Islands", lambda: controls.naming_control(dispute))
controls.show_notices("pages/islands.py")

choices = [f"group:{g}" for g in dispute.group_ids] + [f"island:{i}" for i in islands["id"]]


def label(choice: str) -> str:
    kind, ident = choice.split(":", 1)
    if kind == "group":
        return f"Group — {group_name(manifest, ident, view.worldview)}"
    row = islands[islands["id"] == ident].iloc[0]
    return f"Island — {display_name(row, manifest, view.worldview)}"


choice = st.selectbox("Group or island", choices, format_func=label, key="w_island")
kind, ident = choice.split(":", 1)
members = islands[islands["group"] == ident] if kind == "group" else islands[islands["id"] == ident]
first = members.iloc[0]
names = manifest.groups.get(ident, {}) if kind == "group" else first.to_dict()
name_fields = [
    f
    for f in dict.fromkeys(
        x for w in manifest.worldviews.values() for x in (w.name_field, w.latin_field)
    )
    if names.get(f)
]

left, right = st.columns(2)
with left:
    st.markdown("**Names**")
    st.dataframe(
        {
            "Name": [names[f] for f in name_fields],
            "Form": [name_field_label(dispute, f) for f in name_fields],
        },
        hide_index=True,
        width="stretch",
    )
    for line in local_name_lines(manifest, ident, str(first["group"])):
        st.caption(display.md(line))
    st.metric(
        "Area (computed from the coastline)",
        f"{members['area_km2'].sum():,.1f} km²",
        help=f"{len(members)} feature(s) in the coastline data",
    )
with right:
    today = state_at(dispute, dt.date.today())
    row = today[today["id"] == first["id"]].iloc[0]
    st.markdown("**Status today**")
    st.markdown(display.md(status_line(dispute, row)))
    chosen = state_at(dispute, view.date)
    st.markdown(f"**Status at the end of {view.year}**")
    st.markdown(display.md(status_line(dispute, chosen[chosen["id"] == first["id"]].iloc[0])))

st.markdown("**Sovereignty periods**")
periods = periods_table(dispute, first["id"])
if not periods.empty:
    bars = period_bars(dispute, first["id"], dt.date.today())
    codes = list(dict.fromkeys(bars["code"]))
    chart = (
        alt.Chart(bars)
        .mark_bar(height=26)
        .encode(
            x=alt.X("start:T", title=None),
            x2="end:T",
            y=alt.Y("administered_by:N", title="Administered by"),
            color=alt.Color(
                "code:N",
                legend=None,
                scale=alt.Scale(
                    domain=codes, range=[party_color(manifest.parties, c) for c in codes]
                ),
            ),
            tooltip=[
                alt.Tooltip("start:T", title="From", format="%-d %B %Y"),
                alt.Tooltip("end:T", title="To", format="%-d %B %Y"),
                alt.Tooltip("administered_by:N", title="Administered by"),
                alt.Tooltip("claimed_by:N", title="Claimed by"),
            ],
        )
        .properties(height=140)
    )
    st.altair_chart(chart, width="stretch")
st.dataframe(periods, hide_index=True, width="stretch")

st.markdown("**Events that concern it**")
concerning = events_concerning(dispute, ident if kind == "group" else first["id"])
display.events_table(dispute, concerning, view.worldview)
