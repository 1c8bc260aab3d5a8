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

Editors record their changes in an entry ``- release: unreleased`` at the
top (no date; a summary is optional until the release): it is checked like a
release (IDs, kinds, every language), listed on the history page as not yet
released, and never shown as a release in the footer, the citations or the
feeds. ``scripts/release-prepare X.Y.Z`` (:func:`prepare`) turns it into
release X.Y.Z, dated that day, and sets the project version.

The newest release must be the project's version, and each release's number
follows from the kinds of its changes (:data:`BUMP`, semantic versioning as
CONTRIBUTING.md explains it). Pure functions: the source checks
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
UNRELEASED = "unreleased"
MAJOR, MINOR, PATCH = "major", "minor", "patch"
LEVELS = (PATCH, MINOR, MAJOR)
# The least a release's version must rise, by the kinds of its changes.
# Semantic versioning read for a guide whose users are the companies that
# follow it and the sites and programs that cite its IDs:
# - major: something a company did to meet the last release may no longer
#   meet this one (a commitment strengthened), or an ID people cite is gone
#   (retired);
# - minor: something new to do, and nothing done before stops counting (added);
# - patch: the same meaning in better words (reworded), or no commitment changed.
# Before 1.0.0 (a first version still settling, as semantic versioning
# allows) a major change takes a minor bump.
BUMP = {"retired": MAJOR, "strengthened": MAJOR, "added": MINOR, "reworded": PATCH}
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
    version: str  # X.Y.Z, or UNRELEASED
    date: str  # YYYY-MM-DD; "" when unreleased
    summary: dict[str, str]  # may be empty when unreleased
    changes: tuple[Change, ...]

    @property
    def released(self) -> bool:
        return self.version != UNRELEASED

    @property
    def anchor(self) -> str:
        """The release's anchor on the history page: ``release-0-2-0``, or ``unreleased``."""
        return "release-" + self.version.replace(".", "-") if self.released else UNRELEASED


@dataclass(frozen=True)
class History:
    releases: tuple[Release, ...]  # the releases, newest first
    unreleased: Release | None = None  # changes recorded for the next release

    @property
    def latest(self) -> Release:
        """The newest release (never the unreleased changes)."""
        return self.releases[0]

    @property
    def entries(self) -> tuple[Release, ...]:
        """The unreleased changes, if any, then every release: the history page's order."""
        return ((self.unreleased,) if self.unreleased else ()) + self.releases

    def changes_of(self, cid: str) -> list[tuple[Release, Change]]:
        """Every change to ``cid``, newest first, unreleased ones included."""
        return [(r, c) for r in self.entries for c in r.changes if c.id == cid]

    def retired(self) -> dict[str, tuple[Release, Change]]:
        """Retired commitment ID -> the release (or the unreleased entry) that retired it and why."""
        return {c.id: (r, c) for r in self.entries for c in r.changes if c.kind == "retired"}


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
        if not release.released:
            return self.t("history.unreleased")
        return self.t("history.release", version=release.version)

    def retired_text(self, release: Release, cid: str) -> str:
        if not release.released:
            return self.t("history.retired_unreleased", id=cid)
        return self.t("history.retired", id=cid, version=release.version, date=self.date(release.date))

    def changed_text(self, release: Release) -> str:
        if not release.released:
            return self.t("history.changed_unreleased")
        return self.t("history.changed_in", version=release.version)

    def footer(self) -> str:
        latest = self.history.latest
        return self.t("release.footer", version=latest.version, date=self.date(latest.date))


def semver_key(version: str) -> tuple[int, int, int]:
    major, minor, patch = (int(part) for part in version.split("."))
    return major, minor, patch


def _level(kind: str, previous: str) -> str:
    level = BUMP.get(kind, PATCH)
    return MINOR if level == MAJOR and semver_key(previous)[0] == 0 else level


def required_bump(changes: tuple[Change, ...] | list[Change], previous: str) -> str:
    """The least bump (MAJOR, MINOR or PATCH) after ``previous`` that these changes need."""
    return max((_level(c.kind, previous) for c in changes), key=LEVELS.index, default=PATCH)


def bump_problem(previous: str, version: str, changes: tuple[Change, ...] | list[Change]) -> str | None:
    """Why ``version`` cannot follow ``previous`` with these changes, or None.
    It must be the next version at one level (no number skipped), at least
    the level the kinds of its changes require."""
    major, minor, patch = semver_key(previous)
    following = {MAJOR: f"{major + 1}.0.0", MINOR: f"{major}.{minor + 1}.0", PATCH: f"{major}.{minor}.{patch + 1}"}
    need = required_bump(changes, previous)
    allowed = [following[level] for level in reversed(LEVELS) if LEVELS.index(level) >= LEVELS.index(need)]
    if version in allowed:
        return None
    kinds = sorted({c.kind for c in changes if c.kind in BUMP and _level(c.kind, previous) == need})
    why = (f"its changes ({', '.join(kinds)}) need at least a {need} version"
           if kinds else f"after {previous} the next versions are")
    return f"{version} cannot follow {previous}: {why}: " + " or ".join(allowed)


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
    """Figures in the language's digits: ``១២``. Not for a release number
    (``0.1.0``): it is an identifier, like ALL-05, that must match the tag,
    the file names and the English page, and a search for 0.1.0 must find it,
    so every language writes it as it is."""
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
    version_lines: list[int | None] = []  # each release's 'release:' line
    first_line: int | None = None
    unreleased: Release | None = None
    for index, entry in enumerate(data):
        release, found = _release(entry, languages, current_ids, pages)
        problems += found
        if release is not None and not release.released:
            line = yamlfile.line_of(entry, "release")
            if index != 0:
                problems.append(Problem(HISTORY, line, "the 'unreleased' entry must be the first of the file",
                                        "move it to the top (there is one, for the changes since the newest release)"))
            unreleased = release
        elif release is not None:
            if not releases:
                first_line = yamlfile.line_of(entry, "release")
            releases.append(release)
            lines.append(yamlfile.line_of(entry, "date"))
            version_lines.append(yamlfile.line_of(entry, "release"))
    problems += _order(releases, lines)
    everything = ([unreleased] if unreleased else []) + releases
    problems += _retirements(everything, [None] * len(everything), current_ids)
    problems += _bumps(releases, version_lines)
    version = project_version(root)
    if not releases and not problems:
        problems.append(Problem(HISTORY, 1, "the history has no release: the footer and the feeds show the newest one",
                                "keep the entries of the releases already made below the 'unreleased' entry"))
    if releases and version is not None and releases[0].version != version:
        problems.append(Problem(HISTORY, first_line, f"the newest release is {releases[0].version} but {PYPROJECT} says "
                                f"version = \"{version}\"",
                                f"bump the version in {PYPROJECT} and add the release's entry at the top of {HISTORY}, "
                                "together, so that they match"))
    if problems:
        return None, problems
    return History(tuple(releases), unreleased), []


def _bumps(releases: list[Release], lines: list[int | None]) -> list[Problem]:
    """Each release's version follows from the one below it and the kinds of
    its changes (``lines``: each release's 'release:' line)."""
    problems: list[Problem] = []
    for newer, older, line in zip(releases, releases[1:], lines):
        if semver_key(newer.version) <= semver_key(older.version):
            continue  # reported by _order
        problem = bump_problem(older.version, newer.version, newer.changes)
        if problem:
            problems.append(Problem(HISTORY, line, f"release {problem}",
                                    "number the release from the kinds of its changes (CONTRIBUTING.md, "
                                    "'Preparing a release'), or correct a change's kind"))
    return problems


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
    if version == UNRELEASED:
        return _unreleased(entry, languages, current_ids, pages, line)
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


def _unreleased(entry: Any, languages: list[str], current_ids: set[str], pages: set[str],
                line: int | None) -> tuple[Release | None, list[Problem]]:
    """The changes recorded for the next release: checked like a release's,
    with no date, and a summary only if one is written yet."""
    problems: list[Problem] = []
    name = "the unreleased entry"
    if "date" in entry:
        problems.append(Problem(HISTORY, yamlfile.line_of(entry, "date"), f"{name} has a date, but it is not released yet",
                                "remove the date: 'bash scripts/release-prepare X.Y.Z' dates it on the day of the release"))
    summary: dict[str, str] = {}
    if entry.get("summary") is not None:
        summary, found = _text(entry.get("summary"), languages, entry, "summary", f"{name}: the summary")
        problems += found
    raw_changes = entry.get("changes", [])
    if raw_changes is None:
        raw_changes = []
    changes: list[Change] = []
    if not isinstance(raw_changes, list):
        problems.append(Problem(HISTORY, yamlfile.line_of(entry, "changes"), f"{name}: 'changes' must be a list",
                                "write each change as '- id: XX-00' with 'change:' and a text per language, or 'changes: []'"))
        raw_changes = []
    for raw in raw_changes:
        change, found = _change(raw, name, languages, current_ids, pages, line)
        problems += found
        if change is not None:
            changes.append(change)
    return Release(UNRELEASED, "", summary, tuple(changes)), problems


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
        name = f"release {release.version}" if release.released else "the unreleased entry"
        for change in release.changes:
            if change.id in retired_in:
                problems.append(Problem(HISTORY, change.line, f"{name}: '{change.id}' was retired in "
                                        f"{retired_in[change.id]} and cannot change afterwards",
                                        "an ID is never reused: give a new commitment a new ID"))
            elif change.kind == "retired":
                retired_in[change.id] = release.version
            elif change.id not in current_ids and change.id not in ever_retired:
                problems.append(Problem(HISTORY, change.line, f"{name}: '{change.id}' is not in "
                                        "model/commitments.yml and was never retired",
                                        "correct the ID, or add a later 'change: retired' entry for it"))
    return problems


@dataclass(frozen=True)
class Prepared:
    """The files of a release made from the unreleased entry."""

    history: str  # model/history.yml's new text
    pyproject: str  # pyproject.toml's new text
    previous: str  # the release before it
    bump: str  # MAJOR, MINOR or PATCH


_PROJECT_VERSION = re.compile(r'^(?P<head>version\s*=\s*")(?P<version>[^"]*)(?P<tail>".*)$', re.M)


def prepare(history_text: str, pyproject_text: str, version: str, today: str,
            languages: list[str]) -> tuple[Prepared | None, list[Problem]]:
    """Turn the ``unreleased`` entry at the top of the history into release
    ``version`` dated ``today`` (YYYY-MM-DD), and set the project version.
    Refused, with every reason, when the version does not follow from the
    kinds of the changes, the summary lacks a language, or the files disagree.
    Only the entry's first line, a new date line and the version line change:
    comments and layout are kept."""
    fix_entry = f"record the changes under '- release: {UNRELEASED}' at the top of {HISTORY} (see the comment there)"
    if not SEMVER.match(version):
        return None, [Problem("release-prepare", None, f"'{version}' is not a version number MAJOR.MINOR.PATCH",
                              "give the new version, for example: bash scripts/release-prepare 0.2.0")]
    data, problems = yamlfile.load(history_text, HISTORY)
    if problems:
        return None, problems
    entries = data if isinstance(data, list) else []
    first = entries[0] if entries and isinstance(entries[0], dict) else {}
    if str(first.get("release", "")) != UNRELEASED:
        return None, [Problem(HISTORY, 1, "there is no 'unreleased' entry at the top: no change is recorded for a release",
                              fix_entry)]
    line = yamlfile.line_of(first, "release") or 1
    previous_entry = next((e for e in entries[1:] if isinstance(e, dict) and SEMVER.match(str(e.get("release", "")))), None)
    if previous_entry is None:
        return None, [Problem(HISTORY, line, "no earlier release is listed below the unreleased entry",
                              "keep the entries of the releases already made")]
    previous = str(previous_entry["release"])
    raw_changes = first.get("changes") or []
    changes = [Change(str(c.get("id", "")), str(c.get("change", "")), {}, None)
               for c in raw_changes if isinstance(c, dict)] if isinstance(raw_changes, list) else []
    problem = bump_problem(previous, version, changes)
    if problem:
        problems.append(Problem(HISTORY, line, problem, "choose that version, or correct the kind of a change "
                                "(CONTRIBUTING.md, 'Preparing a release')"))
    summary = first.get("summary")
    missing = [lang for lang in languages
               if not isinstance(summary, dict) or not isinstance(summary.get(lang), str) or not summary[lang].strip()]
    if missing:
        problems.append(Problem(HISTORY, line, f"the release needs a summary in {', '.join(missing)}",
                                "add 'summary:' to the unreleased entry, with "
                                + " and ".join(f"'{lang}: ...'" for lang in languages) + " (a sentence or two each)"))
    if "date" in first:
        problems.append(Problem(HISTORY, yamlfile.line_of(first, "date"), "the unreleased entry already has a date",
                                "remove it: the release is dated on the day it is prepared"))
    raw_date = previous_entry.get("date")
    previous_date = raw_date.isoformat() if isinstance(raw_date, datetime.date) else str(raw_date or "")
    if previous_date and today < previous_date:
        problems.append(Problem(HISTORY, line, f"today ({today}) is before release {previous}'s date ({previous_date})",
                                "check the machine's clock or SOURCE_DATE_EPOCH"))
    current = _PROJECT_VERSION.search(pyproject_text)
    if current is None:
        problems.append(Problem(PYPROJECT, None, "has no 'version = \"X.Y.Z\"' line", "restore it from version control"))
    elif current["version"] != previous:
        problems.append(Problem(PYPROJECT, pyproject_text[:current.start()].count("\n") + 1,
                                f"version = \"{current['version']}\" is not the newest release, {previous}",
                                f"set it to \"{previous}\" (the release below the unreleased entry), then run this again"))
    if problems or current is None:
        return None, problems
    lines = history_text.split("\n")
    head = lines[line - 1]
    if f"release: {UNRELEASED}" not in head:
        return None, [Problem(HISTORY, line, "cannot find '- release: unreleased' on one line",
                              "write the entry's first line as '- release: unreleased'")]
    indent = " " * (len(head) - len(head.lstrip()) + 2)
    lines[line - 1:line] = [head.replace(f"release: {UNRELEASED}", f"release: {version}", 1), f"{indent}date: {today}"]
    pyproject = pyproject_text[:current.start()] + current["head"] + version + current["tail"] + pyproject_text[current.end():]
    return Prepared("\n".join(lines), pyproject, previous, required_bump(changes, previous)), []
