"""Benchmark (not a test): wall time to execute each numbered notebook top to bottom in a fresh kernel, as
``pytest --nbmake`` or the test suite's ``test_executes`` does (kernel start-up included), and the slowest cell.

Run: .venv/bin/python benchmarks/bench_notebooks.py [--runs 3]   Target: every notebook under 20 s.
Live-only cells are executed here (as in JupyterLab), unlike in the site build.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

NB_DIR = Path(__file__).resolve().parent.parent / "notebooks"
TARGET_S = 20.0


def run_once(path: Path) -> tuple[float, float, int]:
    nb = nbformat.read(path, as_version=4)
    cell_times: dict[int, float] = {}
    starts: dict[int, float] = {}

    def on_start(cell, cell_index, **_):
        starts[cell_index] = time.perf_counter()

    def on_done(cell, cell_index, **_):
        cell_times[cell_index] = time.perf_counter() - starts[cell_index]

    t = time.perf_counter()
    NotebookClient(nb, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(NB_DIR)}},
                   on_cell_start=on_start, on_cell_executed=on_done).execute()
    total = time.perf_counter() - t
    slow = max(cell_times, key=cell_times.get)
    return total, cell_times[slow], slow


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    print(f"{'notebook':28} {'median s':>9} {'max s':>7} {'slowest cell':>13} {'cell s':>7}")
    worst = 0.0
    for path in sorted(NB_DIR.glob("[0-9][0-9]-*.ipynb")):
        runs = [run_once(path) for _ in range(args.runs)]
        totals = [r[0] for r in runs]
        _, cell_s, cell_i = max(runs, key=lambda r: r[1])
        worst = max(worst, max(totals))
        print(f"{path.name:28} {statistics.median(totals):9.2f} {max(totals):7.2f} {cell_i:>13} {cell_s:7.2f}")
    print(f"target: every notebook under {TARGET_S:.0f} s: {'met' if worst < TARGET_S else 'MISSED'} "
          f"(slowest run {worst:.2f} s)")
    return 0 if worst < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
