"""The Timeline page's chart (ui.charts): categories and accessible texts in a language.

Expected words come from the catalogue (:func:`geo.i18n.texts`), never from a copy of
the code's output; English keeps the pack's category codes and English texts.
"""

from __future__ import annotations

import datetime as dt

import pytest

from geo.i18n import texts
from geo.timeline import events_between
from ui.charts import chart_description, event_chart, event_table

CHART_MESSAGE = (
    "Timeline of the dispute: {count} event from {first} to {last}, by year "
    "(across) and category (down). Choose an event below the chart to open it on the map.",
    "Timeline of the dispute: {count} events from {first} to {last}, by year "
    "(across) and category (down). Choose an event below the chart to open it on the map.",
)


def _events(dispute):
    return events_between(dispute, dt.date(1, 1, 1), dt.date(9999, 12, 31))


@pytest.mark.parametrize("lang", ["en", "ja", "ru"])
def test_the_tables_categories_are_the_catalogues_words(dispute, lang):
    events = _events(dispute)
    table = event_table(events, lang)
    expected = [texts(lang).pgettext("event category", c) for c in events["category"]]
    assert list(table["category"]) == expected
    if lang == "en":  # English: the pack's words, as before
        assert list(table["category"]) == list(events["category"])
    else:
        assert set(table["category"]).isdisjoint(set(events["category"]))


@pytest.mark.parametrize("lang", ["ja", "ru"])
def test_the_charts_data_and_texts_are_in_the_language(dispute, lang):
    catalogue = texts(lang)
    events = _events(dispute)
    table = event_table(events, lang)
    spec = event_chart(table, lang).to_dict()
    first, last = int(table["year"].min()), int(table["year"].max())

    rows = next(iter(spec["datasets"].values()))
    words = {catalogue.pgettext("event category", c) for c in events["category"]}
    assert {row["category"] for row in rows} == words
    assert not {row["category"] for row in rows} & set(events["category"])

    assert spec["description"] == catalogue.ngettext(*CHART_MESSAGE, len(table)).format(
        count=len(table), first=first, last=last
    )
    assert spec["description"] == chart_description(table, lang)
    encoding = spec["encoding"]
    assert encoding["x"]["axis"]["description"] == catalogue.gettext(
        "Year, from {first} to {last}"
    ).format(first=first, last=last)
    assert encoding["x"]["title"] == catalogue.gettext("Year")
    y_description = encoding["y"]["axis"]["description"]
    assert y_description.startswith(
        catalogue.gettext("Categories: {categories}").split("{")[0].strip()
    )
    assert all(word in y_description for word in words)
    # each point's accessible text: date, title and category in the language (Vega-Lite
    # would write "category: treaty" from the field's name otherwise)
    assert encoding["description"]["field"] == "described"
    row = rows[0]
    assert row["described"] == catalogue.gettext("{date}: {title} ({category})").format(
        date=row["when"], title=row["title"], category=row["category"]
    )
    titles = [t["title"] for t in encoding["tooltip"]]
    assert titles == [catalogue.gettext(w) for w in ("Date", "Event", "Source")]


def test_the_english_chart_keeps_the_codes_and_english_texts(dispute):
    table = event_table(_events(dispute), "en")
    spec = event_chart(table, "en").to_dict()
    rows = next(iter(spec["datasets"].values()))
    assert {row["category"] for row in rows} == set(_events(dispute)["category"])
    assert spec["description"].startswith("Timeline of the dispute: ")
    assert spec["encoding"]["x"]["title"] == "Year"


@pytest.mark.parametrize("lang", ["en", "ja", "ru"])
def test_a_chart_without_events_says_so(dispute, lang):
    table = event_table(_events(dispute).iloc[0:0], lang)
    spec = event_chart(table, lang).to_dict()
    assert spec["description"] == texts(lang).gettext(
        "Timeline of the dispute: no event passes the filters."
    )


@pytest.mark.parametrize("lang", ["ja", "ru"])
def test_the_period_chart_describes_itself_in_the_language(lang):
    from geo.pack import load_dispute
    from geo.tables import period_bars
    from ui.charts import period_chart

    dispute = load_dispute()
    bars = period_bars(dispute, "etorofu", dt.date(2026, 12, 5), language=lang)
    colours = dict.fromkeys(bars["code"], "#000000")
    spec = period_chart(bars, colours, lang).to_dict()
    _ = texts(lang).gettext
    assert spec["description"].startswith(
        _("Sovereignty periods from {first} to {last}, one bar per period.").split("{")[0]
    )
    y_axis = spec["encoding"]["y"]["axis"]["description"]
    assert y_axis.startswith(_("Administered by: {parties}").split("{")[0])
    # every party named in the language, as the pack names it
    for code in set(bars["code"]):
        assert dispute.manifest.texts(f"parties.{code}.")[f"name_{lang}"] in y_axis
