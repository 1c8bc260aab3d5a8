"""The synthetic corpus of the build benchmark is real content: at twice the
real size its model and pages pass every check of the catalog, in both
languages, and every role lists twice as many commitments. (The benchmark,
bench/bench_build.py, builds each corpus with the strict build itself.)"""

from __future__ import annotations

from pathlib import Path

import yaml
from mkdocs.config import load_config

import corpus
from conftest import ROOT

from cop import catalog as catalog_module
from cop import state


def test_corpus_at_twice_the_size_is_real_content(tmp_path: Path) -> None:
    project = corpus.make(tmp_path / "corpus", 2)
    real = yaml.safe_load((ROOT / "model/commitments.yml").read_text(encoding="utf-8"))
    made = yaml.safe_load((project / "model/commitments.yml").read_text(encoding="utf-8"))
    assert len(made) == 2 * len(real)
    for cid, entry in real.items():
        copy = corpus.new_id(cid, 2, corpus.series_sizes((ROOT / "model/commitments.yml").read_text(encoding="utf-8")))
        assert made[copy] == entry, f"{copy} should copy {cid}'s model entry"

    # Every check of the model and the pages, as the build's first hook runs them.
    langs, default, _ = state.languages(load_config(str(project / "mkdocs.yml")))
    docs = project / "docs"
    pages = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    catalog, problems = catalog_module.build(project, docs, pages, langs, default)
    assert problems == [], "\n".join(map(str, problems))
    # The copies are in the navigation (a strict build refuses a page outside it).
    nav = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "commitments/social-media-2.md" in nav

    role = next(iter(real.values()))["roles"][0]
    listed = set(catalog.by_role[role]) | set(catalog.by_partner[role])
    carried = {cid for cid, e in made.items() if role in e["roles"] + e.get("partners", [])}
    assert listed == carried and len(carried) >= 2, f"roles/{role} lists {len(listed)} of {len(carried)}"
    for lang in langs:
        assert set(catalog.placed[lang]) == set(made), f"not every commitment is placed in {lang}"
    khmer_copy = (project / "docs/commitments/social-media-2.km.md").read_text(encoding="utf-8")
    # The copies of SM-01 in copy 2 are numbered after the real SM-12.
    assert "## SM-13 " in khmer_copy and "(២)" in khmer_copy
