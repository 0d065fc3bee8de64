"""Baselines: write, use (only new findings fail, counts per fingerprint), update (only removes),
accepted entries (justification required), paths relative to the baseline file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from helpers import invoke, write

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seed_000_but_son_2022.json"
FINDINGS_SCHEMA = json.loads((ROOT / "schemas" / "findings.schema.json").read_text("utf-8"))

META: dict[str, Any] = {
    "unit": {"name": "An Phú", "kind": "xa"},
    "title": "Báo cáo tổng kết công tác thi đua, khen thưởng",
    "period": {"kind": "year", "year": 2023},
}


def total(label: str, stated: str, *parts: str) -> dict[str, Any]:
    return {"label": label, "unit": "người", "total": stated,
            "parts": [{"label": f"Phần {i}", "value": v} for i, v in enumerate(parts, 1)]}






def run_json(*args: str) -> tuple[int, dict[str, Any]]:
    r = invoke(*args, "-f", "json")
    data = json.loads(r.stdout)
    jsonschema.Draft202012Validator(FINDINGS_SCHEMA).validate(data)
    return r.exit_code, data


@pytest.fixture
def submission(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the Bút Sơn report in a project folder, with the cwd there."""
    monkeypatch.chdir(tmp_path)
    report = tmp_path / "reports" / "but_son.json"
    report.parent.mkdir()
    shutil.copy(SEED, report)
    return report


def edit(path: Path, fn: Any) -> None:
    data = json.loads(path.read_text("utf-8"))
    fn(data)
    write(path, data)


def add_defect(data: dict[str, Any]) -> None:
    data["totals"][0]["parts"][3]["value"]["text"] = "07"  # 04+02+04+07+04 = 21, stated 20


# ------------------------------------------------------------------------------ the flow

def test_resubmission_with_one_new_defect_fails_on_that_defect_alone(submission: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "ci" / "baseline.json"
    code, before = run_json(str(submission))
    assert code == 1 and len(before["findings"]) >= 3  # the seed has known defects
    r = invoke(str(submission), "--write-baseline", str(baseline))
    assert r.exit_code == 0 and baseline.is_file()

    # resubmitted unchanged: everything is known
    code, data = run_json(str(submission), "--baseline", str(baseline))
    assert code == 0
    assert {f["baseline_state"] for f in data["findings"]} == {"unchanged"}
    assert all(f["suppressed"] for f in data["findings"])
    assert data["summary"]["baselined"] == len(before["findings"])
    assert data["summary"]["error"] == 0

    # resubmitted with one extra defect: exactly that one is new, and the run fails
    edit(submission, add_defect)
    code, data = run_json(str(submission), "--baseline", str(baseline))
    assert code == 1
    new = [f for f in data["findings"] if f["baseline_state"] == "new"]
    assert len(new) == 1
    assert new[0]["rule_id"] == "SUM002" and new[0]["pointer"].startswith("/totals/0")
    assert new[0]["suppressed"] is False
    assert len(data["findings"]) == len(before["findings"]) + 1
    assert data["summary"]["baselined"] == len(before["findings"])
    assert data["summary"]["error"] == 1

    full = invoke(str(submission), "--baseline", str(baseline), "--lang", "en")
    assert full.exit_code == 1
    assert "BASELINED" in full.stdout
    assert f"{len(before['findings'])} baselined" in full.stdout
    concise = invoke(str(submission), "--baseline", str(baseline), "-f", "concise")
    assert concise.stdout.count(", baseline]") == len(before["findings"])


def test_baseline_file_format(submission: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    invoke(str(submission), "--write-baseline", str(baseline))
    text = baseline.read_text("utf-8")
    assert text.endswith("}\n") and "\\u" not in text  # UTF-8, not escapes
    doc = json.loads(text)
    assert doc["version"] == 1 and doc["accepted"] == []
    keys = [(e["file"], e["rule"], e["fingerprint"]) for e in doc["findings"]]
    assert keys == sorted(keys)
    e = doc["findings"][0]
    assert list(e) == ["file", "rule", "fingerprint", "count", "pointer", "message"]
    assert e["file"] == "reports/but_son.json"  # relative to the baseline's folder
    assert any("Tổng giá trị sản xuất" in x["message"] for x in doc["findings"])
    invoke(str(submission), "--write-baseline", str(baseline))
    assert baseline.read_text("utf-8") == text  # stable: rewriting changes nothing


def test_baseline_works_from_another_working_directory(submission: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    baseline = tmp_path / "ci" / "baseline.json"
    invoke("reports/but_son.json", "--write-baseline", "ci/baseline.json")
    assert json.loads(baseline.read_text("utf-8"))["findings"][0]["file"] == "../reports/but_son.json"
    monkeypatch.chdir(tmp_path / "reports")
    code, data = run_json("but_son.json", "--baseline", "../ci/baseline.json")
    assert code == 0 and data["summary"]["baselined"] == len(data["findings"]) > 0
    monkeypatch.chdir("/")
    code, _ = run_json(str(submission), "--baseline", str(baseline))
    assert code == 0


def test_counts_only_the_surplus_is_new(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    one = {"meta": META, "totals": [total("Cán bộ", "11", "6", "3", "1")]}
    report = write(tmp_path / "r.json", one)
    invoke("r.json", "--write-baseline", "bl.json")
    assert json.loads((tmp_path / "bl.json").read_text("utf-8"))["findings"][0]["count"] == 1
    write(report, {"meta": META, "totals": [total("Cán bộ", "11", "6", "3", "1")] * 2})
    code, data = run_json("r.json", "--baseline", "bl.json")
    assert code == 1
    assert len({f["fingerprint"] for f in data["findings"]}) == 1  # the same defect, twice
    assert sorted(f["baseline_state"] for f in data["findings"]) == ["new", "unchanged"]
    invoke("r.json", "--write-baseline", "bl.json")
    assert json.loads((tmp_path / "bl.json").read_text("utf-8"))["findings"][0]["count"] == 2
    assert run_json("r.json", "--baseline", "bl.json")[0] == 0


def test_update_baseline_removes_corrected_entries_and_never_adds(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    a, b, c = total("A", "11", "6", "3", "1"), total("B", "21", "10", "10"), total("C", "5", "1", "1")
    report = write(tmp_path / "r.json", {"meta": META, "totals": [a, b]})
    invoke("r.json", "--write-baseline", "bl.json")
    assert len(json.loads((tmp_path / "bl.json").read_text("utf-8"))["findings"]) == 2
    # A corrected, C introduced
    write(report, {"meta": META, "totals": [total("A", "10", "6", "3", "1"), b, c]})
    r = invoke("r.json", "--baseline", "bl.json")
    assert r.exit_code == 1 and "--update-baseline" in r.stderr  # the stale entry is pointed out
    r = invoke("r.json", "--baseline", "bl.json", "--update-baseline", "-f", "json")
    assert r.exit_code == 1  # C is new and still fails
    entries = json.loads((tmp_path / "bl.json").read_text("utf-8"))["findings"]
    assert [e["message"].split(":")[0] for e in entries] == ["B"]  # A removed, C not added
    data = json.loads(r.stdout)
    assert [f["baseline_state"] for f in data["findings"] if f["item"] == "C"] == ["new"]


def test_update_baseline_needs_a_baseline(tmp_path: Path) -> None:
    report = write(tmp_path / "r.json", {"meta": META})
    assert invoke(str(report), "--update-baseline").exit_code == 2


def test_missing_or_broken_baseline_is_a_usage_error(tmp_path: Path) -> None:
    report = write(tmp_path / "r.json", {"meta": META})
    r = invoke(str(report), "--baseline", str(tmp_path / "nope.json"))
    assert r.exit_code == 2 and "--write-baseline" in r.output
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    assert invoke(str(report), "--baseline", str(tmp_path / "bad.json")).exit_code == 2
    write(tmp_path / "extra.json", {"version": 1, "findings": [], "suppress_all": True})
    assert invoke(str(report), "--baseline", str(tmp_path / "extra.json")).exit_code == 2


def _accepted_baseline(tmp_path: Path, **extra: Any) -> tuple[Path, Path]:
    report = write(tmp_path / "r.json", {"meta": META, "totals": [total("Cán bộ", "11", "6", "3", "1")]})
    _, data = run_json(str(report))
    f = data["findings"][0]
    entry = {"file": "r.json", "rule": f["rule_id"], "fingerprint": f["fingerprint"], **extra}
    bl = write(tmp_path / "bl.json", {"version": 1, "findings": [], "accepted": [entry]})
    return report, bl


def test_accepted_entry_needs_a_justification(tmp_path: Path) -> None:
    report, bl = _accepted_baseline(tmp_path)
    r = invoke(str(report), "--baseline", str(bl))
    assert r.exit_code == 2 and "justification" in r.output
    report, bl = _accepted_baseline(tmp_path, justification="   ")
    assert invoke(str(report), "--baseline", str(bl)).exit_code == 2


def test_accepted_entry_suppresses_with_its_justification(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    why = "Đã xác minh với Phòng Nội vụ: số liệu đúng, chi bộ ghép"
    report, bl = _accepted_baseline(tmp_path, justification=why, by="Thanh tra huyện", date="2024-07-01")
    code, data = run_json(str(report), "--baseline", str(bl))
    assert code == 0
    f = data["findings"][0]
    assert f["suppressed"] is True and f["justification"] == why and f["baseline_state"] == "unchanged"
    monkeypatch.setenv("COLUMNS", "400")  # no wrapping in the table
    assert f"đã chấp nhận: {why}" in invoke(str(report), "--baseline", str(bl)).stdout
    sarif = json.loads(invoke(str(report), "--baseline", str(bl), "-f", "sarif").stdout)
    res = sarif["runs"][0]["results"][0]
    assert res["suppressions"] == [{"kind": "external", "status": "accepted", "justification": why}]
    assert res["baselineState"] == "unchanged"
    # --write-baseline keeps the hand-written accepted list, and does not duplicate it
    invoke(str(report), "--write-baseline", str(bl))
    doc = json.loads(bl.read_text("utf-8"))
    assert doc["findings"] == [] and doc["accepted"][0]["justification"] == why


def test_baseline_from_configuration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "audit.toml").write_text('baseline = "ci/bl.json"\n', encoding="utf-8")
    write(tmp_path / "r.json", {"meta": META, "totals": [total("A", "11", "6", "3", "1")]})
    assert invoke("r.json").exit_code == 2  # the configured baseline does not exist yet
    assert invoke("r.json", "--write-baseline", "ci/bl.json").exit_code == 0
    sub = tmp_path / "sub"
    sub.mkdir()
    monkeypatch.chdir(sub)  # the key is relative to the configuration file, not to the cwd
    assert invoke("../r.json").exit_code == 0
    assert invoke("../r.json", "--no-baseline").exit_code == 1


def test_write_baseline_keeps_entries_of_other_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.json", {"meta": META, "totals": [total("A", "11", "6", "3", "1")]})
    write(tmp_path / "b.json", {"meta": META, "totals": [total("B", "5", "1", "1")]})
    invoke("a.json", "b.json", "--write-baseline", "bl.json")
    invoke("a.json", "--write-baseline", "bl.json")
    files = [e["file"] for e in json.loads((tmp_path / "bl.json").read_text("utf-8"))["findings"]]
    assert files == ["a.json", "b.json"]
    # auditing one file does not call the other file's entries stale
    r = invoke("a.json", "--baseline", "bl.json")
    assert r.exit_code == 0 and "--update-baseline" not in r.stderr
