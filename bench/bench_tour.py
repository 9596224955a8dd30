"""Benchmark the tour exports of the shipped class tour (16 steps): median of several runs.

Run with ``uv run --group bench python bench/bench_tour.py``. Prints a Markdown table and
writes ``bench/results-tour.json``. Nothing here is asserted by the tests.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.export import export  # noqa: E402
from geo.pack import load_dispute  # noqa: E402
from geo.tourexport import export_tour  # noqa: E402
from geo.view import default_view  # noqa: E402

RUNS = {"html": 5, "pdf": 3, "gif": 3}


def main() -> None:
    dispute = load_dispute()
    view = default_view(dispute)
    tour = dispute.tours[0]
    export(dispute, view.replace(year=1945), "png")  # warm-up: fonts, projections
    results: dict[str, dict[str, float]] = {}
    for fmt, runs in RUNS.items():
        samples, size = [], 0
        for _ in range(runs):
            begin = time.perf_counter()
            size = len(export_tour(dispute, tour.id, view, fmt))
            samples.append(time.perf_counter() - begin)
        results[fmt] = {
            "median_s": round(statistics.median(samples), 3),
            "runs": runs,
            "steps": len(tour.steps),
            "size_kb": round(size / 1024, 1),
        }
    (ROOT / "bench" / "results-tour.json").write_text(json.dumps(results, indent=1) + "\n")
    print("| tour export | median | runs | size |\n|---|---|---|---|")
    for fmt, row in results.items():
        name = f"{fmt} ({row['steps']} steps)"
        print(f"| {name} | {row['median_s']} s | {row['runs']} | {row['size_kb']} KB |")


if __name__ == "__main__":
    main()
