"""The self-assessment import is all or nothing, in Chromium.

A file over the size limit, in another tool's format or with an invalid status
changes nothing; a refused save is reported in the page's language and never
announced as imported; a row without a status keeps the answer; IDs such as
``__proto__`` are skipped and listed like any unknown ID; retired IDs are kept;
formulas are neutralised in the CSV export, and importing that export gives
back the text. The site's own commitments.csv neutralises formulas too.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from shared_helpers import answers, choose

LABELS = yaml.safe_load((ROOT / "model/labels.yml").read_text(encoding="utf-8"))
SECTOR = "social-media"
browser_test = pytest.mark.browser


def url(server: str, lang: str = "en") -> str:
    return f"{server}/{'' if lang == 'en' else lang + '/'}checklists/{SECTOR}/"


def items(structure: dict) -> list[str]:
    return [cid for cid, entry in structure["commitments"].items() if SECTOR in entry["sectors"]]


def stored(page) -> dict:  # type: ignore[no-untyped-def]
    """The answers the browser keeps for the current assessment (assessment.js's store)."""
    return page.evaluate("""() => {
        const store = JSON.parse(localStorage.getItem('cop-assessments-v1') || '{"assessments": []}');
        const current = store.assessments.find(a => a.id === store.current);
        return current ? current.items : {};
    }""")


def upload(page, path: Path) -> str:  # type: ignore[no-untyped-def]
    """Import ``path``; the message the page shows about it."""
    page.locator("input[type=file][data-action=import]").set_input_files(str(path))
    message = page.locator(".cop-cl-message").filter(has_text=path.name)
    message.wait_for()
    return message.inner_text()


def label(lang: str, key: str, **values: str) -> str:
    text = LABELS[lang][f"checklist.{key}"]
    for name, value in values.items():
        text = text.replace("{" + name + "}", value)
    return text


@browser_test
def test_a_file_over_the_size_limit_changes_nothing(server: str, page, structure: dict, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cids = items(structure)
    page.goto(url(server))
    choose(page, cids[0], "done", "kept")
    big = tmp_path / "huge.csv"
    big.write_text("id,status,note\n" + f"{cids[0]},not-started,{'x' * 4_100_000}\n", encoding="utf-8")
    text = upload(page, big)
    assert "MB" in text and "at most 4 MB" in text and "Nothing was imported" in text
    assert answers(page)[cids[0]] == ("done", "kept")
    page.reload()
    assert answers(page)[cids[0]] == ("done", "kept")


@browser_test
def test_an_invalid_status_changes_nothing(server: str, page, structure: dict, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cids = items(structure)
    page.goto(url(server))
    choose(page, cids[0], "in-progress", "before")
    before = answers(page)
    file = tmp_path / "mixed.csv"
    file.write_text(f"id,status,note\n{cids[0]},done,after\n{cids[1]},done,\n{cids[2]},Done!,\n", encoding="utf-8")
    text = upload(page, file)
    assert "nothing was changed" in text and "Row 4" in text and "'Done!'" in text
    assert answers(page) == before
    page.reload()
    assert answers(page) == before


@browser_test
def test_another_tools_json_is_refused(server: str, page, structure: dict, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cids = items(structure)
    page.goto(url(server))
    file = tmp_path / "other.json"
    file.write_text(json.dumps({"items": [{"id": cids[0], "status": "done"}]}), encoding="utf-8")
    text = upload(page, file)
    assert text.startswith(label("en", "error.shape", name="other.json"))
    assert answers(page)[cids[0]] == ("", "") and stored(page) == {}


@browser_test
@pytest.mark.parametrize("lang", ["en", "km"])
def test_a_refused_save_is_reported_in_the_pages_language(server: str, page, structure: dict, tmp_path: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    cids = items(structure)
    page.goto(url(server, lang))
    choose(page, cids[0], "done", "saved before")
    # The browser's storage is full from now on.
    page.evaluate("""() => { Storage.prototype.setItem = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); }; }""")
    file = tmp_path / "answers.csv"
    file.write_text(f"id,status,note\n{cids[1]},done,x\n", encoding="utf-8")
    text = upload(page, file)
    assert text == label(lang, "error.storage", name="answers.csv")
    assert label(lang, "imported").split("{")[0] not in text
    assert answers(page)[cids[1]] == ("", ""), "the page shows answers the browser did not keep"
    # An answer given on the page is not silently lost either.
    choose(page, cids[2], "in-progress")
    page.locator(".cop-cl-message").filter(has_text=label(lang, "error.save")[:20]).wait_for()
    page.reload()
    saved = answers(page)
    assert saved[cids[0]] == ("done", "saved before") and saved[cids[1]] == ("", "")


@browser_test
def test_rows_without_a_status_keep_the_answers(server: str, page, structure: dict, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cids = items(structure)
    page.goto(url(server))
    choose(page, cids[0], "done", "evidence in the HR folder")
    choose(page, cids[1], "in-progress", "old note")
    file = tmp_path / "partial.csv"
    file.write_text(f"id,status,note\n{cids[0]},,\n{cids[1]},,new note\n{cids[2]},not-applicable,\n", encoding="utf-8")
    text = upload(page, file)
    assert "Imported 3 of 3 rows" in text
    shown = answers(page)
    assert shown[cids[0]] == ("done", "evidence in the HR folder")
    assert shown[cids[1]] == ("in-progress", "new note")
    assert shown[cids[2]] == ("not-applicable", "")


@browser_test
def test_prototype_ids_and_unknown_ids_are_skipped_and_listed(server: str, page, structure: dict, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cids = items(structure)
    page.goto(url(server))
    file = tmp_path / "hostile.json"
    rows = [{"id": "__proto__", "status": "done", "note": "x"}, {"id": "constructor", "status": "done"},
            {"id": "hasOwnProperty", "status": "done"}, {"id": "SM-99", "status": "done"},
            {"id": cids[0], "status": "done", "note": "real"}]
    file.write_text(json.dumps({"format": "cop-self-assessment", "version": 1, "items": rows}), encoding="utf-8")
    text = upload(page, file)
    assert "Imported 1 of 5 rows" in text
    listed = page.locator(".cop-cl-message li").all_inner_texts()
    assert [line.split(":")[0] for line in listed] == ["Row 1", "Row 2", "Row 3", "Row 4"]
    assert "__proto__ is not on this checklist" in listed[0] and "SM-99" in listed[3]
    assert answers(page)[cids[0]] == ("done", "real")
    assert set(stored(page)) == {cids[0]}
    assert page.evaluate("() => ({}).status === undefined && Object.prototype.note === undefined")


@browser_test
def test_retired_ids_are_recognised_and_kept(server: str, page, structure: dict, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The page lists retired IDs (the versions issue fills the list); an answer to one is kept."""
    cids = items(structure)

    def with_retired(route) -> None:  # type: ignore[no-untyped-def]
        response = route.fetch()
        block = re.compile(r'(<script type="application/json" id="cop-known-ids">)(.*?)(</script>)', re.S)
        match = block.search(response.text())
        assert match, "the page has no list of known IDs"
        known = json.loads(match[2])
        known["retired"].append("SM-90")
        body = response.text()[:match.start(2)] + json.dumps(known) + response.text()[match.end(2):]
        route.fulfill(response=response, body=body)

    page.route("**/checklists/social-media/", with_retired)
    page.goto(url(server))
    file = tmp_path / "old.csv"
    file.write_text(f"id,status,note\nSM-90,done,from an older version\n{cids[0]},done,\n", encoding="utf-8")
    text = upload(page, file)
    assert "Imported 2 of 2 rows" in text and "SM-90" not in text
    assert stored(page)["SM-90"]["note"] == "from an older version"


@browser_test
def test_formulas_are_neutralised_and_come_back_as_written(server: str, page, structure: dict, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cids = items(structure)
    notes = ['=HYPERLINK("https://evil.example/","click")', "+1 555 0100", "-5 days", "@SUM(A1:A9)", "'=quoted", "\tindented"]
    page.goto(url(server, "km"))
    for cid, note in zip(cids, notes):
        choose(page, cid, "done", note)
    before = answers(page)
    with page.expect_download() as info:
        page.locator("button[data-action='export-csv']").click()
    exported = tmp_path / "export.csv"
    info.value.save_as(exported)
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(exported.read_text(encoding="utf-8-sig")))}
    for cid, note in zip(cids, notes):
        assert rows[cid]["note"] == "'" + note, rows[cid]
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("button[data-action='clear']").click()
    upload(page, exported)
    assert answers(page) == before


def test_the_sites_csv_neutralises_formulas() -> None:
    from cop.exports import csv_cell, csv_text, to_csv

    for text in ["=1+1", "+x", "-x", "@x", "\tx", "\rx", "'=x", "''+x", "'plain", "plain", "", "'"]:
        assert csv_text(csv_cell(text)) == text
        assert not csv_cell(text).startswith(("=", "+", "-", "@", "\t", "\r"))
    record = {"id": "SM-01", "title": "=cmd|'/c calc'!A1", "translated": True, "key_area": {"id": "a", "name": "-a"},
              "all_sectors": False, "sectors": [], "roles": [], "partners": [], "references": [], "url": "x/",
              "canonical_url": None}
    row = next(csv.DictReader(io.StringIO(to_csv({"commitments": [record]}).decode("utf-8-sig"))))
    assert row["title"] == "'=cmd|'/c calc'!A1" and row["key_area_name"] == "'-a"
