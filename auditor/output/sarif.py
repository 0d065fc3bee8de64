"""`sarif`: SARIF 2.1.0, one run; every result has an explicit `level`, a physical location (the
file, plus a region when the line is known), the JSON Pointer as a logical location, the other
values involved as related locations and `partialFingerprints["auditor/v1"]`."""

from __future__ import annotations

import json
import re

from auditor.output.common import (
    FINGERPRINT_KEY,
    HEADINGS,
    artifact_uri,
    doc_place,
    evidence_label,
    finding_place,
    message,
    pointer_shown,
    rules_by_id,
    run_files,
    slug,
    text_in,
)

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from typing import Any

    from auditor.model.findings import Finding, RunResult


SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"


SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _rule_help(rule: Any, lang: str) -> tuple[str, str]:
    h = HEADINGS[lang]
    title = text_in(rule.title, lang)
    why = text_in(rule.rationale, lang).strip()
    text = [title + ".", "", f"{h['why']}: {why}"]
    md = [f"**{rule.id}: {title}**", "", f"### {h['why']}", why]
    if rule.fix:
        text += ["", f"{h['fix']}: {text_in(rule.fix, lang)}"]
        md += ["", f"### {h['fix']}", text_in(rule.fix, lang)]
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
        "name": slug(rule.title.en) or rule.id,
        "shortDescription": {"text": _clip(text_in(rule.title, lang))},
        "fullDescription": {"text": _clip(text_in(rule.rationale, lang).strip() or text_in(rule.title, lang))},
        "help": {"text": text, "markdown": md},
        "defaultConfiguration": {"level": SARIF_LEVEL[rule.severity]},
        "properties": props,
    }


def _adhoc_descriptor(f: Finding, lang: str) -> dict[str, Any]:
    """A rule that the default rule set does not know (e.g. run with --rules-dir)."""
    title = text_in(f.title, lang) or f.rule_id
    return {
        "id": f.rule_id,
        "name": slug(f.title.en) or f.rule_id,
        "shortDescription": {"text": _clip(title)},
        "fullDescription": {"text": _clip(title)},
        "help": {"text": f"{title}.\n\naudit explain {f.rule_id}",
                 "markdown": f"**{f.rule_id}: {title}**\n\n`audit explain {f.rule_id}`"},
        "defaultConfiguration": {"level": SARIF_LEVEL[f.severity]},
    }


def _logical(pointer: str) -> dict[str, Any]:
    name = pointer.rsplit("/", 1)[-1].replace("~1", "/").replace("~0", "~") if pointer else "(root)"
    return {"name": name or "(empty)", "fullyQualifiedName": pointer, "kind": "value"}


def _page(f: Finding) -> list[dict[str, Any]]:
    """A PDF's page and line as a logical location (SARIF regions count lines of a text file)."""
    s = f.src
    if s is None or not s.page:
        return []
    name = f"page {s.page}" + (f", line {s.line}" if s.line else "")
    return [{"name": name, "fullyQualifiedName": f"page={s.page}" + (f";line={s.line}" if s.line else ""),
             "kind": "page", "properties": {"page": s.page, **({"line": s.line} if s.line else {})}}]


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
    logical = [_logical(f.pointer)]
    place = finding_place(f, lang)
    if place:  # a .docx has no lines: its paragraph or table cell, as a logical location too
        logical.append({"name": place, "fullyQualifiedName": doc_place(f.src, "en") or place, "kind": "element"})
    where = f" ({place})" if place else ""
    result: dict[str, Any] = {
        "ruleId": f.rule_id,
        "ruleIndex": rule_index,
        "kind": "fail",
        "level": SARIF_LEVEL[f.severity],
        # GitHub shows only the message and file/line: the pointer goes into the text too.
        "message": {"text": f"{message(f, lang)}{where} [{pointer_shown(f.pointer)}]"},
        "locations": [{"physicalLocation": phys, "logicalLocations": logical + _page(f)}],
    }
    related = []
    for i, p in enumerate(dict.fromkeys(f.related), start=1):
        rl: dict[str, Any] = {"id": i, "physicalLocation": {"artifactLocation": dict(art)},
                              "logicalLocations": [_logical(p)]}
        label = evidence_label(f, p)
        rl["message"] = {"text": f"{label} [{pointer_shown(p)}]" if label else pointer_shown(p)}
        related.append(rl)
    for c in f.consequences or []:  # one defect, one finding: the others as related locations
        c_art = dict(art)
        phys_c: dict[str, Any] = {"artifactLocation": c_art}
        if c.line:
            phys_c["region"] = {"startLine": c.line, **({"startColumn": c.column} if c.column else {})}
        related.append({"id": len(related) + 1, "physicalLocation": phys_c,
                        "logicalLocations": [_logical(c.pointer)],
                        "message": {"text": f"{c.rule_id}: {message(c, lang)} [{pointer_shown(c.pointer)}]"}})
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
    if f.localization is not None:
        props["localization"] = f.localization.to_json()
    if f.fix is not None:
        props["fix"] = text_in(f.fix, lang)
    if f.consequences:
        props["consequences"] = [{"ruleId": c.rule_id, "jsonPointer": c.pointer, "link": c.link,
                                  "level": SARIF_LEVEL[c.severity],
                                  "partialFingerprints": {FINGERPRINT_KEY: c.fingerprint}}
                                 for c in f.consequences]
    if f.src is not None:
        props["source"] = f.src.to_json()
    if f.legal_basis:
        props["legalBasis"] = list(f.legal_basis)
    result["properties"] = props
    return result


_MIME = {".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         ".txt": "text/plain", ".text": "text/plain", ".md": "text/markdown", ".markdown": "text/markdown",
         ".pdf": "application/pdf"}


def _mime(path: str) -> str:
    import os

    return _MIME.get(os.path.splitext(path)[1].lower(), "application/json")


def sarif_log(rr: RunResult, lang: str = "vi") -> dict[str, Any]:
    known = rules_by_id()
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
    for path in run_files(rr):
        art: dict[str, Any] = {"location": {"uri": artifact_uri(path)}, "mimeType": _mime(path)}
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
