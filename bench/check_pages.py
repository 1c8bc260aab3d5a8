"""Every page of the built site, both languages: the Nu HTML checker, axe-core
(every rule, best practices included) and nothing to scroll sideways on a phone.

    .venv/bin/python bench/check_pages.py                 # build, then check every page
    .venv/bin/python bench/check_pages.py --site /tmp/site --no-axe
    .venv/bin/python bench/check_pages.py --json /tmp/pages.json

Needs Java and the Nu checker from the pinned npm package (``npm ci`` puts
``node_modules/vnu-jar``), and Debian's Chromium. The test suite checks a
sample of this (tests/test_valid_html.py, tests/test_phone.py); this script is
the whole site, for maintainers and for the figures on the performance page.
Exit status 1 when anything is found. When a full check (nothing skipped, the
site built here from committed content) finds nothing, it records the day, the
number of pages and the content's commit in model/accessibility-check.yml
(cop/a11y_record.py): commit that file; the accessibility statement shows it
and `scripts/check --release` refuses content newer than it.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

# The project copy, Chromium with its local server and the search driver
# are the tests' support modules (tests/), which these scripts share.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from browser import CHROMIUM, CHROMIUM_FLAGS, serve
from cop import a11y_record

ROOT = Path(__file__).resolve().parent.parent
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
# Files that are not pages of the site (the offline copy's iframe stand-in is
# not a page either).
NOT_PAGES = ("assets/",)

# The widest element sticking out of the page at phone width (0 when nothing
# does): a page that scrolls sideways hides text off-screen.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  let worst = {over: Math.max(0, document.documentElement.scrollWidth - width), what: "the page"};
  for (const e of document.querySelectorAll(".md-content *")) {
    const box = e.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (getComputedStyle(e).visibility === "hidden") continue;
    // Text inside a box that scrolls by itself is reachable, but still off-screen.
    const over = Math.round(box.right - width);
    if (over > worst.over) {
      worst = {over, what: e.tagName.toLowerCase() + (e.className ? "." + String(e.className).split(" ").join(".") : "")};
    }
  }
  return worst;
}"""


def build(site: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.setdefault("COP_SITE_URL", "https://cop.example.org/")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(site)],
                   cwd=ROOT, env=env, check=True, capture_output=True)


def pages(site: Path) -> list[str]:
    """Every HTML page, as a path below the site root ("", "km/roles/x/", "404.html")."""
    out = []
    for file in sorted(site.rglob("*.html")):
        rel = file.relative_to(site).as_posix()
        if rel.startswith(NOT_PAGES):
            continue
        out.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return out


def nu(site: Path, paths: list[str]) -> list[dict]:
    """The Nu checker's errors over the given pages (every one when empty)."""
    if not VNU.exists():
        raise SystemExit(f"{VNU} is missing: run `npm ci` in {ROOT}")
    files = [str(site / (p + "index.html" if p.endswith("/") or p == "" else p)) for p in paths]
    proc = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
                          capture_output=True, text=True)
    messages = json.loads(proc.stderr or '{"messages": []}')["messages"]
    return [{"page": str(Path(m["url"].removeprefix("file:")).relative_to(site)), "message": m["message"],
             "extract": (m.get("extract") or "").strip()} for m in messages if m.get("type") == "error"]


def browse(site: Path, paths: list[str], run_axe: bool, viewports: list[dict[str, int]]) -> tuple[list[dict], list[dict]]:
    """(axe violations, sideways overflows) of every page, served over HTTP."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    axe = Axe()
    violations: list[dict] = []
    overflows: list[dict] = []
    server = serve(site)
    base = next(server)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            for viewport in viewports:
                context = browser.new_context(viewport=viewport)
                tab = context.new_page()
                for done, path in enumerate(paths, start=1):
                    print(f"\r{viewport['width']}px: {done}/{len(paths)} {path:60}", end="", file=sys.stderr, flush=True)
                    tab.goto(f"{base}/{path}")
                    if viewport is PHONE:
                        worst = tab.evaluate(OVERFLOW)
                        if worst["over"] > 0:
                            overflows.append({"page": path, **worst})
                    if run_axe:
                        for v in axe.run(tab, options={"resultTypes": ["violations"]}).response["violations"]:
                            violations.append({"page": path, "width": viewport["width"], "rule": v["id"],
                                               "impact": v["impact"], "nodes": [" ".join(map(str, n["target"])) for n in v["nodes"]]})
                context.close()
            browser.close()
    finally:
        next(server, None)
    return violations, overflows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one into a temporary folder)")
    parser.add_argument("--no-nu", action="store_true")
    parser.add_argument("--no-axe", action="store_true")
    parser.add_argument("--json", type=Path, help="write every finding to this file")
    parser.add_argument("--phone-only", action="store_true", help="axe at 390 px only (half the time)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cop-pages-") as tmp:
        site = args.site or Path(tmp) / "site"
        if args.site is None:
            build(site)
        paths = pages(site)
        errors = [] if args.no_nu else nu(site, paths)
        viewports = [PHONE] if args.phone_only else [PHONE, DESKTOP]
        violations, overflows = browse(site, paths, not args.no_axe, viewports)
    print(f"{len(paths)} pages")
    print(f"Nu: {len(errors)} errors" + ("" if not args.no_nu else " (not run)"))
    for message, count in collections.Counter(e["message"] for e in errors).most_common():
        print(f"  {count:4} {message}")
    print(f"axe: {len(violations)} violations" + ("" if not args.no_axe else " (not run)"))
    for (rule, impact), count in collections.Counter((v["rule"], v["impact"]) for v in violations).most_common():
        pages_hit = sorted({v["page"] for v in violations if v["rule"] == rule})
        print(f"  {count:4} {rule} ({impact}): {', '.join(pages_hit[:4])}{' ...' if len(pages_hit) > 4 else ''}")
    print(f"sideways at {PHONE['width']}px: {len(overflows)} pages")
    for o in overflows:
        print(f"  {o['page']}: {o['what']} {o['over']}px past the edge")
    if args.json:
        args.json.write_text(json.dumps({"nu": errors, "axe": violations, "overflow": overflows}, indent=1,
                                        ensure_ascii=False), encoding="utf-8")
    if errors or violations or overflows:
        return 1
    print(record(len(paths), full=args.site is None and not (args.no_nu or args.no_axe or args.phone_only)))
    return 0


def record(pages: int, full: bool) -> str:
    """Record a full check that found nothing, when it can name the commit it checked."""
    if not full:
        return f"Not recorded in {a11y_record.RECORD}: only a full check is (no --site, --no-nu, --no-axe or --phone-only)"
    changed = a11y_record.uncommitted(ROOT)
    if changed:
        return (f"Not recorded in {a11y_record.RECORD}: the content has uncommitted changes ({', '.join(changed[:3])}"
                f"{' ...' if len(changed) > 3 else ''}); commit them and run the check again")
    commit = a11y_record.content_commit(ROOT)
    if commit is None:
        return f"Not recorded in {a11y_record.RECORD}: git cannot tell which commit last changed the content"
    path = a11y_record.write(ROOT, date.today().isoformat(), commit, pages)
    return f"Recorded in {path.relative_to(ROOT)}: {pages} pages, content of commit {commit[:7]}; commit this file"


if __name__ == "__main__":
    sys.exit(main())
