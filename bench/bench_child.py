"""One instrumented build, for bench/bench_build.py (run in the project to build).

    python bench/bench_child.py SITE_DIR [FREEZE_DIR]

Times every plugin event by its plugin (our hooks one by one), Markdown
conversion, template rendering, Material's search and i18n's search
de-duplication, each without the timed calls nested in it, and prints the
totals as JSON. With FREEZE_DIR, every page's Markdown as our hooks left it
(generated HTML blocks in place) is written there: the "same content" that
the benchmark then builds with no hooks.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path
from time import perf_counter

from typing import Any, Callable

import jinja2
import mkdocs_static_i18n.plugin as i18n_module
from material.plugins.search.plugin import SearchPlugin
from mkdocs.commands import build as build_module
from mkdocs.config import load_config
from mkdocs.plugins import PluginCollection
from mkdocs.structure.pages import Page
from mkdocs_static_i18n.plugin import I18n

ORIGINAL_RENDER = Page.render
ORIGINAL_BUILD = build_module.build

# Where to write every page's Markdown as the hooks left it (set by main).
freeze: Path | None = None
totals: defaultdict[str, float] = defaultdict(float)
stack: list[float] = []  # time spent in timed calls nested in each open timed call


def timed(category: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Calls fn, adding its own time (without nested timed calls) to category."""
    start = perf_counter()
    stack.append(0.0)
    try:
        return fn(*args, **kwargs)
    finally:
        elapsed = perf_counter() - start
        totals[category] += elapsed - stack.pop()
        if stack:
            stack[-1] += elapsed


def category_of(origin: str) -> str:
    if origin.startswith("hooks/"):
        return "our hooks: " + origin[len("hooks/"):-len(".py")]
    if "search" in origin:
        return "search"
    if "i18n" in origin:
        return "i18n"
    return "other plugins"


def run_event(self: PluginCollection, name: str, item: Any = None, **kwargs: Any) -> Any:
    # mkdocs.plugins.PluginCollection.run_event, with each method timed.
    pass_item = item is not None
    for method in self.events[name]:
        # MkDocs names the plugin running (File.generated records it).
        self._current_plugin = self._event_origins.get(method, "<unknown>")
        category = category_of(self._current_plugin)
        result = timed(category, method, item, **kwargs) if pass_item else timed(category, method, **kwargs)
        if result is not None:
            item = result
    self._current_plugin = None
    return item


def wrap(cls: type, name: str, category: str) -> None:
    original = getattr(cls, name)
    setattr(cls, name, lambda *a, **k: timed(category, original, *a, **k))


def frozen(page: Page) -> str:
    """The page's final Markdown, generated HTML blocks in place (raw HTML)."""
    # The hooks' own modules, as the build loaded them.
    state, render = sys.modules.get("cop.state"), sys.modules.get("cop.render")
    if state is None or render is None:
        return page.markdown or ""
    # Blank lines around each block: raw HTML in Markdown stands on its own.
    renderer = state.current().renderers.get(page.file.src_uri)
    blocks = [f"\n{block}\n" for block in (renderer.blocks if renderer else [])]
    return render.fill_blocks(page.markdown or "", blocks)


def render(page: Page, *args: Any, **kwargs: Any) -> Any:
    if freeze is not None:
        out = freeze / page.file.src_uri
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(frozen(page), encoding="utf-8")
    return timed("Markdown", ORIGINAL_RENDER, page, *args, **kwargs)


def build(*args: Any, **kwargs: Any) -> Any:
    return timed("MkDocs itself (files, nav, writing)", ORIGINAL_BUILD, *args, **kwargs)


def main() -> None:
    global freeze
    freeze = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    PluginCollection.run_event = run_event  # type: ignore[method-assign]
    Page.render = render  # type: ignore[method-assign]
    # i18n builds each further language by calling MkDocs' build() from its own
    # on_post_build: timed on its own, that work is not counted as i18n's.
    i18n_module.build = build
    wrap(jinja2.Template, "render", "templates")
    # i18n calls the search plugin directly, not through run_event.
    wrap(SearchPlugin, "on_page_context", "search")
    wrap(SearchPlugin, "on_post_build", "search")
    wrap(I18n, "reconfigure_search_duplicates", "i18n: search de-duplication")

    start = perf_counter()
    config = load_config("mkdocs.yml", site_dir=sys.argv[1])
    build(config)
    total = perf_counter() - start
    totals["MkDocs itself (files, nav, writing)"] += total - sum(totals.values())
    print(json.dumps({"total": total, "parts": dict(totals)}))


if __name__ == "__main__":
    main()
