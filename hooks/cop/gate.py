"""The source checks of every page, once per run: what the hooks and the
tests' engine-level harness (tests/harness.py) both run after the catalog.

Content safety of the Markdown (``safety.check``), front matter keys and head
fields, the language of each page, contact details typed in a page instead of
shown by the contacts block (``contacts.typed``), and the files under
``docs/`` that are not pages. The built HTML is checked page by page as it is made (``cop.output``).
"""

from __future__ import annotations

import os
from pathlib import Path

from . import contacts, safety
from .catalog import Catalog, display
from .memo import Memo
from .problems import Problem
from .translation import KEY as TRANSLATION


def content_problems(catalog: Catalog, docs_dir: Path, allowed_html: tuple[str, ...] = (),
                     memo: Memo | None = None) -> list[Problem]:
    """Each page's problems; with ``memo``, a page whose text (and what else
    its checks read) is unchanged since an earlier build is answered from it."""
    problems: list[Problem] = []
    khmer = next((lang for lang in catalog.languages if lang != catalog.default), catalog.default)
    short_codes = catalog.model.contacts.short_codes()
    codes = tuple(sorted(short_codes))
    for lang, texts in catalog.texts.items():
        for page, text in texts.items():
            file = display(page, lang, catalog.default)
            key = ("gate", file, lang, khmer, codes, text)
            def check() -> list[Problem]:  # called at once, in this iteration
                return _page_problems(catalog, lang, page, text, file, short_codes, khmer)
            problems += memo.answer(key, check) if memo is not None else check()
    problems += safety.other_files(docs_dir, allowed_html)
    return problems


def _page_problems(catalog: Catalog, lang: str, page: str, text: str, file: str, short_codes: set[str],
                   khmer: str) -> list[Problem]:
    body = safety.prose(text)  # code and front matter blanked, once for both checks
    problems = safety.check(text, file, body)
    problems += contacts.typed(body, file, short_codes, safety.Lines(body))
    # The front matter is the page's own (the catalog parsed it from this text).
    scanned = catalog.pages[lang].get(page)
    front = scanned.front if scanned else None
    if front:
        problems += safety.front_matter(front, file)
    stamped = bool(front and TRANSLATION in front)
    problems += safety.language(text, lang, stamped, file, khmer, body)
    return problems


def symlinks(root: Path, folders: list[Path]) -> list[Problem]:
    """Every symbolic link under ``folders``: the build would publish, or read
    as content, whatever it points to (``/etc/passwd``, ``.git/config``), and a
    pull request shows a link as a one-line file a reviewer can miss. Walked
    without following links, before MkDocs walks (and follows) them."""
    problems: list[Problem] = []
    for folder in folders:
        if folder.is_symlink():
            problems.append(_symlink(root, folder))
            continue
        for parent, dirnames, filenames in os.walk(folder, followlinks=False):
            dirnames.sort()
            for name in sorted(dirnames + filenames):
                path = Path(parent) / name
                if path.is_symlink():
                    problems.append(_symlink(root, path))
    return problems


def _symlink(root: Path, path: Path) -> Problem:
    try:
        shown = path.relative_to(root).as_posix()
    except ValueError:
        shown = str(path)
    return Problem(shown, None, f"is a symbolic link (to {os.readlink(path)}): the site is built only from the "
                   "repository's own files", f"replace the link with the file itself (git rm {shown}, then add the real file)")
