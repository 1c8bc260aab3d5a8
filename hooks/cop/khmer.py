"""Khmer text for search: the rules in ``khmer_rules.json``, applied in Python.

The rules (the Khmer letter class, the search separator, invisible characters
to drop, the canonical order of a cluster's signs, rewrites of sequences that
render alike, and the look-alike folds used for search only) are data, read
once on first use. The browser applies the same data
(``overrides/assets/javascripts/workers/cop-khmer.js``, filled in by
``hooks/cop_search.py``); ``tests/test_khmer_rules.py`` checks both give the
same key for every test string.

- ``canonical``: the text with invisible characters dropped and each cluster in
  canonical order. Renders as the input did: the index shows this text.
- ``key``: what search compares: canonical, folded, lower case, with the
  spaces between two Khmer letters removed (spaces between Khmer words are
  optional) and other white space as one space.

Word segmentation (ICU's Khmer word breaker) finds the words of the index for
the query side's word split. ICU is loaded on first use, never at import time.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

RULES_FILE = Path(__file__).with_name("khmer_rules.json")
ZWSP = "\u200b"
# Rank of the consonant after a coeng: the coeng's own rank (see "order").
BASE_RANK = 1


@dataclass(frozen=True)
class Rules:
    data: dict
    letters: str  # the body of a character class
    separator: str
    drop: str  # the characters, unescaped
    ranks: dict[str, int]
    coeng: str
    rewrites: tuple[tuple[re.Pattern[str], str], ...]
    folds: tuple[tuple[str, str], ...]


# Where the browser's normaliser (cop-khmer.js) takes the rules.
BROWSER_PLACEHOLDER = "/* cop:khmer-rules */ null"


def browser_script(template: str) -> str:
    """cop-khmer.js with the rules written in (the build does this; so do its unit tests)."""
    if BROWSER_PLACEHOLDER not in template:
        raise ValueError(f"the placeholder {BROWSER_PLACEHOLDER!r} for the Khmer rules is missing")
    data = json.dumps(rules().data, ensure_ascii=False, separators=(",", ":"))
    return template.replace(BROWSER_PLACEHOLDER, data)


def _unescape(text: str) -> str:
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)


# The rules as last read, with the size and time of the file they were read
# from: read once per process, and again when the file changes (mkdocs serve).
_loaded: tuple[tuple[int, int], Rules] | None = None


def _stamp() -> tuple[int, int]:
    stat = RULES_FILE.stat()
    return stat.st_size, stat.st_mtime_ns


def rules() -> Rules:
    """The rules file, checked: an error names the entry and what is wrong."""
    global _loaded
    if _loaded is None:
        _loaded = (_stamp(), _read())
    return _loaded[1]


def reload_if_changed() -> None:
    """Forget the rules, and everything derived from them, if their file
    changed since it was read (called at the start of every build)."""
    global _loaded
    if _loaded is not None and _loaded[0] != _stamp():
        _loaded = None
        for derived in (khmer_run, _canonical_cluster, _dropped, _clusters, _squeeze):
            derived.cache_clear()


def _read() -> Rules:
    data = json.loads(RULES_FILE.read_text(encoding="utf-8"))
    ranks: dict[str, int] = {}
    for entry in data["order"]:
        first, last, rank = _unescape(entry[0]), _unescape(entry[1]), int(entry[2])
        for code in range(ord(first), ord(last) + 1):
            ranks[chr(code)] = rank
    rewrites = []
    for pattern, replacement, note in data["rewrites"]:
        try:
            compiled = re.compile(pattern)
        except re.error as error:
            raise ValueError(f"{RULES_FILE}: rewrite {note!r}: {error}; fix the pattern") from error
        rewrites.append((compiled, re.sub(r"\$(\d)", r"\\\1", _unescape(replacement))))
    folds = []
    for source, target, note in data["folds"]:
        a, b = _unescape(source), _unescape(target)
        if len(a) != len(b):
            raise ValueError(f"{RULES_FILE}: fold {note!r} changes the length of the text; "
                             "folds must be literal replacements of equal length")
        folds.append((a, b))
    coeng = next(ch for ch, rank in ranks.items() if ord(ch) == 0x17D2)
    return Rules(data, data["letters"], data["separator"], _unescape(data["drop"]), ranks, coeng,
                 tuple(rewrites), tuple(folds))


@lru_cache(maxsize=1)
def khmer_run() -> re.Pattern[str]:
    """A run of Khmer letters (the letter class of the rules)."""
    return re.compile(f"[{rules().letters}]+")


def _sort_cluster(cluster: str, r: Rules) -> str:
    ranks = []
    for i, ch in enumerate(cluster):
        rank = r.ranks.get(ch, 0)
        if i and cluster[i - 1] == r.coeng and rank == BASE_RANK:
            rank = r.ranks[r.coeng]
        ranks.append(rank)
    order = sorted(range(len(cluster)), key=lambda i: (ranks[i], i))
    text = "".join(cluster[i] for i in order)
    for pattern, replacement in r.rewrites:
        text = pattern.sub(replacement, text)
    return text


# A site has a few thousand distinct clusters, each written thousands of
# times: sorting each once keeps canonical() linear and cheap (it was 40% of
# a build's time). The cache only grows with the distinct clusters seen.
@lru_cache(maxsize=None)
def _canonical_cluster(cluster: str) -> str:
    return _sort_cluster(cluster, rules())


@lru_cache(maxsize=1)
def _dropped() -> re.Pattern[str] | None:
    """The invisible characters, as one class: str.translate with a mapping
    looks up every character in Python's dict (a third of canonical()'s time);
    a regular expression skips text that holds none, in C."""
    drop = rules().drop
    return re.compile("[" + "".join(re.escape(ch) for ch in drop) + "]") if drop else None


@lru_cache(maxsize=1)
def _clusters() -> re.Pattern[str]:
    """A cluster of more than two characters: a base (a consonant or an
    independent vowel), then its signs, and the bases written under it (each
    after a coeng). Found by a regular expression, in C: a loop over every
    character in Python was most of canonical()'s time. A base with one sign
    is already in canonical order, and no rewrite of the rules applies to
    fewer than two signs, so only longer clusters are sorted (most clusters
    have one sign: a Python call each was most of the remaining time)."""
    r = rules()
    base = "".join(re.escape(ch) for ch, rank in r.ranks.items() if rank == BASE_RANK)
    signs = "".join(re.escape(ch) for ch, rank in r.ranks.items() if rank > BASE_RANK)
    return re.compile(f"[{base}](?:[{signs}]|(?<={re.escape(r.coeng)})[{base}]){{2,}}")


def canonical(text: str) -> str:
    """``text`` without invisible characters, each cluster in canonical order."""
    dropped = _dropped()
    if dropped is not None:
        text = dropped.sub("", text)
    return _clusters().sub(lambda match: _canonical_cluster(match.group()), text)


def fold(text: str) -> str:
    """Look-alike spellings made one, for search only; the length is kept."""
    for source, target in rules().folds:
        text = text.replace(source, target)
    return text


@lru_cache(maxsize=1)
def _squeeze() -> tuple[re.Pattern[str], re.Pattern[str]]:
    letters = rules().letters
    return re.compile(f"(?<=[{letters}])\\s+(?=[{letters}])"), re.compile(r"\s+")


def key(text: str) -> str:
    """The form search compares: canonical, folded, lower case, with no space
    between two Khmer letters and other white space as one space."""
    between, spaces = _squeeze()
    text = fold(canonical(text))
    lower = text.lower()
    if len(lower) == len(text):  # as the browser does: positions must not move
        text = lower
    return spaces.sub(" ", between.sub("", text))


# --- Words, for the query side's split ------------------------------------

Segmenter = Callable[[str], list[str]]


@lru_cache(maxsize=1)
def icu_segmenter() -> Segmenter:
    """ICU's Khmer word breaker, as a function from text to words."""
    import icu  # from pyicu-wheels: a binary wheel, nothing to compile

    breaker = icu.BreakIterator.createWordInstance(icu.Locale("km"))

    def segment(text: str) -> list[str]:
        breaker.setText(text)
        bounds = [0, *breaker]
        return [text[a:b] for a, b in zip(bounds, bounds[1:])]

    return segment


def words(text: str, segment: Segmenter | None = None, memo: dict[str, list[str]] | None = None) -> list[str]:
    """The Khmer words of ``text``, in order.

    ``memo``, if given, keeps each run's words for the next call: the same
    phrases recur all over a site (headings, labels, terms), and a dictionary
    lookup is much cheaper than ICU's breaker."""
    cut = segment or icu_segmenter()
    cache = memo if memo is not None else {}
    found: list[str] = []
    for run in khmer_run().findall(text):
        done = cache.get(run)
        if done is None:
            done = cache[run] = [w for w in cut(run) if w]
        found.extend(done)
    return found

