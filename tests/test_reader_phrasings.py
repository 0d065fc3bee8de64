"""The layered reader (issue 12) on sentences written for these tests, none of them from the seeds
or the corpus: every construction is read in at least two phrasings, and every check fires on a
defect and stays silent on correct arithmetic.

Layers: numbers.py (every number and what it is), roles.py (what it is doing, from cues.yaml),
relations.py / totals.py / stocks.py (relations with their confidence), period.py (the period of a
page without a header), then the rules.
"""

from __future__ import annotations

import re

import pytest

from auditor.extract import extract_bytes, to_read_result
from auditor.extract.numbers import tokenize
from auditor.extract.quality import audit_report
from auditor.extract.roles import roles


def forms(text: str) -> list[tuple[str, str]]:
    return [(t.form, t.text) for t in tokenize(text)]


def role_kinds(text: str) -> list[tuple[str, str]]:
    toks = tokenize(text)
    return [(t.text, r.kind) for t, r in zip(toks, roles(text, toks)) if r is not None]


def page(text: str):
    ex = extract_bytes(text.encode("utf-8"), "page.txt")
    assert ex.report is not None, [p.en for p in ex.problems]
    return ex.report


def hits(r) -> set[tuple[str, str]]:
    return {(f.rule_id, f.severity) for f in audit_report(r, "t")}


def loud(r) -> list[tuple[str, str, str]]:
    return [(f.rule_id, f.severity, f.message.vi) for f in audit_report(r, "t") if f.severity in ("error", "warning")]


def rules_of(text: str) -> list[str]:
    """The rules of the errors and warnings a text raises."""
    return [rule for rule, _s, _m in loud(page(text))]


# ============================================================================ (a) numbers

@pytest.mark.parametrize("text,expected", [
    ("Sáng ngày 14/8, đoàn kiểm tra làm việc tại xã.", ("date", "14/8")),
    ("Chiều 5-9, Hội đồng họp phiên thường kỳ.", ("date", "5-9")),
    ("Từ đầu năm đến ngày 3.9, xã tiếp 40 lượt.", ("date", "3.9")),
    ("Cập nhật: 21/03/2021 08:15", ("date", "21/03/2021")),
    ("kỷ niệm ngày lễ (10/3 âm lịch) được tổ chức", ("date", "10/3")),
])
def test_dates_are_not_fractions(text, expected):
    assert expected in forms(text)


@pytest.mark.parametrize("text,expected", [
    ("Vốn được giao 3.250 tỷ đồng; đến 30/9 giải ngân 1.820 tỷ đồng, đạt 56% kế hoạch.", ("date", "30/9")),
    ("Tính đến 31/12, xã đã thu 4,5 tỷ đồng.", ("date", "31/12")),
    ("Đợt cao điểm từ 1/10 đến 15/10 đã tiếp 20 lượt.", ("date", "1/10")),
    ("Các thôn hoàn thành trước 15/8 và báo cáo về xã.", ("date", "15/8")),
    ("Từ 1/12 đến 31/12 xã tổ chức tháng cao điểm.", ("date", "31/12")),
    ("Tính đến 30/9 xã đã giải ngân 2 tỷ đồng.", ("date", "30/9")),
])
def test_a_day_and_month_after_a_time_preposition_is_a_date(text, expected):
    assert expected in forms(text)


@pytest.mark.parametrize("text,expected", [
    ("Đến nay xã đạt đến 17/19 tiêu chí.", ("fraction", "17/19")),
    ("Số tiêu chí đạt tăng từ 8/10 lên 10/10 tiêu chí.", ("fraction", "8/10")),
    ("Có thêm 2 thôn, nâng lên tới 11/12 thôn đạt chuẩn.", ("fraction", "11/12")),
    ("Số hộ tham gia tăng lên đến 2/3 số hộ trong xã.", ("fraction", "2/3")),
    ("Có đến 3/4 diện tích lúa được cơ giới hóa.", ("fraction", "3/4")),
])
def test_a_count_after_a_time_preposition_stays_a_fraction(text, expected):
    assert expected in forms(text)


def test_a_date_after_a_time_preposition_is_not_an_actual_against_plan():
    r = rel_page("Vốn đầu tư công năm 2023 được giao 3.250 tỷ đồng; đến 30/9 giải ngân 1.820 tỷ đồng, đạt 56% kế hoạch.")
    assert loud(r) == []


@pytest.mark.parametrize("text,expected", [
    ("thực hiện Nghị quyết nhiệm kỳ 2021 – 2026 của Đảng bộ", ("years", "2021 – 2026")),
    ("gieo cấy vụ Đông Xuân 2023-2024 đạt 98%", ("years", "2023-2024")),
    ("tổng giá trị sản xuất (giá so sánh năm 2015) đạt 1.200 tỷ đồng", ("year", "2015")),
    ("Quý Mão 2023 đã đến", ("year", "2023")),
])
def test_years_and_spans(text, expected):
    assert expected in forms(text)
    toks = tokenize("giá so sánh năm 2015")
    assert toks[0].why.startswith("năm gốc")


def test_a_count_of_nineteen_hundred_is_not_a_year():
    assert ("number", "1980") in forms("Xã có 1980 lao động trong độ tuổi.")
    assert ("number", "2015") in forms("toàn huyện có 2015 hộ đăng ký")


@pytest.mark.parametrize("text,form,written", [
    ("Xã đạt tiêu chí 17.3; 19.1 về môi trường", "criterion", "17.3; 19.1"),
    ("như quy định tại mục 2.1 của kế hoạch", "criterion", "2.1"),
    ("theo khoản 3 Điều 8 của Luật", "criterion", "3"),
    ("tại kỳ họp thứ 07 của Hội đồng", "ordinal", "07"),
    ("là xã thứ 12 của huyện đạt chuẩn", "ordinal", "12"),
    ("tăng trưởng xếp thứ 15/63 cả nước", "rank", "15/63"),
    ("đứng thứ 3/11 trong khối thi đua", "rank", "3/11"),
    ("bình xét khu phố 4 đạt khu phố văn hóa", "label", "4"),
    ("các tổ dân phố, gồm: 2, 6, 8 và 9 có tỷ lệ cao", "label", "2, 6, 8 và 9"),
    ("sửa chữa tuyến đường 19/5 của thị trấn", "label", "19/5"),
    ("Lượt truy cập: 12.345", "counter", "12.345"),
    ("87 người đã bình chọn", "counter", "87"),
    ("3.9/5 (45 bình chọn)", "rating", "3.9/5"),
    ("Hotline: 0912 345 678", "phone", "0912 345 678"),
    ("phòng, chống dịch COVID-19 hiệu quả", "code", "19"),
    ("Theo báo cáo số 156/BC-UBND của huyện", "docno", "156/BC-UBND"),
    ("thực hiện Nghị quyết 45 của Ban Thường vụ", "docno", "45"),
    ("theo 12-NQ/TU của Tỉnh ủy", "docno", "12-NQ/TU"),
    ("đạt 3 sao OCOP", "rating", "3"),
    ("Sau 7 năm thực hiện chương trình", "duration", "7 năm"),
    ("hộ gia đình văn hóa 5 năm liền", "duration", "5 năm"),
    ("kết quả 9 tháng đầu năm 2023", "period", "9 tháng"),
    ("trong tháng 4-2023 đã tiếp", "month", "4-2023"),
])
def test_numbers_that_are_not_quantities(text, form, written):
    assert (form, written) in forms(text), forms(text)


@pytest.mark.parametrize("line,written", [
    ("Trang 2/3", "2/3"), ("- 5 -", "5"), ("Page 4 of 9", "4 of 9"), ("tr. 7", "7"), ("3/12", "3/12"),
])
def test_a_page_number_alone_on_its_line_is_a_counter(line, written):
    assert forms(line) == [("counter", written)]


@pytest.mark.parametrize("line", ["19/17", "Xã đạt 17/19 tiêu chí", "Trang trại 2/3 hộ"])
def test_a_fraction_is_not_taken_for_a_page_number(line):
    assert "counter" not in [f for f, _ in forms(line)], forms(line)


@pytest.mark.parametrize("text,written", [
    ("Giá trị sản xuất ngành chăn nuôi ước đạt 42 tỷ đồng, đạt 98,6 kế hoạch năm.", "98,6"),
    ("Thu ngân sách xã đạt 3,6 tỷ đồng, bằng 90 dự toán huyện giao.", "90"),
])
def test_a_percent_of_plan_without_its_sign_is_read_with_a_note(text, written):
    tok = next(t for t in tokenize(text) if t.text == written)
    assert (tok.pct, tok.rel, tok.repaired) == (True, "kh", "no_percent")
    ex = extract_bytes(("Báo cáo kết quả năm 2023 của xã.\n\n" + text + "\n").encode(), "p.txt")
    assert [(p.rule_id, p.text) for p in ex.problems] == [("NUM002", written)]


@pytest.mark.parametrize("good,bad", [
    ("Sản lượng lương thực đạt 5.200 tấn/5.000 tấn, đạt 104 kế hoạch.",
     "Sản lượng lương thực đạt 5.200 tấn/5.000 tấn, đạt 110 kế hoạch."),
    ("Diện tích gieo trồng 630/600 ha, bằng 105 kế hoạch.", "Diện tích gieo trồng 630/600 ha, bằng 103 kế hoạch."),
])
def test_a_percent_of_plan_without_its_sign_is_checked(good, bad):
    assert loud(rel_page(good)) == []
    assert "PCT001" in {rule for rule, _s, _m in loud(rel_page(bad))}


@pytest.mark.parametrize("text", ["Xã đã hoàn thành 3 kế hoạch trọng tâm.", "Đạt 12 chỉ tiêu kế hoạch giao.",
                                  "Huyện giao 2.500 kế hoạch vốn cho xã.", "Thu ngân sách đạt 95% dự toán."])
def test_other_numbers_before_a_plan_are_not_percents_without_a_sign(text):
    assert all(t.repaired != "no_percent" for t in tokenize(text))


@pytest.mark.parametrize("text", ["Sản lượng KH 18,2 tấn, TH 19,1 tấn.", "đạt 97% KH 2023 giao"])
def test_plan_figures_are_not_plan_documents(text):
    assert not any(f == "docno" for f, _ in forms(text))
    r = page("Báo cáo kết quả năm 2023 của xã.\n\n" + text + "\n")
    assert r.references == []


@pytest.mark.parametrize("text,number", [
    ("Việc triển khai kế hoạch số 27 của Ban Thường vụ còn chậm.", "27"),
    ("Theo quyết định số 312 của UBND huyện, xã đã kiện toàn Ban chỉ đạo.", "312"),
])
def test_a_lower_case_document_with_its_number_is_cited(text, number):
    r = page("Báo cáo kết quả năm 2023 của xã.\n\n" + text + "\n")
    assert [x.number for x in r.references] == [number]


@pytest.mark.parametrize("text,written,value", [
    ("thu ngân sách 1.896 tỷ đồng", "1.896", "1896"),
    ("dân số 12 345 người", "12 345", "12345"),
    ("dân số 12\u00a0345 người", "12\u00a0345", "12345"),
    ("đạt 70,2 triệu đồng", "70,2", "70.2"),
])
def test_number_forms(text, written, value):
    from auditor.extract.vn import make_num

    t = next(t for t in tokenize(text) if t.form == "number")
    assert t.text.replace("\u00a0", " ") == written.replace("\u00a0", " ")
    n = make_num(t.text, None, value_text=t.value_text)
    assert str(n.value) == value


@pytest.mark.parametrize("text,repair,value", [
    ("tỷ lệ đạt 68.42% kế hoạch", "dot_decimal", "68.42"),
    ("diện tích 5.5 ha", "dot_decimal", "5.5"),
    ("tổng chi 2.354, 7 tỷ đồng", "stray_space", "2354.7"),
    ("có 31 ngàn 402 hộ đạt chuẩn", "words", "31402"),
    ("trên 4,2 ngàn lượt người tham dự", "scaled", "4.2E+3"),
])
def test_repaired_numbers_are_read_and_flagged(text, repair, value):
    from auditor.extract.vn import make_num

    t = next(t for t in tokenize(text) if t.form == "number")
    assert t.repaired == repair
    n = make_num(t.text, None, value_text=t.value_text, scale=3 if repair == "scaled" else 0)
    assert str(n.value) == value
    rr = to_read_result(extract_bytes(("Báo cáo năm 2023.\n\n" + text + ".\n").encode(), "p.txt"))
    assert [p.rule_id for p in rr.problems] == ["NUM002"]


@pytest.mark.parametrize("text,bad", [("tỷ lệ tham gia đạt 87,% kế hoạch", "87,"), ("chỉ tiêu 1.2.3 được giao", "1.2.3"),
                                      # the comma of a percent below one dropped: no count is “0 45”
                                      ("dịch vụ tăng 0 45% so với năm trước", "0 45"),
                                      ("tỷ lệ hộ cận nghèo giảm 0 7 %", "0 7")])
def test_malformed_numbers_are_reported_never_dropped(text, bad):
    assert ("malformed", bad) in forms(text)
    rr = to_read_result(extract_bytes(("Báo cáo năm 2023.\n\n" + text + ".\n").encode(), "p.txt"))
    assert ("NUM001", bad) in {(p.rule_id, p.text) for p in rr.problems}


def test_a_zero_is_not_glued_to_a_following_number_otherwise():
    # “0 hộ, 45%” keeps its comma; “10 45%” (no lone zero) is not read as one number either
    assert ("malformed", "0 45") not in forms("có 0 hộ, 45% hộ khá")
    assert not any(f == "malformed" for f, _ in forms("tổ 10 45% hộ khá"))


@pytest.mark.parametrize("text,approx", [
    ("đạt trên 600 tỷ đồng", "over"), ("ước đạt hơn 1,5 tỷ USD", "over"), ("gần 95% hộ", "under"),
    ("dưới 2% hộ nghèo", "under"), ("khoảng 12.000 tấn", "about"), ("xấp xỉ 99%", "about"),
])
def test_approximation_words(text, approx):
    assert next(t for t in tokenize(text) if t.form == "number").approx == approx


def test_fraction_forms():
    t = tokenize("lúa 120/115 ha")[0]
    assert (t.form, t.unit, [p[2] for p in t.parts]) == ("fraction", "ha", ["120", "115"])
    t = tokenize("tiếp 320 lượt/351 lượt người")[0]
    assert t.part_units == ["lượt", "lượt người"]          # two counts of different things
    t = tokenize("tăng trưởng 7,5%/KH 7%")[0]
    assert t.form == "fraction" and t.plan_mark
    t = tokenize("đạt 8,1%/kế hoạch (KH) 8%")[0]
    assert t.form == "fraction" and t.plan_mark
    assert tokenize("kết quả 3/4/5 xã")[0].form == "triple"
    assert tokenize("vượt kế hoạch 6,5-7%")[0].form == "range"
    assert tokenize("giá từ 15.000 đến 20.000 đồng/kg")[0].form == "range"


def test_every_digit_is_in_one_token():
    import re

    text = ("Lượt xem: 88 | 12/3/2024 09:41 AM 512. Năm 2023 xã có 1.240 hộ, 96,5% đạt chuẩn; tiêu chí 17.3; "
            "khu phố 2; COVID-19; 3.9/5; 87,%; 2.354, 7 tỷ; 31 ngàn 402 hộ; kỳ họp thứ 07; 0912 345 678.")
    toks = tokenize(text)
    covered = [(t.start, t.end) for t in toks]
    for m in re.finditer(r"\d", text):
        assert sum(1 for a, b in covered if a <= m.start() < b) == 1, (m.start(), text[m.start() - 5:m.start() + 5])


# ============================================================================ (b) roles

@pytest.mark.parametrize("text,number,kind", [
    ("sản lượng đạt 2.300 tấn, đạt 97% kế hoạch", "97", "pct_plan"),
    ("thu ngân sách 15 tỷ đồng, bằng 104,3% so với dự toán", "104,3", "pct_plan"),
    ("chi ngân sách 40 tỷ đồng; so với dự toán tỉnh giao đạt 110%", "110", "pct_plan"),
    ("giá trị 120 tỷ đồng = 101%KH", "101", "pct_plan"),
    ("doanh thu 80 tỷ đồng, bằng 103% so với cùng kỳ", "103", "pct_prior"),
    ("thu 12 tỷ đồng, bằng 92% so cùng kỳ năm trước", "92", "pct_prior"),
    ("giá trị 120 tỷ đồng, tăng 4,3% so với cùng kỳ", "4,3", "growth"),
    ("xuất khẩu 2 tỷ USD, vượt 11,5% chỉ tiêu nghị quyết", "11,5", "growth"),
    ("có 45 hộ nghèo, chiếm 1,2%", "1,2", "share"),
    ("1.520 hộ đạt gia đình văn hóa (đạt tỷ lệ 95,1%)", "95,1", "share"),
    ("100% thôn có nhà văn hóa", "100", "pct_of"),
    ("tiếp 210 lượt, tăng 35 lượt so với cùng kỳ", "35", "delta"),
    ("diện tích 1.200 ha, giảm 2,1% (-25,7 ha)", "25,7", "delta"),
    ("năng suất 48 tạ/ha (CK 46,5 tạ/ha)", "46,5", "prior"),
    ("đạt 5.300 tỷ đồng (cùng kỳ đạt khoảng 4.900 tỷ đồng)", "4.900", "prior"),
    ("diện tích lúa KH 350 ha, TH 362 ha", "350", "plan"),
    ("đã xử lý 40 đơn, còn lại 6 đơn", "6", "remainder"),
    ("giải quyết 18 vụ, 4 vụ đang xác minh", "4", "remainder"),
])
def test_roles_from_cues(text, number, kind):
    assert (number, kind) in role_kinds(text), role_kinds(text)


def test_coordinated_changes_share_the_verb():
    assert ("62", "delta") in role_kinds("so với cùng kỳ giảm 48 lượt tiếp, 62 lượt người")
    assert ("90", "delta") in role_kinds("tăng 70 lượt và 90 công dân so với cùng kỳ")


def test_a_base_named_once_for_a_list_of_clauses_is_inherited():
    text = ("tổng giá trị đạt 300 tỷ đồng, đạt 60% kế hoạch, nông nghiệp đạt 80 tỷ đồng, đạt 55%, "
            "dịch vụ đạt 120 tỷ đồng, đạt 62%")
    toks = tokenize(text)
    rs = [r for r in roles(text, toks) if r is not None and r.kind == "pct_plan"]
    assert [r.explicit_base for r in rs] == [True, False, False]


# ============================================================================ (c) relations

def rel_page(body: str):
    return page("Kết quả công tác năm 2023 của xã Phú An\n\n" + body + "\n")


@pytest.mark.parametrize("good,bad", [
    ("Diện tích lúa 120/115 ha, tăng 4,3%.", "Diện tích lúa 120/115 ha, tăng 9,3%."),
    ("Diện tích ngô 85/80 ha, vượt 6,25% so với kế hoạch.", "Diện tích ngô 85/80 ha, vượt 8,25% so với kế hoạch."),
])
def test_actual_over_plan_with_a_rise_is_never_a_ratio(good, bad):
    r = rel_page(good)
    ch = r.changes[0]
    assert (ch.value.text, ch.prior.text, ch.against) == (good.split()[3].split("/")[0], good.split()[3].split("/")[1], "plan")
    assert not r.rates and loud(r) == []
    assert ("CHG001", "warning") in hits(rel_page(bad))     # the reading is inferred: a warning that shows it


@pytest.mark.parametrize("text", ["Tiêm phòng cho đàn gia súc: 540/500 = 108%.", "Trồng cây phân tán 1.150/1.000 cây, đạt 115%."])
def test_more_than_the_whole_with_a_matching_percent_is_achieved_over_target(text):
    r = rel_page(text)
    assert not r.rates and r.indicators and loud(r) == []


@pytest.mark.parametrize("text", ["Tốc độ tăng trưởng kinh tế đạt 8,2%/KH 8%.", "Tỷ lệ che phủ rừng đạt 46,1%/kế hoạch (KH) 46%."])
def test_actual_over_plan_written_with_kh(text):
    ind = rel_page(text).indicators[0]
    assert ind.values.th is not None and ind.values.kh is not None


@pytest.mark.parametrize("text,rule", [
    ("Có 240/260 hộ đăng ký đạt gia đình văn hóa, chiếm 95,3%.", "PCT003"),
    ("Giải quyết 45/50 đơn (đạt 92%).", "PCT003"),
])
def test_written_rates(text, rule):
    assert (rule, "error") in hits(rel_page(text))
    assert loud(rel_page(text.replace("95,3", "92,3").replace("92%", "90%"))) == []


@pytest.mark.parametrize("text", ["Xã đạt 17/19 tiêu chí nông thôn mới.", "Huyện hoàn thành 22/25 chỉ tiêu chủ yếu."])
def test_a_count_over_a_total(text):
    r = rel_page(text)
    assert r.rates and r.rates[0].percent is None and loud(r) == []
    assert ("PCT007", "warning") in hits(rel_page(text.replace("17/19", "21/19").replace("22/25", "27/25")))


@pytest.mark.parametrize("good,bad", [
    ("Đã giải quyết 45/50 đơn, đạt 90%, còn lại 5 đơn đang xác minh.",
     "Đã giải quyết 45/50 đơn, đạt 90%, còn lại 6 đơn đang xác minh."),
    ("Giải quyết xong 12/20 vụ việc thuộc thẩm quyền, 8 vụ việc đang tiếp tục giải quyết.",
     "Giải quyết xong 12/20 vụ việc thuộc thẩm quyền, 9 vụ việc đang tiếp tục giải quyết."),
])
def test_done_and_the_rest_make_the_total(good, bad):
    assert loud(rel_page(good)) == []
    assert ("SUM002", "error") in hits(rel_page(bad))


@pytest.mark.parametrize("good,bad", [
    ("Tiếp nhận 60 đơn thuộc thẩm quyền (20 khiếu nại, 10 tố cáo, 30 kiến nghị).",
     "Tiếp nhận 60 đơn thuộc thẩm quyền (20 khiếu nại, 10 tố cáo, 31 kiến nghị)."),
    ("Toàn huyện có 48 hộ tái nghèo (30 hộ do thiên tai, 18 hộ do ốm đau).",
     "Toàn huyện có 48 hộ tái nghèo (30 hộ do thiên tai, 19 hộ do ốm đau)."),
])
def test_a_bracketed_list_after_a_count_breaks_it_down(good, bad):
    assert loud(rel_page(good)) == []
    assert ("SUM002", "error") in hits(rel_page(bad))


@pytest.mark.parametrize("text", [
    "Toàn xã có 120 hộ nghèo (trong đó 100 hộ dân tộc thiểu số, 40 hộ có người khuyết tật).",
    "Xã có 85 đảng viên, trong đó 30 đảng viên nữ, 70 đảng viên là người dân tộc thiểu số.",
])
def test_overlapping_attributes_are_not_summed(text):
    r = rel_page(text)
    assert all(len(t.parts) == 1 and not t.complete for t in r.totals) and len(r.totals) == 2
    assert "chồng lấn" in r.totals[0].reading and loud(r) == []
    assert ("SUM002", "error") in hits(rel_page(text.replace("100 hộ", "130 hộ").replace("70 đảng", "90 đảng")))


@pytest.mark.parametrize("text", [
    "Tổng số đơn tiếp nhận 80 đơn. Trong đó, 5 đơn không đủ điều kiện, 75 đơn đủ điều kiện; chuyển 20 đơn, giải quyết 55 đơn.",
    "Tổng thu là 500 triệu đồng. Trong đó thu thuế 300 triệu đồng, thu phí 200 triệu đồng; thu phí chợ 120 triệu đồng.",
])
def test_parts_stop_where_they_make_the_total(text):
    r = rel_page(text)
    t = r.totals[0]
    assert t.complete and len(t.parts) == 2 and loud(r) == []


@pytest.mark.parametrize("good,bad", [
    ("Năm 2023 tiếp 300 lượt (giảm 30 lượt so với cùng kỳ), trong đó cấp huyện 100 lượt (giảm 10 lượt); cấp xã 200 lượt (giảm 20 lượt).",
     "Năm 2023 tiếp 300 lượt (giảm 30 lượt so với cùng kỳ), trong đó cấp huyện 100 lượt (giảm 10 lượt); cấp xã 200 lượt (giảm 25 lượt)."),
    ("Tiếp nhận 150 đơn, tăng 12 đơn so với cùng kỳ. Trong đó, huyện tiếp nhận 50 đơn (tăng 4 đơn); các xã tiếp nhận 100 đơn (tăng 8 đơn).",
     "Tiếp nhận 150 đơn, tăng 12 đơn so với cùng kỳ. Trong đó, huyện tiếp nhận 50 đơn (tăng 4 đơn); các xã tiếp nhận 100 đơn (tăng 9 đơn)."),
])
def test_the_changes_of_a_complete_breakdown_add_up(good, bad):
    assert loud(rel_page(good)) == []
    assert ("SUM002", "warning") in hits(rel_page(bad))


CROSS = ("Các cơ quan tiếp nhận 90 đơn thuộc thẩm quyền (40 khiếu nại, 10 tố cáo, 40 kiến nghị).\n\n"
         "Đã giải quyết 50/90 đơn (25 khiếu nại, 5 tố cáo, 20 kiến nghị); đang xem xét giải quyết 40 đơn "
         "(15 khiếu nại, 5 tố cáo, 20 kiến nghị).")


def test_a_total_split_by_status_and_by_category_is_a_cross_tab():
    assert loud(rel_page(CROSS)) == []
    bad = CROSS.replace("(25 khiếu nại, 5 tố cáo, 20 kiến nghị)", "(26 khiếu nại, 5 tố cáo, 19 kiến nghị)")
    msgs = [m for rule, sev, m in loud(rel_page(bad)) if rule == "SUM002"]
    assert any("khiếu nại" in m for m in msgs) and any("kiến nghị" in m for m in msgs)
    # the same table in other words: phản ánh and đề nghị
    other = (CROSS.replace("kiến nghị", "phản ánh").replace("khiếu nại", "đề nghị"))
    assert loud(rel_page(other)) == []


@pytest.mark.parametrize("good,bad", [
    ("Tổng vốn huy động là 100 tỷ đồng; trong đó vốn nhân dân 30 tỷ đồng (chiếm 30% tổng vốn huy động).",
     "Tổng vốn huy động là 100 tỷ đồng; trong đó vốn nhân dân 30 tỷ đồng (chiếm 35% tổng vốn huy động)."),
    ("Tổng kinh phí thực hiện là 40 tỷ đồng; trong đó ngân sách huyện 10 tỷ đồng (chiếm 25% tổng kinh phí).",
     "Tổng kinh phí thực hiện là 40 tỷ đồng; trong đó ngân sách huyện 10 tỷ đồng (chiếm 20% tổng kinh phí)."),
])
def test_a_share_of_the_total_it_is_a_part_of(good, bad):
    assert loud(rel_page(good)) == []
    found = [(rule, sev) for rule, sev, _ in loud(rel_page(bad))]
    # the base is named as the total of the same sentence: stated, an error (issue 13's policy:
    # tests/test_severity_provenance.py has the linked variants, still warnings)
    assert ("PCT003", "error") in found


@pytest.mark.parametrize("good,bad", [
    ("Đầu năm có 500 hộ đăng ký xây dựng gia đình văn hóa.\n\nCuối năm có 450 hộ đạt, đạt 90% so với số hộ đăng ký.",
     "Đầu năm có 500 hộ đăng ký xây dựng gia đình văn hóa.\n\nCuối năm có 450 hộ đạt, đạt 95% so với số hộ đăng ký."),
    ("Xã có 80 đảng viên dự học nghị quyết.\n\nCó 76 đảng viên viết thu hoạch, đạt 95% so với số đảng viên dự học.",
     "Xã có 80 đảng viên dự học nghị quyết.\n\nCó 76 đảng viên viết thu hoạch, đạt 92% so với số đảng viên dự học."),
])
def test_a_share_of_a_base_named_elsewhere(good, bad):
    assert loud(rel_page(good)) == []
    assert ("PCT003", "warning") in hits(rel_page(bad))


def test_rates_share_a_base_by_name_by_territory_never_across_places():
    named = ("Đầu năm 2023 toàn huyện có 1.000 hộ nghèo, chiếm 10% số hộ dân toàn huyện. Đầu năm 2023 có 500 hộ "
             "cận nghèo, chiếm 5% số hộ dân toàn huyện. Cuối năm 2023 còn 800 hộ nghèo, chiếm 7,8% số hộ dân toàn huyện.")
    assert loud(rel_page(named)) == []                                  # start and end are two populations
    # the named total (“số hộ dân toàn huyện”) is never written: a hidden base, a warning (GOLD.md §8)
    assert ("PCT004", "warning") in hits(rel_page(named.replace("chiếm 5% số", "chiếm 6% số")))
    territory = ("Năm 2023, trên địa bàn xã có 900 hộ đạt gia đình văn hóa (đạt tỷ lệ 90%).\n\n"
                 "Đến nay, trên địa bàn còn 20 hộ nghèo, chiếm 2%.")
    assert loud(rel_page(territory)) == []
    assert ("PCT004", "warning") in hits(rel_page(territory.replace("chiếm 2%", "chiếm 1%")))
    places = "Thôn Bắc có 180 hộ đạt, đạt tỷ lệ 90%; thôn Nam là 95 hộ, đạt 95%; thôn Đoài là 60 hộ, đạt 80%."
    assert not any(rule == "PCT004" for rule, _, _ in loud(rel_page(places)))


@pytest.mark.parametrize("good,bad", [
    ("Tổ 4 có 180 hộ đạt gia đình văn hóa, đạt 90%.", "Tổ 4 có 151 hộ đạt gia đình văn hóa, đạt 88,05%."),
    ("Thôn Đồng có 52 hộ đạt, đạt tỷ lệ 65%.", "Thôn Đồng có 52 hộ đạt, đạt tỷ lệ 65,12%."),
])
def test_a_count_and_its_rate_imply_a_whole_total(good, bad):
    assert loud(rel_page(good)) == []
    assert ("PCT008", "warning") in hits(rel_page(bad))


@pytest.mark.parametrize("good,bad", [
    ("Năm 2022 xã có 3 thôn đạt chuẩn văn hóa, năm nay có thêm 2 thôn đạt chuẩn văn hóa, nâng tổng số thôn đạt chuẩn văn hóa lên 5 thôn.",
     "Năm 2022 xã có 3 thôn đạt chuẩn văn hóa, năm nay có thêm 2 thôn đạt chuẩn văn hóa, nâng tổng số thôn đạt chuẩn văn hóa lên 6 thôn."),
    ("Đầu năm 2023 toàn huyện có 1.200 hộ nghèo. Trong năm có 300 hộ thoát nghèo; 40 hộ tái nghèo; 60 hộ phát sinh mới. "
     "Đến cuối năm 2023 toàn huyện còn 1.000 hộ nghèo.",
     "Đầu năm 2023 toàn huyện có 1.200 hộ nghèo. Trong năm có 300 hộ thoát nghèo; 40 hộ tái nghèo; 60 hộ phát sinh mới. "
     "Đến cuối năm 2023 toàn huyện còn 950 hộ nghèo."),
])
def test_a_stock_and_its_flows(good, bad):
    assert len(rel_page(good).balances) == 1 and loud(rel_page(good)) == []
    assert ("BAL001", "warning") in hits(rel_page(bad))


@pytest.mark.parametrize("good,bad", [
    # the noun only after the number (“có 85 hộ nghèo … còn 60 hộ nghèo”)
    ("Đầu năm có 85 hộ nghèo. Trong năm thoát nghèo 28 hộ, phát sinh mới 3 hộ. Đến cuối năm còn 60 hộ nghèo.",
     "Đầu năm có 85 hộ nghèo. Trong năm thoát nghèo 28 hộ, phát sinh mới 3 hộ. Đến cuối năm còn 65 hộ nghèo."),
    # flows written as changes with no base (“tăng mới 25 người, giảm 18 người”)
    ("Số đối tượng bảo trợ xã hội đầu kỳ 412 người; trong kỳ tăng mới 25 người, giảm 18 người (chuyển đi, chết). "
     "Cuối kỳ có 419 người hưởng trợ cấp.",
     "Số đối tượng bảo trợ xã hội đầu kỳ 412 người; trong kỳ tăng mới 25 người, giảm 18 người (chuyển đi, chết). "
     "Cuối kỳ có 425 người hưởng trợ cấp."),
])
def test_a_stock_named_after_its_number_and_flows_as_changes(good, bad):
    r = rel_page(good)
    assert len(r.balances) == 1 and loud(r) == []
    assert ("BAL001", "warning") in hits(rel_page(bad))


@pytest.mark.parametrize("text", [
    "Đầu năm có 85 hộ nghèo. Trong năm thoát nghèo 28 hộ, phát sinh mới 3 hộ. Đến cuối năm còn 65 hộ cận nghèo.",
    "Đầu kỳ có 40 người lao động nữ. Trong kỳ tăng 6 người, giảm 2 người. Cuối kỳ có 50 người lao động nam.",
])
def test_two_stocks_named_differently_are_not_one_balance(text):
    r = rel_page(text)
    assert r.balances == [] and loud(r) == []


@pytest.mark.parametrize("good,bad", [
    ("Tổng thu ngân sách đạt 27.361 tỷ đồng, tăng 9,1% so với cùng kỳ (25.080 tỷ đồng).",
     "Tổng thu ngân sách đạt 27.361 tỷ đồng, tăng 12% so với cùng kỳ (25.080 tỷ đồng)."),
    ("Số lượt khách du lịch đạt 120.000 lượt, giảm 4% so với năm trước (125.000 lượt).",
     "Số lượt khách du lịch đạt 120.000 lượt, giảm 6% so với năm trước (125.000 lượt)."),
    ("Thu nhập bình quân đầu người đạt 48,5 triệu đồng, tăng 10,2% so với năm 2022 (44 triệu đồng).",
     "Thu nhập bình quân đầu người đạt 48,5 triệu đồng, tăng 12,2% so với năm 2022 (44 triệu đồng)."),
])
def test_the_value_compared_with_in_a_bracket_is_the_prior(good, bad):
    assert loud(rel_page(good)) == []
    assert "CHG001" in {rule for rule, _s, _m in loud(rel_page(bad))}


@pytest.mark.parametrize("good,bad", [
    ("Sản lượng lúa đạt 6.230 tấn, tăng 150 tấn so với cùng kỳ (6.080 tấn).",
     "Sản lượng lúa đạt 6.230 tấn, tăng 250 tấn so với cùng kỳ (6.080 tấn)."),
    ("Diện tích lúa 1.210 ha, giảm 40 ha so với năm 2022 (1.250 ha).",
     "Diện tích lúa 1.210 ha, giảm 50 ha so với năm 2022 (1.250 ha)."),
    ("Đàn bò đạt 1.340 con, tăng 40 con so với cùng kỳ (cùng kỳ đạt 1.300 con).",
     "Đàn bò đạt 1.340 con, tăng 60 con so với cùng kỳ (cùng kỳ đạt 1.300 con)."),
])
def test_a_level_its_change_and_the_earlier_value(good, bad):
    assert loud(rel_page(good)) == []
    assert "CHG001" in {rule for rule, _s, _m in loud(rel_page(bad))}


def test_a_bracket_of_another_thing_is_not_the_earlier_value():
    r = rel_page("Đàn bò 1.340 con, tăng 40 con so với cùng kỳ (đàn trâu 520 con).")
    assert loud(r) == [] and all(c.prior is None for c in r.changes)


@pytest.mark.parametrize("text", [
    "Diện tích lúa 1.200 ha, tăng 3% so với năm 2022 (giảm 50 ha so với kế hoạch).",
    "Doanh thu đạt 50 tỷ đồng, tăng 8% so với cùng kỳ (chủ yếu từ dịch vụ 20 tỷ đồng).",
    "Doanh thu đạt 50 tỷ đồng, tăng 8% so với cùng kỳ (kế hoạch 60 tỷ đồng).",
])
def test_other_brackets_after_a_comparison_are_not_the_prior(text):
    r = rel_page(text)
    assert loud(r) == [] and all(c.prior is None for c in r.changes)


def test_flows_in_one_direction_are_not_a_balance():
    r = rel_page("Đầu năm 2023 có 400 hộ cận nghèo. Trong năm có 120 hộ thoát cận nghèo. "
                 "Đến cuối năm 2023 có 390 hộ cận nghèo.")
    assert r.balances == [] and loud(r) == []


@pytest.mark.parametrize("good,bad", [
    ("Đầu năm 2023 toàn xã có 100 hộ nghèo, chiếm 10% số hộ dân toàn xã. Số hộ thoát nghèo trong năm là 20 hộ, tương ứng giảm 2%.",
     "Đầu năm 2023 toàn xã có 100 hộ nghèo, chiếm 10% số hộ dân toàn xã. Số hộ thoát nghèo trong năm là 20 hộ, tương ứng giảm 4%."),
    ("Đầu năm có 300 hộ cận nghèo, chiếm 6% số hộ dân toàn huyện. Có 50 hộ thoát cận nghèo, tương ứng giảm 1%.",
     "Đầu năm có 300 hộ cận nghèo, chiếm 6% số hộ dân toàn huyện. Có 50 hộ thoát cận nghèo, tương ứng giảm 1,5%."),
])
def test_a_count_that_corresponds_to_a_change_of_rate(good, bad):
    assert loud(rel_page(good)) == []
    assert ("PCT004", "warning") in hits(rel_page(bad))


@pytest.mark.parametrize("good,bad", [
    ("Diện tích thu hoạch 2.400,5 ha, giảm 2,05% (-50,2 ha) so với cùng kỳ.",
     "Diện tích thu hoạch 2.400,5 ha, giảm 3,05% (-50,2 ha) so với cùng kỳ."),
    ("Tổng mức bán lẻ đạt 5.300 tỷ đồng, tăng 8,2% so với cùng kỳ (cùng kỳ đạt khoảng 4.900 tỷ đồng).",
     "Tổng mức bán lẻ đạt 5.300 tỷ đồng, tăng 12,2% so với cùng kỳ (cùng kỳ đạt khoảng 4.900 tỷ đồng)."),
])
def test_changes_with_their_delta_or_prior(good, bad):
    assert loud(rel_page(good)) == []
    assert {("CHG001", "error"), ("CHG001", "warning")} & hits(rel_page(bad))


@pytest.mark.parametrize("text", [
    "Giá trị sản xuất đạt 320 tỷ đồng, đạt 97%, tăng 6,85% so với kế hoạch.",
    "Tổng huy động vốn tăng 21,5%, tương đương 2.150 tỷ đồng, bằng 105% kế hoạch.",
])
def test_unusual_combinations_raise_nothing(text):
    assert loud(rel_page(text)) == []


@pytest.mark.parametrize("good,bad", [
    ("Cơ cấu kinh tế: nông nghiệp chiếm 20,5%, công nghiệp – xây dựng 45,2%, dịch vụ 34,3%.",
     "Cơ cấu kinh tế: nông nghiệp chiếm 20,5%, công nghiệp – xây dựng 45,2%, dịch vụ 38,3%."),
    ("Năm 2023 tỷ trọng nông nghiệp chiếm 21%, công nghiệp - xây dựng 43%, thương mại - dịch vụ 36%.",
     "Năm 2023 tỷ trọng nông nghiệp chiếm 21%, công nghiệp - xây dựng 45%, thương mại - dịch vụ 36%."),
])
def test_shares_of_the_economy_listed_in_prose(good, bad):
    assert rel_page(good).structures and loud(rel_page(good)) == []
    assert ("SHR001", "error") in hits(rel_page(bad))
    assert rel_page("Tỷ trọng nông nghiệp chiếm 21%, công nghiệp 45%.").structures == []   # two of three: partial


@pytest.mark.parametrize("good,bad", [
    ("* Nam: 12/20 vị chiếm 60%;\n* Nữ: 06/20 vị chiếm 30%;\n* Khác: 02/20 vị chiếm 10%.",
     "* Nam: 12/20 vị chiếm 60%;\n* Nữ: 06/20 vị chiếm 30%;\n* Khác: 01/20 vị chiếm 5%."),
    ("* Đại học: 10/25 vị chiếm 40%;\n* Cao đẳng: 5/25 vị chiếm 20%;\n* Khác: 10/25 vị chiếm 40%.",
     "* Đại học: 10/25 vị chiếm 40%;\n* Cao đẳng: 5/25 vị chiếm 20%;\n* Khác: 9/25 vị chiếm 36%."),
])
def test_a_list_closing_with_other_is_complete(good, bad):
    assert loud(rel_page(good)) == []
    found = hits(rel_page(bad))
    assert ("SUM002", "error") in found and ("SHR001", "error") in found


@pytest.mark.parametrize("good,bad", [
    ("Công an xã tiếp nhận 48 tin báo về tội phạm, giải quyết 45 tin, đạt 93,8%.",
     "Công an xã tiếp nhận 48 tin báo về tội phạm, giải quyết 45 tin, đạt 95,8%."),
    ("Trong năm phát hiện 16 vụ vi phạm hành chính, đã xử lý 12 vụ, đạt 75%.",
     "Trong năm phát hiện 16 vụ vi phạm hành chính, đã xử lý 12 vụ, đạt 87,5%."),
])
def test_done_over_received_in_one_sentence(good, bad):
    r = rel_page(good)
    assert [(x.numerator.text, x.denominator.text, x.confidence) for x in r.rates][:1] == \
        [(good.split("giải quyết ")[-1].split()[0] if "giải quyết" in good else "12",
          "48" if "48" in good else "16", "inferred")]
    assert loud(r) == []
    assert ("PCT003", "warning") in hits(rel_page(bad))


@pytest.mark.parametrize("good,bad", [
    ("Ban tiếp dân nhận 27 đơn, đã giải quyết 21 đơn, còn 6 đơn đang xác minh.",
     "Ban tiếp dân nhận 27 đơn, đã giải quyết 21 đơn, còn 8 đơn đang xác minh."),
    ("Tòa án thụ lý 40 vụ án dân sự, giải quyết xong 31 vụ, còn lại 9 vụ chuyển sang năm sau.",
     "Tòa án thụ lý 40 vụ án dân sự, giải quyết xong 31 vụ, còn lại 7 vụ chuyển sang năm sau."),
])
def test_received_is_done_plus_the_rest(good, bad):
    r = rel_page(good)
    assert [t.confidence for t in r.totals] == ["inferred"] and loud(r) == []
    assert ("SUM002", "warning") in hits(rel_page(bad))


@pytest.mark.parametrize("good,bad", [
    ("Đã giải quyết 9/11 vụ tranh chấp đất đai, đạt 81,8%; trong đó hòa giải thành 6 vụ, chuyển Tòa án 2 vụ.",
     "Đã giải quyết 9/11 vụ tranh chấp đất đai, đạt 81,8%; trong đó hòa giải thành 7 vụ, chuyển Tòa án 3 vụ."),
    ("Xét duyệt 40/45 hồ sơ vay vốn, trong đó hộ nghèo 25 hồ sơ, hộ cận nghèo 15 hồ sơ.",
     "Xét duyệt 40/45 hồ sơ vay vốn, trong đó hộ nghèo 28 hồ sơ, hộ cận nghèo 15 hồ sơ."),
])
def test_parts_after_a_fraction_are_of_its_numerator(good, bad):
    r = rel_page(good)
    assert [(t.total.text, t.confidence) for t in r.totals] == [(good.split("/")[0].split()[-1], "inferred")]
    assert loud(r) == []
    assert ("SUM002", "warning") in hits(rel_page(bad))


@pytest.mark.parametrize("good,bad", [
    ("Toàn phường có 2.340 hộ, trong đó 2.215 hộ đạt danh hiệu gia đình văn hóa, chiếm 94,7%.",
     "Toàn phường có 2.340 hộ, trong đó 2.215 hộ đạt danh hiệu gia đình văn hóa, chiếm 96,7%."),
    ("Tổng số lao động 5.600 người, trong đó lao động qua đào tạo 3.920 người, chiếm 70%.",
     "Tổng số lao động 5.600 người, trong đó lao động qua đào tạo 3.920 người, chiếm 74%."),
])
def test_the_share_of_a_part_is_of_its_total(good, bad):
    r = rel_page(good)
    assert [(x.denominator.text, x.confidence) for x in r.rates if x.denominator] == \
        [(good.split(" có ")[-1].split()[0] if " có " in good else "5.600", "inferred")]
    assert loud(r) == []
    assert ("PCT003", "warning") in hits(rel_page(bad))


@pytest.mark.parametrize("text,count", [
    ("Tỷ lệ hộ nghèo còn 1,8% (26 hộ); hộ cận nghèo 3,1% (45 hộ).", "26"),
    ("Tỷ lệ trẻ dưới 5 tuổi suy dinh dưỡng 6,2% (31 cháu).", "31"),
])
def test_a_count_in_brackets_after_a_percent_is_its_numerator(text, count):
    r = rel_page(text)
    assert r.rates and r.rates[0].numerator.text == count and loud(r) == []


@pytest.mark.parametrize("text", ["Thu bổ sung từ cấp trên 8,4 tỷ đồng.", "Như nêu trên 12 hộ đã được hỗ trợ."])
def test_tren_as_a_place_is_not_a_bound(text):
    assert [t.approx for t in tokenize(text) if t.quantity] == [None]


@pytest.mark.parametrize("text", [
    "Tỷ lệ hộ nghèo 2,1% (35 hộ); tỷ lệ hộ nghèo là đồng bào dân tộc thiểu số 15% (20 hộ).",
    "Có 410 người có việc làm mới, chiếm 8,2%; trong số lao động nữ có 150 người có việc làm mới, chiếm 12%.",
    "Thôn Đông có 12 hộ nghèo, chiếm 10%. Thôn Tây có 8 hộ nghèo, chiếm 4%.",
    "Xóm Trại 15 hộ dùng nước sạch, đạt 75%; xóm Giữa 40 hộ dùng nước sạch, đạt 80%.",
])
def test_rates_of_different_populations_do_not_share_a_total(text):
    r = rel_page(text)
    assert all(x.base is None for x in r.rates) and loud(r) == []


def test_two_quantities_and_a_percent_without_receiving_and_doing_are_not_a_rate():
    r = rel_page("Sản lượng lúa 5.000 tấn, sản lượng ngô 1.200 tấn, đạt 95%.")
    assert all(x.denominator is None for x in r.rates) and loud(r) == []
    r = rel_page("Xã có 120 hộ nuôi bò, 80 hộ nuôi trâu, đạt 67%.")
    assert all(x.denominator is None or x.denominator.text != "120" for x in r.rates)


@pytest.mark.parametrize("good,bad", [
    ("Tỷ lệ hộ cận nghèo giảm từ 4,6% xuống 3,9%, tương ứng giảm 0,7%.",
     "Tỷ lệ hộ cận nghèo giảm từ 4,6% xuống 3,9%, tương ứng giảm 0,9%."),
    ("Số vụ tai nạn giao thông từ 14 vụ (năm 2022) giảm còn 9 vụ, giảm 5 vụ.",
     "Số vụ tai nạn giao thông từ 14 vụ (năm 2022) giảm còn 9 vụ, giảm 6 vụ."),
    ("Diện tích cây ăn quả tăng từ 80 ha lên 100 ha, tăng 25%.",
     "Diện tích cây ăn quả tăng từ 80 ha lên 100 ha, tăng 20%."),
])
def test_a_change_from_one_level_to_another(good, bad):
    r = rel_page(good)
    assert len(r.changes) == 1 and r.changes[0].prior is not None and r.changes[0].value is not None
    assert loud(r) == []
    found = {rule for rule, _s, _m in loud(rel_page(bad))}
    assert "CHG001" in found


@pytest.mark.parametrize("good,bad", [
    ("Số hộ nghèo giảm 25 hộ so với năm 2022 (từ 120 hộ xuống 95 hộ).",
     "Số hộ nghèo giảm 35 hộ so với năm 2022 (từ 120 hộ xuống 95 hộ)."),
    ("Số thuê bao internet tăng 140 thuê bao (từ 860 lên 1.000 thuê bao).",
     "Số thuê bao internet tăng 150 thuê bao (từ 860 lên 1.000 thuê bao)."),
])
def test_a_change_then_its_two_levels_in_brackets(good, bad):
    r = rel_page(good)
    assert r.changes and r.changes[0].delta is not None and loud(r) == []
    assert "CHG001" in {rule for rule, _s, _m in loud(rel_page(bad))}


@pytest.mark.parametrize("good,bad", [
    ("Tỷ lệ hộ dùng nước hợp vệ sinh đạt 95% (380/400 hộ).", "Tỷ lệ hộ dùng nước hợp vệ sinh đạt 97% (380/400 hộ)."),
    ("Tỷ lệ trẻ em được tiêm chủng đầy đủ 98,5% (197/200 cháu).",
     "Tỷ lệ trẻ em được tiêm chủng đầy đủ 99,5% (197/200 cháu)."),
])
def test_a_percent_then_its_fraction_in_brackets(good, bad):
    r = rel_page(good)
    assert r.rates and r.rates[0].denominator is not None and loud(r) == []
    assert ("PCT003", "error") in hits(rel_page(bad))


@pytest.mark.parametrize("good,bad", [
    ("Có 25/28 chỉ tiêu đạt và vượt kế hoạch, 3 chỉ tiêu chưa đạt.",
     "Có 25/28 chỉ tiêu đạt và vượt kế hoạch, 4 chỉ tiêu chưa đạt."),
    ("Đã hoàn thành 40/45 hồ sơ, 5 hồ sơ chưa đạt yêu cầu phải bổ sung.",
     "Đã hoàn thành 40/45 hồ sơ, 7 hồ sơ chưa đạt yêu cầu phải bổ sung."),
])
def test_a_fraction_and_the_rest_not_reached(good, bad):
    assert loud(rel_page(good)) == []
    assert ("SUM002", "error") in hits(rel_page(bad))


def test_a_change_of_a_rate_in_percent_is_read_the_way_that_holds():
    r = rel_page("Tỷ lệ trẻ em suy dinh dưỡng giảm từ 12,5% xuống còn 10%, giảm 20%.")
    assert r.changes[0].points is False and r.changes[0].confidence == "inferred" and loud(r) == []
    r = rel_page("Tỷ lệ lao động qua đào tạo tăng từ 60% lên 65%, tăng 5%.")
    assert r.changes[0].points is True and loud(r) == []


@pytest.mark.parametrize("text", ["Mỗi tổ tự quản có từ 5 đến 10 hộ.", "Các lớp học có từ 25 đến 30 học sinh, đạt chuẩn."])
def test_a_range_is_not_a_change(text):
    assert rel_page(text).changes == []


# ============================================================================ linking: when in doubt, do not link

@pytest.mark.parametrize("text", [
    "Tổng thu ngân sách ước đạt 300 tỷ đồng, đạt 101% dự toán. Tổng chi ngân sách ước đạt 280 tỷ đồng, đạt 98% dự toán.",
    "Thực hiện giải ngân đến 22/01/2024 là 300 tỷ đồng; ước giải ngân đến 31/01/2024 là 320 tỷ đồng.",
    "a. Vụ Xuân\n\n- Tổng diện tích gieo trồng 230 ha.\n\nb. Vụ Mùa\n\n- Tổng diện tích gieo trồng 180 ha.",
    "- Cây lúa: Diện tích gieo trồng 120 ha.\n\n- Cây ngô: Diện tích gieo trồng 40 ha.",
    "Tổng diện tích gieo trồng 300 ha. Diện tích gieo trồng lúa 210 ha.",
    # the opening of the sentence says which one (a period, a crop season, a round, a project, a place)
    "Sáu tháng đầu năm, thu ngân sách xã đạt 5,2 tỷ đồng.\n\nCả năm, thu ngân sách xã đạt 9,6 tỷ đồng.",
    "Vụ Xuân, sản lượng lúa đạt 2.500 tấn.\n\nVụ Mùa, sản lượng lúa đạt 2.300 tấn.",
    "Dự án đường trục xã có tổng vốn 20 tỷ đồng, ngân sách xã 3 tỷ đồng.\n\n"
    "Dự án nhà văn hóa có tổng vốn 5 tỷ đồng, ngân sách xã 1,5 tỷ đồng.",
    "Tháng 10, xã tổ chức tiêm phòng cho 1.200 con gia súc.\n\nTháng 11, xã tổ chức tiêm phòng cho 1.500 con gia súc.",
    "Đợt 1 hỗ trợ 120 suất quà cho hộ nghèo.\n\nĐợt 2 hỗ trợ 150 suất quà cho hộ nghèo.",
    "Trường Mầm non Hoa Sen có 320 học sinh.\n\nTrường Tiểu học Kim Đồng có 520 học sinh.",
])
def test_different_quantities_named_alike_are_not_linked(text):
    r = rel_page(text)
    assert r.facts == [] and loud(r) == []


@pytest.mark.parametrize("text", [
    "Trong năm đã bê tông hóa 4,2 km đường giao thông nông thôn.\n\nKết quả: bê tông hóa 3,8 km đường giao thông nông thôn.",
    "Năm 2023 xã trồng mới 1.500 cây xanh đường phố.\n\nTrong năm, trồng mới 1.800 cây xanh đường phố.",
])
def test_one_quantity_in_the_same_words_twice(text):
    r = rel_page(text)
    assert r.facts and r.facts[0].confidence == "explicit"
    assert ("VAL001", "error") in hits(r)


@pytest.mark.parametrize("text", [
    "Chi bộ thôn có 45 đảng viên, sinh hoạt đều đặn.\n\n- Công tác xây dựng chi bộ: Chi bộ thôn có 45 đảng viên.",
    "Hội Nông dân có 130 hội viên, hoạt động đều.\n\n- Về tổ chức hội: Hội Nông dân có 130 hội viên.",
])
def test_a_bullet_topic_that_restates_the_subject_links_at_most_inferred(text):
    r = rel_page(text)
    assert [f.confidence for f in r.facts] == ["inferred"]
    bad = rel_page(text.replace("45 đảng viên.", "47 đảng viên.").replace("130 hội viên.", "135 hội viên."))
    assert {s for rule, s, _ in loud(bad)} <= {"warning"} and loud(bad)


def test_a_bullet_topic_that_scopes_the_words_after_it_is_not_linked():
    r = rel_page("Diện tích gieo trồng 300 ha.\n\n- Cây lạc: Diện tích gieo trồng 33 ha.")
    assert r.facts == [] and loud(r) == []


# ============================================================================ periods of pages without a header

@pytest.mark.parametrize("text,kind,year,source", [
    ("Kết quả công tác tiếp công dân 9 tháng đầu năm 2023\n\nTrong 9 tháng, các cơ quan đã tiếp 120 lượt.",
     "nine_months", 2023, "headline"),
    ("UBND huyện họp phiên thường kỳ tháng 03 năm 2024\n\nPhiên họp đánh giá kết quả tháng 3.", "month", 2024, "headline"),
    ("Tin tức hoạt động của địa phương\n\nNăm 2022, kinh tế của xã tiếp tục tăng trưởng khá.", "year", 2022, "body"),
    ("Tin tức hoạt động của địa phương\n\nThông tin tại hội nghị cho thấy, 6 tháng đầu năm 2024, huyện thu "
     "ngân sách 50 tỷ đồng.", "half_year", 2024, "body"),
])
def test_period_of_a_page_from_its_headline_or_body(text, kind, year, source):
    p = page(text).meta.period
    assert (p.kind, p.year, p.source) == (kind, year, source)


@pytest.mark.parametrize("text,year", [
    # the page reports an event of 2021; “Năm 2019, …” paragraphs later looks back
    ("Đại hội Hội Nông dân xã An Lạc\n\nNgày 12/5/2021, Hội Nông dân xã An Lạc tổ chức Đại hội đại biểu lần thứ "
     "X, nhiệm kỳ 2021-2026.\n\nNhiệm kỳ qua, hội viên tích cực tham gia sản xuất. Năm 2019, xã được công nhận "
     "đạt chuẩn nông thôn mới.", None),
    ("Hội nghị biểu dương điển hình tiên tiến\n\nSáng 20-10-2024, UBND phường Tân Hòa tổ chức hội nghị.\n\n"
     "Năm 2020, phường có 15 tập thể được khen thưởng.", None),
    # a year-end review held in January reports on the year before: that year is the period
    ("Hội nghị tổng kết công tác thi đua\n\nNgày 12/01/2023, UBND xã Tân Phú tổ chức hội nghị tổng kết.\n\n"
     "Năm 2022, toàn xã có 1.250 hộ đạt danh hiệu gia đình văn hóa.", 2022),
])
def test_a_period_long_before_the_pages_event_is_a_look_back(text, year):
    assert page(text).meta.period.year == year


def test_a_reference_period_is_not_the_pages_period():
    r = page("Tin nông nghiệp\n\n- Tổng đàn lợn 2.000 con, tăng 50 con so với 6 tháng đầu năm 2020.\n")
    assert r.meta.period.year is None


@pytest.mark.parametrize("quote,number,day", [
    ("(Trích Báo cáo số 12/BC-UBND ngày 05/6/2023 của UBND huyện)", "12/BC-UBND", 5),
    ("Nguồn: báo cáo số 210/BC-TTr ngày 8/6/2021 của Thanh tra huyện.", "210/BC-TTr", 8),
])
def test_the_report_a_page_quotes(quote, number, day):
    r = page("Kết quả tiếp công dân 6 tháng đầu năm 2023\n\nCác cơ quan đã tiếp 100 lượt công dân.\n\n" + quote)
    assert (r.meta.number, r.meta.date.day) == (number, day)
    assert ("PER010", "warning") in hits(r)                          # figures for the half-year, dated in early June
    r = page("Kết quả tiếp công dân 6 tháng đầu năm 2023\n\nCác cơ quan ước tiếp 100 lượt công dân.\n\n" + quote)
    assert ("PER010", "warning") not in hits(r)                      # marked as estimates


@pytest.mark.parametrize("text", [
    "Tin kinh tế 6 tháng đầu năm 2024\n\nGiá trị sản xuất nông nghiệp đạt 900 tỷ đồng, tăng 3% so với năm 2023. "
    "Giá trị công nghiệp đạt 1.200 tỷ đồng, tăng 8% so với cùng kỳ năm 2023.",
    "Kết quả 9 tháng đầu năm 2022 của huyện\n\nThu ngân sách đạt 80 tỷ đồng, tăng 5% so với cùng kỳ năm 2021. "
    "Chi ngân sách đạt 75 tỷ đồng, tăng 12% so với năm 2021.",
])
def test_a_part_year_figure_compared_with_a_whole_year(text):
    assert ("PER009", "warning") in hits(page(text))
    assert ("PER009", "warning") not in hits(page(text.replace("so với năm", "so với cùng kỳ năm")))


@pytest.mark.parametrize("text", [
    "BÁO CÁO\nTình hình kinh tế - xã hội của xã\n\nXã có 9 thôn, 1.200 hộ với 4.800 nhân khẩu, 2100 lao động.",
    "ỦY BAN NHÂN DÂN PHƯỜNG AN LẠC\n\nBÁO CÁO\nKết quả công tác dân số\n\nPhường có 12 tổ dân phố, dân số 15.000 người.",
])
def test_a_report_that_names_no_year(text):
    """A report (with its header) that names no year: a note for the reviewer (information)."""
    assert ("CMP007", "info") in hits(page(text))
    dated = text.replace("có 9 thôn", "năm 2023 có 9 thôn").replace("có 12 tổ", "quý I có 12 tổ")
    assert not any(rule == "CMP007" for rule, _ in hits(page(dated)))


@pytest.mark.parametrize("text", [
    "Thông tin chung\n\nXã có 9 thôn, 1.200 hộ với 4.800 nhân khẩu, 2100 lao động.",
    "Chỉ tiêu toàn huyện\n\nTổng số hộ hộ 12450.00 12810.00 13005.00\nSố hộ nghèo hộ 830.00 701.00 612.00",
])
def test_an_excerpt_without_a_report_header_is_not_held_to_a_period(text):
    """A portal page, an excerpt or an exported table: its period may be on the part not kept."""
    assert not any(rule == "CMP007" for rule, _ in hits(page(text)))


@pytest.mark.parametrize("good,bad", [
    ("Tổng giá trị nền kinh tế đạt 210,5 tỷ, đạt 60% kế hoạch. Thu ngân sách ước đạt 8,350 tỷ đồng, đạt 70% kế hoạch.",
     "Tổng giá trị nền kinh tế đạt 210,5 tỷ, đạt 60% kế hoạch. Thu ngân sách ước đạt 8.350 tỷ đồng, đạt 70% kế hoạch."),
    ("Tổng giá trị sản xuất đạt 95,3 tỷ đồng, đạt 48% kế hoạch. Chi ngân sách đạt 6,120 tỷ đồng, đạt 51% dự toán.",
     "Tổng giá trị sản xuất đạt 95,3 tỷ đồng, đạt 48% kế hoạch. Chi ngân sách đạt 6.120 tỷ đồng, đạt 51% dự toán."),
])
def test_a_budget_larger_than_the_whole_economy(good, bad):
    assert ("UNIT005", "warning") not in hits(rel_page(good))
    assert ("UNIT005", "warning") in hits(rel_page(bad))


# ============================================================================ other readings the issue lists

@pytest.mark.parametrize("text", [
    "Thu ngân sách ước thực hiện đến ngày 31/12/2023 đạt 12,5 tỷ đồng.",
    "Giải ngân vốn đầu tư dự kiến đến ngày 31/01/2024 đạt 100%.",
])
def test_an_estimate_to_a_date_is_not_data_as_of_it(text):
    r = page("Báo cáo kết quả 9 tháng đầu năm 2023\n\n" + text)
    assert not [m for m in r.mentions if m.kind == "data_as_of"]


@pytest.mark.parametrize("text,key", [
    ("Năm 2023 có 05 Chiến sỹ thi đua cấp cơ sở.", "cstdcs"),
    ("Năm 2023 có 02 tập thể được tặng Cờ thi đua của Ủy ban nhân dân tỉnh.", "co_thi_dua_tinh"),
    ("Năm 2023 có 03 cá nhân được tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh.", "bang_khen_tinh"),
])
def test_award_names_in_other_spellings(text, key):
    assert key in {a.key for a in rel_page("5. Công tác khen thưởng\n\n" + text).awards}


@pytest.mark.parametrize("text,bad", [
    ("Kết quả thực hiện kế hoạch 5 năm (2016 - 2020) đạt khá.", "Kết quả thực hiện kế hoạch 5 năm (2016 - 2021) đạt khá."),
    ("Có 300 hộ đạt gia đình văn hóa 3 năm liền, giai đoạn 2021-2023.", "Có 300 hộ đạt gia đình văn hóa 3 năm liền, giai đoạn 2020-2023."),
])
def test_n_years_tied_to_its_span(text, bad):
    assert ("CAL005", "warning") not in hits(rel_page(text))
    assert ("CAL005", "warning") in hits(rel_page(bad))


@pytest.mark.parametrize("good,bad", [
    ("Tổng vốn đầu tư đạt trên 100 tỷ đồng, trong đó vốn ngân sách 60 tỷ đồng, vốn xã hội hóa 40,5 tỷ đồng.",
     "Tổng vốn đầu tư đạt trên 100 tỷ đồng, trong đó vốn ngân sách 60 tỷ đồng, vốn xã hội hóa 45 tỷ đồng."),
    ("Tổng sản lượng gần 46 tấn, gồm lúa 30 tấn, ngô 15,6 tấn.", "Tổng sản lượng gần 46 tấn, gồm lúa 30 tấn, ngô 18 tấn."),
])
def test_approximate_values_bound_and_soften(good, bad):
    assert loud(rel_page(good)) == []
    assert ("SUM002", "warning") in hits(rel_page(bad))       # an approximate total: at most a warning


def test_inferred_readings_are_shown_by_explain():
    from auditor.extract.explain import explain_text

    ex = extract_bytes(("Kết quả năm 2023\n\nDiện tích lúa 120/115 ha, tăng 9,3%.\n").encode(), "p.txt")
    text = explain_text(ex, "vi")
    assert "đọc tự động" in text and "thực hiện/kế hoạch" in text


@pytest.mark.parametrize("text,name", [
    ("Kết quả công tác năm 2023 của xã Phú An\n\nNăm nay xã tiếp 40 lượt công dân.", "Phú An"),
    ("Hoạt động của phường Tân Lập trong quý I năm 2024\n\nTrong quý, phường tổ chức 3 hội nghị.", "Tân Lập"),
])
def test_the_unit_named_in_a_headline_stops_at_its_paragraph(text, name):
    assert page(text).meta.unit.name == name


# ============================================================================ issue 12, round 2: constructions met on the held-out texts
# (each on sentences written for these tests; the texts that showed the need are in tests/data/real)

@pytest.mark.parametrize("text,actual,plan", [
    ("Đàn dê 2.300 con/KH 1.800-2.000 con.", "2.300", ["1.800", "2.000"]),
    ("Năng suất ngô bình quân 48,5 tạ/ha/KH 45 - 47 tạ/ha.", "48,5", ["45", "47"]),
    ("Thu nhập bình quân 61,2 triệu đồng/KH 60-62 triệu đồng.", "61,2", ["60", "62"]),
])
def test_actual_over_a_planned_range(text, actual, plan):
    t = next(t for t in tokenize(text) if t.quantity)
    assert (t.form, t.plan_mark, t.plan_range) == ("fraction", True, True)
    assert [p[2] for p in t.parts] == [actual, *plan]
    r = rel_page(text)
    assert not r.rates and [i.values.th.text for i in r.indicators] == [actual]
    assert r.indicators[0].values.kh is None and "KH" in (r.indicators[0].note or "")
    assert loud(r) == []


@pytest.mark.parametrize("text", [
    "Đàn lợn 5.400 con/KH 4.000 con, đàn gà 30.000 con/KH 25.000 con.",
    "Số lao động được tạo việc làm 1.350 người/KH 1.200 người.",
])
def test_more_than_the_plan_is_not_a_part_over_its_whole(text):
    r = rel_page(text)
    assert not r.rates and r.indicators and all(i.values.kh is not None for i in r.indicators)
    assert loud(r) == []


@pytest.mark.parametrize("good,bad", [
    ("Đàn bò 1.250 con/KH 1.200 con, đạt 104,2%.", "Đàn bò 1.250 con/KH 1.200 con, đạt 108,2%."),
    ("Sản lượng cá 320 tấn/KH 300 tấn, đạt 106,7%.", "Sản lượng cá 320 tấn/KH 300 tấn, đạt 110,7%."),
])
def test_actual_over_plan_then_its_percent(good, bad):
    assert loud(rel_page(good)) == []
    assert ("PCT001", "error") in hits(rel_page(bad))


@pytest.mark.parametrize("text", [
    "Giá trị sản xuất công nghiệp ước tăng 9,2%/KH tăng 7-8%.",
    "Tổng mức bán lẻ hàng hóa tăng 12,5%/KH tăng 10-11%, thu ngân sách tăng 6%/KH tăng 5%.",
])
def test_a_growth_against_a_planned_growth(text):
    toks = [t for t in tokenize(text) if t.quantity]
    assert toks[0].plan_change == "tăng" and toks[0].pct
    assert loud(rel_page(text)) == []


@pytest.mark.parametrize("text,written,value", [
    ("thu ngân sách đạt 3 tỷ 250 triệu đồng", "3 tỷ 250 triệu", "3250"),
    ("tổng kinh phí 12 tỷ 45 triệu đồng", "12 tỷ 45 triệu", "12045"),
])
def test_an_amount_in_two_scale_words_is_one_number(text, written, value):
    from auditor.extract.vn import make_num

    toks = [t for t in tokenize(text) if t.quantity]
    assert len(toks) == 1 and toks[0].text == written and toks[0].unit == "triệu đồng"
    assert str(make_num(toks[0].text, None, value_text=toks[0].value_text).value) == value


@pytest.mark.parametrize("good,bad", [
    ("Thu ngân sách đạt 2 tỷ 400 triệu /3 tỷ 200 triệu đồng, bằng 75% kế hoạch.",
     "Thu ngân sách đạt 2 tỷ 400 triệu /3 tỷ 200 triệu đồng, bằng 80% kế hoạch."),
    ("Chi thường xuyên 1 tỷ 200 triệu/1 tỷ 500 triệu đồng, đạt 80% dự toán.",
     "Chi thường xuyên 1 tỷ 200 triệu/1 tỷ 500 triệu đồng, đạt 85% dự toán."),
])
def test_amounts_in_scale_words_over_a_plan(good, bad):
    assert loud(rel_page(good)) == []
    assert ("PCT001", "error") in hits(rel_page(bad))


@pytest.mark.parametrize("text", [
    "Huyện hoàn thành 25/27 chỉ tiêu, tốc độ tăng trưởng kinh tế đạt 8,5%.",
    "Xã duy trì 19/19 tiêu chí nông thôn mới, giảm tỷ lệ hộ nghèo còn 1,5%.",
    "Có 12/15 thôn đạt chuẩn văn hóa, tỷ lệ hộ dùng nước sạch đạt 97%.",
])
def test_a_percent_of_another_clause_is_not_the_fractions(text):
    r = rel_page(text)
    assert all(x.percent is None for x in r.rates) and loud(r) == []


@pytest.mark.parametrize("good,bad", [
    ("Có 45/50 thôn, tổ dân phố đăng ký xây dựng khu dân cư kiểu mẫu, đạt 90%.",
     "Có 45/50 thôn, tổ dân phố đăng ký xây dựng khu dân cư kiểu mẫu, đạt 95%."),
    ("Giải quyết 36/40 kiến nghị, phản ánh của cử tri (đạt 90%).",
     "Giải quyết 36/40 kiến nghị, phản ánh của cử tri (đạt 92%)."),
])
def test_a_fractions_noun_phrase_runs_over_commas(good, bad):
    assert loud(rel_page(good)) == []
    assert ("PCT003", "error") in hits(rel_page(bad))


@pytest.mark.parametrize("text", [
    "Thu ngân sách đạt 12 tỷ đồng, đạt 96% dự toán và bằng 105% so cùng kỳ.",
    "Giá trị sản xuất đạt 800 tỷ đồng, đạt 45% kế hoạch năm và bằng 108% so với cùng kỳ năm trước.",
])
def test_two_predicates_of_one_value_joined_by_va(text):
    ind = rel_page(text).indicators[0]
    assert ind.values.th is not None and ind.values.pct_kh is not None and ind.values.pct_ck is not None


@pytest.mark.parametrize("text", [
    "Thu ngân sách đạt 5 tỷ đồng, đạt 110% kế hoạch, duy trì 6 thôn văn hóa, tỷ lệ trẻ em tiêm chủng đạt 98%.",
    "Giá trị sản xuất 90 tỷ đồng, bằng 102% kế hoạch, giữ vững 3 cơ quan văn hóa, tỷ lệ hộ văn hóa đạt 93%.",
])
def test_a_rate_of_its_own_after_a_count_is_not_its_percent_of_plan(text):
    r = rel_page(text)
    assert not [i for i in r.indicators if i.values.th is not None and i.values.th.text in ("6", "3")]
    assert loud(r) == []


@pytest.mark.parametrize("good,bad", [
    ("Có 1.200/1.300 hộ đăng ký (có 100 hộ đi làm ăn xa); kết quả có 1.150/1.300 hộ đạt gia đình văn hóa, trong đó "
     "900 hộ đạt 3 năm liền.",
     "Có 1.200/1.300 hộ đăng ký (có 100 hộ đi làm ăn xa); kết quả có 1.150/1.300 hộ đạt gia đình văn hóa, trong đó "
     "1.400 hộ đạt 3 năm liền."),
    ("Năm 2023 có 500 hộ tham gia (có 20 hộ chuyển đi nơi khác), đã có 480 hộ hoàn thành, trong đó 300 hộ hoàn thành sớm.",
     "Năm 2023 có 500 hộ tham gia (có 20 hộ chuyển đi nơi khác), đã có 480 hộ hoàn thành, trong đó 490 hộ hoàn thành sớm."),
])
def test_a_number_in_brackets_is_an_aside_not_the_head_of_a_list(good, bad):
    r = rel_page(good)
    assert r.totals and all(t.total.text not in ("100", "20") for t in r.totals) and loud(r) == []
    found = [(rule, m) for rule, _s, m in loud(rel_page(bad))]
    assert found and all(" 100" not in m and " 20," not in m for _r, m in found)


@pytest.mark.parametrize("good,bad,heads", [
    ("Đã giải quyết 40 đơn khiếu nại và 12 đơn tố cáo; trong đó có 10 đơn khiếu nại đúng, 30 đơn khiếu nại sai; "
     "có 5 đơn tố cáo đúng, 7 đơn tố cáo sai.",
     "Đã giải quyết 40 đơn khiếu nại và 12 đơn tố cáo; trong đó có 10 đơn khiếu nại đúng, 33 đơn khiếu nại sai; "
     "có 5 đơn tố cáo đúng, 7 đơn tố cáo sai.", {"40": ["10", "30"], "12": ["5", "7"]}),
    ("Năm 2023 xã tiếp nhận 30 hồ sơ đất đai, 20 hồ sơ hộ tịch, trong đó 25 hồ sơ đất đai đúng hạn, 5 hồ sơ đất đai "
     "trễ hạn; 18 hồ sơ hộ tịch đúng hạn, 2 hồ sơ hộ tịch trễ hạn.",
     "Năm 2023 xã tiếp nhận 30 hồ sơ đất đai, 20 hồ sơ hộ tịch, trong đó 25 hồ sơ đất đai đúng hạn, 5 hồ sơ đất đai "
     "trễ hạn; 18 hồ sơ hộ tịch đúng hạn, 4 hồ sơ hộ tịch trễ hạn.", {"30": ["25", "5"], "20": ["18", "2"]}),
])
def test_two_totals_each_take_their_group_of_parts(good, bad, heads):
    r = rel_page(good)
    assert {t.total.text: [p.value.text for p in t.parts] for t in r.totals} == heads
    assert loud(r) == []
    found = [(rule, sev) for rule, sev, _m in loud(rel_page(bad))]
    assert found and set(found) <= {("SUM002", "warning")}


@pytest.mark.parametrize("good,bad", [
    ("Kế hoạch vụ Mùa gieo trồng 820 ha. Cụ thể, lúa 600 ha, ngô 150 ha, rau các loại 70 ha.",
     "Kế hoạch vụ Mùa gieo trồng 820 ha. Cụ thể, lúa 600 ha, ngô 120 ha, rau các loại 70 ha."),
    ("Năm 2023 xã hỗ trợ 46 hộ, cụ thể: 30 hộ nghèo, 10 hộ cận nghèo, 6 hộ có hoàn cảnh khó khăn.",
     "Năm 2023 xã hỗ trợ 46 hộ, cụ thể: 30 hộ nghèo, 10 hộ cận nghèo, 4 hộ có hoàn cảnh khó khăn."),
])
def test_a_specifically_list_that_falls_short_is_a_doubt(good, bad):
    """“cụ thể” details a total, often by its main parts only: a gap is a warning, never an error."""
    assert loud(rel_page(good)) == []
    found = [(rule, sev) for rule, sev, _m in loud(rel_page(bad))]
    assert found == [("SUM002", "warning")]


@pytest.mark.parametrize("good,bad,heads", [
    ("Hội đồng xã đề nghị khen thưởng 12 tập thể và 35 cá nhân, trong đó: Giấy khen của Chủ tịch UBND huyện cho "
     "5 tập thể, 15 cá nhân; Giấy khen của Chủ tịch UBND xã cho 7 tập thể, 20 cá nhân.",
     "Hội đồng xã đề nghị khen thưởng 12 tập thể và 35 cá nhân, trong đó: Giấy khen của Chủ tịch UBND huyện cho "
     "5 tập thể, 16 cá nhân; Giấy khen của Chủ tịch UBND xã cho 7 tập thể, 20 cá nhân.",
     {"12": ["5", "7"], "35": ["15", "20"]}),
    ("Năm 2023 huyện xét tặng cho 40 tập thể và 118 cá nhân, gồm: Bằng khen của tỉnh 6 tập thể, 18 cá nhân; "
     "Giấy khen của huyện 34 tập thể, 100 cá nhân.",
     "Năm 2023 huyện xét tặng cho 40 tập thể và 118 cá nhân, gồm: Bằng khen của tỉnh 6 tập thể, 18 cá nhân; "
     "Giấy khen của huyện 36 tập thể, 100 cá nhân.",
     {"40": ["6", "34"], "118": ["18", "100"]}),
])
def test_totals_of_different_nouns_take_the_parts_of_their_noun(good, bad, heads):
    """Each “;” group holds one part of each total: the parts go by their unit, not by group."""
    r = rel_page(good)
    assert {t.total.text: [p.value.text for p in t.parts] for t in r.totals} == heads
    assert loud(r) == []
    found = [(rule, sev) for rule, sev, _m in loud(rel_page(bad))]
    assert found and set(found) <= {("SUM002", "warning")}


@pytest.mark.parametrize("good,bad", [
    ("Tiếp nhận 900 đơn, trong đó có 700 đơn đủ điều kiện với 100 đơn khiếu nại, 50 đơn tố cáo và 550 đơn kiến nghị.",
     "Tiếp nhận 900 đơn, trong đó có 700 đơn đủ điều kiện với 100 đơn khiếu nại, 50 đơn tố cáo và 600 đơn kiến nghị."),
    ("Tổng số 250 hồ sơ, trong đó có 200 hồ sơ hợp lệ với 120 hồ sơ cấp mới, 80 hồ sơ cấp đổi.",
     "Tổng số 250 hồ sơ, trong đó có 200 hồ sơ hợp lệ với 120 hồ sơ cấp mới, 90 hồ sơ cấp đổi."),
])
def test_a_first_part_that_heads_the_rest_of_the_list(good, bad):
    r = rel_page(good)
    heads = {t.total.text: [p.value.text for p in t.parts] for t in r.totals}
    assert heads[good.split("có ")[1].split()[0]][0] in ("100", "120") and loud(r) == []
    found = [(rule, sev) for rule, sev, _m in loud(rel_page(bad))]
    assert ("SUM002", "warning") in found and ("SUM002", "error") not in found


@pytest.mark.parametrize("text", [
    "Xã có 300 hộ chăn nuôi, trong đó 200 hộ nuôi lợn, 150 hộ nuôi gà.",
    "Toàn huyện có 90 doanh nghiệp, trong đó 60 doanh nghiệp thương mại, 45 doanh nghiệp có vốn dưới 1 tỷ đồng.",
])
def test_trong_do_parts_above_the_total_are_a_doubt_not_an_error(text):
    found = [(rule, sev) for rule, sev, _m in loud(rel_page(text))]
    assert found == [("SUM002", "warning")]


@pytest.mark.parametrize("text", [
    "Có 80/90 thôn văn hóa, trong đó 60 thôn đạt từ 3 năm trở lên, 40 thôn đạt từ 5 năm trở lên.",
    "Có 1.500 hộ văn hóa, trong đó 1.200 hộ đạt 3 năm liền trở lên, 900 hộ đạt 5 năm liền trở lên.",
])
def test_cumulative_tiers_are_not_summed(text):
    r = rel_page(text)
    assert all(len(t.parts) == 1 for t in r.totals) and loud(r) == []


@pytest.mark.parametrize("good,bad", [
    ("Toàn xã có 1.000 hộ, trong đó 950 hộ dùng nước sạch (chiếm 95%), 900 hộ có nhà tiêu hợp vệ sinh (chiếm 90%).",
     "Toàn xã có 1.000 hộ, trong đó 950 hộ dùng nước sạch (chiếm 97%), 900 hộ có nhà tiêu hợp vệ sinh (chiếm 90%)."),
    ("Tổng số 400 lao động, trong đó 360 lao động có việc làm (chiếm 90%), 300 lao động qua đào tạo (chiếm 75%).",
     "Tổng số 400 lao động, trong đó 360 lao động có việc làm (chiếm 90%), 300 lao động qua đào tạo (chiếm 78%)."),
])
def test_parts_whose_shares_pass_100_percent_overlap(good, bad):
    r = rel_page(good)
    assert all(len(t.parts) == 1 for t in r.totals) and loud(r) == []
    assert ("PCT003", "warning") in hits(rel_page(bad))


@pytest.mark.parametrize("good,bad", [
    ("Có 1.800/2.000 hộ gia đình đạt gia đình văn hóa, chiếm 90%, trong đó 1.500 hộ đạt 3 năm liền (chiếm 75%), "
     "1.710 hộ an toàn (chiếm 95%), 1.620 hộ xanh sạch đẹp (chiếm 90%).",
     "Có 1.800/2.000 hộ gia đình đạt gia đình văn hóa, chiếm 90%, trong đó 1.500 hộ đạt 3 năm liền (chiếm 75%), "
     "1.710 hộ an toàn (chiếm 95%), 1.680 hộ xanh sạch đẹp (chiếm 90%)."),
    ("Có 450/500 học sinh đạt chuẩn, chiếm 90%, trong đó 400 học sinh khá giỏi (chiếm 80%), 441 học sinh đủ sức khỏe "
     "(chiếm 98%), 432 học sinh đạt chuẩn thể lực (chiếm 96%).",
     "Có 450/500 học sinh đạt chuẩn, chiếm 90%, trong đó 400 học sinh khá giỏi (chiếm 80%), 441 học sinh đủ sức khỏe "
     "(chiếm 98%), 420 học sinh đạt chuẩn thể lực (chiếm 96%)."),
])
def test_sibling_shares_that_do_not_fit_the_head_share_an_unstated_total(good, bad):
    r = rel_page(good)
    dens = {x.numerator.text: (x.denominator.text if x.denominator else None) for x in r.rates}
    assert dens[good.split("trong đó ")[1].split()[0]] in ("2.000", "500")   # this one fits the whole
    assert loud(r) == []
    assert ("PCT004", "warning") in hits(rel_page(bad))


@pytest.mark.parametrize("text", [
    "Cụ thể, lúa 300 ha, năng suất dự kiến 60 tạ/ha; ngô 120 ha, năng suất dự kiến 45 tạ/ha.",
    "Vụ này, thôn A trồng 20 ha, sản lượng ước 100 tấn; thôn B trồng 15 ha, sản lượng ước 80 tấn.",
    "Năm 2023 tổng giá trị sản xuất đạt 500 tỷ đồng.\n\nPhương hướng năm 2024: phấn đấu tổng giá trị sản xuất đạt 560 tỷ đồng.",
    "Thu ngân sách năm 2023 đạt 8 tỷ đồng, bằng 105% dự toán.\n\nNăm 2024, phấn đấu thu ngân sách đạt 9 tỷ đồng.",
    "Ngân sách xã đầu tư 5 tỷ đồng, xây dựng 4 công trình.\n\nNgoài ra, nhân dân đóng góp 1 tỷ đồng, xây dựng 2 công trình.",
    "Vốn chương trình nông thôn mới 3 tỷ đồng, làm mới 6 km đường.\n\nVốn doanh nghiệp tài trợ 900 triệu đồng, làm mới 2 km đường.",
])
def test_items_of_one_sentence_targets_and_differently_funded_works_are_not_one_quantity(text):
    r = rel_page(text)
    assert r.facts == [] and loud(r) == []


@pytest.mark.parametrize("good,bad,pair", [
    ("Kết quả, đã giải quyết 45 đơn (40 khiếu nại, 5 tố cáo)/50 đơn, đạt 90%.",
     "Kết quả, đã giải quyết 45 đơn (40 khiếu nại, 5 tố cáo)/50 đơn, đạt 92%.", ("45", "50")),
    ("Bộ phận một cửa hoàn thành 18 hồ sơ (12 cấp mới, 6 cấp đổi)/20 hồ sơ, đạt tỷ lệ 90%.",
     "Bộ phận một cửa hoàn thành 18 hồ sơ (12 cấp mới, 6 cấp đổi)/20 hồ sơ, đạt tỷ lệ 85%.", ("18", "20")),
])
def test_a_fraction_split_by_its_numerators_bracket(good, bad, pair):
    r = rel_page(good)
    assert [(x.numerator.text, x.denominator.text) for x in r.rates if x.denominator] == [pair]
    assert loud(r) == []
    assert ("PCT003", "error") in hits(rel_page(bad))


@pytest.mark.parametrize("good,bad", [
    ("Cây khoai lang: diện tích 12,5 ha, sản lượng 150 tạ.", "Cây khoai lang: diện tích 12,5 ha, sản lượng 120 tạ/ha."),
    ("Vụ Mùa, lúa thuần diện tích 85 ha, năng suất bình quân 52 tạ/ha.",
     "Vụ Mùa, lúa thuần diện tích 85 tấn, năng suất bình quân 52 tạ/ha."),
    ("Cây lạc: năng suất đạt 25 tạ/ha.", "Cây lạc: năng suất đạt 25 ha."),
    # a growth rate by name is a percentage, not an amount (also across the period it is of)
    ("Tốc độ tăng tổng sản phẩm 6 tháng đầu năm 2023 ước đạt 6,5%, quy mô đạt 15.420 tỷ đồng.",
     "Tốc độ tăng tổng sản phẩm trên địa bàn 6 tháng đầu năm 2023 ước đạt 15.420 tỷ đồng, tăng 2,1% so với cùng kỳ."),
    ("Mức tăng thu ngân sách so với năm trước là 12 tỷ đồng.", "Tỷ lệ tăng thu ngân sách so với năm trước là 12 tỷ đồng."),
])
def test_a_quantitys_name_and_its_unit(good, bad):
    rr = to_read_result(extract_bytes(("Báo cáo năm 2023.\n\n" + good + "\n").encode(), "p.txt"))
    assert "UNIT006" not in {p.rule_id for p in rr.problems}
    rr = to_read_result(extract_bytes(("Báo cáo năm 2023.\n\n" + bad + "\n").encode(), "p.txt"))
    assert "UNIT006" in {p.rule_id for p in rr.problems}


def test_a_yield_without_its_per_hectare_is_a_shorthand():
    rr = to_read_result(extract_bytes("Báo cáo năm 2023.\n\nCây ngô: năng suất đạt 48,5 tạ, sản lượng 97 tấn.\n".encode(),
                                      "p.txt"))
    assert "UNIT006" not in {p.rule_id for p in rr.problems}


@pytest.mark.parametrize("text,table", [
    ("TT   Chỉ tiêu          ĐVT   KH 2023    TH 2023\n1    Tổng số hộ        hộ    12450.00   12810.00\n"
     "2    Số hộ nghèo       hộ    830.00     701.00\n3    Tỷ lệ hộ nghèo    %     6.67       5.47\n", True),
    ("Tổng số lao động 5210.00 5342.00 5488.00, có việc làm 4980.00 5102.00 5266.00.\n", False),
])
def test_a_block_written_with_dot_decimals_is_read_that_way_and_noted_once(text, table):
    ex = extract_bytes(("BÁO CÁO\nKết quả năm 2023\n\n" + text).encode(), "p.txt")
    rr = to_read_result(ex)
    rules = [p.rule_id for p in rr.problems]
    assert "NUM001" not in rules and rules.count("NUM002") == 1
    assert ("Bảng" if table else "Đoạn") in next(p.vi for p in rr.problems if p.rule_id == "NUM002")
    if table:
        assert [str(i.values.th.value) for i in ex.report.indicators] == ["12810.00", "701.00", "5.47"]


def test_a_stray_dot_decimal_is_noted_where_it_is():
    rr = to_read_result(extract_bytes("Báo cáo năm 2023.\n\nDiện tích 5.5 ha, năng suất 48.2 tạ/ha.\n".encode(), "p.txt"))
    assert [p.text for p in rr.problems if p.rule_id == "NUM002"] == ["5.5", "48.2"]


@pytest.mark.parametrize("last", [
    "Chủ tịch UBND huyện tặng danh hiệu Lao động tiên tiến cho 620 cá nhân, Giấy khen cho 56 tập thể.",
    "Giám đốc Sở Nội vụ đề nghị các địa phương hoàn thành hồ sơ khen thưởng trước ngày 15 tháng 12.",
])
def test_a_last_sentence_that_opens_with_a_title_is_not_a_signature(last):
    r = page("Năm 2023 xã có 12 tập thể được khen thưởng.\n\n" + last + "\n")
    assert r.meta.signatory is None
    assert not any(f.rule_id == "CMP003" for f in audit_report(r, "t"))


@pytest.mark.parametrize("sig,name", [
    ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn An", "Nguyễn Văn An"),
    ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nTrần Thị Bình", "Trần Thị Bình"),
    # a given name of one letter (the rule's own example, and real names such as “Ý”)
    ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn A", "Nguyễn Văn A"),
    ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nLê Thị Ý", "Lê Thị Ý"),
])
def test_a_signature_without_recipients_is_still_read(sig, name):
    r = page("BÁO CÁO\nKết quả công tác năm 2023\n\nNăm 2023 xã có 12 tập thể được khen thưởng.\n\n" + sig + "\n")
    assert r.meta.signatory is not None and r.meta.signatory.name == name


@pytest.mark.parametrize("cut,closed", [
    ("Tổng số cán bộ, công chức xã là 25 người, gồm: 10 cán bộ chuyên trách, 8 công chức",
     "Tổng số cán bộ, công chức xã là 25 người, gồm: 10 cán bộ chuyên trách, 8 công chức."),
    ("Tổng thu ngân sách 12 tỷ đồng, gồm thu thuế 5 tỷ đồng, thu phí 2 tỷ đồng, thu bổ sung cân đối từ ngân sách cấp",
     "Tổng thu ngân sách 12 tỷ đồng, gồm thu thuế 5 tỷ đồng, thu phí 2 tỷ đồng."),
    # (GRDP's three sectors without product taxes are some of its parts: the defect a closed list of the
    # three shows is sectors above 100%)
    ("Năm 2023 kinh tế tăng trưởng khá, trong đó nông nghiệp chiếm 30%, công nghiệp - xây dựng 40%, dịch vụ 40%, thuế sản",
     "Năm 2023 kinh tế tăng trưởng khá, trong đó nông nghiệp chiếm 30%, công nghiệp - xây dựng 40%, dịch vụ 40%."),
    ("Cơ cấu kinh tế: nông nghiệp 30%, công nghiệp - xây dựng 40%, dịch",
     "Cơ cấu kinh tế: nông nghiệp 30%, công nghiệp - xây dựng 40%."),
])
def test_an_excerpt_that_stops_inside_its_list_is_not_a_wrong_total(cut, closed):
    """A page's text kept up to a size stops mid-sentence: the list may go on, nothing is missing."""
    assert loud(page("Năm 2023 xã có nhiều đổi mới.\n\n" + cut)) == []
    # the same list, closed where it stops, is checked
    found = loud(page("Năm 2023 xã có nhiều đổi mới.\n\n" + closed + "\n"))
    assert {rule for rule, _s, _m in found} & {"SUM002", "SHR001"}, found


@pytest.mark.parametrize("good,bad", [
    ("Cơ cấu kinh tế năm 2024 chuyển dịch như sau: nông nghiệp chiếm 30,5%, giảm 1,2% so với năm 2023; "
     "công nghiệp – xây dựng chiếm 40,0%, tăng 0,8% so với năm 2023; dịch vụ chiếm 29,5%, tăng 0,4% so với năm 2023.",
     "Cơ cấu kinh tế năm 2024 chuyển dịch như sau: nông nghiệp chiếm 30,5%, giảm 1,2% so với năm 2023; "
     "công nghiệp – xây dựng chiếm 42,0%, tăng 0,8% so với năm 2023; dịch vụ chiếm 29,5%, tăng 0,4% so với năm 2023."),
    ("Cơ cấu ngành kinh tế (giá hiện hành) như sau: Khu vực nông – lâm – thủy sản chiếm 25,6%, giảm 2,1%; khu vực "
     "công nghiệp – xây dựng chiếm 31,2%, tăng thêm 1,3%; khu vực thương mại – dịch vụ chiếm 43,2%, tăng 0,8%.",
     "Cơ cấu ngành kinh tế (giá hiện hành) như sau: Khu vực nông – lâm – thủy sản chiếm 25,6%, giảm 2,1%; khu vực "
     "công nghiệp – xây dựng chiếm 31,2%, tăng thêm 1,3%; khu vực thương mại – dịch vụ chiếm 45,2%, tăng 0,8%."),
])
def test_the_change_of_a_share_is_not_one_of_the_shares(good, bad):
    # the changes written after each share (“giảm 1,2% so với năm 2023”) were summed as shares: a false SHR001
    assert loud(rel_page(good)) == []
    found = {rule for rule, _s, _m in loud(rel_page(bad))}
    assert "SHR001" in found, loud(rel_page(bad))


@pytest.mark.parametrize("good,bad", [
    ("Kết quả rà soát cuối năm: Hộ nghèo có 1.250 hộ, chiếm 3,10% tổng số hộ, trong đó có 420 hộ nghèo là đồng bào "
     "dân tộc thiểu số; hộ cận nghèo có 2.480 hộ, chiếm 6,15% tổng số hộ, trong đó có 610 hộ cận nghèo là đồng bào "
     "dân tộc thiểu số.",
     "Kết quả rà soát cuối năm: Hộ nghèo có 1.250 hộ, chiếm 3,10% tổng số hộ, trong đó có 1.420 hộ nghèo là đồng bào "
     "dân tộc thiểu số; hộ cận nghèo có 2.480 hộ, chiếm 6,15% tổng số hộ, trong đó có 610 hộ cận nghèo là đồng bào "
     "dân tộc thiểu số."),
    ("Toàn huyện có 86 đảng viên mới được kết nạp, trong đó có 31 đảng viên là đoàn viên thanh niên; số đảng viên được "
     "tặng huy hiệu Đảng là 112 đồng chí, trong đó có 12 đồng chí nhận huy hiệu 50 năm tuổi Đảng.",
     "Toàn huyện có 86 đảng viên mới được kết nạp, trong đó có 91 đảng viên là đoàn viên thanh niên; số đảng viên được "
     "tặng huy hiệu Đảng là 112 đồng chí, trong đó có 12 đồng chí nhận huy hiệu 50 năm tuổi Đảng."),
])
def test_a_new_statement_after_a_semicolon_ends_a_trong_do_list(good, bad):
    # “…, trong đó có 420 hộ …; hộ cận nghèo có 2.480 hộ”: the clause with its own subject was taken as a
    # second part of the poor households (2.480 > 1.250, a false error)
    assert loud(rel_page(good)) == []
    assert {rule for rule, _s, _m in loud(rel_page(bad))} & {"SUM002", "SUM001"}, loud(rel_page(bad))


def test_parallel_items_of_a_trong_do_list_stay_one_list():
    # items written alike (“xã A có 50 hộ; xã B có 30 hộ”) are the list, whatever their verb
    bad = rel_page("Toàn huyện có 70 hộ nghèo, trong đó: xã Phú An có 50 hộ; xã Phú Bình có 30 hộ.")
    assert {rule for rule, _s, _m in loud(bad)} & {"SUM002", "SUM001"}, loud(bad)


@pytest.mark.parametrize("good", [
    "UBND tỉnh đã trình HĐND tỉnh ban hành 3 nghị quyết triển khai Chương trình mục tiêu quốc gia giảm nghèo bền "
    "vững giai đoạn 2021 - 2025.",
    "Thường trực HĐND huyện giám sát việc thực hiện Chương trình MTQG xây dựng nông thôn mới giai đoạn 2021-2025 "
    "tại 5 xã.",
    "Toàn xã còn 42 hộ nghèo theo chuẩn nghèo đa chiều giai đoạn 2021 - 2025.",
])
def test_a_phase_belongs_to_the_programme_written_next_to_it(good):
    # the council named earlier in the clause has terms 2021–2026; the phase is the programme's (a false CAL006)
    assert loud(rel_page(good)) == []


def test_a_council_term_written_wrong_is_still_caught():
    found = loud(rel_page("Kỳ họp thứ 7 HĐND xã khóa XX, nhiệm kỳ 2021-2025 đã thông qua 5 nghị quyết."))
    assert any(rule == "CAL006" for rule, _s, _m in found), found


@pytest.mark.parametrize("good,bad", [
    ("Năm 2023, thu nhập bình quân đầu người của xã đạt 52 triệu đồng, tăng 4 triệu đồng so với năm trước.\n\n"
     "Thu nhập bình quân đầu người đến cuối năm 2021 đạt 45 triệu đồng; tỷ lệ hộ nghèo năm 2023 còn 1,2%.",
     "Năm 2023, thu nhập bình quân đầu người của xã đạt 52 triệu đồng, tăng 4 triệu đồng so với năm trước.\n\n"
     "Thu nhập bình quân đầu người đến cuối năm 2023 đạt 45 triệu đồng; tỷ lệ hộ nghèo năm 2021 còn 1,2%."),
    ("Sản lượng lương thực năm 2022 đạt 1.250 tấn.\n\nSản lượng lương thực năm 2020 đạt 1.180 tấn, "
     "bình quân lương thực đầu người năm 2022 là 410 kg.",
     "Sản lượng lương thực năm 2022 đạt 1.250 tấn.\n\nSản lượng lương thực năm 2022 đạt 1.180 tấn, "
     "bình quân lương thực đầu người năm 2020 là 410 kg."),
])
def test_a_mention_takes_the_year_of_its_own_clause(good, bad):
    # a sentence naming two years gave its numbers no year, so values of different years were linked
    assert not [x for x in loud(rel_page(good)) if x[0] == "VAL001"], loud(rel_page(good))
    assert any(rule == "VAL001" for rule, _s, _m in loud(rel_page(bad))), loud(rel_page(bad))


@pytest.mark.parametrize("text", [
    "Kết quả bầu cử HĐND huyện nhiệm kỳ 2021-2026 có 35 đại biểu trúng cử.\n\n"
    "Kết quả bầu cử HĐND các xã thuộc huyện nhiệm kỳ 2021-2026 có 310 đại biểu trúng cử.",
    "Tại Hội nghị cấp huyện có 120 đại biểu tham dự.\n\nTại Hội nghị các xã trong huyện có 940 đại biểu tham dự.",
])
def test_two_words_do_not_link_across_different_openings(text):
    # “trúng cử” alone cannot say the 35 councillors of the district and the 310 of its communes are one quantity
    assert not [x for x in loud(rel_page(text)) if x[0] == "VAL001"], loud(rel_page(text))


@pytest.mark.parametrize("text,same", [
    ("Tổng số đảng viên toàn Đảng bộ xã là 5.412 đảng viên.\n\nĐến cuối năm, tổng số đảng viên toàn Đảng bộ huyện "
     "là 5.320 đảng viên.",
     "Tổng số đảng viên toàn Đảng bộ huyện là 5.412 đảng viên.\n\nĐến cuối năm, tổng số đảng viên toàn Đảng bộ huyện "
     "là 5.320 đảng viên."),
    ("Tổng số đảng viên của thị trấn là 5.412 đảng viên.\n\nTổng số đảng viên của huyện là 5.320 đảng viên.",
     "Tổng số đảng viên của huyện là 5.412 đảng viên.\n\nTổng số đảng viên của huyện là 5.320 đảng viên."),
])
def test_labels_of_two_places_are_two_quantities(text, same):
    # “xã”, “huyện” are left out of a quantity's name (the reporting unit), but two different ones scope it
    assert not [x for x in loud(rel_page(text)) if x[0] == "VAL001"], loud(rel_page(text))
    assert any(rule == "VAL001" for rule, _s, _m in loud(rel_page(same))), loud(rel_page(same))


@pytest.mark.parametrize("good,bad", [
    ("Toàn tỉnh bầu được 271 đại biểu HĐND cấp huyện, thiếu 1 đại biểu so với số lượng đại biểu được bầu. Trong đó "
     "có 126 đại biểu tái cử, còn lại là giới thiệu mới.",
     "Toàn tỉnh bầu được 271 đại biểu HĐND cấp huyện, thiếu 1 đại biểu so với số lượng đại biểu được bầu. Trong đó "
     "có 296 đại biểu tái cử, còn lại là giới thiệu mới."),
    ("Năm học này xã có 42 phòng học, còn thiếu 6 phòng học so với nhu cầu, trong đó có 30 phòng học kiên cố.",
     "Năm học này xã có 42 phòng học, còn thiếu 6 phòng học so với nhu cầu, trong đó có 50 phòng học kiên cố."),
])
def test_a_shortfall_is_a_change_not_the_total_of_a_list(good, bad):
    # “thiếu 1 đại biểu so với …” was taken as the head of the “trong đó” after it (126 > 1, a false SUM002)
    assert loud(rel_page(good)) == []
    assert any(rule == "SUM002" for rule, _s, _m in loud(rel_page(bad))), loud(rel_page(bad))


@pytest.mark.parametrize("text", [
    "Toàn huyện có 12 xã và 1 thị trấn, trong đó có 10 xã, thị trấn đạt chuẩn nông thôn mới và 3 xã chưa đạt chuẩn.",
    "Huyện có 20 xã, 2 thị trấn, gồm 180 thôn, tổ dân phố, trong đó có 15 xã, thị trấn thuộc vùng khó khăn và 7 xã "
    "thuộc khu vực I.",
])
def test_a_total_joined_to_a_count_of_another_noun_the_parts_name_is_not_read_alone(text):
    """“12 xã và 1 thị trấn, trong đó 10 xã, thị trấn …”: the parts break down both nouns together;
    12 alone is not their total (13 is, or each its own): no total is read, nothing is flagged."""
    r = rel_page(text)
    assert r.totals == [] and loud(r) == []


@pytest.mark.parametrize("text", [
    "Toàn huyện có 12 xã, trong đó 8 xã đạt chuẩn và 5 xã chưa đạt chuẩn.",
    "Huyện có 12 xã và 1 thị trấn, trong đó 5 xã đạt chuẩn và 9 xã chưa đạt chuẩn.",  # the parts name xã only
])
def test_a_total_of_one_noun_still_takes_its_parts(text):
    r = rel_page(text)
    assert [x.total.text for x in r.totals] == ["12"] and ("SUM002", "warning") in hits(r)


@pytest.mark.parametrize("text,pairs", [
    ("Xã có 3.200 người trong độ tuổi lao động, chiếm 52,1%, trong đó: lao động nông nghiệp chiếm 70%, "
     "lao động dịch vụ chiếm 20%, lao động khác chiếm 10%.", [("3.200", "52,1")]),
    ("Toàn xã có 2.450 lao động chiếm 51,6%, nông nghiệp chiếm 65%, dịch vụ chiếm 25%, công nghiệp chiếm 10%.",
     [("2.450", "51,6")]),
    ("Toàn huyện có 1.150 đảng viên chiếm 4,2% dân số, trong đó đảng viên nữ chiếm 38%, đảng viên trẻ chiếm 12%.",
     [("1.150", "4,2")]),
])
def test_a_count_is_the_part_of_one_share_only(text, pairs):
    """The shares after a count's own share are of other parts (whose counts are not written):
    the count is not read as the part of each of them."""
    r = rel_page(text)
    assert [(x.numerator.text, x.percent.text) for x in r.rates] == pairs
    assert not any(f.rule_id == "PCT004" for f in audit_report(r, "t"))


@pytest.mark.parametrize("text,read", [
    # the area of all crops is not the area of the crop whose yield and output follow
    ("Diện tích gieo trồng vụ Đông Xuân 8.520 ha, đạt 101,4% kế hoạch; năng suất lúa bình quân 62 tạ/ha, sản lượng "
     "lúa ước đạt 32.240 tấn.", False),
    # one crop named on every side, or only before the area
    ("Diện tích lúa 850 ha, năng suất lúa 62 tạ/ha, sản lượng lúa 5.270 tấn.", True),
    ("Cây ngô: diện tích 120 ha, năng suất ngô 55 tạ/ha, sản lượng 660 tấn.", True),
    ("Vụ Mùa, lúa thuần diện tích 85 ha, năng suất bình quân 52 tạ/ha, sản lượng 442 tấn.", True),
    # the crop named right after the area
    ("Vụ Đông Xuân, toàn xã gieo cấy 420 ha lúa, đạt 100% kế hoạch; năng suất ước đạt 65 tạ/ha, sản lượng ước đạt "
     "2.730 tấn.", True),
    ("Toàn xã gieo cấy 420 ha lúa; năng suất ngô ước đạt 65 tạ/ha, sản lượng ngô 2.730 tấn.", False),
])
def test_area_yield_and_output_of_one_crop(text, read):
    r = page(text)
    assert bool(r.products) is read
    assert loud(r) == []
    if read:  # and a wrong output is still caught
        wrong = text.replace(text.split("sản lượng")[-1].split("tấn")[0].split()[-1], "9.999", 1)
        assert "PRD001" in {rule for rule, _s, _m in loud(page(wrong))}


@pytest.mark.parametrize("text,wrong", [
    ("Thu ngân sách đạt 95% kế hoạch (380/400 triệu đồng).", "Thu ngân sách đạt 98% kế hoạch (380/400 triệu đồng)."),
    ("Giao quân đạt 100% chỉ tiêu (18/18 thanh niên).", "Giao quân đạt 100% chỉ tiêu (17/18 thanh niên)."),
    ("Kết nạp đảng viên đạt 90% kế hoạch (9/10 đảng viên).", "Kết nạp đảng viên đạt 80% kế hoạch (9/10 đảng viên)."),
])
def test_a_percent_of_plan_with_its_actual_and_plan_in_brackets_after_it(text, wrong):
    r = page(text)
    assert [(i.name, i.values.th.text, i.values.kh.text) for i in r.indicators] == [
        (text.split(" đạt")[0], text.split("(")[1].split("/")[0], text.split("/")[1].split()[0])]
    assert loud(r) == []
    assert [(rule, sev) for rule, sev, _m in loud(page(wrong))] == [("PCT001", "error")]


def test_a_named_base_qualified_by_a_title_is_not_a_wider_count():
    # 45 of the 198 “Tập thể lao động tiên tiến”, not of the 215 that registered (45/215 = 20,93%)
    text = ('Năm 2024, toàn huyện có 215 tập thể, 1.850 cá nhân đăng ký thi đua. Kết quả bình xét: 198/215 tập thể '
            'đạt danh hiệu "Tập thể lao động tiên tiến", đạt 92,1%; 45 tập thể đạt danh hiệu "Tập thể lao động xuất '
            'sắc", chiếm 22,7% số tập thể đạt danh hiệu "Tập thể lao động tiên tiến".')
    assert loud(page(text)) == []
    assert not any(r.numerator.text == "45" and r.denominator is not None and r.denominator.text == "215"
                   for r in page(text).rates)


@pytest.mark.parametrize("text,title", [
    ("Thực hiện Nghị quyết số 25/NQ-HĐND ngày 22/12/2023 của HĐND xã về nhiệm vụ năm 2024, UBND xã đã chỉ đạo thực "
     "hiện đạt và vượt 18/20 chỉ tiêu, đạt 90%.", "nhiệm vụ năm 2024"),
    ("Thực hiện Kế hoạch số 05/KH-UBND ngày 15/01/2024 của UBND huyện về phát động thi đua năm 2024, các ngành, đoàn thể "
     "đã tổ chức 12 hội nghị.", "phát động thi đua năm 2024"),
    # a comma inside the title, with no actor after it, stays in the title
    ("Căn cứ Quyết định số 15/QĐ-UBND ngày 10/02/2024 của UBND huyện về việc khen thưởng tập thể, cá nhân có thành "
     "tích xuất sắc.", "khen thưởng tập thể, cá nhân có thành tích xuất sắc"),
])
def test_a_cited_title_ends_where_the_sentence_goes_on_with_its_subject(text, title):
    r = page(text)
    assert [x.title for x in r.references] == [title]
    wrong = text.replace("đạt 90%", "đạt 85%")
    if wrong != text:
        assert ("PCT003", "error") in {(rule, sev) for rule, sev, _m in loud(page(wrong))}


@pytest.mark.parametrize("text,wrong", [
    ("UBND thị trấn tặng Giấy khen cho 15 hộ gia đình văn hóa tiêu biểu, mỗi hộ được thưởng 300.000 đồng, tổng số "
     "tiền 4.500.000 đồng.", "5.400.000 đồng"),
    ("Hỗ trợ 12 hộ nghèo làm nhà, mỗi hộ 30 triệu đồng, tổng kinh phí 360 triệu đồng.", "390 triệu đồng"),
    # a wider sum, another measure per unit, a period after “mỗi”
    ("Hỗ trợ 12 hộ, mỗi hộ 30 triệu đồng, tổng kinh phí thực hiện chương trình 500 triệu đồng.", None),
    ("Hỗ trợ 15 hộ, mỗi hộ 2 con bò giống, tổng trị giá 450 triệu đồng.", None),
    ("Chi trả cho 40 đối tượng, mỗi tháng 360.000 đồng, tổng cộng 172.800.000 đồng.", None),
])
def test_a_count_times_the_amount_each_gets_is_the_total(text, wrong):
    r = page(text)
    assert bool(r.products) is (wrong is not None)
    assert loud(r) == []
    if wrong is not None:
        bad = re.sub(r"\S+ (triệu )?đồng\.$", wrong + ".", text)
        assert bad != text
        assert ("PRD001", "error") in {(rule, sev) for rule, sev, _m in loud(page(bad))}
