"""Print every sector's checklist, in every language, to an A4 PDF.

    .venv/bin/python scripts/pdf.py [--site SITE] [--out build/pdf]

Builds the site (or takes one already built with --site), serves it on
localhost, opens each checklist page in Debian's Chromium through Playwright
and prints it with the site's print stylesheet. Writes
build/pdf/<lang>/checklist-<sector>.pdf. Publish them with the site:

    COP_PDFS=build/pdf .venv/bin/mkdocs build --strict
"""

from __future__ import annotations

import argparse
import functools
import os
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml
from mkdocs.config import load_config

from cop import downloads, state

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
# Without these Chromium tries to reach Google's hosts at start.
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
# Page numbers at the foot of each page; the margins themselves come from
# the @page rule of overrides/assets/stylesheets/print.css.
FOOTER = ('<div style="width:100%;font-size:8px;color:#555;text-align:center;">'
          '<span class="pageNumber"></span> / <span class="totalPages"></span></div>')


def sectors_and_languages() -> tuple[list[str], dict[str, str]]:
    """Sector IDs (taxonomy.yml) and each built language's URL prefix (the
    i18n plugin's languages in mkdocs.yml, as the hooks read them)."""
    taxonomy = yaml.safe_load((ROOT / "model/taxonomy.yml").read_text(encoding="utf-8"))
    langs, default, _ = state.languages(load_config(str(ROOT / "mkdocs.yml")))
    return [s["id"] for s in taxonomy["sectors"]], {lang: "" if lang == default else f"{lang}/" for lang in langs}


def build_site(site: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("COP_PDFS", None)  # the PDFs are printed from a site without them
    env.pop("COP_OFFLINE", None)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--clean", "-d", str(site)],
                   cwd=ROOT, env=env, check=True)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def print_pdfs(site: Path, out: Path) -> list[Path]:
    """Print each checklist of ``site`` into ``out``; return the PDFs written."""
    from playwright.sync_api import sync_playwright

    sectors, langs = sectors_and_languages()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    written: list[Path] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            # A fresh context: no self-assessment saved, so every status box prints empty.
            context = browser.new_context()
            page = context.new_page()
            for lang, prefix in langs.items():
                (out / lang).mkdir(parents=True, exist_ok=True)
                for sector in sectors:
                    url = f"{base}/{prefix}checklists/{sector}/"
                    response = page.goto(url, wait_until="load")
                    if response is None or not response.ok:
                        raise SystemExit(f"{url}: {response.status if response else 'no response'}; "
                                         f"is docs/checklists/{sector}.md in the nav?")
                    # The checklist script has run once the status controls show.
                    page.locator(".cop-cl-status").first.wait_for(state="visible")
                    page.evaluate("document.fonts.ready")
                    target = downloads.pdf_path(out, lang, sector)
                    page.pdf(path=str(target), format="A4", print_background=True, prefer_css_page_size=True,
                             display_header_footer=True, header_template="<span></span>", footer_template=FOOTER)
                    written.append(target)
            browser.close()
    finally:
        httpd.shutdown()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a site already built with mkdocs build (default: build one)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "pdf")
    args = parser.parse_args()
    out = args.out.resolve()
    if args.site:
        written = print_pdfs(args.site.resolve(), out)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            site = Path(tmp) / "site"
            build_site(site)
            written = print_pdfs(site, out)
    for path in written:
        print(f"{path} ({path.stat().st_size / 1000:.0f} KB)")


if __name__ == "__main__":
    main()
