"""In Debian's Chromium: the language switcher keeps the reader on the same
commitment, and Khmer pages render with a Khmer interface."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def switch_language(page, hreflang: str) -> None:  # type: ignore[no-untyped-def]
    """Open the language menu as a reader would, then choose the language."""
    page.locator(".md-header .md-select button").first.hover()
    page.locator(f'.md-header a[hreflang="{hreflang}"]').first.click()
    page.wait_for_load_state("load")


@pytest.mark.parametrize(("start", "hreflang", "landing"), [
    ("/km/commitments/social-media/#SM-03", "en", "/commitments/social-media/#SM-03"),
    ("/commitments/all-sectors/#ALL-05", "km", "/km/commitments/all-sectors/#ALL-05"),
])
def test_language_switch_keeps_the_commitment(server: str, page, start: str, hreflang: str, landing: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + start)
    switch_language(page, hreflang)
    assert page.url == server + landing
    cid = landing.rsplit("#", 1)[1]
    heading = page.locator(f"[id='{cid}']")
    assert heading.is_visible()
    box = heading.bounding_box()
    assert box is not None and 0 <= box["y"] < 844, "the commitment is not scrolled into view after switching"


def test_language_switch_follows_a_fragment_chosen_after_load(server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/km/commitments/social-media/")
    page.locator("a.headerlink[href='#SM-06']").click()
    switch_language(page, "en")
    assert page.url == server + "/commitments/social-media/#SM-06"


def test_khmer_page_in_the_browser(server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/km/roles/trust-safety/")
    assert page.locator("html").get_attribute("lang") == "km"
    placeholder = page.locator("input[name=query]").get_attribute("placeholder") or ""
    assert any(0x1780 <= ord(ch) < 0x1800 for ch in placeholder)
    # The generated list is there and its links lead to commitments.
    first = page.locator("#commitments ~ ul a[href*='#']").first
    href = first.get_attribute("href") or ""
    first.click()
    assert page.url.endswith(href.rsplit("/", 1)[-1])
