"""Start-up stays light (issue 16): auditing a JSON report, with the rule files already in the
cache, imports none of the libraries it does not need for that. (Time and instructions are
measured by bench/benchmark.py, not here.)"""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Each is imported where it is needed: pydantic to explain an invalid report or validate a rule
# file, jsonschema and yaml to read a rule file not cached yet, jmespath to parse an expression
# not cached yet, hashlib (OpenSSL) by a run over many files (`files/digest.py`), pathlib (and
# urllib.parse, ipaddress) where a path needs more than `files/paths.py`, calendar (with
# locale ~7 M instructions) only for a date `numeric/months.py` does not answer, the rest by code the
# default output does not run.
NOT_AT_START = ("pydantic", "pydantic_core", "jsonschema", "yaml", "jmespath", "importlib.resources", "shutil",
                "tempfile", "zipfile", "tabulate", "pandas", "docx", "hashlib", "_hashlib", "pathlib", "urllib",
                "ipaddress", "calendar")

_RUN = """
import json, sys
from auditor.cli import _run
sys.argv = ["audit", sys.argv[1], "-o", "/dev/null"]
code = _run()
print(json.dumps([code, sorted(m for m in sys.modules)]))
"""


@pytest.mark.parametrize("report", ["seed_000_but_son_2022.json", "dong_hoa_2023.docx"])
@pytest.mark.parametrize("plain", [False, True], ids=["installed", "as-a-regular-install"])
def test_a_json_report_from_a_warm_cache_imports_only_what_it_uses(tmp_path: Path, plain: bool, report: str) -> None:
    # (and a Word file: the document path does not need them either, ~23 M instructions for
    # hashlib and pathlib there)
    env = {"AUDIT_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    flags = []
    if plain:  # the tool's folder and the site-packages on the path, no .pth files run (an editable
        # install's path hook imports pathlib before the tool; a regular install does not)
        flags = ["-S"]
        env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *site.getsitepackages()])
    report = str(ROOT / "fixtures" / report)
    # run from a folder without a configuration file (one found is read with pathlib)
    run = {"capture_output": True, "text": True, "check": True, "env": env, "cwd": tmp_path}
    subprocess.run([sys.executable, *flags, "-c", _RUN, report], **run)  # type: ignore[call-overload]
    out = subprocess.run([sys.executable, *flags, "-c", _RUN, report], **run)  # type: ignore[call-overload]
    code, modules = json.loads(out.stdout)
    assert code == 1  # the seed has findings
    # (less what the interpreter loads before any code of the tool)
    bare = subprocess.run([sys.executable, *flags, "-c", "import json, sys; print(json.dumps(sorted(sys.modules)))"],
                          **run)  # type: ignore[call-overload]
    loaded = [m for m in set(modules) - set(json.loads(bare.stdout))
              if m in NOT_AT_START or m.split(".")[0] in NOT_AT_START]
    assert loaded == []


# `audit FILE -o /dev/null` as bin/audit runs it (the fast path, without click), reporting the modules
# loaded when it leaves
_FAST = """
import json, os, sys
import auditor.fastpath as fp
def leave(code):
    print(json.dumps([code, sorted(sys.modules)]))
    sys.stdout.flush()
    os._exit(0)
fp.leave = leave
sys.argv = ["audit", sys.argv[1], "-o", "/dev/null"]
from auditor.launch import run
run()
"""
# `dataclasses` and the `inspect`, `dis`, `tokenize` it imports: the tool's classes on a JSON run's path
# and on the document path are made from generated methods (auditor/records); `ast` (~15 M
# instructions, imported by `inspect` too): the rules' formulas are read by the small parser of
# `numeric/formula.py`
NOT_FOR_JSON = ("dataclasses", "inspect", "dis", "tokenize", "ast", "_ast")


@pytest.mark.parametrize("report", ["seed_000_but_son_2022.json", "dong_hoa_2023.docx"])
@pytest.mark.parametrize("plain", [False, True], ids=["installed", "as-a-regular-install"])
def test_a_json_report_does_not_import_dataclasses(tmp_path: Path, plain: bool, report: str) -> None:
    env = {"AUDIT_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    flags = []
    if plain:
        flags = ["-S"]
        env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *site.getsitepackages()])
    report = str(ROOT / "fixtures" / report)
    run = {"capture_output": True, "text": True, "check": True, "env": env, "cwd": tmp_path}
    subprocess.run([sys.executable, *flags, "-c", _FAST, report], **run)  # type: ignore[call-overload]
    out = subprocess.run([sys.executable, *flags, "-c", _FAST, report], **run)  # type: ignore[call-overload]
    code, modules = json.loads(out.stdout)
    assert code == 1 and "auditor.model.findings" in modules and "auditor.records" in modules
    assert [m for m in NOT_FOR_JSON if m in modules] == []


def test_the_dataclasses_of_a_json_run_have_docstrings(tmp_path: Path) -> None:
    # A dataclass without a docstring gets one made from `inspect.signature` at import (~0,3 M
    # instructions a class, at every start). The findings' records keep theirs made: pydantic
    # would put a docstring into the findings schema as a description.
    env = {"AUDIT_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    report = str(ROOT / "fixtures" / "seed_000_but_son_2022.json")
    out = subprocess.run([sys.executable, "-c", _RUN, report], capture_output=True, text=True, check=True, env=env)
    import dataclasses
    import importlib

    made = []
    for name in json.loads(out.stdout)[1]:
        if not name.startswith("auditor.") or name == "auditor.model.findings":
            continue
        for obj in vars(importlib.import_module(name)).values():
            if (isinstance(obj, type) and dataclasses.is_dataclass(obj) and obj.__module__ == name
                    and (obj.__doc__ or "").startswith(obj.__name__ + "(")):
                made.append(f"{name}.{obj.__qualname__}")
    assert made == []


_RUN_COMMAND = """
import json, sys
from auditor import fastpath
code = fastpath.run([sys.argv[1], "-o", "/dev/null"])
print(json.dumps([code, sorted(m for m in sys.modules)]))
"""


def test_the_command_audits_a_json_report_without_click(tmp_path: Path) -> None:
    # `audit FILE …` as `launch.run` runs it: the fast path of the command line (auditor/fastpath.py)
    # takes it, and neither click nor anything of `NOT_AT_START` is imported
    env = {"AUDIT_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    report = str(ROOT / "fixtures" / "seed_000_but_son_2022.json")
    run = {"capture_output": True, "text": True, "check": True, "env": env, "cwd": tmp_path}
    subprocess.run([sys.executable, "-c", _RUN_COMMAND, report], **run)  # type: ignore[call-overload]
    out = subprocess.run([sys.executable, "-c", _RUN_COMMAND, report], **run)  # type: ignore[call-overload]
    code, modules = json.loads(out.stdout.splitlines()[-1])
    assert code == 1  # the seed has findings: the fast path ran it (None: it declined)
    # (less what the interpreter loads before any code of the tool: an editable install's path hook)
    bare = subprocess.run([sys.executable, "-c", "import json, sys; print(json.dumps(sorted(sys.modules)))"],
                          **run)  # type: ignore[call-overload]
    loaded = set(modules) - set(json.loads(bare.stdout))
    assert sorted(m for m in loaded if m.split(".")[0] in ("click", *NOT_AT_START) or m in NOT_AT_START) == []


_PLANS = _FAST.replace("print(json.dumps([code, sorted(sys.modules)]))",
                       "from auditor.model.lean import plan\n"
                       "    print(json.dumps([code, plan('report')._ready, plan('rule')._ready]))")


def test_a_json_report_makes_no_validators_of_the_plans(tmp_path: Path) -> None:
    # The generated reader needs only the report plan's classes, and a warm run takes its rules from
    # the rule plan (`engine/ruleset.py`): the plans' validators (~7 M instructions) are made
    # only when something validates with them (a rule file read anew, a document's objects).
    env = {"AUDIT_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    run = {"capture_output": True, "text": True, "check": True, "env": env, "cwd": tmp_path}
    report = str(ROOT / "fixtures" / "seed_000_but_son_2022.json")
    subprocess.run([sys.executable, "-c", _PLANS, report], **run)  # type: ignore[call-overload]
    warm = subprocess.run([sys.executable, "-c", _PLANS, report], **run)  # type: ignore[call-overload]
    assert json.loads(warm.stdout) == [1, False, False]


_FAST_ARGS = _FAST.replace('sys.argv = ["audit", sys.argv[1], "-o", "/dev/null"]', 'sys.argv = ["audit", *sys.argv[1:]]')


@pytest.mark.parametrize("args", [["-f", fmt, "-o", "/dev/null"] for fmt in (
    "full", "concise", "json", "json-lines", "sarif", "junit", "gitlab", "github", "markdown")] + [[], ["-f", "concise"]],
    ids=lambda a: " ".join(a) or "stdout")
def test_a_json_report_does_not_import_typing(tmp_path: Path, args: list[str]) -> None:
    # `typing` is ~13 M instructions of a start (its names are imported for type checkers only:
    # `TYPE_CHECKING = False` in each module of the path; the findings' pydantic adapter and the
    # `Severity` alias import it when they are made). The document path still imports it.
    env = {"AUDIT_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    report = str(ROOT / "fixtures" / "seed_000_but_son_2022.json")
    run = {"capture_output": True, "text": True, "check": True, "env": env, "cwd": tmp_path}
    subprocess.run([sys.executable, "-c", _FAST_ARGS, report, *args], **run)  # type: ignore[call-overload]
    out = subprocess.run([sys.executable, "-c", _FAST_ARGS, report, *args], **run)  # type: ignore[call-overload]
    code, modules = json.loads(out.stdout.splitlines()[-1])  # (after the report, when it is on stdout)
    assert code == 1 and "auditor.checks.arithmetic" in modules
    assert "typing" not in modules


_SERVED = """
import os, sys
import auditor.fastpath as fp
def leave(code):
    import json
    served = [n for n, m in sys.modules.items()
              if type(getattr(getattr(m, "__spec__", None), "loader", None)).__name__ == "_BundledLoader"]
    sys.stderr.write(json.dumps([code, sorted(sys.modules), len(served)]) + "\\n")
    sys.stderr.flush()
    os._exit(0)
fp.leave = leave
sys.argv = ["audit", *sys.argv[1:]]
from auditor.launch import run
run()
"""


@pytest.mark.parametrize("report", ["seed_000_but_son_2022.json", "dong_hoa_2023.docx"])
def test_modules_from_the_bundle_make_the_same_run(tmp_path: Path, report: str) -> None:
    # The modules a warm run imports come from one file of the cache folder (`files/bundle.py`): the
    # same modules, the same output as when that file is absent (the run then imports them the
    # normal way, and writes it)
    env = {"AUDIT_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    run = {"capture_output": True, "text": True, "check": True, "env": env, "cwd": tmp_path}
    args = [str(ROOT / "fixtures" / report), "-f", "json", "--lang", "en"]

    def audit() -> tuple[str, int, list[str], int]:
        out = subprocess.run([sys.executable, "-c", _SERVED, *args], **run)  # type: ignore[call-overload]
        return (out.stdout, *json.loads(out.stderr.strip().splitlines()[-1]))

    audit()  # (a cold run: the rule files, the patterns … and the bundle written)
    served = audit()
    for bundle in (tmp_path / "cache" / "code").glob("*-modules.bundle"):
        bundle.unlink()
    normal = audit()
    assert served[3] > 60 and normal[3] == 0
    assert served[:3] == normal[:3]
    assert audit()[:3] == normal[:3]


_TABLES = """
import os, sys
import auditor.fastpath as fp
from auditor.files import yamlio
read = []
text = yamlio.data_text
def data_text(name):
    read.append(name)
    return text(name)
yamlio.data_text = data_text
def leave(code):
    import json
    sys.stderr.write(json.dumps([code, sorted(read)]) + "\\n")
    sys.stderr.flush()
    os._exit(0)
fp.leave = leave
sys.argv = ["audit", *sys.argv[1:]]
from auditor.launch import run
run()
"""


@pytest.mark.parametrize("report", ["seed_000_but_son_2022.json", "dong_hoa_2023.docx"])
def test_tables_kept_in_the_cache_make_the_same_run(tmp_path: Path, report: str) -> None:
    # The registries a run consults are kept ready in the cache folder (`files/tables.py`): a warm
    # run reads none of their data files and writes what a run that builds them writes (the tables
    # deleted: built from the data, then kept again)
    env = {"AUDIT_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    run = {"capture_output": True, "text": True, "check": True, "env": env, "cwd": tmp_path}
    args = [str(ROOT / "fixtures" / report), "-f", "json", "--lang", "en"]
    kept = ["anniversaries.yaml", "legal_documents.yaml", "terms.yaml", "units.yaml"]

    def audit() -> tuple[str, int, list[str]]:
        out = subprocess.run([sys.executable, "-c", _TABLES, *args], **run)  # type: ignore[call-overload]
        return (out.stdout, *json.loads(out.stderr.strip().splitlines()[-1]))

    cold = audit()
    warm = audit()
    read = set(kept) & set(cold[2])  # (a Word file without anniversaries does not consult them)
    assert {"legal_documents.yaml", "units.yaml"} <= read and not set(kept) & set(warm[2])
    shutil.rmtree(tmp_path / "cache" / "tables")
    built = audit()
    assert set(kept) & set(built[2]) == read
    assert cold[:2] == warm[:2] == built[:2] == audit()[:2]
    assert cold[1] == 1 and json.loads(cold[0])["findings"]


_COLLECTIONS = """
import gc, json, os, sys
import auditor.fastpath as fp
import auditor.files.bundle as bundle
# automatic collections from the first module the command loads once it is not handed over (the
# modules' file installed: `bundle.install`) until the rules are loaded (`check._quiet_gc` freezes)
before, started, frozen = [], [], []
install = bundle.install
def installing():
    started.append(1)
    install()
bundle.install = installing
gc.callbacks.append(lambda phase, info: phase == "start" and started and not frozen
                    and before.append(info["generation"]))
freeze = gc.freeze
def freezing():
    frozen.append(1)
    freeze()
gc.freeze = freezing
def leave(code):
    sys.stderr.write(json.dumps([code, before, len(frozen), gc.isenabled()]) + "\\n")
    sys.stderr.flush()
    os._exit(0)
fp.leave = leave
sys.argv = ["audit", *sys.argv[1:]]
from auditor.launch import run
run()
"""


def test_no_cycle_collection_before_the_rules_are_loaded(tmp_path: Path) -> None:
    # The modules, kept patterns and code a run loads allocate much and free almost nothing: the
    # cycle collector is off from the first of them until the rules are loaded (issue 16: its
    # collections during the imports were ~3 M instructions), then on again as before
    env = {"AUDIT_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    run = {"capture_output": True, "text": True, "check": True, "env": env, "cwd": tmp_path}
    args = [str(ROOT / "fixtures" / "seed_000_but_son_2022.json"), "-o", "/dev/null"]
    for _ in range(2):  # cold, then warm
        out = subprocess.run([sys.executable, "-c", _COLLECTIONS, *args], **run)  # type: ignore[call-overload]
        code, before, frozen, enabled = json.loads(out.stderr.strip().splitlines()[-1])
        assert (code, before, frozen, enabled) == (1, [], 1, True)
