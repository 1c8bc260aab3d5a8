"""The glossary as data, and our own terminology check over every Khmer text we ship.

``model/glossary.yml`` lists each term in English and Khmer with its meaning,
the Khmer variants to avoid (each with why), and, for an English name kept in
Khmer text, its Khmer gloss; its ``style`` section says how Khmer text writes
numbers, dates and Latin names. :func:`check_all` reads every Khmer text the
site ships (the ``.km.md`` pages, CONTRIBUTING.km.md, the Khmer strings of
the model (the questionnaire's included), of ``model/labels.yml`` and ``model/history.yml``, of ``mkdocs.yml``
and of the theme's ``overrides/partials/languages/km.html``) and reports, each
with its file, its line and the form to write:

- a variant to avoid (a variant inside a longer term of the glossary is fine:
  បណ្តាញ inside បណ្តាញសង្គម); ``<!-- term-ok VARIANT: reason -->`` on a line
  allows one occurrence there;
- an English name at its first mention on a page without its Khmer gloss;
- a combining sign with no letter before it (it renders on a dotted circle);
- an English word left in Khmer prose (code, link targets, IDs, a listed name
  and an English gloss in brackets right after its glossary term are fine);
- Latin digits in prose, thousands and decimal separators and date spacing
  other than the style's; a release number (0.1.0) in Khmer digits.

Khmer is compared in canonical cluster order with invisible characters dropped
(``cop.khmer.canonical``), so two typings of one spelling are one; the search's
look-alike folds are NOT applied: ស្ដ and ស្ត, ឲ and ឱ stay different spellings.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

import yaml

from . import khmer, yamlfile
from .memo import Memo
from .problems import Problem
from .scan import lines_outside_code, split_front_matter

GLOSSARY = "model/glossary.yml"
KHMER = "km"
CONTRIBUTING = "CONTRIBUTING.km.md"
LABELS = "model/labels.yml"
HISTORY = "model/history.yml"
MKDOCS = "mkdocs.yml"
THEME_STRINGS = "overrides/partials/languages/km.html"
TAXONOMY = "model/taxonomy.yml"
# The model files whose Khmer strings (``km:`` values) are checked too; the
# glossary is checked on its own (its avoid entries name the variants).
MODEL_FILES = (TAXONOMY, "model/commitments.yml", "model/sources.yml", HISTORY, "model/csam.yml",
               "model/applicability.yml", "model/contacts.yml")
# The pull-request template: its Khmer half is what an editor reads first.
PR_TEMPLATE = ".github/pull_request_template.md"
# Where the taxonomy's names live: the first heading of each Khmer page.
TAXONOMY_DIRS = {"key_areas": "key-areas", "sectors": "sectors", "roles": "roles"}
# "For", before a term in a navigation label ("For maintainers").
FOR = "សម្រាប់"
ALLOW = re.compile(r"<!--\s*term-ok\s+(?P<variant>[^:>]+?)\s*:\s*(?P<reason>[^>]*?)\s*-->")


def normal(text: str) -> str:
    """NFC, invisible characters dropped, each cluster in canonical order; no folds."""
    return khmer.canonical(unicodedata.normalize("NFC", text))


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
    # English forms that may follow the Khmer term in brackets: "ផ្ទាំងព័ត៌មាន (feed)".
    brackets: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    """One rule of the style section, as the glossary page shows it."""

    title: dict[str, str]
    text: dict[str, str]


@dataclass(frozen=True)
class Style:
    """How Khmer text writes numbers, dates and Latin names (the check's data)."""

    rules: tuple[Rule, ...] = ()
    digits: str = "khmer"  # "khmer": Latin digits in Khmer prose are reported
    thousands: str = "."
    decimal: str = ","
    date: str = "ថ្ងៃទី ១ ខែធ្នូ ឆ្នាំ ២០២៦"  # the spacing the check wants
    dialled: tuple[str, ...] = ()  # numbers written as they are dialled, in Latin digits
    names: tuple[str, ...] = ()  # Latin names that need no gloss

    def spaced(self, word: str) -> bool:
        """Whether the date example puts a space after ``word`` (ថ្ងៃទី, ខែ, ឆ្នាំ)."""
        return f"{word} " in self.date


@dataclass
class Glossary:
    terms: list[Term] = field(default_factory=list)
    style: Style = field(default_factory=Style)
    # What the glossary was read from (a digest of its file and the
    # languages), so a text's problems can be remembered between builds;
    # empty for a glossary made in code, which is never remembered.
    key: str = ""


# --- Loading ------------------------------------------------------------------


def _texts(value: Any, languages: list[str]) -> dict[str, str] | None:
    if not isinstance(value, dict) or any(not isinstance(value.get(l), str) or not value[l].strip() for l in languages):
        return None
    return {l: value[l] for l in languages}


def _style(data: Any, languages: list[str], problems: list[Problem]) -> Style:
    if data is None:
        return Style()
    line = getattr(data, "line", None)
    if not isinstance(data, dict):
        problems.append(Problem(GLOSSARY, line, "'style:' must be a mapping", "restore its structure from version control"))
        return Style()
    rules: list[Rule] = []
    for entry in data.get("rules") or []:
        title, text = (_texts(entry.get(k), languages) if isinstance(entry, dict) else None for k in ("title", "text"))
        if title is None or text is None:
            problems.append(Problem(GLOSSARY, getattr(entry, "line", line), "a style rule needs title and text in every language",
                                    f"write title: {{{', '.join(f'{l}: ...' for l in languages)}}} and text: the same"))
            continue
        rules.append(Rule(title, text))
    lists: dict[str, tuple[str, ...]] = {}
    for key in ("names", "dialled"):
        value = data.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
            problems.append(Problem(GLOSSARY, line, f"style '{key}' must be a list of strings", f"write {key}: [\"...\", ...]"))
            value = []
        lists[key] = tuple(str(v) for v in value)
    separators = {}
    for key, default in (("thousands", "."), ("decimal", ",")):
        value = data.get(key, default)
        if value not in (".", ",", " ", "\u202f"):
            problems.append(Problem(GLOSSARY, line, f"style '{key}' is {value!r}", "use '.', ',' or a space"))
            value = default
        separators[key] = value
    if separators["thousands"] == separators["decimal"]:
        problems.append(Problem(GLOSSARY, line, "the style's thousands and decimal separators are the same",
                                "give them different characters"))
    digits = data.get("digits", "khmer")
    if digits not in ("khmer", "latin"):
        problems.append(Problem(GLOSSARY, line, f"style 'digits' is {digits!r}", "write digits: khmer (or latin)"))
        digits = "khmer"
    date = data.get("date", Style.date)
    if not isinstance(date, str) or not all(w in date for w in ("ថ្ងៃទី", "ខែ", "ឆ្នាំ")):
        problems.append(Problem(GLOSSARY, line, "style 'date' must be an example date in Khmer (ថ្ងៃទី … ខែ… ឆ្នាំ …)",
                                "write date: \"ថ្ងៃទី ១ ខែធ្នូ ឆ្នាំ ២០២៦\""))
        date = Style.date
    return Style(tuple(rules), digits, separators["thousands"], separators["decimal"], normal(date),
                 lists["dialled"], lists["names"])


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
    glossary = Glossary(style=_style(data.get("style"), languages, problems),
                        key=hashlib.sha256(f"{languages}\n{text}".encode()).hexdigest())
    seen: dict[str, int | None] = {}
    for entry in data["terms"]:
        line = getattr(entry, "line", None)

        def bad(message: str, fix: str) -> None:
            problems.append(Problem(GLOSSARY, line, message, fix))

        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) and entry[k].strip() for k in ("en", "km")):
            bad("a term lacks 'en' or 'km'", "give the term in English (en:) and in Khmer (km:)")
            continue
        en = entry["en"]
        meaning = _texts(entry.get("meaning"), languages)
        if meaning is None:
            bad(f"term '{en}' has no meaning in every language", f"add meaning: with {', '.join(languages)}")
            meaning = {}
        if en.lower() in seen:
            bad(f"term '{en}' is listed twice (first on line {seen[en.lower()]})", "keep one entry")
        seen[en.lower()] = line
        avoid: list[Avoid] = []
        for item in entry.get("avoid") or []:
            why = _texts(item.get("why"), languages) if isinstance(item, dict) else None
            if not isinstance(item, dict) or not isinstance(item.get("variant"), str) or why is None:
                bad(f"term '{en}': an 'avoid' entry needs variant and why ({', '.join(languages)})",
                    "write '- variant: ...' with why: {en: ..., km: ...}")
                continue
            avoid.append(Avoid(normal(item["variant"]), why))
        name, gloss = entry.get("name"), entry.get("gloss")
        if (name is None) != (gloss is None):
            bad(f"term '{en}': 'name' and 'gloss' go together", "give both the English name and its Khmer gloss, or neither")
        brackets = entry.get("brackets") or []
        if not isinstance(brackets, list) or not all(isinstance(b, str) for b in brackets):
            bad(f"term '{en}': 'brackets' must be a list of English forms", "write brackets: [\"...\"]")
            brackets = []
        glossary.terms.append(Term(en, normal(entry["km"]), dict(meaning), tuple(avoid),
                                   str(name) if name else None, normal(str(gloss)) if gloss else None, line,
                                   tuple(brackets)))
    problems += distinct(glossary)
    return glossary, problems


def distinct(glossary: Glossary) -> list[Problem]:
    """One Khmer form per idea: no two terms share a Khmer form, and no term's
    Khmer is another term's variant to avoid (the check would report the
    glossary's own word)."""
    problems: list[Problem] = []
    owner: dict[str, Term] = {}
    for term in glossary.terms:
        first = owner.setdefault(term.km, term)
        if first is not term:
            problems.append(Problem(GLOSSARY, term.line, f"terms '{first.en}' (line {first.line}) and '{term.en}' share "
                                    f"the Khmer form '{term.km}'",
                                    "give each idea its own Khmer word, or merge the two entries"))
    for term in glossary.terms:
        for avoid in term.avoid:
            other = owner.get(avoid.variant)
            if other is not None:
                where = "its own Khmer form" if other is term else f"the Khmer form of '{other.en}' (line {other.line})"
                problems.append(Problem(GLOSSARY, term.line, f"term '{term.en}': the variant to avoid '{avoid.variant}' is {where}",
                                        "remove the variant, or give the other term another Khmer form"))
    return problems


def synonyms(glossary: Glossary) -> dict[str, str]:
    """Each variant to avoid, in search key form, with the preferred term's
    key: search finds the preferred term when a reader types a variant."""
    found: dict[str, str] = {}
    for term in glossary.terms:
        for avoid in term.avoid:
            variant, preferred = khmer.key(avoid.variant), khmer.key(term.km)
            if variant and variant != preferred:
                found.setdefault(variant, preferred)
    return found


# --- Reading Khmer out of the files we ship -------------------------------------


@dataclass(frozen=True)
class Text:
    """A piece of Khmer text to check: its file, its first line, and whether it
    is a Markdown page (names glossed at first mention, code skipped)."""

    file: str
    line: int
    text: str
    markdown: bool = False
    variants: bool = True  # False for the glossary's own explanations of its variants
    latin: bool = True  # False for a cited work's title and publisher, quoted as published


def _has_khmer(text: str) -> bool:
    return khmer.khmer_run().search(text) is not None


def _scalars(node: yaml.Node) -> Iterator[tuple[yaml.ScalarNode | None, yaml.Node]]:
    """(key, value) of every mapping pair under ``node``, depth first; items of a list have no key."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield (key if isinstance(key, yaml.ScalarNode) else None), value
            yield from _scalars(value)
    elif isinstance(node, yaml.SequenceNode):
        for value in node.value:
            yield None, value
            yield from _scalars(value)


def _compose(root: Path, name: str) -> tuple[yaml.Node | None, list[Problem]]:
    """The YAML file as a node tree (tags such as ``!ENV`` kept unresolved), or a problem."""
    try:
        text = (root / name).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return None, []
    try:
        # libyaml's composer when PyYAML has it: the same nodes and marks, many times faster.
        return yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)), []
    except yaml.YAMLError as error:
        return None, [yamlfile.syntax_problem(error, name)]


def _line(node: yaml.Node) -> int:
    """The line of a scalar's first character of text (a block scalar starts below its indicator)."""
    line = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        line += 1
    return line


# Keys whose Khmer quotes a cited work as it was published (its title in its
# own language, its publisher's name): not read for English words.
QUOTED = {"title", "publisher"}


def yaml_khmer(root: Path, name: str) -> tuple[list[Text], list[Problem]]:
    """The Khmer strings of a model file: every ``km:`` value, with its line."""
    tree, problems = _compose(root, name)
    texts: list[Text] = []

    def walk(node: yaml.Node, parent: str | None) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                label = key.value if isinstance(key, yaml.ScalarNode) else None
                if label == KHMER and isinstance(value, yaml.ScalarNode) and _has_khmer(value.value):
                    texts.append(Text(name, _line(value), value.value, latin=parent not in QUOTED))
                else:
                    walk(value, label)
        elif isinstance(node, yaml.SequenceNode):
            for value in node.value:
                walk(value, parent)

    if tree is not None:
        walk(tree, None)
    return texts, problems


def labels_khmer(root: Path) -> tuple[list[Text], list[Problem]]:
    """The Khmer labels (``km:`` section of labels.yml); ``{name}`` placeholders
    become four digits, so a label's own spacing around a number or a year is checked."""
    tree, problems = _compose(root, LABELS)
    texts: list[Text] = []
    if isinstance(tree, yaml.MappingNode):
        for key, section in tree.value:
            if key.value != KHMER or not isinstance(section, yaml.MappingNode):
                continue
            for label, value in section.value:
                if label.value in ("digits", "colon", "decimal", "print.counter_style") or not isinstance(value, yaml.ScalarNode):
                    continue
                texts.append(Text(LABELS, _line(value), re.sub(r"\{[A-Za-z_]+\}", "០០០០", value.value)))
    return texts, problems


def mkdocs_khmer(root: Path) -> tuple[list[Text], dict[str, tuple[str, int]], list[Problem]]:
    """The Khmer strings of mkdocs.yml: the i18n plugin's Khmer language
    (site name, description, copyright, nav translations); and the nav
    translations as ``{English: (Khmer, line)}``."""
    tree, problems = _compose(root, MKDOCS)
    texts: list[Text] = []
    nav: dict[str, tuple[str, int]] = {}
    for key, value in _scalars(tree) if tree is not None else ():
        if not isinstance(value, yaml.MappingNode):
            continue
        pairs = {k.value: v for k, v in value.value if isinstance(k, yaml.ScalarNode)}
        locale = pairs.get("locale")
        if not isinstance(locale, yaml.ScalarNode) or locale.value != KHMER:
            continue
        for name, node in pairs.items():
            if isinstance(node, yaml.ScalarNode) and name != "locale" and _has_khmer(node.value):
                texts.append(Text(MKDOCS, _line(node), node.value))
        translations = pairs.get("nav_translations")
        if isinstance(translations, yaml.MappingNode):
            for english, khmer_node in translations.value:
                if isinstance(khmer_node, yaml.ScalarNode):
                    texts.append(Text(MKDOCS, _line(khmer_node), khmer_node.value))
                    nav[english.value] = (khmer_node.value, _line(khmer_node))
    return texts, nav, problems


_THEME_STRING = re.compile(r'^\s*"(?P<key>[^"]+)"\s*:\s*"(?P<value>(?:[^"\\]|\\.)*)"')


def theme_khmer(root: Path) -> list[Text]:
    """The theme's Khmer interface strings (``"key": "value",`` lines)."""
    path = root / THEME_STRINGS
    if not path.exists():
        return []
    texts = []
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        match = _THEME_STRING.match(line)
        if match and _has_khmer(match["value"]):
            # "#" stands for a number in Material's strings.
            texts.append(Text(THEME_STRINGS, number, match["value"].replace("#", "០")))
    return texts


def glossary_khmer(glossary: Glossary) -> list[Text]:
    """The glossary's own Khmer as its page shows it: terms and meanings, the
    explanations of the variants (not checked for variants), the style rules."""
    texts = []
    for term in glossary.terms:
        line = term.line or 1
        texts.append(Text(GLOSSARY, line, term.km))
        if KHMER in term.meaning:
            texts.append(Text(GLOSSARY, line, term.meaning[KHMER]))
        for avoid in term.avoid:
            texts.append(Text(GLOSSARY, line, avoid.why.get(KHMER, ""), variants=False))
    for rule in glossary.style.rules:
        # The style's examples show what to write; checked like the meanings.
        texts.append(Text(GLOSSARY, 1, f"{rule.title.get(KHMER, '')}\n{rule.text.get(KHMER, '')}"))
    return texts


# --- Checking one text -----------------------------------------------------------

# A dependent vowel or sign of Khmer (U+17B6-U+17D3, U+17DD), and what may
# stand before one: a Khmer letter or sign, the dotted circle U+25CC (a sign
# shown alone), or a joiner.
_SIGN = re.compile(r"[\u17b6-\u17d3\u17dd]")
COENG = "\u17d2"
_BARE_SIGN = re.compile(r"(?<![\u1780-\u17d3\u17dd\u25cc\u200c\u200d])[\u17b6-\u17d3\u17dd]")
# Quick tests that spare a line the checks it cannot fail.
_NOT_ONLY_KHMER = re.compile(r"[A-Za-z0-9`<\[{(]")
_NUMBER_OR_MONTH = re.compile(r"[០-៩]|ខែ")

# What is not prose in a Markdown line: code, comments, link targets and
# definitions, footnote marks, [[ID]] references, HTML tags, addresses,
# attribute lists, an admonition's type, a list's number, IDs (SM-03).
_NOT_PROSE = [
    re.compile(r"(`+)(?:(?!\1).)+?\1"),
    re.compile(r"<!--.*?-->"),
    re.compile(r"(?<=\])\([^()\s]*(?:\([^()]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?\)"),
    re.compile(r"(?<=\])\[[^\]]*\]"),
    re.compile(r"\[\^[^\]\s]+\]:?"),
    re.compile(r"\[\[[^\[\]]*\]\]"),
    re.compile(r"<[A-Za-z/!][^>]*>"),
    re.compile(r"\b(?:https?|mailto|file):[^\s)>\]]*"),
    re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    re.compile(r"\{\s*[:#.][^{}]*\}"),
    re.compile(r"\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:org|com|net|gov|int|kh|io|dev)\b(?:/[^\s)]*)?"),
    re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s+[\w-]+(?:\s+inline(?:\s+end)?)?"),
    re.compile(r"^\s*(?:[0-9]+[.)]|[-*+])\s"),
    # A commitment ID, also one written the wrong way (Khmer digits, lower
    # case), which the page scan reports as a heading to correct.
    re.compile(r"\b[A-Za-z]{2,4}-\d+\b"),
    re.compile(r"«[a-z][a-z0-9_.-]*»"),  # an identifier quoted, where code spans cannot be (labels)
]
_REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
# Where a listed name may start (not inside a word), and a version after it.
_NAME_START = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9⌘]")
_VERSION = re.compile(r" v?[0-9]+(?:\.[0-9]+)*(?![0-9])")
_LATIN_DIGITS = re.compile(r"[0-9]+(?:[.,:][0-9]+)*")
# A release number of this guide (0.1.0): an identifier, like ALL-05, kept in
# Latin digits so that it matches the tag, the English page and a search.
_RELEASE_LATIN = re.compile(r"(?<![0-9.,])[0-9]+\.[0-9]+\.[0-9]+(?![0-9]|[.,][0-9])")
_RELEASE_KHMER = re.compile(r"(?<![០-៩.,])([០-៩]+)\.([០-៩]+)\.([០-៩]+)(?![០-៩]|[.,][០-៩])")
_BRACKETED = re.compile(r"\(([^()]*[A-Za-z][^()]*)\)")
# A name in Latin letters followed by its Khmer gloss in brackets, and a
# work's title in italics: both quote a name as it is written.
_NAME_GLOSSED = re.compile(r"[A-Za-z][A-Za-z0-9'’.,:&/+–-]*(?: [A-Za-z0-9'’.,:&/+–-]+)*(?= \((?=[^()]*[\u1780-\u17ff])[^()]*\))")
_TITLE = re.compile(r"(?<![*\w])\*(?=[A-Za-z])[^*\u1780-\u17ff]+(?<=\S)\*(?!\*)")
_MONTHS = "មករា|កុម្ភៈ|មីនា|មេសា|ឧសភា|មិថុនា|កក្កដា|សីហា|កញ្ញា|តុលា|វិច្ឆិកា|ធ្នូ"
KHMER_DIGITS = "០១២៣៤៥៦៧៨៩"


def khmer_digits(text: str) -> str:
    return text.translate(str.maketrans("0123456789", KHMER_DIGITS))


def prose(line: str) -> str:
    """A Markdown line with what is not prose blanked out (positions kept)."""
    for pattern in _NOT_PROSE:
        line = pattern.sub(lambda m: " " * len(m.group(0)), line)
    return line


@dataclass
class _Checker:
    """The glossary compiled once for a run of the check."""

    glossary: Glossary

    def __post_init__(self) -> None:
        terms = self.glossary.terms
        preferred = [t.km for t in terms]
        self.rules = [(t, a, [p for p in preferred if a.variant in p and p != a.variant]) for t in terms for a in t.avoid]
        # Every variant in one pattern: most lines hold none, and one search
        # says so instead of a search per variant.
        variants = sorted({a.variant for _, a, _ in self.rules}, key=len, reverse=True)
        self.any_variant = re.compile("|".join(map(re.escape, variants))) if variants else None
        self.names = [t for t in terms if t.name and t.gloss]
        # The Khmer terms that may take an English form in brackets, longest first.
        self.bracketed = sorted(((t.km, {b.lower() for b in (t.en, *t.brackets)}) for t in terms), key=lambda p: -len(p[0]))
        self.bracketed_by_form: dict[str, list[tuple[str, set[str]]]] = {}
        for km, forms in self.bracketed:
            for form in forms:
                self.bracketed_by_form.setdefault(form, []).append((km, forms))
        # Latin names that need no gloss: the style's list, the glossary's
        # English names, and the Latin words of its Khmer terms (SMS, APLE Cambodia).
        allowed = set(self.glossary.style.names)
        allowed |= {t.name for t in terms if t.name}
        for t in terms:
            allowed |= {m.group().strip() for m in re.finditer(r"[A-Za-z0-9][A-Za-z0-9'’.&\- ]*[A-Za-z0-9]|[A-Za-z]", t.km)}
        # Each allowed name under its first letter, longest first: a name is
        # looked up where a Latin word starts (one big alternation was slow).
        self.allowed: dict[str, list[str]] = {}
        for phrase in sorted(allowed, key=len, reverse=True):
            self.allowed.setdefault(phrase[0], []).append(phrase)
        self.english = {t.en.lower(): t for t in terms}
        self.dialled = re.compile(r"(?<![0-9])(?:" + "|".join(re.escape(d) for d in self.glossary.style.dialled) + r")(?![0-9])") \
            if self.glossary.style.dialled else None

    # Each check yields (message, fix) for one line of text.

    def variants(self, line: str, allowed: dict[str, str]) -> Iterator[tuple[str, str]]:
        if self.any_variant is None or not self.any_variant.search(line):
            return
        for term, avoid, longer in self.rules:
            start = line.find(avoid.variant)
            if start < 0:
                continue
            spans = [(m.start(), m.start() + len(p)) for p in longer for m in re.finditer(re.escape(p), line)]
            while start >= 0:
                end = start + len(avoid.variant)
                # A variant is whole clusters: រាយការ in ដោះស្រាយការ starts under a coeng.
                whole = (start == 0 or line[start - 1] != COENG) and (end == len(line) or not _SIGN.match(line[end]))
                if whole and not any(a <= start and end <= b for a, b in spans):
                    if allowed.get(avoid.variant):
                        allowed.pop(avoid.variant)  # one justified occurrence per marker
                    else:
                        yield (f"'{avoid.variant}' is a variant to avoid ({avoid.why['en']})",
                               f"write '{term.km}' ({term.en}), or justify this one occurrence with "
                               f"<!-- term-ok {avoid.variant}: reason --> on the line")
                start = line.find(avoid.variant, end)

    def bare_signs(self, raw: str) -> Iterator[tuple[str, str]]:
        for match in _BARE_SIGN.finditer(raw):
            sign = match.group()
            yield (f"the sign '{sign}' (U+{ord(sign):04X}) has no letter before it, so it renders on a dotted circle",
                   f"write it after its letter, or show it alone as '\u25cc{sign}' (U+25CC before it), "
                   "or name it in words")

    def latin(self, text: str, allowed: dict[str, str]) -> Iterator[tuple[str, str]]:
        """English words and Latin digits left in Khmer prose (``text`` is prose only)."""
        # An English form in brackets right after its glossary term.
        def gloss(match: re.Match[str]) -> str:
            inside = [part.lower() for part in re.split(r"\s*(?:,|;|/| or )\s*", match.group(1).strip())]
            before = text[:match.start()].rstrip().rstrip("»”\"'*")  # a quoted or emphasised term
            # Only the terms that have the first English form (longest first, as bracketed).
            for km, forms in self.bracketed_by_form.get(inside[0], ()):
                if all(part in forms for part in inside) and before.endswith(km):
                    return " " * len(match.group(0))
            return match.group(0)

        text = _BRACKETED.sub(gloss, text)
        text = _NAME_GLOSSED.sub(lambda m: " " * len(m.group(0)), text)
        text = _TITLE.sub(lambda m: " " * len(m.group(0)), text)
        text = self.names_blanked(text)
        for match in _LATIN_WORD.finditer(text):
            word = match.group()
            if allowed.get(word):
                allowed.pop(word)
                continue
            term = self.english.get(word.lower())
            fix = (f"write '{term.km}'" if term else "write it in Khmer (the glossary's term, with the English in brackets "
                   "after it if readers need it)") + ", put code or a file name in `backticks`, or, for a name that needs " \
                "no gloss, add it to style: names: in " + GLOSSARY
            yield f"English word '{word}' in Khmer prose", fix
        if self.glossary.style.digits != "khmer":
            return
        text = _LATIN_WORD.sub(lambda m: " " * len(m.group(0)), text)
        text = _RELEASE_LATIN.sub(lambda m: " " * len(m.group(0)), text)
        if self.dialled is not None:
            text = self.dialled.sub(lambda m: " " * len(m.group(0)), text)
        for match in _LATIN_DIGITS.finditer(text):
            number = match.group()
            yield (f"Latin digits '{number}' in Khmer prose",
                   f"write '{self.number(number)}' (the style: Khmer digits in prose; a number dialled as it is, "
                   "such as a phone number, goes in style: dialled: of " + GLOSSARY + ")")

    def names_blanked(self, text: str) -> str:
        """``text`` with each allowed Latin name (and a version after it: Python 3.11) blanked out."""
        out = list(text)
        for match in _NAME_START.finditer(text):
            at = match.start()
            if out[at] == " ":
                continue  # inside a name already blanked
            for name in self.allowed.get(text[at], ()):
                end = at + len(name)
                if text.startswith(name, at) and not (end < len(text) and text[end].isascii() and text[end].isalpha()):
                    version = _VERSION.match(text, end)
                    end = version.end() if version else end
                    out[at:end] = " " * (end - at)
                    break
        return "".join(out)

    def number(self, latin: str) -> str:
        """A number in Latin digits (English separators) as the style writes it."""
        style = self.glossary.style
        whole, _, fraction = latin.partition(".") if latin.count(".") == 1 else (latin, "", "")
        whole = whole.replace(",", "")
        if len(whole) >= 5 and whole.isdigit():
            whole = f"{int(whole):,}".replace(",", style.thousands)
        return khmer_digits(whole + (style.decimal + fraction if fraction else ""))

    def numbers(self, text: str) -> Iterator[tuple[str, str]]:
        """Separators and date spacing of numbers in Khmer digits."""
        style = self.glossary.style
        for match in re.finditer(r"(?<![០-៩.,])([១-៩][០-៩]{0,2})((?:[ ,.\u00a0\u202f][០-៩]{3})+)(?![០-៩])", text):
            groups = re.findall(r"[ ,.\u00a0\u202f]", match.group(2))
            if all(g == style.thousands for g in groups) or groups == [style.decimal]:
                continue  # right, or a decimal with three places (១,២៥០)
            digits = match.group(1) + "".join(re.findall(r"[០-៩]{3}", match.group(2)))
            fixed = f"{int(digits.translate(str.maketrans(KHMER_DIGITS, '0123456789'))):,}".replace(",", style.thousands)
            yield (f"'{match.group()}' separates thousands with {self.describe(groups[0])}",
                   f"write '{khmer_digits(fixed)}' (the style: thousands separated by {self.describe(style.thousands)})")
        for match in re.finditer(r"(?<![០-៩.,])[០-៩]{5,}(?![០-៩])", text):
            value = int(match.group().translate(str.maketrans(KHMER_DIGITS, "0123456789")))
            yield (f"'{match.group()}' has no thousands separator",
                   f"write '{khmer_digits(f'{value:,}'.replace(',', style.thousands))}'")
        for match in _RELEASE_KHMER.finditer(text):
            if len(match[2]) == 3 and len(match[3]) == 3 and style.thousands == ".":
                continue  # a number in the millions (១.២៥០.០០០), not a release
            latin = match.group().translate(str.maketrans(KHMER_DIGITS, "0123456789"))
            yield (f"release number '{match.group()}' in Khmer digits",
                   f"write '{latin}' (the style: a release number is an identifier, like ALL-05, and keeps Latin digits)")
        other = "." if style.decimal == "," else ","
        for match in re.finditer(rf"(?<![០-៩.,])[០-៩]+{re.escape(other)}[០-៩]{{1,2}}(?![០-៩.,])", text):
            yield (f"'{match.group()}' uses '{other}' as the decimal separator",
                   f"write '{match.group().replace(other, style.decimal)}' (the style: decimal {self.describe(style.decimal)})")
        for word, after in (("ថ្ងៃទី", r"[០-៩]"), ("ឆ្នាំ", r"[០-៩]{4}")):
            if style.spaced(word):
                for match in re.finditer(rf"{word}(?={after})", text):
                    yield (f"no space between '{word}' and its number", f"write '{word} ' and the number (the style: {style.date})")
            else:
                for match in re.finditer(rf"{word}[ \u00a0]+(?={after})", text):
                    yield (f"a space between '{word}' and its number", f"write '{word}' and the number together (the style: {style.date})")
        if style.spaced("ខែ"):
            pattern, message = rf"ខែ(?={_MONTHS})", "no space between 'ខែ' and the month"
        else:
            pattern, message = rf"ខែ[ \u00a0]+(?={_MONTHS})", "a space between 'ខែ' and the month"
        for match in re.finditer(pattern, text):
            yield message, f"write it as the style does: {style.date}"

    @staticmethod
    def describe(separator: str) -> str:
        return {".": "a full stop", ",": "a comma", " ": "a space", "\u00a0": "a no-break space",
                "\u202f": "a narrow no-break space"}.get(separator, repr(separator))

    def names_glossed(self, line: str, glossed: set[str]) -> Iterator[tuple[str, str]]:
        for term in self.names:
            assert term.name and term.gloss
            if term.name in glossed:
                continue
            at = line.find(term.name)
            if at >= 0:
                glossed.add(term.name)
                after = line[at + len(term.name):].lstrip()
                if not after.startswith(f"({term.gloss})"):
                    yield (f"first mention of '{term.name}' on this page has no Khmer gloss",
                           f"write '{term.name} ({term.gloss})' the first time it appears")

    def text(self, item: Text) -> list[Problem]:
        problems: list[Problem] = []
        lines = item.text.split("\n")
        # Canonical Khmer, once for the whole text (it keeps the line breaks).
        canonical = normal(item.text).split("\n")
        glossed: set[str] = set()
        skip = 0
        if item.markdown:
            front, skip = split_front_matter(item.text)
            rows: Iterable[tuple[int, str, bool]] = lines_outside_code(lines)
        else:
            rows = ((i, l, False) for i, l in enumerate(lines))
        comment = False
        for index, raw, in_code in rows:
            if in_code:
                continue
            if index < skip:
                # Front matter: only the title and description are prose.
                match = re.match(r"^(title|description):\s*(?P<value>.*)$", raw)
                if not match:
                    continue
                raw = " " * match.start("value") + match["value"]
            where = item.line + index
            found: list[tuple[str, str]] = list(self.bare_signs(raw))
            line = canonical[index] if index >= skip else normal(raw)
            allowed = {m["variant"]: m["reason"] for m in ALLOW.finditer(line)} if "term-ok" in line else {}
            if allowed:
                line = ALLOW.sub(lambda m: " " * len(m.group(0)), line)
            if item.markdown:
                # A comment over several lines is not prose.
                if comment:
                    end = line.find("-->")
                    if end < 0:
                        continue
                    line, comment = " " * (end + 3) + line[end + 3:], False
                opened = line.rfind("<!--")
                if opened >= 0 and line.find("-->", opened) < 0:
                    line, comment = line[:opened], True
                if _REFERENCE_DEFINITION.match(line):
                    continue
            if item.variants:
                found += self.variants(line, allowed)
            if item.markdown:
                found += self.names_glossed(line, glossed)
            # Most Khmer lines hold no code, link, Latin letter or digit: nothing to blank out or read.
            latin = _NOT_ONLY_KHMER.search(line) is not None
            text = prose(line) if latin else line
            if item.latin and latin:
                found += self.latin(text, allowed)
            if _NUMBER_OR_MONTH.search(text):
                found += self.numbers(text)
            problems += [Problem(item.file, where, message, fix) for message, fix in found]
        return problems


def check_texts(glossary: Glossary, texts: Iterable[Text], memo: Memo | None = None) -> list[Problem]:
    """Every problem of each text. With ``memo``, a text checked before
    against the same glossary is answered from it (``mkdocs serve``'s
    rebuilds and the tests check the same texts again and again)."""
    checker: _Checker | None = None

    def check(item: Text) -> list[Problem]:
        nonlocal checker
        checker = checker or _Checker(glossary)  # built only if some text is not remembered
        return checker.text(item)

    problems: list[Problem] = []
    for item in texts:
        if memo is not None and glossary.key:
            problems += memo.answer((glossary.key, item), lambda: check(item))
        else:
            problems += check(item)
    return problems


def check_text(glossary: Glossary, text: str, where: str, markdown: bool = True) -> list[Problem]:
    """The problems of one Khmer text (a page, or the Khmer strings of a file)."""
    return check_texts(glossary, [Text(where, 1, text, markdown)])


# --- Coverage: the site's recurring names are terms of the glossary -------------


def _title(text: str) -> tuple[str | None, int | None]:
    """The first ``# Heading`` of a Markdown page, with its line."""
    _, skip = split_front_matter(text)
    for index, line, in_code in lines_outside_code(text.split("\n"), skip):
        if not in_code and line.startswith("# "):
            return line[2:].strip(), index + 1
    return None, None


def coverage(glossary: Glossary, root: Path, pages: dict[str, str], nav: dict[str, tuple[str, int]]) -> list[Problem]:
    """Every navigation label and every key area, sector and role name (its
    Khmer page's title) is a term of the glossary, written as the glossary writes it."""
    problems: list[Problem] = []
    forms = {t.km: t for t in glossary.terms}
    # A label is a term, or "for" and a term (For maintainers: សម្រាប់ + the maintainers' term).
    labels = set(forms) | {normal(FOR) + form for form in forms}
    for english, (label, line) in nav.items():
        if normal(label) not in labels:
            problems.append(Problem(MKDOCS, line, f"the navigation label '{english}: {label}' is not a term of the glossary",
                                    f"add a term with en: \"{english}\" and km: \"{label}\" to {GLOSSARY} "
                                    "(or use the glossary's Khmer term in the label)"))
    tree, found = _compose(root, TAXONOMY)
    problems += found
    if isinstance(tree, yaml.MappingNode):
        for key, section in tree.value:
            folder = TAXONOMY_DIRS.get(key.value)
            if folder is None or not isinstance(section, yaml.SequenceNode):
                continue
            for item in section.value:
                ids = [v.value for k, v in item.value if k.value == "id"] if isinstance(item, yaml.MappingNode) else []
                page = f"docs/{folder}/{ids[0]}.km.md" if ids else None
                if page is None or page not in pages:
                    continue
                title, line = _title(pages[page])
                if title and normal(title) not in forms:
                    problems.append(Problem(page, line, f"the name '{title}' is not a term of the glossary",
                                            f"add it to {GLOSSARY} with its English name and meaning, "
                                            "or write the glossary's Khmer term here"))
    return problems


# --- Everything --------------------------------------------------------------------


def khmer_texts(glossary: Glossary, root: Path, pages: dict[str, str]) -> tuple[list[Text], dict[str, tuple[str, int]], list[Problem]]:
    """Every Khmer text the site ships, and mkdocs.yml's nav translations."""
    texts = [Text(where, 1, text, markdown=True) for where, text in sorted(pages.items())]
    problems: list[Problem] = []
    contributing = root / CONTRIBUTING
    if contributing.exists():
        texts.append(Text(CONTRIBUTING, 1, contributing.read_text(encoding="utf-8"), markdown=True))
    template = root / PR_TEMPLATE
    if template.exists():
        lines = template.read_text(encoding="utf-8").split("\n")
        # Only its Khmer lines: the template holds both languages.
        khmer_only = "\n".join(line if _has_khmer(line) else "" for line in lines)
        texts.append(Text(PR_TEMPLATE, 1, khmer_only, markdown=True))
    texts += glossary_khmer(glossary)
    for name in MODEL_FILES:
        found, bad = yaml_khmer(root, name)
        texts += found
        problems += bad
    found, bad = labels_khmer(root)
    texts += found
    problems += bad
    found, nav, bad = mkdocs_khmer(root)
    texts += found
    problems += bad
    texts += theme_khmer(root)
    return texts, nav, problems


def check_all(glossary: Glossary, root: Path, pages: dict[str, str], memo: Memo | None = None) -> list[Problem]:
    """The terminology check over every Khmer text the site ships: ``pages`` are
    the Khmer pages (``{display path: text}``); the other files are read from
    the project at ``root``."""
    texts, nav, problems = khmer_texts(glossary, root, pages)
    problems += check_texts(glossary, texts, memo)
    problems += coverage(glossary, root, pages, nav)
    return problems


def check(glossary: Glossary, pages: dict[str, str], root: Path) -> list[Problem]:
    """The former entry point: :func:`check_all`."""
    return check_all(glossary, root, pages)
