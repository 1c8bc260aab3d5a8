"""Unit tests of the assessments' pure functions (window.copAssessment,
overrides/assets/javascripts/assessment.js), in Chromium, each against an
oracle in Python: SHA-256 against hashlib, canonical JSON against
cop.fingerprint, the questionnaire's rules against cop.applicability, the
export against its published schema. The script is loaded into a blank page
as it is written (no build, no server)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import jsonschema
import pytest

from conftest import ROOT
from cop import applicability, assessment, catalog as catalog_module, fingerprint

pytestmark = pytest.mark.browser

SCRIPTS = ROOT / "overrides/assets/javascripts"
DAY = 24 * 3600 * 1000


@pytest.fixture(scope="module")
def catalog() -> catalog_module.Catalog:
    docs = ROOT / "docs"
    files = sorted(str(p.relative_to(docs)) for p in docs.rglob("*.md"))
    built, problems = catalog_module.build(ROOT, docs, files, ["en", "km"], "en")
    assert problems == []
    return built


@pytest.fixture(scope="module")
def data(catalog: catalog_module.Catalog) -> dict:
    """The data block of an English page, as the build writes it."""
    return assessment.data(catalog, "en", lambda page, anchor: page + (f"#{anchor}" if anchor else ""))


@pytest.fixture(scope="module")
def js(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<!doctype html><html lang='en'><head></head><body></body></html>")
    for name in ("checklist.js", "assessment.js"):
        page.add_script_tag(content=(SCRIPTS / name).read_text(encoding="utf-8"))

    def call(name: str, *args: Any) -> Any:
        return page.evaluate("([name, args]) => name.split('.').reduce((o, k) => o[k], self)(...args)",
                             [name, list(args)])

    call.page = page  # type: ignore[attr-defined]
    yield call
    context.close()


# --- SHA-256 and canonical JSON --------------------------------------------

TEXTS = ["", "abc", "a" * 55, "a" * 56, "a" * 63, "a" * 64, "a" * 65, "b" * 119, "b" * 120, "b" * 1000,
         "ការពារកុមារលើប្រព័ន្ធអនឡាញ", "emoji \U0001F600 and \u2028", "x" * 200_000 + "ខ្មែរ"]


def test_sha256_matches_hashlib(js) -> None:  # type: ignore[no-untyped-def]
    got = js.page.evaluate("texts => texts.map(t => copAssessment.sha256(t))", TEXTS)
    assert got == [hashlib.sha256(t.encode("utf-8")).hexdigest() for t in TEXTS]


def test_canonical_json_matches_the_build(js, data: dict) -> None:  # type: ignore[no-untyped-def]
    values = [{"b": [1, True, None, "x\u2028\"\\\n\u001f"], "a": {"\ue000": 1, "\U0001F600": 2}, "ក": "ខ្មែរ"},
              [], {}, "plain", data]
    for value in values:
        assert js("copAssessment.canonical", value) == fingerprint.canonical(value)


# --- the questionnaire's rules -----------------------------------------------

ANSWER_SETS = [{}, {"mobile-network": "yes", "internet-access": "yes"},
               # "Could children use it?" counts only beside user content, contact or apps.
               {"internet-access": "yes", "children-use": "yes", "children-data": "unsure", "user-content": "no"},
               {"internet-access": "yes", "children-use": "yes", "children-data": "yes", "user-contact": "unsure"},
               {"user-content": "unsure", "live": "yes", "hosting": "no", "children-use": "yes"},
               {q: "yes" for q in ("user-content", "user-contact", "live", "internet-access", "mobile-network",
                                   "hosting", "apps", "content-with-children", "children-use", "children-data",
                                   "recommendations")}]


@pytest.mark.parametrize("answers", ANSWER_SETS)
def test_applicability_matches_the_engine(js, data: dict, catalog: catalog_module.Catalog, answers: dict) -> None:  # type: ignore[no-untyped-def]
    got = js("copAssessment.applicability", data, answers)
    want = applicability.result(catalog.model.applicability, catalog.model, answers)
    assert got["applies"] == want.applies
    assert got["legal_left_out"] == want.legal_left_out and got["left_out"] == want.left_out
    assert got["unanswered"] == want.unanswered
    # A commitment with a legal basis is applied or listed, never dropped.
    legal = {c["id"] for c in data["commitments"] if c["legal"]}
    assert legal <= set(got["applies"]) | set(got["legal_left_out"])


# --- the store, the migration, the reminder -----------------------------------

OLD = {"version": 1, "items": {"SM-01": {"status": "done", "note": "ឯកសារ, \"v2\"", "updated": "2026-01-02T03:04:05.000Z"},
                               "SM-90": {"status": "in-progress", "note": "", "updated": "2026-01-03T00:00:00.000Z"},
                               "__proto__": {"status": "done"}, "ALL-02": {"status": "", "note": ""}}}


def test_the_self_assessment_of_earlier_releases_becomes_the_first_assessment(js) -> None:  # type: ignore[no-untyped-def]
    store = js("copAssessment.readStore", None, json.dumps(OLD), "My assessment")
    assert [(a["id"], a["name"]) for a in store["assessments"]] == [("a1", "My assessment")]
    assert store["current"] == "a1"
    items = store["assessments"][0]["items"]
    # Every answer kept as it was, retired IDs too; nothing that was not an answer.
    assert items == {"SM-01": OLD["items"]["SM-01"], "SM-90": {"status": "in-progress", "updated": "2026-01-03T00:00:00.000Z"}}
    # Once the new store exists, the old key is not read again.
    saved = json.dumps({"version": 1, "current": "", "assessments": [], "unexported": {}, "next": 4})
    assert js("copAssessment.readStore", saved, json.dumps(OLD), "x")["assessments"] == []
    assert js("copAssessment.readStore", "{not json", None, "x")["assessments"] == []


def test_the_export_reminder_comes_after_fourteen_days(js) -> None:  # type: ignore[no-untyped-def]
    t0 = 1_800_000_000_000
    store = {"version": 1, "current": "a1", "next": 2, "unexported": {},
             "assessments": [{"id": "a1", "name": "A", "answers": {}, "items": {}, "risks": {}}]}
    touched = js.page.evaluate("([s, t]) => { copAssessment.touch(s, 'a1', t); copAssessment.touch(s, 'a1', t + 5e8); return s; }",
                               [store, t0])
    assert js("copAssessment.reminder", touched, t0 + 14 * DAY - 1) == []
    assert js("copAssessment.reminder", touched, t0 + 14 * DAY) == ["a1"]


# --- export and import ----------------------------------------------------------

ASSESSMENTS = [
    {"id": "a1", "name": "Mobile network 2027", "answers": {"mobile-network": "yes", "hosting": "no"},
     "items": {"MNO-01": {"status": "done", "evidence": "Policy v2", "owner_role": "trust-safety", "due": "2027-03-01",
                          "updated": "2027-01-01T00:00:00.000Z"},
               "MNO-02": {"status": "not-applicable", "updated": "2027-01-01T00:00:00.000Z"},
               "ALL-02": {"status": "in-progress", "owner": "សុខា", "note": "", "updated": "2027-01-01T00:00:00.000Z"}},
     "risks": {"csam-response": {"likelihood": "high", "severity": "high", "remaining": "medium"}}},
    {"id": "a2", "name": "ការបង្ហោះទិន្នន័យ", "answers": {}, "items": {}, "risks": {}},
]


def test_the_export_is_canonical_carries_its_fingerprint_and_follows_its_schema(js, data: dict) -> None:  # type: ignore[no-untyped-def]
    out = js("copAssessment.exportDocument", ASSESSMENTS, data["release"])
    text = out["text"]
    assert text.endswith("}\n") and "\r" not in text
    doc = json.loads(text)
    assert text == json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert "exported" not in text and doc["release"] == {"version": data["release"]["version"],
                                                         "fingerprint": data["release"]["fingerprint"]}
    schema = json.loads((ROOT / "model/assessment.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(doc, schema)
    stated = doc.pop("fingerprint")
    assert stated == fingerprint.sha256(fingerprint.canonical(doc)) == out["fingerprint"]
    assert "note" not in doc["assessments"][0]["items"]["ALL-02"], "an empty value is exported"
    # Read back, then exported again: the same bytes.
    read = js("copAssessment.readFile", "assessments.json", text)
    assert read["kind"] == "assessments"
    again = js("copAssessment.exportDocument", read["assessments"], data["release"])
    assert again["text"] == text


BAD = [
    ({"version": "2.0.0"}, "error.version"),
    ({"assessments": [{"id": "a1", "name": "A", "answers": {}, "items": {"SM-01": {"status": "finished"}}, "risks": {}}]}, "error.item"),
    ({"assessments": [{"id": "a1", "name": "A", "answers": {}, "items": {"SM-01": {"due": "1/3/2027"}}, "risks": {}}]}, "error.item"),
    ({"assessments": [{"id": "a1", "name": "A", "answers": {}, "items": {}, "risks": {}, "extra": 1}]}, "error.field"),
    ({"assessments": [{"id": "a1", "name": "A", "answers": {"live": "maybe"}, "items": {}, "risks": {}}]}, "error.answer"),
    ({"assessments": [{"id": "a1", "name": "A", "answers": {}, "items": {}, "risks": {"x": {"likelihood": "huge"}}}]}, "error.risk"),
    ({"assessments": [{"id": "a1", "name": "A", "answers": {}, "items": {}, "risks": {}},
                      {"id": "a1", "name": "B", "answers": {}, "items": {}, "risks": {}}]}, "error.assessment_id"),
    ({"assessments": [{"id": "a1", "name": " ", "answers": {}, "items": {}, "risks": {}}]}, "error.assessment_name"),
]


@pytest.mark.parametrize(("change", "error"), BAD, ids=[error + str(i) for i, (_, error) in enumerate(BAD)])
def test_an_invalid_file_is_refused_whole(js, change: dict, error: str) -> None:  # type: ignore[no-untyped-def]
    doc = {"format": "cop-assessments", "version": "1.0.0", "schema": "assessment.schema.json",
           "release": {"version": "0.1.0", "fingerprint": "0" * 64}, "fingerprint": "0" * 64,
           "assessments": [{"id": "a1", "name": "A", "answers": {}, "items": {}, "risks": {}}]}
    doc.update(change)
    assert js("copAssessment.readFile", "x.json", json.dumps(doc))["error"] == error


def test_the_files_of_earlier_releases_still_import(js) -> None:  # type: ignore[no-untyped-def]
    old_json = {"format": "cop-self-assessment", "version": 1, "sector": "social-media", "lang": "km",
                "exported": "2026-12-01T00:00:00Z", "items": [
                    {"id": "SM-01", "title": "t", "status": "done", "status_label": "x", "note": "ឯកសារ"},
                    {"id": "SM-90", "status": "in-progress", "note": "retired since", "retired": True},
                    {"id": "XX-01", "status": "done"}]}
    read = js("copAssessment.readFile", "old.json", json.dumps(old_json))
    known = {"current": ["SM-01"], "retired": ["SM-90"]}
    rows = js("copAssessment.rowsToItems", read["rows"], known, 0)
    assert {k: {f: v for f, v in item.items() if f != "updated"} for k, item in rows["items"].items()} == {
        "SM-01": {"status": "done", "note": "ឯកសារ"}, "SM-90": {"status": "in-progress", "note": "retired since"}}
    assert [(s["number"], s["id"]) for s in rows["skipped"]] == [(3, "XX-01")]
    csv = '\ufeffid,title,key_area,status,status_label,note\r\nSM-01,t,k,done,Done,"a, ""b"""\r\nSM-02,t,k,maybe,,\r\n'
    refused = js("copAssessment.rowsToItems", js("copAssessment.readFile", "old.csv", csv)["rows"], known, 0)
    assert refused["error"] == "error.invalid" and refused["values"] == {"n": 3, "value": "maybe"}


def test_merge_keeps_what_the_file_leaves_out_and_adding_never_overwrites(js) -> None:  # type: ignore[no-untyped-def]
    into = ASSESSMENTS[0]
    incoming = {"id": "a1", "name": "Other", "answers": {"hosting": "yes"},
                "items": {"MNO-01": {"status": "in-progress"}, "SM-01": {"status": "done"}},
                "risks": {"csam-response": {"remaining": "low"}}}
    plan = js("copAssessment.mergePlan", into, incoming)
    assert plan == {"items": [{"id": "MNO-01", "fields": ["status"]}, {"id": "SM-01", "fields": ["status"]}],
                    "answers": ["hosting"], "risks": ["csam-response"]}
    merged = js("copAssessment.merge", into, incoming)
    assert merged["items"]["MNO-01"]["status"] == "in-progress" and merged["items"]["MNO-01"]["evidence"] == "Policy v2"
    assert merged["risks"]["csam-response"] == {"likelihood": "high", "severity": "high", "remaining": "low"}
    assert merged["name"] == into["name"] and merged["answers"] == {"mobile-network": "yes", "hosting": "yes"}
    store = {"version": 1, "current": "a1", "assessments": [into], "unexported": {}, "next": 2}
    added = js("copAssessment.addAll", store, [incoming], 0)
    assert [a["id"] for a in added["assessments"]] == ["a1", "a2"] and added["assessments"][0] == into


# --- the report's figures and the check --------------------------------------------

def test_the_report_counts_and_lists_without_judging(js, data: dict) -> None:  # type: ignore[no-untyped-def]
    a = ASSESSMENTS[0]
    figures = js("copAssessment.report", data, a, "2027-06-01")
    applying = {row["id"] for row in figures["applying"]}
    assert {"MNO-01", "MNO-04", "ALL-01"} <= applying and "SM-01" not in applying
    gaps = {row["id"]: row for row in figures["gaps"]}
    # Not applicable without its reason is a gap; done is not; the first gaps have due dates.
    assert "MNO-02" in gaps and gaps["MNO-02"]["unexplained"] and "MNO-01" not in gaps
    evidence = {row["id"]: row for row in figures["evidence"]}
    assert evidence["MNO-01"]["evidence"] == "Policy v2" and evidence["ALL-02"]["evidence"] == ""
    area = next(x for x in figures["areas"] if x["id"] == "safer-environment")
    assert area["counts"]["done"] == 1 and area["counts"]["total"] == sum(
        1 for c in data["commitments"] if c["id"] in applying and c["key_area"] == "safer-environment")
    assert set(figures["areas"][0]) == {"id", "name", "counts", "risk"}, "the report computes a judgement"


def test_answers_to_retired_commitments_are_kept_and_shown_as_retired(js, data: dict) -> None:  # type: ignore[no-untyped-def]
    retired = dict(data, retired={"SM-90": {"text": "SM-90 was retired in release 0.2.0.", "href": "history.md#release-0-2-0"}})
    a = dict(ASSESSMENTS[0], items={**ASSESSMENTS[0]["items"], "SM-90": {"status": "done", "evidence": "Old policy"}})
    figures = js("copAssessment.report", retired, a, "2027-06-01")
    assert figures["retired"] == [{"id": "SM-90", "text": "SM-90 was retired in release 0.2.0.", "href": "history.md#release-0-2-0",
                                   "status": "done", "note": "", "evidence": "Old policy"}]
    assert "SM-90" in js("copAssessment.exportDocument", [a], data["release"])["doc"]["assessments"][0]["items"]


def test_the_check_says_what_changed(js, data: dict) -> None:  # type: ignore[no-untyped-def]
    text = js("copAssessment.exportDocument", ASSESSMENTS, data["release"])["text"]
    same = js("copAssessment.checkFile", "a.json", text, data["release"])
    assert (same["format"], same["release"], same["answers"]) == ("current", "same", "same")
    edited = text.replace("Policy v2", "Policy v3")
    assert js("copAssessment.checkFile", "a.json", edited, data["release"])["answers"] == "changed"
    # Spacing is not a change: the fingerprint is over the canonical form.
    assert js("copAssessment.checkFile", "a.json", json.dumps(json.loads(text)), data["release"])["answers"] == "same"
    other = js("copAssessment.checkFile", "a.json", text, {"version": "9.9.9", "fingerprint": "f" * 64})
    assert other["release"] == "other" and other["release_version"] == data["release"]["version"]
    old = json.dumps({"format": "cop-self-assessment", "version": 1, "items": []})
    assert js("copAssessment.checkFile", "b.json", old, data["release"]) == {"format": "old"}
