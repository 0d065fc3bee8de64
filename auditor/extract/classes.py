"""The classes of one graded award, listed whole: a breakdown that leaves nothing out.

An order (Huân chương Lao động, Chiến công, Bảo vệ Tổ quốc …) has exactly three classes (hạng Nhất,
Nhì, Ba: Luật Thi đua, khen thưởng 06/2022/QH15), and a medal table three metals (vàng, bạc, đồng).
So “27 học sinh được nhận Huân chương Lao động và Bằng khen của Thủ tướng. Trong đó 02 … hạng Nhất; 06 …
hạng Nhì; 08 … hạng Ba và 09 … Bằng khen của Thủ tướng” lists every kind the total names: the parts are
its whole breakdown, though “trong đó” alone would allow a partial one. Read only when every part is one
class (or one award the total itself names) and every class of the award is there once.
"""

from __future__ import annotations

import re

# an order's class: “hạng Nhất”, “hạng 2”, “hạng III”
_ORDER_CLASS = re.compile(r"(?<![\w])hạng\s+(nhất|nhì|ba|1|2|3|I{1,3})(?![\w])", re.I)
_ORDER_NAME = re.compile(r"(?<![\w])huân\s+chương\s+((?:[^\W\d_]+\s+){0,4}?[^\W\d_]+)\s+hạng(?![\w])", re.I)
_AN_ORDER = re.compile(r"(?<![\w])huân\s+chương(?![\w])", re.I)
# a medal's metal: “HCV”, “HC Bạc”, “huy chương đồng”
_METAL = re.compile(r"(?<![\w])(?:HC\s*(V|B|Đ)(?![\w])|(?:HC|huy\s+chương)\s+(vàng|bạc|đồng)(?![\w]))", re.I)
_A_MEDAL = re.compile(r"(?<![\w])huy\s+chương(?![\w])", re.I)
_CLASS_NO = {"nhất": 1, "1": 1, "i": 1, "nhì": 2, "2": 2, "ii": 2, "ba": 3, "3": 3, "iii": 3,
             "v": 1, "vàng": 1, "b": 2, "bạc": 2, "đ": 3, "đồng": 3}
# an award without classes that a part may name beside the classes (“… và 09 học sinh được nhận Bằng khen
# của Thủ tướng Chính phủ”): the words from the award's kind to the next number or stop
_OTHER_AWARD = re.compile(r"(?<![\w])(?:bằng\s+khen|giấy\s+khen|cờ\s+thi\s+đua|chiến\s+sĩ\s+thi\s+đua|"
                          r"kỷ\s+niệm\s+chương|huy\s+hiệu)(?:\s+[^\W\d_]+){0,4}", re.I)


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


def classes_listed_whole(total_name: str, pieces: list[str]) -> str | None:
    """A reading when `pieces` (each part's own text) are all the classes of one award that
    `total_name` (the total's words up to its list) names, and perhaps other awards it names too;
    else None."""
    name = _norm(total_name)
    metals: list[int] = []
    orders: dict[str, list[int]] = {}
    others: list[str] = []
    for text in pieces:
        m_ord = [m for m in _ORDER_CLASS.finditer(text)]
        m_met = [m for m in _METAL.finditer(text)]
        if len(m_ord) + len(m_met) > 1:
            return None  # two classes in one part (“1 tập thể và 3 cá nhân … hạng Ba, 2 … hạng Nhì”)
        if m_met:
            g = m_met[0].group(1) or m_met[0].group(2)
            metals.append(_CLASS_NO[g.lower()])
        elif m_ord:
            nm = _ORDER_NAME.search(text)
            key = _norm(nm.group(1)) if nm else ""
            orders.setdefault(key, []).append(_CLASS_NO[m_ord[0].group(1).lower()])
        else:
            aw = _OTHER_AWARD.search(text)
            if aw is None or _norm(aw.group(0)) not in name:
                return None  # a part that is no class, and no award the total names
            others.append(_norm(aw.group(0)))
    if metals and orders:
        return None
    if metals:
        if sorted(metals) != [1, 2, 3] or others or not _A_MEDAL.search(name):
            return None
        return ("các phần là đủ ba hạng huy chương (vàng, bạc, đồng) của tổng: không bỏ sót phần nào (the parts are the "
                "three medals, gold, silver and bronze, of the total: nothing is left out)")
    if any(not any(o in _norm(m.group(0)) or _norm(m.group(0)) in o for o in others)
           for m in _OTHER_AWARD.finditer(name)):
        return None  # the total names another award no part counts: the list may leave it out
    if len(orders) != 1:
        return None  # classes of two orders, or none: the total may hold other classes
    (key, got), = orders.items()
    if sorted(got) != [1, 2, 3]:
        return None
    named = re.search(rf"huân chương {re.escape(key)}(?![\w])", name) if key else _AN_ORDER.search(name)
    if named is None:
        return None  # the total does not name this order: it may count other awards too
    return ("các phần là đủ ba hạng (Nhất, Nhì, Ba) của huân chương mà tổng nêu"
            + (", và các hình thức khen khác tổng cũng nêu" if others else "")
            + ": không bỏ sót phần nào (the parts are all three classes of the order the total names"
            + (", and the other awards it names" if others else "") + ": nothing is left out)")
