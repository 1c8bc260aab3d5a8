"""The site served over HTTP makes no request to any other origin, on a page
of each kind in either language (every page: bench/audit_site.py requests);
and the offline copy works served from a sub-path (/cop/), as organisations
host it on an intranet."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from audits import foreign_requests, one_page_per_kind
from conftest import serve
from searching import Searcher

pytestmark = pytest.mark.browser


def test_no_request_leaves_the_site(browser, server: str, site: Path) -> None:  # type: ignore[no-untyped-def]
    # One page of each kind in each language, and a search in each; every
    # page: bench/audit_site.py requests.
    urls = one_page_per_kind(site)
    assert len(urls) > 20 and "/km/" in urls and "/km/checklists/" in urls
    foreign = foreign_requests(browser, server, urls)
    assert not foreign, f"requests to other origins: {foreign[:10]}"


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
