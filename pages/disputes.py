"""Disputes page: the packs on offer as a gallery; open one, upload one or make one."""

from __future__ import annotations

import streamlit as st

from ui import controls, layout, packs
from ui.language import _

dispute, view = controls.page_state("pages/disputes.py")
layout.header(_("Disputes"), None)
controls.show_notices("pages/disputes.py")
st.caption(
    _(
        "Each dispute is a pack: coastlines, who administered and who claimed each island "
        "group, and a sourced history. Pick one to explore it; the link then names it."
    )
)
packs.pack_gallery(showing=dispute.manifest.id)
st.markdown("**{}**".format(_("Another dispute")))
with st.container(horizontal=True, gap="small"):
    st.page_link(
        "pages/data_sources.py",
        label=_("Open a pack you have (zip)"),
        icon=":material/upload:",
    )
