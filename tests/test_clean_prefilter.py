"""`text.clean` skips the HTML, entity and LaTeX steps for a line without the character each of
them needs (issue 16): the same text and offsets as running every step, on generated lines made
of every kind of remnant, and on every line of the corpora."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.extract import text as T
from auditor.extract.document import MappedText, Origin, nfc

ROOT = Path(__file__).resolve().parent.parent


def _clean_every_step(mt: MappedText, markdown: bool) -> tuple[MappedText, int | None]:
    """`clean` as it was: every step on every line."""
    R = T._RX
    mt = nfc(mt)
    mt = mt.sub(R["spaces"], " ")
    level = None
    if markdown:
        m = R["md_heading"].match(mt.text)
        if m:
            level = len(m.group(1))
            mt = mt.sub(R["md_heading"], "")
    mt = mt.sub(R["sup"], lambda m: m.group(1).translate(T._SUP) if re.fullmatch(r"[0-9+-]+", m.group(1)) else m.group(1))
    mt = mt.sub(R["sub"], r"\1")
    mt = mt.sub(R["br"], " ")
    mt = mt.sub(R["autolink"], r"\1")
    mt = mt.sub(R["tag"], "")
    mt = mt.sub(R["entity"], lambda m: T._unescape(m.group(0)).replace("\u00a0", " "))
    mt = mt.sub(R["latex_math"], r"\1")
    mt = mt.sub(R["latex_frac"], lambda m: f"{m.group(1)}/{m.group(2)}")
    mt = mt.sub(R["latex_text"], r"\1")
    mt = mt.sub(R["latex_pct"], "%")
    mt = mt.sub(R["latex_times"], "× ")
    mt = mt.sub(R["latex_approx"], "≈ ")
    mt = mt.sub(R["latex_brace_comma"], r"\1")
    mt = mt.sub(R["latex_space"], " ")
    mt = mt.sub(R["md_bullet"], r"\1- ")
    if markdown:
        mt = mt.sub(R["md_link"], r"\1")
        mt = mt.sub(R["md_code"], r"\1")
        mt = mt.sub(R["md_bold"], "")
        mt = mt.sub(R["md_italic"], r"\1")
        mt = mt.sub(R["md_escape"], r"\1")
    mt = mt.sub(R["multi_space"], " ")
    return mt.strip(), level


def _same(line: str) -> None:
    for markdown in (False, True):
        a, la = T.clean(MappedText.of(line, Origin(quote=line, line=1)), markdown=markdown)
        b, lb = _clean_every_step(MappedText.of(line, Origin(quote=line, line=1)), markdown)
        assert (a.text, a.offs, la) == (b.text, b.offs, lb), line


_PIECES = st.sampled_from([
    "Tổng số", " ", "  ", "\t", "\u00a0", "12", "1.200", "m", "<sup>2</sup>", "<sub>2</sub>", "<br/>", "<b>", "</b>",
    "<https://a.vn>", "&amp;", "&lt;b&gt;", "&#92;", "&#36;", "&#123;", "&#126;", "&nbsp;", "&", "<", ">",
    "$", "$$x$$", "\\frac{1}{2}", "\\%", "\\times", "\\approx", "\\text{ha}", "{,}", "\\,", "~", "\\", "{", "}",
    "- ", "• ", "* ", "**đậm**", "_x_", "`c`", "[a](b)", "\\*", "# ", "ư", "e\u0301",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=10).map("".join))
def test_the_same_text_and_offsets_as_every_step(line: str) -> None:
    _same(line)


def test_the_same_on_every_line_of_the_corpora() -> None:
    paths = [*sorted((ROOT / "fixtures" / "seeds").glob("*.txt")), *sorted((ROOT / "tests" / "data").glob("*/texts/*")),
             *sorted((ROOT / "tests" / "data").glob("*.md"))]
    n = 0
    for p in paths[::2]:
        for line in p.read_text("utf-8").splitlines():
            _same(line)
            n += 1
    assert n > 1000
