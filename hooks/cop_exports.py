"""Exports hook: the commitments as data, and the change history as a feed,
next to each language's pages.

Each language build adds ``commitments.json`` and ``commitments.csv`` to its
files (English at the site root, Khmer under ``km/``), and the JSON Schema
``model/commitments.schema.json`` at the root (and the assessments'
``model/assessment.schema.json``), as files MkDocs writes itself:
so ``mkdocs serve`` serves them, the offline build carries them, and a page can
link to them with a link the strict build checks. The content is made by
``cop/exports.py`` from the catalog of ``hooks/cop_model.py``. Each language's
Atom feed of the change history (``feed.xml``) is made by ``cop/changes.py``.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from cop import changes, exports, feed, history, state
from cop.catalog import split_locale
from cop.guard import guarded
from cop.problems import ContentError, Problem

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: the pinned backport (pyproject.toml)
    import tomli as tomllib  # type: ignore[no-redef]

PYPROJECT = "pyproject.toml"


def release(root: Path) -> str:
    """The project's version, from pyproject.toml."""
    try:
        data = tomllib.loads((root / PYPROJECT).read_text(encoding="utf-8"))
        return str(data["project"]["version"])
    except (OSError, tomllib.TOMLDecodeError, KeyError) as error:
        raise ContentError([Problem(PYPROJECT, None, f"cannot read the project's version ({error}); commitments.json states it",
                                    f"restore {PYPROJECT} with its [project] version = \"...\" line")]) from error


def version(root: Path) -> exports.Version:
    """Same commit, same version: the date is the commit's, or SOURCE_DATE_EPOCH
    when a reproducible build sets it (scripts/bundle.py sets the commit's)."""
    sha, epoch = history.last_commit(root)
    fixed = state.settings().source_date_epoch
    if fixed is not None:
        epoch = fixed
    return exports.Version(release(root), exports.iso_date(epoch) if epoch is not None else None, sha)


def generated(config: MkDocsConfig, dest_uri: str, content: bytes) -> File:
    # The source name is the bare file name, so that a page of any language
    # links to its own language's export as `commitments.json`.
    file = File.generated(config, dest_uri.rsplit("/", 1)[-1], content=content)
    file.dest_uri = dest_uri
    return file


@event_priority(-110)  # after i18n's on_files (-100) and cop_meta (-105): this language's files, with their final URLs
@guarded("cop_exports")
def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = state.current()
    catalog, lang = build.catalog, build.lang
    # The names exports.problems checks were checked with the other sources (cop_model).
    page_urls = {split_locale(f.src_uri, catalog.languages, catalog.default)[0]: f.url
                 for f in files.documentation_pages()}
    root = Path(config.config_file_path).parent
    doc = exports.document(catalog, lang, page_urls, config.site_url, version(root))
    # Next to the language's pages, as the i18n plugin places them.
    folder = "" if lang == catalog.default else f"{lang}/"
    files.append(generated(config, folder + exports.JSON_NAME, exports.to_json(doc)))
    files.append(generated(config, folder + exports.CSV_NAME, exports.to_csv(doc)))
    # One schema per format for every language, at the site root (each build writes the same bytes).
    for name, source in exports.SCHEMAS:
        schema = root / source
        if not schema.is_file():
            raise ContentError([Problem(source, None, f"file is missing; it is published as {name}",
                                        f"restore {source} from version control")])
        files.append(File.generated(config, name, abs_src_path=str(schema)))
    files.append(generated(config, folder + feed.NAME, _feed(config, folder + feed.NAME)))
    return files


def _feed(config: MkDocsConfig, feed_uri: str) -> bytes:
    """The language's feed: its links relative to the feed, or absolute with a site address."""
    site_url = config.site_url

    def href_of(url: str) -> str:
        if site_url:
            return (site_url.rstrip("/") + "/" + url) if url else site_url
        return get_relative_url(url, feed_uri) if not url.startswith("#") else url

    return changes.feed_of(state.releases(), state.current().catalog, feed_uri, href_of)
