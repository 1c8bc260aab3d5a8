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

"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment, FileSystemLoader, Template
from jinja2.bccache import Bucket
from markupsafe import Markup

from .catalog import Catalog

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
    """Renders the templates of ``partials/cop/`` with autoescaping, in the
    language set by :meth:`use`: every template can call ``t(key, **values)``
    (a label of labels.yml) and ``number(value)`` (in the language's digits).

    Compiling the templates costs more than rendering a language's blocks, so
    one ``Templates`` serves every language build of a run, and the runs of
    ``mkdocs serve`` (``hooks/cop_pages.py`` keeps it per theme): each build
    calls :meth:`use` first, which also has Jinja check whether a template
    file changed since (``auto_reload``)."""

    def __init__(self, env: Environment, **globals: Any) -> None:
        """``env``: the theme's environment (``config.theme.get_env()``);
        ``globals``: more values for every template, or replacements of
        ``t`` and ``number`` (tests)."""
        self.env = env.overlay(autoescape=True, trim_blocks=True, lstrip_blocks=True, auto_reload=True)
        # New dicts: an overlay shares its parent's filters and globals.
        self.env.filters = {**env.filters, "md": _markdown_filter}
        self.env.globals = {**env.globals, "t": self._t, "number": self._number, **globals}
        self._catalog: Catalog | None = None
        self._lang = ""
        # This build's templates and their macros, looked up once each.
        self._templates: dict[str, Template] = {}
        self._modules: dict[str, Any] = {}

    @classmethod
    def from_folders(cls, folders: list[Path], **globals: Any) -> Templates:
        """Templates outside a MkDocs build (tests, scripts): the first folder
        that has a template wins, as with the theme's ``custom_dir``."""
        return cls(Environment(loader=FileSystemLoader([str(f) for f in folders])), **globals)

    def use(self, catalog: Catalog, lang: str) -> Templates:
        """Render for a new build, in ``lang``."""
        self._catalog, self._lang = catalog, lang
        self._templates.clear()
        self._modules.clear()
        return self

    def _t(self, key: str, **values: object) -> str:
        assert self._catalog is not None, "Templates.use() sets the language first"
        return self._catalog.label(self._lang, key, **values)

    def _number(self, value: int | str) -> str:
        assert self._catalog is not None, "Templates.use() sets the language first"
        return self._catalog.number(self._lang, value)

    def _template(self, name: str) -> Template:
        template = self._templates.get(name)
        if template is None:
            template = self._templates[name] = self.env.get_template(f"{FOLDER}/{name}")
        return template

    def render(self, name: str, **values: Any) -> str:
        """The HTML of template ``partials/cop/<name>``."""
        return self._template(name).render(**values)

    def macros(self, name: str) -> Any:
        """The macros of template ``partials/cop/<name>``, to call from Python
        (for fragments that open and close around Markdown, such as a
        checklist item around its heading)."""
        module = self._modules.get(name)
        if module is None:
            module = self._modules[name] = self._template(name).module
        return module


class CompiledTemplates(BytecodeCache):
    """The theme's compiled templates, kept in memory between builds and,
    with :attr:`folder` set, between runs.

    MkDocs gives every build a new Jinja environment, so each language build,
    and each rebuild of ``mkdocs serve``, parsed and compiled Material's
    templates again: about a fifth of a one-language build. Jinja checks each
    entry against its template's source (a checksum) and the Python version
    that compiled it, so an edited template is compiled afresh, never
    answered from here.

    :attr:`folder`: where compiled templates are kept for the next run (the
    ``cache`` setting's ``templates/``, as for the check results in
    ``cop.memo``; ``None`` in a release and with the cache off). Compiling
    them again in every ``mkdocs build`` process cost each of the test
    suite's builds, and an editor's, about half a second.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}
        self.folder: Path | None = None

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is None and self.folder is not None:
            try:
                code = (self.folder / f"{bucket.key}.jinja").read_bytes()
            except OSError:
                return  # not compiled yet on this machine
        if code is not None:
            try:
                bucket.bytecode_from_string(code)  # Jinja resets it if the source changed
            except (EOFError, ValueError, TypeError):
                bucket.reset()  # a damaged file only costs a compilation

    def dump_bytecode(self, bucket: Bucket) -> None:
        code = self._code[bucket.key] = bucket.bytecode_to_string()
        if self.folder is None:
            return
        target = self.folder / f"{bucket.key}.jinja"
        temporary = target.with_suffix(f".{os.getpid()}.tmp")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(code)
            os.replace(temporary, target)  # whole or not at all, even with two builds at once
        except OSError:
            temporary.unlink(missing_ok=True)  # a read-only or full disk costs the next run time
