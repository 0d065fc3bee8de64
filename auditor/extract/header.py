"""The page header of a report flattened into fewer lines than it has.

An official report opens with two columns: on the left the issuer (“ỦY BAN NHÂN DÂN / XÃ
HOÀNG KIM”) and the number (“Số: 45/BC-UBND”), on the right the national motto (“CỘNG HÒA XÃ
HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc”) and the place and date. Copied as text,
or typed with tabs in one Word paragraph, the two columns end up on one line: “ỦY BAN NHÂN DÂN
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”, “Số: 45/BC-UBND Hoàng Kim, ngày 15 tháng 6 năm 2024”.

Each such paragraph of the header (the paragraphs before the title “BÁO CÁO”) is cut into the
pieces the layout reader expects: before and after each line of the motto, before “Số:”, after
the number (when a place and date follow), before “BÁO CÁO”. The pieces keep their offsets in
the original line. Outside the header nothing is cut.
"""

from __future__ import annotations

import re

from auditor.extract.document import Document, Para

_MOTTO = re.compile(
    r"C[ỘO]NG\s+H(?:ÒA|OÀ|OA)\s+X[ÃA]\s+H[ỘO]I\s+CH[ỦU]\s+NGH[ĨI]A\s+VI[ỆE]T\s+NAM"
    r"|Đ[ộo]c\s+l[ậa]p\s*[-–—]+\s*T[ựu]\s+do\s*[-–—]+\s*H[ạa]nh\s+ph[úu]c", re.I)
# “Số: 45/BC-UBND”, “Số: /BC- UBND”, “Số: 12/2024/BC-UBND”: the number runs over upper-case
# codes joined by “/” or “-”; a place (“Hoàng Kim”, “TP. Tân An”) starts with other letters.
_NUMBER = re.compile(r"(?<![^\W\d_])Số\s*[:.]?\s*[\d.…_]*\s*/?\s*[A-ZĐ0-9]+(?:\s*[-–/]\s*[A-ZĐ0-9]+)*"
                     r"(?![^\W\d_])")
_PLACE_DATE = re.compile(r"^\s*[^,;:\d]{2,60}?,\s*ngày\b", re.I)
_TITLE = re.compile(r"(?<![^\W\d_])BÁO\s*CÁO(?![^\W\d_])")
_ISSUER = re.compile(r"(?<![^\W\d_])(?:ỦY|UỶ)\s+BAN\s+NHÂN\s+DÂN|(?<![^\W\d_])UBND(?![^\W\d_])", re.I)
_SEPARATOR = re.compile(r"[-_–—=*]{3,}")   # the rule under the motto
_ZONE = 16      # the header is among the first paragraphs


def _cuts(t: str) -> list[int]:
    cuts: set[int] = set()
    for m in _MOTTO.finditer(t):
        cuts.update((m.start(), m.end()))
    for m in _SEPARATOR.finditer(t):
        cuts.update((m.start(), m.end()))
    for m in _NUMBER.finditer(t):
        cuts.add(m.start())
        if _PLACE_DATE.match(t[m.end():]):
            cuts.add(m.end())
    m = _TITLE.search(t)
    if m:
        cuts.add(m.start())
    # a second issuer line glued after the first (“UBND HUYỆN A UBND XÃ B”) is left whole: the
    # layout reader takes the last issuer named
    return sorted(c for c in cuts if 0 < c < len(t))


def split_header(doc: Document) -> None:
    """Cut the flattened header paragraphs of `doc` in place."""
    paras = [k for k, b in enumerate(doc.blocks[:_ZONE * 2]) if isinstance(b, Para)][:_ZONE]
    # the header ends at the title; without a title, only lines with the motto are cut
    title_at = next((k for k in paras if _TITLE.search(doc.blocks[k].text)), None)
    zone = {k for k in paras if title_at is None or k <= title_at}
    out: list = []
    for k, b in enumerate(doc.blocks):
        if k not in zone or not isinstance(b, Para) or len(b.pieces) != 1:
            out.append(b)
            continue
        t = b.text
        if title_at is None and not _MOTTO.search(t):
            out.append(b)
            continue
        if not (_MOTTO.search(t) or _NUMBER.search(t) or _TITLE.search(t) or _SEPARATOR.search(t)):
            out.append(b)
            continue
        cuts = _cuts(t)
        if k == title_at:
            # the title paragraph itself: only what comes before “BÁO CÁO” is cut off
            m = _TITLE.search(t)
            cuts = [c for c in cuts if m is not None and c <= m.start()]
        if not cuts:
            out.append(b)
            continue
        mt = b.pieces[0]
        bounds = [0, *cuts, len(t)]
        for a, e in zip(bounds, bounds[1:]):
            piece = mt.slice(a, e).strip()
            if piece.text:
                out.append(Para([piece], style=b.style, level=b.level))
    doc.blocks = out
