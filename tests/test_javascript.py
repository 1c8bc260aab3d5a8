"""Unit tests of the JavaScript's pure functions, in Chromium.

Each script is loaded into a blank page, as it is written (no build, no
server), and its functions are called by the names it exposes:
``copChecklist`` (overrides/assets/javascripts/checklist.js) and
``copSearch`` (the search engine of overrides/assets/javascripts/workers/
cop-search.js, with ``copKhmer``, its normaliser, given the Khmer rules as
the build gives them).
"""

from __future__ import annotations

from typing import Any

import pytest

from conftest import ROOT
from cop.khmer import browser_script

pytestmark = pytest.mark.browser

SCRIPTS = ROOT / "overrides/assets/javascripts"


@pytest.fixture(scope="module")
def js(browser):  # type: ignore[no-untyped-def]
    """A blank page with both scripts loaded; call(name, *args) runs ``name``."""
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<!doctype html><html lang='km'><head></head><body></body></html>")
    page.add_script_tag(content=(SCRIPTS / "checklist.js").read_text(encoding="utf-8"))
    # The search worker expects a worker's globals: its address (with the
    # language and its index) and importScripts; and its normaliser.
    page.evaluate("""() => {
        self.__workerLocation = "https://cop.invalid/cop-search.js?lang=km&index=index.km.js";
        self.importScripts = function () {};
    }""")
    page.add_script_tag(content=browser_script((SCRIPTS / "workers/cop-khmer.js").read_text(encoding="utf-8")))
    page.add_script_tag(content=(SCRIPTS / "workers/cop-search.js").read_text(encoding="utf-8"))

    def call(name: str, *args: Any) -> Any:
        return page.evaluate("([name, args]) => name.split('.').reduce((o, k) => o[k], self)(...args)",
                             [name, list(args)])

    yield call
    context.close()


# --- parseCsv (checklist import) --------------------------------------------

def test_parse_csv_reads_rfc_4180_with_the_line_each_row_starts_on(js) -> None:  # type: ignore[no-untyped-def]
    text = ('\ufeffid,status,note\r\n'
            'SM-01,done,"a, ""quoted"" word"\r\n'
            '\r\n'
            'SM-02,not-started,"two\nlines"\n'
            'SM-03,done,ខ្មែរ')
    assert js("copChecklist.parseCsv", text) == [
        {"line": 1, "fields": ["id", "status", "note"]},           # the byte order mark is not part of "id"
        {"line": 2, "fields": ["SM-01", "done", 'a, "quoted" word']},
        # the blank line 3 is left out
        {"line": 4, "fields": ["SM-02", "not-started", "two\nlines"]},
        {"line": 6, "fields": ["SM-03", "done", "ខ្មែរ"]},          # after a quoted line break; no final newline
    ]


def test_parse_csv_keeps_a_quote_inside_an_unquoted_field(js) -> None:  # type: ignore[no-untyped-def]
    assert js("copChecklist.parseCsv", 'SM-01,5" screen,\n') == [{"line": 1, "fields": ["SM-01", '5" screen', ""]}]


def test_csv_fields_written_by_the_export_read_back_the_same(js) -> None:  # type: ignore[no-untyped-def]
    values = ["plain", "a,b", 'say "hi"', "two\r\nlines", "", "ស្ថានភាព, ចំណាំ"]
    line = ",".join(js("copChecklist.csvField", value) for value in values)
    assert js("copChecklist.parseCsv", line + "\r\n") == [{"line": 1, "fields": values}]


def test_format_fills_values_in_the_pages_digits(js) -> None:  # type: ignore[no-untyped-def]
    khmer = {"digits": "០១២៣៤៥៦៧៨៩"}
    assert js("copChecklist.format", "{n} of {total} ({name}) {missing}", {"n": 3, "total": 12, "name": "SM-01"},
              khmer) == "៣ of ១២ (SM-01) {missing}"


# --- the search engine (search worker) --------------------------------------

WORDS = "ការពារ កុមារ ការ ពារ ទិន្នន័យ ផ្ទាល់ខ្លួន"
LONG = "ការពិពណ៌នាវែង " * 60
DOCS = [
    ["km/a/", "ការពារកុមារ", "ទំព័រអំពីការពារកុមារ និង CSAM។"],
    ["km/b/", "ទំព័រផ្សេង", "កុមារ " + LONG + " ការពារ ទិន្នន័យផ្ទាល់ខ្លួន"],
    ["km/c/", "ទំព័រទីបី", "មានតែពាក្យ កុមារ ប៉ុណ្ណោះ"],
    ["km/c/#x", "ផ្នែក", "ផ្នែកដែលគ្មានពាក្យ"],
]


@pytest.fixture(scope="module")
def search(js):  # type: ignore[no-untyped-def]
    """The engine, with a small index loaded as cop-index.km.js loads it."""
    js("copSearch.load", {"lang": "km", "words": WORDS, "docs": DOCS})
    return js


def test_a_khmer_run_is_split_into_the_fewest_known_words(search) -> None:  # type: ignore[no-untyped-def]
    assert search("copSearch.split", "ការពារកុមារ") == ["ការពារ", "កុមារ"]
    # Letters no word of the index spells stay one piece of their own.
    assert search("copSearch.split", "ការពារសួស្តី") == ["ការពារ", "សួស្តី"]


def test_the_query_is_a_phrase_and_words_where_the_reader_separated_them(search) -> None:  # type: ignore[no-untyped-def]
    spaced = search("copSearch.parse", "ការពារ កុមារ")
    assert spaced["phrase"] == "ការពារកុមារ"
    assert [u["token"] for u in spaced["units"]] == ["ការពារ", "កុមារ"]
    marked = search("copSearch.parse", "ការពារ\u200bកុមារ")
    assert marked["phrase"] == "ការពារកុមារ" and len(marked["units"]) == 2
    joined = search("copSearch.parse", "ការពារកុមារ")
    assert [u["pieces"] for u in joined["units"]] == [["ការពារ", "កុមារ"]]
    # Common English words are optional, unless there is nothing else.
    assert [u["optional"] for u in search("copSearch.parse", "what data")["units"]] == [True, False]
    assert [u["optional"] for u in search("copSearch.parse", "who does what")["units"]] == [False] * 3


def test_phrase_then_all_words_then_any_word(search) -> None:  # type: ignore[no-untyped-def]
    items = search("copSearch.search", "ការពារកុមារ")["items"]
    assert [group[0]["location"] for group in items] == ["km/a/", "km/b/", "km/c/"]
    # Only the any-word page lacks a word, and says which.
    assert all(all(group[0]["terms"].values()) for group in items[:2])
    assert items[2][0]["terms"] == {"ការពារ": False, "កុមារ": True}


def test_typing_variants_find_the_same_page(search) -> None:  # type: ignore[no-untyped-def]
    for typed in ("ការពារ កុមារ", "ការពារ\u200bកុមារ", "csam", "CSAM"):
        assert search("copSearch.search", typed)["items"][0][0]["location"] == "km/a/", typed


def test_an_excerpt_is_short_and_marks_the_match(search) -> None:  # type: ignore[no-untyped-def]
    items = search("copSearch.search", "ទិន្នន័យផ្ទាល់ខ្លួន")["items"]
    text = items[0][0]["text"]
    assert "<mark>ទិន្នន័យផ្ទាល់ខ្លួន</mark>" in text
    assert len(text) < 400 < len(DOCS[1][2]), "the whole text is shown"
