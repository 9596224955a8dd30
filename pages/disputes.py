"""Disputes page: the packs on offer as a gallery; open one, upload one or make one."""

from __future__ import annotations

import streamlit as st

from ui import controls, layout, packs

dispute, view = controls.page_state("pages/disputes.py")
layout.header("Disputes", None)
controls.show_notices("pages/disputes.py")
st.caption(
    "Each dispute is a pack: coastlines, who administered and who claimed each island "
    "group, and a sourced history. Pick one to explore it; the link then names it."
)
packs.pack_gallery(showing=dispute.manifest.id)
st.markdown("**Another dispute**")
with st.container(horizontal=True, gap="small"):
    st.page_link(
        "pages/data_sources.py", label="Open a pack you have (zip)", icon=":material/upload:"
    )
