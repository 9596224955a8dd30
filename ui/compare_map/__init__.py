"""Two maps side by side, their zoom and pan kept in step: the Compare page's component.

The frontend (``index.html``, ``host.js``; plain files, no build step) holds
two map documents (:func:`geo.foliummap.map_html`), each with its own time
control, and reports the day chosen in each; see :func:`compare_map`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st
import streamlit.components.v1 as components

from ui.language import _, language

_FRONTEND = Path(__file__).resolve().parent


def _component() -> Any:
    """The component, declared during a script run (as :mod:`ui.time_map` does).

    Streamlit registers a component with the server only when it is declared
    inside a run, so it is declared on every use (cheap: a registry entry).
    """
    return components.declare_component("compare_map", path=str(_FRONTEND))


def compare_map(
    documents: tuple[Callable[[], str], Callable[[], str]],
    document_keys: tuple[str, str],
    dates: tuple[str, str],
    token: int,
    height: int,
    key: str,
    bounds: tuple[float, float, float, float] | None = None,
) -> dict[str, Any] | None:
    """Show two map documents side by side (stacked on a narrow screen), views in step.

    Parameters
    ----------
    documents : pair of callables
        Each returns a map document; called and sent only while the frame does
        not report holding the matching key.
    document_keys : pair of str
        Name the documents; a frame reloads only when its key changes.
    dates : pair of str
        The days to show (``YYYY-MM-DD``) when ``token`` is new or a map loads.
    token : int
        Changes when a day is set from outside the maps (a link, a button).
    height : int
        Height of one map (with its time control) in pixels.
    key : str
        Streamlit element key.
    bounds : (west, south, east, north), optional
        What the maps show first (half a map is narrower than the map page's).

    Returns
    -------
    dict or None
        ``{"left": {"date", "precise"}, "right": {...}, "id": str, "has": [str, str]}``
        once the frames have reported (``id`` differs for every report).
    """
    held = st.session_state.get(key)
    has = held.get("has") if isinstance(held, dict) else None
    has = has if isinstance(has, list) and len(has) == 2 else [None, None]
    html = [
        "" if has[i] == document_keys[i] else documents[i]()
        for i in range(2)  # only the documents a frame lacks travel
    ]
    value = _component()(
        html=html,
        docs=list(document_keys),
        dates=list(dates),
        token=token,
        height=height,
        fit=True,  # side by side, the two maps fill the window below their top
        bounds=list(bounds) if bounds else None,
        # the frames' language and their names for a screen reader
        frame={
            "lang": language(),
            "title": _("Two maps of the dispute compared"),
            "left": _("First map of the comparison, with its time control"),
            "right": _("Second map of the comparison, with its time control"),
        },
        key=key,
        default=None,
    )
    return value if isinstance(value, dict) else None
