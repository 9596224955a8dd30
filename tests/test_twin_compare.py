"""The text twin and the comparison say what the temporal join says."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.compare import compare
from geo.names import group_name
from geo.timeline import change_years, end_of_year, state_at
from geo.twin import describe


def test_twin_rows_follow_the_join_at_every_change_year(dispute):
    parties = dispute.manifest.parties
    for year in change_years(dispute):
        when = end_of_year(year)
        twin = describe(dispute, when, "neutral")
        state = state_at(dispute, when)
        for row in twin.rows:
            group = next(
                g
                for g in dispute.group_ids
                if group_name(dispute.manifest, g, "neutral") == row["group"]
            )
            first = state[state["group"] == group].iloc[0]
            admin = first["administered_by"]
            expected = parties[admin].prose if admin else "not covered"
            assert row["administered_by"] == expected, (year, row)
            assert str(year) in twin.sentence


def test_twin_in_1950_names_both_parties_in_words(dispute):
    twin = describe(dispute, dt.date(1950, 12, 31), "neutral")
    assert twin.sentence == (
        "At the end of 1950 all four groups are administered by the Soviet Union and claimed by Japan."
    )


def test_twin_on_1_september_1945_splits_the_groups(dispute):
    # Etorofu (28 Aug), Kunashiri and Shikotan (1 Sep) occupied; the Habomai from 3 Sep.
    twin = describe(dispute, dt.date(1945, 9, 1), "jp", end_of_year=False)
    assert twin.sentence.startswith("On 1 September 1945 ")
    assert "歯舞群島 / Habomai is administered by Japan" in twin.sentence
    # a group named in the plural takes a plural verb
    both = describe(dispute, dt.date(1945, 9, 1), "neutral", end_of_year=False)
    assert "Habomai islets are administered by Japan" in both.sentence, both.sentence


def test_twin_before_the_table_says_why_nothing_is_shown(dispute):
    twin = describe(dispute, dt.date(1700, 12, 31), "ru")
    assert "does not cover" in twin.sentence
    assert dispute.manifest.coverage_note in twin.sentence


def test_twin_follows_the_naming(dispute):
    ru = describe(dispute, dt.date(2020, 12, 31), "ru")
    assert any(row["group"].startswith("Итуруп") for row in ru.rows)


def test_change_list_1944_to_1947_equals_the_join(dispute):
    first, second = dt.date(1944, 12, 31), dt.date(1947, 12, 31)
    changes = compare(dispute, second, first, "neutral")  # either order
    before, after = state_at(dispute, first), state_at(dispute, second)
    changed = {
        island
        for island, a, b, c, d in zip(
            before["id"],
            before["administered_by"],
            after["administered_by"],
            before["claimed_by"],
            after["claimed_by"],
            strict=True,
        )
        if (a, tuple(c)) != (b, tuple(d))
    }
    assert {c.island_id for c in changes.islands} == changed
    assert {c.administered_before for c in changes.islands} == {"JP"}
    assert {c.administered_after for c in changes.islands} == {"SU"}
    assert all(first < d <= second for d in changes.events["date"])
    assert {"soviet-landing-etorofu", "soviet-incorporation-decree"} <= set(changes.events["id"])
    assert "treaty-of-portsmouth" not in set(changes.events["id"])


@pytest.mark.parametrize(("a", "b"), [(1854, 1856), (1874, 1876), (1904, 1906)])
def test_boundary_lines_appear_with_their_treaties(dispute, a, b):
    changes = compare(dispute, dt.date(a, 12, 31), dt.date(b, 12, 31), "neutral")
    assert changes.lines_appeared or changes.lines_gone
