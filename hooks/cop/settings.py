"""The hooks' settings: one typed object, validated once per language build.

They live in ``mkdocs.yml`` under ``extra.cop``; the ones a publisher sets from
the environment use ``!ENV`` there, so the environment variable names below are
the documented interface and no hook reads the environment. Validation uses
MkDocs' own ``config_options``, in the way Material's plugins declare theirs
(``material/plugins/*/config.py``): a wrong value stops the build with the
setting's name, its variable, the value and the allowed ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config, ValidationError

# Setting -> the environment variable mkdocs.yml reads it from (README's table).
ENVIRONMENT = {
    "translations": "COP_TRANSLATIONS",
    "pdfs": "COP_PDFS",
    "bundle": "COP_BUNDLE",
    "templates": "COP_TEMPLATES",
    "stock_search": "COP_STOCK_SEARCH",
    "source_date_epoch": "SOURCE_DATE_EPOCH",
    "repo_url": "COP_REPO_URL",
    "preview": "COP_PREVIEW",
    "cache": "COP_CACHE_DIR",
}


class Flag(opt.BaseConfigOption[bool]):
    """A yes/no setting. ``!ENV`` hands over the variable as YAML would read it
    (``1`` is an integer, ``true`` a boolean), so both spellings are accepted;
    anything else is an error rather than a silent "no"."""

    TRUE = {"true", "yes", "on", "1"}
    FALSE = {"false", "no", "off", "0", ""}

    def __init__(self, default: bool = False) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> bool:
        text = str(value).strip().lower() if value is not None else ""
        if isinstance(value, bool):
            return value
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValidationError(f"expected one of true, false, 1, 0 but received: {value!r}")


class Epoch(opt.BaseConfigOption["int | None"]):
    """A Unix time in seconds (reproducible builds), or unset."""

    def run_validation(self, value: object) -> int | None:
        if value is None or str(value).strip() == "":
            return None
        text = str(value).strip()
        if not text.isdigit():
            raise ValidationError(f"expected a whole number of seconds since 1970 but received: {value!r}")
        return int(text)


class CacheFolder(opt.BaseConfigOption["str | None"]):
    """Where check results are kept between runs (cop/memo.py): a folder
    (relative to mkdocs.yml, or absolute), ``off`` for none, or unset for the
    user's cache folder, ``~/.cache/cop-guidelines``."""

    def run_validation(self, value: object) -> str | None:
        if isinstance(value, bool):  # !ENV reads "off" and "on" as YAML 1.1 booleans
            value = "off" if not value else None
        text = "" if value is None else str(value).strip()
        if text.lower() == "off":
            return None
        if not text:
            return str(Path.home() / ".cache" / "cop-guidelines")
        folder = Path(text).expanduser()
        if not folder.is_absolute() and self.config_dir:
            folder = Path(self.config_dir) / folder
        if folder.exists() and not folder.is_dir():
            raise ValidationError(f"expected a folder, or off, but {str(folder)!r} is a file")
        return str(folder)

    def __init__(self) -> None:
        super().__init__()
        self.config_dir: str | None = None

    def pre_validation(self, config: Config, key_name: str) -> None:
        # As MkDocs' own Dir option does: a relative path is relative to mkdocs.yml.
        self.config_dir = str(Path(config.config_file_path).parent) if config.config_file_path else None


class Settings(Config):
    # "fail": missing or outdated translations stop the build (releases,
    # scripts/check --release); "report": they are listed (pull requests).
    translations = opt.Choice(("report", "fail"), default="report")
    # The folder scripts/pdf.py wrote; its PDFs are published and linked.
    pdfs = opt.Optional(opt.Dir(exists=True))
    # The zip scripts/bundle.py wrote; it is published and linked.
    bundle = opt.Optional(opt.File(exists=True))
    # The folder scripts/templates.py wrote (<lang>/<name>.docx); each
    # template page links to its editable document.
    templates = opt.Optional(opt.Dir(exists=True))
    # Material's own search worker instead of ours (benchmarks compare them).
    stock_search = Flag(default=False)
    # Fixed date for the exports (reproducible builds, scripts/bundle.py).
    source_date_epoch = Epoch()
    # HTML files under docs/ published as they are (paths relative to
    # docs/). None by default: a page is Markdown, so the output gate checks it.
    allowed_html = opt.ListOfItems(opt.Type(str), default=[])
    # The repository's address (https://github.com/OWNER/REPO); with
    # it every page links to its own source file on the main branch ("edit
    # this page"). Unset: no edit links.
    repo_url = opt.Optional(opt.URL())
    # One language's pages only (``bash scripts/serve km``): an editor's
    # preview in about half a build. The other language's pages are left out
    # (hooks/cop_settings.py), so nothing of it is published or checked;
    # scripts/check.py and scripts/release.py build every language whatever
    # it says, and a release build (translations: fail) refuses it.
    preview = opt.Optional(opt.Type(str))
    # Where each page's check results are kept for the next run (cop/memo.py):
    # the user's cache folder unless set; "off" keeps them for this run only.
    # Never in the project: a committed file could vouch for a hostile page.
    cache = CacheFolder()

    @property
    def release(self) -> bool:
        """A release build: every translation must be in line, and nothing is
        answered from the cache folder (every page is checked and indexed
        afresh, every template compiled)."""
        return self.translations == "fail"


class SettingsError(Exception):
    """Every wrong setting, each with its name, variable, value and what is allowed."""


def load(raw: Any, config_file_path: str | None) -> Settings:
    """``extra.cop`` validated; raises SettingsError naming every wrong setting."""
    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping):  # a dict, or the Settings of an earlier language build
        raise SettingsError(f"mkdocs.yml: extra.cop must be a mapping of settings, not {type(raw).__name__}. "
                            f"Fix: see the settings table in README.md")
    settings = Settings(config_file_path=config_file_path)
    settings.load_dict(dict(raw))
    failed, _warnings = settings.validate()
    # MkDocs only warns about an unknown key; a misspelt setting must not be ignored.
    known = sorted(key for key, _ in Settings._schema)
    lines = [_message(key, error) for key, error in failed]
    lines += [f"mkdocs.yml: extra.cop.{key}: unknown setting. Fix: use one of {', '.join(known)}"
              for key in sorted(set(raw) - set(known))]
    if lines:
        raise SettingsError("\n".join(lines))
    return settings


def _message(key: str, error: Exception) -> str:
    variable = ENVIRONMENT.get(key)
    origin = f" (set from {variable})" if variable else ""
    return f"mkdocs.yml: extra.cop.{key}{origin}: {error}. Fix: correct the value; README.md lists the settings"
