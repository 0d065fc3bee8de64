"""Patterns of the reader rewritten so that `re` can skip to where a match may start (issue 16):
a lookahead for the alternatives' first letters, or the mark consumed first and what precedes
it looked back at from after it. Each finds exactly what it found as it was written before, on
every text of the corpora and on generated texts."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.extract import awards, build, layout, links, period, prose, refs, roles, totals, vn
from auditor.extract import text as text_mod
from auditor.read import sniff

ROOT = Path(__file__).resolve().parent.parent
U = vn.UPPER_VN

# (the pattern now, the pattern as it was written before)
_PAIRS: list[tuple[re.Pattern[str], re.Pattern[str]]] = [
    (build._GLUED, re.compile(r"(?<=[^\W\d_])\d+")),
    (vn.SENT_END, re.compile(r"(?<=[^\d\s])\.(?=\s+[" + U + r"\-+•(“\"]|\s*$)|(?<=\d)\.(?=\s+[" + U + r"]|\s*$)|"
                             r"(?<=[^\S\n])\.(?=[^\S\n]+[" + U + r"])")),
    (prose._CLAUSE_BREAK, re.compile(r"[;:(]|(?<=[^\d\s])\.(?=\s)|\.(?=\s+[" + U + r"])|\)")),
    (roles._FLOOR_BREAK, re.compile(r";|(?<=[^\d\s])\.(?=\s)|\.(?=\s+[A-ZĐ])")),
    (prose._MARKER, re.compile(r"(?<![\wđ])(trong\s+đó|trong\s+số\s+đó|bao\s+gồm|gồm\s+có|gồm|cụ\s+thể|chia\s+ra|"
                               r"chia\s+thành|phân\s+thành)(?![\wđ])\s*[:,]?\s*", re.I)),
    (totals._MARKER, re.compile(r"(?<![\w])(trong\s+đó|trong\s+số\s+đó|bao\s+gồm|gồm\s+có|gồm|cụ\s+thể|chia\s+ra|"
                                r"chia\s+thành|phân\s+thành|" + totals._BY + r")(?![\w])\s*[:,]?\s*", re.I)),
    (prose._COUNCIL, re.compile(r"Hội\s+đồng\s+(?:thi\s+đua|TĐKT|Thi\s+đua)|HĐTĐKT|HĐ\s*TĐKT", re.I)),
    (period._ESTIMATE, re.compile(r"(?<![\w])(?<!hương\s)(?<!quy\s)(?<!giao\s)(?<!công\s)(?<!điều\s)(?<!mong\s)"
                                  r"(?:ước|dự\s+kiến|dự\s+ước)(?![\w])(?!\s+(?:mơ|nguyện|vọng|muốn|ao))", re.I)),
    (refs._ASOF, re.compile(r"(?:tính\s+)?đến\s+ngày\s+(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*((?:19|20)\d{2})", re.I)),
    (refs._APPX, re.compile(r"(?<![\w])(?:[Pp]hụ\s*lục|PHỤ\s*LỤC)\s*(?:số\s*)?(?P<n>[0-9]{1,2}|[IVX]{1,4}|[A-Z])?\b")),
    (refs._ANNIV, re.compile(r"(?<![\d/])(\d{1,3})\s+năm\s+(?P<what>(?:[Nn]gày\s+)?[^,;.()]{3,90})")),
    (refs._SPAN, re.compile(r"(?<![\d/])((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})(?!\d)")),
    (layout._PROVINCE, re.compile(rf"\btỉnh\s+({layout._NAME})")),
    (layout._DISTRICT, re.compile(rf"\b(huyện|thị xã|thành phố|quận)\s+({layout._NAME})")),
    (awards._TITLE_WORDS, re.compile(awards._TITLE_PLAIN, re.I)),
    (text_mod._RX["md_bold"], re.compile(text_mod._PLAIN["md_bold"])),
    (text_mod._RX["md_italic"], re.compile(text_mod._PLAIN["md_italic"])),
    (text_mod._RX["multi_space"], re.compile(text_mod._PLAIN["multi_space"])),
    (text_mod._WIDE_GAP, re.compile(text_mod._PLAIN["wide_gap"])),
    (refs._PERIOD, re.compile(r"giai\s+đoạn\s+((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})(?!\d)", re.I)),
    (refs._SCHOOL, re.compile(r"năm\s+học(?:\s+[^\W\d]\w*){0,2}?\s+((?:19|20)\d{2})\s*[-–—/]\s*((?:19|20)\d{2})(?!\d)", re.I)),
    (refs._ORDINAL, re.compile(r"năm\s+thứ\s+(\d{1,2}|nhất|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|mười)\b", re.I)),
    (sniff._VNI_SEQ, re.compile(r"[aeiouyAEIOUY][øùûõïåäâáàãéèêëìíîñòóôöúü]|[ñÑ][aeiouAEIOU]")),
    (vn.ANY_NUMBER, re.compile(r"(?<![\w])\d+(?:[.,/]\d+)*")),
    (links._DATE, re.compile(r"\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{2,4})?")),
    (prose._DATES, re.compile(r"\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{2,4})?")),
]
# those that open with a class of their first letters in every case, outside `(?i:…)`: `re` skips
# to a candidate in C (SRE_INFO_CHARSET), which it does not for a case-insensitive letter
_SKIPPING = [prose._MARKER, totals._MARKER, prose._COUNCIL, period._ESTIMATE, refs._ASOF, refs._APPX, awards._TITLE_WORDS,
             refs._PERIOD, refs._SCHOOL, refs._ORDINAL]
# and those that open with the character they take (`re` skips to it as well)
_TAKING = [text_mod._RX["md_bold"], text_mod._RX["md_italic"], text_mod._RX["multi_space"], text_mod._WIDE_GAP,
           layout._DISTRICT, sniff._VNI_SEQ, vn.ANY_NUMBER, links._DATE, prose._DATES]


def _found(rx: re.Pattern[str], text: str) -> list[tuple]:
    return [(m.regs, m.groups(), m.lastindex) for m in rx.finditer(text)]


def test_the_same_matches_on_every_text_of_the_corpora() -> None:
    texts = [p.read_text("utf-8") for p in [*sorted((ROOT / "fixtures" / "seeds").glob("*.txt")),
                                             *sorted((ROOT / "tests" / "data").glob("*/texts/*"))]]
    counts = []
    for new, old in _PAIRS:
        n = 0
        for text in texts:
            got = _found(new, text)
            assert got == _found(old, text), old.pattern[:60]
            n += len(got)
            for a in (0, 7, len(text) // 2):  # (searched from a position, as the reader does)
                m, o = new.search(text, a), old.search(text, a)
                assert (m and (m.regs, m.lastindex)) == (o and (o.regs, o.lastindex))
                m, o = new.match(text, a), old.match(text, a)  # (matched at a position, as totals does)
                assert (m and m.regs) == (o and o.regs)
        counts.append(n)
    assert all(n > 0 for n in counts)


_PIECES = st.one_of(
    st.sampled_from(["trong đó", "Trong số đó", "bao gồm", "gồm có", "GỒM", "cụ thể", "chia ra", "phân thành",
                     "Hội đồng thi đua", "HĐTĐKT", "HĐ TĐKT", "ước", "Ước", "dự kiến", "dự ước", "hương ước", "mong ước",
                     "tính đến ngày", "đến ngày", "Phụ lục", "PHỤ LỤC", "phụ lục số", "ngày", "năm", "mơ",
                     "tỉnh Cao Bằng", "xtỉnh Hà", "huyện Bảo Lạc", "thị xã Sơn Tây", "thành phố Huế", "quận Ba Đình",
                     "Ngày Thương binh", "năm Ngày", "TRONG ĐÓ", "Trong Số Đó", "Bao gồm", "Gồm có", "Cụ Thể",
                     "CHIA THÀNH", "Chia ra", "phân theo xã", "Phân theo từng đơn vị như sau", "PHÂN THÀNH",
                     "hội đồng TĐKT", "HĐ  tđkt", "Hội đồng Thi đua", "ƯỚC", "Dự Kiến", "DỰ ƯỚC", "quy ước",
                     "công ước", "ước mơ", "Tính đến ngày", "TÍNH ĐẾN NGÀY", "Đến ngày", "Phụ Lục", "pHỤ LỤC",
                     "Huân chương", "huy chương", "BẰNG KHEN", "Giấy khen", "Cờ thi đua", "Chiến sĩ thi đua",
                     "chiến sỹ tiên tiến", "Lao động tiên tiến", "Lao động xuất sắc", "Tập thể lao động",
                     "Bà mẹ Việt Nam anh hùng", "Anh hùng", "Kỷ niệm chương", "\u212aỷ niệm chương", "Danh hiệu",
                     "Đơn vị tiên tiến", "đơn vị quyết thắng", "uân chương", "rong đó", "ồm", "ơn vị",
                     "giai đoạn 2021 - 2025", "GIAI ĐOẠN 2020–2025", "Năm học 2023-2024", "năm học mới 2024 / 2025",
                     "NĂM THỨ hai", "năm thứ 3", "Năm thứ nhất", "iai đoạn 2021-2025", "ăm học 2023-2024",
                     "oø", "Aù", "ñe", "Ña", "ña", "uõ", "ñ", "huyeän", "1/2", "12 / 3 / 2024", "05/10/24", "123/4"]),
    st.sampled_from(["12", "5", "3/4/2024", "1.200", "a12", "x9", "Đ3", "_4", "2024", "1945", "2016-2020",
                     "/2019", "12019", "2020 – 2025", "75 năm ", "/75 năm "]),
    st.sampled_from([". ", ".", " . ", "; ", ": ", "(", ")", " ", "  ", "\n", ", ", ".\n", "-", "+", "•", "“", '"',
                     "A", "Đ", "b", "Ư", "ư", "đ"]),
    st.sampled_from(["ſ", "K", "İ", "ı", "Ɖ", "ß", "\u0301", "٣"]),
    st.sampled_from(["*", "**", "***", "_", "__", "___", "x__y", " __ ", "*a*", "**b**", "a*b*c", "*\n*", "\t", " \t ",
                     "    ", "\u00a0\u00a0 \u00a0", "     x", "\u00a0", "`", "*_", "_*"]),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_the_same_matches_on_generated_texts(text: str) -> None:
    for new, old in _PAIRS:
        assert _found(new, text) == _found(old, text), old.pattern[:60]


@pytest.mark.parametrize("i", range(len(_PAIRS)))
def test_the_same_groups(i: int) -> None:
    new, old = _PAIRS[i]
    assert new.groups == old.groups and new.groupindex == old.groupindex
    # (a pattern that opens with a class of its first letters in every case is case-insensitive only
    # after it, inside `(?i:…)`)
    assert new.flags | re.I == old.flags | re.I
    assert new.flags == old.flags or new in _SKIPPING


@pytest.mark.parametrize("rx", _SKIPPING + _TAKING)
def test_the_rewritten_patterns_open_with_a_class_re_skips_to(rx: re.Pattern[str]) -> None:
    from re import _compiler, _parser  # type: ignore[attr-defined]

    code = _compiler._code(_parser.parse(rx.pattern, rx.flags), rx.flags)
    assert code[2] & (4 | 1)  # SRE_INFO_CHARSET or SRE_INFO_PREFIX (a literal prefix)
    assert not rx.flags & re.I


def test_each_first_letter_class_holds_every_character_re_folds_to_its_letters() -> None:
    """The classes written out: the Kelvin sign folds to “k”; no other character folds to the
    first letters these patterns use (as “ſ” does to “s” or “İ” to “i”)."""
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    for rx in _SKIPPING:
        cls = re.match(r"\(?(\[[^]]+\])", rx.pattern)
        assert cls, rx.pattern[:40]
        letters = set(re.findall(cls.group(1), every))
        folded = set(re.findall(cls.group(1), every, re.I))
        assert letters == folded, rx.pattern[:40]
