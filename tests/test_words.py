"""The notebook facade for officials' words: counts with labels, rates with denominators, claims table."""

from explainer.words import ClaimsView, claims_view, word_counts


def test_word_counts_cover_every_statement_and_concept(corpus):
    w = word_counts(corpus)
    assert w.statements == len(corpus.statements)
    assert set(w.labels) == set(w.counts["concept"])
    t = w.table("side", original_only=True)
    assert set(t["side"]) == {"DPRK", "Russia"}  # ROK seed quotes stay out of the comparison
    row = t[(t.side == "DPRK") & (t.concept == "ALLIANCE")].iloc[0]
    assert row.rate_per_1000 == round(1000 * row.hits / row.words, 2) and row.label == w.labels["ALLIANCE"]


def test_claims_view_shows_full_text_and_escapes(corpus):
    html = claims_view(corpus)._repr_html_()
    assert "Kim Jong Un used the word alliance several times in his press statement." in html
    assert "consistent but unproven" in html and "hani.co.kr" in html
    w = word_counts(corpus)
    import pandas as pd

    evil = pd.DataFrame([dict(claim="<script>alert(1)</script>", who="x", when="y", source=None, verdict="v",
                              reason="<img src=x onerror=alert(1)>", supporting=[], against=[])])
    out = ClaimsView(evil, corpus)._repr_html_()
    assert "<script>alert" not in out and "&lt;script&gt;" in out and "<img" not in out
    assert w.lines is not None
