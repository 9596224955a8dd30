"""Small display helpers shared by pages: safe Markdown and the event list."""

from __future__ import annotations

import base64
import html
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from geo.dates import format_event_date
from geo.model import Dispute
from geo.tables import events_table as events_table_for_people
from geo.twin import TextTwin
from geo.view import View
from geo.worker import ExportError
from ui.controls import set_view, show_event_on_map
from ui.text import link, md

EVENT_LIST_ANCHOR = "event-list"  # the skip link over the map jumps here

__all__ = ["event_list", "events_table", "export_preview", "link", "md", "text_twin"]


def event_list(
    view: View,
    current: Sequence[Mapping[str, Any]],
    earlier: Sequence[Mapping[str, Any]],
) -> None:
    """The chosen year's events as a numbered list that drives the map, with a picker
    for earlier events.

    A click (or Enter) on an event highlights it on the map and opens its popup
    (the map takes the event as an argument with a new token, see ``ui/time_map``).
    ``current`` and ``earlier`` are the records of :func:`ui.cache.year_events`.
    """
    # the skip link's target: focusable by the link only, so the next Tab reaches the list
    st.html(f'<span id="{EVENT_LIST_ANCHOR}" tabindex="-1"></span>')
    st.subheader(f"Events in {view.year}", anchor=False)
    if not current:
        filtered = bool(view.categories or view.groups) or not view.show_events
        why = (
            "No event in this year passes the filters."
            if filtered
            else f"The table records no event in {view.year}."
        )
        st.caption(
            f"{why} Use « and » above the map (or Page Up/Down on its year slider) to jump "
            "to a year with events."
        )
    # long titles wrap instead of ending in an ellipsis
    st.html(
        '<style>[class*="st-key-w_show_"] button, [class*="st-key-w_show_"] button * '
        "{ white-space: normal !important; text-align: left; }</style>"
    )
    for event in current:
        # an event's title and its date line close together, the next event further off
        with st.container(gap="xxsmall"):
            st.button(
                md(f"{event['number']}. {event['title']}"),
                key=f"w_show_{event['id']}",
                on_click=show_event_on_map,
                args=(str(event["id"]),),
                type="tertiary",
                help="Show this event on the map and open its popup",
            )
            # small text at full contrast: a caption's faded colour leaves its link under 4.5:1
            st.markdown(
                f":small[{md(format_event_date(event['date'], event['date_precision']))}"
                f" · *{md(event['category'])}* · [source]({link(event['source_url'])})]"
            )
    choices = ["", *(e["id"] for e in current), *(e["id"] for e in reversed(earlier))]
    if st.session_state.get("w_event") not in choices:
        # restore from the view (widget state is dropped on other pages), or clear
        selected = view.selected_event
        st.session_state["w_event"] = selected if selected in choices else ""
    titles = {e["id"]: f"{e['number']}. {e['title']}" for e in current}
    titles.update({e["id"]: f"{e['date'].year}: {e['title']}" for e in earlier})

    def choose() -> None:
        set_view(st.session_state["view"].replace(selected_event=st.session_state["w_event"]))

    st.selectbox(
        "Highlight an event on the map",
        choices,
        key="w_event",
        on_change=choose,
        format_func=lambda i: titles.get(i, "— none —"),
    )


def events_table(dispute: Dispute, events: pd.DataFrame, worldview: str) -> None:
    """Events as a table for reading, with clickable sources."""
    st.dataframe(
        events_table_for_people(dispute, events, worldview),
        hide_index=True,
        width="stretch",
        column_config={
            "Link": st.column_config.LinkColumn("Link", display_text="open"),
            "Summary": st.column_config.TextColumn(width="large"),
        },
    )


TWIN_COLUMNS = {
    "group": "Island group",
    "administered_by": "Administered by",
    "also_claimed_by": "Also claimed by",
    "since": "Since",
    "opened_by": "Period opened by",
}


def text_twin(twin: TextTwin) -> None:
    """The map in words, announced to screen readers when the date changes, and as a table."""
    # A polite live region: assistive technology reads the new sentence after a
    # change of date without interrupting. One HTML element (cheaper to send on
    # every year change than a data frame); everything from the pack is escaped.
    head = "".join(f'<th scope="col">{html.escape(label)}</th>' for label in TWIN_COLUMNS.values())
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(row[key])}</td>" for key in TWIN_COLUMNS) + "</tr>"
        for row in twin.rows
    )
    st.html(
        f'<div class="map-twin"><p role="status" aria-live="polite">'
        f"{html.escape(twin.sentence)}</p>"
        f"<details><summary>The map as a table</summary>"
        f'<table class="map-twin-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></details></div>"
    )


def picture(png: bytes, alt: str, caption: str = "", max_height_px: int | None = None) -> None:
    """A PNG as an ``<img>`` with a text alternative and an optional caption (escaped);
    a tall one is kept to ``max_height_px``."""
    size = (
        f"max-width:100%;max-height:{int(max_height_px)}px;width:auto;height:auto"
        if max_height_px
        else "width:100%;height:auto"
    )
    below = (
        '<figcaption style="font-size:0.875rem;color:#555;margin-top:0.25rem">'
        f"{html.escape(caption)}</figcaption>"
        if caption
        else ""
    )
    st.html(
        f'<figure class="picture" style="margin:0"><img src="data:image/png;base64,'
        f'{base64.b64encode(png).decode("ascii")}" alt="{html.escape(alt)}" '
        f'style="{size}">{below}</figure>'
    )


def export_preview(png: bytes, alt: str) -> None:
    """A PNG preview as an ``<img>`` with a text alternative (``st.image`` gives none)."""
    st.html(
        f'<figure class="export-preview"><img src="data:image/png;base64,'
        f'{base64.b64encode(png).decode("ascii")}" alt="{html.escape(alt)}" '
        f'style="width:100%;height:auto"><figcaption>The download\'s layout at low '
        "resolution; the download is full quality.</figcaption></figure>"
    )


def tour_step(
    title: str,
    date_text: str,
    caption: str,
    events: Sequence[Mapping[str, Any]],
    sources: Sequence[tuple[str, str]],
) -> None:
    """A tour step under its map: title, date, caption, its events and every source, linked.

    ``events`` are the records of :func:`geo.tours.step_events`; all text is the
    pack's and is escaped (a caption is shown as written, never as Markdown).
    """
    st.markdown(f"#### {md(title)}")
    st.markdown(f"**{md(date_text)}** — {md(caption)}")
    if events:
        st.markdown(
            "**On the map** (ringed markers):\n\n"
            + "\n".join(
                f"- {md(e['date'])}: {md(e['title'])} · [source]({link(e['source_url'])})"
                for e in events
            )
        )
    st.markdown(
        "**Sources:**\n\n" + "\n".join(f"- [{md(title)}]({link(url)})" for title, url in sources)
    )


Progress = Callable[[int, int], None]


def make_then_download(
    render: Callable[[Progress], bytes],
    *,
    made_key: str,
    wanted: object,
    make_label: str,
    counting: str,
    file_name: str,
    mime: str,
    key: str,
) -> None:
    """A Make button that renders with a progress bar, then the download of what it made.

    Long renders (an animation, a handout) are not made on every run: a click
    makes the file once, with "``counting`` N of M" on the bar. Any click
    while it renders reruns the page, which stops the wait and the render
    (the export worker is killed). What was made is kept in the session under
    ``made_key`` with ``wanted`` (what it shows) and offered while that holds.
    """
    if st.button(make_label, icon=":material/build:", key=f"{key}_make"):
        stop = st.empty()  # shown only while it renders
        stop.button("Stop", icon=":material/stop:", key=f"{key}_stop")  # a click reruns: stops
        bar = st.progress(0.0, text="Rendering…")
        try:
            data = render(
                lambda done, total: bar.progress(done / total, text=f"{counting} {done} of {total}")
            )
        except ExportError as err:
            st.error(f"Not made: {md(err)}.")
        else:
            st.session_state[made_key] = (wanted, data)
        finally:
            stop.empty()
            bar.empty()
    made = st.session_state.get(made_key)
    if made and made[0] == wanted:
        st.download_button(
            f"Download {file_name.rsplit('.', 1)[-1].upper()} ({len(made[1]) / 1e6:.1f} MB)",
            made[1],
            file_name=file_name,
            mime=mime,
            icon=":material/download:",
            on_click="ignore",
            key=f"{key}_get",
        )
