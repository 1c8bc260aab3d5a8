"""The generated content grows linearly with the number of commitments: no
page lists every other page. Measured in characters generated (not seconds),
on synthetic guidelines in the real content model, so the test is exact."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

from cop import catalog as catalog_module
from cop.render import Renderer
from cop.templates import Templates


def synthetic(root: Path, n: int) -> list[str]:
    """Guidelines with ``n`` commitments per sector prefix, same shape as the real ones."""
    (root / "model").mkdir(parents=True)
    for name in ("taxonomy.yml", "labels.yml", "sources.yml", "glossary.yml", "csam.yml", "contacts.yml"):
        shutil.copy(ROOT / "model" / name, root / "model" / name)
    taxonomy = yaml.safe_load((ROOT / "model/taxonomy.yml").read_text(encoding="utf-8"))
    roles = [r["id"] for r in taxonomy["roles"] if r["kind"] == "internal"]
    partners = [r["id"] for r in taxonomy["roles"] if r["kind"] == "partner"]
    areas = [k["id"] for k in taxonomy["key_areas"]]
    docs = root / "docs"
    files: list[str] = []
    entries: dict[str, dict] = {}
    for kind, folder in (("roles", "roles"), ("sectors", "sectors"), ("key_areas", "key-areas")):
        for item in taxonomy[kind]:
            files.append(f"{folder}/{item['id']}.md")
    for sector in taxonomy["sectors"]:
        lines = [f"# {sector['id']}", ""]
        for i in range(1, n + 1):
            cid = f"{sector['prefix']}-{i:03d}"
            entries[cid] = {
                "key_area": areas[i % len(areas)],
                "sectors": [sector["id"]],
                "roles": [roles[i % len(roles)], roles[(i + 3) % len(roles)]],
                "partners": [partners[i % len(partners)]],
                "references": ["itu:1"],
                "basis": [{"kind": "practice"}],
            }
            lines += [f"## {cid} Commitment {i}", "### Why it matters", f"Text about [[{roles[i % len(roles)]}]].",
                      "### What to do", "Text.", "### How to show it is done", "Text.", ""]
        files.append(f"commitments/{sector['id']}.md")
        (docs / "commitments").mkdir(parents=True, exist_ok=True)
        (docs / files[-1]).write_text("\n".join(lines), encoding="utf-8")
        files.append(f"checklists/{sector['id']}.md")
        (docs / "checklists").mkdir(parents=True, exist_ok=True)
        (docs / files[-1]).write_text(f"# Checklist {sector['id']}\n\n<!-- cop:checklist -->\n", encoding="utf-8")
    # A sector page's summary cites every commitment of its sector, as the real ones must.
    cited = {sector["id"]: " ".join(f"[[{cid}]]" for cid, e in entries.items() if e["sectors"] == [sector["id"]])
             for sector in taxonomy["sectors"]}
    for page in files:
        path = docs / page
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            summary = f"Summary: {cited[path.stem]}\n\n" if page.startswith("sectors/") and path.stem in cited else ""
            path.write_text(f"# {path.stem}\n\n{summary}<!-- cop:commitments -->\n", encoding="utf-8")
    (root / "model/commitments.yml").write_text(yaml.safe_dump(entries), encoding="utf-8")
    # The questionnaire: one question per sector, which brings the sector in.
    questions = [{"id": f"q-{s['id']}", "question": {"en": s["id"], "km": "សំណួរ"},
                  "reason": {"en": s["id"], "km": "ហេតុផល"}, "sectors": [s["id"]]} for s in taxonomy["sectors"]]
    (root / "model/applicability.yml").write_text(yaml.safe_dump({"questions": questions}, allow_unicode=True),
                                                   encoding="utf-8")
    return files


def generated_size(root: Path, n: int) -> int:
    files = synthetic(root, n)
    catalog, problems = catalog_module.build(root, root / "docs", files, ["en", "km"], "en")
    assert problems == [], problems
    templates = Templates.from_folders([ROOT / "overrides"]).use(catalog, "en")
    total = 0
    for page in files:
        renderer = Renderer(catalog, "en", page, templates)
        total += len(renderer.page((root / "docs" / page).read_text(encoding="utf-8")))
        total += sum(map(len, renderer.blocks))
    index = Renderer(catalog, "en", "commitments/index.md", templates)
    total += len(index.commitment_index()) + len(index.matrix()) + sum(map(len, index.blocks))
    return total


def test_generated_content_grows_linearly(tmp_path: Path) -> None:
    small = generated_size(tmp_path / "small", 10)
    large = generated_size(tmp_path / "large", 80)
    # 8x the commitments: linear growth gives about 8x the text (a little more,
    # as IDs get longer); listing every page on every page would give ~64x.
    assert large <= 8 * 1.15 * small, f"8x the commitments made {large / small:.1f}x the generated text"
