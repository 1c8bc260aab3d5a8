"""Every problem at once, as objects: the source checks of every kind reach
the editors' check (scripts/check.py) in one run, an unexpected exception in
a check or a hook becomes one clear problem naming it and the file, and a
file that is not the repository's own (a symbolic link) stops a real build."""

from __future__ import annotations

import pytest

from conftest import Project
from shared_helpers import script

SM_EN = "docs/commitments/social-media.md"
SM_KM = "docs/commitments/social-media.km.md"


def test_every_check_reports_in_one_run_as_objects(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    import cop.exports

    def broken(*args: object, **kwargs: object) -> list:
        raise RuntimeError("a forced failure")

    monkeypatch.setattr(cop.exports, "problems", broken)
    project.replace("model/commitments.yml", "roles: [trust-safety, product-engineering]\n  partners",
                    "roles: [trust-and-safety, product-engineering]\n  partners")  # the model
    project.write("docs/about.md", project.read("docs/about.md")
                  + "\n<iframe src=\"https://example.org/\"></iframe>\n\nA claim.[^x]\n\n[^x]: Someone said so.\n")  # safety, citations
    project.write("docs/help.km.md", project.read("docs/help.km.md") + "\nអំពីវិស័យគន្លឹះ។\n")  # terminology
    project.replace("model/history.yml", "- release: 0.1.0", "- release: 0.1")  # the change history
    outcome = script("check").build(project.root, release=False)
    found = {(p.file, p.message.split(":")[0][:40]) for p in outcome.problems}
    files = {p.file for p in outcome.problems}
    assert {"model/commitments.yml", "docs/about.md", "docs/help.km.md", "model/history.yml"} <= files, found
    forced = [p for p in outcome.problems if "a forced failure" in p.message]
    assert len(forced) == 1, outcome.problems
    assert forced[0].message.startswith("an unexpected error in the exports check (cop/exports.py): RuntimeError")
    assert forced[0].file == "model/commitments.yml" and forced[0].fix
    assert all(p.fix for p in outcome.problems)


def test_an_unexpected_error_in_a_page_names_the_hook_and_the_page(
        project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    from cop.render import Renderer

    original = Renderer.finish

    def finish(self: Renderer, html: str, translated: bool) -> str:
        if self.here in ("about.md", "help.md"):
            raise KeyError("a forced failure")
        return original(self, html, translated)

    monkeypatch.setattr(Renderer, "finish", finish)
    outcome = script("check").build(project.root, release=False)
    assert sorted(p.file for p in outcome.problems) == ["docs/about.md", "docs/help.md"], outcome.problems
    for problem in outcome.problems:
        assert problem.message == ("an unexpected error in hooks/cop_pages.py (on_page_content): "
                                   "KeyError: 'a forced failure'"), problem
        assert "undo your last change to this file" in problem.fix


def test_a_symlink_stops_the_real_build_before_anything_is_published(project: Project) -> None:
    project.path("docs/assets").mkdir(parents=True, exist_ok=True)
    project.path("docs/assets/leak.txt").symlink_to("/etc/passwd")
    result = project.build()
    assert result.returncode != 0
    assert "docs/assets/leak.txt: is a symbolic link (to /etc/passwd)" in result.output, result.output[-2000:]
    assert "Traceback" not in result.output
    assert not (project.root / "site/assets/leak.txt").exists()


def test_malformed_headings_and_hidden_characters_stop_the_real_build_at_their_lines(project: Project) -> None:
    project.replace(SM_EN, "## SM-03 ", "## SM-03: ")
    project.replace(SM_KM, "## SM-04 ", "## SM-០៤ ")
    project.replace(SM_EN, "## SM-05 ", "## SM-05 \u202e")
    result = project.build()
    assert result.returncode != 0
    for file, needle, message in ((SM_EN, "## SM-03: ", "is a commitment heading written the wrong way"),
                                  (SM_KM, "## SM-០៤ ", "is a commitment heading written the wrong way"),
                                  (SM_EN, "## SM-05 ", "U+202E RIGHT-TO-LEFT OVERRIDE")):
        line = project.line_of(file, needle)
        assert f"{file}:{line}: " in result.output and message in result.output, result.output[-3000:]
    assert "3 problems to fix" in result.output, result.output[-3000:]
