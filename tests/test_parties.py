"""Colours: parties distinguishable, text readable (WCAG AA)."""

from __future__ import annotations

import itertools

import pytest

from geo import theme
from geo.parties import contrast_ratio, text_color_on

WHITE = "#FFFFFF"


def test_contrast_ratio_matches_the_wcag_definition():
    assert contrast_ratio("#000000", WHITE) == pytest.approx(21.0)
    assert contrast_ratio("#777777", WHITE) == pytest.approx(4.48, abs=0.01)  # WCAG's example


@pytest.mark.parametrize(
    ("text", "background"),
    [
        (theme.TEXT, WHITE),
        (theme.MUTED_TEXT, WHITE),
        (theme.TEXT, theme.SEA),
        (WHITE, theme.EVENT),  # numbers on the event markers
        (theme.LINK, WHITE),
    ],
)
def test_text_meets_wcag_aa(text, background):
    assert contrast_ratio(text, background) >= 4.5


def test_party_colours_are_distinct_and_carry_readable_text(dispute):
    colours = [p.color for p in dispute.manifest.parties.values()]
    for first, second in itertools.combinations(colours, 2):
        rgb = [[int(c.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)] for c in (first, second)]
        distance = sum((a - b) ** 2 for a, b in zip(*rgb, strict=True)) ** 0.5
        assert distance > 60, (first, second)
    for colour in colours:
        assert contrast_ratio(text_color_on(colour), colour) >= 4.5
