"""What the extractor's passes skip without reading a paragraph (issue 16): each skip rests on a fact
tested here — a paragraph without a digit has no number token, NFC never makes a digit, no
citation is found without one, a balance needs a level of its own paragraph — and the reading of
the corpora with the skips is the reading without them (`bench/same_output.py`, the quality tables)."""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.extract.build import build
from auditor.extract.context import Ctx
from auditor.extract.document import Para
from auditor.extract.layout import analyse, join_continuations
from auditor.extract.numbers import tokenize
from auditor.extract.text import read_text
from auditor.registries.citations import find_citations

ROOT = Path(__file__).resolve().parent.parent
_DIGIT = re.compile(r"\d")
_TEXTS = sorted((ROOT / "fixtures" / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "corpus" / "texts").glob("*"))


def _paragraphs() -> list[str]:
    out: list[str] = []
    for t in _TEXTS[:12]:
        doc = read_text(t.read_text("utf-8"), markdown=False, name=t.name)
        out.extend(b.text for b in doc.blocks if isinstance(b, Para))
    return out


_WORDS = st.sampled_from(["Số", "số", "Nghị quyết", "Quyết định", "QĐ-UBND", "/", "-", "năm", "đạt", "hộ", "%",
                          "tăng", "giảm", "còn", "từ", "xuống", "nâng tổng số", "Bằng khen", "cho", "tập thể",
                          "thứ Hai", "ngày", "tháng", "cơ cấu", ":", ",", ";", ".", "(", ")", "٣", "５", "²", "x"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS | st.integers(0, 99999).map(str), max_size=25).map(" ".join))
def test_a_paragraph_has_a_number_token_exactly_when_it_has_a_digit(text: str) -> None:
    assert bool(tokenize(text)) == (_DIGIT.search(text) is not None)


def test_the_corpora_paragraphs_have_a_token_exactly_when_they_have_a_digit() -> None:
    for text in _paragraphs():
        assert bool(tokenize(text)) == (_DIGIT.search(text) is not None)


def test_nfc_makes_no_digit() -> None:
    # (find_citations reads the NFC form of a paragraph; the skip tests the paragraph as written)
    made = [cp for cp in range(sys.maxunicode + 1)
            if not _DIGIT.search(chr(cp)) and _DIGIT.search(unicodedata.normalize("NFC", chr(cp)))]
    assert made == []


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS.filter(lambda w: not _DIGIT.search(w)), max_size=25).map(" ".join))
def test_no_citation_without_a_digit(text: str) -> None:
    assert find_citations(text) == []


def test_no_citation_in_the_corpora_paragraphs_without_their_digits() -> None:
    for text in _paragraphs():
        assert find_citations(_DIGIT.sub("", text)) == []
        assert find_citations(_DIGIT.sub("x", text)) == []


@pytest.mark.parametrize("path", _TEXTS[:12], ids=lambda p: p.name)
def test_a_balance_is_read_only_from_a_paragraph_with_levels(path: Path) -> None:
    """`balances` skips a paragraph without a level of its own; both readings it skips add nothing
    for such a paragraph (run here on the corpora, after the passes before them)."""
    from auditor.extract import stocks

    doc = read_text(path.read_text("utf-8"), markdown=False, name=path.name)
    build(doc)  # (the reading as it is: every pass)
    doc = read_text(path.read_text("utf-8"), markdown=False, name=path.name)
    join_continuations(doc)
    L = analyse(doc)
    ctx = Ctx(doc, L, None)
    for i in L.body:
        if not isinstance(doc.blocks[i], Para) or stocks._levels(ctx, i):
            continue
        before = len(ctx.out["balances"])
        stocks._raised(ctx, i, doc.blocks[i].text)
        stocks._start_end(ctx, i, doc.blocks[i].text)
        assert len(ctx.out["balances"]) == before
