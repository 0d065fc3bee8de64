"""The printable report (`-f html`): self-contained, Vietnamese by default, the key numbers,
findings grouped by section of the report, passed checks, suppressed findings — and what a
real browser makes of it (headless Chromium: page text and a PDF)."""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import main
from auditor.engine.ruleset import load_rules
from auditor.model.findings import RunResult
from auditor.output import RENDERERS
from auditor.output.html import render_html
from auditor.workflows.pipeline import audit_file, combine

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEED = FIXTURES / "seed_001_hoang_kim_2024h1.json"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage"]
VOID = {"meta", "br", "hr", "img", "input", "link", "col", "area", "base", "wbr", "source"}


def _run(paths: list[Path], keep_passed: bool = True) -> RunResult:
    ruleset = load_rules()
    rules = list(ruleset.rules)
    return combine([audit_file(str(p), ruleset, rules, str(p)) for p in paths], ruleset, keep_passed=keep_passed)


@pytest.fixture(scope="module")
def seed_rr() -> RunResult:
    rr = _run([SEED])
    assert rr.findings
    return rr


class _Checker(HTMLParser):
    """Balanced tags, the text of the page, and every external reference."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.refs: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for k, v in attrs:
            if k in ("src", "href") and v and not v.startswith("#"):
                self.refs.append(v)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _check(html: str) -> _Checker:
    c = _Checker()
    c.feed(html)
    c.close()
    assert c.stack == [], f"unclosed: {c.stack}"
    return c


def test_self_contained_and_well_formed(seed_rr: RunResult) -> None:
    html = render_html(seed_rr, "vi")
    assert html.startswith("<!DOCTYPE html>")
    c = _check(html)
    assert c.refs == [], "no external assets or links"
    assert "script" not in c.tags and "link" not in c.tags and "img" not in c.tags
    assert "@media print" in html and "@page" in html
    assert '<html lang="vi">' in html and '<meta charset="utf-8">' in html


def test_header_verdict_and_counts(seed_rr: RunResult) -> None:
    html = render_html(seed_rr, "vi")
    text = " ".join(" ".join(_check(html).text).split())
    fr = seed_rr.files[0]
    for needle in ("auditor", seed_rr.tool.version, seed_rr.tool.ruleset, fr.sha256, "UBND xã Hoàng Kim",
                   "6 tháng đầu năm 2024", str(SEED), "Ngày kiểm tra", "KHÔNG ĐẠT"):
        assert needle in text, needle
    c = seed_rr.summary
    assert re.search(rf"Lỗi\s*{c['error']}\b", text) and re.search(rf"Cảnh báo\s*{c['warning']}\b", text)


def test_findings_carry_numbers_evidence_legal_basis_and_fix(seed_rr: RunResult) -> None:
    html = render_html(seed_rr, "vi")
    text = " ".join(" ".join(_check(html).text).split())
    rules = {r.id: r for r in load_rules().rules}
    for f in seed_rr.findings:
        assert f.rule_id in text and f.fingerprint in text
        for v in (f.stated, f.expected):
            if v:
                assert v in text, v
        for e in f.evidence:
            assert e.text in text
        for lb in f.legal_basis:
            assert " ".join(lb.split()) in text
        rule = rules.get(f.rule_id)
        if rule is not None and rule.fix:  # the finding's own fix: the rule's, filled in
            assert f.fix is not None and " ".join(f.fix.vi.split()) in text
    # the typo of seed 001: 3.222 people stated where 2.685 was written before
    assert "3.222" in text and "2.685" in text
    assert "Mới" in text  # no baseline: every finding is new


def test_findings_are_grouped_by_section_of_the_report(seed_rr: RunResult) -> None:
    html = render_html(seed_rr, "vi")
    headings = re.findall(r"<h4>(.*?)</h4>", html)
    assert headings, "one heading per section with findings"
    # the breadcrumb of the section holding /facts/0 (mục I.1 of the report)
    assert any("1. Đặc điểm tình hình" in h and "›" in h for h in headings), headings
    assert not any(h.startswith("Mở đầu ›") for h in headings), "the preamble is nobody's parent"


def test_without_the_file_findings_are_grouped_by_kind(seed_rr: RunResult) -> None:
    rr = copy.deepcopy(seed_rr)
    rr.files[0].sha256 = "0" * 64  # not the file on disk any more
    html = render_html(rr, "en")
    headings = re.findall(r"<h4>(.*?)</h4>", html)
    assert "Quantities stated more than once" in headings and "Indicators" in headings


def test_passed_checks_are_collapsed(seed_rr: RunResult) -> None:
    html = render_html(seed_rr, "en")
    passed = seed_rr.files[0].passed
    assert passed
    m = re.search(r"<details class='passed'><summary>Checks that passed \((\d+)\)</summary>", html)
    assert m and int(m.group(1)) == len(passed)
    assert "<details class='passed' open" not in html
    assert passed[0].rule_id in html


def test_english_and_baseline_state_and_suppressed(seed_rr: RunResult) -> None:
    rr = copy.deepcopy(seed_rr)
    first, second = rr.findings[0], rr.findings[1]
    rr.findings[0] = replace(first, baseline_state="unchanged")
    rr.findings[1] = replace(second, suppressed=True, baseline_state="unchanged",
                             justification="Đã xác minh với Phòng Nội vụ")
    html = render_html(rr, "en")
    text = " ".join(" ".join(_check(html).text).split())
    assert '<html lang="en">' in html and "Audit report" in text and "Legal basis" in text
    assert "Already known" in text and "New" in text
    m = re.search(r"<details class='suppressed'><summary>Accepted findings \(not counted\) \(1\)</summary>(.*?)"
                  r"</details>", html, re.S)
    assert m and "Đã xác minh với Phòng Nội vụ" in m.group(1) and second.fingerprint in m.group(1)


def test_multi_file_report_has_one_section_per_file(seed_rr: RunResult, tmp_path: Path) -> None:
    rr = _run([FIXTURES / "example.json", SEED])
    html = render_html(rr, "vi")
    _check(html)
    assert html.count('<section class="file multi"') == 2
    assert "Tổng hợp theo tệp" in html and "href='#file-1'" in html
    assert "Không có phát hiện nào." in html  # example.json is clean
    assert "break-before: page" in html


def test_cli_html_output(tmp_path: Path) -> None:
    out = tmp_path / "bao_cao.html"
    r = CliRunner().invoke(main, [str(SEED), "-f", "html", "-o", str(out)])
    assert r.exit_code == 1, r.output
    html = out.read_text("utf-8")
    assert "KHÔNG ĐẠT" in html and "<details class='passed'>" in html
    assert "html" in RENDERERS
    r = CliRunner().invoke(main, [str(FIXTURES / "example.json"), "-f", "html", "--lang", "en"])
    assert r.exit_code == 0 and ">PASS<" in r.stdout


# ------------------------------------------------------------------------------ real browser


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


def _browser(args: list[str], timeout: int = 90) -> subprocess.CompletedProcess:
    exe = _chromium()
    assert exe
    with tempfile.TemporaryDirectory(prefix="audit-chromium-") as profile:
        return subprocess.run([exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args], capture_output=True,
                              timeout=timeout, env={**os.environ, "LANG": "C.UTF-8"})


needs_chromium = pytest.mark.skipif(
    _chromium() is None,
    reason="Chromium is not installed (Debian: apt-get install -y chromium; .ci/run installs it)")


@pytest.fixture(scope="module")
def html_file(seed_rr: RunResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    p = tmp_path_factory.mktemp("html") / "bao_cao.html"
    p.write_text(render_html(seed_rr, "vi"), encoding="utf-8")
    return p


@needs_chromium
def test_browser_shows_the_key_numbers(seed_rr: RunResult, html_file: Path) -> None:
    proc = _browser(["--dump-dom", html_file.as_uri()])
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")[-2000:]
    dom = proc.stdout.decode("utf-8")
    c = _Checker()
    c.feed(dom)
    text = " ".join(" ".join(c.text).split())
    assert "KHÔNG ĐẠT" in text and "UBND xã Hoàng Kim" in text
    assert seed_rr.files[0].sha256 in text
    for f in seed_rr.findings:
        assert f.rule_id in text
        if f.stated:
            assert f.stated in text
    assert "3.222" in text and "2.685" in text


@needs_chromium
def test_browser_prints_a_pdf(html_file: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "bao_cao.pdf"
    proc = _browser(["--no-pdf-header-footer", f"--print-to-pdf={pdf}", html_file.as_uri()])
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")[-2000:]
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 10_000
    assert data.count(b"/Type /Page") - data.count(b"/Type /Pages") >= 2  # several A4 pages


def test_json_output_does_not_carry_passed_checks(tmp_path: Path) -> None:
    r = CliRunner().invoke(main, [str(SEED), "-f", "json"])
    data = json.loads(r.stdout)
    assert all("passed" not in f for f in data["files"])
