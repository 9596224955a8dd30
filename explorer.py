"""The explorer's pages: loads the pack, draws the shared sidebar, runs the page.

Served by ``app.py`` (``streamlit run app.py``, see the README), which runs this
script once per visit. ``DISPUTE_PACK=/path/to/pack`` opens another dispute pack.
"""

from __future__ import annotations

import streamlit as st

from geo import paths
from geo.errors import DisputeDataError
from geo.i18n import localized
from ui import cache, comparing, controls, display, layout, packs
from ui.language import _, language

st.set_page_config(
    page_title=_("Dispute explorer"),
    page_icon=str(paths.static_dir() / "favicon.png"),
    layout="wide",
    # the filters fold away: the map takes the window (the pages sit in the top bar)
    initial_sidebar_state="collapsed",
)

cache.server_start()
if "session_started" not in st.session_state:  # a new visitor: free ended sessions' state
    st.session_state["session_started"] = True
    cache.collect_ended_sessions()
folder = packs.session_pack_folder(packs.chosen_pack_folder())
try:
    dispute = cache.dispute_at(folder)
except DisputeDataError as err:
    st.error(
        _("The data in “{name}” cannot be used. Problems found:").format(
            name=display.md(folder.name)
        )
    )
    st.code("\n".join(str(p) for p in err.problems), language=None, wrap_lines=True)
    st.stop()
st.set_page_config(
    page_title=_("{title} — explorer").format(
        title=localized(dispute.manifest.texts(), "title", language()).text
    )
)

pages = [
    st.Page("pages/map.py", title=_("Map"), icon=":material/map:", default=True),
    st.Page("pages/compare.py", title=_("Compare"), icon=":material/compare:"),
    st.Page("pages/story.py", title=_("Story"), icon=":material/auto_stories:"),
    st.Page("pages/timeline.py", title=_("Timeline"), icon=":material/timeline:"),
    st.Page("pages/islands.py", title=_("Islands"), icon=":material/landscape:"),
    st.Page("pages/export.py", title=_("Export"), icon=":material/download:"),
    st.Page("pages/data_sources.py", title=_("Data & sources"), icon=":material/table_view:"),
    st.Page("pages/disputes.py", title=_("Disputes"), icon=":material/public:"),
    st.Page("pages/make_pack.py", title=_("Make a pack"), icon=":material/edit_square:"),
]
navigation = st.navigation(pages, position="top")
layout.compact_page()

st.session_state["dispute_folder"] = str(folder)
view = controls.current_view(dispute, pack_key=str(folder.resolve()))
comparing.remember_link()
# the map page's first map comes before the sidebar's widgets (see pages/map.py)
controls.sidebar_filters(
    dispute, widgets=navigation is not pages[0] or not controls.waiting_for_first_map()
)
if navigation.url_path != "compare":  # the Compare page writes its own link
    controls.write_query_params(dispute, st.session_state[controls.VIEW_KEY])
controls.resume_page(pages)
navigation.run()
