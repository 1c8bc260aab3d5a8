"""Lighthouse, mobile, on five kinds of page in both languages, as a phone
reader gets them: the site built with its address, served gzipped.

    .venv/bin/python bench/lighthouse.py                     # build, serve, 3 runs per page
    .venv/bin/python bench/lighthouse.py --runs 1 --only home matrix
    .venv/bin/python bench/lighthouse.py --json /tmp/lighthouse.json

Lighthouse 12, pinned in package.json (an optional dependency, installed by
``npm ci`` the first time this runs; nothing is downloaded at run time after
that), with Node 20 and its default mobile settings (simulated slow 4G and a
slower CPU), in Debian's Chromium. Each figure is the median of the runs. The
targets a phone reader is owed: accessibility, best practices and SEO 100,
performance at least 95. The
figures are recorded on docs/maintainers/phone.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# The project copy, Chromium with its local server and the search driver
# are the tests' support modules (tests/), which these scripts share.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from browser import CHROMIUM

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules/.bin/lighthouse"
PORT = 8713  # fixed: the site is built with this address as its own
PAGES = {
    "home": "",
    "sector": "sectors/social-media/",
    "commitments": "commitments/social-media/",
    "matrix": "matrix/",
    "checklist": "checklists/social-media/",
}
LANGS = {"en": "", "km": "km/"}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv", "/")


class GzipHandler(SimpleHTTPRequestHandler):
    """A static server that compresses text as real hosting does."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        gzip_ok = "gzip" in self.headers.get("Accept-Encoding", "")
        if not gzip_ok or not self.path.split("?")[0].endswith(COMPRESSIBLE) or not os.path.isfile(path):
            return super().send_head()
        body = gzip.compress(Path(path).read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        from io import BytesIO
        return BytesIO(body)


def build(site: Path, address: str) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", COP_SITE_URL=address)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(site)],
                   cwd=ROOT, env=env, check=True, capture_output=True)


def lighthouse(url: str, out: Path) -> dict[str, float]:
    """One Lighthouse run; the four scores out of 100."""
    flags = "--headless=new --no-sandbox --disable-gpu --disable-background-networking " \
            "--disable-component-update --disable-sync --no-first-run"
    proc = subprocess.run([str(LIGHTHOUSE), url, "--output=json", f"--output-path={out}",
                           f"--chrome-flags={flags}", "--quiet"],
                          env=dict(os.environ, CHROME_PATH=CHROMIUM), capture_output=True, text=True, timeout=600)
    if proc.returncode != 0 or not out.exists():
        raise SystemExit(f"Lighthouse failed on {url}:\n{proc.stderr[-2000:]}")
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}
    failed = sorted(a["id"] for c in CATEGORIES[1:] for ref in report["categories"][c]["auditRefs"]
                    for a in [report["audits"][ref["id"]]]
                    if ref["weight"] and a.get("score") is not None and a["score"] < 1)
    scores["failed"] = failed  # type: ignore[assignment]
    scores["bytes"] = report["audits"]["total-byte-weight"]["numericValue"]
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", nargs="*", choices=list(PAGES), help="page kinds (default: all five)")
    parser.add_argument("--langs", nargs="*", choices=list(LANGS), default=list(LANGS))
    parser.add_argument("--json", type=Path, help="write every run's scores here")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        if shutil.which("npm") is None:
            raise SystemExit("npm (Node 20) is needed to install Lighthouse: apt-get install nodejs npm")
        # The versions package-lock.json records, optional dependencies included.
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=ROOT, check=True)
    address = f"http://127.0.0.1:{PORT}/"
    results: dict[str, list[dict]] = {}
    with tempfile.TemporaryDirectory(prefix="cop-lighthouse-") as tmp:
        site = Path(tmp) / "site"
        build(site, address)
        httpd = ThreadingHTTPServer(("127.0.0.1", PORT), partial(GzipHandler, directory=str(site)))
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        try:
            for name, path in PAGES.items():
                if args.only and name not in args.only:
                    continue
                for lang in args.langs:
                    key = f"{name} ({lang})"
                    for run in range(args.runs):
                        scores = lighthouse(address + LANGS[lang] + path, Path(tmp) / f"{name}-{lang}-{run}.json")
                        results.setdefault(key, []).append(scores)
                        print(f"{key} run {run + 1}: " + ", ".join(f"{c} {scores[c]}" for c in CATEGORIES),
                              flush=True)
        finally:
            httpd.shutdown()
    print()
    print("| page | performance | accessibility | best practices | SEO | KB transferred | below 100 |")
    print("|---|---|---|---|---|---|---|")
    for key, runs in results.items():
        medians = [statistics.median(r[c] for r in runs) for c in CATEGORIES]
        kb = statistics.median(r["bytes"] for r in runs) / 1024
        failed = sorted({a for r in runs for a in r["failed"]})
        print(f"| {key} | " + " | ".join(f"{m:g}" for m in medians) + f" | {kb:.0f} | {', '.join(failed) or '-'} |")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
