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
from ui import cache, controls, display, story
from ui.text import md
from ui.time_map import time_map

MAP_HEIGHT = 600


@st.fragment
def story_body(dispute: Dispute) -> None:
    """Progress, the step buttons, the map and the step: a step change reruns only this."""
    place = story.current_place(dispute)
    story.show_notices()
    tour = place.tour
    if tour is None:
        st.info("This pack has no tours (a pack may add them in a tours.json file).")
        return
    if len(dispute.tours) > 1:
        ids = [t.id for t in dispute.tours]
        st.session_state["w_tour"] = tour.id
        st.selectbox(
            "Tour",
            ids,
            key="w_tour",
            format_func=lambda i: next(t.title for t in dispute.tours if t.id == i),
            on_change=story.pick_tour,
            args=("w_tour",),
        )
    st.markdown(f"### {display.md(tour.title)}")
    st.caption(display.md(tour.description))
    index, total = place.index, len(tour.steps)
    step = tour.steps[index]
    st.progress((index + 1) / total, text=progress_label(index, total))
    with st.container(horizontal=True, vertical_alignment="center"):
        st.button(
            "Previous",
            key="w_story_prev",
            disabled=index == 0,
            on_click=story.go,
            args=(tour.id, index - 1),
            shortcut="Left",
            help="Previous step (← key)",
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
        )

    pack_key = st.session_state[controls.PACK_KEY]
    base = story_view(controls.default_for(dispute), st.session_state[controls.VIEW_KEY])
    base = controls.effective_basemap(base)
    shown = step_view(base, step)
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
    )
    st.caption(
        "The map moves to each step's date and place; its own controls still work. The story "
        "shows every event; the place names and background follow the sidebar."
    )
    display.tour_step(
        step.title,
        step_date_text(step),
        step.caption,
        step_events(dispute, step),
        step_sources(dispute, step),
    )
    display.text_twin(cache.text_twin(dispute, pack_key, shown))

    with st.expander(f"All {total} steps (a link each)"):
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


dispute, _ = controls.page_state("pages/story.py")
controls.show_notices("pages/story.py")
story_body(dispute)
