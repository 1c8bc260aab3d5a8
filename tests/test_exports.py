"""The exports for integrators (commitments.json, commitments.csv and their
JSON Schema): valid against the published schema, the same rows in both
formats, the commitments of model/commitments.yml, and the same titles and
names as the built pages they link to, in both languages, in the normal and
the offline build; the same bytes for the same commit."""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import shutil
import subprocess
import sys
try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]
from pathlib import Path
from urllib.parse import urljoin

import jsonschema
import pytest
from bs4 import BeautifulSoup, Tag

from built import BASE, file_of, soup, targets
from conftest import LANGS, ROOT, SITE_URL, Project, page_path

SCHEMA = ROOT / "model/commitments.schema.json"
FILES = ("commitments.json", "commitments.csv")
KHMER = re.compile("[\u1780-\u17ff]")


def exported(site: Path, lang: str) -> dict:
    return json.loads((site / LANGS[lang] / "commitments.json").read_text(encoding="utf-8"))


def csv_rows(site: Path, lang: str) -> list[dict[str, str]]:
    raw = (site / LANGS[lang] / "commitments.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{lang}: commitments.csv has no UTF-8 byte order mark (Excel needs it)"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def heading_title(heading: Tag) -> str:
    """A commitment heading's text without its ID badge and permalink."""
    heading = copy.copy(heading)
    for extra in heading.select(".cop-id, .headerlink"):
        extra.decompose()
    return heading.get_text(" ", strip=True)


def h1(file: Path) -> str:
    title = soup(file).select_one("article h1")
    assert title is not None, f"{file} has no title"
    return heading_title(title)


# --- The schema and the two formats ------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_json_validates_against_the_published_schema(site: Path, lang: str) -> None:
    assert (site / "commitments.schema.json").read_bytes() == SCHEMA.read_bytes(), \
        "the published schema is not model/commitments.schema.json"
    doc = exported(site, lang)
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator().iter_errors(doc)]
    assert not errors, f"{lang}: commitments.json does not follow its schema:\n" + "\n".join(errors[:10])
    assert doc["language"] == lang


@pytest.mark.parametrize("mutation", ["missing field", "unknown field", "wrong type", "bad url", "no version"])
def test_the_schema_rejects_a_broken_export(site: Path, mutation: str) -> None:
    doc = exported(site, "en")
    record = doc["commitments"][0]
    if mutation == "missing field":
        del record["url"]
    elif mutation == "unknown field":
        record["status"] = "done"
    elif mutation == "wrong type":
        record["roles"] = ", ".join(role["id"] for role in record["roles"])
    elif mutation == "bad url":
        record["url"] = "/" + record["url"]  # absolute from the host: breaks under a sub-path
    else:
        del doc["version"]["format"]
    assert not validator().is_valid(doc), f"the schema accepts an export with a {mutation}"


@pytest.mark.parametrize("lang", LANGS)
def test_csv_has_the_rows_of_the_json(site: Path, lang: str) -> None:
    records, rows = exported(site, lang)["commitments"], csv_rows(site, lang)
    assert [row["id"] for row in rows] == [record["id"] for record in records]

    def joined(items: list[dict], key: str = "id") -> str:
        return "; ".join(item[key] for item in items)

    for record, row in zip(records, rows):
        assert row["title"] == record["title"]
        assert (row["key_area"], row["key_area_name"]) == (record["key_area"]["id"], record["key_area"]["name"])
        for field in ("sectors", "roles", "partners"):
            singular = field[:-1]
            assert row[field] == joined(record[field]), f"{record['id']}: {field}"
            assert row[f"{singular}_names"] == joined(record[field], "name"), f"{record['id']}: {singular}_names"
            # The n-th name goes with the n-th ID, as documented.
            assert len(row[field].split("; ")) == len(row[f"{singular}_names"].split("; "))
        assert row["references"] == joined(record["references"])
        assert row["reference_names"] == "; ".join(f"{r['framework']['name']} — {r['name']}" for r in record["references"])
        assert row["translated"] == str(record["translated"]).lower()
        assert row["all_sectors"] == str(record["all_sectors"]).lower()
        assert row["url"] == record["url"]
        assert row["canonical_url"] == (record["canonical_url"] or "")


# --- The same commitments as the model and the site ------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_exports_hold_the_commitments_of_the_model(site: Path, structure: dict, lang: str) -> None:
    records = exported(site, lang)["commitments"]
    assert [r["id"] for r in records] == list(structure["commitments"]), "not the commitments of commitments.yml, in order"
    for record in records:
        entry = structure["commitments"][record["id"]]
        assert record["key_area"]["id"] == entry["key_area"]
        assert [s["id"] for s in record["sectors"]] == entry["sectors"]
        assert record["all_sectors"] == record["id"].startswith("ALL-")
        assert [r["id"] for r in record["roles"]] == entry["roles"]
        assert [r["id"] for r in record["partners"]] == entry["partners"]
        assert [r["id"] for r in record["references"]] == entry.get("references", [])
        assert all(r["id"] == f"{r['framework']['id']}:{r['item']}" for r in record["references"])


@pytest.mark.parametrize("lang", LANGS)
def test_each_url_leads_to_the_commitment_with_the_exported_title(site: Path, lang: str) -> None:
    """This is "matches the site": the heading the URL lands on shows the
    exported title, and every exported name is the title of its page."""
    root = BASE
    for record in exported(site, lang)["commitments"]:
        target = urljoin(root, record["url"])
        assert target.endswith("#" + record["id"])
        file = file_of(site, target)
        assert file.is_file(), f"{lang}: {record['url']} leads to no page"
        assert file.is_relative_to(site / LANGS[lang]) and (lang != "en" or "km" not in file.relative_to(site).parts), \
            f"{lang}: {record['url']} leads out of the language's pages"
        heading = soup(file).find(id=record["id"])
        assert heading is not None and heading.name == "h2", f"{lang}: no commitment heading #{record['id']} at {record['url']}"
        assert heading_title(heading) == record["title"], f"{lang}: {record['id']} is titled differently on the site"
        assert record["canonical_url"] is None, "the test build sets no site address"
        pages = [("key-areas", record["key_area"])] + [("sectors", s) for s in record["sectors"]] + \
            [("roles", r) for r in record["roles"] + record["partners"]]
        for folder, item in pages:
            assert h1(page_path(site, lang, f"{folder}/{item['id']}.md")) == item["name"], \
                f"{lang}: {record['id']} names {item['id']} '{item['name']}', its page says otherwise"


def test_khmer_export_is_in_khmer(site: Path) -> None:
    km, en = exported(site, "km"), exported(site, "en")
    assert KHMER.search(km["source_notice"]) and not KHMER.search(en["source_notice"])
    for kh, english in zip(km["commitments"], en["commitments"]):
        # A commitment whose page is not translated yet keeps its English title, and says so.
        assert bool(KHMER.search(kh["title"])) == kh["translated"], f"{kh['id']}: {kh['title']!r}"
        if kh["translated"]:
            assert kh["title"] != english["title"]
        names = [kh["key_area"]["name"]] + [i["name"] for f in ("sectors", "roles", "partners") for i in kh[f]]
        names += [r["name"] for r in kh["references"]] + [r["framework"]["name"] for r in kh["references"]]
        untranslated = [name for name in names if not KHMER.search(name)]
        assert not untranslated, f"{kh['id']}: names not in Khmer: {untranslated}"
    assert not any(KHMER.search(r["title"]) for r in en["commitments"])


def test_version_states_the_release_and_the_commit(site: Path) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    log = subprocess.run(["git", "log", "-1", "--format=%H %cI"], cwd=ROOT, capture_output=True, text=True)
    for lang in LANGS:
        doc = exported(site, lang)
        assert doc["version"]["release"] == project["version"]
        if log.returncode == 0:
            sha, date = log.stdout.split()
            assert doc["generated_from"]["commit"] == sha
            # git prints the committer's time zone; the export gives UTC.
            from datetime import datetime, timezone
            utc = datetime.fromisoformat(date).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            assert doc["version"]["date"] == utc
        for name in doc["generated_from"]["files"]:
            assert (ROOT / name).is_file(), f"generated_from names {name}, which does not exist"


# That two builds give the same bytes is checked on the offline zip, which
# holds the exports of both languages (tests/test_bundle.py).


# --- Canonical addresses, the offline copy, the page for integrators ------------


def test_canonical_url_is_the_pages_canonical_link(full_site: Path) -> None:
    for lang in LANGS:
        for record in exported(full_site, lang)["commitments"]:
            assert record["canonical_url"].startswith(SITE_URL), record["canonical_url"]
            file = file_of(full_site, urljoin(BASE, record["url"]))
            link = soup(file).find("link", rel="canonical")
            assert link is not None, f"{file} has no canonical link"
            assert record["canonical_url"] == f"{link['href']}#{record['id']}"


def test_exports_are_in_the_offline_copy(offline_site: Path) -> None:
    listed = (offline_site / "SHA256SUMS").read_text(encoding="utf-8")
    for name in ("commitments.schema.json", *FILES, *(f"km/{f}" for f in FILES)):
        assert re.search(rf"  {re.escape(name)}$", listed, re.M), f"{name} is not in the offline bundle"
    for lang in LANGS:
        doc = exported(offline_site, lang)
        assert validator().is_valid(doc)
        for record in doc["commitments"]:
            # No server in the offline copy: the URL names the .html file itself.
            path, _, fragment = record["url"].partition("#")
            assert path.endswith(".html"), record["url"]
            file = offline_site / path
            assert file.is_file() and soup(file).find(id=fragment) is not None, f"{lang}: {record['url']} is broken offline"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("offline", [False, True])
def test_integrators_page_links_to_the_files_of_its_language(site: Path, offline_site: Path, lang: str, offline: bool) -> None:
    root = offline_site if offline else site
    page = root / LANGS[lang] / ("integrators.html" if offline else "integrators/index.html")
    if offline:
        links = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("article a[href]")
        landed = {a["href"].rsplit("/", 1)[-1]: (page.parent / a["href"]).resolve() for a in links
                  if a["href"].endswith((".json", ".csv"))}
    else:
        landed = {target.name: target for target, _, _ in targets(site, page) if target.suffix in (".json", ".csv")}
    assert set(landed) == {"commitments.json", "commitments.csv", "commitments.schema.json",
                           "assessment.schema.json"}, sorted(landed)
    for name, target in landed.items():
        expected = root / ("" if name.endswith("schema.json") else LANGS[lang]) / name
        assert target.resolve() == expected.resolve(), f"{lang}: the link to {name} leads to {target}"


def code_blocks(page: str) -> list[tuple[str, str]]:
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    return re.findall(r"^```(\w+)\n(.*?)^```$", text, re.S | re.M)


def test_the_documented_examples_work(site: Path, structure: dict, tmp_path: Path) -> None:
    blocks = code_blocks("integrators.md")
    assert code_blocks("integrators.km.md") == blocks, "the Khmer page's examples differ from the English page's"
    python = [code for lang, code in blocks if lang == "python"]
    assert len(python) == 4

    def run(*command: str) -> list[str]:
        proc = subprocess.run(command, cwd=site, capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0, f"{command[-1]!r} failed:\n{proc.stderr}"
        return proc.stdout.splitlines()

    trust = [cid for cid, entry in structure["commitments"].items() if "trust-safety" in entry["roles"]]
    assert [line.split("\t")[0] for line in run(sys.executable, "-c", python[0])] == trust
    assert [line.split()[:2] for line in run(sys.executable, "-c", python[1])] == \
        [[cid, str(len(entry["sectors"]))] for cid, entry in structure["commitments"].items()]
    run(sys.executable, "-c", python[2])  # the schema check passes
    # The answers fingerprint of an exported assessments file, checked as documented.
    from cop.fingerprint import canonical, sha256
    doc = {"format": "cop-assessments", "version": "1.0.0", "schema": "assessment.schema.json",
           "release": {"version": "0.1.0", "fingerprint": "0" * 64},
           "assessments": [{"id": "a1", "name": "ក", "answers": {"hosting": "yes"}, "items": {}, "risks": {}}]}
    doc["fingerprint"] = sha256(canonical(doc))
    exported = tmp_path / "assessments.json"
    for name, expected in (("ក", "matches"), ("ខ", "changed since export")):
        exported.write_text(json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True).replace('"ក"', f'"{name}"'),
                            encoding="utf-8")
        proc = subprocess.run([sys.executable, "-c", python[3]], cwd=tmp_path, capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0 and proc.stdout.strip() == expected, proc.stdout + proc.stderr
    jq = next(code for lang, code in blocks if lang == "sh" and code.startswith("jq "))
    if shutil.which("jq") is None:
        pytest.skip("jq is not installed: the jq example was not run")
    social = [cid for cid, entry in structure["commitments"].items() if "social-media" in entry["sectors"]]
    assert [line.split("\t")[0] for line in run("sh", "-c", jq)] == social


# --- Bad input --------------------------------------------------------------------


def test_a_semicolon_in_a_name_stops_the_build(project: Project) -> None:
    page = "docs/roles/trust-safety.km.md"
    # The H1, after the front matter the translation status records.
    number, title = next((n, line) for n, line in enumerate(project.read(page).splitlines(), 1) if line.startswith("# "))
    project.replace(page, title, title + "; ផ្សេងៗ")
    result = project.build()
    assert result.returncode != 0, "a name with ';' would make a CSV cell ambiguous"
    assert f"{page}:{number}: the name '{title[2:]}; ផ្សេងៗ' contains ';'" in result.output, result.output[-2000:]
    assert "Fix: write the name without ';'" in result.output


def test_a_missing_schema_stops_the_build(project: Project) -> None:
    project.path("model/commitments.schema.json").unlink()
    result = project.build()
    assert result.returncode != 0
    assert "model/commitments.schema.json: file is missing" in result.output
    assert "Fix: restore model/commitments.schema.json from version control" in result.output


# --- The pure functions ------------------------------------------------------------

from cop import exports


def test_canonical_url_joins_the_site_address() -> None:
    assert exports.canonical_url(None, "km/x/#SM-01") is None
    assert exports.canonical_url("", "km/x/#SM-01") is None
    for site_url in ("https://example.org/cop", "https://example.org/cop/"):
        assert exports.canonical_url(site_url, "km/x/#SM-01") == "https://example.org/cop/km/x/#SM-01"


def test_csv_starts_with_a_bom_and_ends_rows_with_crlf() -> None:
    record = {"id": "SM-01", "title": 'A "quoted", title', "translated": True,
              "key_area": {"id": "k", "name": "K"}, "all_sectors": False,
              "sectors": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}], "roles": [{"id": "r", "name": "R"}],
              "partners": [], "references": [], "url": "x/#SM-01", "canonical_url": None}
    data = exports.to_csv({"commitments": [record]})
    assert data.startswith("\ufeff".encode("utf-8"))
    text = data.decode("utf-8-sig")
    assert text.count("\r\n") == 2 and "\n" not in text.replace("\r\n", "")
    row = next(csv.DictReader(io.StringIO(text, newline="")))
    assert (row["title"], row["sectors"], row["sector_names"], row["partners"]) == ('A "quoted", title', "a; b", "A; B", "")
    assert exports.iso_date(0) == "1970-01-01T00:00:00Z"
