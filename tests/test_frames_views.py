"""The "In complete texts" components: one table per frame (never one series), escaping, the no-archive note."""

from __future__ import annotations

import re

from explainer import frames_views as V
from explainer.load import load


class FakeCorpus:
    def __init__(self, tables, statements=None):
        self.tables, self.statements = tables, statements or {}

    def table(self, name):
        return self.tables.get(name, [])


FRAME = {"id": "kcna-english", "publisher": "KCNA <b>", "file": "k.json", "format": "kcna-json", "language": "en",
         "status": "state-media translation", "side": "DPRK", "other_side": "Russia", "from": "2024-08-01",
         "to": "2024-09-02", "items": 3, "links": 3, "documents": 2, "mentioning_other_side": 1, "skipped": {},
         "caveats": ["Count by <document>"]}


def fake():
    docs = [{"id": "kcna-english/aaaaaaaaaaaa", "frame": "kcna-english", "date": "2024-08-01", "title": "t",
             "links": ["http://x/a"], "language": "en", "status": "s", "words": 5, "names_other_side": True},
            {"id": "kcna-english/bbbbbbbbbbbb", "frame": "kcna-english", "date": "2024-09-02", "title": "t",
             "links": ["http://x/b"], "language": "en", "status": "s", "words": 5, "names_other_side": False}]
    counts = [{"document": "kcna-english/aaaaaaaaaaaa", "frame": "kcna-english", "concept": "ALLIANCE",
               "relationship": 2, "other": 1, "denial": 0},
              {"document": "kcna-english/bbbbbbbbbbbb", "frame": "kcna-english", "concept": "ALLIANCE",
               "relationship": 0, "other": 4, "denial": 0}]
    lines = [{"id": "x", "document": "kcna-english/aaaaaaaaaaaa", "frame": "kcna-english", "date": "2024-08-01",
              "link": "http://x/a?<q>", "concept": "ALLIANCE", "rule": "r", "referent": "other",
              "why": "ALLIANCE/en/hostile", "word": "alliance", "sentence": "<script>x</script> a hostile alliance.",
              "start": 29}]
    return FakeCorpus({"frames": [FRAME], "frame_documents": docs, "frame_counts": counts, "frame_lines": lines})


def test_monthly_table_counts_documents_naming_the_other_side_only():
    html = V.frames_by_month(fake(), ["ALLIANCE"]).html
    rows = re.findall(r"<tr><th scope='row'>(\w+ \d+)</th>(.*?)</tr>", html)
    cells = {m: re.findall(r"<td[^>]*>(\d+)</td>", r) for m, r in rows}
    # Aug: 1 document, naming Russia, uses it for the relationship and for others; Sep: not naming Russia
    assert cells == {"Aug 2024": ["1", "1", "1", "1"], "Sep 2024": ["1", "0", "0", "0"]}


def test_one_table_per_frame_on_the_real_data():
    corpus = load()
    html = V.frames_by_month(corpus, ["ALLIANCE"]).html
    assert html.count("<table") == len(corpus.table("frames")) == 3


def test_text_is_escaped_and_links_kept():
    html = V.frame_lines_view(fake(), ["ALLIANCE"]).html + V.frames_overview(fake()).html
    assert "<script>" not in html and "&lt;script&gt;" in html and "KCNA &lt;b&gt;" in html
    assert "<mark>alliance</mark>" in html and "href='http://x/a?&lt;q&gt;'" in html
    assert "Count by &lt;document&gt;" in html


def test_without_frame_data_the_page_says_where_the_archives_go():
    html = V.frames_overview(FakeCorpus({})).html
    assert "No frame data" in html and "../shared/sources/corpora/" in html and "make data" in html


def test_statement_referents_lists_the_denial_and_the_third_parties():
    html = V.statement_referents_view(load()).html
    assert "RU-2024-06-27-01" in html and "denials" in html
    assert "RU-2024-10-24-04" in html and "about others" in html


def test_precision_view_shows_the_held_out_sentences_apart():
    corpus = load()
    held = sum(1 for r in corpus.table("referent_sample") if not r["tuned_on"])
    html = V.precision_for(corpus).html
    assert f"({held} of them held out" in html and "Held out</th>" in html


def test_a_frame_without_documents_is_shown_not_a_crash():
    """derive() writes from/to as null for a frame with no document; the monthly table must still build."""
    empty = {**FRAME, "from": None, "to": None, "documents": 0, "mentioning_other_side": 0}
    html = V.frames_by_month(FakeCorpus({"frames": [empty]}), ["ALLIANCE"]).html
    assert "no dated document" in html and html.count("<table") == 1
