"""Which commitments apply to a company: the questionnaire's rules
(``model/applicability.yml``), checked, and what a set of answers brings in.

A question asks about the company's services, not its sector label ("can
users contact each other?"). Answering it "yes" (or "not sure", which counts
as yes so that nothing is left out by doubt) brings in whole sectors and
single commitments, each with the question's reason. A question may count
only when another does (``only_if``: "could children use it?" matters for a
service where users post or contact each other, or an app, not for a network
alone): its "yes" then brings nothing in unless one of those earlier
questions was answered "yes" or "not sure". Commitments for every sector
always apply. A commitment resting on a legal duty (any basis kind
starting with ``law``) that the answers leave out is never dropped silently:
:func:`result` lists it with why it was left out and which answers would
bring it in. The browser applies the same rules to the same data
(``overrides/assets/javascripts/assessment.js``); the tests compare the two.

Pure functions over the model; the file is read once per catalog.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import yamlfile
from .problems import Problem

if TYPE_CHECKING:  # model imports this module to load the rules
    from .model import Commitment, Model

APPLICABILITY = "model/applicability.yml"
# The answers a question takes; the first two bring its sectors and commitments in.
ANSWERS = ("yes", "no", "unsure")
BRINGS_IN = ("yes", "unsure")
QUESTION_FIELDS = {"id", "question", "help", "reason", "sectors", "commitments", "only_if"}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_KHMER = re.compile(r"[\u1780-\u17ff]")
# Markup in a question: the page shows it as text.
_MARKUP = re.compile(r"<[A-Za-z/!]|&#?[A-Za-z0-9]+;|\[\[|`")


@dataclass(frozen=True)
class Question:
    id: str
    text: dict[str, str]  # language -> the question
    help: dict[str, str] | None  # language -> examples, or None
    reason: dict[str, str]  # language -> why a "yes" brings its commitments in
    sectors: tuple[str, ...]
    commitments: tuple[str, ...]
    only_if: tuple[str, ...] = ()  # earlier questions, one of which must bring things in for this one to count
    line: int | None = field(default=None, compare=False)

    def counts(self, answers: dict[str, str]) -> bool:
        """Whether this question's answer brings its sectors and commitments in."""
        if answers.get(self.id) not in BRINGS_IN:
            return False
        return not self.only_if or any(answers.get(qid) in BRINGS_IN for qid in self.only_if)


@dataclass(frozen=True)
class Rules:
    questions: tuple[Question, ...] = ()


def is_legal(commitment: Commitment) -> bool:
    """Whether any part of the commitment rests on a legal duty, certain or
    possible (``law``, and any later kind starting with ``law``)."""
    return any(b.kind.startswith("law") for b in commitment.basis)


def _texts(entry: dict, key: str, qid: str, languages: list[str], required: bool, line: int | None,
           problems: list[Problem], khmer: str) -> dict[str, str] | None:
    value = entry.get(key)
    at = yamlfile.line_of(entry, key) or line
    if value is None and not required:
        return None
    if not isinstance(value, dict):
        problems.append(Problem(APPLICABILITY, at, f"question '{qid}': '{key}' needs a text per language",
                                f"write {key}: with one line per language: {', '.join(f'{l}: ...' for l in languages)}"))
        return None
    out: dict[str, str] = {}
    for lang in languages:
        text = value.get(lang)
        where = (yamlfile.line_of(value, lang) if lang in value else at) or at
        if not isinstance(text, str) or not text.strip():
            problems.append(Problem(APPLICABILITY, where, f"question '{qid}': '{key}' has no '{lang}' text",
                                    f"add '{lang}: ...' under {key}: with the words in that language"))
            continue
        if _MARKUP.search(text):
            problems.append(Problem(APPLICABILITY, where, f"question '{qid}': the '{lang}' {key} holds markup "
                                    f"('{_MARKUP.search(text).group(0)}')",
                                    "write plain text: the page shows it as written (no tags, entities, [[ID]] or `code`)"))
        if lang == khmer and not _KHMER.search(text):
            problems.append(Problem(APPLICABILITY, where, f"question '{qid}': the '{lang}' {key} is not in Khmer",
                                    "translate it into Khmer (the English text belongs under en:)"))
        out[lang] = " ".join(text.split())
    for name in sorted(set(value) - set(languages)):
        problems.append(Problem(APPLICABILITY, yamlfile.line_of(value, name) or at,
                                f"question '{qid}': '{key}' has text in '{name}', which is not a language of the site",
                                f"use only: {', '.join(languages)}"))
    return out if len(out) == len(languages) else None


def _ids(entry: dict, key: str, qid: str, known: Any, what: str, line: int | None,
         problems: list[Problem]) -> tuple[str, ...]:
    value = entry.get(key, [])
    at = yamlfile.line_of(entry, key) or line
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(Problem(APPLICABILITY, at, f"question '{qid}': '{key}' must be a list of {what} IDs",
                                f"write {key}: [first-id, second-id]"))
        return ()
    out = []
    for item in value:
        if item not in known:
            close = difflib.get_close_matches(item, list(known), n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            problems.append(Problem(APPLICABILITY, at, f"question '{qid}': unknown {what} '{item}'{hint}",
                                    f"use {what} IDs from model/: {', '.join(list(known)[:8])}..."))
        elif item in out:
            problems.append(Problem(APPLICABILITY, at, f"question '{qid}': {what} '{item}' is listed twice",
                                    "list each once"))
        else:
            out.append(item)
    return tuple(out)


def load(root: Path, model: Model, languages: list[str]) -> tuple[Rules, list[Problem]]:
    """Read and check the rules against the model: every ID known, every
    text in every language, every sector and every commitment that is not
    for all sectors reachable by some question."""
    try:
        text = (root / APPLICABILITY).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return Rules(), [Problem(APPLICABILITY, None, "file is missing (the questionnaire's rules)",
                                 f"restore {APPLICABILITY} from version control")]
    data, problems = yamlfile.load(text, APPLICABILITY)
    if problems:
        return Rules(), problems
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list) or not data["questions"]:
        return Rules(), [Problem(APPLICABILITY, 1, "expected 'questions:' followed by '- id: ...' entries",
                                 "restore the file's structure from version control (the comment at its top shows it)")]
    for name in sorted(set(data) - {"questions"}):
        problems.append(Problem(APPLICABILITY, yamlfile.line_of(data, name), f"unknown section '{name}'",
                                "the file has one section, questions:"))
    khmer = next((lang for lang in languages if lang == "km"), "")
    questions: list[Question] = []
    seen: dict[str, int | None] = {}
    conditional: set[str] = set()  # the questions with only_if, which another may not name
    for entry in data["questions"]:
        line = getattr(entry, "line", None)
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            problems.append(Problem(APPLICABILITY, line, "a question has no 'id'", "start each question with '- id: some-id'"))
            continue
        qid = entry["id"]
        if not SLUG.match(qid):
            problems.append(Problem(APPLICABILITY, line, f"question ID '{qid}' is not lower-case words joined by hyphens",
                                    "use an ID like 'user-content'; it is stored with every answer, so never change it once published"))
        if qid in seen:
            problems.append(Problem(APPLICABILITY, line, f"question '{qid}' is defined twice (first on line {seen[qid]})",
                                    "give each question its own ID"))
            continue
        seen[qid] = line
        for name in sorted(set(entry) - QUESTION_FIELDS):
            problems.append(Problem(APPLICABILITY, yamlfile.line_of(entry, name), f"question '{qid}': unknown field '{name}'",
                                    f"use only: {', '.join(sorted(QUESTION_FIELDS))}"))
        asked = _texts(entry, "question", qid, languages, True, line, problems, khmer)
        helped = _texts(entry, "help", qid, languages, False, line, problems, khmer)
        reason = _texts(entry, "reason", qid, languages, True, line, problems, khmer)
        sectors = _ids(entry, "sectors", qid, model.sectors, "sector", line, problems)
        commitments = _ids(entry, "commitments", qid, model.commitments, "commitment", line, problems)
        only_if = _only_if(entry, qid, seen, conditional, line, problems)
        for cid in commitments:
            commitment = model.commitments[cid]
            if commitment.applies_to_all:
                problems.append(Problem(APPLICABILITY, yamlfile.line_of(entry, "commitments") or line,
                                        f"question '{qid}': {cid} applies to every sector, so it always applies",
                                        f"remove {cid} from the question's commitments"))
        if not sectors and not commitments and "sectors" not in entry and "commitments" not in entry:
            problems.append(Problem(APPLICABILITY, line, f"question '{qid}' brings in nothing",
                                    "give it sectors: [...] or commitments: [...] that a 'yes' brings in"))
        if asked and reason:
            questions.append(Question(qid, asked, helped, reason, sectors, commitments, only_if, line))
    rules = Rules(tuple(questions))
    if not problems:
        problems += _unreachable(rules, model)
    return rules, problems


def _only_if(entry: dict, qid: str, earlier: dict[str, int | None], conditional: set[str], line: int | None,
             problems: list[Problem]) -> tuple[str, ...]:
    """The questions a question depends on: each asked before it (the reader
    has answered them when reaching it) and not itself conditional, so one
    answer never hangs on a chain."""
    if "only_if" not in entry:
        return ()
    at = yamlfile.line_of(entry, "only_if") or line
    value = entry["only_if"]
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        problems.append(Problem(APPLICABILITY, at, f"question '{qid}': 'only_if' must be a list of question IDs",
                                "write only_if: [first-question, second-question], questions asked before this one"))
        return ()
    out: list[str] = []
    for item in value:
        if item == qid or item not in earlier:
            close = difflib.get_close_matches(item, [q for q in earlier if q != qid], n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            problems.append(Problem(APPLICABILITY, at, f"question '{qid}': only_if names '{item}', "
                                    f"which is not a question asked before it{hint}",
                                    "name questions defined above this one in the file"))
        elif item in conditional:
            problems.append(Problem(APPLICABILITY, at, f"question '{qid}': only_if names '{item}', which has an only_if itself",
                                    "name questions that count on their own answer"))
        elif item in out:
            problems.append(Problem(APPLICABILITY, at, f"question '{qid}': only_if lists '{item}' twice", "list each once"))
        else:
            out.append(item)
    conditional.add(qid)
    return tuple(out)


def _unreachable(rules: Rules, model: Model) -> list[Problem]:
    """A sector no question brings in, or a commitment no answer can bring
    in, could never apply: the questionnaire would leave it out for everyone."""
    problems = []
    sectors = {s for q in rules.questions for s in q.sectors}
    for sector in model.sectors:
        if sector not in sectors:
            problems.append(Problem(APPLICABILITY, None, f"no question brings in sector '{sector}'",
                                    f"add {sector} to the sectors of the question about that kind of service"))
    reachable = {c for q in rules.questions for c in q.commitments} | {
        cid for cid, c in model.commitments.items() if c.applies_to_all or set(c.sectors) & sectors}
    for cid in model.commitments:
        if cid not in reachable:
            problems.append(Problem(APPLICABILITY, None, f"no answer can bring in {cid}",
                                    f"add {cid}, or one of its sectors, to a question"))
    return problems


@dataclass
class Result:
    """What a set of answers brings in. ``applies``: commitment -> the IDs of
    the questions that brought it in (empty: it applies to every sector);
    ``legal_left_out``: commitments with a legal basis the answers leave out;
    ``left_out``: the others; ``unanswered``: questions with no answer."""

    applies: dict[str, list[str]] = field(default_factory=dict)
    legal_left_out: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    unanswered: list[str] = field(default_factory=list)


def result(rules: Rules, model: Model, answers: dict[str, str]) -> Result:
    """The commitments a company's answers bring in, in the model's order."""
    out = Result()
    brought: dict[str, list[str]] = {}
    for question in rules.questions:
        if answers.get(question.id) not in ANSWERS:
            out.unanswered.append(question.id)
        if not question.counts(answers):
            continue
        for cid, commitment in model.commitments.items():
            if cid in question.commitments or set(commitment.sectors) & set(question.sectors):
                if not commitment.applies_to_all:
                    brought.setdefault(cid, []).append(question.id)
    for cid, commitment in model.commitments.items():
        if commitment.applies_to_all:
            out.applies[cid] = []
        elif cid in brought:
            out.applies[cid] = brought[cid]
        elif is_legal(commitment):
            out.legal_left_out.append(cid)
        else:
            out.left_out.append(cid)
    return out


def bringers(rules: Rules, model: Model, cid: str) -> list[str]:
    """The questions whose "yes" brings ``cid`` in."""
    commitment = model.commitments[cid]
    return [q.id for q in rules.questions if cid in q.commitments or set(commitment.sectors) & set(q.sectors)]
