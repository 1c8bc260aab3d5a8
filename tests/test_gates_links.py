"""Every hand-written internal link and anchor resolves, in both languages; a
broken one stops the build naming the file (the .km.md file for Khmer), the
line and a fix."""

from __future__ import annotations


import pytest
from corpus import copy_project

from conftest import Project, Result


from cop.links import Link, Site, check, extract

SITE = Site(
    pages={"index.md", "about.md", "roles/leadership.md", "commitments/social-media.md", "commitments/all-sectors.md"},
    files={"assets/chart.png"},
    anchors={"roles/leadership.md": {"commitments", "ka-education"}, "commitments/social-media.md": {"SM-01", "SM-09"},
             "commitments/all-sectors.md": {"ALL-01"}, "about.md": {"sources"}},
    commitments={"SM-01": "commitments/social-media.md", "SM-09": "commitments/social-media.md", "ALL-01": "commitments/all-sectors.md"},
)


def problem(target: str, here: str = "about.md") -> str | None:
    found = check(Link(3, target, False), here, f"docs/{here}", SITE)
    return None if found is None else f"{found.message} | {found.fix}"


def test_links_that_resolve() -> None:
    for target in ("roles/leadership.md", "roles/leadership.md#commitments", "commitments/social-media.md#SM-09",
                   "#sources", "assets/chart.png", "./index.md"):
        assert problem(target) is None, target
    assert problem("../about.md#sources", here="roles/leadership.md") is None


def test_each_kind_of_broken_link() -> None:
    assert problem("roles/leadershp.md") == \
        "link 'roles/leadershp.md': docs/roles/leadershp.md does not exist | did you mean roles/leadership.md?"
    assert problem("commitments/social-media.md#SM-99") == \
        "link 'commitments/social-media.md#SM-99': #SM-99 is not an anchor of docs/commitments/social-media.md | did you mean #SM-09?"
    assert problem("commitments/all-sectors.md#SM-01") == \
        "link 'commitments/all-sectors.md#SM-01': SM-01 is not on docs/commitments/all-sectors.md" \
        " | SM-01 is on docs/commitments/social-media.md: link to commitments/social-media.md#SM-01"
    assert problem("#nowhere") .startswith("link '#nowhere': #nowhere is not an anchor of this page")
    assert problem("roles/leadership/#commitments") == \
        "link 'roles/leadership/#commitments': links to a built address, not to a page's source file" \
        " | link to the Markdown file instead: roles/leadership.md#commitments"
    assert problem("/roles/leadership.md").startswith("link '/roles/leadership.md': an absolute path does not work")
    assert problem("../../outside.md", here="roles/leadership.md").startswith("link '../../outside.md': leads outside docs/")


def test_extract_reads_lines_and_skips_code_and_external_links() -> None:
    text = "\n".join([
        "---", "title: x", "---",                      # 1-3
        "See [a](roles/a.md) and [b",                  # 4
        "wrapped](roles/b.md#x).",                     # 5
        "`[c](roles/c.md)` [d](https://example.org/)",  # 6
        "```", "[e](roles/e.md)", "```",               # 7-9
        "![chart](assets/chart.png)",                  # 10
        "[ref]: roles/f.md",                           # 11
        "[[SM-01]] [g](mailto:x@example.org)",         # 12
    ])
    assert [(link.line, link.target, link.image) for link in extract(text)] == [
        (4, "roles/a.md", False), (5, "roles/b.md#x", False), (10, "assets/chart.png", True), (11, "roles/f.md", False),
    ]


# One broken copy of the project holds the broken links of both tests below:
# the build reports every problem at once, so each test finds its own.
EN, KM = "docs/help.md", "docs/roles/educators.km.md"
ABOUT_EN, ABOUT_KM = "docs/about.md", "docs/about.km.md"


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, Result]:
    project = Project(copy_project(tmp_path_factory.mktemp("broken-links")))
    # With two steps of the procedure, whose ids a hook writes after MkDocs
    # has read the page: one that exists, one that does not.
    project.write(EN, project.read(EN) + "\nSee [the matrix](matrx.md) and [SM-03](commitments/all-sectors.md#SM-03), "
                  "[Report](key-areas/csam-response.md#csam-step-report) and [more](key-areas/csam-response.md#csam-step-nowhere).\n")
    project.write(KM, project.read(KM) + "\nសូមមើល [ការប្តេជ្ញាចិត្ត](../commitments/social-media.md#SM-99) "
                  "និង [តួនាទី](leadership/)។\n")
    # A heading anchor of the English page, which the Khmer page does not have.
    project.write(ABOUT_EN, project.read(ABOUT_EN) + "\n[Help](help.md#if-a-child-is-in-danger-now)\n")
    project.write(ABOUT_KM, project.read(ABOUT_KM) + "\n[ជំនួយ](help.md#if-a-child-is-in-danger-now)\n")
    result = project.build()
    assert result.returncode != 0
    assert "6 problems to fix" in result.output, result.output[-3000:]
    return project, result


def test_the_build_reports_broken_links_of_both_languages(broken: tuple[Project, Result]) -> None:
    project, result = broken
    en_line = len(project.read(EN).rstrip("\n").splitlines())
    km_line = len(project.read(KM).rstrip("\n").splitlines())
    expected = [
        f"{EN}:{en_line}: link 'matrx.md': docs/matrx.md does not exist\n    Fix: did you mean matrix.md?",
        f"{EN}:{en_line}: link 'commitments/all-sectors.md#SM-03': SM-03 is not on docs/commitments/all-sectors.md\n"
        "    Fix: SM-03 is on docs/commitments/social-media.md: link to commitments/social-media.md#SM-03",
        f"{KM}:{km_line}: link '../commitments/social-media.md#SM-99': #SM-99 is not an anchor of "
        "docs/commitments/social-media.md\n    Fix: did you mean #SM-09?",
        f"{KM}:{km_line}: link 'leadership/': links to a built address, not to a page's source file\n"
        "    Fix: link to the Markdown file instead: leadership.md",
    ]
    for text in expected:
        assert text in result.output, result.output[-3000:]


def test_a_broken_heading_anchor_in_khmer_only(broken: tuple[Project, Result]) -> None:
    """The Khmer page's anchors are those of the Khmer build: an English
    heading anchor does not exist on the Khmer page (the English link is fine)."""
    project, result = broken
    line = len(project.read(ABOUT_KM).rstrip("\n").splitlines())
    assert f"{ABOUT_KM}:{line}: link 'help.md#if-a-child-is-in-danger-now': #if-a-child-is-in-danger-now is not an " \
        "anchor of docs/help.md" in result.output, result.output[-3000:]
    assert f"{ABOUT_EN}:" not in result.output


def test_an_anchor_written_by_a_hook_is_an_anchor(broken: tuple[Project, Result]) -> None:
    project, result = broken
    line = len(project.read(EN).rstrip("\n").splitlines())
    assert f"{EN}:{line}: link 'key-areas/csam-response.md#csam-step-nowhere': #csam-step-nowhere is not an anchor" \
        in result.output, result.output[-3000:]
    assert "#csam-step-report'" not in result.output, "the step's own id is an anchor of the page"
