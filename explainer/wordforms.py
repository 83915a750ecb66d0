"""Word forms: which words of a text count as forms of a typed word, in English, Russian and Korean.

Everything runs on the project's normalised text (:func:`explainer.terms.normalise`: lower case, ``ё``→``е``,
North→South Korean spellings), split into runs of letters and digits. A typed word finds every word of the
texts searched that

- **Russian**: starts with it (three letters or more: «союз» and «союзн» find союзники, союзнический, союзные),
  or has the same pymorphy3 lemma (:func:`explainer.terms.lemma`: «союзники» also finds союзника, союзников;
  «друг» finds друзья). Only words sharing the typed word's first two letters are lemmatised (forms keep
  their first letters), so suppletive forms (люди for человек) are not joined;
- **English**: shares a base with it after regular inflection endings are taken off (-s, -es, -ies, -ed,
  -ied, -ing, doubled consonants, with or without a final e): "ally" finds allies and allied (and the ally of
  "ally's"), not "really" or "alliance". The rule knows no dictionary: irregular forms (went, men) are not
  joined, and two words can meet on a stripped stem now and then (units/united);
- **Korean**: contains it, or contains what is left when a trailing particle is taken off (at least two
  syllables must remain): 동맹 and 동맹을 both find 동맹, 동맹관계, 동맹관계를 and 조로동맹.

:func:`form_index` exports the same keys for the words of a published KWIC list, so the page's search box
applies these rules in the browser without a kernel (``explainer.kwic``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from .terms import _TOKEN, KO_SPELLINGS, lemma, normalise

#: Russian: a typed word of at least this many letters also finds the words that start with it.
MIN_PREFIX = 3
#: English: no inflection ending is taken off when fewer letters than this would remain.
MIN_BASE = 3
#: Korean: a trailing particle is taken off a typed word only when at least this many syllables remain.
MIN_KO_STEM = 2
# Korean case and topic particles and a few frequent particle clusters (longest first when stripping).
KO_PARTICLES = tuple(
    sorted(
        (
            "이", "가", "을", "를", "은", "는", "의", "에", "도", "만", "와", "과", "로", "으로",
            "에서", "에게", "께서", "까지", "부터", "보다", "처럼", "로서", "으로서", "로써", "으로써",
            "와의", "과의", "에서의", "으로의", "로의", "에는", "에도", "와도", "과도", "이며", "이고",
            "이다", "이라는", "라는", "과는", "와는",
        ),
        key=len,
        reverse=True,
    )
)
# English inflection endings: (ending, what replaces it).
_EN_ENDINGS = (
    ("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"),
    ("ing", ""), ("ing", "e"),
)
_VOWELS = set("aeiouy")
_POSSESSIVE = re.compile(r"(?<=\w)['’]s(?!\w)")
_HANGUL = re.compile("[\uac00-\ud7a3]")


def words(text: str) -> list[str]:
    """The words of an already normalised text (runs of letters and digits; a possessive 's is dropped)."""
    return _TOKEN.findall(_POSSESSIVE.sub("", text))


@lru_cache(maxsize=100_000)
def english_bases(word: str) -> frozenset[str]:
    """The word and what is left of it after one regular inflection ending is taken off."""
    out = {word}
    w = word
    for end, repl in _EN_ENDINGS:
        if w.endswith(end) and len(w) - len(end) + len(repl) >= MIN_BASE:
            base = w[: len(w) - len(end)] + repl
            out.add(base)
            # stopped -> stop, planning -> plan
            if end in ("ed", "ing") and not repl and len(base) > MIN_BASE and base[-1] == base[-2]:
                if base[-1] not in _VOWELS:
                    out.add(base[:-1])
    return frozenset(out)


def korean_stem(word: str) -> str:
    """The word without one trailing particle, when at least :data:`MIN_KO_STEM` syllables remain."""
    for p in KO_PARTICLES:
        if word.endswith(p) and len(word) - len(p) >= MIN_KO_STEM:
            return word[: -len(p)]
    return word


@lru_cache(maxsize=100_000)
def keys(word: str, language: str) -> frozenset[str]:
    """What a normalised word is matched by besides itself: English bases, the Russian lemma."""
    if language == "en":
        return english_bases(word)
    if language == "ru":
        return frozenset({word, lemma(word)})
    return frozenset({word})


def is_form(typed: str, word: str, language: str) -> bool:
    """Whether ``word`` (normalised, from a text) is a form of ``typed`` (normalised) in ``language``."""
    if typed == word:
        return True
    if language == "ko":
        return bool(_HANGUL.search(typed)) and korean_stem(typed) in word
    if language == "ru":
        if len(typed) >= MIN_PREFIX and word.startswith(typed):
            return True
        if word[:2] != typed[:2]:  # Russian forms keep their first letters: no lemma needed (and none looked up)
            return False
    return not keys(typed, language).isdisjoint(keys(word, language))


def forms(typed: str, language: str, vocabulary: Iterable[str]) -> list[str]:
    """The words of ``vocabulary`` that are forms of the typed word (normalised here), sorted."""
    t = normalise(typed.strip(), language)
    return sorted(w for w in set(vocabulary) if is_form(t, w, language))


def form_index(texts_by_language: dict[str, Iterable[str]]) -> dict:
    """Keys of every word of some normalised texts, for the browser-side search of a published page.

    ``{"keys": {language: {word: [key, ...]}}, "particles": [...], "min_prefix": 3, "min_ko_stem": 2,
    "spellings": {North: South}}``; only words with a key other than themselves are listed (the browser
    reads the words from the lines). The browser applies :func:`is_form` with these keys; a typed word that
    is not in the index is its own only key.
    """
    out: dict[str, dict[str, list[str]]] = {}
    for language, texts in sorted(texts_by_language.items()):
        vocab = sorted({w for t in texts for w in words(t)})
        extra = {w: sorted(keys(w, language) - {w}) for w in vocab}
        out[language] = {w: k for w, k in extra.items() if k}
    return {
        "keys": out,
        "particles": list(KO_PARTICLES),
        "min_prefix": MIN_PREFIX,
        "min_ko_stem": MIN_KO_STEM,
        "spellings": KO_SPELLINGS,
    }


def phrase_pattern(parts: list[list[str]], language: str) -> str | None:
    """A regular expression matching the phrase whose n-th word is any of ``parts[n]`` (None: no forms)."""
    if not parts or any(not p for p in parts):
        return None
    alts = ["(?:" + "|".join(re.escape(f) for f in sorted(p, key=len, reverse=True)) + ")" for p in parts]
    body = r"[\s\-]+".join(alts)
    return r"(?<!\w)" + body + r"(?!\w)"


__all__ = ["english_bases", "form_index", "forms", "is_form", "keys", "korean_stem", "phrase_pattern", "words"]
