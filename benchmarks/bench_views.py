"""Benchmark (not a test): time to render every view of each family, and bytes of HTML per family.

Run: .venv/bin/python benchmarks/bench_views.py   Targets: < 50 ms per family, < 300 KB for mutual-assistance.
Diff results, token lists and normalised keys are cached (lru_cache), so "cold" is the first render in a fresh
process, "warm" the median of later renders, as in a live kernel where the reader switches back and forth, and
"nocache" the median with every diff cache cleared before each render.
"""

from __future__ import annotations

import statistics
import time

from explainer import diff as diff_mod
from explainer import load, views


def main(repeats: int = 7) -> None:
    corpus = load()
    print(f"{'family':26} {'cold ms':>8} {'warm med ms':>12} {'nocache med ms':>15} {'KB':>7} views")
    for fid in corpus.families:
        t = time.perf_counter()
        vs = views.all_views(corpus, fid)
        cold = (time.perf_counter() - t) * 1000
        warm, nocache = [], []
        for _ in range(repeats):
            t = time.perf_counter()
            views.all_views(corpus, fid)
            warm.append((time.perf_counter() - t) * 1000)
            diff_mod.clear_caches()
            t = time.perf_counter()
            views.all_views(corpus, fid)
            nocache.append((time.perf_counter() - t) * 1000)
        size = sum(len(v.html.encode("utf-8")) for v in vs)
        print(
            f"{fid:26} {cold:8.1f} {statistics.median(warm):12.1f} {statistics.median(nocache):15.1f} "
            f"{size / 1024:7.1f} {len(vs)}  "
            + ", ".join(f"{v.slug}={len(v.html.encode()) // 1024}K" for v in vs)
        )


if __name__ == "__main__":
    main()
