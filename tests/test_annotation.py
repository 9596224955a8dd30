"""What an export says about itself: subtitle order, filters, sources, data version."""

from __future__ import annotations

import pytest

from geo.annotation import (
    callout_events,
    data_version,
    filter_statement,
    footer,
    frame_caption,
    naming_subtitle,
    short_reference,
    subtitle,
)
from geo.presentation import events_for_view
from geo.view import default_view


def _view(dispute, **changes):
    return default_view(dispute).replace(**changes)


@pytest.mark.parametrize(
    ("worldview", "first"), [("ru", "Iturup (Etorofu)"), ("jp", "Etorofu (Iturup)")]
)
def test_subtitle_follows_the_naming_order(dispute, worldview, first):
    text = naming_subtitle(dispute, worldview)
    assert text.startswith(first)
    other = "Kunashiri (Kunashir)" if worldview == "jp" else "Kunashir (Kunashiri)"
    assert other in text


def test_editor_subtitle_replaces_the_default(dispute):
    assert subtitle(dispute, _view(dispute, subtitle="For class 7b")) == "For class 7b"
    assert "Russian names" in subtitle(dispute, _view(dispute, worldview="ru"))


def test_no_filter_no_statement(dispute):
    assert filter_statement(dispute, _view(dispute)) == ""


def test_filters_are_stated_in_words(dispute):
    view = _view(dispute, categories=("diplomatic",), groups=("shikotan", "habomai"))
    assert (
        filter_statement(dispute, view)
        == "Events: diplomatic only · groups: Shikotan, Habomai islets"
    )
    shown = _view(dispute, show_earlier=True, year=1945, callouts=("yalta-agreement",))
    text = filter_statement(dispute, shown)
    assert "earlier events shown" in text  # off by default: on, the export says so
    in_1945 = int((dispute.events["date"].map(lambda d: d.year) == 1945).sum())
    assert f"callouts for 1 of the {in_1945} events of 1945" in text
    assert filter_statement(dispute, _view(dispute, show_events=False)) == "Events: none shown"


def test_short_reference_keeps_publisher_and_shortens_the_title():
    ref = short_reference(
        "Papers Relating to the Foreign Relations of the United States, 1905, Document 915 "
        "(Ambassador Meyer to the Secretary of State) — Office of the Historian, U.S. "
        "Department of State"
    )
    assert ref.startswith("Office of the Historian, U.S. Department of State, “Papers Relating")
    # cut between words, keeping what tells one document from another
    assert "Document 915" in ref and ref.endswith("…”") and len(ref) < 110


def test_two_documents_of_one_volume_stay_apart_in_a_footer(dispute):
    titles = sorted({t for t in dispute.events["source_title"] if t.startswith("FRUS 1955")})
    assert len(titles) >= 2  # the pack cites two documents of the same FRUS volume
    shortened = [short_reference(t) for t in titles]
    assert len(set(shortened)) == len(titles), shortened
    assert all(len(s) <= 80 for s in shortened)


def test_footer_cites_every_numbered_event_and_the_data_version(dispute):
    view = _view(dispute, year=1956)
    current, _ = events_for_view(dispute, view)
    text = footer(dispute, view, current)
    for _, event in current.iterrows():
        publisher = event["source_title"].rpartition(" — ")[2]
        assert publisher in text
    assert data_version(dispute) in text and "How to cite" in text


def test_data_version_changes_with_the_data(dispute, pack_copy):
    from geo.pack import load_dispute

    before = data_version(load_dispute(pack_copy))
    assert before == data_version(dispute)
    events = pack_copy / "events.csv"
    events.write_text(
        events.read_text(encoding="utf-8").replace(
            "Treaty of Shimoda sets", "Treaty of Shimoda fixes"
        ),
        encoding="utf-8",
    )
    assert data_version(load_dispute(pack_copy)) != before


def test_frame_caption_names_what_changed(dispute):
    assert "Soviet troops land on Etorofu" in frame_caption(dispute, 1945)
    assert frame_caption(dispute, 1946).startswith("2 February 1946")
    assert frame_caption(dispute, 1950) == ""


def test_events_outside_the_window_shown_get_no_callout(dispute):
    view = default_view(dispute).replace(year=1956)
    current, _ = events_for_view(dispute, view)
    assert len(current) >= 2
    # a window around the first event only (a tenth of a degree each way)
    lon, lat = float(current.iloc[0]["lon"]), float(current.iloc[0]["lat"])
    window = (lon - 0.1, lat - 0.1, lon + 0.1, lat + 0.1)
    near = current[current["lon"].sub(lon).abs().le(0.1) & current["lat"].sub(lat).abs().le(0.1)]
    called = callout_events(current, view.replace(extent=window))
    assert list(called["id"]) == list(near["id"])
    assert len(called) < len(current)
    statement = filter_statement(dispute, view.replace(extent=window))
    assert "map window" in statement
    assert f"callouts for {len(called)} of the {len(current)} events of 1956" in statement


@pytest.mark.parametrize("lang", ["en", "ja", "ru"])
def test_a_category_is_written_in_the_catalogues_words(dispute, lang):
    from geo.annotation import EVENT_CATEGORIES, category_word
    from geo.i18n import texts

    for category in EVENT_CATEGORIES:
        expected = texts(lang).pgettext("event category", category)
        assert category_word(category, lang) == expected
    assert category_word("treaty", "en") == "treaty"
    # a category only a pack uses is shown as the pack writes it
    assert category_word("fishing rights", lang) == "fishing rights"
    # every category of the shipped pack has words in the catalogue
    assert set(dispute.events["category"]) <= set(EVENT_CATEGORIES)
