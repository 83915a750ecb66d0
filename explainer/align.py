"""Clause families: which clauses to put side by side, which witnesses to compare, and what kind of
difference a pair shows. Pure functions over a :class:`~explainer.records.Corpus` (no rendering)."""

from __future__ import annotations

from dataclasses import dataclass

from .diff import diff, match_stretch, size
from .records import Clause, Corpus, Link, Witness

#: Order in which languages are offered when a view must pick one.
LANGUAGE_ORDER = ("en", "ru", "ko", "zh", "ja", "fr", "es")
LANGUAGE_NAMES = {
    "en": "English",
    "ru": "Russian",
    "ko": "Korean",
    "zh": "Chinese",
    "ja": "Japanese",
    "fr": "French",
    "es": "Spanish",
}


@dataclass(frozen=True)
class Member:
    """One clause of a family with its best witness per language and the links that touch it."""

    clause: Clause
    treaty_title: str
    best: dict[str, Witness]  # language -> best witness (complete preferred)
    links: tuple[Link, ...]
    is_focus: bool


def family(corpus: Corpus, family_id: str):
    try:
        return corpus.families[family_id]
    except KeyError:
        raise KeyError(f"unknown family {family_id!r}; known: {sorted(corpus.families)}") from None


def best_witness(corpus: Corpus, clause_id: str, language: str) -> Witness | None:
    ws = corpus.witnesses_of(clause_id, language=language)
    return ws[0] if ws else None


def best_witnesses(corpus: Corpus, clause_id: str) -> dict[str, Witness]:
    """Language -> best witness of a clause, in LANGUAGE_ORDER (one pass over the witnesses)."""
    first: dict[str, Witness] = {}
    for w in corpus.witnesses_of(clause_id):  # best first
        first.setdefault(w.language, w)
    return {lang: first[lang] for lang in LANGUAGE_ORDER if lang in first}


def members(corpus: Corpus, family_id: str) -> list[Member]:
    fam = family(corpus, family_id)
    links = corpus.links_of(family_id)
    out = []
    for cid in fam.clauses:
        cl = corpus.clauses[cid]
        best = best_witnesses(corpus, cid)
        tr = corpus.treaties.get(cl.treaty)
        out.append(
            Member(
                cl,
                tr.short_title if tr else cl.treaty,
                best,
                tuple(lk for lk in links if cid in (lk.source, lk.target)),
                cid == fam.focus,
            )
        )
    return out


def family_languages(corpus: Corpus, family_id: str) -> list[str]:
    langs = {lang for m in members(corpus, family_id) for lang in m.best}
    return [lang for lang in LANGUAGE_ORDER if lang in langs]


def link_between(corpus: Corpus, a: str, b: str) -> Link | None:
    for lk in corpus.links:
        if {lk.source, lk.target} == {a, b}:
            return lk
    return None


def same_clause(corpus: Corpus, a: str, b: str) -> bool:
    if a == b:
        return True
    ca, cb = corpus.clauses.get(a), corpus.clauses.get(b)
    return bool(ca and cb and (ca.parent == b or cb.parent == a))


def translator(w: Witness) -> str:
    """Who made a rendering, as a comparison key: the first part of ``rendered_by`` (before a comma or a
    bracket), case-folded — 'KCNA English release (KCNA Watch mirror)' and 'KCNA English release, as quoted …'
    are one translator."""
    return w.rendered_by.split(",")[0].split("(")[0].strip().casefold()


def authentic_in_its_treaty(corpus: Corpus, w: Witness) -> bool:
    """An authentic-text witness in one of its treaty's authentic languages."""
    t = corpus.treaties.get(w.treaty)
    return w.is_authentic and bool(t) and w.language in t.authentic_languages


def version_kind(corpus: Corpus, wa: Witness, wb: Witness) -> str:
    """What a difference between texts of two different clauses may be called (review finding M6).

    'version' (a change between the treaties) only when both texts are authentic — in an authentic language of
    their treaty — or come from the same translator; otherwise 'version-or-translation': the difference may be
    the treaties' or only the translators'."""
    if authentic_in_its_treaty(corpus, wa) and authentic_in_its_treaty(corpus, wb):
        return "version"
    if not wa.is_authentic and not wb.is_authentic and translator(wa) == translator(wb):
        return "version"
    return "version-or-translation"


def translators_caveat(corpus: Corpus, wa: Witness, wb: Witness) -> str:
    """The sentence a page shows beside a 'version-or-translation' comparison: why no difference can be called
    a change between the treaties (empty for other pairs)."""
    if same_clause(corpus, wa.clause, wb.clause) or version_kind(corpus, wa, wb) == "version":
        return ""

    def who(w: Witness) -> str:
        kind = "authentic-text quotation" if authentic_in_its_treaty(corpus, w) else w.status
        article = "an" if kind[:1] in "aeiou" else "a"
        return f"{w.id} is {article} {kind} ({w.rendered_by.split(',')[0].strip()})"

    return (
        f"The two texts are not both authentic and not by one translator: {who(wa)}; {who(wb)}. A difference "
        "between them may be a change between the treaties or only the translators' choice, so it is marked "
        "as either, never as a version change."
    )


def pair_kind(corpus: Corpus, wa: Witness, wb: Witness) -> str:
    """'translation' for two renderings of one clause; for clauses of different treaties or articles,
    :func:`version_kind` ('version' or 'version-or-translation')."""
    return "translation" if same_clause(corpus, wa.clause, wb.clause) else version_kind(corpus, wa, wb)


def comparable_pair(corpus: Corpus, clause_a: str, clause_b: str) -> tuple[Witness, Witness] | None:
    """Best witnesses of two clauses in a shared language, preferring complete texts (a fragment makes
    everything after its cut look new), then authentic texts (so that a difference is the treaties', not two
    translators'), then LANGUAGE_ORDER."""
    best = None
    ba, bb = best_witnesses(corpus, clause_a), best_witnesses(corpus, clause_b)
    for lang in LANGUAGE_ORDER:
        wa, wb = ba.get(lang), bb.get(lang)
        if wa and wb:
            score = (wa.complete + wb.complete, wa.is_authentic + wb.is_authentic, -LANGUAGE_ORDER.index(lang))
            if best is None or score > best[0]:
                best = (score, wa, wb)
    return (best[1], best[2]) if best else None


def _fold(text: str, lang: str) -> str:
    from .diff import normalise

    return normalise(text.replace("ё", "е").replace("Ё", "Е"), lang)


def wording_pairs(corpus: Corpus, clauses: tuple[str, ...], terms: dict[str, str]) -> dict[str, dict[str, list[str]]]:
    """Clause → language → ids of the clause's witnesses in that language whose text contains the language's
    term (compared on normalised keys: spacing, case, punctuation, North Korean spelling and ё folded)."""
    out: dict[str, dict[str, list[str]]] = {}
    for cid in clauses:
        out[cid] = {}
        for lang, term in terms.items():
            key = _fold(term, lang)
            out[cid][lang] = [w.id for w in corpus.witnesses_of(cid, language=lang) if key in _fold(w.text, lang)]
    return out


DIMENSIONS = ("trigger", "obligation", "timing", "conditions")


def obligations(corpus: Corpus, clause_id: str | None = None) -> list[dict]:
    """Rows of data/obligations.jsonl (optionally for one clause), in file order."""
    rows = corpus.table("obligations")
    return [r for r in rows if clause_id is None or r["clause"] == clause_id]


def coding(corpus: Corpus, clause_id: str, dimension: str, language: str | None = None) -> dict | None:
    """The coding row to cite for one cell: a row quoting a witness in ``language`` if any, else the first."""
    rows = [r for r in obligations(corpus, clause_id) if r["dimension"] == dimension]
    if language:
        for r in rows:
            if (
                r["witness"]
                and r["witness"] in corpus.witnesses
                and corpus.witnesses[r["witness"]].language == language
            ):
                return r
    return rows[0] if rows else None


@dataclass(frozen=True)
class ChangeSummary:
    clause_a: str
    clause_b: str
    witness_a: Witness | None
    witness_b: Witness | None
    kind: str
    link: Link | None
    sentences: tuple[str, ...]


def _short(text: str, n: int = 60) -> str:
    """At most ``n`` characters, cut at a word boundary (a single over-long word is cut inside)."""
    text = " ".join(text.split())
    if len(text) <= n:
        return text
    cut = text[: n - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:") + "…"


def _clause_name(corpus: Corpus, cid: str) -> str:
    cl = corpus.clauses[cid]
    tr = corpus.treaties.get(cl.treaty)
    return f"{tr.short_title if tr else cl.treaty} {cl.heading}"


def _fragment_side(wa: Witness, wb: Witness) -> str | None:
    """'a' or 'b': which of two witnesses in one language is the truncated one to compare (None if both are
    complete)."""
    if wa.complete and wb.complete:
        return None
    if not wa.complete and (wb.complete or size(wa.text, wa.language) <= size(wb.text, wb.language)):
        return "a"
    return "b"


def _compared_texts(wa: Witness, wb: Witness) -> tuple[str, str]:
    """The two texts to diff: a truncated text against the stretch of the other it covers."""
    side = _fragment_side(wa, wb)
    if side is None:
        return wa.text, wb.text
    frag, full = (wa, wb) if side == "a" else (wb, wa)
    st = match_stretch(frag.text, full.text, wa.language)
    piece = full.text[st.start : st.end]
    return (frag.text, piece) if side == "a" else (piece, frag.text)


def _fragment_note(wa: Witness | None, wb: Witness | None, na: str, nb: str) -> str | None:
    """The sentence that replaces counts when a truncated text covers too little of the other to compare."""
    if not (wa and wb) or wa.language != wb.language:
        return None
    side = _fragment_side(wa, wb)
    if side is None:
        return None
    frag, full = (wa, wb) if side == "a" else (wb, wa)
    if match_stretch(frag.text, full.text, wa.language).comparable:
        return None
    n = size(frag.text, frag.language)
    unit = "character" if frag.language in ("zh", "ja") else "word"
    lang = LANGUAGE_NAMES.get(wa.language, wa.language)
    return (
        f"Only a fragment of {n} {unit}{'s' if n != 1 else ''} of {na if side == 'a' else nb} is held in {lang} "
        f"({frag.id}), and it matches too little of the other text to be compared word by word: a count of "
        "changes would mostly measure what the fragment leaves out."
    )


def change_summary(
    corpus: Corpus,
    clause_a: str,
    clause_b: str,
    witness_a: Witness | None = None,
    witness_b: Witness | None = None,
) -> ChangeSummary:
    """Plain-words summary of what changes from clause A to clause B, generated from the typed link, the diff
    of the best comparable witnesses and the obligation coding. Quotes are verbatim from the witnesses or
    the coding."""
    for cid in (clause_a, clause_b):
        if cid not in corpus.clauses:
            raise KeyError(f"unknown clause {cid!r}")
    na, nb = _clause_name(corpus, clause_a), _clause_name(corpus, clause_b)
    out: list[str] = []
    link = link_between(corpus, clause_a, clause_b)
    if link:
        older, newer = _clause_name(corpus, link.source), _clause_name(corpus, link.target)
        label = link.type + (
            ", our interpretation: evidence for it "
            + ", ".join(link.evidence_for)
            + "; against it "
            + ", ".join(link.evidence_against)
            if link.interpretation
            else ""
        )
        out.append(f"Link ({label}), {older} → {newer}: {link.reason}")
    if witness_a is None or witness_b is None:
        pair = comparable_pair(corpus, clause_a, clause_b)
        if pair:
            witness_a, witness_b = pair
    kind = (
        pair_kind(corpus, witness_a, witness_b)
        if witness_a and witness_b
        else "translation"
        if same_clause(corpus, clause_a, clause_b)
        else "version"
    )
    fragment = _fragment_note(witness_a, witness_b, na, nb)
    if fragment:
        out.append(fragment)
    elif witness_a and witness_b and witness_a.language == witness_b.language:
        text_a, text_b = _compared_texts(witness_a, witness_b)
        red = diff(text_a, text_b, witness_a.language, kind)
        n = red.counts
        lang = LANGUAGE_NAMES.get(witness_a.language, witness_a.language)
        what = {
            "version": "wording change",
            "version-or-translation": "difference of wording (the treaties' or the translators')",
            "translation": "difference between renderings",
        }[kind]
        if n[kind] != 1:
            what = what.replace("change", "changes").replace("difference", "differences", 1)
        out.append(
            f"Wording compared in {lang} ({witness_a.id} / {witness_b.id}): "
            f"{n[kind]} {what}, {n['orthographic']} spelling, spacing or gloss difference"
            f"{'s' if n['orthographic'] != 1 else ''}."
        )
        added = sorted(red.words("b", kind), key=len, reverse=True)[:2]
        dropped = sorted(red.words("a", kind), key=len, reverse=True)[:2]
        if added:
            out.append(f"Only in {nb}: " + "; ".join(f"“{_short(t)}”" for t in added) + ".")
        if dropped:
            out.append(f"Only in {na}: " + "; ".join(f"“{_short(t)}”" for t in dropped) + ".")
        caveat = translators_caveat(corpus, witness_a, witness_b) if kind != "translation" else ""
        if caveat:
            out.append(caveat)
        if not (witness_a.complete and witness_b.complete):
            out.append(
                "One of the two texts is truncated, so only the stretch it covers was compared; words missing "
                "from it may exist in the full text."
            )
    elif not (witness_a and witness_b):
        out.append("No two texts in a shared language are held, so the wording cannot be compared.")
    lang = witness_a.language if witness_a else None
    for dim in DIMENSIONS:
        ra, rb = coding(corpus, clause_a, dim, lang), coding(corpus, clause_b, dim, lang)
        if not ra or not rb:
            continue
        va, vb = ra["value"], rb["value"]
        if ra["status"] != "coded" and rb["status"] != "coded":
            continue
        if va.split(" (")[0] == vb.split(" (")[0]:
            out.append(f"{dim.capitalize()}: coded alike in our matrix ({va.split(' (')[0]}); the words may still "
                       "differ (compare the texts above).")
            continue

        def cite(r):
            if r["status"] != "coded":
                return r["status"]
            return f"{r['value']} — “{_short(r['quote'], 60)}”"

        out.append(f"{dim.capitalize()}: {na}: {cite(ra)}; {nb}: {cite(rb)}.")
    return ChangeSummary(clause_a, clause_b, witness_a, witness_b, kind, link, tuple(out))
