"""Machine formats for CI and printable reports: `json-lines`, `sarif`, `junit`, `gitlab`, `github`,
`markdown`. Every renderer has the signature of those in `render.py`: `fn(rr, lang) -> str`.

Contracts (see the conventions research, §1, §3 and §6.5):

- json-lines: one finding per line, the same object as in `-f json` `findings[]`.
- sarif: SARIF 2.1.0, one run; every result has an explicit `level`, a physical location (the
  file, plus a region when the line is known), the JSON Pointer as a logical location, the
  other values involved as related locations and `partialFingerprints["auditor/v1"]`.
- junit: one testsuite per file, one testcase per finding; a finding at or above the run's
  `fail_on` threshold (the exit code's, default warning) is a failure, one below it passes (the
  note goes to system-out); a file without findings gets one passing testcase.
- html: the printable report (`html_report.py`, imported only when used).
- gitlab: Code Quality JSON array; fingerprints are unique per entry.
- github: workflow commands, most severe first, then one notice with the totals.
- markdown: a readable report (Vietnamese or English headings).

`render.py` imports this module at its end, so nothing here imports `render` at module level,
and nothing heavy (pydantic models) either: `audit --help` imports `render`.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from .severity import SEVERITY_RANK

if TYPE_CHECKING:  # kept out of the import path: the CLI must start fast
    from .findings import Finding, RunResult, Text

SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
GITLAB_SEVERITY = {"error": "critical", "warning": "major", "info": "info"}
GITHUB_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}
FINGERPRINT_KEY = "auditor/v1"
_SEVERITIES = ("error", "warning", "info")


# ---------------------------------------------------------------------------------- helpers


def _t(text: Text | None, lang: str) -> str:
    if text is None:
        return ""
    return text.vi if lang == "vi" else text.en


def _msg(f: Finding, lang: str) -> str:
    return _t(f.message, lang)


def _ptr(pointer: str | None) -> str:
    """RFC 6901: the root is the empty string; show it as `(root)`."""
    return pointer if pointer else "(root)"


def _rules() -> dict[str, Any]:
    """Rule metadata by id, from the default rule set (cached by `load_rules`). A run made with
    other rules still renders: unknown ids get metadata from the finding itself."""
    from .rules import RuleError, load_rules

    try:
        return {r.id: r for r in load_rules().rules}
    except RuleError:
        return {}


def rel_path(path: str) -> str:
    """The file path relative to the working directory when it lies below it, with forward
    slashes; other paths are kept (absolute) with forward slashes."""
    p = path.replace("\\", "/")
    if os.path.isabs(path):
        try:
            rel = os.path.relpath(path)
        except ValueError:  # another drive on Windows
            rel = ""
        if rel and Path(rel).parts[:1] != ("..",):
            p = Path(rel).as_posix()
    while p.startswith("./"):
        p = p[2:]
    return p


def artifact_uri(path: str) -> str:
    """A URI reference for SARIF `artifactLocation.uri`: relative and percent-encoded, or a
    `file://` URI for a path outside the working directory."""
    p = rel_path(path)
    if os.path.isabs(path) and (p.startswith("/") or re.match(r"^[A-Za-z]:/", p)):
        try:
            return Path(path).resolve().as_uri()
        except ValueError:
            pass
    from urllib.parse import quote

    # ':' is encoded so that a first segment like "a:b" is not read as a scheme.
    return quote(p, safe="/!$&'()*+,;=@-._~")


def _files(rr: RunResult) -> list[str]:
    """Every file of the run, in order: those listed in `files`, then any only in findings."""
    out = [fr.path for fr in rr.files]
    seen = set(out)
    for f in rr.findings:
        if f.file not in seen:
            seen.add(f.file)
            out.append(f.file)
    return out


def _by_file(rr: RunResult) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = {}
    for f in rr.findings:
        out.setdefault(f.file, []).append(f)
    return out


def _counts(findings: list[Finding]) -> dict[str, int]:
    return {s: sum(1 for f in findings if f.severity == s) for s in _SEVERITIES}


def _most_severe_first(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: -SEVERITY_RANK[f.severity])  # stable


def _finding_dict(f: Finding) -> dict[str, Any]:
    """The finding exactly as `-f json` writes it."""
    return f.to_json()


def _evidence_label(f: Finding, pointer: str) -> str | None:
    for e in f.evidence:
        if e.pointer == pointer:
            return " ".join(x for x in (f"{e.role}:", e.text, e.unit or "") if x).strip()
    return None


_SLUG_WORDS = {"%": " percent ", "=": " equals ", "×": " times ", "/": " over ", "−": " minus ",
               "+": " plus ", "≠": " differs from "}


def _slug(title: str) -> str:
    import unicodedata

    for k, v in _SLUG_WORDS.items():
        title = title.replace(k, v)
    ascii_ = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")


_H = {
    "vi": {"why": "Vì sao", "fix": "Cách sửa", "legal": "Căn cứ", "explain": "Xem thêm",
           "stated": "Báo cáo ghi", "expected": "Giá trị đúng", "formula": "Phép tính",
           "imbalance": "Chênh lệch", "pointer": "Vị trí (JSON Pointer)", "line": "Dòng",
           "source": "Nguồn", "evidence": "Số liệu", "item": "Nội dung", "related": "Liên quan",
           "hint": "Gợi ý"},
    "en": {"why": "Why", "fix": "How to fix", "legal": "Legal basis", "explain": "See also",
           "stated": "Stated", "expected": "Expected", "formula": "Computation",
           "imbalance": "Difference", "pointer": "Location (JSON Pointer)", "line": "Line",
           "source": "Source", "evidence": "Evidence", "item": "Item", "related": "Related",
           "hint": "Hint"},
}


def _src_text(f: Finding, lang: str) -> str | None:
    s = f.src
    if s is None:
        return None
    names = ({"line": "dòng", "paragraph": "đoạn", "table": "bảng", "row": "hàng", "column": "cột"}
             if lang == "vi" else
             {"line": "line", "paragraph": "paragraph", "table": "table", "row": "row", "column": "column"})
    parts = [f"{names[k]} {getattr(s, k)}" for k in names if getattr(s, k) is not None]
    text = ", ".join(parts)
    if s.quote:
        text = f"{text}: “{s.quote}”" if text else f"“{s.quote}”"
    return text or None


def _detail_lines(f: Finding, lang: str) -> list[str]:
    """Plain-text details of a finding (JUnit bodies)."""
    h = _H[lang]
    lines = [f"{f.rule_id}: {_t(f.title, lang)}", f"{h['pointer']}: {_ptr(f.pointer)}"]
    if f.line:
        lines.append(f"{h['line']}: {f.line}" + (f":{f.column}" if f.column else ""))
    for key in ("item", "stated", "expected", "formula", "imbalance"):
        v = getattr(f, key)
        if v is not None:
            lines.append(f"{h[key]}: {v}")
    src = _src_text(f, lang)
    if src:
        lines.append(f"{h['source']}: {src}")
    for e in f.evidence:
        unit = f" {e.unit}" if e.unit else ""
        lines.append(f"  {e.role}: {e.text}{unit}" + (f" ({e.pointer})" if e.pointer else ""))
    for hint in f.hints:
        lines.append(f"{h['hint']}: {hint.pointer}: {hint.written} → {hint.suggested} ({_t(hint.message, lang)})")
    if f.legal_basis:
        lines.append(f"{h['legal']}: " + "; ".join(f.legal_basis))
    lines.append(f"{h['explain']}: audit explain {f.rule_id}")
    return lines


# --------------------------------------------------------------------------------- json-lines


def render_json_lines(rr: RunResult, lang: str = "vi") -> str:
    """One finding per line (ruff's `json-lines`); no findings → empty output."""
    return "".join(json.dumps(_finding_dict(f), ensure_ascii=False) + "\n" for f in rr.findings)


# -------------------------------------------------------------------------------------- sarif


def _rule_help(rule: Any, lang: str) -> tuple[str, str]:
    h = _H[lang]
    title = _t(rule.title, lang)
    why = _t(rule.rationale, lang).strip()
    text = [title + ".", "", f"{h['why']}: {why}"]
    md = [f"**{rule.id}: {title}**", "", f"### {h['why']}", why]
    if rule.fix:
        text += ["", f"{h['fix']}: {_t(rule.fix, lang)}"]
        md += ["", f"### {h['fix']}", _t(rule.fix, lang)]
    if rule.legal_basis:
        text += ["", f"{h['legal']}:"] + [f"- {x}" for x in rule.legal_basis]
        md += ["", f"### {h['legal']}"] + [f"- {x}" for x in rule.legal_basis]
    text += ["", f"{h['explain']}: audit explain {rule.id}"]
    md += ["", f"{h['explain']}: `audit explain {rule.id}`"]
    return "\n".join(text), "\n".join(md)


def _clip(s: str, n: int = 1024) -> str:
    """GitHub accepts at most 1024 characters in short/full descriptions."""
    return s if len(s) <= n else s[: n - 1] + "…"


def _rule_descriptor(rule: Any, lang: str) -> dict[str, Any]:
    text, md = _rule_help(rule, lang)
    tags = list(dict.fromkeys([rule.family, *rule.tags]))
    props: dict[str, Any] = {"tags": tags, "family": rule.family, "precision": "very-high",
                             "problem.severity": "recommendation" if rule.severity == "info" else rule.severity,
                             "since": rule.since}
    if rule.legal_basis:
        props["legalBasis"] = list(rule.legal_basis)
    return {
        "id": rule.id,
        "name": _slug(rule.title.en) or rule.id,
        "shortDescription": {"text": _clip(_t(rule.title, lang))},
        "fullDescription": {"text": _clip(_t(rule.rationale, lang).strip() or _t(rule.title, lang))},
        "help": {"text": text, "markdown": md},
        "defaultConfiguration": {"level": SARIF_LEVEL[rule.severity]},
        "properties": props,
    }


def _adhoc_descriptor(f: Finding, lang: str) -> dict[str, Any]:
    """A rule that the default rule set does not know (e.g. run with --rules-dir)."""
    title = _t(f.title, lang) or f.rule_id
    return {
        "id": f.rule_id,
        "name": _slug(f.title.en) or f.rule_id,
        "shortDescription": {"text": _clip(title)},
        "fullDescription": {"text": _clip(title)},
        "help": {"text": f"{title}.\n\naudit explain {f.rule_id}",
                 "markdown": f"**{f.rule_id}: {title}**\n\n`audit explain {f.rule_id}`"},
        "defaultConfiguration": {"level": SARIF_LEVEL[f.severity]},
    }


def _logical(pointer: str) -> dict[str, Any]:
    name = pointer.rsplit("/", 1)[-1].replace("~1", "/").replace("~0", "~") if pointer else "(root)"
    return {"name": name or "(empty)", "fullyQualifiedName": pointer, "kind": "value"}


def _sarif_result(f: Finding, lang: str, rule_index: int, uri: str, art_index: int | None) -> dict[str, Any]:
    art: dict[str, Any] = {"uri": uri}
    if art_index is not None:
        art["index"] = art_index
    phys: dict[str, Any] = {"artifactLocation": art}
    if f.line:
        region: dict[str, Any] = {"startLine": f.line}
        if f.column:
            region["startColumn"] = f.column
        phys["region"] = region
    result: dict[str, Any] = {
        "ruleId": f.rule_id,
        "ruleIndex": rule_index,
        "kind": "fail",
        "level": SARIF_LEVEL[f.severity],
        # GitHub shows only the message and file/line: the pointer goes into the text too.
        "message": {"text": f"{_msg(f, lang)} [{_ptr(f.pointer)}]"},
        "locations": [{"physicalLocation": phys, "logicalLocations": [_logical(f.pointer)]}],
    }
    related = []
    for i, p in enumerate(dict.fromkeys(f.related), start=1):
        rl: dict[str, Any] = {"id": i, "physicalLocation": {"artifactLocation": dict(art)},
                              "logicalLocations": [_logical(p)]}
        label = _evidence_label(f, p)
        rl["message"] = {"text": f"{label} [{_ptr(p)}]" if label else _ptr(p)}
        related.append(rl)
    if related:
        result["relatedLocations"] = related
    result["partialFingerprints"] = {FINGERPRINT_KEY: f.fingerprint}
    if f.baseline_state:  # baseline.py: SARIF §3.27.24 baselineState, §3.35 suppressions
        result["baselineState"] = f.baseline_state
    if f.suppressed:
        sup: dict[str, Any] = {"kind": "external", "status": "accepted"}
        if f.justification:
            sup["justification"] = f.justification
        result["suppressions"] = [sup]
    props: dict[str, Any] = {"jsonPointer": f.pointer}
    for key in ("item", "stated", "expected", "formula", "imbalance"):
        v = getattr(f, key)
        if v is not None:
            props[key] = v
    if f.evidence:
        props["evidence"] = [e.to_json() for e in f.evidence]
    if f.hints:
        props["hints"] = [h.to_json() for h in f.hints]
    if f.src is not None:
        props["source"] = f.src.to_json()
    if f.legal_basis:
        props["legalBasis"] = list(f.legal_basis)
    result["properties"] = props
    return result


def sarif_log(rr: RunResult, lang: str = "vi") -> dict[str, Any]:
    known = _rules()
    descriptors: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for rid, rule in known.items():
        index[rid] = len(descriptors)
        descriptors.append(_rule_descriptor(rule, lang))
    for f in rr.findings:
        if f.rule_id not in index:
            index[f.rule_id] = len(descriptors)
            descriptors.append(_adhoc_descriptor(f, lang))

    sha = {fr.path: fr.sha256 for fr in rr.files}
    artifacts: list[dict[str, Any]] = []
    art_index: dict[str, int] = {}
    for path in _files(rr):
        art: dict[str, Any] = {"location": {"uri": artifact_uri(path)}, "mimeType": "application/json"}
        if sha.get(path):
            art["hashes"] = {"sha-256": sha[path]}
        art_index[path] = len(artifacts)
        artifacts.append(art)

    driver: dict[str, Any] = {"name": rr.tool.name, "version": rr.tool.version}
    if re.fullmatch(r"\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]+)?", rr.tool.version):
        driver["semanticVersion"] = rr.tool.version
    driver["rules"] = descriptors
    driver["properties"] = {"rulesetVersion": rr.tool.ruleset}

    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "invocations": [{"executionSuccessful": True}],
        "language": lang,
        "columnKind": "unicodeCodePoints",
        "artifacts": artifacts,
        "results": [_sarif_result(f, lang, index[f.rule_id], artifact_uri(f.file), art_index.get(f.file))
                    for f in rr.findings],
        "properties": {"summary": dict(rr.summary), "stats": rr.stats.to_json()},
    }
    return {"$schema": SARIF_SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render_sarif(rr: RunResult, lang: str = "vi") -> str:
    return json.dumps(sarif_log(rr, lang), ensure_ascii=False, indent=2) + "\n"


# -------------------------------------------------------------------------------------- junit

@lru_cache(maxsize=1)
def _xml_bad() -> re.Pattern[str]:
    return re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _x(s: Any) -> str:
    """Text XML 1.0 can carry (ElementTree escapes & < > and quotes, not control characters)."""
    return _xml_bad().sub("\ufffd", str(s))


FAIL_RANK = {"error": 3, "warning": 2, "info": 1, "never": 99}  # --fail-on


def fails(f: Finding, fail_on: str | None) -> bool:
    """Whether the finding makes the run fail (exit code 1) under `--fail-on`; a suppressed
    (baselined or accepted) finding never does."""
    if getattr(f, "suppressed", False):
        return False
    return SEVERITY_RANK[f.severity] >= FAIL_RANK.get(fail_on or "warning", 2)


def render_junit(rr: RunResult, lang: str = "vi") -> str:
    import xml.etree.ElementTree as ET

    by_file = _by_file(rr)
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
    for path in _files(rr):
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
            attrs = {"classname": classname,
                     "name": _x(unique(f"{f.rule_id} {_ptr(f.pointer)} [{f.fingerprint[:8]}]")),
                     "file": _x(shown)}
            if f.line:
                attrs["line"] = str(f.line)
            tc = ET.SubElement(suite, "testcase", attrs)
            body = "\n".join(_detail_lines(f, lang))
            if fails(f, rr.fail_on):
                fail = ET.SubElement(tc, "failure", type=f.severity, message=_x(_msg(f, lang)))
                fail.text = _x(body)
            else:
                out = ET.SubElement(tc, "system-out")
                out.text = _x(f"{f.severity}: {_msg(f, lang)}\n{body}")
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


# ------------------------------------------------------------------------------------- gitlab


def render_gitlab(rr: RunResult, lang: str = "vi") -> str:
    """GitLab Code Quality: identical fingerprints collapse into one entry, so each one is
    salted with the file and, for genuine duplicates, re-hashed until unique (as ruff does)."""
    import hashlib

    seen: set[str] = set()
    out = []
    for f in rr.findings:
        path = rel_path(f.file)
        fp = hashlib.sha256(f"{f.fingerprint}\x1f{path}".encode()).hexdigest()[:32]
        while fp in seen:
            fp = hashlib.sha256(f"{fp}\x1f{f.fingerprint}\x1f{path}".encode()).hexdigest()[:32]
        seen.add(fp)
        out.append({
            # GitLab does not display check_name: the rule id goes into the description too.
            "description": f"{f.rule_id}: {_msg(f, lang)} [{_ptr(f.pointer)}]",
            "check_name": f.rule_id,
            "fingerprint": fp,
            "severity": GITLAB_SEVERITY[f.severity],
            "location": {"path": path, "lines": {"begin": f.line or 1}},
        })
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"


# ------------------------------------------------------------------------------------- github


def gh_escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def gh_escape_property(s: str) -> str:
    return gh_escape_data(s).replace(":", "%3A").replace(",", "%2C")


def render_github(rr: RunResult, lang: str = "vi") -> str:
    """GitHub Actions annotations. GitHub shows at most 10 of each kind per step, so the most
    severe come first and a last notice gives the totals."""
    from .render import summary_line

    lines = []
    for f in _most_severe_first(rr.findings):
        props = [f"file={gh_escape_property(rel_path(f.file))}"]
        if f.line:
            props.append(f"line={f.line}")
            if f.column:
                props.append(f"col={f.column}")
        props.append(f"title={gh_escape_property(f.rule_id)}")
        text = f"{_msg(f, lang)} [{_ptr(f.pointer)}]"
        lines.append(f"::{GITHUB_COMMAND[f.severity]} {','.join(props)}::{gh_escape_data(text)}")
    total = " ".join(summary_line(rr, lang).splitlines())
    lines.append(f"::notice title={gh_escape_property(rr.tool.name)}::{gh_escape_data(total)}")
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------------- markdown

_MD = {
    "vi": {"title": "Báo cáo kiểm tra", "tool": "Công cụ", "ruleset": "bộ quy tắc", "files": "Các tệp",
           "file": "Tệp", "unit": "Đơn vị", "period": "Kỳ báo cáo", "verdict": "Kết luận",
           "counts": "Số phát hiện", "summary": "Tóm tắt", "rules": "Quy tắc vi phạm", "rule": "Quy tắc",
           "n": "Số lần", "none": "Không có phát hiện nào.", "sev": "Mức",
           "status": {"ok": "Đạt", "fail": "Không đạt", "notes": "Đạt (có thông tin cần xem)",
                      "invalid": "Không đúng định dạng báo cáo", "unreadable": "Không đọc được tệp"}},
    "en": {"title": "Audit report", "tool": "Tool", "ruleset": "ruleset", "files": "Files",
           "file": "File", "unit": "Unit", "period": "Period", "verdict": "Verdict",
           "counts": "Findings", "summary": "Summary", "rules": "Rules violated", "rule": "Rule",
           "n": "Count", "none": "No findings.", "sev": "Severity",
           "status": {"ok": "Pass", "fail": "Fail", "notes": "Pass (with notes)",
                      "invalid": "Not in the report format", "unreadable": "Cannot be read"}},
}

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def _md(s: Any) -> str:
    """Inline text: special characters escaped, on one line."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(s).split()))


def _code(s: Any) -> str:
    s = " ".join(str(s).split()) or " "
    ticks = "`"
    while ticks in s:
        ticks += "`"
    pad = " " if s.startswith("`") or s.endswith("`") else ""
    return f"{ticks}{pad}{s}{pad}{ticks}"


def _verdict(status: str | None, counts: dict[str, int], lang: str, fail_on: str = "warning") -> str:
    st = _MD[lang]["status"]
    if status in ("invalid", "unreadable"):
        return st[status]
    if any(counts.get(s) for s in _SEVERITIES if SEVERITY_RANK[s] >= FAIL_RANK.get(fail_on, 2)):
        return st["fail"]
    if counts.get("info"):
        return st["notes"]
    return st["ok"]


_COUNT_WORDS = {"vi": {"error": ("lỗi", "lỗi"), "warning": ("cảnh báo", "cảnh báo"),
                       "info": ("thông tin", "thông tin")},
                "en": {"error": ("error", "errors"), "warning": ("warning", "warnings"),
                       "info": ("info", "infos")}}


def _counts_text(counts: dict[str, int], lang: str) -> str:
    words = _COUNT_WORDS[lang]
    return ", ".join(f"{counts.get(s, 0)} {words[s][0 if counts.get(s, 0) == 1 else 1]}" for s in _SEVERITIES)


_STATE = {"vi": {"label": "Tình trạng", "new": "mới", "unchanged": "đã biết", "updated": "đã biết (số liệu thay đổi)",
                 "absent": "đã khắc phục", "passed": "Các kiểm tra đã đạt"},
          "en": {"label": "State", "new": "new", "unchanged": "already known",
                 "updated": "already known (values changed)", "absent": "corrected", "passed": "Checks that passed"}}


def _md_passed(fr: Any, lang: str) -> list[str]:
    """The checks that passed on a file, collapsed (GitHub renders <details>)."""
    if fr is None or not getattr(fr, "passed", None):
        return []
    per: dict[str, list[str]] = {}
    for p in fr.passed:
        per.setdefault(p.rule_id, []).append(p.pointer)
    out = ["<details>", f"<summary>{_STATE[lang]['passed']} ({len(fr.passed)})</summary>", ""]
    out += [f"- **{_md(rid)}** ({len(ptrs)}): " + ", ".join(_code(_ptr(x)) for x in dict.fromkeys(ptrs))
            for rid, ptrs in sorted(per.items())]
    return out + ["", "</details>", ""]


def _md_finding(f: Finding, lang: str) -> list[str]:
    h = _H[lang]
    out = [f"- **{_md(f.rule_id)}** — {_md(_t(f.title, lang))}", "", f"  {_md(_msg(f, lang))}", ""]
    rows = [(h["pointer"], _code(_ptr(f.pointer)))]
    if f.line:
        rows.append((h["line"], f"{f.line}" + (f":{f.column}" if f.column else "")))
    for key in ("item", "stated", "expected", "formula", "imbalance"):
        v = getattr(f, key)
        if v is not None:
            rows.append((h[key], _code(v) if key in ("stated", "expected") else _md(v)))
    src = _src_text(f, lang)
    if src:
        rows.append((h["source"], _md(src)))
    if f.related:
        rows.append((h["related"], ", ".join(_code(p) for p in f.related)))
    for hint in f.hints:
        rows.append((h["hint"], f"{_code(hint.pointer)}: {_code(hint.written)} → {_code(hint.suggested)} "
                                f"({_md(_t(hint.message, lang))})"))
    if f.legal_basis:
        rows.append((h["legal"], _md("; ".join(f.legal_basis))))
    rule = _rules().get(f.rule_id)  # as in the HTML report: how to fix, new or already known
    if rule is not None and rule.fix:
        rows.append((h["fix"], _md(_t(rule.fix, lang))))
    state = getattr(f, "baseline_state", None) or "new"
    rows.append((_STATE[lang]["label"], _STATE[lang].get(state, state)))
    out += [f"  - {k}: {v}" for k, v in rows]
    out.append("")
    return out


def render_markdown(rr: RunResult, lang: str = "vi") -> str:
    from .render import SEV_LABEL, summary_line

    m = _MD[lang]
    by_file = _by_file(rr)
    info = {fr.path: fr for fr in rr.files}
    out = [f"# {m['title']}", "",
           f"{m['tool']}: {_md(rr.tool.name)} {_md(rr.tool.version)} · {m['ruleset']} {_md(rr.tool.ruleset)}", ""]

    paths = _files(rr)
    out += [f"## {m['files']}", "",
            f"| {m['file']} | {m['unit']} | {m['period']} | {m['verdict']} | "
            + " | ".join(SEV_LABEL[lang][s] for s in _SEVERITIES) + " |",
            "|---|---|---|---|" + "---:|" * len(_SEVERITIES)]
    for path in paths:
        fr = info.get(path)
        c = _counts(by_file.get(path, []))
        out.append(f"| {_code(rel_path(path)).replace('|', chr(92) + '|')} | {_md(fr.unit or '') if fr else ''} | "
                   f"{_md(fr.period or '') if fr else ''} | {_verdict(fr.status if fr else None, c, lang, rr.fail_on)} | "
                   + " | ".join(str(c[s]) for s in _SEVERITIES) + " |")
    out.append("")

    for path in paths:
        fr = info.get(path)
        findings = by_file.get(path, [])
        c = _counts(findings)
        out += [f"## {_code(rel_path(path))}", ""]
        if fr is not None:
            if fr.unit:
                out.append(f"- {m['unit']}: {_md(fr.unit)}")
            if fr.period:
                out.append(f"- {m['period']}: {_md(fr.period)}")
            if fr.sha256:
                out.append(f"- SHA-256: {_code(fr.sha256)}")
        out.append(f"- {m['verdict']}: **{_verdict(fr.status if fr else None, c, lang, rr.fail_on)}**")
        out.append(f"- {m['counts']}: {_counts_text(c, lang)}")
        out.append("")
        if not findings:
            out += [m["none"], ""]
            out += _md_passed(fr, lang)
            continue
        for sev in _SEVERITIES:
            group = [f for f in findings if f.severity == sev]
            if not group:
                continue
            out += [f"### {SEV_LABEL[lang][sev]} ({len(group)})", ""]
            for f in group:
                out += _md_finding(f, lang)
        out += _md_passed(fr, lang)

    out += [f"## {m['summary']}", ""]
    out += [line + "  " for line in summary_line(rr, lang).splitlines()]
    out.append("")
    if rr.findings:
        per_rule: dict[str, list[Finding]] = {}
        for f in rr.findings:
            per_rule.setdefault(f.rule_id, []).append(f)
        out += [f"### {m['rules']}", "", f"| {m['rule']} | {m['sev']} | {m['n']} |", "|---|---|---:|"]
        for rid in sorted(per_rule):
            fs = per_rule[rid]
            sev = max((f.severity for f in fs), key=lambda s: SEVERITY_RANK[s])
            out.append(f"| **{_md(rid)}** {_md(_t(fs[0].title, lang))} | {SEV_LABEL[lang][sev]} | {len(fs)} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def render_html(rr: RunResult, lang: str = "vi") -> str:
    """The printable report: one self-contained HTML file (see `html_report.py`)."""
    from .html_report import render_html as _render

    return _render(rr, lang)


# ----------------------------------------------------------------------------------- registry

FORMATS: dict[str, Callable[[RunResult, str], str]] = {
    "json-lines": render_json_lines,
    "sarif": render_sarif,
    "junit": render_junit,
    "gitlab": render_gitlab,
    "github": render_github,
    "markdown": render_markdown,
    "html": render_html,
}


def register_formats(registry: dict[str, Callable[[RunResult, str], str]]) -> None:
    """Add these renderers to `render.RENDERERS` (kept: any name already there)."""
    for name, fn in FORMATS.items():
        registry.setdefault(name, fn)
