"""`audit compare OLD NEW`: corrected / still open / updated / new findings, lowered plan targets."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from helpers import invoke, write

from auditor.workflows.compare import normalize_name

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seed_000_but_son_2022.json"


def meta(year: int, name: str = "An Phú", kind: str = "year") -> dict[str, Any]:
    return {"unit": {"name": name, "kind": "xa"}, "title": f"Báo cáo năm {year}",
            "period": {"kind": kind, "year": year}}


SECTIONS = [{"id": "p1", "heading": "Kết quả", "part": "results"},
            {"id": "p2", "heading": "Phương hướng, nhiệm vụ", "part": "plan"}]






def compare_json(*args: str) -> tuple[int, dict[str, Any]]:
    r = invoke("compare", *args, "--isolated", "-f", "json")
    return r.exit_code, json.loads(r.stdout)


def total(label: str, stated: str, *parts: str) -> dict[str, Any]:
    return {"label": label, "unit": "người", "total": stated,
            "parts": [{"label": f"Phần {i}", "value": v} for i, v in enumerate(parts, 1)]}


@pytest.fixture
def seed_pair(tmp_path: Path) -> tuple[Path, Path]:
    old = tmp_path / "but_son_v1.json"
    shutil.copy(SEED, old)
    new = tmp_path / "but_son_v2.json"
    data = json.loads(old.read_text("utf-8"))
    data["counts"][1]["stated"]["text"] = "8"  # corrected: "trong đó 8 chỉ tiêu vượt KH"
    write(new, data)
    return old, new


# ------------------------------------------------------------------------------ findings

def test_a_corrected_defect_is_listed_as_corrected(seed_pair: tuple[Path, Path]) -> None:
    old, new = seed_pair
    code, data = compare_json(str(old), str(new))
    assert code == 0
    assert [f["rule_id"] for f in data["corrected"]] == ["CNT001"]
    assert data["corrected"][0]["pointer"] == "/counts/1/stated"
    assert data["new"] == [] and data["updated"] == []
    assert data["summary"]["corrected"] == 1 and data["summary"]["open"] >= 3
    assert {p["new"]["baseline_state"] for p in data["open"]} == {"unchanged"}
    assert data["warnings"] == []
    full = invoke("compare", str(old), str(new), "--isolated", "--lang", "en")
    assert full.exit_code == 0 and "CORRECTED (1)" in full.stdout and "CNT001" in full.stdout
    assert "Corrected since the previous submission: 1" in full.stdout
    md = invoke("compare", str(old), str(new), "--isolated", "-f", "markdown")
    assert md.stdout.startswith("# So sánh") and "## ĐÃ SỬA (1)" in md.stdout


def test_new_findings_fail_and_the_reverse_direction(seed_pair: tuple[Path, Path]) -> None:
    old, new = seed_pair
    code, data = compare_json(str(new), str(old))
    assert code == 1
    assert [f["rule_id"] for f in data["new"]] == ["CNT001"] and data["corrected"] == []
    assert invoke("compare", str(new), str(old), "--isolated", "--fail-on", "never").exit_code == 0


def test_updated_when_the_value_changed_but_the_rule_still_fails(tmp_path: Path) -> None:
    old = write(tmp_path / "v1.json", {"meta": meta(2023), "totals": [total("Cán bộ", "11", "6", "3", "1")]})
    new = write(tmp_path / "v2.json", {"meta": meta(2023), "totals": [total("Cán bộ", "12", "6", "3", "1")]})
    code, data = compare_json(str(old), str(new))
    assert code == 0  # not a new defect: the same one, with other values
    assert data["corrected"] == [] and data["new"] == []
    (pair,) = data["updated"]
    assert pair["old"]["stated"] == "11" and pair["new"]["stated"] == "12"
    assert pair["new"]["baseline_state"] == "updated"


def test_findings_files_can_be_compared(seed_pair: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = seed_pair
    for src, dst in ((old, "old_findings.json"), (new, "new_findings.json")):
        r = invoke(str(src), "--isolated", "-f", "json", "-o", str(tmp_path / dst))
        assert r.exit_code == 1
    code, data = compare_json(str(tmp_path / "old_findings.json"), str(tmp_path / "new_findings.json"))
    assert code == 0
    assert data["old"]["kind"] == "findings"
    assert [f["rule_id"] for f in data["corrected"]] == ["CNT001"]
    # a report against a findings file works too
    code, data = compare_json(str(tmp_path / "old_findings.json"), str(new))
    assert [f["rule_id"] for f in data["corrected"]] == ["CNT001"]


def test_different_units_are_warned_about(tmp_path: Path) -> None:
    old = write(tmp_path / "a.json", {"meta": meta(2023, "An Phú")})
    new = write(tmp_path / "b.json", {"meta": meta(2023, "Hoàng Kim")})
    code, data = compare_json(str(old), str(new))
    assert code == 0
    assert any("Hoàng Kim" in w["en"] and "An Phú" in w["vi"] for w in data["warnings"])
    assert "⚠" in invoke("compare", str(old), str(new), "--isolated").stdout


def test_missing_input_is_a_usage_error(tmp_path: Path) -> None:
    old = write(tmp_path / "a.json", {"meta": meta(2023)})
    r = invoke("compare", str(old), str(tmp_path / "nope.json"))
    assert r.exit_code == 2 and "nope.json" in r.output


# -------------------------------------------------------------------------- plan targets

def test_normalize_name() -> None:
    assert normalize_name("TỔNG GIÁ TRỊ SẢN XUẤT") == normalize_name("Tổng giá trị sản xuất ") == \
        "tong gia tri san xuat"
    assert normalize_name("Đường giao thông") == "duong giao thong"


def test_lowered_plan_target_is_reported_prominently(tmp_path: Path) -> None:
    old = write(tmp_path / "2023.json", {
        "meta": meta(2023), "sections": SECTIONS,
        "tables": [{"id": "kh2024", "section": "p2", "columns": [{"key": "kh", "label": "KH 2024"}]}],
        "indicators": [
            {"name": "Tổng giá trị sản xuất", "unit": "tỷ đồng", "section": "p1", "values": {"th": "1.900"}},
            {"name": "Tổng giá trị sản xuất", "unit": "tỷ đồng", "table": "kh2024", "values": {"kh": "2.000"}},
            {"name": "Thu ngân sách", "unit": "triệu đồng", "section": "p2", "values": {"kh": "500"}},
            {"name": "Số hộ được hỗ trợ", "unit": "hộ", "section": "p2", "values": {"kh": "40"}},
        ]})
    new = write(tmp_path / "2024.json", {
        "meta": meta(2024), "sections": SECTIONS,
        "indicators": [
            # the 2024 report measures itself against a lower plan: 1.850 = 102,8% of 1.800
            {"name": "TỔNG GIÁ TRỊ SẢN XUẤT", "unit": "tỷ đồng", "section": "p1",
             "values": {"kh": "1.800", "th": "1.850", "pct_kh": "102,8"}},
            {"name": "Thu ngân sách", "unit": "triệu đồng", "section": "p1", "values": {"kh": "520", "th": "530"}},
            # a plan-part target of the new report is for 2025: not compared with the 2024 plan
            {"name": "Số hộ được hỗ trợ", "unit": "hộ", "section": "p2", "values": {"kh": "10"}},
        ]})
    code, data = compare_json(str(old), str(new))
    assert code == 0  # targets do not change the exit code; the report is internally consistent
    by_name = {t["name"]: t for t in data["targets"]}
    t = by_name["Tổng giá trị sản xuất"]
    assert t["change"] == "lowered" and t["old"] == "2.000" and t["new"] == "1.800" and t["delta"] == "−200"
    assert t["old_pointer"] == "/indicators/1/values/kh" and t["new_pointer"] == "/indicators/0/values/kh"
    assert by_name["Thu ngân sách"]["change"] == "raised"
    assert by_name["Số hộ được hỗ trợ"]["change"] == "missing"
    assert data["targets"][0]["change"] == "lowered"  # lowered first
    assert data["summary"]["targets_lowered"] == 1 and data["summary"]["targets_compared"] == 3
    full = invoke("compare", str(old), str(new), "--isolated")
    head = full.stdout.split("ĐÃ SỬA")[0]  # before the findings: prominent
    assert "⚠ CHỈ TIÊU KẾ HOẠCH BỊ HẠ (1)" in head and "Tổng giá trị sản xuất" in head
    en = invoke("compare", str(old), str(new), "--isolated", "--lang", "en", "-f", "markdown")
    assert "## ⚠ PLAN TARGETS LOWERED (1)" in en.stdout


def test_resubmission_that_lowers_its_own_plan(tmp_path: Path) -> None:
    plan = {"name": "Tỷ lệ hộ nghèo", "unit": "%", "section": "p2", "values": {"kh": "2,5"}}
    other = {"name": "Số lao động được đào tạo nghề", "unit": "người", "section": "p2", "values": {"kh": "120"}}
    old = write(tmp_path / "v1.json", {"meta": meta(2023), "sections": SECTIONS, "indicators": [plan, other]})
    lowered = [{**plan, "values": {"kh": "2"}}, {**other, "values": {"kh": "100"}}]
    new = write(tmp_path / "v2.json", {"meta": meta(2023), "sections": SECTIONS, "indicators": lowered})
    code, data = compare_json(str(old), str(new))
    changes = {t["name"]: t for t in data["targets"]}
    assert changes["Số lao động được đào tạo nghề"]["change"] == "lowered"
    assert changes["Số lao động được đào tạo nghề"]["lower_is_better"] is False
    # a lower poverty rate is a stricter target: reported, with a note
    assert changes["Tỷ lệ hộ nghèo"]["change"] == "lowered" and changes["Tỷ lệ hộ nghèo"]["lower_is_better"]
    assert data["warnings"] == []


def test_plan_for_another_year_is_warned_about(tmp_path: Path) -> None:
    ind = {"name": "Thu ngân sách", "unit": "triệu đồng", "section": "p2", "values": {"kh": "500"}}
    old = write(tmp_path / "a.json", {"meta": meta(2022), "sections": SECTIONS, "indicators": [ind]})
    new = write(tmp_path / "b.json", {"meta": meta(2025), "sections": SECTIONS,
                                      "indicators": [{**ind, "section": "p1"}]})
    _, data = compare_json(str(old), str(new))
    assert any("2023" in w["en"] and "2025" in w["en"] for w in data["warnings"])
