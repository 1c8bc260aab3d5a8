"""Internal links and anchors of hand-written Markdown, with file and line.

MkDocs' strict build already refuses a broken link, but names neither the line
nor a fix. Here every link of a page is read from its source (code blanked
out, so offsets are the file's), and resolved against the pages of the site and
the anchors each built page really has (collected from the rendered pages, so
commitment anchors such as ``#SM-03``, generated lists and heading anchors are
all included). Cost: one pass per page, one set lookup per link.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote

from .problems import Problem
from .render import relative
from .safety import DEFINITION, INLINE_LINK, Lines, prose

EXTERNAL = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//)")


@dataclass(frozen=True)
class Link:
    line: int
    target: str  # as written, e.g. "../roles/leadership.md#commitments"
    image: bool


def extract(text: str) -> list[Link]:
    """Every relative link and image of a page (external URLs are left out)."""
    body = prose(text)
    line = Lines(body)
    found: list[tuple[int, str, bool]] = []
    for match in INLINE_LINK.finditer(body):
        found.append((match.start("url"), match["url"], bool(match["bang"])))
    for match in DEFINITION.finditer(body):
        found.append((match.start("url"), match["url"], False))
    links = []
    for offset, raw, image in sorted(found):
        target = raw.strip()
        if target.startswith("<") and target.endswith(">"):
            target = target[1:-1].strip()
        if not target or EXTERNAL.match(target):
            continue
        links.append(Link(line(offset), target, image))
    return links


@dataclass
class Site:
    """What links may lead to in one language build."""

    pages: set[str]  # language-neutral source paths of every page ("roles/x.md")
    files: set[str]  # other files of docs/ (images, downloads)
    anchors: dict[str, set[str]]  # page -> anchors of its built HTML
    commitments: dict[str, str]  # commitment ID -> the page that holds it


def check(link: Link, here: str, file: str, site: Site) -> Problem | None:
    """The problem with one link of page ``here`` (shown as ``file``), if any."""
    path, _, fragment = link.target.partition("#")
    path = unquote(path.split("?", 1)[0])
    fragment = unquote(fragment)
    what = "image" if link.image else "link"

    def problem(message: str, fix: str) -> Problem:
        return Problem(file, link.line, f"{what} '{link.target}': {message}", fix)

    if not path:
        target = here
    elif path.startswith("/"):
        return problem("an absolute path does not work when the site is opened from a sub-folder or from disk",
                       "write the path relative to this file, e.g. ../roles/leadership.md")
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(here), path))
        if target.startswith("../"):
            return problem("leads outside docs/", "link to a page under docs/ with a relative path")
        if target not in site.pages:
            if target in site.files:
                return None
            source = _source_of(target, site.pages)
            if source:
                return problem("links to a built address, not to a page's source file",
                               f"link to the Markdown file instead: {relative(here, source)}"
                               + (f"#{fragment}" if fragment else ""))
            close = difflib.get_close_matches(target, sorted(site.pages | site.files), n=1, cutoff=0.6)
            return problem(f"docs/{target} does not exist",
                           f"did you mean {relative(here, close[0])}?" if close
                           else "correct the path: it is relative to this file's folder")
    if not fragment or target not in site.anchors:
        return None
    anchors = site.anchors[target]
    if fragment in anchors:
        return None
    home = site.commitments.get(fragment)
    if home and home != target:
        return problem(f"{fragment} is not on docs/{target}", f"{fragment} is on docs/{home}: link to {relative(here, home)}#{fragment}")
    close = difflib.get_close_matches(fragment, sorted(anchors), n=1, cutoff=0.6)
    place = "this page" if target == here else f"docs/{target}"
    return problem(f"#{fragment} is not an anchor of {place}",
                   f"did you mean #{close[0]}?" if close else
                   "link to an anchor the page has: a commitment ID (#SM-03) or a heading's anchor (hover the heading's ¶ sign)")


def _source_of(target: str, pages: set[str]) -> str | None:
    """The page a built address stands for: roles/x/ or roles/x.html -> roles/x.md."""
    stem = target[:-5] if target.endswith(".html") else target.rstrip("/")
    if stem.endswith("/index"):
        stem = stem[: -len("/index")]
    for candidate in (f"{stem}.md", f"{stem}/index.md", "index.md" if stem in ("", ".") else ""):
        if candidate in pages:
            return candidate
    return None
