"""The commitments as data for integrators: ``commitments.json`` and
``commitments.csv`` in one language, from the catalog.

Everything comes from the catalog (the model, and the titles and names placed
from each language's Markdown), so the exports say what the site says. The
shape is fixed by ``model/commitments.schema.json`` (JSON Schema 2020-12);
change the two together and bump ``FORMAT_VERSION`` (see docs/integrators.md).
Pure functions: the hook (``hooks/cop_exports.py``) supplies the page URLs of
the language build and the version facts read from the repository. The cost is
one pass over the commitments.
"""

from __future__ import annotations

import csv
import io
import json
import time
from dataclasses import dataclass
from urllib.parse import urljoin

from . import citations
from .catalog import Catalog, display
from .model import SOURCES_FILE
from .model import COMMITMENTS, TAXONOMY
from .labels import LABELS
from .problems import Problem

# The version of the format (the schema), semantic versioning: a new optional
# field is a minor version, a removed or changed field a major one.
# 1.1.0: CSV cells that a spreadsheet would run as a formula start
# with an apostrophe (csv_cell); the JSON is unchanged, no field changed.
# 1.2.0: each commitment states its basis (``basis``; CSV columns ``basis``
# and ``basis_detail``).
# 1.3.0: a basis may be ``law-possible`` (a duty the source gives to other
# kinds of company) and names the passage of its source (``locator``);
# ``article`` stays, filled from a locator that is an article.
FORMAT_VERSION = "1.3.0"
JSON_NAME = "commitments.json"
CSV_NAME = "commitments.csv"
SCHEMA_NAME = "commitments.schema.json"
SCHEMA_SOURCE = f"model/{SCHEMA_NAME}"
# The schema of the assessments' export (overrides/assets/javascripts/assessment.js
# writes the files), published beside the commitments' own.
ASSESSMENT_SCHEMA_NAME = "assessment.schema.json"
ASSESSMENT_SCHEMA_SOURCE = f"model/{ASSESSMENT_SCHEMA_NAME}"
# Every schema published at the site root: (name, source in the repository).
SCHEMAS = ((SCHEMA_NAME, SCHEMA_SOURCE), (ASSESSMENT_SCHEMA_NAME, ASSESSMENT_SCHEMA_SOURCE))
# Joins the values of a multi-valued CSV cell; no name may contain ";".
SEPARATOR = "; "
CSV_COLUMNS = (
    "id", "title", "translated", "key_area", "key_area_name", "all_sectors", "sectors", "sector_names",
    "roles", "role_names", "partners", "partner_names", "references", "reference_names", "url", "canonical_url",
    "basis", "basis_detail",
)
# Joins the parts of the basis_detail cell: a part's words may hold "; ".
PART_SEPARATOR = " | "


@dataclass(frozen=True)
class Version:
    """What the exports were made from."""

    release: str  # the project's version (pyproject.toml)
    date: str | None  # the commit's date, ISO 8601 in UTC, when known
    commit: str | None  # the commit's hash, when known


def iso_date(epoch: int) -> str:
    """``1795893733`` -> ``2026-11-28T19:22:13Z``."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))


def canonical_url(site_url: str | None, url: str) -> str | None:
    """The absolute address of ``url`` (relative to the site root) on the site
    published at ``site_url``, as MkDocs makes a page's canonical URL."""
    if not site_url:
        return None
    return urljoin(site_url if site_url.endswith("/") else site_url + "/", url)


def _named(catalog: Catalog, lang: str, ids: tuple[str, ...] | list[str]) -> list[dict[str, str]]:
    return [{"id": item, "name": catalog.names[lang][item]} for item in ids]


def records(catalog: Catalog, lang: str, page_urls: dict[str, str], site_url: str | None) -> list[dict]:
    """One record per commitment, in the order of commitments.yml.

    ``page_urls``: language-neutral source page (``commitments/x.md``) -> its
    URL relative to the site root in this build (``km/commitments/x/``)."""
    model, names = catalog.model, catalog.names[lang]
    out: list[dict] = []
    for cid, commitment in model.commitments.items():
        placed = catalog.placed[lang][cid]
        url = f"{page_urls[placed.page]}#{cid}"
        references = []
        for fw_id, item in commitment.references:
            framework = model.frameworks[fw_id]
            references.append({
                "id": f"{fw_id}:{item}",
                "framework": {"id": fw_id, "name": framework.name[lang]},
                "item": item,
                "name": framework.items[item][lang],
            })
        out.append({
            "id": cid,
            "title": placed.title,
            "translated": placed.translated,
            "key_area": {"id": commitment.key_area, "name": names[commitment.key_area]},
            "all_sectors": commitment.applies_to_all,
            "sectors": _named(catalog, lang, commitment.sectors),
            "roles": _named(catalog, lang, commitment.roles),
            "partners": _named(catalog, lang, commitment.partners),
            "references": references,
            "url": url,
            "canonical_url": canonical_url(site_url, url),
            "basis": basis(catalog, lang, cid),
        })
    return out


def basis(catalog: Catalog, lang: str, cid: str) -> list[dict]:
    """What the commitment rests on, one entry per part."""
    out = []
    for entry in catalog.model.commitments[cid].basis:
        source = catalog.model.sources.sources[entry.source] if entry.source else None
        locator = entry.locator
        out.append({
            "kind": entry.kind,
            "part": entry.part[lang] if entry.part else None,
            "law": catalog.model.sources.laws[entry.law][lang] if entry.law else None,
            "article": entry.article,
            "locator": None if locator is None else {
                "kind": locator.kind,
                "value": locator.value,
                "text": citations.locator_text(catalog, lang, locator),
            },
            "source": None if source is None else {
                "id": source.key,
                "publisher": source.publisher[lang],
                "title": source.title[lang],
                "date": source.date,
                "read": source.read,
                "address": source.address,
                "citation": citations.citation_text(catalog, lang, source),
            },
            "checked": entry.checked,
            "note": citations.note_text(catalog, lang, entry),
            "text": citations.basis_text(catalog, lang, entry),
        })
    return out


def sources(catalog: Catalog, lang: str) -> list[str]:
    """The files whose words or structure the export of ``lang`` holds."""
    default = catalog.default

    def shown(page: str) -> str:
        # A page with no translation is shown (and exported) from the original.
        return display(page, lang if page in catalog.pages[lang] else default, default)

    files = {COMMITMENTS, TAXONOMY, LABELS, SOURCES_FILE}
    files |= {shown(placed.page) for placed in catalog.placed[lang].values()}
    for kind, table in (("key_area", catalog.model.key_areas), ("sector", catalog.model.sectors),
                        ("role", catalog.model.roles)):
        files |= {shown(catalog.entity_page(kind, item)) for item in table}
    return sorted(files)


def problems(catalog: Catalog, lang: str) -> list[Problem]:
    """Names that would make a multi-valued CSV cell ambiguous."""
    found: list[Problem] = []
    fix = "write the name without ';' (a comma will do): commitments.csv joins several names with '; '"
    used: dict[str, str] = {}
    for commitment in catalog.model.commitments.values():
        for kind, ids in (("sector", commitment.sectors), ("role", commitment.roles), ("role", commitment.partners)):
            for item in ids:
                used[item] = kind
    for item, kind in used.items():
        name = catalog.names[lang][item]
        if ";" in name:
            page = catalog.entity_page(kind, item)
            shown = lang if page in catalog.pages[lang] else catalog.default
            found.append(Problem(display(page, shown, catalog.default), catalog.pages[shown][page].title_line,
                                 f"the name '{name}' contains ';'", fix))
    for fw_id, item in sorted({ref for c in catalog.model.commitments.values() for ref in c.references}):
        framework = catalog.model.frameworks[fw_id]
        for text in (framework.name[lang], framework.items[item][lang]):
            if ";" in text:
                found.append(Problem(TAXONOMY, None, f"framework '{fw_id}': the {lang} name '{text}' contains ';'", fix))
    return found


def document(catalog: Catalog, lang: str, page_urls: dict[str, str], site_url: str | None, version: Version) -> dict:
    """The whole export of one language, as the JSON file holds it."""
    return {
        "version": {"format": FORMAT_VERSION, "release": version.release, "date": version.date},
        "language": lang,
        "schema": SCHEMA_NAME,
        "generated_from": {"commit": version.commit, "files": sources(catalog, lang)},
        "source_notice": catalog.label(lang, "export.notice"),
        "commitments": records(catalog, lang, page_urls, site_url),
    }


def to_json(doc: dict) -> bytes:
    """UTF-8 (no byte order mark, as JSON requires), keys in a fixed order."""
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection"):
# a first character =, +, -, @, a tab or a carriage return.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _needs_quote(text: str) -> bool:
    """A cell that starts a formula, or an apostrophe before one (so that
    taking one apostrophe off on import always gives back the text)."""
    return text.startswith(FORMULA_START) or (text.startswith("'") and _needs_quote(text[1:]))


def csv_cell(text: str) -> str:
    """``text`` that no spreadsheet runs: an apostrophe before a formula."""
    return "'" + text if _needs_quote(text) else text


def csv_text(cell: str) -> str:
    """The text of a cell written by :func:`csv_cell` (the reverse)."""
    return cell[1:] if cell.startswith("'") and _needs_quote(cell[1:]) else cell


def csv_row(record: dict) -> dict[str, str]:
    """One commitment as CSV cells: several values joined with '; '."""

    def ids(items: list[dict]) -> str:
        return SEPARATOR.join(item["id"] for item in items)

    def names(items: list[dict]) -> str:
        return SEPARATOR.join(item["name"] for item in items)

    return {
        "id": record["id"],
        "title": record["title"],
        "translated": "true" if record["translated"] else "false",
        "key_area": record["key_area"]["id"],
        "key_area_name": record["key_area"]["name"],
        "all_sectors": "true" if record["all_sectors"] else "false",
        "sectors": ids(record["sectors"]),
        "sector_names": names(record["sectors"]),
        "roles": ids(record["roles"]),
        "role_names": names(record["roles"]),
        "partners": ids(record["partners"]),
        "partner_names": names(record["partners"]),
        "references": ids(record["references"]),
        "reference_names": SEPARATOR.join(f"{ref['framework']['name']} — {ref['name']}" for ref in record["references"]),
        "url": record["url"],
        "canonical_url": record["canonical_url"] or "",
        "basis": SEPARATOR.join(entry["kind"] for entry in record.get("basis", [])),
        "basis_detail": PART_SEPARATOR.join(entry["text"] + (f" ({entry['note']})" if entry["note"] else "")
                                            for entry in record.get("basis", [])),
    }


def to_csv(doc: dict) -> bytes:
    """One row per commitment under a header of English column IDs.

    UTF-8 with a byte order mark: without it, Excel reads a CSV file in the
    computer's legacy code page and shows Khmer as mojibake. Rows end with
    CRLF, as RFC 4180 has it."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for record in doc["commitments"]:
        writer.writerow({key: csv_cell(value) for key, value in csv_row(record).items()})
    return ("\ufeff" + out.getvalue()).encode("utf-8")
