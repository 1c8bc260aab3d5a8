"""Valid HTML, a sitemap only with real addresses, a 404 page per language.

The Nu HTML checker (``vnu.jar`` from the pinned npm package ``vnu-jar``,
``npm ci``; it needs Java) over one page of each type in both languages and
both 404 pages; every page is checked by ``bench/check_pages.py``. The
corrections of the theme's markup (``cop/page_html.py``) on small inputs.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from cop import page_html
from conftest import ROOT, SITE_URL

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# One page of each type, below a language's root.
SAMPLE = ["index.html", "sectors/social-media/index.html", "sectors/index.html", "roles/trust-safety/index.html",
          "roles/index.html", "commitments/index.html", "commitments/social-media/index.html", "matrix/index.html",
          "key-areas/csam-response/index.html", "checklists/index.html", "checklists/social-media/index.html",
          "glossary/index.html", "help/index.html", "offline/index.html", "integrators/index.html",
          "maintainers/index.html", "maintainers/translations/index.html", "assessment/index.html", "report/index.html"]
LANGS = {"en": "", "km": "km/"}


def soup(file: Path) -> BeautifulSoup:
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


# --- The Nu checker --------------------------------------------------------

def test_nu_finds_no_error_on_a_page_of_each_type(site: Path) -> None:
    assert VNU.exists(), f"{VNU} is missing: run `npm ci` (scripts/test does)"
    files = [str(site / prefix / page) for prefix in LANGS.values() for page in SAMPLE]
    files += [str(site / "404.html"), str(site / "km" / "404.html")]
    proc = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
                          capture_output=True, text=True, timeout=300)
    errors = [m for m in json.loads(proc.stderr)["messages"] if m.get("type") == "error"]
    report = "\n".join(f"{m['url'].removeprefix('file:' + str(site))}:{m.get('lastLine')}: {m['message']}"
                       for m in errors[:20])
    assert not errors, f"the Nu checker finds {len(errors)} errors:\n{report}"


# --- What the hook corrects, on small inputs --------------------------------

def test_empty_tabindex_is_dropped_from_labels_only() -> None:
    page = '<label class="md-nav__link" for="__nav_3" id="__nav_3_label" tabindex=""><a tabindex="">'
    assert page_html.drop_empty_tabindex(page) == \
        '<label class="md-nav__link" for="__nav_3" id="__nav_3_label"><a tabindex="">'


def test_autocomplete_is_dropped_from_checkboxes_only() -> None:
    page = ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
            '<input type="text" name="query" autocomplete="off">')
    assert page_html.drop_checkbox_autocomplete(page) == \
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer"><input type="text" name="query" autocomplete="off">'


def test_contents_title_is_a_label_only_where_its_control_is() -> None:
    title = '<label class="md-nav__title" for="__toc"><span class="md-nav__icon md-icon"></span>Contents</label>'
    assert page_html.untie_toc_title(title) == \
        '<div class="md-nav__title"><span class="md-nav__icon md-icon"></span>Contents</div>'
    with_control = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">' + title
    assert page_html.untie_toc_title(with_control) == with_control


def test_search_dialog_takes_the_name_of_its_search_box() -> None:
    page = ('<div class="md-search" data-md-component="search" role="dialog">'
            '<input type="text" class="md-search__input" name="query" aria-label="ស្វែងរក" placeholder="">')
    assert '<div class="md-search" data-md-component="search" role="dialog" aria-label="ស្វែងរក">' in \
        page_html.name_search_dialog(page)


def test_section_menus_are_named_by_their_title() -> None:
    page = ('<nav class="md-nav" data-md-level="1" aria-labelledby="__nav_4_label" aria-expanded="true">\n'
            '  <label class="md-nav__title" for="__nav_4">Commitments</label>')
    assert page_html.name_section_menus(page) == (
        '<nav class="md-nav" data-md-level="1" aria-labelledby="__nav_4_title" aria-expanded="true">\n'
        '  <label class="md-nav__title" for="__nav_4" id="__nav_4_title">Commitments</label>')


def test_alternates_are_absolute_only_with_a_site_address() -> None:
    page = '<link rel="alternate" href="../../km/roles/x/" hreflang="km">'
    assert page_html.absolute_alternates(page, None) == page
    assert page_html.absolute_alternates(page, "https://example.org/cop/roles/x/") == \
        '<link rel="alternate" href="https://example.org/cop/km/roles/x/" hreflang="km">'


def test_table_cells_carry_their_column_header() -> None:
    table = ("<table>\n<thead>\n<tr><th>Role</th><th><a href='x'>Social &amp; media</a></th></tr>\n</thead>\n"
             "<tbody>\n<tr><td>Lead</td><td style=\"text-align: right;\">4</td></tr>\n</tbody>\n</table>")
    stacked = page_html.stack_tables(table)
    assert stacked.startswith("<table data-cop-stack=\"\">")
    assert '<td data-label="Role">Lead</td>' in stacked
    assert '<td data-label="Social &amp; media" style="text-align: right;">4</td>' in stacked
    # A table with a class, or with no header row, is left as it is.
    assert page_html.stack_tables('<table class="x"><tr><td>1</td></tr></table>') == '<table class="x"><tr><td>1</td></tr></table>'
    assert page_html.stack_tables("<table><tr><td>1</td></tr></table>") == "<table><tr><td>1</td></tr></table>"


# --- The built site ---------------------------------------------------------

def test_no_sitemap_without_a_site_address(site: Path) -> None:
    assert not (site / "sitemap.xml").exists(), "a sitemap without a site address lists None./ addresses"
    assert not (site / "sitemap.xml.gz").exists()


def test_with_a_site_address_the_sitemap_and_hreflang_links_are_absolute(full_site: Path) -> None:
    # The shared build with every option on, the site address among them.
    address = SITE_URL
    sitemap = (full_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "None" not in sitemap and f"<loc>{address}km/roles/trust-safety/</loc>" in sitemap
    page = soup(full_site / "km" / "roles" / "trust-safety" / "index.html")
    alternates = {link["hreflang"]: link["href"] for link in page.select("head link[rel=alternate][hreflang]")}
    assert alternates == {"en": f"{address}roles/trust-safety/", "km": f"{address}km/roles/trust-safety/"}


@pytest.mark.parametrize(("lang", "file"), [("en", "404.html"), ("km", "km/404.html")])
def test_a_404_page_per_language(site: Path, lang: str, file: str) -> None:
    page = soup(site / file)
    assert page.html["lang"] == lang
    # Its own language first, with a heading of its own; the other after it.
    sections = page.select(".cop-404 > section")
    assert [s["lang"] for s in sections] == [lang, "en" if lang == "km" else "km"]
    assert sections[0].h1 is not None and sections[1].h1 is None
    # Its menu and home link stay in its language; its language links lead to the language roots.
    home = "/" if lang == "en" else "/km/"
    assert sections[0].find("a")["href"] == home
    menu = [a["href"] for a in page.select(".md-nav--primary a.md-nav__link")]
    assert menu and all(href.startswith("/km/") == (lang == "km") for href in menu), menu
    languages = {a["hreflang"]: a["href"] for a in page.select(".md-header a[hreflang]")}
    assert languages == {"en": "/", "km": "/km/"}


def test_maintainers_pages_leave_the_menu_but_the_footer_links_them(site: Path) -> None:
    for lang, prefix in LANGS.items():
        page = soup(site / prefix / "sectors" / "social-media" / "index.html")
        assert not page.select(".md-nav--primary a[href*='maintainers']"), "maintainers' pages in the readers' menu"
        link = page.select_one(".cop-footer-links a")
        assert link is not None and link["href"] == "../../maintainers/", link
        assert (site / prefix / "maintainers" / "index.html").exists()
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "docs/maintainers/" in contributing


def test_home_page_leads_to_every_part_of_the_site(site: Path) -> None:
    for prefix in LANGS.values():
        content = soup(site / prefix / "index.html").select_one(".md-content")
        hrefs = {a["href"] for a in content.find_all("a", href=True)}
        for target in ("sectors/", "roles/", "checklists/", "glossary/", "help/"):
            assert any(href.startswith(target) for href in hrefs), f"the home page body has no link to {target}"
