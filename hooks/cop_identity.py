"""Identity hook (issue 15): what the site is, on the pages that need it.

Sets ``page.meta["cop_identity"]``, which ``overrides/partials/cop-identity.html``
writes: a compact banner on screen at the top of the home page and of every
commitments page (it stays in view, so a deep link to ``#SM-03`` does not land
below it), and on every page a block shown only in print (and so in every
PDF) with the full statement and the content date. The words are the
``identity`` labels of ``model/labels.yml``, in the page's language.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from cop import identity, state
from cop.catalog import split_locale


@event_priority(0)  # any order: only sets page.meta, which the template reads later
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    build = state.current()
    c = build.catalog
    neutral, _ = split_locale(page.file.src_uri, c.languages, c.default)
    about = files.get_file_from_path(identity.ABOUT)
    href = get_relative_url(about.url, page.file.url) if about else ""
    page.meta["cop_identity"] = identity.statement(c, build.lang, neutral, state.run.dates, href)
    return html
