"""Severity from the reader's provenance (issue 13): a relation the text states in one construction
is checked as written (a failure is an error); one the reader links across sentences or paragraphs,
or reads by a convention, is at most a warning. Sentences written for these tests (none from the
seeds or the corpus), each construction in two phrasings, both ways, and the linked variant.

The findings are the ones `audit FILE.txt` shows (grouped: `corpus.audit_bytes`)."""

from __future__ import annotations

import pytest

from auditor.extract.corpus import audit_bytes


def shown(text: str) -> list[tuple[str, str, str]]:
    """(rule, severity, message) of every finding shown, consequences included."""
    _, fs = audit_bytes(text.encode("utf-8"), "t.txt")
    out = []
    for f in fs:
        for m in [f, *(f.consequences or [])]:
            out.append((m.rule_id, f.severity, m.message.vi))
    return out


def changes(text: str) -> list[tuple[str, str]]:
    """(rule, severity) of the findings on the changes of a breakdown (“mức tăng / mức giảm”)."""
    return [(r, s) for r, s, m in shown(text) if "(the change)" in m]


# ---------------------------------------------------------------- the changes of a breakdown
# “T, giảm d so với X. Trong đó A (giảm a so với X); B (giảm b so với X)” with A + B = T exactly:
# the changes add up as the values do (d = a + b) under every reading.

STATED_BAD = [
    "Năm 2023 xã tiếp nhận 150 đơn, giảm 12 đơn so với cùng kỳ. Trong đó, cấp huyện chuyển về 90 đơn "
    "(giảm 10 đơn so với cùng kỳ); cấp xã tiếp nhận trực tiếp 60 đơn (giảm 9 đơn so với cùng kỳ).",
    "Toàn xã có 1.200 hộ, tăng 30 hộ so với năm 2022; trong đó thôn Đông 700 hộ (tăng 20 hộ so với năm 2022), "
    "thôn Tây 500 hộ (tăng 25 hộ so với năm 2022).",
]
STATED_GOOD = [
    "Năm 2023 xã tiếp nhận 150 đơn, giảm 19 đơn so với cùng kỳ. Trong đó, cấp huyện chuyển về 90 đơn "
    "(giảm 10 đơn so với cùng kỳ); cấp xã tiếp nhận trực tiếp 60 đơn (giảm 9 đơn so với cùng kỳ).",
    "Toàn xã có 1.200 hộ, tăng 30 hộ so với năm 2022; trong đó thôn Đông 700 hộ (tăng 20 hộ so với năm 2022), "
    "thôn Tây 500 hộ (tăng 10 hộ so với năm 2022).",
]
LINKED_BAD = [
    # the breakdown in another paragraph
    "Năm 2023 xã tiếp nhận 150 đơn, giảm 12 đơn so với cùng kỳ.\n\nTrong đó, cấp huyện chuyển về 90 đơn "
    "(giảm 10 đơn so với cùng kỳ); cấp xã tiếp nhận trực tiếp 60 đơn (giảm 9 đơn so với cùng kỳ).",
    # changes against different comparisons
    "Toàn xã có 1.200 hộ, tăng 30 hộ so với năm 2022; trong đó thôn Đông 700 hộ (tăng 20 hộ so với cùng kỳ), "
    "thôn Tây 500 hộ (tăng 25 hộ so với năm 2021).",
    # no comparison written
    "Toàn xã có 1.200 hộ, tăng 30 hộ; trong đó thôn Đông 700 hộ (tăng 20 hộ), thôn Tây 500 hộ (tăng 25 hộ).",
]


@pytest.mark.parametrize("text", STATED_BAD)
def test_changes_stated_in_one_breakdown_that_do_not_add_up_are_an_error(text):
    assert changes(text) == [("SUM002", "error")]


@pytest.mark.parametrize("text", STATED_GOOD)
def test_changes_stated_in_one_breakdown_that_add_up_are_silent(text):
    assert changes(text) == []
    assert [x for x in shown(text) if x[1] in ("error", "warning")] == []


@pytest.mark.parametrize("text", LINKED_BAD)
def test_changes_the_reader_links_stay_a_warning(text):
    assert changes(text) == [("SUM002", "warning")]


def test_parts_that_do_not_make_the_total_are_not_a_stated_breakdown_of_changes():
    """A “gồm” list whose parts miss the total: the sum rule says so; the changes are not read as
    stated (the breakdown is not the whole as written), so at most a warning on them."""
    text = ("Toàn xã có 1.200 hộ, tăng 30 hộ so với năm 2022, gồm thôn Đông 700 hộ (tăng 20 hộ so với năm 2022), "
            "thôn Tây 450 hộ (tăng 25 hộ so với năm 2022).")
    assert changes(text) == [("SUM002", "warning")]
    assert ("SUM002", "error") in {(r, s) for r, s, m in shown(text) if "1.150" in m}
