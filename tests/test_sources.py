"""Sources are data. Every footnote cites model/sources.yml by key,
every key resolves, every entry is complete (publisher, title, date, and an
address, "print" or a stated reason), no aggregator is cited, and the legal
and help pages say what their cited summary says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from built import soup
from conftest import LANGS, ROOT, Project, page_path

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


def test_the_build_refuses_unknown_keys_hand_written_footnotes_and_incomplete_sources(project: Project) -> None:
    project.replace("docs/legal.md", "[^cncc]: @cncc", "[^cncc]: @cnc")
    project.replace("docs/help.md", "[^helpline]: @helpline", "[^helpline]: Child Helpline Cambodia, a website.")
    result = project.build()
    assert result.returncode != 0
    out = result.output
    legal_line = project.line_of("docs/legal.md", "[^cncc]: @cnc")
    help_line = project.line_of("docs/help.md", "[^helpline]: Child Helpline")
    assert f"docs/legal.md:{legal_line}" in out and "cites @cnc, which is not in model/sources.yml (did you mean @cncc?)" in out, out[-3000:]
    assert f"docs/help.md:{help_line}" in out and "footnote [^helpline] is written by hand" in out, out[-3000:]


def test_the_build_refuses_an_incomplete_source(project: Project) -> None:
    project.replace("model/sources.yml", "    title: Disrupting Harm in Cambodia\n", "")
    project.replace("model/sources.yml", "    address: https://aplecambodia.org\n", "    address: http://aplecambodia.org\n")
    result = project.build()
    assert result.returncode != 0
    assert "source 'dh': has no title" in result.output, result.output[-3000:]
    line = project.line_of("model/sources.yml", "http://aplecambodia.org")
    assert f"model/sources.yml:{line}" in result.output and "neither an https:// address nor 'print'" in result.output
