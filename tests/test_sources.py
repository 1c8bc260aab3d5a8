"""Sources are data. Every footnote cites model/sources.yml by key, every key
resolves, every entry is complete and lets a reader check it (the document's
own address and the day we read it, "print" with the official reference, or
where the text can be obtained), every entry is cited somewhere, no
aggregator is cited, and the legal and help pages say what their cited
sources say."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

import harness
from built import soup
from conftest import LANGS, ROOT, Project, page_path
from cop import catalog as catalog_module
from cop import footnotes

SOURCES = yaml.safe_load((ROOT / "model/sources.yml").read_text(encoding="utf-8"))["sources"]
# Sites that copy other publishers' reports: never a source.
AGGREGATORS = ("nationalcybersecurity.com", "ummnews.org", "cambodiaexpatsonline.com", "thebettercambodia.com")


def test_every_source_is_complete_and_primary() -> None:
    for key, entry in SOURCES.items():
        assert entry.get("publisher") and entry.get("title") and entry.get("date"), key
        assert ("address" in entry) != ("no_address" in entry), key
        address = str(entry.get("address", ""))
        assert address in ("", "print") or address.startswith("https://"), key
        assert not any(a in address for a in AGGREGATORS), f"{key}: {address} is an aggregator"


def test_almost_every_source_can_be_checked_by_a_reader() -> None:
    """The document's own address with the day it was read, or a printed
    text's official reference; the few others say where to obtain the text."""
    checkable = []
    for key, entry in SOURCES.items():
        address = str(entry.get("address", ""))
        if address.startswith("https://"):
            assert entry.get("read"), f"{key}: an address without the day it was read"
            parts = urlsplit(address)
            assert parts.path not in ("", "/") or parts.query, f"{key}: {address} is a home page"
            checkable.append(key)
        elif address == "print":
            assert entry.get("reference", {}).get("en") and entry["reference"].get("km"), f"{key}: print without a reference"
            checkable.append(key)
        else:
            assert {"en", "km"} <= set(entry["no_address"]), key
    # At most one source in ten may lack an address, and each says why and where to find the text.
    assert len(checkable) >= 20 and len(SOURCES) - len(checkable) <= len(SOURCES) // 10, sorted(set(SOURCES) - set(checkable))


def test_a_source_nothing_cites_is_refused_at_its_line(project: Project) -> None:
    project.replace("model/sources.yml", "\nlaws:\n", "\n  forgotten:\n    publisher: Someone\n    title: Something\n"
                    "    date: 2024\n    read: 2026-12-07\n    address: https://example.org/report\n\nlaws:\n")
    docs = project.root / "docs"
    catalog, _ = catalog_module.build(project.root, docs, harness._pages(docs), list(LANGS), "en")
    problems = [p for p in footnotes.check(catalog) if "forgotten" in p.message]
    assert len(problems) == 1, problems
    assert problems[0].file == "model/sources.yml" and problems[0].line == project.line_of("model/sources.yml", "  forgotten:")
    assert problems[0].message == "source 'forgotten' is cited nowhere" and "[^x]: @forgotten" in problems[0].fix
    # Cited by a contact only, it is used.
    project.replace("model/contacts.yml", "    source: photodna\n", "    source: forgotten\n")
    project.replace("model/sources.yml", "  photodna:\n", "  photodna-unused:\n")
    catalog, _ = catalog_module.build(project.root, docs, harness._pages(docs), list(LANGS), "en")
    assert [p.message for p in footnotes.check(catalog) if "cited nowhere" in p.message] == ["source 'photodna-unused' is cited nowhere"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", ["legal.md", "help.md", "about.md", "commitments/all-sectors.md", "index.md"])
def test_built_footnotes_are_written_out_citations(site: Path, lang: str, page: str) -> None:
    notes = soup(page_path(site, lang, page)).select(".footnote li")
    assert notes, f"{lang} {page}: no footnotes"
    for note in notes:
        text = note.get_text(" ", strip=True)
        assert not re.search(r"@[a-z0-9-]+", text), f"{lang} {page}: an unresolved key in '{text}'"
        assert not any(a in text for a in AGGREGATORS), f"{lang} {page}: cites an aggregator: {text}"


def test_every_markdown_footnote_cites_a_key() -> None:
    hand = []
    for file in (ROOT / "docs").rglob("*.md"):
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if re.match(r"^\[\^[^\]\s]+\]:", line) and not re.match(r"^\[\^[^\]\s]+\]: @[a-z0-9-]+(; @[a-z0-9-]+)*$", line):
                hand.append(f"{file.relative_to(ROOT)}:{number}")
    assert not hand, f"footnotes written by hand: {hand}"


def test_the_legal_pages_say_what_the_summary_says(site: Path) -> None:
    legal = soup(page_path(site, "en", "legal.md")).select_one("article").get_text(" ", strip=True)
    # Reporting, evidence and removal on notice are duties per the summary;
    # detection, age checks and parental consent are not.
    assert "not required" in legal.lower() and "age" in legal
    help_text = soup(page_path(site, "en", "help.md")).select_one("article").get_text(" ", strip=True)
    assert "good practice, not what Cambodian law requires" not in help_text
    for text in (legal, help_text):
        for match in re.finditer(r"[Nn]ot enacted[^.]*", text):
            assert re.search(r"as of \d{1,2} \w+ \d{4}", match.group(0)), f"undated: '{match.group(0)}'"


@pytest.mark.parametrize("lang", LANGS)
def test_the_cybercrime_law_status_rests_on_a_dated_source_with_its_address(site: Path, lang: str) -> None:
    page = soup(page_path(site, lang, "legal.md"))
    row = next(tr for tr in page.select("article tr") if "cybercrime law" in tr.get_text())
    status = row.select("td")[2]
    notes = [page.select_one(f"[id='{a['href'][1:]}']") for a in status.select("a.footnote-ref")]
    assert notes, f"{lang}: the status of the cybercrime law cites nothing"
    for note in notes:
        text = note.get_text(" ", strip=True)
        assert note.select_one("a[href^='https://']"), f"{lang}: no address in '{text}'"
        assert "undated" not in text and "គ្មានកាលបរិច្ឆេទ" not in text, f"{lang}: an undated source for a status: '{text}'"


def test_the_build_refuses_unknown_keys_hand_written_footnotes_and_incomplete_sources(project: Project) -> None:
    project.replace("docs/legal.md", "[^asean]: @ecpat-asean-rpa", "[^asean]: @ecpat-asean-rap")
    project.replace("docs/help.md", "[^helpline]: @helpline", "[^helpline]: Child Helpline Cambodia, a website.")
    result = project.build()
    assert result.returncode != 0
    out = result.output
    legal_line = project.line_of("docs/legal.md", "[^asean]: @ecpat-asean-rap")
    help_line = project.line_of("docs/help.md", "[^helpline]: Child Helpline")
    assert f"docs/legal.md:{legal_line}" in out and "cites @ecpat-asean-rap, which is not in model/sources.yml (did you mean @ecpat-asean-rpa?)" in out, out[-3000:]
    assert f"docs/help.md:{help_line}" in out and "footnote [^helpline] is written by hand" in out, out[-3000:]


def test_the_build_refuses_an_incomplete_source(project: Project) -> None:
    dh_title = project.read("model/sources.yml").split("  dh:\n", 1)[1].split("    date:", 1)[0]
    project.replace("model/sources.yml", dh_title, "    publisher: ECPAT International\n")  # no title
    project.replace("model/sources.yml", "    address: https://aplecambodia.org/kh/about-the-hotline\n",
                    "    address: http://aplecambodia.org/kh/about-the-hotline\n")
    project.replace("model/sources.yml", "    address: https://inhope.org/EN/articles/about-inhope\n", "    address: https://inhope.org/\n")
    project.replace("model/sources.yml", "    address: https://ooni.org/post/2022-state-of-internet-censorship-cambodia/\n",
                    "    address: print\n")
    result = project.build()
    assert result.returncode != 0
    out = result.output
    assert "source 'dh': has no title" in out, out[-3000:]
    line = project.line_of("model/sources.yml", "http://aplecambodia.org")
    assert f"model/sources.yml:{line}" in out and "neither an https:// address nor 'print'" in out
    line = project.read("model/sources.yml").split("\n").index("    address: https://inhope.org/") + 1
    assert f"model/sources.yml:{line}: source 'inhope-about': address 'https://inhope.org/' is a home page, not the document" in out, out[-3000:]
    assert "source 'ooni-2022': is 'print' but gives no official reference" in out and "Royal Kram" in out
