"""Checklist pages: each sector's checklist lists exactly the commitments the
model gives it, in both languages, with the evidence part of each commitment's
own section; the role filter shows exactly a role's commitments in Chromium;
the self-assessment survives a reload, round-trips through CSV and JSON export
and import, reports bad input and works in the offline copy from disk; the
page prints without the site's chrome; and scripts/pdf.py prints A4 PDFs that
the build can publish."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from built import soup, targets
from cop import downloads
from shared_helpers import answers, choose, embedded_fonts, pdf_texts
from conftest import LANGS, ROOT, Project, mkdocs_build, page_path
from searching import read_index  # the per-language search index

LABELS = yaml.safe_load((ROOT / "model/labels.yml").read_text(encoding="utf-8"))
KHMER_NOTE = "ឯកសារភស្តុតាងនៅក្នុងថតរួម, \"v2\""  # Khmer, a comma and quotes: CSV must quote it


def expected_items(structure: dict, sector: str, role: str | None = None) -> list[str]:
    """The commitments of a sector's checklist (of one role's), from commitments.yml."""
    return [cid for cid, entry in structure["commitments"].items()
            if sector in entry["sectors"] and (role is None or role in entry["roles"])]


def checklist_url(lang: str, sector: str) -> str:
    return f"/{LANGS[lang]}checklists/{sector}/"


def text_of(elements) -> str:  # type: ignore[no-untyped-def]
    """Visible words of some elements, footnote marks left out, spaces normalised."""
    words = []
    for element in elements:
        for mark in element.select("sup"):
            mark.extract()
        words.append(element.get_text(" ", strip=True))
    return " ".join(" ".join(words).split())


# --- The engine -----------------------------------------------------------


def test_scan_keeps_each_part_up_to_the_next_part() -> None:
    from cop.scan import scan

    text = ("# Page\n\n## SM-01 One\n\n### Why\n\nBecause.\n\n### Evidence\n\n- A log.\n\n"
            "```\n### not a heading\n```\n#### Detail\nMore.\n\n## SM-02 Two\n\n### Evidence\n\nLast.\n")
    first, second = scan(text, "docs/x.md").sections
    assert first.part("Why") == "Because."
    assert first.part("Evidence") == "- A log.\n\n```\n### not a heading\n```\n#### Detail\nMore."
    assert second.part("Evidence") == "Last." and second.part("Why") is None


# --- The built HTML -----------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_each_checklist_lists_exactly_its_sector_commitments(site: Path, structure: dict, lang: str) -> None:
    for sector in structure["sectors"]:
        file = page_path(site, lang, f"checklists/{sector}.md")
        page = soup(file)
        checklist = page.select_one(".cop-checklist")
        assert checklist is not None and checklist["data-sector"] == sector, f"{file} has no checklist of {sector}"
        items = checklist.select(".cop-cl-item")
        listed = [item["data-id"] for item in items]
        expected = expected_items(structure, sector)
        assert sorted(listed) == sorted(expected), f"{sector} ({lang}): listed {listed}, model says {expected}"
        assert len(set(listed)) == len(listed), f"{sector} ({lang}) lists a commitment twice"
        for item in items:
            entry = structure["commitments"][item["data-id"]]
            assert item["data-roles"].split() == entry["roles"], f"{item['data-id']} on {sector} ({lang}): wrong roles"
            area = item.find_parent("section")
            assert area["data-key-area"] == entry["key_area"] and area.h2["id"] == f"ka-{entry['key_area']}", \
                f"{item['data-id']} on {sector} ({lang}) is not under its key area"


@pytest.mark.parametrize("lang", LANGS)
def test_checklist_items_quote_the_evidence_and_link_to_the_full_text(site: Path, structure: dict, lang: str) -> None:
    """The evidence is the commitment's own "How to show it is done", word for word."""
    for sector in ("social-media", "data-hosting"):
        file = page_path(site, lang, f"checklists/{sector}.md")
        for item in soup(file).select(".cop-cl-item"):
            cid = item["data-id"]
            full = [t for t in targets(site, file, item.select_one(".cop-cl-full")) if t[1] == cid]
            assert len(full) == 1, f"{cid} on {sector} ({lang}) has no link to its full text"
            target = full[0][0]
            heading = soup(target).find(id=f"{cid}-evidence")
            assert heading is not None, f"{cid}'s full text ({target}) has no evidence part"
            section = []
            for sibling in heading.find_next_siblings():
                if sibling.name in ("h2", "h3") or "footnote" in sibling.get("class", []):
                    break  # the next part, or the page's footnotes
                section.append(sibling)
            quoted = text_of(item.select(".cop-cl-evidence > *"))
            assert quoted and quoted == text_of(section), f"{cid} on {sector} ({lang}) misquotes its evidence"
            roles = {t[0].parent.name for t in targets(site, file, item) if "/roles/" in t[0].as_posix()}
            assert roles == set(structure["commitments"][cid]["roles"]), f"{cid} on {sector} ({lang}): role links"


@pytest.mark.parametrize("lang", LANGS)
def test_role_chooser_offers_the_roles_that_carry_the_sector(site: Path, structure: dict, lang: str) -> None:
    for sector in structure["sectors"]:
        page = soup(page_path(site, lang, f"checklists/{sector}.md"))
        offered = [re.sub(r".*\?role=", "", a["href"]) for a in page.select(".cop-cl-roles a[href*='?role=']")]
        carrying = {role for cid in expected_items(structure, sector) for role in structure["commitments"][cid]["roles"]}
        assert offered == [r for r in structure["roles"] if r in carrying], f"{sector} ({lang}) offers {offered}"


@pytest.mark.parametrize("lang", LANGS)
def test_role_pages_link_to_their_checklist_in_each_sector(site: Path, structure: dict, lang: str) -> None:
    for role in structure["roles"]:
        file = page_path(site, lang, f"roles/{role}.md")
        anchors = soup(file).select("a[href*='?role=']")
        assert all(a["href"].endswith(f"?role={role}") for a in anchors), f"roles/{role} ({lang}) links to another role"
        paragraphs = {id(a.parent): a.parent for a in anchors}.values()
        linked = {t[0] for p in paragraphs for t in targets(site, file, p)}
        sectors = {s for entry in structure["commitments"].values() if role in entry["roles"] for s in entry["sectors"]}
        assert linked == {page_path(site, lang, f"checklists/{s}.md") for s in sectors}, \
            f"roles/{role} ({lang}) links to checklists {sorted(str(p) for p in linked)}"
        assert len(anchors) == len(sectors)


@pytest.mark.parametrize("lang", LANGS)
def test_checklists_index_lists_every_sector(site: Path, structure: dict, lang: str) -> None:
    file = page_path(site, lang, "checklists/index.md")
    linked = [t[0].parent.name for t in targets(site, file, soup(file).select_one("article"))
              if t[0].parent.parent.name == "checklists"]
    assert [s for s in structure["sectors"] if s in linked] == structure["sectors"]


def test_checklists_are_found_by_title_only(site: Path) -> None:
    """They repeat the commitments' text, which search finds on the commitment
    pages; each checklist is in the index by its title and first paragraph only."""
    locations = [doc[0] for lang in ("en", "km")
                 for doc in read_index(site / f"search/cop-index.{lang}.js")["docs"]]
    assert "checklists/" in locations and "km/checklists/" in locations
    sectors = [loc for loc in locations if re.match(r"(km/)?checklists/.+/", loc)]
    assert len(sectors) == len(set(sectors)) == 12, sectors
    assert not any("#" in loc for loc in sectors), "a checklist's sections are in the search index"


# --- In Chromium ----------------------------------------------------------

browser_test = pytest.mark.browser

FILTERED = [("en", "social-media", "trust-safety"), ("km", "data-hosting", "legal-compliance"),
            ("km", "app-developers", "product-engineering"), ("en", "mobile-operators", "customer-support")]


@browser_test
@pytest.mark.parametrize(("lang", "sector", "role"), FILTERED)
def test_role_filter_shows_exactly_the_roles_commitments(server: str, page, structure: dict, lang: str, sector: str, role: str) -> None:  # type: ignore[no-untyped-def]
    expected = expected_items(structure, sector, role)
    assert expected, "pick a sector and role with commitments"
    page.goto(server + checklist_url(lang, sector))
    assert len(page.locator(".cop-cl-item:visible").all()) == len(expected_items(structure, sector))
    page.locator(f".cop-cl-roles a[href$='?role={role}']").click()
    page.wait_for_url(re.compile(rf"\?role={role}$"))
    visible = [e.get_attribute("data-id") for e in page.locator(".cop-cl-item:visible").all()]
    assert sorted(visible) == sorted(expected)
    digits = LABELS[lang]["digits"]
    count = f"{len(expected)}".translate(str.maketrans("0123456789", digits))
    total = f"{len(expected_items(structure, sector))}".translate(str.maketrans("0123456789", digits))
    showing = page.locator(".cop-cl-showing").inner_text()
    assert count in showing and total in showing, showing
    assert page.locator(f".cop-cl-roles a[href$='?role={role}']").get_attribute("aria-current") == "page"
    # Key areas with none of the role's commitments are hidden with them.
    areas = {structure["commitments"][cid]["key_area"] for cid in expected}
    shown = {e.get_attribute("data-key-area") for e in page.locator(".cop-cl-area:visible").all()}
    assert shown == areas


def summary(page) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The progress table's total row: status -> count as shown."""
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll(
        '.cop-cl-progress tr[data-key-area=""] td')].map(td => [td.dataset.status, td.textContent]))""")


@browser_test
def test_self_assessment_takes_its_room_before_its_script_runs(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    """With script on, the tools and status controls are laid out
    before checklist.js runs (it is held back here), so the page does not
    move when it does; with script off, they are not shown at all."""
    url = f"{server}/checklists/social-media/"
    held = browser.new_context(viewport={"width": 390, "height": 844})
    held.route("**/checklist.js", lambda route: route.abort())
    tab = held.new_page()
    tab.goto(url)
    try:
        assert tab.locator(".cop-cl-note-print").count() == 0, "checklist.js ran though it was held back"
        assert tab.locator(".cop-cl-tools").is_visible()
        assert tab.locator(".cop-cl-status").first.is_visible()
        before = tab.locator(".cop-cl-item").last.bounding_box()
    finally:
        held.close()
    ran = browser.new_context(viewport={"width": 390, "height": 844})
    tab = ran.new_page()
    tab.goto(url)
    try:
        tab.locator(".cop-cl-note-print").first.wait_for(state="attached")
        after = tab.locator(".cop-cl-item").last.bounding_box()
    finally:
        ran.close()
    assert before and after and abs(before["y"] - after["y"]) < 2, f"the last item moved from {before} to {after}"
    off = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    tab = off.new_page()
    tab.goto(url)
    try:
        assert tab.locator(".cop-cl-item").first.is_visible()
        assert not tab.locator(".cop-cl-tools").is_visible() and not tab.locator(".cop-cl-status").first.is_visible()
    finally:
        off.close()


@browser_test
def test_self_assessment_survives_reload_and_is_shared_across_languages(server: str, page, structure: dict) -> None:  # type: ignore[no-untyped-def]
    sm = expected_items(structure, "social-media")
    shared = next(cid for cid in sm if cid in expected_items(structure, "data-hosting"))
    own = next(cid for cid in sm if cid not in expected_items(structure, "data-hosting"))
    page.goto(server + checklist_url("en", "social-media"))
    choose(page, shared, "done", "Signed policy in the HR folder")
    choose(page, own, "in-progress")
    assert summary(page) == {"done": "1", "in-progress": "1", "not-started": str(len(sm) - 2),
                             "not-applicable": "0", "": str(len(sm))}
    page.reload()
    state = answers(page)
    assert state[shared] == ("done", "Signed policy in the HR folder") and state[own] == ("in-progress", "")
    assert {cid for cid, (status, _) in state.items() if status} == {shared, own}
    # The same commitment in another sector and language shares its status.
    page.goto(server + checklist_url("km", "data-hosting"))
    assert answers(page)[shared] == ("done", "Signed policy in the HR folder")
    assert summary(page)["done"] == LABELS["km"]["digits"][1]


def export(page, action: str, folder: Path) -> Path:  # type: ignore[no-untyped-def]
    with page.expect_download() as info:
        page.locator(f"button[data-action='{action}']").click()
    download = info.value
    target = folder / download.suggested_filename
    download.save_as(target)
    return target


def clear(page) -> None:  # type: ignore[no-untyped-def]
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("button[data-action='clear']").click()


@browser_test
@pytest.mark.parametrize("kind", ["csv", "json"])
def test_export_clear_import_round_trip(server: str, page, structure: dict, tmp_path: Path, kind: str) -> None:  # type: ignore[no-untyped-def]
    cids = expected_items(structure, "social-media")
    page.goto(server + checklist_url("km", "social-media"))
    choose(page, cids[0], "done", KHMER_NOTE)
    choose(page, cids[1], "not-applicable", "line one\nline two")
    choose(page, cids[-1], "in-progress")
    before = answers(page)
    file = export(page, f"export-{kind}", tmp_path)
    assert re.fullmatch(rf"self-assessment-social-media-\d{{4}}-\d{{2}}-\d{{2}}\.{kind}", file.name)
    text = file.read_text(encoding="utf-8-sig")
    if kind == "json":
        # The current assessment, whole, in the assessments' format (assessment.schema.json).
        doc = json.loads(text)
        assert doc["format"] == "cop-assessments" and len(doc["assessments"]) == 1
        rows = doc["assessments"][0]["items"]
        assert set(rows) == {cids[0], cids[1], cids[-1]} and rows[cids[0]]["note"] == KHMER_NOTE
    else:
        assert text.splitlines()[0] == "id,title,key_area,status,status_label,note,owner,due,evidence,reason"
        assert '"' + KHMER_NOTE.replace('"', '""') + '"' in text
    clear(page)
    assert all(answer == ("", "") for answer in answers(page).values())
    page.reload()
    assert all(answer == ("", "") for answer in answers(page).values()), "clear did not reach the storage"
    page.locator("input[type=file][data-action=import]").set_input_files(str(file))
    message = page.locator(".cop-cl-message")
    digits = str.maketrans("0123456789", LABELS["km"]["digits"])
    # A CSV's rows are counted; the assessment in a JSON file is merged whole.
    done = (str(len(cids)).translate(digits) if kind == "csv"
            else LABELS["km"]["assessment.imported.merged"].replace("{name}", file.name))
    message.filter(has_text=done).wait_for()
    assert answers(page) == before
    page.reload()
    assert answers(page) == before, "the import was not saved"


@browser_test
def test_bad_import_says_which_rows_were_ignored_and_why(server: str, page, structure: dict, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cids = expected_items(structure, "content-creators")
    foreign = next(cid for cid in structure["commitments"] if cid not in cids)
    csv = tmp_path / "answers.csv"
    csv.write_text("id,status,note\n"
                   f"{cids[0]},done,fine\n"
                   f"{foreign},done,not on this checklist\n"
                   ",done,no id\n", encoding="utf-8")
    page.goto(server + checklist_url("en", "content-creators"))
    page.locator("input[type=file][data-action=import]").set_input_files(str(csv))
    message = page.locator(".cop-cl-message.cop-cl-error")
    message.wait_for()
    text = message.inner_text()
    assert "1 of 3 rows" in text and "answers.csv" in text
    rows = message.locator("li").all_inner_texts()
    assert len(rows) == 2
    assert rows[0].startswith("Row 3") and foreign in rows[0] and "another sector's checklist" in rows[0]
    assert rows[1].startswith("Row 4")
    assert answers(page)[cids[0]] == ("done", "fine")

    # An invalid status: the whole file is refused, and the row named.
    wrong = tmp_path / "wrong.csv"
    wrong.write_text(f"id,status,note\n{cids[1]},done,fine\n{cids[2]},finished,wrong status\n", encoding="utf-8")
    page.locator("input[type=file][data-action=import]").set_input_files(str(wrong))
    message.filter(has_text="wrong.csv").wait_for()
    rows = message.locator("li").all_inner_texts()
    assert len(rows) == 1 and rows[0].startswith("Row 3") and "'finished'" in rows[0]
    assert answers(page)[cids[1]] == ("", "") and answers(page)[cids[0]] == ("done", "fine")

    broken = tmp_path / "broken.json"
    broken.write_text('{"items": [', encoding="utf-8")
    page.locator("input[type=file][data-action=import]").set_input_files(str(broken))
    message.filter(has_text="broken.json").wait_for()
    assert "not valid JSON" in message.inner_text()

    no_header = tmp_path / "plain.csv"
    no_header.write_text(f"{cids[0]},done\n", encoding="utf-8")
    page.locator("input[type=file][data-action=import]").set_input_files(str(no_header))
    message.filter(has_text="plain.csv").wait_for()
    assert "header row" in message.inner_text()


@browser_test
def test_khmer_import_messages_are_in_khmer(server: str, page, structure: dict, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cids = expected_items(structure, "internet-service-providers")
    csv = tmp_path / "x.csv"
    csv.write_text(f"id,status,note\n{cids[0]},maybe,\n", encoding="utf-8")
    page.goto(server + checklist_url("km", "internet-service-providers"))
    page.locator("input[type=file][data-action=import]").set_input_files(str(csv))
    row = page.locator(".cop-cl-message li")
    row.wait_for()
    template = LABELS["km"]["checklist.row"]
    assert row.inner_text().startswith(template.split("{n}")[0] + LABELS["km"]["digits"][2])
    assert not re.search(r"[A-Za-z]{4,}", row.inner_text().replace("maybe", "").replace("done", "")
                         .replace("in-progress", "").replace("not-started", "").replace("not-applicable", ""))


@browser_test
def test_print_hides_the_chrome_and_keeps_the_items(server: str, page, structure: dict) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + checklist_url("km", "social-media") + "?role=trust-safety")
    cid = expected_items(structure, "social-media", "trust-safety")[0]
    choose(page, cid, "done", KHMER_NOTE)
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer",
                   ".cop-cl-roles", ".cop-cl-actions", f"#item-{cid} textarea"):
        assert page.locator(chrome).first.is_hidden(), f"{chrome} shows in print"
    # The filter holds in print: exactly the role's items.
    visible = [e.get_attribute("data-id") for e in page.locator(".cop-cl-item:visible").all()]
    assert sorted(visible) == sorted(expected_items(structure, "social-media", "trust-safety"))
    item = page.locator(f"#item-{cid}")
    assert item.locator("input[value=done]").is_checked() and item.locator(".cop-cl-status").is_visible()
    assert item.locator(".cop-cl-note-print").inner_text() == KHMER_NOTE
    assert page.locator(".cop-cl-area:visible").nth(1).evaluate("e => getComputedStyle(e).breakBefore") == "page"
    assert item.evaluate("e => getComputedStyle(e).breakInside") == "avoid"
    family = item.evaluate("e => getComputedStyle(e).fontFamily")
    assert "Khmer" in family.split(",")[0], family


@browser_test
def test_self_assessment_works_from_disk(page, offline_site: Path, structure: dict) -> None:  # type: ignore[no-untyped-def]
    url = (offline_site / "km/checklists/mobile-operators.html").as_uri()
    role = "customer-support"
    page.goto(url + f"?role={role}")
    visible = [e.get_attribute("data-id") for e in page.locator(".cop-cl-item:visible").all()]
    assert sorted(visible) == sorted(expected_items(structure, "mobile-operators", role))
    choose(page, visible[0], "done", KHMER_NOTE)
    page.reload()
    assert answers(page)[visible[0]] == ("done", KHMER_NOTE)


# --- PDFs -------------------------------------------------------------------


@browser_test
@pytest.mark.parametrize("lang", LANGS)
def test_pdf_is_an_a4_checklist_with_its_commitments(pdfs: Path, structure: dict, lang: str) -> None:
    from pypdf import PdfReader

    for sector in structure["sectors"]:
        assert downloads.pdf_path(pdfs, lang, sector).is_file(), f"no {lang} PDF for {sector}"
    path = pdfs / lang / "checklist-app-developers.pdf"
    assert path.read_bytes().startswith(b"%PDF-")
    reader = PdfReader(path)
    for pdf_page in reader.pages:
        width, height = float(pdf_page.mediabox.width), float(pdf_page.mediabox.height)
        assert abs(width - 595.3) < 1.5 and abs(height - 841.9) < 1.5, f"{path.name} page is {width}x{height} pt"
    text = "".join(pdf_texts(path))
    missing = [cid for cid in expected_items(structure, "app-developers") if cid not in text]
    assert not missing, f"{path.name} lacks {missing}"
    assert len(reader.pages) >= len({structure["commitments"][c]["key_area"] for c in expected_items(structure, "app-developers")})
    fonts = embedded_fonts(reader)
    assert fonts, f"{path.name} embeds no font"
    if lang == "km":
        assert any("Khmer" in name for name in fonts), f"no Khmer font embedded in {path.name}: {fonts}"


@browser_test
def test_build_publishes_the_pdfs_and_links_each_checklist_to_its_own(pdfs: Path, site: Path, full_site: Path,
                                                                      structure: dict) -> None:
    assert not soup(page_path(site, "en", "checklists/social-media.md")).select(".cop-cl-pdf"), \
        "without COP_PDFS no checklist may link to a PDF"
    for lang in LANGS:
        for sector in structure["sectors"]:
            file = page_path(full_site, lang, f"checklists/{sector}.md")
            links = soup(file).select(".cop-cl-pdf a[href$='.pdf']")
            assert len(links) == 1, f"{file} has {len(links)} PDF links"
            (target, _, text), = targets(full_site, file, links[0].parent)
            assert target.read_bytes() == downloads.pdf_path(pdfs, lang, sector).read_bytes()
            size = round(downloads.pdf_path(pdfs, lang, sector).stat().st_size / 1000)
            assert str(size).translate(str.maketrans("0123456789", LABELS[lang]["digits"])) in text


# --- Bad input ------------------------------------------------------------


def test_missing_pdf_stops_the_build(project: Project, tmp_path: Path) -> None:
    folder = tmp_path / "pdf"
    (folder / "en").mkdir(parents=True)
    (folder / "en" / "checklist-social-media.pdf").write_bytes(b"%PDF-1.4\n")
    result = mkdocs_build(project.root, project.root / "site", COP_PDFS=str(folder))
    assert result.returncode != 0
    assert "km/checklist-social-media.pdf" in result.output and "en/checklist-data-hosting.pdf" in result.output
    assert "Fix: make them first: .venv/bin/python scripts/pdf.py" in result.output


def test_checklist_directive_outside_a_checklist_page(project: Project) -> None:
    project.replace("docs/about.md", "\n\n", "\n\n<!-- cop:checklist -->\n\n")
    line = project.line_of("docs/about.md", "<!-- cop:checklist -->")
    result = project.build()
    assert result.returncode != 0
    assert f"docs/about.md:{line}: '<!-- cop:checklist -->' only works on a sector's checklist page" in result.output


def test_sector_without_a_checklist_page(project: Project) -> None:
    project.path("docs/checklists/data-hosting.md").unlink()
    project.path("docs/checklists/data-hosting.km.md").rename(project.path("docs/checklists/data-hostng.km.md"))
    result = project.build()
    assert result.returncode != 0
    assert "sector 'data-hosting' has no checklist page docs/checklists/data-hosting.md" in result.output
    assert "checklist page for unknown sector 'data-hostng'" in result.output
