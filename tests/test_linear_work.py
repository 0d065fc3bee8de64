"""Work grows linearly with the size of a report: a seed 20 times as long (`bench/benchmark.py`'s
`scale_report` / `scale_text`: every list copied with distinct ids, the text body repeated)
may cost at most 25 times the work of the seed. Work is counted, not timed (a shared machine's
time proves nothing): the lines of the project's code executed while one report is audited
(read, rules, findings, their positions), and the calls of the text linker's functions. A
pairwise loop over a report's items (an index scanned for each item, a list filtered for each
claim) makes the ratio ~20 × 20 for its part and fails the test long before it is felt."""

from __future__ import annotations

import functools
import inspect
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from benchmark import SCALE_JSON, SCALE_TEXT, scale_report, scale_text  # noqa: E402

import auditor  # noqa: E402
from auditor.engine.ruleset import load_rules  # noqa: E402
from auditor.read import sourcemap  # noqa: E402
from auditor.workflows import pipeline  # noqa: E402

PACKAGE = str(Path(auditor.__file__).resolve().parent)
SIZE = 20
MAX_RATIO = 25  # issue 16: 20× the seed at most 25× the work
MAX_MARGINAL = 1.08


@contextmanager
def counting_lines(*under: str) -> Iterator[list[int]]:
    """Counts the lines executed in the files under the paths `under` (comprehensions
    included: each of their iterations is a line event)."""
    count = [0]

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        if event == "line":
            count[0] += 1
        return local

    def calls(frame: FrameType, event: str, arg: Any) -> Any:
        return local if frame.f_code.co_filename.startswith(under) else None

    old = sys.gettrace()
    sys.settrace(calls)
    try:
        yield count
    finally:
        sys.settrace(old)


@pytest.fixture(scope="module")
def rules() -> Any:
    ruleset = load_rules()
    selected = list(ruleset.rules)
    pipeline.audit_file(str(ROOT / "fixtures" / "example.json"), ruleset, selected)  # lazy set-up is not work
    return ruleset, selected


def json_work(tmp_path: Path, rules: Any, sizes: tuple[int, ...] = (1, 10, SIZE)) -> dict[int, int]:
    """Lines executed to audit the seed k times as long, for each k. The report is written on
    one line, as portals send it."""
    seed = json.loads(SCALE_JSON.read_text("utf-8"))
    work = {}
    for k in sizes:
        p = tmp_path / f"r{k}.json"
        p.write_text(json.dumps(scale_report(seed, k), ensure_ascii=False), "utf-8")
        with counting_lines(PACKAGE, __file__) as count:
            audit = pipeline.audit_file(str(p), *rules)
        assert len(audit.findings) >= 5 * k  # the copies are audited, with their findings
        work[k] = count[0]
    return work


def marginal(work: dict[int, int]) -> float:
    """The work of the copies 11 to 20 over that of the copies 2 to 10, per copy: 1 when each
    copy costs the same, more when a copy costs more the more there are (≈ 1 + k/10 for a part
    that is pairwise). Fixed costs, which flatter the plain ratio, cancel out."""
    return (work[SIZE] - work[10]) / (SIZE - 10) / ((work[10] - work[1]) / 9)


def test_json_report_work_is_linear_in_its_size(tmp_path: Path, rules: Any) -> None:
    work = json_work(tmp_path, rules)
    assert work[SIZE] / work[1] <= MAX_RATIO, f"{SIZE}× the report took {work[SIZE] / work[1]:.1f}× the work: {work}"
    # stricter: measured 1,00; each of the two pairwise loops the checks had makes it 1,16–1,25
    assert marginal(work) <= MAX_MARGINAL, f"copies cost more the more there are: {marginal(work):.3f}, {work}"


def test_the_counter_sees_a_pairwise_loop(tmp_path: Path, rules: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The test above can fail: with the count claims filtering every indicator for each claim
    (as they did before issue 16), the copies cost more the more there are."""
    from auditor.checks import arithmetic

    def scan(universe: list[Any], match: dict[str, Any]) -> list[dict[str, Any]]:
        return [it for it in universe if isinstance(it, dict)
                and all(v is None or it.get(k) == v for k, v in match.items())]
    monkeypatch.setattr(arithmetic, "_matching", scan)
    assert marginal(json_work(tmp_path, rules)) > MAX_MARGINAL


class _Text(str):
    """A text that tallies how many characters its `count` and `rfind` calls cover."""

    covered = 0

    def count(self, sub: Any, start: Any = None, end: Any = None) -> int:  # type: ignore[override]
        _Text.covered += (len(self) if end is None else end) - (start or 0)
        return super().count(sub, start, end)

    def rfind(self, sub: Any, start: Any = None, end: Any = None) -> int:  # type: ignore[override]
        _Text.covered += (len(self) if end is None else end) - (start or 0)
        return super().rfind(sub, start, end)


@pytest.mark.parametrize("indent", [None, 1])
def test_positions_of_many_findings_read_the_text_about_once(indent: int | None) -> None:
    """Line and column of every indicator of a 20× report, minified (one line: searching back
    to the line's start from each pointer read the whole text each time) and indented."""
    report = scale_report(json.loads(SCALE_JSON.read_text("utf-8")), SIZE)
    text = json.dumps(report, ensure_ascii=False, indent=indent)
    pointers = [f"/indicators/{i}/name" for i in range(len(report["indicators"]))]
    _, spans = sourcemap.loads_with_spans(text, json.JSONDecoder().scan_once)
    _Text.covered = 0
    found = sourcemap.positions_for(_Text(text), pointers, spans)
    assert found == {p: v for p, v in sourcemap.source_map(text).items() if p in set(pointers)}
    assert len(found) == len(pointers) > 1000
    assert _Text.covered <= 3 * len(text)


# ------------------------------------------------------------------------- the text linker


@contextmanager
def counting_calls(module: Any) -> Iterator[dict[str, int]]:
    """Counts the calls of every function defined in `module` (its calls to each other too:
    they go through the module's globals)."""
    counts: dict[str, int] = {}
    saved = {}
    for name, fn in list(vars(module).items()):
        if inspect.isfunction(fn) and fn.__module__ == module.__name__:
            saved[name] = fn

            def wrap(fn: Callable[..., Any], name: str = name) -> Callable[..., Any]:
                @functools.wraps(fn)
                def counted(*a: Any, **k: Any) -> Any:
                    counts[name] = counts.get(name, 0) + 1
                    return fn(*a, **k)
                return counted
            setattr(module, name, wrap(fn))
    try:
        yield counts
    finally:
        for name, fn in saved.items():
            setattr(module, name, fn)


def _linker_calls(tmp_path: Path) -> dict[int, int]:
    """The text linker's calls while the seed text is read 1× and SIZE× as long."""
    from auditor.extract import links

    seed = SCALE_TEXT.read_text("utf-8")
    work = {}
    for k in (1, SIZE):
        p = tmp_path / f"r{k}.txt"
        p.write_text(scale_text(seed, k), "utf-8")
        with counting_calls(links) as counts:
            pipeline.read_any(str(p))
        work[k] = sum(counts.values())
    return work


def test_text_linker_work_is_linear_in_the_size_of_the_text(tmp_path: Path, rules: Any) -> None:
    work = _linker_calls(tmp_path)
    assert work[1] > 0
    # measured 565 → 12.837 calls (22,7×; the pairwise loop: 261×). Not linear to the copy: the
    # copies' changed words make variants of each label, compared among themselves
    assert work[SIZE] / work[1] <= MAX_RATIO, f"{work[1]} → {work[SIZE]} calls"


def test_the_counter_sees_the_pairwise_linker(tmp_path: Path, rules: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The test above can fail: with the pairwise loop it replaced (kept in the tests as the
    reference), 20× the text costs far more than 25× the linker's calls."""
    from links_reference import reference_groups

    from auditor.extract import links

    def pairwise(cands: list[Any], sections: list[Any]) -> list[tuple[list[int], str]]:
        groups = sorted(reference_groups(cands, sections).items(), key=lambda g: min(g[0]))
        return [(sorted(m), conf) for m, conf in groups]
    monkeypatch.setattr(links, "link_groups", pairwise)
    work = _linker_calls(tmp_path)
    assert work[SIZE] / work[1] > MAX_RATIO, work


# --------------------------------------------------------------------- the cycle collector


@pytest.mark.parametrize("enabled", [True, False])
def test_the_cycle_collector_is_paused_while_rules_run_and_restored(enabled: bool,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Collections during the rules walk the lists that hold a whole report (their CPU time
    grows faster than the report): the engine pauses the collector, and leaves it as it was,
    also when a rule fails."""
    import gc
    from dataclasses import replace

    from auditor import checks
    from auditor.checks import arithmetic
    from auditor.checks.registry import REGISTRY
    from auditor.engine import runner
    from auditor.engine.runner import EngineError, run_rules
    from auditor.read.json_reader import read_report

    seen: list[bool] = []
    real = arithmetic.check_sum

    def spy(a: Any, o: Any) -> Any:
        seen.append(gc.isenabled())
        return real(a, o)

    res = read_report(ROOT / "fixtures" / "seed_000_but_son_2022.json")
    sums = [r for r in load_rules().rules if r.check == "sum"]
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        monkeypatch.setitem(REGISTRY, "sum", replace(checks.kind("sum"), fn=spy))
        monkeypatch.setattr(runner, "_PLANS", {})  # (plans hold the kinds they were made with)
        run_rules(res.report, sums, "r.json", view=res.view)
        assert seen and not any(seen) and gc.isenabled() is enabled

        def boom(a: Any, o: Any) -> Any:
            raise RuntimeError("a bug")
        monkeypatch.setitem(REGISTRY, "sum", replace(REGISTRY["sum"], fn=boom))
        monkeypatch.setattr(runner, "_PLANS", {})
        with pytest.raises(EngineError):
            run_rules(res.report, sums, "r.json", view=res.view)
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_a_file_is_read_and_audited_with_the_collector_paused(rules: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from auditor.read import json_reader

    seen: list[bool] = []
    real = json_reader.validate_data

    def spy(raw: Any, res: Any) -> Any:
        seen.append(gc.isenabled())
        return real(raw, res)
    monkeypatch.setattr(json_reader, "validate_data", spy)
    was = gc.isenabled()
    gc.enable()
    try:
        audit = pipeline.audit_file(str(SCALE_JSON), *rules)
        assert audit.findings and seen == [False] and gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()


@pytest.mark.parametrize("sentence", [
    "Tỷ lệ hộ nghèo năm 2024 còn 1,59%, giảm 1,73% so với cùng kỳ.",
    "Số hộ cận nghèo năm 2023 còn 212 hộ, giảm 35 hộ so với năm trước.",
])
def test_a_change_stated_n_times_gives_n_mentions_not_n_squared(sentence: str,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Each pair of change statements about one subject used to add two candidates, so a subject
    stated n times made n(n − 1) candidates that the linker then compared pairwise (n⁴ work: 316
    repeated lines took 14 s and 24 GB, found by the fuzz harness)."""
    from auditor.extract import extract_bytes, prose

    made: list[str] = []
    real = prose.MentionCand

    def counted(*a: Any, **k: Any) -> Any:
        made.append(k.get("kind", ""))
        return real(*a, **k)

    monkeypatch.setattr(prose, "MentionCand", counted)
    for n in (3, 12):
        made.clear()
        text = "Kết quả công tác năm 2024 của xã Phú An\n\n" + "\n\n".join([sentence] * n) + "\n"
        ex = extract_bytes(text.encode("utf-8"), "t.txt")
        assert ex.report is not None
        assert made.count("change_after") <= n, (n, made.count("change_after"))
        assert len(ex.report.differences) <= n
