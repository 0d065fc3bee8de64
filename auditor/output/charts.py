"""Inline SVG charts for the batch report: findings per unit by severity, and the rules most
often failed. Plain SVG (no script, no external font or asset), sized in user units so that it
scales to the page and prints as it shows; every bar carries its number as text too, and a
`<title>` says what the chart shows to a screen reader."""

from __future__ import annotations

from html import escape
from typing import Any

SEV_COLOR = {"error": "#b42318", "warning": "#dc6803", "info": "#1570ef"}
SEVERITIES = ("error", "warning", "info")

_W = 760          # width of the drawing, in user units
_LABEL = 290      # width kept for the labels on the left
_ROW = 22         # height of one bar's row
_BAR = 15


def _e(s: Any) -> str:
    return escape("" if s is None else str(s), quote=True)


def _clip(s: str, n: int = 32) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def _scale(total: int) -> float:
    return (_W - _LABEL - 100) / max(total, 1)


def severity_bars(rows: list[tuple[str, dict[str, int]]], labels: dict[str, str], title: str) -> str:
    """One stacked bar per row (a unit or a file): its errors, warnings and infos."""
    top = 28
    h = top + _ROW * max(len(rows), 1) + 8
    k = _scale(max((sum(c.get(s, 0) for s in SEVERITIES) for _, c in rows), default=1))
    out = [f'<svg class="chart" role="img" viewBox="0 0 {_W} {h}" width="100%" '
           f'xmlns="http://www.w3.org/2000/svg" font-family="DejaVu Sans, Arial, sans-serif" font-size="12">',
           f"<title>{_e(title)}</title>"]
    x = _LABEL
    for s in SEVERITIES:  # legend
        out.append(f'<rect x="{x}" y="6" width="12" height="12" fill="{SEV_COLOR[s]}"/>'
                   f'<text x="{x + 16}" y="16">{_e(labels[s])}</text>')
        x += 24 + 8 * len(labels[s]) + 20
    for i, (label, counts) in enumerate(rows):
        y = top + i * _ROW
        out.append(f'<text x="{_LABEL - 8}" y="{y + 12}" text-anchor="end"><title>{_e(label)}</title>'
                   f"{_e(_clip(label))}</text>")
        x0 = float(_LABEL)
        total = 0
        for s in SEVERITIES:
            n = counts.get(s, 0)
            if not n:
                continue
            w = n * k
            out.append(f'<rect class="bar {s}" x="{x0:.1f}" y="{y}" width="{w:.1f}" height="{_BAR}" '
                       f'fill="{SEV_COLOR[s]}"><title>{_e(labels[s])}: {n}</title></rect>')
            if w >= 18:
                out.append(f'<text x="{x0 + w / 2:.1f}" y="{y + 12}" text-anchor="middle" fill="#fff" '
                           f'font-size="11">{n}</text>')
            x0 += w
            total += n
        out.append(f'<text x="{x0 + 6:.1f}" y="{y + 12}" fill="#344054">{total}</text>')
    if not rows:
        out.append(f'<text x="{_LABEL}" y="{top + 12}">—</text>')
    out.append("</svg>")
    return "".join(out)


def rule_bars(stats: list[dict[str, Any]], title: str, files_word: str, limit: int = 12) -> str:
    """The rules most often failed: one bar per rule (findings), coloured by its severity,
    with the number of files it failed in."""
    stats = stats[:limit]
    top = 8
    h = top + _ROW * max(len(stats), 1) + 8
    k = _scale(max((s["count"] for s in stats), default=1))
    out = [f'<svg class="chart" role="img" viewBox="0 0 {_W} {h}" width="100%" '
           f'xmlns="http://www.w3.org/2000/svg" font-family="DejaVu Sans, Arial, sans-serif" font-size="12">',
           f"<title>{_e(title)}</title>"]
    for i, s in enumerate(stats):
        y = top + i * _ROW
        label = f"{s['code']} {s['name']}"
        out.append(f'<text x="{_LABEL - 8}" y="{y + 12}" text-anchor="end"><title>{_e(label)}</title>'
                   f"{_e(_clip(label))}</text>")
        w = s["count"] * k
        out.append(f'<rect class="bar {s["severity"]}" x="{_LABEL}" y="{y}" width="{w:.1f}" height="{_BAR}" '
                   f'fill="{SEV_COLOR.get(s["severity"], "#667085")}"><title>{_e(label)}: {s["count"]}</title></rect>')
        files = f" · {s['files']} {files_word}" if s.get("files") is not None else ""
        out.append(f'<text x="{_LABEL + w + 6:.1f}" y="{y + 12}" fill="#344054">{s["count"]}{_e(files)}</text>')
    if not stats:
        out.append(f'<text x="{_LABEL}" y="{top + 12}">—</text>')
    out.append("</svg>")
    return "".join(out)
