"""Map page: the map with its time control; the events and links follow the day it shows."""

from __future__ import annotations

import streamlit as st

from geo.export import export_filename
from geo.i18n import localized
from geo.model import Dispute
from geo.presentation import map_title
from ui import cache, controls, display, guide, layout, share
from ui.language import _, language
from ui.time_map import time_map

MAP_HEIGHT = 700  # the time control (about 80 px) and the map


@st.fragment
def map_and_events(dispute: Dispute) -> None:
    """The map and what follows its day: a change of year reruns only this fragment.

    The map document depends on the naming, filters and background, not on the
    year, so it is sent once; the day travels as a value (see ``ui/time_map``).
    A session's first run sends the map alone: the rest follows once the browser
    reports the map drawn, so Streamlit's widgets do not hold it back.
    """
    pack_key = st.session_state[controls.PACK_KEY]
    view = controls.effective_basemap(st.session_state[controls.VIEW_KEY])
    map_column, list_column = st.columns([3, 1], gap="medium")
    with map_column:
        answer = time_map(
            lambda: cache.map_document(dispute, pack_key, view),
            cache.map_document_key(pack_key, view),
            view.date.isoformat(),
            st.session_state.get(controls.MAP_TOKEN_KEY, 0),
            view.selected_event,
            MAP_HEIGHT,
            key="time-map",
            view=controls.map_view_arg(view),
            report_drawn=controls.waiting_for_first_map(),
            fit=True,
        )
        controls.note_first_map_drawn(answer)
        if controls.waiting_for_first_map():
            return
        view = controls.effective_basemap(controls.from_map(answer))
        st.caption(
            _(
                "Shown: {title}. Drag the year, type it or a day in the control below the map; "
                "arrow keys step years, Page Up/Down step events."
                # a title ending with an abbreviation ("2026 г.") ends the sentence with its stop
            ).format(title=display.md(map_title(dispute, view).rstrip(".")))
        )
        share.share_row(dispute, view)
        display.text_twin(cache.text_twin(dispute, pack_key, view))
        shown = view  # the callable below runs outside the script
        st.download_button(
            # the label names the year, so a click before the page has followed the map
            # says which map it downloads
            _("Download this map (PNG, {year})").format(year=view.day or view.year),
            lambda: cache.export_bytes(dispute, pack_key, shown, "png", 120),
            file_name=export_filename(dispute, view, "png"),
            mime="image/png",
            icon=":material/download:",
            on_click="ignore",
            help=_(
                "Exactly the current view, as a publication-quality image; more formats on the "
                "Export page."
            ),
        )
    with list_column:
        display.event_list(view, *cache.year_events(dispute, pack_key, view), dispute=dispute)
    controls.write_query_params(dispute, st.session_state[controls.VIEW_KEY])


dispute, _view = controls.page_state("pages/map.py")
first_run = controls.waiting_for_first_map()  # the map before any widget (see docs)
layout.header(
    localized(dispute.manifest.texts(), "title", language()).text,
    None if first_run else (lambda: controls.naming_control(dispute)),
    _(guide.HOW_TO_READ),
    widgets=not first_run,
)
guide.skip_link(display.EVENT_LIST_ANCHOR)
controls.show_notices("pages/map.py")
map_and_events(dispute)
if controls.waiting_for_first_map():
    controls.whole_page_if_the_map_stays_silent()  # after the map: it moves nothing
