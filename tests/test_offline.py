"""The offline copy opened from disk (file://), with no server and no
network: search works in both languages (through the site's own Web Worker
stand-in), and the language switcher keeps the reader on the same commitment."""

from __future__ import annotations

from pathlib import Path

import pytest

from audits import offline_misses, one_query_per_kind
from searching import read_index

pytestmark = pytest.mark.browser


def test_offline_copy_names_no_third_party_script(offline_site: Path) -> None:
    for page in offline_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "unpkg.com" not in html and "<script src=\"http" not in html, f"{page} loads a script from elsewhere"
    # Search loads one index per language, as a script (it loads from disk too);
    # Material's own index is a stub with no documents.
    khmer = read_index(offline_site / "search/cop-index.km.js")
    assert khmer["docs"] and all(doc[0].startswith("km/") for doc in khmer["docs"]), "no Khmer pages in the offline index"
    assert khmer["words"], "the offline Khmer index lists no words"
    assert '"docs":[]' in (offline_site / "search/search_index.js").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["km", "en"])
def test_offline_search(browser, offline_site: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    # One query of each kind: this checks the file:// path end to end. Recall
    # is measured over HTTP with the whole set (test_search.py); the whole set
    # from disk: bench/audit_site.py offline-search.
    queries = one_query_per_kind(lang)
    assert len(queries) >= 5
    missed = offline_misses(browser, offline_site, queries)
    assert not missed, f"offline {lang} search missed {missed}"


def test_offline_language_switch_keeps_the_commitment(page, offline_site: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto((offline_site / "km/commitments/social-media.html").as_uri() + "#SM-04")
    page.locator(".md-header .md-select button").first.hover()
    page.locator('.md-header a[hreflang="en"]').first.click()
    page.wait_for_load_state("load")
    assert page.url == (offline_site / "commitments/social-media.html").as_uri() + "#SM-04"


@pytest.mark.parametrize("prefix", ["", "km/"])
def test_offline_pages_render_from_disk(page, offline_site: Path, prefix: str) -> None:  # type: ignore[no-untyped-def]
    lang = "km" if prefix else "en"
    for name in ("index.html", "sectors/social-media.html", "roles/trust-safety.html"):
        page.goto((offline_site / prefix / name).as_uri())
        assert page.locator("html").get_attribute("lang") == lang
        assert page.locator("article h1").first.is_visible(), f"{prefix}{name} shows no title"
        # The stylesheet loaded from disk: Material's layout is applied.
        assert page.locator(".md-header").evaluate("el => getComputedStyle(el).position") == "sticky"
    page.goto((offline_site / prefix / "commitments/all-sectors.html").as_uri() + "#ALL-05")
    heading = page.locator("[id='ALL-05']")
    assert heading.is_visible()
    box = heading.bounding_box()
    assert box is not None and box["y"] < 844, "the commitment anchor is not scrolled into view"
