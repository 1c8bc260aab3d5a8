"""The site served over HTTP makes no request to any other origin, on any
page in either language; and the offline copy works served from a sub-path
(/cop/), as organisations host it on an intranet."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from conftest import serve
from searching import Searcher

pytestmark = pytest.mark.browser


def pages(site: Path) -> list[str]:
    """Every page's URL path, both languages (directory URLs)."""
    out = []
    for file in sorted(site.rglob("index.html")):
        rel = file.parent.relative_to(site).as_posix()
        out.append("/" if rel == "." else f"/{rel}/")
    return out


def test_no_request_leaves_the_site(browser, server: str, site: Path) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 390, "height": 844})
    foreign: list[str] = []

    def guard(route) -> None:  # type: ignore[no-untyped-def]
        if route.request.url.startswith(server + "/") or route.request.url.startswith("data:"):
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    tab = context.new_page()
    urls = pages(site)
    assert len(urls) > 60 and "/km/" in urls
    try:
        for url in urls:
            tab.goto(server + url)
            tab.wait_for_load_state("load")
        for start in ("/", "/km/"):  # search loads the worker and the index
            tab.goto(server + start)
            tab.locator("label.md-header__button[for=__search]").click()
            tab.locator("input[name=query]").fill("SM-03")
            tab.locator("input[name=query]").press("End")
            tab.locator(".md-search-result__item").first.wait_for()
            tab.wait_for_load_state("networkidle")
    finally:
        context.close()
    assert not foreign, f"requests to other origins: {sorted(set(foreign))[:10]}"


@pytest.fixture(scope="module")
def subpath(offline_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("host")
    (root / "cop").symlink_to(offline_site, target_is_directory=True)
    for base in serve(root):
        yield base + "/cop"


@pytest.mark.parametrize(("lang", "other"), [("km", "en"), ("en", "km")])
def test_offline_copy_from_a_sub_path(page, subpath: str, lang: str, other: str) -> None:  # type: ignore[no-untyped-def]
    prefix = {"en": "/", "km": "/km/"}
    page.goto(f"{subpath}{prefix[lang]}index.html")
    assert page.locator("html").get_attribute("lang") == lang
    page.goto(f"{subpath}{prefix[lang]}sectors/social-media.html")
    assert page.locator("h1").first.is_visible()
    page.goto(f"{subpath}{prefix[lang]}commitments/social-media.html#SM-03")
    assert page.locator("[id='SM-03']").is_visible()
    page.locator(".md-header .md-select button").first.hover()
    page.locator(f'.md-header a[hreflang="{other}"]').first.click()
    page.wait_for_load_state("load")
    assert page.url == f"{subpath}{prefix[other]}commitments/social-media.html#SM-03"


@pytest.mark.parametrize(("lang", "query"), [("km", "ការផ្សាយផ្ទាល់"), ("en", "live streaming")])
def test_search_from_a_sub_path(browser, subpath: str, offline_site: Path, lang: str, query: str) -> None:  # type: ignore[no-untyped-def]
    searcher = Searcher(browser, subpath, lang, offline=True, site_dir=offline_site)
    try:
        answer = searcher.search(query)
    finally:
        searcher.close()
    expected = "/cop" + ("/km" if lang == "km" else "") + "/commitments/social-media.html"
    assert expected in answer.pages()[:3], answer.pages()
