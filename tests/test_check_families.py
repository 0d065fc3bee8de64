"""The families of check kinds are imported when a rule of the run needs them (issue 16): the
explicit list in `auditor/checks/__init__.py` says which module registers which kind, and a run
that selects a few rules imports only their families."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from auditor import checks

ROOT = Path(__file__).resolve().parent.parent


def test_the_list_of_families_is_what_the_modules_register() -> None:
    registry = checks.load_all()
    listed = {k: family for family, kinds in checks.FAMILIES.items() for k in kinds}
    registered = {k: v.fn.__module__.rsplit(".", 1)[-1] for k, v in registry.items()
                  if v.fn.__module__.startswith("auditor.checks.")}
    assert registered == listed
    assert sum(len(kinds) for kinds in checks.FAMILIES.values()) == len(listed)  # no kind listed twice
    assert checks.names() == sorted(listed)


def test_a_kind_is_found_through_its_family_and_an_unknown_one_is_not() -> None:
    assert checks.kind("sum").name == "sum"
    assert checks.kind("sum").window is not None  # set by its module after registering
    assert checks.known("unit_name") and not checks.known("no_such_kind")
    with pytest.raises(KeyError):
        checks.kind("no_such_kind")


_RUN = """
import json, sys
from auditor.engine.ruleset import load_rules, select_rules
from auditor.workflows.pipeline import audit_file
ruleset = load_rules()
rules = select_rules(ruleset, sys.argv[2].split(","), None)
audit = audit_file(sys.argv[1], ruleset, rules)
print(json.dumps({"modules": sorted(m for m in sys.modules if m.startswith("auditor.checks.")),
                  "findings": sorted({f.rule_id for f in audit.findings}), "evaluated": audit.stats.evaluated}))
"""


def _run(select: str) -> dict[str, Any]:
    seed = ROOT / "fixtures" / "seed_000_but_son_2022.json"
    out = subprocess.run([sys.executable, "-c", _RUN, str(seed), select], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    return json.loads(out.stdout)


@pytest.mark.parametrize(("select", "families"), [
    ("SUM,PCT", ["arithmetic"]),
    ("CAL", ["calendar"]),
    ("PER,LEG", ["legal", "period"]),  # (legal's checks use period's helpers)
])
def test_a_run_imports_only_the_families_of_its_rules(select: str, families: list[str]) -> None:
    got = _run(select)
    assert got["modules"] == sorted(["auditor.checks.registry"] + [f"auditor.checks.{f}" for f in families])
    assert got["evaluated"] > 0 and all(r.startswith(tuple(select.split(","))) for r in got["findings"])


def test_a_run_of_every_rule_imports_every_family() -> None:
    got = _run("ALL")
    assert got["modules"] == sorted(["auditor.checks.registry"] + [f"auditor.checks.{f}" for f in checks.FAMILIES])


def test_a_kind_missing_from_the_list_is_still_found() -> None:
    """Adding a kind to a family without listing it costs start-up time (every family is then
    imported to find it), never a rule that cannot be loaded; the test above names it."""
    code = ("import sys\n"
            "from auditor import checks\n"
            "del checks._FAMILY_OF['change']\n"
            "assert 'auditor.checks.arithmetic' not in sys.modules\n"
            "print(checks.known('change'), checks.kind('change').name, 'change' in checks.names())\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.split() == ["True", "change", "True"]
