"""Search on queries nobody wrote: a small sample drawn from the built pages
by tests/search_queries.py (words, phrases, page subjects, and Khmer typing
variants), plus the hand-written "obvious page" set, in Chromium (the first
query of each kind typed key by key).
bench/bench_search.py runs hundreds of them; this runs about 20 a language.

The seed is the project's version (a new release draws new queries) unless
COP_SEARCH_SEED is set, e.g. to reproduce a failure."""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path
from typing import Iterator

import pytest

from search_queries import VARIANTS, default_seed, draw, searchable_pages
from searching import Answer, Query, Searcher, entries, load_obvious

pytestmark = pytest.mark.browser

SEED = os.environ.get("COP_SEARCH_SEED") or default_seed()
RECALL = 0.9     # of the sample, each language: at most 2 misses in 20
SUBJECT_TOP3 = 0.9


def rank(searcher: Searcher, query: Query, answer: Answer) -> int | None:
    for i, group in enumerate(answer.groups):
        if searcher.found(query, Answer(groups=[group])):
            return i + 1
    return None


@pytest.fixture(scope="module", params=["km", "en"])
def tab(request, browser, server) -> Iterator[Searcher]:  # type: ignore[no-untyped-def]
    searcher = Searcher(browser, server, request.param)
    searcher.lang = request.param  # type: ignore[attr-defined]
    yield searcher
    searcher.close()


def test_generated_sample(tab: Searcher, site: Path) -> None:
    lang = tab.lang  # type: ignore[attr-defined]
    drawn = draw(site, lang, 4, SEED, searchable_pages(site, lang), variants=2)
    missed: list[str] = []
    by_kind: dict[str, list[bool]] = defaultdict(list)
    for d, entry in zip(drawn, entries([d.kind for d in drawn])):
        query = Query(d.lang, d.q, d.page, None, d.kind)
        answer = tab.search(d.q, limit=20, entry=entry)
        at = rank(tab, query, answer)
        ok = at is not None and at <= d.top
        by_kind[d.kind].append(ok)
        if not ok:
            missed.append(f"{d.kind} {d.q!r} -> want {d.page} in top {d.top}, at {at}; got {answer.pages()[:5]}")
    recall = sum(sum(v) for v in by_kind.values()) / len(drawn)
    assert recall >= RECALL, f"seed {SEED!r}: {lang} {recall:.0%} of {len(drawn)} found; missed:\n" + "\n".join(missed)
    if lang == "km":
        assert set(by_kind) >= set(VARIANTS), f"the sample lacks typing variants: {sorted(by_kind)}"


def test_obvious_pages_come_top_three(tab: Searcher) -> None:
    lang = tab.lang  # type: ignore[attr-defined]
    queries = [q for q in load_obvious() if q.lang == lang]
    missed = []
    for query in queries:
        answer = tab.search(query.q, entry="fill")
        at = rank(tab, query, answer)
        if at is None or at > 3:
            missed.append(f"{query.q!r} -> want {query.page} in the top 3, at {at}; got {answer.pages()[:3]}")
    assert len(missed) <= len(queries) * (1 - SUBJECT_TOP3), "\n".join(missed)


def test_any_word_results_are_marked(tab: Searcher) -> None:
    """A page with only some of the words comes after those with all of them,
    marked with what it is missing, in the page's language."""
    lang = tab.lang  # type: ignore[attr-defined]
    query = "grooming zebra" if lang == "en" else "ការផ្សាយផ្ទាល់ ហ្សេប្រា"
    tab.search(query, entry="fill")
    missing = tab.tab.locator(".md-search-result__terms").first
    missing.wait_for()
    label = missing.inner_text()
    assert ("Missing" if lang == "en" else "មិនមាន") in label and ("zebra" if lang == "en" else "ហ្សេប្រា") in label
