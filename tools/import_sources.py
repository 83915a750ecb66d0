"""Rebuild the imported tables of data/ from ../shared/sources (run by `make data`).

Imported (regenerated here): witnesses.jsonl, statements.jsonl, events.jsonl, sources.jsonl, corrections.jsonl.
Curated by hand (never touched here): treaties.jsonl, clauses.jsonl, families.jsonl, links.jsonl and the
other tables listed in data/datapackage.json.

Wording is copied exactly. Whatever this script adds (clause ids, mapping certainty, origins) is
metadata beside the text, never a change to it. Run it, then `python -m explainer validate`.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from explainer.load import atomic_write, dumps_jsonl, sources_dir  # noqa: E402
from explainer.textsplit import parse_marked, roman_to_int  # noqa: E402

DATA = ROOT / "data"

# --------------------------------------------------------------------------------------------------
# Treaty files: provenance of each file (from its header and sources/treaties/MANIFEST.md)
# --------------------------------------------------------------------------------------------------
TREATY_FILES = {
    "2024-dprk-russia-csp.en.kcna.txt": dict(
        treaty="2024-dprk-russia", language="en", status="state-media translation",
        rendered_by="KCNA English release (mirrored by KCNA Watch)",
        source_url="https://kcnawatch.org/newstream/1718870859-459880358/dprk-russia-treaty-on-comprehensive-strategic-partnership",
        published="2024-06-20",
        note="KCNA's English release has unnumbered paragraphs; a Japanese compilation calls it abridged.",
    ),
    "2024-dprk-russia-csp.ko.kcna-quoted-by-news1.txt": dict(
        treaty="2024-dprk-russia", language="ko", status="authentic-text quotation",
        rendered_by="KCNA Korean full text, as quoted by News1",
        source_url="https://news1.kr/amp/nk/politics-diplomacy/5453406", published="2024-06-20",
        note="Second-hand quotation; contains the newspaper's gloss '(러시아)'; spacing may be normalised. "
        "Same wording at https://www.imaeil.com/page/view/2024062010382089571.",
    ),
    "1961-ussr-dprk.en.unts-documentcloud.txt": dict(
        treaty="1961-ussr-dprk", language="en", status="official translation",
        rendered_by="UN Treaty Series No. 6045 English translation (OCR on DocumentCloud)",
        source_url="https://assets.documentcloud.org/documents/3005971/1961-Treaty-of-Friendship-Cooperation-and-Mutual.txt",
        published=None, note="OCR word-splits re-joined by the collector (listed in the file header).",
    ),
    "1961-ussr-dprk.en.unts-via-gibler.txt": dict(
        treaty="1961-ussr-dprk", language="en", status="official translation",
        rendered_by="UNTS English translation as reprinted in Gibler, International Military Alliances 1648-2008",
        source_url="https://issuhub.com/view/index/23326?pageIndex=492", published=None,
        note="Reprint of the UNTS translation; the preamble is on pageIndex=491, the articles on pageIndex=492.",
        part_urls={"Preamble": "https://issuhub.com/view/index/23326?pageIndex=491"},
    ),
    "1961-ussr-dprk.ko.worldjpn-kinu.txt": dict(
        treaty="1961-ussr-dprk", language="ko", status="authentic-text quotation",
        rendered_by="KINU reproduction via 'The World and Japan' database",
        source_url="https://worldjpn.net/documents/texts/docs/19610706.T1K.html", published=None,
        note="South Korean reproduction mixing DPRK and ROK spellings, with apparent transcription slips.",
    ),
    "1961-ussr-dprk.ko.wikipedia.txt": dict(
        treaty="1961-ussr-dprk", language="ko", status="authentic-text quotation",
        rendered_by="Korean Wikipedia (source edition unnamed)",
        source_url="https://ko.m.wikipedia.org/wiki/%EC%A1%B0%EC%86%8C_%EC%9A%B0%ED%98%B8%ED%98%91%EC%A1%B0_%EB%B0%8F_%EC%83%81%ED%98%B8%EC%9B%90%EC%A1%B0_%EC%A1%B0%EC%95%BD",
        published=None, note="Secondary copy; Article 1 printed as one paragraph.",
    ),
    "1961-prc-dprk.en.peking-review.txt": dict(
        treaty="1961-prc-dprk", language="en", status="official translation",
        rendered_by="Peking Review Vol. 4 No. 28 (PRC official English), via Marxists Internet Archive",
        source_url="https://marxists.org/subject/china/peking-review/1961/PR1961-28a.htm", published="1961-07-14",
        note="Authentic texts are Chinese and Korean.",
    ),
    "1961-prc-dprk.ko.wikisource.txt": dict(
        treaty="1961-prc-dprk", language="ko", status="authentic-text quotation",
        rendered_by="Korean Wikisource transcription (DPRK orthography)",
        source_url="https://ko.m.wikisource.org/wiki/%EC%A1%B0%EC%A4%91%EB%8F%99%EB%A7%B9%EC%A1%B0%EC%95%BD",
        published=None, note="Spaces lost at probable line breaks in the transcription are kept as found.",
    ),
    "1953-us-rok.en.state-cable-1976.txt": dict(
        treaty="1953-us-rok", language="en", status="authentic-text quotation",
        rendered_by="US State Department telegram STATE 176518 (WikiLeaks PlusD copy)",
        source_url="https://search.wikileaks.org/plusd/cables/1976STATE176518.html", published="1976-07-16",
        note="All capitals; transmission garbling kept (e.g. 'S-CURITY', 'ENDANGEREDANSTORERAIN').",
    ),
    "1953-us-rok.en.wikipedia.txt": dict(
        treaty="1953-us-rok", language="en", status="authentic-text quotation",
        rendered_by="English Wikipedia (quoting the Avalon Project)",
        source_url="https://en.wikipedia.org/wiki/Mutual_Defense_Treaty_(United_States%E2%80%93South_Korea)",
        published=None, note="Secondary copy.",
    ),
    "un-charter-art51.en.secondary.txt": dict(
        treaty="un-charter", language="en", status="authentic-text quotation",
        rendered_by="Secondary web copy (liquisearch.com), agreeing with HLS PILAC and another copy",
        source_url="https://www.liquisearch.com/chapter_vii_of_the_united_nations_charter/article_51",
        published=None, note="Three copies agree word for word.",
    ),
}

# Per-part mapping certainty where the file says the article number is inferred or disputed.
KCNA_EN = "2024-dprk-russia-csp.en.kcna.txt"
MAPPING_OVERRIDES = {
    (KCNA_EN, "2024-dprk-russia/1"): ("inferred", "Article number inferred from paragraph order (KCNA paragraph 1)."),
    (KCNA_EN, "2024-dprk-russia/2"): ("inferred", "Article number inferred from paragraph order (KCNA paragraph 2)."),
    (KCNA_EN, "2024-dprk-russia/3.1"): (
        "disputed",
        "KCNA paragraph 3. The treaty file places it in Article 3; the witnesses README doubts this: the Korean "
        "Article 3 opens with a different sentence (see 2024-03-ko-01), so this paragraph is more likely the second "
        "part of Article 2 (unverified).",
    ),
    (KCNA_EN, "2024-dprk-russia/3.2"): ("inferred", "KCNA paragraph 4; Article 3 inferred from press reports."),
    (KCNA_EN, "2024-dprk-russia/4"): ("attested", "KCNA paragraph 5; Korean press label it 제4조."),
}

PART_ARTICLE = {"Preamble": "preamble", "Plenipotentiaries": "plenipotentiaries", "Title block": "title",
                "Closing formula": "closing"}

# Witness records whose clause assignment is inferred (from the record's own note)
INFERRED_WITNESSES = {
    "1953-III-en-01": "Article III identified by position (third paragraph), per the record's note.",
    "2000-02-ko-01": "No article number in the source; Article 2 assigned from content.",
    "2000-02-ko-02": "The article number rests on secondary sources only.",
    "2000-02-ko-03": "The article number rests on secondary sources only.",
    "2000-02-ja-01": "The article number rests on secondary sources only.",
    "2024-03-en-01": "KCNA paragraph 4 (no article numbers in the release); Article 3 inferred.",
}


def article_id(label: str) -> str:
    """'II' -> '2', 'III' -> '3', '1.2' -> '1.2', 'preamble' -> 'preamble'."""
    if re.fullmatch(r"[IVX]+", label):
        return str(roman_to_int(label))
    return label


def clause_ids() -> dict[str, dict]:
    rows = [json.loads(line) for line in (DATA / "clauses.jsonl").read_text(encoding="utf-8").splitlines() if line]
    return {r["id"]: r for r in rows}


def treaty_file_witnesses(src: Path, clauses: dict[str, dict]) -> list[dict]:
    out = []
    for fname, meta in TREATY_FILES.items():
        _, parts = parse_marked((src / "treaties" / fname).read_text(encoding="utf-8"))
        stem = fname.removesuffix(".txt")
        for part in parts:
            if part.missing:
                continue
            name = part.name
            if name in PART_ARTICLE:
                art = PART_ARTICLE[name]
            elif m := re.fullmatch(r"Article (\d+)", name):
                art = m.group(1)
            else:
                raise SystemExit(f"{fname}: unexpected part {name!r}")
            cid = f"{meta['treaty']}/{art}"
            if cid not in clauses:
                raise SystemExit(f"{fname}: part {name!r} has no clause {cid!r} in clauses.jsonl")
            children = sorted((c for c in clauses.values() if c["parent"] == cid), key=lambda c: c["order"])
            if children and len(part.lines) == len(children):
                pieces = [(ch["id"], [line], i == len(children) - 1)
                          for i, (ch, line) in enumerate(zip(children, part.lines, strict=True))]
            elif children and len(part.lines) < len(children) and part.truncated and len(part.lines) == 1:
                pieces = [(children[0]["id"], part.lines, True)]  # stops inside the first paragraph
            else:
                pieces = [(cid, part.lines, True)]
            for piece_cid, lines, last in pieces:
                mapping, mnote = MAPPING_OVERRIDES.get((fname, piece_cid), ("attested", ""))
                truncated = part.truncated and last
                notes = [meta["note"]]
                if part.annotation:
                    notes.append(f"Part annotation: {part.annotation}.")
                if mnote:
                    notes.append(mnote)
                if truncated:
                    notes.append(
                        "TRUNCATED: " + "; ".join(m.strip("[]").removeprefix("TRUNCATED: ") for m in part.markers)
                    )
                out.append(dict(
                    id=f"tx-{stem}-{piece_cid.split('/', 1)[1]}",
                    clause=piece_cid,
                    language=meta["language"],
                    status=meta["status"],
                    rendered_by=meta["rendered_by"],
                    source_url=meta.get("part_urls", {}).get(name, meta["source_url"]),
                    published=meta["published"],
                    complete=not truncated,
                    text="\n".join(lines),
                    note=" ".join(notes),
                    mapping=mapping,
                    origin=f"treaties/{fname} line {part.line_no} ({name})",
                    source_article=name + (f" | {part.annotation}" if part.annotation else ""),
                ))
    return out


# Records whose text names an article's topic instead of giving its wording (witnesses README, second
# collection: "a newspaper's condensed labels of the articles, not sentences: use them to name the topic, never
# as the article's wording"). They are imported with kind "condensed label" and never shown as wording.
CONDENSED_LABELS = {"2024-06-ko-01", "2024-07-ko-01"}

# The source's own field for how the article number is known (second collection) -> our mapping.
ARTICLE_NUMBER_MAPPING = {"stated": "attested", "inferred": "inferred"}


def witness_kind(r: dict) -> str:
    """'condensed label' (listed above), 'reported speech' (the note says UNQUOTED: the clause's content
    without quotation marks), else 'quotation'."""
    if r["id"] in CONDENSED_LABELS:
        return "condensed label"
    if r["note"].startswith("UNQUOTED") or " UNQUOTED" in r["note"]:
        return "reported speech"
    return "quotation"


def jsonl_witnesses(src: Path, clauses: dict[str, dict]) -> list[dict]:
    out = []
    for fname in ("witnesses.jsonl", "witnesses-2000.jsonl", "witnesses-2026-11.jsonl"):
        for lineno, line in enumerate((src / "witnesses" / fname).read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            r = json.loads(line)
            cid = f"{r['treaty']}/{article_id(r['article'])}"
            if cid not in clauses:
                raise SystemExit(f"witnesses/{fname}:{lineno}: article: {r['article']!r} is not among the parts "
                                 f"of {r['treaty']!r} in data/clauses.jsonl (no clause {cid!r})")
            if "article_number" in r:
                if r["article_number"] not in ARTICLE_NUMBER_MAPPING:
                    raise SystemExit(f"witnesses/{fname}:{lineno}: article_number: unknown value "
                                     f"{r['article_number']!r} (one of: {', '.join(ARTICLE_NUMBER_MAPPING)})")
                mapping = ARTICLE_NUMBER_MAPPING[r["article_number"]]
            else:
                mapping = "inferred" if r["id"] in INFERRED_WITNESSES else "attested"
            row = dict(
                id=r["id"], clause=cid, language=r["language"], status=r["status"], rendered_by=r["rendered_by"],
                source_url=r["source_url"], published=r["published"], complete=r["complete"], text=r["text"],
                note=r["note"] + (f" Mapping: {INFERRED_WITNESSES[r['id']]}" if r["id"] in INFERRED_WITNESSES else ""),
                mapping=mapping, origin=f"witnesses/{fname} line {lineno}", source_article=r["article"],
            )
            if witness_kind(r) != "quotation":
                row["kind"] = witness_kind(r)
            out.append(row)
    stale = CONDENSED_LABELS - {r["id"] for r in out}
    if stale:
        raise SystemExit(f"CONDENSED_LABELS names witnesses not in the sources: {', '.join(sorted(stale))}")
    return out


# --------------------------------------------------------------------------------------------------
# Seed articles: the publications, their Article 4 renderings and the officials' words they quote
# --------------------------------------------------------------------------------------------------
SEEDS = [
    dict(id="seed-hankyoreh-2024-06-21", outlet="The Hankyoreh (English edition)",
         title="North Korea's real motive for publishing the full text of new treaty with Russia",
         author="Park Min-hee", published="2024-06-21",
         url="https://hani.co.kr/arti/english_edition/e_northkorea/1145928.html",
         file="seeds/000_5d53ca27b470880e.txt",
         note=("URL found by searching stored pages for the title; "
               "the stored page opens with the same text as the seed file.")),
    dict(id="seed-asiae-2024-06-20", outlet="The Asia Business Daily (asiae.co.kr)",
         title="'Reinstated Military Aid'... Clear Temperature Gap Between North Korea and Russia",
         author=None, published="2024-06-20", url=None, file="seeds/001_bb5e92ae56c9a96f.txt",
         note=("The article's URL was not recorded with the seed file and was not found; "
               "cite by outlet, title and date.")),
]

# (seed id, exact quoted words, record fields). Every text is checked to occur verbatim in the seed file.
SEED_WORDS = [
    ("seed-hankyoreh-2024-06-21", "relations between our countries have risen to a new high level of alliance",
     dict(id="SD-KP-2024-06-19-01", speaker="Kim Jong Un",
          speaker_role="General Secretary of the WPK, President of the State Affairs of the DPRK",
          side="DPRK", date="2024-06-19", event="Press statement after the summit with Putin, Pyongyang", language="en",
          is_translation=True, translator_or_publisher="The Hankyoreh (English edition), own rendering")),
    ("seed-asiae-2024-06-20", "the two countries have risen to a new high level of alliance relations",
     dict(id="SD-KP-2024-06-19-02", speaker="Kim Jong Un",
          speaker_role="Chairman of the State Affairs Commission of the DPRK",
          side="DPRK", date="2024-06-19", event="Remarks immediately after the summit talks, Pyongyang", language="en",
          is_translation=True, translator_or_publisher="The Asia Business Daily (English edition), own rendering")),
    ("seed-asiae-2024-06-20", "If one party is invaded, mutual support will be provided",
     dict(id="SD-RU-2024-06-19-01", speaker="Vladimir Putin", speaker_role="President of the Russian Federation",
          side="Russia", date="2024-06-19", event="Remarks after signing the treaty, Pyongyang", language="en",
          is_translation=True, translator_or_publisher="The Asia Business Daily (English edition), own rendering")),
    ("seed-asiae-2024-06-20", "purely a defensive stance",
     dict(id="SD-RU-2024-06-20-01", speaker="Sergey Lavrov",
          speaker_role="Minister of Foreign Affairs of the Russian Federation",
          side="Russia", date="2024-06-20",
          event="Interview with Russian media on the treaty (date as given by the article: 'the same day')",
          language="en", is_translation=True,
          translator_or_publisher="The Asia Business Daily (English edition), own rendering")),
    ("seed-asiae-2024-06-20",
     "The difference from the past is that the domestic laws of Russia and North Korea "
     "are explicitly stated as conditions",
     dict(id="SD-KR-2024-06-20-01", speaker="South Korean government official (unnamed)",
          speaker_role="Government official, Republic of Korea",
          side="ROK", date="2024-06-20", event="Comment to The Asia Business Daily", language="en", is_translation=True,
          translator_or_publisher="The Asia Business Daily (English edition), own rendering")),
    ("seed-asiae-2024-06-20",
     "In summary, it can be seen as an elevation of bilateral relations centered on military cooperation "
     "and a demonstration of anti-American and anti-Western solidarity both domestically and internationally",
     dict(id="SD-KR-2024-06-20-02", speaker="Ministry of Unification official (unnamed)",
          speaker_role="Official, Ministry of Unification, Republic of Korea",
          side="ROK", date="2024-06-20", event="Comment to The Asia Business Daily", language="en", is_translation=True,
          translator_or_publisher="The Asia Business Daily (English edition), own rendering")),
]

SEED_WITNESS = dict(
    id="seed-asiae-2024-04-en", clause="2024-dprk-russia/4", language="en", status="press translation",
    rendered_by="The Asia Business Daily (English edition), translated from the Korean text", source_url=None,
    source="seed-asiae-2024-06-20", published="2024-06-20", complete=True,
    text="If either party is subjected to armed invasion by an individual state or multiple states "
    "and enters a state of war, "
    "the other party shall, without delay, provide military and other assistance by all means at its disposal "
    "in accordance "
    "with Article 51 of the UN Charter and the laws of the Democratic People's Republic of Korea "
    "and the Russian Federation.",
    note="Seed article. Leading and trailing quotation marks removed. "
    "The Hankyoreh seed's rendering is KCNA's English, held as 2024-04-en-01.",
    mapping="attested", origin="seeds/001_bb5e92ae56c9a96f.txt", source_article="4",
)


def seed_records(src: Path) -> tuple[list[dict], list[dict], list[dict]]:
    texts = {s["id"]: (src / s["file"]).read_text(encoding="utf-8") for s in SEEDS}
    statements = []
    for sid, words, rec in SEED_WORDS:
        if words not in texts[sid]:
            raise SystemExit(f"seed quote not found verbatim in {sid}: {words!r}")
        statements.append(dict(rec, source_url=next(s["url"] for s in SEEDS if s["id"] == sid), source=sid,
                               retrieved_via=f"seed article ({next(s['file'] for s in SEEDS if s['id'] == sid)})",
                               completeness="quote within news item", text=words))
    if SEED_WITNESS["text"] not in texts[SEED_WITNESS["source"]]:
        raise SystemExit("seed witness text not found verbatim")
    return [dict(s) for s in SEEDS], statements, [SEED_WITNESS]


# Events: which treaty an event concerns, for the timeline's tag and per-treaty timelines. Curated per event
# (the source file has no ids; ours are ev-<date>-<n> in file order). A treaty is named when the event's label,
# its supporting quote or its note (or a record the note points to) says the event is about that document:
# signed, ratified, lapsed, replaced, invoked. Meetings and visits whose sources name no treaty get None (the
# timeline calls them background). The importer stops if an event has no entry here or an entry no event.
EVENT_TREATY: dict[str, str | None] = {
    "ev-1961-07-06-1": "1961-ussr-dprk",
    "ev-1961-07-11-1": "1961-prc-dprk",
    "ev-1990-09-1": "1961-ussr-dprk",  # note: context for the lapse of the 1961 treaty
    "ev-1992-02-1": "1961-ussr-dprk",
    "ev-1995-08-1": "1961-ussr-dprk",
    "ev-1995-09-1": "1961-ussr-dprk",
    "ev-1996-09-10-1": "1961-ussr-dprk",
    "ev-1997-01-29-1": "2000-russia-dprk",  # the replacement treaty being negotiated
    "ev-1999-03-17-1": "2000-russia-dprk",
    "ev-2000-02-09-1": "2000-russia-dprk",
    "ev-2000-02-09-2": "2000-joint-statement-0209",
    "ev-2000-04-06-1": "2000-russia-dprk",
    "ev-2000-07-1": "2000-russia-dprk",
    "ev-2000-07-19-1": "2000-russia-dprk",
    "ev-2000-07-19-2": "2000-pyongyang-declaration",
    "ev-2000-08-1": "2000-russia-dprk",
    "ev-2000-10-30-1": "2000-russia-dprk",
    "ev-2001-08-04-1": "2001-moscow-declaration",
    "ev-2019-04-1": None,  # a summit; the source names no treaty
    "ev-2023-09-13-1": None,  # a summit; the source names no treaty
    # the Kremlin announcing the new treaty: about the 2024 treaty (the label names the ones it replaces)
    "ev-2024-06-17-1": "2024-dprk-russia",
    "ev-2024-06-19-1": "2024-dprk-russia",
    "ev-2024-06-20-1": "2024-dprk-russia",
    "ev-2024-10-14-1": "2024-dprk-russia",
    "ev-2024-10-24-1": "2024-dprk-russia",
    "ev-2024-11-06-1": "2024-dprk-russia",
    "ev-2024-11-09-1": "2024-dprk-russia",
    "ev-2024-11-11-1": "2024-dprk-russia",
    "ev-2024-12-04-1": "2024-dprk-russia",
    "ev-2024-12-04-2": "2000-russia-dprk",  # the 2000 treaty ceases to have effect
    "ev-2024-12-05-1": "2024-dprk-russia",
    # note points to Gerasimov's statement: 'in accordance with the comprehensive strategic partnership agreement'
    "ev-2025-04-26-1": "2024-dprk-russia",
    "ev-2025-04-28-1": "2024-dprk-russia",  # Article 4 invoked
    "ev-2025-04-28-2": "2024-dprk-russia",  # Article 4 cited
    "ev-2025-06-17-1": None,  # a visit and a deployment; the source names no treaty
    "ev-2025-07-12-1": None,  # strategic dialogue; the source names no treaty
    "ev-2025-09-03-1": None,  # a meeting; the source names no treaty
    "ev-2025-10-10-1": None,  # a parade; the source names no treaty
    "ev-2025-10-23-1": None,  # a museum groundbreaking; the source names no treaty
    "ev-2026-03-16-1": None,  # a museum visit; the source names no treaty
}


#: Event files, in the order their records are numbered (ids count per date across both files).
EVENT_FILES = ("events.jsonl", "events-2026-11.jsonl")

# The November 2026 events are reports that one government's intelligence service made, passed on by news
# agencies (events/README.md, last section: "Both are claims by one government's intelligence service, relayed
# by news agencies; the notes say so, and a page must too"). Who claims and who relays is curated here from each
# record's label, publisher and note, and shown by the timeline as data (claimed_by, relayed_by).
EVENT_TREATY.update({
    # the README ties both reports to the 2024 treaty: sent "before the treaty entered into force (4 December
    # 2024) and six months before either party acknowledged the deployment", which the parties did under Art. 4
    "ev-2024-10-18-1": "2024-dprk-russia",
    "ev-2024-10-23-1": "2024-dprk-russia",
})
EVENT_CLAIMS: dict[str, dict] = {
    # label: "South Korea's intelligence service says …"; note: "the NIS statement as AFP quotes it";
    # publisher: "A News (anews.com.tr), AFP report"
    "ev-2024-10-18-1": dict(claimed_by="South Korea's intelligence service (NIS)",
                            relayed_by=("AFP", "A News (anews.com.tr)")),
    # label: "South Korea's intelligence chief tells lawmakers …"; note: "relayed by a lawmaker who attended a
    # closed-door meeting"; publisher: "Local News 8, Associated Press report"
    "ev-2024-10-23-1": dict(claimed_by="South Korea's intelligence chief (NIS director)",
                            relayed_by=("a lawmaker who attended the closed-door meeting", "Associated Press",
                                        "Local News 8")),
}


def import_events(src: Path) -> list[dict]:
    """The events files unchanged, plus our id, the curated treaty tag (EVENT_TREATY) and, for reports that
    are claims, who claims and who relays (EVENT_CLAIMS). Sorted by the date string, file order kept among
    equal dates (the timeline orders month-only dates itself)."""
    events = []
    counts: dict[str, int] = {}
    for fname in EVENT_FILES:
        path = src / "events" / fname
        for line, x in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not x.strip():
                continue
            e = json.loads(x)
            counts[e["date"]] = counts.get(e["date"], 0) + 1
            eid = f"ev-{e['date']}-{counts[e['date']]}"
            if eid not in EVENT_TREATY:
                raise SystemExit(
                    f"events/{fname}:{line}: treaty: no tag curated for {eid} ({e['event']!r}); "
                    "add it to EVENT_TREATY in tools/import_sources.py"
                )
            rec = dict(id=eid, **e, treaty=EVENT_TREATY[eid])
            if eid in EVENT_CLAIMS:
                rec.update(claimed_by=EVENT_CLAIMS[eid]["claimed_by"], relayed_by=list(EVENT_CLAIMS[eid]["relayed_by"]))
            events.append(rec)
    ids = {e["id"] for e in events}
    stale = (set(EVENT_TREATY) | set(EVENT_CLAIMS)) - ids
    if stale:
        raise SystemExit(f"EVENT_TREATY/EVENT_CLAIMS name events not in the events files: {', '.join(sorted(stale))}")
    return sorted(events, key=lambda e: e["date"])


FRAME_TABLES = ("frames", "frame_documents", "frame_counts", "frame_lines")


def import_frames(corpora: str | None = None) -> int:
    """Derive the frame_* tables from the archives (explainer.frames). A frame whose archive is bad is left out
    with a warning, and its previous rows are kept; with no corpora folder nothing is written."""
    from explainer.frames import FRAMES, corpora_dir, derive, read_frames, readme_caveats
    from explainer.load import load
    from explainer.terms import load_lexicon

    root = corpora_dir(corpora)
    frames, warnings = read_frames(root)
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    if root is None or not frames:
        print(f"frames: no archive read; data/frame_*.jsonl left as they are (archives go in "
              f"{root or '../shared/sources/corpora'}, or pass --corpora DIR / set $EXPLAINER_CORPORA)")
        return 0
    derived = derive(frames, load_lexicon(load(DATA)), readme_caveats(root))
    read = {f.id for f in frames}
    for name in FRAME_TABLES:
        old = []
        path = DATA / f"{name}.jsonl"
        if path.exists() and read != set(FRAMES):  # keep the rows of frames left out
            old = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x]
            old = [r for r in old if (r.get("frame") or r.get("id")) not in read]
        order = list(FRAMES)
        rows = sorted(old + derived[name], key=lambda r: order.index(r.get("frame") or r["id"]))  # stable
        atomic_write(path, dumps_jsonl(rows))
        print(f"{name}: {len(rows)}")
    return 0


# --------------------------------------------------------------------------------------------------
# Statements: both collections, with the collector's corrections applied (sources/statements/README.md)
# --------------------------------------------------------------------------------------------------
STATEMENT_FILES = ("statements.jsonl", "statements-2026-11.jsonl")


def _read_jsonl(path: Path) -> list[tuple[int, dict]]:
    out = []
    for lineno, x in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not x.strip():
            continue
        try:
            out.append((lineno, json.loads(x)))
        except json.JSONDecodeError as e:
            raise SystemExit(f"{path}:{lineno}: -: invalid JSON ({e.msg})") from None
    return out


def import_statements(src: Path, seed_statements: list[dict]) -> tuple[list[dict], list[dict]]:
    """Every statement of both collections plus the seed quotations, with each ``set`` correction of
    ``statements/corrections.jsonl`` applied: the field takes the corrected value and the record lists the
    correction in ``corrected`` (field, the value as collected, the reason). Returns the statements and the
    corrections table (every row as in the file, plus ``origin``). A correction naming an unknown record or
    field, or one that changes nothing, stops the import naming file, line and field."""
    folder = src / "statements"
    statements: dict[str, dict] = {}
    for fname in STATEMENT_FILES:
        for lineno, r in _read_jsonl(folder / fname):
            if r.get("id") in statements:
                raise SystemExit(f"statements/{fname}:{lineno}: id: duplicate id {r['id']!r}")
            statements[r["id"]] = {**r, "origin": f"statements/{fname} line {lineno}"}
    for r in seed_statements:
        statements[r["id"]] = {**r, "origin": r["retrieved_via"].removeprefix("seed article (").rstrip(")")}
    corrections = []
    for lineno, c in _read_jsonl(folder / "corrections.jsonl"):
        where = f"statements/corrections.jsonl:{lineno}"
        kind = c.get("kind")
        ids = [c.get("id")] if kind == "set" else c.get("ids") if kind == "same-saying" else None
        if ids is None:
            raise SystemExit(f"{where}: kind: expected 'set' or 'same-saying', got {kind!r}")
        if not c.get("reason"):
            raise SystemExit(f"{where}: reason: missing")
        for rid in ids:
            if rid not in statements:
                raise SystemExit(f"{where}: id: no statement {rid!r}")
        if kind == "set":
            if "value" not in c:
                raise SystemExit(f"{where}: value: missing")
            rec, field = statements[c["id"]], c.get("field")
            if field not in rec or field in ("id", "text"):
                raise SystemExit(f"{where}: field: cannot correct {field!r} of {c['id']}")
            if rec[field] == c["value"]:
                raise SystemExit(f"{where}: value: {c['id']} already has {field} = {c['value']!r}")
            rec.setdefault("corrected", []).append({"field": field, "was": rec[field], "reason": c["reason"]})
            rec[field] = c["value"]
        corrections.append({**c, "origin": f"statements/corrections.jsonl line {lineno}"})
    rows = sorted(statements.values(), key=lambda s: (s["date"], s["id"]))
    return rows, corrections


def main(argv: list[str] | None = None) -> int:
    """Rebuild every imported table, or with ``--only events`` just events.jsonl, or with ``--only frames
    [--corpora DIR]`` just the frame_* tables derived from the archives."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:2] == ["--only", "frames"]:  # needs the archives only, not the other sources
        rest = argv[2:]
        if rest and (rest[0] != "--corpora" or len(rest) != 2):
            print("usage: import_sources.py --only frames [--corpora DIR]", file=sys.stderr)
            return 2
        return import_frames(rest[1] if rest else None)
    src = sources_dir()
    if not src.is_dir():
        print(f"sources folder not found: {src}", file=sys.stderr)
        return 1
    if argv == ["--only", "events"]:
        events = import_events(src)
        atomic_write(DATA / "events.jsonl", dumps_jsonl(events))
        print(f"events: {len(events)}")
        return 0
    if argv:
        print("usage: import_sources.py [--only events]", file=sys.stderr)
        return 2
    clauses = clause_ids()
    sources, seed_statements, seed_witnesses = seed_records(src)
    witnesses = jsonl_witnesses(src, clauses) + treaty_file_witnesses(src, clauses) + seed_witnesses
    statements, corrections = import_statements(src, seed_statements)
    events = import_events(src)
    for name, rows in (("witnesses", witnesses), ("statements", statements), ("events", events), ("sources", sources),
                       ("corrections", corrections)):
        atomic_write(DATA / f"{name}.jsonl", dumps_jsonl(rows))
        print(f"{name}: {len(rows)}")
    return import_frames()


if __name__ == "__main__":
    raise SystemExit(main())
