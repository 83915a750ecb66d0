"""Counting throughput on a large synthetic corpus (the real statements repeated), printed, not asserted.

    .venv/bin/python benchmarks/bench_terms.py [--mb 50]

1. English only: our matcher vs scikit-learn's CountVectorizer given the same English vocabulary (1-4-grams
   covering the lexicon's phrases), MB/s for both and the ratio.
2. All three languages, Russian stem rules and Russian pymorphy3 lemmas: MB/s.
3. Stem vs lemma on the real statements: agreement, differences, time.
Peak memory is the process's maximum resident set size after each run (ru_maxrss). MB/s are computed from
this process's CPU time (wall-clock figures printed alongside). For a before/after comparison run this same
script against an older checkout: ``cd OLD && PYTHONPATH=OLD python /path/to/bench_terms.py`` (without
``count_hits`` it counts through ``find_hits``).
"""

from __future__ import annotations

import argparse
import resource
import time
from collections import Counter

from explainer.load import load
from explainer.terms import count_statements, find_hits, load_lexicon

try:
    from explainer.terms import count_hits
except ImportError:  # an older checkout (before/after comparisons with this same script)
    count_hits = None


def repeat(statements, mb):
    size = sum(len(s.text.encode("utf-8")) for s in statements)
    k = int(mb * 1e6 // size) + 1
    return [s for _ in range(k) for s in statements], k * size


def run(label, fn):
    """(result, seconds, peak resident memory of the process so far in bytes); no tracing overhead.

    Seconds are CPU seconds of this process (time.process_time): on a shared, loaded machine wall time
    mostly measures the other processes. Wall seconds are kept in WALL[label]."""
    t, c = time.perf_counter(), time.process_time()
    out = fn()
    WALL[label] = time.perf_counter() - t
    dt = time.process_time() - c
    return out, dt, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


WALL: dict[str, float] = {}


def ours(sts, lex, method):
    """The counting path: per-concept counts, no per-hit objects."""
    if count_hits is None:
        return ours_hits(sts, lex, method)
    c = Counter()
    for s in sts:
        c.update(count_hits(s.text, s.language, lex, method=method))
    return c


def ours_hits(sts, lex, method):
    """The KWIC path (Hit objects with spans and verbatim text), for comparison."""
    c = Counter()
    for s in sts:
        for h in find_hits(s.text, s.language, lex, method=method):
            c[h.concept] += 1
    return c


ENGLISH_VOCAB = [
    "ally",
    "allies",
    "allied",
    "alliance",
    "alliances",
    "defensive",
    "defence",
    "defense",
    "self-defence",
    "self-defense",
    "mutual assistance",
    "mutual support",
    "mutual aid",
    "mutual military assistance",
    "help each other",
    "article 51",
    "comrades-in-arms",
    "comrades in arms",
    "comrade in arms",
    "brotherhood in arms",
    "military comradeship",
    "militant comradeship",
    "military brotherhood",
    "fighting brotherhood",
    "strategic partnership",
    "comprehensive partnership",
    "without delay",
    "automatic intervention",
    "article 4",
]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=50.0)
    a = ap.parse_args(argv)
    corpus = load()
    lex = load_lexicon(corpus)
    base = (
        list(corpus.statements.values()) if isinstance(corpus.statements, dict) else list(corpus.statements)
    )

    # 3. stem vs lemma on the real statements
    ru = [s for s in base if s.language == "ru"]
    (st_df, st_t, _) = run("stem", lambda: count_statements(ru, lex, method="stem"))
    (le_df, le_t, _) = run("lemma", lambda: count_statements(ru, lex, method="lemma"))
    m = st_df.merge(le_df, on=["statement_id", "concept"])
    agree = int((m.hits_x == m.hits_y).sum())
    print(
        f"stem vs lemma on {len(ru)} Russian statements x {len(lex.concepts)} concepts: "
        f"{agree}/{len(m)} cells agree; stem hits {int(m.hits_x.sum())}, lemma hits {int(m.hits_y.sum())}; "
        f"stem {st_t * 1000:.0f} ms, lemma {le_t * 1000:.0f} ms (first run, analyser load included)"
    )
    for r in m[m.hits_x != m.hits_y].itertuples():
        print(f"  differs: {r.statement_id} {r.concept}: stem={r.matched_x!r} lemma={r.matched_y!r}")

    # 1. English vs CountVectorizer
    from sklearn.feature_extraction.text import CountVectorizer

    en, en_bytes = repeat([s for s in base if s.language == "en"], a.mb)
    texts = [s.text for s in en]
    cv = CountVectorizer(
        vocabulary=sorted(set(ENGLISH_VOCAB)),
        ngram_range=(1, 4),
        lowercase=True,
        token_pattern=r"(?u)\b\w[\w-]*\b",
    )
    (_, cv_t, cv_peak) = run("cv", lambda: cv.transform(texts).sum())
    (c_en, our_t, our_peak) = run("ours", lambda: ours(en, lex, "stem"))
    (c_en2, hit_t, _) = run("ours_hits", lambda: ours_hits(en, lex, "stem"))
    assert c_en == c_en2
    mb = en_bytes / 1e6
    print(
        f"English, {mb:.1f} MB ({len(en)} statements): ours {mb / our_t:.1f} MB/s "
        f"(process peak RSS {our_peak / 1e6:.0f} MB), CountVectorizer {mb / cv_t:.1f} MB/s "
        f"(process peak RSS {cv_peak / 1e6:.0f} MB); ratio ours/CV = {cv_t / our_t:.2f}; "
        f"find_hits (KWIC path) {mb / hit_t:.1f} MB/s; wall-clock: ours {mb / WALL['ours']:.1f} MB/s, "
        f"CountVectorizer {mb / WALL['cv']:.1f} MB/s"
    )

    # 2. all languages
    allst, all_bytes = repeat(base, a.mb)
    mb = all_bytes / 1e6
    for method in ("stem", "lemma"):
        (c, t, peak) = run(method, lambda method=method: ours(allst, lex, method))
        print(
            f"all languages, Russian {method}, {mb:.1f} MB ({len(allst)} statements): {mb / t:.1f} MB/s "
            f"(process peak RSS {peak / 1e6:.0f} MB; wall-clock {mb / WALL[method]:.1f} MB/s); "
            f"ALLIANCE hits {c['ALLIANCE']}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
