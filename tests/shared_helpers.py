"""Helpers the checklist, self-assessment and release tests share: answering a
checklist in the page as a reader does, and reading a PDF's text and embedded
fonts."""

from __future__ import annotations

from pathlib import Path


def choose(page, cid: str, status: str, note: str | None = None) -> None:  # type: ignore[no-untyped-def]
    item = page.locator(f"#item-{cid}")
    item.locator(f"input[type=radio][value='{status}']").check()
    if note is not None:
        item.locator("textarea[name^=note-]").fill(note)


def answers(page) -> dict[str, tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(status, note) of every item of the checklist, as the page shows them."""
    shown = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('.cop-cl-item')].map(item => {
        const checked = item.querySelector('input[type=radio]:checked');
        return [item.dataset.id, [checked ? checked.value : '', item.querySelector('textarea[name^=note-]').value]];
    }))""")
    return {cid: (status, note) for cid, (status, note) in shown.items()}


def embedded_fonts(reader) -> set[str]:  # type: ignore[no-untyped-def]
    """Names of the fonts whose glyphs are embedded in the PDF."""
    fonts = set()
    for pdf_page in reader.pages:
        resources = pdf_page.get("/Resources")
        resources = resources.get_object() if resources is not None else {}
        table = resources.get("/Font")
        for ref in (table.get_object().values() if table is not None else []):
            font = ref.get_object()
            for part in (font.get("/DescendantFonts") or [font]):
                descriptor = part.get_object().get("/FontDescriptor")
                if descriptor is not None and any(k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    fonts.add(str(font.get("/BaseFont")))
    return fonts


def pdf_texts(path: Path) -> list[str]:
    """The text of each page of a PDF, in reading order, by PDFium."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        return [document[number].get_textpage().get_text_range() for number in range(len(document))]
    finally:
        document.close()
