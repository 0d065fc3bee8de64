"""The workbook of `--summary FILE.xlsx` (openpyxl, imported only here): what a reviewer files.

Sheets: the files (one row each: unit, period, counts, status); the findings (one row each:
file, unit, period, rule, severity, message, place in the document as “bảng 1, dòng 12, cột 7”
/ “đoạn 27” / “dòng 133”, stated and expected values, how to fix), each severity in its colour;
units × rules (how many findings of each rule in each file); the rules (counts, most frequent
first). Every sheet has a bold header row that stays in view (frozen) and a filter on it."""

from __future__ import annotations

from typing import Any

SHEETS = {"vi": ("Tệp", "Phát hiện", "Đơn vị × quy tắc", "Quy tắc"),
          "en": ("Files", "Findings", "Units × rules", "Rules")}
# severity word -> (fill, font colour): the colours of the printable report, lightened
SEV_STYLE = {"lỗi": ("FEE4E2", "B42318"), "error": ("FEE4E2", "B42318"),
             "cảnh báo": ("FEF0C7", "B54708"), "warning": ("FEF0C7", "B54708"),
             "thông tin": ("D1E9FF", "175CD3"), "info": ("D1E9FF", "175CD3")}
STATUS_STYLE = {"không đạt": "FEE4E2", "fail": "FEE4E2", "sai định dạng": "FEE4E2", "invalid": "FEE4E2",
                "không đọc được": "FEE4E2", "unreadable": "FEE4E2", "đạt": "DCFAE6", "pass": "DCFAE6"}
WRAP_MAX = 70  # columns wider than this wrap their text


def write_workbook(out: str, lang: str, files: list[list[Any]], files_head: list[str],
                   findings: list[list[Any]], findings_head: list[str], stats: list[dict[str, Any]],
                   sev_words: dict[str, str]) -> None:
    """`files`, `findings`: the rows of the first two sheets (output/summary.py makes them);
    `stats`: findings per rule; `sev_words`: severity -> the word the rows use."""
    from openpyxl import Workbook

    names = SHEETS[lang]
    wb = Workbook()
    ws = wb.active
    ws.title = names[0]
    _fill(ws, files_head, files)
    _colour(ws, files_head.index(files_head[-1]) + 1, STATUS_STYLE, whole=False)

    ws = wb.create_sheet(names[1])
    head = findings_head
    _fill(ws, head, findings)
    _colour(ws, head.index(head[4]) + 1, {k: v[0] for k, v in SEV_STYLE.items()}, whole=True,
            fonts={k: v[1] for k, v in SEV_STYLE.items()})

    ws = wb.create_sheet(names[2])
    rules = sorted({r[3] for r in findings})
    per: dict[str, dict[str, int]] = {}
    for r in findings:
        per.setdefault(r[0], {}).setdefault(r[3], 0)
        per[r[0]][r[3]] += 1
    lead = files_head[:3]
    total = "Tổng" if lang == "vi" else "Total"
    grid = [[f[0], f[1], f[2], *(per.get(f[0], {}).get(rule) or None for rule in rules),
             sum(per.get(f[0], {}).values())] for f in files]
    _fill(ws, [*lead, *rules, total], grid, numbers_from=4)
    ws.freeze_panes = "D2"

    ws = wb.create_sheet(names[3])
    sev = sev_words
    head = ["Số lần", "Mã", "Mức", "Tên"] if lang == "vi" else ["Count", "Code", "Severity", "Title"]
    _fill(ws, head, [[s["count"], s["code"], sev.get(s["severity"], s["severity"]), s["name"]] for s in stats])
    _colour(ws, 3, {k: v[0] for k, v in SEV_STYLE.items()}, whole=False, fonts={k: v[1] for k, v in SEV_STYLE.items()})
    wb.save(out)


def _fill(ws: Any, head: list[str], rows: list[list[Any]], numbers_from: int | None = None) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws.append(head)
    for r in rows:
        ws.append(r)
    bold, grey = Font(bold=True), PatternFill("solid", fgColor="F2F4F7")
    for c in ws[1]:
        c.font, c.fill = bold, grey
        c.alignment = Alignment(vertical="top", wrap_text=True)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(max(len(head), 1))}{max(len(rows) + 1, 1)}"
    for i, name in enumerate(head, start=1):
        values = [name] + [r[i - 1] for r in rows[:500]]
        width = max(len(str(v)) if v is not None else 0 for v in values) + 2
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = min(max(width, 6), WRAP_MAX)
        if width > WRAP_MAX:
            for cell in ws[letter][1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        if numbers_from is not None and i >= numbers_from:
            ws.column_dimensions[letter].width = max(len(name) + 2, 7)


def _colour(ws: Any, column: int, fills: dict[str, str], *, whole: bool, fonts: dict[str, str] | None = None) -> None:
    """Each row coloured by the word in `column` (a severity, a status): that cell in bold, and
    with `whole`, the rest of the row in the same light fill."""
    from openpyxl.styles import Font, PatternFill

    for row in ws.iter_rows(min_row=2):
        word = row[column - 1].value
        if word not in fills:
            continue
        fill = PatternFill("solid", fgColor=fills[word])
        for cell in (row if whole else [row[column - 1]]):
            cell.fill = fill
        row[column - 1].font = Font(bold=True, color=(fonts or {}).get(word))
