"""Links hook: every internal link and anchor of hand-written Markdown resolves,
in every language, or the build stops naming the file, the line and the fix.

Anchors are taken from the pages as really built (``page.present_anchor_ids``,
filled by MkDocs when it renders a page), so generated anchors such as a
commitment's ``#SM-03`` count, and so do the ids of the blocks our hooks
write into the HTML after MkDocs has collected its anchors (each step of the
procedure, ``#csam-step-report``): they are added to the page's anchors once
its content is final, for MkDocs' own anchor check too. A Khmer page's links are checked against the
Khmer build and reported against its ``.km.md`` file.
"""

from __future__ import annotations

from html import unescape
from urllib.parse import unquote

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from cop import links, state
from cop.catalog import display, split_locale
from cop.guard import guarded
from cop.output import ids
from cop.problems import ContentError


@event_priority(5)  # after cop_model (10) has loaded the catalog; before i18n (-100) drops the other language
@guarded("cop_links")
def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = state.current()
    if not state.inside_language_loop(config):
        # The first language of a run (i18n builds the others from inside it).
        state.run.link_problems.clear()
    state.run.anchors[build.lang] = {}
    state.run.files = {f.src_uri for f in files if not f.is_documentation_page()}
    return files


@event_priority(0)  # any order: after every hook's on_files
@guarded("cop_links")
def on_nav(nav: object, config: MkDocsConfig, files: Files) -> None:
    # Files other hooks add after on_files above (the exports of
    # hooks/cop_exports.py, at -110) are link targets too.
    state.run.files |= {f.src_uri for f in files if not f.is_documentation_page()}


@event_priority(-70)  # after every hook that writes into the content (cop_output, the last, is -60)
@guarded("cop_links")
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.present_anchor_ids is not None:
        page.present_anchor_ids |= {unescape(a) for a in ids(html) if a}
    return html


@event_priority(0)  # any order: reads the anchors MkDocs collected when it rendered the page
@guarded("cop_links")
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    build = state.current()
    neutral, _ = split_locale(page.file.src_uri, build.catalog.languages, build.catalog.default)
    state.run.anchors[build.lang][neutral] = {unquote(a) for a in page.present_anchor_ids or ()}
    return output


@event_priority(0)  # before i18n's on_post_build (-100) starts the next language's build
@guarded("cop_links")
def on_post_build(config: MkDocsConfig) -> None:
    build = state.current()
    c = build.catalog
    site = links.Site(pages=set(c.pages[c.default]), files=state.run.files, anchors=state.run.anchors[build.lang],
                      commitments={cid: placed.page for cid, placed in c.placed[build.lang].items()})
    problems = []
    # Only the files written in this language; a page that falls back to the
    # original is checked in the original's build.
    for page, text in c.texts[build.lang].items():
        file = display(page, build.lang, c.default)
        for link in links.extract(text):
            problem = links.check(link, page, file, site)
            if problem:
                problems.append(problem)
    state.run.link_problems[build.lang] = problems
    # Report once every language is checked: in the last language's build,
    # before MkDocs' own strict abort of it (which names no line).
    if len(state.run.link_problems) == len(c.languages):
        found = [p for lang in c.languages for p in state.run.link_problems[lang]]
        if found:
            raise ContentError(found)
