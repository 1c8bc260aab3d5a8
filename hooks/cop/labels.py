"""Translated labels for the blocks the build generates (``model/labels.yml``)."""

from __future__ import annotations

import re
from pathlib import Path

from . import yamlfile
from .problems import Problem

LABELS = "model/labels.yml"
# Labels are text (escaped wherever they are shown); markup in one is a mistake.
MARKUP = re.compile(r"<[A-Za-z/!]|&#?[A-Za-z0-9]+;")

Labels = dict[str, dict[str, str]]  # language -> key -> text


def load(root: Path, languages: list[str]) -> tuple[Labels, list[Problem]]:
    """Read the labels; every key must be translated into every language."""
    try:
        text = (root / LABELS).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return {}, [Problem(LABELS, None, "file is missing", f"restore {LABELS} from version control")]
    data, problems = yamlfile.load(text, LABELS)
    if problems:
        return {}, problems
    if not isinstance(data, dict):
        return {}, [Problem(LABELS, 1, "expected one section per language", "start sections with 'en:' and 'km:'")]
    labels: Labels = {}
    for lang in languages:
        section = data.get(lang)
        if not isinstance(section, dict):
            problems.append(Problem(LABELS, None, f"no labels for language '{lang}'", f"add a '{lang}:' section with every key"))
            section = {}
        labels[lang] = {}
        for key, value in section.items():
            line = yamlfile.line_of(section, key)
            if value is None or isinstance(value, (list, dict)):
                problems.append(Problem(LABELS, line, f"label '{key}' of '{lang}' is not text",
                                        f"write '{key}: ' followed by the words on the same line"))
                continue
            text = str(value)
            if MARKUP.search(text):
                problems.append(Problem(LABELS, line, f"label '{key}' of '{lang}' holds HTML ('{MARKUP.search(text).group(0)}')",
                                        "labels are plain text, shown as written: remove the tag or entity"))
            labels[lang][str(key)] = text
    every_key = set().union(*(labels[lang] for lang in languages)) if languages else set()
    for lang in languages:
        for key in sorted(every_key - set(labels[lang])):
            other = next(l for l in languages if key in labels[l])
            problems.append(Problem(LABELS, yamlfile.line_of(data.get(other), key),
                                    f"label '{key}' has no '{lang}' translation",
                                    f"add '{key}: ...' under '{lang}:'"))
    for lang in languages:
        months = labels[lang].get("updated.months")
        if months is not None and len(months.split()) != 12:
            problems.append(Problem(LABELS, yamlfile.line_of(data.get(lang), "updated.months"),
                                    f"'updated.months' of '{lang}' must name the twelve months, separated by spaces",
                                    "write the twelve month names from January to December, each once"))
        digits = labels[lang].get("digits")
        if digits is not None and len(digits) != 10:
            problems.append(Problem(LABELS, yamlfile.line_of(data.get(lang), "digits"),
                                    f"'digits' of '{lang}' must be the ten digits 0 to 9 in that script",
                                    f"write digits: \"0123456789\" in the digits of '{lang}'"))
    return labels, problems
