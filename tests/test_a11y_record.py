"""The record of the last full accessibility check (model/accessibility-check.yml):
the accessibility statement shows it in both languages, and the release check
(`scripts/check.py --release`) refuses content newer than it. "Newer" is
measured with git on a copy: a later commit that changed docs/, model/ (the
record aside), overrides/ or mkdocs.yml makes the record stale; a commit to
the build's Python or to the record itself does not."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

import harness
from conftest import ROOT, Project
from cop import a11y_record

# scripts/ is not a package nor on pytest's path: load the editors' check from its file.
_spec = importlib.util.spec_from_file_location("check", ROOT / "scripts" / "check.py")
check = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("check", check)
_spec.loader.exec_module(check)


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout.strip()


def commit_all(root: Path, message: str) -> str:
    git(root, "add", "-A")
    git(root, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-m", message)
    return git(root, "rev-parse", "HEAD")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    for name, text in {"docs/a.md": "# A\n", "model/x.yml": "a: 1\n", "overrides/main.html": "{% extends 'base.html' %}\n",
                       "mkdocs.yml": "site_name: x\n", "hooks/h.py": "\n"}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    git(tmp_path, "init", "-q")
    commit_all(tmp_path, "content")
    return tmp_path


def test_without_a_record_the_release_check_asks_for_one(repo: Path) -> None:
    problems = check.release_checks(repo)
    assert [(p.file, p.message) for p in problems] == [(a11y_record.RECORD, "no full accessibility check is recorded")]
    assert "bench/check_pages.py" in problems[0].fix


def test_a_record_is_stale_once_a_later_commit_changes_the_content(repo: Path) -> None:
    content = a11y_record.content_commit(repo)
    assert content == git(repo, "rev-parse", "HEAD")
    a11y_record.write(repo, "2026-12-07", content, 3)
    assert a11y_record.uncommitted(repo) == [], "the record is not content"
    commit_all(repo, "the record")
    assert check.release_checks(repo) == [], "the record's own commit is not content"
    (repo / "hooks/h.py").write_text("# the build's Python\n", encoding="utf-8")
    commit_all(repo, "engine")
    assert check.release_checks(repo) == [], "the build's Python is not content"

    (repo / "docs/a.md").write_text("# A, changed\n", encoding="utf-8")
    assert a11y_record.uncommitted(repo) == ["docs/a.md"]
    later = commit_all(repo, "new content")
    problems = check.release_checks(repo)
    assert len(problems) == 1, problems
    problem = problems[0]
    lines = (repo / a11y_record.RECORD).read_text(encoding="utf-8").split("\n")
    assert problem.file == a11y_record.RECORD and lines[problem.line - 1] == f"commit: {content}"
    assert f"(2026-12-07, commit {content[:7]}) is older than the content: commit {later[:7]}" in problem.message
    assert "(docs/a.md)" in problem.message and "bench/check_pages.py" in problem.fix

    # Checking again records the new content and the release check passes.
    a11y_record.write(repo, "2026-12-08", a11y_record.content_commit(repo) or "", 3)
    assert check.release_checks(repo) == []


def test_a_record_written_by_hand_wrongly_is_refused(repo: Path) -> None:
    (repo / a11y_record.RECORD).write_text("checked: yesterday\ncommit: abc\npages: 0\n", encoding="utf-8")
    problems = check.release_checks(repo)
    assert [(p.line, p.message.split(" is ")[0]) for p in problems] == [
        (1, "checked 'yesterday'"), (2, "commit 'abc'"), (3, "pages 0")]


def test_the_statement_shows_the_record_in_both_languages(project: Project) -> None:
    pages = ["accessibility.md", "accessibility.km.md"]
    (project.root / a11y_record.RECORD).unlink(missing_ok=True)
    verdict = harness.check(project.root, pages=pages)
    assert verdict.passed, verdict.report()
    assert "No full check of every page has been recorded yet." in verdict.html["docs/accessibility.md"]
    a11y_record.write(project.root, "2026-12-07", "0123456789abcdef0123456789abcdef01234567", 126)
    verdict = harness.check(project.root, pages=pages)
    assert verdict.passed, verdict.report()
    assert ("The last full check ran on 7 December 2026 over all 126 pages of both languages and found nothing to fix. "
            "It checked the content as of commit 0123456.") in verdict.html["docs/accessibility.md"]
    assert "ថ្ងៃទី ៧ ខែធ្នូ ឆ្នាំ ២០២៦ លើទំព័រទាំងអស់ចំនួន ១២៦ ទំព័រ" in verdict.html["docs/accessibility.km.md"]
