"""Dates at the precision they are known to."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.dates import event_dates, format_event_date


@pytest.mark.parametrize(
    ("date", "precision", "expected"),
    [
        (dt.date(1644, 1, 1), "year", "1644"),
        (dt.date(1711, 8, 1), "month", "August 1711"),
        (dt.date(1945, 8, 28), "day", "28 August 1945"),
        (dt.date(1956, 10, 19), "unknown", "19 October 1956"),
        (dt.date(2000, 12, 31), "month", "December 2000"),
    ],
)
def test_format_event_date(date, precision, expected):
    assert format_event_date(date, precision) == expected


def test_every_event_of_the_pack_is_shown_at_its_precision(dispute):
    shown = event_dates(dispute.events)
    for text, date, precision in zip(
        shown, dispute.events["date"], dispute.events["date_precision"], strict=True
    ):
        assert str(date.year) in text
        assert "-" not in text
        words = text.split()
        assert len(words) == {"year": 1, "month": 2, "day": 3}[precision], text
