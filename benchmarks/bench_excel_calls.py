"""How many xlwings calls one click of 一键校验 costs on a typical form (no Excel needed).

Runs perfxl.excel.main() on the recording fake (tests/fake_xlwings.py) loaded from a workbook
(default: samples/002_wuwei_selfeval_and_dept.xlsx if present, else the benchmark's typical form),
once on a fresh book and once more on the annotated book (the re-run that must replace earlier
annotations), and prints the calls by kind and operation. Each call is one round trip to Excel
(~0.1–1 ms over COM on Windows, more over AppleScript on macOS), so the count is the cost.

    python benchmarks/bench_excel_calls.py [WORKBOOK.xlsx] [--marks N]

``--marks N`` replaces the engine's plan with one of N flagged cells (half errors, half warnings)
on the first form sheet, to show how writes grow with findings.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from perfxl import engine, excel  # noqa: E402
from perfxl.findings import Finding  # noqa: E402
from perfxl.workbook.base import CellMark, a1  # noqa: E402
from perfxl.workbook.files import open_workbook_source  # noqa: E402
from tests.fake_xlwings import FakeBook  # noqa: E402


def _default_workbook() -> Path:
    sample = ROOT / "samples" / "002_wuwei_selfeval_and_dept.xlsx"
    if sample.exists():
        return sample
    from tests.fixtures_writeback import typical_form

    return typical_form(Path(tempfile.mkdtemp()) / "typical.xlsx")


def _with_marks(n: int):
    real = engine.check_source

    def check_source(source, config=None):
        report, plan = real(source, config)
        sheet = source.sheet_names()[0]
        for i in range(n):
            sev = "error" if i % 2 == 0 else "warning"
            cell = a1(5 + i, 2 + i % 3)
            plan.marks.append(CellMark(sheet, cell, sev, f"PX2{i:02d} 示例问题"))
            plan.findings.append(Finding(f"PX2{i:02d}", sev, sheet, cell, "示例问题"))
        return report, plan

    return check_source


def _print(title: str, book: FakeBook, seconds: float) -> None:
    kinds = Counter(k for k, _, _, _ in book.calls)
    ops = Counter(f"{k}:{o}" for k, o, _, _ in book.calls)
    print(f"\n{title}: {len(book.calls)} calls  ({seconds * 1000:.1f} ms in Python, fake Excel)")
    print("  by kind: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    for op, v in sorted(ops.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"    {v:4d}  {op}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("workbook", nargs="?", type=Path)
    ap.add_argument("--marks", type=int, default=10)
    args = ap.parse_args()
    path = args.workbook or _default_workbook()
    with open_workbook_source(path) as src:
        grids = [src.grid(n) for n in src.sheet_names()]
    merges = sum(len(g.merged) for g in grids)
    cells = sum(1 for g in grids for row in g.rows for v in row if v is not None)
    print(f"{path.name}: {len(grids)} sheets, {cells} non-empty cells, {merges} merged ranges")
    if args.marks:
        engine.check_source = _with_marks(args.marks)
    book = FakeBook.from_grids(grids, name=path.name)
    for title in ("first click", "second click (replaces the first)"):
        book.calls.clear()
        book.app.alerts.clear()
        t = time.perf_counter()
        excel.main(book)
        _print(title, book, time.perf_counter() - t)
        print("  message: " + book.app.alerts[-1][0].replace("\n", " / "))


if __name__ == "__main__":
    main()
