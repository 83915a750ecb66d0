"""Add a full treaty text to a data folder: split at article headings, one witness per article.

All-or-nothing: the new tables are written to a scratch copy of the data folder, checked there with
the same checks as ``validate``, and only then renamed over the originals.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .load import check, data_dir, dumps_jsonl, read_jsonl
from .records import STATUSES
from .textsplit import SplitError, split_articles


class AddTextError(Exception):
    """A refusal: nothing was written."""


@dataclass(frozen=True)
class Added:
    witness_id: str
    clause: str
    heading: str
    chars: int
    new_clause: bool


def _read_utf8(path: Path) -> str:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise AddTextError(f"{path}: line {line}: not valid UTF-8 ({e.reason} at byte {e.start})") from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def add_text(
    file: str | os.PathLike,
    *,
    treaty: str,
    language: str,
    status: str,
    source_url: str,
    rendered_by: str | None = None,
    published: str | None = None,
    note: str = "",
    data: str | os.PathLike | None = None,
    dry_run: bool = False,
) -> list[Added]:
    path = Path(file)
    root = data_dir(data)
    if not path.is_file():
        raise AddTextError(f"{path}: no such file")
    corpus, problems = check(root)
    if problems:
        raise AddTextError(f"{root}: the data folder has {len(problems)} problem(s); run validate first:\n"
                           + "\n".join(map(str, problems[:10])))
    if treaty not in corpus.treaties:
        raise AddTextError(f"--treaty: unknown treaty {treaty!r}; known: {', '.join(sorted(corpus.treaties))}")
    if status not in STATUSES:
        raise AddTextError(f"--status: unknown status {status!r}; one of: {', '.join(STATUSES)}")
    if not source_url.startswith(("http://", "https://", "file://")):
        raise AddTextError(f"--source-url: not a URL: {source_url!r}")
    t = corpus.treaties[treaty]
    text = _read_utf8(path)
    try:
        preamble, articles = split_articles(text)
    except SplitError as e:
        raise AddTextError(f"{path}: {e}") from None
    if t.articles is not None and articles[-1].number != t.articles:
        have = articles[-1].number
        if have < t.articles:
            missing = ", ".join(str(n) for n in range(have + 1, t.articles + 1))
            raise AddTextError(
                f"{path}: missing article number(s): {missing} (the treaty has {t.articles} articles)"
            )
        raise AddTextError(
            f"{path}: line {articles[-1].line}: article {have} is beyond the treaty's {t.articles} articles"
        )

    digest = hashlib.sha1(source_url.encode()).hexdigest()[:8]
    by = rendered_by or "user-supplied full text"
    clause_rows = [obj for _, obj in read_jsonl(root / "clauses.jsonl")[0]]
    witness_rows = [obj for _, obj in read_jsonl(root / "witnesses.jsonl")[0]]
    known = {c["id"] for c in clause_rows}
    order = max((c["order"] for c in clause_rows if c["treaty"] == treaty), default=0)
    added: list[Added] = []
    pieces = [("preamble", "(text before the first article heading)", preamble, 1)] if preamble else []
    pieces += [(str(a.number), a.heading, a.text, a.line) for a in articles]
    for art, heading, body, line in pieces:
        cid = f"{treaty}/{art}"
        new_clause = cid not in known
        if new_clause:
            order += 1
            clause_rows.append(dict(
                id=cid, treaty=treaty, article=art, order=order,
                label=(f"Article {art} (added from a full text; label to be written)"
                       if art != "preamble" else "Preamble"),
                topics=[], parent=None, gap_leads=[], note=f"Created by add-text from {path.name}.",
            ))
            known.add(cid)
        wid = f"user-{treaty}-{language}-{art}-{digest}"
        if wid in corpus.witnesses:
            raise AddTextError(f"{path}: witness {wid} already exists (this source was added before); nothing written")
        witness_rows.append(dict(
            id=wid, clause=cid, language=language, status=status, rendered_by=by, source_url=source_url,
            published=published, complete=True, text=body,
            note=(note + " " if note else "")
            + f"Added with add-text; heading '{heading}' removed; split at line {line} of {path.name}.",
            mapping="attested", origin=f"{path.name} line {line}", source_article=heading,
        ))
        added.append(Added(wid, cid, heading, len(body), new_clause))

    # write into a scratch copy, check it, then swap the changed tables in
    with tempfile.TemporaryDirectory(prefix="explainer-add-") as tmp:
        scratch = Path(tmp) / "data"
        shutil.copytree(root, scratch)
        (scratch / "clauses.jsonl").write_text(dumps_jsonl(clause_rows), encoding="utf-8")
        (scratch / "witnesses.jsonl").write_text(dumps_jsonl(witness_rows), encoding="utf-8")
        _, problems = check(scratch)
        if problems:
            raise AddTextError("the result would not validate; nothing written:\n" + "\n".join(map(str, problems[:10])))
        if not dry_run:
            _swap_in(root, scratch, ("clauses.jsonl", "witnesses.jsonl"))
    return added


def _swap_in(root: Path, scratch: Path, names: tuple[str, ...]) -> None:
    """Replace several tables so that either all change or none does."""
    staged, backups, done = [], [], []
    try:
        for name in names:
            tmpfile = root / f".{name}.new-{os.getpid()}"
            backup = root / f".{name}.old-{os.getpid()}"
            shutil.copyfile(scratch / name, tmpfile)
            shutil.copyfile(root / name, backup)
            staged.append((tmpfile, root / name))
            backups.append((backup, root / name))
        for tmpfile, final in staged:
            os.replace(tmpfile, final)
            done.append(final)
    except BaseException:
        for backup, final in backups:
            if final in done:
                shutil.copyfile(backup, final)
        raise
    finally:
        for p in [t for t, _ in staged] + [b for b, _ in backups]:
            if p.exists():
                p.unlink()


def format_added(added: list[Added], dry_run: bool = False) -> str:
    verb = "would add" if dry_run else "added"
    lines = [f"{verb} {len(added)} witness(es):"]
    for a in added:
        lines.append(f"  {a.clause:<32} {a.heading:<16} {a.chars:>6} chars  {a.witness_id}"
                     + ("  (new clause)" if a.new_clause else ""))
    return "\n".join(lines)


def added_json(added: list[Added]) -> str:
    return json.dumps([a.__dict__ for a in added], ensure_ascii=False, indent=1)
