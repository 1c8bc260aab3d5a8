"""Screenshots of every page type at phone and desktop width, in both
languages, for review: look at them before a change to layout or type lands.

    .venv/bin/python bench/screenshots.py --out /tmp/shots              # build, then shoot
    .venv/bin/python bench/screenshots.py --site /tmp/site --out /tmp/shots --only matrix sector
    .venv/bin/python bench/screenshots.py --out /tmp/shots --full       # whole pages, not one screen

Writes ``<type>-<lang>-<width>.png`` and prints each page's height at each
width (the sector page must stay at or under 7,000 px on a phone).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

# The project copy, Chromium with its local server and the search driver
# are the tests' support modules (tests/), which these scripts share.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from browser import CHROMIUM, CHROMIUM_FLAGS, serve

ROOT = Path(__file__).resolve().parent.parent
# Every page type, as (name, path below a language's root).
PAGE_TYPES: list[tuple[str, str]] = [
    ("home", ""),
    ("sector", "sectors/social-media/"),
    ("sectors", "sectors/"),
    ("role", "roles/trust-safety/"),
    ("roles", "roles/"),
    ("commitments", "commitments/"),
    ("commitment-section", "commitments/social-media/"),
    ("matrix", "matrix/"),
    ("key-area", "key-areas/csam-response/"),
    ("checklist", "checklists/social-media/"),
    ("glossary", "glossary/"),
    ("help", "help/"),
    ("offline", "offline/"),
    ("integrators", "integrators/"),
    ("maintainers", "maintainers/"),
    ("not-found", "404.html"),
]
LANGS = {"en": "", "km": "km/"}
WIDTHS = {390: 844, 1280: 800}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one)")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--only", nargs="*", help="page types to shoot (default: all)")
    parser.add_argument("--full", action="store_true", help="the whole page, not the first screen")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="cop-shots-") as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], cwd=ROOT,
                           check=True, capture_output=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
        server = serve(site)
        base = next(server)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            for width, height in WIDTHS.items():
                context = browser.new_context(viewport={"width": width, "height": height})
                tab = context.new_page()
                for name, path in PAGE_TYPES:
                    if args.only and name not in args.only:
                        continue
                    for lang, prefix in LANGS.items():
                        tab.goto(f"{base}/{prefix}{path}")
                        tab.wait_for_load_state("load")
                        tall = tab.evaluate("document.documentElement.scrollHeight")
                        wide = tab.evaluate("document.documentElement.scrollWidth")
                        file = args.out / f"{name}-{lang}-{width}.png"
                        tab.screenshot(path=str(file), full_page=args.full)
                        print(f"{file.name}: {tall} px tall, {wide} px wide")
                context.close()
            browser.close()
        next(server, None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
