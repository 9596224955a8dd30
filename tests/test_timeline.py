"""The temporal join: the state of every island at a date, and events in a range."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.timeline import (
    change_dates,
    change_years,
    end_of_year,
    events_between,
    map_state_at,
    parse_when,
    state_at,
    status_signature,
    year_range,
)

COVERED_FROM = dt.date(1799, 1, 1)  # shogunate rule of East Ezo, the first period in the table
dates = st.dates(min_value=COVERED_FROM, max_value=dt.date(2030, 12, 31))


def _rows_covering(dispute, island_id: str, group: str, day: dt.date):
    """Sovereignty rows that contain ``day`` for an island, read straight off the table."""
    table = dispute.sovereignty
    own = table[table["group"] == island_id]
    rows = own if not own.empty else table[table["group"] == group]
    return [
        r for _, r in rows.iterrows() if r["start"] <= day and (r["end"] is None or day < r["end"])
    ]


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(day=dates)
def test_every_island_has_exactly_one_administrator(dispute, day):
    state = state_at(dispute, day)
    assert len(state) == len(dispute.islands)
    for _, row in state.iterrows():
        matching = _rows_covering(dispute, row["id"], row["group"], day)
        assert len(matching) == 1, (row["id"], day)
        assert row["administered_by"] == matching[0]["administered_by"]
        assert row["administered_by"] in dispute.manifest.parties


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(day=dates)
def test_contested_means_someone_else_claims(dispute, day):
    for _, row in state_at(dispute, day).iterrows():
        others = [c for c in row["claimed_by"] if c != row["administered_by"]]
        assert row["contested"] == bool(others)


def test_periods_never_overlap(dispute):
    for _, periods in dispute.sovereignty.groupby("group"):
        ordered = periods.sort_values("start")
        ends = list(ordered["end"])[:-1]
        starts = list(ordered["start"])[1:]
        assert all(
            end is not None and end == start for end, start in zip(ends, starts, strict=True)
        )


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(day=st.dates(min_value=COVERED_FROM, max_value=dt.date(2030, 12, 30)))
def test_state_only_changes_at_period_boundaries(dispute, day):
    following = day + dt.timedelta(days=1)
    changed = status_signature(state_at(dispute, day)) != status_signature(
        state_at(dispute, following)
    )
    assert changed == (following in set(change_dates(dispute)))


def test_state_in_1950_is_soviet_administration_claimed_by_japan(dispute):
    state = state_at(dispute, parse_when("1950"))
    assert set(state["group"]) == {"etorofu", "kunashiri", "shikotan", "habomai"}
    assert (state["administered_by"] == "SU").all()
    assert state["claimed_by"].map(lambda c: "JP" in c).all()
    assert state["contested"].all()


def test_state_in_1930_is_japanese_and_uncontested(dispute):
    state = state_at(dispute, parse_when("1930"))
    assert (state["administered_by"] == "JP").all()
    assert not state["contested"].any()


def test_state_today_is_russian_administration_claimed_by_japan(dispute):
    state = state_at(dispute, dt.date(2025, 6, 1))
    assert (state["administered_by"] == "RU").all()
    assert state["claimed_by"].map(lambda c: set(c) == {"RU", "JP"}).all()


def test_each_group_is_occupied_on_its_own_date(dispute):
    landings = {}
    for group in ("etorofu", "kunashiri", "shikotan", "habomai"):
        rows = dispute.sovereignty[
            (dispute.sovereignty["group"] == group)
            & (dispute.sovereignty["administered_by"] == "SU")
        ]
        landings[group] = min(rows["start"])
        event = dispute.events[dispute.events["id"] == f"soviet-landing-{group}"].iloc[0]
        assert event["date"] == landings[group]
    assert landings["etorofu"] < landings["habomai"]


def test_before_the_table_islands_are_not_covered(dispute):
    state = state_at(dispute, dt.date(1798, 12, 31))  # the table starts with 1799
    assert not state["covered"].any()
    assert (state["administered_by"] == "").all()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1950", dt.date(1950, 12, 31)),
        ("1945-08", dt.date(1945, 8, 31)),
        ("1945-02", dt.date(1945, 2, 28)),
        ("1945-09-03", dt.date(1945, 9, 3)),
    ],
)
def test_parse_when_means_the_end_of_the_period(text, expected):
    assert parse_when(text) == expected


@pytest.mark.parametrize("text", ["19", "1945-13", "1945-02-30", "next year", "1945/09"])
def test_parse_when_rejects_bad_dates(text):
    with pytest.raises(ValueError, match="date"):
        parse_when(text)


def test_change_years_include_the_story(dispute):
    years = change_years(dispute)
    assert years[0] == 1799  # direct rule of East Ezo and its islands (Hokkaido Government)
    assert {1855, 1875, 1905, 1945, 1991} <= set(years)  # 1855, 1875 and 1905: borders moved
    # the Soviet claim began on 2 September 1945, so the 1946 decree changes no colour
    assert 1946 not in years
    assert 1950 not in years


def test_each_change_year_starts_a_distinct_map_state(dispute):
    years = change_years(dispute)
    states = [map_state_at(dispute, end_of_year(y)) for y in years]
    assert len(set(states)) == len(states)
    every_year = {map_state_at(dispute, end_of_year(y)) for y in range(years[0], 2027)}
    assert len(every_year) == len(years)


def test_year_range_starts_at_the_earliest_event(dispute):
    first, last = year_range(dispute, today=dt.date(2026, 11, 27))
    assert first == min(d.year for d in dispute.events["date"])
    assert last == 2026


def test_events_between_filters_by_category_and_group(dispute):
    all_1945 = events_between(dispute, dt.date(1945, 1, 1), dt.date(1945, 12, 31))
    assert {"soviet-landing-etorofu", "soviet-landing-habomai"} <= set(all_1945["id"])
    military = events_between(
        dispute, dt.date(1945, 1, 1), dt.date(1945, 12, 31), categories=["military"]
    )
    assert set(military["category"]) == {"military"}
    habomai = events_between(
        dispute,
        dt.date(1945, 1, 1),
        dt.date(1945, 12, 31),
        categories=["military"],
        groups=["habomai"],
    )
    assert "soviet-landing-habomai" in set(habomai["id"])
    assert "soviet-landing-etorofu" not in set(habomai["id"])
    assert list(habomai["number"]) == list(range(1, len(habomai) + 1))
