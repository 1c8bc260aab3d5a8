"""Shared fixtures: real builds of the real site.

``site`` builds the project once per test session with ``mkdocs build --strict``.
``project`` copies the project into a temporary folder so a test can break
something on purpose and build that copy.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent

# scripts/ is on pytest's pythonpath (pyproject.toml): the same project copy
# the benchmark's corpus starts from.
from corpus import copy_project


@dataclass
class Result:
    returncode: int
    output: str
    site: Path


def mkdocs_build(root: Path, site: Path, **environ: str) -> Result:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **environ)
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(site)],
        cwd=root, env=env, capture_output=True, text=True, timeout=600,
    )
    return Result(proc.returncode, proc.stdout + proc.stderr, site)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    result = mkdocs_build(ROOT, out)
    assert result.returncode == 0, f"the strict build of the real site failed:\n{result.output}"
    return out


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline zip, made by the documented command (scripts/bundle.py)."""
    out = tmp_path_factory.mktemp("bundle")
    proc = subprocess.run([sys.executable, "scripts/bundle.py", "--out", str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, f"scripts/bundle.py failed:\n{proc.stdout}{proc.stderr}"
    return out / "cop-guidelines-offline.zip"


@pytest.fixture(scope="session")
def offline_site(bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline copy as a reader gets it: the zip, unzipped."""
    import zipfile

    out = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(out)
    return out / "cop-guidelines-offline"


class Project:
    """A throw-away copy of the project to break on purpose."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, relative: str) -> Path:
        return self.root / relative

    def read(self, relative: str) -> str:
        return self.path(relative).read_text(encoding="utf-8")

    def write(self, relative: str, text: str) -> None:
        target = self.path(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def replace(self, relative: str, old: str, new: str, count: int = 1) -> None:
        text = self.read(relative)
        assert old in text, f"{old!r} not found in {relative}: the test's fixture is out of date"
        self.write(relative, text.replace(old, new, count))

    def line_of(self, relative: str, needle: str) -> int:
        for number, line in enumerate(self.read(relative).splitlines(), start=1):
            if needle in line:
                return number
        raise AssertionError(f"{needle!r} not in {relative}")

    def build(self) -> Result:
        return mkdocs_build(self.root, self.root / "site")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(copy_project(tmp_path))


@pytest.fixture(scope="session")
def structure() -> dict:
    """The model as plain YAML, read independently of the hooks: the oracle."""
    taxonomy = yaml.safe_load((ROOT / "model/taxonomy.yml").read_text(encoding="utf-8"))
    commitments = yaml.safe_load((ROOT / "model/commitments.yml").read_text(encoding="utf-8"))
    sectors = [s["id"] for s in taxonomy["sectors"]]
    for entry in commitments.values():
        if entry["sectors"] == "all":
            entry["sectors"] = list(sectors)
        entry.setdefault("partners", [])
    return {
        "roles": [r["id"] for r in taxonomy["roles"]],
        "sectors": sectors,
        "key_areas": [k["id"] for k in taxonomy["key_areas"]],
        "commitments": commitments,
    }


LANGS = {"en": "", "km": "km/"}


def page_path(site: Path, lang: str, page: str) -> Path:
    """Built file of a source page (``roles/x.md``) in a language."""
    stem = page[:-3]
    if stem == "index":
        rel = "index.html"
    elif stem.endswith("/index"):
        rel = stem[: -len("index")] + "index.html"
    else:
        rel = stem + "/index.html"
    return site / LANGS[lang] / rel


# --- Browser fixtures: the built site over HTTP, in Debian's Chromium -------
from browser import CHROMIUM, CHROMIUM_FLAGS, serve  # scripts/ (pytest's pythonpath)
from typing import Iterator


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[str]:
    yield from serve(site)


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (scripts/test does)")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 390, "height": 844})
    tab = context.new_page()
    yield tab
    context.close()
