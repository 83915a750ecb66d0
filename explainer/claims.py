"""Claims about officials' words (``data/claims.jsonl``) checked against the statement counts.

A claim names concept(s), a statement filter and what it expects: ``present`` (the speaker used the
words), ``absent`` (did not), or ``increase`` (a later period uses them more than a baseline). Verdicts are
computed here from the evidence, by the rules below -- never stored in the data:

present
    *supported* -- at least ``min_distinct`` distinct passages in original-language records;
    *consistent but unproven* -- enough passages only when translations are counted (the word may be the
    translator's); *not supported* -- no passage in any record (or no record at all).
absent
    *contradicted* -- a passage in an original-language record; *not supported* -- passages only in
    translations; *supported* -- no passage and at least one record is a full text; *consistent but
    unproven* -- no passage, but every record is an excerpt or a quotation (absence in excerpts).
increase (share of statements mentioning the concept, later window vs baseline)
    *supported* -- later share higher, at least 3 later statements mention it and both windows hold at
    least :data:`~explainer.terms.SMALL_STATEMENTS` statements; *consistent but unproven* -- higher but on
    small numbers; *not supported* -- not higher; *contradicted* -- lower with enough statements.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .records import plural
from .terms import SMALL_STATEMENTS

VERDICTS = ("supported", "consistent but unproven", "not supported", "contradicted")
MIN_LATER_STATEMENTS = 3

# The rules above in readers' words, per kind of claim and verdict (rendered as the key under the claims table).
RULES: dict[str, dict[str, str]] = {
    "present": {
        "supported": "enough distinct passages with the words in original-language records (1, or 2 when the "
                     "claim says 'several'; a sentence quoted by several outlets counts once)",
        "consistent but unproven": "enough passages only when translations are counted: the word may be the "
                                   "translator's",
        "not supported": "too few passages with the words in any record, or no record at all",
        "contradicted": "(not used: quotations cannot show that a word was never said)",
    },
    "absent": {
        "supported": "no record uses the words, and at least one record is a full text or says the "
                     "relationship is not that (a denial such as 'not intended to create a ... alliance')",
        "consistent but unproven": "no record uses the words, but every record is an excerpt or a quotation",
        "not supported": "only translated records use the words: the word may be the translator's",
        "contradicted": "an original-language record uses the words",
    },
    "increase": {
        "supported": f"the later period's share of statements using the words is higher, at least "
                     f"{MIN_LATER_STATEMENTS} later statements use them, and both periods hold at least "
                     f"{SMALL_STATEMENTS} statements",
        "consistent but unproven": "the later share is higher, but on small numbers",
        "not supported": "the later share is not higher",
        "contradicted": f"the later share is lower, with at least {SMALL_STATEMENTS} statements in each period",
    },
}


@dataclass(frozen=True)
class Verdict:
    claim_id: str
    verdict: str
    reason: str
    supporting: tuple[str, ...]  # statement ids
    against: tuple[str, ...]
    records: int
    # the records behind the verdict in groups a reader can check: (what the group is, statement ids)
    evidence: tuple[tuple[str, tuple[str, ...]], ...] = ()


def select(counts: pd.DataFrame, flt: dict, concepts) -> pd.DataFrame:
    """Rows of a statement × concept count frame matching a claim's filter."""
    m = counts["concept"].isin(list(concepts))
    m &= (counts["date"] >= flt["date_from"]) & (counts["date"] <= flt["date_to"])
    for key in ("side", "speaker", "language"):
        if key in flt:
            m &= counts[key] == flt[key]
    if flt.get("original_only"):
        m &= ~counts["is_translation"].astype(bool)
    return counts[m]


def _distinct(rows: pd.DataFrame, kw: pd.DataFrame | None) -> int:
    """Distinct passages: KWIC lines whose (match + right context) differ, else statements with hits."""
    ids = set(rows.loc[rows["hits"] > 0, "statement_id"])
    if kw is None or kw.empty:
        return len(ids)
    sub = kw[kw["statement_id"].isin(ids)]
    return len({(r.match.lower(), " ".join(r.right.split()[:4]).lower()) for r in sub.itertuples()})


def evaluate(
    claim: dict, counts: pd.DataFrame, kwic_lines: pd.DataFrame | None = None, labels: dict | None = None
) -> Verdict:
    """The verdict on one claim; ``labels`` (concept -> readable label) name the concepts in the reason."""
    concepts = claim["concepts"]
    rows = select(counts, claim["filter"], concepts)
    per = rows.groupby("statement_id").agg(
        hits=("hits", "sum"),
        is_translation=("is_translation", "first"),
        completeness=("completeness", "first"),
    )
    n = len(per)
    with_hits = per[per["hits"] > 0]
    orig = with_hits[~with_hits["is_translation"].astype(bool)]
    trans = with_hits[with_hits["is_translation"].astype(bool)]
    without = tuple(sorted(per.index[per["hits"] == 0]))
    words = " or ".join(f'"{labels[c]}"' if labels and c in labels else c for c in concepts)
    expect = claim["expect"]
    if expect == "present":
        need = int(claim.get("min_distinct", 1))
        kw = kwic_lines[kwic_lines["concept"].isin(concepts)] if kwic_lines is not None else None
        d_orig = _distinct(rows[~rows["is_translation"].astype(bool)], kw)
        d_all = _distinct(rows, kw)
        supporting = tuple(sorted(with_hits.index))
        if n == 0:
            v, why = "not supported", "no statement in the corpus matches the filter"
        elif d_orig >= need:
            v, why = (
                "supported",
                (
                    f"{plural(d_orig, 'distinct passage')} with {words} in "
                    f"{plural(len(orig), 'original-language record')} of {n}"
                ),
            )
        elif d_all >= need:
            v, why = (
                "consistent but unproven",
                (
                    f"{plural(d_all, 'distinct passage')} with {words}, but "
                    f"{f'only {d_orig}' if d_orig else 'none'} in original-language records (need {need}); "
                    f"{plural(len(trans), 'translated record')} carry the rest — the word may be the translator's"
                ),
            )
        else:
            v, why = (
                "not supported",
                f"{plural(d_all, 'distinct passage')} with {words} in {plural(n, 'record')}; need {need}",
            )
        return Verdict(claim["id"], v, why, supporting, without, n, _groups(orig, trans, without))
    if expect == "absent":
        against = tuple(sorted(with_hits.index))
        full = int((per["completeness"] == "full").sum())
        if n == 0:
            v, why = "not supported", "no statement in the corpus matches the filter"
        elif len(orig):
            v, why = "contradicted", f"{plural(len(orig), 'original-language record')} of {n} use {words}"
        elif len(trans):
            v, why = (
                "not supported",
                (
                    f"{plural(len(trans), 'translated record')} of {n} use {words}; none in the "
                    f"original language, so the word may be the translator's"
                ),
            )
        elif full:
            v, why = "supported", f"no {words} in {plural(n, 'record')}, {full} of them full texts"
        else:
            v, why = (
                "consistent but unproven",
                (
                    f"no {words} in {plural(n, 'record')}, but all are excerpts or "
                    f"quotations: absence in excerpts, not in the full text"
                ),
            )
        return Verdict(claim["id"], v, why, without, against, n, _groups(orig, trans, without))
    if expect == "increase":
        base = select(counts, claim["baseline"], concepts).groupby("statement_id")["hits"].sum()
        later = per["hits"]
        nb, nl = len(base), len(later)
        sb = float((base > 0).mean()) if nb else 0.0
        sl = float((later > 0).mean()) if nl else 0.0
        kb, kl = int((base > 0).sum()), int((later > 0).sum())
        desc = f"{kl}/{nl} statements ({sl:.0%}) vs {kb}/{nb} ({sb:.0%}) in the baseline"
        enough = nb >= SMALL_STATEMENTS and nl >= SMALL_STATEMENTS
        if sl > sb and kl >= MIN_LATER_STATEMENTS and enough:
            v = "supported"
        elif sl > sb:
            v, desc = "consistent but unproven", desc + "; numbers too small to rely on"
        elif sl < sb and enough:
            v = "contradicted"
        else:
            v = "not supported"
        supporting = tuple(sorted(later.index[later > 0]))
        against = tuple(sorted(base.index[base > 0]))
        evidence = (("later period, records using the words", supporting),
                    ("baseline period, records using the words", against))
        return Verdict(claim["id"], v, f"{words}: {desc}", supporting, against, nl + nb, evidence)
    raise ValueError(f"claim {claim['id']}: expect: unknown value {expect!r}")


def _groups(orig: pd.DataFrame, trans: pd.DataFrame, without: tuple[str, ...]):
    return (
        ("original-language records using the words", tuple(sorted(orig.index))),
        ("translated records using the words", tuple(sorted(trans.index))),
        ("records without the words", without),
    )


def with_denials(claim: dict, v: Verdict, counts: pd.DataFrame, denials: dict[str, set[str]]) -> Verdict:
    """Denials are their own evidence (review finding M3). For an ``absent`` claim that no original-language
    record contradicts, a record in the window saying the relationship is *not* what the concept names turns
    'consistent but unproven' into 'supported'; the denying records get their own group (and leave 'records
    without the words'). For other claims they are listed, and the verdict stands."""
    rows = select(counts, claim["filter"], claim["concepts"])
    ids = sorted({i for i in rows["statement_id"] if denials.get(i, set()) & set(claim["concepts"])})
    if not ids:
        return v
    trans = set(rows.loc[rows["is_translation"].astype(bool), "statement_id"])
    how = ", ".join(f"{i}{' (a translation)' if i in trans else ''}" for i in ids)
    evidence = tuple((g, tuple(x for x in idx if x not in ids)) for g, idx in v.evidence)
    evidence += (("records saying it is not that (denials)", tuple(ids)),)
    verdict, reason = v.verdict, v.reason
    says = f"{plural(len(ids), 'record')} {'says' if len(ids) == 1 else 'say'} it is not that: {how}"
    if claim["expect"] == "absent" and v.verdict == "consistent but unproven":
        verdict = "supported"
        reason = f"{reason.split(', but')[0]} (all excerpts or quotations), and {says}"
    else:
        reason = f"{reason}; {says}"
    return Verdict(v.claim_id, verdict, reason, v.supporting, v.against, v.records, evidence)


def claims_table(
    claims: list[dict], counts: pd.DataFrame, kwic_lines: pd.DataFrame | None = None, labels: dict | None = None,
    denials: dict[str, set[str]] | None = None, complete_texts: dict[str, str] | None = None,
) -> pd.DataFrame:
    """One row per claim: id, kind, expect, claim, who, when, source, verdict, reason, supporting, against,
    records, evidence (``[label, [ids]]`` groups), and ``carried_by`` / ``complete_texts`` (what the frames
    say, see :func:`frames_evidence`). ``denials``: statement id -> concepts it denies (:func:`denials_of`)."""
    rows = []
    for c in claims:
        v = evaluate(c, counts, kwic_lines, labels)
        if denials:
            v = with_denials(c, v, counts, denials)
        rows.append(
            {
                "id": c["id"],
                "kind": c["kind"],
                "expect": c["expect"],
                "claim": c["claim"],
                "who": c["who"],
                "when": c["when"],
                "source": c["source"],
                "concepts": ", ".join(c["concepts"]),
                "verdict": v.verdict,
                "reason": v.reason,
                "supporting": list(v.supporting),
                "against": list(v.against),
                "records": v.records,
                "evidence": [[label, list(ids)] for label, ids in v.evidence],
                "complete_texts": (complete_texts or {}).get(c["id"], ""),
                "carried_by": "quotations" + (" (with a denial)" if any(
                    g.startswith("records saying it is not") and ids for g, ids in v.evidence) else ""),
            }
        )
    return pd.DataFrame(rows)


def denials_of(statements, lexicon) -> dict[str, set[str]]:
    """Statement id -> concepts a sentence of it denies (referent ``denial``, see explainer.referents)."""
    from .referents import classify

    out: dict[str, set[str]] = {}
    for st in statements:
        for m in classify(st.text, st.language, lexicon, setting="statement", side=st.side):
            if m.referent == "denial":
                out.setdefault(st.id, set()).add(m.concept)
    return out


def frames_evidence(claims: list[dict], corpus, labels: dict | None = None) -> dict[str, str]:
    """Per claim, what the complete-text frames add: for each frame of the claim's side whose documents fall
    in the claim's window, how many documents name the other side and how many of those use the concepts for
    the relationship, for others, or deny them. Frames never identify a speaker; a claim about one person is
    tested on the frame of that person's side. Starts with "in " when some frame document is in the window."""
    docs = {d["id"]: d for d in corpus.table("frame_documents")}
    frames = {f["id"]: f for f in corpus.table("frames")}
    counts: dict[str, list[dict]] = {}
    for c in corpus.table("frame_counts"):
        counts.setdefault(c["document"], []).append(c)
    sts = corpus.statements
    sts = list(sts.values()) if isinstance(sts, dict) else list(sts)
    side_of = {s.speaker: s.side for s in sts}
    out = {}
    for cl in claims:
        f = cl["filter"]
        side = f.get("side") or side_of.get(f.get("speaker", ""))
        parts = []
        for fid, fr in frames.items():
            if fr["side"] != side:
                continue
            inside = [d for d in docs.values() if d["frame"] == fid and f["date_from"] <= d["date"] <= f["date_to"]]
            if not inside:
                continue
            naming = [d for d in inside if d["names_other_side"]]
            ref = {"relationship": 0, "other": 0, "denial": 0}
            for d in naming:
                mine = [c for c in counts.get(d["id"], ()) if c["concept"] in cl["concepts"]]
                for k in ref:
                    ref[k] += any(c[k] for c in mine)
            words = " or ".join(f'"{labels[c]}"' if labels and c in labels else c for c in cl["concepts"])
            parts.append(
                f"in {fid} ({fr['language']}, {len(inside)} documents in the window, {len(naming)} naming "
                f"{fr['other_side']}; of those, {ref['relationship']} use {words} for the relationship, "
                f"{ref['other']} for others, {ref['denial']} deny it)"
            )
        if parts:
            out[cl["id"]] = ("; ".join(parts) + ". Not used by the verdict: a frame names no speaker and holds "
                             "no document of the baseline period" if cl["expect"] == "increase" else
                             "; ".join(parts) + ". Not used by the verdict: a frame names no speaker")
        else:
            out[cl["id"]] = "no document of a frame of this side falls in the window"
    return out


def check_claims(corpus=None, *, method: str = "stem") -> pd.DataFrame:
    """The claims table for the corpus (default: the repository's data)."""
    from .terms import count_statements, kwic, load_lexicon

    if corpus is None:
        from .load import load

        corpus = load()
    lex = load_lexicon(corpus)
    sts = _statements(corpus)
    labels = {c: lex.label(c) for c in lex.concepts}
    return claims_table(
        corpus.table("claims"),
        count_statements(sts, lex, method=method),
        kwic(sts, lex, method=method),
        labels,
        denials=denials_of(sts, lex),
        complete_texts=frames_evidence(corpus.table("claims"), corpus, labels),
    )


def _statements(corpus):
    s = corpus.statements
    return list(s.values()) if isinstance(s, dict) else list(s)
