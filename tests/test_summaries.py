"""Each sector page's hand-written summary names every commitment made for
its sector as [[ID]], or says on a line of its own why one is left out
(cop/summaries.py); on the built site, in both languages, and as a build
problem with the page, the missing IDs and the fix when one is forgotten."""

from __future__ import annotations

from pathlib import Path

import pytest

import harness
from built import soup
from conftest import LANGS, Project, page_path

PAGE = "docs/sectors/social-media.md"


@pytest.mark.parametrize("lang", LANGS)
def test_every_sector_summary_links_to_each_commitment_of_its_sector(site: Path, structure: dict, lang: str) -> None:
    for sector in structure["sectors"]:
        expected = {cid for cid, entry in structure["commitments"].items()
                    if sector in entry["sectors"] and not cid.startswith("ALL-")}
        article = soup(page_path(site, lang, f"sectors/{sector}.md")).select_one("article")
        generated = article.find(id="commitments")
        summary = set()
        for link in article.select("a[href*='#']"):
            if generated is not None and generated in link.find_all_previous():
                break  # the generated list starts here
            summary.add(link["href"].rsplit("#", 1)[1])
        assert expected <= summary, f"{lang}: the summary of {sector} does not link to {sorted(expected - summary)}"


def test_a_commitment_left_out_of_a_summary_stops_the_build(project: Project) -> None:
    text = project.read(PAGE)
    assert "[[SM-12]]" in text and "[[SM-11]]" in text
    project.write(PAGE, text.replace(" ([[SM-12]])", "").replace(" ([[SM-11]])", ""))
    verdict = harness.check(project.root, pages=[])
    problem = verdict.find(PAGE, "does not cite SM-11, SM-12", project.line_of(PAGE, "<!-- cop:commitments -->"))
    assert "<!-- summary leaves out SM-12:" in problem.fix and "[[ID]]" in problem.fix
    # The Khmer page still cites both: only the English page is named.
    assert not [p for p in verdict.problems if p.file == "docs/sectors/social-media.km.md"]


def test_a_commitment_left_out_on_purpose_needs_a_reason(project: Project) -> None:
    text = project.read(PAGE).replace(" ([[SM-12]])", "")
    marker = "<!-- summary leaves out SM-12: the help page covers self-harm content for small companies -->\n\n"
    project.write(PAGE, text.replace("<!-- cop:commitments -->", marker + "<!-- cop:commitments -->"))
    assert harness.check(project.root, pages=[]).passed

    project.write(PAGE, text.replace("<!-- cop:commitments -->",
                                     "<!-- summary leaves out SM-12 -->\n<!-- summary leaves out ISP-01: not ours -->\n"
                                     "<!-- Summary left out SM-12 -->\n\n<!-- cop:commitments -->"))
    verdict = harness.check(project.root, pages=[])
    verdict.find(PAGE, "SM-12 left out of the summary without a reason", project.line_of(PAGE, "<!-- summary leaves out SM-12 -->"))
    verdict.find(PAGE, "ISP-01 is marked as left out, but it is not a commitment made for this sector")
    verdict.find(PAGE, "looks like a 'left out' marker but is not written as one", project.line_of(PAGE, "<!-- Summary left out"))
