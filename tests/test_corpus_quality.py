"""The corpus measurement of issue 12 (tests/data/corpus, a development set): the reader and the rules
on all 40 texts, judged against the hand-made gold.

Targets (issue 12, “done when”): at least 90 % of the gold E/W rows found at error or warning (a row
is found when an error or warning quotes all of its numbers as written), no false error, at most
4 false warnings, every number written accounted for, no crash. The command prints the same
figures: `python -m auditor.extract.quality --corpus tests/data/corpus`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from auditor.extract.corpus import measure, render, summarise

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "corpus"


@pytest.fixture(scope="module")
def result():
    return measure(CORPUS)


def test_every_text_read_without_crash(result):
    assert len(result.texts) == 40
    assert [t.file for t in result.texts if t.crashed] == []


def test_gold_rows_found(result):
    s = summarise(result)
    rows = sum(a for a, _ in s.by_kind.values())
    found = sum(b for _, b in s.by_kind.values())
    assert rows == 25
    assert found / rows >= 0.90, [r["id"] for r in s.missed]


def test_no_false_error_and_few_false_warnings(result):
    s = summarise(result)
    errors = [(file, f.rule_id, f.message.en) for file, f in s.false_alarms if f.severity == "error"]
    warnings = [(file, f.rule_id, f.message.en) for file, f in s.false_alarms if f.severity == "warning"]
    assert errors == []
    assert len(warnings) <= 4, warnings


def test_severity_agreement_with_recall(result):
    """Issue 13: the severity shown agrees with the gold verdict (E → error, W → warning, I →
    info) on the matched rows, measured on the findings as the user sees them (grouped), and
    printed next to the recall. A floor at the measured figure (31 / 35: docs/findings.md says
    which rows disagree and why)."""
    s = summarise(result)
    agree = sum(1 for row, sev in s.agreement if {"E": "error", "W": "warning", "I": "info"}[row["verdict"]] == sev)
    assert len(s.agreement) == 35
    assert agree >= 31, [(row["id"], sev) for row, sev in s.agreement]
    line = next(x for x in render(result).splitlines() if x.startswith("Severity agreement"))
    assert f"{agree} / 35" in line and "; recall " in line  # never one without the other


def test_scored_findings_are_the_ones_the_user_sees(result):
    """The corpus is scored on what `audit FILE.txt` shows: the same primary findings, severities,
    places and consequences as the pipeline gives (`workflows.pipeline.audit_file`)."""
    from auditor.engine.ruleset import load_rules
    from auditor.workflows.pipeline import audit_file

    def sig(fs):
        return sorted((f.rule_id, f.severity, f.pointer, f.fingerprint, f.line,
                       tuple(sorted((c.rule_id, c.fingerprint) for c in f.consequences or []))) for f in fs)

    rs = load_rules()
    for t in result.texts:
        seen = audit_file(str(CORPUS / "texts" / t.file), rs, list(rs.rules), t.file).findings
        assert sig(t.findings) == sig(seen), t.file
    assert any(f.consequences for t in result.texts for f in t.findings)  # grouping is in effect


def test_every_number_accounted(result):
    missing = [(t.file, m) for t in result.texts for m in t.accounting.missing]
    assert missing == []
    assert sum(t.accounting.written for t in result.texts) > 1000


def test_report_prints_every_figure(result):
    out = render(result)
    for head in ("Gold E/W rows found", "Severity agreement", "False alarms", "Missed E/W rows",
                 "Numbers accounted", "Crashes: 0", "Time:"):
        assert head in out


def test_command_modes():
    """`--corpus DIR` measures a corpus; a folder that is not one is refused; the seed-vs-fixture
    mode (no argument) still runs."""
    run = [sys.executable, "-m", "auditor.extract.quality"]
    bad = subprocess.run([*run, "--corpus", str(ROOT / "fixtures")], capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 2 and "not a corpus folder" in bad.stderr
    seeds = subprocess.run(run, capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert seeds.returncode == 0, seeds.stderr
    assert "| seed | input |" in seeds.stdout and "findings reproduced" in seeds.stdout


# ------------------------------------------------------------------ the second development set
# tests/data/real: 34 more real texts with gold made the same way. Targets: no false error, at most
# one false warning per 10 texts, every number accounted, no crash; its recall is measured, not a
# target (docs/inputs.md says what is missed and why), with a floor against regressions.
#
# tests/data/real2: 43 real texts with gold made by hand without running the tool, kept out of the
# reader's development until it was merged (issue 12). Measured first as it came (main before round 2:
# 7/15 found, 5 false errors, 24 false warnings; round 2: 7/15, 2 false errors, 13 false warnings); the
# false alarms seen then were fixed as general classes with phrasings of our own (docs/inputs.md), so
# from here on it guards against regressions: no false error, no number lost, and no more false
# warnings or fewer rows found than now.
REAL_SETS = {  # folder: (texts, most false warnings, fewest E/W rows found)
    "real": (34, 0, 10),
    "real2": (43, 1, 12),  # (scored on the findings as shown since issue 13; a total joined to another noun, 042;
    #          a count read as the part of one share only, and a breakdown by its classes, 041; a base named
    #          like the part, 011; a count that is itself a share, 008; areas of the territory, 034;
    #          titles given to recipients, 009; the territory's count as a share's base, 041)
    "real3": (30, 1, 3),  # measured unseen first (0 false errors, 3 false warnings, 2/8 rows found), then:
    #          parts written flat over levels, 019; several percents cut at once, 001; a look back is not
    #          the page's period, 022; a count's implied earlier level (CHG002), 023. The one warning left
    #          is NUM001 on “0 68%” in 008: the defect of row R3-008-1, which the scoring cannot match
    #          because the row also lists the 2,52 beside it
    "real4": (30, 2, 5),  # measured unseen first (3 false errors, 6 false warnings, 3/11 rows "found", two of
    #          them by a false VAL001 that happened to quote the row's numbers), then: the same item in lists
    #          under two lead-ins, 023; a composition of people along several dimensions, 026; a subgroup's
    #          rate over the count before it, 008; a part said before its "Trong đó" list, 017; "phân theo
    #          … như sau" breakdowns, 023; one numbered term with two spans (CAL009), 027. The two
    #          warnings left are PER009 on "so với năm 2023" in a
    #          half-year report (016), where this set's gold (pass) and the development corpus's (C-027-5, W)
    #          disagree on the same phrasing. Later: "tổng số A và B là N" with A and B stated
    #          elsewhere (extract/named_sums.py), 023
    "real5": (30, 1, 6),  # measured unseen first (1 false error, 0 false warnings, 3/11 rows found, 702/704
    #          numbers accounted), then: a structure ends at the next numbered item of a list run into one
    #          paragraph, 029; a phrase's place on the line of its match, 014; the sectors' contributions in
    #          points to the growth rate named in their sentence, 028; a headline's count restated by the
    #          body, 005. That last warning is R5-005-1's defect (8 tập thể in the headline, 4 in the body),
    #          but the row also lists the 18 cá nhân, equal on both sides, which the finding does not quote:
    #          the matcher counts it as a false warning. Later: a plan stated in the sentence before its
    #          result's percent (extract/plan_before.py), 030; a change without its unit (NUM005), 027
    "real6": (36, 0, 4),  # measured unseen first (1 false error, 1 false warning, 2/10 rows found, 833/833
    #          numbers accounted), then: the same words under two spans of time (“tháng 9” / “9 tháng”) are
    #          two quantities, 033; a council on the awards of last year's review sits late, 001; a
    #          headline's words cut short in the body, 002; villages (làng, buôn, khu dân cư) are counts, so
    #          a rate over an unstated number of them must fit a whole number (PCT008), 005
    "real7": (36, 1, 4),  # measured unseen first (1 false error, 2 false warnings, 1/8 rows found, 811/811
    #          numbers accounted), then: a heading naming the next year's targets after the year's results
    #          is a plan heading, 035; a share said of a subgroup named after a count (“đàn bò là 3.182 con,
    #          bò lai chiếm 16,5% tổng đàn”) is not the count's share, 020; a structure's sector values in
    #          the “Trong đó” sentence after its shares (SHR002, warning), 021; a list ranked from the highest
    #          to the lowest with an item out of place (ORD001), 032. The warning left is NUM001 on
    #          “102,%” in 022, a malformed number the gold does not list (the tool does not guess it).
    #          The tokenizer no longer cuts a long number after a place word (“15 xóm, 2160 hộ” was read as
    #          216 and 0, 023; in real2, “thành phố là 751.103 người” as 75 and 1.103, 017)
    "real8": (39, 0, 6),  # measured unseen first (2 false errors, 7 false warnings, 3/12 rows found,
    #          1040/1040 numbers accounted), then: a month with its year (“tháng 02/2023”) is a span of time
    #          apart from “02 tháng/2023”, 039; a count before the next “gồm” heads its own list, 012; a
    #          sentence opening on a subset (“Trong đó, …”) is not linked with the sentence before, 012;
    #          amounts are not parts of a count of targets, 014; re-elected deputies of the outgoing council
    #          are not held to the candidates' base, 016; the whole a composition's shares are of, stated in
    #          the list's lead-in (bullets, 017; “… như sau:”, 019) or after “tính trên số … là”, 019;
    #          “ứng cử viên” and “cử tri” are counts. Later: a growth rate by name written as an amount
    #          (UNIT006), 031
    "real9": (38, 0, 3),  # measured unseen first (4 false errors, 2 false warnings, 1/12 rows found, 1158/1158
    #          numbers accounted), then: a part “đạt” 100% or more of an unstated plan is not its share (“6/7 làng
    #          đạt 100%”), 002; last year's structure in brackets is a structure of its own, 020; an act's title
    #          after “NGHỊ QUYẾT” / “QUYẾT ĐỊNH” is read, and an act for the coming year has no review's date
    #          window, 023, 028; a plan of the province's own named after the council is not its term, 012; a
    #          “Trong đó:” list goes on over sentences of one shape, each with its share (“chiếm …”), and those
    #          shares are of its total (the gold's E rows R9-030-6 and R9-030-7, found since 7 December, sixth
    #          session)
    "real10": (39, 1, 2),  # measured unseen first (1 false error, 6 false warnings, 0/16 rows found, 965/965),
    #          then: counts each with its own change are not two levels of one (a false DIF002), 007; a headline is
    #          not linked to a wider group its phrase goes on from, 005; a share after a “trong đó” aside that fits
    #          the head is the head's (now the gold's I row), 006; a named base with an abbreviation glued to a
    #          comma, 011; sibling counts with no words of their own are not linked, 029; a percent “do trung ương
    #          giao … là X” is a percent of plan (PCT001 on the gold's E row, as a warning: “trên 54,4%”), 030;
    #          items parted by “;” in lower case are a named list, and “khoản thu” a count (CNT002), 035. The
    #          warning left (PCT004, 007) is about the gold's W rows R10-007-4/5, quoted with another rate's count
    "real11": (36, 0, 4),  # measured unseen first (2 false errors, 3 false warnings, 3/8 rows found, 768/768),
    #          then: a fraction of units each at 100% is not their share (“27/30 tổ bầu cử, cử tri tham gia bỏ
    #          phiếu 100%”), 020; what a council decided on for a period is not its term, 030; “Hiệp Tâm 2:1019
    #          hộ” is no time, a name's number before a colon keeps its part, and a list with a part not taken
    #          is not summed, 032. The LEG001 on the gold's W row R11-031-11 (031) now quotes the date as written
    #          (“17/9/2019”, not “17/09/2019”) and is found
    "real12": (38, 0, 0),  # measured unseen first (0 false errors, 4 false warnings, 0/13 rows found, 981/998
    #          numbers accounted), then: a percent of plan after a rate named in its clause is the rate's, 010;
    #          “Thôn 7 xã Long Giang” is a name, 030; the year's plan of an act dated in that year has no review
    #          window, 034; a detail list of which one part was read is not summed, 035; numbers of removed page
    #          markup and of a date broken over two lines are listed, 028, 033. Ten of the 13 rows are year-end
    #          figures given before the year ends, which PER010 leaves to annual reports by design
    "real13": (28, 0, 0),  # official documents with their header (resolutions, decisions, a plan), measured
    #          unseen first (4 false errors, 3 false warnings, 7 numbers unaccounted), then: acts that are no
    #          review have no review window and no headings held to a year; a title over lines of capitals; a
    #          title without a year dated in January no longer holds its headings to the date's year (PER001);
    #          a label narrowed by “theo …” is another quantity; numbers of a date or a figure over two lines
    "real14": (38, 0, 1),  # press and statistics write-ups, measured unseen first (2 false errors, 6 false
    #          warnings), then: history told (“Tháng 3 năm 1947”) is not a page's period, an anniversary's span
    #          after an appositive, 007; a fraction's percent is not its subgroup's rise, 013; one crop in two
    #          seasons, 010; items each with their own base (“đạt 59,6% diện tiêm; …”), 010; parts of other
    #          nouns are no levels of one sum, 015; a part's own percent of plan after its total's, 028;
    #          values given “tương ứng 20.000/1.700” are no fraction, 029
    "real15": (33, 1, 8),  # communes and wards, measured unseen first (0 false errors, 2 false warnings, 8/14
    #          rows found), then: one part after “bao gồm” is one of them, not the whole, 019. The warning left
    #          is NUM001 on the malformed “1,187,93” (011), which the gold does not list
    "real16": (30, 1, 1),  # districts, measured unseen first (0 false errors, 1 false warning, 0/9 rows found),
    #          then: a plan in another unit that converts (“150.000 triệu đồng đạt 42,86% dự toán (KH 468 tỷ
    #          đồng)”, PCT001 on the gold's E row), 027. The warning left is NUM005 on “620 tỷ đồng, tăng 2,8”
    #          (004): a change written without its unit, which the gold does not list
    "real17": (33, 0, 0),  # awards with counts, national to commune, measured unseen first (5 false errors, 1
    #          false warning): a part of a breakdown written in words (“63 học sinh (bốn giải Nhất, 34 giải Nhì,
    #          25 giải Ba)”) leaves it unread, 030; “5 năm qua (2020-2025)” counts from end to end, 028
    "real18": (25, 1, 0),  # figures and tables, measured unseen first (1 false error, 5 false warnings), then:
    #          one template under two short headings (“TP. HCM” / “Hà Nội”) is two quantities, 001; a trade
    #          surplus is exports minus imports, not their sum (DIF002), 010; a headline's “hơn 13.000 tấn” restating
    #          a value is a round figure, as this set's gold reads it, so 13.054,9 meets it (021). Left: PCT004 on two
    #          regions' shares each of its own sown area (024), a base the reader does not name
    "real19": (32, 1, 1),  # emulation outside the People's Committees, measured unseen first (1 false error,
    #          1 false warning), then: a social page's automatic image description (“Có thể là hình ảnh về 9
    #          người …”) holds no figures, 022. Left: NUM001 on “50.700.00” (013), a true finding on the gold's
    #          own row that the score does not match (unit kind); the election day's date now caught (CAL002)
    "real20": (26, 0, 3),  # reports by period (Mekong, Highlands, northern mountains), measured unseen first
    #          (5 false errors, 1 false warning), then: GRDP's three sectors without product taxes may add up
    #          to less than 100% (SHR001, 007, 019); “lũy kế 8 tháng” alone names no quantity (VAL001, 006,
    #          009, 011); a change “so với phương án” is against another base, not the two levels' difference
    #          (DIF002, 004)
    "real21": (27, 0, 5),  # communes and the new communes of 2025, measured unseen first (1 false error, 1 false
    #          warning), then: “20 năm ngày hội đại đoàn kết toàn dân tộc, giai đoạn 2003-2023” counts from another
    #          start than the Front's founding (CAL001, 003); “90-95 triệu đồng/người/năm” is a range, a target
    #          band, not the value 95 (VAL001, 027); the portal's table flattened to one cell per line is read
    #          (extract/stacked.py: its year-estimate column's sum and two percents of plan, 002)
    "real22": (26, 0, 0),  # award money and plans with targets, measured unseen first (1 false error, 2 false
    #          warnings), then: parts without a unit named by one count noun (“đảng viên chính thức là 1.497”)
    #          belong to that noun's total, not the “47 chi bộ” written nearer (SUM002, 025); a norm stated for two
    #          cases (“…, đối với xã … sớm hơn” / “… đúng kế hoạch”) is two quantities (VAL001, 005); a plan for
    #          the coming year dated mid-year has no review window (PER006, 016)
    "real23": (28, 1, 1),  # order, traffic, complaints, administrative reform, recruitment, measured unseen first
    #          (6 false errors, 10 false warnings), then: an accident count's consequences (“làm 389 người chết …”)
    #          are not its parts (SUM002, 002, 004); a period named by dates goes on over the sentences after it
    #          (VAL001, 003); “ít hơn 03 vụ = 1,6% (180/183 vụ)” is the change, then now/before (PCT002, SUM002,
    #          PCT007, 014, 016), and “ít/nhiều hơn N” no bound; “Sư đoàn Bộ binh 2”, “Lữ đoàn 572” are names
    #          (SUM002, 025); “Khởi tố 4 vụ” and “Đã khởi tố 179 vụ” name no quantity (VAL001, 015); a signed
    #          percent in brackets is a change (PCT008, 018, 019); “9/9 huyện đạt tỷ lệ dưới 10%” is a bound
    #          (PCT003, 009); a change with its size in brackets is of the one level named the same way in the
    #          sentence before (“… giảm 10 đối tượng (-7,25%)”: CHG001 on the gold's E row, 018). Left: CHG001 on
    #          “ít hơn 6 vụ (12/6 vụ)” (016), a true finding on the gold's own defective row, which the score does not
    #          match (kind stated_twice)
    "real24": (28, 0, 6),  # ratings by tier, party members, schools, measured unseen first (1 false error, 1 false
    #          warning), then: parts without a unit named by one count noun belong to that noun's total (015); items
    #          after the first that leave the noun out count it too (“Tam Kỳ 150 đảng viên; Hội An 110; …”), and
    #          “Biên phòng 15” is no room number (SUM002 on the gold's own 1.950 ≠ 1.905, 023)
    "real25": (17, 0, 3),  # the social sections (labour, poverty, health, education), measured unseen first: 0 false
    #          errors, 0 false warnings; then a count whose clause names its noun (“số thí sinh đăng ký trực tuyến là
    #          1.014.020, chiếm 94,66%”) is read (PCT003 on the gold's E row, 008)
    "real26": (22, 0, 2),  # budgets and public investment, measured unseen first (0 false errors, 5 false warnings),
    #          then: after “;”, “kế đến là …” is the next item beside a total (001); main parts after “cụ thể” a fifth
    #          or more short of the total leave a part unlisted (002); a “trong đó” that gives a subset's own
    #          measures is no split, each item takes the plan named in it, and a subset keeps no whole's plan (003);
    #          a “Trong đó” sentence is scoped by the names opening the sentence it is a subset of (021)
    "real27": (38, 0, 2),  # agriculture, new rural development, OCOP, forestry, tourism, measured unseen first (1
    #          false error, 9 false warnings), then: a level in the bracket after a part's change is its base, not a
    #          part (SUM002 error, 008); “hơn 5 năm (2018-2023)” fits either count of the span (CAL005, 007); a
    #          season's review has its own calendar (PER011, 010); a paragraph's later sentences are about the
    #          names it opens with (VAL001, 004); the parts after a total and the counts beside it are of them
    #          all (001); “giảm 1.686ha (bằng 2,24%)” is the change's size (016); a list item's bracket is its own
    #          breakdown (033); a perennial's yield is of its bearing area (PRD001, 028); items of one sentence
    #          joined through a caption are two quantities (VAL001, 035)
    "real28": (33, 0, 3),  # poverty, labour and welfare funds, measured unseen first (0 false errors, 6 false
    #          warnings), then: “483 hộ thoát nghèo, tỷ lệ giảm 2,97%” is a rate's fall (CHG002 ×2, 014); “10 hộ
    #          với 32 nhân khẩu, chiếm 0,18%” leaves which count unsaid (PCT004, 024); items after a lead-in naming
    #          an increase are changes (VAL001, 008); “Mục tiêu năm 2024” is a target, parts after “Trong tổng số
    #          N … có” are the whole's (VAL001, 030); “Tính từ đầu năm” is a span, and a headline joining two
    #          spans is left out of the group (VAL001, 029)
    "real29": (25, 0, 3),  # land, infrastructure and digital government, measured unseen first (0 false errors, 1
    #          false warning, 2/7 rows found), then: parts counting another noun (“6 điểm … 198 nền đất”) are not
    #          the total's (SUM002, 019); “6.776 hồ sơ, với 2.521 hồ sơ trực tuyến (đạt tỷ lệ 37,76%)” is a part's
    #          share of the count before it (PCT003 on the gold's E row, 006)
    "real30": (27, 1, 1),  # health, education, mass organisations, measured unseen first (2 false errors, 3 false
    #          warnings, 0/5 rows found), then: names after “gồm” are no parts (SUM002 error, 004); the last parts
    #          making the total leave the first as another criterion (004); a private part of a public total is a
    #          doubt (SUM002 warning on the gold's W row, 003); a flat reading must make a whole list hold (003);
    #          a portal header's clock beside its hotline (“Thứ ba, ngày 15/12/2016”, a Thursday) is not the text's
    #          date (CAL010 error, 001). Left: NUM001 on the header's visit counter “72,790,124” (001)
    "real31": (31, 0, 1),  # the economy (investment, exports, enterprises, GRDP, tourism, retail), measured unseen first
    #          (0 false errors, 6 false warnings, 1/10 rows found), then: a percent after a list opens (“9/17 ngành …,
    #          trong đó có: Giáo dục (tăng 49,7%)”) is an item's, not the fraction's (CHG001 ×3, 014–016); a value named
    #          like the part itself and by a subject of its own is a sibling, not the base (PCT007, 004); shares of one
    #          named total said of two spans are not compared (PCT004, 005); “7 tỉnh … đạt từ 10 tỷ USD trở lên” is a
    #          criterion's bar (SUM002, 012)
    "real32": (32, 0, 3),  # civic life (disasters, recruitment, elections, population, insurance), measured unseen
    #          first (5 false errors, 3 false warnings, 2/8 rows found), then: a bracketed list that trails off (“…,...)”)
    #          names only some parts (SUM002 errors, 008, 009); a place in the breakdowns of two counts is two
    #          quantities (VAL001 errors ×2, 008); an earlier year's figure after the parts is none (SUM002 error, 015);
    #          a campaign's year (“giao quân năm 2023”) sets no reporting window (PER006, 012); parts that are the
    #          kinds a total lists may overlap (SUM002, 024); a percent that would change a small count by less than
    #          one is not its change (CHG002, 028); a part's bare share under a total said as a part of a target
    #          is not read against the total (PCT003, 015); houses are counted (“126 nhà …”: the gold's E row, 004)
    "real33": (28, 0, 1),  # justice, inspection, administrative reform, measured unseen first (0 false errors, 7 false
    #          warnings, 1/6 rows found), then: what was done among a subset (“…; đã thi hành xong 576.933 việc”) is
    #          no sibling part (SUM002, PCT003, 010); paragraphs opening with a field (“Lĩnh vực …,”) or counting their
    #          own batch of inspections (“… 135 cuộc thanh tra”) scope their amounts (VAL001 ×2, 014, 016); “Kết luận 4
    #          cuộc thanh tra” counts inspections, cites no document (016); a bound every member of a fraction meets is
    #          not its ratio (“6/6 vùng … có giá trị trung bình … đạt trên 80%”: PCT003, 023)
    "real34": (33, 0, 0),  # emulation and commendation (the core domain), measured unseen first (1 false error, 0 false
    #          warnings, 0/2 rows found), then: an anniversary's dates written with hyphens (“(11-6-1948 - 11-6-2018)”)
    #          give its year, and its other mentions take that year (CAL001 error, 001)
    "real35": (27, 0, 1),  # targets and results of districts and communes, measured unseen first: 0 false errors, 0
    #          false warnings, 1/2 rows found (PCT003 error on the gold's E row, 004)
    "real36": (27, 0, 13),  # fires, forests, accidents, food safety, measured unseen first (4 false errors, 3 false
    #          warnings, 10/16 rows found), then: one sentence written twice to its figure, each going on about
    #          another thing, is two quantities (VAL001 errors, 003); the period a paragraph opens with scopes its
    #          sentences (VAL001 errors, 017); a change then now/before in brackets after a noun of three words
    #          (PCT007, 012); “Q. THÀNH” under an article is a byline, not an acting signatory (CMP003, 014); a part
    #          with its own subject and verb after a comma (“Đội Kiểm lâm … phát hiện, xử lý 10 vụ”) is one more part
    #          (021); later, “Can Lộc và Đức Thọ cùng 1 vụ” is 1 each when the total holds so (SUM002, 021).
    #          Later: a level, its change and the change's percent written together (CHG001 on 001 ×2 and 019)
    "real37": (31, 0, 2),  # culture, tourism, sports, information and communications, measured unseen first (1 false
    #          error, 0 false warnings, 1/10 rows found), then: a bracket opening with “có” names some of a count's
    #          parts, not all (“670 cơ quan tạp chí (có 327 tạp chí …, 72 tạp chí …)”: SUM002 error, 017)
    "real38": (30, 0, 0),  # national target programmes, ethnic-minority policy, population, measured unseen first (0
    #          false errors, 5 false warnings, 0/5 rows found), then: the two rates of a change from one level to
    #          another are of two years (PCT004, 015); an office in sentence case as an excerpt's last line is no
    #          signature (CMP003, 017); “Tính theo chuẩn nghèo … giai đoạn 2016-2021” names the measure of a past
    #          series, and that standard ran through 2021 (CAL003, 023); after parts counting the total's noun, a
    #          count of another noun is the next item (“32 xã …, trong đó có 13 xã …, 81 thôn …”: SUM002, 026); a rate
    #          of another noun named between a count and its percent (“3 xã tỷ lệ hộ nghèo chiếm hơn 50%”) is not the
    #          count's share (PCT004, 030), and names of one-letter words (“A Rooi, A Ting”) are names (SUM002, 030)
    "real39": (27, 2, 2),  # transport, construction, rural roads, measured unseen first (0 false errors, 6 false
    #          warnings, 1/13 rows found), then: “quý 1/2019” (and “quý 11/2019”, a slip for II) is a quarter, no
    #          fraction (CHG001 ×4, 012). Left: PCT007 on 002 (a headline glued to its body without a full stop,
    #          “… 14,3 nghìn tỷ đồng trong quý I Theo Chi cục …”, is read as one sentence), and SUM002 on 003
    #          (“hơn 2.700 tỷ …, gồm: hơn 987 tỷ …; hơn 1.700 tỷ …”: the gold reads the bounds to the next hundred,
    #          GOLD.md's rule 3 and real6 021/025 to their last digit; the tool keeps the corpus's rule: a warning)
    "real40": (27, 0, 2),  # People's Councils, voters' petitions, the Front, measured unseen first (1 false error, 1
    #          false warning, 2/6 rows found), then: a list opening with the one holder of an office without a number
    #          (“23 người, gồm: Chủ tịch, 3 Phó Chủ tịch và 19 Ủy viên”) is not summed (SUM002 error, 006); a bound on
    #          a share of something else (“29/29 người đạt trên 50% số phiếu”) is not the fraction's ratio (PCT003, 006)
    "real41": (25, 0, 0),  # health and social insurance, measured unseen first (3 false errors, 4 false warnings, 0/7
    #          rows found), then: a part after “trong đó” is no later level of the whole (DIF002, 017); “Năm 2021, …” and
    #          “Từ đầu năm đến nay, …” are two periods (VAL001, 024); shares of a named total said of two named districts
    #          (PCT004, 003); a list of names ends at a “;” opening another subject (CNT002, 004); doses with their
    #          coverage (PCT004, 009); “(8.811/2)” cases/deaths is no actual over a plan (CHG001, 019); “53/54 tỉnh có tỷ
    #          lệ tiêm … đạt 95,2%” is the rate they reached (PCT003, 011)
    "real42": (33, 0, 3),  # education and training, measured unseen first (1 false error, 2 false warnings, 2/7), then:
    #          “các môn A, B, C và D mỗi môn 1 giải” is four counts and “mỗi đơn vị có 1 giải” no total (SUM002, 002);
    #          graduated, counselled and employed students overlap (SUM002, 032)
    "real43": (26, 0, 2),  # administration, justice, inspection, measured unseen first (4 false errors, 3 false
    #          warnings, 0/10), then: “vụ/bị can” is a pair (PCT003, 007, 008); “Riêng quý 4, …” and two named communes
    #          part figures of one wording (VAL001, 023, 026); one item's counts in three nouns (SUM002, 011); the first
    #          parts make a total within “hơn/gần” (SUM002, 025)
    "real44": (29, 1, 6),  # agriculture, forestry, rural credit, measured unseen first (0 false errors, 5 false
    #          warnings, 4/13), then: yields per hectare do not add up (SUM002, 011, 012); shares of the two parts of a
    #          stated whole, percents over 100 (PCT004, 014, 029). Left: PCT001 on 029 (“trên 5.000 tấn/4.659 tấn (đạt
    #          107,77%)”: the gold reads the bound to the next thousand, GOLD.md's rule 3 to its last digit; a warning)
    "real45": (26, 0, 1),  # emulation and commendation, measured unseen first (0 false errors, 2 false warnings, 0/4),
    #          then: a day after “chiều nay” (PCT007, 003); a rate's excess over its target in a bracket after its
    #          reference (CHG002, 017); a total of “các cấp” then each level is complete (SUM002, 017)
    "real46": (39, 1, 3),  # mass organisations, measured unseen first (0 false errors, 2 false warnings, 3/7), then:
    #          another noun after a “;” ends a list (SUM002, 001); names on both sides of “(…) và” (CNT002, 008). Left:
    #          PCT001 on 036 (“hơn 144.000”, the same reading of a bound as real44 029)
    "real47": (25, 0, 0),  # industry, trade, investment, budget, measured unseen first (0 false errors, 3 false
    #          warnings, 0/6), then: another subject after a “;” ends a list (SUM002, 011); numbers written the English
    #          way (“6,231.8”, “42,460,418,319”) are read with a note (NUM001 → NUM002 info, 012, 023)
    "real48": (31, 0, 0),  # defence and security, measured unseen first (0 false errors, 5 false warnings, 0/6), then:
    #          a share of the population is not of the force (PCT003, 012); what each task reached (PCT004, 015); a
    #          count of criteria heads no list (SUM002, 028); a daily average is not the headline's count (VAL001, 029);
    #          “giảm hơn 700 người chết” is a change (SUM002, 030)
    "real49": (26, 0, 0),  # social protection, measured unseen first (0 false errors, 3 false warnings, 0/4), then: the
    #          appendix of an act cited is not the text's (CMP005, 005); “gồm” after another group named after a comma
    #          is that group's (SUM002, 020); a headline of two actions together (“xây dựng mới và sửa chữa 25 nhà”) is
    #          not one of them (VAL001, 025)
    "real50": (24, 0, 3),  # ethnic-minority and religious affairs, digital government, measured unseen first (1 false
    #          error, 2 false warnings, 3/11), then: a share and its bracketed breakdown are two levels (SHR001, 006);
    #          the head of a list is the nearer number in a noun the units do not list (SUM002, 012); a quantity's name is
    #          read in its own sentence (UNIT006, 019)
    "real51": (25, 0, 1),  # half-year and nine-month reviews, measured unseen first (0 false errors, 1 false warning,
    #          1/6), then: figures under two topics (“Về sản xuất nông nghiệp, …”, “Về thủy sản, …”) are two quantities
    #          (VAL001, 013)
    # (8 December: eight sets measured unseen first, each as it came; what each taught, tests/test_reader_held_out_52_55.py)
    "real52": (28, 1, 1),  # elections and votes (first contact 1/6, 2 false errors, 6 false warnings); the errors left
    #          are true defects whose gold rows also quote numbers of their context (KNOWN_GOLD_MISMATCH); the warning, a year's
    #          voters against one round's under a bulleted “Đợt …” (VAL001, 021)
    "real53": (28, 0, 4),  # public safety against the same period (4/10, 1, 3)
    "real54": (31, 0, 2),  # natural resources and environment (2/8, 1, 2)
    "real55": (40, 2, 0),  # culture, sport, tourism, labour (0/5, 1, 4); left: “hơn 82.000 … trong đó hơn 71.800 …, hơn
    #          10.440”, a round bound (the severity policy), and distances listed as parts (SUM002, 021)
    "real56": (25, 1, 1),  # party building and assessment (1/3, 0, 3); left: “hơn 120%” read to its last digit
    "real57": (25, 1, 0),  # public investment, construction, transport (0/7, 1, 2); left: “hơn 600 triệu … trong đó 418
    #          + 119 + 20 + 60”, a round bound (SUM002, 016)
    "real58": (26, 1, 0),  # population, children, the elderly (0/7, 1, 3); left: “13/22, tăng 6%” (CHG001, 019)
    "real59": (25, 0, 1),  # reports of communes and wards (1/5, 0, 1)
    "real60": (27, 0, 0),  # emulation and commendation beyond the first pages (0/4, 1, 0): an anniversary marked at an
    #          event its paragraph dates (“Chiều ngày 26/2/2024 … nhân dịp 69 năm ngày thầy thuốc”) is counted to that year
    "real61": (25, 1, 1),  # budgets of provinces and districts (1/12, 0, 5); left: “gần 170.000 … và 68.700” under
    #          238.648, a round bound (SUM002, 017)
    "real62": (25, 2, 0),  # industry, trade, prices (0/3, 0, 2): both warnings are the text's own, an unreadable
    #          “33.008.7” (NUM001) and a change without its unit (NUM005), which the gold leaves out
    "real64": (25, 2, 12),  # crop seasons and livestock (10/17, 1, 9)
    "real65": (26, 3, 4),  # social and health insurance (3/11, 0, 8); left: a count in a paragraph of mixed notations
    #          (PCT005, 003), July's figures on 13 July (PER010, 018), two shares of two bases (PCT004, 023)
    "real66": (25, 1, 0),  # new rural areas (0/3, 1, 2); left: “mục tiêu 10 năm (2010-2020)” (CAL005, by its rule)
    "real67": (25, 2, 0),  # the year's targets against results (0/4, 1, 2)
    "real68": (17, 0, 0),  # sessions of People's Councils (no defect in its gold: false alarms only; 0 on first contact)
    "real63": (21, 2, 0),  # schools and pupils by level (0/4, 0, 2); left: prizes of two school years in one page
    #          (VAL001, 008) and “97%” against “97,17%” of two bases (PCT004, 014)
}

# false errors that are true defects, found, whose gold row also quotes a number the finding has no reason to quote
# (so the corpus's matcher does not count it); (set, text number, rule): why
KNOWN_GOLD_MISMATCH = {
    ("real52", "030", "CAL011"): "“ngày 330/11” is no date (R52-030-1, E); the row also quotes the page's date 01/12/2022",
    ("real52", "001", "CAL012"): "“nhiệm kỳ 2026-2021” runs backwards (R52-001-1, E); the row also quotes the turnout "
                                 "99,60% and the 0,25 points it rose",
}


@pytest.fixture(scope="module", params=sorted(REAL_SETS))
def real(request):
    return request.param, measure(ROOT / "tests" / "data" / request.param)


def test_real_no_crash_no_false_error_few_false_warnings(real):
    name, res = real
    texts, most_warnings, _ = REAL_SETS[name]
    assert len(res.texts) == texts
    assert [t.file for t in res.texts if t.crashed] == []
    s = summarise(res)
    errors = [(file, f.rule_id, f.message.en) for file, f in s.false_alarms if f.severity == "error"]
    warnings = [(file, f.rule_id, f.message.en) for file, f in s.false_alarms if f.severity == "warning"]
    known = {(n, num, rule) for n, num, rule in KNOWN_GOLD_MISMATCH if n == name}
    assert {(name, file[:3], rule) for file, rule, _m in errors} == known, errors  # (a stale allowance fails too)
    assert len(warnings) <= most_warnings, warnings


def test_real_every_number_accounted_and_recall_floor(real):
    name, res = real
    assert [(t.file, m) for t in res.texts for m in t.accounting.missing] == []
    s = summarise(res)
    assert sum(b for _, b in s.by_kind.values()) >= REAL_SETS[name][2], [r["id"] for r in s.missed]
