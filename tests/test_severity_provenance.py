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


def test_a_paragraph_break_before_the_list_is_layout():
    """The list opening the next paragraph is read as the list of the total before it (as one
    sentence after the other): the same error, whatever the layout."""
    text = ("Năm 2023 xã tiếp nhận 150 đơn, giảm 12 đơn so với cùng kỳ.\n\nTrong đó, cấp huyện chuyển về 90 đơn "
            "(giảm 10 đơn so với cùng kỳ); cấp xã tiếp nhận trực tiếp 60 đơn (giảm 9 đơn so với cùng kỳ).")
    assert changes(text) == changes(STATED_BAD[0]) == [("SUM002", "error")]


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


# ---------------------------------------------------------------- a share of the total it names
# “Tổng … là T; trong đó A (chiếm p% tổng …)”: the part's share of the total named in the same
# sentence is stated; a base named in another paragraph, or a bare “chiếm p%” after a part (which
# may be of another base, the households registered), is the reader's link.

def rates(text: str) -> list[tuple[str, str]]:
    return [(r, s) for r, s, _ in shown(text) if r in ("PCT003", "PCT004")]


@pytest.mark.parametrize("text", [
    "Tổng vốn đầu tư xây dựng đường giao thông là 50 tỷ đồng, trong đó ngân sách tỉnh 30 tỷ đồng "
    "(chiếm 70% tổng vốn đầu tư).",
    "Tổng số hội viên của hội là 400 người, trong đó hội viên nữ 150 người, chiếm 45% tổng số hội viên.",
])
def test_a_share_of_the_total_named_in_its_sentence_is_an_error_when_wrong(text):
    assert rates(text) == [("PCT003", "error")]


@pytest.mark.parametrize("text", [
    "Tổng vốn đầu tư xây dựng đường giao thông là 50 tỷ đồng, trong đó ngân sách tỉnh 30 tỷ đồng "
    "(chiếm 60% tổng vốn đầu tư).",
    "Tổng số hội viên của hội là 400 người, trong đó hội viên nữ 150 người, chiếm 37,5% tổng số hội viên.",
])
def test_a_share_of_the_total_named_in_its_sentence_is_silent_when_right(text):
    assert [x for x in shown(text) if x[1] in ("error", "warning")] == []


@pytest.mark.parametrize("text", [
    # the total named, but in another paragraph
    "Tổng vốn đầu tư xây dựng đường giao thông là 50 tỷ đồng.\n\nNgân sách tỉnh hỗ trợ 30 tỷ đồng, "
    "chiếm 70% tổng vốn đầu tư.",
    # no base named: a bare share after a part
    "Toàn xã có 1.450 hộ, trong đó 1.378 hộ đạt gia đình văn hóa, chiếm 90%.",
    # a base named that is not the total (“số hộ đăng ký”)
    "Toàn xã có 1.450 hộ, trong đó 1.378 hộ đạt gia đình văn hóa, chiếm 90% số hộ đăng ký.",
])
def test_a_share_the_reader_links_to_a_total_stays_a_warning(text):
    assert rates(text) == [("PCT003", "warning")]


# ---------------------------------------------------------------- a floor written “trên / hơn X”
# A relation that fails for every value above the floor is wrong under every reading of the word;
# one that holds somewhere above it, or with “khoảng / gần X”, is a warning.

@pytest.mark.parametrize("text", [
    "Tổng nguồn vốn đầu tư là trên 50 tỷ đồng, trong đó ngân sách tỉnh 30 tỷ đồng (chiếm 70% tổng nguồn vốn đầu tư).",
    "Tổng số hội viên của hội là hơn 400 người, trong đó hội viên nữ 150 người, chiếm 45% tổng số hội viên.",
])
def test_a_floor_that_cannot_make_the_relation_hold_is_an_error(text):
    out = [(r, s, m) for r, s, m in shown(text) if r == "PCT003"]
    assert [(r, s) for r, s, _ in out] == [("PCT003", "error")]
    assert "không phải do số gần đúng" in out[0][2]


@pytest.mark.parametrize("text", [
    # 30 / 54,5 = 55 %: a total above 50 makes it hold
    "Tổng nguồn vốn đầu tư là trên 50 tỷ đồng, trong đó ngân sách tỉnh 30 tỷ đồng (chiếm 55% tổng nguồn vốn đầu tư).",
    "Tổng số hội viên của hội là hơn 400 người, trong đó hội viên nữ 150 người, chiếm 30% tổng số hội viên.",
    # about / nearly: no side
    "Tổng nguồn vốn đầu tư là khoảng 50 tỷ đồng, trong đó ngân sách tỉnh 30 tỷ đồng (chiếm 70% tổng nguồn vốn đầu tư).",
    "Tổng số hội viên của hội là gần 400 người, trong đó hội viên nữ 150 người, chiếm 30% tổng số hội viên.",
])
def test_an_approximation_that_may_make_the_relation_hold_is_a_warning(text):
    assert [(r, s) for r, s, _ in shown(text) if r == "PCT003"] == [("PCT003", "warning")]


def test_a_floor_and_exact_parts():
    """A sum with a total “trên X” and a complete list: parts adding up to less than X fail for
    any total above X (an error); parts adding up to more than X fail only the narrow reading
    [X, X + 1] of the floor (a warning, as before)."""
    bad = "Tổng vốn đầu tư đạt trên 100 tỷ đồng, gồm vốn ngân sách 60 tỷ đồng, vốn xã hội hóa 30 tỷ đồng."
    loose = "Tổng vốn đầu tư đạt trên 100 tỷ đồng, gồm vốn ngân sách 60 tỷ đồng, vốn xã hội hóa 45 tỷ đồng."
    assert [(r, s) for r, s, _ in shown(bad)] == [("SUM002", "error")]
    assert [(r, s) for r, s, _ in shown(loose)] == [("SUM002", "warning")]


# ---------------------------------------------------------------- a structure with its counts
# “Cơ cấu …: A n người, chiếm p%; B m người, chiếm q%; …”: each share with its own count, in one
# unit, is the whole's breakdown; each share is checked against count / sum of counts (SHR002).

def structure(text: str) -> list[tuple[str, str]]:
    return [(r, s) for r, s, _ in shown(text) if r == "SHR002"]


@pytest.mark.parametrize("good,bad", [
    ("Cơ cấu lao động: nông nghiệp 600 người, chiếm 60%; công nghiệp 250 người, chiếm 25%; dịch vụ 150 người, chiếm 15%.",
     "Cơ cấu lao động: nông nghiệp 600 người, chiếm 62%; công nghiệp 250 người, chiếm 23%; dịch vụ 150 người, chiếm 15%."),
    ("Năm 2023, cơ cấu dân số theo dân tộc: dân tộc Tày 1.200 người, chiếm 80%; dân tộc Kinh 240 người, chiếm 16%; "
     "dân tộc khác 60 người, chiếm 4%.",
     "Năm 2023, cơ cấu dân số theo dân tộc: dân tộc Tày 1.200 người, chiếm 78%; dân tộc Kinh 240 người, chiếm 18%; "
     "dân tộc khác 60 người, chiếm 4%."),
])
def test_a_structure_with_its_counts_checks_each_share(good, bad):
    assert [x for x in shown(good) if x[1] in ("error", "warning")] == []
    assert structure(bad) == [("SHR002", "error"), ("SHR002", "error")]
    assert all("Cơ cấu" in m or "cơ cấu" in m for r, _, m in shown(bad) if r == "SHR002")


@pytest.mark.parametrize("text", [
    # a share without a count of its own: no values, nothing to check them against
    "Cơ cấu kinh tế: nông nghiệp 9%; công nghiệp 47%; dịch vụ 44%.",
    # other words between the count and its share: not taken as the share's count
    "Cơ cấu lao động: nông nghiệp có 600 người làm việc, chiếm 62%; công nghiệp 250 người, chiếm 23%; "
    "dịch vụ 150 người, chiếm 15%.",
])
def test_a_structure_without_a_count_for_every_share_has_no_values(text):
    ex, _ = audit_bytes(text.encode("utf-8"), "t.txt")
    assert [sh.value for s in ex.report.structures for sh in s.shares] == [None, None, None]
    assert structure(text) == []


def test_a_structure_label_is_its_own_sentence():
    ex, _ = audit_bytes("Xã có 869 hộ với 3.427 nhân khẩu. Cơ cấu các dân tộc: dân tộc Tày 3.000 người, chiếm 87,54%; "
                        "dân tộc khác 427 người, chiếm 12,46%.".encode("utf-8"), "t.txt")
    assert [s.label for s in ex.report.structures] == ["Cơ cấu các dân tộc"]
    assert [sh.value.text for sh in ex.report.structures[0].shares] == ["3.000", "427"]


def test_the_severity_note_does_not_depend_on_the_order_of_the_qualifiers() -> None:
    """Two qualifiers with the same cap (an approximation and a reader's link, both warnings):
    the note is the same whatever order the set gives them in (it changed with the hash seed)."""
    from types import SimpleNamespace

    from auditor.engine.policy import severity_for

    rule = SimpleNamespace(severity="error", severity_when=None)

    class Ordered(frozenset):  # a set that iterates in the order given
        def __new__(cls, items):
            obj = super().__new__(cls, items)
            obj._items = list(items)
            return obj

        def __iter__(self):
            return iter(self._items)

    a = severity_for(rule, Ordered(["approximate", "inferred"]))
    b = severity_for(rule, Ordered(["inferred", "approximate"]))
    assert a == b and a[0] == "warning"


# ---------------------------------------------------------------- a breakdown by its classes
# “có N <class>: <class> A chiếm a%, <class> B chiếm b%, …”: as many bare shares in a row as the
# classes counted is the whole's breakdown; its shares make 100 % (SHR001).

def classes(text: str) -> list[list[str]]:
    ex, _ = audit_bytes(text.encode("utf-8"), "t.txt")
    return [[sh.share.text for sh in s.shares] for s in ex.report.structures]


@pytest.mark.parametrize("good,bad", [
    ("Toàn xã có 4 dân tộc cùng sinh sống, trong đó: dân tộc Kinh chiếm 62,5%, dân tộc Tày chiếm 30,1%, "
     "dân tộc Nùng chiếm 5,2%, dân tộc Dao chiếm 2,2%.",
     "Toàn xã có 4 dân tộc cùng sinh sống, trong đó: dân tộc Kinh chiếm 64,5%, dân tộc Tày chiếm 30,1%, "
     "dân tộc Nùng chiếm 5,2%, dân tộc Dao chiếm 2,2%."),
    ("Huyện có 3 thành phần kinh tế, thành phần kinh tế nhà nước chiếm 20%, thành phần kinh tế tập thể chiếm "
     "15% và thành phần kinh tế tư nhân chiếm 65%.",
     "Huyện có 3 thành phần kinh tế, thành phần kinh tế nhà nước chiếm 20%, thành phần kinh tế tập thể chiếm "
     "15% và thành phần kinh tế tư nhân chiếm 60%."),
])
def test_as_many_shares_as_classes_counted_make_100(good, bad):
    assert len(classes(good)) == 1 and len(classes(good)[0]) in (3, 4)
    assert [x for x in shown(good) if x[1] in ("error", "warning")] == []
    assert [(r, s) for r, s, _ in shown(bad) if r == "SHR001"] == [("SHR001", "error")]


@pytest.mark.parametrize("text", [
    # fewer shares than classes: the list is partial
    "Toàn xã có 5 dân tộc, trong đó dân tộc Kinh chiếm 80%, dân tộc Tày chiếm 25%.",
    # each share of its own whole (“số hộ của thôn”)
    "Xã có 3 thôn: thôn Bắc chiếm 95% số hộ của thôn, thôn Nam chiếm 90% số hộ của thôn, thôn Đông chiếm 85% "
    "số hộ của thôn.",
])
def test_a_partial_list_or_shares_of_other_wholes_are_no_breakdown(text):
    assert classes(text) == []
    assert not any(r == "SHR001" for r, _, _ in shown(text))
