"""Fingerprints: SHA-256 of canonical JSON (RFC 8785, the JSON Canonicalization
Scheme), so that the same data gives the same fingerprint wherever it is
written out.

The release fingerprint identifies what a release says a company should do:
a projection of its commitments that leaves out every language but English
and every address (IDs, key area, sectors, roles, partners, basis kinds, the
English title and the Markdown of each part). The published site, a mirror
and the offline copy of one release embed the same fingerprint; an
assessment exported from one carries it, so the "check a file" page can tell
whether the file was made against the release it is opened with. The browser
computes the answers fingerprint the same way
(``overrides/assets/javascripts/assessment.js``).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from .catalog import PARTS, Catalog

# The version of the projection below: a change to what it holds changes
# every fingerprint, so it is named in it.
PROJECTION = 1


def canonical(value: Any) -> str:
    """``value`` as RFC 8785 canonical JSON. Strings are written as ECMAScript's
    JSON.stringify writes them (as Python's json does, without ASCII escapes),
    object members sorted by their names' UTF-16 code units. Only integers:
    the data fingerprinted here has no other numbers."""
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(canonical(v) for v in value) + "]"
    if isinstance(value, dict):
        keys = sorted(value, key=lambda k: str(k).encode("utf-16-be"))
        return "{" + ",".join(json.dumps(str(k), ensure_ascii=False) + ":" + canonical(value[k]) for k in keys) + "}"
    raise TypeError(f"cannot fingerprint a {type(value).__name__}")


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def release_projection(catalog: Catalog) -> dict[str, Any]:
    """The language-neutral content of the release, in the model's order."""
    default = catalog.default
    names = {key: catalog.labels[default][key] for key in PARTS}
    commitments = []
    for cid, commitment in catalog.model.commitments.items():
        placed = catalog.placed[default][cid]
        section = next(s for s in catalog.pages[default][placed.page].sections if s.id == cid)
        commitments.append({
            "id": cid,
            "key_area": commitment.key_area,
            "sectors": list(commitment.sectors),
            "roles": list(commitment.roles),
            "partners": list(commitment.partners),
            "basis": [b.kind for b in commitment.basis],
            "title": placed.title,
            "text": {key.split(".")[1]: section.part(name) or "" for key, name in names.items()},
        })
    return {"projection": PROJECTION, "commitments": commitments}


_cache: dict[int, tuple[Catalog, str]] = {}


def release_fingerprint(catalog: Catalog) -> str:
    """SHA-256 of the canonical projection, once per catalog."""
    hit = _cache.get(id(catalog))
    if hit is None or hit[0] is not catalog:
        _cache.clear()
        hit = _cache[id(catalog)] = (catalog, sha256(canonical(release_projection(catalog))))
    return hit[1]
