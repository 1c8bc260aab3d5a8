"""Offline bundle hook: publish the zip made by scripts/bundle.py with the site.

When the ``bundle`` setting (``COP_BUNDLE``) names the zip, it is copied to
``downloads/`` of the built site and the ``<!-- cop:offline-bundle -->`` block
links to it with its size; without it, the block says how to make one. A path
that is not a file stops the build in hooks/cop_settings.py. Nothing happens at
import time.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from cop import downloads, state
from cop.state import inside_language_loop


@event_priority(5)  # after hooks/cop_model.py (10) has started this language's build state
def on_files(files: Files, config: MkDocsConfig) -> Files:
    source = state.settings().bundle
    if source:
        path = Path(source)
        state.current().bundle = {"source": str(path.resolve()), "href": downloads.BUNDLE_TARGET, "bytes": path.stat().st_size}
    return files


@event_priority(-200)  # after i18n has built every language into the site
def on_post_build(config: MkDocsConfig) -> None:
    bundle = state.current().bundle
    if not bundle or inside_language_loop(config):
        return
    target = Path(config.site_dir) / downloads.BUNDLE_TARGET
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(bundle["source"], target)
