"""The editors' check: everything CI checks on the content, in one command.

    bash scripts/check                 # strict build (model, pages, safety, links) + translation status
    bash scripts/check --release       # the same, and missing or outdated translations are problems,
                                       # and so is a full accessibility check older than the content
    bash scripts/check --stamp docs/roles/leadership.km.md   # after bringing a translation in line
    bash scripts/check --stamp-all     # record every translation as in line (use with care)

Builds the site in this process, as ``mkdocs build --strict`` does, into a
temporary folder (no ``site/`` is left behind). Prints MkDocs' own warnings as
MkDocs prints them (``WARNING -  ...``), then every problem our hooks found
as ``file:line: what is wrong`` with ``Fix: ...`` under it (received as
objects: ``cop.problems.ContentError.problems``, not parsed from text), then
a count ("3 problems" or "No problems"); exits 1 when there are problems.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from cop import a11y_record, state, translation
from cop.catalog import split_locale
from cop.problems import ContentError, Problem
from cop.scan import split_front_matter

ROOT = Path(__file__).resolve().parent.parent
# MkDocs' own warning about a broken link, which our links check also reports
# (with its line): the same mistake is shown once, with the line.
LINK_WARNING = re.compile(r"^Doc file '(?P<file>[^']+)' contains (?:a|an \w+) link '(?P<target>[^']*)'")


@dataclass
class Outcome:
    """What one build found: our problems (objects, from ``ContentError``),
    and MkDocs' own warnings and errors, as MkDocs logged them."""

    problems: list[Problem] = field(default_factory=list)
    messages: list[logging.LogRecord] = field(default_factory=list)

    def shown_messages(self) -> list[str]:
        """MkDocs' warnings and errors as MkDocs prints them, each once, less
        those that repeat one of our problems (a broken link with its line)."""
        ours = {(p.file, p.message.split(":", 1)[0]) for p in self.problems}
        shown: list[str] = []
        for record in self.messages:
            message = record.getMessage()
            link = LINK_WARNING.match(message)
            if link and any((f"docs/{link['file']}", f"{kind} '{link['target']}'") in ours
                            for kind in ("link", "image")):
                continue
            line = f"{record.levelname:<8}-  {message}"
            if line not in shown:
                shown.append(line)
        return shown


class _Collect(logging.Handler):
    """Keeps MkDocs' warnings and errors (a strict build fails on any of them)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _content_error(error: BaseException | None) -> ContentError | None:
    """Our ContentError behind what MkDocs raised: MkDocs turns it into an
    Abort, and the i18n plugin's build of a further language nests it."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, ContentError):
            return error
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return None


def config_of(root: Path, **overrides: object) -> MkDocsConfig:
    """The project's mkdocs.yml, loaded and validated as MkDocs does."""
    return load_config(str(root / "mkdocs.yml"), **overrides)


def build(root: Path, release: bool, site_dir: Path | None = None) -> Outcome:
    """The strict build CI runs, in this process, into a temporary folder
    (or ``site_dir``, kept: tests read the site the check built)."""
    outcome = Outcome()
    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        with tempfile.TemporaryDirectory(prefix="cop-check-") as tmp:
            try:
                config = config_of(root, strict=True, site_dir=str(site_dir or Path(tmp) / "site"))
                # --release: missing or outdated translations are problems
                # (the `translations` setting, whatever COP_TRANSLATIONS says).
                config.extra.setdefault("cop", {})["translations"] = "fail" if release else "report"
                mkdocs_build(config)
            except (Exception, SystemExit) as error:  # noqa: BLE001  (any failure is reported; Abort is also a SystemExit)
                content = _content_error(error)
                if content is not None:
                    outcome.problems = list(content.problems)
                    # MkDocs logged our problems' text as an error too: shown once, as objects.
                    collect.records = [r for r in collect.records if r.getMessage() != str(content)]
                elif not collect.records:
                    # Something neither we nor MkDocs describe (a crash): say what it was.
                    outcome.problems = [Problem("mkdocs build", None, f"the build failed: {error!r}",
                                                "read the message above; ask a maintainer if it is unclear")]
    finally:
        logger.removeHandler(collect)
    outcome.messages = collect.records
    return outcome


def release_checks(root: Path) -> list[Problem]:
    """What only a release must pass, besides the build: the last full
    accessibility check is recorded and is not older than the content."""
    return a11y_record.stale(root)


def translation_status(root: Path) -> list[translation.Status]:
    """The translation status of every language, from the files on disk."""
    from cop import catalog as catalog_module

    docs = root / "docs"
    langs, default, _ = state.languages(config_of(root))
    files = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    catalog, _ = catalog_module.build(root, docs, files, langs, default)
    return list(catalog.translations.values())


def stamp(path: Path, root: Path = ROOT) -> str:
    """Record the English fingerprints in one translation; return a summary."""
    docs = root / "docs"
    langs, default, _ = state.languages(config_of(root))
    path = path.resolve()
    try:
        relative = path.relative_to(docs).as_posix()
    except ValueError:
        raise SystemExit(f"{path}: not a page under docs/")
    page, lang = split_locale(relative, langs, default)
    if lang == default:
        raise SystemExit(f"docs/{relative} is an original, not a translation: stamp its .km.md file")
    original = docs / page
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


def main(argv: list[str] | None = None, root: Path = ROOT, site_dir: Path | None = None) -> int:
    """The command; ``root`` and ``site_dir`` (keep the built site) are for tests."""
    parser = argparse.ArgumentParser(description="Check the content the way CI does.")
    parser.add_argument("--release", action="store_true", help="fail on missing or outdated translations")
    parser.add_argument("--stamp", nargs="+", metavar="FILE", type=Path,
                        help="record that these translations are in line with their English originals")
    parser.add_argument("--stamp-all", action="store_true", help="stamp every translation (only when all are in line)")
    args = parser.parse_args(argv)

    if args.stamp or args.stamp_all:
        docs = root / "docs"
        langs, default, _ = state.languages(config_of(root))
        targets = args.stamp or sorted(p for p in docs.rglob("*.md")
                                       if split_locale(p.relative_to(docs).as_posix(), langs, default)[1] != default)
        for target in targets:
            print(stamp(target, root))
        return 0

    outcome = build(root, args.release, site_dir)
    if args.release:
        outcome.problems += release_checks(root)
    # MkDocs' own warnings and errors first, as MkDocs prints them (a strict
    # build fails on each), then ours with file, line and fix.
    messages = outcome.shown_messages()
    for line in messages:
        print(line)
    if messages and outcome.problems:
        print()
    for problem in outcome.problems:
        print(problem)

    if not args.release:
        notes = [p for status in translation_status(root) for p in status.problems()]
        if notes:
            print(f"\nTranslation status ({len(notes)} to do; reported only, `--release` fails on them):")
            for note in notes:
                print(note)
        else:
            print("\nTranslation status: every page and commitment is translated and in line with the English.")

    count = len(outcome.problems) + len(messages)
    print("\n" + ("No problems" if count == 0 else f"{count} problem{'s' if count != 1 else ''}"))
    return 1 if count else 0


if __name__ == "__main__":
    sys.exit(main())
