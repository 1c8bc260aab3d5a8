"""What the content gates cost on the real site (at most 10% of a build).

    .venv/bin/python bench/bench_gates.py [--repeat 5]

Builds the site in this process a few times (both languages, strict) with the
gates timed where they run, and reports the best CPU time of each against the
build's own:

- the source gates, once per run (``cop.gate.content_problems``: Markdown
  safety, front matter, page language, files under docs/);
- the output gate, every page of every language (``cop.output.check``: the
  page's HTML against nh3's allowlist).

CPU time, not wall time: other work on a shared machine changes wall time a
lot and CPU time little. The best of several runs is the figure least touched
by it.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

import cop.gate
import cop.output

ROOT = Path(__file__).resolve().parent.parent


def timed(spent: dict[str, float], name: str, fn):  # type: ignore[no-untyped-def]
    def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
        start = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[name] += time.process_time() - start
    return wrapper


def one_build(site: Path) -> dict[str, float]:
    spent = {"source gates": 0.0, "output gate": 0.0}
    content, check = cop.gate.content_problems, cop.output.check
    cop.gate.content_problems = timed(spent, "source gates", content)  # type: ignore[assignment]
    cop.output.check = timed(spent, "output gate", check)  # type: ignore[assignment]
    try:
        start = time.process_time()
        config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
        config.plugins.on_shutdown()
        spent["build"] = time.process_time() - start
    finally:
        cop.gate.content_problems, cop.output.check = content, check  # type: ignore[assignment]
    return spent


def process_build(site: Path) -> float:
    """CPU time of one `mkdocs build --strict` in its own process, as editors and CI run it."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=ROOT, check=True,
                   env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    runs = []
    with tempfile.TemporaryDirectory(prefix="bench-gates-") as out:
        for _ in range(args.repeat):
            runs.append(one_build(Path(out) / "site"))
        whole = min(process_build(Path(out) / "process-site") for _ in range(args.repeat))
    best = {name: min(run[name] for run in runs) for name in runs[0]}
    gates = best["source gates"] + best["output gate"]
    print(f"build (CPU, best of {args.repeat}): {best['build']:.2f} s")
    for name in ("source gates", "output gate"):
        print(f"{name}: {best[name]:.3f} s ({100 * best[name] / best['build']:.1f}%)")
    print(f"gates together: {gates:.3f} s, {100 * gates / (best['build'] - gates):.1f}% added to the build itself "
          "(in this process, imports done)")
    print(f"`mkdocs build` in its own process (CPU, best of {args.repeat}): {whole:.2f} s; the gates add "
          f"{100 * gates / (whole - gates):.1f}% to it (target at most 10%)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
