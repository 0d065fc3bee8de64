#!/usr/bin/env python3
"""Reading a text document stays linear in its size, whatever its layouts.

    python bench/layouts.py                    # instructions (valgrind), sizes 1, 2, 4
    python bench/layouts.py --time --sizes 1,2,4,8

A document is made of k copies of a block holding each layout the text reader recognises
(space-aligned table with wrapped and centred labels and a page break, Pandoc simple, multiline
and grid tables, an HTML table, pipe tables without outer pipes, tab tables, a flattened
header, prose with double spaces and lines that almost align); every copy's words are changed
so no cache profits. For k = 1, 2, 4 … it prints the instructions (or the seconds) spent in
`read_text` (the reader and the document passes, not the patterns) and per copy: per copy
staying flat is what “linear” means here.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

BLOCK = """
{n}. Kết quả thực hiện các chỉ tiêu đợt {n}

                                                                    Kết quả thực hiện
  TT  Chỉ tiêu                        Đơn vị   KH năm        Thực        So với      So với
                                      tính     2023          hiện        cùng kỳ     kế hoạch
                                                                         (%)         (%)
   I  Về kinh tế đợt {n} (3 chỉ tiêu)
   1  Tổng giá trị sản xuất {n}       tỷ đồng  1.250         1.310       108,2       104,8
   2  Giá trị sản phẩm trên một ha    triệu    110           112         101,8       101,8
      đất trồng trọt {n}
   3  Thu ngân sách {n}               triệu    12.500        13.100      111,0       104,8

                                   - {n} -

  II  Văn hóa - xã hội (2 chỉ tiêu)
   4  Tỷ lệ hộ nghèo {n}              %                      1,9         86,4
   5  Tỷ lệ tham gia BHYT {n}         %        96,4          96,4        101,5       100,0

TT Chỉ tiêu {n}          ĐVT        KH 2023 TH 2023 So với KH (%)
-- --------------------- ---------- ------- ------- -------------
1  Tổng giá trị sản xuất tỷ đồng      1.250   1.310         104,8
2  Sản lượng lương thực  tấn          4.200   4.350         103,6

+----+-----------------------+------------+---------+---------+
| TT | Chỉ tiêu {n}          | ĐVT        | KH 2023 | TH 2023 |
+====+=======================+============+=========+=========+
| 1  | Tổng giá trị sản xuất | tỷ đồng    | 1.250   | 1.310   |
+----+-----------------------+------------+---------+---------+

<table><tr><th>TT</th><th>Chỉ tiêu {n}</th><th>KH</th><th>TH</th></tr>
<tr><td>1</td><td>Thu ngân sách</td><td>12.500</td><td>13.100</td></tr></table>

TT | Chỉ tiêu {n} | ĐVT | KH 2023 | TH 2023
--- | --- | --- | --- | ---
1 | Tổng giá trị sản xuất | tỷ đồng | 1.250 | 1.310

TT\tChỉ tiêu {n}\tĐVT\tKH 2023\tTH 2023
1\tTổng giá trị sản xuất\ttỷ đồng\t1.250\t1.310
Trang {n}
2\tSản lượng lương thực\ttấn\t4.200\t4.350

Tổng diện tích gieo trồng {n} ha, trong đó lúa 115 ha  đạt 99,13% kế hoạch,  sản lượng đạt  719,67  tấn.
- Đại học:        16/29 vị chiếm    55,17%;
- Trung cấp:      05/29 vị chiếm    17,24%;
"""

HEAD = ("ỦY BAN NHÂN DÂN XÃ TÂN LẬP CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc "
        "Số: 31/BC-UBND Tân Lập, ngày 12 tháng 12 năm 2023\nBÁO CÁO\nTổng kết năm 2023\n")


def document(k: int) -> str:
    return HEAD + "".join(BLOCK.replace("{n}", str(n).zfill(3)) for n in range(1, k + 1))


def _child(k: int) -> None:
    from auditor.extract.text import read_text

    text = document(k)
    t0 = time.perf_counter()
    doc = read_text(text, markdown=False)
    print(f"{time.perf_counter() - t0:.6f} {len(doc.blocks)} {len(text)}")


def instructions(k: int) -> int:
    """Instructions of reading a document of k copies, minus those of reading one of none."""
    def run(n: int) -> int:
        out = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                              sys.executable, __file__, "--child", str(n)],
                             capture_output=True, text=True, check=True)
        line = next(x for x in out.stderr.splitlines() if "Collected" in x)
        return int(line.split()[-1])
    return run(k) - run(0)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1,2,4")
    ap.add_argument("--time", action="store_true", help="wall time instead of instructions")
    ap.add_argument("--child", type=int)
    a = ap.parse_args()
    if a.child is not None:
        _child(a.child)
        return
    print("copies  characters  " + ("seconds  per copy (ms)" if a.time else "instructions  per copy"))
    for k in (int(x) for x in a.sizes.split(",")):
        chars = len(document(k))
        if a.time:
            out = subprocess.run([sys.executable, __file__, "--child", str(k)], capture_output=True,
                                 text=True, check=True).stdout.split()
            secs = float(out[0])
            print(f"{k:6d}  {chars:10d}  {secs:7.3f}  {1000 * secs / k:8.1f}")
        else:
            n = instructions(k)
            print(f"{k:6d}  {chars:10d}  {n:12d}  {n // k:10d}")


if __name__ == "__main__":
    main()
