"""The editors' check command on the real content, and the CI workflow that
runs the same commands as .ci/run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT


def test_check_reports_no_problems_on_the_real_content() -> None:
    before = (ROOT / "site").exists()
    for args in ([], ["--release"]):
        proc = subprocess.run([sys.executable, "scripts/check.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert proc.stdout.rstrip().endswith("\nNo problems"), proc.stdout
        assert "Fix:" not in proc.stdout, proc.stdout
    assert (ROOT / "site").exists() == before, "the check must build into a temporary folder, not site/"


def test_check_prints_file_line_fix_and_a_count(tmp_path: Path) -> None:
    """The parser of the build's output turns our error and MkDocs' own warnings into problems."""
    import check  # noqa: PLC0415

    output = ("INFO    -  Building\nWARNING -  Doc file 'a.md' contains a link 'b.md', but the target is not found.\n"
              "ERROR   -  The guidelines have 2 problems to fix:\n"
              "  docs/about.md:12: image without alt text: ![](x.png)\n    Fix: describe the image\n"
              "  model/taxonomy.yml: role 'x' has no page docs/roles/x.md\n    Fix: add docs/roles/x.md\n")
    problems = check.parse(output)
    assert [(p.file, p.line, p.message, p.fix) for p in problems] == [
        ("mkdocs build", None, "Doc file 'a.md' contains a link 'b.md', but the target is not found.",
         "see the message; the build treats every warning as an error"),
        ("docs/about.md", 12, "image without alt text: ![](x.png)", "describe the image"),
        ("model/taxonomy.yml", None, "role 'x' has no page docs/roles/x.md", "add docs/roles/x.md"),
    ]
    # A broken link is counted once: with its line, not again as MkDocs' warning.
    links = check.parse("WARNING -  Doc file 'help.md' contains a link 'matrx.md', but the target is not found.\n"
                        "ERROR   -  The guidelines have 1 problem to fix:\n"
                        "  docs/help.md:60: link 'matrx.md': docs/matrx.md does not exist\n    Fix: did you mean matrix.md?\n")
    assert [(p.file, p.line) for p in links] == [("docs/help.md", 60)]


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

    build = jobs["build"]
    assert "test" in build["needs"] and "refs/heads/main" in build["if"]
    assert "bash scripts/serve build" in runs("build")
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    # scripts/serve build builds into MkDocs' default site_dir, site/.
    serve = (ROOT / "scripts/serve").read_text(encoding="utf-8")
    assert "mkdocs build --strict\n" in serve
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert config.get("site_dir", "site") == "site"
    assert "actions/deploy-pages" in uses("deploy") and jobs["deploy"]["permissions"]["pages"] == "write"
