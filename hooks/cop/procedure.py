"""The one procedure for suspected child sexual abuse material
(``model/csam.yml``): its steps in order, who at the company takes each one,
and what no one may ever do, in every language.

Written once as data so that no page can give a different order or a
different step: the key-area page places it (``<!-- cop:csam-procedure -->``)
and every other page links to it. The order of the four steps that decide
what happens to the material is checked here, because getting it wrong harms
a child (removal before access is cut) or an investigation (removal before
the evidence is kept and the report made).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import yamlfile
from .problems import Problem

PROCEDURE = "model/csam.yml"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
STEP_FIELDS = {"id", "by", "title", "text"}
# ``by`` for a step that whoever finds the case takes at once (a child in
# danger now): naming one role there would have the others wait for it.
ANYONE = "anyone"
RULE_FIELDS = {"id", "text"}
# Steps that must be there, in this order (others may come between them):
# access is cut before anything else, the evidence is kept where it is and the
# report made before the material is removed.
ORDER = ("cut-access", "preserve", "report", "remove")
# Markdown or HTML in a step: its words are shown as written.
_MARKUP = re.compile(r"<[A-Za-z/!?]|[`\\]|\*\S|\[|\]|&#?[A-Za-z0-9]+;")


@dataclass(frozen=True)
class Step:
    id: str
    by: str  # the internal role that takes this step, or ANYONE
    title: dict[str, str]  # language -> a few words
    text: dict[str, str]  # language -> what to do
    line: int | None


@dataclass(frozen=True)
class Rule:
    id: str
    text: dict[str, str]  # language -> what never to do
    line: int | None


@dataclass(frozen=True)
class Procedure:
    steps: tuple[Step, ...] = ()
    never: tuple[Rule, ...] = ()

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)


def load(root: Path, languages: list[str], roles: dict[str, str]) -> tuple[Procedure, list[Problem]]:
    """Read and check the procedure. ``roles``: role ID -> its kind
    (``internal`` or ``partner``), from the taxonomy."""
    try:
        text = (root / PROCEDURE).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return Procedure(), [Problem(PROCEDURE, None, "file is missing", f"restore {PROCEDURE} from version control")]
    data, problems = yamlfile.load(text, PROCEDURE)
    if problems:
        return Procedure(), problems
    if not isinstance(data, dict) or not isinstance(data.get("steps"), list) or not isinstance(data.get("never"), list):
        return Procedure(), [Problem(PROCEDURE, 1, "expected a list 'steps:' and a list 'never:'",
                                     "restore the file's structure from version control")]
    for name in sorted(set(data) - {"steps", "never"}):
        problems.append(Problem(PROCEDURE, yamlfile.line_of(data, name), f"unknown section '{name}'",
                                "use only: steps, never"))
    langs = ", ".join(languages)
    seen: dict[str, int | None] = {}

    def texts(entry: dict, key: str, what: str, line: int | None) -> dict[str, str]:
        value = entry.get(key)
        out: dict[str, str] = {}
        for lang in languages:
            words = value.get(lang) if isinstance(value, dict) else None
            where = (yamlfile.line_of(value, lang) if isinstance(value, dict) else None) or yamlfile.line_of(entry, key) or line
            if not isinstance(words, str) or not words.strip():
                problems.append(Problem(PROCEDURE, where, f"{what} has no {key} in '{lang}'",
                                        f"give '{key}:' with {langs}: ... (the words in each language)"))
                continue
            mark = _MARKUP.search(words)
            if mark:
                problems.append(Problem(PROCEDURE, where, f"the '{lang}' {key} of {what} holds Markdown or HTML ('{mark.group(0)}')",
                                        "write plain text: the page shows it as written"))
            # One paragraph per line: a blank line in the YAML ends a paragraph.
            paragraphs = (" ".join(part.split()) for part in words.split("\n"))
            out[lang] = "\n".join(part for part in paragraphs if part)
        return out

    def identity(entry: Any, section: str, fields: set[str]) -> tuple[str, int | None] | None:
        line = getattr(entry, "line", None)
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not SLUG.match(entry["id"]):
            problems.append(Problem(PROCEDURE, line, f"an entry of '{section}' has no id of lower-case words joined by hyphens",
                                    "start each entry with '- id: some-id'; an id never changes once published (pages link to it)"))
            return None
        item = entry["id"]
        for name in sorted(set(entry) - fields):
            problems.append(Problem(PROCEDURE, yamlfile.line_of(entry, name), f"{section} '{item}': unknown field '{name}'",
                                    f"use only: {', '.join(sorted(fields))}"))
        if item in seen:
            problems.append(Problem(PROCEDURE, line, f"id '{item}' is used twice (first on line {seen[item]})",
                                    "give each step and rule its own id"))
            return None
        seen[item] = line
        return item, line

    steps: list[Step] = []
    for entry in data["steps"]:
        found = identity(entry, "steps", STEP_FIELDS)
        if found is None:
            continue
        item, line = found
        by = entry.get("by")
        if by == ANYONE:
            pass  # a step no one may wait to be assigned: whoever finds the case takes it
        elif not isinstance(by, str) or by not in roles:
            problems.append(Problem(PROCEDURE, yamlfile.line_of(entry, "by") or line,
                                    f"step '{item}': 'by' is {by!r}, not a role of the taxonomy",
                                    f"name the function inside the company that takes the step, or {ANYONE} "
                                    "for a step whoever finds the case takes, one of: "
                                    + ", ".join(r for r, kind in roles.items() if kind == "internal")))
            by = ""
        elif roles[by] != "internal":
            problems.append(Problem(PROCEDURE, yamlfile.line_of(entry, "by") or line,
                                    f"step '{item}': '{by}' is an outside partner, not someone at the company",
                                    "name the internal role that takes the step; the text can say who it works with"))
        steps.append(Step(item, by, texts(entry, "title", f"step '{item}'", line),
                          texts(entry, "text", f"step '{item}'", line), line))

    never: list[Rule] = []
    for entry in data["never"]:
        found = identity(entry, "never", RULE_FIELDS)
        if found is None:
            continue
        item, line = found
        never.append(Rule(item, texts(entry, "text", f"rule '{item}'", line), line))

    if not steps:
        problems.append(Problem(PROCEDURE, yamlfile.line_of(data, "steps"), "the procedure has no steps",
                                f"write the steps, at least: {', '.join(ORDER)}"))
    if not never:
        problems.append(Problem(PROCEDURE, yamlfile.line_of(data, "never"), "the procedure says nothing that must never be done",
                                "list under 'never:' what no one may do with the material (copy it, download it, forward it...)"))
    ids = [s.id for s in steps]
    for required in ORDER:
        if steps and required not in ids:
            problems.append(Problem(PROCEDURE, yamlfile.line_of(data, "steps"), f"the procedure has no step '{required}'",
                                    f"the steps must include, in this order: {', '.join(ORDER)}"))
    present = [step for step in ids if step in ORDER]
    expected = [step for step in ORDER if step in ids]
    if present != expected:
        first = next(s for s, e in zip(present, expected) if s != e)
        problems.append(Problem(PROCEDURE, next(s.line for s in steps if s.id == first),
                                f"step '{first}' is out of order: these steps go {' → '.join(expected)}",
                                "cut access first; keep the evidence and report before anything is removed"))
    return Procedure(tuple(steps), tuple(never)), problems
