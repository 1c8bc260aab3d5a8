"""Search costs nothing until a reader shows intent, then loads only the
reader's language; and any change of the search box searches, with or without
key events (input methods, paste, a phone's suggestions). In Chromium."""

from __future__ import annotations

import gzip
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from searching import ANSWERED, Searcher

KIB = 1024
# An English search: index bytes, uncompressed (about 185 KiB gzip at 765 KiB
# on 7 December 2026, after the procedure and templates grew; 624 KiB earlier
# that month). The index grows with the content, and it is loaded only when a
# reader shows intent to search; the limit, about a fifth above its size,
# catches an accident (text indexed twice, a page that should be left out).
INDEX_LIMIT_EN = 920 * KIB
FIRST_LOAD_LIMIT = 150 * KIB  # a first page load, on the wire (gzip)
COMPRESSIBLE = {".html", ".js", ".css", ".json", ".svg", ".txt", ".xml"}
ROOTS = {"en": "/", "km": "/km/"}


def test_index_sizes(site: Path) -> None:
    assert (site / "search/cop-index.en.js").stat().st_size <= INDEX_LIMIT_EN
    assert (site / "search/search_index.json").stat().st_size < KIB, "Material's index is not a stub"


def test_assets_never_loaded_are_not_shipped(site: Path) -> None:
    assert not (site / "assets/javascripts/lunr").exists(), "lunr's language packs (wordcut.js: 677 KB) are shipped"
    assert not list((site / "assets/javascripts/workers").glob("search.*.js")), "Material's search worker is shipped"


def gzip_bytes(site: Path, base: str, urls: list[str]) -> int:
    total = 0
    for url in urls:
        path = site / unquote(urlsplit(url).path).lstrip("/")
        if path.is_dir():
            path = path / "index.html"
        if path.is_file():
            data = path.read_bytes()
            total += len(gzip.compress(data, 6)) if path.suffix in COMPRESSIBLE else len(data)
    return total


def open_page(browser, server: str, path: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    tab.goto(server + path, wait_until="load")
    tab.wait_for_load_state("networkidle")
    return context, tab, requests


def index_requests(requests: list[str]) -> list[str]:
    return [u for u in requests if "/search/cop-index." in u]


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "km"])
@pytest.mark.parametrize("intent", ["focus", "slash", "tap"])
def test_index_loads_on_intent_only_in_the_readers_language(browser, server: str, site: Path,  # type: ignore[no-untyped-def]
                                                             lang: str, intent: str) -> None:
    context, tab, requests = open_page(browser, server, ROOTS[lang] + "commitments/social-media/")
    try:
        assert not index_requests(requests), f"the index loads before intent: {index_requests(requests)}"
        first_load = gzip_bytes(site, server, requests)
        assert first_load <= FIRST_LOAD_LIMIT, f"first page load {first_load / KIB:.0f} KiB gzip > 150 KiB"
        if intent == "focus":
            tab.locator("input[name=query]").focus()
        elif intent == "slash":
            tab.keyboard.press("/")
        else:
            tab.set_viewport_size({"width": 390, "height": 844})
            tab.locator("label.md-header__button[for=__search]").click()
        tab.locator("input[name=query]").fill("ISP" if lang == "en" else "ការផ្សាយផ្ទាល់")
        tab.locator(".md-search-result__item").first.wait_for()
        loaded = index_requests(requests)
        assert loaded and all(u.endswith(f"cop-index.{lang}.js") for u in loaded), loaded
    finally:
        context.close()


# Ways text reaches the box without key presses, each as Chromium delivers it.
ENTRIES = {
    # An input method or a phone's keyboard commits text: an input event only.
    "insert_text": lambda tab, box, text: tab.keyboard.insert_text(text),
    "input_event": lambda tab, box, text: box.evaluate(
        "(el, t) => { el.value = t; el.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertText', data: t})); }", text),
    "compositionend": lambda tab, box, text: box.evaluate(
        "(el, t) => { el.value = t; el.dispatchEvent(new CompositionEvent('compositionend', {bubbles: true, data: t})); }", text),
    # A paste from the mouse's context menu: the value changes after the paste event.
    "paste": lambda tab, box, text: box.evaluate(
        "(el, t) => { const data = new DataTransfer(); data.setData('text/plain', t);"
        " el.dispatchEvent(new ClipboardEvent('paste', {bubbles: true, clipboardData: data})); el.value = t; }", text),
    "fill": lambda tab, box, text: box.fill(text),
}


@pytest.fixture(scope="module")
def khmer_tab(browser, server):  # type: ignore[no-untyped-def]
    tab = Searcher(browser, server, "km")
    yield tab
    tab.close()


@pytest.mark.browser
@pytest.mark.parametrize("entry", list(ENTRIES))
def test_text_entered_without_key_events_searches(khmer_tab: Searcher, entry: str) -> None:
    tab, box = khmer_tab.tab, khmer_tab.input
    box.fill("")
    box.press("End")
    tab.wait_for_function(ANSWERED, arg="")
    tab.evaluate("() => { window.__keys = 0; addEventListener('keydown', () => window.__keys++, true); }")
    box.focus()
    query = "ការផ្សាយផ្ទាល់"
    ENTRIES[entry](tab, box, query)
    tab.wait_for_function(ANSWERED, arg=query, timeout=10_000)
    assert tab.evaluate("() => window.__keys") == 0, "the test pressed a key"
    tab.locator(".md-search-result__item").first.wait_for()
    links = tab.eval_on_selector_all(".md-search-result__item a", "els => els.map(a => a.href)")
    assert any("/km/commitments/social-media/" in link for link in links), f"{entry}: {links[:3]}"
