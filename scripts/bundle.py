"""Build the offline copy of the site as a zip, with a SHA-256 manifest.

    .venv/bin/python scripts/bundle.py [--out build]

Writes build/cop-guidelines-offline.zip. Inside, the folder
cop-guidelines-offline/ holds the site built for opening from disk (file://)
and SHA256SUMS, a manifest `sha256sum -c SHA256SUMS` checks. Two runs on the
same commit give byte-identical zips: the build date is the commit's date
(SOURCE_DATE_EPOCH), entries are sorted, and every entry gets that date and
the same permissions.

The copy always carries the editable templates (downloads/templates/): those
COP_TEMPLATES names (the release's), or, when it is unset, ones this script
makes with scripts/templates.py, dated like the rest (a few seconds). The
PDFs come only with COP_PDFS: printing them takes a browser and minutes.
"""

from __future__ import annotations

import argparse
import fnmatch
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from cop import downloads, history

ROOT = Path(__file__).resolve().parent.parent
NAME = downloads.BUNDLE_NAME
# Left out of the bundle: source maps (for debugging Material's scripts) and
# lunr's language packs (our search configuration loads none of them).
LEFT_OUT = ("*.map", "assets/javascripts/lunr/*")


def files(site: Path) -> list[Path]:
    """The files of the bundle, in a stable order."""
    return sorted(p for p in site.rglob("*")
                  if p.is_file() and p.name != "SHA256SUMS"
                  and not any(fnmatch.fnmatch(p.relative_to(site).as_posix(), pattern) for pattern in LEFT_OUT))


def commit_epoch() -> int:
    """The last commit's time, so a rebuild of the same commit is identical."""
    _, epoch = history.last_commit(ROOT)
    return epoch if epoch is not None else 315532800  # 1980-01-01, the earliest date a zip can hold


def build_site(site: Path, epoch: int) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", COP_OFFLINE="true", SOURCE_DATE_EPOCH=str(epoch))
    env.pop("COP_BUNDLE", None)
    with tempfile.TemporaryDirectory() as made:
        if not env.get("COP_TEMPLATES"):
            subprocess.run([sys.executable, "scripts/templates.py", "--out", made], cwd=ROOT, env=env, check=True,
                           stdout=subprocess.DEVNULL)
            env["COP_TEMPLATES"] = made
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--clean", "-d", str(site)],
                       cwd=ROOT, env=env, check=True)


def manifest(site: Path) -> str:
    lines = []
    for path in files(site):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"{digest}  {path.relative_to(site).as_posix()}")
    return "\n".join(lines) + "\n"


def write_zip(site: Path, target: Path, epoch: int) -> None:
    stamp = time.gmtime(max(epoch, 315532800))[:6]
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in [*files(site), site / "SHA256SUMS"]:
            info = zipfile.ZipInfo(f"{NAME}/{path.relative_to(site).as_posix()}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes(), compresslevel=9)


def bundle(out: Path) -> tuple[Path, int, float]:
    """Build the zip; return its path, the unzipped size and the build time."""
    start = time.perf_counter()
    epoch = commit_epoch()
    site = out / NAME
    if site.exists():
        shutil.rmtree(site)
    out.mkdir(parents=True, exist_ok=True)
    build_site(site, epoch)
    listing = manifest(site)
    (site / "SHA256SUMS").write_text(listing, encoding="utf-8")
    target = out / f"{NAME}.zip"
    write_zip(site, target, epoch)
    unzipped = sum(p.stat().st_size for p in [*files(site), site / "SHA256SUMS"])
    return target, unzipped, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build")
    args = parser.parse_args()
    target, unzipped, seconds = bundle(args.out.resolve())
    print(f"{target}: {target.stat().st_size / 1e6:.1f} MB zipped, {unzipped / 1e6:.1f} MB unzipped, "
          f"built in {seconds:.1f} s")
    print(f"sha256 {hashlib.sha256(target.read_bytes()).hexdigest()}")


if __name__ == "__main__":
    main()
