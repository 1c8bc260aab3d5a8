"""The record of the last full accessibility check (``model/accessibility-check.yml``).

``bench/check_pages.py`` checks every page of both languages (the Nu HTML
checker, axe-core at 390 px and 1280 px, nothing past the right edge at
390 px). When it finds nothing and the content is committed, it writes this
record: the day it ran, the number of pages and the commit whose content it
checked. The accessibility statement shows the record (``<!-- cop:accessibility-check -->``).

"Older than the content" is measured with git, not with dates: the record
names the last commit that changed the content, and it is stale as soon as a
later commit changes the content again. The content is what an editor or a
designer changes and a reader sees: ``docs/``, ``model/`` (this record
aside), ``overrides/`` and ``mkdocs.yml``. A change to the build's Python
(``hooks/``) does not make it stale; the test suite checks one page of each
type after every such change. ``scripts/check.py --release`` reports a
stale or missing record as a problem (:func:`stale`).
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from . import yamlfile
from .problems import Problem

RECORD = "model/accessibility-check.yml"
CONTENT = ("docs", "model", "overrides", "mkdocs.yml")
COMMIT = re.compile(r"^[0-9a-f]{40}$")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FIELDS = {"checked", "commit", "pages"}
RUN = "run .venv/bin/python bench/check_pages.py (it writes the record when every page passes), then commit " + RECORD


@dataclass(frozen=True)
class Record:
    checked: str  # YYYY-MM-DD, the day the check ran
    commit: str  # the last commit that changed the content it checked
    pages: int


def load(root: Path) -> tuple[Record | None, list[Problem]]:
    """The record, or None when no full check has been recorded yet."""
    try:
        text = (root / RECORD).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return None, []
    data, problems = yamlfile.load(text, RECORD)
    if problems:
        return None, problems
    if not isinstance(data, dict):
        return None, [Problem(RECORD, 1, "expected 'checked:', 'commit:' and 'pages:' lines", RUN)]
    for name in sorted(set(data) - FIELDS):
        problems.append(Problem(RECORD, yamlfile.line_of(data, name), f"unknown field '{name}'", f"use only: {', '.join(sorted(FIELDS))}"))
    checked = data.get("checked")
    checked = checked.isoformat() if hasattr(checked, "isoformat") else str(checked or "")
    commit, pages = str(data.get("commit") or ""), data.get("pages")
    if not DAY.match(checked):
        problems.append(Problem(RECORD, yamlfile.line_of(data, "checked") or 1, f"checked {checked or 'missing'!r} is not a day", RUN))
    if not COMMIT.match(commit):
        problems.append(Problem(RECORD, yamlfile.line_of(data, "commit") or 1,
                                f"commit {commit or 'missing'!r} is not a full commit hash", RUN))
    if not isinstance(pages, int) or isinstance(pages, bool) or pages < 1:
        problems.append(Problem(RECORD, yamlfile.line_of(data, "pages") or 1, f"pages {pages!r} is not a number of pages", RUN))
    return (None if problems else Record(checked, commit, pages)), problems


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return done.stdout.rstrip("\n")


def _pathspec() -> list[str]:
    return ["--", *CONTENT, f":(exclude){RECORD}"]


def content_commit(root: Path) -> str | None:
    """The last commit that changed the content (None outside a git clone)."""
    return _git(root, "log", "-1", "--format=%H", "HEAD", *_pathspec()) or None


def uncommitted(root: Path) -> list[str]:
    """Content files changed since the last commit: a check of them cannot
    name the commit it checked."""
    out = _git(root, "status", "--porcelain", "--untracked-files=all", *_pathspec())
    return [line[3:] for line in (out or "").splitlines() if line.strip()]


def write(root: Path, checked: str, commit: str, pages: int) -> Path:
    """Write the record (``bench/check_pages.py``, after a full check found nothing)."""
    path = root / RECORD
    path.write_text(
        "# The last full accessibility check of every page, written by bench/check_pages.py\n"
        "# when it found nothing (Nu HTML checker, axe-core at 390 px and 1280 px, nothing\n"
        "# past the right edge at 390 px). Do not edit by hand: run the script and commit\n"
        "# this file. `commit` is the last commit that changed the content it checked\n"
        "# (docs/, model/, overrides/, mkdocs.yml); `scripts/check.py --release` fails once\n"
        "# a later commit changes the content (cop/a11y_record.py).\n"
        f"checked: {checked}\ncommit: {commit}\npages: {pages}\n", encoding="utf-8")
    return path


def stale(root: Path) -> list[Problem]:
    """A problem when no full check is recorded, or when the content changed
    in a commit after the one the record names."""
    record, problems = load(root)
    if problems:
        return problems
    if record is None:
        return [Problem(RECORD, None, "no full accessibility check is recorded", RUN)]
    last = content_commit(root)
    if last is None:
        return [Problem(RECORD, None, "git cannot tell which commit last changed the content",
                        "run the release check in a clone with its whole history (git clone, not a download)")]
    if last == record.commit:
        return []
    when = _git(root, "log", "-1", "--format=%cs", last) or "?"
    changed = (_git(root, "diff", "--name-only", record.commit, last, *_pathspec()) or "").splitlines()
    shown = ", ".join(changed[:3]) + (f" and {len(changed) - 3} more" if len(changed) > 3 else "")
    lines = (root / RECORD).read_text(encoding="utf-8-sig").split("\n")
    line = next((n for n, text in enumerate(lines, 1) if text.startswith("commit:")), None)
    return [Problem(RECORD, line,
                    f"the last full accessibility check ({record.checked}, commit {record.commit[:7]}) is older than the content: "
                    f"commit {last[:7]} of {when} changed it" + (f" ({shown})" if shown else ""), RUN)]
