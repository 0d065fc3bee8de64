"""Output formats for CI and printing: json-lines, sarif, junit, gitlab, github, markdown.

Run results come from auditing the real fixtures with the pipeline (plus a clean report), and a
few synthetic variations (warnings, duplicates, unknown lines) for the edge cases."""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from auditor.cli import main
from auditor.engine.ruleset import load_rules
from auditor.model.findings import SEVERITY_RANK, Finding, RunResult, Text
from auditor.output import FORMATS, RENDERERS
from auditor.output.github import gh_escape_data, gh_escape_property, render_github
from auditor.output.gitlab import render_gitlab
from auditor.output.json_lines import render_json_lines
from auditor.output.json_report import render_json
from auditor.output.junit import render_junit
from auditor.output.markdown import render_markdown
from auditor.output.sarif import render_sarif
from auditor.workflows.pipeline import audit_file, combine

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEEDS = ["seed_000_but_son_2022.json", "seed_001_hoang_kim_2024h1.json"]
SARIF_SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"
SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}

CLEAN_REPORT = {
    "meta": {"unit": {"name": "An Phú", "kind": "xa"}, "title": "Báo cáo",
             "period": {"kind": "year", "year": 2023}},
    "totals": [{"label": "Cán bộ, công chức xã", "unit": "người", "total": "20",
                "parts": [{"label": "Chuyên trách", "value": "9"}, {"label": "Công chức", "value": "11"}]}],
}


# ---------------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def clean_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    p = tmp_path_factory.mktemp("clean") / "bao_cao_sach.json"
    p.write_text(json.dumps(CLEAN_REPORT, ensure_ascii=False, indent=2), encoding="utf-8")
    return p


def _audit(paths: list[tuple[Path, str]]) -> RunResult:
    ruleset = load_rules()
    rules = list(ruleset.rules)
    return combine([audit_file(str(p), ruleset, rules, display) for p, display in paths], ruleset)


@pytest.fixture(scope="module")
def rr(clean_path: Path) -> RunResult:
    """Both seeds (with findings) and a clean report."""
    paths = [(FIXTURES / s, f"fixtures/{s}") for s in SEEDS] + [(clean_path, "clean/bao_cao_sach.json")]
    result = _audit(paths)
    assert result.findings, "the seed fixtures are expected to have findings"
    return result


@pytest.fixture(scope="module")
def clean_rr(clean_path: Path) -> RunResult:
    result = _audit([(clean_path, "clean/bao_cao_sach.json")])
    assert not result.findings, [f.message.en for f in result.findings]
    return result


@pytest.fixture(scope="module")
def mixed_rr(rr: RunResult) -> RunResult:
    """Every severity, a finding without a line and an exact duplicate (same fingerprint)."""
    sevs = ["info", "warning", "error"]
    findings = [replace(f, severity=sevs[i % 3]) for i, f in enumerate(rr.findings)]
    findings.append(replace(findings[0], line=None, column=None))
    findings.append(replace(findings[1]))
    out = copy.deepcopy(rr)
    out.findings = findings
    out.summary = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    out.summary["files"] = len(out.files)
    return out


FAIL_RANK = {"error": 3, "warning": 2, "info": 1, "never": 99}


def _failing(r: RunResult) -> int:
    """Findings at or above the run's --fail-on threshold (default warning): JUnit failures."""
    return sum(1 for f in r.findings if SEVERITY_RANK[f.severity] >= FAIL_RANK[r.fail_on])


# -------------------------------------------------------------------------------- registration


def test_formats_are_registered() -> None:
    expected = {"json-lines": render_json_lines, "sarif": render_sarif, "junit": render_junit,
                "gitlab": render_gitlab, "github": render_github, "markdown": render_markdown,
                "json": render_json}
    for name, fn in expected.items():
        assert RENDERERS[name] is fn
    assert list(RENDERERS) == list(FORMATS)
    for name in ("full", "concise", "html"):
        assert callable(RENDERERS[name])


# ---------------------------------------------------------------------------------- json-lines


def test_json_lines(rr: RunResult, clean_rr: RunResult) -> None:
    lines = render_json_lines(rr, "vi").splitlines()
    assert len(lines) == len(rr.findings)
    objs = [json.loads(line) for line in lines]
    assert objs == json.loads(render_json(rr, "vi"))["findings"]
    assert render_json_lines(clean_rr, "vi") == ""


# --------------------------------------------------------------------------------------- sarif


@pytest.fixture(scope="module")
def sarif_validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SARIF_SCHEMA.read_text("utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _errors(validator: jsonschema.protocols.Validator, doc: dict) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_sarif_validates(rr: RunResult, clean_rr: RunResult, mixed_rr: RunResult, lang: str,
                         sarif_validator: jsonschema.protocols.Validator) -> None:
    for r in (rr, clean_rr, mixed_rr):
        doc = json.loads(render_sarif(r, lang))
        assert _errors(sarif_validator, doc) == []
        assert doc["version"] == "2.1.0" and len(doc["runs"]) == 1


def test_sarif_results(mixed_rr: RunResult) -> None:
    run = json.loads(render_sarif(mixed_rr, "en"))["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "auditor" and driver["version"] == mixed_rr.tool.version
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["invocations"][0]["executionSuccessful"] is True
    rules = driver["rules"]
    assert len({r["id"] for r in rules}) == len(rules)
    results = run["results"]
    assert len(results) == len(mixed_rr.findings)
    for f, res in zip(mixed_rr.findings, results):
        assert res["ruleId"] == f.rule_id
        assert rules[res["ruleIndex"]]["id"] == f.rule_id
        assert res["level"] == SARIF_LEVEL[f.severity]  # always explicit
        assert f.message.en in res["message"]["text"]
        loc = res["locations"][0]
        art = loc["physicalLocation"]["artifactLocation"]
        assert art["uri"] == f.file and "\\" not in art["uri"]
        assert run["artifacts"][art["index"]]["location"]["uri"] == art["uri"]
        if f.line:
            assert loc["physicalLocation"]["region"]["startLine"] == f.line
            if f.column:
                assert loc["physicalLocation"]["region"]["startColumn"] == f.column
        else:
            assert "region" not in loc["physicalLocation"]
        assert loc["logicalLocations"][0] == {**loc["logicalLocations"][0], "fullyQualifiedName": f.pointer,
                                              "kind": "value"}
        related = [r["logicalLocations"][0]["fullyQualifiedName"] for r in res.get("relatedLocations", [])]
        assert related == list(dict.fromkeys(f.related))
        assert res["partialFingerprints"] == {"auditor/v1": f.fingerprint}
        props = res["properties"]
        for key in ("stated", "expected", "formula"):
            assert props.get(key) == getattr(f, key)
        assert len(props.get("evidence", [])) == len(f.evidence)
    assert {r["level"] for r in results} == {"error", "warning", "note"}


def test_sarif_rules_metadata(rr: RunResult) -> None:
    ruleset = load_rules()
    for lang in ("vi", "en"):
        rules = {r["id"]: r for r in json.loads(render_sarif(rr, lang))["runs"][0]["tool"]["driver"]["rules"]}
        for f in rr.findings:
            spec = ruleset.get(f.rule_id)
            d = rules[f.rule_id]
            assert d["shortDescription"]["text"] == (spec.title.vi if lang == "vi" else spec.title.en)
            assert d["fullDescription"]["text"]
            assert d["help"]["text"] and d["help"]["markdown"]
            assert d["defaultConfiguration"]["level"] == SARIF_LEVEL[spec.severity]
            assert d["name"]


def test_sarif_unknown_rule_and_sha(rr: RunResult, sarif_validator: jsonschema.protocols.Validator) -> None:
    """A finding from a rule the default rule set does not know still gets a descriptor."""
    out = copy.deepcopy(rr)
    out.findings = [replace(rr.findings[0], rule_id="ZZZ999", title=Text(vi="Thử", en="Test"))]
    doc = json.loads(render_sarif(out, "vi"))
    assert _errors(sarif_validator, doc) == []
    run = doc["runs"][0]
    res = run["results"][0]
    assert run["tool"]["driver"]["rules"][res["ruleIndex"]]["id"] == "ZZZ999"
    hashes = [a.get("hashes", {}).get("sha-256") for a in run["artifacts"]]
    assert hashes == [fr.sha256 for fr in rr.files]


# --------------------------------------------------------------------------------------- junit


def _junit(r: RunResult, lang: str = "vi") -> ET.Element:
    text = render_junit(r, lang)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(text.encode("utf-8"))


def _check_junit(root: ET.Element, r: RunResult) -> None:
    assert root.tag == "testsuites"
    cases = root.findall("./testsuite/testcase")
    names = [c.get("name") for c in cases]
    assert len(names) == len(set(names)), "testcase names must be unique"
    failures = root.findall("./testsuite/testcase/failure")
    assert len(failures) == _failing(r)
    assert {f.get("type") for f in failures} <= {s for s, n in SEVERITY_RANK.items() if n >= FAIL_RANK[r.fail_on]}
    assert int(root.get("tests")) == len(cases)
    assert int(root.get("failures")) == len(failures)
    assert int(root.get("errors")) == 0
    suites = root.findall("testsuite")
    assert len(suites) == len(r.files)
    for suite in suites:
        assert int(suite.get("tests")) == len(suite.findall("testcase")) >= 1
        assert int(suite.get("failures")) == len(suite.findall("testcase/failure"))
    assert sum(int(s.get("tests")) for s in suites) == int(root.get("tests"))


def test_junit(rr: RunResult) -> None:
    root = _junit(rr)
    _check_junit(root, rr)
    by_name = {s.get("name"): s for s in root.findall("testsuite")}
    clean = by_name["clean/bao_cao_sach.json"]
    cases = clean.findall("testcase")
    assert len(cases) == 1 and not list(cases[0]), "a clean file has one passing testcase"
    for f in rr.findings:
        assert any(c.get("name", "").startswith(f"{f.rule_id} {f.pointer}") for c in root.iter("testcase"))


def test_junit_mixed_and_duplicates(mixed_rr: RunResult) -> None:
    root = _junit(mixed_rr, "en")
    _check_junit(root, mixed_rr)
    infos = [f for f in mixed_rr.findings if f.severity == "info"]
    assert len(root.findall("./testsuite/testcase/system-out")) == len(infos)


@pytest.mark.parametrize("fail_on", ["error", "warning", "info", "never"])
def test_junit_follows_fail_on(mixed_rr: RunResult, fail_on: str) -> None:
    """JUnit and the exit code agree: failures are exactly the findings at or above --fail-on;
    the others pass with their note in system-out."""
    r = replace(mixed_rr, fail_on=fail_on)
    root = _junit(r, "en")
    _check_junit(root, r)
    expected = {"error": 1, "warning": 2, "info": 3, "never": 0}[fail_on]
    assert len({f.get("type") for f in root.findall("./testsuite/testcase/failure")}) == expected
    outs = root.findall("./testsuite/testcase/system-out")
    assert len(outs) == len(r.findings) - _failing(r)


def test_junit_clean_run_is_not_empty(clean_rr: RunResult) -> None:
    root = _junit(clean_rr)
    _check_junit(root, clean_rr)
    assert root.get("tests") == "1" and root.get("failures") == "0"


def test_junit_survives_control_characters(rr: RunResult) -> None:
    out = copy.deepcopy(rr)
    f = out.findings[0]
    out.findings = [replace(f, message=Text(vi="a\x00b\x0c<&>\"", en="x\x1by"))]
    root = _junit(out)
    assert "<&>" in root.find("./testsuite/testcase/failure").get("message")


@pytest.mark.parametrize("args", [
    [str(FIXTURES / SEEDS[0])],
    [str(FIXTURES / SEEDS[1])],
    [str(FIXTURES / SEEDS[1]), "--select", "PCT001"],
    [str(FIXTURES / SEEDS[1]), "--select", "PCT001", "--fail-on", "info"],
    [str(FIXTURES / SEEDS[1]), "--fail-on", "error"],
    [str(FIXTURES / SEEDS[0]), "--fail-on", "never"],
    ["CLEAN"],
])
def test_cli_junit_exit_code(args: list[str], clean_path: Path) -> None:
    args = [str(clean_path) if a == "CLEAN" else a for a in args]
    result = CliRunner().invoke(main, [*args, "-f", "junit"])
    assert result.exit_code in (0, 1), result.output
    root = ET.fromstring(result.stdout.encode("utf-8"))
    failures = int(root.get("failures"))
    assert failures == len(root.findall("./testsuite/testcase/failure"))
    assert (result.exit_code == 1) == (failures > 0)


# -------------------------------------------------------------------------------------- gitlab


@pytest.mark.parametrize("which", ["rr", "mixed_rr"])
def test_gitlab(which: str, request: pytest.FixtureRequest) -> None:
    r: RunResult = request.getfixturevalue(which)
    entries = json.loads(render_gitlab(r, "vi"))
    assert isinstance(entries, list) and len(entries) == len(r.findings)
    fps = [e["fingerprint"] for e in entries]
    assert len(set(fps)) == len(fps)
    sev = {"error": "critical", "warning": "major", "info": "info"}
    for f, e in zip(r.findings, entries):
        assert isinstance(e, dict)
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(e)
        assert e["check_name"] == f.rule_id and e["description"].startswith(f.rule_id)
        assert e["severity"] == sev[f.severity]
        assert e["location"]["path"] == f.file
        assert e["location"]["lines"]["begin"] == (f.line or 1)


def test_gitlab_clean(clean_rr: RunResult) -> None:
    assert json.loads(render_gitlab(clean_rr, "vi")) == []


# -------------------------------------------------------------------------------------- github


def test_github(mixed_rr: RunResult) -> None:
    lines = render_github(mixed_rr, "en").splitlines()
    kinds = {"::error ": "error", "::warning ": "warning", "::notice ": "info"}
    sevs = []
    for line in lines:
        prefix = next((p for p in kinds if line.startswith(p)), None)
        assert prefix, line
        sevs.append(kinds[prefix])
        assert "\n" not in line and "\r" not in line
    finding_lines = lines[: len(mixed_rr.findings)]
    ranks = [SEVERITY_RANK[s] for s in sevs[: len(finding_lines)]]
    assert ranks == sorted(ranks, reverse=True), "most severe first"
    assert sevs[0] == "error"
    assert sorted(sevs[: len(finding_lines)]) == sorted(f.severity for f in mixed_rr.findings)
    for f in mixed_rr.findings:
        head = f"file={f.file}" + (f",line={f.line}" if f.line else "")
        assert any(head in line and f"title={f.rule_id}::" in line for line in finding_lines)
    assert lines[-1].startswith("::notice title=auditor::")


def test_github_escaping() -> None:
    assert gh_escape_data("50% a\r\nb: c, d") == "50%25 a%0D%0Ab: c, d"
    assert gh_escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_github_escapes_messages(rr: RunResult) -> None:
    out = copy.deepcopy(rr)
    f = out.findings[0]
    out.findings = [replace(f, message=Text(vi="x", en="100% sure\nnext, line: 2"),
                                         file="dir,a/b:c.json")]
    line = render_github(out, "en").splitlines()[0]
    assert "file=dir%2Ca/b%3Ac.json" in line
    assert line.split("::", 2)[2].startswith("100%25 sure%0Anext, line: 2")


# ------------------------------------------------------------------------------------ markdown


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_markdown(rr: RunResult, lang: str) -> None:
    md = render_markdown(rr, lang)
    assert md.startswith("# " + ("Báo cáo kiểm tra" if lang == "vi" else "Audit report"))
    assert rr.tool.version in md and rr.tool.ruleset in md
    for fr in rr.files:
        assert fr.path in md
        assert fr.sha256 in md
        if fr.unit:
            assert fr.unit in md
    for f in rr.findings:
        assert f"**{f.rule_id}**" in md
        assert f"`{f.pointer}`" in md
    s = rr.summary
    if lang == "vi":
        assert f"Tìm thấy {s['error']} lỗi, {s['warning']} cảnh báo, {s['info']} thông tin" in md
        assert "## Tóm tắt" in md and "Không có phát hiện nào." in md
    else:
        assert f"Found {s['error']} errors, {s['warning']} warnings" in md
        assert "## Summary" in md and "No findings." in md
    # per-file counts
    for fr in rr.files:
        c = {k: sum(1 for f in rr.findings if f.file == fr.path and f.severity == k)
             for k in ("error", "warning", "info")}
        row = next(line for line in md.splitlines() if line.startswith(f"| `{fr.path}`"))
        assert row.rstrip(" |").endswith(f"{c['error']} | {c['warning']} | {c['info']}")


def test_markdown_escapes(rr: RunResult) -> None:
    out = copy.deepcopy(rr)
    out.findings = [replace(out.findings[0], message=Text(vi="a | b *c* <d>", en="e"))]
    md = render_markdown(out, "vi")
    assert r"a \| b \*c\* \<d\>" in md


# ----------------------------------------------------------------------------------- all of them


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_on_a_clean_run(name: str, clean_rr: RunResult) -> None:
    text = RENDERERS[name](clean_rr, "vi")
    assert isinstance(text, str)
    assert text == "" or text.endswith("\n")


def test_relative_uri_for_absolute_paths(rr: RunResult) -> None:
    """An absolute path below the working directory is written relative, with forward slashes."""
    out = copy.deepcopy(rr)
    absolute = str(Path.cwd() / "sub" / "báo cáo.json")
    f = replace(out.findings[0], file=absolute)
    out.findings = [f]
    out.files = [replace(out.files[0], path=absolute)]
    uri = json.loads(render_sarif(out, "vi"))["runs"][0]["results"][0]["locations"][0][
        "physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "sub/b%C3%A1o%20c%C3%A1o.json"
    assert json.loads(render_gitlab(out, "vi"))[0]["location"]["path"] == "sub/báo cáo.json"


def test_finding_model_unchanged() -> None:
    """The renderers rely on these Finding fields."""
    for name in ("rule_id", "severity", "pointer", "related", "line", "column", "stated", "expected",
                 "formula", "evidence", "fingerprint", "file"):
        assert name in Finding.__dataclass_fields__


@pytest.mark.parametrize("columns", [None, "", "abc", "0", "-3", "95", "200"])
def test_full_output_width_is_what_shutil_gives(columns: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    """`full` reads the terminal width itself (shutil is not imported for it)."""
    import shutil

    from auditor.output.full import _terminal_columns

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert _terminal_columns(120) == shutil.get_terminal_size((120, 24)).columns
