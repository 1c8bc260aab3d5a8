"""``[[ID]]`` and ``[[ID|text]]`` as a Python-Markdown inline extension.

Written the way Python-Markdown's own ``wikilinks`` extension is (an
``InlineProcessor`` registered in ``extendMarkdown``), so Markdown decides
where a reference can be: never in code (fenced, indented or inline), never in
raw HTML (its attributes included), since those are taken out of the text
before inline patterns run.

The extension knows nothing of the guidelines: the hooks register one instance
in ``on_config`` and, for each page, give it a resolver (the page's renderer)
before the page is converted. A reference the resolver does not know is kept
as written and recorded, so the hooks report it with its file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Optional

from markdown import Markdown, util
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor

# The body holds no brackets and no line break: "[[a]b]]" is not a reference.
PATTERN = r"\[\[(?P<id>[^\[\]\n|]*)(?:\|(?P<text>[^\[\]\n]*))?\]\]"
# After inline code (190) and raw inline HTML (90) have taken their text out,
# as Python-Markdown's wikilinks (75).
PRIORITY = 75


# The HTML of the link for (ID, text or None), its text escaped; None for an unknown ID.
Resolver = Callable[[str, Optional[str]], Optional[str]]


@dataclass
class References:
    """The state the hooks share with the extension for the page being converted."""

    resolve: Resolver | None = None
    unknown: list[str] = field(default_factory=list)  # IDs the resolver did not know, in order


class _Processor(InlineProcessor):
    def __init__(self, pattern: str, md: Markdown, references: References) -> None:
        super().__init__(pattern, md)
        self.references = references

    def handleMatch(self, m, data):  # type: ignore[no-untyped-def, override]
        item_id, text = m["id"].strip(), self._raw(m["text"])
        text = text.strip() if text is not None else None
        html = self.references.resolve(item_id, text or None) if self.references.resolve else None
        if html is None:
            self.references.unknown.append(item_id)
            return None, None, None  # kept as written
        # Stashed as raw HTML, as Python-Markdown's inline HTML is: the href is
        # already this build's URL, which MkDocs must not resolve again.
        return self.md.htmlStash.store(html), m.start(0), m.end(0)

    def _raw(self, text: str | None) -> str | None:
        """The text as written: raw HTML that Markdown stashed before us
        (``<b>`` in ``[[ID|<b>x</b>]]``) comes back as text, to be escaped."""
        if text is None:
            return None
        text = self.unescape(text)  # inline placeholders (code, escapes, raw HTML) back to their text
        stash = self.md.htmlStash.rawHtmlBlocks
        return _STASHED.sub(lambda m: str(stash[int(m[1])]) if int(m[1]) < len(stash) else "", text)


_STASHED = re.compile(re.escape(util.HTML_PLACEHOLDER).replace("%s", r"(\d+)"))


class ReferenceExtension(Extension):
    def __init__(self, references: References) -> None:
        super().__init__()
        self.references = references

    def extendMarkdown(self, md: Markdown) -> None:
        md.inlinePatterns.register(_Processor(PATTERN, md, self.references), "cop-references", PRIORITY)
