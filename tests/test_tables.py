"""Tables for people: labels in words, names not ids, dates at their precision."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from geo.tables import (
    events_table,
    name_field_label,
    periods_table,
    sources_table,
    state_rows,
)

FIELD_NAME = re.compile(r"^[a-z]+(_[a-z0-9]+)+$")  # name_ja, administered_by, event_id …


def _tables(dispute):
    return {
        "state": state_rows(dispute, dt.date(1950, 12, 31), "ru"),
        "periods": periods_table(dispute, "etorofu"),
        "events": events_table(dispute, dispute.events, "jp"),
        "sources": sources_table(dispute),
    }


@pytest.mark.parametrize("name", ["state", "periods", "events", "sources"])
def test_no_column_is_a_field_name(dispute, name):
    columns = list(_tables(dispute)[name].columns)
    assert columns
    for column in columns:
        assert not FIELD_NAME.match(column), column
        assert column[0].isupper(), column


def test_state_rows_name_islands_in_the_worldview(dispute):
    rows = state_rows(dispute, dt.date(1950, 12, 31), "ru")
    assert "Итуруп / Iturup" in set(rows["Group"])
    assert not set(rows["Island"]) & set(dispute.islands["id"])
    assert set(rows["Administered by"]) == {"Soviet Union"}
    assert set(rows["Since"]) == {"2 February 1946"}


def test_periods_name_the_event_that_opened_them(dispute):
    periods = periods_table(dispute, "etorofu")
    titles = set(dispute.events["title"])
    assert set(periods["Began with"]) <= titles
    assert periods["To"].iloc[-1] == "ongoing"
    # the shogunate's rule from 1799 is known to the year; Shimoda to the day
    assert periods["From"].iloc[0] == "1799"
    assert "7 February 1855" in set(periods["From"])


def test_events_table_dates_and_islands_read_as_words(dispute):
    table = events_table(dispute, dispute.events, "jp")
    year_only = dispute.events["date_precision"] == "year"
    assert year_only.any()
    for text, date in zip(
        table["Date"][year_only.to_numpy()], dispute.events["date"][year_only], strict=True
    ):
        assert text == str(date.year)
    assert "all islands" in set(table["Islands"])
    assert any("択捉島" in text for text in table["Islands"])


def test_name_fields_have_labels(dispute):
    assert name_field_label(dispute, "name_ja") == "Japanese names"
    assert name_field_label(dispute, "name_ru_latn") == "Russian names in Latin script"
    assert name_field_label(dispute, "name_en") == "English usage"


@pytest.mark.parametrize("lang", ["en", "ja", "ru"])
def test_events_table_names_categories_in_the_language(dispute, lang):
    from geo.i18n import texts

    catalogue = texts(lang)
    table = events_table(dispute, dispute.events, "jp", language=lang)
    expected = [
        catalogue.pgettext("event category", str(c)).capitalize()
        for c in dispute.events["category"]
    ]
    assert list(table[catalogue.gettext("Category")]) == expected
    if lang == "en":  # as before: the pack's word, capitalised
        assert "Treaty" in set(table["Category"])
