"""The structure of the guidelines: key areas, sectors, roles, frameworks and
commitments, loaded from ``model/*.yml`` and checked.

Everything here is language-neutral. Names and prose come from the Markdown
pages of each language (see ``scan`` and ``catalog``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import procedure as procedure_module
from . import applicability as applicability_module
from . import a11y_record as a11y_module
from . import contacts as contacts_module
from . import sources as sources_module
from . import terms as terms_module
from . import yamlfile
from .problems import Problem

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COMMITMENT_ID = re.compile(r"^(?P<prefix>[A-Z]{2,4})-(?P<number>\d{2,3})$")
ALL_PREFIX = "ALL"
ROLE_KINDS = ("internal", "partner")
COMMITMENT_FIELDS = {"key_area", "sectors", "roles", "partners", "references", "basis"}
# What a commitment (or one part of it) rests on: a Cambodian legal duty; a
# possible one (the source gives the duty to other kinds of company, so
# whether it reaches this sector is uncertain); the aims reported in press
# coverage of the guidelines' launch; or international good practice (the
# commitment's framework references).
BASIS_KINDS = ("law", "law-possible", "aims", "practice")
LEGAL_KINDS = ("law", "law-possible")
BASIS_FIELDS = {"kind", "part", "law", "locator", "source", "checked", "note"}
# Where in its source a basis rests: one of these, with the source's own
# words or number (a section's heading, a page, a paragraph, an article).
LOCATOR_KINDS = ("section", "page", "paragraph", "article")


@dataclass(frozen=True)
class Locator:
    kind: str  # one of LOCATOR_KINDS
    value: str  # as the source writes it: "Regulatory requirements/recommendations", "40"


@dataclass(frozen=True)
class KeyArea:
    id: str
    itu: int
    # True where the area is our own and `itu` only its closest ITU area:
    # a reader must not take the mapping for ITU's own classification.
    closest: bool = False


@dataclass(frozen=True)
class Sector:
    id: str
    prefix: str


@dataclass(frozen=True)
class Role:
    id: str
    kind: str  # "internal" or "partner"


@dataclass(frozen=True)
class Framework:
    id: str
    name: dict[str, str]
    items: dict[str, dict[str, str]]


@dataclass(frozen=True)
class Basis:
    kind: str  # one of BASIS_KINDS
    part: dict[str, str] | None  # language -> the part it covers; None: the whole commitment
    law: str | None  # key of model/sources.yml laws (legal kinds)
    locator: Locator | None  # the passage of the source it rests on (required for legal kinds)
    source: str | None  # key of model/sources.yml sources (legal kinds and "aims")
    checked: str | None  # YYYY-MM-DD the legal source was last read (legal kinds)
    note: str | None  # key of model/sources.yml notes: what is uncertain (required for "law-possible")

    @property
    def article(self) -> str | None:
        """The article, when the locator is one (the exports keep this field
        for readers of format 1.2)."""
        return self.locator.value if self.locator and self.locator.kind == "article" else None


@dataclass(frozen=True)
class Commitment:
    id: str
    key_area: str
    sectors: tuple[str, ...]
    roles: tuple[str, ...]
    partners: tuple[str, ...]
    references: tuple[tuple[str, str], ...]  # (framework id, item id)
    applies_to_all: bool
    line: int
    basis: tuple[Basis, ...] = ()


@dataclass
class Model:
    key_areas: dict[str, KeyArea] = field(default_factory=dict)
    sectors: dict[str, Sector] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)
    frameworks: dict[str, Framework] = field(default_factory=dict)
    commitments: dict[str, Commitment] = field(default_factory=dict)
    sources: sources_module.Sources = field(default_factory=lambda: sources_module.Sources({}, {}, {}))
    glossary: terms_module.Glossary = field(default_factory=terms_module.Glossary)
    csam: procedure_module.Procedure = field(default_factory=procedure_module.Procedure)
    # The questionnaire's rules: which answers bring in which commitments.
    applicability: applicability_module.Rules = field(default_factory=applicability_module.Rules)
    contacts: contacts_module.Contacts = field(default_factory=contacts_module.Contacts)
    accessibility: a11y_module.Record | None = None  # the last full check of every page, if recorded

    def kind_of(self, item_id: str) -> str | None:
        """Which kind of thing an ID names, for ``[[ID]]`` references."""
        for kind, table in (
            ("commitment", self.commitments),
            ("role", self.roles),
            ("sector", self.sectors),
            ("key_area", self.key_areas),
        ):
            if item_id in table:
                return kind
        return None


# Markdown or HTML in a title or a name: tags, entities, code, emphasis, links,
# escapes. A "<" that starts no tag ("under < 18") and a lone "&" are text.
_NOT_TEXT = re.compile(r"<[A-Za-z/!?]|[`\\]|\*\S|\S\*|(?:^|[\s(])_\S|\S_(?:[\s).,:;!?]|$)|\[|\]|&#?[A-Za-z0-9]+;")


def not_text(value: str) -> str | None:
    """What makes ``value`` more than plain text (Markdown or HTML), or None."""
    match = _NOT_TEXT.search(value)
    return None if match is None else match.group(0).strip() or match.group(0)


TAXONOMY = "model/taxonomy.yml"
SOURCES_FILE = sources_module.SOURCES
COMMITMENTS = "model/commitments.yml"


def load(root: Path, languages: list[str]) -> tuple[Model, list[Problem]]:
    """Read and check ``model/taxonomy.yml``, ``model/sources.yml``,
    ``model/glossary.yml``, ``model/csam.yml`` and ``model/commitments.yml``."""
    problems: list[Problem] = []
    model = Model()
    taxonomy, found = _read(root, TAXONOMY)
    problems += found
    if isinstance(taxonomy, dict):
        problems += _taxonomy(model, taxonomy, languages)
    elif taxonomy is not None or not found:
        problems.append(Problem(TAXONOMY, 1, "expected sections key_areas, sectors, roles, frameworks",
                                "restore the file's structure from version control"))
    model.sources, found = sources_module.load(root, languages)
    problems += found
    model.csam, found = procedure_module.load(root, languages, {r.id: r.kind for r in model.roles.values()})
    problems += found
    model.glossary, found = terms_module.load(root, languages)
    problems += found
    model.contacts, found = contacts_module.load(root, languages, model.sources)
    problems += found
    model.accessibility, found = a11y_module.load(root)
    problems += found
    commitments, found = _read(root, COMMITMENTS)
    problems += found
    if isinstance(commitments, dict):
        problems += _commitments(model, commitments, languages)
    elif commitments is not None or not found:
        problems.append(Problem(COMMITMENTS, 1, "expected one entry per commitment ID",
                                "write entries as 'ALL-01:' followed by indented fields"))
    if isinstance(commitments, dict) and isinstance(taxonomy, dict):
        # The rules name commitments and sectors: checked once those are read.
        model.applicability, found = applicability_module.load(root, model, languages)
        problems += found
    return model, problems


def _read(root: Path, name: str) -> tuple[Any, list[Problem]]:
    path = root / name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return None, [Problem(name, None, "file is missing", f"restore {name} from version control")]
    except UnicodeDecodeError as error:
        return None, [Problem(name, None, f"not valid UTF-8 ({error.reason})", "save the file as UTF-8")]
    return yamlfile.load(text, name)


def _list_of_entries(data: dict, key: str) -> tuple[list, list[Problem]]:
    value = data.get(key)
    if not isinstance(value, list):
        return [], [Problem(TAXONOMY, yamlfile.line_of(data, key), f"'{key}' must be a list of entries",
                            f"write '{key}:' then one '- id: ...' entry per item")]
    return value, []


def _taxonomy(model: Model, data: dict, languages: list[str]) -> list[Problem]:
    problems: list[Problem] = []

    def entries(key: str, fields: set[str]):
        items, found = _list_of_entries(data, key)
        problems.extend(found)
        seen: dict[str, int | None] = {}
        for entry in items:
            line = getattr(entry, "line", None)
            if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
                problems.append(Problem(TAXONOMY, line, f"an entry of '{key}' has no 'id'",
                                        "start each entry with '- id: some-id'"))
                continue
            item_id = entry["id"]
            if not SLUG.match(item_id):
                problems.append(Problem(TAXONOMY, line, f"ID '{item_id}' in '{key}' is not lower-case words joined by hyphens",
                                        "use an ID like 'trust-safety'"))
            unknown = set(entry) - fields - {"id"}
            for name in sorted(unknown):
                problems.append(Problem(TAXONOMY, yamlfile.line_of(entry, name),
                                        f"unknown field '{name}' in {key} entry '{item_id}'",
                                        f"use only: id, {', '.join(sorted(fields))}"))
            if item_id in seen:
                problems.append(Problem(TAXONOMY, line, f"ID '{item_id}' is defined twice in '{key}' (first on line {seen[item_id]})",
                                        "remove the second entry or give it a new ID"))
                continue
            seen[item_id] = line
            yield item_id, entry, line

    for item_id, entry, line in entries("key_areas", {"itu", "itu_fit"}):
        itu = entry.get("itu")
        if itu not in (1, 2, 3, 4, 5):
            problems.append(Problem(TAXONOMY, line, f"key area '{item_id}' has itu: {itu!r}",
                                    "give the ITU 2020 key area it belongs to, a number from 1 to 5"))
            itu = 0
        fit = entry.get("itu_fit")
        if fit not in (None, "closest"):
            problems.append(Problem(TAXONOMY, yamlfile.line_of(entry, "itu_fit"),
                                    f"key area '{item_id}' has itu_fit: {fit!r}",
                                    "write 'itu_fit: closest' for an area of our own mapped to its closest ITU area, or leave it out"))
        model.key_areas[item_id] = KeyArea(item_id, itu, fit == "closest")

    prefixes: dict[str, str] = {}
    for item_id, entry, line in entries("sectors", {"prefix"}):
        prefix = entry.get("prefix")
        if not isinstance(prefix, str) or not re.fullmatch(r"[A-Z]{2,4}", prefix) or prefix == ALL_PREFIX:
            problems.append(Problem(TAXONOMY, line, f"sector '{item_id}' has prefix {prefix!r}",
                                    "give 2 to 4 capital letters, not ALL (e.g. prefix: SM)"))
            prefix = ""
        elif prefix in prefixes:
            problems.append(Problem(TAXONOMY, line, f"prefix '{prefix}' of sector '{item_id}' is already used by '{prefixes[prefix]}'",
                                    "give each sector its own prefix"))
        prefixes[prefix] = item_id
        model.sectors[item_id] = Sector(item_id, prefix)

    for item_id, entry, line in entries("roles", {"kind"}):
        kind = entry.get("kind")
        if kind not in ROLE_KINDS:
            problems.append(Problem(TAXONOMY, line, f"role '{item_id}' has kind {kind!r}",
                                    "use 'internal' (a function inside the company) or 'partner' (outside it)"))
            kind = "internal"
        model.roles[item_id] = Role(item_id, kind)

    frameworks = data.get("frameworks")
    if not isinstance(frameworks, dict):
        problems.append(Problem(TAXONOMY, yamlfile.line_of(data, "frameworks"), "'frameworks' must map framework IDs to their items",
                                "restore the frameworks section from version control"))
        frameworks = {}
    for fw_id, fw in frameworks.items():
        line = yamlfile.line_of(frameworks, fw_id)
        if not isinstance(fw, dict) or not isinstance(fw.get("items"), dict):
            problems.append(Problem(TAXONOMY, line, f"framework '{fw_id}' needs 'name' and 'items'",
                                    "follow the shape of the other frameworks"))
            continue
        problems += _names(fw.get("name"), f"framework '{fw_id}'", line, languages)
        items: dict[str, dict[str, str]] = {}
        for item_id, names in fw["items"].items():
            problems += _names(names, f"item '{fw_id}:{item_id}'", yamlfile.line_of(fw["items"], item_id), languages)
            items[str(item_id)] = names if isinstance(names, dict) else {}
        model.frameworks[fw_id] = Framework(fw_id, fw.get("name") or {}, items)

    # Every ID is citable as [[ID]], so one ID must not name two things.
    seen_ids: dict[str, str] = {}
    for kind, table in (("key area", model.key_areas), ("sector", model.sectors), ("role", model.roles)):
        for item_id in table:
            if item_id in seen_ids:
                problems.append(Problem(TAXONOMY, None, f"ID '{item_id}' names both a {seen_ids[item_id]} and a {kind}",
                                        "rename one of them: [[ID]] references must be unambiguous"))
            seen_ids[item_id] = kind
    return problems


def _names(names: Any, what: str, line: int | None, languages: list[str]) -> list[Problem]:
    if not isinstance(names, dict):
        return [Problem(TAXONOMY, line, f"{what} has no names", f"give a name per language: {', '.join(languages)}")]
    problems = [
        Problem(TAXONOMY, line, f"{what} has no name in '{lang}'", f"add '{lang}: ...' with the name in that language")
        for lang in languages
        if not isinstance(names.get(lang), str) or not names[lang].strip()
    ]
    for lang in languages:
        name = names.get(lang)
        if isinstance(name, str) and not_text(name):
            problems.append(Problem(TAXONOMY, yamlfile.line_of(names, lang) or line,
                                    f"the '{lang}' name of {what} holds Markdown or HTML ('{not_text(name)}')",
                                    "write the name as plain text (no *, _, `, [ ], tags, \\ or &...;)"))
    return problems


def _id_list(entry: dict, key: str, cid: str) -> tuple[list[str], list[Problem]]:
    value = entry.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return [], [Problem(COMMITMENTS, yamlfile.line_of(entry, key), f"{cid}: '{key}' must be a list of IDs",
                            f"write {key}: [first-id, second-id]")]
    return value, []


def _commitments(model: Model, data: dict, languages: list[str]) -> list[Problem]:
    problems: list[Problem] = []
    by_prefix = {sector.prefix: sector.id for sector in model.sectors.values()}
    for cid, entry in data.items():
        line = yamlfile.line_of(data, cid) or 1
        cid = str(cid)

        def bad(message: str, fix: str, key: str | None = None) -> None:
            where = yamlfile.line_of(entry, key) if key else line
            problems.append(Problem(COMMITMENTS, where or line, f"{cid}: {message}", fix))

        match = COMMITMENT_ID.match(cid)
        if not match:
            bad(f"'{cid}' is not a commitment ID",
                "use a prefix and a number: ALL-07 for every sector, or a sector prefix such as SM-07")
            continue
        if not isinstance(entry, dict):
            bad("has no fields", "give key_area, sectors and roles, each on its own indented line")
            continue
        for name in sorted(set(entry) - COMMITMENT_FIELDS):
            bad(f"unknown field '{name}'", f"use only: {', '.join(sorted(COMMITMENT_FIELDS))}", name)

        key_area = entry.get("key_area")
        if not isinstance(key_area, str) or key_area not in model.key_areas:
            bad(f"unknown key area {key_area!r}",
                f"use one of: {', '.join(model.key_areas)}", "key_area" if "key_area" in entry else None)

        prefix = match["prefix"]
        raw_sectors = entry.get("sectors")
        applies_to_all = raw_sectors == "all"
        sectors: list[str] = list(model.sectors) if applies_to_all else []
        if not applies_to_all:
            sectors, found = _id_list(entry, "sectors", cid)
            problems += found
            if not sectors and not found:
                bad("applies to no sector", "add sectors: [sector-id] or sectors: all")
        for sector in sectors:
            if sector not in model.sectors:
                bad(f"unknown sector '{sector}'", f"use one of: {', '.join(model.sectors)}, or 'all'", "sectors")
        if prefix == ALL_PREFIX and not applies_to_all:
            bad("an ALL- commitment must apply to every sector", "write sectors: all, or give it a sector prefix", "sectors")
        elif prefix != ALL_PREFIX:
            own = by_prefix.get(prefix)
            if own is None:
                bad(f"prefix '{prefix}' belongs to no sector",
                    f"use ALL or a sector prefix: {', '.join(sorted(by_prefix))}")
            elif own not in sectors:
                bad(f"an {prefix}- commitment must apply to sector '{own}'", f"add {own} to its sectors", "sectors")

        roles, found = _id_list(entry, "roles", cid)
        problems += found
        if not roles and not found:
            bad("names no role that carries it out", "add roles: [role-id, ...]")
        partners, found = _id_list(entry, "partners", cid)
        problems += found
        for key, ids in (("roles", roles), ("partners", partners)):
            for role in ids:
                if role not in model.roles:
                    bad(f"unknown role '{role}' in {key}", f"use one of: {', '.join(model.roles)}", key)
                elif key == "roles" and model.roles[role].kind != "internal":
                    bad(f"'{role}' is an outside partner, not a function of the company",
                        f"move '{role}' from roles to partners", key)
            if len(set(ids)) != len(ids):
                bad(f"a role is listed twice in {key}", "list each role once", key)
        for role in set(roles) & set(partners):
            bad(f"'{role}' is in both roles and partners", "keep it in one of the two", "partners")

        refs, found = _id_list(entry, "references", cid)
        problems += found
        references: list[tuple[str, str]] = []
        for ref in refs:
            fw_id, _, item = ref.partition(":")
            framework = model.frameworks.get(fw_id)
            if framework is None or item not in framework.items:
                known = ", ".join(f"{f}:{i}" for f in model.frameworks for i in list(model.frameworks[f].items)[:1])
                bad(f"unknown framework reference '{ref}'",
                    f"use <framework>:<item> as listed under frameworks in {TAXONOMY} (e.g. {known})", "references")
                continue
            references.append((fw_id, item))

        basis, found = _basis(model, entry, cid, line, bool(references), languages)
        problems += found

        model.commitments[cid] = Commitment(
            basis=basis,
            id=cid,
            key_area=str(key_area),
            sectors=tuple(sectors),
            roles=tuple(roles),
            partners=tuple(partners),
            references=tuple(references),
            applies_to_all=applies_to_all,
            line=line,
        )
    return problems


def _basis(model: Model, entry: dict, cid: str, line: int, has_references: bool,
           languages: list[str]) -> tuple[tuple[Basis, ...], list[Problem]]:
    """The commitment's ``basis``: one entry, or one per part when its parts
    rest on different grounds."""
    problems: list[Problem] = []
    langs = ", ".join(languages)
    known = model.sources
    raw = entry.get("basis")
    where = yamlfile.line_of(entry, "basis") or line
    if not isinstance(raw, list) or not raw:
        return (), [Problem(COMMITMENTS, where, f"{cid}: no basis",
                            f"add basis: with at least one '- kind: {' | '.join(BASIS_KINDS)}' entry (see the top of the file)")]
    out: list[Basis] = []
    for item in raw:
        at = getattr(item, "line", None) or where

        def bad(message: str, fix: str, key: str | None = None) -> None:
            problems.append(Problem(COMMITMENTS, (yamlfile.line_of(item, key) if key else None) or at, f"{cid}: basis {message}", fix))

        if not isinstance(item, dict):
            bad("entry is not a mapping", "write '- kind: practice' (with its fields indented under it)")
            continue
        for name in sorted(set(item) - BASIS_FIELDS):
            bad(f"has an unknown field '{name}'", f"use only: {', '.join(sorted(BASIS_FIELDS))}", name)
        kind = item.get("kind")
        if kind not in BASIS_KINDS:
            bad(f"kind {kind!r} is not one of {', '.join(BASIS_KINDS)}",
                "law: a Cambodian legal duty the source gives to this kind of company; law-possible: a duty the "
                "source gives to other kinds of company, which may reach this one; aims: the aims reported in press "
                "coverage of the launch; practice: international good practice", "kind")
            continue
        part = item.get("part")
        if part is not None and (not isinstance(part, dict) or any(not isinstance(part.get(l), str) or not part[l].strip() for l in languages)):
            bad("'part' lacks a language", f"say which part it covers in {langs}", "part")
            part = None
        if len(raw) > 1 and part is None and "part" not in item:
            bad("has several entries but this one names no part",
                f"add part: with {langs}: which part of the commitment this basis covers", None)
        law, source, note = item.get("law"), item.get("source"), item.get("note")
        locator, found = _locator(item, bad)
        checked = item.get("checked")
        checked = checked.isoformat() if hasattr(checked, "isoformat") else (str(checked) if checked is not None else None)
        if kind in LEGAL_KINDS:
            if law not in known.laws:
                bad(f"names law {law!r}, which is not under laws in {sources_module.SOURCES}",
                    f"use one of: {', '.join(known.laws) or '(none yet)'}, or add the law there", "law")
            if not checked or not sources_module.DAY.match(checked):
                bad(f"of kind {kind} has no 'checked' date", "add checked: YYYY-MM-DD, the day you read the legal source", "checked")
            if locator is None and not found:
                bad(f"of kind {kind} does not say where in its source the duty is stated",
                    "add locator: {section: \"the source's heading\"} (or page:, paragraph:, article:)")
            if kind == "law-possible" and note is None:
                bad("of kind law-possible does not say what is uncertain",
                    f"add note: a key under notes in {sources_module.SOURCES} saying whom the source names and why "
                    "it may or may not reach this sector")
        else:
            for name, value in (("law", law), ("checked", checked)):
                if value is not None:
                    bad(f"of kind {kind} has '{name}', which only a legal basis has", f"remove '{name}' or make the kind law", name)
        if kind in ("law", "law-possible", "aims"):
            if source not in known.sources:
                bad(f"source {source!r} is not in {sources_module.SOURCES}",
                    f"give the key of the source that says so (one of: {', '.join(sorted(known.sources))})", "source" if "source" in item else None)
        elif source is not None and source not in known.sources:
            bad(f"source {source!r} is not in {sources_module.SOURCES}", "give a key listed there, or remove it", "source")
        if kind == "practice" and not has_references:
            bad("of kind practice, but the commitment has no framework references",
                "add the international framework items it follows to references")
        if note is not None and note not in known.notes:
            bad(f"note {note!r} is not under notes in {sources_module.SOURCES}",
                f"use one of: {', '.join(known.notes) or '(none yet)'}, or add the note there", "note")
        if locator is not None and source is None:
            bad("has a locator but no source", "add source: the key of the source the locator points into", "locator")
        out.append(Basis(str(kind), {l: part[l] for l in languages} if part else None,
                         str(law) if law is not None else None, locator,
                         str(source) if source is not None else None, checked, str(note) if note is not None else None))
    return tuple(out), problems


def _locator(item: dict, bad: Callable[..., None]) -> tuple[Locator | None, bool]:
    """The basis's ``locator``, and whether a problem was reported about it.
    ``article:`` alone was the field before a locator could name any passage:
    it is refused with the new way to write it, so no basis keeps the old form."""
    if "article" in item:
        value = item["article"]
        bad("has 'article', which is now written as a locator",
            f"write locator: {{article: {value!r}}} instead of article: (a section, page or paragraph works too)", "article")
        return None, True
    raw = item.get("locator")
    if raw is None:
        return None, False
    fix = ("write locator: {section: \"the heading\"} with one of " + ", ".join(LOCATOR_KINDS)
           + ", and the source's own heading or number")
    if not isinstance(raw, dict) or len(raw) != 1:
        bad("locator is not one 'kind: value' pair", fix, "locator")
        return None, True
    kind, value = next(iter(raw.items()))
    value = str(value).strip() if value is not None else ""
    if kind not in LOCATOR_KINDS:
        bad(f"locator kind {kind!r} is not one of {', '.join(LOCATOR_KINDS)}", fix, "locator")
        return None, True
    if not value:
        bad(f"locator {kind} is empty", fix, "locator")
        return None, True
    if not_text(value):
        bad(f"locator {kind} holds Markdown or HTML ('{not_text(value)}')", "write the heading or number as plain text", "locator")
        return None, True
    return Locator(str(kind), value), False
