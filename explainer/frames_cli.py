"""``python -m explainer frames | kwic | precision``: the sampling frames, lines in context with their
referent, and the referent rules measured against the labelled sample. They read the derived tables of the
data folder (``data/frame_*.jsonl``, ``data/referent_sample.jsonl``), so they work without the archives."""

from __future__ import annotations

import json
import sys

REFERENT_CHOICES = ("relationship", "other", "denial", "all")


def _print_table(rows: list[dict], cols: list[str]) -> None:
    width = {c: max([len(c), *(len(str(r.get(c, ""))) for r in rows)]) for c in cols}
    print("  ".join(c.ljust(width[c]) for c in cols))
    for r in rows:
        print("  ".join(str(r.get(c, "")).ljust(width[c]) for c in cols))


def cmd_frames(args) -> int:
    from .frames import frame_summary
    from .load import load

    rows = frame_summary(load(args.data))
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    elif not rows:
        print("no frames in the data folder (derive them with `make data` where the archives are)")
    else:
        _print_table(rows, ["id", "language", "from", "to", "documents", "mentioning_other_side", "items",
                            "links"])
    return 0


def cmd_kwic(args) -> int:
    from .frames import frame_lines, statement_lines
    from .load import load
    from .terms import load_lexicon

    corpus = load(args.data)
    lex = load_lexicon(corpus)
    if args.concept not in lex.concepts:
        print(f"--concept: unknown concept {args.concept!r}; known: {', '.join(lex.concepts)}", file=sys.stderr)
        return 2
    if args.frame:
        known = [f["id"] for f in corpus.table("frames")]
        if args.frame not in known:
            print(f"--frame: unknown frame {args.frame!r}; known: {', '.join(known) or 'none (no derived data)'}",
                  file=sys.stderr)
            return 2
        lines = frame_lines(corpus, args.frame, args.concept, args.referent)
    else:
        lines = statement_lines(corpus, args.concept, args.referent, lex)
    keys = ("document", "date", "link", "concept", "referent", "sentence")
    lines = [{k: r[k] for k in keys} for r in lines]
    if args.format == "json":
        print(json.dumps(lines, ensure_ascii=False, indent=1))
    else:
        for r in lines:
            print(f"{r['date']}  {r['referent']:<12} {r['document']}  {' '.join(r['sentence'].split())}  <{r['link']}>")
        print(f"{len(lines)} line(s)", file=sys.stderr)
    return 0


def cmd_precision(args) -> int:
    from .load import load
    from .referents import score
    from .terms import load_lexicon

    corpus = load(args.data)
    sample = corpus.table("referent_sample")
    if args.held_out:
        sample = [r for r in sample if not r["tuned_on"]]
    df = score(sample, load_lexicon(corpus))
    rows = df.to_dict(orient="records")
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    for r in rows:
        for k in ("precision", "recall"):
            r[k] = "-" if r[k] is None or r[k] != r[k] else f"{r[k]:.2f}"
    _print_table(rows, ["concept", "language", "sentences", "labelled_relationship", "predicted_relationship",
                        "true_positive", "precision", "recall"])
    note = " (held out: not looked at while the rules were written)" if args.held_out else ""
    print(f"{len(sample)} labelled sentences{note}", file=sys.stderr)
    return 0


def add_cli(subparsers, data_arg) -> None:
    p = subparsers.add_parser("frames", help="the sampling frames (complete-text archives) and their counts")
    data_arg(p)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_frames)

    p = subparsers.add_parser("kwic", help="lines in context with their referent (a frame, or the statements)")
    data_arg(p)
    p.add_argument("--frame", help="frame id (default: the statements)")
    p.add_argument("--concept", required=True, help="lexicon concept, e.g. ALLIANCE")
    p.add_argument("--referent", choices=REFERENT_CHOICES, default="all")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_kwic)

    p = subparsers.add_parser("precision", help="referent rules vs the labelled sample: precision and recall")
    data_arg(p)
    p.add_argument("--held-out", action="store_true", help="only sentences not looked at while writing the rules")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_precision)
