"""The interface's catalogues: extract the words from the code, update and compile each language.

    uv run python scripts/catalogues.py            # extract, update the .po files, compile
    uv run python scripts/catalogues.py --check    # fail if a catalogue is stale or incomplete

Words are marked in the code with ``_()``, ``ngettext()``, ``pgettext()`` or, where a
text is defined rather than shown, ``N_()``. Babel extracts them into
``geo/locales/explorer.pot``, merges that template into each language's ``.po``
(keeping the translations made), and compiles the ``.mo`` files the explorer reads.
Translators fill the ``.po`` files (with Poedit or any text editor).
"""

from __future__ import annotations

import argparse
import copy
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo import paths  # noqa: E402
from geo.i18n import LOCALES, TRANSLATED  # noqa: E402

# Where the interface's words live: the pages, their helpers, and the domain package.
SOURCE_FOLDERS = ("pages", "ui", "geo")
SOURCE_FILES = ("explorer.py", "app.py")
KEYWORDS = {
    "_": None,
    "N_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
}
PROJECT = "Northern Territories / Southern Kurils explorer"
LANGUAGE_TEAMS = {"ja": "Japanese", "ru": "Russian"}


def extract() -> Catalog:
    """Every marked word of the interface, with where it stands in the code."""
    template = Catalog(project=PROJECT, domain=paths.CATALOGUE_DOMAIN, fuzzy=False)
    method_map = [("**.py", "python")]
    comment_tags = ["Translators:"]
    for folder in SOURCE_FOLDERS:
        for filename, lineno, message, comments, context in extract_from_dir(
            ROOT / folder, method_map, keywords=KEYWORDS, comment_tags=comment_tags
        ):
            template.add(
                message,
                None,
                [(f"{folder}/{filename}", lineno)],
                auto_comments=comments,
                context=context,
            )
    for name in SOURCE_FILES:
        method_map_one = [(name, "python")]
        for filename, lineno, message, comments, context in extract_from_dir(
            ROOT, method_map_one, keywords=KEYWORDS, comment_tags=comment_tags
        ):
            if "/" in filename:
                continue
            template.add(
                message, None, [(filename, lineno)], auto_comments=comments, context=context
            )
    for message in template:
        if message.id and _is_brace_format(message.id):
            message.flags.add("python-brace-format")
    return template


def _is_brace_format(message_id: str | tuple[str, ...]) -> bool:
    """Whether a message holds ``{name}`` placeholders (filled by ``str.format``)."""
    texts = message_id if isinstance(message_id, tuple) else (message_id,)
    return any("{" in text and "}" in text for text in texts)


def read_catalogue(language: str) -> Catalog:
    """A language's ``.po`` as Babel reads it (an empty catalogue when there is none yet)."""
    path = paths.catalogue_file(language)
    if not path.exists():
        return Catalog(locale=LOCALES[language], domain=paths.CATALOGUE_DOMAIN)
    with path.open("rb") as handle:
        return read_po(handle, locale=LOCALES[language], domain=paths.CATALOGUE_DOMAIN)


def po_bytes(catalogue: Catalog) -> bytes:
    """A catalogue written as a ``.po`` file (sorted as the code reads, no line wrapping)."""
    out = io.BytesIO()
    write_po(out, catalogue, width=0, omit_header=False, include_previous=False)
    return out.getvalue()


def mo_bytes(catalogue: Catalog) -> bytes:
    """A catalogue compiled as a ``.mo`` file (fuzzy entries left out, as gettext expects)."""
    out = io.BytesIO()
    write_mo(out, catalogue, use_fuzzy=False)
    return out.getvalue()


def updated(language: str, template: Catalog) -> Catalog:
    """A language's catalogue merged with the template: new words added, gone ones dropped."""
    catalogue = read_catalogue(language)
    # update() adopts the template's own message objects: a copy keeps languages apart
    catalogue.update(copy.deepcopy(template), no_fuzzy_matching=True)
    catalogue.obsolete.clear()
    catalogue.fuzzy = False  # the header: a fuzzy one is left out of the .mo with its plural rule
    catalogue.project = PROJECT
    catalogue.version = ""
    catalogue.copyright_holder = "the explorer's contributors"
    catalogue.msgid_bugs_address = ""
    catalogue.last_translator = "the explorer's contributors"
    catalogue.language_team = LANGUAGE_TEAMS[language]
    return catalogue


def missing(catalogue: Catalog) -> list[str]:
    """The words a catalogue does not translate (empty, fuzzy, or a plural form left out)."""
    gaps = []
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            gaps.append(message.id if isinstance(message.id, str) else message.id[0])
    return gaps


def main(argv: list[str] | None = None) -> int:
    """Extract, update and compile; or, with ``--check``, report what is stale or missing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; fail on a gap")
    args = parser.parse_args(argv)
    template = extract()
    pot = paths.locales_dir() / f"{paths.CATALOGUE_DOMAIN}.pot"
    problems = []
    for language in TRANSLATED:
        catalogue = updated(language, template)
        po_path = paths.catalogue_file(language)
        mo_path = paths.catalogue_file(language, compiled=True)
        new_po, new_mo = po_bytes(catalogue), mo_bytes(catalogue)
        gaps = missing(catalogue)
        if args.check:
            if not po_path.exists() or _without_dates(po_path.read_bytes()) != _without_dates(
                new_po
            ):
                problems.append(f"{po_path.name} ({language}) is not up to date with the code")
            if not mo_path.exists() or mo_path.read_bytes() != new_mo:
                problems.append(f"{mo_path.name} ({language}) is not compiled from its .po")
        else:
            po_path.parent.mkdir(parents=True, exist_ok=True)
            po_path.write_bytes(new_po)
            mo_path.write_bytes(new_mo)
        if gaps:
            problems.append(f"{language}: {len(gaps)} of {len(catalogue)} words not translated")
        print(f"{language}: {len(catalogue) - len(gaps)} of {len(catalogue)} words translated")
    if not args.check:
        pot.write_bytes(po_bytes(template))
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


def _without_dates(po: bytes) -> bytes:
    """A ``.po`` file without its header's dates, which change on every write."""
    return b"\n".join(
        line
        for line in po.splitlines()
        if not line.startswith((b'"POT-Creation-Date', b'"PO-Revision-Date'))
    )


if __name__ == "__main__":
    raise SystemExit(main())
