"""Measure the site's search against stock Material search (and Pagefind) on
queries nobody wrote, in Debian's Chromium.

    .venv/bin/python bench/bench_search.py [--seed S] [--per-lang N] [--variants N] [--no-pagefind]

Builds the site four times: ours and stock Material search
(COP_STOCK_SEARCH=1), each for HTTP and for file:// (COP_OFFLINE=true). Draws
queries from the built pages with tests/search_queries.py (the seed defaults
to the project's version, so each release draws new ones), runs them, and
prints Markdown tables: recall (the page the query came from in the first 10
results) and the share in the top 5 (top 3 for page subjects), per kind of
query and typing variant; then the hand-written sets (tests/search_queries.yml
and tests/search_obvious.yml); then bandwidth (gzip) and time to the first
result. With `pagefind` installed (`pip install "pagefind[bin]"`; not a
dependency of the site) the same queries also run on Pagefind 1.5 over HTTP.
A benchmark, not a test: the figures depend on the machine.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent

# The project copy, Chromium with its local server and the search driver
# are the tests' support modules (tests/), which these scripts share.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from browser import CHROMIUM, CHROMIUM_FLAGS, serve
from search_queries import KINDS, VARIANTS, default_seed, draw, searchable_pages
from searching import Answer, Query, Searcher, load_queries, load_obvious

LANGS = ("km", "en")
# Chromium's network emulation for a slow mobile connection (like DevTools' "Fast 3G").
SLOW = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}


def build(out: Path, stock: bool, offline: bool) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("COP_STOCK_SEARCH", None)
    if stock:
        env["COP_STOCK_SEARCH"] = "1"
    env["COP_OFFLINE"] = "true" if offline else "false"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
                   cwd=ROOT, env=env, check=True)
    return time.perf_counter() - start


def rank(searcher: Searcher, query: Query, answer: Answer) -> int | None:
    """Position (1-based) of the expected page in the answer, or None."""
    for i, group in enumerate(answer.groups):
        if searcher.found(query, Answer(groups=[group])):
            return i + 1
    return None


def run(browser, base: str, lang: str, queries: list[Query], offline: bool, site: Path) -> list[int | None]:  # type: ignore[no-untyped-def]
    searcher = Searcher(browser, base, lang, offline=offline, site_dir=site)
    try:
        return [rank(searcher, q, searcher.search(q.q, limit=50, entry="fill")) for q in queries]
    finally:
        searcher.close()


def pagefind_run(browser, base: str, lang: str, queries: list[Query]) -> tuple[list[int | None], int]:  # type: ignore[no-untyped-def]
    """Ranks on Pagefind's JavaScript API, and the bytes of its files a first search downloads."""
    context = browser.new_context()
    tab = context.new_page()
    sizes: dict[str, int] = {}
    tab.on("response", lambda r: sizes.__setitem__(r.url, len(r.body())) if "/pagefind/" in r.url else None)
    tab.goto(base + ("/km/" if lang == "km" else "/"))
    tab.evaluate("async () => { window.pf = await import('/pagefind/pagefind.js'); await pf.init(); }")
    first = 0
    ranks: list[int | None] = []
    root = "/km/" if lang == "km" else "/"
    for i, q in enumerate(queries):
        urls = tab.evaluate("async q => { const r = await pf.search(q);"
                            " return Promise.all(r.results.slice(0, 50).map(x => x.data().then(d => d.url))); }", q.q)
        pages = []
        for url in urls:
            page = unquote(urlsplit(url).path.split("#")[0])
            if page not in pages:
                pages.append(page)
        want = root + q.page
        ranks.append(pages.index(want) + 1 if want in pages else None)
        if i == 0:
            first = sum(sizes.values())
    context.close()
    return ranks, first


def rates(ranks: list[int | None], top: int) -> tuple[float, float]:
    found = [r for r in ranks if r is not None and r <= 10]
    near = [r for r in ranks if r is not None and r <= top]
    return len(found) / max(1, len(ranks)), len(near) / max(1, len(ranks))


def wire_bytes(site: Path, urls: list[str], base: str) -> int:
    """What the files at ``urls`` weigh gzip-compressed (as a server sends them, level 6)."""
    total = 0
    for url in urls:
        path = unquote(urlsplit(url).path)[len(urlsplit(base).path):].lstrip("/")
        file = site / path
        if file.is_dir() or not file.suffix:
            file = file / "index.html"
        if file.is_file():
            data = file.read_bytes()
            compressible = file.suffix in {".html", ".js", ".css", ".json", ".svg", ".txt", ".xml", ".map"}
            total += len(gzip.compress(data, 6)) if compressible else len(data)
    return total


def page_load(browser, base: str, site: Path, path: str) -> dict:  # type: ignore[no-untyped-def]
    """A first page load: bytes on the wire, index requests before intent,
    then time from focusing the search box to the first result."""
    context = browser.new_context()
    tab = context.new_page()
    urls: list[str] = []
    tab.on("request", lambda r: urls.append(r.url))
    tab.goto(base + path, wait_until="load")
    tab.wait_for_load_state("networkidle")
    before = list(urls)
    # Our per-language index files; Material's search_index.json is a stub of 0.2 KiB on our site.
    index_before = [u for u in before if "/search/cop-index." in urlsplit(u).path or
                    (urlsplit(u).path.endswith("/search/search_index.json") and wire_bytes(site, [u], base) > 1024)]
    loaded = wire_bytes(site, before, base)
    context.close()
    return {"page_kib": loaded / 1024, "index_requests_before_intent": len(index_before)}


def first_result_ms(browser, base: str, lang: str, query: str, slow: bool) -> float:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    if slow:
        cdp = context.new_cdp_session(tab)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW)
    tab.goto(base + ("/km/" if lang == "km" else "/"), wait_until="load")
    tab.wait_for_load_state("networkidle")
    start = time.perf_counter()
    box = tab.locator("input[name=query]")
    box.click()
    box.fill(query)
    box.press("End")
    tab.locator(".md-search-result__item").first.wait_for(timeout=60_000)
    elapsed = (time.perf_counter() - start) * 1000
    context.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", default=default_seed())
    parser.add_argument("--per-lang", type=int, default=20, help="queries per kind and language")
    parser.add_argument("--variants", type=int, default=25, help="Khmer queries per typing variant")
    parser.add_argument("--no-pagefind", action="store_true")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="bench-search-"))
    sites = {}
    for stock in (False, True):
        for offline in (False, True):
            name = ("stock" if stock else "ours") + ("-file" if offline else "-http")
            sites[name] = tmp / name
            build(sites[name], stock, offline)
    drawn = {lang: draw(sites["ours-http"], lang, args.per_lang, args.seed,
                        searchable_pages(sites["ours-http"], lang), args.variants) for lang in LANGS}
    queries = {lang: [Query(d.lang, d.q, d.page, None, d.kind) for d in drawn[lang]] for lang in LANGS}
    tops = {lang: [d.top for d in drawn[lang]] for lang in LANGS}
    hand = {lang: [q for q in load_queries() if q.lang == lang] for lang in LANGS}
    obvious = {lang: [q for q in load_obvious() if q.lang == lang] for lang in LANGS}
    results: dict[str, dict[str, list[int | None]]] = defaultdict(dict)
    hand_results: dict[str, dict[str, list[int | None]]] = defaultdict(dict)
    pagefind: dict[str, tuple[list[int | None], int]] = {}
    perf: dict[str, object] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for name, site in sites.items():
            offline = name.endswith("-file")
            server = None
            if offline:
                base = site.as_uri()
            else:
                server = serve(site)
                base = next(server)
            for lang in LANGS:
                results[name][lang] = run(browser, base, lang, queries[lang], offline, site)
                if name.endswith("-http"):
                    hand_results[name][lang] = run(browser, base, lang, hand[lang], False, site)
                    hand_results[name][lang + "-obvious"] = run(browser, base, lang, obvious[lang], False, site)
            if name.endswith("-http"):
                perf[name] = {
                    "home": page_load(browser, base, site, "/"),
                    "km_commitments": page_load(browser, base, site, "/km/commitments/social-media/"),
                    "first_result_ms": {lang: {speed: first_result_ms(browser, base, lang, q, speed == "slow")
                                               for speed in ("local", "slow")}
                                        for lang, q in (("en", "grooming"), ("km", "ការផ្សាយផ្ទាល់"))},
                }
                typed = {}
                for lang in LANGS:
                    searcher = Searcher(browser, base, lang)
                    times = [searcher.search(q.q).first_result_ms for q in hand[lang][:30]]
                    searcher.close()
                    typed[lang] = [t for t in times if t > 0]
                perf[name]["keystroke_ms"] = typed  # type: ignore[index]
            if server is not None:
                server.close()
        if not args.no_pagefind and shutil.which("pagefind") or not args.no_pagefind and _has_pagefind():
            site = tmp / "pagefind"
            shutil.copytree(sites["ours-http"], site)
            subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site)], check=True, capture_output=True)
            server = serve(site)
            base = next(server)
            for lang in LANGS:
                pagefind[lang] = pagefind_run(browser, base, lang, queries[lang])
            server.close()
        browser.close()

    sizes = {}
    for lang in LANGS:
        raw = (sites["ours-http"] / f"search/cop-index.{lang}.js").read_bytes()
        sizes[lang] = (len(raw), len(gzip.compress(raw, 6)))
    stock_raw = (sites["stock-http"] / "search/search_index.json").read_bytes()

    print(f"Seed {args.seed!r}; {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print()
    columns = ["stock-http", "ours-http", "stock-file", "ours-file"] + (["pagefind"] if pagefind else [])
    print("| queries | n | " + " | ".join(columns) + " |")
    print("|---|---:|" + "---:|" * len(columns))
    for lang in LANGS:
        kinds = [k for k in KINDS + VARIANTS if any(q.kind == k for q in queries[lang])]
        for kind in kinds + ["all"]:
            pick = [i for i, q in enumerate(queries[lang]) if kind == "all" or q.kind == kind]
            top = 3 if kind == "subject" else 5
            cells = []
            for column in columns:
                ranks = pagefind[lang][0] if column == "pagefind" else results[column][lang]
                chosen = [ranks[i] for i in pick]
                if kind == "all":
                    found = sum(1 for i in pick if ranks[i] is not None and ranks[i] <= 10)
                    near = sum(1 for i in pick if ranks[i] is not None and ranks[i] <= (3 if tops[lang][i] == 3 else 5))
                    recall, share = found / len(pick), near / len(pick)
                else:
                    recall, share = rates(chosen, top)
                cells.append(f"{recall:.0%} / {share:.0%}")
            print(f"| {lang} {kind} | {len(pick)} | " + " | ".join(cells) + " |")
    print()
    print("Cells: recall (top 10) / share in the top 5 (top 3 for subjects).")
    print()
    print("| hand-written set | n | stock-http | ours-http |")
    print("|---|---:|---:|---:|")
    for lang in LANGS:
        for key, label, top in ((lang, "tests/search_queries.yml", 5), (lang + "-obvious", "tests/search_obvious.yml", 3)):
            cells = [f"{rates(hand_results[c][key], top)[0]:.0%} / {rates(hand_results[c][key], top)[1]:.0%}"
                     for c in ("stock-http", "ours-http")]
            print(f"| {lang} {label} | {len(hand_results['ours-http'][key])} | " + " | ".join(cells) + " |")
    print()
    print("| bandwidth and time | stock | ours |")
    print("|---|---:|---:|")
    print(f"| index, English (raw / gzip) | {len(stock_raw) / 1024:.0f} KiB / {len(gzip.compress(stock_raw, 6)) / 1024:.0f} KiB (both languages) | "
          f"{sizes['en'][0] / 1024:.0f} KiB / {sizes['en'][1] / 1024:.0f} KiB |")
    print(f"| index, Khmer (raw / gzip) | (in the above) | {sizes['km'][0] / 1024:.0f} KiB / {sizes['km'][1] / 1024:.0f} KiB |")
    for page, label in (("home", "home page"), ("km_commitments", "Khmer commitments page")):
        s, o = perf["stock-http"][page], perf["ours-http"][page]  # type: ignore[index]
        print(f"| first load of the {label}, gzip | {s['page_kib']:.0f} KiB | {o['page_kib']:.0f} KiB |")
        print(f"| index requests before intent ({label}) | {s['index_requests_before_intent']} | {o['index_requests_before_intent']} |")
    for lang in LANGS:
        for speed in ("local", "slow"):
            s = perf["stock-http"]["first_result_ms"][lang][speed]  # type: ignore[index]
            o = perf["ours-http"]["first_result_ms"][lang][speed]  # type: ignore[index]
            print(f"| focus to first result, {lang}, {speed} network | {s:.0f} ms | {o:.0f} ms |")
    for lang in LANGS:
        s = perf["stock-http"]["keystroke_ms"][lang]  # type: ignore[index]
        o = perf["ours-http"]["keystroke_ms"][lang]  # type: ignore[index]

        def q(values: list[float], n: int) -> str:
            return f"{statistics.quantiles(values, n=100)[n - 1]:.0f}" if len(values) > 2 else "–"
        print(f"| keystroke to result, {lang}, median / 95th percentile | {q(s, 50)} / {q(s, 95)} ms | {q(o, 50)} / {q(o, 95)} ms |")
    if pagefind:
        print()
        print(f"Pagefind 1.5: first search downloads {pagefind['en'][1] / 1024:.0f} KiB (en), "
              f"{pagefind['km'][1] / 1024:.0f} KiB (km) of its files; nothing before a search.")
    print()
    print(json.dumps({"seed": args.seed, "sizes": sizes, "perf": perf}, default=str))
    shutil.rmtree(tmp, ignore_errors=True)


def _has_pagefind() -> bool:
    try:
        subprocess.run([sys.executable, "-m", "pagefind", "--version"], check=True, capture_output=True)
        return True
    except (subprocess.CalledProcessError, FileNotFoundError):
        return False


if __name__ == "__main__":
    main()
