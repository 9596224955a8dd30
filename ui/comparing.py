"""The Compare page's state: two maps' dates and namings, from the link and the maps.

The comparison (a :class:`geo.compareview.CompareView`) lives in the session;
it is read from the URL when a link names one, follows the days reported by
the two maps and the naming widgets, and is written back to the URL with the
shared filters, so a copied link opens the same comparison.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from geo.annotation import category_word
from geo.compare import Comparison, island_change_lines
from geo.compareview import PARAMS, CompareView, from_query_params, side_view, to_query_params
from geo.dates import format_event_date
from geo.i18n import localized
from geo.model import Dispute
from geo.report import read_day, read_report
from geo.view import View
from geo.view import to_query_params as view_query_params
from ui import controls
from ui.display import pack_text
from ui.language import _, language
from ui.text import link, md

COMPARE_KEY = "compare"
WRITTEN_KEY = "compare_written"
TOKEN_KEY = "compare_token"
REPORT_KEY = "compare_report"
PENDING_KEY = "compare_link"
NAMING_KEYS = ("w_compare_wa", "w_compare_wb")
# Parameters of the shared view that mean something on the Compare page (its filters).
SHARED = ("base", "lang", "from", "to", "cat", "grp", "earlier", "events")


def _when(view: View) -> dt.date | int:
    """A side's day (a ``date``) or year (an ``int``), as :func:`side_view` takes it."""
    return view.date if view.day else view.year


def _link_params() -> dict[str, str]:
    """The comparison's parameters in the URL now."""
    params = st.query_params.to_dict()
    return {k: str(params[k]) for k in PARAMS if k in params}


def remember_link() -> None:
    """Keep a comparison named in the URL for the Compare page (``explorer.py`` calls this).

    The pages' script may rewrite the URL, or hand over between pages, before the
    page runs; the link's comparison must survive both.
    """
    linked = _link_params()
    if linked:
        st.session_state[PENDING_KEY] = linked


def current(dispute: Dispute) -> CompareView:
    """The session's comparison, read from the link when it names a new one.

    The shared filters (sidebar) always apply to both sides.
    """
    state = st.session_state
    base: View = state[controls.VIEW_KEY]
    linked = state.pop(PENDING_KEY, None) or _link_params()
    if COMPARE_KEY not in state or (linked and linked != state.get(WRITTEN_KEY)):
        pair, notices = from_query_params(linked, dispute, base)
        state[controls.NOTICES_KEY] = [*state.get(controls.NOTICES_KEY, []), *notices]
        state[TOKEN_KEY] = state.get(TOKEN_KEY, 0) + 1
    else:
        stored: CompareView = state[COMPARE_KEY]
        pair = CompareView(
            side_view(base, _when(stored.left), stored.left.worldview),
            side_view(base, _when(stored.right), stored.right.worldview),
        )
    state[COMPARE_KEY] = pair
    for key, side in zip(NAMING_KEYS, pair.sides(), strict=True):
        state[key] = side.worldview
    return pair


def set_naming(index: int) -> None:
    """Callback of a naming widget: that side's map in another naming."""
    pair: CompareView = st.session_state[COMPARE_KEY]
    sides = list(pair.sides())
    chosen = str(st.session_state[NAMING_KEYS[index]])
    sides[index] = sides[index].replace(worldview=chosen)
    st.session_state[COMPARE_KEY] = CompareView(*sides)


def from_maps(answer: dict[str, Any] | None) -> CompareView:
    """Take the days the two maps report into the comparison (each report once, checked)."""
    pair: CompareView = st.session_state[COMPARE_KEY]
    report = read_report(answer)
    if report is None or report.id == st.session_state.get(REPORT_KEY):
        return pair
    st.session_state[REPORT_KEY] = report.id
    if report.ask or not isinstance(answer, dict):
        return pair
    sides = []
    for name, side in zip(("left", "right"), pair.sides(), strict=True):
        said = answer.get(name)
        day = read_day(said.get("date")) if isinstance(said, dict) else None
        if day is None:  # no day, or a malformed one: this side stays
            sides.append(side)
            continue
        sides.append(side.at(day if said.get("precise") is True else day.year))
    chosen = CompareView(*sides)
    st.session_state[COMPARE_KEY] = chosen
    return chosen


def link_params(dispute: Dispute, pair: CompareView) -> dict[str, str]:
    """The comparison's URL: the shared filters that differ from the default, and both sides."""
    shared = view_query_params(pair.left, controls.default_for(dispute))
    return {
        **controls.pack_params(),
        **{k: v for k, v in shared.items() if k in SHARED},
        **to_query_params(pair),
    }


def write_link(dispute: Dispute, pair: CompareView) -> None:
    """Rewrite the URL from the comparison (remembered, so it is not read back as a new link)."""
    wanted = link_params(dispute, pair)
    st.session_state[WRITTEN_KEY] = {k: wanted[k] for k in PARAMS}
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


def worldview_label(dispute: Dispute, code: str) -> str:
    """A worldview's label in the session's language (English when the pack has none)."""
    manifest = dispute.manifest
    record = {"label": manifest.worldviews[code].label, **manifest.texts(f"worldviews.{code}.")}
    return localized(record, "label", language()).text


def side_label(view: View) -> str:
    """'the end of 1944' or '1 September 1945'."""
    if view.day:
        return format_event_date(view.date, "day", language())
    return _("the end of {year}").format(year=view.year)


def _year_end(day: dt.date) -> bool:
    """Whether a compared day is the end of its year (a map at a year, not a day)."""
    return (day.month, day.day) == (12, 31)


def changes_heading(first: dt.date, second: dt.date) -> str:
    """'What changed between the end of 1944 and 1 September 1945', a whole sentence."""
    lang = language()
    values = {
        "first": format_event_date(first, "day", lang),
        "second": format_event_date(second, "day", lang),
        "first_year": first.year,
        "second_year": second.year,
    }
    if _year_end(first) and _year_end(second):
        heading = _("What changed between the end of {first_year} and the end of {second_year}")
    elif _year_end(first):
        heading = _("What changed between the end of {first_year} and {second}")
    elif _year_end(second):
        heading = _("What changed between {first} and the end of {second_year}")
    else:
        heading = _("What changed between {first} and {second}")
    return heading.format(**values)


def change_list(dispute: Dispute, comparison: Comparison, worldview: str) -> None:
    """What changed between the two dates: islands, boundary lines, the events between."""
    first, second = comparison.first, comparison.second
    lang = language()
    st.subheader(changes_heading(first, second))
    if first == second:
        st.caption(_("Both maps show the same day: nothing changed."))
    islands = island_change_lines(dispute, comparison, worldview, language=lang)
    st.markdown(_("**Islands that changed administrator or claimants**"))
    if islands:
        st.markdown("\n".join(f"- {md(line)}" for line in islands))
    else:
        st.caption(_("None: every island has the same administrator and claimants on both dates."))
    st.markdown(_("**Boundary lines**"))
    lines = ["- " + _("Appeared: {name}").format(name=md(n)) for n in comparison.lines_appeared]
    lines += ["- " + _("Gone: {name}").format(name=md(n)) for n in comparison.lines_gone]
    if lines:
        st.markdown("\n".join(lines))
    else:
        st.caption(_("The same boundary lines are drawn on both dates."))
    events = comparison.events
    st.markdown(_("**Events between the two dates ({count})**").format(count=len(events)))
    if events.empty:
        st.caption(_("The table records no event between the two dates."))
        return
    source = md(_("source"))
    st.markdown(
        "\n".join(
            f"1. {md(format_event_date(e['date'], e['date_precision'], lang))} · "
            f"*{md(category_word(str(e['category']), lang))}* · {pack_text(e, 'title', lang)} · "
            f"[{source}]({link(e['source_url'])})"
            for _row, e in events.iterrows()
        )
    )
