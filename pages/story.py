"""Story page: a guided tour of the pack, step by step, on the time-engine map.

Each step sets the map's day, highlights its events and flies to its extent,
all as values passed to the map already in the page (never a new map); the
link ``?tour=ID&step=N`` names the step.
"""

from __future__ import annotations

import streamlit as st

from geo.formats import TOUR_FORMATS
from geo.model import Dispute
from geo.tours import (
    progress_label,
    step_date_text,
    step_day,
    step_events,
    step_query,
    step_sources,
    step_view,
    story_view,
)
from ui import cache, controls, display, layout, story
from ui.text import md
from ui.time_map import time_map

MAP_HEIGHT = 600


@st.fragment
def story_body(dispute: Dispute) -> None:
    """The step bar, the map and the step: a step change reruns only this."""
    place = story.current_place(dispute)
    story.show_notices()
    tour = place.tour
    if tour is None:
        st.info("This pack has no tours (a pack may add them in a tours.json file).")
        return
    index, total = place.index, len(tour.steps)
    step = tour.steps[index]
    with st.container(horizontal=True, vertical_alignment="center", gap="small"):
        if len(dispute.tours) > 1:
            ids = [t.id for t in dispute.tours]
            st.session_state["w_tour"] = tour.id
            st.selectbox(
                "Tour",
                ids,
                key="w_tour",
                format_func=lambda i: md(next(t.title for t in dispute.tours if t.id == i)),
                on_change=story.pick_tour,
                args=("w_tour",),
                label_visibility="collapsed",
                width=260,
            )
        st.button(
            "Previous",
            key="w_story_prev",
            disabled=index == 0,
            on_click=story.go,
            args=(tour.id, index - 1),
            shortcut="Left",
            help="Previous step (← key)",
            icon=":material/arrow_back:",
        )
        st.button(
            "Next",
            key="w_story_next",
            type="primary",
            disabled=index == total - 1,
            on_click=story.go,
            args=(tour.id, index + 1),
            shortcut="Right",
            help="Next step (→ key)",
            icon=":material/arrow_forward:",
        )
        st.progress((index + 1) / total, text=progress_label(index, total), width="stretch")

    pack_key = st.session_state[controls.PACK_KEY]
    base = story_view(controls.default_for(dispute), st.session_state[controls.VIEW_KEY])
    base = controls.effective_basemap(base)
    shown = step_view(base, step)
    map_column, step_column = st.columns([3, 1.15], gap="medium")
    with map_column:
        time_map(
            lambda: cache.map_document(dispute, pack_key, base),
            cache.map_document_key(pack_key, base),
            step_day(step).isoformat(),
            story.token(),
            "",
            MAP_HEIGHT,
            key="story-map",
            highlight=step.events,
            bounds=step.extent,
            fit=True,
            precision=step.date_precision,
        )
    with step_column:
        display.tour_step(
            step.title,
            step_date_text(step),
            step.caption,
            step_events(dispute, step),
            step_sources(dispute, step),
        )
    display.text_twin(cache.text_twin(dispute, pack_key, shown))

    with st.expander(f"About this tour: all {total} steps (a link each)"):
        st.caption(display.md(tour.description))
        for number, each in enumerate(tour.steps):
            label = (
                f"{number + 1}. {each.title}"
                + ("" if str(each.date.year) in each.title else f" ({step_date_text(each)})")
                + (" — this step" if number == index else "")
            )
            # a page link's label is Markdown: the pack's title is escaped
            st.page_link("pages/story.py", label=md(label), query_params=step_query(tour, number))
    st.markdown("#### Take the tour with you")
    for fmt in TOUR_FORMATS:
        story.tour_download(dispute, pack_key, base, tour.id, fmt)


STORY_HELP = """
A tour walks through the dispute step by step. Each step moves the map to its date and
place and marks its events with a dark ring (they pulse briefly unless your system asks
for reduced motion); the step's first event has its text open. **Previous** and **Next**
(or the ← and → keys) move between steps, and every step has a link of its own. The map's
own controls still work: zoom, pan, the time bar, a click on any marker.
"""

dispute, _ = controls.page_state("pages/story.py")
tours = dispute.tours
layout.header(
    tours[0].title if len(tours) == 1 else "Story",
    lambda: controls.naming_control(dispute),
    STORY_HELP,
)
controls.show_notices("pages/story.py")
story_body(dispute)
