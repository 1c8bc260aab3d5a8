"""The generated blocks come from the Jinja2 templates of overrides/partials/cop/:
values are escaped by the templates, text placed in Markdown shows as written
(no stray backslash), and a site restyles a block by editing its template."""

from __future__ import annotations


import markdown
from bs4 import BeautifulSoup

from cop.templates import Link, Templates, markdown_text
from conftest import EDITED_ROLE_NAME, ROOT, Project, page_path

# Characters that Markdown or HTML would otherwise read as markup.
AWKWARD = ["a < b", "AT&T &amp; co", "*not em* _nor_ [this] `code` | \\ > q", "<script>alert(1)</script>"]


def _text(html: str) -> str:
    return BeautifulSoup(html, "html.parser").get_text()


def _templates() -> Templates:
    return Templates.from_folders([ROOT / "overrides"], t=lambda key, **values: key)


def test_markdown_text_shows_as_written_in_headings_and_inline_links() -> None:
    md = markdown.Markdown(extensions=["attr_list", "tables", "toc"])
    links = _templates().macros("links.html")
    for text in AWKWARD:
        heading = md.reset().convert(f"### {markdown_text(text)} {{ #x }}")
        assert _text(heading) == text, heading
        inline = md.reset().convert(f"See {links.a(Link('../x/', text), markdown=True)} here.")
        assert BeautifulSoup(inline, "html.parser").a.get_text() == text, inline


def test_templates_escape_every_value() -> None:
    html = _templates().render("list.html", items=[(Link('x" onclick="y', "<b>&</b>", cid="SM-01"), "<i>")])
    tag = BeautifulSoup(html, "html.parser")
    a = tag.find("a")
    assert a["href"] == 'x" onclick="y' and not a.has_attr("onclick")
    assert a.get_text() == "SM-01 <b>&</b>" and tag.find("small").get_text() == "<i>"
    assert tag.find("b") is None and tag.find("i") is None


def test_a_site_restyles_a_block_in_its_template_and_names_show_as_written(edited: Project) -> None:
    # edit_project (conftest.py) gives the lists a class in the site's own
    # overrides/partials/cop/list.html, without touching Python, and gives a
    # role a name with characters Markdown and HTML read as markup.
    site, name = edited.root / "site", EDITED_ROLE_NAME
    sectors = BeautifulSoup(page_path(site, "en", "sectors/index.md").read_text(encoding="utf-8"), "html.parser")
    assert sectors.select("article ul.site-list a"), "the sectors list does not use the edited template"
    social = BeautifulSoup(page_path(site, "en", "sectors/social-media.md").read_text(encoding="utf-8"),
                           "html.parser")
    # The name as written where the sector page lists the role's commitments,
    # with no backslash escape left visible.
    assert name in social.select_one("#role-trust-safety").get_text() and "\\" not in social.get_text()
    # Every link to the role in the commitments' metadata (HTML blocks) and in
    # prose references ([[trust-safety]], inline HTML in Markdown).
    commitments = BeautifulSoup(page_path(site, "en", "commitments/social-media.md").read_text(encoding="utf-8"),
                                "html.parser")
    links = commitments.select('article .cop-meta a[href*="roles/trust-safety/"]')
    assert links and {a.get_text() for a in links} == {name}
    about = BeautifulSoup(page_path(site, "en", "about.md").read_text(encoding="utf-8"), "html.parser")
    assert "the moderators" in {a.get_text() for a in about.select('article a[href*="roles/trust-safety/"]')}
