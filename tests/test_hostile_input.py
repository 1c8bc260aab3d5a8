"""A catalogue of realistic mistakes and hostile inputs, at the engine level.

Each case edits a throw-away copy of the project and runs the build's checks on
it through the harness (tests/harness.py), without a MkDocs build: the verdict
(refused or passed), the file, the line and the words of the message and the
fix. A few end-to-end builds at the end make sure the real build says the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest

import harness
from conftest import Project

COMMITMENTS = "model/commitments.yml"
TAXONOMY = "model/taxonomy.yml"
LABELS = "model/labels.yml"
CONTACTS = "model/contacts.yml"
SM_EN = "docs/commitments/social-media.md"
SM_KM = "docs/commitments/social-media.km.md"
ABOUT = "docs/about.md"
ABOUT_KM = "docs/about.km.md"
EDU = "docs/roles/educators.md"


@dataclass
class Case:
    """Edits, then the problem expected: in ``file``, at ``line`` (a number,
    a text whose first line in the edited file is meant, or None), with
    ``message`` in its message and ``fix`` in its fix."""

    id: str
    edits: list[tuple]
    file: str
    line: int | str | None
    message: str
    fix: str = ""
    count: int | None = None  # the exact number of problems, where it matters (no cascade)
    stage: str | None = None


def append(file: str, text: str) -> tuple:
    return ("append", file, text)


def replace(file: str, old: str, new: str) -> tuple:
    return ("replace", file, old, new)


def write(file: str, text: str) -> tuple:
    return ("write", file, text)


def apply(project: Project, edits: list[tuple]) -> None:
    for edit in edits:
        kind, file = edit[0], edit[1]
        if kind == "append":
            project.write(file, project.read(file) + edit[2])
        elif kind == "replace":
            project.replace(file, edit[2], edit[3])
        elif kind == "write":
            project.write(file, edit[2])
        elif kind == "bytes":
            project.path(file).parent.mkdir(parents=True, exist_ok=True)
            project.path(file).write_bytes(edit[2])
        elif kind == "delete":
            project.path(file).unlink()
        elif kind == "symlink":  # a link a pull request shows as a one-line file
            project.path(file).parent.mkdir(parents=True, exist_ok=True)
            project.path(file).symlink_to(edit[2])
        elif kind == "cut":  # a commitment's whole section
            text = project.read(file)
            pattern = re.compile(rf"^## {re.escape(edit[2])}\b.*?(?=^## |\Z)", re.S | re.M)
            assert pattern.search(text), f"no section {edit[2]} in {file}"
            project.write(file, pattern.sub("", text, count=1))
        else:
            raise AssertionError(kind)


def line_of(project: Project, file: str, line: int | str | None) -> int | None:
    if line is None or isinstance(line, int):
        return line
    return project.line_of(file, line)


P = "\n\nSome text.\n\n"  # a paragraph before the case's line

CASES = [
    # --- The model (moved from test_bad_input.py) ---------------------------
    Case("unknown role", [replace(COMMITMENTS, "roles: [trust-safety, product-engineering]\n  partners",
                                  "roles: [trust-and-safety, product-engineering]\n  partners")],
         COMMITMENTS, "trust-and-safety", "SM-03: unknown role 'trust-and-safety' in roles", "use one of: leadership, child-safety-lead"),
    Case("partner listed as a role", [replace(COMMITMENTS, "roles: [trust-safety, customer-support]", "roles: [trust-safety, law-enforcement]")],
         COMMITMENTS, "roles: [trust-safety, law-enforcement]", "SM-08: 'law-enforcement' is an outside partner",
         "move 'law-enforcement' from roles to partners"),
    Case("unknown sector", [replace(COMMITMENTS, "SM-01:\n  key_area: safer-environment\n  sectors: [social-media]",
                                    "SM-01:\n  key_area: safer-environment\n  sectors: [social-medias]")],
         COMMITMENTS, "sectors: [social-medias]", "SM-01: unknown sector 'social-medias'", "use one of: social-media"),
    Case("unknown key area", [replace(COMMITMENTS, "SM-04:\n  key_area: csam-response", "SM-04:\n  key_area: csam-responce")],
         COMMITMENTS, "csam-responce", "SM-04: unknown key area 'csam-responce'", "use one of: child-rights-policy"),
    Case("a list where the key area belongs", [replace(COMMITMENTS, "SM-04:\n  key_area: csam-response", "SM-04:\n  key_area: [csam-response]")],
         COMMITMENTS, "key_area: [csam-response]", "SM-04: unknown key area ['csam-response']", "use one of"),
    Case("a list where a role kind belongs", [replace(TAXONOMY, "kind: partner", "kind: [partner]")],
         TAXONOMY, None, "has kind ['partner']", "use 'internal'"),
    Case("a key area's ITU fit misspelt", [replace(TAXONOMY, "    itu: 3\n    itu_fit: closest", "    itu: 3\n    itu_fit: closer")],
         TAXONOMY, "    itu_fit: closer", "key area 'data-privacy' has itu_fit: 'closer'", "write 'itu_fit: closest'"),
    Case("duplicate commitment ID in the model",
         [append(COMMITMENTS, "\nSM-02:\n  key_area: education\n  sectors: [social-media]\n  roles: [leadership]\n")],
         COMMITMENTS, -4, "'SM-02' appears twice", "keep one entry per ID"),
    Case("duplicate commitment section", [append("docs/commitments/all-sectors.md", "\n## SM-02 A second home\n")],
         SM_EN, "## SM-02 ", "SM-02 already heads a section at docs/commitments/all-sectors.md:"),
    Case("commitment missing from the translation", [("cut", SM_KM, "SM-10")],
         SM_KM, None, "SM-10 is in docs/commitments/social-media.md (line", "add '## SM-10 ...' with its translation here"),
    Case("commitment only in the translation", [("cut", SM_EN, "SM-10")],
         SM_KM, "## SM-10 ", "SM-10 is in this translation but not in its original"),
    Case("section without a model entry", [append(SM_EN, "\n## SM-99 Something new\n")],
         SM_EN, "## SM-99 Something new", "commitment 'SM-99' has no entry in model/commitments.yml", "add 'SM-99:'"),
    Case("model entry without a section", [append(COMMITMENTS, "\nSM-99:\n  key_area: education\n  sectors: [social-media]\n  roles: [leadership]\n  references: [itu:4]\n  basis:\n    - kind: practice\n")],
         COMMITMENTS, "SM-99:", "SM-99 has no section in any English page", "add '## SM-99 Title'"),
    Case("a commitment part renamed in Khmer", [replace(SM_KM, "## SM-05 ", "## SM-05 "),
                                                ("replace_part", SM_KM, "SM-05")],
         SM_KM, "## SM-05 ", "SM-05 has no '### របៀបបង្ហាញថាបានអនុវត្ត' part"),
    Case("unknown field in the model", [replace(COMMITMENTS, "SM-09:\n  key_area: civic-engagement", "SM-09:\n  key_area: civic-engagement\n  role: [leadership]")],
         COMMITMENTS, "  role: [leadership]", "SM-09: unknown field 'role'", "use only: basis, key_area, partners, references, roles, sectors"),
    Case("unknown framework reference", [replace(COMMITMENTS, "references: [itu:3, aadc:12, aadc:13, crbp:6]", "references: [itu:3, aadc:16]")],
         COMMITMENTS, "aadc:16", "SM-07: unknown framework reference 'aadc:16'"),
    Case("role without a page", [("delete", EDU), ("delete", "docs/roles/educators.km.md")],
         TAXONOMY, None, "role 'educators' has no page docs/roles/educators.md"),
    Case("translation without an original", [write("docs/roles/volunteers.km.md", "# អ្នកស្ម័គ្រចិត្ត\n")],
         "docs/roles/volunteers.km.md", None, "this translation has no original: docs/roles/volunteers.md does not exist"),
    Case("label missing in Khmer", [replace(LABELS, "  meta.partners: ដៃគូសហការ\n", "")],
         LABELS, "meta.partners: Working with", "label 'meta.partners' has no 'km' translation", "add 'meta.partners: ...' under 'km:'"),
    Case("label deleted from every language", [replace(LABELS, "  meta.partners: ដៃគូសហការ\n", ""),
                                               replace(LABELS, "  meta.partners: Working with\n", ""),
                                               append(SM_EN, "\n")],
         LABELS, None, "label 'meta.partners' is missing", "add 'meta.partners: ...'"),
    Case("a label's placeholder misspelt", [replace(LABELS, 'checklist.imported: "Imported {n} of {total} rows from {name}."',
                                                    'checklist.imported: "Imported {n} of {totl} rows from {name}."'),
                                            replace(LABELS, "key_area.itu: \"ITU key area {n}\"", "key_area.itu: \"ITU key area {number}\""),
                                            append("docs/key-areas/index.md", "\n")],
         LABELS, None, "label 'key_area.itu' of 'en' cannot be filled in", "use only {n}"),
    Case("HTML in a label", [replace(LABELS, "  meta.partners: Working with", "  meta.partners: <img src=x onerror=alert(1)>")],
         LABELS, "meta.partners: <img", "label 'meta.partners' of 'en' holds HTML", "labels are plain text"),
    Case("a list where a label belongs", [replace(LABELS, "  meta.partners: Working with", "  meta.partners: [Working, with]")],
         LABELS, "meta.partners: [Working", "label 'meta.partners' of 'en' is not text"),

    Case("HTML in a framework item's name", [replace(TAXONOMY, '"1": {en: "Key area 1: child rights', '"1": {en: "Key area 1: <i>child</i> rights')],
         TAXONOMY, "<i>child</i>", "the 'en' name of item 'itu:1' holds Markdown or HTML ('<i')"),
    Case("a month missing from the dates", [replace(LABELS, "November December", "December")],
         LABELS, "updated.months: \"January", "'updated.months' of 'en' must name the twelve months"),

    # --- YAML: the syntax error alone, with line and column ----------------
    Case("model YAML badly indented", [replace(COMMITMENTS, "SM-06:\n  key_area: safer-environment", "SM-06:\n  key_area: safer-environment\n sectors: [x]")],
         COMMITMENTS, " sectors: [x]", "cannot read the YAML (column", count=1, stage="yaml"),
    Case("model YAML with a tab", [replace(COMMITMENTS, "SM-06:\n  key_area: safer-environment", "SM-06:\n\tkey_area: safer-environment")],
         COMMITMENTS, "\tkey_area", "cannot read the YAML (column 1)", "indent with spaces, never tabs", count=1, stage="yaml"),
    Case("unclosed list in the taxonomy", [replace(TAXONOMY, "  - id: child-rights-policy\n    itu: 1", "  - id: [child-rights-policy\n    itu: 1")],
         TAXONOMY, None, "cannot read the YAML", "close the list", count=1, stage="yaml"),
    Case("a colon in a label value", [replace(LABELS, "  part.why: Why it matters", "  part.why: Why: it matters")],
         LABELS, "part.why: Why: it", "cannot read the YAML (column", "quotes", count=1, stage="yaml"),
    Case("malformed front matter", [replace(EDU, "# Teachers", "---\ntitle: [Teachers\n---\n# Teachers")],
         EDU, 2, "cannot read the YAML", "close the list", count=1, stage="yaml"),
    Case("unclosed front matter", [replace(EDU, "# Teachers", "---\ntitle: Teachers\n# Teachers")],
         EDU, 1, "the front matter opened with '---' is never closed"),

    # --- Front matter -------------------------------------------------------
    Case("unknown front matter key", [replace(EDU, "# Teachers", "---\ntitel: Teachers\n---\n# Teachers")],
         EDU, 2, "unknown front matter key 'titel'", "did you mean 'title'?"),
    Case("hostile front matter title", [replace(EDU, "# Teachers", "---\ntitle: <img src=x onerror=alert(1)>\n---\n# Teachers")],
         EDU, 2, "front matter 'title' holds '<i'", "plain text"),
    Case("a quote breaking out of the description", [replace(EDU, "# Teachers", '---\ndescription: \'x" onmouseover="alert(1)\'\n---\n# Teachers')],
         EDU, 2, "front matter 'description' holds '\"'", "curly"),
    Case("a list where the title belongs", [replace(EDU, "# Teachers", "---\ntitle: [a, b]\n---\n# Teachers")],
         EDU, 2, "front matter 'title' must be text on one line"),
    Case("hide with an unknown part", [replace(EDU, "# Teachers", "---\nhide: [sidebar]\n---\n# Teachers")],
         EDU, 2, "'hide: sidebar' is not a part of the page"),
    Case("translation record of the wrong kind", [replace("docs/roles/educators.km.md", 'translation:\n  source: "e69b2e54"', 'translation: "e69b2e54"')],
         "docs/roles/educators.km.md", 2, "front matter 'translation' must be indented 'key: value' lines"),

    # --- Contacts: in model/contacts.yml, shown only by the contacts block ---
    Case("a helpline's short number typed in a page", [append(ABOUT, P + "Call 1280 for help.\n")],
         ABOUT, "Call 1280", "phone number '1280' typed in the page", "<!-- cop:contacts -->"),
    Case("a short number in Khmer digits", [append(ABOUT_KM, P + "សូមហៅទៅលេខ ១២៨០។\n")],
         ABOUT_KM, "១២៨០", "phone number '១២៨០' typed in the page", "model/contacts.yml"),
    Case("a number with the country code", [append(ABOUT, P + "Our office: (+855) 23 224 841.\n")],
         ABOUT, "(+855)", "phone number '(+855) 23 224 841' typed in the page", "<!-- cop:contacts-industry -->"),
    Case("a Cambodian mobile number", [append(ABOUT, P + "Text 092-311-511 at any hour.\n")],
         ABOUT, "092-311-511", "phone number '092-311-511' typed in the page"),
    Case("a tel: link", [append(ABOUT, P + "[Call the office](tel:023224841)\n")],
         ABOUT, "[Call the office]", "'tel:' link typed in the page", "<!-- cop:contacts -->"),
    Case("a mailto: link", [append(ABOUT, P + "Write to <mailto:help@example.org>.\n")],
         ABOUT, "mailto:", "'mailto:' link typed in the page", "numbers and addresses live in model/contacts.yml"),
    Case("a mailto: link in HTML", [append(ABOUT, P + '<a href="MAILTO:help@example.org">mail</a>\n')],
         ABOUT, "MAILTO:", "'mailto:' link typed in the page"),
    Case("an unknown contacts block", [append("docs/help.md", "\n<!-- cop:contacts-teachers -->\n")],
         "docs/help.md", "cop:contacts-teachers", "unknown generated block '<!-- cop:contacts-teachers -->'", "cop:contacts-children"),
    Case("a contact citing an unknown source", [replace(CONTACTS, "    source: helpline\n", "    source: helplines\n")],
         CONTACTS, "source: helplines", "contact 'child-helpline': source 'helplines' is not in model/sources.yml", "add that source"),
    Case("a contact's number that cannot be dialled", [replace(CONTACTS, '\n    phone: "1280"\n', '\n    phone: "12-80"\n')],
         CONTACTS, 'phone: "12-80"', "contact 'child-helpline': phone '12-80' is not a number to dial", "single spaces"),
    Case("a contact in an unknown group", [replace(CONTACTS, "    groups: [children, parents, industry]\n  internet-hotline:",
                                                   "    groups: [children, teachers]\n  internet-hotline:")],
         CONTACTS, "groups: [children, teachers]", "contact 'police': unknown group 'teachers'", "use one of: children, parents, industry"),
    Case("a contact without 'who may use it' in Khmer", [replace(CONTACTS, "      en: Anyone.\n      km: មនុស្សគ្រប់រូប។\n", "      en: Anyone.\n")],
         CONTACTS, None, "contact 'police': has no 'who' in every language", "{en, km}"),
    Case("a contact with no way to reach it", [replace(CONTACTS, '\n    phone: "1280"\n', "\n")],
         CONTACTS, "  child-helpline:", "contact 'child-helpline': gives no way to reach it", "add phone, address, or how"),
    Case("a footnote mark with no definition", [append(ABOUT, P + "A claim with no source.[^nowhere]\n")],
         ABOUT, "A claim with no source.[^nowhere]", "footnote mark [^nowhere] has no definition on this page",
         "add [^nowhere]: @source-key"),
    Case("a glossary meaning citing a footnote its page lacks",
         [replace("model/glossary.yml", "in Thailand in November 2019.[^asean]\"", "in Thailand in November 2019.[^nowhere]\"")],
         "docs/glossary.md", "<!-- cop:glossary -->",
         "the glossary's entry 'ASEAN declaration on online child protection' (en) cites [^nowhere], which this page does not define",
         "model/glossary.yml", count=1),
    Case("a source given by two footnotes of one page", [append(ABOUT, "[^again]: @itu-2020\n")],
         ABOUT, "[^again]: @itu-2020", "footnote [^again] cites @itu-2020, which footnote [^itu] of this page cites too",
         "mark the sentences of [^again] with [^itu]"),
    Case("a contact's words for children with an unknown field",
         [replace(CONTACTS, "    children:\n      how:\n", "    children:\n      phone:\n")],
         CONTACTS, "    children:", "contact 'police': 'children' has the unknown field 'phone'", "use only: how, for, who"),
    Case("words for children on a contact the children's block does not show",
         [replace(CONTACTS, "    groups: [children, parents, industry]\n  internet-hotline:",
                  "    groups: [parents, industry]\n  internet-hotline:")],
         CONTACTS, "    children:", "contact 'police': words things for children but is not in the children group",
         "add children to its groups"),
    Case("a contact never checked", [replace(CONTACTS, "    source: aple-police-training\n    checked: 2026-12-07\n",
                                             "    source: aple-police-training\n    checked: soon\n")],
         CONTACTS, "checked: soon", "contact 'juvenile-protection-police': checked 'soon' is not a day", "YYYY-MM-DD"),

    # --- File names and encodings ------------------------------------------
    Case("Khmer file with the country code", [write("docs/help.kh.md", "# ជំនួយ\n")],
         "docs/help.kh.md", None, "'.kh' is not a language of this site", "docs/help.km.md (Khmer is 'km', not 'kh')"),
    Case("English file with a suffix", [write("docs/help.en.md", "# Help\n")],
         "docs/help.en.md", None, "pages in the default language (en) have no language suffix", "rename it to docs/help.md"),
    Case("not UTF-8", [("bytes", "docs/roles/educators.md", "# Teachers\n\nCaf\xe9\n".encode("latin-1"))],
         EDU, None, "not valid UTF-8", "save the file as UTF-8"),
    Case("an HTML file under docs/", [write("docs/assets/page.html", "<script>alert(1)</script>")],
         "docs/assets/page.html", None, "'.html' files are not published from docs/", "listed in the settings"),
    Case("a script under docs/", [write("docs/assets/x.js", "alert(1)")],
         "docs/assets/x.js", None, "'.js' files are not published from docs/"),
    Case("SVG with a script", [write("docs/assets/chart.svg", '<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script>\n</svg>\n')],
         "docs/assets/chart.svg", 2, "the drawing holds a <script>"),
    Case("SVG with an event handler", [write("docs/assets/chart.svg", '<svg xmlns="http://www.w3.org/2000/svg">\n<rect onload="alert(1)"/>\n</svg>\n')],
         "docs/assets/chart.svg", 2, "the drawing has an event handler"),
    Case("SVG fetching from another site", [write("docs/assets/chart.svg", '<svg xmlns="http://www.w3.org/2000/svg">\n\n<image href="https://tracker.example/p.png"/>\n</svg>\n')],
         "docs/assets/chart.svg", 3, "the drawing refers to another file or site"),
    Case("SVG with entities", [write("docs/assets/chart.svg", '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "aaaa">]>\n<svg/>\n')],
         "docs/assets/chart.svg", 2, "the drawing declares its own entities"),

    # --- Directives ---------------------------------------------------------
    Case("unknown generated block", [append("docs/matrix.md", "\n<!-- cop:matrixx -->\n")],
         "docs/matrix.md", "cop:matrixx", "unknown generated block '<!-- cop:matrixx -->'", "did you mean matrix?"),
    Case("directive with a space", [append("docs/matrix.md", "\n<!-- cop: crosswalk -->\n")],
         "docs/matrix.md", "cop: crosswalk", "'<!-- cop: crosswalk -->' looks like a generated block", "no space after 'cop:'"),
    Case("directive in capitals", [append("docs/matrix.md", "\n<!-- COP:matrix -->\n")],
         "docs/matrix.md", "COP:matrix", "looks like a generated block"),
    Case("directive inside a sentence", [append(ABOUT, "\nThe matrix: <!-- cop:matrix --> here.\n")],
         ABOUT, "The matrix: <!--", "looks like a generated block", "alone on its line"),
    Case("repeated directive", [append("docs/matrix.md", "\n<!-- cop:matrix -->\n")],
         "docs/matrix.md", -1, "'<!-- cop:matrix -->' is already on line", "keep one"),
    Case("the build's own placeholder written by hand", [append(ABOUT, "\n<!-- cop-block:0 -->\n")],
         ABOUT, "cop-block:0", "looks like a generated block"),
    Case("commitments list on the wrong page", [append(ABOUT, "\n<!-- cop:commitments -->\n")],
         ABOUT, "<!-- cop:commitments -->", "only works on a role, sector or key-area page"),

    # --- Titles and names are text -----------------------------------------
    Case("emphasis in a commitment title", [replace(SM_EN, "## SM-01 Set a minimum age", "## SM-01 Set a *minimum* age")],
         SM_EN, "## SM-01 ", "the title of SM-01 holds Markdown or HTML", "plain text"),
    Case("HTML in a commitment title", [replace(SM_EN, "## SM-02 Make children's", "## SM-02 Make <b>children's</b>")],
         SM_EN, "## SM-02 ", "the title of SM-02 holds Markdown or HTML ('<b')"),
    Case("a link in a Khmer commitment title", [("title_km", SM_KM, "SM-05", " [ព័ត៌មាន](https://example.org/)")],
         SM_KM, "## SM-05 ", "the title of SM-05 holds Markdown or HTML"),
    Case("a reference in a commitment title", [replace(SM_EN, "## SM-05 Moderate content", "## SM-05 Moderate content ([[SM-01]])")],
         SM_EN, "## SM-05 ", "the title of SM-05 holds Markdown or HTML"),
    Case("code in a role's name", [replace(EDU, "# Teachers and educators", "# Teachers and `educators`")],
         EDU, 1, "the title 'Teachers and `educators`' holds Markdown or HTML"),

    # --- [[ID]] references --------------------------------------------------
    Case("reference to an unknown ID (Khmer)", [append(ABOUT_KM, "\nសូមមើល [[SM-99]]។\n")],
         ABOUT_KM, "[[SM-99]]", "[[SM-99]] cites an unknown ID 'SM-99'", "did you mean SM-09?", stage="output"),
    Case("reference with a label to an unknown ID", [append(ABOUT, "\nSee [[trust-and-safety|the team]].\n")],
         ABOUT, "[[trust-and-safety", "cites an unknown ID 'trust-and-safety'", "did you mean trust-safety?", stage="output"),

    # --- Language -----------------------------------------------------------
    Case("English text in a stamped Khmer file", [("english_km", "docs/roles/educators.km.md")],
         "docs/roles/educators.km.md", None, "this translation is mostly in Latin letters", "scripts/check --stamp"),
    Case("Khmer text in an English file", [("khmer_en", EDU)],
         EDU, None, "this page is mostly in Khmer", "move the Khmer text to the Khmer file"),

    # --- Content safety of the Markdown (moved from test_gates_safety.py) --
    Case("script", [append(ABOUT, P + "<script>alert(1)</script>\n")], ABOUT, "<script>alert", "raw <script> element", "pages may not run scripts"),
    Case("script in capitals", [append(ABOUT, P + "<SCRIPT src=x.js></SCRIPT>\n")], ABOUT, "<SCRIPT", "raw <script> element"),
    Case("iframe", [append(ABOUT, P + '<iframe src="https://example.org/"></iframe>\n')], ABOUT, "<iframe", "raw <iframe> element", "link to the page instead"),
    Case("object", [append(ABOUT, P + '<object data="x.swf"></object>\n')], ABOUT, "<object", "raw <object> element"),
    Case("embed", [append(ABOUT, P + '<embed src="x.swf">\n')], ABOUT, "<embed", "raw <embed> element"),
    Case("onclick", [append(ABOUT, P + '<a href="x.md" onclick="steal()">x</a>\n')], ABOUT, "onclick", "inline event handler 'onclick=' in a <a> tag"),
    Case("handler on a tag over two lines", [append(ABOUT, P + '<span class="x"\n  onMouseOver="x()">x</span>\n')], ABOUT, "onMouseOver",
         "inline event handler 'onMouseOver='"),
    Case("javascript: link", [append(ABOUT, P + "[click](javascript:alert(1))\n")], ABOUT, "[click]", "'javascript:' URL", "never run code"),
    Case("javascript: with spaces and capitals", [append(ABOUT, P + "[click]( JavaScript:alert(1))\n")], ABOUT, "[click]", "'javascript:' URL"),
    Case("javascript: with an entity", [append(ABOUT, P + '<a href="java&#115;cript:alert(1)">x</a>\n')], ABOUT, "java&#115;", "'javascript:' URL"),
    Case("javascript: in a link definition", [append(ABOUT, P + "[x]: javascript:alert(1)\n")], ABOUT, "[x]: javascript", "'javascript:' URL"),
    Case("vbscript:", [append(ABOUT, P + '<a href="vbscript:x">x</a>\n')], ABOUT, "vbscript", "'vbscript:' URL"),
    Case("image from another origin", [append(ABOUT, P + "![A chart](https://example.org/chart.png)\n")], ABOUT, "![A chart]",
         "image loaded from another origin: https://example.org/chart.png", "save the file under docs/assets/"),
    Case("protocol-relative image", [append(ABOUT, P + '<img src="//cdn.example.org/x.png" alt="x">\n')], ABOUT, "//cdn", "<img> loaded from another origin"),
    Case("video from another origin", [append(ABOUT, P + '<video src="https://example.org/v.mp4"></video>\n')], ABOUT, "<video", "<video> loaded from another origin"),
    Case("audio source over http", [append(ABOUT, P + '<audio controls><source src="http://example.org/a.mp3"></audio>\n')], ABOUT, "<audio",
         "<source> loaded from another origin"),
    Case("captions from another origin", [append(ABOUT, P + '<track src="https://example.org/captions.vtt">\n')], ABOUT, "<track", "<track> loaded from another origin"),
    Case("http: link", [append(ABOUT, P + "[the law](http://example.org/law)\n")], ABOUT, "[the law]", "insecure http: link http://example.org/law",
         "use https: (https://example.org/law)"),
    Case("http: autolink", [append(ABOUT, P + "<http://example.org/>\n")], ABOUT, "<http://example.org/>", "insecure http: link"),
    Case("image without alt text", [append(ABOUT, P + "![](assets/chart.png)\n")], ABOUT, "![](assets", "image without alt text",
         "![What it shows](assets/chart.png)"),
    Case("img without alt", [append(ABOUT, P + '<img src="assets/chart.png">\n')], ABOUT, "<img src", "<img> without alt text"),
    Case("img with a blank alt", [append(ABOUT, P + '<img src="assets/chart.png" alt="  ">\n')], ABOUT, "<img src", "<img> without alt text"),

    # --- What only the built HTML shows (the output gate) ------------------
    Case("attr_list event handler", [append(ABOUT, P + 'A paragraph.\n{: onfocus="alert(1)" autofocus }\n')], ABOUT, "{: onfocus",
         "event handler 'onfocus' on <p>", "pages may not run scripts", stage="output"),
    Case("attr_list javascript: href", [append(ABOUT, P + '[home](index.md){: href="javascript:alert(1)" }\n')], ABOUT, "[home]",
         "'javascript:' URL in href", stage="output"),
    Case("handler after a slash", [append(ABOUT, P + '<div><img alt="x" src="a.png"/onerror=alert(1)></div>\n')], ABOUT, "onerror",
         "event handler 'onerror' on <img>", stage="output"),
    Case("SVG animate with a javascript: value", [append(ABOUT, P + '<svg><a><animate attributeName="href" values="javascript:alert(1)"/><text>x</text></a></svg>\n')],
         ABOUT, "<svg>", "inline <svg> element", "save a drawing as an .svg file", stage="output"),
    Case("base element", [append(ABOUT, P + '<base href="https://evil.example/">\n')], ABOUT, "<base", "<base> element", stage="output"),
    Case("meta refresh", [append(ABOUT, P + '<meta http-equiv="refresh" content="0; url=https://evil.example/">\n')], ABOUT, "<meta",
         "<meta> element", stage="output"),
    Case("link to a style sheet", [append(ABOUT, P + '<link rel="stylesheet" href="https://evil.example/x.css">\n')], ABOUT, "<link", "<link> element", stage="output"),
    Case("style element", [append(ABOUT, P + "<style>body { display: none }</style>\n")], ABOUT, "<style>", "<style> element", stage="output"),
    Case("style that fetches", [append(ABOUT, P + '<p style="background: url(https://tracker.example/p.png)">x</p>\n')], ABOUT, "background: url",
         "style attribute that fetches", stage="output"),
    Case("style that fetches, through attr_list", [append(ABOUT, P + "Text.\n{: style=\"background-image:url('//t.example/p')\" }\n")], ABOUT, "{: style",
         "style attribute that fetches", stage="output"),
    Case("form", [append(ABOUT, P + '<form action="https://evil.example/"><button>Go</button></form>\n')], ABOUT, "<form", "<form> element (a form)",
         stage="output"),
    Case("password box", [append(ABOUT, P + '<input type="password" name="p">\n')], ABOUT, 'type="password"', "attribute type=\"password\" on <input>",
         stage="output"),
    Case("data: URL link", [append(ABOUT, P + '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>\n')], ABOUT, "data:text", "URL in href",
         stage="output"),
    Case("data: image", [append(ABOUT, P + '<img alt="x" src="data:image/svg+xml;base64,PHN2Zz4=">\n')], ABOUT, "data:image",
         "loads from another origin or through a scheme", stage="output"),
    Case("details with a toggle handler", [append(ABOUT, P + "<details open ontoggle=alert(1)><summary>x</summary></details>\n")], ABOUT, "ontoggle",
         "inline event handler 'ontoggle='"),
    Case("a body tag that styles the real page", [append(ABOUT, P + '<body style="background: url(https://tracker.example/p.png)">\n')],
         ABOUT, "<body", "<body> element", stage="output"),
    Case("an id used twice", [append(ABOUT, P + "First.\n{: #here }\n\nSecond.\n{: #here }\n")], ABOUT, "{: #here }",
         "the id 'here' is used twice on the page", "its own id", stage="output"),
    Case("an element standing in for the import's data", [append("docs/checklists/social-media.md", P + "Note.\n{: #cop-known-ids }\n")],
         "docs/checklists/social-media.md", "{: #cop-known-ids }", "the id 'cop-known-ids' is used twice", stage="output"),
    Case("an image through a backslash", [append(ABOUT, P + '<img alt="x" src="/\\evil.example/x.png">\n')], ABOUT, "evil.example",
         "loads from another origin", stage="output"),
    Case("math element", [append(ABOUT, P + "<math><mi>x</mi></math>\n")], ABOUT, "<math>", "inline <math> element", stage="output"),
    # --- What changes the page around the content, or what a reviewer sees --
    Case("a symlink that publishes a system file", [("symlink", "docs/assets/leak.txt", "/etc/passwd")],
         "docs/assets/leak.txt", None, "is a symbolic link (to /etc/passwd)", "replace the link with the file itself",
         count=1),
    Case("a symlinked folder of pages", [("symlink", "docs/more", "/etc")], "docs/more", None, "is a symbolic link",
         count=1),
    Case("a symlink in the model", [("symlink", "model/notes.yml", "../.git/config")], "model/notes.yml", None,
         "is a symbolic link (to ../.git/config)", count=1),
    Case("a symlink in the theme", [("symlink", "overrides/partials/extra.html", "/proc/self/environ")],
         "overrides/partials/extra.html", None, "is a symbolic link", count=1),
    Case("a link styled to cover the page", [append(ABOUT, P + "[Sign in again](https://example.org/login){: style=\"position:fixed;"
                                                  "top:0;left:0;width:100%;height:100%;z-index:9999\" }\n")],
         ABOUT, "{: style", "style attribute that can change the page around the content", "pages may only align text",
         stage="output"),
    Case("text hidden by a style", [append(ABOUT, P + '<span style="display:none">hidden words</span>\n')], ABOUT, "display:none",
         "style attribute that can change the page", stage="output"),
    Case("a right-to-left override in a commitment title", [replace(SM_EN, "## SM-03 ", "## SM-03 \u202e")], SM_EN, "## SM-03 ",
         "the heading holds an invisible character that can change how it reads (U+202E RIGHT-TO-LEFT OVERRIDE)",
         "retype the line without it", count=1),
    Case("a bidirectional isolate in a Khmer heading", [replace(SM_KM, "## SM-03 ", "## SM-03 \u2067")], SM_KM, "## SM-03 ",
         "U+2067 RIGHT-TO-LEFT ISOLATE", count=1),
    Case("a zero-width space in an English name", [replace(EDU, "# Teachers and educators", "# Teachers and\u200b educators")],
         EDU, 1, "U+200B ZERO WIDTH SPACE", count=1),
    Case("an invisible character in a front-matter title",
         [replace(EDU, "# Teachers", "---\ntitle: \"Teachers\u2066 \"\n---\n# Teachers")], EDU, 2, "the title holds an invisible character"),
    Case("a colon after the ID", [replace(SM_EN, "## SM-03 ", "## SM-03: ")], SM_EN, "## SM-03: ",
         "is a commitment heading written the wrong way", "write it as '## SM-03 ", count=1),
    Case("no space after the ID", [replace(SM_EN, "## SM-03 ", "## SM-03")], SM_EN, "## SM-03",
         "is a commitment heading written the wrong way", "write it as '## SM-03 ", count=1),
    Case("an ID in lower case", [replace(SM_EN, "## SM-03 ", "## sm-03 ")], SM_EN, "## sm-03 ",
         "is a commitment heading written the wrong way", "write it as '## SM-03 ", count=1),
    Case("an ID with Khmer digits", [replace(SM_KM, "## SM-03 ", "## SM-០៣ ")], SM_KM, "## SM-០៣ ",
         "is a commitment heading written the wrong way", "ASCII digits (0-9)", count=1),
    Case("an ID with full-width digits", [replace(SM_EN, "## SM-03 ", "## SM-０３ ")], SM_EN, "## SM-０３ ",
         "is a commitment heading written the wrong way", "write it as '## SM-03 ", count=1),
    Case("a submit button with formaction", [append(ABOUT, P + '<button formaction="https://evil.example/">x</button>\n')], ABOUT, "formaction",
         "formaction", stage="output"),
]


def _custom(project: Project, edit: tuple) -> None:
    kind = edit[0]
    if kind == "replace_part":  # rename the evidence part of a Khmer commitment
        text = project.read(edit[1])
        start = text.index(f"## {edit[2]} ")
        part = text.index("### របៀបបង្ហាញថាបានអនុវត្ត", start)
        project.write(edit[1], text[:part] + "### ភស្តុតាង" + text[part + len("### របៀបបង្ហាញថាបានអនុវត្ត"):])
    elif kind == "title_km":
        text = project.read(edit[1])
        start = text.index(f"## {edit[2]} ")
        end = text.index("\n", start)
        project.write(edit[1], text[:end] + edit[3] + text[end:])
    elif kind == "english_km":  # the Khmer body replaced by the English one, the stamp kept
        km, en = project.read(edit[1]), project.read(edit[1].replace(".km.md", ".md"))
        front_end = km.index("---", 3) + 4
        project.write(edit[1], km[:front_end] + en)
    elif kind == "khmer_en":
        km = project.read(edit[1].replace(".md", ".km.md"))
        project.write(edit[1], "# Teachers and educators\n" + km[km.index("---", 3) + 4:].split("\n", 1)[1])
    else:
        apply(project, [edit])


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_refused(project: Project, case: Case) -> None:
    for edit in case.edits:
        _custom(project, edit)
    verdict = harness.check(project.root)
    assert not verdict.passed, f"{case.id}: the build would have passed"
    line = case.line
    if isinstance(line, int) and line < 0:  # counted from the end of the edited file
        line = len(project.read(case.file).rstrip("\n").split("\n")) + 1 + line
    expected = line_of(project, case.file, line)
    problem = verdict.find(case.file, case.message, expected)
    assert case.fix in problem.fix, str(problem)
    assert all(p.file and p.fix for p in verdict.problems), verdict.report()
    if case.count is not None:
        assert len(verdict.problems) == case.count, verdict.report()
    if case.stage is not None:
        assert verdict.stage == case.stage, verdict.report()


def test_the_catalogue_is_large() -> None:
    assert len(CASES) >= 60


# --- Valid input is never refused, and comes out as written ----------------

@dataclass
class Valid:
    id: str
    edits: list[tuple]
    file: str = ABOUT
    shown: list[str] = field(default_factory=list)  # in the page's converted HTML
    absent: list[str] = field(default_factory=list)


VALID = [
    Valid("reference in an indented code block", [append(ABOUT, "\nExample:\n\n    See [[SM-01]] and [[NOT-AN-ID]].\n")],
          shown=["<pre><code>See [[SM-01]] and [[NOT-AN-ID]]."]),
    Valid("reference inside an HTML attribute", [append(ABOUT, '\n<span title="[[SM-01]]">x</span> and [[SM-02]].\n')],
          shown=['<span title="[[SM-01]]">x</span>', '<span class="cop-id">SM-02</span>']),
    Valid("reference in inline and fenced code", [append(ABOUT, "\nWrite `[[SM-99]]`.\n\n```\n[[NOT-AN-ID]]\n```\n")],
          shown=["<code>[[SM-99]]</code>", "[[NOT-AN-ID]]"]),
    Valid("reference text with markup is text", [append(ABOUT, "\nSee [[SM-01|<b>the</b> *rule*]].\n")],
          shown=["&lt;b&gt;the&lt;/b&gt; *rule*</a>"], absent=["<b>the</b>"]),
    Valid("an HTML comment that mentions COP", [append(ABOUT, "\n<!-- COP guidelines: check the Khmer title -->\n")]),
    Valid("the same id in two code examples", [append(ABOUT, '\n```html\n<div id="box">A</div>\n```\n\n`<div id="box">`\n')]),
    Valid("a footnote mark shown as an example in code", [append(ABOUT, "\nA footnote is written `[^key]` in the text.\n")],
          shown=["<code>[^key]</code>"]),
    Valid("a directive shown as an example in code", [append(ABOUT, "\nWrite `<!-- cop:matrix -->` on its own line.\n")]),
    Valid("a page saved with a byte-order mark", [("bytes", EDU, b"\xef\xbb\xbf" + (harness.ROOT / EDU).read_bytes())], file=EDU),
    Valid("the model saved with a byte-order mark", [("bytes", COMMITMENTS, b"\xef\xbb\xbf" + (harness.ROOT / COMMITMENTS).read_bytes()),
                                                     ("bytes", LABELS, b"\xef\xbb\xbf" + (harness.ROOT / LABELS).read_bytes())]),
    Valid("ordinary rich Markdown", [append(ABOUT, "\n| A | B |\n|---|--:|\n| 1 | 2 |\n\nPress <kbd>Ctrl</kbd>.\n\n"
                                                "??? note \"More\"\n    Hidden text.\n\n"
                                                "[Open](https://example.org/){: target=\"_blank\" rel=\"noopener\" }\n\n"
                                                "Centred.\n{: style=\"text-align: center\" .note #here }\n\n"
                                                "<details><summary>Why</summary><p>Because.</p></details>\n\n"
                                                "Term\n:   Its meaning.\n\n*[UN]: United Nations\n\nThe UN says so.\n")],
          shown=['<th style="text-align: right;">B</th>', "<kbd>Ctrl</kbd>", 'target="_blank"', 'style="text-align: center"']),
    Valid("safe HTML and links", [append(ABOUT, '\n<img src="assets/x.png" alt="A chart"> <a href="https://example.org/">x</a>\n\n'
                                         "Open <http://localhost:8000/> on your own machine.\n\n"
                                         "Only a word: onboarding=good is prose, not a tag.\n")]),
    Valid("front matter with a title, a description and the search setting",
          [replace(EDU, "# Teachers", "---\ntitle: Teachers & trainers\ndescription: What a teacher's part is\nsearch:\n  boost: 2\n---\n# Teachers")],
          file=EDU),
    Valid("files published on purpose", [("bytes", "docs/assets/chart.png", b"\x89PNG\r\n\x1a\n"), ("bytes", "docs/assets/report.pdf", b"%PDF-1.4\n"),
                                         write("docs/assets/data.csv", "a,b\n1,2\n"),
                                         write("docs/assets/map.svg", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
                                               '<defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="10" height="10"/>'
                                               '<use href="#g"/></svg>\n')]),
    Valid("a name with a '<' and an '&' that are text", [replace(EDU, "# Teachers and educators", "# Teachers & educators < 18")],
          file=EDU, shown=["Teachers &amp; educators &lt; 18"]),
    Valid("Khmer words apart with zero-width spaces in a heading", [append(ABOUT_KM, "\n## កុមារ\u200bនិង\u200bយុវជន\n\nអត្ថបទ។\n")],
          file=ABOUT_KM),
    Valid("numbers that are not phone numbers", [append(ABOUT, "\nTested at 390 px and 1280 px, in 2023 and 2024, on 1,280 pages; "
                                                   "`tel:1280` is an example.\n")],
          shown=["1280 px", "<code>tel:1280</code>"]),
    Valid("a Khmer page with English terms", [append(ABOUT_KM, "\nកិច្ចការពារកុមារលើប្រព័ន្ធអនឡាញ (child online protection) ជាពាក្យដែល ITU និង UNICEF ប្រើ។\n")],
          file=ABOUT_KM),
]


@pytest.mark.parametrize("case", VALID, ids=[c.id for c in VALID])
def test_valid_input_passes(project: Project, case: Valid) -> None:
    for edit in case.edits:
        _custom(project, edit)
    verdict = harness.check(project.root, pages=None)
    assert verdict.passed, verdict.report()
    html = verdict.html.get(case.file, "")
    for text in case.shown:
        assert text in html, f"{text!r} not in the page:\n{html[-2000:]}"
    for text in case.absent:
        assert text not in html, text


def test_the_real_site_passes_every_page() -> None:
    verdict = harness.check(harness.ROOT, pages=["about.md", "checklists/social-media.km.md", "commitments/social-media.md"])
    assert verdict.passed, verdict.report()
    assert '<script type="application/json" id="cop-checklist-data">' in verdict.html["docs/checklists/social-media.km.md"]


# --- End to end: the real build says what the harness says -----------------

def test_build_refuses_source_problems_in_both_languages(project: Project) -> None:
    """One broken copy: every source problem of both languages at once (from test_gates_safety.py)."""
    en, km = "docs/about.md", "docs/roles/leadership.km.md"
    project.write(en, project.read(en) + "\n<iframe src=\"https://example.org/\"></iframe>\n\n"
                  "![](assets/chart.png)\n\n[old site](http://example.org/)\n")
    project.write(km, project.read(km) + '\n<a href="x.md" onclick="x()">តំណ</a>\n\n![ផែនទី](https://example.org/map.png)\n')
    verdict = harness.check(project.root)
    result = project.build()
    assert result.returncode != 0
    assert len(verdict.problems) == 5
    for problem in verdict.problems:
        assert f"{problem.file}:{problem.line}: {problem.message}" in result.output, result.output[-3000:]
    assert "5 problems to fix" in result.output and result.output.count("Fix: ") == 5
    assert "Traceback" not in result.output


def test_build_refuses_unsafe_output_and_unknown_references(project: Project) -> None:
    project.write(ABOUT, project.read(ABOUT) + '\nA paragraph.\n{: onfocus="alert(1)" autofocus }\n\nSee [[SM-99]].\n')
    verdict = harness.check(project.root)
    result = project.build()
    assert result.returncode != 0 and verdict.stage == "output"
    assert len(verdict.problems) == 3, verdict.report()
    for problem in verdict.problems:
        assert f"{problem.file}:{problem.line}: {problem.message}" in result.output, result.output[-3000:]
    assert not (project.root / "site/about/index.html").exists(), "the unsafe page was written"


def test_build_keeps_references_in_code_and_attributes_and_reads_a_bom(project: Project) -> None:
    project.path(EDU).write_bytes(b"\xef\xbb\xbf" + project.path(EDU).read_bytes())
    project.replace(ABOUT, "# About this site\n", '# About this site\n\n    [[NOT-AN-ID]]\n\n<span title="[[SM-01]]">x</span> [[SM-02]]\n')
    result = project.build()
    assert result.returncode == 0, result.output[-3000:]
    html = (project.root / "site/about/index.html").read_text(encoding="utf-8")
    assert "<pre><code>[[NOT-AN-ID]]" in html and '<span title="[[SM-01]]">x</span>' in html
    assert '<a href="../commitments/social-media/#SM-02" class="cop-ref"><span class="cop-id">SM-02</span>' in html


def test_build_stops_at_a_yaml_error_alone(project: Project) -> None:
    project.replace(COMMITMENTS, "SM-06:\n  key_area: safer-environment", "SM-06:\n  key_area: safer-environment\n sectors: [x]")
    line = project.line_of(COMMITMENTS, " sectors: [x]")
    result = project.build()
    assert result.returncode != 0
    assert f"{COMMITMENTS}:{line}: cannot read the YAML (column 2)" in result.output
    assert "1 problem to fix" in result.output and "Traceback" not in result.output
