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


def check(text: str, file: str, body: str | None = None) -> list[Problem]:
    """Every safety problem of one Markdown file, with its line (``body``:
    its :func:`prose`, when the caller has it already)."""
    body = prose(text) if body is None else body
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


# --- Front matter ---------------------------------------------

# The keys something reads: MkDocs (title, template), Material (description,
# hide, search, status, subtitle, icon, tags), our hooks (translation: the
# fingerprints scripts/check --stamp writes). The i18n plugin reads none.
FRONT_MATTER = {
    "title": "str", "description": "str", "subtitle": "str", "template": "str", "status": "str", "icon": "str",
    "hide": "list", "tags": "list", "search": "dict", "translation": "dict",
}
HIDE = {"navigation", "toc", "footer", "path", "tags", "feedback"}
# Head fields the theme prints without escaping: no markup, and no quote in the
# description, which sits in an attribute (<meta name="description" content="...">).
_HEAD_MARKUP = re.compile(r"<[A-Za-z/!?]|&#?[A-Za-z0-9]+;")


def front_matter(front: dict, file: str) -> list[Problem]:
    """Every key of a page's front matter is one the site reads, with a value
    of the right kind; the title and description are plain text."""
    from .yamlfile import line_of

    problems: list[Problem] = []
    for key, value in front.items():
        line = (line_of(front, key) or 1) + 1  # the front matter starts on line 2
        kind = FRONT_MATTER.get(key) if isinstance(key, str) else None
        if kind is None:
            close = [k for k in FRONT_MATTER if k.startswith(str(key)[:3])]
            problems.append(Problem(file, line, f"unknown front matter key '{key}'",
                                    f"use only: {', '.join(sorted(FRONT_MATTER))}" + (f" (did you mean '{close[0]}'?)" if close else "")))
            continue
        expected = {"str": str, "list": list, "dict": dict}[kind]
        if not isinstance(value, expected) or (kind == "list" and not all(isinstance(v, str) for v in value)):
            shape = {"str": "text on one line", "list": "a list of words ([a, b])", "dict": "indented 'key: value' lines"}[kind]
            problems.append(Problem(file, line, f"front matter '{key}' must be {shape}, not {type(value).__name__}",
                                    f"write '{key}: ' followed by {shape}"))
            continue
        if key in ("title", "description", "subtitle"):
            bad = _HEAD_MARKUP.search(value) or (key == "description" and '"' in value and re.search('"', value))
            if bad:
                problems.append(Problem(file, line, f"front matter '{key}' holds '{bad.group(0)}': it is shown as plain text "
                                        "in the page's head and navigation",
                                        "write plain text: no tags or &...; (and, in a description, “curly” quotes instead of \")"))
        if key == "hide":
            for item in set(value) - HIDE:
                problems.append(Problem(file, line, f"'hide: {item}' is not a part of the page the theme can hide",
                                        f"use: {', '.join(sorted(HIDE))}"))
        if key == "template" and not re.fullmatch(r"[a-z0-9_-]+\.html", value):
            problems.append(Problem(file, line, f"template '{value}' is not the name of a theme template",
                                    "remove 'template:' (pages use the theme's own), or name a file of overrides/ such as main.html"))
    return problems


# --- Files under docs/ that are not Markdown -------------------

# Published as they are, on the site's own origin: only kinds that run nothing.
ALLOWED_FILES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".svg", ".pdf", ".csv", ".json", ".txt"}
_SVG_RULES = [
    (re.compile(r"<!DOCTYPE[^>]*\[|<!ENTITY", re.I), "declares its own entities (a document type)",
     "export the drawing again without a DOCTYPE (Inkscape: Save as > Optimized SVG)"),
    (re.compile(r"<\s*script\b", re.I), "holds a <script>", "remove the script: drawings may not run code"),
    (re.compile(r"<\s*(foreignObject|iframe|embed|object|handler|listener)\b", re.I), "embeds other content",
     "remove the element: export the drawing as plain shapes"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "has an event handler (on...=)", "remove the handler: drawings may not run code"),
    (re.compile(r"""\s(?:xlink:)?href\s*=\s*["']?\s*(?!#)[^"'\s>]""", re.I), "refers to another file or site",
     "keep only references inside the drawing (href=\"#id\"); save images it shows inside it"),
    (re.compile(r"url\(\s*['\"]?\s*(?!#)", re.I), "loads something with url()", "use url(#id) for gradients and patterns only"),
    (re.compile(r"@import|javascript:|data:text/html", re.I), "imports a style sheet or holds a script URL",
     "remove it"),
]


def other_files(docs_dir: "Path", allowed_html: tuple[str, ...] = ()) -> list[Problem]:  # type: ignore[name-defined]
    """Every file under ``docs_dir`` that is not a page: an allowed kind, and
    an SVG drawing without scripts, handlers or outside references."""
    from pathlib import Path

    problems: list[Problem] = []
    root = Path(docs_dir)
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.suffix == ".md" or any(part.startswith(".") for part in path.relative_to(root).parts):
            continue
        rel = path.relative_to(root).as_posix()
        file = f"docs/{rel}"
        suffix = path.suffix.lower()
        if suffix in (".html", ".htm", ".xhtml") and rel in allowed_html:
            continue
        if suffix not in ALLOWED_FILES:
            problems.append(Problem(file, None, f"'{suffix or path.name}' files are not published from docs/ "
                                    "(a page must be Markdown; other files only images, PDFs and data)",
                                    "write the page in Markdown, or remove the file"
                                    + (" (an HTML file the site must publish as it is is listed in the settings)"
                                       if suffix in (".html", ".htm", ".xhtml") else "")))
            continue
        if suffix == ".svg":
            text = path.read_bytes().decode("utf-8", errors="replace")
            lines = Lines(text)
            for pattern, what, fix in _SVG_RULES:
                match = pattern.search(text)
                if match:
                    problems.append(Problem(file, lines(match.start()), f"the drawing {what}", fix))
    return problems


# --- Language of a page ----------------------------------------

_KHMER = re.compile(r"[\u1780-\u17ff]")
_LATIN = re.compile(r"[A-Za-z]")
# What is not prose: link targets, HTML tags, [[ID]] references, attribute
# lists, directives, URLs and commitment IDs.
_NOT_PROSE = re.compile(r"\]\([^)\n]*\)|<[^>\n]*>|\[\[[^\]\n]*\]\]|\{[^}\n]*\}|https?://\S+|\b[A-Z]{2,4}-\d+\b|^\[[^\]]+\]:.*$",
                        re.M)


def language(text: str, lang: str, stamped: bool, file: str, khmer: str = "km", body: str | None = None) -> list[Problem]:
    """A page in the wrong language: a stamped Khmer translation whose prose
    is more than half Latin letters, or an English page mostly in Khmer
    (``body``: the page's :func:`prose`, when the caller has it already)."""
    if lang == khmer and not stamped:
        return []
    if lang != khmer and len(_KHMER.findall(text)) <= 100:
        return []  # fewer than 100 Khmer letters: not mostly Khmer (a page judged has 200 letters or more)
    body = _NOT_PROSE.sub(" ", prose(text) if body is None else body)
    latin, native = len(_LATIN.findall(body)), len(_KHMER.findall(body))
    if latin + native < 200:
        return []  # too little prose to judge
    if lang == khmer and latin > native:
        return [Problem(file, None, f"this translation is mostly in Latin letters ({100 * latin // (latin + native)}%), "
                        "yet it is stamped as translated",
                        "translate the page into Khmer, then run scripts/check --stamp " + file
                        + "; or, until then, remove its 'translation:' record so it shows as outdated")]
    if lang != khmer and native > latin:
        return [Problem(file, None, f"this page is mostly in Khmer ({100 * native // (latin + native)}%), "
                        "but its name says it is in English",
                        "move the Khmer text to the Khmer file (the same name ending in .km.md) and restore the English")]
    return []
