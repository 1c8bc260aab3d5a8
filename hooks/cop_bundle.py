"""Offline bundle hook: publish the zip made by scripts/bundle.py with the site.

When COP_BUNDLE names the zip, it is copied to ``downloads/`` of the built
site and the ``<!-- cop:offline-bundle -->`` block links to it with its size;
without it, the block says how to make one. Nothing happens at import time.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from cop.state import inside_language_loop

ENV = "COP_BUNDLE"
TARGET = "downloads/cop-guidelines-offline.zip"


def on_config(config: MkDocsConfig) -> None:
    source = os.environ.get(ENV)
    config.extra["offline_bundle"] = None
    if not source:
        return
    path = Path(source)
    if not path.is_file():
        raise PluginError(f"{ENV}={source}: no such file. Build it first: .venv/bin/python scripts/bundle.py")
    config.extra["offline_bundle"] = {"source": str(path.resolve()), "href": TARGET, "bytes": path.stat().st_size}


@event_priority(-200)  # after i18n has built every language into the site
def on_post_build(config: MkDocsConfig) -> None:
    bundle = config.extra.get("offline_bundle")
    if not bundle or inside_language_loop(config):
        return
    target = Path(config.site_dir) / TARGET
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(bundle["source"], target)
