"""The glossary as data, and our own terminology check.

``model/glossary.yml`` lists each term in English and Khmer with its meaning,
the Khmer variants to avoid (each with why), and, for an English name kept in
Khmer text, its Khmer gloss. :func:`check` reads every Khmer page and the
Khmer words of the model and reports each variant with its file, line and the
preferred term, as Vale does for English; a variant inside a longer term of
the glossary is fine (បណ្តាញ inside បណ្តាញសង្គម), and
``<!-- term-ok VARIANT: reason -->`` on a line allows one occurrence there.

Khmer text is compared after Unicode NFC normalisation with zero-width
characters removed. TODO(lead): use issue 14's Khmer normalisation
(cop.khmer) here once it has landed on main, so the check and the search
agree on what counts as the same word.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import yamlfile
from .problems import Problem
from .scan import lines_outside_code

GLOSSARY = "model/glossary.yml"
KHMER = "km"
# The model files whose Khmer words are checked too (the glossary itself
# names the variants, so it is not).
MODEL_FILES = ("model/labels.yml", "model/taxonomy.yml", "model/commitments.yml", "model/sources.yml")
ALLOW = re.compile(r"<!--\s*term-ok\s+(?P<variant>[^:>]+?)\s*:\s*(?P<reason>[^>]*?)\s*-->")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def normal(text: str) -> str:
    """NFC, without zero-width characters."""
    return unicodedata.normalize("NFC", text).translate(_INVISIBLE)


@dataclass(frozen=True)
class Avoid:
    variant: str
    why: dict[str, str]


@dataclass(frozen=True)
class Term:
    en: str
    km: str
    meaning: dict[str, str]
    avoid: tuple[Avoid, ...] = ()
    name: str | None = None  # an English name kept in Khmer text
    gloss: str | None = None  # its Khmer gloss
    line: int | None = None


@dataclass
class Glossary:
    terms: list[Term] = field(default_factory=list)


def load(root: Path, languages: list[str]) -> tuple[Glossary, list[Problem]]:
    try:
        text = (root / GLOSSARY).read_text(encoding="utf-8")
    except FileNotFoundError:
        return Glossary(), [Problem(GLOSSARY, None, "file is missing", f"restore {GLOSSARY} from version control")]
    data, problems = yamlfile.load(text, GLOSSARY)
    if problems:
        return Glossary(), problems
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        return Glossary(), [Problem(GLOSSARY, 1, "expected 'terms:' followed by '- en: ...' entries",
                                    "restore the file's structure from version control")]
    glossary = Glossary()
    seen: dict[str, int | None] = {}
    for entry in data["terms"]:
        line = getattr(entry, "line", None)

        def bad(message: str, fix: str) -> None:
            problems.append(Problem(GLOSSARY, line, message, fix))

        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) and entry[k].strip() for k in ("en", "km")):
            bad("a term lacks 'en' or 'km'", "give the term in English (en:) and in Khmer (km:)")
            continue
        en = entry["en"]
        meaning: Any = entry.get("meaning")
        if not isinstance(meaning, dict) or any(not isinstance(meaning.get(l), str) or not meaning[l].strip() for l in languages):
            bad(f"term '{en}' has no meaning in every language", f"add meaning: with {', '.join(languages)}")
            meaning = {}
        if en.lower() in seen:
            bad(f"term '{en}' is listed twice (first on line {seen[en.lower()]})", "keep one entry")
        seen[en.lower()] = line
        avoid: list[Avoid] = []
        for item in entry.get("avoid") or []:
            why = item.get("why") if isinstance(item, dict) else None
            if not isinstance(item, dict) or not isinstance(item.get("variant"), str) or not isinstance(why, dict) \
                    or any(not isinstance(why.get(l), str) for l in languages):
                bad(f"term '{en}': an 'avoid' entry needs variant and why ({', '.join(languages)})",
                    "write '- variant: ...' with why: {en: ..., km: ...}")
                continue
            avoid.append(Avoid(normal(item["variant"]), dict(why)))
        name, gloss = entry.get("name"), entry.get("gloss")
        if (name is None) != (gloss is None):
            bad(f"term '{en}': 'name' and 'gloss' go together", "give both the English name and its Khmer gloss, or neither")
        glossary.terms.append(Term(en, entry["km"], dict(meaning), tuple(avoid),
                                   str(name) if name else None, normal(str(gloss)) if gloss else None, line))
    return glossary, problems


def _allowed_spans(line: str, longer: list[str]) -> list[tuple[int, int]]:
    spans = []
    for term in longer:
        start = line.find(term)
        while start >= 0:
            spans.append((start, start + len(term)))
            start = line.find(term, start + 1)
    return spans


def check_text(glossary: Glossary, text: str, where: str, markdown: bool = True) -> list[Problem]:
    """Variants and unglossed names in one Khmer text (a page or a model file)."""
    problems: list[Problem] = []
    preferred = [normal(t.km) for t in glossary.terms]
    rules = [(t, a, [p for p in preferred if a.variant in p and p != a.variant]) for t in glossary.terms for a in t.avoid]
    names = [t for t in glossary.terms if t.name and t.gloss]
    glossed: set[str] = set()
    lines = text.split("\n")
    rows = lines_outside_code(lines) if markdown else ((i, l, False) for i, l in enumerate(lines))
    for index, raw, in_code in rows:
        if in_code:
            continue
        allowed = {normal(m["variant"]): m["reason"] for m in ALLOW.finditer(raw)}
        line = normal(ALLOW.sub("", raw))
        for term, avoid, longer in rules:
            spans = _allowed_spans(line, longer)
            start = line.find(avoid.variant)
            while start >= 0:
                end = start + len(avoid.variant)
                inside = any(a <= start and end <= b for a, b in spans)
                if not inside:
                    if avoid.variant in allowed and allowed[avoid.variant]:
                        allowed.pop(avoid.variant)  # one justified occurrence per marker
                    else:
                        problems.append(Problem(
                            where, index + 1,
                            f"'{avoid.variant}' is a variant to avoid ({avoid.why['en']})",
                            f"write '{term.km}' ({term.en}), or justify this one occurrence with "
                            f"<!-- term-ok {avoid.variant}: reason --> on the line"))
                start = line.find(avoid.variant, end)
        for term in names:
            assert term.name and term.gloss
            if term.name in glossed:
                continue
            at = line.find(term.name)
            if at >= 0:
                glossed.add(term.name)
                after = line[at + len(term.name):].lstrip()
                if not after.startswith(f"({term.gloss})"):
                    problems.append(Problem(where, index + 1, f"first mention of '{term.name}' on this page has no Khmer gloss",
                                            f"write '{term.name} ({term.gloss})' the first time it appears"))
    return problems


def check(glossary: Glossary, pages: dict[str, str], root: Path) -> list[Problem]:
    """Every Khmer page (``{display path: text}``) and the Khmer words of the model."""
    problems: list[Problem] = []
    for where, text in sorted(pages.items()):
        problems += check_text(glossary, text, where)
    # The Khmer glossary page, as the build writes it (cop.render: sorted by
    # the Khmer term): its meanings hold variants and first mentions too.
    shown = sorted(glossary.terms, key=lambda t: t.km)
    text = "\n".join(f"{t.km} {t.meaning.get(KHMER, '')}" for t in shown)
    for problem in check_text(glossary, text, GLOSSARY, markdown=False):
        term = shown[(problem.line or 1) - 1]
        problems.append(Problem(GLOSSARY, term.line, f"the Khmer meaning of '{term.en}': {problem.message}", problem.fix))
    for name in MODEL_FILES:
        path = root / name
        if path.exists():
            # Names need no gloss in the model: they are labels, not prose.
            bare = Glossary([Term(t.en, t.km, t.meaning, t.avoid) for t in glossary.terms])
            problems += check_text(bare, path.read_text(encoding="utf-8"), name, markdown=False)
    return problems
