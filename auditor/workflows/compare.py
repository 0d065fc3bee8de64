"""`audit compare OLD NEW`: follow-up between two submissions of the same unit.

OLD and NEW are each a report (JSON in the report format; it is audited first with the rules the
configuration selects) or a findings file (the output of `audit check -f json`). The comparison:

* **Findings** (SARIF baselineState vocabulary): matched by rule + fingerprint, with counts.
  - *corrected* (`absent`): in OLD, not in NEW;
  - *still open* (`unchanged`): in both;
  - *updated*: the fingerprint changed because the values changed, but the same rule still fails
    at the same JSON Pointer (fallback match by rule + pointer); shown with old → new values;
  - *new*: only in NEW.
  File names are not compared (the two submissions are different files of one unit); when the
  unit names differ, a warning says so.
* **Plan targets** (reports only). The plan part of OLD (indicators in a section or table whose
  `part` is `plan`, with a `kh` value) sets the targets of the next period (the next year for an
  annual report, the same year for a half-year or shorter one). NEW is compared with them:
  - NEW reports on that period: its results-part `kh` (the plan it measures itself against);
  - NEW is a resubmission of the same period: its own plan-part `kh`.
  Indicators are matched by name, normalised (case, punctuation and Vietnamese diacritics
  ignored; a part is matched within its parent). A **lowered** target is listed first and
  prominently: a unit that quietly lowers its own targets makes its results look better. For an
  indicator where lower is better (poverty rate, accidents …, a name heuristic) the note says so.

Output: `full` (tables), `json`, `markdown`. Exit code 1 when NEW has new findings at or above
`--fail-on` (default `warning`), else 0; 2 on a usage error.

JSON: `{version, old: {path, kind, unit, period}, new: {…}, warnings: [{vi, en}],
summary: {corrected, open, updated, new, targets_compared, targets_lowered},
corrected: [finding], open: [{old, new}], updated: [{old, new}], new: [finding],
targets: [{name, unit, old, new, change, delta, lower_is_better, old_pointer, new_pointer}]}`
where `finding` is a finding as `-f json` writes it and `change` is one of `lowered`, `raised`,
`unchanged`, `missing` (no value in NEW), `unit_changed`.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from auditor.errors import ConfigError
from auditor.model.severity import SEVERITY_RANK
from auditor.workflows.config import Settings, load_config

if TYPE_CHECKING:
    from auditor.model.findings import Finding
    from auditor.model.report import Indicator, Report

FAIL_ON = {"error": 3, "warning": 2, "info": 1, "never": 99}
COMPARE_FORMATS = ("full", "json", "markdown")

_LOWER_IS_BETTER = ("ngheo", "tai nan", "vi pham", "toi pham", "suy dinh duong", "o nhiem", "chay no",
                    "tu vong", "khieu nai", "that nghiep", "sinh con thu 3", "ty le sinh")


def normalize_name(s: str) -> str:
    """Case-, punctuation- and diacritic-insensitive form of a name (đ → d)."""
    s = s.replace("đ", "d").replace("Đ", "D")
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z]+", " ", s.lower()).strip()


def _norm_unit(u: str | None) -> str:
    if not u:
        return ""
    n = normalize_name(u.replace("²", "2"))
    return {"tr dong": "trieu dong", "trd": "trieu dong", "ty": "ty dong"}.get(n, n)


# ------------------------------------------------------------------------------- inputs

@dataclass
class Side:
    path: str
    kind: str                              # "report" | "findings"
    findings: list[Finding] = field(default_factory=list)
    report: Report | None = None
    unit: str | None = None
    period: str | None = None


def _fail(vi: str, en: str) -> ConfigError:
    return ConfigError(vi, en)


def load_side(path: str, settings: Settings) -> Side:
    p = Path(path)
    if not p.is_file():
        raise _fail(f"Không tìm thấy tệp: {path}", f"No such file: {path}")
    raw: Any = None
    try:
        raw = json.loads(p.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, OSError):
        raw = None  # a broken report: audited below, its input findings are compared
    if isinstance(raw, dict) and "findings" in raw and "tool" in raw:
        from pydantic import ValidationError

        from auditor.model.findings import validate_run_result

        try:
            rr = validate_run_result(raw)
        except ValidationError as e:
            raise _fail(f"{path}: không phải tệp kết quả của `audit -f json`: {e.errors()[0]['msg']}.",
                        f"{path}: not a findings file from `audit -f json`: {e.errors()[0]['msg']}.") from None
        fr = rr.files[0] if rr.files else None
        for f in rr.findings:
            f.baseline_state = f.suppressed = f.justification = None
        return Side(path, "findings", list(rr.findings), None, fr.unit if fr else None,
                    fr.period if fr else None)
    from auditor.engine.ruleset import RuleError, drop_strict, load_rules
    from auditor.read.json_reader import read_report
    from auditor.workflows.pipeline import audit_read

    try:
        ruleset = settings.apply(load_rules(None))
    except RuleError as e:
        raise _fail(f"Tệp quy tắc bị lỗi: {e.vi}", f"Broken rule file: {e}") from None
    rules = settings.rules_for(path, settings.select_rules(ruleset, None, None))
    rules = drop_strict(rules, strict=bool(settings.config.get("strict")),  # as `audit check` does
                        select=settings.config.values.get("select"))
    res = read_report(path)
    audit = audit_read(res, ruleset, rules, path)
    return Side(path, "report", audit.findings, res.report, audit.file.unit, audit.file.period)


# ----------------------------------------------------------------------------- findings

@dataclass
class FindingsDiff:
    corrected: list[Finding] = field(default_factory=list)
    open: list[tuple[Finding, Finding]] = field(default_factory=list)
    updated: list[tuple[Finding, Finding]] = field(default_factory=list)
    new: list[Finding] = field(default_factory=list)


def _members(f: Finding) -> list[Finding]:
    """A finding and the findings grouped under it (findings format 2): one defect."""
    return [f, *(f.consequences or [])]


def diff_findings(old: list[Finding], new: list[Finding]) -> FindingsDiff:
    """Defects of OLD against NEW. A defect is one (primary) finding with its consequences; it
    matches when any of its findings has the same rule and fingerprint as any of the other's
    (so a findings file written before grouping, one finding per failing relation, still
    matches the grouped one), else by rule and pointer (updated)."""
    d = FindingsDiff()
    by_fp: dict[tuple[str, str], list[Finding]] = {}
    for f in new:
        for g in _members(f):
            by_fp.setdefault((g.rule_id, g.fingerprint), []).append(f)
    matched: set[int] = set()
    rest_old = []
    for f in old:
        hits = [n for g in _members(f) for n in by_fp.get((g.rule_id, g.fingerprint), []) if id(n) not in matched]
        if hits:
            d.open.append((f, hits[0]))
            matched.update(id(n) for n in hits)  # (NEW may list separately what OLD grouped)
        elif any(id(n) in matched for g in _members(f) for n in by_fp.get((g.rule_id, g.fingerprint), [])):
            # a part of a defect already matched (OLD listed separately what NEW groups)
            continue
        else:
            rest_old.append(f)
    rest_new = [f for f in new if id(f) not in matched]
    by_ptr: dict[tuple[str, str], list[Finding]] = {}
    for f in rest_new:
        for g in _members(f):
            by_ptr.setdefault((g.rule_id, g.pointer), []).append(f)
    for f in rest_old:
        hits = [n for g in _members(f) for n in by_ptr.get((g.rule_id, g.pointer), []) if id(n) not in matched]
        if hits:
            d.updated.append((f, hits[0]))
            matched.update(id(n) for n in hits)
        elif not any(id(n) in matched for g in _members(f) for n in by_ptr.get((g.rule_id, g.pointer), [])):
            d.corrected.append(f)
    d.new = [f for f in rest_new if id(f) not in matched]
    for f in d.corrected:
        f.baseline_state = "absent"
    for _, g in d.open:
        g.baseline_state = "unchanged"
    for _, g in d.updated:
        g.baseline_state = "updated"
    for g in d.new:
        g.baseline_state = "new"
    return d


# --------------------------------------------------------------------------- plan targets

@dataclass
class Target:
    name: str
    key: str
    unit: str | None
    value: Decimal
    text: str
    pointer: str


def _section_part(sid: str | None, parts: dict[str, str | None]) -> str | None:
    while sid:
        if parts.get(sid):
            return parts[sid]
        if "." not in sid:
            break
        sid = sid.rsplit(".", 1)[0]
    return None


def _walk(inds: list[Indicator], ptr: str, parent: Indicator | None = None) -> Any:
    for i, ind in enumerate(inds):
        here = f"{ptr}/{i}"
        yield ind, here, parent
        yield from _walk(ind.parts, f"{here}/parts", parent or ind)


def indicators_with_plan(report: Report, plan_part: bool) -> list[Target]:
    """Indicators (and parts) with a `kh` value, in the plan part or outside it."""
    parts = {s.id: s.part for s in report.sections if s.id}
    tables = {t.id: t.section for t in report.tables}
    out = []
    for ind, ptr, parent in _walk(report.indicators, "/indicators"):
        top = parent or ind
        part = (_section_part(top.section or ind.section, parts)
                or _section_part(tables.get(top.table or ind.table or ""), parts))
        if (part == "plan") != plan_part:
            continue
        kh = ind.values.kh
        if kh is None or kh.value is None:
            continue
        key = normalize_name(ind.name) if parent is None else \
            f"{normalize_name(parent.name)} / {normalize_name(ind.name)}"
        name = ind.name if parent is None else f"{parent.name} › {ind.name}"
        out.append(Target(name, key, ind.unit or (parent.unit if parent else None), kh.value, kh.text,
                          f"{ptr}/values/kh"))
    return out


def _plan_year(report: Report) -> int | None:
    p = report.meta.period
    if p.year is None:
        return None
    return p.year + 1 if p.kind == "year" else p.year


def compare_targets(old: Report, new: Report) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    warnings: list[dict[str, str]] = []
    po, pn = old.meta.period, new.meta.period
    same_period = (po.kind, po.year) == (pn.kind, pn.year)
    targets = indicators_with_plan(old, plan_part=True)
    if not targets:
        return [], warnings
    if same_period:
        current = indicators_with_plan(new, plan_part=True)
    else:
        current = indicators_with_plan(new, plan_part=False)
        year = _plan_year(old)
        if year is not None and pn.year is not None and pn.year != year:
            warnings.append({
                "vi": f"Kế hoạch trong báo cáo cũ là cho năm {year}, nhưng báo cáo mới là của năm {pn.year}.",
                "en": f"The old report's plan is for {year}, but the new report covers {pn.year}."})
    by_key: dict[str, list[Target]] = {}
    for t in current:
        by_key.setdefault(t.key, []).append(t)
    rows = []
    for t in targets:
        cands = by_key.get(t.key, [])
        same_unit = [c for c in cands if _norm_unit(c.unit) == _norm_unit(t.unit)]
        c = (same_unit or cands or [None])[0]
        row: dict[str, Any] = {"name": t.name, "unit": t.unit, "old": t.text, "new": None, "change": "missing",
                               "delta": None, "lower_is_better": _lower_is_better(t.key),
                               "old_pointer": t.pointer, "new_pointer": None}
        if c is not None:
            row.update(new=c.text, new_pointer=c.pointer)
            if _norm_unit(c.unit) and _norm_unit(t.unit) and _norm_unit(c.unit) != _norm_unit(t.unit):
                row["change"] = "unit_changed"
                row["new_unit"] = c.unit
            else:
                delta = c.value - t.value
                row["delta"] = _fmt(delta)
                row["change"] = "lowered" if delta < 0 else "raised" if delta > 0 else "unchanged"
        rows.append(row)
    order = {"lowered": 0, "unit_changed": 1, "missing": 2, "raised": 3, "unchanged": 4}
    rows.sort(key=lambda r: order[r["change"]])  # stable: report order within a kind
    return rows, warnings


def _lower_is_better(key: str) -> bool:
    """A name heuristic: poverty rate, accidents, violations … (lower is better)."""
    return any(re.search(rf"(?<![a-z0-9]){w}(?![a-z0-9])", key) for w in _LOWER_IS_BETTER)


def _fmt(d: Decimal) -> str:
    from auditor.numeric.notation import format_vn

    exp = d.normalize().as_tuple().exponent
    decimals = -exp if isinstance(exp, int) and exp < 0 else 0
    s = format_vn(abs(d), decimals)
    return ("−" if d < 0 else "+" if d > 0 else "") + s


# -------------------------------------------------------------------------------- result

@dataclass
class Comparison:
    old: Side
    new: Side
    findings: FindingsDiff
    targets: list[dict[str, Any]]
    warnings: list[dict[str, str]]

    @property
    def lowered(self) -> list[dict[str, Any]]:
        return [t for t in self.targets if t["change"] == "lowered"]

    def summary(self) -> dict[str, int]:
        d = self.findings
        return {"corrected": len(d.corrected), "open": len(d.open), "updated": len(d.updated),
                "new": len(d.new), "targets_compared": len(self.targets),
                "targets_lowered": len(self.lowered)}


def compare(old: Side, new: Side) -> Comparison:
    warnings: list[dict[str, str]] = []
    u_old = _unit_name(old)
    u_new = _unit_name(new)
    if u_old and u_new and normalize_name(u_old) != normalize_name(u_new):
        warnings.append({"vi": f"Hai báo cáo có tên đơn vị khác nhau: “{u_old}” và “{u_new}”.",
                         "en": f"The two reports name different units: “{u_old}” and “{u_new}”."})
    targets: list[dict[str, Any]] = []
    if old.report is not None and new.report is not None:
        targets, w = compare_targets(old.report, new.report)
        warnings += w
    elif old.kind == "findings" or new.kind == "findings":
        pass  # plan targets need the reports themselves
    return Comparison(old, new, diff_findings(old.findings, new.findings), targets, warnings)


def _unit_name(s: Side) -> str | None:
    if s.report is not None:
        return s.report.meta.unit.name
    return s.unit


# ------------------------------------------------------------------------------- render

_L = {
    "vi": {"title": "So sánh hai lần nộp", "old": "Cũ", "new": "Mới", "lowered": "⚠ CHỈ TIÊU KẾ HOẠCH BỊ HẠ",
           "corrected": "ĐÃ SỬA", "open": "CÒN TỒN TẠI", "updated": "THAY ĐỔI GIÁ TRỊ (vẫn sai)",
           "newf": "MỚI", "targets": "SO SÁNH CHỈ TIÊU KẾ HOẠCH", "rule": "Quy tắc", "where": "Vị trí",
           "msg": "Nội dung", "name": "Chỉ tiêu", "unit": "ĐVT", "kh_old": "KH (báo cáo cũ)",
           "kh_new": "KH (báo cáo mới)", "change": "Thay đổi", "was": "trước", "now": "nay",
           "lib": "chỉ tiêu càng thấp càng tốt: hạ có thể là nâng mức phấn đấu",
           "changes": {"lowered": "hạ", "raised": "nâng", "unchanged": "giữ nguyên", "missing": "không còn",
                       "unit_changed": "đổi ĐVT"},
           "report": "báo cáo", "findings": "tệp kết quả", "none": "Không có."},
    "en": {"title": "Comparison of two submissions", "old": "Old", "new": "New", "lowered": "⚠ PLAN TARGETS LOWERED",
           "corrected": "CORRECTED", "open": "STILL OPEN", "updated": "UPDATED (values changed, still failing)",
           "newf": "NEW", "targets": "PLAN TARGETS COMPARED", "rule": "Rule", "where": "Location",
           "msg": "Message", "name": "Indicator", "unit": "Unit", "kh_old": "Target (old report)",
           "kh_new": "Target (new report)", "change": "Change", "was": "was", "now": "now",
           "lib": "lower is better for this indicator: lowering may be a stricter target",
           "changes": {"lowered": "lowered", "raised": "raised", "unchanged": "unchanged",
                       "missing": "no longer given", "unit_changed": "unit changed"},
           "report": "report", "findings": "findings file", "none": "None."},
}


def summary_text(c: Comparison, lang: str) -> str:
    s = c.summary()
    if lang == "vi":
        text = (f"Đã sửa: {s['corrected']}; còn tồn tại: {s['open']}; thay đổi giá trị: {s['updated']}; "
                f"mới: {s['new']}.")
        if s["targets_compared"]:
            text += f" Chỉ tiêu kế hoạch: {s['targets_compared']} so sánh, {s['targets_lowered']} bị hạ."
    else:
        text = (f"Corrected since the previous submission: {s['corrected']}; still open: {s['open']}; "
                f"updated: {s['updated']}; new: {s['new']}.")
        if s["targets_compared"]:
            text += f" Plan targets: {s['targets_compared']} compared, {s['targets_lowered']} lowered."
    return text


def _side_line(s: Side, label: str, lang: str) -> str:
    desc = " · ".join(x for x in (s.unit, s.period) if x)
    return f"{label}: {s.path}" + (f" — {desc}" if desc else "") + f" ({_L[lang][s.kind]})"


def _msg(f: Finding, lang: str) -> str:
    return f.message.vi if lang == "vi" else f.message.en


def _target_rows(rows: list[dict[str, Any]], lang: str) -> list[list[str]]:
    L = _L[lang]
    out = []
    for t in rows:
        change = L["changes"][t["change"]] + (f" ({t['delta']})" if t.get("delta") and t["change"] != "unchanged" else "")
        if t["change"] == "lowered" and t["lower_is_better"]:
            change += f" — {L['lib']}"
        if t["change"] == "unit_changed":
            change += f" ({t.get('unit') or '?'} → {t.get('new_unit') or '?'})"
        out.append([t["name"], t.get("unit") or "", f"{t['old']}\n{t['old_pointer']}",
                    f"{t['new']}\n{t['new_pointer']}" if t["new"] is not None else "—", change])
    return out


def render_full(c: Comparison, lang: str = "vi") -> str:
    from tabulate import tabulate

    L = _L[lang]
    out = [L["title"], "  " + _side_line(c.old, L["old"], lang), "  " + _side_line(c.new, L["new"], lang), ""]
    for w in c.warnings:
        out.append(f"⚠ {w[lang]}")
    if c.warnings:
        out.append("")
    theaders = [L["name"], L["unit"], L["kh_old"], L["kh_new"], L["change"]]
    if c.lowered:
        out.append(f"{L['lowered']} ({len(c.lowered)})")
        table = tabulate(_target_rows(c.lowered, lang), headers=theaders, tablefmt="simple",
                         maxcolwidths=[40, 10, 28, 28, 40])
        out += ["    " + line for line in table.splitlines()] + [""]
    fh = [L["rule"], L["where"], L["msg"]]

    def block(title: str, rows: list[list[str]]) -> None:
        out.append(f"{title} ({len(rows)})")
        if rows:
            table = tabulate(rows, headers=fh, tablefmt="simple", maxcolwidths=[None, 30, 70])
            out.extend("    " + line for line in table.splitlines())
        out.append("")

    d = c.findings
    block(L["corrected"], [[f.rule_id, f.pointer, _msg(f, lang)] for f in d.corrected])
    block(L["updated"], [[g.rule_id, g.pointer, f"{L['was']}: {f.stated or '?'} → {L['now']}: {g.stated or '?'}. "
                          + _msg(g, lang)] for f, g in d.updated])
    block(L["open"], [[g.rule_id, g.pointer, _msg(g, lang)] for _, g in d.open])
    block(L["newf"], [[g.rule_id, f"{g.pointer}\n[{g.severity}]", _msg(g, lang)] for g in d.new])
    others = [t for t in c.targets if t["change"] != "lowered"]
    if others:
        out.append(f"{L['targets']} ({len(c.targets)})")
        table = tabulate(_target_rows(others, lang), headers=theaders, tablefmt="simple",
                         maxcolwidths=[40, 10, 28, 28, 40])
        out += ["    " + line for line in table.splitlines()] + [""]
    out.append(summary_text(c, lang))
    return "\n".join(out) + "\n"


def _fd(f: Finding) -> dict[str, Any]:
    return f.to_json()


def to_json(c: Comparison) -> dict[str, Any]:
    def side(s: Side) -> dict[str, Any]:
        return {"path": s.path, "kind": s.kind, "unit": s.unit, "period": s.period}

    d = c.findings
    return {
        # the two inputs; "new" below is the list of new findings
        "version": 1, "old": side(c.old), "new_input": side(c.new), "warnings": c.warnings,
        "summary": c.summary(),
        "corrected": [_fd(f) for f in d.corrected],
        "open": [{"old": _fd(f), "new": _fd(g)} for f, g in d.open],
        "updated": [{"old": _fd(f), "new": _fd(g)} for f, g in d.updated],
        "new": [_fd(g) for g in d.new],
        "targets": c.targets,
    }


def render_json(c: Comparison, lang: str = "vi") -> str:
    return json.dumps(to_json(c), ensure_ascii=False, indent=2) + "\n"


def _md(s: Any) -> str:
    return re.sub(r"([\\`*_\[\]<>|#])", r"\\\1", " ".join(str(s).split()))


def render_markdown(c: Comparison, lang: str = "vi") -> str:
    L = _L[lang]
    out = [f"# {L['title']}", "", f"- {_md(_side_line(c.old, L['old'], lang))}",
           f"- {_md(_side_line(c.new, L['new'], lang))}", ""]
    for w in c.warnings:
        out.append(f"> ⚠ {_md(w[lang])}")
    if c.warnings:
        out.append("")
    out += [f"**{_md(summary_text(c, lang))}**", ""]

    def ttable(rows: list[dict[str, Any]]) -> None:
        out.append(f"| {L['name']} | {L['unit']} | {L['kh_old']} | {L['kh_new']} | {L['change']} |")
        out.append("|---|---|---:|---:|---|")
        for r in _target_rows(rows, lang):
            out.append("| " + " | ".join(_md(x.replace("\n", " ")) for x in r) + " |")
        out.append("")

    if c.lowered:
        out += [f"## {L['lowered']} ({len(c.lowered)})", ""]
        ttable(c.lowered)

    def ftable(title: str, rows: list[list[str]]) -> None:
        out.extend([f"## {title} ({len(rows)})", ""])
        if not rows:
            out.extend([L["none"], ""])
            return
        out.extend([f"| {L['rule']} | {L['where']} | {L['msg']} |", "|---|---|---|"])
        out.extend("| " + " | ".join(_md(x) for x in r) + " |" for r in rows)
        out.append("")

    d = c.findings
    ftable(L["corrected"], [[f.rule_id, f.pointer, _msg(f, lang)] for f in d.corrected])
    ftable(L["updated"], [[g.rule_id, g.pointer, f"{L['was']}: {f.stated or '?'} → {L['now']}: {g.stated or '?'}. "
                           + _msg(g, lang)] for f, g in d.updated])
    ftable(L["open"], [[g.rule_id, g.pointer, _msg(g, lang)] for _, g in d.open])
    ftable(L["newf"], [[g.rule_id, g.pointer, f"[{g.severity}] " + _msg(g, lang)] for g in d.new])
    others = [t for t in c.targets if t["change"] != "lowered"]
    if others:
        out += [f"## {L['targets']} ({len(c.targets)})", ""]
        ttable(others)
    return "\n".join(out).rstrip() + "\n"


RENDERERS = {"full": render_full, "json": render_json, "markdown": render_markdown}


# ---------------------------------------------------------------------------------- CLI

@click.command("compare")
@click.argument("old")
@click.argument("new")
@click.option("-f", "--format", "--output-format", "fmt", type=click.Choice(COMPARE_FORMATS), default="full",
              show_default=True, help="Output format.")
@click.option("-o", "--output-file", type=click.Path(dir_okay=False), help="Write the output to a file.")
@click.option("--fail-on", type=click.Choice(list(FAIL_ON)), default="warning", show_default=True,
              help="Lowest severity of a NEW finding that makes the exit code 1.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True)
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Configuration file to use.")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
def compare_cmd(old: str, new: str, fmt: str, output_file: str | None, fail_on: str, lang: str,
                config_file: str | None, isolated: bool) -> None:
    """So sánh hai lần nộp / compare two submissions (reports or `-f json` findings):
    corrected, still open, updated and new findings; lowered plan targets."""
    ctx = click.get_current_context()
    cfg = load_config(Path(config_file) if config_file else None, isolated=isolated)
    for key, name, value in (("lang", "lang", lang), ("fail-on", "fail_on", fail_on), ("output-format", "fmt", fmt)):
        src = ctx.get_parameter_source(name)
        if key in cfg.values and (src is None or src.name in ("DEFAULT", "DEFAULT_MAP")):
            if key == "output-format" and cfg.values[key] not in COMPARE_FORMATS:
                continue  # e.g. sarif for `check`: compare keeps its own default
            value = cfg.values[key]
        if name == "lang":
            lang = value
        elif name == "fail_on":
            fail_on = value
        else:
            fmt = value
    settings = Settings(config=cfg, lang=lang)
    result = compare(load_side(old, settings), load_side(new, settings))
    text = RENDERERS[fmt](result, lang)
    if output_file:
        Path(output_file).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)
    threshold = FAIL_ON[fail_on]
    if any(SEVERITY_RANK[f.severity] >= threshold for f in result.findings.new):
        sys.exit(1)
