"""The report format. These pydantic models are the single source of truth: the JSON Schema in
`schemas/report.schema.json` is generated from them (`audit schema`, `python -m auditor.generate`).

Every number is a `Num`: the text as written, its exact Decimal value and the decimals written,
so rules compare within the precision the writer chose. In JSON a number may be written as a
JSON number (`115.60`, kept exact), a string in Vietnamese notation (`"1.896"`, `"115,6%"`) or an
object (`{"text": "1.896", "src": {"line": 25}}`). A string that is not a number is kept, with
`value: null` and a `problem`; the run reports it instead of guessing.
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    ValidationInfo,
    model_validator,
)

from auditor.model.numinput import JsonNumberText, coerce_num, day_problem, fill_num, problems_seen, reset_problem_flag  # noqa: F401  (re-exported)

SCHEMA_VERSION = "1.0"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)


class SourceLoc(_Model):
    """Where a value came from in the original document."""

    line: int | None = Field(None, ge=1, description="Line in a text document (1-based).")
    paragraph: int | None = Field(None, ge=1, description="Paragraph number in a .docx (1-based).")
    table: int | None = Field(None, ge=1, description="Table number in the document (1-based).")
    row: int | None = Field(None, ge=1, description="Table row (1-based).")
    column: int | None = Field(None, ge=1, description="Table column (1-based).")
    start: int | None = Field(None, ge=0, description="Character offset where the text starts.")
    end: int | None = Field(None, ge=0, description="Character offset where the text ends.")
    quote: str | None = Field(None, description="The sentence or cell the value was read from.")
    page: int | None = Field(None, ge=1, description="Page of a PDF or an image (1-based); `line` then counts the "
                             "lines of that page from its top, running header and footer left out.")
    ocr: bool | None = Field(None, description="True when the text was read by OCR from a scanned page or an "
                             "image: uncertain, a finding based only on such values is at most a warning.")
    image: str | None = Field(None, description="For a value read by OCR: a small picture of its place on the "
                              "scanned page (a data: URI, PNG), so a reader can check the reading.")


class Num(_Model):
    """A number as written."""

    text: str = Field(description="The original text, e.g. “1.896”, “115,6%”.")
    value: Decimal | None = Field(None, description="Exact value; null when the text is not a number.")
    decimals: int | None = Field(
        None, ge=-1000, le=1000, description="Digits written after the decimal mark (precision). May be negative "
        "to declare rounding to tens, hundreds … (bounded as the digits of a number are: limits.digits, at "
        "most 1000)")
    exact: bool | None = Field(
        None, description="True for counts and other values that are not rounded. Default: "
        "inferred from the unit (counts of hộ, người, xã … are exact).")
    percent: bool = Field(False, description="The text carried a “%” sign.")
    approx: Literal["over", "under", "about"] | None = Field(
        None, description="Written with an approximation word: over (“trên/hơn X”: at least X, up to one unit "
        "of its last digit more), under (“gần/dưới X”: at most X, down to one unit less), about (“khoảng X”: "
        "one unit either side). Relations that use it are at most warnings.")
    unit: str | None = Field(None, description="Unit written next to this value, if any.")
    readings: list[Decimal] = Field(
        default_factory=list, description="Other possible values of an ambiguous text.")
    problem: str | None = Field(None, description="Why the text could not be read as a number.")
    problem_en: str | None = Field(None, description="The same, in English.")
    src: SourceLoc | None = None

    @model_validator(mode="before")
    @classmethod
    def _fill(cls, data: Any, info: ValidationInfo) -> Any:
        # context {"repaired_number": True}: a document reader's reading of an off-standard
        # written form, which that reader reports (NUM002), not a value given against the text
        return fill_num(data, repaired=bool(info.context and info.context.get("repaired_number")))

    @property
    def ok(self) -> bool:
        return self.value is not None


def _coerce_num(v: Any) -> Any:
    return coerce_num(v, Num)


class _NumInputSchema:
    """JSON Schema of a number input: a JSON number, a Vietnamese string, or a Num object."""

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: GetJsonSchemaHandler) -> Any:
        return {
            "description": "A number as written: a JSON number (kept exact), a string in "
            "Vietnamese notation (“1.896”, “70,2”, “115,6%”), or an object with the original text.",
            "anyOf": [{"type": "number"}, {"type": "string"}, handler(core_schema)],
        }


NumIn = Annotated[Num, BeforeValidator(_coerce_num), _NumInputSchema()]

Confidence = Literal["explicit", "inferred"]
_CONFIDENCE = ("How the relation was read from a document: explicit (one statement says it: a formula row, a "
               "“%KH” column, “đạt X% KH”, a written “a/b = X%”) or inferred (mentions linked across sentences, "
               "a base implied across paragraphs, a role guessed from weak cues). Null for a relation given as "
               "such (a hand-made report). A finding on an inferred relation is at most a warning.")
_READING = "How the reader read the relation, in words (shown with any finding on an inferred relation)."


class PartialDate(_Model):
    """A date as written; day and month may be blank (“ngày tháng năm 2022”)."""

    text: str | None = Field(None, description="As written, e.g. “ngày 21/6/2024”.")
    day: int | None = Field(None, ge=1, le=31)
    month: int | None = Field(None, ge=1, le=12)
    year: int | None = Field(None, ge=1800, le=2200)

    @model_validator(mode="after")
    def _valid_day(self) -> PartialDate:
        problem = day_problem(self.day, self.month, self.year)
        if problem:
            raise ValueError(problem)
        return self

    def bounds(self) -> tuple[dt.date, dt.date] | None:
        """The earliest and latest day this partial date can mean."""
        if not self.year:
            return None
        if self.month and self.day:
            d = dt.date(self.year, self.month, self.day)
            return d, d
        if self.month:
            last = calendar.monthrange(self.year, self.month)[1]
            return dt.date(self.year, self.month, 1), dt.date(self.year, self.month, last)
        return dt.date(self.year, 1, 1), dt.date(self.year, 12, 31)


UnitKind = Literal["xa", "phuong", "thi_tran", "dac_khu", "huyen", "quan", "thi_xa",
                   "thanh_pho", "tinh", "other"]


class AdminUnit(_Model):
    """The administrative unit the report is about."""

    name: str = Field(description="Name as written, e.g. “Hoàng Kim”.")
    kind: UnitKind | None = Field(None, description="xã, phường, thị trấn, huyện …")
    district: str | None = None
    province: str | None = None


PeriodKind = Literal["year", "half_year", "nine_months", "quarter", "month", "other"]


class Period(_Model):
    kind: PeriodKind
    year: int | None = Field(None, ge=1900, le=2200)
    start: dt.date | None = None
    end: dt.date | None = None
    estimate_to: PartialDate | None = Field(None, description="“ước thực hiện đến ngày …”.")
    label: str | None = Field(None, description="As written, e.g. “6 tháng đầu năm 2024”.")
    source: Literal["title", "headline", "body"] | None = Field(
        None, description="Where a document reader found the period: the report's title, a page's headline, or "
        "the first sentence of the body that states the period of its figures (a page without a “BÁO CÁO” "
        "header). Null when given as such.")
    estimates: bool | None = Field(
        None, description="The document gives figures as estimates (“ước”, “dự kiến”); null when not known.")


class DocRef(_Model):
    """A legal or administrative document the report answers or cites."""

    kind: str | None = Field(None, description="Nghị định, Thông tư, Chỉ thị, Công văn, Kế hoạch …")
    number: str | None = Field(None, description="As written, e.g. “91/2017/NĐ-CP”, “05-CT/TW”.")
    date: PartialDate | None = None
    issuer: str | None = None
    title: str | None = None
    role: Literal["answers", "basis", "cited"] = Field(
        "cited", description="answers: the request this report responds to; basis: cited as the "
        "current legal basis; cited: mentioned.")
    text: str | None = Field(None, description="The citation as written.")
    section: str | None = None
    src: SourceLoc | None = None


class Signatory(_Model):
    on_behalf: str | None = Field(None, description="“TM. ỦY BAN NHÂN DÂN”.")
    title: str | None = Field(None, description="“CHỦ TỊCH”.")
    name: str | None = None


class Meta(_Model):
    issuer: str | None = Field(None, description="Issuing body, e.g. “UBND xã Hoàng Kim”.")
    unit: AdminUnit
    number: str | None = Field(None, description="Report number as written; “/BC-UBND” when blank.")
    place: str | None = None
    date: PartialDate | None = None
    title: str
    period: Period
    answers: list[DocRef] = Field(default_factory=list)
    signatory: Signatory | None = None
    recipients: list[str] = Field(default_factory=list)


class Section(_Model):
    id: str | None = Field(None, description="Stable id other items refer to (e.g. “p1.I.2.1”).")
    number: str | None = Field(None, description="Numbering as written: “Phần thứ nhất”, “I.”, “2.1.”, “a)”.")
    heading: str
    level: int = Field(1, ge=0, le=9)
    part: Literal["results", "plan", "other"] | None = None
    text: list[str] = Field(default_factory=list, description="Paragraphs under the heading.")
    src: SourceLoc | None = None


class IndicatorValues(_Model):
    """The columns of an indicator as they appear in real tables and lists."""

    ck: NumIn | None = Field(None, description="Same period last year (cùng kỳ).")
    kh: NumIn | None = Field(None, description="Plan / target (kế hoạch).")
    th: NumIn | None = Field(None, description="Actual or estimate (thực hiện / ước thực hiện).")
    pct_ck: NumIn | None = Field(None, description="Stated % of same period.")
    pct_kh: NumIn | None = Field(None, description="Stated % of plan.")
    remaining: NumIn | None = Field(None, description="Still to do (còn phải thực hiện).")


class Indicator(_Model):
    """A socio-economic indicator (chỉ tiêu), in a list or a table."""

    id: str | None = None
    code: str | None = Field(None, description="As written: “1.1”, “I”, “-”.")
    name: str
    group: str | None = Field(None, description="Group row it belongs to, e.g. “Về kinh tế”.")
    unit: str | None = Field(None, description="ĐVT as written.")
    values: IndicatorValues = Field(default_factory=IndicatorValues)
    status: str | None = Field(None, description="Text where there is no number: “duy trì”, “huyện chưa xét”.")
    note: str | None = None
    table: str | None = Field(None, description="Id of the table or list it appears in.")
    section: str | None = None
    parts: list[Indicator] = Field(default_factory=list, description="Sub-indicators (“Trong đó”).")
    parts_complete: bool | None = Field(
        None, description="True when the parts make up the whole; false for a partial “trong đó”.")
    confidence: Confidence | None = Field(None, description=_CONFIDENCE)
    reading: str | None = Field(None, description=_READING)
    src: SourceLoc | None = None


class TableColumn(_Model):
    key: str | None = Field(None, description="Which IndicatorValues field the column feeds.")
    label: str = Field(description="Header as written, e.g. “So với cùng kỳ (%)”.")
    number: str | None = Field(None, description="Column number row as written: “5=4/2*100”.")


class Table(_Model):
    id: str
    title: str | None = None
    section: str | None = None
    columns: list[TableColumn] = Field(default_factory=list)
    src: SourceLoc | None = None


class Part(_Model):
    label: str
    value: NumIn | None = None
    amount: NumIn | None = Field(None, description="A second measure of the same part (e.g. money).")
    change: NumIn | None = Field(None, description="The part's own change in %, as written, without its sign "
                                                   "(“dịch vụ 240,1 tỷ đồng, tăng 3,4%”).")
    change_direction: Literal["up", "down"] | None = Field(None, description="tăng (up), giảm (down).")
    src: SourceLoc | None = None


class Total(_Model):
    """A counted or valued whole with its parts (cadres, party cells, gifts, members …)."""

    id: str | None = None
    label: str
    unit: str | None = None
    amount_unit: str | None = None
    total: NumIn | None = None
    total_amount: NumIn | None = None
    parts: list[Part] = Field(default_factory=list)
    complete: bool = Field(True, description="True: parts = total. False (“trong đó”): parts ≤ total.")
    total_change: NumIn | None = Field(
        None, description="The total's own change in %, as written, without its sign, against the same comparison as "
                          "each part's `change`: the parts' earlier values then add up to the total's.")
    change_direction: Literal["up", "down"] | None = Field(None, description="Of `total_change`: tăng (up), giảm (down).")
    section: str | None = None
    confidence: Confidence | None = Field(None, description=_CONFIDENCE)
    reading: str | None = Field(None, description=_READING)
    src: SourceLoc | None = None


class ShareItem(_Model):
    label: str
    share: NumIn | None = None
    value: NumIn | None = None
    src: SourceLoc | None = None


class Structure(_Model):
    """A structure of shares (cơ cấu) that should add up to 100%."""

    id: str | None = None
    label: str
    unit: str | None = Field(None, description="Unit of the part values, if any.")
    shares: list[ShareItem] = Field(default_factory=list)
    total_value: NumIn | None = Field(None, description="The whole the shares are taken of.")
    complete: bool | None = Field(
        None, description="False when the shares listed are only some of the whole's parts (the three "
        "sectors of GRDP without product taxes less subsidies): they must then not exceed 100%.")
    section: str | None = None
    confidence: Confidence | None = Field(None, description=_CONFIDENCE)
    reading: str | None = Field(None, description=_READING)
    src: SourceLoc | None = None


class Rate(_Model):
    """A stated rate: numerator / denominator × 100 = percent."""

    id: str | None = None
    label: str
    numerator: NumIn | None = None
    denominator: NumIn | None = None
    percent: NumIn | None = None
    base: str | None = Field(
        None, description="Key of the population the rate is taken of; rates with the same base "
        "must imply the same denominator (e.g. “tong_so_ho”).")
    unit: str | None = Field(None, description="Unit of numerator and denominator (hộ, xã …).")
    section: str | None = None
    confidence: Confidence | None = Field(None, description=_CONFIDENCE)
    reading: str | None = Field(None, description=_READING)
    src: SourceLoc | None = None


class Product(_Model):
    """factor × factor × scale = result, e.g. area (ha) × yield (tạ/ha) × 0,1 = output (tấn)."""

    id: str | None = None
    label: str
    factors: list[NumIn] = Field(default_factory=list)
    scale: Decimal = Field(Decimal(1), description="Unit conversion, e.g. 0.1 for tạ → tấn.")
    result: NumIn | None = None
    unit: str | None = None
    section: str | None = None
    confidence: Confidence | None = Field(None, description=_CONFIDENCE)
    reading: str | None = Field(None, description=_READING)
    src: SourceLoc | None = None


class PayoutGroup(_Model):
    label: str = Field(description="Who is paid, as written: “tập thể”, “cá nhân”.")
    count: NumIn = Field(description="How many of them.")
    each: NumIn = Field(description="The amount each one gets.")


class Payout(_Model):
    """Groups, the amount each member of a group gets and the total paid: “Tặng Giấy khen cho 05 tập
    thể và 12 cá nhân … Mỗi tập thể được thưởng 1.000.000 đồng, mỗi cá nhân được thưởng 500.000 đồng.
    Tổng số tiền thưởng là 11.000.000 đồng” → 5 × 1.000.000 + 12 × 500.000 = 11.000.000 (PRD002)."""

    id: str | None = None
    label: str
    groups: list[PayoutGroup] = Field(min_length=1)
    scale: Decimal = Field(Decimal(1), description="Unit conversion from the amounts' unit to the total's.")
    total: NumIn
    unit: str | None = None
    section: str | None = None
    confidence: Confidence | None = Field(None, description=_CONFIDENCE)
    reading: str | None = Field(None, description=_READING)
    src: SourceLoc | None = None


class Difference(_Model):
    """minuend − subtrahend = result (a decrease, a remainder)."""

    id: str | None = None
    label: str
    minuend: NumIn | None = None
    subtrahend: NumIn | None = None
    result: NumIn | None = None
    unit: str | None = None
    section: str | None = None
    confidence: Confidence | None = Field(None, description=_CONFIDENCE)
    reading: str | None = Field(None, description=_READING)
    src: SourceLoc | None = None


class Change(_Model):
    """A change stated against an earlier value or a plan: “diện tích 15.435,48 ha, giảm 1,04%
    (-162,63 ha) so với vụ Xuân năm 2022”, “tổng thu 27.361 tỷ đồng, tăng 9,1% so với cùng kỳ (cùng kỳ
    đạt 25.080 tỷ đồng)”. Whatever three of value, prior, delta and percent are stated must agree:
    delta = value − prior, percent = delta / prior × 100 (in points for a change of a share)."""

    id: str | None = None
    label: str
    unit: str | None = None
    value: NumIn | None = Field(None, description="The level reached.")
    prior: NumIn | None = Field(None, description="The earlier level (or the plan) it is compared with, when stated.")
    delta: NumIn | None = Field(None, description="The change as written, without its sign (“giảm 162,63 ha”).")
    percent: NumIn | None = Field(None, description="The relative change in %, as written, without its sign.")
    direction: Literal["up", "down"] | None = Field(None, description="tăng / vượt (up), giảm (down).")
    points: bool = Field(False, description="The percent is a change in percentage points (a share that changes).")
    against: Literal["prior", "plan"] | None = Field(
        None, description="prior: the same period before (cùng kỳ, năm trước); plan: the plan (vượt kế hoạch).")
    reference: str | None = Field(
        None, description="The reference as written after “so với”: “cùng kỳ năm 2023”, “năm 2023”, “kế hoạch”.")
    section: str | None = None
    confidence: Confidence | None = Field(None, description=_CONFIDENCE)
    reading: str | None = Field(None, description=_READING)
    src: SourceLoc | None = None


class Balance(_Model):
    """A stock and its flows over a period: “đầu năm 21.989 hộ nghèo; 6.782 hộ thoát nghèo; 169 hộ cận
    nghèo trở thành hộ nghèo; 13 hộ tái nghèo; 594 hộ phát sinh mới; cuối năm 15.943 hộ”, or “có 2
    xã …, có thêm 2 xã …, nâng tổng số lên 7 xã”: start + inflows − outflows = end. Flows the text
    does not list (households moving away …) may explain a gap, so a mismatch is a warning."""

    id: str | None = None
    label: str
    unit: str | None = None
    start: NumIn | None = None
    inflows: list[Part] = Field(default_factory=list, description="What came in (label and value).")
    outflows: list[Part] = Field(default_factory=list, description="What went out (label and value).")
    end: NumIn | None = None
    section: str | None = None
    confidence: Confidence | None = Field(None, description=_CONFIDENCE)
    reading: str | None = Field(None, description=_READING)
    src: SourceLoc | None = None


class Mention(_Model):
    value: NumIn
    unit: str | None = None
    where: str | None = Field(None, description="Human description of the place, e.g. “chỉ tiêu 13”.")
    section: str | None = None
    src: SourceLoc | None = None


class Fact(_Model):
    """One quantity stated more than once; every mention must agree."""

    key: str
    label: str
    unit: str | None = None
    mentions: list[Mention] = Field(default_factory=list)
    confidence: Confidence | None = Field(None, description=_CONFIDENCE)
    reading: str | None = Field(None, description=_READING)


class CountScope(_Model):
    table: str | None = None
    group: str | None = None
    section: str | None = None


class CountClaim(_Model):
    """A stated number of items: “30 chỉ tiêu”, “trong đó 7 chỉ tiêu vượt KH”."""

    id: str | None = None
    label: str
    stated: NumIn
    of: CountScope = Field(default_factory=CountScope, description="Which items are counted.")
    condition: Literal["all", "exceeds_plan", "meets_plan", "below_plan", "not_evaluated"] = "all"
    section: str | None = None
    confidence: Confidence | None = Field(None, description=_CONFIDENCE)
    reading: str | None = Field(None, description=_READING)
    src: SourceLoc | None = None


class NamedList(_Model):
    """A count followed by the names it counts: “đề nghị tặng Giấy khen cho 4 tập thể: Trường Mầm non
    Hoa Sen, Trường Tiểu học Kim Đồng, Trạm Y tế xã, Công an xã”, “3 thôn đạt chuẩn … gồm thôn Đông,
    thôn Tây và thôn Nam”. The names are kept as written, in order."""

    id: str | None = None
    label: str = Field(description="What is counted, as written: “tập thể”, “thôn đạt chuẩn nông thôn mới”.")
    stated: NumIn = Field(description="The number of names the text announces.")
    names: list[str] = Field(min_length=1, description="The names listed after the count, as written.")
    joined: bool = Field(False, description="The last “và” may be inside a name (“Trường Tiểu học và THCS "
                                            "Kim Đồng”): the list may then hold one name fewer.")
    section: str | None = None
    confidence: Confidence | None = Field(None, description=_CONFIDENCE)
    reading: str | None = Field(None, description=_READING)
    src: SourceLoc | None = None


class RankItem(_Model):
    label: str = Field(description="The item ranked, as written: “huyện Chợ Đồn”.")
    value: NumIn


class Ranking(_Model):
    """Items said to be ranked by their values: “có tỷ lệ hộ nghèo cao nhất là huyện Pác Nặm với
    35,22%; tiếp theo là huyện Ngân Sơn 34,41%; …; thấp nhất là thành phố Bắc Kạn 1,93%”. The first
    item is the highest (`order` desc) or the lowest (asc), the last the other end; `sorted` when the
    text says the whole list is in order (“xếp theo thứ tự”, “tiếp theo là”, “giảm dần”)."""

    id: str | None = None
    label: str = Field(description="What is ranked, as written: “tỷ lệ hộ nghèo”.")
    order: Literal["desc", "asc"] = "desc"
    sorted: bool = Field(False, description="The text says every item is in order, not only the two ends.")
    items: list[RankItem] = Field(min_length=3)
    section: str | None = None
    confidence: Confidence | None = Field(None, description=_CONFIDENCE)
    reading: str | None = Field(None, description=_READING)
    src: SourceLoc | None = None


class Spelled(_Model):
    """A number written in figures and again in words: “11.000.000 đồng (Mười một triệu đồng)”,
    “Tổng số tiền: 2.005.000.000 đồng. Bằng chữ: Hai tỷ không trăm linh năm triệu đồng”, “05 (năm)
    tập thể”. The words are kept as written; the rule reads them (VAL002)."""

    id: str | None = None
    value: NumIn = Field(description="The number in figures.")
    words: str = Field(description="The same number in words, as written.")
    unit: str | None = Field(None, description="The figures' unit (“triệu đồng”: the words may be in đồng).")
    section: str | None = None
    confidence: Confidence | None = Field(None, description=_CONFIDENCE)
    reading: str | None = Field(None, description=_READING)
    src: SourceLoc | None = None


class Award(_Model):
    """Awards given: a title (danh hiệu) or a form of reward (hình thức khen thưởng)."""

    year: int | None = Field(None, ge=1900, le=2200)
    title: str = Field(description="As written: “Chiến sĩ thi đua cơ sở”, “Bằng khen của Chủ tịch UBND tỉnh”.")
    key: str | None = Field(None, description="Registry key: cstdcs, ldtt, ttldtt, ttldxs, co_thi_dua_tinh …")
    authority: str | None = None
    collectives: NumIn | None = None
    individuals: NumIn | None = None
    direct_worker_share: NumIn | None = Field(None, description="Share of direct workers (%).")
    amount: NumIn | None = Field(None, description="Reward money stated for one recipient (đồng).")
    decision_date: PartialDate | None = Field(None, description="Date of the award decision.")
    section: str | None = None
    src: SourceLoc | None = None


class Council(_Model):
    """The emulation council (Hội đồng thi đua, khen thưởng)."""

    members: NumIn | None = None
    chair: NumIn | None = None
    vice_chairs: NumIn | None = None
    others: NumIn | None = None
    decision: DocRef | None = None
    section: str | None = None
    src: SourceLoc | None = None


MentionKind = Literal["anniversary", "term", "ordinal", "period", "school_year", "data_as_of",
                      "lunar_date", "review", "weekday", "written_date"]


class CalendarMention(_Model):
    """A date-bearing phrase in the prose, with the numbers parsed from it:
    “Kỷ niệm 92 năm ngày thành lập Đảng” (anniversary, event thanh_lap_dang, number 92);
    “nhiệm kỳ 2015 – 2020” (term, start 2015, end 2020, as_current true when quoted as the
    current term); “năm thứ 2 thực hiện Nghị quyết … nhiệm kỳ 2020 - 2025” (ordinal);
    “giai đoạn 2021 - 2025” (period); “năm học 2023-2024” (school_year);
    “tính đến ngày 30/6/2024” (data_as_of); “mùng 6 Tết” (lunar_date); “Ngày 20/12/2023, UBND xã
    tổ chức hội nghị tổng kết năm 2023” (review: date the meeting's, year the one reviewed, number
    the months reviewed from January: 12, 9 or 6); “thứ Hai, ngày 15/12/2025” (weekday: the date,
    and the day of the week written as its number, 2 for thứ Hai … 7 for thứ Bảy, 8 for Chủ nhật);
    “ngày 31/6/2024” (written_date: a date written with one of the last days of a month or beyond, or a month
    beyond twelve, kept as written in `number` (the day), `month` and `year` so that CAL011 can tell whether the
    calendar has it)."""

    kind: MentionKind
    text: str = Field(description="The phrase as written.")
    event: str | None = Field(
        None, description="Registry key: the anniversary's event (thanh_lap_dang, sinh_nhat_bac …), "
        "the term's body (dai_hoi_dang, hdnd …) or the programme (ctmtqg_giam_ngheo …).")
    number: int | None = Field(None, description="N in “kỷ niệm N năm”, “năm thứ N”, “5 năm”; for a "
                               "review, the months it covers from January (12, 9, 6); for a weekday, the "
                               "day written: 2 (thứ Hai) … 7 (thứ Bảy), 8 (Chủ nhật); for a written date, its "
                               "day as written.")
    month: int | None = Field(None, ge=0, le=99, description="For a written date: the month as written, which may "
                              "not exist (13).")
    start_year: int | None = Field(None, ge=1800, le=2200)
    end_year: int | None = Field(None, ge=1800, le=2200)
    year: int | None = Field(None, ge=1800, le=2200, description="The year the mention is about, if named.")
    date: PartialDate | None = None
    as_current: bool | None = Field(None, description="Quoted as the current term or period.")
    body: str | None = Field(None, description="For a term written with the number of its body's term "
                             "(“HĐND huyện … khóa XX, nhiệm kỳ 2021 – 2026”): the body, its level and the "
                             "number, normalised (“HĐND huyện khóa 20”). One body's numbered term has one "
                             "span of years.")
    section: str | None = None
    src: SourceLoc | None = None


class Appendix(_Model):
    """An appendix (phụ lục) referenced by the text and/or attached to the report."""

    label: str = Field(description="As written: “Phụ lục 1”.")
    title: str | None = None
    present: bool = Field(False, description="True when the appendix is attached to the report.")
    section: str | None = None
    src: SourceLoc | None = Field(None, description="Where the text refers to it.")


class Report(_Model):
    """A report on thi đua, khen thưởng."""

    model_config = ConfigDict(extra="forbid", title="Report", defer_build=True,
                              json_schema_extra={"$id": "https://auditor.local/schemas/report.schema.json"})

    schema_version: str = Field(SCHEMA_VERSION, description="Version of this format.")
    meta: Meta
    sections: list[Section] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    totals: list[Total] = Field(default_factory=list)
    structures: list[Structure] = Field(default_factory=list)
    rates: list[Rate] = Field(default_factory=list)
    products: list[Product] = Field(default_factory=list)
    payouts: list[Payout] = Field(default_factory=list)
    differences: list[Difference] = Field(default_factory=list)
    changes: list[Change] = Field(default_factory=list)
    balances: list[Balance] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    counts: list[CountClaim] = Field(default_factory=list)
    named_lists: list[NamedList] = Field(default_factory=list)
    rankings: list[Ranking] = Field(default_factory=list)
    spelled: list[Spelled] = Field(default_factory=list)
    awards: list[Award] = Field(default_factory=list)
    council: Council | None = None
    references: list[DocRef] = Field(default_factory=list)
    mentions: list[CalendarMention] = Field(default_factory=list)
    appendices: list[Appendix] = Field(default_factory=list)
