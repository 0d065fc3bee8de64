#!/usr/bin/env python3
"""Do two installs of `audit` give the same output on every text we have? (issue 16)

    python bench/same_output.py OLD_AUDIT NEW_AUDIT [--docx] [--out DIR]

Audits, with each `audit` command, every text of fixtures/seeds, tests/data/corpus/texts and
tests/data/real*/texts, fixtures/*.docx and tests/data/*.md (with --docx also a Word file made
from each text by `quality.docx_from_text`), `-f json`, and compares the whole output (findings,
their places, the numbers' texts and values; exit code and stderr too). The hash seed is fixed:
some messages depend on it (the order of a set), the same way in both. Each install gets its own
cache folder. Prints each file that differs and the count of identical ones.
"""

from __future__ import annotations

import argparse
import difflib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def inputs(with_docx: bool, folder: Path) -> list[Path]:
    texts = sorted([*(ROOT / "fixtures" / "seeds").glob("*.txt"), *(ROOT / "tests" / "data" / "corpus" / "texts").glob("*"),
                    *(ROOT / "tests" / "data").glob("real*/texts/*")])
    files = [*texts, *sorted((ROOT / "fixtures").glob("*.docx")), *sorted((ROOT / "tests" / "data").glob("*.md"))]
    if with_docx:
        from auditor.extract.quality import docx_from_text

        for t in texts:
            d = folder / f"{t.parent.parent.name}__{t.name}.docx"
            d.write_bytes(docx_from_text(t.read_text("utf-8")))
            files.append(d)
    return files


def run(audit: str, path: Path, cache: Path) -> str:
    env = {**os.environ, "PYTHONHASHSEED": "0", "AUDIT_CACHE_DIR": str(cache)}
    r = subprocess.run([audit, str(path), "-f", "json"], capture_output=True, text=True, env=env, check=False)
    return f"exit {r.returncode}\n{r.stdout}\n--- stderr\n{r.stderr}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--docx", action="store_true", help="also a .docx made from each text")
    ap.add_argument("--out", type=Path, default=None, help="folder for the .docx and caches (default: temp)")
    args = ap.parse_args()
    folder = args.out or Path(tempfile.mkdtemp(prefix="audit-same-"))
    folder.mkdir(parents=True, exist_ok=True)
    same, differ = 0, 0
    for path in inputs(args.docx, folder):
        a, b = run(args.old, path, folder / "cache_old"), run(args.new, path, folder / "cache_new")
        if a == b:
            same += 1
            continue
        differ += 1
        print(f"DIFFERS: {path}")
        sys.stdout.writelines(list(difflib.unified_diff(a.splitlines(True), b.splitlines(True), "old", "new", n=1))[:40])
    print(f"{same} identical, {differ} different")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
