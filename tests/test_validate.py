"""`validate`: every kind of problem is one line naming file, line (or record) and field; exit 1; no writes."""

import json
from pathlib import Path

import pytest
from conftest import tree_digest

from explainer.cli import main
from explainer.load import DataError, check, load


def edit(data: Path, table: str, fn) -> None:
    """Apply fn(list of dicts) -> list of dicts to a table of a data copy."""
    path = data / f"{table}.jsonl"
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    rows = fn(rows)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def setfield(rid, field, value, key="id"):
    def fn(rows):
        for r in rows:
            if r[key] == rid:
                r[field] = value
        return rows
    return fn


def run_validate(data: Path, capsys) -> tuple[int, list[str]]:
    before = tree_digest(data)
    code = main(["validate", "--data", str(data)])
    out = capsys.readouterr().out.strip().splitlines()
    assert tree_digest(data) == before, "validate must never write"
    return code, out


def test_real_data_is_valid(capsys, repo_root):
    code, out = run_validate(repo_root / "data", capsys)
    assert code == 0 and out[-1].startswith("ok: 10 treaties")


def line_of(data: Path, table: str, rid: str) -> int:
    for n, x in enumerate((data / f"{table}.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        if x.strip() and json.loads(x).get("id") == rid:
            return n
    raise AssertionError(rid)


CASES = [
    # (table, mutation, record id whose line is named, field, message fragment)
    ("witnesses", setfield("2024-04-ru-01", "clause", "2024-dprk-russia/99"), "2024-04-ru-01", "clause",
     "article '99' is not among the parts of '2024-dprk-russia' (preamble, 1–23)"),
    ("witnesses", setfield("2024-04-ru-01", "text", "   "), "2024-04-ru-01", "text", "empty text"),
    ("witnesses", setfield("2024-04-ru-01", "published", "2024-13-40"), "2024-04-ru-01", "published", "not a date"),
    ("witnesses", setfield("2024-04-ru-01", "source_url", None), "2024-04-ru-01", "source_url",
     "needs a source_url or a source id"),
    ("witnesses", setfield("2024-04-ru-01", "source_url", "bbc"), "2024-04-ru-01", "source_url", "not a URL"),
    ("witnesses", setfield("2024-04-ru-01", "status", "rumour"), "2024-04-ru-01", "status", "unknown status 'rumour'"),
    ("witnesses", setfield("2024-04-ru-01", "complete", "yes"), "2024-04-ru-01", "complete",
     "is not of type 'boolean'"),
    ("statements", setfield("RU-2024-06-17-01", "date", "17 June 2024"), "RU-2024-06-17-01", "date",
     "does not match"),
    ("statements", setfield("RU-2024-06-17-01", "side", "USA"), "RU-2024-06-17-01", "side", "is not one of"),
    ("clauses", setfield("2024-dprk-russia/4", "treaty", "2025-nowhere"), "2024-dprk-russia/4", "treaty",
     "unknown treaty '2025-nowhere'"),
    ("treaties", setfield("2024-dprk-russia", "replaces", ["1900-none"]), "2024-dprk-russia", "replaces",
     "unknown treaty '1900-none'"),
    ("treaties", setfield("2024-dprk-russia", "signed_date", "2024-02-30"), "2024-dprk-russia", "signed_date",
     "not a date"),
    ("families", setfield("mutual-assistance", "focus", "2024-dprk-russia/5"), "mutual-assistance", "focus",
     "is not one of the family's clauses"),
    ("events", setfield("ev-2024-06-17-1", "treaty", "2024-russia-dprk"), "ev-2024-06-17-1", "treaty",
     "unknown treaty '2024-russia-dprk'"),
    ("events", setfield("ev-2024-10-18-1", "claimed_by", None), "ev-2024-10-18-1", "relayed_by",
     "needs claimed_by"),
    ("questions", setfield("a4-when", "evidence", [{"heading": "Dates here", "ids": ["ev-1900-01-01-1"]},
                                                   {"heading": "Words here", "ids": ["RU-2024-10-24-10"]}]),
     "a4-when", "evidence", "unknown record 'ev-1900-01-01-1'"),
]


@pytest.mark.parametrize("table,mutate,rid,field,message", CASES, ids=[f"{c[0]}-{c[3]}-{c[4][:20]}" for c in CASES])
def test_each_problem_is_one_precise_line(data_copy, capsys, table, mutate, rid, field, message):
    edit(data_copy, table, mutate)
    code, out = run_validate(data_copy, capsys)
    assert code == 1
    line = line_of(data_copy, table, rid)
    expected_prefix = f"{data_copy / (table + '.jsonl')}:line {line}: {field}: "
    hits = [o for o in out if o.startswith(expected_prefix) and message in o]
    assert hits, f"no line starting {expected_prefix!r} containing {message!r} in {out}"


def test_duplicate_id_names_both_lines(data_copy, capsys):
    edit(data_copy, "witnesses", lambda rows: rows + [dict(rows[0], note="another record with the same id")])
    code, out = run_validate(data_copy, capsys)
    n = len((data_copy / "witnesses.jsonl").read_text().splitlines())
    assert code == 1
    first_id = json.loads((data_copy / "witnesses.jsonl").read_text().splitlines()[0])["id"]
    assert any(o.endswith(f":line {n}: id: duplicate id '{first_id}' (first on line 1)")
               for o in out), out


TABLES = [r["name"] for r in json.loads((Path(__file__).resolve().parent.parent / "data" / "datapackage.json")
                                        .read_text(encoding="utf-8"))["resources"]]


@pytest.mark.parametrize("table", TABLES)
def test_exact_duplicate_record_is_refused_naming_both_lines(data_copy, capsys, table):
    path = data_copy / f"{table}.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines:
        pytest.fail(f"{table}.jsonl is empty: nothing to duplicate")
    # the same record again, keys in another order and spaced differently: still the same record
    again = json.dumps(dict(reversed(list(json.loads(lines[1 if len(lines) > 1 else 0]).items()))),
                       ensure_ascii=False, indent=None, separators=(", ", ": "))
    path.write_text("\n".join(lines + [again]) + "\n", encoding="utf-8")
    code, out = run_validate(data_copy, capsys)
    assert code == 1
    first = 2 if len(lines) > 1 else 1
    assert f"{path}:line {len(lines) + 1}: -: duplicate of line {first}" in out, out
    assert not any("duplicate id" in o for o in out), out  # one problem per repeat, not two


def test_records_differing_in_one_field_are_not_duplicates(data_copy, capsys):
    edit(data_copy, "links", lambda rows: rows + [dict(rows[0], reason=rows[0]["reason"] + " Again.")])
    code, out = run_validate(data_copy, capsys)
    assert not any("duplicate of line" in o for o in out), out
    assert code == 0


def test_missing_and_unknown_fields(data_copy, capsys):
    def fn(rows):
        del rows[2]["rendered_by"]
        rows[3]["colour"] = "red"
        return rows
    edit(data_copy, "witnesses", fn)
    code, out = run_validate(data_copy, capsys)
    f = data_copy / "witnesses.jsonl"
    assert code == 1
    assert f"{f}:line 3: rendered_by: missing required field" in out
    assert f"{f}:line 4: colour: unknown field" in out


def test_link_outside_its_family(data_copy, capsys):
    edit(data_copy, "links", lambda rows: rows + [dict(family="no-hostile-alliances", source="1961-ussr-dprk/2",
                                                       target="2024-dprk-russia/4", type="carried over", reason="x")])
    code, out = run_validate(data_copy, capsys)
    assert code == 1
    assert any(":line 12: target: clause '2024-dprk-russia/4' is not in family 'no-hostile-alliances'" in o
               for o in out)


def test_link_interpretation_needs_evidence_on_both_sides(data_copy, capsys):
    def fn(rows):
        rows[0]["evidence_against"] = []
        rows[1]["evidence_for"] = ["RU-1900-01-01-01"]
        return rows
    edit(data_copy, "links", fn)
    code, out = run_validate(data_copy, capsys)
    assert code == 1
    assert any(":line 1: interpretation: an interpretation needs evidence on both sides" in o for o in out), out
    assert any(":line 2: evidence_for: unknown witness or statement 'RU-1900-01-01-01'" in o for o in out), out


def test_invalid_json_and_invalid_utf8(data_copy, capsys):
    path = data_copy / "statements.jsonl"
    lines = path.read_bytes().split(b"\n")
    lines[4] = b'{"id": "broken",'
    lines[6] = lines[6].replace(b"Putin", b"Put\xffin", 1) if b"Putin" in lines[6] else lines[6][:-2] + b"\xff\"}"
    path.write_bytes(b"\n".join(lines))
    code, out = run_validate(data_copy, capsys)
    assert code == 1
    assert any(o.startswith(f"{path}:line 5: -: invalid JSON") for o in out), out
    assert any(o.startswith(f"{path}:line 7: -: not valid UTF-8") for o in out), out


def test_load_refuses_invalid_data(data_copy):
    edit(data_copy, "witnesses", setfield("2024-04-ru-01", "clause", "nowhere/1"))
    with pytest.raises(DataError, match="unknown clause 'nowhere/1'"):
        load(data_copy)


def test_missing_folder_and_package(tmp_path):
    _, problems = check(tmp_path / "nope")
    assert "data folder does not exist" in str(problems[0])
    _, problems = check(tmp_path)
    assert "missing datapackage.json" in str(problems[0])


def test_explainer_data_switches_folder(data_copy, monkeypatch, capsys):
    """EXPLAINER_DATA picks the folder; --data beats it; another treaty family drops in as data."""
    edit(data_copy, "treaties", lambda rows: rows + [dict(
        rows[0], id="1815-test", short_title="A test treaty", title="Test", replaces=[], articles=None,
        note="fixture")])
    monkeypatch.setenv("EXPLAINER_DATA", str(data_copy))
    assert "1815-test" in load().treaties
    code = main(["validate"])
    assert code == 0 and "ok: 11 treaties" in capsys.readouterr().out
    code = main(["coverage", "--treaty", "1815-test"])
    assert code == 0
    monkeypatch.delenv("EXPLAINER_DATA")
    assert "1815-test" not in load().treaties
    assert main(["validate", "--data", str(data_copy)]) == 0
    assert "ok: 11 treaties" in capsys.readouterr().out


def _importer():
    import importlib.util

    path = Path(__file__).resolve().parent.parent / "tools" / "import_sources.py"
    spec = importlib.util.spec_from_file_location("import_sources", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_event_tags_are_curated_one_by_one_and_match_the_data(corpus, tmp_path):
    """Treaty tags of events come from one curated table in the importer (no longer guessed from the date and
    the label, which tagged the 2024 announcement with the 1961 treaty); an event without an entry stops the
    import with file:line: field."""
    imp = _importer()
    assert {e.id: e.treaty for e in corpus.events} == imp.EVENT_TREATY
    assert all(t is None or t in corpus.treaties for t in imp.EVENT_TREATY.values())
    src = tmp_path / "sources"
    (src / "events").mkdir(parents=True)
    row = {"date": "2030-01-02", "event": "Something new", "source_url": "https://example.org/x",
           "publisher": "P", "support": "s", "note": ""}
    (src / "events" / "events.jsonl").write_text("\n" + json.dumps(row) + "\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"^events/events.jsonl:2: treaty: no tag curated for ev-2030-01-02-1"):
        imp.import_events(src)
