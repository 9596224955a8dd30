"""Compare page: two maps side by side, each its own date and naming, and what changed."""

from __future__ import annotations

import streamlit as st

from geo.compareview import CompareView
from geo.export import compare_filename
from geo.formats import COMPARE_FORMATS, FORMATS
from geo.i18n import N_
from geo.model import Dispute
from ui import cache, comparing, controls, layout
from ui.compare_map import compare_map
from ui.language import _
from ui.text import md

MAP_HEIGHT = 620  # one map with its time control


@st.fragment
def maps_and_changes(dispute: Dispute) -> None:
    """The maps, their namings, the change list and the export; a day change reruns only this."""
    pack_key = st.session_state[controls.PACK_KEY]
    pair: CompareView = st.session_state[comparing.COMPARE_KEY]
    worldviews = dispute.manifest.worldviews
    for index, (column, label) in enumerate(
        zip(
            st.columns(2, gap="small"),
            (_("Names on the first map"), _("Names on the second map")),
            strict=True,
        )
    ):
        with column:
            st.selectbox(
                label,
                list(worldviews),
                key=comparing.NAMING_KEYS[index],
                format_func=lambda code: md(comparing.worldview_label(dispute, code)),
                on_change=comparing.set_naming,
                args=(index,),
                label_visibility="collapsed",
                width=260,
            )
    sides = tuple(controls.effective_basemap(side) for side in pair.sides())
    answer = compare_map(
        (
            lambda: cache.map_document(dispute, pack_key, sides[0]),
            lambda: cache.map_document(dispute, pack_key, sides[1]),
        ),
        (cache.map_document_key(pack_key, sides[0]), cache.map_document_key(pack_key, sides[1])),
        (sides[0].date.isoformat(), sides[1].date.isoformat()),
        st.session_state.get(comparing.TOKEN_KEY, 0),
        MAP_HEIGHT,
        key="compare-map",
        bounds=cache.island_bounds(dispute, pack_key),
    )
    pair = comparing.from_maps(answer)
    st.caption(
        _(
            "First map: {first}; second map: {second}. Each map has its own time control; "
            "zoom and pan follow each other. The address of this page reproduces the comparison."
        ).format(
            # a date that ends with an abbreviation's stop ("1947 г.") ends the sentence with it
            first=md(comparing.side_label(pair.left)),
            second=md(comparing.side_label(pair.right).rstrip(".")),
        )
    )
    comparison = cache.comparison(dispute, pack_key, pair)
    comparing.change_list(dispute, comparison, pair.left.worldview)
    chosen = st.radio(
        _("Format of the comparison image"),
        list(COMPARE_FORMATS),
        format_func=str.upper,
        horizontal=True,
        key="w_compare_format",
    )
    fmt = str(chosen)
    shown = pair  # the callable below runs outside the script
    st.download_button(
        _("Download the comparison ({format})").format(format=fmt.upper()),
        lambda: cache.export_bytes(dispute, pack_key, shown, fmt, 120),
        file_name=compare_filename(dispute, pair.left, pair.right, fmt),
        mime=FORMATS[fmt].media_type,
        icon=":material/download:",
        on_click="ignore",
        help=_("Both maps side by side with their legends and the change list, as one image."),
    )
    comparing.write_link(dispute, pair)


COMPARE_HELP = N_("""
Two maps of the islands at two dates, side by side: each has its own time bar and its own
naming (the two menus above the maps: first map, second map). Zoom and pan one map and the
other follows. Under the maps, the list of what changed between the two dates; the page's
address reproduces the comparison, and the comparison downloads as one image.
""")

dispute, _view = controls.page_state("pages/compare.py")
layout.header(_("Compare two dates"), None, _(COMPARE_HELP))
comparing.current(dispute)
controls.show_notices("pages/compare.py")
maps_and_changes(dispute)
