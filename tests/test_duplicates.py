"""A new commitment whose title says nearly what another says, among the
commitments one company follows, is pointed out by the check as a warning
with both IDs: never an error, the editor or the reviewer decides."""

from __future__ import annotations

import pytest

from shared_helpers import script
from conftest import ROOT, Project
from cop import duplicates

NEW_TITLE = "Give children's accounts the highest privacy settings by default"


def test_the_measure_is_the_documented_one() -> None:
    sm02 = "Make children's accounts private and safe by default"
    assert duplicates.words(NEW_TITLE) == {"child", "accou", "highe", "priva", "setti", "defau"}
    assert duplicates.words(sm02) == {"child", "accou", "priva", "safe", "defau"}
    assert duplicates.similarity(NEW_TITLE, sm02) == pytest.approx(4 / 7)
    assert duplicates.similarity("Block known child sexual abuse material", "Offer free filtering") == 0
    # Only commitments that share a sector are compared.
    titles = {"SM-02": sm02, "SM-13": NEW_TITLE, "APP-09": NEW_TITLE}
    found = duplicates.near_duplicates(titles, {"SM-02": ["social-media"], "SM-13": ["social-media"],
                                                "APP-09": ["app-developers"]})
    assert [(c.id, c.other, c.common) for c in found] == [("SM-13", "SM-02", ("social-media",))]


def test_no_commitment_of_the_guide_is_warned_about() -> None:
    """The threshold leaves the guide's own commitments alone: a warning that
    is always there would teach editors to skip warnings."""
    check = script("check")

    assert duplicates.warnings(check.catalog_of(ROOT)) == []


def test_check_warns_about_a_near_duplicate_and_passes(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    check = script("check")

    entry = project.read("model/commitments.yml")
    start = entry.index("SM-02:\n")
    project.write("model/commitments.yml", entry + "\n" + entry[start:entry.index("\n\n", start)].replace("SM-02:", "SM-13:") + "\n")
    # The Khmer page gets a Khmer title: the terminology check reads it.
    khmer_title = "ផ្តល់ការកំណត់ឯកជនភាពខ្ពស់បំផុតដល់គណនីកុមារតាមលំនាំដើម"
    for page, words, title in (("docs/commitments/social-media.md", ("Why it matters", "What to do", "How to show it is done"), NEW_TITLE),
                               ("docs/commitments/social-media.km.md", ("ហេតុអ្វីបានជាសំខាន់", "អ្វីដែលត្រូវធ្វើ", "របៀបបង្ហាញថាបានអនុវត្ត"), khmer_title)):
        text = project.read(page)
        cut = text.index("\n[^")  # before the footnote definitions, which belong to the page
        body = "Text." if title == NEW_TITLE else "អត្ថបទ។"
        section = f"\n## SM-13 {title}\n\n" + "".join(f"### {w}\n\n{body}\n\n" for w in words)
        project.write(page, text[:cut] + section + text[cut:])
    # A new commitment is cited by its sector's summary, or left out of it on purpose.
    for sector_page in ("docs/sectors/social-media.md", "docs/sectors/social-media.km.md"):
        project.write(sector_page, project.read(sector_page) + "\n<!-- summary leaves out SM-13: a new commitment under review -->\n")
    line = project.line_of("docs/commitments/social-media.md", "## SM-13 ")
    assert check.main([], root=project.root) == 0
    out = capsys.readouterr().out
    assert "\nPossible duplicates (1 warning, not counted as problems):\n" in out
    assert (f"docs/commitments/social-media.md:{line}: SM-13 may repeat SM-02: '{NEW_TITLE}' and 'Make children's "
            "accounts private and safe by default' share 4 of their 7 title words (accou, child, defau, priva; "
            "similarity 0.57, warned from 0.5) and apply to the sector social-media") in out
    assert "Fix: if SM-13 asks what SM-02 asks, strengthen SM-02 instead of adding SM-13" in out
    assert out.rstrip().endswith("No problems")
