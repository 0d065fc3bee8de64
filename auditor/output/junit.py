"""`junit`: one testsuite per file, one testcase per finding; a finding at or above the run's
`fail_on` threshold (the exit code's, default warning) is a failure, one below it passes (the
note goes to system-out); a file without findings gets one passing testcase."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import PurePosixPath

from auditor.output.common import (
    detail_lines,
    fails,
    finding_place,
    findings_by_file,
    message,
    pointer_shown,
    rel_path,
    run_files,
)

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from typing import Any

    from auditor.model.findings import RunResult


@lru_cache(maxsize=1)
def _xml_bad() -> re.Pattern[str]:
    return re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _x(s: Any) -> str:
    """Text XML 1.0 can carry (ElementTree escapes & < > and quotes, not control characters)."""
    return _xml_bad().sub("\ufffd", str(s))


def render_junit(rr: RunResult, lang: str = "vi") -> str:
    import xml.etree.ElementTree as ET

    by_file = findings_by_file(rr)
    info = {fr.path: fr for fr in rr.files}
    names: set[str] = set()

    def unique(name: str) -> str:
        out, n = name, 1
        while out in names:
            n += 1
            out = f"{name} #{n}"
        names.add(out)
        return out

    root = ET.Element("testsuites", name=rr.tool.name)
    total_tests = total_failures = 0
    for path in run_files(rr):
        findings = by_file.get(path, [])
        shown = rel_path(path)
        classname = _x(str(PurePosixPath(shown).with_suffix("")) if shown.endswith(".json") else shown)
        failures = sum(1 for f in findings if fails(f, rr.fail_on))
        tests = max(len(findings), 1)
        suite = ET.SubElement(root, "testsuite", name=_x(shown), tests=str(tests), failures=str(failures),
                              errors="0", skipped="0", file=_x(shown))
        props = ET.SubElement(suite, "properties")
        fr = info.get(path)
        pairs = [("auditor.version", rr.tool.version), ("auditor.ruleset", rr.tool.ruleset)]
        if fr is not None:
            pairs += [("input.sha256", fr.sha256), ("input.status", fr.status), ("report.unit", fr.unit),
                      ("report.period", fr.period)]
        for k, v in pairs:
            if v:
                ET.SubElement(props, "property", name=k, value=_x(v))
        for f in findings:
            place = finding_place(f, lang)  # a .docx: its paragraph or cell (it has no line)
            where = f" ({place})" if place else ""
            attrs = {"classname": classname,
                     "name": _x(unique(f"{f.rule_id} {pointer_shown(f.pointer)}{where} [{f.fingerprint[:8]}]")),
                     "file": _x(shown)}
            if f.line:
                attrs["line"] = str(f.line)
            tc = ET.SubElement(suite, "testcase", attrs)
            body = "\n".join(detail_lines(f, lang))
            if fails(f, rr.fail_on):
                fail = ET.SubElement(tc, "failure", type=f.severity, message=_x(message(f, lang)))
                fail.text = _x(body)
            else:
                out = ET.SubElement(tc, "system-out")
                out.text = _x(f"{f.severity}: {message(f, lang)}\n{body}")
        if not findings:
            ET.SubElement(suite, "testcase", classname=classname, name=_x(unique(f"no findings: {shown}")),
                          file=_x(shown))
        total_tests += tests
        total_failures += failures
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    root.set("skipped", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
