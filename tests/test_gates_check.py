"""The editors' check command on the real content, and the CI workflow that
runs the same commands as .ci/run."""

from __future__ import annotations

import pytest
import yaml

from shared_helpers import script
from conftest import ROOT, Project


def test_check_reports_no_problems_on_the_real_content(capsys: pytest.CaptureFixture[str]) -> None:
    """One everyday check: no problem. The translation status is reported and
    never counted: a pull request may leave a translation pending (its Khmer
    page then says so), and only the release check refuses it, in the
    publishing job (test_workflow_runs_what_ci_runs_and_publishes_the_site)."""
    check = script("check")

    before = (ROOT / "site").exists()
    assert check.main([]) == 0
    out = capsys.readouterr().out
    assert out.rstrip().endswith("\nNo problems"), out
    problems, _, status = out.partition("\nTranslation status")
    assert "Fix:" not in problems, out
    assert status.startswith((": every page and commitment is translated", " (")), out
    assert (ROOT / "site").exists() == before, "the check must build into a temporary folder, not site/"


def test_check_prints_mkdocs_warnings_as_they_are_then_our_problems_with_a_count(
        project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    """The check builds in-process and gets our problems as objects (ContentError);
    MkDocs' own warnings are shown as MkDocs prints them, and the warning MkDocs
    also gives for a broken link we report with its line is not repeated."""
    check = script("check")

    project.replace("docs/help.md", "(legal.md#platform-duties)", "(legl.md)")
    line = project.line_of("docs/help.md", "(legl.md)")
    project.write("docs/stray.md", "# Stray\n\nA page not in the nav.\n")
    assert check.main([], root=project.root) == 1
    out = capsys.readouterr().out
    assert out.startswith('WARNING -  The following pages exist in the docs directory, but are not included in the '
                          '"nav" configuration:\n  - stray.md\n'), out
    assert f"docs/help.md:{line}: link 'legl.md': docs/legl.md does not exist\n    Fix: did you mean legal.md?" in out
    assert "contains a link 'legl.md'" not in out, "the broken link is reported twice"
    assert out.rstrip().endswith("\n2 problems"), out


def ci_commands() -> list[str]:
    """The commands .ci/run runs (its lines that are not comments or set-up)."""
    lines = (ROOT / ".ci/run").read_text(encoding="utf-8").splitlines()
    commands = [l.strip().removeprefix("exec ") for l in lines
                if l.strip() and not l.startswith(("#", "set ", "cd "))]
    assert commands, ".ci/run runs nothing?"
    return commands


def test_workflow_runs_what_ci_runs_and_publishes_the_site() -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    jobs = workflow["jobs"]
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as true
    assert {"push", "pull_request"} <= set(triggers)

    def runs(job: str) -> list[str]:
        return [step["run"] for step in jobs[job]["steps"] if "run" in step]

    def uses(job: str) -> list[str]:
        return [step["uses"].split("@")[0] for step in jobs[job]["steps"] if "uses" in step]

    test = jobs["test"]
    assert test["container"] == "python:3.11-bookworm"
    for command in ci_commands():
        assert command in runs("test"), f"the workflow does not run {command!r} like .ci/run"
    assert "bash scripts/check" in runs("test")
    for name in ("test", "build"):
        checkout = next(s for s in jobs[name]["steps"] if s.get("uses", "").startswith("actions/checkout@"))
        assert checkout["with"]["fetch-depth"] == 0, "a shallow clone truncates the last-updated dates"
        assert checkout["with"]["persist-credentials"] is False, "the job's token must not stay in .git/config"

    build = jobs["build"]
    assert "test" in build["needs"] and "refs/heads/main" in build["if"]
    # Publishing refuses a missing or outdated translation, before anything is built;
    # pull requests (the test job) only report them.
    assert runs("build")[:2] == ["git config --global --add safe.directory \"$GITHUB_WORKSPACE\"",
                                 "bash scripts/check --release"], runs("build")
    assert not any("--release" in command for command in runs("test"))
    # The complete release (PDFs, offline zip, the address from Pages' own
    # configuration step), the same command the README gives publishers.
    assert 'bash scripts/serve release "${{ steps.pages.outputs.base_url }}/"' in runs("build")
    assert any(s.get("id") == "pages" and s.get("uses", "").startswith("actions/configure-pages@")
               for s in build["steps"]), "the address comes from the configure-pages step"
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    # scripts/serve release writes the site where the upload step reads it.
    serve = (ROOT / "scripts/serve").read_text(encoding="utf-8")
    assert "scripts/release.py" in serve and "--out site" in serve
    # The release command run by hand refuses them too, before its long build.
    assert -1 < serve.index("scripts/check.py --release") < serve.index("scripts/release.py")
    assert "actions/deploy-pages" in uses("deploy") and jobs["deploy"]["permissions"]["pages"] == "write"
