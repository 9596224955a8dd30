"""Map page: the interactive map of the chosen year, with its events beside it."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from geo.export import export_filename
from geo.foliummap import base_map, view_layers
from geo.presentation import CAPTION, map_title
from ui import cache, controls, display

dispute, view = controls.page_state("pages/map.py")
st.markdown(f"### {display.md(map_title(dispute, view))}")
controls.show_notices()
controls.year_controls(dispute)
view = controls.effective_basemap(st.session_state[controls.VIEW_KEY])

map_column, list_column = st.columns([3, 1.2], gap="medium")
with map_column:
    scripts = cache.map_scripts(dispute, st.session_state["view_pack"], view)
    layers = view_layers(dispute, view, scripts)
    st_folium(
        base_map(dispute, view),
        feature_group_to_add=layers,
        key=f"map-{view.basemap}",
        height=620,
        width="stretch",
        returned_objects=[],
    )
    st.caption(CAPTION)
    pack_key = st.session_state["view_pack"]  # the callable below runs outside the script
    st.download_button(
        "Download this map (PNG)",
        lambda: cache.export_bytes(dispute, pack_key, view, "png", 120),
        file_name=export_filename(dispute, view, "png"),
        mime="image/png",
        icon=":material/download:",
        on_click="ignore",
        help="Exactly the current view, as a publication-quality image; more formats on the "
        "Export page.",
    )
with list_column:
    display.event_list(dispute, view)
