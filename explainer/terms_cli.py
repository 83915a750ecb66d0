"""``python -m explainer terms [--data DIR] [--format csv|json] [--method stem|lemma]``.

Prints statement × concept counts."""

from __future__ import annotations

import json
import sys


def cmd_terms(args) -> int:
    from .load import load
    from .terms import count_statements, load_lexicon

    corpus = load(args.data)
    try:
        lex = load_lexicon(corpus)
    except ValueError as e:
        print(f"terms: {e}", file=sys.stderr)
        return 1
    sts = corpus.statements
    sts = list(sts.values()) if isinstance(sts, dict) else list(sts)
    df = count_statements(sts, lex, method=args.method)
    if args.concept:
        unknown = sorted(set(args.concept) - set(lex.concepts))
        if unknown:
            print(
                f"--concept: unknown concept(s) {', '.join(unknown)}; known: {', '.join(lex.concepts)}",
                file=sys.stderr,
            )
            return 2
        df = df[df["concept"].isin(args.concept)]
    cols = [
        "statement_id",
        "concept",
        "hits",
        "words",
        "matched",
        "side",
        "speaker",
        "language",
        "is_translation",
        "date",
    ]
    df = df[cols]
    if args.format == "json":
        print(json.dumps(df.to_dict(orient="records"), ensure_ascii=False, indent=1))
    else:
        sys.stdout.write(df.to_csv(index=False))
    return 0


def add_cli(subparsers, data_arg) -> None:
    p = subparsers.add_parser(
        "terms", help="one row per statement x concept: hits, matched words, word count"
    )
    data_arg(p)
    p.add_argument("--format", choices=("csv", "json"), default="csv")
    p.add_argument(
        "--method", choices=("stem", "lemma"), default="stem", help="Russian matching (default stem)"
    )
    p.add_argument("--concept", action="append", help="only this concept (repeatable)")
    p.set_defaults(func=cmd_terms)
