"""The short "How to read this map" panel of the map page, and its skip link."""

from __future__ import annotations

import streamlit as st

HOW_TO_READ = """
- **Fill colour**: the party that *administers* an island at the chosen date (who holds it
  in fact). The legend at the lower right names the colours.
- **Stripes** in a second colour: that party *also claims* the island. The map records who
  held and who claimed what; it does not judge which claim is valid.
- **Dashed lines**: boundaries valid at that date, each with its name; click one to see how
  it was drawn and its source.
- **Red numbered circles**: the year's own events, numbered as in the list beside the map.
  **Grey dots**: earlier events in the chosen range. A **white circle with a number** holds
  several events at one place (many concern all the islands at once): click it, or press
  Enter on it, to spread them out; Esc folds them again and closes a popup.
- **Names** of the island groups follow the naming chosen in the sidebar (Japanese, Russian
  or both); a name that has no free place at the current zoom is hidden until you zoom in.
- **Time**: drag the year slider above the map, type a year or a day, or press Play. Arrow
  keys step one year, Page Up/Down jump to the next year with an event.
- Every event and island popup gives its source. On a phone, one finger scrolls the page and
  two fingers move the map.
"""


def skip_link(anchor: str) -> None:
    """A link, shown when it has the keyboard focus, that jumps past the map to ``anchor``."""
    st.html(
        f'<a class="skip-link" href="#{anchor}">Skip the map: go to the event list</a>'
        "<style>.skip-link { position: absolute; left: -10000px; top: auto; width: 1px; "
        "height: 1px; overflow: hidden; }"
        ".skip-link:focus { position: static; width: auto; height: auto; padding: 4px 8px; "
        "background: #FFFFFF; color: #0B5394; outline: 3px solid #0B5394; }</style>"
    )


def how_to_read() -> None:
    """The panel: what the fill, stripes, lines, markers and names mean."""
    with st.expander("How to read this map", icon=":material/help:"):
        st.markdown(HOW_TO_READ)
