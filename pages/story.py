"""Story page: a guided tour of the pack, step by step, on the time-engine map.

Each step sets the map's day, highlights its events and flies to its extent,
all as values passed to the map already in the page (never a new map); the
link ``?tour=ID&step=N`` names the step.
"""

from __future__ import annotations

import streamlit as st

from geo.formats import TOUR_FORMATS
from geo.i18n import N_
from geo.model import Dispute
from geo.tours import (
    progress_label,
    step_date_text,
    step_day,
    step_query,
    step_sources,
    step_view,
    story_view,
)
from ui import cache, controls, display, layout, story
from ui.language import _, language, ngettext
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
        st.info(_("This pack has no tours (a pack may add them in a tours.json file)."))
        return
    lang = language()
    index, total = place.index, len(tour.steps)
    step = tour.steps[index]
    with st.container(horizontal=True, vertical_alignment="center", gap="small"):
        if len(dispute.tours) > 1:
            ids = [t.id for t in dispute.tours]
            st.session_state["w_tour"] = tour.id
            titles = {t.id: display.plain_text(t.texts(), "title", lang) for t in dispute.tours}
            st.selectbox(
                _("Tour"),
                ids,
                key="w_tour",
                format_func=lambda i: md(titles[i]),
                on_change=story.pick_tour,
                args=("w_tour",),
                label_visibility="collapsed",
                width=260,
            )
        st.button(
            _("Previous"),
            key="w_story_prev",
            disabled=index == 0,
            on_click=story.go,
            args=(tour.id, index - 1),
            shortcut="Left",
            help=_("Previous step (← key)"),
            icon=":material/arrow_back:",
        )
        st.button(
            _("Next"),
            key="w_story_next",
            type="primary",
            disabled=index == total - 1,
            on_click=story.go,
            args=(tour.id, index + 1),
            shortcut="Right",
            help=_("Next step (→ key)"),
            icon=":material/arrow_forward:",
        )
        st.progress(
            (index + 1) / total,
            text=progress_label(index, total, language=lang),
            width="stretch",
        )

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
            display.pack_text(step.texts(), "title", lang),
            step_date_text(step, language=lang),
            display.pack_text(step.texts(), "caption", lang),
            story.step_event_records(dispute, step, lang),
            step_sources(dispute, step),
        )
    display.text_twin(cache.text_twin(dispute, pack_key, shown))

    about = ngettext(
        "About this tour: its {count} step (a link)",
        "About this tour: all {count} steps (a link each)",
        total,
    ).format(count=total)
    with st.expander(about):
        st.caption(display.pack_text(tour.texts(), "description", lang))
        for number, each in enumerate(tour.steps):
            # a page link's label is Markdown: the whole label (the pack's title in it) is escaped
            label = story.step_link_label(each, number, current=number == index, lang=lang)
            st.page_link("pages/story.py", label=md(label), query_params=step_query(tour, number))
    st.markdown("#### " + _("Take the tour with you"))
    for fmt in TOUR_FORMATS:
        story.tour_download(dispute, pack_key, base, tour.id, fmt)


STORY_HELP = N_("""
A tour walks through the dispute step by step. Each step moves the map to its date and
place and marks its events with a dark ring (they pulse briefly unless your system asks
for reduced motion); the step's first event has its text open. **Previous** and **Next**
(or the ← and → keys) move between steps, and every step has a link of its own. The map's
own controls still work: zoom, pan, the time bar, a click on any marker.
""")

dispute, _view = controls.page_state("pages/story.py")
tours = dispute.tours
layout.header(
    display.plain_text(tours[0].texts(), "title", language()) if len(tours) == 1 else _("Story"),
    lambda: controls.naming_control(dispute),
    _(STORY_HELP),
)
controls.show_notices("pages/story.py")
story_body(dispute)
