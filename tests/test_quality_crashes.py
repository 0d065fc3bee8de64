"""The quality measure counts a text the reader failed on as a crash, even when the failure was
caught and shown as INP005 (“Không đọc được nội dung tài liệu”): an exception in a new pass must not
pass for a false alarm or go unseen."""

from __future__ import annotations

from pathlib import Path

import pytest

import auditor.extract.build as build_module
from auditor.extract.corpus import measure


def _corpus(tmp_path: Path) -> Path:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "001_a.txt").write_text("BÁO CÁO\nKết quả năm 2024\n\nXã có 120 hộ nghèo.\n", "utf-8")
    (tmp_path / "gold.jsonl").write_text("", "utf-8")
    return tmp_path


def test_a_caught_reader_exception_is_a_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = _corpus(tmp_path)
    assert [t.crashed for t in measure(corpus).texts] == [None]

    def broken(*_a: object, **_k: object) -> None:
        raise NameError("name 'conversion' is not defined")

    monkeypatch.setattr(build_module, "payouts", broken)
    crashed = [t.crashed for t in measure(corpus).texts]
    assert crashed[0] is not None and "NameError" in crashed[0]
