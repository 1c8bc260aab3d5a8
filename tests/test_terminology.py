"""Khmer terminology that holds. The glossary is data
(model/glossary.yml), rendered as a definition list that reads at 390 px; the
build reports a variant to avoid in a Khmer page with its line and the
preferred term, allows a variant inside a longer glossary term and one
justified occurrence, and wants the Khmer gloss at an English name's first
mention. The real site has no variant left."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from built import soup
from conftest import LANGS, ROOT, Project, page_path

GLOSSARY = yaml.safe_load((ROOT / "model/glossary.yml").read_text(encoding="utf-8"))["terms"]
TERM = {t["en"]: t for t in GLOSSARY}


def test_distinct_terms_for_the_ideas_the_issue_names() -> None:
    assert TERM["sector"]["km"] != TERM["key area"]["km"]
    assert TERM["sector"]["km"] not in TERM["key area"]["km"]
    assert TERM["prevent"]["km"] != TERM["block"]["km"]
    assert TERM["police"]["km"] == "នគរបាល"
    assert "បណ្តាញរាយការណ៍" in [a["variant"] for a in TERM["hotline"]["avoid"]]
    assert TERM["Internet Hotline Cambodia"]["gloss"]


def test_no_variant_is_left_in_the_khmer_sources() -> None:
    variants = [(a["variant"], t["km"]) for t in GLOSSARY for a in t.get("avoid", [])]
    for file in list((ROOT / "docs").rglob("*.km.md")):
        text = file.read_text(encoding="utf-8")
        for variant, preferred in variants:
            # The build allows a variant inside a longer glossary term; none of ours needs that.
            assert variant not in text.replace(preferred, ""), f"{file.relative_to(ROOT)} still has '{variant}'"


@pytest.mark.parametrize("lang", LANGS)
def test_the_glossary_page_is_rendered_from_the_data(site: Path, lang: str) -> None:
    article = soup(page_path(site, lang, "glossary.md")).select_one("article")
    assert article.select_one("table") is None, "the glossary is still a table"
    terms = article.select("dl > dt")
    assert len(terms) == len(GLOSSARY)
    own = {t.select_one("strong").get_text() for t in terms}
    assert own == {t["km" if lang == "km" else "en"] for t in GLOSSARY}
    hotline = next(dt for dt in terms if dt.select_one("strong").get_text() == TERM["hotline"]["km" if lang == "km" else "en"])
    assert "បណ្តាញរាយការណ៍" in hotline.find_next_sibling("dd").get_text()


def test_the_glossary_reads_at_390_px(server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/km/glossary/")
    width = page.evaluate("document.querySelector('article').scrollWidth")
    client = page.evaluate("document.querySelector('article').clientWidth")
    assert width <= client + 1, f"the Khmer glossary overflows at 390 px ({width} > {client})"
    box = page.locator("article dl dd").first.bounding_box()
    assert box and box["width"] > 250, f"definitions are squeezed into {box}"


def test_the_build_reports_variants_with_line_and_preferred_term(project: Project) -> None:
    page = "docs/roles/leadership.km.md"
    text = project.read(page)
    text = text.rstrip("\n") + (
        "\n\nសូមទាក់ទងប៉ូលិសភ្លាមៗ។\n"
        "ក្រុមហ៊ុនត្រូវបង្ការ ហើយក្រុមប៉ូលិសត្រូវជួយ។ <!-- term-ok ប៉ូលិស: the name of a unit as it calls itself -->\n"
        "ប៉ូលិស និងប៉ូលិស <!-- term-ok ប៉ូលិស: only one is allowed -->\n"
        "Internet Hotline Cambodia ទទួលរបាយការណ៍។\n"
        "វិស័យគន្លឹះ និងបណ្តាញសង្គម។\n")
    project.write(page, text)
    lines = text.split("\n")
    at = {needle: next(i for i, l in enumerate(lines, 1) if l.startswith(needle))
          for needle in ("សូមទាក់ទងប៉ូលិស", "ក្រុមហ៊ុនត្រូវបង្ការ", "ប៉ូលិស និងប៉ូលិស", "Internet Hotline", "វិស័យគន្លឹះ")}
    result = project.build()
    assert result.returncode != 0
    out = result.output
    assert f"{page}:{at['សូមទាក់ទងប៉ូលិស']}: 'ប៉ូលិស' is a variant to avoid" in out and "write 'នគរបាល' (police)" in out, out[-3000:]
    assert f"{page}:{at['ក្រុមហ៊ុនត្រូវបង្ការ']}:" not in out, "a justified occurrence was reported"
    assert out.count(f"{page}:{at['ប៉ូលិស និងប៉ូលិស']}:") == 1, "a marker must allow one occurrence only"
    assert f"{page}:{at['Internet Hotline']}: first mention of 'Internet Hotline Cambodia'" in out
    assert f"{page}:{at['វិស័យគន្លឹះ']}: 'វិស័យគន្លឹះ' is a variant to avoid" in out
    # បណ្តាញ inside បណ្តាញសង្គម is fine: no hotline variant reported there.
    assert f"{page}:{at['វិស័យគន្លឹះ']}: 'បណ្តាញរាយការណ៍'" not in out
