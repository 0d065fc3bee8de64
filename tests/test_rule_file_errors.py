"""A broken rule folder is a usage error (exit 2) whose message is written in both languages:
the Vietnamese line explains in Vietnamese, the English line in English (a library's technical
detail, such as the YAML parser's, is quoted as it is in both)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import main

EXAMPLE = str(Path(__file__).resolve().parent.parent / "fixtures" / "example.json")

BROKEN = {
    "yaml": ("rules:\n  - id: X001\n    title: [unclosed\n", "không đọc được tệp quy tắc", "cannot read rule file"),
    "schema": ("- id: X001\n  severity: loud\n", "không đúng lược đồ quy tắc", "bad.yaml: /: "),
}


@pytest.mark.parametrize("case", ["yaml", "schema", "duplicate_id"])
def test_a_broken_rule_file_is_explained_in_both_languages(tmp_path: Path, case: str) -> None:
    if case == "duplicate_id":
        shipped = Path(__file__).resolve().parent.parent / "rules"
        src = next(p for p in sorted(shipped.glob("*.yaml")))
        (tmp_path / "a.yaml").write_text(src.read_text("utf-8"), "utf-8")
        (tmp_path / "b.yaml").write_text(src.read_text("utf-8"), "utf-8")
        vi, en = "đã được định nghĩa trong", "is also defined in"
    else:
        text, vi, en = BROKEN[case]
        (tmp_path / "bad.yaml").write_text(text, "utf-8")
    r = CliRunner().invoke(main, [EXAMPLE, "--rules-dir", str(tmp_path)])
    assert r.exit_code == 2, r.output
    out = r.output + (r.stderr if r.stderr_bytes is not None else "")
    vi_line = next(line for line in out.splitlines() if "Tệp quy tắc bị lỗi" in line)
    en_line = next(line for line in out.splitlines() if "Broken rule file" in line)
    assert vi in vi_line and en not in vi_line
    assert en in en_line and vi not in en_line
    assert "Traceback" not in out
