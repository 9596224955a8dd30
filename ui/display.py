"""Small display helpers shared by pages: safe Markdown and the event list."""

from __future__ import annotations

import base64
import html
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st
from babel.numbers import format_decimal

from geo.annotation import category_word
from geo.dates import format_event_date
from geo.i18n import LOCALES, N_, Localized, field_in, localized
from geo.model import Dispute
from geo.tables import events_table as events_table_for_people
from geo.timeline import event_by_id
from geo.twin import TextTwin
from geo.view import View
from geo.worker import ExportError
from ui.controls import set_view, show_event_on_map
from ui.language import _, language
from ui.text import link, md

EVENT_LIST_ANCHOR = "event-list"  # the skip link over the map jumps here

__all__ = [
    "event_list",
    "events_table",
    "export_preview",
    "link",
    "marked",
    "md",
    "pack_text",
    "plain_text",
    "text_twin",
]


def pack_text(record: Mapping[str, Any] | pd.Series, field: str, lang: str) -> str:
    """A pack's text as escaped Markdown in a language, marked when English stands in.

    Parameters
    ----------
    record : mapping or pandas.Series
        A row with ``field`` and, maybe, its translation ``field_<lang>``.
    field : str
        The text's field (``title``, ``summary``, ``note``…).
    lang : str
        A code of :data:`geo.i18n.LANGUAGES`.

    Returns
    -------
    str
        Markdown: the text (escaped), then "*(not translated)*" when it is English
        standing in for the language.
    """
    return marked(localized(record, field, lang))  # type: ignore[arg-type]  # a Series: a mapping


def marked(text: Localized) -> str:
    """A pack's text as escaped Markdown, "*(not translated)*" after it when English stands in."""
    if text.translated:
        return md(text.text)
    mark = _("not translated")
    return f"{md(text.text)} *({md(mark)})*"


def _with_translations(
    records: Sequence[Mapping[str, Any]], dispute: Dispute | None, lang: str
) -> list[Mapping[str, Any]]:
    """Event records with their titles' translation in ``lang`` (looked up in the pack's
    table when the records do not carry it)."""
    wanted = field_in("title", lang)
    if dispute is None or wanted == "title" or wanted not in dispute.events.columns:
        return list(records)
    found = []
    for record in records:
        event = None if wanted in record else event_by_id(dispute, str(record["id"]))
        found.append(record if event is None else {**record, wanted: event[wanted]})
    return found


def event_list(
    view: View,
    current: Sequence[Mapping[str, Any]],
    earlier: Sequence[Mapping[str, Any]],
    dispute: Dispute | None = None,
) -> None:
    """The chosen year's events as a numbered list that drives the map, with a picker
    for earlier events.

    A click (or Enter) on an event highlights it on the map and opens its popup
    (the map takes the event as an argument with a new token, see ``ui/time_map``).
    ``current`` and ``earlier`` are the records of :func:`ui.cache.year_events`;
    their titles are shown in the session's language, looked up in ``dispute``'s
    events when the records do not carry the translation.
    """
    lang = language()
    current = _with_translations(current, dispute, lang)
    earlier = _with_translations(earlier, dispute, lang)
    # the skip link's target: focusable by the link only, so the next Tab reaches the list
    st.html(f'<span id="{EVENT_LIST_ANCHOR}" tabindex="-1"></span>')
    st.subheader(_("Events in {year}").format(year=view.year), anchor=False)
    if not current:
        filtered = bool(view.categories or view.groups) or not view.show_events
        if filtered:
            why = _(
                "No event in this year passes the filters. Use « and » below the map (or "
                "Page Up/Down on its year slider) to jump to a year with events."
            )
        else:
            why = _(
                "The table records no event in {year}. Use « and » below the map (or "
                "Page Up/Down on its year slider) to jump to a year with events."
            ).format(year=view.year)
        st.caption(why)
    # long titles wrap instead of ending in an ellipsis
    st.html(
        '<style>[class*="st-key-w_show_"] button, [class*="st-key-w_show_"] button * '
        "{ white-space: normal !important; text-align: left; }</style>"
    )
    source = md(_("source"))
    for event in current:
        # an event's title and its date line close together, the next event further off
        with st.container(gap="xxsmall"):
            st.button(
                md(f"{event['number']}. ") + pack_text(event, "title", lang),
                key=f"w_show_{event['id']}",
                on_click=show_event_on_map,
                args=(str(event["id"]),),
                type="tertiary",
                help=_("Show this event on the map and open its popup"),
            )
            # small text at full contrast: a caption's faded colour leaves its link under 4.5:1
            kind = md(category_word(str(event["category"]), lang))
            st.markdown(
                f":small[{md(format_event_date(event['date'], event['date_precision'], lang))}"
                f" · *{kind}* · [{source}]({link(event['source_url'])})]"
            )
    choices = ["", *(e["id"] for e in current), *(e["id"] for e in reversed(earlier))]
    if st.session_state.get("w_event") not in choices:
        # restore from the view (widget state is dropped on other pages), or clear
        selected = view.selected_event
        st.session_state["w_event"] = selected if selected in choices else ""
    titles = {e["id"]: f"{e['number']}. {plain_text(e, 'title', lang)}" for e in current}
    titles.update({e["id"]: f"{e['date'].year}: {plain_text(e, 'title', lang)}" for e in earlier})
    nothing = _("— none —")

    def choose() -> None:
        # only an event of the list: a label sent back after a change of language is not one
        chosen = st.session_state["w_event"]
        set_view(
            st.session_state["view"].replace(selected_event=chosen if chosen in choices else "")
        )

    st.selectbox(
        _("Highlight an event on the map"),
        choices,
        key="w_event",
        on_change=choose,
        format_func=lambda i: titles.get(i, nothing),
    )


def plain_text(record: Mapping[str, Any] | pd.Series, field: str, lang: str) -> str:
    """A pack's text in a language as plain text, "(not translated)" after it when
    English stands in (escape it wherever Markdown or HTML reads it)."""
    text = localized(record, field, lang)  # type: ignore[arg-type]  # a Series reads as a mapping
    if text.translated:
        return text.text
    mark = _("not translated")
    return f"{text.text} ({mark})"


def events_table(dispute: Dispute, events: pd.DataFrame, worldview: str) -> None:
    """Events as a table for reading, with clickable sources."""
    # the table's column labels are the catalogue's words (geo.tables), so are these keys
    link_label = _("Link")
    st.dataframe(
        events_table_for_people(dispute, events, worldview, language=language()),
        hide_index=True,
        width="stretch",
        column_config={
            link_label: st.column_config.LinkColumn(link_label, display_text=_("open")),
            _("Summary"): st.column_config.TextColumn(width="large"),
        },
    )


TWIN_COLUMNS = {
    "group": N_("Island group"),
    "administered_by": N_("Administered by"),
    "also_claimed_by": N_("Also claimed by"),
    "since": N_("Since"),
    "opened_by": N_("Period opened by"),
}


def text_twin(twin: TextTwin) -> None:
    """The map in words, announced to screen readers when the date changes, and as a table."""
    # A polite live region: assistive technology reads the new sentence after a
    # change of date without interrupting. One HTML element (cheaper to send on
    # every year change than a data frame); everything from the pack is escaped.
    head = "".join(
        f'<th scope="col">{html.escape(_(label))}</th>' for label in TWIN_COLUMNS.values()
    )
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(row[key])}</td>" for key in TWIN_COLUMNS) + "</tr>"
        for row in twin.rows
    )
    summary = _("The map as a table")
    st.html(
        f'<div class="map-twin"><p role="status" aria-live="polite">'
        f"{html.escape(twin.sentence)}</p>"
        f"<details><summary>{html.escape(summary)}</summary>"
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
    words = _("The download's layout at low resolution; the download is full quality.")
    st.html(
        f'<figure class="export-preview"><img src="data:image/png;base64,'
        f'{base64.b64encode(png).decode("ascii")}" alt="{html.escape(alt)}" '
        f'style="width:100%;height:auto"><figcaption>{html.escape(words)}</figcaption></figure>'
    )


def tour_step(
    title: str,
    date_text: str,
    caption: str,
    events: Sequence[Mapping[str, Any]],
    sources: Sequence[tuple[str, str]],
) -> None:
    """A tour step under its map: title, date, caption, its events and every source, linked.

    ``title``, ``caption`` and each event's ``title`` are Markdown already escaped
    by the caller (:func:`pack_text`: the pack's text in the reader's language,
    marked when English stands in); ``date_text``, the events' ``date`` and the
    sources are plain text and escaped here. ``events`` are records like those of
    :func:`geo.tours.step_events`.
    """
    st.markdown(f"#### {title}")
    st.markdown(f"**{md(date_text)}** — {caption}")
    source = md(_("source"))
    if events:
        st.markdown(
            _("**On the map** (ringed markers):")
            + "\n\n"
            + "\n".join(
                f"- {md(e['date'])}: {e['title']} · [{source}]({link(e['source_url'])})"
                for e in events
            )
        )
    st.markdown(
        _("**Sources:**")
        + "\n\n"
        + "\n".join(f"- [{md(title)}]({link(url)})" for title, url in sources)
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
    makes the file once, with ``counting`` on the bar: a sentence with ``{done}``
    and ``{total}`` ("Step {done} of {total}", translated by the caller), or,
    as before, a word that reads "``counting`` N of M". Any click
    while it renders reruns the page, which stops the wait and the render
    (the export worker is killed). What was made is kept in the session under
    ``made_key`` with ``wanted`` (what it shows) and offered while that holds.
    """
    if st.button(make_label, icon=":material/build:", key=f"{key}_make"):
        stop = st.empty()  # shown only while it renders
        stop.button(_("Stop"), icon=":material/stop:", key=f"{key}_stop")  # a click reruns: stops
        bar = st.progress(0.0, text=_("Rendering…"))
        try:
            data = render(
                lambda done, total: bar.progress(done / total, text=_counted(counting, done, total))
            )
        except ExportError as err:
            st.error(_("Not made: {problem}.").format(problem=md(err)))
        else:
            st.session_state[made_key] = (wanted, data)
        finally:
            stop.empty()
            bar.empty()
    made = st.session_state.get(made_key)
    if made and made[0] == wanted:
        st.download_button(
            _("Download {format} ({size} MB)").format(
                format=file_name.rsplit(".", 1)[-1].upper(),
                size=format_decimal(len(made[1]) / 1e6, "0.0", locale=LOCALES[language()]),
            ),
            made[1],
            file_name=file_name,
            mime=mime,
            icon=":material/download:",
            on_click="ignore",
            key=f"{key}_get",
        )


def _counted(counting: str, done: int, total: int) -> str:
    """The progress bar's words: a sentence with ``{done}`` and ``{total}``, or a word."""
    if "{done}" in counting:
        return counting.format(done=done, total=total)
    return f"{counting} {done} of {total}"
