#!/usr/bin/env python3
"""Instructions per report by stage, in one process without the CLI (valgrind's callgrind):

    valgrind --tool=callgrind --callgrind-out-file=/dev/null python bench/parts.py MODE N FOLDER

audits the first N reports of FOLDER (made by `benchmark.py --generate`) after one report that
warms the caches; the difference between N = 60 and N = 10, divided by 50, is one report's
share. MODE: `read` (reading and the rules' view), `rules` (and the rules, without
`localize`/grouping), `rules-nocmp006` (the same without the unit-name rule), `full`
(`pipeline.audit_file`: findings localized, grouped, positioned), `full-nolocalize` (the same
with `localize` answering nothing: what finding the wrong value costs), `stream` (`full` as a
streamed run's worker audits a file, `audit DIR -f concise`: the input's SHA-256, which no
streamed format prints, not computed)."""

from __future__ import annotations

import glob
import sys


def main() -> int:
    mode, n, folder = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    from auditor.engine.ruleset import load_rules
    from auditor.engine.runner import run_rules
    from auditor.workflows import pipeline

    ruleset = load_rules()
    rules = list(ruleset.rules)
    if mode == "rules-nocmp006":
        rules = [r for r in rules if r.id != "CMP006"]
    if mode == "full-nolocalize":
        from auditor.engine import localize

        localize.localize = lambda result, view=None: []  # type: ignore[assignment]
    files = sorted(glob.glob(f"{folder}/**/*.json", recursive=True))
    from auditor.workflows import batch

    if n + 1 >= batch.STRAIGHT_MIN:  # (as `batch.audit_files` does for so many files)
        from auditor.engine.runner import use_straight_runs

        use_straight_runs()
    pipeline.audit_file(files[0], ruleset, rules)
    for f in files[1:n + 1]:
        if mode.startswith("full") or mode == "stream":
            pipeline.audit_file(f, ruleset, rules, digest=mode != "stream")
            continue
        res = pipeline.read_any(f)
        if mode != "read" and res.report is not None:
            run_rules(res.report, rules, f, view=res.view)
    return 0


if __name__ == "__main__":
    sys.exit(main())
