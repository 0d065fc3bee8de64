"""What a run on one report asks of paths, without `pathlib` (issue 16, start-up).

Importing `pathlib` imports `urllib.parse` and `ipaddress`: ~16 M instructions at every start, for
a handful of path operations. The modules a JSON run imports use these instead, and import
`pathlib` inside the functions that need more (globs, a configuration file found …). Each answers
as its `pathlib` counterpart does (a test compares them).
"""

from __future__ import annotations

import errno
import os
import stat

# the errors `Path.is_file` / `Path.is_dir` answer False to (Python 3.11's `pathlib._ignore_error`);
# any other is raised, as there
_IGNORED = (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP)
_IGNORED_WINDOWS = (21, 123, 1921)  # not ready, invalid name, cannot resolve the name


def _mode(path: str) -> int | None:
    try:
        return os.stat(path or ".").st_mode  # (pathlib writes "" as ".")
    except OSError as e:
        if getattr(e, "errno", None) in _IGNORED or getattr(e, "winerror", None) in _IGNORED_WINDOWS:
            return None
        raise
    except ValueError:  # a path the system cannot take (a NUL character …)
        return None


def is_file(path: str) -> bool:
    """`Path(path).is_file()`, for a path as pathlib writes it (no trailing `/` or `.`: pathlib
    would drop them)."""
    mode = _mode(path)
    return mode is not None and stat.S_ISREG(mode)


def is_dir(path: str) -> bool:
    """`Path(path).is_dir()`, for a path as pathlib writes it."""
    mode = _mode(path)
    return mode is not None and stat.S_ISDIR(mode)
