"""Valid pages, a sitemap only with real addresses, a 404 page per language.

- Every table with a header row: each cell carries its column's header, so
  that on a phone the table reflows as one card per row (cop.css).
- Every page and the 404 page: the theme's markup corrected where it breaks
  HTML or accessibility rules (``cop/page_html.py`` says what and why), and
  the head's language alternates made absolute when the site address is set.
- The 404 page: MkDocs writes ``404.html`` once per language build, all to
  the site's root, so the last language won. The default language's stays at
  the root (GitHub Pages serves it for every missing address; its script
  sends a missing ``/km/...`` address to the Khmer one); each other language's
  is written to ``<lang>/404.html``, for servers that can serve it under
  ``/<lang>/`` (docs/offline.md). Its language links lead to the language
  roots (the i18n plugin leaves the last page's links there).
- The theme's templates are compiled once, not once per language build
  and rebuild, and kept in the cache folder for the next run
  (``cop.templates.CompiledTemplates``).
- No site address, no sitemap: a sitemap lists absolute addresses, and without
  one MkDocs and the i18n plugin write ``None./`` into it.
"""

from __future__ import annotations

from copy import deepcopy
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from cop import page_html, state
from cop.guard import guarded

NOT_FOUND = "404.html"
NOT_FOUND_LABELS = ("notfound.title", "notfound.body", "notfound.home")


def _languages(config: MkDocsConfig) -> tuple[str, list[str]]:
    """(default language, every built language, default first)."""
    languages, default, _ = state.languages(config)
    return default, languages


@event_priority(0)  # after cop_settings (100); before cop_pages renders its first block
@guarded("cop_html")
def on_config(config: MkDocsConfig) -> None:
    # Compiled templates come from this process or, through the cache folder,
    # an earlier run; never in a release, which compiles everything afresh,
    # as it checks everything.
    settings = state.settings()
    state.caches.theme.folder = None if settings.release or settings.cache is None else Path(settings.cache) / "templates"


@event_priority(0)  # any order: only attaches the cache, before the first page is rendered
@guarded("cop_html")
def on_env(env, config: MkDocsConfig, files: Files):  # type: ignore[no-untyped-def]
    # Each build's new environment reuses the templates compiled before.
    env.bytecode_cache = state.caches.theme
    return env


@event_priority(-50)  # after cop_pages (0), which writes the generated tables into the content
@guarded("cop_html")
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return page_html.stack_tables(html)


@event_priority(-50)  # after every hook and plugin that changes the page's content
@guarded("cop_html")
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return page_html.correct(output, page.canonical_url)


@event_priority(0)  # any order: only adds to the 404 page's context
@guarded("cop_html")
def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    if template_name != NOT_FOUND:
        return context
    build = state.current()
    default, languages = _languages(config)
    # The page's language first, then the others: readable without script.
    order = [build.lang] + [lang for lang in languages if lang != build.lang]
    # Addresses from the host's root, as MkDocs writes the 404 page's own links
    # (it is served at any missing address, so relative ones would break).
    base = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
    context["cop_not_found_root"] = base
    context["cop_not_found"] = [
        {"lang": lang, "href": base if lang == default else f"{base}{lang}/",
         **{key.split(".")[1]: build.catalog.label(lang, key) for key in NOT_FOUND_LABELS}}
        for lang in order
    ]
    context["cop_not_found_others"] = [lang for lang in languages if lang != default]
    alternates = getattr(config.extra, "alternate", None) or config.extra.get("alternate")
    if isinstance(alternates, list):
        # As the i18n plugin writes a language root: the site address's path, then the language.
        roots = deepcopy(alternates)
        for alternate in roots:
            lang = alternate.get("lang")
            alternate["link"] = base if lang == default else f"{base}{lang}/"
        # The i18n plugin sets both the item and, per page, the attribute
        # (which Jinja reads first): the 404 page replaces both.
        config.extra["alternate"] = roots
        setattr(config.extra, "alternate", roots)
    return context


@event_priority(0)  # any order: nothing else touches the 404 page
@guarded("cop_html")
def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name != NOT_FOUND:
        return output
    output = page_html.correct(output, None)
    default, _ = _languages(config)
    lang = state.current().lang
    if lang == default:
        return output
    target = Path(config.site_dir) / lang / NOT_FOUND
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    # Empty output: MkDocs writes nothing, and the root keeps the default language's page.
    return ""


@event_priority(-110)  # after the i18n plugin's (-100), which builds the other languages
@guarded("cop_html")
def on_post_build(config: MkDocsConfig) -> None:
    if state.inside_language_loop(config) or config.site_url:
        return
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        (Path(config.site_dir) / name).unlink(missing_ok=True)
