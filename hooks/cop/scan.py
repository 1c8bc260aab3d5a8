"""What a Markdown page declares: its title, the commitments it holds, the
``[[ID]]`` references it makes and the generated blocks it asks for.

A single pass over the lines, skipping fenced code, so the cost is linear in
the size of the page. Line numbers are those of the file, front matter included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import yamlfile
from .problems import Problem

HEADING = re.compile(r"^(?P<level>#{1,6})[ \t]+(?P<text>.*?)[ \t]*$")
ATTR_LIST = re.compile(r"[ \t]*\{[^{}]*\}[ \t]*$")
COMMITMENT_HEADING = re.compile(r"^(?P<id>[A-Z]{2,4}-\d+)(?:[ \t]+(?P<title>.*))?$")
FENCE = re.compile(r"^[ \t]{0,3}(?P<fence>`{3,}|~{3,})")
INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
REFERENCE = re.compile(r"\[\[(?P<body>[^\[\]\n]*)\]\]")
DIRECTIVE = re.compile(r"^<!--[ \t]*cop:(?P<name>[A-Za-z0-9_-]*)[ \t]*-->[ \t]*$")
# Generated blocks a page may ask for with <!-- cop:NAME -->.
DIRECTIVES = {"commitments", "commitment-index", "matrix", "roles", "sectors", "key-areas", "offline-bundle",
              "crosswalk", "checklist", "checklists", "translation-status",
              # Issue 17, written by hooks/cop_history.py: the change history, the whole-guideline PDF link.
              "history", "guideline-pdf",
              # Issue 15: the glossary, from model/glossary.yml.
              "glossary",
              # Contacts from model/contacts.yml: every one, or those for one
              # group (cop.contacts.GROUPS); the last full accessibility check.
              "contacts", "contacts-children", "contacts-parents", "contacts-industry",
              "accessibility-check"}
# Anything an editor may have meant as a directive: "<!-- cop: matrix -->",
# "<!--COP:matrix-->", "<!-- cop matrix -->", one inside a line, the build's
# own placeholder (issue 12: parsed strictly). "<!-- COP draft -->" is a comment.
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
            if level == 1 and page.title is None:
                page.title, page.title_line = text_, line_no
            if level <= 3:
                part, in_body = None, False
            if level <= 2:
                current = None
                match = COMMITMENT_HEADING.match(text_) if level == 2 else None
                if match:
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
