#!/usr/bin/env python3
"""Recompute every arithmetic row of gold.jsonl and compare with its verdict.

Usage:  python3 gold_calc.py [--verbose]
Exit status 0 when every arithmetic row's stored verdict equals the recomputed
one, every quote occurs verbatim in its text file, and every row of an
arithmetic kind carries a "calc" spec; 1 otherwise.

Conventions (see GOLD.md):
* Numbers are given as written. Vietnamese format: "." groups thousands,
  "," is the decimal separator. Any other reading must be given explicitly as
  an operand object {"w": written, "v": "<python decimal>", "d": decimals}.
* A value written with d decimals stands for the interval [x-0.5*10^-d,
  x+0.5*10^-d]. Operands listed in "exact" (or all operands when
  "exact": true) are exact counts (households, people, letters, units).
* Qualifiers on operands: "hon"/"tren" (more than X) -> [X, X+1 unit of the
  last written digit]; "gan" (almost X) -> [X-1 unit, X]; "khoang" (about X)
  -> [X-1 unit, X+1 unit]; "lo"/"hi" give explicit bounds.
* Verdict: "pass" if the interval of the computed expression meets the
  interval of the stated value; "I" if the stated value equals the
  computed value truncated (not rounded) to the stated number of decimals;
  otherwise "E", or the row's calc["fail"] ("W" for relations whose failure
  is a warning by policy, e.g. a hidden base or an approximate word).

calc ops: sum (parts vs total; "partial": parts <= total), le (a <= b),
rate (num/den*100 vs stated), growth ((new/old-1)*100), diff (a-b),
product (a*b*scale, e.g. ha * ta/ha * 0.1 = tonnes), eq (same value twice;
I when b is the truncation of a), hidden_base / hidden_num (an integer
denominator / numerator reproduces the stated rate), base_overlap (bases
implied by several count=pct pairs overlap), implied_plan_sum (sum of
part/pct equals total/pct), delta_pct (change d and new value x give
d/(x-d)*100), weekday (printed weekday of a date).
"""
import json
import os
import sys
from decimal import ROUND_DOWN, Decimal, getcontext

getcontext().prec = 50
HERE = os.path.dirname(os.path.abspath(__file__))
ARITH_KINDS = {"sum", "shares", "rate", "pct_plan", "growth"}


# ---------------------------------------------------------------- numbers
def parse_written(w):
    """Parse a Vietnamese-formatted number string -> (Decimal value, decimals)."""
    s = w.strip().replace("\u00a0", "").replace(" ", "")
    s = s.lstrip("+")
    neg = s.startswith("-")
    s = s.lstrip("-")
    if "," in s:
        intpart, dec = s.split(",", 1)
        intpart = intpart.replace(".", "")
        v = Decimal(intpart + "." + dec) if dec else Decimal(intpart)
        d = len(dec)
    else:
        parts = s.split(".")
        if len(parts) > 1 and all(len(p) == 3 for p in parts[1:]):
            v = Decimal("".join(parts))
            d = 0
        elif len(parts) == 1:
            v = Decimal(s)
            d = 0
        else:
            raise ValueError("ambiguous number %r: give an explicit operand" % w)
    return (-v if neg else v), d


def operand(o, exact=False):
    """Return (lo, hi, mid, decimals) for an operand spec."""
    if isinstance(o, dict):
        if "v" in o:
            v = Decimal(o["v"])
            d = int(o.get("d", 0))
        else:
            v, d = parse_written(o["w"])
        ex = o.get("exact", exact)
        unit = Decimal(1).scaleb(-d)
        q = o.get("q")
        if "lo" in o or "hi" in o:
            lo = Decimal(o.get("lo", v))
            hi = Decimal(o.get("hi", v))
        elif q in ("hon", "tren"):
            lo, hi = v, v + unit
        elif q == "gan":
            lo, hi = v - unit, v
        elif q == "khoang":
            lo, hi = v - unit, v + unit
        elif ex:
            lo = hi = v
        else:
            lo, hi = v - unit / 2, v + unit / 2
        return lo, hi, v, d
    v, d = parse_written(o)
    if exact:
        return v, v, v, d
    unit = Decimal(1).scaleb(-d)
    return v - unit / 2, v + unit / 2, v, d


def iadd(a, b):
    return (a[0] + b[0], a[1] + b[1])


def isub(a, b):
    return (a[0] - b[1], a[1] - b[0])


def imul(a, b):
    c = [a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1]]
    return (min(c), max(c))


def idiv(a, b):
    if b[0] <= 0 <= b[1]:
        raise ZeroDivisionError("interval divisor contains 0")
    return imul(a, (1 / b[1], 1 / b[0]))


def trunc(x, d):
    q = Decimal(1).scaleb(-d)
    return x.quantize(q, rounding=ROUND_DOWN) if x >= 0 else -((-x).quantize(q, rounding=ROUND_DOWN))


# ---------------------------------------------------------------- evaluation
def _ex(calc, key):
    e = calc.get("exact", False)
    if e is True:
        return True
    if isinstance(e, list):
        return key in e
    return False


def evaluate(calc):
    """Return (verdict, text) for one calc spec."""
    op = calc["op"]
    fail = calc.get("fail", "E")

    def opnd(key, val=None):
        return operand(calc[key] if val is None else val, _ex(calc, key))

    def compare(expr_iv, expr_mid, stated_key="stated", sign=1):
        st = calc[stated_key]
        lo, hi, v, d = operand(st, _ex(calc, stated_key))
        if sign < 0:
            lo, hi, v = -hi, -lo, -v
        ok = not (expr_iv[1] < lo or expr_iv[0] > hi)
        txt = "computed %s (interval %s..%s) vs stated %s" % (
            fmt(expr_mid), fmt(expr_iv[0]), fmt(expr_iv[1]), fmt(v))
        if ok:
            return "pass", txt
        qualified = isinstance(st, dict) and (st.get("q") or "lo" in st or "hi" in st)
        if not qualified and trunc(expr_mid, d) == v:
            return "I", txt + "; stated = truncation of %s to %d dp, not its rounding" % (fmt(expr_mid), d)
        return fail, txt

    if op == "sum":
        ex = _ex(calc, "parts")
        parts = [operand(p, ex) for p in calc["parts"]]
        iv = (sum(p[0] for p in parts), sum(p[1] for p in parts))
        mid = sum(p[2] for p in parts)
        if calc.get("partial"):
            t = opnd("total")
            ok = iv[0] <= t[1]
            return ("pass" if ok else fail,
                    "sum of listed parts %s (min %s) <= total %s" % (fmt(mid), fmt(iv[0]), fmt(t[2])))
        return compare(iv, mid, "total")
    if op == "le":
        a, b = opnd("a"), opnd("b")
        ok = a[0] <= b[1]
        return ("pass" if ok else fail, "%s <= %s" % (fmt(a[2]), fmt(b[2])))
    if op == "rate":
        a, b = opnd("num"), opnd("den")
        scale = Decimal(calc.get("scale", "100"))
        iv = imul(idiv((a[0], a[1]), (b[0], b[1])), (scale, scale))
        mid = a[2] / b[2] * scale
        return compare(iv, mid)
    if op == "growth":
        a, b = opnd("new"), opnd("old")
        iv = imul(isub(idiv((a[0], a[1]), (b[0], b[1])), (1, 1)), (100, 100))
        mid = (a[2] / b[2] - 1) * 100
        return compare(iv, mid, sign=calc.get("sign", 1))
    if op == "diff":
        a, b = opnd("a"), opnd("b")
        iv = isub((a[0], a[1]), (b[0], b[1]))
        mid = a[2] - b[2]
        return compare(iv, mid)
    if op == "product":
        a, b = opnd("a"), opnd("b")
        s = Decimal(calc.get("scale", "1"))
        iv = imul(imul((a[0], a[1]), (b[0], b[1])), (s, s))
        mid = a[2] * b[2] * s
        return compare(iv, mid)
    if op == "eq":
        a, b = opnd("a"), opnd("b")
        ok = not (a[1] < b[0] or a[0] > b[1])
        txt = "%s vs %s" % (fmt(a[2]), fmt(b[2]))
        if ok:
            return "pass", txt
        bq = isinstance(calc["b"], dict) and (calc["b"].get("q") or "lo" in calc["b"])
        if not bq and trunc(a[2], b[3]) == b[2]:
            return "I", txt + "; %s is the truncation of %s" % (fmt(b[2]), fmt(a[2]))
        return fail, txt
    if op == "implied_plan_sum":
        # sum of part_i / pct_i against total / pct_total (implied plans)
        ivs = []
        mid = Decimal(0)
        for a, p in calc["parts"]:
            al, ah, av, _ = operand(a)
            pl, ph, pv, _ = operand(p)
            ivs.append((al * 100 / ph, ah * 100 / pl))
            mid += av * 100 / pv
        A, P = calc["total"]
        al, ah, av, _ = operand(A)
        pl, ph, pv, _ = operand(P)
        lo = sum(i[0] for i in ivs); hi = sum(i[1] for i in ivs)
        tlo, thi, tmid = al * 100 / ph, ah * 100 / pl, av * 100 / pv
        ok = not (hi < tlo or lo > thi)
        return ("pass" if ok else fail,
                "sum of implied plans %s (%s..%s) vs implied total plan %s (%s..%s)" % (
                    fmt(mid, 2), fmt(lo, 2), fmt(hi, 2), fmt(tmid, 2), fmt(tlo, 2), fmt(thi, 2)))
    if op == "delta_pct":
        # stated change d and new value x: pct = d / (x - d) * 100
        x = opnd("new"); d = opnd("delta")
        old = isub((x[0], x[1]), (d[0], d[1]))
        iv = imul(idiv((d[0], d[1]), old), (100, 100))
        mid = d[2] / (x[2] - d[2]) * 100
        return compare(iv, mid, sign=calc.get("sign", 1))
    if op == "hidden_num":
        b = opnd("den")
        lo, hi, v, d = operand(calc["stated"])
        scale = Decimal(calc.get("scale", "100"))
        ks = [k for k in range(int(lo * b[2] / scale) - 1, int(hi * b[2] / scale) + 2)
              if k >= 0 and lo <= Decimal(k) / b[2] * scale <= hi]
        if ks:
            return "pass", "integer numerator(s) %s: %s" % (ks[:5], [fmt(Decimal(k) / b[2] * scale, 4) for k in ks[:3]])
        return fail, "no integer k gives %s of %s" % (fmt(v), fmt(b[2]))
    if op == "weekday":
        import datetime
        y, m, dd = (int(t) for t in calc["date"].split("-"))
        wd = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][datetime.date(y, m, dd).weekday()]
        return ("pass" if wd == calc["stated"] else fail), "%s is a %s (stated %s)" % (calc["date"], wd, calc["stated"])
    if op == "cagr":
        a, b = opnd("start"), opnd("end")
        n = Decimal(calc["years"])
        def g(x, y):
            return (Decimal(float(y) / float(x)) ** (1 / n) - 1) * 100
        iv = (g(a[1], b[0]), g(a[0], b[1]))
        mid = g(a[2], b[2])
        return compare(iv, mid)
    if op == "hidden_base":
        # is there an integer base N in [nmin, nmax] with num/N*scale inside stated?
        a = opnd("num")
        lo, hi, v, d = operand(calc["stated"])
        scale = Decimal(calc.get("scale", "100"))
        nmin = int(calc.get("nmin", 1))
        nmax_f = a[1] * scale / lo if lo > 0 else Decimal(10 ** 9)
        nmin_f = a[0] * scale / hi
        cands = [n for n in range(max(nmin, int(nmin_f)), int(nmax_f) + 2)
                 if lo <= a[2] / n * scale <= hi]
        if cands:
            return "pass", "integer base(s) %s give %s" % (cands[:5], [fmt(a[2] / n * scale, 4) for n in cands[:3]])
        near = int((a[2] * scale / v).to_integral_value())
        tc = [n for n in range(max(1, near - 3), near + 4) if trunc(a[2] / n * scale, d) == v]
        if tc:
            return "I", "no integer base rounds to %s; %s/%d*%s = %s truncates to it" % (
                fmt(v), fmt(a[2]), tc[0], scale, fmt(a[2] / tc[0] * scale, 4))
        return fail, "no integer base: %s/%d*%s = %s, %s/%d*%s = %s; stated %s" % (
            fmt(a[2]), near, scale, fmt(a[2] / near * scale, 4), fmt(a[2]), near + 1, scale,
            fmt(a[2] / (near + 1) * scale, 4), fmt(v))
    if op == "base_overlap":
        # implied base = count / pct*100 for each pair; do the intervals overlap?
        ivs = []
        for c, p in calc["pairs"]:
            cl, ch, cv, _ = operand(c, True) if not isinstance(c, dict) else operand(c, True)
            pl, ph, pv, _ = operand(p)
            ivs.append((cl * 100 / ph, ch * 100 / pl, cv * 100 / pv))
        lo = max(i[0] for i in ivs)
        hi = min(i[1] for i in ivs)
        txt = "implied bases " + ", ".join("%s..%s" % (fmt(i[0], 1), fmt(i[1], 1)) for i in ivs)
        return ("pass" if lo <= hi else fail), txt
    raise ValueError("unknown op %r" % op)


def fmt(x, nd=4):
    x = Decimal(x)
    q = x.quantize(Decimal(1).scaleb(-nd))
    s = format(q.normalize(), "f")
    return s


# ---------------------------------------------------------------- driver
def main(argv):
    verbose = "--verbose" in argv
    path = os.path.join(HERE, "gold.jsonl")
    rows = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    texts = {}
    bad = 0
    n_arith = 0
    ids = set()
    for r in rows:
        if r["id"] in ids:
            print("DUPLICATE id", r["id"]); bad += 1
        ids.add(r["id"])
        fn = os.path.join(HERE, "texts", r["file"])
        if fn not in texts:
            texts[fn] = open(fn, encoding="utf-8").read()
        if r["quote"] not in texts[fn]:
            print("QUOTE NOT FOUND", r["id"], repr(r["quote"])); bad += 1
        for num in r["numbers"]:
            if num not in texts[fn]:
                print("NUMBER NOT FOUND", r["id"], repr(num)); bad += 1
        calc = r.get("calc")
        if r["kind"] in ARITH_KINDS and not calc:
            print("MISSING calc for arithmetic row", r["id"]); bad += 1
            continue
        if not calc:
            continue
        n_arith += 1
        try:
            v, txt = evaluate(calc)
        except Exception as e:  # noqa
            print("ERROR", r["id"], e); bad += 1
            continue
        if v != r["verdict"]:
            print("MISMATCH %s: stored %s, recomputed %s (%s)" % (r["id"], r["verdict"], v, txt)); bad += 1
        elif verbose:
            print("ok %-10s %-5s %s" % (r["id"], v, txt))
    print("rows: %d, recomputed: %d, problems: %d" % (len(rows), n_arith, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
