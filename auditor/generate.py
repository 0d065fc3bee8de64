"""Rewrite every file generated from the pydantic models: `python -m auditor.generate`.

The JSON Schemas (`schemas/*.json`), the plans of the fast readers (`auditor/data/*_plan.json`),
the one-pass report reader generated from the report plan (`auditor/read/_fastview.py`), the
methods of the tool's dataclasses (`auditor/records/_generated.py`), and the straight-line runs of
the shipped rules' shapes of variant (`auditor/engine/_straight.py`).
Tests fail when a committed file drifts from the models, naming this command.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from auditor.model.schemas import write_all, write_plans
from auditor.read.fastview import GENERATED, generated_source
from auditor.records import writer


def generate_all(schema_dir: Path) -> list[Path]:
    out = write_all(schema_dir) + write_plans()  # plans first: the reader is generated from one
    GENERATED.write_text(generated_source(), encoding="utf-8")
    return out + [GENERATED, Path(writer.write()), write_straight()]


def write_straight() -> Path:
    """`auditor/engine/_straight.py` for the shapes of the shipped rules' variants."""
    from auditor.engine import straight
    from auditor.engine.ruleset import load_rules

    path = Path(straight.GENERATED)
    path.write_text(straight.source(straight_shapes(load_rules().rules)), encoding="utf-8")
    return path


def straight_shapes(rules: Iterable[Any]) -> set[tuple[bool, tuple[tuple[str, bool], ...]]]:
    """The shapes of the variants of `rules` that run item by item (what `engine/_straight.py`
    is generated for, from the shipped rules)."""
    from auditor.checks import kind as check_kind
    from auditor.engine import runner, straight

    shapes = set()
    for rule in rules:
        if rule.check == "input" or rule.group_by:
            continue
        kind = check_kind(rule.check)
        for _, params in runner._expand(rule):
            resolvers, marks = runner._resolvers(kind, params)
            steps = [(k, params[k], r, mark) for (k, r), mark in zip(resolvers, marks)]
            shapes.add(straight.shape_of(steps, kind.needs, kind.grouped, runner._item_getter,
                                         runner._SIMPLE.match)[0])
    return shapes


if __name__ == "__main__":
    for path in generate_all(Path(__file__).resolve().parent.parent / "schemas"):
        print(path)

