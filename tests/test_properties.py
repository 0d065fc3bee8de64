"""Property tests of the whole engine.

(a) a generated, arithmetically consistent report raises no error and no warning;
(b) moving one checked number beyond what its rounding allows raises a finding that points at it;
(c) arbitrary input never crashes the tool: every problem is a finding, never an exception.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from auditor.engine.ruleset import load_rules
from auditor.engine.runner import run_rules
from auditor.model.report import JsonNumberText
from auditor.numeric.notation import format_vn
from auditor.read.json_reader import ReadResult, parse_report_bytes, parse_report_text, validate_data
from auditor.workflows.pipeline import FileAudit, audit_read

RULESET = load_rules()
ALL_RULES = list(RULESET.rules)
COUNT_UNITS = ("người", "hộ")
VALUE_UNITS = ("tỷ đồng", "triệu đồng", "tấn", "ha", "km", "người", "hộ")

META: dict[str, Any] = {
    "unit": {"name": "An Phú", "kind": "xa"},
    "title": "Báo cáo tổng kết công tác thi đua, khen thưởng",
    "period": {"kind": "year", "year": 2023},
}


# ----------------------------------------------------------------------------- writing numbers

@dataclass
class W:
    """A number to write into the report, and how: VN string, {"text": …} or JSON number."""

    value: Decimal
    style: str = "vn"  # vn | obj | json | pct (VN string with a % sign) | pad ("02")

    def raw(self) -> Any:
        vn = format_vn(self.value)
        if self.style == "obj":
            return {"text": vn}
        if self.style == "json":
            return f"@@NUM({self.value})@@"
        if self.style == "pct":
            return vn + "%"
        if self.style == "pad" and 0 <= self.value < 10 and decimals_of(self.value) == 0:
            return "0" + vn
        return vn


def _serialize(obj: Any) -> Any:
    if isinstance(obj, W):
        return obj.raw()
    if isinstance(obj, dict):
        return {k: _serialize(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_serialize(v) for v in obj]
    return obj


def to_text(report: dict[str, Any]) -> str:
    text = json.dumps(_serialize(report), ensure_ascii=False, indent=1)
    return re.sub(r'"@@NUM\(([-0-9.E+]+)\)@@"', r"\1", text)


def to_raw(report: dict[str, Any]) -> Any:
    """Through JSON text, numbers kept exact, as the reader does (see auditor.workflows.examples)."""
    return json.loads(to_text(report), parse_float=JsonNumberText, parse_int=JsonNumberText)


def audit(report: dict[str, Any]) -> FileAudit:
    res = validate_data(to_raw(report), ReadResult("x"))
    return audit_read(res, RULESET, ALL_RULES, "x")


def serious(a: FileAudit) -> list[Any]:
    return [f for f in a.findings if f.severity in ("error", "warning")]


def q(d: int) -> Decimal:
    return Decimal(1).scaleb(-d)


def round_half_up(v: Decimal, d: int) -> Decimal:
    return v.quantize(q(d), rounding=ROUND_HALF_UP)


def decimals_of(v: Decimal) -> int:
    return max(-v.as_tuple().exponent, 0)  # type: ignore[operator]


def half(v: Decimal) -> Decimal:
    """Half a unit of the last written digit (the widest rounding interval a value can have)."""
    return Decimal(5).scaleb(-(decimals_of(v) + 1))


# ----------------------------------------------------------------------------- strategies

@st.composite
def positive(draw: st.DrawFn, max_decimals: int = 2, lo: int = 1, hi: int = 10**7) -> Decimal:
    d = draw(st.integers(0, max_decimals))
    n = draw(st.integers(lo, hi))
    return Decimal(n).scaleb(-d)


styles = st.sampled_from(["vn", "vn", "vn", "obj", "json"])


@dataclass
class Target:
    """A checked number: its pointer, and where it lives in the report dict."""

    pointer: str
    holder: dict[str, Any]
    key: str
    kind: str  # sum_part | sum_total | pct | count_part | rate_pct | share
    info: dict[str, Any] = field(default_factory=dict)


@dataclass
class Generated:
    report: dict[str, Any]
    targets: list[Target]


@st.composite
def indicator(draw: st.DrawFn, idx: int, table: str, targets: list[Target]) -> dict[str, Any]:
    unit = draw(st.sampled_from(VALUE_UNITS))
    n_parts = draw(st.integers(0, 4))
    ptr = f"/indicators/{idx}"
    parts_th = [draw(positive()) for _ in range(n_parts)]
    with_part_plans = n_parts > 0 and draw(st.booleans())
    if n_parts:
        th = sum(parts_th, Decimal(0))
    else:
        th = draw(positive())
    if with_part_plans:
        parts_kh = [draw(positive()) for _ in range(n_parts)]
        kh = sum(parts_kh, Decimal(0))
    else:
        kh = draw(positive())
    pct_d = draw(st.integers(1, 2))
    pct = round_half_up(th / kh * 100, pct_d)
    values: dict[str, Any] = {"kh": W(kh, draw(styles)), "th": W(th, draw(styles)),
                              "pct_kh": W(pct, draw(st.sampled_from(["vn", "pct", "obj"])))}
    if draw(st.booleans()):
        ck = draw(positive())
        values["ck"] = W(ck)
        values["pct_ck"] = W(round_half_up(th / ck * 100, draw(st.integers(0, 2))))
    if kh > th and draw(st.booleans()):
        values["remaining"] = W(kh - th)
    ind: dict[str, Any] = {"code": str(idx + 1), "name": f"Chỉ tiêu {idx + 1}", "unit": unit,
                           "table": table, "values": values}
    targets.append(Target(f"{ptr}/values/pct_kh", values, "pct_kh", "pct",
                          {"num": th, "den": kh, "d": pct_d}))
    if n_parts:
        ind["parts_complete"] = True
        parts = []
        for i, pth in enumerate(parts_th):
            pv: dict[str, Any] = {"th": W(pth, draw(styles))}
            if with_part_plans:
                pv["kh"] = W(parts_kh[i])
                pv["pct_kh"] = W(round_half_up(pth / parts_kh[i] * 100, draw(st.integers(1, 2))))
            parts.append({"code": f"{idx + 1}.{i + 1}", "name": f"Thành phần {i + 1}", "values": pv})
            targets.append(Target(f"{ptr}/parts/{i}/values/th", pv, "th", "sum_part",
                                  {"group": [*parts_th, th]}))
        ind["parts"] = parts
        targets.append(Target(f"{ptr}/values/th", values, "th", "sum_total", {"group": [*parts_th, th]}))
    return ind


def largest_remainder(values: list[Decimal], d: int) -> list[Decimal]:
    """Shares rounded to d decimals that add up to exactly 100 (Hamilton's method)."""
    total = sum(values, Decimal(0))
    exact = [v / total * 100 for v in values]
    unit = q(d)
    floors = [(e / unit).to_integral_value(rounding="ROUND_FLOOR") * unit for e in exact]
    missing = int(((100 - sum(floors, Decimal(0))) / unit).to_integral_value())
    order = sorted(range(len(values)), key=lambda i: exact[i] - floors[i], reverse=True)
    out = list(floors)
    for i in order[:missing]:
        out[i] += unit
    return [x.quantize(unit) for x in out]


@st.composite
def consistent_report(draw: st.DrawFn, largest_remainder_shares: bool = False) -> Generated:
    targets: list[Target] = []
    report: dict[str, Any] = {"meta": META}

    # indicators (with parts, plans, % of plan) and a count claim over them
    n_ind = draw(st.integers(1, 3))
    report["indicators"] = [draw(indicator(i, "t1", targets)) for i in range(n_ind)]
    if draw(st.booleans()):
        # a countable indicator with % of plan but no plan: the implied plan is a whole number
        th, kh = draw(st.integers(1, 5000)), draw(st.integers(1, 5000))
        report["indicators"].append({
            "name": "Số doanh nghiệp thành lập mới", "unit": draw(st.sampled_from(COUNT_UNITS)), "table": "t1",
            "values": {"th": W(Decimal(th)),
                       "pct_kh": W(round_half_up(Decimal(th) / kh * 100, draw(st.integers(1, 2))))}})
        n_ind += 1
    exceeding = sum(1 for ind in report["indicators"] if ind["values"]["pct_kh"].value > 100)
    report["counts"] = [
        {"label": "chỉ tiêu", "stated": W(Decimal(n_ind)), "of": {"table": "t1"}},
        {"label": "chỉ tiêu vượt KH", "stated": W(Decimal(exceeding)), "of": {"table": "t1"},
         "condition": "exceeds_plan"},
    ]

    # a total with count parts (người), and amounts of money
    parts_n = draw(st.lists(st.integers(0, 500), min_size=1, max_size=5))
    complete = draw(st.booleans())
    extra = 0 if complete else draw(st.integers(0, 50))
    total: dict[str, Any] = {"label": "Cán bộ, công chức", "unit": "người",
                             "total": W(Decimal(sum(parts_n) + extra), draw(styles)),
                             "complete": complete, "parts": []}
    with_amounts = draw(st.booleans())
    amounts = [Decimal(draw(st.integers(0, 2000)) * 100_000) for _ in parts_n]
    if with_amounts:
        total["amount_unit"] = "đồng"
        total["total_amount"] = W(sum(amounts, Decimal(0)))
    for i, n in enumerate(parts_n):
        part: dict[str, Any] = {"label": f"Phần {i + 1}", "value": W(Decimal(n), draw(styles))}
        if with_amounts:
            part["amount"] = W(amounts[i])
        total["parts"].append(part)
        targets.append(Target(f"/totals/0/parts/{i}/value", part, "value", "count_part",
                              {"total": sum(parts_n) + extra, "sum": sum(parts_n)}))
    report["totals"] = [total]
    vice, others = draw(st.integers(0, 3)), draw(st.integers(0, 20))
    report["council"] = {"members": W(Decimal(1 + vice + others), "pad"), "chair": W(Decimal(1), "pad"),
                         "vice_chairs": W(Decimal(vice), "pad"), "others": W(Decimal(others), "pad")}

    # a structure of shares computed from values
    svals = draw(st.lists(positive(hi=10**6), min_size=2, max_size=5))
    share_d = draw(st.integers(0, 2))
    whole = sum(svals, Decimal(0))
    if largest_remainder_shares:
        shares = largest_remainder(svals, share_d)
        assert sum(shares, Decimal(0)) == 100
    else:
        shares = [round_half_up(v / whole * 100, share_d) for v in svals]
    structure: dict[str, Any] = {"label": "Cơ cấu kinh tế", "unit": "tỷ đồng", "shares": []}
    with_values = not largest_remainder_shares or draw(st.booleans())
    if with_values and draw(st.booleans()):
        structure["total_value"] = W(whole)
    for i, (s, v) in enumerate(zip(shares, svals)):
        item: dict[str, Any] = {"label": f"Ngành {i + 1}", "share": W(s, draw(st.sampled_from(["vn", "pct"])))}
        if with_values:
            item["value"] = W(v)
        structure["shares"].append(item)
        targets.append(Target(f"/structures/0/shares/{i}/share", item, "share", "share",
                              {"group": shares}))
    report["structures"] = [structure]

    # rates over one base (the second may leave its denominator out)
    den = draw(st.integers(1, 5000))
    rates = []
    for i in range(draw(st.integers(1, 2))):
        num = draw(st.integers(0, den))
        pd = draw(st.integers(1, 2))
        rate: dict[str, Any] = {"label": f"Tỷ lệ {i + 1}", "unit": "hộ", "base": "tong_so_ho",
                                "numerator": W(Decimal(num), draw(styles)),
                                "percent": W(round_half_up(Decimal(num) / den * 100, pd))}
        if i == 0 or draw(st.booleans()):
            rate["denominator"] = W(Decimal(den))
        rates.append(rate)
        if "denominator" in rate:
            targets.append(Target(f"/rates/{i}/percent", rate, "percent", "rate_pct",
                                  {"num": Decimal(num), "den": Decimal(den), "d": pd}))
    report["rates"] = rates

    # a difference, a product, one fact mentioned twice
    a, b = sorted([draw(st.integers(0, 10**5)), draw(st.integers(0, 10**5))], reverse=True)
    report["differences"] = [{"label": "Hộ nghèo giảm", "unit": "hộ", "minuend": W(Decimal(a)),
                              "subtrahend": W(Decimal(b)), "result": W(Decimal(a - b))}]
    area, yld = draw(positive(hi=10**5)), draw(positive(hi=10**4))
    report["products"] = [{"label": "Sản lượng lúa", "unit": "tấn", "factors": [W(area), W(yld)],
                           "scale": "0.1", "result": W(round_half_up(area * yld / 10, draw(st.integers(0, 2))))}]
    fv = draw(positive())
    report["facts"] = [{"key": "k", "label": "Đường giao thông", "unit": "km",
                        "mentions": [{"value": W(fv)}, {"value": W(round_half_up(fv, draw(st.integers(0, 2))))}]}]
    return Generated(report, targets)


# ----------------------------------------------------------------------------- (a) consistent

@given(consistent_report())
def test_consistent_report_has_no_error_or_warning(g: Generated) -> None:
    a = audit(g.report)
    assert not serious(a), [(f.rule_id, f.pointer, f.message.en) for f in serious(a)]
    assert a.stats.evaluated > 0
    assert a.file.status in ("ok", "findings")


@given(consistent_report(largest_remainder_shares=True))
def test_largest_remainder_shares_sum_to_100(g: Generated) -> None:
    """Shares forced to add up to 100 (largest remainder) always pass SHR001. A share moved
    away from its half-up rounding may still be flagged by SHR002 when the values are
    precise (34 % for 1.000 of 3.000); nothing else may be."""
    a = audit(g.report)
    half_up: set[str] = set()
    structure = g.report["structures"][0]
    values = [s.get("value") for s in structure["shares"]]
    if all(values):
        whole = sum((v.value for v in values), Decimal(0))
        for i, s in enumerate(structure["shares"]):
            d = decimals_of(s["share"].value)
            if round_half_up(values[i].value / whole * 100, d) == s["share"].value:
                half_up.add(f"/structures/0/shares/{i}/share")
    for f in serious(a):
        assert f.rule_id == "SHR002", (f.rule_id, f.message.en)
        assert f.pointer not in half_up, f.message.en


def test_consistent_example_is_clean() -> None:
    report = {
        "meta": META,
        "indicators": [{"name": "Tổng giá trị sản xuất", "unit": "tỷ đồng", "parts_complete": True,
                        "values": {"kh": W(Decimal(1640)), "th": W(Decimal(1896)), "pct_kh": W(Decimal("115.6"))},
                        "parts": [{"name": "NN", "values": {"th": W(Decimal(170))}},
                                  {"name": "CN", "values": {"th": W(Decimal(891))}},
                                  {"name": "DV", "values": {"th": W(Decimal(835))}}]}],
        "structures": [{"label": "Cơ cấu", "shares": [{"label": "NN", "share": W(Decimal("35.2"))},
                                                     {"label": "CN", "share": W(Decimal("41.7"))},
                                                     {"label": "DV", "share": W(Decimal("23.0"))}]}],
    }
    a = audit(report)
    assert a.findings == []
    assert a.stats.passed >= 3


# ----------------------------------------------------------------------------- (b) perturbation

def _perturbed(t: Target) -> Decimal:
    """A value for the target that no rounding of the other numbers can explain."""
    old: Decimal = t.holder[t.key].value
    if t.kind in ("sum_part", "sum_total", "share"):
        group: list[Decimal] = t.info["group"]
        min_d = min(decimals_of(v) for v in group)
        # more than the sum of all half-units in the relation
        return old + Decimal(len(group) + 1).scaleb(-min_d)
    if t.kind == "count_part":
        return old + (t.info["total"] - t.info["sum"]) + 3
    if t.kind in ("pct", "rate_pct"):
        num, den, d = t.info["num"], t.info["den"], t.info["d"]
        hi = (num + half(num)) / (den - half(den)) * 100
        return round_half_up(hi, d) + 3 * q(d)
    raise AssertionError(t.kind)


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(consistent_report(), st.data())
def test_perturbed_number_is_found(g: Generated, data: st.DataObject) -> None:
    t = data.draw(st.sampled_from(g.targets), label="target")
    new = _perturbed(t)
    assume(new != t.holder[t.key].value)
    t.holder[t.key] = W(new, t.holder[t.key].style)
    a = audit(g.report)
    hits = [f for f in serious(a) if f.pointer == t.pointer or t.pointer in f.related]
    assert hits, (t.kind, t.pointer, format_vn(new),
                  [(f.rule_id, f.severity, f.pointer, f.message.en) for f in a.findings])


def test_every_target_kind_is_generated() -> None:
    """The perturbation test covers every kind of checked number."""
    kinds: set[str] = set()

    @settings(max_examples=25, derandomize=True, deadline=None, database=None)
    @given(consistent_report())
    def collect(g: Generated) -> None:
        kinds.update(t.kind for t in g.targets)

    collect()
    assert kinds == {"sum_part", "sum_total", "pct", "count_part", "rate_pct", "share"}


# ----------------------------------------------------------------------------- (c) robustness

json_scalars = st.one_of(
    st.none(), st.booleans(),
    st.integers(min_value=-10**12, max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12),
    st.text(max_size=12),
    st.sampled_from(["1.896", "70,2", "3.32", "115,6%", "0", "-5", "", "1,234,567", "abc", "02"]),
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.text(max_size=8), children, max_size=4)),
    max_leaves=20,
)

# Numbers as people write them (bounded to 15 digits: see test_huge_numbers_do_not_crash),
# mostly readable, sometimes not a number at all or of the wrong JSON type.
num_ok = st.one_of(
    st.integers(-10**9, 10**9),
    st.integers(0, 500).map(str),
    st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False).map(lambda d: format_vn(d)),
    st.decimals(min_value=0, max_value=200, places=1, allow_nan=False).map(lambda d: format_vn(d) + "%"),
    st.sampled_from(["1.896", "70,2", "115,6%", "0", "0,0", "-5", "1 650", "02", "0,00", "100"]),
    st.fixed_dictionaries({"text": st.sampled_from(["5", "0", "1,5", "20"])},
                          optional={"decimals": st.integers(-3, 4), "exact": st.booleans(),
                                    "unit": st.sampled_from(["hộ", "tỷ đồng", "%"])}),
)
num_bad = st.one_of(
    st.sampled_from(["3.32", "", "abc", "1,234,567", "x"]),
    st.booleans(), st.lists(st.integers(0, 5), max_size=2), st.fixed_dictionaries({"text": st.just("?")}),
)
num_clean = st.one_of(num_ok, num_ok, num_ok, st.none())
num_junk = st.one_of(st.none(), num_ok, num_ok, num_ok, num_bad)
labels = st.one_of(st.text(max_size=6), st.none())
unit_st = st.one_of(st.none(), st.sampled_from(["hộ", "người", "tỷ đồng", "Tr. đồng", "tấn", "km", "m²", "xã"]))


# The prose side of a report: dates, headings with years, calendar mentions, cited documents.
years = st.one_of(st.integers(2015, 2030), st.integers(1800, 2200))
partial_dates = st.fixed_dictionaries(
    {}, optional={"text": st.sampled_from(["ngày 21/6/2024", "ngày tháng năm 2022", ""]),
                  "day": st.integers(1, 31), "month": st.integers(1, 12), "year": years})
iso_dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)).map(dt.date.isoformat)
year_text = st.builds(lambda t, y, y2: t.format(y=y, y2=y2),
                      st.sampled_from(["Kết quả công tác thi đua, khen thưởng năm {y}",
                                       "Phương hướng, nhiệm vụ năm {y}", "6 tháng đầu năm {y}",
                                       "giai đoạn {y} - {y2}", "năm {y} và {y2}", "Kỷ niệm {y} năm",
                                       "nhiệm kỳ {y} – {y2}", "{y}", "", "năm học {y}-{y2}"]),
                      years, years)
award_keys = st.sampled_from(["ldtt", "cstdcs", "cstd_tinh", "ttldtt", "ttldxs", "co_thi_dua_tinh",
                              "bang_khen_tinh", "giay_khen_huyen", "nope"])
doc_numbers = st.one_of(
    st.sampled_from(["91/2017/NĐ-CP", "98/2023/NĐ-CP", "06/2022/QH15", "12/2019/TT-BNV", "05-CT/TW",
                     "34-CT/TW", "/BC-UBND", "", "15/2025/TT-BNV", "152/2025/NĐ-CP", "99/2099/NĐ-CP"]),
    st.builds(lambda n, y, k: f"{n}/{y}/{k}", st.integers(0, 300), years,
              st.sampled_from(["NĐ-CP", "TT-BNV", "QH15", "QĐ-UBND", "x"])),
    st.text(max_size=8))
doc_refs = st.fixed_dictionaries(
    {}, optional={"kind": st.sampled_from(["Nghị định", "Thông tư", "Luật", "Chỉ thị", "Kế hoạch"]),
                  "number": doc_numbers, "date": partial_dates, "issuer": st.text(max_size=4),
                  "title": year_text, "role": st.sampled_from(["answers", "basis", "cited"]),
                  "text": year_text, "section": st.sampled_from(["s1", "s2"])})
meta_like = st.fixed_dictionaries(
    {"unit": st.fixed_dictionaries({"name": st.sampled_from(["An Phú", "Hoàng Kim", ""])},
                                   optional={"kind": st.sampled_from(["xa", "phuong", "huyen", "tinh"]),
                                             "district": st.text(max_size=4), "province": st.text(max_size=4)}),
     "title": year_text,
     "period": st.fixed_dictionaries(
         {"kind": st.sampled_from(["year", "half_year", "nine_months", "quarter", "month", "other"])},
         optional={"year": st.integers(1900, 2200), "start": iso_dates, "end": iso_dates,
                   "estimate_to": partial_dates, "label": year_text})},
    optional={"issuer": st.text(max_size=5), "number": doc_numbers, "place": st.text(max_size=4),
              "date": partial_dates, "answers": st.lists(doc_refs, max_size=2),
              "signatory": st.fixed_dictionaries({}, optional={"on_behalf": st.text(max_size=4),
                                                               "title": st.text(max_size=4),
                                                               "name": st.one_of(st.none(), st.text(max_size=4))}),
              "recipients": st.lists(st.text(max_size=4), max_size=2)})
_prose: dict[str, st.SearchStrategy[Any]] = {
    "sections": st.lists(st.fixed_dictionaries(
        {"heading": year_text},
        optional={"id": st.sampled_from(["s1", "s2", "s3"]), "number": st.sampled_from(["I.", "2.1.", "a)"]),
                  "level": st.integers(0, 9), "part": st.sampled_from(["results", "plan", "other"]),
                  "text": st.lists(year_text, max_size=3)}), max_size=4),
    "tables": st.lists(st.fixed_dictionaries(
        {"id": st.sampled_from(["t1", "t2"])},
        optional={"title": year_text, "section": st.sampled_from(["s1", "s2"]),
                  "columns": st.lists(st.fixed_dictionaries(
                      {"label": st.one_of(year_text, st.sampled_from(["TH {y}", "KH 2024", "So sánh (%)"]))},
                      optional={"key": st.sampled_from(["th", "kh", "ck", "pct_kh", "x"]),
                                "number": st.sampled_from(["5=4/2*100", "1", ""])}), max_size=4)}), max_size=2),
    "mentions": st.lists(st.fixed_dictionaries(
        {"kind": st.sampled_from(["anniversary", "term", "ordinal", "period", "school_year", "data_as_of",
                                  "lunar_date"]),
         "text": st.one_of(year_text, st.sampled_from(["Kỷ niệm 92 năm ngày thành lập Đảng", "mùng 6 Tết",
                                                       "tính đến ngày 30/6/2024", "Xuân Giáp Thìn 2024"]))},
        optional={"event": st.sampled_from(["thanh_lap_dang", "sinh_nhat_bac", "quoc_khanh", "hdnd",
                                            "dai_hoi_dang_dia_phuong", "ctmtqg_ntm", "ke_hoach_5_nam", "nope"]),
                  "number": st.integers(-5, 300), "start_year": years, "end_year": years, "year": years,
                  "date": partial_dates, "as_current": st.booleans(),
                  "section": st.sampled_from(["s1", "s2"])}), max_size=4),
    "references": st.lists(doc_refs, max_size=3),
    "appendices": st.lists(st.fixed_dictionaries(
        {"label": st.sampled_from(["Phụ lục 1", "Phụ lục II", ""])},
        optional={"title": st.text(max_size=4), "present": st.booleans()}), max_size=2),
}


def _report_like(num: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Dicts shaped like reports, with numbers drawn from `num`."""
    some = num.filter(lambda x: x is not None)

    def nums(keys: list[str]) -> st.SearchStrategy[dict[str, Any]]:
        return st.fixed_dictionaries({}, optional={k: num for k in keys})

    indicator_like = st.recursive(
        st.fixed_dictionaries(
            {"name": st.text(max_size=5)},
            optional={"code": st.one_of(st.none(), st.text(max_size=3)), "unit": unit_st,
                      "table": st.sampled_from(["t1", "t2"]), "group": st.sampled_from(["g", "h"]),
                      "parts_complete": st.one_of(st.none(), st.booleans()),
                      "values": nums(["ck", "kh", "th", "pct_ck", "pct_kh", "remaining"])}),
        lambda children: st.fixed_dictionaries(
            {"name": st.text(max_size=5), "parts": st.lists(children, max_size=3)},
            optional={"unit": unit_st, "parts_complete": st.one_of(st.none(), st.booleans()),
                      "table": st.sampled_from(["t1", "t2"]),
                      "values": nums(["kh", "th", "pct_kh"])}),
        max_leaves=6,
    )
    return st.fixed_dictionaries(
        {"meta": st.one_of(st.just(META), meta_like)},
        optional={
            "indicators": st.lists(indicator_like, max_size=3),
            "totals": st.lists(st.fixed_dictionaries(
                {"label": st.text(max_size=4)},
                optional={"unit": unit_st, "amount_unit": unit_st, "total": num, "total_amount": num,
                          "complete": st.booleans(),
                          "parts": st.lists(st.fixed_dictionaries({"label": st.text(max_size=3)},
                                                                  optional={"value": num, "amount": num}),
                                            max_size=3)}), max_size=2),
            "structures": st.lists(st.fixed_dictionaries(
                {"label": st.text(max_size=4)},
                optional={"unit": unit_st, "total_value": num,
                          "shares": st.lists(st.fixed_dictionaries({"label": st.text(max_size=3)},
                                                                   optional={"share": num, "value": num}),
                                             max_size=4)}), max_size=2),
            "rates": st.lists(st.fixed_dictionaries(
                {"label": st.text(max_size=4)},
                optional={"unit": unit_st, "base": st.sampled_from(["b", "c"]), "numerator": num,
                          "denominator": num, "percent": num}), max_size=3),
            "products": st.lists(st.fixed_dictionaries(
                {"label": st.text(max_size=4)},
                optional={"factors": st.lists(some, max_size=3), "result": num,
                          "scale": st.sampled_from(["0.1", "1", "0", 10]), "unit": unit_st}), max_size=2),
            "differences": st.lists(st.fixed_dictionaries(
                {"label": st.text(max_size=4)},
                optional={"minuend": num, "subtrahend": num, "result": num, "unit": unit_st}), max_size=2),
            "facts": st.lists(st.fixed_dictionaries(
                {"key": st.text(max_size=3), "label": st.text(max_size=3)},
                optional={"unit": unit_st,
                          # at most two mentions: see test_three_mentions_do_not_crash
                          "mentions": st.lists(st.fixed_dictionaries({"value": some},
                                                                     optional={"unit": unit_st, "where": labels}),
                                               max_size=2)}), max_size=2),
            "counts": st.lists(st.fixed_dictionaries(
                {"label": st.text(max_size=3), "stated": some},
                optional={"of": st.fixed_dictionaries({}, optional={"table": st.sampled_from(["t1", "t2"]),
                                                                    "group": st.sampled_from(["g", "h"])}),
                          "condition": st.sampled_from(["all", "exceeds_plan", "meets_plan", "below_plan",
                                                        "not_evaluated"])}), max_size=2),
            "council": st.fixed_dictionaries({}, optional={k: num for k in ("members", "chair", "vice_chairs",
                                                                              "others")}),
            "awards": st.lists(st.fixed_dictionaries(
                {"title": st.text(max_size=3)},
                optional={"key": award_keys, "individuals": num, "collectives": num, "amount": num,
                          "direct_worker_share": num, "decision_date": partial_dates,
                          "year": st.integers(1900, 2200)}), max_size=4),
            **_prose,
        },
    )


_clean_reports = _report_like(num_clean)
_junk_reports = _report_like(num_junk)


@st.composite
def report_like(draw: st.DrawFn) -> dict[str, Any]:
    """Mostly well-formed reports with random contents; sometimes a broken meta or an unknown field."""
    mode = draw(st.sampled_from(["clean"] * 5 + ["junk", "junk", "meta", "unknown"]))
    report = draw(_clean_reports if mode == "clean" else _junk_reports)
    if mode == "meta":
        report["meta"] = draw(st.dictionaries(st.sampled_from(["unit", "title", "period", "x"]), json_values,
                                              max_size=3))
    elif mode == "unknown":
        report[draw(st.text(max_size=6))] = draw(json_values)
    return report


def _run_bytes(data: bytes) -> FileAudit:
    res = parse_report_bytes(data, ReadResult("fuzz"))
    a = audit_read(res, RULESET, ALL_RULES, "fuzz")
    for f in a.findings:
        assert f.rule_id and f.severity in ("error", "warning", "info") and f.fingerprint
    if res.report is None:
        assert any(f.rule_id.startswith("INP") for f in a.findings)
    return a


@given(json_values)
def test_arbitrary_json_never_crashes(value: Any) -> None:
    _run_bytes(json.dumps(value, ensure_ascii=False).encode("utf-8"))


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(report_like())
def test_report_shaped_json_never_crashes(value: dict[str, Any]) -> None:
    _run_bytes(json.dumps(value, ensure_ascii=False).encode("utf-8"))


@given(st.binary(max_size=200))
@example(b"\xef\xbb\xbf")
@example(b"\xff\xfe{\x00}\x00")
@example(b'{"meta": 1e999}')
@example(b"[" * 5000)
@example(b"{" * 5000)
@example("Thi đua".encode("cp1258"))
def test_random_bytes_never_crash(data: bytes) -> None:
    _run_bytes(data)


@given(st.text(alphabet='{}[]":,0123456789.-eE truefalsn\\', max_size=80))
def test_json_like_text_never_crashes(text: str) -> None:
    res = parse_report_text(text, ReadResult("t"))
    audit_read(res, RULESET, ALL_RULES, "t")


def test_consistent_report_through_text_has_positions() -> None:
    """The same report read from text: findings get a line and column."""
    report = {"meta": META, "totals": [{"label": "Chi bộ", "unit": "chi bộ", "total": W(Decimal(11)),
                                        "parts": [{"label": "a", "value": W(Decimal(6))},
                                                  {"label": "b", "value": W(Decimal(3))}]}]}
    res = parse_report_text(to_text(report), ReadResult("t"))
    a = audit_read(res, RULESET, ALL_RULES, "t")
    f = next(f for f in a.findings if f.rule_id == "SUM002")
    assert f.pointer == "/totals/0/total" and f.line and f.column
    # run_rules directly gives the same finding
    direct = run_rules(res.report, ALL_RULES, "t")  # type: ignore[arg-type]
    assert [x.fingerprint for x in direct.findings] == [x.fingerprint for x in a.findings]


# ----------------------------------------------------------------------------- known bugs

_BIG = "1" + ".000" * 10  # 10^30, written in VN notation


@pytest.mark.parametrize(
    "extra",
    [
        {"totals": [{"label": "a", "total": _BIG, "parts": [{"label": "b", "value": "1"}]}]},
        {"totals": [{"label": "a", "total": _BIG, "parts": [{"label": "b", "value": _BIG}]}]},
        {"indicators": [{"name": "A", "values": {"th": "1", "kh": "3", "pct_kh": "33," + "3" * 28}}]},
        {"totals": [{"label": "a", "total": {"text": "1", "decimals": 40}, "parts": [{"label": "b", "value": "2"}]}]},
    ],
    ids=["big-total", "big-both", "28-decimals", "declared-decimals"],
)
def test_huge_numbers_do_not_crash(extra: dict[str, Any]) -> None:
    _run_bytes(json.dumps({"meta": META, **extra}, ensure_ascii=False).encode("utf-8"))


@pytest.mark.parametrize("mentions", [["5", "4", "6"], ["0", "0", "2"]])
def test_three_mentions_do_not_crash(mentions: list[str]) -> None:
    report = {"meta": META, "facts": [{"key": "k", "label": "Đường bê tông", "unit": "km",
                                       "mentions": [{"value": m} for m in mentions]}]}
    a = _run_bytes(json.dumps(report, ensure_ascii=False).encode("utf-8"))
    assert any(f.rule_id == "VAL001" for f in a.findings)
