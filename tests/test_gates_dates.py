"""Last updated: each page shows the date its own source file last changed in
git, in both languages (Khmer digits and month names); one git log per build;
no git, no repository or an uncommitted file give no date, not a crash."""

from __future__ import annotations

import functools
import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import LANGS, ROOT, page_path


from cop import history


def git(repo: Path, *args: str, date: str | None = None) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="Editor", GIT_AUTHOR_EMAIL="editor@example.org",
               GIT_COMMITTER_NAME="Editor", GIT_COMMITTER_EMAIL="editor@example.org")
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


def test_dates_from_a_real_repository(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    docs = repo / "docs"
    (docs / "roles").mkdir(parents=True)
    git(repo, "init", "-q")
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    (docs / "roles/x.km.md").write_text("# ក\n", encoding="utf-8")
    (repo / "README.md").write_text("outside docs\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "first", date="2024-03-05T10:00:00+07:00")
    (docs / "roles/x.km.md").write_text("# ខ\n", encoding="utf-8")
    git(repo, "commit", "-qam", "second", date="2025-01-31T23:30:00+07:00")
    (docs / "index.md").write_text("# Home, edited but not committed\n", encoding="utf-8")
    (docs / "new.md").write_text("# New, untracked\n", encoding="utf-8")

    dates = history.last_changed(docs)
    # The committer's own calendar date; an uncommitted edit keeps the last
    # commit's date; an untracked file and files outside docs/ have none.
    assert dates == {"index.md": "2024-03-05", "roles/x.km.md": "2025-01-31"}


def test_no_repository_and_no_git_give_no_dates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "docs").mkdir()
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    assert history.last_changed(tmp_path / "docs") == {}
    monkeypatch.setenv("PATH", str(tmp_path))  # no git program at all
    assert history.last_changed(tmp_path / "docs") == {}


def test_parse_keeps_the_newest_date() -> None:
    log = "\0" + "2025-02-01\n\na.md\n\0" + "2024-01-01\n\na.md\nb.km.md\n"
    assert history.parse(log) == {"a.md": "2025-02-01", "b.km.md": "2024-01-01"}


@functools.cache
def labels_of(lang: str) -> dict:
    return yaml.safe_load((ROOT / "model/labels.yml").read_text(encoding="utf-8"))[lang]


def written(date: str, lang: str) -> str:
    """The date as the page must write it, from model/labels.yml (the oracle)."""
    labels = labels_of(lang)
    year, month, day = (int(p) for p in date.split("-"))
    text = labels["updated.date"].format(day=day, month=labels["updated.months"].split()[month - 1], year=year)
    return text.translate(str.maketrans("0123456789", labels["digits"]))


def updated_time(page: Path):  # type: ignore[no-untyped-def]
    """The page's "Last updated" <time> element, or None: only the aside the
    partial writes is parsed (parsing every whole page made this test slow)."""
    html = page.read_text(encoding="utf-8")
    aside = re.search(r'<aside class="[^"]*\bcop-updated\b[^"]*">.*?</aside>', html, re.S)
    return BeautifulSoup(aside.group(0), "html.parser").select_one("time") if aside else None


@pytest.mark.parametrize("lang", list(LANGS))
def test_built_pages_show_their_own_files_last_commit(site: Path, lang: str) -> None:
    committed = set(subprocess.run(["git", "ls-files", "docs"], cwd=ROOT, capture_output=True, text=True,
                                   check=True).stdout.split())
    label = labels_of(lang)["updated.label"]
    checked = 0
    for source in sorted((ROOT / "docs").rglob("*.md")):
        rel = source.relative_to(ROOT / "docs").as_posix()
        if rel.endswith(".km.md"):
            continue
        own = f"docs/{rel[:-3]}.km.md" if lang == "km" and (source.with_suffix("").with_suffix(".km.md")).exists() else f"docs/{rel}"
        time = updated_time(page_path(site, lang, rel))
        if own not in committed:
            assert time is None, f"{own} is not committed, yet its page shows a date"
            continue
        date = subprocess.run(["git", "log", "-1", "--format=%cs", "--", own], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
        assert time is not None, f"no last-updated date on the {lang} page of {rel}"
        assert time["datetime"] == date and time.get_text() == written(date, lang), (own, time)
        assert time.parent.get_text(strip=True).startswith(label)
        checked += 1
    assert checked > 40
