"""Check results kept between runs (cop/memo.py): answered only for the same
inputs checked by the same engine, never from the project, and a build with
a warm cache is the build with a cold one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Project, mkdocs_build
from cop import settings
from cop.memo import FILE, SEARCH, Memo, search_store
from cop.problems import Problem

INPUTS = ("gate", "docs/about.md", "en", "km", (), "# About\n")
FOUND = [Problem("docs/about.md", 3, "a problem", "its fix")]


def kept_in(folder: Path) -> None:
    """A run that checked INPUTS, found FOUND and kept it in ``folder``."""
    memo = Memo()
    memo[INPUTS] = FOUND
    memo.save(folder)


def read_from(folder: Path) -> Memo:
    """A new run's memory, loaded from ``folder``."""
    memo = Memo()
    memo.load(folder)
    return memo


def test_results_come_back_for_the_same_inputs_and_engine_only(tmp_path: Path) -> None:
    kept_in(tmp_path)
    again = read_from(tmp_path)
    assert again.get(INPUTS) == FOUND
    assert again.get(INPUTS[:-1] + ("# About us\n",)) is None, "a changed text is never answered"

    data = json.loads((tmp_path / FILE).read_text(encoding="utf-8"))
    (tmp_path / FILE).write_text(json.dumps({**data, "engine": "another engine"}), encoding="utf-8")
    assert read_from(tmp_path).get(INPUTS) is None, "results of other code are not used"

    (tmp_path / FILE).write_text("{ not json", encoding="utf-8")
    assert read_from(tmp_path).get(INPUTS) is None, "an unreadable file only costs time"


def test_inputs_that_differ_never_share_a_result() -> None:
    kept = Memo()
    kept[("ab", "c")] = FOUND
    assert kept.get(("a", "bc")) is None, "parts are kept apart, not run together"
    assert kept.get(("ab", ("c",))) is None and kept.get(("ab", "c", None)) is None
    kept[(Problem("a", 1, "b", "c"),)] = []
    assert kept.get((Problem("a", 1, "b", "c"),)) == []
    assert kept.get((Problem("a", 2, "b", "c"),)) is None, "every field of a dataclass counts"


def test_only_what_this_process_used_is_kept(tmp_path: Path) -> None:
    kept_in(tmp_path)
    second = read_from(tmp_path)
    second[("gate", "docs/help.md")] = []
    second.save(tmp_path)
    third = read_from(tmp_path)
    assert third.get(("gate", "docs/help.md")) == []
    assert third.get(INPUTS) is None, "an entry no build used since is dropped"


def test_search_entries_come_back_and_an_unchanged_run_leaves_the_file_alone(tmp_path: Path) -> None:
    entry = ("ឯកជនភាព", "ឯកជនភាព​ទិន្នន័យ", ["ឯកជនភាព", "ឯកជនភាព", "ទិន្នន័យ"])
    first = search_store()
    assert first.answer(("search", "t", "x"), lambda: entry) == entry
    first.save(tmp_path)
    second = search_store()
    second.load(tmp_path)
    assert second.answer(("search", "t", "x"), lambda: pytest.fail("answered again, not from the file")) == entry
    (tmp_path / SEARCH).touch()
    touched = (tmp_path / SEARCH).stat().st_mtime_ns
    second.save(tmp_path)
    assert (tmp_path / SEARCH).stat().st_mtime_ns == touched, "nothing new: the file is not written again"
    second.answer(("search", "t", "y"), lambda: entry)
    second.save(tmp_path)
    assert len(json.loads((tmp_path / SEARCH).read_text(encoding="utf-8"))["found"]) == 2, "a new entry is written"


def test_compiled_templates_are_kept_and_an_edited_template_is_compiled_again(tmp_path: Path) -> None:
    from jinja2 import Environment, FileSystemLoader

    from cop.templates import CompiledTemplates

    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "page.html").write_text("<p>{{ word }}</p>", encoding="utf-8")

    def run() -> tuple[str, int]:
        """A new process's environment: the page rendered, and how many templates it compiled."""
        kept = CompiledTemplates()
        kept.folder = tmp_path / "compiled"
        env = Environment(loader=FileSystemLoader(str(tmp_path / "t")), bytecode_cache=kept)
        compiled = 0
        compile_ = env.compile

        def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
            nonlocal compiled
            compiled += 1
            return compile_(*args, **kwargs)

        env.compile = counting  # type: ignore[method-assign]
        return env.get_template("page.html").render(word="ឯកជនភាព"), compiled

    assert run() == ("<p>ឯកជនភាព</p>", 1)
    assert run() == ("<p>ឯកជនភាព</p>", 0), "the next run reads the compiled template"
    (tmp_path / "t" / "page.html").write_text("<h1>{{ word }}</h1>", encoding="utf-8")
    assert run() == ("<h1>ឯកជនភាព</h1>", 1), "an edited template is compiled afresh"
    for path in (tmp_path / "compiled").iterdir():
        path.write_bytes(b"damaged")
    assert run() == ("<h1>ឯកជនភាព</h1>", 1), "a damaged file only costs a compilation"


def test_the_folder_is_the_users_cache_never_the_project(tmp_path: Path) -> None:
    config = str(tmp_path / "mkdocs.yml")
    assert settings.load({"cache": "off"}, config).cache is None
    assert settings.load({"cache": False}, config).cache is None, "COP_CACHE_DIR=off, as !ENV reads it"
    assert settings.load({"cache": "here"}, config).cache == str(tmp_path / "here")
    assert settings.load({}, config).cache == str(Path.home() / ".cache" / "cop-guidelines")
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    with pytest.raises(settings.SettingsError, match="extra.cop.cache .set from COP_CACHE_DIR.: expected a folder"):
        settings.load({"cache": "a-file"}, config)


def test_a_warm_cache_builds_the_same_site_and_checks_a_changed_page_again(
        project: Project, tmp_path_factory: pytest.TempPathFactory) -> None:
    tmp_path = tmp_path_factory.mktemp("memo")  # outside the project copy
    cache = str(tmp_path / "cache")
    cold = mkdocs_build(project.root, tmp_path / "cold", COP_CACHE_DIR=cache)
    assert cold.returncode == 0, cold.output
    assert (tmp_path / "cache" / FILE).is_file()
    assert not list(project.root.rglob(FILE)), "nothing is cached in the project"

    warm = mkdocs_build(project.root, tmp_path / "warm", COP_CACHE_DIR=cache)
    assert warm.returncode == 0, warm.output
    files = sorted(p.relative_to(cold.site) for p in cold.site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(warm.site) for p in warm.site.rglob("*") if p.is_file())
    different = [str(f) for f in files if (cold.site / f).read_bytes() != (warm.site / f).read_bytes()]
    assert not different, f"a warm cache changed the built site: {different[:5]}"

    # The same page, changed after its results were kept: checked again.
    project.write("docs/about.md", project.read("docs/about.md") + '\n<span style="display:none">hidden words</span>\n')
    edited = mkdocs_build(project.root, tmp_path / "edited", COP_CACHE_DIR=cache)
    assert edited.returncode != 0, "the warm cache let a changed page through"
    assert "docs/about.md" in edited.output and "style attribute" in edited.output, edited.output
