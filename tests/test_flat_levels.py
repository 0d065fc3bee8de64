"""Parts written flat over several levels (sentences written for these tests, none from the
seeds or the corpora): “tổng … trong đó/gồm: A 2.100, A1 900, A2 1.200; B 3.300” lists a subtotal
and its own parts in one run. Read as one level, the parts exceed the total and a correct report
got an error. A part equal to the sum of the two or more parts right after it (within the written
precision) heads them, inner levels first; only when the flat reading cannot hold."""

from __future__ import annotations

import pytest

from auditor.extract.corpus import audit_bytes


def loud(text: str) -> list[tuple[str, str]]:
    _, fs = audit_bytes(text.encode("utf-8"), "t.txt")
    return [(f.rule_id, f.severity) for f in fs if f.severity in ("error", "warning")]


@pytest.mark.parametrize("text", [
    # a partial list (“trong đó”) of land with two levels: 1.320,50 = 820,30 + 500,20
    "Tổng diện tích đất tự nhiên của xã là 2.150,40 ha, trong đó: đất nông nghiệp 1.320,50 ha, đất trồng lúa "
    "820,30 ha, đất trồng cây lâu năm 500,20 ha; đất lâm nghiệp 610,00 ha; đất chưa sử dụng 45,10 ha.",
    # a complete list (“gồm”): 2.100 = 900 + 1.200, and 2.100 + 3.300 = 5.400
    "Tổng đàn gia súc của xã có 5.400 con, gồm: đàn trâu bò 2.100 con, đàn trâu 900 con, đàn bò 1.200 con; "
    "đàn lợn 3.300 con.",
    # three levels: 700 = 400 + 300 and 400 = 250 + 150
    "Tổng số lao động của xã là 1.000 người, gồm: lao động nông nghiệp 700 người, trồng trọt 400 người, trồng lúa "
    "250 người, trồng màu 150 người, chăn nuôi 300 người; lao động phi nông nghiệp 300 người.",
])
def test_a_correct_breakdown_written_flat_raises_nothing(text: str) -> None:
    assert loud(text) == []


def test_a_wrong_total_over_a_flat_breakdown_is_still_found_at_most_a_warning() -> None:
    # 2.100 + 3.300 = 5.400, not 5.500: the levels are the tool's reading, so a warning
    text = ("Tổng đàn gia súc của xã có 5.500 con, gồm: đàn trâu bò 2.100 con, đàn trâu 900 con, đàn bò 1.200 con; "
            "đàn lợn 3.300 con.")
    assert loud(text) == [("SUM002", "warning")]


@pytest.mark.parametrize("text", [
    # no part is the sum of the ones after it: the parts still exceed the total
    "Toàn xã có 1.000 hộ, trong đó hộ nghèo 600 hộ, hộ cận nghèo 300 hộ, hộ khá 250 hộ.",
    # a part equal to the ONE part after it is not a subtotal (the same quantity twice)
    "Tổng đàn gia súc của xã có 3.000 con, gồm: đàn trâu 1.200 con, đàn bò 1.200 con, đàn lợn 900 con, đàn dê 100 con.",
])
def test_without_a_subtotal_the_flat_reading_stands(text: str) -> None:
    assert loud(text) != []
