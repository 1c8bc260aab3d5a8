"""Long checks over the whole site, which the test suite runs on a sample.

    .venv/bin/python bench/audit_site.py requests [--site DIR]   # every page over HTTP: no request leaves the site
    .venv/bin/python bench/audit_site.py offline-search [--bundle ZIP]   # the whole query set, from the offline copy

``requests`` loads every page of both languages (and a search in each) in
Debian's Chromium and refuses any request to another origin; the suite
(tests/test_hosting.py, with tests/audits.py) loads one page of each kind. ``offline-search`` asks
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
from audits import MISSES_ALLOWED, foreign_requests, offline_misses, pages  # noqa: E402
from browser import CHROMIUM, CHROMIUM_FLAGS, serve  # noqa: E402
from searching import load_queries  # noqa: E402

from cop import downloads  # noqa: E402

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
