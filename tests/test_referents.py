"""Referents: every rule kind in the three languages, the same kinds of DEFENSIVE words in every language
(review M9), denials (M3), the labelled sample and its precision/recall thresholds."""

from __future__ import annotations

import json

import pytest

from explainer.load import load, sources_dir
from explainer.referents import classify, classify_sentence, score, sentences
from explainer.terms import count_hits, lexicon_from_rows, load_lexicon


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


def ref(lex, text, lang, concept="ALLIANCE", setting="frame", side="DPRK", names=True):
    return [(m.text, m.referent, m.why) for m in classify(text, lang, lex, setting=setting, side=side,
                                                          concepts=[concept], names_other_side=names)]


# --- the referent of a match --------------------------------------------------------------------------------


@pytest.mark.parametrize("text, lang, side, why", [
    ("The U.S. and its allies staged drills.", "en", "DPRK", "ALLIANCE/en/western-allies"),
    ("NATO, the global war alliance, expands.", "en", "DPRK", "ALLIANCE/en/nato-aukus"),
    ("The U.S.-ROK alliance is a nuclear one.", "en", "DPRK", "ALLIANCE/en/us-rok-japan"),
    ("Hostile alliances target Russia.", "en", "DPRK", "ALLIANCE/en/hostile"),
    ("A delegation of the International Alliance of Societies for the Study of the Juche Idea met Russia's envoy.",
     "en", "DPRK", "ALLIANCE/en/organisation"),
    ("The Korean people defeated the imperialist allied forces, Russia recalled.", "en", "DPRK",
     "ALLIANCE/en/allied-forces"),
    ("Кризис инспирирован США и их союзниками.", "ru", "Russia", "ALLIANCE/ru/ssha-soyuzniki"),
    ("Строительство военно-политических союзов в Азии угрожает КНДР.", "ru", "Russia", "ALLIANCE/ru/bloki"),
    ("Военные альянсы США окружают КНДР.", "ru", "Russia", "ALLIANCE/ru/voennye-alyansy"),
    ("미국과 그 동맹국들이 조선을 위협한다.", "ko", "Russia", "ALLIANCE/ko/hanmi"),
    ("한미동맹은 러시아를 겨냥한다.", "ko", "DPRK", "ALLIANCE/ko/hanmi"),
])
def test_third_parties_are_other_in_every_language_and_not_counted(lex, text, lang, side, why):
    got = ref(lex, text, lang, side=side)
    assert [(r, w) for _, r, w in got] == [("other", why)]
    assert count_hits(text, lang, lex, concepts=["ALLIANCE"]) == {}  # shown apart, never counted for it
    assert ref(lex, text, lang, setting="statement", side=side)[0][1] == "other"  # statements alike


@pytest.mark.parametrize("text, lang, why", [
    ("The Treaty is not intended to create a Western-style military alliance.", "en", "ALLIANCE/en/not-alliance"),
    ("Договор не направлен на создание военного союза западного образца.", "ru", "ALLIANCE/ru/ne-soyuz"),
    ("이 조약은 군사동맹이 아니다.", "ko", "ALLIANCE/ko/dongmaeng-anida"),
])
def test_denials_are_their_own_evidence_in_every_language(lex, text, lang, why):
    assert [(r, w) for _, r, w in ref(lex, text, lang, setting="statement", side="Russia")] == [("denial", why)]
    assert count_hits(text, lang, lex, concepts=["ALLIANCE"]) == {}


def test_a_bare_never_is_not_a_denial(lex):
    got = ref(lex, "NATO made its commitment never to seek the expansion of alliance targeting Russia", "en")
    assert [r for _, r, _ in got] == ["other"]


@pytest.mark.parametrize("text, lang, side, anchor", [
    ("The two countries developed relations into invincible alliance relations.", "en", "DPRK", "ANCHOR/en/pair"),
    ("Kim Jong Un praised the alliance with Russia.", "en", "DPRK", "ANCHOR/en/russia"),
    ("The DPRK provided allied assistance in Kursk.", "en", "Russia", "ANCHOR/en/dprk"),
    ("Отношения между нашими странами носят союзнический характер.", "ru", "Russia", "ANCHOR/ru/pair"),
    ("Мы благодарны КНДР за союзническую помощь.", "ru", "Russia", "ANCHOR/ru/dprk"),
    ("두 나라 사이의 관계는 동맹관계로 올라섰다.", "ko", "DPRK", "ANCHOR/ko/pair"),
])
def test_anchored_sentences_are_the_relationship(lex, text, lang, side, anchor):
    assert [(r, w) for _, r, w in ref(lex, text, lang, side=side)] == [("relationship", anchor)]


def test_unanchored_or_off_topic_matches_in_frames_are_other_but_statements_keep_their_context(lex):
    s = "The era of the alliance has arrived."
    assert ref(lex, s, "en") == [("alliance", "other", "no-anchor")]
    assert ref(lex, "a new, high level of alliance", "en", setting="statement") == [
        ("alliance", "relationship", "statement")]
    # a side anchor does not help its own side: a KCNA sentence naming only the DPRK
    assert ref(lex, "The DPRK will strengthen the alliance.", "en", side="DPRK")[0][1] == "other"
    # "the two countries" in a document that never names the other side is another pair
    tj = "Обсуждались перспективы двусторонних отношений союзничества."
    assert ref(lex, tj, "ru", side="Russia", names=False) == [
        ("союзничества", "other", "document-not-about-other-side")]
    assert ref(lex, tj, "ru", side="Russia")[0][1] == "relationship"


def test_sentences_do_not_split_at_initials_and_keep_spans():
    t = "The U.S. and its allies met. Russia said: no!\nNext line. Mr. Kim went."
    spans = sentences(t)
    assert [t[a:b] for a, b in spans] == ["The U.S. and its allies met.", "Russia said: no!", "Next line.",
                                          "Mr. Kim went."]


def test_rule_kinds_are_checked():
    rows = [{"kind": "concept", "concept": "A", "label": "a", "description": ""},
            {"kind": "anchor", "id": "ANCHOR/en/x", "language": "en", "pattern": "x", "reason": "ten chars+"}]
    with pytest.raises(ValueError, match="names: expected one of"):
        lexicon_from_rows(rows)
    with pytest.raises(ValueError, match="kind: expected"):
        lexicon_from_rows([rows[0], {**rows[1], "kind": "maybe"}])


# --- DEFENSIVE counts the same kinds of words in every language (M9) ----------------------------------------


@pytest.mark.parametrize("kind, en, ru, ko", [
    ("noun", "for the defence of the country", "для обороны страны", "나라의 방위를 위하여"),
    ("adjective", "a defensive document", "оборонительный договор", "방어적인 문서"),
    ("self-defence", "the right to self-defence", "право на самооборону", "자위권을 행사"),
    ("national defence", "national defense matters", "вопросы национальной обороны", "국방 문제"),
])
def test_defensive_counts_the_same_kinds_of_words(lex, kind, en, ru, ko):
    for text, lang in ((en, "en"), (ru, "ru"), (ko, "ko")):
        assert count_hits(text, lang, lex, concepts=["DEFENSIVE"]) == {"DEFENSIVE": 1}, (kind, lang)


@pytest.mark.parametrize("kind, en, ru, ko", [
    ("capabilities", "strengthen its own defense capabilities", "укреплять обороноспособность",
     "국방력을 강화"),
    ("sector", "the defence industry", "оборонная промышленность", "방위산업"),
    ("office", "the Defence Minister and the Department of Defense", "министр обороны", "국방부"),
])
def test_defensive_leaves_out_the_same_kinds_of_words(lex, kind, en, ru, ko):
    for text, lang in ((en, "en"), (ru, "ru"), (ko, "ko")):
        assert count_hits(text, lang, lex, concepts=["DEFENSIVE"]) == {}, (kind, lang)


def test_putin_defense_capabilities_no_longer_counted(lex):
    st = load().statements["RU-2024-06-19-03"]
    assert count_hits(st.text, st.language, lex, concepts=["DEFENSIVE"]) == {}


# --- the labelled sample -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample():
    return load().table("referent_sample")


def test_sample_covers_languages_concepts_settings_and_hard_cases(sample, lex):
    assert len(sample) >= 150
    assert {r["language"] for r in sample} == {"en", "ru", "ko"}
    assert {r["concept"] for r in sample} == set(lex.concepts)
    assert {r["setting"] for r in sample} == {"statement", "frame"}
    for lang in ("en", "ru"):
        assert {r["label"] for r in sample if r["language"] == lang and r["concept"] == "ALLIANCE"} >= {
            "relationship", "other"}
    assert {r["label"] for r in sample} == {"relationship", "other", "denial"}
    assert len({r["id"] for r in sample}) == len(sample)
    # a match's word is in its sentence
    assert all(r["word"] in r["sentence"] for r in sample)


def test_alliance_and_comrades_reach_the_thresholds(sample, lex):
    t = score(sample, lex).set_index(["concept", "language"])
    for c in ("ALLIANCE", "COMRADES_IN_ARMS"):
        assert t.loc[(c, "all"), "precision"] >= 0.95, c
        assert t.loc[(c, "all"), "recall"] >= 0.90, c
        assert t.loc[(c, "all"), "labelled_relationship"] >= 20


def test_score_counts_what_it_says(lex):
    rows = [
        {"sentence": "The two countries are allies.", "language": "en", "setting": "frame", "side": "DPRK",
         "concept": "ALLIANCE", "label": "relationship"},
        {"sentence": "The U.S. and its allies.", "language": "en", "setting": "frame", "side": "DPRK",
         "concept": "ALLIANCE", "label": "relationship"},  # labelled so on purpose: a miss
        {"sentence": "Russia hailed the alliance of the era.", "language": "en", "setting": "frame", "side": "DPRK",
         "concept": "ALLIANCE", "label": "other"},  # a false positive
    ]
    t = score(rows, lex).set_index(["concept", "language"]).loc[("ALLIANCE", "en")]
    assert (t["true_positive"], t["precision"], t["recall"]) == (1, 0.5, 0.5)


def test_stored_frame_lines_agree_with_the_rules(lex):
    """data/frame_lines.jsonl was derived with today's lexicon (else: make data)."""
    from explainer.frames import FRAMES

    for r in load().table("frame_lines"):
        got = [m for m in classify(r["sentence"], FRAMES[r["frame"]].language, lex, setting="frame",
                                   side=FRAMES[r["frame"]].side, concepts=[r["concept"]])
               if m.start == r["start"]]
        assert got and got[0].referent == r["referent"], r["id"]


def test_precision_command(capsys):
    from explainer.cli import main

    assert main(["precision", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {(r["concept"], r["language"]) for r in rows} >= {("ALLIANCE", "en"), ("ALLIANCE", "ru"),
                                                              ("ALLIANCE", "ko"), ("ALLIANCE", "all")}
    assert main(["precision", "--held-out"]) == 0
    assert "held out" in capsys.readouterr().err


def test_sample_sentences_are_verbatim_from_the_sources(sample):
    src = sources_dir() / "statements"
    if not src.is_dir():
        pytest.skip("../shared/sources not present")
    texts = {}
    for f in src.glob("statements*.jsonl"):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                texts[r["id"]] = r["text"]
    for st in load().statements.values():
        texts.setdefault(st.id, st.text)
    from explainer.frames import read_frames

    frames, _ = read_frames()
    for fr in frames:
        for d in fr.documents:
            texts[d.id] = d.text
    for r in sample:
        assert r["sentence"] in texts[r["source"]], r["id"]


def test_classify_sentence_prefers_denial_then_relationship(lex):
    s = "The treaty is not an alliance, but the two countries are allies."
    assert classify_sentence(s, "en", lex, setting="frame", side="DPRK", concept="ALLIANCE") == "denial"


def test_defensive_needs_the_pair_not_just_the_other_side(lex):
    war = "Russia's stronger response is a just right to legitimate self-defence."
    assert ref(lex, war, "en", "DEFENSIVE") == [("self-defence", "other", "no-anchor")]
    treaty = "The two countries signed a defensive treaty."
    assert ref(lex, treaty, "en", "DEFENSIVE")[0][1] == "relationship"
    assert ref(lex, "Russia and its alliance with the DPRK", "en")[0][1] == "relationship"  # ALLIANCE: a side will do


@pytest.mark.parametrize("method", ["stem", "lemma"])
def test_russian_third_parties_under_both_methods(lex, method):
    text = "Кризис инспирирован США и их союзниками."
    got = classify(text, "ru", lex, setting="statement", side="Russia", concepts=["ALLIANCE"], method=method)
    assert [(m.referent, m.why) for m in got] == [("other", "ALLIANCE/ru/ssha-soyuzniki")]


def test_needle_positions_give_the_same_matches_as_a_full_scan(lex):
    """terms._finditer tries a rule only where its literal prefixes occur: same matches as finditer."""
    from explainer.terms import _finditer, _needles, normalise

    texts = [normalise(st.text, st.language) for st in load().statements.values()]
    texts += ["all ally allies rally allied alliance alliances " * 3, "military and other assistance, mutual aid",
              "is not an alliance; was never a military alliance; isn't an alliance", "the ally’s back, foe or ally"]
    n = 0
    for r in lex.rules:
        needles = _needles(r.pattern, r.case_sensitive)
        if not needles:
            continue
        for t in texts:
            want = [m.span() for m in r.regex.finditer(t)]
            assert [m.span() for m in _finditer(r.regex, t, needles)] == want, (r.id, t[:60])
            n += len(want)
    assert n > 100
