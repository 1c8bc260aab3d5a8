"""The editors' check: everything CI checks on the content, in one command.

    bash scripts/check                 # strict build (model, pages, safety, links) + translation status
    bash scripts/check --release       # the same, and missing or outdated translations are problems
    bash scripts/check --stamp docs/roles/leadership.km.md   # after bringing a translation in line
    bash scripts/check --stamp-all     # record every translation as in line (use with care)

Prints every problem as ``file:line: what is wrong`` with ``Fix: ...`` under it,
then a count ("3 problems" or "No problems"); exits 1 when there are problems.
The site is built into a temporary folder, so no ``site/`` is left behind.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from cop import translation
from cop.catalog import split_locale
from cop.problems import Problem
from cop.scan import split_front_matter

import yaml

DOCS = ROOT / "docs"
DEFAULT, LANGUAGES = "en", ["en", "km"]
# One problem in the build's error: "  file:line: message" then "      Fix: ...".
PROBLEM = re.compile(r"^  (?P<where>\S.*?):(?:(?P<line>\d+):)? (?P<message>.*)$")
FIX = re.compile(r"^\s+Fix: (?P<fix>.*)$")
WARNING = re.compile(r"^WARNING\s+-\s+(?P<message>.*)$")


def build(release: bool) -> tuple[int, str]:
    """The strict build CI runs, into a temporary folder; (exit code, output)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", COP_TRANSLATIONS="fail" if release else "report")
    with tempfile.TemporaryDirectory(prefix="cop-check-") as tmp:
        proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(Path(tmp) / "site")],
                              cwd=ROOT, env=env, capture_output=True, text=True)
    return proc.returncode, proc.stdout + proc.stderr


def parse(output: str) -> list[Problem]:
    """The problems in the build's output: ours (file, line, fix), then any
    warning of MkDocs itself, which also fails a strict build."""
    problems: list[Problem] = []
    lines = output.splitlines()
    for index, line in enumerate(lines):
        match = PROBLEM.match(line)
        if match and index + 1 < len(lines) and FIX.match(lines[index + 1]):
            problems.append(Problem(match["where"], int(match["line"]) if match["line"] else None, match["message"],
                                    FIX.match(lines[index + 1])["fix"]))  # type: ignore[index]
            continue
        warning = WARNING.match(line)
        if warning:
            problems.append(Problem("mkdocs build", None, warning["message"],
                                    "see the message; the build treats every warning as an error"))
    # MkDocs also warns, without a line, about the broken links our links
    # check reports with their line: count each mistake once.
    if any(p.message.startswith(("link '", "image '")) for p in problems):
        problems = [p for p in problems if not (p.file == "mkdocs build" and p.message.startswith("Doc file '")
                                                and "link '" in p.message)]
    return problems


def translation_status() -> list[translation.Status]:
    """The translation status of every language, from the files on disk."""
    from cop import catalog as catalog_module

    files = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))
    catalog, _ = catalog_module.build(ROOT, DOCS, files, LANGUAGES, DEFAULT)
    return list(catalog.translations.values())


def stamp(path: Path) -> str:
    """Record the English fingerprints in one translation; return a summary."""
    path = path.resolve()
    try:
        relative = path.relative_to(DOCS).as_posix()
    except ValueError:
        raise SystemExit(f"{path}: not a page under docs/")
    page, lang = split_locale(relative, LANGUAGES, DEFAULT)
    if lang == DEFAULT:
        raise SystemExit(f"docs/{relative} is an original, not a translation: stamp its .km.md file")
    original = DOCS / page
    if not path.is_file() or not original.is_file():
        raise SystemExit(f"docs/{relative}: the translation or its original docs/{page} does not exist")
    text = path.read_text(encoding="utf-8")
    front, _ = split_front_matter(text)
    if front is not None:
        try:
            yaml.safe_load(front)
        except yaml.YAMLError as error:
            raise SystemExit(f"docs/{relative}: cannot read the front matter ({error}); fix it first")
    stamped = translation.stamp(text, original.read_text(encoding="utf-8"))
    # Write bytes, so that line endings are kept exactly as they were.
    path.write_bytes(stamped.encode("utf-8"))
    count = len(translation.split(stamped).sections)
    return f"stamped docs/{relative}: the page text and {count} commitment{'s' if count != 1 else ''} recorded as in line with docs/{page}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check the content the way CI does.")
    parser.add_argument("--release", action="store_true", help="fail on missing or outdated translations")
    parser.add_argument("--stamp", nargs="+", metavar="FILE", type=Path,
                        help="record that these translations are in line with their English originals")
    parser.add_argument("--stamp-all", action="store_true", help="stamp every translation (only when all are in line)")
    args = parser.parse_args(argv)

    if args.stamp or args.stamp_all:
        targets = args.stamp or sorted(p for p in DOCS.rglob("*.md") if split_locale(p.relative_to(DOCS).as_posix(), LANGUAGES, DEFAULT)[1] != DEFAULT)
        for target in targets:
            print(stamp(target))
        return 0

    code, output = build(args.release)
    problems = parse(output)
    if code != 0 and not problems:
        # Something the checks do not describe (a crash): show the end of the output.
        tail = "\n".join(output.strip().splitlines()[-15:])
        problems.append(Problem("mkdocs build", None, f"the build failed:\n{tail}", "read the message above; ask a maintainer if it is unclear"))
    for problem in problems:
        print(problem)

    if not args.release:
        notes = [p for status in translation_status() for p in status.problems()]
        if notes:
            print(f"\nTranslation status ({len(notes)} to do; reported only, `--release` fails on them):")
            for note in notes:
                print(note)
        else:
            print("\nTranslation status: every page and commitment is translated and in line with the English.")

    count = len(problems)
    print("\n" + ("No problems" if count == 0 else f"{count} problem{'s' if count != 1 else ''}"))
    return 1 if count else 0


if __name__ == "__main__":
    sys.exit(main())
