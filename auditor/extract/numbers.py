"""Layer (a) of the reader: every number of a paragraph, with its written form, unit and span.

    tokenize(text) -> [NumTok, …]     # in text order, spans never overlap

Every run of digits of the paragraph ends up in exactly one token, so nothing is dropped. A token
is either a **quantity** (`form` "number": a value, possibly with a unit, a “%”, a sign, an
approximation word; or "fraction" a/b, "triple" a/b/c, "range" a–b) or a number that is **not a
quantity**, recognised from its shape and the cue words around it (auditor/data/cues.yaml):

    date       ngày 14/8 · 14/8/2024 · chiều 10-1 · 2/3/2023 (a portal stamp, may be month/day)
    nodate     ngày 330/11 · ngày 15/13/2024 (after “ngày”, a date no calendar has: CAL011, never a fraction)
    time       10:26:15 AM · 14h30
    year       năm 2022 · giá so sánh năm 2010 (a price base year) · Quý Mão 2023
    years      2021 – 2026 · vụ Đông Xuân 2023-2024
    month      tháng 7-2022 · tháng 01
    period     6 tháng đầu năm · 10 tháng
    duration   3 năm liền · sau 9 năm · 2 ngày
    docno      91/2017/NĐ-CP · 84/BC-TTT · Nghị quyết 118
    criterion  tiêu chí 17.3; 19.1 · mục 2.1 · khoản 2
    ordinal    kỳ họp thứ 05 · xã thứ 5 · khóa 14
    rank       xếp thứ 22/63
    label      khu phố 1 · tổ dân phố 1, 3, 5 và 10 · đường 30/4
    counter    Lượt xem: 4693 · 41 người đã bình chọn · a number alone on its line
    threshold  từ 10 tỷ USD trở lên · từ 60 tuổi trở lên (a criterion's bar)
    rating     4.8/5 · đạt 3 sao
    phone      0237 386 6051
    code       COVID-19 · GMT+7 · 7423d0ac.jpg
    numbering  the “1.1.” that opens a heading or a list item
    malformed  87,% · 1.2.3 (an unreadable number: reported, never dropped)

Number forms of a quantity: thousands by a dot, a space or a no-break space (“1.896”, “1 896”),
decimals by a comma (“70,2”); a dot decimal (“79.31”, a dot before one, two or four or more
digits cannot group thousands) is read as a decimal and flagged; a number broken by a stray space
after its decimal comma (“1.076, 31 tỷ”) is one number, flagged; “49 ngàn 890” is 49.890.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from auditor.extract.vn import PCT_RE, UNIT, UNIT_RE, UPPER_VN
from auditor.files.rxgate import may_match
from auditor.numeric.words import parse_words
from auditor.records import dataclass, field
from auditor.registries.cues import ReverseMatcher, cue

QUANTITY_FORMS = frozenset({"number", "fraction", "triple", "range"})


@dataclass
class NumTok:
    """One number of a paragraph as the tokenizer reads it (see the module's text)."""
    s: int                          # start of the number as written (after a sign or an approximation word)
    e: int                          # end of the number(s) (before the unit)
    form: str
    text: str                       # the number as written (the whole token for non-quantities)
    unit: str | None = None
    ue: int = 0                     # end of the unit or “%” (≥ e)
    pct: bool = False
    rel: str | None = None          # “kh” | “ck”: a plan or prior base written right after the “%”
    re_: int = 0                    # end of that base word
    approx: str | None = None       # over | under | about
    approx_s: int = -1              # start of the approximation word
    sign: str | None = None         # "+" | "-" written before the number
    sign_s: int = -1
    repaired: str | None = None     # dot_decimal | stray_space | words | no_percent | en_grouped: read with a note
    value_text: str | None = None   # the text the value is read from, when it differs from `text`
    parts: list[tuple[int, int, str]] = field(default_factory=list)   # a/b, a/b/c, a–b components
    part_units: list[str | None] = field(default_factory=list)
    plan_mark: bool = False         # “X/KH Y”: the second part is marked as the plan
    plan_range: bool = False        # “X/KH a–b”: the plan is a range (parts: actual, low, high)
    plan_change: str | None = None  # “X%/KH tăng a–b%”: the plan is a change (tăng | giảm)
    noun: str = ""                  # the words right after (a count's noun when no unit is known)
    why: str = ""                   # for a non-quantity: what it is, in a few words

    @property
    def end(self) -> int:
        return max(self.e, self.ue, self.re_)

    @property
    def start(self) -> int:
        """Start including a sign or an approximation word written before the number."""
        return min(x for x in (self.s, self.approx_s if self.approx_s >= 0 else self.s,
                               self.sign_s if self.sign_s >= 0 else self.s))

    @property
    def quantity(self) -> bool:
        return self.form in QUANTITY_FORMS


# ----------------------------------------------------------------------------- patterns

_SP = r"[ \t\u00a0\u202f\u2009\u2007]"
# A Vietnamese number as written. Alternatives in order: thousands by dots, thousands by spaces,
# a decimal comma, a dot decimal (not three digits), a plain digit run.
_THOUS_DOT = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?"
_THOUS_SP = rf"[1-9]\d{{0,2}}(?:{_SP}\d{{3}})+(?:,\d+)?"
_DEC = r"\d+,\d+"
_DOTDEC = r"\d+\.(?:\d{1,2}|\d{4,})"
_INT = r"\d+"
CORE = rf"(?:{_THOUS_DOT}|{_DEC}|{_DOTDEC}|{_INT})(?![\d])"
_CORE_RX = re.compile(CORE)
# a number written the English way, which no Vietnamese reading fits: two or more comma groups of three
# (“42,460,418,319”), or comma groups and a dot decimal (“6,231.8”)
_EN_RX = re.compile(r"\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?(?![\d,.])|\d{1,3}(?:,\d{3})+\.\d+(?![\d,.])")
_CORE_SP_RX = re.compile(rf"{_THOUS_SP}(?![\d])")
_STRAY_RX = re.compile(rf"(\d{{1,3}}(?:\.\d{{3}})+),{_SP}+(\d{{1,3}})(?![\d.,])")
_SCALED_RX = re.compile(rf"(\d+(?:,\d+)?){_SP}+(?:ngàn|nghìn)(?={_SP}+[^\W\d])", re.I)
_WORDS_RX = re.compile(rf"(\d{{1,3}}){_SP}+(?:ngàn|nghìn){_SP}+(\d{{3}})(?![\d.,])", re.I)
# “5 tỷ 137 triệu”, “16 tỷ 434 triệu đồng”: one amount written with two scale words (in triệu)
_COMPOUND_RX = re.compile(rf"(\d{{1,3}}(?:\.\d{{3}})*){_SP}*(?:tỷ|tỉ){_SP}+(\d{{1,3}}){_SP}*triệu(?![\w])", re.I)
_COMPOUND_DONG = re.compile(rf"{_SP}*đồng(?![\w])", re.I)

_DOCNO_RX = re.compile(r"\d+(?:/\d{4})?(?:/|-)(?:[A-ZĐ][A-ZĐa-zđ0-9]*)(?:[/-][A-ZĐ0-9][A-ZĐa-zđ0-9]*)*")
# (“khu phố Hiệp Tâm 2:1019 hộ”: four digits after the colon are not minutes)
_TIME_RX = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?(?!\d)(?:\s*(?:AM|PM|SA|CH)\b)?|\d{1,2}h(?:\d{2})?(?![\w])", re.I)
_FULLDATE_RX = re.compile(r"(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})(?![\d/.,]\d)")
_DM_RX = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?![\d/]|[.,]\d)")
# (a day of three digits or a month beyond twelve, after “ngày”: see `tokenize`)
_NO_DATE_RX = re.compile(r"\d{1,3}\s*([/.\-])\s*\d{1,2}(?:\s*\1\s*(?:19|20)\d{2})?(?![\d/]|[.,]\d)")
_NGAY_END = re.compile(r"ngày[\s:,(]*$", re.I)
# (“ngày đầu của kỳ nghỉ lễ (”: the word “ngày” in the clause before a bracket, no number between)
_DAY_NAMED_BEFORE = re.compile(r"(?<![\w])ngày(?![\w])[^\d(),;.]*$", re.I)
# “từ 8/10 lên 10/10”: the d/m before “lên/xuống” is the start of a change, not a date
_BOUND_TO_COUNT = re.compile(r"\s*(?:lên|xuống)\s*\d", re.I)
_DM_PAIR_RX = re.compile(r"\d{1,2}\s*(?:và|,|đến|-|–)\s*\d{1,2}\s*[/.\-]\s*\d{1,2}(?![\d/]|[.,]\d)", re.I)
_DMY_WORDS_RX = re.compile(r"\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?", re.I)
_QUARTER_BEFORE = re.compile(r"(?<![\w])quý\s*$", re.I)
_MONTH_YEAR_RX = re.compile(r"(\d{1,2})\s*[/.\-]\s*((?:19|20)\d{2})(?!\d)")
_YEARS_RX = re.compile(r"(?:19|20)\d{2}\s*[-–—/]\s*(?:19|20)\d{2}(?!\d)")
_YEAR_RX = re.compile(r"(?:19|20)\d{2}(?![\d.,]\d|\d)")
_PERIOD_RX = re.compile(r"\d{1,2}\s+tháng(?![\w])", re.I)
_PHONE_RX = re.compile(r"0\d{2,4}(?:[ .]\d{2,4}){2,3}(?!\d)|0\d{9,10}(?!\d)")
_RATING_RX = re.compile(r"\d[.,]\d\s*/\s*(?:5|10)(?![\d.,])")
# (never ending inside a number: “xã là 23.000 người” is not “xã là 2” and 3.000)
_LIST_RX = re.compile(r"\d{1,3}[a-zA-Z]?(?:\s*/\s*\d{1,2})?(?:\s*(?:,|và|;)\s*\d{1,3}[a-zA-Z]?)*(?!\d|[.,]\d)")
_CRIT_RX = re.compile(r"\d{1,2}(?:\.\d{1,2})*(?:\s*(?:;|,|và)\s*\d{1,2}(?:\.\d{1,2})*)*(?![\d]|[.,]\d)")
_RANK_RX = re.compile(r"\d{1,3}(?:\s*/\s*\d{1,3})?(?!\d|[.,]\d)")
_SIGN_RX = re.compile(r"([+\-−])$")
_KH_MARK = re.compile(r"\s*(?:KH|kế\s+hoạch)(?:\s*\(\s*KH\s*\))?\s*[:.]?\s*", re.I)
_KH_CHANGE = re.compile(r"(tăng|giảm)\s+", re.I)
_PLAN_SLASH = re.compile(r"\s*/\s*(?:KH|kế\s+hoạch)(?![\w])", re.I)
_REL = re.compile(r"\s*(?P<rel>(?:so\s+với\s+)?(?:KH|kế\s*hoạch|dự\s*toán|chỉ\s*tiêu|mục\s*tiêu)"
                  r"|(?:so\s+với\s+)?(?:CK|cùng\s*kỳ|năm\s+trước))(?![\w])", re.I)
_BARE_KH = re.compile(r"\s*(?P<rel>KH|CK)(?![\w])")
_PLAN_WORDS = re.compile(r"\s+(?:so\s+với\s+)?(?:kế\s+hoạch|dự\s+toán)(?![\w])", re.I)
_ACHIEVE_END = re.compile(r"(?<![\w])(?:đạt|bằng)\s+$", re.I)
# the measure named again and who assigned it, right after a percent: “% thu ngân sách do trung ương
# giao”, “% nhiệm vụ thu được giao”; not land or forest handed over (“giao đất”, “giao rừng”, “giao khoán”)
_ASSIGNED = re.compile(r"\s+(?:[^\W\d_]+\s+){1,8}?(?:do\s+(?:[^\W\d_]+\s+){1,4}?|được\s+(?:[^\W\d_]+\s+){0,3}?)"
                       r"giao(?![\w])(?!\s+(?:đất|rừng|khoán|mặt\s+nước|nhà|đơn|trả|nộp|cho\s+hộ))"
                       r"(?:\s+cho\s+(?:tỉnh|huyện|xã|thành\s+phố|thị\s+xã|quận|phường|thị\s+trấn))?", re.I)
_NOUN_RX = re.compile(r"\s*((?:[^\W\d_]+(?:\s+|$)){1,4})")
_STANDALONE = re.compile(r"\s*[+\-]?[\d.,]+\s*[.,;:]?\s*")
# a page number on a line of its own (“Trang 2/3”, “- 5 -”, “Page 4 of 9”): layout, not data
_PAGE_NO = re.compile(r"\s*(?:[-–—]\s*)?(?:(?:trang|page|tr\.)\s*)?\d{1,4}(?:\s*(?:/|trên|of)\s*\d{1,4})?"
                      r"(?:\s*[-–—])?\s*", re.I)
_DIGIT = re.compile(r"\d")


def _is_page_no(m: re.Match[str]) -> bool:
    """A line alone read by _PAGE_NO is a page number when it names the page (“Trang”), is set
    between dashes (“- 5 -”), or is “x/y” with x ≤ y (page x of y); otherwise it is read as usual."""
    t = m.group(0)
    if re.search(r"[^\W\d_]", t) or re.search(r"[-–—]", t):
        return True
    nums = [int(x) for x in re.findall(r"\d+", t)]
    return len(nums) == 2 and 0 < nums[0] <= nums[1]
_LUNAR_AFTER = re.compile(r"\s*(?:âm\s+lịch|dương\s+lịch|ÂL|DL)(?![\w])", re.I)
_DOCNUM_RX = re.compile(r"\d+(?:\s+năm\s+(?:19|20)\d{2})?(?![.,]\d)")
_MONTH_NO_RX = re.compile(r"\d{1,2}(?!\d|[.,]\d)")
_ORD_RX = re.compile(r"\d{1,3}(?!\d|[.,/]\d)")
_DURATION_RX = re.compile(r"(\d{1,3})\s+(năm|ngày|tuần|quý)(?![\w])", re.I)
_SLASH_RX = re.compile(r"\s*/\s*")
_RANGE_SEP_RX = re.compile(r"\s*(?:[-–]|đến|tới)\s*")
_GLUED_RX = re.compile(r"\d+[^\W\d_]")
_HOUR_RX = re.compile(r"\d+h(?:\d{2})?(?![\w])")
_WORD_END_RX = re.compile(r"[\w.+\-/]*\w")
_UNIT_AFTER_YEAR = None  # see _count_noun_after


def _count_after(text: str, e: int) -> bool:
    """A count noun right after a number (“4 cuộc”, “12 hộ”)."""
    from auditor.extract.vn import is_count_unit

    um = UNIT_RE.match(text, e)
    return um is not None and is_count_unit(um.group("unit"))


@lru_cache(maxsize=1)
def _doc_kind_before() -> ReverseMatcher:
    from auditor.registries.citations import KINDS

    return ReverseMatcher(list(KINDS) + ["NQ", "QĐ", "CT", "KL", "NĐ"], r"\s:.", ("số",))


# a label word (cue `label_before`) that closes a compound of another meaning with the syllable before it
_COMPOUND_HEADS = {w: re.compile(rf"(?<![\w])(?:{alt})\s+$", re.I) for w, alt in (
    ("phòng", "biên|quốc|dự|văn|cứu|hải"),
    ("chương", "huy|huân|kỷ\\s+niệm"),
    ("trường", "môi|thị|chiến|hiện|quảng|công"),
    ("phần", "cổ|thành"),
    ("tập", "học|luyện|tuyển"),
)}


def _before(name: str, text: str, pos: int, gap: str = r"[\s:(]*", words: tuple[str, ...] = ()):
    return cue(name).before(text, pos, gap=gap, gap_words=words)


def _is_word_char(ch: str) -> bool:
    return ch.isalpha()


# ----------------------------------------------------------------------------- the tokenizer

_CAPTION = re.compile(r"\s*(?:Có\s+thể\s+là\s+(?:hình\s+ảnh|ảnh|hình\s+minh\s+họa|ảnh\s+chụp|hình\s+vẽ)|"
                      r"May\s+be\s+an?\s+(?:image|photo|illustration|graphic))(?![\w])", re.I)


# (the formation's word written as a name, with a capital; a branch after it: “Bộ binh”, “Pháo binh”)
_FORMATION = re.compile(r"(?:Quân\s+(?:khu|đoàn)|Sư\s+đoàn|Lữ\s+đoàn|Trung\s+đoàn|Tiểu\s+đoàn|Đại\s+đội|"
                        r"Hải\s+(?:đoàn|đội)|Binh\s+đoàn|Vùng\s+Cảnh\s+sát\s+biển)"
                        r"(?:\s+[A-ZĐÂĂÊÔƠƯ][^\W\d_]*(?:\s+[^\W\d_]+)?)?\s*\Z")
_FORMATION_NEEDS = (("binh", "hải", "quân", "tiểu", "trung", "vùng", "đoàn", "đại"),)  # what every match holds (`rxgate.needs`, written out: tests/test_rxgate.py)
_MONEY_UNIT = re.compile(r"đồng|usd|^(?:tỷ|tỉ|triệu)$", re.I)


def tokenize(text: str, blocked: list[tuple[int, int]] | None = None, numbering_end: int = 0) -> list[NumTok]:
    """The number tokens of a paragraph. `blocked`: spans already read as something else (cited
    documents); `numbering_end`: where a heading's or list item's own numbering ends."""
    out: list[NumTok] = []
    n = len(text)
    standalone = bool(_STANDALONE.fullmatch(text)) and _DIGIT.search(text) is not None
    pm = None if standalone else _PAGE_NO.fullmatch(text)
    if _CAPTION.match(text):
        # a social page's automatic description of a photo (“Có thể là hình ảnh về 9 người và mọi người
        # đang đứng”): its numbers count people in a picture, not anything the report states
        i = 0
        while (m := _DIGIT.search(text, i)) is not None:
            c = _CORE_RX.match(text, m.start())
            e = max(c.end() if c else 0, m.start() + 1)
            out.append(NumTok(m.start(), e, "counter", text[m.start():e], ue=e,
                              why="mô tả ảnh tự động của trang (an automatic image description)"))
            i = e
        return out
    if pm is not None and _is_page_no(pm):
        m = _DIGIT.search(text)
        e = len(text.rstrip(" -–—\t"))
        return [NumTok(m.start(), e, "counter", text[m.start():e], ue=e, why="số trang (a page number)")]
    i = 0
    blocked = sorted(blocked or [])
    while True:
        m = _DIGIT.search(text, i)
        if m is None:
            break
        i = m.start()
        tok = _read_at(text, i, blocked, numbering_end, standalone, out)
        out.append(tok)
        i = max(tok.end, tok.e, i + 1)
        if i >= n:
            break
    if "trở" in text:
        for tok in out:
            if tok.form == "number" and _THRESHOLD_AFTER.match(text, tok.end) \
                    and _THRESHOLD_BEFORE.search(text, max(0, tok.start - 130), tok.start):
                # “7 tỉnh có kim ngạch xuất khẩu đạt từ 10 tỷ USD trở lên”: the bar a counted group is
                # chosen by, not a value of anything (never a total, a part or a base); a target (“GRDP
                # tăng từ 8,5% trở lên”, “thu ngân sách đạt từ 500 tỷ đồng trở lên”) follows no count
                tok.form, tok.why = "threshold", "ngưỡng của một tiêu chí (từ … trở lên)"
    if "đạt" in text:
        for k, tok in enumerate(out):
            if tok.form == "number" and tok.unit and not tok.pct and k > 1 and out[k - 1].form == "number" \
                    and out[k - 1].unit is None and re.fullmatch(r"\s*[-–]\s*", text[out[k - 1].end:tok.start]) \
                    and out[k - 2].form == "number" and out[k - 2].unit and not out[k - 2].pct \
                    and _COUNTED_BY.fullmatch(text, out[k - 2].end, out[k - 1].start):
                # “38 xã đạt 10-14 tiêu chí”: a band the communes counted before it fall in
                out[k - 1].form = tok.form = "threshold"
                out[k - 1].why = tok.why = "khoảng ngưỡng (đạt N-M)"
                continue
            if tok.form == "number" and not tok.pct and tok.approx in ("under", "over") and k \
                    and out[k - 1].form == "number" and out[k - 1].unit and not out[k - 1].pct \
                    and tok.unit and _COUNTED_BY.fullmatch(text, out[k - 1].end, tok.start) \
                    and tok.unit.split()[0].lower() != out[k - 1].unit.split()[0].lower():
                # “Có 15 xã đạt dưới 10 tiêu chí, chiếm 16,9%”: the bar the communes counted before it fall under
                tok.form, tok.why = "threshold", "ngưỡng (đạt dưới/trên N)"
                continue
            if tok.form == "number" and tok.pct and _BAR_NOT_MET.search(text, max(0, tok.start - 80), tok.start):
                # “16 tỉnh chưa đạt 15%”: the bar a counted group falls short of, not its share
                tok.form, tok.why = "threshold", "ngưỡng chưa đạt (chưa đạt p%)"
            elif tok.form == "number" and tok.pct and tok.approx == "over" \
                    and _BAR_MET.search(text, max(0, tok.start - 90), tok.start):
                # “49/63 địa phương thu nội địa đạt tiến độ dự toán (trên 24%)”: the bar the group met, in brackets
                tok.form, tok.why = "threshold", "ngưỡng đã đạt (đạt … (trên p%))"
    if "số" in text or "Số" in text or "SỐ" in text:
        for tok in out:
            if tok.form == "number" and tok.unit is None and not tok.pct and "," not in tok.text:
                tok.unit = _count_named_before(text, tok.start)
    return out


_THRESHOLD_BEFORE = re.compile(r"(?<![\w,.])\d[\d.]*\s+[^\W\d][^\d;:.()%]{0,50}?\s(?:có|với|đạt)\s[^\d;:.()%]{0,60}?"
                               r"(?<![\w])từ\s*$", re.I)
_THRESHOLD_AFTER = re.compile(r"\s*trở\s+(?:lên|xuống)(?![\w])", re.I)
# (the approximation's word, “trên”, opens the token: its start is the bracket's end)
# (a count's own clause right after it, up to “đạt”: “15 xã đạt dưới 10 tiêu chí”, “38 xã đạt 10-14 tiêu chí”; “dưới”,
# “trên” open the token, its approximation)
_COUNTED_BY = re.compile(r"[^\d,.;:()]{0,20}(?<![\w])đạt\s*", re.I)
_BAR_MET = re.compile(r"(?<![\w])(?:đạt|vượt)\s[^\d;:.()%]{0,60}\(\s*$", re.I)
_BAR_NOT_MET = re.compile(r"(?<![\w,.])\d[\d.]*\s+[^\W\d][^\d;:.()%]{0,40}?\s(?:chưa|không)\s+đạt\s*$", re.I)


# “số thí sinh đăng ký trực tuyến là 1.014.020, chiếm 94,66%”, “Tổng số hộ nghèo: 120”: a count
# written without its noun after it, whose clause opens with “(tổng) số <count noun> …” and ends
# in “là”/“:” right before it, counts that noun
_NAMED_BEFORE = re.compile(rf"(?:^|[,;:.(]\s*)(?:[-+•]\s*)?(?:(?:trong\s+đó|riêng|còn)\s*,?\s*)?(?:tổng\s+)?số\s+"
                           rf"(?:lượng\s+)?(?P<noun>{UNIT})(?![\w])[^\d,;:.()%=]{{0,60}}?\s*(?:\blà|:)\s*$", re.I)


def _count_named_before(text: str, s: int) -> str | None:
    from auditor.extract.vn import is_count_unit

    m = _NAMED_BEFORE.search(text, max(0, s - 100), s)
    if m is None:
        return None
    if _TWO_NOUNS.search(m.group(0)):
        return None  # “Tổng số tập thể và cá nhân … là 143”: two nouns together, neither is the count's
    noun = re.sub(r"\s+", " ", m.group("noun")).lower()
    return noun if is_count_unit(noun) else None


_TWO_NOUNS = re.compile(r"(?<!\w)(?:và|hoặc|cùng)(?!\w)|/", re.I)


def _read_at(text: str, i: int, blocked: list[tuple[int, int]], numbering_end: int, standalone: bool,
             prev: list[NumTok]) -> NumTok:
    n = len(text)
    # 0. inside a cited document's span: its number and date
    for a, b in blocked:
        if a <= i < b:
            return NumTok(i, b, "docno", text[i:b], ue=b, why="số hiệu, ngày của văn bản được dẫn")
    # 1. a heading's or list item's numbering
    if i < numbering_end:
        return NumTok(i, numbering_end, "numbering", text[i:numbering_end].strip(), ue=numbering_end,
                      why="số thứ tự mục")
    prev_ch = text[i - 1] if i > 0 else ""
    # 2. digits glued to letters: a code or a file name (COVID-19, GMT+7, 7423d0ac.jpg, F0)
    if prev_ch and (_is_word_char(prev_ch) or (prev_ch in "-+" and i > 1 and _is_word_char(text[i - 2]))):
        e = _word_end(text, i)
        return NumTok(i, e, "code", text[i:e], ue=e, why="mã, tên riêng")
    m = _GLUED_RX.match(text, i)
    if m and not _unit_at(text, m.end() - 1) and not _HOUR_RX.match(text, i):
        e = _word_end(text, i)
        return NumTok(i, e, "code", text[i:e], ue=e, why="mã, tên riêng")
    # 3. a document number written without its kind (84/BC-TTT, 10-NQ/TU) or after one (Nghị quyết 118)
    m = _DOCNO_RX.match(text, i)
    if m:
        return NumTok(i, m.end(), "docno", m.group(0), ue=m.end(), why="số hiệu văn bản")
    km = _doc_kind_before().before(text, i, 40)
    if km and (km.group(0)[:1].isupper() or re.search(r"số\s*[:.]?\s*$", km.group(0), re.I)):
        m = _DOCNUM_RX.match(text, i)
        if m and not _count_after(text, m.end()):
            # (“Kết luận 4 cuộc thanh tra”: a count of the things the verb is done to, not document 4)
            return NumTok(i, m.end(), "docno", m.group(0), ue=m.end(), why="số hiệu văn bản")
    # 4. phone numbers
    m = _PHONE_RX.match(text, i)
    if m and (_before("phone_before", text, i) or re.search(r"[ .]", m.group(0))) and text[i] == "0" \
            and not _CORE_RX.fullmatch(m.group(0)):
        return NumTok(i, m.end(), "phone", m.group(0), ue=m.end(), why="số điện thoại")
    # 5. clock times
    m = _TIME_RX.match(text, i)
    if m:
        return NumTok(i, m.end(), "time", m.group(0), ue=m.end(), why="giờ")
    # 6. full dates (14/8/2024, 09-10-2018, 8.8.2022)
    m = _FULLDATE_RX.match(text, i)
    if m and _valid_dm(int(m.group(1)), int(m.group(3))):
        return NumTok(i, m.end(), "date", m.group(0), ue=m.end(), why="ngày tháng")
    date_cue = _before("date_before", text, i, gap=r"[\s:,(]*")
    if date_cue:
        m = _DMY_WORDS_RX.match(text, i) or _DM_PAIR_RX.match(text, i) or _DM_RX.match(text, i)
        if m and _dm_ok(m.group(0)):
            return NumTok(i, m.end(), "date", m.group(0), ue=m.end(), why="ngày tháng")
        m = _NO_DATE_RX.match(text, i)
        if m and _NGAY_END.search(date_cue.group(0)):
            # “sáng ngày 330/11”, “ngày 15/13/2024”: after “ngày”, a day and month that no calendar has (CAL011),
            # not a fraction
            return NumTok(i, m.end(), "nodate", m.group(0), ue=m.end(), why="ngày tháng không có trên lịch")
    elif i and text[i - 1] == "(" and _DAY_NAMED_BEFORE.search(text, max(0, i - 45), i - 1):
        # “Riêng ngày đầu của kỳ nghỉ lễ (31/8) khoảng 45%”: a day and month alone in brackets after a day named
        m = _DM_RX.match(text, i)
        if m and _dm_ok(m.group(0)) and text.startswith(")", m.end()):
            return NumTok(i, m.end(), "date", m.group(0), ue=m.end(), why="ngày tháng (trong ngoặc, sau “ngày …”)")
    if not date_cue and _before("date_prep", text, i, gap=r"\s*"):
        # “đến 30/9 giải ngân …”, “từ 1/10 đến 15/10”: a bare day/month after a time preposition,
        # unless a count follows (“đến 17/19 tiêu chí”) or a change (“từ 8/10 lên 10/10 tiêu chí”)
        m = _DM_RX.match(text, i)
        if m and _dm_ok(m.group(0)) and not _BOUND_TO_COUNT.match(text, m.end()):
            d, mo = int(m.group(1)), int(m.group(2))
            range_end = bool(prev) and prev[-1].form == "date" and re.fullmatch(
                r"\s*(?:đến|tới|-|–)\s*", text[prev[-1].e:i], re.I) is not None
            # a day after its month (“đến 31/12 xã …”) is no part of a whole, nor the end of a
            # range of dates; “đến 10/12 thôn”, “đến 2/3 số hộ” are
            if range_end or d > mo or not (_count_noun_after(text, m.end())
                                           or cue("whole_after").after(text, m.end(), gap=r"\s*")):
                return NumTok(i, m.end(), "date", m.group(0), ue=m.end(), why="ngày tháng (sau từ chỉ thời điểm)")
    month_cue = _before("month_before", text, i, gap=r"\s*")
    if month_cue:
        m = _MONTH_YEAR_RX.match(text, i)
        if m and 1 <= int(m.group(1)) <= 12:
            return NumTok(i, m.end(), "month", m.group(0), ue=m.end(), why="tháng, năm")
        m = _MONTH_NO_RX.match(text, i)
        if m and 1 <= int(m.group(0)) <= 12 and not _count_noun_after(text, m.end()):
            return NumTok(i, m.end(), "month", m.group(0), ue=m.end(), why="tháng")
    if _QUARTER_BEFORE.search(text, max(0, i - 8), i):
        # “quý 1/2019”, “quý 11/2019” (a slip for II): a quarter of a year, never a fraction
        m = _MONTH_YEAR_RX.match(text, i)
        if m and 1 <= int(m.group(1)) <= 12:
            return NumTok(i, m.end(), "month", m.group(0), ue=m.end(), why="quý, năm")
    m = _DM_RX.match(text, i)
    if m and _dm_ok(m.group(0)) and _LUNAR_AFTER.match(text, m.end()):
        return NumTok(i, m.end(), "date", m.group(0), ue=m.end(), why="ngày tháng (âm lịch)")
    # 7. spans of years and years
    m = _YEARS_RX.match(text, i)
    if m:
        return NumTok(i, m.end(), "years", m.group(0), ue=m.end(), why="khoảng năm (kỳ, nhiệm kỳ, giai đoạn, vụ)")
    m = _YEAR_RX.match(text, i)
    if m and (not _count_noun_after(text, m.end()) or _before("year_before", text, i, gap=r"\s*")):
        why = "năm gốc của giá so sánh" if _before("price_base_before", text, i, gap=r"\s*", words=("năm",)) else "năm"
        return NumTok(i, m.end(), "year", m.group(0), ue=m.end(), why=why)
    # 8. numbers of criteria, sections, articles (tiêu chí 17.3; 19.1)
    if _before("criterion_before", text, i, gap=r"\s*", words=("số",)):
        m = _CRIT_RX.match(text, i)
        if m and not _count_noun_after(text, m.end()):
            return NumTok(i, m.end(), "criterion", m.group(0), ue=m.end(), why="số hiệu tiêu chí, mục, điều")
    # 9. ranks and ordinals
    if _before("rank_before", text, i, gap=r"\s*"):
        m = _RANK_RX.match(text, i)
        if m and ("/" in m.group(0) or not re.search(r"thứ\s*$", text[max(0, i - 6):i])):
            return NumTok(i, m.end(), "rank", m.group(0), ue=m.end(), why="thứ hạng")
    if _before("ordinal_before", text, i, gap=r"\s*"):
        m = _ORD_RX.match(text, i)
        if m and not _count_noun_after(text, m.end()):
            return NumTok(i, m.end(), "ordinal", m.group(0), ue=m.end(), why="số thứ tự (kỳ họp, lần, khóa)")
    # 10. counters and polls of the page
    if _before("counter_before", text, i, gap=r"\s*[:]?\s*"):
        m = _CORE_RX.match(text, i)
        e = m.end() if m else i + 1
        um = re.match(r"\s*(?:lượt|người|views?)(?![\w])", text[e:], re.I)
        return NumTok(i, e, "counter", text[i:e], ue=e + (um.end() if um else 0), why="bộ đếm của trang")
    m = _RATING_RX.match(text, i)
    if m and re.search(r"bình\s+chọn|đánh\s+giá|sao|điểm", text[m.end():m.end() + 30], re.I):
        return NumTok(i, m.end(), "rating", m.group(0), ue=m.end(), why="điểm đánh giá của trang")
    m = _CORE_RX.match(text, i)
    if m and cue("counter_after").after(text, m.end(), gap=r"\s*"):
        return NumTok(i, m.end(), "counter", m.group(0), ue=m.end(), why="bình chọn, bộ đếm của trang")
    if prev and prev[-1].form == "time" and m and not _count_noun_after(text, m.end()) \
            and text[prev[-1].end:i].strip() == "":
        return NumTok(i, m.end(), "counter", m.group(0), ue=m.end(), why="bộ đếm của trang (sau giờ đăng)")
    if standalone:
        e = _STANDALONE.match(text, i).end() if _STANDALONE.match(text, i) else n
        return NumTok(i, e, "counter", text[i:e].strip(), ue=e, why="một số đứng riêng, không có chữ")
    # 11a. periods and durations (6 tháng đầu năm, 3 năm liền)
    m = _PERIOD_RX.match(text, i)
    if m:
        return NumTok(i, m.end(), "period", m.group(0), ue=m.end(), why="kỳ (số tháng)")
    m = _DURATION_RX.match(text, i)
    if m and not re.match(r"\s*(?:19|20)\d{2}", text[m.end():]) and not (
            re.match(r"học(?![\w])", text[m.end():].lstrip()) and _before("label_before", text, i, gap=r"\s*")):
        # (“học sinh lớp 9 năm học 2022-2023”: the grade, then the school year, not nine years)
        return NumTok(i, m.end(), "duration", m.group(0), ue=m.end(), unit=m.group(2).lower(),
                      why="khoảng thời gian")
    # 11. names: khu phố 1, tổ dân phố 1, 3, 5 và 10, đường 30/4
    if may_match(text, _FORMATION_NEEDS, max(0, i - 60), i) and _FORMATION.search(text, max(0, i - 60), i):
        # “Sư đoàn Bộ binh 2”, “Lữ đoàn Pháo binh 572”, “Quân khu 5”: a military formation's number is its name
        m = _LIST_RX.match(text, i)
        if m and not _count_noun_after(text, m.end()) and not PCT_RE.match(text, m.end()):
            return NumTok(i, m.end(), "label", m.group(0), ue=m.end(), why="số hiệu đơn vị (Quân khu 5, Sư đoàn 2)")
    lab = _before("label_before", text, i, gap=r"\s*") or _before(
        "label_before", text, i, gap=r"[\s:,(]*", words=("gồm", "gồm có", "là"))
    if lab:
        first = re.match(r"[^\W\d_]*", lab.group(0)).group(0).lower()  # (“chương, gồm ”: the word alone)
        before = _COMPOUND_HEADS.get(first)
        if before is not None and before.search(text, max(0, lab.start() - 8), lab.start()):
            # “Biên phòng 15”, “20 huy chương gồm 5 HCV”, “(đất đai 4, khoáng sản 12, môi trường 11)”: the word
            # closes a compound (border guard, medal, environment), it is no room, chapter or school
            lab = None
    if lab:
        m = _LIST_RX.match(text, i)
        if m and (not _count_noun_after(text, m.end()) or _PLACE_OF_NAME.match(text, m.end())) \
                and not PCT_RE.match(text, m.end()):
            return NumTok(i, m.end(), "label", m.group(0), ue=m.end(), why="một phần của tên (khu phố 1, tổ 3)")
    # 12. malformed numbers (87,% · 1.2.3); a list of two-digit numbers typed without spaces is a list of names
    m = _RUN_ON_LIST.match(text, i)
    if m is not None and (i < 2 or text[i - 2:i] == ", " or not text[i - 1].isdigit()):
        # (“huy hiệu 30, 40,45,50,60,65 năm tuổi đảng”: the badges' years, not one number)
        return NumTok(i, m.end(), "label", m.group(0), ue=m.end(), why="danh sách số viết liền (40,45,50)")
    m = _malformed(text, i)
    if m is not None:
        e = m
        pm = PCT_RE.match(text, e)
        return NumTok(i, e, "malformed", text[i:e], ue=pm.end() if pm else e, pct=bool(pm),
                      why="số viết sai, không đọc được")
    m = _CORE_RX.match(text, i)
    if m and cue("rating_after").after(text, m.end(), gap=r"\s*"):
        e = cue("rating_after").after(text, m.end(), gap=r"\s*").end()
        return NumTok(i, m.end(), "rating", m.group(0), ue=e, why="hạng (sao)")
    # 14. dates left: a bare d/m that nothing else claims, right before a time (29/06 - 14:35)
    # 15. quantities: fractions, triples, ranges, numbers
    return _quantity(text, i)


_CLUSTER = re.compile(r"\d+(?:[.,]\d+)*")
_VALID = re.compile(rf"{_THOUS_DOT}|{_DEC}|{_DOTDEC}|{_INT}")


# “tăng 0 68%”: the comma of a percent below one dropped (no count is written “0 68”, and a space
# never groups thousands after a lone 0)
_ZERO_SPACE = re.compile(r"(?<![\d.,])0 \d{1,3}(?=\s*%)")


_RUN_ON_LIST = re.compile(r"\d{2}(?:,\d{2}){2,}(?![\d.,])")


def _malformed(text: str, i: int) -> int | None:
    """End of a number that cannot be read (“87,%”, “1.2.3”), or None."""
    if _EN_RX.match(text, i):
        return None  # (written the English way, read so: `_core_at`)
    m = _CLUSTER.match(text, i)
    e = m.end()
    z = _ZERO_SPACE.match(text, i)
    if z is not None:
        return z.end()
    if e < len(text) and text[e] in ".," and re.match(r"[.,]\s*%", text[e:]):
        return e + 1
    if not _VALID.fullmatch(m.group(0)):
        return e
    return None


def _valid_dm(d: int, m: int) -> bool:
    return (1 <= d <= 31 and 1 <= m <= 12) or (1 <= m <= 31 and 1 <= d <= 12)


def _dm_ok(s: str) -> bool:
    nums = [int(x) for x in re.findall(r"\d+", s)]
    if len(nums) >= 2 and not (1 <= nums[-1] <= 12 or nums[-1] >= 1900):
        return False
    return all(1 <= x <= 31 or x >= 1900 for x in nums)


def _word_end(text: str, i: int) -> int:
    m = _WORD_END_RX.match(text, i)
    return m.end() if m else i + 1


def _unit_at(text: str, i: int) -> bool:
    return bool(UNIT_RE.match(text, i)) or bool(PCT_RE.match(text, i))


_COUNT_NOUN = None


# “Thôn 7 xã Long Giang”, “Khu phố 1 phường Long Phước”: a place named after the number is where the named
# village lies, not a count of communes
_PLACE_OF_NAME = re.compile(rf"\s+(?:xã|phường|thị\s+trấn|huyện|quận|thị\s+xã|tỉnh|thành\s+phố)\s+[{UPPER_VN}\d]")


def _count_noun_after(text: str, e: int) -> bool:
    """A unit or count noun follows (“1980 lao động”, “3000 tấn”, “9 thôn”): a quantity, not a
    year, an ordinal or a label."""
    return bool(UNIT_RE.match(text, e)) and not re.match(r"\s*(?:năm|tháng|ngày)(?![\w])", text[e:], re.I)


def dot_decimal_value(written: str) -> str | None:
    """“79.31”, “63379.00” → “79,31”, “63379,00”: a dot before one, two or four or more digits cannot
    group thousands, so it is a decimal dot (None for any other form)."""
    t = written.strip()
    return t.replace(".", ",") if re.fullmatch(_DOTDEC, t) else None


def scaled_text_of(written: str) -> str | None:
    """The number of thousands of a number written with a word of thousands (“750 ngàn”, a fraction's part), or None."""
    m = _SCALED_PART.fullmatch(written.strip())
    return m.group(1) if m else None


_SCALED_PART = re.compile(rf"(\d+(?:,\d+)?){_SP}+(?:ngàn|nghìn)", re.I)


def value_text_of(written: str) -> str | None:
    """The text to read the value of a number from, when its written form is not read as it stands
    (a dot decimal “79.31”, an amount in two scale words “5 tỷ 137 triệu” = 5.137 triệu); None when
    the written form is read directly."""
    t = written.strip()
    m = _COMPOUND_RX.fullmatch(t)
    if m:
        return f"{m.group(1)}.{int(m.group(2)):03d}"
    if re.fullmatch(_DOTDEC, t):
        return t.replace(".", ",")
    return None


def _core_at(text: str, i: int) -> tuple[int, str, str | None, str | None]:
    """(end, text as written, text to read the value from, repair note) of the number at i."""
    m = _EN_RX.match(text, i)
    if m:  # “6,231.8”, “42,460,418,319”: commas group thousands, a dot marks decimals; one reading only
        return m.end(), m.group(0), m.group(0).replace(",", "").replace(".", ","), "en_grouped"
    m = _COMPOUND_RX.match(text, i)
    if m:  # not a repair: the usual way of writing an amount in words; read in triệu
        return m.end(), m.group(0), f"{m.group(1)}.{int(m.group(2)):03d}", "compound"
    m = _WORDS_RX.match(text, i)
    if m:
        return m.end(), m.group(0), m.group(1) + "." + m.group(2), "words"
    m = _SCALED_RX.match(text, i)
    if m:  # “6,5 ngàn lượt người”, “hơn 10 nghìn hộ”: thousands written as a word
        return m.end(), m.group(0), m.group(1), "scaled"
    m = _STRAY_RX.match(text, i)
    if m and _unit_at(text, m.end()):
        return m.end(), m.group(0), m.group(1) + "," + m.group(2), "stray_space"
    m = _CORE_SP_RX.match(text, i)
    if m and _unit_at(text, m.end()) and not _before("ordinal_before", text, i, gap=r"\s*") \
            and not _before("month_before", text, i, gap=r"\s*"):
        return m.end(), m.group(0), re.sub(_SP, ".", m.group(0)), None
    m = _CORE_RX.match(text, i)
    t = m.group(0)
    if re.fullmatch(_DOTDEC, t):
        return m.end(), t, t.replace(".", ","), "dot_decimal"
    return m.end(), t, None, None


def _unit_of_core(text: str, e: int, rep: str | None) -> tuple[str | None, int, bool]:
    """The unit after a number; an amount in scale words (“5 tỷ 137 triệu [đồng]”) is in triệu."""
    if rep == "compound":  # tỷ and triệu together only count money
        m = _COMPOUND_DONG.match(text, e)
        return "triệu đồng", m.end() if m else e, False
    return _unit(text, e)


def _plan_mark_at(text: str, j: int) -> tuple[int, str | None] | None:
    """“/KH 43.000”, “/KH tăng 3-4%”, “/kế hoạch (KH) 8%” at j: (where the plan's number starts,
    the change word of a planned change)."""
    sm = _SLASH_RX.match(text, j)
    if not sm or text[j:sm.end()].count("/") != 1:
        return None
    km = _KH_MARK.match(text, sm.end())
    if not km or km.end() == sm.end():
        return None
    k, change = km.end(), None
    cm = _KH_CHANGE.match(text, k)
    if cm:
        k, change = cm.end(), cm.group(1).lower()
    return (k, change) if _DIGIT.match(text, k) else None


def _quantity(text: str, i: int) -> NumTok:
    e, t, vt, rep = _core_at(text, i)
    tok = NumTok(i, e, "number", t, ue=e, re_=e, repaired=rep, value_text=vt)
    _sign_and_approx(text, tok)
    # unit / percent of the first number
    u1, ue1, pct1 = _unit_of_core(text, e, rep)
    # a fraction a/b (a unit may stand after each part), a triple a/b/c, “X/KH Y”, “X/KH a–b”
    j = ue1 if ue1 > e else e
    plan = _plan_mark_at(text, j)
    sm = _SLASH_RX.match(text, j)
    if plan is not None or (sm and text[j:sm.end()].count("/") == 1 and not (u1 and "/" in u1)):
        k, plan_mark = (plan[0], True) if plan is not None else (sm.end(), False)
        if _DIGIT.match(text, k):
            e2, t2, vt2, rep2 = _core_at(text, k)
            u2, ue2, pct2 = _unit_of_core(text, e2, rep2)
            parts = [(i, e, t), (k, e2, t2)]
            units = [u1, u2]
            end = ue2 if ue2 > e2 else e2
            sm2 = _SLASH_RX.match(text, end)
            rm = _RANGE_SEP_RX.match(text, end) if plan_mark else None
            if rm and _DIGIT.match(text, rm.end()):
                # “/KH 43.000-45.000 con”, “/KH 55 - 56 tạ/ha”: a planned range
                e3, t3, _, rep3 = _core_at(text, rm.end())
                u3, ue3, pct3 = _unit_of_core(text, e3, rep3)
                parts.append((rm.end(), e3, t3))
                units.append(u3)
                pct2 = pct2 or pct3
                tok.form, tok.plan_range = "fraction", True
                tok.e, tok.ue, tok.re_ = e3, max(ue3, e3), max(ue3, e3)
            elif sm2 and _DIGIT.match(text, sm2.end()) and not plan_mark:
                e3, t3, _, _ = _core_at(text, sm2.end())
                u3, ue3, _ = _unit(text, e3)
                parts.append((sm2.end(), e3, t3))
                units.append(u3)
                tok.form = "triple"
                tok.e, tok.ue, tok.re_ = e3, max(ue3, e3), max(ue3, e3)
            else:
                tok.form = "fraction"
                tok.e, tok.ue, tok.re_ = e2, end, end
            tok.parts, tok.part_units, tok.plan_mark = parts, units, plan_mark
            tok.plan_change = plan[1] if plan is not None else None
            tok.text = text[i:tok.e]
            unit = next((u for u in reversed(units) if u and u != "%"), None)
            tok.unit = unit
            tok.pct = bool(pct1 or (pct2 if tok.form == "fraction" else False))
            _rel_after(text, tok)
            tok.noun = _noun(text, tok.ue)
            return tok
    # a range a–b (KH 8,5–9,5%; 10.000 đến 30.000 đồng/kg)
    rm = _RANGE_SEP_RX.match(text, ue1 if pct1 else e)
    if rm and _DIGIT.match(text, rm.end()) and (pct1 or not u1) and rep != "compound":
        e2, t2, _, _ = _core_at(text, rm.end())
        u2, ue2, pct2 = _unit(text, e2)
        # (“90-95 triệu đồng/người/năm”: a short first number is a range's too when money follows; a day
        # and a month are never written before an amount of money)
        if (u2 or pct2) and not re.fullmatch(r"\d{1,2}", t) or pct2 or u2 and _MONEY_UNIT.search(u2):
            tok.form = "range"
            tok.parts = [(i, e, t), (rm.end(), e2, t2)]
            tok.part_units = [u1, u2]
            tok.e, tok.ue, tok.re_ = e2, max(ue2, e2), max(ue2, e2)
            tok.text = text[i:e2]
            tok.unit = u2 if u2 != "%" else None
            tok.pct = bool(pct2)
            _rel_after(text, tok)
            return tok
    tok.unit = u1 if u1 != "%" else None
    tok.pct = pct1
    tok.ue = max(ue1, e)
    tok.re_ = tok.ue
    _rel_after(text, tok)
    tok.noun = _noun(text, tok.ue)
    return tok


def _unit(text: str, e: int) -> tuple[str | None, int, bool]:
    pm = PCT_RE.match(text, e)
    if pm:
        return "%", pm.end(), True
    um = UNIT_RE.match(text, e)
    if um:
        return re.sub(r"\s+", " ", um.group("unit").strip()), um.end(), False
    bm = _SPELLED_BEFORE_UNIT.match(text, e) if text.startswith("(", e) or text.startswith(" (", e) else None
    if bm and parse_words(bm.group(1)) is not None:
        # “05 (năm) tập thể”: the number in words between the figures and their unit (VAL002)
        um = UNIT_RE.match(text, bm.end())
        if um:
            return re.sub(r"\s+", " ", um.group("unit").strip()), um.end(), False
    return None, e, False


_SPELLED_BEFORE_UNIT = re.compile(r"[ \t]?\(([^()\d\n]{2,80})\)")


def _rel_after(text: str, tok: NumTok) -> None:
    if tok.pct:
        rm = _REL.match(text, tok.ue)
        if rm:
            tok.rel = _rel_kind(rm.group("rel"))
            tok.re_ = rm.end()
        elif "giao" in text[tok.ue:tok.ue + 80]:
            gm = _ASSIGNED.match(text, tok.ue)
            if gm and _ACHIEVE_END.search(text[max(0, tok.start - 12):tok.start]):
                # “đạt trên 54,4% thu ngân sách nhà nước do trung ương giao”: a result said of what was
                # assigned (the measure named again, then “do … giao” / “được giao”) is a percent of plan
                tok.rel, tok.re_ = "kh", gm.end()
    elif tok.unit is None and tok.form == "number":
        bm = _BARE_KH.match(text, tok.e)
        if bm:  # “105,3KH”: a percent of plan written without “%”
            tok.pct, tok.rel, tok.re_ = True, _rel_kind(bm.group("rel")), bm.end()
            tok.ue = tok.e
            return
        pm = _PLAN_WORDS.match(text, tok.e)
        if pm and _ACHIEVE_END.search(text[max(0, tok.s - 12):tok.s]) and tok.value_text is None \
                and re.fullmatch(r"\d{1,3}(?:,\d+)?", tok.text):
            # “ước đạt 79 tỷ đồng, đạt 100,3 kế hoạch”: a result said of the plan is a percent of it,
            # its “%” left out; read so, with a note (NUM002)
            tok.pct, tok.rel, tok.re_ = True, "kh", pm.end()
            tok.ue, tok.repaired = tok.e, "no_percent"


def _rel_kind(rel: str) -> str:
    r = rel.lower()
    return "ck" if ("ck" in r.split() or "cùng" in r or "trước" in r or r == "ck") else "kh"


def _sign_and_approx(text: str, tok: NumTok) -> None:
    i = tok.s
    if i > 0 and text[i - 1] in "+-−" and (i == 1 or text[i - 2] in " (\t["):
        # a sign, not a bullet (“- 5 hộ” has a space after the dash) nor a dash between words
        tok.sign = "+" if text[i - 1] == "+" else "-"
        tok.sign_s = i - 1
    for kind, name in (("over", "approx_over"), ("under", "approx_under"), ("about", "approx_about")):
        m = cue(name).before(text, tok.sign_s if tok.sign_s >= 0 else i, window=24, gap=r"\s*")
        if m:
            w = m.group(0).strip().lower()
            # “trên” before a number is a bound; “cao hơn 5%” is a comparison (handled by roles)
            lead = m.start() + len(m.group(0)) - len(m.group(0).lstrip())  # (where the word itself starts)
            if w in ("hơn",) and re.search(r"(?:cao|nhiều|thấp|ít|lớn|nhỏ|tăng|giảm)\s+$", text[max(0, lead - 10):lead]):
                continue
            if w in ("trên", "dưới") and cue("not_a_bound").before(text, m.start(), window=16, gap=r"\s*"):
                continue  # “thu bổ sung từ cấp trên 8,4 tỷ”, “nêu trên 12 hộ”: a place, not a bound
            tok.approx, tok.approx_s = kind, m.start()
            return


def _noun(text: str, e: int) -> str:
    m = _NOUN_RX.match(text, e)
    if not m:
        return ""
    words = m.group(1).split()
    out = []
    for w in words:
        if w.lower() in _NOUN_STOP:
            break
        out.append(w)
    return " ".join(out)


_NOUN_STOP = frozenset("""đạt bằng chiếm là được có với và tăng giảm so trong đó gồm của tại từ đến cho theo vượt
 còn đang đã thuộc ước trên hơn gần khoảng tương""".split())


def value_of(t: NumTok) -> Decimal | None:
    """A number token's value as written (its `value_text` when it was read otherwise), or None."""
    from auditor.numeric.notation import NumberFormatError, parse_vn_number

    try:
        return parse_vn_number((t.value_text or t.text).replace(" ", "")).value
    except NumberFormatError:
        return None
