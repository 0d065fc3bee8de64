"""The printable report in a real browser (Chromium through Playwright, see tests/browser.py):
the document with its findings marked, the batch charts, and printing to PDF without an empty
page (issue 14). `audit serve` is driven in test_serve.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from auditor.extract.quality import docx_from_text
from tests.helpers import invoke
from tests.pdfpages import pages

ROOT = Path(__file__).resolve().parent.parent
TEXT = (ROOT / "tests" / "data" / "docs" / "dong_hoa_2023.txt").read_text("utf-8")
SEED_TXT = ROOT / "fixtures" / "seeds" / "000_11283473c0855b4c.txt"
SEED_JSON = ROOT / "fixtures" / "seed_001_hoang_kim_2024h1.json"


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("browser")
    (d / "dong_hoa.docx").write_bytes(docx_from_text(TEXT))
    (d / "but_son.docx").write_bytes(docx_from_text(SEED_TXT.read_text("utf-8")))
    out = {}
    for name, args in {"docx": [d / "dong_hoa.docx"], "seed": [d / "but_son.docx"], "json": [SEED_JSON],
                       "batch": [d / "dong_hoa.docx", d / "but_son.docx", SEED_JSON, SEED_TXT]}.items():
        out[name] = d / f"{name}.html"
        invoke(*map(str, args), "-f", "html", "-o", str(out[name]))
        assert out[name].stat().st_size > 10_000
    return out


def test_the_marked_number_is_visible_and_leads_to_its_finding(page: Any, reports: dict[str, Path]) -> None:
    page.goto(reports["docx"].as_uri())
    mark = page.locator("section.document a.mk.sev-error", has_text="120,0")
    mark.wait_for(state="visible")
    box = mark.bounding_box()
    assert box and box["width"] > 5 and box["height"] > 5
    bg = mark.evaluate("e => getComputedStyle(e).backgroundColor")
    assert bg not in ("rgba(0, 0, 0, 0)", "transparent")  # highlighted
    target = mark.get_attribute("href")
    mark.click()
    assert page.url.endswith(target)
    finding = page.locator(target)
    assert "PCT001" in finding.inner_text()
    assert finding.evaluate("e => { const r = e.getBoundingClientRect(); return r.top >= -1 && r.top < innerHeight }")
    back = finding.locator("a.back")
    back.click()  # and back to the number in its table cell
    assert page.locator(back.get_attribute("href")).evaluate(
        "e => e.closest('td') !== null && e.closest('td').innerText.includes('120,0')")


def test_the_batch_charts_are_drawn(page: Any, reports: dict[str, Path]) -> None:
    page.goto(reports["batch"].as_uri())
    charts = page.locator("svg.chart")
    assert charts.count() == 2
    for i in range(2):
        charts.nth(i).wait_for(state="visible")
        assert charts.nth(i).bounding_box()["height"] > 60
    bars = page.locator("svg.chart rect.bar")
    assert bars.count() >= 6
    widths = [bars.nth(i).bounding_box()["width"] for i in range(bars.count())]
    assert min(widths) > 1
    assert "UBND phường Đông Hòa" in charts.first.inner_html()


@pytest.mark.parametrize("name", ["docx", "seed", "json", "batch"])
def test_printing_leaves_no_empty_page(page: Any, reports: dict[str, Path], name: str) -> None:
    page.goto(reports[name].as_uri())
    ps = pages(page.pdf(format="A4", prefer_css_page_size=True))
    assert ps
    for i, p in enumerate(ps):
        where = f"page {i + 1} of {len(ps)} ({name}): {p.text[:80]!r}"
        if i < len(ps) - 1:
            assert p.chars >= 100, where                   # no empty or near-empty page
        else:  # the last page may be short, but holds more than the footer
            assert len(p.text.split("Tạo bởi auditor")[0].strip()) >= 30, where
        assert p.tinted_run < 0.12, where                  # no box stretched over the page
        last_of_file = i == len(ps) - 1 or ps[i + 1].text.lstrip().startswith(("Tệp:", "File:"))
        if not last_of_file:
            assert p.text_bottom > 0.7, where              # the page is used to its foot
    if name == "batch":
        assert "Tổng quan" in ps[0].text or "Tổng quan" in ps[1].text
