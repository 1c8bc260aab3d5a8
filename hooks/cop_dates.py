"""Dates hook: "Last updated" under each page, from its own source file's git history.

The history is read once per build (the first language's ``on_files``), with
one ``git log`` for the whole docs folder (``cop/history.py``); a Khmer page
shows the date of its ``.km.md`` file. The date is written by
``overrides/partials/source-file.html`` from ``page.meta["cop_updated"]``.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from cop import history, state
from cop.catalog import Catalog


@event_priority(5)  # after cop_model (10), which sets the language build's state
def on_files(files: Files, config: MkDocsConfig) -> Files:
    if not state.inside_language_loop(config):
        # Once per build: the other languages reuse it.
        state.run.dates = history.last_changed(Path(config.docs_dir))
    return files


@event_priority(0)  # any order: only sets page.meta, which the template reads later
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    date = state.run.dates.get(page.file.src_uri)
    if date:
        build = state.current()
        # A missing or broken label raises ContentError, a PluginError: a message, no traceback.
        page.meta["cop_updated"] = updated(build.catalog, build.lang, date)
    return html


def updated(catalog: Catalog, lang: str, date: str) -> dict[str, str]:
    """The label and the date written in the language (Khmer digits and month names)."""
    year, month, day = (int(part) for part in date.split("-"))
    months = catalog.label(lang, "updated.months").split()
    return {
        "label": catalog.label(lang, "updated.label") + catalog.label(lang, "colon"),
        "iso": date,
        "text": catalog.label(lang, "updated.date", day=day, month=months[month - 1], year=year),
    }
