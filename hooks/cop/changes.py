"""What the change history (``model/history.yml``) writes into the site: the
history page's body, an anchor for each retired commitment on the page it was
on, "changed in release N" and "cite this" under each commitment, the IDs a
checklist's import knows, and one Atom feed per language.

Pure functions of the checked history in one language's words
(:class:`cop.releases.Localised`); the pages hook calls them through
:class:`cop.render.Renderer`, the exports hook calls :func:`feed_of`.
"""

from __future__ import annotations

import re
from html import escape
from typing import Callable

from . import feed
from .catalog import Catalog, relative
from .releases import Change, Localised, Release
from .templates import Templates, markdown_text as escape_md

HISTORY_PAGE = "history.md"
HOME_PAGE = "index.md"
# The commitment headings as Python-Markdown writes them (Renderer.commitment_heading with attr_list).
COMMITMENT_H2 = re.compile(r'<h2 (?=[^>]*class="cop-commitment")[^>]*id="(?P<id>[^"]+)"[^>]*>.*?</h2>', re.S)

# (language-neutral page, anchor) -> its href from the page being rendered.
Url = Callable[[str, str], str]


def history_markdown(view: Localised, catalog: Catalog, here: str) -> str:
    """The history page's body: each release with its date, summary and
    changes. Markdown links to the source pages, which MkDocs resolves and checks."""
    out: list[str] = [""]
    for release in view.history.entries:  # the unreleased changes first, never dated
        out += [f"## {escape_md(view.release_title(release))} {{ #{release.anchor} }}", ""]
        if release.released:
            out += [f'<p class="cop-release-date"><time datetime="{release.date}">{escape(view.date(release.date))}</time></p>', ""]
        out += [escape_md(release.summary.get(view.lang) or view.t("history.unreleased_note")), ""]
        if not release.changes:
            out += [escape_md(view.t("history.no_changes")), ""]
        for change in release.changes:
            placed = catalog.placed[view.lang].get(change.id)
            target = relative(here, placed.page if placed else change.page or HISTORY_PAGE) + f"#{change.id}"
            title = f" {escape_md(placed.title)}" if placed else ""
            kind = escape_md(view.t(f"history.kind.{change.kind}"))
            out.append(f'- [<span class="cop-id">{change.id}</span>{title}]({target}): '
                       f"**{kind}**{escape_md(view.t('colon'))} {escape_md(change.note[view.lang])}")
        out.append("")
    return "\n".join(out)


def retired_markdown(view: Localised, here: str) -> str:
    """An anchor for each commitment retired from page ``here``, with why:
    old links to ``#SM-09`` land on it. Empty when none was on this page."""
    retired = [(r, c) for r, c in view.history.retired().values() if c.page == here]
    if not retired:
        return ""
    out = ["", f"## {escape_md(view.t('history.retired_heading'))} {{ #retired }}", ""]
    for release, change in retired:
        text = view.retired_text(release, change.id)
        out += [f'**<span class="cop-id">{change.id}</span>** {escape_md(text)} {escape_md(change.note[view.lang])} '
                f"[{escape_md(view.t('release.history'))}]({relative(here, HISTORY_PAGE)}#{release.anchor})",
                f"{{: #{change.id} .cop-retired }}", ""]
    return "\n".join(out)


def retired_data(view: Localised, url: Url) -> dict:
    """What a checklist's import shows of each retired commitment: its
    retirement and where it is explained."""
    return {
        "heading": view.t("checklist.retired_heading"),
        "kept": view.t("checklist.retired_kept"),
        "ids": {cid: {"text": view.retired_text(release, cid) + " " + change.note[view.lang],
                      "href": url(HISTORY_PAGE, release.anchor)}
                for cid, (release, change) in view.history.retired().items()},
    }


def commitment_tools(html: str, view: Localised, catalog: Catalog, templates: Templates, url: Url,
                     page_url: str) -> str:
    """``html`` with "changed in release N" and "cite this" after each
    commitment heading. ``page_url``: the page's URL from the site root."""
    if 'class="cop-commitment"' not in html:
        return html
    latest = view.history.latest

    def tools(match: re.Match[str]) -> str:
        cid = match["id"]
        placed = catalog.placed[view.lang].get(cid)
        if placed is None:
            return match.group(0)
        changes = view.history.changes_of(cid)
        changed = [{"text": view.changed_text(release),
                    "kind": view.t(f"history.kind.{change.kind}"),
                    "href": url(HISTORY_PAGE, release.anchor)} for release, change in changes]
        canonical = (view.site_url.rstrip("/") + "/" + page_url + f"#{cid}") if view.site_url else ""
        # Wording changed since the newest release is not in it: the citation
        # says so rather than name a release that holds other words.
        pending = any(release is view.history.unreleased for release, _ in changes)
        citation = view.t("cite.text_unreleased" if pending else "cite.text", id=cid, title=placed.title,
                          site=view.site_name, version=latest.version, date=view.date(latest.date),
                          url="\0")
        before, _, after = citation.partition("\0")
        return match.group(0) + templates.render("commitment-tools.html", cid=cid, changed=changed,
                                                 before=before, after=after, canonical=canonical)

    return COMMITMENT_H2.sub(tools, html)


def feed_of(view: Localised, catalog: Catalog, feed_uri: str, href_of: Callable[[str], str]) -> bytes:
    """The language's Atom feed. ``href_of``: a URL relative to the site root
    (``commitments/x/#SM-03``) as the feed links it (relative to the feed, or
    absolute with a site address)."""

    def href(target: str, anchor: str = "") -> str:
        return href_of(view.urls[target] + (f"#{anchor}" if anchor else ""))

    entries = []
    for release in view.history.releases:
        changes = []
        for change in release.changes:
            placed = catalog.placed[view.lang].get(change.id)
            page = placed.page if placed else (change.page or HISTORY_PAGE)
            changes.append(feed.Change(change.id, placed.title if placed else "", view.t(f"history.kind.{change.kind}"),
                                       change.note[view.lang], href(page, change.id)))
        entries.append(feed.Entry(release.version, view.release_title(release), release.date,
                                  release.summary[view.lang], href(HISTORY_PAGE, release.anchor), tuple(changes)))
    self_href = (view.site_url.rstrip("/") + "/" + feed_uri) if view.site_url else feed.NAME
    return feed.atom(view.lang, view.t("feed.title", site=view.site_name), view.t("feed.subtitle"),
                     self_href, href(HISTORY_PAGE), entries)


__all__ = ["Change", "Release", "HISTORY_PAGE", "HOME_PAGE", "history_markdown", "retired_markdown",
           "retired_data", "commitment_tools", "feed_of"]
