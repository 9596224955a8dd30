"""Small display helpers shared by pages: safe Markdown and the event list."""

from __future__ import annotations

import re
from urllib.parse import quote

import pandas as pd
import streamlit as st

from geo.dates import format_event_date
from geo.model import Dispute
from geo.presentation import events_for_view
from geo.tables import events_table as events_table_for_people
from geo.view import View
from ui.controls import set_view

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md(text: object) -> str:
    """Escape text for ``st.markdown`` so data can never inject markup or links."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def link(url: str) -> str:
    """A URL made safe as a Markdown link target (validated http(s) at load time)."""
    return quote(url, safe=":/?#&=%+,;@!~*'$-._")


def event_list(dispute: Dispute, view: View) -> None:
    """The chosen year's events as a numbered list, with a picker to highlight one."""
    current, earlier = events_for_view(dispute, view)
    st.subheader(f"Events in {view.year}")
    if current.empty:
        st.caption(
            "No event in this year passes the filters. Use the Event buttons to "
            "jump to a year with events."
        )
    lines = [
        f"**{event['number']}\\.** {md(format_event_date(event['date'], event['date_precision']))}"
        f" · *{md(event['category'])}*  \n"
        f"{md(event['title'])} · [source]({link(event['source_url'])})"
        for _, event in current.iterrows()
    ]
    if lines:
        st.markdown("\n\n".join(lines))
    choices = ["", *current["id"], *reversed(list(earlier["id"]))]
    if st.session_state.get("w_event") not in choices:
        # restore from the view (widget state is dropped on other pages), or clear
        selected = view.selected_event
        st.session_state["w_event"] = selected if selected in choices else ""
    titles = dict(
        zip(current["id"], current["number"].astype(str) + ". " + current["title"], strict=True)
    )
    titles.update(
        zip(
            earlier["id"],
            earlier["date"].map(lambda d: str(d.year)) + ": " + earlier["title"],
            strict=True,
        )
    )

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
