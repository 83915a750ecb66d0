"""Which clauses we hold, in which language, and how well."""

from __future__ import annotations

from dataclasses import dataclass

from .records import Corpus

#: Cell codes, best first.
CODES = {
    "A": "complete authentic-language text",
    "a": "partial authentic-language text",
    "T": "complete translation",
    "t": "partial translation",
    "-": "nothing held",
}


@dataclass(frozen=True)
class CoverageRow:
    clause: str
    treaty: str
    heading: str
    label: str
    cells: dict[str, str]  # language -> code
    counts: dict[str, int]  # language -> number of witnesses
    has_complete_authentic: bool
    gap_leads: tuple[str, ...]


def _code(witnesses, authentic_langs, lang) -> str:
    auth = [w for w in witnesses if w.is_authentic and lang in authentic_langs]
    if any(w.complete for w in auth):
        return "A"
    if auth:
        return "a"
    if any(w.complete for w in witnesses):
        return "T"
    return "t" if witnesses else "-"


RANK = "AaTt-"


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
            cells, counts = {}, {}
            for lang in langs:
                lw = [w for w in ws if w.language == lang]
                cells[lang] = _code(lw, t.authentic_languages, lang)
                counts[lang] = len(lw)
            kids = corpus.children(cl.id)
            for lang in langs if kids else ():  # an article also held paragraph by paragraph
                codes = [_code([w for w in corpus.witnesses_of(k.id, include_parent=False) if w.language == lang],
                               t.authentic_languages, lang) for k in kids]
                cells[lang] = min(cells[lang], _combine(codes), key=RANK.index)
                counts[lang] += sum(
                    len([w for w in corpus.witnesses_of(k.id, include_parent=False) if w.language == lang])
                    for k in kids
                )
            rows.append(CoverageRow(
                clause=cl.id, treaty=tid, heading=cl.heading, label=cl.label, cells=cells, counts=counts,
                has_complete_authentic=any(
                    w.is_authentic and w.complete and w.language in t.authentic_languages for w in ws
                )
                or any(cells[lang] == "A" for lang in langs),
                gap_leads=cl.gap_leads,
            ))
    return rows


def format_table(rows: list[CoverageRow]) -> str:
    if not rows:
        return "(no clauses)"
    langs = list(rows[0].cells)
    head = f"{'clause':<38} " + " ".join(f"{lang:>5}" for lang in langs) + "  label"
    out = [head, "-" * len(head)]
    for r in rows:
        cells = " ".join(f"{(r.cells[lang] + (str(r.counts[lang]) if r.counts[lang] else '')):>5}" for lang in langs)
        out.append(f"{r.clause:<38} {cells}  {r.label[:60]}")
    out.append("")
    out.append("codes: " + "; ".join(f"{k} = {v}" for k, v in CODES.items()) + "; the number is how many witnesses")
    n = sum(r.has_complete_authentic for r in rows)
    out.append(f"{n} of {len(rows)} clauses have a complete authentic-language witness")
    return "\n".join(out)
