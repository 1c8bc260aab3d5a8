"""Coverage the launch named first. Commitments on cyberbullying and
peer-to-peer harm and on self-harm content, in the sectors where users talk
to each other; a page for parents and caregivers and one for children with
the helpline first; platform reporting links limited to checked addresses."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from built import soup
from conftest import LANGS, page_path

# The platform help addresses we could check (help.md); nothing else may be added unchecked.
CHECKED = {
    "https://www.facebook.com/help/1753719584844061",
    "https://www.tiktok.com/legal/report/feedback",
    "https://telegram.org/support",
}

# Numbers are typed only in model/contacts.yml; pages show them through its blocks.
CONTACTS = yaml.safe_load((Path(__file__).resolve().parent.parent / "model/contacts.yml")
                          .read_text(encoding="utf-8"))["contacts"]
HELPLINE = CONTACTS["child-helpline"]["phone"]


def phones(article) -> list[str]:  # type: ignore[no-untyped-def]
    """The numbers of the contacts block(s) on a page, in order."""
    return [a.get_text(strip=True) for a in article.select(".cop-contact a.cop-contact__phone")]


@pytest.mark.parametrize("lang", LANGS)
def test_cyberbullying_and_self_harm_are_commitments_where_users_interact(site: Path, lang: str) -> None:
    doc = json.loads((site / LANGS[lang] / "commitments.json").read_text(encoding="utf-8"))
    recs = {r["id"]: r for r in doc["commitments"]}
    for cid in ("SM-11", "SM-12"):
        record = recs[cid]
        assert {s["id"] for s in record["sectors"]} == {"social-media", "app-developers", "content-creators"}
        assert record["roles"] and record["partners"] and record["references"] and record["basis"]
        assert record["translated"], f"{cid} is not translated into {lang}"
    for sector in ("app-developers", "content-creators"):
        checklist = soup(page_path(site, lang, f"checklists/{sector}.md"))
        assert checklist.find(id="item-SM-11") is not None, f"{sector} checklist lacks SM-11"
    page = soup(page_path(site, lang, "commitments/social-media.md"))
    sm12 = page.find(id="SM-12")
    text, hrefs = "", []
    for sibling in sm12.find_all_next():
        if sibling.name == "h2":
            break
        text += sibling.get_text(" ", strip=True) + " "
        if sibling.name == "a":
            hrefs.append(sibling.get("href", ""))
    assert any(h.endswith("help/#contacts") for h in hrefs), \
        "the self-harm commitment does not say where to get help"
    assert "Child Helpline Cambodia" in text or "ខ្សែទូរស័ព្ទជំនួយកុមារកម្ពុជា" in text, text


@pytest.mark.parametrize("lang", LANGS)
def test_the_children_page_puts_the_helpline_first(site: Path, lang: str) -> None:
    article = soup(page_path(site, lang, "young-people.md")).select_one("article")
    first = article.select_one(".admonition")
    assert first is not None and "Child Helpline Cambodia" in first.get_text()
    assert first.find_previous("h2") is None
    # Its number is the first of the contacts just below, from the data.
    assert phones(article)[:1] == [HELPLINE], phones(article)
    if lang == "km":
        # Short sentences for a young reader: on average under 90 characters.
        # The page's prose (not the citations of its footnotes, nor the
        # identity line), then the contacts it shows, measured from the data.
        body = " ".join(p.get_text(" ", strip=True) for p in article.select("p, li")
                        if not p.find_parent(class_=("cop-contacts", "footnote", "cop-identity-print")))
        sentences = [s for s in re.split(r"[។?]", body) if s.strip()]
        assert sum(map(len, sentences)) / len(sentences) < 90
        shown = " ។".join(c[f]["km"] for c in CONTACTS.values() if "children" in c["groups"]
                          for f in ("name", "for", "who"))
        sentences = [s for s in re.split(r"[។?]", shown) if s.strip()]
        assert sum(map(len, sentences)) / len(sentences) < 90


@pytest.mark.parametrize("lang", LANGS)
def test_parents_page_says_what_to_watch_do_and_report(site: Path, lang: str) -> None:
    article = soup(page_path(site, lang, "parents.md")).select_one("article")
    assert len(article.select("h2")) >= 3
    assert HELPLINE in phones(article) and CONTACTS["internet-hotline"]["phone"] in phones(article)
    assert article.select_one(f'.cop-contact a[href="{CONTACTS["internet-hotline"]["address"]}"]') is not None
    assert article.select_one('a[href*="help/#report-on-a-platform"]') is not None


@pytest.mark.parametrize("lang", LANGS)
def test_platform_links_are_only_checked_addresses(site: Path, lang: str) -> None:
    section = soup(page_path(site, lang, "help.md")).find(id="report-on-a-platform")
    links = []
    for sibling in section.find_all_next():
        if sibling.name == "h2":
            break
        links += [a["href"] for a in sibling.find_all("a", href=True) if a["href"].startswith("http")]
    assert set(links) == CHECKED
