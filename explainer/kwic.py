"""KWIC lines as a self-contained HTML component that filters in the browser.

Without CSS and JS (JupyterLab strips both from untrusted outputs) the component is simply the full list of
lines, each linking to its source. With JS, a small inline script reveals the filter controls (concept,
side, speaker, language, original/translation, a search in the quoted words) and hides non-matching lines.
No external ``src``; the style is scoped to the component's id; the id is derived from the content
(byte-identical builds); every text is escaped.
"""

from __future__ import annotations

import hashlib
import html
import json

import pandas as pd

_LANG = {"en": "English", "ru": "Russian", "ko": "Korean"}


def _e(x) -> str:
    return html.escape("" if x is None else str(x), quote=True)


class KwicView:
    """A KWIC list; ``_repr_html_`` renders it (display it in a notebook, or embed ``.html``)."""

    def __init__(
        self, lines: pd.DataFrame, labels: dict[str, str] | None = None, title: str = "Lines in context"
    ):
        self.lines = lines.reset_index(drop=True)
        self.labels = labels or {}
        self.title = title

    @property
    def id(self) -> str:
        blob = self.lines.to_json(orient="records", force_ascii=False) + json.dumps(
            self.labels, sort_keys=True
        )
        return "kwic-" + hashlib.sha1((self.title + blob).encode("utf-8")).hexdigest()[:12]

    def _options(self, name: str, values, fmt=lambda v: v, label: str | None = None) -> str:
        opts = "".join(f"<option value='{_e(v)}'>{_e(fmt(v))}</option>" for v in values)
        return (
            f"<label>{_e(label or name.capitalize())} <select data-filter='{_e(name)}'>"
            f"<option value=''>all</option>{opts}</select></label>"
        )

    def _repr_html_(self) -> str:
        i = self.id
        df = self.lines
        found = list(dict.fromkeys(df["concept"])) if len(df) else []
        # every concept of the labels (the lexicon), so a concept with no line is still offered, with its count
        concepts = [*self.labels, *(c for c in found if c not in self.labels)]
        n_lines = df["concept"].value_counts().to_dict() if len(df) else {}
        sides = sorted(set(df["side"])) if len(df) else []
        langs = sorted(set(df["language"])) if len(df) else []
        speakers = sorted(set(df["speaker"])) if len(df) else []
        items = []
        for r in df.itertuples():
            orig = "translation" if r.is_translation else "original"
            url = r.source_url or ""
            src = (
                f"<a href='{_e(url)}' rel='noopener'>{_e(r.statement_id)}</a>"
                if url
                else f"{_e(r.statement_id)} <small>({_e(r.source)})</small>"
            )
            items.append(
                f"<li data-concept='{_e(r.concept)}' data-side='{_e(r.side)}' data-speaker='{_e(r.speaker)}' "
                f"data-language='{_e(r.language)}' data-orig='{orig}'>"
                f"<span class='k-l' lang='{_e(r.language)}'>{_e(r.left)}</span>"
                f"<mark class='k-m' lang='{_e(r.language)}'>{_e(r.match)}</mark>"
                f"<span class='k-r' lang='{_e(r.language)}'>{_e(r.right)}</span> "
                f"<span class='k-meta'>— {_e(r.speaker)}, {_e(r.date)}, "
                f"{_e(_LANG.get(r.language, r.language))} {orig}, "
                f"{_e(self.labels.get(r.concept, r.concept))} · {src}"
                + (f" <small class='k-note'>({_e(r.note)})</small>" if getattr(r, "note", "") else "")
                + "</span></li>"
            )
        controls = (
            f"<div class='k-controls' hidden>"
            f"{self._options('concept', concepts, lambda c: f'{self.labels.get(c, c)} ({n_lines.get(c, 0)})')}"
            f"{self._options('side', sides)}"
            f"{self._options('speaker', speakers)}"
            f"{self._options('language', langs, lambda v: _LANG.get(v, v))}"
            f"{self._options('orig', ['original', 'translation'], label='Original / translation')}"
            f"<label>Search the quoted words <input type='search' data-filter='q' placeholder='e.g. союз'></label>"
            f" <output aria-live='polite'></output></div>"
        )
        style = (
            f"<style>#{i} ol{{padding-left:1.5em}} #{i} li{{margin:.2em 0;line-height:1.4}}"
            f"#{i} .k-l{{color:#444}} #{i} .k-m{{background:#ffe08a;font-weight:600}}"
            f"#{i} .k-meta{{color:#666;font-size:.85em}} #{i} .k-controls label{{margin-right:.8em}}"
            f"#{i} li[hidden]{{display:none}} #{i} select{{max-width:16em}}</style>"
        )
        script = (
            "<script>(function(){var root=document.getElementById(" + json.dumps(i) + ");if(!root)return;"
            "var c=root.querySelector('.k-controls');c.hidden=false;var out=c.querySelector('output');"
            "var lis=root.querySelectorAll('li');function run(){var f={};"
            "c.querySelectorAll('[data-filter]').forEach(function(el){f[el.dataset.filter]=el.value;});"
            "var q=(f.q||'').toLowerCase(),n=0;lis.forEach(function(li){var ok=true;"
            "['concept','side','speaker','language','orig'].forEach(function(k){if(f[k]&&li.dataset[k]!==f[k])ok=false;});"
            "if(ok&&q){var t='';li.querySelectorAll('.k-l,.k-m,.k-r').forEach(function(x){t+=x.textContent;});"
            "if(t.toLowerCase().indexOf(q)<0)ok=false;}li.hidden=!ok;if(ok)n++;});"
            "out.textContent=n+' of '+lis.length+' lines';}"
            "c.addEventListener('input',run);c.addEventListener('change',run);run();})();</script>"
        )
        return (
            f"<section id='{i}' class='kwic'><h3>{_e(self.title)}</h3>{style}{controls}"
            f"<ol>{''.join(items)}</ol>{script}</section>"
        )

    @property
    def html(self) -> str:
        return self._repr_html_()


def kwic_view(
    lines: pd.DataFrame, labels: dict[str, str] | None = None, title: str = "Lines in context"
) -> KwicView:
    return KwicView(lines, labels, title)
