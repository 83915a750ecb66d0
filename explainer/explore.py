"""Live exploration of the statements (ipywidgets; needs a running kernel -- tag such cells ``live-only``).

Type any word or phrase, pick sides, speakers, languages and dates; the chart and the KWIC list update. By
default a typed word finds its forms in each language (:mod:`explainer.wordforms`: Russian words starting with
it or sharing its lemma, English inflections, Korean words holding its stem), and the result line says which
forms matched. The *exact word* switch matches the typed words only, whole; the *regular expression* switch
runs the pattern with the ``regex`` module and a time limit, so a pathological pattern such as ``(a+)+$`` is
stopped with a clear message.

:func:`search` takes any records with ``id``, ``language`` and ``text`` (statements, or documents of the
full-text frames: ``link`` stands for ``source_url``, ``frame`` for the speaker, a ``status`` naming a
translation for ``is_translation``).
"""

from __future__ import annotations

import html
import re
import time
from collections import Counter
from functools import lru_cache
from typing import NamedTuple

import pandas as pd

from .records import Statement
from .terms import _WORD, _kwic_row, _meta, normalise
from .wordforms import forms, phrase_pattern, words

TIMEOUT_S = 0.5


class SearchError(ValueError):
    """A bad or too slow search pattern; the message is meant for the reader."""


class Found(NamedTuple):
    """What :func:`search` found: per-record counts, KWIC lines, and each matched form with its count."""

    counts: pd.DataFrame
    lines: pd.DataFrame
    forms: Counter


def compile_term(term: str, *, is_regex: bool = False, language: str = "en"):
    """Compile a search term for a language (literal: whole words in en/ru, anywhere inside Korean words)."""
    import regex

    term = term.strip()
    if not term:
        raise SearchError("Type a word or phrase.")
    if is_regex:
        body = term
    else:
        parts = [regex.escape(normalise(w, language)) for w in term.split()]
        body = r"[\s\-]+".join(parts)
        if language != "ko":
            body = r"(?<!\w)" + body + r"(?!\w)"
    try:
        return regex.compile(body, regex.IGNORECASE | regex.V0)
    except regex.error as e:
        raise SearchError(f"Not a valid regular expression: {e}") from None


def _field(x, key: str, default=None):
    return x.get(key, default) if isinstance(x, dict) else getattr(x, key, default)


def as_record(x) -> Statement:
    """A statement as it is; any other record (a dict or an object) with id, language and text as one."""
    if isinstance(x, Statement):
        return x

    def get(k, default=None):
        return _field(x, k, default)

    links = get("links") or ()
    status = str(get("status") or "")
    return Statement(
        id=str(get("id")),
        speaker=str(get("speaker") or get("frame") or ""),
        speaker_role=str(get("speaker_role") or ""),
        side=str(get("side") or ""),
        date=str(get("date") or ""),
        event=str(get("event") or get("title") or ""),
        language=str(get("language")),
        is_translation=bool(get("is_translation", "translation" in status)),
        translator_or_publisher=str(get("translator_or_publisher") or ""),
        source_url=get("source_url") or get("link") or (links[0] if links else None),
        retrieved_via=str(get("retrieved_via") or ""),
        completeness=str(get("completeness") or ""),
        text=str(get("text") or ""),
        source=get("source"),
    )


@lru_cache(maxsize=65536)
def _prepared(text: str, language: str) -> tuple[str, frozenset[str], int]:
    """(normalised text, its distinct words, its word count): kept, so a new search reuses them."""
    norm = normalise(text, language)
    return norm, frozenset(words(norm)), len(_WORD.findall(norm))


def form_patterns(term: str, vocab_by_language: dict[str, set[str]]):
    """Per language, a compiled pattern of the typed words' forms among those words (None: no form)."""
    import regex

    out = {}
    for language, vocab in vocab_by_language.items():
        typed = words(normalise(term, language))
        pat = phrase_pattern([forms(t, language, vocab) for t in typed], language)
        out[language] = regex.compile(pat, regex.V0) if pat else None
    return out


def search(
    records,
    term: str,
    *,
    is_regex: bool = False,
    exact: bool = False,
    timeout: float = TIMEOUT_S,
    width: int = 60,
) -> Found:
    """Per-record counts, KWIC lines and matched forms of a term; raises :class:`SearchError`.

    Default: the typed words' forms (:mod:`explainer.wordforms`); ``exact``: the typed words, whole;
    ``is_regex``: a regular expression (wins over ``exact``), stopped after ``timeout`` seconds in all (the
    other two are literal alternatives, which cannot run away, so they have no time limit).
    """
    recs = [as_record(r) for r in records]
    if not term.strip():
        raise SearchError("Type a word or phrase.")
    prepared = [_prepared(r.text, r.language) for r in recs]
    if is_regex or exact:
        pats = {lang: compile_term(term, is_regex=is_regex, language=lang) for lang in {r.language for r in recs}}
    else:
        by_lang: dict[str, set[str]] = {}
        for r, (_, vocab, _) in zip(recs, prepared, strict=True):
            by_lang.setdefault(r.language, set()).update(vocab)
        pats = form_patterns(term, by_lang)
    rows, lines = [], []
    found: Counter = Counter()
    budget = timeout
    for st, (norm, _, n_words) in zip(recs, prepared, strict=True):
        pat = pats[st.language]
        t0 = time.perf_counter()
        try:
            spans = (
                [
                    (m.start(), m.end())
                    for m in pat.finditer(norm, timeout=max(budget, 1e-3) if is_regex else None)
                    if m.end() > m.start()
                ]
                if pat is not None
                else []
            )
        except TimeoutError:
            raise SearchError(
                f"The pattern took longer than {timeout:g} s and was stopped; "
                "simplify it (nested repetition such as (a+)+ is the usual cause)."
            ) from None
        budget -= time.perf_counter() - t0
        if is_regex and budget <= 0:
            raise SearchError(f"The pattern took longer than {timeout:g} s and was stopped.")
        rows.append({**_meta(st), "hits": len(spans), "words": n_words})
        for s, e in spans:
            found[" ".join(st.text[s:e].lower().split())] += 1  # as printed (spans hold: same length)
            lines.append(_kwic_row(st, "search", "search", s, e, width))
    return Found(pd.DataFrame(rows), pd.DataFrame(lines), found)


def forms_line(found: Counter, limit: int = 12) -> str:
    """``союзнический (4), союзники (2), …`` -- the matched forms, most frequent first."""
    top = sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))
    shown = ", ".join(f"{f} ({n})" for f, n in top[:limit])
    return shown + (f" and {len(top) - limit} more" if len(top) > limit else "")


class Explorer:
    """The live explorer; ``.widget`` is the box to display. Traits can be set from code (tests do)."""

    def __init__(self, statements, documents=()):
        import ipywidgets as w

        self.statements = list(statements)
        # full texts (documents of the frames: any records with id, language, text, frame), searched alike
        documents = list(documents)
        self.documents = [as_record(d) for d in documents]
        self.collection = {
            r.id: str(_field(d, "frame") or "documents") for r, d in zip(self.documents, documents, strict=True)
        }
        records = self.statements + self.documents
        speakers = sorted({s.speaker for s in records})
        dates = sorted({s.date for s in records if s.date})
        kinds = ["statements", *sorted(set(self.collection.values()))]
        self.texts = w.SelectMultiple(options=kinds, value=tuple(kinds), description="Texts")
        self.term = w.Text(value="alliance", description="Word", continuous_update=False)
        self.exact = w.Checkbox(value=False, description="exact word")
        self.is_regex = w.Checkbox(value=False, description="regular expression")
        self.sides = w.SelectMultiple(
            options=["DPRK", "Russia", "ROK"], value=("DPRK", "Russia"), description="Sides"
        )
        self.speakers = w.SelectMultiple(options=speakers, value=(), description="Speakers", rows=6)
        self.languages = w.SelectMultiple(
            options=["en", "ru", "ko"], value=("en", "ru", "ko"), description="Languages"
        )
        self.original_only = w.Checkbox(value=False, description="original-language only")
        self.dates = w.SelectionRangeSlider(
            options=dates, index=(0, len(dates) - 1), description="Dates", layout={"width": "600px"}
        )
        self.message = w.HTML()
        self.kwic = w.HTML()
        self.chart = w.Output()
        self.counts = pd.DataFrame()
        self.lines = pd.DataFrame()
        self.forms: Counter = Counter()
        self.figure = None
        for c in (
            self.term,
            self.exact,
            self.is_regex,
            self.sides,
            self.speakers,
            self.languages,
            self.original_only,
            self.texts,
            self.dates,
        ):
            c.observe(lambda _change: self.update(), names="value")
        self.widget = w.VBox(
            [
                w.HBox([self.term, self.exact, self.is_regex, self.original_only]),
                w.HBox([self.sides, self.languages, self.speakers, *([self.texts] if self.documents else [])]),
                self.dates,
                self.message,
                self.chart,
                self.kwic,
            ]
        )
        self.update()

    def selected(self):
        lo, hi = self.dates.value
        sp = set(self.speakers.value)
        kinds = set(self.texts.value)
        records = (self.statements if "statements" in kinds else []) + [
            d for d in self.documents if self.collection[d.id] in kinds
        ]
        return [
            s
            for s in records
            if (s.side in self.sides.value or not s.side)
            and s.language in self.languages.value
            and lo <= s.date <= hi
            and (not sp or s.speaker in sp)
            and not (self.original_only.value and s.is_translation)
        ]

    def update(self) -> None:
        from .figures import SIDE_COLOURS
        from .kwic import KwicView

        sts = self.selected()
        try:
            self.counts, self.lines, self.forms = search(
                sts, self.term.value, is_regex=self.is_regex.value, exact=self.exact.value
            )
        except SearchError as e:
            self.message.value = f"<p role='alert' style='color:#b00'>{html.escape(str(e))}</p>"
            self.counts, self.lines, self.forms = pd.DataFrame(), pd.DataFrame(), Counter()
            self.kwic.value = ""
            return
        if self.counts.empty:
            self.message.value = "<p>No statement matches these filters.</p>"
            self.kwic.value = ""
            self.figure = None
            return
        n_with = int((self.counts["hits"] > 0).sum())
        how = "regular expression" if self.is_regex.value else "exact word" if self.exact.value else "word forms"
        matched = f" Matched ({how}): {html.escape(forms_line(self.forms))}." if self.forms else ""
        if not self.forms and self.exact.value and not self.is_regex.value:
            matched = " Untick “exact word” to find the word's other forms."
        self.message.value = (
            f"<p>{int(self.counts['hits'].sum())} hits in {n_with} of {len(self.counts)} "
            f"{'texts' if self.documents else 'statements'} ({int(self.counts['words'].sum())} words).{matched}</p>"
        )
        self.figure = self._figure(SIDE_COLOURS)
        self.chart.clear_output(wait=True)
        with self.chart:
            self.figure.show()
        labels = {"search": self.term.value}
        self.kwic.value = (
            KwicView(self.lines, labels, title=f"“{self.term.value}” in context").html
            if len(self.lines)
            else "<p>No lines.</p>"
        )

    def _figure(self, colours):
        import plotly.graph_objects as go

        g = (
            self.counts.groupby(["side", "month"])
            .agg(hits=("hits", "sum"), words=("words", "sum"), n=("statement_id", "nunique"))
            .reset_index()
        )
        g["rate"] = 1000 * g["hits"] / g["words"]
        fig = go.Figure()
        for side, d in g.groupby("side"):
            fig.add_bar(
                name=side or "full texts",
                x=d["month"],
                y=d["rate"],
                customdata=d[["hits", "n", "words"]].values,
                marker_color=colours.get(side),
                hovertemplate="%{x}: %{y:.2f} per 1,000 words<br>%{customdata[0]} hits in "
                "%{customdata[1]} statements (%{customdata[2]} words)<extra></extra>",
            )
        fig.update_layout(
            title={"text": f"“{self.term.value}” per 1,000 words, by month"},
            barmode="group",
            xaxis_type="category",
            template="plotly_white",
        )
        return fig


def frame_records(corpus, corpora=None) -> list[dict]:
    """The full-text frames as search records: every document when the archives are at hand (``corpora``, else
    ``$EXPLAINER_CORPORA``, else ``../shared/sources/corpora``: :func:`explainer.frames.read_frames`), else
    the matching sentences that ``data/`` keeps (``frame_lines``), one record per distinct sentence."""
    from .frames import read_frames

    frames, _warnings = read_frames(corpora)
    if frames:
        return [
            {"id": d.id, "frame": d.frame, "date": d.date, "title": d.title, "links": d.links,
             "language": d.language, "status": d.status, "side": f.spec.side, "text": d.text}
            for f in frames
            for d in f.documents
        ]
    meta = {f["id"]: f for f in corpus.table("frames")}
    out: dict[tuple[str, str], dict] = {}
    for r in corpus.table("frame_lines"):
        f = meta.get(r["frame"], {})
        out.setdefault(
            (r["document"], r["sentence"]),
            {"id": r["document"], "frame": r["frame"], "date": r["date"], "link": r["link"],
             "language": f.get("language", ""), "status": f.get("status", ""), "side": f.get("side", ""),
             "text": r["sentence"]},
        )
    return list(out.values())


def explore(corpus=None, documents=None, *, corpora=None) -> Explorer:
    """Build the live explorer over the corpus' statements and the frames' documents (display ``.widget``).

    ``documents`` defaults to :func:`frame_records` (complete texts when the archives are at hand, else the
    sentences kept in ``data/``); pass ``()`` for the statements alone."""
    if corpus is None:
        from .load import load

        corpus = load()
    if documents is None:
        documents = frame_records(corpus, corpora)
    s = corpus.statements
    return Explorer(list(s.values()) if isinstance(s, dict) else list(s), documents)


def forms_table(records, terms, language_of=None) -> pd.DataFrame:
    """For each typed word: the forms the default search finds (with counts), its hits, the exact word's hits,
    and for Russian what each half of the rule finds alone (words starting with it; words sharing its lemma).

    The measurement behind the Russian default (:mod:`explainer.wordforms`); ``language_of`` maps a term to
    the language searched (default: Cyrillic -> ru, Hangul -> ko, else en).
    """
    from .terms import lemma
    from .wordforms import MIN_PREFIX

    recs = [as_record(r) for r in records]

    def lang(t):
        if language_of:
            return language_of(t)
        return "ru" if re.search("[а-яё]", t, re.I) else "ko" if re.search("[\uac00-\ud7a3]", t) else "en"

    rows = []
    for t in terms:
        la = lang(t)
        mine = [r for r in recs if r.language == la]
        found = search(mine, t)
        row = {
            "typed": t,
            "language": la,
            "forms found": forms_line(found.forms, limit=100),
            "hits": sum(found.forms.values()),
            "exact-word hits": sum(search(mine, t, exact=True).forms.values()),
        }
        row["Russian: starting with it"] = row["Russian: same lemma"] = "—"
        if la == "ru":
            typed = normalise(t, la)
            toks = [w for r in mine for w in words(normalise(r.text, la))]
            row["Russian: starting with it"] = sum(len(typed) >= MIN_PREFIX and w.startswith(typed) for w in toks)
            row["Russian: same lemma"] = sum(lemma(w) == lemma(typed) for w in toks)
        rows.append(row)
    return pd.DataFrame(rows)


class FormsView:
    """:func:`forms_table` as an HTML table (left-aligned, every text escaped); ``.table`` is the frame."""

    def __init__(self, table: pd.DataFrame):
        self.table = table

    def _repr_html_(self) -> str:
        e = html.escape
        cols = [c for c in self.table.columns if c != "language"]
        head = "".join(f"<th scope='col'>{e(c)}</th>" for c in cols)
        rows = "".join(
            "<tr>" + "".join(
                f"<th scope='row' lang='{e(r['language'])}'>{e(str(r[c]))}</th>" if c == "typed"
                else f"<td class='ff' lang='{e(r['language'])}'>{e(str(r[c]))}</td>" if c == "forms found"
                else f"<td>{e(str(r[c]))}</td>"
                for c in cols
            ) + "</tr>"
            for r in self.table.to_dict("records")
        )
        return (
            "<style>.forms-table{border-collapse:collapse;font-size:.92em}"
            ".forms-table th,.forms-table td{border:1px solid #bbb;padding:.3em .5em;vertical-align:top}"
            ".forms-table th,.forms-table td.ff{text-align:left!important}</style><table class='forms-table'>"
            f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
        )


def forms_view(records, terms) -> FormsView:
    """What each typed word finds (:func:`forms_table`), as a table for a page."""
    return FormsView(forms_table(records, terms))
