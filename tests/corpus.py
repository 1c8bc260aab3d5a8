"""Make a synthetic copy of the guidelines, N times the real number of commitments.

    .venv/bin/python tests/corpus.py --scale 4 --out /tmp/corpus-4x

The copy is the real project (mkdocs.yml, model, docs, hooks, overrides) with
every commitment page repeated ``scale - 1`` more times as new pages
(``commitments/social-media-2.md``, ``.km.md``...). Each repeated commitment
gets a new ID in the same series (SM-11, SM-21...), the same model entry (key
area, sectors, roles, partners, references) and the real English and Khmer
prose of the commitment it copies, with a copy number in its title. So the real
hooks and plugins run on content of the real shape: role, sector and key-area
pages list ``scale`` times as many commitments, the search index holds
``scale`` times as much Khmer, and every cross-reference still resolves.

Used by bench/bench_build.py; fast (pure text), deterministic.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
# pyproject.toml: the exports state the project version.
COPIED = ("mkdocs.yml", "pyproject.toml", "model", "docs", "hooks", "overrides")
HEADING = re.compile(r"^## (?P<prefix>[A-Z]{2,4})-(?P<number>\d{2,3}) (?P<title>.*)$", re.M)
H1 = re.compile(r"^# (?P<title>.+)$", re.M)
ENTRY = re.compile(r"^(?P<id>[A-Z]{2,4}-\d{2,3}):\s*$", re.M)
# Language suffixes of the docs (suffix structure of mkdocs-static-i18n).
SUFFIXES = {"": "en", ".km": "km"}
LABELS = Path("model") / "labels.yml"  # each language's digits


def series_sizes(commitments_yml: str) -> dict[str, int]:
    """How many commitments each ID prefix has (ALL: 12, SM: 10...)."""
    sizes: dict[str, int] = {}
    for match in ENTRY.finditer(commitments_yml):
        prefix, number = match["id"].split("-")
        sizes[prefix] = max(sizes.get(prefix, 0), int(number))
    return sizes


def new_id(cid: str, copy: int, sizes: dict[str, int]) -> str:
    """The ID of copy ``copy`` (2, 3...) of commitment ``cid``: the same series,
    numbered after every earlier copy (SM-01 -> SM-11 -> SM-21 with 10 in SM)."""
    prefix, number = cid.split("-")
    value = (copy - 1) * sizes[prefix] + int(number)
    if value > 999:
        raise SystemExit(f"scale too large: {prefix} would need ID {prefix}-{value} (at most 3 digits)")
    return f"{prefix}-{value:02d}"


def copy_page(text: str, copy: int, sizes: dict[str, int], digits: str) -> str:
    """A commitment page's copy: renumbered commitment headings, and the copy
    number (in the page language's ``digits``) in its titles."""
    mark = str(copy).translate(str.maketrans("0123456789", digits))

    def heading(match: re.Match[str]) -> str:
        cid = f"{match['prefix']}-{match['number']}"
        return f"## {new_id(cid, copy, sizes)} {match['title']} ({mark})"

    text = HEADING.sub(heading, text)
    return H1.sub(lambda m: f"# {m['title']} ({mark})", text, count=1)


def copy_entries(commitments_yml: str, copy: int, sizes: dict[str, int]) -> str:
    """The model entries of copy ``copy``: every entry again, under its new ID."""
    data = yaml.safe_load(commitments_yml)
    return yaml.safe_dump({new_id(cid, copy, sizes): entry for cid, entry in data.items()},
                          allow_unicode=True, sort_keys=False)


def mark_copies_left_out(out: Path, commitments_yml: str, scale: int, sizes: dict[str, int]) -> None:
    """Each sector page's summary names the real commitments; the copies are
    marked as left out on purpose (the build requires one or the other)."""
    copies: dict[str, list[str]] = {}
    for cid, entry in yaml.safe_load(commitments_yml).items():
        if entry["sectors"] == "all":
            continue
        for copy in range(2, scale + 1):
            for sector in entry["sectors"]:
                copies.setdefault(sector, []).append(new_id(cid, copy, sizes))
    for sector, ids in copies.items():
        marker = f"<!-- summary leaves out {', '.join(ids)}: copies made by scripts/corpus.py -->\n\n"
        for suffix in SUFFIXES:
            page = out / "docs" / "sectors" / f"{sector}{suffix}.md"
            if page.exists():
                text = page.read_text(encoding="utf-8")
                page.write_text(text.replace("<!-- cop:commitments -->", marker + "<!-- cop:commitments -->", 1), encoding="utf-8")


def add_to_nav(mkdocs_yml: str, pages: list[str]) -> str:
    """Lists the new pages after the last real commitment page in the nav."""
    anchor = "      - commitments/app-developers.md\n"
    if anchor not in mkdocs_yml:
        raise SystemExit("mkdocs.yml: the nav no longer lists commitments/app-developers.md; update tests/corpus.py")
    lines = "".join(f"      - {page}\n" for page in pages)
    return mkdocs_yml.replace(anchor, anchor + lines, 1)


def copy_project(out: Path, root: Path = ROOT) -> Path:
    """What a build needs of the project, copied into ``out`` (which may exist).
    The tests' throw-away copies are made the same way."""
    out.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, out / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, out / name)
    return out


def make(out: Path, scale: int, root: Path = ROOT) -> Path:
    """Writes the corpus at ``scale`` times the real size into ``out``."""
    if scale < 1:
        raise SystemExit("--scale must be at least 1")
    if out.exists():
        shutil.rmtree(out)
    copy_project(out, root)

    model = out / "model" / "commitments.yml"
    commitments_yml = model.read_text(encoding="utf-8")
    sizes = series_sizes(commitments_yml)
    labels = yaml.safe_load((out / LABELS).read_text(encoding="utf-8"))
    docs = out / "docs" / "commitments"
    # Every page that holds commitment sections, by its language-neutral name.
    sources = sorted(p for p in docs.glob("*.md") if not p.name.endswith(".km.md")
                     and HEADING.search(p.read_text(encoding="utf-8")))
    extra_entries, new_pages = [], []
    for copy in range(2, scale + 1):
        extra_entries.append(copy_entries(commitments_yml, copy, sizes))
        for page in sources:
            stem = page.name[: -len(".md")]
            for suffix, lang in SUFFIXES.items():
                source = docs / f"{stem}{suffix}.md"
                text = source.read_text(encoding="utf-8")
                page_copy = copy_page(text, copy, sizes, labels[lang]["digits"])
                (docs / f"{stem}-{copy}{suffix}.md").write_text(page_copy, encoding="utf-8")
            new_pages.append(f"commitments/{stem}-{copy}.md")
    if extra_entries:
        model.write_text(commitments_yml.rstrip("\n") + "\n\n" + "\n".join(extra_entries), encoding="utf-8")
        mark_copies_left_out(out, commitments_yml, scale, sizes)
        config = out / "mkdocs.yml"
        config.write_text(add_to_nav(config.read_text(encoding="utf-8"), new_pages), encoding="utf-8")
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, required=True, help="times the real number of commitments")
    parser.add_argument("--out", type=Path, required=True, help="folder to write (replaced)")
    args = parser.parse_args(argv)
    out = make(args.out, args.scale)
    print(f"{out}: {args.scale}x the real commitments")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
