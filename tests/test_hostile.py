"""Issue 18: bad input is a finding, never an internal error, a hang or a silent change.

One section per numbered case of the issue; each test failed on the code before the change
(an exit 2, a traceback, a silent reading, a hang or a truncated file) and passes now. The fuzz
harness (bench/fuzz.py, tests/test_fuzz.py) generates many more inputs of the same classes.
"""

from __future__ import annotations

import ast
import errno
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from helpers import invoke, write

from auditor.engine.ruleset import RuleError, load_rule_file, load_rules
from auditor.numeric import limits
from auditor.read.json_reader import parse_report_bytes
from auditor.workflows.pipeline import audit_file

ROOT = Path(__file__).resolve().parent.parent
META: dict[str, Any] = {"unit": {"name": "An Phú", "kind": "xa"}, "issuer": "UBND xã An Phú",
                        "title": "Báo cáo tổng kết công tác thi đua, khen thưởng",
                        "period": {"kind": "year", "year": 2023, "label": "năm 2023"}}


def report(**parts: Any) -> dict[str, Any]:
    return {"meta": META, **parts}


def run_json(*args: str) -> tuple[int, dict[str, Any], str]:
    r = invoke(*args, "--isolated", "-f", "json")
    return r.exit_code, json.loads(r.stdout) if r.stdout.strip().startswith("{") else {}, r.output


def rules_of(data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for f in data.get("findings", []):
        out.setdefault(f["rule_id"], []).append(f)
    return out


# -------------------------------------------------------------------- 1. huge numbers

@pytest.mark.parametrize("number", ["1e400", "1E+999999999", "1e-400", "9" * 60])
def test_huge_json_numbers_are_a_finding_not_an_internal_error(tmp_path: Path, number: str) -> None:
    text = json.dumps(report(indicators=[{"name": "Thu", "values": {"th": 1, "kh": 1, "pct_kh": "10%"}}]),
                      ensure_ascii=False).replace('"th": 1', f'"th": {number}')
    p = write(tmp_path / "r.json", text)
    code, data, out = run_json(str(p))
    assert code == 1, out
    assert "NUM004" in rules_of(data) and "INT001" not in rules_of(data)


def test_explicit_huge_value_and_text(tmp_path: Path) -> None:
    p = write(tmp_path / "r.json", report(indicators=[{"name": "Thu", "values": {
        "th": "1e999999", "kh": {"text": "1" * 80}, "pct_kh": {"text": "10%", "value": "1e999999"}}}]))
    code, data, out = run_json(str(p))
    assert code == 1 and "INT001" not in rules_of(data), out
    found = rules_of(data)
    assert {f["pointer"] for f in found["NUM004"]} == {"/indicators/0/values/kh"}
    assert "/indicators/0/values/th" in {f["pointer"] for f in found["NUM001"]}  # not Vietnamese notation
    # a value given with a readable text that differs: the text decides, and it is said
    assert {f["pointer"] for f in found["INP008"]} == {"/indicators/0/values/pct_kh"}


def test_numbers_at_the_digit_limit_compute_without_error(tmp_path: Path) -> None:
    """Ratios and products of 50-digit numbers (beyond any real report, within the limit) used
    to raise InvalidOperation while the message was written (exit 2)."""
    big, tiny = "9" * 50, "0," + "0" * 49 + "1"
    p = write(tmp_path / "r.json", report(
        indicators=[{"name": "Thu", "values": {"th": big, "kh": tiny, "pct_kh": "10%"}}],
        products=[{"label": "p", "factors": [big] * 30, "result": "1"}],
        rates=[{"label": "r", "numerator": big, "denominator": tiny, "percent": "5%"}]))
    code, data, out = run_json(str(p))
    assert code == 1 and "INT001" not in rules_of(data), out
    assert {"PCT001", "PRD001"} <= set(rules_of(data))


def test_the_digit_limit_is_a_configuration_key(tmp_path: Path) -> None:
    p = write(tmp_path / "r.json", report(indicators=[{"name": "Thu", "values": {"th": "1" * 60}}]))
    cfg = write(tmp_path / "audit.toml", "[limits]\ndigits = 80\n")
    r = invoke(str(p), "--config", str(cfg), "-f", "json")
    assert "NUM004" not in rules_of(json.loads(r.stdout))
    r = invoke(str(p), "--config", str(write(tmp_path / "b.toml", "[limits]\ndigits = 0\n")))
    assert r.exit_code == 2 and "digits" in r.output


@pytest.mark.parametrize("written, value", [
    ("0,1234567890123456789012345678901234", "0.1234567890123456789012345678901234"),
    ("0.1234567890123456789012345678901234", "0.1234567890123456789012345678901234"),  # a dot decimal: repaired
    ("12.3456789012345678901234567890123456789", "12.3456789012345678901234567890123456789"),
])
def test_a_document_number_with_many_decimals_is_read_not_a_reader_crash(written: str, value: str) -> None:
    """More than 30 decimals (within the 50-digit limit) once made the document reader fail
    (“decimals: less than or equal to 30”; found by the fuzz harness)."""
    from decimal import Decimal

    from auditor.extract import extract_bytes
    from auditor.read.json_reader import _nums

    for verb in ("Số hộ nghèo là", "Toàn xã có"):
        text = f"BÁO CÁO\nKết quả năm 2023\n{verb} {written} hộ, đạt 95%.\n"
        res = extract_bytes(text.encode(), "r.txt")
        assert not any(p.rule_id in ("INP005", "INT001") for p in res.problems), res.problems
        got = {n.text: n for _p, n in _nums(res.report, "")}
        assert got[written].value == Decimal(value)


def test_a_repaired_reading_keeps_its_value_and_says_so() -> None:
    """The reader's own reading of an off-standard form (“79.31”) keeps the value it reports
    (NUM002); only a value given against its text in a report's JSON is overruled (INP008)."""
    from decimal import Decimal

    from auditor.extract import extract_bytes
    from auditor.read.json_reader import _nums

    for sentence in ("Đại biểu nam: 23/29 vị, chiếm 79.31%.", "Tỷ lệ hộ có nước sạch đạt 96.45%."):
        res = extract_bytes(f"BÁO CÁO\nKết quả năm 2023\n{sentence}\n".encode(), "r.txt")
        written = sentence.split()[-1].rstrip(".%")
        assert [(p.rule_id, p.text) for p in res.problems if p.rule_id.startswith("NUM")] == [("NUM002", written)]
        nums = [n for _p, n in _nums(res.report, "") if n.text.rstrip("%") == written]
        assert all(n.value == Decimal(written) for n in nums)
        assert nums or "chiếm" not in sentence  # (the rate of a written fraction is always taken)


# ------------------------------------------------------------------ 2. lone surrogates

SURROGATE_REPORT = ('{"meta": {"unit": {"name": "An \\ud800 Phú", "kind": "xa"}, "title": "Báo cáo \\udfff", '
                    '"period": {"kind": "year", "year": 2023}}, "totals": [{"label": "Xã \\ud83d", "unit": "xã", '
                    '"total": "20", "parts": [{"label": "a", "value": "3"}, {"label": "b", "value": "16"}]}]}')


@pytest.mark.parametrize("fmt", ["full", "concise", "json", "json-lines", "sarif", "junit", "gitlab", "github",
                                 "markdown", "html"])
def test_a_lone_surrogate_is_a_finding_and_every_format_writes_it_escaped(tmp_path: Path, fmt: str) -> None:
    p = write(tmp_path / "r.json", SURROGATE_REPORT)
    out = tmp_path / f"out.{fmt}"
    r = invoke(str(p), "--isolated", "-f", fmt, "-o", str(out), "--summary", str(tmp_path / "s.xlsx"))
    assert r.exit_code == 1, r.output
    text = out.read_text("utf-8")  # valid UTF-8: written, not failed
    assert "ud800" in text
    if fmt == "json":
        data = json.loads(text)
        assert data["files"][0]["unit"] == "An \ud800 Phú"  # the JSON escape keeps it exactly
        assert {f["pointer"] for f in rules_of(data)["INP007"]} == {"/meta/unit/name", "/meta/title",
                                                                   "/totals/0/label"}
        assert "SUM002" in rules_of(data)  # the report is still audited


def test_a_surrogate_pair_is_one_character_not_a_finding() -> None:
    res = parse_report_bytes(SURROGATE_REPORT.replace("\\ud800", "\\ud83d\\ude00").encode())
    assert [p.pointer for p in res.problems if p.rule_id == "INP007"] == ["/meta/title", "/totals/0/label"]


# ----------------------------------------------------- 3. explicit value + long digit text

def test_an_explicit_value_does_not_skip_the_digit_limit_nor_start_the_typo_search(monkeypatch) -> None:
    from auditor.engine import localize  # (the typo search is error localization's, issue 13)

    called: list[int] = []
    real = localize.keystroke_variants
    monkeypatch.setattr(localize, "keystroke_variants", lambda t: called.append(len(t)) or real(t))
    data = json.dumps(report(totals=[{"label": "Xã", "unit": "xã", "total": {"text": "1" * 3000, "value": "-0"},
                                      "parts": [{"label": "a", "value": "3"}, {"label": "b", "value": "16"}]}]))
    res = parse_report_bytes(data.encode())
    assert [p.rule_id for p in res.problems] == ["NUM004"]
    rs = load_rules()
    from auditor.workflows.pipeline import audit_read

    audit_read(res, rs, list(rs.rules), "x.json")
    assert all(n <= 2 * limits.current().digits + 20 for n in called)


# ------------------------------------------------------------------ 4. quadratic paths

def test_unit_name_check_is_linear_on_a_hostile_name(monkeypatch) -> None:
    """CMP006 folded the whole name at every place its kind word was written: 30 s for 233 KB."""
    from auditor.checks import completeness

    calls = [0]
    real = completeness.fold
    monkeypatch.setattr(completeness, "fold", lambda s: calls.__setitem__(0, calls[0] + 1) or real(s))
    name = " ".join(["Kim"] * 15)
    text = "xã " * 5000 + name
    completeness._variants(text, ("xã",), name)
    assert calls[0] <= len(text.split()) + 100
    long_name = " ".join(["Kim"] * 5000)
    out = completeness.check_unit_name({"meta": {"unit": {"name": long_name, "kind": "xa"},
                                                  "title": "xã " * 5000 + long_name}, "sections": []}, {})
    assert out[0].status == "skip"


def test_findings_of_one_rule_are_capped_per_file(tmp_path: Path) -> None:
    """100.000 unknown keys gave 100.000 INP004 findings (43 s and 1,1 GB with -f sarif)."""
    data = report()
    data.update({f"x{i}": i for i in range(1000)})
    p = write(tmp_path / "r.json", data)
    code, out, _ = run_json(str(p))
    found = rules_of(out)["INP004"]
    assert code == 1 and len(found) == limits.current().findings_per_rule + 1
    assert "800 more findings of rule INP004" in found[-1]["message"]["en"] or any(
        "800 more findings" in f["message"]["en"] for f in found)
    cfg = write(tmp_path / "audit.toml", "[limits]\nfindings-per-rule = 5\n")
    r = invoke(str(p), "--config", str(cfg), "-f", "json")
    assert len(rules_of(json.loads(r.stdout))["INP004"]) == 6


def test_checks_findings_are_capped_too() -> None:
    data = report(totals=[{"label": f"T{i}", "unit": "xã", "total": "20",
                           "parts": [{"label": "a", "value": "3"}, {"label": "b", "value": "16"}]}
                          for i in range(30)])
    rs = load_rules()
    from auditor.workflows.pipeline import audit_read

    with limits.override(findings_per_rule=10):
        a = audit_read(parse_report_bytes(json.dumps(data).encode()), rs, list(rs.rules), "x.json")
    sums = [f for f in a.findings if f.rule_id == "SUM002"]
    assert len(sums) == 11 and "20 more findings" in sums[-1].message.en or any(
        "20 more findings" in f.message.en for f in sums)


@pytest.mark.parametrize("name", ["big.json", "big.txt", "big.md"])
def test_a_file_above_the_size_limit_is_not_read(tmp_path: Path, name: str) -> None:
    p = tmp_path / name
    p.write_text(json.dumps(report(sections=[{"heading": "x", "text": ["thi đua " * 5000]}]), ensure_ascii=False),
                 "utf-8")
    with limits.override(file_size_mb=0.01):
        a = audit_file(str(p), load_rules(), list(load_rules().rules))
    assert [f.rule_id for f in a.findings] == ["INP009"] and "at most 10.2 KB" in a.findings[0].message.en


def test_a_report_nested_nearly_as_deep_as_python_recurses_is_a_finding() -> None:
    """A field holding a list nested nearly a thousand levels: the message that shows the value
    used to raise RecursionError (an internal error; found by the fuzz harness). From the
    deepest nesting down to the first that JSON decodes (INP003 above it), each is a finding."""
    decoded = 0
    for depth in range(sys.getrecursionlimit(), 0, -3):
        text = json.dumps(report(indicators=[{"name": "Thu", "note": "x"}])).replace('"x"', "[" * depth + "]" * depth)
        res = parse_report_bytes(text.encode())  # (raised RecursionError before)
        assert res.problems and all(p.rule_id.startswith("INP") for p in res.problems)
        if all(p.rule_id != "INP003" for p in res.problems):
            decoded += 1
            if decoded == 5:
                break
    assert decoded == 5


# --------------------------------------------------- 5. silently altered or misread values

def test_an_explicit_value_that_disagrees_with_its_text_is_reported_and_the_text_wins(tmp_path: Path) -> None:
    p = write(tmp_path / "r.json", report(totals=[{"label": "Xã", "unit": "xã", "total": {"text": "500", "value": 700},
                                                   "parts": [{"label": "a", "value": "300"},
                                                             {"label": "b", "value": "200"}]}]))
    code, data, _ = run_json(str(p))
    found = rules_of(data)
    assert code == 1 and set(found) == {"INP008"}  # 300 + 200 = 500: the sum holds with the written 500
    assert found["INP008"][0]["pointer"] == "/totals/0/total" and "700" in found["INP008"][0]["message"]["en"]


def test_a_number_recorded_with_a_problem_has_no_value_whatever_value_says() -> None:
    """Found by the fuzz harness: {"text": "…", "value": <2.775 digits>, "problem": "x"} kept the
    value, and PCT001 computed with it (an internal error)."""
    data = report(indicators=[{"name": "BHYT", "unit": "%", "values": {
        "th": "93", "kh": "92", "pct_kh": {"text": "625439899,68", "value": "1" * 2775, "problem": "x"}}}])
    res = parse_report_bytes(json.dumps(data).encode())
    assert res.report.indicators[0].values.pct_kh.value is None
    rs = load_rules()
    from auditor.workflows.pipeline import audit_read

    a = audit_read(res, rs, list(rs.rules), "x.json")
    assert "NUM001" in {f.rule_id for f in a.findings}


def test_duplicate_keys_are_reported_with_both_places(tmp_path: Path) -> None:
    text = json.dumps(report(indicators=[{"name": "Thu", "values": {"th": "5"}}]), ensure_ascii=False, indent=1)
    text = text[:-2] + ',\n "indicators": []\n}'
    p = write(tmp_path / "r.json", text)
    code, data, _ = run_json(str(p))
    found = rules_of(data)["INP006"]
    assert code == 1 and [f["pointer"] for f in found] == ["/indicators"]
    assert found[0]["line"] == text[:text.rindex('"indicators"')].count("\n") + 1
    assert "line 11" in found[0]["message"]["en"] or "first at line" in found[0]["message"]["en"]
    nested = parse_report_bytes(b'{"meta": {"unit": {"name": "A"}, "title": "B", "title": "C", '
                                b'"period": {"kind": "year"}}}')
    assert [(p.rule_id, p.pointer) for p in nested.problems] == [("INP006", "/meta/title")]


@pytest.mark.parametrize("text, reading", [("５００", "500"), ("١٢", "12"), ("16７", "167"), ("۳٫۵", None)])
def test_digits_other_than_ascii_are_never_read(text: str, reading: str | None) -> None:
    res = parse_report_bytes(json.dumps(report(indicators=[{"name": "Thu", "values": {"th": text}}])).encode())
    assert [p.rule_id for p in res.problems] == ["NUM003"]
    assert res.report.indicators[0].values.th.value is None
    if reading:
        assert f"If {reading} was meant" in res.problems[0].en


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_digits_other_than_ascii_in_a_document(tmp_path: Path, suffix: str) -> None:
    p = tmp_path / f"r{suffix}"
    p.write_text("UBND XÃ AN PHÚ\nBÁO CÁO\nTổng kết công tác thi đua, khen thưởng năm 2023\n\n"
                 "Toàn xã có ５００ hộ nghèo, trong đó 16７ hộ đã thoát nghèo và 12 hộ mới.\n"
                 "Tổng số hộ: ١٢٣ hộ.\n", "utf-8")
    a = audit_file(str(p), load_rules(), list(load_rules().rules))
    nums = {f.stated: f for f in a.findings if f.rule_id == "NUM003"}
    assert set(nums) == {"５００", "16７", "١٢٣"}  # a number taken or not, never read silently
    assert nums["١٢٣"].line == 6 and "If 123 was meant" in nums["١٢٣"].message.en
    from auditor.extract import read_document
    from auditor.read.json_reader import _nums

    for _ptr, num in _nums(read_document(p).report, ""):
        assert num.value is None or num.text.isascii()


# ---------------------------------------------------------------- 6. files that are not files

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_named_pipe_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    # in a subprocess: before, the run blocked for ever on the open
    r = subprocess.run([sys.executable, "-m", "auditor", str(fifo), "--isolated"], capture_output=True,
                       text=True, timeout=120, cwd=tmp_path)
    assert r.returncode == 2 and "not a regular file" in r.stderr and "Traceback" not in r.stderr
    write(tmp_path / "ok.json", report())
    r = subprocess.run([sys.executable, "-m", "auditor", str(tmp_path), "--isolated", "-f", "json"],
                       capture_output=True, text=True, timeout=120, cwd=tmp_path)
    files = {Path(f["path"]).name: f for f in json.loads(r.stdout)["files"]}
    assert files["fifo.json"]["status"] == "skipped" and "named pipe" in files["fifo.json"]["note"]["en"]
    assert files["ok.json"]["status"] == "ok" and r.returncode == 0


def test_a_folder_named_like_a_report_or_an_empty_pattern_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "x.json").mkdir()
    r = invoke(str(tmp_path / "x.json"))
    assert r.exit_code == 2 and "holds no document" in r.output
    r = invoke(str(tmp_path / "nothing" / "**" / "*.json"))
    assert r.exit_code == 2 and "No file matches" in r.output


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")
def test_globs_and_folders_survive_link_loops_and_audit_each_file_once(tmp_path: Path) -> None:
    d = tmp_path / "tree"
    write(d / "a.json", report())
    write(d / "sub" / "b.json", report())
    os.symlink(d, d / "loop")            # a link to its own folder
    os.symlink(d / "sub", d / "sub" / "self")
    os.symlink(d / "a.json", d / "again.json")  # a second path to a file
    from auditor.workflows.batch import collect_files

    for arg in (str(d), str(d / "**" / "*.json"), str(d / "**")):
        names = sorted(Path(p).name for p, _ in collect_files([arg]))
        assert names == ["a.json", "b.json"], (arg, names)


def test_a_readme_in_a_folder_is_listed_as_skipped(tmp_path: Path) -> None:
    write(tmp_path / "r.json", report())
    (tmp_path / "README.md").write_text("# Reports\n\n" + "These are the reports of the communes for 2023, "
                                        "sent by e-mail and checked by the district. " * 10, "utf-8")
    (tmp_path / "ghi_chu.txt").write_text("Ghi chú: gọi điện cho xã An Phú\n", "utf-8")
    code, data, out = run_json(str(tmp_path))
    status = {Path(f["path"]).name: (f["status"], (f.get("note") or {}).get("en", "")) for f in data["files"]}
    assert status["README.md"][0] == "skipped" and "not in Vietnamese" in status["README.md"][1]
    assert status["ghi_chu.txt"][0] == "skipped" and "no title" in status["ghi_chu.txt"][1]
    assert code == 0, out
    # named on the command line, a document is always audited
    code, data, _ = run_json(str(tmp_path / "ghi_chu.txt"))
    assert data["files"][0]["status"] != "skipped"


# ------------------------------------------------------------------------ 7. hostile .docx

def _docx(members: dict[str, bytes]) -> bytes:
    base = {
        "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                               b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
                               b'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                               b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                               b'officedocument.wordprocessingml.document.main+xml"/></Types>',
        "_rels/.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                       b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                       b'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                       b'</Relationships>',
        "word/document.xml": b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                             b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>B\xc3\xa1o c\xc3\xa1o</w:t></w:r>'
                             b'</w:p></w:body></w:document>',
    }
    base.update(members)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in base.items():
            z.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize("member", ["word/document.xml", "word/fontTable.xml"])
def test_a_zip_bomb_is_refused_before_it_inflates(tmp_path: Path, member: str, monkeypatch) -> None:
    inflated = [0]
    real = zipfile.ZipExtFile.read
    monkeypatch.setattr(zipfile.ZipExtFile, "read",
                        lambda self, n=-1: (lambda d: inflated.__setitem__(0, inflated[0] + len(d)) or d)(real(self, n)))
    p = tmp_path / "bomb.docx"
    p.write_bytes(_docx({member: b"<a>" + b"0" * (3 * 1024 * 1024) + b"</a>"}))  # 3 MB of zeros: ~1000×
    a = audit_file(str(p), load_rules(), list(load_rules().rules))
    assert [f.rule_id for f in a.findings] == ["INP009"] and member in a.findings[0].message.en
    assert "zip bomb" in a.findings[0].message.en and inflated[0] == 0
    with limits.override(docx_member_mb=1, docx_ratio=100_000):  # the size limit alone
        a = audit_file(str(p), load_rules(), list(load_rules().rules))
    assert [f.rule_id for f in a.findings] == ["INP009"] and "at most 1 MB" in a.findings[0].message.en


def test_a_member_lying_about_its_size_is_not_inflated_beyond_it(tmp_path: Path) -> None:
    """zipfile stops at the declared size (and fails the CRC): the size check bounds inflation."""
    data = bytearray(_docx({"word/fontTable.xml": b"<a>" + b"0" * 200_000 + b"</a>"}))
    # shrink the declared size of fontTable.xml in its central directory entry to 10 bytes
    at = data.rindex(b"word/fontTable.xml") - 46
    assert data[at:at + 4] == b"PK\x01\x02"
    data[at + 24:at + 28] = (10).to_bytes(4, "little")
    p = tmp_path / "liar.docx"
    p.write_bytes(bytes(data))
    a = audit_file(str(p), load_rules(), list(load_rules().rules))
    # corrupt, or the member simply not used (the tiny document names no period: CMP007)
    assert [f.rule_id for f in a.findings if f.rule_id != "CMP007"] in (["INP005"], [])
    assert all(f.rule_id != "INT001" for f in a.findings)


def test_xxe_billion_laughs_and_path_traversal_stay_contained(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-1234", "utf-8")
    xxe = (f'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file://{secret}">]>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
           '<w:t>A &x; B</w:t></w:r></w:p></w:body></w:document>').encode()
    lol = ('<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
           + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
           + ']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>'
           '<w:r><w:t>&i;</w:t></w:r></w:p></w:body></w:document>').encode()
    for name, doc in (("xxe.docx", _docx({"word/document.xml": xxe})), ("lol.docx", _docx({"word/document.xml": lol})),
                      ("trav.docx", _docx({"../../../../tmp/evil_i18.txt": b"x", "/abs_evil_i18.txt": b"y"}))):
        p = tmp_path / name
        p.write_bytes(doc)
        from auditor.extract import extract

        ex = extract(p)
        from auditor.extract.explain import report_json

        dumped = report_json(ex.report) if ex.report is not None else ""
        if name != "trav.docx":  # a DTD in a Word part: refused before parsing, as a damaged file
            assert ex.report is None and [p.rule_id for p in ex.problems] == ["INP005"]
        assert "SECRET-1234" not in dumped and "a" * 10_000 not in dumped
        r = invoke(str(p), "--isolated")
        assert r.exit_code in (0, 1), r.output
    assert not Path("/tmp/evil_i18.txt").exists() and not Path("/abs_evil_i18.txt").exists()


# ------------------------------------------------------------------- 8. hostile rule folders

RULE = """version: "1"
rules:
  - id: TOY001
    family: sum
    title: {vi: "t", en: "t"}
    severity: error
    scope: "SCOPE"
    check: sum
    params: PARAMS
    message: {vi: "MESSAGE", en: "m"}
    rationale: {vi: "r", en: "r"}
    examples:
      - expect: pass
        report: {totals: [{label: "X", total: "3", parts: [{label: "a", value: "3"}]}]}
      - expect: fail
        report: {totals: [{label: "X", total: "4", parts: [{label: "a", value: "3"}]}]}
"""


def _rule_file(tmp_path: Path, scope: str = "totals[*]", message: str = "{label}",
               params: str = '{total: total, parts: "parts[*].value"}', extra: str = "") -> Path:
    p = tmp_path / "rules" / "toy.yaml"
    p.parent.mkdir(exist_ok=True)
    p.write_text(extra + RULE.replace("SCOPE", scope).replace("PARAMS", params).replace("MESSAGE", message), "utf-8")
    return p


@pytest.mark.parametrize("kind, kwargs, words", [
    ("jmespath nested 60 levels", {"scope": "totals" + " | [@,@][]" * 60}, "levels deep"),
    ("500 nested [*]", {"scope": "totals" + "[*]" * 500}, "TOY001"),
    ("unbounded function", {"scope": "join(',', totals[*].label)"}, "join"),
    ("unbounded function in a selector parameter", {"params": '{total: total, parts: "to_string(parts)"}'},
     "to_string"),
    ("selector parameter nested 60 levels", {"params": '{total: total, parts: "parts' + ' | [@,@][]' * 60 + '"}'},
     "levels deep"),
    ("template width", {"message": "{label:>1000000000}"}, "width"),
    ("template attribute", {"message": "{label.__class__.__mro__}"}, "plain name"),
    ("template index", {"message": "{label[0]}"}, "plain name"),
    ("990 unary minus", {"params": '{total: total, parts: "parts[*].value", assert: "' + "-" * 990 + '1"}'},
     "levels deep"),
    ("NUL in an expression", {"params": '{total: total, parts: "parts[*].value", assert: "a\\0b"}'}, "TOY001"),
    ("alias bomb", {"params": "&a [1, 2]", "extra": ""}, "alias"),
])
def test_a_hostile_rule_folder_is_a_usage_error_naming_file_and_rule(tmp_path: Path, kind: str,
                                                                       kwargs: dict[str, str], words: str) -> None:
    if kind == "alias bomb":
        p = _rule_file(tmp_path, params="{total: total, parts: *a}",
                       extra="x: &a [1, 2]\ny: &b [*a, *a, *a, *a]\nz: [*b, *b, *b, *b]\n")
    else:
        p = _rule_file(tmp_path, **kwargs)
    with pytest.raises(RuleError) as e:
        load_rule_file(p)
    assert str(p) in str(e.value) and words in str(e.value), str(e.value)
    r = invoke(str(ROOT / "fixtures" / "example.json"), "--rules-dir", str(p.parent), "--isolated")
    assert r.exit_code == 2 and "toy.yaml" in r.output and "Traceback" not in r.output


def test_deeply_nested_yaml_is_a_usage_error(tmp_path: Path) -> None:
    p = _rule_file(tmp_path, params="{total: total, parts: " + "[" * 3000 + "]" * 3000 + "}")
    with pytest.raises(RuleError) as e:
        load_rule_file(p)
    assert str(p) in str(e.value)


def test_a_jmespath_that_doubles_thirty_times_stops_at_the_selection_limit(tmp_path: Path) -> None:
    """It used to hang or eat gigabytes; now the step that goes over 100.000 items stops it."""
    p = _rule_file(tmp_path, scope="totals" + " | [@,@][]" * 30)
    r = invoke(str(ROOT / "fixtures" / "example.json"), "--rules-dir", str(p.parent), "--isolated", "-f", "json")
    found = rules_of(json.loads(r.stdout))
    assert r.exit_code == 1 and "INP009" in found
    assert "Rule TOY001 selects more than 100000 items" in found["INP009"][0]["message"]["en"]


def test_a_rule_selecting_too_much_on_a_report_is_an_input_finding(tmp_path: Path) -> None:
    rs = load_rules()
    data = report(totals=[{"label": f"T{i}", "unit": "xã", "total": "1", "parts": [{"label": "a", "value": "1"}]}
                          for i in range(50)])
    from auditor.workflows.pipeline import audit_read

    with limits.override(selection_items=20):
        a = audit_read(parse_report_bytes(json.dumps(data).encode()), rs, list(rs.rules), "x.json")
    inp9 = [f for f in a.findings if f.rule_id == "INP009"]
    assert inp9 and all("selects more than 20 items" in f.message.en for f in inp9)


def test_every_error_of_ast_parse_is_a_formula_error(monkeypatch) -> None:
    """Python 3.10 and 3.11.2 raise ValueError for a NUL character (3.11.7 a SyntaxError)."""
    from auditor.numeric import formula

    for exc in (ValueError("source code string cannot contain null bytes"), RecursionError(), MemoryError()):
        def boom(*a: Any, _e: Exception = exc, **k: Any) -> Any:
            raise _e
        monkeypatch.setattr(ast, "parse", boom)
        with pytest.raises(formula.FormulaError):
            formula.parse(f"a + b  # {type(exc).__name__}")


# ---------------------------------------------------------- 9. one bad file loses the batch

def _crash_on(monkeypatch, marker: str) -> None:
    """A check that raises (a bug) on the reports whose total is written `marker`."""
    import dataclasses

    from auditor.checks import REGISTRY
    from auditor.engine import runner

    kind = REGISTRY["sum"]
    real = kind.fn

    def fn(a: Any, o: Any) -> Any:
        total = a.get("total") if isinstance(a, dict) else None
        if total is not None and getattr(total, "text", "") == marker:
            raise ZeroDivisionError("a bug")
        return real(a, o)
    monkeypatch.setitem(REGISTRY, "sum", dataclasses.replace(kind, fn=fn))
    monkeypatch.setattr(runner, "_PLANS", {})  # (plans keep the check kind they were made with)


@pytest.mark.parametrize("n, jobs", [(6, "1"), (60, "2")])
def test_a_bug_in_one_file_is_its_finding_and_every_output_is_written(tmp_path: Path, monkeypatch,
                                                                        n: int, jobs: str) -> None:
    _crash_on(monkeypatch, "777")
    d = tmp_path / "in"
    for i in range(n):
        total = "777" if i == n // 2 else "19"
        write(d / f"r{i:03d}.json", report(totals=[{"label": "Xã", "unit": "xã", "total": total,
                                                   "parts": [{"label": "a", "value": "3"},
                                                             {"label": "b", "value": "16"}]}]))
    outs = {k: tmp_path / f"o.{k}" for k in ("sarif", "junit", "jsonl", "xlsx")}
    r = invoke(str(d), "--isolated", "-j", jobs, "-f", "json-lines", "-o", str(outs["jsonl"]),
               "--sarif-output", str(outs["sarif"]), "--junit-output", str(outs["junit"]),
               "--summary", str(outs["xlsx"]))
    assert r.exit_code == 2, r.output
    assert "INT001" in r.output or "Internal error in 1 file" in r.output
    lines = [json.loads(x) for x in outs["jsonl"].read_text("utf-8").splitlines()]
    bad = [x for x in lines if x["rule_id"] == "INT001"]
    assert len(bad) == 1 and bad[0]["file"].endswith(f"r{n // 2:03d}.json")
    assert "ZeroDivisionError" in bad[0]["message"]["en"]
    sarif = json.loads(outs["sarif"].read_text("utf-8"))
    assert len(sarif["runs"][0]["results"]) == 1
    import pandas as pd

    assert len(pd.read_excel(outs["xlsx"], sheet_name=0)) == n


def test_a_big_streamed_run_with_a_crasher_goes_to_the_end(tmp_path: Path, monkeypatch) -> None:
    _crash_on(monkeypatch, "777")
    d = tmp_path / "in"
    for i in range(120):
        write(d / f"r{i:03d}.json", report(totals=[{"label": "Xã", "unit": "xã", "total": "777" if i == 60 else "19",
                                                   "parts": [{"label": "a", "value": "3"},
                                                             {"label": "b", "value": "16"}]}]))
    out = tmp_path / "o.txt"
    r = invoke(str(d), "--isolated", "-j", "1", "-f", "concise", "-o", str(out))
    assert r.exit_code == 2
    text = out.read_text("utf-8")
    assert "INT001" in text and "trong 120 tệp" in text


@pytest.mark.parametrize("option, name", [("--summary", "summary.xlsx"), ("--summary", "summary.csv"),
                                          ("-o", "out.txt"), ("--sarif-output", "out.sarif")])
def test_a_full_disk_is_a_clear_message_and_leaves_no_half_file(tmp_path: Path, monkeypatch, option: str,
                                                                  name: str) -> None:
    from auditor.output import write as w

    p = write(tmp_path / "r.json", report())
    target = tmp_path / name
    target.write_bytes(b"the previous output")

    def full(path: str, data: bytes) -> None:
        with open(path, "wb") as fh:
            fh.write(data[:10])  # some of it reached the disk, then it was full
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(w, "_save", full)
    r = invoke(str(p), "--isolated", option, str(target))
    assert r.exit_code == 2 and "disk is full" in r.output and "Traceback" not in r.output
    assert target.read_bytes() == b"the previous output"
    assert sorted(x.name for x in tmp_path.iterdir()) == sorted(["r.json", name])


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="/dev/full")
def test_writing_to_a_full_device(tmp_path: Path) -> None:
    """The real error, from a device that is always full (it is written in place)."""
    p = write(tmp_path / "r.json", report())
    r = subprocess.run([sys.executable, "-m", "auditor", str(p), "--isolated", "-o", "/dev/full"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and "disk is full" in r.stderr and "Traceback" not in r.stderr


def test_an_output_is_written_whole_or_not_at_all(tmp_path: Path, monkeypatch) -> None:
    from auditor.output import write as w

    target = tmp_path / "out.json"
    target.write_text("old", "utf-8")

    class Interrupted(Exception):
        pass

    with pytest.raises(Interrupted), w.atomic_path(target) as tmp:
        Path(tmp).write_text("half", "utf-8")
        raise Interrupted
    assert target.read_text("utf-8") == "old" and [x.name for x in tmp_path.iterdir()] == ["out.json"]
    w.write_text(target, "new \ud800")
    assert target.read_text("utf-8") == "new \\ud800"


def test_the_limits_are_shown_and_checked_by_the_configuration(tmp_path: Path) -> None:
    r = invoke("config", "--isolated", "-f", "json")
    assert json.loads(r.stdout)["config"]["limits"]["digits"] == 50
    cfg = write(tmp_path / "audit.toml", "[limits]\nfindings-per-rule = 5\nfile-size-mb = 0.5\n")
    r = invoke("config", "--config", str(cfg))
    assert "findings-per-rule = 5" in r.output and "file-size-mb = 0.5" in r.output
    for bad in ("digits = 1.5", "dgits = 5", "selection-items = true", "expression-depth = 100000"):
        r = invoke("config", "--config", str(write(tmp_path / "bad.toml", f"[limits]\n{bad}\n")))
        assert r.exit_code == 2 and "limit" in r.output, (bad, r.output)


def test_a_folder_given_twice_or_inside_another_is_walked_once(tmp_path: Path) -> None:
    from auditor.workflows.batch import collect_files

    d = tmp_path / "reports"
    write(d / "huyen" / "a.json", report())
    names = [Path(p).name for p, _ in collect_files([str(d), str(d), str(d / "huyen")])]
    assert names == ["a.json"]
