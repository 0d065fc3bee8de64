"""What the twentieth held-out set (tests/data/real20, reports by period from the Mekong Delta, the
Central Highlands and the northern mountains) showed on first contact, as general classes, tested on
phrasings of our own, both ways."""

from __future__ import annotations

import pytest

from tests.test_reader_phrasings import loud, page

# ---------------------------------------------------------------- GRDP's sectors without product taxes

@pytest.mark.parametrize("text", [
    "Cơ cấu kinh tế: khu vực nông, lâm nghiệp và thủy sản chiếm 28,4%; công nghiệp - xây dựng chiếm 31,2%; "
    "dịch vụ chiếm 36,9%.",
    "GRDP theo giá hiện hành ước đạt 95 nghìn tỷ đồng, trong đó: nông lâm thủy sản chiếm 22,15%, công nghiệp "
    "và xây dựng chiếm 40,02% và dịch vụ chiếm 34,51%. Cơ cấu kinh tế chuyển dịch tích cực.",
])
def test_three_sectors_may_leave_out_product_taxes(text: str) -> None:
    assert [f for f in loud(page(text)) if f[0] == "SHR001"] == []


def test_three_sectors_over_100_is_still_an_error() -> None:
    text = ("Cơ cấu kinh tế: khu vực nông, lâm nghiệp và thủy sản chiếm 38,4%; công nghiệp - xây dựng chiếm 31,2%; "
            "dịch vụ chiếm 36,9%.")
    assert ("SHR001", "error") in {(f[0], f[1]) for f in loud(page(text))}


def test_with_the_taxes_listed_the_shares_must_make_100() -> None:
    text = ("Cơ cấu kinh tế: nông, lâm nghiệp và thủy sản chiếm 28,4%; công nghiệp - xây dựng chiếm 31,2%; "
            "dịch vụ chiếm 36,9%; thuế sản phẩm trừ trợ cấp sản phẩm chiếm 1,5%.")
    assert ("SHR001", "error") in {(f[0], f[1]) for f in loud(page(text))}
    ok = text.replace("1,5%", "3,5%")
    assert [f for f in loud(page(ok)) if f[0] == "SHR001"] == []


# ---------------------------------------------------------------- “lũy kế” names no quantity

@pytest.mark.parametrize("text", [
    "Kim ngạch nhập khẩu tháng 8 ước đạt 280 triệu USD. Lũy kế 8 tháng năm 2024 đạt 2.050 triệu USD.\n"
    "Kim ngạch xuất khẩu tháng 8 ước đạt 500 triệu USD. Lũy kế 8 tháng năm 2024 ước đạt 3.980 triệu USD.",
    "Đàn heo xuất chuồng trong tháng 16.000 con, lũy kế 80.000 con. Đàn gia cầm xuất chuồng 410.000 con, "
    "lũy kế 2.090.000 con.",
    "Thu ngân sách 10 tháng đạt 13.966 tỷ đồng.\nLũy kế năm 2025 ước đạt 15.535 tỷ đồng.\n"
    "Vốn đầu tư 9 tháng đạt 44.750 tỷ đồng. Lũy kế cả năm ước đạt 62.974 tỷ đồng.",
])
def test_cumulative_words_alone_do_not_link(text: str) -> None:
    assert [f for f in loud(page(text)) if f[0] == "VAL001"] == []


def test_a_named_quantity_stated_twice_is_still_compared() -> None:
    text = "Tổng đàn heo lũy kế xuất chuồng 80.000 con. Trong năm, tổng đàn heo lũy kế xuất chuồng 85.000 con."
    assert "VAL001" in {f[0] for f in loud(page(text))}
    assert loud(page(text.replace("85.000", "80.000"))) == []


# ---------------------------------------------------------------- a change against another base

@pytest.mark.parametrize("text", [
    "Giá trị sản xuất tăng từ 25.055 tỷ đồng (năm 2019) lên 27.372 tỷ đồng (năm 2020), tăng thêm 225 tỷ đồng "
    "so với phương án đang thực hiện.",
    "Diện tích lúa tăng từ 4.200 ha năm 2023 lên 4.350 ha năm 2024, tăng 50 ha so với kế hoạch.",
])
def test_a_change_against_a_plan_is_not_the_difference_of_the_two_levels(text: str) -> None:
    assert [f for f in loud(page(text)) if f[0].startswith("DIF")] == []


def test_a_change_between_the_two_levels_is_still_checked() -> None:
    text = "Diện tích lúa tăng từ 4.200 ha năm 2023 lên 4.350 ha năm 2024, tăng 50 ha so với năm 2023."
    assert "DIF002" in {f[0] for f in loud(page(text))}
    ok = text.replace("tăng 50 ha", "tăng 150 ha")
    assert [f for f in loud(page(ok)) if f[0].startswith("DIF")] == []
