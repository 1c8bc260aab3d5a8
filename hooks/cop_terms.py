"""Terminology hook: every Khmer text the site ships, checked against the glossary.

Once per run, after ``cop_model`` has loaded the catalog, ``cop.terms.check_all``
reads every Khmer page, CONTRIBUTING.km.md and the Khmer strings of the model,
the labels, the history, ``mkdocs.yml`` and the theme against
``model/glossary.yml``; a variant to avoid, an English word left in Khmer
prose, a number written against the style and the like stop the build with
the file, the line and the form to write.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
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
    problems = terms.check_all(catalog.model.glossary, Path(config.config_file_path).parent, pages)
    if problems:
        raise ContentError(problems)
    return files
