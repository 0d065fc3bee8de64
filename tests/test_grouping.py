"""One defect, one finding (issue 13): grouped findings in every output, counted once, and the
findings format 2 read alongside format 1 (baselines and `audit compare` written before it).

tests/data/format1/ holds a report with two defects (a comma for a thousands dot that breaks a
sum, a % of plan and the implied plans; a % of plan with two digits swapped), and the baseline
and findings file the tool wrote for it before grouping (format 1: five findings, one per
failing relation; the swapped % then blamed the actual value)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from helpers import invoke

from auditor.engine.ruleset import load_rules
from auditor.engine.runner import run_rules
from auditor.model.facts import build_view
from auditor.read.json_reader import ReadResult, validate_data
from auditor.workflows.examples import BASE_REPORT
from auditor.workflows.pipeline import audit_file

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data" / "format1"
FINDINGS_SCHEMA = json.loads((ROOT / "schemas" / "findings.schema.json").read_text("utf-8"))
RULESET = load_rules()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("cascade.json", "baseline-format1.json", "findings-format1.json"):
        shutil.copy(DATA / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _json(*args: str) -> tuple[int, dict[str, Any]]:
    r = invoke(*args, "-f", "json")
    data = json.loads(r.stdout)
    jsonschema.Draft202012Validator(FINDINGS_SCHEMA).validate(data)
    return r.exit_code, data


def test_two_defects_two_findings_counted_once(project: Path) -> None:
    code, data = _json("cascade.json", "--lang", "en")
    assert code == 1 and data["version"] == 2
    old = json.loads((project / "findings-format1.json").read_text("utf-8"))
    assert old["version"] == 1 and len(old["findings"]) == 5  # what the tool said before
    assert len(data["findings"]) == 2
    assert data["summary"]["error"] + data["summary"]["warning"] + data["summary"]["info"] == 2
    comma, pct = sorted(data["findings"], key=lambda f: f["rule_id"], reverse=True)
    assert comma["rule_id"] == "UNIT004" and comma["severity"] == "warning"
    assert [(c["rule_id"], c["link"]) for c in comma["consequences"]] == [
        ("SUM001", "culprit"), ("PCT001", "culprit"), ("PCT006", "culprit")]
    assert comma["localization"]["culprits"][0]["suggested"] == "2.350"
    # the swapped % of plan: th and kh confirmed, so the stated percent is blamed (the format-1
    # finding suggested changing the actual value)
    [was] = [f for f in old["findings"] if f["pointer"] == "/indicators/1/values/pct_kh"]
    assert "636,4 → 676,4" in was["message"]["vi"]
    assert pct["localization"]["verdict"] == "named"
    assert pct["localization"]["culprits"][0]["pointer"] == "/indicators/1/values/pct_kh"
    assert pct["fix"]["en"].startswith("Change 46,3")
    # fingerprints are kept: the format-1 ones are all there, primary or consequence
    new_fps = {(g["rule_id"], g["fingerprint"]) for f in data["findings"] for g in [f, *f.get("consequences", [])]}
    assert {(f["rule_id"], f["fingerprint"]) for f in old["findings"]} == new_fps


def test_a_format1_baseline_still_suppresses_the_same_defects(project: Path) -> None:
    r = invoke("cascade.json", "--baseline", "baseline-format1.json")
    assert r.exit_code == 0, r.output
    assert "no longer occur" not in r.stderr and "không còn xuất hiện" not in r.stderr
    code, data = _json("cascade.json", "--baseline", "baseline-format1.json")
    assert code == 0 and data["summary"]["baselined"] == 2 and data["summary"]["error"] == 0
    for f in data["findings"]:
        assert f["suppressed"] and all(c["suppressed"] for c in f.get("consequences", []))
    # --update-baseline removes nothing: every entry is still used (by a primary or a consequence)
    before = (project / "baseline-format1.json").read_text("utf-8")
    assert invoke("cascade.json", "--baseline", "baseline-format1.json", "--update-baseline").exit_code == 0
    assert json.loads((project / "baseline-format1.json").read_text("utf-8"))["findings"] == json.loads(before)["findings"]


def test_a_new_baseline_records_the_consequences_too(project: Path) -> None:
    assert invoke("cascade.json", "--write-baseline", "bl2.json").exit_code == 0
    new = json.loads((project / "bl2.json").read_text("utf-8"))["findings"]
    old = json.loads((project / "baseline-format1.json").read_text("utf-8"))["findings"]
    assert {(e["rule"], e["fingerprint"]) for e in new} == {(e["rule"], e["fingerprint"]) for e in old}
    # a defect added later is new; the known ones stay suppressed
    data = json.loads((project / "cascade.json").read_text("utf-8"))
    data["indicators"][1]["values"]["remaining"] = "832,6"  # now also breaks the remainder
    (project / "cascade.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    code, out = _json("cascade.json", "--baseline", "bl2.json")
    assert code == 1
    assert [f["rule_id"] for f in out["findings"] if not f.get("suppressed")] == ["DIF001"]


def test_compare_reads_a_format1_findings_file(project: Path) -> None:
    r = invoke("compare", "findings-format1.json", "cascade.json", "-f", "json")
    data = json.loads(r.stdout)
    assert data["summary"]["new"] == 0 and data["summary"]["corrected"] == 0 and data["summary"]["open"] == 2
    # and the other way round: nothing new, nothing lost
    r = invoke("compare", "cascade.json", "findings-format1.json", "-f", "json")
    data = json.loads(r.stdout)
    assert data["summary"]["new"] == 0 and data["summary"]["corrected"] == 0


def test_outputs_nest_the_consequences(project: Path) -> None:
    full = invoke("cascade.json", "--lang", "en").stdout
    assert "↳ SUM001" in full and "(consequence)" in full
    concise = invoke("cascade.json", "-f", "concise").stdout
    assert len([x for x in concise.splitlines() if ": UNIT004 [" in x or ": PCT001 [" in x]) == 2
    assert "(+3: SUM001 /indicators/0/values/th" in concise
    sarif = json.loads(invoke("cascade.json", "-f", "sarif").stdout)
    results = sarif["runs"][0]["results"]
    assert len(results) == 2
    unit = next(x for x in results if x["ruleId"] == "UNIT004")
    names = [loc["logicalLocations"][0]["fullyQualifiedName"] for loc in unit["relatedLocations"]]
    assert "/indicators/0/values/th" in names and "/indicators/0/parts/0/values/pct_kh" in names
    html = invoke("cascade.json", "-f", "html").stdout
    assert html.count('class="consequences"') == 1 and "SUM001" in html
    md = invoke("cascade.json", "-f", "markdown").stdout
    assert "↳ **SUM001**" in md


def _run(report: dict[str, Any], **kw: Any) -> list[Any]:
    res = validate_data({**BASE_REPORT, **report}, ReadResult("x"))
    view = kw.pop("view_edit", None)
    v = build_view(res.report)
    if view:
        view(v)
    return run_rules(res.report, list(RULESET.rules), "x", view=v, **kw).findings


TWICE = {"facts": [{"key": "d", "label": "Rãnh thoát nước", "unit": "km",
                    "mentions": [{"value": "2", "where": "chỉ tiêu 13"}, {"value": "0,95", "where": "mục 2.6"}]}]}


def test_values_linked_by_the_reader_are_at_most_a_warning() -> None:
    [f] = [f for f in _run(TWICE) if f.rule_id == "VAL001"]
    assert f.severity == "error" and f.severity_note is None  # stated as one quantity (JSON)
    [f] = [f for f in _run(TWICE, inferred_links=True) if f.rule_id == "VAL001"]
    assert f.severity == "warning" and "linked by the document reader" in f.severity_note.en

    def mark(v: dict[str, Any]) -> None:  # a reader that marks what it linked (issue 12)
        v["facts"][0]["reading"] = "explicit"
    [f] = [f for f in _run(TWICE, inferred_links=True, view_edit=mark) if f.rule_id == "VAL001"]
    assert f.severity == "error"

    def infer(v: dict[str, Any]) -> None:
        v["facts"][0]["mentions"][1]["inferred"] = True
    [f] = [f for f in _run(TWICE, view_edit=infer) if f.rule_id == "VAL001"]
    assert f.severity == "warning"


def test_a_configured_severity_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    report = {**BASE_REPORT, "indicators": [{"name": "Thủy sản", "unit": "tấn",
                                             "values": {"kh": "15", "th": "8,5", "pct_kh": "56,6"}}]}
    (tmp_path / "r.json").write_text(json.dumps(report, ensure_ascii=False), "utf-8")
    _, data = _json("r.json")
    assert [f["severity"] for f in data["findings"]] == ["info"]  # a truncation: info by the policy
    (tmp_path / "audit.toml").write_text('[severity]\nPCT001 = "warning"\n', "utf-8")
    code, data = _json("r.json")
    assert [f["severity"] for f in data["findings"]] == ["warning"] and code == 1


@pytest.mark.parametrize("name", ["seed_000_but_son_2022.json", "seed_001_hoang_kim_2024h1.json",
                                  "seed_003_trung_khanh_2022.json", "example.json"])
def test_never_the_same_finding_twice_at_one_pointer(name: str) -> None:
    a = audit_file(str(ROOT / "fixtures" / name), RULESET, list(RULESET.rules))
    top = [(f.rule_id, f.pointer) for f in a.findings]
    assert len(top) == len(set(top))
    flat = [(g.rule_id, g.pointer, g.message.vi) for f in a.findings for g in (f, *(f.consequences or []))]
    assert len(flat) == len(set(flat))
    for f in a.findings:  # a concrete fix on every finding, placeholders filled
        assert f.fix is not None and "{" not in f.fix.vi + f.fix.en


def _input(rule: str, pointer: str, text: str, line: int | None, column: int | None) -> Any:
    from auditor.read.json_reader import InputProblem
    from auditor.workflows.pipeline import _input_finding

    p = InputProblem(rule, pointer, f"Số “{text}” viết dấu chấm thập phân.", f"The number “{text}” has a decimal dot.",
                     line, column, text)
    return _input_finding(p, RULESET.get(rule), "r.txt")


@pytest.mark.parametrize("rule", ["NUM002", "NUM001"])
def test_numbers_the_report_does_not_hold_are_one_finding_per_rule(rule: str) -> None:
    """Input problems without a pointer (numbers of a text the report has no place for, each
    with its line) share the empty pointer: one finding per rule, the others nested as repeats
    in the order of the text, none lost (the same number at two lines is two places); those
    with a pointer, and other rules, stay apart."""
    from auditor.engine.grouping import group_findings
    from auditor.output.common import consequence_note
    from auditor.workflows.pipeline import sort_key

    fs = [_input(rule, "", "12.50", 7, 3), _input(rule, "", "3.25", 2, 9), _input(rule, "", "12.50", 9, 1),
          _input(rule, "", "3.25", 2, 1), _input(rule, "/indicators/0/values/th", "4.75", 5, 1),
          _input("NUM002" if rule == "NUM001" else "NUM001", "", "8.5", 4, 1)]
    out = group_findings(fs, [], list(RULESET.rules), sort_key)
    top = [(f.rule_id, f.pointer) for f in out]
    assert len(top) == len(set(top)) == 3
    unplaced = next(f for f in out if f.rule_id == rule and not f.pointer)
    assert (unplaced.line, unplaced.column) == (2, 1)
    assert [(c.line, c.column, c.link) for c in unplaced.consequences or []] == [
        (2, 9, "repeat"), (7, 3, "repeat"), (9, 1, "repeat")]
    assert consequence_note(unplaced, "en") == f" (+3: {rule} 2:9, {rule} 7:3, {rule} 9:1)"
    assert next(f for f in out if f.pointer).consequences is None
    # from a .docx they have no line either: still one finding, each number quoted in its message
    docx = group_findings([_input(rule, "", "3.25", None, None), _input(rule, "", "12.50", None, None)], [],
                          list(RULESET.rules), sort_key)
    assert len(docx) == 1 and {f.stated for f in (docx[0], *(docx[0].consequences or []))} == {"3.25", "12.50"}
