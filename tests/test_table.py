"""auditor.output.table lays tables out as tabulate's "simple" format does (it replaces tabulate on
the start-up path of `audit`; see its docstring)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from tabulate import tabulate

from auditor.engine.ruleset import load_rules
from auditor.output.common import baseline_note as _known
from auditor.output.common import location_text as _where
from auditor.output.common import message as _msg
from auditor.output.table import simple_table
from auditor.workflows.pipeline import audit_file

ROOT = Path(__file__).resolve().parent.parent

_word = st.text(alphabet="abcđêếỗxyzƯ:/-.%0123456789", min_size=1, max_size=5)  # fits any column
_line = st.lists(_word, max_size=12).map(" ".join)
_text = st.one_of(_line, st.none(), st.lists(_line.filter(str.strip), min_size=2, max_size=3).map("\n".join))


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[str], list[list[object]], list[str], list[int | None]]:
    n = draw(st.integers(1, 5))
    headers = draw(st.lists(st.text(alphabet="ABCĐệ x", min_size=1, max_size=10), min_size=n, max_size=n))
    kinds = draw(st.lists(st.sampled_from(["text", "int"]), min_size=n, max_size=n))
    widths = [None if k == "int" else draw(st.one_of(st.none(), st.integers(5, 30))) for k in kinds]
    align = draw(st.lists(st.sampled_from(["left", "right"]), min_size=n, max_size=n))
    cell = {"int": st.integers(0, 3000), "text": _text}
    rows = draw(st.lists(st.tuples(*[cell[k] for k in kinds]).map(list), min_size=1, max_size=5))
    return headers, rows, align, widths


@given(tables())
def test_same_layout_as_tabulate_simple(t: tuple) -> None:
    headers, rows, align, widths = t
    expected = tabulate(rows, headers=headers, tablefmt="simple", colalign=align, maxcolwidths=widths,
                        disable_numparse=True)
    assert simple_table(rows, headers, colalign=align, maxcolwidths=widths) == expected


def test_the_seeds_findings_tables_are_laid_out_as_by_tabulate() -> None:
    ruleset = load_rules()
    for path in sorted((ROOT / "fixtures").glob("seed_*.json")):
        findings = audit_file(str(path), ruleset, list(ruleset.rules), path.name).findings
        assert findings
        for lang in ("vi", "en"):
            rows = [[f.rule_id, _where(f, lang), _msg(f, lang) + _known(f, lang)] for f in findings]
            for width in (40, 75, 120):
                expected = tabulate(rows, headers=["A", "B", "C"], tablefmt="simple",
                                    maxcolwidths=[None, 28, width], disable_numparse=True)
                assert simple_table(rows, ["A", "B", "C"], maxcolwidths=[None, 28, width]) == expected


def test_a_cell_that_looks_like_a_number_is_kept_as_written() -> None:
    table = simple_table([["1.000", 7]], ["Đơn vị", "Lỗi"], colalign=["left", "right"])
    assert table.splitlines() == ["Đơn vị      Lỗi", "--------  -----", "1.000         7"]
