"""Safety of the HTML a page ships: an allowlist, checked on the output.

The source checks (``cop.safety``) read the Markdown an editor wrote; the
browser runs the HTML that Markdown, its extensions (``attr_list`` can add any
attribute) and our hooks make of it. This module checks that HTML: the page's
content area after every hook (``on_page_content``), generated blocks included.

The allowlist engine is nh3 (Python bindings of Rust's ammonia sanitizer): the
content is cleaned with the allowlist below, and every element or attribute
the cleaner would remove is a problem. Both the content and the cleaned HTML
are read with the same parser, so only real removals count, never a
difference of spelling. The source is used only to find the line to report.

What is allowed: prose elements (those Markdown, our extensions and our
generated blocks write), the self-assessment controls, attributes without
behaviour, links to anywhere but ``javascript:`` and the like, media and
every other URL only from this site (relative), and ``style`` only with the
properties our templates and Markdown's tables write (``text-align``): a style
could cover the whole page with a link (``position: fixed``) or hide text.
Everything else (``script``, ``style``, ``base``, ``meta``,
``link``, ``form``, ``object``, ``embed``, ``iframe``, ``svg``, event
handlers...) is removed by the cleaner, so reported.
"""

from __future__ import annotations

import re
from collections import Counter
from html import unescape
from html.parser import HTMLParser

import nh3

from .problems import Problem
from .scan import split_front_matter

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "button", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "dfn", "div", "dl", "dt", "em", "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "input", "ins", "kbd", "label", "legend", "li", "mark", "nav", "ol", "p", "pre", "q",
    "s", "samp", "section", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "textarea",
    "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr", "aside", "article", "header", "footer",
}
# Attributes without behaviour, on every element (data-* and aria-* too).
GENERIC = {"id", "class", "title", "lang", "dir", "hidden", "role", "tabindex", "style"}
ATTRIBUTES = {
    "*": GENERIC,
    "a": {"href", "download", "hreflang", "rel", "target", "type"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "td": {"colspan", "rowspan", "headers"},
    "th": {"colspan", "rowspan", "headers", "scope", "abbr"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "details": {"open"},
    "time": {"datetime"},
    "del": {"datetime", "cite"},
    "ins": {"datetime", "cite"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "input": {"name", "value", "accept", "checked", "disabled"},
    "textarea": {"name", "rows", "cols"},
    "label": {"for"},
    "fieldset": {"name"},
}
# Form controls do nothing but hold the self-assessment's answers in the page
# (texts and dates for owners, due dates and evidence): no submit, no image
# input, no password box.
VALUES = {"input": {"type": {"radio", "checkbox", "file", "text", "date"}}, "button": {"type": {"button"}}}
SCHEMES = {"http", "https", "mailto", "tel"}
# Attributes that make the browser fetch: only from this site (relative).
FETCHING = {"src", "srcset", "poster", "background", "data", "cite"}
# What a style may not contain: anything that fetches (url(), image-set(),
# @import), old IE scripting, and CSS escapes that could spell them.
STYLE_FETCH = re.compile(r"url\(|image\(|image-set\(|cross-fade\(|element\(|expression\(|@import|\\|/\*|behavior|-moz-binding",
                         re.I)
# Our own generated data blocks: JSON, never run, read by our scripts. The
# JSON has every "</" escaped (cop/render.py), so the first "</script>" ends it.
OUR_JSON = re.compile(r'<script type="application/json" id="cop-(?:checklist-data|known-ids|retired-data|assessment-data)">[^\x00]*?</script>')
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")


# The only style a page may carry: aligning text (Markdown's table columns,
# the matrix's numbers, a centred paragraph). Nothing that moves, covers,
# hides or recolours the page around the content.
STYLE_ALLOWED = {"text-align": {"left", "right", "center", "justify", "start", "end"}}


def style_allowed(value: str) -> bool:
    """True when every declaration of a style attribute is on the allowlist."""
    if STYLE_FETCH.search(value):
        return False
    for declaration in value.split(";"):
        if not declaration.strip():
            continue
        name, colon, setting = declaration.partition(":")
        allowed = STYLE_ALLOWED.get(name.strip().lower())
        if not colon or allowed is None or setting.strip().lower() not in allowed:
            return False
    return True


def _attribute_filter(element: str, attribute: str, value: str) -> str | None:
    if attribute == "style":
        return value if style_allowed(value) else None
    if attribute in FETCHING:
        # Browsers read "\\" as "/" in a URL: "/\\evil.example/x.png" is "//evil.example/x.png".
        plain = "".join(ch for ch in value if ch > " ").lower().replace("\\", "/")
        return None if _SCHEME.match(plain) or plain.startswith("//") else value
    return value


def clean(html: str) -> str:
    """``html`` with everything outside the allowlist removed."""
    return nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags={"script", "style"},
        attributes=ATTRIBUTES,
        attribute_filter=_attribute_filter,
        strip_comments=False,
        link_rel=None,
        generic_attribute_prefixes={"data-", "aria-"},
        tag_attribute_values=VALUES,
        url_schemes=SCHEMES,
    )


class _Inventory(HTMLParser):
    """Every element and every attribute (with its value) of an HTML text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: Counter[str] = Counter()
        self.attributes: Counter[tuple[str, str, str]] = Counter()
        self.order: list[tuple[str, str | None, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements[tag] += 1
        self.order.append((tag, None, None))
        for name, value in attrs:
            self.attributes[(tag, name, value or "")] += 1
            self.order.append((tag, name, value or ""))

    handle_startendtag = handle_starttag


def _inventory(html: str) -> _Inventory:
    parser = _Inventory()
    parser.feed(html)
    parser.close()
    return parser


def removed(html: str) -> list[tuple[str, str | None, str | None]]:
    """What the allowlist removes from ``html``, in document order:
    (element, None, None) for an element, (element, attribute, value) for an
    attribute of an element that stays."""
    html = OUR_JSON.sub("", html)
    before = _inventory(html)
    after = _inventory(clean(html))
    gone_elements = before.elements - after.elements
    gone_attributes = before.attributes - after.attributes
    out: list[tuple[str, str | None, str | None]] = []
    element_gone = False
    for tag, name, value in before.order:
        if name is None:
            element_gone = gone_elements[tag] > 0
            if element_gone:
                gone_elements[tag] -= 1
                out.append((tag, None, None))
        elif element_gone:
            continue  # the element is reported; its attributes go with it
        elif gone_attributes[(tag, name, value or "")] > 0:
            gone_attributes[(tag, name, value or "")] -= 1
            out.append((tag, name, value))
    return out


def _what(tag: str, name: str | None, value: str | None) -> tuple[str, str, str]:
    """(what is wrong, the fix, a text to look for in the source)."""
    if name is None:
        if tag in ("script", "noscript"):
            return f"<{tag}> element", "remove it: pages may not run scripts", f"<{tag}"
        if tag in ("iframe", "frame", "frameset", "object", "embed", "portal"):
            return (f"<{tag}> element (embeds another page or plug-in)",
                    "link to the content instead: [what it is](https://...)", f"<{tag}")
        if tag in ("base", "meta", "link", "style"):
            return (f"<{tag}> element (changes how the whole page loads or looks)",
                    "remove it: the theme sets the page's head and styles", f"<{tag}")
        if tag in ("form", "select", "option", "optgroup", "datalist", "output", "dialog"):
            return f"<{tag}> element (a form)", "remove it: pages hold no forms; describe the steps in prose", f"<{tag}"
        if tag in ("svg", "math", "animate", "set", "foreignobject", "use", "image"):
            return (f"inline <{tag}> element", "save a drawing as an .svg file under docs/assets/ and show it "
                    "with ![What it shows](../assets/name.svg)", f"<{tag}")
        if tag in ("input", "button"):
            return (f"<{tag}> of a kind pages may not hold (only the self-assessment's own controls)",
                    "remove it", f"<{tag}")
        return f"<{tag}> element, which pages may not use", "remove it, or write it with Markdown", f"<{tag}"
    shown = value if len(value or "") <= 60 else (value or "")[:57] + "..."
    if name.startswith("on"):
        return (f"event handler '{name}' on <{tag}>", f"remove '{name}=...' (and any '{{: {name}=... }}'): pages may not run scripts",
                name)
    if name == "style" and STYLE_FETCH.search(value or ""):
        return (f"style attribute that fetches or hides code: style=\"{shown}\"",
                "remove the style; use a class from the site's stylesheet, and images as ![What it shows](...)", "style")
    if name == "style":
        return (f"style attribute that can change the page around the content: style=\"{shown}\"",
                "remove the style: pages may only align text (style=\"text-align: center\"); anything else "
                "(position, size, colour, visibility) comes from the site's stylesheet", "style")
    if name in FETCHING:
        return (f"{name}=\"{shown}\" on <{tag}> loads from another origin or through a scheme",
                "save the file under docs/assets/ and link to it with a relative path", value or name)
    if name in ("href", "action", "formaction", "xlink:href"):
        scheme = _SCHEME.match("".join(ch for ch in (value or "") if ch > " ").lower())
        what = f"'{scheme[1]}:' URL" if scheme else "URL"
        return (f"{what} in {name}=\"{shown}\" on <{tag}>",
                "links must lead to a page or a document (https:, mailto:, tel: or a relative path), never run code",
                (value or name)[:20])
    return (f"attribute {name}=\"{shown}\" on <{tag}>, which pages may not use",
            f"remove it (and any '{{: {name}=... }}' after the paragraph or link)", name)


def _find(source: str, needle: str, start_line: int) -> int | None:
    """The first line of ``source`` (from ``start_line``) holding ``needle``, any case."""
    low = needle.lower()
    for number, line in enumerate(source.split("\n")[start_line - 1:], start=start_line):
        if low in line.lower():
            return number
    return None


# A fast first pass, all in nh3 (Rust): the page cleaned with the allowlist is
# compared with the page cleaned with an allowlist of everything it could
# hold (every name that could be a tag or an attribute, every scheme that
# could start a URL, found with generous patterns: over-counting is harmless).
# Both go through the same parser and serialiser, so they are equal exactly
# when the allowlist removes nothing; only a page where they differ is read
# again, in Python, to say what and where.
_TAG_NAME = re.compile(r"<([A-Za-z][^\t\n\f\r />]*)")
_SCHEME_TAIL = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*$")
_URL_NOISE = re.compile(r"[\t\n\r]")
_IMPLIED = {"html", "head", "body", "tbody", "tr", "colgroup"}
# Tags a fragment parser drops but a browser applies to the page it sits in
# (<body style=...> inside the article styles the real body): the precise check.
_DOCUMENT_TAG = re.compile(r"<(?:html|head|body|frameset|frame)[\s/>]", re.I)


def _everything(html: str) -> str:
    names = set(_TAG_NAME.findall(html))
    tags = names | {name.lower() for name in names} | _IMPLIED
    # The letters before each colon (a split: a pattern tried at every position is slower).
    decoded = _URL_NOISE.sub("", unescape(html)).split(":")
    schemes = {m[0].lower() for chunk in decoded[:-1] for m in [_SCHEME_TAIL.search(chunk[-256:])] if m} | SCHEMES
    # The empty prefix: every attribute, whatever its name.
    return nh3.clean(html, tags=tags, clean_content_tags=set(), attributes={}, generic_attribute_prefixes={""},
                     strip_comments=True, link_rel=None, url_schemes=schemes)


def _allowed(html: str) -> str:
    """The allowlist without the value checks of ``_attribute_filter`` (a call
    into Python for every attribute): those are made on its output instead."""
    return nh3.clean(html, tags=TAGS, clean_content_tags={"script", "style"}, attributes=ATTRIBUTES,
                     strip_comments=True, link_rel=None, generic_attribute_prefixes={"data-", "aria-"},
                     tag_attribute_values=VALUES, url_schemes=SCHEMES)


# In nh3's output every attribute is written name="value" (a '"' in a value as
# &quot;); text that only looks like one sends the page to the precise check.
_CHECKED_VALUE = re.compile(r'\s(style|src|srcset|poster|background|data|cite)="([^"]*)"')


def _values_pass(cleaned: str) -> bool:
    return all(_attribute_filter("", name, unescape(value) if "&" in value else value) is not None
               for name, value in _CHECKED_VALUE.findall(cleaned))


_START_TAG = re.compile(r"<[a-zA-Z][^>]*>")
_ID = re.compile(r'\sid="([^"]*)"')
_OUR_IDS = {"cop-checklist-data", "cop-known-ids", "cop-retired-data", "cop-assessment-data"}


def ids(html: str) -> list[str]:
    """Every id of the elements of ``html``, as written (character references kept)."""
    return _ID.findall(" ".join(tag for tag in _START_TAG.findall(html) if ' id="' in tag))


def _duplicate_ids(cleaned: str, file: str, source: str, skip: int) -> list[Problem]:
    """An id used twice: a link to it is ambiguous, and a second element with
    the id of one our scripts read (cop-checklist-data...) would stand in for it."""
    seen = set(_OUR_IDS)  # the ids of our data blocks, taken out before
    problems = []
    for value in ids(cleaned):
        if value in seen:
            name = unescape(value)
            problems.append(Problem(file, _find(source, "#" + name, skip + 1) or _find(source, name, skip + 1),
                                    f"the id '{name}' is used twice on the page (in the built page)",
                                    "give each heading or element its own id ({ #id } after it); "
                                    "ids starting with cop- are the build's own"))
        seen.add(value)
    return problems


# The fastest pass, one nh3 call: when the page is already written exactly as
# nh3 writes what its allowlist keeps, the allowlist removed nothing. Our
# pages differ from that spelling only in character references (&para; for
# the character, &#160; for &nbsp;) and in " />" closing void elements, so
# those are rewritten first, in ways that leave the parsed page unchanged: a
# reference becomes its character only when that character is not markup
# (<, >, &, quotes, nbsp and whitespace keep or take nh3's spelling), and
# never in a page with a single-quoted attribute. If then equal to nh3's
# output, the page parses to what the allowlist keeps; a page where this
# does not hold (a comment, an unusual spelling, anything removed) takes the
# two-pass comparison below, and then the precise check.
_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_NH3_SPELLING = {"\xa0": "&nbsp;", "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
_VOID_CLOSE = re.compile(r"<(br|hr|img|input|wbr|col)((?:\s[^<>\"']*?(?:\"[^\"]*\")?)*?) />")
_SINGLE_QUOTED = re.compile(r"=\s*'")


def _reference(match: re.Match[str]) -> str:
    char = unescape(match[0])
    if len(char) != 1:
        return match[0]
    if char in _NH3_SPELLING:
        return _NH3_SPELLING[char]
    return char if char > " " else match[0]


def _as_nh3_writes(html: str) -> str | None:
    """``html`` spelt as nh3 writes it, as far as cheaply known; None if not sure."""
    if "&" in html:
        html = _REFERENCE.sub(_reference, html)
    html = _VOID_CLOSE.sub(r"<\1\2>", html.replace("\xa0", "&nbsp;"))
    return None if _SINGLE_QUOTED.search(html) else html


def check(html: str, file: str, source: str) -> list[Problem]:
    """Everything in a page's content HTML the allowlist removes, as problems
    located in the page's source ``file`` (text ``source``); ids used twice."""
    html = OUR_JSON.sub("", html)
    allowed = _allowed(html)
    _, skip = split_front_matter(source)
    problems = _duplicate_ids(allowed, file, source, skip)
    if not _DOCUMENT_TAG.search(html) and _values_pass(allowed) and (
            allowed == _as_nh3_writes(html) or allowed == _everything(html)):
        return problems
    gone = removed(html)
    if not gone:
        return problems
    seen: set[tuple[str, int | None]] = set()
    for tag, name, value in gone:
        message, fix, needle = _what(tag, name, value)
        line = _find(source, needle, skip + 1) or (_find(source, name, skip + 1) if name else None)
        if (message, line) in seen:
            continue
        seen.add((message, line))
        problems.append(Problem(file, line, f"{message} (in the built page)", fix))
    return problems
