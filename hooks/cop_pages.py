"""Pages hook: write the generated blocks into each page of the current language.

Commitment headings get their ID as anchor and their metadata; role, sector and
key-area pages get their commitment lists; ``[[ID]]`` becomes a titled link;
a page with no translation gets a visible notice and is marked as English.
The HTML comes from the templates of ``overrides/partials/cop/`` (``cop/templates.py``).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from cop import state
from cop.catalog import display, reference_problems, split_locale
from cop.problems import Problem
from cop.render import Renderer, Url, fill_blocks
from cop.slugs import slugify
from cop.templates import Templates
from cop.wikilinks import ReferenceExtension, References

# [[ID]] references of the page being converted (cop/wikilinks.py); replaced
# in every on_config, so nothing leaks from one language build to the next.
_references = References()


@event_priority(0)  # any order: only sets the toc extension's option
def on_config(config: MkDocsConfig) -> None:
    # Readable Khmer heading anchors (see cop/slugs.py).
    config.mdx_configs.setdefault("toc", {})["slugify"] = slugify
    # [[ID]] as a Markdown inline extension: never expanded in code or raw HTML.
    global _references
    _references = References()
    config.markdown_extensions[:] = [e for e in config.markdown_extensions if not isinstance(e, ReferenceExtension)]
    config.markdown_extensions.append(ReferenceExtension(_references))


def _url(page: Page, files: Files) -> Url:
    """Resolves a language-neutral source page to its URL in this language
    build, relative to ``page`` (the i18n plugin's Files map ``roles/x.md`` to
    ``roles/x.km.md`` on the Khmer site)."""
    urls = state.current().urls
    hrefs: dict[str, str] = {}

    def url(target: str, anchor: str) -> str:
        href = hrefs.get(target)
        if href is None:
            absolute = urls.get(target)
            if absolute is None:
                file = files.get_file_from_path(target)
                if file is None:
                    raise PluginError(f"docs/{page.file.src_uri}: a generated link points to docs/{target}, "
                                      "which is not in the site. Fix: add the page, or its entry in model/")
                absolute = urls[target] = file.url
            href = hrefs[target] = get_relative_url(absolute, page.file.url)
        return f"{href}#{anchor}" if anchor else href

    return url


# The templates, per theme folders: compiled once for every language build
# and every rebuild of `mkdocs serve` (Jinja recompiles a changed file).
_templates_by_theme: dict[tuple[str, ...], Templates] = {}


def _templates(config: MkDocsConfig) -> Templates:
    """The generated blocks' templates (overrides/partials/cop/) in this
    build's language: from the theme's environment, as Material's tags plugin
    renders its fragments (MkDocs passes that environment to on_env only after
    the pages are rendered, so the hook asks the theme for it)."""
    build = state.current()
    if build.templates is None:
        key = tuple(config.theme.dirs)
        templates = _templates_by_theme.get(key)
        if templates is None:
            templates = _templates_by_theme[key] = Templates(config.theme.get_env())
        build.templates = templates.use(build.catalog, build.lang)
    return build.templates


def _renderer(page: Page, config: MkDocsConfig, files: Files) -> tuple[Renderer, bool]:
    """The page's renderer, and whether the page is in the build's language."""
    build = state.current()
    c = build.catalog
    neutral, locale = split_locale(page.file.src_uri, c.languages, c.default)
    # page.url is "km/roles/x/" or, in the offline build, "km/roles/x.html".
    site_root = "../" * page.url.count("/")
    # The offline zip and the checklist PDFs published with the site, set by
    # hooks/cop_bundle.py and hooks/cop_pdfs.py.
    renderer = Renderer(c, build.lang, neutral, _templates(config), site_root, build.bundle, build.pdfs, _url(page, files))
    return renderer, locale == build.lang


@event_priority(60)  # before i18n's admonition titles (50); ours carry their own titles
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    renderer, _ = _renderer(page, config, files)
    markdown = renderer.page(markdown)  # a missing or broken label raises ContentError, a PluginError
    state.current().blocks[page.file.src_uri] = renderer.blocks
    _references.resolve = renderer.reference
    _references.unknown.clear()
    return markdown


@event_priority(0)  # any order: the page's own HTML, right after its conversion
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    build = state.current()
    html = fill_blocks(html, build.blocks.pop(page.file.src_uri, []))
    renderer, translated = _renderer(page, config, files)
    if _references.unknown:
        build.problems += unknown_references(build.catalog, page.file.src_uri, _references.unknown)
        _references.unknown.clear()
    return html if translated else renderer.untranslated(html)


def unknown_references(catalog, src_uri: str, ids: list[str]) -> list[Problem]:  # type: ignore[no-untyped-def]
    """``[[ID]]`` references the model does not define, with the line of each in its source."""
    neutral, lang = split_locale(src_uri, catalog.languages, catalog.default)
    text = catalog.texts.get(lang, {}).get(neutral, "")
    file = display(neutral, lang, catalog.default)
    return reference_problems(catalog, file, text, ids)
