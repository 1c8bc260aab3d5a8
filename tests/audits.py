"""The whole-site checks the suite runs on a sample and bench/audit_site.py
runs in full: no request leaves the site, and search works from the offline
copy opened from disk."""

from __future__ import annotations

from pathlib import Path

from browser import CHROMIUM, CHROMIUM_FLAGS, serve  # noqa: F401  (re-exported for the audit)
from searching import Query, Searcher, load_queries  # noqa: F401

# The share of queries the offline search may miss (tests/test_search.py holds HTTP to the same).
MISSES_ALLOWED = 0.05


def pages(site: Path) -> list[str]:
    """Every page's URL path, both languages (directory URLs)."""
    out = []
    for file in sorted(site.rglob("index.html")):
        rel = file.parent.relative_to(site).as_posix()
        out.append("/" if rel == "." else f"/{rel}/")
    return out


def one_page_per_kind(site: Path) -> list[str]:
    """A page of each kind, in each language: the home page, a top-level page,
    and the index and the first other page of each folder (sectors, roles,
    commitments, checklists...)."""
    def parts(url: str) -> tuple[str, list[str]]:
        segments = [s for s in url.split("/") if s]
        return ("km", segments[1:]) if segments[:1] == ["km"] else ("en", segments)

    folders = {segments[0] for _, segments in map(parts, pages(site)) if len(segments) > 1}
    chosen: dict[tuple[str, str], str] = {}
    for url in pages(site):
        lang, segments = parts(url)
        if not segments:
            kind = "home"
        elif len(segments) == 1:
            kind = f"{segments[0]}/ (index)" if segments[0] in folders else "top-level page"
        else:
            kind = f"{segments[0]}/"
        chosen.setdefault((lang, kind), url)
    return list(chosen.values())


def foreign_requests(browser, server: str, urls: list[str]) -> list[str]:  # type: ignore[no-untyped-def]
    """The requests to another origin made by loading ``urls`` of the site at
    ``server`` (each refused), then by a search in each language, which loads
    the search worker and the index."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    foreign: list[str] = []

    def guard(route) -> None:  # type: ignore[no-untyped-def]
        if route.request.url.startswith(server + "/") or route.request.url.startswith("data:"):
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    tab = context.new_page()
    try:
        for url in urls:
            tab.goto(server + url)
            tab.wait_for_load_state("load")
        for start in ("/", "/km/"):
            tab.goto(server + start)
            tab.locator("label.md-header__button[for=__search]").click()
            tab.locator("input[name=query]").fill("SM-03")
            tab.locator("input[name=query]").press("End")
            tab.locator(".md-search-result__item").first.wait_for()
            tab.wait_for_load_state("networkidle")
    finally:
        context.close()
    return sorted(set(foreign))


def one_query_per_kind(lang: str) -> list[Query]:
    """The first query of each kind (word, compound, phrase...) in a language."""
    chosen: dict[str, Query] = {}
    for query in load_queries():
        if query.lang == lang:
            chosen.setdefault(query.kind, query)
    return list(chosen.values())


def offline_misses(browser, offline_site: Path, queries: list[Query]) -> list[str]:  # type: ignore[no-untyped-def]
    """The queries of one language that the offline copy, opened from disk, does not find."""
    searcher = Searcher(browser, offline_site.as_uri(), queries[0].lang, offline=True)
    try:
        # The first typed key by key (from disk, the worker is the site's
        # stand-in: typing goes through it too), the rest put in whole.
        return [q.q for i, q in enumerate(queries)
                if not searcher.found(q, searcher.search(q.q, entry="fill" if i else "keys"))]
    finally:
        searcher.close()
