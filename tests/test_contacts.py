"""Contacts come from model/contacts.yml and reach pages only through the
contacts blocks: the built pages show every contact of the data, in each
language, with its number as a tel: link, what it is for, who may use it, its
source and the day it was checked; a filtered block shows its group only. The
refusals of typed numbers and of bad entries are in test_hostile_input.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from built import article as built_article, soup
from conftest import LANGS, ROOT, page_path

CONTACTS = yaml.safe_load((ROOT / "model/contacts.yml").read_text(encoding="utf-8"))["contacts"]
SOURCES = yaml.safe_load((ROOT / "model/sources.yml").read_text(encoding="utf-8"))["sources"]
# The day a contact was checked, as the pages write it.
WRITTEN_DAY = {"en": re.compile(r"checked \d{1,2} [A-Z][a-z]+ \d{4}"), "km": re.compile(r"បានពិនិត្យថ្ងៃទី ?[០-៩]{1,2} ខែ\S+ ឆ្នាំ ?[០-៩]{4}")}
# The day its source was read, shown only when that is not the day the entry
# was checked, so that neither day passes for the other.
READ_DAY = {"en": re.compile(r"\(read \d{1,2} [A-Z][a-z]+ \d{4}\); this entry checked"),
            "km": re.compile(r"\(អានកាលពីថ្ងៃទី ?[០-៩]{1,2} ខែ\S+ ឆ្នាំ ?[០-៩]{4}\)។ ព័ត៌មានទំនាក់ទំនងនេះបានពិនិត្យ")}


def items(page: Path) -> dict[str, object]:
    """The contacts block's entries, by the contact's name."""
    block = soup(page).select_one(".cop-contacts")
    assert block is not None, f"{page}: no contacts block"
    return {li.select_one(".cop-contact__name").get_text(strip=True): li for li in block.select("li.cop-contact")}


@pytest.mark.parametrize("lang", LANGS)
def test_the_help_page_shows_every_contact_from_the_data(site: Path, lang: str) -> None:
    shown = items(page_path(site, lang, "help.md"))
    assert list(shown) == [c["name"][lang] for c in CONTACTS.values()], "the block's order is the data's"
    for key, contact in CONTACTS.items():
        li = shown[contact["name"][lang]]
        assert li.get("id") == f"contact-{key}"
        text = li.get_text(" ", strip=True)
        for field in ("for", "who", "how"):
            if field in contact:
                assert " ".join(contact[field][lang].split()) in text, f"{lang} {key}: its '{field}' is not shown"
        if "phone" in contact:
            tel = li.select_one("a[href^='tel:']")
            assert tel is not None and tel.get_text() == contact["phone"] and tel["href"] == "tel:" + contact["phone"].replace(" ", "")
        if "address" in contact:
            assert li.select_one(f"a[href='{contact['address']}']"), f"{lang} {key}: no link to {contact['address']}"
        source = SOURCES[contact["source"]]
        assert source["address"] == "print" or li.select_one(f".cop-contact__source a[href='{source.get('address')}']"), key
        assert WRITTEN_DAY[lang].search(text), f"{lang} {key}: no day checked in '{text}'"
        said = li.select_one(".cop-contact__source").get_text()
        read_apart = bool(source.get("read")) and str(source["read"]) != str(contact["checked"])
        assert bool(READ_DAY[lang].search(said)) == read_apart, f"{lang} {key}: read day {source.get('read')}, checked {contact['checked']}: '{said}'"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("page", "group"), [("young-people.md", "children"), ("parents.md", "parents"),
                                             ("roles/trust-safety.md", "industry")])
def test_a_filtered_block_shows_its_group_only_without_ids(site: Path, lang: str, page: str, group: str) -> None:
    shown = items(page_path(site, lang, page))
    assert list(shown) == [c["name"][lang] for c in CONTACTS.values() if group in c["groups"]]
    assert not any(li.get("id") for li in shown.values()), "only the full block on the help page gives ids"


@pytest.mark.parametrize("lang", LANGS)
def test_the_childrens_block_shows_the_words_for_children_and_no_other_block_does(site: Path, lang: str) -> None:
    """A contact may word its 'how', 'for' and 'who' again for children
    (plain words on what to do now); only the children's block shows them."""
    children = items(page_path(site, lang, "young-people.md"))
    others = {page: items(page_path(site, lang, page)) for page in ("help.md", "parents.md", "roles/trust-safety.md")}
    for key, contact in CONTACTS.items():
        for field, words in contact.get("children", {}).items():
            name = contact["name"][lang]
            said = " ".join(children[name].get_text(" ", strip=True).split())
            assert " ".join(words[lang].split()) in said, f"{lang} {key}: the children's '{field}' is not shown"
            if field in contact:
                assert " ".join(contact[field][lang].split()) not in said, f"{lang} {key}: the adults' '{field}' is shown to children"
            for page, shown in others.items():
                if name in shown:
                    assert " ".join(words[lang].split()) not in " ".join(shown[name].get_text(" ", strip=True).split()), \
                        f"{lang} {key}: {page} shows the children's '{field}'"


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_shows_a_number_outside_a_contacts_block(site: Path, lang: str) -> None:
    """What the sources refuse holds in every built page: the numbers of the
    data are in contacts blocks and nowhere else in the content."""
    numbers = [c["phone"] for c in CONTACTS.values() if "phone" in c]
    prefix = "" if lang == "en" else f"{lang}/"
    pages = [p for p in sorted(site.glob(f"{prefix}**/index.html")) if lang != "en" or not p.relative_to(site).as_posix().startswith("km/")]
    assert len(pages) > 50
    for file in pages:
        # A fresh parse (built.soup is cached and shared, and this takes parts out).
        article = built_article(file)
        if article is None:
            continue
        for block in article.select(".cop-contacts"):
            block.decompose()
        for code in article.select("code"):
            code.decompose()
        text = article.get_text(" ").translate(str.maketrans("០១២៣៤៥៦៧៨៩", "0123456789"))
        for number in numbers:
            assert not re.search(rf"(?<![\d,.]){re.escape(number)}(?![\d,]|\.\d)(?!\s?px)", text), \
                f"{file.relative_to(site)} shows {number} outside a contacts block"


def test_the_police_number_names_the_page_it_was_read_on() -> None:
    """The police hotline is read on APLE Cambodia's reporting page, not on a
    police page of its own: the entry cites that page and tells the reader so,
    in each language."""
    police = CONTACTS["police"]
    assert police["phone"] and police["source"] == "aple-report"
    for lang in LANGS:
        assert "APLE Cambodia" in police["how"][lang], f"{lang}: the police number does not say where it was read"


# Why the police number is cited to APLE Cambodia's page, in the words every
# page that explains it uses: a reader who meets it twice reads one reason.
POLICE_REASON = {
    "en": "The number is the police hotline that APLE Cambodia's reporting page gives for a child in immediate danger; "
          "we have not seen it on a police page of its own.",
    "km": "លេខនេះជាខ្សែទូរស័ព្ទបន្ទាន់របស់នគរបាល ដែលទំព័ររាយការណ៍របស់ APLE Cambodia ផ្តល់ឱ្យ "
          "សម្រាប់កុមារដែលកំពុងប្រឈមនឹងគ្រោះថ្នាក់ភ្លាមៗ។ យើងមិនទាន់បានឃើញលេខនេះ នៅលើទំព័រផ្ទាល់របស់នគរបាលទេ។",
}


def pages_without(sentence: str, lang: str) -> list[str]:
    """The pages that explain the police number (help, law enforcement) whose
    source in ``lang`` lacks ``sentence``, after the contact itself has it."""
    assert sentence in " ".join(CONTACTS["police"]["how"][lang].split())
    suffix = "" if lang == "en" else f".{lang}"
    files = [f"docs/{page}{suffix}.md" for page in ("help", "roles/law-enforcement")]
    return [f for f in files if sentence not in " ".join((ROOT / f).read_text(encoding="utf-8").split())]


@pytest.mark.parametrize("lang", LANGS)
def test_the_police_number_gives_one_reason_for_its_source_everywhere(lang: str) -> None:
    missing = pages_without(POLICE_REASON[lang], lang)
    assert not missing, f"{missing} give another reason for the police number's source"


# What we have not confirmed about the police number, said wherever the number
# is explained: a company tests the line (SM-12) instead of trusting it.
POLICE_UNCONFIRMED = {
    "en": "We have not confirmed that it is answered 24 hours a day, or that it can send medical help.",
    "km": "យើងក៏មិនទាន់បានបញ្ជាក់ថា លេខនេះមានអ្នកឆ្លើយ ២៤ ម៉ោងក្នុងមួយថ្ងៃ "
          "ឬថាវាអាចបញ្ជូនជំនួយផ្នែកវេជ្ជសាស្ត្រមកបានដែរ។",
}


@pytest.mark.parametrize("lang", LANGS)
def test_the_police_number_says_what_we_have_not_confirmed(lang: str) -> None:
    missing = pages_without(POLICE_UNCONFIRMED[lang], lang)
    assert not missing, f"{missing} do not say what we have not confirmed about the police number"
