"""Benchmark the exports: time per format (median of several runs) once the data is loaded.

Run with ``uv run --group bench python bench/bench_exports.py``. Prints a Markdown table and
writes ``bench/results-exports.json``. Nothing here is asserted by the tests.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.compareview import CompareView, side_view  # noqa: E402
from geo.export import export  # noqa: E402
from geo.pack import load_dispute  # noqa: E402
from geo.view import default_view  # noqa: E402

RUNS = {"png": 7, "svg": 5, "pdf": 5, "html": 7, "gif": 3}
COMPARE_RUNS = {"png": 5, "svg": 5, "pdf": 5}  # two maps side by side (1944 and 1947)


def main() -> None:
    start = time.perf_counter()
    dispute = load_dispute()
    load_s = time.perf_counter() - start
    view = default_view(dispute).replace(year=1945)
    export(dispute, view, "png")  # warm-up: fonts, projections
    results: dict[str, dict[str, float]] = {"load": {"median_s": round(load_s, 3), "runs": 1}}
    for fmt, runs in RUNS.items():
        samples, size = [], 0
        for _ in range(runs):
            begin = time.perf_counter()
            size = len(export(dispute, view, fmt))
            samples.append(time.perf_counter() - begin)
        results[fmt] = {
            "median_s": round(statistics.median(samples), 3),
            "runs": runs,
            "size_kb": round(size / 1024, 1),
        }
    pair = CompareView(side_view(view, 1944, "jp"), side_view(view, 1947, "ru"))
    for fmt, runs in COMPARE_RUNS.items():
        samples, size = [], 0
        for _ in range(runs):
            begin = time.perf_counter()
            size = len(export(dispute, pair, fmt))
            samples.append(time.perf_counter() - begin)
        results[f"compare {fmt}"] = {
            "median_s": round(statistics.median(samples), 3),
            "runs": runs,
            "size_kb": round(size / 1024, 1),
        }
    (ROOT / "bench" / "results-exports.json").write_text(json.dumps(results, indent=1) + "\n")
    print("| export | median | runs | size |\n|---|---|---|---|")
    for fmt, row in results.items():
        print(f"| {fmt} | {row['median_s']} s | {row['runs']} | {row.get('size_kb', '')} KB |")


if __name__ == "__main__":
    main()
