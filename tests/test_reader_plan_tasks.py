"""A numbered task of the plan part with no figure is no indicator (no CMP004 “no data”); an indicator of
the results part with no figure still is. Phrasings of our own."""

from __future__ import annotations

from auditor.extract.quality import audit_report
from tests.test_reader_phrasings import page

BODY = ("BÁO CÁO\nKết quả thực hiện nhiệm vụ tháng 10 năm 2024\n\n"
        "I. KẾT QUẢ THỰC HIỆN THÁNG 10 NĂM 2024\n"
        "1. Thu ngân sách đạt 2.845 triệu đồng.\n2. Giải quyết việc làm cho 38 lao động.\n3. {result}\n\n"
        "II. PHƯƠNG HƯỚNG, NHIỆM VỤ THÁNG 11 NĂM 2024\n"
        "1. Xuống giống phần diện tích còn lại 40 ha.\n2. Phấn đấu thu ngân sách đạt 100% dự toán.\n"
        "3. Chuẩn bị tổ chức Ngày hội Đại đoàn kết toàn dân tộc (18/11).\n\nNơi nhận:\n- Lưu: VT.\n")


def _no_data(text: str) -> list[str]:
    return [f.message.vi for f in audit_report(page(text), "t") if f.rule_id == "CMP004"]


def test_a_task_of_the_plan_is_no_indicator_without_data() -> None:
    found = _no_data(BODY.format(result="Tổ chức tốt các hoạt động văn hóa, văn nghệ."))
    assert not any("Ngày hội" in m for m in found)


def test_an_item_of_the_results_without_data_is_still_reported() -> None:
    found = _no_data(BODY.format(result="Tỷ lệ hộ gia đình văn hóa."))
    assert any("Tỷ lệ hộ gia đình văn hóa" in m for m in found)
