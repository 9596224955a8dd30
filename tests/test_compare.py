"""Comparing two dates: the change list follows the join, the link round-trips, the image
has two legends and what changed, and every export carries the text twin."""

from __future__ import annotations

import datetime as dt
import io
import re
import xml.etree.ElementTree as ET

import pytest
from pypdf import PdfReader

from geo.cli import main
from geo.compare import compare, island_change_lines
from geo.compareview import CompareView, default_compare, from_query_params, side_view
from geo.compareview import to_query_params as link_of
from geo.depiction import drawn_lines, island_rule
from geo.export import export
from geo.names import group_name
from geo.parties import party_name
from geo.presentation import legend_entries
from geo.timeline import boundaries_valid_at, status_rows
from geo.twin import describe
from geo.view import default_view
from tests.test_staticmap import _check_layout

SVG = "{http://www.w3.org/2000/svg}"


def _pair(dispute, a, b, wa="jp", wb="ru"):
    base = default_view(dispute)
    return CompareView(side_view(base, a, wa), side_view(base, b, wb))


# --- The change list is the temporal join's answer ---------------------------------------


def test_change_list_1944_to_1947_equals_the_join(dispute):
    first, second = dt.date(1944, 12, 31), dt.date(1947, 12, 31)
    # expected, straight from the join and the tables, without compare()
    before = {r["id"]: r for r in status_rows(dispute, first)}
    after = {r["id"]: r for r in status_rows(dispute, second)}
    expected = {
        island: (
            before[island]["administered_by"],
            after[island]["administered_by"],
            tuple(before[island]["claimed_by"]),
            tuple(after[island]["claimed_by"]),
        )
        for island in before
        if (before[island]["administered_by"], tuple(before[island]["claimed_by"]))
        != (after[island]["administered_by"], tuple(after[island]["claimed_by"]))
    }
    valid_first = set(boundaries_valid_at(dispute, first))
    valid_second = set(boundaries_valid_at(dispute, second))
    names = dict(zip(dispute.boundaries["id"], dispute.boundaries["name"], strict=True))
    events = dispute.events
    between = events[(events["date"] > first) & (events["date"] <= second)]

    changes = compare(dispute, first, second, "neutral")
    assert {
        c.island_id: (
            c.administered_before,
            c.administered_after,
            c.claimed_before,
            c.claimed_after,
        )
        for c in changes.islands
    } == expected
    assert len(expected) == len(dispute.islands)  # every island went from Japan to the USSR
    assert sorted(changes.lines_appeared) == sorted(names[i] for i in valid_second - valid_first)
    assert sorted(changes.lines_gone) == sorted(names[i] for i in valid_first - valid_second)
    assert list(changes.events["id"]) == list(between["id"])

    # the words name every group and both administrators
    lines = island_change_lines(dispute, changes, "neutral")
    text = " ".join(lines)
    for group in dispute.group_ids:
        assert group_name(dispute.manifest, group, "neutral") in text
    parties = dispute.manifest.parties
    assert parties["JP"].prose in text and parties["SU"].prose in text


def test_change_lines_tell_a_new_administrator_from_a_new_claim(dispute):
    # 1-5 September 1945: the Habomai changed hands, the others only gained a Soviet claim
    first, second = dt.date(1945, 9, 1), dt.date(1945, 9, 5)
    before = {r["id"]: r for r in status_rows(dispute, first)}
    after = {r["id"]: r for r in status_rows(dispute, second)}
    lines = island_change_lines(dispute, compare(dispute, first, second, "neutral"), "neutral")
    soviet = dispute.manifest.parties["SU"].prose
    for group in dispute.group_ids:
        island = dispute.islands.loc[dispute.islands["group"] == group, "id"].iloc[0]
        name = group_name(dispute.manifest, group, "neutral")
        line = next(line for line in lines if name in line.split(":")[0])
        if before[island]["administered_by"] == after[island]["administered_by"]:
            assert f"administered by {soviet} throughout" in line, line
        else:
            assert f"then {soviet}" in line.split(";")[0], line


# --- The link ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "wa", "wb"),
    [
        (1944, 1947, "jp", "ru"),
        (dt.date(1945, 9, 1), 2026, "neutral", "jp"),
        (1855, dt.date(1875, 5, 7), "ru", "ru"),
    ],
)
def test_the_link_reproduces_the_comparison(dispute, a, b, wa, wb):
    base = default_view(dispute).replace(categories=("treaty",))
    pair = CompareView(side_view(base, a, wa), side_view(base, b, wb))
    params = link_of(pair)
    assert set(params) == {"a", "b", "wa", "wb"}
    again, notices = from_query_params(params, dispute, base)
    assert notices == []
    assert again == pair
    assert again.left.categories == ("treaty",)  # the shared filters stay


def test_the_link_of_1944_and_1947(dispute):
    pair, notices = from_query_params(
        {"a": "1944", "b": "1947", "wa": "jp", "wb": "ru"}, dispute, default_view(dispute)
    )
    assert notices == []
    assert (pair.left.date, pair.right.date) == (dt.date(1944, 12, 31), dt.date(1947, 12, 31))
    assert (pair.left.worldview, pair.right.worldview) == ("jp", "ru")


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"a": "19x4"}, "a='19x4'"),
        ({"b": "1947-02-30"}, "b='1947-02-30'"),
        ({"a": "1200"}, "a='1200'"),
        ({"wa": "fr"}, "wa='fr'"),
        ({"wb": ""}, "wb=''"),
    ],
)
def test_a_bad_link_says_which_parameter_and_falls_back(dispute, params, named):
    base = default_view(dispute)
    pair, notices = from_query_params(params, dispute, base)
    assert len(notices) == 1 and named in notices[0], notices
    assert re.search(r"expected a year|not one of", notices[0])
    default = default_compare(dispute, base)
    key = next(iter(params))
    side = default.left if key in ("a", "wa") else default.right
    chosen = pair.left if key in ("a", "wa") else pair.right
    assert (chosen.date, chosen.worldview) == (side.date, side.worldview)


def test_the_default_compares_the_map_with_before_its_last_change(dispute):
    pair = default_compare(dispute, default_view(dispute).replace(year=1950))
    assert (pair.left.year, pair.right.year) == (1944, 1950)
    assert status_rows(dispute, pair.left.date) != status_rows(dispute, pair.right.date)


# --- The comparison image ----------------------------------------------------------------


def _legend_labels(figure, left):
    """Legend texts of one panel (the left or right half of the figure)."""
    middle = figure.bbox.width / 2
    renderer = figure.canvas.get_renderer()
    return [
        t.get_text().replace("\n", " ")
        for t in figure.texts
        if (t.get_gid() or "").startswith("legend-text-")
        and (t.get_window_extent(renderer).x0 < middle) == left
    ]


@pytest.mark.parametrize("dpi", [72, 120, 300])
def test_the_image_has_both_legends_and_nothing_clipped_or_overlapping(dispute, dpi):
    from geo.comparemap import render_comparison
    from geo.sheet import export_style

    pair = _pair(dispute, 1944, 1947)
    with export_style(dpi):
        figure, _ = render_comparison(dispute, pair, dpi)
        figure.canvas.draw()
        headings = [t for t in figure.texts if t.get_gid() == "legend"]
        assert len(headings) == 2
        for side, left in ((pair.left, True), (pair.right, False)):
            statuses = status_rows(dispute, side.date)
            rule = island_rule(dispute, side.worldview, side.date)
            drawings = drawn_lines(dispute, side.worldview, side.date)
            expected = [
                e.label for e in legend_entries(dispute, statuses, side, (), rule, drawings)
            ]
            assert _legend_labels(figure, left) == expected
        titles = sorted(t.get_text() for t in figure.texts if "panel-title" in (t.get_gid() or ""))
        assert titles == ["End of 1944 · Japanese names", "End of 1947 · Russian names"]
        _check_layout(figure, dpi)


def test_the_image_sums_up_what_changed_in_the_footer(dispute):
    from geo.comparemap import render_comparison
    from geo.sheet import export_style

    pair = _pair(dispute, 1944, 1947)
    with export_style(72):
        figure, comparison = render_comparison(dispute, pair, 72)
    summary = next(t for t in figure.texts if t.get_gid() == "changes").get_text()
    flat = summary.replace("\n", " ")
    for line in comparison.lines_appeared + comparison.lines_gone:
        assert line in flat
    assert f"{len(comparison.events)} events recorded between the two dates" in flat
    assert party_name(dispute.manifest.parties, "SU") in flat or "Soviet Union" in flat


@pytest.mark.slow
def test_svg_and_pdf_of_the_comparison_carry_both_maps_in_words(dispute):
    pair = _pair(dispute, 1944, 1947)
    svg = export(dispute, pair, "svg", 72)
    root = ET.fromstring(svg)
    # text is drawn as outlines, each under a comment that holds its words
    drawn = re.findall(r"<!-- (.*?) -->", svg.decode("utf-8"))
    assert drawn.count("Legend") == 2
    first = describe(dispute, pair.left.date, "jp").sentence
    second = describe(dispute, pair.right.date, "ru").sentence
    names = {
        worldview: ", ".join(group_name(dispute.manifest, g, worldview) for g in dispute.group_ids)
        for worldview in ("jp", "ru")
    }
    assert root.find(f"{SVG}desc").text == (
        f"First map: {first} Second map: {second} First map: Names on the map: {names['jp']}."
        f" Second map: Names on the map: {names['ru']}."
    )
    info = PdfReader(io.BytesIO(export(dispute, pair, "pdf", 72))).metadata
    assert first in info.subject and second in info.subject
    assert "compared" in info.title


# --- The text twin in the single map's exports -------------------------------------------


@pytest.mark.slow
def test_svg_of_a_map_has_title_and_desc_equal_to_the_twin(dispute):
    view = default_view(dispute).replace(year=1950, worldview="ru")
    root = ET.fromstring(export(dispute, view, "svg", 72))
    children = list(root)
    assert children[0].tag == f"{SVG}title" and children[1].tag == f"{SVG}desc"
    names = ", ".join(group_name(dispute.manifest, g, "ru") for g in dispute.group_ids)
    assert children[1].text == (
        f"{describe(dispute, dt.date(1950, 12, 31), 'ru').sentence} Names on the map: {names}."
    )
    assert "Итуруп" in names  # the names the outlines draw, searchable
    assert children[0].text.endswith("situation at the end of 1950")
    assert root.get("role") == "img"


@pytest.mark.slow
def test_pdf_of_a_map_carries_the_twin_in_its_information(dispute):
    view = default_view(dispute).replace(day="1945-09-01", year=1945, worldview="jp")
    info = PdfReader(io.BytesIO(export(dispute, view, "pdf", 72))).metadata
    sentence = describe(dispute, dt.date(1945, 9, 1), "jp", end_of_year=False).sentence
    assert info.subject.startswith(sentence)


def test_html_map_is_labelled_with_the_twin(dispute):
    view = default_view(dispute).replace(year=1950)
    page = export(dispute, view, "html").decode("utf-8")
    sentence = describe(dispute, dt.date(1950, 12, 31), "neutral").sentence
    import html
    import json

    shown = re.search(r'<p class="kuril-twin" id="kuril-twin"[^>]*>As exported: ([^<]*)</p>', page)
    assert shown is not None and html.unescape(shown.group(1)) == sentence
    # the map's region is labelled with it (set on the map element as the page opens)
    label = re.search(r"map\.setAttribute\('aria-label', (\"[^\n]*\")\);", page)
    assert label is not None and json.loads(label.group(1)) == sentence
    assert "map.setAttribute('role', 'region')" in page
    assert f"As exported: {html.escape(sentence)}</p>" in page


# --- The command line --------------------------------------------------------------------


@pytest.mark.slow
def test_cli_compare_writes_the_image(dispute, tmp_path, capsys):
    out = tmp_path / "pair.svg"
    flags = ["--worldview", "jp", "--worldview", "ru", "--format", "svg", "--dpi", "72"]
    status = main(["compare", "--from", "1944", "--to", "1947", *flags, "--out", str(out)])
    assert status == 0
    assert capsys.readouterr().out.strip() == str(out)
    assert out.read_bytes() == export(dispute, _pair(dispute, 1944, 1947), "svg", 72)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "19x4", "--to", "1947"], "--from '19x4': expected a year"),
        (["--from", "1944", "--to", "1947", "--worldview", "fr"], "--worldview 'fr'"),
        (["--from", "1944", "--to", "1947", "--dpi", "20"], "dpi 20 is outside"),
    ],
)
def test_cli_compare_rejects_bad_flags_in_one_line(args, message, tmp_path, capsys):
    status = main(["compare", *args, "--out", str(tmp_path / "x.png")])
    assert status == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "x.png").exists()


@pytest.mark.slow
def test_the_worker_makes_the_same_comparison_image(dispute):
    from geo.worker import export_in_worker

    pair = _pair(dispute, 1944, 1947)
    assert export_in_worker(dispute, pair, "png", 72) == export(dispute, pair, "png", 72)
