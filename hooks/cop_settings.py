"""Settings hook: validate ``extra.cop`` (mkdocs.yml) once per language build.

Runs before every other hook, so each reads the validated object
(``cop.state.settings()``) and none reads the environment. A wrong value stops
the build here, naming the setting, its variable, the value and the allowed
ones. ``config.extra.cop`` is replaced by the validated object, which the
templates read (``overrides/main.html``). The settings that change MkDocs'
own configuration are applied here too ("edit this page").
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from cop import settings, state
from cop.guard import guarded
from cop.problems import ContentError, Problem

EDIT_FEATURE = "content.action.edit"


@event_priority(100)  # first: every other hook's on_config may read the settings
@guarded("cop_settings")
def on_config(config: MkDocsConfig) -> None:
    try:
        validated = settings.load(config.extra.get("cop"), config.config_file_path)
    except settings.SettingsError as error:
        raise ContentError([Problem("mkdocs.yml", None, line.split(". Fix: ")[0].removeprefix("mkdocs.yml: "),
                                    line.split(". Fix: ", 1)[1] if ". Fix: " in line else "see README.md, Settings")
                            for line in str(error).splitlines()]) from None
    config.extra["cop"] = validated
    state.set_settings(validated)
    _edit_links(config, validated.repo_url)


def _edit_links(config: MkDocsConfig, repo: str | None) -> None:
    """"Edit this page" with the repository's address: an absolute edit_uri
    and no repo_url, which would make Material's header ask GitHub's API for
    the repository's stars (a third-party request). MkDocs then links each
    page to edit_uri + its own source file: docs/x.km.md for a Khmer page."""
    features = config.theme["features"]
    if repo:
        config["edit_uri"] = repo.rstrip("/") + "/edit/main/docs/"
        if EDIT_FEATURE not in features:
            features.append(EDIT_FEATURE)
    else:
        config["edit_uri"] = None
        if EDIT_FEATURE in features:
            features.remove(EDIT_FEATURE)
