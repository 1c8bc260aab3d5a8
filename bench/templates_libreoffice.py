"""Show that each editable template opens in LibreOffice: convert every DOCX to PDF, headless.

    .venv/bin/python bench/templates_libreoffice.py                      # make the templates, then convert them
    .venv/bin/python bench/templates_libreoffice.py --templates build/templates --out /tmp/template-pdfs

Not part of the test suite (LibreOffice is large and slow to start): run it by
hand after changing scripts/templates.py or a template page. Needs Debian's
``libreoffice-writer-nogui`` (``apt-get install libreoffice-writer-nogui``).

For each document it reports whether LibreOffice converted it, the number of
A4 pages of the PDF, whether the PDF's text holds the document's title, and,
for Khmer, whether a Khmer font was embedded (Khmer OS, named by the
document as its complex-script font). Exits 1 if any document fails.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from shared_helpers import embedded_fonts, pdf_texts  # noqa: E402


def office() -> str:
    for name in ("libreoffice", "soffice"):
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit("LibreOffice is not installed: apt-get install libreoffice-writer-nogui")


def convert(documents: list[Path], out: Path) -> float:
    """Every document to PDF in one LibreOffice run, with a profile of its own
    (a running LibreOffice of the user's is left alone); the seconds it took."""
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([office(), f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                        "--convert-to", "pdf", "--outdir", str(out), *map(str, documents)],
                       check=True, capture_output=True, text=True, timeout=600)
    return time.perf_counter() - start


def report(documents: list[Path], out: Path) -> list[str]:
    """One line per document; the failures, too, as a list."""
    import docx
    from pypdf import PdfReader

    failures: list[str] = []
    for path in documents:
        lang, name = path.parent.name, path.stem
        pdf = out / f"{name}-{lang}.pdf"
        title = docx.Document(str(path)).core_properties.title
        if not pdf.is_file() or pdf.stat().st_size == 0:
            failures.append(f"{lang}/{name}: LibreOffice wrote no PDF")
            print(f"{lang}/{path.name}: FAILED (no PDF)")
            continue
        reader = PdfReader(pdf)
        a4 = all(abs(float(p.mediabox.width) - 595.3) < 2 and abs(float(p.mediabox.height) - 841.9) < 2 for p in reader.pages)
        text = " ".join(" ".join(pdf_texts(pdf)).split())
        fonts = sorted(embedded_fonts(reader))
        khmer = any("Khmer" in font for font in fonts)
        problems = []
        if not a4:
            problems.append("not A4")
        if " ".join(title.split()) not in text:
            problems.append("title not in its text")
        if lang == "km" and not khmer:
            problems.append("no Khmer font embedded")
        print(f"{lang}/{path.name}: {len(reader.pages)} A4 pages, title found: {not 'title not in its text' in problems}, "
              f"fonts: {', '.join(f.lstrip('/').split('+')[-1] for f in fonts)}"
              + (f" -- FAILED: {', '.join(problems)}" if problems else " -- opens"))
        failures += [f"{lang}/{name}: {p}" for p in problems]
    return failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--templates", type=Path, help="the folder scripts/templates.py wrote (default: make them now)")
    parser.add_argument("--out", type=Path, help="where to keep the PDFs (default: a temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.templates
        if folder is None:
            folder = Path(tmp) / "templates"
            subprocess.run([sys.executable, "scripts/templates.py", "--out", str(folder)], cwd=ROOT, check=True,
                           stdout=subprocess.DEVNULL)
        out = args.out or Path(tmp) / "pdf"
        out.mkdir(parents=True, exist_ok=True)
        documents = sorted(folder.glob("*/*.docx"))
        if not documents:
            raise SystemExit(f"{folder}: no <lang>/<name>.docx; run scripts/templates.py first")
        # LibreOffice names a PDF after its document: one folder per language keeps en and km apart.
        seconds = 0.0
        for lang in sorted({d.parent.name for d in documents}):
            batch = [d for d in documents if d.parent.name == lang]
            seconds += convert(batch, out / lang)
            for made in (out / lang).glob("*.pdf"):
                made.rename(out / f"{made.stem}-{lang}.pdf")
        failures = report(documents, out)
        print(f"{len(documents) - len({f.split(':')[0] for f in failures})} of {len(documents)} documents open "
              f"in {subprocess.run([office(), '--version'], capture_output=True, text=True).stdout.strip()} "
              f"({seconds:.0f} s to convert)")
        if failures:
            raise SystemExit("\n".join(failures))


if __name__ == "__main__":
    main()
