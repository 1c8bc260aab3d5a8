"""Output hook: the HTML each page ships is checked against an allowlist.

After ``cop_pages`` has filled in the generated blocks (``on_page_content``),
each page's content HTML goes through ``cop.output`` (nh3's allowlist); what it
would remove is reported in the page's source file, with the line. Problems
found while converting the pages (these, and ``[[ID]]`` references to unknown
IDs) stop the language's build in ``on_env``, before any page is written.
Each page's result is remembered by its HTML and source (``cop.memo``), so
an unchanged page is not checked again, in this run or the next.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from cop import output, state
from cop.catalog import display, split_locale
from cop.guard import guarded
from cop.problems import ContentError


@event_priority(-60)  # last: after every hook that changes the content (cop_pages 0, cop_html -50)
@guarded("cop_output")
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    build = state.current()
    c = build.catalog
    neutral, lang = split_locale(page.file.src_uri, c.languages, c.default)
    if lang != build.lang and build.lang != c.default:
        return html  # an untranslated page: its English was checked in the English build
    source = c.texts.get(lang, {}).get(neutral, "")
    file = display(neutral, lang, c.default)
    build.problems += state.caches.checked.answer(("output", file, html, source),
                                                  lambda: output.check(html, file, source))
    return html


@event_priority(-200)  # after the i18n plugin's English on_post_build has built the other languages
@guarded("cop_output")
def on_post_build(config: MkDocsConfig) -> None:
    if not state.inside_language_loop(config):  # once, after every language
        state.caches.checked.save(state.settings().cache)


@event_priority(-50)  # every page is converted by now; nothing has been written yet
@guarded("cop_output")
def on_env(env, config: MkDocsConfig, files: Files):  # type: ignore[no-untyped-def]
    problems = state.current().problems
    if problems:
        raise ContentError(problems)
    return env
