"""Parties to a dispute: codes, display names, colours, and readable text on them.

A pack's manifest defines its parties (``"JP": {"name": "Japan", "color": ...}``);
this module is the one place that turns them into styles, so the interactive
map, the static export and the legend always agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from geo import theme
from geo.i18n import DEFAULT_LANGUAGE, N_, field_in, texts

# Shown translated: ``texts(language).gettext(NO_DATA_LABEL)`` (see :func:`no_data_label`).
NO_DATA_LABEL = N_("Not covered by the table")


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


def no_data_label(language: str = DEFAULT_LANGUAGE) -> str:
    """What an island outside the table's coverage is labelled, in a language."""
    return texts(language).gettext(NO_DATA_LABEL)


def party_name(
    parties: Mapping[str, Party],
    code: str,
    language: str = DEFAULT_LANGUAGE,
    translations: Iterable[tuple[str, str]] = (),
) -> str:
    """Display name of a party code, or the code itself if the pack does not name it.

    Parameters
    ----------
    parties : mapping
        The manifest's parties.
    code : str
    language : str
        A code of :data:`geo.i18n.LANGUAGES`.
    translations : iterable of (str, str)
        The manifest's translations (``("parties.JP.name_ja", "日本")``…); a name
        without one in ``language`` is given in English.

    Examples
    --------
    >>> parties = {"JP": Party("JP", "Japan", "#E69F00")}
    >>> party_name(parties, "JP", "ja", (("parties.JP.name_ja", "日本"),))
    '日本'
    >>> party_name(parties, "JP", "ru")
    'Japan'
    """
    party = parties.get(code)
    if party is None:
        return code
    if language != DEFAULT_LANGUAGE:
        wanted = f"parties.{code}.{field_in('name', language)}"
        own = next((text for key, text in translations if key == wanted and text), "")
        if own:
            return own
    return party.name


def party_prose(
    parties: Mapping[str, Party],
    code: str,
    language: str = DEFAULT_LANGUAGE,
    translations: Iterable[tuple[str, str]] = (),
) -> str:
    """A party's name for running text: "the Soviet Union" in English, the name elsewhere
    (Japanese and Russian have no article; the pack's ``in_sentence`` is English)."""
    party = parties.get(code)
    if party is None:
        return code
    if language == DEFAULT_LANGUAGE:
        return party.prose
    return party_name(parties, code, language, translations)


def party_color(parties: dict[str, Party], code: str | None) -> str:
    """Fill colour of a party, or the no-data grey."""
    party = parties.get(code or "")
    return party.color if party else theme.NO_DATA
