"""The site says what it is. Its name and home heading are its own
(not the official title), the home page and every commitments page say near
their top that this is an independent guide and where the official text is,
a deep link to a commitment still shows that, and every printed page (and so
every PDF) carries the full statement with a date."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from built import soup
from shared_helpers import pdf_texts
from conftest import LANGS, ROOT, page_path

LABELS = yaml.safe_load((ROOT / "model/labels.yml").read_text(encoding="utf-8"))
# The official titles as sources report them (domain-facts section 1).
OFFICIAL = {
    "en": "guidelines on child online protection for the digital technology industry",
    "km": "គោលការណ៍ណែនាំស្តីពីកិច្ចការពារកុមារលើប្រព័ន្ធអនឡាញ",
}
COMMITMENT_PAGES = sorted(p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs/commitments").glob("*.md")
                          if not p.name.endswith(".km.md") and p.name != "index.md")


@pytest.mark.parametrize("lang", LANGS)
def test_the_name_and_home_heading_are_not_the_official_title(site: Path, lang: str) -> None:
    home = soup(page_path(site, lang, "index.md"))
    title = home.title.get_text() if home.title else ""
    heading = home.select_one("article h1").get_text(" ", strip=True)
    for text in (title, heading):
        assert OFFICIAL[lang] not in text.lower(), f"{lang}: '{text}' carries the official title"
        assert not text.lower().startswith(("guidelines", "គោលការណ៍ណែនាំ")), f"{lang}: '{text}' reads as the guidelines"


@pytest.mark.parametrize("lang", LANGS)
def test_home_says_near_its_top_that_it_is_not_the_official_text(site: Path, lang: str) -> None:
    article = soup(page_path(site, lang, "index.md")).select_one("article")
    blocks = [el for el in article.find_all(["p", "div", "h1", "h2"], recursive=False)]
    first_h2 = next(i for i, el in enumerate(blocks) if el.name == "h2")
    before = " ".join(el.get_text(" ", strip=True) for el in blocks[:first_h2])
    assert LABELS[lang]["identity.short"] in before
    statement = article.select_one(".admonition.note")
    assert statement is not None and blocks.index(statement) < first_h2, f"{lang}: the statement is not above the first section"
    link = statement.select_one('a[href*="about/#official-text"]')
    assert link is not None, f"{lang}: the statement does not say where the official text is"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", COMMITMENT_PAGES)
def test_every_commitments_page_opens_with_the_banner(site: Path, lang: str, page: str) -> None:
    article = soup(page_path(site, lang, page)).select_one("article")
    banner = article.select_one(".cop-identity")
    assert banner is not None, f"{lang} {page}: no identity banner"
    assert banner.find_previous("h2") is None, f"{lang} {page}: the banner comes after a commitment"
    assert LABELS[lang]["identity.short"] in banner.get_text()
    target = soup(page_path(site, lang, "about.md")).find(id="official-text")
    assert target is not None, f"{lang}: about.md has no #official-text section for the banner's link"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", ["index.md", "roles/leadership.md", "checklists/social-media.md", "legal.md"])
def test_every_page_carries_the_print_statement_with_a_date(site: Path, lang: str, page: str) -> None:
    block = soup(page_path(site, lang, page)).select_one("article .cop-identity-print")
    assert block is not None, f"{lang} {page}: no print statement"
    assert LABELS[lang]["identity"] in block.get_text(" ", strip=True)
    time = block.select_one("time[datetime]")
    assert time is not None and len(time["datetime"]) == 10
    if lang == "km":
        assert not any(ch.isascii() and ch.isdigit() for ch in time.get_text()), "Khmer date in Latin digits"


@pytest.mark.parametrize("lang", LANGS)
def test_a_deep_link_to_a_commitment_shows_the_banner(server: str, page, lang: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/{LANGS[lang]}commitments/social-media/#SM-08")
    banner = page.locator(".cop-identity")
    heading = page.locator("#SM-08")
    assert banner.is_visible() and heading.is_visible()
    box, head = banner.bounding_box(), heading.bounding_box()
    assert box and head and 0 <= box["y"] < 844 and box["y"] + box["height"] <= head["y"] + 1, \
        f"{lang}: banner {box} not in view above the heading {head}"


@pytest.mark.parametrize("lang", LANGS)
def test_printing_shows_the_statement_not_the_banner(server: str, page, lang: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/{LANGS[lang]}checklists/social-media/")
    page.emulate_media(media="print")
    assert page.locator(".cop-identity-print").is_visible()
    assert page.locator(".cop-identity-print time").inner_text().strip()
    page.emulate_media(media="screen")
    assert not page.locator(".cop-identity-print").is_visible()


def test_every_page_of_a_printed_checklist_says_what_the_site_is(server: str, page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """As scripts/pdf.py prints it: the full statement and date on the first
    sheet, the short statement and date at the foot of every sheet."""
    page.goto(f"{server}/checklists/social-media/")
    target = tmp_path / "checklist.pdf"
    page.pdf(path=str(target), format="A4", print_background=True, prefer_css_page_size=True)
    sheets = pdf_texts(target)
    assert len(sheets) > 2
    flat = [" ".join(text.split()) for text in sheets]
    assert " ".join(LABELS["en"]["identity"].split()) in flat[0]
    for number, text in enumerate(flat, 1):
        assert LABELS["en"]["identity.short"] in text and "Content as of" in text, f"sheet {number} does not say it"
