"""Rewrite every file generated from the pydantic models: `python -m auditor.generate`.

The JSON Schemas (`schemas/*.json`), the plans of the fast readers (`auditor/data/*_plan.json`),
the one-pass report reader generated from the report plan (`auditor/read/_fastview.py`), the
methods of the tool's dataclasses (`auditor/records/_generated.py`), and the straight-line runs of
the shipped rules' shapes of variant (`auditor/engine/_straight.py`).
Tests fail when a committed file drifts from the models, naming this command.
"""

from __future__ import annotations

from pathlib import Path

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
    from auditor.engine.runner import straight_shapes

    path = Path(straight.GENERATED)
    path.write_text(straight.source(straight_shapes(load_rules().rules)), encoding="utf-8")
    return path


if __name__ == "__main__":
    for path in generate_all(Path(__file__).resolve().parent.parent / "schemas"):
        print(path)
