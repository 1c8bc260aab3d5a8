"""Downloads hook: publish with the site what the release tools made beside it.

- The offline zip of ``scripts/bundle.py``, when the ``bundle`` setting
  (``COP_BUNDLE``) names it: copied to ``downloads/``; the
  ``<!-- cop:offline-bundle -->`` block links to it with its size (without it,
  the block says how to make one).
- The PDFs of ``scripts/pdf.py``, when the ``pdfs`` setting (``COP_PDFS``)
  names their folder (``<lang>/checklist-<sector>.pdf``, ``<lang>/guidelines.pdf``):
  each sector's checklist links to its PDF in the page's language, and
  ``<!-- cop:guideline-pdf -->`` to the whole guideline; they are copied to
  ``downloads/``. A folder that lacks one of them stops the build: a page
  must not silently lose its download.
- The editable templates of ``scripts/templates.py``, when the ``templates``
  setting (``COP_TEMPLATES``) names their folder (``<lang>/<name>.docx``, one
  per page ``docs/templates/<name>.md``): each template page links to its
  document in the page's language (``<!-- cop:template -->``); they are
  copied to ``downloads/templates/``. A missing one stops the build too.

The settings are checked (an existing file or folder) by hooks/cop_settings.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from cop import downloads, state
from cop.guard import guarded
from cop.problems import ContentError, Problem

FIX = "make them first: .venv/bin/python scripts/pdf.py (writes build/pdf), then COP_PDFS=build/pdf"
TEMPLATES_FIX = "make them first: .venv/bin/python scripts/templates.py (writes build/templates), then COP_TEMPLATES=build/templates"


@event_priority(5)  # after hooks/cop_model.py (10) has started this language's build state
@guarded("cop_downloads")
def on_files(files: Files, config: MkDocsConfig) -> Files:
    build, settings = state.current(), state.settings()
    if settings.bundle:
        path = Path(settings.bundle)
        build.bundle = {"source": str(path.resolve()), "href": downloads.BUNDLE_TARGET, "bytes": path.stat().st_size}
    if settings.pdfs:
        folder = Path(settings.pdfs)
        catalog = build.catalog
        build.pdfs, missing = downloads.checklist_pdfs(folder, catalog.languages, list(catalog.model.sectors))
        build.guides, missing_guides = downloads.guide_pdfs(folder, catalog.languages)
        missing += missing_guides
        if missing:
            raise ContentError([Problem(f"COP_PDFS={settings.pdfs}", None,
                                        f"{len(missing)} PDFs are missing from {folder}: {', '.join(missing)}", FIX)])
    if settings.templates:
        folder = Path(settings.templates)
        catalog = build.catalog
        names = downloads.template_names(catalog.pages[catalog.default])
        build.documents, missing = downloads.template_documents(folder, catalog.languages, names)
        if missing:
            raise ContentError([Problem(f"COP_TEMPLATES={settings.templates}", None,
                                        f"{len(missing)} templates are missing from {folder}: {', '.join(missing)}",
                                        TEMPLATES_FIX)])
    return files


@event_priority(-200)  # after i18n has built every language into the site
@guarded("cop_downloads")
def on_post_build(config: MkDocsConfig) -> None:
    if state.inside_language_loop(config):
        return
    build = state.current()
    every = [build.bundle] if build.bundle else []
    every += [pdf for per_sector in (build.pdfs or {}).values() for pdf in per_sector.values()]
    every += list((build.guides or {}).values())
    every += [doc for per_name in (build.documents or {}).values() for doc in per_name.values()]
    for item in every:
        target = Path(config.site_dir) / item["href"]
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(item["source"], target)
