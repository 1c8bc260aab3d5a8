"""Search hook: make the Khmer text of the search index searchable.

Runs once, after the i18n plugin has built every language and merged their
search entries into ``search/search_index.json`` (its ``on_post_build`` runs at
priority -100; this one at -200, after it). Every run of Khmer letters in the
index is split into words, marked with U+200B, which the search separator in
mkdocs.yml splits on. The browser side (``overrides/assets/javascripts/
workers/cop-search.js``) keeps each language's results to itself and splits
Khmer queries typed without spaces.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from cop.khmer import segment_index
from cop import state
from cop.state import inside_language_loop


@event_priority(-200)  # after i18n's on_post_build (-100), which writes the merged index
def on_post_build(config: MkDocsConfig) -> None:
    # Benchmarks build Material's stock search (COP_STOCK_SEARCH) for comparison;
    # overrides/main.html then keeps Material's own worker too.
    if inside_language_loop(config) or state.settings().stock_search:
        return  # the merged index comes later; or stock search was asked for
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.is_file():
        return
    data = segment_index(json.loads(path.read_text(encoding="utf-8")))
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text, encoding="utf-8")
    # The offline build also inlines the index into a script for file://
    # (Material's offline plugin, written before this hook runs): redo it from
    # the merged, segmented index.
    script = path.with_name("search_index.js")
    if script.is_file():
        script.write_text(f"var __index = {text}", encoding="utf-8")
