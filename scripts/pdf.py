"""Print every sector's checklist, and the whole guideline, in every language, to A4 PDFs.

    .venv/bin/python scripts/pdf.py [--site SITE] [--out build/pdf]

Builds the site (or takes one already built with --site), serves it on
localhost, opens each checklist page in Debian's Chromium through Playwright
and prints it with the site's print stylesheet. Writes
build/pdf/<lang>/checklist-<sector>.pdf, and build/pdf/<lang>/guidelines.pdf:
every page of the guideline but the checklists and the pages for maintainers
and integrators, in the order of the navigation, as one document with a cover,
contents, bookmarks and internal links (assembled by scripts/pdf_guide.js).
Every sheet's foot carries the identity statement, the page number and the
release with its date (the pages' own @page margin boxes, as in print). Publish them with the site:

    COP_PDFS=build/pdf .venv/bin/mkdocs build --strict
"""

from __future__ import annotations

import argparse
import functools
import io
import os
import re
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
# The foot of each sheet (identity statement, page number, release and date)
# comes from the pages' own @page margin boxes, as when a reader prints a
# page (partials/cop-identity-page.html, partials/cop-release-page.html);
# the margins from print.css.
# The whole guideline: the guide's pages, without what is printed on its own
# (the checklists) or is not guidance (downloads, data, maintainers' notes).
# The templates (templates/, under Checklists in the navigation) are in: they
# are guidance to read and print, like any other page.
LEFT_OUT = ("checklists/", "offline.md", "integrators.md", "maintainers/")
SCRIPT = Path(__file__).resolve().parent / "pdf_guide.js"


def guide_pages() -> list[str]:
    """The source pages of the whole guideline, in the order of the navigation."""
    found: list[str] = []

    def walk(items: list) -> None:
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            if isinstance(value, list):
                walk(value)
            elif isinstance(value, str) and value.endswith(".md") and not value.startswith(LEFT_OUT):
                found.append(value)

    walk(load_config(str(ROOT / "mkdocs.yml"))["nav"])
    return found


def page_url(source: str) -> str:
    """``roles/x.md`` -> ``roles/x/``; ``index.md`` -> ``""`` (directory URLs)."""
    stem = source[:-3]
    if stem == "index":
        return ""
    return (stem[: -len("index")] if stem.endswith("/index") else stem + "/")


def sectors_and_languages() -> tuple[list[str], dict[str, str]]:
    """Sector IDs (taxonomy.yml) and each built language's URL prefix (the
    i18n plugin's languages in mkdocs.yml, as the hooks read them)."""
    taxonomy = yaml.safe_load((ROOT / "model/taxonomy.yml").read_text(encoding="utf-8"))
    langs, default, _ = state.languages(load_config(str(ROOT / "mkdocs.yml")))
    return [s["id"] for s in taxonomy["sectors"]], {lang: "" if lang == default else f"{lang}/" for lang in langs}


def build_site(site: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("COP_PDFS", None)  # the PDFs are printed from a site without them
    env.pop("COP_TEMPLATES", None)  # (nor the templates' download links, which print removes anyway)
    env.pop("COP_OFFLINE", None)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--clean", "-d", str(site)],
                   cwd=ROOT, env=env, check=True)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def destinations(source: "Path | PdfReader") -> dict[str, int]:  # noqa: F821
    """The PDF's link targets (an element's id) and the page each is on, from 0."""
    from pypdf import PdfReader

    reader = source if isinstance(source, PdfReader) else PdfReader(source)
    pages = {id(p.indirect_reference.get_object()): i for i, p in enumerate(reader.pages)}
    where: dict[str, int] = {}
    for name, destination in reader.named_destinations.items():
        page = destination.page
        where[name.lstrip("/")] = pages.get(id(page.get_object()), 0) if page is not None else 0
    return where


def bookmark(path: Path, outline: list[dict]) -> None:
    """Write the PDF's bookmarks: each page of the site, and its sections
    (second-level headings) that are link targets in the PDF, closed under
    their page.

    Chromium can make bookmarks itself (page.pdf(outline=True)), but it joins
    the lines of a wrapped Khmer heading into a garbled title; these come from
    the headings' text. They are appended to the file (``append_update``):
    rewriting the whole guide with pypdf took seven seconds."""
    from pypdf import PdfReader
    from pypdf.generic import (ArrayObject, DictionaryObject, IndirectObject, NameObject, NullObject,
                               NumberObject, TextStringObject)

    reader = PdfReader(path)
    where = destinations(reader)
    pages = [page.indirect_reference for page in reader.pages]
    first_new = int(reader.trailer["/Size"])
    objects: dict[int, DictionaryObject] = {}

    def new(obj: DictionaryObject) -> IndirectObject:
        number = first_new + len(objects)
        objects[number] = obj
        return IndirectObject(number, 0, reader)

    def link(items: list[tuple[str, int, list]], parent: DictionaryObject, parent_ref: IndirectObject) -> None:
        """``items`` (title, page, children) as the children of ``parent``."""
        if not items:
            return
        refs = [new(DictionaryObject()) for _ in items]
        for i, (title, page, children) in enumerate(items):
            item = objects[refs[i].idnum]
            item[NameObject("/Title")] = TextStringObject(title)
            item[NameObject("/Parent")] = parent_ref
            item[NameObject("/Dest")] = ArrayObject([pages[page], NameObject("/XYZ"), NullObject(), NullObject(), NullObject()])
            if i:
                item[NameObject("/Prev")] = refs[i - 1]
            if i + 1 < len(items):
                item[NameObject("/Next")] = refs[i + 1]
            link(children, item, refs[i])
        parent[NameObject("/First")], parent[NameObject("/Last")] = refs[0], refs[-1]
        # A positive count: the outline shows them; negative: closed under their page.
        parent[NameObject("/Count")] = NumberObject(len(items) if parent_ref is root else -len(items))

    root = new(DictionaryObject({NameObject("/Type"): NameObject("/Outlines")}))
    link([(section["title"], where.get(section["id"], 0),
           [(child["title"], where[child["id"]], []) for child in section["children"] if child["id"] in where])
          for section in outline], objects[root.idnum], root)
    catalog = DictionaryObject(reader.trailer["/Root"].items())
    catalog[NameObject("/Outlines")] = root
    catalog[NameObject("/PageMode")] = NameObject("/UseOutlines")
    objects[reader.trailer.raw_get("/Root").idnum] = catalog
    append_update(path, reader, objects)


def append_update(path: Path, reader: "PdfReader", objects: dict[int, "PdfObject"]) -> None:  # noqa: F821
    """Append ``objects`` (new numbers, or new versions of old ones) to the PDF
    at ``path`` as an incremental update (PDF 1.7, 7.5.6): the objects, a
    cross-reference section for them alone, and a trailer that points back to
    the previous one. ``reader``: the file as it is now."""
    from pypdf.generic import DictionaryObject, NameObject, NumberObject

    def serialised(obj: "PdfObject") -> bytes:  # noqa: F821
        out = io.BytesIO()
        obj.write_to_stream(out)
        return out.getvalue()

    original = path.read_bytes()
    previous = int(re.findall(rb"startxref\s+(\d+)", original[-1024:])[-1])  # the last section's xref
    update = bytearray(b"" if original.endswith(b"\n") else b"\n")
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = len(original) + len(update)
        update += f"{number} 0 obj\n".encode() + serialised(objects[number]) + b"\nendobj\n"
    xref = len(original) + len(update)
    # The head of the free list first, as the original's table has it (some
    # readers take a table that does not start at object 0 as misnumbered).
    update += b"xref\n0 1\n0000000000 65535 f \n"
    runs: list[list[int]] = []
    for number in sorted(offsets):  # contiguous subsections
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    for run in runs:
        update += f"{run[0]} {len(run)}\n".encode()
        update += b"".join(f"{offsets[n]:010d} 00000 n \n".encode() for n in run)
    trailer = DictionaryObject({
        NameObject("/Size"): NumberObject(max(int(reader.trailer["/Size"]), max(objects) + 1)),
        NameObject("/Root"): reader.trailer.raw_get("/Root"),
        NameObject("/Prev"): NumberObject(previous),
    })
    for key in ("/Info", "/ID"):
        if key in reader.trailer:
            trailer[NameObject(key)] = reader.trailer.raw_get(key)
    update += b"trailer\n" + serialised(trailer) + f"\nstartxref\n{xref}\n%%EOF\n".encode()
    with path.open("ab") as out:
        out.write(update)


def print_guide(page: "Page", base: str, prefix: str, target: Path, site_url: str | None,  # noqa: F821
                contents: str) -> int:
    """Assemble the whole guideline of one language on its home page and print
    it to ``target``, with bookmarks; return the number of pages of the site it holds."""
    pages = [{"url": f"/{prefix}{page_url(source)}"} for source in guide_pages()]
    response = page.goto(f"{base}/{prefix}", wait_until="load")
    if response is None or not response.ok:
        raise SystemExit(f"{base}/{prefix}: {response.status if response else 'no response'}")
    outline = page.evaluate(SCRIPT.read_text(encoding="utf-8"),
                            {"pages": pages, "siteUrl": site_url or "", "contentsTitle": contents})
    def pdf() -> None:
        page.pdf(path=str(target), format="A4", print_background=True, prefer_css_page_size=True, tagged=True)

    # Twice: the contents get the page numbers of the first print, in the
    # room the first print kept for them, so no page moves.
    pdf()
    where = destinations(target)
    page.evaluate("""(where) => {
        for (const cell of document.querySelectorAll(".cop-pdf-contents [data-for]")) {
            const at = where[cell.dataset.for];
            cell.textContent = at === undefined ? "" : String(at + 1);
        }
    }""", where)
    pdf()
    bookmark(target, outline)
    return len(outline) - 1


def contents_titles() -> dict[str, str]:
    """The word "Contents" in each language (labels.yml)."""
    labels = yaml.safe_load((ROOT / "model/labels.yml").read_text(encoding="utf-8"))
    return {lang: section["pdf.contents"] for lang, section in labels.items()}


def print_pdfs(site: Path, out: Path, site_url: str | None = None) -> list[Path]:
    """Print each checklist and the whole guideline of ``site`` into ``out``;
    return the PDFs written. ``site_url``: where the site is published, for
    the links to pages the guideline leaves out."""
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
                    # The checklist script has run once each item has its printed note.
                    page.locator(".cop-cl-note-print").first.wait_for(state="attached")
                    page.evaluate("document.fonts.ready")
                    target = downloads.pdf_path(out, lang, sector)
                    page.pdf(path=str(target), format="A4", print_background=True, prefer_css_page_size=True)
                    written.append(target)
                target = downloads.guide_path(out, lang)
                print_guide(page, base, prefix, target, site_url, contents_titles()[lang])
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
    site_url = os.environ.get("COP_SITE_URL") or None
    if args.site:
        written = print_pdfs(args.site.resolve(), out, site_url)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            site = Path(tmp) / "site"
            build_site(site)
            written = print_pdfs(site, out, site_url)
    for path in written:
        print(f"{path} ({path.stat().st_size / 1000:.0f} KB)")


if __name__ == "__main__":
    main()
