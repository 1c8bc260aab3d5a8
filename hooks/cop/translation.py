"""Translation status: is each page and each commitment translated, missing or
outdated? Decided by the structure of the English source, never by file dates.

A translator who brings a Khmer file in line with its English original records
*fingerprints* of that original in the Khmer file's front matter
(``scripts/check --stamp docs/x.km.md`` writes them)::

    translation:
      source: 3f9a1c0b          # the English page outside commitment sections
      commitments:
        SM-01: 9c2e11aa         # the English section "## SM-01 ..." (to the next "## ")

A fingerprint is the first 8 hex digits of the SHA-256 of the text with its
white space collapsed, so re-wrapping a paragraph does not make a translation
outdated, but changing a word does. Everything here is pure and linear in the
size of the files.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from .problems import Problem
from .scan import COMMITMENT_HEADING, HEADING, heading_text, lines_outside_code, split_front_matter

KEY = "translation"
SOURCE = "source"
COMMITMENTS = "commitments"

TRANSLATED, OUTDATED, MISSING = "translated", "outdated", "missing"
# Why a translation is outdated or missing (label keys: status.reason.<reason>).
NO_FILE, NO_SECTION, NO_FINGERPRINT, CHANGED = "no_file", "no_section", "no_fingerprint", "changed"


def fingerprint(text: str) -> str:
    """Short hash of ``text`` with its white space collapsed."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:8]


@dataclass
class Parts:
    """A page split into the text outside commitment sections and each section."""

    outside: str
    sections: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # commitment -> line of its heading


def split(text: str) -> Parts:
    """Split a page: each ``## ID Title`` section runs to the next heading of level 1 or 2."""
    lines = text.split("\n")
    outside: list[str] = []
    sections: dict[str, list[str]] = {}
    heads: dict[str, int] = {}
    current: list[str] = outside
    for index, line, in_code in lines_outside_code(lines):
        if not in_code:
            heading = HEADING.match(line)
            if heading and len(heading["level"]) <= 2:
                match = COMMITMENT_HEADING.match(heading_text(heading["text"])) if len(heading["level"]) == 2 else None
                if match and match["id"] not in sections:
                    current = sections[match["id"]] = []
                    heads[match["id"]] = index + 1
                else:
                    current = outside
        current.append(line)
    return Parts("\n".join(outside), {cid: "\n".join(body) for cid, body in sections.items()}, heads)


def fingerprints(original: str) -> tuple[str, dict[str, str]]:
    """(page fingerprint, commitment -> fingerprint) of an original page's text."""
    parts = split(original)
    return fingerprint(parts.outside), {cid: fingerprint(body) for cid, body in parts.sections.items()}


@dataclass(frozen=True)
class Recorded:
    """The fingerprints a translation's front matter records, and where."""

    source: str | None
    commitments: dict[str, str]
    line: int  # the line of 'translation:' in the front matter, or 1


def recorded(front: dict | None, front_text: str | None) -> Recorded:
    """Read the ``translation`` key of a translation's (parsed) front matter."""
    data = front.get(KEY) if isinstance(front, dict) else None
    line = 1
    if front_text is not None:
        for number, raw in enumerate(front_text.split("\n"), start=2):
            if raw.startswith(f"{KEY}:"):
                line = number
                break
    if not isinstance(data, dict):
        return Recorded(None, {}, line)
    source = data.get(SOURCE)
    commitments = data.get(COMMITMENTS)
    commitments = {str(k): str(v) for k, v in commitments.items()} if isinstance(commitments, dict) else {}
    return Recorded(str(source) if source is not None else None, commitments, line)


@dataclass(frozen=True)
class Entry:
    """The status of one page or one commitment in one language."""

    page: str  # language-neutral source path, e.g. "commitments/social-media.md"
    commitment: str | None  # None for the page text itself
    status: str  # TRANSLATED, OUTDATED or MISSING
    reason: str | None
    file: str  # the file a translator edits, e.g. "docs/commitments/social-media.km.md"
    line: int | None


@dataclass
class Status:
    """Every page and commitment of one language, in the order of the original pages."""

    lang: str
    entries: list[Entry] = field(default_factory=list)

    def count(self, status: str, commitments: bool) -> int:
        return sum(1 for e in self.entries if e.status == status and (e.commitment is not None) == commitments)

    def problems(self) -> list[Problem]:
        """Missing and outdated translations as problems (for releases)."""
        out = []
        for e in self.entries:
            if e.status == TRANSLATED:
                continue
            what = f"{e.commitment} " if e.commitment else "the page text "
            english = f"docs/{e.page}"
            message = {
                NO_FILE: f"docs/{e.page} has no translation in '{self.lang}' ({e.file} does not exist)",
                NO_SECTION: f"{e.commitment} is not translated in this file",
                NO_FINGERPRINT: f"{what}has no recorded fingerprint of its English source, so it may be outdated",
                CHANGED: f"{what}is outdated: the English in {english} changed since it was translated",
            }[e.reason or CHANGED]
            fix = f"translate the page into {e.file}, then run scripts/check --stamp {e.file}" if e.reason == NO_FILE \
                else f"translate the section from {english}, then run scripts/check --stamp {e.file}" if e.commitment \
                else f"bring the text in line with {english}, then run scripts/check --stamp {e.file}"
            out.append(Problem(e.file, e.line, message, fix))
        return out


def page_status(page: str, lang: str, file: str, original: str, translation: str | None,
                front: dict | None, front_text: str | None) -> list[Entry]:
    """The entries of one page: its text, then each commitment of the original."""
    source, commitments = fingerprints(_body(original))
    if translation is None:
        return [Entry(page, cid, MISSING, NO_FILE, file, None) for cid in [None, *commitments]]  # type: ignore[list-item]
    record = recorded(front, front_text)
    present = split(translation).lines  # lines of the file itself, front matter included

    def judge(expected: str, got: str | None) -> tuple[str, str | None]:
        if got is None:
            return OUTDATED, NO_FINGERPRINT
        return (TRANSLATED, None) if got == expected else (OUTDATED, CHANGED)

    status, reason = judge(source, record.source)
    entries = [Entry(page, None, status, reason, file, record.line)]
    for cid, expected in commitments.items():
        if cid not in present:
            entries.append(Entry(page, cid, MISSING, NO_SECTION, file, None))
            continue
        status, reason = judge(expected, record.commitments.get(cid))
        entries.append(Entry(page, cid, status, reason, file, present[cid]))
    return entries


def _body(text: str) -> str:
    """The page without its front matter, except that an original's front
    matter (a title, say) is part of its text; a translation's ``translation``
    record never is."""
    front, skip = split_front_matter(text)
    if front is None:
        return text
    kept = "\n".join(_without_record(front.split("\n")))
    return kept + "\n" + "\n".join(text.split("\n")[skip:])


def _without_record(lines: list[str]) -> list[str]:
    """Front matter lines without the ``translation:`` block."""
    out: list[str] = []
    inside = False
    for line in lines:
        if line.startswith(f"{KEY}:"):
            inside = True
            continue
        if inside and (line.startswith((" ", "\t")) or not line.strip()):
            continue
        inside = False
        out.append(line)
    return out


def stamp(translation: str, original: str) -> str:
    """The translation with fingerprints of ``original`` recorded in its front
    matter: the page text, and each commitment the translation holds. Only the
    front matter changes; every other byte is kept."""
    source, commitments = fingerprints(_body(original))
    held = split(_body(translation)).sections
    block = [f"{KEY}:", f"  {SOURCE}: {_quote(source)}"]
    mine = [cid for cid in commitments if cid in held]
    if mine:
        block.append(f"  {COMMITMENTS}:")
        block += [f"    {cid}: {_quote(commitments[cid])}" for cid in mine]
    front, skip = split_front_matter(translation)
    lines = translation.split("\n")
    if front is None:
        return "---\n" + "\n".join(block) + "\n---\n" + translation
    kept = _without_record(front.split("\n"))
    while kept and not kept[-1].strip():
        kept.pop()
    return "\n".join([lines[0], *kept, *block, *lines[skip - 1:]])


def _quote(value: str) -> str:
    # Always quoted: "12345678" or "1e345678" would otherwise be read as a number.
    return f'"{value}"'
