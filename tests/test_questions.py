"""Questions with evidence (data/questions.jsonl, explainer/questions.py) and the classroom's questions (review
2026-11: issue 12 item 2, M7, M8, m9, M5/U2 in the classroom)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from explainer import pages
from explainer.questions import deployment_dates, evidence_questions, mentions, questions

NB = Path(__file__).resolve().parent.parent / "notebooks"

#: Words that would turn a question into our verdict on legality or on the facts.
VERDICT = re.compile(
    r"\b(unlawful|illegal|lawful|legal(ly)? (valid|invalid)|violat\w*|breach\w*|justif\w*|"
    r"legitimate|therefore|clearly|in fact|did not apply|does not apply|applied)\b",
    re.I,
)


def _cell(name, needle):
    nb = json.loads((NB / name).read_text(encoding="utf-8"))
    return next("".join(c["source"]) for c in nb["cells"] if needle in "".join(c["source"]))


def test_article_4_questions_cite_the_evidence_the_brief_names_and_give_no_verdict(corpus):
    rows = questions(corpus, "article-4-kursk")
    assert [q["id"] for q in rows] == ["a4-when", "a4-trigger", "a4-article51"]
    cited = {r for q in rows for g in q["evidence"] for r in g["ids"]}
    # Putin's «имплементации статьи № 4» of 24 October 2024; the CMC's and Putin's April 2025 statements
    assert "имплементации статьи № 4" in corpus.statements["RU-2024-10-24-10"].text
    assert {"RU-2024-10-24-10", "KP-2025-04-27-01", "RU-2025-04-28-03", "ev-2024-10-18-1"} <= cited
    # from the second collection: Putin's «есть статья четвёртая» (27 March 2025), his full Russian statement of
    # 28 April 2025 naming «статьёй 4», Gerasimov's Kremlin transcript, Gatilov's reply in Geneva
    assert {"RU-2025-03-27-01", "RU-2025-04-28-06", "RU-2025-04-26-04", "RU-2026-02-25-01"} <= cited
    assert "статья четвёртая" in corpus.statements["RU-2025-03-27-01"].text
    assert "в соответствии со статьёй 4" in corpus.statements["RU-2025-04-28-06"].text
    for q in rows:
        ours = " ".join(
            [q["title"], q["question"], q.get("background", "")] + [g["heading"] for g in q["evidence"]]
        )
        assert not VERDICT.search(ours), (q["id"], VERDICT.search(ours).group(0))
        assert q["question"].rstrip().endswith("?")
        # evidence on both sides: a party's words and something to weigh them against (texts, dates, reports)
        sides = {
            pages.lookup(corpus, r).side for g in q["evidence"] for r in g["ids"] if r in corpus.statements
        }
        others = [r for g in q["evidence"] for r in g["ids"] if r not in corpus.statements]
        assert sides & {"DPRK", "Russia"} and others, q["id"]
    bg = next(q for q in rows if q["id"] == "a4-trigger")["background"]
    assert "general knowledge" in bg and "no record in our data" in bg


def test_dates_are_computed_from_the_data(corpus):
    evs, sentence = deployment_dates(corpus)
    assert [e.id for e in evs] == [
        "ev-2024-10-18-1",
        "ev-2024-10-23-1",
        "ev-2024-12-04-1",
        "ev-2025-04-26-1",
        "ev-2025-04-28-1",
    ]
    assert "47 days before the DPRK–Russia treaty (2024) entered into force (4 December 2024)" in sentence
    assert "190 days before the first acknowledgement by a party in our data (26 April 2025)" in sentence
    assert sentence.startswith("The first report in our data (18 October 2024) is a claim by South Korea")
    html = evidence_questions(corpus).html
    assert pages.esc(sentence) in html and "We give no answer" in html
    assert "Background not from our data (general knowledge):" in html


def test_absence_line_is_computed(corpus):
    html = evidence_questions(corpus).html
    hits = mentions(corpus, ["Security Council", "Совет Безопасности", "Совбез", "안보리", "안전보장이사회"])
    if hits:
        assert all(f"<code>{h}</code>" in html for h in hits)
    else:
        assert "mention the UN Security Council: none. That is an absence in what we collected" in html
    assert mentions(corpus, ["статьи № 4"]) == ["RU-2024-10-24-10"]


def test_unknown_evidence_is_refused(corpus):
    import dataclasses

    bad = [
        dict(q, evidence=[{"heading": "x" * 6, "ids": ["RU-1900-01-01-01"]}])
        for q in corpus.table("questions")
    ]
    c2 = dataclasses.replace(corpus, extra={**corpus.extra, "questions": bad})
    with pytest.raises(KeyError, match="cites unknown record 'RU-1900-01-01-01'"):
        evidence_questions(c2)
    with pytest.raises(KeyError, match="has no question 'nope'"):
        evidence_questions(corpus, ids=["nope"])


def test_classroom_q3_quotes_statements_whole_not_paraphrases_or_cut_snippets(corpus):
    """M8: Q3 showed TASS's paraphrase ('Kim decided that …', ev-2025-04-28-1) as if it were the statement, and
    Putin's statement cut before its claim (ev-2025-04-28-2). It now quotes the statements themselves, each with
    its claim."""
    src = _cell("05-classroom.ipynb", "Question 3")
    assert "ev-2025-04-28-1" not in src and "ev-2025-04-28-2" not in src
    assert "evidence_questions(" in src
    html = evidence_questions(corpus).html
    putin = corpus.statements["RU-2025-04-28-03"].text
    assert "in full compliance with international law" in putin and "Article 4 of the Treaty" in putin
    assert pages.esc(putin) in html
    cmc = corpus.statements["KP-2025-04-27-01"].text
    assert "meets the conditions for the application of Article 4" in cmc and pages.esc(cmc) in html
    assert "Kim decided that the situation required" not in html


def test_classroom_q2_uses_the_korean_original_and_reuters(corpus):
    """m9: Q2 quoted a second-hand Ukrainian outlet's version of Kim's sentence (KP-2024-06-19-03)."""
    src = _cell("05-classroom.ipynb", "Question 2")
    ids = re.findall(r'"((?:KP|RU)-[\d-]+)"', src)
    assert "KP-2024-06-19-03" not in ids and {"KP-2024-06-19-07", "KP-2024-06-19-05"} <= set(ids)
    ko, reuters = corpus.statements["KP-2024-06-19-07"], corpus.statements["KP-2024-06-19-05"]
    assert ko.language == "ko" and not ko.is_translation and "동맹 관계" in ko.text
    assert reuters.translator_or_publisher.startswith("Reuters")


def test_classroom_q1_does_not_ask_for_a_legal_difference_between_invasion_and_attack():
    """M5/U2: Q1 asked whether 'armed invasion' and 'armed attack' mean the same thing, inviting students to read
    a legal difference into the standard pairing of the Korean and Russian wording."""
    src = _cell("05-classroom.ipynb", "Question 1")
    assert "mean the same thing" not in src
    assert "not a difference between the" in src and "1961 treaty already paired them" in src


def test_classroom_exercise_1_warns_that_both_texts_are_translations_by_different_hands(corpus):
    """M6 in the classroom: Exercise 1 compares the UN's and KCNA's English; a word difference alone may be
    the translators'."""
    from explainer.align import version_kind

    w = corpus.witnesses
    assert version_kind(corpus, w["1961su-1.2-en-01"], w["2024-04-en-01"]) == "version-or-translation"
    src = _cell("05-classroom.ipynb", "Exercise 1")
    assert "translations, by different translators" in src and "translators' choice" in src


def test_security_council_search_finds_inflected_russian_and_event_names(corpus):
    """The Article 51 question's count of records mentioning the Security Council must not say 'none' while
    Lavrov's «В Совете Безопасности …» and a speech at a Council meeting are in the data."""
    from explainer.questions import mentions

    q = next(q for q in corpus.table("questions") if q["id"] == "a4-article51")
    hits = mentions(corpus, q["search"]["patterns"])
    for sid in ("RU-2026-02-11-03", "RU-2024-06-28-01"):
        if sid in corpus.statements:
            assert sid in hits
    assert hits
