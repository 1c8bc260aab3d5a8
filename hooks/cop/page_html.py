"""Corrections to the HTML the theme writes around every page.

Material for MkDocs (pinned in pyproject.toml) writes a few things that the Nu
HTML checker or axe-core reject, in partials that offer no block to override.
Copying those templates into ``overrides/`` would freeze a copy of the theme,
so the built page is corrected instead (``hooks/cop_html.py``, ``on_post_page``).
Each correction matches the theme's exact markup; when an upgrade of the theme
changes it, the correction finds nothing and ``tests/test_valid_html.py``
fails, naming the rule again.

Pure functions on strings: no MkDocs objects, no files.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin

# nav-item.html writes tabindex="{{ tabindex }}" on a section's label, with the
# variable left unset for sections (navigation.sections): an empty tabindex is
# not an integer (Nu: "Bad value '' for attribute tabindex"). Browsers ignore
# an empty value, so dropping the attribute changes nothing for readers.
_EMPTY_TABINDEX = re.compile(r'(<label\b[^>]*?) tabindex=""')

# base.html's two toggles (drawer and search) are checkboxes with
# autocomplete="off", which HTML allows only on text-like inputs (Nu). Material
# meant it to stop Firefox restoring an open menu after a reload; a stale open
# menu after a reload in one browser is the lesser harm than invalid markup.
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?) autocomplete="off"')

# toc.html titles the table of contents with <label for="__toc">, which opens
# the contents on a phone. On a section's index page (navigation.indexes)
# nav-item.html writes no #__toc control, so the label names nothing (Nu: "for
# must be the ID of a non-hidden form control"): there it becomes a plain title.
_TOC_LABEL = re.compile(r'<label class="md-nav__title" for="__toc">(.*?)</label>', re.S)

# search.html gives the search a role="dialog" but no name (axe
# "aria-dialog-name"): the dialog takes the name of its own search box.
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_SEARCH_BOX_NAME = re.compile(r'<input type="text" class="md-search__input" name="query" aria-label="([^"]*)"')

# nav-item.html names each section's menu by the label that opens it; with
# navigation.indexes that label holds only an icon (the section's name is the
# index page's link beside it), so several menus had no name, and the same
# empty one (axe "landmark-unique"). The menu's own title, just inside it,
# holds the name: the menu is named by its title instead.
_SECTION_NAV = re.compile(r'(<nav class="md-nav" data-md-level="\d+" aria-labelledby=")__nav_([\w]+)_label("[^>]*>\s*'
                          r'<label class="md-nav__title" for="__nav_\2")>')

# base.html's links to the page in the other languages, written relative; a
# search engine needs them absolute (Lighthouse "hreflang").
_ALTERNATE = re.compile(r'<link rel="alternate" href="([^"]*)" hreflang="([^"]*)">')


def drop_empty_tabindex(page: str) -> str:
    return _EMPTY_TABINDEX.sub(r"\1", page)


def drop_checkbox_autocomplete(page: str) -> str:
    return _CHECKBOX_AUTOCOMPLETE.sub(r"\1", page)


def untie_toc_title(page: str) -> str:
    """The contents' title stays a label only where its control exists."""
    if 'id="__toc"' in page:
        return page
    return _TOC_LABEL.sub(r'<div class="md-nav__title">\1</div>', page)


def name_search_dialog(page: str) -> str:
    match = _SEARCH_BOX_NAME.search(page)
    if match is None or _SEARCH_DIALOG not in page:
        return page
    return page.replace(_SEARCH_DIALOG, _SEARCH_DIALOG[:-1] + f' aria-label="{match[1]}">', 1)


def name_section_menus(page: str) -> str:
    return _SECTION_NAV.sub(r'\1__nav_\2_title\3 id="__nav_\2_title">', page)


def absolute_alternates(page: str, canonical_url: str | None) -> str:
    """The head's language alternates as absolute addresses, resolved against
    the page's own canonical address (none without a site address: then they
    stay relative, which is all an unpublished copy can say)."""
    if not canonical_url:
        return page

    def absolute(match: re.Match[str]) -> str:
        href = urljoin(canonical_url, html.unescape(match[1]))
        return f'<link rel="alternate" href="{html.escape(href)}" hreflang="{match[2]}">'

    return _ALTERNATE.sub(absolute, page)


def correct(page: str, canonical_url: str | None) -> str:
    """Every correction, in the order above."""
    page = drop_empty_tabindex(page)
    page = drop_checkbox_autocomplete(page)
    page = untie_toc_title(page)
    page = name_search_dialog(page)
    page = name_section_menus(page)
    return absolute_alternates(page, canonical_url)


# --- Tables that reflow on a phone ------------------------------------------

# A Markdown table (no class: the theme's data table) with a header row. On a
# phone each row becomes a card, each cell under its column's header
# (cop.css): the hook writes the header's text on every cell as data-label.
_TABLE = re.compile(r"<table>(.*?)</table>", re.S)
_THEAD = re.compile(r"<thead>(.*?)</thead>", re.S)
_HEADER_CELL = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
_ROW = re.compile(r"(<tr\b[^>]*>)(.*?)(</tr>)", re.S)
_CELL_START = re.compile(r"<(td|th)\b")
_TAG = re.compile(r"<[^>]+>")


def _text(cell: str) -> str:
    return " ".join(html.unescape(_TAG.sub("", cell)).split())


def stack_tables(content: str) -> str:
    """Every class-less table with a header row gets ``data-cop-stack`` and
    its body cells a ``data-label`` with their column's header text."""

    def table(match: re.Match[str]) -> str:
        inner = match[1]
        head = _THEAD.search(inner)
        if head is None:
            return match[0]
        labels = [_text(cell) for cell in _HEADER_CELL.findall(head[1])]
        body_start = head.end()

        def row(row_match: re.Match[str]) -> str:
            cells = iter(labels)

            def cell(cell_match: re.Match[str]) -> str:
                label = next(cells, "")
                if cell_match[1] != "td" or not label:
                    return cell_match[0]
                return f'{cell_match[0]} data-label="{html.escape(label)}"'

            return row_match[1] + _CELL_START.sub(cell, row_match[2]) + row_match[3]

        body = _ROW.sub(row, inner[body_start:])
        return f"<table data-cop-stack=\"\">{inner[:body_start]}{body}</table>"

    return _TABLE.sub(table, content)
