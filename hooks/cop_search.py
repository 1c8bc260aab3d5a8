"""Search hook: the site's own search index and worker (docs/maintainers/search.md).

- ``on_config``: Material's search separator comes from the Khmer rules
  (``hooks/cop/khmer_rules.json``), the one place it is defined.
- ``on_post_build``, once, after the i18n plugin has built every language and
  merged their entries into ``search/search_index.json`` (its own
  ``on_post_build`` runs at priority -100; this one at -200, after it):
  one compact index per language (``cop.search_index``), the Khmer rules
  written into the browser's normaliser (``cop-khmer.js``), and Material's
  search assets that are never loaded removed (lunr's language packs, among
  them the 677 KB ``wordcut.js``, and Material's own search worker).
  Each document's plain text and Khmer words are kept by its title and text
  between runs, with the check results (``cop.memo``): segmenting every
  page's Khmer again was most of this hook's time.

The ``stock_search`` setting (``COP_STOCK_SEARCH``, benchmarks only) keeps
Material's stock search; ``overrides/main.html`` then keeps Material's worker.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from cop import khmer, search_index, state, terms
from cop.guard import guarded
from cop.problems import ContentError, Problem
from cop.state import inside_language_loop

NORMALISER = "assets/javascripts/workers/cop-khmer.js"
# Shipped by Material, loaded only by its own search worker, which this site replaces.
UNUSED = ("assets/javascripts/lunr", "assets/javascripts/workers/search.*.min.js*")


@event_priority(50)  # before Material's search plugin (0) reads its separator
@guarded("cop_search")
def on_config(config: MkDocsConfig) -> None:
    if not inside_language_loop(config):
        state.run.excluded.clear()  # a new run of every language begins
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search is not None:
        search.config["separator"] = khmer.rules().separator


@event_priority(0)  # any time once the page is rendered: reads its title and content
@guarded("cop_search")
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    # A page left out of search is still found by its title.
    search = page.meta.get("search") if isinstance(page.meta, dict) else None
    if isinstance(search, dict) and search.get("exclude"):
        state.run.excluded[page.url] = search_index.excluded_entry(page.title or "", page.content or "")
    return output


def write_normaliser(site: Path) -> None:
    path = site / NORMALISER
    try:
        path.write_text(khmer.browser_script(path.read_text(encoding="utf-8")), encoding="utf-8")
    except ValueError as error:
        raise ContentError([Problem(f"overrides/{NORMALISER}", None, str(error),
                                    "restore the file from version control")]) from error


def remove_unused(site: Path) -> None:
    for pattern in UNUSED:
        for path in site.glob(pattern):
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()


@event_priority(-200)  # after i18n's on_post_build (-100), which writes the merged index
@guarded("cop_search")
def on_post_build(config: MkDocsConfig) -> None:
    if inside_language_loop(config):
        return  # the merged index comes once every language is built
    site = Path(config.site_dir)
    write_normaliser(site)
    if state.settings().stock_search or not (site / "search" / "search_index.json").is_file():
        return
    glossary = state.current().catalog.model.glossary
    settings, kept = state.settings(), state.caches.search
    if not settings.release:  # a release indexes every page afresh, as it checks them
        kept.load(settings.cache)
    search_index.write(site, state.languages(config)[0], state.run.excluded, {terms.KHMER: terms.synonyms(glossary)},
                       kept)
    kept.save(settings.cache)
    remove_unused(site)
