"""The layout: dependencies point one way, down the pipeline (read → validate → run rules →
findings → render), with no import cycle between modules and none between the stage packages.

Every import counts, at module level and inside functions (a deferred import that exists to
dodge a cycle is still a cycle); only imports under `if TYPE_CHECKING:` are left out, since
they never run."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "auditor"

# The stage packages, lowest first: a package may import only from packages before it (and
# from itself). Top-level modules (launch, cli, generate, errors, __init__) are outside the order.
LAYERS = ["records", "numeric", "files", "model", "registries", "read", "checks", "engine", "extract",
          "output", "workflows", "web", "resident"]


def module_name(path: Path, root: Path = PACKAGE) -> str:
    rel = path.relative_to(root.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imports_of(path: Path, modules: set[str], root: Path = PACKAGE) -> set[str]:
    """The project modules `path` imports, wherever the import statement is."""
    name = module_name(path, root)
    is_pkg = path.name == "__init__.py"
    out: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name in modules:
                    out.add(a.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_pkg else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for a in node.names:
                sub = f"{target}.{a.name}"
                if sub in modules:
                    out.add(sub)
                elif target in modules:
                    out.add(target)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text("utf-8")))
    out.discard(name)
    return out


def graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    files = [p for p in root.rglob("*.py") if "__pycache__" not in p.parts]
    modules = {module_name(p, root) for p in files}
    return {module_name(p, root): imports_of(p, modules, root) for p in files}


def cycles(g: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = 0
    for start in sorted(g):
        if start in index:
            continue
        work = [(start, iter(sorted(g[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on.add(start)
        while work:
            v, it = work[-1]
            for w in it:
                if w not in g:
                    continue
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(g[w]))))
                    break
                if w in on:
                    low[v] = min(low[v], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on.discard(w)
                        comp.append(w)
                        if w == v:
                            break
                    if len(comp) > 1:
                        out.append(sorted(comp))
    return out


def test_no_import_cycle_between_modules() -> None:
    assert cycles(graph()) == []


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in LAYERS) else None


def test_stage_packages_depend_only_on_earlier_stages() -> None:
    bad = []
    for mod, deps in graph().items():
        src = _layer(mod)
        if src is None:
            continue
        for dep in deps:
            dst = _layer(dep)
            if dst is None:
                if dep != "auditor" and dep != "auditor.errors":
                    bad.append(f"{mod} -> {dep} (a top-level module)")
                continue
            if LAYERS.index(dst) > LAYERS.index(src):
                bad.append(f"{mod} -> {dep}")
    assert bad == [], "imports against the pipeline's direction:\n" + "\n".join(sorted(bad))


def test_every_stage_package_is_in_the_order() -> None:
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()} - {"data"}
    assert packages == set(LAYERS)


# ----------------------------------------------------------------------- the test can fail


def _write(root: Path, files: dict[str, str]) -> Path:
    pkg = root / "auditor"
    for rel, text in files.items():
        p = pkg / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, "utf-8")
    return pkg


@pytest.mark.parametrize("b_text", [
    "from auditor.a import x\n",                      # module level
    "def f():\n    from auditor.a import x\n",        # deferred, inside a function
    "def f():\n    from . import a\n",                # relative, deferred
    "import auditor.a\n",
])
def test_a_cycle_is_found_however_it_is_imported(tmp_path: Path, b_text: str) -> None:
    pkg = _write(tmp_path, {"__init__.py": "", "a.py": "from auditor.b import y\nx = 1\n", "b.py": b_text + "y = 2\n"})
    assert cycles(graph(pkg)) == [["auditor.a", "auditor.b"]]


def test_type_checking_imports_do_not_count(tmp_path: Path) -> None:
    pkg = _write(tmp_path, {
        "__init__.py": "",
        "a.py": "from auditor.b import y\n",
        "b.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from auditor.a import x\ny = 1\n",
    })
    assert cycles(graph(pkg)) == []


def test_a_package_importing_its_submodule_and_back_is_a_cycle(tmp_path: Path) -> None:
    pkg = _write(tmp_path, {
        "__init__.py": "",
        "p/__init__.py": "from auditor.p import m\n",
        "p/m.py": "import auditor.p\n",
    })
    assert cycles(graph(pkg)) == [["auditor.p", "auditor.p.m"]]
