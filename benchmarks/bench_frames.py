"""Frames: the three archives read, deduplicated, counted and classified; then the KCNA archive repeated to
100 MB. Seconds (wall and CPU), MB/s (archive bytes / wall seconds) and peak memory, printed, not asserted.

    .venv/bin/python benchmarks/bench_frames.py [--corpora DIR] [--mb 100]

MB/s are given per wall second and per CPU second of this process: on a shared, loaded machine wall time
also measures the other processes (as in bench_terms.py).

Targets (issue 13): the three archives under 3 s on this machine; at least 10 MB/s on KCNA repeated to 100 MB.
The repeated archive is measured twice: copies kept verbatim (deduplication folds them into the original
documents, so this measures reading and deduplication) and copies made distinct (each copy's texts get a
suffix, so every one of the 100 MB is counted and classified).
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

from explainer.frames import FRAMES, corpora_dir, derive, find_archive, read_frame, read_frames
from explainer.terms import load_lexicon


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn):
    t, c = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - t, time.process_time() - c


def pipeline(paths: dict[str, Path], lex):
    frames = [read_frame(FRAMES[fid], p) for fid, p in paths.items()]
    return derive(frames, lex)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpora")
    ap.add_argument("--mb", type=float, default=100)
    args = ap.parse_args()
    root = corpora_dir(args.corpora)
    if root is None:
        print("no corpora folder: pass --corpora DIR")
        return 1
    lex = load_lexicon()
    _, warnings = read_frames(root)  # also warms the regex caches
    for w in warnings:
        print("warning:", w)
    paths = {fid: find_archive(spec, root) for fid, spec in FRAMES.items()}
    size = sum(p.stat().st_size for p in paths.values()) / 1e6
    out, wall, cpu = timed(lambda: pipeline(paths, lex))
    docs = len(out["frame_documents"])
    print(f"three archives ({size:.1f} MB, {docs} documents, {len(out['frame_lines'])} lines): "
          f"{wall:.2f} s wall, {cpu:.2f} s CPU, {size / wall:.1f} MB/s, peak {peak_mb():.0f} MB (target < 3 s)")
    for fid, p in paths.items():
        one = {fid: p}
        _, w, c = timed(lambda one=one: pipeline(one, lex))
        mb = p.stat().st_size / 1e6
        print(f"  {fid}: {mb:.1f} MB in {w:.2f} s wall ({c:.2f} s CPU), {mb / w:.1f} MB/s")

    items = json.loads(paths["kcna-english"].read_text(encoding="utf-8"))
    k = int(args.mb * 1e6 // paths["kcna-english"].stat().st_size) + 1
    with tempfile.TemporaryDirectory() as tmp:
        for label, distinct in (("verbatim copies", False), ("distinct copies", True)):
            rep = []
            for i in range(k):
                for it in items:
                    if distinct and it["story_text"]:
                        it = {**it, "story_text": it["story_text"] + f"\n(copy {i})", "link": it["link"] + f"#{i}"}
                    rep.append(it)
            p = Path(tmp) / "kcna-english-archive-repeated.json"
            p.write_text(json.dumps(rep), encoding="utf-8")
            del rep
            mb = p.stat().st_size / 1e6
            out, wall, cpu = timed(lambda p=p: pipeline({"kcna-english": p}, lex))
            print(f"KCNA x{k} ({label}, {mb:.0f} MB, {len(out['frame_documents'])} documents): {wall:.2f} s wall, "
                  f"{cpu:.2f} s CPU, {mb / wall:.1f} MB/s wall, {mb / cpu:.1f} MB/s CPU, peak {peak_mb():.0f} MB "
                  f"(target >= 10 MB/s)")
            del out
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
