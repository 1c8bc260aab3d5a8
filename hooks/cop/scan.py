"""What a Markdown page declares: its title, the commitments it holds, the
``[[ID]]`` references it makes and the generated blocks it asks for.

A single pass over the lines, skipping fenced code, so the cost is linear in
the size of the page. Line numbers are those of the file, front matter included.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from . import yamlfile
from .problems import Problem

HEADING = re.compile(r"^(?P<level>#{1,6})[ \t]+(?P<text>.*?)[ \t]*$")
ATTR_LIST = re.compile(r"[ \t]*\{[^{}]*\}[ \t]*$")
# ASCII digits only: "\d" would also read Khmer (០-៩) and full-width digits.
COMMITMENT_HEADING = re.compile(r"^(?P<id>[A-Z]{2,4}-[0-9]+)(?:[ \t]+(?P<title>.*))?$")
# What an editor may have meant as a commitment heading: letters, a dash and
# digits of any script, then anything (a colon, no space). Only a heading
# that matches this and not COMMITMENT_HEADING is reported.
LOOSE_COMMITMENT = re.compile(r"^(?P<prefix>[A-Za-z]{2,4})[ \t]*[-\u2010-\u2015\u2212][ \t]*(?P<number>\d+)(?P<rest>.*)$")
# Invisible format characters (Unicode category Cf: bidirectional controls,
# the soft hyphen, word joiners, tags): in a heading, a title or a name they
# can make it read differently from what a reviewer saw. Khmer needs three of
# them, next to Khmer letters: the zero-width space between words, and the
# zero-width non-joiner and joiner inside them.
KHMER_JOINERS = {"\u200b", "\u200c", "\u200d"}
_KHMER_LETTER = re.compile(r"[\u1780-\u17ff\u19e0-\u19ff]")
FENCE = re.compile(r"^[ \t]{0,3}(?P<fence>`{3,}|~{3,})")
INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
REFERENCE = re.compile(r"\[\[(?P<body>[^\[\]\n]*)\]\]")
DIRECTIVE = re.compile(r"^<!--[ \t]*cop:(?P<name>[A-Za-z0-9_-]*)[ \t]*-->[ \t]*$")
# Generated blocks a page may ask for with <!-- cop:NAME -->.
DIRECTIVES = {"commitments", "commitment-index", "matrix", "roles", "sectors", "key-areas", "offline-bundle",
              "crosswalk", "checklist", "checklists", "translation-status",
              # The change history and the whole-guideline PDF (cop/changes.py, cop/render.py).
              "history", "guideline-pdf",
              # The glossary, from model/glossary.yml.
              "glossary",
              # The one procedure for suspected child sexual abuse material, from model/csam.yml.
              "csam-procedure",
              # The assessments: the list and its files, the questionnaire, risk,
              # the report, checking an exported file, the questionnaire's rules.
              "assessments", "applicability", "risk", "report", "assessment-check", "applicability-rules",
              # On a template page: what a template is not (labels.yml), and its editable download.
              "template",
              # Contacts from model/contacts.yml: every one, or those for one
              # group (cop.contacts.GROUPS); the last full accessibility check.
              "contacts", "contacts-children", "contacts-parents", "contacts-industry",
              "accessibility-check"}
# Anything an editor may have meant as a directive: "<!-- cop: matrix -->",
# "<!--COP:matrix-->", "<!-- cop matrix -->", one inside a line, the build's
# own placeholder (parsed strictly). "<!-- COP draft -->" is a comment.
DIRECTIVE_LIKE = re.compile(r"<!--[ \t]*cop(?:[ \t]*:|-block\b|[ \t]+(?:" + "|".join(sorted(DIRECTIVES))
                            + r")[ \t]*-->)[^\n]*?(?:-->|$)", re.I)


@dataclass
class Heading:
    level: int
    text: str
    line: int


@dataclass
class Section:
    """A commitment as written in one language: ``## ID Title`` and its body."""

    id: str
    title: str
    line: int
    subheadings: list[Heading] = field(default_factory=list)
    # The Markdown lines under each level-3 part heading (by its text), up to
    # the next heading of level 3 or above: checklists quote the evidence part.
    parts: dict[str, list[str]] = field(default_factory=dict)

    def part(self, name: str) -> str | None:
        """The Markdown of the part headed ``### name``, or None."""
        lines = self.parts.get(name)
        return None if lines is None else "\n".join(lines).strip("\n")


@dataclass
class Reference:
    id: str
    text: str | None
    line: int


@dataclass
class PageScan:
    title: str | None = None
    title_line: int | None = None
    front: dict | None = None  # the parsed front matter
    front_text: str | None = None
    sections: list[Section] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    directives: list[tuple[str, int]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def lines_outside_code(lines: list[str], start: int = 0):
    """Yield (index, line, in_code) for ``lines[start:]``; in_code is True for
    fenced code blocks, their fence lines included."""
    fence: str | None = None
    for index in range(start, len(lines)):
        line = lines[index]
        opener = FENCE.match(line)
        if fence is not None:
            closes = opener is not None and opener["fence"][0] == fence[0] and len(opener["fence"]) >= len(fence) \
                and not line.strip()[len(opener["fence"]):].strip()
            if closes:
                fence = None
            yield index, line, True
        elif opener:
            fence = opener["fence"]
            yield index, line, True
        else:
            yield index, line, False


def invisible(text: str) -> list[tuple[int, str]]:
    """The invisible format characters of ``text`` that Khmer does not need
    there: (position, character)."""
    found = []
    for index, char in enumerate(text):
        if unicodedata.category(char) != "Cf":
            continue
        if char in KHMER_JOINERS and any(_KHMER_LETTER.match(near) for near in text[max(0, index - 1):index + 2]):
            continue
        found.append((index, char))
    return found


def invisible_problem(file: str, line: int | None, what: str, text: str) -> Problem | None:
    """A problem for the invisible characters of a heading, title or name, if any."""
    found = invisible(text)
    if not found:
        return None
    names = ", ".join(sorted({f"U+{ord(ch):04X} {unicodedata.name(ch, 'FORMAT CHARACTER')}" for _, ch in found}))
    return Problem(file, line, f"the {what} holds an invisible character that can change how it reads ({names})",
                   "retype the line without it (an editor that shows invisible characters helps); "
                   "only the zero-width space and (non-)joiner are kept, next to Khmer letters")


def malformed_commitment(text: str) -> tuple[str, str] | None:
    """(the ID meant, the heading as it should be written) for a level-2
    heading that looks like a commitment heading written the wrong way."""
    if COMMITMENT_HEADING.match(text):
        return None
    loose = LOOSE_COMMITMENT.match(text)
    if loose is None:
        return None
    number = "".join(str(unicodedata.digit(ch)) for ch in loose["number"])
    cid = f"{loose['prefix'].upper()}-{number}"
    title = loose["rest"].lstrip(" \t:.-–—|)").strip()
    return cid, f"## {cid} {title}".rstrip()


def heading_text(raw: str) -> str:
    """A heading's text without a trailing attribute list (``{#id}``)."""
    return ATTR_LIST.sub("", raw).strip()


def code_spans_blanked(line: str) -> str:
    """The line with inline code replaced by spaces, so nothing in it is read."""
    return INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line)


def split_front_matter(text: str) -> tuple[str | None, int]:
    """Return (front matter text or None, number of lines it takes)."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None, 0
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return "\n".join(lines[1:index]), index + 1
    return None, 0


def scan(text: str, file: str) -> PageScan:
    """Read one page. ``file`` is the path shown in problems (``docs/...``)."""
    page = PageScan()
    front, skip = split_front_matter(text)
    if front is not None:
        data, problems = yamlfile.load(front, file, line_offset=1)
        page.problems += problems
        if not problems and data is not None and not isinstance(data, dict):
            page.problems.append(Problem(file, 2, "the front matter is not a list of 'key: value' lines",
                                         "write it as 'title: ...' lines between the two '---' lines, or remove it"))
        if isinstance(data, dict):
            page.front, page.front_text = data, front
        if isinstance(data, dict) and isinstance(data.get("title"), str):
            page.title, page.title_line = data["title"].strip(), 2
            hidden = invisible_problem(file, 2, "title", page.title)
            if hidden:
                page.problems.append(hidden)
    elif text.startswith("---"):
        page.problems.append(Problem(file, 1, "the front matter opened with '---' is never closed",
                                     "add a line with '---' after the last 'key: value' line"))

    current: Section | None = None
    part: list[str] | None = None  # the lines of the part being read
    for number, raw, in_code in lines_outside_code(text.split("\n"), skip):
        if in_code:
            if part is not None:
                part.append(raw)
            continue
        line_no = number + 1

        directive = DIRECTIVE.match(raw)
        if directive:
            page.directives.append((directive["name"], line_no))
            continue
        loose = DIRECTIVE_LIKE.search(code_spans_blanked(raw))
        if loose:
            written = loose.group(0).strip()
            page.problems.append(Problem(
                file, line_no, f"'{written}' looks like a generated block but is not written as one",
                "write it alone on its line, exactly as <!-- cop:NAME --> (no space after 'cop:'), "
                "or, to show it as an example, put it in `code`"))

        in_body = part is not None  # a line of the part being read
        heading = HEADING.match(raw)
        if heading:
            level = len(heading["level"])
            text_ = heading_text(heading["text"])
            hidden = invisible_problem(file, line_no, "heading", text_)
            if hidden:
                page.problems.append(hidden)
            if level == 1 and page.title is None:
                page.title, page.title_line = text_, line_no
            if level <= 3:
                part, in_body = None, False
            if level <= 2:
                current = None
                match = COMMITMENT_HEADING.match(text_) if level == 2 else None
                meant = malformed_commitment(text_) if level == 2 else None
                if meant:
                    # Reported here, at its line; the section is still read under
                    # the ID meant, so no other check reports it as missing.
                    page.problems.append(Problem(
                        file, line_no, f"'## {text_}' is a commitment heading written the wrong way",
                        f"write it as '{meant[1]}': the ID in capitals with ASCII digits (0-9), one space, the title"))
                    current = Section(meant[0], meant[1][len(meant[0]) + 4:], line_no)
                    page.sections.append(current)
                elif match:
                    current = Section(match["id"], (match["title"] or "").strip(), line_no)
                    page.sections.append(current)
            elif current is not None:
                current.subheadings.append(Heading(level, text_, line_no))
                if level == 3 and text_ not in current.parts:
                    part = current.parts[text_] = []
        if in_body and part is not None:
            part.append(raw)

        for ref in REFERENCE.finditer(code_spans_blanked(raw)):
            target, bar, label = ref["body"].partition("|")
            page.references.append(Reference(target.strip(), label.strip() if bar else None, line_no))
    return page
