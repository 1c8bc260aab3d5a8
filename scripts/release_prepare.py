"""Prepare a release: the unreleased changes of model/history.yml become
release X.Y.Z, dated today, and pyproject.toml's version is set to it.

    bash scripts/release-prepare 0.2.0

Today is the machine's date in UTC, or the day of SOURCE_DATE_EPOCH when it is
set (reproducible releases). Refused, naming each reason, when the version
does not follow from the kinds of the changes (CONTRIBUTING.md, "Preparing a
release"), when the summary lacks a language, or when the files disagree.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from pathlib import Path

from mkdocs.config import load_config

from cop import releases, state

ROOT = Path(__file__).resolve().parent.parent


def today() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not epoch.isdigit():
            raise SystemExit(f"SOURCE_DATE_EPOCH={epoch!r}: expected a whole number of seconds since 1970")
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date().isoformat()
    return datetime.datetime.now(datetime.timezone.utc).date().isoformat()


def main(argv: list[str] | None = None, root: Path = ROOT) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("version", help="the new version, MAJOR.MINOR.PATCH")
    args = parser.parse_args(argv)
    langs, _, _ = state.languages(load_config(str(root / "mkdocs.yml")))
    history, pyproject = root / releases.HISTORY, root / releases.PYPROJECT
    prepared, problems = releases.prepare(history.read_text(encoding="utf-8"), pyproject.read_text(encoding="utf-8"),
                                          args.version, today(), langs)
    if prepared is None:
        for problem in problems:
            print(problem)
        print(f"\nRelease {args.version} not prepared: nothing was changed.")
        return 1
    history.write_text(prepared.history, encoding="utf-8")
    pyproject.write_text(prepared.pyproject, encoding="utf-8")
    print(f"Release {args.version} prepared ({prepared.bump} release after {prepared.previous}, dated {today()}):\n"
          f"  {releases.HISTORY}: the unreleased entry is now release {args.version}\n"
          f"  {releases.PYPROJECT}: version = \"{args.version}\"\n"
          "Next: bash scripts/check --release (no problem, no pending translation), commit both files as "
          f"'Release {args.version}' in a pull request; once a maintainer has merged it, tag the merge commit:\n"
          f"  git tag -a v{args.version} -m 'Release {args.version}' && git push origin v{args.version}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
