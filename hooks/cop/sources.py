"""The sources the site cites, the laws a commitment's basis names and the
notes on what is uncertain (``model/sources.yml``).

Every entry is checked: a source names its publisher, title and date and says
where a reader can check it: the address of the document itself with the day
we read it there, "print" with the text's official reference (a law's Royal
Kram number and date), or in words where the text can be obtained. Laws and
notes have words in every language. Footnotes cite sources by key
(:mod:`cop.citations`), commitments name them in their ``basis`` and
contacts in their ``source``; :func:`unused` reports a source nothing cites,
because a list of sources is only worth checking if each one backs a claim.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from . import yamlfile
from .problems import Problem

SOURCES = "model/sources.yml"
KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SOURCE_FIELDS = {"publisher", "title", "date", "read", "address", "reference", "no_address"}


@dataclass(frozen=True)
class Source:
    key: str
    publisher: dict[str, str]  # language -> text
    title: dict[str, str]
    date: str  # YYYY, YYYY-MM, YYYY-MM-DD or "undated"
    read: str | None  # YYYY-MM-DD
    address: str | None  # https://... or "print"
    no_address: dict[str, str] | None  # language -> why there is no address, and where to obtain the text
    reference: dict[str, str] | None = None  # language -> the official reference of a printed text
    line: int | None = None  # where the entry starts in model/sources.yml


@dataclass
class Sources:
    sources: dict[str, Source]
    laws: dict[str, dict[str, str]]
    notes: dict[str, dict[str, str]]


def _text(value: Any, languages: list[str]) -> dict[str, str] | None:
    """A text the same in every language, or one per language; None when a language lacks it."""
    if isinstance(value, str) and value.strip():
        return {lang: value.strip() for lang in languages}
    if isinstance(value, dict) and all(isinstance(value.get(l), str) and value[l].strip() for l in languages):
        return {lang: str(value[lang]).strip() for lang in languages}
    return None


def _as_text(value: Any) -> str:
    # YAML reads 2026-12-01 as a date and 2022 as a number.
    return value.isoformat() if hasattr(value, "isoformat") else str(value) if value is not None else ""


def load(root: Path, languages: list[str]) -> tuple[Sources, list[Problem]]:
    empty = Sources({}, {}, {})
    try:
        text = (root / SOURCES).read_text(encoding="utf-8")
    except FileNotFoundError:
        return empty, [Problem(SOURCES, None, "file is missing", f"restore {SOURCES} from version control")]
    data, problems = yamlfile.load(text, SOURCES)
    if problems:
        return empty, problems
    if not isinstance(data, dict) or not isinstance(data.get("sources"), dict):
        return empty, [Problem(SOURCES, 1, "expected a 'sources:' section of entries keyed by name",
                               "restore the file's structure from version control")]
    out = Sources({}, {}, {})
    langs = ", ".join(languages)
    for key, entry in data["sources"].items():
        line = yamlfile.line_of(data["sources"], key)
        key = str(key)

        def bad(message: str, fix: str, field: str | None = None) -> None:
            where = yamlfile.line_of(entry, field) if field and isinstance(entry, dict) else None
            problems.append(Problem(SOURCES, where or line, f"source '{key}': {message}", fix))

        if not KEY.match(key):
            bad("the key is not lower-case words joined by hyphens", "use a key like 'disrupting-harm'")
        if not isinstance(entry, dict):
            bad("has no fields", "give publisher, title, date and address")
            continue
        for name in sorted(set(entry) - SOURCE_FIELDS):
            bad(f"unknown field '{name}'", f"use only: {', '.join(sorted(SOURCE_FIELDS))}", name)
        publisher, title = _text(entry.get("publisher"), languages), _text(entry.get("title"), languages)
        if publisher is None:
            bad("has no publisher", f"add publisher: the organisation that published it (text, or one per language: {langs})", "publisher")
        if title is None:
            bad("has no title", f"add title: its title (text, or one per language: {langs})", "title")
        date = _as_text(entry.get("date"))
        read = _as_text(entry.get("read")) or None
        if date != "undated" and not DATE.match(date):
            bad(f"date {date or 'missing'!r} is not YYYY, YYYY-MM, YYYY-MM-DD or 'undated'",
                "add date: when it was published (date: undated for a web page with no date, with read: YYYY-MM-DD)", "date")
        if date == "undated" and not (read and DAY.match(read)):
            bad("is undated and does not say when we read it", "add read: YYYY-MM-DD, the day the page was read", "read")
        if read is not None and not DAY.match(read):
            bad(f"read {read!r} is not a day", "write read: YYYY-MM-DD", "read")
        address = entry.get("address")
        no_address = _text(entry.get("no_address"), languages) if "no_address" in entry else None
        reference = _text(entry.get("reference"), languages) if "reference" in entry else None
        if address is not None:
            address = str(address)
            problems.extend(Problem(SOURCES, yamlfile.line_of(entry, where) or line, f"source '{key}': {message}", fix)
                            for where, message, fix in _address_rule(address, read, "reference" in entry, langs))
        if (address is None) == (no_address is None):
            bad("needs exactly one of 'address' and 'no_address'",
                f"give address: https://... (or print), or no_address: why there is none, in {langs}",
                "no_address" if no_address else None)
        if "no_address" in entry and no_address is None:
            bad("'no_address' lacks a language", f"say why there is no address, and where to obtain the text, in {langs}", "no_address")
        if "reference" in entry and reference is None:
            bad("'reference' lacks a language", f"write the official reference in {langs}", "reference")
        out.sources[key] = Source(key, publisher or {}, title or {}, date, read, address, no_address, reference, line)
    for section in ("laws", "notes"):
        table = data.get(section) or {}
        if not isinstance(table, dict):
            problems.append(Problem(SOURCES, yamlfile.line_of(data, section), f"'{section}' must map keys to texts",
                                    f"write '{section}:' then 'key: {{{langs}}}' entries"))
            continue
        for key, value in table.items():
            texts = _text(value, languages)
            if texts is None or isinstance(value, str):
                problems.append(Problem(SOURCES, yamlfile.line_of(table, key), f"{section[:-1]} '{key}' needs its words in every language",
                                        f"give {langs}: ... under '{key}'"))
                texts = texts or {}
            getattr(out, section)[str(key)] = texts
    return out, problems


def _address_rule(address: str, read: str | None, has_reference: bool, langs: str) -> list[tuple[str | None, str, str]]:
    """(field, message, fix) for each way ``address`` breaks the rule: a web
    address names the document itself and the day we read it there; "print"
    comes with the text's official reference."""
    if address == "print":
        if not has_reference:
            return [("address", "is 'print' but gives no official reference",
                     f"add reference: the Royal Kram (or other official) number and date, in {langs}, "
                     "as seen on an official or reputable page; or give the address of the text with read: YYYY-MM-DD")]
        return []
    if not address.startswith("https://"):
        return [("address", f"address {address!r} is neither an https:// address nor 'print'",
                 "give the https:// address of the document itself, or 'print' for a printed text")]
    out: list[tuple[str | None, str, str]] = []
    parts = urlsplit(address)
    if parts.path in ("", "/") and not parts.query:
        out.append(("address", f"address {address!r} is a home page, not the document",
                    "give the address of the page or file that holds what the site cites, as you read it"))
    if read is None:
        out.append(("address", "gives an address but not the day we read the document there",
                    "add read: YYYY-MM-DD, the day the address was opened and the cited passage seen"))
    if has_reference:
        out.append(("reference", "has a 'reference' and a web address",
                    "keep the reference only with address: print (the address already lets a reader check the text)"))
    return out


def unused(sources: Sources, cited: Iterable[str]) -> list[Problem]:
    """A problem for each source that no footnote, basis or contact cites,
    at the line of its entry."""
    used = set(cited)
    return [Problem(SOURCES, source.line, f"source '{key}' is cited nowhere",
                    f"cite it where the site states what it says (a footnote [^x]: @{key}, a commitment's basis or a contact's "
                    f"source), or delete its entry")
            for key, source in sources.sources.items() if key not in used]
