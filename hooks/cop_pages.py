"""Pages hook: write the generated blocks into each page of the current language.

Commitment headings get their ID as anchor, their metadata, their change
history and "cite this"; role, sector and key-area pages get their commitment
lists; footnotes citing ``@key`` become the source's citation; ``[[ID]]``
becomes a titled link; a page with no translation gets a visible notice and is
marked as English. One object converts a page (``cop.render.Renderer``: its
``page`` before Markdown, its ``finish`` after), the same the tests' harness
uses; the HTML comes from the templates of ``overrides/partials/cop/``.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from cop import state
from cop.catalog import display, reference_problems, split_locale
from cop.guard import guarded
from cop.problems import ContentError, Problem
from cop.render import Renderer, Url
from cop.slugs import slugify
from cop.templates import Templates
from cop.wikilinks import ReferenceExtension


@event_priority(-10)  # after cop_model (0) has made this language build's state
@guarded("cop_pages")
def on_config(config: MkDocsConfig) -> None:
    # Readable Khmer heading anchors (see cop/slugs.py).
    config.mdx_configs.setdefault("toc", {})["slugify"] = slugify
    # [[ID]] as a Markdown inline extension: never expanded in code or raw HTML.
    config.markdown_extensions[:] = [e for e in config.markdown_extensions if not isinstance(e, ReferenceExtension)]
    config.markdown_extensions.append(ReferenceExtension(state.references()))


@event_priority(0)  # after cop_model (10) has loaded this language's labels
@guarded("cop_pages")
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """The words Python-Markdown writes itself, in this language: the title of
    a heading's permalink and of a footnote's link back to the text (English
    otherwise, read aloud by screen readers on Khmer pages). Each page's
    Markdown is made from ``mdx_configs`` when it is converted, after this."""
    build = state.current()
    label = build.catalog.labels[build.lang]
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = label["markdown.permalink"]
    # Python-Markdown puts the footnote's number where the title has "{}".
    config.mdx_configs.setdefault("footnotes", {})["BACKLINK_TITLE"] = label["markdown.footnote_back"]
    return files


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
                    raise ContentError([Problem(f"docs/{page.file.src_uri}", None,
                                                f"a generated link points to docs/{target}, which is not in the site",
                                                "add the page, or its entry in model/")])
                absolute = urls[target] = file.url
            href = hrefs[target] = get_relative_url(absolute, page.file.url)
        return f"{href}#{anchor}" if anchor else href

    return url


def _templates(config: MkDocsConfig) -> Templates:
    """The generated blocks' templates (overrides/partials/cop/) in this
    build's language: from the theme's environment, as Material's tags plugin
    renders its fragments (MkDocs passes that environment to on_env only after
    the pages are rendered, so the hook asks the theme for it). Compiled once
    per theme folders for every build of the process (state.caches)."""
    build = state.current()
    if build.templates is None:
        key = tuple(config.theme.dirs)
        templates = state.caches.templates.get(key)
        if templates is None:
            env = config.theme.get_env()
            env.bytecode_cache = state.caches.theme  # compiled once, with the theme's own templates
            templates = state.caches.templates[key] = Templates(env)
        build.templates = templates.use(build.catalog, build.lang)
    return build.templates


@event_priority(60)  # before i18n's admonition titles (50); ours carry their own titles
@guarded("cop_pages")
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    build = state.current()
    c = build.catalog
    neutral, _ = split_locale(page.file.src_uri, c.languages, c.default)
    # page.url is "km/roles/x/" or, in the offline build, "km/roles/x.html".
    site_root = "../" * page.url.count("/")
    renderer = Renderer(c, build.lang, neutral, _templates(config), site_root, build.bundle, build.pdfs,
                        _url(page, files), state.releases(), build.guides, page.url, build.documents)
    build.renderers[page.file.src_uri] = renderer
    references = state.references()
    references.resolve = renderer.reference
    references.unknown.clear()
    return renderer.page(markdown)  # a missing or broken label raises ContentError


@event_priority(0)  # right after the page's conversion, before the hooks that read its HTML (-50, -60)
@guarded("cop_pages")
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    build = state.current()
    c = build.catalog
    renderer = build.renderers.pop(page.file.src_uri)
    references = state.references()
    if references.unknown:
        neutral, lang = split_locale(page.file.src_uri, c.languages, c.default)
        file = display(neutral, lang, c.default)
        build.problems += reference_problems(c, file, c.texts.get(lang, {}).get(neutral, ""), references.unknown)
        references.unknown.clear()
    translated = split_locale(page.file.src_uri, c.languages, c.default)[1] == build.lang
    return renderer.finish(html, translated)
