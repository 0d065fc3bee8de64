"""The styles part of a .docx is checked without building its tree, and parsed only when a
paragraph names a style (auditor/extract/docx.py, issue 16): the check refuses exactly what
parsing refuses, and a document reads the same with its styles parsed or not."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.extract import docx as D
from auditor.extract.quality import docx_from_text

ROOT = Path(__file__).resolve().parent.parent

_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml">'
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
    '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr></w:style>'
    '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/>'
    '<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4"/></w:tblBorders></w:tblPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Ghi&amp;Ch&#250;"><w:name w:val="Ghi chú &lt;1&gt;"/></w:style>'
    "</w:styles>"
)

# pieces that make XML wrong in the ways a damaged or crafted part is wrong, and some harmless
_PIECES = ["<", ">", "&", "&amp;", "&nope;", "&#0;", "&#x110000;", '"', "'", "</w:style>", "<w:x/>", "<x:y/>",
           ' w:val="1"', ' x:val="1"', ' xmlns:x="urn:x"', ' xmlns:w=""', ' xmlns:xml="urn:y"', ' xmlns:xmlns="urn:z"',
           "<!-- c -->", "<?pi x?>", "<![CDATA[ a ]]>", "\x00", "\x01", "é", "\ud7ff", "<!DOCTYPE x>", " ", ":", "w:",
           # names and declarations the namespaces decide on (xmlcheck: the plain parse is enough
           # only when none of them is there, or they are where Word puts them)
           "<a:b:c/>", "<w:1/>", ' w:a:b="1"', "<:x/>", "<w:/>", "<xml:x/>", ' xml:space="preserve"', ' xmlns="urn:d"',
           ' xmlns=""', ' xmlns:v="urn:v"', ' xmlns:v="http://schemas.openxmlformats.org/wordprocessingml/2006/main"',
           "<v:x/>", ' v:val="2"', "<w:é/>", "w:x", ' xmlns:1v="urn:q"', ' xmlns:xml="http://www.w3.org/XML/1998/namespace"',
           ' xmlns:w15="http://www.w3.org/2000/xmlns/"', "<?a:b x?>", "\t", "\x0c", "<w14:x/>", ' w14:a="1" w:a="1"']


def _outcome(check, data: bytes) -> str:  # noqa: ANN001 - one of the two functions
    try:
        check(data)
    except D.NotWord:
        return "not word"
    except Exception:  # noqa: BLE001 - any refusal: the caller reports a damaged file for all
        return "refused"
    return "read"


@settings(max_examples=600, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(_STYLES)), st.sampled_from(_PIECES)), max_size=3),
       st.lists(st.tuples(st.integers(0, len(_STYLES)), st.integers(1, 4)), max_size=2),
       st.sampled_from(["utf-8", "utf-16"]))
def test_the_check_refuses_exactly_what_parsing_refuses(inserts: list, cuts: list, encoding: str) -> None:
    text = _STYLES
    for at, n in cuts:
        text = text[:at] + text[at + n:]
    for at, piece in inserts:
        text = text[:at] + piece + text[at:]
    data = text.encode(encoding, "surrogatepass")
    assert _outcome(D._checked, data) == _outcome(D._xml, data)


def test_the_plain_parse_decides_for_word_parts_and_not_for_others() -> None:
    """The fast path is taken where it is meant to be (else the property above tests little)."""
    from auditor.extract import xmlcheck

    docx = docx_from_text("BÁO CÁO\nCó 12 hộ.\n")
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        assert xmlcheck._plain_suffices(z.read("word/styles.xml"))
    assert xmlcheck._plain_suffices(_STYLES.encode())
    for piece in ("<a:b:c/>", "<v:x/>", ' xmlns:v="urn:v"', "<w:1/>"):
        at = _STYLES.index("<w:style ")
        assert not xmlcheck._plain_suffices((_STYLES[:at] + piece + _STYLES[at:]).encode()), piece
    assert not xmlcheck._plain_suffices(_STYLES.encode("utf-16"))


def test_the_check_on_the_parts_of_real_files() -> None:
    for path in [*sorted((ROOT / "fixtures").glob("*.docx")), *sorted((ROOT / "tests").rglob("*.docx"))]:
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                if name.endswith(".xml") or name.endswith(".rels"):
                    data = z.read(name)
                    assert _outcome(D._checked, data) == _outcome(D._xml, data), (path, name)


def _with_styles(docx: bytes, styles: bytes | None, body_style: str | None) -> bytes:
    """The package with another styles part (or none) and, with `body_style`, each paragraph
    naming that style."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/styles.xml":
                if styles is None:
                    continue
                data = styles
            if item.filename == "word/document.xml" and body_style:
                data = data.replace(b"<w:p>", f'<w:p><w:pPr><w:pStyle w:val="{body_style}"/></w:pPr>'.encode())
            zout.writestr(item, data)
    return out.getvalue()


def _reading(doc) -> list:  # noqa: ANN001 - a Document
    return [(type(b).__name__, b.text, getattr(b, "style", None), getattr(b, "level", None)) for b in doc.blocks]


@pytest.mark.parametrize("body_style", [None, "Heading1", "Ghi&amp;Chú", "Missing"])
def test_styles_are_read_when_a_paragraph_names_one(body_style: str | None) -> None:
    docx = _with_styles(docx_from_text("BÁO CÁO\nTổng kết năm 2024\nI. KẾT QUẢ\nCó 12 hộ.\n"), _STYLES.encode(),
                        body_style)
    blocks = _reading(D.read_docx(docx))
    styles = {s for _, _, s, _ in blocks}
    if body_style is None:
        assert styles == {None}
    elif body_style == "Heading1":
        # the style's name, its heading level and the numbering it applies (numId 3 is not in
        # the package's numbering: no label)
        assert styles == {"heading 1"} and {lv for _, _, _, lv in blocks} == {1}
        assert D._STYLE_NUM == {"Heading1": ("3", 0)}
    elif body_style == "Ghi&amp;Chú":
        assert styles == {"Ghi chú <1>"}
    else:
        assert styles == {"Missing"}  # (a style the part lacks is known by its id)


def test_a_damaged_styles_part_is_refused_even_when_no_paragraph_names_a_style() -> None:
    docx = _with_styles(docx_from_text("BÁO CÁO\nCó 12 hộ.\n"), _STYLES.encode()[:-5], None)
    with pytest.raises(Exception):  # noqa: B017, PT011 - the caller reports any as a damaged file
        D.read_docx(docx)
    assert D.read_docx(_with_styles(docx_from_text("BÁO CÁO\nCó 12 hộ.\n"), None, "Heading1")).blocks


def test_the_document_type_marks_are_those_of_each_encoding() -> None:
    assert D._DOCTYPES == tuple("<!DOCTYPE".encode(e) for e in ("utf-8", "utf-16-le", "utf-16-be"))
    for e in ("utf-8", "utf-16-le", "utf-16-be", "utf-16"):
        with pytest.raises(D.NotWord):
            D._checked('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'.encode(e))


def test_an_entity_is_read_as_its_character() -> None:
    from auditor.extract.document import MappedText, Origin
    from auditor.extract.text import clean

    out, _ = clean(MappedText.of("Tổng &amp; cộng&nbsp;12 &#273;ơn vị", Origin(quote="", line=1)), markdown=False)
    assert out.text == "Tổng & cộng 12 đơn vị"


def _read_checking_first(docx: bytes) -> object:
    """The plain path `read_docx` replaced: the styles part checked in every case, then parsed
    when a paragraph names a style."""
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        if "word/styles.xml" in z.namelist():
            D._checked(z.read("word/styles.xml"))
    return D.read_docx(docx)


def _read_outcome(read, docx: bytes) -> object:  # noqa: ANN001 - one of the two readers
    try:
        return _reading(read(docx))
    except Exception:  # noqa: BLE001 - the caller reports any refusal as one damaged file
        return "refused"


_BODY = "BÁO CÁO\nTổng kết năm 2024\nI. KẾT QUẢ\nCó 12 hộ.\n"


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(_STYLES)), st.sampled_from(_PIECES)), max_size=2),
       st.sampled_from([None, "Heading1", "Missing"]))
def test_a_styles_part_parsed_anyway_is_not_checked_first(inserts: list, body_style: str | None) -> None:
    """When a paragraph names a style the part is parsed, which refuses what the check refuses:
    reading without the check first gives the same blocks, or the same refusal."""
    text = _STYLES
    for at, piece in inserts:
        text = text[:at] + piece + text[at:]
    docx = _with_styles(docx_from_text(_BODY), text.encode("utf-8", "surrogatepass"), body_style)
    assert _read_outcome(D.read_docx, docx) == _read_outcome(_read_checking_first, docx)


def test_a_damaged_styles_part_is_refused_when_a_paragraph_names_a_style(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDIT_NO_CACHE", "1")  # (a part checked before is not checked again: files/passed.py)
    docx = _with_styles(docx_from_text(_BODY), _STYLES.encode()[:-5], "Heading1")
    checks: list[bytes] = []
    monkeypatch.setattr(D, "_checked", lambda data: checks.append(data) or data)
    with pytest.raises(Exception):  # noqa: B017, PT011 - the caller reports any as a damaged file
        D.read_docx(docx)
    assert checks == []  # (refused by parsing it, not by the check)
    D.read_docx(_with_styles(docx_from_text(_BODY), _STYLES.encode(), None))
    assert len(checks) == 1  # no paragraph names a style: checked only
