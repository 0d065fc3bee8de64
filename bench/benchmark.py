#!/usr/bin/env python3
"""Speed and scale of `audit`: start-up, one report, batches of 1.000 and 10.000 reports.

    python bench/benchmark.py                       # everything, default sizes 1000,10000
    python bench/benchmark.py --sizes 1000 --runs 5 # quicker
    python bench/benchmark.py --generate 1000 --out /tmp/reports   # only write reports
    python bench/benchmark.py --documents-only --instructions     # only the document path

Reports are generated from the real seeds (`fixtures/seed_*.json`) and `fixtures/example.json`,
so they have the seeds' size and structure (a few dozen to a few hundred numbers each, 17–87
KB). Each generated report gets another unit, whose name replaces the template's in the text,
its own figures in the text (years, dates and document numbers kept) and one word changed in
each paragraph, so that no two reports share a paragraph (as no two real ones do; the
text-folding caches must not profit from repeated text). In about two reports out of
three it also gets one to three defects: two adjacent digits swapped or one digit changed in an
indicator value, or a total and its parts scaled by a whole factor (consistent) with one part
then changed (inconsistent). About one in two hundred files is damaged JSON, as in a real portal.

Measured, each with the installed `audit` command in a subprocess (what a user or a CI job
runs), with the full rule catalogue:

- start-up: `audit --version`, median of --runs runs;
- one report: `audit REPORT -o /dev/null` for each seed, median wall time (start-up included),
  and for a text PDF made from seed 001 (bench/pdfgen.py);
- the document path: seed 000 as JSON, as text and as .docx, wall time and (--instructions)
  instructions, as ratios to the JSON audit;
- the machine's speed at the start and at the end: CPU time of a fixed Python loop (a shared
  VM's speed drifts by tens of percent within an hour); with --instructions, the instructions
  executed by start-up, by one report, and per report in a batch (valgrind), which do not
  drift at all, and from them how many instructions per second the machine ran in each batch;
- batch: `audit DIR -f concise -o /dev/null` over N generated reports: wall time, reports per
  second, and the peak memory of the process tree (sum of VmRSS of `audit` and its worker
  processes, sampled from /proc every 10 ms) and of the biggest single process.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))  # pdfgen
FIXTURES = ROOT / "fixtures"
TEMPLATES = sorted(FIXTURES.glob("seed_*.json")) + [FIXTURES / "example.json"]
COMMUNES = ["An Bình", "Tân Lập", "Hòa Phú", "Phúc Thịnh", "Đông Sơn", "Quảng Yên", "Nghĩa Hưng",
            "Thạch Bàn", "Xuân Lộc", "Vĩnh Hòa", "Cẩm Thủy", "Long Hải", "Bình Minh", "Hưng Đạo"]


# ------------------------------------------------------------------------------ generation


def _num_text(v: Any) -> str | None:
    if isinstance(v, str):
        return v
    if isinstance(v, dict) and isinstance(v.get("text"), str):
        return v["text"]
    return None


def _set_num(container: Any, key: Any, text: str) -> None:
    v = container[key]
    if isinstance(v, dict):
        v["text"] = text
    else:
        container[key] = text


def _typo(text: str, rng: random.Random) -> str | None:
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    if not digits:
        return None
    pairs = [i for i in digits if i + 1 < len(text) and text[i + 1].isdigit() and text[i] != text[i + 1]]
    if pairs and rng.random() < 0.5:
        i = rng.choice(pairs)
        return text[:i] + text[i + 1] + text[i] + text[i + 2:]
    i = rng.choice(digits[1:] or digits)
    d = rng.choice([c for c in "0123456789" if c != text[i]])
    return text[:i] + d + text[i + 1:]


def _indicator_values(report: dict[str, Any]) -> list[tuple[dict[str, Any], str]]:
    out: list[tuple[dict[str, Any], str]] = []
    stack = list(report.get("indicators") or [])
    while stack:
        it = stack.pop()
        if not isinstance(it, dict):
            continue
        vals = it.get("values") or {}
        out.extend((vals, k) for k, v in vals.items() if _num_text(v) and re.search(r"\d", _num_text(v) or ""))
        stack.extend(it.get("parts") or [])
    return out


def _int_text(text: str) -> int | None:
    t = text.strip()
    return int(t.replace(".", "")) if re.fullmatch(r"\d{1,3}(?:\.\d{3})*", t) else None


def _vn_int(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _scale_total(total: dict[str, Any], k: int) -> bool:
    """Multiply a total and its parts (whole numbers only) by k: still consistent."""
    t = _int_text(_num_text(total.get("total")) or "")
    parts = total.get("parts") or []
    vals = [_int_text(_num_text(p.get("value")) or "") for p in parts]
    if t is None or not parts or any(v is None for v in vals):
        return False
    _set_num(total, "total", _vn_int(t * k))
    for p, v in zip(parts, vals):
        _set_num(p, "value", _vn_int(v * k))  # type: ignore[operator]
        if p.get("amount") is not None:
            p.pop("amount")
    total.pop("total_amount", None)
    return True


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _vary_numbers(text: str, rng: random.Random) -> str:
    """Other figures in a sentence (“đạt 95,3%” → “đạt 91,8%”), in the same notation. Years,
    dates and document numbers (next to “/” or “-”) are kept, so that the text stays as
    consistent as the template's."""
    def new(m: re.Match[str]) -> str:
        t = m.group()
        before, after = text[m.start() - 1:m.start()], text[m.end():m.end() + 1]
        if "/" in (before + after) or "-" in (before + after) or (len(t) == 4 and t[:2] in ("19", "20")):
            return t
        out = [rng.choice("123456789") if k == 0 and len(t) > 1 else rng.choice("0123456789") if ch.isdigit() else ch
               for k, ch in enumerate(t)]
        return "".join(out)
    return _NUMBER.sub(new, text)


def _vary_text(text: str, rng: random.Random, old_name: str, new_name: str) -> str:
    """A paragraph as another unit would write it: its own name, its own figures, and one word
    changed. No two generated reports share a paragraph, as no two real ones do: a benchmark
    must not profit from caches that only repeated text would fill."""
    out = _vary_numbers(text, rng)
    words = out.split(" ")
    # a common word, not one before a capital (“xã Hoàng Kim”: a name and its kind stay)
    spots = [k for k in range(1, len(words)) if words[k].isalpha() and words[k].islower()
             and not (k + 1 < len(words) and words[k + 1][:1].isupper())]
    if spots:
        words[rng.choice(spots)] = rng.choice([w for w in words if w.isalpha() and w.islower()])
        out = " ".join(words)
    if out == text:
        out = f"{text} ({new_name})"
    return out.replace(old_name, new_name) if old_name else out


def _vary_texts(r: dict[str, Any], rng: random.Random, old_name: str, new_name: str) -> None:
    for s in r.get("sections") or []:
        if not isinstance(s, dict):
            continue
        if isinstance(s.get("heading"), str) and old_name:
            s["heading"] = s["heading"].replace(old_name, new_name)
        s["text"] = [_vary_text(t, rng, old_name, new_name) if isinstance(t, str) else t
                     for t in s.get("text") or []]
    meta = r.get("meta") or {}
    for k in ("title", "place"):
        if isinstance(meta.get(k), str) and old_name:
            meta[k] = meta[k].replace(old_name, new_name)


# ------------------------------------------------------------------------- scaled reports

# Fields that name an item or point at one (a section, a table, a rate's base, an indicator's
# group): renamed in each copy, so that a scaled report has distinct ids and each copy's items
# refer to that copy's sections and tables, as in a report that many times as long.
_REF_KEYS = ("id", "section", "table", "base", "group")


def _renamed(v: Any, prefix: str, keys: tuple[str, ...] = _REF_KEYS) -> Any:
    if isinstance(v, list):
        return [_renamed(x, prefix) for x in v]
    if not isinstance(v, dict):
        return v
    return {k: (prefix + x if k in keys and isinstance(x, str) else _renamed(x, prefix))
            for k, x in v.items()}


def _one_word(text: str, rng: random.Random) -> str:
    """The paragraph with one common word replaced by another of its words (numbers kept)."""
    words = text.split(" ")
    spots = [k for k in range(1, len(words)) if words[k].isalpha() and words[k].islower()]
    if not spots:
        return text
    words[rng.choice(spots)] = rng.choice([w for w in words if w.isalpha() and w.islower()])
    return " ".join(words)


def scale_report(template: dict[str, Any], k: int, seed: int = 20261206) -> dict[str, Any]:
    """One report k times as long: every list of items (sections, tables, indicators, totals,
    references …) holds k copies; copy j > 0 has its ids and its references to ids prefixed
    ("x3-p1.I.2", which keeps dotted section ids nested), and one word changed in each of its
    paragraphs so that no cache keyed by text answers for the copies. Meta stays one."""
    rng = random.Random(seed)
    out = copy.deepcopy(template)
    for name, items in template.items():
        if not isinstance(items, list) or name == "meta":
            continue
        keys = (*_REF_KEYS, "key") if name == "facts" else _REF_KEYS  # (a fact's key is its id)
        grown = list(out[name])
        for j in range(1, k):
            for it in items:
                c = _renamed(it, f"x{j}-", keys)
                if name == "sections" and isinstance(c, dict):
                    c["text"] = [_one_word(t, rng) if isinstance(t, str) else t for t in c.get("text") or []]
                grown.append(c)
        out[name] = grown
    return out


_SIGN_OFF = re.compile(r"^\s*Nơi nhận\s*:?", re.MULTILINE)


def scale_text(text: str, k: int, seed: int = 20261206) -> str:
    """A text report k times as long: its body (from the first paragraph after the title, the
    line that follows "BÁO CÁO", to "Nơi nhận") repeated k times, one word changed in each
    paragraph of the copies; the title block and the sign-off stay once."""
    lines = text.split("\n")
    head = next((i for i, line in enumerate(lines) if line.strip().upper() == "BÁO CÁO"), None)
    if head is None:
        raise ValueError("no “BÁO CÁO” title line")
    title = next(i for i in range(head + 1, len(lines)) if lines[i].strip())
    start = len("\n".join(lines[:title + 1])) + 1
    end_m = _SIGN_OFF.search(text, start)
    end = end_m.start() if end_m else len(text)
    body = text[start:end]
    rng = random.Random(seed)
    copies = [body] + ["\n".join(_one_word(line, rng) for line in body.split("\n")) for _ in range(1, k)]
    return text[:start] + "".join(c if c.endswith("\n") else c + "\n" for c in copies) + text[end:]


def make_report(template: dict[str, Any], i: int, rng: random.Random) -> dict[str, Any]:
    r = copy.deepcopy(template)
    name = f"{rng.choice(COMMUNES)} {i:05d}"
    meta = r.setdefault("meta", {})
    unit = meta.setdefault("unit", {})
    old_name = unit.get("name") if isinstance(unit.get("name"), str) else ""
    _vary_texts(r, rng, old_name, name)
    kind = {"xa": "xã", "phuong": "phường", "thi_tran": "thị trấn", "huyen": "huyện"}.get(unit.get("kind"), "xã")
    unit["name"] = name
    meta["issuer"] = f"UBND {kind} {name}"
    defects = rng.choice([0, 0, 1, 1, 2, 3])
    values = _indicator_values(r)
    for _ in range(defects):
        if rng.random() < 0.25 and r.get("totals"):
            total = rng.choice(r["totals"])
            if _scale_total(total, rng.randint(2, 4)) and total["parts"]:
                p = rng.choice(total["parts"])
                new = _typo(_num_text(p["value"]) or "", rng)
                if new:
                    _set_num(p, "value", new)
            continue
        if not values:
            continue
        container, key = rng.choice(values)
        new = _typo(_num_text(container[key]) or "", rng)
        if new:
            _set_num(container, key, new)
    return r


def generate(n: int, out: Path, seed: int = 20261122) -> list[Path]:
    """Write n reports into out/ (100 per folder, like communes grouped by district)."""
    rng = random.Random(seed)
    templates = [json.loads(p.read_text("utf-8")) for p in TEMPLATES]
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        d = out / f"huyen_{i // 100:03d}"
        d.mkdir(exist_ok=True)
        p = d / f"bao_cao_{i:05d}.json"
        text = json.dumps(make_report(templates[i % len(templates)], i, rng), ensure_ascii=False, indent=1)
        if rng.random() < 0.005:  # a damaged upload
            text = text[: rng.randint(10, len(text) // 2)]
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    return paths


# -------------------------------------------------------------------------------- measuring


def audit_cmd() -> list[str]:
    exe = Path(sys.executable).parent / "audit"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("audit")
    return [found] if found else [sys.executable, "-m", "auditor"]


def _children(pid: int) -> list[int]:
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                out.extend(int(x) for x in fh.read().split())
    except OSError:
        pass
    return out


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run_measured(cmd: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run cmd; wall time, exit code, peak RSS of the process tree and of one process (KB)."""
    peak = {"tree": 0, "single": 0}
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            pids, seen = [proc.pid], set()
            while pids:
                p = pids.pop()
                if p in seen:
                    continue
                seen.add(p)
                pids.extend(_children(p))
            rss = [_rss_kb(p) for p in seen]
            peak["tree"] = max(peak["tree"], sum(rss))
            peak["single"] = max(peak["single"], max(rss, default=0))
            stop.wait(0.01)

    th = threading.Thread(target=sample, daemon=True)
    if sys.platform.startswith("linux"):
        th.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    stop.set()
    if th.is_alive():
        th.join()
    stderr = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {"wall": wall, "code": proc.returncode, "tree_kb": peak["tree"], "single_kb": peak["single"],
            "maxrss_kb": usage.ru_maxrss, "cpu": usage.ru_utime + usage.ru_stime, "stderr": stderr}


def median_wall(cmd: list[str], runs: int, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system, the process and its children)."""
    walls, cpus = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        _, _, usage = os.wait4(proc.pid, 0)
        walls.append(time.perf_counter() - t0)
        cpus.append(usage.ru_utime + usage.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def instructions(cmd: list[str], env: dict[str, str]) -> int | None:
    """Instructions executed by `cmd` (valgrind's callgrind, about 50× slower than a real run),
    or None when valgrind is missing or fails. PYTHONHASHSEED is fixed: with it the count
    repeats exactly from run to run."""
    if shutil.which("valgrind") is None:
        return None
    proc = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                          env={**env, "PYTHONHASHSEED": "0"}, check=False)
    found = re.search(r"Collected : (\d+)", proc.stderr)
    return int(found.group(1)) if found else None


BATCH_SMALL, BATCH_LARGE = 10, 60  # per report in a batch: (large − small) / (difference)


def count_instructions(cmd: list[str], env: dict[str, str], fmt: str, tmp: Path) -> dict[str, int | None]:
    """Start-up, one report of each template, and one report in a batch: the difference
    between a batch of 60 and one of 10 generated reports, in one process (`-j 1`), divided by
    50 (start-up and rule loading cancel out; rendering the findings is included)."""
    out: dict[str, int | None] = {"--version": instructions([*cmd, "--version"], env)}
    if out["--version"] is None:
        print("\ninstructions: valgrind not found (apt install valgrind), not counted")
        return out
    for t in TEMPLATES:
        out[t.name] = instructions([*cmd, str(t), "-o", os.devnull], env)
    counts = []
    for n in (BATCH_SMALL, BATCH_LARGE):
        folder = tmp / f"instructions_{n}"
        shutil.rmtree(folder, ignore_errors=True)
        generate(n, folder)
        counts.append(instructions([*cmd, str(folder), "-j", "1", "-f", fmt, "-o", os.devnull], env))
    small, large = counts
    out["batch_per_report"] = (large - small) // (BATCH_LARGE - BATCH_SMALL) if small and large else None
    print()
    for name, n in out.items():
        label = {"--version": "start-up   audit --version",
                 "batch_per_report": f"per report in a batch ({BATCH_LARGE} − {BATCH_SMALL} reports, -j 1)",
                 }.get(name, f"one report {name}")
        unit = f"{n / 1e6:8.1f} M" if name == "batch_per_report" and n else (f"{n / 1e6:8.0f} M" if n else "")
        print(f"{label:<50} {unit} instructions" if n else f"{label:<50} (failed)")
    return out


# ------------------------------------------------------------------------------- start-up


def python_of(cmd: list[str]) -> str:
    """The interpreter that runs `cmd` (the `audit` script's own, from its #! line)."""
    if Path(cmd[0]).name.startswith("python"):
        return cmd[0]
    try:
        first = Path(cmd[0]).read_text("utf-8", "replace").split("\n", 1)[0]
    except OSError:
        return sys.executable
    return first[2:].strip().split()[0] if first.startswith("#!") else sys.executable


def paired(a: list[str], b: list[str], runs: int, env: dict[str, str]) -> dict[str, float]:
    """Wall time of `a` and of `b`, run one after the other `runs` times (so that both see the
    machine in the same state): the medians and the median of the ratios b / a of each pair."""
    ta, tb = [], []
    for _ in range(runs):
        for cmd, acc in ((a, ta), (b, tb)):
            t0 = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
            acc.append(time.perf_counter() - t0)
    return {"a_s": statistics.median(ta), "b_s": statistics.median(tb),
            "ratio": statistics.median(y / x for x, y in zip(ta, tb))}


_IMPORT_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)")


def import_times(cmd: list[str], runs: int, env: dict[str, str]) -> dict[str, Any]:
    """`-X importtime` (PYTHONPROFILEIMPORTTIME) of `cmd`: the median over `runs` runs of each
    top-level package's time (its modules' own times summed: click, auditor, json …), and the
    auditor modules that take longest themselves."""
    by_package: dict[str, list[float]] = {}
    by_module: dict[str, list[float]] = {}
    totals = []
    for _ in range(runs):
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              env={**env, "PYTHONPROFILEIMPORTTIME": "1"}, check=False)
        pkg: dict[str, float] = {}
        total = 0.0
        for m in _IMPORT_LINE.finditer(proc.stderr):
            own, name = int(m.group(1)) / 1000, m.group(4)
            total += own
            pkg[name.split(".")[0]] = pkg.get(name.split(".")[0], 0.0) + own
            if name.startswith("auditor"):
                by_module.setdefault(name, []).append(own)
        for k, v in pkg.items():
            by_package.setdefault(k, []).append(v)
        totals.append(total)
    med = {k: statistics.median(v + [0.0] * (runs - len(v))) for k, v in by_package.items()}
    mods = {k: statistics.median(v + [0.0] * (runs - len(v))) for k, v in by_module.items()}
    return {"total_ms": round(statistics.median(totals), 1),
            "packages_ms": {k: round(v, 1) for k, v in sorted(med.items(), key=lambda kv: -kv[1])},
            "auditor_modules_ms": {k: round(v, 2) for k, v in sorted(mods.items(), key=lambda kv: -kv[1])[:8]}}


def measure_startup(cmd: list[str], runs: int, env: dict[str, str], count: bool) -> dict[str, Any]:
    """One JSON report against a bare `python -c pass` of the same interpreter, pair by pair
    (wall time; with `count`, instructions too), and where the imports' time goes."""
    py = python_of(cmd)
    seed = str(SCALE_JSON)
    one = [*cmd, seed, "-o", os.devnull]
    out: dict[str, Any] = {"python": py}
    p = paired([py, "-c", "pass"], one, runs, env)
    out["pass_s"], out["report_s"], out["ratio"] = round(p["a_s"], 4), round(p["b_s"], 4), round(p["ratio"], 2)
    print(f"\none report against a bare `python -c pass` ({runs} pairs, each run right after the other)\n"
          f"  python -c pass {p['a_s'] * 1000:6.1f} ms · audit {SCALE_JSON.name} {p['b_s'] * 1000:6.1f} ms · "
          f"ratio {p['ratio']:.2f} (median of the pairs' ratios; target ≤ 4)")
    if count:
        bare = instructions([py, "-c", "pass"], env)
        report = instructions(one, env)
        if bare and report:
            out["instructions"] = {"pass": bare, "report": report}
            print(f"  instructions: python -c pass {bare / 1e6:.0f} M · one report {report / 1e6:.0f} M "
                  f"({report / bare:.1f}×)")
    out["resident"] = measure_resident(cmd, one, py, runs, env, count)
    imp = import_times(one, max(3, runs // 2), env)
    out["imports"] = imp
    top = ", ".join(f"{k} {v:.1f}" for k, v in list(imp["packages_ms"].items())[:8])
    mods = ", ".join(f"{k.removeprefix('auditor.')} {v:.1f}" for k, v in imp["auditor_modules_ms"].items())
    print(f"  -X importtime: {imp['total_ms']:.0f} ms of imports (median); by package, ms: {top}\n"
          f"  auditor modules that take longest themselves, ms: {mods}")
    return out


def measure_resident(cmd: list[str], one: list[str], py: str, runs: int, env: dict[str, str],
                     count: bool) -> dict[str, Any]:
    """The same pairs with a resident process (`audit daemon start`, in a folder of its own):
    `audit` then only hands the command over. With `count`, the instructions of the `audit`
    process itself (the resident process's are not counted by valgrind here)."""
    folder = tempfile.mkdtemp(prefix="audit-bench-daemon-")
    denv = {k: v for k, v in env.items() if k != "AUDIT_DAEMON"}
    # the hash seed `instructions` fixes, for the resident process too: a command whose seed differs
    # from the resident process's runs on its own (resident/server.py, `same_interpreter`)
    denv.update(AUDIT_DAEMON_DIR=folder, PYTHONHASHSEED="0")
    out: dict[str, Any] = {}
    started = subprocess.run([*cmd, "daemon", "start"], env=denv, capture_output=True, text=True, check=False)
    if started.returncode != 0:
        print(f"  with a resident process: not measured ({started.stdout.strip()} {started.stderr.strip()})")
        shutil.rmtree(folder, ignore_errors=True)
        return out
    try:
        subprocess.run(one, env=denv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        p = paired([py, "-c", "pass"], one, runs, denv)
        out.update(pass_s=round(p["a_s"], 4), report_s=round(p["b_s"], 4), ratio=round(p["ratio"], 2))
        print(f"  with a resident process (audit daemon start): python -c pass {p['a_s'] * 1000:6.1f} ms · "
              f"audit {p['b_s'] * 1000:6.1f} ms · ratio {p['ratio']:.2f} (target ≤ 4)")
        if count:
            client = instructions(one, denv)
            if client:
                out["client_instructions"] = client
                print(f"  instructions of the `audit` process that hands it over: {client / 1e6:.0f} M")
    finally:
        subprocess.run([*cmd, "daemon", "stop"], env=denv, capture_output=True, check=False)
        shutil.rmtree(folder, ignore_errors=True)
    return out


def measure_documents(cmd: list[str], runs: int, env: dict[str, str], count: bool) -> dict[str, Any]:
    """Seed 000 as its JSON report, as text and as a Word file (`quality.docx_from_text`): median
    wall time of `audit FILE` (start-up included) and, with `count`, instructions; each as a ratio
    to the JSON audit (target for the .docx: ≤ 1,5× in instructions, ≤ 0,5 s wall). Each file is
    audited once first: the caches (rules, registries, compiled patterns) are warm, as on a
    machine that has run `audit` before."""
    from auditor.extract.quality import docx_from_text

    folder = Path(tempfile.mkdtemp(prefix="audit-bench-doc-"))
    try:
        docx = folder / (SCALE_TEXT.stem + ".docx")
        docx.write_bytes(docx_from_text(SCALE_TEXT.read_text("utf-8")))
        files = {"json": SCALE_JSON, "txt": SCALE_TEXT, "docx": docx}
        out: dict[str, Any] = {}
        print(f"\nthe document path against the JSON path (seed {SCALE_TEXT.stem[:3]}, start-up included, "
              f"caches warm; target for the .docx: ≤ 1,5× the JSON audit in instructions, ≤ 0,5 s wall)")
        for kind, path in files.items():
            subprocess.run([*cmd, str(path), "-o", os.devnull], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           check=False, env=env)
            wall, cpu = median_wall([*cmd, str(path), "-o", os.devnull], runs, env)
            row: dict[str, Any] = {"wall_s": round(wall, 4), "cpu_s": round(cpu, 4)}
            if count:
                row["instructions"] = instructions([*cmd, str(path), "-o", os.devnull], env)
            out[kind] = row
        base = out["json"]
        for kind, row in out.items():
            ratio = f" ({row['wall_s'] / base['wall_s']:.2f}× the JSON)" if kind != "json" else ""
            ins = ""
            if row.get("instructions") and base.get("instructions"):
                ins = f" · {row['instructions'] / 1e6:6.0f} M instructions"
                if kind != "json":
                    row["instructions_ratio"] = round(row["instructions"] / base["instructions"], 2)
                    ins += f" ({row['instructions_ratio']:.2f}× the JSON)"
            print(f"  {kind:<5} {files[kind].name:<36} median {row['wall_s'] * 1000:5.0f} ms wall{ratio}, "
                  f"{row['cpu_s'] * 1000:5.0f} ms CPU{ins}")
        return out
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# ------------------------------------------------------------------------- size scaling

SCALE_JSON = FIXTURES / "seed_000_but_son_2022.json"
SCALE_TEXT = FIXTURES / "seeds" / "000_11283473c0855b4c.txt"
# warmed with another report of the same kind first, so that what is measured is the report's
# own work: not the imports, rule loading and lazy compilations of a first report
WARM = {"json": FIXTURES / "example.json", "txt": FIXTURES / "seeds" / "001_3cdedf276bc2b5a6.txt"}

# One report audited in a process that has loaded the rules as `audit` does (cycle collector
# off while loading, what was loaded frozen) and audited another report first: CPU and wall
# time of the report's audit alone (read, rules, findings, positions), "beyond start-up".
# With "-" it audits nothing after the warm-up: valgrind's count of that run is subtracted.
_SCALE_CHILD = """
import gc, json, sys, time
gc.disable()
from auditor.engine.ruleset import load_rules
from auditor.workflows import pipeline
rs = load_rules()
rules = list(rs.rules)
pipeline.audit_file(sys.argv[2], rs, rules)
gc.freeze()
gc.enable()
out = {"cpu": 0.0, "wall": 0.0, "findings": 0}
if sys.argv[1] != "-":
    t0, c0 = time.perf_counter(), time.process_time()
    a = pipeline.audit_file(sys.argv[1], rs, rules)
    out = {"cpu": time.process_time() - c0, "wall": time.perf_counter() - t0, "findings": len(a.findings)}
print(json.dumps(out))
"""


def _scale_child(path: str, kind: str, env: dict[str, str]) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, "-c", _SCALE_CHILD, path, str(WARM[kind])], capture_output=True,
                          text=True, env=env, check=False)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.strip()[-2000:])
    return json.loads(proc.stdout)


def write_scaled(kind: str, k: int, folder: Path) -> Path:
    """The seed k times as long, as JSON (`scale_report`) or as text (`scale_text`)."""
    folder.mkdir(parents=True, exist_ok=True)
    if kind == "json":
        p = folder / f"scaled_{k}x.json"
        p.write_text(json.dumps(scale_report(json.loads(SCALE_JSON.read_text("utf-8")), k),
                                ensure_ascii=False, indent=1), encoding="utf-8")
    else:
        p = folder / f"scaled_{k}x.txt"
        p.write_text(scale_text(SCALE_TEXT.read_text("utf-8"), k), encoding="utf-8")
    return p


def measure_scaling(kind: str, sizes: list[int], env: dict[str, str], tmp: Path,
                    count: bool) -> list[dict[str, Any]]:
    """CPU time (median of 3 runs up to 10×, one run above) and, with `count`, instructions
    (valgrind: the child with the audit minus the child without) of one seed k times as long,
    beyond start-up; per unit of size, and as a ratio to the size before."""
    base = None
    if count:
        base = instructions([sys.executable, "-c", _SCALE_CHILD, "-", str(WARM[kind])], env)
    rows: list[dict[str, Any]] = []
    name = SCALE_JSON.name if kind == "json" else SCALE_TEXT.name
    print(f"\nsize scaling, {name} as {'JSON' if kind == 'json' else 'text'} (beyond start-up: "
          f"after loading the rules and auditing another report)")
    for k in sizes:
        p = write_scaled(kind, k, tmp)
        runs = [_scale_child(str(p), kind, env) for _ in range(3 if k <= 10 else 1)]
        cpu = statistics.median(r["cpu"] for r in runs)
        row: dict[str, Any] = {"kind": kind, "size": k, "kb": p.stat().st_size // 1024, "cpu_s": round(cpu, 4),
                               "cpu_ms_per_unit": round(cpu * 1000 / k, 2), "findings": runs[0]["findings"]}
        if count and base is not None and (kind == "json" or k <= 10):  # (valgrind: ~50× slower)
            n = instructions([sys.executable, "-c", _SCALE_CHILD, str(p), str(WARM[kind])], env)
            row["instructions"] = n - base if n is not None else None
        prev = rows[-1] if rows else None
        ratio = f" · {cpu / prev['cpu_s']:5.1f}× the {prev['size']}× run" if prev and prev["cpu_s"] else ""
        ins = ""
        if row.get("instructions"):
            row["m_instructions_per_unit"] = round(row["instructions"] / k / 1e6, 2)
            ins = f" · {row['instructions'] / 1e6:8.0f} M instr ({row['m_instructions_per_unit']:.1f} M/unit"
            if prev and prev.get("instructions"):
                ins += f", {row['instructions'] / prev['instructions']:.1f}× the {prev['size']}× run"
            ins += ")"
        print(f"  {k:>4}× {row['kb']:>6} KB  CPU {cpu * 1000:8.0f} ms · {row['cpu_ms_per_unit']:7.1f} ms/unit"
              f"{ratio}{ins} · {row['findings']} findings")
        rows.append(row)
    return rows


_REFERENCE = "t = 0\nfor i in range(3_000_000):\n    t += i * i % 7\n"


def reference_ms() -> float:
    """CPU time of a fixed pure-Python loop (median of 5, in-process): the speed of the machine
    at that moment. A shared VM can be 30 % slower one hour than the next; compare figures
    taken at different times by this number, or by instruction counts (--instructions)."""
    code = compile(_REFERENCE, "<reference>", "exec")
    times = []
    for _ in range(5):
        t0 = time.process_time()
        exec(code, {})
        times.append(time.process_time() - t0)
    return statistics.median(times) * 1000


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def machine() -> dict[str, str]:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem = next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal"))
        mem_gib = f"{int(mem) / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration):
        mem_gib = "?"
    return {"nproc": str(os.cpu_count()), "cpu": cpu, "memory": mem_gib,
            "python": platform.python_version(), "os": platform.platform()}


def run_batch(cmd: list[str], folder: Path, fmt: str, extra: list[str], env: dict[str, str], n: int, mb: float,
              gen: float, per_report: int | None, results: dict[str, Any]) -> bool:
    """One batch run in format `fmt`: prints and records its figures; True when audit failed."""
    load = load_average()
    r = run_measured([*cmd, str(folder), "-f", fmt, "-o", os.devnull, *extra], env)
    if r["code"] not in (0, 1):
        print(r["stderr"], file=sys.stderr)
        return True
    rate = n / r["wall"]
    row = {"reports": n, "format": fmt, "megabytes": round(mb, 1), "wall_s": round(r["wall"], 2),
           "reports_per_s": round(rate, 1), "cpu_s": round(r["cpu"], 2),
           "cpu_ms_per_report": round(r["cpu"] / n * 1000, 1), "load_before": load,
           # CPU / wall: below ~1.8 on 2 cores, the machine did not give the run both
           # cores (a shared VM's neighbours)
           "cores_busy": round(r["cpu"] / r["wall"], 2),
           "peak_tree_mb": round(r["tree_kb"] / 1024, 1),
           "peak_single_mb": round(r["single_kb"] / 1024, 1),
           "maxrss_mb": round(r["maxrss_kb"] / 1024, 1)}
    speed = ""
    if per_report and r["cpu"] > 0:
        # How fast this machine ran Python at the time: the same instructions per report
        # take twice the CPU time when a shared VM runs at half speed.
        row["g_instructions_per_cpu_s"] = round(per_report * n / r["cpu"] / 1e9, 2)
        speed = f" · ≈ {row['g_instructions_per_cpu_s']} G instructions per CPU second"
    results["batches"].append(row)
    gen_txt = f" (generated in {gen:.1f} s)" if gen else ""
    print(f"\nbatch {n:>6} reports ({mb:.0f} MB), -f {fmt}{gen_txt}\n"
          f"  wall {r['wall']:.2f} s · {rate:.0f} reports/s · CPU {r['cpu']:.1f} s "
          f"({row['cpu_ms_per_report']} ms/report) · {row['cores_busy']} cores busy · load before {load}\n"
          f"  peak memory {row['peak_tree_mb']} MB (all processes), {row['peak_single_mb']} MB "
          f"(largest process){speed}")
    return False


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000", help="batch sizes, comma separated (default 1000,10000)")
    ap.add_argument("--runs", type=int, default=11, help="runs for the medians (default 11)")
    ap.add_argument("--jobs", type=int, default=None, help="pass -j to audit (default: audit's own)")
    ap.add_argument("--format", default="concise",
                    help="output format(s) of the batch runs, comma separated (default concise; "
                         "json-lines,concise: memory of the streamed formats)")
    ap.add_argument("--out", type=Path, default=None, help="folder for the generated reports (default: temp)")
    ap.add_argument("--generate", type=int, default=None, metavar="N", help="only write N reports to --out")
    ap.add_argument("--skip-single", action="store_true", help="skip start-up and one-report timings")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures to this JSON file")
    ap.add_argument("--instructions", action="store_true",
                    help="also count the CPU instructions of start-up and of one report with valgrind "
                         "(callgrind): unlike times, they do not vary with the load of a shared machine")
    ap.add_argument("--scale", default="1,10,100", metavar="SIZES",
                    help="size scaling: the seed as JSON this many times as long (default 1,10,100; '' to skip)")
    ap.add_argument("--scale-text", default="1,10,100", metavar="SIZES",
                    help="size scaling: the seed as text, its body this many times (default 1,10,100; '' to skip)")
    ap.add_argument("--documents-only", action="store_true",
                    help="only the document path against the JSON path (seed 000 as JSON, .txt and .docx)")
    ap.add_argument("--no-precompile", action="store_true",
                    help="do not compile the package's bytecode first (measures a cold install)")
    args = ap.parse_args()

    if args.generate is not None:
        if args.out is None:
            ap.error("--generate needs --out FOLDER")
        out = args.out
        generate(args.generate, out)
        print(f"wrote {args.generate} reports to {out}")
        return 0

    cmd = audit_cmd()
    results: dict[str, Any] = {"machine": machine(), "command": " ".join(cmd)}
    m = results["machine"]
    print(f"machine: {m['nproc']} cores · {m['cpu']} · {m['memory']} · Python {m['python']}")
    print(f"command: {results['command']}")
    results["reference_ms_before"] = round(reference_ms(), 1)
    print(f"reference loop (machine speed now): {results['reference_ms_before']:.0f} ms CPU")
    env = dict(os.environ)
    env["AUDIT_DAEMON"] = "0"  # every figure is of `audit` alone, except those that say otherwise
    if not args.no_precompile:
        # As after `pip install` (which compiles the bytecode): compile the package once and let
        # Python use it. With PYTHONDONTWRITEBYTECODE=1 and an editable install, every run
        # would compile the auditor's modules again (~0.1 s).
        import compileall

        import auditor

        compileall.compile_dir(str(Path(auditor.__file__).parent), quiet=1)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    results["precompiled"] = not args.no_precompile

    # warm the rule cache and the OS file cache once
    subprocess.run([*cmd, str(TEMPLATES[-1]), "-o", os.devnull], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False, env=env)
    if args.documents_only:
        print(f"load average before: {load_average()}")
        results["documents"] = measure_documents(cmd, args.runs, env, args.instructions)
        print(f"load average after: {load_average()}")
        if args.json:
            args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return 0
    if not args.skip_single:
        print(f"load average before: {load_average()}")
        med, cpu = median_wall([*cmd, "--version"], args.runs, env)
        results["startup_s"] = {"wall": round(med, 4), "cpu": round(cpu, 4)}
        print(f"\nstart-up   audit --version                          median {med * 1000:5.0f} ms wall, "
              f"{cpu * 1000:5.0f} ms CPU  ({args.runs} runs)")
        results["single"] = {}
        for t in TEMPLATES:
            med, cpu = median_wall([*cmd, str(t), "-o", os.devnull], args.runs, env)
            size = t.stat().st_size // 1024
            results["single"][t.name] = {"wall": round(med, 4), "cpu": round(cpu, 4), "kb": size}
            print(f"one report {t.name:<36} {size:3d} KB  median {med * 1000:5.0f} ms wall, {cpu * 1000:5.0f} ms CPU")
        # a text PDF made from a seed (bench/pdfgen.py; needs fpdf2 and the DejaVu fonts)
        try:
            from pdfgen import text_pdf

            pdf_dir = Path(tempfile.mkdtemp(prefix="audit-bench-pdf-"))
            seed_txt = sorted((FIXTURES / "seeds").glob("001_*.txt"))[0]
            pdf = pdf_dir / "seed_001.pdf"
            pdf.write_bytes(text_pdf(seed_txt.read_text("utf-8")))
            import pypdfium2

            pages = len(pypdfium2.PdfDocument(str(pdf)))
            med, cpu = median_wall([*cmd, str(pdf), "-o", os.devnull], args.runs, env)
            results["single"]["seed_001.pdf"] = {"wall": round(med, 4), "cpu": round(cpu, 4), "pages": pages}
            print(f"one report {'seed_001.pdf (text PDF, ' + str(pages) + ' pages)':<36}        median "
                  f"{med * 1000:5.0f} ms wall, {cpu * 1000:5.0f} ms CPU")
            shutil.rmtree(pdf_dir, ignore_errors=True)
        except (ImportError, RuntimeError) as e:
            print(f"one report seed_001.pdf: skipped ({e})")
        results["startup"] = measure_startup(cmd, args.runs, env, args.instructions)
        results["documents"] = measure_documents(cmd, args.runs, env, args.instructions)
    results["batches"] = []
    tmp_root = Path(tempfile.mkdtemp(prefix="audit-bench-")) if args.out is None else args.out
    try:
        if args.instructions:
            results["instructions"] = count_instructions(cmd, env, args.format.split(",")[0], tmp_root)
        results["scaling"] = []
        for kind, sizes in (("json", args.scale), ("txt", args.scale_text)):
            ks = [int(x) for x in sizes.split(",") if x.strip()]
            if ks:
                results["scaling"] += measure_scaling(kind, ks, env, tmp_root / "scaled", args.instructions)
        per_report = (results.get("instructions") or {}).get("batch_per_report")
        for n in [int(x) for x in args.sizes.split(",") if x.strip()]:
            folder = tmp_root / f"batch_{n}"
            if not folder.exists() or sum(1 for _ in folder.rglob("*.json")) != n:
                shutil.rmtree(folder, ignore_errors=True)
                t0 = time.perf_counter()
                generate(n, folder)
                gen = time.perf_counter() - t0
            else:
                gen = 0.0
            mb = sum(p.stat().st_size for p in folder.rglob("*.json")) / 1e6
            extra = ["-j", str(args.jobs)] if args.jobs else []
            for fmt in args.format.split(","):
                if run_batch(cmd, folder, fmt, extra, env, n, mb, gen, per_report, results):
                    return 2
                gen = 0.0
    finally:
        if args.out is None:
            shutil.rmtree(tmp_root, ignore_errors=True)
    results["reference_ms_after"] = round(reference_ms(), 1)
    print(f"\nreference loop (machine speed now): {results['reference_ms_after']:.0f} ms CPU "
          f"(before: {results['reference_ms_before']:.0f} ms)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
