"""English at /, Khmer at /km/, with a Khmer interface, titled references in
the page's language, and an honest notice where a page is not translated."""

from __future__ import annotations

from pathlib import Path


from built import soup
from conftest import Project, page_path

KHMER = range(0x1780, 0x1800)


def has_khmer(text: str) -> bool:
    return any(ord(ch) in KHMER for ch in text)


def test_every_page_exists_in_both_languages_with_its_lang(site: Path) -> None:
    english = sorted(p.relative_to(site) for p in site.rglob("index.html") if not p.relative_to(site).parts[0] == "km")
    assert len(english) > 30
    for rel in english:
        km = site / "km" / rel
        assert km.is_file(), f"{rel} has no Khmer page"
        assert soup(site / rel).html["lang"] == "en"
        assert soup(km).html["lang"] == "km", f"km/{rel} is not marked lang=km"


def test_khmer_interface(site: Path) -> None:
    page = soup(site / "km/index.html")
    search = page.find("input", attrs={"name": "query"})
    assert search is not None and has_khmer(search["placeholder"]), "the search box is not labelled in Khmer"
    skip = page.find("a", class_="md-skip")
    assert skip is not None and has_khmer(skip.get_text()), "the skip link is not in Khmer"
    tabs = [a.get_text(strip=True) for a in page.select(".md-nav--primary > .md-nav__list > .md-nav__item > label, .md-nav--primary > .md-nav__list > .md-nav__item > a")]
    assert tabs and all(has_khmer(t) for t in tabs), f"navigation not in Khmer: {tabs}"


def test_generated_labels_are_translated(site: Path) -> None:
    file = page_path(site, "km", "commitments/social-media.md")
    meta = soup(file).select_one(".cop-meta")
    labels = [strong.get_text() for strong in meta.find_all("strong")]
    assert labels and all(has_khmer(label) for label in labels), labels
    links = [a.get_text() for a in meta.find_all("a")]
    assert links and all(has_khmer(text) for text in links), f"role/sector names not in Khmer: {links}"


def test_language_links_point_to_the_same_page(site: Path) -> None:
    for lang, other, hreflang in (("en", "km", "km"), ("km", "en", "en")):
        file = page_path(site, lang, "roles/trust-safety.md")
        link = soup(file).find("a", attrs={"hreflang": hreflang})
        assert link is not None
        target = (file.parent / link["href"]).resolve()
        target = target / "index.html" if target.is_dir() else target
        assert target == page_path(site, other, "roles/trust-safety.md").resolve()


def test_reference_syntax(edited: Project) -> None:
    # The references edit_project (conftest.py) adds to about.md and about.km.md.
    project = edited
    en = soup(project.root / "site/about/index.html").select_one(".md-content")
    km = soup(project.root / "site/km/about/index.html").select_one(".md-content")

    def texts(page, href: str) -> list[str]:  # type: ignore[no-untyped-def]
        return [a.get_text(" ", strip=True) for a in page.find_all("a", href=href)]

    assert any(t.startswith("SM-03 Detect") for t in texts(en, "../commitments/social-media/#SM-03"))
    assert "the moderators" in texts(en, "../roles/trust-safety/")
    assert any("[[SM-03]]" in code.get_text() for code in en.find_all("code"))
    sm03_km = texts(km, "../commitments/social-media/#SM-03")
    assert sm03_km and all(t.startswith("SM-03") and has_khmer(t) for t in sm03_km), \
        f"the Khmer reference does not carry the Khmer title: {sm03_km}"
    assert texts(km, "../roles/trust-safety/") and all(has_khmer(t) for t in texts(km, "../roles/trust-safety/"))


def test_untranslated_page_shows_english_with_a_notice(edited: Project) -> None:
    # edit_project (conftest.py) removes docs/roles/educators.km.md.
    project = edited
    page = soup(project.root / "site/km/roles/educators/index.html")
    assert page.html["lang"] == "km"
    notice = page.select_one(".cop-untranslated")
    assert notice is not None and has_khmer(notice.get_text()), "no Khmer 'not yet translated' notice"
    english = page.select_one('.md-content [lang="en"]')
    assert english is not None and english.find("h1").get_text(strip=True).startswith("Teachers")
    # Pages that are translated carry no notice.
    assert soup(project.root / "site/km/roles/trust-safety/index.html").select_one(".cop-untranslated") is None


def test_khmer_headings_have_readable_anchors(site: Path) -> None:
    """A Khmer heading's anchor keeps all of its Khmer (vowel signs and coeng
    included), unless the build gave it a language-neutral anchor on purpose."""
    import re

    def khmer(text: str) -> str:
        return "".join(ch for ch in text if has_khmer(ch))

    checked = 0
    for page in ("sectors/social-media.md", "roles/trust-safety.md", "about.md", "commitments/all-sectors.md"):
        doc = soup(page_path(site, "km", page))
        for heading in doc.select(".md-content h2[id], .md-content h3[id]"):
            anchor, text = heading["id"], heading.get_text("", strip=True)
            if not has_khmer(text) or re.fullmatch(r"[A-Za-z0-9-]+", anchor):
                continue
            assert khmer(anchor) == khmer(text), f"km/{page}: heading {text!r} has the anchor {anchor!r}"
            checked += 1
    assert checked >= 5


def test_every_page_is_translated_into_khmer(site: Path) -> None:
    """The complete guidelines: no page of the Khmer site falls back to English."""
    fallbacks = [str(p.relative_to(site)) for p in (site / "km").rglob("index.html")
                 if soup(p).select_one(".cop-untranslated") is not None]
    assert not fallbacks, f"pages shown in English on the Khmer site: {fallbacks}"


def test_markdowns_own_link_titles_are_in_the_pages_language(site: Path) -> None:
    """The titles Python-Markdown writes itself (a heading's permalink, a
    footnote's link back to the text) are in the page's language: a screen
    reader reads them aloud."""
    import yaml

    from conftest import ROOT

    labels = yaml.safe_load((ROOT / "model/labels.yml").read_text(encoding="utf-8"))
    for lang in ("en", "km"):
        page = soup(page_path(site, lang, "legal.md"))
        permalinks = {a["title"] for a in page.select("a.headerlink")}
        backlinks = [a["title"] for a in page.select("a.footnote-backref")]
        assert permalinks == {labels[lang]["markdown.permalink"]}
        assert backlinks and backlinks[0] == labels[lang]["markdown.footnote_back"].format(1)
