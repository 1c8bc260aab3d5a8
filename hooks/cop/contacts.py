"""Who to contact: the organisations, numbers and addresses a reader may need
(``model/contacts.yml``), and the rule that keeps them there.

A number in a page goes out of date without anyone noticing, and a wrong
helpline number given to a child in trouble does harm. So every contact lives
in one data file, with what it is for, who may use it, the source that says
so and the day it was checked; pages show contacts only through a generated
block (``<!-- cop:contacts -->`` and its filtered forms), and :func:`typed`
refuses a ``tel:`` or ``mailto:`` link or a Cambodian phone number typed
anywhere else in a page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import yamlfile
from .problems import Problem
from .sources import DAY, KEY, Sources, _as_text, _text

CONTACTS = "model/contacts.yml"
# The groups a contact can be shown to: each has its own block,
# <!-- cop:contacts-GROUP -->; <!-- cop:contacts --> shows every contact.
GROUPS = ("children", "parents", "industry")
DIRECTIVES = ("contacts", *(f"contacts-{group}" for group in GROUPS))
FIELDS = {"name", "phone", "address", "how", "for", "who", "source", "checked", "groups", "children"}
# The fields a contact may word again for the children's block: a child
# needs what to do in plain words, not the caveats a company weighs.
CHILDREN_FIELDS = ("how", "for", "who")
# A number to dial: digits, single spaces between groups, an optional leading +.
PHONE = re.compile(r"^\+?\d+(?: \d+)*$")

# What a page may not type (read in the page's prose: code and front matter
# blanked, Khmer digits read as digits).
LINK_SCHEME = re.compile(r"\b(tel|mailto):", re.I)
# +855 and the rest of an international number: "+855 92 311 511", "(+855) 23-224-841".
INTERNATIONAL = re.compile(r"\(?\+\s?855\)?(?:[\s.-]*\d){6,}")
# A Cambodian number dialled at home: a 0, a two- or three-digit prefix, then
# six or seven digits in groups ("092 311 511", "023-224-841", "012345678").
NATIONAL = re.compile(r"(?<![\w.+/-])0\d{1,2}[ -]?\d{3}[ -]?\d{3,4}(?![\w/-])")
_KHMER_DIGITS = str.maketrans("០១២៣៤៥៦៧៨៩", "0123456789")


@dataclass(frozen=True)
class Contact:
    key: str
    name: dict[str, str]  # language -> name
    phone: str | None  # as written in contacts.yml: "1280", "092 311 511"
    address: str | None  # https://...
    how: dict[str, str] | None  # language -> how to reach it, where there is no number or address
    purpose: dict[str, str]  # language -> what it is for
    who: dict[str, str]  # language -> who may use it
    source: str  # key of model/sources.yml
    checked: str  # YYYY-MM-DD
    groups: tuple[str, ...]
    line: int | None = None
    # field -> language -> the words the children's block shows instead
    children: dict[str, dict[str, str]] = field(default_factory=dict)

    def said(self, name: str, group: str | None, lang: str) -> str:
        """``how``, ``for`` or ``who`` in ``lang`` as the block of ``group``
        shows it ("" for a ``how`` the contact does not give)."""
        if group == "children" and name in self.children:
            return self.children[name][lang]
        words = {"how": self.how, "for": self.purpose, "who": self.who}[name]
        return words[lang] if words else ""

    @property
    def tel(self) -> str:
        """The number as a tel: link dials it."""
        return (self.phone or "").replace(" ", "")


@dataclass
class Contacts:
    contacts: dict[str, Contact] = field(default_factory=dict)

    def of(self, group: str | None) -> list[Contact]:
        """The contacts of a group, in the file's order (None: all of them)."""
        return [c for c in self.contacts.values() if group is None or group in c.groups]

    def short_codes(self) -> set[str]:
        """The numbers of the file that the patterns for full numbers do not
        catch (1280): typed in a page, they are refused too."""
        return {c.tel for c in self.contacts.values() if c.phone and not c.phone.startswith(("+", "0"))}


def load(root: Path, languages: list[str], sources: Sources) -> tuple[Contacts, list[Problem]]:
    """Read and check ``model/contacts.yml`` (``sources``: to check each contact's source key)."""
    try:
        text = (root / CONTACTS).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return Contacts(), [Problem(CONTACTS, None, "file is missing", f"restore {CONTACTS} from version control")]
    data, problems = yamlfile.load(text, CONTACTS)
    if problems:
        return Contacts(), problems
    if not isinstance(data, dict) or not isinstance(data.get("contacts"), dict):
        return Contacts(), [Problem(CONTACTS, 1, "expected a 'contacts:' section of entries keyed by name",
                                    "restore the file's structure from version control")]
    out = Contacts()
    langs = ", ".join(languages)
    for key, entry in data["contacts"].items():
        line = yamlfile.line_of(data["contacts"], key)
        key = str(key)

        def bad(message: str, fix: str, name: str | None = None) -> None:
            where = yamlfile.line_of(entry, name) if name and isinstance(entry, dict) else None
            problems.append(Problem(CONTACTS, where or line, f"contact '{key}': {message}", fix))

        if not KEY.match(key):
            bad("the key is not lower-case words joined by hyphens", "use a key like 'child-helpline'")
        if not isinstance(entry, dict):
            bad("has no fields", "give name, phone or address (or how), for, who, source, checked and groups")
            continue
        for name in sorted(set(entry) - FIELDS):
            bad(f"unknown field '{name}'", f"use only: {', '.join(sorted(FIELDS))}", name)
        texts: dict[str, dict[str, str] | None] = {}
        for name, what in (("name", "its name"), ("for", "what it is for"), ("who", "who may use it")):
            texts[name] = _text(entry.get(name), languages)
            if texts[name] is None:
                bad(f"has no '{name}' in every language", f"add {name}: {what}, as {{{langs}}}", name if name in entry else None)
        how = _text(entry.get("how"), languages) if "how" in entry else None
        if "how" in entry and how is None:
            bad("'how' lacks a language", f"say how to reach it in {langs}", "how")
        phone = _phone(entry.get("phone"))
        if "phone" in entry and phone is None:
            bad(f"phone {entry.get('phone')!r} is not a number to dial",
                "write the digits as the publisher gives them, in quotes, groups separated by single spaces: "
                "phone: \"1280\" or phone: \"+855 23 000 000\"", "phone")
        address = entry.get("address")
        if address is not None and not (isinstance(address, str) and address.startswith("https://")):
            bad(f"address {address!r} is not an https:// address", "give the https:// address of the service's own page", "address")
            address = None
        if phone is None and address is None and how is None:
            bad("gives no way to reach it", "add phone, address, or how (in words, when there is neither)")
        source = _as_text(entry.get("source"))
        if not source:
            bad("names no source", "add source: the key of the model/sources.yml entry that gives this number or address")
        elif source not in sources.sources:
            bad(f"source {source!r} is not in model/sources.yml",
                "use the key of the source you read the number or address on, or add that source there", "source")
        checked = _as_text(entry.get("checked"))
        if not DAY.match(checked):
            bad(f"checked {checked or 'missing'!r} is not a day",
                "add checked: YYYY-MM-DD, the day you saw this on the source's own page", "checked" if "checked" in entry else None)
        groups = entry.get("groups", [])
        if not isinstance(groups, list) or not groups:
            bad("has no groups", f"add groups: [...], one or more of {', '.join(GROUPS)} (the blocks that show it)",
                "groups" if "groups" in entry else None)
            groups = []
        for group in groups:
            if group not in GROUPS:
                bad(f"unknown group {group!r}", f"use one of: {', '.join(GROUPS)}", "groups")
        children = _children(entry.get("children"), languages, groups, bad) if "children" in entry else {}
        out.contacts[key] = Contact(key, texts["name"] or {}, phone, address, how, texts["for"] or {}, texts["who"] or {},
                                    source, checked, tuple(g for g in groups if g in GROUPS), line, children)
    return out, problems


def _children(value: Any, languages: list[str], groups: list[Any], bad: Any) -> dict[str, dict[str, str]]:
    """The words a contact gives the children's block instead of its own."""
    langs = ", ".join(languages)
    if "children" not in groups:
        bad("words things for children but is not in the children group",
            "add children to its groups, or remove its 'children' words", "children")
        return {}
    if not isinstance(value, dict) or not value:
        bad("'children' is not a set of fields", f"give one or more of {', '.join(CHILDREN_FIELDS)}, each as {{{langs}}}", "children")
        return {}
    words: dict[str, dict[str, str]] = {}
    for name, text in value.items():
        if name not in CHILDREN_FIELDS:
            bad(f"'children' has the unknown field {name!r}", f"use only: {', '.join(CHILDREN_FIELDS)}", "children")
            continue
        found = _text(text, languages)
        if found is None:
            bad(f"'children' '{name}' lacks a language", f"give it in {langs}", "children")
            continue
        words[str(name)] = found
    return words


def _phone(value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # YAML reads 1280 as a number
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value if PHONE.match(value) else None


def typed(body: str, file: str, short_codes: set[str], line_of: Any) -> list[Problem]:
    """A problem for each ``tel:`` or ``mailto:`` link and each Cambodian
    phone number typed in a page. ``body``: the page's prose (code and front
    matter blanked, offsets those of the file); ``short_codes``: the short
    numbers of the contacts file; ``line_of``: offset -> line."""
    text = body.translate(_KHMER_DIGITS)  # same length: offsets stay those of the file
    fix = ("remove it and show contacts with a generated block on its own line: <!-- cop:contacts --> (every contact), "
           f"or {', '.join(f'<!-- cop:{d} -->' for d in DIRECTIVES[1:])}; numbers and addresses live in {CONTACTS}, "
           "with their source and the day they were checked")
    problems: list[Problem] = []
    for match in LINK_SCHEME.finditer(text):
        problems.append(Problem(file, line_of(match.start()), f"'{match[1].lower()}:' link typed in the page", fix))
    found: list[tuple[int, str]] = [(m.start(), m.group(0)) for m in INTERNATIONAL.finditer(text)]
    found += [(m.start(), m.group(0)) for m in NATIONAL.finditer(text)]
    if short_codes:
        # Not a size: "1280 px" is a screen width.
        codes = re.compile(r"(?<![\d,.])(?:" + "|".join(sorted(map(re.escape, short_codes))) + r")(?![\d,]|\.\d)(?!\s?(?:px|×))")
        found += [(m.start(), m.group(0)) for m in codes.finditer(text)]
    seen: set[int] = set()
    for offset, number in sorted(found):
        if offset in seen:
            continue
        seen.add(offset)
        problems.append(Problem(file, line_of(offset), f"phone number {body[offset:offset + len(number)].strip()!r} typed in the page", fix))
    return problems
