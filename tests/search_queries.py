"""Search queries nobody wrote: drawn at random from the built pages.

    .venv/bin/python tests/search_queries.py SITE [--seed S] [--per-lang N]

prints the queries as YAML. ``bench/bench_search.py`` runs them in Chromium
against our search and stock Material search; ``tests/test_search_generated.py``
runs a small sample. The seed is fixed for a run and, by default, is the
project's version (pyproject.toml): a new release draws new queries, so the
search cannot be tuned to them.

Kinds of query, each naming the page it was drawn from:
- ``word``: one word from the page's text (Khmer words by ICU's word breaker);
- ``phrase``: two or three consecutive words, Khmer typed without spaces as
  readers do, English with spaces;
- ``subject``: two or three consecutive words of the page's title, which must
  put the page in the top 3;

A word or phrase is drawn only if at most 10 pages contain it (a word on
every page cannot name one page in a top 10), a title's words only if at most
3 titles contain them.
- typing variants of Khmer phrases, the same text typed differently:
  ``zwsp`` (U+200B between the words), ``space`` (a space between them),
  ``coeng`` (coeng DA for coeng TA or the reverse), ``ro`` (coeng RO typed
  before the other subscript).
"""

from __future__ import annotations

import argparse
import random
import re
from dataclasses import asdict, dataclass
from pathlib import Path

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover
    import tomli as tomllib  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parent.parent

from cop.khmer import key, khmer_run, words

STOP = set(("a an and are as at be by can do does for from has have how i if in into is it its of on or our should so "
            "that the their them they this to was we what when where which who why will with you your not no "
            "all any each more most other some such than then there these those only own same also").split())
KINDS = ("word", "phrase", "subject")
VARIANTS = ("zwsp", "space", "coeng", "ro")
COENG_TA, COENG_DA, COENG_RO = "\u17d2\u178f", "\u17d2\u178a", "\u17d2\u179a"


@dataclass(frozen=True)
class Drawn:
    lang: str
    q: str
    page: str  # the page's path below the language root, e.g. "roles/trust-safety/"
    kind: str
    top: int  # the page must be within this many results


def default_seed() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def pages(site: Path, lang: str, searchable: set[str]) -> list[tuple[str, str, str]]:
    """(page path, title, text) of the built pages of a language that search covers."""
    import built

    root = site / "km" if lang == "km" else site
    found = []
    for html in sorted(root.rglob("index.html")):
        rel = html.parent.relative_to(root).as_posix()
        rel = "" if rel == "." else rel + "/"
        if lang == "en" and rel.startswith("km/"):
            continue
        if rel not in searchable:
            continue
        article = built.article(html)
        if article is None:
            continue
        for junk in article.select(".headerlink, script, style, .md-source-file, nav"):
            junk.decompose()
        h1 = article.find("h1")
        title = h1.get_text(" ", strip=True) if h1 else ""
        # One line for each piece of text: a phrase is drawn from within one
        # sentence of one element, as a reader would type it, never across a
        # list item, a heading or a table cell.
        found.append((rel, title, article.get_text("\n", strip=True)))
    return found


def tokens(text: str, lang: str) -> list[str]:
    """The words of ``text``: Khmer runs split by ICU; Latin words as written."""
    if lang == "km":
        return [w for run in khmer_run().findall(text) for w in words(run) + ["|"]]  # "|" ends a run
    found: list[str] = []
    for piece in re.split(r"[\n.,;:!?()\[\]\"“”·–—]+", text):  # "|" ends a sentence or an element
        found += re.findall(r"[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]", piece) + ["|"]
    return found


def good_word(word: str, lang: str) -> bool:
    if lang == "km":
        return word != "|" and len(word) >= 3
    return len(word) >= 4 and word.lower() not in STOP


def draw_phrase(ws: list[str], n: int, lang: str, rng: random.Random) -> list[str] | None:
    for _ in range(30):
        at = rng.randrange(0, max(1, len(ws) - n))
        chunk = ws[at:at + n]
        if len(chunk) == n and "|" not in chunk and sum(good_word(w, lang) for w in chunk) >= 1 + (n > 2):
            return chunk
    return None


def join(chunk: list[str], lang: str) -> str:
    return "".join(chunk) if lang == "km" else " ".join(chunk)


def variant(kind: str, chunk: list[str]) -> str | None:
    """A Khmer phrase typed differently; None when the variant does not apply."""
    text = "".join(chunk)
    if kind == "zwsp":
        return "\u200b".join(chunk)
    if kind == "space":
        return " ".join(chunk)
    if kind == "coeng":
        if COENG_TA in text:
            return text.replace(COENG_TA, COENG_DA)
        if COENG_DA in text:
            return text.replace(COENG_DA, COENG_TA)
        return None
    if kind == "ro":
        typed = re.sub(f"(\u17d2[\u1780-\u1799\u179b-\u17a2]){COENG_RO}", lambda m: COENG_RO + m.group(1), text)
        return typed if typed != text else None
    raise ValueError(kind)


def draw(site: Path, lang: str, count: int, seed: str, searchable: set[str],
         variants: int = 0) -> list[Drawn]:
    """``count`` queries per kind for a language; ``variants`` per typing variant (Khmer)."""
    rng = random.Random(f"{seed}/{lang}")
    titled = searchable | searchable_pages(site, lang, text=False)
    built = pages(site, lang, titled)
    corpus_all = [(rel, title, tokens(text, lang), tokens(title, lang)) for rel, title, text in built]
    corpus = [c for c in corpus_all if len(c[2]) > 5 and c[0] in searchable]
    texts = [key(text) for _rel, _title, text in built]
    titles = [key(title) for _rel, title, _text in built]

    def rare(query: str, among: list[str], most: int) -> bool:
        needle = key(query).strip()
        return sum(needle in text for text in among) <= most

    drawn: list[Drawn] = []
    for kind in KINDS:
        made, tries = 0, 0
        while made < count and tries < 5000:
            tries += 1
            rel, _title, ws, title_ws = rng.choice(corpus_all if kind == "subject" else corpus)
            if kind == "word":
                choices = [w for w in ws if good_word(w, lang)]
                if not choices:
                    continue
                word = rng.choice(choices)
                if not rare(word, texts, 10):
                    continue
                drawn.append(Drawn(lang, word, rel, kind, 10))
            elif kind == "phrase":
                chunk = draw_phrase(ws, rng.choice((2, 3)), lang, rng)
                if not chunk or not rare(join(chunk, lang), texts, 10):
                    continue
                drawn.append(Drawn(lang, join(chunk, lang), rel, kind, 10))
            else:
                title_words = title_ws if lang == "km" else [w for w in title_ws if w != "|"]
                if len([w for w in title_words if w != "|"]) < 2:
                    continue
                n = min(len(title_words), rng.choice((2, 3)))
                at = rng.randrange(0, len(title_words) - n + 1)
                chunk = title_words[at:at + n]  # never across punctuation ("|")
                if "|" in chunk or not any(good_word(w, lang) for w in chunk) or not rare(join(chunk, lang), titles, 3):
                    continue
                drawn.append(Drawn(lang, join(chunk, lang), rel, kind, 3))
            made += 1
    if lang == "km":
        for kind in VARIANTS:
            made, tries = 0, 0
            while made < variants and tries < 5000:
                tries += 1
                rel, _title, ws, _t = rng.choice(corpus)
                n = rng.choice((2, 3))
                if kind in ("coeng", "ro"):
                    # Only some clusters can be typed another way (a few words a
                    # page): draw the phrase around one of them, or a larger site
                    # would make such a phrase too rare to be drawn at all.
                    at = [i for i, w in enumerate(ws) if variant(kind, [w])]
                    if not at:
                        continue
                    start = min(max(0, rng.choice(at) - rng.randrange(n)), max(0, len(ws) - n))
                    chunk = ws[start:start + n]
                    if len(chunk) < n or "|" in chunk or not any(good_word(w, lang) for w in chunk):
                        continue
                else:
                    chunk = draw_phrase(ws, n, lang, rng)
                typed = variant(kind, chunk) if chunk and rare(join(chunk, lang), texts, 10) else None
                if typed:
                    drawn.append(Drawn(lang, typed, rel, kind, 10))
                    made += 1
    return drawn


def left_out(rel: str, lang: str) -> bool:
    """Whether a page's source leaves its text out of search (``search: exclude: true``;
    search finds it by its title only)."""
    import yaml

    stem = rel.rstrip("/") or "index"
    suffix = ".km.md" if lang == "km" else ".md"
    for source in (ROOT / "docs" / f"{stem}{suffix}", ROOT / "docs" / stem / f"index{suffix}"):
        if source.is_file():
            text = source.read_text(encoding="utf-8")
            if text.startswith("---"):
                meta = yaml.safe_load(text.split("---", 2)[1]) or {}
                return bool((meta.get("search") or {}).get("exclude"))
    return False


def searchable_pages(site: Path, lang: str, text: bool = True) -> set[str]:
    """Pages whose text our search index covers; with ``text=False``, also those
    found by their title only."""
    from cop.search_index import read_script

    prefix = "km/" if lang == "km" else ""
    docs = read_script(site / f"search/cop-index.{lang}.js")["docs"]
    found = {doc[0].split("#")[0][len(prefix):] for doc in docs if doc[0].startswith(prefix)}
    return {rel for rel in found if not (text and left_out(rel, lang))}


def main() -> None:
    import yaml

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path, help="a site built by mkdocs build (not the offline copy)")
    parser.add_argument("--seed", default=default_seed())
    parser.add_argument("--per-lang", type=int, default=20, help="queries per kind and language")
    parser.add_argument("--variants", type=int, default=10, help="Khmer queries per typing variant")
    args = parser.parse_args()
    out = [asdict(d) for lang in ("km", "en")
           for d in draw(args.site, lang, args.per_lang, args.seed, searchable_pages(args.site, lang), args.variants)]
    print(yaml.safe_dump({"seed": args.seed, "queries": out}, allow_unicode=True, sort_keys=False))


if __name__ == "__main__":
    main()
