"""The palette and the label places, one of each, for the interactive map and the exports.

The static renderer draws with these values; the interactive map receives them
in its scene (:mod:`geo.contract`) and its style sheet (``geo/js/kuril.css``)
reads them as CSS custom properties, so no colour is written twice.
"""

from __future__ import annotations

from dataclasses import dataclass

SEA = "#DCE8F0"
LAND = "#F2EFE9"
LAND_EDGE = "#B9B3A6"
TEXT = "#1A1A1A"
MUTED_TEXT = "#444444"
FILTER = "#8A1020"  # the statement of the filters in force, on an export
BOUNDARY = "#222222"
CONTROL_LINE = "#555555"  # a line of control (not a border)
EVENT = "#B2182B"  # the year's own events
EARLIER = "#777777"  # earlier events in the chosen range
ISLAND_EDGE = "#333333"
NO_DATA = "#BDBDBD"
LINK = "#0B5394"  # links and the keyboard's focus ring
FILL_OPACITY = 0.85


@dataclass(frozen=True)
class LabelPlace:
    """Where a label may sit beside its anchor: an offset in pixels (at 1× the label's
    size) and the label's corner that touches it.

    Attributes
    ----------
    dx, dy : float
        Offset from the anchor, x to the right, y down.
    horizontal : str
        ``"l"``, ``"c"`` or ``"r"``: the label's left edge, centre or right edge at ``dx``.
    vertical : str
        ``"t"``, ``"m"`` or ``"b"``: its top, middle or bottom at ``dy``.
    """

    dx: float
    dy: float
    horizontal: str
    vertical: str


# The places a group's name tries around its anchor, nearest first; each is tried at
# the distances of NAME_DISTANCES before the next direction is tried further out.
NAME_PLACES = (
    LabelPlace(16, -14, "l", "b"),
    LabelPlace(16, 14, "l", "t"),
    LabelPlace(-16, -14, "r", "b"),
    LabelPlace(-16, 14, "r", "t"),
    LabelPlace(0, -22, "c", "b"),
    LabelPlace(0, 22, "c", "t"),
    LabelPlace(30, 0, "l", "m"),
    LabelPlace(-30, 0, "r", "m"),
)
NAME_DISTANCES = (1.0, 2.0, 3.2)


# Where along a line (as a fraction of its visible length) its label may sit, the
# middle first: the exported images and the page try the same places.
LINE_LABEL_FRACTIONS = (0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9)


# A name touches its group: within this many pixels (points in print) of its coast;
# where no place near does, it may sit this many times further out, on a leader line.
NAME_TOUCH = 8
NAME_FAR = (2.2, 3.4)
# A group whose outline is under SMALL_GROUP across (pixels of the page, points of an
# export) is also drawn as a round symbol of radius SYMBOL_RADIUS in its state's look.
SMALL_GROUP = 6
SYMBOL_RADIUS = 7


def name_places() -> list[LabelPlace]:
    """Every place a name tries, in order: each direction near, then further out."""
    return [
        LabelPlace(p.dx * k, p.dy * k, p.horizontal, p.vertical)
        for k in NAME_DISTANCES
        for p in NAME_PLACES
    ]


def css_colors() -> dict[str, str]:
    """The colours the map's style sheet reads, by their custom property's name."""
    return {
        "sea": SEA,
        "land": LAND,
        "land-edge": LAND_EDGE,
        "text": TEXT,
        "boundary": BOUNDARY,
        "control-line": CONTROL_LINE,
        "event": EVENT,
        "earlier": EARLIER,
        "link": LINK,
    }
