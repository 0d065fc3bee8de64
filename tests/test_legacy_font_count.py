"""`sniff.legacy_font_text` counts the real Vietnamese letters only as far as they decide (issue 16):
the same answer as counting them all."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.read import sniff

ROOT = Path(__file__).resolve().parent.parent


def _counted_all(text: str) -> bool:
    sample = text[:20000]
    vn = len(sniff._VN_UNICODE.findall(sample))
    legacy = max(len(sniff._TCVN3_CHARS.findall(sample)), len(sniff._VNI_SEQ.findall(sample)))
    return legacy >= 5 and legacy > 3 * vn


# real letters, TCVN3 marks, VNI sequences and plain text, so that the counts meet at every ratio
_PIECES = st.sampled_from(["ă", "đ", "ư", "ệ", "ạ", "\u0301", "¸", "µ", "Õ", "æ", "oø", "aù", "ñA", "ieâ", "a", " ",
                           "Tæng kÕt", "B¸o c¸o", "Toång keát", "Báo cáo", "x" * 30])


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES, max_size=80).map("".join))
def test_the_same_answer_as_counting_every_letter(text: str) -> None:
    assert sniff.legacy_font_text(text) == _counted_all(text)


def test_the_same_answer_on_the_texts_and_their_mojibake() -> None:
    texts = sorted((ROOT / "fixtures" / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "corpus" / "texts").glob("*"))
    answers = set()
    for t in texts[:20]:
        text = t.read_text("utf-8")
        # (the text as a legacy-encoded file read as Latin-1 looks: mostly legacy marks)
        for variant in (text, text.encode("utf-8").decode("latin-1"), text[:300] + "¸µ¶·¹" * 40):
            assert sniff.legacy_font_text(variant) == _counted_all(variant)
            answers.add(_counted_all(variant))
    assert answers == {True, False}
