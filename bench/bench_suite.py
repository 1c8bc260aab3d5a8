"""How long the test suite takes on a clean clone, as CI runs it (the
target: at most 5 minutes on the project's 2-core machine, set-up included).

    .venv/bin/python bench/bench_suite.py [--ref HEAD] [--runs 1]

Clones the repository at REF into a temporary folder and runs the README's
test command there (``bash scripts/test``, with ``--durations=0``): a new
virtual environment, the pinned packages, the Nu checker, then the suite in
two processes. Reports, for each run, the wall time from the clone to the
end (set-up included), pytest's own time, the machine's load before it
started, and the test files that took longest (their tests' set-up, call and
tear-down added up, in whichever process ran them).

Debian's Chromium, the Khmer fonts and Java are taken as installed, as on a
machine that has run ``scripts/test`` once; CI installs them first. The suite
itself has no timed test: this script is where its time is recorded (on
docs/maintainers/performance.md).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 5 * 60
DURATION = re.compile(r"^([\d.]+)s (?:setup|call|teardown)\s+(tests/[^:\s]+)", re.M)
PASSED = re.compile(r"^(?:=+ )?(\d+ (?:passed|failed).*?) in ([\d.]+)s", re.M)


def one_run(ref: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="cop-suite-") as folder:
        clone = Path(folder) / "clone"
        load = os.getloadavg()[0]
        start = time.perf_counter()
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
        subprocess.run(["git", "checkout", "-q", ref], cwd=clone, check=True)
        proc = subprocess.run(["bash", "scripts/test", "--durations=0", "-q"], cwd=clone,
                              capture_output=True, text=True)
        wall = time.perf_counter() - start
    output = proc.stdout + proc.stderr
    summary = PASSED.findall(output)
    files: Counter[str] = Counter()
    for seconds, file in DURATION.findall(output):
        files[file] += float(seconds)
    return {"returncode": proc.returncode, "wall": wall, "load": load,
            "summary": summary[-1][0] if summary else "no summary", "pytest": float(summary[-1][1]) if summary else 0.0,
            "files": files, "tail": proc.stdout[-4000:]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", default="HEAD", help="the commit to clone and test")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    ref = subprocess.run(["git", "rev-parse", "--short", args.ref], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout.strip()
    runs = []
    for number in range(args.runs):
        print(f"run {number + 1} of {args.runs}: clone of {ref}, bash scripts/test ...", file=sys.stderr, flush=True)
        run = one_run(ref)
        if run["returncode"] != 0:
            print(run["tail"], file=sys.stderr)
            print(f"the suite failed (exit {run['returncode']}): no figure recorded", file=sys.stderr)
            return 1
        runs.append(run)

    print(f"| run | load before | clean clone to the end | pytest | result |")
    print("|---|---:|---:|---:|---|")
    for number, run in enumerate(runs, start=1):
        minutes, seconds = divmod(round(run["wall"]), 60)
        print(f"| {number} | {run['load']:.2f} | {minutes} min {seconds:02d} s | {run['pytest']:.0f} s | {run['summary']} |")
    worst = max(run["wall"] for run in runs)
    print(f"\nTarget: at most {TARGET_S // 60} minutes from a clean clone; slowest run {worst:.0f} s: "
          f"{'met' if worst <= TARGET_S else 'NOT met'}.\n")
    print("| test file | time (set-up, calls, tear-down) |")
    print("|---|---:|")
    for file, seconds in runs[-1]["files"].most_common(10):
        print(f"| `{file}` | {seconds:.0f} s |")
    return 0 if worst <= TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
