"""Hook 2 of 2: write the generated blocks into each page of the current language.

Commitment headings get their ID as anchor and their metadata; role, sector and
key-area pages get their commitment lists; ``[[ID]]`` becomes a titled link;
a page with no translation gets a visible notice and is marked as English.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from cop import state
from cop.catalog import split_locale
from cop.render import Renderer
from cop.slugs import slugify


def on_config(config: MkDocsConfig) -> None:
    # Readable Khmer heading anchors (see cop/slugs.py).
    config.mdx_configs.setdefault("toc", {})["slugify"] = slugify


def _renderer(page: Page, config: MkDocsConfig) -> tuple[Renderer, bool]:
    """The page's renderer, and whether the page is in the build's language."""
    build = state.current()
    c = build.catalog
    neutral, locale = split_locale(page.file.src_uri, c.languages, c.default)
    # page.url is "km/roles/x/" or, in the offline build, "km/roles/x.html".
    site_root = "../" * page.url.count("/")
    # The offline zip published with the site, set by hooks/cop_bundle.py.
    bundle = config.extra.get("offline_bundle")
    # The checklist PDFs published with the site, set by hooks/cop_pdfs.py.
    pdfs = config.extra.get("checklist_pdfs")
    return Renderer(c, build.lang, neutral, site_root, bundle, pdfs), locale == build.lang


@event_priority(60)  # before i18n's admonition titles (50); ours carry their own titles
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    renderer, _ = _renderer(page, config)
    return renderer.page(markdown)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    renderer, translated = _renderer(page, config)
    return html if translated else renderer.untranslated(html)
