"""Command line: ``python -m explainer COMMAND [--data DIR] …``.

Every command reads the data folder given by ``--data DIR``, else ``$EXPLAINER_DATA``, else the
repository's ``data/``.
"""

from __future__ import annotations

import argparse
import csv
import importlib
import io
import json
import os
import sys
from dataclasses import asdict

from .load import ENV_VAR, DataError, check, load

# Commands implemented in other modules: name -> "module:function" adding the subparser.
# Each function receives the subparsers object and sets ``func`` on its parser.
EXTERNAL_COMMANDS = {
    "terms": "explainer.terms_cli:add_cli",
    "site": "explainer.publish:add_site_cli",
    "handout": "explainer.publish:add_handout_cli",
    "fetch-assets": "explainer.publish:add_fetch_cli",
    "frames": "explainer.frames_cli:add_cli",  # adds frames, kwic, precision
}


def _data_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data", metavar="DIR", default=None,
                   help=f"data folder (default: ${ENV_VAR}, else the repository's data/)")


def cmd_validate(args) -> int:
    corpus, problems = check(args.data)
    problems = [*problems, *_archive_problems(getattr(args, "corpora", None))]
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s)", file=sys.stderr)
        return 1
    print(f"ok: {len(corpus.treaties)} treaties, {len(corpus.clauses)} clauses, {len(corpus.witnesses)} witnesses, "
          f"{len(corpus.statements)} statements, {len(corpus.events)} events, {len(corpus.families)} families, "
          f"{len(corpus.links)} links")
    return 0


def _archive_problems(corpora) -> list[str]:
    """Bad input in the corpora archives (when a corpora folder is found), one line each (explainer.frames)."""
    from .frames import MISSING_ARCHIVE, corpora_dir, read_frames

    root = corpora_dir(corpora)
    if root is None:
        return []
    return [w for w in read_frames(root)[1] if MISSING_ARCHIVE not in w]  # a frame may be absent, not bad


def cmd_coverage(args) -> int:
    from .coverage import coverage, format_table

    corpus = load(args.data)
    if args.treaty and args.treaty not in corpus.treaties:
        print(f"--treaty: unknown treaty {args.treaty!r}; known: {', '.join(sorted(corpus.treaties))}", file=sys.stderr)
        return 2
    langs = tuple(args.languages.split(",")) if args.languages else None
    rows = coverage(corpus, args.treaty, langs)
    if args.format == "json":
        print(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=1))
    elif args.format == "csv":
        buf = io.StringIO()
        langs = list(rows[0].cells) if rows else []
        w = csv.writer(buf)
        w.writerow(["clause", "treaty", "heading", "label", *langs, "complete_authentic"])
        for r in rows:
            w.writerow([r.clause, r.treaty, r.heading, r.label, *(r.cells[x] for x in langs), r.has_complete_authentic])
        print(buf.getvalue(), end="")
    else:
        print(format_table(rows))
    return 0


def cmd_add_text(args) -> int:
    from .addtext import AddTextError, add_text, format_added

    try:
        added = add_text(args.file, treaty=args.treaty, language=args.language, status=args.status,
                         source_url=args.source_url, rendered_by=args.rendered_by, published=args.published,
                         note=args.note or "", data=args.data, dry_run=args.dry_run)
    except AddTextError as e:
        print(f"add-text: {e}", file=sys.stderr)
        return 1
    print(format_added(added, args.dry_run))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m explainer", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="schema and domain checks; one line per problem; exit 1 on any")
    _data_arg(p)
    p.add_argument("--corpora", metavar="DIR", help="archives of complete texts to check too (default: "
                   "$EXPLAINER_CORPORA, else ../shared/sources/corpora when present)")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("coverage", help="clauses x languages: what we hold")
    _data_arg(p)
    p.add_argument("--treaty", help="only this treaty")
    p.add_argument("--languages", help="comma-separated language codes (default ko,ru,en,zh,ja)")
    p.add_argument("--format", choices=("text", "csv", "json"), default="text")
    p.set_defaults(func=cmd_coverage)

    p = sub.add_parser("add-text", help="split a full text at its article headings into witnesses")
    _data_arg(p)
    p.add_argument("file", help="UTF-8 text file with article headings (Article N, Статья N, 제N조; roman numerals ok)")
    p.add_argument("--treaty", required=True)
    p.add_argument("--language", required=True)
    p.add_argument("--status", required=True, help="e.g. 'authentic text' or 'official translation'")
    p.add_argument("--source-url", required=True)
    p.add_argument("--rendered-by", help="who published this text")
    p.add_argument("--published", help="publication date YYYY-MM-DD")
    p.add_argument("--note", help="anything a reader should know about this text")
    p.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    p.set_defaults(func=cmd_add_text)

    for _name, target in EXTERNAL_COMMANDS.items():
        mod, _, fn = target.partition(":")
        try:
            module = importlib.import_module(mod)
        except ModuleNotFoundError as e:  # tests/test_cli.py asserts every command is registered
            if e.name != mod:
                raise
            continue
        getattr(module, fn)(sub, _data_arg)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    saved = os.environ.get(ENV_VAR)
    if getattr(args, "data", None):
        os.environ[ENV_VAR] = str(args.data)  # so that code run from here (notebook kernels, site) sees it too
    try:
        return args.func(args)
    except DataError as e:
        print(e, file=sys.stderr)
        return 1
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    finally:
        if saved is None:
            os.environ.pop(ENV_VAR, None)
        else:
            os.environ[ENV_VAR] = saved


if __name__ == "__main__":
    raise SystemExit(main())
