"""Fuzzing the pack loader: random damage to valid files is reported, never a crash.

``geo.pack.load_dispute`` must return a :class:`~geo.model.Dispute` or raise a
:class:`~geo.errors.DisputeDataError` whose every problem names a file of the
pack, a place in it and a message. Each fuzz example copies the shipped pack
into a fresh temporary folder, damages one file (CSV cells, rows, columns and
bytes; JSON values, keys, numbers, rings and bytes) and loads it.

The bugs the fuzzers found (and that were fixed) keep a smallest reproducer
each below (``test_bug_*``), so none can come back.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from geo import paths
from geo.errors import DisputeDataError, Problem
from geo.model import Dispute
from geo.pack import load_dispute

MANIFEST = paths.MANIFEST_FILE
ISLANDS = paths.DEFAULT_ISLANDS_FILE
EVENTS = paths.EVENTS_FILE
SOVEREIGNTY = paths.SOVEREIGNTY_FILE
CONTEXT = paths.CONTEXT_FILE
BOUNDARIES = paths.BOUNDARIES_FILE
OVERVIEW = paths.OVERVIEW_FILE
TOURS = paths.TOURS_FILE
DEPICTIONS = paths.DEPICTIONS_FILE
PACK_FILES = (
    MANIFEST,
    ISLANDS,
    EVENTS,
    SOVEREIGNTY,
    CONTEXT,
    BOUNDARIES,
    OVERVIEW,
    TOURS,
    DEPICTIONS,
)

FUZZ = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# --------------------------------------------------------------------------- harness


@cache
def _original(name: str) -> bytes:
    return (paths.shipped_data_dir() / name).read_bytes()


@contextmanager
def _pack_with(files: dict[str, bytes]) -> Iterator[Path]:
    """A fresh copy of the shipped pack with some files replaced."""
    with tempfile.TemporaryDirectory(prefix="geo-fuzz-") as tmp:
        folder = Path(tmp) / "pack"
        shutil.copytree(paths.shipped_data_dir(), folder)
        for name, data in files.items():
            (folder / name).write_bytes(data)
        yield folder


def _islands_file_names(folder: Path, files: dict[str, bytes]) -> set[str]:
    """How problems may name the islands file when a mutated pack.json renames it."""
    try:
        manifest = json.loads(files[MANIFEST].decode("utf-8").removeprefix("\ufeff"))
    except (KeyError, ValueError, RecursionError):
        return set()
    if not isinstance(manifest, dict) or "islands_file" not in manifest:
        return set()
    name = str(manifest["islands_file"])
    return {name, (folder / name).name}


def _outcome(files: dict[str, bytes]) -> str:
    """Load a pack with ``files`` replaced: 'accepted' or 'rejected' (anything else raises)."""
    with _pack_with(files) as folder:
        try:
            dispute = load_dispute(folder)
        except DisputeDataError as err:
            islands_names = _islands_file_names(folder, files)
            allowed = {*PACK_FILES, folder.name, str(folder), *islands_names}
            assert err.problems, "DisputeDataError without problems"
            assert str(err).strip()
            for problem in err.problems:
                assert isinstance(problem, Problem), problem
                for text in (problem.file, problem.place, problem.message):
                    assert isinstance(text, str), problem
                    assert text.strip(), f"empty field in {problem!r}"
                assert problem.file in allowed, f"{problem!r} names no file of the pack"
            return "rejected"
    assert isinstance(dispute, Dispute)
    assert not dispute.islands.empty
    assert dispute.islands.geometry.is_valid.all()
    return "accepted"


def _fuzz_outcome(files: dict[str, bytes], outcomes: Counter[str]) -> None:
    outcome = _outcome(files)
    outcomes[outcome] += 1
    event(outcome)


def _assert_rejected(files: dict[str, bytes], file: str | None, fragment: str = "") -> None:
    """Loading must raise DisputeDataError naming ``file`` with ``fragment`` in a message."""
    with _pack_with(files) as folder, pytest.raises(DisputeDataError) as caught:
        load_dispute(folder)
    problems = caught.value.problems
    assert problems
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.file.strip() and problem.place.strip() and problem.message.strip(), problem
    if file is not None:
        assert any(p.file == file and fragment in p.message for p in problems), problems


def _assert_accepted(files: dict[str, bytes]) -> Dispute:
    with _pack_with(files) as folder:
        dispute = load_dispute(folder)
    assert isinstance(dispute, Dispute)
    return dispute


# --------------------------------------------------------------------------- serialising


def _csv_rows(name: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(_original(name).decode("utf-8"))))


def _csv_bytes(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _json_tree(name: str) -> Any:
    return json.loads(_original(name).decode("utf-8"))


def _json_bytes(tree: Any) -> bytes:
    return json.dumps(tree, ensure_ascii=False).encode("utf-8")


def _edited_csv(name: str, edit: Callable[[list[list[str]]], None]) -> bytes:
    rows = _csv_rows(name)
    edit(rows)
    return _csv_bytes(rows)


def _column(name: str, column: str) -> int:
    return _csv_rows(name)[0].index(column)


def _set_cell(name: str, row: int, column: str, value: str) -> bytes:
    index = _column(name, column)

    def edit(rows: list[list[str]]) -> None:
        rows[row][index] = value

    return _edited_csv(name, edit)


def _edited_json(name: str, path: tuple[str | int, ...], value: Any = None) -> bytes:
    """The file with the value at ``path`` replaced (or the key deleted if value is ...)."""
    tree = _json_tree(name)
    node = tree
    for key in path[:-1]:
        node = node[key]
    if value is ...:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return _json_bytes(tree)


def _replace_text(name: str, old: str, new: str) -> bytes:
    text = _original(name).decode("utf-8")
    assert old in text
    return text.replace(old, new, 1).encode("utf-8")


# --------------------------------------------------------------------------- strategies

SPECIAL_CELLS = (
    "",
    " ",
    "1945-02-30",
    "0000-01-01",
    "9999-12-31",
    "0001-01-01",
    "1945-8-9",
    "1945/08/09",
    "-1",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "Infinity",
    "1e999",
    "9" * 400,
    "-" + "9" * 400,
    "all",
    "all;all",
    ";",
    "JP;;RU",
    "XX",
    "etorofu;",
    "day",
    "https://",
    "https://example.com/ x",
    "\ufeff",
    "\x00",
    '"',
    ",",
    "\n",
    "\r\n",
)
CELL_VALUES = st.one_of(
    st.text(),
    st.text(alphabet=st.sampled_from("\",\n\r;\x00 \t\\-'")),
    st.sampled_from(SPECIAL_CELLS),
    st.integers().map(str),
    st.floats().map(repr),
    st.dates().map(lambda d: d.isoformat()),
)
BAD_BYTES = st.one_of(
    st.binary(min_size=1, max_size=8),
    st.sampled_from(
        [b"\xff", b"\xfe\xff", b"\xc3", b"\xed\xa0\x80", b"\x00", b'"', b"\r", b",", b"[" * 3000]
    ),
)
SCHEMA_KEYS = (
    "type",
    "features",
    "properties",
    "geometry",
    "coordinates",
    "crs",
    "id",
    "name",
    "group",
    "name_en",
    "area_km2",
    "valid_from",
    "valid_to",
    "event_id",
    "method",
    "title",
    "parties",
    "groups",
    "worldviews",
    "extent",
    "default_view",
    "sources",
    "islands_file",
    "color",
    "label",
    "name_field",
    "latin_field",
)
SPECIAL_STRINGS = (
    "",
    " ",
    "Polygon",
    "MultiPolygon",
    "LineString",
    "MultiLineString",
    "Point",
    "Feature",
    "FeatureCollection",
    "1945-02-30",
    "0000-01-01",
    "9999-12-31",
    "1855-02-07",
    "etorofu",
    "all",
    "JP",
    "#E69F00",
    "#GGGGGG",
    "EPSG:3857",
    "EPSG:4326",
    "name_en",
    "events.csv",
    "kuril_islands.geojson",
    "no-such-file.geojson",
)
JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.sampled_from([1e308, -1e308, 10**400, -(10**400), 0, -1, 1e-320]),
    st.text(),
    st.sampled_from(SPECIAL_STRINGS),
)
JSON_VALUES = st.one_of(
    # copied: a value put into the tree may be changed by a later operation
    st.sampled_from([[], {}, [[]], [[[]]], [[[0, 0]]], [[[146.0, 44.0]] * 3]]).map(copy.deepcopy),
    st.recursive(
        JSON_SCALARS,
        lambda children: st.one_of(
            st.lists(children, max_size=4),
            st.dictionaries(
                st.sampled_from(SCHEMA_KEYS) | st.text(max_size=8), children, max_size=4
            ),
        ),
        max_leaves=8,
    ),
)
NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")
NUMBER_TOKENS = (
    "NaN",
    "Infinity",
    "-Infinity",
    "1e400",
    "-1e400",
    "1e308",
    "-1e308",
    "1" + "0" * 400,
    "9" * 5000,
    "-0",
    "1e-400",
)


def _draw_index(data: st.DataObject, items: list[Any] | bytes | str, label: str) -> int:
    return data.draw(st.integers(0, len(items) - 1), label=label)


def _mutate_bytes(data: st.DataObject, raw: bytes, operations: list[str]) -> bytes:
    for operation in operations:
        if operation == "truncate":
            raw = raw[: data.draw(st.integers(0, max(len(raw) - 1, 0)), label="truncate at")]
        else:  # insert bytes, often not UTF-8
            at = data.draw(st.integers(0, len(raw)), label="insert at")
            raw = raw[:at] + data.draw(BAD_BYTES, label="bytes") + raw[at:]
    return raw


def _mutate_csv(data: st.DataObject, name: str) -> bytes:
    rows = _csv_rows(name)
    row_ops = ("set_cell", "delete_column", "duplicate_row", "delete_row", "swap_rows")
    operations = data.draw(st.lists(st.sampled_from(row_ops), max_size=3), label="row ops")
    byte_ops = data.draw(
        st.lists(
            st.sampled_from(["truncate", "insert_bytes"]),
            min_size=0 if operations else 1,
            max_size=2,
        ),
        label="byte ops",
    )
    for operation in operations:
        if not rows:
            break
        row = _draw_index(data, rows, "row")
        if operation == "set_cell" and rows[row]:
            column = _draw_index(data, rows[row], "column")
            others = [r[column] for r in rows[1:] if len(r) > column]
            values = st.one_of(CELL_VALUES, st.sampled_from(others)) if others else CELL_VALUES
            rows[row][column] = data.draw(values, label="cell")
        elif operation == "delete_column" and rows[0]:
            column = _draw_index(data, rows[0], "column")
            for cells in rows:
                del cells[column : column + 1]
        elif operation == "duplicate_row":
            rows.insert(row + 1, list(rows[row]))
        elif operation == "delete_row":
            del rows[row]
        elif operation == "swap_rows":
            other = _draw_index(data, rows, "other row")
            rows[row], rows[other] = rows[other], rows[row]
    return _mutate_bytes(data, _csv_bytes(rows), byte_ops)


def _walk(data: st.DataObject, tree: Any) -> list[tuple[Any, Any]]:
    """A random path from the root: (container, key) pairs, one per level."""
    depth = data.draw(st.integers(1, 8), label="depth")
    steps: list[tuple[Any, Any]] = []
    node = tree
    for _ in range(depth):
        if isinstance(node, dict) and node:
            key: Any = data.draw(st.sampled_from(list(node)), label="key")
        elif isinstance(node, list) and node:
            key = _draw_index(data, node, "index")
        else:
            break
        steps.append((node, key))
        node = node[key]
    return steps


def _parts(tree: Any, kinds: tuple[str, ...], multi: str) -> list[tuple[Any, Any]]:
    """(container, index) of every ring (polygons) or line (lines) in the features."""
    found = []
    features = tree.get("features") if isinstance(tree, dict) else None
    for feature in features if isinstance(features, list) else []:
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        if not isinstance(geometry, dict) or geometry.get("type") not in kinds:
            continue
        coordinates = geometry.get("coordinates")
        if kinds[0] == "Polygon":
            polygons = coordinates if geometry["type"] == multi else [coordinates]
            found += [(polygon, i) for polygon in polygons for i in range(len(polygon))]
        elif geometry["type"] == multi:
            found += [(coordinates, i) for i in range(len(coordinates))]
        else:
            found.append((geometry, "coordinates"))
    return found


def _mutate_geometry(data: st.DataObject, tree: Any) -> None:
    rings = _parts(tree, ("Polygon", "MultiPolygon"), "MultiPolygon")
    lines = _parts(tree, ("LineString", "MultiLineString"), "MultiLineString")
    choices: list[str | None] = [None]
    if rings:
        choices += ["bow_tie", "short_ring"]
    if lines:
        choices.append("short_line")
    operation = data.draw(st.sampled_from(choices), label="geometry op")
    if operation is None:
        return
    if operation == "short_line":
        container, key = lines[_draw_index(data, lines, "line")]
        container[key] = container[key][: data.draw(st.integers(0, 1), label="points")]
        return
    container, key = rings[_draw_index(data, rings, "ring")]
    ring = container[key]
    if operation == "bow_tie":
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        container[key] = [[x0, y0], [x1, y1], [x1, y0], [x0, y1], [x0, y0]]
    else:
        points = data.draw(st.integers(0, 3), label="points")
        closed = points > 1 and data.draw(st.booleans(), label="closed")
        container[key] = [*ring[: points - 1], ring[0]] if closed else ring[:points]


def _mutate_json(data: st.DataObject, name: str, geometry: bool) -> bytes:
    tree = _json_tree(name)
    if geometry:
        _mutate_geometry(data, tree)
    tree_ops = ("replace", "replace", "delete_key", "set_key")
    operations = data.draw(st.lists(st.sampled_from(tree_ops), max_size=3), label="tree ops")
    text_ops = data.draw(
        st.lists(
            st.sampled_from(["number", "truncate", "insert_bytes"]),
            min_size=0 if operations else 1,
            max_size=2,
        ),
        label="text ops",
    )
    for operation in operations:
        steps = _walk(data, tree)
        if not steps:  # every key of the root was deleted
            break
        if operation == "replace":
            container, key = steps[-1]
            container[key] = data.draw(JSON_VALUES, label="value")
        elif operation == "delete_key":
            dicts = [(c, k) for c, k in steps if isinstance(c, dict)]
            container, key = dicts[-1]
            del container[key]
        else:
            reached = steps[-1][0][steps[-1][1]]
            dicts = [c for c, _ in steps if isinstance(c, dict)]
            target = reached if isinstance(reached, dict) else dicts[-1]
            key = data.draw(st.sampled_from(SCHEMA_KEYS) | st.text(max_size=8), label="new key")
            target[key] = data.draw(JSON_VALUES, label="value")
    text = json.dumps(tree, ensure_ascii=False)
    if "number" in text_ops:
        spans = [m.span() for m in NUMBER.finditer(text)]
        if spans:
            start, end = spans[_draw_index(data, spans, "number")]
            token = data.draw(st.sampled_from(NUMBER_TOKENS), label="token")
            text = text[:start] + token + text[end:]
    return _mutate_bytes(data, text.encode("utf-8"), [op for op in text_ops if op != "number"])


# --------------------------------------------------------------------------- fuzz tests


@pytest.mark.slow
def test_fuzzed_csv_tables_load_or_name_their_problems():
    """events.csv / sovereignty.csv: cells, columns, rows and bytes damaged at random."""
    outcomes: Counter[str] = Counter()

    @settings(FUZZ, max_examples=60)
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        name = data.draw(st.sampled_from([EVENTS, SOVEREIGNTY]), label="file")
        _fuzz_outcome({name: _mutate_csv(data, name)}, outcomes)

    run()
    print(f"outcomes: {dict(outcomes)}")
    assert outcomes["rejected"] > 0, outcomes


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")
def test_fuzzed_geojson_loads_or_names_its_problems():
    """The GeoJSON files (islands and boundaries most often): values, keys, rings, bytes."""
    outcomes: Counter[str] = Counter()
    files = [ISLANDS, ISLANDS, ISLANDS, BOUNDARIES, BOUNDARIES, CONTEXT, OVERVIEW]

    @settings(FUZZ, max_examples=70)
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        name = data.draw(st.sampled_from(files), label="file")
        _fuzz_outcome({name: _mutate_json(data, name, geometry=True)}, outcomes)

    run()
    print(f"outcomes: {dict(outcomes)}")
    assert outcomes["rejected"] > 0, outcomes


@pytest.mark.slow
def test_fuzzed_manifest_loads_or_names_its_problems():
    """pack.json: values replaced, keys deleted or added, numbers and bytes damaged."""
    outcomes: Counter[str] = Counter()

    @settings(FUZZ, max_examples=50)
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        _fuzz_outcome({MANIFEST: _mutate_json(data, MANIFEST, geometry=False)}, outcomes)

    run()
    print(f"outcomes: {dict(outcomes)}")
    assert outcomes["rejected"] > 0, outcomes


# --------------------------------------------------------------------------- fixed examples


def test_reserialised_pack_is_accepted():
    """The fuzzers' CSV and JSON writers alone change nothing the loader cares about."""
    files = {name: _json_bytes(_json_tree(name)) for name in PACK_FILES if name.endswith("json")}
    files |= {name: _csv_bytes(_csv_rows(name)) for name in (EVENTS, SOVEREIGNTY)}
    dispute = _assert_accepted(files)
    assert not dispute.warnings


def _swap_first_rows(rows: list[list[str]]) -> None:
    rows[1], rows[2] = rows[2], rows[1]


@pytest.mark.parametrize(
    "files",
    [
        pytest.param(
            lambda: {SOVEREIGNTY: _edited_csv(SOVEREIGNTY, _swap_first_rows)}, id="rows-swapped"
        ),
        pytest.param(
            lambda: {EVENTS: _set_cell(EVENTS, 3, "summary", 'He said "no", then\nleft ☃')},
            id="summary-with-quotes-commas-newlines",
        ),
        pytest.param(
            lambda: {ISLANDS: _edited_json(ISLANDS, ("metadata",), ...)}, id="metadata-deleted"
        ),
        pytest.param(
            lambda: {ISLANDS: _replace_text(ISLANDS, '"coordinate_decimals": 5', '"x": NaN')},
            id="nan-outside-geometry",
        ),
    ],
)
def test_harmless_mutations_are_accepted(files):
    _assert_accepted(files())


def _truncate(name: str, fraction: float) -> bytes:
    raw = _original(name)
    return raw[: int(len(raw) * fraction)]


def _insert(name: str, at: int, data: bytes) -> bytes:
    raw = _original(name)
    return raw[:at] + data + raw[at:]


def _delete_column(column: str) -> Callable[[list[list[str]]], None]:
    def edit(rows: list[list[str]]) -> None:
        index = rows[0].index(column)
        for row in rows:
            del row[index]

    return edit


def _first_coordinate_to(token: str) -> bytes:
    text = _original(ISLANDS).decode("utf-8")
    match = NUMBER.search(text, text.index('"coordinates"'))
    assert match
    return (text[: match.start()] + token + text[match.end() :]).encode("utf-8")


def _island_ring(edit: Callable[[list[list[float]]], list[list[float]]]) -> bytes:
    """The islands file with the outer ring of the first feature's main polygon edited."""
    tree = _json_tree(ISLANDS)
    geometry = tree["features"][0]["geometry"]
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    largest = max(polygons, key=lambda polygon: len(polygon[0]))  # a small islet may be
    largest[0] = edit(largest[0])  # dropped as a safe repair, the main island may not
    return _json_bytes(tree)


def _bow_tie(ring: list[list[float]]) -> list[list[float]]:
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    return [[x0, y0], [x1, y1], [x1, y0], [x0, y1], [x0, y0]]


REJECTIONS = [
    ("event-date-feb-30", lambda: _set_cell(EVENTS, 3, "date", "1945-02-30"), EVENTS, "real date"),
    ("event-date-year-0", lambda: _set_cell(EVENTS, 3, "date", "0000-01-01"), EVENTS, "real date"),
    ("event-lat-nan", lambda: _set_cell(EVENTS, 1, "lat", "NaN"), EVENTS, "lat 'NaN'"),
    ("event-lon-inf", lambda: _set_cell(EVENTS, 1, "lon", "inf"), EVENTS, "lon 'inf'"),
    ("event-lat-huge", lambda: _set_cell(EVENTS, 1, "lat", "9" * 400), EVENTS, "is not in"),
    (
        "event-column-deleted",
        lambda: _edited_csv(EVENTS, _delete_column("source_url")),
        EVENTS,
        "missing columns: source_url",
    ),
    (
        "event-row-duplicated",
        lambda: _edited_csv(EVENTS, lambda rows: rows.insert(2, list(rows[1]))),
        EVENTS,
        "duplicate id",
    ),
    (
        "event-truncated-in-quotes",
        lambda: _original(EVENTS)[: _original(EVENTS).index(b',"') + 5],
        EVENTS,
        "malformed CSV",
    ),
    ("event-invalid-utf8", lambda: _insert(EVENTS, 100, b"\xff"), EVENTS, "not valid UTF-8"),
    (
        "sovereignty-start-feb-30",
        lambda: _set_cell(SOVEREIGNTY, 2, "start", "1945-02-30"),
        SOVEREIGNTY,
        "real date",
    ),
    (
        "sovereignty-end-9999",
        lambda: _set_cell(SOVEREIGNTY, 1, "end", "9999-12-31"),
        SOVEREIGNTY,
        "outside the supported years",
    ),
    (
        "sovereignty-row-deleted",
        lambda: _edited_csv(SOVEREIGNTY, lambda rows: rows.pop(2)),
        SOVEREIGNTY,
        "has a gap",
    ),
    (
        "sovereignty-column-deleted",
        lambda: _edited_csv(SOVEREIGNTY, _delete_column("claimed_by")),
        SOVEREIGNTY,
        "missing columns: claimed_by",
    ),
    (
        "sovereignty-truncated-mid-row",
        lambda: _original(SOVEREIGNTY)[: _original(SOVEREIGNTY).index(b"\nshikotan,") + 15],
        SOVEREIGNTY,
        "has 2 fields",
    ),
    ("islands-truncated", lambda: _truncate(ISLANDS, 0.5), ISLANDS, "malformed JSON"),
    ("islands-invalid-utf8", lambda: _insert(ISLANDS, 10, b"\xc3"), ISLANDS, "not valid UTF-8"),
    ("islands-coordinate-nan", lambda: _first_coordinate_to("NaN"), ISLANDS, "geometry"),
    ("islands-coordinate-1e308", lambda: _first_coordinate_to("1e308"), ISLANDS, "not degrees"),
    ("islands-bow-tie", lambda: _island_ring(_bow_tie), ISLANDS, "invalid polygon"),
    (
        "islands-ring-of-two-points",
        lambda: _island_ring(lambda ring: ring[:2]),
        ISLANDS,
        "cannot be read",
    ),
    (
        "islands-features-deleted",
        lambda: _edited_json(ISLANDS, ("features",), ...),
        ISLANDS,
        "FeatureCollection",
    ),
    (
        "islands-area-negative",
        lambda: _edited_json(ISLANDS, ("features", 0, "properties", "area_km2"), -1),
        ISLANDS,
        "area_km2",
    ),
    (
        "boundary-one-point",
        lambda: _edited_json(BOUNDARIES, ("features", 0, "geometry", "coordinates"), [[149, 46]]),
        BOUNDARIES,
        "cannot be read",
    ),
    (
        "boundary-valid-from-feb-30",
        lambda: _edited_json(BOUNDARIES, ("features", 0, "properties", "valid_from"), "1945-02-30"),
        BOUNDARIES,
        "real date",
    ),
    ("boundary-truncated", lambda: _truncate(BOUNDARIES, 0.7), BOUNDARIES, "malformed JSON"),
    (
        "context-geometry-null",
        lambda: _edited_json(CONTEXT, ("features", 0, "geometry"), None),
        CONTEXT,
        "geometry must be",
    ),
    ("manifest-truncated", lambda: _truncate(MANIFEST, 0.3), MANIFEST, "malformed JSON"),
    (
        "manifest-groups-deleted",
        lambda: _edited_json(MANIFEST, ("groups",), ...),
        MANIFEST,
        "required key",
    ),
    (
        "manifest-extent-text",
        lambda: _edited_json(MANIFEST, ("extent",), "x"),
        MANIFEST,
        "west, south",
    ),
    (
        "manifest-extent-nan",
        lambda: _replace_text(MANIFEST, "[139.0,", "[NaN,"),
        MANIFEST,
        "west, south",
    ),
    (
        "manifest-parties-list",
        lambda: _edited_json(MANIFEST, ("parties",), []),
        MANIFEST,
        "party codes",
    ),
]


@pytest.mark.parametrize(
    ("make", "file", "fragment"),
    [pytest.param(make, file, fragment, id=case) for case, make, file, fragment in REJECTIONS],
)
def test_specific_mutations_are_rejected(make, file, fragment):
    """The fuzzers' kinds of damage, one fixed example each, are reported as problems."""
    _assert_rejected({file: make()}, file, fragment)


# --------------------------------------------------------------------------- bugs found
# Each reproducer states what load_dispute must do (reject with a named problem);
# before the fix it raised another exception or accepted broken data.


def test_bug_json_number_with_too_many_digits():
    files = {MANIFEST: _replace_text(MANIFEST, '"zoom": 7', '"zoom": ' + "9" * 5000)}
    _assert_rejected(files, MANIFEST)


def test_bug_json_nested_too_deeply():
    files = {MANIFEST: _replace_text(MANIFEST, '"zoom": 7', '"zoom": ' + "[" * 3000)}
    _assert_rejected(files, MANIFEST)


def test_bug_manifest_group_names_not_an_object():
    _assert_rejected({MANIFEST: _edited_json(MANIFEST, ("groups", "etorofu"), 1)}, MANIFEST)


def test_bug_manifest_extent_huge_integer():
    _assert_rejected({MANIFEST: _edited_json(MANIFEST, ("extent", 0), 10**400)}, MANIFEST)


def test_bug_manifest_sources_not_a_list():
    _assert_rejected({MANIFEST: _edited_json(MANIFEST, ("sources",), 1)}, MANIFEST)


def test_bug_crs_properties_not_an_object():
    files = {ISLANDS: _edited_json(ISLANDS, ("crs",), {"properties": 1})}
    _assert_rejected(files, ISLANDS)


def test_bug_geometry_coordinate_huge_integer():
    geometry = {"type": "Polygon", "coordinates": [[[10**400, 44.0]] * 4]}
    files = {ISLANDS: _edited_json(ISLANDS, ("features", 0, "geometry"), geometry)}
    _assert_rejected(files, ISLANDS)


def test_bug_island_properties_not_an_object():
    files = {ISLANDS: _edited_json(ISLANDS, ("features", 0, "properties"), 1)}
    _assert_rejected(files, ISLANDS)


def test_bug_island_group_not_hashable():
    files = {ISLANDS: _edited_json(ISLANDS, ("features", 0, "properties", "group"), [])}
    _assert_rejected(files, ISLANDS)


def test_bug_island_area_huge_integer():
    files = {ISLANDS: _edited_json(ISLANDS, ("features", 0, "properties", "area_km2"), 10**400)}
    _assert_rejected(files, ISLANDS)


def test_bug_boundary_properties_not_an_object():
    files = {BOUNDARIES: _edited_json(BOUNDARIES, ("features", 0, "properties"), 1)}
    _assert_rejected(files, BOUNDARIES)


def test_bug_boundary_event_id_not_hashable():
    files = {BOUNDARIES: _edited_json(BOUNDARIES, ("features", 0, "properties", "event_id"), [1])}
    _assert_rejected(files, BOUNDARIES)


def test_bug_context_properties_not_an_object():
    files = {CONTEXT: _edited_json(CONTEXT, ("features", 0, "properties"), 1)}
    _assert_rejected(files, CONTEXT)


def test_bug_islands_file_naming_the_root_gives_a_nameless_problem():
    files = {MANIFEST: _edited_json(MANIFEST, ("islands_file",), "/")}
    _assert_rejected(files, None)  # fails today: a problem has an empty file name


def test_bug_degenerate_ring_drops_an_island_as_a_safe_repair():
    files = {ISLANDS: _island_ring(lambda ring: [ring[0], ring[1], ring[0]])}
    _assert_rejected(files, ISLANDS)
