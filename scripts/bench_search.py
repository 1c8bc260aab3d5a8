"""Measure the site's search against stock Material search on the same content.

    .venv/bin/python scripts/bench_search.py

Builds the site twice (ours, and with COP_STOCK_SEARCH=1 for Material's stock
search), then reports, as a Markdown table: recall on the query set
(tests/search_queries.yml) in each language, the build time the Khmer
segmentation adds, the index size, and the time from keystroke to first result
in Debian's Chromium. A benchmark, not a test: the figures depend on the machine.
"""

from __future__ import annotations

import gzip
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from browser import CHROMIUM, CHROMIUM_FLAGS, serve
from searching import Searcher, load_queries


def build(out: Path, stock: bool) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if stock:
        env["COP_STOCK_SEARCH"] = "1"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
                   cwd=ROOT, env=env, check=True)
    return time.perf_counter() - start


def segmentation_seconds(stock_index: Path) -> float:
    """Time to mark the Khmer words of the unsegmented index (ICU load included)."""
    code = (
        "import json, sys, time; t = time.perf_counter();"
        "from cop.khmer import segment_index;"
        f"segment_index(json.loads(open({str(stock_index)!r}, encoding='utf-8').read()));"
        "print(time.perf_counter() - t)"
    )
    return float(subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True,
                                capture_output=True, text=True).stdout)


def run_queries(site: Path) -> dict[str, tuple[float, list[float]]]:
    from playwright.sync_api import sync_playwright

    queries = load_queries()
    results: dict[str, tuple[float, list[float]]] = {}
    server = serve(site)
    base = next(server)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for lang in ("km", "en"):
            searcher = Searcher(browser, base, lang)
            mine = [q for q in queries if q.lang == lang]
            hits, times = 0, []
            for query in mine:
                answer = searcher.search(query.q)
                hits += searcher.found(query, answer)
                if answer.first_result_ms > 0:
                    times.append(answer.first_result_ms)
            results[lang] = (hits / len(mine), times)
            searcher.close()
        browser.close()
    server.close()
    return results


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ours, stock = Path(tmp) / "ours", Path(tmp) / "stock"
        build(ours, stock=False)  # warm caches; the timed builds follow
        t_ours = min(build(ours, stock=False) for _ in range(3))
        t_stock = min(build(stock, stock=True) for _ in range(3))
        seg = min(segmentation_seconds(stock / "search/search_index.json") for _ in range(3))
        sizes = {}
        for name, site in (("ours", ours), ("stock", stock)):
            raw = (site / "search/search_index.json").read_bytes()
            sizes[name] = (len(raw), len(gzip.compress(raw, 9)))
        recall = {"ours": run_queries(ours), "stock": run_queries(stock)}
    counts = {lang: sum(q.lang == lang for q in load_queries()) for lang in ("km", "en")}

    def ms(values: list[float], q: float) -> str:
        return f"{statistics.quantiles(values, n=100)[int(q) - 1]:.0f} ms" if len(values) > 1 else "–"

    print(f"Machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print()
    print("| | stock Material search | this site |")
    print("|---|---:|---:|")
    for lang, label in (("km", "Khmer"), ("en", "English")):
        print(f"| {label} recall, expected page in top 10 ({counts[lang]} queries) | "
              f"{recall['stock'][lang][0]:.1%} | {recall['ours'][lang][0]:.1%} |")
    print(f"| Build, both languages (best of 3) | {t_stock:.2f} s | {t_ours:.2f} s |")
    print(f"| Khmer segmentation of the index (ICU load included) | – | {seg:.2f} s |")
    print(f"| Search index size (gzip) | {sizes['stock'][0] / 1024:.0f} KiB ({sizes['stock'][1] / 1024:.0f} KiB) | "
          f"{sizes['ours'][0] / 1024:.0f} KiB ({sizes['ours'][1] / 1024:.0f} KiB) |")
    for lang, label in (("km", "Khmer"), ("en", "English")):
        times_s, times_o = recall["stock"][lang][1], recall["ours"][lang][1]
        print(f"| Keystroke to first result, {label}, median / 95th percentile | "
              f"{ms(times_s, 50)} / {ms(times_s, 95)} | {ms(times_o, 50)} / {ms(times_o, 95)} |")
    print()
    print(json.dumps({"build_s": {"ours": t_ours, "stock": t_stock}, "segmentation_s": seg, "index_bytes": sizes}))


if __name__ == "__main__":
    main()
