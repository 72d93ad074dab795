"""Gather the real corpus's PDFs from snapshots of their public repositories, checking each one's sha256.

    python eval/real/collect.py OUT_DIR [--snapshots DIR ...]

The PDFs are public documents, but they are not stored in this repository: manifest.json says where each one
was published (repository, path, commit). Bring each repository's snapshot (a bare git directory or a clone)
under one of the ``--snapshots`` folders (default: /work/.mirror), named ``owner+name`` or ``name``; this script
extracts each file at its commit with ``git show`` into OUT_DIR as ``<id>.pdf`` and checks its sha256 against the
manifest. Files already there with the right sha256 are left alone. Nothing is modified elsewhere.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def git_dir(repo: str, roots: list[Path]) -> Path | None:
    owner, name = repo.split("/", 1)
    for root in roots:
        for candidate in (root / f"{owner}+{name}", root / name):
            for sub in (candidate, *sorted(candidate.glob("*.git")), *sorted(candidate.glob("*/"))):
                if (sub / "objects").is_dir() or (sub / ".git").is_dir():
                    return sub / ".git" if (sub / ".git").is_dir() else sub
    return None


def collect(out: Path, roots: list[Path]) -> list[str]:
    """Extract every manifest file into ``out``; one sentence per file that could not be had."""
    out.mkdir(parents=True, exist_ok=True)
    problems = []
    for m in json.loads((HERE / "manifest.json").read_text(encoding="utf-8")):
        target = out / m["file"]
        if target.exists() and hashlib.sha256(target.read_bytes()).hexdigest() == m["sha256"]:
            continue
        repo = git_dir(m["repo"], roots)
        if repo is None:
            problems.append(f"{m['id']}: no snapshot of {m['repo']} under {', '.join(map(str, roots))}.")
            continue
        run = subprocess.run(["git", f"--git-dir={repo}", "show", f"{m['commit']}:{m['path']}"], capture_output=True)
        if run.returncode != 0:
            problems.append(f"{m['id']}: {m['path']} is not at commit {m['commit'][:10]} of {m['repo']}.")
            continue
        if hashlib.sha256(run.stdout).hexdigest() != m["sha256"]:
            problems.append(f"{m['id']}: the file at {m['repo']}@{m['commit'][:10]} differs from the one annotated.")
            continue
        target.write_bytes(run.stdout)
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--snapshots", type=Path, nargs="*", default=[Path("/work/.mirror")])
    a = ap.parse_args(argv)
    problems = collect(a.out, a.snapshots)
    print("\n".join(problems) if problems else f"every file of the manifest is in {a.out}.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
