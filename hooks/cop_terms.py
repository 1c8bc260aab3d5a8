"""Terminology hook (issue 15): the glossary's variants to avoid, in Khmer.

Once per run, after ``cop_model`` has loaded the catalog, every Khmer page and
the Khmer words of the model are checked against ``model/glossary.yml``
(``cop.terms``); a variant, or an English name first mentioned without its
Khmer gloss, stops the build with the file, the line and the preferred term.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from cop import state, terms
from cop.catalog import display
from cop.problems import ContentError


@event_priority(8)  # after cop_model (10), which loads the catalog; before i18n (-100)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    if state.inside_language_loop(config):
        return files  # every language's pages were checked in the first build
    catalog = state.current().catalog
    pages = {display(page, terms.KHMER, catalog.default): text
             for page, text in catalog.texts.get(terms.KHMER, {}).items()}
    problems = terms.check(catalog.model.glossary, pages, Path(config.config_file_path).parent)
    if problems:
        raise PluginError(str(ContentError(problems)))
    return files
