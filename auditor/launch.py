"""The `audit` command's entry point.

When a resident process runs for this installation (`audit daemon start`), the command is
handed to it and this process only waits for the exit code; otherwise (and whenever that
hand-over fails before the command started) the command runs here, in `auditor.cli`. This
module is imported by every `audit`: it imports `auditor.cli` only when it runs the command
itself and the fast path of the common command lines (`auditor.fastpath`, without click) declined."""

import os
import sys

# what the resident process does not load in advance: the web stack, itself, development tools
_PRELOAD_SKIP = ("auditor.web", "auditor.resident", "auditor.generate", "auditor.__main__", "auditor.launch",
                 "auditor.extract.quality")

# Tables built on first use (registries of the package's data, lexicons, compiled grammars),
# built once in the resident process rather than in each command. Only builders that depend on
# nothing but the package's own files: nothing that reads the environment, the current folder
# or the machine (the OCR languages ask tesseract, so they stay with the command).
_WARM = ("auditor.registries.calendar._fold_table", "auditor.registries.calendar._raw_classes",
         "auditor.registries.calendar.anniversaries", "auditor.registries.calendar.terms",
         "auditor.registries.calendar._event_aliases", "auditor.registries.calendar._term_aliases",
         "auditor.registries.cues._all", "auditor.registries.legal.legal_registry",
         "auditor.model.units._registry", "auditor.checks.domain.awards_registry", "auditor.extract.awards._registry",
         "auditor.extract.clauses._joiners", "auditor.extract.clauses._tail", "auditor.extract.numbers._doc_kind_before",
         "auditor.numeric.notation._digit_run", "auditor.engine.jmes.options", "auditor.engine.jmes._interpreter_class",
         "auditor.read.json_reader._decoder", "auditor.read.json_reader._surrogate",
         "auditor.read.json_reader._surrogate_escape", "auditor.model.findings._run_result_adapter",
         "auditor.workflows.config._build_model", "auditor.output.junit._xml_bad")


def run() -> None:
    argv = sys.argv[1:]
    from auditor.resident import client

    if client.enabled(argv):
        code = client.forward(argv)
        if code is not None:
            try:
                sys.stderr.flush()
            except (OSError, ValueError):
                pass
            os._exit(code)  # nothing of this process needs tearing down
        client.start_if_asked()
    # The cycle collector off from here, not from `fastpath.start_command` on: the modules, the
    # kept patterns and code loaded before it allocate much and free almost nothing, and its
    # collections during them cost ~3 M instructions of a one-report run (issue 16). Every command
    # turns it back on, as before (`check` once its rules are loaded: `workflows/check._quiet_gc`).
    # (After the hand-over: importing `gc` costs the process that only hands its command over.)
    import gc

    gc.disable()
    from auditor.files import bundle

    # the modules imported from here on come from one file of the cache folder (files/bundle.py);
    # not before the hand-over: a process that only hands its command over reads no file
    bundle.install()
    from auditor.fastpath import leave
    from auditor.fastpath import run as run_fast

    code = run_fast(argv)  # `audit FILE …` without click, when it understands the command line
    if code is not None:
        leave(code)
        return
    from auditor.cli import run as run_here

    run_here()


def preload() -> list[str]:
    """Import the tool's modules and load the shipped rules, as the resident process does once;
    the folders (besides the modules' own) whose files it read."""
    import importlib
    import pkgutil

    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")  # as `cli.run` does
    import auditor
    from auditor import cli  # noqa: F401 - first: its pattern and code caches

    for info in pkgutil.walk_packages(auditor.__path__, "auditor."):
        if info.name.startswith(_PRELOAD_SKIP):
            continue
        try:
            importlib.import_module(info.name)
        except Exception:  # noqa: BLE001 - a module that fails here is imported by the command itself
            continue
    from auditor.engine.ruleset import load_rules, rules_dir
    from auditor.read.json_reader import prepare

    load_rules(None)
    prepare()
    import difflib  # noqa: F401 - click's parser imports it at a run's first unknown option

    # click's parser and the `check` command's options, parsed once (nothing is run: the paths
    # are only words here)
    ctx = cli.main.make_context("audit", ["check", "report.json"], resilient_parsing=True)
    check = cli.main.get_command(ctx, "check")
    if check is not None:
        check.make_context("check", ["report.json", "-o", os.devnull], parent=ctx, resilient_parsing=True)
    for dotted in _WARM:
        module, _, attr = dotted.rpartition(".")
        try:
            getattr(importlib.import_module(module), attr)()
        except Exception:  # noqa: BLE001 - then the command builds it, as without a resident process
            continue
    _warm_up()
    from auditor.files import rxcache

    rxcache.build_all()  # the kept patterns loaded here compiled here, not in each command's process
    from auditor.files import derived

    derived.save()  # (values the warm-up built, written once here rather than by each command's process)
    return [str(rules_dir())]  # the data folder is a package: among the modules' own


# A short made-up report (no real unit, figures invented), audited once as text and as JSON by the
# resident process before it serves.
_WARM_TEXT = """ỦY BAN NHÂN DÂN XÃ AN BÌNH

BÁO CÁO
Kết quả công tác thi đua, khen thưởng năm 2023

I. KẾT QUẢ
Toàn xã có 1.200 hộ, trong đó 48 hộ nghèo, chiếm 4%. Giá trị sản xuất đạt 120 tỷ đồng, đạt 102% kế
hoạch, tăng 8,5% so với cùng kỳ. Cơ cấu kinh tế: nông nghiệp 40%; công nghiệp 35%; dịch vụ 25%.
Có 1.150/1.200 hộ đạt gia đình văn hóa, đạt 95,83%. Khen thưởng 12 tập thể và 30 cá nhân, gồm 2 Bằng
khen của Chủ tịch UBND tỉnh và 40 Giấy khen của Chủ tịch UBND huyện.
"""


def _warm_up() -> None:
    """Audit `_WARM_TEXT` once, as a text and as the JSON read from it, and throw the results away:
    what a process builds at its first audit (rule plans, compiled messages, formulas and
    patterns, tables built on first use) is then built here once rather than in every command. A
    report audited after another gives the same findings as alone (a batch relies on it;
    tests/test_resident.py compares every kind of command with and without the resident process)."""
    import tempfile

    from auditor.engine.ruleset import load_rules
    from auditor.extract import extract
    from auditor.extract.explain import report_json
    from auditor.workflows.pipeline import audit_file

    rules = load_rules(None)
    with tempfile.TemporaryDirectory(prefix="audit-warm-") as d:
        text = os.path.join(d, "report.txt")
        with open(text, "w", encoding="utf-8") as f:
            f.write(_WARM_TEXT)
        audit_file(text, rules, list(rules.rules))
        ex = extract(text)
        if ex.report is not None:
            data = os.path.join(d, "report.json")
            with open(data, "w", encoding="utf-8") as f:
                f.write(report_json(ex.report))
            audit_file(data, rules, list(rules.rules))


def serve_main(argv: list[str] | None = None) -> int:
    """The resident process: `python -c 'from auditor.launch import serve_main; serve_main()' SOCKET IDLE`."""
    args = sys.argv[1:] if argv is None else argv
    path, idle = args[0], float(args[1])
    startup_env = dict(os.environ)  # before `preload` sets anything
    extra = preload()
    from auditor.cli import main_once
    from auditor.resident.server import serve_forever

    return serve_forever(path, idle, main_once, extra, startup_env)


if __name__ == "__main__":
    sys.exit(serve_main())
