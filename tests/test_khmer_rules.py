"""The Khmer rules for search (hooks/cop/khmer_rules.json), defined once and
applied twice: by the build in Python (hooks/cop/khmer.py) and by the reader's
browser in JavaScript (assets/javascripts/workers/cop-khmer.js, written from
the same data by hooks/cop_search.py). Spellings a reader sees as the same
must match; different words must not; and both sides must agree exactly, on
these pairs and on the site's own Khmer text, run in Chromium."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

from cop.khmer import canonical, key, khmer_run, rules

# (typed, as on the page, why they are the same)
MUST_MATCH = [
    ("ស្ដី", "ស្តី", "coeng DA and coeng TA look alike"),
    ("ស្រ្តី", "ស្ត្រី", "coeng RO typed before the other subscript"),
    ("ការពារ\u200bកុមារ", "ការពារកុមារ", "a zero-width space between words"),
    ("ការពារ កុមារ", "ការពារកុមារ", "a space between Khmer words"),
    ("ការពារ \u200b កុមារ", "ការពារកុមារ", "spaces and a zero-width space"),
    ("ឲ្យ", "ឱ្យ", "QOO type two and type one"),
    ("កាារ", "ការ", "a vowel sign typed twice"),
    ("ដេីម", "ដើម", "vowel E then II for the vowel OE"),
    ("កេា", "កោ", "vowel E then AA for the vowel OO"),
    ("សុវតិ្ថភាព", "សុវត្ថិភាព", "the vowel typed before the subscript"),
    ("កំុ", "កុំ", "nikahit typed before the vowel below"),
    ("បី៊", "ប៊ី", "the register shifter after the vowel"),
    ("ក្្រុម", "ក្រុម", "a doubled coeng"),
    ("ក\u200cា\u200dរ", "ការ", "zero-width non-joiner and joiner"),
    ("\ufeffទិន្នន័យ\u00ad", "ទិន្នន័យ", "byte-order mark and soft hyphen"),
    ("CSAM", "csam", "Latin letters in either case"),
    ("child  safety", "child safety", "several spaces between Latin words"),
]

MUST_NOT_MATCH = [
    ("ដាក់", "តាក់", "DA and TA as letters (not subscripts) are different letters"),
    ("ស្ថាន", "ស្តាន", "coeng THA is not coeng TA"),
    ("កុំ", "កំ", "a vowel is not optional"),
    ("កើ", "កេ", "OE is not E"),
    ("ក្ស", "ស្ក", "which consonant is written under which"),
    ("ស្ត្រី", "ស្រី", "a subscript is not optional"),
    ("ឲ្យ", "ឲ", "a subscript is not optional"),
    ("csam ការ", "csamការ", "the space between Latin and Khmer stays"),
    ("data protection", "dataprotection", "the space between Latin words stays"),
]


def test_must_match_pairs_match() -> None:
    for typed, shown, why in MUST_MATCH:
        assert key(typed) == key(shown), f"{why}: {typed!r} and {shown!r} do not match"


def test_must_not_match_pairs_differ() -> None:
    for a, b, why in MUST_NOT_MATCH:
        assert key(a) != key(b), f"{why}: {a!r} and {b!r} match"


def test_canonical_keeps_what_is_already_canonical() -> None:
    for _typed, shown, _why in MUST_MATCH:
        assert canonical(canonical(shown)) == canonical(shown)
    assert canonical("ស្ត្រី") == "ស្ត្រី" and canonical("ស្រ្តី") == "ស្ត្រី"
    assert canonical("ស្ដី") == "ស្ដី", "the text shown keeps its coeng DA (folding is for search only)"


def test_rules_file_is_the_one_source(site: Path) -> None:
    """The separator of Material's configuration and the letter class come from the rules file."""
    config = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["config"]
    assert config["separator"] == rules().separator
    assert "separator:" not in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "search.config.separator" not in (ROOT / "overrides/partials/languages/km.html").read_text(encoding="utf-8")
    script = (site / "assets/javascripts/workers/cop-khmer.js").read_text(encoding="utf-8")
    assert "cop:khmer-rules" not in script and json.dumps(rules().data["letters"]) in script


def site_sample(count: int, seed: int = 14) -> list[str]:
    """Lines of the site's Khmer pages, as written, and with typing variants."""
    lines = [line for page in sorted((ROOT / "docs").rglob("*.km.md"))
             for line in page.read_text(encoding="utf-8").splitlines() if khmer_run().search(line)]
    picked = random.Random(seed).sample(lines, min(count, len(lines)))
    variants = [line.replace("\u17d2\u178f", "\u17d2\u178a").replace(" ", "\u200b") for line in picked]
    return picked + variants


@pytest.mark.browser
def test_python_and_javascript_give_the_same_keys(site: Path, page) -> None:  # type: ignore[no-untyped-def]
    strings = [s for pair in MUST_MATCH + MUST_NOT_MATCH for s in pair[:2]] + site_sample(150)
    page.set_content("<!doctype html><title>rules</title>")
    page.add_script_tag(content="var self = window;")
    page.add_script_tag(path=str(site / "assets/javascripts/workers/cop-khmer.js"))
    js = page.evaluate("list => list.map(s => [copKhmer.canonical(s), copKhmer.key(s)])", strings)
    differ = [(s, j, (canonical(s), key(s))) for s, j in zip(strings, js) if tuple(j) != (canonical(s), key(s))]
    assert not differ, f"{len(differ)} of {len(strings)} strings differ between JavaScript and Python, e.g. {differ[:2]}"
    # The pairs hold in the browser too.
    for typed, shown, why in MUST_MATCH:
        assert page.evaluate("([a, b]) => copKhmer.key(a) === copKhmer.key(b)", [typed, shown]), why
    for a, b, why in MUST_NOT_MATCH:
        assert page.evaluate("([a, b]) => copKhmer.key(a) !== copKhmer.key(b)", [a, b]), why
