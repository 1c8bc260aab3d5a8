"""A reader on a phone, in Debian's Chromium: nothing to scroll sideways, the
matrix as one card per role, short sector pages, Khmer type that respects the
script, a console free of errors, and the 404 page chosen from the address.

Every page is checked for sideways scrolling by ``bench/check_pages.py``;
this is one page of each kind that has a wide table, long words or code.
"""

from __future__ import annotations

import functools
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Page, expect

from browser import QuietHandler

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
ROOTS = {"en": "/", "km": "/km/"}
# Pages with the widest content: tables, code, long addresses.
WIDE_PAGES = ["", "sectors/social-media/", "commitments/", "matrix/", "glossary/", "legal/",
              "checklists/social-media/", "offline/", "integrators/", "maintainers/translations/", "assessment/"]
# The sector summary cites every commitment of the sector (a build check), in Khmer a little longer.
SECTOR_HEIGHT = 7500

# How far the page, or anything in its content, reaches past the right edge.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  let worst = [document.documentElement.scrollWidth - width, "the page"];
  for (const e of document.querySelectorAll(".md-content *")) {
    const box = e.getBoundingClientRect();
    if (box.width && box.height && box.right - width > worst[0]) {
      worst = [Math.round(box.right - width), e.tagName + "." + e.className];
    }
  }
  return worst;
}"""


@pytest.fixture
def open_page(browser, server: str) -> Iterator:  # type: ignore[no-untyped-def]
    contexts = []

    def open_(path: str, viewport: dict[str, int] = PHONE, **options: object) -> Page:
        context = browser.new_context(viewport=viewport, **options)
        contexts.append(context)
        tab = context.new_page()
        tab.goto(server + path)
        return tab

    yield open_
    for context in contexts:
        context.close()


@pytest.mark.parametrize("lang", ROOTS)
def test_nothing_to_scroll_sideways_at_390px(open_page, server: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    # One tab, page after page: a tab per page cost a new context and a cold cache.
    tab = open_page(ROOTS[lang] + WIDE_PAGES[0])
    wide = []
    for number, path in enumerate(WIDE_PAGES):
        if number:
            tab.goto(server + ROOTS[lang] + path)
        over, what = tab.evaluate(OVERFLOW)
        if over > 0:
            wide.append(f"{ROOTS[lang] + path} at 390px: {what} reaches {over}px past the right edge")
    assert not wide, "\n".join(wide)


@pytest.mark.parametrize("lang", ROOTS)
def test_matrix_on_a_phone_is_one_card_per_role(open_page, lang: str) -> None:  # type: ignore[no-untyped-def]
    tab = open_page(ROOTS[lang] + "matrix/")
    cards = tab.locator(".cop-matrix tbody tr")
    first = cards.first
    # The role names the card; each sector is on its own line with its count.
    cells = first.locator("td")
    sectors = tab.locator(".cop-matrix thead th").all_inner_texts()[1:]
    labels = [cells.nth(i).evaluate("e => getComputedStyle(e, '::before').content") for i in range(1, cells.count())]
    assert labels == [f'"{name}"' for name in sectors]
    card = first.bounding_box()
    assert card and card["x"] >= 0 and card["x"] + card["width"] <= PHONE["width"]
    # Every count is a target of at least 24 by 24 px (WCAG 2.5.8).
    for box in tab.locator(".cop-matrix tbody td a[href*='#role-']").evaluate_all(
            "links => links.map(a => { const r = a.getBoundingClientRect(); return [r.width, r.height]; })"):
        assert box[0] >= 24 and box[1] >= 24, f"a count's link is {box[0]}x{box[1]}px"


@pytest.mark.parametrize("lang", ROOTS)
def test_matrix_on_a_wide_screen_shows_its_last_column(open_page, lang: str) -> None:  # type: ignore[no-untyped-def]
    tab = open_page(ROOTS[lang] + "matrix/", DESKTOP)
    content = tab.locator(".md-content__inner").bounding_box()
    last = tab.locator(".cop-matrix thead th").last.bounding_box()
    assert content and last and last["x"] + last["width"] <= content["x"] + content["width"] + 1


@pytest.mark.parametrize("lang", ROOTS)
def test_sector_page_is_short_and_the_matrix_opens_a_role(open_page, lang: str) -> None:  # type: ignore[no-untyped-def]
    tab = open_page(ROOTS[lang] + "sectors/social-media/")
    height = tab.evaluate("document.documentElement.scrollHeight")
    assert height <= SECTOR_HEIGHT, f"the social media page is {height}px tall at 390px"
    role = tab.locator("details#role-trust-safety")
    expect(role).not_to_have_attribute("open", "")
    # A count in the matrix links here: the role's section opens at it.
    tab.goto(tab.url.split("sectors/")[0] + "matrix/")
    tab.locator(".cop-matrix a[href$='sectors/social-media/#role-trust-safety']").click()
    expect(tab.locator("details#role-trust-safety")).to_have_attribute("open", "")
    expect(tab.locator("details#role-trust-safety li").first).to_be_in_viewport()


STYLE = "(e, p) => getComputedStyle(e)[p]"


def px(tab: Page, selector: str, prop: str) -> float:
    return float(tab.locator(selector).first.evaluate(STYLE, prop).removesuffix("px"))


def test_khmer_underlines_pass_below_subscripts(open_page) -> None:  # type: ignore[no-untyped-def]
    tab = open_page("/km/sectors/social-media/")
    link = ".md-content p a[href]:not(.cop-ref):not(.footnote-ref)"
    size = px(tab, link, "fontSize")
    assert px(tab, link, "textUnderlineOffset") >= 0.4 * size
    assert tab.locator(link).first.evaluate(STYLE, "textDecorationSkipInk") == "all"
    # A commitment's link: the title is underlined, the gap after the ID badge is not.
    ref = tab.locator(".md-content a.cop-ref").first
    assert ref.evaluate(STYLE, "textDecorationLine") == "none"
    assert ref.locator(".cop-ref__text").evaluate(STYLE, "textDecorationLine") == "underline"
    assert ref.locator(".cop-ref__text").evaluate(STYLE, "textDecorationSkipInk") == "all"


def test_khmer_callouts_and_footnotes_are_at_least_15px(open_page) -> None:  # type: ignore[no-untyped-def]
    tab = open_page("/km/")
    assert px(tab, ".md-content .admonition", "fontSize") >= 15
    assert px(tab, ".md-content .footnote", "fontSize") >= 15
    tab.goto(tab.url + "sectors/social-media/")
    assert px(tab, ".md-content details", "fontSize") >= 15


@pytest.mark.parametrize(("root", "digits", "counter"), [("/", "0123456789", "decimal"), ("/km/", "០១២៣៤៥៦៧៨៩", "khmer")])
def test_footnote_marks_and_their_notes_count_in_the_pages_digits(open_page, root: str, digits: str,  # type: ignore[no-untyped-def]
                                                                    counter: str) -> None:
    """A Khmer page writes its footnote marks in Khmer digits and its notes
    count the same way, so a mark and the note it points to read alike."""
    tab = open_page(root + "young-people/")
    marks = tab.locator(".md-content a.footnote-ref").all_inner_texts()
    assert marks and all(mark and set(mark) <= set(digits) for mark in marks), marks
    assert tab.locator(".md-content .footnote ol").first.evaluate(STYLE, "listStyleType") == counter


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_khmer_header_title_is_centred_in_its_bar(open_page, viewport: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    tab = open_page("/km/", viewport)
    bar = tab.locator(".md-header__inner").bounding_box()
    # The title's text, measured by its own glyph box.
    text = tab.locator(".md-header__topic .md-ellipsis").first.evaluate(
        "e => { const r = document.createRange(); r.selectNodeContents(e); const b = r.getBoundingClientRect();"
        " return [b.top, b.height]; }")
    assert bar
    centre = text[0] + text[1] / 2
    assert abs(centre - (bar["y"] + bar["height"] / 2)) <= 3, f"title centre {centre}, bar {bar}"


def test_search_panel_type_scale_is_the_same_in_both_languages(open_page) -> None:  # type: ignore[no-untyped-def]
    """A result as Material writes it, measured in each language's search panel."""
    sizes = {}
    for lang, root in ROOTS.items():
        tab = open_page(root)
        sizes[lang] = tab.evaluate("""() => {
          const list = document.querySelector(".md-search-result__list");
          list.insertAdjacentHTML("beforeend", '<li class="md-search-result__item"><a class="md-search-result__link">'
            + '<article class="md-search-result__article md-typeset"><h1>t</h1><p>t</p></article></a></li>');
          const article = list.querySelector("article");
          return [parseFloat(getComputedStyle(article.querySelector("h1")).fontSize),
                  parseFloat(getComputedStyle(article.querySelector("p")).fontSize)];
        }""")
    assert sizes["km"][0] == sizes["en"][0], sizes
    assert sizes["en"][1] <= sizes["km"][1] <= sizes["en"][1] * 1.15, sizes


@pytest.mark.parametrize("start", ["/checklists/social-media/", "/km/roles/trust-safety/"])
def test_console_free_of_errors_and_no_sitemap_requests(browser, server: str, start: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    problems: list[str] = []
    tab.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    tab.on("pageerror", lambda e: problems.append(f"error: {e}"))
    tab.on("request", lambda r: r.url.endswith("sitemap.xml") and problems.append(f"request: {r.url}"))
    tab.on("response", lambda r: r.status >= 400 and problems.append(f"{r.status}: {r.url}"))
    tab.goto(server + start)
    tab.wait_for_load_state("networkidle")
    # And across the language switch, as a reader uses it.
    other = "en" if start.startswith("/km/") else "km"
    tab.locator(".md-header .md-select button").first.hover()
    tab.locator(f'.md-header a[hreflang="{other}"]').first.click()
    tab.wait_for_url(f"**{'/km' if other == 'km' else ''}{start.removeprefix('/km')}")
    tab.wait_for_load_state("networkidle")
    context.close()
    assert not problems, problems


def test_menu_button_is_a_real_button(open_page) -> None:  # type: ignore[no-untyped-def]
    tab = open_page("/km/")
    button = tab.locator(".md-header button.cop-menu-button")
    expect(button).to_be_visible()
    expect(button).to_have_accessible_name(tab.locator("nav.md-nav--primary").get_attribute("aria-label") or "")
    assert tab.locator(".md-header label[for=__drawer]").count() == 0
    button.click()
    expect(tab.locator("#__drawer")).to_be_checked()
    expect(button).to_have_attribute("aria-expanded", "true")


# --- The 404 page, as GitHub Pages serves it ---------------------------------

class _PagesHandler(QuietHandler):
    """Like GitHub Pages: a missing address gets the site's root 404.html."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            super().send_error(code, message, explain)
            return
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def pages_server(site: Path) -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_PagesHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.mark.parametrize(("missing", "lang"), [("/roles/no-such-role/", "en"), ("/km/roles/no-such-role/?x=1", "km")])
def test_the_404_page_speaks_the_language_of_the_address(browser, pages_server: str, missing: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    tab.goto(pages_server + missing)
    expect(tab.locator("html")).to_have_attribute("lang", lang)
    expect(tab.locator(".cop-404 section").first).to_have_attribute("lang", lang)
    # The address the reader asked for stays in the address bar.
    tab.wait_for_function("missing => location.pathname + location.search === missing", arg=missing)
    context.close()


def test_the_404_page_without_script_speaks_both_languages(browser, pages_server: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    tab = context.new_page()
    tab.goto(pages_server + "/km/roles/no-such-role/")
    langs = tab.locator(".cop-404 section").evaluate_all("s => s.map(e => e.lang)")
    assert sorted(langs) == ["en", "km"]
    expect(tab.locator(".cop-404 section[lang=km] a")).to_have_attribute("href", "/km/")
    context.close()
