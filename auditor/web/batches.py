"""The batches of one `audit serve` session: what was uploaded, audited, and kept in memory for
the pages and the downloads (the files themselves stay in the server's temporary folder until
it stops)."""

from __future__ import annotations

import datetime as dt
import secrets
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditor.web.uploads import Received, Skipped


@dataclass
class Batch:
    id: str
    created: dt.datetime
    folder: Path
    rr: Any                      # RunResult, with every file's document and passed checks
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def files(self) -> list[Any]:
        return list(self.rr.files)

    def findings_of(self, index: int) -> list[Any]:
        path = self.rr.files[index].path
        return [f for f in self.rr.findings if f.file == path]


class Auditor:
    """Audits uploads with the rules the server was started with (its configuration: the
    severities, parameters and selection of `[tool.audit]`, as `audit check` reads them)."""

    def __init__(self, ruleset: Any, rules: list[Any], fail_on: str) -> None:
        self.ruleset, self.rules, self.fail_on = ruleset, rules, fail_on

    def audit(self, received: Received) -> Any:
        from auditor.workflows.batch import audit_files
        from auditor.workflows.pipeline import combine

        files = [(str(s.path), s.name) for s in received.files]
        # One process: a pool forked from the server's threads is not safe (and uploads are small).
        rr = combine(audit_files(files, self.ruleset, self.rules, jobs=1, keep_passed=True, keep_document=True),
                     self.ruleset, keep_passed=True)
        rr.fail_on = self.fail_on
        return rr


class Batches:
    """Batches by id, newest first; ids are random (a page cannot guess another's)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._items: dict[str, Batch] = {}
        self._lock = threading.Lock()

    def new_folder(self) -> tuple[str, Path]:
        bid = secrets.token_hex(6)
        folder = self.root / bid
        folder.mkdir(parents=True)
        return bid, folder

    def add(self, batch: Batch) -> None:
        with self._lock:
            self._items[batch.id] = batch

    def get(self, bid: str) -> Batch | None:
        return self._items.get(bid)

    def all(self) -> list[Batch]:
        return sorted(self._items.values(), key=lambda b: b.created, reverse=True)
