"""Build the complete release, exactly as it is published.

    .venv/bin/python scripts/release.py --site-url https://OWNER.github.io/REPO/ [--out site]
    bash scripts/serve release https://OWNER.github.io/REPO/     # the same, with its setup

In order: the editable templates (scripts/templates.py), the checklist and
whole-guideline PDFs (scripts/pdf.py, from a site built with the address), the
offline zip (scripts/bundle.py, which carries the PDFs and the templates too),
then the site itself with its address (canonical links, sitemap,
``canonical_url`` in the exports), the PDFs, the templates and the zip. Writes
the site to ``--out`` (the folder the workflow publishes) and the rest to
``build/``. Then checks what it wrote: every PDF, every template and the zip
are in the site and linked, and every page has an absolute canonical link
under the address.

``--pdfs DIR``, ``--templates DIR`` and ``--bundle ZIP`` reuse PDFs, templates
and a zip made before (the tests do, to build once); a release from scratch
makes them all.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from mkdocs.config import load_config

from cop import downloads, state

ROOT = Path(__file__).resolve().parent.parent
CANONICAL = re.compile(r'<link rel="canonical" href="([^"]*)"')


def run(command: list[str], **environ: str) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **environ)
    env.pop("COP_PREVIEW", None)  # a release is every language, never an editor's preview
    env["COP_CACHE_DIR"] = "off"  # a release checks every page afresh, never from an earlier run
    subprocess.run(command, cwd=ROOT, env=env, check=True)


def problems(site: Path, site_url: str) -> list[str]:
    """What the published site lacks: a PDF, a template, the zip, a page's absolute canonical link."""
    found: list[str] = []
    langs, _, _ = state.languages(load_config(str(ROOT / "mkdocs.yml")))
    names = downloads.template_names(p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md"))
    for lang in langs:
        for name in names:
            if not (site / downloads.template_href(lang, name)).is_file():
                found.append(f"{site / downloads.template_href(lang, name)}: missing")
        if not (site / downloads.guide_href(lang)).is_file():
            found.append(f"{site / downloads.guide_href(lang)}: missing")
        if not list((site / downloads.PDF_TARGET / lang).glob("*.pdf")):
            found.append(f"{site / downloads.PDF_TARGET / lang}: no checklist PDF")
    if not (site / downloads.BUNDLE_TARGET).is_file():
        found.append(f"{site / downloads.BUNDLE_TARGET}: missing")
    for page in sorted(site.rglob("index.html")):
        if page.parent.name in ("assets", "search") or page == site / "404.html":
            continue
        match = CANONICAL.search(page.read_text(encoding="utf-8"))
        if not match or not match.group(1).startswith(site_url):
            found.append(f"{page.relative_to(site)}: canonical link {match.group(1) if match else 'missing'}, "
                         f"expected under {site_url}")
    return found


def release(site_url: str, out: Path, pdfs: Path | None, bundle: Path | None, templates: Path | None = None) -> Path:
    """Make the release into ``out``; return it."""
    build = ROOT / "build"
    address = {"COP_SITE_URL": site_url}
    if templates is None:
        templates = build / "templates"
        run([sys.executable, "scripts/templates.py", "--out", str(templates)])
    if pdfs is None:
        pdfs = build / "pdf"
        run([sys.executable, "scripts/pdf.py", "--out", str(pdfs)], **address)
    if bundle is None:
        run([sys.executable, "scripts/bundle.py", "--out", str(build)], **address, COP_PDFS=str(pdfs),
            COP_TEMPLATES=str(templates))
        bundle = build / f"{downloads.BUNDLE_NAME}.zip"
    run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--clean", "-d", str(out)],
        **address, COP_PDFS=str(pdfs), COP_BUNDLE=str(bundle), COP_TEMPLATES=str(templates))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-url", required=True, help="the address the site is published at")
    parser.add_argument("--out", type=Path, default=ROOT / "site")
    parser.add_argument("--pdfs", type=Path, help="reuse the PDFs scripts/pdf.py wrote in this folder")
    parser.add_argument("--bundle", type=Path, help="reuse this offline zip made by scripts/bundle.py")
    parser.add_argument("--templates", type=Path, help="reuse the templates scripts/templates.py wrote in this folder")
    args = parser.parse_args()
    site_url = args.site_url if args.site_url.endswith("/") else args.site_url + "/"
    if not re.match(r"^https?://[^/]+", site_url):
        raise SystemExit(f"--site-url {args.site_url}: expected an address like https://owner.github.io/repo/")
    start = time.perf_counter()
    out = release(site_url, args.out.resolve(), args.pdfs and args.pdfs.resolve(), args.bundle and args.bundle.resolve(),
                  args.templates and args.templates.resolve())
    found = problems(out, site_url)
    if found:
        raise SystemExit("The release is incomplete:\n  " + "\n  ".join(found))
    print(f"{out}: the release for {site_url}, with its PDFs, templates and the offline zip, "
          f"in {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
