"""The engine's pure functions, on small inputs."""

from __future__ import annotations



from cop import yamlfile
from cop.catalog import display, split_locale
from cop.render import escape, relative
from cop.scan import scan


def test_scan_reads_title_sections_references_and_directives() -> None:
    text = "\n".join([
        "# Social media",                # 1
        "",
        "See [[SM-02]] and `[[SM-99]]`.",  # 3
        "",
        "## SM-01 Set a minimum age",    # 5
        "### Why it matters",            # 6
        "```",
        "## SM-77 inside code [[XX-01]]",
        "```",
        "### What to do {#custom}",      # 10
        "## Not a commitment",           # 11
        "### Stray part",
        "<!-- cop:commitments -->",      # 13
    ])
    page = scan(text, "docs/x.md")
    assert (page.title, page.title_line) == ("Social media", 1)
    assert [(s.id, s.title, s.line) for s in page.sections] == [("SM-01", "Set a minimum age", 5)]
    assert [(h.text, h.line) for h in page.sections[0].subheadings] == [("Why it matters", 6), ("What to do", 10)]
    assert [(r.id, r.line) for r in page.references] == [("SM-02", 3)]
    assert page.directives == [("commitments", 13)]
    assert page.problems == []


def test_scan_reference_with_text() -> None:
    page = scan("Ask [[trust-safety|the moderators]].", "docs/x.md")
    assert [(r.id, r.text) for r in page.references] == [("trust-safety", "the moderators")]


def test_scan_front_matter_error_has_the_file_line() -> None:
    page = scan("---\ntitle: ok\nbad: [\n---\n# T\n", "docs/x.md")
    assert page.problems and page.problems[0].file == "docs/x.md"
    assert page.problems[0].line == 3  # the line of "bad: ["


def test_yaml_duplicate_keys_are_reported_with_both_lines() -> None:
    data, problems = yamlfile.load("A-01:\n  x: 1\nA-02: {}\nA-01:\n  x: 2\n", "model/c.yml")
    assert [(p.line, p.message) for p in problems] == [(4, "'A-01' appears twice (first on line 1)")]
    assert yamlfile.line_of(data, "A-02") == 3


def test_locale_paths() -> None:
    assert split_locale("roles/x.km.md", ["en", "km"], "en") == ("roles/x.md", "km")
    assert split_locale("roles/x.md", ["en", "km"], "en") == ("roles/x.md", "en")
    assert split_locale("roles/v1.2.md", ["en", "km"], "en") == ("roles/v1.2.md", "en")
    assert display("roles/x.md", "km", "en") == "docs/roles/x.km.md"


def test_markdown_escaping_and_relative_links() -> None:
    assert escape("a [b] *c* | d") == r"a \[b\] \*c\* \| d"
    assert relative("commitments/social-media.md", "roles/x.md") == "../roles/x.md"
    assert relative("index.md", "roles/x.md") == "roles/x.md"


def test_slugs_keep_khmer_and_match_python_markdown_for_ascii() -> None:
    from markdown.extensions.toc import slugify as default

    from cop.slugs import slugify

    for text in ("Why it matters", "A small company's minimum", "Who does what — in 2023?", "SM-03 Detect"):
        assert slugify(text, "-") == default(text, "-")
    assert slugify("ហេតុអ្វីបានជាសំខាន់", "-") == "ហេតុអ្វីបានជាសំខាន់"
    assert slugify("កម្រិតអប្បបរមា សម្រាប់ក្រុមហ៊ុនតូច", "-") == "កម្រិតអប្បបរមា-សម្រាប់ក្រុមហ៊ុនតូច"


def test_the_package_docstring_lists_every_module_of_the_engine() -> None:
    """Cop/__init__.py once listed a module that did not exist."""
    import pkgutil
    import re

    import cop

    modules = {m.name for m in pkgutil.iter_modules(cop.__path__)}
    listed = set(re.findall(r"^- ``(\w+)``", cop.__doc__ or "", re.M))
    assert listed == modules, f"unlisted: {sorted(modules - listed)}; no such module: {sorted(listed - modules)}"
