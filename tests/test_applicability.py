"""Which commitments apply: the questionnaire's rules (model/applicability.yml)
are checked with file, line and fix; what a set of answers brings in, with a
legal basis never left out silently; the rules page shows them; and the
release fingerprint is the same on the site and the offline copy, and moves
when what a release asks of companies moves."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from built import soup
from conftest import LANGS, ROOT, page_path
from cop import applicability, catalog as catalog_module, fingerprint, model as model_module

RULES = yaml.safe_load((ROOT / "model/applicability.yml").read_text(encoding="utf-8"))
COMMITMENTS = yaml.safe_load((ROOT / "model/commitments.yml").read_text(encoding="utf-8"))
LEGAL = [cid for cid, entry in COMMITMENTS.items() if any(b["kind"].startswith("law") for b in entry["basis"])]


def load(tmp_path: Path, text: str | None) -> list:
    """The model's problems with ``text`` as model/applicability.yml (None: no file)."""
    shutil.copytree(ROOT / "model", tmp_path / "model")
    target = tmp_path / "model/applicability.yml"
    if text is None:
        target.unlink()
    else:
        target.write_text(text, encoding="utf-8")
    return model_module.load(tmp_path, ["en", "km"])[1]


def where(problems: list, needle: str) -> tuple[int | None, str]:
    found = [p for p in problems if needle in p.message]
    assert found, f"no problem about {needle!r} in {[str(p) for p in problems]}"
    return found[0].line, found[0].fix


def test_the_real_rules_load_and_reach_every_commitment() -> None:
    model, problems = model_module.load(ROOT, ["en", "km"])
    assert problems == []
    rules = model.applicability
    assert 8 <= len(rules.questions) <= 12, "the questionnaire should take under five minutes"
    for cid in COMMITMENTS:
        assert COMMITMENTS[cid]["sectors"] == "all" or applicability.bringers(rules, model, cid), cid


def test_mistakes_are_reported_with_their_line_and_fix(tmp_path: Path) -> None:
    text = (ROOT / "model/applicability.yml").read_text(encoding="utf-8")
    text = text.replace("commitments: [SM-03, SM-06, SM-11, APP-03]", "commitments: [SM-03, SM-6, ALL-01]", 1)
    text = text.replace("sectors: [mobile-operators]", "sectors: [mobile-operator]", 1)
    text = text.replace('      km: "តើអ្នកដំណើរការបណ្តាញទូរស័ព្ទចល័ត ឬលក់ស៊ីមកាតដែរឬទេ?"\n', "", 1)
    text = re.sub(r'      km: "អ្នកបង្កើតកម្មវិធី ឬសូហ្វវែរ៖.*', '      km: "You make apps <b>or</b> software."', text, count=1)
    text = text.replace("  - id: live\n", "  - id: user-contact\n", 1)
    lines = text.splitlines()
    problems = load(tmp_path, text)

    def line_of(needle: str, after: int = 0) -> int:
        return next(i for i, line in enumerate(lines, start=1) if i > after and needle in line)

    line, fix = where(problems, "unknown commitment 'SM-6' (did you mean SM-06?)")
    assert line == line_of("commitments: [SM-03, SM-6, ALL-01]")
    line, _ = where(problems, "ALL-01 applies to every sector")
    assert line == line_of("commitments: [SM-03, SM-6, ALL-01]")
    line, fix = where(problems, "unknown sector 'mobile-operator' (did you mean mobile-operators?)")
    assert line == line_of("sectors: [mobile-operator]")
    line, fix = where(problems, "question 'mobile-network': 'question' has no 'km' text")
    assert line == line_of("Do you run a mobile network") - 1 and "km: ..." in fix
    line, fix = where(problems, "question 'apps': the 'km' reason holds markup ('<b')")
    assert line == line_of("You make apps <b>")
    where(problems, "question 'apps': the 'km' reason is not in Khmer")
    line, _ = where(problems, "question 'user-contact' is defined twice")
    assert line == line_of("- id: user-contact", line_of("- id: user-contact"))
    assert all(p.file == "model/applicability.yml" for p in problems)


def test_a_sector_no_question_reaches_and_a_missing_file(tmp_path: Path) -> None:
    data = yaml.safe_load((ROOT / "model/applicability.yml").read_text(encoding="utf-8"))
    data["questions"] = [q for q in data["questions"] if q["id"] != "hosting"]
    problems = load(tmp_path / "a", yaml.safe_dump(data, allow_unicode=True))
    _, fix = where(problems, "no question brings in sector 'data-hosting'")
    assert "add data-hosting" in fix
    where(problems, "no answer can bring in DH-02")
    problems = load(tmp_path / "b", None)
    _, fix = where(problems, "file is missing")
    assert "restore model/applicability.yml" in fix


def test_answers_bring_in_sectors_and_commitments_and_never_drop_a_legal_duty_silently() -> None:
    model, _ = model_module.load(ROOT, ["en", "km"])
    rules = model.applicability
    nothing = applicability.result(rules, model, {})
    assert set(nothing.applies) == {cid for cid, e in COMMITMENTS.items() if e["sectors"] == "all"}
    assert len(nothing.unanswered) == len(rules.questions)
    # Every commitment with a legal basis is either applied or listed as left out with its basis.
    assert set(nothing.legal_left_out) == {cid for cid in LEGAL if COMMITMENTS[cid]["sectors"] != "all"}
    assert set(nothing.applies) | set(nothing.legal_left_out) | set(nothing.left_out) == set(COMMITMENTS)

    mobile = applicability.result(rules, model, {"mobile-network": "yes", "live": "unsure", "hosting": "no"})
    assert mobile.applies["MNO-04"] == ["mobile-network"]
    assert mobile.applies["SM-06"] == ["live"] and mobile.applies["CR-02"] == ["live"]  # "not sure" counts as yes
    assert "DH-02" in mobile.legal_left_out and "DH-01" in mobile.left_out
    assert "mobile-network" not in mobile.unanswered and "hosting" not in mobile.unanswered


def test_children_using_a_network_or_a_host_alone_bring_in_no_social_media_or_app_commitment() -> None:
    """"Could children use it?" and "do you collect their data?" count only
    for a service where users post or contact each other, or an app: an
    internet provider that answers them "yes" is not given SM-01."""
    model, _ = model_module.load(ROOT, ["en", "km"])
    rules = model.applicability
    isp = {"internet-access": "yes", "mobile-network": "yes", "hosting": "unsure", "children-use": "yes",
           "children-data": "unsure", "user-content": "no", "user-contact": "no", "apps": "no"}
    alone = applicability.result(rules, model, isp)
    for cid in ("SM-01", "SM-02", "SM-10", "SM-07", "APP-01", "APP-02", "APP-04"):
        assert cid not in alone.applies, cid
    assert alone.applies["ISP-01"] == ["internet-access"]
    assert "children-use" not in alone.unanswered, "a question that does not count is still answered"
    for gate, answer in (("user-content", "no"), ("user-contact", "unsure"), ("apps", "yes")):
        brought = applicability.result(rules, model, {**isp, gate: answer}).applies
        if answer == "no":
            assert "SM-01" not in brought
        else:
            assert "children-use" in brought["SM-01"] and "children-data" in brought["APP-02"], gate


def test_a_venue_that_offers_wi_fi_to_guests_gets_filtering_not_every_provider_commitment() -> None:
    """A café, hotel, shop or school whose guests use its Wi-Fi is not an
    internet service provider: it is given the filtered public Wi-Fi of ISP-02,
    not the notices, logs and programmes of the whole sector."""
    model, _ = model_module.load(ROOT, ["en", "km"])
    rules = model.applicability
    isp = [cid for cid, entry in COMMITMENTS.items() if "internet-service-providers" in entry["sectors"]]
    venue = applicability.result(rules, model, {"guest-wifi": "yes", "internet-access": "no"}).applies
    assert venue["ISP-02"] == ["guest-wifi"]
    assert [cid for cid in isp if cid in venue] == ["ISP-02"]
    provider = applicability.result(rules, model, {"guest-wifi": "unsure", "internet-access": "yes"}).applies
    assert all(cid in provider for cid in isp)
    assert provider["ISP-02"] == ["internet-access", "guest-wifi"]


def test_a_question_can_only_depend_on_questions_asked_before_it(tmp_path: Path) -> None:
    text = (ROOT / "model/applicability.yml").read_text(encoding="utf-8")
    gate = "only_if: [user-content, user-contact, apps]"
    assert text.count(gate) == 2
    text = text.replace(gate, "only_if: [user-contact, recommendations, children-use, user-contact, apps]", 1)
    text = text.replace(gate, "only_if: [children-use]", 1)
    text = text.replace("    commitments: [SM-06, CR-02]\n", "    commitments: [SM-06, CR-02]\n    only_if: [user-contnet]\n", 1)
    lines = text.splitlines()
    problems = load(tmp_path, text)
    at = next(i for i, line in enumerate(lines, start=1) if "only_if: [user-contact, recommendations" in line)
    line, fix = where(problems, "question 'children-use': only_if names 'recommendations', which is not a question asked before it")
    assert line == at and "defined above" in fix
    line, _ = where(problems, "question 'children-use': only_if names 'children-use', which is not a question asked before it")
    assert line == at
    where(problems, "question 'children-use': only_if lists 'user-contact' twice")
    where(problems, "question 'live': only_if names 'user-contnet', which is not a question asked before it (did you mean user-content?)")
    where(problems, "question 'children-data': only_if names 'children-use', which has an only_if itself")
    assert all(p.file == "model/applicability.yml" for p in problems)


@pytest.mark.parametrize("lang", LANGS)
def test_the_rules_page_shows_every_question_and_every_legal_duty(site: Path, lang: str) -> None:
    page = soup(page_path(site, lang, "applicability.md"))
    items = page.select(".cop-ar-questions > li")
    assert [li["id"] for li in items] == [f"q-{q['id']}" for q in RULES["questions"]]
    for li, question in zip(items, RULES["questions"]):
        text = li.get_text(" ", strip=True)
        assert question["question"][lang] in text and question["reason"][lang] in text
        linked = {a.get_text(" ", strip=True).split()[0] for a in li.select("a .cop-id")}
        assert linked == set(question.get("commitments", []))
    legal = page.select(".cop-ar-legal li")
    assert [li.select_one(".cop-id").get_text() for li in legal] == LEGAL


def release_fingerprints(folder: Path, suffix: str) -> set[str]:
    found = set()
    for lang in LANGS:
        for page in ("report", "assessment", "checklists/social-media"):
            path = folder / LANGS[lang] / (f"{page}/index.html" if suffix == "/" else f"{page}.html")
            block = re.search(r'id="cop-assessment-data">(.*?)</script>', path.read_text(encoding="utf-8"), re.S)
            assert block, f"{path} carries no assessment data"
            found.add(json.loads(block[1])["release"]["fingerprint"])
    return found


@pytest.fixture(scope="module")
def catalog() -> catalog_module.Catalog:
    """The real catalog, read as the build reads it."""
    docs = ROOT / "docs"
    files = sorted(str(p.relative_to(docs)) for p in docs.rglob("*.md"))
    built, problems = catalog_module.build(ROOT, docs, files, ["en", "km"], "en")
    assert problems == []
    return built


def test_the_release_fingerprint_is_the_same_on_the_site_and_the_offline_copy(site: Path, offline_site: Path,
                                                                               catalog: catalog_module.Catalog) -> None:
    expected = fingerprint.sha256(fingerprint.canonical(fingerprint.release_projection(catalog)))
    assert release_fingerprints(site, "/") == {expected}
    assert release_fingerprints(offline_site, ".html") == {expected}


def test_the_release_fingerprint_moves_with_the_english_text_only(catalog: catalog_module.Catalog) -> None:
    projection = fingerprint.release_projection(catalog)
    entry = projection["commitments"][0]
    assert set(entry) == {"id", "key_area", "sectors", "roles", "partners", "basis", "title", "text"}
    assert not re.search(r"[\u1780-\u17ff]", fingerprint.canonical(projection)), "Khmer in the release projection"
    before = fingerprint.sha256(fingerprint.canonical(projection))
    entry["text"]["do"] += " "
    assert fingerprint.sha256(fingerprint.canonical(projection)) != before


def test_canonical_json_follows_rfc_8785() -> None:
    # Members sorted by UTF-16 code units: U+1F600 (D83D DE00) before U+E000.
    value = {"b": [1, True, None, "x\u2028\"\\\n\u001f"], "a": {"\ue000": 1, "\U0001F600": 2}, "ក": "ខ្មែរ"}
    assert fingerprint.canonical(value) == ('{"a":{"\U0001F600":2,"\ue000":1},"b":[1,true,null,"x\u2028\\"\\\\\\n\\u001f"],'
                                            '"ក":"ខ្មែរ"}')
