"""The map with its time control, as a Streamlit component of the project's own.

The frontend (``index.html``, ``host.js``; plain files, no build step) loads
the map document once and reports the day chosen in it; see
:func:`time_map`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import streamlit as st
import streamlit.components.v1 as components

from ui.language import _, language

_FRONTEND = Path(__file__).resolve().parent


def _component() -> Any:
    """The component, declared during a script run.

    Streamlit registers a component with the server only when it is declared
    inside a run; this module may first be imported outside one (the server's
    start-up work), so it is declared on every use (cheap: a registry entry).
    """
    return components.declare_component("time_map", path=str(_FRONTEND))


def time_map(
    document: Callable[[], str],
    document_key: str,
    date: str,
    token: int,
    selected: str,
    height: int,
    key: str,
    highlight: Sequence[str] | None = None,
    bounds: Sequence[float] | None = None,
    view: dict[str, float] | None = None,
    report_drawn: bool = False,
    fit: bool = False,
    precision: str = "",
) -> dict[str, Any] | None:
    """Show the map document and return the last day reported from it.

    Parameters
    ----------
    document : callable
        Returns the map document (:func:`geo.foliummap.map_html`); called and
        sent only while the frame does not report holding ``document_key``.
    document_key : str
        Names the document; the frame reloads only when it changes.
    date : str
        The day to show (``YYYY-MM-DD``) when ``token`` is new or the map loads.
    token : int
        Changes when the day (or highlighted event) is set from outside the map.
    selected : str
        Id of the highlighted event, or ``""``.
    height : int
        Height of the frame in pixels.
    key : str
        Streamlit element key.
    highlight : sequence of str, optional
        Ids of events to mark (a story step's), set with the day.
    bounds : sequence of float, optional
        ``[west, south, east, north]`` the map flies to with the day.
    view : dict, optional
        ``{"lat", "lng", "zoom"}`` the first map of the page opens on (a link that
        names the view); the map keeps its own view after that.
    report_drawn : bool, optional
        Ask the frame to report once its map document is drawn (``"drawn"`` in
        the answer); the page waits for it before sending the rest of itself.
    fit : bool, optional
        Let the map fill the window below its top (``height`` is then only the
        height where the frame cannot measure the window).
    precision : str, optional
        ``"month"`` or ``"year"`` when ``date`` is known only so (a tour step): the
        map's title says "in July 1947", not a day.

    Returns
    -------
    dict or None
        ``{"date": "YYYY-MM-DD", "precise": bool, "id": str, "has": str}`` once
        the frame has reported (``id`` differs for every report, ``has`` is the
        document it holds), or ``{"drawn": True, "id": str, "has": str}``, with
        no day, when it reports its map drawn.
    """
    held = st.session_state.get(key)
    holds = isinstance(held, dict) and held.get("has") == document_key
    story: dict[str, Any] = {}
    if highlight is not None:
        story["highlight"] = list(highlight)
    if bounds is not None:
        story["bounds"] = list(bounds)
    value = _component()(
        **story,
        html="" if holds else document(),
        doc=document_key,
        date=date,
        token=token,
        selected=selected,
        height=height,
        view=view,
        report_drawn=report_drawn,
        fit=fit,
        precision=precision,
        # the frame's language and its name for a screen reader
        frame={"lang": language(), "title": _("Map of the dispute with its time control")},
        key=key,
        default=None,
    )
    return value if isinstance(value, dict) else None
