"""PER012: a title whose year the rest of the report contradicts is reported once, at the title, and the
heading and date rules do not blame the items that agree with each other. Reports of our own, as text."""

from __future__ import annotations

import pytest

from auditor.extract.quality import audit_report
from tests.test_reader_phrasings import page

_HEAD = ("ỦY BAN NHÂN DÂN\nXÃ AN BÌNH\nSố: 125/BC-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
         "An Bình, ngày {date}\n\nBÁO CÁO\n{title}\n\n")
_BODY = ("I. KẾT QUẢ THỰC HIỆN NĂM {y}\n1. Công tác tổ chức phong trào thi đua\nNăm {y}, UBND xã đã phát động 5 phong "
         "trào thi đua.\n2. Công tác khen thưởng\nUBND xã tặng Giấy khen cho 12 tập thể và 35 cá nhân.\n"
         "II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {y1}\nTiếp tục đẩy mạnh các phong trào thi đua.\n\n"
         "Nơi nhận:\n- UBND huyện;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn A\n")


def _report(title_year: int, body_year: int, date: str) -> str:
    title = f"Tổng kết công tác thi đua, khen thưởng năm {title_year} và phương hướng, nhiệm vụ năm {body_year + 1}"
    return _HEAD.format(date=date, title=title) + _BODY.format(y=body_year, y1=body_year + 1)


def _period_rules(text: str) -> list[tuple[str, str]]:
    return sorted((f.rule_id, f.severity) for f in audit_report(page(text), "t") if f.rule_id.startswith("PER"))


def test_a_title_outvoted_by_headings_and_date_is_reported_once_at_the_title() -> None:
    found = [f for f in audit_report(page(_report(2023, 2024, "10 tháng 12 năm 2024")), "t")
             if f.rule_id.startswith("PER")]
    assert [(f.rule_id, f.severity) for f in found] == [("PER012", "error")]
    assert "năm 2024" in found[0].message.vi and "2023" in found[0].message.vi


@pytest.mark.parametrize("title_year,body_year,date,expected", [
    # all agree: nothing
    (2024, 2024, "10 tháng 12 năm 2024", []),
    # the date agrees with the title: the headings are what is wrong (the report cannot say more)
    (2023, 2024, "10 tháng 12 năm 2023", [("PER001", "error"), ("PER002", "error")]),
    # title and date agree, one heading family wrong: PER001 and PER002 as before
    (2024, 2023, "10 tháng 12 năm 2024", [("PER001", "error"), ("PER002", "error")]),
])
def test_without_an_outvoted_title_the_heading_and_date_rules_speak(title_year: int, body_year: int, date: str,
                                                                   expected: list) -> None:
    assert _period_rules(_report(title_year, body_year, date)) == expected


def test_one_heading_alone_does_not_outvote_the_title() -> None:
    text = (_HEAD.format(date="tháng 12 năm 2020", title="Tổng kết công tác thi đua, khen thưởng năm 2023")
            + "I. KẾT QUẢ THỰC HIỆN NĂM 2024\nUBND xã tặng Giấy khen cho 12 tập thể và 35 cá nhân.\n")
    assert ("PER012", "error") not in _period_rules(text)
    assert ("PER001", "error") in _period_rules(text)
