"""A place of a document's number is made at once for the values a reader gives
(auditor/extract/objects.py `place`, issue 16): the same object as the report plan's builder
makes (`source_loc`), fields and their order, or the same refusal, whatever the values."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.extract import objects
from auditor.model.lean import JsonNumberText

ROOT = Path(__file__).resolve().parent.parent

_FIELDS = ("line", "paragraph", "table", "row", "column", "start", "end", "quote", "page", "ocr", "image")


class _Str(str):
    pass


_ANY = st.one_of(st.none(), st.integers(-3, 5), st.integers(10**6, 10**20), st.booleans(), st.floats(-2, 3),
                 st.text(max_size=5), st.builds(_Str, st.text(max_size=3)), st.sampled_from([JsonNumberText("7"),
                                                                                              JsonNumberText("-1")]),
                 st.just([1]))
_USUAL = st.one_of(st.none(), st.integers(0, 10**6))


def _outcome(make, values: tuple) -> object:  # noqa: ANN001 - one of the two builders
    try:
        obj = make(values)
    except Exception as e:  # noqa: BLE001 - the refusal itself is compared
        return ("refused", type(e).__name__)
    return (type(obj), list(obj.__dict__.items()), [type(v) for v in obj.__dict__.values()])


def _fast(values: tuple) -> object:
    return objects.place(*values)


def _plan(values: tuple) -> object:
    return objects.source_loc(**dict(zip(_FIELDS, values)))


@settings(max_examples=1500, deadline=None)
@given(st.tuples(*[_ANY] * len(_FIELDS)))
def test_any_values_give_what_the_plan_gives(values: tuple) -> None:
    assert _outcome(_fast, values) == _outcome(_plan, values)


@settings(max_examples=800, deadline=None)
@given(st.tuples(*[_USUAL] * 7), st.one_of(st.none(), st.text(max_size=20)), _USUAL,
       st.sampled_from([None, True, False]), st.one_of(st.none(), st.text(max_size=5)))
def test_a_readers_values_give_what_the_plan_gives(ints: tuple, quote: str | None, page: int | None,
                                                     ocr: bool | None, image: str | None) -> None:
    values = (*ints, quote, page, ocr, image)
    assert _outcome(_fast, values) == _outcome(_plan, values)


def test_the_reader_makes_its_places_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """The documents' places take this path, not the plan's builder (or nothing would be saved)."""
    from auditor.extract import document, extract

    calls: list[dict] = []
    real = objects.source_loc

    def counted(**fields: object) -> object:
        calls.append(fields)
        return real(**fields)

    monkeypatch.setattr(objects, "source_loc", counted)
    monkeypatch.setattr(document, "source_loc", counted)
    ex = extract(ROOT / "fixtures" / "dong_hoa_2023.docx")
    assert ex.report is not None and ex.report.indicators
    made = len(calls)
    loc = document.loc_of(ex.document.paragraphs()[3].pieces, 0, 3)
    assert len(calls) == made and loc.paragraph is not None
    assert made < 10  # (those of `loc_of` none; a few other places are made with only some fields)
