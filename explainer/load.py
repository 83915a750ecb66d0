"""Read and check a data folder. The only module that knows where data lives.

The folder is chosen by, in order: an explicit ``data_dir`` argument (``--data DIR`` on the command line),
the ``EXPLAINER_DATA`` environment variable, the repository's ``data/``.

A data folder holds ``datapackage.json`` (the machine-readable schema: one resource per ``.jsonl`` table,
each with a JSON Schema) and the tables. Every problem found is reported as one :class:`Problem`
(file, line or record id, field, message); :func:`load` refuses to return a corpus that has any.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .records import (
    KINDS,
    LINK_TYPES,
    MAPPINGS,
    RECORD_TYPES,
    SIDES,
    STATUSES,
    Corpus,
    from_dict,
)

ENV_VAR = "EXPLAINER_DATA"
REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO_ROOT / "data"
LANGUAGES = ("ru", "ko", "en", "ja", "zh", "fr", "es")


def data_dir(explicit: str | os.PathLike | None = None) -> Path:
    if explicit:
        return Path(explicit)
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    return DEFAULT_DATA


def sources_dir() -> Path:
    """The shared primary-source folder (``../shared/sources`` beside the checkout), if present."""
    env = os.environ.get("EXPLAINER_SOURCES")
    return Path(env) if env else REPO_ROOT.parent / "shared" / "sources"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    where: str  # "line 12" or "record 2024-04-ru-01" or "-"
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.where}: {self.field}: {self.message}"


class DataError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        head = "\n".join(str(p) for p in problems[:20])
        more = f"\n... and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"{len(problems)} problem(s) in the data:\n{head}{more}")


# ------------------------------------------------------------------------------------------------------
# reading
# ------------------------------------------------------------------------------------------------------


def read_package(root: Path) -> tuple[dict, list[Problem]]:
    path = root / "datapackage.json"
    if not path.exists():
        return {}, [Problem(str(path), "-", "-", "missing datapackage.json (is this a data folder?)")]
    try:
        return json.loads(path.read_bytes().decode("utf-8")), []
    except UnicodeDecodeError as e:
        return {}, [Problem(str(path), "-", "-", f"not valid UTF-8 ({e.reason} at byte {e.start})")]
    except json.JSONDecodeError as e:
        return {}, [Problem(str(path), f"line {e.lineno}", "-", f"invalid JSON: {e.msg}")]


def read_jsonl(path: Path) -> tuple[list[tuple[int, dict]], list[Problem]]:
    """Rows as (line number, object). Blank lines are skipped; anything else must be a JSON object."""
    rows: list[tuple[int, dict]] = []
    problems: list[Problem] = []
    raw = path.read_bytes()
    for lineno, line in enumerate(raw.split(b"\n"), start=1):
        if not line.strip():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as e:
            problems.append(
                Problem(str(path), f"line {lineno}", "-", f"not valid UTF-8 ({e.reason} at byte {e.start})")
            )
            continue
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as e:
            problems.append(Problem(str(path), f"line {lineno}", "-", f"invalid JSON: {e.msg} (column {e.colno})"))
            continue
        if not isinstance(obj, dict):
            problems.append(Problem(str(path), f"line {lineno}", "-", "expected a JSON object"))
            continue
        rows.append((lineno, obj))
    return rows, problems


def drop_exact_duplicates(path: Path, rows: list[tuple[int, dict]]) -> tuple[list[tuple[int, dict]], list[Problem]]:
    """Rows without exact repeats (the same JSON object, whatever its key order or spacing), and one problem
    per repeat naming the line it repeats: a duplicated record would otherwise be counted and shown twice."""
    first: dict[str, int] = {}
    kept, problems = [], []
    for lineno, obj in rows:
        key = json.dumps(obj, sort_keys=True, ensure_ascii=False)
        if key in first:
            problems.append(Problem(str(path), f"line {lineno}", "-", f"duplicate of line {first[key]}"))
            continue
        first[key] = lineno
        kept.append((lineno, obj))
    return kept, problems


def _schema_problems(path: Path, lineno: int, obj: dict, schema: dict) -> list[Problem]:
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema)
    out = []
    for err in sorted(validator.iter_errors(obj), key=lambda e: list(e.path)):
        if err.validator == "required":
            missing = re.findall(r"'([^']+)' is a required property", err.message)
            fld = missing[0] if missing else "-"
            msg = "missing required field"
        elif err.validator == "additionalProperties":
            extra = re.findall(r"'([^']+)'", err.message)
            fld = ",".join(extra) or "-"
            msg = "unknown field"
        else:
            fld = ".".join(str(p) for p in err.path) or "-"
            msg = err.message
        out.append(Problem(str(path), f"line {lineno}", fld, msg))
    return out


# ------------------------------------------------------------------------------------------------------
# checking
# ------------------------------------------------------------------------------------------------------

DATE_RE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")


def _parse_date(s: str) -> bool:
    if not DATE_RE.match(s):
        return False
    parts = [int(p) for p in s.split("-")]
    try:
        date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def _url_ok(u: Any) -> bool:
    return isinstance(u, str) and bool(re.match(r"^(https?|file)://\S+$", u))


def check(root: str | os.PathLike | None = None) -> tuple[Corpus | None, list[Problem]]:
    """Read every table of a data folder and run schema and domain checks. Never writes."""
    root = data_dir(root)
    if not root.is_dir():
        return None, [Problem(str(root), "-", "-", "data folder does not exist")]
    package, problems = read_package(root)
    if problems:
        return None, problems

    rows_by_table: dict[str, list[tuple[int, dict]]] = {}
    paths: dict[str, Path] = {}
    for res in package.get("resources", []):
        name, rel = res.get("name"), res.get("path")
        path = root / rel
        paths[name] = path
        if not path.exists():
            if res.get("required", True):
                problems.append(Problem(str(path), "-", "-", "table listed in datapackage.json is missing"))
            rows_by_table[name] = []
            continue
        rows, probs = read_jsonl(path)
        problems += probs
        rows, probs = drop_exact_duplicates(path, rows)
        problems += probs
        schema = res.get("schema")
        good = []
        for lineno, obj in rows:
            sp = _schema_problems(path, lineno, obj, schema) if schema else []
            problems += sp
            if not sp:
                good.append((lineno, obj))
        rows_by_table[name] = good
    for name in RECORD_TYPES:
        if name not in paths:
            problems.append(Problem(str(root / "datapackage.json"), "-", "resources", f"no resource named {name!r}"))

    corpus = Corpus(root=str(root))
    where: dict[tuple[str, str], tuple[Path, int]] = {}

    def loc(table: str, rid: str) -> tuple[str, str]:
        p, ln = where.get((table, rid), (paths.get(table, Path(table)), 0))
        return str(p), f"line {ln}" if ln else f"record {rid}"

    # build records, unique ids
    for name, cls in RECORD_TYPES.items():
        store = getattr(corpus, name)
        for lineno, obj in rows_by_table.get(name, []):
            rec = from_dict(cls, obj)
            rid = getattr(rec, "id", None)
            if isinstance(store, dict):
                if rid in store:
                    first = where[(name, rid)][1]
                    problems.append(
                        Problem(
                            str(paths[name]), f"line {lineno}", "id", f"duplicate id {rid!r} (first on line {first})"
                        )
                    )
                    continue
                store[rid] = rec
                where[(name, rid)] = (paths[name], lineno)
            else:
                store.append(rec)
                if rid:
                    where[(name, rid)] = (paths[name], lineno)
                where[(name, f"#{len(store)}")] = (paths[name], lineno)
    for name, rows in rows_by_table.items():
        if name not in RECORD_TYPES:
            corpus.extra[name] = [obj for _, obj in rows]
            for lineno, obj in rows:
                if isinstance(obj.get("id"), str):
                    where.setdefault((name, obj["id"]), (paths[name], lineno))

    problems += _domain_problems(corpus, loc)
    return corpus, sorted(set(problems), key=lambda p: (p.file, _line_key(p.where), p.field, p.message))


def _line_key(where: str) -> tuple:
    m = re.match(r"line (\d+)", where)
    return (0, int(m.group(1)), "") if m else (1, 0, where)


def _domain_problems(c: Corpus, loc) -> list[Problem]:
    out: list[Problem] = []

    def bad(table, rid, fld, msg):
        f, w = loc(table, rid)
        out.append(Problem(f, w, fld, msg))

    for t in c.treaties.values():
        for fld in ("signed_date", "in_force_date", "end_date"):
            v = getattr(t, fld)
            if v is not None and not _parse_date(v):
                bad("treaties", t.id, fld, f"not a date (YYYY-MM-DD or YYYY-MM): {v!r}")
        for r in t.replaces:
            if r not in c.treaties:
                bad("treaties", t.id, "replaces", f"unknown treaty {r!r}")
            if t.basis_of(r) is None:
                bad("treaties", t.id, "replaces_basis", f"no source-backed basis for replacing {r!r}")
        known = {**c.statements, **c.witnesses, **{e.id: e for e in c.events}}
        for b in t.replaces_basis:
            if b["treaty"] not in t.replaces:
                bad("treaties", t.id, "replaces_basis", f"{b['treaty']!r} is not in replaces")
            for rid in b["records"]:
                if rid not in known:
                    bad("treaties", t.id, "replaces_basis", f"unknown record {rid!r}")
        for lang in t.authentic_languages:
            if lang not in LANGUAGES:
                bad("treaties", t.id, "authentic_languages", f"unknown language {lang!r}")
        if not t.source_urls or not all(_url_ok(u) for u in t.source_urls):
            bad("treaties", t.id, "source_urls", "at least one http(s) URL is required")

    for t in c.treaties.values():
        msg = _article_count_problem(c, t)
        if msg:
            bad("treaties", t.id, "articles", msg)

    for cl in c.clauses.values():
        if cl.treaty not in c.treaties:
            bad("clauses", cl.id, "treaty", f"unknown treaty {cl.treaty!r}")
        if cl.id != f"{cl.treaty}/{cl.article}":
            bad("clauses", cl.id, "id", f"must be '<treaty>/<article>' = {cl.treaty}/{cl.article}")
        if cl.parent is not None and cl.parent not in c.clauses:
            bad("clauses", cl.id, "parent", f"unknown clause {cl.parent!r}")
        if not cl.label.strip():
            bad("clauses", cl.id, "label", "empty")

    for w in c.witnesses.values():
        if w.clause not in c.clauses:
            parts = _parts_of(c, w.treaty)
            if parts:
                bad("witnesses", w.id, "clause",
                    f"article {w.clause.split('/', 1)[-1]!r} is not among the parts of {w.treaty!r} ({parts})")
            else:
                bad("witnesses", w.id, "clause", f"unknown clause {w.clause!r}")
        if w.kind not in KINDS:
            bad("witnesses", w.id, "kind", f"unknown kind {w.kind!r} (one of: {', '.join(KINDS)})")
        if w.status not in STATUSES:
            bad("witnesses", w.id, "status", f"unknown status {w.status!r} (one of: {', '.join(STATUSES)})")
        if w.mapping not in MAPPINGS:
            bad("witnesses", w.id, "mapping", f"unknown mapping {w.mapping!r} (one of: {', '.join(MAPPINGS)})")
        if w.language not in LANGUAGES:
            bad("witnesses", w.id, "language", f"unknown language {w.language!r}")
        if not w.text.strip():
            bad("witnesses", w.id, "text", "empty text")
        if w.source_url is None and w.source is None:
            bad("witnesses", w.id, "source_url", "a witness needs a source_url or a source id")
        if w.source_url is not None and not _url_ok(w.source_url):
            bad("witnesses", w.id, "source_url", f"not a URL: {w.source_url!r}")
        if w.source is not None and w.source not in c.sources:
            bad("witnesses", w.id, "source", f"unknown source {w.source!r}")
        if w.published is not None and not _parse_date(w.published):
            bad("witnesses", w.id, "published", f"not a date: {w.published!r}")

    for s in c.statements.values():
        if s.side not in SIDES:
            bad("statements", s.id, "side", f"unknown side {s.side!r}")
        if not _parse_date(s.date):
            bad("statements", s.id, "date", f"not a date: {s.date!r}")
        if s.language not in LANGUAGES:
            bad("statements", s.id, "language", f"unknown language {s.language!r}")
        if not s.text.strip():
            bad("statements", s.id, "text", "empty text")
        if s.source_url is None and s.source is None:
            bad("statements", s.id, "source_url", "a statement needs a source_url or a source id")
        if s.source_url is not None and not _url_ok(s.source_url):
            bad("statements", s.id, "source_url", f"not a URL: {s.source_url!r}")
        if s.source is not None and s.source not in c.sources:
            bad("statements", s.id, "source", f"unknown source {s.source!r}")

    for table in ("sayings", "corrections"):  # groups and flags must name statements we hold
        for n, row in enumerate(c.extra.get(table, []), start=1):
            for sid in [*row.get("ids", []), *([row["statement"]] if row.get("statement") else []),
                        *([row["id"]] if table == "corrections" and row.get("id") else [])]:
                if sid not in c.statements:
                    out.append(Problem(f"{c.root}/{table}.jsonl", f"line {n}", "ids", f"no statement {sid!r}"))

    for _, e in enumerate(c.events, start=1):
        rid = e.id
        if not _parse_date(e.date):
            bad("events", rid, "date", f"not a date: {e.date!r}")
        if not _url_ok(e.source_url):
            bad("events", rid, "source_url", f"missing or not a URL: {e.source_url!r}")
        if e.treaty is not None and e.treaty not in c.treaties:
            bad("events", rid, "treaty", f"unknown treaty {e.treaty!r}")
        if e.relayed_by and not e.claimed_by:
            bad("events", rid, "relayed_by", "a relayed report needs claimed_by (whose claim it is)")
    seen = {}
    for e in c.events:
        if e.id in seen:
            bad("events", e.id, "id", f"duplicate id {e.id!r}")
        seen[e.id] = 1

    for s in c.sources.values():
        if not _parse_date(s.published):
            bad("sources", s.id, "published", f"not a date: {s.published!r}")

    for f in c.families.values():
        for cid in f.clauses:
            if cid not in c.clauses:
                bad("families", f.id, "clauses", f"unknown clause {cid!r}")
        if f.focus not in f.clauses:
            bad("families", f.id, "focus", f"{f.focus!r} is not one of the family's clauses")
    for i, lk in enumerate(c.links, start=1):
        rid = f"#{i}"
        if lk.family not in c.families:
            bad("links", rid, "family", f"unknown family {lk.family!r}")
        for fld in ("source", "target"):
            cid = getattr(lk, fld)
            if cid not in c.clauses:
                bad("links", rid, fld, f"unknown clause {cid!r}")
            elif lk.family in c.families and cid not in c.families[lk.family].clauses:
                bad("links", rid, fld, f"clause {cid!r} is not in family {lk.family!r}")
        if lk.type not in LINK_TYPES:
            bad("links", rid, "type", f"unknown link type {lk.type!r} (one of: {', '.join(LINK_TYPES)})")
        if not lk.reason.strip():
            bad("links", rid, "reason", "every link needs a one-line reason")
        for fld in ("evidence_for", "evidence_against"):
            for ref in getattr(lk, fld):
                if ref not in c.witnesses and ref not in c.statements:
                    bad("links", rid, fld, f"unknown witness or statement {ref!r}")
        if lk.interpretation and not (lk.evidence_for and lk.evidence_against):
            bad("links", rid, "interpretation", "an interpretation needs evidence on both sides "
                "(evidence_for and evidence_against)")
    for q in c.extra.get("questions", []):
        for group in q.get("evidence", []):
            for ref in group.get("ids", []):
                known = ref in c.witnesses or ref in c.statements or any(e.id == ref for e in c.events)
                if not known and ref not in c.sources and ref not in c.treaties and ref not in c.clauses:
                    bad("questions", q.get("id", "?"), "evidence", f"unknown record {ref!r}")
    return out


def _parts_of(c: Corpus, treaty: str) -> str:
    """'preamble, 1–23, closing': the parts a treaty has in clauses.jsonl, for error messages."""
    arts = [cl.article for cl in c.clauses_of(treaty)]
    nums = sorted(int(a) for a in arts if a.isdigit())
    other = [a for a in arts if not a.split(".")[0].isdigit()]
    span = f"{nums[0]}–{nums[-1]}" if nums and nums == list(range(nums[0], nums[-1] + 1)) else ", ".join(map(str, nums))
    return ", ".join(x for x in [*other[:1], span, *other[1:]] if x)


def _article_count_problem(c: Corpus, t) -> str | None:
    """A treaty that gives its number of articles must have exactly the articles 1…N as clause records
    (a missing one is a gap row, never absent)."""
    if t.articles is None:
        return None
    nums = {int(cl.article) for cl in c.clauses_of(t.id) if cl.article.isdigit()}
    want = set(range(1, t.articles + 1))
    if nums == want:
        return None
    missing, extra = sorted(want - nums), sorted(nums - want)
    bits = ([f"no clause for article(s) {', '.join(map(str, missing))}"] if missing else []) + (
        [f"clauses for article(s) {', '.join(map(str, extra))} beyond it"] if extra else [])
    return f"says {t.articles} articles but clauses.jsonl disagrees: {'; '.join(bits)}"


_CACHE: dict[tuple[str, float], Corpus] = {}


def load(data: str | os.PathLike | None = None) -> Corpus:
    """Load and check a data folder; raise :class:`DataError` listing every problem."""
    root = data_dir(data).resolve()
    stamp = max((p.stat().st_mtime for p in root.glob("*")), default=0.0) if root.is_dir() else 0.0
    key = (str(root), stamp)
    if key in _CACHE:
        return _CACHE[key]
    corpus, problems = check(root)
    if problems:
        raise DataError(problems)
    _CACHE.clear()
    _CACHE[key] = corpus
    return corpus


def load_treaty(treaty_id: str, data: str | os.PathLike | None = None) -> Corpus:
    """A corpus restricted to one treaty: its record, clauses, witnesses, families touching it."""
    full = load(data)
    if treaty_id not in full.treaties:
        raise KeyError(f"unknown treaty {treaty_id!r}; known: {', '.join(sorted(full.treaties))}")
    clauses = {k: v for k, v in full.clauses.items() if v.treaty == treaty_id}
    return Corpus(
        root=full.root,
        treaties={treaty_id: full.treaties[treaty_id]},
        clauses=clauses,
        witnesses={k: v for k, v in full.witnesses.items() if v.clause in clauses},
        statements={},
        events=[e for e in full.events if e.treaty == treaty_id],
        sources=full.sources,
        families={k: f for k, f in full.families.items() if any(cid in clauses for cid in f.clauses)},
        links=[lk for lk in full.links if lk.source in clauses or lk.target in clauses],
        extra={},
    )


# ------------------------------------------------------------------------------------------------------
# writing (atomic)
# ------------------------------------------------------------------------------------------------------


def dumps_jsonl(rows: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def atomic_write(path: Path, text: str) -> None:
    """Write through a temporary file in the same folder and rename it over ``path``."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
