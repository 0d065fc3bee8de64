"""The printable report shows the document as written with every finding marked where it is,
and a batch report opens with charts (issue 14). The browser checks are in test_browser.py."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor.extract.quality import docx_from_text
from auditor.output.annotate import Mark, render_piece
from tests.helpers import invoke

ROOT = Path(__file__).resolve().parent.parent
TEXT = (ROOT / "tests" / "data" / "docs" / "dong_hoa_2023.txt").read_text("utf-8")
SEED_JSON = ROOT / "fixtures" / "seed_001_hoang_kim_2024h1.json"


class Marks(HTMLParser):
    """The marks of a page (`a.mk`): their text, target and classes; and the ids on it."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[dict] = []
        self.ids: set[str] = set()
        self._open: list[dict | None] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and "mk" in (a.get("class") or "").split():
            m = {"href": a["href"], "cls": a["class"], "text": "", "f": a.get("data-f")}
            self.marks.append(m)
            self._open.append(m)
        elif tag == "a":
            self._open.append(None)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for m in self._open:
            if m is not None:
                m["text"] += data


def _marks(html: str) -> Marks:
    p = Marks()
    p.feed(html)
    return p


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("annot")
    (d / "dong_hoa.txt").write_text(TEXT, "utf-8")
    (d / "dong_hoa.docx").write_bytes(docx_from_text(TEXT))
    return {"txt": d / "dong_hoa.txt", "docx": d / "dong_hoa.docx"}


def _html(*args: str) -> str:
    return invoke(*args, "-f", "html").stdout


@pytest.mark.parametrize("kind", ["txt", "docx"])
def test_each_finding_is_marked_on_its_number(docs: dict[str, Path], kind: str) -> None:
    html = _html(str(docs[kind]))
    assert "<section class='document'>" in html
    p = _marks(html)
    primary = {m["href"]: m["text"] for m in p.marks if "related" not in m["cls"]}
    # the three defects of the report, each highlighted on the number at fault
    found = json.loads(invoke(str(docs[kind]), "-f", "json").stdout)["findings"]
    assert {f["rule_id"] for f in found} == {"SUM002", "PCT001", "PER007"}
    texts = sorted(primary.values())
    assert "120,0" in texts, texts                               # PCT001: the % KH cell
    assert any(re.fullmatch(r"24( người)?", t) for t in texts)  # SUM002: the total (with its unit)
    assert any("31/12/2023" in t for t in texts), texts         # PER007: the citation's date
    for href in primary:  # every mark links to a finding of the page, which links back
        assert href.startswith("#f0-") and href[1:] in p.ids
        assert "m0-" + href[4:] in p.ids
    assert re.search(r'<ul class="notes"><li class="note sev-error"[^>]*><a href="#f0-\d+">\d+</a> .*SUM002', html)


def test_related_values_are_underlined_and_linked(docs: dict[str, Path]) -> None:
    p = _marks(_html(str(docs["txt"])))
    related = [m for m in p.marks if "related" in m["cls"]]
    assert {m["text"].split()[0] for m in related} >= {"10", "12"}  # the parts of the wrong total
    assert all(m["href"][1:] in p.ids for m in related)


def test_json_report_from_extract_shows_its_quotes(docs: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    invoke("extract", str(docs["txt"]), "-o", str(out))
    html = _html(str(out))
    assert "doc doc-quotes" in html
    texts = {m["text"].split()[0] for m in _marks(html).marks if "related" not in m["cls"]}
    assert {"24", "120,0"} <= texts


def test_json_report_without_quotes_shows_its_own_lines_near_findings() -> None:
    html = _html(str(SEED_JSON))
    assert "doc doc-json" in html and "dòng không có phát hiện" in html
    data = json.loads(invoke(str(SEED_JSON), "-f", "json").stdout)
    lines = SEED_JSON.read_text("utf-8").splitlines()
    p = _marks(html)
    assert len({m["href"] for m in p.marks}) == len(data["findings"])
    for f in data["findings"]:  # each finding's JSON value as written (a number object: its text)
        text = next(m["text"] for m in p.marks if m["f"] == str(_number_of(html, f["fingerprint"])))
        at = lines[f["line"] - 1][f["column"] - 1:]
        assert at.startswith(text) or (at.startswith("{") and any(
            f'"text": {text}' in x for x in lines[f["line"] - 1:f["line"] + 3])), (f["rule_id"], text)
    assert any(m["text"] == '"3.222"' for m in p.marks)  # VAL001: the second mention's text


def _number_of(html: str, fingerprint: str) -> int:
    i = html.index(fingerprint)
    return int(re.findall(r'<article class="finding [a-z]+" id="f0-(\d+)"', html[:i])[-1])


def test_the_document_stays_out_of_json_unless_asked(docs: dict[str, Path]) -> None:
    plain = json.loads(invoke(str(docs["docx"]), "-f", "json").stdout)
    assert "document" not in plain["files"][0]
    full = json.loads(invoke(str(docs["docx"]), "-f", "json", "--include-document").stdout)
    doc = full["files"][0]["document"]
    assert doc["kind"] == "docx"
    tables = [b for b in doc["blocks"] if b["kind"] == "table"]
    assert tables and any(p["text"] == "120,0" and (p["table"], p["row"], p["column"]) == (1, 2, 6)
                          for p in tables[0]["pieces"])
    assert any(b["kind"] == "paragraph" and "gồm 10 cán bộ" in b["pieces"][0]["text"] for b in doc["blocks"])


def test_batch_report_has_charts(docs: dict[str, Path]) -> None:
    html = _html(str(docs["txt"]), str(SEED_JSON), str(ROOT / "fixtures" / "example.json"))
    charts = re.findall(r"<svg class=\"chart\".*?</svg>", html, re.S)
    assert len(charts) == 2
    units, rules = charts
    assert "UBND phường Đông Hòa" in units and "UBND xã Hoàng Kim" in units
    assert len(re.findall(r'<rect class="bar error"', units)) == 2  # two units with errors
    assert "<script" not in html.lower()
    data = json.loads(invoke(str(docs["txt"]), str(SEED_JSON), "-f", "json").stdout)
    top = max({f["rule_id"] for f in data["findings"]}, key=lambda r: (
        sum(1 for f in data["findings"] if f["rule_id"] == r), -ord(r[0])))
    assert top in rules


def test_single_report_has_no_charts(docs: dict[str, Path]) -> None:
    assert "<svg" not in _html(str(docs["txt"]))


# ------------------------------------------------------------------------- marks, as a property


@given(st.text(alphabet="ab 1,.", max_size=40),
       st.lists(st.tuples(st.integers(-2, 45), st.integers(-2, 45), st.booleans(),
                          st.sampled_from(["error", "warning", "info"])), max_size=6))
def test_marks_never_change_the_text(text: str, spans: list) -> None:
    marks = [Mark(a, b, f"f0-{i}", f"m0-{i}" if primary else None, i, sev, "R", primary)
             for i, (a, b, primary, sev) in enumerate(spans, start=1)]
    html = render_piece(text, marks)
    p = _marks(html)
    stripped = re.sub(r"<sup[^>]*>.*?</sup>", "", html)
    stripped = re.sub(r"<[^>]+>", "", stripped)
    import html as h

    assert h.unescape(stripped) == text
    for m in marks:
        if m.primary:
            assert m.mark_id in p.ids and f'href="#{m.anchor}"' in html
