"""Every commitment states its basis (a Cambodian legal duty, the
aims MPTC published, or international good practice), per part where parts
differ, with what is uncertain; on its page, in the checklists and in both
exports. The model loader refuses an incomplete basis with file, line and fix."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml

from built import soup
from conftest import LANGS, ROOT, Project, page_path

MODEL = yaml.safe_load((ROOT / "model/commitments.yml").read_text(encoding="utf-8"))
SOURCES = yaml.safe_load((ROOT / "model/sources.yml").read_text(encoding="utf-8"))
LABELS = yaml.safe_load((ROOT / "model/labels.yml").read_text(encoding="utf-8"))


def records(site: Path, lang: str) -> dict[str, dict]:
    doc = json.loads((site / LANGS[lang] / "commitments.json").read_text(encoding="utf-8"))
    assert doc["version"]["format"].startswith("1.") and tuple(map(int, doc["version"]["format"].split("."))) >= (1, 2, 0)
    return {record["id"]: record for record in doc["commitments"]}


@pytest.mark.parametrize("lang", LANGS)
def test_every_commitment_states_its_basis_in_both_exports(site: Path, lang: str) -> None:
    recs = records(site, lang)
    assert set(recs) == set(MODEL)
    raw = (site / LANGS[lang] / "commitments.csv").read_bytes().decode("utf-8-sig")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(raw, newline=""))}
    for cid, entry in MODEL.items():
        basis = recs[cid]["basis"]
        assert [b["kind"] for b in basis] == [b["kind"] for b in entry["basis"]], cid
        assert rows[cid]["basis"] == "; ".join(b["kind"] for b in basis)
        assert len(rows[cid]["basis_detail"].split(" | ")) == len(basis)
        for b, model in zip(basis, entry["basis"]):
            if b["kind"] == "law":
                # A legal duty names its law, its source and the day it was checked.
                assert b["law"] and b["source"] and b["checked"] == str(model["checked"]), cid
                assert b["source"]["citation"]
            if b["kind"] == "aims":
                assert b["source"] and b["source"]["id"] == model["source"]
            if b["kind"] == "practice":
                assert recs[cid]["references"], f"{cid}: good practice with no framework reference"
            if len(basis) > 1:
                assert b["part"], f"{cid}: several bases, one names no part"
            if lang == "km" and b["part"]:
                assert b["part"] == model["part"]["km"]


def test_legal_duties_follow_the_cited_summary(site: Path) -> None:
    """What the summary says platforms need not do is never called a legal duty."""
    recs = records(site, "en")
    for cid in ("SM-01", "DH-03"):
        assert [b["kind"] for b in recs[cid]["basis"]] == ["practice"], cid
        assert recs[cid]["basis"][0]["note"], f"{cid}: says nothing about the law"
    kinds = {b["part"]: b["kind"] for b in recs["SM-04"]["basis"]}
    assert sorted(kinds.values()) == ["law", "practice"]
    assert "Law on Electronic Commerce" in " ".join(b["law"] or "" for b in recs["ALL-05"]["basis"])
    # No article is given: the source gives none.
    assert all(b["article"] is None for r in recs.values() for b in r["basis"])


@pytest.mark.parametrize("lang", LANGS)
def test_pages_and_checklists_show_the_basis(site: Path, lang: str) -> None:
    label = LABELS[lang]["meta.basis"]
    page = soup(page_path(site, lang, "commitments/all-sectors.md"))
    for cid in [c for c in MODEL if c.startswith("ALL-")]:
        meta = page.find(id=cid).find_next("div", class_="cop-meta")
        row = next(li for li in meta.find_all("li") if li.get_text().startswith(label))
        assert LABELS[lang][f"basis.{MODEL[cid]['basis'][0]['kind']}"] in row.get_text(), cid
    checklist = soup(page_path(site, lang, "checklists/data-hosting.md"))
    item = checklist.find(id="item-DH-02")
    basis = item.select_one(".cop-cl-basis")
    assert basis is not None and len(basis.select("li")) == 4
    note = basis.select_one(".cop-basis-note")
    assert note is not None and note.get_text().startswith(LABELS[lang]["basis.uncertain"])


def test_the_loader_refuses_an_incomplete_basis(project: Project) -> None:
    text = project.read("model/commitments.yml")
    # No basis at all on ALL-02; a law without its checked date on ALL-05;
    # an unknown source on ALL-01; two entries without parts on ALL-03.
    text = text.replace("  references: [itu:1, sbd:1, crbp:1]\n  basis:\n    - kind: practice\n",
                        "  references: [itu:1, sbd:1, crbp:1]\n", 1)
    text = text.replace("      law: reporting-duty\n      source: gcepp-cambodia\n      checked: 2026-12-01\n",
                        "      law: reporting-duty\n      source: gcepp-cambodia\n", 1)
    text = text.replace("    - kind: aims\n      source: akp-launch\n", "    - kind: aims\n      source: a-blog\n", 1)
    text = text.replace("  references: [itu:1, aadc:1, aadc:2, gc25:business-assessment, gc25:views, sbd:1]\n  basis:\n    - kind: practice\n",
                        "  references: [itu:1, aadc:1, aadc:2, gc25:business-assessment, gc25:views, sbd:1]\n  basis:\n    - kind: practice\n    - kind: aims\n      source: akp-launch\n", 1)
    project.write("model/commitments.yml", text)
    result = project.build()
    assert result.returncode != 0
    out = result.output
    for needle in ("ALL-02: no basis", "ALL-05: basis of kind law has no 'checked' date",
                   "ALL-01: basis source 'a-blog' is not in model/sources.yml",
                   "ALL-03: basis has several entries but this one names no part"):
        assert needle in out, f"{needle!r} not in:\n{out[-3000:]}"
    line = next(n for n, l in enumerate(text.splitlines(), 1) if "source: a-blog" in l)
    assert f"model/commitments.yml:{line}" in out
