"""Hook 1 of 2: load the model, read every page in every language, check them.

Runs in ``on_files`` *before* the i18n plugin (priority -100) filters the files
down to one language, because a translation is checked against its original.
Any problem stops the build with every problem listed (file, line, fix).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from cop import catalog as catalog_module
from cop import state
from cop.problems import ContentError


def languages(config: MkDocsConfig) -> tuple[list[str], str, str]:
    """(all languages, default language, language being built) from the i18n plugin."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        raise PluginError("hooks/cop_model.py needs the i18n plugin (mkdocs-static-i18n) in mkdocs.yml")
    langs = [lang.locale for lang in i18n.config.languages if lang.build]
    default = next(lang.locale for lang in i18n.config.languages if lang.default)
    # i18n.current_language is set by i18n's own on_config, which has run by now.
    return langs, default, i18n.current_language or default


def on_config(config: MkDocsConfig) -> None:
    # A new language build begins: forget the previous language's catalog.
    state.reset()


@event_priority(10)  # before i18n's on_files (-100), which drops the other languages
def on_files(files: Files, config: MkDocsConfig) -> Files:
    langs, default, current = languages(config)
    root = Path(config.config_file_path).parent
    markdown = [f.src_uri for f in files if f.is_documentation_page()]
    catalog, problems = catalog_module.build(root, Path(config.docs_dir), markdown, langs, default)
    if problems:
        raise PluginError(str(ContentError(problems)))
    state.set_current(state.Build(catalog, current))
    return files
