"""Time the assessment report's rendering for the largest assessment, on a
phone profile, in Debian's Chromium.

    .venv/bin/python scripts/bench_report.py [--site DIR] [--runs N] [--throttle X]

Builds the site (or uses ``--site``), serves it, and opens the Khmer report
(the heavier language) on a phone: a 390 x 844 viewport at three device
pixels per CSS pixel, touch, and the CPU slowed down ``--throttle`` times
(4, as Lighthouse's mobile profile does). The assessment answers every
question "yes", so every commitment applies, and gives every commitment a
status, a long Khmer note, an owner, a due date and evidence, and every key
area its risk ratings. It then renders the report ``--runs`` times through
the page's own code (``copAssessment.renderReport``), up to the layout of
what the screen shows, and prints the median and the slowest run, against a
goal of 500 ms; then the same with every part of the report laid out at once,
as printing does. A benchmark, not a test: the
figures depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from browser import CHROMIUM, CHROMIUM_FLAGS, serve

GOAL_MS = 500
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True, "has_touch": True}
STATUSES = ["done", "in-progress", "not-started", "not-applicable"]
NOTE = "ឯកសារភស្តុតាងត្រូវបានរក្សាទុកនៅក្នុងថតរួមរបស់ក្រុមហ៊ុន ហើយត្រូវបានពិនិត្យឡើងវិញរៀងរាល់ត្រីមាស។ " * 4


def largest(data: dict) -> dict:
    """An assessment that brings in every commitment and answers each one fully."""
    items = {}
    for number, commitment in enumerate(data["commitments"]):
        status = STATUSES[number % len(STATUSES)]
        items[commitment["id"]] = {"status": status, "note": NOTE, "owner": "សុខា ចាន់", "due": "2027-0%d-15" % (1 + number % 9),
                                   "evidence": f"https://intranet.example/policies/{commitment['id']}",
                                   "reason": NOTE if status == "not-applicable" else "", "updated": "2027-01-01T00:00:00.000Z"}
        items[commitment["id"]] = {k: v for k, v in items[commitment["id"]].items() if v}
    risks = {ka: {"likelihood": "high", "severity": "medium", "remaining": "low"} for ka, _ in data["key_areas"]}
    return {"id": "a1", "name": "ការវាយតម្លៃធំបំផុត", "answers": {q["id"]: "yes" for q in data["questions"]},
            "items": items, "risks": risks}


def measure(site: Path, runs: int, throttle: float) -> list[float]:
    from playwright.sync_api import sync_playwright

    server = serve(site)
    base = next(server)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            context = browser.new_context(**PHONE)
            tab = context.new_page()
            tab.goto(f"{base}/km/report/")
            data = tab.evaluate("() => JSON.parse(document.getElementById('cop-assessment-data').textContent)")
            store = {"version": 1, "current": "a1", "assessments": [largest(data)], "unexported": {}, "next": 2}
            tab.evaluate("store => localStorage.setItem('cop-assessments-v1', JSON.stringify(store))", store)
            tab.reload()
            tab.locator(".cop-rp-body").wait_for()
            cdp = context.new_cdp_session(tab)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
            render = """([runs, whole]) => {
                // whole: every part laid out at once, as for printing.
                const style = document.createElement('style');
                style.textContent = whole ? '.md-typeset .cop-rp-part { content-visibility: visible; }' : '';
                document.head.appendChild(style);
                const session = new copAssessment.Session();
                const box = document.querySelector('.cop-rp-report');
                const out = [];
                for (let i = 0; i < runs; i++) {
                    const start = performance.now();
                    copAssessment.renderReport(session, box, session.current());
                    box.getBoundingClientRect();  // the layout the reader waits for
                    out.push(performance.now() - start);
                }
                style.remove();
                return out;
            }"""
            times = tab.evaluate(render, [runs, False])
            whole = tab.evaluate(render, [runs, True])
            rows = tab.locator(".cop-rp-applying li").count()
            browser.close()
    finally:
        server.close()
    print(f"report of {rows} commitments, {runs} renders, CPU slowed {throttle:g}x")
    print(f"every part laid out at once (as for printing): median {statistics.median(whole):.0f} ms, "
          f"slowest {max(whole):.0f} ms")
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="a site already built (default: build one)")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--throttle", type=float, default=4.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=ROOT,
                           env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), check=True)
        times = measure(site, args.runs, args.throttle)
    median, worst = statistics.median(times), max(times)
    print(f"on screen: median {median:.0f} ms, slowest {worst:.0f} ms (goal: under {GOAL_MS} ms): "
          + ("met" if median < GOAL_MS else "NOT met") + " (judged on the median: the slowest run measures the machine too)")
    print(json.dumps({"median_ms": round(median, 1), "slowest_ms": round(worst, 1), "runs": len(times)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
