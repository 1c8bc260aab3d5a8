"""Meta hook: what each page says about itself, around its content.

- The release and its date in every footer, the link to the change history
  and to the language's Atom feed (``config.extra["cop_release"]``, read by
  ``overrides/main.html`` and ``partials/cop-release*.html``).
- "Last updated" under each page, from its own source file's last commit
  (one ``git log`` for the docs folder per run, ``cop/history.py``): a Khmer
  page shows the date of its ``.km.md`` file (``page.meta["cop_updated"]``).
- What the site is: a compact banner on the home and commitments pages, and
  on every page a block shown only in print, so in every PDF
  (``page.meta["cop_identity"]``, ``cop/identity.py``).
- The footer's link to the maintainers' pages, which are not in the menu.

Nothing here changes a page's content; the templates write what it sets.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from cop import changes, feed, history, identity, state
from cop.catalog import split_locale
from cop.guard import guarded
from cop.releases import Localised

MAINTAINERS = "maintainers/index.md"


@event_priority(0)  # any order: the footer's release is set again in on_files
@guarded("cop_meta")
def on_config(config: MkDocsConfig) -> None:
    config.extra["cop_release"] = None


@event_priority(-105)  # after i18n's on_files (-100): this language's pages with their final URLs; before cop_exports (-110)
@guarded("cop_meta")
def on_files(files: Files, config: MkDocsConfig) -> Files:
    if not state.inside_language_loop(config):
        # Once per run: the other languages reuse it.
        state.run.dates = history.last_changed(Path(config.docs_dir))
    release(files, config)
    return files


def release(files: Files, config: MkDocsConfig) -> None:
    """The history in this language's words, and the footer's release."""
    build = state.current()
    c, lang = build.catalog, build.lang
    assert build.history is not None  # cop_model stops the build when the history has problems
    urls = {split_locale(f.src_uri, c.languages, c.default)[0]: f.url for f in files.documentation_pages()}
    view = build.releases = Localised(build.history, lang, c.labels[lang], urls, config.site_name, config.site_url)
    latest = view.history.latest
    feed_uri = ("" if lang == c.default else f"{lang}/") + feed.NAME
    footer = view.footer()
    config.extra["cop_release"] = {
        "version": latest.version,
        "date": latest.date,
        "text": footer,
        "link": view.t("release.history"),
        "href": urls[changes.HISTORY_PAGE],
        "identity": view.labels["identity"],
        # For the @page margin boxes of printed sheets (partials/cop-release-page.html).
        "footer_css": identity.css_string(footer),
        "counter_style": view.labels["print.counter_style"],
        "feed": {"href": feed_uri, "title": view.t("feed.title", site=config.site_name)},
    }


@event_priority(0)  # any order: only sets page.meta, which the templates read later
@guarded("cop_meta")
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    build = state.current()
    c = build.catalog
    neutral, _ = split_locale(page.file.src_uri, c.languages, c.default)
    date = state.run.dates.get(page.file.src_uri)
    if date:
        page.meta["cop_updated"] = identity.updated(c, build.lang, date)
    about = files.get_file_from_path(identity.ABOUT)
    href = get_relative_url(about.url, page.file.url) if about else ""
    page.meta["cop_identity"] = identity.statement(c, build.lang, neutral, state.run.dates, href)
    maintainers = files.get_file_from_path(MAINTAINERS)
    if maintainers is not None:
        page.meta["cop_maintainers"] = {"href": get_relative_url(maintainers.url, page.url),
                                        "text": c.label(build.lang, "footer.maintainers")}
    if neutral == changes.HOME_PAGE:
        page.meta["cop_feed"] = config.extra["cop_release"]["feed"]
    return html
