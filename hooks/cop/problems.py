"""Problems found in the content, reported the way an editor can act on them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from mkdocs.exceptions import PluginError


@dataclass(frozen=True)
class Problem:
    """One mistake in the content: where it is, what is wrong, how to fix it."""

    file: str
    line: int | None
    message: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}\n    Fix: {self.fix}"


class ContentError(PluginError):
    """Raised with every problem found, so an editor sees them all at once.

    A ``PluginError``, so MkDocs stops the build and prints the message; a
    program that runs the build (scripts/check.py) reads ``problems``."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.message))
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        body = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"The guidelines have {count} {noun} to fix:\n{body}")
