"""The layout of a report: header (number, place, date, title, period, issuer), preamble,
sections with their numbering, the closing sentence, recipients and signature.

Numbered paragraphs are headings or list items. Roman numerals and “Phần thứ …” are always
headings. For “1.”, “2.1.”, “a)”: the items of one sibling group (same numbering style and
depth, numbers counting up) are headings when at least half of them are followed by body text
(a plain paragraph, a bullet, a table); otherwise the group is a list (indicator lists, plan
items) and its items stay paragraphs of the enclosing section.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from auditor.extract.document import Document, Para, TableBlock
from auditor.extract.rows import is_debris
from auditor.extract.vn import LOWER_VN, UPPER_VN, fold
from auditor.records import dataclass, field

if TYPE_CHECKING:  # (pydantic is not imported by a run: the objects are the report plan's)
    from auditor.model.report import SourceLoc

# ---------------------------------------------------------------------------- numbering

_PART = re.compile(r"^(?:Phần|PHẦN)\s+(?:thứ\s+|THỨ\s+)?(?P<n>nhất|NHẤT|hai|HAI|ba|BA|bốn|BỐN|một|MỘT|[IV]{1,3}|\d)\b\s*[:.]?\s*(?P<rest>.*)$")
_ROMAN = re.compile(r"^(?P<n>[IVX]{1,5})\s*[.)/]\s*(?P<rest>\S.*)$")
_ARTICLE = re.compile(r"^(?P<lab>Điều\s+(?P<n>\d{1,2}))\s*[.:]\s*(?P<rest>\S.*)$")
_ARABIC = re.compile(r"^(?P<n>\d{1,2}(?:\.\d{1,2}){0,3})(?P<dot>[.)])?\s+(?P<rest>\S.*)$")
_ALPHA = re.compile(r"^(?P<n>[a-zđ])\)\s*(?P<rest>\S.*)$")
_BULLET = re.compile(r"^(?P<n>[-+–•*])\s*(?P<rest>\S.*)$")
_PART_NO = {"nhất": 1, "một": 1, "i": 1, "1": 1, "hai": 2, "ii": 2, "2": 2, "ba": 3, "iii": 3, "3": 3,
            "bốn": 4, "iv": 4, "4": 4}


@dataclass
class Numbering:
    """The number or bullet that opens a heading or a list item."""
    kind: str           # part | roman | arabic | alpha | bullet
    label: str          # as written: "2.1.", "a)", "I.", "Phần thứ nhất"
    value: tuple        # comparable: (2, 1) for 2.1
    depth: int
    rest_start: int     # offset of the text after the number in the paragraph text


def numbering(text: str) -> Numbering | None:
    m = _ARTICLE.match(text)
    if m:  # “Điều 2. Mục tiêu, chỉ tiêu chủ yếu năm 2025”: an article of a resolution or a decision
        return Numbering("article", m.group("lab"), (int(m.group("n")),), 0, m.start("rest"))
    m = _PART.match(text)
    if m:
        n = _PART_NO.get(m.group("n").lower(), 0)
        label = text[:m.start("rest")].rstrip()
        return Numbering("part", label, (n,), 0, m.start("rest"))
    m = _ROMAN.match(text)
    if m and re.fullmatch(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})", m.group("n")):
        return Numbering("roman", text[:m.start("rest")].rstrip(), (_roman_value(m.group("n")),), 0,
                         m.start("rest"))
    m = _ARABIC.match(text)
    if m and (m.group("dot") or "." in m.group("n")):
        parts = tuple(int(x) for x in m.group("n").split("."))
        return Numbering("arabic", text[:m.start("rest")].rstrip(), parts, len(parts), m.start("rest"))
    m = _ALPHA.match(text)
    if m:
        return Numbering("alpha", text[:m.start("rest")].rstrip(), (ord(m.group("n")) - 96,), 0, m.start("rest"))
    m = _BULLET.match(text)
    if m and not re.match(r"^[-–]\s*\d", text[:3] if text[:1] in "-–" and text[1:2].isdigit() else "x"):
        return Numbering("bullet", m.group("n"), (0,), 0, m.start("rest"))
    return None


def _roman_value(s: str) -> int:
    vals = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for i, ch in enumerate(s):
        v = vals[ch]
        total += -v if i + 1 < len(s) and vals[s[i + 1]] > v else v
    return total


# ---------------------------------------------------------------------------- continuation

_TERMINAL = tuple(".:;!?")
_LIST_START = re.compile(r"^(\d{1,2}(\.\d{1,2})*[.)]\s|[a-zđ]\)\s|[-+–•]\s|[IVX]+\.\s)")


def join_continuations(doc: Document) -> None:
    """Join a paragraph with the next one when a page break (or a line wrap) cut a sentence:
    the next starts with “=” (a number continued), or with a lower-case letter or a number that is
    not a list number, and the previous does not end a sentence."""
    out = []
    for b in doc.blocks:
        if isinstance(b, Para) and out and isinstance(out[-1], Para) and _continues(out[-1], b):
            out[-1].pieces.extend(b.pieces)
            out[-1]._text = None
            continue
        out.append(b)
    for k, b in enumerate(out):
        b.index = k
    doc.blocks = out


def _continues(prev: Para, cur: Para) -> bool:
    p, c = prev.text.rstrip(), cur.text.lstrip()
    if not p or not c or cur.level is not None or prev.level is not None:
        return False
    if c.startswith("=") and not p.endswith((".", ";")):
        return True
    if p.endswith(_TERMINAL) or _LIST_START.match(c):
        return False
    if p.isupper() and len(p) < 200:  # a heading in capitals
        return False
    first = c[0]
    if first in LOWER_VN or first.islower():
        return True
    if first.isdigit() and not re.match(r"^\d{1,2}(\.\d{1,2})*[.)]?\s+[" + UPPER_VN + "]", c):
        # “60,652 tỷ đồng …” after “… đạt”: a number continues the sentence.
        return bool(re.search(r"(đạt|là|được|bằng|có|gồm|với|từ|lên|còn|khoảng|trên|dưới|của|và|,)$", p))
    return False


# ---------------------------------------------------------------------------- sections

@dataclass
class Section:
    """A section of the report: its number, heading, level and part (results, plan …)."""
    id: str
    number: str | None
    heading: str
    level: int
    part: str | None
    src: SourceLoc | None
    para: Para | None = None
    text: list[str] = field(default_factory=list)
    parent: Section | None = None


@dataclass
class Layout:
    """The document's structure: header, sections, headings, list items, body, signature."""
    meta: dict
    sections: list[Section]
    section_of: dict[int, Section]          # block index -> section
    items: dict[int, Numbering]             # block index -> numbering of a list item / bullet
    headings: dict[int, Section]            # block index -> the section it heads
    body: list[int]                         # block indices of the body (preamble to closing)
    recipients: list[str]
    signatory: dict | None
    meta_spans: list[tuple[int, int, int]]  # (block, start, end) consumed by the header
    header_blocks: set[int] = field(default_factory=set)


_UNIT_KIND = {"xã": "xa", "phường": "phuong", "thị trấn": "thi_tran", "huyện": "huyen", "quận": "quan",
              "thị xã": "thi_xa", "thành phố": "thanh_pho", "tỉnh": "tinh", "đặc khu": "dac_khu"}
_KIND_WORDS = "thị trấn|thị xã|thành phố|đặc khu|xã|phường|huyện|quận"
_NAME = rf"[{UPPER_VN}][{LOWER_VN}{UPPER_VN}]*(?:\s+[{UPPER_VN}][{LOWER_VN}{UPPER_VN}]*){{0,3}}"
_UNIT_MENTION = re.compile(rf"\b({_KIND_WORDS})\s+({_NAME})", re.I)
_UNIT_MENTION_CS = re.compile(rf"(?<![\w])({_KIND_WORDS}|Thị trấn|Thị xã|Thành phố|Xã|Phường|Huyện|Quận)\s+({_NAME})")
# (the first letter consumed, the word boundary before it looked back at from after it: `re`
# skips to that letter in one step; the same matches, tests/test_first_char_patterns.py)
_PROVINCE = re.compile(rf"t(?<!\w.)ỉnh\s+({_NAME})")
_DISTRICT = re.compile(rf"([htq](?<!\w[\s\S])(?:(?<=h)uyện|(?<=t)hị xã|(?<=t)hành phố|(?<=q)uận))\s+({_NAME})")  # (the same way)
# “Số: 85/BC-UBND”, “Số:    /BC-UBND”, never “Số điện thoại: …”, “Số đơn …” (a word follows)
_NUMBER_LINE = re.compile(r"^Số\s*(?:[:.]\s*|(?=[\d/…._]))(?P<no>.*)$", re.I)
_DATE_LINE = re.compile(r"^(?P<place>[^,\d]{2,80}?),\s*(?P<date>ngày\b.*?năm\s*(?P<y>\d{4}))", re.I)
_DATE_PARTS = re.compile(r"ngày\s*(?P<d>\d{1,2})?\s*tháng\s*(?P<m>\d{1,2})?\s*năm\s*(?P<y>\d{4})", re.I)
_TITLE_WORD = re.compile(r"^BÁO\s*CÁO\b\s*[:.]?\s*(?P<rest>.*)$")
# another act's type on a line of its own after the header (“NGHỊ QUYẾT”, “QUYẾT ĐỊNH”, “TỜ TRÌNH”,
# “KẾ HOẠCH”): its title is the next paragraph, as a report's. Never “QUYẾT ĐỊNH:” (the operative part)
_ACT_WORD = re.compile(r"^\s*(?:NGHỊ\s+QUYẾT|QUYẾT\s+ĐỊNH|TỜ\s+TRÌNH|KẾ\s+HOẠCH|THÔNG\s+BÁO|CHỈ\s+THỊ)\s*(?P<rest>)$")
_ISSUER = re.compile(rf"^(?:ỦY|UỶ|Ủy|Uỷ)\s*BAN\s+NHÂN\s+DÂN\s*(?P<kind>{_KIND_WORDS})?\s*(?P<name>.*)$|^UBND\s+(?P<kind2>{_KIND_WORDS})\s+(?P<name2>.+)$", re.I)
_MOTTO = re.compile(r"C[ỘO]NG\s+H(?:ÒA|OÀ|OA)\s+X[ÃA]\s+H[ỘO]I|Đ[ỘO]C\s+L[ẬA]P\s*[-–—]", re.I)
_RULE_LINE = re.compile(r"^[-_–—=*.\s]*$")
_ISSUER_WORD = re.compile(r"(?:ỦY|UỶ|Ủy|Uỷ)\s*BAN\s+NHÂN\s+DÂN|(?<![^\W\d_])UBND(?![^\W\d_])", re.I)
_CLOSING = re.compile(r"^Trên\s+đây\s+là\b", re.I)
_APPENDIX_HEAD = re.compile(r"^(?:PHỤ\s*LỤC|Phụ\s*lục)\b(?![^:]{0,60}\bkèm\s+theo\s+báo\s+cáo\s+này\s*\)?\s*$)")
_RECIPIENTS = re.compile(r"^Nơi\s+nhận\s*:?", re.I)
# (“Q.” is “acting” only before an office, “Q. CHỦ TỊCH”; “Q. THÀNH” under a press article is a byline)
_ON_BEHALF = re.compile(r"^(?:(?:TM|KT|TL|TUQ)\.\s*\S|Q\.\s*(?:CHỦ\s+TỊCH|GIÁM\s+ĐỐC|TRƯỞNG|CHÁNH|BÍ\s+THƯ|PHÓ|TỔNG|VIỆN))",
                        re.I)
_SIGN_TITLE = re.compile(r"^(?:KT\.\s*)?(?:PHÓ\s+)?CHỦ\s+TỊCH$|^(?:PHÓ\s+)?CHỦ\s+TỊCH\b|^TRƯỞNG\s+PHÒNG|^GIÁM\s+ĐỐC", re.I)
def _sig_line(t: str) -> bool:
    """A line of a signature block is short, has no number and is not a sentence."""
    return len(t.split()) <= 10 and not re.search(r"\d", t) and not t.endswith((".", ";", ","))


# (a given name may be one letter: “Nguyễn Thị Ý”, and the usual “Nguyễn Văn A”)
# (a given name of the Central Highlands' peoples may open with one letter or “H'”: “Y Hoan Byă”, “H'Yim Kđoh”)
_PERSON = re.compile(rf"^[{UPPER_VN}](?:[{LOWER_VN}]+|'[{UPPER_VN}][{LOWER_VN}]*)?(?:\s+[{UPPER_VN}][{LOWER_VN}]*){{1,4}}$")
_PLAN = re.compile(r"phương\s+hướng|nhiệm\s+vụ\s+(?:trọng\s+tâm\s+)?(?:năm|\d+\s+tháng\s+cuối|quý)|kế\s+hoạch\s+năm|"
                   r"\d+\s+tháng\s+cuối\s+năm|giải\s+pháp\s+năm|nhiệm\s+vụ,\s+giải\s+pháp", re.I)
# words of a heading about what was done; written before the plan's words they make it a results heading
# (“KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2024”, “Tình hình thực hiện kế hoạch năm 2024”)
_RESULTS_WORDS = re.compile(r"kết\s+quả|đánh\s+giá|tình\s+hình|thực\s+hiện|đã\s+đạt", re.I)


def plan_heading(heading: str, rx: re.Pattern[str] | None = None) -> bool:
    """A heading of the plan part: it names next period's tasks (“PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025”,
    “NHIỆM VỤ TRỌNG TÂM 3 THÁNG CUỐI NĂM”), and no words about what was done come before them."""
    m = (rx or _PLAN).search(heading)
    if m is None:
        return False
    r = _RESULTS_WORDS.search(heading, 0, m.start())
    return r is None


_ACT_PLAN = re.compile(rf"{_PLAN.pattern}|mục\s+tiêu|chỉ\s+tiêu\s+(?:chủ\s+yếu\s+)?năm|kế\s+hoạch|dự\s+toán|phân\s+bổ",
                       re.I)
_YEAR_LINE = re.compile(r"^\s*(?:19|20)\d{2}\s*$")


def _title_goes_on(title: str, line: str) -> bool:
    """The next line continues a title: a bare year, or more capitals (not the issuing body, the
    motto, a numbered heading, “Căn cứ”), after a title in capitals that does not end a sentence."""
    t = line.strip()
    if _YEAR_LINE.match(t):
        return True
    return bool(t) and title.strip() == title.strip().upper() and t == t.upper() and len(t) < 120 \
        and not title.rstrip().endswith((".", ":", ";")) and not _ISSUER_WORD.search(t) \
        and not re.match(r"^(?:HỘI\s+ĐỒNG|CHỦ\s+TỊCH|KHÓA|KHOÁ|CĂN\s+CỨ|KÍNH\s+GỬI)\b", t) \
        and not _MOTTO.search(t) and numbering(t) is None


def analyse(doc: Document, extra_problems: list | None = None) -> Layout:
    blocks = doc.blocks
    paras = [(i, b) for i, b in enumerate(blocks) if isinstance(b, Para)]
    meta: dict = {}
    meta_spans: list[tuple[int, int, int]] = []
    header_blocks: set[int] = set()

    # ---- header: up to the title (the paragraph after "BÁO CÁO")
    title_idx = None
    for k, (i, p) in enumerate(paras[:40]):
        m = _TITLE_WORD.match(p.text) or (_ACT_WORD.match(p.text) if any(
            _MOTTO.search(q.text) or _NUMBER_LINE.match(q.text.strip()) for _j, q in paras[:k]) else None)
        if m and m.re is _ACT_WORD:
            meta["act"] = " ".join(p.text.split()).upper()  # (“KẾ HOẠCH”: the whole act looks forward)
        if m and (p.text.strip().upper() == p.text.strip() or m.group("rest")):
            header_blocks.add(i)
            rest = m.group("rest").strip()
            if rest and not rest.isupper():
                title_idx, _title_para = i, p
                meta["title"] = rest
                meta["title_loc"] = p.loc(m.start("rest"), len(p.text))
            elif k + 1 < len(paras):
                j, q = paras[k + 1]
                title_idx, _title_para = j, q
                meta["title"] = q.text.strip()
                meta["title_loc"] = q.loc(0, len(q.text))
                for j2, q2 in paras[k + 2:k + 4]:
                    # “VỀ KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM” / “2021”, “… CHI NGÂN SÁCH TỈNH” / “NĂM 2019,
                    # TỈNH BÌNH PHƯỚC”: the title goes on over a line or two of capitals
                    if not _title_goes_on(meta["title"], q2.text):
                        break
                    meta["title"] = f"{meta['title']} {q2.text.strip()}"
                    header_blocks.add(j2)
                    title_idx = j2
            break
    header_end = title_idx if title_idx is not None else -1
    if title_idx is not None:
        header_blocks.add(title_idx)
    issuer_lines: list[str] = []
    issuer_lines_closed = False
    for i, p in paras:
        if i > header_end and header_end >= 0:
            break
        if header_end < 0 and i > 12:
            break
        t = p.text.strip()
        m = _NUMBER_LINE.match(t)
        if m and "number" not in meta and len(t) < 60:
            meta["number"] = m.group("no").strip()
            meta["number_loc"] = p.loc(m.start("no"), max(m.end("no"), m.start("no") + 1))
            meta_spans.append((i, 0, len(p.text)))
            header_blocks.add(i)
            issuer_lines_closed = bool(issuer_lines)
            continue
        m = _DATE_LINE.match(t)
        if m and "date" not in meta:
            meta["place"] = m.group("place").strip()
            dtext = m.group("date").strip()
            dm = _DATE_PARTS.search(dtext)
            meta["date"] = {"text": dtext,
                            "day": int(dm.group("d")) if dm and dm.group("d") else None,
                            "month": int(dm.group("m")) if dm and dm.group("m") else None,
                            "year": int(m.group("y"))}
            meta["date_loc"] = p.loc(m.start("date"), m.end("date"))
            # only up to the date: what follows it on the line (a page's clock “- 20:02”) is listed, not swallowed
            meta_spans.append((i, 0, p.text.find(t) + m.end("date")))
            header_blocks.add(i)
            continue
        if _TITLE_WORD.match(t):
            issuer_lines_closed = True
            continue
        motto = bool(_MOTTO.search(t))
        if not motto and (_issuer_line(t) or (issuer_lines and not issuer_lines_closed and t.isupper() and len(t) < 60)):
            issuer_lines.append(t)
            header_blocks.add(i)
            continue
        if motto:
            # the right-hand column, read between the issuer's lines when the header was a
            # two-column table: it does not end the issuer
            header_blocks.add(i)
            continue
        if _RULE_LINE.match(t):
            continue
        if issuer_lines:
            issuer_lines_closed = True
    if issuer_lines:
        meta["issuer_text"] = " ".join(issuer_lines)

    # ---- end: "Nơi nhận", signature; closing "Trên đây là"
    end_idx = len(blocks)
    recipients: list[str] = []
    signatory: dict | None = None
    rec_idx = next((i for i, p in paras if _RECIPIENTS.match(p.text.strip()) and i > header_end), None)
    closing_idx = next((i for i, p in paras if _CLOSING.match(p.text.strip()) and i > header_end
                        and (rec_idx is None or i < rec_idx)), None)
    sig_paras = []
    # Appendices attached after the signature (“PHỤ LỤC 1 …” with their tables) are read too.
    after_from = rec_idx if rec_idx is not None else (closing_idx if closing_idx is not None else header_end)
    appx_idx = next((i for i, p in paras if i > after_from and _APPENDIX_HEAD.match(p.text.strip())), None)
    if appx_idx is not None:
        paras = [(i, p) for i, p in paras if i < appx_idx]
    if rec_idx is not None:
        end_idx = rec_idx
        tail = [(i, p) for i, p in paras if i > rec_idx]
        first = blocks[rec_idx]
        after = _RECIPIENTS.sub("", first.text.strip()).strip()
        if after:
            recipients.append(re.sub(r"^[-+–•]\s*", "", after))
        for i, p in tail:
            t = p.text.strip()
            if re.match(r"^[-+–•]\s*", t):
                recipients.append(re.sub(r"^[-+–•]\s*", "", t))
            else:
                sig_paras.append((i, p))
    else:
        # No recipients block: the signature is the last short paragraphs after the body.
        tail = [(i, p) for i, p in paras if i > (closing_idx if closing_idx is not None else header_end)]
        # (an office written in sentence case as the last line, with no “TM.”/“KT.” above it, is an excerpt that stops
        # at a caption or a sentence's first words (“Phó Chủ tịch UBND”), not a signature in capitals)
        on_behalf = any(_ON_BEHALF.match(p.text.strip()) for _i, p in tail[-4:])
        for i, p in reversed(tail[-4:]):
            t = p.text.strip()
            if not _sig_line(t):
                break  # a sentence of the body (“Chủ tịch UBND huyện tặng … cho 620 cá nhân.”)
            if not on_behalf and _SIGN_TITLE.match(t) and t != t.upper():
                break
            if _ON_BEHALF.match(t) or _SIGN_TITLE.match(t) or (_PERSON.match(t) and not sig_paras):
                sig_paras.insert(0, (i, p))
            else:
                break
        if sig_paras:
            end_idx = sig_paras[0][0]
    if sig_paras:
        signatory = {"on_behalf": None, "title": None, "name": None}
        for i, p in sig_paras:
            t = p.text.strip()
            if _ON_BEHALF.match(t) and not _SIGN_TITLE.match(t):
                signatory["on_behalf"] = t
            elif _SIGN_TITLE.match(t) and not signatory["title"]:
                signatory["title"] = t
            elif _PERSON.match(t):
                signatory["name"] = t
        if not any(signatory.values()):
            signatory = None
    body_end = closing_idx if closing_idx is not None else end_idx

    # ---- sections
    body = [i for i in range(header_end + 1, end_idx)]
    nums: dict[int, Numbering] = {}
    for i in body:
        b = blocks[i]
        if isinstance(b, Para):
            n = numbering(b.text)
            if n:
                nums[i] = n
    heading_idx = _decide_headings(blocks, body, nums, body_end)
    sections: list[Section] = []
    section_of: dict[int, Section] = {}
    headings: dict[int, Section] = {}
    items: dict[int, Numbering] = {}
    first_heading = min(heading_idx) if heading_idx else body_end
    pre = Section("preamble", None, "Mở đầu", 0, "other", None)
    has_pre = any(isinstance(blocks[i], Para) for i in body if i < first_heading)
    if has_pre:
        sections.append(pre)
    stack: list[tuple[str, Section]] = []
    ids: Counter = Counter()
    current: Section | None = pre if has_pre else None
    part_of_doc: str | None = None
    skip_next: set[int] = set()
    for i in body:
        b = blocks[i]
        if i in skip_next:
            continue
        if i >= body_end:
            if i == closing_idx:
                current = Section("closing", None, "Kết thúc", 0, "other", None)
                sections.append(current)
            if current is not None:
                section_of[i] = current
                if isinstance(b, Para) and not is_debris(b.text):
                    current.text.extend(b.lines())
            continue
        if i in heading_idx:
            n = nums.get(i)
            style = _style_key(n, b)
            while stack and stack[-1][0] != style and style in [s for s, _ in stack]:
                stack.pop()
            if stack and stack[-1][0] == style:
                stack.pop()
            parent = stack[-1][1] if stack else None
            level = len(stack) + 1
            text = b.text
            number = n.label if n else None
            heading = text[n.rest_start:].strip() if n else text.strip()
            hloc = b.loc(n.rest_start if n else 0, len(text))
            inline = None
            if n and n.kind == "part":
                part_of_doc = {1: "results", 2: "plan"}.get(n.value[0], "other")
                if not heading:
                    # The heading text is the next paragraph (“Phần thứ nhất” / “KẾT QUẢ …”).
                    nxt = next((j for j in body if j > i and isinstance(blocks[j], Para)), None)
                    if nxt is not None and nxt not in heading_idx and len(blocks[nxt].text) < 250:
                        heading = blocks[nxt].text.strip()
                        hloc = blocks[nxt].loc(0, len(heading))
                        skip_next.add(nxt)
                        section_of[nxt] = None  # type: ignore[assignment]
            elif n and ": " in heading and n.kind in ("arabic", "alpha", "roman"):
                head, _, tail = heading.partition(": ")
                if tail.strip() and len(head) < 200:
                    heading, inline = head.strip(), tail.strip()
            own = _own_id(n, heading, len(sections))
            sid = f"{parent.id}.{own}" if parent else own
            ids[sid] += 1
            if ids[sid] > 1:
                sid = f"{sid}_{ids[sid]}"
            if n is not None and n.kind == "part":
                part = part_of_doc
            elif n is not None and n.kind == "article" and plan_heading(heading, _ACT_PLAN):
                part = "plan"  # (an article on next year's targets, under “QUYẾT NGHỊ:”)
            elif parent is not None:
                part = parent.part
            else:
                part = "plan" if plan_heading(heading) else "results"
            sec = Section(sid, number, heading, level, part, hloc, b, parent=parent)
            if inline:
                sec.text.append(inline)
            sections.append(sec)
            stack.append((style, sec))
            headings[i] = sec
            section_of[i] = sec
            current = sec
            continue
        if current is None:
            current = pre
            sections.insert(0, pre)
        section_of[i] = current
        if isinstance(b, Para):
            if not is_debris(b.text):  # a page number is not text of the section
                current.text.extend(b.lines())
            if i in nums:
                items[i] = nums[i]
    if appx_idx is not None:
        current = None
        for i in range(appx_idx, len(blocks)):
            b = blocks[i]
            if isinstance(b, Para) and _APPENDIX_HEAD.match(b.text.strip()):
                k = sum(1 for x in sections if x.id.startswith("appx")) + 1
                current = Section(f"appx{k}", None, b.text.strip(), 1,
                                  "plan" if plan_heading(b.text) else "results", b.loc(0, len(b.text)), b)
                sections.append(current)
                headings[i] = current
            elif isinstance(b, Para) and current is not None and not is_debris(b.text):
                current.text.extend(b.lines())
            if current is not None:
                section_of[i] = current
                body.append(i)
    section_of = {k: v for k, v in section_of.items() if v is not None}
    return Layout(meta, sections, section_of, items, headings, body, recipients, signatory, meta_spans,
                  header_blocks)


def _style_key(n: Numbering | None, b: Para) -> str:
    if n is None:
        return f"style:{b.level}" if b.level is not None else "caps"
    if n.kind == "arabic":
        return f"arabic{n.depth}"
    return n.kind


def _own_id(n: Numbering | None, heading: str, k: int) -> str:
    if n is None:
        return f"h{k}"
    if n.kind == "part":
        return f"p{n.value[0]}"
    if n.kind == "roman":
        return n.label.rstrip(".)/ ").strip()
    if n.kind == "arabic":
        return str(n.value[-1])
    if n.kind == "alpha":
        return n.label.rstrip(")").strip()
    return f"h{k}"


def _decide_headings(blocks: list, body: list[int], nums: dict[int, Numbering], body_end: int) -> set[int]:
    heads: set[int] = set()
    for i in body:
        if i >= body_end:
            break
        b = blocks[i]
        n = nums.get(i)
        if isinstance(b, Para) and b.level is not None and b.level >= 1 and len(b.text) < 300:
            heads.add(i)
        elif n and n.kind in ("part", "roman"):
            heads.add(i)
        elif n and n.kind == "article" and isinstance(b, Para) and len(b.text.split()) <= 25 \
                and not b.text.rstrip().endswith((".", ";", ":", ",")):
            heads.add(i)  # “Điều 2. Mục tiêu …” heads what follows; “Điều 1. Tặng Giấy khen cho …” is a sentence
        elif n is None and isinstance(b, Para) and _caps_heading(b.text):
            prev = next((j for j in range(i - 1, -1, -1) if isinstance(blocks[j], Para)), None)
            if prev is not None and prev in nums and nums[prev].kind == "part":
                continue  # heading text of a “Phần” (handled with it)
            heads.add(i)
    # sibling groups of arabic / alpha numbering; an item stating a value (“…: 500 tỷ đồng =
    # 104,2% KH”) is a list item, never a heading
    valued = {i for i in body if i in nums and nums[i].kind in ("arabic", "alpha")
              and _states_value(blocks[i].text[nums[i].rest_start:])}
    groups: list[list[int]] = []
    open_groups: dict[tuple, list[int]] = {}
    for i in body:
        if i >= body_end:
            break
        n = nums.get(i)
        if n is None or n.kind not in ("arabic", "alpha"):
            continue
        key = (n.kind, n.depth, n.value[:-1])
        last = open_groups.get(key)
        if last is not None and nums[last[-1]].value[-1] + 1 == n.value[-1]:
            last.append(i)
        else:
            g = [i]
            groups.append(g)
            open_groups[key] = g
    for g in groups:
        if sum(1 for i in g if i in valued) * 2 >= len(g):
            continue
        g = [i for i in g if i not in valued]
        if not g:
            continue
        with_body = sum(1 for i in g if _has_body(blocks, i, nums, body_end))
        long = any(len(blocks[i].text) > 260 for i in g)
        if with_body * 2 >= len(g) and with_body > 0 and not long:
            heads.update(i for i in g if len(blocks[i].text) <= 260)
    return heads


_VALUE = None


def _states_value(rest: str) -> bool:
    global _VALUE
    if _VALUE is None:
        from auditor.extract.vn import NUM, UNIT

        _VALUE = re.compile(rf"(?<![\w/.,]){NUM}\s*(?:%|(?:{UNIT})(?![\wđ]))|%\s*(?:KH|CK)\b|:\s*{NUM}\s*$", re.I)
    return bool(_VALUE.search(rest))


def _caps_heading(t: str) -> bool:
    s = t.strip()
    if not 8 <= len(s) <= 200:  # (before the letters are listed: most paragraphs are longer)
        return False
    letters = [c for c in s if c.isalpha()]
    return (len(letters) >= 6 and all(not c.islower() for c in letters)
            and len(s.split()) >= 2 and not s.startswith(("TM.", "KT.")))


def _has_body(blocks: list, i: int, nums: dict[int, Numbering], body_end: int) -> bool:
    j = i + 1
    if j >= body_end or j >= len(blocks):
        return False
    b = blocks[j]
    if isinstance(b, TableBlock):
        return True
    n = nums.get(j)
    if n is None:
        return not _caps_heading(b.text)
    return n.kind == "bullet"


# ---------------------------------------------------------------------------- unit, period

def infer_unit(doc: Document, meta: dict, preamble_text: str) -> dict:
    text = "\n".join(b.text for b in doc.blocks if isinstance(b, Para))
    place = meta.get("place") or ""
    issuer = meta.get("issuer_text") or ""
    kind = name = None
    m = _last_issuer(issuer) if issuer else None
    if m:
        k = (m.group("kind") or m.group("kind2") or "").lower()
        nm = (m.group("name") or m.group("name2") or "").strip()
        nm = _MOTTO.split(nm)[0].strip()
        if k and nm:
            kind, name = _UNIT_KIND.get(k), _title_case(nm)
    if kind is None:
        pm = re.match(rf"^({_KIND_WORDS})\s+(.+)$", place, re.I)
        if pm:
            kind, name = _UNIT_KIND.get(pm.group(1).lower()), pm.group(2).strip()
    if kind is None and place:
        cands = Counter()
        for mm in _UNIT_MENTION.finditer(text):
            if fold(mm.group(2)).startswith(fold(place)) or fold(place).startswith(fold(mm.group(2))):
                cands[mm.group(1).lower()] += 1
        if cands:
            kind = _UNIT_KIND.get(cands.most_common(1)[0][0])
            name = place
    if kind is None:
        mm = _UNIT_MENTION_CS.search(preamble_text or "")
        if mm:
            kind, name = _UNIT_KIND.get(mm.group(1).lower()), mm.group(2).split("\n")[0].strip()
    if name is None:
        name = place or "?"
    kw = next((w for w, k in _UNIT_KIND.items() if k == kind), None)
    issuer_out = f"UBND {kw} {name}" if kw else None
    province = _most_common(_PROVINCE, text, 1, exclude=fold(name) if kind == "tinh" else None)
    district = None
    if kind in ("xa", "phuong", "thi_tran"):
        district = _most_common(_DISTRICT, text, 2, exclude=fold(name))
    return {"issuer": issuer_out, "unit": {"name": name, "kind": kind, "district": district, "province": province}}


def _issuer_line(t: str) -> bool:
    """“ỦY BAN NHÂN DÂN”, “UBND XÃ HOÀNG KIM”, “Ủy ban nhân dân huyện Trùng Khánh”: a short line
    whose words after the unit's kind are a name (capitalised), not a sentence that starts with
    “UBND huyện …”."""
    m = _ISSUER.match(t)
    if not m or len(t) > 90:
        return False
    name = (m.group("name") or m.group("name2") or "").strip()
    return all(w[:1].isupper() or w[:1].isdigit() for w in name.split())


def _last_issuer(issuer: str) -> re.Match | None:
    """The issuing committee: with its superior above it (“UBND HUYỆN A / UBND XÃ B”), the last
    one named."""
    for w in reversed(list(_ISSUER_WORD.finditer(issuer))):
        m = _ISSUER.match(issuer[w.start():])
        if m and (m.group("kind") or m.group("kind2")) and (m.group("name") or m.group("name2") or "").strip():
            return m
    return _ISSUER.match(issuer)


def _title_case(s: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in s.split())


def _most_common(rx: re.Pattern, text: str, group: int, exclude: str | None = None) -> str | None:
    c: Counter = Counter()
    spell: dict[str, Counter] = {}
    for m in rx.finditer(text):
        nm = m.group(group).strip()
        nm = re.split(r"\s+(?:về|và|của|tại|trên|theo|năm|giai)\b", nm)[0]
        key = fold(nm)
        if exclude and key == exclude:
            continue
        c[key] += 1
        spell.setdefault(key, Counter())[nm] += 1
    if not c:
        return None
    key = c.most_common(1)[0][0]
    return spell[key].most_common(1)[0][0]


_PERIOD_PATTERNS = [
    (re.compile(r"6\s*tháng\s+đầu\s+năm(?:\s+(\d{4}))?", re.I), "half_year"),
    (re.compile(r"(?:sáu|06)\s*tháng\s+đầu\s+năm(?:\s+(\d{4}))?", re.I), "half_year"),
    (re.compile(r"9\s*tháng(?:\s+đầu)?\s+năm(?:\s+(\d{4}))?", re.I), "nine_months"),
    (re.compile(r"quý\s+(?:I{1,3}|IV|\d)(?:\s+năm)?(?:\s+(\d{4}))?", re.I), "quarter"),
    (re.compile(r"(?<![\w/])năm\s+(\d{4})", re.I), "year"),
]


_FORWARD = re.compile(r"^\s*(?:về\s+(?:việc\s+)?)?(?:(?:quyết\s+định|phê\s+duyệt|phê\s+chuẩn|thông\s+qua|ban\s+hành)\s+)?"
                      r"(?:dự\s+toán|kế\s+hoạch|giao\s+(?:chỉ\s+tiêu|kế\s+hoạch|dự\s+toán)|"
                      r"phân\s+bổ|phương\s+án|phương\s+hướng|nhiệm\s+vụ|mục\s+tiêu|chỉ\s+tiêu|chương\s+trình|quy\s+hoạch)",
                      re.I)


_FORWARD_ACTS = frozenset({"KẾ HOẠCH", "CHỈ THỊ"})   # acts that only plan, whatever their title says


def infer_period(title: str, date_year: int | None, act: str | None = None) -> dict:
    for rx, kind in _PERIOD_PATTERNS:
        m = rx.search(title)
        if not m:
            continue
        year = int(m.group(1)) if m.group(1) else None
        if year is None:
            later = re.search(r"(?<![\d/])((?:19|20)\d{2})(?!\d)", title[m.end():])
            year = int(later.group(1)) if later else date_year
        if kind == "half_year":
            return {"kind": kind, "year": year, "start": f"{year}-01-01" if year else None,
                    "end": f"{year}-06-30" if year else None,
                    "label": f"6 tháng đầu năm {year}" if year else m.group(0)}
        if kind == "nine_months":
            return {"kind": kind, "year": year, "start": f"{year}-01-01" if year else None,
                    "end": f"{year}-09-30" if year else None, "label": m.group(0)}
        if kind == "year":
            forward = _FORWARD.match(title) is not None or act in _FORWARD_ACTS
            if act and year is not None and date_year is not None and (not forward or year > date_year + 1):
                # an act that is no review (“sửa đổi Quy chế thi đua …”, “Quy hoạch … đến năm 2040”): the year
                # it names is not a period reviewed, so no review's date window, no headings held to it
                return {"kind": "other", "year": year, "label": None}
            if year is not None and date_year is not None and year > date_year and act in _FORWARD_ACTS:
                # a plan for the coming year (“KẾ HOẠCH … năm 2025” dated 20/05/2024) reviews nothing: no
                # year-end review's date window
                return {"kind": "other", "year": year, "label": f"năm {year}"}
            if year is not None and date_year is not None and year > date_year and forward:
                # “Về nhiệm vụ phát triển kinh tế - xã hội năm 2025”, “Về dự toán thu ngân sách … năm 2020”
                # dated in the year before: an act for the coming year, adopted on the year that ends
                # (its results part is that year's, its targets the next one's: as an annual review's)
                year = date_year
            elif year is not None and date_year is not None and year == date_year and forward:
                # “Về nhiệm vụ, giải pháp chủ yếu … năm 2023” dated 08/02/2023: the year's plan, not a review of it
                return {"kind": "other", "year": year, "label": f"năm {year}"}
            return {"kind": "year", "year": year, "start": f"{year}-01-01", "end": f"{year}-12-31",
                    "label": f"năm {year}"}
        return {"kind": kind, "year": year, "label": m.group(0)}
    if date_year:
        return {"kind": "other", "year": date_year, "label": None}
    return {"kind": "other", "year": None, "label": None}

