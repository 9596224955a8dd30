"""The tool pages (Export, Data & sources, Disputes, Make a pack) in Japanese and Russian:
their words come from the catalogue, and what the pack builder writes follows the language.

Each expected text is the catalogue's translation (``geo.i18n.texts``), never a copy of
the code's output: before the catalogue holds these pages' translations, both sides are
English and only :func:`test_the_catalogue_translates_the_tool_pages_words` fails.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo import builder
from geo.drafts import MAX_DRAFT_BYTES, DraftStore, DraftStoreError
from geo.i18n import TRANSLATED, format_number, texts
from tests.conftest import REPO_ROOT
from ui.controls import MAP_DRAWN_KEY

APP = str(REPO_ROOT / "explorer.py")
# each language's own letters: a translation is written in them
SCRIPTS = {"ja": re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]"), "ru": re.compile(r"[А-Яа-яЁё]")}


@pytest.fixture(autouse=True)
def _offline(monkeypatch, tmp_path):
    monkeypatch.setenv("DISPUTE_OFFLINE", "1")
    monkeypatch.setenv("DISPUTE_DRAFTS", str(tmp_path / "drafts.sqlite3"))
    monkeypatch.delenv("DISPUTE_PACK", raising=False)


def _page(page: str, language: str, **params: str) -> AppTest:
    """A page opened from a link that asks for a language."""
    app = AppTest.from_file(APP, default_timeout=120)
    app.session_state[MAP_DRAWN_KEY] = True
    app.query_params["lang"] = language
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    app.switch_page(page).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _markdown(app: AppTest) -> str:
    return "\n".join(m.value for m in app.markdown)


def _captions(app: AppTest) -> str:
    return "\n".join(c.value for c in app.caption)


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_export_page_speaks_the_language(language):
    words = texts(language).gettext
    app = _page("pages/export.py", language, year="1945")
    assert words("Format") in [r.label for r in app.radio]
    assert words("Size") in [s.label for s in app.selectbox]
    extent = next(r for r in app.radio if r.label == words("Map extent"))
    assert words("The islands") in extent.options and words("As on screen") in extent.options
    assert words("Resolution (dots per inch)") in [s.label for s in app.slider]
    assert words("Slide") in next(s for s in app.selectbox if s.label == words("Size")).options
    assert words("Download {format}").format(format="PNG") in [
        b.label for b in app.get("download_button")
    ]
    assert words("Preview") in _markdown(app)


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_data_page_speaks_the_language(language):
    words = texts(language).gettext
    app = _page("pages/data_sources.py", language, year="1950")
    shown = _markdown(app)
    for heading in ("History table", "Sources cited", "Licences", "How to cite"):
        assert words(heading) in shown, heading
    assert words("Joined state at the end of {year}").format(year=1950) in shown
    labels = [b.label for b in app.get("download_button")]
    assert words("State at end of {year} (GeoJSON)").format(year=1950) in labels
    assert words("Open another dispute pack") in shown
    # the sources' links are clickable under the catalogue's word for the column
    columns = [str(c) for frame in app.dataframe for c in frame.value.columns]
    assert words("Link") in columns


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_disputes_page_speaks_the_language(dispute, language):
    catalogue = texts(language)
    app = _page("pages/disputes.py", language)
    assert catalogue.gettext("Another dispute") in _markdown(app)
    assert catalogue.gettext("Showing now") in [b.label for b in app.button]
    # the shipped pack's card counts its events by the language's plural rules
    count = len(dispute.events)
    events = catalogue.ngettext("{count} event", "{count} events", count)
    assert events.format(count=format_number(count, language, 0)) in _captions(app)


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_make_a_pack_page_speaks_the_language(language):
    words = texts(language).gettext
    app = _page("pages/make_pack.py", language)
    start = next(b for b in app.button if b.label == words("Start a new draft"))
    app = start.click().run()
    assert not app.exception, [e.value for e in app.exception]
    labels = [t.label for t in app.tabs]
    assert labels[:5] == [
        f"{number} · {words(name)}"
        for number, name in enumerate(
            ("About", "Islands", "Parties & names", "Events", "Periods"), start=1
        )
    ]
    assert words("Title") in [t.label for t in app.text_input]
    assert words("Open in the explorer") in [b.label for b in app.button]
    # the forms that add rows: their headings and fields come from geo.builder.form_fields
    assert "**{}**".format(words("Add a party")) in _markdown(app)
    assert words("Code") in [t.label for t in app.text_input]
    # what the draft lacks is said in the language (geo.errors.Problem.text)
    assert any(words("give the dispute a title") in w.value for w in app.warning)


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_builders_fields_and_problems_follow_the_language(language):
    catalogue = texts(language)
    fields = builder.form_fields("events", builder.new_draft(), language)
    labels = {field["column"]: field["label"] for field in fields}
    assert labels["date_precision"] == catalogue.gettext("Known to the")
    precision = next(f for f in fields if f["column"] == "date_precision")
    assert precision["option_labels"]["year"] == catalogue.pgettext("date known to the", "year")
    assert builder.check_area(("a", 1, 2, 3), language) == catalogue.gettext(
        "give the area as four numbers: west, south, east, north (degrees)"
    )
    draft = builder.new_draft()
    draft["parties"] = [{"code": "IR", "color": "#000000"}, {"code": "AE", "color": "#000000"}]
    problems = builder.draft_problems(draft)
    assert problems[0].text(language) == catalogue.gettext("give the dispute a title")
    shared = next(p for p in problems if "#000000" in p.message)
    assert "IR" in shared.text(language) and "AE" in shared.text(language)
    assert " and " not in shared.text(language)  # the list is joined in the language


def test_the_builders_words_in_english_are_unchanged():
    problems = builder.draft_problems(
        {
            **builder.new_draft(),
            "parties": [{"code": "IR", "color": "#1"}, {"code": "AE", "color": "#1"}],
        }
    )
    assert any(p.message.startswith("IR and AE share the colour #1") for p in problems)
    assert builder.form_fields("parties", builder.new_draft())[0]["label"] == "Code"


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_draft_stores_refusal_is_in_the_language(tmp_path: Path, language):
    store = DraftStore(tmp_path / "drafts.sqlite3")
    with pytest.raises(DraftStoreError) as refused:
        store.create({"islands": "x" * (MAX_DRAFT_BYTES + 1)}, language=language)
    expected = texts(language).gettext(
        "the draft is larger than {megabytes} MB; remove some islands"
    )
    assert str(refused.value) == expected.format(megabytes=MAX_DRAFT_BYTES // 1_000_000)


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_catalogue_translates_the_tool_pages_words(language):
    """Fails until the lead has merged /tmp/i18n/pages-tools.json into the catalogue."""
    catalogue = texts(language)
    for msgid in (
        "Export the map",
        "Data & sources",
        "Make a pack",
        "Start a new draft",
        "Showing now",
        "give the dispute a title",
        "Known to the",
    ):
        translated = catalogue.gettext(msgid)
        assert translated != msgid, msgid
        assert SCRIPTS[language].search(translated), (msgid, translated)  # in its own script
