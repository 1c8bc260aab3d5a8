"""The synthetic corpus of the build benchmark is real content: at twice the
real size it passes the strict build, in both languages, and every role page
lists twice as many commitments."""

from __future__ import annotations

from pathlib import Path

import yaml

from built import soup
from conftest import ROOT, mkdocs_build


import corpus


def test_corpus_at_twice_the_size_builds_strictly(tmp_path: Path) -> None:
    project = corpus.make(tmp_path / "corpus", 2)
    real = yaml.safe_load((ROOT / "model/commitments.yml").read_text(encoding="utf-8"))
    made = yaml.safe_load((project / "model/commitments.yml").read_text(encoding="utf-8"))
    assert len(made) == 2 * len(real)
    for cid, entry in real.items():
        copy = corpus.new_id(cid, 2, corpus.series_sizes((ROOT / "model/commitments.yml").read_text(encoding="utf-8")))
        assert made[copy] == entry, f"{copy} should copy {cid}'s model entry"

    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.output

    role = next(iter(real.values()))["roles"][0]
    for prefix in ("", "km/"):
        listed = {a["href"].rsplit("#", 1)[1] for a in soup(tmp_path / "site" / prefix / "roles" / role / "index.html")
                  .select("article a[href*='#']") if a["href"].rsplit("#", 1)[1] in made}
        carried = {cid for cid, e in made.items() if role in e["roles"] + e.get("partners", [])}
        assert listed == carried, f"roles/{role} ({prefix or 'en'}) lists {len(listed)} of {len(carried)}"
    khmer_copy = (project / "docs/commitments/social-media-2.km.md").read_text(encoding="utf-8")
    assert "## SM-11 " in khmer_copy and "(២)" in khmer_copy
