"""Each side's map: depictions.csv validates, and jp / ru / neutral draw what their sources say."""

from __future__ import annotations

import datetime as dt

import pytest
from matplotlib.colors import to_hex

from geo import paths
from geo.annotation import footer
from geo.depiction import drawn_lines, island_rule
from geo.errors import DisputeDataError
from geo.io import read_pack
from geo.limits import PackLimits
from geo.pack import load_dispute
from geo.presentation import CAPTION, depiction_caption
from geo.scene import build_scene, state_index_at
from geo.sheet import export_style
from geo.staticmap import render_figure
from geo.tables import depictions_table
from geo.validation import validate_pack
from geo.view import default_view
from tests.conftest import REPO_ROOT, read_rows, write_rows

HANS = REPO_ROOT / "data" / "packs" / "hans-island"
DEPICTIONS = paths.DEPICTIONS_FILE

# What each depiction draws, from its sources (not from the code): Japan's Ministry of
# Foreign Affairs and Japanese school atlases; the Soviet decree and Russia's Foreign
# Ministry and border guard; the neutral drawing of administration and claims.
# Japan's school atlases drew the islands as Japanese from those issued in the 1971 school
# year (Teikoku-Shoin; Japanese Wikipedia lists approved atlases of 1946-55 as Soviet, 1963-69
# as unmarked, and a 1973 atlas as its first Japanese one), so Japan's view of 1950 is the
# neutral drawing; before the ukase of 1821 the neutral view hatches Russia's claim (Russian
# document collection), which Japan's view, today's position applied to the period (Hokkaido
# government), leaves out.
SOURCED = {
    ("neutral", 1800): {"fill": "hatch-JP-RU", "lines": {}},
    ("jp", 1800): {"fill": "JP", "lines": {}},
    ("ru", 1800): {"fill": "hatch-JP-RU", "lines": {}},
    ("neutral", 1950): {"fill": "hatch-SU-JP", "lines": {"line-of-control": "line"}},
    ("jp", 1950): {"fill": "hatch-SU-JP", "lines": {"line-of-control": "line"}},
    ("jp", 1975): {
        "fill": "JP",
        "lines": {"line-1855": "border", "line-1875": "border", "line-1905": "border"},
    },
    ("ru", 1950): {"fill": "SU", "lines": {"line-of-control": "border"}},
    ("neutral", 2024): {"fill": "hatch-RU-JP", "lines": {"line-of-control": "line"}},
    (
        "jp",
        2024,
    ): {
        "fill": "JP",
        "lines": {"line-1855": "border", "line-1875": "border", "line-1905": "border"},
    },
    ("ru", 2024): {"fill": "RU", "lines": {"line-of-control": "border"}},
}


def _scene_state(dispute, worldview, year):
    scene = build_scene(dispute, default_view(dispute).replace(worldview=worldview))
    return scene, scene.states[state_index_at(scene, dt.date(year, 12, 31))]


def _figure(dispute, worldview, year):
    view = default_view(dispute).replace(year=year, worldview=worldview)
    with export_style():
        figure = render_figure(dispute, view)
        figure.canvas.draw()
    return figure


def _by_gid(figure, prefix):
    return [a for a in figure.findobj() if (a.get_gid() or "").startswith(prefix)]


def _rewrite(pack, edit):
    rows = read_rows(pack / DEPICTIONS)
    edit(rows)
    write_rows(pack / DEPICTIONS, rows, list(read_rows(pack / DEPICTIONS)[0]))


def test_every_row_of_the_shipped_depictions_validates(dispute):
    rows = read_rows(paths.shipped_data_dir() / DEPICTIONS)
    assert len(dispute.depictions) == len(rows) > 0
    assert {d.worldview for d in dispute.depictions} == {"jp", "ru", "neutral"}
    assert all(d.source_url.startswith(("http://", "https://")) for d in dispute.depictions)
    assert all(d.source_title for d in dispute.depictions)


@pytest.mark.parametrize(("worldview", "year"), sorted(SOURCED))
def test_the_scene_draws_each_sides_map_as_sourced(dispute, worldview, year):
    expected = SOURCED[(worldview, year)]
    scene, state = _scene_state(dispute, worldview, year)
    fills = {scene.styles[look.style].fill_color for look in state.islands}
    parties = dispute.manifest.parties
    want = (
        f"url(#{expected['fill']})"
        if "hatch" in expected["fill"]
        else parties[expected["fill"]].color
    )
    assert fills == {want}
    drawn = {scene.lines[b].id: scene.lines[b].kind for b in state.lines}
    assert drawn == expected["lines"]


@pytest.mark.parametrize(("worldview", "year"), sorted(SOURCED))
def test_the_export_draws_the_same_map_as_the_scene(dispute, worldview, year):
    expected = SOURCED[(worldview, year)]
    figure = _figure(dispute, worldview, year)
    patches = _by_gid(figure, "island-")
    parties = dispute.manifest.parties
    hatched = "hatch" in expected["fill"]
    assert all(bool(p.get_hatch()) == hatched for p in patches)
    if not hatched:
        colours = {to_hex(p.get_facecolor()) for p in patches}
        assert colours == {parties[expected["fill"]].color.lower()}
    lines = {a.get_gid().removeprefix("boundary-") for a in _by_gid(figure, "boundary-")}
    lines = {line for line in lines if not line.startswith("label-")}
    assert lines == set(expected["lines"])
    legend = {a.get_gid() for a in _by_gid(figure, "legend-")}
    assert ("legend-control" in legend) == ("line" in expected["lines"].values())
    assert ("legend-boundary" in legend) == ("border" in expected["lines"].values())


def test_the_three_maps_differ_in_2024(dispute):
    for year in (2024,):
        states = [_scene_state(dispute, w, year) for w in ("jp", "ru", "neutral")]
        drawings = [
            (
                frozenset(scene.styles[look.style].fill_color for look in state.islands),
                frozenset(scene.lines[b].label for b in state.lines),
            )
            for scene, state in states
        ]
        assert len(set(drawings)) == 3, year


def test_japans_view_before_1971_is_the_neutral_drawing_and_says_why(dispute):
    day = dt.date(1950, 12, 31)
    rule = island_rule(dispute, "jp", day)
    assert rule is not None and rule.drawn_as == "administration"
    assert "1946–55" in rule.note and "1971" in rule.note and "19 October 1951" in rule.note
    # which page gives which year: Teikoku-Shoin 1971, Japanese Wikipedia's first example 1973;
    # the private site's 1948 map book is a study aid, not an approved atlas
    assert "Teikoku-Shoin FAQ" in rule.note and "1973" in rule.note
    assert "study aid (学習参考書), not an approved" in rule.note
    assert depiction_caption(dispute, "jp", day) == CAPTION
    later = island_rule(dispute, "jp", dt.date(1971, 12, 31))
    assert later is not None and later.drawn_as == "territory" and later.parties == ("JP",)


def test_before_1821_russias_claim_is_attributed_in_every_view(dispute):
    day = dt.date(1805, 12, 31)
    for worldview in ("neutral", "ru"):
        rule = island_rule(dispute, worldview, day)
        assert rule.drawn_as == "administration" and "Rezanov" in rule.note
    japan = island_rule(dispute, "jp", day)
    assert japan.drawn_as == "territory" and "today" in japan.label
    assert "not drawn" in japan.note
    # Japan's present position from a page that states it (the Hokkaido government's views)
    assert japan.source_url == "http://www.pref.hokkaido.lg.jp/sm/hrt/hp-en/polic-en.htm"
    assert "never been the territory of another country" in japan.note


def test_labels_say_whose_border_it_is(dispute):
    scene, state = _scene_state(dispute, "ru", 1950)
    assert [scene.lines[b].label for b in state.lines] == ["State border of the USSR"]
    scene, state = _scene_state(dispute, "ru", 2024)
    assert "State border of Russia" in state.key
    scene, state = _scene_state(dispute, "jp", 2024)
    assert "Border between Etorofu and Urup" in [scene.lines[b].label for b in state.lines]


@pytest.mark.parametrize(
    "day", [dt.date(1821, 12, 31), dt.date(1860, 12, 31), dt.date(1930, 12, 31)]
)
def test_from_1821_to_1945_the_depictions_coincide_and_the_data_says_so(dispute, day):
    drawn = []
    for worldview in ("jp", "ru", "neutral"):
        scene, state = _scene_state(dispute, worldview, day.year)
        drawn.append(
            (
                [scene.styles[look.style] for look in state.islands],
                [(scene.lines[b].id, scene.lines[b].kind) for b in state.lines],
            )
        )
        rule = island_rule(dispute, worldview, day)
        assert rule is not None and rule.drawn_as == "administration"
        assert "coincide" in rule.note
        assert depiction_caption(dispute, worldview, day) == CAPTION
    assert drawn[0] == drawn[1] == drawn[2]


def test_captions_and_sources_follow_the_worldview(dispute):
    day = dt.date(2024, 12, 31)
    assert depiction_caption(dispute, "jp", day).startswith("Japan's depiction")
    assert "line of control" in depiction_caption(dispute, "jp", day)
    assert depiction_caption(dispute, "ru", day).startswith("Russia's depiction")
    assert depiction_caption(dispute, "neutral", day) == CAPTION
    _, state = _scene_state(dispute, "jp", 2024)
    assert "https://www.mofa.go.jp/region/europe/russia/territory/index.html" in state.sources
    assert state.caption.startswith("Japan's depiction")
    view = default_view(dispute).replace(year=2024, worldview="ru")
    text = footer(dispute, view, dispute.events.iloc[0:0])
    assert "Map drawn from: News.ru" in text and "TIA Ostrova" in text


def test_the_data_page_table_lists_every_row_with_its_link(dispute):
    table = depictions_table(dispute)
    assert len(table) == len(dispute.depictions)
    assert table["Link"].str.startswith("http").all()
    # a start known only to the year is shown as the year, not as its 1 January
    assert "1971" in set(table["From"]) and not table["From"].str.contains("1971-01-01").any()


def test_the_hans_island_pack_has_no_depictions_and_draws_as_before():
    hans = load_dispute(HANS)
    assert hans.depictions == ()
    day = dt.date(2010, 12, 31)
    for worldview in hans.manifest.worldviews:
        assert island_rule(hans, worldview, day) is None
        assert [d.id for d in drawn_lines(hans, worldview, day)] == ["line-1973"]
        assert depiction_caption(hans, worldview, day) == CAPTION


def test_a_pack_without_the_file_draws_every_worldview_alike(pack_copy):
    (pack_copy / DEPICTIONS).unlink()
    dispute = load_dispute(pack_copy)
    _, jp = _scene_state(dispute, "jp", 2024)
    _, neutral = _scene_state(dispute, "neutral", 2024)
    assert jp.islands[0].style == neutral.islands[0].style
    assert jp.lines == neutral.lines


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda r: r[0].update(worldview="kr"), "depictions.csv:row 2: worldview 'kr' is not"),
        (lambda r: r[1].update(valid_from="1945-13-01"), "depictions.csv:row 3: valid_from"),
        (
            lambda r: r[2].update(valid_to="1900-01-01"),
            "depictions.csv:row 4: valid_to (1900-01-01) is not after valid_from",
        ),
        (lambda r: r[2].update(element="line-9999"), "depictions.csv:row 4: element 'line-9999'"),
        (lambda r: r[3].update(drawn_as="territory"), "depictions.csv:row 5: drawn_as 'territory'"),
        (lambda r: r[4].update(parties=""), "depictions.csv:row 6: parties is empty"),
        (
            lambda r: r[4].update(parties="XX"),
            "depictions.csv:row 6: parties has unknown parties: XX",
        ),
        (lambda r: r[3].update(label=""), "depictions.csv:row 5: label is empty"),
        (lambda r: r[0].update(from_precision="decade"), "depictions.csv:row 2: from_precision"),
        (
            lambda r: r[2].update(source_url="mofa.go.jp"),
            "depictions.csv:row 4: source_url must be",
        ),
        (lambda r: r[2].update(source_title=""), "depictions.csv:row 4: source_title is empty"),
        (lambda r: r.append(dict(r[4])), "overlaps row 6 (jp, islands)"),
        (lambda r: r[3].update(label="x" * 600), "depictions.csv:row 5: label is 600 characters"),
    ],
)
def test_bad_rows_are_rejected_with_file_row_and_problem(pack_copy, edit, expected):
    _rewrite(pack_copy, edit)
    with pytest.raises(DisputeDataError, match=expected.replace("(", r"\(").replace(")", r"\)")):
        load_dispute(pack_copy)


def test_a_missing_column_is_named(pack_copy):
    rows = read_rows(pack_copy / DEPICTIONS)
    names = [n for n in rows[0] if n != "drawn_as"]
    write_rows(pack_copy / DEPICTIONS, [{k: r[k] for k in names} for r in rows], names)
    with pytest.raises(DisputeDataError, match=r"depictions\.csv:row 1: missing columns: drawn_as"):
        load_dispute(pack_copy)


def test_too_many_rows_are_refused(pack_copy):
    count = len(read_rows(pack_copy / DEPICTIONS))
    with pytest.raises(DisputeDataError, match=f"depictions.csv:file: has {count} rows; at most 5"):
        validate_pack(read_pack(pack_copy), PackLimits(depictions=5))
