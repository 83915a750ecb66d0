"""Benchmark (not a test): time to render every view of each family, and bytes of HTML per family.

Run: .venv/bin/python benchmarks/bench_views.py   Targets: < 50 ms per family, < 300 KB for mutual-assistance.
Diff results, token lists and normalised keys are cached (lru_cache), so "cold" is the first render in a fresh
process, "warm" the median of later renders, as in a live kernel where the reader switches back and forth, and
"nocache" the median with every diff cache cleared before each render. Wall-clock medians move with the
load of a shared machine; the "cpu" columns (process time of the same renders) move much less.
"""

from __future__ import annotations

import statistics
import time

from explainer import diff as diff_mod
from explainer import load, views


def _timed(fn) -> tuple[float, float]:
    t, c = time.perf_counter(), time.process_time()
    fn()
    return (time.perf_counter() - t) * 1000, (time.process_time() - c) * 1000


def main(repeats: int = 15) -> None:
    corpus = load()
    print(
        f"{'family':24} {'cold ms':>8} {'warm med':>9} {'nocache med':>12} {'cpu warm':>9}"
        f" {'cpu nocache':>12} {'KB':>7} views"
    )
    for fid in corpus.families:
        vs: list = []
        cold, _ = _timed(lambda fid=fid, vs=vs: vs.extend(views.all_views(corpus, fid)))
        warm, nocache = [], []
        for _ in range(repeats):
            warm.append(_timed(lambda fid=fid: views.all_views(corpus, fid)))
            diff_mod.clear_caches()
            nocache.append(_timed(lambda fid=fid: views.all_views(corpus, fid)))
        size = sum(len(v.html.encode("utf-8")) for v in vs)

        def med(xs, i):
            return statistics.median(x[i] for x in xs)

        print(
            f"{fid:24} {cold:8.1f} {med(warm, 0):9.1f} {med(nocache, 0):12.1f} {med(warm, 1):9.1f}"
            f" {med(nocache, 1):12.1f} {size / 1024:7.1f} {len(vs)}  "
            + ", ".join(f"{v.slug}={len(v.html.encode()) // 1024}K" for v in vs)
        )


if __name__ == "__main__":
    main()
