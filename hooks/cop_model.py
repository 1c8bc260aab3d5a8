"""Model hook: the sources, read and checked once per run, before anything is built.

- ``on_config``: a new language build begins; its state is forgotten, and the
  Khmer rules are read again if their file changed (``mkdocs serve``).
- ``on_pre_build``: no symbolic link under ``docs/``, ``model/`` or the theme's
  folder, before MkDocs walks those folders (it follows links).
- ``on_files``, *before* the i18n plugin (priority -100) drops the other
  languages, because a translation is checked against its original: the
  catalog (the model and every page of every language, ``cop.catalog``), then
  every source check in one pass (``cop.checks``: content safety, citations,
  terminology, exports, the change history, and, with ``translations: fail``,
  the translation status). Any problem stops the build with all of them. The
  second language build of a run reuses the result (``state.caches``), keyed
  by every input file, so ``mkdocs serve`` never uses a stale one.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from cop import catalog as catalog_module
from cop import checks, gate, khmer, state, translation, yamlfile
from cop.guard import guarded, unexpected
from cop.problems import ContentError
from cop.translation import MISSING, OUTDATED, Status

log = logging.getLogger("mkdocs.hooks.cop_model")
MODEL = "model"


@event_priority(0)  # after cop_settings (100); before cop_pages (-10), which registers its extension in the new state
@guarded("cop_model")
def on_config(config: MkDocsConfig) -> None:
    state.reset()
    khmer.reload_if_changed()


@event_priority(100)  # before any other plugin reads a file
@guarded("cop_model")
def on_pre_build(config: MkDocsConfig) -> None:
    root = Path(config.config_file_path).parent
    folders = [Path(config.docs_dir), root / MODEL] + [Path(d) for d in [config.theme.custom_dir] if d]
    problems = gate.symlinks(root, folders)
    if problems:
        raise ContentError(problems)


@event_priority(10)  # before i18n's on_files (-100), which drops the other languages
@guarded("cop_model")
def on_files(files: Files, config: MkDocsConfig) -> Files:
    langs, default, current = state.languages(config)
    root = Path(config.config_file_path).parent
    docs_dir = Path(config.docs_dir)
    settings = state.settings()
    options = checks.Options(tuple(settings.allowed_html), settings.release)
    markdown = [f.src_uri for f in files if f.is_documentation_page()]
    key = (_inputs(root, docs_dir, markdown), tuple(langs), default, options)
    cached = state.caches.catalog
    if cached is not None and cached[0] == key:
        _, catalog, history, problems = cached
    else:
        try:
            catalog, problems = catalog_module.build(root, docs_dir, markdown, langs, default)
        except ContentError:
            raise  # carries its problems (scripts/check.py reads them)
        except Exception as error:  # noqa: BLE001  (no input may end in a traceback)
            raise ContentError([unexpected("hooks/cop_model.py, reading the model and pages", "model/ or docs/",
                                           error)]) from error
        if any(yamlfile.is_syntax(p) for p in problems):
            raise ContentError(problems)  # only the syntax errors: nothing after them is sure
        if not options.release:  # a release checks everything afresh
            state.caches.checked.load(settings.cache)
        history, found = checks.run(catalog, root, docs_dir, options, state.caches.checked)
        state.caches.checked.save(settings.cache)
        problems = problems + found
        state.caches.catalog = (key, catalog, history, problems)
    if problems:
        raise ContentError(problems)
    if current == default and not state.inside_language_loop(config) and not options.release:
        for status in catalog.translations.values():
            _summary(status)
    build = state.Build(catalog, current)
    build.history = history
    state.set_current(build)
    return files


def _inputs(root: Path, docs_dir: Path, markdown: list[str]) -> tuple:
    """What the checks read: every page and model file, the Khmer rules, the
    project files whose Khmer is checked, and the other files under docs/,
    each with its size and modification time (a stat each; no file is read)."""
    paths = [docs_dir / uri for uri in markdown] + sorted((root / MODEL).glob("*"))
    paths += [root / "pyproject.toml", root / "mkdocs.yml", khmer.RULES_FILE]
    # The repository's documents translated like pages (CONTRIBUTING.md, .km.md).
    paths += sorted(p for name in translation.DOCUMENTS for p in root.glob(name.removesuffix(".md") + "*.md"))
    paths += sorted(root.glob("overrides/partials/languages/*.html"))
    paths += sorted(p for p in docs_dir.rglob("*") if p.suffix != ".md")
    stats = tuple((str(p), s.st_size, s.st_mtime_ns) for p in paths if p.exists() for s in [p.stat()])
    return (str(root), str(docs_dir), stats)


def _summary(status: Status) -> None:
    """One line in the build log; the details are on the translation status page."""
    stale = status.count(OUTDATED, False) + status.count(OUTDATED, True)
    missing = status.count(MISSING, False) + status.count(MISSING, True)
    if stale or missing:
        log.info(f"Translations ({status.lang}): {stale} outdated, {missing} missing "
                 f"(see maintainers/translations/, or run scripts/check)")
