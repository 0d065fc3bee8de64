"""What a run's start does with strings instead of `pathlib` (issue 16) answers as `pathlib` did:
`files/paths.py`, the configuration file's discovery, the shipped rule files, the report's path
as opened, and the path shown in outputs. Each is compared with the code it replaced."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.engine import ruleset
from auditor.files import paths
from auditor.output.common import rel_path
from auditor.read.json_reader import _opened_as
from auditor.workflows import config


def _answer(f, p):  # noqa: ANN001, ANN202 - the value or the exception's type and errno
    try:
        return f(p)
    except OSError as e:
        return type(e), e.errno


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "file.txt").write_text("x")
    (tmp_path / "dir").mkdir()
    (tmp_path / "dir" / "inner.json").write_text("{}")
    (tmp_path / "link_file").symlink_to(tmp_path / "file.txt")
    (tmp_path / "link_dir").symlink_to(tmp_path / "dir")
    (tmp_path / "broken").symlink_to(tmp_path / "nowhere")
    (tmp_path / "loop_a").symlink_to(tmp_path / "loop_b")
    (tmp_path / "loop_b").symlink_to(tmp_path / "loop_a")
    os.mkfifo(tmp_path / "fifo")
    return tmp_path


# (paths as pathlib writes them: it drops a final `/` or `.`, which the callers never have)
NAMES = ["file.txt", "dir", "dir/inner.json", "link_file", "link_dir", "broken", "loop_a", "fifo", "missing",
         "file.txt/below", "", ".", "..", "a\x00b"]


@pytest.mark.parametrize("name", NAMES)
def test_is_file_and_is_dir_answer_as_pathlib(tree: Path, name: str) -> None:
    p = str(tree / name) if name else name
    assert _answer(paths.is_file, p) == _answer(lambda x: Path(x).is_file(), p)
    assert _answer(paths.is_dir, p) == _answer(lambda x: Path(x).is_dir(), p)


def _old_discover(start: Path | None = None) -> Path | None:
    """`config.discover` as it was written with pathlib."""
    d = (start or Path.cwd()).resolve()
    for directory in (d, *d.parents):
        for name in config.CONFIG_NAMES:
            p = directory / name
            if not p.is_file():
                continue
            if name == "pyproject.toml" and config._table(p)[0] is None:
                continue
            return p
    return None


@pytest.mark.parametrize("layout", [
    {},
    {"a/audit.toml": "select = ['SUM']\n"},
    {"a/b/pyproject.toml": "[tool.other]\nx = 1\n", "a/.audit.toml": "lang = 'en'\n"},
    {"a/b/pyproject.toml": "[tool.audit]\nlang = 'en'\n", "a/audit.toml": "lang = 'vi'\n"},
    {"a/b/c/audit.toml/keep": "", "a/pyproject.toml": "[project]\nname = 'audit-me'\n"},
])
@pytest.mark.parametrize("where", ["a", "a/b", "a/b/c", "a/link"])
def test_discovery_finds_what_the_pathlib_walk_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     layout: dict[str, str], where: str) -> None:
    (tmp_path / "a" / "b" / "c").mkdir(parents=True)
    (tmp_path / "a" / "link").symlink_to(tmp_path / "a" / "b" / "c")
    for rel, text in layout.items():
        f = tmp_path / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        if text or not rel.endswith("keep"):
            f.write_text(text)
    monkeypatch.chdir(tmp_path / where)
    # (a folder above tmp_path may hold a configuration of its own: both must find the same)
    assert config.discover() == _old_discover()
    assert config.discover(Path(".")) == _old_discover(Path("."))


def test_the_shipped_rule_files_are_those_pathlib_lists() -> None:
    d = ruleset.rules_dir()
    folder, files = ruleset._rule_files(None)
    assert folder == str(d)
    assert files == [str(f) for f in sorted(f for f in d.glob("*.yaml") if f.is_file())]


def _old_rel_path(path: str) -> str:
    """`common.rel_path` as it was written with pathlib."""
    p = path.replace("\\", "/")
    if os.path.isabs(path):
        try:
            rel = os.path.relpath(path)
        except ValueError:
            rel = ""
        if rel and Path(rel).parts[:1] != ("..",):
            p = Path(rel).as_posix()
    while p.startswith("./"):
        p = p[2:]
    return p


_PARTS = st.sampled_from(["a", "b", "..", ".", "", "x.json", "..x", "c\\d", "đ"])


@settings(max_examples=300)
@given(st.lists(_PARTS, max_size=6), st.booleans())
def test_shown_paths_are_those_pathlib_gave(parts: list[str], absolute: bool) -> None:
    path = ("/" if absolute else "") + "/".join(parts)
    assert rel_path(path) == _old_rel_path(path)
    cwd = os.getcwd()
    assert rel_path(cwd + "/" + "/".join(parts)) == _old_rel_path(cwd + "/" + "/".join(parts))


@pytest.mark.parametrize("name", ["dir/inner.json", "dir//inner.json", "./dir/inner.json", "dir/./inner.json",
                                  "dir/inner.json/", "dir/inner.json/.", "file.txt/", "link_dir/inner.json",
                                  "missing.json", "", ".", "dir", "-"])
def test_a_report_path_opens_the_file_pathlib_opened(tree: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.chdir(tree)
    opened = _opened_as(name)
    before = Path(name) if name != "-" else "-"
    assert str(opened) == str(before) or type(opened) is str
    if name == "-":
        assert opened == "-"
        return

    def content(p):  # noqa: ANN001, ANN202
        try:
            fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK)
        except OSError as e:
            return e.errno
        try:
            return os.fstat(fd).st_ino
        finally:
            os.close(fd)
    assert content(opened) == content(before)
