"""Khmer terminology that holds, over every Khmer text the site ships.

The glossary is data (model/glossary.yml): one Khmer form per idea, the
variants to avoid, the style of numbers, dates and Latin names. It is rendered
as a definition list that reads at 390 px, with the style after it. The check
(cop.terms.check_all) reads the Khmer pages, CONTRIBUTING.km.md, the labels,
the history, mkdocs.yml's Khmer strings and the theme's Khmer strings, and
reports each problem with its file, its line and the form to write. The real
site has none."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from built import soup
from conftest import LANGS, ROOT, Project, page_path

from cop import terms
from cop.terms import Avoid, Glossary, Term

GLOSSARY = yaml.safe_load((ROOT / "model/glossary.yml").read_text(encoding="utf-8"))["terms"]
TERM = {t["en"]: t for t in GLOSSARY}


def real_glossary() -> Glossary:
    glossary, problems = terms.load(ROOT, ["en", "km"])
    assert not problems, "\n".join(map(str, problems))
    return glossary


def khmer_pages(root: Path) -> dict[str, str]:
    return {f"docs/{p.relative_to(root / 'docs')}": p.read_text(encoding="utf-8")
            for p in sorted((root / "docs").rglob("*.km.md"))}


# --- The glossary --------------------------------------------------------------


def test_distinct_terms_for_the_ideas_the_issue_names() -> None:
    assert TERM["sector"]["km"] != TERM["key area"]["km"]
    assert TERM["sector"]["km"] not in TERM["key area"]["km"]
    assert TERM["prevent"]["km"] != TERM["block"]["km"]
    assert TERM["police"]["km"] == "នគរបាល"
    assert "បណ្តាញរាយការណ៍" in [a["variant"] for a in TERM["hotline"]["avoid"]]
    assert TERM["Internet Hotline Cambodia"]["gloss"]
    # Bullying is not a threat; self-harm content is not encouraged by "encouragement".
    assert "ការគំរាមកំហែង" in [a["variant"] for a in TERM["bullying"]["avoid"]]
    assert "លើកទឹកចិត្ត" not in TERM["encourage (self-harm or suicide)"]["km"]
    assert "លើកទឹកចិត្ត" not in TERM["supportive message"]["km"]
    assert "តម្លៃមធ្យម" in [a["variant"] for a in TERM["median"]["avoid"]]


def variants(en: str) -> list[str]:
    return [a["variant"] for a in TERM[en].get("avoid", [])]


def test_a_hotline_is_a_reporting_service_and_the_helpline_a_phone_line() -> None:
    # Internet Hotline Cambodia takes reports by a web form, anonymously: its
    # Khmer must not read as an emergency phone line. The police's line is the
    # phone line for a child in immediate danger: its Khmer says urgent, so that
    # it reads apart from Internet Hotline Cambodia, which receives reports.
    assert "ទូរស័ព្ទ" not in TERM["hotline"]["km"] and "ទូរស័ព្ទ" not in TERM["Internet Hotline Cambodia"]["gloss"]
    assert "ខ្សែទូរស័ព្ទបន្ទាន់" in variants("hotline")
    assert TERM["hotline"]["km"] in TERM["Hotlines and helplines"]["km"]
    assert TERM["police hotline"]["km"] == "ខ្សែទូរស័ព្ទបន្ទាន់របស់នគរបាល"
    assert "ខ្សែទូរស័ព្ទរបស់នគរបាល" in variants("police hotline")
    assert TERM["Child Helpline Cambodia"]["km"].startswith("ខ្សែទូរស័ព្ទជំនួយ")


def test_the_words_a_cold_reader_misread_are_replaced() -> None:
    assert "ប្រវត្តិរូប" not in TERM["profiling"]["km"] and "ការបង្កើតប្រវត្តិរូបអ្នកប្រើ" in variants("profiling")
    assert "ផ្គូផ្គង" in TERM["hash matching"]["km"] and "ការផ្ទៀងផ្ទាត់តាមតម្លៃហាស" in variants("hash matching")
    assert "ហួសសម័យ" not in TERM["outdated (translation)"]["km"]
    assert "ទំនុកចិត្ត" not in TERM["Trust and safety (content moderation)"]["km"]
    assert TERM["assessment report"]["km"] != TERM["report"]["km"]
    # Harassment and bullying are two ideas with two words.
    assert TERM["harassment"]["km"] != TERM["bullying"]["km"] and "ការបៀតបៀន" in variants("harassment")
    assert "ផលប្រយោជន៍ឧត្តម" in variants("best interests of the child")
    assert "ច្បាប់ស្តីពីការការពារទិន្នន័យផ្ទាល់ខ្លួន" in variants("personal data protection law")


def test_the_words_a_compliance_reader_misread_are_replaced() -> None:
    # A company's officer must not read as a state official, or a reader may
    # name a police or ministry contact to hear a concern about an insider.
    officer = TERM["officer (of a company)"]
    assert "មន្ត្រី" not in officer["km"] and "ក្រុមប្រឹក្សាភិបាល ឬមន្ត្រី" in variants("officer (of a company)")
    # "Those involved" would keep the record away from the people who must act.
    assert TERM["the person concerned (by a concern)"]["km"] == "បុគ្គលដែលការព្រួយបារម្ភនោះសំដៅលើ"
    assert "មនុស្សដែលពាក់ព័ន្ធ" in variants("the person concerned (by a concern)")
    assert "អ្នកយោង" in variants("reference (in recruitment)")
    assert "reference" in TERM["reference (in recruitment)"]["brackets"]
    assert "ចាក់សោសារ" in variants("encryption")
    # The hold's own words say only "no deleting, no changing": its meaning
    # says that held data is out of reach and not viewed.
    hold = TERM["hold"]["meaning"]
    assert "out of reach" in hold["en"] and "views" in hold["en"]
    assert "ចូលដល់" in hold["km"] and "មើល" in hold["km"]


def test_one_khmer_word_for_each_idea_readers_found_split() -> None:
    # Data is handed to the police (ផ្តល់), not shown; a post or a file is
    # content (មាតិកា), while ធាតុ stays for items of a list; subscriber data
    # has one name; running text hosts with ផ្ទុក, since បង្ហោះ also reads as
    # posting, while the business keeps its name; safe messaging says it is
    # about careful wording on suicide.
    assert TERM["disclose"]["km"] == "ផ្តល់ទិន្នន័យ" and "បញ្ចេញទិន្នន័យ" in variants("disclose")
    assert TERM["item (a piece of content)"]["km"] == "មាតិកា"
    assert not any(v == "ធាតុ" for v in variants("item (a piece of content)")), "ធាតុ is right for a list item"
    assert "ព័ត៌មានអ្នកជាវសេវា" in variants("subscriber data")
    assert TERM["host (content)"]["km"] == "ផ្ទុក" and "អ្នកបង្ហោះ (host)" in variants("host (content)")
    assert "សេវាបង្ហោះទិន្នន័យ" in TERM["Data hosting companies"]["km"]
    assert "ការនិយាយប្រកបដោយសុវត្ថិភាព" in variants("safe messaging")
    assert "សម្ភារៈដែលត្រូវបានបញ្ជាក់" in variants("confirmed material")


def test_maintainers_and_caregivers_share_no_word() -> None:
    maintainers = TERM["maintainers"]["km"]
    for audience in ("caregiver", "Parents and caregivers"):
        caregivers = TERM[audience]["km"]
        shared = set(caregivers.split()) & set(maintainers.split())
        assert not shared, f"{audience} and maintainers share {shared}"
        for word in ("អ្នក", "ថែ"):
            assert word not in maintainers, f"the maintainers' term {maintainers!r} contains {word!r}, as {caregivers!r} does"


ISSUE_TERMS = [
    # the findings
    "maintainers", "caregiver", "bullying", "self-harm", "suicide", "safe messaging", "supportive message",
    "encourage (self-harm or suicide)", "intimate images", "median", "to list", "to report", "report",
    "key area", "profile", "pull request", "grooming", "accessibility", "metadata", "content model", "index",
    "cluster", "core", "footer", "syntax", "the official text prevails", "escalation", "enacted", "in force",
    "not enacted", "online", "hotline", "the guidelines' aims as reported",
    "police hotline", "profiling", "hash matching", "outdated (translation)", "assessment report", "harassment",
    "best interests of the child", "personal data protection law", "Trust and safety (content moderation)",
    # the vocabulary of the content and workflow work
    "template", "contacts", "assessment", "evidence", "risk", "risk assessment", "owner", "due date",
    "procedure", "accessibility statement",
    # the assessments: their pages, the questionnaire, evidence, risk, fingerprints
    "Your assessments", "Which commitments apply", "Check a file", "questionnaire", "not applicable", "gap",
    "export", "import", "evidence reference", "risk rating", "likelihood", "severity", "remaining risk",
    "fingerprint", "release fingerprint", "answers fingerprint", "JSON Canonicalization Scheme",
]


@pytest.mark.parametrize("en", ISSUE_TERMS)
def test_the_glossary_has_each_term_with_its_meaning(en: str) -> None:
    assert en in TERM, f"the glossary has no entry '{en}'"
    term = TERM[en]
    assert term["km"].strip() and term["meaning"]["en"].strip() and term["meaning"]["km"].strip()
    for avoid in term.get("avoid", []):
        assert avoid["why"]["en"].strip() and avoid["why"]["km"].strip(), f"'{en}': a variant without why"


def test_every_nav_label_and_taxonomy_name_is_a_term() -> None:
    glossary = real_glossary()
    _, nav, problems = terms.mkdocs_khmer(ROOT)
    assert not problems
    assert len(nav) >= 12, nav
    assert terms.coverage(glossary, ROOT, khmer_pages(ROOT), nav) == []
    taxonomy = yaml.safe_load((ROOT / "model/taxonomy.yml").read_text(encoding="utf-8"))
    forms = {terms.normal(t.km) for t in glossary.terms}
    for kind, folder in terms.TAXONOMY_DIRS.items():
        for item in taxonomy[kind]:
            title = terms._title((ROOT / f"docs/{folder}/{item['id']}.km.md").read_text(encoding="utf-8"))[0]
            assert title and terms.normal(title) in forms, f"{folder}/{item['id']}: {title!r} is not a glossary term"


def test_no_two_terms_share_a_khmer_form_and_no_form_is_a_variant() -> None:
    glossary = real_glossary()
    assert terms.distinct(glossary) == []
    planted = Glossary([Term("sector", "វិស័យ", {}), Term("field", "វិស័យ", {}),
                        Term("key area", "ប្រធានបទគន្លឹះ", {}, (Avoid("វិស័យ", {"en": "a sector", "km": "វិស័យ"}),))])
    messages = [p.message for p in terms.distinct(planted)]
    assert any("share the Khmer form 'វិស័យ'" in m for m in messages), messages
    assert any("variant to avoid 'វិស័យ' is the Khmer form of 'sector'" in m for m in messages), messages


def test_the_style_is_data_the_check_uses() -> None:
    style = real_glossary().style
    assert (style.digits, style.thousands, style.decimal) == ("khmer", ".", ",")
    assert style.spaced("ថ្ងៃទី") and style.spaced("ឆ្នាំ") and not style.spaced("ខែ")
    assert "1280" in style.dialled and "MPTC" in style.names
    assert [r.title["en"] for r in style.rules] == ["Digits", "Thousands and decimals", "Dates", "Latin names and their glosses"]


# --- The check, on the real site ------------------------------------------------


def test_every_khmer_text_we_ship_has_no_problem() -> None:
    glossary = real_glossary()
    texts, _, problems = terms.khmer_texts(glossary, ROOT, khmer_pages(ROOT))
    files = {t.file for t in texts}
    # Every model file that holds Khmer (a km: value), found here rather than listed.
    model = {f"model/{p.name}" for p in (ROOT / "model").glob("*.yml")
             if any(line.lstrip().startswith("km:") for line in p.read_text(encoding="utf-8").splitlines())}
    assert "model/contacts.yml" in model and "model/csam.yml" in model
    for shipped in ("CONTRIBUTING.km.md", "mkdocs.yml", "overrides/partials/languages/km.html",
                    "docs/maintainers/search.km.md", *sorted(model)):
        assert shipped in files, f"the check does not read {shipped}"
    problems += terms.check_all(glossary, ROOT, khmer_pages(ROOT))
    assert problems == [], "\n".join(map(str, problems[:20]))


# --- The check, on planted problems (pure functions) -------------------------------


def planted(text: str, markdown: bool = True) -> list[str]:
    """The problems of ``text`` against the real glossary, as 'line: message | fix'."""
    return [f"{p.line}: {p.message} | {p.fix}" for p in terms.check_text(real_glossary(), text, "x.km.md", markdown)]


def test_variants_are_compared_in_canonical_order_without_the_search_folds() -> None:
    glossary = Glossary([Term("term", "ស្តីពី", {}, (Avoid("អំពីស្តី", {"en": "e", "km": "k"}),)),
                         Term("word", "ឱ្យ", {}, (Avoid("ឲ្យដឹង", {"en": "e", "km": "k"}),))])

    def found(text: str) -> list[int | None]:
        return [p.line for p in terms.check_text(glossary, text, "x.km.md")]

    assert found("អំពីស្តី") == [1]
    assert found("អំពី\u200bស្តី") == [1], "an invisible character hides the variant"
    assert found("អំពីស\u17d2\u178f\u17b8") == [1]
    # The same letters typed in another order within a cluster (register shifter after the vowel).
    assert terms.normal("ប៊ី") == terms.normal("ប\u17b8\u17ca")
    # The search's folds are not applied: coeng DA is not coeng TA, ឲ is not ឱ.
    assert found("អំពីស្ដី") == [], "coeng DA was folded into coeng TA"
    assert found("ឲ្យដឹង") == [1] and found("ឱ្យដឹង") == []


def test_a_bare_combining_sign_is_reported_on_the_raw_text() -> None:
    found = planted("ស្រៈ ើ ដាច់ឡែក។\nស្រៈ ◌ើ បង្ហាញលើរង្វង់ចំណុច។\nពាក្យ ទើប ត្រឹមត្រូវ។")
    assert len(found) == 1 and found[0].startswith("1: the sign 'ើ' (U+17BE) has no letter before it"), found


def test_english_words_in_khmer_prose() -> None:
    allowed = ("ផ្ទាំងព័ត៌មាន (feed) `code` [តំណ](page.md#anchor) SM-03 [[SM-03]] MPTC "
               "Internet Hotline Cambodia (សេវាទទួលរបាយការណ៍អ៊ីនធឺណិតកម្ពុជា) Python 3.11 <https://example.org/path>។")
    assert planted(allowed) == []
    found = planted("កុំប្រើ hook ក្នុងអត្ថបទ។\nវិស័យ (sector) ត្រឹមត្រូវ តែ ទំព័រ (page) មិនត្រូវ។")
    assert any(f.startswith("1: English word 'hook'") and "write 'ហុក'" in f for f in found), found
    assert any(f.startswith("2: English word 'page'") for f in found), found
    assert not any("'sector'" in f for f in found), found


def test_numbers_and_dates_follow_the_style() -> None:
    found = planted("លេខ 123 និង 1280។\nចំនួន ៤៥ ០០០ និង ១៤៥១៥ នាក់ ក្នុង ៣.៣១ វិនាទី។\n"
                    "ថ្ងៃទី១ ខែ ធ្នូ ឆ្នាំ២០២៦\nថ្ងៃទី ១ ខែធ្នូ ឆ្នាំ ២០២៦ ១៣.៦៤៣ ៣,៣១ ១.២៥០.០០០ ការចេញផ្សាយលេខ 0.1.0\n"
                    "ការចេញផ្សាយលេខ ០.១.០")
    expected = ["1: Latin digits '123' in Khmer prose | write '១២៣'",
                "2: '៤៥ ០០០' separates thousands with a space | write '៤៥.០០០'",
                "2: '១៤៥១៥' has no thousands separator | write '១៤.៥១៥'",
                "2: '៣.៣១' uses '.' as the decimal separator | write '៣,៣១'",
                "3: no space between 'ថ្ងៃទី' and its number",
                "3: no space between 'ឆ្នាំ' and its number",
                "3: a space between 'ខែ' and the month",
                "5: release number '០.១.០' in Khmer digits | write '0.1.0'"]
    for start in expected:
        assert any(f.startswith(start) for f in found), f"{start!r} not in {found}"
    assert not any(f.startswith("4:") for f in found), found
    assert not any("'1280'" in f for f in found), "a dialled number was reported"


# --- The glossary page ---------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_glossary_page_is_rendered_from_the_data(site: Path, lang: str) -> None:
    article = soup(page_path(site, lang, "glossary.md")).select_one("article")
    assert article.select_one("table") is None, "the glossary is still a table"
    items = article.select("dl > dt")
    assert len(items) == len(GLOSSARY)
    own = {t.select_one("strong").get_text() for t in items}
    assert own == {t["km" if lang == "km" else "en"] for t in GLOSSARY}
    hotline = next(dt for dt in items if dt.select_one("strong").get_text() == TERM["hotline"]["km" if lang == "km" else "en"])
    assert "បណ្តាញរាយការណ៍" in hotline.find_next_sibling("dd").get_text()
    # The style section follows the terms, in the page's language, with the names needing no gloss.
    style = yaml.safe_load((ROOT / "model/glossary.yml").read_text(encoding="utf-8"))["style"]
    text = article.get_text(" ")
    for rule in style["rules"]:
        assert rule["title"][lang if lang == "km" else "en"] in text
    assert "Pagefind" in text and "ថ្ងៃទី ១ ខែធ្នូ ឆ្នាំ ២០២៦" in text


def test_the_glossary_reads_at_390_px(server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/km/glossary/")
    width = page.evaluate("document.querySelector('article').scrollWidth")
    client = page.evaluate("document.querySelector('article').clientWidth")
    assert width <= client + 1, f"the Khmer glossary overflows at 390 px ({width} > {client})"
    box = page.locator("article dl dd").first.bounding_box()
    assert box and box["width"] > 250, f"definitions are squeezed into {box}"


# --- The build reports planted problems in every file it reads -------------------------


def test_the_build_reports_problems_in_every_khmer_text_with_line_and_fix(project: Project) -> None:
    page = "docs/roles/leadership.km.md"
    text = project.read(page)
    text = text.rstrip("\n") + (
        "\n\nសូមទាក់ទងប៉ូលិសភ្លាមៗ។\n"
        "ក្រុមហ៊ុនត្រូវបង្ការ ហើយក្រុមប៉ូលិសត្រូវជួយ។ <!-- term-ok ប៉ូលិស: the name of a unit as it calls itself -->\n"
        "ប៉ូលិស និងប៉ូលិស <!-- term-ok ប៉ូលិស: only one is allowed -->\n"
        "Internet Hotline Cambodia ទទួលរបាយការណ៍។\n"
        "វិស័យគន្លឹះ និងបណ្តាញសង្គម។\n")
    project.write(page, text)
    project.write("CONTRIBUTING.km.md", "# ការចូលរួម\n\nបើកសំណើទាញយក នៅលើ GitHub។\n")
    project.replace("model/labels.yml", "footer.maintainers: សម្រាប់ក្រុមបច្ចេកទេសគេហទំព័រ",
                    "footer.maintainers: សម្រាប់អ្នកថែទាំ")
    project.replace("model/history.yml", "ការចេញផ្សាយលើកដំបូង៖", "ការចេញផ្សាយលើកដំបូង (release 1)៖")
    project.replace("mkdocs.yml", "Help: ជំនួយ", "Help: ជំនួយ ២៤ ម៉ោង")
    project.replace("overrides/partials/languages/km.html", '"search": "ស្វែងរក",', '"search": "ស្វែងរក search",')
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
    # The other Khmer texts the site ships, each at its own line.
    labels = project.line_of("model/labels.yml", "footer.maintainers: សម្រាប់អ្នកថែទាំ")
    history = project.line_of("model/history.yml", "(release 1)") 
    nav = project.line_of("mkdocs.yml", "Help: ជំនួយ ២៤ ម៉ោង")
    theme = project.line_of("overrides/partials/languages/km.html", "ស្វែងរក search")
    for expected in ("CONTRIBUTING.km.md:3: 'សំណើទាញ' is a variant to avoid",
                     f"model/labels.yml:{labels}: 'សម្រាប់អ្នកថែទាំ' is a variant to avoid",
                     f"model/history.yml:{history}: English word 'release' in Khmer prose",
                     f"model/history.yml:{history}: Latin digits '1' in Khmer prose",
                     f"mkdocs.yml:{nav}: the navigation label 'Help: ជំនួយ ២៤ ម៉ោង' is not a term of the glossary",
                     f"overrides/partials/languages/km.html:{theme}: English word 'search' in Khmer prose"):
        assert expected in out, f"{expected!r} not reported:\n{out[-4000:]}"
    assert "write 'សំណើបញ្ចូលការកែប្រែ' (pull request)" in out
