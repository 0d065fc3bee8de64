#!/usr/bin/env python3
"""Fuzz harness (issue 18): generated hostile inputs of every class, checked for what the tool
promises on bad input.

    python bench/fuzz.py --inputs 100000            # the long run (prints the figures)
    python bench/fuzz.py --inputs 2000 --classes docx,rule_folders
    python bench/fuzz.py --replay huge_numbers:1234  # one input again, with its details
    HYPOTHESIS_PROFILE=ci pytest tests/test_fuzz.py  # the short profile, part of the test run

Every input is generated from (class, seed) by a plain `random.Random`, so any failure is
replayed exactly; the test suite drives the same generators with hypothesis. Each input is
audited in this process with the full rule catalogue and rendered in every output format, and
(with --cli-every) a share of them is also audited through the command line in batches, with
json-lines, SARIF and an xlsx summary written at once. An input fails when:

- internal: anything raises (an exception escaping the audit or a renderer), an INT001, or a
  document the reader could not read because of its own exception (INP005 “Could not read the
  document's content (Exception: …)”), or the command line exits 2 on a batch of reports;
- slow: the input takes more than --timeout seconds (10 by default; stopped there);
- altered: a number's text or value in the output differs from the input's with no input finding
  saying why. The oracle is independent of the tool: a reference reading of the documented
  notation (ASCII digits, “.” groups of three, “,” decimals, at most `limits.digits` digits a
  side) or of a JSON number; every number of the report read must keep its text, have the
  reference value (or no value and a NUM00x finding at its pointer), and a `value` given with a
  readable text that differs must be reported (INP008); every finding's evidence must quote
  the number's text and value. In documents, every number's text must occur in the document, and a
  number read after a repair the reader reports (NUM002: “79.31”, “49 ngàn 890”) must have the one
  value that repair gives.

Classes: the nine of the issue (huge_numbers, surrogates, explicit_values, quadratic, altered,
not_files, docx, rule_folders, batch), two general ones (mutation: byte and structure mutations
of real reports; documents: mutated .txt/.md), and linker (one line repeated: the text reader's
linker, quadratic, being made linear under issue 12). The printed figures: inputs tried,
failures by class, peak memory (this process, and the command-line runs), the slowest inputs.
"""

from __future__ import annotations

import argparse
import copy
import io
import json
import os
import random
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

FIXTURES = ROOT / "fixtures"

# ------------------------------------------------------------------------------ JSON building


class Raw(str):
    """A JSON number literal written as is (1e400 is not a float)."""


def dumps(obj: Any) -> str:
    """JSON text of `obj`: Raw literals as written, lone surrogates as \\udXXX escapes."""
    if isinstance(obj, Raw):
        return str(obj)
    if isinstance(obj, str):
        out = json.dumps(obj, ensure_ascii=False)
        return re.sub("[\ud800-\udfff]", lambda m: "\\u%04x" % ord(m.group()), out)
    if obj is True:
        return "true"
    if obj is False:
        return "false"
    if obj is None:
        return "null"
    if isinstance(obj, (int, float)):
        return json.dumps(obj)
    if isinstance(obj, dict):
        return "{" + ", ".join(f"{dumps(k)}: {dumps(v)}" for k, v in obj.items()) + "}"
    if isinstance(obj, (list, tuple)):
        return "[" + ", ".join(dumps(v) for v in obj) + "]"
    raise TypeError(type(obj))


def _load_raw(path: Path) -> Any:
    return json.loads(path.read_text("utf-8"), parse_float=Raw, parse_int=Raw)


_BASES: list[str] = []
_SEED_TEXTS: list[str] = []


def base(r: random.Random) -> Any:
    """A fresh copy of a real report (the example, 18 KB, half of the time; else a seed, 72–91
    KB), numbers kept as written."""
    if not _BASES:
        _BASES.extend(p.read_text("utf-8") for p in [FIXTURES / "example.json", *sorted(FIXTURES.glob("seed_*.json"))])
    text = _BASES[0] if r.random() < 0.5 else r.choice(_BASES[1:])
    return json.loads(text, parse_float=Raw, parse_int=Raw)


def seed_texts() -> list[str]:
    if not _SEED_TEXTS:
        for p in sorted((FIXTURES / "seeds").glob("*.txt")):
            _SEED_TEXTS.append(p.read_text("utf-8"))
        _SEED_TEXTS.append((ROOT / "tests" / "data" / "unseen_phuong_2024.md").read_text("utf-8"))
    return _SEED_TEXTS


NUM_KEYS = {"th", "kh", "ck", "pct_ck", "pct_kh", "remaining", "total", "value", "amount", "share", "total_value",
            "numerator", "denominator", "percent", "result", "minuend", "subtrahend", "stated", "collectives",
            "individuals", "direct_worker_share", "members", "chair", "vice_chairs", "others", "total_amount"}


def _slots(obj: Any, want: Callable[[Any, Any, Any], bool]) -> list[tuple[Any, Any]]:
    """(container, key) of every value of `obj` for which want(container, key, value)."""
    out, stack = [], [obj]
    while stack:
        o = stack.pop()
        items = o.items() if isinstance(o, dict) else enumerate(o) if isinstance(o, list) else ()
        for k, v in items:
            if want(o, k, v):
                out.append((o, k))
            if isinstance(v, (dict, list)):
                stack.append(v)
    return out


def number_slots(obj: Any) -> list[tuple[Any, Any]]:
    return _slots(obj, lambda o, k, v: isinstance(k, str) and k in NUM_KEYS and isinstance(v, (str, dict)))


def string_slots(obj: Any) -> list[tuple[Any, Any]]:
    return _slots(obj, lambda o, k, v: isinstance(v, str) and not isinstance(v, Raw))


# ------------------------------------------------------------------------------ cases


@dataclass
class Case:
    cls: str
    seed: int
    kind: str = "file"  # file | tree | rules | batch
    name: str = "input.json"
    data: bytes = b""
    tree: Callable[[Path], list[str]] | None = None  # builds files below a folder; gives the arguments
    rule_text: str = ""
    parts: list[Case] = field(default_factory=list)
    note: str = ""

    @property
    def size(self) -> int:
        return len(self.data) + len(self.rule_text) + sum(p.size for p in self.parts)


def _json_case(cls: str, seed: int, obj: Any, note: str) -> Case:
    return Case(cls, seed, data=dumps(obj).encode("utf-8"), note=note)


DIGITS = "0123456789"


def _digits(r: random.Random, n: int) -> str:
    return r.choice("123456789") + "".join(r.choices(DIGITS, k=n - 1))


def _vn_number(r: random.Random, int_digits: int, decimals: int) -> str:
    s = _digits(r, int_digits)
    if r.random() < 0.5 and int_digits > 3:
        groups = []
        while len(s) > 3:
            groups.insert(0, s[-3:])
            s = s[:-3]
        s = ".".join([s, *groups])
    if decimals:
        s += "," + "".join(r.choice(DIGITS) for _ in range(decimals))
    return s


def huge_number(r: random.Random) -> Any:
    k = r.random()
    if k < 0.15:
        return Raw(f"{r.choice(['', '-'])}1{r.choice(['e', 'E', 'e+', 'E+'])}{r.choice([40, 99, 100, 400, 999999, 999999999, 10**12])}")
    if k < 0.25:
        return Raw(f"{_digits(r, r.randint(1, 60))}.{_digits(r, r.randint(1, 60))}e-{r.randint(1, 10**6)}")
    if k < 0.4:
        return _digits(r, r.choice([45, 50, 51, 60, 200, 1000, r.randint(1, 20000)]))
    if k < 0.5:
        return "0," + "0" * r.randint(40, 3000) + "1"
    if k < 0.6:
        return _vn_number(r, r.randint(40, 120), r.randint(0, 80))
    if k < 0.7:
        return Raw(_digits(r, r.randint(40, 5000)))
    if k < 0.8:
        return {"text": _digits(r, r.randint(40, 20000)), "value": r.choice([Raw("-0"), "0", Raw("1")])}
    if k < 0.9:
        return r.choice(["1e999999", "1E+999999999", "-1e-999999", "9" * 50, "9" * 51, "-" + "9" * 50])
    return {"text": r.choice(["10", "1.896", "70,2"]), "value": r.choice(["1e999999", Raw("1e400"), Raw("1E+99999")])}


def gen_huge_numbers(r: random.Random, seed: int) -> Case:
    obj = base(r)
    slots = number_slots(obj)
    for o, k in r.sample(slots, min(len(slots), r.randint(1, 6))):
        o[k] = huge_number(r)
    return _json_case("huge_numbers", seed, obj, "huge numbers")


_SURR = ["\ud800", "\udbff", "\udc00", "\udfff", "\ude00\ud83d", "\ud83d", "\ud83d\ude00"]


def gen_surrogates(r: random.Random, seed: int) -> Case:
    obj = base(r)
    slots = string_slots(obj)
    for o, k in r.sample(slots, min(len(slots), r.randint(1, 5))):
        s = o[k]
        at = r.randint(0, len(s))
        o[k] = s[:at] + r.choice(_SURR) + s[at:]
    if r.random() < 0.3:  # in a key
        target = r.choice([obj, obj.get("meta", obj)])
        target[r.choice(_SURR) + "k"] = "x"
    return _json_case("surrogates", seed, obj, "lone surrogates")


def _text_for(r: random.Random) -> str:
    k = r.random()
    if k < 0.4:
        return _vn_number(r, r.randint(1, 9), r.choice([0, 0, 1, 2]))
    if k < 0.55:
        return _digits(r, r.randint(20, 20000))
    if k < 0.7:
        return r.choice(["abc", "3.32", "1,234,567", "", " ", "—", "5%", "1,5 tỷ", "02", "−5", "\\%"])
    if k < 0.85:
        return "".join(r.choice("0123456789.,% -") for _ in range(r.randint(1, 30)))
    return r.choice(["５００", "١٢", "16７", "۳۴", "१२३"])


def _value_for(r: random.Random, text: str) -> Any:
    k = r.random()
    if k < 0.3:
        try:
            from auditor.numeric.notation import parse_vn_number

            return Raw(str(parse_vn_number(text).value))
        except Exception:  # noqa: BLE001
            return Raw("1")
    return r.choice([Raw("700"), "700", Raw("-0"), "nhiều", True, False, None, [1], {"a": 1}, Raw("1e400"),
                     "1e999999", "NaN", "Infinity", Raw("0.5"), "500.0", Raw("1" * r.randint(1, 3000))])


def gen_explicit_values(r: random.Random, seed: int) -> Case:
    obj = base(r)
    slots = number_slots(obj)
    for o, k in r.sample(slots, min(len(slots), r.randint(1, 8))):
        text = _text_for(r)
        num: dict[str, Any] = {"text": text, "value": _value_for(r, text)}
        if r.random() < 0.3:
            num["decimals"] = Raw(str(r.randint(-40, 40)))
        if r.random() < 0.2:
            num["percent"] = r.random() < 0.5
        if r.random() < 0.1:
            num["problem"] = "x"
        o[k] = num
    return _json_case("explicit_values", seed, obj, "explicit values")


_SYLL = ["Hoàng", "Kim", "Phú", "An", "Lộc", "Sơn", "Hòa", "Hoà", "Bình", "Tân", "Đông", "xã", "phường", "Xã"]


def gen_quadratic(r: random.Random, seed: int) -> Case:
    k = r.choice([0, 2, 3, 4, 5])
    obj = base(r)
    if k == 0:  # CMP006 on a hostile name
        n = r.choice([5, 19, 20, 21, 200, r.randint(1, 3000)])
        name = " ".join(r.choice(_SYLL) for _ in range(n))
        obj["meta"]["unit"] = {"name": name, "kind": r.choice(["xa", "phuong", "huyen"])}
        obj["meta"]["title"] = " ".join(["xã"] * r.randint(0, 3000)) + " " + name
        obj["sections"] = [{"heading": "xã " + name, "text": ["xã " * r.randint(0, 2000) + name] * r.randint(1, 5)}]
        return _json_case("quadratic", seed, obj, f"CMP006 name of {n} words")
    if k == 2:  # many unknown keys: findings capped
        n = r.choice([10, 300, 5000, r.randint(1, 20000)])
        obj.update({f"x{i}": i for i in range(n)})
        return _json_case("quadratic", seed, obj, f"{n} unknown keys")
    if k == 3:  # many findings of one rule
        n = r.choice([10, 250, r.randint(1, 2000)])
        obj["totals"] = [{"label": f"T{i}", "unit": "xã", "total": str(r.randint(1, 99)),
                          "parts": [{"label": "a", "value": str(r.randint(1, 50))},
                                    {"label": "b", "value": str(r.randint(1, 50))}]} for i in range(n)]
        return _json_case("quadratic", seed, obj, f"{n} totals")
    if k == 4:  # deep nesting
        depth = r.choice([100, 900, 1000, 5000, r.randint(1, 20000)])
        text = dumps(obj)[:-1] + ', "deep": ' + "[" * depth + "]" * depth + "}"
        return Case("quadratic", seed, data=text.encode(), note=f"nested {depth} deep")
    # long strings and many items
    obj.setdefault("sections", []).append({"heading": "H" * r.randint(1, 300_000), "text": ["thi đua"] * 2000})
    return _json_case("quadratic", seed, obj, "long strings")


def gen_linker(r: random.Random, seed: int) -> Case:
    """The text reader's linker on one line repeated (extract/links.py, quadratic: 357 KB took
    21 s; being made linear under issue 12), at the sizes of real documents and beyond."""
    line = r.choice([x for x in r.choice(seed_texts()).splitlines() if len(x) > 40] or ["Toàn xã có 500 hộ."])
    size = r.choice([2_000, 8_000, 32_000, r.randint(1_000, 64_000)])
    text = "\n".join([line] * max(1, size // (len(line) + 1)))
    return Case("linker", seed, name=r.choice(["r.txt", "r.md"]), data=text.encode("utf-8"),
                note=f"one line repeated, {len(text)} chars")


_RUNON = [
    "có 3 x y z chiếm 1%", "tăng 5%, đạt 7 hộ", "đầu năm 10 hộ, cuối năm 12 hộ, tăng 2 hộ",
    "Xã có 12 dân tộc, dân tộc Kinh chiếm 5%", "từ 5% giảm xuống 3%",
    "ước đạt 120 tỷ đồng, bằng 98% kế hoạch, tăng 5% so với cùng kỳ", "trong đó 3 xã, 2 thị trấn",
    "Tổng số 50 hộ, trong đó 20 hộ nghèo và 30 hộ cận nghèo", "thu 12/15 hộ (80%)",
    "đầu kỳ có 100 người, trong kỳ tăng 5 người, giảm 3 người, cuối kỳ còn 102 người",
    "Sáng ngày 17/01/2024, Hội đồng họp tổng kết năm 2024", "kỷ niệm 90 năm ngày thành lập Đảng",
]


def gen_runon(r: random.Random, seed: int) -> Case:
    """One paragraph of thousands of numbers and no (or few) sentence breaks: report phrases, or a
    seed text's lines with their full stops made commas, joined into one run-on sentence. Every
    look back to a clause's or a sentence's start used to cost the paragraph's length per number
    (a 72 KB run-on took 95 s)."""
    # mostly a few KB, one in 25 of 64 KB (where the old code took minutes): a long run spends its
    # time on every class, not on these (`--classes runon` tries the big ones at will)
    size = 64_000 if r.random() < 0.04 else r.randint(500, 8_000)
    if r.random() < 0.5:
        pool = [x for x in r.choice(seed_texts()).splitlines() if x.strip()] or ["Toàn xã có 500 hộ."]
        pool = [x.replace(". ", ", ").rstrip(".") for x in pool]
    else:
        pool = _RUNON
    sep = r.choice([", ", " và ", "; ", ", "])
    parts, n = [], 0
    while n < size:
        x = r.choice(pool)
        if r.random() < 0.02:
            x += "."  # now and then a sentence ends
        parts.append(x)
        n += len(x) + len(sep)
    text = sep.join(parts)
    return Case("runon", seed, name=r.choice(["r.txt", "r.md"]), data=text.encode("utf-8"),
                note=f"one run-on paragraph, {len(text)} chars")


_SCRIPTS = [0xFF10, 0x0660, 0x06F0, 0x0966, 0x09E6, 0x0E50, 0x1040, 0x1D7CE, 0x0AE6]


def _foreign(r: random.Random, s: str) -> str:
    base = r.choice(_SCRIPTS)
    return "".join(chr(base + int(c)) if c in DIGITS and r.random() < 0.6 else c for c in s)


def gen_altered(r: random.Random, seed: int) -> Case:
    obj = base(r)
    k = r.randrange(3)
    if k == 0:  # digits of other scripts
        for o, key in r.sample(number_slots(obj), min(len(number_slots(obj)), r.randint(1, 6))):
            v = o[key]
            text = v.get("text") if isinstance(v, dict) else v
            if isinstance(text, str):
                new = _foreign(r, text)
                if isinstance(v, dict):
                    v["text"] = new
                else:
                    o[key] = new
        return _json_case("altered", seed, obj, "non-ASCII digits")
    if k == 1:  # a conflict between text and value
        for o, key in r.sample(number_slots(obj), min(len(number_slots(obj)), r.randint(1, 4))):
            v = o[key]
            text = v.get("text") if isinstance(v, dict) else v
            if isinstance(text, str):
                o[key] = {"text": text, "value": Raw(str(r.randint(0, 10**6)))}
        return _json_case("altered", seed, obj, "text and value")
    # duplicate keys, written in the text
    text = dumps(obj)
    keys = [m for m in re.finditer(r'"([a-z_]+)": ', text)]
    for m in r.sample(keys, min(len(keys), r.randint(1, 3))):
        close = _object_end(text, m.start())
        if close is None:
            continue
        dup = f', "{m.group(1)}": {r.choice(["[]", "null", "{}", "1", dumps("x"), dumps("2.000")])}'
        text = text[:close] + dup + text[close:]
    return Case("altered", seed, data=text.encode("utf-8"), note="duplicate keys")


def _object_end(text: str, at: int) -> int | None:
    """Where the object holding the member at `at` closes (a tiny scanner: strings skipped)."""
    depth, i, n = 0, at, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            i += 1
            while i < n and text[i] != '"':
                i += 2 if text[i] == "\\" else 1
        elif c in "{[":
            depth += 1
        elif c in "}]":
            if depth == 0:
                return i
            depth -= 1
        i += 1
    return None


def gen_not_files(r: random.Random, seed: int) -> Case:
    variant = r.randrange(7)
    report = dumps(base(r)).encode("utf-8")

    def build(d: Path) -> list[str]:
        (d / "ok.json").write_bytes(report)
        (d / "sub").mkdir()
        (d / "sub" / "b.json").write_bytes(report)
        if variant == 0 and hasattr(os, "mkfifo"):
            os.mkfifo(d / "fifo.json")
            return [str(d / "fifo.json")] if r.random() < 0.5 else [str(d)]
        if variant == 1:
            (d / "x.json").mkdir()
            return [str(d / "x.json")] if r.random() < 0.5 else [str(d / "*.json")]
        if variant == 2:
            os.symlink(d, d / "loop")
            os.symlink(d / "sub", d / "sub" / "self")
            return [r.choice([str(d), str(d / "**" / "*.json"), str(d / "**"), str(d / "loop" / "**" / "*")])]
        if variant == 3:
            os.symlink(d / "nowhere.json", d / "broken.json")
            os.symlink(d / "ok.json", d / "again.json")
            return [str(d), str(d / "ok.json"), str(d / "again.json")]
        if variant == 4:
            os.symlink("/dev/null", d / "null.json")
            return [r.choice([str(d), str(d / "null.json")])]
        if variant == 5:
            s = socket.socket(socket.AF_UNIX)
            try:
                s.bind(str(d / "sock.json"))
            except OSError:
                pass
            finally:
                s.close()
            return [str(d)]
        (d / "README.md").write_text("# Notes\n\n" + "This folder holds the reports of 2023. " * 20, "utf-8")
        (d / "ghi_chu.txt").write_text("Ghi chú: gọi điện cho xã An Phú.\n", "utf-8")
        return [str(d)]
    return Case("not_files", seed, kind="tree", tree=build, note=f"file system variant {variant}")


def base_docx() -> bytes:
    """A .docx with a seed's text (paragraphs; tab-separated lines as a table), made once."""
    global _DOCX
    if _DOCX is None:
        import docx

        d = docx.Document()
        rows: list[list[str]] = []
        for line in seed_texts()[0].splitlines()[:400]:
            if "\t" in line:
                rows.append(line.split("\t"))
                continue
            if rows:
                t = d.add_table(rows=len(rows), cols=max(len(x) for x in rows))
                for i, row in enumerate(rows):
                    for j, cell in enumerate(row):
                        t.cell(i, j).text = cell
                rows = []
            if line.strip():
                d.add_paragraph(line)
        buf = io.BytesIO()
        d.save(buf)
        _DOCX = _rezip(buf.getvalue(), lambda n, c: c)  # (fixed dates)
    return _DOCX


_DOCX: bytes | None = None
_W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _rezip(data: bytes, change: Callable[[str, bytes], bytes | None], extra: dict[str, bytes] | None = None,
           names: Callable[[str], str] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            content = change(info.filename, zin.read(info.filename))
            if content is not None:
                zout.writestr(_entry(names(info.filename) if names else info.filename), content)
        for name, content in (extra or {}).items():
            zout.writestr(_entry(name), content)
    return out.getvalue()


def _entry(name: str) -> zipfile.ZipInfo:
    """A member with a fixed date: the same seed gives the same bytes."""
    info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def gen_docx(r: random.Random, seed: int) -> Case:
    base = base_docx()
    k = r.randrange(10)
    if k == 0:  # a ratio bomb in any member (fontTable.xml too)
        member = r.choice(["word/document.xml", "word/fontTable.xml", "word/styles.xml", "word/extra.xml"])
        mb = r.choice([1.5, 3, 8])
        bomb = b"<w:x " + _W + b">" + b"0" * int(mb * 1024 * 1024) + b"</w:x>"
        data = _rezip(base, lambda n, c: bomb if n == member else c,
                      extra=None if member != "word/extra.xml" else {member: bomb})
        note = f"{mb} MB of zeros in {member}"
    elif k == 1:  # XXE
        data = _rezip(base, lambda n, c: (b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                                          + c.split(b"?>", 1)[-1].replace(b"<w:t>", b"<w:t>&x;", 1))
                      if n == "word/document.xml" else c)
        note = "XXE"
    elif k == 2:  # billion laughs
        ents = '<!ENTITY a "aaaaaaaaaa">' + "".join(
            f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(r.randint(3, 9)))
        last = chr(97 + ents.count("<!ENTITY") - 1)
        data = _rezip(base, lambda n, c: (f'<?xml version="1.0"?><!DOCTYPE w [{ents}]>'.encode()
                                          + c.split(b"?>", 1)[-1].replace(b"<w:t>", f"<w:t>&{last};".encode(), 1))
                      if n == "word/document.xml" else c)
        note = "billion laughs"
    elif k == 3:  # path traversal names
        data = _rezip(base, lambda n, c: c, extra={"../../../tmp/fuzz_evil.txt": b"x", "/abs_fuzz_evil": b"y",
                                                    "word/../../evil.xml": b"<x/>"})
        note = "path traversal"
    elif k == 4:  # truncated
        data = base[:r.randint(0, len(base) - 1)]
        note = "truncated"
    elif k == 5:  # flipped bytes
        b = bytearray(base)
        for _ in range(r.randint(1, 50)):
            b[r.randrange(len(b))] = r.randrange(256)
        data = bytes(b)
        note = "flipped bytes"
    elif k == 6:  # many members
        n = r.choice([100, 5000, 12000])
        data = _rezip(base, lambda n_, c: c, extra={f"x/{i}.xml": b"" for i in range(n)})
        note = f"{n} extra members"
    elif k == 7:  # garbage or deep XML in the body
        depth = r.randint(10, 100_000)
        junk = r.choice([
            b"<w:document " + _W + b"><w:body>" + b"<w:p>" * depth + b"</w:p>" * depth + b"</w:body></w:document>",
            bytes(r.randrange(256) for _ in range(r.randint(1, 5000))),
            b"<w:document " + _W + b"><w:body><w:tbl>" + b"<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"" +
            str(r.choice([0, -1, 10**9, 63])).encode() + b"\"/></w:tcPr><w:p/></w:tc></w:tr>" * 5
            + b"</w:tbl></w:body></w:document>",
        ])
        data = _rezip(base, lambda n, c: junk if n == "word/document.xml" else c)
        note = "garbage XML"
    elif k == 8:  # a member lying about its size (declared smaller)
        b = bytearray(base)
        at = b.rfind(b"PK\x01\x02")
        if at >= 0:
            b[at + 24:at + 28] = r.randint(0, 100).to_bytes(4, "little")
        data = bytes(b)
        note = "declared size lie"
    else:  # digits of other scripts and huge numbers in the text
        data = _rezip(base, lambda n, c: re.sub(rb"<w:t>(\d+)", lambda m: b"<w:t>" + _foreign(
            r, m.group(1).decode()).encode() if r.random() < 0.3 else m.group(0), c) if n == "word/document.xml" else c)
        note = "foreign digits"
    return Case("docx", seed, name="r.docx", data=data, note=note)


RULE = """version: "1"
rules:
  - id: FUZ001
    family: sum
    title: {vi: "t", en: "t"}
    severity: error
    scope: "SCOPE"
    check: sum
    params: PARAMS
    message: {vi: "MESSAGE", en: "m {label}"}
    rationale: {vi: "r", en: "r"}
    examples:
      - expect: pass
        report: {totals: [{label: "X", total: "3", parts: [{label: "a", value: "3"}]}]}
      - expect: fail
        report: {totals: [{label: "X", total: "4", parts: [{label: "a", value: "3"}]}]}
"""


def gen_rule_folders(r: random.Random, seed: int) -> Case:
    scope, params, message, extra = "totals[*]", '{total: total, parts: "parts[*].value"}', "{label}", ""
    k = r.randrange(10)
    if k == 0:
        scope = "totals" + " | [@,@][]" * r.randint(1, 40)
    elif k == 1:
        scope = "totals" + "[*]" * r.randint(1, 800)
    elif k == 2:
        params = '{total: total, parts: "parts[*].value", assert: "' + "-" * r.randint(1, 1200) + '1"}'
    elif k == 3:
        message = r.choice(["{label:>1000000000}", "{label.__class__.__mro__}", "{label[0]}", "{0}", "{}", "{label!r}",
                            "{label:{width}}", "{label:>" + str(r.randint(1, 400)) + "}", "{", "}", "{{x}}",
                            "{label:.5}", "{label:=^30}"])
    elif k == 4:
        n = r.randint(1, 9)
        extra = "a0: &a0 [1, 2]\n" + "".join(f"a{i}: &a{i} [{', '.join(f'*a{i - 1}' for _ in range(9))}]\n"
                                              for i in range(1, n))
        params = "{total: total, parts: *a%d}" % (n - 1)
    elif k == 5:
        depth = r.randint(1, 6000)
        params = "{total: total, parts: " + "[" * depth + "]" * depth + "}"
    elif k == 6:
        params = '{total: total, parts: "parts[*].value", assert: "a\\0b"}'
    elif k == 7:
        scope = r.choice(["join(',', totals[*].label)", "to_string(@)", "length(totals)", "sort_by(totals, &label)",
                          "totals[?label=='X'] | [0]", "max_by(totals, &label)", "@.@.@"])
    elif k == 8:
        params = '{total: total, parts: "' + "parts" + "[*]" * r.randint(1, 200) + '.value"}'
    else:
        params = '{total: total, parts: "parts[*].value", assert: "' + " + ".join(
            "x" for _ in range(r.randint(1, 120))) + '"}'
    text = extra + RULE.replace("SCOPE", scope).replace("PARAMS", params).replace("MESSAGE", message)
    return Case("rule_folders", seed, kind="rules", rule_text=text, note=f"rule variant {k}")


def gen_mutation(r: random.Random, seed: int) -> Case:
    obj = base(r)
    if r.random() < 0.5:  # structure: replace subtrees with odd values
        slots = _slots(obj, lambda o, k, v: True)
        odd = [None, True, 0, Raw("-0"), Raw("1e5"), "", [], {}, [[[]]], {"text": None}, "\x00", "\u202e", "a" * 10000,
               Raw("123456789012345678901234567890"), [1, "2", None], {"$ptr": "/x", "$fact": 1}]
        for o, k in r.sample(slots, min(len(slots), r.randint(1, 10))):
            o[k] = copy.deepcopy(r.choice(odd))
        return _json_case("mutation", seed, obj, "structure")
    b = bytearray(dumps(obj).encode("utf-8"))
    for _ in range(r.randint(1, 20)):
        op, at = r.randrange(4), r.randrange(max(1, len(b)))
        if op == 0:
            b[at] = r.randrange(256)
        elif op == 1:
            del b[at:at + r.randint(1, 50)]
        elif op == 2:
            b[at:at] = bytes(r.randrange(256) for _ in range(r.randint(1, 10)))
        else:
            j = r.randrange(max(1, len(b)))
            b[at:at] = b[j:j + r.randint(1, 200)]
    return Case("mutation", seed, data=bytes(b), note="bytes")


def gen_documents(r: random.Random, seed: int) -> Case:
    lines = r.choice(seed_texts()).splitlines()
    if r.random() < 0.8:  # a part of a report (the whole of one half as often as a part)
        start = r.randrange(len(lines))
        lines = lines[:8] + lines[start:start + r.randint(20, 150)]
    for _ in range(r.randint(0, 30)):
        i = r.randrange(max(1, len(lines)))
        op = r.randrange(7)
        if not lines:
            break
        if op == 0:
            del lines[i]
        elif op == 1:
            lines.insert(i, lines[r.randrange(len(lines))])
        elif op == 2:
            lines[i] = re.sub(r"\d", lambda m: str(r.randrange(10)), lines[i], count=1)
        elif op == 3:
            lines[i] = _foreign(r, lines[i])
        elif op == 4:
            big = huge_number(r)
            lines[i] = f"{lines[i]} {big if isinstance(big, str) else big.get('text', '') if isinstance(big, dict) else ''}"
        elif op == 5:
            lines[i] = "".join(chr(r.randrange(0x20, 0x2FFF)) for _ in range(r.randint(1, 200)))
        else:  # (a line repeated many times is the linker's class)
            lines[i] = lines[i] * r.randint(1, 8)
    text = "\n".join(lines)
    data = text.encode("utf-8")
    if r.random() < 0.1:
        data = r.choice([b"\xef\xbb\xbf", b"", b"\x00"]) + data.replace(b"\n", r.choice([b"\r\n", b"\n"]))
    if r.random() < 0.05:
        data = text.encode("utf-16")
    return Case("documents", seed, name=r.choice(["r.txt", "r.md"]), data=data, note="mutated document")


def gen_batch(r: random.Random, seed: int) -> Case:
    kinds = ["huge_numbers", "surrogates", "explicit_values", "altered", "mutation", "documents", "docx"]
    parts = []
    for i in range(r.randint(2, 5)):
        c = GENERATORS[r.choice(kinds)](random.Random(seed * 31 + i), seed * 31 + i)
        parts.append(c)
    return Case("batch", seed, kind="batch", parts=parts, note=f"{len(parts)} files")


GENERATORS: dict[str, Callable[[random.Random, int], Case]] = {
    "huge_numbers": gen_huge_numbers, "surrogates": gen_surrogates, "explicit_values": gen_explicit_values,
    "quadratic": gen_quadratic, "altered": gen_altered, "not_files": gen_not_files, "docx": gen_docx,
    "rule_folders": gen_rule_folders, "batch": gen_batch, "mutation": gen_mutation, "documents": gen_documents,
    "linker": gen_linker, "runon": gen_runon,
}
CLASSES = list(GENERATORS)


def make(cls: str, seed: int) -> Case:
    return GENERATORS[cls](random.Random(f"{cls}:{seed}"), seed)


# ------------------------------------------------------------------------------ the oracle


def reference_value(text: str, digits: int) -> Decimal | None:
    """The documented notation, read independently of auditor.numeric.notation: None when the
    text is not a number the notation allows (or is beyond the digit limit)."""
    s = text.strip()
    for ch in "\u00a0\u202f\u2009":
        s = s.replace(ch, " ")
    if s.endswith("\\%"):
        s = s[:-2].rstrip()
    elif s.endswith("%"):
        s = s[:-1].rstrip()
    sign = ""
    if s[:1] in ("-", "\u2212", "\u2013"):
        sign, s = "-", s[1:].lstrip()
    elif s[:1] == "+":
        s = s[1:].lstrip()
    a = "[0-9]"
    if re.fullmatch(f"{a}+", s):
        num = s
    elif re.fullmatch(f"{a}{{1,3}}(?:\\.{a}{{3}})+(?:,{a}+)?", s) or re.fullmatch(f"{a}{{1,3}}(?: {a}{{3}})+(?:,{a}+)?", s):
        whole, _, frac = s.partition(",")
        num = whole.replace(".", "").replace(" ", "") + ("." + frac if frac else "")
    elif re.fullmatch(f"{a}+,{a}+", s):
        num = s.replace(",", ".")
    else:
        return None
    return _within(Decimal(sign + num), digits)


def reference_repaired(text: str, digits: int) -> Decimal | None:
    """The one reading of an off-standard form that a document reader may take when it reports
    it (NUM002): a decimal dot (“79.31”), a space after the decimal comma (“1.076, 31”), thousands
    written as a word (“49 ngàn 890”, “6,5 ngàn”); None for anything else."""
    s = re.sub(r"\s+", " ", text.strip())
    pct = s.endswith("%")
    s = s[:-1].rstrip() if pct else s
    m = re.fullmatch(r"([0-9]{1,3}) (?:ngàn|nghìn) ([0-9]{3})", s, re.I)
    if m:
        return reference_value(f"{m[1]}.{m[2]}", digits)
    m = re.fullmatch(r"([0-9]+(?:,[0-9]+)?) (?:ngàn|nghìn)", s, re.I)
    if m:
        v = reference_value(m[1], digits)
        return None if v is None else v * 1000
    if re.fullmatch(r"[0-9]+\.(?:[0-9]{1,2}|[0-9]{4,})", s):
        return reference_value(s.replace(".", ","), digits)
    if re.fullmatch(r"[0-9]{1,3}(?:\.[0-9]{3})+, [0-9]{1,3}", s):
        return reference_value(s.replace(", ", ","), digits)
    return None


def reference_dot_decimal(text: str, digits: int) -> Decimal | None:
    """A number written with a decimal dot the documents' rule NUM002 reads (a dot not followed by
    exactly three digits cannot group thousands): its value, or None."""
    s = text.strip().removesuffix("%").rstrip()
    m = re.fullmatch(r"([+\-]?)([0-9]+)\.([0-9]{1,2}|[0-9]{4,})", s)
    return _within(Decimal(m.group(1) + m.group(2) + "." + m.group(3)), digits) if m else None


def reference_json(text: str, digits: int) -> Decimal | None:
    try:
        v = Decimal(text)
    except (InvalidOperation, ValueError):
        return None
    return _within(v, digits) if v.is_finite() else None


def _within(v: Decimal, digits: int) -> Decimal | None:
    whole = v.adjusted() + 1 if v else 1
    frac = max(-v.as_tuple().exponent, 0)
    return v if whole <= digits and frac <= digits else None


class Failure(Exception):
    pass


def check_numbers(raw_text: str, res: Any, findings: list[Any]) -> list[str]:
    """Silent alterations of a JSON report: see the module's docstring."""
    from auditor.model.numinput import JsonNumberText
    from auditor.numeric import limits
    from auditor.read.json_reader import _nums

    if res.report is None:
        return []
    digits = limits.current().digits
    raw = json.loads(raw_text.lstrip("\ufeff"), parse_float=JsonNumberText, parse_int=JsonNumberText)
    at: dict[tuple[str, str], list[Any]] = defaultdict(list)
    # grouped findings (one defect, one finding) are reported too, nested in their primary
    findings = [g for f in findings for g in (f, *(getattr(f, "consequences", None) or []))]
    for f in findings:
        at[(f.rule_id, f.pointer)].append(f)
    problems = []
    nums = dict(_nums(res.report, ""))
    for ptr, num in nums.items():
        given = _resolve(raw, ptr)
        if given is _MISSING:
            problems.append(f"{ptr}: a number the input does not have")
            continue
        value_given: Any = _MISSING
        if isinstance(given, dict):
            value_given = given.get("value", _MISSING)
            text_in = given.get("text")
        else:
            text_in = given
        if not isinstance(text_in, str):
            problems.append(f"{ptr}: input text {text_in!r} not a string")
            continue
        if num.text != str(text_in):
            problems.append(f"{ptr}: text {str(text_in)[:40]!r} became {num.text[:40]!r}")
            continue
        ref = reference_json(text_in, digits) if isinstance(text_in, JsonNumberText) else reference_value(text_in, digits)
        num_findings = [r for r in ("NUM001", "NUM002", "NUM003", "NUM004") if (r, ptr) in at]
        if isinstance(given, dict) and given.get("problem"):
            continue  # a problem written in the input: the number is not read, on purpose
        if ref is None:
            if num.value is not None:
                problems.append(f"{ptr}: {str(text_in)[:40]!r} read as {num.value} (not the documented notation)")
            elif not num_findings:
                problems.append(f"{ptr}: {str(text_in)[:40]!r} unread without a NUM finding")
            continue
        if num.value is None:
            if not num_findings:
                problems.append(f"{ptr}: {str(text_in)[:40]!r} lost its value {ref} without a finding")
            continue
        if num.value != ref:
            problems.append(f"{ptr}: {str(text_in)[:40]!r} read as {num.value}, not {ref}")
            continue
        if value_given is not _MISSING and value_given is not None and _differs(value_given, ref) \
                and ("INP008", ptr) not in at:
            problems.append(f"{ptr}: value {str(value_given)[:40]!r} given with {str(text_in)[:40]!r} not reported")
    for f in findings:
        for e in f.evidence:
            n = nums.get(e.pointer or "")
            if n is None or e.role == "mention":
                continue
            if e.text != n.text.strip() or (n.value is not None and e.value is not None and Decimal(e.value) != n.value):
                problems.append(f"{f.rule_id} evidence {e.pointer}: {e.text[:30]!r}={e.value} for {n.text[:30]!r}")
    return problems


_MISSING = object()


def _differs(given: Any, ref: Decimal) -> bool:
    if isinstance(given, bool) or not isinstance(given, (str, int)):
        return True
    try:
        return Decimal(str(given).strip()) != ref
    except (InvalidOperation, ValueError):
        return True


def _resolve(raw: Any, ptr: str) -> Any:
    node = raw
    for token in ptr.split("/")[1:]:
        key = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and key in node:
            node = node[key]
        elif isinstance(node, list) and key.isdigit() and int(key) < len(node):
            node = node[int(key)]
        else:
            return _MISSING
    return node


def check_document_numbers(text: str | None, res: Any) -> list[str]:
    from auditor.numeric import limits
    from auditor.read.json_reader import _nums

    if res.report is None:
        return []
    digits = limits.current().digits
    problems = []
    flagged = {p.pointer for p in res.problems if p.rule_id.startswith("NUM")}
    repaired = {(p.text or "").strip() for p in res.problems if p.rule_id == "NUM002"}
    noted = bool(repaired)
    for ptr, num in _nums(res.report, ""):
        if text is not None and num.text.strip() not in text:
            problems.append(f"{ptr}: {num.text[:40]!r} is not in the document")
        ref = reference_value(num.text, digits)
        if ref is None and num.text.strip() in repaired:  # a reported repair: its one reading
            ref = reference_repaired(num.text, digits)
            if ref is None:
                ref = reference_dot_decimal(num.text, digits)
            # no value at all is no alteration: the repair's finding quotes the number (beyond the
            # digit limit the reader keeps the text and gives no value)
            if num.value != ref:
                problems.append(f"{ptr}: {num.text[:40]!r} repaired as {num.value}, not {ref}")
            continue
        if ref is None and noted:
            # a decimal dot the reader reads, and reports (NUM002) once for a whole table of them
            # (“63379.00”): the value the dot decimal stands for
            ref = reference_dot_decimal(num.text, digits)
        if ref is None and num.value is not None:
            problems.append(f"{ptr}: {num.text[:40]!r} read as {num.value} (not the documented notation)")
        elif ref is not None and num.value is not None and num.value != ref:
            problems.append(f"{ptr}: {num.text[:40]!r} read as {num.value}, not {ref}")
        elif ref is not None and num.value is None and ptr not in flagged:
            problems.append(f"{ptr}: {num.text[:40]!r} lost its value without a finding")
    return problems


# ------------------------------------------------------------------------------ running


class Timeout(BaseException):
    """Raised by the alarm when an input takes too long (a BaseException: nothing catches it)."""


def _alarm(signum: int, frame: Any) -> None:
    raise Timeout


# Time is judged in CPU seconds (the machine may be shared: a busy neighbour must not make an
# input "slow"); a wall-clock limit ten times longer catches an input that waits for ever.
HANG_FACTOR = 10


@dataclass
class Outcome:
    cls: str
    seed: int
    seconds: float
    size: int
    failures: list[tuple[str, str]]
    note: str = ""
    files: list[Path] = field(default_factory=list)  # files kept for the command-line batches
    wall: float = 0.0


_STATE: dict[str, Any] = {}


def _ruleset() -> tuple[Any, list[Any]]:
    if "rules" not in _STATE:
        from auditor.engine.ruleset import load_rules

        rs = load_rules()
        _STATE["rules"] = (rs, list(rs.rules))
    return _STATE["rules"]


def _render_all(rr: Any, formats: list[str]) -> None:
    from auditor.output import RENDERERS
    from auditor.output.summary import write_summary
    from auditor.output.write import printable

    for fmt in formats:
        printable(RENDERERS[fmt](rr, "vi"))
    if len(formats) > 2 or not formats:  # every format: the xlsx summary too (written to a scratch file)
        scratch = Path(tempfile.mkdtemp())
        try:
            write_summary(rr, str(scratch / "s.xlsx"), "vi")
        finally:
            shutil.rmtree(scratch, ignore_errors=True)


def _internal_findings(findings: list[Any]) -> list[str]:
    out = []
    for f in findings:
        if f.rule_id == "INT001":
            out.append(f.message.en[:300])
        elif f.rule_id == "INP005" and f.message.en.startswith("Could not read the document's content ("):
            out.append("reader: " + f.message.en[:300])
    return out


def run_case(case: Case, work: Path, timeout: float = 10.0, formats: list[str] | None = None) -> Outcome:
    """Audit one generated input (in this process) and check it; never raises but Timeout."""
    from auditor.output import FORMATS

    formats = formats if formats is not None else list(FORMATS)
    failures: list[tuple[str, str]] = []
    d = Path(tempfile.mkdtemp(dir=work))
    kept: list[Path] = []
    old = signal.signal(signal.SIGALRM, _alarm)
    old_prof = signal.signal(signal.SIGPROF, _alarm)
    signal.setitimer(signal.ITIMER_PROF, timeout)
    signal.setitimer(signal.ITIMER_REAL, timeout * HANG_FACTOR)
    t0, c0 = time.perf_counter(), time.process_time()
    try:
        if case.kind == "file":
            kept = _run_file(case, d, failures, formats)
        elif case.kind == "batch":
            kept = _run_batch(case, d, failures, formats)
        elif case.kind == "tree":
            _run_tree(case, d, failures)
        else:
            _run_rules(case, d, failures)
    except Timeout:
        failures.append(("slow", f"stopped after {timeout} s of CPU ({time.perf_counter() - t0:.0f} s wall)"))
    except Exception as e:  # noqa: BLE001 - that is what we look for
        failures.append(("internal", f"{type(e).__name__}: {e}"[:300] + " | " + _where(e)))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGALRM, old)
        signal.signal(signal.SIGPROF, old_prof)
    cpu = time.process_time() - c0
    if cpu > timeout and not any(k == "slow" for k, _ in failures):
        failures.append(("slow", f"{cpu:.1f} s of CPU"))
    if not kept:
        shutil.rmtree(d, ignore_errors=True)
    return Outcome(case.cls, case.seed, cpu, case.size, failures, case.note, kept, time.perf_counter() - t0)


def _where(e: BaseException) -> str:
    frames = [f for f in traceback.extract_tb(e.__traceback__) if "/auditor/" in f.filename]
    return f"{frames[-1].filename.split('/auditor/')[-1]}:{frames[-1].lineno}" if frames else ""


def _run_file(case: Case, d: Path, failures: list[tuple[str, str]], formats: list[str]) -> list[Path]:
    from auditor.read.json_reader import parse_report_bytes
    from auditor.workflows.pipeline import audit_read, combine, read_any

    rs, rules = _ruleset()
    p = d / case.name
    p.write_bytes(case.data)
    res = read_any(str(p))
    a = audit_read(res, rs, rules, case.name)
    failures.extend(("internal", m) for m in _internal_findings(a.findings))
    rr = combine([a], rs)
    _render_all(rr, formats)
    if case.name.endswith(".json"):
        try:
            text = case.data.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        if text is not None and res.report is not None:
            failures.extend(("altered", m) for m in check_numbers(text, res, a.findings))
        # the same bytes through the bytes reader: the same problems (one input in ten)
        again = parse_report_bytes(case.data) if case.seed % 10 == 0 else res
        if [q.rule_id for q in again.problems] != [q.rule_id for q in res.problems]:
            failures.append(("internal", "read_report and parse_report_bytes disagree"))
    elif res.report is not None:
        try:
            doc_text = case.data.decode("utf-8") if not case.name.endswith(".docx") else None
        except UnicodeDecodeError:
            doc_text = None
        failures.extend(("altered", m) for m in check_document_numbers(doc_text, res))
    return [p]


def _run_batch(case: Case, d: Path, failures: list[tuple[str, str]], formats: list[str]) -> list[Path]:
    from auditor.workflows.batch import audit_paths, collect_files

    rs, rules = _ruleset()
    for i, part in enumerate(case.parts):
        if part.kind == "file":
            (d / f"{i:02d}_{part.name}").write_bytes(part.data)
    (d / "README.md").write_text("# Reports\n\nThe reports of the communes, as sent. " * 20, "utf-8")
    files = collect_files([str(d)])
    rr = audit_paths([str(d)], rs, rules, jobs=1, keep_passed=True, files=files)
    if len(rr.files) != len(files):
        failures.append(("internal", f"{len(files)} files collected, {len(rr.files)} in the result"))
    failures.extend(("internal", m) for m in _internal_findings(rr.findings))
    _render_all(rr, formats)
    return sorted(x for x in d.iterdir() if x.name != "README.md")


def _run_tree(case: Case, d: Path, failures: list[tuple[str, str]]) -> None:
    from auditor.errors import UsageError
    from auditor.workflows.batch import audit_files, collect_files

    assert case.tree is not None
    args = case.tree(d)
    rs, rules = _ruleset()
    try:
        files = collect_files(args)
    except UsageError:
        return  # a usage error (exit 2) that says so: what is asked for
    keys = [os.path.realpath(p) for p, _ in files]
    if len(set(keys)) != len(keys):
        failures.append(("internal", "a file collected twice"))
    for a in audit_files(files, rs, rules, jobs=1):
        failures.extend(("internal", m) for m in _internal_findings(a.findings))


def _run_rules(case: Case, d: Path, failures: list[tuple[str, str]]) -> None:
    from auditor.engine.ruleset import RuleError, load_rule_file, load_rules
    from auditor.workflows.pipeline import audit_file

    p = d / "rules" / "fuzz.yaml"
    p.parent.mkdir()
    p.write_text(case.rule_text, "utf-8")
    try:
        load_rule_file(p)
    except RuleError as e:
        if str(p) not in str(e):
            failures.append(("internal", f"rule error without the file: {e}"[:300]))
        return
    rs = load_rules(str(p.parent))
    a = audit_file(str(FIXTURES / "example.json"), rs, list(rs.rules))
    failures.extend(("internal", m) for m in _internal_findings(a.findings))


# ------------------------------------------------------------------------------ the command line


def run_cli_batch(folder: Path, out: Path, timeout: float) -> tuple[list[tuple[str, str]], float, int]:
    """`audit FOLDER` with json-lines, SARIF and an xlsx summary at once: exit 0 or 1, and the
    three outputs complete and consistent."""
    n_files = sum(1 for x in folder.iterdir() if x.is_file())
    jl, sarif, xlsx = out / "o.jsonl", out / "o.sarif", out / "s.xlsx"
    cmd = [sys.executable, "-m", "auditor", str(folder), "--isolated", "-f", "json-lines", "-o", str(jl),
           "--sarif-output", str(sarif), "--summary", str(xlsx), "-j", "2"]
    t0 = time.perf_counter()
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=out,
                           env={**os.environ, "PYTHONPATH": str(ROOT)})
    except subprocess.TimeoutExpired:
        return [("slow", f"command line over {timeout} s on {n_files} files")], timeout, n_files
    secs = time.perf_counter() - t0
    fails: list[tuple[str, str]] = []
    if r.returncode not in (0, 1) or "Traceback" in r.stderr:
        fails.append(("internal", f"exit {r.returncode}: {r.stderr[-400:]}"))
        return fails, secs, n_files
    try:
        # JSON Lines are separated by "\n" only: a finding's text may hold U+2028 or U+0085,
        # which str.splitlines() would also split on
        lines = [json.loads(x) for x in jl.read_text("utf-8").split("\n") if x]
        results = json.loads(sarif.read_text("utf-8"))["runs"][0]["results"]
        import pandas as pd

        rows = len(pd.read_excel(xlsx, sheet_name=0))
    except Exception as e:  # noqa: BLE001
        fails.append(("internal", f"outputs unreadable: {type(e).__name__}: {e}"[:300]))
        return fails, secs, n_files
    if len(lines) != len(results):
        fails.append(("internal", f"json-lines has {len(lines)} findings, SARIF {len(results)}"))
    if rows != n_files:
        fails.append(("internal", f"{n_files} files, {rows} summary rows"))
    if any(x["rule_id"] == "INT001" for x in lines):
        fails.append(("internal", "INT001 in the command-line run"))
    return fails, secs, n_files


# ------------------------------------------------------------------------------ the long run


def _rss_peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--inputs", type=int, default=2000, help="inputs to generate (default 2000)")
    ap.add_argument("--seed", type=int, default=0, help="first seed (default 0)")
    ap.add_argument("--classes", default=",".join(CLASSES), help="classes, comma separated (default: all)")
    ap.add_argument("--timeout", type=float, default=10.0,
                    help="CPU seconds an input may take (default 10; ten times that in wall-clock time)")
    ap.add_argument("--cli-every", type=int, default=3, help="send one file input in N through the command line "
                    "too, in batches (0: none; default 3)")
    ap.add_argument("--cli-batch", type=int, default=500, help="files per command-line batch (default 500)")
    ap.add_argument("--formats-every", type=int, default=10,
                    help="render every output format for one input in N, the json and full formats for the others")
    ap.add_argument("--save-failures", type=Path, default=None, help="folder to copy failing inputs to")
    ap.add_argument("--replay", default=None, metavar="CLASS:SEED", help="run one input and print its details")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures to this JSON file")
    ap.add_argument("--jobs", type=int, default=1,
                    help="worker processes (default 1); each takes every N-th input of the same sequence")
    ap.add_argument("--minutes", type=float, default=None,
                    help="stop starting inputs after this many minutes (the figures say how many ran)")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="auditor-fuzz-"))
    try:
        if args.replay:
            cls, seed = args.replay.split(":")
            case = make(cls, int(seed))
            o = run_case(case, work, args.timeout)
            print(f"{cls}:{seed} {case.note} ({case.size} bytes): {o.seconds:.3f} s")
            for kind, msg in o.failures:
                print(f"  {kind}: {msg}")
            return 1 if o.failures else 0
        return _long_run(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _long_run(args: Any, work: Path) -> int:
    """The run: in this process, or (--jobs N) in N forked workers that take every N-th round of
    the same sequence, so a run tries the same inputs whatever N is; the figures are merged."""
    _ruleset()  # loaded before forking: the workers share it
    base_docx()
    jobs = max(1, args.jobs)
    if jobs == 1:
        figures = _worker(args, work, 0, 1)
    else:
        import multiprocessing

        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(jobs) as pool:
            parts = pool.starmap(_worker, [(args, work / f"w{k}", k, jobs) for k in range(jobs)])
        figures = _merge(parts)
    figures["jobs"] = jobs
    print(_report(figures))
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return 1 if figures["failures"] else 0


def _merge(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """One run's figures from its workers': counts added, the slowest five of all, the peak
    memory of the largest process (each worker audits its inputs in its own process)."""
    tried: Counter[str] = Counter()
    fails: dict[str, Counter[str]] = defaultdict(Counter)
    examples: dict[str, str] = {}
    for f in parts:
        tried.update(f["by_class"])
        for c, kinds in f["failures"].items():
            fails[c].update(kinds)
        for k, v in f["examples"].items():
            examples.setdefault(k, v)
    top = max(parts, key=lambda f: f["peak_rss_mb"])
    return {
        "inputs": sum(f["inputs"] for f in parts), "asked": parts[0]["asked"], "first_seed": parts[0]["first_seed"],
        "by_class": dict(tried), "seconds": max(f["seconds"] for f in parts),
        "failures": {c: dict(k) for c, k in fails.items()},
        "peak_rss_mb": top["peak_rss_mb"], "peak_rss_input": top["peak_rss_input"],
        "cli": {"runs": sum(f["cli"]["runs"] for f in parts), "inputs": sum(f["cli"]["inputs"] for f in parts),
                "seconds": round(sum(f["cli"]["seconds"] for f in parts), 1),
                "peak_rss_mb": max(f["cli"]["peak_rss_mb"] for f in parts)},
        "slowest": sorted((s for f in parts for s in f["slowest"]), key=lambda s: -s["seconds"])[:5],
        "examples": examples,
    }


def _worker(args: Any, work: Path, k: int, jobs: int) -> dict[str, Any]:
    """Rounds k, k + jobs, k + 2·jobs … of the run (a round: one input of each class); the
    figures of this worker."""
    from auditor.output import FORMATS

    work.mkdir(parents=True, exist_ok=True)
    classes = [c for c in args.classes.split(",") if c]
    tried: Counter[str] = Counter()
    fails: dict[str, Counter[str]] = defaultdict(Counter)
    examples: dict[tuple[str, str], str] = {}
    slowest: list[tuple[float, str, int, int, str]] = []
    cli_dir = work / "cli"
    cli_dir.mkdir()
    cli_files = cli_runs = cli_inputs = 0
    cli_secs = 0.0
    t_start = time.perf_counter()
    hwm_case = ("", 0, 0.0)
    deadline = t_start + args.minutes * 60 if args.minutes else None
    # whole rounds of the classes go to each worker in turn, so every worker runs every class
    mine = [i for i in range(args.inputs) if (i // len(classes)) % jobs == k]
    last = mine[-1] if mine else -1
    for i in mine:
        if deadline is not None and time.perf_counter() > deadline:
            print(f"time budget of {args.minutes} minutes reached at input {i} of {args.inputs}"
                  + (f" (worker {k + 1} of {jobs})" if jobs > 1 else ""),
                  file=sys.stderr, flush=True)
            if cli_files:  # the inputs already copied for the command line still go through it
                out = work / f"cli-out-{cli_runs}"
                out.mkdir()
                f2, secs, n = run_cli_batch(cli_dir, out, timeout=max(600.0, n_timeout(cli_files, args.timeout)))
                cli_runs, cli_inputs, cli_secs = cli_runs + 1, cli_inputs + n, cli_secs + secs
                for kind, msg in f2:
                    fails["cli"][kind] += 1
                    examples.setdefault(("cli", kind), f"batch {cli_runs}: {msg}")
            break
        cls = classes[i % len(classes)]
        seed = args.seed + i // len(classes)
        case = make(cls, seed)
        before = _rss_peak_mb()
        formats = list(FORMATS) if args.formats_every and i % args.formats_every == 0 else ["json", "full"]
        o = run_case(case, work, args.timeout, formats)
        after = _rss_peak_mb()
        if after > before:
            hwm_case = (f"{cls}:{seed} ({case.note})", case.size, after)
        tried[cls] += 1
        slowest.append((o.seconds, cls, seed, case.size, f"{case.note}; {o.wall:.1f} s wall"))
        slowest = sorted(slowest, reverse=True)[:5]
        for kind, msg in o.failures:
            fails[cls][kind] += 1
            examples.setdefault((cls, kind), f"{cls}:{seed} {case.note}: {msg}")
        if o.failures and args.save_failures:
            _save(args.save_failures, case)
        for f in o.files:
            if args.cli_every and (i // len(classes)) % args.cli_every == 0:
                cli_files += 1
                shutil.copy(f, cli_dir / f"{i:07d}_{f.name}")
        for folder in {f.parent for f in o.files}:
            shutil.rmtree(folder, ignore_errors=True)
        if cli_files >= args.cli_batch or (i == last and cli_files):
            out = work / f"cli-out-{cli_runs}"
            out.mkdir()
            f2, secs, n = run_cli_batch(cli_dir, out, timeout=max(600.0, n_timeout(cli_files, args.timeout)))
            cli_runs, cli_inputs, cli_secs = cli_runs + 1, cli_inputs + n, cli_secs + secs
            for kind, msg in f2:
                fails["cli"][kind] += 1
                examples.setdefault(("cli", kind), f"batch {cli_runs}: {msg}")
                if args.save_failures:
                    shutil.copytree(cli_dir, args.save_failures / f"cli-batch-{cli_runs}", dirs_exist_ok=True)
            shutil.rmtree(cli_dir)
            shutil.rmtree(out)
            cli_dir.mkdir()
            cli_files = 0
        done = sum(tried.values())
        if done % 1000 == 0:
            el = time.perf_counter() - t_start
            who = f" (worker {k + 1} of {jobs})" if jobs > 1 else ""
            print(f"… {done} inputs{who}, {el:.0f} s, failures {sum(sum(c.values()) for c in fails.values())}",
                  file=sys.stderr, flush=True)
    total = time.perf_counter() - t_start
    figures = {
        "inputs": sum(tried.values()), "asked": args.inputs, "first_seed": args.seed,
        "by_class": dict(tried), "seconds": round(total, 1),
        "failures": {c: dict(k) for c, k in fails.items()},
        "peak_rss_mb": round(_rss_peak_mb(), 1), "peak_rss_input": hwm_case[0],
        "cli": {"runs": cli_runs, "inputs": cli_inputs, "seconds": round(cli_secs, 1),
                "peak_rss_mb": round(_rss_peak_mb(resource.RUSAGE_CHILDREN), 1)},
        "slowest": [{"seconds": round(s, 3), "input": f"{c}:{sd}", "bytes": n, "what": note}
                    for s, c, sd, n, note in slowest],
        "examples": {f"{c}/{kind}": v for (c, kind), v in examples.items()},
    }
    return figures


def n_timeout(n: int, per: float) -> float:
    return n * per


def _save(folder: Path, case: Case) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{case.cls}-{case.seed}"
    if case.kind == "file":
        (folder / f"{name}-{case.name}").write_bytes(case.data)
    elif case.kind == "rules":
        (folder / f"{name}.yaml").write_text(case.rule_text, "utf-8")
    elif case.kind == "batch":
        for i, p in enumerate(case.parts):
            if p.kind == "file":
                (folder / f"{name}-{i}-{p.name}").write_bytes(p.data)


def _report(f: dict[str, Any]) -> str:
    jobs = f.get("jobs", 1)
    lines = [f"inputs tried: {f['inputs']} in {f['seconds']} s ({f['inputs'] / max(f['seconds'], 1e-9):.1f}/s)"
             + (f", {jobs} worker processes" if jobs > 1 else ""),
             "  by class: " + ", ".join(f"{c} {n}" for c, n in f["by_class"].items())]
    if f["failures"]:
        lines.append("failures by class:")
        for c, kinds in f["failures"].items():
            lines.append(f"  {c}: " + ", ".join(f"{k} {n}" for k, n in kinds.items()))
        lines.append("first example of each:")
        lines += [f"  {k}: {v}" for k, v in f["examples"].items()]
    else:
        lines.append("failures: 0 internal errors, 0 inputs over the time limit, 0 silent alterations")
    lines.append(f"peak memory: {f['peak_rss_mb']} MB in the largest process (raised last by {f['peak_rss_input']}); "
                 f"command-line runs {f['cli']['peak_rss_mb']} MB")
    lines.append(f"command line: {f['cli']['inputs']} inputs in {f['cli']['runs']} batches, {f['cli']['seconds']} s")
    lines.append("slowest inputs (CPU seconds):")
    lines += [f"  {s['seconds']} s  {s['input']}  {s['bytes']} bytes  {s['what']}" for s in f["slowest"]]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
