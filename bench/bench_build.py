"""Benchmark the build: real size and synthetic corpora, our hooks on and off.

    .venv/bin/python bench/bench_build.py                 # 1x, 4x, 16x; 3 runs each
    .venv/bin/python bench/bench_build.py --scales 1,4 --repeat 1 --no-serve

For every scale (times the real number of commitments, made by
tests/corpus.py) the site is built in both languages with our hooks on, and
with them off (the same content, ``hooks:`` removed from mkdocs.yml and the
build not strict, because without the hooks the commitment anchors that pages
link to do not exist). Each build is a fresh ``mkdocs build`` process, so the
figures include Python's start-up, as an editor or CI sees them. Reported:
wall time, CPU time and peak memory of the process (medians of the runs), the
search index and site size, and where the build's time goes (one instrumented
run per scale). With our hooks, each size is built cold (``COP_CACHE_DIR=off``:
every check and index made afresh, as in CI's first build) and warm (with a
cache folder filled by an earlier build, as on an editor's machine: the check
results, search documents and compiled templates of ``cop/memo.py`` and
``cop/templates.py``). Then ``mkdocs serve`` on the real site, with that warm
folder: the time from editing a Markdown file to the end of the rebuild,
against a cold build.

A benchmark, not a test: the figures depend on the machine. It prints a
Markdown table for docs/maintainers/performance.md, and the targets (our
hooks' share of a build, a rebuild against a cold build) as ratios measured
in this one run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The project copy, Chromium with its local server and the search driver
# are the tests' support modules (tests/), which these scripts share.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
import corpus

# The block of mkdocs.yml that lists our hooks: from "hooks:" to the next
# top-level key.
HOOKS_BLOCK = re.compile(r"^hooks:\n(?:(?:[ #].*)?\n)*", re.M)


# --- One build -------------------------------------------------------------

@dataclass
class Run:
    wall: float
    cpu: float
    peak_mib: float


def frozen_copy(project: Path, out: Path) -> Path:
    """The same content with no hooks: every page as the hooks made it
    (captured by an instrumented build), built by MkDocs and plugins alone."""
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(project, out)
    shutil.rmtree(out / "docs")
    breakdown(project, out / "site-freeze", freeze=out / "docs")
    for asset in (project / "docs").rglob("*"):
        if asset.is_file() and asset.suffix != ".md":  # images and the like
            target = out / "docs" / asset.relative_to(project / "docs")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(asset, target)
    without_hooks(out)
    return out


def without_hooks(project: Path) -> None:
    """The same project with none of our hooks, and a build that isn't strict."""
    config = project / "mkdocs.yml"
    text, count = HOOKS_BLOCK.subn("", config.read_text(encoding="utf-8"))
    if count != 1:
        raise SystemExit("mkdocs.yml: could not find the 'hooks:' block to remove")
    config.write_text(text.replace("strict: true", "strict: false"), encoding="utf-8")
    # Our 404 page is filled in from hooks/cop_html.py; without the hooks the
    # theme's own 404 page is built instead.
    (project / "overrides" / "404.html").unlink(missing_ok=True)


def build_once(project: Path, out: Path, cache: str = "off") -> Run:
    """One ``mkdocs build`` process: wall time, its CPU time and peak memory.
    ``cache``: the cache folder (``COP_CACHE_DIR``), ``off`` for a cold build."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", COP_CACHE_DIR=cache)
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "--clean", "-d", str(out)],
                            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = proc.stdout.read() if proc.stdout else b""
    # wait4 gives this child's own resource usage (ru_maxrss in KiB on Linux).
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build failed in {project}:\n{output.decode(errors='replace')}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# --- Where the time goes -----------------------------------------------------

# The instrumented build runs in its own process (bench/bench_child.py).
CHILD = ROOT / "bench" / "bench_child.py"


def breakdown(project: Path, out: Path, freeze: Path | None = None, cache: str = "off") -> dict:
    """One build in a process whose plugin events, Markdown and templates are
    timed; with ``freeze``, every page's final Markdown is written there."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", COP_CACHE_DIR=cache)
    extra = [str(freeze)] if freeze else []
    proc = subprocess.run([sys.executable, str(CHILD), str(out), *extra], cwd=project, env=env,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"instrumented build failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# --- mkdocs serve ----------------------------------------------------------

def serve_rebuild(project: Path, edited: str, preview: str | None = None, cache: str = "off") -> tuple[float, float]:
    """Edits one Markdown file under ``mkdocs serve``: seconds from the edit to
    the end of the rebuild, and the rebuild's own figure ("built in"). With
    ``preview``, only that language is built (COP_PREVIEW, ``bash scripts/serve km``)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONUNBUFFERED="1", COP_CACHE_DIR=cache)
    env.pop("COP_PREVIEW", None)
    if preview:
        env["COP_PREVIEW"] = preview
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if "Serving on" in line:
                break
        else:
            raise SystemExit("mkdocs serve stopped before serving")
        path = project / "docs" / edited
        # A sentence in the page's own language: the terminology check
        # refuses English prose on a Khmer page, and the rebuild would fail.
        sentence = "ប្រយោគមួយទៀត។" if edited.endswith(".km.md") else "One more sentence."
        path.write_text(path.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
        edited_at = time.perf_counter()
        seen = []
        for line in proc.stdout:
            seen.append(line)
            match = re.search(r"Documentation built in ([\d.]+) seconds", line)
            if match:
                return time.perf_counter() - edited_at, float(match[1])
            if "An error happened during the rebuild" in line:
                raise SystemExit("the rebuild failed:\n" + "".join(seen[-30:]))
        raise SystemExit("mkdocs serve stopped before rebuilding")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


# --- The report --------------------------------------------------------------

@dataclass
class Result:
    scale: int
    commitments: int
    on: list[Run] = field(default_factory=list)      # our hooks on, cold (no cache folder)
    warm: list[Run] = field(default_factory=list)    # our hooks on, with a filled cache folder
    same: list[Run] = field(default_factory=list)    # hooks off, the same content (frozen)
    off: list[Run] = field(default_factory=list)     # hooks off, the sources as written
    index_kib: float = 0.0
    site_mib: float = 0.0
    parts: dict = field(default_factory=dict)
    warm_parts: dict = field(default_factory=dict)


VARIANTS = (("on", "on, cold"), ("warm", "on, warm cache"), ("same", "off, same content"), ("off", "off, sources only"))


def median(runs: list[Run], attr: str) -> float:
    return statistics.median(getattr(r, attr) for r in runs)


def machine() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(meminfo.read_text().split()[1])
        mem = f", {kib / 1024 / 1024:.0f} GiB RAM"
    return f"{cpu}, {os.cpu_count()} cores{mem}; {platform.system()} {platform.release()}; Python {platform.python_version()}"


def count_commitments(project: Path) -> int:
    return len(corpus.ENTRY.findall((project / "model" / "commitments.yml").read_text(encoding="utf-8")))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="1,4,16", help="comma-separated, e.g. 1,4,16")
    parser.add_argument("--repeat", type=int, default=3, help="builds per variant (medians reported)")
    parser.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve measurement")
    parser.add_argument("--json", type=Path, help="also write the raw figures to this file")
    args = parser.parse_args(argv)
    scales = [int(s) for s in args.scales.split(",")]

    work = Path(tempfile.mkdtemp(prefix="cop-bench-"))
    warm = str(work / "cache")  # the warm builds' cache folder, as an editor's
    results: list[Result] = []
    serve: dict[str, tuple[float, float]] | None = None
    try:
        for scale in scales:
            projects = {"on": corpus.make(work / f"on-{scale}", scale)}
            projects["off"] = corpus.make(work / f"off-{scale}", scale)
            without_hooks(projects["off"])
            projects["same"] = frozen_copy(projects["on"], work / f"same-{scale}")
            result = Result(scale, count_commitments(projects["on"]))
            build_once(projects["on"], work / "site-warm", warm)  # fills the cache folder
            for i in range(args.repeat):
                # Alternate the variants so drift in the machine's load hits all.
                for variant, _ in VARIANTS:
                    getattr(result, variant).append(build_once(projects["on" if variant == "warm" else variant],
                                                               work / f"site-{variant}",
                                                               warm if variant == "warm" else "off"))
                print(f"{scale}x run {i + 1}: " + ", ".join(
                    f"{label} {getattr(result, v)[-1].wall:.2f} s" for v, label in VARIANTS), file=sys.stderr)
            # One search index file per language: their sum.
            result.index_kib = sum(f.stat().st_size for f in (work / "site-on" / "search").glob("cop-index.*.js")) / 1024
            result.site_mib = folder_size(work / "site-on") / 1024 / 1024
            result.parts = breakdown(projects["on"], work / "site-profile")
            result.warm_parts = breakdown(projects["on"], work / "site-profile", cache=warm)
            results.append(result)
        if not args.no_serve:
            real = corpus.make(work / "serve", 1)
            # In one run, so the three are comparable with the cold build above.
            serve = {"both": serve_rebuild(real, "commitments/social-media.md", cache=warm),
                     "en": serve_rebuild(real, "commitments/social-media.md", "en", cache=warm),
                     "km": serve_rebuild(real, "commitments/social-media.km.md", "km", cache=warm)}
    finally:
        shutil.rmtree(work, ignore_errors=True)

    report(results, serve)
    if args.json:
        args.json.write_text(json.dumps({
            "machine": machine(),
            "results": [{"scale": r.scale, "commitments": r.commitments,
                         **{v: [vars(x) for x in getattr(r, v)] for v, _ in VARIANTS},
                         "index_kib": r.index_kib, "site_mib": r.site_mib, "parts": r.parts,
                         "warm_parts": r.warm_parts}
                        for r in results],
            "serve": serve,
        }, indent=2), encoding="utf-8")
    return 0


def report(results: list[Result], serve: dict[str, tuple[float, float]] | None) -> None:
    print(f"Machine: {machine()}\n")
    print("| Size | Commitments | Hooks | Wall | CPU | Peak memory |")
    print("|---|---|---|---|---|---|")
    for r in results:
        for variant, label in VARIANTS:
            runs = getattr(r, variant)
            print(f"| {r.scale}x | {r.commitments} | {label} | {median(runs, 'wall'):.2f} s | "
                  f"{median(runs, 'cpu'):.2f} s | {median(runs, 'peak_mib'):.0f} MiB |")
    print("\n| Size | Search index | Site |\n|---|---|---|")
    for r in results:
        print(f"| {r.scale}x | {r.index_kib:.0f} KiB | {r.site_mib:.1f} MiB |")

    print("\nWhere the time goes (one instrumented build with hooks on, cold and warm; seconds and share):\n")
    names = sorted({name for r in results for name in r.parts["parts"]})
    print("| Part | " + " | ".join(f"{r.scale}x cold | {r.scale}x warm" for r in results) + " |")
    print("|---|" + "---|---|" * len(results))
    for name in names:
        cells = []
        for r in results:
            for parts in (r.parts, r.warm_parts):
                seconds = parts["parts"].get(name, 0.0)
                cells.append(f"{seconds:.2f} s ({100 * seconds / parts['total']:.0f}%)")
        print(f"| {name} | " + " | ".join(cells) + " |")

    print("\nTargets, as ratios from this run:\n")
    base = results[0]
    for r in results:
        for variant, how in (("on", "cold"), ("warm", "warm")):
            for ref, label in (("same", "the same content"), ("off", "the sources alone")):
                wall = median(getattr(r, variant), "wall") / median(getattr(r, ref), "wall") - 1
                cpu = median(getattr(r, variant), "cpu") / median(getattr(r, ref), "cpu") - 1
                print(f"- {r.scale}x, {how}: hooks add {100 * wall:.1f}% wall, {100 * cpu:.1f}% CPU "
                      f"to a build of {label} with no hooks (target at most 10%, same content)")
    for r in results[1:]:
        per = (median(r.on, "wall") / r.commitments) / (median(base.on, "wall") / base.commitments)
        print(f"- time per commitment at {r.scale}x / {base.scale}x: {per:.2f} (target at most 1.25)")
        if len(results) > 1:
            marginal = (median(r.on, "wall") - median(base.on, "wall")) / (r.commitments - base.commitments)
            print(f"  (each commitment beyond {base.scale}x costs {1000 * marginal:.0f} ms)")
    print(f"- peak memory at {results[-1].scale}x: {median(results[-1].on, 'peak_mib'):.0f} MiB (target at most 400)")
    if serve:
        cold = median(base.on, "wall")
        for which, (seconds, built) in serve.items():
            what, target = (("both languages", "1.5") if which == "both"
                            else (f"preview of {which} only (COP_PREVIEW={which})", "0.5"))
            print(f"- mkdocs serve with the warm cache, {what}, edit to rebuilt: {seconds:.2f} s "
                  f"(rebuild reports {built:.2f} s); cold build {cold:.2f} s; ratio {seconds / cold:.2f} "
                  f"(target at most {target})")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
