"""`gitlab`: the Code Quality JSON array; fingerprints are unique per entry."""

from __future__ import annotations

import json

from auditor.output.common import consequence_note, finding_place, message, pointer_shown, rel_path

TYPE_CHECKING = False  # (not typing's: a run does not import typing, ~13 M instructions; issue 16)
if TYPE_CHECKING:
    from auditor.model.findings import RunResult


GITLAB_SEVERITY = {"error": "critical", "warning": "major", "info": "info"}


def render_gitlab(rr: RunResult, lang: str = "vi") -> str:
    """GitLab Code Quality: identical fingerprints collapse into one entry, so each one is
    salted with the file and, for genuine duplicates, re-hashed until unique (as ruff does)."""
    import hashlib

    seen: set[str] = set()
    out = []
    for f in rr.findings:
        path = rel_path(f.file)
        fp = hashlib.sha256(f"{f.fingerprint}\x1f{path}".encode("utf-8", "surrogatepass")).hexdigest()[:32]
        while fp in seen:
            fp = hashlib.sha256(f"{fp}\x1f{f.fingerprint}\x1f{path}".encode("utf-8", "surrogatepass")).hexdigest()[:32]
        seen.add(fp)
        place = finding_place(f, lang)  # a .docx has no line: its paragraph or cell, in the text
        where = f" ({place})" if place else ""
        out.append({
            # GitLab does not display check_name: the rule id goes into the description too.
            "description": f"{f.rule_id}: {message(f, lang)}{consequence_note(f, lang)}{where} "
                           f"[{pointer_shown(f.pointer)}]",
            "check_name": f.rule_id,
            "fingerprint": fp,
            "severity": GITLAB_SEVERITY[f.severity],
            "location": {"path": path, "lines": {"begin": f.line or 1}},
        })
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"
