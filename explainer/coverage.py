"""Which clauses we hold, in which language, and how well."""

from __future__ import annotations

from dataclasses import dataclass

from .records import Corpus

#: Cell codes, best first.
CODES = {
    "A": "complete text in an authentic language (a quotation unless its status says authentic text)",
    "a": "partial authentic-language text",
    "T": "complete translation",
    "t": "partial translation, reported speech, or a text whose article number is disputed",
    "-": "nothing held",
}

#: What the first number of a cell counts, per letter: the witnesses that reach the letter's grade.
COUNTED = {
    "A": "complete authentic-language texts",
    "a": "authentic-language texts, none of them complete",
    "T": "complete translations",
    "t": "partial translations, which is every witness held",
}

#: One line for readers: what a translation letter means under an authentic language.
TRANSLATION_IN_AUTHENTIC_LANGUAGE = (
    "T or t under an authentic language means the text we hold in that language is a translation or paraphrase "
    "(for example a newspaper turning another language's version back into it), not the treaty's own wording."
)


@dataclass(frozen=True)
class CoverageRow:
    clause: str
    treaty: str
    heading: str
    label: str
    cells: dict[str, str]  # language -> code
    counts: dict[str, int]  # language -> number of witnesses held
    graded: dict[str, int]  # language -> how many of those reach the cell's letter (see COUNTED)
    has_complete_authentic: bool
    gap_leads: tuple[str, ...]


def _code(witnesses, authentic_langs, lang) -> str:
    auth = [w for w in witnesses if w.is_authentic and lang in authentic_langs]
    if any(w.complete_wording for w in auth):
        return "A"
    if auth:
        return "a"
    if any(w.complete_wording for w in witnesses):
        return "T"
    return "t" if witnesses else "-"


RANK = "AaTt-"


def _reaches(w, code: str, authentic_langs) -> bool:
    """Whether one witness is as good as ``code`` (for a paragraph witness: as good for its paragraph)."""
    auth = w.is_authentic and w.language in authentic_langs
    return {"A": auth and w.complete_wording, "a": auth, "T": w.complete_wording, "t": True}.get(code, False)


def _combine(codes: list[str]) -> str:
    """An article's code from its paragraphs' codes: complete only if every paragraph is."""
    if all(c == codes[0] for c in codes):
        return codes[0]
    if all(c != "-" for c in codes):
        return "a" if any(c in "Aa" for c in codes) else "t"
    return "a" if any(c in "Aa" for c in codes) else ("t" if any(c in "Tt" for c in codes) else "-")


def coverage(corpus: Corpus, treaty: str | None = None, languages: tuple[str, ...] | None = None) -> list[CoverageRow]:
    """One row per clause (paragraph clauses included), with a code per language."""
    treaties = [treaty] if treaty else sorted(corpus.treaties, key=lambda t: (corpus.treaties[t].signed_date or "", t))
    langs = languages or ("ko", "ru", "en", "zh", "ja")
    rows = []
    for tid in treaties:
        t = corpus.treaties[tid]
        for cl in corpus.clauses_of(tid):
            ws = corpus.witnesses_of(cl.id)
            cells, counts, graded = {}, {}, {}
            kids = corpus.children(cl.id)
            for lang in langs:
                lw = [w for w in ws if w.language == lang]
                cells[lang] = _code(lw, t.authentic_languages, lang)
                if kids:  # an article also held paragraph by paragraph
                    per_kid = [
                        [w for w in corpus.witnesses_of(k.id, include_parent=False) if w.language == lang] for k in kids
                    ]
                    codes = [_code(kw, t.authentic_languages, lang) for kw in per_kid]
                    cells[lang] = min(cells[lang], _combine(codes), key=RANK.index)
                    lw = lw + [w for kw in per_kid for w in kw]
                counts[lang] = len(lw)
                graded[lang] = sum(_reaches(w, cells[lang], t.authentic_languages) for w in lw)
            rows.append(CoverageRow(
                clause=cl.id, treaty=tid, heading=cl.heading, label=cl.label, cells=cells, counts=counts, graded=graded,
                has_complete_authentic=any(
                    w.is_authentic and w.complete_wording and w.language in t.authentic_languages for w in ws
                )
                or any(cells[lang] == "A" for lang in langs),
                gap_leads=cl.gap_leads,
            ))
    return rows


def cell_text(row: CoverageRow, lang: str, sep: str = " ") -> str:
    """'A 1/5': the letter, then how many of the witnesses held in that language reach its grade, of how many."""
    code, n = row.cells[lang], row.counts[lang]
    return f"{code}{sep}{row.graded[lang]}/{n}" if n else code


def legend_lines() -> list[str]:
    """The key to the cells, in words (shared by the command line and the page)."""
    return [
        "Each cell: the best we hold in that language (letter), then k/n = k of the n witnesses held in that "
        "language are that good.",
        *(f"{k} = {v}" + (f"; k counts {COUNTED[k]}" if k in COUNTED else "") for k, v in CODES.items()),
        TRANSLATION_IN_AUTHENTIC_LANGUAGE,
    ]


def format_table(rows: list[CoverageRow]) -> str:
    """A fixed-width text table (columns as wide as their widest cell), then the key and a summary."""
    if not rows:
        return "(no clauses)"
    langs = list(rows[0].cells)
    width = {x: max(len(x), *(len(cell_text(r, x)) for r in rows)) for x in langs}
    cw = max(len("clause"), *(len(r.clause) for r in rows))
    head = f"{'clause':<{cw}}  " + "  ".join(f"{x:>{width[x]}}" for x in langs) + "  label"
    out = [head, "-" * len(head)]
    for r in rows:
        cells = "  ".join(f"{cell_text(r, x):>{width[x]}}" for x in langs)
        out.append(f"{r.clause:<{cw}}  {cells}  {r.label[:60]}")
    out.append("")
    out += legend_lines()
    n = sum(r.has_complete_authentic for r in rows)
    out.append(f"{n} of {len(rows)} clauses have a complete authentic-language witness")
    return "\n".join(out)


@dataclass(frozen=True)
class Holdings:
    """How much of one treaty we hold, counted over its top-level parts (preamble, articles, closing...;
    an article held paragraph by paragraph counts once)."""

    treaty: str
    parts: int  # top-level clause records
    worded: int  # parts with any wording (a condensed label is not wording)
    complete_authentic: int  # parts with a complete text in an authentic language (coverage letter A)
    gaps: int  # parts with no wording at all
    topic_only: int  # gaps whose topic a condensed label names


def holdings(corpus: Corpus, treaty: str) -> Holdings:
    rows = {r.clause: r for r in coverage(corpus, treaty, languages=tuple(sorted(_languages(corpus, treaty))))}
    top = [c for c in corpus.clauses_of(treaty) if c.parent is None]
    worded = [c for c in top if _worded(corpus, c.id)]
    labelled = [
        c for c in top
        if c not in worded and any(not w.is_wording for w in corpus.witnesses_of(c.id, labels=True))
    ]
    return Holdings(
        treaty=treaty,
        parts=len(top),
        worded=len(worded),
        complete_authentic=sum("A" in rows[c.id].cells.values() for c in top),
        gaps=len(top) - len(worded),
        topic_only=len(labelled),
    )


def _worded(corpus: Corpus, clause_id: str) -> bool:
    return bool(corpus.witnesses_of(clause_id)) or any(_worded(corpus, k.id) for k in corpus.children(clause_id))


def _languages(corpus: Corpus, treaty: str) -> set[str]:
    langs = {w.language for w in corpus.witnesses.values() if w.treaty == treaty}
    return langs | set(corpus.treaties[treaty].authentic_languages) or {"en"}
