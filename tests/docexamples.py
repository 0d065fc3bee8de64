"""Examples of command output in README.md and docs/*.md, checked against the real command.

An example is a fenced block tagged `console` whose first line is `$ audit ARGS`; the lines
after it are what the command prints (stdout, then stderr, as a terminal shows them). A line
that is only `…` stands for any number of lines (to show the start of a long output). The
command runs as `python -m auditor ARGS` in a scratch folder where `fixtures/` is this
repository's, with a fixed terminal width (100 columns) and no colour; paths of the scratch
folder and of the repository are the only things normalised.

`python -m tests.docexamples --update` rewrites every example with what the command prints now
(keeping a `…` line where the example had one), for when an output changes on purpose.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^```console\n(\$ audit[^\n]*)\n(.*?)^```$", re.M | re.S)
ELLIPSIS = "…"


@dataclass
class Example:
    file: Path
    command: str         # “audit …”
    expected: list[str]
    start: int           # offsets of the block's body in the file
    end: int

    def args(self) -> list[str]:
        return shlex.split(self.command)[1:]


def examples(files: list[Path] = FILES) -> list[Example]:
    out = []
    for f in files:
        text = f.read_text("utf-8")
        for m in FENCE.finditer(text):
            body = m.group(2)
            out.append(Example(f, m.group(1)[2:], body.splitlines(), m.start(2), m.end(2)))
    return out


def run(args: list[str]) -> tuple[int, list[str]]:
    """What `audit ARGS` prints, as the example shows it."""
    with tempfile.TemporaryDirectory(prefix="audit-doc-") as tmp:
        work = Path(tmp)
        (work / "fixtures").symlink_to(ROOT / "fixtures", target_is_directory=True)
        env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "AUDIT_CI")}
        env.update(COLUMNS="100", LINES="40", NO_COLOR="1", TERM="dumb", PYTHONIOENCODING="utf-8")
        p = subprocess.run([sys.executable, "-m", "auditor", *args], cwd=work, capture_output=True, text=True,
                           env=env, timeout=120)
        text = (p.stdout + p.stderr).replace(str(work.resolve()), ".").replace(str(work), ".")
        text = text.replace(str(ROOT), ".")
    return p.returncode, text.splitlines()


def matches(expected: list[str], actual: list[str]) -> bool:
    """Line by line, `…` matching any run of lines (none included)."""
    def go(i: int, j: int) -> bool:
        if i == len(expected):
            return j == len(actual)
        if expected[i] == ELLIPSIS:
            return any(go(i + 1, k) for k in range(j, len(actual) + 1))
        return j < len(actual) and expected[i].rstrip() == actual[j].rstrip() and go(i + 1, j + 1)
    return go(0, 0)


def updated(ex: Example, actual: list[str]) -> list[str]:
    """The actual output, cut where the example had a `…` (its lines before the `…`)."""
    if ELLIPSIS in ex.expected:
        head = ex.expected.index(ELLIPSIS)
        return [*actual[:head], ELLIPSIS] if len(actual) > head else actual
    return actual


def update() -> int:
    changed = 0
    for f in FILES:
        text = f.read_text("utf-8")
        for ex in reversed(examples([f])):
            _, actual = run(ex.args())
            if matches(ex.expected, actual):
                continue
            new = "\n".join(updated(ex, actual)) + "\n"
            text = text[:ex.start] + new + text[ex.end:]
            changed += 1
        f.write_text(text, "utf-8")
    print(f"{changed} example(s) rewritten")
    return 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--update"]:
        raise SystemExit(update())
    for ex in examples():
        print(f"{ex.file.relative_to(ROOT)}: $ {ex.command}")
