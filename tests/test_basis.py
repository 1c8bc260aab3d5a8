"""Every commitment states its basis (a Cambodian legal duty, a possible one,
the aims reported at the guidelines' launch, or international good
practice), per part where parts differ, with what is uncertain and, for a
legal duty, the passage of its source; on its page, in the checklists and in
both exports. The model loader refuses an incomplete basis with file, line
and fix."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml

import harness

from built import soup
from conftest import LANGS, ROOT, Project, page_path

MODEL = yaml.safe_load((ROOT / "model/commitments.yml").read_text(encoding="utf-8"))
SOURCES = yaml.safe_load((ROOT / "model/sources.yml").read_text(encoding="utf-8"))
LABELS = yaml.safe_load((ROOT / "model/labels.yml").read_text(encoding="utf-8"))


def records(site: Path, lang: str) -> dict[str, dict]:
    doc = json.loads((site / LANGS[lang] / "commitments.json").read_text(encoding="utf-8"))
    assert doc["version"]["format"].startswith("1.") and tuple(map(int, doc["version"]["format"].split("."))) >= (1, 3, 0)
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
            if b["kind"] in ("law", "law-possible"):
                # A legal duty names its law, its source, the passage and the day it was checked.
                assert b["law"] and b["source"] and b["checked"] == str(model["checked"]), cid
                assert b["source"]["citation"]
                kind, value = next(iter(model["locator"].items()))
                assert b["locator"]["kind"] == kind and b["locator"]["value"] == value, cid
                assert b["locator"]["text"] in b["text"], cid
            if b["kind"] == "law-possible":
                assert b["note"], f"{cid}: a possible duty says what is uncertain"
            if b["kind"] == "aims":
                assert b["source"] and b["source"]["id"] == model["source"]
            if b["kind"] == "practice":
                assert recs[cid]["references"], f"{cid}: good practice with no framework reference"
            if len(basis) > 1:
                assert b["part"], f"{cid}: several bases, one names no part"
            if lang == "km" and b["part"]:
                assert b["part"] == model["part"]["km"]


def test_legal_duties_follow_the_cited_summary(site: Path) -> None:
    """What the summary says platforms need not do is never called a legal duty;
    a duty it gives to other kinds of company is only a possible one here."""
    recs = records(site, "en")
    for cid in ("SM-01", "DH-03"):
        assert recs[cid]["basis"][0]["kind"] == "practice", cid
        assert recs[cid]["basis"][0]["note"], f"{cid}: says nothing about the law"
    assert [b["kind"] for b in recs["SM-01"]["basis"]] == ["practice"]
    # A commitment that has you report such material says that reporting may
    # be a legal duty, as ALL-05 does; detecting it stays good practice.
    for cid in ("SM-03", "SM-04", "SM-11", "CR-02", "APP-03", "DH-03", "MNO-04"):
        reporting = [b for b in recs[cid]["basis"] if b["kind"] == "law-possible" and "as are all citizens of Cambodia" in b["law"]]
        assert len(reporting) == 1 and reporting[0]["locator"]["value"] == "Regulatory requirements/recommendations", cid
    # The summary speaks of the authorities: the police are one, Internet
    # Hotline Cambodia is not, so reporting also to the hotline is good
    # practice, in a part of its own right after the possible duty.
    for cid in ("ALL-05", "SM-03", "SM-04", "SM-11", "CR-02", "APP-03", "DH-02", "DH-03", "MNO-04"):
        basis = recs[cid]["basis"]
        at = next(i for i, b in enumerate(basis) if b["kind"] == "law-possible" and "as are all citizens of Cambodia" in b["law"])
        assert "police" in basis[at]["part"], cid
        assert basis[at + 1]["kind"] == "practice" and "Internet Hotline Cambodia" in basis[at + 1]["part"], cid
    assert [b["kind"] for b in recs["DH-03"]["basis"]] == ["practice", "law-possible", "practice"]
    # Removal is known only from the summary, which names no law: possible.
    kinds = {b["part"]: b["kind"] for b in recs["SM-04"]["basis"]}
    assert sorted(kinds.values()) == ["law-possible", "law-possible", "practice", "practice"]
    assert "remov" in recs["SM-04"]["basis"][0]["law"] and recs["SM-04"]["basis"][0]["kind"] == "law-possible"
    assert "Law on Electronic Commerce" in " ".join(b["law"] or "" for b in recs["ALL-05"]["basis"])
    # The summary's 2018 regulation says nothing about notices of such
    # material, nor about mobile operators: blocking on notice is good
    # practice, and the note keeps the regulation as context.
    assert [b["kind"] for b in recs["MNO-04"]["basis"]] == ["practice", "practice", "practice", "law-possible", "practice"]
    assert "2018" in recs["MNO-04"]["basis"][0]["note"]
    # The summary gives the duty to report to platforms and citizens, not to
    # every kind of company: possible for a host and for every sector.
    assert [b["kind"] for b in recs["DH-02"]["basis"]] == ["law-possible"] * 3 + ["practice"] * 2
    assert "as are all citizens of Cambodia" in recs["DH-02"]["basis"][2]["law"]
    assert [b["kind"] for b in recs["ALL-05"]["basis"]] == ["law-possible", "practice", "law-possible", "law-possible", "practice"]
    # An unnamed regulation known only from the summary, which says nothing
    # about notices: good practice, with the regulation as context.
    assert [b["kind"] for b in recs["ISP-01"]["basis"]] == ["practice", "practice", "practice"]
    assert "2018" in recs["ISP-01"]["basis"][0]["note"]
    # A regulator's blocking order is for the law to decide, as a lawful
    # request is (ALL-06): its part says so, and never that acting is optional.
    for cid in ("ISP-01", "MNO-04"):
        order = [b for b in recs[cid]["basis"] if "TRC" in b["part"]]
        assert len(order) == 1 and "for the law to decide" in order[0]["note"], cid
    # No text of the launch mentions profiling or filming children: good practice, said so.
    for cid in ("SM-07", "CR-01", "APP-02"):
        basis = recs[cid]["basis"]
        assert [b["kind"] for b in basis] == ["practice"] and "Press coverage of the launch" in basis[0]["note"], cid
    # Answering lawful requests is for the law to decide: the part that handles
    # them says so, and never that it is optional good practice.
    for cid in ("ALL-06", "ISP-03", "MNO-03", "DH-04"):
        notes = [b["note"] or "" for b in recs[cid]["basis"]]
        assert any("for the law to decide" in n and "optional" in n for n in notes), cid
    # No comprehensive data protection law found does not mean no law applies.
    for cid in ("ALL-08", "ISP-03", "MNO-03", "DH-04", "APP-01", "APP-02", "SM-07", "CR-01"):
        notes = " ".join(b["note"] or "" for b in recs[cid]["basis"])
        assert "other laws may" in notes and "not as a legal duty" not in notes, cid
    # Every legal duty names the section of the summary it rests on; no article
    # is given, because the summary gives none.
    legal = [b for r in recs.values() for b in r["basis"] if b["kind"] in ("law", "law-possible")]
    assert legal and all(b["locator"]["kind"] == "section" for b in legal)
    assert {b["locator"]["value"] for b in legal} == {"Regulatory requirements/recommendations", "Legal remedies for child victims"}
    assert all(b["article"] is None for r in recs.values() for b in r["basis"])


@pytest.mark.parametrize("lang", LANGS)
def test_the_labels_claim_no_more_than_we_know(site: Path, lang: str) -> None:
    """The aims are what the press reported of the July 2023 launch; a
    possible duty is shown as such on the commitment's page."""
    aims = LABELS[lang]["basis.aims"]
    assert ("press coverage of the July 2023 launch" in aims) if lang == "en" else ("ខែកក្កដា ឆ្នាំ ២០២៣" in aims)
    assert "published" not in LABELS["en"]["basis.aims"]
    # We recommend good practice and cite no law for it; that no law requires
    # it is more than a secondary summary lets us say.
    assert "we cite no law" in LABELS["en"]["basis.practice"]
    assert "not a legal duty" not in LABELS["en"]["basis.practice"]
    assert "មិនមែនជាកាតព្វកិច្ចតាមច្បាប់" not in LABELS["km"]["basis.practice"]
    page = soup(page_path(site, lang, "commitments/data-hosting.md"))
    meta = page.find(id="DH-02").find_next("div", class_="cop-meta")
    entry = meta.select_one(".cop-basis--law-possible")
    assert entry is not None and LABELS[lang]["basis.law-possible"] in entry.get_text()
    assert LABELS[lang]["basis.locator.section"].split("{")[0].strip() in entry.get_text()


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
    assert basis is not None and len(basis.select("li")) == 5
    note = basis.select_one(".cop-basis-note")
    assert note is not None and note.get_text().startswith(LABELS[lang]["basis.uncertain"])


def test_the_loader_refuses_an_incomplete_basis(project: Project) -> None:
    text = project.read("model/commitments.yml")
    # No basis at all on ALL-02; a possible duty without its checked date on ALL-05;
    # an unknown source on ALL-01; two entries without parts on ALL-03.
    text = text.replace("  references: [itu:1, sbd:1, crbp:1]\n  basis:\n    - kind: practice\n",
                        "  references: [itu:1, sbd:1, crbp:1]\n", 1)
    text = text.replace("      law: reporting-duty\n      source: gcepp-cambodia\n", "      law: reporting-duty\n      source: gcepp-cambodia\n#", 1)
    text = text.replace("#      locator: {section: \"Regulatory requirements/recommendations\"}\n      checked: 2026-12-01\n",
                        "      locator: {section: \"Regulatory requirements/recommendations\"}\n", 1)
    text = text.replace("    - kind: aims\n      source: akp-launch\n", "    - kind: aims\n      source: a-blog\n", 1)
    text = text.replace("  references: [itu:1, aadc:1, aadc:2, gc25:business-assessment, gc25:views, sbd:1]\n  basis:\n    - kind: practice\n",
                        "  references: [itu:1, aadc:1, aadc:2, gc25:business-assessment, gc25:views, sbd:1]\n  basis:\n    - kind: practice\n    - kind: aims\n      source: akp-launch\n", 1)
    project.write("model/commitments.yml", text)
    result = project.build()
    assert result.returncode != 0
    out = result.output
    for needle in ("ALL-02: no basis", "ALL-05: basis of kind law-possible has no 'checked' date",
                   "ALL-01: basis source 'a-blog' is not in model/sources.yml",
                   "ALL-03: basis has several entries but this one names no part"):
        assert needle in out, f"{needle!r} not in:\n{out[-3000:]}"
    line = next(n for n, l in enumerate(text.splitlines(), 1) if "source: a-blog" in l)
    assert f"model/commitments.yml:{line}" in out


def test_the_loader_refuses_a_legal_basis_without_its_passage_or_its_doubt(project: Project) -> None:
    """A legal duty names the passage of its source (the old 'article:' field
    is refused with the new way to write it); a possible duty says why it is
    uncertain."""
    text = project.read("model/commitments.yml")
    sm = text.index("SM-04:")
    head, tail = text[:sm], text[sm:]
    tail = tail.replace('      locator: {section: "Legal remedies for child victims"}\n', "      article: 12\n", 1)
    head = head.replace("      note: platform-duty-all-sectors\n", "", 1)
    dh = tail.index("DH-02:")
    tail = tail[:dh] + tail[dh:].replace('      locator: {section: "Legal remedies for child victims"}\n',
                                         "      locator: {chapter: 3}\n", 1)
    project.write("model/commitments.yml", head + tail)
    verdict = harness.check(project.root, pages=[])
    article = verdict.find("model/commitments.yml", "SM-04: basis has 'article', which is now written as a locator",
                           project.line_of("model/commitments.yml", "article: 12"))
    assert "locator: {article: 12}" in article.fix
    verdict.find("model/commitments.yml", "ALL-05: basis of kind law-possible does not say what is uncertain")
    verdict.find("model/commitments.yml", "DH-02: basis locator kind 'chapter' is not one of section, page, paragraph, article",
                 project.line_of("model/commitments.yml", "locator: {chapter: 3}"))
