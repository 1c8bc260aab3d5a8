"""The whole guideline as one PDF per language, the footers of every PDF, and
the release command.

The PDFs are the session's (``pdfs``: scripts/pdf.py on the session's built
site); the release is the session's ``full_site``, which the release command
makes from them and the session's offline zip."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from cop import downloads
from conftest import LANGS, ROOT, SITE_URL
from shared_helpers import embedded_fonts, pdf_texts

pytestmark = pytest.mark.browser

LABELS = yaml.safe_load((ROOT / "model/labels.yml").read_text(encoding="utf-8"))
# The releases, newest first (the changes recorded as unreleased are not one).
HISTORY = [entry for entry in yaml.safe_load((ROOT / "model/history.yml").read_text(encoding="utf-8"))
           if entry["release"] != "unreleased"]


def digits(lang: str, text: str) -> str:
    return text.translate(str.maketrans("0123456789", LABELS[lang]["digits"]))


def title_of(lang: str, page: str) -> str:
    """The first heading of a page's source in a language."""
    source = ROOT / "docs" / (page if lang == "en" else page.replace(".md", f".{lang}.md"))
    return next(line[2:].strip() for line in source.read_text(encoding="utf-8").splitlines() if line.startswith("# "))


def outline_titles(reader) -> list[str]:  # type: ignore[no-untyped-def]
    titles: list[str] = []

    def walk(items) -> None:  # type: ignore[no-untyped-def]
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    return titles


@pytest.mark.parametrize("lang", LANGS)
def test_whole_guideline_pdf(pdfs: Path, structure: dict, lang: str) -> None:
    from pypdf import PdfReader

    path = downloads.guide_path(pdfs, lang)
    reader = PdfReader(path)
    pages = reader.pages
    texts = pdf_texts(path)
    assert len(texts) == len(pages) >= 30, f"{path}: {len(pages)} pages"
    for pdf_page in pages:
        assert abs(float(pdf_page.mediabox.width) - 595.3) < 1.5 and abs(float(pdf_page.mediabox.height) - 841.9) < 1.5
    # The cover: the identity statement, the release and its date.
    release = HISTORY[0]["release"]  # an identifier: Latin digits in every language
    cover = texts[0]
    assert release in cover
    if lang == "en":
        assert " ".join(LABELS["en"]["identity"].split()) in " ".join(cover.split())
    # Every sheet's foot: the release and "page / pages" in the language's digits.
    for number, text in enumerate(texts, start=1):
        assert release in text, f"{path} page {number}: no release in its footer"
        assert digits(lang, f"{number} / {len(pages)}") in text, f"{path} page {number}: no page number"
        if lang == "en":
            assert LABELS["en"]["identity.short"] in text, f"{path} page {number}: no identity statement"
    # Bookmarks: every page of the guideline, by its title, sectors, roles, matrix, glossary, help.
    titles = outline_titles(reader)
    wanted = ["help.md", "glossary.md", "matrix.md", "history.md"]
    wanted += [f"sectors/{s}.md" for s in structure["sectors"]] + [f"roles/{r}.md" for r in structure["roles"]]
    wanted += [f"commitments/{s}.md" for s in structure["sectors"]] + ["commitments/all-sectors.md"]
    missing = [page for page in wanted if title_of(lang, page) not in titles]
    assert not missing, f"{path}: no bookmark for {missing}"
    # The contents give each page's number, the one its bookmark opens.
    if lang == "en":
        contents = " ".join((texts[1] + " " + texts[2]).split())
        for item in reader.outline:
            if not isinstance(item, list) and item.title == title_of(lang, "glossary.md"):
                assert f"{item.title} {reader.get_destination_page_number(item) + 1}" in contents
                break
        else:
            raise AssertionError("no bookmark for the glossary")
    # Every commitment, with its ID, and internal links kept as links inside the PDF.
    text = "".join(texts)
    assert not [cid for cid in structure["commitments"] if cid not in text]
    destinations = reader.named_destinations
    assert [name for name in destinations if name.endswith("-SM-01")], "no link target for SM-01"
    internal = external_local = 0
    for pdf_page in pages:
        for annotation in pdf_page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            if "/Dest" in annotation:
                internal += 1
            elif "127.0.0.1" in str(annotation.get("/A", {}).get("/URI", "")):
                external_local += 1
    assert internal >= 500, f"{path}: {internal} internal links"
    assert external_local == 0, f"{path}: links to the local server that printed it"
    fonts = embedded_fonts(reader)
    if lang == "km":
        assert any("Khmer" in name for name in fonts), f"no Khmer font embedded in {path}: {fonts}"
    assert fonts


@pytest.mark.parametrize("lang", LANGS)
def test_checklist_pdfs_carry_identity_and_release(pdfs: Path, structure: dict, lang: str) -> None:
    release = HISTORY[0]["release"]  # an identifier: Latin digits in every language
    for sector in structure["sectors"][:2]:
        texts = pdf_texts(pdfs / lang / f"checklist-{sector}.pdf")
        for number, text in enumerate(texts, start=1):
            assert release in text, f"{sector} ({lang}) page {number}: no release"
            assert digits(lang, f"{number} / {len(texts)}") in text
            if lang == "en":
                assert LABELS["en"]["identity.short"] in text


def test_release_has_every_pdf_the_zip_and_absolute_addresses(full_site: Path, pdfs: Path, bundle: Path,
                                                              structure: dict) -> None:
    release = full_site
    for lang in LANGS:
        published = release / downloads.guide_href(lang)
        assert published.read_bytes() == downloads.guide_path(pdfs, lang).read_bytes()
        for sector in structure["sectors"]:
            assert (release / downloads.pdf_href(lang, sector)).is_file()
        offline = (release / ("" if lang == "en" else f"{lang}/") / "offline/index.html").read_text(encoding="utf-8")
        assert downloads.guide_href(lang) in offline and downloads.BUNDLE_TARGET in offline
    assert (release / downloads.BUNDLE_TARGET).read_bytes() == bundle.read_bytes()
    pages = [p for p in release.rglob("index.html") if "assets" not in p.parts and "search" not in p.parts]
    assert len(pages) > 90
    for page in pages:
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', page.read_text(encoding="utf-8"))
        assert canonical and canonical.group(1).startswith(SITE_URL), f"{page}: canonical {canonical}"
    sitemap = (release / "sitemap.xml").read_text(encoding="utf-8")
    assert "None" not in sitemap and f"<loc>{SITE_URL}km/history/</loc>" in sitemap
    feed = (release / "km/feed.xml").read_text(encoding="utf-8")
    assert f'href="{SITE_URL}km/history/#release-' in feed


def test_workflow_publishes_the_release_at_the_pages_address() -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    pages = next(s for s in steps if s.get("uses", "").startswith("actions/configure-pages@"))
    run = next(s for s in steps if "scripts/serve release" in s.get("run", ""))
    assert f"steps.{pages['id']}.outputs.base_url" in run["run"]
    assert steps.index(pages) < steps.index(run)
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site" and steps.index(run) < steps.index(upload)
