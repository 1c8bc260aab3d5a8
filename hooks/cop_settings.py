"""Settings hook: validate ``extra.cop`` (mkdocs.yml) once per language build.

Runs before every other hook, so each reads the validated object
(``cop.state.settings()``) and none reads the environment. A wrong value stops
the build here, naming the setting, its variable, the value and the allowed
ones. ``config.extra.cop`` is replaced by the validated object, which the
templates read (``overrides/main.html``).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from cop import settings, state


@event_priority(100)  # first: every other hook's on_config may read the settings
def on_config(config: MkDocsConfig) -> None:
    try:
        validated = settings.load(config.extra.get("cop"), config.config_file_path)
    except settings.SettingsError as error:
        raise PluginError(str(error)) from None
    config.extra["cop"] = validated
    state.set_settings(validated)
