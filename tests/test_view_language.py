"""The view's language: in the link, in its notices, and in the words every renderer shares.

Translations are compared with the catalogue (:func:`geo.i18n.texts`) and the pack's
own fields (``name_ja``, ``title_ru``…), never with a copy of the code's output. Until
the catalogues are compiled with this work's strings, ``texts("ja")`` gives English
for them, and the comparisons hold all the same.
"""

from __future__ import annotations

import datetime as dt

import pytest
from babel.lists import format_list

from geo import compareview
from geo.compare import compare, island_change_lines
from geo.i18n import LANGUAGES, LOCALES, format_date, format_number, localized, texts
from geo.names import group_name, party_label, worldview_label
from geo.parties import no_data_label, party_name
from geo.presentation import (
    depiction_caption,
    event_legend_entries,
    legend_entries,
    map_title,
    period_line,
    status_line,
    title_patterns,
)
from geo.tables import events_table, name_field_label, periods_table, state_rows
from geo.timeline import status_rows
from geo.view import View, default_view, from_query_params, parse_extent, to_query_params

ENGLISH_COLUMNS = (
    "Island",
    "Group",
    "Administered by",
    "Claimed by",
    "Contested",
    "Since",
    "Area (km²)",
)


def _default(dispute):
    return default_view(dispute, today=dt.date(2026, 11, 27))


def _party(dispute, code, language):
    """A party's name in a language, as the pack writes it."""
    if language == "en":
        return dispute.manifest.parties[code].name
    return dispute.manifest.texts(f"parties.{code}.")[f"name_{language}"]


@pytest.mark.parametrize("language", ["ja", "ru"])
def test_the_language_round_trips_through_the_link(dispute, language):
    default = _default(dispute)
    view = default.replace(lang=language, year=1956)
    params = to_query_params(view, default)
    assert params["lang"] == language
    read, notices = from_query_params(params, dispute, default)
    assert read == view and notices == []


def test_english_is_not_written_into_the_link(dispute):
    default = _default(dispute)
    assert "lang" not in to_query_params(default.replace(year=1956), default)


def test_an_unknown_language_is_ignored_with_a_notice(dispute):
    default = _default(dispute)
    view, notices = from_query_params({"lang": "xx"}, dispute, default)
    assert view.lang == default.lang
    expected = (
        texts("en")
        .gettext("Ignored {key}={value}: not one of {options}.")
        .format(key="lang", value=repr("xx"), options=", ".join(sorted(LANGUAGES)))
    )
    assert notices == [expected]


@pytest.mark.parametrize("language", ["ja", "ru"])
def test_notices_are_in_the_links_language_whatever_the_order(dispute, language):
    default = _default(dispute)
    # the year comes before the language in the link: the language is read first all the same
    view, notices = from_query_params({"year": "19x6", "lang": language}, dispute, default)
    assert view.lang == language
    expected = (
        texts(language)
        .gettext("Ignored {key}={value}: expected a year from {first} to {last}.")
        .format(key="year", value=repr("19x6"), first=default.event_start, last=default.event_end)
    )
    assert notices == [expected]


def test_a_bad_language_leaves_the_notices_in_the_defaults_language(dispute):
    default = _default(dispute).replace(lang="ru")  # e.g. the browser's language
    _, notices = from_query_params({"lang": "xx", "earlier": "2"}, dispute, default)
    said = texts("ru").gettext("Ignored {key}={value}: expected 0 or 1.")
    assert said.format(key="earlier", value=repr("2")) in notices


@pytest.mark.parametrize("language", ["en", "ja", "ru"])
def test_a_bad_box_is_explained_in_the_language(dispute, language):
    _, notices = from_query_params({"lang": language, "box": "1,2,3"}, dispute, _default(dispute))
    reason = texts(language).gettext("expected four numbers 'west,south,east,north' in degrees")
    assert notices == [
        texts(language)
        .gettext("Ignored box={value}: {reason}.")
        .format(value=repr("1,2,3"), reason=reason)
    ]
    with pytest.raises(ValueError, match="west"):
        parse_extent("1,2,3")  # English by default: the command line's words


def test_english_notices_are_unchanged(dispute):
    default = _default(dispute)
    _, notices = from_query_params({"from": "2000", "to": "1990"}, dispute, default)
    assert notices == ["Ignored from/to: the range was reversed."]


@pytest.mark.parametrize("language", ["ja", "ru"])
def test_a_comparisons_notices_are_in_the_views_language(dispute, language):
    base = _default(dispute).replace(lang=language)
    _, notices = compareview.from_query_params({"wa": "zz"}, dispute, base)
    expected = (
        texts(language)
        .gettext("Ignored {key}={value}: not one of {options}.")
        .format(key="wa", value=repr("zz"), options=", ".join(sorted(dispute.manifest.worldviews)))
    )
    assert notices == [expected]


@pytest.mark.parametrize("language", ["en", "ja", "ru"])
def test_the_map_title_uses_the_catalogue_and_the_packs_title(dispute, language):
    view = _default(dispute).replace(lang=language, year=1950, day="")
    title = localized(dispute.manifest.texts(), "title", language).text
    assert title and (language == "en" or title != dispute.manifest.title)
    at_year_end = texts(language).gettext("{title} — situation at the end of {year}")
    assert map_title(dispute, view) == at_year_end.format(title=title, year=1950)
    on_day = texts(language).gettext("{title} — situation on {date}")
    expected = on_day.format(title=title, date=format_date(dt.date(1945, 9, 1), "day", language))
    assert map_title(dispute, view.at(dt.date(1945, 9, 1))) == expected


def test_english_title_patterns_are_unchanged(dispute):
    title = dispute.manifest.title
    assert title_patterns(dispute) == (
        f"{title} — situation at the end of {{year}}",
        f"{title} — situation on {{date}}",
        f"{title} — situation in {{date}}",
    )


@pytest.mark.parametrize("language", ["en", "ja", "ru"])
def test_status_line_names_the_parties_in_the_language(dispute, language):
    row = next(r for r in status_rows(dispute, dt.date(1950, 12, 31)) if r["covered"])
    separator = "、" if language == "ja" else ", "
    claims = separator.join(_party(dispute, c, language) for c in row["claimed_by"])
    expected = (
        texts(language)
        .gettext("Administered by: {administrator}. Claimed by: {claimants}.")
        .format(administrator=_party(dispute, row["administered_by"], language), claimants=claims)
    )
    assert status_line(dispute, row, language) == expected
    if language == "en":
        assert expected == "Administered by: Soviet Union. Claimed by: Soviet Union, Japan."


@pytest.mark.parametrize("language", ["ja", "ru"])
def test_period_line_and_no_data_in_the_language(dispute, language):
    row = next(r for r in status_rows(dispute, dt.date(1950, 12, 31)) if r["covered"])
    line = period_line(row, dispute, language)
    start = format_date(row["period_start"], "day", language)
    end = format_date(row["period_end"], "day", language)
    assert line == texts(language).gettext("From {start} to {end}").format(start=start, end=end)
    uncovered = {"covered": False}
    assert status_line(dispute, uncovered, language) == texts(language).gettext(
        "Not covered by the table"
    )
    assert no_data_label(language) == texts(language).gettext("Not covered by the table")


@pytest.mark.parametrize("language", ["en", "ja", "ru"])
def test_legend_uses_the_catalogue_and_party_names(dispute, language):
    view = _default(dispute).replace(lang=language, year=1950, day="", show_earlier=True)
    statuses = status_rows(dispute, view.date)
    labels = [entry.label for entry in legend_entries(dispute, statuses, view)]
    _ = texts(language).gettext
    assert _("{party} administers").format(party=_party(dispute, "SU", language)) in labels
    assert _("{party} also claims").format(party=_party(dispute, "JP", language)) in labels
    assert _("Event in {year} (numbered)").format(year=1950) in labels
    assert _("Earlier event in the chosen range") in labels
    if language == "en":
        assert "Soviet Union administers" in labels and "Japan also claims" in labels


def test_the_event_legend_keeps_a_placeholder_year(dispute):
    view = _default(dispute).replace(lang="ru")
    (entry,) = event_legend_entries(view, "{year}")
    assert entry.label == texts("ru").gettext("Event in {year} (numbered)")


def test_the_neutral_caption_is_the_catalogues(dispute):
    from geo.presentation import CAPTION

    caption = depiction_caption(dispute, "neutral", dt.date(1950, 12, 31), "ja")
    assert caption.startswith(texts("ja").gettext(CAPTION))


@pytest.mark.parametrize("language", ["en", "ja", "ru"])
def test_state_rows_in_the_language(dispute, language):
    rows = state_rows(dispute, dt.date(1950, 12, 31), "neutral", language)
    assert list(rows.columns) == [texts(language).gettext(c) for c in ENGLISH_COLUMNS]
    administered = rows[texts(language).gettext("Administered by")]
    assert set(administered) == {_party(dispute, "SU", language)}
    areas = rows[texts(language).gettext("Area (km²)")]
    if language == "en":
        assert areas.dtype.kind == "f"  # English keeps the numbers (as before)
    else:
        first = round(float(dispute.islands["area_km2"].iloc[0]), 1)
        assert areas.iloc[0] == format_number(first, language)


@pytest.mark.parametrize("language", ["ja", "ru"])
def test_periods_and_events_in_the_language(dispute, language):
    island = str(dispute.islands["id"].iloc[0])
    table = periods_table(dispute, island, language)
    _ = texts(language).gettext
    assert list(table.columns) == [
        _("From"),
        _("To"),
        _("Administered by"),
        _("Claimed by"),
        _("Began with"),
    ]
    events = dispute.events
    with_title = events[events[f"title_{language}"].fillna("").astype(str).str.strip() != ""]
    assert not with_title.empty
    shown = events_table(dispute, with_title.head(3), "neutral", language)
    assert list(shown[_("Event")]) == [
        str(t).strip() for t in with_title.head(3)[f"title_{language}"]
    ]
    assert _("Link") in shown.columns


def test_english_tables_are_unchanged(dispute):
    shown = events_table(dispute, dispute.events.head(2), "neutral")
    assert list(shown.columns) == [
        "Date",
        "Event",
        "Category",
        "Islands",
        "Summary",
        "Source",
        "Link",
    ]
    assert list(shown["Event"]) == list(dispute.events.head(2)["title"])


@pytest.mark.parametrize("language", ["ja", "ru"])
def test_worldview_labels_come_from_the_pack(dispute, language):
    manifest = dispute.manifest
    for code in manifest.worldviews:
        label = worldview_label(manifest, code, language)
        assert label.translated
        assert label.text == manifest.texts(f"worldviews.{code}.")[f"label_{language}"]
    field = manifest.worldviews["jp"].latin_field
    expected = texts(language).gettext("{label} in Latin script")
    assert name_field_label(dispute, field, language) == expected.format(
        label=worldview_label(manifest, "jp", language).text
    )


def test_party_names_fall_back_to_english(dispute):
    parties = dispute.manifest.parties
    assert party_name(parties, "SU", "ja") == "Soviet Union"  # no translations given
    assert party_label(dispute.manifest, "SU", "ja") == _party(dispute, "SU", "ja")
    assert party_name(parties, "XX", "ru") == "XX"


@pytest.mark.parametrize("language", ["en", "ja", "ru"])
def test_island_changes_are_said_in_the_language(dispute, language):
    changes = compare(dispute, dt.date(1990, 12, 31), dt.date(1992, 12, 31), "neutral")
    (line,) = island_change_lines(dispute, changes, "neutral", language)
    _ = texts(language).gettext
    locale = LOCALES[language]
    manifest = dispute.manifest

    def prose(code):  # a party in running text: the pack's own name outside English
        return manifest.parties[code].prose if language == "en" else _party(dispute, code, language)

    groups = [group_name(manifest, g, "neutral") for g in dispute.group_ids]
    expected = _(
        "{islands}: administered by {admin_before}, then {admin_after}; "
        "claimed by {claims_before}, then {claims_after}."
    ).format(
        islands=_("{islands} (all islands)").format(islands=format_list(groups, locale=locale)),
        admin_before=prose("SU"),
        admin_after=prose("RU"),
        claims_before=format_list([prose("SU"), prose("JP")], locale=locale),
        claims_after=format_list([prose("RU"), prose("JP")], locale=locale),
    )
    assert line == expected
    if language == "en":
        assert "administered by the Soviet Union, then Russia" in line


def test_the_default_view_reads_in_english():
    assert View(year=1950).lang == "en"
