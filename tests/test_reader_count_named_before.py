"""A count written without its noun after it, named by the clause it ends (“số <noun> … là N”), and
the reader's count nouns known to the unit registry as exact counts."""

from __future__ import annotations

import pytest

from auditor.extract.numbers import tokenize
from auditor.extract.vn import COUNT_UNITS
from auditor.model.units import is_count_unit
from tests.test_reader_phrasings import loud, page


def _unit_of(text: str, written: str) -> str | None:
    return next(t.unit for t in tokenize(text) if t.text == written)


@pytest.mark.parametrize("text,written,unit", [
    ("Trong đó, số thí sinh đăng ký trực tuyến là 1.014.020, chiếm 94,66% tổng số thí sinh", "1.014.020", "thí sinh"),
    ("Tổng số hộ nghèo: 120, giảm so với năm trước.", "120", "hộ"),
    ("- Số đảng viên mới kết nạp là 15 đồng chí", "15", "đồng chí"),   # its own noun after it wins
    ("Số lượng hội viên của chi hội là 892, tăng 20 so với năm trước", "892", "hội viên"),
    ("riêng số xã đạt chuẩn nông thôn mới là 8", "8", "xã"),
])
def test_count_named_by_its_clause(text: str, written: str, unit: str) -> None:
    assert _unit_of(text, written) == unit


@pytest.mark.parametrize("text,written", [
    ("Số tiền hỗ trợ là 120, được chi trong tháng 5.", "120"),          # not a count noun
    ("Số hộ nghèo giảm 120 so với năm trước.", "120"),                  # no “là”/“:” right before it
    ("Số hộ nghèo là 2,5 nghìn", "2,5"),                               # decimals: no count
    ("Tỷ lệ hộ nghèo là 4,5%", "4,5"),                                 # a percent
    ("Số hộ nghèo năm 2023 là 120", "120"),                            # another number in the clause
    ("Năm 2024, số hộ nghèo còn cao; kinh phí là 120", "120"),         # another clause
    ("Tổng số tập thể và cá nhân được khen thưởng là 143.", "143"),     # two nouns together
])
def test_no_noun_taken_from_elsewhere(text: str, written: str) -> None:
    assert _unit_of(text, written) is None


def test_a_share_of_a_count_named_before_is_checked() -> None:
    base = ("Năm 2024 toàn xã có 1.200 hộ. Trong đó, số hộ đăng ký trực tuyến là 1.014, chiếm {p}% tổng số hộ; "
            "số hộ đăng ký trực tiếp là 186, chiếm 15,5%.")
    wrong = loud(page(base.format(p="90,5")))       # 1.014 / 1.200 = 84,5 %
    assert any(r == "PCT003" and "1.014" in m for r, _s, m in wrong), wrong
    assert loud(page(base.format(p="84,5"))) == []


def test_every_count_noun_of_the_reader_is_an_exact_count() -> None:
    # (“điểm” is a score, often with decimals: the reader reads it, the registry keeps it inexact)
    assert sorted(u for u in COUNT_UNITS if not is_count_unit(u)) == ["điểm"]
