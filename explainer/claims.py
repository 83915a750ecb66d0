"""Claims about officials' words (``data/claims.jsonl``) checked against the statement counts.

A claim names concept(s), a statement filter and what it expects: ``present`` (the speaker used the
words), ``absent`` (did not), or ``increase`` (a later period uses them more than a baseline). Everything is
counted by *saying* (:mod:`explainer.sayings`): one sentence held by several outlets, in several languages or
as a full text and an excerpt of it counts once; state media alone are not an official's saying; a fragment
whose subject is not known is not counted as a use. Verdicts are computed here from the evidence, by the rules
below -- never stored in the data:

present
    *supported* -- at least ``min_distinct`` sayings use the words in the speaker's own language;
    *consistent but unproven* -- enough sayings only when translations are counted (the word may be the
    translator's); *not supported* -- fewer sayings than needed (or no record at all).
absent
    *contradicted* -- a saying uses the words in the speaker's own language; *not supported* -- sayings use
    them only in translation; *supported* -- no saying uses them and at least one is held as a full text;
    *consistent but unproven* -- none uses them, but every record is an excerpt or a quotation.
increase (share of sayings using the concept, later window vs baseline)
    *supported* -- later share higher, at least 3 later sayings use it, both windows hold at least
    :data:`~explainer.terms.SMALL_STATEMENTS` sayings, and the baseline is not a zero read from excerpts only;
    *consistent but unproven* -- higher but on small numbers, or against a baseline whose zero is an absence in
    excerpts; *not supported* -- not higher; *contradicted* -- lower with enough sayings.
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
        "supported": "enough uses of the words in the speaker's own language (1 saying, or 2 uses when the claim "
                     "says 'several'); one sentence held by several outlets or in several languages is one use",
        "consistent but unproven": "enough sayings only when translations are counted: the word may be the "
                                   "translator's",
        "not supported": "too few sayings with the words, or no record at all",
        "contradicted": "(not used: quotations cannot show that a word was never said)",
    },
    "absent": {
        "supported": "no saying uses the words, and at least one is held as a full text, or a record in the "
                     "speaker's own language says the relationship is not that (a denial such as 'not intended "
                     "to create a ... alliance')",
        "consistent but unproven": "no saying uses the words, but every record is an excerpt or a quotation "
                                   "(a denial held only in translation is listed, not relied on: the words may "
                                   "be the translator's)",
        "not supported": "sayings use the words only in translation: the word may be the translator's",
        "contradicted": "a saying uses the words in the speaker's own language",
    },
    "increase": {
        "supported": f"the later period's share of sayings using the words is higher, at least "
                     f"{MIN_LATER_STATEMENTS} later sayings use them, both periods hold at least "
                     f"{SMALL_STATEMENTS} sayings, and the baseline is not a zero read from excerpts",
        "consistent but unproven": "the later share is higher, but on small numbers, or the baseline's zero is "
                                   "an absence in excerpts (not a measured zero)",
        "not supported": "the later share is not higher",
        "contradicted": f"the later share is lower, with at least {SMALL_STATEMENTS} sayings in each period",
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
    """Rows of a statement × concept count frame matching a claim's filter. Speaker, side, date and event are
    the *saying's* (its principal record's: see :mod:`explainer.sayings`) when the frame has saying columns,
    so a news agency's rendering of Putin's sentence is tested as Putin's; language and ``original_only``
    select records."""

    def col(key: str) -> pd.Series:
        return counts[f"saying_{key}"] if f"saying_{key}" in counts.columns else counts[key]

    m = counts["concept"].isin(list(concepts))
    m &= (col("date") >= flt["date_from"]) & (col("date") <= flt["date_to"])
    for key in ("side", "speaker", "event"):
        if key in flt:
            m &= col(key) == flt[key]
    if "language" in flt:
        m &= counts["language"] == flt["language"]
    if flt.get("original_only"):
        m &= ~counts["is_translation"].astype(bool)
    return counts[m]


FULL = ("full", "full text")


def _per_saying(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per saying: hits in any record, hits in own-language records, records, completeness."""
    if rows.empty:
        return pd.DataFrame(columns=["hits", "orig_hits", "records", "completeness", "ids"])
    if "saying" not in rows.columns:  # a bare count frame: every record is its own saying
        rows = rows.assign(saying=rows["statement_id"], own_use=True, state_media=False,
                           saying_speaker=rows["speaker"], saying_side=rows["side"], saying_date=rows["date"],
                           saying_event="", matched=rows.get("matched", ""), source_url="", source="")
    rows = rows[~rows["state_media"].astype(bool)]
    if rows.empty:
        return pd.DataFrame(columns=["hits", "orig_hits", "records", "completeness", "ids"])
    hits = rows.assign(hits=rows["hits"].where(rows["own_use"].astype(bool), 0))
    per_rec = hits.groupby(["saying", "statement_id"]).agg(
        hits=("hits", "sum"), is_translation=("is_translation", "first"), completeness=("completeness", "first"))
    per_rec = per_rec.reset_index()
    per_rec["orig_hits"] = per_rec["hits"].where(~per_rec["is_translation"].astype(bool), 0)
    out = per_rec.groupby("saying").agg(
        # uses in a saying: the most matches any one of its records holds
        hits=("hits", "max"), orig_hits=("orig_hits", "max"), records=("statement_id", "nunique"),
        completeness=("completeness", lambda s: "full text" if s.isin(FULL).any() else s.iloc[0]),
        ids=("statement_id", lambda s: tuple(sorted(s))),
    )
    return out


def _show(per: pd.DataFrame, mask) -> tuple[str, ...]:
    """Sayings as "principal = other records" strings, for the evidence column."""
    sub = per[mask] if len(per) else per
    return tuple(" = ".join([sid, *[i for i in ids if i != sid]]) for sid, ids in zip(sub.index, sub["ids"],
                                                                                      strict=True))


def evaluate(
    claim: dict, counts: pd.DataFrame, kwic_lines: pd.DataFrame | None = None, labels: dict | None = None
) -> Verdict:
    """The verdict on one claim, counted by saying; ``labels`` (concept -> readable label) name the concepts
    in the reason. ``kwic_lines`` is accepted for compatibility and not needed."""
    concepts = claim["concepts"]
    rows = select(counts, claim["filter"], concepts)
    per = _per_saying(rows)
    n = len(per)
    recs = int(per["records"].sum()) if n else 0
    used = per["hits"] > 0 if n else pd.Series(dtype=bool)
    orig = per["orig_hits"] > 0 if n else pd.Series(dtype=bool)
    d_orig, d_all = int(orig.sum()) if n else 0, int(used.sum()) if n else 0
    # uses: per saying, the most matches that any one of its records holds (two renderings of one sentence
    # are one use; a record holding two sentences with the word is two)
    u_orig, u_all = (int(per["orig_hits"].sum()), int(per["hits"].sum())) if n else (0, 0)
    unknown = tuple(sorted(set(rows.loc[~rows["own_use"].astype(bool), "statement_id"]))) if (
        "own_use" in rows.columns) else ()
    groups = [
        ("sayings using the words in the speaker's own language", _show(per, orig)),
        ("sayings using the words only in translation", _show(per, used & ~orig)),
        ("sayings without the words", _show(per, ~used)),
    ]
    if unknown:
        groups.append(("not counted: subject of the fragment not known", unknown))
    inferred = tuple(sorted(set(rows.loc[rows["attribution_inferred"].astype(bool), "statement_id"]))) if (
        "attribution_inferred" in rows.columns) else ()
    if inferred:
        groups.append(("speaker identified by inference, not named by the source", inferred))
    evidence = tuple(groups)
    words = " or ".join(f'"{labels[c]}"' if labels and c in labels else c for c in concepts)
    held = f"{plural(n, 'saying')} ({plural(recs, 'record')})"
    expect = claim["expect"]
    supporting = tuple(sorted(i for ids in per.loc[used, "ids"] for i in ids)) if n else ()
    without = tuple(sorted(i for ids in per.loc[~used, "ids"] for i in ids)) if n else ()
    if expect == "present":
        need = int(claim.get("min_distinct", 1))
        uses = (lambda k: f"{plural(k, 'use')} in ") if need > 1 else (lambda k: "")
        caveat = "; the speaker is identified by inference" if inferred else ""
        if n == 0:
            v, why = "not supported", "no statement in the corpus matches the filter"
        elif u_orig >= need:
            v, why = "supported", (f"{uses(u_orig)}{plural(d_orig, 'saying')} with {words} in the speaker's own "
                                   f"language, of {held}{caveat}")
        elif u_all >= need:
            v, why = (
                "consistent but unproven",
                f"{uses(u_all)}{plural(d_all, 'saying')} with {words} of {held}, but "
                f"{f'only {u_orig}' if u_orig else 'none'} in the speaker's own language (need {need}): the word "
                f"may be the translator's{caveat}",
            )
        else:
            v, why = "not supported", (f"{uses(u_all)}{plural(d_all, 'saying')} with {words} of {held}; need "
                                       f"{need}{' (renderings of one sentence are one use)' if need > 1 else ''}")
        return Verdict(claim["id"], v, why, supporting, without, n, evidence)
    if expect == "absent":
        full = int(per["completeness"].isin(FULL).sum()) if n else 0
        if n == 0:
            v, why = "not supported", "no statement in the corpus matches the filter"
        elif d_orig:
            v, why = "contradicted", (f"{plural(d_orig, 'saying')} of {held} use{'s' if d_orig == 1 else ''} "
                                      f"{words} in the speaker's own language")
        elif d_all:
            v, why = (
                "not supported",
                f"{plural(d_all, 'saying')} of {held} use{'s' if d_all == 1 else ''} {words}, only in translation: "
                f"the word may be the "
                f"translator's",
            )
        elif full:
            v, why = "supported", f"no {words} in {held}, {full} of them held as full texts"
        else:
            v, why = (
                "consistent but unproven",
                f"no {words} in {held}, but all are excerpts or quotations: absence in excerpts, not in the "
                f"full text",
            )
        return Verdict(claim["id"], v, why, without, supporting, n, evidence)
    if expect == "increase":
        base = _per_saying(select(counts, claim["baseline"], concepts))
        nb, nl = len(base), n
        kb = int((base["hits"] > 0).sum()) if nb else 0
        kl = d_all
        sb, sl = (kb / nb if nb else 0.0), (kl / nl if nl else 0.0)
        desc = f"{kl} of {nl} sayings ({sl:.0%}) vs {kb} of {nb} ({sb:.0%}) in the baseline"
        enough = nb >= SMALL_STATEMENTS and nl >= SMALL_STATEMENTS
        base_full = int(base["completeness"].isin(FULL).sum()) if nb else 0
        if sl > sb and kb == 0 and not base_full:
            v = "consistent but unproven"
            desc += ("; the baseline's zero is an absence in excerpts, not a measured zero, so the size of the "
                     "change is not known")
        elif sl > sb and kl >= MIN_LATER_STATEMENTS and enough:
            v = "supported"
        elif sl > sb:
            v, desc = "consistent but unproven", desc + "; numbers too small to rely on"
        elif sl < sb and enough:
            v = "contradicted"
        else:
            v = "not supported"
        later_ids = _show(per, used) if n else ()
        base_ids = _show(base, base["hits"] > 0) if nb else ()
        against = tuple(sorted(i for ids in base.loc[base["hits"] > 0, "ids"] for i in ids)) if nb else ()
        ev = (("later period, sayings using the words", later_ids),
              ("baseline period, sayings using the words", base_ids))
        return Verdict(claim["id"], v, f"{words}: {desc}", supporting, against, nl + nb, ev)
    raise ValueError(f"claim {claim['id']}: expect: unknown value {expect!r}")


def with_denials(claim: dict, v: Verdict, counts: pd.DataFrame, denials: dict[str, set[str]]) -> Verdict:
    """Denials are their own evidence (review finding M3). For an ``absent`` claim that no original-language
    record contradicts, a record in the window saying the relationship is *not* what the concept names turns
    'consistent but unproven' into 'supported'; the denying records get their own group (and leave 'records
    without the words'). For other claims they are listed, and the verdict stands."""
    rows = select(counts, claim["filter"], claim["concepts"])
    # the same records the verdict counts: state media's own texts and fragments whose subject is not known
    # cannot deny on an official's behalf
    for col in ("state_media", "own_use"):
        if col in rows.columns:
            keep = rows[col].astype(bool)
            rows = rows[~keep if col == "state_media" else keep]
    ids = sorted({i for i in rows["statement_id"] if denials.get(i, set()) & set(claim["concepts"])})
    if not ids:
        return v
    trans = set(rows.loc[rows["is_translation"].astype(bool), "statement_id"])
    how = ", ".join(f"{i}{' (a translation)' if i in trans else ''}" for i in ids)
    evidence = tuple((g, tuple(x for x in idx if not set(str(x).split(" = ")) & set(ids))) for g, idx in v.evidence)
    evidence += (("records saying it is not that (denials)", tuple(ids)),)
    verdict, reason = v.verdict, v.reason
    says = f"{plural(len(ids), 'record')} {'says' if len(ids) == 1 else 'say'} it is not that: {how}"
    own = [i for i in ids if i not in trans]
    if claim["expect"] == "absent" and v.verdict == "consistent but unproven" and own:
        verdict = "supported"
        reason = f"{reason.split(', but')[0]} (all excerpts or quotations), and {says}"
    elif claim["expect"] == "absent" and v.verdict == "consistent but unproven":
        reason = f"{reason}; {says}, but only in translation, so the denial's words may be the translator's"
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
    from .terms import count_statements, load_lexicon

    if corpus is None:
        from .load import load

        corpus = load()
    from .sayings import attach

    lex = load_lexicon(corpus)
    sts = _statements(corpus)
    labels = {c: lex.label(c) for c in lex.concepts}
    return claims_table(
        corpus.table("claims"),
        attach(count_statements(sts, lex, method=method), corpus),
        None,  # uses are counted per saying from the counts; context lines are not needed
        labels,
        denials=denials_of(sts, lex),
        complete_texts=frames_evidence(corpus.table("claims"), corpus, labels),
    )


def _statements(corpus):
    s = corpus.statements
    return list(s.values()) if isinstance(s, dict) else list(s)
