#!/usr/bin/env python3
"""Instructions of some functions of one `audit` run, counted by valgrind (issue 16).

    WRAP=auditor.extract.docx.read_docx,auditor.extract.build.build \\
    PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=/dev/null \\
        --collect-atstart=no --toggle-collect=_operator_call python bench/toggle.py FILE -o /dev/null

runs `audit FILE -o /dev/null` as `bin/audit` does, with each function named in `WRAP` (module
and name) called through `operator.call`, also where another module of the tool bound it by name
(`from … import f`): callgrind then counts only the instructions inside them (“Collected”), all
calls added. Wrapped functions must not call one another (a call inside a counted one turns the
count off until it returns). With `--dump-after=_operator_call` and `LABELS=FILE`, each call is a
dump of its own and its function's name a line of FILE, in order: the calls apart. The modules
of the wrapped functions are imported before the run, so their import is not counted in them.
"""

from __future__ import annotations

import importlib
import operator
import os
import sys
from collections.abc import Callable
from typing import Any


def _wrapped(spec: str, labels: Any) -> tuple[Callable[..., Any], Callable[..., Any]]:
    module, _, name = spec.rpartition(".")
    orig = getattr(importlib.import_module(module), name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        if labels is not None:
            labels.write(spec + "\n")
            labels.flush()
        return operator.call(orig, *args, **kwargs)

    return orig, counted


def main() -> None:
    labels = open(os.environ["LABELS"], "a", encoding="utf-8") if os.environ.get("LABELS") else None  # noqa: SIM115
    pairs = [_wrapped(s, labels) for s in os.environ.get("WRAP", "").split(",") if s]
    for name, module in list(sys.modules.items()):
        if module is None or not name.startswith("auditor"):
            continue
        for key, value in list(vars(module).items()):
            for orig, counted in pairs:
                if value is orig:
                    setattr(module, key, counted)
    sys.argv = ["audit", *sys.argv[1:]]
    from auditor.launch import run

    run()


if __name__ == "__main__":
    main()
