"""Reader pages (one per treaty) and family pages: generated from the data, every clause and witness on them,
gaps counted, condensed labels never shown as wording, everything escaped; a site built from a data folder the
test writes itself. Browser checks (permalinks, axe) are in test_reader_browser.py."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import edit_table

from explainer import load
from explainer.articles import citations, reader_treaties
from explainer.cli import main
from explainer.reader import family_page, reader_href, reader_page

REPO = Path(__file__).resolve().parent.parent


class Where(HTMLParser):
    """Collects text with the stack of open tags (and classes) around it."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "col", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, str]] = []
        self.chunks: list[tuple[str, tuple]] = []
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
        if tag not in self.VOID:
            self.stack.append((tag, a.get("class") or ""))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if data.strip():
            self.chunks.append((data, tuple(self.stack)))


def parse(html: str) -> Where:
    p = Where()
    p.feed(html)
    return p


def _gaps_expected(corpus, treaty: str) -> int:
    """Clauses with no wording filed under them, their article or their paragraphs (computed here from the
    raw witness list, not through the reader's own helper)."""
    n = 0
    for cl in corpus.clauses_of(treaty):
        near = {cl.id} | ({cl.parent} if cl.parent else set()) | {k.id for k in corpus.children(cl.id)}
        if not any(w.clause in near and w.kind != "condensed label" for w in corpus.witnesses.values()):
            n += 1
    return n


@pytest.mark.parametrize("treaty", sorted(load().treaties))
def test_reader_shows_every_clause_every_witness_and_every_gap(corpus, treaty):
    html = reader_page(corpus, treaty).html
    p = parse(html)
    for cl in corpus.clauses_of(treaty):
        assert cl.id in p.ids, cl.id  # the part, reachable by its permalink
        assert f"#{cl.id}" in p.hrefs, cl.id  # and from the contents
    ws = [w for w in corpus.witnesses.values() if w.treaty == treaty]
    for w in ws:
        assert f"<code>{w.id}</code>" in html, w.id
        assert re.sub(r"\s+", " ", w.text).strip()[:40] in re.sub(r"\s+", " ", _unescape(html)), w.id
    assert html.count("class='rd-gap'") == _gaps_expected(corpus, treaty)
    assert treaty in reader_treaties(corpus)


def _unescape(s: str) -> str:
    import html as h

    return h.unescape(s)


def test_2024_counts_after_the_second_collection(corpus):
    html = reader_page(corpus, "2024-dprk-russia").html
    # Arts. 6 and 7: gaps whose topic a condensed label names; Arts. 10 and 11: wording now held
    for art in ("6", "7"):
        part = html.split(f"id='2024-dprk-russia/{art}'", 1)[1].split("<article", 1)[0]
        assert "class='rd-gap'" in part and "What is known of its topic" in part
    for art in ("10", "11", "preamble"):
        part = html.split(f"id='2024-dprk-russia/{art}'", 1)[1].split("<article", 1)[0]
        assert "class='rd-gap'" not in part and "<blockquote" in part
    assert "content not known" not in corpus.clauses["2024-dprk-russia/10"].label


def test_condensed_label_never_renders_as_a_quotation(corpus):
    labels = [w for w in corpus.witnesses.values() if w.kind == "condensed label"]
    assert {w.id for w in labels} == {"2024-06-ko-01", "2024-07-ko-01"}
    p = parse(reader_page(corpus, "2024-dprk-russia").html)
    for w in labels:
        where = [stack for text, stack in p.chunks if w.text in text]
        assert where, w.id
        for stack in where:
            tags = {t for t, _ in stack}
            assert not tags & {"blockquote", "q"}, (w.id, stack)
            assert any("rd-topic" in cls for _, cls in stack), (w.id, stack)
        # and no view offers it as a witness of the article's wording
        assert w.id not in {x.id for x in corpus.witnesses_of(w.clause)}


def test_reported_speech_ranks_below_quotations_and_is_never_a_complete_text(corpus):
    from explainer.coverage import coverage

    zh = corpus.witnesses_of("2024-dprk-russia/4", language="zh")
    assert zh[0].kind == "quotation" and zh[0].id == "2024-04-zh-02"  # quoted fragments first (review m7)
    assert {w.id for w in zh if w.kind == "reported speech"} == {"2024-04-zh-01", "2024-04-zh-03"}
    row = {r.clause: r for r in coverage(corpus, "2024-dprk-russia")}["2024-dprk-russia/8"]
    assert row.cells["zh"] == "t"  # only unquoted reported speech is held in Chinese
    html = reader_page(corpus, "2024-dprk-russia").html
    assert "Reported speech: the source gives the article" in html


def test_best_korean_text_of_article_4_is_the_unglossed_copy(corpus):
    best = corpus.witnesses_of("2024-dprk-russia/4", language="ko")[0]
    assert best.id == "2024-04-ko-04" and "(" not in best.text  # review m6: not News1's glossed copy
    news1 = corpus.witnesses["2024-04-ko-01"]
    assert "(러시아)" in news1.text and best.status == news1.status and best.complete == news1.complete


def test_officials_citing_an_article_are_lines_in_context(corpus):
    cited = citations(corpus, "2024-dprk-russia")
    ids = {c.statement.id for c in cited.get("4", [])}
    assert {"RU-2024-06-27-01", "RU-2024-06-27-02"} <= ids
    # "Article 51 of the UN Charter" is the Charter's article, not the treaty's
    assert all(not c.statement.text[c.end:c.end + 30].lstrip().startswith(("of the UN", "Устава")) for cs in
               cited.values() for c in cs)
    html = reader_page(corpus, "2024-dprk-russia").html
    art4 = html.split("id='2024-dprk-russia/4'", 1)[1].split("<article", 1)[0]
    assert "Officials citing Art. 4" in art4 and "<mark>Статья 4</mark>" in art4


def test_family_pages_show_every_family_and_say_when_nothing_is_comparable(corpus):
    for fid, fam in corpus.families.items():
        html = "".join(v.html for v in family_page(corpus, fid))
        for cid in fam.clauses:
            assert f"reader-{corpus.clauses[cid].treaty}.html#{cid}" in html
        assert "the clause across treaties" in html  # the version view
    ma = "".join(v.html for v in family_page(corpus, "mutual-assistance"))
    assert "obligation matrix" in ma and "Redline" in ma
    nh = "".join(v.html for v in family_page(corpus, "no-hostile-alliances"))
    assert "None of this family's clauses is coded" in nh


def test_injected_markup_stays_inert_on_reader_pages(data_copy):
    evil = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    edit_table(data_copy, "witnesses", lambda rows: [
        dict(r, text=r["text"] + evil, rendered_by=r["rendered_by"] + evil) if r["id"] in (
            "2024-04-ru-01", "2024-06-ko-01") else r for r in rows])
    edit_table(data_copy, "clauses", lambda rows: [
        dict(r, label=r["label"] + evil, gap_leads=[*r["gap_leads"], evil]) if r["id"] == "2024-dprk-russia/9" else r
        for r in rows])
    edit_table(data_copy, "treaties", lambda rows: [
        dict(r, note=r["note"] + evil) if r["id"] == "2024-dprk-russia" else r for r in rows])
    corpus = load(data_copy)
    html = reader_page(corpus, "2024-dprk-russia").html + "".join(
        v.html for v in family_page(corpus, "mutual-assistance"))
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# -- a site from a data folder written here ---------------------------------------------------------------
TREATIES = [
    dict(id="2030-a-b", kind="treaty", title="Treaty of Example between A and B", short_title="A–B treaty (2030)",
         parties=["A", "B"], signed_date="2030-01-10", signed_place="Aville", in_force_date=None, end_date=None,
         authentic_languages=["en", "ru"], replaces=[], articles=3, source_urls=["https://example.org/t"],
         note=""),
    dict(id="1990-a-b", kind="treaty", title="Old Treaty between A and B", short_title="A–B treaty (1990)",
         parties=["A", "B"], signed_date="1990-05-01", signed_place=None, in_force_date=None, end_date="2029-12-31",
         authentic_languages=["en", "ru"], replaces=[], articles=2, source_urls=["https://example.org/o"], note=""),
]


def _clause(t, a, label, order, **kw):
    return dict(id=f"{t}/{a}", treaty=t, article=a, order=order, label=label, topics=kw.get("topics", []),
                parent=None, gap_leads=kw.get("gap_leads", []), note="")


def _wit(i, clause, lang, text, status="authentic-text quotation", complete=True, **kw):
    return dict(id=i, clause=clause, language=lang, status=status, rendered_by="Example Press",
                source_url="https://example.org/" + i, published="2030-02-01", complete=complete, text=text,
                note="", mapping="attested", origin="test", source_article=clause.split("/")[1], **kw)


def write_small_data(folder: Path) -> Path:
    folder.mkdir(parents=True)
    shutil.copyfile(REPO / "data" / "datapackage.json", folder / "datapackage.json")
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    tables = {
        "treaties": TREATIES,
        "clauses": [
            _clause("2030-a-b", "1", "Help when attacked", 0, topics=["help"]),
            _clause("2030-a-b", "2", "Trade", 1),
            _clause("2030-a-b", "3", "Article 3 (not collected)", 2, gap_leads=["The Aville gazette, 2030"]),
            _clause("1990-a-b", "1", "Old help clause", 0, topics=["help"]),
            _clause("1990-a-b", "2", "Old final clause", 1),
        ],
        "witnesses": [
            _wit("new-1-en", "2030-a-b/1", "en", "If either party is attacked, the other shall help it at once."),
            _wit("new-1-ru", "2030-a-b/1", "ru", "Если одна из сторон подвергнется нападению, другая поможет ей."),
            _wit("new-2-en", "2030-a-b/2", "en", "The parties develop trade", status="press translation",
                 complete=False),
            _wit("new-3-label", "2030-a-b/3", "en", "culture and sport", status="press translation",
                 complete=False, kind="condensed label"),
            _wit("old-1-en", "1990-a-b/1", "en", "If either party is attacked, the other shall consult it."),
            _wit("old-2-en", "1990-a-b/2", "en", "This treaty is valid for ten years."),
        ],
        "statements": [dict(
            id="ST-1", speaker="Minister X", speaker_role="Minister", side="Russia", date="2030-03-01",
            event="Press conference", language="en", is_translation=False, translator_or_publisher="Example Wire",
            source_url="https://example.org/st", retrieved_via="test", completeness="quote within news item",
            text="We will act under Article 1 of the treaty, and Article 51 of the UN Charter.")],
        "families": [dict(id="help", label="Help in war", description="What each side owes the other.",
                          clauses=["1990-a-b/1", "2030-a-b/1"], focus="2030-a-b/1")],
        "links": [dict(family="help", source="1990-a-b/1", target="2030-a-b/1", type="widened",
                       reason="From consultation to help.")],
    }
    for res in package["resources"]:
        rows = tables.get(res["name"], [])
        (folder / res["path"]).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                                          encoding="utf-8")
    return folder


def test_site_from_a_small_data_folder(tmp_path, capsys, monkeypatch):
    data = write_small_data(tmp_path / "small")
    assert main(["validate", "--data", str(data)]) == 0
    monkeypatch.setenv("EXPLAINER_CACHE", str(tmp_path / "cache"))
    out = tmp_path / "site"
    assert main(["site", "--data", str(data), "--notebooks", str(REPO / "notebooks"), "--out", str(out),
                 "--no-fetch"]) == 0
    err = capsys.readouterr().err
    # every numbered notebook is about records this folder lacks: each left out with one line saying why
    for nb in sorted((REPO / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        lines = [x for x in err.splitlines() if f"leaving out {nb.name}" in x]
        assert len(lines) == 1 and "the data folder lacks" in lines[0], err
        assert not (out / f"{nb.stem}.html").exists()
    names = sorted(p.name for p in out.glob("*.html"))
    assert names == ["family-help.html", "index.html", "reader-1990-a-b.html", "reader-2030-a-b.html"]
    page = (out / "reader-2030-a-b.html").read_text(encoding="utf-8")
    p = parse(page)
    for cid in ("2030-a-b/1", "2030-a-b/2", "2030-a-b/3"):
        assert cid in p.ids and f"#{cid}" in p.hrefs
    assert page.count('class="rd-gap"') == 1 and "The Aville gazette, 2030" in page
    assert "What is known of its topic" in page and "culture and sport" in page
    assert "<blockquote lang=\"ru\">Если одна из сторон" in page  # best Russian text, authentic language
    assert "reader-1990-a-b.html#1990-a-b/1" in page and "widened" in page  # counterpart one click away
    assert "<mark>Article 1</mark>" in page and "<mark>Article 51</mark>" not in page
    old = (out / "reader-1990-a-b.html").read_text(encoding="utf-8")
    assert "Officials citing" not in old  # the statement is dated after that treaty ended
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "reader-2030-a-b.html" in index and "family-help.html" in index
    assert (out / "notebooks" / "reader-2030-a-b.ipynb").exists()


def test_validate_refuses_bad_parts(tmp_path, capsys):
    data = write_small_data(tmp_path / "bad")
    edit_table(data, "witnesses", lambda rows: [dict(r, clause="2030-a-b/9") if r["id"] == "new-2-en" else r
                                           for r in rows])
    edit_table(data, "treaties", lambda rows: [dict(r, articles=4) if r["id"] == "1990-a-b" else r for r in rows])
    before = {p.name: p.read_bytes() for p in data.iterdir()}
    assert main(["validate", "--data", str(data)]) == 1
    out = capsys.readouterr()
    text = out.out + out.err
    assert re.search(r"witnesses\.jsonl:line 3: clause: article '9' is not among the parts of '2030-a-b' "
                     r"\(1–3\)", text), text
    assert re.search(r"treaties\.jsonl:line 2: articles: says 4 articles but clauses\.jsonl disagrees: "
                     r"no clause for article\(s\) 3, 4", text), text
    assert {p.name: p.read_bytes() for p in data.iterdir()} == before


@pytest.mark.parametrize(("language", "text", "article"), [
    ("en", "under Article 4 of the treaty", "4"),
    ("en", "Art. 16 prohibits", "16"),
    ("ru", "статья 4 договора", "4"),
    ("ru", "в соответствии со статьёй 4", "4"),
    ("ru", "согласно статье 4", "4"),
    ("ru", "статья четвёртая гласит", "4"),
    ("ru", "четвертой статьи договора", "4"),
    ("ru", "4-й статьи", "4"),
    ("ko", "조약 제4조에 따라", "4"),
    ("ko", "제 4 조", "4"),
])
def test_citation_forms(corpus, language, text, article):
    import dataclasses

    from explainer.records import Statement

    s = Statement(id="T-1", speaker="X", speaker_role="r", side="Russia", date="2025-01-01", event="e",
                  language=language, is_translation=False, translator_or_publisher="p",
                  source_url="https://example.org", retrieved_via="t", completeness="c", text=text)
    c = dataclasses.replace(corpus, statements={"T-1": s})
    assert [x.article for cs in citations(c, "2024-dprk-russia").values() for x in cs] == [article]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Article 51 of the UN Charter"),
    ("ru", "статьи 51 Устава ООН"),
    ("ko", "유엔헌장 제51조"),  # not an article of the treaty
    ("ko", "조선 4조원"),
    ("en", "Article 40"),
])
def test_not_a_citation_of_the_treaty(corpus, language, text):
    import dataclasses

    from explainer.records import Statement

    s = Statement(id="T-1", speaker="X", speaker_role="r", side="Russia", date="2025-01-01", event="e",
                  language=language, is_translation=False, translator_or_publisher="p",
                  source_url="https://example.org", retrieved_via="t", completeness="c", text=text)
    c = dataclasses.replace(corpus, statements={"T-1": s})
    assert citations(c, "2024-dprk-russia") == {}


def test_no_component_styles_a_condensed_label_as_a_quotation(corpus):
    """Whatever view is asked for it explicitly, a condensed label is never in a blockquote or q."""
    from explainer import pages, views

    for wid in ("2024-06-ko-01", "2024-07-ko-01"):
        w = corpus.witnesses[wid]
        for html in (str(pages.quote(corpus, wid)), views.witness_card(corpus, w), views.text_block(w)):
            p = parse(html)
            where = [stack for text, stack in p.chunks if w.text in text]
            assert where and all(not {t for t, _ in st} & {"blockquote", "q"} for st in where), (wid, html)


def test_interpreted_links_say_so_with_evidence_on_the_reader(corpus):
    """U1 wherever a link is shown: an interpretation ("narrowed") is flagged and carries its evidence on both
    sides on the reader page too, with clause links into the readers."""
    lk = next(x for x in corpus.links if x.interpretation)
    cl = corpus.clauses[lk.target]
    html = reader_page(corpus, cl.treaty).html
    block = html[html.index(f"<strong>{lk.type}</strong> <em class='xv-interp'>"):]
    block = block[: block.index("</details>")]
    assert "our interpretation" in block
    assert f"({len(lk.evidence_for)} for this reading, {len(lk.evidence_against)} against)" in block
    assert reader_href(corpus.clauses[lk.source].treaty, lk.source) in block
