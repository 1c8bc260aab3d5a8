"""The setup scripts install what they call: every external command that
scripts/test and scripts/serve run (or look for) is either part of the CI
container's image or installed by the script itself, so CI passes where the
workflow says it runs, not only on a machine that happens to have the tools."""

from __future__ import annotations

import re
import shlex

import pytest
import yaml

from conftest import ROOT

SCRIPTS = ("scripts/test", "scripts/serve")

# What the workflow's image, python:3.11-bookworm, has that these scripts use.
# From its Dockerfiles (docker-library/python 3.11/bookworm on
# buildpack-deps:bookworm, on buildpack-deps:bookworm-scm and -curl, on
# debian:bookworm): Debian's essential and required packages (bash,
# coreutils, grep, apt), git from the scm layer, and Python 3.11 built with
# ensurepip in /usr/local. Not there: Chromium, fontconfig's fc-list, Java,
# Node and npm, jq, sudo (CI runs as root).
IMAGE = {"bash", "dirname", "id", "grep", "apt-get", "python3", "git",
         # Debian's required package "hostname" (Priority: required in bookworm).
         "hostname"}
# sudo is called only when not root; the container runs as root.
ONLY_WHEN_NOT_ROOT = {"sudo"}
# The Debian package that provides each command a script installs.
PROVIDED_BY = {"chromium": "chromium", "fc-list": "fontconfig", "java": "default-jre-headless",
               "npm": "npm", "git": "git", "jq": "jq"}
# Shell words that are not external commands.
SHELL = {"if", "then", "else", "elif", "fi", "for", "while", "do", "done", "case", "esac", "exec", "command",
         "set", "cd", "export", "exit", "return", "local", "true", "false", "[", "[[", "]", "]]", "!", "{", "}",
         "need", "echo", "printf", "test", ":"}
ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*\+?=")


def commands(script: str) -> tuple[set[str], dict[str, list[str]], set[str]]:
    """(every external command the script runs or looks for with ``command
    -v``, the ``need COMMAND PACKAGE...`` declarations, the packages it
    installs besides those), read from the script's text."""
    text = (ROOT / script).read_text(encoding="utf-8")
    found: set[str] = set()
    needs: dict[str, list[str]] = {}
    extra: set[str] = set()
    for raw in text.splitlines():
        line = re.sub(r"(^|\s)#.*$", "", raw)  # comments (a '#' after a space or at the start)
        if line.strip().startswith("need() {"):
            line = line.split("||", 1)[0]  # the definition: only `command -v "$1"`
        for declared in re.finditer(r"\bneed ([\w.-]+)((?: [\w.-]+)+)", line):
            needs[declared[1]] = declared[2].split()
        extra.update(word for group in re.findall(r"missing\+=\(([^)]*)\)", line) for word in group.split()
                     if not word.startswith('"'))
        for looked_up in re.findall(r"command -v (\S+)", line):
            if not looked_up.startswith('"'):
                found.add(looked_up)
        # Simple commands: split at operators, pipes and command substitutions
        # (array assignments, `missing+=(a b)`, are words, not commands).
        line = re.sub(r"[A-Za-z_][A-Za-z0-9_]*\+?=\([^)]*\)", "", line)
        for part in re.split(r"\|\||&&|[;|()`]|\$\(", line):
            try:
                words = shlex.split(part)
            except ValueError:
                words = part.split()
            while words and (ASSIGNMENT.match(words[0]) or words[0] in SHELL or words[0] in ("$sudo", "")):
                if words[0] == "command":
                    break
                if words[0] == "$sudo":
                    found.add("sudo")  # `sudo=""`, or "sudo" when not root
                words = words[1:]
            if not words or words[0] == "command" or words[0].startswith(("-", "$", '"', "'", ">", "<", "2>", "&")):
                continue
            name = words[0]
            if re.fullmatch(r"[A-Za-z0-9_.+/-]+", name) and not ASSIGNMENT.match(name):
                found.add(name)
    return found, needs, extra


def test_the_parser_reads_a_script_as_bash_would() -> None:
    """The reader above, on the constructs the scripts use, so that a command
    hidden in one of them cannot slip past the test below."""
    found, needs, extra = commands("scripts/test")
    assert {"chromium", "fc-list", "java", "npm", "git", "apt-get", "id", "dirname", "python3", "grep",
            "sudo"} <= found, found
    assert needs["npm"] == ["nodejs", "npm"] and "fonts-khmeros" in extra and "python3-venv" in extra
    assert ".venv/bin/python" in found and "missing" not in found and "DEBIAN_FRONTEND" not in " ".join(found)


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_command_is_in_the_image_or_installed_by_the_script(script: str) -> None:
    found, needs, _ = commands(script)
    text = (ROOT / script).read_text(encoding="utf-8")
    lacking = []
    for name in sorted(found):
        if name in IMAGE or name in ONLY_WHEN_NOT_ROOT:
            continue
        if name.startswith(".venv/bin/"):
            assert "python3 -m venv .venv" in text, f"{script} calls {name} but never makes .venv"
            continue
        if name in needs:
            assert PROVIDED_BY.get(name) in needs[name], \
                f"{script}: 'need {name} {' '.join(needs[name])}' does not install {PROVIDED_BY.get(name)}, which provides {name}"
            continue
        lacking.append(name)
    assert not lacking, (f"{script} calls {lacking}, which python:3.11-bookworm lacks and the script does not "
                         "install: add 'need COMMAND PACKAGE' (or, if the image has it, add it to IMAGE with its source)")
    # Installing is done by apt-get, as root or through sudo, with no prompt.
    assert 'DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"' in text
    assert '$sudo apt-get update -qq' in text


def test_the_suite_calls_only_what_scripts_test_provides() -> None:
    """The commands the tests run themselves (subprocess) are the image's or
    installed by scripts/test; unshare is optional (the test that uses it
    checks first and skips)."""
    found, needs, _ = commands("scripts/test")
    optional = {"unshare"}
    called = set()
    for path in (ROOT / "tests").glob("*.py"):
        called.update(re.findall(r"subprocess\.run\(\[\s*\"([\w.-]+)\"", path.read_text(encoding="utf-8")))
    assert called, "no subprocess call found: has the way the tests call programs changed?"
    assert not called - IMAGE - set(needs) - optional, called


def test_the_workflow_test_job_runs_in_that_image() -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    for job in ("test", "build"):
        assert workflow["jobs"][job]["container"] == "python:3.11-bookworm", "IMAGE above describes this image"
