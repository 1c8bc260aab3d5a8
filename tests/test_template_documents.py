"""The templates a company can adopt: pages in both languages, linked from the
commitments that ask for them, and their editable documents (DOCX).

The documents are the session's (``templates``: scripts/templates.py); each is
read back with python-docx and compared with its page as the session's site
built it, heading by heading and table cell by table cell. The release
(``full_site``) publishes and links them with their size, the offline zip
(``bundle``) carries them, and the whole-guideline PDF (``pdfs``) holds the
template pages.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import subprocess
import time
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from bs4 import BeautifulSoup

import built
import harness
from cop import downloads
from conftest import LANGS, ROOT, Project, mkdocs_build, page_path
from shared_helpers import script

NAMES = ["child-protection-policy", "contract-clauses", "csam-incident-record", "escalation-contacts", "risk-assessment"]
LABELS = yaml.safe_load((ROOT / "model/labels.yml").read_text(encoding="utf-8"))
# Each commitment that asks for a document, and the templates its section links to.
ASKS = {
    "ALL-01": ["child-protection-policy"],
    "ALL-02": ["escalation-contacts"],
    "ALL-03": ["risk-assessment"],
    "ALL-05": ["csam-incident-record", "escalation-contacts"],
    "ALL-06": ["escalation-contacts"],
    "DH-01": ["contract-clauses"],
    "DH-04": ["contract-clauses"],
    "APP-02": ["contract-clauses"],
    "CR-03": ["contract-clauses"],
}
COMMITMENT_PAGES = {"ALL": "all-sectors", "DH": "data-hosting", "APP": "app-developers", "CR": "content-creators"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def words(text: str) -> str:
    return " ".join(text.replace("¶", "").split())


def article(site: Path, lang: str, page: str) -> BeautifulSoup:
    return built.article(page_path(site, lang, page))


def page_parts(site: Path, lang: str, name: str) -> tuple[list[tuple[int, str]], list[list[list[str]]]]:
    """The built page's headings (level, text) and tables (rows of cell texts)."""
    body = article(site, lang, f"templates/{name}.md")
    headings = [(int(h.name[1]), words(h.get_text())) for h in body.find_all(["h1", "h2", "h3"])]
    tables = [[[words(cell.get_text()) for cell in row.find_all(["th", "td"])] for row in table.find_all("tr")]
              for table in body.find_all("table")]
    return headings, tables


def document_parts(path: Path):  # type: ignore[no-untyped-def]
    """The document read back with python-docx: its headings, tables and paragraphs' text."""
    import docx

    document = docx.Document(str(path))
    headings = [(int(p.style.name.split()[-1]), words(p.text)) for p in document.paragraphs
                if p.style.name.startswith("Heading ")]
    tables = [[[words(cell.text) for cell in row.cells] for row in table.rows] for table in document.tables]
    return document, headings, tables


def styles_of(path: Path) -> ElementTree.Element:
    with zipfile.ZipFile(path) as archive:
        return ElementTree.fromstring(archive.read("word/styles.xml"))


@pytest.mark.parametrize("lang", LANGS)
def test_each_document_reads_back_as_its_page(templates: Path, site: Path, lang: str) -> None:
    for name in NAMES:
        path = downloads.template_path(templates, lang, name)
        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None, f"{path}: a damaged entry"
            assert "word/document.xml" in archive.namelist()
        document, headings, tables = document_parts(path)
        page_headings, page_tables = page_parts(site, lang, name)
        assert headings == page_headings, f"{path}: its headings differ from its page's"
        assert tables == page_tables, f"{path}: its tables (the fields to fill in) differ from its page's"
        # Blanks to fill in: empty cells, or [placeholders] highlighted in the text.
        marked = [run.text for p in document.paragraphs for run in p.runs if run.font.highlight_color is not None]
        assert any(cell == "" for table in tables for row in table for cell in row) or marked, f"{path}: no blank to fill in"
        assert all(text.startswith("[") and text.endswith("]") for text in marked), marked
        # The notice, in the page's words and the document's.
        text = [words(p.text) for p in document.paragraphs]
        notice = words(LABELS[lang]["template.notice"])
        assert notice in text, f"{path}: no notice that it is a starting point, not legal advice"
        shown = article(site, lang, f"templates/{name}.md").select_one(".cop-template-notice")
        assert shown is not None and notice in words(shown.get_text())
        assert "MPTC" in notice
        props = document.core_properties
        assert props.title == headings[0][1] and props.language == {"en": "en-GB", "km": "km-KH"}[lang]
        section = document.sections[0]
        assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7), f"{path}: not A4"
        assert words(LABELS[lang]["template.footer"]) == words(section.footer.paragraphs[0].text)


def test_khmer_documents_name_a_khmer_font_and_language(templates: Path) -> None:
    for name in NAMES:
        khmer, english = (styles_of(downloads.template_path(templates, lang, name)) for lang in ("km", "en"))
        defaults = khmer.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        assert defaults.find(f"{W}lang").get(f"{W}bidi") == "km-KH", name
        assert defaults.find(f"{W}rFonts").get(f"{W}cs") == "Khmer OS", name
        fonts = list(khmer.iter(f"{W}rFonts"))
        assert fonts and all(f.get(f"{W}cs") == "Khmer OS" and f.get(f"{W}cstheme") is None for f in fonts), \
            f"{name}: a style of the Khmer document names another complex-script font"
        lang = english.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
        assert lang.get(f"{W}val") == "en-GB" and lang.get(f"{W}bidi") is None, name


def test_two_runs_give_identical_bytes_dated_from_source_date_epoch(templates: Path, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A second run gives the documents of the suite's own run (the session's,
    dated from the last commit) byte for byte, when given that commit's time
    as SOURCE_DATE_EPOCH: so the date comes from it, and nothing else varies."""
    moment = int(os.environ.get("SOURCE_DATE_EPOCH", "").strip() or subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=True).stdout)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(moment))
    again = script("templates").write_all(tmp_path)
    assert len(again) == len(NAMES) * len(LANGS)
    for document in again:
        first = templates / document.relative_to(tmp_path)
        assert hashlib.sha256(first.read_bytes()).digest() == hashlib.sha256(document.read_bytes()).digest(), \
            document.relative_to(tmp_path)
    import docx

    props = docx.Document(str(again[0])).core_properties
    expected = datetime.datetime(*time.gmtime(moment)[:6])
    assert {d.replace(tzinfo=None) for d in (props.created, props.modified, props.last_printed)} == {expected}
    with zipfile.ZipFile(again[0]) as archive:
        # A zip entry's time has a resolution of two seconds.
        when = time.gmtime(moment)[:6]
        assert {entry.date_time for entry in archive.infolist()} == {(*when[:5], when[5] - when[5] % 2)}
        assert not [n for n in archive.namelist() if "thumbnail" in n]


def test_template_pages_are_in_both_languages_and_linked_from_the_commitments(site: Path) -> None:
    for lang in LANGS:
        index = article(site, lang, "templates/index.md")
        for name in NAMES:
            assert page_path(site, lang, f"templates/{name}.md").is_file()
            assert index.select_one(f'a[href="{name}/"]') is not None, f"{lang}: the index does not list {name}"
        nav = BeautifulSoup(page_path(site, lang, "templates/index.md").read_text(encoding="utf-8"), "html.parser")
        title = {"en": "Templates", "km": "គំរូឯកសារ"}[lang]
        assert title in [words(a.get_text()) for a in nav.select("nav a")], f"{lang}: no '{title}' in the navigation"
        for cid, names in ASKS.items():
            page = page_path(site, lang, f"commitments/{COMMITMENT_PAGES[cid.split('-')[0]]}.md")
            heading = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find(id=cid)
            linked = set()
            for node in heading.find_next_siblings():
                if node.name == "h2" and "cop-commitment" in (node.get("class") or []):
                    break
                for link in node.find_all("a", href=True) if hasattr(node, "find_all") else []:
                    target = (page.parent / link["href"].split("#")[0]).resolve()
                    if target.parent == page_path(site, lang, "templates/index.md").parent.resolve():
                        linked.add(target.name)
            missing = set(names) - linked
            assert not missing, f"{lang}: {cid} does not link to its template {missing}"


def test_release_publishes_and_links_each_document_with_its_size(full_site: Path, templates: Path) -> None:
    for lang in LANGS:
        digits = LABELS[lang]["digits"]
        for name in NAMES:
            page = page_path(full_site, lang, f"templates/{name}.md")
            link = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(".cop-template-docx a")
            assert link is not None, f"{page}: no link to the editable document"
            target = (page.parent / link["href"]).resolve()
            source = downloads.template_path(templates, lang, name)
            assert target.read_bytes() == source.read_bytes(), f"{page}: the link does not lead to its document"
            size = str(max(1, round(source.stat().st_size / 1000))).translate(str.maketrans("0123456789", digits))
            assert f"{size} KB" in link.get_text(), f"{page}: the link does not give the size {size} KB"


def test_offline_zip_carries_the_documents(bundle: Path, templates: Path) -> None:
    with zipfile.ZipFile(bundle) as archive:
        listed = archive.read(f"{downloads.BUNDLE_NAME}/SHA256SUMS").decode("utf-8")
        for lang in LANGS:
            for name in NAMES:
                href = downloads.template_href(lang, name)
                data = archive.read(f"{downloads.BUNDLE_NAME}/{href}")
                # Made by scripts/bundle.py from the same commit: the same bytes.
                assert data == downloads.template_path(templates, lang, name).read_bytes(), href
                assert f"{hashlib.sha256(data).hexdigest()}  {href}" in listed, f"{href} is not in SHA256SUMS"


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_whole_guideline_pdf_holds_the_template_pages(pdfs: Path, site: Path, lang: str) -> None:
    from pypdf import PdfReader

    outline = [item.title for item in PdfReader(downloads.guide_path(pdfs, lang)).outline if not isinstance(item, list)]
    for name in ["index", *NAMES]:
        title = words(article(site, lang, f"templates/{name}.md").find("h1").get_text())
        assert title in outline, f"{lang}: the whole guideline has no bookmark for {title}"


def test_a_missing_document_stops_the_build(tmp_path: Path) -> None:
    (tmp_path / "templates" / "en").mkdir(parents=True)
    (tmp_path / "templates" / "en" / "risk-assessment.docx").write_bytes(b"")
    result = mkdocs_build(ROOT, tmp_path / "site", COP_TEMPLATES=str(tmp_path / "templates"))
    assert result.returncode != 0
    assert f"COP_TEMPLATES={tmp_path / 'templates'}" in result.output
    assert "templates are missing" in result.output and "km/risk-assessment.docx" in result.output
    assert "scripts/templates.py" in result.output


def test_a_template_page_must_carry_its_notice_and_only_there(project: Project) -> None:
    project.replace("docs/templates/risk-assessment.km.md", "<!-- cop:template -->\n", "")
    project.write("docs/about.md", project.read("docs/about.md") + "\n<!-- cop:template -->\n")
    verdict = harness.check(project.root)
    verdict.find("docs/templates/risk-assessment.km.md", "does not place its notice")
    verdict.find("docs/about.md", "only works on a template page")


def test_markdown_a_document_cannot_hold_is_refused_with_its_line(project: Project) -> None:
    text = project.read("docs/templates/contract-clauses.md")
    project.write("docs/templates/contract-clauses.md", text + "\n```sh\necho hi\n```\n")
    line = len(text.splitlines()) + 2
    templates = script("templates")
    with pytest.raises(templates.TemplateError) as error:
        templates.write_all(project.root / "out", root=project.root)
    assert f"docs/templates/contract-clauses.md:{line}:" in str(error.value)
    assert "Fix:" in str(error.value)
