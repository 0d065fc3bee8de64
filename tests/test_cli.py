"""The `audit` command line: exit codes, output formats, bad input never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner, Result

from auditor import __version__
from auditor.cli import main

ROOT = Path(__file__).resolve().parent.parent
FINDINGS_SCHEMA = json.loads((ROOT / "schemas" / "findings.schema.json").read_text("utf-8"))

META: dict[str, Any] = {
    "unit": {"name": "An Phú", "kind": "xa"},
    "title": "Báo cáo tổng kết công tác thi đua, khen thưởng",
    "period": {"kind": "year", "year": 2023},
}

CLEAN: dict[str, Any] = {
    "meta": META,
    "indicators": [
        {"code": "1", "name": "Tổng giá trị sản xuất", "unit": "tỷ đồng", "parts_complete": True,
         "values": {"kh": "1.640", "th": "1.896", "pct_kh": "115,6"},
         "parts": [{"code": "1.1", "name": "Nông nghiệp", "values": {"th": "170"}},
                   {"code": "1.2", "name": "Công nghiệp", "values": {"th": "891"}},
                   {"code": "1.3", "name": "Dịch vụ", "values": {"th": "835"}}]},
    ],
    "totals": [{"label": "Cán bộ, công chức xã", "unit": "người", "total": "20",
                "parts": [{"label": "Chuyên trách", "value": "9"}, {"label": "Công chức", "value": "11"}]}],
    "rates": [{"label": "Xã đạt 19 tiêu chí", "unit": "xã", "numerator": "03", "denominator": "19",
               "percent": "15,8"}],
}

SUM_ERROR: dict[str, Any] = {
    "meta": META,
    "totals": [{"label": "Chi bộ", "unit": "chi bộ", "total": "11",
                "parts": [{"label": "Thôn", "value": "6"}, {"label": "Trường học", "value": "3"},
                          {"label": "Công an", "value": "1"}]}],
}




def with_meta(**meta: Any) -> dict[str, Any]:
    return {"meta": {**META, **meta}}


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def write(path: Path, data: Any) -> Path:
    """Write any JSON value (a string too: it is written as a JSON string)."""
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def invoke(runner: CliRunner, *args: str) -> Result:
    result = runner.invoke(main, list(args), catch_exceptions=True)
    # A bug would surface as an exception other than SystemExit.
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"exception escaped: {result.exception!r}\n{result.output}") from result.exception
    assert "Traceback" not in result.output
    return result


def run_json(runner: CliRunner, *args: str) -> tuple[int, dict[str, Any]]:
    r = invoke(runner, *args, "-f", "json")
    data = json.loads(r.stdout)
    jsonschema.Draft202012Validator(FINDINGS_SCHEMA).validate(data)
    return r.exit_code, data


def subprocess_audit(*args: str, cwd: Path | None = None, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "auditor", *args], capture_output=True, cwd=cwd,
                          input=stdin, timeout=60)
    out, err = proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in out and "Traceback" not in err, err
    return proc


# ----------------------------------------------------------------------------- meta commands

def test_version(runner: CliRunner) -> None:
    r = invoke(runner, "--version")
    assert r.exit_code == 0
    assert __version__ in r.output


def test_rules_lists_every_rule(runner: CliRunner) -> None:
    from auditor.engine.ruleset import load_rules

    r = invoke(runner, "rules")
    assert r.exit_code == 0
    for rule in load_rules().rules:
        assert rule.id in r.output
    assert "quy tắc" in r.output
    en = invoke(runner, "rules", "--lang", "en")
    assert en.exit_code == 0 and "rules" in en.output and "Severity" in en.output


def test_rules_json(runner: CliRunner) -> None:
    r = invoke(runner, "rules", "-f", "json")
    assert r.exit_code == 0
    rules = json.loads(r.stdout)
    assert {"SUM001", "PCT001", "INP003"} <= {x["id"] for x in rules}


def test_explain(runner: CliRunner) -> None:
    r = invoke(runner, "explain", "SUM001")
    assert r.exit_code == 0
    assert r.stdout.startswith("SUM001")
    assert "Ví dụ" in r.stdout
    assert "!!" not in r.stdout  # every example gives its expected verdict
    en = invoke(runner, "explain", "sum001", "--lang", "en")
    assert en.exit_code == 0
    assert "What it checks" in en.stdout and "Examples" in en.stdout


def test_explain_unknown_rule(runner: CliRunner) -> None:
    r = invoke(runner, "explain", "NOPE")
    assert r.exit_code == 2
    assert "NOPE" in r.output
    assert "audit rules" in r.output


@pytest.mark.parametrize("kind, title", [("report", "Report"), ("findings", "RunResult"), ("rule", "RuleFile")])
def test_schema(runner: CliRunner, kind: str, title: str) -> None:
    args = ["schema"] if kind == "report" else ["schema", "--kind", kind]
    r = invoke(runner, *args)
    assert r.exit_code == 0
    schema = json.loads(r.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["title"] == title


# ----------------------------------------------------------------------------- check: exit codes

def test_missing_file(runner: CliRunner, tmp_path: Path) -> None:
    r = invoke(runner, str(tmp_path / "nope.json"))
    assert r.exit_code == 2
    assert "nope.json" in r.output


def test_clean_report(runner: CliRunner, tmp_path: Path) -> None:
    p = write(tmp_path / "clean.json", CLEAN)
    r = invoke(runner, str(p))
    assert r.exit_code == 0, r.output
    assert "0 lỗi" in r.output
    code, data = run_json(runner, "check", str(p))
    assert code == 0
    assert data["findings"] == []
    assert data["files"][0]["status"] == "ok"
    assert data["stats"]["evaluated"] > 0 and data["stats"]["failed"] == 0


def test_sum_error(runner: CliRunner, tmp_path: Path) -> None:
    p = write(tmp_path / "sum.json", SUM_ERROR)
    r = invoke(runner, str(p))
    assert r.exit_code == 1
    assert "SUM002" in r.output
    assert invoke(runner, str(p), "--fail-on", "never").exit_code == 0
    assert invoke(runner, str(p), "--fail-on", "error").exit_code == 1
    assert invoke(runner, str(p), "--fail-on", "info").exit_code == 1
    assert invoke(runner, str(p), "--select", "PCT").exit_code == 0
    assert invoke(runner, str(p), "--select", "PCT,SUM001").exit_code == 0
    assert invoke(runner, str(p), "--select", "SUM002").exit_code == 1
    assert invoke(runner, str(p), "--select", "sum").exit_code == 1  # case-insensitive
    assert invoke(runner, str(p), "--select", "ALL").exit_code == 1
    assert invoke(runner, str(p), "--ignore", "SUM").exit_code == 0
    assert invoke(runner, str(p), "--ignore", "SUM001", "--ignore", "SUM002").exit_code == 0


def test_unknown_selection_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    p = write(tmp_path / "sum.json", SUM_ERROR)
    r = invoke(runner, str(p), "--select", "XYZ")
    assert r.exit_code == 2
    assert "XYZ" in r.output
    assert invoke(runner, str(p), "--ignore", "XYZ999").exit_code == 2


def test_bad_option_values_are_usage_errors(runner: CliRunner, tmp_path: Path) -> None:
    p = write(tmp_path / "clean.json", CLEAN)
    assert invoke(runner, str(p), "--fail-on", "sometimes").exit_code == 2
    assert invoke(runner, str(p), "-f", "xml").exit_code == 2
    assert invoke(runner, str(p), "--lang", "fr").exit_code == 2


# ----------------------------------------------------------------------------- output formats

def test_json_output(runner: CliRunner, tmp_path: Path) -> None:
    p = write(tmp_path / "sum.json", SUM_ERROR)
    code, data = run_json(runner, str(p))
    assert code == 1
    assert data["tool"]["name"] == "auditor"
    assert data["summary"]["error"] >= 1 and data["summary"]["files"] == 1
    assert data["files"][0]["status"] == "findings"
    f = next(f for f in data["findings"] if f["rule_id"] == "SUM002")
    assert f["severity"] == "error"
    assert f["pointer"] == "/totals/0/total"
    assert set(f["related"]) == {"/totals/0/parts/0/value", "/totals/0/parts/1/value", "/totals/0/parts/2/value"}
    assert f["message"]["vi"] and f["message"]["en"]
    assert f["fingerprint"]
    assert f["line"] >= 1  # located in the input file
    assert f["stated"] == "11" and f["expected"] == "10"
    for f in data["findings"]:
        assert {"rule_id", "severity", "pointer", "fingerprint", "message", "title", "file"} <= f.keys()
        assert {"vi", "en"} <= f["message"].keys()


def test_fingerprints_are_stable(runner: CliRunner, tmp_path: Path) -> None:
    p = write(tmp_path / "sum.json", SUM_ERROR)
    _, a = run_json(runner, str(p))
    _, b = run_json(runner, str(p))
    assert [f["fingerprint"] for f in a["findings"]] == [f["fingerprint"] for f in b["findings"]]
    assert a["findings"]
    # … and do not depend on where the file lives or how it is laid out
    q = tmp_path / "sub"
    q.mkdir()
    (q / "sum.json").write_text(json.dumps(SUM_ERROR, ensure_ascii=False), "utf-8")
    _, c = run_json(runner, str(q / "sum.json"))
    assert {f["fingerprint"] for f in a["findings"]} == {f["fingerprint"] for f in c["findings"]}


def test_output_file(runner: CliRunner, tmp_path: Path) -> None:
    p = write(tmp_path / "sum.json", SUM_ERROR)
    out = tmp_path / "out.json"
    r = invoke(runner, str(p), "-f", "json", "-o", str(out))
    assert r.exit_code == 1
    assert r.stdout == ""
    data = json.loads(out.read_text("utf-8"))
    jsonschema.Draft202012Validator(FINDINGS_SCHEMA).validate(data)
    assert any(f["rule_id"] == "SUM002" for f in data["findings"])


def test_concise_and_full(runner: CliRunner, tmp_path: Path) -> None:
    p = write(tmp_path / "sum.json", SUM_ERROR)
    concise = invoke(runner, str(p), "-f", "concise")
    assert concise.exit_code == 1
    line = next(x for x in concise.stdout.splitlines() if "SUM002" in x)
    assert line.startswith(f"{p}:") and "[error]" in line and "[/totals/0/total]" in line
    full = invoke(runner, str(p), "--format", "full")
    assert "LỖI" in full.stdout and "SUM002" in full.stdout


def test_lang_en(runner: CliRunner, tmp_path: Path) -> None:
    p = write(tmp_path / "sum.json", SUM_ERROR)
    vi = invoke(runner, str(p), "-f", "concise")
    en = invoke(runner, str(p), "-f", "concise", "--lang", "en")
    assert "Found 1 error" in en.stdout and "but the total is stated as 11" in en.stdout
    assert "Tìm thấy" not in en.stdout
    assert "Tìm thấy 1 lỗi" in vi.stdout and "nhưng tổng ghi 11" in vi.stdout
    full = invoke(runner, str(p), "--lang", "en")
    assert "ERROR" in full.stdout and "Message" in full.stdout


# ----------------------------------------------------------------------------- bad input

def _only(data: dict[str, Any], rule_id: str) -> dict[str, Any]:
    found = [f for f in data["findings"] if f["rule_id"] == rule_id]
    assert found, data["findings"]
    return found[0]


def test_invalid_json(runner: CliRunner, tmp_path: Path) -> None:
    p = tmp_path / "bad.json"
    p.write_text('{\n  "meta": {"unit": {"name": "An Phú"},\n', "utf-8")
    code, data = run_json(runner, str(p))
    assert code == 1
    f = _only(data, "INP003")
    assert "line 3" in f["message"]["en"] and "column" in f["message"]["en"]
    assert "dòng 3" in f["message"]["vi"] and "cột" in f["message"]["vi"]
    assert f["line"] == 3 and f["column"] >= 1
    assert data["files"][0]["status"] == "invalid"


def test_json_with_nan_is_invalid(runner: CliRunner, tmp_path: Path) -> None:
    p = tmp_path / "nan.json"
    p.write_text('{"meta": {"unit": {"name": "A"}, "title": "B", "period": {"kind": "year"}}, '
                 '"totals": [{"label": "x", "total": NaN}]}', "utf-8")
    code, data = run_json(runner, str(p))
    assert code == 1
    _only(data, "INP003")


@pytest.mark.parametrize("content", [b"", b"   \n\t\n", b"\xef\xbb\xbf"])
def test_empty_file(runner: CliRunner, tmp_path: Path, content: bytes) -> None:
    p = tmp_path / "empty.json"
    p.write_bytes(content)
    code, data = run_json(runner, str(p))
    assert code == 1
    _only(data, "INP002")
    assert data["files"][0]["status"] == "unreadable"


def test_not_utf8(runner: CliRunner, tmp_path: Path) -> None:
    p = tmp_path / "cp1258.json"
    p.write_bytes("Thi đua".encode("cp1258"))
    code, data = run_json(runner, str(p))
    assert code == 1
    f = _only(data, "INP001")
    assert "UTF-8" in f["message"]["en"]
    assert data["files"][0]["status"] == "unreadable"


def test_utf8_bom_is_accepted(runner: CliRunner, tmp_path: Path) -> None:
    p = tmp_path / "bom.json"
    p.write_bytes(b"\xef\xbb\xbf" + json.dumps(CLEAN, ensure_ascii=False).encode("utf-8"))
    assert invoke(runner, str(p)).exit_code == 0


@pytest.mark.parametrize("data", [[1, 2], "report", 42, None])
def test_not_an_object(runner: CliRunner, tmp_path: Path, data: Any) -> None:
    p = write(tmp_path / "arr.json", data)
    code, out = run_json(runner, str(p))
    assert code == 1
    assert _only(out, "INP004")["pointer"] == ""


def test_wrong_type(runner: CliRunner, tmp_path: Path) -> None:
    p = write(tmp_path / "year.json", with_meta(period={"kind": "year", "year": "năm nay"}))
    code, data = run_json(runner, str(p))
    assert code == 1
    f = _only(data, "INP004")
    assert f["pointer"] == "/meta/period/year"
    assert "năm nay" in f["message"]["vi"]
    assert f["line"] >= 1


def test_missing_required_field(runner: CliRunner, tmp_path: Path) -> None:
    report = with_meta()
    del report["meta"]["title"]
    p = write(tmp_path / "notitle.json", report)
    code, data = run_json(runner, str(p))
    assert code == 1
    f = _only(data, "INP004")
    assert f["pointer"] == "/meta/title"
    assert "title" in f["message"]["en"]


def test_unknown_field(runner: CliRunner, tmp_path: Path) -> None:
    p = write(tmp_path / "extra.json", {**with_meta(), "khen_thuong": []})
    code, data = run_json(runner, str(p))
    assert code == 1
    f = _only(data, "INP004")
    assert f["pointer"] == "/khen_thuong"
    assert "khen_thuong" in f["message"]["vi"]


def test_several_schema_errors_each_reported(runner: CliRunner, tmp_path: Path) -> None:
    report = with_meta(period={"kind": "year", "year": "năm nay"})
    del report["meta"]["title"]
    report["foo"] = 1
    p = write(tmp_path / "many.json", report)
    _, data = run_json(runner, str(p))
    pointers = {f["pointer"] for f in data["findings"] if f["rule_id"] == "INP004"}
    assert {"/meta/title", "/meta/period/year", "/foo"} <= pointers


def test_ambiguous_number(runner: CliRunner, tmp_path: Path) -> None:
    report = {**with_meta(), "indicators": [
        {"name": "Thu nhập bình quân", "unit": "triệu đồng", "values": {"kh": "3", "th": "3.32", "pct_kh": "110,7"}}]}
    p = write(tmp_path / "amb.json", report)
    code, data = run_json(runner, str(p))
    assert code == 1
    f = _only(data, "NUM001")
    assert f["pointer"] == "/indicators/0/values/th"
    assert f["stated"] == "3.32"
    assert "3,32" in f["message"]["vi"]
    # the checks that need the number are skipped, not run on a guess
    assert not [x for x in data["findings"] if x["rule_id"].startswith("PCT")]


def test_several_files_one_bad(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "a_bad.json"
    bad.write_text("{not json", "utf-8")
    good = write(tmp_path / "b_good.json", CLEAN)
    err = write(tmp_path / "c_sum.json", SUM_ERROR)
    code, data = run_json(runner, str(bad), str(good), str(err))
    assert code == 1
    status = {Path(f["path"]).name: f["status"] for f in data["files"]}
    assert status == {"a_bad.json": "invalid", "b_good.json": "ok", "c_sum.json": "findings"}
    assert {Path(f["file"]).name for f in data["findings"]} == {"a_bad.json", "c_sum.json"}
    assert data["summary"]["files"] == 3


def test_directory_argument(runner: CliRunner, tmp_path: Path) -> None:
    d = tmp_path / "reports"
    (d / "nested").mkdir(parents=True)
    write(d / "good.json", CLEAN)
    write(d / "nested" / "sum.json", SUM_ERROR)
    (d / "notes.txt").write_text("not a report", "utf-8")
    code, data = run_json(runner, str(d))
    assert code == 1
    status = {Path(f["path"]).name: f["status"] for f in data["files"]}
    # a folder means every supported document in it; notes that are not a report are listed
    # as skipped, with the reason, not as a failure (issue 14)
    assert status == {"good.json": "ok", "notes.txt": "skipped", "sum.json": "findings"}
    assert any(f["rule_id"] == "SUM002" for f in data["findings"])
    assert not any(Path(f["file"]).name == "notes.txt" for f in data["findings"])
    # an empty folder is a usage error that says so (issue 18 case 6: it used to pass, exit 0)
    empty = tmp_path / "empty"
    empty.mkdir()
    r = invoke(runner, str(empty))
    assert r.exit_code == 2 and "holds no document" in r.output


def test_explicit_check_command(runner: CliRunner, tmp_path: Path) -> None:
    p = write(tmp_path / "sum.json", SUM_ERROR)
    assert invoke(runner, "check", str(p)).exit_code == 1
    assert invoke(runner, "check", str(p), "--ignore", "SUM").exit_code == 0


def test_dash_reads_stdin(tmp_path: Path) -> None:
    proc = subprocess_audit("-", "-f", "json", cwd=tmp_path,
                            stdin=json.dumps(SUM_ERROR, ensure_ascii=False).encode("utf-8"))
    data = json.loads(proc.stdout)
    assert any(f["rule_id"] == "SUM002" for f in data["findings"]), data["findings"]
    assert proc.returncode == 1


# ----------------------------------------------------------------------------- real processes

def test_subprocess_version() -> None:
    proc = subprocess_audit("--version")
    assert proc.returncode == 0
    assert proc.stdout.decode().strip() == f"audit {__version__}"


def test_subprocess_exit_codes(tmp_path: Path) -> None:
    clean = write(tmp_path / "clean.json", CLEAN)
    err = write(tmp_path / "sum.json", SUM_ERROR)
    assert subprocess_audit(str(clean)).returncode == 0
    proc = subprocess_audit(str(err), "-f", "json")
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    jsonschema.Draft202012Validator(FINDINGS_SCHEMA).validate(data)
    assert subprocess_audit(str(err), "--fail-on", "never").returncode == 0


def test_subprocess_usage_errors(tmp_path: Path) -> None:
    proc = subprocess_audit(str(tmp_path / "missing.json"))
    assert proc.returncode == 2
    assert b"missing.json" in proc.stderr
    proc = subprocess_audit("explain", "NOPE")
    assert proc.returncode == 2
    assert b"NOPE" in proc.stderr


def test_subprocess_bad_inputs_never_traceback(tmp_path: Path) -> None:
    files = {
        "bad.json": b'{"meta": ',
        "empty.json": b"",
        "cp1258.json": "Thi đua".encode("cp1258"),
        "array.json": b"[]",
        "deep.json": b"[" * 100_000 + b"]" * 100_000,
        "deepobj.json": b'{"meta":' + b'{"a":' * 5000 + b"1" + b"}" * 5001,
        "year.json": json.dumps(with_meta(period={"kind": "year", "year": "năm nay"})).encode(),
        "amb.json": json.dumps({**with_meta(), "totals": [{"label": "x", "total": "3.32"}]}).encode(),
    }
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
    proc = subprocess_audit(str(tmp_path), "-f", "json")
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    assert len(data["files"]) == len(files)
    reported = {Path(f["file"]).name for f in data["findings"]}
    assert reported == set(files)


def test_subprocess_output_is_complete_with_the_fast_exit(tmp_path: Path) -> None:
    # `run()` leaves with os._exit after flushing: every output must be whole by then
    seeds = sorted(str(p) for p in (Path(__file__).resolve().parent.parent / "fixtures").glob("seed_*.json"))
    out, sarif = tmp_path / "out.json", tmp_path / "run.sarif"
    proc = subprocess_audit(*seeds, "-f", "json", "-o", str(out), "--sarif-output", str(sarif))
    assert proc.returncode == 1, proc.stderr
    assert len(json.loads(out.read_text("utf-8"))["files"]) == len(seeds)
    assert json.loads(sarif.read_text("utf-8"))["version"] == "2.1.0"
    piped = subprocess_audit(*seeds, "-f", "json")  # a large stdout through a pipe
    assert json.loads(piped.stdout)["findings"] == json.loads(out.read_text("utf-8"))["findings"]


def test_exit_codes_of_every_way_out(monkeypatch: pytest.MonkeyPatch) -> None:
    import click

    from auditor import cli

    def raising(exc: BaseException) -> Any:
        def fake(**_: Any) -> None:
            raise exc
        return fake

    cases: list[tuple[BaseException, int]] = [
        (SystemExit(None), 0), (SystemExit(1), 1), (SystemExit("message"), 1),
        (click.exceptions.Exit(3), 3), (click.UsageError("x"), 2), (click.exceptions.Abort(), 2),
        (KeyboardInterrupt(), 130), (RuntimeError("boom"), 2),
    ]
    for exc, code in cases:
        monkeypatch.setattr(cli, "main", raising(exc))
        assert cli._run() == code, exc


def test_the_cycle_collector_is_back_on_after_any_command(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # run() turns it off for the imports; check turns it on after loading the rules, every
    # other command at once (a long `compare` must not run without it)
    import gc

    from auditor import cli

    clean = write(tmp_path / "clean.json", CLEAN)
    try:
        for args in (["rules"], ["check", str(clean)], [str(clean)], ["schema"]):
            gc.disable()
            monkeypatch.setattr(sys, "argv", ["audit", *args])
            cli._run()
            assert gc.isenabled(), args
    finally:
        gc.enable()
