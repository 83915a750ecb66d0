"""Lexicon traps pinned on small fixtures, and counts pinned on the real corpus."""

from __future__ import annotations

import pytest

from explainer.records import Statement
from explainer.terms import (
    aggregate,
    count_statements,
    excluded_hits,
    find_hits,
    kwic,
    lexicon_from_rows,
    load_lexicon,
    normalise,
    strip_glosses,
    word_count,
)


@pytest.fixture(scope="module")
def lex(corpus):
    return load_lexicon(corpus)


def hits(lex, text, lang, concept, method="stem"):
    return [h.text for h in find_hits(text, lang, lex, method=method, concepts=[concept])]


def st(text, lang="en", id="T-1", side="DPRK", tr=False, date="2025-01-01", speaker="S"):
    return Statement(
        id=id,
        speaker=speaker,
        speaker_role="r",
        side=side,
        date=date,
        event="e",
        language=lang,
        is_translation=tr,
        translator_or_publisher="p",
        source_url="https://example.org/x",
        retrieved_via="v",
        completeness="quote within news item",
        text=text,
    )


@pytest.mark.parametrize("method", ["stem", "lemma"])
def test_english_token_boundaries(lex, method):
    text = (
        "I really hope our ally and allies, allied relations, an alliance; totally rally. Two years ago we go."
    )
    assert hits(lex, text, "en", "ALLIANCE", method) == ["ally", "allies", "allied", "alliance"]


def test_go_inside_ago_is_not_a_word_match():
    from explainer.explore import search

    for exact in (False, True):  # the word's forms (goes, going...) or the word alone: never "ago"
        counts, lines, forms = search([st("24 years ago, go on, Go!")], "go", exact=exact)
        assert counts["hits"].tolist() == [2]
        assert lines["match"].tolist() == ["go", "Go"] and forms == {"go": 2}


def test_defence_and_defense(lex):
    assert hits(lex, "a defensive treaty; self-defence and national defense", "en", "DEFENSIVE") == [
        "defensive",
        "self-defence",
        "defense",
    ]
    assert hits(lex, "the Defence Minister said", "en", "DEFENSIVE") == []


@pytest.mark.parametrize(
    "text,n",
    [
        ("comrades-in-arms", 1),
        ("comrades in arms", 1),
        ("comrade‑in‑arms", 1),
        ("brotherhood-in-arms", 1),
        ("Russian comrades, friends", 0),
        ("invincible military comradeship", 1),
    ],
)
def test_comrades_in_arms_hyphenation(lex, text, n):
    assert len(hits(lex, text, "en", "COMRADES_IN_ARMS")) == n


def test_third_party_alliances_excluded(lex):
    assert hits(lex, "the United States and its Western allies", "en", "ALLIANCE") == []
    assert hits(lex, "not a Western-style military alliance", "en", "ALLIANCE") == []


@pytest.mark.parametrize("method", ["stem", "lemma"])
@pytest.mark.parametrize(
    "text,expected",
    [
        ("Советский Союз первым признал КНДР", []),
        ("роль Советского Союза", []),
        ("в Евразийском экономическом союзе", []),
        ("Союзное государство России и Беларуси", []),
        (
            "союз, союза, союзник, союзнический, союзничество",
            ["союз", "союза", "союзник", "союзнический", "союзничество"],
        ),
        ("между союзными странами", ["союзными"]),
        ("профсоюз", []),
        ("строительство военных альянсов", []),
    ],
)
def test_russian_inflection_and_exclusions(lex, method, text, expected):
    assert hits(lex, text, "ru", "ALLIANCE", method) == expected


@pytest.mark.parametrize("method", ["stem", "lemma"])
def test_russian_brotherhood_in_arms(lex, method):
    text = "Боевое братство армий; в летописи боевого братства; соратниками"
    assert hits(lex, text, "ru", "COMRADES_IN_ARMS", method) == [
        "Боевое братство",
        "боевого братства",
        "соратниками",
    ]


def test_yo_folding(lex):
    assert hits(lex, "о всеобъемлющем стратегическом партнёрстве", "ru", "STRATEGIC_PARTNERSHIP") == [
        "стратегическом партнёрстве"
    ]


def test_korean_particles_and_compounds(lex):
    text = "동맹 동맹을 동맹관계로 조로동맹은 비동맹 운동"
    assert hits(lex, text, "ko", "ALLIANCE") == ["동맹", "동맹", "동맹", "동맹"]
    assert hits(lex, "전우로서 전우관계 전우주", "ko", "COMRADES_IN_ARMS") == ["전우", "전우"]


def test_korean_north_south_spelling(lex):
    assert normalise("로씨야련방", "ko") == "러시아연방"
    assert normalise("호상 원조 로동 력사 리익", "ko") == "상호 원조 노동 역사 이익"
    assert hits(lex, "호상원조", "ko", "MUTUAL_ASSISTANCE") == ["호상원조"]  # verbatim text, normalised match
    for raw in ("로씨야련방(러시아연방)", "조로(북러)", "궤도 우(위)에"):
        assert len(normalise(raw, "ko")) == len(raw)


def test_glosses_stripped_before_counting(lex):
    ru = "В рамках договора [о всеобъемлющем стратегическом партнёрстве] и в соответствии"
    assert hits(lex, ru, "ru", "STRATEGIC_PARTNERSHIP") == []
    assert strip_glosses("X. [...] Y. (...) <...>") == "X. [...] Y. (...) <...>"
    assert word_count("조로(북러) 두 나라", "ko") == 3
    assert word_count(ru, "ru") == 6  # В рамках договора и в соответствии


def test_lexicon_rows_errors_name_line_and_field():
    with pytest.raises(ValueError, match=r"lexicon:2: pattern: invalid"):
        lexicon_from_rows(
            [
                {"kind": "concept", "concept": "A", "label": "a"},
                {
                    "kind": "match",
                    "id": "A/en/x",
                    "concept": "A",
                    "language": "en",
                    "pattern": "(",
                    "reason": "r",
                },
            ]
        )
    with pytest.raises(ValueError, match=r"undeclared concept\(s\) B"):
        lexicon_from_rows(
            [
                {
                    "kind": "match",
                    "id": "B/en/x",
                    "concept": "B",
                    "language": "en",
                    "pattern": "b",
                    "reason": "r",
                }
            ]
        )


def test_counts_aggregate_and_small_flags(lex):
    sts = [
        st("our ally and alliance", id="A"),
        st("nothing here", id="B"),
        st("Союзники", lang="ru", id="C", side="Russia"),
    ]
    df = count_statements(sts, lex, concepts=["ALLIANCE"])
    assert df[["statement_id", "hits", "words", "matched"]].values.tolist() == [
        ["A", 2, 4, "ally; alliance"],
        ["B", 0, 2, ""],
        ["C", 1, 1, "Союзники"],
    ]
    a = aggregate(df, "side").set_index("side")
    assert a.loc["DPRK", "statements"] == 2 and a.loc["DPRK", "statements_with"] == 1
    assert a.loc["DPRK", "rate_per_1000"] == pytest.approx(1000 * 2 / 6)
    assert a.loc["DPRK", "share"] == 0.5
    assert bool(a.loc["DPRK", "small"]) is True


def test_occasions_count_one_speaker_day_once(lex):
    """Two outlets' records of one saying are two statements but one occasion (speaker, day)."""
    sts = [
        st("our alliance", id="A", speaker="P", date="2025-09-03"),
        st("the alliance", id="B", speaker="P", date="2025-09-03"),
        st("no word here", id="C", speaker="P", date="2025-09-04"),
        st("an ally", id="D", speaker="Q", date="2025-09-03"),
    ]
    a = aggregate(count_statements(sts, lex, concepts=["ALLIANCE"]), "side").set_index("side")
    assert a.loc["DPRK", ["statements", "statements_with", "occasions", "occasions_with"]].tolist() == [4, 3, 3, 2]
    by = aggregate(count_statements(sts, lex, concepts=["ALLIANCE"]), "speaker").set_index("speaker")
    assert by.loc["P", ["statements_with", "occasions", "occasions_with"]].tolist() == [2, 2, 1]
    assert by.loc["Q", ["occasions", "occasions_with"]].tolist() == [1, 1]


def test_kwic_is_verbatim_with_context(lex):
    k = kwic(
        [st("Relations have risen to a new, high level of alliance today.")],
        lex,
        concepts=["ALLIANCE"],
        width=20,
    )
    r = k.iloc[0]
    assert (r.left, r.match, r.right) == ("…new, high level of ", "alliance", " today.")
    assert r.source_url == "https://example.org/x" and r.date == "2025-01-01"


# --- the real corpus ---------------------------------------------------------------------------------------


def _sts(corpus):
    s = corpus.statements
    return list(s.values()) if isinstance(s, dict) else list(s)


def test_real_corpus_side_totals(corpus, lex):
    df = count_statements(_sts(corpus), lex)
    a = aggregate(df[df.side != "ROK"], "side").set_index(["side", "concept"])
    assert a.loc[("DPRK", "ALLIANCE"), ["statements", "statements_with", "hits"]].tolist() == [119, 36, 36]
    # M9: Putin's «инспирирован США и их союзниками» (RU-2024-06-19-12) is about others, not counted
    assert a.loc[("Russia", "ALLIANCE"), ["statements", "statements_with", "hits"]].tolist() == [109, 23, 24]
    assert a.loc[("Russia", "COMRADES_IN_ARMS"), "statements_with"] == 8
    assert a.loc[("DPRK", "COMRADES_IN_ARMS"), "statements_with"] == 17
    assert a.loc[("DPRK", "ALLIANCE"), ["occasions", "occasions_with"]].tolist() == [42, 17]
    assert a.loc[("Russia", "ALLIANCE"), ["occasions", "occasions_with"]].tolist() == [53, 17]


def test_real_corpus_putins_one_saying_is_one_occasion(corpus, lex):
    """Putin's September 2025 «союзнический характер» is held from two sites (RU-2025-09-03-05/-06)."""
    df = count_statements(_sts(corpus), lex, concepts=["ALLIANCE"])
    orig = df[(df.speaker == "Vladimir Putin") & ~df.is_translation & (df.date == "2025-09-03")]
    assert sorted(orig.loc[orig.hits > 0, "statement_id"]) == ["RU-2025-09-03-05", "RU-2025-09-03-06"]
    a = aggregate(orig, "speaker").iloc[0]
    assert (a.statements_with, a.occasions_with) == (2, 1)


def test_real_corpus_gloss_and_exclusions(corpus, lex):
    df = count_statements(_sts(corpus), lex).set_index(["statement_id", "concept"])
    assert df.loc[("KP-2025-09-03-02", "STRATEGIC_PARTNERSHIP"), "hits"] == 0  # outlet gloss
    assert df.loc[("KP-2025-10-07-01", "ALLIANCE"), "hits"] == 0
    ex = excluded_hits(_sts(corpus), lex)
    assert sorted(zip(ex.statement_id, ex.match, strict=True)) == [
        ("KP-2024-11-01-04", "allies"),
        ("KP-2025-05-09-01", "allies"),
        ("RU-2024-06-19-03", "defense"),  # "defense capabilities": capabilities, in every language (M9)
        ("RU-2024-06-19-12", "союзниками"),  # «США и их союзниками»: about others (M9)
        ("RU-2024-06-27-01", "alliance"),
        ("RU-2024-10-24-04", "alliances"),
        ("RU-2024-10-24-07", "альянсов"),
    ]


def test_stem_and_lemma_agree_on_real_corpus(corpus, lex):
    sts = [s for s in _sts(corpus) if s.language == "ru"]
    a = count_statements(sts, lex, method="stem")
    b = count_statements(sts, lex, method="lemma")
    diff = a.merge(b, on=["statement_id", "concept"])
    diff = diff[diff.hits_x != diff.hits_y]
    assert diff[["statement_id", "concept", "matched_x", "matched_y"]].values.tolist() == []


# --- the command line ---------------------------------------------------------------------------------------


def test_terms_cli_csv_and_json_give_the_same_counts(capsys):
    import csv
    import io
    import json

    from explainer.cli import main

    assert main(["terms", "--format", "csv", "--concept", "ALLIANCE"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert list(rows[0])[:4] == ["statement_id", "concept", "hits", "words"]
    by_id = {r["statement_id"]: r for r in rows}
    assert {r["concept"] for r in rows} == {"ALLIANCE"} and len(rows) == 230
    assert by_id["RU-2025-09-03-05"]["hits"] == "1" and by_id["RU-2025-09-03-05"]["matched"] == "союзнический"
    assert sum(int(r["hits"]) for r in rows if r["side"] == "Russia") == 24
    assert main(["terms", "--format", "json", "--concept", "ALLIANCE"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(d["statement_id"], d["hits"], d["words"]) for d in data] == [
        (r["statement_id"], int(r["hits"]), int(r["words"])) for r in rows
    ]


def test_terms_cli_refuses_an_unknown_concept(capsys):
    from explainer.cli import main

    assert main(["terms", "--concept", "ALLIANCE", "--concept", "NOPE"]) == 2
    err = capsys.readouterr().err
    assert "unknown concept(s) NOPE" in err and "ALLIANCE" in err


def test_terms_cli_reads_another_data_folder(data_copy, capsys, monkeypatch):
    """--data and EXPLAINER_DATA switch the corpus: one statement less in the copy, one row less."""
    import json

    from explainer.cli import main

    path = data_copy / "statements.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    # drop a record no other table cites (others are the basis of a claim, a question, a treaty's replacement)
    others = "".join(p.read_text(encoding="utf-8") for p in data_copy.glob("*.jsonl") if p != path)
    drop = next(i for i, x in enumerate(lines) if json.loads(x)["id"] not in others)
    path.write_text("".join(lines[:drop] + lines[drop + 1:]), encoding="utf-8")
    gone = json.loads(lines[drop])["id"]
    assert main(["terms", "--data", str(data_copy), "--concept", "ALLIANCE"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 230 and gone not in out  # header + 229 rows
    monkeypatch.setenv("EXPLAINER_DATA", str(data_copy))
    assert main(["terms", "--concept", "ALLIANCE"]) == 0
    assert capsys.readouterr().out == out


def test_terms_cli_stops_quietly_when_its_reader_closes_the_pipe(repo_root):
    import subprocess
    import sys

    p = subprocess.run(f"'{sys.executable}' -m explainer terms --format json | head -c 50",
                       shell=True, cwd=repo_root, capture_output=True, text=True, timeout=120)
    assert p.stdout.startswith("[") and len(p.stdout) == 50
    assert "Traceback" not in p.stderr and "BrokenPipeError" not in p.stderr
