"""Helpers tests share: answering a checklist in the page as a reader does,
reading a PDF's text and embedded fonts, and importing a command of
``scripts/`` (which is not a package: its files are commands people run)."""

from __future__ import annotations

import functools
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


@functools.lru_cache(maxsize=None)
def script(name: str) -> ModuleType:
    """The module of command ``scripts/<name>.py``, imported once, under a
    name of its own (``scripts.check``) so it shadows nothing."""
    spec = importlib.util.spec_from_file_location(f"scripts.{name}", SCRIPTS / f"{name}.py")
    assert spec is not None and spec.loader is not None, name
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


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
