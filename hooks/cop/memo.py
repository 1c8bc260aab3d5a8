"""Check results remembered by everything they were found from.

The source checks (Khmer terminology, each page's safety) and the output gate
(each page's HTML against the allowlist) are pure: the same text, checked by
the same code, has the same problems. A :class:`Memo` keeps each result under
a digest of everything it was found from, so a rebuild of ``mkdocs serve``,
the next build on an editor's machine, or one of the test suite's many
builds of a nearly unchanged project checks only what changed.

Between runs the results live in one JSON file in the folder of the setting
``cache`` (``COP_CACHE_DIR``; by default the user's cache folder,
``~/.cache/cop-guidelines``), never in the project: a file committed to the
repository could otherwise claim that a hostile page has no problems. The
file is only used when it was written by the same engine (this package's
code, the Khmer rules and the libraries the checks call, see
:func:`engine`); anything unreadable is ignored, which costs only time.
``off`` keeps results in memory only, and releases never read the file
(``hooks/cop_model.py``).

The same store, in a file of its own, keeps each search document's plain
text and Khmer words (``cop.search_index``): what a rebuild would otherwise
segment again for every unchanged page (:data:`SEARCH`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import platform
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Callable, Generic, TypeVar

from .problems import Problem

FILE = "checked.json"
T = TypeVar("T")


@lru_cache(maxsize=1)
def engine() -> str:
    """A digest of what decides a check's result besides its inputs: every
    file of this package (the Khmer rules included) and the versions of
    Python and of the libraries the checks call."""
    digest = hashlib.blake2b(digest_size=16)
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".json"):
            digest.update(str(path.relative_to(package)).encode())
            digest.update(path.read_bytes())
    digest.update(platform.python_version().encode())
    for name in ("PyYAML", "nh3", "pyicu-wheels", "Markdown", "mkdocs"):
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none".encode())
    return digest.hexdigest()


def _feed(digest: Any, value: Any) -> None:
    """Every part of ``value`` into ``digest``, each with its kind and length,
    so that two different inputs never feed the same bytes. Texts go in as
    their bytes: ``repr`` of a whole page costs more than hashing it."""
    if isinstance(value, str):
        data = value.encode("utf-8", "surrogatepass")
        digest.update(b"s%d:" % len(data))
        digest.update(data)
    elif isinstance(value, tuple):
        digest.update(b"t%d:" % len(value))
        for part in value:
            _feed(digest, part)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        name = type(value).__qualname__.encode()
        digest.update(b"d%d:" % len(name))
        digest.update(name)
        for field in dataclasses.fields(value):
            _feed(digest, getattr(value, field.name))
    else:  # numbers, None, booleans: their repr says what they are
        data = repr(value).encode("utf-8", "surrogatepass")
        digest.update(b"r%d:" % len(data))
        digest.update(data)


def _problems_out(problems: list[Problem]) -> Any:
    return [[p.file, p.line, p.message, p.fix] for p in problems]


def _problems_in(data: Any) -> list[Problem]:
    return [Problem(f, line, m, fix) for f, line, m, fix in data]


class Store(Generic[T]):
    """Results by a digest of the inputs they were found from: tuples of
    strings, numbers and frozen dataclasses that name everything a result
    depends on. ``file``: its name in the cache folder; ``out`` and ``into``
    turn a result into JSON data and back."""

    def __init__(self, file: str, out: Callable[[T], Any], into: Callable[[Any], T]) -> None:
        self.file = file
        self._out, self._into = out, into
        self._found: dict[str, T] = {}
        self._used: set[str] = set()
        self._read: set[Path] = set()
        # Whether anything was found since the file was last read or written:
        # rewriting an unchanged file cost a warm rebuild more than reading it.
        self._changed = False

    @staticmethod
    def _digest(inputs: Any) -> str:
        digest = hashlib.blake2b(digest_size=20)
        _feed(digest, inputs)
        return digest.hexdigest()

    def answer(self, inputs: Any, find: Callable[[], T]) -> T:
        """The result remembered for ``inputs``, or ``find()``'s, then remembered.
        A result is shared, never to be changed (:class:`Memo` hands out copies)."""
        key = self._digest(inputs)
        self._used.add(key)
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = find()
            self._changed = True
        return found

    def get(self, inputs: Any) -> T | None:
        key = self._digest(inputs)
        found = self._found.get(key)
        if found is not None:
            self._used.add(key)
        return found

    def __setitem__(self, inputs: Any, found: T) -> None:
        key = self._digest(inputs)
        self._found[key] = found
        self._used.add(key)
        self._changed = True

    def __len__(self) -> int:
        return len(self._found)

    def load(self, folder: str | Path | None) -> None:
        """Add the results kept in ``folder`` by the same engine (once per folder)."""
        if folder is None or Path(folder) in self._read:
            return
        where = Path(folder)
        self._read.add(where)
        try:
            data = json.loads((where / self.file).read_text(encoding="utf-8"))
            if data.get("engine") != engine():
                return
            for key, value in data["found"].items():
                self._found.setdefault(key, self._into(value))
        except (OSError, ValueError, KeyError, IndexError, TypeError, AttributeError):
            return  # no file yet, or not one we can read: everything is checked afresh

    def save(self, folder: str | Path | None) -> None:
        """Keep the results this process used in ``folder`` (others are dropped,
        so the file holds one state of the content, not every state it had)."""
        if folder is None or not self._used:
            return
        where = Path(folder)
        if not self._changed and where in self._read and (where / self.file).is_file():
            return  # every result used came from this file
        found = {key: self._out(self._found[key]) for key in sorted(self._used) if key in self._found}
        temporary: Path | None = None
        try:
            where.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=where, suffix=".tmp", delete=False) as out:
                temporary = Path(out.name)
                json.dump({"engine": engine(), "found": found}, out, ensure_ascii=False)
            os.replace(temporary, where / self.file)  # whole or not at all, even with two builds at once
            self._changed = False
            self._read.add(where)
        except OSError:
            # A read-only or full disk costs the next run time, nothing else.
            if temporary is not None:
                temporary.unlink(missing_ok=True)


class Memo(Store[list[Problem]]):
    """Check results: each page's problems by what they were found from."""

    def __init__(self) -> None:
        super().__init__(FILE, _problems_out, _problems_in)

    # Copies: callers add the problems to lists of their own.
    def answer(self, inputs: Any, find: Callable[[], list[Problem]]) -> list[Problem]:
        return list(super().answer(inputs, lambda: list(find())))

    def get(self, inputs: Any) -> list[Problem] | None:
        found = super().get(inputs)
        return None if found is None else list(found)


# A search document's plain title, plain text and Khmer words (cop.search_index).
SearchEntry = tuple[str, str, list[str]]
SEARCH = "search.json"


def search_store() -> Store[SearchEntry]:
    return Store(SEARCH, list, lambda data: (data[0], data[1], data[2]))
