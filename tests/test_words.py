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


def _row(html: str, claim: str) -> str:
    import re

    row = html.split(claim, 1)[1].split("</tr>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", row).split())


def test_claims_view_names_what_each_group_of_records_is(corpus):
    html = claims_view(corpus)._repr_html_()
    assert "Records against" not in html and "Records that support" not in html
    # a "present" claim: Kim's records without the word are listed as such, not as evidence against
    kim = _row(html, "Kim Jong Un described the relationship with Russia as an alliance")
    assert "sayings using the words in the speaker&#x27;s own language (" in kim
    assert "sayings without the words (" in kim
    own = kim.split("only in translation")[0]
    assert "KP-2024-06-19-07" in own  # the Korean original is an original
    # Kim's one sentence in Korean, in two English renderings and in both seed articles is one saying (W3)
    saying = next(x for x in own.split(" , ") if "KP-2024-06-19-07" in x)
    for rid in ("KP-2024-06-19-08", "KP-2024-06-19-03", "KP-2024-06-19-05", "SD-KP-2024-06-19-01",
                "SD-KP-2024-06-19-02"):
        assert rid in saying, rid
    # the seed articles' own quotations are marked, so they are not read as independent confirmation
    putin = _row(html, "Vladimir Putin did not use the word alliance")
    assert "SD-RU-2024-06-19-01†" in putin and "† quoted in an article whose claims are tested here" in html
    # the increase finding compares periods
    assert "baseline period, sayings using the words" in html
    # the key states every rule, including the 'several' threshold behind "need 2"
    key = html.split("How the verdicts are decided", 1)[1]
    assert "2 uses when the claim says &#x27;several&#x27;" in key
    assert key.count("<tr>") == 4 and "a saying uses the words in the speaker&#x27;s own language" in key
    assert "zero read from excerpts" in key  # M11: a zero in excerpts is not a baseline of zero


def _cell(html: str, state: str, speaker: str, column: int) -> str:
    """The text of one grid cell: state key, row speaker, 0-based concept column."""
    import re

    part = html.split(f'data-xv-key="{state}"', 1)[1].split("</table>", 1)[0]
    row = re.search(r"<tr><th scope=\"row\">" + re.escape(speaker) + r" <span[^>]*>[^<]*</span></th>(.*?)</tr>", part)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(1))
    return re.sub(r"<[^>]+>", " ", cells[column]).split()


def test_speaker_grid_gives_each_share_with_its_counts(corpus):
    w = word_counts(corpus)
    html = w.speaker_grid(min_statements=5).html
    col = list(dict.fromkeys(w.counts["concept"])).index("ALLIANCE")
    # Kim Jong Un: 15 of his 52 sayings use an alliance term (any record), 9 of 25 in his own language;
    # by days: 11 of the 18 days we hold his words, 9 of 12 in his own language
    assert _cell(html, "all", "Kim Jong Un", col) == ["29%", "15", "of", "52", "11", "of", "18", "days"]
    assert _cell(html, "original", "Kim Jong Un", col) == ["36%", "9", "of", "25", "9", "of", "12", "days"]
    # Putin's September 2025 sentence, held from two Russian sites, KCNA and RT, is one saying; his June 2024
    # fragment «инспирирован США и их союзниками» is about the allies of the US, so it is not counted (M9)
    assert _cell(html, "original", "Vladimir Putin", col)[1:] == ["1", "of", "19", "1", "of", "9", "days"]
    # U5: Rudenko's three-word fragment, whose subject is not known, is not counted as his use
    assert _cell(html, "original", "Andrey Rudenko", col)[:2] == ["0%", "0"]
    # m12: state media are not officials
    assert "Korean Central News Agency" not in html and "Rodong Sinmun" not in html
    assert "Yury Ushakov" not in html  # below the threshold
    assert html.count("<table") == 2 and "@media print" in html  # both subsets print


def test_speaker_grid_escapes_and_marks_missing_subsets(corpus):
    w = word_counts(corpus)
    c = w.counts.copy()
    c.loc[c.speaker == "Kim Jong Un", "speaker"] = "<b>Kim</b>"
    c.loc[c.saying_speaker == "Kim Jong Un", "saying_speaker"] = "<b>Kim</b>"
    c.loc[c.speaker == "Sergey Lavrov", "is_translation"] = True  # no original-language record left
    html = w.__class__(w.lexicon, c, w.lines, w.labels).speaker_grid(min_statements=5).html
    assert "<b>Kim" not in html and "&lt;b&gt;Kim&lt;/b&gt;" in html
    original = html.split('data-xv-key="original"', 1)[1].split("</section>", 1)[0]
    assert ">Sergey Lavrov <span" not in original.split("</table>")[0]  # no row of dashes
    assert "not shown: Sergey Lavrov" in original
    share, n, _, total = _cell(html, "all", "Sergey Lavrov", 0)[:4]
    assert share.endswith("%") and int(total) >= 5 and 0 <= int(n) <= int(total)


def test_rates_view_matches_the_table_and_escapes(corpus):
    import re

    w = word_counts(corpus)
    t = w.table("side", original_only=True)
    html = w.rates_view("side", original_only=True).html
    row = t[(t.side == "Russia") & (t.concept == "ALLIANCE")].iloc[0]
    cells = re.search(r'<th scope="row">Russia</th><td class="rt-l">alliance / allied</td>(.*?)</tr>', html).group(1)
    texts = re.findall(r"<td[^>]*>(.*?)</td>", cells)
    assert texts[:6] == [f"{row.statements_with} of {row.statements}", f"{row.share:.0%}",
                         f"{row.occasions_with} of {row.occasions}", str(row.hits), f"{row.words:,}",
                         f"{row.rate_per_1000:.2f}"]
    # counted by saying: fewer sayings than own-language records (several outlets' records of one sentence)
    records = w.counts[(w.counts.side == "Russia") & ~w.counts.is_translation & (w.counts.concept == "ALLIANCE")]
    assert row.statements < len(records)
    assert "not comparable across languages" in html  # M10
    assert html.count("<tr>") == len(t) + 1 and "index" not in html and "ALLIANCE" not in html
    evil = w.__class__(w.lexicon, w.counts, w.lines, {**w.labels, "ALLIANCE": "<i>x</i>"})
    assert "&lt;i&gt;x&lt;/i&gt;" in evil.rates_view("side").html and "<i>x" not in evil.rates_view("side").html


def test_lexicon_view_lists_every_rule_with_its_reason(corpus):
    from html import escape

    from explainer.terms import Lexicon, Rule

    w = word_counts(corpus)
    html = w.lexicon_view().html
    for r in w.lexicon.rules:
        assert escape(r.reason) in html and escape(r.pattern) in html
    assert html.count("<details") == len(w.lexicon.concepts)
    row = html.split(escape("Союзн(?:ое"), 1)[0].rsplit("<tr>", 1)[1]
    assert "does not count (capitals matter)" in row  # the Union State exclusion is case-sensitive
    evil = Lexicon({"X": {"label": "<b>x</b>", "description": "<script>alert(1)</script>"}},
                   (Rule("X/en/1", "X", "en", "match", "<img src=x onerror=alert(1)>", "<i>why</i>"),))
    out = word_counts(corpus).__class__(evil, w.counts, w.lines, {"X": "x"}).lexicon_view().html
    assert "<script>alert" not in out and "<img" not in out and "<b>x" not in out and "&lt;i&gt;why" in out
