"""Citations hook (issue 15): footnotes cite ``model/sources.yml`` by key.

``on_files`` checks every footnote of every page in every language (after
``cop_model`` has loaded the catalog); ``on_page_markdown`` writes each
``@key`` as the source's citation in the page's language.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from cop import footnotes, state
from cop.problems import ContentError


@event_priority(9)  # after cop_model (10), which loads the catalog; before i18n (-100)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    if not state.inside_language_loop(config):  # every language's pages are checked once
        problems = footnotes.check(state.current().catalog)
        if problems:
            raise PluginError(str(ContentError(problems)))
    return files


@event_priority(70)  # before cop_pages (60) and i18n (50): plain Markdown in, plain Markdown out
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    build = state.current()
    return footnotes.expand(markdown, build.catalog, build.lang)
