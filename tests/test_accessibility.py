"""Accessibility in Debian's Chromium: axe-core over every page type, and the
site used with the keyboard alone.

The page types are shared between the languages: each is checked at desktop
width in one language and, if it is also checked on a phone, at phone width
in the other. Both languages' pages are built from the same templates, and
a Khmer page takes axe about twice as long as an English one, so checking
every type in both languages at both widths would double the suite's longest
browser test for little more coverage. ``bench/check_pages.py`` checks every
page of both languages at both widths, and a release is refused until its
record is newer than the content (``scripts/check --release``).

axe-core comes from the pinned package ``axe-playwright-python``, which ships
``axe.min.js`` and injects it with ``page.evaluate``: nothing is fetched. Every
rule axe runs by default is run, its best practices included; a
violation of any impact fails the test, with the rule, its help text and the
failing elements in the message.
"""

from __future__ import annotations

from typing import Callable, Iterator
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from searching import ANSWERED, INSTRUMENT, load_queries

pytestmark = pytest.mark.browser

# Every page type the site has, as (test id, path below a language's root).
# A new page type is one more line here; desktop_language() says which language checks it.
PAGE_TYPES: list[tuple[str, str]] = [
    ("home", ""),
    ("sector", "sectors/social-media/"),
    ("role", "roles/trust-safety/"),
    ("commitment-index", "commitments/"),
    ("commitment-section", "commitments/social-media/"),
    ("matrix", "matrix/"),
    ("glossary", "glossary/"),
    ("guide-with-code", "offline/"),
    # The interactive self-assessment, filtered to one role.
    ("checklist", "checklists/social-media/?role=trust-safety"),
    ("integrators", "integrators/"),
    # The assessments: the list, the questionnaire and risk; the report; the
    # check of an exported file; the questionnaire's rules (empty here: the
    # flows of test_assessment_flow.py check them with answers).
    ("assessment", "assessment/"),
    ("report", "report/"),
    ("assessment-check", "assessment-check/"),
    ("applicability", "applicability/"),
]
# The page types also checked at phone width.
# (The report is checked with answers in it, at both widths, by test_assessment_flow.py.)
PHONE_PAGE_TYPES = {"home", "sector", "matrix", "checklist", "assessment", "assessment-check", "applicability"}
# The error pages: the root one (English first) and the Khmer one.
NOT_FOUND = ["/404.html", "/km/404.html"]
# What a reader types into the search box, per language.
SEARCHES = {"en": "report", "km": "រាយការណ៍"}

ROOTS = {"en": "/", "km": "/km/"}
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

AXE_OPTIONS = {"resultTypes": ["violations"]}
BLOCKING = ("minor", "moderate", "serious", "critical")
AXE = Axe()

Opener = Callable[..., Page]


@pytest.fixture
def open_page(browser, server: str) -> Iterator[Opener]:  # type: ignore[no-untyped-def]
    """Open a path of the served build in a fresh tab; any request to another
    origin is refused, and the test fails if one was made."""
    contexts = []
    foreign: list[str] = []

    def guard(route) -> None:  # type: ignore[no-untyped-def]
        url = route.request.url
        if url.startswith(server + "/") or url.startswith("data:"):
            route.continue_()
        else:
            foreign.append(url)
            route.abort()

    def open_(path: str, viewport: dict[str, int] = DESKTOP) -> Page:
        context = browser.new_context(viewport=viewport)
        context.add_init_script(INSTRUMENT)
        context.route("**/*", guard)
        contexts.append(context)
        tab = context.new_page()
        tab.goto(server + path)
        return tab

    yield open_
    for context in contexts:
        context.close()
    assert not foreign, f"requests to another origin: {foreign}"


def axe_report(tab: Page) -> str:
    """Run axe on the page as it is now; describe its violations (empty when
    there are none)."""
    violations = AXE.run(tab, options=AXE_OPTIONS).response["violations"]
    lines = []
    for violation in violations:
        if violation["impact"] not in BLOCKING:
            continue
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"]:
            summary = " / ".join(line.strip() for line in node["failureSummary"].splitlines()[1:] if line.strip())
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary}")
    return "\n".join(lines)


def assert_accessible(tab: Page, what: str) -> None:
    report = axe_report(tab)
    assert not report, f"axe-core finds problems on {what}:\n{report}"


def type_query(tab: Page, text: str) -> None:
    """Type as a reader does: Latin keys, and Khmer through an input method
    (key "Unidentified" around each character, as phone keyboards send)."""
    box = tab.locator("input[name=query]")
    for char in text:
        if char.isascii():
            tab.keyboard.press(char)
        else:
            box.dispatch_event("keydown", {"key": "Unidentified", "keyCode": 229, "bubbles": True})
            tab.keyboard.insert_text(char)
            box.dispatch_event("keyup", {"key": "Unidentified", "keyCode": 229, "bubbles": True})
    tab.wait_for_function(ANSWERED, arg=text)


def open_search_with_keyboard(tab: Page) -> None:
    # Material's shortcut for the search box.
    tab.keyboard.press("/")
    expect(tab.locator("input[name=query]")).to_be_focused()


# --- axe-core --------------------------------------------------------------

def assert_every_page_accessible(open_page: Opener, server: str, lang: str, viewport: dict[str, int],
                                 kinds: list[str]) -> None:
    """axe on each page type in one tab, page after page (a tab per page cost
    a new browser context and a cold cache each); every page's violations
    are reported together."""
    paths = dict(PAGE_TYPES)
    tab = open_page(ROOTS[lang] + paths[kinds[0]], viewport)
    reports = []
    for number, kind in enumerate(kinds):
        if number:
            tab.goto(server + ROOTS[lang] + paths[kind])
        report = axe_report(tab)
        if report:
            reports.append(f"{ROOTS[lang] + paths[kind]} ({kind}) at {viewport['width']}px:\n{report}")
    assert not reports, "axe-core finds problems:\n" + "\n".join(reports)


def desktop_language(kind: str) -> str:
    """The language a page type is checked in at desktop width: English and
    Khmer in turn, down the list (at phone width, the other one)."""
    kinds = [name for name, _ in PAGE_TYPES]
    return list(ROOTS)[kinds.index(kind) % len(ROOTS)]


@pytest.mark.parametrize("lang", ROOTS)
def test_axe_desktop(open_page: Opener, server: str, lang: str) -> None:
    kinds = [kind for kind, _ in PAGE_TYPES if desktop_language(kind) == lang]
    assert_every_page_accessible(open_page, server, lang, DESKTOP, kinds)


@pytest.mark.parametrize("lang", ROOTS)
def test_axe_phone(open_page: Opener, server: str, lang: str) -> None:
    kinds = [kind for kind, _ in PAGE_TYPES if kind in PHONE_PAGE_TYPES and desktop_language(kind) != lang]
    assert_every_page_accessible(open_page, server, lang, PHONE, kinds)


def test_every_page_type_is_checked_and_phone_types_in_both_languages() -> None:
    desktop = {kind: desktop_language(kind) for kind, _ in PAGE_TYPES}
    assert set(desktop.values()) == set(ROOTS), "each language has page types at desktop width"
    assert PHONE_PAGE_TYPES <= set(desktop), "every phone page type is a page type"
    phone_languages = {lang for kind in PHONE_PAGE_TYPES for lang in ROOTS if lang != desktop[kind]}
    assert phone_languages == set(ROOTS), "each language has page types at phone width"


@pytest.mark.parametrize("path", NOT_FOUND)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_axe_not_found_page(open_page: Opener, viewport: dict[str, int], path: str) -> None:
    tab = open_page(path, viewport)
    expect(tab.locator(".cop-404")).to_be_visible()
    assert_accessible(tab, f"{path} at {viewport['width']}px")


@pytest.mark.parametrize("lang", ROOTS)
def test_axe_search_results_open(open_page: Opener, lang: str) -> None:
    tab = open_page(ROOTS[lang])
    open_search_with_keyboard(tab)
    type_query(tab, SEARCHES[lang])
    expect(tab.locator(".md-search-result__item").first).to_be_visible()
    assert_accessible(tab, f"{ROOTS[lang]} with search results for {SEARCHES[lang]!r}")


# --- The keyboard alone ----------------------------------------------------

FOCUSED = """() => {
  const e = document.activeElement;
  const box = e.getBoundingClientRect();
  const style = getComputedStyle(e);
  return {
    tag: e.tagName.toLowerCase(), cls: String(e.className), href: e.getAttribute("href"),
    text: (e.textContent || "").trim().slice(0, 60), hreflang: e.getAttribute("hreflang"), for: e.getAttribute("for"),
    inContent: e.closest(".md-content") !== null, inDrawer: e.closest(".md-sidebar--primary") !== null,
    onScreen: box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0
      && box.left < innerWidth && box.top < innerHeight,
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
    uncovered: e.contains(document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2)),
  };
}"""


def has_khmer(text: str) -> bool:
    return any(0x1780 <= ord(char) <= 0x17FF for char in text)


def focused(tab: Page) -> dict:
    return tab.evaluate(FOCUSED)


def assert_focus_shown(tab: Page, what: str, menu_open: bool = False) -> dict:
    """The focused element is on screen and has a visible outline; in the
    open phone menu, it is not under another of the menu's panels (checked
    only there: elsewhere the search overlay fading out after Tab would
    make the check depend on timing)."""
    now = focused(tab)
    assert now["onScreen"], f"{what}: focus is on an element off screen: {now}"
    if menu_open and now["inDrawer"]:
        assert now["uncovered"], f"{what}: focus is on a menu link covered by another panel: {now}"
    assert now["outline"], f"{what}: the focused element shows no outline: {now}"
    return now


def tab_until(tab: Page, wanted: Callable[[dict], bool], what: str, limit: int = 80,
              menu_open: bool = False) -> dict:
    """Press Tab until the focused element is the one wanted; every element
    on the way must show its focus, on screen."""
    for _ in range(limit):
        tab.keyboard.press("Tab")
        now = assert_focus_shown(tab, f"tabbing to {what}", menu_open)
        if wanted(now):
            return now
    raise AssertionError(f"{what} is not reached with {limit} presses of Tab")


@pytest.mark.parametrize("lang", ROOTS)
def test_skip_link_moves_focus_to_the_content(open_page: Opener, lang: str) -> None:
    tab = open_page(ROOTS[lang] + "commitments/social-media/")
    tab.keyboard.press("Tab")
    skip = tab.locator("a.md-skip")
    expect(skip).to_be_focused()
    now = assert_focus_shown(tab, "the skip link")
    assert lang != "km" or has_khmer(now["text"]), f"the skip link is not in Khmer: {now['text']!r}"
    href = skip.get_attribute("href") or ""
    tab.keyboard.press("Enter")
    tab.wait_for_function("href => decodeURIComponent(location.hash) === href", arg=href)
    # The next Tab starts from the content, past the header and navigation.
    tab.keyboard.press("Tab")
    now = assert_focus_shown(tab, "after the skip link")
    assert now["inContent"], f"after the skip link, Tab focuses {now}, outside the content"


@pytest.mark.parametrize("lang", ROOTS)
def test_search_with_keyboard_alone(open_page: Opener, lang: str) -> None:
    query = next(q for q in load_queries() if q.lang == lang and q.kind == "id")
    tab = open_page(ROOTS[lang])
    open_search_with_keyboard(tab)
    type_query(tab, query.q)
    expect(tab.locator(".md-search-result__item").first).to_be_visible()
    # Down the results with the arrow key to the commitment's own section.
    for _ in range(10):
        tab.keyboard.press("ArrowDown")
        now = focused(tab)
        assert "md-search-result__link" in now["cls"], f"ArrowDown leaves the results: {now}"
        if (now["href"] or "").endswith(f"#{query.anchor}"):
            break
    else:
        raise AssertionError(f"{query.anchor} is not among the first results for {query.q!r}")
    assert_focus_shown(tab, "a search result")
    tab.keyboard.press("Enter")
    # Material adds the query (?h=...) to highlight it on the page.
    tab.wait_for_url(lambda url: urlsplit(url).path == f"{ROOTS[lang]}{query.page}"
                     and urlsplit(url).fragment == query.anchor)
    expect(tab.locator(f"[id='{query.anchor}']")).to_be_in_viewport()


@pytest.mark.parametrize("lang", ROOTS)
def test_navigation_with_keyboard_alone(open_page: Opener, lang: str) -> None:
    tab = open_page(ROOTS[lang])
    # On a wide screen the top-level sections are tabs under the header.
    wanted = tab.locator(".md-tabs a.md-tabs__link[href$='glossary/']")
    href = wanted.get_attribute("href") or ""
    tab_until(tab, lambda now: now["href"] == href and "md-tabs__link" in now["cls"], "the glossary tab")
    tab.keyboard.press("Enter")
    tab.wait_for_url(f"**{ROOTS[lang]}glossary/")
    expect(tab.locator("h1")).to_be_visible()


@pytest.mark.parametrize("lang", ROOTS)
@pytest.mark.parametrize(("start", "goal"), [
    pytest.param("", "glossary/", id="top-level"),
    # Inside a section the menu opens on the section's panel.
    pytest.param("commitments/social-media/", "matrix/", id="in-a-section"),
])
def test_phone_menu_with_keyboard_alone(open_page: Opener, lang: str, start: str, goal: str) -> None:
    tab = open_page(ROOTS[lang] + start, PHONE)
    drawer = tab.locator("#__drawer")
    # A real button (cop-keyboard.js puts it in place of Material's label).
    menu = tab.locator(".md-header button.cop-menu-button")
    # Reached with Tab; nothing hidden in the closed menu is on the way
    # (tab_until requires every focused element to be on screen).
    tab_until(tab, lambda now: now["tag"] == "button" and "cop-menu-button" in now["cls"], "the menu button")
    # A named button, in the page's language (the name Material gives the navigation).
    name = tab.locator("nav.md-nav--primary").get_attribute("aria-label") or ""
    assert name and (lang != "km" or has_khmer(name)), f"the navigation's name is {name!r}"
    expect(menu).to_have_attribute("aria-label", name)
    expect(menu).to_have_attribute("aria-expanded", "false")
    tab.keyboard.press("Enter")
    expect(drawer).to_be_checked()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(tab.locator(".md-sidebar--primary")).to_be_in_viewport(ratio=1)
    now = assert_focus_shown(tab, "the opened menu", menu_open=True)
    assert now["inDrawer"], f"opening the menu leaves focus outside it: {now}"
    # Escape closes it and gives focus back to the button; Enter opens it again.
    tab.keyboard.press("Escape")
    expect(drawer).not_to_be_checked()
    expect(menu).to_be_focused()
    tab.keyboard.press("Enter")
    expect(tab.locator(".md-sidebar--primary")).to_be_in_viewport(ratio=1)
    href = tab.locator(f".md-sidebar--primary a.md-nav__link[href$='{goal}']").first.get_attribute("href") or ""
    tab_until(tab, lambda now: now["inDrawer"] and now["href"] == href, f"{goal} in the open menu", menu_open=True)
    tab.keyboard.press("Enter")
    tab.wait_for_url(f"**{ROOTS[lang]}{goal}")


@pytest.mark.parametrize(("start", "hreflang", "landing"), [
    ("/roles/trust-safety/", "km", "/km/roles/trust-safety/"),
    ("/km/roles/trust-safety/", "en", "/roles/trust-safety/"),
])
def test_language_switcher_with_keyboard_alone(open_page: Opener, start: str, hreflang: str, landing: str) -> None:
    tab = open_page(start)
    tab_until(tab, lambda now: now["hreflang"] == hreflang, f"the {hreflang} language link")
    tab.keyboard.press("Enter")
    tab.wait_for_url(f"**{landing}")
    assert tab.locator("html").get_attribute("lang") == hreflang
