"""Model hook: load the model, read every page in every language, check them.

Runs in ``on_files`` *before* the i18n plugin (priority -100) filters the files
down to one language, because a translation is checked against its original.
Any problem stops the build with every problem listed (file, line, fix): the
model and the pages (``cop.catalog``), content safety (``cop.safety``) and,
when the ``translations`` setting is ``fail`` (``COP_TRANSLATIONS=fail``,
``scripts/check --release``), missing or outdated translations
(``cop.translation``). The catalog is kept for the next language build and for
``mkdocs serve`` while no page or model file changes.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from cop import catalog as catalog_module
from cop import gate, state, yamlfile
from cop.catalog import Catalog
from cop.problems import ContentError
from cop import translation
from cop.translation import MISSING, OUTDATED, Status

log = logging.getLogger("mkdocs.hooks.cop_model")

# The last catalog built, with the inputs it was built from. The i18n plugin
# runs one build per language on the same sources: the second language reuses
# the catalog instead of reading and checking everything again. Any change to
# a page or the model (mkdocs serve) changes the key, so nothing stale is used.
_last: tuple[tuple, Catalog] | None = None


@event_priority(0)  # after cop_settings (100); any order among the others
def on_config(config: MkDocsConfig) -> None:
    # A new language build begins: forget the previous language's catalog.
    state.reset()


@event_priority(10)  # before i18n's on_files (-100), which drops the other languages
def on_files(files: Files, config: MkDocsConfig) -> Files:
    langs, default, current = state.languages(config)
    root = Path(config.config_file_path).parent
    markdown = [f.src_uri for f in files if f.is_documentation_page()]
    key = _inputs(root, Path(config.docs_dir), markdown, langs, default)
    global _last
    if _last is not None and _last[0] == key:
        catalog, problems = _last[1], []
    else:
        try:
            catalog, problems = catalog_module.build(root, Path(config.docs_dir), markdown, langs, default)
        except ContentError:
            raise  # a PluginError that carries its problems (scripts/check.py reads them)
        except Exception as error:  # no input may end in a traceback (issue 12)
            raise PluginError(f"The guidelines could not be read: {type(error).__name__}: {error}\n"
                              "    Fix: undo your last change to model/ or docs/ and report this message: "
                              "the build should have named the mistake") from None
    if any(yamlfile.is_syntax(p) for p in problems):
        raise ContentError(problems)  # only the syntax errors: nothing after them is sure
    if not state.inside_language_loop(config):
        # Once per run: every language's files are read in every language build.
        problems += gate.content_problems(catalog, Path(config.docs_dir), tuple(state.settings().allowed_html))
    # "fail": missing or outdated translations stop the build (releases);
    # "report": they are only reported (everyday pull requests).
    release = state.settings().translations == "fail"
    for status in catalog.translations.values():
        if release:
            problems += status.problems()
        elif current == default and not state.inside_language_loop(config):
            _summary(status)
    if problems:
        raise ContentError(problems)
    _last = (key, catalog)
    state.set_current(state.Build(catalog, current))
    return files


def _inputs(root: Path, docs_dir: Path, markdown: list[str], langs: list[str], default: str) -> tuple:
    """What the catalog is built from: every page and model file, with its
    size and modification time (a stat each; no file is read)."""
    paths = [docs_dir / uri for uri in markdown] + sorted((root / "model").glob("*.yml"))
    # The repository's documents translated like pages (CONTRIBUTING.md, .km.md).
    paths += sorted(p for name in translation.DOCUMENTS for p in root.glob(name.removesuffix(".md") + "*.md"))
    stats = tuple((str(p), s.st_size, s.st_mtime_ns) for p in paths for s in [p.stat()])
    return (str(root), str(docs_dir), tuple(langs), default, stats)


def _summary(status: Status) -> None:
    """One line in the build log; the details are on the translation status page."""
    stale = status.count(OUTDATED, False) + status.count(OUTDATED, True)
    missing = status.count(MISSING, False) + status.count(MISSING, True)
    if stale or missing:
        log.info(f"Translations ({status.lang}): {stale} outdated, {missing} missing "
                 f"(see maintainers/translations/, or run scripts/check)")
