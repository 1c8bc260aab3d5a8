"""The Jinja2 templates of the generated HTML blocks (``overrides/partials/cop/``).

Rendered the way Material's tags plugin renders its fragments: through the
theme's own Jinja environment, so a site's ``custom_dir`` can override any of
them, but in an overlay of it that escapes every value (``autoescape=True``):
the theme's environment does not autoescape, and Material's templates rely on
that. A template's values are therefore plain text unless the Python side
marks them as HTML (``Markup``), which it does only for HTML it made itself
(the page's converted content, the checklist's JSON). ``trim_blocks`` and
``lstrip_blocks`` let the templates be indented for reading without that
indentation reaching the page.

One environment is made per language build (``hooks/cop_pages.py``); each
template is compiled once for it, on first use.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

# Where the templates live, under the theme's folders (custom_dir: overrides).
FOLDER = "partials/cop"

# Characters that Python-Markdown reads as markup in inline text. "<" and "&"
# are not among them: a backslash before them would stay visible, so they are
# written as entities instead. Quotes stay as they are (no attribute here).
_MD_SPECIAL = re.compile(r"([\\`*_\[\]>|])")


def markdown_text(text: str) -> str:
    """Text that shows as written when placed in Markdown inline content
    (a heading, a table cell, link text, the text of an inline HTML link)."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def _markdown_filter(value: Any) -> Markup:
    """Jinja filter ``md``: ``markdown_text`` as HTML-safe markup."""
    return Markup(markdown_text(str(value)))


@dataclass(frozen=True)
class Link:
    """A link to a page of the site (``partials/cop/links.html`` writes it):
    ``cid`` is a commitment's ID, shown before the text; ``title`` a tooltip."""

    href: str
    text: str
    cid: str = ""
    title: str = ""


class Templates:
    """Renders the templates of ``partials/cop/`` with autoescaping."""

    def __init__(self, env: Environment, **globals: Any) -> None:
        """``env``: the theme's environment (``config.theme.get_env()``);
        ``globals``: what every template may use, such as the language
        build's ``t`` (a label of labels.yml) and ``number`` (its digits)."""
        self.env = env.overlay(autoescape=True, trim_blocks=True, lstrip_blocks=True)
        # New dicts: an overlay shares its parent's filters and globals.
        self.env.filters = {**env.filters, "md": _markdown_filter}
        self.env.globals = {**env.globals, **globals}
        self._modules: dict[str, Any] = {}

    @classmethod
    def from_folders(cls, folders: list[Path], **globals: Any) -> Templates:
        """Templates outside a MkDocs build (tests, scripts): the first folder
        that has a template wins, as with the theme's ``custom_dir``."""
        return cls(Environment(loader=FileSystemLoader([str(f) for f in folders])), **globals)

    def render(self, name: str, **values: Any) -> str:
        """The HTML of template ``partials/cop/<name>``."""
        return self.env.get_template(f"{FOLDER}/{name}").render(**values)

    def macros(self, name: str) -> Any:
        """The macros of template ``partials/cop/<name>``, to call from Python
        (for fragments that open and close around Markdown, such as a
        checklist item around its heading)."""
        module = self._modules.get(name)
        if module is None:
            module = self._modules[name] = self.env.get_template(f"{FOLDER}/{name}").module
        return module
