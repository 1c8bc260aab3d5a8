"""The site's search index: one compact file per language, loaded on intent.

Material's search plugin (through the i18n plugin) writes one index of every
language, ``search/search_index.json``, which Material's bundle downloads on
every page load. From it this module writes:

- ``search/cop-index.<lang>.js`` per language: ``copIndex({...});`` with
  ``docs`` as ``[location, title, text]`` (plain text, Khmer in canonical
  order: see ``cop.khmer``) and ``words``: the index's Khmer words in search
  key form, most frequent first, for the query side's word split; and
  ``synonyms``: each variant the glossary avoids with its term, both in search
  key form, so that a reader who types a variant finds the term. A script,
  not JSON, so that it loads from ``file://`` too. The browser's search worker
  (``overrides/assets/javascripts/workers/cop-search.js``) loads the reader's
  language only, when the reader shows intent to search.
- ``search/search_index.json`` (and the offline copy's ``search_index.js``)
  as a stub: Material's configuration, no documents.

Pages left out of search (``search: exclude: true``: the checklists, which
repeat the commitments' text) are still found by their title: each adds one
document with its title and first paragraph only (``excluded_entry``).
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from pathlib import Path

from . import khmer
from .memo import SearchEntry, Store

INDEX = "search/cop-index.{lang}.js"
FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)


def excluded_entry(title: str, content: str) -> tuple[str, str]:
    """What search keeps of a page left out of it (``search: exclude``): its
    title and first paragraph, so that it is still found by its title."""
    first = FIRST_PARAGRAPH.search(content or "")
    return title, first.group(1) if first else ""


BLOCK = re.compile(r"</?(?:p|li|ul|ol|br|div|h[1-6]|tr|td|th|table|pre|blockquote|dl|dd|dt)\b[^>]*>", re.I)
TAG = re.compile(r"<[^>]+>")
SPACE = re.compile(r"\s+")


def plain(markup: str) -> str:
    """Text of an HTML fragment of Material's index, in canonical Khmer."""
    text = TAG.sub("", BLOCK.sub(" ", markup))  # inline tags (a link, code) join their text
    return khmer.canonical(SPACE.sub(" ", html.unescape(text)).strip())


def language_of(location: str, others: list[str]) -> str:
    """The language a location belongs to: its prefix (``km/``), or the default ("")."""
    return next((prefix for prefix in others if location.startswith(prefix)), "")


def docs_of(docs: list[dict], lang: str, langs: list[str]) -> list[dict]:
    """The documents of ``lang``; on a translated site, default-language pages
    stand in for pages that have no translation."""
    others = [f"{code}/" for code in langs[1:]]
    if lang == langs[0]:
        return [doc for doc in docs if language_of(doc["location"], others) == ""]
    prefix = f"{lang}/"
    translated = {doc["location"][len(prefix):].split("#")[0] for doc in docs
                  if language_of(doc["location"], others) == prefix}
    return [doc for doc in docs if language_of(doc["location"], others) == prefix or
            (language_of(doc["location"], others) == "" and doc["location"].split("#")[0] not in translated)]


def entry(title: str, text: str, memo: dict[str, list[str]]) -> SearchEntry:
    """A document's title and text as plain text, and their Khmer words."""
    title, text = plain(title), plain(text)
    return title, text, khmer.words(f"{title} {text}", memo=memo)


def compact(docs: list[dict], lang: str, memo: dict[str, list[str]],
            synonyms: dict[str, str] | None = None, kept: Store[SearchEntry] | None = None) -> dict:
    """One language's index: documents as plain text, its Khmer words, and the
    glossary's variants with their terms (search keys) for that language.
    ``kept``: each document's entry by its title and text, from earlier runs
    (most pages are unchanged from one build to the next)."""
    entries = []
    written: Counter[str] = Counter()
    for doc in docs:
        raw = (doc.get("title") or "", doc.get("text") or "")
        title, text, found = (kept.answer(("search", *raw), lambda: entry(*raw, memo)) if kept is not None
                              else entry(*raw, memo))
        entries.append([doc["location"], title, text])
        written.update(found)
    counts: Counter[str] = Counter()
    for word, count in written.items():  # each distinct word keyed once
        counts[khmer.key(word)] += count
    words = [w for w, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0])) if w]
    index: dict = {"lang": lang, "words": " ".join(words), "docs": entries}
    if synonyms:
        # Longest variant first: the worker rewrites a query with the first that fits.
        index["synonyms"] = sorted(synonyms.items(), key=lambda item: (-len(item[0]), item[0]))
    return index


def as_script(index: dict) -> str:
    return "copIndex(" + json.dumps(index, ensure_ascii=False, separators=(",", ":")) + ");\n"


def read_script(path: Path) -> dict:
    """A written ``cop-index.<lang>.js``, as data (for tests and benchmarks)."""
    text = path.read_text(encoding="utf-8")
    assert text.startswith("copIndex(") and text.rstrip().endswith(");"), f"{path}: not a search index script"
    return json.loads(text[len("copIndex("):text.rstrip().rindex(")")])


def write(site: Path, langs: list[str], excluded: dict[str, tuple[str, str]],
          synonyms: dict[str, dict[str, str]] | None = None, kept: Store[SearchEntry] | None = None) -> dict[str, int]:
    """Split the merged index of ``site`` per language, with the pages left
    out of it (``{url: (title, text)}``); returns bytes written per language.
    ``synonyms``: per language, variant key -> the term's key; ``kept``: see
    :func:`compact`."""
    merged_path = site / "search" / "search_index.json"
    merged = json.loads(merged_path.read_text(encoding="utf-8"))
    known = {doc["location"] for doc in merged.get("docs", [])}
    merged.setdefault("docs", []).extend(
        {"location": url, "title": title, "text": text}
        for url, (title, text) in sorted(excluded.items()) if url not in known)
    memo: dict[str, list[str]] = {}
    sizes = {}
    for lang in langs:
        text = as_script(compact(docs_of(merged.get("docs", []), lang, langs), lang, memo,
                                 (synonyms or {}).get(lang), kept))
        target = site / INDEX.format(lang=lang)
        target.write_text(text, encoding="utf-8")
        sizes[lang] = len(text.encode("utf-8"))
    stub = json.dumps({"config": merged.get("config", {}), "docs": []}, ensure_ascii=False, separators=(",", ":"))
    merged_path.write_text(stub, encoding="utf-8")
    # The offline build inlines the index into a script for file:// (Material's
    # offline plugin, which runs before this): a stub there too.
    script = merged_path.with_name("search_index.js")
    if script.is_file():
        script.write_text(f"var __index = {stub}", encoding="utf-8")
    return sizes
