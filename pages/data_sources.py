"""Data & sources page: the tables, downloads, the sources cited, licences, how to cite."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from geo import paths
from geo.io import SOURCES_NOTE_FILE
from geo.tables import depictions_table, sources_table, state_geojson, state_rows
from ui import controls, display, layout, packs

dispute, view = controls.page_state("pages/data_sources.py")
manifest = dispute.manifest
layout.header("Data & sources", lambda: controls.naming_control(dispute))
controls.show_notices("pages/data_sources.py")

st.markdown(f"**Joined state at the end of {view.year}**")
st.dataframe(state_rows(dispute, view.date, view.worldview), hide_index=True, width="stretch")
cols = st.columns(3)
cols[0].download_button(
    f"State at end of {view.year} (GeoJSON)",
    state_geojson(dispute, view.date),
    file_name=f"{manifest.id}-state-{view.year}.geojson",
    mime="application/geo+json",
)
for col, name in zip(cols[1:], (paths.EVENTS_FILE, paths.SOVEREIGNTY_FILE), strict=True):
    col.download_button(f"{name}", dispute.files[name], file_name=name, mime="text/csv")

st.markdown("**History table**")
st.caption(
    "Dates are shown as precisely as they are known. The CSV download keeps ISO dates "
    "(the 1st of the month or year when less is known) and a date_precision column."
)
display.events_table(dispute, dispute.events, view.worldview)

st.markdown("**Sources cited**")
st.dataframe(
    sources_table(dispute),
    hide_index=True,
    width="stretch",
    column_config={"Link": st.column_config.LinkColumn("Link")},
)

depictions = depictions_table(dispute)
if not depictions.empty:
    st.markdown("**Each side's map**")
    st.caption(
        "What each worldview draws, period by period: how the islands are filled and which "
        "lines are borders, lines of control or not drawn, with the statement or map it rests on."
    )
    st.dataframe(
        depictions,
        hide_index=True,
        width="stretch",
        column_config={"Link": st.column_config.LinkColumn("Link")},
    )

st.markdown("**Licences**")
st.markdown(display.md(manifest.licence) or "The pack does not state a licence.")
sources_note = dispute.files.get(SOURCES_NOTE_FILE)  # read with the pack, never through a link
if sources_note is not None:
    with st.expander("Where each data file comes from (SOURCES.md)"):
        text = sources_note.decode("utf-8", errors="replace")
        if dispute.folder.resolve() == paths.shipped_data_dir().resolve():
            st.markdown(text)
        else:  # another pack's text is shown as plain text, never rendered
            st.text(text)

packs.pack_uploader()

st.markdown("**How to cite**")
st.code(
    f"{manifest.how_to_cite} Accessed {dt.date.today().isoformat()}.",
    language=None,
    wrap_lines=True,
)
