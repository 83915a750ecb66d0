"""Diff classification on golden cases taken from real witness pairs in data/."""

from __future__ import annotations

import re

import pytest

from explainer.align import change_summary, comparable_pair, pair_kind
from explainer.diff import diff, normalise


def changed(red, kind):
    return [(o.a, o.b) for o in red.changes(kind)]


def test_without_delay_vs_immediately_is_translation_variance(corpus):
    w = corpus.witnesses
    red = diff(w["2024-04-en-01"].text, w["2024-04-en-12"].text, "en", "translation")
    a_side = " ".join(red.words("a", "translation"))
    b_side = " ".join(red.words("b", "translation"))
    assert "without delay" in a_side and "immediately" in b_side
    assert red.counts["version"] == 0


def test_armed_invasion_vs_armed_attack(corpus):
    w = corpus.witnesses
    red = diff(w["2024-04-en-01"].text, w["2024-04-en-12"].text, "en", "translation")
    assert any("invasion" in a and "attack" in b for a, b in changed(red, "translation"))


def test_dropped_and_other(corpus):
    w = corpus.witnesses
    red = diff(w["2024-04-en-01"].text, w["2024-04-en-12"].text, "en", "translation")
    assert ("and other ", "") in changed(red, "translation")


def test_dprk_spelling_and_gloss_are_orthographic_only(corpus):
    w = corpus.witnesses
    # Pressian (DPRK forms 로씨야련방) vs Yonhap (러시아연방 and an inserted (북한)).
    red = diff(w["2024-04-ko-04"].text, w["2024-04-ko-06"].text, "ko", "translation")
    assert red.counts == {"version": 0, "version-or-translation": 0, "translation": 0,
                          "orthographic": red.counts["orthographic"]}
    assert red.counts["orthographic"] >= 3
    rules = {n.rule for n in red.normalisations}
    assert {"dprk-spelling", "gloss", "spacing"} <= rules
    assert ("", "(북한)") in changed(red, "orthographic")


def test_inserted_gloss_in_brackets(corpus):
    w = corpus.witnesses
    red = diff(w["2024-04-ko-04"].text, w["2024-04-ko-01"].text, "ko", "translation")
    ortho_b = "".join(b for _, b in changed(red, "orthographic"))
    assert "(러시아)" in ortho_b
    # 준하여 → 준해 is a real edit of the wording, not spelling
    assert any("하여" in a and "해" in b for a, b in changed(red, "translation"))


def test_spelling_pairs_fold():
    assert normalise("로씨야련방", "ko") == normalise("러시아연방", "ko")
    assert normalise("호상 립장", "ko") == normalise("상호입장", "ko")
    assert normalise("Korea (DPRK)", "en") == normalise("Korea", "en")
    assert normalise("로씨야", "ko") != normalise("중국", "ko")


def test_russian_word_level(corpus):
    w = corpus.witnesses
    red = diff(w["2024-04-ru-01"].text, w["2024-04-ru-04"].text, "ru", "translation")
    assert ("незамедлительно ", "немедленно ") in changed(red, "translation")
    assert ("и иную ", "") in changed(red, "translation")
    assert ("Сторона ", "сторона ") in changed(red, "orthographic")


def test_version_kind_between_treaties(corpus):
    w = corpus.witnesses
    wa, wb = w["1961su-1.2-ko-01"], w["2024-04-ko-04"]
    assert pair_kind(corpus, wa, wb) == "version"
    assert pair_kind(corpus, w["2024-04-ko-04"], w["2024-04-ko-06"]) == "translation"
    red = diff(wa.text, wb.text, "ko", "version")
    assert red.counts["translation"] == 0 and red.counts["version"] > 3
    assert any("유엔헌장 제51조" in b for _, b in changed(red, "version"))


def test_ops_reproduce_the_stored_texts_exactly(corpus):
    for a, b in [
        ("2024-04-ko-04", "2024-04-ko-10"),
        ("2024-04-en-01", "2024-04-en-05"),
        ("2024-04-zh-01", "2024-04-zh-03"),
    ]:
        wa, wb = corpus.witnesses[a], corpus.witnesses[b]
        red = diff(wa.text, wb.text, wa.language)
        assert "".join(o.a for o in red.ops) == wa.text
        assert "".join(o.b for o in red.ops) == wb.text


def test_bad_kind_rejected():
    with pytest.raises(ValueError, match="kind"):
        diff("a", "b", "en", "orthographic")


def test_obligation_quotes_are_exact_substrings(corpus):
    rows = corpus.table("obligations")
    assert rows, "data/obligations.jsonl not loaded"
    for r in rows:
        if r["status"] == "coded":
            w = corpus.witnesses[r["witness"]]
            assert r["quote"] and r["quote"] in w.text, r["id"]
            assert w.clause == r["clause"] or corpus.clauses[r["clause"]].parent == w.clause, r["id"]
        elif r["status"] == "not in held text":
            assert r["quote"] is None
    fam = corpus.families["mutual-assistance"]
    for cid in fam.clauses:
        dims = {r["dimension"] for r in rows if r["clause"] == cid}
        assert dims == {"trigger", "obligation", "timing", "conditions"}, cid


def test_change_summary_generated_from_diff_and_coding(corpus):
    s = change_summary(corpus, "1961-ussr-dprk/1.2", "2024-dprk-russia/4")
    text = " ".join(s.sentences)
    assert s.link is not None and s.link.type == "narrowed"
    # both treaties have authentic Korean texts: the wording is compared there, not in two translators' English
    assert (s.witness_a.language, s.witness_b.language) == ("ko", "ko")
    assert s.witness_a.is_authentic and s.witness_b.is_authentic
    # a shared coding is the matrix's category, never a claim that the wording is unchanged (the 1961 and 2024
    # triggers name their attackers differently)
    assert "Timing: coded alike in our matrix" in text and "translators" not in text
    assert "Trigger: coded alike in our matrix" in text and "unchanged" not in text
    assert "Conditions:" in text and "none stated" in text
    for quoted in re.findall(r"“([^”]*)…”", text):  # shortened quotes end at a word boundary
        assert not quoted.endswith(" ") and quoted.split()[-1] in " ".join(w.text for w in corpus.witnesses.values()
                                                                          ).split(), quoted
    s2 = change_summary(corpus, "2000-russia-dprk/2", "2024-dprk-russia/4")
    assert "not in held text" in " ".join(s2.sentences)
    assert comparable_pair(corpus, "1953-us-rok/3", "2024-dprk-russia/4")[0].language == "en"
    s3 = change_summary(corpus, "1953-us-rok/3", "2024-dprk-russia/4")  # 2024 in English: a translation
    assert "translators' choice" in " ".join(s3.sentences)


def test_short_quotes_cut_at_a_word_boundary():
    from explainer.align import _short

    assert _short("in accordance with Article 51 of the UN Charter", 30) == "in accordance with Article…"
    assert _short("short enough", 30) == "short enough"
    assert _short("x" * 40, 10) == "x" * 9 + "…"


def test_gloss_inside_a_larger_change_stays_orthographic(corpus):
    w = corpus.witnesses
    # 1961 Korean vs News1's copy of 2024: the new words about the laws hold News1's gloss "(러시아)".
    red = diff(w["1961su-1.2-ko-01"].text, w["2024-04-ko-01"].text, "ko", "version")
    assert ("", "(러시아)") in changed(red, "orthographic")
    assert not any("(러시아)" in b for _, b in changed(red, "version"))
    assert any("유엔헌장 제51조" in b for _, b in changed(red, "version"))
    assert "".join(o.b for o in red.ops) == w["2024-04-ko-01"].text


def test_gloss_is_never_half_matched_against_the_name(corpus):
    w = corpus.witnesses
    # News1 "로씨야(러시아) 연방" vs Aju "러시아연방": one spelling/gloss change, not scattered brackets.
    red = diff(w["2024-04-ko-01"].text, w["2024-04-ko-09"].text, "ko", "translation")
    assert ("로씨야(러시아) ", "러시아") in changed(red, "orthographic")
    assert not any(a in ("(", ")", ") ") for a, _ in changed(red, "orthographic"))
    assert changed(red, "translation") == [("제", "")]


def test_quoted_passages_are_whole_and_keep_the_gloss(corpus):
    w = corpus.witnesses
    red = diff(w["1961su-1.2-ko-01"].text, w["2024-04-ko-01"].text, "ko", "version")
    added = red.words("b", "version")
    assert "경우 타방은 유엔헌장 제51조와 조선민주주의인민공화국과 로씨야(러시아) 연방의 법에 준해" in added
    assert all(t in w["2024-04-ko-01"].text for t in added)


def test_version_change_only_between_authentic_texts_or_one_translator(corpus):
    """M6 (review 2026-11): a redline between two treaties' texts made by different translators marked every
    difference as a change between treaties. 'version' now needs two authentic texts (in their treaties'
    authentic languages) or one translator; otherwise the kind is 'version-or-translation' and the caveat
    names both texts."""
    from explainer.align import translators_caveat, version_kind

    w = corpus.witnesses
    # Korean 1961 and 2024: both authentic-text quotations in an authentic language
    assert version_kind(corpus, w["1961su-1.2-ko-01"], w["2024-04-ko-01"]) == "version"
    assert translators_caveat(corpus, w["1961su-1.2-ko-01"], w["2024-04-ko-01"]) == ""
    # Russian: the 1961 text is a press translation (re-translated), the 2024 one a quotation
    ru = (w["1961su-1.2-ru-01"], w["2024-04-ru-01"])
    assert pair_kind(corpus, *ru) == "version-or-translation"
    caveat = translators_caveat(corpus, *ru)
    assert "1961su-1.2-ru-01 is a press translation" in caveat and "never as a version change" in caveat
    # English: UN Secretariat's translation against KCNA's — two translators
    assert version_kind(corpus, w["1961su-1.2-en-01"], w["2024-04-en-01"]) == "version-or-translation"
    # an authentic-text quotation in a language that is not authentic for its treaty is a translation here
    assert version_kind(corpus, w["1953-III-en-01"], w["2024-04-en-01"]) == "version-or-translation"
    # one translator: KCNA's English of two articles of the 2024 treaty
    assert version_kind(corpus, w["2024-03-en-01"], w["2024-04-en-01"]) == "version"
    red = diff(ru[0].text, ru[1].text, "ru", "version-or-translation")
    assert red.counts["version"] == 0 and red.counts["version-or-translation"] > 0
    s = " ".join(change_summary(corpus, "1961-ussr-dprk/1.2", "2024-dprk-russia/4", *ru).sentences)
    assert "wording change" not in s and "differences of wording (the treaties' or the translators')" in s
    with pytest.raises(ValueError):
        diff("a", "b", "en", "change")
