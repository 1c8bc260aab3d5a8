"""Releases and the change history: the release and its date in
every footer, in the page's language; the history page; the Atom feeds; the
history's validation errors; "changed in release N" and retired IDs' anchors
on a project with a second release; edit links with COP_REPO_URL."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import yaml

from built import soup, targets
from shared_helpers import script
from conftest import LANGS, ROOT, Project, mkdocs_build, page_path

LABELS = yaml.safe_load((ROOT / "model/labels.yml").read_text(encoding="utf-8"))
# The releases, newest first (the changes recorded as unreleased are not one).
HISTORY = [entry for entry in yaml.safe_load((ROOT / "model/history.yml").read_text(encoding="utf-8"))
           if entry["release"] != "unreleased"]


def released_only(text: str) -> str:
    """model/history.yml without its pending (unreleased) entry, if it has one:
    the tests below write histories of their own on top of the releases, and
    the real file may carry an editor's changes not yet released."""
    return re.sub(r"(?ms)^- release: unreleased\n.*?(?=^- release:)", "", text)


VERSION = re.search(r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.M).group(1)
ATOM = "{http://www.w3.org/2005/Atom}"
SAMPLE = ["index.md", "roles/leadership.md", "commitments/social-media.md", "glossary.md", "checklists/data-hosting.md"]


def digits(lang: str, text: str) -> str:
    return text.translate(str.maketrans("0123456789", LABELS[lang]["digits"]))


def date_words(lang: str, iso: str) -> str:
    year, month, day = (int(x) for x in iso.split("-"))
    labels = LABELS[lang]
    return labels["updated.date"].format(day=digits(lang, str(day)), month=labels["updated.months"].split()[month - 1],
                                         year=digits(lang, str(year)))


def test_history_starts_with_the_project_version() -> None:
    assert HISTORY[0]["release"] == VERSION


@pytest.mark.parametrize("lang", LANGS)
def test_footer_shows_release_and_date_in_the_page_language(site: Path, lang: str) -> None:
    latest = HISTORY[0]
    expected = LABELS[lang]["release.footer"].format(version=latest["release"],
                                                     date=date_words(lang, str(latest["date"])))
    if lang == "km":
        # The release number keeps Latin digits (an identifier); the date is in Khmer digits.
        rest = expected.replace(latest["release"], "", 1)
        assert rest != expected and "០" in rest and not re.search(r"[0-9]", rest), expected
    for page in SAMPLE:
        file = page_path(site, lang, page)
        box = soup(file).select_one("aside.cop-release")
        assert box is not None, f"{file} has no release in its footer"
        assert box.select_one(".cop-release__version").get_text(strip=True) == expected
        assert box.select_one(".cop-release__identity").get_text(strip=True) == LABELS[lang]["identity"]
        (target, _, _), = targets(site, file, box)
        assert target == page_path(site, lang, "history.md") and target.is_file()


@pytest.mark.parametrize("lang", LANGS)
def test_history_page_lists_every_release(site: Path, lang: str) -> None:
    page = soup(page_path(site, lang, "history.md"))
    for release in HISTORY:
        anchor = "release-" + release["release"].replace(".", "-")
        heading = page.find(id=anchor)
        assert heading is not None and heading.name == "h2", f"no heading #{anchor} on the {lang} history page"
        assert release["release"] in heading.get_text()
        assert page.find("time", attrs={"datetime": str(release["date"])}) is not None
    assert page.find("html")["lang"] == lang


# A release number written in Khmer digits (០.១.០); a number in the millions
# (១.២៥០.០០០) has groups of three digits and is not one.
KHMER_RELEASE = re.compile(r"(?<![០-៩.,])[០-៩]+\.([០-៩]+)\.([០-៩]+)(?![០-៩]|[.,][០-៩])")


def test_khmer_pages_write_release_numbers_in_latin_digits(site: Path) -> None:
    """A release number is an identifier, like ALL-05: it matches the tag,
    the file names and the English page, and a search for 0.1.0 finds it.
    Dates and other figures stay in Khmer digits."""
    files = [f for f in (site / "km").rglob("*") if f.suffix in (".html", ".xml", ".json")]
    assert files
    found = []
    for file in files:
        text = file.read_text(encoding="utf-8", errors="replace")
        found += [f"{file.relative_to(site)}: {m.group()}" for m in KHMER_RELEASE.finditer(text)
                  if not (len(m[1]) == 3 and len(m[2]) == 3)]
    assert found == []
    footer = soup(page_path(site, "km", "index.md")).select_one(".cop-release__version").get_text(strip=True)
    assert HISTORY[0]["release"] in footer


def feed_of(site: Path, lang: str) -> tuple[Path, ET.Element]:
    home = page_path(site, lang, "index.md")
    links = soup(home).select('head link[rel="alternate"][type="application/atom+xml"]')
    assert len(links) == 1, f"{home} links {len(links)} feeds from its <head>"
    feed = (home.parent / links[0]["href"]).resolve()
    assert feed.is_file(), f"{home} links a missing feed {links[0]['href']}"
    return feed, ET.parse(feed).getroot()


@pytest.mark.parametrize("lang", LANGS)
def test_feed_is_valid_atom_listing_the_current_release(site: Path, lang: str) -> None:
    feed, root = feed_of(site, lang)
    assert root.tag == f"{ATOM}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    # RFC 4287 4.1.1: a feed has exactly one id, title and updated, and an author.
    for tag in ("id", "title", "updated", "author"):
        assert len(root.findall(f"{ATOM}{tag}")) == 1, f"{feed}: atom:feed needs one atom:{tag}"
    assert root.find(f"{ATOM}author/{ATOM}name").text
    stamp = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
    assert stamp.match(root.find(f"{ATOM}updated").text)
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(HISTORY) >= 1
    ids = set()
    for entry in entries:
        for tag in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{tag}")) == 1, f"{feed}: atom:entry needs one atom:{tag}"
        assert stamp.match(entry.find(f"{ATOM}updated").text)
        assert entry.find(f"{ATOM}id").text.startswith("urn:uuid:")
        ids.add(entry.find(f"{ATOM}id").text)
        # 4.1.1.1: an entry with no content of its own needs an alternate link; ours has both.
        link = entry.find(f"{ATOM}link[@rel='alternate']")
        href = link.get("href")
        assert not href.startswith(("http:", "https:", "//")), f"{feed}: no outside address without a site address"
        target = (feed.parent / href.split("#")[0]).resolve() / "index.html"
        assert target == page_path(site, lang, "history.md").resolve()
        assert soup(target).find(id=href.split("#")[1]) is not None
    assert len(ids) == len(entries), "entry IDs must be unique"
    first = entries[0]
    assert VERSION in first.find(f"{ATOM}title").text
    assert first.find(f"{ATOM}summary").text == " ".join(HISTORY[0]["summary"][lang].split())
    # The other language's feed is another feed: different IDs.
    other = next(x for x in LANGS if x != lang)
    assert root.find(f"{ATOM}id").text != feed_of(site, other)[1].find(f"{ATOM}id").text


def test_no_edit_link_without_the_setting(site: Path) -> None:
    for lang in LANGS:
        for page in SAMPLE:
            assert not soup(page_path(site, lang, page)).select('a[rel="edit"]')


# --- A second release, in a copy of the project ---------------------------

SECOND = """- release: 0.2.0
  date: 2027-02-01
  summary:
    en: Second release.
    km: ការចេញផ្សាយលើកទីពីរ។
  changes:
    - id: SM-01
      change: strengthened
      en: Age checks now cover live streaming.
      km: ការពិនិត្យអាយុឥឡូវនេះគ្របដណ្តប់ការផ្សាយផ្ទាល់ផងដែរ។
    - id: SM-99
      change: retired
      page: commitments/social-media.md
      en: Merged into SM-02.
      km: បានបញ្ចូលទៅក្នុង SM-02។
"""


@pytest.fixture(scope="module")
def second_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project with a release 0.2.0 that changes SM-01 and retires
    SM-99, built with a repository address (edit links)."""
    from corpus import copy_project

    project = Project(copy_project(tmp_path_factory.mktemp("history")))
    project.replace("pyproject.toml", f'version = "{VERSION}"', 'version = "0.2.0"')
    text = released_only(project.read("model/history.yml"))
    start = text.index("\n- release:") + 1
    project.write("model/history.yml", text[:start] + SECOND + "\n" + text[start:])
    result = mkdocs_build(project.root, project.root / "site", COP_REPO_URL="https://github.com/example/cop")
    assert result.returncode == 0, result.output[-3000:]
    return result.site


@pytest.mark.parametrize("lang", LANGS)
def test_changed_commitment_links_to_its_release(second_release: Path, lang: str) -> None:
    file = page_path(second_release, lang, "commitments/social-media.md")
    page = soup(file)
    heading = page.find(id="SM-01")
    tools = heading.find_next_sibling("div", class_="cop-commitment-tools")
    changed = tools.select(".cop-changed a")
    assert [a.get_text(strip=True) for a in changed] == [
        LABELS[lang]["history.changed_in"].format(version="0.2.0")]
    (target, fragment, _), = targets(second_release, file, changed[0].parent)
    assert target == page_path(second_release, lang, "history.md") and fragment == "release-0-2-0"
    assert soup(target).find(id=fragment) is not None
    # An unchanged commitment says nothing of releases.
    assert not page.find(id="SM-02").find_next_sibling("div", class_="cop-commitment-tools").select(".cop-changed")


@pytest.mark.parametrize("lang", LANGS)
def test_retired_id_keeps_an_anchor_that_explains(second_release: Path, lang: str) -> None:
    file = page_path(second_release, lang, "commitments/social-media.md")
    retired = soup(file).find(id="SM-99")
    assert retired is not None and "cop-retired" in retired["class"], "the retired ID lost its anchor"
    text = retired.get_text(" ", strip=True)
    assert LABELS[lang]["history.retired"].format(id="SM-99", version="0.2.0",
                                                  date=date_words(lang, "2027-02-01")) in text
    assert ("Merged into SM-02." if lang == "en" else "បានបញ្ចូលទៅក្នុង SM-02។") in text
    history = page_path(second_release, lang, "history.md")
    assert (history, "release-0-2-0") in {(t, f) for t, f, _ in targets(second_release, file, retired)}
    # The history page links the retirement to the anchor.
    assert (file, "SM-99") in {(t, f) for t, f, _ in targets(second_release, history)}


@pytest.mark.parametrize("lang", LANGS)
def test_feed_lists_both_releases_newest_first(second_release: Path, lang: str) -> None:
    _, root = feed_of(second_release, lang)
    titles = [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")]
    assert titles == [LABELS[lang]["history.release"].format(version=v) for v in ("0.2.0", VERSION)]
    assert root.find(f"{ATOM}updated").text == "2027-02-01T00:00:00Z"
    assert "SM-01" in root.find(f"{ATOM}entry/{ATOM}content").text


@pytest.mark.parametrize("lang", LANGS)
def test_edit_link_points_to_the_page_own_language_file(second_release: Path, lang: str) -> None:
    suffix = ".md" if lang == "en" else f".{lang}.md"
    for page in ("index.md", "roles/leadership.md", "history.md", "checklists/data-hosting.md"):
        links = soup(page_path(second_release, lang, page)).select('a[rel="edit"]')
        assert [a["href"] for a in links] == [f"https://github.com/example/cop/edit/main/docs/{page[:-3]}{suffix}"]
        assert (ROOT / "docs" / f"{page[:-3]}{suffix}").is_file()
    # No repo_url: Material's header would ask GitHub's API for the repository's facts.
    assert not soup(page_path(second_release, lang, "index.md")).select(".md-source")


# --- Validation -----------------------------------------------------------

BROKEN = """- release: 0.3.0
  date: 2027-01-01
  summary:
    en: Broken on purpose.
  changes:
    - id: SM-98
      change: reworded
      en: An ID that never existed.
      km: លេខសម្គាល់ដែលមិនធ្លាប់មាន។
    - id: SM-01
      change: renamed
      en: Not a kind of change.
      km: មិនមែនជាប្រភេទនៃការផ្លាស់ប្តូរទេ។
- release: 0.2.0
  date: 2027-02-01
  summary:
    en: Dated after the release above it.
    km: មានកាលបរិច្ឆេទក្រោយការចេញផ្សាយខាងលើ។
  changes:
    - id: SM-02
      change: reworded
      en: No Khmer for this one.
"""


def test_history_errors_name_line_and_fix(project: Project) -> None:
    text = released_only(project.read("model/history.yml"))
    start = text.index("\n- release:") + 1
    project.write("model/history.yml", text[:start] + BROKEN + text[start:])
    offset = text[:start].count("\n")
    result = project.build()
    assert result.returncode != 0
    out = result.output
    # Each problem: the file and line, what is wrong, and a fix.
    expected = [
        (offset + 3, "release 0.3.0: the summary has no 'km' text"),
        (offset + 11, "release 0.3.0: change 'renamed' of 'SM-01' is not one of added, reworded, strengthened, retired"),
        (offset + 15, "release 0.2.0 (2027-02-01) is dated after 0.3.0 (2027-01-01)"),
        (offset + 20, "release 0.2.0: the change to 'SM-02' has no 'km' text"),
        (offset + 1, 'the newest release is 0.3.0 but pyproject.toml says version = "0.1.0"'),
    ]
    for line, message in expected:
        assert f"model/history.yml:{line}: {message}" in out, f"missing: line {line}: {message}\n{out[-3000:]}"
    assert f"model/history.yml:{offset + 6}: release 0.3.0: 'SM-98' is not in model/commitments.yml and was never retired" in out
    assert out.count("Fix:") >= len(expected) + 1


def test_retiring_a_current_id_is_refused(project: Project) -> None:
    text = project.read("model/history.yml")
    project.replace("model/history.yml", "  changes: []", """  changes:
    - id: SM-01
      change: retired
      page: commitments/nowhere.md
      en: Retired by mistake.
      km: បានដកចេញដោយច្រឡំ។""")
    result = project.build()
    assert result.returncode != 0
    line = text[:text.index("  changes: []")].count("\n") + 2
    assert f"model/history.yml:{line}: release 0.1.0: 'SM-01' is marked retired but is still in model/commitments.yml" \
        in result.output
    assert "needs the page it was on ('commitments/nowhere.md' is not a page of the site)" in result.output


# --- The self-assessment keeps answers to retired commitments --------------


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_self_assessment_keeps_shows_and_exports_retired_answers(second_release: Path, browser, lang: str,  # type: ignore[no-untyped-def]
                                                                 tmp_path: Path) -> None:
    import json

    from conftest import serve

    page_file = page_path(second_release, lang, "checklists/social-media.md")
    known = json.loads(soup(page_file).find(id="cop-known-ids").get_text())
    assert known["retired"] == ["SM-99"] and "SM-01" in known["current"] and "SM-99" not in known["current"]
    answers = {"version": 1, "items": {"SM-99": {"status": "done", "note": "Policy v3"},
                                       "SM-01": {"status": "in-progress", "note": ""}}}
    for base in serve(second_release):
        context = browser.new_context(accept_downloads=True)
        context.add_init_script(f"window.localStorage.setItem('cop-self-assessment-v1', {json.dumps(json.dumps(answers))});")
        page = context.new_page()
        try:
            page.goto(f"{base}/{LANGS[lang]}checklists/social-media/")
            section = page.locator(".cop-cl-retired")
            section.wait_for()
            assert section.locator("h2").inner_text() == LABELS[lang]["checklist.retired_heading"]
            item = section.locator("li[data-id='SM-99']")
            status_word = LABELS[lang]["checklist.status.done"]
            text = item.inner_text()
            assert text.startswith(status_word) and "Policy v3" in text
            assert LABELS[lang]["history.retired"].format(id="SM-99", version="0.2.0",
                                                          date=date_words(lang, "2027-02-01")) in text
            assert item.locator("a").get_attribute("href").endswith("history/#release-0-2-0")
            with page.expect_download() as info:
                page.locator("button[data-action='export-json']").click()
            target = tmp_path / info.value.suggested_filename
            info.value.save_as(target)
            # The export holds every assessment (assessment.schema.json); the
            # earlier answers became the first, the retired one's kept.
            rows = json.loads(target.read_text(encoding="utf-8"))["assessments"][0]["items"]
            assert rows["SM-99"]["status"] == "done" and rows["SM-99"]["note"] == "Policy v3"
            assert rows["SM-01"]["status"] == "in-progress"
        finally:
            context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_printed_sheets_carry_release_and_page_number_beside_the_identity(site: Path, lang: str) -> None:
    """The @page margin boxes of every page: the identity at the
    left, the page number in the language's digits, the release at the right.
    The PDFs are printed with them (tests/test_release.py reads their text)."""
    release = LABELS[lang]["release.footer"].format(version=HISTORY[0]["release"],
                                                    date=date_words(lang, str(HISTORY[0]["date"])))
    counter = "decimal" if lang == "en" else "khmer"
    for page in SAMPLE:
        rules = " ".join(style.get_text() for style in soup(page_path(site, lang, page)).select('head style[media="print"]'))
        assert "@bottom-left" in rules, "the identity statement's margin box"
        assert f'@bottom-right {{ content: "{release}"; }}' in rules
        assert f"counter(page, {counter})" in rules and f"counter(pages, {counter})" in rules


@pytest.mark.browser
def test_release_bar_on_screen_not_on_paper(server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/checklists/app-developers/")
    release = page.locator(".cop-release__version")
    assert release.is_visible() and not page.locator(".cop-release__identity").is_visible()
    page.emulate_media(media="print")
    assert not release.is_visible(), "on paper the release is in every sheet's margin instead"


# --- Unreleased changes and the release step -------------------------------

UNRELEASED = """- release: unreleased
  changes:
    - id: SM-01
      change: strengthened
      en: Age checks now cover live streaming.
      km: ការពិនិត្យអាយុឥឡូវនេះគ្របដណ្តប់ការផ្សាយផ្ទាល់ផងដែរ។
    - id: SM-02
      change: reworded
      en: Clearer wording of the defaults.
      km: ពាក្យពេចន៍អំពីការកំណត់លំនាំដើមកាន់តែច្បាស់។
"""
SUMMARY = """  summary:
    en: Live streaming joins the age checks.
    km: ការផ្សាយផ្ទាល់ត្រូវបានបញ្ចូលក្នុងការពិនិត្យអាយុ។
"""


def with_unreleased(text: str, entry: str) -> str:
    """The history with ``entry`` as its pending changes, in place of any the real one has."""
    text = released_only(text)
    start = text.index("\n- release:") + 1
    return text[:start] + entry + "\n" + text[start:]


def test_version_follows_from_the_kinds_of_change() -> None:
    from cop.releases import Change, bump_problem, required_bump

    def changes(*kinds: str) -> list[Change]:
        return [Change("SM-01", kind, {}, None) for kind in kinds]
    assert required_bump(changes("reworded"), "1.2.3") == "patch"
    assert required_bump(changes("reworded", "added"), "1.2.3") == "minor"
    assert required_bump(changes("added", "retired"), "1.2.3") == "major"
    assert required_bump(changes("strengthened"), "0.1.0") == "minor", "before 1.0.0 a major change is a minor bump"
    assert bump_problem("1.2.3", "1.2.4", changes("reworded")) is None
    assert bump_problem("1.2.3", "1.3.0", changes("reworded")) is None, "a bigger bump than needed is allowed"
    assert bump_problem("1.2.3", "1.2.4", changes("strengthened")) == \
        "1.2.4 cannot follow 1.2.3: its changes (strengthened) need at least a major version: 2.0.0"
    assert bump_problem("1.2.3", "1.4.0", []) == "1.4.0 cannot follow 1.2.3: after 1.2.3 the next versions are: " \
        "2.0.0 or 1.3.0 or 1.2.4"
    assert bump_problem("0.1.0", "0.2.0", changes("retired")) is None and bump_problem("0.1.0", "1.0.0", changes("retired")) is None


def test_unreleased_entry_is_checked_like_a_release(tmp_path: Path) -> None:
    """Pure: releases.load on the history and pyproject of a copy."""
    from cop import releases

    (tmp_path / "model").mkdir()
    (tmp_path / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text(encoding="utf-8"), encoding="utf-8")
    real = released_only((ROOT / "model/history.yml").read_text(encoding="utf-8"))
    ids, pages = {"SM-01", "SM-02"}, {"commitments/social-media.md"}

    def load(text: str) -> list[str]:
        (tmp_path / "model/history.yml").write_text(text, encoding="utf-8")
        history, problems = releases.load(tmp_path, ["en", "km"], ids, pages)
        if not problems:
            assert history is not None and history.latest.version == VERSION, "the latest is a release"
            assert history.unreleased is not None and history.entries[0] is history.unreleased
        return [f"{p.line}: {p.message}" for p in problems]

    assert load(with_unreleased(real, UNRELEASED)) == []
    broken = UNRELEASED.replace("  changes:", "  date: 2027-01-01\n  changes:").replace(
        "      km: ពាក្យពេចន៍អំពីការកំណត់លំនាំដើមកាន់តែច្បាស់។\n", "").replace("SM-01\n      change: strengthened",
                                                                     "SM-07\n      change: widened")
    offset = real[:real.index("\n- release:") + 1].count("\n")
    assert load(with_unreleased(real, broken)) == [
        f"{offset + 2}: the unreleased entry has a date, but it is not released yet",
        f"{offset + 5}: the unreleased entry: change 'widened' of 'SM-07' is not one of added, reworded, strengthened, retired",
        f"{offset + 8}: the unreleased entry: the change to 'SM-02' has no 'km' text"]
    # Below a release, it is out of place; a second release must follow from its kinds.
    moved = real + "\n" + UNRELEASED
    assert any("the 'unreleased' entry must be the first of the file" in m for m in load(moved))


def test_unreleased_changes_build_then_release_prepare_makes_the_release(
        project: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """An unreleased entry builds: the footer and feeds still show the last
    release, the history page lists the changes as not yet released and the
    changed commitment says so. scripts/release-prepare refuses a version that
    does not follow from the kinds of change, then makes 0.2.0, dated the day
    of SOURCE_DATE_EPOCH: footer, feed and history page follow."""
    release_prepare = script("release_prepare")

    project.write("model/history.yml", with_unreleased(project.read("model/history.yml"), UNRELEASED))
    result = project.build()
    assert result.returncode == 0, result.output[-3000:]
    site = result.site
    for lang in LANGS:
        footer = soup(page_path(site, lang, "index.md")).select_one(".cop-release__version").get_text(strip=True)
        assert footer == LABELS[lang]["release.footer"].format(version=VERSION,
                                                               date=date_words(lang, str(HISTORY[0]["date"])))
        _, feed = feed_of(site, lang)
        assert len(feed.findall(f"{ATOM}entry")) == len(HISTORY), "the unreleased changes are not a release"
        history = soup(page_path(site, lang, "history.md"))
        pending = history.find(id="unreleased")
        assert pending.name == "h2" and pending.get_text(strip=True).startswith(LABELS[lang]["history.unreleased"])
        assert pending.find_next("h2")["id"] == "release-" + VERSION.replace(".", "-")
        assert LABELS[lang]["history.unreleased_note"] in history.get_text(" ", strip=True)
        tools = soup(page_path(site, lang, "commitments/social-media.md")).find(id="SM-01") \
            .find_next_sibling("div", class_="cop-commitment-tools")
        assert [a.get_text(strip=True) for a in tools.select(".cop-changed a")] == [LABELS[lang]["history.changed_unreleased"]]
        assert tools.select_one(".cop-changed a")["href"].endswith("#unreleased")
        # Its citation does not name the release, whose words were different.
        citation = tools.select_one(".cop-cite-text").get_text()
        pending = LABELS[lang]["cite.text_unreleased"].split("{site}")[1].split("{version}")[0]
        assert pending.strip() and pending in citation, citation

    history_before, pyproject_before = project.read("model/history.yml"), project.read("pyproject.toml")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # 2027-01-15 (UTC)
    assert release_prepare.main(["0.1.1"], root=project.root) == 1
    out = capsys.readouterr().out
    text = project.read("model/history.yml")
    line = text[:text.index("\n- release: unreleased")].count("\n") + 2
    assert f"model/history.yml:{line}: 0.1.1 cannot follow 0.1.0: its changes (strengthened) need at least a " \
           "minor version: 1.0.0 or 0.2.0" in out
    assert f"model/history.yml:{line}: the release needs a summary in en, km" in out
    assert out.rstrip().endswith("nothing was changed.")
    assert (project.read("model/history.yml"), project.read("pyproject.toml")) == (history_before, pyproject_before)

    project.replace("model/history.yml", "\n- release: unreleased\n", "\n- release: unreleased\n" + SUMMARY)
    assert release_prepare.main(["0.2.0"], root=project.root) == 0, capsys.readouterr().out
    assert "git tag -a v0.2.0" in capsys.readouterr().out
    assert 'version = "0.2.0"' in project.read("pyproject.toml")
    assert "- release: 0.2.0\n  date: 2027-01-15\n  summary:" in project.read("model/history.yml")
    # Another folder: the parsed pages are cached by path.
    result = mkdocs_build(project.root, project.root / "released")
    assert result.returncode == 0, result.output[-3000:]
    site = result.site
    for lang in LANGS:
        footer = soup(page_path(site, lang, "index.md")).select_one(".cop-release__version").get_text(strip=True)
        assert footer == LABELS[lang]["release.footer"].format(version="0.2.0",
                                                               date=date_words(lang, "2027-01-15"))
        _, feed = feed_of(site, lang)
        titles = [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")]
        assert titles[0] == LABELS[lang]["history.release"].format(version="0.2.0")
        assert feed.find(f"{ATOM}updated").text == "2027-01-15T00:00:00Z"
        history = soup(page_path(site, lang, "history.md"))
        assert history.find(id="unreleased") is None
        heading = history.find(id="release-0-2-0")
        assert heading.find_next("time")["datetime"] == "2027-01-15"
        tools = soup(page_path(site, lang, "commitments/social-media.md")).find(id="SM-01") \
            .find_next_sibling("div", class_="cop-commitment-tools")
        assert [a.get_text(strip=True) for a in tools.select(".cop-changed a")] == [
            LABELS[lang]["history.changed_in"].format(version="0.2.0")]
