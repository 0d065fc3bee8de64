"""The document path without pydantic and python-docx (issue 16, phase 2).

The extractor builds its numbers, places and report as the report plan's plain objects
(`extract/objects.py`), and reads a .docx with `zipfile` and `xml.etree` (`extract/docx.py`).
What the plan is not sure of still goes to the pydantic models, which accept it (the object is
adopted, its numbers kept by identity: the reader knows where each was read) or say why not."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.extract import objects
from auditor.extract.build import build
from auditor.extract.document import Document, MappedText, Origin, Para
from auditor.extract.vn import make_num

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXT = next((ROOT / "fixtures" / "seeds").glob("000_*.txt"))

_RUN = """
import json, sys
from auditor import cli
sys.argv = ["audit", sys.argv[1], "-f", "json", "-o", sys.argv[2]]
code = cli._run()
print(json.dumps({"code": code, "imported": sorted(
    m for m in sys.modules if m.split(".")[0] in ("pydantic", "pydantic_core", "docx", "lxml"))}))
"""


def _run(path: Path, out: Path, cache: Path) -> dict:
    env = {**os.environ, "AUDIT_CACHE_DIR": str(cache)}
    env.pop("AUDIT_NO_CACHE", None)
    proc = subprocess.run([sys.executable, "-c", _RUN, str(path), str(out)], capture_output=True, text=True,
                          env=env, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _findings(path: Path) -> list:
    data = json.loads(path.read_text("utf-8"))
    return [(f["rule_id"], f["pointer"], f["message"]["en"]) for f in data["findings"]]


def test_a_seed_as_text_and_as_docx_is_audited_without_pydantic_or_python_docx(tmp_path: Path) -> None:
    from auditor.extract.quality import docx_from_text

    docx = tmp_path / "seed.docx"
    docx.write_bytes(docx_from_text(SEED_TEXT.read_text("utf-8")))
    cache = tmp_path / "cache"
    for path in (SEED_TEXT, docx):
        _run(path, tmp_path / "warm.json", cache)  # (the first run fills the rule cache: it may need pydantic)
        got = _run(path, tmp_path / f"{path.suffix[1:]}.json", cache)
        assert got == {"code": 1, "imported": []}, (path.name, got)
    assert _findings(tmp_path / "txt.json") and _findings(tmp_path / "docx.json")


def _loc(line: int) -> object:
    return objects.source_loc(line=line, start=0, end=5, quote="Tổng số hộ 1.234 hộ")


def test_an_item_the_plan_is_not_sure_of_is_read_by_the_models_and_keeps_its_numbers() -> None:
    total, a, b = make_num("1.234", _loc(1), unit="hộ"), make_num("1.000", _loc(2)), make_num("234", _loc(3))
    for parts in (({"label": "thôn A", "value": a}, {"label": "thôn B", "value": b}),   # a tuple: not the plan's
                  [{"label": "thôn A", "value": a}, {"label": "thôn B", "value": b}]):  # a list: the plan's
        obj, error = objects.item("Total", {"label": "Tổng số hộ", "total": total, "parts": parts})
        assert error is None and type(obj).__name__ == "Total" and isinstance(obj.parts, list)
        assert obj.total is total and obj.parts[0].value is a and obj.parts[1].value is b
        assert (obj.label, obj.parts[1].label, obj.total.value, obj.complete) == ("Tổng số hộ", "thôn B", 1234, True)
    again, _ = objects.item("Total", {"label": "Tổng số hộ", "total": total, "parts": [dict(p) for p in parts]})
    assert again == obj


def test_an_item_the_models_refuse_is_dropped_with_their_reason() -> None:
    obj, error = objects.item("Total", {"total": make_num("12", None)})   # no label
    assert obj is None and "label" in error and "Field required" in error
    obj, error = objects.item("Section", {"heading": "I.", "level": 12})  # beyond the bound
    assert obj is None and "level" in error


def test_a_number_the_plan_builds_is_the_number_the_model_builds() -> None:
    from auditor.model.report import Num

    for text, kw in (("1.896", {}), ("70,2", {"percent": True}), ("2,350", {}), ("02", {"unit": "xã"}),
                     ("3.32", {}), ("1.2.3", {}), ("79.31", {"value_text": "79,31"}), ("6,5", {"scale": 3}),
                     ("49 ngàn 890", {"value_text": "49890", "approx": "about"})):
        n = make_num(text, _loc(4), **kw)
        data = {k: v for k, v in n.__dict__.items() if k != "src"}
        model = Num.model_validate({**data, "src": None}, context={"repaired_number": True})
        assert {k: v for k, v in model.__dict__.items() if k != "src"} == data, text
        assert n.src == _loc(4)


def test_a_place_breaking_a_bound_raises_as_the_model_does() -> None:
    from pydantic import ValidationError

    assert objects.source_loc(line=1, paragraph=None).line == 1
    with pytest.raises(ValidationError):
        objects.source_loc(line=0)


def _doc(*lines: str) -> Document:
    d = Document(kind="text", name="t.txt")
    for i, line in enumerate(lines, start=1):
        d.blocks.append(Para([MappedText.of(line, Origin(quote=line, line=i))]))
    return d


@pytest.mark.parametrize(("date_line", "why"), [("An Bình, ngày 31 tháng 6 năm 2024", "day 31 does not exist in 6/2024"),
                                                ("Xã An Bình, ngày 30 tháng 02 năm 2024", "day 30 does not exist in 2/2024")])
def test_an_impossible_header_date_is_a_finding_and_the_report_is_still_built(date_line: str, why: str) -> None:
    """The one part of a report the models can still refuse: a date that does not exist (two
    ways of writing it). The header keeps no date; the body is read."""
    built = build(_doc("ỦY BAN NHÂN DÂN XÃ AN BÌNH", date_line, "BÁO CÁO",
                       "Kết quả công tác thi đua, khen thưởng năm 2024",
                       "Toàn xã có 1.234 hộ, trong đó 1.000 hộ nông nghiệp và 234 hộ khác."))
    assert [p[0] for p in built.problems] == ["INP005"] and why in built.problems[0][2]
    assert built.report is not None and built.report.meta.date is None
    assert built.report.meta.period.year == 2024 and built.report.meta.title


_CT = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
       '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
       'ContentType="{main}"/></Types>')
_WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
         'officeDocument" Target="{target}"/></Relationships>')
_BODY = ('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
         '<w:body><w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>I. KẾT QUẢ</w:t></w:r></w:p>'
         '<w:p><w:r><w:t>Toàn xã có 1.234 hộ</w:t></w:r></w:p></w:body></w:document>')


def _package(main: str = _WORD, target: str = "word/document.xml") -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CT.format(main=main))
        z.writestr("_rels/.rels", _RELS.format(target=target))
        z.writestr("word/document.xml", _BODY)
    return buf.getvalue()


@pytest.mark.parametrize("target", ["word/document.xml", "/word/document.xml"])
def test_a_word_package_without_styles_or_numbering_is_read(target: str) -> None:
    from auditor.extract.docx import read_docx

    doc = read_docx(_package(target=target))
    assert [(b.text, b.style, b.level) for b in doc.paragraphs()] == [
        ("I. KẾT QUẢ", "Heading1", 1), ("Toàn xã có 1.234 hộ", None, None)]


@pytest.mark.parametrize(("main", "target"), [
    ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "word/document.xml"),  # not Word
    (_WORD, "word/missing.xml"),                                                                       # no main part
])
def test_a_package_that_is_not_a_word_document_is_a_damaged_file(main: str, target: str) -> None:
    from auditor.extract import extract_bytes

    ex = extract_bytes(_package(main, target), "bao_cao.docx")
    assert ex.report is None and [p.rule_id for p in ex.problems] == ["INP005"]
