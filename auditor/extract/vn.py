"""Vietnamese lexical helpers shared by the patterns: numbers as written, units, folding.

Numbers are recognised here only as *spans of text*; their value always comes from
`auditor.numeric.notation.parse_vn_number` (the one number parser of the project).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Context, Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from auditor.extract import objects
from auditor.numeric.notation import NumberFormatError, parse_vn_number

if TYPE_CHECKING:
    from auditor.model.report import Num, SourceLoc

# A number as written: 1.896 · 310.800.000 · 70,2 · 1.234,5 · 02 · 1650 · and, so that it is
# reported rather than silently cut, a dot-decimal such as 3.32 (ambiguous).
NUM = (r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![.,]?\d)"
       r"|\d+(?:,\d+)?(?![.,]?\d)"
       r"|\d+\.\d+(?![.,]?\d))")
NUM_FREE = re.compile(rf"(?<![\w.,/]){NUM}(?!/\d)")
# Any digit run (to list numbers nobody used): dates, codes and fractions included.
ANY_NUMBER = re.compile(r"\d(?<![\w]\d)\d*(?:[.,/]\d+)*")  # (the digit first: `re` skips to it in C)

_UNIT_WORDS = [
    # money
    "tỷ đồng", "tỉ đồng", "triệu đồng", "nghìn đồng", "ngàn đồng", "tr. đồng", "tr.đồng", "trđ", "tr.đ",
    "tỷ", "tỉ", "triệu", "đồng", "đ", "usd",
    # mass, area, length, volume
    "tấn", "tạ", "kg", "yến", "ha", "m²", "m2", "km²", "km2", "km", "m³", "m3", "lít", "sào", "m",
    # counts
    "hộ gia đình", "hộ", "nhân khẩu", "người", "lượt người", "lượt", "suất quà", "suất", "xã", "phường",
    "thị trấn", "thôn", "xóm", "bản", "tổ dân phố", "tdp", "tổ", "chi bộ", "đảng viên",
    "doanh nghiệp", "dn", "hợp tác xã", "htx", "lao động", "lđ", "đơn vị", "vườn", "cây", "thùng",
    "chỉ tiêu", "tiêu chí", "tập thể", "cá nhân", "thành viên", "đồng chí", "mũi", "tin bài", "tin",
    "bài", "chiếc", "trường", "phòng", "đối tượng", "khối", "cụm", "sản phẩm", "con", "ngôi", "căn",
    "công trình", "tuyến", "lớp", "học sinh", "cháu", "gia đình", "hội viên", "đoàn viên", "cán bộ",
    "công chức", "đại biểu", "buổi", "cuộc", "hội nghị", "văn bản", "mô hình", "vụ", "phóng sự",
    "điểm", "cơ sở", "trạm", "hồ sơ", "thủ tục", "bộ", "ca", "giường", "tổ chức",
    "vị", "đơn", "đơn thư", "vụ việc", "công dân", "lượt công dân", "lượt đoàn", "đoàn", "giấy chứng nhận",
    "tuyến phố", "tuyến đường", "khu phố", "ấp", "căn nhà", "khu nhà trọ", "nhân khẩu", "cơ quan",
    "làng", "buôn", "khu dân cư", "ứng cử viên", "cử tri", "thanh niên", "khoản thu", "khoản chi", "khoản",
    "usd", "tỷ usd", "tỉ usd", "triệu usd", "nghìn usd", "tuổi", "đàn", "nghị quyết",
    "giải", "huy chương", "điển hình", "gương điển hình", "trường hợp", "sáng kiến", "đề tài", "câu lạc bộ",
    "tổ hợp tác",
    # (more count nouns of reports: people, bodies, projects, opinions)
    "thí sinh", "sinh viên", "học viên", "bệnh nhân", "tân binh", "dự án", "nhà", "việc", "việc làm", "phiếu",
    "trẻ", "trẻ em", "em",  # (“1.186 trẻ”, “706 em”; “cán bộ trẻ” puts its noun before “trẻ”, which is then no unit)
    "phiên", "đợt",  # (“74 phiên giao dịch việc làm”, “83 đợt hiến máu”)
    "dòng họ", "cộng đồng",  # (“21/22 dòng họ …”, “91/74 cộng đồng đã đăng ký …” in study-encouragement reports)
    "cụ", "người cao tuổi",  # (“344 người cao tuổi được mừng thọ, trong đó 20 cụ …”; never “cụ thể”)
]
_PER = r"(?:\s*/\s*(?:ha|năm|người|tháng|hộ|xã|khẩu|người/năm|ha/năm|lao động))?"
_UNITS_SORTED = sorted(set(_UNIT_WORDS), key=lambda w: (-len(w), w))  # (ties by text: the same pattern every run)
# (“5 giải Nhất” counts prizes; “5 giải pháp”, “giải quyết”, “giải ngân” do not)
_NOT_PRIZE = r"(?!\s*(?:pháp|quyết|ngân|phóng|thể|trình|tỏa|toả|đáp|thích|trí|cứu|tán|chấp|thoát|phẫu)(?![\w]))"
_NOT_SPECIFIC = r"(?!\s*thể(?![\w]))"  # (“cụ” counts the elderly; “cụ thể” is “specifically”)
UNIT = (r"(?:" + "|".join(re.escape(u).replace(r"\ ", r"\s*") + {"giải": _NOT_PRIZE, "cụ": _NOT_SPECIFIC}.get(u, "")
                          for u in _UNITS_SORTED) + r")" + _PER)
# A unit must end at a word boundary ("2 km" but not "2 kmx"; "m" alone not in "mới").
UNIT_RE = re.compile(rf"\s*(?P<unit>{UNIT})(?![\wđĐ²³])(?!\s+(?:lệ|trọng)(?![\w]))", re.I)
PCT_RE = re.compile(r"\s*(?:%|phần trăm)")

COUNT_UNITS = {
    "hộ", "hộ gia đình", "người", "nhân khẩu", "lượt", "lượt người", "suất", "suất quà", "xã", "phường",
    "thị trấn", "thôn", "xóm", "bản", "tổ dân phố", "tdp", "tổ", "chi bộ", "đảng viên", "doanh nghiệp",
    "dn", "hợp tác xã", "htx", "lao động", "lđ", "đơn vị", "vườn", "cây", "thùng", "chỉ tiêu",
    "tiêu chí", "tập thể", "cá nhân", "thành viên", "đồng chí", "mũi", "tin", "bài", "tin bài", "chiếc",
    "trường", "phòng", "đối tượng", "khối", "cụm", "sản phẩm", "con", "ngôi", "căn", "công trình",
    "tuyến", "lớp", "học sinh", "cháu", "gia đình", "hội viên", "đoàn viên", "cán bộ", "công chức",
    "đại biểu", "buổi", "cuộc", "hội nghị", "văn bản", "mô hình", "vụ", "phóng sự", "điểm", "cơ sở",
    "trạm", "hồ sơ", "thủ tục", "bộ", "ca", "giường",
    "vị", "đơn", "đơn thư", "vụ việc", "công dân", "lượt công dân", "lượt đoàn", "đoàn", "giấy chứng nhận",
    "tuyến phố", "tuyến đường", "khu phố", "ấp", "căn nhà", "khu nhà trọ", "cơ quan", "nghị quyết",
    "làng", "buôn", "khu dân cư", "ứng cử viên", "cử tri", "thanh niên", "khoản thu", "khoản chi", "khoản",
    "giải", "huy chương", "điển hình", "gương điển hình", "trường hợp", "sáng kiến", "đề tài", "câu lạc bộ",
    "tổ hợp tác",
    # (more count nouns of reports: people, bodies, projects, opinions)
    "thí sinh", "sinh viên", "học viên", "bệnh nhân", "tân binh", "dự án", "nhà", "việc", "việc làm", "phiếu",
    "trẻ", "trẻ em", "em",  # (“1.186 trẻ”, “706 em”; “cán bộ trẻ” puts its noun before “trẻ”, which is then no unit)
    "phiên", "đợt",  # (“74 phiên giao dịch việc làm”, “83 đợt hiến máu”)
    "dòng họ", "cộng đồng",
    "cụ", "người cao tuổi",
}

LOWER_VN = "a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
UPPER_VN = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"


def norm_unit(u: str | None) -> str | None:
    if u is None:
        return None
    s = re.sub(r"\s+", " ", u.strip()).lower()
    return s or None


@lru_cache(maxsize=4096)
def fold(s: str) -> str:
    """Lower case without diacritics (đ → d): for matching only, never for output."""
    s = s.lower().replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


_STOP = set("""số tổng các của được trong năm và đã là có với cho tại theo về này đó những
 một từ đến trên dưới đạt bằng thực hiện ước tỷ tỉ lệ mới lên xuống nay hiện khu vực toàn
 hơn như nhằm để do bởi vào ra sau trước cùng kỳ kh ck so các""".split())
# Words that change what is measured: mentions differing in them are different quantities.
# “tổng” too: a total and one of its components are named alike (“Tổng diện tích gieo trồng” and
# the “Diện tích gieo trồng” of one crop).
_POLAR = {"giảm", "tăng", "cận", "thoát", "không", "chưa", "tổng", "quản"}  # (“do TP quản lý” is not “trên địa bàn”)


def _words(s: str) -> list[str]:
    return [w for w in re.findall(r"\w+", s.lower()) if not w.isdigit()]


def tokens(s: str) -> list[str]:
    return [fold(w) for w in _words(s)]


def content_tokens(s: str, drop: frozenset[str] = frozenset()) -> set[str]:
    """Folded content words of a label: function words and `drop` (unfolded) removed."""
    return {fold(w) for w in _words(s) if w not in _STOP and w not in drop and len(w) > 1}


def polar_tokens(s: str) -> set[str]:
    return {w for w in _words(s) if w in _POLAR}


def make_num(text: str, loc: SourceLoc | None, *, unit: str | None = None, exact: bool | None = None,
             percent: bool = False, value_text: str | None = None, scale: int = 0,
             approx: str | None = None) -> Num:
    """A Num for a number as written. The value comes from parse_vn_number; a comma followed
    by exactly three digits (“2,350”) also keeps the thousands reading; a text we cannot read
    keeps its problem (it becomes a NUM001 finding, never a guess). `value_text`: the text the
    value is read from when the written form needed a repair the tokenizer reports (a dot decimal
    “79.31”, a stray space “1.076, 31”, “49 ngàn 890”); `scale`: a power of ten written as a word
    (“6,5 ngàn” = 6,5 × 10³, precision in hundreds); `approx`: over, under or about."""
    t = text.strip()
    data: dict = {"text": t, "src": loc}
    if unit:
        data["unit"] = unit
    if percent:
        data["percent"] = True
    if approx:
        data["approx"] = approx
    if value_text is not None or scale:
        try:
            p = parse_vn_number(value_text or t)
        except NumberFormatError:
            pass
        else:
            # (scaleb in a context as precise as the number: the default one rounds to 28 digits)
            data["value"] = p.value.scaleb(scale, Context(prec=max(28, len(p.value.as_tuple().digits))))
            data["decimals"] = p.decimals - scale
            if exact is not None:
                data["exact"] = exact
            return objects.num(data, repaired=True)
    try:
        p = parse_vn_number(t)
    except NumberFormatError:
        pass
    else:
        m = re.fullmatch(r"(\d{1,3}),(\d{3})", t)
        if m:
            data["readings"] = [Decimal(m.group(1) + m.group(2))]
        if exact is None and p.decimals == 0 and len(t) > 1 and t.startswith("0") and t.isdigit():
            exact = True  # “02 xã”: a leading zero is only written on counts
    if exact is not None:
        data["exact"] = exact
    return objects.num(data)


def is_count_unit(u: str | None) -> bool:
    return norm_unit(u) in COUNT_UNITS


def slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", fold(s)).strip("_")


def years_in(s: str) -> list[int]:
    return [int(y) for y in re.findall(r"(?<![\d/.,])((?:19|20)\d{2})(?![\d/])", s)]


# (the full stop first, what precedes it looked back at from after it: `re` then finds the next
# full stop in one step instead of testing what precedes every character)
# (a full stop typed after a space, “tăng 2,5% . Sản lượng sữa tươi …”, ends a sentence too)
SENT_END = re.compile(r"\.(?:(?<=[^\d\s]\.)(?=\s+[" + UPPER_VN + r"\-+•(“\"]|\s*$)|(?<=\d\.)(?=\s+[" + UPPER_VN + r"]|\s*$)|"
                      r"(?<=[^\S\n]\.)(?=[^\S\n]+[" + UPPER_VN + r"]))")


@lru_cache(maxsize=512)
def sentence_starts(text: str) -> list[int]:
    """The start of each sentence of `sentences(text)`, to find a position's sentence by bisection."""
    return [a for a, _ in sentences(text)]


@lru_cache(maxsize=512)
def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans (start, end) of a paragraph: split at a full stop followed by a capital
    (a dot inside a number such as 1.896 never splits). Kept per text: many readers ask."""
    out, start = [], 0
    for m in SENT_END.finditer(text):
        out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return tuple((a, b) for a, b in out if text[a:b].strip())


# a unit of the territory by its name (“huyện Vĩnh Tường”, “xã Kỳ Khang”): the subject figures are said of
ADMIN_PLACE = re.compile(r"(?<![\w])(?i:huyện|xã|phường|thị\s+trấn|quận|thị\s+xã|thành\s+phố|tỉnh)\s+"
                         r"[A-ZĐ][^\W\d_]*(?:\s+[A-ZĐ][^\W\d_]*){0,3}")
ADMIN_PLACE_NEEDS = (("huyện", "phường", "quận", "thành", "thị", "trấn", "tỉnh", "xã"),)  # (`rxgate.needs`, written out: tests/test_rxgate.py)
