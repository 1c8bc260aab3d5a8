"""Content safety: what a Markdown page may not contain.

Pages are prose. They must not run scripts, embed other sites, load images or
media from another origin (the site makes no request to a third party and works
offline), link over plain ``http:``, or show an image without alt text.

The whole file is read once with fenced code, inline code and the front matter
blanked out (replaced by spaces, so offsets and line numbers stay those of the
file), then each rule is one regular expression over that text: linear in the
size of the page, and a tag or link that wraps over two lines is still seen.
"""

from __future__ import annotations

import bisect
import html
import re
from typing import Iterator

from .problems import Problem
from .scan import code_spans_blanked, lines_outside_code, split_front_matter

DANGEROUS = re.compile(r"<\s*(script|iframe|object|embed|frame|frameset)\b", re.I)
TAG = re.compile(r"<[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?>", re.S)
TAG_NAME = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)")
EVENT_HANDLER = re.compile(r"\s(on[a-z]+)\s*=", re.I)
ATTRIBUTE = re.compile(r"""\s([A-Za-z][A-Za-z0-9:-]*)\s*=\s*("[^"]*"|'[^']*'|[^\s"'<>]+)""", re.S)
URL_ATTRIBUTES = {"href", "src", "srcset", "poster", "data", "action", "formaction", "xlink:href", "background"}
MEDIA_TAGS = {"img", "video", "audio", "source", "track", "picture", "image", "input"}
# ![alt](url "title") and [text](url "title"); the URL may be in <...>.
INLINE_LINK = re.compile(r"(?P<bang>!?)\[(?P<text>[^\[\]]*(?:\[[^\[\]]*\][^\[\]]*)*)\]\(\s*(?P<url><[^<>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)")
REFERENCE_IMAGE = re.compile(r"!\[(?P<text>[^\[\]]*)\]\[(?P<ref>[^\[\]]*)\]")
DEFINITION = re.compile(r"^[ ]{0,3}\[(?P<ref>[^\]\^][^\]]*)\]:[ \t]*(?P<url><[^<>\n]*>|\S+)", re.M)
AUTOLINK = re.compile(r"<(?P<url>[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")
IMG_TAG = re.compile(r"<img\b", re.I)
# Plain http: cannot be avoided for a server on the reader's own machine.
_NEWLINE = re.compile("\n")
LOOPBACK = re.compile(r"^http://(localhost|127\.0\.0\.1|\[::1\])(?::\d+)?(?:[/?#]|$)", re.I)


def prose(text: str) -> str:
    """``text`` with front matter, fenced code and inline code blanked out."""
    lines = text.split("\n")
    _, skip = split_front_matter(text)
    out = [" " * len(line) for line in lines[:skip]]
    for _, line, in_code in lines_outside_code(lines, skip):
        out.append(" " * len(line) if in_code else code_spans_blanked(line))
    return "\n".join(out)


class Lines:
    """Offsets in a text to 1-based line numbers."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]

    def __call__(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)


def normalised_url(raw: str) -> str:
    """A URL as a browser reads it: entities decoded, no white space or control
    characters, lower case (so ``Java&#115;cript :`` is ``javascript:``)."""
    url = raw.strip()
    if url.startswith("<") and url.endswith(">"):
        url = url[1:-1]
    if url[:1] in "\"'" and url[-1:] == url[:1]:
        url = url[1:-1]
    url = html.unescape(url)
    return "".join(ch for ch in url if ch > " " and ch != "\x7f").lower()


def check(text: str, file: str) -> list[Problem]:
    """Every safety problem of one Markdown file, with its line."""
    body = prose(text)
    line = Lines(body)
    problems: list[Problem] = []

    def add(offset: int, message: str, fix: str) -> None:
        problems.append(Problem(file, line(offset), message, fix))

    for match in DANGEROUS.finditer(body):
        name = match[1].lower()
        fix = ("link to the page instead of embedding it: [what it is](https://...)" if name in ("iframe", "frame", "frameset")
               else "remove it: pages may not run scripts or embed other content; ask a maintainer for a generated block")
        add(match.start(), f"raw <{name}> element in the page", fix)

    definitions = {m["ref"].strip().lower(): m["url"] for m in DEFINITION.finditer(body)}
    for offset, kind, url, tag in _urls(body, definitions):
        if tag and DANGEROUS.match(tag):
            continue  # the element itself is reported
        plain = normalised_url(url)
        shown = url.strip("<>\"' ")
        if plain.startswith(("javascript:", "vbscript:")):
            add(offset, f"'{plain.split(':', 1)[0]}:' URL ({shown})",
                "remove it: links must lead to a page or a document, never run code")
            continue
        if kind == "media" and (plain.startswith(("http:", "https:", "//")) or re.match(r"^[a-z][a-z0-9+.-]*://", plain)):
            add(offset, f"{tag or 'image'} loaded from another origin: {shown}",
                "save the file under docs/assets/ and link to it with a relative path (the site makes no request to other sites)")
            continue
        if plain.startswith("http:") and kind == "link" and not LOOPBACK.match(plain):
            add(offset, f"insecure http: link {shown}", f"use https: ({'https:' + shown[5:]}) if the site offers it, or remove the link")

    for match in TAG.finditer(body):
        tag = match.group(0)
        name = TAG_NAME.match(tag)[1].lower()  # type: ignore[index]
        for handler in EVENT_HANDLER.finditer(tag):
            add(match.start() + handler.start(1), f"inline event handler '{handler[1]}=' in a <{name}> tag",
                f"remove '{handler[1]}=...': pages may not run scripts")
        if name == "img":
            alt = next((a[2] for a in ATTRIBUTE.finditer(tag) if a[1].lower() == "alt"), None)
            if alt is None or not normalised_url(alt):
                add(match.start(), "<img> without alt text",
                    'add alt="what the image shows" (for a purely decorative image, describe its role)')

    for match in INLINE_LINK.finditer(body):
        if match["bang"] and not match["text"].strip():
            add(match.start(), f"image without alt text: ![]({match['url']})",
                f"describe the image between the brackets: ![What it shows]({match['url']})")
    for match in REFERENCE_IMAGE.finditer(body):
        if not match["text"].strip():
            add(match.start(), "image without alt text", "describe the image between the brackets: ![What it shows][...]")
    return problems


def _urls(body: str, definitions: dict[str, str]) -> Iterator[tuple[int, str, str, str | None]]:
    """(offset, "link" or "media", URL, tag name) of every URL the page uses."""
    for match in INLINE_LINK.finditer(body):
        yield match.start("url"), "media" if match["bang"] else "link", match["url"], "image" if match["bang"] else None
    for match in REFERENCE_IMAGE.finditer(body):
        ref = (match["ref"] or match["text"]).strip().lower()
        if ref in definitions:
            yield match.start(), "media", definitions[ref], "image"
    images = {(m["ref"] or m["text"]).strip().lower() for m in REFERENCE_IMAGE.finditer(body)}
    for match in DEFINITION.finditer(body):
        if match["ref"].strip().lower() not in images:
            yield match.start("url"), "link", match["url"], None
    for match in AUTOLINK.finditer(body):
        yield match.start("url"), "link", match["url"], None
    for match in TAG.finditer(body):
        name = TAG_NAME.match(match.group(0))[1].lower()  # type: ignore[index]
        for attribute in ATTRIBUTE.finditer(match.group(0)):
            key = attribute[1].lower()
            if key not in URL_ATTRIBUTES:
                continue
            media = name in MEDIA_TAGS or key in ("src", "srcset", "poster", "data", "background")
            values = [v.strip().split(" ")[0] for v in attribute[2].strip("\"'").split(",")] if key == "srcset" else [attribute[2]]
            for value in values:
                yield match.start() + attribute.start(2), "media" if media else "link", value, f"<{name}>"
