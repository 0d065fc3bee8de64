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
