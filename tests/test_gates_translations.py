"""Translation status, decided by fingerprints of the English source: a change
to one English commitment makes that commitment, and only it, outdated; a
deleted Khmer file is missing; stamping makes it translated again. The default
check only reports; --release fails."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, Project, page_path
from built import soup


from cop import translation

SM_EN, SM_KM = "docs/commitments/social-media.md", "docs/commitments/social-media.km.md"


# --- the pure functions ------------------------------------------------------

ORIGINAL = "# Social media\n\nIntro text.\n\n## SM-01 First\n\n### Why it matters\n\nBecause.\n\n## SM-02 Second\n\nText.\n\n## More\n\nOutside again.\n"


def test_fingerprints_ignore_wrapping_but_not_words() -> None:
    page, sections = translation.fingerprints(ORIGINAL)
    assert list(sections) == ["SM-01", "SM-02"]
    rewrapped = ORIGINAL.replace("Intro text.", "Intro\n   text.")
    assert translation.fingerprints(rewrapped) == (page, sections)
    edited = translation.fingerprints(ORIGINAL.replace("Because.", "Because it matters."))
    assert edited[0] == page and edited[1]["SM-02"] == sections["SM-02"] and edited[1]["SM-01"] != sections["SM-01"]
    outside = translation.fingerprints(ORIGINAL.replace("Outside again.", "Outside, changed."))
    assert outside[0] != page and outside[1] == sections


def test_stamp_touches_only_the_front_matter() -> None:
    khmer = "# បណ្តាញសង្គម\r\n\nអត្ថបទ\n\n## SM-01 ទីមួយ\n\nខ្លឹមសារ   \n"
    once = translation.stamp(khmer, ORIGINAL)
    assert once.endswith(khmer), "the text after the front matter changed"
    front = yaml.safe_load(once.split("---\n")[1])
    page, sections = translation.fingerprints(ORIGINAL)
    assert front == {"translation": {"source": page, "commitments": {"SM-01": sections["SM-01"]}}}
    # Stamping again replaces the record, keeps other keys and the body.
    with_title = "---\ntitle: ចំណងជើង\n" + once.split("---\n", 1)[1]
    again = translation.stamp(with_title, ORIGINAL.replace("Because.", "Why."))
    assert again.endswith(khmer) and again.count("translation:") == 1
    assert yaml.safe_load(again.split("---\n")[1])["title"] == "ចំណងជើង"


def test_status_of_a_page() -> None:
    khmer = translation.stamp("# ក\n\n## SM-01 ទីមួយ\n\nក\n", ORIGINAL)
    front = yaml.safe_load(khmer.split("---\n")[1])
    entries = translation.page_status("x.md", "km", "docs/x.km.md", ORIGINAL, khmer, front, None)
    assert [(e.commitment, e.status, e.reason) for e in entries] == [
        (None, "translated", None), ("SM-01", "translated", None), ("SM-02", "missing", "no_section")]
    changed = ORIGINAL.replace("Because.", "Changed.")
    entries = translation.page_status("x.md", "km", "docs/x.km.md", changed, khmer, front, None)
    assert [(e.commitment, e.status, e.reason) for e in entries][:2] == [(None, "translated", None), ("SM-01", "outdated", "changed")]
    assert entries[1].line == khmer.splitlines().index("## SM-01 ទីមួយ") + 1
    unstamped = translation.page_status("x.md", "km", "docs/x.km.md", ORIGINAL, "# ក\n", {}, None)
    assert unstamped[0].reason == "no_fingerprint"
    gone = translation.page_status("x.md", "km", "docs/x.km.md", ORIGINAL, None, None, None)
    assert {(e.status, e.reason) for e in gone} == {("missing", "no_file")} and len(gone) == 3


# --- the real content and the built page ---------------------------------------

def status_rows(site: Path, lang: str) -> dict[str, str]:
    """Row label (page title or commitment ID) -> status class, from the built page."""
    rows = {}
    for row in soup(page_path(site, lang, "maintainers/translations.md")).select(".cop-status-table tr"):
        cells = row.find_all("td")
        status = row.select_one(".cop-status")
        if cells and status:
            ident = cells[0].select_one(".cop-id")
            rows[ident.get_text() if ident else cells[0].get_text(" ", strip=True)] = status["class"][-1]
    return rows


@pytest.mark.parametrize("lang", ["en", "km"])
def test_status_page_lists_every_page_and_commitment(site: Path, structure: dict, lang: str) -> None:
    rows = status_rows(site, lang)
    for cid in structure["commitments"]:
        assert rows.get(cid) == "cop-status--translated", f"{cid}: {rows.get(cid)}"
    originals = [p for p in (ROOT / "docs").rglob("*.md") if not p.name.endswith(".km.md")]
    pages = [r for r in rows if not re.fullmatch(r"[A-Z]+-\d+", r)]
    assert len(pages) == len(originals)
    assert set(rows.values()) == {"cop-status--translated"}, "today every Khmer file is stamped as in line"
    # The counts: every page and every commitment translated, none outdated or missing.
    digits = "0123456789" if lang == "en" else "០១២៣៤៥៦៧៨៩"
    number = lambda n: str(n).translate(str.maketrans("0123456789", digits))  # noqa: E731
    counts = soup(page_path(site, lang, "maintainers/translations.md")).select_one(".cop-status-table table")
    cells = [[td.get_text(strip=True) for td in tr.find_all("td")][1:] for tr in counts.find_all("tr") if tr.find("td")]
    assert cells == [[number(len(originals)), number(0), number(0)],
                     [number(len(structure["commitments"])), number(0), number(0)]]


# --- the check command on a broken copy --------------------------------------------

@dataclass
class Checked:
    returncode: int
    stdout: str


@pytest.fixture
def run_check(project: Project, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """``bash scripts/check ARGS`` on the project copy, in this process; with
    ``site``, the site it built is kept there."""
    import check  # noqa: PLC0415  (scripts/, on pytest's pythonpath)

    def run(*args: str, site: Path | None = None) -> Checked:
        capsys.readouterr()
        code = check.main(list(args), root=project.root, site_dir=site)
        return Checked(code, capsys.readouterr().out)
    return run


EDUCATORS_KM = "docs/roles/educators.km.md"
MISSING = (f"{EDUCATORS_KM}: docs/roles/educators.md has no translation in 'km' "
           f"({EDUCATORS_KM} does not exist)")


def test_outdated_and_missing_translations_reported_then_stamped(project: Project, run_check,  # type: ignore[no-untyped-def]
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """One copy, two faults (four builds, not six): a changed English
    commitment makes it, and only it, outdated; a deleted Khmer page is
    missing. The everyday check reports both and passes, --release fails on
    both; stamping the first leaves the second; restoring the page passes.
    The copy has no git history, so the release's accessibility-record rule
    (tests/test_a11y_record.py, on a git copy) is left out here."""
    import check  # noqa: PLC0415  (scripts/, on pytest's pythonpath)

    monkeypatch.setattr(check, "release_checks", lambda root: [])
    text = project.read(SM_EN)
    start = text.index("## SM-03 ")
    end = text.index("\n## ", start + 1)
    project.write(SM_EN, text[:end] + "\n\nA new English sentence.\n" + text[end:])
    line = project.line_of(SM_KM, "## SM-03 ")
    outdated = f"{SM_KM}:{line}: SM-03 is outdated: the English in {SM_EN} changed since it was translated"
    project.path(EDUCATORS_KM).unlink()

    site = project.root / "site"
    everyday = run_check(site=site)
    assert everyday.returncode == 0, "the everyday build only reports translation status:\n" + everyday.stdout
    notes = [l for l in everyday.stdout.splitlines() if l.startswith("docs/")]
    assert sorted(notes) == sorted([outdated, MISSING]), everyday.stdout
    assert f"Fix: translate the section from {SM_EN}, then run scripts/check --stamp {SM_KM}" in everyday.stdout
    assert everyday.stdout.rstrip().endswith("No problems")

    # The status pages of the everyday build show them, and only them.
    rows = status_rows(site, "km")
    assert rows["SM-03"] == "cop-status--outdated"
    title = project.read("docs/roles/educators.md").splitlines()[0].lstrip("# ")
    rows = status_rows(site, "en")
    assert {r: s for r, s in rows.items() if s != "cop-status--translated"} == {
        "SM-03": "cop-status--outdated", title: "cop-status--missing"}

    release = run_check("--release")
    assert release.returncode == 1
    assert outdated in release.stdout and MISSING in release.stdout
    assert f"Fix: translate the page into {EDUCATORS_KM}, then run scripts/check --stamp {EDUCATORS_KM}" \
        in release.stdout
    assert release.stdout.rstrip().endswith("\n2 problems")

    stamped = run_check("--stamp", str(project.path(SM_KM)))
    assert stamped.returncode == 0 and f"stamped {SM_KM}" in stamped.stdout
    again = run_check("--release")
    assert again.returncode == 1 and "SM-03" not in again.stdout and MISSING in again.stdout
    assert again.stdout.rstrip().endswith("\n1 problem")

    project.write(EDUCATORS_KM, (ROOT / EDUCATORS_KM).read_text(encoding="utf-8"))
    restored = run_check("--release")
    assert restored.returncode == 0, restored.stdout
    assert restored.stdout.rstrip().endswith("No problems")
