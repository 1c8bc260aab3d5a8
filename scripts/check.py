"""The editors' check: everything CI checks on the content, in one command.

    bash scripts/check                 # strict build (model, pages, safety, links) + translation status
    bash scripts/check --release       # the same, and missing or outdated translations are problems,
                                       # and so is a full accessibility check older than the content
    bash scripts/check --stamp docs/commitments/social-media.km.md SM-03   # after bringing SM-03 in line
    bash scripts/check --stamp docs/roles/leadership.km.md       # a page with no commitments: its text
    bash scripts/check --stamp docs/commitments/social-media.km.md page   # the text outside the commitments
    bash scripts/check --stamp CONTRIBUTING.km.md sources        # a section of CONTRIBUTING, by its anchor
    bash scripts/check --stamp-all [FILE ...]   # every part as in line, after reviewing whole files (warns)

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

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from cop import a11y_record
from cop import catalog as catalog_module
from cop import duplicates, state, translation
from cop.catalog import Catalog
from cop.catalog import split_locale
from cop.problems import ContentError, Problem

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
                # Every language, always: a preview (COP_PREVIEW) would leave one unchecked.
                config.extra["cop"]["preview"] = None
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


def catalog_of(root: Path) -> Catalog:
    """The model and every page, read from the files on disk as the build reads them."""
    docs = root / "docs"
    langs, default, _ = state.languages(config_of(root))
    files = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    catalog, _ = catalog_module.build(root, docs, files, langs, default)
    return catalog


def translation_status(root: Path, catalog: Catalog | None = None) -> list[translation.Status]:
    """The translation status of every language, from the files on disk."""
    return list((catalog or catalog_of(root)).translations.values())


def _original_of(path: Path, root: Path) -> tuple[str, Path, bool]:
    """(the translation as shown, its English original, whether it is a
    repository document such as CONTRIBUTING.km.md rather than a page)."""
    docs = root / "docs"
    langs, default, _ = state.languages(config_of(root))
    path = path.resolve()
    for name in translation.DOCUMENTS:
        stem = name.removesuffix(".md")
        for lang in langs:
            if lang != default and path == (root / f"{stem}.{lang}.md").resolve():
                return f"{stem}.{lang}.md", root / name, True
    try:
        relative = path.relative_to(docs.resolve()).as_posix()
    except ValueError:
        raise SystemExit(f"{path}: not a page under docs/ (nor a translation of "
                         + ", ".join(translation.DOCUMENTS) + ")") from None
    page, lang = split_locale(relative, langs, default)
    if lang == default:
        raise SystemExit(f"docs/{relative} is an original, not a translation: stamp its .km.md file")
    return f"docs/{relative}", docs / page, False


def _part(name: str) -> str:
    """A part as typed: an ID, a section anchor ('#sources' or 'sources'),
    or the page text ('page', 'page text')."""
    name = name.strip().lstrip("#")
    return translation.PAGE if name.lower() in ("page", "page text", "page-text") else name


def _names(parts: list[str]) -> str:
    return ", ".join("the page text" if p == translation.PAGE else p for p in parts)


def stamp(path: Path, parts: list[str] | None, root: Path = ROOT) -> translation.Stamped:
    """Record that ``parts`` of one translation are in line with its English
    (None: every part, for a full review); print what was recorded."""
    shown, original, document = _original_of(path, root)
    path = path.resolve()
    if not path.is_file() or not original.is_file():
        raise SystemExit(f"{shown}: the translation or its original {original.relative_to(root)} does not exist")
    text = path.read_text(encoding="utf-8")
    english = original.read_text(encoding="utf-8")
    try:
        if parts == []:
            # No part named: only a file without sections has one part to mean.
            everything = translation.stamp(text, english, None, document)
            if everything.stamped != [translation.PAGE]:
                todo = everything.outdated_before
                names = " ".join(todo) if todo else "SM-03"
                raise SystemExit(
                    f"{shown} has sections: name the ones you brought in line with {original.relative_to(root)}"
                    + (f" (not in line now: {_names(todo)})" if todo else " (every part is in line now)") + ".\n"
                    f"    Fix: scripts/check --stamp {shown} {names}   ('page' is the text outside the sections); "
                    f"after a review of the whole file: scripts/check --stamp-all {shown}")
            parts = [translation.PAGE]
        result = translation.stamp(text, english, None if parts is None else [_part(p) for p in parts], document)
    except translation.StampError as error:
        raise SystemExit(f"{shown}: {error}") from None
    # Write bytes, so that line endings are kept exactly as they were.
    path.write_bytes(result.text.encode("utf-8"))
    print(f"stamped {shown}: {_names(result.stamped)} recorded as in line with {original.relative_to(root)}")
    return result


def stamp_all(paths: list[Path], root: Path = ROOT) -> None:
    """Every part of ``paths`` (default: every translation) recorded as in
    line, with a warning naming what was not in line before."""
    docs = root / "docs"
    langs, default, _ = state.languages(config_of(root))
    if not paths:
        paths = sorted(p for p in docs.rglob("*.md")
                       if split_locale(p.relative_to(docs).as_posix(), langs, default)[1] != default)
        paths += [root / f"{name.removesuffix('.md')}.{lang}.md" for name in translation.DOCUMENTS
                  for lang in langs if lang != default and (root / f"{name.removesuffix('.md')}.{lang}.md").is_file()]
    hidden: list[str] = []
    for path in paths:
        result = stamp(path, None, root)
        if result.outdated_before:
            hidden.append(f"  {_original_of(path, root)[0]}: {_names(result.outdated_before)}")
    print("\nWarning: --stamp-all records every part as in line with the English without comparing them; "
          "use it only after reviewing whole files.")
    if hidden:
        print("These parts were outdated or never recorded, and are now recorded as in line: check that each "
              "is really translated (git diff of the English shows what changed):")
        print("\n".join(hidden))


def main(argv: list[str] | None = None, root: Path = ROOT, site_dir: Path | None = None) -> int:
    """The command; ``root`` and ``site_dir`` (keep the built site) are for tests."""
    parser = argparse.ArgumentParser(description="Check the content the way CI does.")
    parser.add_argument("--release", action="store_true", help="fail on missing or outdated translations")
    parser.add_argument("--stamp", nargs="+", metavar=("FILE", "PART"),
                        help="record that these parts of one translation are in line with its English original: "
                             "commitment IDs (SM-03), section anchors (CONTRIBUTING), or 'page' for the text "
                             "outside them; the other parts keep their records")
    parser.add_argument("--stamp-all", nargs="*", metavar="FILE", type=Path,
                        help="record every part of these translations (default: all of them) as in line; "
                             "only after reviewing whole files")
    args = parser.parse_args(argv)

    if args.stamp:
        stamp(Path(args.stamp[0]), args.stamp[1:], root)
        return 0
    if args.stamp_all is not None:
        stamp_all(args.stamp_all, root)
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

    catalog = catalog_of(root)
    if not args.release:
        notes = [p for status in translation_status(root, catalog) for p in status.problems()]
        if notes:
            print(f"\nTranslation status ({len(notes)} to do; reported only, `--release` fails on them):")
            for note in notes:
                print(note)
        else:
            print("\nTranslation status: every page and commitment is translated and in line with the English.")

    # A title close to another commitment's that one company must also follow:
    # said, never counted (the editor or the reviewer decides).
    close = duplicates.warnings(catalog)
    if close:
        print(f"\nPossible duplicates ({len(close)} warning{'s' if len(close) != 1 else ''}, not counted as problems):")
        for warning in close:
            print(warning)

    count = len(outcome.problems) + len(messages)
    print("\n" + ("No problems" if count == 0 else f"{count} problem{'s' if count != 1 else ''}"))
    return 1 if count else 0


if __name__ == "__main__":
    sys.exit(main())
