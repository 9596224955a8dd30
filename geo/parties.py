"""Parties to a dispute: codes, display names, colours, and readable text on them.

A pack's manifest defines its parties (``"JP": {"name": "Japan", "color": ...}``);
this module is the one place that turns them into styles, so the interactive
map, the static export and the legend always agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from geo import theme

NO_DATA_LABEL = "Not covered by the table"


@dataclass(frozen=True)
class Party:
    """A state (or other actor) that administers or claims territory."""

    code: str
    name: str
    color: str
    # The name as it reads inside a sentence ("the Soviet Union"); defaults to ``name``.
    in_sentence: str = ""

    @property
    def prose(self) -> str:
        """The name for running text."""
        return self.in_sentence or self.name


def relative_luminance(hex_color: str) -> float:
    """WCAG relative luminance of a ``#RRGGBB`` colour."""
    channels = [int(hex_color.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio between two colours (1 to 21).

    Examples
    --------
    >>> round(contrast_ratio("#000000", "#FFFFFF"), 1)
    21.0
    """
    high, low = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_color_on(background: str) -> str:
    """Black or white, whichever reads better on ``background``."""
    if contrast_ratio(background, "#000000") >= contrast_ratio(background, "#FFFFFF"):
        return "#000000"
    return "#FFFFFF"


def party_name(parties: dict[str, Party], code: str) -> str:
    """Display name of a party code, or the code itself if the pack does not name it."""
    party = parties.get(code)
    return party.name if party else code


def party_color(parties: dict[str, Party], code: str | None) -> str:
    """Fill colour of a party, or the no-data grey."""
    party = parties.get(code or "")
    return party.color if party else theme.NO_DATA
