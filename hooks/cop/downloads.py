"""The files published beside the pages, named once.

``scripts/pdf.py`` and ``scripts/bundle.py`` make them; ``hooks/cop_pdfs.py``
and ``hooks/cop_bundle.py`` publish them under ``downloads/`` of the site and
the generated blocks link to them; the tests find them by these names.
"""

from __future__ import annotations

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


# The whole guideline as one PDF per language (issue 17): scripts/pdf.py writes
# <folder>/<lang>/guidelines.pdf; the site publishes downloads/cop-guidelines-<lang>.pdf.
GUIDE_NAME = "guidelines.pdf"


def guide_path(folder: Path, lang: str) -> Path:
    """Where scripts/pdf.py writes the whole guideline of ``lang`` under ``folder``."""
    return folder / lang / GUIDE_NAME


def guide_href(lang: str) -> str:
    """The whole guideline's PDF address in the site, from its root."""
    return f"downloads/cop-guidelines-{lang}.pdf"
