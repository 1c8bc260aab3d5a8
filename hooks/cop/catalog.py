"""The model joined with every page in every language, cross-checked.

Built once per language build from the files MkDocs found (both languages are
read, because a translation is checked against its original). Everything the
renderers need is indexed here in one pass, so generating a role's or a
sector's list costs the length of that list, not the size of the site.
"""

from __future__ import annotations

import difflib
import functools
import posixpath
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import re

from . import downloads
from . import labels as labels_module
from . import yamlfile
from . import model as model_module
from . import summaries
from . import translation as translation_module
from .model import Model, not_text
from .problems import ContentError, Problem
from .scan import DIRECTIVES, PageScan, Section, scan

# Where the page of each kind of taxonomy entry lives, relative to docs/.
KIND_DIRS = {"role": "roles", "sector": "sectors", "key_area": "key-areas"}
PARTS = ("part.why", "part.do", "part.evidence")
# A sector's checklist page: checklists/<sector id>.md, holding <!-- cop:checklist -->.
CHECKLISTS = "checklists"


@dataclass(frozen=True)
class Placed:
    """Where a commitment is written in one language."""

    page: str  # language-neutral source path, e.g. "commitments/social-media.md"
    title: str
    translated: bool  # False: the language has no translation of the page yet
    evidence: str = ""  # the Markdown of its "How to show it is done" part (checklists quote it)


@dataclass
class Catalog:
    model: Model
    labels: labels_module.Labels
    languages: list[str]
    default: str
    names: dict[str, dict[str, str]] = field(default_factory=dict)  # lang -> id -> name
    placed: dict[str, dict[str, Placed]] = field(default_factory=dict)  # lang -> commitment -> place
    pages: dict[str, dict[str, PageScan]] = field(default_factory=dict)  # lang -> page -> scan
    texts: dict[str, dict[str, str]] = field(default_factory=dict)  # lang -> page -> its Markdown file's text
    translations: dict[str, translation_module.Status] = field(default_factory=dict)  # lang (not the default) -> status
    by_role: dict[str, list[str]] = field(default_factory=dict)
    by_partner: dict[str, list[str]] = field(default_factory=dict)
    by_sector: dict[str, list[str]] = field(default_factory=dict)
    by_key_area: dict[str, list[str]] = field(default_factory=dict)
    by_reference: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (framework, item) -> commitments
    # The project folder it was read from (the change history's release facts, cop/assessment.py).
    root: Path | None = None

    def entity_page(self, kind: str, item_id: str) -> str:
        return f"{KIND_DIRS[kind]}/{item_id}.md"

    def label(self, lang: str, key: str, **values: object) -> str:
        template = self.labels.get(lang, {}).get(key)
        if template is None:
            raise ContentError([Problem(labels_module.LABELS, None, f"label '{key}' is missing (the build needs it)",
                                        f"add '{key}: ...' under '{lang}:' (version control has its text)")])
        try:
            return template.format(**{k: self.number(lang, v) if isinstance(v, int) else v for k, v in values.items()})
        except (KeyError, IndexError, ValueError) as error:
            fills = ", ".join("{" + k + "}" for k in values) or "no {...}"
            raise ContentError([Problem(labels_module.LABELS, None, f"label '{key}' of '{lang}' cannot be filled in ({error!s})",
                                        f"use only {fills} in it, and write a brace as {{{{ or }}}}")]) from None

    def number(self, lang: str, value: int | str) -> str:
        """A number (or a number already formatted) in the language's digits (Khmer: ០-៩)."""
        digits = self.labels.get(lang, {}).get("digits", "0123456789")
        return str(value).translate(str.maketrans("0123456789", digits if len(digits) == 10 else "0123456789"))

    def checklist_page(self, sector: str) -> str:
        return f"{CHECKLISTS}/{sector}.md"

    def checklist_of_page(self, page: str) -> str | None:
        """The sector whose checklist ``page`` is (``checklists/<sector>.md``)."""
        path = PurePosixPath(page)
        return path.stem if str(path.parent) == CHECKLISTS and path.stem != "index" else None

    def entity_of_page(self, page: str) -> tuple[str, str] | None:
        """(kind, id) when ``page`` is a role, sector or key-area page."""
        path = PurePosixPath(page)
        for kind, folder in KIND_DIRS.items():
            if str(path.parent) == folder and path.stem != "index":
                return kind, path.stem
        return None


def split_locale(src_uri: str, languages: list[str], default: str) -> tuple[str, str]:
    """``roles/x.km.md`` -> (``roles/x.md``, ``km``); ``roles/x.md`` -> (same, default)."""
    path = PurePosixPath(src_uri)
    stem = PurePosixPath(path.stem)
    if stem.suffix and stem.suffix[1:] in languages:
        return str(path.with_name(stem.stem + path.suffix)), stem.suffix[1:]
    return src_uri, default


@functools.lru_cache(maxsize=4096)
def relative(here: str, target: str) -> str:
    """Relative link from source page ``here`` to source page ``target``."""
    start = posixpath.dirname(here) or "."
    return posixpath.relpath(target, start)


def display(page: str, lang: str, default: str) -> str:
    """The path an editor opens: ``docs/roles/x.km.md``."""
    if lang == default:
        return f"docs/{page}"
    path = PurePosixPath(page)
    return f"docs/{path.with_name(f'{path.stem}.{lang}{path.suffix}')}"


# What a misplaced language suffix may look like: "about.kh.md", "about.en.md".
_SUFFIX = re.compile(r"^[a-z]{2}(?:-[a-z]{2,4})?$|^(?:khm|eng)$", re.I)
def wrong_suffix(src_uri: str, languages: list[str], default: str) -> Problem | None:
    """A page named as a translation into a language the site does not have,
    or the default language written with a suffix."""
    path = PurePosixPath(src_uri)
    suffix = PurePosixPath(path.stem).suffix[1:]
    if not suffix or not _SUFFIX.match(suffix) or (suffix in languages and suffix != default):
        return None
    plain = path.with_name(PurePosixPath(path.stem).stem + path.suffix)
    if suffix == default:
        return Problem(f"docs/{src_uri}", None, f"'.{suffix}.md': pages in the default language ({default}) have no language suffix",
                       f"rename it to docs/{plain}")
    others = [lang for lang in languages if lang != default]
    return Problem(f"docs/{src_uri}", None, f"'.{suffix}' is not a language of this site (its translations end in "
                   + ", ".join(f"'.{lang}.md'" for lang in others) + ")",
                   "rename it to " + " or ".join(f"docs/{plain.with_name(plain.stem + '.' + lang + plain.suffix)}" for lang in others)
                   + (" (Khmer is 'km', not 'kh')" if suffix.lower() in ("kh", "khm") else ""))


def build(root: Path, docs_dir: Path, markdown_files: list[str], languages: list[str], default: str) -> tuple[Catalog, list[Problem]]:
    """Load the model and read every page; return the catalog and all problems.
    A YAML file that cannot be read stops there: every later check would only
    repeat its consequences, so its syntax errors are all that is reported."""
    model, problems = model_module.load(root, languages)
    labels, found = labels_module.load(root, languages)
    problems += found
    catalog = Catalog(model, labels, languages, default, root=root)
    for lang in languages:
        catalog.pages[lang] = {}
        catalog.names[lang] = {}
        catalog.placed[lang] = {}
        catalog.texts[lang] = {}

    for src_uri in markdown_files:
        misnamed = wrong_suffix(src_uri, languages, default)
        if misnamed is not None:
            problems.append(misnamed)
            continue
        page, lang = split_locale(src_uri, languages, default)
        file = display(page, lang, default)
        try:
            # utf-8-sig: a byte-order mark (some Windows editors write one) is not text.
            text = (docs_dir / src_uri).read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as error:
            problems.append(Problem(file, None, f"not valid UTF-8 ({error.reason})", "save the file as UTF-8"))
            continue
        catalog.texts[lang][page] = text
        catalog.pages[lang][page] = scanned = scan(text, file)
        problems += scanned.problems

    syntax = [p for p in problems if yamlfile.is_syntax(p)]
    if syntax:
        return catalog, syntax

    originals = catalog.pages[default]
    for lang in languages:
        if lang == default:
            continue
        for page in catalog.pages[lang]:
            if page not in originals:
                problems.append(Problem(display(page, lang, default), None,
                                        f"this translation has no original: docs/{page} does not exist",
                                        f"add docs/{page}, or rename this file to match the original it translates"))

    _translation_status(catalog)
    _document_status(catalog, root)
    problems += _check_entities(catalog)
    problems += _place_commitments(catalog)
    problems += _check_references(catalog)
    problems += _check_checklists(catalog)
    problems += _check_templates(catalog)
    _index(catalog)
    problems += summaries.check(catalog)
    return catalog, problems


def _translation_status(catalog: Catalog) -> None:
    """Translated, missing or outdated: every page and commitment of every translation."""
    default = catalog.default
    for lang in catalog.languages:
        if lang == default:
            continue
        status = catalog.translations[lang] = translation_module.Status(lang)
        for page in sorted(catalog.texts[default]):
            scanned = catalog.pages[lang].get(page)
            status.entries += translation_module.page_status(
                page, lang, display(page, lang, default), catalog.texts[default][page], catalog.texts[lang].get(page),
                scanned.front if scanned else None, scanned.front_text if scanned else None)


def _document_status(catalog: Catalog, root: Path) -> None:
    """The repository's documents for editors (CONTRIBUTING.md), translated
    like pages: reported with the pages, refused with them by a release."""
    for name in translation_module.DOCUMENTS:
        try:
            original = (root / name).read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            continue  # a copy of the site without the repository's documents
        stem = name.removesuffix(".md")
        for lang, status in catalog.translations.items():
            file = f"{stem}.{lang}.md"
            try:
                text: str | None = (root / file).read_text(encoding="utf-8-sig")
            except FileNotFoundError:
                text = None
            status.documents += translation_module.document_status(name, lang, file, original, text)


def _check_entities(catalog: Catalog) -> list[Problem]:
    problems: list[Problem] = []
    model, default = catalog.model, catalog.default
    tables = {"role": model.roles, "sector": model.sectors, "key_area": model.key_areas}
    for kind, table in tables.items():
        for item_id in table:
            page = catalog.entity_page(kind, item_id)
            original = catalog.pages[default].get(page)
            if original is None:
                problems.append(Problem(model_module.TAXONOMY, None, f"{kind.replace('_', ' ')} '{item_id}' has no page docs/{page}",
                                        f"add docs/{page} starting with '# Its name'"))
                continue
            for lang in catalog.languages:
                scanned = catalog.pages[lang].get(page, original)
                if scanned.title is None:
                    problems.append(Problem(display(page, lang, default) if page in catalog.pages[lang] else f"docs/{page}", 1,
                                            "the page has no '# Title' line, so it has no name to show elsewhere",
                                            "make the first line '# ' followed by the name"))
                elif not_text(scanned.title):
                    problems.append(Problem(display(page, lang, default) if page in catalog.pages[lang] else f"docs/{page}",
                                            scanned.title_line, f"the title '{scanned.title}' holds Markdown or HTML "
                                            f"('{not_text(scanned.title)}'); lists and exports show it as a name",
                                            "write the title as plain text (no *, _, `, [ ], tags, \\ or &...;)"))
                catalog.names[lang][item_id] = scanned.title or item_id
    for lang in catalog.languages:
        for page in catalog.pages[lang]:
            entity = catalog.entity_of_page(page)
            if entity and entity[1] not in tables[entity[0]]:
                kind, item_id = entity
                problems.append(Problem(display(page, lang, default), None,
                                        f"page for unknown {kind.replace('_', ' ')} '{item_id}'",
                                        f"add '- id: {item_id}' to {KIND_DIRS[kind]} in {model_module.TAXONOMY}, or rename the page"))
    return problems


def _place_commitments(catalog: Catalog) -> list[Problem]:
    problems: list[Problem] = []
    model, default = catalog.model, catalog.default
    homes: dict[str, tuple[str, int]] = {}  # commitment -> (page, line) in the original language

    for lang in catalog.languages:
        seen: dict[str, tuple[str, int]] = {}
        part_names = [catalog.labels.get(lang, {}).get(key, key) for key in PARTS]
        for page, scanned in catalog.pages[lang].items():
            file = display(page, lang, default)
            for section in scanned.sections:
                if section.id in seen:
                    first_file, first_line = seen[section.id]
                    problems.append(Problem(file, section.line, f"{section.id} already heads a section at {first_file}:{first_line}",
                                            "keep one section per commitment; give a new commitment a new ID in model/commitments.yml"))
                    continue
                seen[section.id] = (file, section.line)
                if section.id not in model.commitments:
                    problems.append(Problem(file, section.line, f"commitment '{section.id}' has no entry in {model_module.COMMITMENTS}",
                                            f"add '{section.id}:' with its key_area, sectors and roles there, or correct the ID{_did_you_mean(section.id, model.commitments)}"))
                    continue
                if not section.title:
                    problems.append(Problem(file, section.line, f"{section.id} has no title",
                                            f"write the title after the ID: '## {section.id} Title'"))
                elif not_text(section.title):
                    problems.append(Problem(file, section.line, f"the title of {section.id} holds Markdown or HTML "
                                            f"('{not_text(section.title)}'); lists, checklists and exports show it as text",
                                            "write the title as plain text (no *, _, `, [ ], [[ID]], tags, \\ or &...;)"))
                present = {h.text for h in section.subheadings if h.level == 3}
                for name in part_names:
                    if name not in present:
                        problems.append(Problem(file, section.line, f"{section.id} has no '### {name}' part",
                                                f"add '### {name}' under the commitment; each needs: " + ", ".join(part_names)))
                if lang == default:
                    homes[section.id] = (page, section.line)

    for cid, commitment in model.commitments.items():
        if cid not in homes:
            problems.append(Problem(model_module.COMMITMENTS, commitment.line, f"{cid} has no section in any English page",
                                    f"add '## {cid} Title' with its text to a page under docs/commitments/"))

    # A translated page holds the same commitments as its original; an
    # untranslated page falls back to the original's text.
    by_page: dict[str, list[str]] = defaultdict(list)
    for cid, (page, _) in homes.items():
        by_page[page].append(cid)
    evidence = {lang: catalog.labels.get(lang, {}).get("part.evidence", "") for lang in catalog.languages}
    originals = {page: {s.id: s for s in catalog.pages[default][page].sections} for page in by_page}

    def place(page: str, section: Section, lang: str, translated: bool) -> Placed:
        return Placed(page, section.title or section.id, translated, section.part(evidence[lang]) or "")

    for cid, (page, _) in homes.items():
        catalog.placed[default][cid] = place(page, originals[page][cid], default, True)
    for lang in catalog.languages:
        if lang == default:
            continue
        for page, cids in by_page.items():
            translation = catalog.pages[lang].get(page)
            sections = {s.id: s for s in translation.sections} if translation else {}
            for cid in cids:
                if cid in sections:
                    catalog.placed[lang][cid] = place(page, sections[cid], lang, True)
                else:
                    if translation is not None:
                        problems.append(Problem(display(page, lang, default), None,
                                                f"{cid} is in docs/{page} (line {homes[cid][1]}) but missing from this translation",
                                                f"add '## {cid} ...' with its translation here (the English text will do until it is translated)"))
                    catalog.placed[lang][cid] = place(page, originals[page][cid], default, False)
            if translation is not None:
                for section in translation.sections:
                    if section.id in model.commitments and homes.get(section.id, ("",))[0] != page:
                        problems.append(Problem(display(page, lang, default), section.line,
                                                f"{section.id} is in this translation but not in its original docs/{page}",
                                                f"move it to the page that holds {section.id} in English, or add it to docs/{page}"))
    return problems


def _did_you_mean(value: str, choices) -> str:
    close = difflib.get_close_matches(value, list(choices), n=1)
    return f" (did you mean {close[0]}?)" if close else ""


def reference_problems(catalog: Catalog, file: str, text: str, ids: list[str]) -> list[Problem]:
    """``[[ID]]`` references to IDs the model does not define, found while
    converting a page (``cop.wikilinks``), located by their first place in
    the page's text from the line after the previous one. A reference not
    written in the page itself came with a part it quotes (a checklist quotes
    each commitment's evidence): the page that holds it reports it."""
    model = catalog.model
    known = list(model.commitments) + list(model.roles) + list(model.sectors) + list(model.key_areas)
    problems: list[Problem] = []
    position = 0  # after the previous reference found: the same ID twice is found twice
    for item_id in ids:
        written = re.compile(r"\[\[\s*" + re.escape(item_id) + r"\s*(?:\||\]\])")
        match = written.search(text, position) or written.search(text)
        if match is None:
            continue
        position = match.end()
        problems.append(Problem(file, text.count("\n", 0, match.start()) + 1, f"[[{item_id}]] cites an unknown ID '{item_id}'",
                                "cite a commitment (SM-03), role, sector or key-area ID defined in model/"
                                + _did_you_mean(item_id, known)))
    return problems


def _check_references(catalog: Catalog) -> list[Problem]:
    """The generated blocks each page asks for: known, in their place, once each.
    (``[[ID]]`` references are checked as each page is converted: Markdown
    alone knows which are in code or raw HTML.)"""
    problems: list[Problem] = []
    default = catalog.default
    for lang in catalog.languages:
        # The procedure is shown once; every other page links to its anchor.
        procedure_at: str | None = None
        for page, scanned in catalog.pages[lang].items():
            file = display(page, lang, default)
            first: dict[str, int] = {}
            for name, line in scanned.directives:
                if name in first:
                    problems.append(Problem(file, line, f"'<!-- cop:{name} -->' is already on line {first[name]}",
                                            "keep one: each generated block appears once on a page"))
                    continue
                first[name] = line
                if name not in DIRECTIVES:
                    problems.append(Problem(file, line, f"unknown generated block '<!-- cop:{name} -->'",
                                            "use one of: " + ", ".join(f"cop:{d}" for d in sorted(DIRECTIVES))
                                            + _did_you_mean(name, DIRECTIVES)))
                elif name == "commitments" and catalog.entity_of_page(page) is None:
                    problems.append(Problem(file, line, "'<!-- cop:commitments -->' only works on a role, sector or key-area page",
                                            "remove it, or use cop:commitment-index for the list of all commitments"))
                elif name == "checklist" and catalog.checklist_of_page(page) not in catalog.model.sectors:
                    problems.append(Problem(file, line, "'<!-- cop:checklist -->' only works on a sector's checklist page",
                                            f"move it to docs/{CHECKLISTS}/<sector id>.md, or use cop:checklists for the list of checklists"))
                elif name == "template" and downloads.template_of_page(page) is None:
                    problems.append(Problem(file, line, "'<!-- cop:template -->' only works on a template page",
                                            f"move it to docs/{downloads.TEMPLATES}/<name>.md, or remove it"))
                elif name == "csam-procedure":
                    if procedure_at is not None:
                        problems.append(Problem(file, line, f"the procedure for suspected abuse material is already placed on docs/{procedure_at}",
                                                f"remove this block and link to it instead: {procedure_at}#csam-procedure "
                                                "(written relative to this page)"))
                    else:
                        procedure_at = page
    return problems


def _check_templates(catalog: Catalog) -> list[Problem]:
    """Every template page places its notice: a reader must never take a
    template for legal advice or for MPTC's text (the block says so, and
    links the editable document)."""
    problems: list[Problem] = []
    for lang in catalog.languages:
        for page, scanned in catalog.pages[lang].items():
            if downloads.template_of_page(page) is not None and not any(name == "template" for name, _ in scanned.directives):
                problems.append(Problem(display(page, lang, catalog.default), None,
                                        "this template page does not place its notice and download",
                                        "add a line '<!-- cop:template -->' under the page's title"))
    return problems


def _check_checklists(catalog: Catalog) -> list[Problem]:
    """Every sector has a checklist page holding its list, and no other sector does."""
    problems: list[Problem] = []
    default = catalog.default
    for sector in catalog.model.sectors:
        page = catalog.checklist_page(sector)
        for lang in catalog.languages:
            scanned = catalog.pages[lang].get(page)
            if scanned is None:
                if lang == default:
                    problems.append(Problem(model_module.TAXONOMY, None, f"sector '{sector}' has no checklist page docs/{page}",
                                            f"add docs/{page} with a '# Title', a short introduction and '<!-- cop:checklist -->'"))
                continue
            if not any(name == "checklist" for name, _ in scanned.directives):
                problems.append(Problem(display(page, lang, default), None, "this checklist page does not place its list",
                                        "add a line '<!-- cop:checklist -->' where the checklist goes"))
    for lang in catalog.languages:
        for page in catalog.pages[lang]:
            sector = catalog.checklist_of_page(page)
            if sector is not None and sector not in catalog.model.sectors:
                problems.append(Problem(display(page, lang, default), None, f"checklist page for unknown sector '{sector}'",
                                        f"name it after a sector ID in {model_module.TAXONOMY}{_did_you_mean(sector, catalog.model.sectors)}"))
    return problems


def _index(catalog: Catalog) -> None:
    """One pass over the commitments, in the order of commitments.yml."""
    model = catalog.model
    for table, keys in ((catalog.by_role, model.roles), (catalog.by_partner, model.roles),
                        (catalog.by_sector, model.sectors), (catalog.by_key_area, model.key_areas)):
        table.update({key: [] for key in keys})
    for cid, commitment in model.commitments.items():
        for role in commitment.roles:
            catalog.by_role.setdefault(role, []).append(cid)
        for role in commitment.partners:
            catalog.by_partner.setdefault(role, []).append(cid)
        for sector in commitment.sectors:
            catalog.by_sector.setdefault(sector, []).append(cid)
        catalog.by_key_area.setdefault(commitment.key_area, []).append(cid)
        for reference in commitment.references:
            catalog.by_reference.setdefault(reference, []).append(cid)
