"""Driving the site's search in Chromium the way a reader does, and scoring it.

Used by the search tests and by ``bench/bench_search.py``. The page is
instrumented (never the site): a wrapper around ``Worker`` counts the queries
sent to the search worker and the results that come back, so a test waits
for the answer to the last keystroke instead of sleeping.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "tests" / "search_queries.yml"
OBVIOUS = ROOT / "tests" / "search_obvious.yml"
DOCS = ROOT / "docs"

from cop.khmer import khmer_run
from cop.search_index import read_script as read_index  # noqa: F401  (for the tests)

KHMER_RUN = khmer_run()  # the Khmer letter class of hooks/cop/khmer_rules.json

# Counts QUERY (2) messages to the worker and RESULT (3) messages back, with
# the time of the first result after each keystroke.
INSTRUMENT = """
(() => {
  const state = window.__search = { sent: 0, received: 0, keyAt: 0, firstResultAt: 0, lastQuery: null };
  addEventListener("keydown", () => { state.keyAt = performance.now(); state.firstResultAt = 0; }, true);
  // Wrap whichever Worker the page ends up with: the browser's, or the
  // site's file:// stand-in, which replaces window.Worker when it loads.
  function wrap(Base) {
    return class extends Base {
      constructor(...args) {
        super(...args);
        this.addEventListener("message", event => {
          if (event.data && event.data.type === 3) {
            state.received++;
            if (!state.firstResultAt) state.firstResultAt = performance.now();
          }
        });
        const send = this.postMessage.bind(this);
        this.postMessage = (message, ...rest) => {
          if (message && message.type === 2) { state.sent++; state.lastQuery = message.data; }
          return send(message, ...rest);
        };
      }
    };
  }
  let current = wrap(window.Worker);
  Object.defineProperty(window, "Worker", {
    configurable: true,
    get: () => current,
    set: value => { current = wrap(value); },
  });
})();
"""

ANSWERED = """(query) => {
  const input = document.querySelector("input[name=query]");
  const state = window.__search;
  if (!input || input.value !== query || state.received < state.sent) return false;
  return query === "" || (typeof state.lastQuery === "string" && state.lastQuery.trim() === query.trim());
}"""


@dataclass(frozen=True)
class Query:
    lang: str
    q: str
    page: str
    anchor: str | None
    kind: str


def load_queries() -> list[Query]:
    data = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    return [Query(lang, str(entry["q"]), str(entry.get("page") or ""), entry.get("anchor"), entry["kind"])
            for lang in ("km", "en") for entry in data[lang]]


def load_obvious() -> list[Query]:
    """Short queries naming a page's subject: the page must be in the top 3."""
    data = yaml.safe_load(OBVIOUS.read_text(encoding="utf-8"))
    return [Query(lang, str(entry["q"]), str(entry.get("page") or ""), None, "subject")
            for lang in ("km", "en") for entry in data[lang]]


def source_of(query: Query) -> Path:
    """The Markdown file of the page a query expects."""
    stem = query.page.rstrip("/") or "index"
    suffix = ".km.md" if query.lang == "km" else ".md"
    for candidate in (DOCS / f"{stem}{suffix}", DOCS / stem / f"index{suffix}"):
        if candidate.is_file():
            return candidate
    raise AssertionError(f"no source page for {query.page!r} ({query.lang})")


def expected_text(query: Query) -> str:
    """The text the query must be found in: the page, or the commitment's section."""
    text = unicodedata.normalize("NFC", source_of(query).read_text(encoding="utf-8"))
    if query.page.rstrip("/") == "glossary":
        # The glossary's terms are data, placed by <!-- cop:glossary -->.
        text += unicodedata.normalize("NFC", (ROOT / "model/glossary.yml").read_text(encoding="utf-8"))
    if query.anchor:
        match = re.search(rf"^## {re.escape(query.anchor)}\b.*?(?=^## |\Z)", text, re.S | re.M)
        assert match, f"{query.anchor} is not on {query.page} ({query.lang})"
        text = match.group(0)
    return text


def entries(kinds: list[str]) -> list[str]:
    """How to enter each of a list of queries, by their kinds: the first of
    each kind typed key by key ("keys", Khmer through an input method's
    events), the rest put in the box whole ("fill"). Each key is a search of
    its own, so typing every query of a set costs most of a test's time, and
    what a set tests (a variant, a phrase) is in its text, not its keys."""
    seen: set[str] = set()
    out = []
    for kind in kinds:
        out.append("fill" if kind in seen else "keys")
        seen.add(kind)
    return out


@dataclass
class Answer:
    groups: list[list[str]] = field(default_factory=list)  # per result page: its links (paths with fragments)
    first_result_ms: float = 0.0

    def pages(self) -> list[str]:
        return [links[0].split("#")[0] for links in self.groups if links]


class Searcher:
    """One browser tab on one language of the site, answering queries."""

    def __init__(self, browser, base: str, lang: str, offline: bool = False,  # type: ignore[no-untyped-def]
                 site_dir: Path | None = None) -> None:
        """``base``: the site's root URL (http://host:port[/sub-path] or
        file:///path); ``offline``: the site was built for file:// (pages are
        ``x.html``), in ``site_dir`` (for a file:// base, the base's path)."""
        self.base = base
        self.offline = offline
        self.site_dir = site_dir or Path(urlsplit(base).path)
        self.root = urlsplit(base).path.rstrip("/") + ("/" if lang == "en" else f"/{lang}/")
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.add_init_script(INSTRUMENT)
        self.tab = self.context.new_page()
        self.tab.goto(base.rstrip("/") + self.page_path(self.root))
        self.input = self.tab.locator("input[name=query]")
        # Open search as a reader does: tap the search icon on a phone, the box on a desktop.
        if self.input.is_visible():
            self.input.click()
        else:
            self.tab.locator("label.md-header__button[for=__search]").click()

    def close(self) -> None:
        self.context.close()

    def search(self, query: str, limit: int = 10, entry: str = "keys") -> Answer:
        """``entry``: "keys" types the query key by key; "fill" sets the box's
        value at once, then presses End (stock Material reacts to key releases
        only), for benchmarks of many queries."""
        if entry == "fill":
            # No need to empty the box first: the answer waited for below is
            # the one to this query (the worker answers queries in order).
            self.input.fill(query)
            self.input.press("End")
        else:
            self.input.fill("")
            self.input.press("End")
            self.tab.wait_for_function(ANSWERED, arg="")
            self.type(query)
        self.tab.wait_for_function(ANSWERED, arg=query)
        # Material renders results on the next frames: wait for two of them.
        self.tab.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        groups = self.tab.eval_on_selector_all(
            ".md-search-result__list > .md-search-result__item",
            "items => items.map(item => Array.from(item.querySelectorAll('a')).map(a => a.href))",
        )
        timing = self.tab.evaluate("() => window.__search.firstResultAt - window.__search.keyAt")
        answer = Answer(first_result_ms=float(timing))
        for links in groups[:limit]:
            answer.groups.append([self._path(href) for href in links])
        return answer

    def type(self, text: str) -> None:
        """Type as a reader does: keys on a Latin keyboard; Khmer through an
        input method, which sends key events with the key "Unidentified"
        (keyCode 229) around each inserted character, as Android and iOS
        Khmer keyboards do."""
        for char in text:
            if char.isascii():
                self.tab.keyboard.press(char)
            else:
                self.input.dispatch_event("keydown", {"key": "Unidentified", "keyCode": 229, "bubbles": True})
                self.tab.keyboard.insert_text(char)
                self.input.dispatch_event("keyup", {"key": "Unidentified", "keyCode": 229, "bubbles": True})

    def _path(self, href: str) -> str:
        parts = urlsplit(href)
        return parts.path + (f"#{parts.fragment}" if parts.fragment else "")

    def page_path(self, path: str) -> str:
        """The URL path, below the site root, of a page given as a directory
        URL (``/km/roles/x/``); the offline build names pages ``x.html``."""
        local = path[len(urlsplit(self.base).path.rstrip("/")):]
        if not self.offline:
            return local
        site = self.site_dir
        stem = local.strip("/")
        if not stem or (site / stem / "index.html").is_file():
            return f"/{stem}/index.html".replace("//", "/")
        return f"/{stem}.html"

    def found(self, query: Query, answer: Answer, top: int = 10) -> bool:
        """Whether the expected page (and commitment) is in the first ``top`` results."""
        want = self.root + query.page
        if self.offline:
            want = urlsplit(self.base).path.rstrip("/") + self.page_path(want)
        for links in answer.groups[:top]:
            if not links or links[0].split("#")[0] != want:
                continue
            if not query.anchor:
                return True
            return any(link.split("#", 1)[-1] in (query.anchor,) or
                       link.split("#", 1)[-1].startswith(query.anchor + "-") for link in links if "#" in link)
        return False
