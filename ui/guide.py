"""The short "How to read this map" panel of the map page, and its skip link."""

from __future__ import annotations

import html

import streamlit as st

from geo.i18n import N_
from ui.language import _

HOW_TO_READ = N_("""
- **Fill colour**: the party that *administers* an island at the chosen date (who holds it
  in fact). The key in a corner of the map names the colours; fold it with its title.
- **Stripes** in a second colour: that party *also claims* the island. The map records who
  held and who claimed what; it does not judge which claim is valid.
- **Dashed lines**: boundaries valid at that date, each with its name; click one to see how
  it was drawn and its source.
- **Red numbered circles**: the year's own events, numbered as in the list beside the map.
  Events at one place are fanned out, each on a thin line to its place. Events that concern
  **all the islands** are in the strip at the map's top right. **Earlier events** of the
  chosen range are grey dots, shown when "Also show earlier events" is ticked in the filters
  (the sidebar, opened with the arrow at the top left).
- **Names** of the island groups follow the naming chosen at the top of the page (Japanese,
  Russian or both); a name that has no room on its islands is drawn beside them on a thin
  line, or hidden until you zoom in.
- **Time**: drag the year slider under the map, type a year or a day ("1956",
  "19 October 1956" or "1956-10-19"), or press Play. Arrow keys step one year, Page Up/Down
  jump to the next year with an event.
- Every event and island popup gives its source. On a phone, one finger scrolls the page and
  two fingers move the map.
""")


def skip_link(anchor: str) -> None:
    """A link, shown when it has the keyboard focus, that jumps past the map to ``anchor``."""
    words = html.escape(_("Skip the map: go to the event list"))
    st.html(
        f'<a class="skip-link" href="#{anchor}">{words}</a>'
        "<style>.skip-link { position: absolute; left: -10000px; top: auto; width: 1px; "
        "height: 1px; overflow: hidden; }"
        ".skip-link:focus { position: static; width: auto; height: auto; padding: 4px 8px; "
        "background: #FFFFFF; color: #0B5394; outline: 3px solid #0B5394; }</style>"
    )


def how_to_read() -> None:
    """The panel: what the fill, stripes, lines, markers and names mean."""
    with st.expander(_("How to read this map"), icon=":material/help:"):
        st.markdown(_(HOW_TO_READ))
