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
        "supported": "no record uses the words, and at least one record is a full text",
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


def claims_table(
    claims: list[dict], counts: pd.DataFrame, kwic_lines: pd.DataFrame | None = None, labels: dict | None = None
) -> pd.DataFrame:
    """One row per claim: id, kind, expect, claim, who, when, source, verdict, reason, supporting, against,
    records, evidence (``[label, [ids]]`` groups)."""
    rows = []
    for c in claims:
        v = evaluate(c, counts, kwic_lines, labels)
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
            }
        )
    return pd.DataFrame(rows)


def check_claims(corpus=None, *, method: str = "stem") -> pd.DataFrame:
    """The claims table for the corpus (default: the repository's data)."""
    from .terms import count_statements, kwic, load_lexicon

    if corpus is None:
        from .load import load

        corpus = load()
    lex = load_lexicon(corpus)
    sts = _statements(corpus)
    return claims_table(
        corpus.table("claims"),
        count_statements(sts, lex, method=method),
        kwic(sts, lex, method=method),
        {c: lex.label(c) for c in lex.concepts},
    )


def _statements(corpus):
    s = corpus.statements
    return list(s.values()) if isinstance(s, dict) else list(s)
