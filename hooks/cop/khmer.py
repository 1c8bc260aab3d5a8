"""Khmer word segmentation for the search index.

Khmer is written without spaces between words, so a search index that splits
on white space sees a whole clause as one word. Before indexing, every run of
Khmer letters is split into words with ICU's dictionary-based word breaker
(the same engine browsers use for Khmer line breaking) and the words are
joined with U+200B ZERO WIDTH SPACE, which the search separator splits on.
The text a reader sees is unchanged: only the search index gets the marks.

ICU is loaded on first use, never at import time.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

ZWSP = "\u200b"
# Khmer letters, signs and digits; not the Khmer punctuation (U+17D4-U+17DA),
# which separates words anyway.
KHMER_RUN = re.compile(r"[\u1780-\u17d3\u17d7\u17dc\u17dd\u17e0-\u17e9\u19e0-\u19ff]+")

Segmenter = Callable[[str], list[str]]


@lru_cache(maxsize=1)
def icu_segmenter() -> Segmenter:
    """ICU's Khmer word breaker, as a function from text to words."""
    import icu  # from pyicu-wheels: a binary wheel, nothing to compile

    breaker = icu.BreakIterator.createWordInstance(icu.Locale("km"))

    def segment(text: str) -> list[str]:
        breaker.setText(text)
        bounds = [0, *breaker]
        return [text[a:b] for a, b in zip(bounds, bounds[1:])]

    return segment


def mark_words(text: str, segment: Segmenter | None = None, memo: dict[str, str] | None = None) -> str:
    """``text`` with U+200B between the words of every Khmer run.

    ``memo``, if given, keeps each run's result for the next call: the same
    phrases recur all over a site (headings, labels, terms), and a dictionary
    lookup is much cheaper than ICU's breaker."""
    cut = segment or icu_segmenter()
    cache = memo if memo is not None else {}

    def marked(run: re.Match[str]) -> str:
        words = run.group(0)
        done = cache.get(words)
        if done is None:
            done = cache[words] = ZWSP.join(w for w in cut(words) if w)
        return done

    return KHMER_RUN.sub(marked, text)


def segment_index(data: dict) -> dict:
    """A search index (``search_index.json``) with the Khmer words of every
    title and text marked."""
    memo: dict[str, str] = {}  # Khmer run -> marked run, for this index only
    for doc in data.get("docs", []):
        for field in ("title", "text"):
            if isinstance(doc.get(field), str):
                doc[field] = mark_words(doc[field], memo=memo)
    return data
