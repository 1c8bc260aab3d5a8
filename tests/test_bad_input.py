"""Every kind of bad input stops the build with a message that names the file,
the line where it is known, the wrong value and the fix."""

from __future__ import annotations

import re

import pytest

from conftest import Project

COMMITMENTS = "model/commitments.yml"
SM_EN = "docs/commitments/social-media.md"
SM_KM = "docs/commitments/social-media.km.md"


def fails_with(project: Project, *expected: str) -> str:
    result = project.build()
    assert result.returncode != 0, f"the build should have failed:\n{result.output[-3000:]}"
    for text in expected:
        assert text in result.output, f"expected {text!r} in the build output:\n{result.output[-3000:]}"
    return result.output


def cut_section(text: str, cid: str) -> str:
    """The Markdown without the ``## cid ...`` section."""
    pattern = re.compile(rf"^## {re.escape(cid)}\b.*?(?=^## |\Z)", re.S | re.M)
    assert pattern.search(text), f"no section {cid}"
    return pattern.sub("", text, count=1)


def test_unknown_role(project: Project) -> None:
    line = project.line_of(COMMITMENTS, "roles: [trust-safety, product-engineering]")
    project.replace(COMMITMENTS, "roles: [trust-safety, product-engineering]", "roles: [trust-and-safety, product-engineering]")
    fails_with(project, f"{COMMITMENTS}:{line}: SM-03: unknown role 'trust-and-safety' in roles",
               "Fix: use one of: leadership, child-safety-lead")


def test_partner_listed_as_role(project: Project) -> None:
    project.replace(COMMITMENTS, "roles: [trust-safety, customer-support]", "roles: [trust-safety, law-enforcement]")
    fails_with(project, "SM-08: 'law-enforcement' is an outside partner", "move 'law-enforcement' from roles to partners")


def test_unknown_sector(project: Project) -> None:
    project.replace(COMMITMENTS, "SM-01:\n  key_area: safer-environment\n  sectors: [social-media]",
                    "SM-01:\n  key_area: safer-environment\n  sectors: [social-medias]")
    line = project.line_of(COMMITMENTS, "sectors: [social-medias]")
    fails_with(project, f"{COMMITMENTS}:{line}: SM-01: unknown sector 'social-medias'",
               "Fix: use one of: social-media, internet-service-providers")


def test_unknown_key_area(project: Project) -> None:
    project.replace(COMMITMENTS, "SM-04:\n  key_area: csam-response", "SM-04:\n  key_area: csam-responce")
    line = project.line_of(COMMITMENTS, "key_area: csam-responce")
    fails_with(project, f"{COMMITMENTS}:{line}: SM-04: unknown key area 'csam-responce'", "Fix: use one of: child-rights-policy")


def test_duplicate_commitment_id_in_model(project: Project) -> None:
    first = project.line_of(COMMITMENTS, "SM-02:")
    text = project.read(COMMITMENTS) + "\nSM-02:\n  key_area: education\n  sectors: [social-media]\n  roles: [leadership]\n"
    project.write(COMMITMENTS, text)
    second = len(text.rstrip("\n").splitlines()) - 3
    fails_with(project, f"{COMMITMENTS}:{second}: 'SM-02' appears twice (first on line {first})", "Fix: keep one entry per ID")


def test_duplicate_commitment_section(project: Project) -> None:
    home = project.line_of(SM_EN, "## SM-02 ")
    project.write("docs/commitments/all-sectors.md", project.read("docs/commitments/all-sectors.md") + "\n## SM-02 A second home\n")
    line = len(project.read("docs/commitments/all-sectors.md").rstrip("\n").splitlines())
    output = fails_with(project, "SM-02 already heads a section at")
    assert f"docs/commitments/all-sectors.md:{line}" in output and f"{SM_EN}:{home}" in output


def test_reference_to_unknown_id(project: Project) -> None:
    page = "docs/about.km.md"
    project.write(page, project.read(page) + "\nសូមមើល [[SM-99]]។\n")
    line = len(project.read(page).rstrip("\n").splitlines())
    fails_with(project, f"{page}:{line}: [[SM-99]] cites an unknown ID 'SM-99'", "did you mean SM-09?")


def test_reference_inside_code_is_not_read(project: Project) -> None:
    page = "docs/about.md"
    project.write(page, project.read(page) + "\nWrite `[[SM-99]]` to cite a commitment.\n\n```\n[[NOT-AN-ID]]\n```\n")
    result = project.build()
    assert result.returncode == 0, result.output[-3000:]
    assert "[[SM-99]]" in (project.root / "site/about/index.html").read_text(encoding="utf-8")


def test_commitment_missing_from_translation(project: Project) -> None:
    line = project.line_of(SM_EN, "## SM-10 ")
    project.write(SM_KM, cut_section(project.read(SM_KM), "SM-10"))
    fails_with(project, f"{SM_KM}: SM-10 is in docs/commitments/social-media.md (line {line}) but missing from this translation",
               "Fix: add '## SM-10 ...' with its translation here")


def test_commitment_only_in_translation(project: Project) -> None:
    project.write(SM_EN, cut_section(project.read(SM_EN), "SM-10"))
    line = project.line_of(SM_KM, "## SM-10 ")
    fails_with(project, f"{COMMITMENTS}:", "SM-10 has no section in any English page",
               f"{SM_KM}:{line}: SM-10 is in this translation but not in its original docs/commitments/social-media.md")


def test_section_without_model_entry(project: Project) -> None:
    project.write(SM_EN, project.read(SM_EN) + "\n## SM-11 Something new\n")
    line = len(project.read(SM_EN).rstrip("\n").splitlines())
    fails_with(project, f"{SM_EN}:{line}: commitment 'SM-11' has no entry in model/commitments.yml",
               "Fix: add 'SM-11:' with its key_area, sectors and roles there")


def test_model_entry_without_section(project: Project) -> None:
    project.write(COMMITMENTS, project.read(COMMITMENTS) + "\nSM-11:\n  key_area: education\n  sectors: [social-media]\n  roles: [leadership]\n")
    line = project.line_of(COMMITMENTS, "SM-11:")
    fails_with(project, f"{COMMITMENTS}:{line}: SM-11 has no section in any English page", "Fix: add '## SM-11 Title'")


def test_missing_part(project: Project) -> None:
    text = project.read(SM_KM)
    start = text.index("## SM-05 ")
    part = text.index("### របៀបបង្ហាញថាបានអនុវត្ត", start)
    project.write(SM_KM, text[:part] + "### ភស្តុតាង" + text[part + len("### របៀបបង្ហាញថាបានអនុវត្ត"):])
    line = project.line_of(SM_KM, "## SM-05 ")
    fails_with(project, f"{SM_KM}:{line}: SM-05 has no '### របៀបបង្ហាញថាបានអនុវត្ត' part")


def test_malformed_front_matter(project: Project) -> None:
    page = "docs/roles/educators.md"
    project.write(page, "---\ntitle: [Teachers\n---\n" + project.read(page))
    fails_with(project, f"{page}:2: cannot read the YAML", "Fix: check the indentation")


def test_unclosed_front_matter(project: Project) -> None:
    page = "docs/roles/educators.md"
    project.write(page, "---\ntitle: Teachers\n" + project.read(page))
    fails_with(project, f"{page}:1: the front matter opened with '---' is never closed")


def test_malformed_model_yaml(project: Project) -> None:
    project.replace(COMMITMENTS, "SM-06:\n  key_area: safer-environment", "SM-06:\n  key_area: safer-environment\n sectors: [x]")
    line = project.line_of(COMMITMENTS, " sectors: [x]")
    fails_with(project, f"{COMMITMENTS}:{line}: cannot read the YAML")


def test_unknown_field_in_model(project: Project) -> None:
    project.replace(COMMITMENTS, "SM-09:\n  key_area: civic-engagement", "SM-09:\n  key_area: civic-engagement\n  role: [leadership]")
    line = project.line_of(COMMITMENTS, "  role: [leadership]")
    fails_with(project, f"{COMMITMENTS}:{line}: SM-09: unknown field 'role'", "Fix: use only: key_area, partners, references, roles, sectors")


def test_unknown_framework_reference(project: Project) -> None:
    project.replace(COMMITMENTS, "references: [itu:3, aadc:12, aadc:13, crbp:6]", "references: [itu:3, aadc:16]")
    fails_with(project, "SM-07: unknown framework reference 'aadc:16'")


def test_unknown_generated_block(project: Project) -> None:
    page = "docs/matrix.md"
    project.write(page, project.read(page) + "\n<!-- cop:matrixx -->\n")
    line = len(project.read(page).rstrip("\n").splitlines())
    fails_with(project, f"{page}:{line}: unknown generated block '<!-- cop:matrixx -->'", "cop:matrix")


def test_role_without_page(project: Project) -> None:
    project.path("docs/roles/educators.md").unlink()
    project.path("docs/roles/educators.km.md").unlink(missing_ok=True)
    fails_with(project, "model/taxonomy.yml: role 'educators' has no page docs/roles/educators.md")


def test_translation_without_original(project: Project) -> None:
    project.write("docs/roles/volunteers.km.md", "# អ្នកស្ម័គ្រចិត្ត\n")
    fails_with(project, "docs/roles/volunteers.km.md: this translation has no original: docs/roles/volunteers.md does not exist")


def test_label_missing_in_khmer(project: Project) -> None:
    project.replace("model/labels.yml", "  meta.partners: ដៃគូសហការ\n", "")
    fails_with(project, "model/labels.yml:", "label 'meta.partners' has no 'km' translation", "Fix: add 'meta.partners: ...' under 'km:'")


def test_every_problem_is_reported_at_once(project: Project) -> None:
    project.replace(COMMITMENTS, "SM-04:\n  key_area: csam-response", "SM-04:\n  key_area: nowhere")
    project.write("docs/about.md", project.read("docs/about.md") + "\n[[nobody]]\n")
    output = fails_with(project, "unknown key area 'nowhere'", "[[nobody]] cites an unknown ID")
    assert "2 problems to fix" in output
