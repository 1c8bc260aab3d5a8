"""The assessments through the interface, as a compliance officer uses them:
one complete flow on the published site in English and one on the offline
copy opened from disk in Khmer. A flow answers the questionnaire, reads what
applies and why, makes two named assessments, records evidence and risk,
prints the report on A4, exports, imports into a fresh browser, gets the same
report, fingerprints and file back, and has the check page recognise the
file; no request leaves the site. Then: the self-assessment of earlier
releases upgrades with nothing lost, the export reminder follows the clock,
and SHA-256 works on plain http on an address that is not the loopback."""

from __future__ import annotations

import gzip
import json
import re
import socket
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from conftest import ROOT
from shared_helpers import pdf_texts
from test_accessibility import DESKTOP, PHONE, axe_report

pytestmark = pytest.mark.browser

LABELS = yaml.safe_load((ROOT / "model/labels.yml").read_text(encoding="utf-8"))
KIB = 1024
FIRST_LOAD_LIMIT = 150 * KIB
# A fixed clock: the report's date, the answers' times and the reminder.
NOW = "2027-03-15T09:00:00Z"
DAY_MS = 24 * 3600 * 1000


def label(lang: str, key: str, **values: object) -> str:
    text = LABELS[lang][key]
    digits = str.maketrans("0123456789", LABELS[lang]["digits"])
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value).translate(digits) if isinstance(value, int) else str(value))
    return text


class Site:
    """Addresses of one copy of the site: served (``/x/``) or from disk (``x.html``)."""

    def __init__(self, url: Callable[[str], str], lang: str) -> None:
        self.url, self.lang = url, lang

    def go(self, tab, page: str) -> None:  # type: ignore[no-untyped-def]
        tab.goto(self.url(page))
        tab.wait_for_function("() => document.getElementById('cop-assessment-data')?.hasAttribute('data-ready')")


def served(server: str, lang: str) -> Site:
    prefix = "" if lang == "en" else f"{lang}/"
    return Site(lambda page: f"{server}/{prefix}{page}/", lang)


def from_disk(folder: Path, lang: str) -> Site:
    base = folder if lang == "en" else folder / lang
    return Site(lambda page: (base / f"{page}.html").as_uri(), lang)


def fresh(browser, viewport: dict = DESKTOP):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=viewport, accept_downloads=True)
    context.clock.set_fixed_time(NOW)
    return context


def data_of(tab) -> dict:  # type: ignore[no-untyped-def]
    return tab.evaluate("() => JSON.parse(document.getElementById('cop-assessment-data').textContent)")


def download(tab, selector: str, folder: Path) -> Path:  # type: ignore[no-untyped-def]
    with tab.expect_download() as info:
        tab.locator(selector).click()
    target = folder / info.value.suggested_filename
    info.value.save_as(target)
    return target


def create(tab, name: str) -> None:  # type: ignore[no-untyped-def]
    tab.fill("input[name=assessment-name]", name)
    tab.click("button[data-action=create]")
    tab.locator(".cop-as-list label", has_text=name).locator("input:checked").wait_for()


def report_text(tab) -> str:  # type: ignore[no-untyped-def]
    # textContent: innerText leaves out the parts a screen has not laid out
    # yet (content-visibility: auto, assessment.css).
    return tab.locator(".cop-rp-body").text_content()


def flow(browser, site: Site, folder: Path, requests: list[str], viewport: dict) -> None:  # type: ignore[no-untyped-def]
    lang = site.lang
    context = fresh(browser)
    context.on("request", lambda request: requests.append(request.url))
    tab = context.new_page()

    # 1. Two named assessments, each with its answers to the questionnaire.
    site.go(tab, "assessment")
    data = data_of(tab)
    questions = {q["id"]: q for q in data["questions"]}
    tab.locator(".cop-as-saved").filter(has_text=label(lang, "assessment.saved_here")[:30]).wait_for()
    create(tab, "Hosting 2027")
    tab.check("input[name=q-hosting][value=yes]")
    # Duplicated, renamed, deleted: the list follows, and the current one is named.
    tab.fill("input[name=assessment-name]", "Hosting copy")
    tab.click("button[data-action=duplicate]")
    tab.locator(".cop-as-list label", has_text="Hosting copy").locator("input:checked").wait_for()
    assert tab.locator("input[name=q-hosting][value=yes]").is_checked(), "the copy lost its answers"
    tab.fill("input[name=assessment-name]", "Scratch")
    tab.click("button[data-action=rename]")
    tab.locator(".cop-as-list label", has_text="Scratch").wait_for()
    tab.once("dialog", lambda dialog: dialog.accept())
    tab.click("button[data-action=delete]")
    tab.locator(".cop-as-message", has_text="Scratch").wait_for()
    assert tab.locator(".cop-as-list label").count() == 1
    create(tab, "Mobile network 2027")
    for question, answer in (("mobile-network", "yes"), ("internet-access", "yes"), ("hosting", "no"),
                             ("children-use", "unsure")):
        tab.check(f"input[name=q-{question}][value={answer}]")

    # 2. What applies, and why; a legal duty the answers leave out is listed with its basis.
    result = tab.locator(".cop-as-result")
    applying = result.locator(".cop-as-applying")
    applying.locator("summary").click()
    mno = applying.locator("li[data-id='MNO-04']")
    assert questions["mobile-network"]["reason"] in mno.inner_text()
    # "Could children use it?" does not bring social-media commitments to a network alone.
    assert applying.locator("li[data-id='SM-01']").count() == 0 and "children-use" in questions
    assert label(lang, "assessment.reason_all") in applying.locator("li[data-id='ALL-05']").inner_text()
    assert applying.locator("li[data-id='SM-03']").count() == 0
    legal = result.locator(".cop-as-legal li[data-id='DH-02']")
    assert questions["hosting"]["text"] in legal.inner_text()
    assert label(lang, "assessment.result.legal_basis", laws="")[:8] in legal.inner_text()
    count = tab.evaluate("""(answers) => Object.keys(copAssessment.applicability(
        JSON.parse(document.getElementById('cop-assessment-data').textContent), answers).applies).length""",
                         {"mobile-network": "yes", "internet-access": "yes", "hosting": "no", "children-use": "unsure"})
    assert label(lang, "assessment.result.count", n=count, total=len(data["commitments"])) in result.inner_text()

    # 3. Risk, entered by the company, with the share done beside it.
    for dimension, level in (("likelihood", "high"), ("severity", "high"), ("remaining", "medium")):
        tab.check(f"input[name=risk-csam-response-{dimension}][value={level}]")

    # 4. Evidence per commitment, on the checklist.
    site.go(tab, "checklists/mobile-operators")
    assert tab.locator(".cop-cl-assessment-name").inner_text() == "Mobile network 2027"
    role = data["roles"]["trust-safety"]
    item = tab.locator("#item-MNO-01")
    item.locator("input[value=done]").check()
    item.locator(".cop-cl-more summary").click()
    item.locator("[data-field=owner]").fill(role)
    item.locator("[data-field=evidence]").fill("Policy v2 ឯកសារ")
    item.locator("[data-field=due]").fill("2027-01-31")
    late = tab.locator("#item-MNO-03")
    late.locator("input[value=in-progress]").check()
    late.locator(".cop-cl-more summary").click()
    late.locator("[data-field=owner]").fill("Sokha")
    late.locator("[data-field=due]").fill("2027-02-01")
    na = tab.locator("#item-MNO-02")
    na.locator("input[value=not-applicable]").check()
    assert na.locator(".cop-cl-reason-needed").is_visible(), "a missing reason is not said"
    na.locator("[data-field=reason]").fill("No SIM cards sold to consumers")
    assert na.locator(".cop-cl-reason-needed").is_hidden()

    # 5. The report, on screen and printed on A4.
    site.go(tab, "report")
    assert tab.locator("select[name=cop-rp-assessment] option:checked").inner_text() == "Mobile network 2027"
    body = tab.locator(".cop-rp-body")
    assert label(lang, "assessment.report.title", name="Mobile network 2027") in body.text_content()
    assert body.locator(".cop-rp-release-fp").text_content() == data["release"]["fingerprint"]
    gaps = body.locator(".cop-rp-gaps tr", has_text="MNO-03").text_content()
    assert "Sokha" in gaps and label(lang, "assessment.report.past_due") in gaps
    evidence = body.locator(".cop-rp-evidence tr", has_text="MNO-01").text_content()
    assert "Policy v2 ឯកសារ" in evidence and role in evidence
    assert label(lang, "assessment.report.no_evidence") in body.locator(".cop-rp-evidence").text_content()
    risk = body.locator(".cop-rp-risk tr", has_text=data["key_areas"][1][1]).text_content()
    assert risk.count(data["levels"]["high"]) == 2 and data["levels"]["medium"] in risk
    chart = body.locator("svg.cop-rp-chart[role=img]")
    assert chart.get_attribute("aria-labelledby") == "cop-rp-chart-title cop-rp-chart-desc"
    assert data["key_areas"][0][1] in chart.locator("desc").text_content()
    assert body.locator(".cop-rp-legal li[data-id='DH-02']").count() == 1
    assert data["identity"] in body.text_content()
    first_report, answers_fp = report_text(tab), body.locator(".cop-rp-answers-fp").inner_text()
    # axe on the report with answers in it (test_accessibility.py sees it empty):
    # at desktop width in one flow, at phone width in the other.
    tab.set_viewport_size(viewport)
    tab.add_style_tag(content=".md-typeset .cop-rp-part { content-visibility: visible; }")  # every part checked
    problems = axe_report(tab)
    assert not problems, f"axe-core finds problems on the report at {viewport['width']}px:\n{problems}"
    tab.set_viewport_size(DESKTOP)
    tab.emulate_media(media="print")
    assert tab.locator(".cop-rp-controls").is_hidden() and tab.locator(".md-sidebar--primary").first.is_hidden()
    pdf = folder / f"report-{lang}.pdf"
    pdf.write_bytes(tab.pdf(format="A4", print_background=True))
    tab.emulate_media(media="screen")
    reader = PdfReader(pdf)
    for sheet in reader.pages:
        assert abs(float(sheet.mediabox.width) - 595.3) < 1.5 and abs(float(sheet.mediabox.height) - 841.9) < 1.5
    printed = " ".join(" ".join(pdf_texts(pdf)).split())
    assert "Mobile network 2027" in printed and "MNO-03" in printed and data["release"]["fingerprint"] in printed

    # 6. Export everything.
    site.go(tab, "assessment")
    exported = download(tab, "button[data-action=export-all]", folder)
    context.close()

    # 7. A fresh browser: import, the same report and fingerprints, the same file.
    other = fresh(browser)
    other.on("request", lambda request: requests.append(request.url))
    tab = other.new_page()
    site.go(tab, "assessment")
    tab.locator("input[type=file][data-action=import]").set_input_files(str(exported))
    preview = tab.locator(".cop-as-preview")
    preview.locator(".cop-as-preview-title").wait_for()
    assert "Hosting 2027" in preview.inner_text() and "Mobile network 2027" in preview.inner_text()
    assert tab.evaluate("() => localStorage.getItem('cop-assessments-v1')") is None, "the preview changed something"
    tab.click("button[data-action=import-apply]")
    preview.filter(has_text=label(lang, "assessment.imported.added", name=exported.name)).wait_for()
    again = download(tab, "button[data-action=export-all]", folder / "again")
    assert again.read_bytes() == exported.read_bytes(), "export, import, export is not the same file"
    site.go(tab, "report")
    tab.locator("select[name=cop-rp-assessment]").select_option(label="Mobile network 2027")
    tab.locator(".cop-rp-body", has_text="Mobile network 2027").wait_for()
    assert report_text(tab) == first_report
    assert tab.locator(".cop-rp-answers-fp").inner_text() == answers_fp

    # 8. The check page recognises the file, and an edited one.
    site.go(tab, "assessment-check")
    tab.locator(".cop-ck input[type=file]").set_input_files(str(exported))
    result = tab.locator(".cop-ck-result")
    result.locator("[data-check='answers-same']").wait_for()
    assert result.locator("[data-check='release-same']").count() == 1
    assert "verif" not in result.inner_text().lower()
    edited = folder / "edited.json"
    edited.write_text(exported.read_text(encoding="utf-8").replace("Policy v2", "Policy v3"), encoding="utf-8")
    tab.locator(".cop-ck input[type=file]").set_input_files(str(edited))
    result.locator("[data-check='answers-changed']").wait_for()
    other.close()


def first_load(browser, url: str, root: Path) -> int:  # type: ignore[no-untyped-def]
    """What a first visit to ``url`` downloads, gzip-compressed as a server sends it."""
    context = browser.new_context(viewport=DESKTOP)
    tab = context.new_page()
    seen: list[str] = []
    tab.on("request", lambda request: seen.append(request.url))
    tab.goto(url, wait_until="load")
    tab.wait_for_load_state("networkidle")
    context.close()
    total = 0
    for address in seen:
        path = root / re.sub(r"^https?://[^/]+/", "", address).split("?")[0].split("#")[0]
        if path.is_dir():
            path = path / "index.html"
        if path.is_file():
            data = path.read_bytes()
            total += len(gzip.compress(data, 6)) if path.suffix in {".html", ".js", ".css", ".json", ".svg"} else len(data)
    return total


def test_english_flow_on_the_published_site(browser, server: str, site: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    requests: list[str] = []
    flow(browser, served(server, "en"), tmp_path, requests, DESKTOP)
    foreign = [url for url in requests if not url.startswith((server + "/", "data:", "blob:"))]
    assert not foreign, f"requests left the site: {foreign}"
    for page in ("checklists/social-media", "report"):
        weight = first_load(browser, f"{server}/{page}/", site)
        assert weight <= FIRST_LOAD_LIMIT, f"{page}: first load {weight / KIB:.0f} KiB gzip > 150 KiB"


def test_khmer_flow_on_the_offline_copy_from_disk(browser, offline_site: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    requests: list[str] = []
    flow(browser, from_disk(offline_site, "km"), tmp_path, requests, PHONE)
    foreign = [url for url in requests if not url.startswith(("file://", "data:", "blob:"))]
    assert not foreign, f"requests left the copy: {foreign}"


OLD = {"version": 1, "items": {"SM-01": {"status": "done", "note": "ឯកសារ, \"v2\"", "updated": "2026-01-02T03:04:05.000Z"},
                               "SM-90": {"status": "in-progress", "note": "retired since", "updated": "2026-01-03T00:00:00.000Z"}}}


def test_the_self_assessment_of_earlier_releases_upgrades_with_nothing_lost(browser, server: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    context = fresh(browser)
    old_text = json.dumps(OLD)
    context.add_init_script(f"if (!localStorage.getItem('cop-self-assessment-v1')) localStorage.setItem('cop-self-assessment-v1', {json.dumps(old_text)});")
    tab = context.new_page()
    site = served(server, "en")
    site.go(tab, "checklists/social-media")
    item = tab.locator("#item-SM-01")
    assert item.locator("input[value=done]").is_checked() and item.locator("textarea[name^=note-]").input_value() == OLD["items"]["SM-01"]["note"]
    assert tab.locator(".cop-cl-assessment-name").inner_text() == LABELS["en"]["assessment.first_name"]
    tab.locator("#item-SM-02 input[value=in-progress]").check()
    store = json.loads(tab.evaluate("() => localStorage.getItem('cop-assessments-v1')"))
    items = store["assessments"][0]["items"]
    assert items["SM-01"] == OLD["items"]["SM-01"] and items["SM-90"] == OLD["items"]["SM-90"]
    assert tab.evaluate("() => localStorage.getItem('cop-self-assessment-v1')") == old_text, "the old key was rewritten"
    # Files exported by earlier releases import on the assessments page, shown before they change anything.
    old_json = tmp_path / "self-assessment-social-media-2026-12-01.json"
    old_json.write_text(json.dumps({"format": "cop-self-assessment", "version": 1, "sector": "social-media", "items": [
        {"id": "SM-03", "status": "not-applicable", "note": "no messaging"}]}), encoding="utf-8")
    old_csv = tmp_path / "old.csv"
    old_csv.write_text("\ufeffid,title,key_area,status,status_label,note\r\nSM-04,t,k,done,Done,\"hash list, v3\"\r\n", encoding="utf-8")
    site.go(tab, "assessment")
    for file in (old_json, old_csv):
        tab.locator("input[type=file][data-action=import]").set_input_files(str(file))
        tab.check("input[name=cop-as-mode][value=merge]")
        assert tab.locator(".cop-as-changes li").first.inner_text().startswith(("SM-03", "SM-04"))
        tab.click("button[data-action=import-apply]")
        tab.locator(".cop-as-preview", has_text=file.name).filter(has_text="Imported").wait_for()
    store = json.loads(tab.evaluate("() => localStorage.getItem('cop-assessments-v1')"))
    items = store["assessments"][0]["items"]
    assert items["SM-03"]["note"] == "no messaging"
    assert items["SM-04"]["note"] == "hash list, v3" and items["SM-01"] == OLD["items"]["SM-01"]
    # "Delete everything" empties the assessments and leaves the old key to the older copy that may read it.
    tab.once("dialog", lambda dialog: dialog.accept())
    tab.click("button[data-action=delete-all]")
    tab.locator(".cop-as-list", has_text=LABELS["en"]["assessment.none"][:20]).wait_for()
    assert json.loads(tab.evaluate("() => localStorage.getItem('cop-assessments-v1')"))["assessments"] == []
    assert tab.evaluate("() => localStorage.getItem('cop-self-assessment-v1')") == old_text
    site.go(tab, "checklists/social-media")
    assert not tab.locator("#item-SM-01 input[value=done]").is_checked(), "deleted answers came back"
    context.close()


def test_the_export_reminder_follows_the_clock(browser, server: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    context = fresh(browser)
    tab = context.new_page()
    site = served(server, "en")
    site.go(tab, "assessment")
    create(tab, "Reminded")
    reminder = tab.locator(".cop-as-reminder")
    context.clock.set_fixed_time("2027-03-28T09:00:00Z")  # 13 days later
    site.go(tab, "assessment")
    assert reminder.is_hidden()
    context.clock.set_fixed_time("2027-03-29T09:00:00Z")  # 14 days later
    site.go(tab, "assessment")
    assert reminder.is_visible() and "Reminded" in reminder.inner_text()
    download(tab, "button[data-action=export-all]", tmp_path)
    assert reminder.is_hidden()
    context.close()


def own_address() -> str | None:
    """This machine's first IPv4 address that is not the loopback."""
    try:
        words = subprocess.run(["hostname", "-I"], capture_output=True, text=True, timeout=10).stdout.split()
    except (OSError, subprocess.SubprocessError):
        words = []
    return next((w for w in words if re.fullmatch(r"\d+\.\d+\.\d+\.\d+", w) and not w.startswith("127.")), None)


@pytest.fixture
def plain_http(site: Path) -> Iterator[str]:
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    address = own_address()
    if address is None:
        pytest.skip("this machine has no IPv4 address but the loopback")

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer((address, 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://{address}:{httpd.server_address[1]}"
    httpd.shutdown()


def test_fingerprints_work_on_plain_http_off_the_loopback(browser, plain_http: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A mirror on an intranet is often plain http: no secure context, so no
    crypto.subtle; the site's own SHA-256 still checks a file."""
    context = fresh(browser)
    tab = context.new_page()
    site = served(plain_http, "en")
    site.go(tab, "assessment")
    assert tab.evaluate("() => window.isSecureContext") is False
    assert tab.evaluate("() => !(window.crypto && window.crypto.subtle)")
    create(tab, "Intranet")
    tab.check("input[name=q-apps][value=yes]")
    exported = download(tab, "button[data-action=export-all]", tmp_path)
    doc = json.loads(exported.read_text(encoding="utf-8"))
    site.go(tab, "assessment-check")
    tab.locator(".cop-ck input[type=file]").set_input_files(str(exported))
    tab.locator(".cop-ck-result [data-check='answers-same']").wait_for()
    assert doc["fingerprint"] in tab.locator(".cop-ck-result").inner_text()
    context.close()
