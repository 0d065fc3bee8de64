"""Configuration: discovery (nearest file wins, no merging), validation (unknown keys exit 2),
effect on `audit check` (severity, per-file-ignores, selection, defaults of flags), `audit config`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers import invoke, write

from auditor.engine.ruleset import load_rules
from auditor.errors import ConfigError
from auditor.workflows.config import Settings, discover, glob_match, load_config

META: dict[str, Any] = {
    "unit": {"name": "An Phú", "kind": "xa"},
    "title": "Báo cáo tổng kết công tác thi đua, khen thưởng",
    "period": {"kind": "year", "year": 2023},
}

# SUM002 fails: 6 + 3 + 1 = 10, stated 11.
SUM_ERROR: dict[str, Any] = {
    "meta": META,
    "totals": [{"label": "Chi bộ", "unit": "chi bộ", "total": "11",
                "parts": [{"label": "Thôn", "value": "6"}, {"label": "Trường học", "value": "3"},
                          {"label": "Công an", "value": "1"}]}],
}






def findings(*args: str) -> tuple[int, list[dict[str, Any]]]:
    r = invoke(*args, "-f", "json")
    return r.exit_code, json.loads(r.stdout)["findings"]


# ------------------------------------------------------------------------------ discovery

def test_nearest_file_wins_and_nothing_is_merged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "pyproject.toml", '[tool.audit]\nignore = ["SUM002"]\nlang = "en"\n')
    write(tmp_path / "a" / "audit.toml", 'fail-on = "error"\n')
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    cfg = load_config()
    assert cfg.path == (tmp_path / "a" / "audit.toml").resolve()
    assert cfg.values == {"fail-on": "error"}  # the pyproject's ignore/lang are not merged in
    report = write(tmp_path / "r.json", SUM_ERROR)
    code, fs = findings(str(report))
    assert code == 1 and [f["rule_id"] for f in fs] == ["SUM002"]  # SUM002 not ignored
    monkeypatch.chdir(tmp_path)
    code, fs = findings(str(report))
    assert code == 0 and fs == []  # here the pyproject.toml is the nearest file


def test_audit_toml_beats_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.audit]\nlang = "en"\n')
    write(tmp_path / "audit.toml", 'lang = "vi"\n')
    assert discover(tmp_path) == (tmp_path / "audit.toml").resolve()
    write(tmp_path / ".audit.toml", 'lang = "en"\n')
    assert discover(tmp_path) == (tmp_path / ".audit.toml").resolve()


def test_pyproject_without_tool_audit_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / "audit.toml", 'lang = "en"\n')
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n')
    assert discover(tmp_path / "sub") == (tmp_path / "audit.toml").resolve()


@pytest.mark.parametrize("text", [
    '[project]\nname = "audit-portal"\n[tool.auditing]\nx = 1\n',  # names "audit", but no tool.audit
    '[tool]\naudit = 3\n',  # not a table: an error, as before
    '[tool.audit]\nlang = "en"\n',
    'tool.audit.lang = "en"\n',  # dotted keys
    '[tool."audit"]\nlang = "en"\n',
])
def test_a_pyproject_is_parsed_only_when_it_names_audit(text: str, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The nearest pyproject.toml is read at every run: one that never names "audit" is skipped
    without parsing (even when it is not valid TOML: it is not ours); one that does is parsed,
    with the answer it always had."""
    import auditor.workflows.config as config

    p = write(tmp_path / "pyproject.toml", text)
    try:
        got: Any = config._table(p)
    except ConfigError as e:
        got = type(e)
    data = config._read_toml(p)
    tool = data.get("tool")
    if not isinstance(tool, dict) or "audit" not in tool:
        assert got == (None, None)
    elif not isinstance(tool["audit"], dict):
        assert got is ConfigError
    else:
        assert got == (tool["audit"], "[tool.audit]")
    calls: list[Path] = []
    monkeypatch.setattr(config, "_read_toml", lambda path: calls.append(path) or {})
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n[tool.ruff\n')  # broken, and not ours
    assert config._table(tmp_path / "pyproject.toml") == (None, None) and calls == []


def test_isolated_and_explicit_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "audit.toml", 'ignore = ["SUM"]\n')
    other = write(tmp_path / "conf" / "strict.toml", 'select = ["SUM002"]\nfail-on = "error"\n')
    report = write(tmp_path / "r.json", SUM_ERROR)
    monkeypatch.chdir(tmp_path)
    assert findings(str(report)) == (0, [])
    code, fs = findings(str(report), "--isolated")
    assert code == 1 and fs[0]["rule_id"] == "SUM002"
    code, fs = findings(str(report), "--config", str(other))
    assert code == 1 and {f["rule_id"] for f in fs} == {"SUM002"}
    r = invoke(str(report), "--config", str(tmp_path / "missing.toml"))
    assert r.exit_code == 2 and "missing.toml" in r.output


# ----------------------------------------------------------------------------- validation

@pytest.mark.parametrize("text, key", [
    ('selct = ["SUM"]\n', "selct"),
    ('extend_select = ["SUM"]\n', "extend_select"),
    ('[severity]\nSUM002 = "fatal"\n', "severity"),
    ('fail-on = "sometimes"\n', "fail-on"),
    ('[rules.NOPE]\ncap = 15\n', "NOPE"),
    ('ignore = ["XYZ9"]\n', "XYZ9"),
    ('[per-file-ignores]\n"*.json" = ["QQQ"]\n', "QQQ"),
    ('output-format = "pdf"\n', "output-format"),
])
def test_bad_configuration_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            text: str, key: str) -> None:
    cfg = write(tmp_path / "audit.toml", text)
    report = write(tmp_path / "r.json", SUM_ERROR)
    monkeypatch.chdir(tmp_path)
    r = invoke(str(report))
    assert r.exit_code == 2, r.output
    assert key in r.output and str(cfg.resolve()) in r.output
    assert "Traceback" not in r.output
    # bilingual: a Vietnamese line and an English line
    assert any(w in r.output for w in ("Khóa", "Giá trị", "Không có quy tắc"))
    assert any(w in r.output for w in ("Unknown", "Invalid", "No rule"))


def test_unknown_key_names_key_and_file_in_pyproject(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "pyproject.toml", '[tool.audit]\nseverty = {SUM002 = "info"}\n')
    monkeypatch.chdir(tmp_path)
    r = invoke("config")
    assert r.exit_code == 2
    assert "severty" in r.output and "pyproject.toml [tool.audit]" in r.output
    assert "severity" in r.output  # the hint: did you mean “severity”?


def test_invalid_toml_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "audit.toml", "select = [\n")
    monkeypatch.chdir(tmp_path)
    r = invoke(str(write(tmp_path / "r.json", SUM_ERROR)))
    assert r.exit_code == 2 and "TOML" in r.output


# -------------------------------------------------------------------------------- effects

def test_severity_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "audit.toml", '[severity]\nSUM = "info"\nSUM002 = "warning"\n')
    report = write(tmp_path / "r.json", SUM_ERROR)
    monkeypatch.chdir(tmp_path)
    code, fs = findings(str(report))
    assert code == 1 and fs[0]["severity"] == "warning"  # the rule id beats the prefix
    code, fs = findings(str(report), "--fail-on", "error")
    assert code == 0 and len(fs) == 1


def test_severity_off_switches_the_rule_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "audit.toml", '[severity]\nSUM002 = "off"\n')
    monkeypatch.chdir(tmp_path)
    assert findings(str(write(tmp_path / "r.json", SUM_ERROR))) == (0, [])


def test_per_file_ignores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "audit.toml", '[per-file-ignores]\n"old/**/*.json" = ["SUM"]\n"legacy_*.json" = ["SUM002"]\n')
    a = write(tmp_path / "old" / "2021" / "x" / "a.json", SUM_ERROR)
    b = write(tmp_path / "new" / "b.json", SUM_ERROR)
    c = write(tmp_path / "new" / "legacy_c.json", SUM_ERROR)
    monkeypatch.chdir(tmp_path / "new")  # the globs are relative to the config file's folder
    code, fs = findings(str(a), str(b), str(c))
    assert code == 1
    assert [Path(f["file"]).name for f in fs] == ["b.json"]
    r = invoke(str(a), str(b), str(c), "-f", "json")
    data = json.loads(r.stdout)
    assert data["summary"]["error"] == 1
    # and from the command line
    code, fs = findings(str(b), "--per-file-ignores", "b.json:SUM002")
    assert code == 0 and fs == []


def test_glob_match() -> None:
    root = Path("/proj")
    assert glob_match("sub/**/*.json", "/proj/sub/a.json", root)
    assert glob_match("sub/**/*.json", "/proj/sub/x/y/a.json", root)
    assert not glob_match("sub/*.json", "/proj/sub/x/a.json", root)
    assert glob_match("a?.json", "/elsewhere/a1.json", root)  # no "/": the file name alone
    assert not glob_match("other/*.json", "/proj/sub/a.json", root)


def test_select_layers(tmp_path: Path) -> None:
    ruleset = load_rules()
    write(tmp_path / "audit.toml", 'select = ["SUM"]\nextend-select = ["PCT001"]\nignore = ["SUM004"]\n')
    s = Settings(config=load_config(tmp_path / "audit.toml"))
    ids = {r.id for r in s.select_rules(s.apply(ruleset), None, None)}
    assert ids == {r.id for r in ruleset.rules if r.id.startswith("SUM") and r.id != "SUM004"} | {"PCT001"}
    s.extend_select = ["CNT"]
    ids = {r.id for r in s.select_rules(ruleset, None, ["SUM001"])}
    assert "CNT001" in ids and "SUM001" not in ids and "SUM002" in ids
    ids = {r.id for r in s.select_rules(ruleset, ["PCT"], None)}  # CLI --select replaces the file's
    assert ids == {r.id for r in ruleset.rules if r.id.startswith(("PCT", "CNT"))}


def test_rule_parameters_are_merged(tmp_path: Path) -> None:
    write(tmp_path / "audit.toml",
          '[rules.SUM]\ncaps = { "Thanh Hóa" = 15, "Hà Nội" = 20 }\n\n[rules.SUM002]\ncaps = { "Thanh Hóa" = 12 }\n')
    ruleset = load_rules()
    s = Settings(config=load_config(tmp_path / "audit.toml"))
    eff = s.apply(ruleset)
    sum2, sum1 = eff.get("SUM002"), eff.get("SUM001")
    assert sum2.params["caps"] == {"Thanh Hóa": 12, "Hà Nội": 20}  # per rule over per prefix, deep merge
    assert sum1.params["caps"] == {"Thanh Hóa": 15, "Hà Nội": 20}
    assert sum2.params["total"] == ruleset.get("SUM002").params["total"]  # the rule's own params kept
    assert "caps" not in ruleset.get("SUM002").params  # the cached rule set is not modified


def test_config_fills_flags_the_command_line_did_not_give(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "audit.toml", 'lang = "en"\noutput-format = "concise"\nfail-on = "never"\n')
    report = write(tmp_path / "r.json", SUM_ERROR)
    monkeypatch.chdir(tmp_path)
    r = invoke(str(report))
    assert r.exit_code == 0
    assert "SUM002 [error]" in r.stdout and "Found 1 error" in r.stdout
    r = invoke(str(report), "--lang", "vi", "--fail-on", "error", "-f", "full")
    assert r.exit_code == 1 and "Tìm thấy 1 lỗi" in r.stdout and "LỖI" in r.stdout


def test_a_report_cannot_switch_rules_off(tmp_path: Path) -> None:
    """The report format has no field for suppressions: such a key is not part of the format."""
    for key, value in (("ignore", ["SUM002"]), ("severity", {"SUM002": "off"}), ("tool", {"audit": {}})):
        report = write(tmp_path / f"r_{key}.json", {**SUM_ERROR, key: value})
        code, fs = findings(str(report))
        assert code == 1
        assert any(f["rule_id"] == "INP004" and f["pointer"] == f"/{key}" for f in fs), fs


# ---------------------------------------------------------------------------- audit config

def test_audit_config_prints_the_effective_configuration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = write(tmp_path / "pyproject.toml",
                '[tool.audit]\nignore = ["PCT005"]\nbaseline = "ci/baseline.json"\n\n'
                '[tool.audit.severity]\nVAL001 = "warning"\n')
    monkeypatch.chdir(tmp_path)
    r = invoke("config")
    assert r.exit_code == 0
    assert str(cfg.resolve()) in r.stdout and "[tool.audit]" in r.stdout
    assert 'ignore = ["PCT005"]' in r.stdout
    assert 'VAL001 = "warning"' in r.stdout
    assert 'fail-on = "warning"' in r.stdout  # defaults are shown, marked as such
    assert "(mặc định)" in r.stdout
    data = json.loads(invoke("config", "-f", "json").stdout)
    assert data["file"] == str(cfg.resolve())
    assert data["config"]["ignore"] == ["PCT005"] and data["config"]["select"] == ["ALL"]
    assert data["set"] == ["baseline", "ignore", "severity"]
    assert data["baseline_path"] == str(tmp_path.resolve() / "ci" / "baseline.json")
    assert invoke("config", "ignore").stdout.strip() == '["PCT005"]'
    assert invoke("config", "nope").exit_code == 2
    iso = invoke("config", "--isolated", "--lang", "en")
    assert "--isolated" in iso.stdout and 'ignore = []' in iso.stdout


def test_audit_config_without_any_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    r = invoke("config", "--lang", "en")
    assert r.exit_code == 0 and "no configuration file" in r.stdout


def test_award_cap_configured_per_province(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """AWD003 is off until a cap is configured (the cap depends on the province since 2024)."""
    if load_rules().get("AWD003") is None:
        pytest.skip("AWD003 not in this rule set")
    report = write(tmp_path / "r.json", {"meta": META, "awards": [
        {"year": 2022, "title": "CSTĐCS", "key": "cstdcs", "individuals": {"text": "300", "exact": True}},
        {"year": 2022, "title": "LĐTT", "key": "ldtt", "individuals": {"text": "950", "exact": True}}]})
    monkeypatch.chdir(tmp_path)
    assert not [f for f in findings(str(report))[1] if f["rule_id"] == "AWD003"]
    write(tmp_path / "audit.toml", '[rules.AWD003]\ncap = 15\nsource = "Quy chế của tỉnh"\n')
    hits = [f for f in findings(str(report))[1] if f["rule_id"] == "AWD003"]
    assert len(hits) == 1 and "Quy chế của tỉnh" in hits[0]["message"]["vi"]


def test_strict_from_configuration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`strict = true` has the effect of `--strict` (more rules run)."""
    if not any("strict" in r.tags for r in load_rules().rules):
        pytest.skip("no rule tagged strict in this rule set")
    report = Path(__file__).resolve().parent.parent / "fixtures" / "example.json"
    monkeypatch.chdir(tmp_path)
    base = json.loads(invoke(str(report), "-f", "json").stdout)["stats"]["rules"]
    flag = json.loads(invoke(str(report), "-f", "json", "--strict").stdout)["stats"]["rules"]
    write(tmp_path / "audit.toml", "strict = true\n")
    conf = json.loads(invoke(str(report), "-f", "json").stdout)["stats"]["rules"]
    assert flag > base and conf == flag
