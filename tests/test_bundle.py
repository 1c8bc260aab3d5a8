"""The offline bundle: one command makes it, its manifest checks, a second
build of the same commit is byte-identical, and the site links to it."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import ROOT, mkdocs_build


def test_manifest_lists_every_file_with_its_hash(offline_site: Path) -> None:
    listed = {}
    for line in (offline_site / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        listed[name] = digest
    present = {p.relative_to(offline_site).as_posix() for p in offline_site.rglob("*") if p.is_file()} - {"SHA256SUMS"}
    assert set(listed) == present
    for name, digest in listed.items():
        assert hashlib.sha256((offline_site / name).read_bytes()).hexdigest() == digest, name
    assert {"index.html", "km/index.html", "search/search_index.js"} <= present


def test_two_builds_of_one_commit_are_byte_identical(bundle: Path, tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "scripts/bundle.py", "--out", str(tmp_path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    again = tmp_path / bundle.name
    assert hashlib.sha256(again.read_bytes()).hexdigest() == hashlib.sha256(bundle.read_bytes()).hexdigest()


def test_site_links_to_the_bundle_with_its_size(bundle: Path, tmp_path: Path) -> None:
    result = mkdocs_build(ROOT, tmp_path / "site", COP_BUNDLE=str(bundle))
    assert result.returncode == 0, result.output[-3000:]
    megabytes = f"{bundle.stat().st_size / 1e6:.1f}"
    for lang, page, size in (("en", "offline/index.html", megabytes),
                             ("km", "km/offline/index.html", megabytes.replace(".", ",").translate(
                                 str.maketrans("0123456789", "០១២៣៤៥៦៧៨៩")))):
        file = tmp_path / "site" / page
        link = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser").select_one(".cop-download a")
        assert link is not None, f"{lang}: no download link"
        assert size in link.get_text(), f"{lang}: the link does not give the size {size}"
        target = (file.parent / link["href"]).resolve()
        assert target.read_bytes() == bundle.read_bytes(), f"{lang}: the link does not lead to the bundle"


def test_the_build_needs_no_network(tmp_path: Path) -> None:
    """Build the offline copy inside a network namespace with no network at all."""
    import shutil

    if shutil.which("unshare") is None or subprocess.run(["unshare", "-n", "true"]).returncode != 0:
        import pytest

        pytest.skip("this machine cannot make a network namespace (needs root and util-linux's unshare)")
    probe = subprocess.run(["unshare", "-n", sys.executable, "-c",
                            "import socket; socket.create_connection(('pypi.org', 443), timeout=3)"],
                           capture_output=True, text=True)
    assert probe.returncode != 0, "the namespace still reaches the network: the test would prove nothing"
    proc = subprocess.run(["unshare", "-n", sys.executable, "scripts/bundle.py", "--out", str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, f"the build failed with no network:\n{proc.stdout}{proc.stderr}"
