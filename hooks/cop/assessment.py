"""What the assessment pages' script needs, as JSON in the page
(``#cop-assessment-data``): the questionnaire and its rules, every commitment
with its title and legal basis in the page's language, the key areas,
sectors and roles, the release and its fingerprint, the retired commitments,
and every word the script shows (``assessment.*`` in ``model/labels.yml``).

Pure functions of the catalog; ``url`` resolves a source page to its address
in the language build (``cop.render.Url``). The checklists carry a light
variant (no questionnaire, no commitments): they only keep answers.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from . import releases
from .applicability import is_legal
from .catalog import Catalog
from .fingerprint import release_fingerprint

PREFIX = "assessment."
STATUSES = ("done", "in-progress", "not-started", "not-applicable")
ANSWERS = ("yes", "no", "unsure")
LEVELS = ("low", "medium", "high")
RISKS = ("likelihood", "severity", "remaining")
# The pages the script links to (language-neutral source pages).
PAGES = {"assessment": "assessment.md", "report": "report.md", "check": "assessment-check.md",
         "rules": "applicability.md"}
HISTORY_PAGE = "history.md"
# How many days after a change the page reminds the reader to export
# (assessment.js holds the same number).
REMIND_DAYS = 14

Url = Callable[[str, str], str]

_history: dict[int, tuple[Catalog, Any]] = {}


def history(catalog: Catalog) -> releases.History | None:
    """The change history, read once per catalog; None when it cannot be read
    (hooks/cop_history.py reports why, with file and line)."""
    hit = _history.get(id(catalog))
    if hit is None or hit[0] is not catalog:
        found = None
        if catalog.root is not None:
            found, _ = releases.load(catalog.root, catalog.languages, set(catalog.model.commitments),
                                     set(catalog.pages[catalog.default]))
        _history.clear()
        hit = _history[id(catalog)] = (catalog, found)
    return hit[1]


def laws(catalog: Catalog, lang: str, cid: str) -> list[str]:
    """The laws a commitment's legal basis names, in the page's language.

    A ``law-possible`` part keeps its qualifier (possible, not certain), so that
    it is never shown as a plain legal basis."""
    laws = catalog.model.sources.laws
    out: list[str] = []
    for basis in catalog.model.commitments[cid].basis:
        if not basis.kind.startswith("law"):
            continue
        if basis.law and basis.law in laws:
            name = laws[basis.law][lang]
            if basis.kind == "law-possible":
                name = catalog.label(lang, "basis.possible_law", law=name)
        else:
            name = catalog.label(lang, f"basis.{basis.kind}")
        if name not in out:
            out.append(name)
    return out


def data(catalog: Catalog, lang: str, url: Url, full: bool = True) -> dict[str, Any]:
    labels = catalog.labels[lang]
    messages = {key[len(PREFIX):]: text for key, text in labels.items() if key.startswith(PREFIX)}
    found = history(catalog)
    latest = found.latest if found else None
    internal = [r for r, role in catalog.model.roles.items() if role.kind == "internal"]
    out: dict[str, Any] = {
        "lang": lang,
        "digits": labels["digits"],
        "decimal": labels["decimal"],
        "date": {"pattern": labels["updated.date"], "months": labels["updated.months"].split()},
        "release": {"version": latest.version if latest else "", "date": latest.date if latest else "",
                    "fingerprint": release_fingerprint(catalog)},
        "identity": labels["identity"],
        "labels": {"key_area": labels["meta.key_area"]},
        "messages": messages,
        "remind_days": REMIND_DAYS,
        "statuses": {code: labels[f"checklist.status.{code}"] for code in STATUSES},
        "answers": {code: labels[f"{PREFIX}answer.{code}"] for code in ANSWERS},
        "levels": {code: labels[f"{PREFIX}level.{code}"] for code in LEVELS},
        "roles": {role: catalog.names[lang][role] for role in internal},
        "links": {name: url(page, "") for name, page in PAGES.items()} if full else
                 {"assessment": url(PAGES["assessment"], "")},
        "key_areas": [], "sectors": [], "questions": [], "commitments": [], "retired": {},
    }
    if not full:
        return out
    out["key_areas"] = [[ka, catalog.names[lang][ka]] for ka in catalog.model.key_areas]
    out["sectors"] = [[s, catalog.names[lang][s], url(catalog.checklist_page(s), "")] for s in catalog.model.sectors]
    out["questions"] = [{"id": q.id, "text": q.text[lang], "reason": q.reason[lang], "sectors": list(q.sectors),
                         "commitments": list(q.commitments), "only_if": list(q.only_if)}
                        for q in catalog.model.applicability.questions]
    commitments = []
    for cid, commitment in catalog.model.commitments.items():
        placed = catalog.placed[lang][cid]
        commitments.append({"id": cid, "title": placed.title, "key_area": commitment.key_area,
                            "sectors": list(commitment.sectors), "all": commitment.applies_to_all,
                            "legal": laws(catalog, lang, cid) if is_legal(commitment) else [],
                            "href": url(placed.page, cid)})
    out["commitments"] = commitments
    if found:
        for cid, (release, change) in found.retired().items():
            text = catalog.label(lang, "history.retired", id=cid, version=release.version,
                                 date=releases.date_text(labels, release.date))
            out["retired"][cid] = {"text": f"{text} {change.note[lang]}", "href": url(HISTORY_PAGE, release.anchor)}
    return out


def as_json(value: Any) -> str:
    """JSON for a script element of the page: "</" would end it."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
