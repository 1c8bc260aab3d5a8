"""One procedure for suspected child sexual abuse material (model/csam.yml),
placed once (docs/key-areas/csam-response.md, #csam-procedure) and linked from
every page and commitment that deals with such material, in both languages.

No page may give a step that contradicts it. The patterns below are the
contradictions a reviewer found in earlier text, written out for English and
Khmer: copying or storing the material, an evidence folder of it, reporting to
the police *or* the hotline instead of both, removal before access is cut
or before the evidence is kept and the report made, deleting it as soon as the
report is made (the hold lasts until the police or legal advice allow
deletion), and attaching the material to a report. Each pattern counts only
when no negation ("never", "do not", កុំ, មិន...) comes before it in the same
clause, so the procedure's own "never copy it" passes, and so do its narrow
exceptions (a file a reporting system requires, sent through its own secure
route; a preservation store run by the company's systems; a host's locked
snapshot). The test reads the Markdown of every page (and the procedure's
own words); a second test plants each contradiction to show the patterns
catch it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

import harness
from built import soup
from conftest import LANGS, ROOT, Project, page_path

PROCEDURE = yaml.safe_load((ROOT / "model/csam.yml").read_text(encoding="utf-8"))
LABELS = yaml.safe_load((ROOT / "model/labels.yml").read_text(encoding="utf-8"))
PLACE = "key-areas/csam-response.md"
ANCHOR = "csam-procedure"

# --- The patterns -------------------------------------------------------------

# Only what is said about abuse material counts: a line (a paragraph or a
# list item) must name it. "Download the zip" on the offline page is fine.
CONTEXT = {
    "en": re.compile(r"abuse material|\bCSAM\b|abuse images?|sexual images? of (?:a )?child|intimate images|the material\b", re.I),
    "km": re.compile(r"សម្ភារៈរំលោភបំពាន|CSAM|រូបភាពផ្លូវភេទ|រូបភាពឯកជន|សម្ភារៈនោះ|មាតិកានោះ|ធាតុនោះ"),
}
# Clauses: a contradiction and its negation must sit in the same one.
CLAUSE = {"en": re.compile(r"[.;:!?](?:\s|$)|\n"), "km": re.compile(r"[។៖!?]|\n")}
NEGATION = {
    "en": re.compile(r"\b(?:never|not|no|nor|nothing|don't|without|instead of)\b", re.I),
    "km": re.compile(r"កុំ|មិន|គ្មាន|ហាម"),
}
_EN_ITEM = r"\b(?:it|them|the (?:material|images?|files?|item|content|videos?|photos?)|(?:abuse|csam) material|csam)\b"
_KM_CHANNEL = r"(?:នគរបាល|Internet Hotline Cambodia|សេវាទទួលរបាយការណ៍|អាជ្ញាធរអនុវត្តច្បាប់)"
CONTRADICTIONS: dict[str, list[tuple[str, re.Pattern[str]]]] = {
    "en": [
        # a copy of the material, or the material moved into a store of its own
        ("copies or moves the material", re.compile(
            r"\b(?:copy|copying|download\w*|screenshot\w*|forward|forwards|forwarding|save|saves|saving|secure|secures|securing|move|moves|moving)\b(?! of)"
            r"[^.;:\n]{0,30}?" + _EN_ITEM, re.I)),
        ("keeps an evidence folder or store of the material", re.compile(
            r"\bevidence (?:folder|store|drive|locker|archive)\b|\brestricted store\b|\bsecure store\b", re.I)),
        # one channel or the other, instead of both
        ("reports to one channel or the other", re.compile(r"\band/or\b|\bor (?:to )?both\b", re.I)),
        ("reports to one channel or the other", re.compile(
            r"\breport\w*\b[^.;:\n]*(?:\beither\b|\b(?:hotline(?: cambodia)?|police|law enforcement),? or (?:to |by )?(?:the )?"
            r"(?:internet hotline cambodia|hotline|police|law enforcement)\b)", re.I)),
        # removal before access is cut, or before the evidence and the report
        ("cuts access only after preserving or reporting", re.compile(
            r"\b(?:once|after|when)\b[^.;:\n]{0,80}\b(?:preserved|reported)\b[^.;:\n]{0,80}"
            r"\b(?:block\w*|disabl\w*|cut\w* access|take (?:it )?down)\b", re.I)),
        ("removes before preserving or reporting", re.compile(
            r"\b(?:remov\w*|delet\w*|clos\w* (?:the )?(?:offender's )?accounts?|take\w* (?:it |the material )?down)\b"
            r"(?:(?!\b(?:after|once|until|only|before)\b)[^.;:\n])*"
            r"\b(?:preserv\w*|keep\w* (?:the )?evidence|secur\w* (?:the )?evidence|report(?:s|ing)? (?:it|them|the material|to)\b)", re.I)),
        # the report does not end the hold: deletion waits for the police or legal advice
        ("deletes the material right after the report", re.compile(
            r"\b(?:once|after|when|as soon as)\b[^.;:\n]{0,60}\breport\w*\b"
            r"(?:(?!\b(?:not|never|no|only|until)\b)[^.;:\n]){0,60}\bdelet\w*", re.I)),
        # a report carries references (IDs, hashes, times), never the material
        ("attaches the material to a report", re.compile(
            r"\battach\w*\b(?=[^.;:\n]{0,80}\breport)[^.;:\n]{0,60}\b(?:images?|photos?|videos?|screenshots?|files?|the material|it)\b", re.I)),
    ],
    "km": [
        ("copies or moves the material", re.compile(
            r"(?<!ច្បាប់)(?<!គេ)(?<!តំណភ្ជាប់)(?<!តំណ)(?:ចម្លង|ទាញយក|ថតអេក្រង់|បញ្ជូនបន្ត)[^។៖\n]{0,30}?(?:សម្ភារៈ|វា|រូបភាព|មាតិកា|ធាតុ)")),
        ("copies or moves the material", re.compile(r"រក្សាទុកសម្ភារៈ[^។៖\n]{0,80}(?:សុវត្ថិភាព|កន្លែងផ្ទុក)")),
        ("keeps an evidence folder or store of the material", re.compile(
            r"ថតឯកសារភស្តុតាង|កន្លែងផ្ទុកភស្តុតាង|កន្លែងផ្ទុកដែលដាក់កម្រិត")),
        ("reports to one channel or the other", re.compile(r"និង/ឬ|ឬ\s*(?:ទៅ)?ទាំងពីរ")),
        ("reports to one channel or the other", re.compile(
            r"រាយការណ៍[^។៖\n]*" + _KM_CHANNEL + r"(?:\s*\([^)]*\))?\s*ឬ\s*(?:ទៅ|ដោយ)?" + _KM_CHANNEL)),
        ("cuts access only after preserving or reporting", re.compile(
            r"(?:នៅពេល|បន្ទាប់ពី|ក្រោយពី)[^។៖\n]{0,80}(?:រក្សាទុក|រាយការណ៍)[^។៖\n]{0,80}(?:ទប់ស្កាត់|បិទការចូល)")),
        ("removes before preserving or reporting", re.compile(
            r"(?:ដក[^។៖\s]{0,12}ចេញ|លុប|បិទគណនី)(?:(?!ក្រោយ|បន្ទាប់ពី|រហូតដល់|នៅពេលបាន|មុន)[^។៖\n])*"
            r"(?:រក្សាទុកភស្តុតាង|រក្សាភស្តុតាង|(?<!បាន)រាយការណ៍(?:ទៅ|វា|\s*$))")),
        ("deletes the material right after the report", re.compile(
            r"(?:នៅពេល|បន្ទាប់ពី|ក្រោយ)[^។៖\n]{0,60}រាយការណ៍(?:(?!មិន|កុំ|តែ|រហូតដល់)[^។៖\n]){0,60}លុប")),
        ("attaches the material to a report", re.compile(
            r"(?<!តំណ)ភ្ជាប់(?=[^។៖\n]{0,80}របាយការណ៍)[^។៖\n]{0,60}(?:រូបភាព|វីដេអូ|រូបថតអេក្រង់|សម្ភារៈ)")),
    ],
}
# An ordered list whose step that cuts access comes after one that keeps or reports.
LIST_ITEM = re.compile(r"^\s*\d+[.)]\s+(?P<text>.*)$")
ORDERED = {
    "en": (re.compile(r"\bpreserv\w*|\breport\w*", re.I), re.compile(r"\bblock\w*|\bcut\w* access|\bdisabl\w*", re.I)),
    "km": (re.compile(r"រក្សាទុក|រាយការណ៍"), re.compile(r"ទប់ស្កាត់|បិទការចូល")),
}


def contradictions(text: str, lang: str) -> list[tuple[int, str, str]]:
    """(line, what, the words) for every step in ``text`` that contradicts the
    procedure. Code, link targets and footnote definitions are not read."""
    found: list[tuple[int, str, str]] = []
    about = bool(CONTEXT[lang].search(text))  # only a page that speaks of the material
    in_code = False
    previous: list[tuple[int, str]] = []  # the ordered list being read
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
            continue
        if in_code or line.startswith("[^"):
            continue
        prose = re.sub(r"`[^`]*`", " ", re.sub(r"\]\([^)]*\)", "]", line))
        clauses = CLAUSE[lang].split(prose) if about else []
        for clause in clauses:
            for what, pattern in CONTRADICTIONS[lang]:
                for match in pattern.finditer(clause):
                    if not NEGATION[lang].search(clause[: match.start()]):
                        found.append((number, what, match.group(0)))
        item = LIST_ITEM.match(prose)
        if item is None:
            previous = [] if line.strip() else previous
            continue
        keeps, cuts = ORDERED[lang]
        if about and cuts.search(item["text"]) and any(keeps.search(t) for _, t in previous):
            found.append((number, "cuts access only after preserving or reporting", item["text"][:60]))
        previous.append((number, item["text"]))
    return found


def pages() -> list[tuple[Path, str]]:
    out = []
    for path in sorted((ROOT / "docs").rglob("*.md")):
        if "maintainers" in path.parts:
            continue  # pages about the build itself
        out.append((path, "km" if path.name.endswith(".km.md") else "en"))
    return out


# --- No page contradicts it ---------------------------------------------------

def test_no_page_gives_a_step_that_contradicts_the_procedure() -> None:
    found = []
    for path, lang in pages():
        for line, what, words in contradictions(path.read_text(encoding="utf-8"), lang):
            found.append(f"{path.relative_to(ROOT)}:{line}: {what}: {words!r}")
    assert not found, "pages contradict the procedure:\n" + "\n".join(found)


def test_the_procedure_does_not_contradict_itself() -> None:
    for lang in LANGS:
        words = [step["text"][lang] for step in PROCEDURE["steps"]] + [rule["text"][lang] for rule in PROCEDURE["never"]]
        assert contradictions("\n".join(words), lang) == [], lang


PLANTED = {
    "en": [
        ("1. **Preserve**: secure the material, account details and logs.", "copies or moves the material"),
        ("Download the images so the police can see them.", "copies or moves the material"),
        ("Keep an evidence folder only two people can open.", "keeps an evidence folder or store of the material"),
        ("Report to Internet Hotline Cambodia and/or the police.", "reports to one channel or the other"),
        ("Report to the hotline, the police, or both.", "reports to one channel or the other"),
        ("Report it either to the hotline or to the police.", "reports to one channel or the other"),
        ("Report it to Internet Hotline Cambodia or the police.", "reports to one channel or the other"),
        ("Once the material is preserved and reported, take it down or block access to it.",
         "cuts access only after preserving or reporting"),
        ("When abuse is confirmed, remove the offender's accounts and preserve evidence.", "removes before preserving or reporting"),
        ("Someone answers, removes the material and reports it.", "removes before preserving or reporting"),
        ("1. Preserve the evidence.\n2. Report it.\n3. Block access to it.", "cuts access only after preserving or reporting"),
        ("Once the report is made, delete the item from your systems.", "deletes the material right after the report"),
        ("Attach the messages, images and usernames involved to each report.", "attaches the material to a report"),
    ],
    "km": [
        ("រក្សាទុកសម្ភារៈ ព័ត៌មានគណនី និងកំណត់ហេតុប្រព័ន្ធ ឱ្យមានសុវត្ថិភាព។", "copies or moves the material"),
        ("ទាញយករូបភាពនោះ ដើម្បីបង្ហាញនគរបាល។", "copies or moves the material"),
        ("ថតឯកសារភស្តុតាងដែលមានតែមនុស្សពីរនាក់អាចបើកបាន។", "keeps an evidence folder or store of the material"),
        ("រាយការណ៍ទៅ Internet Hotline Cambodia និង/ឬ ទៅនគរបាល។", "reports to one channel or the other"),
        ("រាយការណ៍ទៅសេវាទទួលរបាយការណ៍ ទៅនគរបាល ឬទៅទាំងពីរ។", "reports to one channel or the other"),
        ("រាយការណ៍ទៅ Internet Hotline Cambodia ឬទៅនគរបាល។", "reports to one channel or the other"),
        ("នៅពេលសម្ភារៈត្រូវបានរក្សាទុក និងរាយការណ៍រួចហើយ សូមដកវាចេញ ឬទប់ស្កាត់វា។",
         "cuts access only after preserving or reporting"),
        ("ត្រូវលុបគណនីរបស់ជនល្មើស ហើយរក្សាទុកភស្តុតាង។", "removes before preserving or reporting"),
        ("មានអ្នកឆ្លើយតប រក្សាទុកភស្តុតាង ដកសម្ភារៈចេញ និងរាយការណ៍។", "removes before preserving or reporting"),
        ("១. រក្សាទុកភស្តុតាង\n២. រាយការណ៍\n៣. ទប់ស្កាត់វា", None),  # Khmer digits: not a Markdown list
        ("1. រក្សាទុកភស្តុតាង។\n2. រាយការណ៍។\n3. ទប់ស្កាត់វា។", "cuts access only after preserving or reporting"),
        ("នៅពេលបានរាយការណ៍រួចហើយ ត្រូវលុបមាតិកានោះចេញពីប្រព័ន្ធរបស់អ្នក។", "deletes the material right after the report"),
        ("ភ្ជាប់សារ រូបភាព និងឈ្មោះអ្នកប្រើប្រាស់ទៅនឹងរបាយការណ៍នីមួយៗ។", "attaches the material to a report"),
    ],
}


# A page is read only if it speaks of the material: each planted step comes under this line.
ABOUT = {"en": "What to do with child sexual abuse material:", "km": "អ្វីដែលត្រូវធ្វើចំពោះសម្ភារៈរំលោភបំពានផ្លូវភេទលើកុមារ៖"}

# The procedure's narrow exceptions, which no pattern may catch: a file that a
# reporting system requires, sent through its own secure route; a preservation
# store run by the company's systems; a host's locked snapshot.
EXCEPTIONS = {
    "en": ["If a reporting system built for this purpose requires the file itself, send it only through that system's own secure route.",
           "A preservation store run by your systems, where access is restricted and logged and no one opens the item, counts as under hold.",
           "A host may take a system-level snapshot of the affected volume, without anyone viewing the material, and lock it."],
    "km": ["ប្រសិនបើប្រព័ន្ធរាយការណ៍តម្រូវឱ្យផ្ញើឯកសារនោះផ្ទាល់ ត្រូវផ្ញើវាតែតាមផ្លូវបញ្ជូនដែលមានការការពារ របស់ប្រព័ន្ធនោះផ្ទាល់ប៉ុណ្ណោះ។",
           "កន្លែងរក្សាទុកដាច់ដោយឡែកដែលប្រព័ន្ធរបស់អ្នកដំណើរការ ដែលការចូលប្រើត្រូវបានដាក់កម្រិត និងកត់ត្រាទុក ក៏ចាត់ទុកថាស្ថិតក្រោមការហាមលុប និងហាមកែប្រែដែរ។",
           "អ្នកអាចធ្វើច្បាប់ចម្លងកម្រិតប្រព័ន្ធនៃថាសផ្ទុកដែលពាក់ព័ន្ធ ដោយគ្មាននរណាម្នាក់មើលសម្ភារៈនោះ ហើយចាក់សោវា។"],
}


@pytest.mark.parametrize("lang", LANGS)
def test_the_patterns_catch_each_planted_contradiction(lang: str) -> None:
    for text, what in PLANTED[lang]:
        found = [w for _, w, _ in contradictions(f"{ABOUT[lang]}\n\n{text}", lang)]
        if what is None:
            continue
        assert what in found, f"{lang}: {text!r} should be caught as '{what}', found {found}"
    # The procedure's own rules, negated, are not contradictions; nor is a
    # download on a page that does not speak of the material.
    for text in ("Never copy, download or forward it.", "Do not delete the item or the account: they are evidence.",
                 "Nothing is deleted until the evidence is kept and the reports are made."):
        assert contradictions(f"{ABOUT['en']}\n\n{text}", "en") == [], text
    assert contradictions(f"{ABOUT['km']}\n\nកុំចម្លង ទាញយក ឬបញ្ជូនបន្តសម្ភារៈនោះ។", "km") == []
    assert contradictions("Download the new zip and unzip it.", "en") == []
    # Nor are the procedure's narrow exceptions.
    for text in EXCEPTIONS[lang]:
        assert contradictions(f"{ABOUT[lang]}\n\n{text}", lang) == [], text


@pytest.mark.parametrize("lang", LANGS)
def test_a_contradiction_planted_in_a_real_page_fails(lang: str) -> None:
    """The real ALL-05 passes; the same page with the old 'and/or' step does not."""
    name = "commitments/all-sectors" + (".km" if lang == "km" else "") + ".md"
    text = (ROOT / "docs" / name).read_text(encoding="utf-8")
    assert contradictions(text, lang) == []
    planted = PLANTED[lang][3][0]
    anchor = "- [[trust-safety]]" if lang == "en" else "- [[trust-safety]]"
    broken = text.replace("### What to do\n" if lang == "en" else "### អ្វីដែលត្រូវធ្វើ\n",
                          ("### What to do\n" if lang == "en" else "### អ្វីដែលត្រូវធ្វើ\n") + f"\n- {planted}\n", 1)
    assert broken != text and anchor
    lines = [line for line, what, _ in contradictions(broken, lang) if what == "reports to one channel or the other"]
    assert lines and broken.splitlines()[lines[0] - 1].endswith(planted)


# --- Placed once, linked from everywhere ----------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_the_procedure_is_shown_once_with_each_step_and_who_takes_it(site: Path, lang: str) -> None:
    page = soup(page_path(site, lang, PLACE))
    heading = page.find(id=ANCHOR)
    assert heading is not None and heading.name == "h2", f"{lang}: no heading #{ANCHOR}"
    block = heading.find_next("div", class_="cop-procedure")
    steps = block.select("ol.cop-procedure__steps > li")
    assert [li["id"] for li in steps] == [f"csam-step-{s['id']}" for s in PROCEDURE["steps"]]
    order = [s["id"] for s in PROCEDURE["steps"]]
    assert order.index("cut-access") < order.index("preserve") < order.index("report") < order.index("remove")
    # A child in danger now, or abuse streamed live, goes to the police before anything else.
    assert order[0] == "immediate-danger"
    for li, step in zip(steps, PROCEDURE["steps"]):
        assert " ".join(step["text"][lang].split()) in li.get_text(" ", strip=True).replace("\n", " ") or \
            step["title"][lang] in li.get_text(), step["id"]
        who = li.select_one(".cop-procedure__by a")
        if step["by"] == "anyone":  # whoever finds the case: no role to wait for
            assert who is None and LABELS[lang]["csam.by_anyone"] in li.select_one(".cop-procedure__by").get_text(), step["id"]
        else:
            assert who is not None and who["href"].rstrip("/").endswith(f"roles/{step['by']}"), step["id"]
        assert LABELS[lang]["csam.by"] in li.select_one(".cop-procedure__by").get_text()
    rules = block.select(".admonition.danger li")
    assert len(rules) == len(PROCEDURE["never"])
    assert block.select_one(".admonition-title").get_text() == LABELS[lang]["csam.never"]
    # Nowhere else.
    others = [p for p in (site / LANGS[lang]).rglob("index.html")
              if p != page_path(site, lang, PLACE) and not (lang == "en" and p.relative_to(site).parts[0] == "km")
              and "cop-procedure" in p.read_text(encoding="utf-8") and soup(p).select_one("div.cop-procedure")]
    assert not others, [str(p) for p in others]


# Every page and commitment that handles suspected material links to the procedure.
LINKED_PAGES = ["help.md", "legal.md", "roles/trust-safety.md", "roles/legal-compliance.md"]
LINKED_COMMITMENTS = {
    "commitments/all-sectors.md": ["ALL-05"],
    "commitments/social-media.md": ["SM-03", "SM-04", "SM-11"],
    "commitments/data-hosting.md": ["DH-02", "DH-03"],
    "commitments/internet-service-providers.md": ["ISP-01"],
    "commitments/mobile-operators.md": ["MNO-04"],
    "commitments/content-creators.md": ["CR-02"],
    "commitments/app-developers.md": ["APP-03"],
}


def _links_to_procedure(scope) -> bool:
    return any(a["href"].split("#")[0].rstrip("/").endswith("key-areas/csam-response")
               and a["href"].endswith(f"#{ANCHOR}") for a in scope.select("a[href]"))


@pytest.mark.parametrize("lang", LANGS)
def test_pages_and_commitments_that_handle_the_material_link_to_it(site: Path, lang: str) -> None:
    for page in LINKED_PAGES:
        article = soup(page_path(site, lang, page)).select_one("article")
        assert _links_to_procedure(article), f"{lang}: {page} does not link to the procedure"
    for page, cids in LINKED_COMMITMENTS.items():
        html = soup(page_path(site, lang, page))
        for cid in cids:
            heading = html.find(id=cid)
            section = []
            for node in heading.find_all_next():
                if node.name == "h2":
                    break
                section.append(node)
            assert any(node.name == "a" and node.get("href", "").endswith(f"#{ANCHOR}")
                       and "key-areas/csam-response" in node["href"] for node in section), \
                f"{lang}: {cid} does not link to the procedure"


# --- The build refuses a broken procedure --------------------------------------

def test_the_build_refuses_a_broken_procedure(project: Project) -> None:
    text = project.read("model/csam.yml")
    # remove before report; an outside partner takes a step; a Khmer text missing; an unknown field
    steps = yaml.safe_load(text)["steps"]
    assert [s["id"] for s in steps][:4] == ["immediate-danger", "cut-access", "preserve", "report"]
    text = text.replace("  - id: remove\n    by: trust-safety\n", "  - id: remove\n    by: law-enforcement\n    when: later\n", 1)
    start, end = text.index("  - id: remove\n"), text.index("  - id: wellbeing\n")
    moved = text[start:end]
    text = text[:start] + text[end:]
    text = text.replace("  - id: report\n", moved + "  - id: report\n", 1)
    text = text.replace("      km: ស្វែងរកដំបូន្មានផ្លូវច្បាប់\n", "", 1)
    project.write("model/csam.yml", text)
    verdict = harness.check(project.root, pages=[])
    assert not verdict.passed
    remove_line = project.line_of("model/csam.yml", "- id: remove")
    verdict.find("model/csam.yml", "step 'remove' is out of order", remove_line)
    verdict.find("model/csam.yml", "'law-enforcement' is an outside partner")
    verdict.find("model/csam.yml", "unknown field 'when'")
    verdict.find("model/csam.yml", "step 'legal-advice' has no title in 'km'")


def test_the_procedure_can_be_placed_only_once(project: Project) -> None:
    project.replace("docs/key-areas/education.md", "<!-- cop:commitments -->", "<!-- cop:csam-procedure -->\n\n<!-- cop:commitments -->")
    verdict = harness.check(project.root, pages=[])
    problem = verdict.find("docs/key-areas/education.md", "already placed on docs/key-areas/csam-response.md")
    assert "key-areas/csam-response.md#csam-procedure" in problem.fix
