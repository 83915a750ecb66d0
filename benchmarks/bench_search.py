"""Benchmark (not a test): the live explorer's word-form search (``explainer.explore.search``) over the
statements copied until they hold about as much text as the three full-text frames (5 MB), each copy a new
text so nothing is reused between copies.

Run: .venv/bin/python benchmarks/bench_search.py [--mb 5] [--runs 3]
Prints the first search (texts normalised, words listed, Russian words lemmatised) and the median of later
searches (the texts' words are kept), per typed word. Target: a later search under 1 s at 5 MB.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import replace

from explainer.explore import _prepared, search
from explainer.load import load
from explainer.terms import lemma

TARGET_S = 1.0
TERMS = ("союз", "союзн", "ally", "동맹을", "comrades in arms")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    base = list(load().statements.values())
    size = sum(len(s.text.encode()) for s in base)
    copies = max(1, round(args.mb * 1e6 / size))
    records = [replace(s, id=f"{s.id}#{k}", text=f"{s.text} ({k})") for k in range(copies) for s in base]
    mb = sum(len(r.text.encode()) for r in records) / 1e6
    print(f"{len(records)} records, {mb:.1f} MB ({copies} copies of the {len(base)} statements)")
    print(f"{'typed':18} {'first s':>8} {'later s':>8} {'hits':>6}  forms")
    worst = 0.0
    for term in TERMS:
        _prepared.cache_clear()
        lemma.cache_clear()
        t = time.perf_counter()
        found = search(records, term)
        first = time.perf_counter() - t
        later = []
        for _ in range(args.runs):
            t = time.perf_counter()
            search(records, term)
            later.append(time.perf_counter() - t)
        med = statistics.median(later)
        worst = max(worst, med)
        print(f"{term:18} {first:8.2f} {med:8.2f} {sum(found.forms.values()):6}  {len(found.forms)}")
    print(f"slowest later search {worst:.2f} s (target under {TARGET_S:g} s)")
    return 0 if worst < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
