"""Unit tests of the JavaScript's pure functions, in Chromium.

Each script is loaded into a blank page, as it is written (no build, no
server), and its functions are called by the names it exposes:
``copChecklist`` (overrides/assets/javascripts/checklist.js) and
``copSearch`` (the query splitter of overrides/assets/javascripts/workers/
cop-search.js, loaded with Material's worker stubbed out).
"""

from __future__ import annotations

from typing import Any

import pytest

from conftest import ROOT

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
    # language and Material's worker to import) and importScripts.
    page.evaluate("""() => {
        self.__workerLocation = "https://cop.invalid/cop-search.js?lang=km&langs=en,km&worker=material.js";
        self.importScripts = function () {};
    }""")
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


# --- the query splitter (search worker) ------------------------------------

VOCABULARY = ["ការពារ", "កុមារ", "ការ", "ពារ", "ទិន្នន័យ", "ផ្ទាល់ខ្លួន"]


@pytest.fixture(scope="module")
def search(js):  # type: ignore[no-untyped-def]
    """The splitter, having learnt the Khmer words of a small index (words
    marked with U+200B at build time, and tags left out)."""
    js("copSearch.learn", [{"location": "km/a/", "title": "ការពារ\u200bកុមារ",
                            "text": "<p>ការ\u200bពារ ទិន្នន័យ\u200bផ្ទាល់ខ្លួន</p>"}])
    return js


def test_a_khmer_run_is_split_into_the_fewest_known_words(search) -> None:  # type: ignore[no-untyped-def]
    assert search("copSearch.split", "ការពារកុមារ") == ["ការពារ", "កុមារ"]
    assert search("copSearch.split", "សួស្តី") is None  # not spelt by the index's words


def test_rewrite_requires_every_word_and_completes_the_last(search) -> None:  # type: ignore[no-untyped-def]
    assert search("copSearch.rewrite", "ការពារកុមារ") == "+ការពារ +កុមារ*"
    # The last word may still be being typed.
    assert search("copSearch.rewrite", "ការពារកុ") == "+ការពារ +កុ*"
    # A known word, a word being typed, and unknown text stay as typed; Latin is untouched.
    for query in ("កុមារ", "ទិន្ន", "សួស្តី", "CSAM report"):
        assert search("copSearch.rewrite", query) == query
    assert search("copSearch.rewrite", "SDK ទិន្នន័យផ្ទាល់ខ្លួន") == "SDK +ទិន្នន័យ +ផ្ទាល់ខ្លួន*"


def test_several_plain_words_are_all_required(search) -> None:  # type: ignore[no-untyped-def]
    assert search("copSearch.requireAll", "personal data") == "+personal +data*"
    assert search("copSearch.requireAll", "data") == "data"
    # The reader's own search syntax is left alone; a hyphenated word stays optional.
    for query in ('"personal data"', "data -personal", "title:data x"):
        assert search("copSearch.requireAll", query) == query
    assert search("copSearch.requireAll", "age-appropriate design") == "age-appropriate +design*"


def test_the_khmer_site_keeps_its_pages_and_english_ones_with_no_translation(search) -> None:  # type: ignore[no-untyped-def]
    docs = [{"location": "roles/a/"}, {"location": "km/roles/a/"}, {"location": "km/roles/a/#x"},
            {"location": "roles/b/"}, {"location": "roles/b/#y"}]
    kept = [doc["location"] for doc in search("copSearch.forLanguage", docs)]
    assert kept == ["km/roles/a/", "km/roles/a/#x", "roles/b/", "roles/b/#y"]
