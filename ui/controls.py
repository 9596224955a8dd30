"""The shared view state: one View per session, its widgets, and the URL.

The View lives in ``st.session_state["view"]``. Widgets change it through
callbacks, and after every change the URL's query parameters are rewritten
from it, so a copied link opens the same view.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import streamlit as st

from geo.annotation import category_word, chosen_callouts
from geo.basemaps import BASEMAPS, OFFLINE
from geo.i18n import LANGUAGES, texts
from geo.model import Dispute
from geo.names import group_name, worldview_label
from geo.report import MapWindow, read_report
from geo.timeline import year_range
from geo.view import (
    FIELD_BY_NAME,
    View,
    clean_text,
    default_view,
    format_extent,
    from_query_params,
    parse_extent,
    to_query_params,
    with_map_view,
)
from ui.cache import online_tiles_available
from ui.language import VIEW_KEY, _, language, requested_language
from ui.notices import notice_area
from ui.text import md as _md

PACK_KEY = "view_pack"
NOTICES_KEY = "view_notices"
MAP_TOKEN_KEY = "map_token"
MAP_REPORT_KEY = "map_report"
SCREEN_EXTENT_KEY = "screen_extent"  # the window the map last reported showing
NO_SCREEN_KEY = "extent_unknown"  # "as on screen" asked for before the map reported a window
MAP_DRAWN_KEY = "map_drawn"  # the session's first map has been drawn in the browser
FIRST_MAP_SENT_KEY = "first_map_sent"  # when (time.monotonic) the first map was sent
# How long the map page waits for the first map's report before it runs the whole page
# anyway: about five times the first map on a busy server (see the README's figures).
FIRST_MAP_PATIENCE_S = 8.0

# widget key -> the View field it sets (how a value is held: geo.view.FIELDS)
_WIDGETS: dict[str, str] = {
    "w_year": "year",
    "w_year_export": "year",
    "w_worldview": "worldview",
    "w_basemap": "basemap",
    "w_categories": "categories",
    "w_groups": "groups",
    "w_earlier": "show_earlier",
    "w_events": "show_events",
    "w_event": "selected_event",
    "w_size": "size",
    "w_lang": "lang",
}


WIDGET_KEYS = (*_WIDGETS, "w_event_range")


def default_for(dispute: Dispute) -> View:
    """The default view: online tiles when they answer, else the built-in background."""
    basemap = "carto-light" if online_tiles_available() else OFFLINE
    return default_view(dispute, basemap=basemap)


def current_view(dispute: Dispute, pack_key: str) -> View:
    """The session's view; on a session's first run (or a new pack) read from the URL."""
    state = st.session_state
    if state.get(PACK_KEY) != pack_key or VIEW_KEY not in state:
        params = st.query_params.to_dict()
        default = default_for(dispute)
        if "lang" not in params:  # no language in the link: the browser's, if offered
            default = default.replace(lang=requested_language())
        # the notices are in the view's language (the link's, else the browser's)
        view, notices = from_query_params(params, dispute, default)
        if view.basemap != OFFLINE and not online_tiles_available():
            notices.append(
                texts(view.lang).gettext(
                    "Online tiles are unavailable here; showing the built-in background."
                )
            )
            view = view.replace(basemap=OFFLINE)
        state[VIEW_KEY] = view
        state[PACK_KEY] = pack_key
        state[NOTICES_KEY] = [*state.get(NOTICES_KEY, []), *notices]
        set_widgets(view)
    elif state.pop(SYNC_KEY, False) or any(key not in state for key in WIDGET_KEYS):
        # Streamlit forgets a widget's value after a run that does not draw it (a page
        # without the sidebar's filters, where a pack may be opened): the view holds it
        set_widgets(state[VIEW_KEY])
    return state[VIEW_KEY]


SYNC_KEY = "view_sync"


def set_view(view: View, during_run: bool = False) -> None:
    """Replace the session's view and move its widgets to match.

    Callbacks (which run before any widget is drawn) move the widgets at once.
    Code that runs while the page is drawn passes ``during_run=True``: widgets
    drawn already cannot take new values, so the entry point moves them at the
    start of the next run (:func:`current_view`).
    """
    st.session_state[VIEW_KEY] = view
    # the map takes a day set from outside it as a new token, not as a new map
    st.session_state[MAP_TOKEN_KEY] = st.session_state.get(MAP_TOKEN_KEY, 0) + 1
    if during_run:
        st.session_state[SYNC_KEY] = True
    else:
        set_widgets(view)


def waiting_for_first_map() -> bool:
    """Whether the session's first map is not yet drawn in the browser.

    Until it is, the map page sends the map and the page's heading alone:
    drawing Streamlit's widgets (the sidebar's filters, the event list, the
    buttons) would take the browser's main thread before the map's frame.
    """
    return not st.session_state.get(MAP_DRAWN_KEY, False)


def note_first_map_drawn(answer: dict[str, Any] | None) -> None:
    """On the map's report that it is drawn, run the whole page (once per session)."""
    report = read_report(answer)
    if waiting_for_first_map() and report is not None and report.drawn:
        st.session_state[MAP_DRAWN_KEY] = True
        st.rerun(scope="app")


@st.fragment(run_every=2.0)
def whole_page_if_the_map_stays_silent() -> None:
    """The map page's safety net: run the whole page if the map never says it is drawn.

    A frame that failed to load, or a report lost on the way, must not leave a
    reader with a map and no controls; after :data:`FIRST_MAP_PATIENCE_S` the
    page is run whole, as it was before the map came first. The browser asks
    for this fragment every two seconds only while it is on the page, which is
    only until the whole page runs.
    """
    sent = st.session_state.setdefault(FIRST_MAP_SENT_KEY, time.monotonic())
    if waiting_for_first_map() and time.monotonic() - sent > FIRST_MAP_PATIENCE_S:
        st.session_state[MAP_DRAWN_KEY] = True
        st.rerun(scope="app")


def from_map(answer: dict[str, Any] | None) -> View:
    """Take the day the map reports into the view (each report once); return the view.

    The report is checked first (:func:`geo.report.read_report`): a malformed
    one changes nothing. The map already shows that day, so the token is left
    alone and the widgets of other pages follow at the next full run.
    """
    view: View = st.session_state[VIEW_KEY]
    report = read_report(answer)
    if report is None or report.id == st.session_state.get(MAP_REPORT_KEY):
        return view
    st.session_state[MAP_REPORT_KEY] = report.id
    if report.ask or report.day is None:
        return view  # the frame asks for the map document or says it is drawn: no day
    chosen = view.at(report.day if report.precise else report.day.year)
    if chosen.date != view.date:
        chosen = chosen.replace(selected_event="")
        st.session_state[VIEW_KEY] = chosen
        st.session_state[SYNC_KEY] = True
    moved = _reported_map_view(chosen, report.window)
    if moved != chosen:
        chosen = moved
        st.session_state[VIEW_KEY] = chosen
    return chosen


def _reported_map_view(view: View, window: MapWindow | None) -> View:
    """The view with the zoom and centre the map reports, once the reader has moved it.

    The window shown is kept for an export "as on screen"; a view exporting
    that window follows it.
    """
    if window is None:
        return view
    if window.bounds is not None:
        extent = parse_extent(format_extent(window.bounds))  # to about 10 m, as in the link
        st.session_state[SCREEN_EXTENT_KEY] = extent
        if view.extent is not None:
            view = view.replace(extent=extent)
    if not window.moved or window.center is None or window.zoom is None:
        return view
    return with_map_view(view, window.center[0], window.center[1], window.zoom)


def set_extent() -> None:
    """Callback: export the pack's default extent or the map's window as on screen."""
    view: View = st.session_state[VIEW_KEY]
    extent = None
    if st.session_state.get("w_extent") == "screen":
        # the window the map last reported, else the one the view already has
        extent = st.session_state.get(SCREEN_EXTENT_KEY) or view.extent
        if extent is None:
            st.session_state[NO_SCREEN_KEY] = True  # the page says why nothing changed
    st.session_state[VIEW_KEY] = view.replace(extent=extent)


def set_widgets(view: View) -> None:
    """Write a view's values into the widget keys (before the widgets are drawn)."""
    for key, field in _WIDGETS.items():
        value = getattr(view, field)
        st.session_state[key] = list(value) if isinstance(value, tuple) else value
    st.session_state["w_event_range"] = (view.event_start, view.event_end)


# The values a picker may send (a value from the browser is checked like any other input:
# a picker whose option labels change with the language has sent back an old label).
_CHOICES: dict[str, Any] = {"w_basemap": BASEMAPS, "w_lang": LANGUAGES}


def from_widget(key: str) -> None:
    """Callback: copy one widget's value into the view."""
    field = FIELD_BY_NAME[_WIDGETS[key]]
    value = field.coerce(st.session_state[key])
    view: View = st.session_state[VIEW_KEY]
    if key in _CHOICES and value not in _CHOICES[key]:
        st.session_state[key] = getattr(view, field.name)  # not an option: keep the view's
        return
    if field.name == "year":  # a year chosen by itself means its end
        st.session_state[VIEW_KEY] = view.at(value)
        return
    st.session_state[VIEW_KEY] = view.replace(**{field.name: value})


def _from_event_range() -> None:
    """Callback: the event range slider."""
    start, end = st.session_state["w_event_range"]
    view: View = st.session_state[VIEW_KEY]
    st.session_state[VIEW_KEY] = view.replace(event_start=int(start), event_end=int(end))


# Parameters a page keeps for itself (the Story page's tour and step, the Make a pack page's
# draft): no view field uses them.
PAGE_PARAMS = ("tour", "step", "draft")
# The shipped pack a session shows when it is not the default one (set by ui.packs):
# every link the app writes names it, so a link opens the same pack.
PACK_PARAM = "pack"
PACK_LINK_KEY = "pack_link"


def pack_params() -> dict[str, str]:
    """``{"pack": id}`` when the session shows a shipped pack other than the default."""
    chosen = st.session_state.get(PACK_LINK_KEY)
    return {PACK_PARAM: chosen} if isinstance(chosen, str) and chosen else {}


def write_query_params(dispute: Dispute, view: View) -> None:
    """Rewrite the URL's query parameters from the view (only what differs from the default)."""
    wanted = {**pack_params(), **to_query_params(view, default_for(dispute))}
    current = st.query_params.to_dict()
    wanted.update({key: current[key] for key in PAGE_PARAMS if key in current})
    if current != wanted:
        st.query_params.from_dict(wanted)


def show_notices(page: str) -> None:
    """Show what was ignored in the URL, until dismissed (see ``ui/notices``)."""
    notice_area(NOTICES_KEY, page)


def sidebar_filters(dispute: Dispute, widgets: bool = True) -> None:
    """The filters shared by every page: events, groups, names, background.

    With ``widgets=False`` only the sidebar's heading is drawn: the sidebar
    takes its place (the map beside it keeps its width) before its widgets come.
    """
    manifest = dispute.manifest
    view: View = st.session_state[VIEW_KEY]
    first, last = year_range(dispute)
    online = online_tiles_available()
    with st.sidebar:
        # a collapsed sidebar is only moved off screen: its links and widgets would still
        # take the keyboard's focus, invisibly (Tab on a phone went through 17 of them)
        st.html(
            '<style>[data-testid="stSidebar"][data-collapsed="true"], '
            '[data-testid="stSidebar"][data-collapsed="true"] * '
            "{ visibility: hidden !important; }</style>"
        )
        st.subheader(_("View"))
        if not widgets:
            return
        session_language = language()  # taken now: Streamlit may format outside the run
        st.selectbox(
            _("Background"),
            list(BASEMAPS),
            key="w_basemap",
            on_change=from_widget,
            args=("w_basemap",),
            format_func=lambda key: _basemap_label(key, online, session_language),
            help=_("The built-in background needs no network; online tiles need one."),
        )
        if view.basemap != OFFLINE and not online:
            st.warning(
                _(
                    "Online tiles are unavailable (no network). The map shows the built-in "
                    "background instead."
                )
            )
        st.subheader(_("Events"))
        st.slider(_("Event years"), first, last, key="w_event_range", on_change=_from_event_range)
        st.multiselect(
            _("Categories"),
            sorted(set(dispute.events["category"])),
            key="w_categories",
            on_change=from_widget,
            args=("w_categories",),
            placeholder=_("All categories"),
            format_func=lambda c: category_word(c, language()),
        )
        st.multiselect(
            _("Island groups"),
            dispute.group_ids,
            key="w_groups",
            on_change=from_widget,
            args=("w_groups",),
            placeholder=_("All groups"),
            format_func=lambda g: group_name(manifest, g, view.worldview),
        )
        st.checkbox(
            _("Show event markers"), key="w_events", on_change=from_widget, args=("w_events",)
        )
        st.checkbox(
            _("Also show earlier events in the range (grey dots)"),
            key="w_earlier",
            on_change=from_widget,
            args=("w_earlier",),
        )


def _basemap_label(key: str, online: bool, lang: str) -> str:
    """A background's name in the picker, saying when it cannot be reached."""
    gettext = texts(lang).gettext
    label = gettext(BASEMAPS[key].label)
    if key == OFFLINE or online:
        return label
    return gettext("{background} — unavailable offline").format(background=label)


def _worldview_option(dispute: Dispute, code: str, chosen_language: str) -> str:
    """A naming's label in the control: the pack's translation, else its English, said so.

    The options are Markdown: the pack's text is escaped.
    """
    label = worldview_label(dispute.manifest, code, chosen_language)
    if label.translated:
        return _md(label.text)
    return _("{text} (not translated)").format(text=_md(label.text))


def naming_control(dispute: Dispute) -> None:
    """The naming of the islands (a worldview of the pack), in the page's header row."""
    worldviews = dispute.manifest.worldviews
    chosen_language = language()
    if st.session_state.get("w_worldview") not in worldviews:  # deselected: keep the view's
        st.session_state["w_worldview"] = st.session_state[VIEW_KEY].worldview
    st.segmented_control(
        _("Names and map"),
        list(worldviews),
        key="w_worldview",
        format_func=lambda code: _worldview_option(dispute, code, chosen_language),
        on_change=_from_naming,
        help=_(
            "Each side's names and, where the pack describes it, each side's map: how its "
            "official maps fill the islands and which lines they draw as borders (sources on "
            "the Data & sources page). The neutral view shows who administers (fill) and who "
            "claims (hatching)."
        ),
        label_visibility="collapsed",
    )


def language_control() -> None:
    """The interface's language, in the page's header row; each language named in itself."""
    st.selectbox(
        # the label is read out, not shown: in the three languages, so anyone finds it
        "Language · 言語 · Язык",
        list(LANGUAGES),
        key="w_lang",
        format_func=LANGUAGES.__getitem__,
        on_change=from_widget,
        args=("w_lang",),
        help=_("The language of the pages, the map's words and the exports."),
        label_visibility="collapsed",
        width=120,
    )


def _from_naming() -> None:
    """Callback: the naming control (a click on the chosen naming deselects it: kept)."""
    if st.session_state.get("w_worldview") is None:
        st.session_state["w_worldview"] = st.session_state[VIEW_KEY].worldview
        return
    from_widget("w_worldview")


def effective_basemap(view: View) -> View:
    """The view as it can be drawn here: offline when tiles cannot be reached."""
    if view.basemap != OFFLINE and not online_tiles_available():
        return view.replace(basemap=OFFLINE)
    return view


def _event_years(dispute: Dispute, view: View) -> list[int]:
    """Years with at least one event passing the view's filters."""
    from geo.timeline import events_between

    events = events_between(
        dispute, dt.date(1, 1, 1), dt.date(9999, 12, 31), view.categories, view.groups
    )
    return sorted({d.year for d in events["date"]})


def _step_year(dispute: Dispute, how: str) -> None:
    """Callback of the step buttons."""
    view: View = st.session_state[VIEW_KEY]
    first, last = year_range(dispute)
    year = view.year
    if how == "prev":
        year = max(first, year - 1)
    elif how == "next":
        year = min(last, year + 1)
    elif how == "prev-event":
        year = max([y for y in _event_years(dispute, view) if y < year], default=year)
    elif how == "next-event":
        year = min([y for y in _event_years(dispute, view) if y > year], default=year)
    set_view(view.at(year).replace(selected_event=""))


def year_controls(dispute: Dispute, key: str = "w_year") -> None:
    """The year slider and the step buttons, for pages without the map.

    The map page has its own control inside the map (``geo/js/time_engine.js``).

    Each page that shows the controls gives the slider its own ``key``: Streamlit
    treats same-keyed widgets on different pages as different widgets.
    """
    first, last = year_range(dispute)
    # Widget state is dropped on pages without the widget: restore it from the view.
    st.session_state.setdefault(key, st.session_state[VIEW_KEY].year)
    st.slider(
        _("Year (the map shows the end of the year)"),
        first,
        last,
        key=key,
        on_change=from_widget,
        args=(key,),
    )
    buttons = (
        (_("Event"), ":material/skip_previous:", "prev-event", _("Previous year with an event")),
        (_("Year"), ":material/chevron_left:", "prev", _("Previous year")),
        (_("Year"), ":material/chevron_right:", "next", _("Next year")),
        (_("Event"), ":material/skip_next:", "next-event", _("Next year with an event")),
    )
    # One row on every screen width (columns would stack on a phone).
    with st.container(horizontal=True, vertical_alignment="center"):
        for label, icon, how, tip in buttons:
            st.button(
                label,
                icon=icon,
                key=f"w_step_{how}",
                help=tip,
                on_click=_step_year,
                args=(dispute, how),
            )


RESUME_KEY = "resume_page"


def open_event_on_map(dispute: Dispute, event_id: str) -> None:
    """Show an event on the map page: its year, with the event highlighted."""
    from geo.timeline import event_by_id

    event = event_by_id(dispute, event_id)
    if event is None:
        return
    view: View = st.session_state[VIEW_KEY]
    set_view(view.at(event["date"].year).replace(selected_event=event_id), during_run=True)
    st.switch_page("pages/map.py")


def map_view_arg(view: View) -> dict[str, float] | None:
    """The zoom and centre a view gives the map component, if any."""
    if view.zoom is None or view.center is None:
        return None
    return {"lat": view.center[0], "lng": view.center[1], "zoom": view.zoom}


def show_event_on_map(event_id: str) -> None:
    """Callback of the event list: highlight an event on the map and open its popup.

    A new token makes the map reveal the event again even when it was already
    the highlighted one (its popup may have been closed since).
    """
    view: View = st.session_state[VIEW_KEY]
    set_view(view.replace(selected_event=event_id))


def page_state(page: str) -> tuple[Dispute, View]:
    """The pack and the view for a page (the entry point has loaded and validated both).

    Parameters
    ----------
    page : str
        The page's script path, e.g. ``"pages/export.py"``.

    Notes
    -----
    On a server's first session Streamlit may run a page of ``pages/`` on its
    own, without the entry point (its older multipage mode). The page then
    hands over to the entry point, which sets up the app and comes back here.
    """
    from pathlib import Path

    from ui.cache import dispute_at

    if "dispute_folder" not in st.session_state or VIEW_KEY not in st.session_state:
        st.session_state[RESUME_KEY] = Path(page).stem
        st.switch_page("explorer.py", query_params=st.query_params.to_dict())
    dispute = dispute_at(Path(st.session_state["dispute_folder"]))
    return dispute, st.session_state[VIEW_KEY]


def resume_page(pages: list[Any]) -> None:
    """After a hand-over from a page run on its own, go back to that page."""
    wanted = st.session_state.pop(RESUME_KEY, None)
    for page in pages:
        if wanted and page.url_path == wanted:
            st.switch_page(page, query_params=st.query_params.to_dict())


def set_export_text(key: str, field: str) -> None:
    """Callback: an editor's title, subtitle or note into the view."""
    view: View = st.session_state[VIEW_KEY]
    text = clean_text(str(st.session_state[key] or ""))
    st.session_state[VIEW_KEY] = view.replace(**{field: text})


def set_callouts(choices: list[str]) -> None:
    """Callback: the events that get callouts (none or all chosen means all)."""
    view: View = st.session_state[VIEW_KEY]
    callouts = chosen_callouts(list(st.session_state["w_callouts"]), choices)
    st.session_state[VIEW_KEY] = view.replace(callouts=callouts)
