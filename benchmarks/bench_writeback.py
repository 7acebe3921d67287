"""Write-back cost against the DESIGN.md targets, as ratios measured in one run.

For N typical forms (3 sheets, ~120 rows, ~90 merged ranges) it times, per workbook:
  read      python-calamine: open, read every sheet's rows and merged ranges
  annotate  perfxl.writeback.annotate_workbook: 10 marks with comments, 3 scores, 校验结果
  openpyxl  load_workbook + 10 fills + 10 comments + a findings sheet + save
Targets: annotate <= 10x read, and openpyxl >= 10x annotate.

    python benchmarks/bench_writeback.py [-n 50]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE.parent / "tests")]

from fixtures_writeback import typical_form, typical_plan  # noqa: E402
from openpyxl import load_workbook  # noqa: E402
from openpyxl.comments import Comment  # noqa: E402
from openpyxl.styles import PatternFill  # noqa: E402
from python_calamine import CalamineWorkbook  # noqa: E402

from perfxl.writeback import annotate_workbook  # noqa: E402


def calamine_read(path: Path) -> int:
    wb = CalamineWorkbook.from_path(str(path))
    n = 0
    for name in wb.sheet_names:
        sheet = wb.get_sheet_by_name(name)
        n += len(sheet.to_python()) + len(sheet.merged_cell_ranges or [])
    return n


def openpyxl_annotate(path: Path, dst: Path, plan) -> None:
    wb = load_workbook(path)
    fills = {"error": PatternFill("solid", fgColor="FFFFC7CE"), "warning": PatternFill("solid", fgColor="FFFFEB9C")}
    for m in plan.marks:
        cell = wb[m.sheet][m.cell]
        cell.fill = fills[m.severity]
        cell.comment = Comment(m.comment, "perfxl")
    ws = wb.create_sheet("校验结果")
    ws.append(["规则", "级别", "工作表", "单元格", "问题说明", "应为", "实际"])
    for f in plan.findings:
        ws.append([f.rule, f.severity, f.sheet, f.cell, f.message, f.expected, f.actual])
    wb.save(dst)


def timed(fn, paths) -> list[float]:
    out = []
    for p in paths:
        t = time.perf_counter()
        fn(p)
        out.append(time.perf_counter() - t)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=50, help="number of workbooks")
    args = ap.parse_args()
    plan = typical_plan()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        srcs = [typical_form(tmp / f"form{i}.xlsx", seed=i) for i in range(args.n)]
        out = tmp / "out"
        out.mkdir()
        # warm-up: imports, caches, first-call costs
        calamine_read(srcs[0])
        annotate_workbook(srcs[0], out / "w.xlsx", plan)
        openpyxl_annotate(srcs[0], out / "w2.xlsx", plan)

        read = timed(calamine_read, srcs)
        ann = timed(lambda p: annotate_workbook(p, out / p.name, plan), srcs)
        opx = timed(lambda p: openpyxl_annotate(p, out / ("o-" + p.name), plan), srcs)

    med = {k: statistics.median(v) * 1000 for k, v in (("read", read), ("annotate", ann), ("openpyxl", opx))}
    print(f"workbooks: {args.n} (3 sheets, 120 rows, ~90 merged ranges each)")
    for k, v in med.items():
        print(f"  {k:<9} median {v:8.2f} ms/workbook")
    r1 = med["annotate"] / med["read"]
    r2 = med["openpyxl"] / med["annotate"]
    print(f"annotate / calamine read : {r1:6.1f}x   (target <= 10x) {'OK' if r1 <= 10 else 'MISSED'}")
    print(f"openpyxl / annotate      : {r2:6.1f}x   (target >= 10x) {'OK' if r2 >= 10 else 'MISSED'}")


if __name__ == "__main__":
    main()
