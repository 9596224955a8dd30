"""Languages: texts with their translations, dates and numbers as each language writes them."""

from __future__ import annotations

import datetime as dt

import pytest
from babel.dates import format_skeleton

from geo.dates import format_event_date
from geo.i18n import LANGUAGES, LOCALES, SKELETONS, date_words, format_number, localized
from geo.timeline import change_dates


def _plain(text: str) -> str:
    """Babel's narrow no-break spaces as the spaces a reader types."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


@pytest.mark.parametrize(
    ("language", "precision", "expected"),
    [
        # the forms the languages issue asks for, as a reader writes them
        ("ja", "day", "1945年8月28日"),
        ("ru", "day", "28 августа 1945 г."),
        ("ja", "month", "1945年8月"),
        ("ru", "month", "август 1945 г."),
        ("en", "day", "28 August 1945"),
        ("en", "month", "August 1945"),
        ("en", "year", "1945"),
    ],
)
def test_a_date_is_written_as_its_language_writes_it(language, precision, expected):
    assert _plain(format_event_date(dt.date(1945, 8, 28), precision, language)) == expected


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("precision", SKELETONS)
def test_the_patterns_write_what_babel_writes_on_every_day_of_a_leap_year(language, precision):
    day = dt.date(1944, 1, 1)
    while day.year == 1944:
        babel = format_skeleton(SKELETONS[precision], day, locale=LOCALES[language])
        assert format_event_date(day, precision, language) == babel, day
        day += dt.timedelta(days=1)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_change_date_of_the_pack_is_written_in_each_language(dispute, language):
    for day in change_dates(dispute):
        written = format_event_date(day, "day", language)
        assert str(day.year) in written and str(day.day) in written
        assert written == format_skeleton("yMMMMd", day, locale=LOCALES[language])


def test_russian_days_take_the_genitive_and_months_alone_the_nominative():
    words = date_words("ru")
    assert words.months["day"][7] == "августа"
    assert words.months["month"][7] == "август"


def test_a_text_falls_back_to_english_and_says_so():
    row = {"title": "Treaty of Shimoda", "title_ja": "下田条約", "title_ru": ""}
    assert localized(row, "title", "ja").text == "下田条約"
    fallback = localized(row, "title", "ru")
    assert (fallback.text, fallback.language, fallback.translated) == (
        "Treaty of Shimoda",
        "en",
        False,
    )
    assert localized({"title": "x", "title_ja": float("nan")}, "title", "ja").translated is False


@pytest.mark.parametrize(
    ("language", "expected"), [("en", "3,182.9"), ("ja", "3,182.9"), ("ru", "3 182,9")]
)
def test_numbers_use_each_languages_separators(language, expected):
    assert _plain(format_number(3182.94, language)) == expected
