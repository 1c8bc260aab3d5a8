"""What the site is, in the page's language.

One statement (``identity`` in ``model/labels.yml``), shown near the top of
the home page and of every commitments page, and on every printed page and
PDF with the date of the content and the release beside it.
"""

from __future__ import annotations

import time

from .catalog import Catalog

# Pages whose top carries the on-screen banner: the home page and every page
# that holds commitments (a deep link to one lands on these).
HOME = "index.md"
# The page that explains the site and where the official text is.
ABOUT = "about.md"
ABOUT_ANCHOR = "official-text"


def content_date(dates: dict[str, str]) -> str:
    """The date of the newest page (from git), or today (UTC) outside git."""
    return max(dates.values(), default=None) or time.strftime("%Y-%m-%d", time.gmtime())


def written_date(catalog: Catalog, lang: str, iso: str) -> str:
    """``2026-12-01`` in the language's words and digits."""
    year, month, day = (int(part) for part in iso.split("-"))
    months = catalog.label(lang, "updated.months").split()
    return catalog.label(lang, "updated.date", day=day, month=months[month - 1], year=year)


def shows_banner(catalog: Catalog, lang: str, page: str) -> bool:
    """The home page and every page that holds commitments."""
    return page == HOME or page in {placed.page for placed in catalog.placed[lang].values()}


def statement(catalog: Catalog, lang: str, page: str, dates: dict[str, str], about_href: str) -> dict[str, object]:
    """What ``overrides/partials/cop-identity.html`` writes for ``page``;
    ``about_href``: the about page in this build, relative to ``page``."""
    iso = content_date(dates)
    return {
        "text": catalog.label(lang, "identity"),
        "short": catalog.label(lang, "identity.short"),
        "more": catalog.label(lang, "identity.more"),
        "href": f"{about_href}#{ABOUT_ANCHOR}",
        "date_iso": iso,
        "as_of": catalog.label(lang, "identity.as_of", date=written_date(catalog, lang, iso)),
        "banner": shows_banner(catalog, lang, page),
        "footer_css": css_string(catalog.label(lang, "identity.short") + " " +
                                 catalog.label(lang, "identity.as_of", date=written_date(catalog, lang, iso))),
    }


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string: backslash, quote, newline and ``<`` escaped."""
    return '"' + "".join(f"\\{ord(ch):x} " if ch in '\\"\n<>' else ch for ch in text) + '"'


def updated(catalog: Catalog, lang: str, date: str) -> dict[str, str]:
    """"Last updated": the label and the date written in the language (Khmer digits and month names)."""
    year, month, day = (int(part) for part in date.split("-"))
    months = catalog.label(lang, "updated.months").split()
    return {
        "label": catalog.label(lang, "updated.label") + catalog.label(lang, "colon"),
        "iso": date,
        "text": catalog.label(lang, "updated.date", day=day, month=months[month - 1], year=year),
    }
