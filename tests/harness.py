"""The engine-level harness: the build's checks on a project copy, without a
MkDocs build per case.

``check(root)`` runs, on the project at ``root`` (a throw-away copy made by the
``project`` fixture), what the hooks run, in the same order, with the same
engine (``cop``):

1. symbolic links under ``docs/``, ``model/`` and ``overrides/``
   (``cop.gate.symlinks``), then the model and every page of every language
   (``cop.catalog.build``); a YAML syntax error stops there, as in
   ``hooks/cop_model.py``;
2. every source check in one pass (``cop.checks.run``: Markdown safety, front
   matter, language, files under ``docs/``, citations, terminology, exports,
   the change history);
3. if those pass, the pages that differ from the real project (or the ones
   named) are converted by the object ``hooks/cop_pages.py`` converts them
   with (``cop.render.Renderer``: ``page``, then the Markdown extensions of
   ``mkdocs.yml`` with our ``[[ID]]`` extension, then ``finish``); then the
   output gate (``cop.output``) and unknown references, as
   ``hooks/cop_output.py`` reports them.

Not run here (a few end-to-end builds in the tests keep them covered): MkDocs'
own link validation, our links gate (``hooks/cop_links.py``), the theme,
search and exports. A case costs about a tenth of a second instead of a
build's ten.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import markdown
from mkdocs.utils.meta import get_data
from mkdocs.utils.yaml import yaml_load

from cop import catalog as catalog_module
from cop import checks, gate, output, releases, yamlfile
from cop.catalog import display, reference_problems, split_locale
from cop.memo import Memo
from cop.problems import ContentError, Problem
from cop.render import Renderer
from cop.templates import Templates
from cop.slugs import slugify
from cop.wikilinks import ReferenceExtension, References

ROOT = Path(__file__).resolve().parent.parent
# MkDocs' own extensions, always loaded before those of mkdocs.yml.
BUILTINS = ["toc", "tables", "fenced_code"]


@dataclass
class Verdict:
    """What the build would say: its problems (empty: the build passes), and
    the content HTML of each converted page, by the file an editor opens."""

    problems: list[Problem]
    html: dict[str, str] = field(default_factory=dict)
    stage: str = "passed"  # where it stopped: "yaml", "source", "output" or "passed"

    @property
    def passed(self) -> bool:
        return not self.problems

    def report(self) -> str:
        return str(ContentError(self.problems)) if self.problems else "no problems"

    def find(self, file: str, message: str, line: int | None = None) -> Problem:
        """The problem in ``file`` whose message holds ``message`` (at ``line``, if given)."""
        for problem in self.problems:
            if problem.file == file and message in problem.message and (line is None or problem.line == line):
                return problem
        raise AssertionError(f"no problem {file}:{line}: ...{message}... in:\n{self.report()}")


@functools.lru_cache(maxsize=8)
def _config(text: str) -> tuple[list[str], str, list[str], dict]:
    """(languages, default, Markdown extensions, their configs) from mkdocs.yml."""
    data = yaml_load(text) or {}
    i18n = next(p["i18n"] for p in data.get("plugins", []) if isinstance(p, dict) and "i18n" in p)
    languages = [lang["locale"] for lang in i18n["languages"] if lang.get("build", True)]
    default = next(lang["locale"] for lang in i18n["languages"] if lang.get("default"))
    names, configs = list(BUILTINS), {}
    for item in data.get("markdown_extensions", []):
        name, config = (item, {}) if isinstance(item, str) else next(iter(item.items()))
        if name not in names:
            names.append(name)
        configs[name] = dict(config or {})
    configs.setdefault("toc", {})["slugify"] = slugify  # as hooks/cop_pages.py's on_config
    return languages, default, names, configs


def _changed(root: Path, docs: Path, markdown_files: list[str]) -> list[str]:
    out = []
    for src in markdown_files:
        original = ROOT / "docs" / src
        if not original.exists() or original.read_bytes() != (docs / src).read_bytes():
            out.append(src)
    return out


# Each page's source-check problems by its text, as the hooks keep them
# between rebuilds: a case's copy differs from the real project in a page or
# two, and only those are checked again.
_CHECKED = Memo()


def check(root: Path, pages: Iterable[str] | str | None = None) -> Verdict:
    """The build's verdict on the project at ``root``. ``pages``: the source
    files to convert (``about.md``, ``roles/x.km.md``), ``"all"``, or None for
    those that differ from the real project."""
    root = Path(root)
    docs = root / "docs"
    languages, default, names, configs = _config((root / "mkdocs.yml").read_text(encoding="utf-8"))
    links = gate.symlinks(root, [docs, root / "model", root / "overrides"])
    if links:
        return Verdict(links, stage="source")
    markdown_files = _pages(docs)
    try:
        catalog, problems = catalog_module.build(root, docs, markdown_files, languages, default)
    except ContentError as error:
        return Verdict(error.problems, stage="source")
    if any(yamlfile.is_syntax(p) for p in problems):
        return Verdict(problems, stage="yaml")
    history, found = checks.run(catalog, root, docs, checks.Options(tuple(_allowed_html(root))), _CHECKED)
    problems += found
    if problems:
        return Verdict(problems, stage="source")

    if pages is None:
        chosen = _changed(root, docs, markdown_files)
    elif pages == "all":
        chosen = markdown_files
    else:
        chosen = list(pages)  # type: ignore[arg-type]
    references = References()
    md = markdown.Markdown(extensions=[*names, ReferenceExtension(references)], extension_configs=configs)
    verdict = Verdict([])
    # The generated blocks' templates, as hooks/cop_pages.py renders them (theme overrides).
    templates = {lang: Templates.from_folders([root / "overrides"]).use(catalog, lang) for lang in languages}
    for src in chosen:
        neutral, lang = split_locale(src, languages, default)
        if neutral not in catalog.texts.get(lang, {}):
            continue  # a misnamed file, reported above
        file = display(neutral, lang, default)
        source = catalog.texts[lang][neutral]
        body, _ = get_data(source)
        view = releases.Localised(history, lang, catalog.labels[lang], {}, "", None) if history else None
        renderer = Renderer(catalog, lang, neutral, templates[lang], history=view)
        try:
            text = renderer.page(body)
        except ContentError as error:
            verdict.problems += error.problems
            continue
        references.resolve, references.unknown = renderer.reference, []
        md.reset()
        html = renderer.finish(md.convert(text), translated=True)
        verdict.problems += reference_problems(catalog, file, source, references.unknown)
        verdict.problems += output.check(html, file, source)
        verdict.html[file] = html
    verdict.stage = "output" if verdict.problems else "passed"
    return verdict


def _pages(docs: Path) -> list[str]:
    """The Markdown files in the order MkDocs finds them (mkdocs.structure.files.get_files:
    folders sorted, index pages first), which decides which of two is reported first."""
    out = []
    for folder, dirnames, filenames in os.walk(docs):
        dirnames.sort()
        rel = Path(folder).relative_to(docs)
        for name in sorted(filenames, key=lambda n: (not n.startswith(("index.", "README.")), n)):
            if name.endswith(".md"):
                out.append((rel / name).as_posix())
    return out


def _allowed_html(root: Path) -> list[str]:
    return list(_allowed_html_of((root / "mkdocs.yml").read_text(encoding="utf-8")))


@functools.lru_cache(maxsize=8)
def _allowed_html_of(text: str) -> tuple[str, ...]:
    """Read once per distinct mkdocs.yml: parsing it was a quarter of a case's time."""
    data = yaml_load(text) or {}
    return tuple(((data.get("extra") or {}).get("cop") or {}).get("allowed_html") or [])
