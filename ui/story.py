"""The Story page's state: which tour and step, read from the link and moved by the buttons.

The link (``?tour=ID&step=N``) is the one record of where the reader is: the
buttons and the tour picker rewrite it, so every step can be copied and opened
again. A step change reaches the map as a value with a new token (see
``ui/time_map``), never as a new map.
"""

from __future__ import annotations

import streamlit as st

from geo.formats import FORMATS
from geo.i18n import N_, Localized
from geo.model import Dispute, TourStep
from geo.tourexport import tour_filename
from geo.tours import TourPlace, locate, step_date_text, step_events, step_query
from geo.view import View
from ui import cache, display
from ui.language import _, language
from ui.notices import notice_area

TOKEN_KEY = "story_token"
PLACE_KEY = "story_place"
NOTICES_KEY = "story_notices"


def current_place(dispute: Dispute) -> TourPlace:
    """The tour and step the link names (or the last one shown in this session).

    A link naming an unknown tour or step falls back to the first, keeps a
    notice for :func:`show_notices` and is rewritten to what is shown.
    """
    params = st.query_params
    tour_id, step = params.get("tour"), params.get("step")
    remembered = st.session_state.get(PLACE_KEY)
    if tour_id is None and step is None and remembered:
        tour_id, step = remembered  # back from another page, whose links carry no step
    place = locate(dispute.tours, tour_id, step, language=language())
    if place.notices:
        st.session_state[NOTICES_KEY] = [*st.session_state.get(NOTICES_KEY, []), *place.notices]
    if place.tour is not None:
        wanted = step_query(place.tour, place.index)
        st.session_state[PLACE_KEY] = (wanted["tour"], wanted["step"])
        if {key: params.get(key) for key in wanted} != wanted:
            params.update(wanted)
    return place


def go(tour_id: str, index: int) -> None:
    """Callback: show a step (counted from 0) of a tour; the map takes it as a value."""
    st.query_params.update({"tour": tour_id, "step": str(index + 1)})
    st.session_state[TOKEN_KEY] = st.session_state.get(TOKEN_KEY, 0) + 1


def pick_tour(key: str) -> None:
    """Callback of the tour picker: the chosen tour's first step."""
    go(str(st.session_state[key]), 0)


def token() -> int:
    """Changes with every step chosen on the page, so the map moves even to a step shown before."""
    return int(st.session_state.get(TOKEN_KEY, 0))


def show_notices() -> None:
    """Say what in the link could not be used, until dismissed (see ``ui/notices``)."""
    notice_area(NOTICES_KEY, "pages/story.py")


def step_event_records(dispute: Dispute, step: TourStep, lang: str) -> list[dict[str, str]]:
    """The events a step highlights (:func:`geo.tours.step_events` in ``lang``), for
    :func:`ui.display.tour_step`: each title as escaped Markdown, marked when English
    stands in."""
    return [
        {
            **record,
            "title": display.marked(
                Localized(
                    record["title"], record["title_language"], record["title_language"] == lang
                )
            ),
        }
        for record in step_events(dispute, step, language=lang)
    ]


def step_link_label(step: TourStep, number: int, current: bool, lang: str) -> str:
    """A step's link in the tour's list (plain text): number, title, its date unless the
    title names the year, and whether it is the step shown."""
    title = display.plain_text(step.texts(), "title", lang)
    values = {"number": number + 1, "title": title, "date": step_date_text(step, language=lang)}
    dated = str(step.date.year) not in title
    if dated and current:
        label = _("{number}. {title} ({date}) — this step")
    elif dated:
        label = _("{number}. {title} ({date})")
    elif current:
        label = _("{number}. {title} — this step")
    else:
        label = "{number}. {title}"
    return label.format(**values)


LABELS = {
    "pdf": N_("Handout (PDF, a page per step)"),
    "gif": N_("Animation (GIF, a frame per step)"),
    "html": N_("Interactive file (HTML, works offline)"),
}


def tour_download(dispute: Dispute, pack_key: str, view: View, tour_id: str, fmt: str) -> None:
    """A download of the whole tour; the PDF and GIF are rendered on request, with progress."""
    tour = next(t for t in dispute.tours if t.id == tour_id)
    name = tour_filename(dispute, tour, view, fmt)
    if not FORMATS[fmt].in_worker:  # a text template: made at the click
        st.download_button(
            _("Download: {what}").format(what=_(LABELS[fmt])),
            lambda: cache.export_bytes(dispute, pack_key, view, fmt, 0, tour=tour_id),
            file_name=name,
            mime=FORMATS[fmt].media_type,
            icon=":material/download:",
            on_click="ignore",
            key=f"w_story_get_{fmt}",
        )
        return
    display.make_then_download(
        lambda progress: cache.export_bytes(
            dispute, pack_key, view, fmt, 0, tour=tour_id, progress=progress
        ),
        made_key=f"story_made_{fmt}",
        wanted=(tour_id, repr(view)),
        make_label=_("Make: {what}").format(what=_(LABELS[fmt])),
        counting=_("Step {done} of {total}"),
        file_name=name,
        mime=FORMATS[fmt].media_type,
        key=f"w_story_{fmt}",
    )
