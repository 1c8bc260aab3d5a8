"""Sources and bases in words, in one language.

A source (``model/sources.yml``) becomes a citation: publisher, title, date,
and its address, "print", or why there is none. A commitment's basis becomes a
short statement per part. Pure functions over the catalog; the renderer, the
exports and the footnotes use them, so every place says the same.
"""

from __future__ import annotations

import re

from .catalog import Catalog
from .model import LEGAL_KINDS, Basis, Locator
from .sources import Source


def written_date(catalog: Catalog, lang: str, value: str) -> str:
    """``2023-07-07`` -> "7 July 2023"; ``2023-07`` -> "July 2023"; ``2022`` -> "2022"
    (in the language's words and digits)."""
    parts = value.split("-")
    months = catalog.label(lang, "updated.months").split()
    if len(parts) == 3:
        return catalog.label(lang, "updated.date", day=int(parts[2]), month=months[int(parts[1]) - 1], year=int(parts[0]))
    if len(parts) == 2:
        return catalog.label(lang, "source.month", month=months[int(parts[1]) - 1], year=int(parts[0]))
    return catalog.number(lang, value)


def source_date(catalog: Catalog, lang: str, source: Source) -> str:
    if source.date == "undated":
        return catalog.label(lang, "source.undated", date=written_date(catalog, lang, source.read or ""))
    return written_date(catalog, lang, source.date)


def _where(catalog: Catalog, lang: str, source: Source, address: str) -> str:
    """Where a reader can check the source: its address and the day we read
    it there (an undated source says the day with its date), "print" and the
    official reference, or why there is no address."""
    if source.address == "print":
        reference = (source.reference or {}).get(lang)
        return catalog.label(lang, "source.print") + (f", {reference}" if reference else "")
    if source.address:
        read = source.read if source.read and source.date != "undated" else None
        return address + (" " + catalog.label(lang, "source.read", date=written_date(catalog, lang, read)) if read else "")
    return catalog.label(lang, "source.no_address", why=(source.no_address or {}).get(lang, ""))


def citation_text(catalog: Catalog, lang: str, source: Source) -> str:
    """Plain text: "Publisher, Title, 7 July 2023, https://... (read ...)" (for exports)."""
    return f"{source.publisher[lang]}, {source.title[lang]}, {source_date(catalog, lang, source)}, " \
           f"{_where(catalog, lang, source, source.address or '')}"


def citation_markdown(catalog: Catalog, lang: str, source: Source) -> str:
    """Markdown for a footnote: the title in italics, the address as a link."""
    title = re.sub(r"([*_\[\]])", r"\\\1", source.title[lang])
    where = _where(catalog, lang, source, f"<{source.address}>" if source.address else "")
    return f"{source.publisher[lang]}, *{title}*, {source_date(catalog, lang, source)}, {where}"


def locator_text(catalog: Catalog, lang: str, locator: Locator) -> str:
    """``section "Legal definitions"``, ``page 12``: where in its source a
    basis rests, in the language's words (a number in its digits)."""
    value = catalog.number(lang, locator.value) if locator.value.isdigit() else locator.value
    return catalog.label(lang, f"basis.locator.{locator.kind}", value=value)


def basis_text(catalog: Catalog, lang: str, basis: Basis) -> str:
    """One basis in words: its kind, and for a legal duty its name, source,
    the passage of the source and the day it was checked; for the aims, their
    source."""
    model = catalog.model
    words = catalog.label(lang, f"basis.{basis.kind}")
    colon = catalog.label(lang, "colon")
    details: list[str] = []
    if basis.kind in LEGAL_KINDS and basis.law:
        details.append(model.sources.laws[basis.law][lang])
    if basis.source:
        source = model.sources.sources[basis.source]
        cited = citation_text(catalog, lang, source)
        if basis.locator:
            cited += ", " + locator_text(catalog, lang, basis.locator)
        details.append(catalog.label(lang, "basis.per") + " " + cited)
    if basis.checked:
        details.append(catalog.label(lang, "basis.checked", date=written_date(catalog, lang, basis.checked)))
    text = words + (f"{colon} " + catalog.label(lang, "basis.join").join(details) if details else "")
    if basis.part:
        text = f"{basis.part[lang]}{colon} {text}"
    return text


def note_text(catalog: Catalog, lang: str, basis: Basis) -> str | None:
    return catalog.model.sources.notes[basis.note][lang] if basis.note else None
