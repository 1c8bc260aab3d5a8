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

from mkdocs.exceptions import PluginError

from .catalog import Catalog
from .problems import Problem
from .settings import Settings
from .templates import Templates


@dataclass
class Build:
    catalog: Catalog
    lang: str
    # Each page's generated HTML blocks, from on_page_markdown to on_page_content.
    blocks: dict[str, list[str]] = field(default_factory=dict)
    # Language-neutral source page -> its URL in this build (one lookup each:
    # the i18n plugin's lookup is slow enough to show in the benchmark).
    urls: dict[str, str] = field(default_factory=dict)
    # What is published beside the pages (hooks/cop_bundle.py, hooks/cop_pdfs.py),
    # for the generated blocks that link to it: {source, href, bytes}.
    bundle: dict[str, Any] | None = None
    pdfs: dict[str, dict[str, dict[str, Any]]] | None = None
    # Problems found while converting this language's pages (references the
    # model does not know, unsafe output), reported together (hooks/cop_output.py).
    problems: list[Problem] = field(default_factory=list)
    # The whole guideline's PDF of each language (hooks/cop_pdfs.py, issue 17): {lang: {source, href, bytes}}.
    guides: dict[str, dict[str, Any]] | None = None
    # The templates of the generated blocks, in this language (hooks/cop_pages.py).
    templates: Templates | None = None
    # The change history in this language's words (hooks/cop_history.py, issue 17).
    releases: Any = None


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
    global _current
    _current = None


def set_current(build: Build) -> None:
    global _current
    _current = build


def current() -> Build:
    if _current is None:
        raise RuntimeError("the guidelines catalog is not loaded: hooks/cop_model.py must run before hooks/cop_pages.py")
    return _current


def languages(config: Any) -> tuple[list[str], str, str]:
    """(every language built, the default language, the language being built),
    from the i18n plugin's configuration in mkdocs.yml: the one list of the
    site's languages (hooks, scripts/check.py, scripts/pdf.py). Before the
    first build event, the language being built is the default."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        raise PluginError("mkdocs.yml: the hooks need the i18n plugin (mkdocs-static-i18n) under plugins:")
    langs = [lang.locale for lang in i18n.config.languages if lang.build]
    default = next(lang.locale for lang in i18n.config.languages if lang.default)
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


run = Run()
