"""Translation sheets: a pack's texts out to a translator, and the translations back in.

``export`` writes one CSV sheet per language with a row per text to translate
(``key``, ``field``, ``text``); a translator fills a ``text_<lang>`` column.
``import`` writes a filled sheet's translations into the pack's tables, as the
optional columns the pack format names (``title_ja``, ``summary_ru``,
``note_ja``…); it also reads events sheets of the form ``id, title_<lang>,
summary_<lang>``. Texts in JSON files (pack.json, tours.json, boundaries.geojson)
get theirs beside them (``licence_ja``, ``caption_ru``, a line's ``name_ja``…)::

    uv run python scripts/translation_sheets.py export data ja sheet-ja.csv
    uv run python scripts/translation_sheets.py import data ja sheet-ja.csv [more.csv…]

The tables are rewritten whole, their other columns unchanged; the JSON files keep
their layout.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from geo import paths  # noqa: E402
from geo.i18n import TRANSLATED  # noqa: E402

# table -> how its rows are named in a sheet, and the texts that are translated
TABLES = {
    paths.EVENTS_FILE: ("id", ("title", "summary")),
    paths.SOVEREIGNTY_FILE: ("row", ("note",)),
    paths.DEPICTIONS_FILE: ("row", ("label", "note")),
}


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """A CSV table's header and rows."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    """A CSV table, as the pack's tables are written (minimal quoting, ``\\n`` lines)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _key(table: str, naming: str, number: int, row: dict[str, str]) -> str:
    """A row's key in a sheet: ``events.csv:<id>`` or ``sovereignty.csv:row <n>``."""
    return f"{table}:{row['id']}" if naming == "id" else f"{table}:row {number}"


MANIFEST_TEXTS = ("title", "subtitle", "description", "coverage_note", "licence", "how_to_cite")
LINE_TEXTS = ("name", "method")  # of each boundary line (boundaries.geojson)
INLINE_MEMBERS = ("groups", "parties", "worldviews")  # one line per entry in pack.json


def _json_places(pack: Path) -> Iterator[tuple[str, str, dict]]:
    """(key, field, the object holding it) of every JSON text that takes a translation."""
    manifest = json.loads((pack / paths.MANIFEST_FILE).read_text(encoding="utf-8"))
    tours_path = pack / paths.TOURS_FILE
    tours = json.loads(tours_path.read_text(encoding="utf-8")) if tours_path.is_file() else None
    yield from _places_in(manifest, tours, _read_lines(pack))


def _read_lines(pack: Path) -> dict | None:
    """The pack's boundary lines (GeoJSON), if it has any."""
    path = pack / paths.BOUNDARIES_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def dump_lines(lines: dict) -> str:
    """boundaries.geojson in its own layout: its members, then one feature per line."""
    head = {key: value for key, value in lines.items() if key != "features"}
    parts = [
        f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}" for key, value in head.items()
    ]
    features = ",\n".join(
        json.dumps(feature, ensure_ascii=False, separators=(",", ":"))
        for feature in lines["features"]
    )
    return "{" + ",\n".join(parts) + ',\n"features": [\n' + features + "\n]}\n"


def _inline(value: object) -> str:
    """A JSON value on one line, as pack.json writes small objects."""
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def dump_manifest(manifest: dict) -> str:
    """pack.json in its own layout: groups, parties and worldviews one line per entry,
    small objects and the extent on one line, the rest indented."""
    lines = ["{"]
    items = list(manifest.items())
    for number, (key, value) in enumerate(items):
        comma = "," if number < len(items) - 1 else ""
        if key in INLINE_MEMBERS and isinstance(value, dict):
            entries = [
                f"    {json.dumps(k, ensure_ascii=False)}: {_inline(v)}" for k, v in value.items()
            ]
            body = "{\n" + ",\n".join(entries) + "\n  }"
        elif isinstance(value, dict) or key == "extent":
            body = _inline(value)
        elif isinstance(value, list):
            body = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        else:
            body = json.dumps(value, ensure_ascii=False)
        lines.append(f"  {json.dumps(key)}: {body}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def export(pack: Path, language: str, out: Path) -> int:
    """Write the sheet of a pack's texts for one language; the number of rows."""
    sheet = []
    for table, (naming, fields) in TABLES.items():
        if not (pack / table).is_file():
            continue
        _, rows = _read(pack / table)
        for number, row in enumerate(rows, start=2):
            for field in fields:
                if row.get(field):
                    sheet.append(
                        {
                            "key": _key(table, naming, number, row),
                            "field": field,
                            "text": row[field],
                            f"text_{language}": row.get(f"{field}_{language}", ""),
                        }
                    )
    for key, field, holder in _json_places(pack):
        if holder.get(field):
            sheet.append(
                {
                    "key": key,
                    "field": field,
                    "text": holder[field],
                    f"text_{language}": holder.get(f"{field}_{language}", ""),
                }
            )
    _write(out, ["key", "field", "text", f"text_{language}"], sheet)
    return len(sheet)


def _translations(sheets: list[Path], language: str) -> dict[tuple[str, str], str]:
    """(key, field) -> translation, from filled sheets of either form."""
    found: dict[tuple[str, str], str] = {}
    for sheet in sheets:
        header, rows = _read(sheet)
        if "id" in header:  # an events sheet: id, title_<lang>, summary_<lang>
            for row in rows:
                for field in TABLES[paths.EVENTS_FILE][1]:
                    text = row.get(f"{field}_{language}", "").strip()
                    if text:
                        found[(f"{paths.EVENTS_FILE}:{row['id']}", field)] = text
        else:
            for row in rows:
                text = row.get(f"text_{language}", "").strip()
                if text:
                    found[(row["key"], row["field"])] = text
    return found


def import_sheets(pack: Path, language: str, sheets: list[Path]) -> tuple[int, int]:
    """Write filled sheets' translations into a pack: (texts written, texts left)."""
    found = _translations(sheets, language)
    written = 0
    for table, (naming, fields) in TABLES.items():
        if not (pack / table).is_file():
            continue
        header, rows = _read(pack / table)
        for field in fields:
            column = f"{field}_{language}"
            if column not in header:
                # translations stand after every column the format requires
                header.append(column)
        for number, row in enumerate(rows, start=2):
            for field in fields:
                text = found.pop((_key(table, naming, number, row), field), None)
                row.setdefault(f"{field}_{language}", "")
                if text is not None:
                    row[f"{field}_{language}"] = text
                    written += 1
        _write(pack / table, header, rows)
    written += _import_json(pack, language, found)
    return written, len(found)


def _import_json(pack: Path, language: str, found: dict[tuple[str, str], str]) -> int:
    """Write translations into pack.json and tours.json (each keeps its layout)."""
    manifest = json.loads((pack / paths.MANIFEST_FILE).read_text(encoding="utf-8"))
    tours_path = pack / paths.TOURS_FILE
    tours = json.loads(tours_path.read_text(encoding="utf-8")) if tours_path.is_file() else None
    lines = _read_lines(pack)
    written = 0
    for key, field, holder in _places_in(manifest, tours, lines):
        text = found.pop((key, field), None)
        if text is not None:
            holder[f"{field}_{language}"] = text
            written += 1
    (pack / paths.MANIFEST_FILE).write_text(dump_manifest(manifest), encoding="utf-8")
    if tours is not None:
        tours_path.write_text(json.dumps(tours, ensure_ascii=False, indent=1), encoding="utf-8")
    if lines is not None:
        (pack / paths.BOUNDARIES_FILE).write_text(dump_lines(lines), encoding="utf-8")
    return written


def _places_in(
    manifest: dict, tours: dict | None, lines: dict | None = None
) -> Iterator[tuple[str, str, dict]]:
    """As :func:`_json_places`, over objects already read (so changes can be written)."""
    for field in MANIFEST_TEXTS:
        yield "pack.json", field, manifest
    for number, layer in enumerate(manifest.get("names_layers", []), start=1):
        for field in ("language", "note"):
            yield f"pack.json:names_layers {number}", field, layer
        for place, name in layer.get("names", {}).items():
            for meaning_number, meaning in enumerate(name.get("meanings", []), start=1):
                key = f"pack.json:names_layers {number}:{place}:meaning {meaning_number}"
                yield key, "meaning", meaning
    for feature in (lines or {}).get("features", []):
        for field in LINE_TEXTS:
            yield (
                f"{paths.BOUNDARIES_FILE}:{feature['properties']['id']}",
                field,
                feature["properties"],
            )
    for code, spec in manifest.get("worldviews", {}).items():
        yield f"pack.json:worldviews.{code}", "label", spec
    for code, spec in manifest.get("parties", {}).items():
        yield f"pack.json:parties.{code}", "name", spec
    for tour in (tours or {}).get("tours", []):
        for field in ("title", "description"):
            yield f"tours.json:{tour['id']}", field, tour
        for number, step in enumerate(tour.get("steps", []), start=1):
            for field in ("title", "caption"):
                yield f"tours.json:{tour['id']}:step {number}", field, step


def main(argv: list[str]) -> int:
    if len(argv) < 4 or argv[0] not in ("export", "import") or argv[2] not in TRANSLATED:
        print(__doc__, file=sys.stderr)
        return 2
    command, pack, language = argv[0], Path(argv[1]), argv[2]
    if command == "export":
        print(f"{export(pack, language, Path(argv[3]))} texts to translate")
        return 0
    written, left = import_sheets(pack, language, [Path(a) for a in argv[3:]])
    print(f"{written} translations written; {left} matched no text of the pack")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
