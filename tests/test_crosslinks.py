"""Every commitment links to its key area, sectors and roles, and each of those
pages links back to it, in both languages (checked on the built HTML, against
the model read straight from YAML)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import LANGS, page_path
from built import commitment_section, soup, targets


def where_is(site: Path, lang: str, cid: str) -> Path:
    """The built page holding commitment ``cid`` (found by its anchor)."""
    for file in (site / LANGS[lang] / "commitments").glob("*/index.html"):
        if soup(file).find(id=cid) is not None:
            return file
    raise AssertionError(f"no page of {lang} has an element with id={cid}")


@pytest.mark.parametrize("lang", LANGS)
def test_each_commitment_links_to_its_key_area_sectors_and_roles(site: Path, structure: dict, lang: str) -> None:
    for cid, entry in structure["commitments"].items():
        file = where_is(site, lang, cid)
        heading, body = commitment_section(file, cid)
        assert cid in heading.get_text(), f"{cid}'s heading does not show its ID"
        meta = next((el for el in body if "cop-meta" in (el.get("class") or [])), None)
        assert meta is not None, f"{cid} in {file} has no metadata block"
        linked = {t[0] for t in targets(site, file, meta)}
        expected = {page_path(site, lang, f"key-areas/{entry['key_area']}.md")}
        expected |= {page_path(site, lang, f"sectors/{s}.md") for s in entry["sectors"]}
        expected |= {page_path(site, lang, f"roles/{r}.md") for r in entry["roles"] + entry["partners"]}
        assert expected <= linked, f"{cid} ({lang}) does not link to {sorted(map(str, expected - linked))}"
        for target in linked:
            assert target.is_file(), f"{cid} ({lang}) links to a missing page {target}"


def _listed(site: Path, file: Path) -> set[str]:
    """Commitments linked from a page: the fragments of links that land on them."""
    return {fragment for target, fragment, _ in targets(site, file) if "/commitments/" in target.as_posix() and fragment}


@pytest.mark.parametrize("lang", LANGS)
def test_role_sector_and_key_area_pages_link_back(site: Path, structure: dict, lang: str) -> None:
    expected: dict[str, set[str]] = {}
    for cid, entry in structure["commitments"].items():
        for role in entry["roles"] + entry["partners"]:
            expected.setdefault(f"roles/{role}.md", set()).add(cid)
        for sector in entry["sectors"]:
            expected.setdefault(f"sectors/{sector}.md", set()).add(cid)
        expected.setdefault(f"key-areas/{entry['key_area']}.md", set()).add(cid)
    for page, cids in expected.items():
        file = page_path(site, lang, page)
        listed = _listed(site, file)
        assert cids <= listed, f"{page} ({lang}) does not list {sorted(cids - listed)}"
        for target, fragment, _ in targets(site, file):
            if fragment in cids:
                assert soup(target).find(id=fragment) is not None, f"{page} ({lang}) links to a missing anchor #{fragment}"


@pytest.mark.parametrize("lang", LANGS)
def test_role_page_groups_commitments_by_key_area(site: Path, structure: dict, lang: str) -> None:
    """On a role page each commitment sits under the heading of its own key area."""
    for role in structure["roles"]:
        page = soup(page_path(site, lang, f"roles/{role}.md"))
        for cid, entry in structure["commitments"].items():
            if role not in entry["roles"]:
                continue
            # The generated list's links sit under key-area headings; the
            # page's own text may link a commitment too, before any of them.
            groups = [a.find_previous("h3") for a in page.find_all("a", href=lambda h: h and h.endswith(f"#{cid}"))]
            listed = [g.get("id") for g in groups if g is not None and g.get("id", "").startswith("ka-")]
            assert listed, f"roles/{role} ({lang}) does not list {cid}"
            assert set(listed) == {f"ka-{entry['key_area']}"}, \
                f"{cid} on roles/{role} ({lang}) is not under its key area {entry['key_area']}: {listed}"


@pytest.mark.parametrize("lang", LANGS)
def test_commitment_index_lists_every_commitment_once(site: Path, structure: dict, lang: str) -> None:
    file = page_path(site, lang, "commitments/index.md")
    rows = soup(file).select(".cop-index table tbody tr")
    ids = [row.find("td").get_text(strip=True) for row in rows]
    assert ids == list(structure["commitments"]), "the index does not list every commitment once, in model order"
    for row in rows:
        linked = {t[0].parent.name for t in targets(site, file, row)}
        cid = row.find("td").get_text(strip=True)
        entry = structure["commitments"][cid]
        assert {entry["key_area"], *entry["roles"]} <= linked


@pytest.mark.parametrize("lang", LANGS)
def test_matrix_cells_link_to_the_list_behind_them(site: Path, structure: dict, lang: str) -> None:
    file = page_path(site, lang, "matrix.md")
    cells = [(t, f, text) for t, f, text in targets(site, file, soup(file).select_one(".cop-matrix table"))
             if f.startswith("role-")]
    assert cells, "the matrix has no cell links"
    for target, fragment, text in cells:
        role = fragment[len("role-"):]
        sector = target.parent.name
        expected = {cid for cid, e in structure["commitments"].items()
                    if sector in e["sectors"] and role in e["roles"] + e["partners"]}
        assert int(text) == len(expected), f"matrix cell {role} x {sector} ({lang}) says {text}, expected {len(expected)}"
        heading = soup(target).find(id=fragment)
        assert heading is not None, f"matrix links to missing #{fragment} on sectors/{sector} ({lang})"
        listed = set()
        # A role's folded section holds its list; a heading is followed by it.
        parts = [heading] if heading.name == "details" else heading.find_next_siblings()
        for sibling in parts:
            if sibling.name in ("h2", "h3"):
                break
            listed |= {f for _, f, _ in targets(site, target, sibling) if f in structure["commitments"]}
        assert listed == expected, f"{role} x {sector} ({lang}): the list behind the cell differs"


@pytest.mark.parametrize("lang", LANGS)
def test_crosswalk_lists_the_commitments_behind_each_framework_item(site: Path, structure: dict, lang: str) -> None:
    import yaml

    from conftest import ROOT

    frameworks = yaml.safe_load((ROOT / "model/taxonomy.yml").read_text(encoding="utf-8"))["frameworks"]
    expected: dict[tuple[str, str], set[str]] = {}
    for cid, entry in structure["commitments"].items():
        for ref in entry.get("references", []):
            fw, item = ref.split(":")
            expected.setdefault((fw, item), set()).add(cid)
    file = page_path(site, lang, "frameworks.md")
    page = soup(file)
    for fw, spec in frameworks.items():
        heading = page.find(id=f"fw-{fw}")
        assert heading is not None, f"no section for {fw} ({lang})"
        items = heading.find_next_sibling("ul").find_all("li", recursive=False)
        assert len(items) == len(spec["items"]), f"{fw} ({lang}) does not list each item once"
        for li, (item, names) in zip(items, spec["items"].items()):
            assert names[lang] in li.get_text(), f"{fw}:{item} ({lang}) is not named in the page's language"
            linked = {f for _, f, _ in targets(site, file, li)}
            assert linked == expected.get((fw, item), set()), f"{fw}:{item} ({lang}): {linked}"
            if not linked:
                assert li.find("em") is not None, f"{fw}:{item} ({lang}) is a gap but not marked as one"


@pytest.mark.parametrize("lang", LANGS)
def test_key_area_index_says_which_itu_mappings_are_our_own(site: Path, lang: str) -> None:
    """An area of our own (itu_fit: closest) must not read as an ITU key area:
    its label says the mapping is ours, and only its label says so."""
    import yaml

    from conftest import ROOT

    areas = yaml.safe_load((ROOT / "model/taxonomy.yml").read_text(encoding="utf-8"))["key_areas"]
    labels = yaml.safe_load((ROOT / "model/labels.yml").read_text(encoding="utf-8"))[lang]
    digits = str.maketrans("0123456789", labels.get("digits", "0123456789"))
    assert any(area.get("itu_fit") == "closest" for area in areas), "no area of our own to check"
    file = page_path(site, lang, "key-areas/index.md")
    notes = {}
    for li in soup(file).select("article li"):
        link = li.find("a")
        if link is not None and li.find("small") is not None:
            notes[link["href"].rstrip("/").split("/")[-1]] = li.find("small").get_text()
    for area in areas:
        key = "key_area.itu_closest" if area.get("itu_fit") == "closest" else "key_area.itu"
        expected = labels[key].format(n=str(area["itu"]).translate(digits))
        assert notes.get(area["id"], "").startswith(expected), f"{area['id']} ({lang}): {notes.get(area['id'])!r}"
