"""Fast paths of reading a .docx (issue 16), each compared with the code it replaces."""

from __future__ import annotations

import functools
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.extract import docx as D
from auditor.read import sniff

# TCVN3 and VNI mojibake, Vietnamese letters, plain letters, spaces
_ALPHABET = "¸µ¶·¹¨©ª«¬®¯°±æøùûõïåäâáàãéèêëñÑăđơưĩũạếởabcoAEO \n"
_FONTS = (".VnTime", "VNI-Times", "Times New Roman", "Arial")


@functools.cache
def _docx_with_font(font: str) -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph().add_run("Báo cáo năm 2024").font.name = font
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _old_legacy_docx(text: str, data: bytes) -> bool:
    """The test as it was: the fonts read first, always."""
    legacy_fonts = {f for f in D.docx_fonts(data) if D.LEGACY_FONT_RE.match(f)}
    return bool(sniff.legacy_font_text(text) or (legacy_fonts and sniff.legacy_font_text(text + " ")))


@settings(max_examples=150, deadline=None)
@given(st.text(_ALPHABET, max_size=120), st.sampled_from(_FONTS))
def test_the_fonts_never_changed_the_legacy_test(text: str, font: str) -> None:
    """`extract._extract` no longer reads the fonts: the test on the text alone decides as the
    test with the fonts did, with or without a legacy font in the file."""
    data = _docx_with_font(font)
    assert sniff.legacy_font_text(text) == _old_legacy_docx(text, data)
    # why: a trailing space changes nothing the text test counts
    assert sniff.legacy_font_text(text + " ") == sniff.legacy_font_text(text)


def test_a_legacy_docx_is_still_refused_and_a_unicode_one_read(tmp_path) -> None:  # noqa: ANN001 - pytest's
    from auditor.extract import extract

    assert D.docx_fonts(_docx_with_font(".VnTime")) >= {".VnTime"}
    for text, refused in (("Báo cáo tổng kết công tác thi đua, khen thưởng năm 2024", False),
                          ("B¸o c¸o Tæng kÕt c«ng t¸c thi ®ua khen th­ëng n¨m 2022 KÕt qu¶ ®¹t ®­îc", True)):
        import docx

        d = docx.Document()
        d.add_paragraph().add_run(text).font.name = ".VnTime"
        p = tmp_path / "f.docx"
        d.save(p)
        ex = extract(p)
        assert any(x.rule_id == "INP005" and "TCVN3" in x.vi for x in ex.problems) == refused


# ---- calendar mentions: each pattern searched only in a paragraph holding a character it needs

import re  # noqa: E402
from pathlib import Path  # noqa: E402

from auditor.extract import refs  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

# (pattern, the characters or texts of which a paragraph must hold one for it to be searched)
_GUARDS = [(refs._ANNIV_DATE, "ỷ"), (refs._TERM, "ỳỲ"), (refs._PERIOD, "ạẠ"), (refs._SCHOOL, "ọỌ"),
           (refs._ORDINAL, "ứỨ"), (refs._ASOF, "/"), (refs._ASOF, "ếẾ"), (refs._REVIEW, ("kết",)),
           (refs._LUNAR, "ùÙ")]


def _cased() -> list[str]:
    return [c for c in map(chr, range(0x110000)) if c.lower() != c.upper() or c.lower() != c]


def test_the_guard_characters_are_every_character_re_takes_for_them() -> None:
    """A case-insensitive pattern's letter matches its upper and lower case and, for some
    letters, others (the Kelvin sign for k, the long s for s): the guard lists every one."""
    cased = _cased()
    for rx, chars in _GUARDS:
        for c in chars:
            if len(c) != 1:
                assert not rx.flags & re.IGNORECASE
                continue
            one = re.compile(re.escape(c), rx.flags & re.IGNORECASE)
            takes = {x for x in cased if one.fullmatch(x)} | {c}
            assert takes <= set(chars), (rx.pattern[:30], c, takes)


def _texts() -> list[str]:
    return [p.read_text("utf-8") for p in [*sorted((ROOT / "fixtures" / "seeds").glob("*.txt")),
                                            *sorted((ROOT / "tests" / "data").glob("*/texts/*"))]]


_CAL_PIECES = st.one_of(
    st.sampled_from(["nhiệm kỳ", "NHIỆM KỲ", "Nhiệm  kỳ", "giai đoạn", "GIAI ĐOẠN", "năm học", "NĂM HỌC", "năm thứ",
                     "NĂM THỨ", "tính đến ngày", "ĐẾN NGÀY", "Sáng ngày", "tổng kết", "sơ kết", "mùng", "MÙNG", "Tết",
                     "Kỷ niệm", "Ngày Thương binh", "hội nghị", "năm", "tháng", "đầu năm", "6 tháng đầu năm"]),
    st.sampled_from(["2020", "2025", "2023-2024", "2016 - 2020", "31/12/2023", "17/01/2024", "20 tháng 12 năm 2023",
                     "1", "hai", "22/12", "5"]),
    st.sampled_from([" ", ", ", ". ", "-", "–", "/", "\n", "(", ")"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_CAL_PIECES, max_size=16).map("".join))
def test_every_match_holds_its_guard_on_generated_texts(text: str) -> None:
    for rx, chars in _GUARDS:
        for m in rx.finditer(text):
            assert any(c in m.group(0) for c in chars), (rx.pattern[:30], m.group(0))


def test_every_match_holds_its_guard_on_the_corpora() -> None:
    found = 0
    for text in _texts():
        for rx, chars in _GUARDS:
            for m in rx.finditer(text):
                assert any(c in m.group(0) for c in chars), (rx.pattern[:30], m.group(0))
                found += 1
    assert found > 20


def test_the_mentions_are_those_read_without_the_guards(monkeypatch) -> None:  # noqa: ANN001 - pytest's
    from auditor.extract import extract_bytes

    def mentions() -> list:
        out = []
        for text in _texts()[:12]:
            ex = extract_bytes(text.encode("utf-8"), "r.txt")
            out.append([(m.kind, m.text, m.start_year, m.end_year, m.number) for m in ex.report.mentions])
        return out

    guarded = mentions()
    monkeypatch.setattr(refs, "_may_hold", lambda text, chars: True)
    assert mentions() == guarded
    assert sum(map(len, guarded)) > 5


# ---- lines of a paragraph and headings in capitals, each against the code it replaced

from auditor.extract import layout  # noqa: E402
from auditor.extract.document import MappedText, Origin  # noqa: E402


def _old_split_lines(mt: MappedText) -> list[MappedText]:
    out, start = [], 0
    for i, ch in enumerate(mt.text + "\n"):
        if ch == "\n":
            out.append(mt.slice(start, i).strip())
            start = i + 1
    return out


def _old_caps_heading(t: str) -> bool:
    s = t.strip()
    letters = [c for c in s if c.isalpha()]
    return (8 <= len(s) <= 200 and len(letters) >= 6 and all(not c.islower() for c in letters)
            and len(s.split()) >= 2 and not s.startswith(("TM.", "KT.")))


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from("ab \n\t\r.Đ"), max_size=40))
def test_the_lines_are_those_of_the_loop_over_characters(text: str) -> None:
    mt = MappedText.of(text, Origin(quote=text, paragraph=1))
    got = [(m.text, m.offs) for m in D._split_lines(mt)]
    assert got == [(m.text, m.offs) for m in _old_split_lines(mt)]


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from("ABĐƯaăđ TMK.1ⅰ\n"), max_size=230))
def test_a_heading_in_capitals_is_told_as_before(text: str) -> None:
    assert layout._caps_heading(text) == _old_caps_heading(text)
    long = "KẾT QUẢ THỰC HIỆN " * (len(text) % 15)
    assert layout._caps_heading(long + text) == _old_caps_heading(long + text)


# ---- the locator's places, against the walk that visited every value

from auditor.extract import view  # noqa: E402


def _old_collect(obj, ptr: str, out: dict) -> None:  # noqa: ANN001 - a report object
    from auditor.model.facts import escape_pointer_token
    from auditor.model.lean import is_model

    if is_model(obj):
        src = getattr(obj, "src", None)
        if src is not None:
            out[ptr] = src
        for name, v in obj.__dict__.items():
            if name != "src":
                if v is not None and not isinstance(v, str | int | float | bool):
                    _old_collect(v, f"{ptr}/{escape_pointer_token(name)}", out)
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            if v is not None and not isinstance(v, str | int | float | bool):
                _old_collect(v, f"{ptr}/{i}", out)


def test_the_locator_finds_the_places_the_full_walk_found() -> None:
    from auditor.extract import extract_bytes
    from auditor.extract.quality import docx_from_text

    n = 0
    for k, text in enumerate(_texts()[:8]):
        data, name = (docx_from_text(text), "r.docx") if k % 2 else (text.encode("utf-8"), "r.txt")
        report = extract_bytes(data, name).report
        new: dict = {}
        old: dict = {}
        view._collect(report, "", new)
        _old_collect(report, "", old)
        assert list(new.items()) == list(old.items())
        n += len(new)
    assert n > 500

