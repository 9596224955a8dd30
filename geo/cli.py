"""The command line: ``python -m geo validate | state | export | site | tour | compare``.

Uses the same functions as the app. Errors are one line each on stderr with a
non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from geo import builder, paths
from geo.compareview import CompareView, parse_side_date, side_view
from geo.errors import DisputeDataError, ExportOptionError
from geo.export import compare_filename, export, export_filename
from geo.formats import COMPARE_FORMATS, MAP_FORMATS, MAX_DPI, MIN_DPI, TOUR_FORMATS
from geo.i18n import DEFAULT_LANGUAGE, LANGUAGES
from geo.io import (
    detach_stdout,
    gshhg_version,
    new_folder_problem,
    os_reason,
    output_problem,
    read_gshhg_rings,
    read_package_asset,
    read_shapes_file,
    read_tree,
    site_output_problem,
    write_bytes_atomic,
    write_pack_files,
    write_site,
)
from geo.land import land_geojson
from geo.model import Dispute
from geo.pack import gshhg_land_of, load_dispute
from geo.sheet import DEFAULT_DPI
from geo.site import build_site
from geo.timeline import parse_when, state_at, year_range
from geo.tourexport import export_tour, find_tour, tour_filename
from geo.view import SIZE_PRESETS, View, clean_text, default_view, parse_extent

EXIT_OK = 0
EXIT_BAD_DATA = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in one line."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _add_language(command: argparse.ArgumentParser) -> None:
    """The ``--lang`` option of a command that writes a file for readers."""
    command.add_argument(
        "--lang",
        choices=tuple(LANGUAGES),
        default=DEFAULT_LANGUAGE,
        help=f"language of the file's words: {', '.join(LANGUAGES)} (default: {DEFAULT_LANGUAGE})",
    )


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m geo", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    validate = commands.add_parser("validate", help="check a pack; one line per problem")
    validate.add_argument("--data", type=Path, help="pack folder (default: the shipped data)")

    state = commands.add_parser("state", help="who administers and claims each island at a date")
    state.add_argument("--date", required=True, help="YYYY, YYYY-MM or YYYY-MM-DD")
    state.add_argument("--data", type=Path, help="pack folder (default: the shipped data)")
    state.add_argument("--format", choices=("csv", "json"), default="csv")

    export = commands.add_parser("export", help="the annotated map as PNG, SVG, PDF, GIF or HTML")
    export.add_argument(
        "--year", type=int, help="the year shown (gif: all years; default: the latest)"
    )
    export.add_argument("--data", type=Path, help="pack folder (default: the shipped data)")
    export.add_argument(
        "--worldview", help="place names: a worldview of the pack (e.g. jp, ru, neutral)"
    )
    export.add_argument("--format", choices=MAP_FORMATS, default="png")
    export.add_argument("--size", choices=tuple(SIZE_PRESETS), default="slide")
    export.add_argument("--dpi", type=int, default=DEFAULT_DPI, help=f"{MIN_DPI}-{MAX_DPI}")
    export.add_argument(
        "--category", action="append", default=[], help="only events of this category (repeatable)"
    )
    export.add_argument(
        "--group",
        action="append",
        default=[],
        help="only events about this island group (repeatable)",
    )
    export.add_argument("--event", default="", help="id of an event to highlight")
    export.add_argument("--no-events", action="store_true", help="no event markers or key")
    export.add_argument(
        "--earlier",
        action="store_true",
        help="also mark the earlier events in the range (grey dots)",
    )
    export.add_argument("--title", default="", help="title (default: the pack's title and year)")
    export.add_argument("--subtitle", default="", help="subtitle (default: date, naming, groups)")
    export.add_argument("--note", default="", help="a note above the footer")
    export.add_argument(
        "--callout",
        action="append",
        default=[],
        metavar="ID",
        help="give only this event of the year a numbered callout (repeatable)",
    )
    export.add_argument(
        "--extent",
        metavar="W,S,E,N",
        help="show exactly this window in degrees, e.g. a map's extent as on screen "
        "(default: the islands and the numbered events)",
    )
    export.add_argument("--out", type=Path, help="output file (default: a descriptive name here)")
    _add_language(export)

    pair = commands.add_parser(
        "compare", help="two dates side by side in one image, with both legends and what changed"
    )
    pair.add_argument("--from", dest="first", required=True, help="YYYY or YYYY-MM-DD")
    pair.add_argument("--to", dest="second", required=True, help="YYYY or YYYY-MM-DD")
    pair.add_argument("--data", type=Path, help="pack folder (default: the shipped data)")
    pair.add_argument(
        "--worldview",
        action="append",
        default=[],
        help="place names of both maps, or given twice: of the first, then the second",
    )
    pair.add_argument("--format", choices=COMPARE_FORMATS, default="png")
    pair.add_argument("--size", choices=("slide", "a4-landscape"), default="slide")
    pair.add_argument("--dpi", type=int, default=DEFAULT_DPI, help=f"{MIN_DPI}-{MAX_DPI}")
    pair.add_argument("--out", type=Path, help="output file (default: a descriptive name here)")
    _add_language(pair)
    site = commands.add_parser("site", help="a static explorer of the pack, for any static host")
    site.add_argument(
        "--out",
        type=Path,
        required=True,
        help="folder to write: new, empty, or a site built before (replaced whole)",
    )
    site.add_argument("--data", type=Path, help="pack folder (default: the shipped data)")
    _add_language(site)

    context = commands.add_parser(
        "context", help="write the GSHHG land around a pack's extent as its context.geojson"
    )
    context.add_argument("pack", type=Path, help="pack folder to write context.geojson into")
    context.add_argument(
        "--replace", action="store_true", help="replace a context.geojson the pack has"
    )

    new_pack = commands.add_parser(
        "new-pack",
        help="start a pack from GSHHG islands of an area (or a shapes file); lists what to fill in",
    )
    new_pack.add_argument("folder", type=Path, help="pack folder to write (new or empty)")
    source = new_pack.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--area",
        type=float,
        nargs=4,
        metavar=("WEST", "SOUTH", "EAST", "NORTH"),
        help="degrees; the GSHHG islands wholly inside it are numbered by size",
    )
    source.add_argument("--shapes", type=Path, help="GeoJSON, GeoPackage or zipped Shapefile")
    new_pack.add_argument(
        "--islands",
        type=int,
        nargs="+",
        metavar="N",
        help="numbers of the area's islands to put in the pack (without it: list them)",
    )
    new_pack.add_argument("--title", default="", help="the dispute's title")

    tour = commands.add_parser(
        "tour", help="a guided tour as a PDF handout, an animated GIF or an offline HTML file"
    )
    tour.add_argument("--tour", help="id of a tour of the pack (default: its first tour)")
    tour.add_argument("--data", type=Path, help="pack folder (default: the shipped data)")
    tour.add_argument("--format", choices=TOUR_FORMATS, default="pdf")
    tour.add_argument(
        "--worldview", help="place names: a worldview of the pack (e.g. jp, ru, neutral)"
    )
    tour.add_argument("--out", type=Path, help="output file (default: a descriptive name here)")
    _add_language(tour)
    return parser


def _summary(dispute: Dispute) -> str:
    """One line describing a valid pack."""
    islands = dispute.islands
    return (
        f"ok: {dispute.manifest.title}: {len(islands)} islands in {islands['group'].nunique()} "
        f"groups, {len(dispute.events)} events, {len(dispute.sovereignty)} sovereignty periods, "
        f"{len(dispute.boundaries)} boundary lines"
    )


def _state_rows(dispute: Dispute, when_text: str) -> list[dict[str, object]]:
    """The ``state`` command's rows."""
    state = state_at(dispute, parse_when(when_text))
    return [
        {
            "id": r.id,
            "group": r.group,
            "administered_by": r.administered_by,
            "claimed_by": ";".join(r.claimed_by),
            "contested": bool(r.contested),
        }
        for r in state.itertuples()
    ]


def _format_rows(rows: list[dict[str, object]], fmt: str) -> str:
    """CSV or JSON text of the state rows."""
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows([{**row, "contested": str(row["contested"]).lower()} for row in rows])
    return buffer.getvalue()


def _export_view(dispute: Dispute, args: argparse.Namespace) -> View:
    """The View the export flags describe; raises ``ValueError`` naming a bad flag."""
    default = default_view(dispute)
    first, last = default.event_start, default.event_end
    year = default.year if args.year is None else args.year
    if not first <= year <= last:
        raise ValueError(f"--year {year} is outside {first}-{last}")
    worldview = args.worldview or default.worldview
    if worldview not in dispute.manifest.worldviews:
        choices = ", ".join(dispute.manifest.worldviews)
        raise ValueError(f"--worldview '{worldview}' is not one of {choices}")
    categories = set(dispute.events["category"])
    bad = [c for c in args.category if c not in categories]
    if bad:
        raise ValueError(f"--category {bad[0]!r} is not one of {', '.join(sorted(categories))}")
    bad = [g for g in args.group if g not in dispute.group_ids]
    if bad:
        raise ValueError(f"--group {bad[0]!r} is not one of {', '.join(dispute.group_ids)}")
    if args.event and args.event not in set(dispute.events["id"]):
        raise ValueError(f"--event {args.event!r} is not an event id of the pack")
    bad = [e for e in args.callout if e not in set(dispute.events["id"])]
    if bad:
        raise ValueError(f"--callout {bad[0]!r} is not an event id of the pack")
    try:
        extent = None if args.extent is None else parse_extent(args.extent)
    except ValueError as err:
        raise ValueError(f"--extent {args.extent!r}: {err}") from None
    if extent is not None and args.format == "html":
        raise ValueError(
            "--extent applies to images (png, svg, pdf, gif); the HTML map opens on the "
            "pack's default view and its reader moves it"
        )
    return default.replace(
        extent=extent,
        title=clean_text(args.title),
        subtitle=clean_text(args.subtitle),
        note=clean_text(args.note),
        callouts=tuple(dict.fromkeys(args.callout)),
        year=year,
        worldview=worldview,
        size=args.size,
        categories=tuple(args.category),
        groups=tuple(args.group),
        selected_event=args.event,
        show_events=not args.no_events,
        show_earlier=args.earlier,
        lang=args.lang,
    )


def _export(dispute: Dispute, args: argparse.Namespace) -> int:
    """Run ``export``: write the file and print its path."""
    try:
        view = _export_view(dispute, args)
    except ValueError as err:
        print(f"python -m geo export: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    out = args.out or Path(export_filename(dispute, view, args.format))
    return _write_output("export", out, lambda: export(dispute, view, args.format, args.dpi))


def _write_output(command: str, out: Path, render: Callable[[], bytes]) -> int:
    """Check ``--out`` first (renders take a while), render, write, and print the path."""
    problem = output_problem(out)
    if problem:
        print(f"{out}:--out: {problem}", file=sys.stderr)
        return EXIT_USAGE
    try:
        data = render()
    except ExportOptionError as err:
        print(f"python -m geo {command}: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except (ValueError, ArithmeticError, RuntimeError) as err:  # valid data that cannot be drawn
        print(f"python -m geo {command}: error: could not be drawn: {err}", file=sys.stderr)
        return EXIT_BAD_DATA
    try:
        write_bytes_atomic(out, data)
    except OSError as err:
        print(f"{out}:--out: cannot write: {os_reason(err)}", file=sys.stderr)
        return EXIT_USAGE
    print(out)
    return EXIT_OK


def _compare_view(dispute: Dispute, args: argparse.Namespace) -> CompareView:
    """The comparison the ``compare`` flags describe; raises ``ValueError`` naming a bad flag."""
    first, last = year_range(dispute)
    sides = []
    for flag, raw in (("--from", args.first), ("--to", args.second)):
        try:
            sides.append(parse_side_date(raw, first, last))
        except ValueError as err:
            raise ValueError(f"{flag} {raw!r}: {err}") from None
    base = default_view(dispute).replace(size=args.size, lang=args.lang)
    namings = args.worldview or [base.worldview]
    if len(namings) > 2:
        raise ValueError("--worldview is given at most twice (first map, second map)")
    for naming in namings:
        if naming not in dispute.manifest.worldviews:
            choices = ", ".join(dispute.manifest.worldviews)
            raise ValueError(f"--worldview '{naming}' is not one of {choices}")
    return CompareView(
        side_view(base, sides[0], namings[0]), side_view(base, sides[1], namings[-1])
    )


def _compare(dispute: Dispute, args: argparse.Namespace) -> int:
    """Run ``compare``: write the image of the two maps and print its path."""
    try:
        pair = _compare_view(dispute, args)
    except ValueError as err:
        print(f"python -m geo compare: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    out = args.out or Path(compare_filename(dispute, pair.left, pair.right, args.format))
    return _write_output("compare", out, lambda: export(dispute, pair, args.format, args.dpi))


def _site(dispute: Dispute, args: argparse.Namespace) -> int:
    """Run ``site``: build the static site into a folder and print a one-line summary."""
    out: Path = args.out
    problem = site_output_problem(out)  # before building: the images take a while
    if problem:
        print(f"{out}:--out: {problem}", file=sys.stderr)
        return EXIT_USAGE
    files = build_site(
        dispute,
        read_tree(paths.static_dir()),
        {name: read_package_asset(name) for name in ("site.css", "site.js")},
        language=args.lang,
    )
    try:
        write_site(out, files)
    except OSError as err:
        print(f"{out}:--out: cannot write: {os_reason(err)}", file=sys.stderr)
        return EXIT_USAGE
    states = len(json.loads(files[paths.SITE_MANIFEST_FILE])["states"])
    print(
        f"{out}: {len(files)} files, {sum(len(d) for d in files.values()):,} bytes "
        f"({states} map states, {len(dispute.manifest.worldviews)} namings)"
    )
    return EXIT_OK


def _tour(dispute: Dispute, args: argparse.Namespace) -> int:
    """Run ``tour``: write the tour's file and print its path."""
    view = default_view(dispute)
    worldview = args.worldview or view.worldview
    problem = None
    if worldview not in dispute.manifest.worldviews:
        problem = (
            f"--worldview '{worldview}' is not one of {', '.join(dispute.manifest.worldviews)}"
        )
    elif not dispute.tours:
        problem = "--tour: this pack has no tours (tours.json)"
    if problem:
        print(f"python -m geo tour: error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    try:
        tour = find_tour(dispute, args.tour) if args.tour else dispute.tours[0]
    except ValueError as err:
        print(f"python -m geo tour: error: --tour: {err}", file=sys.stderr)
        return EXIT_USAGE
    view = view.replace(worldview=worldview, lang=args.lang)
    out = args.out or Path(tour_filename(dispute, tour, view, args.format))
    return _write_output(
        "tour", out, lambda: export_tour(dispute, tour.id, view, args.format, language=args.lang)
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    Operating-system errors (an unreadable file, a closed pipe) end in one
    ``file:place: problem`` line on stderr and a status, never a traceback.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments without the program name (default: ``sys.argv[1:]``).
    """
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            # Text from a pack may hold lone surrogates (valid JSON escapes): show, never crash.
            stream.reconfigure(errors="backslashreplace")
    args = _build_parser().parse_args(argv)
    try:
        status = _run(args)
        sys.stdout.flush()  # here, not at exit, so a closed pipe is caught below
    except BrokenPipeError:
        detach_stdout()
        print(
            "<stdout>:output: closed by the reader before everything was written",
            file=sys.stderr,
        )
        return EXIT_BAD_DATA
    except OSError as err:  # anything the readers and writers did not name themselves
        print(f"{err.filename or '<system>'}:file: {os_reason(err)}", file=sys.stderr)
        return EXIT_BAD_DATA
    except MemoryError:  # the pack limits make this rare; a small machine may still run out
        print(f"{args.command}:memory: ran out of memory; try a smaller --dpi", file=sys.stderr)
        return EXIT_BAD_DATA
    return status


def _context(args: argparse.Namespace) -> int:
    """Write the GSHHG land of a pack's extent into the pack as ``context.geojson``."""
    target = args.pack / paths.CONTEXT_FILE
    if target.exists() and not args.replace:
        print(
            f"{target}:file: the pack has its own context layer; "
            "add --replace to write GSHHG's land over it",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        dispute = load_dispute(args.pack, gshhg_land=False)
    except DisputeDataError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        return EXIT_BAD_DATA
    land = gshhg_land_of(dispute)
    write_bytes_atomic(target, land_geojson(land, gshhg_version()).encode("utf-8"))
    print(target)
    return EXIT_OK


def _new_pack(args: argparse.Namespace) -> int:
    """Write the start of a pack: its islands, and what is still to fill in."""
    draft = builder.new_draft()
    draft["about"]["title"] = args.title
    if args.shapes is not None:
        try:
            shapes = read_shapes_file(args.shapes)
        except DisputeDataError as err:
            for problem_found in err.problems:
                print(problem_found, file=sys.stderr)
            return EXIT_BAD_DATA
    else:
        area = builder.check_area(args.area)
        if isinstance(area, str):
            print(f"--area: {area}", file=sys.stderr)
            return EXIT_USAGE
        draft["area"] = list(area)
        candidates = builder.island_candidates(read_gshhg_rings(area, "f"), area)
        if not args.islands:
            print("number  area_km2      lat       lon")
            for _, row in candidates.iterrows():
                number, km2, lat, lon = row["key"][1:], row["area_km2"], row["lat"], row["lon"]
                print(f"{number:>6}  {km2:8.3f}  {lat:8.4f}  {lon:9.4f}")
            print(f"{len(candidates)} islands; choose with --islands N [N ...]")
            return EXIT_OK
        wanted = {f"c{n}" for n in args.islands}
        unknown = sorted(wanted - set(candidates["key"]))
        if unknown:
            print(
                f"--islands: no island {', '.join(k[1:] for k in unknown)} in the area",
                file=sys.stderr,
            )
            return EXIT_USAGE
        shapes = candidates[candidates["key"].isin(wanted)]
    problem = new_folder_problem(args.folder)
    if problem:
        print(f"{args.folder}:folder: {problem}", file=sys.stderr)
        return EXIT_USAGE
    draft = builder.add_islands(draft, shapes)
    args.folder.mkdir(parents=True, exist_ok=True)
    write_pack_files(args.folder, builder.pack_files(draft))
    print(f"wrote {args.folder}; to fill in before the pack opens:")
    for problem_found in builder.check_draft(draft).problems:
        print(f"  {problem_found}")
    print(f"then: python -m geo validate --data {args.folder}")
    return EXIT_OK


def _run(args: argparse.Namespace) -> int:
    """Run one parsed command."""
    if args.command == "context":
        return _context(args)
    if args.command == "new-pack":
        return _new_pack(args)
    try:
        dispute = load_dispute(args.data)
    except DisputeDataError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr if args.command != "validate" else sys.stdout)
        return EXIT_BAD_DATA
    if args.command == "validate":
        for warning in dispute.warnings:
            print(f"warning: {warning}")
        print(_summary(dispute))
        return EXIT_OK
    if args.command == "export":
        return _export(dispute, args)
    if args.command == "compare":
        return _compare(dispute, args)
    if args.command == "site":
        return _site(dispute, args)
    if args.command == "tour":
        return _tour(dispute, args)
    if args.command == "state":
        try:
            rows = _state_rows(dispute, args.date)
        except ValueError as err:
            print(f"python -m geo state: error: --date: {err}", file=sys.stderr)
            return EXIT_USAGE
        sys.stdout.write(_format_rows(rows, args.format))
        return EXIT_OK
    return EXIT_USAGE
