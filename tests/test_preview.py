"""A one-language preview (``bash scripts/serve km``, COP_PREVIEW) gives the
previewed language's site exactly as a whole build does, for an edited
project, and builds none of the other language's pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Project, mkdocs_build

# Every language's search index sits at the site's root, one file each; in a
# preview the other language's is empty, since none of its pages were built.
SEARCH = "search"


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _in_language(path: str, lang: str) -> bool:
    # English at the root, Khmer under km/ (the site's one other language).
    return (path.split("/", 1)[0] == "km") == (lang == "km")


@pytest.mark.parametrize("lang", ["en", "km"])
def test_preview_equals_the_whole_build(edited: Project, tmp_path: Path, lang: str) -> None:
    # The edits touch both languages: a page's [[ID]] references, a role's
    # name (listed on commitment pages), a shared template, a page with no
    # Khmer file (shown in English on the Khmer site).
    result = mkdocs_build(edited.root, tmp_path / "site", COP_PREVIEW=lang)
    assert result.returncode == 0, result.output[-3000:]
    preview, whole = _files(result.site), _files(edited.root / "site")

    mine = {p for p in whole if _in_language(p, lang) and not p.startswith(SEARCH + "/")}
    assert len([p for p in mine if p.endswith(".html")]) > 50
    differ = sorted(p for p in mine if preview.get(p) != whole[p])
    assert not differ, f"the {lang} preview differs from the whole build in: {differ[:10]}"
    # This language's search index too.
    index = f"{SEARCH}/cop-index.{lang}.js"
    assert preview[index] == whole[index]

    other = "km" if lang == "en" else "en"
    pages = sorted(p for p in preview if _in_language(p, other) and p.endswith(".html")
                   and p.rsplit("/", 1)[-1] != "404.html")
    assert not pages, f"the {lang} preview built pages of {other}: {pages[:5]}"


def test_preview_of_an_unknown_language_is_refused(project: Project) -> None:
    result = mkdocs_build(project.root, project.root / "site", COP_PREVIEW="fr")
    assert result.returncode != 0
    assert "extra.cop.preview (set from COP_PREVIEW) is 'fr'" in result.output
    assert "Fix: use one of en, km" in result.output
