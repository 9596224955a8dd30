"""The command line: ``python -m geo validate | state | export``.

Uses the same functions as the app. Errors are one line each on stderr with a
non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from geo.errors import DisputeDataError
from geo.model import Dispute
from geo.pack import load_dispute
from geo.timeline import parse_when, state_at

EXIT_OK = 0
EXIT_BAD_DATA = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in one line."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m geo", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    validate = commands.add_parser("validate", help="check a pack; one line per problem")
    validate.add_argument("--data", type=Path, help="pack folder (default: the shipped data)")

    state = commands.add_parser("state", help="who administers and claims each island at a date")
    state.add_argument("--date", required=True, help="YYYY, YYYY-MM or YYYY-MM-DD")
    state.add_argument("--data", type=Path, help="pack folder (default: the shipped data)")
    state.add_argument("--format", choices=("csv", "json"), default="csv")
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments without the program name (default: ``sys.argv[1:]``).
    """
    args = _build_parser().parse_args(argv)
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
    if args.command == "state":
        try:
            rows = _state_rows(dispute, args.date)
        except ValueError as err:
            print(f"python -m geo state: error: --date: {err}", file=sys.stderr)
            return EXIT_USAGE
        sys.stdout.write(_format_rows(rows, args.format))
        return EXIT_OK
    return EXIT_USAGE
