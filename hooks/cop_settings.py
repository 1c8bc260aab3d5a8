"""Settings hook: validate ``extra.cop`` (mkdocs.yml) once per language build.

Runs before every other hook, so each reads the validated object
(``cop.state.settings()``) and none reads the environment. A wrong value stops
the build here, naming the setting, its variable, the value and the allowed
ones. ``config.extra.cop`` is replaced by the validated object, which the
templates read (``overrides/main.html``). The settings that change MkDocs'
own configuration are applied here too ("edit this page").
"""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files, InclusionLevel

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
    langs, _default, _lang = state.languages(config)
    if validated.preview is not None and validated.preview not in langs:
        raise ContentError([Problem("mkdocs.yml", None,
                                    f"extra.cop.preview (set from COP_PREVIEW) is {validated.preview!r}, "
                                    f"which is not a language of this site",
                                    f"use one of {', '.join(langs)}, or leave COP_PREVIEW unset for the whole site")])
    if validated.preview is not None and validated.release:
        raise ContentError([Problem("mkdocs.yml", None,
                                    "a release build (translations: fail) cannot be a one-language preview",
                                    "unset COP_PREVIEW: a release builds and checks every language")])
    config.extra["cop"] = validated
    state.set_settings(validated)
    _edit_links(config, validated.repo_url)


@event_priority(-200)  # last: every hook has seen this language's files (after i18n, -100)
@guarded("cop_settings")
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """A one-language preview: the other languages' pages are not built.
    Their build still runs (the i18n plugin and the hooks expect every
    language), with its assets and no pages, so the previewed language's
    pages come out exactly as in a whole build."""
    preview = state.settings().preview
    if preview is None or preview == state.languages(config)[2]:
        return files
    for file in files.documentation_pages():
        file.inclusion = InclusionLevel.EXCLUDED
    # MkDocs names each left-out page that the navigation lists; in a
    # preview that is expected, so it is not repeated on every rebuild.
    logging.getLogger("mkdocs.structure.nav").addFilter(_quiet_excluded)
    return files


def _quiet_excluded(record: logging.LogRecord) -> bool:
    return "is excluded from the built site" not in record.getMessage()


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
