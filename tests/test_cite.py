""""Cite this" on each commitment: the citation in the page's
language, copied with the keyboard where the clipboard API exists, selected
(with a message saying how to copy) where it does not, as on a plain-http
intranet mirror; readable without a script."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from built import soup
from conftest import LANGS, ROOT, page_path

LABELS = yaml.safe_load((ROOT / "model/labels.yml").read_text(encoding="utf-8"))
# The releases, newest first (the changes recorded as unreleased are not one).
ENTRIES = yaml.safe_load((ROOT / "model/history.yml").read_text(encoding="utf-8"))
HISTORY = [entry for entry in ENTRIES if entry["release"] != "unreleased"]
# Commitments changed since the newest release: their citation says the text is not yet released.
PENDING = {change["id"] for entry in ENTRIES if entry["release"] == "unreleased" for change in entry.get("changes") or []}


def site_names() -> dict[str, str]:
    loader = type("Loader", (yaml.SafeLoader,), {})
    loader.add_multi_constructor("!", lambda *_: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=loader)
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    return {lang["locale"]: lang.get("site_name", config["site_name"]) for lang in i18n["languages"]}


def expected_citation(site: Path, lang: str, cid: str, url: str) -> str:
    """The citation as labels.yml words it, from the export's title of the commitment."""
    export = json.loads((site / LANGS[lang] / "commitments.json").read_text(encoding="utf-8"))
    title = next(c["title"] for c in export["commitments"] if c["id"] == cid)
    labels = LABELS[lang]
    digits = str.maketrans("0123456789", labels["digits"])
    year, month, day = (int(x) for x in str(HISTORY[0]["date"]).split("-"))
    date = labels["updated.date"].format(day=str(day).translate(digits), month=labels["updated.months"].split()[month - 1],
                                         year=str(year).translate(digits))
    key = "cite.text_unreleased" if cid in PENDING else "cite.text"
    return labels[key].format(id=cid, title=title, site=site_names()[lang],
                                      version=HISTORY[0]["release"], date=date, url=url)


@pytest.mark.parametrize("lang", LANGS)
def test_every_commitment_has_a_citation_readable_without_script(site: Path, structure: dict, lang: str) -> None:
    found = {}
    for sector in ["all-sectors", *structure["sectors"]]:
        for box in soup(page_path(site, lang, f"commitments/{sector}.md")).select(".cop-cite"):
            text = box.select_one(".cop-cite-text")
            found[text["id"].removeprefix("cite-")] = text.get_text()
            assert box.find("summary").get_text(strip=True) == LABELS[lang]["cite.summary"]
            # Out of the search index: it repeats the commitment's title.
            assert box.find_parent(attrs={"data-search-exclude": True}) is not None
    assert set(found) == set(structure["commitments"])
    # Without a site address the script adds the page's own address.
    assert found["SM-01"] == expected_citation(site, lang, "SM-01", "")


@pytest.mark.browser
def test_cite_copies_with_the_keyboard(browser, server: str, site: Path) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    page = context.new_page()
    try:
        url = f"{server}/commitments/social-media/"
        page.goto(url + "#SM-01")
        summary = page.locator("#SM-01 + .cop-commitment-tools summary")
        summary.focus()
        page.keyboard.press("Enter")
        button = page.locator("#SM-01 + .cop-commitment-tools").get_by_role("button", name=LABELS["en"]["cite.copy"])
        assert button.is_visible()
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.classList.contains('cop-cite-copy')")
        page.keyboard.press("Enter")
        status = page.locator("#SM-01 + .cop-commitment-tools [role=status]")
        status.filter(has_text=LABELS["en"]["cite.copied"]).wait_for()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == expected_citation(site, "en", "SM-01", url + "#SM-01")
    finally:
        context.close()


# A plain-http intranet mirror: no clipboard API, and no copy command either.
NO_CLIPBOARD = """
Object.defineProperty(Navigator.prototype, "clipboard", { get: () => undefined });
Document.prototype.execCommand = () => false;
"""


@pytest.mark.browser
def test_cite_selects_the_text_where_there_is_no_clipboard(browser, server: str, site: Path) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context()
    context.add_init_script(NO_CLIPBOARD)
    page = context.new_page()
    try:
        url = f"{server}/km/commitments/data-hosting/"
        page.goto(url)
        assert page.evaluate("navigator.clipboard") is None
        tools = page.locator("#DH-02 + .cop-commitment-tools")
        tools.locator("summary").click()
        tools.get_by_role("button", name=LABELS["km"]["cite.copy"]).click()
        tools.locator("[role=status]").filter(has_text=LABELS["km"]["cite.selected"]).wait_for()
        selected = page.evaluate("window.getSelection().toString()")
        expected = expected_citation(site, "km", "DH-02", url + "#DH-02")
        assert selected == expected
        # The release number keeps Latin digits in Khmer, like an ID.
        assert re.search(r"\b\d+\.\d+\.\d+\b", selected) and not re.search(r"[០-៩]+\.[០-៩]+\.[០-៩]+", selected)
    finally:
        context.close()
