"""Reading the built site: pages, their links, and where links land."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

BASE = "http://site.invalid/"


def url_of(site: Path, file: Path) -> str:
    rel = file.relative_to(site).as_posix()
    return BASE + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def file_of(site: Path, url: str) -> Path:
    path = unquote(urlsplit(url).path)[len("/"):]
    return site / (path + "index.html" if path.endswith("/") or path == "" else path)


@lru_cache(maxsize=None)
def soup(file: Path) -> BeautifulSoup:
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def article(file: Path) -> Tag | None:
    """A fresh parse of the page's <article> alone (the content as written,
    without the navigation and header, which are most of a page's markup and
    of the time to parse it); None if the page has none."""
    text = file.read_text(encoding="utf-8")
    start, end = text.find("<article"), text.rfind("</article>")
    if start < 0 or end < 0:
        return None
    return BeautifulSoup(text[start:end + len("</article>")], "html.parser").select_one("article")


def targets(site: Path, file: Path, scope: Tag | None = None) -> list[tuple[Path, str, str]]:
    """(target file, fragment, link text) of every internal link in ``scope``."""
    page = scope if scope is not None else soup(file)
    out = []
    for a in page.find_all("a", href=True):
        href = a["href"]
        if href.startswith(("http:", "https:", "mailto:")) and not href.startswith(BASE):
            continue
        absolute = urljoin(url_of(site, file), href)
        out.append((file_of(site, absolute), urlsplit(absolute).fragment, a.get_text(" ", strip=True)))
    return out


def commitment_section(file: Path, cid: str) -> tuple[Tag, list[Tag]]:
    """The commitment heading and the elements up to the next h2."""
    heading = soup(file).find(id=cid)
    assert heading is not None and heading.name == "h2", f"no <h2 id={cid}> in {file}"
    body = []
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            break
        body.append(sibling)
    return heading, body
