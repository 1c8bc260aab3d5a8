"""What git knows: when each page's source file last changed, and the commit checked out.

One ``git log`` for the whole docs folder, newest commit first: the first
commit that names a file is the last one that changed it. No network, no
subprocess per page. Without git, outside a repository, or for a file never
committed (new, untracked), there is simply no date. A file with uncommitted
edits shows the date of its last commit. A shallow clone holds only the latest
commits, so every older file would show the date of the oldest commit it has:
CI clones with ``fetch-depth: 0``.
"""

from __future__ import annotations

import subprocess
from pathlib import Path


def last_commit(root: Path) -> tuple[str | None, int | None]:
    """The checked-out commit and its time (seconds since 1970), from git (no
    network); (None, None) without git or outside a repository. The exports
    state it, and scripts/bundle.py dates the offline zip with it."""
    try:
        proc = subprocess.run(["git", "log", "-1", "--format=%H %ct"], cwd=root, capture_output=True,
                              text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None, None
    out = proc.stdout.split() if proc.returncode == 0 else []
    return (out[0], int(out[1])) if len(out) == 2 and out[1].isdigit() else (None, None)


def parse(log: str, prefix: str = "") -> dict[str, str]:
    """``git log --format=%x00%cs --name-only`` output -> {path: YYYY-MM-DD},
    paths made relative to ``prefix`` (the folder, from the repository's root)."""
    dates: dict[str, str] = {}
    current: str | None = None
    for line in log.splitlines():
        if line.startswith("\0"):
            current = line[1:].strip()
        elif line and current is not None and line.startswith(prefix):
            dates.setdefault(line[len(prefix):], current)
    return dates


def last_changed(folder: Path) -> dict[str, str]:
    """{path relative to ``folder``: date of the last commit that changed it}.

    ``--cc`` lists, for a merge, the files it changed against every parent (a
    conflict resolved in the merge): the same commits ``git log -1 -- file``
    names. Those paths are always from the repository's root (``--relative``
    does not apply to them), so every path is read from the root."""
    try:
        top = subprocess.run(["git", "rev-parse", "--show-prefix"], cwd=folder, capture_output=True, text=True,
                             encoding="utf-8", timeout=30)
        if top.returncode != 0:
            return {}  # not in a repository
        command = ["git", "-c", "core.quotepath=off", "log", "--format=%x00%cs", "--cc", "--name-only", "--", "."]
        proc = subprocess.run(command, cwd=folder, capture_output=True, text=True, encoding="utf-8", timeout=120)
    except (OSError, subprocess.SubprocessError):
        return {}  # no git on this machine
    return parse(proc.stdout, top.stdout.strip()) if proc.returncode == 0 else {}
