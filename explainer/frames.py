"""Sampling frames: complete texts read from the archives in ``../shared/sources/corpora`` (see its README).

A *frame* is one archive in its published format, read by one small adapter, turned into *documents*: id,
frame, date, title, links, language, status, text. KCNA files one article under several links (one per topic
menu) and its archive is cumulative, so documents are identified by their normalised text (whitespace
collapsed), never by their links: every link of a text is kept on its one document.

Where the archives are: ``--corpora DIR``, else ``$EXPLAINER_CORPORA``, else ``../shared/sources/corpora``
when present. They are inputs and are never copied into the project; ``tools/import_sources.py`` derives
the ``frame_*`` tables of ``data/`` from them.

Bad input (an unknown format, malformed JSON or CSV, a row without its date or text field) raises
:class:`FrameError` with one line naming file, row and field; :func:`read_frames` then leaves that frame out
with a warning and reads the others. Gaps the corpora README documents as the archive's own (KCNA links
stored without text; kremlin.ru announcements stored without a date) are left out and counted, not errors.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from datetime import date as _date
from functools import lru_cache
from pathlib import Path

ENV_VAR = "EXPLAINER_CORPORA"
MISSING_ARCHIVE = "no archive matching"


@dataclass(frozen=True)
class FrameSpec:
    id: str
    file: str  # glob inside the corpora folder
    format: str  # adapter name, see ADAPTERS
    language: str
    status: str  # "state-media translation" | "original"
    publisher: str
    side: str  # whose texts: "DPRK" | "Russia"
    other_side: str  # the side a document must mention to count as "mentioning the other side"


FRAMES: dict[str, FrameSpec] = {
    f.id: f
    for f in (
        FrameSpec("kcna-english", "kcna-english-archive-*.json", "kcna-json", "en", "state-media translation",
                  "KCNA (Korean Central News Agency), English service", "DPRK", "Russia"),
        FrameSpec("kremlin-ru", "kremlin-ru-*.csv", "kremlin-csv", "ru", "original",
                  "kremlin.ru (Presidential Executive Office of Russia)", "Russia", "DPRK"),
        FrameSpec("mfa-telegram-en", "mfa-russia-telegram-en-*.csv", "mfa-telegram-csv", "en", "original",
                  "Russian Foreign Ministry, English Telegram channel @MFARussia", "Russia", "DPRK"),
    )
}

# Words by which a document names the other side (per frame language; whole words, case-insensitive).
OTHER_SIDE = {
    ("en", "Russia"): r"russia|russian|moscow|kremlin|putin",
    ("ru", "DPRK"): r"кндр|пхеньян\w*|ким\s+чен\s+ын\w*|северн\w+\s+коре\w+|северокорейск\w*|"
                    r"корейск\w+\s+народно-демократическ\w*",
    ("en", "DPRK"): r"dprk|north\s+korea\w*|pyongyang|kim\s+jong\s+un|democratic\s+people's\s+republic\s+of\s+korea",
}


@lru_cache(maxsize=8)
def _side_re(language: str, side: str) -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{OTHER_SIDE[(language, side)]})(?!\w)")


def mentions(text: str, language: str, side: str, *, lowered: bool = False) -> bool:
    """Whether ``text`` names ``side`` (``lowered``: the text is lower-cased already, e.g. normalised)."""
    return _side_re(language, side).search(text if lowered else text.lower()) is not None


class FrameError(ValueError):
    """Bad input in an archive: ``str(e)`` is one line naming file, row and field."""

    def __init__(self, file: str, row: str, fld: str, message: str):
        self.file, self.row, self.field, self.message = file, row, fld, message
        super().__init__(f"{file}:{row}: {fld}: {message}")


@dataclass(frozen=True)
class Document:
    id: str
    frame: str
    date: str
    title: str
    links: tuple[str, ...]
    language: str
    status: str
    text: str
    topics: tuple[str, ...] = ()

    @property
    def link(self) -> str:
        return self.links[0] if self.links else ""


@dataclass
class Frame:
    spec: FrameSpec
    path: Path
    documents: list[Document]
    rows: int  # items in the archive
    links: int  # distinct links among them
    skipped: dict[str, int] = field(default_factory=dict)  # documented gaps left out: reason -> rows

    @property
    def id(self) -> str:
        return self.spec.id


# --- adapters: file -> items (row label, date, title, link, text, topic) -----------------------------------

Item = tuple[str, str, str, str, str, str]


def _need(row: dict, key: str, file: str, where: str) -> str:
    v = row.get(key)
    if v is None:
        raise FrameError(file, where, key, "missing")
    if not isinstance(v, str | int):
        raise FrameError(file, where, key, f"expected text, got {type(v).__name__}")
    return str(v)


def _iso_date(v: str, file: str, where: str, key: str) -> str:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
        raise FrameError(file, where, key, f"not a date (YYYY-MM-DD): {v[:40]!r}")
    try:
        _date.fromisoformat(v)
    except ValueError:
        raise FrameError(file, where, key, f"not a date: {v!r}") from None
    return v


def read_kcna_json(raw: bytes, file: str) -> Iterable[Item]:
    """KCNA archive: a JSON list of objects with topic, headline, link, date (epoch ms), date_str, story_text.

    An empty ``story_text`` is the archive's design (full text only for key topics): yielded with no text and
    counted by the caller. A missing field or a ``date_str`` that is no date is an error."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as e:
        raise FrameError(file, "-", "-", f"not valid UTF-8 ({e.reason} at byte {e.start})") from None
    except json.JSONDecodeError as e:
        raise FrameError(file, f"line {e.lineno}", "-", f"malformed JSON: {e.msg} (column {e.colno})") from None
    if not isinstance(data, list):
        raise FrameError(file, "-", "-", "expected a JSON list of articles")
    for n, row in enumerate(data):
        where = f"item {n}"
        if not isinstance(row, dict):
            raise FrameError(file, where, "-", "expected an object")
        date = _iso_date(_need(row, "date_str", file, where), file, where, "date_str")
        text = _need(row, "story_text", file, where)
        yield (where, date, _need(row, "headline", file, where), _need(row, "link", file, where), text,
               str(row.get("topic") or ""))


def _csv_rows(raw: bytes, file: str, required: tuple[str, ...]) -> Iterable[tuple[str, dict]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise FrameError(file, "-", "-", f"not valid UTF-8 ({e.reason} at byte {e.start})") from None
    csv.field_size_limit(1 << 28)
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    header = reader.fieldnames or []
    for key in required:
        if key not in header:
            raise FrameError(file, "line 1", key, "column missing from the header")
    start = 1
    try:
        for row in reader:
            where = f"line {start + 1}"  # the line the record starts on
            start = reader.line_num
            if None in row:
                raise FrameError(file, where, "-", f"malformed CSV: {len(header) + len(row[None])} cells, "
                                                   f"header has {len(header)}")
            yield where, row
    except csv.Error as e:
        raise FrameError(file, f"line {start + 1}", "-", f"malformed CSV: {e}") from None


def read_kremlin_csv(raw: bytes, file: str) -> Iterable[Item]:
    """kremlin.ru CSV: title, date (YYYY-MM-DD), url and the text in article_full_text_1..10 (joined in order).

    An empty ``date`` is how the archive stores announcements of coming events (README: 191 of 200 dated):
    yielded with no date and counted by the caller. An empty text is an error."""
    parts = [f"article_full_text_{k}" for k in range(1, 11)]
    for where, row in _csv_rows(raw, file, ("title", "date", "url", *parts)):
        text = "".join(row[p] for p in parts)
        if not text.strip():
            raise FrameError(file, where, "article_full_text_1", "no text")
        date = row["date"].strip()
        if date:
            _iso_date(date, file, where, "date")
        yield where, date, row["title"], row["url"], text, ""


def read_mfa_telegram_csv(raw: bytes, file: str) -> Iterable[Item]:
    """MFA Telegram CSV: message_id, date (ISO 8601 with zone), text, urls ('|'-separated). The post's link is
    its t.me address; the date is the UTC day. A missing date or text is an error."""
    for where, row in _csv_rows(raw, file, ("message_id", "date", "text")):
        if not row["text"].strip():
            raise FrameError(file, where, "text", "no text")
        v = row["date"].strip()
        if not v:
            raise FrameError(file, where, "date", "no date")
        try:
            day = datetime.fromisoformat(v).astimezone(UTC).strftime("%Y-%m-%d")
        except ValueError:
            raise FrameError(file, where, "date", f"not an ISO 8601 date: {v[:40]!r}") from None
        mid = row["message_id"].strip()
        if not mid.isdigit():
            raise FrameError(file, where, "message_id", f"not a number: {mid[:20]!r}")
        yield where, day, "", f"https://t.me/MFARussia/{mid}", row["text"], ""


ADAPTERS: dict[str, Callable[[bytes, str], Iterable[Item]]] = {
    "kcna-json": read_kcna_json,
    "kremlin-csv": read_kremlin_csv,
    "mfa-telegram-csv": read_mfa_telegram_csv,
}


# --- documents ---------------------------------------------------------------------------------------------


def text_key(text: str) -> str:
    """What identifies a document: its text with whitespace collapsed."""
    return " ".join(text.split())


def document_id(frame: str, text: str, key: str | None = None) -> str:
    """``frame/`` + the first 12 hex digits of the SHA-1 of the text's :func:`text_key` (``key`` if given)."""
    return f"{frame}/{hashlib.sha1((key or text_key(text)).encode('utf-8')).hexdigest()[:12]}"


def documents_from_items(spec: FrameSpec, items: Iterable[Item]) -> tuple[list[Document], int, int, dict]:
    """Deduplicate items by normalised text: one document per text, with every link it was filed under, the
    earliest date and the first title. Returns documents (by date, id), items, distinct links, skipped."""
    by_key: dict[str, dict] = {}
    links: set[str] = set()
    n = 0
    skipped: dict[str, int] = {}
    for _where, date, title, link, text, topic in items:
        n += 1
        if link:
            links.add(link)
        if not text.strip():
            skipped["stored without text"] = skipped.get("stored without text", 0) + 1
            continue
        if not date:
            skipped["stored without a date"] = skipped.get("stored without a date", 0) + 1
            continue
        key = text_key(text)
        d = by_key.get(key)
        if d is None:
            by_key[key] = {"key": key, "date": date, "title": title, "links": [link] if link else [], "text": text,
                           "topics": [topic] if topic else []}
            continue
        d["date"] = min(d["date"], date)
        if link and link not in d["links"]:
            d["links"].append(link)
        if topic and topic not in d["topics"]:
            d["topics"].append(topic)
        if not d["title"] and title:
            d["title"] = title
    docs = [
        Document(document_id(spec.id, d["text"], d["key"]), spec.id, d["date"], d["title"], tuple(d["links"]),
                 spec.language, spec.status, d["text"], tuple(d["topics"]))
        for d in by_key.values()
    ]
    docs.sort(key=lambda d: (d.date, d.id))
    return docs, n, len(links), skipped


def corpora_dir(explicit: str | os.PathLike | None = None) -> Path | None:
    """``explicit``, else ``$EXPLAINER_CORPORA``, else ``../shared/sources/corpora`` when present, else None."""
    if explicit:
        return Path(explicit)
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    from .load import sources_dir

    default = sources_dir() / "corpora"
    return default if default.is_dir() else None


def find_archive(spec: FrameSpec, folder: Path) -> Path | None:
    found = sorted(folder.glob(spec.file))
    return found[-1] if found else None


def read_frame(spec: FrameSpec, path: Path) -> Frame:
    """Read one archive with its frame's adapter; FrameError on bad input (nothing partial is returned)."""
    adapter = ADAPTERS.get(spec.format)
    if adapter is None:
        raise FrameError(str(path), "-", "format", f"unknown archive format {spec.format!r}; known: "
                                                   f"{', '.join(ADAPTERS)}")
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise FrameError(str(path), "-", "-", f"cannot read ({e.strerror})") from None
    docs, n, links, skipped = documents_from_items(spec, list(adapter(raw, str(path))))
    return Frame(spec, path, docs, n, links, skipped)


def read_frames(
    folder: str | os.PathLike | None = None, frames: Iterable[str] | None = None
) -> tuple[list[Frame], list[str]]:
    """Every frame whose archive is in ``folder`` (see :func:`corpora_dir`), and one warning line per frame left
    out (bad input, or its archive not found)."""
    root = corpora_dir(folder)
    out: list[Frame] = []
    warnings: list[str] = []
    if root is None or not root.is_dir():
        return out, [f"no corpora folder ({root or '../shared/sources/corpora'}): pass --corpora DIR or set "
                     f"${ENV_VAR}"]
    for fid in frames or FRAMES:
        spec = FRAMES[fid]
        path = find_archive(spec, root)
        if path is None:
            warnings.append(f"{root}: {fid}: {MISSING_ARCHIVE} {spec.file}; frame left out")
            continue
        try:
            out.append(read_frame(spec, path))
        except FrameError as e:
            warnings.append(f"{e} (frame {fid} left out)")
    return out, warnings


__all__ = ["FRAMES", "Document", "Frame", "FrameError", "FrameSpec", "corpora_dir", "read_frame", "read_frames"]


# --- derived tables (what data/ keeps; written by tools/import_sources.py) ---------------------------------


def readme_caveats(folder: Path) -> list[str]:
    """The bullets of the corpora README's "Caveats to show readers" section, verbatim (joined lines)."""
    p = folder / "README.md"
    if not p.exists():
        return []
    text = p.read_text(encoding="utf-8")
    m = re.search(r"^## Caveats to show readers\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    if not m:
        return []
    items = re.split(r"^- ", m.group(1), flags=re.M)
    return [" ".join(x.split()) for x in items if x.strip()]


def derive(frames: Iterable[Frame], lexicon, caveats: list[str] | None = None) -> dict[str, list[dict]]:
    """The derived tables for ``frames``: ``frames`` (one row per frame), ``frame_documents`` (metadata),
    ``frame_counts`` (document x concept: relationship / other / denial matches) and ``frame_lines`` (every
    match in a document that names the other side, with its sentence and link). Texts are not kept."""
    from .referents import classify
    from .terms import _WORD, normalise

    out: dict[str, list[dict]] = {"frames": [], "frame_documents": [], "frame_counts": [], "frame_lines": []}
    for fr in frames:
        spec = fr.spec
        naming = 0
        for d in fr.documents:
            norm = normalise(d.text, spec.language)  # once: for the words, the other side and the matches
            names = mentions(norm, spec.language, spec.other_side, lowered=True)
            naming += names
            out["frame_documents"].append({
                "id": d.id, "frame": d.frame, "date": d.date, "title": d.title, "links": list(d.links),
                "language": d.language, "status": d.status, "words": len(_WORD.findall(norm)),
                "names_other_side": names,
            })
            per: dict[str, dict[str, int]] = {}
            for m in classify(d.text, spec.language, lexicon, setting="frame", side=spec.side,
                              names_other_side=names, norm=norm):
                c = per.setdefault(m.concept, {"relationship": 0, "other": 0, "denial": 0})
                c[m.referent] += 1
                if names:
                    a, b = m.sentence
                    out["frame_lines"].append({
                        "id": f"{d.id}#{m.start}-{m.concept}", "document": d.id, "frame": d.frame,
                        "date": d.date, "link": d.link, "concept": m.concept, "rule": m.rule,
                        "referent": m.referent, "why": m.why, "word": m.text, "sentence": d.text[a:b],
                        "start": m.start - a,
                    })
            for concept, c in per.items():
                out["frame_counts"].append({"document": d.id, "frame": d.frame, "concept": concept, **c})
        out["frames"].append({
            "id": spec.id, "publisher": spec.publisher, "file": fr.path.name, "format": spec.format,
            "language": spec.language, "status": spec.status, "side": spec.side, "other_side": spec.other_side,
            "from": fr.documents[0].date if fr.documents else None,
            "to": fr.documents[-1].date if fr.documents else None,
            "items": fr.rows, "links": fr.links, "documents": len(fr.documents),
            "mentioning_other_side": naming, "skipped": dict(fr.skipped), "caveats": list(caveats or []),
        })
    return out


# --- reading the derived tables (no archive needed) --------------------------------------------------------


def frame_summary(corpus) -> list[dict]:
    """One object per frame: id, language, from, to, documents (distinct texts), mentioning_other_side, and
    publisher, status, items, links, skipped."""
    keys = ("id", "language", "from", "to", "documents", "mentioning_other_side", "publisher", "status",
            "items", "links", "skipped")
    return [{k: r[k] for k in keys} for r in corpus.table("frames")]


def frame_lines(corpus, frame: str, concept: str | None = None, referent: str = "all") -> list[dict]:
    """Matches in one frame's documents that name the other side: document, date, link, concept, referent,
    sentence (and word, why)."""
    out = []
    for r in corpus.table("frame_lines"):
        if r["frame"] != frame or (concept and r["concept"] != concept):
            continue
        if referent != "all" and r["referent"] != referent:
            continue
        out.append({"document": r["document"], "date": r["date"], "link": r["link"], "concept": r["concept"],
                    "referent": r["referent"], "sentence": r["sentence"], "word": r["word"], "why": r["why"],
                    "start": r["start"]})
    return out


def statement_lines(corpus, concept: str | None = None, referent: str = "all", lexicon=None) -> list[dict]:
    """The same lines for the statements (classified live: a statement is a quotation about the relationship,
    so only denial and third-party rules change its referent)."""
    from .referents import classify
    from .terms import load_lexicon

    lex = lexicon or load_lexicon(corpus)
    sts = corpus.statements
    out = []
    for st in sorted(sts.values() if isinstance(sts, dict) else sts, key=lambda s: (s.date, s.id)):
        for m in classify(st.text, st.language, lex, setting="statement", side=st.side,
                          concepts=[concept] if concept else None):
            if referent != "all" and m.referent != referent:
                continue
            a, b = m.sentence
            out.append({"document": st.id, "date": st.date, "link": st.source_url or "", "concept": m.concept,
                        "referent": m.referent, "sentence": st.text[a:b], "word": m.text, "why": m.why,
                        "start": m.start - a})
    return out


def monthly(corpus) -> list[dict]:
    """Per frame x month: documents, documents naming the other side, and per concept, how many of those use
    it for the relationship, for others, or in a denial (documents, not matches)."""
    docs = {d["id"]: d for d in corpus.table("frame_documents")}
    rows: dict[tuple[str, str], dict] = {}
    for d in docs.values():
        r = rows.setdefault((d["frame"], d["date"][:7]), {"frame": d["frame"], "month": d["date"][:7],
                                                          "documents": 0, "mentioning_other_side": 0,
                                                          "concepts": {}})
        r["documents"] += 1
        r["mentioning_other_side"] += d["names_other_side"]
    for c in corpus.table("frame_counts"):
        d = docs.get(c["document"])
        if d is None or not d["names_other_side"]:
            continue
        r = rows[(d["frame"], d["date"][:7])]
        k = r["concepts"].setdefault(c["concept"], {"relationship": 0, "other": 0, "denial": 0})
        for ref in ("relationship", "other", "denial"):
            k[ref] += c[ref] > 0
    return [rows[k] for k in sorted(rows)]
