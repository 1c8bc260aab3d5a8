"""Long checks over the whole site, which the test suite runs on a sample.

    .venv/bin/python bench/audit_site.py requests [--site DIR]   # every page over HTTP: no request leaves the site
    .venv/bin/python bench/audit_site.py offline-search [--bundle ZIP]   # the whole query set, from the offline copy

``requests`` loads every page of both languages (and a search in each) in
Debian's Chromium and refuses any request to another origin; the suite
(tests/test_hosting.py) loads one page of each kind. ``offline-search`` asks
every query of tests/search_queries.yml from the offline copy opened from disk
(file://); the suite (tests/test_offline.py) asks one query of each kind, and
tests/test_search.py measures recall over HTTP with the whole set. Without
``--site`` or ``--bundle`` the site or the zip is built first. Exits 1 on a
failure. Checks, not benchmarks: the figures do not depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The project copy, Chromium with its local server and the search driver
# are the tests' support modules (tests/), which these scripts share.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from browser import CHROMIUM, CHROMIUM_FLAGS, serve  # noqa: E402
from searching import Query, Searcher, load_queries  # noqa: E402

from cop import downloads  # noqa: E402

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


def _build(out: Path) -> Path:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)], cwd=ROOT, env=env,
                   check=True)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="check", required=True)
    requests = sub.add_parser("requests", help="every page over HTTP: no request to another origin")
    requests.add_argument("--site", type=Path, help="a built site (default: build one)")
    offline = sub.add_parser("offline-search", help="every query of the set, from the offline copy")
    offline.add_argument("--bundle", type=Path, help="the offline zip (default: make one with scripts/bundle.py)")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="cop-audit-") as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        failed = False
        if args.check == "requests":
            site = args.site.resolve() if args.site else _build(Path(tmp) / "site")
            urls = pages(site)
            for server in serve(site):
                foreign = foreign_requests(browser, server, urls)
            print(f"{len(urls)} pages and a search in each language: "
                  + (f"{len(foreign)} requests to other origins" if foreign else "no request left the site"))
            for url in foreign:
                print(f"  {url}")
            failed = bool(foreign)
        else:
            bundle = args.bundle
            if bundle is None:
                subprocess.run([sys.executable, "scripts/bundle.py", "--out", tmp], cwd=ROOT, check=True)
                bundle = Path(tmp) / f"{downloads.BUNDLE_NAME}.zip"
            with zipfile.ZipFile(bundle) as archive:
                archive.extractall(Path(tmp) / "unzipped")
            offline_site = Path(tmp) / "unzipped" / downloads.BUNDLE_NAME
            for lang in ("km", "en"):
                queries = [q for q in load_queries() if q.lang == lang]
                missed = offline_misses(browser, offline_site, queries)
                print(f"offline search ({lang}): {len(queries) - len(missed)} of {len(queries)} found")
                for query in missed:
                    print(f"  missed: {query}")
                failed |= len(missed) > len(queries) * MISSES_ALLOWED
        browser.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
