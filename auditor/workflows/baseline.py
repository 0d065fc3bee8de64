"""Baselines: adopt the tool on reports that already have known defects, and fail only on new ones.

    audit check report.json --write-baseline audit-baseline.json   # record, exit 0
    audit check report.json --baseline audit-baseline.json         # only new findings fail
    audit check report.json --baseline audit-baseline.json --update-baseline  # drop fixed entries

The file (UTF-8, sorted, indent 2, one trailing newline, diff-friendly; commit it):

    {
      "version": 1,
      "tool": "auditor 0.1.0",
      "findings": [
        {"file": "reports/but_son.json", "rule": "SUM002", "fingerprint": "…", "count": 1,
         "pointer": "/totals/0/total", "message": "informative only, never used for matching"}
      ],
      "accepted": [
        {"file": "reports/but_son.json", "rule": "VAL001", "fingerprint": "…",
         "justification": "Đã xác minh với Phòng Nội vụ", "by": "…", "date": "2024-07-01"}
      ]
    }

* Matching is by (file, rule, fingerprint), never by message or line. Counts are per
  fingerprint: if a report now has the same defect twice where the baseline recorded it once,
  one is known and only the surplus is new.
* One defect, one finding (findings format 2): a finding with `consequences` is known when its
  own key or any of its consequences' is in the baseline (a baseline written before grouping
  recorded them one by one); every key it matches is used. `--write-baseline` records the
  consequences too, so that a tool that does not group still reads the file.
* `file` is stored relative to the folder of the baseline file, with `/`, so the baseline works
  from any working directory (and in CI checkouts at another path).
* `accepted` is written by hand: findings reviewed and accepted (e.g. false positives), each with
  a required `justification` (optional `by`, `date`, `count`; without `count` every occurrence is
  accepted). An accepted entry without a justification is a usage error (exit 2).
  `--write-baseline` keeps the `accepted` list of an existing file.
* Baselined findings are still reported, marked `baseline_state: "unchanged"`, `suppressed: true`
  (SARIF: `baselineState` and `suppressions`), and do not count for the exit code; the summary
  line says how many were baselined.
* `--update-baseline` only removes (or lowers the count of) entries that no longer occur in the
  files audited in this run; it never adds. `--write-baseline` rewrites the entries of the files
  audited in this run and keeps those of other files.
* The baseline comes from the operator (command line or configuration), never from the audited
  report: a submitted report cannot waive its own findings.
"""

from __future__ import annotations

import json
import math
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor import __version__
from auditor.errors import ConfigError
from auditor.output.echo import echo  # (click.echo's output, without importing click)

if TYPE_CHECKING:
    from auditor.model.findings import Finding, RunResult
    from auditor.workflows.config import Settings

BASELINE_VERSION = 1


def _models() -> tuple[type, type, type]:
    from pydantic import BaseModel, ConfigDict, Field, field_validator

    class Entry(BaseModel):
        model_config = ConfigDict(extra="forbid")
        file: str
        rule: str
        fingerprint: str
        count: int = Field(1, ge=1)
        pointer: str | None = None
        message: str | None = None

    class Accepted(BaseModel):
        model_config = ConfigDict(extra="forbid")
        file: str
        rule: str
        fingerprint: str
        justification: str
        count: int | None = Field(None, ge=1)
        by: str | None = None
        date: str | None = None
        pointer: str | None = None
        message: str | None = None

        @field_validator("justification")
        @classmethod
        def _not_blank(cls, v: str) -> str:
            if not v.strip():
                raise ValueError("justification must not be empty")
            return v

    class BaselineFile(BaseModel):
        model_config = ConfigDict(extra="forbid")
        version: int = BASELINE_VERSION
        tool: str | None = None
        findings: list[Entry] = Field(default_factory=list)
        accepted: list[Accepted] = Field(default_factory=list)

    return Entry, Accepted, BaselineFile


Key = tuple[str, str, str]  # (file relative to the baseline's folder, rule, fingerprint)


@dataclass
class Baseline:
    path: Path
    findings: list[dict[str, Any]] = field(default_factory=list)
    accepted: list[dict[str, Any]] = field(default_factory=list)

    @property
    def root(self) -> Path:
        return self.path.resolve().parent

    def rel(self, file: str) -> str:
        return rel_to(file, self.root)


def rel_to(file: str, root: Path) -> str:
    """A finding's file as the baseline stores it: relative to `root`, with forward slashes."""
    if file in ("-", "<stdin>") or file.startswith("<"):
        return file
    try:
        return Path(os.path.relpath(os.path.abspath(file), root)).as_posix()
    except ValueError:  # another drive (Windows)
        return Path(os.path.abspath(file)).as_posix()


def _key(e: dict[str, Any]) -> Key:
    return (e["file"], e["rule"], e["fingerprint"])


def load(path: str | Path) -> Baseline:
    """Read and validate a baseline file; any problem is a usage error (exit 2)."""
    from pydantic import ValidationError

    p = Path(path)
    _, _, model = _models()
    try:
        raw = json.loads(p.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise ConfigError(f"Không tìm thấy tệp baseline: {p} (tạo bằng --write-baseline {p}).",
                          f"No such baseline file: {p} (create it with --write-baseline {p}).") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ConfigError(f"Không đọc được tệp baseline {p}: {e}.", f"Cannot read the baseline file {p}: {e}.") from None
    try:
        doc = model.model_validate(raw)
    except ValidationError as e:
        err = e.errors(include_url=False)[0]
        loc = "/".join(str(x) for x in err["loc"])
        if len(err["loc"]) >= 3 and err["loc"][0] == "accepted" and err["loc"][-1] == "justification":
            raise ConfigError(
                f"{p}: mục chấp nhận accepted/{err['loc'][1]} thiếu lý do (“justification” là bắt buộc).",
                f"{p}: accepted entry accepted/{err['loc'][1]} has no justification (“justification” is "
                f"required).") from None
        raise ConfigError(f"Tệp baseline {p} không hợp lệ ở “{loc}”: {err['msg']}.",
                          f"Invalid baseline file {p} at “{loc}”: {err['msg']}.") from None
    if doc.version != BASELINE_VERSION:
        raise ConfigError(f"{p}: phiên bản baseline {doc.version} không được hỗ trợ.",
                          f"{p}: baseline version {doc.version} is not supported.")
    return Baseline(p, [e.model_dump(exclude_none=True) for e in doc.findings],
                    [a.model_dump(exclude_none=True) for a in doc.accepted])


# ---------------------------------------------------------------------------------- matching

@dataclass
class Match:
    suppressed: int = 0
    new: int = 0
    used: Counter = field(default_factory=Counter)       # baseline key -> occurrences matched
    used_accepted: Counter = field(default_factory=Counter)


def match(rr: RunResult, bl: Baseline) -> Match:
    """Mark every finding new or unchanged (suppressed), accepted entries first, then counted
    baseline entries; only the surplus over a count is new."""
    budget: Counter = Counter()
    for e in bl.findings:
        budget[_key(e)] += e.get("count", 1)
    accepted: dict[Key, dict[str, Any]] = {}
    acc_budget: Counter = Counter()
    for a in bl.accepted:
        k = _key(a)
        accepted.setdefault(k, a)
        acc_budget[k] = math.inf if a.get("count") is None else acc_budget[k] + a["count"]
    m = Match()
    for f in sorted(rr.findings, key=lambda f: (f.file, f.rule_id, f.fingerprint, f.pointer, f.line or 0)):
        group = [f, *(f.consequences or [])]
        keys = [(bl.rel(g.file), g.rule_id, g.fingerprint) for g in group]
        acc = [k for k in keys if acc_budget[k] > m.used_accepted[k]]
        known = [k for k in keys if budget[k] > m.used[k]]
        if acc:
            for k in acc:
                m.used_accepted[k] += 1
            for k in known:  # (entries of its consequences are used, not stale)
                m.used[k] += 1
            state, suppressed, why = "unchanged", True, accepted[acc[0]]["justification"]
            m.suppressed += 1
        elif known:
            for k in known:
                m.used[k] += 1
            state, suppressed, why = "unchanged", True, None
            m.suppressed += 1
        else:
            state, suppressed, why = "new", False, None
            m.new += 1
        for g in group:
            g.baseline_state, g.suppressed = state, suppressed  # type: ignore[assignment]
            if why is not None:
                g.justification = why
    return m


def _audited(rr: RunResult, bl: Baseline) -> set[str]:
    return {bl.rel(fr.path) for fr in rr.files}


def stale(bl: Baseline, m: Match, audited: set[str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]], int]:
    """Entries of the audited files that no longer occur (fully or partly): (findings kept with
    their counts lowered, accepted kept, number of occurrences gone)."""
    kept: list[dict[str, Any]] = []
    gone = 0
    for e in bl.findings:
        if e["file"] not in audited:
            kept.append(e)
            continue
        k = _key(e)
        n = min(m.used[k], e.get("count", 1))
        m.used[k] -= n  # several entries with one key: consume in order
        gone += e.get("count", 1) - n
        if n:
            kept.append({**e, "count": n})
    kept_acc: list[dict[str, Any]] = []
    for a in bl.accepted:
        if a["file"] not in audited or m.used_accepted[_key(a)] > 0:
            kept_acc.append(a)
        else:
            gone += a.get("count") or 1
    return kept, kept_acc, gone


# ----------------------------------------------------------------------------------- writing

_ENTRY_ORDER = ("file", "rule", "fingerprint", "count", "justification", "by", "date", "pointer", "message")


def _ordered(e: dict[str, Any]) -> dict[str, Any]:
    return {k: e[k] for k in _ENTRY_ORDER if e.get(k) is not None}


def dump(findings: list[dict[str, Any]], accepted: list[dict[str, Any]]) -> str:
    """Sorted, stable key order, UTF-8 text (not \\u escapes), indent 2, trailing newline."""
    merged: dict[Key, dict[str, Any]] = {}
    for e in findings:
        k = _key(e)
        if k in merged:
            merged[k]["count"] = merged[k].get("count", 1) + e.get("count", 1)
        else:
            merged[k] = dict(e)
    doc = {
        "version": BASELINE_VERSION,
        "tool": f"auditor {__version__}",
        "findings": [_ordered(merged[k]) for k in sorted(merged)],
        "accepted": [_ordered(a) for a in sorted(accepted, key=_key)],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def entries_from(rr: RunResult, root: Path, skip: set[Key] | None = None) -> list[dict[str, Any]]:
    """Baseline entries for the findings of a run (one per key, with its count)."""
    groups: dict[Key, list[Finding]] = {}
    for f in (g for top in rr.findings for g in (top, *(top.consequences or []))):
        k = (rel_to(f.file, root), f.rule_id, f.fingerprint)
        if skip and k in skip:
            continue
        groups.setdefault(k, []).append(f)
    out = []
    for k, fs in sorted(groups.items()):
        first = min(fs, key=lambda f: (f.pointer, f.line or 0))
        out.append({"file": k[0], "rule": k[1], "fingerprint": k[2], "count": len(fs),
                    "pointer": first.pointer, "message": first.message.vi})
    return out


def write(rr: RunResult, path: str | Path) -> Baseline:
    """`--write-baseline`: record the current findings of the audited files (accepted entries and
    the entries of files not audited in this run are kept)."""
    p = Path(path)
    old = load(p) if p.exists() else Baseline(p)
    audited = _audited(rr, old)
    others = [e for e in old.findings if e["file"] not in audited]
    accepted_keys = {_key(a) for a in old.accepted}
    entries = entries_from(rr, old.root, skip=accepted_keys)
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(dump(others + entries, old.accepted), encoding="utf-8")
    except OSError as e:
        raise ConfigError(f"Không ghi được tệp baseline {p}: {e.strerror or e}.",
                          f"Cannot write the baseline file {p}: {e.strerror or e}.") from None
    return load(p)


# ------------------------------------------------------------------------------- check glue

def _note(vi: str, en: str, lang: str) -> None:
    echo(vi if lang == "vi" else en, err=True)


def refresh_summary(rr: RunResult, baselined: int, absent: int | None = None) -> None:
    """Counts without the suppressed findings, plus how many were baselined."""
    live = [f for f in rr.findings if not f.suppressed]
    for s in ("error", "warning", "info"):
        rr.summary[s] = sum(1 for f in live if f.severity == s)
    rr.summary["baselined"] = baselined
    if absent is not None:
        rr.summary["baseline_absent"] = absent
    by_file: dict[str, list[Finding]] = {}
    for f in live:
        by_file.setdefault(f.file, []).append(f)
    for fr in rr.files:
        fr.counts = {s: sum(1 for f in by_file.get(fr.path, []) if f.severity == s) for s in ("error", "warning", "info")}


def apply_options(rr: RunResult, settings: Settings) -> RunResult:
    """--write-baseline / --baseline / --update-baseline on a finished run (see the module doc)."""
    lang = settings.lang
    if settings.write_baseline:
        bl = write(rr, settings.write_baseline)
        m = match(rr, bl)
        refresh_summary(rr, m.suppressed)
        _note(f"Đã ghi baseline {settings.write_baseline}: {m.suppressed} phát hiện.",
              f"Wrote baseline {settings.write_baseline}: {m.suppressed} findings.", lang)
        return rr
    if not settings.baseline:
        return rr
    bl = load(settings.baseline)
    m = match(rr, bl)
    kept, kept_acc, gone = stale(bl, m, _audited(rr, bl))
    refresh_summary(rr, m.suppressed, gone)
    if settings.update_baseline:
        if gone:
            try:
                bl.path.write_text(dump(kept, kept_acc), encoding="utf-8")
            except OSError as e:
                raise ConfigError(f"Không ghi được tệp baseline {bl.path}: {e.strerror or e}.",
                                  f"Cannot write the baseline file {bl.path}: {e.strerror or e}.") from None
        _note(f"Đã cập nhật baseline {bl.path}: bỏ {gone} mục không còn xuất hiện (không thêm mục nào).",
              f"Updated baseline {bl.path}: removed {gone} entries that no longer occur (none added).", lang)
    elif gone:
        _note(f"{gone} mục trong baseline không còn xuất hiện (đã được sửa); chạy lại với --update-baseline để bỏ.",
              f"{gone} baseline entries no longer occur (corrected); run with --update-baseline to remove them.",
              lang)
    return rr
