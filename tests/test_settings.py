"""The hooks' settings (extra.cop in mkdocs.yml): typed, validated once, named on error."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cop import settings
from cop.settings import SettingsError

ROOT = Path(__file__).resolve().parent.parent


def test_defaults_when_nothing_is_set(tmp_path: Path) -> None:
    s = settings.load({}, str(tmp_path / "mkdocs.yml"))
    assert (s.translations, s.pdfs, s.bundle, s.stock_search, s.source_date_epoch) == ("report", None, None, False, None)


@pytest.mark.parametrize("raw, expected", [("1", True), (1, True), ("true", True), (True, True),
                                           ("0", False), (0, False), ("false", False), (None, False)])
def test_a_flag_reads_what_the_environment_gives(tmp_path: Path, raw: object, expected: bool) -> None:
    assert settings.load({"stock_search": raw}, str(tmp_path / "mkdocs.yml")).stock_search is expected


@pytest.mark.parametrize("raw, name, shown", [
    ({"translations": "fial"}, "extra.cop.translations (set from COP_TRANSLATIONS)", "'fial'"),
    ({"stock_search": "maybe"}, "extra.cop.stock_search (set from COP_STOCK_SEARCH)", "'maybe'"),
    ({"pdfs": "no/such/folder"}, "extra.cop.pdfs (set from COP_PDFS)", "no/such/folder"),
    ({"bundle": "missing.zip"}, "extra.cop.bundle (set from COP_BUNDLE)", "missing.zip"),
    ({"source_date_epoch": "yesterday"}, "extra.cop.source_date_epoch (set from SOURCE_DATE_EPOCH)", "'yesterday'"),
    ({"translation": "fail"}, "extra.cop.translation: unknown setting", "translations"),
])
def test_a_wrong_value_names_the_setting_and_the_value(tmp_path: Path, raw: dict, name: str, shown: str) -> None:
    with pytest.raises(SettingsError) as error:
        settings.load(raw, str(tmp_path / "mkdocs.yml"))
    message = str(error.value)
    assert name in message and shown in message and "Fix:" in message, message


def test_paths_are_relative_to_mkdocs_yml(tmp_path: Path) -> None:
    (tmp_path / "pdf").mkdir()
    s = settings.load({"pdfs": "pdf"}, str(tmp_path / "mkdocs.yml"))
    assert Path(s.pdfs) == tmp_path / "pdf"


def test_every_setting_is_read_from_mkdocs_yml_and_listed_in_the_readme() -> None:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)
                           if isinstance(node, yaml.SequenceNode) else loader.construct_scalar(node))
    Loader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: suffix)
    declared = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)["extra"]["cop"]
    known = [key for key, _ in settings.Settings._schema]
    assert sorted(declared) == sorted(known)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for key in known:
        variable = settings.ENVIRONMENT.get(key)
        assert re.search(rf"\|\s*`{key}`\s*\|\s*`{variable}`", readme), f"README's settings table lacks {key}"


def test_no_hook_reads_the_environment() -> None:
    for path in sorted((ROOT / "hooks").rglob("*.py")):
        assert "os.environ" not in path.read_text(encoding="utf-8") and "getenv" not in path.read_text(encoding="utf-8"), path


def test_a_mistyped_setting_stops_the_real_build(tmp_path: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", COP_TRANSLATIONS="fial")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode != 0
    assert "extra.cop.translations (set from COP_TRANSLATIONS)" in proc.stderr + proc.stdout
    assert "('report', 'fail')" in proc.stderr + proc.stdout
    assert not (tmp_path / "site" / "index.html").exists()
