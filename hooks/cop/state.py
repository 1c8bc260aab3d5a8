"""The state the hooks share: the settings, the language build in progress,
what one run of every language shares, and the site's languages.

The i18n plugin runs one full MkDocs build per language in the same process,
so module state would leak from one language into the next: the settings and
the ``Build`` are replaced at the start of every build (``on_config``) and the
``Build`` is filled from ``on_files`` on; ``run`` holds per-language entries
that each language build overwrites. See ARCHITECTURE.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from typing import Any

from .catalog import Catalog
from .memo import Memo, SearchEntry, Store, search_store
from .problems import ContentError, Problem
from .releases import History, Localised
from .render import Renderer
from .settings import Settings
from .templates import CompiledTemplates, Templates
from .wikilinks import References


@dataclass
class Build:
    catalog: Catalog
    lang: str
    # Each page's renderer, with its generated HTML blocks, from
    # on_page_markdown to on_page_content (hooks/cop_pages.py).
    renderers: dict[str, Renderer] = field(default_factory=dict)
    # Language-neutral source page -> its URL in this build (one lookup each:
    # the i18n plugin's lookup is slow enough to show in the benchmark).
    urls: dict[str, str] = field(default_factory=dict)
    # What is published beside the pages (hooks/cop_downloads.py),
    # for the generated blocks that link to it: {source, href, bytes}.
    bundle: dict[str, Any] | None = None
    pdfs: dict[str, dict[str, dict[str, Any]]] | None = None
    # Problems found while converting this language's pages (references the
    # model does not know, unsafe output, an unexpected error), reported
    # together before any page is written (hooks/cop_output.py).
    problems: list[Problem] = field(default_factory=list)
    # The whole guideline's PDF of each language (hooks/cop_downloads.py): {lang: {source, href, bytes}}.
    guides: dict[str, dict[str, Any]] | None = None
    # The editable templates (hooks/cop_downloads.py): {lang: {name: {source, href, bytes}}}.
    documents: dict[str, dict[str, dict[str, Any]]] | None = None
    # The templates of the generated blocks, in this language (hooks/cop_pages.py).
    templates: Templates | None = None
    # The change history, checked once per run with the other sources (hooks/cop_model.py).
    history: History | None = None
    # The change history in this language's words, once the language's URLs are
    # known (hooks/cop_meta.py, after the i18n plugin has chosen the files).
    releases: Localised | None = None


_current: Build | None = None
_settings: Settings | None = None


def set_settings(settings: Settings) -> None:
    global _settings
    _settings = settings


def settings() -> Settings:
    """The validated ``extra.cop`` settings of the build in progress (hooks/cop_settings.py)."""
    if _settings is None:
        raise RuntimeError("the settings are not loaded: hooks/cop_settings.py must be the first hook in mkdocs.yml")
    return _settings


def reset() -> None:
    """A new language build begins (``on_config``): forget the previous one's."""
    global _current, _references
    _current = None
    _references = References()


def set_current(build: Build) -> None:
    global _current
    _current = build


def has_current() -> bool:
    return _current is not None


def current() -> Build:
    if _current is None:
        raise RuntimeError("the guidelines catalog is not loaded: hooks/cop_model.py must run before hooks/cop_pages.py")
    return _current


def releases() -> Localised:
    """The change history in the words of the language being built."""
    localised = current().releases
    if localised is None:
        raise RuntimeError("the change history is not loaded: hooks/cop_meta.py's on_files must run before the pages")
    return localised


_references = References()


def references() -> References:
    """The ``[[ID]]`` references of the page being converted (cop/wikilinks.py):
    the Markdown extension registered in ``on_config`` writes to this object,
    the pages hook reads it; replaced with every language build."""
    return _references


def languages(config: Any) -> tuple[list[str], str, str]:
    """(every language built, the default first; the default language; the language being built),
    from the i18n plugin's configuration in mkdocs.yml: the one list of the
    site's languages (hooks, scripts/check.py, scripts/pdf.py). Before the
    first build event, the language being built is the default."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        raise ContentError([Problem("mkdocs.yml", None, "the hooks need the i18n plugin (mkdocs-static-i18n)",
                                    "restore the i18n entry under plugins: in mkdocs.yml")])
    default = next(lang.locale for lang in i18n.config.languages if lang.default)
    langs = [default] + [lang.locale for lang in i18n.config.languages if lang.build and lang.locale != default]
    # i18n.current_language is set by i18n's own on_config.
    return langs, default, i18n.current_language or default


def inside_language_loop(config: Any) -> bool:
    """True during the i18n plugin's build of a further language; the site
    (and its merged search index) is complete only once that loop is over."""
    i18n = config.plugins.get("i18n")
    return i18n is not None and bool(getattr(i18n, "building", False))


@dataclass
class Run:
    """What outlives one language build, for checks that need every language:
    each language build overwrites its own entries, so nothing is stale once
    every language has been built."""

    anchors: dict[str, dict[str, set[str]]] = field(default_factory=dict)  # lang -> page -> anchor IDs
    files: set[str] = field(default_factory=set)  # files of the site that are not pages
    link_problems: dict[str, list[Problem]] = field(default_factory=dict)  # lang -> broken links
    dates: dict[str, str] = field(default_factory=dict)  # docs-relative file -> YYYY-MM-DD of its last commit
    # Pages left out of search (``search: exclude``), by URL: (title, content),
    # so that they are still found by their title (cop/search_index.py).
    excluded: dict[str, tuple[str, str]] = field(default_factory=dict)


run = Run()


@dataclass
class Caches:
    """What outlives builds (the second language build, every rebuild of
    ``mkdocs serve``), each entry keyed by everything it is made from, so a
    changed input is never answered from the cache."""

    # (the inputs' key, the catalog, its checked history, the problems of the source checks)
    catalog: tuple[tuple, Catalog, History | None, list[Problem]] | None = None
    # The theme's folders -> the compiled templates (Jinja recompiles a changed file).
    templates: dict[tuple[str, ...], Templates] = field(default_factory=dict)
    # Each page's source-check and output-gate problems by what they were
    # found from (cop.checks.run, hooks/cop_output.py); also kept on disk.
    checked: Memo = field(default_factory=Memo)
    # Each search document's plain text and Khmer words by its title and text
    # (cop.search_index); also kept on disk.
    search: Store[SearchEntry] = field(default_factory=search_store)
    # The theme's templates, compiled (hooks/cop_html.py).
    theme: CompiledTemplates = field(default_factory=CompiledTemplates)


caches = Caches()
