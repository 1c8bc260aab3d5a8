"""Every check of the sources, in one pass: what an editor can get wrong in
``model/`` and ``docs/``, reported together so one build lists every problem.

The hooks (``hooks/cop_model.py``) and the tests' engine-level harness
(``tests/harness.py``) both call :func:`run` after building the catalog. The
built pages are checked as they are made (``cop.output``, ``hooks/cop_links.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import exports, footnotes, gate, releases, terms
from .catalog import Catalog, display
from .guard import collect, unexpected
from .memo import Memo
from .problems import Problem
from .releases import History

HISTORY_PAGE = "history.md"


@dataclass(frozen=True)
class Options:
    """What the checks depend on besides the files."""

    allowed_html: tuple[str, ...] = ()
    release: bool = False  # missing or outdated translations are problems (scripts/check --release)


def run(catalog: Catalog, root: Path, docs_dir: Path, options: Options,
        memo: Memo | None = None) -> tuple[History | None, list[Problem]]:
    """(the checked change history, or None if it has problems; every problem).
    ``memo``: each page's problems by its text, kept between runs by the
    caller (cop.state.caches), so an unchanged page is not checked again."""
    c = catalog
    problems: list[Problem] = []
    # Markdown safety, front matter, each page's language, the files that are not pages.
    problems += collect("the pages' safety check (cop/gate.py)", "docs/", gate.content_problems,
                        c, docs_dir, options.allowed_html, memo)
    problems += collect("the citations check (cop/footnotes.py)", "model/sources.yml", footnotes.check, c)
    problems += collect("the Khmer terminology check (cop/terms.py)", "model/glossary.yml", _terms, c, root, memo)
    problems += collect("the exports check (cop/exports.py)", "model/commitments.yml", _exports, c)
    history, found = _history(c, root)
    problems += found
    if options.release:
        for status in c.translations.values():
            problems += collect("the translation status (cop/translation.py)", "docs/", status.problems)
    return history, problems


def _exports(catalog: Catalog) -> list[Problem]:
    return [p for lang in catalog.languages for p in exports.problems(catalog, lang)]


def _terms(catalog: Catalog, root: Path, memo: Memo | None) -> list[Problem]:
    khmer = {display(page, terms.KHMER, catalog.default): text
             for page, text in catalog.texts.get(terms.KHMER, {}).items()}
    return terms.check_all(catalog.model.glossary, root, khmer, memo)


def _history(catalog: Catalog, root: Path) -> tuple[History | None, list[Problem]]:
    pages = set(catalog.pages[catalog.default])
    problems: list[Problem] = []
    if HISTORY_PAGE not in pages:
        problems.append(Problem(f"docs/{HISTORY_PAGE}", None, "file is missing: the footer of every page links to it",
                                f"restore docs/{HISTORY_PAGE} (and its translations) holding <!-- cop:history -->"))
    try:
        history, found = releases.load(root, catalog.languages, set(catalog.model.commitments), pages)
    except Exception as error:  # noqa: BLE001
        return None, problems + [unexpected("the change history check (cop/releases.py)", releases.HISTORY, error)]
    return history, problems + found
