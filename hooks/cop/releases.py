"""The change history (``model/history.yml``): each release, its date and what
changed in which commitment, in every language; checked against the model and
the project's version.

The file is a list of releases, newest first::

    - release: 0.2.0            # the project version (pyproject.toml), semver
      date: 2027-01-15          # the release date, YYYY-MM-DD
      summary: {en: ..., km: ...}
      changes:
        - id: SM-03
          change: reworded      # added, reworded, strengthened or retired
          en: What changed, in a sentence.
          km: ...
          page: commitments/social-media.md   # retired only: where it was

The newest release must be the project's version: a release is the version
bumped and an entry written, together. Pure functions: the source checks
(``cop/checks.py``) load it once per run with the other sources, and
``Localised`` gives one language build its words (``cop/changes.py`` writes
the pages' parts of it).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import yamlfile
from .problems import Problem

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: the pinned backport (pyproject.toml)
    import tomli as tomllib  # type: ignore[no-redef]

HISTORY = "model/history.yml"
PYPROJECT = "pyproject.toml"
KINDS = ("added", "reworded", "strengthened", "retired")
SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
# The shape of a commitment ID (commitments.yml): a retired one no longer is in the model.
COMMITMENT_ID = re.compile(r"^[A-Z]{2,4}-\d{2,3}$")


@dataclass(frozen=True)
class Change:
    id: str
    kind: str  # one of KINDS
    note: dict[str, str]  # language -> what changed
    page: str | None  # retired: the language-neutral page it was on (commitments/x.md)
    line: int | None = field(default=None, compare=False)  # in history.yml, for messages


@dataclass(frozen=True)
class Release:
    version: str
    date: str  # YYYY-MM-DD
    summary: dict[str, str]
    changes: tuple[Change, ...]

    @property
    def anchor(self) -> str:
        """The release's anchor on the history page: ``release-0-2-0``."""
        return "release-" + self.version.replace(".", "-")


@dataclass(frozen=True)
class History:
    releases: tuple[Release, ...]  # newest first

    @property
    def latest(self) -> Release:
        return self.releases[0]

    def changes_of(self, cid: str) -> list[tuple[Release, Change]]:
        """Every change to ``cid``, newest first."""
        return [(r, c) for r in self.releases for c in r.changes if c.id == cid]

    def retired(self) -> dict[str, tuple[Release, Change]]:
        """Retired commitment ID -> the release that retired it and why."""
        return {c.id: (r, c) for r in self.releases for c in r.changes if c.kind == "retired"}


@dataclass(frozen=True)
class Localised:
    """The history as one language build shows it: its labels, and the URL of
    each language-neutral page in that build (relative to the site root)."""

    history: History
    lang: str
    labels: dict[str, str]
    urls: dict[str, str]
    site_name: str
    site_url: str | None

    def t(self, key: str, **values: str) -> str:
        return self.labels[key].format(**values)

    def number(self, text: str) -> str:
        return number(self.labels, text)

    def date(self, iso: str) -> str:
        return date_text(self.labels, iso)

    def release_title(self, release: Release) -> str:
        return self.t("history.release", version=self.number(release.version))

    def footer(self) -> str:
        latest = self.history.latest
        return self.t("release.footer", version=self.number(latest.version), date=self.date(latest.date))


def semver_key(version: str) -> tuple[int, int, int]:
    major, minor, patch = (int(part) for part in version.split("."))
    return major, minor, patch


def project_version(root: Path) -> str | None:
    """The version in pyproject.toml, or None when it cannot be read."""
    try:
        return str(tomllib.loads((root / PYPROJECT).read_text(encoding="utf-8"))["project"]["version"])
    except (OSError, tomllib.TOMLDecodeError, KeyError):
        return None


def date_text(labels: dict[str, str], iso: str) -> str:
    """``2026-12-01`` in a language's words and digits (labels: that language's
    section of labels.yml): ``1 December 2026``, ``ថ្ងៃទី១ ខែធ្នូ ឆ្នាំ២០២៦``."""
    year, month, day = (int(part) for part in iso.split("-"))
    months = labels["updated.months"].split()
    digits = str.maketrans("0123456789", labels["digits"])
    return labels["updated.date"].format(day=str(day).translate(digits), month=months[month - 1],
                                         year=str(year).translate(digits))


def number(labels: dict[str, str], text: str) -> str:
    """A version or any figures in the language's digits: ``០.១.០``."""
    return text.translate(str.maketrans("0123456789", labels["digits"]))


def load(root: Path, languages: list[str], current_ids: set[str], pages: set[str]) -> tuple[History | None, list[Problem]]:
    """Read and check the history against the model's commitment IDs, the
    pages of the site (language-neutral) and the project's version."""
    try:
        text = (root / HISTORY).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [Problem(HISTORY, None, "file is missing: the footer, the history page and the feeds come from it",
                              f"restore {HISTORY} from version control")]
    data, problems = yamlfile.load(text, HISTORY)
    if problems:
        return None, problems
    if not isinstance(data, list) or not data:
        return None, [Problem(HISTORY, 1, "expected a list of releases, newest first",
                              "start each release with '- release: X.Y.Z' (see the comment at the top of the file)")]
    releases: list[Release] = []
    lines: list[int | None] = []  # each release's date line
    first_line: int | None = None
    for entry in data:
        release, found = _release(entry, languages, current_ids, pages)
        problems += found
        if release is not None:
            if not releases:
                first_line = yamlfile.line_of(entry, "release")
            releases.append(release)
            lines.append(yamlfile.line_of(entry, "date"))
    problems += _order(releases, lines)
    problems += _retirements(releases, lines, current_ids)
    version = project_version(root)
    if releases and version is not None and releases[0].version != version:
        problems.append(Problem(HISTORY, first_line, f"the newest release is {releases[0].version} but {PYPROJECT} says "
                                f"version = \"{version}\"",
                                f"bump the version in {PYPROJECT} and add the release's entry at the top of {HISTORY}, "
                                "together, so that they match"))
    if problems:
        return None, problems
    return History(tuple(releases)), []


def _text(value: Any, languages: list[str], where: Any, key: str, what: str) -> tuple[dict[str, str], list[Problem]]:
    """A text per language from ``{en: ..., km: ...}``."""
    line = yamlfile.line_of(where, key)
    if not isinstance(value, dict):
        return {}, [Problem(HISTORY, line, f"{what} must give a text per language",
                            "write " + ", ".join(f"'{lang}: ...'" for lang in languages) + " under it")]
    texts: dict[str, str] = {}
    problems: list[Problem] = []
    for lang in languages:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            problems.append(Problem(HISTORY, yamlfile.line_of(value, lang) if lang in value else line,
                                    f"{what} has no '{lang}' text", f"add '{lang}: ...' (one or two sentences)"))
        else:
            texts[lang] = text.strip()
    return texts, problems


def _release(entry: Any, languages: list[str], current_ids: set[str], pages: set[str]) -> tuple[Release | None, list[Problem]]:
    if not isinstance(entry, dict):
        return None, [Problem(HISTORY, None, "a release must be a mapping with release, date, summary and changes",
                              "write '- release: X.Y.Z' followed by 'date:', 'summary:' and 'changes:'")]
    line = entry.line if isinstance(entry, yamlfile.Lined) else None
    problems: list[Problem] = []
    version = str(entry.get("release", ""))
    if not SEMVER.match(version):
        problems.append(Problem(HISTORY, yamlfile.line_of(entry, "release") if "release" in entry else line,
                                f"release '{version}' is not a version number MAJOR.MINOR.PATCH",
                                "write it as in pyproject.toml, for example 'release: 0.2.0'"))
    valid = not problems
    name = f"release {version}"
    raw_date = entry.get("date")
    date = raw_date.isoformat() if isinstance(raw_date, datetime.date) else str(raw_date or "")
    try:
        datetime.date.fromisoformat(date)
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            raise ValueError(date)
    except ValueError:
        problems.append(Problem(HISTORY, yamlfile.line_of(entry, "date") if "date" in entry else line,
                                f"{name}: date '{date}' is not a date YYYY-MM-DD", "write it as 'date: 2027-01-15'"))
        valid = False
    summary, found = _text(entry.get("summary"), languages, entry, "summary", f"{name}: the summary")
    problems += found
    changes: list[Change] = []
    raw_changes = entry.get("changes", [])
    if raw_changes is None:
        raw_changes = []
    if not isinstance(raw_changes, list):
        problems.append(Problem(HISTORY, yamlfile.line_of(entry, "changes"), f"{name}: 'changes' must be a list",
                                "write each change as '- id: XX-00' with 'change:' and a text per language, or 'changes: []'"))
        raw_changes = []
    for raw in raw_changes:
        change, found = _change(raw, name, languages, current_ids, pages, line)
        problems += found
        if change is not None:
            changes.append(change)
    # With a valid number and date, the release takes part in the checks of
    # order and IDs even when a text is missing: every problem is listed at once.
    return (Release(version, date, summary, tuple(changes)) if valid else None), problems


def _change(raw: Any, name: str, languages: list[str], current_ids: set[str], pages: set[str],
            release_line: int | None) -> tuple[Change | None, list[Problem]]:
    if not isinstance(raw, dict):
        return None, [Problem(HISTORY, release_line, f"{name}: a change must be a mapping",
                              "write '- id: XX-00', 'change: reworded' and a text per language")]
    line = raw.line if isinstance(raw, yamlfile.Lined) else release_line
    problems: list[Problem] = []
    cid = str(raw.get("id", ""))
    kind = str(raw.get("change", ""))
    if kind not in KINDS:
        problems.append(Problem(HISTORY, yamlfile.line_of(raw, "change") if "change" in raw else line,
                                f"{name}: change '{kind}' of '{cid}' is not one of {', '.join(KINDS)}",
                                "write 'change:' followed by one of " + ", ".join(KINDS)))
    if kind == "retired":
        page = raw.get("page")
        if cid in current_ids:
            problems.append(Problem(HISTORY, line, f"{name}: '{cid}' is marked retired but is still in model/commitments.yml",
                                    f"remove '{cid}' and its section from the pages, or do not retire it"))
        elif not COMMITMENT_ID.match(cid):
            problems.append(Problem(HISTORY, line, f"{name}: '{cid}' is not a commitment ID",
                                    "write the ID the commitment had, for example 'id: SM-09'"))
        if not isinstance(page, str) or page not in pages:
            problems.append(Problem(HISTORY, yamlfile.line_of(raw, "page") if "page" in raw else line,
                                    f"{name}: retired '{cid}' needs the page it was on ('{page or ''}' is not a page of the site)",
                                    "write 'page: commitments/<the page>.md', so its old links land on an explanation"))
    else:
        page = None
    notes: dict[str, str] = {}
    found: list[Problem] = []
    if all(lang not in raw for lang in languages):
        found = [Problem(HISTORY, line, f"{name}: the change to '{cid}' says nothing",
                         "add " + " and ".join(f"'{lang}: ...'" for lang in languages) + ": what changed, in a sentence")]
    else:
        for lang in languages:
            text = raw.get(lang)
            if not isinstance(text, str) or not text.strip():
                found.append(Problem(HISTORY, yamlfile.line_of(raw, lang) if lang in raw else line,
                                     f"{name}: the change to '{cid}' has no '{lang}' text",
                                     f"add '{lang}: ...' (what changed, in a sentence)"))
            else:
                notes[lang] = text.strip()
    problems += found
    # A change of a known kind to an ID still takes part in the ID checks.
    return (Change(cid, kind, notes, page, line) if kind in KINDS and cid else None), problems


def _order(releases: list[Release], lines: list[int | None]) -> list[Problem]:
    """Newest first: each release older, with a lower version, than the one above it
    (``lines``: the line of each release's date)."""
    problems: list[Problem] = []
    for (newer, _), (older, line) in zip(zip(releases, lines), list(zip(releases, lines))[1:]):
        if semver_key(older.version) >= semver_key(newer.version):
            problems.append(Problem(HISTORY, line, f"release {older.version} is listed below {newer.version}, "
                                    "but its version is not lower",
                                    "keep the newest release first; each release below has a lower version"))
        if older.date > newer.date:
            problems.append(Problem(HISTORY, line, f"release {older.version} ({older.date}) is dated after "
                                    f"{newer.version} ({newer.date}), which is listed above it",
                                    "keep the newest release first; correct the date that is wrong"))
    return problems


def _retirements(releases: list[Release], lines: list[int | None], current_ids: set[str]) -> list[Problem]:
    """An ID is retired once, and nothing changes it afterwards; an ID no
    longer in the model has been retired."""
    problems: list[Problem] = []
    retired_in: dict[str, str] = {}
    ever_retired = {c.id for r in releases for c in r.changes if c.kind == "retired"}
    # Oldest first, so "afterwards" reads forward in time.
    for release, line in reversed(list(zip(releases, lines))):
        for change in release.changes:
            if change.id in retired_in:
                problems.append(Problem(HISTORY, change.line, f"release {release.version}: '{change.id}' was retired in "
                                        f"{retired_in[change.id]} and cannot change afterwards",
                                        "an ID is never reused: give a new commitment a new ID"))
            elif change.kind == "retired":
                retired_in[change.id] = release.version
            elif change.id not in current_ids and change.id not in ever_retired:
                problems.append(Problem(HISTORY, change.line, f"release {release.version}: '{change.id}' is not in "
                                        "model/commitments.yml and was never retired",
                                        "correct the ID, or add a later 'change: retired' entry for it"))
    return problems
