"""Write each template page as an editable Word document (DOCX), in every language.

    .venv/bin/python scripts/templates.py [--out build/templates]

Reads the template pages, docs/templates/<name>.md and their translations
(<name>.km.md), the same Markdown the site shows, so a page and its document
cannot say different things, and writes build/templates/<lang>/<name>.docx
with python-docx. Publish them with the site:

    COP_TEMPLATES=build/templates .venv/bin/mkdocs build --strict

Each document has the page's headings, paragraphs, lists and tables (the
blanks to fill in stay blank), the notice that the template is a starting
point and not legal advice (the words of ``<!-- cop:template -->``), an A4
page, and in its footer the statement that it comes from an independent guide.
A Khmer document sets Khmer OS (Debian's fonts-khmeros) as the font of complex
script and km-KH as its language; an English one is en-GB.

Two runs give identical bytes: every date inside (the core properties) and
every zip entry's time is SOURCE_DATE_EPOCH, or the last commit's time when it
is unset (as scripts/bundle.py does), and the entries keep python-docx's order.
A page that uses Markdown a document cannot hold (code, images, a generated
block other than the notice) stops the script with the file and line.
"""

from __future__ import annotations

import argparse
import datetime
import html
import io
import os
import re
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The earliest time a zip entry can hold (1980-01-01).
ZIP_EPOCH = 315532800
# Debian's fonts-khmeros; the site's print stylesheet asks for it first too.
KHMER_FONT = "Khmer OS"
LANGUAGE_TAGS = {"en": "en-GB", "km": "km-KH"}
# The usable width of an A4 page with 2 cm margins.
PAGE_WIDTH_CM, PAGE_HEIGHT_CM, MARGIN_CM = 21.0, 29.7, 2.0
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
PLACEHOLDER = re.compile(r"\[[^\[\]]+\]")
# The one generated block a template page places (cop/scan.py names them all).
NOTICE = "template"


class TemplateError(Exception):
    """A page the documents cannot be made from: file, line, what, and the fix."""

    def __init__(self, file: str, line: int | None, message: str, fix: str) -> None:
        super().__init__(f"{file}:{line or 1}: {message}\n    Fix: {fix}")


@dataclass
class Source:
    """One template page in one language, ready to convert."""

    name: str
    lang: str  # the language of the document
    text_lang: str  # the language of the text (the default one when no translation exists)
    file: str  # as the build names it: docs/templates/x.km.md
    markdown: str


def epoch() -> int:
    """SOURCE_DATE_EPOCH, or the last commit's time, so a rebuild of one commit is identical."""
    from cop import history

    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value:
        if not value.isdigit():
            raise SystemExit(f"SOURCE_DATE_EPOCH={value!r}: expected a whole number of seconds since 1970")
        return int(value)
    _, last = history.last_commit(ROOT)
    return last if last is not None else ZIP_EPOCH


def catalog_and_languages(root: Path):  # type: ignore[no-untyped-def]
    """The catalog (model, labels, every page) as the build reads it, and the
    languages; the build's own problems stop the script, as they stop the build."""
    from mkdocs.config import load_config

    from cop import catalog as catalog_module
    from cop import state

    config = load_config(str(root / "mkdocs.yml"))
    langs, default, _ = state.languages(config)
    docs = root / "docs"
    files = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    catalog, problems = catalog_module.build(root, docs, files, langs, default)
    if problems:
        raise SystemExit("The build would stop on these problems; fix them first (bash scripts/check):\n"
                         + "\n".join(f"  {p.file}:{p.line or ''}: {p.message}" for p in problems))
    return catalog, config


def sources(catalog) -> list[Source]:  # type: ignore[no-untyped-def]
    """Every template page in every language (a missing translation: the
    default language's text, as the site shows it)."""
    from cop import downloads
    from cop.catalog import display

    found: list[Source] = []
    for name in downloads.template_names(catalog.pages[catalog.default]):
        page = f"{downloads.TEMPLATES}/{name}.md"
        for lang in catalog.languages:
            text_lang = lang if page in catalog.texts[lang] else catalog.default
            found.append(Source(name, lang, text_lang, display(page, text_lang, catalog.default),
                                catalog.texts[text_lang][page]))
    return found


# --- Markdown to the blocks of a document ------------------------------------


def prepared(source: Source, catalog) -> str:  # type: ignore[no-untyped-def]
    """The page's Markdown as the site converts it: citations written out,
    ``[[ID]]`` as the linked name, the notice in place of its block."""
    from cop import footnotes
    from cop.scan import DIRECTIVE, FENCE, REFERENCE

    lang = source.text_lang
    markdown = FRONT_MATTER.sub(lambda m: "\n" * m.group(0).count("\n"), source.markdown, count=1)
    markdown = footnotes.expand(markdown, catalog, lang)
    lines = markdown.split("\n")
    for number, line in enumerate(lines, 1):
        if FENCE.match(line):
            raise TemplateError(source.file, number, "a code block cannot go into an editable template",
                                "write it as prose, or move it to another page and link to it")
        directive = DIRECTIVE.match(line)
        if directive:
            if directive["name"] != NOTICE:
                raise TemplateError(source.file, number, f"'<!-- cop:{directive['name']} -->' cannot go into an editable template",
                                    f"remove it; a template page places only <!-- cop:{NOTICE} -->")
            title, text = catalog.label(lang, "template.notice.title"), catalog.label(lang, "template.notice")
            lines[number - 1] = (f'<div class="admonition note"><p class="admonition-title">{html.escape(title)}</p>'
                                 f"<p>{html.escape(text)}</p></div>")
            continue

        def name(match: re.Match[str]) -> str:
            item, _, text = match["body"].partition("|")
            item = item.strip()
            if text.strip():
                return text.strip()
            kind = catalog.model.kind_of(item)
            if kind == "commitment":
                return f"{item} {catalog.placed[lang][item].title}"
            if kind is None:
                raise TemplateError(source.file, number, f"[[{item}]] is not an ID the site knows",
                                    "correct it: the build reports the same reference")
            return catalog.names[lang][item]

        lines[number - 1] = REFERENCE.sub(name, line)
    return "\n".join(lines)


def converted(source: Source, catalog, config) -> list:  # type: ignore[no-untyped-def]
    """The page as HTML elements (lxml), by Python-Markdown with the site's
    extensions (less the table of contents' permalinks)."""
    import lxml.html
    import markdown as markdown_module

    extensions = [e for e in config.markdown_extensions if isinstance(e, str) and e != "toc"]
    configs = {k: v for k, v in config.mdx_configs.items() if k in extensions}
    text = markdown_module.Markdown(extensions=extensions, extension_configs=configs).convert(prepared(source, catalog))
    return [e for e in lxml.html.fragments_fromstring(text) if not isinstance(e, str) or e.strip()]


# --- The document --------------------------------------------------------------


def text_of(element) -> str:  # type: ignore[no-untyped-def]
    """An element's text as a reader sees it: whitespace collapsed."""
    return " ".join(element.text_content().split())


class Writer:
    """Writes one page's elements into a python-docx Document."""

    def __init__(self, source: Source, catalog, moment: datetime.datetime) -> None:  # type: ignore[no-untyped-def]
        from docx import Document

        self.source = source
        self.catalog = catalog
        self.lang = source.lang
        self.digits = catalog.labels[source.text_lang].get("digits", "0123456789")
        self.document = Document()
        self._setup(moment)

    # -- setup --

    def _setup(self, moment: datetime.datetime) -> None:
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.oxml.ns import qn
        from docx.shared import Cm, Pt

        doc = self.document
        section = doc.sections[0]
        section.page_width, section.page_height = Cm(PAGE_WIDTH_CM), Cm(PAGE_HEIGHT_CM)
        section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Cm(MARGIN_CM)
        # The template's sample thumbnail would show another document.
        package = doc.part.package
        for rid, rel in list(package.rels.items()):
            if rel.reltype == RT.THUMBNAIL:
                del package.rels[rid]
        styles = doc.styles.element
        tag = LANGUAGE_TAGS.get(self.lang, "en-GB")
        khmer = self.lang == "km"
        lang = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
        lang.set(qn("w:val"), "en-GB")  # Latin text: English names, IDs
        lang.set(qn("w:eastAsia"), "en-GB")
        if khmer:
            lang.set(qn("w:bidi"), tag)  # the language of complex script
        else:
            lang.attrib.pop(qn("w:bidi"), None)
        if khmer:
            # Khmer is complex script: its font is the rFonts' cs one. Every
            # style that names a theme font for it names Khmer OS instead.
            for fonts in styles.iter(qn("w:rFonts")):
                fonts.attrib.pop(qn("w:cstheme"), None)
                fonts.set(qn("w:cs"), KHMER_FONT)
        settings = doc.settings.element
        theme_lang = settings.find(qn("w:themeFontLang"))
        if theme_lang is not None:
            theme_lang.set(qn("w:val"), "en-GB")
            if khmer:
                theme_lang.set(qn("w:bidi"), tag)
        normal = doc.styles["Normal"]
        normal.font.size = Pt(10.5)
        normal.paragraph_format.space_after = Pt(6)
        # Core properties: the page's title and language, and no date but the fixed one.
        props = doc.core_properties
        props.author = ""
        props.last_modified_by = ""
        props.comments = ""
        props.language = tag
        props.revision = 1
        props.created = props.modified = props.last_printed = moment
        props.subject = self.catalog.label(self.source.text_lang, "template.footer")
        # The footer: where the template comes from.
        footer = section.footer.paragraphs[0]
        footer.text = self.catalog.label(self.source.text_lang, "template.footer")
        for run in footer.runs:
            run.font.size = Pt(8)

    # -- inline content --

    def runs(self, paragraph, element, bold: bool = False, italic: bool = False,  # type: ignore[no-untyped-def]
             superscript: bool = False, leading: str | None = None) -> None:
        """The inline content of ``element`` as runs of ``paragraph``."""
        if leading is None:
            leading = element.text or ""
        self._text(paragraph, leading, bold, italic, superscript)
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in ("strong", "b"):
                self.runs(paragraph, child, True, italic, superscript)
            elif tag in ("em", "i"):
                self.runs(paragraph, child, bold, True, superscript)
            elif tag == "sup":
                self.runs(paragraph, child, bold, italic, True)
            elif tag in ("span", "a", "abbr", "code"):
                self.runs(paragraph, child, bold, italic, superscript)
                href = child.get("href", "") if tag == "a" else ""
                if href.startswith(("https://", "http://")) and href.rstrip("/") not in text_of(child):
                    self._text(paragraph, f" ({href})", bold, italic, superscript)
            elif tag == "br":
                paragraph.add_run().add_break()
            elif tag:
                self._unsupported(child)
            self._text(paragraph, child.tail or "", bold, italic, superscript)

    def _text(self, paragraph, text: str, bold: bool, italic: bool, superscript: bool) -> None:  # type: ignore[no-untyped-def]
        """Text as runs; each [placeholder] highlighted, so the blanks are easy to find."""
        from docx.enum.text import WD_COLOR_INDEX

        text = re.sub(r"\s+", " ", text)
        if not text:
            return
        if not paragraph.runs:
            text = text.lstrip()
        position = 0
        for match in [*PLACEHOLDER.finditer(text), None]:
            end = match.start() if match else len(text)
            for piece, mark in ((text[position:end], False), (match.group(0) if match else "", True)):
                if not piece:
                    continue
                run = paragraph.add_run(piece)
                run.bold, run.italic = bold or None, italic or None
                if superscript:
                    run.font.superscript = True
                if mark:
                    run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            position = match.end() if match else end

    # -- blocks --

    def write(self, elements: list) -> None:  # type: ignore[no-untyped-def]
        for element in elements:
            self.block(element)

    def block(self, element, level: int = 0) -> None:  # type: ignore[no-untyped-def]
        tag = element.tag if isinstance(element.tag, str) else ""
        doc = self.document
        if tag in ("h1", "h2", "h3", "h4"):
            paragraph = doc.add_paragraph(style=f"Heading {int(tag[1])}")
            self.runs(paragraph, element)
        elif tag == "p":
            self.runs(doc.add_paragraph(), element)
        elif tag in ("ul", "ol"):
            self.listing(element, level)
        elif tag == "table":
            self.table(element)
        elif tag == "div" and "admonition" in (element.get("class") or "").split():
            self.admonition(element)
        elif tag == "div" and "footnote" in (element.get("class") or "").split():
            self.footnotes(element)
        elif tag == "hr":
            pass
        else:
            self._unsupported(element)

    def listing(self, element, level: int) -> None:  # type: ignore[no-untyped-def]
        """A list: bullets, or numbers written out in the language's digits
        (Word's own numbering would run on from one list into the next)."""
        from docx.shared import Cm

        ordered = element.tag == "ol"
        for number, item in enumerate(element.findall("li"), 1):
            if ordered:
                paragraph = self.document.add_paragraph()
                paragraph.paragraph_format.left_indent = Cm(0.75 * (level + 1))
                paragraph.paragraph_format.first_line_indent = Cm(-0.75)
                paragraph.add_run(str(number).translate(str.maketrans("0123456789", self.digits)) + ".\t")
            else:
                paragraph = self.document.add_paragraph(style="List Bullet" if level == 0 else "List Bullet 2")
            blocks = [child for child in item if isinstance(child.tag, str) and child.tag in ("p", "ul", "ol")]
            if not blocks:
                self.runs(paragraph, item)
                continue
            # A loose list item: its first paragraph on the bullet, the rest after it.
            first = True
            if item.text and item.text.strip():
                self._text(paragraph, item.text, False, False, False)
                first = False
            for child in item:
                if child.tag == "p" and first:
                    self.runs(paragraph, child)
                    first = False
                elif child.tag in ("ul", "ol"):
                    self.listing(child, level + 1)
                elif child.tag == "p":
                    follow = self.document.add_paragraph()
                    follow.paragraph_format.left_indent = Cm(0.75 * (level + 1))
                    self.runs(follow, child)
                else:
                    self._unsupported(child)

    def table(self, element) -> None:  # type: ignore[no-untyped-def]
        """A table with its header row repeated on every page; the empty cells
        (the blanks to fill in) get room to write in."""
        from docx.enum.table import WD_ROW_HEIGHT_RULE
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Cm

        rows = element.findall(".//tr")
        columns = max(len(row.findall("th") + row.findall("td")) for row in rows)
        table = self.document.add_table(rows=len(rows), cols=columns)
        table.style = "Table Grid"
        # A form's label column narrower than its answer; otherwise equal columns.
        width = PAGE_WIDTH_CM - 2 * MARGIN_CM
        widths = [width * 0.45, width * 0.55] if columns == 2 else [width / columns] * columns
        for r, row in enumerate(rows):
            cells = [c for c in row if isinstance(c.tag, str) and c.tag in ("th", "td")]
            header = all(c.tag == "th" for c in cells)
            if header:
                trPr = table.rows[r]._tr.get_or_add_trPr()
                repeat = OxmlElement("w:tblHeader")
                repeat.set(qn("w:val"), "true")
                trPr.append(repeat)
            if any(not text_of(c) for c in cells):
                table.rows[r].height = Cm(1.0)
                table.rows[r].height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
            for c, cell in enumerate(cells):
                target = table.cell(r, c)
                target.width = Cm(widths[c])
                self.runs(target.paragraphs[0], cell, bold=header)
        self.document.add_paragraph()

    def admonition(self, element) -> None:  # type: ignore[no-untyped-def]
        """A note or warning: its paragraphs in one shaded, bordered box."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        for child in element:
            if not isinstance(child.tag, str):
                continue
            if child.tag != "p":
                self._unsupported(child)
            paragraph = self.document.add_paragraph()
            pPr = paragraph._p.get_or_add_pPr()
            borders = OxmlElement("w:pBdr")
            for side in ("top", "left", "bottom", "right"):
                edge = OxmlElement(f"w:{side}")
                for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "4"), ("w:color", "7F7F7F")):
                    edge.set(qn(key), value)
                borders.append(edge)
            shading = OxmlElement("w:shd")
            for key, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", "F2F2F2")):
                shading.set(qn(key), value)
            pPr.append(borders)
            pPr.append(shading)
            self.runs(paragraph, child, bold="admonition-title" in (child.get("class") or "").split())

    def footnotes(self, element) -> None:  # type: ignore[no-untyped-def]
        """The page's notes (its sources), numbered, in a smaller type."""
        from docx.shared import Pt

        for number, item in enumerate(element.findall(".//li"), 1):
            for backref in item.findall(".//a[@class='footnote-backref']"):
                backref.drop_tree()
            paragraph = self.document.add_paragraph()
            paragraph.add_run(str(number).translate(str.maketrans("0123456789", self.digits)) + ". ")
            for child in item:
                self.runs(paragraph, child)
            for run in paragraph.runs:
                run.font.size = Pt(8.5)

    def _unsupported(self, element) -> None:  # type: ignore[no-untyped-def]
        words = text_of(element)[:40]
        line = next((n for n, text in enumerate(self.source.markdown.splitlines(), 1) if words and words[:20] in text), None)
        raise TemplateError(self.source.file, line, f"<{element.tag}> ({words!r}) cannot go into an editable template",
                            "use headings, paragraphs, lists, tables and notes (!!! note) only")


def reproducible(data: bytes, moment: int) -> bytes:
    """The DOCX rewritten with every entry dated ``moment`` (python-docx dates
    them with the current time), in the same order, with fixed permissions."""
    stamp = time.gmtime(max(moment, ZIP_EPOCH))[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as original, \
            zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for entry in original.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            archive.writestr(info, original.read(entry.filename), compresslevel=9)
    return out.getvalue()


def document(source: Source, catalog, config, moment: int) -> bytes:  # type: ignore[no-untyped-def]
    """One template page as the bytes of its DOCX."""
    when = datetime.datetime.fromtimestamp(moment, datetime.timezone.utc).replace(tzinfo=None)
    writer = Writer(source, catalog, when)
    writer.write(converted(source, catalog, config))
    first = next((p for p in writer.document.paragraphs if p.style.name == "Heading 1"), None)
    writer.document.core_properties.title = first.text if first is not None else source.name
    buffer = io.BytesIO()
    writer.document.save(buffer)
    return reproducible(buffer.getvalue(), moment)


def write_all(out: Path, root: Path = ROOT) -> list[Path]:
    """Every template in every language, written under ``out``; the paths written."""
    from cop import downloads

    try:
        import docx  # noqa: F401
    except ImportError:
        raise SystemExit("python-docx is missing: .venv/bin/python -m pip install -e '.[release]'") from None
    catalog, config = catalog_and_languages(root)
    moment = epoch()
    written: list[Path] = []
    for source in sources(catalog):
        target = downloads.template_path(out, source.lang, source.name)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(document(source, catalog, config, moment))
        written.append(target)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "templates")
    args = parser.parse_args()
    try:
        written = write_all(args.out.resolve())
    except TemplateError as error:
        raise SystemExit(str(error)) from None
    for path in written:
        print(f"{path} ({path.stat().st_size / 1000:.0f} KB)")


if __name__ == "__main__":
    sys.exit(main())
