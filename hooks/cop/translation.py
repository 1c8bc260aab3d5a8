"""Translation status: is each page and each commitment translated, missing or
outdated? Decided by the structure of the English source, never by file dates.

A translator who brings a Khmer file in line with its English original records
*fingerprints* of that original in the Khmer file's front matter
(``scripts/check --stamp docs/x.km.md SM-03`` writes them)::

    translation:
      source: "3f9a1c0b"        # the page text: the English outside commitment sections
      commitments:
        SM-01: "9c2e11aa"       # the English section "## SM-01 ..."

A fingerprint is the first 8 hex digits of the SHA-256 of the text with its
white space collapsed, so re-wrapping a paragraph does not make a translation
outdated, but changing a word does.

A section follows what an editor touches: it runs from its heading to the next
heading of the same or a higher level, and footnote definitions (``[^x]: ...``
and their indented lines) are never part of it: they belong to the page text.
So adding a commitment or a footnote at the end of a page leaves the last
commitment's translation in line. Stamping names the parts brought in line
(``page`` for the page text, or commitment IDs) and keeps the others' records
as they were, so a stamp never hides a section that is still outdated.

The repository's documents for editors (CONTRIBUTING.md) are covered the same
way, with their ``## `` sections as parts: the English section is named by its
anchor (``## Sources`` is ``sources``, as GitHub writes it), and the Khmer
section says which one it translates with a comment on the line above its
heading, ``<!-- en: #sources -->``. Their record is an HTML comment at the top
of the file, not front matter, which GitHub would show as a table::

    <!-- translation (written by bash scripts/check --stamp; do not edit)
    source: "3f9a1c0b"
    sections:
      sources: "9c2e11aa"
    -->

Everything here is pure and linear in the size of the files.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection
from dataclasses import dataclass, field

import yaml

from .problems import Problem
from .scan import COMMITMENT_HEADING, HEADING, heading_text, lines_outside_code, split_front_matter

KEY = "translation"
SOURCE = "source"
COMMITMENTS = "commitments"
SECTIONS = "sections"
# The part of a page outside its sections, as named on the command line.
PAGE = "page"
# Documents of the repository translated like pages (not part of the site).
DOCUMENTS = ("CONTRIBUTING.md",)

TRANSLATED, OUTDATED, MISSING = "translated", "outdated", "missing"
# Why a translation is outdated or missing (label keys: status.reason.<reason>).
NO_FILE, NO_SECTION, NO_FINGERPRINT, CHANGED = "no_file", "no_section", "no_fingerprint", "changed"
# A document's translated section that names no section of the original.
NO_ORIGINAL = "no_original"

# "[^note]: text", up to three spaces in, as Python-Markdown's footnotes read it.
FOOTNOTE_DEFINITION = re.compile(r"^ {0,3}\[\^[^\]\n]+\]:")
# The line above a translated document section's heading: which English section it is.
SECTION_MARKER = re.compile(r"^<!--[ \t]*en:[ \t]*#(?P<key>[^ \t>]+)[ \t]*-->[ \t]*$")
RECORD_COMMENT = "<!-- " + KEY
RECORD_NOTE = " (written by bash scripts/check --stamp; do not edit)"


def fingerprint(text: str) -> str:
    """Short hash of ``text`` with its white space collapsed."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:8]


def anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped,
    spaces as hyphens (``What the check reports, and what to do`` is
    ``what-the-check-reports-and-what-to-do``)."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


@dataclass
class Parts:
    """A page split into the text outside its sections and each section."""

    outside: str
    sections: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # section -> line of its heading
    titles: dict[str, str] = field(default_factory=dict)  # section -> its heading's text
    unknown: list[tuple[str, int]] = field(default_factory=list)  # markers of no section (checked by the caller)


def split(text: str, document: bool = False, translated: bool = False) -> Parts:
    """Split a page into its page text and its sections.

    A page's sections are its commitments (``## ID Title``); a document's are
    its ``## `` headings, named by their anchor in the original and by the
    ``<!-- en: #anchor -->`` line above them in a translation. A section ends
    at the next heading of level 1 or 2; footnote definitions always go to
    the page text."""
    lines = text.split("\n")
    outside: list[str] = []
    sections: dict[str, list[str]] = {}
    heads: dict[str, int] = {}
    titles: dict[str, str] = {}
    current: list[str] = outside
    in_footnote = False
    previous = ""  # the last line with text before this one
    for index, line, in_code in lines_outside_code(lines):
        if not in_code:
            if FOOTNOTE_DEFINITION.match(line):
                in_footnote = True
            elif in_footnote and line.strip() and not line.startswith((" ", "\t")):
                in_footnote = False
            heading = None if in_footnote else HEADING.match(line)
            if heading and len(heading["level"]) <= 2:
                key = _section_key(len(heading["level"]), heading_text(heading["text"]), previous, document, translated)
                if key and key not in sections:
                    current = sections[key] = []
                    heads[key] = index + 1
                    titles[key] = heading_text(heading["text"])
                else:
                    current = outside
        (outside if in_footnote and not in_code else current).append(line)
        if line.strip():
            previous = line
    return Parts("\n".join(outside), {key: "\n".join(body) for key, body in sections.items()}, heads, titles)


def _section_key(level: int, text: str, previous: str, document: bool, translated: bool) -> str | None:
    if level != 2:
        return None
    if not document:
        match = COMMITMENT_HEADING.match(text)
        return match["id"] if match else None
    if translated:
        marker = SECTION_MARKER.match(previous.strip())
        return marker["key"] if marker else None
    return anchor(text)


def fingerprints(original: str, document: bool = False) -> tuple[str, dict[str, str]]:
    """(page fingerprint, section -> fingerprint) of an original page's text."""
    parts = split(original, document)
    return fingerprint(parts.outside), {key: fingerprint(body) for key, body in parts.sections.items()}


@dataclass(frozen=True)
class Recorded:
    """The fingerprints a translation records, and where."""

    source: str | None
    sections: dict[str, str]
    line: int  # the line of 'translation:' (front matter) or '<!-- translation' (documents), or 1


def recorded(front: dict | None, front_text: str | None) -> Recorded:
    """Read the ``translation`` key of a translation's (parsed) front matter."""
    data = front.get(KEY) if isinstance(front, dict) else None
    line = 1
    if front_text is not None:
        for number, raw in enumerate(front_text.split("\n"), start=2):
            if raw.startswith(f"{KEY}:"):
                line = number
                break
    return _record(data, COMMITMENTS, line)


def _record(data: object, key: str, line: int) -> Recorded:
    if not isinstance(data, dict):
        return Recorded(None, {}, line)
    source = data.get(SOURCE)
    sections = data.get(key)
    sections = {str(k): str(v) for k, v in sections.items()} if isinstance(sections, dict) else {}
    return Recorded(str(source) if source is not None else None, sections, line)


def _comment_span(text: str) -> tuple[int, int] | None:
    """(first, last) line index of a document's record comment, or None."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if line.startswith(RECORD_COMMENT):
            for end in range(index, len(lines)):
                if lines[end].rstrip().endswith("-->"):
                    return index, end
            return None
    return None


def recorded_comment(text: str) -> Recorded:
    """Read the record comment of a translated document."""
    span = _comment_span(text)
    if span is None:
        return Recorded(None, {}, 1)
    lines = text.split("\n")[span[0] + 1:span[1]]
    try:
        data = yaml.safe_load("\n".join(lines))
    except yaml.YAMLError:
        data = None  # then nothing is recorded: every part shows as having no fingerprint
    return _record(data, SECTIONS, span[0] + 1)


@dataclass(frozen=True)
class Entry:
    """The status of one page, commitment or document section in one language."""

    page: str  # language-neutral source path, e.g. "commitments/social-media.md", or "CONTRIBUTING.md"
    commitment: str | None  # the section (a commitment ID, or a document section's anchor); None for the page text
    status: str  # TRANSLATED, OUTDATED or MISSING
    reason: str | None
    file: str  # the file a translator edits, e.g. "docs/commitments/social-media.km.md"
    line: int | None
    original: str = ""  # the English file, e.g. "docs/commitments/social-media.md"
    title: str | None = None  # a document section's English heading


@dataclass
class Status:
    """Every page and commitment of one language, in the order of the original
    pages, then the repository's documents (which are not pages of the site)."""

    lang: str
    entries: list[Entry] = field(default_factory=list)
    documents: list[Entry] = field(default_factory=list)
    _outdated: dict[str, set[str | None]] | None = field(default=None, repr=False, compare=False)

    def outdated(self, page: str) -> set[str | None]:
        """The outdated parts of a page's translation: None for its page text,
        commitment IDs (indexed once, so each page's look-up is cheap)."""
        if self._outdated is None:
            self._outdated = {}
            for e in self.entries:
                if e.status == OUTDATED:
                    self._outdated.setdefault(e.page, set()).add(e.commitment)
        return self._outdated.get(page, set())

    def count(self, status: str, commitments: bool) -> int:
        return sum(1 for e in self.entries if e.status == status and (e.commitment is not None) == commitments)

    def problems(self) -> list[Problem]:
        """Missing and outdated translations as problems (for releases)."""
        return [_problem(e, self.lang) for e in self.entries + self.documents if e.status != TRANSLATED]


def _problem(e: Entry, lang: str) -> Problem:
    english = e.original or f"docs/{e.page}"
    stamp = f"scripts/check --stamp {e.file}"
    if e.title is not None:  # a document's section
        what = f"the section '## {e.title}' "
        name = e.commitment
    elif e.commitment:
        what, name = f"{e.commitment} ", e.commitment
    else:
        what, name = "the page text ", PAGE
    if e.reason == NO_FILE:
        return Problem(e.file, None, f"{english} has no translation in '{lang}' ({e.file} does not exist)",
                       f"translate the page into {e.file}, then run scripts/check --stamp-all {e.file}")
    if e.reason == NO_ORIGINAL:
        return Problem(e.file, e.line, f"'<!-- en: #{name} -->' names no section of {english}",
                       f"write the anchor of the English section it translates (the '## ' heading in {english}, "
                       "lower case, with hyphens for spaces)")
    if e.reason == NO_SECTION:
        if e.title is not None:
            return Problem(e.file, None, f"{what}of {english} is not translated in this file",
                           f"translate it here, under a line '<!-- en: #{name} -->' right above its '## ' heading, "
                           f"then run {stamp} {name}")
        return Problem(e.file, None, f"{e.commitment} is not translated in this file",
                       f"translate the section from {english}, then run {stamp} {name}")
    message = f"{what}has no recorded fingerprint of its English source, so it may be outdated" \
        if e.reason == NO_FINGERPRINT else f"{what}is outdated: the English in {english} changed since it was translated"
    fix = f"translate the section from {english}, then run {stamp} {name}" if e.commitment \
        else f"bring the text in line with {english}, then run {stamp} {name}"
    return Problem(e.file, e.line, message, fix)


def page_status(page: str, lang: str, file: str, original: str, translation: str | None,
                front: dict | None, front_text: str | None) -> list[Entry]:
    """The entries of one page: its text, then each commitment of the original."""
    english = f"docs/{page}"
    source, commitments = fingerprints(_body(original))
    if translation is None:
        return [Entry(page, cid, MISSING, NO_FILE, file, None, english) for cid in [None, *commitments]]  # type: ignore[list-item]
    present = split(translation).lines  # lines of the file itself, front matter included
    return _judge(page, file, english, source, commitments, present, recorded(front, front_text), {})


def document_status(name: str, lang: str, file: str, original: str, translation: str | None) -> list[Entry]:
    """The entries of a repository document (CONTRIBUTING.md): its text
    before its first section, then each ``## `` section, by its anchor."""
    parts = split(original, document=True)
    source = fingerprint(parts.outside)
    sections = {key: fingerprint(body) for key, body in parts.sections.items()}
    if translation is None:
        return [Entry(name, None, MISSING, NO_FILE, file, None, name)]
    mine = split(translation, document=True, translated=True)
    entries = _judge(name, file, name, source, sections, mine.lines, recorded_comment(translation), parts.titles)
    entries += [Entry(name, key, OUTDATED, NO_ORIGINAL, file, line - 1, name)
                for key, line in mine.lines.items() if key not in sections]
    return entries


def _judge(page: str, file: str, english: str, source: str, sections: dict[str, str], present: dict[str, int],
           record: Recorded, titles: dict[str, str]) -> list[Entry]:
    def judge(expected: str, got: str | None) -> tuple[str, str | None]:
        if got is None:
            return OUTDATED, NO_FINGERPRINT
        return (TRANSLATED, None) if got == expected else (OUTDATED, CHANGED)

    status, reason = judge(source, record.source)
    entries = [Entry(page, None, status, reason, file, record.line, english)]
    for key, expected in sections.items():
        title = titles.get(key)
        if key not in present:
            entries.append(Entry(page, key, MISSING, NO_SECTION, file, None, english, title))
            continue
        status, reason = judge(expected, record.sections.get(key))
        entries.append(Entry(page, key, status, reason, file, present[key], english, title))
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


class StampError(ValueError):
    """A part named for stamping that cannot be stamped: what is wrong, and the fix."""

    def __init__(self, message: str, fix: str) -> None:
        super().__init__(f"{message}\n    Fix: {fix}")
        self.message, self.fix = message, fix


@dataclass(frozen=True)
class Stamped:
    text: str  # the translation with its new record
    stamped: list[str]  # the parts recorded as in line (PAGE, section names), in the page's order
    outdated_before: list[str]  # of those, the ones that were outdated or unrecorded before


def stamp(translation: str, original: str, parts: Collection[str] | None = None, document: bool = False) -> Stamped:
    """The translation with fingerprints of ``original`` recorded for
    ``parts`` (``PAGE`` and section names; None: every part the translation
    holds). The records of the other parts are kept as they were; a record of
    a section the original no longer has is dropped. Only the record changes:
    every other byte is kept."""
    if document:
        english = split(original, document=True)
        source, sections = fingerprint(english.outside), {k: fingerprint(v) for k, v in english.sections.items()}
        held = split(translation, document=True, translated=True).sections
        old = recorded_comment(translation)
    else:
        source, sections = fingerprints(_body(original))
        held = split(_body(translation)).sections
        front, _ = split_front_matter(translation)
        try:
            data = yaml.safe_load(front) if front is not None else None
        except yaml.YAMLError as error:
            raise StampError(f"the front matter cannot be read ({error})", "correct the front matter first") from None
        old = recorded(data if isinstance(data, dict) else None, front)
    mine = [key for key in sections if key in held]
    wanted = [PAGE, *mine] if parts is None else list(dict.fromkeys(parts))
    for part in wanted:
        if part == PAGE:
            continue
        if part not in sections:
            kind = "section" if document else "commitment"
            known = ", ".join(sections) or "none"
            raise StampError(f"'{part}' is not a {kind} of the original (its {kind}s: {known})",
                             f"name '{PAGE}' for the page text, or one of its {kind}s")
        if part not in held:
            raise StampError(f"'{part}' is not in this translation yet",
                             "translate its section first" + (f", under a line '<!-- en: #{part} -->'" if document else ""))
    new_source = source if PAGE in wanted else old.source
    new_sections = {key: sections[key] if key in wanted else old.sections[key]
                    for key in mine if key in wanted or key in old.sections}
    order = [PAGE, *mine]
    done = [part for part in order if part in wanted]
    before = [p for p in done if (old.source if p == PAGE else old.sections.get(p)) != (source if p == PAGE else sections[p])]
    block = _record_lines(new_source, SECTIONS if document else COMMITMENTS, new_sections)
    text = _write_comment(translation, block) if document else _write_front(translation, block)
    return Stamped(text, done, before)


def _record_lines(source: str | None, key: str, sections: dict[str, str]) -> list[str]:
    block = [f"{SOURCE}: {_quote(source)}"] if source is not None else []
    if sections:
        block.append(f"{key}:")
        block += [f"  {name}: {_quote(value)}" for name, value in sections.items()]
    return block


def _write_front(translation: str, block: list[str]) -> str:
    record = [f"{KEY}:", *(f"  {line}" for line in block)] if block else []
    front, skip = split_front_matter(translation)
    lines = translation.split("\n")
    if front is None:
        return ("---\n" + "\n".join(record) + "\n---\n" + translation) if record else translation
    kept = _without_record(front.split("\n"))
    while kept and not kept[-1].strip():
        kept.pop()
    return "\n".join([lines[0], *kept, *record, *lines[skip - 1:]])


def _write_comment(translation: str, block: list[str]) -> str:
    record = [RECORD_COMMENT + RECORD_NOTE, *block, "-->"]
    lines = translation.split("\n")
    span = _comment_span(translation)
    if span is None:
        return "\n".join(record) + "\n" + translation
    return "\n".join([*lines[:span[0]], *record, *lines[span[1] + 1:]])


def _quote(value: str) -> str:
    # Always quoted: "12345678" or "1e345678" would otherwise be read as a number.
    return f'"{value}"'
