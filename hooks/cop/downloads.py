"""The files published beside the pages, named once.

``scripts/pdf.py``, ``scripts/templates.py`` and ``scripts/bundle.py`` make
them; ``hooks/cop_downloads.py`` publishes them under ``downloads/`` of the
site and the generated blocks link to them; the tests find them by these names.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

# The offline copy: the zip's name without ".zip", and the folder inside it.
BUNDLE_NAME = "cop-guidelines-offline"
# Where the site publishes it.
BUNDLE_TARGET = f"downloads/{BUNDLE_NAME}.zip"
# Where the site publishes the checklist PDFs: <folder>/<lang>/<pdf_name>.
PDF_TARGET = "downloads/checklists"


def pdf_name(sector: str) -> str:
    """The file name of a sector's checklist PDF, in a folder per language."""
    return f"checklist-{sector}.pdf"


def pdf_path(folder: Path, lang: str, sector: str) -> Path:
    """Where scripts/pdf.py writes a sector's PDF under ``folder`` (``build/pdf``)."""
    return folder / lang / pdf_name(sector)


def pdf_href(lang: str, sector: str) -> str:
    """The PDF's address in the site, from its root."""
    return f"{PDF_TARGET}/{lang}/{pdf_name(sector)}"


# The whole guideline as one PDF per language: scripts/pdf.py writes
# <folder>/<lang>/guidelines.pdf; the site publishes downloads/cop-guidelines-<lang>.pdf.
GUIDE_NAME = "guidelines.pdf"


def guide_path(folder: Path, lang: str) -> Path:
    """Where scripts/pdf.py writes the whole guideline of ``lang`` under ``folder``."""
    return folder / lang / GUIDE_NAME


def guide_href(lang: str) -> str:
    """The whole guideline's PDF address in the site, from its root."""
    return f"downloads/cop-guidelines-{lang}.pdf"


def checklist_pdfs(folder: Path, langs: list[str], sectors: list[str]) -> tuple[dict, list[str]]:
    """The checklist PDFs to publish, ``{lang: {sector: {source, href, bytes}}}``, and the missing ones."""
    found: dict[str, dict[str, dict]] = {}
    missing: list[str] = []
    for lang in langs:
        found[lang] = {}
        for sector in sectors:
            path = pdf_path(folder, lang, sector)
            if path.is_file():
                found[lang][sector] = {"source": str(path.resolve()), "href": pdf_href(lang, sector),
                                       "bytes": path.stat().st_size}
            else:
                missing.append(f"{lang}/{pdf_name(sector)}")
    return found, missing


def guide_pdfs(folder: Path, langs: list[str]) -> tuple[dict, list[str]]:
    """The whole-guideline PDFs, ``{lang: {source, href, bytes}}``, and the missing ones."""
    found: dict[str, dict] = {}
    missing: list[str] = []
    for lang in langs:
        path = guide_path(folder, lang)
        if path.is_file():
            found[lang] = {"source": str(path.resolve()), "href": guide_href(lang), "bytes": path.stat().st_size}
        else:
            missing.append(f"{lang}/{GUIDE_NAME}")
    return found, missing


# The templates a company can adopt: each page docs/templates/<name>.md (but
# the folder's index) is also an editable document, which scripts/templates.py
# writes as <folder>/<lang>/<name>.docx and the site publishes under
# downloads/templates/<lang>/.
TEMPLATES = "templates"
TEMPLATE_TARGET = "downloads/templates"
TEMPLATE_SUFFIX = ".docx"


def template_of_page(page: str) -> str | None:
    """The template's name when ``page`` (a language-neutral source path) is
    a template page, ``templates/<name>.md``; None for any other page."""
    folder, _, file = page.rpartition("/")
    name = file[: -len(".md")] if file.endswith(".md") else ""
    # A name with a dot is a translation's file (x.km.md), not a template.
    if folder != TEMPLATES or not name or name == "index" or "." in name:
        return None
    return name


def template_names(pages: Iterable[str]) -> list[str]:
    """The names of the template pages among ``pages``, sorted."""
    return sorted(name for page in pages if (name := template_of_page(page)) is not None)


def template_path(folder: Path, lang: str, name: str) -> Path:
    """Where scripts/templates.py writes template ``name`` in ``lang`` under ``folder``."""
    return folder / lang / f"{name}{TEMPLATE_SUFFIX}"


def template_href(lang: str, name: str) -> str:
    """The editable template's address in the site, from its root."""
    return f"{TEMPLATE_TARGET}/{lang}/{name}{TEMPLATE_SUFFIX}"


def template_documents(folder: Path, langs: list[str], names: list[str]) -> tuple[dict, list[str]]:
    """The editable templates to publish, ``{lang: {name: {source, href, bytes}}}``, and the missing ones."""
    found: dict[str, dict[str, dict]] = {}
    missing: list[str] = []
    for lang in langs:
        found[lang] = {}
        for name in names:
            path = template_path(folder, lang, name)
            if path.is_file():
                found[lang][name] = {"source": str(path.resolve()), "href": template_href(lang, name),
                                     "bytes": path.stat().st_size}
            else:
                missing.append(f"{lang}/{name}{TEMPLATE_SUFFIX}")
    return found, missing
