"""History hook: the release and its date on every page, the change history
page, "changed in release N" and "cite this" on each commitment, an anchor for
each retired ID, and one Atom feed per language.

Everything comes from ``model/history.yml`` (``cop/releases.py``), checked in
each language build against the model and the project's version; a problem
stops the build with its line and fix. The footer, the feed link and the
blocks are written by templates (``overrides/main.html``,
``overrides/partials/cop-*.html``) from what this hook puts in
``config.extra["cop_release"]`` and ``page.meta``. Nothing happens at import time.
"""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from cop import feed, releases, state
from cop.catalog import split_locale
from cop.problems import ContentError
from cop.identity import css_string
from cop.releases import History, Release
from cop.render import relative
from cop.templates import Templates, markdown_text as escape_md

HISTORY_PAGE = "history.md"
HOME_PAGE = "index.md"
# The commitment headings as Python-Markdown writes them (cop/render.py's heading with attr_list).
_COMMITMENT_H2 = re.compile(r'<h2 (?=[^>]*class="cop-commitment")[^>]*id="(?P<id>[^"]+)"[^>]*>.*?</h2>', re.S)


class _Language:
    """What one language build needs: the history, the labels, the URLs."""

    def __init__(self, history: History, lang: str, labels: dict[str, str], urls: dict[str, str],
                 site_name: str, site_url: str | None) -> None:
        self.history = history
        self.lang = lang
        self.labels = labels
        self.urls = urls  # language-neutral page -> URL relative to the site root
        self.site_name = site_name
        self.site_url = site_url

    def t(self, key: str, **values: str) -> str:
        return self.labels[key].format(**values)

    def number(self, text: str) -> str:
        return releases.number(self.labels, text)

    def date(self, iso: str) -> str:
        return releases.date_text(self.labels, iso)

    def release_title(self, release: Release) -> str:
        if not release.released:
            return self.t("history.unreleased")
        return self.t("history.release", version=self.number(release.version))

    def retired_text(self, release: Release, cid: str) -> str:
        if not release.released:
            return self.t("history.retired_unreleased", id=cid)
        return self.t("history.retired", id=cid, version=self.number(release.version), date=self.date(release.date))

    def changed_text(self, release: Release) -> str:
        if not release.released:
            return self.t("history.changed_unreleased")
        return self.t("history.changed_in", version=self.number(release.version))


EDIT_FEATURE = "content.action.edit"


@event_priority(50)  # after hooks/cop_settings.py (100) has validated the settings
def on_config(config: MkDocsConfig) -> None:
    # A new language build: everything is set again from the files in on_files
    # (the language's history lives in its build state, state.current().releases).
    config.extra["cop_release"] = None
    # "Edit this page": an absolute edit_uri and no repo_url, which would make
    # Material's header ask GitHub's API for the repository's stars (a
    # third-party request). MkDocs then links each page to edit_uri + its own
    # source file: docs/x.km.md for a Khmer page.
    repo = state.settings().repo_url
    features = config.theme["features"]
    if repo:
        config["edit_uri"] = repo.rstrip("/") + "/edit/main/docs/"
        if EDIT_FEATURE not in features:
            features.append(EDIT_FEATURE)
    else:
        config["edit_uri"] = None
        if EDIT_FEATURE in features:
            features.remove(EDIT_FEATURE)


@event_priority(-110)  # after i18n's on_files (-100): this language's pages with their final URLs
def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = state.current()
    catalog, lang = build.catalog, build.lang
    root = Path(config.config_file_path).parent
    pages = set(catalog.pages[catalog.default])
    history, problems = releases.load(root, catalog.languages, set(catalog.model.commitments), pages)
    if problems or history is None:
        raise PluginError(str(ContentError(problems)))
    urls = {split_locale(f.src_uri, catalog.languages, catalog.default)[0]: f.url
            for f in files.documentation_pages()}
    if HISTORY_PAGE not in urls:
        raise PluginError(f"docs/{HISTORY_PAGE} is missing: the footer of every page links to it.\n"
                          f"    Fix: restore docs/{HISTORY_PAGE} (and its translations) holding <!-- cop:history -->")
    labels = catalog.labels[lang]
    current = build.releases = _Language(history, lang, labels, urls, config.site_name, config.site_url)
    latest = history.latest
    folder = "" if lang == catalog.default else f"{lang}/"
    feed_uri = folder + feed.NAME
    config.extra["cop_release"] = {
        "version": latest.version,
        "date": latest.date,
        "text": current.t("release.footer", version=current.number(latest.version), date=current.date(latest.date)),
        "link": current.t("release.history"),
        "href": urls[HISTORY_PAGE],
        "identity": labels["identity"],
        # For the @page margin boxes of printed sheets (partials/cop-release-page.html).
        "footer_css": css_string(current.t("release.footer", version=current.number(latest.version),
                                           date=current.date(latest.date))),
        "counter_style": labels["print.counter_style"],
        "feed": {"href": feed_uri, "title": current.t("feed.title", site=config.site_name)},
    }
    files.append(_generated(config, feed_uri, _feed(current, feed_uri)))
    return files


def _generated(config: MkDocsConfig, dest_uri: str, content: bytes) -> File:
    file = File.generated(config, dest_uri.rsplit("/", 1)[-1], content=content)
    file.dest_uri = dest_uri
    return file


def _feed(lang: _Language, feed_uri: str) -> bytes:
    """The language's feed: its links relative to the feed, or absolute with a site address."""
    catalog = state.current().catalog

    def href(target: str, anchor: str = "") -> str:
        url = lang.urls[target] + (f"#{anchor}" if anchor else "")
        if lang.site_url:
            return (lang.site_url.rstrip("/") + "/" + url) if url else lang.site_url
        return get_relative_url(url, feed_uri) if not url.startswith("#") else url

    entries = []
    for release in lang.history.releases:
        changes = []
        for change in release.changes:
            placed = catalog.placed[lang.lang].get(change.id)
            page = placed.page if placed else (change.page or HISTORY_PAGE)
            changes.append(feed.Change(change.id, placed.title if placed else "", lang.t(f"history.kind.{change.kind}"),
                                       change.note[lang.lang], href(page, change.id)))
        entries.append(feed.Entry(release.version, lang.release_title(release), release.date,
                                  release.summary[lang.lang], href(HISTORY_PAGE, release.anchor), tuple(changes)))
    site_url = lang.site_url
    self_href = (site_url.rstrip("/") + "/" + feed_uri) if site_url else feed.NAME
    return feed.atom(lang.lang, lang.t("feed.title", site=lang.site_name), lang.t("feed.subtitle"),
                     self_href, href(HISTORY_PAGE), entries)


def _lang() -> _Language:
    releases = state.current().releases
    if releases is None:
        raise RuntimeError("hooks/cop_history.py: on_files has not run in this language build")
    return releases


@event_priority(70)  # before hooks/cop_pages.py (60), which would not know these directives
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    lang = _lang()
    catalog = state.current().catalog
    here = split_locale(page.file.src_uri, catalog.languages, catalog.default)[0]
    if here == HOME_PAGE:
        page.meta["cop_feed"] = config.extra["cop_release"]["feed"]
    lines = markdown.split("\n")
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped == "<!-- cop:history -->":
            lines[i] = history_markdown(lang, here)
        elif stripped == "<!-- cop:guideline-pdf -->":
            lines[i] = guideline_pdf(lang, config, page)
    retired = [(r, c) for cid, (r, c) in lang.history.retired().items() if c.page == here]
    if retired:
        lines.append(retired_markdown(lang, here, retired))
    return "\n".join(lines)


def history_markdown(lang: _Language, here: str) -> str:
    """The history page's body: each release with its date, summary and changes."""
    catalog = state.current().catalog
    out: list[str] = [""]
    for release in lang.history.entries:  # the unreleased changes first, never dated
        out += [f"## {escape_md(lang.release_title(release))} {{ #{release.anchor} }}", ""]
        if release.released:
            out += [f'<p class="cop-release-date"><time datetime="{release.date}">{escape(lang.date(release.date))}</time></p>', ""]
        out += [escape_md(release.summary.get(lang.lang) or lang.t("history.unreleased_note")), ""]
        if not release.changes:
            out += [escape_md(lang.t("history.no_changes")), ""]
        for change in release.changes:
            placed = catalog.placed[lang.lang].get(change.id)
            target = relative(here, placed.page if placed else change.page or HISTORY_PAGE)
            title = f" {escape_md(placed.title)}" if placed else ""
            kind = escape_md(lang.t(f"history.kind.{change.kind}"))
            out.append(f'- [<span class="cop-id">{change.id}</span>{title}]({target}#{change.id}): '
                       f"**{kind}**{escape_md(lang.t('colon'))} {escape_md(change.note[lang.lang])}")
        out.append("")
    return "\n".join(out)


def retired_markdown(lang: _Language, here: str, retired: list[tuple[Release, releases.Change]]) -> str:
    """An anchor for each commitment retired from this page, with why: old links land on it."""
    out = ["", f"## {escape_md(lang.t('history.retired_heading'))} {{ #retired }}", ""]
    history = relative(here, HISTORY_PAGE)
    for release, change in retired:
        text = lang.retired_text(release, change.id)
        out += [f'**<span class="cop-id">{change.id}</span>** {escape_md(text)} {escape_md(change.note[lang.lang])} '
                f"[{escape_md(lang.t('release.history'))}]({history}#{release.anchor})",
                f"{{: #{change.id} .cop-retired }}", ""]
    return "\n".join(out)


def _templates(config: MkDocsConfig) -> Templates:
    """The language build's templates (overrides/partials/cop/), made as
    hooks/cop_pages.py makes them, by whichever hook needs them first."""
    build = state.current()
    if build.templates is None:
        c, lang = build.catalog, build.lang
        build.templates = Templates(config.theme.get_env(), lang=lang,
                                    t=lambda key, **values: c.label(lang, key, **values),
                                    number=lambda value: c.number(lang, value))
    return build.templates


def guideline_pdf(lang: _Language, config: MkDocsConfig, page: Page) -> str:
    """The link to the whole guideline as one PDF, when COP_PDFS publishes it."""
    pdf = (state.current().guides or {}).get(lang.lang)
    if not pdf:
        return ""
    site_root = "../" * page.url.count("/")
    megabytes = lang.number(f"{pdf['bytes'] / 1e6:.1f}".replace(".", lang.labels["decimal"]))
    html = _templates(config).render("guideline-pdf.html", href=site_root + pdf["href"], size=megabytes)
    return f"\n{html.strip()}\n"


_KNOWN_IDS = re.compile(r'<script type="application/json" id="cop-known-ids">(?P<json>.*?)</script>', re.S)


def known_ids(html: str, lang: _Language, page: Page) -> str:
    """A checklist page's IDs for the self-assessment: every current and retired
    commitment (``cop-known-ids``, which the import reads), and what to show of
    each retired one (``cop-retired-data``): its retirement and where it is explained."""
    catalog = state.current().catalog
    retired = lang.history.retired()
    known = {"current": list(catalog.model.commitments), "retired": list(retired)}
    block = ('<script type="application/json" id="cop-known-ids">'
             + json.dumps(known, ensure_ascii=False).replace("</", "<\\/") + "</script>")
    html = _KNOWN_IDS.sub(lambda _: block, html, count=1) if _KNOWN_IDS.search(html) else html + "\n" + block
    history_href = get_relative_url(lang.urls[HISTORY_PAGE], page.url)
    data = {
        "heading": lang.t("checklist.retired_heading"),
        "kept": lang.t("checklist.retired_kept"),
        "ids": {cid: {"text": lang.retired_text(release, cid) + " " + change.note[lang.lang],
                      "href": f"{history_href}#{release.anchor}"}
                for cid, (release, change) in retired.items()},
    }
    return html + ('\n<script type="application/json" id="cop-retired-data">'
                   + json.dumps(data, ensure_ascii=False).replace("</", "<\\/") + "</script>")


@event_priority(-10)  # after hooks/cop_pages.py (0) has filled in the commitment blocks
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    lang = _lang()
    catalog = state.current().catalog
    here = split_locale(page.file.src_uri, catalog.languages, catalog.default)[0]
    if catalog.checklist_of_page(here):
        return known_ids(html, lang, page)
    if 'class="cop-commitment"' not in html:
        return html
    history_href = get_relative_url(lang.urls[HISTORY_PAGE], page.url)
    templates = _templates(config)

    def tools(match: re.Match[str]) -> str:
        cid = match["id"]
        placed = catalog.placed[lang.lang].get(cid)
        if placed is None:
            return match.group(0)
        changed = [{"text": lang.changed_text(release),
                    "kind": lang.t(f"history.kind.{change.kind}"),
                    "href": f"{history_href}#{release.anchor}"} for release, change in lang.history.changes_of(cid)]
        latest = lang.history.latest
        canonical = (lang.site_url.rstrip("/") + "/" + page.url + f"#{cid}") if lang.site_url else ""
        citation = lang.t("cite.text", id=cid, title=placed.title, site=lang.site_name,
                          version=lang.number(latest.version), date=lang.date(latest.date), url="\0")
        before, _, after = citation.partition("\0")
        return match.group(0) + templates.render("commitment-tools.html", cid=cid, changed=changed,
                                                 before=before, after=after, canonical=canonical)

    return _COMMITMENT_H2.sub(tools, html)
