"""The documents describe the pipeline that runs: the hooks mkdocs.yml lists,
ARCHITECTURE.md's event table (each handler of ours with its priority), the
README's layout table; and comments say why, never which issue of this
project's tracker."""

from __future__ import annotations

import importlib.util
import re
import subprocess
from pathlib import Path

from conftest import ROOT

HOOK_LINE = re.compile(r"^  - (hooks/cop_\w+\.py)\s*$", re.M)
ROW = re.compile(r"^\|\s*(?P<event>[^|]*?)\s*\|\s*(?P<hooks>[^|]*?)\s*\|")
HOOK_CELL = re.compile(r"`(cop_\w+)`")
PRIORITY = re.compile(r"\((-?\d+)\)")


def listed_hooks() -> list[str]:
    return HOOK_LINE.findall((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))


def handlers() -> set[tuple[str, str, int]]:
    """(event, hook, priority) of every handler of every hook mkdocs.yml lists."""
    found = set()
    for path in listed_hooks():
        spec = importlib.util.spec_from_file_location(f"architecture_{Path(path).stem}", ROOT / path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for name in dir(module):
            handler = getattr(module, name)
            if name.startswith("on_") and callable(handler):
                found.add((name, Path(path).stem, getattr(handler, "mkdocs_priority", 0)))
    return found


def documented() -> set[tuple[str, str, int]]:
    """The rows of ARCHITECTURE.md's event table for our hooks."""
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    table = text[text.index("| Event | Hook (priority) |"):]
    table = table[:table.index("\n\n")]
    rows, events = set(), []
    for line in table.splitlines()[2:]:
        match = ROW.match(line)
        assert match, line
        if match["event"]:
            events = re.findall(r"`(on_\w+)`", match["event"])
        hooks, priority = HOOK_CELL.findall(match["hooks"]), PRIORITY.search(match["hooks"])
        for hook in hooks:
            assert priority, line
            rows |= {(event, hook, int(priority[1])) for event in events}
    return rows


def test_mkdocs_lists_every_hook_file_and_at_most_ten() -> None:
    files = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "hooks").glob("cop_*.py"))
    assert sorted(listed_hooks()) == files
    assert len(files) <= 10, files


def test_the_event_table_is_the_pipeline_that_runs() -> None:
    real, written = handlers(), documented()
    assert real - written == set(), f"handlers missing from ARCHITECTURE.md's table: {sorted(real - written)}"
    assert written - real == set(), f"rows of ARCHITECTURE.md that no handler matches: {sorted(written - real)}"


def test_every_hook_has_its_concern_written_down() -> None:
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    concerns = text[text.index("| Hook | Its one concern |"):]
    concerns = concerns[:concerns.index("\n\n")]
    assert sorted(HOOK_CELL.findall(concerns)) == sorted(Path(p).stem for p in listed_hooks())


def tracked() -> list[str]:
    return subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()


def test_the_readme_layout_names_the_real_folders() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = text[text.index("## Layout"):]
    layout = layout[:layout.index("\n## ", 5)]
    named = {p.rstrip("/") for row in layout.splitlines() if row.startswith("| `")
             for p in re.findall(r"`([^`]+)`", row.split("|")[1])}
    assert named, layout
    for path in named:
        assert (ROOT / path).exists(), f"README.md's layout names {path}, which does not exist"
    folders = {f.split("/")[0] for f in tracked() if "/" in f and not f.startswith(".")}
    assert folders <= {n.split("/")[0] for n in named}, f"folders the layout does not name: {folders - named}"


# This project's own issue references: the word issue and a number.
# An upstream project's issue, with its repository named, may stay.
OUR_ISSUE = re.compile(r"(?<![\w/.-])issues?\s*#?\d+\b", re.I)
UPSTREAM = re.compile(r"[\w.-]+/[\w.-]+(?:#|\s+issue\s+#?)\d+", re.I)
MACHINE_PATH = re.compile(r"(?<![\w.])(?:/work/|/home/\w|/root/|/Users/\w|[A-Z]:\\\\Users)")


def test_no_issue_numbers_and_no_machine_paths_in_the_repository() -> None:
    found = []
    for name in tracked():
        path = ROOT / name
        if path.suffix in {".png", ".jpg", ".pdf", ".zip", ".woff2", ".ico"} or name == "package-lock.json":
            continue
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (UnicodeDecodeError, IsADirectoryError, FileNotFoundError):
            continue
        for number, line in enumerate(lines, start=1):
            stripped = UPSTREAM.sub("", line)
            if OUR_ISSUE.search(stripped) or (MACHINE_PATH.search(line) and name != "tests/test_architecture.py"):
                found.append(f"{name}:{number}: {line.strip()[:120]}")
    assert not found, "say why instead of which issue; no paths of a machine:\n" + "\n".join(found)
