"""Translation sheets: a pack's texts out to a translator, and the translations back in.

``export`` writes one CSV sheet per language with a row per text to translate
(``key``, ``field``, ``text``); a translator fills a ``text_<lang>`` column.
``import`` writes a filled sheet's translations into the pack's tables, as the
optional columns the pack format names (``title_ja``, ``summary_ru``,
``note_ja``…); it also reads events sheets of the form ``id, title_<lang>,
summary_<lang>``. Rows of texts the format cannot hold a translation for yet
(tours, pack.json) are counted and left in the sheet::

    uv run python scripts/translation_sheets.py export data ja sheet-ja.csv
    uv run python scripts/translation_sheets.py import data ja sheet-ja.csv [more.csv…]

The tables are rewritten whole, their other columns unchanged.
"""

from __future__ import annotations

import csv
import io
import sys
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
    return written, len(found)


def main(argv: list[str]) -> int:
    if len(argv) < 4 or argv[0] not in ("export", "import") or argv[2] not in TRANSLATED:
        print(__doc__, file=sys.stderr)
        return 2
    command, pack, language = argv[0], Path(argv[1]), argv[2]
    if command == "export":
        print(f"{export(pack, language, Path(argv[3]))} texts to translate")
        return 0
    written, left = import_sheets(pack, language, [Path(a) for a in argv[3:]])
    print(f"{written} translations written; {left} left (tours, pack.json: not yet held)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
