"""Compare two builds of the site page by page: what a reader gets must not change.

    .venv/bin/mkdocs build -d /tmp/before     # on the old commit
    .venv/bin/mkdocs build -d /tmp/after      # on the new one
    .venv/bin/python bench/compare_sites.py /tmp/before /tmp/after

For every built HTML page: its visible text (white space collapsed), its links
(address, text, tooltip), its element IDs, and the attributes scripts and
styles read (``data-*``, ``class``, ``lang``, ``hidden``, ``download``,
``style``). Markup that differs only in white space or in how a character is
escaped counts as the same. For refactors of the hooks and templates; exits 1
when a page differs, naming the page and the first difference.
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

from bs4 import BeautifulSoup

ATTRIBUTES = ("lang", "class", "hidden", "download", "style")


def facts(path: Path) -> dict[str, list]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for script in soup("script"):
        if script.get("type") != "application/json":
            script.decompose()  # the theme's scripts; data blocks are content
    return {
        "text": soup.get_text(" ").split(),
        "links": [(a.get("href"), " ".join(a.get_text(" ").split()), a.get("title")) for a in soup("a")],
        "ids": [tag["id"] for tag in soup.find_all(id=True)],
        "attributes": [(tag.name, key, " ".join(value) if isinstance(value, list) else value)
                       for tag in soup.find_all(True) for key, value in tag.attrs.items()
                       if key.startswith("data-") or key in ATTRIBUTES],
    }


def first_difference(before: list, after: list) -> str:
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if op != "equal":
            return f"{op}: {before[a1:a2][:5]} -> {after[b1:b2][:5]}"
    return "same items"


def main(before: Path, after: Path) -> int:
    pages = sorted(p.relative_to(before) for p in before.rglob("*.html"))
    others = sorted(p.relative_to(after) for p in after.rglob("*.html"))
    differences = [f"{page}: only in {before}" for page in sorted(set(pages) - set(others))]
    differences += [f"{page}: only in {after}" for page in sorted(set(others) - set(pages))]
    for page in sorted(set(pages) & set(others)):
        old, new = facts(before / page), facts(after / page)
        for name in old:
            if old[name] != new[name]:
                differences.append(f"{page}: {name} differ; first {first_difference(old[name], new[name])}")
    for line in differences:
        print(line)
    print(f"{len(set(pages) | set(others))} pages compared, {len(differences)} differences")
    return 1 if differences else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
