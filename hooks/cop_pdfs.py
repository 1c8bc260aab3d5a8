"""Checklist and guideline PDFs hook: publish the PDFs made by scripts/pdf.py with the site.

When the ``pdfs`` setting (``COP_PDFS``) names the folder scripts/pdf.py wrote (``<lang>/checklist-<sector>.pdf``),
each sector's checklist page links to its PDF in the page's language, with the
file size, and the PDFs are copied to ``downloads/checklists/`` of the built
site. The whole guideline of each language (``<lang>/guidelines.pdf``) is
published as ``downloads/cop-guidelines-<lang>.pdf`` and linked by
``<!-- cop:guideline-pdf -->`` (hooks/cop_history.py) in the page's language.
Without COP_PDFS there is no link. A folder that lacks one of the PDFs
stops the build: a page must not silently lose its download.
Nothing happens at import time.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from cop import downloads, state
from cop.state import inside_language_loop

FIX = "make them first: .venv/bin/python scripts/pdf.py (writes build/pdf), then COP_PDFS=build/pdf"


def guides(folder: Path, langs: list[str]) -> tuple[dict, list[str]]:
    """The whole-guideline PDFs, ``{lang: {source, href, bytes}}``, and the missing ones."""
    found: dict[str, dict] = {}
    missing: list[str] = []
    for lang in langs:
        path = downloads.guide_path(folder, lang)
        if path.is_file():
            found[lang] = {"source": str(path.resolve()), "href": downloads.guide_href(lang),
                           "bytes": path.stat().st_size}
        else:
            missing.append(f"{lang}/{downloads.GUIDE_NAME}")
    return found, missing


def published(folder: Path, langs: list[str], sectors: list[str]) -> tuple[dict, list[str]]:
    """The PDFs to publish, ``{lang: {sector: {source, href, bytes}}}``, and the missing ones."""
    found: dict[str, dict[str, dict]] = {}
    missing: list[str] = []
    for lang in langs:
        found[lang] = {}
        for sector in sectors:
            path = downloads.pdf_path(folder, lang, sector)
            if path.is_file():
                found[lang][sector] = {"source": str(path.resolve()), "href": downloads.pdf_href(lang, sector),
                                       "bytes": path.stat().st_size}
            else:
                missing.append(f"{lang}/{downloads.pdf_name(sector)}")
    return found, missing


@event_priority(5)  # after hooks/cop_model.py (10) has loaded the sectors; before pages render
def on_files(files: Files, config: MkDocsConfig) -> Files:
    source = state.settings().pdfs  # an existing folder, made absolute by the settings
    if not source:
        return files
    folder = Path(source)
    catalog = state.current().catalog
    found, missing = published(folder, catalog.languages, list(catalog.model.sectors))
    whole, missing_guides = guides(folder, catalog.languages)
    missing += missing_guides
    if missing:
        raise PluginError(f"COP_PDFS={source}: {len(missing)} PDFs are missing from {folder}: "
                          f"{', '.join(missing)}. Fix: {FIX}")
    state.current().pdfs = found
    state.current().guides = whole
    return files


@event_priority(-200)  # after i18n has built every language into the site
def on_post_build(config: MkDocsConfig) -> None:
    pdfs = state.current().pdfs
    if not pdfs or inside_language_loop(config):
        return
    every = [pdf for per_sector in pdfs.values() for pdf in per_sector.values()]
    every += list((state.current().guides or {}).values())
    for pdf in every:
        target = Path(config.site_dir) / pdf["href"]
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(pdf["source"], target)
