"""Frames: one adapter per archive format, deduplication by text, bad input, the derived tables and the
commands -- on small archives the tests write (never the real ones), plus checks against the real archives
when ../shared is present."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from explainer import frames as F
from explainer.cli import main
from explainer.load import load, sources_dir
from explainer.terms import load_lexicon

KCNA = "kcna-english-archive-to-2024-11-11.json"
KREMLIN = "kremlin-ru-2025-02-to-2025-05.csv"
MFA = "mfa-russia-telegram-en-2025-12-to-2026-03.csv"
REAL = sources_dir() / "corpora"

KCNA_ITEMS = [
    # one article filed under two topic menus (two links), and the cumulative archive repeating a link
    {"topic": "Top News", "headline": "Talks held", "link": "http://kcna.kp/a1", "date": 1, "date_str": "2024-09-02",
     "story_text": "Pyongyang, September 2 (KCNA) -- The two countries developed the DPRK-Russia relations into "
                   "invincible alliance relations.\nRussia was praised."},
    {"topic": "External", "headline": "Talks held", "link": "http://kcna.kp/a2", "date": 1, "date_str": "2024-09-02",
     "story_text": "Pyongyang, September 2 (KCNA) --  The two countries developed the DPRK-Russia relations into "
                   "invincible alliance relations.\n Russia was praised. "},
    {"topic": "Top News", "headline": "Talks held", "link": "http://kcna.kp/a1", "date": 1, "date_str": "2024-09-03",
     "story_text": "Pyongyang, September 2 (KCNA) -- The two countries developed the DPRK-Russia relations into "
                   "invincible alliance relations.\nRussia was praised."},
    {"topic": "Commentary", "headline": "NATO", "link": "http://kcna.kp/b", "date": 1, "date_str": "2024-08-24",
     "story_text": "NATO is the world's biggest war alliance. The U.S. and its allies target Russia."},
    {"topic": "Photo", "headline": "No text", "link": "http://kcna.kp/c", "date": 1, "date_str": "2024-08-25",
     "story_text": ""},
]


def write_kcna(folder: Path, items=KCNA_ITEMS) -> Path:
    p = folder / KCNA
    p.write_text(json.dumps(items), encoding="utf-8")
    return p


def write_csv(path: Path, header: list[str], rows: list[list[str]], bom: bool = False) -> Path:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    w.writerows(rows)
    path.write_text(("\ufeff" if bom else "") + buf.getvalue(), encoding="utf-8")
    return path


KREMLIN_HEADER = ["title", "date", "raw_date", "url", *[f"article_full_text_{k}" for k in range(1, 11)]]


def kremlin_row(title, date, url, *parts):
    return [title, date, "", url, *parts, *[""] * (10 - len(parts))]


def write_kremlin(folder: Path, rows=None) -> Path:
    rows = rows if rows is not None else [
        kremlin_row("Заявление", "2025-04-28", "http://kremlin.ru/1", "Отношения России и КНДР носят ",
                    "союзнический характер. Союз писателей собрался."),
        kremlin_row("Анонс", "", "http://kremlin.ru/2", "10 мая состоятся переговоры."),
        kremlin_row("Таджикистан", "2025-03-17", "http://kremlin.ru/3",
                    "Обсуждались перспективы двусторонних отношений союзничества."),
    ]
    return write_csv(folder / KREMLIN, KREMLIN_HEADER, rows, bom=True)


MFA_HEADER = ["message_id", "date", "text", "urls", "has_photo", "views"]


def write_mfa(folder: Path, rows=None) -> Path:
    rows = rows if rows is not None else [
        ["101", "2025-12-21T23:30:00+03:00", "Any attempts to undermine the brotherly alliance between Moscow and "
         "Pyongyang are doomed to fail.", "https://mid.ru/x", "False", "1K"],
        ["102", "2026-01-05T10:00:00+00:00", "Together with our CSTO allies, we act.", "", "False", "2K"],
        ["103", "2026-01-06T10:00:00+00:00", "Together with our CSTO allies, we act.", "", "False", "2K"],
    ]
    return write_csv(folder / MFA, MFA_HEADER, rows)


@pytest.fixture
def archives(tmp_path):
    write_kcna(tmp_path)
    write_kremlin(tmp_path)
    write_mfa(tmp_path)
    return tmp_path


# --- adapters and deduplication ---------------------------------------------------------------------------


def test_kcna_adapter_dedups_by_text_and_keeps_every_link(archives):
    fr = F.read_frame(F.FRAMES["kcna-english"], archives / KCNA)
    assert (fr.rows, fr.links, len(fr.documents)) == (5, 4, 2)
    assert fr.skipped == {"stored without text": 1}
    talks = next(d for d in fr.documents if d.title == "Talks held")
    assert talks.links == ("http://kcna.kp/a1", "http://kcna.kp/a2")  # same text, whitespace aside
    assert talks.date == "2024-09-02"  # the earliest copy
    assert talks.topics == ("Top News", "External")
    assert (talks.language, talks.status) == ("en", "state-media translation")
    assert talks.id == F.document_id("kcna-english", KCNA_ITEMS[1]["story_text"])


def test_kremlin_adapter_joins_text_parts_reads_bom_and_counts_undated(archives):
    fr = F.read_frame(F.FRAMES["kremlin-ru"], archives / KREMLIN)
    assert [d.link for d in fr.documents] == ["http://kremlin.ru/3", "http://kremlin.ru/1"]
    assert fr.documents[1].text == "Отношения России и КНДР носят союзнический характер. Союз писателей собрался."
    assert fr.documents[1].title == "Заявление"  # the BOM is not part of the first column's name
    assert fr.skipped == {"stored without a date": 1}
    assert fr.documents[0].status == "original"


def test_mfa_adapter_dates_in_utc_and_links_each_post(archives):
    fr = F.read_frame(F.FRAMES["mfa-telegram-en"], archives / MFA)
    assert [(d.date, d.links) for d in fr.documents] == [
        ("2025-12-21", ("https://t.me/MFARussia/101",)),  # 23:30 +03:00 is 20:30 UTC the same day
        ("2026-01-05", ("https://t.me/MFARussia/102", "https://t.me/MFARussia/103")),
    ]


# --- bad input ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "write, expect",
    [
        (lambda d: (d / KCNA).write_text('[{"topic": "x", "headline"', encoding="utf-8"),
         f"{KCNA}:line 1: -: malformed JSON"),
        (lambda d: write_kcna(d, [{**KCNA_ITEMS[0], "story_text": None}]), f"{KCNA}:item 0: story_text: missing"),
        (lambda d: write_kcna(d, [{k: v for k, v in KCNA_ITEMS[0].items() if k != "date_str"}]),
         f"{KCNA}:item 0: date_str: missing"),
        (lambda d: write_kcna(d, [{**KCNA_ITEMS[0], "date_str": "2 Sep 2024"}]),
         f"{KCNA}:item 0: date_str: not a date"),
        (lambda d: write_kremlin(d, [kremlin_row("t", "2025-01-01", "u")]),
         f"{KREMLIN}:line 2: article_full_text_1: no text"),
        (lambda d: write_kremlin(d, [kremlin_row("t", "01.02.2025", "u", "текст")]),
         f"{KREMLIN}:line 2: date: not a date"),
        (lambda d: write_csv(d / KREMLIN, ["title", "url"], [["t", "u"]]), f"{KREMLIN}:line 1: date: column missing"),
        (lambda d: write_mfa(d, [["1", "", "text", "", "", ""]]), f"{MFA}:line 2: date: no date"),
        (lambda d: write_mfa(d, [["1", "2026-01-01T00:00:00+00:00", " ", "", "", ""]]),
         f"{MFA}:line 2: text: no text"),
        (lambda d: (d / MFA).write_text('message_id,date,text\n1,2026-01-01T00:00:00+00:00,"unclosed\n',
                                        encoding="utf-8"), f"{MFA}:line 2: -: malformed CSV"),
        (lambda d: (d / MFA).write_bytes(b"message_id,date,text\n1,2026-01-01,\xff\xfe\n"),
         f"{MFA}:-: -: not valid UTF-8"),
    ],
    ids=["kcna-json", "kcna-no-text", "kcna-no-date", "kcna-bad-date", "kremlin-no-text", "kremlin-bad-date",
         "kremlin-no-column", "mfa-no-date", "mfa-no-text", "mfa-bad-csv", "mfa-not-utf8"],
)
def test_bad_row_leaves_that_frame_out_with_one_line_and_the_rest_builds(archives, write, expect):
    write(archives)
    frames, warnings = F.read_frames(archives)
    assert len(warnings) == 1 and expect in warnings[0] and "left out" in warnings[0]
    assert "\n" not in warnings[0]
    assert len(frames) == 2  # the other two frames are read


def test_unknown_format_is_refused_naming_file_and_field(tmp_path):
    spec = F.FrameSpec("x", "x.xml", "xml", "en", "original", "p", "DPRK", "Russia")
    (tmp_path / "x.xml").write_text("<a/>")
    with pytest.raises(F.FrameError, match=r"x\.xml:-: format: unknown archive format 'xml'"):
        F.read_frame(spec, tmp_path / "x.xml")


def test_validate_reports_a_bad_archive(archives, capsys):
    write_kcna(archives, [{**KCNA_ITEMS[0], "story_text": None}])
    assert main(["validate", "--corpora", str(archives)]) == 1
    out = capsys.readouterr().out
    assert f"{KCNA}:item 0: story_text: missing (frame kcna-english left out)" in out
    assert main(["validate", "--corpora", str(archives.parent / "nowhere")]) == 1  # a folder that is not there


def test_make_data_frames_keeps_previous_rows_of_a_bad_frame_and_writes_nothing_half(archives, tmp_path, monkeypatch):
    import shutil

    import tools.import_sources as imp

    data = tmp_path / "data"
    shutil.copytree(Path(imp.DATA), data)
    monkeypatch.setattr(imp, "DATA", data)
    assert imp.main(["--only", "frames", "--corpora", str(archives)]) == 0
    rows = [json.loads(x) for x in (data / "frames.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {r["id"]: r["documents"] for r in rows} == {"kcna-english": 2, "kremlin-ru": 2, "mfa-telegram-en": 2}
    before = (data / "frame_documents.jsonl").read_text(encoding="utf-8")
    (archives / MFA).write_text("message_id,date,text\n1,,x\n", encoding="utf-8")
    assert imp.main(["--only", "frames", "--corpora", str(archives)]) == 0
    assert (data / "frame_documents.jsonl").read_text(encoding="utf-8") == before  # MFA rows kept as they were
    assert main(["validate", "--data", str(data), "--corpora", str(archives)]) == 1
    assert imp.main(["--only", "frames", "--corpora", str(tmp_path / "none")]) == 0  # no archives: nothing written
    assert (data / "frame_documents.jsonl").read_text(encoding="utf-8") == before


def test_corpora_folder_order(tmp_path, monkeypatch):
    monkeypatch.setenv(F.ENV_VAR, str(tmp_path / "env"))
    assert F.corpora_dir(tmp_path / "arg") == tmp_path / "arg"
    assert F.corpora_dir() == tmp_path / "env"
    monkeypatch.delenv(F.ENV_VAR)
    monkeypatch.setenv("EXPLAINER_SOURCES", str(tmp_path / "nosources"))
    assert F.corpora_dir() is None  # ../shared/sources/corpora absent


# --- derived tables ------------------------------------------------------------------------------------------


def test_derive_counts_documents_and_classifies_matches(archives):
    frames, _ = F.read_frames(archives)
    t = F.derive(frames, load_lexicon(), ["caveat"])
    by = {r["id"]: r for r in t["frames"]}
    assert by["kcna-english"]["mentioning_other_side"] == 2 and by["kremlin-ru"]["mentioning_other_side"] == 1
    lines = {(r["frame"], r["word"], r["referent"], r["why"]) for r in t["frame_lines"] if r["concept"] == "ALLIANCE"}
    assert lines == {
        ("kcna-english", "alliance", "relationship", "ANCHOR/en/pair"),
        ("kcna-english", "alliance", "other", "ALLIANCE/en/nato-aukus"),
        ("kcna-english", "allies", "other", "ALLIANCE/en/western-allies"),
        ("kremlin-ru", "союзнический", "relationship", "ANCHOR/ru/pair"),
        ("kremlin-ru", "Союз", "other", "no-anchor"),
        ("mfa-telegram-en", "alliance", "relationship", "ANCHOR/en/pair"),
    }
    counts = {(r["frame"], r["document"][-3:] and r["concept"]): r for r in t["frame_counts"]}
    assert counts[("kcna-english", "ALLIANCE")]["relationship"] in (0, 1)
    # the Russia-Tajikistan item says "двусторонних ... союзничества": not this pair (it never names the DPRK)
    tj = [r for r in t["frame_counts"] if r["frame"] == "kremlin-ru" and r["concept"] == "ALLIANCE"]
    assert sorted((r["relationship"], r["other"]) for r in tj) == [(0, 1), (1, 1)]
    for r in t["frame_lines"]:
        assert r["sentence"][r["start"]:r["start"] + len(r["word"])] == r["word"]
    assert all("text" not in r for r in t["frame_documents"])  # no archive text is kept


# --- commands on the project's derived data -----------------------------------------------------------------


def test_frames_command_json(capsys):
    assert main(["frames", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    corpus = load()
    docs = corpus.table("frame_documents")
    for r in rows:
        mine = [d for d in docs if d["frame"] == r["id"]]
        assert r["documents"] == len(mine) and r["mentioning_other_side"] == sum(d["names_other_side"] for d in mine)
        assert (r["from"], r["to"]) == (min(d["date"] for d in mine), max(d["date"] for d in mine))
    assert {r["id"] for r in rows} == set(F.FRAMES)


def test_kwic_command_frame_and_statements(capsys):
    args = ["kwic", "--frame", "kcna-english", "--concept", "ALLIANCE", "--referent", "other", "--format", "json"]
    assert main(args) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and {r["referent"] for r in rows} == {"other"}
    assert set(rows[0]) == {"document", "date", "link", "concept", "referent", "sentence"}
    assert all(r["link"].startswith("http") for r in rows)
    assert main(["kwic", "--concept", "ALLIANCE", "--referent", "denial", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["document"] for r in rows] == ["RU-2024-06-27-01"]
    assert main(["kwic", "--frame", "nope", "--concept", "ALLIANCE"]) == 2
    assert main(["kwic", "--concept", "NOPE"]) == 2


def test_kwic_and_frames_work_without_archives(monkeypatch, capsys):
    monkeypatch.setenv(F.ENV_VAR, "/nonexistent/corpora")
    assert main(["kwic", "--frame", "mfa-telegram-en", "--concept", "ALLIANCE", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)


# --- the real archives (when ../shared is present) -----------------------------------------------------------


needs_real = pytest.mark.skipif(not (REAL / KCNA).exists(), reason="../shared/sources/corpora not present")


@needs_real
def test_real_archives_match_the_derived_tables():
    frames, warnings = F.read_frames(REAL)
    assert warnings == []
    t = F.derive(frames, load_lexicon(), F.readme_caveats(REAL))
    corpus = load()
    for name in ("frames", "frame_documents", "frame_counts", "frame_lines"):
        assert t[name] == corpus.table(name), f"data/{name}.jsonl is stale: run make data"


@needs_real
def test_real_kcna_counts_by_text_not_links():
    fr = F.read_frame(F.FRAMES["kcna-english"], REAL / KCNA)
    # README: 2,111 items, 2,078 distinct links, 239 of them without text (249 items)
    assert (fr.rows, fr.links, fr.skipped["stored without text"]) == (2111, 2078, 249)
    linked = sum(len(d.links) for d in fr.documents)
    assert len(fr.documents) < linked / 1.7  # about twofold inflation if links were counted
    russia = [d for d in fr.documents if F.mentions(d.text, "en", "Russia")]
    assert sum(len(d.links) for d in russia) > 2 * len(russia)


@needs_real
def test_real_readme_caveats_are_verbatim():
    text = " ".join((REAL / "README.md").read_text(encoding="utf-8").split())
    cav = F.readme_caveats(REAL)
    assert len(cav) == 4 and all(c in text for c in cav)
