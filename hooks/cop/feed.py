"""The releases of one language as an Atom feed (RFC 4287), from the history.

A small generator rather than a feed plugin: the entries are releases, not
pages, and the feed must work without a site address (the offline copy, a
preview). With an address its links are absolute; without one they are
relative to the feed itself, which Atom allows (RFC 4287, section 2). The IDs
are URNs made from the release number and the language, so they never change
when the site moves. Pure functions; nothing here reads files.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from html import escape
from xml.etree import ElementTree as ET

from .releases import History

ATOM = "http://www.w3.org/2005/Atom"
NAME = "feed.xml"
# The namespace of the entries' and feed's UUIDs: any fixed value will do; this one is ours.
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/cop-guidelines-kh/feed")


@dataclass(frozen=True)
class Change:
    """One change, in the feed's language, with the link to the commitment."""

    id: str
    title: str  # the commitment's title, or "" for a retired one
    kind: str  # the change's word in the language ("Reworded")
    note: str
    href: str


@dataclass(frozen=True)
class Entry:
    version: str
    title: str  # "Release 0.1.0", in the language
    date: str  # YYYY-MM-DD
    summary: str
    href: str
    changes: tuple[Change, ...]


def urn(*parts: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, '/'.join(parts))}"


def entries(history: History) -> list[str]:
    """The versions the feed lists, newest first (all of them)."""
    return [release.version for release in history.releases]


def atom(lang: str, title: str, subtitle: str, self_href: str, history_href: str, entries: list[Entry]) -> bytes:
    """The Atom document, UTF-8."""
    ET.register_namespace("", ATOM)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    sub(feed, "id", urn("feed", lang))
    sub(feed, "title", title)
    sub(feed, "subtitle", subtitle)
    sub(feed, "updated", f"{entries[0].date}T00:00:00Z" if entries else "1970-01-01T00:00:00Z")
    author = sub(feed, "author")
    sub(author, "name", title)
    sub(feed, "link", rel="self", type="application/atom+xml", href=self_href)
    sub(feed, "link", rel="alternate", type="text/html", href=history_href)
    for item in entries:
        entry = sub(feed, "entry")
        sub(entry, "id", urn("release", item.version, lang))
        sub(entry, "title", item.title)
        sub(entry, "updated", f"{item.date}T00:00:00Z")
        sub(entry, "published", f"{item.date}T00:00:00Z")
        sub(entry, "link", rel="alternate", type="text/html", href=item.href)
        sub(entry, "summary", item.summary)
        html = f"<p>{escape(item.summary)}</p>"
        if item.changes:
            html += "<ul>" + "".join(
                f'<li><a href="{escape(c.href)}">{escape(c.id)}{" " + escape(c.title) if c.title else ""}</a>'
                f" ({escape(c.kind)}): {escape(c.note)}</li>" for c in item.changes) + "</ul>"
        sub(entry, "content", html, type="html")
    ET.indent(feed)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8", xml_declaration=False) + b"\n"
