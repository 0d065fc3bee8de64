"""docs/architecture.md's walk-through works as written: its toy rule loads and its examples
pass and fail as they say, its check kind registers and decides both ways, and an output format
added the way it says is used by `-f`."""

from __future__ import annotations

import re
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from auditor.checks.registry import REGISTRY
from auditor.engine.ruleset import load_rules, rules_dir
from auditor.model.facts import Fact
from auditor.workflows.examples import example_verdict, run_example

DOC = Path(__file__).resolve().parent.parent / "docs" / "architecture.md"


def _block(lang: str, contains: str) -> str:
    for m in re.finditer(rf"```{lang}\n(.*?)```", DOC.read_text("utf-8"), re.S):
        if contains in m.group(1):
            return textwrap.dedent(m.group(1))
    raise AssertionError(f"no ```{lang} block with {contains!r} in {DOC}")


def test_the_toy_rule_loads_and_its_examples_decide(tmp_path: Path) -> None:
    rule = yaml.safe_load(_block("yaml", "TOY001"))[0]
    for name in ("rationale", "fix"):
        rule[name] = {"vi": "Ví dụ.", "en": "An example."}
    (tmp_path / "toy.yaml").write_text(yaml.safe_dump({"version": "1", "rules": [rule]}, allow_unicode=True), "utf-8")
    rs = load_rules(str(tmp_path))
    toy = rs.get("TOY001")
    assert toy is not None
    assert [ex.expect for ex in toy.examples] == ["pass", "fail"]
    for ex in toy.examples:
        assert example_verdict(run_example(toy, ex, rs), toy) == ex.expect, ex.title


def test_the_toy_check_kind_registers_and_decides_both_ways() -> None:
    code = _block("python", "at_most")
    namespace: dict = {}
    try:
        exec(compile(code, str(DOC), "exec"), namespace)
        kind = REGISTRY["at_most"]
        assert kind.paths == {"value", "limit"}

        def fact(text: str) -> Fact:
            return Fact(Decimal(text), 0, True, text, "/x", "xã", None)

        assert kind.fn({"value": fact("3"), "limit": fact("5")}, {})[0].status == "pass"
        assert kind.fn({"value": fact("7"), "limit": fact("5")}, {})[0].status == "fail"
    finally:
        REGISTRY.pop("at_most", None)


def test_an_output_format_added_as_documented_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from auditor import output
    from auditor.cli import main

    line = _block("python", "auditor.output.toy").strip().rstrip(",")
    name, target = line.split(":", 1)
    module, fn = eval(target)  # ("auditor.output.toy", "render_toy")
    pkg = tmp_path / "toypkg"
    pkg.mkdir()
    (pkg / "toy.py").write_text("def render_toy(rr, lang):\n    return f'TOY {len(rr.findings)}\\n'\n")
    monkeypatch.syspath_prepend(str(pkg))
    monkeypatch.setitem(output.FORMATS, eval(name), ("toy", fn))
    assert module == "auditor.output.toy" and fn == "render_toy"
    fixture = Path(__file__).resolve().parent.parent / "fixtures" / "example.json"
    r = CliRunner().invoke(main, [str(fixture), "-f", "toy"])
    assert r.output == "TOY 0\n", r.output


def test_rules_dir_is_the_repository_rules() -> None:
    assert (rules_dir() / "arithmetic.yaml").exists()
    assert "auditor" in sys.modules
