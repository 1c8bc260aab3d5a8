"""The offline bundle: one command makes it, its manifest checks, a second
build of the same commit is byte-identical, and the site links to it."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from cop import downloads
from conftest import ROOT


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


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bool]:
    """The zip made a second time, in a network namespace with no network at
    all where this machine can make one (root and util-linux's unshare);
    (the zip, whether the network was cut)."""
    out = tmp_path_factory.mktemp("again")
    command = [sys.executable, "scripts/bundle.py", "--out", str(out)]
    isolated = shutil.which("unshare") is not None and subprocess.run(["unshare", "-n", "true"]).returncode == 0
    if isolated:
        probe = subprocess.run(["unshare", "-n", sys.executable, "-c",
                                "import socket; socket.create_connection(('pypi.org', 443), timeout=3)"],
                               capture_output=True, text=True)
        assert probe.returncode != 0, "the namespace still reaches the network: the test would prove nothing"
        command = ["unshare", "-n", *command]
    proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, f"the second build failed{' with no network' if isolated else ''}:\n" \
                                 f"{proc.stdout}{proc.stderr}"
    return out / f"{downloads.BUNDLE_NAME}.zip", isolated


def test_two_builds_of_one_commit_are_byte_identical(bundle: Path, rebuilt: tuple[Path, bool]) -> None:
    """Also the exports' reproducibility: the zip holds commitments.json, .csv
    and the schema of both languages (tests/test_exports.py reads them there)."""
    again, _ = rebuilt
    assert hashlib.sha256(again.read_bytes()).hexdigest() == hashlib.sha256(bundle.read_bytes()).hexdigest()
    with zipfile.ZipFile(again) as archive:
        names = set(archive.namelist())
    for name in ("commitments.json", "commitments.csv", "km/commitments.json", "km/commitments.csv",
                 "commitments.schema.json"):
        assert f"{downloads.BUNDLE_NAME}/{name}" in names, f"{name} is not in the zip"


def test_the_build_needs_no_network(rebuilt: tuple[Path, bool]) -> None:
    """The second build above ran with no network at all."""
    _, isolated = rebuilt
    if not isolated:
        pytest.skip("this machine cannot make a network namespace (needs root and util-linux's unshare)")


def test_site_links_to_the_bundle_with_its_size(bundle: Path, full_site: Path) -> None:
    megabytes = f"{bundle.stat().st_size / 1e6:.1f}"
    for lang, page, size in (("en", "offline/index.html", megabytes),
                             ("km", "km/offline/index.html", megabytes.replace(".", ",").translate(
                                 str.maketrans("0123456789", "០១២៣៤៥៦៧៨៩")))):
        file = full_site / page
        link = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser").select_one(".cop-download a")
        assert link is not None, f"{lang}: no download link"
        assert size in link.get_text(), f"{lang}: the link does not give the size {size}"
        target = (file.parent / link["href"]).resolve()
        assert target.read_bytes() == bundle.read_bytes(), f"{lang}: the link does not lead to the bundle"
