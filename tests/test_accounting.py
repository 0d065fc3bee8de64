"""Every number of every text the project keeps is accounted for (issue 12): it is in the report
or `audit extract --explain` lists it with its place and why. “Numbers written” come from a
deliberately simple scan of the raw text (digit runs with their separators, extract/accounting.py),
not from the reader's tokenizer, so a number the reader never saw would show up as missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.extract import extract_bytes
from auditor.extract.accounting import WRITTEN, account

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted([*ROOT.glob("tests/data/**/*.txt"), *ROOT.glob("tests/data/**/*.md"),
                *ROOT.glob("fixtures/seeds/*.txt")])
TEXTS = [p for p in TEXTS if p.name.lower() not in ("readme.md", "gold.md", "index.md")]


def test_there_are_texts_to_account_for():
    assert len([p for p in TEXTS if "corpus" in p.parts]) == 40 and len(TEXTS) > 45


@pytest.mark.parametrize("path", TEXTS, ids=[str(p.relative_to(ROOT)) for p in TEXTS])
def test_numbers_written_are_used_or_listed(path):
    data = path.read_bytes()
    ex = extract_bytes(data, path.name)
    assert ex.report is not None, [p.en for p in ex.problems]
    acc = account(ex, data.decode("utf-8"))
    assert acc.written == acc.used + acc.listed + len(acc.missing)
    assert acc.missing == [], acc.missing[:10]
    assert acc.written == sum(len(WRITTEN.findall(line)) for line in data.decode("utf-8").splitlines())


def test_a_number_dropped_by_the_reader_would_be_missing():
    """The check can fail: a report that loses a number's place shows it as missing."""
    text = "Báo cáo năm 2023.\n\nXã có 120 hộ, trong đó 30 hộ nghèo.\n"
    ex = extract_bytes(text.encode("utf-8"), "t.txt")
    assert account(ex, text).missing == []
    ex.unparsed = [u for u in ex.unparsed if u.text != "120"]
    for t in ex.report.totals:
        t.total.src = None
    assert [m[1] for m in account(ex, text).missing] == ["120"]


@pytest.mark.parametrize("dateline", [
    "Thứ Bảy, ngày 23 tháng 11 năm 2019 - 20:02",
    "Phú An, ngày 05 tháng 3 năm 2024 | cập nhật 07:45",
])
def test_what_follows_the_date_on_its_line_is_accounted_for(dateline):
    # the header took the whole date line, so a page's clock after the date was neither used nor listed
    text = f"Tin hoạt động của xã\n\n{dateline}\n\nNăm 2023, xã có 120 hộ, trong đó 30 hộ nghèo.\n"
    ex = extract_bytes(text.encode("utf-8"), "t.txt")
    acc = account(ex, text)
    assert acc.missing == [], acc.missing


def test_a_phrase_continued_on_the_next_line_is_accounted_for_on_that_line():
    # the term's phrase starts on the line before (“… đã tổ / chức kỳ họp … nhiệm kỳ 2021-2026”): its place
    # was the first line, so the years on the second were neither in the report nor listed
    text = ("Tin hoạt động của phường\n\nSáng ngày 27/12/2024, HĐND phường Thành Tâm đã tổ\n"
            "chức kỳ họp thứ 11 HĐND phường khóa XII, nhiệm kỳ 2021-2026.\n")
    ex = extract_bytes(text.encode("utf-8"), "t.txt")
    acc = account(ex, text)
    assert acc.missing == [], acc.missing
    assert any(m.kind == "term" and m.src is not None and m.src.line == 4 for m in ex.report.mentions)
