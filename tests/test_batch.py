"""Batch runs: folders and globs, one bad file does not stop the run, deterministic order,
parallel == serial, the per-file summary (text, CSV, XLSX) and --statistics."""

from __future__ import annotations

import copy
import json
import pickle
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import invoke, write

from auditor.engine.ruleset import load_rules
from auditor.errors import UsageError
from auditor.output.summary import render_statistics, statistics, summary_rows
from auditor.workflows.batch import PARALLEL_MIN, BatchError, FileEngineError, audit_files, collect_files, progress_bar
from auditor.workflows.pipeline import combine

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "fixtures" / "example.json"

META: dict[str, Any] = {"unit": {"name": "An Phú", "kind": "xa"}, "issuer": "UBND xã An Phú",
                        "title": "Báo cáo tổng kết công tác thi đua, khen thưởng",
                        "period": {"kind": "year", "year": 2023, "label": "năm 2023"}}
CLEAN: dict[str, Any] = {
    "meta": META,
    "totals": [{"label": "Cán bộ, công chức xã", "unit": "người", "total": "20",
                "parts": [{"label": "Chuyên trách", "value": "9"}, {"label": "Công chức", "value": "11"}]}],
}
SUM_ERROR: dict[str, Any] = {
    "meta": META,
    "totals": [{"label": "Chi bộ", "unit": "chi bộ", "total": "11",
                "parts": [{"label": "Thôn", "value": "6"}, {"label": "Trường học", "value": "3"},
                          {"label": "Công an", "value": "1"}]}],
}






def run_json(*args: str) -> tuple[int, dict[str, Any]]:
    r = invoke(*args, "-f", "json")
    return r.exit_code, json.loads(r.stdout)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """reports/ with files at two levels, a non-report and an invalid file."""
    d = tmp_path / "reports"
    write(d / "b_sum.json", SUM_ERROR)
    write(d / "a_clean.json", CLEAN)
    write(d / "huyen" / "c_bad.json", "{not json")
    write(d / "huyen" / "d_clean.json", CLEAN)
    (d / "notes.txt").write_text("not a report", "utf-8")
    return d


# ------------------------------------------------------------------------------- collecting


def test_folder_is_walked_recursively_and_sorted(tree: Path) -> None:
    files = [Path(p).relative_to(tree).as_posix() for p, _ in collect_files([str(tree)])]
    # every supported document, not only *.json (the notes are skipped when audited)
    assert files == ["a_clean.json", "b_sum.json", "huyen/c_bad.json", "huyen/d_clean.json", "notes.txt"]


def test_globs_are_expanded_even_without_a_shell(tree: Path) -> None:
    top = [Path(p).name for p, _ in collect_files([str(tree / "*.json")])]
    assert top == ["a_clean.json", "b_sum.json"]
    deep = [Path(p).name for p, _ in collect_files([str(tree / "**" / "*.json")])]
    assert deep == ["a_clean.json", "b_sum.json", "c_bad.json", "d_clean.json"]
    # a pattern that matches a folder means the reports in it
    assert [Path(p).name for p, _ in collect_files([str(tree / "huy*")])] == ["c_bad.json", "d_clean.json"]


def test_duplicates_are_audited_once_in_path_order(tree: Path) -> None:
    a, b = str(tree / "b_sum.json"), str(tree / "a_clean.json")
    files = collect_files([a, b, a, str(tree / "*.json")])
    assert [Path(p).name for p, _ in files] == ["a_clean.json", "b_sum.json"]


def test_missing_file_and_empty_pattern_are_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(BatchError):
        collect_files([str(tmp_path / "missing.json")])
    with pytest.raises(BatchError) as e:
        collect_files([str(tmp_path / "nothing" / "*.json")])
    assert "*.json" in e.value.en
    r = invoke(str(tmp_path / "nothing" / "*.json"))
    assert r.exit_code == 2 and "No file matches" in r.output


def test_cli_glob_and_one_bad_file_does_not_stop_the_run(tree: Path) -> None:
    code, data = run_json(str(tree / "**" / "*.json"))
    assert code == 1
    status = {Path(f["path"]).name: f["status"] for f in data["files"]}
    assert status == {"a_clean.json": "ok", "b_sum.json": "findings", "c_bad.json": "invalid",
                      "d_clean.json": "ok"}
    assert [Path(f["path"]).name for f in data["files"]] == sorted(status)
    rules = {(Path(f["file"]).name, f["rule_id"]) for f in data["findings"]}
    assert ("c_bad.json", "INP003") in rules and ("b_sum.json", "SUM002") in rules


def test_an_unreadable_file_is_a_finding(tmp_path: Path) -> None:
    write(tmp_path / "ok.json", CLEAN)
    (tmp_path / "folder.json").mkdir()  # a folder named like a report is walked, not read
    bad = write(tmp_path / "latin1.json", "x")
    bad.write_bytes("{\"a\": \"Thi đua\"}".encode("cp1258"))
    code, data = run_json(str(tmp_path))
    assert code == 1
    assert {Path(f["path"]).name: f["status"] for f in data["files"]} == {
        "latin1.json": "unreadable", "ok.json": "ok"}


# -------------------------------------------------------------------------------- auditing


def _variants(n: int, folder: Path) -> list[tuple[str, str]]:
    """n small reports: clean ones, sum errors, the example with a typo, and bad JSON."""
    example = json.loads(EXAMPLE.read_text("utf-8"))
    for i in range(n):
        kind = i % 4
        if kind == 0:
            data: Any = copy.deepcopy(CLEAN)
            data["totals"][0]["total"] = str(20)
        elif kind == 1:
            data = copy.deepcopy(SUM_ERROR)
            data["totals"][0]["total"] = str(11 + i % 3)
        elif kind == 2:
            data = copy.deepcopy(example)
            data["indicators"][0]["values"]["th"] = "50" + str(i % 10)
        else:
            data = "{\"meta\": " if i % 8 == 3 else copy.deepcopy(CLEAN)
        write(folder / f"d{i // 20}" / f"r{i:03d}.json", data)
    return collect_files([str(folder)])


def _dump(audits: list[Any]) -> list[Any]:
    return [(a.file.to_json(), [f.to_json() for f in a.findings], a.stats.to_json(), a.passed)
            for a in audits]


def test_parallel_equals_serial(tmp_path: Path) -> None:
    files = _variants(60, tmp_path)
    assert len(files) == 60 >= PARALLEL_MIN
    ruleset = load_rules()
    rules = list(ruleset.rules)
    serial = list(audit_files(files, ruleset, rules, jobs=1, keep_passed=True))
    ticks: list[int] = []
    parallel = list(audit_files(files, ruleset, rules, jobs=2, keep_passed=True, progress=ticks.append))
    assert _dump(parallel) == _dump(serial)
    assert sum(ticks) == 60 and len(ticks) > 1
    assert [a.file.path for a in parallel] == [d for _, d in files]
    # the findings of the run are in pipeline.sort_key order within each file, files in order
    rr = combine(iter(parallel), ruleset)
    assert [f.file for f in rr.findings] == sorted((f.file for f in rr.findings),
                                                   key=[d for _, d in files].index)


def test_cli_parallel_and_serial_outputs_are_identical(tmp_path: Path) -> None:
    _variants(60, tmp_path)
    one = invoke(str(tmp_path), "-f", "json", "-j", "1")
    two = invoke(str(tmp_path), "-f", "json", "-j", "2")
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout
    assert json.loads(one.stdout)["summary"]["files"] == 60


def test_passed_checks_are_kept_only_when_asked(tmp_path: Path) -> None:
    files = [(str(EXAMPLE), "example.json")]
    ruleset = load_rules()
    (a,) = audit_files(files, ruleset, list(ruleset.rules))
    assert a.passed == []
    (a,) = audit_files(files, ruleset, list(ruleset.rules), keep_passed=True)
    assert a.passed and all(isinstance(r, str) and isinstance(p, str) for r, p in a.passed)
    rr = combine([a], ruleset, keep_passed=True)
    assert rr.files[0].passed and rr.files[0].passed[0].rule_id == a.passed[0][0]
    assert "passed" not in json.loads(invoke(str(EXAMPLE), "-f", "json").stdout)["files"][0]


def test_engine_errors_cross_process_boundaries() -> None:
    e = pickle.loads(pickle.dumps(FileEngineError("x.json", "rule SUM001 could not be evaluated")))
    assert isinstance(e, BatchError) and e.display == "x.json" and "x.json" in e.en and "x.json" in e.vi


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    assert progress_bar(1000) is None  # pytest captures stderr: not a terminal
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    assert progress_bar(5) is None  # too few files to be worth it
    assert progress_bar(1000) is not None


def test_cli_does_not_draw_a_progress_bar_when_not_a_terminal(tmp_path: Path) -> None:
    _variants(24, tmp_path)
    r = invoke(str(tmp_path), "-f", "concise")
    assert r.stderr == ""


# ------------------------------------------------------------------------------- summaries


def test_full_output_ends_with_a_table_per_file(tree: Path) -> None:
    r = invoke(str(tree), "--lang", "en")
    assert r.exit_code == 1
    table = r.stdout[r.stdout.index("Summary by file"):]
    for name in ("a_clean.json", "b_sum.json", "c_bad.json", "d_clean.json"):
        assert name in table
    assert "UBND xã An Phú" in table and "năm 2023" in table
    line = next(x for x in table.splitlines() if "b_sum.json" in x)
    assert line.split()[-4:] == ["1", "0", "0", "fail"]
    assert next(x for x in table.splitlines() if "c_bad.json" in x).endswith("invalid")
    # one file: no table
    assert "Summary by file" not in invoke(str(tree / "b_sum.json"), "--lang", "en").stdout


def test_summary_status_follows_fail_on(tree: Path) -> None:
    r = invoke(str(tree), "--lang", "en", "--fail-on", "never")
    assert r.exit_code == 0
    table = r.stdout[r.stdout.index("Summary by file"):]
    line = next(x for x in table.splitlines() if "b_sum.json" in x)
    assert line.rstrip().endswith("pass (with notes)")


def test_summary_csv(tree: Path, tmp_path: Path) -> None:
    import pandas as pd

    out = tmp_path / "tong_hop.csv"
    r = invoke(str(tree), "--summary", str(out), "-f", "concise")
    assert r.exit_code == 1
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel shows the Vietnamese letters
    df = pd.read_csv(out, encoding="utf-8-sig")
    assert list(df.columns) == ["Tệp", "Đơn vị", "Kỳ báo cáo", "Lỗi", "Cảnh báo", "Thông tin", "Kết luận"]
    assert len(df) == 5  # the four reports, and the notes listed as skipped
    assert df[df["Tệp"].str.endswith("notes.txt")].iloc[0]["Kết luận"] == "bỏ qua"
    row = df[df["Tệp"].str.endswith("b_sum.json")].iloc[0]
    assert (row["Đơn vị"], row["Kỳ báo cáo"], row["Lỗi"], row["Kết luận"]) == (
        "UBND xã An Phú", "năm 2023", 1, "không đạt")


def test_summary_xlsx(tree: Path, tmp_path: Path) -> None:
    import openpyxl
    import pandas as pd

    out = tmp_path / "summary.xlsx"
    r = invoke(str(tree), "--summary", str(out), "--lang", "en", "-f", "json")
    assert r.exit_code == 1
    json.loads(r.stdout)  # the primary output is unchanged
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Files", "Findings", "Units × rules", "Rules"]  # findings: test_xlsx.py
    ws = wb["Files"]
    assert [c.value for c in ws[1]] == ["File", "Unit", "Period", "Errors", "Warnings", "Infos", "Status"]
    assert ws.max_row == 6  # four reports and the skipped notes
    df = pd.read_excel(out, sheet_name="Files")
    assert df["Errors"].sum() == 2  # SUM002 in b_sum.json, INP003 in c_bad.json
    assert set(df["Status"]) == {"pass", "fail", "invalid", "skipped"}
    rules = pd.read_excel(out, sheet_name="Rules")
    assert set(rules["Code"]) == {"SUM002", "INP003"}


def test_summary_needs_csv_or_xlsx(tree: Path, tmp_path: Path) -> None:
    r = invoke(str(tree), "--summary", str(tmp_path / "x.ods"))
    assert r.exit_code == 2 and ".csv" in r.output


# ------------------------------------------------------------------------------ statistics


def test_statistics_text_and_json(tree: Path) -> None:
    r = invoke(str(tree), "--statistics", "--lang", "en")
    assert r.exit_code == 1  # the exit code does not change
    lines = r.stdout.splitlines()
    assert len(lines) == 2
    for line in lines:
        count, code, sev, *title = line.split()
        assert count == "1" and code in ("SUM002", "INP003") and sev == "[error]" and title
    code, data = run_json(str(tree), "--statistics")
    assert code == 1
    assert sorted((s["code"], s["count"], s["severity"]) for s in data) == [
        ("INP003", 1, "error"), ("SUM002", 1, "error")]
    assert all(s["name"] for s in data)


def test_statistics_order_and_clean_run(tmp_path: Path) -> None:
    for i in range(3):
        write(tmp_path / f"s{i}.json", SUM_ERROR)
    write(tmp_path / "bad.json", "[")
    ruleset = load_rules()
    rr = combine(audit_files(collect_files([str(tmp_path)]), ruleset, list(ruleset.rules)), ruleset)
    assert [(s["code"], s["count"]) for s in statistics(rr)] == [("SUM002", 3), ("INP003", 1)]
    assert render_statistics(rr, "en").splitlines()[0].split()[:2] == ["3", "SUM002"]
    clean = write(tmp_path / "clean" / "ok.json", CLEAN)
    r = invoke(str(clean), "--statistics", "--lang", "en")
    assert r.exit_code == 0 and r.stdout.strip() == "No findings."
    assert summary_rows(rr, "en")[0][0].endswith("bad.json")


# ------------------------------------------------------------------------------- streaming


@pytest.mark.parametrize("args", [
    ["-f", "full"], ["-f", "concise", "--lang", "en"], ["-f", "json-lines"], ["--statistics"],
    ["--statistics", "-f", "json"], ["-f", "concise", "--fail-on", "error"],
    ["-f", "full", "-j", "2"], ["--statistics", "-j", "2"],  # written by worker processes
])
def test_streamed_output_is_the_usual_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             args: list[str]) -> None:
    """A big run in a line format is written file by file (flat memory): same bytes, same
    exit code, same --summary as the usual run."""
    import auditor.workflows.batch as batch

    _variants(60, tmp_path / "in")
    outs = {}
    for mode, threshold in (("usual", 10**9), ("streamed", 1)):
        monkeypatch.setattr(batch, "STREAM_MIN", threshold)
        calls: list[int] = []
        real = batch.audit_paths
        monkeypatch.setattr(batch, "audit_paths", lambda *a, **k: calls.append(1) or real(*a, **k))
        summary = tmp_path / f"{mode}.csv"
        jobs = [] if "-j" in args else ["-j", "1"]
        r = invoke(str(tmp_path / "in"), *args, "--summary", str(summary), *jobs)
        outs[mode] = (r.exit_code, r.stdout, summary.read_bytes())
        assert bool(calls) == (mode == "usual")
    assert outs["usual"] == outs["streamed"]
    assert outs["usual"][0] == 1 and outs["usual"][1]


def test_streaming_is_not_used_when_the_whole_run_is_needed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import auditor.workflows.batch as batch

    _variants(8, tmp_path / "in")
    monkeypatch.setattr(batch, "STREAM_MIN", 1)
    ruleset = load_rules()
    files = collect_files([str(tmp_path / "in")])
    assert batch.stream_check(files, ruleset, list(ruleset.rules), None, fmt="json") is None
    assert batch.stream_check(files, ruleset, list(ruleset.rules), None, fmt="sarif") is None

    class Cfg:
        baseline = "baseline.json"

    assert batch.stream_check(files, ruleset, list(ruleset.rules), Cfg(), fmt="concise") is None
    out = tmp_path / "out.txt"
    assert batch.stream_check(files[:1], ruleset, list(ruleset.rules), None, fmt="concise",
                              output_file=str(out)) in (0, 1)
    assert out.read_text("utf-8").strip()
    with pytest.raises(UsageError):  # a wrong --summary name fails before the run
        batch.stream_check(files, ruleset, list(ruleset.rules), None, fmt="concise", summary_file="x.ods")


def test_the_same_file_under_two_spellings_is_audited_once(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree)
    files = collect_files(["a_clean.json", "./a_clean.json", "huyen/../a_clean.json", "b_sum.json"])
    assert files == [("a_clean.json", "a_clean.json"), ("b_sum.json", "b_sum.json")]


def test_chunks_keep_every_file_in_order_and_shrink() -> None:
    """Guided scheduling: all files, in order, in chunks of at most 32 that never grow."""
    from auditor.workflows.batch import _chunks

    for n, jobs in [(1, 2), (50, 2), (1000, 2), (10_000, 8), (7, 1)]:
        files = [(f"f{i}.json", f"f{i}.json") for i in range(n)]
        chunks = _chunks(files, jobs)
        assert [f for c in chunks for f in c] == files
        sizes = [len(c) for c in chunks]
        assert max(sizes) <= 32 and all(a >= b for a, b in zip(sizes, sizes[1:]))
        if n >= 1000:
            assert sizes[-1] <= 2 and len(chunks) < n // 8
