"""Footnotes that cite sources by key.

A footnote definition names entries of ``model/sources.yml``:
``[^dh]: @dh`` or ``[^hotline]: @ihc; @aple-hotline``. :func:`check` reports
a key that does not resolve, a definition written by hand (file, line, fix),
a mark with no definition on its page (Markdown would print it as typed, the
glossary's meanings included), a source given by two footnotes of one page
(its list of sources would show it twice) and a source that nothing cites
(:func:`cited`: footnotes, commitments' bases, contacts); :func:`expand`
writes each key as its citation in the page's language.
"""

from __future__ import annotations

import difflib
import re

from . import citations
from . import sources as sources_module
from .catalog import Catalog, display
from .problems import Problem
from .scan import DIRECTIVE, code_spans_blanked, lines_outside_code
from .sources import SOURCES

DEFINITION = re.compile(r"^(?P<label>\[\^[^\]\s]+\]:)[ \t]*(?P<body>.*)$")
CITED = re.compile(r"^@[a-z0-9]+(?:-[a-z0-9]+)*(?:; @[a-z0-9]+(?:-[a-z0-9]+)*)*$")
KEY = re.compile(r"@([a-z0-9]+(?:-[a-z0-9]+)*)")
# A footnote mark in prose ([^dh]), not a definition ([^dh]:).
MARK = re.compile(r"\[\^([^\]\s]+)\](?!:)")
# A footnote's mark as Python-Markdown writes it: <a class="footnote-ref" ...>3</a>.
MARK_HTML = re.compile(r'(<a class="footnote-ref" href="#fn:[^"]*">)(\d+)(</a>)')


def _definitions(text: str):
    """(line number, label, body) of every footnote definition outside code."""
    for index, line, in_code in lines_outside_code(text.split("\n")):
        if not in_code:
            match = DEFINITION.match(line)
            if match:
                yield index + 1, match["label"], match["body"].strip()


def _marks(text: str, catalog: Catalog, lang: str):
    """(line number, label, the glossary term it comes from or None) of every
    footnote mark the page shows: in its prose, outside code, and in the
    glossary's meanings where the page places <!-- cop:glossary -->."""
    for index, line, in_code in lines_outside_code(text.split("\n")):
        if in_code or DEFINITION.match(line):
            continue
        directive = DIRECTIVE.match(line.strip())
        if directive and directive["name"] == "glossary":
            glossary = catalog.model.glossary
            meanings = [(term.en, term.meaning.get(lang, "")) for term in glossary.terms]
            meanings += [(rule.title.get(lang, ""), rule.text.get(lang, "")) for rule in glossary.style.rules]
            for term, meaning in meanings:
                for label in MARK.findall(meaning):
                    yield index + 1, label, term
            continue
        for label in MARK.findall(code_spans_blanked(line)):
            yield index + 1, label, None


def _page_problems(where: str, text: str, catalog: Catalog, lang: str) -> list[Problem]:
    """Marks with no definition on the page, and a source given by two of its footnotes."""
    problems: list[Problem] = []
    defined: set[str] = set()
    giving: dict[str, str] = {}  # source key -> the first footnote that gives it
    for line, label, body in _definitions(text):
        name = label[2:-2]
        defined.add(name)
        for key in dict.fromkeys(KEY.findall(body)) if CITED.match(body) else ():
            if key in giving:
                problems.append(Problem(where, line, f"footnote [^{name}] cites @{key}, which footnote [^{giving[key]}] "
                                        "of this page cites too: the page's list of sources would show it twice",
                                        f"cite @{key} through one footnote: mark the sentences of [^{name}] with "
                                        f"[^{giving[key]}] (several marks may follow a sentence: [^a][^b]) and "
                                        f"remove @{key} from [^{name}]"))
            else:
                giving[key] = name
    for line, label, term in _marks(text, catalog, lang):
        if label in defined:
            continue
        if term is None:
            problems.append(Problem(where, line, f"footnote mark [^{label}] has no definition on this page, "
                                    "so the page would show it as typed",
                                    f"add [^{label}]: @source-key at the end of the page, or use a footnote the page defines"))
        else:
            problems.append(Problem(where, line, f"the glossary's entry '{term}' ({lang}) cites [^{label}], "
                                    "which this page does not define, so the page would show it as typed",
                                    f"add [^{label}]: @source-key at the end of this page, or use in model/glossary.yml "
                                    "a footnote the page defines"))
    return problems


def check(catalog: Catalog) -> list[Problem]:
    known = catalog.model.sources.sources
    problems: list[Problem] = []
    for lang, texts in catalog.texts.items():
        for page, text in texts.items():
            where = display(page, lang, catalog.default)
            problems += _page_problems(where, text, catalog, lang)
            for line, label, body in _definitions(text):
                if not CITED.match(body):
                    problems.append(Problem(where, line, f"footnote {label[:-1]} is written by hand: '{body[:60]}'",
                                            f"add the source to {SOURCES} (publisher, title, date, address) and write "
                                            f"{label} @its-key (several: @one; @other)"))
                    continue
                for key in KEY.findall(body):
                    if key not in known:
                        near = difflib.get_close_matches(key, list(known), n=1)
                        hint = f" (did you mean @{near[0]}?)" if near else ""
                        problems.append(Problem(where, line, f"footnote {label[:-1]} cites @{key}, which is not in {SOURCES}{hint}",
                                                f"use a key of {SOURCES}, or add the source there"))
    return problems + sources_module.unused(catalog.model.sources, cited(catalog))


def cited(catalog: Catalog) -> set[str]:
    """Every source key that something cites: a footnote of any page in any
    language, a commitment's basis, a contact."""
    keys: set[str] = set()
    for texts in catalog.texts.values():
        for text in texts.values():
            for _, _, body in _definitions(text):
                if CITED.match(body):
                    keys.update(KEY.findall(body))
    keys.update(b.source for c in catalog.model.commitments.values() for b in c.basis if b.source)
    keys.update(c.source for c in catalog.model.contacts.contacts.values() if c.source)
    return keys


def expand(markdown: str, catalog: Catalog, lang: str) -> str:
    """Each ``@key`` of a footnote definition as its citation in ``lang``."""
    sources = catalog.model.sources.sources
    lines = markdown.split("\n")
    for index, line, in_code in lines_outside_code(lines):
        if in_code:
            continue
        match = DEFINITION.match(line)
        if match and CITED.match(match["body"].strip()):
            cited = [citations.citation_markdown(catalog, lang, sources[key])
                     for key in KEY.findall(match["body"]) if key in sources]
            stop = catalog.label(lang, "source.end")
            lines[index] = f"{match['label']} " + catalog.label(lang, "source.join").join(cited) + stop
    return "\n".join(lines)


def marks_in_digits(html: str, catalog: Catalog, lang: str) -> str:
    """Each footnote mark of the page's HTML in the language's digits (Khmer:
    ១, ២), as the text around it counts; the list of footnotes counts the
    same way (cop.css), so a mark and its note read alike."""
    if catalog.number(lang, "0123456789") == "0123456789":
        return html  # Latin digits already: no pass over the page
    return MARK_HTML.sub(lambda m: m[1] + catalog.number(lang, m[2]) + m[3], html)

