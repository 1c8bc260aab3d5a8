"""Shared fixtures: real builds of the real site.

Each is made once per test run, even when pytest-xdist spreads the tests over
several processes (:func:`shared`), and only the tests that only read it use it:

- ``site``: ``mkdocs build --strict`` with no option set;
- ``pdfs``: the checklist PDFs, printed from ``site`` by ``scripts/pdf.py``;
- ``bundle``: the offline zip made by ``scripts/bundle.py`` (and
  ``offline_site``, the zip unzipped);
- ``templates``: the editable templates (DOCX) made by ``scripts/templates.py``;
- ``full_site``: the strict build with every option on: the site address
  (``COP_SITE_URL``), the PDFs (``COP_PDFS``), the templates
  (``COP_TEMPLATES``) and the zip (``COP_BUNDLE``), made by the release
  command (``scripts/release.py``) from ``pdfs``, ``templates`` and
  ``bundle``, so the release is tested on the build the other tests read.

``project`` copies the project into a temporary folder so a test can break
something on purpose and build that copy.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent

# The same project copy the benchmark's corpus starts from (tests/corpus.py).
from corpus import copy_project

from cop import downloads


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


def run_script(*args: str, timeout: int = 600) -> None:
    """``python scripts/...`` in the project, as the README documents it; a
    failure shows its output."""
    proc = subprocess.run([sys.executable, *args], cwd=ROOT, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
                          capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, f"{args[0]} failed:\n{proc.stdout}{proc.stderr}"


def shared(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """``make(folder)`` once per test run: with pytest-xdist, the first process
    that needs it makes it under a lock and the others wait for it and reuse it
    (the pattern pytest-xdist documents for session fixtures)."""
    base = factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # shared by the workers of this run
    out, done = base / name, base / f"{name}.done"
    with open(base / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            if out.exists():
                shutil.rmtree(out)  # a failed attempt
            make(out)
            done.touch()
    return out


@pytest.fixture(scope="session", autouse=True)
def check_results_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The run's builds share their check results (cop/memo.py) in a folder of
    the run's own, as an editor's builds share the user's cache: the many
    builds of a nearly unchanged project check only what each one changed.
    A run never reads what an earlier run left (a folder set by the caller,
    ``COP_CACHE_DIR``, is used as it is)."""
    if "COP_CACHE_DIR" in os.environ:
        yield
        return
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # shared by the workers of this run
    os.environ["COP_CACHE_DIR"] = str(base / "cop-cache")
    yield
    os.environ.pop("COP_CACHE_DIR", None)


# The order in which pytest-xdist hands out test files (scripts/test passes
# --dist loadfile --no-loadscope-reorder, so it keeps this order). The file that
# needs the longest chain of session builds goes first: one process makes the
# site, the PDFs, the zip and the release (about a minute) while the other
# runs the harness cases, which need no build; by the time the other files
# ask for those builds they are done, and no process waits on a lock. Then
# the files with the most tests, as pytest-xdist orders them by default.
FIRST = ("test_release.py", "test_hostile_input.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    counts = Counter(item.path.name for item in items)

    def rank(item: pytest.Item) -> tuple[int, int, str]:
        name = item.path.name
        return (FIRST.index(name) if name in FIRST else len(FIRST), -counts[name], name)
    items.sort(key=rank)  # stable: a file's tests keep their order


# The site address of full_site.
SITE_URL = "https://example.org/cop/"


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def make(out: Path) -> None:
        result = mkdocs_build(ROOT, out)
        assert result.returncode == 0, f"the strict build of the real site failed:\n{result.output}"
    return shared(tmp_path_factory, "site", make)


@pytest.fixture(scope="session")
def pdfs(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The checklist PDFs, made by the documented command from the built site."""
    def make(out: Path) -> None:
        run_script("scripts/pdf.py", "--site", str(site), "--out", str(out))
    return shared(tmp_path_factory, "pdf", make)


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline zip, made by the documented command (scripts/bundle.py)."""
    def make(out: Path) -> None:
        run_script("scripts/bundle.py", "--out", str(out))
    return shared(tmp_path_factory, "bundle", make) / f"{downloads.BUNDLE_NAME}.zip"


@pytest.fixture(scope="session")
def offline_site(bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline copy as a reader gets it: the zip, unzipped."""
    import zipfile

    def make(out: Path) -> None:
        with zipfile.ZipFile(bundle) as archive:
            archive.extractall(out)
    return shared(tmp_path_factory, "unzipped", make) / downloads.BUNDLE_NAME


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The editable templates, made by the documented command (scripts/templates.py)."""
    def make(out: Path) -> None:
        run_script("scripts/templates.py", "--out", str(out))
    return shared(tmp_path_factory, "templates", make)


@pytest.fixture(scope="session")
def full_site(pdfs: Path, bundle: Path, templates: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The release, with every option on: site address, PDFs, templates, offline zip."""
    def make(out: Path) -> None:
        run_script("scripts/release.py", "--site-url", SITE_URL, "--out", str(out),
                   "--pdfs", str(pdfs), "--bundle", str(bundle), "--templates", str(templates), timeout=900)
    return shared(tmp_path_factory, "full-site", make)


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


# A project edited in ways that do not touch each other, built once (strict,
# and it must pass) for the tests that read what the edits give:
#   test_languages.py: [[ID]] references in both languages; a page with no
#     Khmer file (roles/educators) shown in English with a notice;
#   test_templates.py: a site's own list template; a role name with "&" and "<".
EDITED_ROLE_NAME = "Trust & safety < 18"


def edit_project(project: Project) -> None:
    project.write("docs/about.md", project.read("docs/about.md")
                  + "\nSee [[SM-03]], [[trust-safety|the moderators]] and [[csam-response]]; `[[SM-03]]` stays code.\n")
    project.write("docs/about.km.md", project.read("docs/about.km.md") + "\nសូមមើល [[SM-03]] និង [[trust-safety]]។\n")
    project.path("docs/roles/educators.km.md").unlink()
    project.replace("overrides/partials/cop/list.html", "<ul>", '<ul class="site-list">')
    project.replace("docs/roles/trust-safety.md", "# Trust and safety", f"# {EDITED_ROLE_NAME}")


@pytest.fixture(scope="session")
def edited(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The project with the edits of :func:`edit_project`, built into ``site/``."""
    def make(out: Path) -> None:
        project = Project(copy_project(out))
        edit_project(project)
        result = project.build()
        assert result.returncode == 0, f"the edited project does not build:\n{result.output[-3000:]}"
    return Project(shared(tmp_path_factory, "edited", make))


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
from browser import CHROMIUM, CHROMIUM_FLAGS, serve


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
