"""Every example of command output in README.md and docs/*.md is what the command prints now
(tests/docexamples.py: fenced `console` blocks starting with `$ audit …`), so the documentation
cannot go stale (issue 14). Timing tables are not examples of this kind."""

from __future__ import annotations

import pytest

from tests.docexamples import ELLIPSIS, ROOT, examples, matches, run

EXAMPLES = examples()


def test_the_readme_and_docs_have_checked_examples() -> None:
    files = {ex.file.name for ex in EXAMPLES}
    assert "README.md" in files
    assert sum(1 for ex in EXAMPLES if ex.file.name == "README.md") >= 5
    for ex in EXAMPLES:
        assert ex.expected and ex.expected[0] != ELLIPSIS, ex.command


def test_readme_is_a_short_user_guide() -> None:
    lines = (ROOT / "README.md").read_text("utf-8").splitlines()
    assert len(lines) <= 260
    text = "\n".join(lines)
    # the two set-up commands, exactly
    assert ("python3 -m venv .venv && . .venv/bin/activate && pip install -e . && audit fixtures/example.json"
            in text)
    assert 'pip install -e ".[test]" && python -m pytest -n 2' in text
    for link in ("docs/architecture.md", "docs/speed.md", "docs/report-format.md", "docs/rules.md",
                 "docs/inputs.md", "docs/web.md", "docs/outputs.md", "docs/configuration.md", "docs/ci.md"):
        assert f"]({link})" in text, link
        assert (ROOT / link).exists(), link


@pytest.mark.parametrize("ex", EXAMPLES, ids=[f"{ex.file.name}:{ex.command}" for ex in EXAMPLES])
def test_example_output_is_current(ex) -> None:
    _, actual = run(ex.args())
    assert matches(ex.expected, actual), (
        f"{ex.file.relative_to(ROOT)}: `{ex.command}` now prints:\n" + "\n".join(actual)
        + "\n(run `python -m tests.docexamples --update` if the change is intended)")


def test_an_ellipsis_matches_any_lines_and_only_there() -> None:
    assert matches(["a", ELLIPSIS, "d"], ["a", "b", "c", "d"])
    assert matches(["a", ELLIPSIS], ["a"])
    assert not matches(["a", "d"], ["a", "b", "d"])
    assert not matches(["a", ELLIPSIS, "e"], ["a", "b", "d"])
