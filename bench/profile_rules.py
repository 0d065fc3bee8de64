#!/usr/bin/env python3
"""Where the time of one report goes: CPU milliseconds per report for each stage (reading and
validating, building the rules' view, positions) and for each rule, over generated reports.

    python bench/profile_rules.py            # 200 generated reports (see benchmark.py)
    python bench/profile_rules.py -n 500 --top 30
    python bench/profile_rules.py --files 'reports/**/*.json'

In one process, without the CLI: start-up is measured by benchmark.py. CPU time (not wall
time), so the figures hold on a busy machine too.
"""

from __future__ import annotations

import argparse
import glob
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchmark import generate  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=200, help="generated reports (default 200)")
    ap.add_argument("--files", default=None, help="glob of existing reports instead")
    ap.add_argument("--top", type=int, default=20)
    args = ap.parse_args()

    from auditor.engine import runner as engine
    from auditor.engine.ruleset import load_rules
    from auditor.read import json_reader as reader
    from auditor.read import sourcemap
    from auditor.workflows import pipeline

    ruleset = load_rules()
    rules = list(ruleset.rules)
    with tempfile.TemporaryDirectory() as tmp:
        files = sorted(glob.glob(args.files, recursive=True)) if args.files else \
            [str(p) for p in generate(args.n, Path(tmp))]
        cpu: Counter[str] = Counter()

        def timed(name: str, fn):  # type: ignore[no-untyped-def]
            def wrapper(*a, **k):  # type: ignore[no-untyped-def]
                t = time.process_time()
                try:
                    return fn(*a, **k)
                finally:
                    cpu[name] += time.process_time() - t
            return wrapper

        run_rule = engine._run_rule
        engine._run_rule = lambda rule, *a: timed(rule.id, run_rule)(rule, *a)  # type: ignore[assignment]
        # (the one-pass reader makes the rules' view while it validates; build_view is timed
        # on its own only for reports that took a slower reader)
        reader.validate_data = timed("(read: validate + view)", reader.validate_data)  # type: ignore[assignment]
        engine.build_view = timed("(view for the rules)", engine.build_view)  # type: ignore[assignment]
        sourcemap.positions_for = timed("(positions of findings)", sourcemap.positions_for)  # type: ignore[assignment]
        pipeline.audit_file(files[0], ruleset, rules)  # warm caches
        cpu.clear()
        t0 = time.process_time()
        for f in files:
            pipeline.audit_file(f, ruleset, rules)
        total = time.process_time() - t0
    n = len(files)
    print(f"{n} reports, {len(rules)} rules: {total / n * 1000:.1f} ms CPU per report "
          f"(≈ {n / total:.0f} reports/s per core)")
    for name, t in cpu.most_common(args.top):
        print(f"  {name:<26} {t / n * 1000:6.2f} ms  {t / total * 100:5.1f} %")
    rest = total - sum(cpu.values())
    print(f"  {'(other: parse, hints…)':<26} {rest / n * 1000:6.2f} ms  {rest / total * 100:5.1f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
