"""Islands page: a profile of each group and island — names, area, status, periods, events."""

from __future__ import annotations

import datetime as dt

import streamlit as st
from babel.numbers import format_decimal

from geo.i18n import LOCALES
from geo.names import display_name, group_name, local_name_lines
from geo.parties import party_color
from geo.presentation import status_line
from geo.tables import events_concerning, name_field_label, period_bars, periods_table
from geo.timeline import state_at
from ui import charts, controls, display, layout
from ui.language import _, language, ngettext

dispute, view = controls.page_state("pages/islands.py")
manifest = dispute.manifest
islands = dispute.islands
lang = language()
layout.header(_("Islands"), lambda: controls.naming_control(dispute))
controls.show_notices("pages/islands.py")

choices = [f"group:{g}" for g in dispute.group_ids] + [f"island:{i}" for i in islands["id"]]


def label(choice: str) -> str:
    """An option of the picker: a group's or an island's name in the chosen naming."""
    kind, ident = choice.split(":", 1)
    if kind == "group":
        return _("Group — {name}").format(name=group_name(manifest, ident, view.worldview))
    row = islands[islands["id"] == ident].iloc[0]
    return _("Island — {name}").format(name=display_name(row, manifest, view.worldview))


choice = st.selectbox(_("Group or island"), choices, format_func=label, key="w_island")
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
    st.markdown(_("**Names**"))
    st.dataframe(
        {
            _("Name"): [names[f] for f in name_fields],
            _("Form"): [name_field_label(dispute, f, language=lang) for f in name_fields],
        },
        hide_index=True,
        width="stretch",
    )
    for line in local_name_lines(manifest, ident, str(first["group"]), language=lang):
        st.caption(display.md(line))
    area = format_decimal(members["area_km2"].sum(), "#,##0.0", locale=LOCALES[lang])
    st.metric(
        _("Area (computed from the coastline)"),
        _("{area} km²").format(area=area),
        help=ngettext(
            "{count} feature in the coastline data",
            "{count} features in the coastline data",
            len(members),
        ).format(count=len(members)),
    )
with right:
    today = state_at(dispute, dt.date.today())
    row = today[today["id"] == first["id"]].iloc[0]
    st.markdown(_("**Status today**"))
    st.markdown(display.md(status_line(dispute, row, language=lang)))
    chosen = state_at(dispute, view.date)
    st.markdown(_("**Status at the end of {year}**").format(year=view.year))
    st.markdown(
        display.md(status_line(dispute, chosen[chosen["id"] == first["id"]].iloc[0], language=lang))
    )

st.markdown(_("**Sovereignty periods**"))
periods = periods_table(dispute, first["id"], language=lang)
if not periods.empty:
    bars = period_bars(dispute, first["id"], dt.date.today(), language=lang)
    colours = {code: party_color(manifest.parties, code) for code in set(bars["code"])}
    chart = charts.period_chart(bars, colours, lang)
    st.altair_chart(chart, width="stretch")
st.dataframe(periods, hide_index=True, width="stretch")

st.markdown(_("**Events that concern it**"))
concerning = events_concerning(dispute, ident if kind == "group" else first["id"])
display.events_table(dispute, concerning, view.worldview)
